package app.eventide.android.platform

import android.content.BroadcastReceiver
import app.eventide.android.EventideApp

/**
 * Runs [work] off the main thread while keeping the broadcast alive (`goAsync`), then
 * finishes it. Core calls take milliseconds, well inside the receiver's time limit.
 */
fun BroadcastReceiver.runAsync(work: () -> Unit) {
    val pending = goAsync()
    EventideApp.io.execute {
        try {
            work()
        } finally {
            pending.finish()
        }
    }
}
