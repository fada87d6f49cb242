//! `eventide stock`, the contract scripts read: set, add, show (text and `--json`), the refill
//! reminder in `reminders`, and bad input refused with nothing written.

use std::path::Path;
mod common;

use serde_json::Value;

const NOW: &str = "2026-01-05T12:00:00Z";

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok_at(db, NOW, args)
}

fn refused(db: &Path, args: &[&str]) -> String {
    common::refused_at(db, NOW, args)
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, &[args, &["--json"]].concat())).expect("JSON")
}

/// Amitriptyline 10 mg tablets and 10 mg/5 ml solution, titrating 10 → 50 mg weekly from 5 Jan.
fn titrating(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("eventide.db");
    ok(
        &db,
        &[
            "med",
            "add",
            "Amitriptyline",
            "--ingredient",
            "amitriptyline",
            "--tablet",
            "10",
            "--liquid",
            "10",
        ],
    );
    ok(&db, &["bedtime", "set", "22:30"]);
    ok(
        &db,
        &[
            "plan",
            "titrate",
            "Amitriptyline",
            "--start",
            "10",
            "--step",
            "10",
            "--every",
            "7",
            "--target",
            "50",
        ],
    );
    db
}

#[test]
fn stock_show_json_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = titrating(dir.path());
    let set = json(
        &db,
        &[
            "stock",
            "set",
            "Amitriptyline",
            "--tablets",
            "10=56",
            "--ml",
            "0",
        ],
    );
    assert_eq!(set["runs_out_on"], "2026-01-29");
    let shown = json(&db, &["stock", "show"]);
    let med = &shown[0];
    assert_eq!(med["medication"], "Amitriptyline");
    assert_eq!(med["runs_out_on"], "2026-01-29");
    assert_eq!(med["until"], "2026-02-01");
    assert_eq!(med["strengths"][0]["strength_mg"], 10);
    assert_eq!(med["strengths"][0]["on_hand"], 56);
    assert_eq!(med["strengths"][0]["needed_until"], 70);
    assert_eq!(med["solution_ml"]["on_hand"], 0);
    assert_eq!(med["solution_ml"]["needed_until"], 0);
    assert_eq!(med["ask_for"][0]["strength_mg"], 10);
    assert_eq!(med["ask_for"][0]["count"], 14);
    // A chosen date counts to it; a supply in packs rounds the ask up to whole packs.
    ok(
        &db,
        &["stock", "add", "Amitriptyline", "--tablets", "10=1x28"],
    );
    let later = json(
        &db,
        &["stock", "show", "Amitriptyline", "--until", "2026-02-08"],
    );
    assert_eq!(later[0]["until"], "2026-02-08");
    assert_eq!(later[0]["strengths"][0]["on_hand"], 84);
    assert_eq!(later[0]["strengths"][0]["needed_until"], 105);
    assert_eq!(later[0]["ask_for"][0]["count"], 28);
    assert_eq!(later[0]["ask_for"][0]["packs"], 1);
    assert_eq!(later[0]["runs_out_on"], "2026-02-04");
}

#[test]
fn the_text_says_when_it_runs_out_and_what_to_ask_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = titrating(dir.path());
    ok(
        &db,
        &["stock", "set", "Amitriptyline", "--tablets", "10=56"],
    );
    let out = ok(&db, &["stock", "show", "Amitriptyline"]);
    assert!(
        out.contains("Enough until Wed 28 Jan; runs out on Thu 29 Jan."),
        "{out}"
    );
    assert!(
        out.contains("To last until Sun 1 Feb, ask for 14 × 10 mg tablets."),
        "{out}"
    );
    assert!(
        out.contains("Refill reminder: Thu 22 Jan at 10:00."),
        "{out}"
    );
    let history = ok(&db, &["stock", "history"]);
    assert!(history.contains("Counted 56 × 10 mg tablets"), "{history}");
}

#[test]
fn the_refill_reminder_is_in_reminders_and_goes_when_a_supply_is_added() {
    let dir = tempfile::tempdir().unwrap();
    let db = titrating(dir.path());
    ok(
        &db,
        &["stock", "set", "Amitriptyline", "--tablets", "10=14"],
    );
    // 14 tablets: 10 mg to 11 Jan (7), then 20 mg on 12–14 Jan (6); out on 15 Jan.
    let reminders = json(&db, &["reminders", "--days", "7"]);
    let refill = reminders
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "refill")
        .expect("a refill reminder");
    assert!(refill["id"].as_str().unwrap().starts_with("refill:"));
    assert!(refill["id"].as_str().unwrap().ends_with(":2026-01-15"));
    assert_eq!(refill["fire_at"], "2026-01-08T10:00:00+00:00");
    assert_eq!(refill["medication"], "Amitriptyline");
    ok(
        &db,
        &["stock", "add", "Amitriptyline", "--tablets", "10=56"],
    );
    let reminders = json(&db, &["reminders", "--days", "7"]);
    assert!(reminders
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["kind"] != "refill"));
}

#[test]
fn bad_stock_input_gets_one_sentence_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = titrating(dir.path());
    for (args, says) in [
        (
            vec!["stock", "set", "Amitriptyline", "--tablets", "25=28"],
            "not held as 25 mg tablets",
        ),
        (
            vec!["stock", "set", "Amitriptyline", "--tablets", "10"],
            "STRENGTH=COUNT",
        ),
        (
            vec!["stock", "add", "Amitriptyline", "--tablets", "10=0"],
            "adds at least one",
        ),
        (
            vec!["stock", "set", "Amitriptyline", "--tablets", "10=12.5"],
            "whole tablets",
        ),
        (
            vec!["stock", "set", "Amitriptyline"],
            "at least one strength",
        ),
        (
            vec!["stock", "set", "Nothing", "--tablets", "10=5"],
            "not found",
        ),
        (vec!["stock", "show", "--until", "2025-12-01"], "has passed"),
        (vec!["stock", "remind", "40"], "1 to 28 days"),
    ] {
        let err = refused(&db, &args);
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert!(ok(&db, &["stock", "history"]).contains("No stock recorded yet"));
}
