//! Issue #14, "safe at the edges": one scenario per failure a new user met, tried through the
//! public API as the phones and the terminal do. Each was run red before the fix.
//!
//! Kinds, severities and symptoms are named by their stable codes here, the way the CLI and
//! the shells' JSON see them.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom, SymptomGroup};
use eventide_core::ingredient::{self, Ingredient};
use eventide_core::medication::{Medication, NewMedication, Slot};
use eventide_core::plan::PlanKind;
use eventide_core::suggest::Suggestion;
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Error};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// `h:m` London summer time (BST, UTC+1) on `d`.
fn bst(d: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(h, m, 0).unwrap()) - Duration::hours(1)
}

/// 13:00 BST: after the morning check-in time, the app's day is `d`.
fn noon(d: NaiveDate) -> DateTime<Utc> {
    bst(d, 13, 0)
}

fn app() -> Companion {
    Companion::in_memory(common::zone("Europe/London")).unwrap()
}

fn add(app: &Companion, name: &str, ingredient: Ingredient, lead: u16) -> Medication {
    let new = NewMedication {
        name: name.into(),
        ingredient: Some(ingredient),
        tablet_mg: vec![10.0, 25.0, 50.0],
        can_halve: false,
        liquid_mg_per_5ml: vec![],
        slot: Slot::Evening { lead_minutes: lead },
    };
    app.add_medication(new, noon(day(4, 30))).unwrap()
}

fn maintain(app: &Companion, med: &Medication, mg: u32, from: NaiveDate) {
    app.set_plan(
        med.id,
        PlanKind::Maintenance {
            dose: Micrograms::mg(mg),
        },
        Some(from),
        &[],
        noon(from - Duration::days(1)),
    )
    .unwrap();
}

/// Amitriptyline 10 mg every night from 1 May (bedtime 22:30, reminder 21:00).
fn on_ten_mg() -> (Companion, Medication) {
    let app = app();
    let med = add(&app, "Amitriptyline", Ingredient::Amitriptyline, 90);
    maintain(&app, &med, 10, day(5, 1));
    (app, med)
}

/// The dose of `night` taken at `h:m` BST.
fn take_at(app: &Companion, med: &Medication, night: NaiveDate, h: u32, m: u32) {
    app.take(med.id, Some(night), None, bst(night, h, m))
        .unwrap();
}

fn take(app: &Companion, med: &Medication, night: NaiveDate) {
    take_at(app, med, night, 21, 5);
}

/// The check-in of the morning after `night`, answered at 07:30.
fn answer(app: &Companion, night: NaiveDate, feeling: Feeling, pain: Option<u8>, effects: &[&str]) {
    let morning = night + Duration::days(1);
    let answer = CheckInAnswer {
        feeling: Some(feeling),
        pain,
        effects: effects.iter().map(|e| Symptom::parse(e).unwrap()).collect(),
        note: None,
    };
    app.check_in(answer, Some(morning), bst(morning, 7, 30))
        .unwrap();
}

/// Takes every dose of nights `first..=last` and answers each next morning with `morning`.
fn live(
    app: &Companion,
    med: &Medication,
    first: NaiveDate,
    last: NaiveDate,
    morning: impl Fn(NaiveDate) -> (Feeling, Option<u8>, Vec<&'static str>),
) {
    for night in first.iter_days().take_while(|n| *n <= last) {
        take(app, med, night);
        let (feeling, pain, effects) = morning(night);
        answer(app, night, feeling, pain, &effects);
    }
}

fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn showing(app: &Companion, at: DateTime<Utc>) -> Vec<Suggestion> {
    app.suggestions(at).unwrap()
}

fn find(list: &[Suggestion], kind: &str) -> Option<Suggestion> {
    list.iter().find(|s| s.kind.code() == kind).cloned()
}

fn kinds(list: &[Suggestion]) -> Vec<&'static str> {
    list.iter().map(|s| s.kind.code()).collect()
}

// ----- urgent symptoms wait for the app's day to start -----

#[test]
fn thoughts_of_self_harm_at_half_past_five_say_get_help_now_at_once() {
    let (app, med) = on_ten_mg();
    live(&app, &med, day(5, 1), day(5, 9), |_| {
        (Feeling::Fine, None, vec![])
    });
    take(&app, &med, day(5, 10));
    // 05:30 on 11 May: the app's day is still the night of 10 May.
    let early = bst(day(5, 11), 5, 30);
    let answer = CheckInAnswer {
        feeling: Some(Feeling::SleptBadly),
        effects: vec![Symptom::parse("self-harm-thoughts").unwrap()],
        ..Default::default()
    };
    app.check_in(answer, None, early).unwrap();
    let list = showing(&app, early + Duration::minutes(1));
    let first = list.first().expect("something is raised at once");
    assert_eq!(code(&first.severity), "get_help_now", "{first:?}");
    assert!(first.text.contains("999"), "{}", first.text);
    assert!(first.text.contains("116 123"), "Samaritans: {}", first.text);
    // The notification's one-tap answer (it keeps the symptoms given earlier) brings the
    // same urgent suggestion back to the phone.
    let urgent = app
        .urgent_suggestions(early + Duration::minutes(2))
        .unwrap();
    assert_eq!(urgent.len(), 1);
    assert_eq!(urgent[0].id, first.id);
}

#[test]
fn fainting_or_eye_pain_say_call_111_now_not_contact_soon() {
    for effect in [
        "fainting",
        "palpitations",
        "eye-pain",
        "yellow-skin",
        "confusion",
        "cannot-pass-urine",
    ] {
        let (app, med) = on_ten_mg();
        take(&app, &med, day(5, 1));
        answer(&app, day(5, 1), Feeling::Fine, None, &[effect]);
        let list = showing(&app, bst(day(5, 2), 7, 31));
        let first = list
            .first()
            .unwrap_or_else(|| panic!("{effect}: nothing raised"));
        assert_eq!(code(&first.severity), "get_help_now", "{effect}");
        assert!(first.text.contains("111"), "{effect}: {}", first.text);
    }
}

// ----- withdrawal evidence vanishes -----

#[test]
fn symptoms_before_a_taper_step_still_count_after_the_step() {
    let app = app();
    let med = add(&app, "Amitriptyline", Ingredient::Amitriptyline, 90);
    maintain(&app, &med, 40, day(4, 1));
    // 40 mg until 30 April; a taper from 1 May, 10 mg down every 7 nights: 40, 30 (8 May), 20 (15 May).
    app.set_plan(
        med.id,
        PlanKind::Taper {
            from: Micrograms::mg(40),
            method: eventide_core::plan::TaperMethod::Linear {
                step: Micrograms::mg(10),
            },
            every_days: 7,
        },
        Some(day(5, 1)),
        &[],
        noon(day(4, 30)),
    )
    .unwrap();
    // Headache and bad sleep after the 8 May step, on the mornings of 13 and 14 May.
    live(&app, &med, day(5, 8), day(5, 14), |n| {
        if n >= day(5, 12) {
            (Feeling::SleptBadly, None, vec!["headache"])
        } else {
            (Feeling::Fine, None, vec![])
        }
    });
    let before = showing(&app, noon(day(5, 14)));
    assert!(
        find(&before, "withdrawal_during_taper").is_some(),
        "{:?}",
        kinds(&before)
    );
    // The next step is on 15 May; the morning after it the evidence is still there.
    take(&app, &med, day(5, 15));
    answer(&app, day(5, 15), Feeling::Fine, None, &[]);
    let after = find(&showing(&app, noon(day(5, 16))), "withdrawal_during_taper")
        .expect("still open after the next step");
    assert!(after.evidence_count >= 2, "{:?}", after.evidence);
    assert!(
        after.question.contains("hold") || after.text.contains("hold"),
        "{}",
        after.text
    );
}

#[test]
fn a_new_lower_steady_dose_opens_a_withdrawal_watch() {
    let app = app();
    let med = add(&app, "Amitriptyline", Ingredient::Amitriptyline, 90);
    maintain(&app, &med, 30, day(4, 1));
    maintain(&app, &med, 10, day(5, 1));
    live(&app, &med, day(5, 1), day(5, 6), |n| {
        if n >= day(5, 3) {
            (Feeling::Fine, None, vec!["malaise", "sweating"])
        } else {
            (Feeling::Fine, None, vec![])
        }
    });
    let s = find(
        &showing(&app, noon(day(5, 7))),
        "withdrawal_after_dose_fall",
    )
    .expect("a fall to a lower steady dose is watched");
    assert_eq!(code(&s.severity), "contact_prescriber_soon");
    assert!(
        s.evidence
            .iter()
            .any(|e| e.contains("30 mg") && e.contains("10 mg")),
        "{:?}",
        s.evidence
    );
}

#[test]
fn three_skipped_nights_in_a_row_open_a_withdrawal_watch() {
    let (app, med) = on_ten_mg();
    live(&app, &med, day(5, 1), day(5, 20), |_| {
        (Feeling::Fine, None, vec![])
    });
    for night in [day(5, 21), day(5, 22), day(5, 23)] {
        app.skip(med.id, Some(night), None, bst(night, 21, 10))
            .unwrap();
    }
    answer(
        &app,
        day(5, 22),
        Feeling::SleptBadly,
        None,
        &["irritability"],
    );
    answer(&app, day(5, 23), Feeling::SleptBadly, None, &["headache"]);
    let s = find(
        &showing(&app, noon(day(5, 24))),
        "withdrawal_after_dose_fall",
    )
    .expect("stopping on one's own is watched");
    assert!(
        s.evidence.iter().any(|e| e.contains("3 nights")),
        "{:?}",
        s.evidence
    );
}

// ----- nothing fires on a steady dose -----

#[test]
fn weeks_of_tinnitus_on_a_steady_ten_mg_ask_about_the_side_effects() {
    let (app, med) = on_ten_mg();
    // From the third week on, tinnitus on two mornings in three, and some mornings unanswered.
    for night in day(5, 1).iter_days().take_while(|n| *n <= day(5, 31)) {
        take(&app, &med, night);
        let k = (night - day(5, 1)).num_days();
        if k % 5 == 4 {
            continue; // no check-in that morning
        }
        let effects: &[&str] = if k >= 14 && k % 3 != 2 {
            &["tinnitus"]
        } else {
            &[]
        };
        answer(&app, night, Feeling::Fine, None, effects);
    }
    let list = showing(&app, noon(day(6, 1)));
    let s = find(&list, "persistent_side_effects").unwrap_or_else(|| panic!("{:?}", kinds(&list)));
    assert_eq!(code(&s.severity), "discuss_at_next_visit");
    assert!(s.text.to_lowercase().contains("side effect"), "{}", s.text);
}

#[test]
fn constipation_with_a_missing_check_in_between_still_counts() {
    let (app, med) = on_ten_mg();
    live(&app, &med, day(5, 1), day(5, 25), |_| {
        (Feeling::Fine, None, vec![])
    });
    take(&app, &med, day(5, 26));
    answer(&app, day(5, 26), Feeling::Fine, None, &["constipation"]);
    take(&app, &med, day(5, 27));
    // No check-in on the morning of 28 May.
    take(&app, &med, day(5, 28));
    answer(&app, day(5, 28), Feeling::Fine, None, &["constipation"]);
    take(&app, &med, day(5, 29));
    answer(&app, day(5, 29), Feeling::Fine, None, &["constipation"]);
    let list = showing(&app, noon(day(5, 30)));
    let s = find(&list, "tell_prescriber_promptly").unwrap_or_else(|| panic!("{:?}", kinds(&list)));
    assert_eq!(code(&s.severity), "contact_prescriber_soon");
}

#[test]
fn a_maintenance_plan_gets_its_fair_trial_review() {
    let (app, med) = on_ten_mg();
    live(&app, &med, day(5, 1), day(6, 12), |_| {
        (Feeling::Fine, None, vec![])
    });
    // 1 May + 42 nights = 12 June.
    let list = showing(&app, noon(day(6, 12)));
    assert!(
        find(&list, "fair_trial_review").is_some() || find(&list, "ask_whether_helping").is_some(),
        "{:?}",
        kinds(&list)
    );
}

#[test]
fn a_titration_paused_below_its_target_gets_its_fair_trial_review() {
    let app = app();
    let med = add(&app, "Amitriptyline", Ingredient::Amitriptyline, 90);
    app.set_plan(
        med.id,
        PlanKind::Titration {
            start: Micrograms::mg(10),
            step: Micrograms::mg(10),
            every_days: 7,
            target: Micrograms::mg(50),
        },
        Some(day(5, 1)),
        &[],
        noon(day(4, 30)),
    )
    .unwrap();
    // Never confirmed: 10 mg for six weeks.
    live(&app, &med, day(5, 1), day(6, 12), |_| {
        (Feeling::Fine, None, vec![])
    });
    let list = showing(&app, noon(day(6, 12)));
    assert!(
        find(&list, "fair_trial_review").is_some(),
        "{:?}",
        kinds(&list)
    );
}

// ----- plans that need a second look are saved silently -----

#[test]
fn a_start_of_fifty_with_twenty_five_mg_steps_needs_confirmation() {
    let app = app();
    let med = add(&app, "Amitriptyline", Ingredient::Amitriptyline, 90);
    let err = app
        .set_plan(
            med.id,
            PlanKind::Titration {
                start: Micrograms::mg(50),
                step: Micrograms::mg(25),
                every_days: 7,
                target: Micrograms::mg(75),
            },
            None,
            &[],
            noon(day(5, 1)),
        )
        .unwrap_err();
    let Error::NeedsConfirmation { warnings } = err else {
        panic!("saved silently: {err}");
    };
    assert!(warnings.iter().any(|w| w.contains("50 mg")), "{warnings:?}");
}

#[test]
fn one_fifty_mg_under_a_brand_name_or_a_misspelling_needs_confirmation() {
    for name in ["Elavil", "amitryptiline"] {
        let app = app();
        let med = add(
            &app,
            name,
            ingredient::recognise(name).expect("offered as the default"),
            90,
        );
        let err = app
            .set_plan(
                med.id,
                PlanKind::Maintenance {
                    dose: Micrograms::mg(150),
                },
                None,
                &[],
                noon(day(5, 1)),
            )
            .unwrap_err();
        assert!(
            matches!(err, Error::NeedsConfirmation { .. }),
            "{name}: {err}"
        );
    }
}

#[test]
fn steps_faster_than_the_shortest_interval_need_confirmation() {
    let app = app();
    let med = add(&app, "Amitriptyline", Ingredient::Amitriptyline, 90);
    let titrate = |every| PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: every,
        target: Micrograms::mg(50),
    };
    let err = app
        .set_plan(med.id, titrate(2), None, &[], noon(day(5, 1)))
        .unwrap_err();
    assert!(matches!(err, Error::NeedsConfirmation { .. }), "{err}");
}

// ----- the step-up prompt nudges on tolerability alone -----

fn titrating() -> (Companion, Medication) {
    let app = app();
    let med = add(&app, "Amitriptyline", Ingredient::Amitriptyline, 90);
    app.set_plan(
        med.id,
        PlanKind::Titration {
            start: Micrograms::mg(10),
            step: Micrograms::mg(10),
            every_days: 7,
            target: Micrograms::mg(50),
        },
        Some(day(5, 8)),
        &[],
        noon(day(5, 1)),
    )
    .unwrap();
    (app, med)
}

#[test]
fn the_step_up_offers_both_choices_side_by_side_with_neither_chosen() {
    let (app, med) = titrating();
    live(&app, &med, day(5, 8), day(5, 14), |_| {
        (Feeling::Fine, None, vec![])
    });
    let view = app.plan_view(med.id, noon(day(5, 15))).unwrap();
    assert!(view.awaiting_confirmation);
    assert!(
        !view
            .status_line
            .contains("Tap \"Side effects are tolerable\""),
        "{}",
        view.status_line
    );
    let json = serde_json::to_value(&view).unwrap();
    let choice = &json["step_up_choice"];
    let labels: Vec<&str> = choice["options"]
        .as_array()
        .unwrap_or_else(|| panic!("no step-up choice: {json}"))
        .iter()
        .map(|o| o["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "Step up as planned",
            "Stay on this dose and ask my prescriber"
        ]
    );
    assert!(choice["preselected"].is_null(), "{choice}");
}

#[test]
fn pain_thirty_percent_lower_during_a_titration_asks_whether_to_stay() {
    let (app, med) = titrating();
    // The week before the first dose: pain 6 every morning.
    for night in day(5, 1).iter_days().take_while(|n| *n < day(5, 8)) {
        answer(&app, night - Duration::days(1), Feeling::Fine, Some(6), &[]);
    }
    // First week at 10 mg: pain 5; second week (20 mg after a confirmation): pain 4 (33% lower).
    live(&app, &med, day(5, 8), day(5, 14), |_| {
        (Feeling::Fine, Some(5), vec![])
    });
    app.confirm_tolerable(med.id, noon(day(5, 14))).unwrap();
    live(&app, &med, day(5, 15), day(5, 21), |_| {
        (Feeling::Fine, Some(4), vec![])
    });
    let list = showing(&app, noon(day(5, 22)));
    let s = find(&list, "pain_noticeably_better").unwrap_or_else(|| panic!("{:?}", kinds(&list)));
    assert!(s.text.contains("stay"), "{}", s.text);
    assert!(
        s.evidence.iter().any(|e| e.contains("33%")),
        "{:?}",
        s.evidence
    );
}

#[test]
fn no_change_in_pain_after_a_fair_trial_asks_whether_the_medicine_is_helping() {
    let (app, med) = on_ten_mg();
    for night in day(4, 23).iter_days().take_while(|n| *n < day(5, 1)) {
        answer(&app, night, Feeling::Fine, Some(6), &[]);
    }
    live(&app, &med, day(5, 1), day(6, 12), |_| {
        (Feeling::Fine, Some(6), vec![])
    });
    let list = showing(&app, noon(day(6, 13)));
    assert!(
        find(&list, "ask_whether_helping").is_some(),
        "{:?}",
        kinds(&list)
    );
}

// ----- smaller things -----

#[test]
fn the_usual_dose_fact_starts_at_ten_mg_not_twenty_five() {
    let app = app();
    let med = add(&app, "Amitriptyline", Ingredient::Amitriptyline, 90);
    let warnings = app
        .check_plan(
            med.id,
            &PlanKind::Maintenance {
                dose: Micrograms::mg(100),
            },
            None,
            noon(day(5, 1)),
        )
        .unwrap();
    let basis = &warnings[0].basis;
    assert!(!basis.contains("25–75"), "{basis}");
    assert!(basis.contains("10 mg"), "{basis}");
}

#[test]
fn sweating_is_also_a_withdrawal_symptom_and_the_missing_entries_exist() {
    assert_eq!(Symptom::Sweating.group(), SymptomGroup::Either);
    for code in ["tingling", "brain-fog", "eye-pain", "cannot-pass-urine"] {
        Symptom::parse(code).unwrap_or_else(|e| panic!("{code}: {e}"));
    }
}

#[test]
fn two_hours_before_bed_comes_from_when_doses_were_really_taken() {
    let app = app();
    let med = add(&app, "Amitriptyline", Ingredient::Amitriptyline, 120);
    maintain(&app, &med, 20, day(5, 1));
    // Reminded at 20:30 (two hours before 22:30), but taken at 22:00 every night.
    for night in day(5, 1).iter_days().take_while(|n| *n <= day(5, 21)) {
        take_at(&app, &med, night, 22, 0);
        let feeling = if night >= day(5, 18) {
            Feeling::Groggy
        } else {
            Feeling::Fine
        };
        answer(&app, night, feeling, None, &[]);
    }
    let list = showing(&app, noon(day(5, 22)));
    assert!(
        find(&list, "ask_about_earlier_dose_time").is_some(),
        "{:?}",
        kinds(&list)
    );
    assert!(find(&list, "ask_about_dose_review").is_none());
}

#[test]
fn the_facts_behind_each_sentence_also_pass_the_wording_check() {
    for e in eventide_core::catalogue::EN_GB {
        let problems = eventide_core::catalogue::wording_problems(e.fact);
        assert!(problems.is_empty(), "{}: {problems:?}", e.key);
    }
}

#[test]
fn staying_on_a_dose_is_recorded_once_raises_the_question_and_stepping_up_stays_possible() {
    let (app, med) = titrating();
    live(&app, &med, day(5, 8), day(5, 14), |_| {
        (Feeling::Fine, None, vec![])
    });
    let now = noon(day(5, 15));
    let view = app.stay_on_dose(med.id, now).unwrap();
    assert_eq!(view.current_dose, Micrograms::mg(10));
    assert!(view.status_line.contains("chose"), "{}", view.status_line);
    assert!(view.step_up_choice.is_some(), "the choice stays open");
    assert_eq!(app.stay_on_dose(med.id, now).unwrap(), view, "twice = once");
    let s = find(&showing(&app, now), "ask_about_staying_on_dose").expect("the question");
    assert!(s.text.contains("10 mg"), "{}", s.text);
    // After asking, stepping up as planned still works, and the question goes.
    let up = app.confirm_tolerable(med.id, noon(day(5, 16))).unwrap();
    assert_eq!(up.current_dose, Micrograms::mg(20));
    assert!(find(
        &showing(&app, noon(day(5, 16))),
        "ask_about_staying_on_dose"
    )
    .is_none());
    // Not for a steady dose.
    let (app, med) = on_ten_mg();
    assert!(matches!(
        app.stay_on_dose(med.id, noon(day(5, 2))),
        Err(Error::Conflict { .. })
    ));
}
