import Foundation
import UIKit
import UserNotifications

/// Asking for notifications only after explaining why (the Tonight card and Settings show
/// the explanation and call `request()` from its button).
enum NotificationPermission {
    /// The current answer.
    static func status() async -> UNAuthorizationStatus {
        await UNUserNotificationCenter.current().notificationSettings().authorizationStatus
    }

    /// Shows the system prompt (once; later calls return the answer already given).
    /// Time-sensitive delivery needs no extra option: it comes from the entitlement and the
    /// user's per-app setting.
    static func request() async -> UNAuthorizationStatus {
        _ = try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound, .badge])
        return await status()
    }

    /// Opens this app's notification settings, for someone who said no and changed their mind.
    @MainActor
    static func openSettings() {
        guard let url = URL(string: UIApplication.openNotificationSettingsURLString) else { return }
        UIApplication.shared.open(url)
    }
}
