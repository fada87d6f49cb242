//! Plans through the companion: saving a version (after its gates), holds and tolerance
//! confirmations, and the plan view every screen shows.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Companion, Snapshot, MAX_HOLD_DAYS};
use crate::breakdown::{breakdown, Breakdown};
use crate::error::{Error, Result};
use crate::gates::PlanWarning;
use crate::medication::Medication;
use crate::plan::{self, Horizon, Plan, PlanEvent, PlanEventKind, PlanKind, TaperMethod};
use crate::schedule;
use crate::units::Micrograms;
use crate::view::{NextChange, PlanView};

impl Companion {
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
            let (mut plan, warnings) = draft_plan(&snap, med, kind, starts_on, today, now)?;
            let warnings: Vec<String> = warnings.into_iter().map(|w| w.text).collect();
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
            plan.id = Uuid::new_v4();
            plan.confirmed_warnings = warnings;
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
        let kind = self.taper_kind(medication_id, method, every_days, from, now)?;
        self.set_plan(medication_id, kind, None, confirmed_warnings, now)
    }

    /// A taper by `method` every `every_days` nights from `from`, or from tonight's planned dose.
    pub(super) fn taper_kind(
        &self,
        medication_id: Uuid,
        method: TaperMethod,
        every_days: u32,
        from: Option<Micrograms>,
        now: DateTime<Utc>,
    ) -> Result<PlanKind> {
        let from = match from {
            Some(f) => f,
            None => self.tonights_dose(medication_id, now)?,
        };
        Ok(PlanKind::Taper {
            from,
            method,
            every_days,
        })
    }

    /// Tonight's planned dose, to taper from; a conflict when there is none.
    fn tonights_dose(&self, medication_id: Uuid, now: DateTime<Utc>) -> Result<Micrograms> {
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
        Ok(current)
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

/// `kind` for `med` as it would be saved from `starts_on` (default: `today`) — checked, with an
/// unsaved id and the warnings its gates ([`crate::gates`]) raise for the user to confirm.
pub(super) fn draft_plan(
    snap: &Snapshot,
    med: &Medication,
    kind: PlanKind,
    starts_on: Option<NaiveDate>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(Plan, Vec<PlanWarning>)> {
    let starts_on = starts_on.unwrap_or(today);
    if starts_on < today {
        return Err(Error::invalid(
            "start",
            "a plan cannot start in the past; history is never rewritten",
        ));
    }
    check_measurable(med, &kind)?;
    let warnings = crate::gates::plan_warnings(
        med,
        &kind,
        starts_on,
        &snap.meds,
        &snap.plans,
        &snap.plan_events,
    );
    let version = snap
        .plans_of(med.id)
        .iter()
        .map(|p| p.version)
        .max()
        .unwrap_or(0)
        + 1;
    let plan = Plan {
        id: Uuid::nil(),
        medication_id: med.id,
        version,
        starts_on,
        kind,
        created_at: now,
        confirmed_warnings: vec![],
    };
    plan::check_taper_ends(&plan, med)?;
    Ok((plan, warnings))
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
    let plan = plan::plan_on(&plans, today)
        .or_else(|| plans.iter().min_by_key(|p| p.starts_on))
        .ok_or_else(|| Error::not_found(format!("a plan for {}", med.name)))?;
    Ok(view_of(plan, med, &snap.plan_events, today))
}

/// The view of `plan` (saved or a draft) for `med`, given its events, as of the night `today`.
pub(super) fn view_of(
    plan: &Plan,
    med: &Medication,
    events: &[PlanEvent],
    today: NaiveDate,
) -> PlanView {
    let steps = plan::steps(plan, med, events, today, Horizon::Projected);
    let confirmed = plan::steps(plan, med, events, today, Horizon::Confirmed);
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
    let story = super::story::story(plan, med, events, today, &steps);
    PlanView {
        medication_id: med.id,
        medication_name: med.name.clone(),
        version: plan.version,
        description: plan.kind.describe(),
        is_taper: plan.kind.is_taper(),
        current_dose,
        current_step: u32::try_from(current_index + 1).unwrap_or(u32::MAX),
        steps: super::story::step_views(plan, med, &steps),
        next_change,
        awaiting_confirmation: awaiting,
        status_line,
        ends_on: story.ends_on,
        length_nights: story.length_nights,
        end_line: story.end_line,
        rounding_note: story.rounding_note,
        confirmed_warnings: plan.confirmed_warnings.clone(),
        other_forms: story.other_forms,
    }
}
