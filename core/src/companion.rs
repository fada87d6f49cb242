//! The one object a shell talks to: it owns the store and the device's zone rules, and every
//! method takes the current instant. Safe to share between threads: calls are serialised by
//! one lock around the database, and each write is one transaction.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use uuid::Uuid;

use crate::breakdown::{breakdown, Breakdown};
use crate::checkin::{CheckIn, CheckInAnswer};
use crate::doselog::{self, DoseAction, DoseEvent, DoseStatus, MAX_SNOOZE_MINUTES};
use crate::error::{Error, Result};
use crate::medication::{check_lead, Medication, NewMedication, Slot};
use crate::notify::{
    self, Category, DesiredNotification, NotificationAction, NotificationKind, NotificationTarget,
    MAX_DAYS_AHEAD, MAX_PENDING,
};
use crate::plan::{self, Horizon, Plan, PlanEvent, PlanEventKind, PlanKind, TaperMethod};
use crate::schedule::{self, DaySettings, Occurrence};
use crate::store::{Generation, Store, Tables};
use crate::suggest::{self, Suggestion};
use crate::units::Micrograms;
use crate::view::{CheckinCard, DoseCard, DoseOutcome, NextChange, PlanView, StepView, Today};
use crate::zone::{to_local, ZoneRules};

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
/// settings and plans, and the suggestions of one night once every past dose is settled.
struct Derived {
    generation: Generation,
    snapshot: Arc<Snapshot>,
    suggestions: Option<(NaiveDate, Vec<Suggestion>)>,
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
        let med = new.validate(Uuid::new_v4())?;
        self.lock().write(|t| {
            t.insert_medication(&med, now)?;
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

    // ----- plans -----

    /// Saves a new plan version for a medicine, applying from `starts_on` (default: tonight).
    /// Unusual plans need each warning in `confirmed_warnings` (see [`Error::NeedsConfirmation`]).
    pub fn set_plan(
        &self,
        medication_id: Uuid,
        kind: PlanKind,
        starts_on: Option<NaiveDate>,
        confirmed_warnings: &[String],
        now: DateTime<Utc>,
    ) -> Result<PlanView> {
        kind.validate()?;
        let zone = self.zone.clone();
        self.lock().write(|t| {
            let snap = Snapshot::load(t)?;
            let med = snap.med(medication_id)?;
            let today = schedule::current_day_for(&snap.settings, zone.as_ref(), med, now);
            let starts_on = starts_on.unwrap_or(today);
            if starts_on < today {
                return Err(Error::invalid(
                    "start",
                    "a plan cannot start in the past; history is never rewritten",
                ));
            }
            check_measurable(med, &kind)?;
            let warnings = plan_warnings(&snap, med, &kind, starts_on);
            let unconfirmed: Vec<String> = warnings
                .iter()
                .filter(|w| !confirmed_warnings.contains(w))
                .cloned()
                .collect();
            if !unconfirmed.is_empty() {
                return Err(Error::NeedsConfirmation {
                    warnings: unconfirmed,
                });
            }
            let version = snap
                .plans_of(med.id)
                .iter()
                .map(|p| p.version)
                .max()
                .unwrap_or(0)
                + 1;
            let plan = Plan {
                id: Uuid::new_v4(),
                medication_id: med.id,
                version,
                starts_on,
                kind,
                created_at: now,
                confirmed_warnings: warnings,
            };
            plan::check_taper_ends(&plan, med)?;
            t.insert_plan(&plan)?;
            let snap = Snapshot::load(t)?;
            plan_view(&snap, snap.med(medication_id)?, today)
        })
    }

    /// Starts a taper from the dose the medicine is on tonight (or `from` when given).
    pub fn start_taper(
        &self,
        medication_id: Uuid,
        method: TaperMethod,
        every_days: u32,
        from: Option<Micrograms>,
        confirmed_warnings: &[String],
        now: DateTime<Utc>,
    ) -> Result<PlanView> {
        let from = match from {
            Some(f) => f,
            None => {
                let store = self.lock();
                let snap = Snapshot::load(&store.read())?;
                let med = snap.med(medication_id)?;
                let today = schedule::current_day_for(&snap.settings, self.zone(), med, now);
                let current = snap.dose_on(med, today, today);
                if current.is_zero() {
                    return Err(Error::Conflict {
                        reason: format!(
                            "{} has no current dose to taper from; give the starting dose",
                            med.name
                        ),
                    });
                }
                current
            }
        };
        self.set_plan(
            medication_id,
            PlanKind::Taper {
                from,
                method,
                every_days,
            },
            None,
            confirmed_warnings,
            now,
        )
    }

    /// Holds the current step `days` nights longer (e.g. while withdrawal symptoms settle);
    /// the rest of the plan shifts by the same number of nights.
    pub fn hold_step(
        &self,
        medication_id: Uuid,
        days: u32,
        now: DateTime<Utc>,
    ) -> Result<PlanView> {
        if days == 0 || days > MAX_HOLD_DAYS {
            return Err(Error::invalid(
                "days",
                format!("hold for 1 to {MAX_HOLD_DAYS} nights"),
            ));
        }
        self.add_plan_event(medication_id, PlanEventKind::Hold { days }, now)
    }

    /// Records that side effects of the current titration step are tolerable, so the next
    /// step-up may go ahead when it is due.
    pub fn confirm_tolerable(&self, medication_id: Uuid, now: DateTime<Utc>) -> Result<PlanView> {
        self.add_plan_event(medication_id, PlanEventKind::Tolerable, now)
    }

    fn add_plan_event(
        &self,
        medication_id: Uuid,
        kind: PlanEventKind,
        now: DateTime<Utc>,
    ) -> Result<PlanView> {
        let zone = self.zone.clone();
        self.lock().write(|t| {
            let snap = Snapshot::load(t)?;
            let med = snap.med(medication_id)?;
            let today = schedule::current_day_for(&snap.settings, zone.as_ref(), med, now);
            let plans = snap.plans_of(med.id);
            let plan = plan::plan_on(&plans, today).ok_or_else(|| {
                Error::not_found(format!("a plan for {} in force tonight", med.name))
            })?;
            match (&kind, &plan.kind) {
                (PlanEventKind::Tolerable, PlanKind::Titration { .. }) => {
                    let steps =
                        plan::steps(plan, med, &snap.plan_events, today, Horizon::Confirmed);
                    if steps.last().is_some_and(|s| {
                        s.until.is_none() && s.contains(today) && !can_step_up(plan, s.dose)
                    }) {
                        return Err(Error::Conflict {
                            reason: format!("{} is already at the plan's target dose", med.name),
                        });
                    }
                    let already = snap.plan_events.iter().any(|e| {
                        e.plan_id == plan.id
                            && e.kind == PlanEventKind::Tolerable
                            && steps
                                .iter()
                                .any(|s| s.contains(today) && s.contains(e.night))
                    });
                    if already {
                        let view = plan_view(&snap, med, today)?;
                        return Ok(view);
                    }
                }
                (PlanEventKind::Tolerable, _) => {
                    return Err(Error::Conflict {
                        reason: format!(
                            "{}'s plan is not a titration; nothing waits for confirmation",
                            med.name
                        ),
                    });
                }
                (PlanEventKind::Hold { .. }, PlanKind::Maintenance { .. }) => {
                    return Err(Error::Conflict {
                        reason: format!(
                            "{} is on a steady dose; there is no step to hold",
                            med.name
                        ),
                    });
                }
                (PlanEventKind::Hold { .. }, _) => {}
            }
            let event = PlanEvent {
                id: Uuid::new_v4(),
                plan_id: plan.id,
                kind,
                night: today,
                recorded_at: now,
            };
            t.insert_plan_event(&event)?;
            let snap = Snapshot::load(t)?;
            plan_view(&snap, snap.med(medication_id)?, today)
        })
    }

    /// Where a medicine's plan stands tonight.
    pub fn plan_view(&self, medication_id: Uuid, now: DateTime<Utc>) -> Result<PlanView> {
        let store = self.lock();
        let snap = Snapshot::load(&store.read())?;
        let med = snap.med(medication_id)?;
        let today = schedule::current_day_for(&snap.settings, self.zone(), med, now);
        plan_view(&snap, med, today)
    }

    /// Every plan version of a medicine, oldest first (history for the clinician).
    pub fn plan_history(&self, medication_id: Uuid) -> Result<Vec<Plan>> {
        let store = self.lock();
        let snap = Snapshot::load(&store.read())?;
        snap.med(medication_id)?;
        Ok(snap.plans_of(medication_id))
    }

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
        desired(&snap, &t, self.zone(), now, days, MAX_PENDING)
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

fn can_step_up(plan: &Plan, dose: Micrograms) -> bool {
    matches!(plan.kind, PlanKind::Titration { target, .. } if dose < target)
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
            Some(DoseAction::Taken {
                amount: dose,
                late: schedule::is_late(occ.due, now),
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

fn dose_card(
    med: &Medication,
    occ: &Occurrence,
    dose: Micrograms,
    events: &[DoseEvent],
    now: DateTime<Utc>,
    zone: &dyn ZoneRules,
) -> DoseCard {
    let (breakdown, breakdown_problem) = match breakdown(med, dose) {
        Ok(b) => (Some(b), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let slot_label = match &med.slot {
        Slot::Times { .. } => to_local(zone, occ.due).format("%H:%M").to_string(),
        s => s.label(),
    };
    DoseCard {
        key: occ.key(),
        medication_id: med.id,
        medication_name: med.name.clone(),
        slot_label,
        slot_index: occ.slot_index,
        night: occ.night,
        dose,
        breakdown,
        breakdown_problem,
        reminder_at: to_local(zone, occ.due),
        cutoff: to_local(zone, occ.cutoff),
        status: doselog::status(occ, events, now),
    }
}

/// Refuses plans whose doses cannot be made from what the user holds.
fn check_measurable(med: &Medication, kind: &PlanKind) -> Result<()> {
    let doses: Vec<Micrograms> = match *kind {
        PlanKind::Maintenance { dose } => vec![dose],
        PlanKind::Taper { from, .. } => vec![from],
        PlanKind::Titration {
            start,
            step,
            target,
            ..
        } => {
            let mut d = start;
            let mut out = vec![];
            while d < target && out.len() < plan::MAX_STEPS {
                out.push(d);
                d = Micrograms(d.0.saturating_add(step.0).min(target.0));
            }
            out.push(target);
            out
        }
    };
    for d in doses {
        breakdown(med, d)?;
    }
    Ok(())
}

/// Warnings a user must confirm before an unusual plan is saved (the gates live in [`crate::gates`]).
fn plan_warnings(
    snap: &Snapshot,
    med: &Medication,
    kind: &PlanKind,
    starts_on: NaiveDate,
) -> Vec<String> {
    crate::gates::plan_warnings(
        med,
        kind,
        starts_on,
        &snap.meds,
        &snap.plans,
        &snap.plan_events,
    )
    .into_iter()
    .map(|w| w.text)
    .collect()
}

fn step_take(med: &Medication, dose: Micrograms) -> String {
    if dose.is_zero() {
        return "nothing (the taper has ended)".into();
    }
    match breakdown(med, dose) {
        Ok(Breakdown { parts, .. }) if parts.is_empty() => "nothing".into(),
        Ok(b) => b.to_string(),
        Err(e) => e.to_string(),
    }
}

fn plan_view(snap: &Snapshot, med: &Medication, today: NaiveDate) -> Result<PlanView> {
    let plans = snap.plans_of(med.id);
    let plan = plan::plan_on(&plans, today)
        .or_else(|| plans.iter().min_by_key(|p| p.starts_on))
        .ok_or_else(|| Error::not_found(format!("a plan for {}", med.name)))?;
    let steps = plan::steps(plan, med, &snap.plan_events, today, Horizon::Projected);
    let confirmed = plan::steps(plan, med, &snap.plan_events, today, Horizon::Confirmed);
    let current = plan::step_on(&confirmed, today);
    let current_dose = if plan.starts_on > today {
        Micrograms::ZERO
    } else {
        current.map(|s| s.dose).unwrap_or_default()
    };
    let awaiting = current.is_some_and(|s| s.awaiting_confirmation);
    let current_index = plan::step_on(&steps, today).map(|s| s.index).unwrap_or(0);
    let next = steps
        .iter()
        .find(|s| s.from > today && s.index > current_index)
        .or_else(|| {
            // A plan starting in the future: its first step is the next change.
            steps.first().filter(|s| s.from > today)
        });
    let titration = matches!(plan.kind, PlanKind::Titration { .. });
    let next_change = next.map(|s| NextChange {
        night: s.from,
        dose: s.dose,
        needs_confirmation: titration && s.projected,
    });
    let status_line = match (&next_change, awaiting) {
        (_, true) => format!(
            "The step up from {current_dose} is due. Tap \"Side effects are tolerable\" when they are, and the dose goes up from that night; until then it stays at {current_dose}."
        ),
        (Some(n), _) if n.needs_confirmation => format!(
            "{} from {} if you confirm side effects are tolerable.",
            n.dose,
            n.night.format("%a %-d %b")
        ),
        (Some(n), _) if n.dose.is_zero() => format!("Last step: from {} the taper ends at 0 mg.", n.night.format("%a %-d %b")),
        (Some(n), _) => format!("Next: {} from {}.", n.dose, n.night.format("%a %-d %b")),
        (None, _) if plan.kind.is_taper() && current_dose.is_zero() => "The taper is complete.".into(),
        (None, _) => format!("Steady at {current_dose}."),
    };
    Ok(PlanView {
        medication_id: med.id,
        medication_name: med.name.clone(),
        version: plan.version,
        description: plan.kind.describe(),
        is_taper: plan.kind.is_taper(),
        current_dose,
        current_step: u32::try_from(current_index + 1).unwrap_or(u32::MAX),
        steps: steps
            .iter()
            .map(|s| StepView {
                number: u32::try_from(s.index + 1).unwrap_or(u32::MAX),
                dose: s.dose,
                from: s.from,
                until: s.until,
                projected: s.projected,
                take: step_take(med, s.dose),
            })
            .collect(),
        next_change,
        awaiting_confirmation: awaiting,
        status_line,
    })
}

/// Today's screen, read from `t` (one read transaction), reusing what `derived` kept from an
/// earlier call when the database has not changed since.
fn today_from(
    t: &Tables<'_>,
    derived: &mut Option<Derived>,
    zone: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Result<Today> {
    let generation = t.generation()?;
    let (snap, kept_suggestions) = match derived.take().filter(|d| d.generation == generation) {
        Some(d) => (d.snapshot, d.suggestions),
        None => (Arc::new(Snapshot::load(t)?), None),
    };
    let night = schedule::night_of(&snap.settings, zone, now);
    let morning = schedule::morning_of(zone, now);
    // A card's day is tonight, or today's date for morning and fixed-time medicines (at most
    // a day later): the log of those nights is all the cards need.
    let events = t.dose_events(night - Duration::days(1), night + Duration::days(1))?;

    let mut doses = Vec::new();
    for med in &snap.meds {
        let day = schedule::current_day_for(&snap.settings, zone, med, now);
        for occ in schedule::occurrences_on(&snap.settings, zone, med, day) {
            let dose = snap.dose_on(med, day, day);
            if dose.is_zero() {
                continue;
            }
            doses.push(dose_card(med, &occ, dose, &events, now, zone));
        }
    }
    doses.sort_by_key(|d| d.reminder_at);

    let mut plans = Vec::new();
    for med in &snap.meds {
        if snap.plans.iter().any(|p| p.medication_id == med.id) {
            let day = schedule::current_day_for(&snap.settings, zone, med, now);
            plans.push(plan_view(&snap, med, day)?);
        }
    }

    let answer = t.checkin(morning)?;
    let (suggestions, keep) = match kept_suggestions.filter(|(on, _)| *on == night) {
        Some((_, kept)) => (kept.clone(), Some((night, kept))),
        None => {
            let facts = suggest::facts_from(t, &snap, zone, now)?;
            let shown = suggest::shown(t, &facts)?;
            // Open doses (snoozed, or still within their cutoff) change with the clock alone.
            let keep = facts.settled().then(|| (night, shown.clone()));
            (shown, keep)
        }
    };
    *derived = Some(Derived {
        generation,
        snapshot: snap.clone(),
        suggestions: keep,
    });
    let next_notification = desired(&snap, t, zone, now, 2, MAX_PENDING)?
        .into_iter()
        .next();
    Ok(Today {
        now_local: to_local(zone, now),
        night,
        doses,
        plans,
        checkin: CheckinCard { morning, answer },
        suggestions,
        next_notification,
    })
}

/// The notifications that should be pending for the next `days` days, the `limit` soonest.
pub(crate) fn desired(
    snap: &Snapshot,
    t: &Tables<'_>,
    zone: &dyn ZoneRules,
    now: DateTime<Utc>,
    days: u32,
    limit: usize,
) -> Result<Vec<DesiredNotification>> {
    let today = schedule::local_date(zone, now);
    let first = today - Duration::days(1);
    let last = today + Duration::days(i64::from(days));
    let events = t.dose_events(first, last)?;
    let mut out = Vec::new();
    // What to take is worked out once per medicine and dose (the reminder horizon is weeks).
    let mut takes: std::collections::HashMap<(Uuid, Micrograms), String> =
        std::collections::HashMap::new();
    for occ in schedule::occurrences_between(&snap.settings, zone, &snap.meds, first, last) {
        let Ok(med) = snap.med(occ.medication_id) else {
            continue;
        };
        let dose = snap.dose_on(
            med,
            occ.night,
            schedule::current_day_for(&snap.settings, zone, med, now).min(occ.night),
        );
        if dose.is_zero() {
            continue;
        }
        // A dose is reminded at its wall-clock time; a snooze at a fixed instant.
        let (fire_at, follows_clock) = match doselog::status(&occ, &events, now) {
            DoseStatus::Upcoming => (occ.due, true),
            DoseStatus::Snoozed { until } => (until, false),
            _ => continue,
        };
        let id = occ.key();
        let take = takes
            .entry((med.id, dose))
            .or_insert_with(|| step_take(med, dose))
            .clone();
        out.push(DesiredNotification {
            numeric_id: notify::numeric_id(&id),
            id,
            kind: NotificationKind::Dose,
            fire_at,
            fire_at_local: to_local(zone, fire_at),
            title: format!("{} {dose}", med.name),
            body: format!("Time for your {} dose: {take}.", med.slot.label()),
            medication_id: Some(med.id),
            medication_name: Some(med.name.clone()),
            date: occ.night,
            actions: NotificationAction::DOSE.to_vec(),
            category: Category::of_slot(&med.slot),
            wall_clock: follows_clock.then(|| to_local(zone, fire_at).naive_local()),
        });
    }
    let has_plans = !snap.plans.is_empty();
    if has_plans {
        let answered = t.checkins(first, last)?;
        for morning in first.iter_days().take_while(|d| *d <= last) {
            if answered.iter().any(|c| c.morning == morning) {
                continue;
            }
            let fire_at =
                crate::zone::resolve_local(zone, morning.and_time(snap.settings.checkin_time));
            let id = format!("checkin:{morning}");
            out.push(DesiredNotification {
                numeric_id: notify::numeric_id(&id),
                id,
                kind: NotificationKind::Checkin,
                fire_at,
                fire_at_local: to_local(zone, fire_at),
                title: "Good morning".into(),
                body: "How was your night?".into(),
                medication_id: None,
                medication_name: None,
                date: morning,
                actions: NotificationAction::CHECKIN.to_vec(),
                category: Category::Checkin,
                wall_clock: Some(to_local(zone, fire_at).naive_local()),
            });
        }
    }
    out.extend(crate::review::notification(
        t,
        &snap.plans,
        &snap.settings,
        zone,
        today,
        last,
    )?);
    Ok(notify::bound(out, now, limit))
}
