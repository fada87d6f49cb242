import Foundation
import EventideCore

/// One local notification as the OS should hold it, described without UserNotifications so
/// the rules can be tested anywhere. The app turns it into a `UNNotificationRequest` with a
/// one-shot calendar trigger. Mirrors `ScheduledAlarm` in android/shell.
public struct ReminderRequest: Equatable, Sendable {
    /// The core's stable id ("dose:{med}:{slot}:{night}", "checkin:{morning}", "review:{date}",
    /// "refill:{med}:{night}").
    public let id: String
    /// When it fires.
    public let fireAt: Date
    public let title: String
    public let body: String
    /// The category whose buttons it shows (see `NotificationCategories`).
    public let categoryId: String
    /// Groups a medicine's reminders (or all check-ins) together in Notification Center.
    public let threadId: String
    /// Dose reminders break through Focus (interruption level `.timeSensitive`); a missed
    /// dose matters more than a check-in question.
    public let timeSensitive: Bool
    /// Everything the OS shows or acts on, in one string kept in the request's `userInfo`:
    /// a pending request whose fingerprint differs from the desired one is replaced.
    public let fingerprint: String

    /// The key under which `fingerprint` is stored in `userInfo`.
    public static let fingerprintKey = "eventide.fingerprint"

    /// The request for one of the core's desired notifications.
    public init(_ desired: DesiredNotification) {
        id = desired.id
        fireAt = desired.fireAt.at
        title = desired.title
        body = desired.body
        categoryId = NotificationCategories.id(for: desired.kind)
        switch desired.kind {
        case .dose:
            threadId = "dose:" + (desired.medicationId ?? "")
            timeSensitive = true
        case .checkin:
            threadId = "checkin"
            timeSensitive = false
        case .review:
            threadId = "review"
            timeSensitive = false
        case .refill:
            // A daytime reminder to ask for more: it can wait for Focus to end.
            threadId = "refill:" + (desired.medicationId ?? "")
            timeSensitive = false
        }
        let seconds = Int64(desired.fireAt.at.timeIntervalSince1970.rounded(.down))
        fingerprint = [String(seconds), categoryId, title, body].joined(separator: "\u{1F}")
    }
}
