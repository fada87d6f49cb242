//! The companion's side of reminders: the plan with today's data, which fired reminders to
//! show, which shown ones to withdraw, and the lock-screen setting.

use chrono::{DateTime, Duration, Utc};

use super::{plan, Plan, Request};
use crate::companion::{desired, Snapshot};
use crate::doselog::{self, DoseStatus};
use crate::error::Result;
use crate::notify::{self, DesiredNotification, NotificationTarget};
use crate::plan as plans;
use crate::schedule;
use crate::store::Tables;
use crate::zone::{resolve_local, ZoneRules};
use crate::Companion;

/// The settings key of the lock-screen choice.
const LOCK_SCREEN_DETAILS_KEY: &str = "lock_screen_details";
/// A missed dose's notification stays on screen this long after its cutoff, for a late
/// "Taken"; then it no longer applies.
const MISSED_SHOWN_HOURS: i64 = 24;
/// An alarm may be delivered this much before its time and still count as on time.
const DUE_SLACK_SECONDS: i64 = 60;

/// Where a notification's question stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownState {
    /// Due and unanswered: show it (or keep showing it).
    Wanted,
    /// Not due yet (the time moved later): it will be reminded then.
    NotYet,
    /// Answered: the dose taken or skipped, the check-in given.
    Answered,
    /// Snoozed: it comes back when the snooze ends.
    PutOff,
    /// Missed, but still worth a late "Taken" from the notification (until a day after).
    Late,
    /// No longer applies: the medicine or the night's dose is gone.
    Gone,
    /// Not a reminder of ours (an urgent-help notification, another version's): left alone.
    Foreign,
}

impl ShownState {
    /// True when a notification in this state should leave the screen.
    pub fn withdraw(self) -> bool {
        matches!(
            self,
            ShownState::Answered | ShownState::PutOff | ShownState::Gone
        )
    }
}

impl Companion {
    /// The reminder plan for `request` at `now`: the desired notifications over the
    /// platform's horizon, the lock-screen choice, and the notifications on screen to
    /// withdraw.
    pub fn plan_reminders(&self, request: &Request, now: DateTime<Utc>) -> Result<Plan> {
        let zone = self.zone_rules();
        let days = request.os.platform().horizon_days();
        let (wanted, details, withdraw) = self.with_store(|store| {
            let t = store.read();
            let snap = Snapshot::load(&t)?;
            let mut wanted = desired(&snap, &t, zone.as_ref(), now, days, None, usize::MAX)?;
            // The last hours' reminders too, for catching up on any the OS lost.
            let since = now - Duration::hours(super::CATCH_UP_HOURS);
            let recent = desired(&snap, &t, zone.as_ref(), since, 1, None, usize::MAX)?;
            wanted.extend(recent.into_iter().filter(|n| n.fire_at <= now));
            let details = lock_screen_details(&t)?;
            let mut withdraw = Vec::new();
            for id in &request.shown {
                if state(&snap, &t, zone.as_ref(), id, now)?.withdraw() {
                    withdraw.push(id.clone());
                }
            }
            Ok((wanted, details, withdraw))
        })?;
        let mut out = plan(&wanted, request, details, now);
        out.withdraw = withdraw;
        Ok(out)
    }

    /// Every notification desired over the next `days` days (at most
    /// [`super::REMINDER_HORIZON_DAYS`]), soonest first: what a plan chooses from. Unlike
    /// `desired_notifications` it is not cut at 60.
    pub fn reminder_candidates(
        &self,
        now: DateTime<Utc>,
        days: u32,
    ) -> Result<Vec<DesiredNotification>> {
        let zone = self.zone_rules();
        let days = days.min(super::REMINDER_HORIZON_DAYS);
        self.with_store(|store| {
            let t = store.read();
            let snap = Snapshot::load(&t)?;
            desired(&snap, &t, zone.as_ref(), now, days, None, usize::MAX)
        })
    }

    /// Where each of these notifications' questions stands at `now` (an id that is not a
    /// reminder's is [`ShownState::Foreign`]).
    pub fn reminder_states(&self, ids: &[String], now: DateTime<Utc>) -> Result<Vec<ShownState>> {
        let zone = self.zone_rules();
        self.with_store(|store| {
            let t = store.read();
            let snap = Snapshot::load(&t)?;
            ids.iter()
                .map(|id| state(&snap, &t, zone.as_ref(), id, now))
                .collect()
        })
    }

    /// Of the notifications an alarm just fired for, those to show now: due, unanswered and
    /// not already on screen (`shown`: a backstop alarm never shows one twice).
    pub fn reminders_to_show(
        &self,
        ids: &[String],
        shown: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        let states = self.reminder_states(ids, now)?;
        Ok(ids
            .iter()
            .zip(states)
            .filter(|(id, s)| *s == ShownState::Wanted && !shown.contains(id))
            .map(|(id, _)| id.clone())
            .collect())
    }

    /// Whether a locked phone shows the medicine and dose (false until the user chooses).
    pub fn lock_screen_details(&self) -> Result<bool> {
        self.with_store(|store| lock_screen_details(&store.read()))
    }

    /// Chooses whether a locked phone shows the medicine and dose; returns the choice.
    pub fn set_lock_screen_details(&self, on: bool) -> Result<bool> {
        self.with_store(|store| {
            store.write(|t| t.set_setting(LOCK_SCREEN_DETAILS_KEY, if on { "1" } else { "0" }))
        })?;
        Ok(on)
    }
}

fn lock_screen_details(t: &Tables<'_>) -> Result<bool> {
    Ok(t.setting(LOCK_SCREEN_DETAILS_KEY)?.as_deref() == Some("1"))
}

/// Where notification `id`'s question stands at `now`.
fn state(
    snap: &Snapshot,
    t: &Tables<'_>,
    zone: &dyn ZoneRules,
    id: &str,
    now: DateTime<Utc>,
) -> Result<ShownState> {
    let soon = now + Duration::seconds(DUE_SLACK_SECONDS);
    let Ok(target) = notify::parse_id(id) else {
        return Ok(ShownState::Foreign);
    };
    Ok(match target {
        NotificationTarget::Dose {
            medication_id,
            slot_index,
            night,
        } => {
            let Some(med) = snap.meds.iter().find(|m| m.id == medication_id) else {
                return Ok(ShownState::Gone);
            };
            let Some(occ) = schedule::occurrences_on(&snap.settings, zone, med, night)
                .into_iter()
                .find(|o| o.slot_index == slot_index)
            else {
                return Ok(ShownState::Gone);
            };
            let today = schedule::current_day_for(&snap.settings, zone, med, now).min(night);
            let dose = plans::dose_on(&snap.plans_of(med.id), med, &snap.plan_events, night, today);
            if dose.is_zero() {
                return Ok(ShownState::Gone);
            }
            if now > occ.cutoff + Duration::hours(MISSED_SHOWN_HOURS) {
                return Ok(ShownState::Gone);
            }
            match doselog::status(&occ, &t.dose_events(night, night)?, soon) {
                DoseStatus::Due => ShownState::Wanted,
                DoseStatus::Upcoming => ShownState::NotYet,
                DoseStatus::Snoozed { .. } => ShownState::PutOff,
                DoseStatus::Taken { .. } | DoseStatus::Skipped { .. } => ShownState::Answered,
                DoseStatus::Missed => ShownState::Late,
            }
        }
        NotificationTarget::Checkin { morning } => {
            if t.checkin(morning)?.is_some() {
                ShownState::Answered
            } else if snap.plans.is_empty() {
                ShownState::Gone
            } else if resolve_local(zone, morning.and_time(snap.settings.checkin_time)) > soon {
                ShownState::NotYet
            } else {
                ShownState::Wanted
            }
        }
        NotificationTarget::Review { date } => {
            if date > schedule::local_date(zone, soon) {
                ShownState::NotYet
            } else {
                ShownState::Wanted
            }
        }
        // Wanted while the forecast still names it; a supply that moves the date on, or a
        // count that shows enough, makes it gone.
        NotificationTarget::Refill { medication_id, .. } => {
            let forecasts = crate::supplies::forecasts(t, snap, zone, None, now)?;
            match forecasts
                .iter()
                .find(|f| f.medication_id == medication_id && f.refill_id.as_deref() == Some(id))
            {
                None => ShownState::Gone,
                Some(f)
                    if f.refill_on
                        .is_some_and(|on| on > schedule::local_date(zone, soon)) =>
                {
                    ShownState::NotYet
                }
                Some(_) => ShownState::Wanted,
            }
        }
    })
}
