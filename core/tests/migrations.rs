//! Migrations: a database written by every schema version ever released
//! (`tests/fixtures/schema-vN.db`) opens in this build, is upgraded to the latest schema, and
//! still holds everything the user entered.
//!
//! # Adding a fixture when the schema changes
//! Before adding migration N+1 to `core/src/store.rs`, while the build still writes schema N,
//! run
//! `cargo test -p eventide-core --test migrations -- --ignored write_fixture`
//! which writes `tests/fixtures/schema-vN.db` with the story below; commit it. Then add the
//! migration. `every_released_schema_has_a_fixture` fails until the new version's fixture
//! exists, and the story check runs against every fixture, old and new.

mod common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom};
use eventide_core::doselog::DoseAction;
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::store::{APPLICATION_ID, SCHEMA_VERSION};
use eventide_core::units::Micrograms;
use eventide_core::Companion;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn fixture(version: u32) -> PathBuf {
    fixtures().join(format!("schema-v{version}.db"))
}

fn utc(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, min, 0).unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn open(path: &Path) -> Companion {
    Companion::open(path, common::zone("Europe/London")).unwrap()
}

/// The story every fixture holds: something in every table, written through the public API.
fn write_story(app: &Companion) {
    app.set_bedtime(time(22, 30), &[]).unwrap();
    app.set_bedtime(time(23, 45), &[Weekday::Sat]).unwrap();
    app.set_checkin_time(time(7, 30)).unwrap();
    let ami = app
        .add_medication(
            NewMedication {
                name: "Amitriptyline".into(),
                ingredient: Some(Ingredient::Amitriptyline),
                tablet_mg: vec![10.0, 25.0],
                can_halve: false,
                liquid_mg_per_5ml: vec![10.0],
                slot: Slot::Evening { lead_minutes: 75 },
            },
            utc(3, 1, 12, 0),
        )
        .unwrap();
    app.add_medication(
        NewMedication {
            name: "Gabapentin".into(),
            ingredient: Some(Ingredient::Gabapentin),
            tablet_mg: vec![100.0, 300.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![],
            slot: Slot::Times {
                times: vec![time(8, 0), time(14, 0), time(22, 0)],
            },
        },
        utc(3, 1, 12, 5),
    )
    .unwrap();
    let titration = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(30),
    };
    app.set_plan(ami.id, titration, Some(day(3, 2)), &[], utc(3, 1, 12, 1))
        .unwrap();
    app.take(ami.id, Some(day(3, 2)), None, utc(3, 2, 21, 0))
        .unwrap();
    app.skip(ami.id, Some(day(3, 3)), None, utc(3, 3, 21, 0))
        .unwrap();
    app.snooze(ami.id, None, 30, utc(3, 4, 21, 0)).unwrap();
    app.take(ami.id, None, None, utc(3, 4, 21, 40)).unwrap();
    app.confirm_tolerable(ami.id, utc(3, 9, 12, 0)).unwrap();
    app.check_in(
        CheckInAnswer {
            feeling: Some(Feeling::Groggy),
            pain: Some(4),
            effects: vec![Symptom::DryMouth, Symptom::Drowsiness],
            note: Some("Müde — 夜 woke at 3".into()),
        },
        Some(day(3, 3)),
        utc(3, 3, 8, 0),
    )
    .unwrap();
    let taper = PlanKind::Taper {
        from: Micrograms::mg(20),
        method: TaperMethod::Linear {
            step: Micrograms::mg(5),
        },
        every_days: 14,
    };
    app.set_plan(ami.id, taper, Some(day(3, 20)), &[], utc(3, 10, 12, 0))
        .unwrap();
}

/// Checks a database holds the story, read through the public API of this build.
fn check_story(app: &Companion, label: &str) {
    let settings = app.day_settings().unwrap();
    assert_eq!(settings.bedtimes.default, time(22, 30), "{label}");
    assert_eq!(
        settings.bedtimes.by_weekday[5],
        Some(time(23, 45)),
        "{label}"
    );
    assert_eq!(settings.checkin_time, time(7, 30), "{label}");
    let meds = app.medications().unwrap();
    let names: Vec<&str> = meds.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Amitriptyline", "Gabapentin"], "{label}");
    assert_eq!(meds[0].slot, Slot::Evening { lead_minutes: 75 }, "{label}");
    assert_eq!(meds[0].liquids_per_5ml, vec![Micrograms::mg(10)], "{label}");
    assert_eq!(meds[1].slot.doses_per_day(), 3, "{label}");
    let plans = app.plan_history(meds[0].id).unwrap();
    assert_eq!(plans.len(), 2, "{label}");
    assert!(
        matches!(plans[0].kind, PlanKind::Titration { .. }),
        "{label}"
    );
    assert!(plans[1].kind.is_taper(), "{label}");
    assert_eq!(plans[1].starts_on, day(3, 20), "{label}");
    let events = app.dose_events(day(3, 1), day(3, 31)).unwrap();
    let actions: Vec<(NaiveDate, &str)> = events
        .iter()
        .map(|e| {
            let word = match e.action {
                DoseAction::Taken { .. } => "taken",
                DoseAction::Skipped => "skipped",
                DoseAction::Snoozed { .. } => "snoozed",
            };
            (e.night, word)
        })
        .collect();
    assert_eq!(
        actions,
        [
            (day(3, 2), "taken"),
            (day(3, 3), "skipped"),
            (day(3, 4), "snoozed"),
            (day(3, 4), "taken")
        ],
        "{label}"
    );
    assert!(
        matches!(events[0].action, DoseAction::Taken { amount, .. } if amount == Micrograms::mg(10)),
        "{label}"
    );
    let checkins = app.checkins(day(3, 1), day(3, 31)).unwrap();
    assert_eq!(checkins.len(), 1, "{label}");
    assert_eq!(checkins[0].feeling, Feeling::Groggy, "{label}");
    assert_eq!(checkins[0].pain, Some(4), "{label}");
    assert_eq!(
        checkins[0].effects,
        vec![Symptom::Drowsiness, Symptom::DryMouth],
        "{label}"
    );
    assert_eq!(
        checkins[0].note.as_deref(),
        Some("Müde — 夜 woke at 3"),
        "{label}"
    );
    // The taper is what the screen shows on 1 April: 20 mg from 20 March, down 5 mg a fortnight.
    let view = app.plan_view(meds[0].id, utc(4, 1, 12, 0)).unwrap();
    assert_eq!(view.current_dose, Micrograms::mg(20), "{label}");
}

/// Writes the fixture for the schema this build writes. Run by hand (see the module doc).
#[test]
#[ignore = "writes tests/fixtures/schema-vN.db; run by hand before adding a migration"]
fn write_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir.path().join("story.db"));
    write_story(&app);
    check_story(&app, "fresh");
    let dest = fixture(SCHEMA_VERSION);
    std::fs::create_dir_all(fixtures()).unwrap();
    let _ = std::fs::remove_file(&dest);
    // VACUUM INTO: one self-contained file, no WAL beside it.
    app.with_store(|s| s.copy_to(&dest)).unwrap();
    eprintln!("wrote {}", dest.display());
}

#[test]
fn every_released_schema_has_a_fixture() {
    for version in 1..=SCHEMA_VERSION {
        assert!(
            fixture(version).exists(),
            "no fixture for schema {version}: see core/tests/migrations.rs for how to write it"
        );
    }
}

#[test]
fn each_fixture_upgrades_to_the_latest_schema_and_keeps_its_content() {
    let dir = tempfile::tempdir().unwrap();
    for version in 1..=SCHEMA_VERSION {
        let original = fixture(version);
        let before = std::fs::read(&original).unwrap();
        {
            let conn = rusqlite::Connection::open(&original).unwrap();
            let found: u32 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(
                found,
                version,
                "{} is not schema {version}",
                original.display()
            );
        }
        let copy = dir.path().join(format!("v{version}.db"));
        std::fs::write(&copy, &before).unwrap();
        let label = format!("from schema {version}");
        check_story(&open(&copy), &label);
        // Opening again is a no-op: the upgrade ran once.
        check_story(&open(&copy), &label);
        // Schema 3 records the ingredient. Older files carry forward what their app assumed:
        // amitriptyline's dose range for a name containing "amitriptyline", nothing for others.
        let ingredients: Vec<Ingredient> = open(&copy)
            .medications()
            .unwrap()
            .iter()
            .map(|m| m.ingredient)
            .collect();
        let gabapentin = if version < 3 {
            Ingredient::Other
        } else {
            Ingredient::Gabapentin
        };
        assert_eq!(
            ingredients,
            [Ingredient::Amitriptyline, gabapentin],
            "{label}"
        );
        // Schema 4 gives every evening dose a latest time, two hours after bedtime by default.
        assert!(
            open(&copy)
                .medications()
                .unwrap()
                .iter()
                .all(|m| m.latest_after_bedtime_minutes == 120),
            "{label}"
        );
        let conn = rusqlite::Connection::open(&copy).unwrap();
        let (found, app_id): (u32, i32) = conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((found, app_id), (SCHEMA_VERSION, APPLICATION_ID), "{label}");
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "{label}");
        assert_eq!(
            std::fs::read(&original).unwrap(),
            before,
            "the checked-in fixture itself is never modified"
        );
    }
}
