package app.eventide.android.platform

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import app.eventide.android.EventideApp
import app.eventide.shell.ButtonResult
import java.time.Instant

/**
 * A one-tap button on a notification. No activity is started (no trampoline): the core
 * records the answer, the one reconcile path runs, and the notification is removed — or,
 * if the core refused, replaced by its reason. Any exception is logged by [runAsync].
 */
class ActionReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val id = intent.getStringExtra(EXTRA_ID) ?: return
        val numericId = intent.getIntExtra(EXTRA_NUMERIC_ID, 0)
        val action = intent.getStringExtra(EXTRA_ACTION) ?: return
        runAsync("button $action") {
            val controller = EventideApp.of(context).opened.getOrElse {
                Notifications.replaceWithMessage(context, id, numericId, "Open Eventide: the database could not be opened.")
                return@runAsync
            }
            when (val result = controller.actions.onButton(id, numericId, action, Instant.now())) {
                is ButtonResult.Done -> {
                    Notifications.cancel(context, result.id, result.numericId)
                    // A check-in answer that leaves something needing help now: show it at once.
                    result.urgent.forEach { Notifications.postUrgent(context, it) }
                }
                is ButtonResult.Refused -> Notifications.replaceWithMessage(context, result.id, result.numericId, result.message)
            }
        }
    }

    companion object {
        const val EXTRA_ID = "app.eventide.NOTIFICATION_ID"
        const val EXTRA_NUMERIC_ID = "app.eventide.NOTIFICATION_NUMBER"
        const val EXTRA_ACTION = "app.eventide.ACTION"
    }
}
