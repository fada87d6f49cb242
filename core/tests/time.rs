//! Time as users live it: a phone clock set backwards, nights across New Year and 29 February,
//! and travel east and west in the middle of a plan. (Clock changes in four zones are the
//! property test in `properties.rs`.)

mod common;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use eventide_core::checkin::{CheckInAnswer, Feeling};
use eventide_core::doselog::{DoseAction, DoseStatus};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{Medication, NewMedication, Slot};
use eventide_core::notify::{NotificationAction, NotificationKind};
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::units::Micrograms;
use eventide_core::zone::ZoneRules;
use eventide_core::Companion;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// The phone's zone, which changes when the user lands somewhere else (as the device zone the
/// shells hand to the core does).
struct Phone(Mutex<Tz>);

impl Phone {
    fn new(zone: &str) -> Arc<Phone> {
        Arc::new(Phone(Mutex::new(zone.parse().unwrap())))
    }
    fn land_in(&self, zone: &str) {
        *self.0.lock().unwrap() = zone.parse().unwrap();
    }
}

impl ZoneRules for Phone {
    fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32 {
        let tz = *self.0.lock().unwrap();
        tz.offset_from_utc_datetime(&instant.naive_utc())
            .fix()
            .local_minus_utc()
    }
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

fn titration() -> PlanKind {
    PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(50),
    }
}

fn taken_nights(app: &Companion, first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    app.dose_events(first, last)
        .unwrap()
        .into_iter()
        .filter(|e| matches!(e.action, DoseAction::Taken { .. }))
        .map(|e| e.night)
        .collect()
}

#[test]
fn a_clock_set_backwards_never_turns_an_earlier_nights_tap_into_tonights() {
    let app = Companion::in_memory(common::zone("Europe/London")).unwrap();
    let med = amitriptyline(&app, utc(2026, 6, 1, 12, 0));
    app.set_plan(
        med.id,
        titration(),
        Some(date(2026, 6, 1)),
        &[],
        utc(2026, 6, 1, 12, 0),
    )
    .unwrap();
    // Tonight is 4 June; the dose is taken at 21:05 BST.
    let tonight = app
        .take(med.id, None, None, utc(2026, 6, 4, 20, 5))
        .unwrap();
    assert_eq!(tonight.night, date(2026, 6, 4));
    let recorded = app.dose_events(date(2026, 6, 4), date(2026, 6, 4)).unwrap();

    // The phone's clock is set back a day. "Taken" now is about the night the clock shows
    // (3 June), and 4 June's record is left exactly as it was.
    let back = utc(2026, 6, 3, 20, 30);
    let out = app.take(med.id, None, None, back).unwrap();
    assert_eq!((out.night, out.recorded), (date(2026, 6, 3), true));
    assert_eq!(
        app.dose_events(date(2026, 6, 4), date(2026, 6, 4)).unwrap(),
        recorded
    );
    // The clock set back and a tap on an old notification: about that old night's dose only,
    // which is past its latest time, so nothing is recorded — and nothing for another night.
    let old = format!("dose:{}:0:2026-06-02", med.id);
    let tap = app.handle_action(&old, NotificationAction::Taken, back);
    assert!(tap.is_err(), "{tap:?}");
    // A night the (wrong) clock says has not come yet cannot be recorded.
    let ahead = format!("dose:{}:0:2026-06-04", med.id);
    assert!(app
        .handle_action(&ahead, NotificationAction::Skip, back)
        .is_err());

    // The clock is put right: tonight is still taken once, with its original record.
    let right = utc(2026, 6, 4, 20, 40);
    let again = app.take(med.id, None, None, right).unwrap();
    assert_eq!((again.night, again.recorded), (date(2026, 6, 4), false));
    assert_eq!(
        taken_nights(&app, date(2026, 6, 1), date(2026, 6, 5)),
        [date(2026, 6, 3), date(2026, 6, 4)]
    );
    let card = app.today(right).unwrap().doses.remove(0);
    assert!(matches!(card.status, DoseStatus::Taken { .. }));
}

#[test]
fn a_bedtime_after_midnight_on_new_years_eve_belongs_to_the_old_years_night() {
    let app = Companion::in_memory(common::zone("Europe/London")).unwrap();
    let start = utc(2026, 12, 20, 12, 0);
    app.set_bedtime(time(0, 30), &[]).unwrap();
    let med = amitriptyline(&app, start);
    app.set_plan(med.id, titration(), Some(date(2026, 12, 25)), &[], start)
        .unwrap();
    // The night of 31 December: bedtime 00:30 on 1 January, reminder 23:00 on the 31st.
    let eve = app.today(utc(2026, 12, 31, 22, 0)).unwrap();
    assert_eq!(eve.night, date(2026, 12, 31));
    let card = &eve.doses[0];
    assert_eq!(card.reminder_at.to_rfc3339(), "2026-12-31T23:00:00+00:00");
    // Taken at ten past midnight, it is still the old year's night, and on time.
    let out = app
        .take(med.id, None, None, utc(2027, 1, 1, 0, 10))
        .unwrap();
    assert_eq!(out.night, date(2026, 12, 31));
    assert!(matches!(out.status, DoseStatus::Taken { late: false, .. }));
    // The new year's first reminder is on the evening of 1 January, and the check-in on the
    // morning of 1 January is about the night before.
    let pending = app
        .desired_notifications(utc(2027, 1, 1, 0, 15), 2)
        .unwrap();
    let dose = pending
        .iter()
        .find(|n| n.kind == NotificationKind::Dose)
        .unwrap();
    assert_eq!(dose.date, date(2027, 1, 1));
    assert_eq!(dose.fire_at, utc(2027, 1, 1, 23, 0));
    let checkin = pending
        .iter()
        .find(|n| n.kind == NotificationKind::Checkin)
        .unwrap();
    assert_eq!(checkin.id, "checkin:2027-01-01");
    // The titration's step falls on 1 January (25 Dec + 7) whatever the year.
    let view = app.plan_view(med.id, utc(2027, 1, 1, 12, 0)).unwrap();
    assert_eq!(view.steps[1].from, date(2027, 1, 1));
}

#[test]
fn the_29th_of_february_is_a_night_like_any_other() {
    let app = Companion::in_memory(common::zone("America/New_York")).unwrap();
    let start = utc(2028, 2, 20, 17, 0);
    let med = amitriptyline(&app, start);
    app.set_plan(med.id, titration(), Some(date(2028, 2, 22)), &[], start)
        .unwrap();
    // Every night from 27 Feb to 2 Mar 2028 has its reminder, 29 Feb included.
    let nights: Vec<NaiveDate> = app
        .desired_notifications(utc(2028, 2, 27, 17, 0), 4)
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == NotificationKind::Dose)
        .map(|n| n.date)
        .collect();
    assert_eq!(
        nights,
        [
            date(2028, 2, 27),
            date(2028, 2, 28),
            date(2028, 2, 29),
            date(2028, 3, 1),
            date(2028, 3, 2)
        ]
    );
    // 22 Feb + 7 nights = 29 Feb: the step up is due that night.
    let view = app.plan_view(med.id, utc(2028, 2, 29, 17, 0)).unwrap();
    assert_eq!(view.steps[1].from, date(2028, 2, 29));
    let out = app
        .take(med.id, None, None, utc(2028, 2, 29, 2, 30))
        .unwrap();
    assert_eq!(
        out.night,
        date(2028, 2, 28),
        "01:30 EST is still the 28th's night"
    );
    let out = app
        .take(med.id, None, None, utc(2028, 3, 1, 2, 30))
        .unwrap();
    assert_eq!(out.night, date(2028, 2, 29));
    app.check_in(
        CheckInAnswer {
            feeling: Some(Feeling::Fine),
            ..Default::default()
        },
        None,
        utc(2028, 2, 29, 13, 0),
    )
    .unwrap();
    assert_eq!(
        app.checkins(date(2028, 2, 29), date(2028, 2, 29)).unwrap()[0].morning,
        date(2028, 2, 29)
    );
    assert_eq!(
        taken_nights(&app, date(2028, 2, 28), date(2028, 3, 1)),
        [date(2028, 2, 28), date(2028, 2, 29)]
    );
}

/// London, tapering 50 mg down 10 mg a week from 1 June; bedtime 22:30, so the reminder is
/// 21:00 on the phone's clock.
fn traveller() -> (Companion, Arc<Phone>, Medication) {
    let phone = Phone::new("Europe/London");
    let app = Companion::in_memory(phone.clone()).unwrap();
    let start = utc(2026, 6, 1, 12, 0);
    let med = amitriptyline(&app, start);
    let taper = PlanKind::Taper {
        from: Micrograms::mg(50),
        method: TaperMethod::Linear {
            step: Micrograms::mg(10),
        },
        every_days: 7,
    };
    app.set_plan(med.id, taper, Some(date(2026, 6, 1)), &[], start)
        .unwrap();
    (app, phone, med)
}

#[test]
fn flying_west_after_tonights_dose_does_not_ask_for_it_again() {
    let (app, phone, med) = traveller();
    // Taken at 21:00 BST on 7 June, then a flight to New York, landing at 20:30 EDT the same
    // evening (00:30 UTC on the 8th): the clock there shows an evening not yet at 21:00.
    app.take(med.id, None, None, utc(2026, 6, 7, 20, 0))
        .unwrap();
    phone.land_in("America/New_York");
    let landed = utc(2026, 6, 8, 0, 30);
    let today = app.today(landed).unwrap();
    assert_eq!(today.night, date(2026, 6, 7));
    assert!(matches!(today.doses[0].status, DoseStatus::Taken { .. }));
    // No second reminder for the 7th; the next is the 8th at 21:00 New York time, with the
    // step down the plan has for that night (1 June + 7 = 8 June).
    let pending = app.desired_notifications(landed, 2).unwrap();
    let doses: Vec<_> = pending
        .iter()
        .filter(|n| n.kind == NotificationKind::Dose)
        .collect();
    assert_eq!(doses[0].date, date(2026, 6, 8));
    assert_eq!(
        doses[0].fire_at_local.format("%H:%M %z").to_string(),
        "21:00 -0400"
    );
    assert!(doses[0].title.contains("40 mg"), "{}", doses[0].title);
    assert_eq!(
        taken_nights(&app, date(2026, 6, 1), date(2026, 6, 9)),
        [date(2026, 6, 7)]
    );
}

#[test]
fn flying_east_moves_to_the_next_night_without_losing_or_doubling_one() {
    let (app, phone, med) = traveller();
    app.take(med.id, None, None, utc(2026, 6, 7, 20, 0))
        .unwrap();
    // Overnight to Tokyo, landing 15:00 JST on the 8th (06:00 UTC).
    phone.land_in("Asia/Tokyo");
    let landed = utc(2026, 6, 8, 6, 0);
    let today = app.today(landed).unwrap();
    assert_eq!(today.night, date(2026, 6, 8));
    let card = &today.doses[0];
    assert_eq!(card.status, DoseStatus::Upcoming);
    assert_eq!(card.dose, Micrograms::mg(40), "the plan's dose for the 8th");
    assert_eq!(
        card.reminder_at.format("%H:%M %z").to_string(),
        "21:00 +0900"
    );
    // Taken in Tokyo: recorded for the 8th; the 7th keeps its one record.
    let out = app
        .take(med.id, None, None, utc(2026, 6, 8, 12, 5))
        .unwrap();
    assert_eq!(out.night, date(2026, 6, 8));
    assert_eq!(
        taken_nights(&app, date(2026, 6, 1), date(2026, 6, 9)),
        [date(2026, 6, 7), date(2026, 6, 8)]
    );
    // Back home a week later: the plan carries on by dates (next step on the 22nd).
    phone.land_in("Europe/London");
    let view = app.plan_view(med.id, utc(2026, 6, 15, 12, 0)).unwrap();
    assert_eq!(view.current_dose, Micrograms::mg(30));
    assert_eq!(
        view.next_change.map(|n| (n.night, n.dose)),
        Some((date(2026, 6, 22), Micrograms::mg(20)))
    );
}
