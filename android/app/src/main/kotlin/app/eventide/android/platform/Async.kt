package app.eventide.android.platform

import android.content.BroadcastReceiver
import android.util.Log
import app.eventide.android.EventideApp

/**
 * Runs [work] off the main thread while keeping the broadcast alive (`goAsync`), then
 * finishes it. Anything [work] throws — a core error, uniffi's `InternalException` for a Rust
 * panic, a runtime exception — is logged, never allowed to kill the process (the alarms stay
 * as they were). Core calls take milliseconds, well inside the receiver's time limit.
 */
fun BroadcastReceiver.runAsync(what: String, work: () -> Unit) {
    val pending = goAsync()
    EventideApp.io.execute {
        try {
            work()
        } catch (e: Throwable) {
            Log.e(EventideApp.TAG, "$what failed; reminders left as they were", e)
        } finally {
            pending.finish()
        }
    }
}
