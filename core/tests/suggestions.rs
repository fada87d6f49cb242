//! Suggestions through the public API: a month (or more) of doses and check-ins for each rule,
//! checking the day a suggestion first shows (not one day early), that it stays silent below
//! its threshold, and that a dismissal holds until new evidence arrives.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom};
use eventide_core::gates::GateKind;
use eventide_core::ingredient::{self, Ingredient};
use eventide_core::medication::{Medication, NewMedication, Slot};
use eventide_core::notify::NotificationKind;
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::suggest::{Severity, SuggestionKind};
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Error};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// Noon UTC on `d` (13:00 in London in summer): after the morning check-in time.
fn noon(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(12, 0, 0).unwrap())
}

fn app() -> Companion {
    Companion::in_memory(common::zone("Europe/London")).unwrap()
}

fn add(app: &Companion, name: &str, lead: u16) -> Medication {
    let new = NewMedication {
        name: name.into(),
        ingredient: ingredient::recognise(name).or(Some(Ingredient::Other)),
        tablet_mg: vec![10.0, 25.0],
        can_halve: false,
        liquid_mg_per_5ml: vec![],
        slot: Slot::Evening { lead_minutes: lead },
    };
    // Added early in the spring: every night the tests record comes after it.
    app.add_medication(new, noon(day(4, 1))).unwrap()
}

/// Amitriptyline on a steady 20 mg from 1 June.
fn maintained() -> (Companion, Medication) {
    let app = app();
    let med = add(&app, "Amitriptyline", 90);
    app.set_plan(
        med.id,
        PlanKind::Maintenance {
            dose: Micrograms::mg(20),
        },
        Some(day(6, 1)),
        &[],
        noon(day(5, 31)),
    )
    .unwrap();
    (app, med)
}

/// Takes the evening dose of `night` (reminder 21:00 BST = 20:00 UTC).
fn take(app: &Companion, med: &Medication, night: NaiveDate) {
    let at = Utc.from_utc_datetime(&night.and_hms_opt(20, 5, 0).unwrap());
    app.take(med.id, Some(night), None, at).unwrap();
}

/// The check-in of the morning after `night`.
fn check_in(app: &Companion, night: NaiveDate, feeling: Feeling, effects: &[Symptom]) {
    let morning = night + Duration::days(1);
    let at = Utc.from_utc_datetime(&morning.and_hms_opt(7, 30, 0).unwrap());
    let answer = CheckInAnswer {
        feeling: Some(feeling),
        effects: effects.to_vec(),
        ..Default::default()
    };
    app.check_in(answer, Some(morning), at).unwrap();
}

fn showing(app: &Companion, kind: SuggestionKind, on: NaiveDate) -> bool {
    app.suggestions(noon(on))
        .unwrap()
        .iter()
        .any(|s| s.kind == kind)
}

/// Lives nights `first..=last`: each night's dose taken and the next morning answered by
/// `morning(night)`; returns the first day (at noon) the suggestion of `kind` showed.
fn live(
    app: &Companion,
    med: &Medication,
    first: NaiveDate,
    last: NaiveDate,
    kind: SuggestionKind,
    morning: impl Fn(NaiveDate) -> (Feeling, Vec<Symptom>),
) -> Option<NaiveDate> {
    let mut shown = None;
    for night in first.iter_days().take_while(|n| *n <= last) {
        take(app, med, night);
        let (feeling, effects) = morning(night);
        check_in(app, night, feeling, &effects);
        let next = night + Duration::days(1);
        if shown.is_none() && showing(app, kind, next) {
            shown = Some(next);
        }
    }
    shown
}

#[test]
fn morning_dosing_shows_on_the_morning_of_the_third_counted_bad_night_and_returns_with_new_evidence(
) {
    let (app, med) = maintained();
    // Bad nights 2 (still settling), 5, 8 and 10.
    let bad = [day(6, 2), day(6, 5), day(6, 8), day(6, 10)];
    let first = live(
        &app,
        &med,
        day(6, 1),
        day(6, 12),
        SuggestionKind::AskAboutMorningDosing,
        |n| {
            (
                if bad.contains(&n) {
                    Feeling::SleptBadly
                } else {
                    Feeling::Fine
                },
                vec![],
            )
        },
    );
    assert_eq!(first, Some(day(6, 11)), "after night 10, not after night 8");
    let s = app
        .suggestions(noon(day(6, 11)))
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SuggestionKind::AskAboutMorningDosing)
        .unwrap();
    assert_eq!(s.severity, Severity::DiscussAtNextVisit);
    assert_eq!(s.evidence_count, 3);
    assert_eq!(s.medication_name.as_deref(), Some("Amitriptyline"));
    // The same suggestion is on the home screen.
    assert!(app
        .today(noon(day(6, 11)))
        .unwrap()
        .suggestions
        .iter()
        .any(|x| x.id == s.id));

    let hidden = app
        .dismiss_suggestion_kind("ask_about_morning_dosing", noon(day(6, 11)))
        .unwrap();
    assert_eq!(hidden.len(), 1);
    assert!(!showing(
        &app,
        SuggestionKind::AskAboutMorningDosing,
        day(6, 11)
    ));
    assert!(
        !showing(&app, SuggestionKind::AskAboutMorningDosing, day(6, 13)),
        "no new bad night yet"
    );
    // Dismissing a kind that is not showing is a clear error and writes nothing.
    let err = app
        .dismiss_suggestion_kind("ask_about_morning_dosing", noon(day(6, 13)))
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    let again = live(
        &app,
        &med,
        day(6, 13),
        day(6, 14),
        SuggestionKind::AskAboutMorningDosing,
        |n| {
            (
                if n == day(6, 14) {
                    Feeling::SleptBadly
                } else {
                    Feeling::Fine
                },
                vec![],
            )
        },
    );
    assert_eq!(again, Some(day(6, 15)), "a new bad night brings it back");
}

#[test]
fn two_bad_nights_a_week_never_raise_the_morning_question() {
    let (app, med) = maintained();
    let first = live(
        &app,
        &med,
        day(6, 1),
        day(6, 30),
        SuggestionKind::AskAboutMorningDosing,
        |n| {
            (
                if n.format("%u").to_string() == "1" || n.format("%u").to_string() == "4" {
                    Feeling::SleptBadly
                } else {
                    Feeling::Fine
                },
                vec![],
            )
        },
    );
    assert_eq!(first, None);
}

#[test]
fn groggy_mornings_after_two_weeks_ask_about_the_dose_time_then_the_dose() {
    let (app, med) = maintained();
    // Groggy from night 12 on; nights 15, 16, 17 are the first past the 14-night grace.
    let first = live(
        &app,
        &med,
        day(6, 1),
        day(6, 20),
        SuggestionKind::AskAboutEarlierDoseTime,
        |n| {
            (
                if n >= day(6, 12) {
                    Feeling::Groggy
                } else {
                    Feeling::Fine
                },
                vec![],
            )
        },
    );
    assert_eq!(first, Some(day(6, 18)));
    assert!(!showing(
        &app,
        SuggestionKind::AskAboutDoseReview,
        day(6, 21)
    ));
    // Moving the reminder alone changes nothing: the doses were taken 85 minutes before bed.
    app.set_lead(med.id, 120).unwrap();
    assert!(showing(
        &app,
        SuggestionKind::AskAboutEarlierDoseTime,
        day(6, 21)
    ));
    // Taken two hours before bed (20:30 BST, bedtime 22:30) and still groggy: the question
    // turns to the dose.
    for night in day(6, 21).iter_days().take_while(|n| *n <= day(6, 24)) {
        let at = Utc.from_utc_datetime(&night.and_hms_opt(19, 31, 0).unwrap());
        app.take(med.id, Some(night), None, at).unwrap();
        check_in(&app, night, Feeling::Groggy, &[]);
    }
    assert!(!showing(
        &app,
        SuggestionKind::AskAboutEarlierDoseTime,
        day(6, 25)
    ));
    assert!(showing(
        &app,
        SuggestionKind::AskAboutDoseReview,
        day(6, 25)
    ));
}

#[test]
fn side_effects_early_in_a_new_dose_bring_the_calm_note() {
    let app = app();
    let med = add(&app, "Amitriptyline", 90);
    let kind = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(30),
    };
    app.set_plan(med.id, kind, Some(day(6, 1)), &[], noon(day(5, 31)))
        .unwrap();
    app.confirm_tolerable(med.id, noon(day(6, 6))).unwrap();
    // 20 mg from 8 June; dry mouth after nights 8 and 10 only.
    let first = live(
        &app,
        &med,
        day(6, 1),
        day(6, 14),
        SuggestionKind::SideEffectsEarlyDays,
        |n| {
            (
                Feeling::Fine,
                if n == day(6, 8) || n == day(6, 10) {
                    vec![Symptom::DryMouth]
                } else {
                    vec![]
                },
            )
        },
    );
    assert_eq!(first, Some(day(6, 11)));
    let s = app
        .suggestions(noon(day(6, 11)))
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SuggestionKind::SideEffectsEarlyDays)
        .unwrap();
    assert_eq!(s.severity, Severity::Info);
    assert!(
        s.evidence
            .iter()
            .all(|e| e.contains("dry mouth") && e.contains("20 mg")),
        "{:?}",
        s.evidence
    );
}

#[test]
fn a_fair_trial_question_comes_six_weeks_after_reaching_the_target_and_a_review_answers_it() {
    let app = app();
    let med = add(&app, "Amitriptyline", 90);
    let kind = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(20),
    };
    app.set_plan(med.id, kind, Some(day(6, 1)), &[], noon(day(5, 31)))
        .unwrap();
    app.confirm_tolerable(med.id, noon(day(6, 6))).unwrap();
    // 20 mg, the target, from 8 June: 42 nights later is 20 July.
    let first = live(
        &app,
        &med,
        day(6, 1),
        day(7, 25),
        SuggestionKind::FairTrialReview,
        |_| (Feeling::Fine, vec![]),
    );
    assert_eq!(first, Some(day(7, 20)));
    app.record_review(
        Some(day(7, 21)),
        Some("Helping; carry on".into()),
        noon(day(7, 26)),
    )
    .unwrap();
    assert!(!showing(&app, SuggestionKind::FairTrialReview, day(7, 26)));
}

#[test]
fn reviews_fall_due_on_the_chosen_interval_with_a_reminder() {
    let (app, _med) = maintained();
    assert_eq!(
        app.review_status().unwrap().due_on,
        Some(day(12, 1)),
        "six months from the first plan"
    );
    assert!(app.set_review_interval(4).is_err());
    let status = app.set_review_interval(3).unwrap();
    assert_eq!(status.due_on, Some(day(9, 1)));
    assert!(!showing(&app, SuggestionKind::ReviewDue, day(8, 31)));
    assert!(showing(&app, SuggestionKind::ReviewDue, day(9, 1)));
    let reminders = app.desired_notifications(noon(day(8, 30)), 3).unwrap();
    let review = reminders
        .iter()
        .find(|n| n.kind == NotificationKind::Review)
        .expect("a review reminder");
    assert_eq!(review.id, "review:2026-09-01");
    // Recording the review restarts the cycle.
    assert!(
        app.record_review(Some(day(9, 3)), None, noon(day(9, 2)))
            .is_err(),
        "not in the future"
    );
    app.record_review(None, None, noon(day(9, 2))).unwrap();
    assert!(!showing(&app, SuggestionKind::ReviewDue, day(9, 2)));
    assert_eq!(app.review_status().unwrap().due_on, Some(day(12, 2)));
    assert_eq!(app.reviews().unwrap().len(), 1);
}

#[test]
fn withdrawal_symptoms_after_a_taper_step_ask_about_holding() {
    let app = app();
    let med = add(&app, "Amitriptyline", 90);
    app.set_plan(
        med.id,
        PlanKind::Maintenance {
            dose: Micrograms::mg(20),
        },
        Some(day(5, 1)),
        &[],
        noon(day(4, 30)),
    )
    .unwrap();
    // 20 mg until 7 June, 10 mg from 8 June, 0 from 22 June.
    let taper = TaperMethod::Linear {
        step: Micrograms::mg(10),
    };
    app.start_taper(med.id, taper, 14, None, &[], noon(day(5, 25)))
        .unwrap();
    let first = live(
        &app,
        &med,
        day(5, 25),
        day(6, 20),
        SuggestionKind::WithdrawalDuringTaper,
        |n| {
            (
                Feeling::Fine,
                if n == day(6, 9) || n == day(6, 12) {
                    vec![Symptom::Headache]
                } else {
                    vec![]
                },
            )
        },
    );
    assert_eq!(first, Some(day(6, 13)));
    let s = app
        .suggestions(noon(day(6, 13)))
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SuggestionKind::WithdrawalDuringTaper)
        .unwrap();
    assert_eq!(s.severity, Severity::ContactPrescriberSoon);
    assert!(
        s.evidence[0].contains("from 20 mg to 10 mg"),
        "{:?}",
        s.evidence
    );
    // Holding the step is what the plan offers.
    app.dismiss_suggestion(&s.id, noon(day(6, 13))).unwrap();
    app.hold_step(med.id, 7, noon(day(6, 13))).unwrap();
    assert!(!showing(
        &app,
        SuggestionKind::WithdrawalDuringTaper,
        day(6, 14)
    ));
}

#[test]
fn a_second_taper_needs_confirmation_and_then_the_overlap_is_a_question() {
    let app = app();
    let ami = add(&app, "Amitriptyline", 90);
    let gaba = add(&app, "Gabapentin", 60);
    for m in [&ami, &gaba] {
        app.set_plan(
            m.id,
            PlanKind::Maintenance {
                dose: Micrograms::mg(20),
            },
            Some(day(5, 1)),
            &[],
            noon(day(4, 30)),
        )
        .unwrap();
    }
    let taper = TaperMethod::Linear {
        step: Micrograms::mg(10),
    };
    app.start_taper(ami.id, taper.clone(), 14, None, &[], noon(day(6, 1)))
        .unwrap();
    assert!(!showing(&app, SuggestionKind::OneTaperAtATime, day(6, 1)));
    let second = PlanKind::Taper {
        from: Micrograms::mg(20),
        method: taper.clone(),
        every_days: 14,
    };
    let warnings = app
        .check_plan(gaba.id, &second, None, noon(day(6, 2)))
        .unwrap();
    assert_eq!(
        warnings.iter().map(|w| w.kind).collect::<Vec<_>>(),
        vec![GateKind::SecondTaper]
    );
    let err = app
        .start_taper(gaba.id, taper.clone(), 14, None, &[], noon(day(6, 2)))
        .unwrap_err();
    let Error::NeedsConfirmation { warnings } = err else {
        panic!("expected a confirmation request")
    };
    app.start_taper(gaba.id, taper, 14, None, &warnings, noon(day(6, 2)))
        .unwrap();
    assert!(showing(&app, SuggestionKind::OneTaperAtATime, day(6, 2)));
}

#[test]
fn a_missed_dose_brings_the_do_not_double_note_for_the_next_day_only() {
    let (app, med) = maintained();
    for night in day(6, 1).iter_days().take_while(|n| *n <= day(6, 6)) {
        if night != day(6, 4) {
            take(&app, &med, night);
        }
    }
    assert!(!showing(
        &app,
        SuggestionKind::MissedDoseGuidance,
        day(6, 4)
    ));
    let note = app
        .suggestions(noon(day(6, 5)))
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SuggestionKind::MissedDoseGuidance);
    let note = note.expect("the note the day after");
    assert!(
        note.text.contains("do not take a double dose"),
        "{}",
        note.text
    );
    assert!(!showing(
        &app,
        SuggestionKind::MissedDoseGuidance,
        day(6, 6)
    ));
}

#[test]
fn urgent_effects_say_get_help_now_and_come_back_when_reported_again() {
    let (app, med) = maintained();
    let first = live(
        &app,
        &med,
        day(6, 1),
        day(6, 10),
        SuggestionKind::GetHelpNow,
        |n| {
            (
                Feeling::Fine,
                if n == day(6, 9) {
                    vec![Symptom::Palpitations]
                } else {
                    vec![]
                },
            )
        },
    );
    assert_eq!(first, Some(day(6, 10)));
    let s = app
        .suggestions(noon(day(6, 10)))
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SuggestionKind::GetHelpNow)
        .unwrap();
    assert_eq!(s.severity, Severity::GetHelpNow);
    assert!(
        s.text.contains("111") && s.text.contains("999"),
        "{}",
        s.text
    );
    app.dismiss_suggestion(&s.id, noon(day(6, 10))).unwrap();
    assert!(!showing(&app, SuggestionKind::GetHelpNow, day(6, 11)));
    let again = live(
        &app,
        &med,
        day(6, 11),
        day(6, 12),
        SuggestionKind::GetHelpNow,
        |n| {
            (
                Feeling::Fine,
                if n == day(6, 12) {
                    vec![Symptom::Fainting]
                } else {
                    vec![]
                },
            )
        },
    );
    assert_eq!(again, Some(day(6, 13)));
}

#[test]
fn a_dismissal_survives_reopening_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.db");
    let zone = common::zone("Europe/London");
    {
        let app = Companion::open(&path, zone.clone()).unwrap();
        let med = add(&app, "Amitriptyline", 90);
        app.set_plan(
            med.id,
            PlanKind::Maintenance {
                dose: Micrograms::mg(20),
            },
            Some(day(6, 1)),
            &[],
            noon(day(5, 31)),
        )
        .unwrap();
        live(
            &app,
            &med,
            day(6, 1),
            day(6, 9),
            SuggestionKind::EmergencyHelp,
            |n| {
                (
                    Feeling::Fine,
                    if n == day(6, 9) {
                        vec![Symptom::SelfHarmThoughts]
                    } else {
                        vec![]
                    },
                )
            },
        );
        app.dismiss_suggestion_kind("emergency_help", noon(day(6, 10)))
            .unwrap();
    }
    let app = Companion::open(&path, zone).unwrap();
    assert!(!showing(&app, SuggestionKind::EmergencyHelp, day(6, 10)));
}

#[test]
fn every_plan_gate_needs_explicit_confirmation_and_is_kept_with_the_plan() {
    let app = app();
    let med = add(&app, "Amitriptyline", 90);
    let now = noon(day(6, 1));
    let cases = [
        (
            PlanKind::Titration {
                start: Micrograms::mg(10),
                step: Micrograms::mg(10),
                every_days: 2,
                target: Micrograms::mg(30),
            },
            GateKind::TitrationStepsTooClose,
        ),
        (
            PlanKind::Titration {
                start: Micrograms::mg(50),
                step: Micrograms::mg(25),
                every_days: 7,
                target: Micrograms::mg(75),
            },
            GateKind::StartAboveUsual,
        ),
        (
            PlanKind::Titration {
                start: Micrograms::mg(10),
                step: Micrograms::mg(50),
                every_days: 7,
                target: Micrograms::mg(60),
            },
            GateKind::StepAboveUsual,
        ),
        (
            PlanKind::Maintenance {
                dose: Micrograms::mg(80),
            },
            GateKind::DoseAbovePainRange,
        ),
        (
            PlanKind::Taper {
                from: Micrograms::mg(50),
                method: TaperMethod::Linear {
                    step: Micrograms::mg(25),
                },
                every_days: 14,
            },
            GateKind::TaperStopsAbruptly,
        ),
    ];
    for (kind, gate) in cases {
        let typed = app.check_plan(med.id, &kind, None, now).unwrap();
        assert_eq!(typed.iter().map(|w| w.kind).collect::<Vec<_>>(), vec![gate]);
        let before = app.plan_history(med.id).unwrap().len();
        let err = app
            .set_plan(med.id, kind.clone(), None, &[], now)
            .unwrap_err();
        let Error::NeedsConfirmation { warnings } = err else {
            panic!("{gate:?}: expected a confirmation request")
        };
        assert_eq!(warnings, vec![typed[0].text.clone()]);
        assert_eq!(
            app.plan_history(med.id).unwrap().len(),
            before,
            "nothing saved unconfirmed"
        );
        app.set_plan(med.id, kind, None, &warnings, now).unwrap();
        let saved = app.plan_history(med.id).unwrap();
        assert_eq!(
            saved.last().map(|p| p.confirmed_warnings.clone()),
            Some(warnings)
        );
    }
    // A weekly titration to 75 mg and a taper ending from 10 mg pass without a question.
    let usual = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(75),
    };
    assert!(app
        .check_plan(med.id, &usual, None, now)
        .unwrap()
        .is_empty());
}

#[test]
fn a_version_one_database_gains_dismissal_evidence_and_reviews_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let zone = common::zone("Europe/London");
    {
        let app = Companion::open(&path, zone.clone()).unwrap();
        add(&app, "Amitriptyline", 90);
    }
    {
        // Take the file back to schema 1, with one dismissal written the old way.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE reviews;
             ALTER TABLE medications DROP COLUMN ingredient;
             ALTER TABLE medications DROP COLUMN latest_after_bedtime_minutes;
             ALTER TABLE dose_events DROP COLUMN taken_at;
             ALTER TABLE suggestion_dismissals DROP COLUMN evidence_through;
             ALTER TABLE suggestion_dismissals DROP COLUMN evidence_count;
             INSERT INTO suggestion_dismissals (suggestion_id, dismissed_at) VALUES ('one_taper_at_a_time', '2026-05-01T12:00:00+00:00');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let app = Companion::open(&path, zone).unwrap();
    assert_eq!(app.medications().unwrap().len(), 1);
    app.record_review(Some(day(6, 1)), None, noon(day(6, 2)))
        .unwrap();
    assert_eq!(app.reviews().unwrap().len(), 1);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (count, version): (u32, u32) = conn
        .query_row(
            "SELECT evidence_count, (SELECT user_version FROM pragma_user_version) FROM suggestion_dismissals",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((count, version), (0, eventide_core::store::SCHEMA_VERSION));
}

#[test]
fn a_month_just_below_every_threshold_raises_nothing() {
    let app = app();
    let med = add(&app, "Amitriptyline", 90);
    // On 20 mg since 1 March, so June is past the first weeks of the dose and its fair trial.
    app.set_plan(
        med.id,
        PlanKind::Maintenance {
            dose: Micrograms::mg(20),
        },
        Some(day(3, 1)),
        &[],
        noon(day(2, 28)),
    )
    .unwrap();
    for night in day(5, 1).iter_days().take_while(|n| *n < day(6, 1)) {
        take(&app, &med, night);
    }
    // Each week: two bad nights, two groggy mornings, and constipation two mornings running —
    // each one short of its rule.
    for night in day(6, 1).iter_days().take_while(|n| *n <= day(6, 30)) {
        take(&app, &med, night);
        let k = night.format("%d").to_string().parse::<u32>().unwrap() % 7;
        let (feeling, effects) = match k {
            1 | 4 => (Feeling::SleptBadly, vec![]),
            2 | 5 => (Feeling::Groggy, vec![]),
            6 | 0 => (Feeling::Fine, vec![Symptom::Constipation]),
            _ => (Feeling::Fine, vec![]),
        };
        check_in(&app, night, feeling, &effects);
        let next = night + Duration::days(1);
        let shown = app.suggestions(noon(next)).unwrap();
        assert!(
            shown.is_empty(),
            "{next}: {:?}",
            shown.iter().map(|s| s.kind).collect::<Vec<_>>()
        );
    }
}

/// The kinds of suggestion the home screen shows at `at`.
fn on_home_screen(app: &Companion, at: DateTime<Utc>) -> Vec<SuggestionKind> {
    app.today(at)
        .unwrap()
        .suggestions
        .iter()
        .map(|s| s.kind)
        .collect()
}

#[test]
fn the_home_screen_follows_check_ins_from_another_handle_and_its_own_dismissals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eventide.db");
    let app = Companion::open(&path, common::zone("Europe/London")).unwrap();
    let med = add(&app, "Amitriptyline", 90);
    let plan = PlanKind::Maintenance {
        dose: Micrograms::mg(20),
    };
    app.set_plan(med.id, plan, Some(day(6, 1)), &[], noon(day(5, 31)))
        .unwrap();
    for night in day(6, 1).iter_days().take_while(|n| *n <= day(6, 10)) {
        take(&app, &med, night);
        if night < day(6, 10) {
            let bad = night == day(6, 5) || night == day(6, 8);
            let feeling = if bad {
                Feeling::SleptBadly
            } else {
                Feeling::Fine
            };
            check_in(&app, night, feeling, &[]);
        }
    }
    // Two counted bad nights: nothing to ask yet, and the screen is worked out once.
    let at = noon(day(6, 11));
    assert!(!on_home_screen(&app, at).contains(&SuggestionKind::AskAboutMorningDosing));
    assert!(!on_home_screen(&app, at).contains(&SuggestionKind::AskAboutMorningDosing));

    // The notification handler, on its own connection, records a third bad night.
    let handler = Companion::open(&path, common::zone("Europe/London")).unwrap();
    check_in(&handler, day(6, 10), Feeling::SleptBadly, &[]);
    let later = at + Duration::minutes(5);
    assert!(
        on_home_screen(&app, later).contains(&SuggestionKind::AskAboutMorningDosing),
        "the app's home screen must see the handler's check-in"
    );

    // Dismissed through the app itself: gone from its next screen.
    app.dismiss_suggestion_kind("ask_about_morning_dosing", later)
        .unwrap();
    assert!(!on_home_screen(&app, later).contains(&SuggestionKind::AskAboutMorningDosing));
}

#[test]
fn the_home_screen_raises_the_missed_dose_note_when_the_clock_alone_moves_on() {
    let (app, med) = maintained();
    for night in day(6, 1).iter_days().take_while(|n| *n <= day(6, 3)) {
        take(&app, &med, night);
    }
    // 4 June's dose is not taken. Late that evening it can still be: no note.
    let evening = Utc.from_utc_datetime(&day(6, 4).and_hms_opt(22, 0, 0).unwrap());
    assert!(!on_home_screen(&app, evening).contains(&SuggestionKind::MissedDoseGuidance));
    // Nothing is written; the next day the dose is missed and the note shows.
    assert!(on_home_screen(&app, noon(day(6, 5))).contains(&SuggestionKind::MissedDoseGuidance));
}

#[test]
fn a_dose_still_open_after_the_day_rolls_over_is_judged_again_when_its_cutoff_passes() {
    // A night-shift sleeper: bedtime 07:30 belongs to the evening before, so with a latest
    // time an hour after bedtime 4 June's dose can be taken until 08:30 BST on 5 June, half
    // an hour after the 08:00 rollover.
    let (app, med) = maintained();
    app.set_bedtime(chrono::NaiveTime::from_hms_opt(7, 30, 0).unwrap(), &[])
        .unwrap();
    app.set_latest_time(med.id, 60).unwrap();
    for night in day(6, 1).iter_days().take_while(|n| *n <= day(6, 3)) {
        let due = Utc.from_utc_datetime(&(night + Duration::days(1)).and_hms_opt(5, 5, 0).unwrap());
        app.take(med.id, Some(night), None, due).unwrap();
    }
    let bst = |h: u32, m: u32| Utc.from_utc_datetime(&day(6, 5).and_hms_opt(h - 1, m, 0).unwrap());
    assert!(!on_home_screen(&app, bst(8, 10)).contains(&SuggestionKind::MissedDoseGuidance));
    assert!(
        on_home_screen(&app, bst(8, 40)).contains(&SuggestionKind::MissedDoseGuidance),
        "past its 08:30 cutoff the dose is missed, though nothing was written"
    );
}
