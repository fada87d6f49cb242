import Foundation
import UIKit
import UserNotifications
import EventideKit

/// Receives what iOS tells the app outside of SwiftUI: launch (also background launches for
/// a notification button), notification responses, and the system time zone changing.
/// Every one of them ends in the same `ReminderSync.reconcile`.
@MainActor
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    /// The core and the reminder sync, opened once. `nonisolated` so a notification response
    /// can use it off the main thread; `Shell` is Sendable.
    nonisolated let opened: Result<Shell, ShellError> = Shell.open()

    /// What the screens show; created on first use, on the main actor.
    private(set) lazy var model = AppModel(opened: opened)

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
        return true
    }

    func application(
        _ application: UIApplication,
        didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
    ) -> Bool {
        reconcile(reason: "launch")
        return true
    }

    /// The phone moved to another zone (travel, or the user changed it). Foundation caches the
    /// zone, so reset it before the core asks `FoundationTimeZone` for offsets, then show the new
    /// local times and re-plan every reminder on the new wall clock.
    private func systemTimeZoneChanged() {
        NSTimeZone.resetSystemTimeZone()
        model.refresh()
        reconcile(reason: "time zone change")
    }

    /// Midnight passed or the clock was set: tonight is now another night.
    private func significantTimeChange() {
        model.refresh()
        reconcile(reason: "clock change")
    }

    /// Refills the rolling window from the core's desired set.
    func reconcile(reason: String) {
        guard case .success(let shell) = opened else { return }
        Task {
            do {
                try await shell.sync.reconcile(now: Date())
            } catch {
                self.model.report(ErrorText.of(error), while: "updating reminders after \(reason)")
            }
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
        guard case .success(let shell) = opened else { return }
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
            Task { for card in cards { await UrgentNotification.post(card) } }
            model.showUrgent(cards)
        case .recorded, .ignored:
            model.refresh()
        }
    }

    private func reportFailure(_ text: String) {
        model.report(text, while: "answering a notification")
        model.refresh()
    }
}
