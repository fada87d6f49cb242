//! What an answer to one of Eventide's notifications means, read the same way on both phones:
//! a button to record (by its code, only on the kind of notification that has it), or the
//! screen a tap on the notification itself opens. Also the id of a "get help now"
//! notification, which a tap opens on Tonight where those cards are drawn first.

use serde::{Deserialize, Serialize};

use crate::notify::{self, NotificationAction, NotificationKind, NotificationTarget};

/// The prefix of a "get help now" notification's id.
const URGENT_PREFIX: &str = "urgent:";

/// The app's screens, the same on both phones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Screen {
    /// Tonight's doses, the morning question, anything that needs help now.
    Tonight,
    /// Each medicine's plan and supplies; where a medicine is added.
    Plan,
    /// The morning check-in with its details.
    CheckIn,
    /// Questions for the prescriber.
    Suggestions,
    /// Reports and backups.
    Share,
    /// Bedtimes, reminders, reviews, privacy.
    Settings,
}

/// What a response to a notification means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    /// A one-tap button: record it with `handle_action(id, action)`.
    Record(NotificationAction),
    /// The notification itself was tapped: show this screen.
    Open(Screen),
    /// Dismissed, or a button this notification does not have: nothing to do.
    Ignore,
}

impl NotificationTarget {
    /// The kind of notification the id names.
    pub fn kind(&self) -> NotificationKind {
        match self {
            NotificationTarget::Dose { .. } => NotificationKind::Dose,
            NotificationTarget::Checkin { .. } => NotificationKind::Checkin,
            NotificationTarget::Review { .. } => NotificationKind::Review,
            NotificationTarget::Refill { .. } => NotificationKind::Refill,
        }
    }
}

/// The screen a tap on a notification of `kind` opens.
pub fn screen_for(kind: NotificationKind) -> Screen {
    match kind {
        NotificationKind::Dose => Screen::Tonight,
        NotificationKind::Checkin => Screen::CheckIn,
        NotificationKind::Review => Screen::Suggestions,
        NotificationKind::Refill => Screen::Plan,
    }
}

/// What the answer to notification `id` means: `action` is the button's code ("taken",
/// "slept-badly"), or `None` when the notification itself was tapped.
pub fn response(id: &str, action: Option<&str>) -> Response {
    let kind = notify::parse_id(id).ok().map(|t| t.kind());
    match action {
        None => Response::Open(kind.map_or(Screen::Tonight, screen_for)),
        Some(code) => match (kind, NotificationAction::parse(code)) {
            (Some(kind), Ok(action)) if kind.actions().contains(&action) => {
                Response::Record(action)
            }
            _ => Response::Ignore,
        },
    }
}

/// The id of the notification that shows "get help now" suggestion `suggestion_id` at once;
/// the same suggestion replaces its notification rather than adding another.
pub fn urgent_id(suggestion_id: &str) -> String {
    format!("{URGENT_PREFIX}{suggestion_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOSE: &str = "dose:00000000-0000-0000-0000-00000000002a:0:2026-11-25";

    #[test]
    fn buttons_are_recorded_only_on_their_own_kind() {
        use NotificationAction::*;
        assert_eq!(response(DOSE, Some("taken")), Response::Record(Taken));
        assert_eq!(
            response("checkin:2026-11-26", Some("slept-badly")),
            Response::Record(SleptBadly)
        );
        assert_eq!(
            response("checkin:2026-11-26", Some("taken")),
            Response::Ignore
        );
        assert_eq!(response(DOSE, Some("groggy")), Response::Ignore);
        assert_eq!(
            response(
                "refill:00000000-0000-0000-0000-00000000002a:2026-12-17",
                Some("taken")
            ),
            Response::Ignore
        );
        assert_eq!(response("other:1", Some("taken")), Response::Ignore);
        assert_eq!(
            response(
                DOSE,
                Some("com.apple.UNNotificationDismissActionIdentifier")
            ),
            Response::Ignore
        );
    }

    #[test]
    fn a_tap_opens_the_screen_the_notification_is_about() {
        assert_eq!(response(DOSE, None), Response::Open(Screen::Tonight));
        assert_eq!(
            response("checkin:2026-11-26", None),
            Response::Open(Screen::CheckIn)
        );
        assert_eq!(
            response("review:2027-02-25", None),
            Response::Open(Screen::Suggestions)
        );
        assert_eq!(
            response(
                "refill:00000000-0000-0000-0000-00000000002a:2026-12-17",
                None
            ),
            Response::Open(Screen::Plan)
        );
        assert_eq!(
            response(&urgent_id("get_help_now:eye_pain"), None),
            Response::Open(Screen::Tonight)
        );
    }
}
