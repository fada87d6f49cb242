package app.eventide.android

import android.app.Application
import android.content.Context
import android.util.Log
import app.eventide.android.platform.AndroidAlarms
import app.eventide.android.platform.FileLedger
import app.eventide.android.platform.Notifications
import app.eventide.android.platform.Permissions
import app.eventide.core.Eventide
import app.eventide.shell.Controller
import app.eventide.shell.JavaTimeZone
import app.eventide.shell.ReminderSync
import java.io.File
import java.time.Instant
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * Opens the core once for the process and owns the one [Controller] (writes + reconcile).
 * The database lives in app-private storage (files/db/, see README's backup decision); the
 * alarm ledger in no-backup storage.
 */
class EventideApp : Application() {
    /** The open core, or why it could not be opened (damaged or newer database: shown by the UI). */
    val opened: Result<Controller> by lazy { runCatching { open() } }

    override fun onCreate() {
        super.onCreate()
        Notifications.createChannels(this)
        // Covers crash recovery and a revoked exact-alarm permission (which kills the process
        // and drops its exact alarms): every process start reconciles once.
        io.execute { reconcile(this, "process start") }
    }

    private fun open(): Controller {
        val dir = File(filesDir, "db").apply { mkdirs() }
        val core = Eventide(File(dir, "eventide.db").path, JavaTimeZone())
        val sync = ReminderSync(core, AndroidAlarms(this), FileLedger(File(noBackupFilesDir, "alarms.ledger")))
        return Controller(core, sync, Instant::now) { Permissions.canScheduleExact(this) }
    }

    companion object {
        private const val TAG = "Eventide"

        /** One background thread for core calls from receivers and the UI: calls stay ordered. */
        val io: ExecutorService = Executors.newSingleThreadExecutor()

        fun of(context: Context): EventideApp = context.applicationContext as EventideApp

        /** The one reconcile path, from anywhere; failures are logged, never thrown. */
        fun reconcile(context: Context, why: String) {
            val controller = of(context).opened.getOrElse {
                Log.w(TAG, "reconcile ($why) skipped: the database could not be opened", it)
                return
            }
            controller.reconcileQuietly()?.let { Log.w(TAG, "reconcile ($why) failed", it) }
            Notifications.clearStale(context, controller.core)
        }
    }
}
