//! One validation for writing and restoring: every value the public API accepts survives a
//! backup and its restore unchanged, and values no restore would take are refused when they
//! are written, with the field that is wrong.

mod common;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::notify::NotificationAction;
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Error};
use proptest::prelude::*;

fn london() -> std::sync::Arc<common::Iana> {
    common::zone("Europe/London")
}

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn amitriptyline(app: &Companion, now: DateTime<Utc>) -> uuid::Uuid {
    app.add_medication(
        NewMedication {
            name: "Amitriptyline".into(),
            ingredient: Some(Ingredient::Amitriptyline),
            tablet_mg: vec![10.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![],
            slot: Slot::Evening { lead_minutes: 90 },
        },
        now,
    )
    .unwrap()
    .id
}

fn field_of(e: &Error) -> &str {
    match e {
        Error::InvalidInput { field, .. } => field,
        _ => "",
    }
}

#[test]
fn a_checkin_for_the_morning_of_year_0026_is_refused_when_written() {
    let app = Companion::in_memory(london()).unwrap();
    let now = utc(2026, 6, 2, 9);
    amitriptyline(&app, now);
    let err = app
        .check_in(
            CheckInAnswer {
                feeling: Some(Feeling::Fine),
                ..Default::default()
            },
            Some(date(26, 6, 2)),
            now,
        )
        .unwrap_err();
    assert_eq!(field_of(&err), "morning", "{err}");
    assert!(app
        .checkins(date(1, 1, 1), date(2100, 1, 1))
        .unwrap()
        .is_empty());
}

#[test]
fn a_review_on_1999_12_31_is_refused_when_written() {
    let app = Companion::in_memory(london()).unwrap();
    let err = app
        .record_review(Some(date(1999, 12, 31)), None, utc(2026, 6, 2, 9))
        .unwrap_err();
    assert_eq!(field_of(&err), "on", "{err}");
    assert!(app.reviews().unwrap().is_empty());
}

#[test]
fn a_plan_from_2062_is_refused_when_written() {
    let app = Companion::in_memory(london()).unwrap();
    let now = utc(2026, 6, 2, 9);
    let med = amitriptyline(&app, now);
    let err = app
        .set_plan(
            med,
            PlanKind::Maintenance {
                dose: Micrograms::mg(10),
            },
            Some(date(2062, 1, 1)),
            &[],
            now,
        )
        .unwrap_err();
    assert_eq!(field_of(&err), "starts_on", "{err}");
    assert!(app.plan_history(med).unwrap().is_empty());
}

#[test]
fn a_phone_clock_in_1999_writes_nothing_a_restore_would_refuse() {
    let app = Companion::in_memory(london()).unwrap();
    let err = app
        .add_medication(
            NewMedication {
                name: "Amitriptyline".into(),
                ingredient: Some(Ingredient::Amitriptyline),
                tablet_mg: vec![10.0],
                can_halve: false,
                liquid_mg_per_5ml: vec![],
                slot: Slot::Evening { lead_minutes: 90 },
            },
            utc(1999, 6, 2, 9),
        )
        .unwrap_err();
    assert_eq!(field_of(&err), "now", "{err}");
    assert!(app.medications().unwrap().is_empty());
}

/// One call a user (or a shell) can make, with values drawn from far beyond what is valid.
#[derive(Debug, Clone)]
enum Op {
    AddMed {
        name: usize,
        slot: u8,
        tablet: f64,
        liquid: bool,
        lead: u16,
        times: Vec<(u32, u32)>,
    },
    Bedtime(u32, u32, Option<u8>),
    CheckinTime(u32, u32),
    Latest(usize, u16),
    Lead(usize, u16),
    Plan(usize, u8, u32, i64),
    Taper(usize, bool, u32, u32, Option<u32>),
    Hold(usize, u32),
    Confirm(usize),
    Take(usize, Option<i64>, Option<u32>, Option<(u32, u32)>),
    Skip(usize, Option<i64>, Option<u32>),
    Snooze(usize, Option<i64>, Option<u32>, u32),
    Tap(usize, i64, u32, u8),
    CheckIn(Option<i64>, u8, Option<u8>, Vec<usize>, Option<usize>),
    Review(Option<i64>, Option<usize>),
    Interval(u32),
    Dismiss,
    Wait(i64),
    /// Moves the clock to the next dose reminder, give or take a few minutes.
    ToReminder(i64),
}

const NAMES: [&str; 6] = [
    "Amitriptyline",
    "  Gabapentin \"300\" — ½  ",
    "Ελαβίλ 夜",
    "=cmd|' /C calc'!A0",
    "Pregabalin",
    "An eighty-character name to reach the limit of what a name may be, exactly: 80ch",
];

const NOTES: [&str; 5] = [
    "woke at 3, \"restless\" — ok by 9",
    "=HYPERLINK(\"http://example.invalid\")",
    "line one\nline two",
    "Müde — 夜 😴",
    "",
];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..NAMES.len(), 0u8..3, prop_oneof![4 => Just(10.0), 2 => Just(25.0), 2 => Just(300.0), 1 => Just(0.5), 1 => Just(-1.0), 1 => Just(2_000_001.0)], any::<bool>(), prop_oneof![3 => 60u16..=120, 1 => 0u16..200], prop::collection::vec((0u32..25, 0u32..61), 0..8))
            .prop_map(|(name, slot, tablet, liquid, lead, times)| Op::AddMed { name, slot, tablet, liquid, lead, times }),
        1 => (0u32..25, 0u32..61, prop::option::of(0u8..7)).prop_map(|(h, m, d)| Op::Bedtime(h, m, d)),
        1 => (0u32..25, 0u32..61).prop_map(|(h, m)| Op::CheckinTime(h, m)),
        1 => (0usize..4, 0u16..400).prop_map(|(m, n)| Op::Latest(m, n)),
        1 => (0usize..4, 0u16..200).prop_map(|(m, n)| Op::Lead(m, n)),
        4 => (0usize..4, 0u8..3, prop_oneof![Just(10u32), Just(20), Just(300), 0u32..120], prop_oneof![3 => -2i64..10, 1 => -30i64..20_000]).prop_map(|(m, k, n, d)| Op::Plan(m, k, n, d)),
        1 => (0usize..4, any::<bool>(), 0u32..60, 0u32..30, prop::option::of(0u32..200)).prop_map(|(m, l, s, e, f)| Op::Taper(m, l, s, e, f)),
        1 => (0usize..4, 0u32..100).prop_map(|(m, d)| Op::Hold(m, d)),
        1 => (0usize..4).prop_map(Op::Confirm),
        4 => (0usize..4, prop::option::of(-3i64..2), prop::option::of(0u32..4), prop::option::of((0u32..25, 0u32..61))).prop_map(|(m, n, s, a)| Op::Take(m, n, s, a)),
        2 => (0usize..4, prop::option::of(-3i64..2), prop::option::of(0u32..4)).prop_map(|(m, n, s)| Op::Skip(m, n, s)),
        2 => (0usize..4, prop::option::of(-2i64..2), prop::option::of(0u32..4), 0u32..300).prop_map(|(m, n, s, min)| Op::Snooze(m, n, s, min)),
        2 => (0usize..4, -2i64..2, 0u32..4, 0u8..6).prop_map(|(m, n, s, a)| Op::Tap(m, n, s, a)),
        3 => (prop::option::of(prop_oneof![-800_000i64..10, -40i64..3]), 0u8..3, prop::option::of(0u8..14), prop::collection::vec(0usize..Symptom::ALL.len(), 0..5), prop::option::of(0usize..NOTES.len()))
            .prop_map(|(d, f, p, e, n)| Op::CheckIn(d, f, p, e, n)),
        1 => (prop::option::of(-800_000i64..10), prop::option::of(0usize..NOTES.len())).prop_map(|(d, n)| Op::Review(d, n)),
        1 => (0u32..8).prop_map(Op::Interval),
        1 => Just(Op::Dismiss),
        2 => prop_oneof![1i64..90, 60i64..(3 * 24 * 60)].prop_map(Op::Wait),
        3 => (-150i64..300).prop_map(Op::ToReminder),
    ]
}

fn time(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

/// Applies `op` at `now`, ignoring refusals (they are part of the test: refused writes leave
/// nothing behind).
fn apply(app: &Companion, op: &Op, now: &mut DateTime<Utc>) {
    let meds = app.medications().unwrap_or_default();
    let med = |i: usize| meds.get(i % meds.len().max(1)).map(|m| m.id);
    let today = now.date_naive();
    let night = |offset: Option<i64>| offset.map(|o| today + Duration::days(o));
    let confirmed = |r: Result<_, Error>, again: &dyn Fn(&[String]) -> Result<_, Error>| match r {
        Err(Error::NeedsConfirmation { warnings }) => {
            again(&warnings).map(|_: eventide_core::view::PlanView| ())
        }
        other => other.map(|_| ()),
    };
    let _ = match op {
        Op::AddMed {
            name,
            slot,
            tablet,
            liquid,
            lead,
            times,
        } => {
            let slot = match slot {
                0 => Slot::Evening {
                    lead_minutes: *lead,
                },
                1 => Slot::Morning {
                    time: time(times.first().map_or(8, |t| t.0), 0).unwrap_or(NaiveTime::MIN),
                },
                _ => Slot::Times {
                    times: times.iter().filter_map(|(h, m)| time(*h, *m)).collect(),
                },
            };
            app.add_medication(
                NewMedication {
                    name: NAMES[*name].into(),
                    ingredient: Some(Ingredient::ALL[*name % Ingredient::ALL.len()]),
                    tablet_mg: vec![*tablet],
                    can_halve: *liquid,
                    liquid_mg_per_5ml: if *liquid { vec![10.0] } else { vec![] },
                    slot,
                },
                *now,
            )
            .map(|_| ())
        }
        Op::Bedtime(h, m, day) => match time(*h, *m) {
            Some(t) => {
                let days: Vec<Weekday> =
                    day.iter().map(|d| Weekday::try_from(*d).unwrap()).collect();
                app.set_bedtime(t, &days).map(|_| ())
            }
            None => Ok(()),
        },
        Op::CheckinTime(h, m) => match time(*h, *m) {
            Some(t) => app.set_checkin_time(t).map(|_| ()),
            None => Ok(()),
        },
        Op::Latest(m, n) => match med(*m) {
            Some(id) => app.set_latest_time(id, *n).map(|_| ()),
            None => Ok(()),
        },
        Op::Lead(m, n) => match med(*m) {
            Some(id) => app.set_lead(id, *n).map(|_| ()),
            None => Ok(()),
        },
        Op::Plan(m, kind, n, start) => match med(*m) {
            Some(id) => {
                let kind = match kind {
                    0 => PlanKind::Maintenance {
                        dose: Micrograms::mg(*n),
                    },
                    1 => PlanKind::Titration {
                        start: Micrograms::mg(10),
                        step: Micrograms::mg(10),
                        every_days: (*n).max(1),
                        target: Micrograms::mg(30),
                    },
                    _ => PlanKind::Taper {
                        from: Micrograms::mg(*n),
                        method: TaperMethod::Linear {
                            step: Micrograms::mg(10),
                        },
                        every_days: 14,
                    },
                };
                let starts = night(Some(*start));
                confirmed(app.set_plan(id, kind.clone(), starts, &[], *now), &|w| {
                    app.set_plan(id, kind.clone(), starts, w, *now)
                })
            }
            None => Ok(()),
        },
        Op::Taper(m, linear, step, every, from) => match med(*m) {
            Some(id) => {
                let method = if *linear {
                    TaperMethod::Linear {
                        step: Micrograms::mg(*step),
                    }
                } else {
                    TaperMethod::Proportional { percent: *step }
                };
                let from = from.map(Micrograms::mg);
                confirmed(
                    app.start_taper(id, method.clone(), *every, from, &[], *now),
                    &|w| app.start_taper(id, method.clone(), *every, from, w, *now),
                )
            }
            None => Ok(()),
        },
        Op::Hold(m, d) => med(*m).map_or(Ok(()), |id| app.hold_step(id, *d, *now).map(|_| ())),
        Op::Confirm(m) => med(*m).map_or(Ok(()), |id| app.confirm_tolerable(id, *now).map(|_| ())),
        Op::Take(m, n, s, at) => med(*m).map_or(Ok(()), |id| {
            let at = at.and_then(|(h, m)| time(h, m));
            app.take_at(id, night(*n), *s, at, *now).map(|_| ())
        }),
        Op::Skip(m, n, s) => {
            med(*m).map_or(Ok(()), |id| app.skip(id, night(*n), *s, *now).map(|_| ()))
        }
        Op::Snooze(m, n, s, min) => med(*m).map_or(Ok(()), |id| {
            app.snooze_dose(id, night(*n), *s, *min, *now).map(|_| ())
        }),
        Op::Tap(m, n, s, a) => med(*m).map_or(Ok(()), |id| {
            let action = [
                NotificationAction::Taken,
                NotificationAction::Snooze,
                NotificationAction::Skip,
                NotificationAction::Fine,
                NotificationAction::Groggy,
                NotificationAction::SleptBadly,
            ][*a as usize];
            let target = today + Duration::days(*n);
            let id = if *a < 3 {
                format!("dose:{id}:{s}:{target}")
            } else {
                format!("checkin:{target}")
            };
            app.handle_action(&id, action, *now).map(|_| ())
        }),
        Op::CheckIn(d, f, p, e, n) => {
            let answer = CheckInAnswer {
                feeling: Some(Feeling::ALL[*f as usize]),
                pain: *p,
                effects: e.iter().map(|i| Symptom::ALL[*i]).collect(),
                note: n.map(|i| NOTES[i].to_string()),
            };
            let morning = d.and_then(|o| today.checked_add_signed(Duration::days(o)));
            app.check_in(answer, morning, *now).map(|_| ())
        }
        Op::Review(d, n) => {
            let on = d.and_then(|o| today.checked_add_signed(Duration::days(o)));
            app.record_review(on, n.map(|i| NOTES[i].to_string()), *now)
                .map(|_| ())
        }
        Op::Interval(months) => app.set_review_interval(*months).map(|_| ()),
        Op::Dismiss => match app.today(*now).map(|t| t.suggestions) {
            Ok(list) => list
                .first()
                .map_or(Ok(()), |s| app.dismiss_suggestion(&s.id, *now)),
            Err(e) => Err(e),
        },
        Op::Wait(minutes) => {
            *now += Duration::minutes(*minutes);
            Ok(())
        }
        Op::ToReminder(minutes) => {
            let next = app
                .desired_notifications(*now, 2)
                .unwrap_or_default()
                .into_iter()
                .find(|n| n.kind == eventide_core::notify::NotificationKind::Dose);
            if let Some(n) = next {
                *now = (n.fire_at + Duration::minutes(*minutes)).max(*now);
            }
            Ok(())
        }
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Whatever the public API accepted, from any phone clock inside the years Eventide
    /// supports, a backup restores into a fresh database and exports again byte for byte.
    #[test]
    fn every_value_the_api_accepts_survives_backup_and_restore(
        start in prop_oneof![
            Just(utc(2000, 1, 1, 0)),
            Just(utc(2198, 12, 31, 12)),
            (0i64..(199 * 365)).prop_map(|d| utc(2000, 1, 1, 12) + Duration::days(d)),
        ],
        ops in prop::collection::vec(op(), 1..80),
    ) {
        let app = Companion::in_memory(london()).unwrap();
        let mut now = start;
        for op in &ops {
            apply(&app, op, &mut now);
        }
        let bytes = app.backup_bytes(now).unwrap();
        let fresh = Companion::in_memory(london()).unwrap();
        let restored = fresh.restore_backup_bytes(&bytes, false, now);
        prop_assert!(restored.is_ok(), "{:?}\nafter {:?}", restored.err(), ops);
        prop_assert_eq!(fresh.backup_bytes(now).unwrap(), bytes);
    }
}
