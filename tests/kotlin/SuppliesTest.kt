// Supplies through the generated bindings, as the shells call them: a count, the night it
// runs out on the plan, what to ask for, "I collected a prescription", corrections and their
// history, the refill reminder, bad input refused, and the printable plan calendar.
package app.eventide.tests

import app.eventide.core.Eventide
import app.eventide.core.EventideException
import app.eventide.core.Medication
import app.eventide.core.NotificationKind
import app.eventide.core.ReportFormat
import app.eventide.core.StockEventKind
import app.eventide.core.StockForm
import app.eventide.core.StockLine
import app.eventide.core.SupplyForecast
import app.eventide.core.SupplyItem
import app.eventide.core.SupplyLasts
import app.eventide.core.refillDaysChoices
import app.eventide.core.reportFormats

fun suppliesTests(suite: Suite) {
    suite.test("a titration on 10 mg tablets runs out on the night the arithmetic says, and asks for the shortfall") { titrationRunsOut() }
    suite.test("a prescription collected moves the date on and the refill reminder goes") { supplyMovesItOn() }
    suite.test("counts, supplies and corrections are logged; a correction is what is held") { historyAndCorrection() }
    suite.test("bad stock input is refused with the field named and nothing written") { badStock() }
    suite.test("the plan calendar is one HTML page of the nights ahead, with a file name of its own") { planCalendar() }
}

/** Noon on 5 January 2026 in London (GMT). */
private val JAN5 = utc("2026-01-05T12:00")

private fun tens(count: Double, pack: Double? = null) = StockLine(StockForm.TABLETS, 10.0, count, pack)

/** Amitriptyline held only as 10 mg tablets, bedtime 22:30 (reminder 21:00). */
private fun tensOnly(name: String): Pair<Eventide, Medication> {
    val app = Eventide(freshDb(name), LONDON)
    app.setBedtime("22:30", listOf())
    val med = app.addMedication(amitriptyline().copy(tabletMg = listOf(10.0)), utc("2026-01-01T12:00"))
    return app to med
}

private fun SupplyForecast.ten(): SupplyItem = items.first { it.form == StockForm.TABLETS && it.strengthMg == 10.0 }

private fun titrationRunsOut() {
    val (app, med) = tensOnly("titration")
    app.titrate(med.id, 10.0, 10.0, 7u, 50.0, null, listOf(), JAN5)
    val f = app.setStock(med.id, listOf(tens(56.0)), JAN5)
    // 7 × 1 + 7 × 2 + 7 × 3 = 42 tablets to 25 Jan; 14 make three nights of 40 mg.
    checkEq("2026-01-29", f.runsOutOn, "the night supplies run out")
    checkEq("Enough until Wed 28 Jan; runs out on Thu 29 Jan.", f.statusLine, "status line")
    checkEq("2026-02-01", f.until, "four weeks by default")
    checkEq(Triple(56.0, 70.0, 14.0), Triple(f.ten().onHand, f.ten().needed, f.ten().askFor), "held, needed, ask for")
    checkEq("To last until Sun 1 Feb, ask for 14 × 10 mg tablets.", f.askForText, "what to ask for")
    checkEq("2026-01-22", f.refillOn, "the refill reminder a week before")
    checkEq(null, f.lasts, "it does not last")

    val later = app.supply(med.id, "2026-02-08", JAN5)
    checkEq(105.0, later.ten().needed, "a chosen date counts to it")
    checkEq(1, app.supplies(null, JAN5).size, "one medicine tracked")
    val today = app.today(JAN5)
    checkEq(f.statusLine, today.supplies.single().statusLine, "the home screen carries the forecast")
}

private fun supplyMovesItOn() {
    val (app, med) = tensOnly("supply")
    app.maintain(med.id, 10.0, null, listOf(), JAN5)
    app.setStock(med.id, listOf(tens(10.0)), JAN5)
    val refill = app.desiredNotifications(JAN5, 7u).single { it.kind == NotificationKind.REFILL }
    checkEq("refill:${med.id}:2026-01-15", refill.id, "refill id")
    checkEq("2026-01-08" to "10:00", refill.fireAt.localDate to refill.fireAt.localTime, "a daytime reminder a week before")
    checkEq("Amitriptyline runs out on Thu 15 Jan", refill.title, "refill title")
    check(refill.actions.isEmpty()) { "a refill reminder has no buttons" }
    checkEq(med.id, refill.medicationId, "it names the medicine")

    val f = app.addSupply(med.id, listOf(tens(28.0, 28.0)), JAN5)
    checkEq("2026-02-12", f.runsOutOn, "38 tablets from tonight")
    check(app.desiredNotifications(JAN5, 7u).none { it.kind == NotificationKind.REFILL }) { "the reminder goes" }
    checkEq(7u, app.refillDaysBefore(), "a week by default")
    checkEq(3u, app.setRefillDaysBefore(3u), "chosen")
    checkEq((1u..28u).toList(), refillDaysChoices(), "the choices")
    checkEq("2026-02-09", app.supply(med.id, null, JAN5).refillOn, "three days before")
}

private fun historyAndCorrection() {
    val (app, med) = tensOnly("history")
    app.maintain(med.id, 10.0, null, listOf(), JAN5)
    app.setStock(med.id, listOf(tens(56.0, 28.0)), JAN5)
    app.take(med.id, null, null, utc("2026-01-05T21:05"))
    checkEq(55.0, app.supply(med.id, null, utc("2026-01-06T12:00")).ten().onHand, "a dose taken takes its tablet")
    val corrected = app.correctStock(med.id, listOf(tens(50.0)), utc("2026-01-06T12:00"))
    checkEq(50.0, corrected.ten().onHand, "a correction is what is held")
    checkEq(28.0, corrected.ten().packSize, "the pack size given earlier is kept")
    val history = app.stockHistory(med.id)
    checkEq(listOf(StockEventKind.COUNT, StockEventKind.CORRECTION), history.map { it.kind }, "history kinds")
    checkEq("Counted 56 × 10 mg tablets (packs of 28 tablets)", history.first().text, "history text")
    checkEq(56.0 to 28.0, history.first().amount to history.first().packSize, "amounts in tablets")
    checkEq("2026-01-06", history.last().recordedAt.localDate, "recorded in phone time")
    checkEq(history, app.stockHistory(null), "every medicine")
    // Plenty for a steady plan: it lasts beyond what the forecast follows.
    val plenty = app.addSupply(med.id, listOf(tens(5000.0)), utc("2026-01-06T12:00"))
    checkEq(SupplyLasts.BEYOND_FORECAST, plenty.lasts, "lasts")
    checkEq(null, plenty.runsOutOn, "no night it runs out")
}

private fun badStock() {
    val (app, med) = tensOnly("bad")
    app.maintain(med.id, 10.0, null, listOf(), JAN5)
    val refused = listOf(
        "tablets" to { app.setStock(med.id, listOf(StockLine(StockForm.TABLETS, 25.0, 28.0, null)), JAN5) },
        "tablets" to { app.setStock(med.id, listOf(tens(12.5)), JAN5) },
        "tablets" to { app.addSupply(med.id, listOf(tens(0.0)), JAN5) },
        "tablets" to { app.addSupply(med.id, listOf(tens(Double.NaN)), JAN5) },
        "tablets" to { app.addSupply(med.id, listOf(), JAN5) },
        "ml" to { app.setStock(med.id, listOf(StockLine(StockForm.SOLUTION, 10.0, 150.0, null)), JAN5) },
        "medication_id" to { app.setStock("42", listOf(tens(5.0)), JAN5) },
        "until" to { app.supply(med.id, "soon", JAN5) },
        "until" to { app.supply(med.id, "2025-12-01", JAN5) },
        "days" to { app.setRefillDaysBefore(0u) },
    )
    for ((field, call) in refused) {
        val e = expectThrows<EventideException.InvalidInput>(field) { call() }
        checkEq(field, e.field, "the field named")
    }
    check(app.stockHistory(null).isEmpty()) { "nothing was written" }
    check(!app.supply(med.id, null, JAN5).tracked) { "still untracked" }
}

private fun planCalendar() {
    val (app, med) = tensOnly("calendar")
    app.titrate(med.id, 10.0, 10.0, 7u, 50.0, null, listOf(), JAN5)
    app.setStock(med.id, listOf(tens(56.0)), JAN5)
    check(ReportFormat.PLAN in reportFormats()) { "the share screen offers the calendar" }
    val html = String(app.exportReport(ReportFormat.PLAN, null, null, null, JAN5), Charsets.UTF_8)
    check(html.startsWith("<!DOCTYPE html>") && html.contains("Plan calendar: Amitriptyline")) { "a calendar page" }
    check(html.contains("New dose") && html.contains("Supplies run out")) { "step changes and the night supplies run out" }
    val file = app.exportReportFile(ReportFormat.PLAN, "2026-01-12", "2026-01-25", null, JAN5)
    checkEq("eventide-plan-2026-01-05.html", file.fileName, "its own file name")
    check(String(file.bytes, Charsets.UTF_8).contains("Mon 12 Jan 2026 to Sun 25 Jan 2026")) { "the nights chosen" }
    val tooLong = expectThrows<EventideException.InvalidInput>("13 weeks at most") {
        app.exportReport(ReportFormat.PLAN, "2026-01-05", "2026-06-01", null, JAN5)
    }
    checkEq("to", tooLong.field, "the field named")
}
