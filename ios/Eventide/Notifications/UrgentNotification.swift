import Foundation
import UserNotifications
import EventideKit

/// Shows a "get help now" suggestion at once as a local notification (a check-in answered from
/// a notification button, the app in the background): the core's title and text, delivered right
/// away (a request with no trigger). The same id replaces rather than repeats it.
enum UrgentNotification {
    static func post(_ card: SuggestionCard) async {
        let content = UNMutableNotificationContent()
        content.title = card.title
        content.body = card.text
        content.sound = .default
        content.interruptionLevel = .timeSensitive
        let request = UNNotificationRequest(identifier: "urgent:\(card.id)", content: content, trigger: nil)
        try? await UNUserNotificationCenter.current().add(request)
    }
}
