import Foundation
import EventideCore

/// The app's screens, as tabs and as places a notification tap opens.
public enum Screen: String, CaseIterable, Sendable {
    case tonight, plan, checkin, suggestions, share, settings
}

/// What a notification response means for the app.
public enum NotificationRoute: Equatable, Sendable {
    /// A one-tap button: record it in the core (`handleAction(id:action:now:)`), then reconcile.
    case record(notificationId: String, action: NotificationAction)
    /// The notification itself was tapped: show this screen.
    case open(Screen)
    /// Dismissed, or a button this version does not know: nothing to record.
    case ignore
}

/// Routes a notification response by its ids alone, so it works when the app was launched in
/// the background just to handle it. Mirrors `ActionRouter` and `screenFor` in android/shell.
public enum ActionRouter {
    /// `UNNotificationDefaultActionIdentifier`: the notification body was tapped.
    public static let defaultActionId = "com.apple.UNNotificationDefaultActionIdentifier"
    /// `UNNotificationDismissActionIdentifier`: the notification was dismissed.
    public static let dismissActionId = "com.apple.UNNotificationDismissActionIdentifier"

    /// Every action the core has, each once.
    public static let allActions: [NotificationAction] = [.taken, .snooze, .skip, .fine, .groggy, .sleptBadly]

    /// The core's code for an action (the same text as `NotificationButton.code`).
    /// The switch is exhaustive: a new action in the core stops this compiling until handled.
    public static func code(for action: NotificationAction) -> String {
        switch action {
        case .taken: return "taken"
        case .snooze: return "snooze"
        case .skip: return "skip"
        case .fine: return "fine"
        case .groggy: return "groggy"
        case .sleptBadly: return "slept-badly"
        }
    }

    /// The action a button id stands for; nil for an unknown id.
    public static func action(forCode code: String) -> NotificationAction? {
        allActions.first { self.code(for: $0) == code }
    }

    /// The kind of notification an id belongs to, read from its prefix.
    public static func kind(ofNotificationId id: String) -> NotificationKind? {
        if id.hasPrefix("dose:") { return .dose }
        if id.hasPrefix("checkin:") { return .checkin }
        if id.hasPrefix("review:") { return .review }
        if id.hasPrefix("refill:") { return .refill }
        return nil
    }

    /// The screen a tap on a notification of this kind opens.
    public static func screen(for kind: NotificationKind?) -> Screen {
        switch kind {
        case .dose, .none: return .tonight
        case .checkin: return .checkin
        case .review: return .suggestions
        case .refill: return .plan
        }
    }

    /// What the response (`notificationId`, `actionId`) means.
    public static func route(notificationId: String, actionId: String) -> NotificationRoute {
        let notificationKind = Self.kind(ofNotificationId: notificationId)
        if actionId == defaultActionId { return .open(screen(for: notificationKind)) }
        guard let notificationKind, let tapped = Self.action(forCode: actionId),
              belongs(tapped, to: notificationKind)
        else { return .ignore }
        return .record(notificationId: notificationId, action: tapped)
    }

    /// Dose buttons only answer dose reminders, check-in buttons only check-ins.
    private static func belongs(_ action: NotificationAction, to kind: NotificationKind) -> Bool {
        switch (action, kind) {
        case (.taken, .dose), (.snooze, .dose), (.skip, .dose): return true
        case (.fine, .checkin), (.groggy, .checkin), (.sleptBadly, .checkin): return true
        default: return false
        }
    }
}
