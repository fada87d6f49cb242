import Foundation
import UserNotifications
import EventideKit

/// EventideKit's `NotificationStore` on `UNUserNotificationCenter`: the only place the app
/// adds or removes local notifications. Every request is one-shot (a calendar trigger at the
/// core's exact instant, not repeating); the rolling window is refilled by `ReminderSync`.
struct SystemNotificationStore: NotificationStore {
    func pending() async -> [PendingReminder] {
        let requests = await UNUserNotificationCenter.current().pendingNotificationRequests()
        return requests.map { request in
            PendingReminder(
                id: request.identifier,
                fingerprint: request.content.userInfo[ReminderRequest.fingerprintKey] as? String
            )
        }
    }

    func registeredCategories() async -> [CategorySpec] {
        let categories = await UNUserNotificationCenter.current().notificationCategories()
        return categories
            .map { category in
                CategorySpec(
                    id: category.identifier,
                    actions: category.actions.map { ActionSpec(id: $0.identifier, title: $0.title) }
                )
            }
            .sorted { $0.id < $1.id }
    }

    func apply(_ plan: ReconcilePlan, categories: [CategorySpec]) async throws {
        let center = UNUserNotificationCenter.current()
        center.setNotificationCategories(Set(categories.map(Self.category)))
        if !plan.toRemove.isEmpty {
            center.removePendingNotificationRequests(withIdentifiers: plan.toRemove)
        }
        for reminder in plan.toAdd {
            try await center.add(Self.request(reminder))
        }
    }

    func delivered() async -> [String] {
        await UNUserNotificationCenter.current().deliveredNotifications().map(\.request.identifier)
    }

    func removeDelivered(_ ids: [String]) async {
        UNUserNotificationCenter.current().removeDeliveredNotifications(withIdentifiers: ids)
    }

    /// A category whose buttons run in the background: options are empty, so no
    /// `.foreground` (the app does not open) and no `.authenticationRequired` (it works on
    /// the lock screen, which the database's protection class allows).
    static func category(_ spec: CategorySpec) -> UNNotificationCategory {
        UNNotificationCategory(
            identifier: spec.id,
            actions: spec.actions.map { UNNotificationAction(identifier: $0.id, title: $0.title, options: []) },
            intentIdentifiers: [],
            options: []
        )
    }

    /// The one-shot request for a reminder, firing at its exact instant whatever the phone's
    /// zone does meanwhile (a zone change reconciles anyway).
    static func request(_ reminder: ReminderRequest) -> UNNotificationRequest {
        let content = UNMutableNotificationContent()
        content.title = reminder.title
        content.body = reminder.body
        content.categoryIdentifier = reminder.categoryId
        content.threadIdentifier = reminder.threadId
        content.sound = .default
        content.interruptionLevel = reminder.timeSensitive ? .timeSensitive : .active
        content.userInfo = [ReminderRequest.fingerprintKey: reminder.fingerprint]

        var utc = Calendar(identifier: .gregorian)
        let zone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        utc.timeZone = zone
        var when = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: reminder.fireAt)
        // Both set, so the components mean this instant whatever calendar (Buddhist, Japanese…)
        // and zone the phone uses.
        when.calendar = utc
        when.timeZone = zone
        let trigger = UNCalendarNotificationTrigger(dateMatching: when, repeats: false)
        return UNNotificationRequest(identifier: reminder.id, content: content, trigger: trigger)
    }
}
