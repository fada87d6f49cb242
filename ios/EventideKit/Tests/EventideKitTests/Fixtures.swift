import Foundation
import XCTest
@testable import EventideKit

/// A real core on a fresh database file in a temporary directory, in a pinned zone.
final class CoreFixture {
    let core: Eventide
    let directory: URL

    init(zone: String = "Europe/London", file: StaticString = #filePath, line: UInt = #line) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("eventide-kit-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let timeZone = try XCTUnwrap(TimeZone(identifier: zone), file: file, line: line)
        core = try Eventide(
            dbPath: directory.appendingPathComponent("eventide.db").path,
            zone: FoundationTimeZone(pinnedTo: timeZone)
        )
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Amitriptyline 10 and 25 mg tablets, reminded 90 minutes before the default 22:30
    /// bedtime (so at 21:00), on a 10 → 50 mg titration starting tonight.
    @discardableResult
    func seedTitration(now: Date) throws -> Medication {
        let medication = try core.addMedication(
            medication: NewMedication(
                name: "Amitriptyline", ingredient: .amitriptyline, tabletMg: [10, 25], canHalve: false,
                liquidMgPer5ml: [], slot: .evening(leadMinutes: 90)
            ),
            now: now
        )
        _ = try core.titrate(
            medicationId: medication.id, startMg: 10, stepMg: 10, everyDays: 14,
            targetMg: 50, startsOn: nil, confirmedWarnings: [], now: now
        )
        return medication
    }
}

/// An instant from RFC 3339 text ("2026-11-25T14:00:00Z").
func instant(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else {
        XCTFail("not an instant: \(text)", file: file, line: line)
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

/// A desired notification built by hand, for rules that need no core.
func desired(
    _ id: String,
    at fireAt: Date,
    kind: NotificationKind = .dose,
    title: String = "Amitriptyline 10 mg",
    body: String = "Time for your evening dose: 1 × 10 mg."
) -> DesiredNotification {
    let buttons: [NotificationButton]
    switch kind {
    case .dose:
        buttons = [
            NotificationButton(action: .taken, code: "taken", label: "Taken"),
            NotificationButton(action: .snooze, code: "snooze", label: "Snooze"),
            NotificationButton(action: .skip, code: "skip", label: "Skip"),
        ]
    case .checkin:
        buttons = [
            NotificationButton(action: .fine, code: "fine", label: "Fine"),
            NotificationButton(action: .groggy, code: "groggy", label: "Groggy"),
            NotificationButton(action: .sleptBadly, code: "slept-badly", label: "Slept badly"),
        ]
    case .review, .refill:
        buttons = []
    }
    return DesiredNotification(
        id: id, numericId: 1, kind: kind,
        fireAt: PhoneTime(at: fireAt, localDate: "2026-11-25", localTime: "21:00", offsetSeconds: 0),
        title: title, body: body,
        medicationId: kind == .dose ? "med-1" : nil,
        medicationName: kind == .dose ? "Amitriptyline" : nil,
        date: "2026-11-25", actions: buttons
    )
}

/// The OS's notification store as a list in memory: applying a plan changes it the way
/// `UNUserNotificationCenter` would (an id added again replaces the request).
actor MemoryNotificationStore: NotificationStore {
    private(set) var requests: [ReminderRequest] = []
    private(set) var categories: [CategorySpec] = []
    /// Ids of notifications "on screen".
    private(set) var shown: [String] = []
    /// The background refresh asked for last.
    private(set) var refresh: Date? = nil

    /// The OS delivering a pending request: it leaves the pending list and shows.
    func deliver(_ id: String) {
        requests.removeAll { $0.id == id }
        shown.append(id)
    }

    func pending() async -> [PendingRequest] {
        requests.map { PendingRequest(id: $0.id, fingerprint: $0.fingerprint) }
    }

    func registeredCategories() async -> [CategorySpec] {
        categories
    }

    func delivered() async -> [String] {
        shown
    }

    func removeDelivered(_ ids: [String]) async {
        shown.removeAll { ids.contains($0) }
    }

    func apply(remove: [String], add: [ReminderRequest], categories: [CategorySpec]) async throws {
        self.categories = categories
        requests.removeAll { remove.contains($0.id) }
        for request in add {
            requests.removeAll { $0.id == request.id }
            requests.append(request)
        }
    }

    func scheduleRefresh(after earliest: Date?) async {
        refresh = earliest
    }
}
