//! The companion end to end on an in-memory store: what a user taps and what they then see.

mod common;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom};
use eventide_core::doselog::DoseStatus;
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{Medication, NewMedication, Slot};
use eventide_core::notify::{NotificationAction, NotificationKind, MAX_PENDING};
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::units::Micrograms;
use eventide_core::{ActionOutcome, Companion, Error};

fn london() -> std::sync::Arc<common::Iana> {
    common::zone("Europe/London")
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn amitriptyline(app: &Companion, now: DateTime<Utc>) -> Medication {
    app.add_medication(
        NewMedication {
            name: "Amitriptyline".into(),
            ingredient: Some(Ingredient::Amitriptyline),
            tablet_mg: vec![10.0, 25.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![],
            slot: Slot::Evening { lead_minutes: 90 },
        },
        now,
    )
    .unwrap()
}

fn titrating_app(now: DateTime<Utc>) -> (Companion, Medication) {
    let app = Companion::in_memory(london()).unwrap();
    app.set_bedtime(NaiveTime::from_hms_opt(22, 30, 0).unwrap(), &[])
        .unwrap();
    app.set_bedtime(
        NaiveTime::from_hms_opt(23, 30, 0).unwrap(),
        &[Weekday::Fri, Weekday::Sat],
    )
    .unwrap();
    let med = amitriptyline(&app, now);
    let kind = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(50),
    };
    app.set_plan(med.id, kind, None, &[], now).unwrap();
    (app, med)
}

#[test]
fn tonight_shows_the_dose_its_tablets_and_the_reminder_time() {
    // Thursday 4 June 2026, afternoon in London (BST).
    let now = utc(2026, 6, 4, 13, 0);
    let (app, _) = titrating_app(now);
    let today = app.today(now).unwrap();
    let card = today.doses.first().expect("a dose tonight");
    assert_eq!(card.dose, Micrograms::mg(10));
    assert_eq!(
        card.breakdown.as_ref().map(|b| b.to_string()),
        Some("1 × 10 mg".into())
    );
    assert_eq!(
        card.reminder_at.format("%H:%M %z").to_string(),
        "21:00 +0100"
    );
    assert_eq!(card.status, DoseStatus::Upcoming);
    let plan = today.plans.first().expect("plan shown");
    assert_eq!(
        plan.next_change
            .as_ref()
            .map(|c| (c.night, c.dose, c.needs_confirmation)),
        Some((day(6, 11), Micrograms::mg(20), true))
    );
}

#[test]
fn in_the_small_hours_the_screen_says_last_night_and_keeps_its_dose_open() {
    let (app, _) = titrating_app(utc(2026, 6, 4, 12, 0));
    let evening = app.today(utc(2026, 6, 4, 19, 0)).unwrap();
    assert_eq!(evening.night_label(), "Tonight");
    // 00:15 BST on Friday: still Thursday's night, its dose still to be recorded until its
    // latest time, 00:30 (two hours after the 22:30 bedtime).
    let small_hours = app.today(utc(2026, 6, 4, 23, 15)).unwrap();
    assert_eq!(small_hours.night, day(6, 4));
    assert_eq!(small_hours.night_label(), "Last night");
    assert_eq!(
        small_hours.doses.first().map(|d| &d.status),
        Some(&DoseStatus::Due)
    );
    // At 01:30 it is missed: no longer offered, and the card says what to do instead.
    let later = app.today(utc(2026, 6, 5, 0, 30)).unwrap();
    let card = later.doses.first().unwrap();
    assert_eq!(card.status, DoseStatus::Missed);
    assert!(card
        .guidance
        .as_deref()
        .unwrap_or_default()
        .contains("Do not take it now"));
    // After the 08:00 check-in time the screen is about Friday evening.
    let morning = app.today(utc(2026, 6, 5, 7, 30)).unwrap();
    assert_eq!(
        (morning.night, morning.night_label()),
        (day(6, 5), "Tonight")
    );
}

#[test]
fn tapping_taken_twice_records_once_and_skip_afterwards_is_refused() {
    let now = utc(2026, 6, 4, 20, 5);
    let (app, med) = titrating_app(utc(2026, 6, 4, 12, 0));
    let id = format!("dose:{}:0:2026-06-04", med.id);
    let first = app
        .handle_action(&id, NotificationAction::Taken, now)
        .unwrap();
    let second = app
        .handle_action(&id, NotificationAction::Taken, now + Duration::minutes(1))
        .unwrap();
    match (first, second) {
        (ActionOutcome::Dose(a), ActionOutcome::Dose(b)) => {
            assert!(a.recorded);
            assert!(!b.recorded, "the second tap changes nothing");
            assert!(matches!(b.status, DoseStatus::Taken { late: false, .. }));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(app.dose_events(day(6, 4), day(6, 4)).unwrap().len(), 1);
    let err = app.skip(med.id, None, None, now).unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err}");
    // The taken dose leaves the desired notifications.
    let pending = app.desired_notifications(now, 1).unwrap();
    assert!(!pending.iter().any(|n| n.id == id));
}

#[test]
fn a_missed_dose_is_not_doubled_and_late_doses_are_marked() {
    let (app, med) = titrating_app(utc(2026, 6, 4, 12, 0));
    // Nothing recorded on 4 June; next morning after the check-in time it is missed.
    let morning = utc(2026, 6, 5, 9, 0);
    let today = app.today(morning).unwrap();
    assert_eq!(today.night, day(6, 5));
    let events = app.dose_events(day(6, 4), day(6, 5)).unwrap();
    assert!(events.is_empty());
    // Tonight's dose is the plan's, not twice it.
    assert_eq!(
        today.doses.first().map(|d| d.dose),
        Some(Micrograms::mg(10))
    );
    // Last night's dose can no longer be taken; one really taken late is recorded with the
    // time it was taken, and counts as late.
    assert!(app.take(med.id, Some(day(6, 4)), None, morning).is_err());
    let out = app
        .take_at(
            med.id,
            Some(day(6, 4)),
            None,
            Some(NaiveTime::from_hms_opt(23, 15, 0).unwrap()),
            morning,
        )
        .unwrap();
    assert!(
        matches!(out.status, DoseStatus::Taken { late: true, .. }),
        "{out:?}"
    );
}

#[test]
fn snooze_moves_the_reminder_but_never_past_the_latest_time() {
    let (app, med) = titrating_app(utc(2026, 6, 4, 12, 0));
    let due = utc(2026, 6, 4, 20, 0); // 21:00 BST
    let out = app.snooze(med.id, None, 30, due).unwrap();
    assert_eq!(
        out.status,
        DoseStatus::Snoozed {
            until: due + Duration::minutes(30)
        }
    );
    let pending = app.desired_notifications(due, 1).unwrap();
    let dose = pending
        .iter()
        .find(|n| n.kind == NotificationKind::Dose)
        .unwrap();
    assert_eq!(dose.fire_at, due + Duration::minutes(30));
    // At 23:45 a 4-hour snooze stops ten minutes before the 00:30 latest time.
    let late = app
        .snooze(med.id, None, 240, utc(2026, 6, 4, 22, 45))
        .unwrap();
    assert_eq!(
        late.status,
        DoseStatus::Snoozed {
            until: utc(2026, 6, 4, 23, 20)
        }
    );
}

#[test]
fn pending_notifications_are_bounded_and_soonest_first() {
    let now = utc(2026, 6, 1, 12, 0);
    let app = Companion::in_memory(london()).unwrap();
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let gaba = app
        .add_medication(
            NewMedication {
                name: "Gabapentin".into(),
                ingredient: Some(Ingredient::Gabapentin),
                tablet_mg: vec![300.0],
                can_halve: false,
                liquid_mg_per_5ml: vec![],
                slot: Slot::Times {
                    times: vec![t(8), t(14), t(22)],
                },
            },
            now,
        )
        .unwrap();
    app.set_plan(
        gaba.id,
        PlanKind::Maintenance {
            dose: Micrograms::mg(300),
        },
        None,
        &[],
        now,
    )
    .unwrap();
    let list = app.desired_notifications(now, 30).unwrap();
    assert_eq!(list.len(), MAX_PENDING);
    assert!(list.windows(2).all(|w| w[0].fire_at <= w[1].fire_at));
    assert!(list.iter().all(|n| n.fire_at > now));
    let first = list.first().unwrap();
    assert_eq!(
        (first.kind, first.fire_at_local.format("%H:%M").to_string()),
        (NotificationKind::Dose, "14:00".into())
    );
    assert_eq!(first.actions, NotificationAction::DOSE.to_vec());
}

#[test]
fn the_titration_waits_for_tolerance_and_check_ins_update_in_place() {
    let start = utc(2026, 6, 1, 12, 0);
    let (app, med) = titrating_app(start);
    // A week on, without confirmation, the dose holds and the plan says it is waiting.
    let week = utc(2026, 6, 9, 12, 0);
    let view = app.plan_view(med.id, week).unwrap();
    assert_eq!(view.current_dose, Micrograms::mg(10));
    assert!(view.awaiting_confirmation);
    let view = app.confirm_tolerable(med.id, week).unwrap();
    assert_eq!(view.current_dose, Micrograms::mg(20));
    // Check-ins: a second answer the same morning updates the first and keeps the details.
    let answer = CheckInAnswer {
        feeling: Some(Feeling::Groggy),
        pain: Some(5),
        effects: vec![Symptom::DryMouth],
        note: None,
    };
    app.check_in(answer, None, week).unwrap();
    let id = format!("checkin:{}", day(6, 9));
    app.handle_action(
        &id,
        NotificationAction::SleptBadly,
        week + Duration::minutes(5),
    )
    .unwrap();
    let saved = app.checkins(day(6, 9), day(6, 9)).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].feeling, saved[0].pain),
        (Feeling::SleptBadly, Some(5))
    );
}

#[test]
fn repeated_bad_nights_on_evening_doses_suggest_asking_about_mornings() {
    let start = utc(2026, 6, 1, 12, 0);
    let (app, med) = titrating_app(start);
    // Bad nights on nights 2, 4, 6 and 8: the first is within the settling nights after
    // starting, so the question waits for the third one after that (night 8).
    for d in 1..=8u32 {
        let evening = utc(2026, 6, d, 20, 10);
        app.take(med.id, None, None, evening).unwrap();
        let feeling = if d % 2 == 0 {
            Feeling::SleptBadly
        } else {
            Feeling::Fine
        };
        app.check_in(
            CheckInAnswer {
                feeling: Some(feeling),
                ..Default::default()
            },
            None,
            utc(2026, 6, d + 1, 7, 30),
        )
        .unwrap();
    }
    let before = app.today(utc(2026, 6, 8, 12, 0)).unwrap();
    assert!(before.suggestions.is_empty(), "{:?}", before.suggestions);
    let today = app.today(utc(2026, 6, 9, 12, 0)).unwrap();
    let s = today.suggestions.first().expect("a suggestion");
    assert!(s.question.contains("morning"), "{}", s.question);
    assert!(s.evidence.len() >= 3);
    app.dismiss_suggestion(&s.id, utc(2026, 6, 9, 12, 5))
        .unwrap();
    assert!(app
        .today(utc(2026, 6, 9, 12, 10))
        .unwrap()
        .suggestions
        .iter()
        .all(|x| x.id != s.id));
}

#[test]
fn unusual_plans_need_confirmation_and_impossible_doses_are_refused() {
    let now = utc(2026, 6, 1, 12, 0);
    let app = Companion::in_memory(london()).unwrap();
    let med = amitriptyline(&app, now);
    let high = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(100),
    };
    let err = app
        .set_plan(med.id, high.clone(), None, &[], now)
        .unwrap_err();
    let Error::NeedsConfirmation { warnings } = err else {
        panic!("expected a confirmation request")
    };
    let view = app.set_plan(med.id, high, None, &warnings, now).unwrap();
    assert_eq!(view.version, 1);
    // 7.5 mg cannot be made from 10 and 25 mg tablets: refused, nothing saved.
    let err = app
        .set_plan(
            med.id,
            PlanKind::Maintenance {
                dose: Micrograms(7_500),
            },
            None,
            &[],
            now,
        )
        .unwrap_err();
    assert!(matches!(err, Error::DoseNotMeasurable { .. }), "{err}");
    assert_eq!(app.plan_history(med.id).unwrap().len(), 1);
}

#[test]
fn a_taper_starts_from_tonights_dose_and_a_hold_shifts_it() {
    let now = utc(2026, 6, 1, 12, 0);
    let app = Companion::in_memory(london()).unwrap();
    let med = amitriptyline(&app, now);
    app.set_plan(
        med.id,
        PlanKind::Maintenance {
            dose: Micrograms::mg(50),
        },
        None,
        &[],
        now,
    )
    .unwrap();
    let view = app
        .start_taper(
            med.id,
            TaperMethod::Linear {
                step: Micrograms::mg(10),
            },
            14,
            None,
            &[],
            utc(2026, 6, 10, 12, 0),
        )
        .unwrap();
    assert_eq!(view.version, 2);
    assert_eq!(view.current_dose, Micrograms::mg(50));
    assert_eq!(
        view.next_change.as_ref().map(|c| (c.night, c.dose)),
        Some((day(6, 24), Micrograms::mg(40)))
    );
    let held = app.hold_step(med.id, 7, utc(2026, 6, 20, 12, 0)).unwrap();
    assert_eq!(held.next_change.map(|c| c.night), Some(day(7, 1)));
}
