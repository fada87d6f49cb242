import Foundation
import EventideCore

/// The app's screens, as tabs and as places a notification tap opens: the core's six, the same
/// on both phones.
public typealias Screen = AppScreen

/// What a notification response means for the app.
public enum NotificationRoute: Equatable, Sendable {
    /// A one-tap button: record it in the core (`handleAction(id:action:now:)`), then reconcile.
    case record(notificationId: String, action: NotificationAction)
    /// The notification itself was tapped: show this screen.
    case open(Screen)
    /// Dismissed, or a button this notification does not have: nothing to record.
    case ignore
}

/// Routes a notification response by its ids alone, so it works when the app was launched in
/// the background just to handle it. The core says what the pair means
/// (`notificationResponse`): which button codes a notification has, which screen a tap opens.
/// Mirrors `ActionRouter` and `screenFor` in android/shell.
public enum ActionRouter {
    /// `UNNotificationDefaultActionIdentifier`: the notification body was tapped.
    public static let defaultActionId = "com.apple.UNNotificationDefaultActionIdentifier"
    /// `UNNotificationDismissActionIdentifier`: the notification was dismissed.
    public static let dismissActionId = "com.apple.UNNotificationDismissActionIdentifier"

    /// What the response (`notificationId`, `actionId`) means. A button's id is the core's code
    /// ("taken"), registered from the core's categories.
    public static func route(notificationId: String, actionId: String) -> NotificationRoute {
        if actionId == dismissActionId { return .ignore }
        let code: String? = actionId == defaultActionId ? nil : actionId
        switch notificationResponse(id: notificationId, actionCode: code) {
        case .record(let action): return .record(notificationId: notificationId, action: action)
        case .open(let screen): return .open(screen)
        case .ignore: return .ignore
        }
    }
}

/// A notification button the core refused (Skip after Taken, Taken after the latest time):
/// the notification is replaced by the core's reason, on the notification itself — the same
/// answer as Android (`ButtonResult.Refused`). `id` is the notification's own, so the reason
/// takes its place rather than adding another.
public struct RefusedButton: Equatable, Sendable {
    /// The app's name, as Android's replacement notification is titled.
    public static let title = "Eventide"

    public let id: String
    /// The core's sentence.
    public let message: String

    public init(id: String, message: String) {
        self.id = id
        self.message = message
    }

    /// The replacement as a notification to post at once (no trigger, not time-sensitive).
    public var notice: ImmediateNotice {
        ImmediateNotice(id: id, title: Self.title, body: message, timeSensitive: false)
    }
}

/// A notification to show at once, described without UserNotifications (the refusal of a
/// button, a "get help now" suggestion). The app posts it with a request that has no trigger
/// (`ImmediateNotice.request`, below, where UserNotifications exists).
public struct ImmediateNotice: Equatable, Sendable {
    public let id: String
    public let title: String
    public let body: String
    /// Breaks through Focus (interruption level `.timeSensitive`).
    public let timeSensitive: Bool

    public init(id: String, title: String, body: String, timeSensitive: Bool) {
        self.id = id
        self.title = title
        self.body = body
        self.timeSensitive = timeSensitive
    }

    /// A "get help now" suggestion shown at once, under the core's id for it (the same
    /// suggestion replaces its notification rather than repeating it).
    public static func urgent(_ card: SuggestionCard) -> ImmediateNotice {
        ImmediateNotice(id: urgentNotificationId(suggestionId: card.id), title: card.title, body: card.text, timeSensitive: true)
    }
}

#if canImport(UserNotifications)
import UserNotifications

extension ImmediateNotice {
    /// The request that shows it now: no trigger; the same identifier as a notification on
    /// screen replaces that notification.
    public var request: UNNotificationRequest {
        let content = UNMutableNotificationContent()
        content.title = title
        content.body = body
        content.sound = .default
        content.interruptionLevel = timeSensitive ? .timeSensitive : .active
        return UNNotificationRequest(identifier: id, content: content, trigger: nil)
    }
}
#endif
