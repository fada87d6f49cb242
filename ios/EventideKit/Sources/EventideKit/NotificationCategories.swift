import Foundation
import EventideCore

/// One notification button: `id` is the core's action code ("taken", "slept-badly"),
/// `title` its label. Buttons run in the background (no `.foreground` option) and do not
/// ask to unlock, so a one-tap answer works on a locked phone.
public struct ActionSpec: Equatable, Sendable {
    public let id: String
    public let title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// A notification category: the set of buttons a kind of notification shows.
public struct CategorySpec: Equatable, Sendable {
    public let id: String
    public let actions: [ActionSpec]

    public init(id: String, actions: [ActionSpec]) {
        self.id = id
        self.actions = actions
    }
}

/// Categories come from the core's own buttons (labels included), one per notification kind.
/// The Android app's counterpart is its notification channels (one per kind).
public enum NotificationCategories {
    /// The category id of a kind of notification.
    public static func id(for kind: NotificationKind) -> String {
        switch kind {
        case .dose: return "eventide.dose"
        case .checkin: return "eventide.checkin"
        case .review: return "eventide.review"
        case .refill: return "eventide.refill"
        }
    }

    /// One category per kind present in `desired`, with the buttons of its first notification.
    public static func from(_ desired: [DesiredNotification]) -> [CategorySpec] {
        var byId: [String: CategorySpec] = [:]
        for notification in desired {
            let categoryId = Self.id(for: notification.kind)
            if byId[categoryId] == nil {
                let actions = notification.actions.map { ActionSpec(id: $0.code, title: $0.label) }
                byId[categoryId] = CategorySpec(id: categoryId, actions: actions)
            }
        }
        return byId.values.sorted { $0.id < $1.id }
    }

    /// The categories to register: `fresh` ones replace those with the same id, and the
    /// others stay, so a notification already on screen keeps its buttons even when no
    /// future notification of its kind is wanted.
    public static func merged(registered: [CategorySpec], fresh: [CategorySpec]) -> [CategorySpec] {
        var byId: [String: CategorySpec] = [:]
        for category in registered { byId[category.id] = category }
        for category in fresh { byId[category.id] = category }
        return byId.values.sorted { $0.id < $1.id }
    }
}
