import Foundation
import XCTest
@testable import EventideKit

/// The rolling window: the OS ends up holding the soonest future notifications the core
/// wants, never more than 60, and a second run changes nothing.
final class ReconcilerTests: XCTestCase {
    let now = instant("2026-11-25T14:00:00Z")

    func testAnEmptyPhoneGetsEveryWantedNotificationSoonestFirst() {
        let later = desired("checkin:2026-11-26", at: now + 18 * 3600, kind: .checkin)
        let sooner = desired("dose:med-1:0:2026-11-25", at: now + 7 * 3600)
        let plan = Reconciler.plan(desired: [later, sooner], pending: [], now: now)
        XCTAssertEqual(plan.toRemove, [])
        XCTAssertEqual(plan.toAdd.map(\.id), ["dose:med-1:0:2026-11-25", "checkin:2026-11-26"])
    }

    func testWhatIsAlreadyPendingUnchangedIsLeftAlone() {
        let wanted = [desired("dose:med-1:0:2026-11-25", at: now + 7 * 3600)]
        let pending = Reconciler.window(desired: wanted, now: now).map {
            PendingReminder(id: $0.id, fingerprint: $0.fingerprint)
        }
        XCTAssertTrue(Reconciler.plan(desired: wanted, pending: pending, now: now).isEmpty)
    }

    func testASnoozedReminderWithTheSameIdIsReplaced() {
        let original = desired("dose:med-1:0:2026-11-25", at: now + 7 * 3600)
        let pending = Reconciler.window(desired: [original], now: now).map {
            PendingReminder(id: $0.id, fingerprint: $0.fingerprint)
        }
        let snoozed = desired("dose:med-1:0:2026-11-25", at: now + 7 * 3600 + 30 * 60)
        let plan = Reconciler.plan(desired: [snoozed], pending: pending, now: now)
        XCTAssertEqual(plan.toRemove, ["dose:med-1:0:2026-11-25"])
        XCTAssertEqual(plan.toAdd.map(\.fireAt), [now + 7 * 3600 + 30 * 60])
    }

    func testAChangedDoseTextIsReplacedToo() {
        let old = desired("dose:med-1:0:2026-12-09", at: now + 14 * 86400, title: "Amitriptyline 10 mg")
        let pending = Reconciler.window(desired: [old], now: now).map {
            PendingReminder(id: $0.id, fingerprint: $0.fingerprint)
        }
        let new = desired("dose:med-1:0:2026-12-09", at: now + 14 * 86400, title: "Amitriptyline 20 mg")
        let plan = Reconciler.plan(desired: [new], pending: pending, now: now)
        XCTAssertEqual(plan.toRemove, ["dose:med-1:0:2026-12-09"])
        XCTAssertEqual(plan.toAdd.map(\.title), ["Amitriptyline 20 mg"])
    }

    func testNotificationsNoLongerWantedAreRemoved() {
        let pending = [
            PendingReminder(id: "dose:med-1:0:2026-11-25", fingerprint: "old"),
            PendingReminder(id: "checkin:2026-11-26", fingerprint: nil),
        ]
        let plan = Reconciler.plan(desired: [], pending: pending, now: now)
        XCTAssertEqual(plan.toRemove, ["checkin:2026-11-26", "dose:med-1:0:2026-11-25"])
        XCTAssertEqual(plan.toAdd, [])
    }

    func testPastNotificationsAreNeverScheduled() {
        let past = desired("dose:med-1:0:2026-11-24", at: now - 60)
        let exactlyNow = desired("dose:med-1:0:2026-11-25", at: now)
        XCTAssertEqual(Reconciler.plan(desired: [past, exactlyNow], pending: [], now: now).toAdd, [])
    }

    func testTheWindowHoldsTheSoonestSixty() {
        let many = (0..<90).reversed().map { day in
            desired("dose:med-1:0:day-\(day)", at: now + Double(day + 1) * 86400)
        }
        let plan = Reconciler.plan(desired: many, pending: [], now: now)
        XCTAssertEqual(plan.toAdd.count, 60)
        XCTAssertEqual(Reconciler.windowLimit, 60)
        XCTAssertEqual(plan.toAdd.first?.id, "dose:med-1:0:day-0")
        XCTAssertEqual(plan.toAdd.last?.id, "dose:med-1:0:day-59")
    }

    func testAsTheWindowDrainsItIsRefilled() {
        let many = (0..<90).map { day in
            desired("dose:med-1:0:day-\(day)", at: now + Double(day + 1) * 86400)
        }
        let first = Reconciler.window(desired: many, now: now)
        let pending = first.map { PendingReminder(id: $0.id, fingerprint: $0.fingerprint) }
        // Three days later three have fired (and left the pending list).
        let later = now + 3 * 86400 + 60
        let stillPending = pending.filter { id in first.contains { $0.id == id.id && $0.fireAt > later } }
        let plan = Reconciler.plan(desired: many, pending: stillPending, now: later)
        XCTAssertEqual(plan.toRemove, [])
        XCTAssertEqual(plan.toAdd.map(\.id), ["dose:med-1:0:day-60", "dose:med-1:0:day-61", "dose:med-1:0:day-62"])
    }

    func testADuplicateIdIsScheduledOnce() {
        let a = desired("checkin:2026-11-26", at: now + 3600, kind: .checkin)
        let plan = Reconciler.plan(desired: [a, a], pending: [], now: now)
        XCTAssertEqual(plan.toAdd.count, 1)
    }

    func testDosesAreTimeSensitiveAndCheckinsAreNot() {
        let dose = ReminderRequest(desired("dose:med-1:0:2026-11-25", at: now + 3600))
        let checkin = ReminderRequest(desired("checkin:2026-11-26", at: now + 3600, kind: .checkin))
        XCTAssertTrue(dose.timeSensitive)
        XCTAssertFalse(checkin.timeSensitive)
        XCTAssertEqual(dose.categoryId, "eventide.dose")
        XCTAssertEqual(checkin.categoryId, "eventide.checkin")
        XCTAssertEqual(dose.threadId, "dose:med-1")
    }

    func testTheRealCoresSetReconcilesToNothingTheSecondTime() async throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: now)
        let store = MemoryNotificationStore()
        let sync = ReminderSync(core: fixture.core, store: store)

        let first = try await sync.reconcile(now: now)
        XCTAssertFalse(first.toAdd.isEmpty)
        XCTAssertLessThanOrEqual(first.toAdd.count, Reconciler.windowLimit)
        let ids = await store.requests.map(\.id)
        XCTAssertTrue(ids.contains { $0.hasPrefix("dose:") && $0.hasSuffix(":2026-11-25") })
        XCTAssertTrue(ids.contains("checkin:2026-11-26"))

        let second = try await sync.reconcile(now: now)
        XCTAssertTrue(second.isEmpty)
        let categories = await store.categories.map(\.id)
        XCTAssertTrue(categories.contains("eventide.checkin"))
        XCTAssertTrue(categories.contains("eventide.dose"))
    }
}
