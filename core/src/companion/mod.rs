//! The one object a shell talks to: it owns the store and the device's zone rules, and every
//! method takes the current instant. Safe to share between threads: calls are serialised by
//! one lock around the database, and each write is one transaction.
//!
//! The facade is split by concern, each file adding its own `impl Companion` block:
//! `doses` (take, skip, snooze, notification buttons), `plans` (plan versions, holds,
//! confirmations, the plan view), `story` (what the plan view tells beyond its steps: cuts, a
//! taper's end and length, other forms, previews) and `screen` (today's screen and the desired
//! notifications);
//! settings, medicines and check-ins are here.

mod doses;
mod plans;
mod screen;
mod story;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc, Weekday};
use uuid::Uuid;

use crate::checkin::{CheckIn, CheckInAnswer, Feeling};
use crate::doselog::DoseEvent;
use crate::error::{Error, Result};
use crate::medication::{check_latest, check_lead, Medication, NewMedication, Slot};
use crate::notify::{DesiredNotification, MAX_DAYS_AHEAD};
use crate::plan::{self, Plan, PlanEvent};
use crate::records;
use crate::schedule::{self, DaySettings};
use crate::store::{Generation, Store, Tables};
use crate::suggest::{self, Suggestion};
use crate::units::Micrograms;
use crate::view::{DoseOutcome, Today};
use crate::zone::{to_local, ZoneRules};
pub(crate) use screen::desired;
use screen::today_from;

pub use crate::records::MAX_HOLD_DAYS;
pub use crate::schedule::EARLY_WINDOW_MINUTES;

/// Furthest back a morning check-in can be answered: a month of mornings missed on holiday
/// can be filled in; an answer about a morning years ago is a mistyped date.
pub const MAX_CHECKIN_DAYS_BACK: i64 = 31;

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
    /// The plan cards and the day each medicine was on when they were made (a taper's
    /// schedules in every other form it could be taken in are worth keeping).
    plans: Option<(Vec<NaiveDate>, Vec<crate::view::PlanView>)>,
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

    /// Refuses `out` as the destination of a report or backup when it is the database itself
    /// or one of the files SQLite keeps beside it (`-wal`, `-shm`, `-journal`), however the
    /// path is spelt: writing there would destroy the data the file is meant to carry.
    pub fn refuse_database_file(&self, out: &Path) -> Result<()> {
        let db = self.lock().path().to_string();
        if db == ":memory:" {
            return Ok(());
        }
        let db = std::fs::canonicalize(&db).unwrap_or_else(|_| Path::new(&db).to_path_buf());
        let target = canonical_destination(out);
        let used = ["", "-wal", "-shm", "-journal"].map(|suffix| {
            let mut p = db.clone().into_os_string();
            p.push(suffix);
            std::path::PathBuf::from(p)
        });
        let same_file = used.iter().any(|u| *u == target || is_same_file(u, out));
        if same_file {
            return Err(Error::invalid(
                "out",
                format!(
                    "{} is the database Eventide is using (or one of its files); writing there would destroy your records, so nothing was written. Choose another file name",
                    out.display()
                ),
            ));
        }
        Ok(())
    }

    // ----- settings -----

    /// Bedtimes and the check-in time.
    pub fn day_settings(&self) -> Result<DaySettings> {
        self.lock().read().day_settings()
    }

    /// Sets the bedtime for the given evenings (all evenings when `days` is empty). A morning
    /// time after the check-in time is refused with its evening reading offered.
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
        records::check_checkin_time(time)?;
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

    /// Sets until when an evening medicine's dose can still be taken, in minutes after that
    /// night's bedtime (0–240; default 120). After it a forgotten dose is no longer offered.
    pub fn set_latest_time(
        &self,
        medication_id: Uuid,
        minutes_after_bedtime: u16,
    ) -> Result<Medication> {
        check_latest(minutes_after_bedtime)?;
        self.lock().write(|t| {
            let snap = Snapshot::load(t)?;
            let mut med = snap.med(medication_id)?.clone();
            if !matches!(med.slot, Slot::Evening { .. }) {
                return Err(Error::invalid(
                    "latest",
                    format!(
                        "{} is not an evening medicine; its doses can be taken until the next one is due",
                        med.name
                    ),
                ));
            }
            med.latest_after_bedtime_minutes = minutes_after_bedtime;
            t.update_medication(&med)?;
            Ok(med)
        })
    }

    // ----- medications -----

    /// Adds a medicine the user holds.
    pub fn add_medication(&self, new: NewMedication, now: DateTime<Utc>) -> Result<Medication> {
        records::check_now(now)?;
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

    /// Saves the morning check-in (default: this morning, or one up to
    /// [`MAX_CHECKIN_DAYS_BACK`] mornings ago). Answering again replaces the whole answer:
    /// symptoms left out are removed, and a missing pain score or note is cleared.
    pub fn check_in(
        &self,
        answer: CheckInAnswer,
        morning: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<CheckIn> {
        self.save_checkin(morning, now, |morning, earlier, at| {
            answer.into_checkin(morning, earlier.as_ref(), at)
        })
    }

    /// The one-tap answer of a notification: sets the feeling and keeps the pain, symptoms
    /// and note already given that morning.
    pub fn check_in_feeling(
        &self,
        feeling: Feeling,
        morning: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<CheckIn> {
        self.save_checkin(morning, now, |morning, earlier, at| {
            Ok(CheckIn::tapped(morning, feeling, earlier, at))
        })
    }

    /// Saves the check-in `make` builds from that morning's earlier answer, if any.
    fn save_checkin(
        &self,
        morning: Option<NaiveDate>,
        now: DateTime<Utc>,
        make: impl FnOnce(NaiveDate, Option<CheckIn>, DateTime<FixedOffset>) -> Result<CheckIn>,
    ) -> Result<CheckIn> {
        let morning = self.checkin_morning(morning, now)?;
        let at = to_local(self.zone(), now);
        self.lock().write(|t| {
            let checkin = make(morning, t.checkin(morning)?, at)?;
            t.upsert_checkin(&checkin)?;
            Ok(checkin)
        })
    }

    /// The morning a check-in is about: this morning by default; not one still to come, nor
    /// one more than [`MAX_CHECKIN_DAYS_BACK`] mornings ago.
    fn checkin_morning(&self, morning: Option<NaiveDate>, now: DateTime<Utc>) -> Result<NaiveDate> {
        records::check_now(now)?;
        let this_morning = schedule::morning_of(self.zone(), now);
        let morning = morning.unwrap_or(this_morning);
        if morning > this_morning {
            return Err(Error::invalid(
                "morning",
                format!("{morning} has not come yet"),
            ));
        }
        let earliest = this_morning - chrono::Duration::days(MAX_CHECKIN_DAYS_BACK);
        if morning < earliest {
            return Err(Error::invalid(
                "morning",
                format!(
                    "{} is more than {MAX_CHECKIN_DAYS_BACK} mornings ago; check-ins can be added back to {}",
                    morning.format("%a %-d %b %Y"),
                    earliest.format("%a %-d %b %Y")
                ),
            ));
        }
        Ok(morning)
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
        desired(
            &snap,
            &t,
            self.zone(),
            now,
            days,
            Some(&supplies),
            crate::notify::MAX_PENDING,
        )
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

/// `out` with its folder resolved (symbolic links, `.` and `..`), for comparing paths that
/// name the same file differently; the file itself need not exist yet.
fn canonical_destination(out: &Path) -> std::path::PathBuf {
    if let Ok(full) = std::fs::canonicalize(out) {
        return full;
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    match (std::fs::canonicalize(parent), out.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => out.to_path_buf(),
    }
}

/// True when both paths exist and are the same file (a hard link, another mount path).
#[cfg(unix)]
fn is_same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_same_file(_: &Path, _: &Path) -> bool {
    false
}
