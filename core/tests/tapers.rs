//! Issue #18: tapers that keep their promise. One scenario per failure a new user met, each
//! reproduced first (these tests failed before the fix) and then held:
//! steps never cut more than the plan asks without a warning naming them, ties round toward the
//! smaller cut, the stop gate knows what the user can measure, whole tablets carry the steps
//! they can, half tablets only when needed, and the log keeps what was measured.

mod common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use eventide_core::breakdown::breakdown;
use eventide_core::doselog::DoseAction;
use eventide_core::gates::GateKind;
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{Medication, NewMedication, Slot};
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::report::{ReportFormat, ReportRequest};
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Error};

fn utc(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// A companion holding amitriptyline as `tablets` (mg), halvable or not, and `liquids` (mg/5 ml).
fn holding(tablets: &[f64], can_halve: bool, liquids: &[f64]) -> (Companion, Medication) {
    let app = Companion::in_memory(common::zone("Europe/London")).unwrap();
    let med = app
        .add_medication(
            NewMedication {
                name: "Amitriptyline".into(),
                ingredient: Some(Ingredient::Amitriptyline),
                tablet_mg: tablets.to_vec(),
                can_halve,
                liquid_mg_per_5ml: liquids.to_vec(),
                slot: Slot::Evening { lead_minutes: 90 },
            },
            utc(6, 1, 9),
        )
        .unwrap();
    (app, med)
}

fn proportional(from_mg: u32, percent: u32) -> PlanKind {
    PlanKind::Taper {
        from: Micrograms::mg(from_mg),
        method: TaperMethod::Proportional { percent },
        every_days: 14,
    }
}

fn linear(from: Micrograms, step: Micrograms) -> PlanKind {
    PlanKind::Taper {
        from,
        method: TaperMethod::Linear { step },
        every_days: 14,
    }
}

fn ug(mg: f64) -> Micrograms {
    Micrograms::from_mg("test", mg).unwrap()
}

/// Saves `kind` confirming whatever it asks, and returns its doses in µg, step by step.
fn saved_doses(app: &Companion, med: &Medication, kind: PlanKind) -> Vec<u32> {
    let warnings: Vec<String> = app
        .check_plan(med.id, &kind, Some(day(6, 1)), utc(6, 1, 12))
        .unwrap()
        .into_iter()
        .map(|w| w.text)
        .collect();
    let view = app
        .set_plan(med.id, kind, Some(day(6, 1)), &warnings, utc(6, 1, 12))
        .unwrap();
    view.steps.iter().map(|s| s.dose.0).collect()
}

fn mg(doses: &[u32]) -> Vec<f64> {
    doses.iter().map(|&d| f64::from(d) / 1000.0).collect()
}

// ----- 1. 50 mg at −10% with 10 and 25 mg tablets -----

#[test]
fn big_last_cuts_are_never_saved_silently_and_the_warning_names_them() {
    let (app, med) = holding(&[10.0, 25.0], false, &[]);
    let err = app
        .set_plan(
            med.id,
            proportional(50, 10),
            Some(day(6, 1)),
            &[],
            utc(6, 1, 12),
        )
        .unwrap_err();
    let Error::NeedsConfirmation { warnings } = err else {
        panic!("saved without a warning: {err}");
    };
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("Steps 5, 6, 7 and 8") && w.contains("10%")),
        "{warnings:?}"
    );
    assert_eq!(app.plan_history(med.id).unwrap().len(), 0, "nothing saved");
    // Confirmed, the schedule is the one the warning described: the cuts the tablets allow.
    assert_eq!(
        mg(&saved_doses(&app, &med, proportional(50, 10))),
        [50.0, 45.0, 40.0, 35.0, 30.0, 25.0, 20.0, 10.0, 0.0]
    );
}

#[test]
fn five_percent_is_not_ten_percent() {
    // Tablets alone cannot cut 5%: every such step is named, none is silent.
    let (app, med) = holding(&[10.0, 25.0], false, &[]);
    let warnings = app
        .check_plan(med.id, &proportional(50, 5), Some(day(6, 1)), utc(6, 1, 12))
        .unwrap();
    let cuts = warnings
        .iter()
        .find(|w| w.kind == GateKind::TaperCutsMoreThanAsked)
        .unwrap_or_else(|| panic!("{warnings:?}"));
    assert!(cuts.text.contains("Steps 2, 3,"), "{}", cuts.text);
    // With the solution the 5% plan is its own plan: smaller cuts than the 10% one.
    let (app, med) = holding(&[10.0, 25.0], false, &[10.0]);
    let five = saved_doses(&app, &med, proportional(50, 5));
    let (app, med) = holding(&[10.0, 25.0], false, &[10.0]);
    let ten = saved_doses(&app, &med, proportional(50, 10));
    assert!(five.len() > ten.len() + 10, "{five:?} vs {ten:?}");
    let second = five[1];
    assert!((47_000..=48_000).contains(&second), "{:?}", mg(&five));
}

#[test]
fn a_step_of_seven_and_a_half_means_seven_and_a_half() {
    // Where halves make it, the step is exact.
    let (app, med) = holding(&[10.0, 25.0], true, &[]);
    assert_eq!(
        mg(&saved_doses(&app, &med, linear(ug(50.0), ug(7.5)))),
        [50.0, 42.5, 35.0, 27.5, 20.0, 12.5, 5.0, 0.0]
    );
    // With whole 10 and 25 mg tablets only, no step silently cuts 10 mg instead of 7.5:
    // each rounds toward the smaller cut (5 mg) until only a bigger one is left.
    let (app, med) = holding(&[10.0, 25.0], false, &[]);
    let doses = saved_doses(&app, &med, linear(ug(50.0), ug(7.5)));
    assert_eq!(
        mg(&doses),
        [50.0, 45.0, 40.0, 35.0, 30.0, 25.0, 20.0, 10.0, 0.0]
    );
    let warnings = app
        .check_plan(
            med.id,
            &linear(ug(50.0), ug(7.5)),
            Some(day(6, 1)),
            utc(6, 1, 12),
        )
        .unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.kind == GateKind::TaperCutsMoreThanAsked && w.text.contains("Step 8 ")),
        "{warnings:?}"
    );
}

// ----- 2. Ties broke toward the bigger cut -----

#[test]
fn ties_round_toward_the_smaller_cut() {
    // 75 mg by 10 mg: the 15 mg target is as near 20 mg as 10 mg; 20 mg is the smaller cut.
    let (app, med) = holding(&[10.0, 25.0], false, &[]);
    assert_eq!(
        mg(&saved_doses(&app, &med, linear(ug(75.0), ug(10.0)))),
        [75.0, 65.0, 55.0, 45.0, 35.0, 25.0, 20.0, 10.0, 0.0]
    );
    // With halves: from 12.5 mg (half a 25 mg tablet) by 5 mg, 7.5 mg is as near 10 mg as 5 mg.
    let (app, med) = holding(&[10.0, 25.0], true, &[]);
    assert_eq!(
        mg(&saved_doses(&app, &med, linear(ug(12.5), ug(5.0)))),
        [12.5, 10.0, 5.0, 0.0]
    );
}

// ----- 3. The stop gate never fired for 10 → 0 -----

#[test]
fn ending_from_ten_mg_needs_confirmation_and_says_what_can_be_measured() {
    let (app, med) = holding(&[10.0, 25.0], false, &[10.0]);
    let warnings = app
        .check_plan(
            med.id,
            &linear(ug(50.0), ug(10.0)),
            Some(day(6, 1)),
            utc(6, 1, 12),
        )
        .unwrap();
    let stop = warnings
        .iter()
        .find(|w| w.kind == GateKind::TaperStopsAbruptly)
        .unwrap_or_else(|| panic!("no stop warning: {warnings:?}"));
    assert!(stop.text.contains("from 10 mg"), "{}", stop.text);
    assert!(stop.text.contains("2.5 mg"), "{}", stop.text);
    assert!(stop.text.contains("down to 1 mg"), "{}", stop.text);
}

// ----- 4. With the solution: whole tablets where they do -----

#[test]
fn with_the_solution_whole_tablets_carry_the_steps_they_can() {
    let (app, med) = holding(&[10.0, 25.0], false, &[10.0]);
    let doses = saved_doses(&app, &med, proportional(50, 10));
    assert_eq!(
        mg(&doses[..4]),
        [50.0, 45.0, 40.0, 35.0],
        "{:?}",
        mg(&doses)
    );
    let view = app.plan_view(med.id, utc(6, 1, 12)).unwrap();
    for step in &view.steps[..4] {
        assert!(!step.take.contains("ml"), "{}: {}", step.dose, step.take);
    }
    // It still comes right down before it ends: the last dose is at most 2.5 mg.
    let last = doses.iter().rev().find(|d| **d > 0).copied().unwrap();
    assert!(last <= 2_500, "{:?}", mg(&doses));
}

// ----- 5. --can-halve split tablets whole ones could make -----

#[test]
fn halves_only_when_whole_tablets_cannot_make_the_dose() {
    let (_app, med) = holding(&[10.0, 25.0], true, &[]);
    assert_eq!(breakdown(&med, ug(30.0)).unwrap().to_string(), "3 × 10 mg");
    assert_eq!(
        breakdown(&med, ug(35.0)).unwrap().to_string(),
        "1 × 25 mg + 1 × 10 mg"
    );
    assert_eq!(breakdown(&med, ug(15.0)).unwrap().to_string(), "1½ × 10 mg");
}

// ----- 6. The log kept the planned amount, not the measured one -----

#[test]
fn what_is_logged_is_what_was_measured() {
    let (app, med) = holding(&[], false, &[50.0]);
    app.set_plan(
        med.id,
        PlanKind::Maintenance { dose: ug(4.5) },
        Some(day(6, 1)),
        &[],
        utc(6, 1, 12),
    )
    .unwrap();
    app.take(med.id, Some(day(6, 1)), None, utc(6, 1, 21))
        .unwrap();
    let log = app.dose_events(day(6, 1), day(6, 1)).unwrap();
    assert!(
        matches!(log[0].action, DoseAction::Taken { amount, .. } if amount == ug(5.0)),
        "{:?}",
        log[0].action
    );
    let request = ReportRequest::default();
    let csv = String::from_utf8(
        app.export_report(ReportFormat::Csv, &request, utc(6, 2, 12))
            .unwrap(),
    )
    .unwrap();
    let row = csv.lines().find(|l| l.contains("dose_taken")).unwrap();
    assert!(row.contains(",4.5,5,"), "planned 4.5, measured 5: {row}");
    let fhir = String::from_utf8(
        app.export_report(ReportFormat::Fhir, &request, utc(6, 2, 12))
            .unwrap(),
    )
    .unwrap();
    assert!(fhir.contains("\"dose\":{\"value\":5,"), "{fhir}");
    assert!(fhir.contains("planned 4.5 mg"), "{fhir}");
}

// ----- The whole story: cuts, end, length, other forms — on screen and in the report -----

#[test]
fn the_plan_tells_its_whole_story() {
    let (app, med) = holding(&[10.0, 25.0], false, &[]);
    // Before saving: the preview shows the schedule, what the solution or half tablets would
    // give, and the warnings to confirm; nothing is saved.
    let preview = app
        .preview_plan(med.id, proportional(50, 10), Some(day(6, 1)), utc(6, 1, 12))
        .unwrap();
    assert!(app.plan_history(med.id).unwrap().is_empty());
    assert_eq!(
        preview.warnings.iter().map(|w| w.kind).collect::<Vec<_>>(),
        [
            GateKind::TaperFinalDoseOutOfReach,
            GateKind::TaperCutsMoreThanAsked
        ]
    );
    let plan = &preview.plan;
    assert_eq!(plan.steps[1].change, "−5 mg (−10%)");
    assert_eq!(
        plan.steps[7].change,
        "−10 mg (−50%), more than the 10% asked"
    );
    assert!(plan.steps[7].more_than_asked && !plan.steps[3].more_than_asked);
    assert_eq!(plan.ends_on, Some(day(9, 21)));
    assert_eq!(plan.length_nights, Some(112));
    assert_eq!(
        plan.end_line,
        "Ends on Mon 21 Sep 2026: 16 weeks (about 4 months) in all."
    );
    assert!(plan
        .rounding_note
        .contains("up to 12.5% where 10% is asked"));
    let labels: Vec<&str> = plan.other_forms.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "With 10 mg/5 ml oral solution as well",
            "Splitting tablets in half"
        ]
    );
    let solution = &plan.other_forms[0];
    assert!(solution.steps.iter().all(|s| !s.more_than_asked));
    assert!(
        solution
            .summary
            .starts_with("Comes down to 2.4 mg before the end, on Mon 26 Jul 2027"),
        "{}",
        solution.summary
    );
    // Saved with its warnings confirmed, the plan keeps them and still shows the other forms.
    let texts: Vec<String> = preview.warnings.iter().map(|w| w.text.clone()).collect();
    let saved = app
        .set_plan(
            med.id,
            proportional(50, 10),
            Some(day(6, 1)),
            &texts,
            utc(6, 1, 12),
        )
        .unwrap();
    assert_eq!(saved.confirmed_warnings, texts);
    assert_eq!(saved.other_forms, plan.other_forms);
    // The report tells the same story.
    let html = String::from_utf8(
        app.export_report(ReportFormat::Html, &ReportRequest::default(), utc(6, 2, 12))
            .unwrap(),
    )
    .unwrap();
    assert!(html.contains("Ends on Mon 21 Sep 2026: 16 weeks (about 4 months) in all."));
    assert!(html.contains("−10 mg (−50%) (more than asked)"), "{html}");
}

// ----- 7. The promise, over random plans -----

mod promise {
    use chrono::{DateTime, NaiveDate};
    use eventide_core::breakdown::{breakdown, measurable_around};
    use eventide_core::gates::{plan_warnings, GateKind};
    use eventide_core::ingredient::Ingredient;
    use eventide_core::medication::{Medication, Slot};
    use eventide_core::plan::{check_taper_ends, steps, Horizon, Plan, PlanKind, TaperMethod};
    use eventide_core::taper::CUT_TOLERANCE_PERCENT;
    use eventide_core::units::Micrograms;
    use proptest::prelude::*;
    use uuid::Uuid;

    /// The step numbers a "Step 8 cuts…" / "Steps 5, 6 and 8 cut…" warning names.
    fn named_steps(text: &str) -> Vec<usize> {
        let head = text.split(" cut").next().unwrap_or_default();
        head.trim_start_matches("Steps ")
            .trim_start_matches("Step ")
            .split([',', ' '])
            .filter_map(|w| w.parse().ok())
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(160))]

        /// For random starting doses, strengths (with and without halves and solution) and
        /// percentages or steps: no step cuts more than asked, beyond the tolerance, unless a
        /// warning to confirm names it; proportional steps never take a bigger share than asked
        /// as the dose falls (the bottom steps included) without one; the taper goes to 0 only
        /// from the small final dose or with a warning; it always ends (or is refused); and every
        /// step is exactly measurable with what is held.
        #[test]
        fn no_step_breaks_the_promise_unconfirmed(
            tablets in prop::sample::subsequence(vec![10u32, 25, 50], 0..=3),
            can_halve in any::<bool>(),
            liquids in prop::sample::subsequence(vec![10u32, 25], 0..=2),
            units in 1u32..=6,
            linear in any::<bool>(),
            step_tenths in 5u32..=200,
            percent in 5u32..=50,
        ) {
            prop_assume!(!tablets.is_empty() || !liquids.is_empty());
            let m = Medication {
                id: Uuid::from_u128(1),
                name: "Amitriptyline".into(),
                ingredient: Ingredient::Amitriptyline,
                added_at: DateTime::UNIX_EPOCH,
                latest_after_bedtime_minutes: 120,
                tablets: tablets.iter().map(|&t| Micrograms::mg(t)).collect(),
                can_halve,
                liquids_per_5ml: liquids.iter().map(|&l| Micrograms::mg(l)).collect(),
                slot: Slot::Evening { lead_minutes: 90 },
            };
            // A starting dose made of what is held: whole tablets, or 2.5 ml portions.
            let from = match tablets.first() {
                Some(t) => Micrograms::mg(t * units),
                None => Micrograms(liquids[0] * 1000 / 2 * units),
            };
            let method = if linear {
                TaperMethod::Linear { step: Micrograms(step_tenths * 100) }
            } else {
                TaperMethod::Proportional { percent }
            };
            let starts_on = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
            let kind = PlanKind::Taper { from, method: method.clone(), every_days: 14 };
            let plan = Plan {
                id: Uuid::from_u128(2),
                medication_id: m.id,
                version: 1,
                starts_on,
                kind: kind.clone(),
                created_at: DateTime::UNIX_EPOCH,
                confirmed_warnings: vec![],
            };
            prop_assume!(kind.validate().is_ok());
            let s = steps(&plan, &m, &[], starts_on, Horizon::Confirmed);
            let doses: Vec<u32> = s.iter().map(|s| s.dose.0).collect();
            // It always ends, or the companion refuses to save it.
            let ends = doses.last() == Some(&0);
            prop_assert_eq!(ends, check_taper_ends(&plan, &m).is_ok(), "{:?}", doses);
            prop_assume!(ends);
            prop_assert!(doses.windows(2).all(|w| w[0] > w[1]), "strictly down: {:?}", doses);
            // Every step after the first (which the user typed) is exactly measurable.
            for d in doses.iter().skip(1).filter(|d| **d > 0) {
                let b = breakdown(&m, Micrograms(*d));
                prop_assert!(b.as_ref().is_ok_and(|b| b.is_exact()), "{} µg with {:?}: {:?}", d, m, b);
            }
            let warnings = plan_warnings(&m, &kind, starts_on, &[], &[], &[]);
            let named: Vec<usize> = warnings
                .iter()
                .filter(|w| w.kind == GateKind::TaperCutsMoreThanAsked)
                .flat_map(|w| named_steps(&w.text))
                .collect();
            for (i, w) in doses.windows(2).enumerate() {
                let (before, after) = (u64::from(w[0]), u64::from(w[1]));
                if after == 0 {
                    continue;
                }
                // What was asked, worked out here rather than by the code under test.
                let asked = match method {
                    TaperMethod::Linear { step } => u64::from(step.0).min(before),
                    TaperMethod::Proportional { percent } => before - before * u64::from(100 - percent) / 100,
                };
                let allowed = asked + asked * u64::from(CUT_TOLERANCE_PERCENT) / 100;
                let cut = before - after;
                if cut > allowed {
                    // Only because nothing measurable lay within the allowed cut…
                    let (nearest_below, _) = measurable_around(&m, Micrograms(w[0] - 1));
                    prop_assert!(
                        nearest_below.is_none_or(|d| u64::from(d.0) + allowed < before),
                        "step {} cuts {} µg although {:?} was measurable: {:?}", i + 2, cut, nearest_below, doses
                    );
                    // …and a warning names it.
                    prop_assert!(named.contains(&(i + 2)), "step {} cuts {} of {} µg (asked {}) unnamed: {:?} {:?}", i + 2, cut, before, asked, doses, warnings);
                }
                if !linear && !named.contains(&(i + 2)) {
                    // The share never grows past the asked share (+ tolerance), bottom included.
                    prop_assert!(cut * 10_000 <= before * u64::from(percent) * (100 + u64::from(CUT_TOLERANCE_PERCENT)) + 10_000, "{:?}", doses);
                }
            }
            // It goes to 0 from the small final dose (2.5 mg), or a warning says why not.
            let last = doses.iter().rev().find(|d| **d > 0).copied().unwrap_or(0);
            if last > 2_500 {
                prop_assert!(
                    warnings.iter().any(|w| matches!(w.kind, GateKind::TaperStopsAbruptly | GateKind::TaperFinalDoseOutOfReach)),
                    "ends from {} µg without a warning: {:?}", last, doses
                );
            }
        }
    }
}

// ----- The home screen follows the taper night by night -----

#[test]
fn the_home_screen_moves_to_the_next_step_overnight_with_nothing_written() {
    let (app, med) = holding(&[10.0, 25.0], false, &[]);
    saved_doses(&app, &med, proportional(50, 10));
    // The last evening of the first step, twice (the second from what the core kept), then the
    // first evening of the second: no write in between, yet the card must move on.
    let first = app.today(utc(6, 14, 18)).unwrap();
    let again = app.today(utc(6, 14, 19)).unwrap();
    let next = app.today(utc(6, 15, 18)).unwrap();
    let step = |t: &eventide_core::view::Today| (t.plans[0].current_step, t.plans[0].current_dose);
    assert_eq!(step(&first), (1, Micrograms::mg(50)));
    assert_eq!(step(&again), step(&first));
    assert_eq!(step(&next), (2, ug(45.0)));
    assert_eq!(next.doses[0].dose, ug(45.0));
}
