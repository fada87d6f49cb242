import Foundation
import BackgroundTasks
import UIKit
import UserNotifications
import EventideKit

/// Receives what iOS tells the app outside of SwiftUI: launch (also background launches for
/// a notification button or the background refresh), notification responses, the system
/// time zone and clock changing, and protected data becoming available. Every one of them
/// ends in the same `ReminderSync.reconcile` (an actor: one reconcile at a time), which also
/// asks for the next background refresh.
@MainActor
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    /// The core and the reminder sync, reopened if they failed before the first unlock.
    /// `nonisolated` so a notification response or the refresh task can use them off the
    /// main thread; `ShellBox` is Sendable.
    nonisolated let shells = ShellBox()

    /// What the screens show; created when a screen first needs it (never by a background
    /// launch, so a database reopened after the first unlock is the one the screens get).
    private var createdModel: AppModel?
    var model: AppModel {
        if let createdModel { return createdModel }
        let created = AppModel(opened: shells.current)
        createdModel = created
        return created
    }

    /// Tokens of the block observers below (kept for the app's lifetime).
    private var observers: [NSObjectProtocol] = []

    func application(
        _ application: UIApplication,
        willFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
    ) -> Bool {
        // Set before launch finishes, or a response that launched the app is not delivered.
        UNUserNotificationCenter.current().delegate = self
        let center = NotificationCenter.default
        observers.append(center.addObserver(forName: .NSSystemTimeZoneDidChange, object: nil, queue: .main) { [weak self] _ in
            MainActor.assumeIsolated { self?.systemTimeZoneChanged() }
        })
        observers.append(center.addObserver(forName: UIApplication.significantTimeChangeNotification, object: nil, queue: .main) { [weak self] _ in
            MainActor.assumeIsolated { self?.significantTimeChange() }
        })
        observers.append(center.addObserver(forName: UIApplication.protectedDataDidBecomeAvailableNotification, object: nil, queue: .main) { [weak self] _ in
            MainActor.assumeIsolated { self?.protectedDataBecameAvailable() }
        })
        return true
    }

    func application(
        _ application: UIApplication,
        didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
    ) -> Bool {
        // Every launch handler must be registered before launch finishes.
        BGTaskScheduler.shared.register(forTaskWithIdentifier: ReminderSync.refreshTaskIdentifier, using: .main) { [shells] task in
            Self.refreshReminders(task, shells: shells)
        }
        reconcile(.appOpened)
        return true
    }

    /// The phone moved to another zone (travel, or the user changed it). Foundation caches the
    /// zone, so reset it before the core asks `FoundationTimeZone` for offsets, then show the new
    /// local times and reconcile (the wall-clock triggers have already moved with the phone).
    private func systemTimeZoneChanged() {
        NSTimeZone.resetSystemTimeZone()
        createdModel?.refresh()
        reconcile(.zoneChanged)
    }

    /// Midnight passed or the clock was set: tonight is now another night.
    private func significantTimeChange() {
        createdModel?.refresh()
        reconcile(.clockChanged)
    }

    /// The first unlock after a restart: a database that could not be read before it opens now.
    private func protectedDataBecameAvailable() {
        guard shells.reopenIfNeeded() != nil else { return }
        createdModel?.refresh()
        reconcile(.appOpened)
    }

    /// Refills the window from the core's plan; a failure leaves the requests as they were.
    func reconcile(_ wake: Wake) {
        guard let shell = shells.reopenIfNeeded() else { return }
        Task {
            do {
                try await shell.sync.reconcile(wake: wake, now: Date())
            } catch {
                self.createdModel?.report(ErrorText.of(error), while: "updating reminders")
            }
        }
    }

    /// The `BGAppRefreshTask`: reconcile, so a user who never opens the app keeps its window
    /// full as long as iOS grants these. The next one is asked for by the reconcile itself.
    nonisolated private static func refreshReminders(_ bgTask: BGTask, shells: ShellBox) {
        let task = RefreshTask(bgTask)
        guard let shell = shells.reopenIfNeeded() else {
            task.setTaskCompleted(success: false)
            return
        }
        NSTimeZone.resetSystemTimeZone()
        let work = Task {
            do {
                try await shell.sync.reconcile(wake: .backgroundRefresh, now: Date())
                task.setTaskCompleted(success: true)
            } catch {
                task.setTaskCompleted(success: false)
            }
        }
        bgTask.expirationHandler = { work.cancel() }
    }

    /// `BGTask` is not `Sendable`; iOS lets its completion be reported from any thread.
    private final class RefreshTask: @unchecked Sendable {
        private let task: BGTask

        init(_ task: BGTask) {
            self.task = task
        }

        func setTaskCompleted(success: Bool) {
            task.setTaskCompleted(success: success)
        }
    }

    // MARK: UNUserNotificationCenterDelegate

    /// A button or a tap on one of our notifications, possibly with the phone locked and the
    /// app launched in the background just for this. One-tap answers are recorded by the core
    /// (twice = once) and the window refilled before the system suspends the app again.
    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter,
        didReceive response: UNNotificationResponse
    ) async {
        let notificationId = response.notification.request.identifier
        let actionId = response.actionIdentifier
        guard let shell = shells.reopenIfNeeded() else { return }
        // The phone may have changed zone while the app was suspended.
        NSTimeZone.resetSystemTimeZone()
        do {
            let handled = try await shell.sync.handle(notificationId: notificationId, actionId: actionId, now: Date())
            await self.show(handled)
        } catch {
            await self.reportFailure(ErrorText.of(error))
        }
    }

    /// A reminder arriving while the app is open still shows as a banner with its buttons.
    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter,
        willPresent notification: UNNotification
    ) async -> UNNotificationPresentationOptions {
        [.banner, .list, .sound]
    }

    private func show(_ handled: HandledResponse) {
        switch handled {
        case .open(let screen):
            model.open(screen)
        case .recorded(.checkin(_, let urgent)) where !urgent.isEmpty:
            // A check-in answered from the notification left something that needs help now:
            // show it at once, as a notification (the app may be in the background) and in the app.
            let cards = SuggestionCard.cards(urgent)
            Task { for card in cards { await ImmediateNotification.post(card) } }
            model.showUrgent(cards)
        case .refused(let refused):
            // The core's reason on the notification itself, as on Android.
            Task { await ImmediateNotification.post(refused) }
            createdModel?.refresh()
        case .recorded, .ignored:
            createdModel?.refresh()
        }
    }

    private func reportFailure(_ text: String) {
        createdModel?.report(text, while: "answering a notification")
        createdModel?.refresh()
    }
}
