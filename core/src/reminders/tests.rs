//! The planner on hand-made desired lists: every rule of the module doc, one test each.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::*;
use crate::notify::{numeric_id, Category, DesiredNotification, NotificationAction};

fn at(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, h, m, 0).unwrap()
}

fn now() -> DateTime<Utc> {
    at(25, 14, 0)
}

/// A dose reminder of medicine `med` for the night of `fire`, at its wall-clock time.
fn dose(med: &str, fire: DateTime<Utc>) -> DesiredNotification {
    let night = fire.date_naive();
    let id = format!("dose:{med}:0:{night}");
    DesiredNotification {
        numeric_id: numeric_id(&id),
        id,
        kind: NotificationKind::Dose,
        fire_at: fire,
        fire_at_local: fire.fixed_offset(),
        title: format!("{med} 25 mg"),
        body: "Time for your evening dose: 1 × 25 mg.".into(),
        medication_id: None,
        medication_name: Some(med.into()),
        date: night,
        actions: NotificationAction::DOSE.to_vec(),
        category: Category::EveningDose,
        wall_clock: Some(fire.naive_utc()),
    }
}

fn checkin(fire: DateTime<Utc>) -> DesiredNotification {
    let morning = fire.date_naive();
    let id = format!("checkin:{morning}");
    DesiredNotification {
        numeric_id: numeric_id(&id),
        id,
        kind: NotificationKind::Checkin,
        fire_at: fire,
        fire_at_local: fire.fixed_offset(),
        title: "Good morning".into(),
        body: "How was your night?".into(),
        medication_id: None,
        medication_name: None,
        date: morning,
        actions: NotificationAction::CHECKIN.to_vec(),
        category: Category::Checkin,
        wall_clock: Some(fire.naive_utc()),
    }
}

/// `nights` nights of one evening dose at 21:00 and a check-in at 08:00, from tonight.
fn nightly(nights: u32) -> Vec<DesiredNotification> {
    let mut out = vec![];
    for n in 0..nights {
        let evening = at(25, 21, 0) + Duration::days(i64::from(n));
        out.push(dose("amitriptyline", evening));
        out.push(checkin(evening + Duration::hours(11)));
    }
    out
}

fn android(boot: Option<i64>, process: i64, exact: bool) -> OsFacts {
    OsFacts::Android(AndroidFacts {
        boot_count: boot,
        process_start: process,
        exact_allowed: exact,
    })
}

fn request(wake: Wake, ledger: &str, os: OsFacts) -> Request {
    Request {
        wake,
        ledger: ledger.into(),
        os,
        shown: vec![],
    }
}

/// The plan's alarms other than the backstops.
fn alarms(p: &Plan) -> Vec<&Reminder> {
    p.schedule
        .iter()
        .filter(|r| !r.key.starts_with("late:"))
        .collect()
}

/// The plan with the lock-screen details off (the default).
fn plan(desired: &[DesiredNotification], req: &Request, when: DateTime<Utc>) -> Plan {
    super::plan(desired, req, false, when)
}

/// Plans, then carries the plan out completely, returning the plan and the ledger to store.
fn apply(desired: &[DesiredNotification], req: &Request, when: DateTime<Utc>) -> (Plan, String) {
    let p = plan(desired, req, when);
    let outcomes: Vec<Outcome> = p
        .schedule
        .iter()
        .map(|r| Outcome {
            key: r.key.clone(),
            accepted: true,
            exact: r.exact,
        })
        .collect();
    let ledger = settle(&p.ledger, &outcomes);
    (p, ledger)
}

#[test]
fn android_first_run_sets_every_alarm_in_the_window_and_a_second_run_does_nothing() {
    let desired = nightly(20);
    let (first, ledger) = apply(
        &desired,
        &request(Wake::AppOpened, "", android(Some(7), 1, true)),
        now(),
    );
    // Fourteen days of evenings and mornings (the window), each its own instant.
    assert_eq!(alarms(&first).len(), 28);
    assert!(alarms(&first)
        .iter()
        .all(|r| r.exact && r.wall_clock.is_none()));
    let again = plan(
        &desired,
        &request(Wake::AppOpened, &ledger, android(Some(7), 1, true)),
        now(),
    );
    assert!(again.is_noop(), "{again:?}");
}

#[test]
fn after_a_restart_the_os_holds_nothing_whatever_the_ledger_says() {
    let desired = nightly(20);
    let (_, ledger) = apply(
        &desired,
        &request(Wake::AppOpened, "", android(Some(7), 1, true)),
        now(),
    );
    // The phone restarted: the boot count moved on; even an alarm-free wake by a broadcast
    // must set every alarm again.
    let after = plan(
        &desired,
        &request(Wake::ClockChanged, &ledger, android(Some(8), 5, true)),
        now(),
    );
    assert_eq!(alarms(&after).len(), 28, "{}", after.reason);
    assert!(after.cancel.is_empty(), "nothing to cancel on an empty OS");
    assert!(after.reason.contains("restarted"));
    // An unreadable boot count is treated the same way.
    let unknown = plan(
        &desired,
        &request(Wake::Booted, &ledger, android(None, 5, true)),
        now(),
    );
    assert_eq!(alarms(&unknown).len(), 28);
}

#[test]
fn a_new_process_started_by_the_user_sets_everything_again_but_one_started_by_an_alarm_does_not() {
    let desired = nightly(20);
    let (_, ledger) = apply(
        &desired,
        &request(Wake::AppOpened, "", android(Some(7), 1, true)),
        now(),
    );
    for wake in [Wake::AppOpened, Wake::NotificationAnswered, Wake::Changed] {
        let p = plan(
            &desired,
            &request(wake, &ledger, android(Some(7), 2, true)),
            now(),
        );
        assert_eq!(alarms(&p).len(), 28, "{wake:?}: possible force-stop");
    }
    for wake in [
        Wake::AlarmFired,
        Wake::ZoneChanged,
        Wake::ClockChanged,
        Wake::Booted,
    ] {
        let p = plan(
            &desired,
            &request(wake, &ledger, android(Some(7), 2, true)),
            now(),
        );
        assert!(
            p.is_noop(),
            "{wake:?}: a stopped app gets no alarms or broadcasts"
        );
    }
    // The same process opened again: nothing to do.
    assert!(plan(
        &desired,
        &request(Wake::AppOpened, &ledger, android(Some(7), 1, true)),
        now()
    )
    .is_noop());
}

#[test]
fn an_update_or_the_exact_permission_coming_back_sets_everything_again() {
    let desired = nightly(20);
    let (_, ledger) = apply(
        &desired,
        &request(Wake::AppOpened, "", android(Some(7), 1, true)),
        now(),
    );
    for wake in [Wake::AppUpdated, Wake::ExactAlarmsChanged] {
        let p = plan(
            &desired,
            &request(wake, &ledger, android(Some(7), 1, true)),
            now(),
        );
        assert_eq!(alarms(&p).len(), 28, "{wake:?}");
    }
}

#[test]
fn withdrawing_the_exact_permission_drops_the_exact_alarms_and_they_come_back_inexact() {
    let desired = nightly(20);
    let (_, ledger) = apply(
        &desired,
        &request(Wake::AppOpened, "", android(Some(7), 1, true)),
        now(),
    );
    let p = plan(
        &desired,
        &request(Wake::ZoneChanged, &ledger, android(Some(7), 2, false)),
        now(),
    );
    assert_eq!(p.schedule.len(), 28, "no backstops without exact alarms");
    assert!(p.schedule.iter().all(|r| !r.exact));
    // The exact alarms are already deleted; only their inexact backstops are left to cancel.
    assert_eq!(p.cancel.len(), 28);
    assert!(p.cancel.iter().all(|k| k.starts_with("late:")));
}

#[test]
fn an_exact_alarm_refused_is_recorded_inexact_and_upgraded_later() {
    let desired = nightly(3);
    let req = request(Wake::AppOpened, "", android(Some(7), 1, true));
    let p = plan(&desired, &req, now());
    let outcomes: Vec<Outcome> = p
        .schedule
        .iter()
        .map(|r| Outcome {
            key: r.key.clone(),
            accepted: true,
            exact: false,
        })
        .collect();
    let ledger = settle(&p.ledger, &outcomes);
    assert!(Ledger::decode(&ledger)
        .unwrap()
        .entries
        .iter()
        .all(|e| !e.exact));
    let again = plan(
        &desired,
        &request(Wake::AppOpened, &ledger, android(Some(7), 1, true)),
        now(),
    );
    assert_eq!(alarms(&again).len(), alarms(&p).len(), "retried as exact");
    // A refused alarm is left out of the ledger, so the next plan sets it again.
    let refused = settle(
        &p.ledger,
        &[Outcome {
            key: p.schedule[0].key.clone(),
            accepted: false,
            exact: false,
        }],
    );
    let retry = plan(
        &desired,
        &request(Wake::AppOpened, &refused, android(Some(7), 1, true)),
        now(),
    );
    assert_eq!(alarms(&retry).len(), 1);
}

#[test]
fn each_exact_alarm_has_an_inexact_backstop_a_minute_later_which_its_firing_cancels() {
    let desired = nightly(3);
    let (p, ledger) = apply(
        &desired,
        &request(Wake::AppOpened, "", android(Some(7), 1, true)),
        now(),
    );
    assert_eq!(p.schedule.len(), 12);
    let backstop = &p.schedule[1];
    assert_eq!(backstop.key, format!("late:{}", at(25, 21, 0).timestamp()));
    assert!(!backstop.exact);
    assert_eq!(backstop.at, at(25, 21, 1));
    assert_eq!(backstop.notices, p.schedule[0].notices);
    // Tonight's exact alarm fired: its backstop is cancelled before it is reached.
    let fired = plan(
        &desired,
        &request(Wake::AlarmFired, &ledger, android(Some(7), 1, true)),
        at(25, 21, 0),
    );
    assert_eq!(fired.cancel, vec![backstop.key.clone()]);
    assert!(fired.schedule.is_empty());
}

#[test]
fn a_reminder_lost_in_a_restart_is_caught_up_once_and_a_delivered_one_is_not() {
    let desired = nightly(3);
    let (_, ledger) = apply(
        &desired,
        &request(Wake::AppOpened, "", android(Some(7), 1, true)),
        now(),
    );
    // The phone restarted at 20:58 and the app hears of it at 21:05: tonight's 21:00 alarm
    // was never delivered (nothing rewrote the ledger after it was due).
    let late = at(25, 21, 5);
    let p = plan(
        &desired,
        &request(Wake::Booted, &ledger, android(Some(8), 9, true)),
        late,
    );
    let catch_up = &p.schedule[0];
    assert_eq!((catch_up.key.as_str(), catch_up.at), ("catch-up", late));
    assert_eq!(catch_up.notices[0].notification.id, desired[0].id);
    // Had the alarm fired, its own reconcile would have rewritten the ledger: nothing to catch.
    let (_, after_firing) = apply(
        &desired,
        &request(Wake::AlarmFired, &ledger, android(Some(7), 1, true)),
        at(25, 21, 0),
    );
    let p = plan(
        &desired,
        &request(Wake::Booted, &after_firing, android(Some(8), 9, true)),
        late,
    );
    assert!(p.schedule.iter().all(|r| r.key != "catch-up"));
}

#[test]
fn doses_due_at_the_same_instant_share_one_alarm() {
    let mut desired = nightly(2);
    desired.push(dose("nortriptyline", at(25, 21, 0)));
    let p = plan(
        &desired,
        &request(Wake::AppOpened, "", android(Some(7), 1, true)),
        now(),
    );
    let tonight = p.schedule.iter().find(|r| r.at == at(25, 21, 0)).unwrap();
    assert_eq!(tonight.notices.len(), 2);
    assert_eq!(tonight.key, format!("at:{}", at(25, 21, 0).timestamp()));
    assert_eq!(alarms(&p).len(), 4);
}

#[test]
fn a_dose_taken_leaves_its_shared_alarm_to_the_other_and_the_ledger_before_claims_neither() {
    let mut desired = nightly(2);
    desired.push(dose("nortriptyline", at(25, 21, 0)));
    let (_, ledger) = apply(
        &desired,
        &request(Wake::AppOpened, "", android(Some(7), 1, true)),
        now(),
    );
    desired.retain(|n| n.id != "dose:amitriptyline:0:2026-11-25");
    let p = plan(
        &desired,
        &request(Wake::Changed, &ledger, android(Some(7), 1, true)),
        now(),
    );
    assert_eq!(
        alarms(&p).len(),
        1,
        "the 21:00 alarm is redone with one notice"
    );
    assert_eq!(alarms(&p)[0].notices.len(), 1);
    assert!(p.cancel.is_empty());
    let before = Ledger::decode(&p.ledger_before).unwrap();
    assert!(!before.entries.iter().any(|e| e.key == p.schedule[0].key));
    // The other three alarms and their backstops: the 21:00 pair is being redone.
    assert_eq!(before.entries.len(), 6);
}

#[test]
fn a_reminder_no_longer_wanted_is_cancelled_and_past_ones_are_left_to_fire() {
    let desired = nightly(3);
    let (_, ledger) = apply(
        &desired,
        &request(Wake::AppOpened, "", android(Some(7), 1, true)),
        now(),
    );
    let later = at(25, 21, 10); // tonight's alarm may still be pending (inexact), never cancelled
    let fewer: Vec<DesiredNotification> = desired
        .iter()
        .filter(|n| n.kind == NotificationKind::Dose)
        .cloned()
        .collect();
    let p = plan(
        &fewer,
        &request(Wake::Changed, &ledger, android(Some(7), 1, true)),
        later,
    );
    assert_eq!(
        p.cancel.len(),
        6,
        "the three check-ins and their backstops: {:?}",
        p.cancel
    );
    assert!(!p
        .cancel
        .contains(&format!("at:{}", at(25, 21, 0).timestamp())));
}

#[test]
fn unreadable_or_foreign_ledgers_count_as_none() {
    let desired = nightly(2);
    for text in ["garbage", "dose:x\t1\t2\t1\tff\n", "{}"] {
        let p = plan(
            &desired,
            &request(Wake::AlarmFired, text, android(Some(7), 1, true)),
            now(),
        );
        assert_eq!(alarms(&p).len(), 4, "{text}");
    }
    let foreign = Ledger::new(Platform::Ios, Some(7), Some(1), true, now(), vec![]).encode();
    let p = plan(
        &desired,
        &request(Wake::AlarmFired, &foreign, android(Some(7), 1, true)),
        now(),
    );
    assert_eq!(alarms(&p).len(), 4);
    // iOS keeps no ledger: it lists its pending requests.
    let ios = plan(
        &desired,
        &request(Wake::AppOpened, "", OsFacts::Ios { pending: vec![] }),
        now(),
    );
    assert!(ios.ledger.is_empty() && ios.ledger_before.is_empty());
}

#[test]
fn ios_window_keeps_64_requests_all_kinds_for_two_days_then_doses_and_says_so_last() {
    let desired = nightly(60);
    let w = ios::window(&desired, false, now());
    assert_eq!(w.len(), IOS_PENDING_LIMIT);
    let checkins: Vec<&Reminder> = w.iter().filter(|r| r.key.starts_with("checkin:")).collect();
    assert!(
        checkins.len() >= 2,
        "tomorrow's and the next check-ins: {}",
        checkins.len()
    );
    assert!(checkins
        .iter()
        .take(2)
        .all(|r| r.at <= now() + Duration::hours(IOS_ALL_KINDS_HOURS)));
    // The room left over goes to check-ins spread over the window (each answered one
    // refills it), not bunched at its start.
    assert!(
        checkins.iter().any(|r| r.at > now() + Duration::days(20)),
        "a check-in weeks ahead"
    );
    let doses = w.iter().filter(|r| r.key.starts_with("dose:")).count();
    assert!(doses >= 58, "doses first: {doses}");
    let last = w.last().unwrap();
    assert!(last.notices[0]
        .notification
        .body
        .ends_with(LAST_IN_WINDOW_NOTE));
    assert!(w[..w.len() - 1]
        .iter()
        .all(|r| !r.notices[0].notification.body.contains(LAST_IN_WINDOW_NOTE)));
    // Every request follows the wall clock (doses, check-ins); the window is in time order.
    assert!(w.iter().all(|r| r.wall_clock.is_some()));
    assert!(w.windows(2).all(|p| p[0].at <= p[1].at));
}

#[test]
fn ios_window_says_nothing_when_everything_wanted_fits() {
    let desired = nightly(10);
    let w = ios::window(&desired, false, now());
    assert_eq!(w.len(), 20);
    assert!(w
        .iter()
        .all(|r| !r.notices[0].notification.body.contains(LAST_IN_WINDOW_NOTE)));
}

#[test]
fn ios_with_two_medicines_favours_doses_over_later_check_ins() {
    let mut desired = nightly(60);
    for n in 0..60 {
        desired.push(dose("pregabalin", at(25, 20, 0) + Duration::days(n)));
    }
    let w = ios::window(&desired, false, now());
    assert_eq!(w.len(), IOS_PENDING_LIMIT);
    let checkins = w.iter().filter(|r| r.key.starts_with("checkin:")).count();
    assert_eq!(checkins, 2, "only the next two mornings' check-ins");
}

#[test]
fn ios_snoozes_are_fixed_instants_and_doses_follow_the_clock() {
    let mut snoozed = dose("amitriptyline", at(25, 21, 30));
    snoozed.wall_clock = None;
    let w = ios::window(&[snoozed, checkin(at(26, 8, 0))], false, now());
    assert_eq!(w[0].wall_clock, None);
    assert_eq!(w[1].wall_clock, Some(at(26, 8, 0).naive_utc()));
}

#[test]
fn ios_keeps_what_is_pending_unchanged_replaces_what_changed_and_removes_the_rest() {
    let desired = nightly(3);
    let first = plan(
        &desired,
        &request(Wake::AppOpened, "", OsFacts::Ios { pending: vec![] }),
        now(),
    );
    assert_eq!(first.schedule.len(), 6);
    assert!(first.refresh_after.is_some());
    assert_eq!(first.categories.len(), Category::ALL.len());
    let mut pending: Vec<PendingRequest> = first
        .schedule
        .iter()
        .map(|r| PendingRequest {
            id: r.key.clone(),
            fingerprint: Some(r.fingerprint.clone()),
        })
        .collect();
    let same = plan(
        &desired,
        &request(
            Wake::BackgroundRefresh,
            "",
            OsFacts::Ios {
                pending: pending.clone(),
            },
        ),
        now(),
    );
    assert!(same.is_noop());
    pending.push(PendingRequest {
        id: "old-version-request".into(),
        fingerprint: None,
    });
    let mut changed = desired.clone();
    changed[0].title = "Amitriptyline 35 mg".into();
    let p = plan(
        &changed,
        &request(Wake::Changed, "", OsFacts::Ios { pending }),
        now(),
    );
    assert_eq!(
        p.cancel,
        vec![changed[0].id.clone(), "old-version-request".to_string()]
    );
    assert_eq!(alarms(&p).len(), 1);
    assert_eq!(
        p.schedule[0].notices[0].notification.title,
        "Amitriptyline 35 mg"
    );
}

#[test]
fn ios_fingerprints_follow_the_wall_clock_so_travel_changes_nothing() {
    let home = nightly(3);
    // The same evenings five hours later in absolute time (New York), same wall clock.
    let away: Vec<DesiredNotification> = home
        .iter()
        .map(|n| {
            let mut n = n.clone();
            n.fire_at += Duration::hours(5);
            n
        })
        .collect();
    let a = ios::window(&home, false, now());
    let b = ios::window(&away, false, now());
    assert_eq!(
        a.iter().map(|r| &r.fingerprint).collect::<Vec<_>>(),
        b.iter().map(|r| &r.fingerprint).collect::<Vec<_>>()
    );
}

#[test]
fn the_lock_screen_choice_changes_every_request() {
    let desired = nightly(1);
    let private = ios::window(&desired, false, now());
    let open = ios::window(&desired, true, now());
    assert!(private
        .iter()
        .zip(&open)
        .all(|(a, b)| a.fingerprint != b.fingerprint));
    assert!(categories(true).iter().all(|c| c.show_title_when_locked));
    assert_eq!(category_id(Category::EveningDose), "eventide.dose.evening");
    let _ = NaiveDate::MIN;
}
