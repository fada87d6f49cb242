import Foundation
import UserNotifications
import EventideKit

/// Shows a notification at once: a "get help now" suggestion after a check-in answered from a
/// notification button (the app in the background), or the core's reason in place of a
/// notification whose button it refused. The content is EventideKit's (`ImmediateNotice`);
/// this only hands the request to the notification centre.
enum ImmediateNotification {
    /// A "get help now" card, under the core's id for it (the same id replaces, not repeats).
    static func post(_ card: SuggestionCard) async {
        await post(ImmediateNotice.urgent(card))
    }

    /// A refused button: the same identifier as the notification it came from, so the reason
    /// takes its place (a new request with a delivered notification's identifier replaces it).
    /// Skipped if a reminder with that identifier is still pending: adding would replace it.
    static func post(_ refused: RefusedButton) async {
        let pending = await UNUserNotificationCenter.current().pendingNotificationRequests()
        guard !pending.contains(where: { $0.identifier == refused.id }) else { return }
        await post(refused.notice)
    }

    private static func post(_ notice: ImmediateNotice) async {
        try? await UNUserNotificationCenter.current().add(notice.request)
    }
}
