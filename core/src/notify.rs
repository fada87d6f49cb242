//! The notifications that should be pending now: the shells reconcile the OS with this list
//! after every change (add the missing, cancel the rest), so boot, a zone change, an update or
//! a crash all recover the same way.
//!
//! Each notification has a stable text id ("dose:{medication}:{slot}:{night}",
//! "checkin:{morning}", "review:{date}", "refill:{medication}:{runs-out night}") and a stable 31-bit number derived from it for the
//! platforms that want an integer. Only future fire instants are listed, soonest first, and
//! never more than [`MAX_PENDING`] (iOS keeps 64 per app; the rest of the room is the app's).
//!
//! Each notification also says how it looks on a locked phone ([`Category`]: "Evening
//! medicine", never the medicine's name or dose) and whether its time follows the phone's
//! wall clock from zone to zone (`wall_clock`). What the OS is asked to do with the list is
//! [`crate::reminders`].

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::medication::Slot;

/// Most notifications ever asked for at once.
pub const MAX_PENDING: usize = 60;
/// Most days ahead a shell may ask for.
pub const MAX_DAYS_AHEAD: u32 = 30;

/// What a notification is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Time to take a dose.
    Dose,
    /// The morning check-in.
    Checkin,
    /// A reminder that a review with the prescriber is coming up.
    Review,
    /// Supplies of a medicine run out soon: time to ask for more (a fixed daytime instant).
    Refill,
}

impl NotificationKind {
    /// The one-tap buttons a notification of this kind carries.
    pub fn actions(self) -> &'static [NotificationAction] {
        match self {
            NotificationKind::Dose => &NotificationAction::DOSE,
            NotificationKind::Checkin => &NotificationAction::CHECKIN,
            NotificationKind::Review | NotificationKind::Refill => &[],
        }
    }

    /// "dose", "checkin", "review", "refill": the prefix of the ids.
    pub fn code(self) -> &'static str {
        match self {
            NotificationKind::Dose => "dose",
            NotificationKind::Checkin => "checkin",
            NotificationKind::Review => "review",
            NotificationKind::Refill => "refill",
        }
    }
}

/// A button on a notification, answered without opening the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationAction {
    /// Dose: I took it.
    Taken,
    /// Dose: remind me again in a while.
    Snooze,
    /// Dose: I am not taking it tonight.
    Skip,
    /// Check-in: slept and woke fine.
    Fine,
    /// Check-in: groggy this morning.
    Groggy,
    /// Check-in: slept badly.
    SleptBadly,
}

impl NotificationAction {
    /// The buttons of a dose reminder.
    pub const DOSE: [NotificationAction; 3] = [
        NotificationAction::Taken,
        NotificationAction::Snooze,
        NotificationAction::Skip,
    ];
    /// The buttons of a morning check-in.
    pub const CHECKIN: [NotificationAction; 3] = [
        NotificationAction::Fine,
        NotificationAction::Groggy,
        NotificationAction::SleptBadly,
    ];

    /// The identifier the shells register ("taken", "snooze", …).
    pub fn code(self) -> &'static str {
        match self {
            NotificationAction::Taken => "taken",
            NotificationAction::Snooze => "snooze",
            NotificationAction::Skip => "skip",
            NotificationAction::Fine => "fine",
            NotificationAction::Groggy => "groggy",
            NotificationAction::SleptBadly => "slept-badly",
        }
    }

    /// The button text.
    pub fn label(self) -> &'static str {
        match self {
            NotificationAction::Taken => "Taken",
            NotificationAction::Snooze => "Snooze",
            NotificationAction::Skip => "Skip",
            NotificationAction::Fine => "Fine",
            NotificationAction::Groggy => "Groggy",
            NotificationAction::SleptBadly => "Slept badly",
        }
    }

    /// Reads [`NotificationAction::code`] back.
    pub fn parse(text: &str) -> Result<NotificationAction> {
        let t = text.trim().to_ascii_lowercase().replace('_', "-");
        NotificationAction::DOSE
            .into_iter()
            .chain(NotificationAction::CHECKIN)
            .find(|a| a.code() == t)
            .ok_or_else(|| {
                Error::invalid("action", format!("\"{text}\" is not a notification action"))
            })
    }
}

/// What kind of reminder a notification is, for the words a locked phone shows and for the
/// platforms' grouping (iOS categories, Android channels follow [`NotificationKind`]). Doses
/// are told apart by their time of day only, so a locked phone says "Evening medicine" and
/// never which medicine or how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A dose before bed.
    EveningDose,
    /// A dose in the morning.
    MorningDose,
    /// A dose at one of several fixed times of day.
    DaytimeDose,
    /// The morning check-in.
    Checkin,
    /// A review with the prescriber is due.
    Review,
    /// Supplies run out soon: what to ask for.
    Refill,
}

/// The sentence added to the last reminder Eventide has set on an iPhone: iOS holds at most
/// 64, so a phone where the app never runs falls silent after the last one (see
/// [`crate::reminders`]).
pub const LAST_IN_WINDOW_NOTE: &str =
    "This is the last reminder Eventide has set. Open Eventide to keep them coming.";

impl Category {
    /// Every category, in the order the shells register them.
    pub const ALL: [Category; 6] = [
        Category::EveningDose,
        Category::MorningDose,
        Category::DaytimeDose,
        Category::Checkin,
        Category::Review,
        Category::Refill,
    ];

    /// The category of a dose taken in `slot`.
    pub fn of_slot(slot: &Slot) -> Category {
        match slot {
            Slot::Evening { .. } => Category::EveningDose,
            Slot::Morning { .. } => Category::MorningDose,
            Slot::Times { .. } => Category::DaytimeDose,
        }
    }

    /// A stable identifier: "dose.evening", "dose.morning", "dose.daytime", "checkin", "review",
    /// "refill".
    pub fn code(self) -> &'static str {
        match self {
            Category::EveningDose => "dose.evening",
            Category::MorningDose => "dose.morning",
            Category::DaytimeDose => "dose.daytime",
            Category::Checkin => "checkin",
            Category::Review => "review",
            Category::Refill => "refill",
        }
    }

    /// The kind of notification of this category.
    pub fn kind(self) -> NotificationKind {
        match self {
            Category::EveningDose | Category::MorningDose | Category::DaytimeDose => {
                NotificationKind::Dose
            }
            Category::Checkin => NotificationKind::Checkin,
            Category::Review => NotificationKind::Review,
            Category::Refill => NotificationKind::Refill,
        }
    }

    /// Its one-tap buttons.
    pub fn actions(self) -> &'static [NotificationAction] {
        self.kind().actions()
    }

    /// The title a locked phone shows (Android's public version, iOS's placeholder).
    pub fn locked_title(self) -> &'static str {
        match self {
            Category::EveningDose => "Evening medicine",
            Category::MorningDose => "Morning medicine",
            Category::DaytimeDose => "Medicine reminder",
            Category::Checkin => "Good morning",
            Category::Review | Category::Refill => "Eventide",
        }
    }

    /// The line a locked phone shows under [`Category::locked_title`].
    pub fn locked_body(self) -> &'static str {
        match self {
            Category::EveningDose => "Time for your evening medicine.",
            Category::MorningDose => "Time for your morning medicine.",
            Category::DaytimeDose => "Time for your medicine.",
            Category::Checkin => "How was your night?",
            Category::Review => "A reminder is waiting in Eventide.",
            Category::Refill => "A note about your supplies is waiting in Eventide.",
        }
    }

    /// iOS's summary of a stack of these ("%u" the count, "%@" the summary argument).
    pub fn summary_format(self) -> &'static str {
        "%u more reminders for %@"
    }

    /// The words iOS puts in place of "%@" in [`Category::summary_format`]: nothing a locked
    /// phone should not show.
    pub fn summary_argument(self) -> &'static str {
        match self {
            Category::EveningDose => "your evening medicine",
            Category::MorningDose => "your morning medicine",
            Category::DaytimeDose => "your medicine",
            Category::Checkin => "your morning check-in",
            Category::Review => "your review",
            Category::Refill => "your supplies",
        }
    }
}

/// One notification that should be pending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredNotification {
    /// Stable text id; the same occurrence always has the same id.
    pub id: String,
    /// A stable number for APIs that want one (Android's notify id), derived from `id`.
    pub numeric_id: i32,
    /// What it is for.
    pub kind: NotificationKind,
    /// When it should fire.
    pub fire_at: DateTime<Utc>,
    /// The same instant on the phone's clock, with its offset.
    pub fire_at_local: DateTime<FixedOffset>,
    /// The headline.
    pub title: String,
    /// The detail line.
    pub body: String,
    /// For doses and refills: the medicine.
    pub medication_id: Option<Uuid>,
    /// For doses and refills: the medicine's name.
    pub medication_name: Option<String>,
    /// The night (doses), morning (check-ins), date (reviews) or night supplies run out
    /// (refills) it is about.
    pub date: NaiveDate,
    /// Its one-tap buttons.
    pub actions: Vec<NotificationAction>,
    /// How it looks on a locked phone and how the platforms group it.
    pub category: Category,
    /// The phone's wall-clock time it is for, when that time follows the phone from zone to
    /// zone (a dose at its time, a check-in, a review); `None` for a fixed instant (a snooze:
    /// "in 30 minutes" does not move with the clock).
    pub wall_clock: Option<NaiveDateTime>,
}

/// A stable non-negative 31-bit number for a text id (FNV-1a): the same on every platform.
pub fn numeric_id(id: &str) -> i32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.as_bytes() {
        hash ^= u32::from(*byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    i32::try_from(hash & 0x7fff_ffff).unwrap_or(0)
}

/// What a notification id points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotificationTarget {
    /// A dose occurrence.
    Dose {
        medication_id: Uuid,
        slot_index: u32,
        night: NaiveDate,
    },
    /// A morning check-in.
    Checkin { morning: NaiveDate },
    /// A review reminder.
    Review { date: NaiveDate },
    /// A refill reminder: supplies of the medicine run out on `runs_out_on`.
    Refill {
        medication_id: Uuid,
        runs_out_on: NaiveDate,
    },
}

/// Reads a notification id back into what it is about.
pub fn parse_id(id: &str) -> Result<NotificationTarget> {
    let bad = || {
        Error::invalid(
            "notification",
            format!("\"{id}\" is not an Eventide notification id"),
        )
    };
    let mut parts = id.split(':');
    let kind = parts.next().ok_or_else(bad)?;
    let target = match kind {
        "dose" => {
            let med = parts
                .next()
                .and_then(|p| Uuid::parse_str(p).ok())
                .ok_or_else(bad)?;
            let slot = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
            let night = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
            NotificationTarget::Dose {
                medication_id: med,
                slot_index: slot,
                night,
            }
        }
        "checkin" => NotificationTarget::Checkin {
            morning: parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?,
        },
        "review" => NotificationTarget::Review {
            date: parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?,
        },
        "refill" => NotificationTarget::Refill {
            medication_id: parts
                .next()
                .and_then(|p| Uuid::parse_str(p).ok())
                .ok_or_else(bad)?,
            runs_out_on: parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?,
        },
        _ => return Err(bad()),
    };
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok(target)
}

/// Keeps the `limit` soonest future notifications, soonest first ([`MAX_PENDING`] for the
/// list the shells are given; the reminder planner takes them all and chooses).
pub fn bound(
    mut list: Vec<DesiredNotification>,
    now: DateTime<Utc>,
    limit: usize,
) -> Vec<DesiredNotification> {
    list.retain(|n| n.fire_at > now);
    list.sort_by(|a, b| a.fire_at.cmp(&b.fire_at).then_with(|| a.id.cmp(&b.id)));
    list.dedup_by(|a, b| a.id == b.id);
    list.truncate(limit);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_numbers_are_stable() {
        let med = Uuid::from_u128(42);
        let id = format!("dose:{med}:2:2026-03-29");
        assert_eq!(
            parse_id(&id).unwrap(),
            NotificationTarget::Dose {
                medication_id: med,
                slot_index: 2,
                night: NaiveDate::from_ymd_opt(2026, 3, 29).unwrap()
            }
        );
        assert!(parse_id("dose:nonsense").is_err());
        assert!(parse_id("checkin:2026-03-29:extra").is_err());
        // FNV-1a of "a" is 0xe40c292c; the top bit is cleared.
        assert_eq!(numeric_id("a"), 0x640c_292c);
        assert!(numeric_id(&id) >= 0);
    }

    #[test]
    fn a_locked_phone_never_shows_a_medicine_or_a_dose() {
        for c in Category::ALL {
            for text in [c.locked_title(), c.locked_body(), c.summary_argument()] {
                assert!(!text.contains("mg") && !text.contains("ml"), "{text}");
                assert!(!text.is_empty());
            }
            assert_eq!(
                c.actions().is_empty(),
                matches!(
                    c.kind(),
                    NotificationKind::Review | NotificationKind::Refill
                )
            );
        }
        assert_eq!(
            Category::of_slot(&Slot::Evening { lead_minutes: 90 }).locked_title(),
            "Evening medicine"
        );
    }

    #[test]
    fn actions_parse_from_their_codes() {
        for a in NotificationAction::DOSE
            .into_iter()
            .chain(NotificationAction::CHECKIN)
        {
            assert_eq!(NotificationAction::parse(a.code()).unwrap(), a);
        }
        assert!(NotificationAction::parse("later").is_err());
    }
}
