// Tapers through the generated bindings (issue 18), as the phones call them: the preview shows
// every step with its cut, the end and length, and what an oral solution or half tablets would
// give; the warnings it names must be confirmed before the taper is saved; the dose log keeps
// what was measured beside what was planned.
package app.eventide.tests

import app.eventide.core.Eventide
import app.eventide.core.EventideException
import app.eventide.core.Ingredient
import app.eventide.core.LoggedAction
import app.eventide.core.NewMedication
import app.eventide.core.Slot
import app.eventide.core.TaperMethod

fun taperTests(suite: Suite) {
    suite.test("a taper is previewed whole, its warnings confirmed, then saved as previewed") { previewConfirmSave() }
    suite.test("the dose log keeps the measured amount and the planned one beside it") { measuredDose() }
}

private fun previewConfirmSave() {
    val app = Eventide(freshDb("taper"), LONDON)
    val now = utc("2026-06-01T12:00")
    val med = app.addMedication(amitriptyline(), now)
    val method = TaperMethod.Proportional(10u)

    val preview = app.previewTaper(med.id, method, 14u, 50.0, now)
    checkEq(0, app.planHistory(med.id).size, "a preview saves nothing")
    checkEq(
        listOf("taper_final_dose_out_of_reach", "taper_cuts_more_than_asked"),
        preview.warnings.map { it.kind },
        "the warning kinds",
    )
    check(preview.warnings[1].text.startsWith("Steps 5, 6, 7 and 8 cut more than the 10% this plan asks")) {
        "names the steps: ${preview.warnings[1].text}"
    }
    val plan = preview.plan
    checkEq(listOf(50.0, 45.0, 40.0, 35.0, 30.0, 25.0, 20.0, 10.0, 0.0), plan.steps.map { it.doseMg }, "the tablet-only doses")
    checkEq("", plan.steps[0].change, "no change into the first step")
    checkEq("−5 mg (−10%)", plan.steps[1].change, "the first cut")
    checkEq(5.0, plan.steps[1].cutMg, "cut in mg")
    checkEq(10.0, plan.steps[1].cutPercent, "cut in %")
    check(plan.steps[7].moreThanAsked && plan.steps[7].change.endsWith("more than the 10% asked")) { "step 8: ${plan.steps[7]}" }
    checkEq("2026-09-21", plan.endsOn, "the end night")
    checkEq(112u, plan.lengthNights, "the length")
    checkEq("Ends on Mon 21 Sep 2026: 16 weeks (about 4 months) in all.", plan.endLine, "the end line")
    check(plan.roundingNote.contains("10 mg and 25 mg tablets")) { "rounding note: ${plan.roundingNote}" }
    checkEq(listOf("With 10 mg/5 ml oral solution as well", "Splitting tablets in half"), plan.otherForms.map { it.label }, "other forms")
    check(plan.otherForms[0].steps.none { it.moreThanAsked }) { "the solution keeps every step within what was asked" }
    check(plan.otherForms[0].summary.startsWith("Comes down to 2.4 mg before the end")) { plan.otherForms[0].summary }

    // Saving without confirming is refused with the same warnings, and nothing is written.
    val e = expectThrows<EventideException.NeedsConfirmation>("an unconfirmed taper") {
        app.taper(med.id, method, 14u, 50.0, listOf(), now)
    }
    checkEq(preview.warnings.map { it.text }, e.warnings, "the same warnings")
    checkEq(0, app.planHistory(med.id).size, "nothing saved unconfirmed")

    val saved = app.taper(med.id, method, 14u, 50.0, preview.warnings.map { it.text }, now)
    checkEq(plan.steps, saved.steps, "saved as previewed")
    checkEq(preview.warnings.map { it.text }, saved.confirmedWarnings, "kept with the plan")
    checkEq(plan.otherForms, app.planView(med.id, now).otherForms, "the plan screen still shows the other forms")
    app.close()
}

private fun measuredDose() {
    val app = Eventide(freshDb("measured"), LONDON)
    val now = utc("2026-06-01T12:00")
    val solution = NewMedication(
        name = "Amitriptyline",
        ingredient = Ingredient.AMITRIPTYLINE,
        tabletMg = listOf(),
        canHalve = false,
        liquidMgPer5ml = listOf(50.0),
        slot = Slot.Evening(90.toUShort()),
    )
    val med = app.addMedication(solution, now)
    app.maintain(med.id, 4.5, "2026-06-01", listOf(), now)
    app.take(med.id, "2026-06-01", null, utc("2026-06-01T21:00"))
    val taken = app.doseLog("2026-06-01", "2026-06-01").single().action as LoggedAction.Taken
    checkEq(5.0, taken.amountMg, "0.5 ml of 50 mg/5 ml is what was measured")
    checkEq(4.5, taken.plannedMg, "the planned amount beside it")
    app.close()
}
