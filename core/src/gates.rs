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
//! | `dose_above_pain_range` | a plan reaches a daily dose above its ingredient's usual maximum for pain ([`crate::ingredient`]) |
//! | `taper_stops_abruptly` | a taper goes to 0 from above its ingredient's small final dose ([`crate::taper::final_dose`]) while smaller doses are measurable with what the user holds; without a dose table, from above the smallest measurable dose |
//! | `taper_final_dose_out_of_reach` | what the user holds cannot measure the small final dose (the plan shows what the oral solution or half tablets would give) |
//! | `taper_cuts_more_than_asked` | steps cut more than the plan asks beyond [`crate::taper::CUT_TOLERANCE_PERCENT`] (named) |
//! | `taper_cut_too_large` | a step takes more than [`MAX_TAPER_CUT_SHARE_PERCENT`] of the dose at once (named) |
//! | `taper_starts_above_current` | a taper started from a dose above tonight's (its first nights would be a rise) |
//! | `taper_too_fast` | a taper reaches 0 in fewer nights than its ingredient is usually stopped over ([`crate::ingredient`]) |
//! | `second_taper` | a taper starts while another medicine's taper is still running |

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::breakdown::smallest_measurable;
use crate::catalogue;
use crate::error::Result;
use crate::medication::Medication;
use crate::plan::{self, Horizon, Plan, PlanEvent, PlanKind};
use crate::taper;
use crate::units::Micrograms;
use crate::Companion;

/// Fewest nights between titration step-ups for a medicine with no table ("other"): doses
/// usually go up once a week (pain article).
pub const MIN_TITRATION_STEP_NIGHTS: u32 = 7;
/// Largest share of the dose one taper step may take without a warning, in percent: NICE NG222
/// 1.4.17 gives half the dose before as its example of a step, and smaller shares lower down.
pub const MAX_TAPER_CUT_SHARE_PERCENT: u32 = 50;

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
    /// A taper going to 0 from above the ingredient's small final dose (or, for a medicine
    /// without a dose table, from above the smallest dose the user can measure).
    TaperStopsAbruptly,
    /// A second taper while one runs.
    SecondTaper,
    /// Taper steps that cut more than the plan asks (beyond the rounding tolerance).
    TaperCutsMoreThanAsked,
    /// What the user holds cannot measure the ingredient's small final dose.
    TaperFinalDoseOutOfReach,
    /// A taper reaching 0 sooner than the ingredient is usually stopped over.
    TaperTooFast,
    /// A taper step taking more than [`MAX_TAPER_CUT_SHARE_PERCENT`] of the dose at once.
    TaperCutTooLarge,
    /// A taper starting above tonight's dose: its first nights would be a rise.
    TaperStartsAboveCurrent,
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
            GateKind::TaperCutsMoreThanAsked => "taper_cuts_more_than_asked",
            GateKind::TaperFinalDoseOutOfReach => "taper_final_dose_out_of_reach",
            GateKind::TaperTooFast => "taper_too_fast",
            GateKind::TaperCutTooLarge => "taper_cut_too_large",
            GateKind::TaperStartsAboveCurrent => "taper_starts_above_current",
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
    worded(kind, kind.code(), vars)
}

/// A warning of `kind` in the words of catalogue entry `key` (a gate may have more than one
/// wording, e.g. with and without an ingredient's dose table).
fn worded(kind: GateKind, key: &str, vars: &[(&str, String)]) -> PlanWarning {
    let (text, basis) = match catalogue::entry(key) {
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
        out.extend(taper_warnings(med, kind, starts_on));
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

// ----- taper gates -----

/// The warning for a taper from `from`, above tonight's `current` dose: its first nights would
/// be a rise.
pub fn taper_starts_above_current(from: Micrograms, current: Micrograms) -> Option<PlanWarning> {
    (from > current && !current.is_zero()).then(|| {
        warning(
            GateKind::TaperStartsAboveCurrent,
            &[("from", from.to_string()), ("current", current.to_string())],
        )
    })
}

/// The taper gates for saving `kind` (a taper) for `med` from `starts_on`.
///
/// - `taper_stops_abruptly`: the last dose before 0 is above the ingredient's small final dose
///   (a quarter of its usual start, [`crate::taper::final_dose`]) and above what the user can
///   measure — the plan itself ends high; for a medicine without a dose table, above the
///   smallest dose the user can measure.
/// - `taper_final_dose_out_of_reach`: what the user holds cannot measure that final dose; the
///   plan view shows what the forms they do not hold would give ([`crate::taper::other_forms`]).
/// - `taper_cuts_more_than_asked`: steps that cut more than asked beyond the tolerance
///   ([`crate::taper::CUT_TOLERANCE_PERCENT`]), named.
/// - `taper_cut_too_large`: steps taking more than [`MAX_TAPER_CUT_SHARE_PERCENT`] of the dose.
/// - `taper_too_fast`: 0 is reached in fewer nights than the ingredient is usually stopped over.
fn taper_warnings(med: &Medication, kind: &PlanKind, starts_on: NaiveDate) -> Vec<PlanWarning> {
    let PlanKind::Taper { ref method, .. } = *kind else {
        return vec![];
    };
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
    let cuts = taper::cuts(method, &steps);
    let facts = med.ingredient.facts();
    let ingredient = med.ingredient.code().to_string();
    let holding = taper::held(med);
    let smallest = smallest_measurable(med);
    let smallest_text = smallest.map(|s| s.to_string()).unwrap_or_default();
    let mut out = Vec::new();

    let last = steps
        .iter()
        .rev()
        .find(|s| !s.dose.is_zero())
        .map(|s| s.dose);
    let ends = steps.last().is_some_and(|s| s.dose.is_zero());
    if let (Some(last), true) = (last, ends) {
        let above_measurable = smallest.is_some_and(|s| last > s);
        match taper::final_dose(med) {
            Some(fin) if last > fin && above_measurable => out.push(worded(
                GateKind::TaperStopsAbruptly,
                "taper_stops_abruptly",
                &[
                    ("dose", last.to_string()),
                    ("ingredient", ingredient.clone()),
                    ("final", fin.to_string()),
                    ("holding", holding.clone()),
                    ("smallest", smallest_text.clone()),
                ],
            )),
            None if above_measurable => out.push(worded(
                GateKind::TaperStopsAbruptly,
                "taper_stops_abruptly_without_table",
                &[
                    ("dose", last.to_string()),
                    ("holding", holding.clone()),
                    ("smallest", smallest_text.clone()),
                ],
            )),
            _ => {}
        }
    }
    if let (true, Some(fin)) = (taper::cannot_reach_final_dose(med), taper::final_dose(med)) {
        let forms = taper::other_forms(med);
        let vars = [
            ("holding", holding.clone()),
            ("smallest", smallest_text.clone()),
            ("final", fin.to_string()),
            ("ingredient", ingredient.clone()),
            ("forms", forms_phrase(&forms)),
        ];
        let key = if forms.is_empty() {
            "taper_final_dose_out_of_reach_no_other_form"
        } else {
            "taper_final_dose_out_of_reach"
        };
        out.push(worded(GateKind::TaperFinalDoseOutOfReach, key, &vars));
    }

    // Steps named in a warning: "Steps 5, 6, 7 and 8 cut …" (14.3%, 16.7%, 20% and 50%).
    let named = |keep: &dyn Fn(&taper::Cut) -> bool| -> Option<(String, bool, String)> {
        let picked: Vec<(usize, &taper::Cut)> = cuts
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.as_ref().filter(|c| keep(c)).map(|c| (i + 1, c)))
            .collect();
        if picked.is_empty() {
            return None;
        }
        let (steps_text, many) = numbered(picked.iter().map(|(n, _)| *n));
        let words = list(picked.iter().map(|(_, c)| cut_words(method, c)));
        Some((steps_text, many, words))
    };
    if let Some((steps_text, many, cuts_text)) = named(&|c| c.more_than_asked) {
        out.push(warning(
            GateKind::TaperCutsMoreThanAsked,
            &[
                ("steps", steps_text),
                ("cut", if many { "cut" } else { "cuts" }.to_string()),
                ("asked", taper::asked_text(method)),
                ("cuts", cuts_text),
                ("holding", holding.clone()),
            ],
        ));
    }
    let too_large = |c: &taper::Cut| !c.is_end && c.share_bp > MAX_TAPER_CUT_SHARE_PERCENT * 100;
    if let Some((steps_text, many, cuts_text)) = named(&too_large) {
        out.push(warning(
            GateKind::TaperCutTooLarge,
            &[
                ("steps", steps_text),
                ("cut", if many { "cut" } else { "cuts" }.to_string()),
                ("cuts", cuts_text),
                ("share", MAX_TAPER_CUT_SHARE_PERCENT.to_string()),
            ],
        ));
    }

    if let (Some(f), Some((_, nights))) = (facts, taper::end_of(&steps, starts_on)) {
        if nights < f.shortest_stop_days {
            out.push(warning(
                GateKind::TaperTooFast,
                &[
                    ("length", taper::length_text(nights)),
                    ("ingredient", ingredient.clone()),
                    ("usual", taper::length_text(f.shortest_stop_days)),
                ],
            ));
        }
    }
    out
}

/// A cut in the terms the plan asked in: "14.3%" for a proportional taper, "10 mg" for a linear one.
fn cut_words(method: &crate::plan::TaperMethod, cut: &taper::Cut) -> String {
    match method {
        crate::plan::TaperMethod::Proportional { .. } => taper::share_text(cut.share_bp),
        crate::plan::TaperMethod::Linear { .. } => cut.amount.to_string(),
    }
}

/// "Step 8" / "Steps 5, 6, 7 and 8", and whether there are several (for the verb).
fn numbered(steps: impl Iterator<Item = usize>) -> (String, bool) {
    let numbers: Vec<String> = steps.map(|n| n.to_string()).collect();
    let many = numbers.len() > 1;
    let word = if many { "Steps" } else { "Step" };
    (format!("{word} {}", list(numbers)), many)
}

/// "a", "a and b", "a, b and c".
fn list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// "a 10 mg/5 ml oral solution or half tablets": the forms a taper could use, for sentences.
fn forms_phrase(forms: &[taper::OtherForm]) -> String {
    let words: Vec<String> = forms.iter().map(taper::OtherForm::phrase).collect();
    match words.split_last() {
        None => "another form of this medicine".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
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

    fn linear(from: u32, step: u32, every_days: u32) -> PlanKind {
        PlanKind::Taper {
            from: Micrograms::mg(from),
            method: TaperMethod::Linear {
                step: Micrograms::mg(step),
            },
            every_days,
        }
    }

    fn taper_kinds(m: &Medication, kind: &PlanKind) -> Vec<GateKind> {
        kinds(&plan_warnings(m, kind, d(1), &[], &[], &[]))
    }

    #[test]
    fn a_taper_ending_above_the_small_final_dose_says_what_can_be_measured() {
        // With the solution 50 → 40 → … → 10 → 0 ends from 10 mg although 1 mg is measurable.
        let with_solution = med(1, "Amitriptyline", &[10, 25], &[10]);
        let w = plan_warnings(&with_solution, &linear(50, 10, 14), d(1), &[], &[], &[]);
        assert_eq!(kinds(&w), vec![GateKind::TaperStopsAbruptly]);
        assert!(
            w[0].text.contains("from 10 mg straight to nothing")
                && w[0].text.contains("2.5 mg or less")
                && w[0].text.contains("down to 1 mg"),
            "{}",
            w[0].text
        );
        // Tablets alone cannot go below 10 mg: the plan is not at fault, what is held is, and
        // the warning names the forms that would reach further.
        let tablets = med(1, "Amitriptyline", &[10, 25], &[]);
        let w = plan_warnings(&tablets, &linear(50, 10, 14), d(1), &[], &[], &[]);
        assert_eq!(kinds(&w), vec![GateKind::TaperFinalDoseOutOfReach]);
        assert!(
            w[0].text
                .contains("a 10 mg/5 ml oral solution or half tablets"),
            "{}",
            w[0].text
        );
        // 50 → 25 → 0 with 10 mg tablets held: both.
        assert_eq!(
            taper_kinds(&tablets, &linear(50, 25, 14)),
            vec![
                GateKind::TaperStopsAbruptly,
                GateKind::TaperFinalDoseOutOfReach
            ]
        );
        // A medicine without a dose table is judged by what the user can measure.
        let other = med(1, "Sertraline", &[10, 25], &[]);
        let w = plan_warnings(&other, &linear(50, 25, 14), d(1), &[], &[], &[]);
        assert_eq!(kinds(&w), vec![GateKind::TaperStopsAbruptly]);
        assert!(w[0].text.contains("down to 10 mg"), "{}", w[0].text);
        assert!(taper_kinds(&other, &linear(50, 10, 14)).is_empty());
    }

    #[test]
    fn a_taper_too_fast_or_with_steps_over_half_the_dose_needs_confirmation() {
        let a = med(1, "Amitriptyline", &[10, 25], &[10]);
        // 50 mg to nothing in five nights.
        let w = plan_warnings(&a, &linear(50, 10, 1), d(1), &[], &[], &[]);
        assert!(kinds(&w).contains(&GateKind::TaperTooFast), "{w:?}");
        let fast = w.iter().find(|w| w.kind == GateKind::TaperTooFast).unwrap();
        assert!(
            fast.text.contains("in 5 nights") && fast.text.contains("4 weeks"),
            "{}",
            fast.text
        );
        // Four weeks is the usual shortest: 28 nights pass.
        assert!(!taper_kinds(
            &a,
            &PlanKind::Taper {
                from: Micrograms::mg(2),
                method: TaperMethod::Linear {
                    step: Micrograms::mg(1)
                },
                every_days: 14,
            }
        )
        .contains(&GateKind::TaperTooFast));
        // 50 → 20 takes 60% at once.
        let w = plan_warnings(&a, &linear(50, 30, 14), d(1), &[], &[], &[]);
        let large = w
            .iter()
            .find(|w| w.kind == GateKind::TaperCutTooLarge)
            .unwrap();
        assert!(
            large
                .text
                .starts_with("Step 2 cuts more than 50% of the dose at once (30 mg)"),
            "{}",
            large.text
        );
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
        assert!(kinds(&w).contains(&GateKind::SecondTaper), "{w:?}");
        let w: Vec<PlanWarning> = w
            .into_iter()
            .filter(|w| w.kind == GateKind::SecondTaper)
            .collect();
        assert!(
            w[0].text.starts_with("Gabapentin is already tapering"),
            "{}",
            w[0].text
        );
        assert!(!kinds(&plan_warnings(
            &a,
            &taper,
            d(22),
            &meds,
            std::slice::from_ref(&running),
            &[]
        ))
        .contains(&GateKind::SecondTaper));
    }
}
