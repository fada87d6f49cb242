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

/// A notification category: its buttons, and what a locked phone shows of its notifications.
public struct CategorySpec: Equatable, Sendable {
    public let id: String
    public let actions: [ActionSpec]
    /// `hiddenPreviewsBodyPlaceholder`: shown instead of the notification when previews are
    /// hidden (iOS's default on a locked phone) — "Evening medicine", never the medicine.
    public let placeholder: String?
    /// `categorySummaryFormat` ("%u more reminders for %@").
    public let summaryFormat: String?
    /// `.hiddenPreviewsShowTitle`: the user chose full details on the lock screen.
    public let showTitleWhenLocked: Bool

    public init(id: String, actions: [ActionSpec], placeholder: String? = nil, summaryFormat: String? = nil, showTitleWhenLocked: Bool = false) {
        self.id = id
        self.actions = actions
        self.placeholder = placeholder
        self.summaryFormat = summaryFormat
        self.showTitleWhenLocked = showTitleWhenLocked
    }
}

/// The categories come from the core (ids, buttons, labels, lock-screen words), one per kind
/// of reminder. The Android app's counterpart is its notification channels and public versions.
public enum NotificationCategories {
    /// The core's categories as the app registers them.
    public static func from(_ specs: [NotificationCategorySpec]) -> [CategorySpec] {
        specs.map { spec in
            CategorySpec(
                id: spec.id,
                actions: spec.actions.map { ActionSpec(id: $0.code, title: $0.label) },
                placeholder: spec.hiddenPreviewsPlaceholder,
                summaryFormat: spec.summaryFormat,
                showTitleWhenLocked: spec.showTitleWhenLocked
            )
        }
        .sorted { $0.id < $1.id }
    }

    /// The categories to register: `fresh` ones replace those with the same id, and the
    /// others stay (those of an older version), so a notification already on screen keeps
    /// its buttons.
    public static func merged(registered: [CategorySpec], fresh: [CategorySpec]) -> [CategorySpec] {
        var byId: [String: CategorySpec] = [:]
        for category in registered { byId[category.id] = category }
        for category in fresh { byId[category.id] = category }
        return byId.values.sorted { $0.id < $1.id }
    }
}
