//! The dose log: what the user did about each dose occurrence, and the status that follows.
//!
//! The log is append-only and keyed by occurrence (medication, slot, night), so the same tap
//! arriving twice (from the notification and from the app) records once. A dose is *taken*
//! (with the amount and whether it was late), *skipped*, or *snoozed* (any number of times).
//! *Missed* is never written: it is what an occurrence with neither taken nor skipped is once
//! its cutoff has passed. Taking a dose after skipping it is allowed (people change their
//! mind); skipping a dose already taken is refused. A snooze never moves a reminder earlier
//! and never past the dose's latest time.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::schedule::Occurrence;
use crate::units::Micrograms;

/// Most minutes one snooze may last.
pub const MAX_SNOOZE_MINUTES: u32 = 240;
/// The snooze length used from a notification's one-tap "Snooze".
pub const DEFAULT_SNOOZE_MINUTES: u32 = 30;

/// What the user did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum DoseAction {
    /// Took `amount` (the planned dose at the time).
    Taken { amount: Micrograms, late: bool },
    /// Chose not to take it.
    Skipped,
    /// Asked to be reminded again at `until`.
    Snoozed { until: DateTime<Utc> },
}

/// One entry of the dose log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoseEvent {
    /// Stable id.
    pub id: Uuid,
    /// The medicine.
    pub medication_id: Uuid,
    /// Which of the day's doses (0 unless the medicine is taken at several fixed times).
    pub slot_index: u32,
    /// The night (or day) of the occurrence.
    pub night: NaiveDate,
    /// What was done.
    pub action: DoseAction,
    /// When, with the UTC offset the phone had then (kept for the clinician's log).
    pub recorded_at: DateTime<FixedOffset>,
    /// For a dose recorded afterwards: when it was really taken, as the user said (the log
    /// keeps both). `None` when it was taken as it was recorded.
    #[serde(default)]
    pub taken_at: Option<DateTime<FixedOffset>>,
}

impl DoseEvent {
    /// True when this event is about `occ`.
    pub fn is_for(&self, occ: &Occurrence) -> bool {
        self.medication_id == occ.medication_id
            && self.slot_index == occ.slot_index
            && self.night == occ.night
    }
}

/// Where a dose occurrence stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DoseStatus {
    /// Not yet due.
    Upcoming,
    /// Due now and not yet taken.
    Due,
    /// Snoozed; the reminder comes back at `until`.
    Snoozed { until: DateTime<Utc> },
    /// Taken.
    Taken {
        at: DateTime<FixedOffset>,
        amount: Micrograms,
        late: bool,
    },
    /// Skipped on purpose.
    Skipped { at: DateTime<FixedOffset> },
    /// Not taken by the cutoff.
    Missed,
}

impl DoseStatus {
    /// True once nothing more is expected of the user for this occurrence.
    pub fn is_settled(&self) -> bool {
        matches!(
            self,
            DoseStatus::Taken { .. } | DoseStatus::Skipped { .. } | DoseStatus::Missed
        )
    }

    /// One word for people and files: "upcoming", "due", "snoozed", "taken", "skipped", "missed".
    pub fn word(&self) -> &'static str {
        match self {
            DoseStatus::Upcoming => "upcoming",
            DoseStatus::Due => "due",
            DoseStatus::Snoozed { .. } => "snoozed",
            DoseStatus::Taken { late: false, .. } => "taken",
            DoseStatus::Taken { late: true, .. } => "taken late",
            DoseStatus::Skipped { .. } => "skipped",
            DoseStatus::Missed => "missed",
        }
    }
}

/// The status of `occ` at `now`, from the log entries about it (others are ignored).
pub fn status(occ: &Occurrence, events: &[DoseEvent], now: DateTime<Utc>) -> DoseStatus {
    let mine = || events.iter().filter(|e| e.is_for(occ));
    if let Some(e) = mine().find(|e| matches!(e.action, DoseAction::Taken { .. })) {
        if let DoseAction::Taken { amount, late } = e.action {
            return DoseStatus::Taken {
                at: e.taken_at.unwrap_or(e.recorded_at),
                amount,
                late,
            };
        }
    }
    if let Some(e) = mine().find(|e| e.action == DoseAction::Skipped) {
        return DoseStatus::Skipped { at: e.recorded_at };
    }
    if now >= occ.cutoff {
        return DoseStatus::Missed;
    }
    let last_snooze = mine()
        .filter_map(|e| match e.action {
            DoseAction::Snoozed { until } => Some((e.recorded_at, until)),
            _ => None,
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, until)| until);
    match last_snooze {
        Some(until) if until > now => DoseStatus::Snoozed { until },
        _ if now >= occ.due => DoseStatus::Due,
        _ => DoseStatus::Upcoming,
    }
}

/// The status of `occ` as the screen and the reports count it: `None` for a dose due before
/// the medicine was added that was not recorded before its window closed — it was never asked
/// of the user, so it is neither missed nor counted.
pub fn asked_status(
    occ: &Occurrence,
    events: &[DoseEvent],
    now: DateTime<Utc>,
) -> Option<DoseStatus> {
    match status(occ, events, now) {
        DoseStatus::Missed if !occ.missable => None,
        s => Some(s),
    }
}

/// A snooze ends at least this long before the dose's latest time, so the reminder it brings
/// still leaves time to take the dose.
pub const LAST_REMINDER_MINUTES: i64 = 10;

/// When a snooze of `minutes` asked at `now` ends, for a dose whose reminder is now set for
/// `reminder` (its due time, or an earlier snooze): `minutes` from now, but never earlier than
/// `reminder` — a reminder never moves earlier — and never later than
/// [`LAST_REMINDER_MINUTES`] before the latest time. A result at or before `now` means there
/// is no room left for another reminder.
pub fn snooze_until(
    occ: &Occurrence,
    reminder: DateTime<Utc>,
    now: DateTime<Utc>,
    minutes: u32,
) -> DateTime<Utc> {
    let last = occ.cutoff - Duration::minutes(LAST_REMINDER_MINUTES);
    (now + Duration::minutes(i64::from(minutes)))
        .max(reminder)
        .min(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn occ() -> Occurrence {
        Occurrence {
            medication_id: Uuid::from_u128(1),
            slot_index: 0,
            night: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            due: Utc.with_ymd_and_hms(2026, 6, 1, 20, 0, 0).unwrap(),
            opens: Utc.with_ymd_and_hms(2026, 6, 1, 18, 0, 0).unwrap(),
            missable: true,
            cutoff: Utc.with_ymd_and_hms(2026, 6, 2, 7, 0, 0).unwrap(),
        }
    }

    fn ev(action: DoseAction, at: DateTime<Utc>) -> DoseEvent {
        DoseEvent {
            id: Uuid::new_v4(),
            medication_id: Uuid::from_u128(1),
            slot_index: 0,
            night: occ().night,
            action,
            recorded_at: at.fixed_offset(),
            taken_at: None,
        }
    }

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap() + Duration::hours(i64::from(h))
    }

    #[test]
    fn an_untouched_dose_goes_upcoming_due_missed() {
        assert_eq!(status(&occ(), &[], at(19)), DoseStatus::Upcoming);
        assert_eq!(status(&occ(), &[], at(20)), DoseStatus::Due);
        assert_eq!(status(&occ(), &[], at(31)), DoseStatus::Missed);
    }

    #[test]
    fn taken_wins_over_skipped_and_snoozes() {
        let log = vec![
            ev(DoseAction::Snoozed { until: at(21) }, at(20)),
            ev(DoseAction::Skipped, at(21)),
            ev(
                DoseAction::Taken {
                    amount: Micrograms::mg(10),
                    late: false,
                },
                at(22),
            ),
        ];
        assert!(matches!(
            status(&occ(), &log, at(40)),
            DoseStatus::Taken { late: false, .. }
        ));
        assert!(matches!(
            status(&occ(), log.get(..2).unwrap(), at(40)),
            DoseStatus::Skipped { .. }
        ));
    }

    #[test]
    fn a_snooze_holds_until_it_ends_never_moves_earlier_and_stops_before_the_cutoff() {
        let log = vec![ev(DoseAction::Snoozed { until: at(21) }, at(20))];
        assert_eq!(
            status(&occ(), &log, at(20)),
            DoseStatus::Snoozed { until: at(21) }
        );
        assert_eq!(status(&occ(), &log, at(21)), DoseStatus::Due);
        let last = occ().cutoff - Duration::minutes(LAST_REMINDER_MINUTES);
        assert_eq!(snooze_until(&occ(), occ().due, at(30), 120), last);
        // Asked at noon, a 30-minute snooze leaves the 20:00 reminder where it is.
        assert_eq!(snooze_until(&occ(), occ().due, at(12), 30), occ().due);
        // A shorter second snooze keeps the later reminder.
        assert_eq!(snooze_until(&occ(), at(22), at(21), 10), at(22));
    }

    #[test]
    fn events_of_other_nights_do_not_count() {
        let mut other = ev(
            DoseAction::Taken {
                amount: Micrograms::mg(10),
                late: false,
            },
            at(20),
        );
        other.night = NaiveDate::from_ymd_opt(2026, 5, 31).unwrap();
        assert_eq!(status(&occ(), &[other], at(31)), DoseStatus::Missed);
    }
}
