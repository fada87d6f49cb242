//! Reminder plans from a real companion: the desired list of today's data, the notifications
//! to show when an alarm fires, the ones to withdraw, travel, and the lock-screen choice.

mod common;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use eventide_core::medication::{Medication, NewMedication, Slot};
use eventide_core::notify::{NotificationAction, LAST_IN_WINDOW_NOTE};
use eventide_core::plan::PlanKind;
use eventide_core::reminders::{
    settle, AndroidFacts, OsFacts, Outcome, PendingRequest, Plan, Request, ShownState, Wake,
    ANDROID_WINDOW_DAYS,
};
use eventide_core::units::Micrograms;
use eventide_core::zone::ZoneRules;
use eventide_core::Companion;

/// The phone's zone, which changes when the phone travels.
struct Travelling(Mutex<Tz>);

impl ZoneRules for Travelling {
    fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32 {
        let tz = *self.0.lock().unwrap();
        tz.offset_from_utc_datetime(&instant.naive_utc())
            .fix()
            .local_minus_utc()
    }
}

fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
}

/// Amitriptyline 25 mg nightly, bedtime 22:30, reminded 90 minutes before (21:00 London).
fn app(zone: Arc<dyn ZoneRules>) -> (Companion, Medication) {
    let now = utc(25, 14, 0);
    let app = Companion::in_memory(zone).unwrap();
    app.set_bedtime(NaiveTime::from_hms_opt(22, 30, 0).unwrap(), &[])
        .unwrap();
    let med = app
        .add_medication(
            NewMedication {
                name: "Amitriptyline".into(),
                ingredient: Some(eventide_core::ingredient::Ingredient::Amitriptyline),
                tablet_mg: vec![10.0, 25.0],
                can_halve: false,
                liquid_mg_per_5ml: vec![],
                slot: Slot::Evening { lead_minutes: 90 },
            },
            now,
        )
        .unwrap();
    app.set_plan(
        med.id,
        PlanKind::Maintenance {
            dose: Micrograms::mg(25),
        },
        None,
        &[],
        now,
    )
    .unwrap();
    (app, med)
}

fn android(wake: Wake, ledger: &str, shown: Vec<String>) -> Request {
    Request {
        wake,
        ledger: ledger.into(),
        os: OsFacts::Android(AndroidFacts {
            boot_count: Some(3),
            process_start: 1000,
            exact_allowed: true,
        }),
        shown,
    }
}

fn ios(wake: Wake, pending: Vec<PendingRequest>, shown: Vec<String>) -> Request {
    Request {
        wake,
        ledger: String::new(),
        os: OsFacts::Ios { pending },
        shown,
    }
}

fn pending_after(plan: &Plan) -> Vec<PendingRequest> {
    plan.schedule
        .iter()
        .map(|r| PendingRequest {
            id: r.key.clone(),
            fingerprint: Some(r.fingerprint.clone()),
        })
        .collect()
}

fn all_accepted(plan: &Plan) -> String {
    let outcomes: Vec<Outcome> = plan
        .schedule
        .iter()
        .map(|r| Outcome {
            key: r.key.clone(),
            accepted: true,
            exact: r.exact,
        })
        .collect();
    settle(&plan.ledger, &outcomes)
}

#[test]
fn android_plan_covers_the_window_and_withdraws_a_dose_taken_in_the_app() {
    let (app, med) = app(common::zone("Europe/London"));
    let now = utc(25, 14, 0);
    let first = app
        .plan_reminders(&android(Wake::AppOpened, "", vec![]), now)
        .unwrap();
    let nights = ANDROID_WINDOW_DAYS as usize;
    // Evening and morning for the window, each exact with its inexact backstop.
    assert_eq!(first.schedule.len(), 4 * nights, "{}", first.reason);
    assert_eq!(
        first.schedule.iter().filter(|r| r.exact).count(),
        2 * nights
    );
    let tonight = first
        .schedule
        .iter()
        .find(|r| r.at == utc(25, 21, 0))
        .unwrap();
    let id = tonight.notices[0].notification.id.clone();
    assert_eq!(
        tonight.notices[0].category().locked_title(),
        "Evening medicine"
    );

    // 21:00: the alarm fires; the core says to show it.
    let fired = utc(25, 21, 0);
    let ids = std::slice::from_ref(&id);
    assert_eq!(
        app.reminders_to_show(ids, &[], fired).unwrap(),
        vec![id.clone()]
    );
    // The backstop a minute later finds it on screen and does not show it again.
    let backstop_fired = fired + chrono::Duration::minutes(1);
    assert!(app
        .reminders_to_show(ids, ids, backstop_fired)
        .unwrap()
        .is_empty());
    // 21:20: taken in the app; the shown notification is withdrawn and never shown again.
    let taken = utc(25, 21, 20);
    app.take(med.id, None, None, taken).unwrap();
    let ledger = all_accepted(&first);
    let after = app
        .plan_reminders(&android(Wake::Changed, &ledger, vec![id.clone()]), taken)
        .unwrap();
    assert_eq!(after.withdraw, vec![id.clone()]);
    assert!(app.reminders_to_show(&[id], &[], taken).unwrap().is_empty());
}

#[test]
fn what_an_alarm_shows_depends_on_where_the_dose_stands_when_it_fires() {
    let (app, med) = app(common::zone("Europe/London"));
    let id = format!("dose:{}:0:2026-11-25", med.id);
    let ids = [id.clone()];
    let states = |at| app.reminder_states(&ids, at).unwrap()[0];
    assert_eq!(
        states(utc(25, 20, 0)),
        ShownState::NotYet,
        "an alarm left at an old time"
    );
    assert_eq!(
        states(utc(25, 20, 59)),
        ShownState::Wanted,
        "a minute early still counts"
    );
    app.handle_action(&id, NotificationAction::Snooze, utc(25, 21, 5))
        .unwrap();
    assert_eq!(states(utc(25, 21, 6)), ShownState::PutOff);
    assert!(states(utc(25, 21, 6)).withdraw());
    assert_eq!(
        states(utc(25, 21, 35)),
        ShownState::Wanted,
        "the snooze ended"
    );
    assert_eq!(
        states(utc(26, 9, 0)),
        ShownState::Late,
        "missed: not shown, not withdrawn"
    );
    assert!(!ShownState::Late.withdraw());
    assert!(
        !ShownState::Foreign.withdraw(),
        "another kind of notification is left alone"
    );
    app.handle_action(&id, NotificationAction::Skip, utc(25, 21, 40))
        .unwrap();
    assert_eq!(states(utc(25, 21, 41)), ShownState::Answered);
    assert_eq!(
        app.reminder_states(&["urgent:abc".into()], utc(25, 21, 0))
            .unwrap(),
        vec![ShownState::Foreign]
    );
}

#[test]
fn ios_requests_follow_the_wall_clock_so_a_flight_changes_nothing_pending() {
    let zone = Arc::new(Travelling(Mutex::new(chrono_tz::Europe::London)));
    let (app, _) = app(zone.clone());
    let now = utc(25, 14, 0);
    let first = app
        .plan_reminders(&ios(Wake::AppOpened, vec![], vec![]), now)
        .unwrap();
    let tonight = &first.schedule[0];
    assert_eq!(tonight.at, utc(25, 21, 0));
    assert_eq!(
        tonight.wall_clock.unwrap().format("%H:%M").to_string(),
        "21:00"
    );
    assert!(first.schedule.last().unwrap().notices[0]
        .notification
        .body
        .ends_with(LAST_IN_WINDOW_NOTE));

    // Landed in New York at 16:00 London time: the same wall-clock requests are still right.
    *zone.0.lock().unwrap() = chrono_tz::America::New_York;
    let later = utc(25, 16, 0);
    let away = app
        .plan_reminders(&ios(Wake::AppOpened, pending_after(&first), vec![]), later)
        .unwrap();
    assert!(
        away.cancel.is_empty() && away.schedule.is_empty(),
        "{away:?}"
    );
}

#[test]
fn ios_snoozed_dose_is_a_fixed_instant() {
    let (app, med) = app(common::zone("Europe/London"));
    let id = format!("dose:{}:0:2026-11-25", med.id);
    app.handle_action(&id, NotificationAction::Snooze, utc(25, 21, 2))
        .unwrap();
    let p = app
        .plan_reminders(
            &ios(Wake::NotificationAnswered, vec![], vec![]),
            utc(25, 21, 2),
        )
        .unwrap();
    let snoozed = p.schedule.iter().find(|r| r.key == id).unwrap();
    assert_eq!(snoozed.wall_clock, None);
    assert_eq!(snoozed.at, utc(25, 21, 32));
}

#[test]
fn the_lock_screen_shows_no_details_until_the_user_chooses() {
    let (app, _) = app(common::zone("Europe/London"));
    let now = utc(25, 14, 0);
    assert!(!app.lock_screen_details().unwrap());
    let private = app
        .plan_reminders(&ios(Wake::AppOpened, vec![], vec![]), now)
        .unwrap();
    assert!(private
        .schedule
        .iter()
        .all(|r| r.notices.iter().all(|n| !n.details_when_locked)));
    assert!(private.categories.iter().all(|c| !c.show_title_when_locked));
    assert!(app.set_lock_screen_details(true).unwrap());
    let open = app
        .plan_reminders(&ios(Wake::Changed, pending_after(&private), vec![]), now)
        .unwrap();
    assert_eq!(
        open.schedule.len(),
        private.schedule.len(),
        "every request redone"
    );
    assert!(open.categories.iter().all(|c| c.show_title_when_locked));
}
