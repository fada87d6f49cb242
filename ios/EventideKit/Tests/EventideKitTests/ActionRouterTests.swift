import Foundation
import XCTest
@testable import EventideKit

/// A notification response is understood from its ids alone, as the core reads them
/// (`notificationResponse`), the same way on Android.
final class ActionRouterTests: XCTestCase {
    let dose = "dose:00000000-0000-0000-0000-00000000002a:0:2026-11-25"
    let refill = "refill:00000000-0000-0000-0000-00000000002a:2026-12-17"

    func testButtonsRouteToTheCoreForTheirOwnKindOnly() {
        XCTAssertEqual(ActionRouter.route(notificationId: dose, actionId: "taken"), .record(notificationId: dose, action: .taken))
        XCTAssertEqual(
            ActionRouter.route(notificationId: "checkin:2026-11-26", actionId: "slept-badly"),
            .record(notificationId: "checkin:2026-11-26", action: .sleptBadly)
        )
        XCTAssertEqual(ActionRouter.route(notificationId: "checkin:2026-11-26", actionId: "taken"), .ignore)
        XCTAssertEqual(ActionRouter.route(notificationId: dose, actionId: "groggy"), .ignore)
        XCTAssertEqual(ActionRouter.route(notificationId: "other:1", actionId: "taken"), .ignore)
        XCTAssertEqual(ActionRouter.route(notificationId: dose, actionId: "refill"), .ignore)
    }

    func testTappingTheNotificationOpensTheScreenTheCoreNames() {
        XCTAssertEqual(ActionRouter.route(notificationId: dose, actionId: ActionRouter.defaultActionId), .open(.tonight))
        XCTAssertEqual(ActionRouter.route(notificationId: "checkin:2026-11-26", actionId: ActionRouter.defaultActionId), .open(.checkIn))
        XCTAssertEqual(ActionRouter.route(notificationId: "review:2027-02-25", actionId: ActionRouter.defaultActionId), .open(.suggestions))
        XCTAssertEqual(ActionRouter.route(notificationId: refill, actionId: ActionRouter.defaultActionId), .open(.plan))
        XCTAssertEqual(ActionRouter.route(notificationId: refill, actionId: "taken"), .ignore)
        XCTAssertEqual(ActionRouter.route(notificationId: dose, actionId: ActionRouter.dismissActionId), .ignore)
        let urgent = urgentNotificationId(suggestionId: "get_help_now:eye_pain")
        XCTAssertEqual(ActionRouter.route(notificationId: urgent, actionId: ActionRouter.defaultActionId), .open(.tonight))
    }

    func testEveryButtonTheCoreSchedulesIsRecordedByItsCode() throws {
        let fixture = try CoreFixture()
        let now = instant("2026-11-25T14:00:00Z")
        try fixture.seedTitration(now: now)
        let notifications = try fixture.core.desiredNotifications(now: now, days: 2)
        XCTAssertFalse(notifications.flatMap(\.actions).isEmpty)
        for n in notifications {
            for button in n.actions {
                XCTAssertEqual(ActionRouter.route(notificationId: n.id, actionId: button.code), .record(notificationId: n.id, action: button.action))
            }
        }
    }

    func testCategoriesCarryTheCoresLabelsAndLockScreenWordsAndKeepOldOnes() {
        let fresh = NotificationCategories.from(reminderCategories(showTitleWhenLocked: false))
        XCTAssertEqual(fresh.map(\.id), [
            "eventide.checkin", "eventide.dose.daytime", "eventide.dose.evening", "eventide.dose.morning", "eventide.refill",
            "eventide.review",
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
        XCTAssertEqual(tonight.doses.first.map { DoseRow($0).buttons }, [], "nothing to offer once taken")
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

    func testARefusedAnswerComesBackWithTheCoresReasonForTheNotificationAndRefillsTheWindow() async throws {
        let fixture = try CoreFixture()
        let setup = instant("2026-11-25T14:00:00Z")
        try fixture.seedTitration(now: setup)
        let store = MemoryNotificationStore()
        let sync = ReminderSync(core: fixture.core, store: store)
        try await sync.reconcile(wake: .appOpened, now: setup)
        let scheduled = await store.requests
        let doseId = try XCTUnwrap(scheduled.first { $0.id.hasPrefix("dose:") }?.id)
        let evening = instant("2026-11-25T21:02:00Z")
        _ = try await sync.handle(notificationId: doseId, actionId: "taken", now: evening)
        let skip = try await sync.handle(notificationId: doseId, actionId: "skip", now: evening)
        guard case .refused(let refused) = skip else { return XCTFail("got \(skip)") }
        XCTAssertEqual(refused.id, doseId, "the reason takes the notification's place")
        XCTAssertTrue(refused.message.contains("already recorded as taken"), refused.message)
        XCTAssertEqual(refused.notice.id, doseId)
        XCTAssertEqual(refused.notice.body, refused.message)
        XCTAssertFalse(refused.notice.timeSensitive)
        let count = await store.requests.count
        XCTAssertGreaterThan(count, 0, "the window was refilled all the same")
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
