//! The one object a shell talks to: it owns the store and the device's zone rules, and every
//! method takes the current instant. Safe to share between threads: calls are serialised by
//! one lock around the database, and each write is one transaction.
//!
//! The facade is split by concern, each file adding its own `impl Companion` block:
//! `doses` (take, skip, snooze, notification buttons), `plans` (plan versions, holds,
//! confirmations, the plan view) and `screen` (today's screen and the desired notifications);
//! settings, medicines and check-ins are here.

mod doses;
mod plans;
mod screen;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use uuid::Uuid;

use crate::checkin::{CheckIn, CheckInAnswer};
use crate::doselog::DoseEvent;
use crate::error::{Error, Result};
use crate::medication::{check_lead, Medication, NewMedication, Slot};
use crate::notify::{DesiredNotification, MAX_DAYS_AHEAD};
use crate::plan::{self, Plan, PlanEvent};
use crate::schedule::{self, DaySettings};
use crate::store::{Generation, Store, Tables};
use crate::suggest::{self, Suggestion};
use crate::units::Micrograms;
use crate::view::{DoseOutcome, Today};
use crate::zone::{to_local, ZoneRules};
use screen::{desired, today_from};

/// Longest hold of a plan step, in nights.
pub const MAX_HOLD_DAYS: u32 = 90;
/// A fixed-time dose may be recorded this long before it is due.
pub const EARLY_WINDOW_MINUTES: i64 = 120;

/// Everything the companion knows but the logs, loaded once per call so a view is consistent
/// and the suggestions work from the same plans as the rest of the screen.
pub(crate) struct Snapshot {
    pub(crate) settings: DaySettings,
    pub(crate) meds: Vec<Medication>,
    pub(crate) plans: Vec<Plan>,
    pub(crate) plan_events: Vec<PlanEvent>,
}

impl Snapshot {
    pub(crate) fn load(t: &Tables<'_>) -> Result<Snapshot> {
        Ok(Snapshot {
            settings: t.day_settings()?,
            meds: t.medications()?,
            plans: t.plans()?,
            plan_events: t.plan_events()?,
        })
    }

    pub(crate) fn plans_of(&self, med: Uuid) -> Vec<Plan> {
        self.plans
            .iter()
            .filter(|p| p.medication_id == med)
            .cloned()
            .collect()
    }

    fn med(&self, id: Uuid) -> Result<&Medication> {
        self.meds
            .iter()
            .find(|m| m.id == id)
            .ok_or_else(|| Error::not_found("that medication"))
    }

    /// The planned dose of `med` on `night`, as known on `today`.
    fn dose_on(&self, med: &Medication, night: NaiveDate, today: NaiveDate) -> Micrograms {
        plan::dose_on(&self.plans_of(med.id), med, &self.plan_events, night, today)
    }
}

/// What the home screen read and worked out at one generation of the database, kept so that
/// calling `today` again costs the same after years of plan history as after ten nights: the
/// settings and plans, the suggestions of one night once every past dose is settled, and what
/// is held of each medicine.
struct Derived {
    generation: Generation,
    snapshot: Arc<Snapshot>,
    suggestions: Option<(NaiveDate, Vec<Suggestion>)>,
    /// What is held of each medicine (a replay of years of the dose log at worst).
    on_hand: Option<Arc<crate::supplies::OnHand>>,
}

/// Eventide's core behind one handle.
pub struct Companion {
    store: Mutex<Store>,
    /// Taken only while `store` is held.
    derived: Mutex<Option<Derived>>,
    zone: Arc<dyn ZoneRules>,
}

impl Companion {
    /// Opens (or creates) the database at `path`; `zone` answers for the device's time zone.
    pub fn open(path: &Path, zone: Arc<dyn ZoneRules>) -> Result<Companion> {
        Ok(Companion {
            store: Mutex::new(Store::open(path)?),
            derived: Mutex::new(None),
            zone,
        })
    }

    /// A companion on an in-memory database, for tests and previews.
    pub fn in_memory(zone: Arc<dyn ZoneRules>) -> Result<Companion> {
        Ok(Companion {
            store: Mutex::new(Store::in_memory()?),
            derived: Mutex::new(None),
            zone,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock rolled its transaction back; the data is consistent.
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn zone(&self) -> &dyn ZoneRules {
        self.zone.as_ref()
    }

    /// Runs `f` with the store locked (for the report and backup modules).
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        f(&mut self.lock())
    }

    /// The device zone rules this companion uses.
    pub fn zone_rules(&self) -> Arc<dyn ZoneRules> {
        self.zone.clone()
    }

    // ----- settings -----

    /// Bedtimes and the check-in time.
    pub fn day_settings(&self) -> Result<DaySettings> {
        self.lock().read().day_settings()
    }

    /// Sets the bedtime for the given evenings (all evenings when `days` is empty).
    pub fn set_bedtime(&self, time: NaiveTime, days: &[Weekday]) -> Result<DaySettings> {
        self.lock().write(|t| {
            let mut s = t.day_settings()?;
            s.bedtimes.set(time, days);
            t.set_day_settings(&s)?;
            Ok(s)
        })
    }

    /// Sets when the morning check-in is asked (and when the app's day rolls over).
    pub fn set_checkin_time(&self, time: NaiveTime) -> Result<DaySettings> {
        if time
            < NaiveTime::from_hms_opt(schedule::MORNING_STARTS_HOUR, 0, 0).unwrap_or(NaiveTime::MIN)
            || time > NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN)
        {
            return Err(Error::invalid(
                "checkin-time",
                format!(
                    "the morning check-in must be between 0{}:00 and 12:00",
                    schedule::MORNING_STARTS_HOUR
                ),
            ));
        }
        self.lock().write(|t| {
            let mut s = t.day_settings()?;
            s.checkin_time = time;
            t.set_day_settings(&s)?;
            Ok(s)
        })
    }

    /// Sets how long before bedtime an evening medicine is reminded (60–120 minutes).
    pub fn set_lead(&self, medication_id: Uuid, lead_minutes: u16) -> Result<Medication> {
        check_lead(lead_minutes)?;
        self.lock().write(|t| {
            let snap = Snapshot::load(t)?;
            let mut med = snap.med(medication_id)?.clone();
            if !matches!(med.slot, Slot::Evening { .. }) {
                return Err(Error::invalid(
                    "lead",
                    format!("{} is not an evening medicine", med.name),
                ));
            }
            med.slot = Slot::Evening { lead_minutes };
            t.update_medication(&med)?;
            Ok(med)
        })
    }

    // ----- medications -----

    /// Adds a medicine the user holds.
    pub fn add_medication(&self, new: NewMedication, now: DateTime<Utc>) -> Result<Medication> {
        let med = new.validate(Uuid::new_v4(), now)?;
        self.lock().write(|t| {
            t.insert_medication(&med)?;
            Ok(med)
        })
    }

    /// Every medicine, in the order added.
    pub fn medications(&self) -> Result<Vec<Medication>> {
        self.lock().read().medications()
    }

    /// Finds a medicine by id or by name (any case).
    pub fn find_medication(&self, name_or_id: &str) -> Result<Medication> {
        let wanted = name_or_id.trim();
        let meds = self.medications()?;
        meds.iter()
            .find(|m| m.id.to_string() == wanted || m.name.eq_ignore_ascii_case(wanted))
            .cloned()
            .ok_or_else(|| {
                let known: Vec<&str> = meds.iter().map(|m| m.name.as_str()).collect();
                let hint = if known.is_empty() {
                    "none added yet".to_string()
                } else {
                    known.join(", ")
                };
                Error::not_found(format!("a medication called \"{wanted}\" (known: {hint})"))
            })
    }

    // ----- check-ins -----

    /// Saves the morning check-in (default: this morning); answering again updates it.
    pub fn check_in(
        &self,
        answer: CheckInAnswer,
        morning: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<CheckIn> {
        let this_morning = schedule::morning_of(self.zone(), now);
        let morning = morning.unwrap_or(this_morning);
        if morning > this_morning {
            return Err(Error::invalid(
                "morning",
                format!("{morning} has not come yet"),
            ));
        }
        let at = to_local(self.zone(), now);
        self.lock().write(|t| {
            let earlier = t.checkin(morning)?;
            let checkin = answer.into_checkin(morning, earlier.as_ref(), at)?;
            t.upsert_checkin(&checkin)?;
            Ok(checkin)
        })
    }

    /// Check-ins of mornings `first..=last`.
    pub fn checkins(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<CheckIn>> {
        self.lock().read().checkins(first, last)
    }

    /// Dose log entries of nights `first..=last` (for reports).
    pub fn dose_events(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<DoseEvent>> {
        self.lock().read().dose_events(first, last)
    }

    /// Hides a suggestion showing now; it comes back only when its evidence grows.
    pub fn dismiss_suggestion(&self, id: &str, now: DateTime<Utc>) -> Result<()> {
        if id.trim().is_empty() || id.len() > 200 {
            return Err(Error::invalid("suggestion", "not a suggestion id"));
        }
        let zone = self.zone.clone();
        self.lock()
            .write(|t| suggest::dismiss(t, zone.as_ref(), id.trim(), now).map(|_| ()))
    }

    // ----- views -----

    /// Everything the home screen shows.
    pub fn today(&self, now: DateTime<Utc>) -> Result<Today> {
        // One read transaction: every part of the screen is from the same moment, even while
        // a notification handler writes through another connection.
        self.lock().read_consistent(|t| {
            let mut derived = self
                .derived
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            today_from(t, &mut derived, self.zone(), now)
        })
    }

    /// The notifications that should be pending now for the next `days` days (1–30), at most
    /// [`notify::MAX_PENDING`], soonest first.
    pub fn desired_notifications(
        &self,
        now: DateTime<Utc>,
        days: u32,
    ) -> Result<Vec<DesiredNotification>> {
        if days == 0 || days > MAX_DAYS_AHEAD {
            return Err(Error::invalid(
                "days",
                format!("ask for 1 to {MAX_DAYS_AHEAD} days"),
            ));
        }
        let store = self.lock();
        let t = store.read();
        let snap = Snapshot::load(&t)?;
        // What is held, as `today` last worked it out, while the database is unchanged since.
        let generation = t.generation()?;
        let mut on_hand = self
            .derived
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_ref()
            .filter(|d| d.generation == generation)
            .and_then(|d| d.on_hand.clone());
        let supplies =
            crate::supplies::forecasts_kept(&t, &snap, self.zone(), None, now, &mut on_hand)?;
        desired(&snap, &t, self.zone(), now, days, Some(&supplies))
    }
}

/// What a notification tap did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionOutcome {
    /// A dose was taken, skipped or snoozed.
    Dose(DoseOutcome),
    /// The morning check-in was answered.
    Checkin(CheckIn),
}

#[derive(Debug, Clone, Copy)]
enum Act {
    Take,
    Skip,
    Snooze(u32),
}
