import Foundation
import EventideCore

/// A request the OS holds now, as read back from `pendingNotificationRequests()`.
public struct PendingReminder: Equatable, Sendable {
    public let id: String
    /// The fingerprint stored when it was added; nil for a request without one.
    public let fingerprint: String?

    public init(id: String, fingerprint: String?) {
        self.id = id
        self.fingerprint = fingerprint
    }
}

/// What to do to make the OS match the core: remove these ids, then add these requests.
public struct ReconcilePlan: Equatable, Sendable {
    public let toRemove: [String]
    public let toAdd: [ReminderRequest]

    /// True when the OS already holds exactly what is wanted.
    public var isEmpty: Bool { toRemove.isEmpty && toAdd.isEmpty }
}

/// Desired state, not commands: the core says which notifications should be pending; this
/// computes the difference with what the OS holds. Running it again with the result applied
/// gives an empty plan, so launch, every handled action, becoming active and a time-zone
/// change all use the same path. Mirrors `Reconciler` in android/shell.
public enum Reconciler {
    /// iOS keeps only the soonest 64 pending requests of an app and silently drops the rest;
    /// the app keeps at most 60 so there is always room, and refills the window as it drains.
    public static let windowLimit = 60

    /// The plan that turns `pending` into the soonest `limit` future entries of `desired`.
    public static func plan(
        desired: [DesiredNotification],
        pending: [PendingReminder],
        now: Date,
        limit: Int = windowLimit
    ) -> ReconcilePlan {
        let wanted = window(desired: desired, now: now, limit: limit)
        var wantedById: [String: ReminderRequest] = [:]
        for request in wanted { wantedById[request.id] = request }

        var toRemove: [String] = []
        var kept = Set<String>()
        for request in pending {
            if let want = wantedById[request.id], want.fingerprint == request.fingerprint,
               !kept.contains(request.id) {
                kept.insert(request.id)
            } else if !toRemove.contains(request.id) {
                toRemove.append(request.id)
            }
        }
        let toAdd = wanted.filter { !kept.contains($0.id) }
        return ReconcilePlan(toRemove: toRemove.sorted(), toAdd: toAdd)
    }

    /// The requests the OS should hold: future only, soonest first, one per id, at most `limit`.
    public static func window(desired: [DesiredNotification], now: Date, limit: Int = windowLimit) -> [ReminderRequest] {
        var seen = Set<String>()
        let future = desired
            .filter { $0.fireAt.at > now }
            .sorted { ($0.fireAt.at, $0.id) < ($1.fireAt.at, $1.id) }
            .filter { seen.insert($0.id).inserted }
        return future.prefix(max(0, limit)).map(ReminderRequest.init)
    }

    /// Notifications still on screen whose question is already answered — the dose taken or
    /// skipped in the app, the check-in given — or put off (a snoozed dose is reminded again
    /// when the snooze ends), so Notification Center does not keep offering buttons for them.
    /// Anything not about today's doses or this morning stays. Mirrors `staleShown` on Android.
    public static func answered(delivered: [String], today: Today) -> [String] {
        delivered.filter { id in
            if let card = today.doses.first(where: { $0.key == id }) {
                switch card.status {
                case .taken, .skipped, .snoozed: return true
                case .upcoming, .due, .missed: return false
                }
            }
            return id == "checkin:" + today.checkin.morning && today.checkin.answer != nil
        }
    }
}
