import Foundation
import XCTest
@testable import EventideKit

/// A notification response is understood from its ids alone, the same way the core names them.
final class ActionRouterTests: XCTestCase {
    func testButtonsRouteToTheCoreForTheirOwnKindOnly() {
        XCTAssertEqual(
            ActionRouter.route(notificationId: "dose:m:0:2026-11-25", actionId: "taken"),
            .record(notificationId: "dose:m:0:2026-11-25", action: .taken)
        )
        XCTAssertEqual(
            ActionRouter.route(notificationId: "checkin:2026-11-26", actionId: "slept-badly"),
            .record(notificationId: "checkin:2026-11-26", action: .sleptBadly)
        )
        XCTAssertEqual(ActionRouter.route(notificationId: "checkin:2026-11-26", actionId: "taken"), .ignore)
        XCTAssertEqual(ActionRouter.route(notificationId: "dose:m:0:2026-11-25", actionId: "groggy"), .ignore)
        XCTAssertEqual(ActionRouter.route(notificationId: "other:1", actionId: "taken"), .ignore)
        XCTAssertEqual(ActionRouter.route(notificationId: "dose:m:0:2026-11-25", actionId: "refill"), .ignore)
    }

    func testTappingTheNotificationOpensTheRightScreen() {
        XCTAssertEqual(ActionRouter.route(notificationId: "dose:m:0:2026-11-25", actionId: ActionRouter.defaultActionId), .open(.tonight))
        XCTAssertEqual(ActionRouter.route(notificationId: "checkin:2026-11-26", actionId: ActionRouter.defaultActionId), .open(.checkin))
        XCTAssertEqual(ActionRouter.route(notificationId: "review:2027-02-25", actionId: ActionRouter.defaultActionId), .open(.suggestions))
        XCTAssertEqual(ActionRouter.route(notificationId: "refill:m:2026-12-17", actionId: ActionRouter.defaultActionId), .open(.plan))
        XCTAssertEqual(ActionRouter.route(notificationId: "refill:m:2026-12-17", actionId: "taken"), .ignore)
        XCTAssertEqual(ActionRouter.route(notificationId: "dose:m:0:2026-11-25", actionId: ActionRouter.dismissActionId), .ignore)
    }

    func testEveryCodeReadsBackToItsAction() {
        for action in ActionRouter.allActions {
            XCTAssertEqual(ActionRouter.action(forCode: ActionRouter.code(for: action)), action)
        }
        XCTAssertEqual(Set(ActionRouter.allActions.map(ActionRouter.code(for:))).count, 6)
    }

    func testTheShellsCodesAreTheCoresCodes() throws {
        let fixture = try CoreFixture()
        let now = instant("2026-11-25T14:00:00Z")
        try fixture.seedTitration(now: now)
        let buttons = try fixture.core.desiredNotifications(now: now, days: 2).flatMap(\.actions)
        XCTAssertFalse(buttons.isEmpty)
        for button in buttons {
            XCTAssertEqual(ActionRouter.code(for: button.action), button.code)
            XCTAssertEqual(ActionRouter.action(forCode: button.code), button.action)
        }
    }

    func testCategoriesCarryTheCoresLabelsAndLockScreenWordsAndKeepOldOnes() {
        let fresh = NotificationCategories.from(reminderCategories(showTitleWhenLocked: false))
        XCTAssertEqual(fresh.map(\.id), [
            "eventide.checkin", "eventide.dose.daytime", "eventide.dose.evening", "eventide.dose.morning", "eventide.review",
        ])
        let evening = try? XCTUnwrap(fresh.first { $0.id == "eventide.dose.evening" })
        XCTAssertEqual(evening?.actions.map(\.title), ["Taken", "Snooze", "Skip"])
        XCTAssertEqual(evening?.placeholder, "Evening medicine")
        XCTAssertEqual(evening?.showTitleWhenLocked, false)
        XCTAssertEqual(fresh.first?.actions.map(\.id), ["fine", "groggy", "slept-badly"])
        // A category of an older version stays registered, so a reminder on screen keeps its buttons.
        let old = CategorySpec(id: "eventide.dose", actions: [ActionSpec(id: "taken", title: "Taken")])
        let merged = NotificationCategories.merged(registered: [old], fresh: fresh)
        XCTAssertEqual(merged.count, fresh.count + 1)
    }

    func testATakenTapIsRecordedOnceAndTonightsReminderLeavesTheWindow() async throws {
        let fixture = try CoreFixture()
        let setup = instant("2026-11-25T14:00:00Z")
        try fixture.seedTitration(now: setup)
        let store = MemoryNotificationStore()
        let sync = ReminderSync(core: fixture.core, store: store)
        try await sync.reconcile(wake: .appOpened, now: setup)
        let scheduled = await store.requests
        let doseId = try XCTUnwrap(scheduled.first { $0.id.hasPrefix("dose:") && $0.id.hasSuffix("2026-11-25") }?.id)

        // On a locked phone at 19:45, Taken is tapped twice (a retry after a slow wake-up).
        let tap = instant("2026-11-25T19:45:00Z")
        let first = try await sync.handle(notificationId: doseId, actionId: "taken", now: tap)
        let second = try await sync.handle(notificationId: doseId, actionId: "taken", now: tap)
        guard case .recorded(.dose(let outcome)) = first, case .recorded(.dose(let again)) = second else {
            return XCTFail("expected dose outcomes, got \(first) and \(second)")
        }
        XCTAssertTrue(outcome.recorded)
        XCTAssertFalse(again.recorded)
        let ids = await store.requests.map(\.id)
        XCTAssertFalse(ids.contains(doseId))
        XCTAssertTrue(ids.contains { $0.hasPrefix("dose:") && $0.hasSuffix("2026-11-26") })
        let tonight = try fixture.core.today(now: tap)
        XCTAssertEqual(tonight.doses.first.map { DoseRow($0).canTake }, false)
    }

    func testACheckinTapIsRecordedAsTheMorningsAnswer() async throws {
        let fixture = try CoreFixture()
        let setup = instant("2026-11-25T14:00:00Z")
        try fixture.seedTitration(now: setup)
        let sync = ReminderSync(core: fixture.core, store: MemoryNotificationStore())
        let morning = instant("2026-11-26T08:05:00Z")
        let handled = try await sync.handle(notificationId: "checkin:2026-11-26", actionId: "groggy", now: morning)
        guard case .recorded(.checkin(let checkin, let urgent)) = handled else { return XCTFail("got \(handled)") }
        XCTAssertEqual(checkin.morning, "2026-11-26")
        XCTAssertEqual(checkin.feeling, .groggy)
        XCTAssertEqual(urgent, [], "nothing that needs help now")
    }

    func testACheckinTapBringsBackWhatNeedsHelpNowAtAnyHour() async throws {
        let fixture = try CoreFixture()
        let setup = instant("2026-11-25T14:00:00Z")
        try fixture.seedTitration(now: setup)
        // 05:30, before the check-in time: the details were saved in the app first.
        let early = instant("2026-11-26T05:30:00Z")
        _ = try fixture.core.checkIn(
            answer: CheckInAnswer(feeling: .sleptBadly, pain: nil, effects: [.selfHarmThoughts], note: nil),
            morning: nil, now: early
        )
        let sync = ReminderSync(core: fixture.core, store: MemoryNotificationStore())
        let handled = try await sync.handle(notificationId: "checkin:2026-11-26", actionId: "fine", now: early.addingTimeInterval(60))
        guard case .recorded(.checkin(_, let urgent)) = handled else { return XCTFail("got \(handled)") }
        let card = try XCTUnwrap(SuggestionCard.cards(urgent).first)
        XCTAssertTrue(card.getHelpNow)
        XCTAssertEqual(card.calls.map(\.number), ["999", "116123"])
        XCTAssertTrue(card.text.contains("116 123"), card.text)
    }

    func testARefusedAnswerStillRefillsTheWindow() async throws {
        let fixture = try CoreFixture()
        let setup = instant("2026-11-25T14:00:00Z")
        try fixture.seedTitration(now: setup)
        let store = MemoryNotificationStore()
        let sync = ReminderSync(core: fixture.core, store: store)
        do {
            _ = try await sync.handle(notificationId: "dose:not-a-medicine:0:2026-11-25", actionId: "taken", now: setup)
            XCTFail("the core should refuse an unknown medicine")
        } catch is EventideError {
            let count = await store.requests.count
            XCTAssertGreaterThan(count, 0)
        }
    }

    func testADoseTakenInTheAppLeavesNoReminderOnScreen() async throws {
        let fixture = try CoreFixture()
        let setup = instant("2026-11-25T14:00:00Z")
        let medication = try fixture.seedTitration(now: setup)
        let store = MemoryNotificationStore()
        let sync = ReminderSync(core: fixture.core, store: store)
        try await sync.reconcile(wake: .appOpened, now: setup)
        let scheduled = await store.requests
        let doseId = try XCTUnwrap(scheduled.first { $0.id.hasPrefix("dose:") }?.id)

        // 21:00: the reminder shows; at 21:10 the dose is taken in the app instead.
        await store.deliver(doseId)
        let evening = instant("2026-11-25T21:10:00Z")
        try await sync.reconcile(wake: .appOpened, now: evening)
        let stillShown = await store.shown
        XCTAssertEqual(stillShown, [doseId], "an unanswered reminder stays on screen")
        // Snoozed in the app: off the screen until the snooze brings it back.
        _ = try fixture.core.snooze(medicationId: medication.id, slotIndex: nil, minutes: 30, now: evening)
        try await sync.reconcile(wake: .appOpened, now: evening)
        let afterSnoozing = await store.shown
        XCTAssertEqual(afterSnoozing, [], "a snoozed reminder returns when the snooze ends")
        await store.deliver(doseId)
        _ = try fixture.core.take(medicationId: medication.id, night: nil, slotIndex: nil, now: evening)
        try await sync.reconcile(wake: .appOpened, now: evening)
        let afterTaking = await store.shown
        XCTAssertEqual(afterTaking, [])
    }

    func testACheckinAnsweredInTheAppLeavesTheMorningQuestionOffTheScreen() async throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: instant("2026-11-25T14:00:00Z"))
        let store = MemoryNotificationStore()
        let sync = ReminderSync(core: fixture.core, store: store)
        let morning = instant("2026-11-26T08:05:00Z")
        try await sync.reconcile(wake: .appOpened, now: instant("2026-11-25T14:00:00Z"))
        await store.deliver("checkin:2026-11-26")
        // Yesterday's question (answered or not) is not today's: it is left alone.
        await store.deliver("checkin:2026-11-25")
        _ = try fixture.core.checkIn(
            answer: CheckInAnswer(feeling: .fine, pain: nil, effects: [], note: nil),
            morning: nil, now: morning
        )
        try await sync.reconcile(wake: .appOpened, now: morning)
        let shown = await store.shown
        XCTAssertEqual(shown, ["checkin:2026-11-25"])
    }
}
