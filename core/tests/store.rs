//! The store on real files: everything survives a reopen, a failed write leaves no trace, and
//! files that are not a healthy Eventide database are refused and left byte-for-byte alone.

mod common;

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::plan::PlanKind;
use eventide_core::store::SCHEMA_VERSION;
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Error};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 4, 20, 5, 0).unwrap()
}

fn open(path: &Path) -> eventide_core::Result<Companion> {
    Companion::open(path, common::zone("Europe/London"))
}

fn seed(app: &Companion) {
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
            now(),
        )
        .unwrap();
    app.set_plan(
        med.id,
        PlanKind::Maintenance {
            dose: Micrograms::mg(35),
        },
        None,
        &[],
        now(),
    )
    .unwrap();
    app.take(med.id, None, None, now()).unwrap();
    let answer = CheckInAnswer {
        feeling: Some(Feeling::Groggy),
        pain: Some(3),
        effects: vec![Symptom::DryMouth],
        note: Some("woke at 3, \"heavy\" head".into()),
    };
    app.check_in(
        answer,
        None,
        Utc.with_ymd_and_hms(2026, 6, 5, 7, 0, 0).unwrap(),
    )
    .unwrap();
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn everything_is_found_again_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/eventide.db");
    seed(&open(&path).unwrap());
    let again = open(&path).unwrap();
    let meds = again.medications().unwrap();
    assert_eq!(meds.len(), 1);
    assert_eq!(meds[0].liquids_per_5ml, vec![Micrograms::mg(10)]);
    let night = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
    let events = again.dose_events(night, night).unwrap();
    assert_eq!(events.len(), 1);
    // The offset the phone had when the dose was recorded is kept.
    assert_eq!(
        events[0].recorded_at.to_rfc3339(),
        "2026-06-04T21:05:00+01:00"
    );
    let checkins = again.checkins(night, night.succ_opt().unwrap()).unwrap();
    assert_eq!(
        checkins[0].note.as_deref(),
        Some("woke at 3, \"heavy\" head")
    );
    assert_eq!(again.plan_history(meds[0].id).unwrap().len(), 1);
}

#[test]
fn a_refused_write_leaves_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eventide.db");
    let app = open(&path).unwrap();
    seed(&app);
    let before = app.medications().unwrap();
    // Same name in another case: refused inside the transaction.
    let dup = NewMedication {
        name: "AMITRIPTYLINE".into(),
        ingredient: Some(Ingredient::Amitriptyline),
        tablet_mg: vec![10.0],
        can_halve: false,
        liquid_mg_per_5ml: vec![],
        slot: Slot::Evening { lead_minutes: 90 },
    };
    assert!(matches!(
        app.add_medication(dup, now()),
        Err(Error::Conflict { .. })
    ));
    let bad_pain = CheckInAnswer {
        feeling: Some(Feeling::Fine),
        pain: Some(12),
        ..Default::default()
    };
    assert!(app
        .check_in(
            bad_pain,
            None,
            Utc.with_ymd_and_hms(2026, 6, 5, 7, 30, 0).unwrap()
        )
        .is_err());
    drop(app);
    let again = open(&path).unwrap();
    assert_eq!(again.medications().unwrap(), before);
    let morning = NaiveDate::from_ymd_opt(2026, 6, 5).unwrap();
    assert_eq!(
        again.checkins(morning, morning).unwrap()[0].pain,
        Some(3),
        "the earlier answer is intact"
    );
}

#[test]
fn files_that_are_not_eventide_databases_are_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.db", vec![]),
        ("text.db", b"my shopping list\nmilk\n".to_vec()),
        (
            "random.db",
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                .collect(),
        ),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let err = open(&path).err().expect("refused");
        assert!(
            matches!(err, Error::NotEventideDatabase { .. }),
            "{name}: {err}"
        );
        assert!(err.to_string().contains("left untouched"), "{err}");
        assert_eq!(file_bytes(&path), bytes, "{name} unchanged");
    }
    // Another application's SQLite database.
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
            .unwrap();
    }
    let bytes = file_bytes(&path);
    assert!(matches!(
        open(&path),
        Err(Error::NotEventideDatabase { .. })
    ));
    assert_eq!(file_bytes(&path), bytes);
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eventide.db");
    seed(&open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let bytes = file_bytes(&path);
    let err = open(&path).err().expect("refused");
    assert!(
        matches!(err, Error::NewerDatabase { found, .. } if found == SCHEMA_VERSION + 1),
        "{err}"
    );
    assert!(err.to_string().contains("update the app"));
    assert_eq!(file_bytes(&path), bytes);
}

#[test]
fn a_damaged_database_is_refused_and_kept_for_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eventide.db");
    {
        let app = open(&path).unwrap();
        seed(&app);
    }
    {
        // Checkpoint into the main file so the damage below hits real pages.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let mut bytes = file_bytes(&path);
    assert!(bytes.len() > 8192);
    // Scribble over the second and third pages (table b-trees), keeping the header intact.
    for b in bytes.iter_mut().skip(4096).take(8192) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = open(&path).err().expect("refused");
    assert!(
        matches!(
            err,
            Error::Damaged { .. } | Error::NotEventideDatabase { .. }
        ),
        "{err}"
    );
    assert_eq!(
        file_bytes(&path),
        bytes,
        "the damaged file is kept as it was"
    );
}
