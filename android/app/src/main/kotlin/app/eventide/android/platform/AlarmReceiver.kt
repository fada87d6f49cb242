package app.eventide.android.platform

import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.net.Uri
import app.eventide.android.EventideApp
import app.eventide.core.ScheduledReminder
import app.eventide.core.Wake
import java.time.Instant

/**
 * One of the app's alarms went off: post the notifications it carries that the core says are
 * due and unanswered (and not already on screen) — all of them not on screen if the core
 * cannot answer — then reconcile, which also rolls the window forward.
 */
class AlarmReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val carried = NotificationSpec.listFrom(intent)
        runAsync("alarm") {
            val ids = carried.map { it.id }
            val sync = EventideApp.of(context).opened.getOrNull()?.sync
            val show = sync?.toShow(ids, Instant.now()) ?: ids.filter { it !in AndroidShade(context).shown() }
            carried.filter { it.id in show }.forEach { Notifications.post(context, it) }
            EventideApp.reconcile(context, Wake.ALARM_FIRED)
        }
    }

    companion object {
        /** Alarms are told apart by their data URI (the plan's key), not by number. */
        private fun intent(context: Context, key: String) = Intent(context, AlarmReceiver::class.java)
            .setData(Uri.Builder().scheme("eventide").authority("alarm").appendPath(key).build())

        /** The alarm's operation, carrying everything its notifications show. */
        fun pendingIntent(context: Context, alarm: ScheduledReminder): PendingIntent {
            val intent = intent(context, alarm.key)
            NotificationSpec.writeAll(alarm.notices.map(NotificationSpec::of), intent)
            return PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
        }

        /** The pending alarm for [key], if the system still holds its PendingIntent (`FLAG_NO_CREATE`). */
        fun existing(context: Context, key: String): PendingIntent? =
            PendingIntent.getBroadcast(context, 0, intent(context, key), PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE)
    }
}
