//! The first-week defects of issue #19, each as the user met it through the CLI (here through
//! the same core calls), with `now` and the zone fixed. Every test is named after what the
//! user saw go wrong; each failed before its fix.

mod common;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom};
use eventide_core::doselog::{DoseAction, DoseStatus};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{Medication, NewMedication, Slot};
use eventide_core::notify::{NotificationAction, NotificationKind};
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::report::{ReportFormat, ReportRequest};
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Error};

fn london() -> std::sync::Arc<common::Iana> {
    common::zone("Europe/London")
}

/// An instant given as London summer time (BST, UTC+1): every date here is in June 2026.
fn bst(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, min, 0).unwrap() - Duration::hours(1)
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn mg(n: u32) -> Micrograms {
    Micrograms::mg(n)
}

fn app() -> Companion {
    let app = Companion::in_memory(london()).unwrap();
    app.set_bedtime(t(22, 30), &[]).unwrap();
    app
}

fn add(
    app: &Companion,
    name: &str,
    ingredient: Ingredient,
    tablets: &[f64],
    slot: Slot,
    now: DateTime<Utc>,
) -> Medication {
    app.add_medication(
        NewMedication {
            name: name.into(),
            ingredient: Some(ingredient),
            tablet_mg: tablets.to_vec(),
            can_halve: false,
            liquid_mg_per_5ml: vec![],
            slot,
        },
        now,
    )
    .unwrap()
}

/// Amitriptyline 10 mg every evening (reminder 21:00 for a 22:30 bedtime), added on 1 June.
fn evening(app: &Companion) -> Medication {
    let now = bst(6, 1, 12, 0);
    let med = add(
        app,
        "Amitriptyline",
        Ingredient::Amitriptyline,
        &[10.0, 25.0],
        Slot::Evening { lead_minutes: 90 },
        now,
    );
    app.set_plan(
        med.id,
        PlanKind::Maintenance { dose: mg(10) },
        None,
        &[],
        now,
    )
    .unwrap();
    med
}

/// Gabapentin 300 mg at 08:00, 14:00 and 20:00, added at `now`.
fn three_times(app: &Companion, now: DateTime<Utc>) -> Medication {
    let med = add(
        app,
        "Gabapentin",
        Ingredient::Gabapentin,
        &[300.0],
        Slot::Times {
            times: vec![t(8, 0), t(14, 0), t(20, 0)],
        },
        now,
    );
    app.set_plan(
        med.id,
        PlanKind::Maintenance { dose: mg(300) },
        None,
        &[],
        now,
    )
    .unwrap();
    med
}

// ----- data loss -----

#[test]
fn a_report_or_backup_aimed_at_the_open_database_is_refused_and_the_data_stays() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventide.db");
    let app = Companion::open(&db, london()).unwrap();
    app.set_bedtime(t(22, 30), &[]).unwrap();
    evening(&app);
    let now = bst(6, 2, 12, 0);
    let aliases = [
        db.clone(),
        dir.path().join("eventide.db-wal"),
        dir.path().join("eventide.db-shm"),
        dir.path().join(".").join("eventide.db"),
    ];
    for target in &aliases {
        let err = app
            .write_report(ReportFormat::Csv, &ReportRequest::default(), target, now)
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput { ref field, .. } if field == "out"),
            "{err}"
        );
        let err = app.write_backup(target, now).unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput { ref field, .. } if field == "out"),
            "{err}"
        );
    }
    drop(app);
    let again = Companion::open(&db, london()).unwrap();
    assert_eq!(again.medications().unwrap().len(), 1);
    // Any other file is written as before.
    again
        .write_report(
            ReportFormat::Csv,
            &ReportRequest::default(),
            &dir.path().join("log.csv"),
            now,
        )
        .unwrap();
}

// ----- records that are not what happened -----

#[test]
fn take_at_08_05_does_not_record_tonights_dose_13_hours_early() {
    let app = app();
    let med = evening(&app);
    let morning = bst(6, 2, 8, 5);
    let err = app.take(med.id, None, None, morning).unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err}");
    assert!(
        err.to_string().contains("21:00"),
        "says when tonight's dose is due, in phone time: {err}"
    );
    assert!(app.dose_events(day(6, 1), day(6, 2)).unwrap().is_empty());
    // Tonight's reminder is still there.
    let pending = app.desired_notifications(morning, 1).unwrap();
    assert!(pending.iter().any(|n| n.kind == NotificationKind::Dose
        && n.date == day(6, 2)
        && n.fire_at == bst(6, 2, 21, 0)));
    let card = app
        .today(morning)
        .unwrap()
        .doses
        .into_iter()
        .next()
        .unwrap();
    assert_eq!((card.night, card.status), (day(6, 2), DoseStatus::Upcoming));
}

#[test]
fn snooze_at_noon_never_moves_tonights_2100_reminder_earlier() {
    let app = app();
    let med = evening(&app);
    let noon = bst(6, 2, 12, 0);
    // Refused or a no-op: either way the reminder stays at 21:00.
    let _ = app.snooze(med.id, None, 30, noon);
    let pending = app.desired_notifications(noon, 1).unwrap();
    let tonight = pending
        .iter()
        .find(|n| n.kind == NotificationKind::Dose && n.date == day(6, 2))
        .expect("tonight's reminder");
    assert_eq!(tonight.fire_at, bst(6, 2, 21, 0));
    // Once it is due, a snooze moves it later, and a shorter second snooze never earlier.
    app.snooze(med.id, None, 60, bst(6, 2, 21, 0)).unwrap();
    let again = app.snooze(med.id, None, 10, bst(6, 2, 21, 5)).unwrap();
    assert_eq!(
        again.status,
        DoseStatus::Snoozed {
            until: bst(6, 2, 22, 0)
        },
        "{}",
        again.message
    );
}

#[test]
fn taking_a_three_times_a_day_medicine_twice_without_a_slot_records_once() {
    let app = app();
    let med = three_times(&app, bst(6, 1, 12, 0));
    // 12:30: the 08:00 dose (until 14:00) and the 14:00 dose (from 12:00) are both open; the
    // user names the 08:00 one.
    let at = bst(6, 2, 12, 30);
    let first = app.take(med.id, None, Some(0), at).unwrap();
    assert!(first.recorded);
    let second = app
        .take(med.id, None, None, at + Duration::minutes(1))
        .unwrap();
    assert!(
        !second.recorded,
        "the help says a second time changes nothing: {second:?}"
    );
    let taken = app.dose_events(day(6, 2), day(6, 2)).unwrap();
    assert_eq!(taken.len(), 1, "{taken:?}");
}

#[test]
fn an_ambiguous_tap_is_a_question_not_a_guess() {
    let app = app();
    let med = three_times(&app, bst(6, 1, 12, 0));
    let err = app.take(med.id, None, None, bst(6, 2, 12, 30)).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("08:00") && text.contains("14:00"), "{text}");
    assert!(app.dose_events(day(6, 2), day(6, 2)).unwrap().is_empty());
}

#[test]
fn doses_due_before_the_medicine_was_added_are_not_missed_nor_counted() {
    let app = app();
    let med = three_times(&app, bst(6, 2, 15, 0));
    let screen = app.today(bst(6, 2, 15, 5)).unwrap();
    assert_eq!(
        screen
            .doses
            .iter()
            .map(|d| d.slot_label.as_str())
            .collect::<Vec<_>>(),
        ["14:00", "20:00"],
        "the 08:00 dose had closed before the medicine was added; the 14:00 one is still open"
    );
    // The 14:00 dose was probably taken before the app knew of it: left unrecorded, it is
    // not missed. The 20:00 dose is taken.
    app.take(med.id, None, Some(2), bst(6, 2, 20, 5)).unwrap();
    let evening = app.today(bst(6, 2, 20, 30)).unwrap();
    assert!(
        evening.doses.iter().all(|d| d.status != DoseStatus::Missed),
        "{:?}",
        evening.doses
    );
    let report = app
        .report_data(&ReportRequest::default(), bst(6, 3, 21, 0))
        .unwrap();
    let rows = &report.medications[0].doses;
    assert!(
        rows.iter()
            .all(|r| r.night != day(6, 2) || r.slot_index == 2),
        "only the 20:00 dose of the day it was added is in the log: {rows:?}"
    );
    let csv = String::from_utf8(
        app.export_report(
            ReportFormat::Csv,
            &ReportRequest::default(),
            bst(6, 2, 21, 0),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(!csv.contains("dose_missed"), "{csv}");
}

#[test]
fn re_answering_a_checkin_can_remove_a_symptom_and_clear_pain_and_note() {
    let app = app();
    evening(&app);
    let morning = bst(6, 2, 8, 10);
    app.check_in(
        CheckInAnswer {
            feeling: Some(Feeling::Groggy),
            pain: Some(4),
            effects: vec![Symptom::DryMouth, Symptom::Dizziness],
            note: Some("heavy head".into()),
        },
        None,
        morning,
    )
    .unwrap();
    let again = app
        .check_in(
            CheckInAnswer {
                feeling: Some(Feeling::Groggy),
                pain: None,
                effects: vec![Symptom::Dizziness],
                note: None,
            },
            None,
            morning + Duration::minutes(5),
        )
        .unwrap();
    assert_eq!(
        (again.pain, again.effects.clone(), again.note.clone()),
        (None, vec![Symptom::Dizziness], None)
    );
    let none = app
        .check_in(
            CheckInAnswer {
                feeling: Some(Feeling::Fine),
                ..Default::default()
            },
            None,
            morning + Duration::minutes(6),
        )
        .unwrap();
    assert!(none.effects.is_empty(), "{none:?}");
    // The notification's one-tap answer changes the feeling only.
    app.check_in(
        CheckInAnswer {
            feeling: Some(Feeling::Groggy),
            pain: Some(3),
            effects: vec![Symptom::Nausea],
            note: Some("kept".into()),
        },
        None,
        morning + Duration::minutes(7),
    )
    .unwrap();
    app.handle_action(
        "checkin:2026-06-02",
        NotificationAction::Fine,
        morning + Duration::minutes(8),
    )
    .unwrap();
    let kept = app.checkins(day(6, 2), day(6, 2)).unwrap().remove(0);
    assert_eq!(
        (kept.feeling, kept.pain, kept.effects, kept.note.as_deref()),
        (Feeling::Fine, Some(3), vec![Symptom::Nausea], Some("kept"))
    );
}

#[test]
fn a_bedtime_of_10_30_is_refused_not_read_as_the_next_morning() {
    let app = app();
    let err = app.set_bedtime(t(10, 30), &[]).unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, ref reason } if field == "bedtime" && reason.contains("22:30")),
        "{err}"
    );
    assert_eq!(app.day_settings().unwrap().bedtimes.default, t(22, 30));
    // Half past midnight is still a bedtime.
    app.set_bedtime(t(0, 30), &[]).unwrap();
}

// ----- plans shown wrong -----

#[test]
fn a_plan_version_starting_later_is_the_next_change_on_plan_show_and_today() {
    let app = app();
    let med = evening(&app);
    let now = bst(6, 2, 12, 0);
    app.set_plan(
        med.id,
        PlanKind::Maintenance { dose: mg(20) },
        Some(day(6, 10)),
        &[],
        now,
    )
    .unwrap();
    let view = app.plan_view(med.id, now).unwrap();
    assert_eq!(view.current_dose, mg(10));
    assert_eq!(
        view.next_change.as_ref().map(|n| (n.night, n.dose)),
        Some((day(6, 10), mg(20))),
        "{view:?}"
    );
    assert!(view.status_line.contains("20 mg"), "{}", view.status_line);
    let screen = app.today(now).unwrap();
    assert_eq!(screen.plans[0].next_change, view.next_change);
    // The reminder on that night uses the new dose, as the plan view now says.
    let pending = app.desired_notifications(bst(6, 9, 12, 0), 2).unwrap();
    assert!(pending
        .iter()
        .any(|n| n.date == day(6, 10) && n.title.contains("20 mg")));
}

#[test]
fn a_first_plan_starting_in_the_future_is_shown_as_upcoming_not_step_1_at_0_mg() {
    let app = app();
    let now = bst(6, 2, 12, 0);
    let med = add(
        &app,
        "Amitriptyline",
        Ingredient::Amitriptyline,
        &[10.0],
        Slot::Evening { lead_minutes: 90 },
        now,
    );
    let titration = PlanKind::Titration {
        start: mg(10),
        step: mg(10),
        every_days: 7,
        target: mg(30),
    };
    app.set_plan(med.id, titration, Some(day(6, 10)), &[], now)
        .unwrap();
    let view = app.plan_view(med.id, now).unwrap();
    assert_eq!(view.current_step, 0, "not started: {view:?}");
    assert_eq!(
        view.next_change.as_ref().map(|n| (n.night, n.dose)),
        Some((day(6, 10), mg(10)))
    );
    assert!(
        view.status_line.contains("Wed 10 Jun"),
        "{}",
        view.status_line
    );
}

#[test]
fn while_a_step_up_awaits_confirmation_plan_show_keeps_the_current_step() {
    let app = app();
    let med = weekly_titration(&app);
    // The step-up was due on 8 June; on 9 June nothing has been confirmed.
    let view = app.plan_view(med.id, bst(6, 9, 12, 0)).unwrap();
    assert!(view.awaiting_confirmation);
    assert_eq!(
        (view.current_step, view.current_dose),
        (1, mg(10)),
        "{view:?}"
    );
    assert_eq!(
        view.next_change
            .as_ref()
            .map(|n| (n.dose, n.needs_confirmation)),
        Some((mg(20), true))
    );
}

#[test]
fn a_hold_placed_while_a_step_up_awaits_confirmation_survives_the_confirmation() {
    let app = app();
    let med = weekly_titration(&app);
    app.hold_step(med.id, 7, bst(6, 9, 12, 0)).unwrap();
    app.confirm_tolerable(med.id, bst(6, 10, 12, 0)).unwrap();
    let view = app.plan_view(med.id, bst(6, 10, 12, 0)).unwrap();
    assert_eq!(view.current_dose, mg(10), "the hold still holds: {view:?}");
    assert_eq!(
        view.next_change.as_ref().map(|n| (n.night, n.dose)),
        Some((day(6, 16), mg(20)))
    );
    let card = app.today(bst(6, 12, 12, 0)).unwrap().doses.remove(0);
    assert_eq!(card.dose, mg(10));
    let card = app.today(bst(6, 16, 12, 0)).unwrap().doses.remove(0);
    assert_eq!(card.dose, mg(20));
}

/// Amitriptyline 10 → 30 mg, +10 mg a week from 1 June (the first step-up due on 8 June).
fn weekly_titration(app: &Companion) -> Medication {
    let now = bst(6, 1, 12, 0);
    let med = add(
        app,
        "Amitriptyline",
        Ingredient::Amitriptyline,
        &[10.0],
        Slot::Evening { lead_minutes: 90 },
        now,
    );
    let titration = PlanKind::Titration {
        start: mg(10),
        step: mg(10),
        every_days: 7,
        target: mg(30),
    };
    app.set_plan(med.id, titration, None, &[], now).unwrap();
    med
}

/// A taper from tonight's dose, 10 mg less every `every` nights, saved with any warning it
/// raises confirmed (as `--confirm` does).
fn taper_by_10_mg(app: &Companion, med: &Medication, every: u32) -> eventide_core::view::PlanView {
    let taper = |confirmed: &[String]| {
        app.start_taper(
            med.id,
            TaperMethod::Linear { step: mg(10) },
            every,
            None,
            confirmed,
            bst(6, 2, 12, 0),
        )
    };
    match taper(&[]) {
        Err(Error::NeedsConfirmation { warnings }) => taper(&warnings),
        other => other,
    }
    .unwrap()
}

// ----- smaller things -----

#[test]
fn a_morning_dose_tapped_at_night_is_not_recorded_and_the_error_uses_phone_time() {
    let app = app();
    let now = bst(6, 1, 12, 0);
    let med = add(
        &app,
        "Duloxetine",
        Ingredient::Duloxetine,
        &[30.0],
        Slot::Morning { time: t(8, 0) },
        now,
    );
    app.set_plan(
        med.id,
        PlanKind::Maintenance { dose: mg(30) },
        None,
        &[],
        now,
    )
    .unwrap();
    let err = app.take(med.id, None, None, bst(6, 2, 21, 0)).unwrap_err();
    let text = err.to_string();
    assert!(!text.contains("UTC") && !text.contains("07:00"), "{text}");
    assert!(text.contains("08:00"), "{text}");
}

#[test]
fn a_tap_after_both_open_doses_are_taken_changes_nothing_instead_of_naming_a_taken_dose() {
    let app = app();
    let med = three_times(&app, bst(6, 1, 12, 0));
    app.take(med.id, None, None, bst(6, 2, 8, 5)).unwrap();
    app.take(med.id, None, Some(1), bst(6, 2, 12, 30)).unwrap();
    let out = app.take(med.id, None, None, bst(6, 2, 13, 0)).unwrap();
    assert!(!out.recorded, "{out:?}");
    assert!(!out.message.contains("UTC"), "{}", out.message);
}

#[test]
fn snooze_on_a_medicine_without_a_plan_is_refused_like_take() {
    let app = app();
    let now = bst(6, 2, 21, 0);
    let med = add(
        &app,
        "Amitriptyline",
        Ingredient::Amitriptyline,
        &[10.0],
        Slot::Evening { lead_minutes: 90 },
        bst(6, 1, 12, 0),
    );
    let take = app.take(med.id, None, None, now).unwrap_err();
    let snooze = app.snooze(med.id, None, 30, now).unwrap_err();
    assert!(matches!(take, Error::Conflict { .. }), "{take}");
    assert!(matches!(snooze, Error::Conflict { .. }), "{snooze}");
    assert!(app.dose_events(day(6, 2), day(6, 2)).unwrap().is_empty());
}

#[test]
fn a_hold_after_the_taper_has_ended_is_refused() {
    let app = app();
    let med = evening(&app);
    taper_by_10_mg(&app, &med, 7);
    // 10 mg until 9 June, then 0 mg: the taper is over.
    let err = app.hold_step(med.id, 7, bst(6, 12, 12, 0)).unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err}");
}

#[test]
fn a_taper_from_above_tonights_dose_asks_before_it_raises_the_dose() {
    let app = app();
    let med = evening(&app);
    let err = app
        .start_taper(
            med.id,
            TaperMethod::Linear { step: mg(5) },
            14,
            Some(mg(25)),
            &[],
            bst(6, 2, 12, 0),
        )
        .unwrap_err();
    let Error::NeedsConfirmation { warnings } = err else {
        panic!("expected a warning to confirm, got {err}")
    };
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("25 mg") && w.contains("10 mg")),
        "{warnings:?}"
    );
}

#[test]
fn a_one_percent_taper_is_refused_for_its_real_reason_not_a_false_warning() {
    let app = app();
    let now = bst(6, 1, 12, 0);
    let med = app
        .add_medication(
            NewMedication {
                name: "Amitriptyline".into(),
                ingredient: Some(Ingredient::Amitriptyline),
                tablet_mg: vec![10.0, 25.0],
                can_halve: false,
                liquid_mg_per_5ml: vec![10.0],
                slot: Slot::Evening { lead_minutes: 90 },
            },
            now,
        )
        .unwrap();
    app.set_plan(
        med.id,
        PlanKind::Maintenance { dose: mg(50) },
        None,
        &[],
        now,
    )
    .unwrap();
    let err = app
        .start_taper(
            med.id,
            TaperMethod::Proportional { percent: 1 },
            14,
            None,
            &[],
            now,
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { .. }),
        "no taper is saved, and the reason is its length, not its last step: {err}"
    );
}

#[test]
fn a_checkin_years_in_the_past_is_refused() {
    let app = app();
    evening(&app);
    let err = app
        .check_in(
            CheckInAnswer {
                feeling: Some(Feeling::Fine),
                ..Default::default()
            },
            Some(NaiveDate::from_ymd_opt(2019, 6, 2).unwrap()),
            bst(6, 2, 9, 0),
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, .. } if field == "morning"),
        "{err}"
    );
}

#[test]
fn report_ranges_that_meet_never_share_a_checkin() {
    let app = app();
    evening(&app);
    for d in 2..=6 {
        app.check_in(
            CheckInAnswer {
                feeling: Some(Feeling::Fine),
                ..Default::default()
            },
            Some(day(6, d)),
            bst(6, d, 9, 0),
        )
        .unwrap();
    }
    let now = bst(6, 6, 12, 0);
    let range = |from, to| {
        app.report_data(
            &ReportRequest {
                from: Some(day(6, from)),
                to: Some(day(6, to)),
                patient_name: None,
            },
            now,
        )
        .unwrap()
        .checkins
        .iter()
        .map(|c| c.morning)
        .collect::<Vec<_>>()
    };
    let first = range(1, 2);
    let second = range(3, 4);
    assert!(
        first.iter().all(|m| !second.contains(m)),
        "{first:?} and {second:?} overlap"
    );
    // Each check-in belongs to the night before it.
    assert_eq!(first, vec![day(6, 2), day(6, 3)]);
}

#[test]
fn a_csv_note_starting_with_a_formula_sign_is_escaped() {
    let app = app();
    evening(&app);
    for (d, note) in [
        (2, "=HYPERLINK(\"http://x\")"),
        (3, "+1 dose"),
        (4, "-sick"),
        (5, "@home"),
    ] {
        app.check_in(
            CheckInAnswer {
                feeling: Some(Feeling::Fine),
                note: Some(note.into()),
                ..Default::default()
            },
            Some(day(6, d)),
            bst(6, d, 9, 0),
        )
        .unwrap();
    }
    let csv = String::from_utf8(
        app.export_report(
            ReportFormat::Csv,
            &ReportRequest::default(),
            bst(6, 5, 12, 0),
        )
        .unwrap(),
    )
    .unwrap();
    for cell in [
        "\"'=HYPERLINK(\"\"http://x\"\")\"",
        "\"'+1 dose\"",
        "\"'-sick\"",
        "\"'@home\"",
    ] {
        assert!(csv.contains(cell), "{cell} missing in\n{csv}");
    }
}

#[test]
fn a_skip_later_changed_to_taken_leaves_its_row_in_the_csv() {
    let app = app();
    let med = evening(&app);
    let skip = app.skip(med.id, None, None, bst(6, 2, 21, 5)).unwrap();
    assert!(skip.recorded);
    app.take(med.id, None, None, bst(6, 2, 21, 30)).unwrap();
    let events = app.dose_events(day(6, 2), day(6, 2)).unwrap();
    let skip_id = events
        .iter()
        .find(|e| e.action == DoseAction::Skipped)
        .map(|e| e.id.to_string())
        .unwrap();
    let csv = String::from_utf8(
        app.export_report(
            ReportFormat::Csv,
            &ReportRequest::default(),
            bst(6, 3, 12, 0),
        )
        .unwrap(),
    )
    .unwrap();
    let row = csv
        .lines()
        .find(|l| l.contains(&skip_id))
        .unwrap_or_default();
    assert!(
        row.contains("2026-06-02T21:05:00+01:00"),
        "the skip keeps its row:\n{csv}"
    );
}

#[test]
fn one_is_singular_every_day_and_one_night() {
    let app = app();
    let med = evening(&app);
    let view = taper_by_10_mg(&app, &med, 1);
    assert!(!view.description.contains("1 days"), "{}", view.description);
    assert!(
        view.description.contains("every day"),
        "{}",
        view.description
    );
    let html = String::from_utf8(
        app.export_report(
            ReportFormat::Html,
            &ReportRequest {
                from: Some(day(6, 2)),
                to: Some(day(6, 2)),
                patient_name: None,
            },
            bst(6, 3, 12, 0),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(!html.contains("(1 nights)"), "{html}");
}
