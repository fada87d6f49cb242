import Foundation
import BackgroundTasks
import UserNotifications
import EventideKit

/// EventideKit's `NotificationStore` on `UNUserNotificationCenter` and `BGTaskScheduler`: the
/// only place the app adds or removes local notifications. Every request is one-shot
/// (`UNCalendarNotificationTrigger(dateMatching:repeats: false)`); the core's plan says which,
/// and which trigger follows the wall clock.
struct SystemNotificationStore: NotificationStore {
    func pending() async -> [PendingRequest] {
        let requests = await UNUserNotificationCenter.current().pendingNotificationRequests()
        return requests.map { request in
            PendingRequest(
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
                    actions: category.actions.map { ActionSpec(id: $0.identifier, title: $0.title) },
                    placeholder: category.hiddenPreviewsBodyPlaceholder,
                    summaryFormat: category.categorySummaryFormat,
                    showTitleWhenLocked: category.options.contains(.hiddenPreviewsShowTitle)
                )
            }
            .sorted { $0.id < $1.id }
    }

    func apply(remove: [String], add: [ReminderRequest], categories: [CategorySpec]) async throws {
        let center = UNUserNotificationCenter.current()
        center.setNotificationCategories(Set(categories.map(Self.category)))
        if !remove.isEmpty {
            // Removed first, so the 64 pending requests iOS keeps are never exceeded.
            center.removePendingNotificationRequests(withIdentifiers: remove)
        }
        for reminder in add {
            try await center.add(Self.request(reminder))
        }
    }

    func delivered() async -> [String] {
        await UNUserNotificationCenter.current().deliveredNotifications().map(\.request.identifier)
    }

    func removeDelivered(_ ids: [String]) async {
        UNUserNotificationCenter.current().removeDeliveredNotifications(withIdentifiers: ids)
    }

    /// Asks for the next background refresh (replacing the request made after the last
    /// reconcile). iOS decides whether and when it runs; without Background App Refresh
    /// `submit` throws and the window is refilled only when the app runs otherwise.
    func scheduleRefresh(after earliest: Date?) async {
        let request = BGAppRefreshTaskRequest(identifier: ReminderSync.refreshTaskIdentifier)
        request.earliestBeginDate = earliest
        try? BGTaskScheduler.shared.submit(request)
    }

    /// A category whose buttons run in the background (no `.foreground`, no
    /// `.authenticationRequired`: a locked phone can answer), with the core's lock-screen
    /// placeholder ("Evening medicine") shown while previews are hidden, and the title only if
    /// the user chose full details.
    static func category(_ spec: CategorySpec) -> UNNotificationCategory {
        UNNotificationCategory(
            identifier: spec.id,
            actions: spec.actions.map { UNNotificationAction(identifier: $0.id, title: $0.title, options: []) },
            intentIdentifiers: [],
            hiddenPreviewsBodyPlaceholder: spec.placeholder,
            categorySummaryFormat: spec.summaryFormat,
            options: spec.showTitleWhenLocked ? [.hiddenPreviewsShowTitle] : []
        )
    }

    /// The one-shot request for a reminder. Dose and check-in triggers have no time zone, so
    /// they follow the phone when it travels while the app is suspended; a snooze is a fixed
    /// instant.
    static func request(_ reminder: ReminderRequest) -> UNNotificationRequest {
        let content = UNMutableNotificationContent()
        content.title = reminder.title
        content.body = reminder.body
        content.categoryIdentifier = reminder.categoryId
        content.threadIdentifier = reminder.threadId
        content.sound = .default
        content.interruptionLevel = reminder.timeSensitive ? .timeSensitive : .active
        content.userInfo = [ReminderRequest.fingerprintKey: reminder.fingerprint]
        let trigger = UNCalendarNotificationTrigger(dateMatching: reminder.trigger, repeats: false)
        return UNNotificationRequest(identifier: reminder.id, content: content, trigger: trigger)
    }
}
