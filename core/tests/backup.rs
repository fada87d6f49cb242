//! Backup and restore, end to end on real database files: exact round trips (a story, ten
//! years, random histories), every refusal leaving the database byte-identical, replace with
//! undo, and atomic writes.

mod common {
    pub mod history;
}
/// Real zone rules (chrono-tz), as the other integration tests use them.
#[path = "common/mod.rs"]
mod zones;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use common::history::generate;
use eventide_core::backup::{self, BackupProblem, MAX_MEDICATIONS};
use eventide_core::store::SCHEMA_VERSION;
use eventide_core::{Companion, Error};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Europe/London (GMT in winter, BST in summer), as a phone would answer it.
fn london() -> Arc<zones::Iana> {
    zones::zone("Europe/London")
}

fn open(path: &Path) -> Companion {
    Companion::open(path, london()).unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A database file with `nights` of generated history; returns it with the backup made `now`.
fn history(
    dir: &Path,
    name: &str,
    first: &str,
    nights: i64,
    seed: u64,
    now: DateTime<Utc>,
) -> (PathBuf, Vec<u8>) {
    let path = dir.join(name);
    let app = open(&path);
    generate(&app, day(first), nights, nights.min(90), seed).unwrap();
    let bytes = app.backup_bytes(now).unwrap();
    (path, bytes)
}

/// Everything a user sees, for comparing two databases.
fn screens(app: &Companion, now: DateTime<Utc>, first: NaiveDate, last: NaiveDate) -> String {
    let mut out = format!(
        "{:?}\n{:?}\n",
        app.today(now).unwrap(),
        app.desired_notifications(now, 7).unwrap()
    );
    for med in app.medications().unwrap() {
        out.push_str(&format!(
            "{:?}\n{:?}\n",
            app.plan_view(med.id, now).unwrap(),
            app.plan_history(med.id).unwrap()
        ));
    }
    out.push_str(&format!(
        "{:?}\n{:?}\n",
        app.dose_events(first, last).unwrap(),
        app.checkins(first, last).unwrap()
    ));
    out
}

fn problem(e: Error) -> BackupProblem {
    match e {
        Error::InvalidBackup { problem, .. } => problem,
        other => panic!("expected a refused backup, got {other:?}"),
    }
}

/// The body of a backup as JSON, to edit.
fn body(file: &[u8]) -> Value {
    serde_json::from_slice(backup::unseal(file).unwrap()).unwrap()
}

/// A backup with a well-formed header and checksum around an edited body: only the deeper
/// checks can catch what was changed.
fn edited(file: &[u8], edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value = body(file);
    edit(&mut value);
    backup::seal(serde_json::to_string(&value).unwrap().as_bytes()).unwrap()
}

fn rows<'a>(body: &'a mut Value, table: &str) -> &'a mut Vec<Value> {
    body["tables"][table]["rows"].as_array_mut().unwrap()
}

fn column(body: &Value, table: &str, name: &str) -> usize {
    body["tables"][table]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == name)
        .unwrap()
}

#[test]
fn a_story_round_trips_exactly_into_a_fresh_database() {
    let dir = tempfile::tempdir().unwrap();
    let now = instant("2026-11-25T14:00:00Z");
    let (source, bytes) = history(dir.path(), "phone.db", "2026-06-01", 170, 7, now);
    let fresh = open(&dir.path().join("new-phone.db"));
    let outcome = fresh.restore_backup_bytes(&bytes, false, now).unwrap();
    assert_eq!(outcome.saved_aside, None);
    assert_eq!(
        fresh.backup_bytes(now).unwrap(),
        bytes,
        "export → restore → export must give the same file"
    );

    let (first, last) = (day("2026-05-01"), day("2026-12-31"));
    let old = open(&source);
    assert_eq!(
        screens(&fresh, now, first, last),
        screens(&old, now, first, last)
    );
    // Summer and winter offsets were both recorded and both came back.
    let events = fresh.dose_events(first, last).unwrap();
    assert!(events
        .iter()
        .any(|e| e.recorded_at.offset().local_minus_utc() == 3600));
    assert!(events
        .iter()
        .any(|e| e.recorded_at.offset().local_minus_utc() == 0));
    assert!(outcome
        .backup
        .tables
        .iter()
        .any(|t| t.table == "dose_events" && t.rows as usize == events.len()));
}

#[test]
fn ten_years_of_history_round_trip_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let now = instant("2026-11-25T14:00:00Z");
    let (_, bytes) = history(dir.path(), "decade.db", "2016-11-20", 3650, 11, now);
    let info = backup::inspect(&bytes).unwrap();
    let rows = |table: &str| {
        info.tables
            .iter()
            .find(|t| t.table == table)
            .map_or(0, |t| t.rows)
    };
    assert!(
        rows("dose_events") > 3500,
        "a decade of evening doses is in the file ({})",
        rows("dose_events")
    );
    assert!(rows("checkins") > 2500 && rows("plans") >= 5 && rows("plan_events") > 0);
    assert!(
        rows("reviews") >= 20 && rows("suggestion_dismissals") > 0,
        "{:?}",
        info.tables
    );
    let fresh = open(&dir.path().join("fresh.db"));
    fresh.restore_backup_bytes(&bytes, false, now).unwrap();
    assert_eq!(fresh.backup_bytes(now).unwrap(), bytes);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn random_histories_round_trip_exactly(seed in 1u64..u64::MAX, nights in 1i64..50, start in 0i64..3000) {
        let dir = tempfile::tempdir().unwrap();
        let first = day("2018-01-01") + chrono::Duration::days(start);
        let now = DateTime::<Utc>::from_naive_utc_and_offset(first.and_hms_opt(12, 0, 0).unwrap(), Utc) + chrono::Duration::days(nights + 1);
        let (_, bytes) = history(dir.path(), "a.db", &first.to_string(), nights, seed, now);
        let fresh = open(&dir.path().join("b.db"));
        fresh.restore_backup_bytes(&bytes, false, now).unwrap();
        prop_assert_eq!(fresh.backup_bytes(now).unwrap(), bytes);
    }

    #[test]
    fn cut_or_flipped_backups_are_refused_never_accepted_or_panicking(cut in 0.0f64..1.0, flip in 0.0f64..1.0, bit in 0u8..8) {
        let now = instant("2026-11-25T14:00:00Z");
        let app = Companion::in_memory(london()).unwrap();
        generate(&app, day("2026-10-01"), 20, 20, 3).unwrap();
        let good = app.backup_bytes(now).unwrap();
        let cut_at = (good.len() as f64 * cut) as usize;
        let refused = matches!(backup::inspect(&good[..cut_at]), Err(Error::InvalidBackup { .. }));
        prop_assert!(refused, "cut at {}", cut_at);
        let mut flipped = good.clone();
        let at = ((good.len() - 1) as f64 * flip) as usize;
        flipped[at] ^= 1 << bit;
        let refused = matches!(backup::inspect(&flipped), Err(Error::InvalidBackup { .. }));
        prop_assert!(refused, "bit {} of byte {}", bit, at);
    }
}

/// A database with its own data that a bad backup is offered to, even with --replace:
/// afterwards its file is byte-identical and no saved-aside copy was made.
fn assert_refused_and_untouched(bad: &[u8], expected: BackupProblem) -> Error {
    let dir = tempfile::tempdir().unwrap();
    let now = instant("2026-11-25T14:00:00Z");
    let path = dir.path().join("mine.db");
    std::fs::write(&path, my_database()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let file = dir.path().join("offered.eventide-backup");
    std::fs::write(&file, bad).unwrap();
    let app = open(&path);
    let err = app.restore_backup(&file, true, now).unwrap_err();
    assert_eq!(problem(err.clone()), expected, "{err}");
    assert!(err.to_string().contains("Nothing was changed"), "{err}");
    drop(app);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the database file must be byte-identical"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("before-restore")),
        "nothing was saved aside: {names:?}"
    );
    err
}

/// The bytes of a closed database file holding 30 nights of someone's own history.
fn my_database() -> Vec<u8> {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = history(
            dir.path(),
            "mine.db",
            "2026-10-01",
            30,
            5,
            instant("2026-11-25T14:00:00Z"),
        );
        std::fs::read(path).unwrap()
    })
    .clone()
}

/// A good backup of 40 nights of another history, made 2026-11-25 14:00 UTC.
fn good_backup() -> Vec<u8> {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    FILE.get_or_init(|| {
        let app = Companion::in_memory(london()).unwrap();
        generate(&app, day("2026-09-01"), 40, 40, 9).unwrap();
        app.backup_bytes(instant("2026-11-25T14:00:00Z")).unwrap()
    })
    .clone()
}

#[test]
fn a_truncated_backup_is_refused_wherever_it_was_cut() {
    let good = good_backup();
    let header_end = good.iter().position(|b| *b == b'\n').unwrap();
    for cut in [
        good.len() - 1,
        good.len() / 2,
        header_end + 1,
        header_end,
        12,
        1,
    ] {
        let err = assert_refused_and_untouched(&good[..cut], BackupProblem::Truncated);
        assert!(err.to_string().contains("cut short"), "{err}");
    }
}

#[test]
fn an_edited_or_damaged_backup_fails_its_checksum() {
    let good = good_backup();
    let text = String::from_utf8(good.clone()).unwrap();
    // Someone changed a 25 mg dose to 75 mg by hand, or one bit rotted.
    let edited = text.replacen("25000", "75000", 1).into_bytes();
    assert_refused_and_untouched(&edited, BackupProblem::ChecksumMismatch);
    // Edits that change the length are edits too, not truncation.
    for (from, to) in [("\"groggy\"", "\"fine\""), ("\"fine\"", "\"groggy\"")] {
        let edited = text.replacen(from, to, 1).into_bytes();
        assert_refused_and_untouched(&edited, BackupProblem::ChecksumMismatch);
    }
    let mut rotted = good.clone();
    let last = rotted.len() - 10;
    rotted[last] ^= 0x04;
    let err = assert_refused_and_untouched(&rotted, BackupProblem::ChecksumMismatch);
    assert!(err.to_string().contains("changed or damaged"), "{err}");
}

#[test]
fn a_backup_from_a_newer_eventide_asks_for_an_update() {
    let good = good_backup();
    let text = String::from_utf8(good.clone()).unwrap();
    let newer_format = text
        .replacen("\"format_version\":1", "\"format_version\":2", 1)
        .into_bytes();
    let err = assert_refused_and_untouched(&newer_format, BackupProblem::NewerFormat);
    assert!(err.to_string().contains("update the app"), "{err}");
    let newer_schema = edited(&good, |b| b["schema_version"] = json!(SCHEMA_VERSION + 1));
    assert_refused_and_untouched(&newer_schema, BackupProblem::NewerFormat);
}

#[test]
fn a_backup_whose_references_do_not_resolve_is_refused() {
    let good = good_backup();
    // The gabapentin row is gone, its doses and plan are still there.
    let bad = edited(&good, |b| {
        rows(b, "medications").retain(|r| !r[1].as_str().unwrap().starts_with("Gabapentin"));
    });
    let err = assert_refused_and_untouched(&bad, BackupProblem::DanglingReference);
    assert!(err.to_string().contains("medication_id"), "{err}");
    // A hold that belongs to no plan.
    let orphan = edited(&good, |b| {
        let plan = column(b, "plan_events", "plan_id");
        rows(b, "plan_events")[0][plan] = json!("00000000-0000-4000-8000-000000000000");
    });
    assert_refused_and_untouched(&orphan, BackupProblem::DanglingReference);
}

#[test]
fn absurd_values_are_refused_with_what_is_wrong() {
    let good = good_backup();
    let negative = edited(&good, |b| {
        let amount = column(b, "dose_events", "amount_ug");
        let row = rows(b, "dose_events")
            .iter_mut()
            .find(|r| !r[amount].is_null())
            .unwrap();
        row[amount] = json!(-10000);
    });
    let err = assert_refused_and_untouched(&negative, BackupProblem::OutOfRange);
    assert!(err.to_string().contains("negative"), "{err}");

    let far_future = edited(&good, |b| {
        let night = column(b, "dose_events", "night");
        rows(b, "dose_events")[3][night] = json!("9999-01-01");
    });
    let err = assert_refused_and_untouched(&far_future, BackupProblem::OutOfRange);
    assert!(err.to_string().contains("9999"), "{err}");
    let made_in_9999 = edited(&good, |b| b["exported_at"] = json!("9999-12-31T00:00:00Z"));
    assert_refused_and_untouched(&made_in_9999, BackupProblem::OutOfRange);

    let megabyte_name = edited(&good, |b| {
        rows(b, "medications")[0][1] = json!("A".repeat(1 << 20))
    });
    let err = assert_refused_and_untouched(&megabyte_name, BackupProblem::OutOfRange);
    assert!(err.to_string().contains("medications.name"), "{err}");
    let long_name = edited(&good, |b| {
        rows(b, "medications")[0][1] = json!("A".repeat(200))
    });
    let err = assert_refused_and_untouched(&long_name, BackupProblem::OutOfRange);
    assert!(err.to_string().contains("at most 80"), "{err}");

    let pain = edited(&good, |b| {
        let pain = column(b, "checkins", "pain");
        rows(b, "checkins")[0][pain] = json!(11);
    });
    assert_refused_and_untouched(&pain, BackupProblem::OutOfRange);

    let midnight_checkin = edited(&good, |b| {
        let value = column(b, "settings", "value");
        let row = &mut rows(b, "settings")[0];
        let text = row[value].as_str().unwrap().replace(
            "\"checkin_time\":\"08:00:00\"",
            "\"checkin_time\":\"23:00:00\"",
        );
        assert!(text.contains("23:00:00"), "{text}");
        row[value] = json!(text);
    });
    let err = assert_refused_and_untouched(&midnight_checkin, BackupProblem::OutOfRange);
    assert!(err.to_string().contains("23:00"), "{err}");
}

#[test]
fn too_many_medications_are_refused() {
    let good = good_backup();
    let template = body(&good)["tables"]["medications"]["rows"][0].clone();
    let many = |n: usize| {
        edited(&good, |b| {
            let list = rows(b, "medications");
            for i in 0..n {
                let mut row = template.clone();
                row[0] = json!(uuid::Uuid::from_u128(i as u128 + 1).to_string());
                row[1] = json!(format!("Medicine {i}"));
                list.push(row);
            }
        })
    };
    let err = assert_refused_and_untouched(&many(MAX_MEDICATIONS), BackupProblem::OutOfRange);
    assert!(err.to_string().contains("medicines"), "{err}");

    // A million medications: a real file of them is far larger than any backup…
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("million.eventide-backup");
    let row = serde_json::to_string(&template).unwrap();
    let mut text = String::with_capacity(row.len() * 1_000_000);
    for _ in 0..1_000_000 {
        text.push_str(&row);
        text.push(',');
    }
    // (The size is refused before the header or checksum is even read.)
    let header = format!("{{\"format\":\"eventide-backup\",\"format_version\":1,\"body_bytes\":{},\"body_sha256\":\"0\"}}\n", text.len());
    std::fs::write(&huge, header + &text).unwrap();
    let app = Companion::in_memory(london()).unwrap();
    assert_eq!(
        problem(
            app.restore_backup(&huge, false, instant("2026-11-25T14:00:00Z"))
                .unwrap_err()
        ),
        BackupProblem::TooLarge
    );
    // …and a crafted compact one is stopped while it is read, long before a million.
    let compact = edited(&good, |b| {
        *rows(b, "medications") = vec![json!([]); 1_000_000]
    });
    assert_eq!(
        problem(backup::inspect(&compact).unwrap_err()),
        BackupProblem::OutOfRange
    );
}

#[test]
fn files_that_are_not_backups_are_refused() {
    let good = good_backup();
    assert_refused_and_untouched(b"", BackupProblem::NotABackup);
    assert_refused_and_untouched(b"date,dose\n2026-11-01,25 mg\n", BackupProblem::NotABackup);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    drop(open(&db));
    assert_refused_and_untouched(&std::fs::read(&db).unwrap(), BackupProblem::NotABackup);
    let other_app = edited(&good, |b| b["app"] = json!("pillbox"));
    assert_refused_and_untouched(&other_app, BackupProblem::NotABackup);

    let mut trailing = good.clone();
    trailing.extend_from_slice(b"{\"more\":1}\n");
    assert_refused_and_untouched(&trailing, BackupProblem::Malformed);
    let unknown_table = edited(&good, |b| {
        b["tables"]["passwords"] = json!({"columns": ["x"], "rows": []})
    });
    assert_refused_and_untouched(&unknown_table, BackupProblem::Malformed);
    let missing_column = edited(&good, |b| {
        b["tables"]["checkins"]["columns"]
            .as_array_mut()
            .unwrap()
            .pop();
    });
    assert_refused_and_untouched(&missing_column, BackupProblem::Malformed);
    let bad_json_record = edited(&good, |b| {
        let kind = column(b, "plans", "kind");
        rows(b, "plans")[0][kind] = json!("{\"kind\":\"miracle\"}");
    });
    assert_refused_and_untouched(&bad_json_record, BackupProblem::Malformed);
}

#[test]
fn restoring_over_existing_data_needs_replace_and_changes_nothing_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let now = instant("2026-11-25T14:00:00Z");
    let (path, _) = history(dir.path(), "mine.db", "2026-10-01", 10, 5, now);
    let before = std::fs::read(&path).unwrap();
    let app = open(&path);
    let err = app
        .restore_backup_bytes(&good_backup(), false, now)
        .unwrap_err();
    assert!(
        matches!(err, Error::Conflict { .. }) && err.to_string().contains("replace"),
        "{err}"
    );
    drop(app);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn replace_saves_the_current_data_aside_and_restoring_that_undoes_it() {
    let dir = tempfile::tempdir().unwrap();
    let now = instant("2026-11-25T14:00:00Z");
    let (path, mine) = history(dir.path(), "mine.db", "2026-10-01", 30, 5, now);
    let theirs = good_backup();
    let app = open(&path);
    let outcome = app.restore_backup_bytes(&theirs, true, now).unwrap();
    assert_eq!(app.backup_bytes(now).unwrap(), edited_time(&theirs, now));
    let aside = PathBuf::from(outcome.saved_aside.expect("the replaced data was saved"));
    assert!(
        aside.starts_with(dir.path())
            && aside
                .to_string_lossy()
                .contains("before-restore-20261125T140000Z")
    );

    // Undo: restore the saved-aside file; the original data is back, exactly.
    let later = instant("2026-11-25T14:05:00Z");
    let undo = app.restore_backup(&aside, true, later).unwrap();
    assert_ne!(
        undo.saved_aside.as_deref(),
        Some(aside.to_str().unwrap()),
        "the undo keeps its own copy"
    );
    assert_eq!(app.backup_bytes(now).unwrap(), mine);
}

/// The same backup as if it had been made at `now`.
fn edited_time(file: &[u8], now: DateTime<Utc>) -> Vec<u8> {
    let text = String::from_utf8(backup::unseal(file).unwrap().to_vec()).unwrap();
    let old = body(file)["exported_at"].as_str().unwrap().to_string();
    let new = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    backup::seal(text.replacen(&old, &new, 1).as_bytes()).unwrap()
}

#[test]
fn a_backup_is_written_whole_under_its_final_name() {
    let dir = tempfile::tempdir().unwrap();
    let now = instant("2026-11-25T14:00:00Z");
    let app = Companion::in_memory(london()).unwrap();
    generate(&app, day("2026-10-01"), 30, 30, 1).unwrap();
    let out = dir.path().join("eventide.backup");
    std::fs::write(&out, b"an older backup").unwrap();
    let info = app.write_backup(&out, now).unwrap();
    let written = std::fs::read(&out).unwrap();
    assert_eq!(written, app.backup_bytes(now).unwrap());
    assert_eq!(info.bytes, written.len() as u64);
    assert!(backup::inspect(&written).is_ok());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("eventide.backup")],
        "no temporary file is left behind"
    );
    // A folder is not a backup file name; nothing is written.
    assert!(matches!(
        app.write_backup(dir.path(), now),
        Err(Error::InvalidInput { .. })
    ));
}

#[test]
fn the_checksum_is_the_one_sha256sum_prints_for_the_body() {
    let good = good_backup();
    let header: Value =
        serde_json::from_slice(good.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(header["format"], "eventide-backup");
    assert_eq!(
        header["body_sha256"],
        backup::sha256_hex(backup::unseal(&good).unwrap())
    );
}

/// A backup written by the first release of the format (the demo story, schema 1), kept
/// byte for byte: every later Eventide must still restore it, migrating it forward.
const SCHEMA_1_BACKUP: &[u8] = include_bytes!("fixtures/demo-schema1.eventide-backup");

#[test]
fn a_backup_from_the_first_format_still_restores() {
    let info = backup::inspect(SCHEMA_1_BACKUP).unwrap();
    assert_eq!(info.schema_version, 1);
    let fresh = Companion::in_memory(london()).unwrap();
    fresh
        .restore_backup_bytes(SCHEMA_1_BACKUP, false, instant("2026-11-25T14:00:00Z"))
        .unwrap();
    let meds = fresh.medications().unwrap();
    assert_eq!(meds.len(), 1);
    assert_eq!(meds[0].name, "Amitriptyline");
    let (first, last) = (day("2026-10-01"), day("2026-12-31"));
    let events = fresh.dose_events(first, last).unwrap();
    let old_body = body(SCHEMA_1_BACKUP);
    assert_eq!(
        events.len(),
        old_body["tables"]["dose_events"]["rows"]
            .as_array()
            .unwrap()
            .len()
    );
    assert_eq!(
        fresh.checkins(first, last).unwrap().len(),
        old_body["tables"]["checkins"]["rows"]
            .as_array()
            .unwrap()
            .len()
    );
    // Every row of schema 1 comes back unchanged (later migrations may only add to it).
    let again = body(&fresh.backup_bytes(instant("2026-11-25T14:00:00Z")).unwrap());
    for (table, dump) in old_body["tables"].as_object().unwrap() {
        let columns: Vec<&str> = dump["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let now_columns: Vec<&str> = again["tables"][table]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let pick = |row: &Value| -> Vec<Value> {
            columns
                .iter()
                .map(|c| row[now_columns.iter().position(|n| n == c).unwrap()].clone())
                .collect()
        };
        let restored: Vec<Vec<Value>> = again["tables"][table]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(pick)
            .collect();
        let original: Vec<Vec<Value>> = dump["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().clone())
            .collect();
        assert_eq!(restored, original, "{table}");
    }
}
