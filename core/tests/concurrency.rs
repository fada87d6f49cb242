//! Two handles on one database file writing at once, as the app and its notification handler
//! do on a phone: nothing is lost, a dose tapped in both is recorded once, and no "database
//! is locked" ever reaches the user (each handle waits up to 5 s for the other's write).

mod common;

use std::path::Path;
use std::sync::{Arc, Barrier};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use eventide_core::checkin::{CheckInAnswer, Feeling};
use eventide_core::doselog::DoseAction;
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::notify::NotificationAction;
use eventide_core::plan::PlanKind;
use eventide_core::units::Micrograms;
use eventide_core::Companion;

const NIGHTS: i64 = 60;

fn open(path: &Path) -> Companion {
    Companion::open(path, common::zone("Europe/London")).unwrap()
}

fn first() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

/// `h:m` on `date` in London in winter (UTC): each night's tap happens on its own evening.
fn on(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(h, m, 0).unwrap())
}

#[test]
fn the_app_and_the_notification_handler_write_at_once_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eventide.db");
    let med = {
        let app = open(&path);
        let at = Utc.with_ymd_and_hms(2025, 12, 31, 12, 0, 0).unwrap();
        let med = app
            .add_medication(
                NewMedication {
                    name: "Amitriptyline".into(),
                    ingredient: Some(Ingredient::Amitriptyline),
                    tablet_mg: vec![10.0, 25.0],
                    can_halve: false,
                    liquid_mg_per_5ml: vec![],
                    slot: Slot::Evening { lead_minutes: 90 },
                },
                at,
            )
            .unwrap();
        let kind = PlanKind::Maintenance {
            dose: Micrograms::mg(25),
        };
        app.set_plan(med.id, kind, Some(first()), &[], at).unwrap();
        med
    };
    let start = Arc::new(Barrier::new(3));

    // The app: records each night's dose with details, answers check-ins, changes the plan.
    let app = {
        let (path, start) = (path.clone(), start.clone());
        std::thread::spawn(move || {
            let app = open(&path);
            start.wait();
            for k in 0..NIGHTS {
                let night = first() + Duration::days(k);
                app.take(med.id, Some(night), None, on(night, 21, 5))?;
                let answer = CheckInAnswer {
                    feeling: Some(Feeling::Groggy),
                    pain: Some((k % 11) as u8),
                    note: Some(format!("night {k}")),
                    ..Default::default()
                };
                let morning = night + Duration::days(1);
                app.check_in(answer, Some(morning), on(morning, 8, 30))?;
                if k % 20 == 0 {
                    let dose = Micrograms::mg(if k % 40 == 0 { 35 } else { 25 });
                    let at = on(night, 21, 6);
                    app.set_plan(med.id, PlanKind::Maintenance { dose }, None, &[], at)?;
                }
            }
            eventide_core::Result::Ok(())
        })
    };
    // The notification handler: the same doses tapped "Taken", one-tap check-in answers.
    let handler = {
        let (path, start) = (path.clone(), start.clone());
        std::thread::spawn(move || {
            let app = open(&path);
            start.wait();
            for k in 0..NIGHTS {
                let night = first() + Duration::days(k);
                let dose = format!("dose:{}:0:{night}", med.id);
                app.handle_action(&dose, NotificationAction::Taken, on(night, 21, 5))?;
                let morning = night + Duration::days(1);
                app.handle_action(
                    &format!("checkin:{morning}"),
                    NotificationAction::Fine,
                    on(morning, 8, 30),
                )?;
            }
            eventide_core::Result::Ok(())
        })
    };
    // And a screen refreshing meanwhile.
    let reader = {
        let path = path.clone();
        std::thread::spawn(move || {
            let app = open(&path);
            start.wait();
            for _ in 0..NIGHTS {
                app.today(now())?;
                app.desired_notifications(now(), 2)?;
            }
            eventide_core::Result::Ok(())
        })
    };
    for (who, thread) in [("app", app), ("handler", handler), ("reader", reader)] {
        if let Err(e) = thread.join().unwrap() {
            panic!("the {who} saw an error: {e}");
        }
    }

    let app = open(&path);
    let last = first() + Duration::days(NIGHTS);
    let events = app.dose_events(first(), last).unwrap();
    assert_eq!(
        events.len() as i64,
        NIGHTS,
        "one dose per night, tapped twice"
    );
    for k in 0..NIGHTS {
        let night = first() + Duration::days(k);
        let on: Vec<_> = events.iter().filter(|e| e.night == night).collect();
        assert_eq!(on.len(), 1, "{night}");
        assert!(matches!(on[0].action, DoseAction::Taken { .. }), "{night}");
    }
    let checkins = app.checkins(first(), last + Duration::days(1)).unwrap();
    assert_eq!(checkins.len() as i64, NIGHTS);
    for (k, c) in checkins.iter().enumerate() {
        // Whichever came second, the app's details survive the one-tap answer.
        assert_eq!(c.note.as_deref(), Some(format!("night {k}").as_str()));
        assert_eq!(c.pain, Some((k % 11) as u8));
    }
    assert_eq!(app.plan_history(med.id).unwrap().len(), 4);
}
