// Issue #19 and #14 item 3 through the generated bindings: the rules the phones reach for which
// dose a tap means (take, skip, snooze), check-ins that replace the whole answer, plans that
// start later, and a forgotten evening dose (its latest time, the guidance, "taken at").
// London is on UTC in November, so "21:05" below is 21:05 on the phone.
package app.eventide.tests

import app.eventide.core.ActionOutcome
import app.eventide.core.DoseStatus
import app.eventide.core.Eventide
import app.eventide.core.EventideException
import app.eventide.core.Feeling
import app.eventide.core.Ingredient
import app.eventide.core.NewMedication
import app.eventide.core.NotificationAction
import app.eventide.core.Slot
import app.eventide.core.Symptom

fun recordsTests(suite: Suite) {
    suite.test("a tap at 08:05 is not tonight's dose 13 hours early; taking twice records once") { tapsMeanTheOpenDose() }
    suite.test("two open doses: the core asks which (WhichDose), and the answer records that one") { ambiguousTapAsks() }
    suite.test("snooze never moves a reminder earlier, and names the card's night") { snoozeNeverEarlier() }
    suite.test("a check-in answer replaces the whole answer; the notification's tap keeps details") { checkinReplaces() }
    suite.test("a later plan version is the next change; a first plan not started is step 0") { futurePlans() }
    suite.test("a forgotten evening dose: guidance on the card, no late tap, taken-at keeps the time") { forgottenDose() }
}

private fun evening(app: Eventide, now: java.time.Instant): String {
    val med = app.addMedication(amitriptyline(), now)
    app.maintain(med.id, 10.0, null, listOf(), now)
    return med.id
}

private fun gabapentin(app: Eventide, now: java.time.Instant): String {
    val med = app.addMedication(
        NewMedication(
            name = "Gabapentin",
            ingredient = Ingredient.GABAPENTIN,
            tabletMg = listOf(300.0),
            canHalve = false,
            liquidMgPer5ml = listOf(),
            slot = Slot.Times(listOf("08:00", "14:00", "20:00")),
        ),
        now,
    )
    app.maintain(med.id, 300.0, null, listOf(), now)
    return med.id
}

private fun tapsMeanTheOpenDose() {
    val app = Eventide(freshDb("taps"), LONDON)
    app.setBedtime("22:30", listOf())
    val med = evening(app, utc("2026-11-01T12:00"))
    val refused = expectThrows<EventideException.Conflict>("take at 08:05") {
        app.take(med, null, null, utc("2026-11-03T08:05"))
    }
    check(refused.toString().contains("21:00")) { "says when tonight's dose is due: $refused" }
    checkEq(0, app.doseLog("2026-11-01", "2026-11-04").size, "nothing recorded at 08:05")
    val card = app.today(utc("2026-11-03T08:05")).doses.first()
    checkEq("2026-11-03" to DoseStatus.Upcoming, card.night to card.status, "tonight's dose is still to come")
    // From 19:00 (two hours before the 21:00 reminder) it can be recorded; a second tap changes nothing.
    val first = app.take(med, null, null, utc("2026-11-03T19:30"))
    val second = app.take(med, null, null, utc("2026-11-03T19:31"))
    checkEq(true to false, first.recorded to second.recorded, "recorded once")
    checkEq("2026-11-03", first.night, "tonight's dose")
}

private fun ambiguousTapAsks() {
    val app = Eventide(freshDb("which"), LONDON)
    val med = gabapentin(app, utc("2026-11-01T12:00"))
    // 12:30: the 08:00 dose (open until 14:00) and the 14:00 dose (from 12:00) are both open.
    val question = expectThrows<EventideException.WhichDose>("a tap with two doses open") {
        app.take(med, null, null, utc("2026-11-03T12:30"))
    }
    checkEq(listOf(0u, 1u), question.choices.map { it.slotIndex }, "the two open doses")
    check(question.choices[0].label.contains("08:00") && question.question.contains("Gabapentin")) { "$question" }
    val chosen = question.choices[1]
    val out = app.take(med, chosen.night, chosen.slotIndex, utc("2026-11-03T12:31"))
    checkEq("dose:$med:1:2026-11-03", out.key, "the chosen dose")
    // The same tap again is the same dose: nothing changes.
    checkEq(false, app.take(med, null, null, utc("2026-11-03T12:32")).recorded, "a repeated tap")
    // Skip now can only mean the other open dose.
    val skipped = app.skip(med, null, null, utc("2026-11-03T12:40"))
    checkEq("dose:$med:0:2026-11-03", skipped.key, "skip means the 08:00 dose")
}

private fun snoozeNeverEarlier() {
    val app = Eventide(freshDb("snooze"), LONDON)
    app.setBedtime("22:30", listOf())
    val med = evening(app, utc("2026-11-01T12:00"))
    val night = "2026-11-03"
    // At noon there is nothing to snooze, and the 21:00 reminder stays where it is.
    expectThrows<EventideException.Conflict>("snooze at noon") { app.snooze(med, null, 30u, utc("2026-11-03T12:00")) }
    val kept = app.snooze(med, 0u, 30u, utc("2026-11-03T19:30"), night)
    checkEq(false, kept.recorded, "a 30-minute snooze at 19:30 would move 21:00 earlier: ${kept.message}")
    val moved = app.snooze(med, 0u, 60u, utc("2026-11-03T21:00"), night)
    val again = app.snooze(med, 0u, 10u, utc("2026-11-03T21:05"), night)
    val until = (again.status as DoseStatus.Snoozed).until.localTime
    checkEq(true to "22:00", moved.recorded to until, "the later reminder is kept")
}

private fun checkinReplaces() {
    val app = Eventide(freshDb("checkin"), LONDON)
    evening(app, utc("2026-11-01T12:00"))
    val morning = "2026-11-03"
    app.checkIn(answer(Feeling.GROGGY, 4, listOf(Symptom.DRY_MOUTH, Symptom.DIZZINESS), "heavy head"), morning, utc("2026-11-03T08:10"))
    val replaced = app.checkIn(answer(Feeling.GROGGY, null, listOf(Symptom.DIZZINESS), null), morning, utc("2026-11-03T08:15"))
    checkEq(Triple(null, listOf(Symptom.DIZZINESS), null), Triple(replaced.pain, replaced.effects, replaced.note), "symptom removed, pain and note cleared")
    app.checkIn(answer(Feeling.GROGGY, 3, listOf(Symptom.NAUSEA), "kept"), morning, utc("2026-11-03T08:20"))
    val tapped = app.handleAction("checkin:$morning", NotificationAction.FINE, utc("2026-11-03T08:25"))
    val c = (tapped as ActionOutcome.Checkin).checkin
    checkEq(listOf(Feeling.FINE, 3.toUByte(), listOf(Symptom.NAUSEA), "kept"), listOf(c.feeling, c.pain, c.effects, c.note), "the tap keeps the details")
}

private fun futurePlans() {
    val app = Eventide(freshDb("plans"), LONDON)
    val now = utc("2026-11-02T12:00")
    val med = evening(app, utc("2026-11-01T12:00"))
    app.maintain(med, 20.0, "2026-11-10", listOf(), now)
    val view = app.planView(med, now)
    checkEq("2026-11-10" to "20 mg", view.nextChange?.night to view.nextChange?.doseText, "the later version is the next change")
    checkEq(2u, view.nextVersion?.version, "the later version is named")
    checkEq("each night", view.doseWhen, "an evening medicine's dose is each night")
    val later = app.addMedication(amitriptyline().copy(name = "Nortriptyline", ingredient = Ingredient.NORTRIPTYLINE), now)
    val first = app.titrate(later.id, 10.0, 10.0, 7u, 30.0, "2026-11-10", listOf(), now)
    checkEq(0u to 0.0, first.currentStep to first.currentDoseMg, "not started")
    check(first.statusLine.contains("Starts")) { first.statusLine }
}

private fun forgottenDose() {
    val app = Eventide(freshDb("forgotten"), LONDON)
    app.setBedtime("22:30", listOf())
    val med = evening(app, utc("2026-11-01T12:00"))
    checkEq(120.toUShort(), app.medications().first().latestAfterBedtimeMinutes, "default latest time")
    // 07:15: still last night on screen, past its 00:30 latest time.
    val morning = utc("2026-11-04T07:15")
    val card = app.today(morning).doses.first()
    checkEq("2026-11-03" to DoseStatus.Missed, card.night to card.status, "missed past its latest time")
    checkEq("00:30", card.cutoff.localTime, "the latest time")
    val guidance = card.guidance ?: throw AssertionError("the card carries the guidance")
    check(guidance.contains("do not take a double dose")) { guidance }
    val tap = expectThrows<EventideException.Conflict>("the notification's Taken after the latest time") {
        app.handleAction(doseId(med, "2026-11-03"), NotificationAction.TAKEN, morning)
    }
    check(tap.toString().contains("do not take a double dose")) { "$tap" }
    checkEq(0, app.doseLog("2026-11-03", "2026-11-03").size, "nothing recorded")
    // Really taken at 22:50: recorded afterwards with that time.
    val out = app.take(med, "2026-11-03", null, morning, "22:50")
    val taken = out.status as DoseStatus.Taken
    checkEq("22:50" to false, taken.at.localTime to taken.late, "taken at 22:50, not late")
    checkEq("22:50", app.doseLog("2026-11-03", "2026-11-03").first().takenAt?.localTime, "the log keeps the time taken")
    expectThrows<EventideException.InvalidInput>("a time after the latest one") {
        app.take(med, "2026-11-02", null, morning, "01:00")
    }
    // The latest time is the medicine's own setting.
    checkEq(60.toUShort(), app.setLatestTime(med, 60.toUShort()).latestAfterBedtimeMinutes, "latest time set")
    val pending = app.desiredNotifications(utc("2026-11-04T12:00"), 1u).first { it.date == "2026-11-04" }
    check(pending.body.contains("23:30")) { "the reminder says until when: ${pending.body}" }
}
