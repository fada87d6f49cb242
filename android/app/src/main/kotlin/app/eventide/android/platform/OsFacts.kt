package app.eventide.android.platform

import android.content.Context
import android.os.Process
import android.provider.Settings
import app.eventide.core.AndroidFacts
import app.eventide.shell.OsFactsPort

/**
 * What the core's plans need to know of the OS, read afresh for each reconcile:
 * `Settings.Global.BOOT_COUNT` (API 24+: alarms do not survive a restart; null if a device
 * does not keep it, which the core treats as a restart), `Process.getStartElapsedRealtime()`
 * (API 24+: with the boot count it names this process, so the core can tell a new process
 * started by the user — possibly after a force-stop — from the one that wrote the ledger), and
 * whether exact alarms are allowed.
 */
class AndroidOsFacts(private val context: Context) : OsFactsPort {
    override fun facts() = AndroidFacts(
        bootCount = try {
            Settings.Global.getInt(context.contentResolver, Settings.Global.BOOT_COUNT).toLong()
        } catch (e: Settings.SettingNotFoundException) {
            null
        },
        processStart = Process.getStartElapsedRealtime(),
        exactAllowed = Permissions.canScheduleExact(context),
    )
}
