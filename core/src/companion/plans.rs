//! Plans through the companion: saving a version (after its gates), holds and tolerance
//! confirmations, and the plan view every screen shows.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Companion, Snapshot, MAX_HOLD_DAYS};
use crate::breakdown::{breakdown, Breakdown};
use crate::catalogue;
use crate::error::{Error, Result};
use crate::medication::{Medication, Slot};
use crate::plan::{self, Horizon, Plan, PlanEvent, PlanEventKind, PlanKind, TaperMethod};
use crate::records;
use crate::schedule;
use crate::units::Micrograms;
use crate::view::{
    NextChange, NextVersion, PlanView, StepUpAction, StepUpChoice, StepUpOption, StepView,
};

impl Companion {
    // ----- plans -----

    /// Saves a new plan version for a medicine, applying from `starts_on` (default: tonight;
    /// at most a year ahead). Unusual plans need each warning in `confirmed_warnings` (see
    /// [`Error::NeedsConfirmation`]).
    pub fn set_plan(
        &self,
        medication_id: Uuid,
        kind: PlanKind,
        starts_on: Option<NaiveDate>,
        confirmed_warnings: &[String],
        now: DateTime<Utc>,
    ) -> Result<PlanView> {
        self.save_plan(
            medication_id,
            kind,
            starts_on,
            confirmed_warnings,
            None,
            now,
        )
    }

    /// [`Companion::set_plan`], with one more warning to confirm when `taper_above` names
    /// tonight's dose and a taper starts above it.
    fn save_plan(
        &self,
        medication_id: Uuid,
        kind: PlanKind,
        starts_on: Option<NaiveDate>,
        confirmed_warnings: &[String],
        taper_above: Option<Micrograms>,
        now: DateTime<Utc>,
    ) -> Result<PlanView> {
        kind.validate()?;
        records::check_now(now)?;
        let zone = self.zone.clone();
        self.lock().write(|t| {
            let snap = Snapshot::load(t)?;
            let med = snap.med(medication_id)?;
            let today = schedule::current_day_for(&snap.settings, zone.as_ref(), med, now);
            let starts_on = starts_on.unwrap_or(today);
            if starts_on < today {
                return Err(Error::invalid(
                    "starts_on",
                    "a plan cannot start in the past; history is never rewritten",
                ));
            }
            records::check_plan_start(starts_on, now.date_naive())?;
            check_measurable(med, &kind)?;
            let version = snap
                .plans_of(med.id)
                .iter()
                .map(|p| p.version)
                .max()
                .unwrap_or(0)
                + 1;
            let mut plan = Plan {
                id: Uuid::new_v4(),
                medication_id: med.id,
                version,
                starts_on,
                kind,
                created_at: now,
                confirmed_warnings: vec![],
            };
            // A plan that cannot be made is refused for that reason before any warning about
            // its shape (a taper cut off at its step limit has no real last step to warn about).
            plan::check_taper_ends(&plan, med)?;
            let mut warnings = plan_warnings(&snap, med, &plan.kind, starts_on);
            if let (Some(current), PlanKind::Taper { from, .. }) = (taper_above, &plan.kind) {
                if *from > current && !current.is_zero() {
                    warnings.extend(taper_above_warning(*from, current));
                }
            }
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
            plan.confirmed_warnings = warnings;
            t.insert_plan(&plan)?;
            let snap = Snapshot::load(t)?;
            plan_view(&snap, snap.med(medication_id)?, today)
        })
    }

    /// Starts a taper from the dose the medicine is on tonight (or `from` when given; a `from`
    /// above tonight's dose would begin with a rise and needs confirming).
    pub fn start_taper(
        &self,
        medication_id: Uuid,
        method: TaperMethod,
        every_days: u32,
        from: Option<Micrograms>,
        confirmed_warnings: &[String],
        now: DateTime<Utc>,
    ) -> Result<PlanView> {
        let current = {
            let store = self.lock();
            let snap = Snapshot::load(&store.read())?;
            let med = snap.med(medication_id)?;
            let today = schedule::current_day_for(&snap.settings, self.zone(), med, now);
            let current = snap.dose_on(med, today, today);
            if current.is_zero() && from.is_none() {
                return Err(Error::Conflict {
                    reason: format!(
                        "{} has no current dose to taper from; give the starting dose",
                        med.name
                    ),
                });
            }
            current
        };
        self.save_plan(
            medication_id,
            PlanKind::Taper {
                from: from.unwrap_or(current),
                method,
                every_days,
            },
            None,
            confirmed_warnings,
            Some(current),
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

    /// Records the choice "stay on this dose and ask my prescriber" on a titration: the dose
    /// stays (an unconfirmed step-up never happens by itself), the choice is kept in the plan's
    /// log, and a question for the prescriber is raised. Choosing it twice in one step records
    /// once. "Step up as planned" is [`Companion::confirm_tolerable`].
    pub fn stay_on_dose(&self, medication_id: Uuid, now: DateTime<Utc>) -> Result<PlanView> {
        self.add_plan_event(medication_id, PlanEventKind::Stay, now)
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
                (PlanEventKind::Stay, PlanKind::Titration { .. }) => {
                    let steps =
                        plan::steps(plan, med, &snap.plan_events, today, Horizon::Confirmed);
                    let current = plan::step_on(&steps, today);
                    if current.is_some_and(|s| s.until.is_none() && !can_step_up(plan, s.dose)) {
                        return Err(Error::Conflict {
                            reason: format!("{} is already at the plan's target dose", med.name),
                        });
                    }
                    let already = snap.plan_events.iter().any(|e| {
                        e.plan_id == plan.id
                            && e.kind == PlanEventKind::Stay
                            && current.is_some_and(|s| s.contains(e.night))
                    });
                    if already {
                        return plan_view(&snap, med, today);
                    }
                }
                (PlanEventKind::Stay, _) => {
                    return Err(Error::Conflict {
                        reason: format!(
                            "{}'s plan is not a titration; there is no step up to wait for",
                            med.name
                        ),
                    });
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
                (PlanEventKind::Hold { .. }, PlanKind::Taper { .. })
                    if plan::dose_on(&plans, med, &snap.plan_events, today, today).is_zero() =>
                {
                    return Err(Error::Conflict {
                        reason: format!(
                            "{}'s taper has ended; there is no step left to hold",
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
}

fn can_step_up(plan: &Plan, dose: Micrograms) -> bool {
    matches!(plan.kind, PlanKind::Titration { target, .. } if dose < target)
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

/// The warning for a taper from `from`, above tonight's `current` dose: its first night would
/// be a rise. Wording from the catalogue.
fn taper_above_warning(from: Micrograms, current: Micrograms) -> Option<String> {
    crate::catalogue::entry("taper_starts_above_current").map(|e| {
        crate::catalogue::render(
            e.text,
            &[("from", from.to_string()), ("current", current.to_string())],
        )
    })
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

pub(super) fn step_take(med: &Medication, dose: Micrograms) -> String {
    if dose.is_zero() {
        return "nothing (the taper has ended)".into();
    }
    match breakdown(med, dose) {
        Ok(Breakdown { parts, .. }) if parts.is_empty() => "nothing".into(),
        Ok(b) => b.to_string(),
        Err(e) => e.to_string(),
    }
}

pub(super) fn plan_view(snap: &Snapshot, med: &Medication, today: NaiveDate) -> Result<PlanView> {
    let plans = snap.plans_of(med.id);
    // The version that takes over next: the first to start after tonight (the highest
    // version among those starting the same night, as `plan_on` chooses).
    let upcoming = plans
        .iter()
        .filter(|p| p.starts_on > today)
        .min_by_key(|p| (p.starts_on, std::cmp::Reverse(p.version)));
    let in_force = plan::plan_on(&plans, today);
    let Some(plan) = in_force.or(upcoming) else {
        return Err(Error::not_found(format!("a plan for {}", med.name)));
    };
    let started = in_force.is_some();
    let later = upcoming.filter(|u| u.id != plan.id);
    let mut steps = plan::steps(plan, med, &snap.plan_events, today, Horizon::Projected);
    if let Some(end) = later.map(|u| u.starts_on) {
        // Steps the next version replaces never happen.
        steps.retain(|s| s.from < end);
        for s in steps.iter_mut() {
            if s.until.is_none_or(|u| u > end) {
                s.until = Some(end);
            }
        }
    }
    let confirmed = plan::steps(plan, med, &snap.plan_events, today, Horizon::Confirmed);
    // While a step-up waits for the user's choice, tonight is still the confirmed step.
    let current = plan::step_on(&confirmed, today).filter(|_| started);
    let current_dose = current.map(|s| s.dose).unwrap_or_default();
    let awaiting = current.is_some_and(|s| s.awaiting_confirmation);
    let titration = matches!(plan.kind, PlanKind::Titration { .. });
    // The next step: the first after the current one (a step-up waiting for the user's choice
    // may start tonight), or the plan's first step while it has not started.
    let next_step = match current {
        Some(c) => steps.iter().find(|s| s.index > c.index),
        None => steps.first().filter(|s| s.from > today),
    };
    let next_change = match (next_step, later) {
        (Some(s), Some(u)) if s.from < u.starts_on => Some(step_change(s, titration, today)),
        (_, Some(u)) => {
            let dose = snap.dose_on(med, u.starts_on, today);
            Some(NextChange {
                night: u.starts_on,
                dose,
                needs_confirmation: false,
                text: catalogue::phrase(
                    "plan_next_version",
                    &[
                        ("next", dose.to_string()),
                        ("when", day_label(u.starts_on)),
                        ("version", u.version.to_string()),
                        ("description", u.kind.describe()),
                    ],
                ),
            })
        }
        (Some(s), None) => Some(step_change(s, titration, today)),
        (None, None) => None,
    };
    let next_version = later.map(|u| NextVersion {
        version: u.version,
        starts_on: u.starts_on,
        description: u.kind.describe(),
    });
    // "Stay on this dose and ask my prescriber", chosen during the current step.
    let stayed = current.and_then(|step| {
        snap.plan_events
            .iter()
            .filter(|e| {
                e.plan_id == plan.id && e.kind == PlanEventKind::Stay && step.contains(e.night)
            })
            .map(|e| e.night)
            .max()
    });
    let next_dose = next_change
        .as_ref()
        .map(|n| n.dose.to_string())
        .unwrap_or_default();
    let current_text = current_dose.to_string();
    let status_line = match (&next_change, awaiting) {
        (Some(n), _) if !started => catalogue::phrase(
            "plan_starts_on",
            &[("when", day_label(n.night)), ("next", n.dose.to_string())],
        ),
        (_, true) => match stayed {
            Some(on) => catalogue::phrase(
                "plan_step_due_stayed",
                &[("current", current_text.clone()), ("when", day_label(on))],
            ),
            None => catalogue::phrase(
                "plan_step_due",
                &[
                    ("current", current_text.clone()),
                    ("next", next_dose.clone()),
                ],
            ),
        },
        (Some(n), _) => n.text.clone(),
        (None, _) if plan.kind.is_taper() && current_dose.is_zero() => {
            catalogue::phrase("plan_taper_complete", &[])
        }
        (None, _) => catalogue::phrase("plan_steady", &[("current", current_text.clone())]),
    };
    let step_up_choice = awaiting.then(|| StepUpChoice {
        prompt: catalogue::phrase(
            "step_up_prompt",
            &[
                ("current", current_text.clone()),
                ("next", next_dose.clone()),
            ],
        ),
        options: vec![
            StepUpOption {
                action: StepUpAction::StepUpAsPlanned,
                label: catalogue::phrase("step_up_as_planned", &[]),
                detail: catalogue::phrase("step_up_as_planned_detail", &[]),
            },
            StepUpOption {
                action: StepUpAction::StayAndAsk,
                label: catalogue::phrase("stay_and_ask", &[]),
                detail: catalogue::phrase("stay_and_ask_detail", &[]),
            },
        ],
        preselected: None,
    });
    Ok(PlanView {
        medication_id: med.id,
        medication_name: med.name.clone(),
        version: plan.version,
        starts_on: plan.starts_on,
        description: plan.kind.describe(),
        is_taper: plan.kind.is_taper(),
        current_dose,
        dose_when: dose_when(&med.slot),
        current_step: current
            .map(|s| u32::try_from(s.index + 1).unwrap_or(u32::MAX))
            .unwrap_or(0),
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
        next_version,
        awaiting_confirmation: awaiting,
        status_line,
        step_up_choice,
    })
}

/// "Mon 4 May": how a plan's nights are named in its status lines.
fn day_label(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// The change a plan step makes, with its line for the screen.
fn step_change(s: &plan::Step, titration: bool, today: NaiveDate) -> NextChange {
    let needs_confirmation = titration && s.projected;
    let vars = [("next", s.dose.to_string()), ("when", day_label(s.from))];
    let text = if needs_confirmation && s.from <= today {
        catalogue::phrase("plan_next_now_if_chosen", &vars)
    } else if needs_confirmation {
        catalogue::phrase("plan_next_if_chosen", &vars)
    } else if s.dose.is_zero() {
        catalogue::phrase("plan_last_step", &vars)
    } else {
        catalogue::phrase("plan_next", &vars)
    };
    NextChange {
        night: s.from,
        dose: s.dose,
        needs_confirmation,
        text,
    }
}

/// When a plan's dose is taken, for "10 mg each night": the slot's own words.
pub(crate) fn dose_when(slot: &Slot) -> String {
    match slot {
        Slot::Evening { .. } => "each night".into(),
        Slot::Morning { .. } => "each morning".into(),
        Slot::Times { times } => match times.len() {
            1 => "once a day".into(),
            2 => "twice a day".into(),
            n => format!("{n} times a day"),
        },
    }
}
