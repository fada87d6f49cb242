//! Titration, maintenance and taper plans, and the dose they give for any night.
//!
//! Plans are versioned and never rewritten: a new plan for a medicine is a new version that
//! applies from its start night on, and what the user did along the way (held a step,
//! confirmed side effects were tolerable) is an append-only list of [`PlanEvent`]s. From a plan
//! and its events the steps follow by the rules below, so the same history always gives the
//! same doses.
//!
//! - **Titration**: start at `start`, add `step` every `every_days` nights up to `target`. A
//!   step-up happens only after the user has confirmed, during the current step, that side
//!   effects were tolerable; without that the dose holds. A confirmation that comes after the
//!   step was due raises the dose from that night on. Each confirmation counts for one step.
//! - **Maintenance**: one dose, open-ended.
//! - **Taper**: from `from`, lower the dose every `every_days` nights — by a fixed amount
//!   (linear) or by a percentage of the current dose (proportional) — each step rounded to the
//!   nearest dose the user can measure with what they hold and always below the one before;
//!   when the next step would fall below the smallest measurable dose the plan ends at 0.
//! - **Hold**: extends the step that contains the hold's night by `days`; every later step
//!   shifts by the same number of nights.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::breakdown::{measurable_around, smallest_measurable};
use crate::error::{Error, Result};
use crate::medication::Medication;
use crate::units::Micrograms;
use crate::words;

/// Most steps a plan may have: more would mean a mistake in the numbers.
pub const MAX_STEPS: usize = 120;
/// Longest step, in nights (a year).
pub const MAX_EVERY_DAYS: u32 = 366;
/// Largest proportional taper cut, in percent of the current dose.
pub const MAX_TAPER_PERCENT: u32 = 50;

/// How a taper lowers the dose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum TaperMethod {
    /// Down by the same amount every step.
    Linear { step: Micrograms },
    /// Down by a percentage of the current dose every step (smaller cuts near the end).
    Proportional { percent: u32 },
}

/// What a plan does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanKind {
    /// Build up from `start` by `step` every `every_days` nights to `target`.
    Titration {
        start: Micrograms,
        step: Micrograms,
        every_days: u32,
        target: Micrograms,
    },
    /// Stay on one dose.
    Maintenance { dose: Micrograms },
    /// Come down from `from` to 0.
    Taper {
        from: Micrograms,
        method: TaperMethod,
        every_days: u32,
    },
}

impl PlanKind {
    /// Checks the numbers of a plan the user typed; the error names the field.
    pub fn validate(&self) -> Result<()> {
        let every = |every_days: u32| {
            if every_days == 0 || every_days > MAX_EVERY_DAYS {
                Err(Error::invalid(
                    "every",
                    format!("must be 1 to {MAX_EVERY_DAYS} days"),
                ))
            } else {
                Ok(())
            }
        };
        match *self {
            PlanKind::Titration {
                start,
                step,
                every_days,
                target,
            } => {
                every(every_days)?;
                if start.is_zero() || step.is_zero() {
                    return Err(Error::invalid(
                        "start",
                        "start and step must be more than 0 mg",
                    ));
                }
                if target <= start {
                    return Err(Error::invalid(
                        "target",
                        format!("must be above the start dose of {start}"),
                    ));
                }
                let steps = (target.0 - start.0).div_ceil(step.0);
                if steps as usize >= MAX_STEPS {
                    return Err(Error::invalid(
                        "step",
                        format!("this would take {steps} steps; please check the numbers"),
                    ));
                }
                Ok(())
            }
            PlanKind::Maintenance { dose } => {
                if dose.is_zero() {
                    Err(Error::invalid("dose", "must be more than 0 mg"))
                } else {
                    Ok(())
                }
            }
            PlanKind::Taper {
                from,
                ref method,
                every_days,
            } => {
                every(every_days)?;
                if from.is_zero() {
                    return Err(Error::invalid("from", "there is no dose to taper from"));
                }
                match *method {
                    TaperMethod::Linear { step } if step.is_zero() => {
                        Err(Error::invalid("step", "must be more than 0 mg"))
                    }
                    TaperMethod::Linear { step }
                        if from.0.div_ceil(step.0) as usize >= MAX_STEPS =>
                    {
                        Err(Error::invalid(
                            "step",
                            format!(
                                "this would take {} steps; please check the numbers",
                                from.0.div_ceil(step.0)
                            ),
                        ))
                    }
                    TaperMethod::Proportional { percent }
                        if percent == 0 || percent > MAX_TAPER_PERCENT =>
                    {
                        Err(Error::invalid(
                            "percent",
                            format!("must be 1 to {MAX_TAPER_PERCENT} %"),
                        ))
                    }
                    _ => Ok(()),
                }
            }
        }
    }

    /// One line for people: "Titration 10 mg → 50 mg, +10 mg every 7 days".
    pub fn describe(&self) -> String {
        match self {
            PlanKind::Titration {
                start,
                step,
                every_days,
                target,
            } => {
                format!(
                    "Titration {start} → {target}, +{step} {} when you choose to step up",
                    words::every_days(*every_days)
                )
            }
            PlanKind::Maintenance { dose } => format!("Maintenance {dose}"),
            PlanKind::Taper {
                from,
                method: TaperMethod::Linear { step },
                every_days,
            } => {
                format!(
                    "Taper from {from}, −{step} {}",
                    words::every_days(*every_days)
                )
            }
            PlanKind::Taper {
                from,
                method: TaperMethod::Proportional { percent },
                every_days,
            } => {
                format!(
                    "Taper from {from}, −{percent} % of the current dose {}",
                    words::every_days(*every_days)
                )
            }
        }
    }

    /// True for tapers (used by the one-taper-at-a-time check and the report).
    pub fn is_taper(&self) -> bool {
        matches!(self, PlanKind::Taper { .. })
    }
}

/// One version of a medicine's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Stable id.
    pub id: Uuid,
    /// The medicine it is for.
    pub medication_id: Uuid,
    /// 1 for the first plan of a medicine, then 2, 3, …
    pub version: u32,
    /// The first night it applies to.
    pub starts_on: NaiveDate,
    /// What it does.
    pub kind: PlanKind,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
    /// Warnings the user explicitly confirmed when saving it (kept for the clinician's log).
    pub confirmed_warnings: Vec<String>,
}

/// Something the user did along a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanEventKind {
    /// Stay on the current step `days` nights longer.
    Hold { days: u32 },
    /// Side effects of the current step were tolerable: the next step-up may go ahead.
    Tolerable,
    /// The user chose to stay on the current titration dose and ask the prescriber before
    /// stepping up. It changes no dose (an unconfirmed step-up holds anyway); it is kept for
    /// the record and the question it raises.
    Stay,
}

/// A recorded hold or tolerance confirmation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanEvent {
    /// Stable id.
    pub id: Uuid,
    /// The plan version it belongs to.
    pub plan_id: Uuid,
    /// What happened.
    pub kind: PlanEventKind,
    /// The night it applies from.
    pub night: NaiveDate,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// One step of a plan: a dose over a run of nights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// 0 for the first step.
    pub index: usize,
    /// The dose on each night of the step.
    pub dose: Micrograms,
    /// First night of the step.
    pub from: NaiveDate,
    /// The night the next step starts, if it is known.
    pub until: Option<NaiveDate>,
    /// For titrations: the next step-up waits for the user to confirm tolerance.
    pub awaiting_confirmation: bool,
    /// This step is an expectation (a step-up not yet confirmed), not a certainty.
    pub projected: bool,
}

impl Step {
    /// True when `night` falls inside the step.
    pub fn contains(&self, night: NaiveDate) -> bool {
        night >= self.from && self.until.is_none_or(|u| night < u)
    }
}

/// How far ahead steps are worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Horizon {
    /// Only what has happened or will happen without further confirmations: an unconfirmed
    /// step-up is not taken, and the dose holds.
    Confirmed,
    /// As above, and then the rest of the plan as it will go if each step-up is confirmed on
    /// time (the timeline a user wants to see).
    Projected,
}

/// The steps of `plan` for `med`, given its events, as of the night `today`.
pub fn steps(
    plan: &Plan,
    med: &Medication,
    events: &[PlanEvent],
    today: NaiveDate,
    horizon: Horizon,
) -> Vec<Step> {
    let mut held: Vec<(NaiveDate, DateTime<Utc>, u32)> = events
        .iter()
        .filter(|e| e.plan_id == plan.id)
        .filter_map(|e| match e.kind {
            PlanEventKind::Hold { days } => Some((e.night, e.recorded_at, days)),
            PlanEventKind::Tolerable | PlanEventKind::Stay => None,
        })
        .collect();
    held.sort();
    let holds: Vec<(NaiveDate, u32)> = held.iter().map(|&(n, _, d)| (n, d)).collect();
    let mut confirmed_at: Vec<(NaiveDate, DateTime<Utc>)> = events
        .iter()
        .filter(|e| e.plan_id == plan.id && e.kind == PlanEventKind::Tolerable)
        .map(|e| (e.night, e.recorded_at))
        .collect();
    confirmed_at.sort();
    let confirmations: Vec<NaiveDate> = confirmed_at.iter().map(|&(n, _)| n).collect();
    // A hold placed while a step-up waited for confirmation (on or after the night it was due,
    // before the confirmation came) keeps the step at least `days` nights from that night.
    let held_while_waiting = |due: NaiveDate, before: Option<(NaiveDate, DateTime<Utc>)>| {
        held.iter()
            .filter(|&&(night, at, _)| {
                night >= due && before.is_none_or(|(c, c_at)| (night, at) < (c, c_at))
            })
            .map(|&(night, _, days)| add_days(night, days))
            .max()
            .unwrap_or(due)
    };

    // The night a step starting on `from` ends, before any wait for confirmation: its nominal
    // length plus every hold recorded inside it (a hold can extend the step over later holds).
    let step_end = |from: NaiveDate, every_days: u32| -> NaiveDate {
        let mut end = add_days(from, every_days);
        for &(night, days) in &holds {
            if night >= from && night < end {
                end = add_days(end, days);
            }
        }
        end
    };

    let mut out: Vec<Step> = Vec::new();
    let push = |out: &mut Vec<Step>, dose, from, until, awaiting, projected| {
        let index = out.len();
        out.push(Step {
            index,
            dose,
            from,
            until,
            awaiting_confirmation: awaiting,
            projected,
        });
    };
    match plan.kind {
        PlanKind::Maintenance { dose } => push(&mut out, dose, plan.starts_on, None, false, false),
        PlanKind::Titration {
            start,
            step,
            every_days,
            target,
        } => {
            let mut dose = start;
            let mut from = plan.starts_on;
            let mut unused = confirmations.iter().copied().peekable();
            // Becomes true once the timeline runs past what the user has confirmed.
            let mut projected = false;
            while out.len() < MAX_STEPS {
                if dose >= target {
                    push(&mut out, dose, from, None, false, projected);
                    break;
                }
                let nominal = step_end(from, every_days);
                // Confirmations from before this step belong to no step; skip them.
                while unused.next_if(|&c| c < from).is_some() {}
                let confirmed = if projected { None } else { unused.next() };
                let recorded = confirmed
                    .and_then(|night| confirmed_at.iter().find(|(n, _)| *n == night).copied());
                let due = held_while_waiting(nominal, recorded);
                let change = match confirmed {
                    Some(night) => {
                        push(&mut out, dose, from, Some(due.max(night)), false, false);
                        due.max(night)
                    }
                    None => {
                        let waiting = !projected && due <= today;
                        if horizon == Horizon::Confirmed {
                            push(&mut out, dose, from, None, waiting, projected);
                            break;
                        }
                        // Confirming tonight would raise the dose from tonight on.
                        let change = due.max(today);
                        push(&mut out, dose, from, Some(change), waiting, projected);
                        projected = true;
                        change
                    }
                };
                dose = Micrograms(dose.0.saturating_add(step.0).min(target.0));
                from = change;
            }
        }
        PlanKind::Taper {
            from: start,
            ref method,
            every_days,
        } => {
            let floor = smallest_measurable(med).unwrap_or(Micrograms(1));
            let mut dose = start;
            let mut from = plan.starts_on;
            while out.len() < MAX_STEPS {
                if dose.is_zero() {
                    push(&mut out, dose, from, None, false, false);
                    break;
                }
                let end = step_end(from, every_days);
                push(&mut out, dose, from, Some(end), false, false);
                dose = next_taper_dose(med, dose, method, floor);
                from = end;
            }
        }
    }
    out
}

/// Refuses a taper that would not reach 0 within [`MAX_STEPS`] steps with what the user holds.
pub fn check_taper_ends(plan: &Plan, med: &Medication) -> Result<()> {
    if !plan.kind.is_taper() {
        return Ok(());
    }
    let all = steps(plan, med, &[], plan.starts_on, Horizon::Confirmed);
    if all.last().is_some_and(|s| s.dose.is_zero()) {
        Ok(())
    } else {
        Err(Error::invalid(
            "step",
            format!("this taper would take more than {MAX_STEPS} steps; please use larger steps"),
        ))
    }
}

/// The dose after `dose` in a taper: lower, measurable, or 0 below the smallest measurable.
pub fn next_taper_dose(
    med: &Medication,
    dose: Micrograms,
    method: &TaperMethod,
    floor: Micrograms,
) -> Micrograms {
    let target = match *method {
        TaperMethod::Linear { step } => dose.0.saturating_sub(step.0),
        TaperMethod::Proportional { percent } => {
            let kept = u64::from(dose.0) * u64::from(100u32.saturating_sub(percent)) / 100;
            u32::try_from(kept).unwrap_or(0)
        }
    };
    if target < floor.0 {
        return Micrograms::ZERO;
    }
    let (below, above) = measurable_around(med, Micrograms(target));
    let nearest = match (below, above) {
        (Some(b), Some(a)) if a < dose && a.0 - target < target - b.0 => Some(a),
        (Some(b), _) => Some(b),
        (None, Some(a)) if a < dose => Some(a),
        _ => None,
    };
    match nearest {
        Some(n) if n < dose => n,
        _ => Micrograms::ZERO,
    }
}

fn add_days(d: NaiveDate, days: u32) -> NaiveDate {
    d.checked_add_signed(Duration::days(i64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// The step of `steps` that covers `night`, if any.
pub fn step_on(steps: &[Step], night: NaiveDate) -> Option<&Step> {
    steps.iter().find(|s| s.contains(night))
}

/// The plan version in force on `night`: the latest-starting one that has started, the
/// highest version among those starting the same night.
pub fn plan_on(plans: &[Plan], night: NaiveDate) -> Option<&Plan> {
    plans
        .iter()
        .filter(|p| p.starts_on <= night)
        .max_by_key(|p| (p.starts_on, p.version))
}

/// The dose for `med` on `night`, given all its plan versions and events, as of `today`. Zero
/// when no plan applies or a taper has ended.
pub fn dose_on(
    plans: &[Plan],
    med: &Medication,
    events: &[PlanEvent],
    night: NaiveDate,
    today: NaiveDate,
) -> Micrograms {
    plan_on(plans, night)
        .and_then(|p| {
            step_on(&steps(p, med, events, today, Horizon::Confirmed), night).map(|s| s.dose)
        })
        .unwrap_or(Micrograms::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingredient::Ingredient;
    use crate::medication::Slot;

    pub(crate) fn amitriptyline(tablets: &[u32], liquids: &[u32]) -> Medication {
        Medication {
            id: Uuid::from_u128(1),
            name: "Amitriptyline".into(),
            ingredient: Ingredient::Amitriptyline,
            added_at: chrono::DateTime::UNIX_EPOCH,
            latest_after_bedtime_minutes: 120,
            tablets: tablets.iter().map(|&m| Micrograms::mg(m)).collect(),
            can_halve: false,
            liquids_per_5ml: liquids.iter().map(|&m| Micrograms::mg(m)).collect(),
            slot: Slot::Evening { lead_minutes: 90 },
        }
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn plan(kind: PlanKind, starts_on: NaiveDate) -> Plan {
        Plan {
            id: Uuid::from_u128(7),
            medication_id: Uuid::from_u128(1),
            version: 1,
            starts_on,
            kind,
            created_at: DateTime::UNIX_EPOCH,
            confirmed_warnings: vec![],
        }
    }

    fn event(kind: PlanEventKind, night: NaiveDate) -> PlanEvent {
        PlanEvent {
            id: Uuid::new_v4(),
            plan_id: Uuid::from_u128(7),
            kind,
            night,
            recorded_at: DateTime::UNIX_EPOCH,
        }
    }

    fn titration() -> Plan {
        plan(
            PlanKind::Titration {
                start: Micrograms::mg(10),
                step: Micrograms::mg(10),
                every_days: 7,
                target: Micrograms::mg(50),
            },
            d(1, 1),
        )
    }

    fn mg_on(p: &Plan, events: &[PlanEvent], night: NaiveDate, today: NaiveDate) -> u32 {
        dose_on(
            std::slice::from_ref(p),
            &amitriptyline(&[10, 25], &[]),
            events,
            night,
            today,
        )
        .0 / 1000
    }

    #[test]
    fn titration_steps_up_only_after_tolerance_is_confirmed() {
        let p = titration();
        // Nothing confirmed: the dose holds at 10 mg past the due night.
        assert_eq!(mg_on(&p, &[], d(1, 8), d(1, 10)), 10);
        assert_eq!(mg_on(&p, &[], d(1, 20), d(1, 20)), 10);
        // Confirmed on day 6: up to 20 mg on the due night (8 Jan), not before.
        let ev = vec![event(PlanEventKind::Tolerable, d(1, 6))];
        assert_eq!(mg_on(&p, &ev, d(1, 7), d(1, 7)), 10);
        assert_eq!(mg_on(&p, &ev, d(1, 8), d(1, 8)), 20);
        // One confirmation counts for one step only.
        assert_eq!(mg_on(&p, &ev, d(1, 15), d(1, 15)), 20);
    }

    #[test]
    fn a_late_confirmation_raises_the_dose_from_that_night() {
        let p = titration();
        let ev = vec![event(PlanEventKind::Tolerable, d(1, 12))];
        assert_eq!(mg_on(&p, &ev, d(1, 11), d(1, 12)), 10);
        assert_eq!(mg_on(&p, &ev, d(1, 12), d(1, 12)), 20);
        // The next step is due a full step later, on 19 January.
        let ev2 = vec![ev[0].clone(), event(PlanEventKind::Tolerable, d(1, 16))];
        assert_eq!(mg_on(&p, &ev2, d(1, 18), d(1, 19)), 20);
        assert_eq!(mg_on(&p, &ev2, d(1, 19), d(1, 19)), 30);
    }

    #[test]
    fn projected_timeline_shows_the_plan_if_each_step_is_confirmed() {
        let p = titration();
        let s = steps(
            &p,
            &amitriptyline(&[10], &[]),
            &[],
            d(1, 3),
            Horizon::Projected,
        );
        let doses: Vec<u32> = s.iter().map(|s| s.dose.0 / 1000).collect();
        assert_eq!(doses, vec![10, 20, 30, 40, 50]);
        assert_eq!(s.get(1).map(|s| s.from), Some(d(1, 8)));
        assert!(s.get(1).is_some_and(|s| s.projected));
        assert_eq!(s.last().and_then(|s| s.until), None);
    }

    #[test]
    fn a_hold_extends_the_current_step_and_shifts_the_rest() {
        let p = plan(
            PlanKind::Taper {
                from: Micrograms::mg(50),
                method: TaperMethod::Linear {
                    step: Micrograms::mg(10),
                },
                every_days: 14,
            },
            d(3, 1),
        );
        let med = amitriptyline(&[10, 25], &[]);
        let plain = steps(&p, &med, &[], d(3, 1), Horizon::Confirmed);
        let doses: Vec<u32> = plain.iter().map(|s| s.dose.0 / 1000).collect();
        assert_eq!(doses, vec![50, 40, 30, 20, 10, 0]);
        let held = steps(
            &p,
            &med,
            &[event(PlanEventKind::Hold { days: 7 }, d(3, 20))],
            d(3, 20),
            Horizon::Confirmed,
        );
        // 40 mg runs from 15 Mar for 14 + 7 nights, so 30 mg starts 5 April instead of 29 March.
        assert_eq!(
            held.get(2).map(|s| (s.dose.0 / 1000, s.from)),
            Some((30, d(4, 5)))
        );
        assert_eq!(
            held.last().map(|s| s.from),
            plain.last().map(|s| s.from + Duration::days(7))
        );
    }

    #[test]
    fn proportional_tapers_round_to_measurable_doses_and_end_at_zero() {
        let p = plan(
            PlanKind::Taper {
                from: Micrograms::mg(20),
                method: TaperMethod::Proportional { percent: 25 },
                every_days: 14,
            },
            d(3, 1),
        );
        let with_liquid = steps(
            &p,
            &amitriptyline(&[10], &[10]),
            &[],
            d(3, 1),
            Horizon::Confirmed,
        );
        let doses: Vec<u32> = with_liquid.iter().map(|s| s.dose.0).collect();
        assert_eq!(doses.first(), Some(&20_000));
        assert_eq!(doses.last(), Some(&0));
        assert!(
            doses.windows(2).all(|w| w.first() > w.get(1)),
            "strictly down: {doses:?}"
        );
        assert_eq!(doses.get(1), Some(&15_000));
        // Without liquid and without halving only multiples of 10 mg exist: 20 → 10 → 0.
        let tablets = steps(
            &p,
            &amitriptyline(&[10], &[]),
            &[],
            d(3, 1),
            Horizon::Confirmed,
        );
        let doses: Vec<u32> = tablets.iter().map(|s| s.dose.0 / 1000).collect();
        assert_eq!(doses, vec![20, 10, 0]);
    }

    #[test]
    fn the_latest_started_version_applies() {
        let mut v1 = titration();
        v1.version = 1;
        let mut v2 = plan(
            PlanKind::Maintenance {
                dose: Micrograms::mg(25),
            },
            d(2, 1),
        );
        v2.version = 2;
        v2.id = Uuid::from_u128(8);
        let plans = vec![v1.clone(), v2.clone()];
        assert_eq!(plan_on(&plans, d(1, 31)).map(|p| p.version), Some(1));
        assert_eq!(plan_on(&plans, d(2, 1)).map(|p| p.version), Some(2));
        assert_eq!(plan_on(&plans, d(1, 1) - Duration::days(1)), None);
    }

    #[test]
    fn plan_numbers_are_checked() {
        let bad = PlanKind::Titration {
            start: Micrograms::mg(50),
            step: Micrograms::mg(10),
            every_days: 7,
            target: Micrograms::mg(25),
        };
        assert!(
            matches!(bad.validate(), Err(Error::InvalidInput { ref field, .. }) if field == "target")
        );
        let bad = PlanKind::Taper {
            from: Micrograms::mg(20),
            method: TaperMethod::Proportional { percent: 80 },
            every_days: 14,
        };
        assert!(bad.validate().is_err());
        let bad = PlanKind::Maintenance {
            dose: Micrograms::mg(25),
        };
        assert!(bad.validate().is_ok());
        let bad = PlanKind::Titration {
            start: Micrograms::mg(10),
            step: Micrograms::mg(10),
            every_days: 0,
            target: Micrograms::mg(50),
        };
        assert!(bad.validate().is_err());
    }
}
