package app.eventide.shell

import app.eventide.core.AndroidFacts
import app.eventide.core.ScheduledReminder
import app.eventide.core.Wake

/**
 * The OS side of reminders, implemented on Android with `AlarmManager` (and by a fake OS in
 * tests). An alarm's identity is its key (`at:{epoch}`, `late:{epoch}`, `catch-up`), so
 * scheduling a key again replaces the earlier alarm.
 */
interface AlarmPort {
    /**
     * Schedules [alarm] at its instant, carrying its notices; exact when [ScheduledReminder.exact]
     * and the OS agrees (an exact alarm refused falls back to an inexact one). Returns whether
     * it went in exact.
     */
    fun schedule(alarm: ScheduledReminder): Boolean

    /** Cancels the alarm with [key] (nothing happens if none is pending). */
    fun cancel(key: String)
}

/** Where the core's ledger text lives (a file in no-backup app storage on Android). */
interface LedgerStore {
    /** The saved text, or "" when there is none yet. */
    fun read(): String

    /** Replaces the saved text. */
    fun write(text: String)
}

/** The app's notifications on screen: their tags (the core's ids), and taking one away. */
interface ShadePort {
    fun shown(): List<String>

    fun withdraw(id: String)
}

/**
 * What the shell knows of the OS, read afresh for every reconcile: the boot count
 * (`Settings.Global.BOOT_COUNT`, null when unreadable), the process start
 * (`Process.getStartElapsedRealtime()`) and `AlarmManager.canScheduleExactAlarms()`.
 */
fun interface OsFactsPort {
    fun facts(): AndroidFacts
}

/**
 * The system broadcasts the app listens for, and what each tells the core. (The app is not
 * direct-boot aware — its database is in credential-encrypted storage — so it hears
 * `BOOT_COMPLETED`, after the first unlock, not `LOCKED_BOOT_COMPLETED`.)
 */
object SystemEvents {
    val wakes: Map<String, Wake> = mapOf(
        "android.intent.action.BOOT_COMPLETED" to Wake.BOOTED,
        "android.intent.action.MY_PACKAGE_REPLACED" to Wake.APP_UPDATED,
        "android.intent.action.TIME_SET" to Wake.CLOCK_CHANGED,
        "android.intent.action.TIMEZONE_CHANGED" to Wake.ZONE_CHANGED,
        "android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED" to Wake.EXACT_ALARMS_CHANGED,
    )

    /** What the broadcast [action] means for the reminders; null for one the app does not handle. */
    fun wake(action: String): Wake? = wakes[action]
}
