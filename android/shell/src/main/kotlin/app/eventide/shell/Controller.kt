package app.eventide.shell

import app.eventide.core.EventideInterface
import app.eventide.core.ReminderPlan
import app.eventide.core.Wake
import java.time.Instant

/**
 * The app's handle on the core for changes: runs a write, then the one reconcile path, so no
 * screen can forget to update reminders. Reads (today, plan view) go to the core directly.
 * [clock] is the only place the shell reads the time.
 */
class Controller(
    val core: EventideInterface,
    val sync: ReminderSync,
    private val clock: () -> Instant,
) {
    /** Runs [write] with the current instant, then reconciles reminders (even if it threw). */
    fun <T> change(write: (Instant) -> T): T = try {
        write(clock())
    } finally {
        reconcileQuietly(Wake.CHANGED)
    }

    /** Runs [read] with the current instant; nothing is written, so nothing to reconcile. */
    fun <T> read(read: (Instant) -> T): T = read(clock())

    /** Reconciles now after [wake]; throws what the core threw (nothing was touched). */
    fun reconcile(wake: Wake = Wake.APP_OPENED): ReminderPlan = sync.reconcile(wake, clock())

    /**
     * [reconcile] for paths that must not fail: any exception (a core error, uniffi's
     * `InternalException` for a Rust bug, a runtime exception) is returned, not thrown, and
     * the alarms stay as they were.
     */
    fun reconcileQuietly(wake: Wake = Wake.APP_OPENED): Exception? = try {
        reconcile(wake); null
    } catch (e: Exception) {
        e
    }

    /** Notification buttons, reconciled the same way. */
    val actions = ActionRouter(core) { reconcileQuietly(Wake.NOTIFICATION_ANSWERED) }
}
