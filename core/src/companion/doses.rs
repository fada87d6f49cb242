//! Dose actions through the companion: take, skip and snooze from the app or a notification
//! button, and the rule for which occurrence a tap means.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use uuid::Uuid;

use super::{Act, ActionOutcome, Companion, Snapshot, EARLY_WINDOW_MINUTES};
use crate::breakdown::breakdown;
use crate::checkin::CheckInAnswer;
use crate::doselog::{self, DoseAction, DoseEvent, DoseStatus, MAX_SNOOZE_MINUTES};
use crate::error::{Error, Result};
use crate::medication::Medication;
use crate::notify::{self, NotificationAction, NotificationTarget};
use crate::schedule::{self, Occurrence};
use crate::store::Tables;
use crate::units::Micrograms;
use crate::view::DoseOutcome;
use crate::zone::{to_local, ZoneRules};

impl Companion {
    // ----- doses -----

    /// Records that the dose was taken. `night` picks a past night (default: the current
    /// one); `slot_index` picks one of several daily times (default: the one due now).
    /// Recording the same dose again changes nothing.
    pub fn take(
        &self,
        medication_id: Uuid,
        night: Option<NaiveDate>,
        slot_index: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<DoseOutcome> {
        self.act(medication_id, night, slot_index, now, Act::Take)
    }

    /// Records that the dose is skipped on purpose.
    pub fn skip(
        &self,
        medication_id: Uuid,
        night: Option<NaiveDate>,
        slot_index: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<DoseOutcome> {
        self.act(medication_id, night, slot_index, now, Act::Skip)
    }

    /// Moves the reminder `minutes` later (1–240), never past the dose's cutoff.
    pub fn snooze(
        &self,
        medication_id: Uuid,
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
        self.act(medication_id, None, slot_index, now, Act::Snooze(minutes))
    }

    fn act(
        &self,
        medication_id: Uuid,
        night: Option<NaiveDate>,
        slot_index: Option<u32>,
        now: DateTime<Utc>,
        act: Act,
    ) -> Result<DoseOutcome> {
        let zone = self.zone.clone();
        let zone = zone.as_ref();
        self.lock().write(|t| {
            let snap = Snapshot::load(t)?;
            let med = snap.med(medication_id)?;
            let current = schedule::current_day_for(&snap.settings, zone, med, now);
            let night = night.unwrap_or(current);
            if night > current {
                return Err(Error::invalid(
                    "night",
                    format!(
                        "{night} has not come yet; only tonight or earlier nights can be recorded"
                    ),
                ));
            }
            let occurrences = schedule::occurrences_on(&snap.settings, zone, med, night);
            let events = t.dose_events(night, night)?;
            let occ = pick_occurrence(
                &occurrences,
                &events,
                slot_index,
                night == current && slot_index.is_none(),
                now,
                &med.name,
            )?;
            let dose = snap.dose_on(med, night, current);
            record(t, med, occ, &events, dose, now, zone, act)
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
            ) => Ok(ActionOutcome::Dose(self.act(
                medication_id,
                Some(night),
                Some(slot_index),
                now,
                Act::Snooze(doselog::DEFAULT_SNOOZE_MINUTES),
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
                let answer = CheckInAnswer {
                    feeling: Some(feeling),
                    ..Default::default()
                };
                Ok(ActionOutcome::Checkin(self.check_in(
                    answer,
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

/// The occurrence a dose action is about: the named slot, or for several daily times the
/// first unsettled one that is due (or nearly), or the only one.
fn pick_occurrence<'a>(
    occurrences: &'a [Occurrence],
    events: &[DoseEvent],
    slot_index: Option<u32>,
    choose_by_time: bool,
    now: DateTime<Utc>,
    name: &str,
) -> Result<&'a Occurrence> {
    if let Some(i) = slot_index {
        return occurrences
            .iter()
            .find(|o| o.slot_index == i)
            .ok_or_else(|| {
                Error::invalid(
                    "slot",
                    format!("{name} has no dose number {} that day", i + 1),
                )
            });
    }
    if occurrences.len() <= 1 || !choose_by_time {
        return occurrences
            .first()
            .ok_or_else(|| Error::not_found(format!("a dose of {name} that night")));
    }
    occurrences
        .iter()
        .find(|o| {
            !doselog::status(o, events, now).is_settled()
                && o.due - Duration::minutes(EARLY_WINDOW_MINUTES) <= now
                && now < o.cutoff
        })
        .ok_or_else(|| {
            let next = occurrences.iter().find(|o| o.due > now);
            Error::Conflict {
                reason: match next {
                    Some(o) => format!(
                        "no dose of {name} is due now; the next is at {}",
                        o.due.format("%H:%M UTC")
                    ),
                    None => format!("every dose of {name} today is already recorded"),
                },
            }
        })
}

/// Writes one dose action and says what happened.
#[allow(clippy::too_many_arguments)]
fn record(
    t: &Tables<'_>,
    med: &Medication,
    occ: &Occurrence,
    events: &[DoseEvent],
    dose: Micrograms,
    now: DateTime<Utc>,
    zone: &dyn ZoneRules,
    act: Act,
) -> Result<DoseOutcome> {
    let before = doselog::status(occ, events, now);
    let when = occ.night.format("%a %-d %b");
    let action = match (act, &before) {
        (Act::Take, DoseStatus::Taken { .. }) | (Act::Skip, DoseStatus::Skipped { .. }) => None,
        (Act::Skip, DoseStatus::Taken { .. }) => {
            return Err(Error::Conflict {
                reason: format!("{} for {when} is already recorded as taken", med.name),
            })
        }
        (Act::Snooze(_), s) if s.is_settled() => {
            return Err(Error::Conflict {
                reason: format!(
                    "{} for {when} is already {}; there is nothing to snooze",
                    med.name,
                    s.word()
                ),
            })
        }
        (Act::Take, _) => {
            if dose.is_zero() {
                return Err(Error::Conflict {
                    reason: format!("no dose of {} is planned for {when}", med.name),
                });
            }
            // What is logged is what the user measures: the breakdown's amount, which differs
            // from the plan only where a solution is rounded to a 0.1 ml mark.
            let measured = breakdown(med, dose).map_or(dose, |b| b.delivered);
            Some(DoseAction::Taken {
                amount: measured,
                late: schedule::is_late(occ.due, now),
                planned: (measured != dose).then_some(dose),
            })
        }
        (Act::Skip, _) => Some(DoseAction::Skipped),
        (Act::Snooze(minutes), _) => Some(DoseAction::Snoozed {
            until: doselog::snooze_until(occ, now, minutes),
        }),
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
        };
        recorded = t.insert_dose_event(&event)?;
        all.push(event);
    }
    let status = doselog::status(occ, &all, now);
    let message = match (&status, recorded) {
        (
            DoseStatus::Taken {
                amount,
                late: false,
                ..
            },
            true,
        ) => format!("{} {amount} recorded as taken for {when}.", med.name),
        (
            DoseStatus::Taken {
                amount, late: true, ..
            },
            true,
        ) => format!("{} {amount} recorded as taken late for {when}.", med.name),
        (DoseStatus::Skipped { .. }, true) => {
            format!("{} for {when} recorded as skipped.", med.name)
        }
        (DoseStatus::Snoozed { until }, true) => {
            format!(
                "{} reminder moved to {}.",
                med.name,
                to_local(zone, *until).format("%H:%M")
            )
        }
        (s, _) => format!(
            "{} for {when} was already recorded as {}; nothing changed.",
            med.name,
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
