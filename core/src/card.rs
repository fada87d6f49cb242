//! What a dose card says and offers: its status line and its buttons, worked out from the same
//! rules a tap follows ([`crate::tap`], [`crate::doselog`]), so no phone offers a button the
//! core then refuses and both phones draw the same card.
//!
//! | Where the dose stands | Buttons |
//! |---|---|
//! | upcoming | Taken, Skip |
//! | due, snoozed | Taken, Snooze (disabled when no room is left before the latest time), Skip |
//! | skipped, before its latest time | Taken (taking after skipping is allowed) |
//! | skipped after its latest time, taken, missed | none (a missed dose shows the guidance) |
//! | nothing planned (0 mg) | none |
//!
//! Taken stays offered before the dose's window opens: the screen is not redrawn as the clock
//! moves, and the core's refusal says from when it can be recorded. Every button is answered by
//! `handle_action(card key, button action)`, the same call as a notification's button; Snooze
//! moves the reminder by [`DEFAULT_SNOOZE_MINUTES`].

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::doselog::{self, DoseStatus, DEFAULT_SNOOZE_MINUTES};
use crate::notify::NotificationAction;
use crate::schedule::Occurrence;
use crate::units::Micrograms;
use crate::zone::{to_local, ZoneRules};

/// One button of a dose card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardButton {
    /// What it does: answer it with `handle_action(card key, action)`.
    pub action: NotificationAction,
    /// "Taken", "Snooze 30 min", "Skip".
    pub label: String,
    /// What a screen reader says: "Mark Amitriptyline 25 mg as taken".
    pub description: String,
    /// False when the core would refuse it now (drawn disabled).
    pub enabled: bool,
    /// The card's main button (drawn filled; the others outlined).
    pub primary: bool,
}

/// The card's status line: "Upcoming", "Due now", "Snoozed until 21:35", "Taken at 21:05",
/// "Taken late at 23:40", "Skipped at 21:10", "Missed". Times are the phone's.
pub fn status_text(status: &DoseStatus, zone: &dyn ZoneRules) -> String {
    let clock = |t: DateTime<FixedOffset>| t.format("%H:%M").to_string();
    match status {
        DoseStatus::Upcoming => "Upcoming".into(),
        DoseStatus::Due => "Due now".into(),
        DoseStatus::Snoozed { until } => format!("Snoozed until {}", clock(to_local(zone, *until))),
        DoseStatus::Taken {
            at, late: false, ..
        } => format!("Taken at {}", clock(*at)),
        DoseStatus::Taken { at, late: true, .. } => format!("Taken late at {}", clock(*at)),
        DoseStatus::Skipped { at } => format!("Skipped at {}", clock(*at)),
        DoseStatus::Missed => "Missed".into(),
    }
}

/// "Reminder 21:00": when the card's reminder fires, on the phone's clock.
pub fn reminder_text(reminder_at: DateTime<FixedOffset>) -> String {
    format!("Reminder {}", reminder_at.format("%H:%M"))
}

/// The buttons of the card of `occ` (a dose of `dose`, called `what`, e.g. "Amitriptyline
/// 25 mg") standing at `status` at `now`, in the order to draw them.
pub fn buttons(
    what: &str,
    occ: &Occurrence,
    dose: Micrograms,
    status: &DoseStatus,
    now: DateTime<Utc>,
) -> Vec<CardButton> {
    if dose.is_zero() {
        return Vec::new();
    }
    let taken = CardButton {
        action: NotificationAction::Taken,
        label: NotificationAction::Taken.label().into(),
        description: format!("Mark {what} as taken"),
        enabled: true,
        primary: true,
    };
    let skip = CardButton {
        action: NotificationAction::Skip,
        label: NotificationAction::Skip.label().into(),
        description: format!("Record {what} as skipped"),
        enabled: true,
        primary: false,
    };
    let snooze = |reminder: DateTime<Utc>| CardButton {
        action: NotificationAction::Snooze,
        label: format!(
            "{} {DEFAULT_SNOOZE_MINUTES} min",
            NotificationAction::Snooze.label()
        ),
        description: format!("Remind me about {what} again in {DEFAULT_SNOOZE_MINUTES} minutes"),
        // The same test the snooze itself makes: is there room for another reminder?
        enabled: doselog::snooze_until(occ, reminder, now, DEFAULT_SNOOZE_MINUTES) > now,
        primary: false,
    };
    match status {
        DoseStatus::Upcoming => vec![taken, skip],
        DoseStatus::Due => vec![taken, snooze(occ.due), skip],
        DoseStatus::Snoozed { until } => vec![taken, snooze(*until), skip],
        DoseStatus::Skipped { .. } if now < occ.cutoff => vec![taken],
        DoseStatus::Skipped { .. } | DoseStatus::Taken { .. } | DoseStatus::Missed => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::FixedZone;
    use chrono::{NaiveDate, TimeZone};
    use uuid::Uuid;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, h, m, 0).unwrap()
    }

    fn occ() -> Occurrence {
        Occurrence {
            medication_id: Uuid::from_u128(1),
            slot_index: 0,
            night: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            due: at(21, 0),
            opens: at(19, 0),
            cutoff: at(23, 0),
            missable: true,
        }
    }

    fn actions(b: &[CardButton]) -> Vec<(NotificationAction, bool)> {
        b.iter().map(|b| (b.action, b.enabled)).collect()
    }

    #[test]
    fn each_status_offers_what_the_core_accepts() {
        use NotificationAction::*;
        let dose = Micrograms(25_000);
        let o = occ();
        let up = buttons("A 25 mg", &o, dose, &DoseStatus::Upcoming, at(15, 0));
        assert_eq!(actions(&up), [(Taken, true), (Skip, true)]);
        let due = buttons("A 25 mg", &o, dose, &DoseStatus::Due, at(21, 5));
        assert_eq!(actions(&due), [(Taken, true), (Snooze, true), (Skip, true)]);
        assert_eq!(due[1].label, "Snooze 30 min");
        assert!(due[0].primary && !due[1].primary && !due[2].primary);
        // Ten minutes before the latest time there is no room for another reminder.
        let late = buttons("A 25 mg", &o, dose, &DoseStatus::Due, at(22, 50));
        assert_eq!(
            actions(&late),
            [(Taken, true), (Snooze, false), (Skip, true)]
        );
        let skipped = DoseStatus::Skipped {
            at: at(21, 1).fixed_offset(),
        };
        assert_eq!(
            actions(&buttons("A", &o, dose, &skipped, at(21, 2))),
            [(Taken, true)]
        );
        assert!(buttons("A", &o, dose, &skipped, at(23, 30)).is_empty());
        assert!(buttons("A", &o, dose, &DoseStatus::Missed, at(23, 30)).is_empty());
        assert!(buttons("A", &o, Micrograms::ZERO, &DoseStatus::Due, at(21, 5)).is_empty());
    }

    #[test]
    fn the_status_line_names_the_phone_time() {
        let z = FixedZone(0);
        assert_eq!(status_text(&DoseStatus::Due, &z), "Due now");
        let taken = DoseStatus::Taken {
            at: at(23, 40).fixed_offset(),
            amount: Micrograms(25_000),
            late: true,
        };
        assert_eq!(status_text(&taken, &z), "Taken late at 23:40");
        let snoozed = DoseStatus::Snoozed { until: at(21, 35) };
        assert_eq!(status_text(&snoozed, &z), "Snoozed until 21:35");
        assert_eq!(reminder_text(at(21, 0).fixed_offset()), "Reminder 21:00");
    }
}
