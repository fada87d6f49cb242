import Foundation
import EventideCore

/// One local notification as iOS should hold it, from the core's plan, described without
/// UserNotifications so it can be tested anywhere. The app turns it into a
/// `UNNotificationRequest` with a one-shot `UNCalendarNotificationTrigger(dateMatching:repeats:)`.
/// Mirrors the alarm payload (`NotificationSpec`) on Android.
public struct ReminderRequest: Equatable, Sendable {
    /// The core's stable id ("dose:{med}:{slot}:{night}", "checkin:{morning}", "review:{date}",
    /// "refill:{med}:{night}").
    public let id: String
    /// When it fires in the phone's zone now (it moves with the zone when `floating`).
    public let fireAt: Date
    /// The trigger's date components. Floating (doses, check-ins, reviews): the wall-clock
    /// date and time in the phone's calendar, with no calendar and no time zone set, so iOS
    /// matches them in whatever zone the phone is in when they come round — a reminder at 21:00
    /// in London is at 21:00 in New York after the flight, even if the app never ran. Fixed (a
    /// snooze, "in 30 minutes"): the instant's components in UTC with the calendar and zone set.
    public let trigger: DateComponents
    /// The trigger follows the phone's wall clock.
    public let floating: Bool
    public let title: String
    public let body: String
    /// The category whose buttons and lock-screen placeholder it uses (see `NotificationCategories`).
    public let categoryId: String
    /// Groups a medicine's reminders (or all check-ins) together in Notification Center.
    public let threadId: String
    /// Dose reminders break through Focus (interruption level `.timeSensitive`).
    public let timeSensitive: Bool
    /// The core's fingerprint, kept in `userInfo` and read back as `PendingRequest.fingerprint`.
    public let fingerprint: String

    /// The key under which `fingerprint` is stored in `userInfo`.
    public static let fingerprintKey = "eventide.fingerprint"

    /// The request for one of the plan's reminders (iOS requests carry one notice each).
    public init?(_ reminder: ScheduledReminder, calendar: Calendar = .current) {
        guard let notice = reminder.notices.first else { return nil }
        id = reminder.key
        fireAt = reminder.at
        if let wall = reminder.wallClock, let components = Self.floating(wall, calendar: calendar) {
            trigger = components
            floating = true
        } else {
            trigger = Self.fixed(reminder.at)
            floating = false
        }
        title = notice.title
        body = notice.body
        categoryId = notice.categoryId
        threadId = notice.thread
        timeSensitive = notice.timeSensitive
        fingerprint = reminder.fingerprint
    }

    /// The core's Gregorian wall clock as components of the phone's own calendar (a Buddhist
    /// or Japanese calendar numbers years differently), with no calendar or time zone set.
    static func floating(_ wall: WallClock, calendar: Calendar) -> DateComponents? {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        let local = DateComponents(
            year: Int(wall.year), month: Int(wall.month), day: Int(wall.day),
            hour: Int(wall.hour), minute: Int(wall.minute)
        )
        guard let date = gregorian.date(from: local) else { return nil }
        return calendar.dateComponents([.era, .year, .month, .day, .hour, .minute], from: date)
    }

    /// An instant's components in UTC, with calendar and zone set: the same instant whatever
    /// the phone's calendar and zone.
    static func fixed(_ at: Date) -> DateComponents {
        var utc = Calendar(identifier: .gregorian)
        let zone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        utc.timeZone = zone
        var when = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: at)
        when.calendar = utc
        when.timeZone = zone
        return when
    }
}
