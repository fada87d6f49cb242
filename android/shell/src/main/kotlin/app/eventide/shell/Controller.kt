package app.eventide.shell

import app.eventide.core.EventideInterface
import java.time.Instant

/**
 * The app's handle on the core for changes: runs a write, then the one reconcile path, so no
 * screen can forget to update reminders. Reads (today, plan view) go to the core directly.
 *
 * [clock] is the only place the shell reads the time; [exactAllowed] asks the platform
 * whether exact alarms may be used right now.
 */
class Controller(
    val core: EventideInterface,
    private val sync: ReminderSync,
    private val clock: () -> Instant,
    private val exactAllowed: () -> Boolean,
) {
    /** Runs [write] with the current instant, then reconciles reminders (even if it threw). */
    fun <T> change(write: (Instant) -> T): T = try {
        write(clock())
    } finally {
        reconcileQuietly()
    }

    /** Runs [read] with the current instant; nothing is written, so nothing to reconcile. */
    fun <T> read(read: (Instant) -> T): T = read(clock())

    /** Reconciles now; used by boot, update, clock, zone and permission events too. */
    fun reconcile(): ReconcilePlan = sync.reconcile(clock(), exactAllowed())

    /** [reconcile] for paths that must not fail (after a write): errors are returned, not thrown. */
    fun reconcileQuietly(): Throwable? = try {
        reconcile(); null
    } catch (e: Exception) {
        e
    }

    /** Notification buttons, reconciled the same way. */
    val actions = ActionRouter(core) { reconcileQuietly() }
}
