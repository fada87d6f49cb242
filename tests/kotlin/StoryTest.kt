// The user story of issue 3, walked through the generated bindings against the real library:
// amitriptyline 10/25 mg, bedtimes by weekday, a weekly titration, notifications and their
// buttons, a week of check-ins with insomnia, suggestions, and reopening the database.
package app.eventide.tests

import app.eventide.core.ActionOutcome
import app.eventide.core.CheckInAnswer
import app.eventide.core.DoseStatus
import app.eventide.core.Eventide
import app.eventide.core.Feeling
import app.eventide.core.LoggedAction
import app.eventide.core.Ingredient
import app.eventide.core.NewMedication
import app.eventide.core.NotificationAction
import app.eventide.core.NotificationKind
import app.eventide.core.Slot
import app.eventide.core.SuggestionKind
import app.eventide.core.Symptom
import app.eventide.core.Weekday
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime

/** An instant written as UTC, e.g. "2026-11-23T21:05" (London is on UTC in November). */
fun utc(text: String): Instant = Instant.parse("${text}:00Z")

fun amitriptyline() = NewMedication(
    name = "Amitriptyline",
    ingredient = Ingredient.AMITRIPTYLINE,
    tabletMg = listOf(10.0, 25.0),
    canHalve = false,
    liquidMgPer5ml = listOf(),
    slot = Slot.Evening(90.toUShort()),
)

/** Bedtime 22:30 on weekday evenings, 23:30 on Friday and Saturday evenings (before a day off). */
fun setBedtimes(app: Eventide) {
    app.setBedtime("22:30", listOf())
    app.setBedtime("23:30", listOf(Weekday.FRIDAY, Weekday.SATURDAY))
}

fun bedtimeOf(night: LocalDate): String =
    if (night.dayOfWeek.value == 5 || night.dayOfWeek.value == 6) "23:30" else "22:30"

/** The reminder instant java.time expects: bedtime minus the 90-minute lead, in `zone`. */
fun expectedReminder(zone: JavaZone, night: LocalDate): Instant =
    zone.at(night.toString(), LocalTime.parse(bedtimeOf(night)).minusMinutes(90).toString())

fun answer(feeling: Feeling?, pain: Int? = null, effects: List<Symptom> = listOf(), note: String? = null) =
    CheckInAnswer(feeling, pain?.toUByte(), effects, note)

fun doseId(medId: String, night: String) = "dose:$medId:0:$night"

fun storyTests(suite: Suite) {
    suite.test("the whole story: titration, reminders, buttons, check-ins, suggestions, reopen") { wholeStory() }
    suite.test("reminder instants follow the phone's zone across the spring DST change") { dstReminders() }
}

private fun wholeStory() {
    val db = freshDb("story")
    val app = Eventide(db, LONDON)
    val t0 = utc("2026-11-23T14:00") // Monday afternoon

    // Add the medicine and the user's bedtimes.
    val med = app.addMedication(amitriptyline(), t0)
    checkEq(listOf(10.0, 25.0), med.tabletMg, "tablet strengths")
    checkEq("evening", med.slotLabel, "slot label")
    check(med.holding.contains("10 mg and 25 mg tablets")) { "holding text: ${med.holding}" }
    setBedtimes(app)
    val settings = app.daySettings()
    checkEq("22:30", settings.defaultBedtime, "default bedtime")
    checkEq(listOf("22:30", "22:30", "22:30", "22:30", "23:30", "23:30", "22:30"), settings.evenings.map { it.bedtime }, "bedtime of each evening, Monday first")

    // Titrate 10 → 50 mg in 10 mg weekly steps.
    val plan = app.titrate(med.id, 10.0, 10.0, 7u, 50.0, null, listOf(), t0)
    checkEq(10.0, plan.currentDoseMg, "tonight's dose")
    checkEq(listOf(10.0, 20.0, 30.0, 40.0, 50.0), plan.steps.map { it.doseMg }, "titration steps")
    checkEq(listOf("2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21"), plan.steps.map { it.from }, "step start nights")
    checkEq("3 × 10 mg", plan.steps[2].take, "30 mg as the tablets held")
    checkEq("2 × 25 mg", plan.steps[4].take, "50 mg as the tablets held")
    val next = plan.nextChange ?: throw AssertionError("a titration has a next change")
    checkEq("2026-11-30", next.night, "next change night")
    check(next.needsConfirmation) { "a step-up waits for the user to say side effects are tolerable" }

    // Home screen before the first dose.
    val home = app.today(t0)
    checkEq("2026-11-23", home.night, "tonight")
    checkEq(1, home.doses.size, "one dose tonight")
    val card = home.doses[0]
    checkEq("10 mg", card.doseText, "dose text")
    checkEq("1 × 10 mg", card.breakdown?.text, "what to take")
    checkEq("21:00", card.reminderAt.localTime, "reminder shown in phone time")
    check(card.status is DoseStatus.Upcoming) { "status before the reminder: ${card.status}" }

    // The notifications that should be pending: instants checked against java.time.
    val desired = app.desiredNotifications(t0, 7u)
    val doses = desired.filter { it.kind == NotificationKind.DOSE }
    for (offset in 0L..6L) {
        val night = LocalDate.parse("2026-11-23").plusDays(offset)
        val n = doses.find { it.id == doseId(med.id, night.toString()) }
            ?: throw AssertionError("no dose notification for the night of $night in ${doses.map { it.id }}")
        checkEq(expectedReminder(LONDON, night), n.fireAt.at, "fire instant on the night of $night")
        checkEq(night.toString(), n.date, "notification date")
        checkEq(listOf(NotificationAction.TAKEN, NotificationAction.SNOOZE, NotificationAction.SKIP), n.actions.map { it.action }, "dose buttons")
        checkEq(listOf("Taken", "Snooze", "Skip"), n.actions.map { it.label }, "dose button labels")
        check(n.title.contains("Amitriptyline") && n.title.contains("10 mg")) { "title: ${n.title}" }
        check(n.numericId >= 0) { "numeric id must be non-negative: ${n.numericId}" }
    }
    checkEq(utc("2026-11-27T22:00"), doses.first { it.date == "2026-11-27" }.fireAt.at, "Friday reminder follows the 23:30 bedtime")
    val checkinNote = desired.find { it.id == "checkin:2026-11-24" } ?: throw AssertionError("no check-in notification for Tuesday morning")
    checkEq(LONDON.at("2026-11-24", "08:00"), checkinNote.fireAt.at, "check-in at 08:00")
    checkEq(listOf(NotificationAction.FINE, NotificationAction.GROGGY, NotificationAction.SLEPT_BADLY), checkinNote.actions.map { it.action }, "check-in buttons")
    check(desired.zipWithNext().all { (a, b) -> !a.fireAt.at.isAfter(b.fireAt.at) }) { "notifications must be soonest first" }
    checkEq(desired.map { it.numericId }, app.desiredNotifications(t0, 7u).map { it.numericId }, "numeric ids are stable")

    // Monday night: Taken tapped twice (notification, then again) records once.
    val monday = doseId(med.id, "2026-11-23")
    val first = app.handleAction(monday, NotificationAction.TAKEN, utc("2026-11-23T21:05"))
    val firstDose = (first as? ActionOutcome.Dose)?.outcome ?: throw AssertionError("a dose button gives a dose outcome: $first")
    check(firstDose.recorded) { "the first tap records" }
    val taken = firstDose.status as? DoseStatus.Taken ?: throw AssertionError("status after Taken: ${firstDose.status}")
    checkEq(10.0, taken.amountMg, "amount taken")
    checkEq("21:05", taken.at.localTime, "taken at, phone time")
    val second = (app.handleAction(monday, NotificationAction.TAKEN, utc("2026-11-23T21:06")) as ActionOutcome.Dose).outcome
    check(!second.recorded) { "the second tap must not record again" }
    check(second.message.contains("already")) { "second tap message: ${second.message}" }
    val mondayLog = app.doseLog("2026-11-23", "2026-11-23")
    checkEq(1, mondayLog.size, "dose log entries for Monday after two taps")
    check(app.desiredNotifications(utc("2026-11-23T21:07"), 2u).none { it.id == monday }) { "a taken dose is no longer notified" }

    // Tuesday: check-in from the notification, then Skip.
    val tueCheckin = app.handleAction("checkin:2026-11-24", NotificationAction.FINE, utc("2026-11-24T08:30"))
    checkEq(Feeling.FINE, (tueCheckin as ActionOutcome.Checkin).checkin.feeling, "check-in from the notification")
    val skipped = (app.handleAction(doseId(med.id, "2026-11-24"), NotificationAction.SKIP, utc("2026-11-24T21:10")) as ActionOutcome.Dose).outcome
    check(skipped.status is DoseStatus.Skipped) { "status after Skip: ${skipped.status}" }
    check(app.today(utc("2026-11-24T21:15")).doses[0].status is DoseStatus.Skipped) { "home screen shows the skip" }

    // Wednesday: a fuller check-in in the app; Snooze, the reminder moves, then taken.
    val wed = app.checkIn(answer(Feeling.GROGGY, pain = 4, effects = listOf(Symptom.DRY_MOUTH), note = "foggy until ten"), null, utc("2026-11-25T08:15"))
    checkEq("2026-11-25", wed.morning, "check-in morning")
    checkEq(listOf(Symptom.DRY_MOUTH), wed.effects, "symptoms")
    val wedId = doseId(med.id, "2026-11-25")
    val snoozed = (app.handleAction(wedId, NotificationAction.SNOOZE, utc("2026-11-25T21:02")) as ActionOutcome.Dose).outcome
    val until = (snoozed.status as? DoseStatus.Snoozed)?.until ?: throw AssertionError("status after Snooze: ${snoozed.status}")
    checkEq(utc("2026-11-25T21:32"), until.at, "snoozed for 30 minutes")
    val again = app.desiredNotifications(utc("2026-11-25T21:03"), 1u).find { it.id == wedId } ?: throw AssertionError("a snoozed dose is notified again")
    checkEq(utc("2026-11-25T21:32"), again.fireAt.at, "the snoozed reminder fires at the new time")
    check(app.take(med.id, null, null, utc("2026-11-25T21:35")).recorded) { "taken after the snooze" }

    // The rest of the week: taken every night, slept badly on most mornings.
    val mornings = listOf(
        "2026-11-26" to Feeling.SLEPT_BADLY,
        "2026-11-27" to Feeling.SLEPT_BADLY,
        "2026-11-28" to Feeling.SLEPT_BADLY,
        "2026-11-29" to Feeling.FINE,
        "2026-11-30" to Feeling.SLEPT_BADLY,
    )
    for ((morning, feeling) in mornings) {
        app.checkIn(answer(feeling, pain = 3), null, utc("${morning}T08:20"))
        val night = LocalDate.parse(morning)
        if (night.toString() != "2026-11-30") {
            val at = expectedReminder(LONDON, night).plusSeconds(300)
            val out = app.take(med.id, null, null, at)
            check(out.recorded && out.status is DoseStatus.Taken) { "taken on the night of $night: $out" }
        }
    }
    val week = app.checkins("2026-11-24", "2026-11-30")
    checkEq(listOf(Feeling.FINE, Feeling.GROGGY, Feeling.SLEPT_BADLY, Feeling.SLEPT_BADLY, Feeling.SLEPT_BADLY, Feeling.FINE, Feeling.SLEPT_BADLY), week.map { it.feeling }, "a week of check-ins")

    // Monday again: the pattern is noticed, and the step-up waits for confirmation.
    val t1 = utc("2026-11-30T12:00")
    val later = app.today(t1)
    val insomnia = later.suggestions.find { it.kind == SuggestionKind.ASK_ABOUT_MORNING_DOSING }
        ?: throw AssertionError("expected the morning-dosing suggestion, got ${later.suggestions.map { it.id }}")
    check(insomnia.id.contains(med.id)) { "the suggestion is about this medicine: ${insomnia.id}" }
    check(insomnia.question.contains("morning")) { "question: ${insomnia.question}" }
    check(insomnia.evidence.size >= 3 && insomnia.evidenceCount.toInt() == insomnia.evidence.size) { "bad nights after taken doses: ${insomnia.evidence}" }
    check(insomnia.evidence.any { it.contains("27 Nov") }) { "Friday's bad night is evidence: ${insomnia.evidence}" }
    checkEq("2026-11-30", insomnia.evidenceThrough, "newest evidence: Monday's bad morning")
    check(insomnia.basis.isNotBlank() && insomnia.source.isNotBlank()) { "a suggestion says what it rests on and where that comes from" }
    val planNow = later.plans.single()
    check(planNow.awaitingConfirmation) { "the step-up to 20 mg waits: ${planNow.statusLine}" }
    checkEq(10.0, planNow.currentDoseMg, "dose stays until confirmed")
    val confirmed = app.confirmTolerable(med.id, t1)
    checkEq(20.0, confirmed.currentDoseMg, "dose after confirming side effects are tolerable")
    checkEq("2 × 10 mg", app.today(t1).doses.single().breakdown?.text, "tonight's 20 mg as tablets")

    app.dismissSuggestion(insomnia.id, t1)
    check(app.today(t1).suggestions.none { it.id == insomnia.id }) { "a dismissed suggestion stays hidden" }

    // Reopen the same file from a second object: everything is there.
    val reopened = Eventide(db, LONDON)
    val meds = reopened.medications()
    checkEq(listOf(med.id), meds.map { it.id }, "medications after reopening")
    checkEq("23:30", reopened.daySettings().evenings.first { it.weekday == Weekday.SATURDAY }.bedtime, "Saturday bedtime after reopening")
    val planAgain = reopened.planView(med.id, t1)
    checkEq(20.0, planAgain.currentDoseMg, "plan after reopening")
    checkEq(1, reopened.planHistory(med.id).size, "one plan version")
    val log = reopened.doseLog("2026-11-23", "2026-11-30")
    checkEq(6, log.count { it.action is LoggedAction.Taken }, "taken nights in the log (all but Tuesday)")
    checkEq(1, log.count { it.action is LoggedAction.Skipped }, "skipped nights in the log")
    checkEq(1, log.count { it.action is LoggedAction.Snoozed }, "snoozes in the log")
    checkEq(7, reopened.checkins("2026-11-24", "2026-11-30").size, "check-ins after reopening")
    check(reopened.today(t1).suggestions.none { it.id == insomnia.id }) { "the dismissal survives reopening" }
    reopened.close()
    app.close()
}

private fun dstReminders() {
    val db = freshDb("dst")
    val app = Eventide(db, LONDON)
    val now = utc("2027-03-26T12:00") // Friday; clocks go forward early on Sunday 28 March 2027
    val med = app.addMedication(amitriptyline(), now)
    setBedtimes(app)
    app.maintain(med.id, 25.0, null, listOf(), now)
    val doses = app.desiredNotifications(now, 4u).filter { it.kind == NotificationKind.DOSE }
    for (night in listOf("2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29")) {
        val n = doses.find { it.date == night } ?: throw AssertionError("no reminder for $night")
        checkEq(expectedReminder(LONDON, LocalDate.parse(night)), n.fireAt.at, "reminder instant on $night")
    }
    val sunday = doses.first { it.date == "2027-03-28" }
    checkEq("21:00", sunday.fireAt.localTime, "Sunday reminder is still 21:00 on the phone")
    checkEq(3600, sunday.fireAt.offsetSeconds, "British Summer Time from Sunday")
    checkEq(utc("2027-03-28T20:00"), sunday.fireAt.at, "21:00 BST is 20:00 UTC")
    app.close()

    // The same database read by a phone in New York: the shell's zone decides.
    val ny = JavaZone("America/New_York")
    val travelling = Eventide(db, ny)
    val nyDose = travelling.desiredNotifications(utc("2027-03-26T12:00"), 1u).first { it.kind == NotificationKind.DOSE }
    checkEq(expectedReminder(ny, LocalDate.parse(nyDose.date)), nyDose.fireAt.at, "reminder follows the wall clock in New York")
    check(ny.calls.get() > 0) { "the core asked the Kotlin zone" }
    travelling.close()

    // One object kept open while the phone flies to New York: the next call follows the new zone.
    val phone = SwitchableZone(LONDON)
    val kept = Eventide(db, phone)
    val beforeTrip = kept.desiredNotifications(utc("2027-03-26T12:00"), 1u).first { it.kind == NotificationKind.DOSE }
    checkEq(expectedReminder(LONDON, LocalDate.parse(beforeTrip.date)), beforeTrip.fireAt.at, "reminder before the flight")
    // Calls in quick succession reuse what the core learned of the zone: no callbacks at all.
    val asked = LONDON.calls.get()
    repeat(5) { kept.today(utc("2027-03-26T12:00")) }
    checkEq(asked, LONDON.calls.get(), "zone questions for five calls in a row")
    phone.current = ny
    // Reminders are always worked out in the zone the phone is in now.
    val afterTrip = kept.desiredNotifications(utc("2027-03-26T12:00"), 1u).first { it.kind == NotificationKind.DOSE }
    checkEq(expectedReminder(ny, LocalDate.parse(afterTrip.date)), afterTrip.fireAt.at, "reminder after landing")
    checkEq(LocalTime.parse(bedtimeOf(LocalDate.parse(afterTrip.date))).minusMinutes(90).toString(), afterTrip.fireAt.localTime, "the same wall-clock time on the phone in New York")
    // The screen follows after zoneChanged() (the shells call it when the app wakes), and a
    // change nobody announced within the hour.
    phone.current = LONDON
    kept.zoneChanged()
    checkEq(0, kept.today(utc("2027-03-26T12:30")).now.offsetSeconds, "back in London after zoneChanged()")
    phone.current = ny
    checkEq(0, kept.today(utc("2027-03-26T12:40")).now.offsetSeconds, "within the hour, the zone learned at 12:30")
    checkEq(-4 * 3600, kept.today(utc("2027-03-26T13:31")).now.offsetSeconds, "an hour later, New York without being told")
    kept.close()
}

/** A phone whose zone changes while the app runs. */
private class SwitchableZone(@Volatile var current: JavaZone) : app.eventide.core.DeviceZone {
    override fun offsetSecondsAt(instant: Instant): Int = current.offsetSecondsAt(instant)
    override fun nextTransitionAfter(instant: Instant): Instant? = current.nextTransitionAfter(instant)
}
