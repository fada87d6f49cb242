//! Bad input at every boundary: random sequences of companion calls with random and hostile
//! values (NaN, ±∞, negative, huge, empty and very long and odd Unicode text, times that are
//! not times, ids that are not ids, a clock that jumps both ways, zones with impossible
//! offsets). Nothing panics, every error is a typed input error (never a storage failure),
//! and afterwards the database is consistent and opens again.

mod common;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom, MAX_NOTE_CHARS, MAX_PAIN};
use eventide_core::ingredient::{self, Ingredient};
use eventide_core::medication::{validate_name, NewMedication, Slot};
use eventide_core::notify::NotificationAction;
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::schedule::parse_time;
use eventide_core::units::{Micrograms, MAX_AMOUNT_MG};
use eventide_core::zone::{FixedZone, ZoneRules};
use eventide_core::{Companion, Error};
use proptest::prelude::*;
use uuid::Uuid;

/// One call a user (or a confused shell) could make.
#[derive(Debug, Clone)]
enum Call {
    AddMed {
        name: String,
        tablets: Vec<f64>,
        liquids: Vec<f64>,
        can_halve: bool,
        slot: Slot,
    },
    SetBedtime(String, Vec<Weekday>),
    SetCheckinTime(String),
    SetLead(Target, u16),
    SetPlan(Target, PlanKind, Option<i64>, bool),
    StartTaper(Target, TaperMethod, u32, Option<u32>),
    Hold(Target, u32),
    Tolerable(Target),
    Take(Target, Option<i64>, Option<u32>),
    Skip(Target, Option<i64>, Option<u32>),
    Snooze(Target, Option<u32>, u32),
    Tap(String, NotificationAction),
    TapDose(Target, u32, i64, NotificationAction),
    CheckIn(
        Option<Feeling>,
        Option<u8>,
        Vec<Symptom>,
        Option<String>,
        Option<i64>,
    ),
    Dismiss(String),
    Today,
    Desired(u32),
    /// The phone's clock moves (forwards or backwards) by this many minutes.
    Clock(i64),
}

/// A medication: one of those added (by position), or an id nobody has.
#[derive(Debug, Clone, Copy)]
enum Target {
    Added(usize),
    Unknown(u128),
}

fn hostile_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => prop::sample::select(vec![5.0, 10.0, 25.0, 50.0, 2.5]),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => Just(-0.0),
        1 => Just(f64::MAX),
        1 => Just(f64::MIN_POSITIVE),
        1 => Just(MAX_AMOUNT_MG + 0.001),
        1 => -1.0e6..1.0e6f64,]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "[A-Za-z][a-z]{2,12}",
        1 => any::<String>(),
        1 => Just(String::new()),
        1 => Just("   ".to_string()),
        1 => Just("x".repeat(10_000)),
        1 => Just("💊".repeat(81)),
        1 => Just("\u{202e}enilytpirtimA".to_string()),
        1 => Just("a\u{0}b".to_string()),
        1 => Just("Ａｍｉｔｒｉｐｔｙｌｉｎｅ\u{301}".to_string()),
        1 => Just("amitriptyline".to_string()),]
}

fn hostile_time_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        1 => Just("24:00".to_string()),
        1 => Just("23:60".to_string()),
        1 => Just("-1:30".to_string()),
        1 => Just("7".to_string()),
        1 => Just("٢٢:٣٠".to_string()),
        1 => any::<String>(),]
}

fn micrograms() -> impl Strategy<Value = Micrograms> {
    prop_oneof![
        3 => (1u32..=60).prop_map(|mg| Micrograms::mg(mg / 5 * 5 + 5)),
        1 => Just(Micrograms(0)),
        1 => Just(Micrograms(1)),
        1 => Just(Micrograms(u32::MAX)),
        1 => any::<u32>().prop_map(Micrograms),]
}

fn days_count() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 1u32..=30, 1 => Just(0), 1 => Just(u32::MAX), 1 => any::<u32>()]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![4 => (0usize..4).prop_map(Target::Added), 1 => any::<u128>().prop_map(Target::Unknown)]
}

fn offset_days() -> impl Strategy<Value = Option<i64>> {
    prop::option::of(
        prop_oneof![3 => -40i64..5, 1 => Just(i64::MIN), 1 => Just(i64::MAX), 1 => Just(-1_000_000)],
    )
}

fn slot() -> impl Strategy<Value = Slot> {
    let t = (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap());
    prop_oneof![
        2 => any::<u16>().prop_map(|lead| Slot::Evening { lead_minutes: lead % 200 }),
        1 => Just(Slot::Evening { lead_minutes: u16::MAX }),
        1 => t.clone().prop_map(|time| Slot::Morning { time }),
        1 => prop::collection::vec(t, 0..9).prop_map(|times| Slot::Times { times }),]
}

fn plan_kind() -> impl Strategy<Value = PlanKind> {
    let sane = prop::sample::select(vec![
        PlanKind::Titration {
            start: Micrograms::mg(10),
            step: Micrograms::mg(10),
            every_days: 7,
            target: Micrograms::mg(50),
        },
        PlanKind::Maintenance {
            dose: Micrograms::mg(25),
        },
        PlanKind::Taper {
            from: Micrograms::mg(50),
            method: TaperMethod::Linear {
                step: Micrograms::mg(10),
            },
            every_days: 7,
        },
        PlanKind::Taper {
            from: Micrograms::mg(35),
            method: TaperMethod::Proportional { percent: 10 },
            every_days: 14,
        },
    ]);
    prop_oneof![
        3 => sane,
        1 => (micrograms(), micrograms(), days_count(), micrograms()).prop_map(
            |(start, step, every_days, target)| PlanKind::Titration {
                start,
                step,
                every_days,
                target
            }
        ),
        1 => micrograms().prop_map(|dose| PlanKind::Maintenance { dose }),
        1 => (micrograms(), taper_method(), days_count()).prop_map(|(from, method, every_days)| {
            PlanKind::Taper {
                from,
                method,
                every_days,
            }
        }),
    ]
}

fn taper_method() -> impl Strategy<Value = TaperMethod> {
    prop_oneof![
        micrograms().prop_map(|step| TaperMethod::Linear { step }),
        prop_oneof![1u32..=50, Just(0), Just(51), Just(u32::MAX)]
            .prop_map(|percent| TaperMethod::Proportional { percent }),
    ]
}

fn action() -> impl Strategy<Value = NotificationAction> {
    prop::sample::select(vec![
        NotificationAction::Taken,
        NotificationAction::Snooze,
        NotificationAction::Skip,
        NotificationAction::Fine,
        NotificationAction::Groggy,
        NotificationAction::SleptBadly,
    ])
}

fn call() -> impl Strategy<Value = Call> {
    let weekdays = prop::sample::subsequence(
        vec![
            Weekday::Mon,
            Weekday::Wed,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ],
        0..=5,
    );
    // Mostly medicines that are accepted, so sequences get deep into plans and doses.
    let sane_add = (
        "[A-Z][a-z]{3,10}",
        prop::sample::subsequence(vec![5.0, 10.0, 25.0, 50.0], 1..=3),
        prop::option::of(Just(10.0)),
        prop_oneof![
            3 => (60u16..=120).prop_map(|lead| Slot::Evening { lead_minutes: lead }),
            1 => slot(),
        ],
    )
        .prop_map(|(name, tablets, liquid, slot)| Call::AddMed {
            name,
            tablets,
            liquids: liquid.into_iter().collect(),
            can_halve: false,
            slot,
        });
    let add = (
        hostile_text(),
        prop::collection::vec(hostile_f64(), 0..8),
        prop::collection::vec(hostile_f64(), 0..3),
        any::<bool>(),
        slot(),
    )
        .prop_map(|(name, tablets, liquids, can_halve, slot)| Call::AddMed {
            name,
            tablets,
            liquids,
            can_halve,
            slot,
        });
    let checkin = (
        prop::option::of(prop::sample::select(Feeling::ALL.to_vec())),
        prop::option::of(prop_oneof![
            0u8..=MAX_PAIN,
            Just(MAX_PAIN + 1),
            Just(u8::MAX)
        ]),
        prop::collection::vec(prop::sample::select(Symptom::ALL.to_vec()), 0..20),
        prop::option::of(prop_oneof![
            hostile_text(),
            Just("é".repeat(MAX_NOTE_CHARS)),
            Just("line one\nline two".to_string())
        ]),
        offset_days(),
    )
        .prop_map(|(f, p, e, n, m)| Call::CheckIn(f, p, e, n, m));
    let tap_text = prop_oneof![
        hostile_text(),
        Just("dose:".to_string()),
        Just("dose:00000000-0000-0000-0000-000000000000:0:2026-02-30".to_string()),
        Just("checkin:2026-13-01".to_string()),
        Just("checkin:2026-06-01".to_string()),
        Just("review:2026-06-01".to_string()),
        Just("dose:x:y:z:w".to_string()),
    ];
    prop_oneof![
        4 => sane_add,
        2 => add,
        1 => (hostile_time_text(), weekdays).prop_map(|(t, d)| Call::SetBedtime(t, d)),
        1 => hostile_time_text().prop_map(Call::SetCheckinTime),
        1 => (target(), any::<u16>()).prop_map(|(m, l)| Call::SetLead(m, l)),
        4 => (target(), plan_kind(), offset_days(), any::<bool>()).prop_map(|(m, k, s, c)| Call::SetPlan(m, k, s, c)),
        1 => (target(), taper_method(), days_count(), prop::option::of(any::<u32>()))
            .prop_map(|(m, k, e, f)| Call::StartTaper(m, k, e, f)),
        1 => (target(), days_count()).prop_map(|(m, d)| Call::Hold(m, d)),
        1 => target().prop_map(Call::Tolerable),
        3 => (target(), offset_days(), prop::option::of(0u32..4)).prop_map(|(m, n, s)| Call::Take(m, n, s)),
        1 => (target(), offset_days(), prop::option::of(any::<u32>())).prop_map(|(m, n, s)| Call::Skip(m, n, s)),
        1 => (target(), prop::option::of(0u32..4), prop_oneof![1u32..=240, Just(0), Just(241), Just(u32::MAX)])
            .prop_map(|(m, s, min)| Call::Snooze(m, s, min)),
        1 => (tap_text, action()).prop_map(|(id, a)| Call::Tap(id, a)),
        2 => (target(), 0u32..4, -5i64..2, action()).prop_map(|(m, s, n, a)| Call::TapDose(m, s, n, a)),
        3 => checkin,
        1 => hostile_text().prop_map(Call::Dismiss),
        1 => Just(Call::Today),
        1 => days_count().prop_map(Call::Desired),
        2 => prop_oneof![-3000i64..3000, Just(-60 * 24 * 400), Just(60 * 24 * 400)].prop_map(Call::Clock),]
}

/// A zone: a real one, or a fixed offset that no real zone has (up to ±1 day and beyond).
#[derive(Debug, Clone)]
enum ZoneChoice {
    Named(&'static str),
    Fixed(i32),
}

impl ZoneChoice {
    fn rules(&self) -> Arc<dyn ZoneRules> {
        match *self {
            ZoneChoice::Named(name) => common::zone(name),
            ZoneChoice::Fixed(seconds) => Arc::new(FixedZone(seconds)),
        }
    }
}

fn zone() -> impl Strategy<Value = ZoneChoice> {
    prop_oneof![
        prop::sample::select(vec![
            "Europe/London",
            "America/New_York",
            "Australia/Sydney",
            "Asia/Kolkata",
            "Pacific/Chatham"
        ])
        .prop_map(ZoneChoice::Named),
        prop_oneof![
            -50_400i32..=50_400,
            Just(86_400),
            Just(-86_401),
            Just(i32::MAX),
            Just(i32::MIN)
        ]
        .prop_map(ZoneChoice::Fixed),
    ]
}

/// A moment anywhere an RFC 3339 timestamp (what `--now` and the phones hand in) can name.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        4 => 1_700_000_000i64..2_000_000_000,
        // 0001-01-01 ..= 9999-12-31
        1 => -62_135_596_800i64..253_402_300_799,
    ]
    .prop_map(|s| Utc.timestamp_opt(s, 0).unwrap())
}

fn shift(now: DateTime<Utc>, days: Option<i64>) -> Option<NaiveDate> {
    days.map(|d| {
        let today = now.date_naive();
        Duration::try_days(d)
            .and_then(|d| today.checked_add_signed(d))
            .unwrap_or(today)
    })
}

/// Runs one call, returning what went wrong, if anything.
fn run(app: &Companion, meds: &[Uuid], call: &Call, now: &mut DateTime<Utc>) -> Result<(), Error> {
    let id = |t: &Target| match *t {
        Target::Added(i) => meds
            .get(i % meds.len().max(1))
            .copied()
            .unwrap_or(Uuid::nil()),
        Target::Unknown(n) => Uuid::from_u128(n),
    };
    let now = match call {
        Call::Clock(minutes) => {
            if let Some(next) = now.checked_add_signed(Duration::minutes(*minutes)) {
                *now = next;
            }
            return Ok(());
        }
        _ => *now,
    };
    match call {
        Call::AddMed {
            name,
            tablets,
            liquids,
            can_halve,
            slot,
        } => app
            .add_medication(
                NewMedication {
                    name: name.clone(),
                    ingredient: ingredient::recognise(name).or(Some(Ingredient::Other)),
                    tablet_mg: tablets.clone(),
                    can_halve: *can_halve,
                    liquid_mg_per_5ml: liquids.clone(),
                    slot: slot.clone(),
                },
                now,
            )
            .map(drop),
        Call::SetBedtime(text, days) => app
            .set_bedtime(parse_time("bedtime", text)?, days)
            .map(drop),
        Call::SetCheckinTime(text) => app
            .set_checkin_time(parse_time("checkin-time", text)?)
            .map(drop),
        Call::SetLead(m, lead) => app.set_lead(id(m), *lead).map(drop),
        Call::SetPlan(m, kind, start, confirm) => {
            let starts = shift(now, *start);
            match app.set_plan(id(m), kind.clone(), starts, &[], now) {
                Err(Error::NeedsConfirmation { warnings }) if *confirm => app
                    .set_plan(id(m), kind.clone(), starts, &warnings, now)
                    .map(drop),
                other => other.map(drop),
            }
        }
        Call::StartTaper(m, method, every, from) => app
            .start_taper(
                id(m),
                method.clone(),
                *every,
                from.map(Micrograms),
                &[],
                now,
            )
            .map(drop),
        Call::Hold(m, days) => app.hold_step(id(m), *days, now).map(drop),
        Call::Tolerable(m) => app.confirm_tolerable(id(m), now).map(drop),
        Call::Take(m, night, slot) => app.take(id(m), shift(now, *night), *slot, now).map(drop),
        Call::Skip(m, night, slot) => app.skip(id(m), shift(now, *night), *slot, now).map(drop),
        Call::Snooze(m, slot, minutes) => app.snooze(id(m), *slot, *minutes, now).map(drop),
        Call::Tap(text, action) => app.handle_action(text, *action, now).map(drop),
        Call::TapDose(m, slot, night, action) => {
            let night = shift(now, Some(*night)).unwrap_or(now.date_naive());
            let text = format!("dose:{}:{slot}:{night}", id(m));
            app.handle_action(&text, *action, now).map(drop)
        }
        Call::CheckIn(feeling, pain, effects, note, morning) => {
            let answer = CheckInAnswer {
                feeling: *feeling,
                pain: *pain,
                effects: effects.clone(),
                note: note.clone(),
            };
            app.check_in(answer, shift(now, *morning), now).map(drop)
        }
        Call::Dismiss(text) => app.dismiss_suggestion(text, now),
        Call::Today => app.today(now).map(drop),
        Call::Desired(days) => app.desired_notifications(now, *days).map(drop),
        Call::Clock(_) => Ok(()),
    }
}

/// The database after the calls: healthy on disk, every record readable and within the
/// limits the core promises, and it opens again.
fn check_consistent(path: &Path, app: &Companion, now: DateTime<Utc>) -> Result<(), TestCaseError> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    prop_assert_eq!(check, "ok");
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    prop_assert_eq!(orphans, 0);
    let meds = app.medications().unwrap();
    for m in &meds {
        prop_assert_eq!(validate_name(&m.name).ok(), Some(m.name.clone()));
        prop_assert!(!m.tablets.is_empty() || !m.liquids_per_5ml.is_empty());
        prop_assert!(m
            .tablets
            .iter()
            .chain(&m.liquids_per_5ml)
            .all(|s| !s.is_zero() && s.as_mg() <= MAX_AMOUNT_MG));
        let versions: Vec<u32> = app
            .plan_history(m.id)
            .unwrap()
            .iter()
            .map(|p| p.version)
            .collect();
        let expected: Vec<u32> = (1..=versions.len() as u32).collect();
        prop_assert_eq!(versions, expected);
    }
    let (first, last) = (NaiveDate::MIN, NaiveDate::MAX);
    for e in app.dose_events(first, last).unwrap() {
        prop_assert!(meds.iter().any(|m| m.id == e.medication_id));
    }
    for c in app.checkins(first, last).unwrap() {
        prop_assert!(c.pain.is_none_or(|p| p <= MAX_PAIN));
        prop_assert!(c
            .note
            .as_ref()
            .is_none_or(|n| n.chars().count() <= MAX_NOTE_CHARS));
    }
    let again = Companion::open(path, common::zone("Europe/London"));
    prop_assert!(again.is_ok(), "reopen: {:?}", again.err());
    prop_assert!(again.unwrap().today(now).is_ok());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_call_sequences_never_panic_and_leave_a_consistent_store(
        zone in zone(),
        start in instant(),
        calls in prop::collection::vec(call(), 1..40),
    ) {
        // /dev/shm when there is one: real files, without waiting for a disk to sync.
        let dir = if Path::new("/dev/shm").is_dir() {
            tempfile::tempdir_in("/dev/shm").unwrap()
        } else {
            tempfile::tempdir().unwrap()
        };
        let path = dir.path().join("eventide.db");
        let app = Companion::open(&path, zone.rules()).unwrap();
        let mut now = start;
        for call in &calls {
            let meds: Vec<Uuid> = app.medications().unwrap().iter().map(|m| m.id).collect();
            if let Err(e) = run(&app, &meds, call, &mut now) {
                // Input errors only: a storage error here would mean the store broke.
                prop_assert!(
                    matches!(
                        e,
                        Error::InvalidInput { .. }
                            | Error::NotFound { .. }
                            | Error::Conflict { .. }
                            | Error::NeedsConfirmation { .. }
                            | Error::DoseNotMeasurable { .. }
                    ),
                    "{:?} gave {:?}", call, e
                );
                prop_assert!(!e.to_string().trim().is_empty());
            }
        }
        check_consistent(&path, &app, now)?;
    }
}
