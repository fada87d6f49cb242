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
        XCTAssertNil(state.emptyMessage)
        let dose = try XCTUnwrap(state.doses.first)
        let card = try XCTUnwrap(try fixture.core.today(now: afternoon).doses.first)
        XCTAssertEqual(dose.medicationName, "Amitriptyline")
        XCTAssertEqual(dose.doseText, "10 mg")
        XCTAssertEqual(dose.breakdownText, "1 × 10 mg")
        XCTAssertFalse(dose.breakdownIsProblem)
        XCTAssertEqual(dose.reminderText, card.reminderText, "the core's reminder line")
        XCTAssertEqual(dose.statusText, card.statusText, "the core's status line, not the shell's")
        XCTAssertEqual(dose.statusText, "Upcoming")
        XCTAssertEqual(dose.buttons, card.buttons, "the core's buttons, as they are")
        XCTAssertEqual(dose.buttons.map(\.action), [.taken, .skip])
        XCTAssertTrue(dose.accessibilityLabel.contains("Amitriptyline"))
        XCTAssertTrue(dose.accessibilityLabel.contains("1 × 10 mg"))
        XCTAssertEqual(state.nextReminder, "Next reminder: Wed 25 Nov 21:00 — Amitriptyline 10 mg")
    }

    func testAfterTakingTheButtonsGoAndTheTimeIsShown() throws {
        let fixture = try CoreFixture()
        let medication = try fixture.seedTitration(now: afternoon)
        let evening = instant("2026-11-25T21:04:00Z")
        _ = try fixture.core.take(medicationId: medication.id, night: nil, slotIndex: nil, now: evening)
        let dose = try XCTUnwrap(TonightState(try fixture.core.today(now: evening), choices: checkinChoices()).doses.first)
        XCTAssertEqual(dose.statusText, "Taken at 21:04")
        XCTAssertEqual(dose.buttons, [], "nothing to offer once taken")
    }

    func testACardButtonGoesThroughHandleActionWithTheCardsKey() throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: afternoon)
        let due = instant("2026-11-25T21:01:00Z")
        let row = try XCTUnwrap(TonightState(try fixture.core.today(now: due), choices: checkinChoices()).doses.first)
        XCTAssertEqual(row.buttons.map(\.action), [.taken, .snooze, .skip])
        let snooze = try XCTUnwrap(row.buttons.first { $0.action == .snooze })
        XCTAssertTrue(snooze.enabled)
        XCTAssertFalse(snooze.primary)
        // The snooze moves the reminder by the core's own default: its label says how long.
        let message = try row.press(snooze, core: fixture.core, now: due)
        let snoozed = try XCTUnwrap(TonightState(try fixture.core.today(now: due), choices: checkinChoices()).doses.first)
        XCTAssertTrue(snoozed.statusText.hasPrefix("Snoozed until "), snoozed.statusText)
        XCTAssertTrue(message.contains(String(snoozed.statusText.dropFirst("Snoozed until ".count))), message)
        let minutes = Int(snooze.label.filter(\.isNumber)) ?? 0
        let expected = due.addingTimeInterval(Double(minutes) * 60)
        var london = Calendar(identifier: .gregorian)
        london.timeZone = try XCTUnwrap(TimeZone(identifier: "Europe/London"))
        let hm = london.dateComponents([.hour, .minute], from: expected)
        XCTAssertEqual(snoozed.statusText, "Snoozed until " + CoreDates.clockString(hour: hm.hour ?? 0, minute: hm.minute ?? 0))
        let taken = try XCTUnwrap(snoozed.buttons.first { $0.action == .taken })
        _ = try snoozed.press(taken, core: fixture.core, now: due)
        let after = try XCTUnwrap(TonightState(try fixture.core.today(now: due), choices: checkinChoices()).doses.first)
        XCTAssertEqual(after.statusText, "Taken at 21:01")
        XCTAssertThrowsError(try after.press(snooze, core: fixture.core, now: due), "a button the card no longer has is refused")
    }

    func testADosePastItsLatestTimeShowsTheGuidanceAndNoButtons() throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: afternoon)
        // Bedtime 22:30, latest time 00:30: at 01:00 the dose is missed.
        let row = try XCTUnwrap(TonightState(try fixture.core.today(now: instant("2026-11-26T01:00:00Z")), choices: checkinChoices()).doses.first)
        XCTAssertEqual(row.statusText, "Missed")
        XCTAssertEqual(row.buttons, [], "the core would refuse Taken now")
        XCTAssertNotNil(row.guidance)
    }

    func testAnEmptyDatabaseInvitesTheUserToStart() throws {
        let fixture = try CoreFixture()
        let state = TonightState(try fixture.core.today(now: afternoon), choices: checkinChoices())
        XCTAssertEqual(state.emptyMessage, TonightState.nothingPlannedText)
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
        // The core's words: the step's last night is the one before the next step starts.
        XCTAssertEqual(plan.steps.first?.datesText, "Wed 25 Nov – Tue 8 Dec")
        let view = try fixture.core.planView(medicationId: medication.id, now: afternoon)
        XCTAssertEqual(plan.steps.map(\.datesText), view.steps.map(\.dates))
        XCTAssertEqual(plan.steps.last?.datesText, "From Wed 20 Jan")
        XCTAssertEqual(plan.steps.last?.take, "2 × 25 mg")
        XCTAssertEqual(plan.nextChangeText, "20 mg from Wed 9 Dec, if you choose to step up then.")
        XCTAssertNil(plan.stepUp, "nothing is due yet")
        XCTAssertTrue(plan.canHold)
        XCTAssertFalse(plan.isTaper)
        XCTAssertTrue(plan.steps[0].accessibilityLabel.contains("current step"))
    }

    func testATaperPreviewShowsItsCutsEndAndOtherFormsAndSavesOnceConfirmed() throws {
        let fixture = try CoreFixture()
        let now = instant("2026-06-01T12:00:00Z")
        let medication = try fixture.core.addMedication(
            medication: NewMedication(
                name: "Amitriptyline", ingredient: .amitriptyline, tabletMg: [10, 25], canHalve: false,
                liquidMgPer5ml: [], slot: .evening(leadMinutes: 90)
            ),
            now: now
        )
        let method = TaperMethod.proportional(percent: 10)
        let preview = PlanPreviewState(
            try fixture.core.previewTaper(medicationId: medication.id, method: method, everyDays: 14, fromMg: 50, now: now),
            locale: english
        )
        XCTAssertEqual(preview.warnings.count, 2)
        XCTAssertEqual(preview.plan.steps[1].changeText, "−5 mg (−10%)")
        XCTAssertEqual(preview.plan.steps.filter(\.isMarked).map(\.id), [5, 6, 7, 8])
        XCTAssertEqual(preview.plan.endLine, "Ends on Mon 21 Sep 2026: 16 weeks (about 4 months) in all.")
        XCTAssertEqual(preview.plan.otherForms.map(\.label), ["With 10 mg/5 ml oral solution as well", "Splitting tablets in half"])
        XCTAssertThrowsError(try fixture.core.taper(
            medicationId: medication.id, method: method, everyDays: 14, fromMg: 50, confirmedWarnings: [], now: now
        ))
        let saved = PlanState(try fixture.core.taper(
            medicationId: medication.id, method: method, everyDays: 14, fromMg: 50,
            confirmedWarnings: preview.warnings, now: now
        ), locale: english)
        XCTAssertEqual(saved.steps.map(\.doseText), preview.plan.steps.map(\.doseText))
        XCTAssertEqual(saved.confirmedWarnings, preview.warnings)
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
        XCTAssertEqual(state.medications.first?.leadMinutes, formChoices().defaultLeadMinutes)
        XCTAssertEqual(state.leads, formChoices().leads, "the core's lead choices")
        XCTAssertEqual(state.checkinRange, "\(formChoices().checkinEarliest)–\(formChoices().checkinLatest)")
        for lead in state.leads {
            _ = try fixture.core.setLead(medicationId: try XCTUnwrap(state.medications.first?.id), leadMinutes: lead.minutes)
        }
    }

    func testThePrivacySectionIsTheCoresWordsAndChoices() throws {
        let fixture = try CoreFixture()
        let off = PrivacyState(lockScreenDetails: try fixture.core.lockScreenDetails(), includeInPhoneBackup: try fixture.core.includeInPhoneBackup())
        XCTAssertEqual(off.texts, privacyTexts(platform: .ios))
        XCTAssertFalse(off.lockScreenDetails)
        XCTAssertTrue(off.includeInPhoneBackup, "included until the user switches it off")
        XCTAssertEqual(off.lockScreenNote, off.texts.lockScreenOff)
        XCTAssertNotNil(off.texts.phoneBackupToggle)
        _ = try fixture.core.setIncludeInPhoneBackup(on: false)
        _ = try fixture.core.setLockScreenDetails(on: true)
        let on = PrivacyState(lockScreenDetails: try fixture.core.lockScreenDetails(), includeInPhoneBackup: try fixture.core.includeInPhoneBackup())
        XCTAssertEqual(on.lockScreenNote, on.texts.lockScreenOn)
        XCTAssertEqual(on.phoneBackupNote, on.texts.phoneBackupOffText)
        XCTAssertTrue(DatabaseFiles.excludedFromBackup(include: on.includeInPhoneBackup))
        XCTAssertEqual(DatabaseFiles.all(of: URL(fileURLWithPath: "/x/eventide.db")).map(\.lastPathComponent), ["eventide.db", "eventide.db-wal", "eventide.db-shm"])
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

    func testReportFilesAreTheCoresChoicesNamesAndBytes() throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: afternoon)
        let options = ShareChoices.all
        XCTAssertEqual(options, shareOptions())
        XCTAssertEqual(options.map(\.format), [.html, .html, .csv, .fhir, .plan], "the core's order")
        let reports = CoreReports(core: fixture.core)
        let page = try reports.report(try XCTUnwrap(options.first { $0.format == .html && !$0.printToPdf }), patientName: "Sam", now: afternoon)
        XCTAssertEqual(page.fileName, "eventide-report-2026-11-25.html")
        XCTAssertTrue(String(decoding: page.data, as: UTF8.self).contains("Sam"), "the name typed is printed on it")
        let pdf = try reports.report(try XCTUnwrap(options.first { $0.format == .html && $0.printToPdf }), patientName: "", now: afternoon)
        XCTAssertTrue(pdf.printToPdf)
        XCTAssertEqual(pdf.fileName, "eventide-report-2026-11-25.pdf", "the core's PDF name")
        XCTAssertEqual(pdf.pageName, "eventide-report-2026-11-25.html")
        let calendar = try reports.report(try XCTUnwrap(options.first { $0.format == .plan }), patientName: "", now: afternoon)
        XCTAssertEqual(calendar.fileName, "eventide-plan-2026-11-25.pdf")
        let fhir = try reports.report(try XCTUnwrap(options.first { $0.format == .fhir }), patientName: "", now: afternoon)
        XCTAssertEqual(fhir.fileName, "eventide-report-2026-11-25.json")
    }

    func testABackupIsDescribedInTheCoresWords() throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: afternoon)
        let info = try fixture.core.inspectBackup(bytes: try fixture.core.backupBytes(passphrase: nil, now: afternoon), passphrase: nil)
        XCTAssertEqual(BackupText.describe(info), info.summary, "not built from table names")
        XCTAssertEqual(info.summary, "Backup of Wed 25 Nov 2026 at 14:00: 1 medicine, 0 dose records, 0 check-ins.")
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
        XCTAssertEqual(MedicineForm().leadMinutes, formChoices().defaultLeadMinutes, "the core's default lead")
        XCTAssertEqual(MedicineForm().times, formChoices().times)
        XCTAssertEqual(MedicineForm.timingOptions.map(\.timing), [.evening, .morning, .times])
        XCTAssertEqual(MedicineForm.leadOptions, formChoices().leads)
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

    func testSuppliesAskForACountThenSayWhenTheyRunOutAndWhatToAskFor() throws {
        let fixture = try CoreFixture()
        let medication = try fixture.seedTitration(now: afternoon)
        let before = SupplyState(try XCTUnwrap(fixture.core.today(now: afternoon).supplies.first), locale: english)
        XCTAssertFalse(before.tracked)
        XCTAssertTrue(before.status.hasPrefix("No stock recorded for Amitriptyline"))
        XCTAssertEqual(before.boxes.map(\.label), ["10 mg tablets", "25 mg tablets"])
        var form = SupplyForm(boxes: before.boxes)
        form.boxes[0].amount = "20"
        form.boxes[0].packSize = "28"
        XCTAssertEqual(form.lines.count, 1, "empty boxes are left out")
        _ = try fixture.core.setStock(medicationId: medication.id, lines: form.lines, now: afternoon)
        let after = SupplyState(try XCTUnwrap(fixture.core.today(now: afternoon).supplies.first), locale: english)
        XCTAssertTrue(after.tracked)
        XCTAssertEqual(after.held, "20 × 10 mg tablets, 0 × 25 mg tablets")
        XCTAssertNotNil(after.runsOut)
        XCTAssertNotNil(after.refillId)
        XCTAssertEqual(after.boxes.first?.packSize, "28")
        XCTAssertTrue(after.rows.contains { $0.accessibilityLabel.hasPrefix("10 mg tablets: 20 tablets held") })
    }

    func testAWordInASupplyBoxIsRefusedByTheCoreNamingTheBox() throws {
        let fixture = try CoreFixture()
        let medication = try fixture.seedTitration(now: afternoon)
        let form = SupplyForm(boxes: [StockBox(form: .tablets, strengthMg: 10, label: "10 mg tablets", amount: "lots")])
        XCTAssertThrowsError(try fixture.core.addSupply(medicationId: medication.id, lines: form.lines, now: afternoon)) { error in
            guard case EventideError.InvalidInput(let field, _) = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertEqual(field, "tablets")
        }
    }

    func testARefillReminderOnScreenIsWithdrawnByTheCoresPlanOnceItNoLongerNamesIt() async throws {
        let fixture = try CoreFixture()
        let medication = try fixture.seedTitration(now: afternoon)
        let few = SupplyForm(boxes: [StockBox(form: .tablets, strengthMg: 10, label: "10 mg tablets", amount: "5")])
        _ = try fixture.core.setStock(medicationId: medication.id, lines: few.lines, now: afternoon)
        let due = try fixture.core.today(now: afternoon).supplies.map { SupplyState($0) }
        let id = try XCTUnwrap(due.first?.refillId)
        let store = MemoryNotificationStore()
        let sync = ReminderSync(core: fixture.core, store: store)
        await store.deliver(id)
        try await sync.reconcile(wake: .appOpened, now: afternoon)
        let kept = await store.shown
        XCTAssertEqual(kept, [id], "still named by the forecast: kept on screen")
        let more = SupplyForm(boxes: [StockBox(form: .tablets, strengthMg: 10, label: "10 mg tablets", amount: "200")])
        _ = try fixture.core.addSupply(medicationId: medication.id, lines: more.lines, now: afternoon)
        try await sync.reconcile(wake: .changed, now: afternoon)
        let after = await store.shown
        XCTAssertEqual(after, [], "a prescription collected moved the date on: the core's plan withdrew it")
    }
}
