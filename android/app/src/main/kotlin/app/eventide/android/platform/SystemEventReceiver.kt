package app.eventide.android.platform

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import app.eventide.android.EventideApp
import java.util.TimeZone

/**
 * Boot, app update, clock change, zone change and the exact-alarm permission being granted:
 * after each, pending alarms may be missing or at the wrong instant, so reconcile (the same
 * path the app uses after every change).
 */
class SystemEventReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val action = intent.action ?: return
        if (action !in HANDLED) return
        if (action == Intent.ACTION_TIMEZONE_CHANGED) {
            // Make sure java.time (JavaTimeZone) sees the new zone in this process.
            TimeZone.setDefault(null)
        }
        runAsync { EventideApp.reconcile(context, action) }
    }

    companion object {
        val HANDLED = setOf(
            Intent.ACTION_BOOT_COMPLETED,
            Intent.ACTION_MY_PACKAGE_REPLACED,
            Intent.ACTION_TIME_CHANGED, // "android.intent.action.TIME_SET"
            Intent.ACTION_TIMEZONE_CHANGED,
            "android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED",
        )
    }
}
