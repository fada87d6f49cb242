package app.eventide.android

import android.app.Application
import android.content.Context
import android.util.Log
import app.eventide.android.platform.AndroidAlarms
import app.eventide.android.platform.AndroidOsFacts
import app.eventide.android.platform.AndroidShade
import app.eventide.android.platform.FileLedger
import app.eventide.android.platform.Notifications
import app.eventide.core.Eventide
import app.eventide.core.Wake
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
 * core's alarm ledger in no-backup storage. Each entry point (activity, alarm, button,
 * system broadcast) reconciles with what woke it; a process start alone does not, since it
 * does not know why it started.
 */
class EventideApp : Application() {
    /** The open core, or why it could not be opened (damaged or newer database: shown by the UI). */
    val opened: Result<Controller> by lazy { runCatching { open() } }

    override fun onCreate() {
        super.onCreate()
        Notifications.createChannels(this)
    }

    private fun open(): Controller {
        val dir = File(filesDir, "db").apply { mkdirs() }
        val core = Eventide(File(dir, "eventide.db").path, JavaTimeZone())
        val shade = AndroidShade(this)
        val sync = ReminderSync(core, AndroidAlarms(this), FileLedger(File(noBackupFilesDir, "alarms.ledger")), shade, AndroidOsFacts(this))
        return Controller(core, sync, Instant::now)
    }

    companion object {
        const val TAG = "Eventide"

        /**
         * One background thread for core calls from receivers and the UI: calls stay ordered.
         * An exception escaping a task (uniffi's `InternalException` for a Rust panic, any
         * runtime exception) is logged; it never kills the process.
         */
        val io: ExecutorService = Executors.newSingleThreadExecutor { task ->
            Thread(task, "eventide-io").apply {
                setUncaughtExceptionHandler { _, e -> Log.e(TAG, "a background task failed; reminders left as they were", e) }
            }
        }

        fun of(context: Context): EventideApp = context.applicationContext as EventideApp

        /** The one reconcile path, from anywhere; failures are logged, never thrown. */
        fun reconcile(context: Context, wake: Wake) {
            val controller = of(context).opened.getOrElse {
                Log.w(TAG, "reconcile ($wake) skipped: the database could not be opened", it)
                return
            }
            controller.reconcileQuietly(wake)?.let { Log.w(TAG, "reconcile ($wake) failed; alarms left as they were", it) }
        }
    }
}
