package app.eventide.android.platform

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import app.eventide.android.EventideApp
import app.eventide.shell.SystemEvents
import java.util.TimeZone

/**
 * Boot, app update, clock change, zone change and the exact-alarm permission being granted:
 * after each, pending alarms may be missing or at the wrong instant, so reconcile with what
 * happened; the core decides what the OS still holds (a restart empties it, whatever the
 * ledger says).
 */
class SystemEventReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val wake = SystemEvents.wake(intent.action ?: return) ?: return
        if (intent.action == Intent.ACTION_TIMEZONE_CHANGED) {
            // Make sure java.time (JavaTimeZone) sees the new zone in this process.
            TimeZone.setDefault(null)
        }
        runAsync(wake.name) { EventideApp.reconcile(context, wake) }
    }
}
