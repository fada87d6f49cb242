//! Issue #14 through the terminal, as the new user met it: `plan maintain` above the usual
//! maximum under a brand name (no `--confirm` to be had), a titration target that defaulted to
//! the maximum, urgent symptoms at 05:30 — and the wording check on everything the CLI prints.

use std::path::Path;

mod common;
use common::{ok_at as ok, refused_at as fails};
use std::process::Command;

fn add_elavil(db: &Path) {
    ok(
        db,
        "2026-05-01T12:00:00Z",
        &[
            "med",
            "add",
            "Elavil",
            "--ingredient",
            "amitriptyline",
            "--tablet",
            "10",
            "--tablet",
            "50",
        ],
    );
}

#[test]
fn plan_maintain_above_the_usual_maximum_asks_and_confirm_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    add_elavil(&db);
    let now = "2026-05-01T12:00:00Z";
    let err = fails(&db, now, &["plan", "maintain", "Elavil", "--dose", "150"]);
    assert!(err.contains("150 mg a day"), "{err}");
    assert!(err.contains("add --confirm"), "{err}");
    let saved = ok(
        &db,
        now,
        &["plan", "maintain", "Elavil", "--dose", "150", "--confirm"],
    );
    assert!(saved.contains("Maintenance 150 mg"), "{saved}");
}

#[test]
fn a_titration_needs_the_prescribers_target() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    add_elavil(&db);
    let err = fails(
        &db,
        "2026-05-01T12:00:00Z",
        &[
            "plan", "titrate", "Elavil", "--start", "10", "--step", "10", "--every", "7",
        ],
    );
    assert!(err.contains("target"), "{err}");
    let plan = ok(
        &db,
        "2026-05-01T12:00:00Z",
        &[
            "plan", "titrate", "Elavil", "--start", "10", "--step", "10", "--every", "7",
            "--target", "30",
        ],
    );
    assert!(plan.contains("10 mg → 30 mg"), "{plan}");
}

#[test]
fn an_urgent_symptom_at_half_past_five_shows_who_to_call_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    add_elavil(&db);
    ok(
        &db,
        "2026-05-01T12:00:00Z",
        &["plan", "maintain", "Elavil", "--dose", "10"],
    );
    // 05:30 BST on 2 May.
    let early = "2026-05-02T04:30:00Z";
    let saved = ok(
        &db,
        early,
        &["checkin", "slept-badly", "--effect", "self-harm-thoughts"],
    );
    assert!(saved.contains("GET HELP NOW"), "{saved}");
    assert!(
        saved.contains("999") && saved.contains("116 123"),
        "{saved}"
    );
    // A one-tap answer from the notification returns it too.
    let json = ok(
        &db,
        "2026-05-02T04:35:00Z",
        &["--json", "tap", "checkin:2026-05-02", "fine"],
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["urgent"][0]["kind"], "emergency_help", "{value}");
    assert_eq!(value["urgent"][0]["calls"][0]["number"], "999", "{value}");
}

/// Every line the CLI prints in a story, and every help text, passes the catalogue's wording
/// check: no sentence outside a question tells the user to change a dose.
#[test]
fn everything_the_cli_prints_passes_the_wording_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut printed = String::new();
    let demo = dir.path().join("demo.db");
    printed += &ok(&demo, "2026-03-27T12:00:00Z", &["demo"]);
    for args in [
        &["today"][..],
        &["suggestions"],
        &["plan", "show", "Amitriptyline"],
        &["reminders", "--days", "3"],
        &["med", "list"],
        &["review", "show"],
        &["settings"],
    ] {
        printed += &ok(&demo, "2026-03-27T20:30:00Z", args);
    }
    let db = dir.path().join("e.db");
    add_elavil(&db);
    printed += &ok(
        &db,
        "2026-05-01T12:00:00Z",
        &[
            "plan", "titrate", "Elavil", "--start", "10", "--step", "10", "--every", "7",
            "--target", "30",
        ],
    );
    printed += &ok(&db, "2026-05-01T20:05:00Z", &["take", "Elavil"]);
    printed += &ok(&db, "2026-05-02T20:05:00Z", &["skip", "Elavil"]);
    printed += &ok(
        &db,
        "2026-05-02T07:00:00Z",
        &["checkin", "groggy", "--effect", "fainting", "--pain", "5"],
    );
    printed += &ok(&db, "2026-05-08T12:00:00Z", &["plan", "show", "Elavil"]);
    printed += &ok(&db, "2026-05-08T12:00:00Z", &["plan", "stay", "Elavil"]);
    printed += &ok(&db, "2026-05-08T12:00:00Z", &["today"]);
    printed += &ok(&db, "2026-05-09T12:00:00Z", &["plan", "confirm", "Elavil"]);
    let help = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_eventide"))
            .args(args)
            .arg("--help")
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    for args in [
        &[][..],
        &["med", "add"],
        &["plan", "titrate"],
        &["plan", "maintain"],
        &["plan", "taper"],
        &["plan", "confirm"],
        &["plan", "stay"],
        &["plan", "hold"],
        &["checkin"],
        &["take"],
        &["skip"],
        &["snooze"],
        &["suggestions"],
    ] {
        printed += &help(args);
    }
    let problems: Vec<String> = printed
        .lines()
        .flat_map(eventide_core::catalogue::wording_problems)
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}
