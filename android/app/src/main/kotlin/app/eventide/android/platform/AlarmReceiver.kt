package app.eventide.android.platform

import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.net.Uri
import app.eventide.android.EventideApp
import app.eventide.core.DesiredNotification
import app.eventide.shell.stillWanted
import java.time.Instant

/**
 * A reminder's alarm went off. Posts the notification the alarm carries unless the dose was
 * recorded (or the check-in answered) in the meantime, then reconciles, which also rolls the
 * two-week window forward.
 */
class AlarmReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val shown = NotificationSpec.from(intent) ?: return
        runAsync {
            val controller = EventideApp.of(context).opened.getOrNull()
            val wanted = try {
                controller == null || stillWanted(shown.id, shown.kind, shown.date, controller.core.today(Instant.now()))
            } catch (e: Exception) {
                true // when in doubt, remind
            }
            if (wanted) Notifications.post(context, shown)
            EventideApp.reconcile(context, "alarm ${shown.id}")
        }
    }

    companion object {
        /** Alarms are told apart by their data URI (the notification's text id), not by number. */
        private fun intent(context: Context, id: String) = Intent(context, AlarmReceiver::class.java)
            .setData(Uri.Builder().scheme("eventide").authority("alarm").appendPath(id).build())

        /** The alarm's operation, carrying everything the notification shows. */
        fun pendingIntent(context: Context, n: DesiredNotification): PendingIntent {
            val intent = intent(context, n.id)
            NotificationSpec.of(n).writeTo(intent)
            return PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
        }

        /** The pending alarm for [id], if there is one. */
        fun existing(context: Context, id: String): PendingIntent? =
            PendingIntent.getBroadcast(context, 0, intent(context, id), PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE)
    }
}
