package app.eventide.shell

import app.eventide.core.DesiredNotification
import app.eventide.core.Eventide
import app.eventide.core.Medication
import app.eventide.core.NewMedication
import app.eventide.core.Slot
import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.time.ZoneId

/** A named test: plain functions with kotlin.test assertions, run by [main]. */
typealias Test = Pair<String, () -> Unit>

/** The OS's alarm list, as a fake: [pending] is what would fire, by id. */
class FakeAlarms : AlarmPort {
    val pending = LinkedHashMap<String, Pair<DesiredNotification, Boolean>>()
    var exactRefused = false
    var scheduleCalls = 0
    var cancelCalls = 0

    override fun schedule(n: DesiredNotification, exact: Boolean): Boolean {
        scheduleCalls++
        val really = exact && !exactRefused
        pending[n.id] = n to really
        return really
    }

    /** The phone restarts: AlarmManager keeps no alarm across a reboot. */
    fun reboot() = pending.clear()

    /** Settings > Apps > Force stop: every alarm of the app is cancelled. */
    fun forceStop() = pending.clear()

    override fun cancel(alarm: ScheduledAlarm) {
        cancelCalls++
        pending.remove(alarm.id)
    }
}

/** The ledger in memory. */
class MemoryLedger(var text: String = "") : LedgerStore {
    override fun read() = text
    override fun write(text: String) { this.text = text }
}

/**
 * A real core on a fresh database in a temp directory, with the shell's java.time zone
 * (switchable, as when the phone travels), a fake alarm manager and a settable clock.
 */
class Fixture(zoneId: String = "Europe/London", start: String = "2026-11-25T14:00:00Z") : AutoCloseable {
    var zone: ZoneId = ZoneId.of(zoneId)
    var now: Instant = Instant.parse(start)
    var exact = true
    private val dir: File = Files.createTempDirectory("eventide-shell").toFile()
    val core = Eventide(File(dir, "eventide.db").path, JavaTimeZone { zone })
    val alarms = FakeAlarms()
    val ledger = MemoryLedger()
    val sync = ReminderSync(core, alarms, ledger)
    val controller = Controller(core, sync, { now }, { exact })

    /** Amitriptyline (10 and 25 mg tablets), evening, bedtime 23:00 unless told, on [doseMg] nightly. */
    fun amitriptyline(doseMg: Double = 25.0, leadMinutes: Int = 120, bedtime: String = "23:00"): Medication {
        core.setBedtime(bedtime, emptyList())
        val med = core.addMedication(NewMedication("Amitriptyline", listOf(10.0, 25.0), false, emptyList(), Slot.Evening(leadMinutes.toUShort())), now)
        core.maintain(med.id, doseMg, null, emptyList(), now)
        return med
    }

    fun desired(days: UInt = ReminderSync.DAYS_AHEAD) = core.desiredNotifications(now, days)

    override fun close() {
        core.close()
        dir.deleteRecursively()
    }
}

fun <T> fixture(zoneId: String = "Europe/London", start: String = "2026-11-25T14:00:00Z", body: Fixture.() -> T): T =
    Fixture(zoneId, start).use { it.body() }

fun main() {
    val all: List<Test> = zoneTests + reconcileTests + actionTests + screenTests + sharingTests + formTests
    var failed = 0
    for ((name, body) in all) {
        try {
            body()
            println("ok    $name")
        } catch (t: Throwable) {
            failed++
            println("FAIL  $name\n      $t")
            t.stackTrace.firstOrNull { it.className.startsWith("app.eventide.shell") }?.let { println("      at $it") }
        }
    }
    println("android-shell: ${all.size - failed} passed, $failed failed")
    if (failed > 0) kotlin.system.exitProcess(1)
}
