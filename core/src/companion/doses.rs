//! Dose actions through the companion: take, skip and snooze from the app or a notification
//! button, and the rule for which occurrence a tap means.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use uuid::Uuid;

use super::{ActionOutcome, Companion, Snapshot};
use crate::doselog::{self, DoseAction, DoseEvent, DoseStatus, MAX_SNOOZE_MINUTES};
use crate::error::{Error, Result};
use crate::notify::{self, NotificationAction, NotificationTarget};
use crate::records;
use crate::schedule::{self, Occurrence};
use crate::store::Tables;
use crate::tap::{self, Act};
use crate::units::Micrograms;
use crate::view::DoseOutcome;
use crate::zone::to_local;

impl Companion {
    // ----- doses -----

    /// Records that the dose was taken now. `night` picks a night (default: the dose open now,
    /// see [`crate::tap`]); `slot_index` picks one of several daily times. Recording the same
    /// dose again changes nothing.
    pub fn take(
        &self,
        medication_id: Uuid,
        night: Option<NaiveDate>,
        slot_index: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<DoseOutcome> {
        self.take_at(medication_id, night, slot_index, None, now)
    }

    /// Records that the dose was taken at `at` (a time on the phone's clock) — for a dose
    /// recorded afterwards — or now when `at` is `None`. The time must fall inside the dose's
    /// window, before its latest time; without a night, it means the most recent such moment.
    pub fn take_at(
        &self,
        medication_id: Uuid,
        night: Option<NaiveDate>,
        slot_index: Option<u32>,
        at: Option<NaiveTime>,
        now: DateTime<Utc>,
    ) -> Result<DoseOutcome> {
        self.act(medication_id, night, slot_index, at, now, Act::Take)
    }

    /// Records that the dose is skipped on purpose.
    pub fn skip(
        &self,
        medication_id: Uuid,
        night: Option<NaiveDate>,
        slot_index: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<DoseOutcome> {
        self.act(medication_id, night, slot_index, None, now, Act::Skip)
    }

    /// Moves the reminder of the dose open now `minutes` later (1–240).
    pub fn snooze(
        &self,
        medication_id: Uuid,
        slot_index: Option<u32>,
        minutes: u32,
        now: DateTime<Utc>,
    ) -> Result<DoseOutcome> {
        self.snooze_dose(medication_id, None, slot_index, minutes, now)
    }

    /// Moves the reminder of a dose `minutes` later (1–240): never earlier than it already is,
    /// and never past [`doselog::LAST_REMINDER_MINUTES`] before the dose's latest time.
    pub fn snooze_dose(
        &self,
        medication_id: Uuid,
        night: Option<NaiveDate>,
        slot_index: Option<u32>,
        minutes: u32,
        now: DateTime<Utc>,
    ) -> Result<DoseOutcome> {
        if minutes == 0 || minutes > MAX_SNOOZE_MINUTES {
            return Err(Error::invalid(
                "minutes",
                format!("snooze for 1 to {MAX_SNOOZE_MINUTES} minutes"),
            ));
        }
        self.act(
            medication_id,
            night,
            slot_index,
            None,
            now,
            Act::Snooze(minutes),
        )
    }

    fn act(
        &self,
        medication_id: Uuid,
        night: Option<NaiveDate>,
        slot_index: Option<u32>,
        at: Option<NaiveTime>,
        now: DateTime<Utc>,
        act: Act,
    ) -> Result<DoseOutcome> {
        records::check_now(now)?;
        let zone = self.zone.clone();
        let zone = zone.as_ref();
        self.lock().write(|t| {
            let snap = Snapshot::load(t)?;
            let med = snap.med(medication_id)?;
            let current = schedule::current_day_for(&snap.settings, zone, med, now);
            if let Some(night) = night.filter(|n| *n > current) {
                return Err(Error::invalid(
                    "night",
                    format!(
                        "{night} has not come yet; only tonight or earlier nights can be recorded"
                    ),
                ));
            }
            let (first, last) = match night {
                Some(n) => (n, n),
                None => (current - Duration::days(1), current + Duration::days(1)),
            };
            let occurrences = schedule::occurrences_between(
                &snap.settings,
                zone,
                std::slice::from_ref(med),
                first,
                last,
            );
            let events = t.dose_events(first, last)?;
            let doses = tap::Doses {
                med,
                occurrences: &occurrences,
                events: &events,
                current,
                zone,
            };
            // The moment the tap is about: the time the dose was taken, when given.
            let moment = match (at, night) {
                (Some(time), None) => Some(tap::at_before(zone, time, now)?),
                _ => None,
            };
            let occ = doses.pick(act, night, slot_index, moment.unwrap_or(now))?;
            let taken_at = match (at, moment) {
                (_, Some(m)) => Some(m),
                (Some(time), None) => Some(tap::at_in_window(zone, occ, time)),
                (None, None) => None,
            };
            if let Some(t) = taken_at.filter(|t| *t > now) {
                return Err(Error::invalid(
                    "at",
                    format!("{} has not come yet", doses.when(t, now)),
                ));
            }
            let dose = snap.dose_on(med, occ.night, current.min(occ.night));
            record(t, &doses, occ, dose, now, taken_at, act)
        })
    }

    /// Handles a tap on a notification button: `id` is the notification's id, `action` the
    /// button. Repeating a tap changes nothing.
    pub fn handle_action(
        &self,
        id: &str,
        action: NotificationAction,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome> {
        match (notify::parse_id(id)?, action) {
            (
                NotificationTarget::Dose {
                    medication_id,
                    slot_index,
                    night,
                },
                NotificationAction::Taken,
            ) => Ok(ActionOutcome::Dose(self.take(
                medication_id,
                Some(night),
                Some(slot_index),
                now,
            )?)),
            (
                NotificationTarget::Dose {
                    medication_id,
                    slot_index,
                    night,
                },
                NotificationAction::Skip,
            ) => Ok(ActionOutcome::Dose(self.skip(
                medication_id,
                Some(night),
                Some(slot_index),
                now,
            )?)),
            (
                NotificationTarget::Dose {
                    medication_id,
                    slot_index,
                    night,
                },
                NotificationAction::Snooze,
            ) => Ok(ActionOutcome::Dose(self.snooze_dose(
                medication_id,
                Some(night),
                Some(slot_index),
                doselog::DEFAULT_SNOOZE_MINUTES,
                now,
            )?)),
            (
                NotificationTarget::Checkin { morning },
                a @ (NotificationAction::Fine
                | NotificationAction::Groggy
                | NotificationAction::SleptBadly),
            ) => {
                let feeling = match a {
                    NotificationAction::Groggy => crate::checkin::Feeling::Groggy,
                    NotificationAction::SleptBadly => crate::checkin::Feeling::SleptBadly,
                    _ => crate::checkin::Feeling::Fine,
                };
                Ok(ActionOutcome::Checkin(self.check_in_feeling(
                    feeling,
                    Some(morning),
                    now,
                )?))
            }
            (_, a) => Err(Error::invalid(
                "action",
                format!("\"{}\" is not a button of notification {id}", a.code()),
            )),
        }
    }
}

/// Writes one dose action and says what happened.
fn record(
    t: &Tables<'_>,
    doses: &tap::Doses<'_>,
    occ: &Occurrence,
    dose: Micrograms,
    now: DateTime<Utc>,
    taken_at: Option<DateTime<Utc>>,
    act: Act,
) -> Result<DoseOutcome> {
    let (med, events, zone) = (doses.med, doses.events, doses.zone);
    let before = doselog::status(occ, events, now);
    let when = occ.night.format("%a %-d %b");
    let what = doses.dose_name(occ);
    let action = match (act, &before) {
        (Act::Take, DoseStatus::Taken { .. }) | (Act::Skip, DoseStatus::Skipped { .. }) => None,
        (Act::Skip, DoseStatus::Taken { .. }) => {
            return Err(Error::Conflict {
                reason: format!("{what} for {when} is already recorded as taken"),
            })
        }
        (Act::Take | Act::Snooze(_), _) if dose.is_zero() => {
            return Err(Error::Conflict {
                reason: format!("no dose of {} is planned for {when}", med.name),
            });
        }
        (Act::Snooze(_), DoseStatus::Missed) => {
            return Err(Error::Conflict {
                reason: doses.closed(occ, now),
            })
        }
        (Act::Snooze(_), s) if s.is_settled() => {
            return Err(Error::Conflict {
                reason: format!(
                    "{what} for {when} is already {}; there is nothing to snooze",
                    s.word()
                ),
            })
        }
        (Act::Take, _) => {
            let moment = taken_at.unwrap_or(now);
            if !occ.window_contains(moment) {
                let window = format!(
                    "{what} for {when} can be recorded as taken from {} until {}",
                    doses.when(occ.opens, moment),
                    doses.when(occ.cutoff, moment)
                );
                return Err(match taken_at {
                    Some(_) => Error::invalid(
                        "at",
                        format!("{window}, not at {}", doses.when(moment, now)),
                    ),
                    None if now < occ.opens => Error::Conflict {
                        reason: format!("{window}."),
                    },
                    None => Error::Conflict {
                        reason: format!(
                            "{} If you did take it before {}, record it with the time you took it.",
                            doses.closed(occ, now),
                            doses.when(occ.cutoff, now)
                        ),
                    },
                });
            }
            Some(DoseAction::Taken {
                amount: dose,
                late: schedule::is_late(occ.due, moment),
            })
        }
        (Act::Skip, _) => Some(DoseAction::Skipped),
        (Act::Snooze(minutes), s) => {
            let reminder = match s {
                DoseStatus::Snoozed { until } => *until,
                _ => occ.due,
            };
            let until = doselog::snooze_until(occ, reminder, now, minutes);
            if until <= now {
                return Err(Error::Conflict {
                    reason: format!(
                        "{what} for {when} can be taken until {}: too soon for another reminder. Take it now or skip it.",
                        doses.when(occ.cutoff, now)
                    ),
                });
            }
            (until > reminder).then_some(DoseAction::Snoozed { until })
        }
    };
    let mut recorded = false;
    let mut all = events.to_vec();
    if let Some(action) = action {
        let event = DoseEvent {
            id: Uuid::new_v4(),
            medication_id: med.id,
            slot_index: occ.slot_index,
            night: occ.night,
            action,
            recorded_at: to_local(zone, now),
            taken_at: taken_at.map(|at| to_local(zone, at)),
        };
        recorded = t.insert_dose_event(&event)?;
        all.push(event);
    }
    let status = doselog::status(occ, &all, now);
    let message = match (&status, recorded) {
        (DoseStatus::Taken { amount, late, at }, true) => {
            let late = if *late { " late" } else { "" };
            let at = match taken_at {
                Some(_) => format!(" at {}", at.format("%H:%M")),
                None => String::new(),
            };
            format!(
                "{} {amount} recorded as taken{late}{at} for {when}.",
                med.name
            )
        }
        (DoseStatus::Skipped { .. }, true) => {
            format!("{what} for {when} recorded as skipped.")
        }
        (DoseStatus::Snoozed { until }, true) => {
            format!(
                "{} reminder moved to {}.",
                med.name,
                to_local(zone, *until).format("%H:%M")
            )
        }
        (DoseStatus::Upcoming | DoseStatus::Due | DoseStatus::Snoozed { .. }, false) => {
            let reminder = match &status {
                DoseStatus::Snoozed { until } => *until,
                _ => occ.due,
            };
            format!(
                "{} reminder stays at {}: a reminder never moves earlier.",
                med.name,
                doses.when(reminder, now)
            )
        }
        (s, _) => format!(
            "{what} for {when} was already recorded as {}; nothing changed.",
            s.word()
        ),
    };
    Ok(DoseOutcome {
        key: occ.key(),
        medication_name: med.name.clone(),
        night: occ.night,
        recorded,
        status,
        message,
    })
}
