package app.eventide.android.platform

import android.app.AlarmManager
import android.content.Context
import app.eventide.core.DesiredNotification
import app.eventide.shell.AlarmPort
import app.eventide.shell.ScheduledAlarm

/**
 * [AlarmPort] on AlarmManager. Exact alarms use `setExactAndAllowWhileIdle` so a 21:00
 * reminder fires at 21:00 even in Doze; without the permission (or if the OS refuses) the
 * alarm goes in with `setAndAllowWhileIdle`, which Android may delay, and the app shows a
 * warning. (`setAlarmClock` is not used: it shows an alarm-clock icon all day and is meant for
 * alarms the user sets as such.)
 */
class AndroidAlarms(private val context: Context) : AlarmPort {
    private val alarms = context.getSystemService(AlarmManager::class.java)

    override fun schedule(n: DesiredNotification, exact: Boolean): Boolean {
        val operation = AlarmReceiver.pendingIntent(context, n)
        val at = n.fireAt.at.toEpochMilli()
        if (exact) {
            try {
                alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
                return true
            } catch (e: SecurityException) {
                // Permission revoked between the check and now: fall through to inexact.
            }
        }
        alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
        return false
    }

    override fun cancel(alarm: ScheduledAlarm) {
        AlarmReceiver.existing(context, alarm.id)?.let {
            alarms.cancel(it)
            it.cancel()
        }
    }
}
