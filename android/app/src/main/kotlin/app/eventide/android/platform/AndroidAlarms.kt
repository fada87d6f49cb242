package app.eventide.android.platform

import android.app.AlarmManager
import android.content.Context
import app.eventide.core.ScheduledReminder
import app.eventide.shell.AlarmPort

/**
 * [AlarmPort] on AlarmManager, doing what the core's plan says. An exact alarm uses
 * `setExactAndAllowWhileIdle` so a 21:00 reminder fires at 21:00 even in Doze; an inexact one
 * (the core's backstops, or every alarm without the permission) uses `setAndAllowWhileIdle`,
 * which Android may deliver up to an hour late. If the OS refuses an exact alarm
 * (`SecurityException`: the permission was withdrawn since it was checked) it goes in inexact
 * and the core records that. (`setAlarmClock` is not used: it needs the same permission and
 * shows an alarm-clock icon all day.)
 */
class AndroidAlarms(private val context: Context) : AlarmPort {
    private val alarms = context.getSystemService(AlarmManager::class.java)

    override fun schedule(alarm: ScheduledReminder): Boolean {
        val operation = AlarmReceiver.pendingIntent(context, alarm)
        val at = alarm.at.toEpochMilli()
        if (alarm.exact) {
            try {
                alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
                return true
            } catch (e: SecurityException) {
                // Permission withdrawn between the check and now: fall through to inexact.
            }
        }
        alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
        return false
    }

    /** Finds the alarm's PendingIntent without creating one (`FLAG_NO_CREATE`) and cancels both. */
    override fun cancel(key: String) {
        AlarmReceiver.existing(context, key)?.let {
            alarms.cancel(it)
            it.cancel()
        }
    }
}
