import Foundation
import XCTest
@testable import EventideKit

/// What each screen shows, mapped from the real core's view models.
final class ViewStateTests: XCTestCase {
    let english = Locale(identifier: "en_GB")
    let afternoon = instant("2026-11-25T14:00:00Z")

    func testTonightShowsTheDoseHowToTakeItAndItsReminder() throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: afternoon)
        let state = TonightState(try fixture.core.today(now: afternoon), choices: checkinChoices(), locale: english)
        XCTAssertEqual(state.heading, "Tonight · Wed 25 Nov")
        let smallHours = TonightState(try fixture.core.today(now: instant("2026-11-26T01:30:00Z")), choices: checkinChoices(), locale: english)
        XCTAssertEqual(smallHours.heading, "Last night · Wed 25 Nov", "the core's label after midnight")
        XCTAssertFalse(state.nothingPlanned)
        let dose = try XCTUnwrap(state.doses.first)
        XCTAssertEqual(dose.medicationName, "Amitriptyline")
        XCTAssertEqual(dose.doseText, "10 mg")
        XCTAssertEqual(dose.breakdownText, "1 × 10 mg")
        XCTAssertFalse(dose.breakdownIsProblem)
        XCTAssertEqual(dose.reminderText, "Reminder 21:00")
        XCTAssertEqual(dose.statusText, "Reminder at 21:00")
        XCTAssertTrue(dose.canTake)
        XCTAssertFalse(dose.canSnooze)
        XCTAssertTrue(dose.accessibilityLabel.contains("Amitriptyline"))
        XCTAssertTrue(dose.accessibilityLabel.contains("1 × 10 mg"))
        XCTAssertEqual(state.nextReminder, "Next reminder Wed 25 Nov 21:00: Amitriptyline 10 mg")
    }

    func testAfterTakingTheButtonsGoAndTheTimeIsShown() throws {
        let fixture = try CoreFixture()
        let medication = try fixture.seedTitration(now: afternoon)
        let evening = instant("2026-11-25T21:04:00Z")
        _ = try fixture.core.take(medicationId: medication.id, night: nil, slotIndex: nil, now: evening)
        let dose = try XCTUnwrap(TonightState(try fixture.core.today(now: evening), choices: checkinChoices()).doses.first)
        XCTAssertEqual(dose.statusText, "Taken at 21:04")
        XCTAssertFalse(dose.canTake)
        XCTAssertFalse(dose.canSkip)
        XCTAssertFalse(dose.canSnooze)
    }

    func testASnoozedDoseSaysUntilWhen() throws {
        let fixture = try CoreFixture()
        let medication = try fixture.seedTitration(now: afternoon)
        let due = instant("2026-11-25T21:01:00Z")
        _ = try fixture.core.snooze(medicationId: medication.id, slotIndex: nil, minutes: 30, now: due)
        let dose = try XCTUnwrap(TonightState(try fixture.core.today(now: due), choices: checkinChoices()).doses.first)
        XCTAssertEqual(dose.statusText, "Snoozed until 21:31")
        XCTAssertTrue(dose.canSnooze)
        XCTAssertTrue(dose.canTake)
    }

    func testAnEmptyDatabaseInvitesTheUserToStart() throws {
        let fixture = try CoreFixture()
        let state = TonightState(try fixture.core.today(now: afternoon), choices: checkinChoices())
        XCTAssertTrue(state.nothingPlanned)
        XCTAssertEqual(state.doses, [])
        XCTAssertNil(state.checkin.answeredWith)
        XCTAssertEqual(state.checkin.choices.map(\.feeling), [.fine, .groggy, .sleptBadly])
    }

    func testThePlanTimelineMarksTheCurrentStepAndWhatWaitsForConfirmation() throws {
        let fixture = try CoreFixture()
        let medication = try fixture.seedTitration(now: afternoon)
        let plan = PlanState(try fixture.core.planView(medicationId: medication.id, now: afternoon), locale: english)
        XCTAssertEqual(plan.steps.count, 5)
        XCTAssertEqual(plan.steps.first?.isCurrent, true)
        XCTAssertEqual(plan.steps.first?.datesText, "Wed 25 Nov – next step Wed 9 Dec")
        XCTAssertEqual(plan.steps.last?.datesText, "From Wed 20 Jan")
        XCTAssertEqual(plan.steps.last?.take, "2 × 25 mg")
        XCTAssertEqual(plan.nextChangeText, "20 mg from Wed 9 Dec, if you choose to step up then.")
        XCTAssertNil(plan.stepUp, "nothing is due yet")
        XCTAssertTrue(plan.canHold)
        XCTAssertFalse(plan.isTaper)
        XCTAssertTrue(plan.steps[0].accessibilityLabel.contains("current step"))
    }

    func testTheCheckinFormSendsOnlyWhatWasAnswered() throws {
        let fixture = try CoreFixture()
        var form = CheckinForm(morning: "2026-11-26", choices: checkinChoices(), existing: nil)
        XCTAssertEqual(form.sections.map(\.title), checkinChoices().sections.map(\.title), "the core's headings, in order")
        XCTAssertEqual(form.sections.first?.title, "Side effects")
        XCTAssertEqual(form.sections.flatMap(\.options).count, checkinChoices().symptoms.count, "each symptom once")
        let urgentSection = try XCTUnwrap(form.sections.last)
        XCTAssertTrue(urgentSection.needsHelpNow)
        XCTAssertTrue(urgentSection.options.map(\.symptom).contains(.selfHarmThoughts))
        form.feeling = .sleptBadly
        form.pain = 4
        form.toggle(.dryMouth)
        form.toggle(.nausea)
        form.toggle(.nausea)
        form.note = "   "
        XCTAssertTrue(form.noteFits)
        let saved = try fixture.core.checkIn(answer: form.answer, morning: form.morning, now: instant("2026-11-26T08:10:00Z"))
        XCTAssertEqual(saved.feeling, .sleptBadly)
        XCTAssertEqual(saved.pain, 4)
        XCTAssertEqual(saved.effects, [.dryMouth])
        XCTAssertNil(saved.note)

        let reopened = CheckinForm(morning: "2026-11-26", choices: checkinChoices(), existing: saved)
        XCTAssertEqual(reopened.feeling, .sleptBadly)
        XCTAssertEqual(reopened.effects, [.dryMouth])
        let prompt = TonightState(try fixture.core.today(now: instant("2026-11-26T09:00:00Z")), choices: checkinChoices()).checkin
        XCTAssertEqual(prompt.answeredWith, "Slept badly")
    }

    func testSettingsListEveryEveningMondayFirstInTheReadersLanguage() throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: afternoon)
        _ = try fixture.core.setBedtime(time: "23:30", weekdays: [.friday, .saturday])
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = english
        let state = SettingsState(try fixture.core.daySettings(), medications: try fixture.core.medications(), calendar: calendar)
        XCTAssertEqual(state.evenings.map(\.dayName).first, "Monday")
        XCTAssertEqual(state.evenings.count, 7)
        XCTAssertEqual(state.evenings.first { $0.weekday == .friday }?.bedtime, "23:30")
        XCTAssertEqual(state.evenings.first { $0.weekday == .friday }?.own, true)
        XCTAssertEqual(state.evenings.first { $0.weekday == .monday }?.own, false)
        XCTAssertEqual(state.medications.first?.leadMinutes, 90)
    }

    func testDatesAndClockTimesReadBothWays() {
        XCTAssertEqual(CoreDates.display(day: "2026-11-25", locale: english), "Wed 25 Nov")
        XCTAssertEqual(CoreDates.display(day: "not a date", locale: english), "not a date")
        XCTAssertNil(CoreDates.day("2026-02-30"))
        XCTAssertEqual(CoreDates.clock("21:30")?.hour, 21)
        XCTAssertNil(CoreDates.clock("24:00"))
        XCTAssertEqual(CoreDates.clockString(hour: 7, minute: 5), "07:05")
        let london = TimeZone(identifier: "Europe/London") ?? .current
        XCTAssertEqual(CoreDates.dayString(instant("2026-11-25T23:30:00Z"), in: london), "2026-11-25")
        let tokyo = TimeZone(identifier: "Asia/Tokyo") ?? .current
        XCTAssertEqual(CoreDates.dayString(instant("2026-11-25T23:30:00Z"), in: tokyo), "2026-11-26")
    }

    func testReportFilesAreNamedForTheShareSheet() {
        XCTAssertEqual(ShareFormat.fhir.fileName(madeOn: "2026-11-25"), "eventide-report-2026-11-25.json")
        XCTAssertEqual(ShareFormat.pdf.coreFormat, .html)
        XCTAssertEqual(ShareFormat.allCases.map(\.fileExtension), ["html", "pdf", "csv", "json"])
        // Each extension is the one the core gives its own format (the PDF is printed here).
        for format in ShareFormat.allCases where format != .pdf {
            XCTAssertEqual(format.fileExtension, reportFileExtension(format: format.coreFormat))
        }
    }

    func testABackupIsDescribedByWhatItHolds() {
        let at = PhoneTime(at: instant("2026-11-25T14:00:00Z"), localDate: "2026-11-25", localTime: "14:00", offsetSeconds: 0)
        let info = BackupInfo(exportedAt: at, schemaVersion: 2, bytes: 900, sha256: "", tables: [
            TableCount(table: "medications", rows: 1),
            TableCount(table: "dose_events", rows: 4),
        ])
        XCTAssertEqual(BackupText.describe(info, locale: english), "Backup of Wed 25 Nov at 14:00: 1 medicine, 4 dose records, 0 check-ins.")
    }

    func testSuggestionsCarryTheCoresWordsAndAnUrgentOneComesFirst() throws {
        let fixture = try CoreFixture()
        let medication = try fixture.seedTitration(now: instant("2026-11-10T14:00:00Z"))
        var now = instant("2026-11-10T14:00:00Z")
        for day in 10...24 {
            now = instant(String(format: "2026-11-%02dT21:05:00Z", day))
            _ = try fixture.core.take(medicationId: medication.id, night: nil, slotIndex: nil, now: now)
            now = instant(String(format: "2026-11-%02dT08:05:00Z", day + 1))
            _ = try fixture.core.checkIn(
                answer: CheckInAnswer(feeling: .sleptBadly, pain: nil, effects: [], note: nil),
                morning: nil, now: now
            )
        }
        let today = try fixture.core.today(now: now)
        let cards = SuggestionCard.cards(today.suggestions)
        let card = try XCTUnwrap(cards.first, "a pattern was noticed")
        let original = try XCTUnwrap(today.suggestions.first { $0.id == card.id })
        XCTAssertEqual(card.text, original.text, "the core's words, untouched")
        XCTAssertEqual(card.source, original.source)
        XCTAssertFalse(card.evidence.isEmpty)

        // A symptom not to wait with puts a "get help now" card first, with numbers to call.
        now = now.addingTimeInterval(3600)
        _ = try fixture.core.checkIn(
            answer: CheckInAnswer(feeling: .sleptBadly, pain: nil, effects: [.fainting], note: nil),
            morning: nil, now: now
        )
        let urgent = SuggestionCard.cards(try fixture.core.today(now: now).suggestions)
        let first = try XCTUnwrap(urgent.first)
        XCTAssertTrue(first.urgent && first.getHelpNow, "urgent first: \(urgent.map(\.title))")
        XCTAssertEqual(first.whenToRaise, "Get help now")
        XCTAssertTrue(first.accessibilityLabel.hasPrefix("Get help now. "))
        XCTAssertEqual(first.calls.map(\.number), ["111", "999"])
        XCTAssertEqual(first.calls.first?.telURL?.absoluteString, "tel:111")
        XCTAssertFalse(urgent.dropFirst().contains { $0.getHelpNow })
    }

    func testTheMedicineFormHasTheCoreReadEveryBox() throws {
        let fixture = try CoreFixture()
        var form = MedicineForm()
        form.named("Gabapentin")
        XCTAssertEqual(form.ingredient, .gabapentin, "preselected from the name")
        form.tablets = "100 300"
        form.timing = .times
        form.times = "08:00, 14:00 22:00"
        let added = try fixture.core.addMedication(medication: try form.newMedication(), now: afternoon)
        XCTAssertEqual(added.tabletMg, [100, 300])
        XCTAssertEqual(added.slot, .times(times: ["08:00", "14:00", "22:00"]))

        form.tablets = "12,5"
        XCTAssertThrowsError(try form.newMedication()) { error in
            guard case EventideError.InvalidInput(let field, let reason) = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertEqual(field, "tablet")
            XCTAssertTrue(reason.contains("12.5"), reason)
        }
        form.tablets = "100"
        form.times = "08:00, 8 pm"
        XCTAssertThrowsError(try form.newMedication())
    }

    func testEachStatusOffersOnlyTheButtonsTheCoreAccepts() {
        let nine = PhoneTime(at: instant("2026-11-25T21:00:00Z"), localDate: "2026-11-25", localTime: "21:00", offsetSeconds: 0)
        let late = PhoneTime(at: instant("2026-11-25T23:30:00Z"), localDate: "2026-11-25", localTime: "23:30", offsetSeconds: 0)
        func row(_ status: DoseStatus) -> DoseRow {
            DoseRow(DoseCard(
                key: "dose:m:0:2026-11-25", medicationId: "m", medicationName: "Amitriptyline",
                slotLabel: "evening", slotIndex: 0, night: "2026-11-25", doseMg: 25, doseText: "25 mg",
                breakdown: nil, breakdownProblem: "25 mg cannot be made from 10 mg tablets",
                reminderAt: nine, cutoff: nine, status: status, statusWord: ""
            ))
        }
        let cases: [(DoseStatus, String, Bool, Bool, Bool)] = [
            (.upcoming, "Reminder at 21:00", true, false, true),
            (.due, "Due now", true, true, true),
            (.snoozed(until: late), "Snoozed until 23:30", true, true, true),
            (.taken(at: late, amountMg: 25, late: true), "Taken at 23:30 (late)", false, false, false),
            (.skipped(at: late), "Skipped", true, false, false),
            (.missed, "Missed", true, false, true),
        ]
        for (status, text, take, snooze, skip) in cases {
            let dose = row(status)
            XCTAssertEqual(dose.statusText, text)
            XCTAssertEqual(dose.canTake, take, text)
            XCTAssertEqual(dose.canSnooze, snooze, text)
            XCTAssertEqual(dose.canSkip, skip, text)
        }
        let problem = row(.due)
        XCTAssertTrue(problem.breakdownIsProblem)
        XCTAssertEqual(problem.breakdownText, "25 mg cannot be made from 10 mg tablets")
        XCTAssertEqual(problem.accessibilityLabel, "Amitriptyline, evening, 25 mg, 25 mg cannot be made from 10 mg tablets. Due now.")
    }

    func testTheIngredientPickerFollowsTheNameUntilTheUserPicks() {
        var form = MedicineForm()
        XCTAssertEqual(MedicineForm.ingredientOptions.last?.ingredient, .other)
        XCTAssertEqual(MedicineForm.ingredientOptions.last?.label, "Something else")
        form.named("Elavil")
        XCTAssertEqual(form.ingredient, .amitriptyline)
        form.named("Lyrica")
        XCTAssertEqual(form.ingredient, .pregabalin)
        form.choose(.other)
        form.named("Lyrica 75")
        XCTAssertEqual(form.ingredient, .other, "the user's pick stays")
    }

    func testTheStepUpOffersBothChoicesWithNeitherChosen() throws {
        let fixture = try CoreFixture()
        let medication = try fixture.seedTitration(now: afternoon)
        let due = instant("2026-12-09T14:00:00Z")
        let plan = PlanState(try fixture.core.planView(medicationId: medication.id, now: due), locale: english)
        let stepUp = try XCTUnwrap(plan.stepUp, plan.statusLine)
        XCTAssertEqual(stepUp.options.map(\.action), [.stepUpAsPlanned, .stayAndAsk])
        XCTAssertEqual(stepUp.options.map(\.label), ["Step up as planned", "Stay on this dose and ask my prescriber"])
        XCTAssertNil(stepUp.preselected)
        let stayed = PlanState(try fixture.core.stayOnDose(medicationId: medication.id, now: due), locale: english)
        XCTAssertEqual(stayed.currentDoseText, "10 mg", "staying keeps the dose")
        let up = PlanState(try fixture.core.confirmTolerable(medicationId: medication.id, now: due), locale: english)
        XCTAssertEqual(up.currentDoseText, "20 mg")
        XCTAssertNil(up.stepUp)
    }
}
