// Every kind of failure arrives in Kotlin as the matching typed EventideException, carrying
// the facts a screen needs (which field, which warnings) and a sentence a user can act on;
// refused input writes nothing.
package app.eventide.tests

import app.eventide.core.CheckInAnswer
import app.eventide.core.DeviceZone
import app.eventide.core.Eventide
import app.eventide.core.EventideException
import app.eventide.core.NewMedication
import app.eventide.core.NotificationAction
import app.eventide.core.Slot
import app.eventide.core.parseStrengths
import java.io.File
import java.io.RandomAccessFile
import java.time.Instant
import java.util.UUID

fun errorTests(suite: Suite) {
    suite.test("bad input is refused as InvalidInput naming the field, and nothing is written") { invalidInputs() }
    suite.test("unknown things are NotFound, contradictions are Conflict") { notFoundAndConflict() }
    suite.test("unusual plans need confirmation; unmeasurable doses say what is held") { confirmationAndMeasurable() }
    suite.test("foreign, newer and unopenable databases are refused with typed errors and left untouched") { badDatabases() }
    suite.test("a zone implementation that throws becomes an exception, not a crash") { throwingZone() }
    suite.test("strengths typed in a form are read by the core; '12,5' is asked about, words refused") { typedStrengths() }
}

private fun typedStrengths() {
    checkEq(listOf(10.0, 25.0), parseStrengths("tablet", "10, 25"), "a list with a comma and space")
    checkEq(listOf(10.0, 12.5), parseStrengths("tablet", "10 mg; 12.5mg"), "units and semicolons")
    checkEq(listOf<Double>(), parseStrengths("liquid", ""), "an empty box")
    val ambiguous = expectThrows<EventideException.InvalidInput>("a decimal comma") { parseStrengths("tablet", "12,5") }
    checkEq("tablet", ambiguous.field, "field of the ambiguous strength")
    check(ambiguous.reason.contains("12.5") && ambiguous.reason.contains("12, 5")) { "both readings offered: ${ambiguous.reason}" }
    val word = expectThrows<EventideException.InvalidInput>("a word") { parseStrengths("liquid", "10, ten") }
    checkEq("liquid", word.field, "field of the word")
}

private fun invalidInputs() {
    val app = Eventide(freshDb("invalid"), LONDON)
    val now = utc("2026-11-23T14:00")
    val med = app.addMedication(amitriptyline(), now)
    val cases: List<Pair<String, () -> Unit>> = listOf(
        "name" to { app.addMedication(amitriptyline().copy(name = "   "), now) },
        "name" to { app.addMedication(amitriptyline().copy(name = "x".repeat(81)), now) },
        "tablet" to { app.addMedication(amitriptyline().copy(tabletMg = listOf(-10.0)), now) },
        "tablet" to { app.addMedication(amitriptyline().copy(tabletMg = listOf(Double.NaN)), now) },
        "lead" to { app.addMedication(amitriptyline().copy(slot = Slot.Evening(30.toUShort())), now) },
        "times" to { app.addMedication(amitriptyline().copy(slot = Slot.Times(listOf("08:00", "8 pm"))), now) },
        "bedtime" to { app.setBedtime("25:00", listOf()) },
        "checkin-time" to { app.setCheckinTime("15:00") },
        "lead" to { app.setLead(med.id, 200.toUShort()) },
        "medication_id" to { app.planView("not-an-id", now) },
        "night" to { app.take(med.id, "yesterday", null, now) },
        "night" to { app.take(med.id, "2026-12-25", null, now) },
        "minutes" to { app.snooze(med.id, null, 0u, now) },
        "days" to { app.desiredNotifications(now, 0u) },
        "days" to { app.desiredNotifications(now, 31u) },
        "now" to { app.today(Instant.parse("1960-01-01T00:00:00Z")) },
        "pain" to { app.checkIn(CheckInAnswer(null, 11.toUByte(), listOf(), null), null, now) },
        "notification" to { app.handleAction("dose:nonsense", NotificationAction.TAKEN, now) },
        "action" to { app.handleAction("checkin:2026-11-23", NotificationAction.TAKEN, now) },
        "target" to { app.titrate(med.id, 50.0, 10.0, 7u, 10.0, null, listOf(), now) },
        "every" to { app.titrate(med.id, 10.0, 10.0, 0u, 50.0, null, listOf(), now) },
        "starts_on" to { app.titrate(med.id, 10.0, 10.0, 7u, 50.0, "next week", listOf(), now) },
        "dose" to { app.maintain(med.id, 0.0, null, listOf(), now) },
    )
    for ((field, call) in cases) {
        val e = expectThrows<EventideException.InvalidInput>("input for '$field'") { call() }
        checkEq(field, e.field, "field named by the error")
        check(e.reason.isNotBlank()) { "a reason for '$field'" }
        check(e.toString().contains(e.reason)) { "toString() carries the user sentence: $e" }
    }
    checkEq(1, app.medications().size, "refused medications were not saved")
    checkEq("22:30", app.daySettings().defaultBedtime, "a refused bedtime changed nothing")
    expectThrows<EventideException.NotFound>("no plan was saved by refused titrations") { app.planView(med.id, now) }
    app.close()
}

private fun notFoundAndConflict() {
    val app = Eventide(freshDb("conflict"), LONDON)
    val now = utc("2026-11-23T14:00")
    val stranger = UUID.randomUUID().toString()
    val e1 = expectThrows<EventideException.NotFound>("plan of an unknown medication") { app.planView(stranger, now) }
    check(e1.what.contains("medication")) { "what: ${e1.what}" }
    expectThrows<EventideException.NotFound>("tap on a notification of an unknown medication") {
        app.handleAction("dose:$stranger:0:2026-11-23", NotificationAction.TAKEN, utc("2026-11-23T21:05"))
    }
    val med = app.addMedication(amitriptyline(), now)
    val e2 = expectThrows<EventideException.NotFound>("plan before one is set") { app.planView(med.id, now) }
    check(e2.toString().contains("Amitriptyline")) { "names the medicine: $e2" }

    app.maintain(med.id, 25.0, null, listOf(), now)
    app.take(med.id, null, null, utc("2026-11-23T21:05"))
    val c = expectThrows<EventideException.Conflict>("skipping a dose already taken") { app.skip(med.id, null, null, utc("2026-11-23T21:10")) }
    check(c.reason.contains("already recorded as taken")) { "reason: ${c.reason}" }
    expectThrows<EventideException.Conflict>("snoozing a dose already taken") { app.snooze(med.id, null, 10u, utc("2026-11-23T21:11")) }
    expectThrows<EventideException.Conflict>("confirming tolerability on a steady dose") { app.confirmTolerable(med.id, now) }
    checkEq(1, app.doseLog("2026-11-23", "2026-11-23").size, "the refused actions wrote nothing")
    app.close()
}

private fun confirmationAndMeasurable() {
    val app = Eventide(freshDb("confirm"), LONDON)
    val now = utc("2026-11-23T14:00")
    val med = app.addMedication(amitriptyline(), now)
    val e = expectThrows<EventideException.NeedsConfirmation>("a target above the usual ceiling") {
        app.titrate(med.id, 10.0, 10.0, 7u, 100.0, null, listOf(), now)
    }
    check(e.warnings.isNotEmpty() && e.warnings[0].contains("75 mg")) { "warnings: ${e.warnings}" }
    val plan = app.titrate(med.id, 10.0, 10.0, 7u, 100.0, null, e.warnings, now)
    checkEq(100.0, plan.steps.last().doseMg, "the confirmed plan is saved")
    checkEq(e.warnings, app.planHistory(med.id).single().confirmedWarnings, "the confirmed warnings are kept with the plan")

    val m = expectThrows<EventideException.DoseNotMeasurable>("12 mg from 10 and 25 mg tablets") { app.maintain(med.id, 12.0, null, listOf(), now) }
    checkEq("12 mg", m.dose, "the dose asked for")
    check(m.holding.contains("10 mg and 25 mg")) { "what is held: ${m.holding}" }
    check(m.hint.isNotBlank()) { "a hint what to do" }
    checkEq(1, app.planHistory(med.id).size, "the refused plan was not saved")
    app.close()
}

private fun badDatabases() {
    // Not a database at all.
    val text = File(freshDb("notes")).apply { writeText("shopping list: milk, eggs\n".repeat(200)) }
    val before = text.readBytes()
    val e1 = expectThrows<EventideException.NotEventideDatabase>("opening a text file") { Eventide(text.path, LONDON) }
    check(e1.toString().contains("left untouched")) { "message: $e1" }
    check(before.contentEquals(text.readBytes())) { "the text file must be left exactly as it was" }

    // Written by a newer Eventide (schema version bumped in the SQLite header).
    val path = freshDb("newer")
    Eventide(path, LONDON).use { it.addMedication(amitriptyline(), utc("2026-11-23T14:00")) }
    RandomAccessFile(path, "rw").use { f -> f.seek(60); f.writeInt(999) } // PRAGMA user_version lives at byte 60
    val newer = File(path).readBytes()
    val e2 = expectThrows<EventideException.NewerDatabase>("opening a database from a newer app") { Eventide(path, LONDON) }
    checkEq(999u, e2.found, "schema version found")
    check(e2.toString().contains("update the app")) { "message: $e2" }
    check(newer.contentEquals(File(path).readBytes())) { "the newer database must be left exactly as it was" }

    // A path that cannot be a database file: it is a directory.
    val dir = File(freshDb("dir")).apply { mkdirs() }
    val e3 = expectThrows<EventideException>("opening a directory as the database") { Eventide(dir.path, LONDON) }
    check(e3 is EventideException.Storage || e3 is EventideException.NotEventideDatabase) { "typed error for a directory: ${e3::class.simpleName}: $e3" }
    check(e3.toString().isNotBlank()) { "a message for the unopenable path" }
    val e4 = expectThrows<EventideException.InvalidInput>("an empty path") { Eventide("  ", LONDON) }
    checkEq("db_path", e4.field, "field for the path")
}

/** A zone that fails: a shell bug must surface as an exception and leave the data usable. */
private class BrokenZone : DeviceZone {
    override fun offsetSecondsAt(instant: Instant): Int = throw IllegalStateException("zone database unavailable")
    override fun nextTransitionAfter(instant: Instant): Instant? = throw IllegalStateException("zone database unavailable")
}

private fun throwingZone() {
    val path = freshDb("brokenzone")
    val now = utc("2026-11-23T14:00")
    val good = Eventide(path, LONDON)
    val med = good.addMedication(amitriptyline(), now)
    good.maintain(med.id, 10.0, null, listOf(), now)
    val broken = Eventide(path, BrokenZone())
    val e = expectThrows<Exception>("a call that needs the failing zone") { broken.today(now) }
    check(e !is EventideException.InvalidInput) { "not blamed on the user's input: $e" }
    // The library and the database are still fine afterwards.
    checkEq(1, good.today(now).doses.size, "the good object still works after the failure")
    broken.close()
    good.close()
}
