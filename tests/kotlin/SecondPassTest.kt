// Issue 14 through the generated bindings: what the phones reach of the second clinical pass —
// the urgent tier on the check-in answer from a notification (before the app's day starts),
// the new symptoms with their urgency and the screen's sections, and the step-up choice.
package app.eventide.tests

import app.eventide.core.ActionOutcome
import app.eventide.core.Eventide
import app.eventide.core.EventideException
import app.eventide.core.Feeling
import app.eventide.core.NotificationAction
import app.eventide.core.Severity
import app.eventide.core.StepUpAction
import app.eventide.core.SuggestionKind
import app.eventide.core.Symptom
import app.eventide.core.Urgency
import app.eventide.core.checkinChoices

fun secondPassTests(suite: Suite) {
    suite.test("an urgent symptom at 05:30 comes back on the notification's check-in answer") { urgentFromNotification() }
    suite.test("the new symptoms carry their urgency and every one has a section") { symptomsAndSections() }
    suite.test("the step-up offers both choices, none chosen, and staying keeps the dose") { stepUpChoice() }
}

private fun urgentFromNotification() {
    val app = Eventide(freshDb("urgent"), LONDON)
    val t0 = utc("2026-11-23T14:00")
    val med = app.addMedication(amitriptyline(), t0)
    app.maintain(med.id, 10.0, null, listOf(), t0)
    app.take(med.id, null, null, utc("2026-11-23T21:05"))
    // 05:30 on Tuesday: the details saved in the app first, then "Fine" on the notification.
    val early = utc("2026-11-24T05:30")
    app.checkIn(answer(Feeling.SLEPT_BADLY, effects = listOf(Symptom.SELF_HARM_THOUGHTS)), null, early)
    val now = app.urgentSuggestions(early)
    checkEq(listOf(SuggestionKind.EMERGENCY_HELP), now.map { it.kind }, "urgent at once")
    val outcome = app.handleAction("checkin:2026-11-24", NotificationAction.FINE, utc("2026-11-24T05:31"))
    val checkin = outcome as? ActionOutcome.Checkin ?: throw AssertionError("a check-in outcome: $outcome")
    checkEq(listOf(Symptom.SELF_HARM_THOUGHTS), checkin.checkin.effects, "the details given earlier are kept")
    val urgent = checkin.urgent.singleOrNull() ?: throw AssertionError("one urgent suggestion: ${checkin.urgent}")
    checkEq(Severity.GET_HELP_NOW, urgent.severity, "severity")
    checkEq("Get help now", urgent.severityLabel, "label from the core")
    check(urgent.text.contains("999") && urgent.text.contains("116 123")) { urgent.text }
    checkEq(listOf("999", "116123"), urgent.calls.map { it.number }, "numbers to dial")
    check(urgent.calls.all { it.label.startsWith("Call") }) { "${urgent.calls}" }
    // It heads the home screen too.
    checkEq(SuggestionKind.EMERGENCY_HELP, app.today(utc("2026-11-24T05:32")).suggestions.first().kind, "first on Today")
    // A dose tap carries nothing of the kind (it is not a check-in).
    val dose = app.handleAction(doseId(med.id, "2026-11-24"), NotificationAction.TAKEN, utc("2026-11-24T21:05"))
    check(dose is ActionOutcome.Dose) { "$dose" }
}

private fun symptomsAndSections() {
    val choices = checkinChoices()
    val bySymptom = choices.symptoms.associateBy { it.symptom }
    for (s in listOf(Symptom.TINGLING, Symptom.BRAIN_FOG, Symptom.EYE_PAIN, Symptom.CANNOT_PASS_URINE, Symptom.YELLOW_SKIN, Symptom.CONFUSION)) {
        check(s in bySymptom) { "$s is offered" }
    }
    checkEq(Urgency.NOW, bySymptom.getValue(Symptom.EYE_PAIN).urgency, "eye pain needs help now")
    checkEq(Urgency.EMERGENCY, bySymptom.getValue(Symptom.SELF_HARM_THOUGHTS).urgency, "self-harm thoughts: 999")
    checkEq(null, bySymptom.getValue(Symptom.DRY_MOUTH).urgency, "dry mouth is not urgent")
    val placed = choices.sections.flatMap { it.symptoms }
    checkEq(choices.symptoms.map { it.symptom }.toSet(), placed.toSet(), "every symptom in a section")
    checkEq(placed.size, placed.toSet().size, "and in only one")
    val urgent = choices.sections.last()
    check(urgent.symptoms.all { bySymptom.getValue(it).urgency != null }) { "the last section is the urgent one: ${urgent.title}" }
    check(choices.sections.all { it.title.isNotBlank() && it.note.isNotBlank() }) { "headings come from the core" }
}

private fun stepUpChoice() {
    val app = Eventide(freshDb("stepup"), LONDON)
    val t0 = utc("2026-11-23T14:00")
    val med = app.addMedication(amitriptyline(), t0)
    app.titrate(med.id, 10.0, 10.0, 7u, 30.0, null, listOf(), t0)
    val due = utc("2026-11-30T14:00")
    val plan = app.planView(med.id, due)
    check(plan.awaitingConfirmation) { plan.statusLine }
    val choice = plan.stepUpChoice ?: throw AssertionError("no choice: ${plan.statusLine}")
    checkEq(listOf(StepUpAction.STEP_UP_AS_PLANNED, StepUpAction.STAY_AND_ASK), choice.options.map { it.action }, "both choices, in order")
    checkEq(listOf("Step up as planned", "Stay on this dose and ask my prescriber"), choice.options.map { it.label }, "labels from the core")
    checkEq(null, choice.preselected, "nothing chosen for the user")
    checkEq("20 mg from tonight, if you choose to step up.", plan.nextChange?.text, "next change in the core's words")
    val stayed = app.stayOnDose(med.id, due)
    checkEq(10.0, stayed.currentDoseMg, "the dose stays")
    checkEq(stayed, app.stayOnDose(med.id, due), "staying twice = once")
    check(app.today(due).suggestions.any { it.kind == SuggestionKind.ASK_ABOUT_STAYING_ON_DOSE }) { "the question to ask" }
    val up = app.confirmTolerable(med.id, utc("2026-12-01T14:00"))
    checkEq(20.0, up.currentDoseMg, "stepping up later still works")
    // A steady plan has no step to stay on.
    app.maintain(med.id, 20.0, "2026-12-02", listOf(), utc("2026-12-01T14:00"))
    expectThrows<EventideException.Conflict>("stay on a steady dose") { app.stayOnDose(med.id, utc("2026-12-02T14:00")) }
}
