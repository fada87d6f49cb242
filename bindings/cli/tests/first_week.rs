//! The first-week defects of issue #19 that show in the terminal companion itself: each test
//! runs the real binary with `--now` and `--zone`, as the exploratory tester did.

use std::path::{Path, PathBuf};

mod common;
use common::{ok_at as ok, refused_at as refused};

/// Amitriptyline 10 mg every evening, bedtime 22:30 (reminder 21:00 BST), added 1 June.
fn evening(dir: &Path) -> PathBuf {
    let db = dir.join("eventide.db");
    let now = "2026-06-01T11:00:00Z";
    ok(&db, now, &["bedtime", "set", "22:30"]);
    ok(
        &db,
        now,
        &[
            "med",
            "add",
            "Amitriptyline",
            "--ingredient",
            "amitriptyline",
            "--tablet",
            "10",
            "--dose",
            "10",
        ],
    );
    db
}

/// Gabapentin 300 mg at 08:00, 14:00 and 20:00.
fn gabapentin(db: &Path, now: &str) {
    ok(
        db,
        now,
        &[
            "med",
            "add",
            "Gabapentin",
            "--ingredient",
            "gabapentin",
            "--tablet",
            "300",
            "--slot",
            "times",
            "--times",
            "08:00,14:00,20:00",
            "--dose",
            "300",
        ],
    );
}

#[test]
fn a_report_or_backup_aimed_at_the_open_database_is_refused_and_the_data_stays() {
    let dir = tempfile::tempdir().unwrap();
    let db = evening(dir.path());
    let now = "2026-06-02T11:00:00Z";
    let before = ok(&db, now, &["today"]);
    let wal = format!("{}-wal", db.display());
    let shm = format!("{}-shm", db.display());
    let db_text = db.display().to_string();
    for target in [db_text.as_str(), wal.as_str(), shm.as_str()] {
        let err = refused(&db, now, &["report", "--format", "csv", "--out", target]);
        assert!(err.contains("database"), "{err}");
        let err = refused(&db, now, &["backup", "--out", target, "--no-encryption"]);
        assert!(err.contains("database"), "{err}");
        // Refused before any passphrase is asked for.
        let err = refused(&db, now, &["backup", "--out", target]);
        assert!(err.contains("database"), "{err}");
    }
    // The same file reached by another spelling of its path is refused too.
    let other = dir.path().join(".").join("eventide.db");
    refused(&db, now, &["report", "--out", &other.display().to_string()]);
    assert_eq!(ok(&db, now, &["today"]), before);
}

#[test]
fn slot_numbers_start_at_1_and_0_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventide.db");
    let now = "2026-06-01T11:00:00Z";
    gabapentin(&db, now);
    let err = refused(
        &db,
        "2026-06-02T07:05:00Z",
        &["take", "Gabapentin", "--slot", "0"],
    );
    assert!(err.contains("slot"), "{err}");
    let out = ok(
        &db,
        "2026-06-02T07:05:00Z",
        &["--json", "take", "Gabapentin", "--slot", "1"],
    );
    let outcome: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        outcome["key"].as_str().unwrap().ends_with(":0:2026-06-02"),
        "{out}"
    );
}

#[test]
fn times_without_slot_times_never_makes_an_evening_medicine() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventide.db");
    let now = "2026-06-01T11:00:00Z";
    let out = ok(
        &db,
        now,
        &[
            "med",
            "add",
            "Gabapentin",
            "--ingredient",
            "gabapentin",
            "--tablet",
            "300",
            "--times",
            "08:00,14:00,20:00",
        ],
    );
    assert!(out.contains("at 08:00, 14:00, 20:00"), "{out}");
    let err = refused(
        &db,
        now,
        &[
            "med",
            "add",
            "Pregabalin",
            "--ingredient",
            "pregabalin",
            "--tablet",
            "75",
            "--slot",
            "evening",
            "--times",
            "08:00,20:00",
        ],
    );
    assert!(err.contains("--times"), "{err}");
}

#[test]
fn the_restore_undo_hint_names_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = evening(dir.path());
    let now = "2026-06-02T11:00:00Z";
    let file = dir.path().join("b.eventide-backup");
    ok(
        &db,
        now,
        &[
            "backup",
            "--out",
            &file.display().to_string(),
            "--no-encryption",
        ],
    );
    let out = ok(
        &db,
        now,
        &["restore", "--replace", &file.display().to_string()],
    );
    let hint = out
        .lines()
        .find(|l| l.starts_with("To undo"))
        .unwrap_or_default();
    assert!(hint.contains(&format!("--db {}", db.display())), "{out}");
}

#[test]
fn a_checkin_years_ago_is_refused_and_one_from_last_year_shows_its_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = evening(dir.path());
    let err = refused(
        &db,
        "2026-06-02T08:00:00Z",
        &["checkin", "fine", "--morning", "2019-06-02"],
    );
    assert!(err.contains("morning"), "{err}");
    let db = dir.path().join("january.db");
    ok(&db, "2026-01-02T12:00:00Z", &["bedtime", "set", "22:30"]);
    let out = ok(
        &db,
        "2026-01-02T12:00:00Z",
        &["checkin", "fine", "--morning", "2025-12-31"],
    );
    assert!(out.contains("2025"), "{out}");
}

#[test]
fn morning_and_three_times_a_day_medicines_are_not_said_each_night() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("eventide.db");
    let now = "2026-06-01T11:00:00Z";
    ok(
        &db,
        now,
        &[
            "med",
            "add",
            "Duloxetine",
            "--ingredient",
            "duloxetine",
            "--tablet",
            "30",
            "--slot",
            "morning",
            "--time",
            "08:00",
            "--dose",
            "30",
        ],
    );
    gabapentin(&db, now);
    let out = ok(&db, now, &["today"]);
    assert!(!out.contains("each night"), "{out}");
    assert!(out.contains("each morning"), "{out}");
}

#[test]
fn a_forgotten_evening_dose_shows_the_guidance_and_a_real_dose_keeps_its_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = evening(dir.path());
    let morning = "2026-06-03T06:15:00Z"; // 07:15 BST
    let screen = ok(&db, morning, &["today"]);
    assert!(screen.contains("do not take a double dose"), "{screen}");
    let err = refused(&db, morning, &["take", "Amitriptyline"]);
    assert!(err.contains("do not take a double dose"), "{err}");
    let out = ok(
        &db,
        morning,
        &[
            "take",
            "Amitriptyline",
            "--night",
            "2026-06-02",
            "--at",
            "22:50",
        ],
    );
    assert!(out.contains("22:50"), "{out}");
    let log = ok(&db, morning, &["report", "--format", "csv"]);
    assert!(
        log.contains("2026-06-02T22:50:00+01:00,dose_taken"),
        "{log}"
    );
}

#[test]
fn the_latest_time_is_set_per_medicine_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = evening(dir.path());
    let out = ok(
        &db,
        "2026-06-02T11:00:00Z",
        &["med", "latest", "Amitriptyline", "60"],
    );
    assert!(out.contains("60 min after bedtime"), "{out}");
    let reminders = ok(&db, "2026-06-02T11:00:00Z", &["reminders", "--days", "1"]);
    assert!(reminders.contains("23:30"), "{reminders}");
}

#[test]
fn a_snoozed_dose_is_shown_in_phone_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = evening(dir.path());
    ok(
        &db,
        "2026-06-02T20:00:00Z",
        &["snooze", "Amitriptyline", "--minutes", "30"],
    );
    let out = ok(&db, "2026-06-02T20:05:00Z", &["today"]);
    assert!(out.contains("Snoozed until 21:30"), "{out}");
}

#[test]
fn plurals_are_right_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = evening(dir.path());
    let out = ok(
        &db,
        "2026-06-02T11:00:00Z",
        &[
            "plan",
            "taper",
            "Amitriptyline",
            "--step",
            "10",
            "--every",
            "1",
            "--confirm",
        ],
    );
    assert!(!out.contains("every 1 days"), "{out}");
    assert!(out.contains("every day"), "{out}");
}
