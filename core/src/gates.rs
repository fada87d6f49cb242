//! Safety gates on plans: an unusual plan is never refused and never saved silently. Each gate
//! that trips is a typed warning the user must confirm explicitly (the set_plan call fails with
//! [`crate::Error::NeedsConfirmation`] until every warning's text is passed back), and the
//! confirmed warnings are kept with the plan version for the clinician's log. The wording comes
//! from the [`crate::catalogue`].
//!
//! Every dose gate keys on the medicine's ingredient and its table in [`crate::ingredient`]
//! (daily totals: a dose taken several times a day counts each time), and explains itself with
//! the ingredient's own fact from the catalogue. "Other" medicines have no dose gates except
//! the step interval, which falls back to [`MIN_TITRATION_STEP_NIGHTS`].
//!
//! | kind | trips when |
//! |---|---|
//! | `start_above_usual` | a titration starts above the ingredient's highest usual start |
//! | `step_above_usual` | a titration's step is larger than the ingredient's largest usual step |
//! | `titration_steps_too_close` | a titration steps up every fewer nights than the ingredient's shortest interval |
//! | `dose_above_pain_range` | a plan reaches a daily dose above its ingredient's usual maximum for pain |
//! | `taper_stops_abruptly` | a taper's last step before 0 is above the lowest practical step ([`lowest_practical_step`]) |
//! | `second_taper` | a taper starts while another medicine's taper is still running |

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::breakdown::smallest_measurable;
use crate::catalogue;
use crate::error::Result;
use crate::medication::Medication;
use crate::plan::{self, Horizon, Plan, PlanEvent, PlanKind};
use crate::units::Micrograms;
use crate::Companion;

/// Fewest nights between titration step-ups for a medicine with no table ("other"): doses
/// usually go up once a week (pain article).
pub const MIN_TITRATION_STEP_NIGHTS: u32 = 7;
/// A taper may end from this dose or lower without a warning: the smallest UK tablet.
pub const LOWEST_PRACTICAL_STEP: Micrograms = Micrograms::mg(10);

/// Which gate tripped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GateKind {
    /// Step-ups closer together than the ingredient's shortest usual interval.
    TitrationStepsTooClose,
    /// A titration starting above the usual start.
    StartAboveUsual,
    /// Titration steps larger than usual.
    StepAboveUsual,
    /// A daily dose above the usual pain range.
    DoseAbovePainRange,
    /// A taper ending from above the lowest practical step straight to 0.
    TaperStopsAbruptly,
    /// A second taper while one runs.
    SecondTaper,
}

impl GateKind {
    /// The stable snake_case code, also the catalogue key of its wording.
    pub fn code(self) -> &'static str {
        match self {
            GateKind::TitrationStepsTooClose => "titration_steps_too_close",
            GateKind::StartAboveUsual => "start_above_usual",
            GateKind::StepAboveUsual => "step_above_usual",
            GateKind::DoseAbovePainRange => "dose_above_pain_range",
            GateKind::TaperStopsAbruptly => "taper_stops_abruptly",
            GateKind::SecondTaper => "second_taper",
        }
    }
}

/// One warning a user must confirm before the plan is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanWarning {
    /// Which gate.
    pub kind: GateKind,
    /// The sentence shown; passing it back to `set_plan` confirms it.
    pub text: String,
    /// The fact the gate rests on.
    pub basis: String,
}

fn warning(kind: GateKind, vars: &[(&str, String)]) -> PlanWarning {
    let (text, basis) = match catalogue::entry(kind.code()) {
        Some(e) => (catalogue::render(e.text, vars), e.fact.to_string()),
        None => (kind.code().replace('_', " "), String::new()),
    };
    PlanWarning { kind, text, basis }
}

/// A dose gate's warning, explained with the ingredient's own fact on `topic` when it has one.
fn dose_warning(
    kind: GateKind,
    med: &Medication,
    topic: catalogue::Topic,
    vars: &[(&str, String)],
) -> PlanWarning {
    let mut vars = vars.to_vec();
    vars.push(("ingredient", med.ingredient.label().to_string()));
    let mut w = warning(kind, &vars);
    if let Some(f) = catalogue::ingredient_fact(med.ingredient, topic) {
        w.basis = f.fact.to_string();
    }
    w
}

/// The titration gates (not tapers): start, step and interval against the ingredient's table.
fn titration_warnings(med: &Medication, kind: &PlanKind, per_day: u32) -> Vec<PlanWarning> {
    let PlanKind::Titration {
        start,
        step,
        every_days,
        ..
    } = *kind
    else {
        return Vec::new();
    };
    let daily = |m: Micrograms| Micrograms(m.0.saturating_mul(per_day));
    let facts = med.ingredient.facts();
    let mut out = Vec::new();
    if let Some(f) = facts.filter(|f| daily(start) > f.highest_usual_start) {
        out.push(dose_warning(
            GateKind::StartAboveUsual,
            med,
            catalogue::Topic::DoseRange,
            &[
                ("dose", daily(start).to_string()),
                ("usual", f.usual_start.to_string()),
                ("highest", f.highest_usual_start.to_string()),
            ],
        ));
    }
    if let Some(f) = facts.filter(|f| daily(step) > f.largest_usual_step) {
        out.push(dose_warning(
            GateKind::StepAboveUsual,
            med,
            catalogue::Topic::Titration,
            &[
                ("step", daily(step).to_string()),
                ("usual", f.usual_step.to_string()),
                ("largest", f.largest_usual_step.to_string()),
            ],
        ));
    }
    let shortest = facts.map_or(MIN_TITRATION_STEP_NIGHTS, |f| f.shortest_step_days);
    if every_days < shortest {
        out.push(dose_warning(
            GateKind::TitrationStepsTooClose,
            med,
            catalogue::Topic::Titration,
            &[
                ("every", every_days.to_string()),
                ("shortest", shortest.to_string()),
            ],
        ));
    }
    out
}

/// The gate on the highest daily dose of any plan against the ingredient's usual maximum.
fn maximum_warnings(med: &Medication, kind: &PlanKind, per_day: u32) -> Vec<PlanWarning> {
    let highest = match *kind {
        PlanKind::Titration { target, .. } => target,
        PlanKind::Maintenance { dose } => dose,
        PlanKind::Taper { from, .. } => from,
    };
    let daily = Micrograms(highest.0.saturating_mul(per_day));
    med.ingredient
        .facts()
        .map(|f| f.usual_max)
        .filter(|max| daily > *max)
        .map(|max| {
            dose_warning(
                GateKind::DoseAbovePainRange,
                med,
                catalogue::Topic::DoseRange,
                &[("dose", daily.to_string()), ("limit", max.to_string())],
            )
        })
        .into_iter()
        .collect()
}

/// The lowest dose a taper of `med` can sensibly end from: [`LOWEST_PRACTICAL_STEP`], or the
/// smallest amount the user can measure when that is larger.
pub fn lowest_practical_step(med: &Medication) -> Micrograms {
    smallest_measurable(med)
        .unwrap_or(LOWEST_PRACTICAL_STEP)
        .max(LOWEST_PRACTICAL_STEP)
}

/// Every gate `kind` trips for `med` starting on `starts_on`, given all medicines, plans and
/// plan events already saved.
pub fn plan_warnings(
    med: &Medication,
    kind: &PlanKind,
    starts_on: NaiveDate,
    meds: &[Medication],
    plans: &[Plan],
    events: &[PlanEvent],
) -> Vec<PlanWarning> {
    let per_day = u32::try_from(med.slot.doses_per_day()).unwrap_or(u32::MAX);
    let mut out = titration_warnings(med, kind, per_day);
    out.extend(maximum_warnings(med, kind, per_day));
    if kind.is_taper() {
        let draft = Plan {
            id: Uuid::nil(),
            medication_id: med.id,
            version: 0,
            starts_on,
            kind: kind.clone(),
            created_at: DateTime::<Utc>::UNIX_EPOCH,
            confirmed_warnings: vec![],
        };
        let steps = plan::steps(&draft, med, &[], starts_on, Horizon::Confirmed);
        let last = steps
            .iter()
            .rev()
            .find(|s| !s.dose.is_zero())
            .map(|s| s.dose);
        let lowest = lowest_practical_step(med);
        if let Some(last) = last.filter(|l| *l > lowest) {
            out.push(warning(
                GateKind::TaperStopsAbruptly,
                &[("dose", last.to_string()), ("lowest", lowest.to_string())],
            ));
        }
        let others: Vec<&str> = meds
            .iter()
            .filter(|m| m.id != med.id)
            .filter(|m| taper_running(m, plans, events, starts_on))
            .map(|m| m.name.as_str())
            .collect();
        if !others.is_empty() {
            out.push(warning(
                GateKind::SecondTaper,
                &[("medications", others.join(" and "))],
            ));
        }
    }
    out
}

/// True when `med`'s plan on `night` is a taper that has not yet reached 0.
fn taper_running(med: &Medication, plans: &[Plan], events: &[PlanEvent], night: NaiveDate) -> bool {
    let mine: Vec<Plan> = plans
        .iter()
        .filter(|p| p.medication_id == med.id)
        .cloned()
        .collect();
    plan::plan_on(&mine, night).is_some_and(|p| p.kind.is_taper())
        && !plan::dose_on(&mine, med, events, night, night).is_zero()
}

impl Companion {
    /// The warnings saving `kind` for a medicine would ask the user to confirm, without saving
    /// anything: shells show them before the user commits.
    pub fn check_plan(
        &self,
        medication_id: Uuid,
        kind: &PlanKind,
        starts_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Vec<PlanWarning>> {
        kind.validate()?;
        let zone = self.zone_rules();
        self.with_store(|store| {
            let t = store.read();
            let meds = t.medications()?;
            let med = meds
                .iter()
                .find(|m| m.id == medication_id)
                .ok_or_else(|| crate::Error::not_found("that medication"))?;
            let settings = t.day_settings()?;
            let today = crate::schedule::current_day_for(&settings, zone.as_ref(), med, now);
            Ok(plan_warnings(
                med,
                kind,
                starts_on.unwrap_or(today),
                &meds,
                &t.plans()?,
                &t.plan_events()?,
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingredient::{self, Ingredient};
    use crate::medication::Slot;
    use crate::plan::TaperMethod;

    fn med(id: u128, name: &str, tablets: &[u32], liquids: &[u32]) -> Medication {
        Medication {
            id: Uuid::from_u128(id),
            name: name.into(),
            ingredient: ingredient::recognise(name).unwrap_or(Ingredient::Other),
            added_at: chrono::DateTime::UNIX_EPOCH,
            latest_after_bedtime_minutes: 120,
            tablets: tablets.iter().map(|&m| Micrograms::mg(m)).collect(),
            can_halve: false,
            liquids_per_5ml: liquids.iter().map(|&m| Micrograms::mg(m)).collect(),
            slot: Slot::Evening { lead_minutes: 90 },
        }
    }

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    fn kinds(w: &[PlanWarning]) -> Vec<GateKind> {
        w.iter().map(|w| w.kind).collect()
    }

    fn titration(every_days: u32, target: u32) -> PlanKind {
        PlanKind::Titration {
            start: Micrograms::mg(10),
            step: Micrograms::mg(10),
            every_days,
            target: Micrograms::mg(target),
        }
    }

    #[test]
    fn steps_as_close_as_the_shortest_interval_pass_and_closer_ones_need_confirmation() {
        // Amitriptyline: every 3 to 7 days is usual (BNF); every 2 days is not.
        let a = med(1, "Amitriptyline", &[10, 25], &[]);
        assert!(plan_warnings(&a, &titration(7, 50), d(1), &[], &[], &[]).is_empty());
        assert!(plan_warnings(&a, &titration(3, 50), d(1), &[], &[], &[]).is_empty());
        let w = plan_warnings(&a, &titration(2, 50), d(1), &[], &[], &[]);
        assert_eq!(kinds(&w), vec![GateKind::TitrationStepsTooClose]);
        assert!(
            w[0].text.contains("every 2 days") && w[0].text.contains("every 3 days"),
            "{}",
            w[0].text
        );
        assert!(w[0].basis.contains("amitriptyline"), "{}", w[0].basis);
        // Nortriptyline goes up about once a week at most.
        let n = med(2, "Nortriptyline", &[10, 25], &[]);
        assert_eq!(
            kinds(&plan_warnings(&n, &titration(5, 50), d(1), &[], &[], &[])),
            vec![GateKind::TitrationStepsTooClose]
        );
        // A medicine with no table falls back to weekly.
        let o = med(3, "Night pill", &[10], &[]);
        assert_eq!(
            kinds(&plan_warnings(&o, &titration(6, 50), d(1), &[], &[], &[])),
            vec![GateKind::TitrationStepsTooClose]
        );
        assert!(plan_warnings(&o, &titration(7, 500), d(1), &[], &[], &[]).is_empty());
    }

    #[test]
    fn a_start_or_step_above_the_top_of_the_usual_range_needs_confirmation() {
        let a = med(1, "Amitriptyline", &[10, 25, 50], &[]);
        let t = |start: u32, step: u32| PlanKind::Titration {
            start: Micrograms::mg(start),
            step: Micrograms::mg(step),
            every_days: 7,
            target: Micrograms::mg(75),
        };
        // 10 or 25 mg starts and steps are usual.
        assert!(plan_warnings(&a, &t(25, 25), d(1), &[], &[], &[]).is_empty());
        let w = plan_warnings(&a, &t(50, 25), d(1), &[], &[], &[]);
        assert_eq!(kinds(&w), vec![GateKind::StartAboveUsual]);
        assert!(w[0].text.contains("starts at 50 mg a day"), "{}", w[0].text);
        assert!(w[0].basis.contains("10 mg"), "{}", w[0].basis);
        let w = plan_warnings(&a, &t(10, 30), d(1), &[], &[], &[]);
        assert_eq!(kinds(&w), vec![GateKind::StepAboveUsual]);
        assert!(w[0].text.contains("30 mg a day"), "{}", w[0].text);
        // Three doses a day count three times: gabapentin 200 mg three times a day is 600 mg.
        let mut g = med(2, "Gabapentin", &[100, 300], &[]);
        g.slot = Slot::Times {
            times: ["08:00", "14:00", "22:00"]
                .iter()
                .map(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").unwrap())
                .collect(),
        };
        let w = plan_warnings(
            &g,
            &PlanKind::Titration {
                start: Micrograms::mg(200),
                step: Micrograms::mg(100),
                every_days: 3,
                target: Micrograms::mg(600),
            },
            d(1),
            &[],
            &[],
            &[],
        );
        assert_eq!(kinds(&w), vec![GateKind::StartAboveUsual]);
        assert!(w[0].basis.contains("gabapentin"), "{}", w[0].basis);
    }

    #[test]
    fn seventy_five_mg_is_the_edge_of_the_pain_range() {
        let a = med(1, "Amitriptyline", &[10, 25], &[]);
        assert!(plan_warnings(&a, &titration(7, 75), d(1), &[], &[], &[]).is_empty());
        let w = plan_warnings(
            &a,
            &PlanKind::Maintenance {
                dose: Micrograms::mg(85),
            },
            d(1),
            &[],
            &[],
            &[],
        );
        assert_eq!(kinds(&w), vec![GateKind::DoseAbovePainRange]);
        assert!(w[0].text.contains("85 mg a day"), "{}", w[0].text);
        assert!(!w[0].basis.contains("25–75"), "{}", w[0].basis);
        assert!(w[0].basis.contains("10 to 20 mg"), "{}", w[0].basis);
        // Other medicines have other ranges: gabapentin at 300 mg is not flagged.
        let g = med(2, "Gabapentin", &[100, 300], &[]);
        assert!(plan_warnings(
            &g,
            &PlanKind::Maintenance {
                dose: Micrograms::mg(300)
            },
            d(1),
            &[],
            &[],
            &[]
        )
        .is_empty());
    }

    #[test]
    fn the_daily_dose_counts_every_dose_of_the_day() {
        let mut a = med(1, "Amitriptyline", &[10, 25], &[]);
        a.slot = Slot::Times {
            times: vec![
                chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
                chrono::NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
            ],
        };
        let w = plan_warnings(
            &a,
            &PlanKind::Maintenance {
                dose: Micrograms::mg(40),
            },
            d(1),
            &[],
            &[],
            &[],
        );
        assert_eq!(kinds(&w), vec![GateKind::DoseAbovePainRange]);
    }

    #[test]
    fn a_taper_ending_from_above_the_lowest_practical_step_needs_confirmation() {
        let a = med(1, "Amitriptyline", &[10, 25], &[]);
        let taper = |step: u32| PlanKind::Taper {
            from: Micrograms::mg(50),
            method: TaperMethod::Linear {
                step: Micrograms::mg(step),
            },
            every_days: 14,
        };
        // 50 → 40 → … → 10 → 0: ends from 10 mg, the lowest practical step.
        assert!(plan_warnings(&a, &taper(10), d(1), &[], &[], &[]).is_empty());
        // 50 → 25 → 0: stops from 25 mg although 10 mg tablets are held.
        let w = plan_warnings(&a, &taper(25), d(1), &[], &[], &[]);
        assert_eq!(kinds(&w), vec![GateKind::TaperStopsAbruptly]);
        assert!(
            w[0].text.contains("25 mg straight to nothing") && w[0].text.contains("10 mg"),
            "{}",
            w[0].text
        );
        // Holding only 25 mg tablets, 25 mg is the lowest practical step.
        let only25 = med(1, "Amitriptyline", &[25], &[]);
        assert!(plan_warnings(&only25, &taper(25), d(1), &[], &[], &[]).is_empty());
    }

    #[test]
    fn a_second_taper_while_one_runs_needs_confirmation_but_not_after_it_ended() {
        let a = med(1, "Amitriptyline", &[10], &[]);
        let g = med(2, "Gabapentin", &[100], &[]);
        let running = Plan {
            id: Uuid::from_u128(9),
            medication_id: g.id,
            version: 1,
            starts_on: d(1),
            kind: PlanKind::Taper {
                from: Micrograms::mg(300),
                method: TaperMethod::Linear {
                    step: Micrograms::mg(100),
                },
                every_days: 7,
            },
            created_at: DateTime::UNIX_EPOCH,
            confirmed_warnings: vec![],
        };
        let meds = vec![a.clone(), g.clone()];
        let taper = PlanKind::Taper {
            from: Micrograms::mg(20),
            method: TaperMethod::Linear {
                step: Micrograms::mg(10),
            },
            every_days: 14,
        };
        // Gabapentin: 300 from 1 Mar, 200 from 8, 100 from 15, 0 from 22 March.
        let w = plan_warnings(
            &a,
            &taper,
            d(21),
            &meds,
            std::slice::from_ref(&running),
            &[],
        );
        assert_eq!(kinds(&w), vec![GateKind::SecondTaper]);
        assert!(
            w[0].text.starts_with("Gabapentin is already tapering"),
            "{}",
            w[0].text
        );
        assert!(plan_warnings(
            &a,
            &taper,
            d(22),
            &meds,
            std::slice::from_ref(&running),
            &[]
        )
        .is_empty());
    }
}
