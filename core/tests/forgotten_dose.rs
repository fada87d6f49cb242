//! A forgotten evening dose (issue #14, item 3) and the one rule for which dose a tap means
//! (issue #19): each evening dose has a latest time (default two hours after that night's
//! bedtime); after it the dose is no longer offered, the screen, the notification answer and
//! the CLI show the missed-dose guidance, and a dose really taken earlier is recorded with the
//! time it was taken.

mod common;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use eventide_core::doselog::{DoseAction, DoseStatus};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{Medication, NewMedication, Slot};
use eventide_core::notify::{NotificationAction, NotificationKind};
use eventide_core::plan::PlanKind;
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Error};

/// London summer time (UTC+1), June 2026.
fn bst(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, min, 0).unwrap() - Duration::hours(1)
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn app() -> Companion {
    let app = Companion::in_memory(common::zone("Europe/London")).unwrap();
    app.set_bedtime(t(22, 30), &[]).unwrap();
    app
}

fn add(app: &Companion, name: &str, ingredient: Ingredient, tablet: f64, slot: Slot) -> Medication {
    let now = bst(6, 1, 12, 0);
    let med = app
        .add_medication(
            NewMedication {
                name: name.into(),
                ingredient: Some(ingredient),
                tablet_mg: vec![tablet],
                can_halve: false,
                liquid_mg_per_5ml: vec![],
                slot,
            },
            now,
        )
        .unwrap();
    app.set_plan(
        med.id,
        PlanKind::Maintenance {
            dose: Micrograms((tablet * 1000.0) as u32),
        },
        None,
        &[],
        now,
    )
    .unwrap();
    med
}

/// Amitriptyline 10 mg at 21:00 for a 22:30 bedtime: its latest time is 00:30.
fn evening(app: &Companion) -> Medication {
    add(
        app,
        "Amitriptyline",
        Ingredient::Amitriptyline,
        10.0,
        Slot::Evening { lead_minutes: 90 },
    )
}

/// Gabapentin 300 mg at 08:00, 14:00 and 20:00.
fn gabapentin(app: &Companion) -> Medication {
    add(
        app,
        "Gabapentin",
        Ingredient::Gabapentin,
        300.0,
        Slot::Times {
            times: vec![t(8, 0), t(14, 0), t(20, 0)],
        },
    )
}

const GUIDANCE: &str = "do not take a double dose";

#[test]
fn a_forgotten_evening_dose_is_not_offered_the_next_morning() {
    let app = app();
    let med = evening(&app);
    // 07:15 on Wednesday: still Tuesday's night on screen, but past its 00:30 latest time.
    let morning = bst(6, 3, 7, 15);
    let card = app.today(morning).unwrap().doses.remove(0);
    assert_eq!((card.night, &card.status), (day(6, 2), &DoseStatus::Missed));
    let guidance = card
        .guidance
        .clone()
        .expect("the screen shows the missed-dose guidance");
    assert!(
        guidance.contains("Do not take it now") && guidance.contains(GUIDANCE),
        "{guidance}"
    );
    assert_eq!(card.cutoff.format("%H:%M").to_string(), "00:30");

    // Neither the app nor the notification's button records it as taken.
    let err = app.take(med.id, None, None, morning).unwrap_err();
    assert!(err.to_string().contains(GUIDANCE), "{err}");
    let err = app
        .take(med.id, Some(day(6, 2)), None, morning)
        .unwrap_err();
    assert!(err.to_string().contains(GUIDANCE), "{err}");
    let id = format!("dose:{}:0:2026-06-02", med.id);
    let err = app
        .handle_action(&id, NotificationAction::Taken, morning)
        .unwrap_err();
    assert!(err.to_string().contains(GUIDANCE), "{err}");
    assert!(app.dose_events(day(6, 2), day(6, 3)).unwrap().is_empty());

    // After the 08:00 rollover, a tap means neither last night's dose nor tonight's.
    let later = bst(6, 3, 8, 5);
    let err = app.take(med.id, None, None, later).unwrap_err();
    assert!(err.to_string().contains("21:00"), "{err}");
    assert!(app.dose_events(day(6, 2), day(6, 3)).unwrap().is_empty());
}

#[test]
fn a_dose_really_taken_before_the_latest_time_is_recorded_with_that_time() {
    let app = app();
    let med = evening(&app);
    let morning = bst(6, 3, 7, 15);
    let out = app
        .take_at(med.id, Some(day(6, 2)), None, Some(t(22, 50)), morning)
        .unwrap();
    assert!(out.recorded);
    let DoseStatus::Taken { at, late, .. } = out.status else {
        panic!("{out:?}")
    };
    assert_eq!(at.to_rfc3339(), "2026-06-02T22:50:00+01:00");
    assert!(!late, "taken 1 h 50 min after the 21:00 reminder");
    let events = app.dose_events(day(6, 2), day(6, 2)).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].recorded_at.to_rfc3339(),
        "2026-06-03T07:15:00+01:00"
    );
    assert!(matches!(
        events[0].action,
        DoseAction::Taken { late: false, .. }
    ));

    // A time after the latest one, or one that has not come yet, records nothing.
    let app = self::app();
    let med = evening(&app);
    let err = app
        .take_at(med.id, Some(day(6, 2)), None, Some(t(1, 0)), morning)
        .unwrap_err();
    assert!(err.to_string().contains("00:30"), "{err}");
    let err = app
        .take_at(med.id, None, None, Some(t(21, 30)), bst(6, 2, 21, 10))
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, .. } if field == "at"),
        "{err}"
    );
    // Without --night, the time alone finds last night's dose.
    let out = app
        .take_at(med.id, None, None, Some(t(23, 55)), morning)
        .unwrap();
    assert_eq!(out.night, day(6, 2));
    assert!(
        matches!(out.status, DoseStatus::Taken { late: true, .. }),
        "{out:?}"
    );
}

#[test]
fn every_slot_can_be_recorded_afterwards_with_the_time_it_was_taken() {
    let app = app();
    let gaba = gabapentin(&app);
    let out = app
        .take_at(
            gaba.id,
            Some(day(6, 2)),
            Some(0),
            Some(t(8, 10)),
            bst(6, 2, 16, 0),
        )
        .unwrap();
    assert!(
        matches!(out.status, DoseStatus::Taken { at, late: false, .. } if at.to_rfc3339() == "2026-06-02T08:10:00+01:00"),
        "{out:?}"
    );
    let morning = add(
        &app,
        "Duloxetine",
        Ingredient::Duloxetine,
        30.0,
        Slot::Morning { time: t(8, 0) },
    );
    let out = app
        .take_at(
            morning.id,
            Some(day(6, 2)),
            None,
            Some(t(9, 0)),
            bst(6, 3, 7, 0),
        )
        .unwrap();
    assert!(
        matches!(out.status, DoseStatus::Taken { late: false, .. }),
        "{out:?}"
    );
}

#[test]
fn the_latest_time_is_a_per_medicine_setting() {
    let app = app();
    let med = evening(&app);
    assert_eq!(med.latest_after_bedtime_minutes, 120);
    let med = app.set_latest_time(med.id, 60).unwrap();
    assert_eq!(med.latest_after_bedtime_minutes, 60);
    let card = app.today(bst(6, 2, 23, 45)).unwrap().doses.remove(0);
    assert_eq!(card.status, DoseStatus::Missed, "23:30 was the latest time");
    let err = app.set_latest_time(med.id, 241).unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, .. } if field == "latest"),
        "{err}"
    );
    let morning = add(
        &app,
        "Duloxetine",
        Ingredient::Duloxetine,
        30.0,
        Slot::Morning { time: t(8, 0) },
    );
    let err = app.set_latest_time(morning.id, 60).unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, .. } if field == "latest"),
        "{err}"
    );
}

#[test]
fn no_reminder_or_snooze_is_offered_past_the_latest_time() {
    let app = app();
    let med = evening(&app);
    let latest = bst(6, 3, 0, 30);
    // The reminder says until when the dose can be taken.
    let pending = app.desired_notifications(bst(6, 2, 12, 0), 1).unwrap();
    let tonight = pending
        .iter()
        .find(|n| n.kind == NotificationKind::Dose && n.date == day(6, 2))
        .unwrap();
    assert!(tonight.body.contains("00:30"), "{}", tonight.body);
    // A four-hour snooze at 00:10 ends before the latest time.
    let out = app.snooze(med.id, None, 240, bst(6, 3, 0, 10)).unwrap();
    let DoseStatus::Snoozed { until } = out.status else {
        panic!("{out:?}")
    };
    assert!(until < latest, "{until}");
    for n in app.desired_notifications(bst(6, 3, 0, 11), 2).unwrap() {
        if n.kind == NotificationKind::Dose && n.date == day(6, 2) {
            assert!(n.fire_at < latest, "{n:?}");
        }
    }
    // Five minutes before the latest time there is no room left for a reminder.
    let err = app.snooze_dose(med.id, Some(day(6, 2)), None, 30, bst(6, 3, 0, 25));
    assert!(matches!(err, Err(Error::Conflict { .. })), "{err:?}");
    let err = app.handle_action(
        &format!("dose:{}:0:2026-06-02", med.id),
        NotificationAction::Snooze,
        bst(6, 3, 0, 40),
    );
    assert!(err.is_err(), "{err:?}");
    assert!(app
        .desired_notifications(bst(6, 3, 0, 40), 1)
        .unwrap()
        .iter()
        .all(|n| n.date != day(6, 2)));
}

#[test]
fn an_ambiguous_tap_asks_which_dose_with_the_choices() {
    let app = app();
    let gaba = gabapentin(&app);
    let err = app
        .take(gaba.id, None, None, bst(6, 2, 12, 30))
        .unwrap_err();
    let Error::WhichDose { question, choices } = err else {
        panic!("expected a question, got {err}")
    };
    assert!(question.contains("Gabapentin"), "{question}");
    let picked: Vec<(NaiveDate, u32)> = choices.iter().map(|c| (c.night, c.slot_index)).collect();
    assert_eq!(picked, vec![(day(6, 2), 0), (day(6, 2), 1)]);
    assert!(choices[0].label.contains("08:00") && choices[1].label.contains("14:00"));
    // Answering the question records exactly that dose.
    let out = app
        .take(
            gaba.id,
            Some(choices[1].night),
            Some(choices[1].slot_index),
            bst(6, 2, 12, 31),
        )
        .unwrap();
    assert!(out.recorded);
    // Skipping in the same overlap now names the other one.
    let skip = app.skip(gaba.id, None, None, bst(6, 2, 12, 40)).unwrap();
    assert_eq!(skip.key, format!("dose:{}:0:2026-06-02", gaba.id));
}
