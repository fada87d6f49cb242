package app.eventide.shell

import app.eventide.core.AndroidFacts
import app.eventide.core.NotificationKind
import app.eventide.core.PhoneTime
import app.eventide.core.ScheduledReminder
import app.eventide.core.Eventide
import app.eventide.core.Medication
import app.eventide.core.Ingredient
import app.eventide.core.NewMedication
import app.eventide.core.Slot
import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.time.ZoneId

/** A named test: plain functions with kotlin.test assertions, run by [main]. */
typealias Test = Pair<String, () -> Unit>

/** A notification as an alarm would post it: what the tests look at. */
data class PendingNote(val id: String, val kind: NotificationKind, val date: String, val title: String, val fireAt: PhoneTime)

/**
 * The phone as a fake: AlarmManager's alarms (by key), the notification shade, and what the
 * shell can read of the OS (boot count, process start, exact-alarm permission). [reboot] and
 * [forceStop] do to it what Android does.
 */
class FakeOs(private val zone: () -> ZoneId, private val clock: () -> Instant) : AlarmPort, ShadePort, OsFactsPort {
    val alarms = LinkedHashMap<String, Pair<ScheduledReminder, Boolean>>()
    val shade = LinkedHashSet<String>()
    var bootCount: Long? = 17
    var processStart = 1_000L
    var exactAllowed = true
    var exactRefused = false
    var scheduleCalls = 0
    var cancelCalls = 0

    /** Every notification a pending alarm would post (backstops aside, and alarms already due have fired), by id. */
    val pending: Map<String, Pair<PendingNote, Boolean>>
        get() = alarms.values.filter { !it.first.key.startsWith("late:") && it.first.at.isAfter(clock()) }.flatMap { (r, exact) ->
            val local = r.at.atZone(zone())
            val at = PhoneTime(r.at, local.toLocalDate().toString(), "%02d:%02d".format(local.hour, local.minute), local.offset.totalSeconds)
            r.notices.map { it.id to (PendingNote(it.id, it.kind, it.date, it.title, at) to exact) }
        }.toMap()

    override fun schedule(alarm: ScheduledReminder): Boolean {
        scheduleCalls++
        val really = alarm.exact && exactAllowed && !exactRefused
        alarms[alarm.key] = alarm to really
        return really
    }

    override fun cancel(key: String) {
        cancelCalls++
        alarms.remove(key)
    }

    override fun shown(): List<String> = shade.toList()

    override fun withdraw(id: String) {
        shade.remove(id)
    }

    override fun facts() = AndroidFacts(bootCount, processStart, exactAllowed)

    /** The phone restarts: no alarm survives, the boot count moves on, a new process starts. */
    fun reboot() {
        alarms.clear()
        shade.clear()
        bootCount = bootCount?.plus(1)
        processStart = 20_000L
    }

    /** Settings › Apps › Force stop: every alarm and notification of the app goes; the user opens it again. */
    fun forceStop() {
        alarms.clear()
        shade.clear()
        processStart += 60_000L
    }

    /** The user withdraws "Alarms & reminders": the exact alarms are deleted, silently. */
    fun revokeExact() {
        exactAllowed = false
        alarms.entries.removeIf { it.value.second }
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
    private val dir: File = Files.createTempDirectory("eventide-shell").toFile()
    val core = Eventide(File(dir, "eventide.db").path, JavaTimeZone { zone })
    val alarms = FakeOs({ zone }, { now })
    val ledger = MemoryLedger()
    val sync = ReminderSync(core, alarms, ledger, alarms, alarms)
    val controller = Controller(core, sync) { now }

    /** Amitriptyline (10 and 25 mg tablets), evening, bedtime 23:00 unless told, on [doseMg] nightly. */
    fun amitriptyline(doseMg: Double = 25.0, leadMinutes: Int = 120, bedtime: String = "23:00"): Medication {
        core.setBedtime(bedtime, emptyList())
        val med = core.addMedication(NewMedication("Amitriptyline", Ingredient.AMITRIPTYLINE, listOf(10.0, 25.0), false, emptyList(), Slot.Evening(leadMinutes.toUShort())), now)
        core.maintain(med.id, doseMg, null, emptyList(), now)
        return med
    }

    /** The core's desired list over the Android alarm window (14 days from now). */
    fun desired(days: UInt = 14u) = core.desiredNotifications(now, days).filter { !it.fireAt.at.isAfter(now.plus(java.time.Duration.ofDays(14))) }

    override fun close() {
        core.close()
        dir.deleteRecursively()
    }
}

fun <T> fixture(zoneId: String = "Europe/London", start: String = "2026-11-25T14:00:00Z", body: Fixture.() -> T): T =
    Fixture(zoneId, start).use { it.body() }

fun main() {
    val all: List<Test> = zoneTests + reconcileTests + actionTests + screenTests + sharingTests + formTests + suppliesTests
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
