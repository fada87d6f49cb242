package app.eventide.shell

import app.eventide.core.DesiredNotification
import app.eventide.core.EventideInterface
import java.time.Instant

/**
 * The OS side of reminders, implemented on Android with `AlarmManager` (and by a recording
 * fake in tests). The alarm's identity is the text id, so scheduling the same id again
 * replaces the earlier alarm.
 */
interface AlarmPort {
    /**
     * Schedules [n] at its fire instant, exactly when [exact] (falling back to an inexact
     * alarm if the OS refuses). Returns whether it really went in as exact.
     */
    fun schedule(n: DesiredNotification, exact: Boolean): Boolean

    /** Cancels the alarm for [alarm] (a no-op if it is not pending). */
    fun cancel(alarm: ScheduledAlarm)
}

/** Where the ledger text lives (a file in no-backup app storage on Android). */
interface LedgerStore {
    /** The saved text, or "" when there is none yet. */
    fun read(): String

    /** Replaces the saved text. */
    fun write(text: String)
}

/**
 * The one reconcile path. Every trigger — a change in the app, a notification button, an
 * alarm firing, boot, app update, clock or zone change, the exact-alarm permission changing —
 * calls [reconcile], which asks the core for the desired notifications and makes the OS
 * match: cancel what is no longer wanted, schedule what is missing or changed.
 */
class ReminderSync(
    private val core: EventideInterface,
    private val alarms: AlarmPort,
    private val ledger: LedgerStore,
    private val daysAhead: UInt = DAYS_AHEAD,
) {
    /** Reconciles at [now]. Throws the core's error (nothing is cancelled) if it cannot answer. */
    @Synchronized
    fun reconcile(now: Instant, exactAllowed: Boolean): ReconcilePlan {
        val desired = core.desiredNotifications(now, daysAhead)
        val plan = Reconciler.plan(desired, Ledger.decode(ledger.read()), exactAllowed)
        plan.toCancel.forEach(alarms::cancel)
        val scheduled = plan.toSchedule.map { (n, alarm) -> alarm.copy(exact = alarms.schedule(n, alarm.exact)) }
        ledger.write(Ledger.encode(plan.kept + scheduled))
        return plan.copy(toSchedule = plan.toSchedule.zip(scheduled) { (n, _), a -> n to a })
    }

    companion object {
        /**
         * Two weeks of reminders are kept pending. Every alarm that fires reconciles again,
         * so the window keeps rolling even if the app is never opened.
         */
        const val DAYS_AHEAD: UInt = 14u
    }
}
