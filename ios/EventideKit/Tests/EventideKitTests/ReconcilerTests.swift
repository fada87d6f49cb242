import Foundation
import XCTest
@testable import EventideKit

/// The executor of the core's iOS plans: the OS ends up holding the core's window (at most
/// 64 requests, dose and check-in triggers floating on the wall clock), a second run changes
/// nothing, and concurrent reconciles run one after the other.
final class ReconcilerTests: XCTestCase {
    let now = instant("2026-11-25T14:00:00Z")

    func testTheRealCoresWindowIsAddedOnceAndASecondRunChangesNothing() async throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: now)
        let store = MemoryNotificationStore()
        let sync = ReminderSync(core: fixture.core, store: store)

        let first = try await sync.reconcile(wake: .appOpened, now: now)
        XCTAssertFalse(first.schedule.isEmpty)
        let requests = await store.requests
        XCTAssertLessThanOrEqual(requests.count, 64)
        XCTAssertTrue(requests.contains { $0.id.hasPrefix("dose:") && $0.id.hasSuffix(":2026-11-25") })
        XCTAssertTrue(requests.contains { $0.id == "checkin:2026-11-26" })
        // A window cut short says so on its last request.
        XCTAssertTrue(requests.last?.body.contains("Open Eventide to keep them coming") ?? false)
        let refresh = await store.refresh
        XCTAssertNotNil(refresh, "a background refresh is asked for after every reconcile")

        let second = try await sync.reconcile(wake: .backgroundRefresh, now: now)
        XCTAssertTrue(second.cancel.isEmpty && second.schedule.isEmpty)
        let categories = await store.categories.map(\.id)
        XCTAssertTrue(categories.contains("eventide.checkin"))
        XCTAssertTrue(categories.contains("eventide.dose.evening"))
    }

    func testDoseAndCheckinTriggersFloatOnTheWallClockAndCarryNoTimeZone() async throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: now)
        let store = MemoryNotificationStore()
        try await ReminderSync(core: fixture.core, store: store).reconcile(wake: .appOpened, now: now)
        let requests = await store.requests
        let tonight = try XCTUnwrap(requests.first { $0.id.hasPrefix("dose:") })
        XCTAssertTrue(tonight.floating)
        XCTAssertNil(tonight.trigger.timeZone)
        XCTAssertNil(tonight.trigger.calendar)
        XCTAssertEqual(tonight.trigger.hour, 21)
        XCTAssertEqual(tonight.trigger.minute, 0)
        XCTAssertTrue(tonight.timeSensitive)
        XCTAssertEqual(tonight.categoryId, "eventide.dose.evening")
    }

    func testASnoozeIsAFixedInstantInUTC() async throws {
        let fixture = try CoreFixture()
        let medication = try fixture.seedTitration(now: now)
        let store = MemoryNotificationStore()
        let sync = ReminderSync(core: fixture.core, store: store)
        let evening = instant("2026-11-25T21:02:00Z")
        _ = try fixture.core.snooze(medicationId: medication.id, slotIndex: nil, minutes: 30, now: evening)
        try await sync.reconcile(wake: .changed, now: evening)
        let requests = await store.requests
        let snoozed = try XCTUnwrap(requests.first { $0.id.hasPrefix("dose:") && $0.id.hasSuffix(":2026-11-25") })
        XCTAssertFalse(snoozed.floating)
        XCTAssertEqual(snoozed.trigger.timeZone?.identifier, "UTC")
        XCTAssertEqual(snoozed.fireAt, instant("2026-11-25T21:32:00Z"))
    }

    func testFloatingComponentsUseThePhonesOwnCalendar() throws {
        var buddhist = Calendar(identifier: .buddhist)
        buddhist.timeZone = try XCTUnwrap(TimeZone(identifier: "Asia/Bangkok"))
        let components = try XCTUnwrap(ReminderRequest.floating(
            WallClock(year: 2026, month: 11, day: 25, hour: 21, minute: 0), calendar: buddhist
        ))
        XCTAssertEqual(components.year, 2569, "Buddhist era year")
        XCTAssertEqual(components.hour, 21)
        XCTAssertNil(components.timeZone)
    }

    func testConcurrentReconcilesRunOneAfterTheOther() async throws {
        let fixture = try CoreFixture()
        try fixture.seedTitration(now: now)
        let store = MemoryNotificationStore()
        let sync = ReminderSync(core: fixture.core, store: store)
        // Launch, activation and a notification answer arriving together.
        async let a = sync.reconcile(wake: .appOpened, now: now)
        async let b = sync.reconcile(wake: .appOpened, now: now)
        async let c = sync.reconcile(wake: .zoneChanged, now: now)
        let plans = try await [a, b, c]
        XCTAssertEqual(plans.filter { !$0.schedule.isEmpty }.count, 1, "only the first adds; the others find it done")
        let count = await store.requests.count
        XCTAssertEqual(count, plans[0].schedule.count + plans[1].schedule.count + plans[2].schedule.count)
    }
}
