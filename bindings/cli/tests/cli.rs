//! The terminal companion as a user drives it: the demo, the DST reminder check from the core
//! issue, and bad input — one clear sentence on stderr, a non-zero exit, the database unchanged.

use std::path::Path;
mod common;
use common::{ok, run};
use std::process::Command;

/// Everything the database holds, as text, so "unchanged" can be checked exactly.
fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut out = String::new();
    for table in [
        "settings",
        "medications",
        "plans",
        "plan_events",
        "dose_events",
        "checkins",
        "suggestion_dismissals",
        "reviews",
        "stock_events",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
            .expect("table");
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..cols {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .expect("rows");
        for row in rows {
            out.push_str(&format!("{table}: {}\n", row.expect("row")));
        }
    }
    out
}

fn seeded(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("eventide.db");
    let now = ["--zone", "Europe/London", "--now", "2026-03-27T12:00:00Z"];
    ok(
        &db,
        &[
            &now[..],
            &[
                "med",
                "add",
                "Amitriptyline",
                "--ingredient",
                "amitriptyline",
                "--tablet",
                "10",
                "--tablet",
                "25",
                "--dose",
                "10",
            ],
        ]
        .concat(),
    );
    ok(&db, &[&now[..], &["bedtime", "set", "22:30"]].concat());
    db
}

#[test]
fn reminders_stay_at_21_00_local_across_the_march_clock_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let json = ok(
        &db,
        &[
            "--zone",
            "Europe/London",
            "--now",
            "2026-03-27T12:00:00Z",
            "reminders",
            "--days",
            "5",
            "--json",
        ],
    );
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    let doses: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "dose")
        .collect();
    let fire: Vec<&str> = doses
        .iter()
        .map(|n| n["fire_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        fire,
        [
            "2026-03-27T21:00:00+00:00",
            "2026-03-28T21:00:00+00:00",
            "2026-03-29T21:00:00+01:00",
            "2026-03-30T21:00:00+01:00",
            "2026-03-31T21:00:00+01:00",
            "2026-04-01T21:00:00+01:00",
        ]
    );
    for n in &doses {
        assert_eq!(n["medication"], "Amitriptyline");
        assert_eq!(n["actions"], serde_json::json!(["taken", "snooze", "skip"]));
        assert!(n["id"].as_str().unwrap().starts_with("dose:"));
    }
}

#[test]
fn bad_input_gets_one_clear_sentence_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let before = dump(&db);
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "med",
                "add",
                "Nortriptyline",
                "--ingredient",
                "nortriptyline",
                "--tablet",
                "-10",
            ],
            "tablet: must be more than 0 mg",
        ),
        (
            &[
                "med",
                "add",
                "Nortriptyline",
                "--ingredient",
                "nortriptyline",
                "--tablet",
                "NaN",
            ],
            "tablet: must be a number",
        ),
        (
            &[
                "med",
                "add",
                "Nortriptyline",
                "--ingredient",
                "nortriptyline",
                "--tablet",
                "10",
                "--dose",
                "-5",
            ],
            "dose: must be more than 0 mg",
        ),
        (
            &[
                "plan",
                "titrate",
                "Amitriptyline",
                "--start",
                "NaN",
                "--step",
                "10",
                "--every",
                "7",
            ],
            "start: must be a number",
        ),
        (&["take", "Paracetamol"], "\"Paracetamol\""),
        // The ingredient is never assumed from the name: a recognised one is offered.
        (
            &["med", "add", "Elavil", "--tablet", "10"],
            "is \"Elavil\" amitriptyline? Choose amitriptyline to confirm",
        ),
        (
            &["med", "add", "Night pill", "--tablet", "10"],
            "choose what \"Night pill\" is: amitriptyline, nortriptyline",
        ),
        (
            &[
                "med",
                "add",
                "Elavil",
                "--ingredient",
                "aspirin",
                "--tablet",
                "10",
            ],
            "\"aspirin\" is not one Eventide knows",
        ),
        (
            &[
                "med",
                "add",
                "Nortriptyline",
                "--ingredient",
                "nortriptyline",
                "--tablet",
                "10",
                "--slot",
                "sometimes",
            ],
            "sometimes",
        ),
        (
            &["bedtime", "set", "25:00"],
            "\"25:00\" is not a time of day",
        ),
        (
            &["--zone", "Mars/Olympus", "today"],
            "\"Mars/Olympus\" is not a known time zone",
        ),
        (&["--now", "yesterday", "today"], "not an RFC 3339 time"),
        (
            &["checkin", "great"],
            "not one of fine, groggy, slept-badly",
        ),
        (&["checkin", "fine", "--pain", "11"], "pain:"),
        (&["snooze", "Amitriptyline", "--minutes", "0"], "minutes:"),
        (
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
                "100",
            ],
            "--confirm",
        ),
    ];
    for (args, expected) in cases {
        let now: &[&str] = if args.contains(&"--now") {
            &[]
        } else {
            &["--now", "2026-03-27T20:30:00Z"]
        };
        let out = run(&db, &[now, args].concat());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(
            out.stdout.is_empty(),
            "{args:?} printed {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(dump(&db), before, "{args:?} changed the database");
    }
}

#[test]
fn the_demo_prints_a_believable_today_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = ok(
        &db,
        &[
            "--zone",
            "Europe/London",
            "--now",
            "2026-11-25T14:00:00Z",
            "demo",
        ],
    );
    assert!(out.contains("Amitriptyline 40 mg"), "{out}");
    assert!(out.contains("Reminder 21:00"), "{out}");
    assert!(out.contains("Step 4 of 5"), "{out}");
    // The stock the demo counted and collected, followed along the plan.
    assert!(
        out.contains("Supplies of Amitriptyline: Enough until Sat 12 Dec; runs out on Sun 13 Dec."),
        "{out}"
    );
    assert!(
        out.contains("in the morning instead of the evening"),
        "{out}"
    );
    // Four weeks in, the pain has fallen from about 7 to about 4, and tonight's step-up is the
    // user's choice: both options, and the question to take to the prescriber.
    assert!(out.contains("Step up as planned"), "{out}");
    assert!(
        out.contains("Stay on this dose and ask my prescriber"),
        "{out}"
    );
    assert!(out.contains("noticeably better"), "{out}");
    assert!(
        out.contains("Pain in the week before starting: 7.0"),
        "{out}"
    );
    // The demo never writes over an existing database.
    let again = run(&db, &["--now", "2026-11-25T14:00:00Z", "demo"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn taken_from_the_notification_twice_is_recorded_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let before = ["--zone", "Europe/London", "--now", "2026-03-27T20:55:00Z"];
    let at = ["--zone", "Europe/London", "--now", "2026-03-27T21:05:00Z"];
    let json = ok(&db, &[&before[..], &["reminders", "--json"]].concat());
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_string();
    let first = ok(&db, &[&at[..], &["tap", &id, "taken"]].concat());
    assert!(first.contains("recorded as taken"), "{first}");
    let second = ok(&db, &[&at[..], &["tap", &id, "taken"]].concat());
    assert!(second.contains("nothing changed"), "{second}");
    assert_eq!(dump(&db).matches("\"taken\"").count(), 1);
}

#[test]
fn a_reader_that_stops_early_does_not_crash_the_companion() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_eventide"))
        .arg("--db")
        .arg(&db)
        .args([
            "--zone",
            "Europe/London",
            "--now",
            "2026-11-25T14:00:00Z",
            "demo",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    // Like `eventide demo | head -0`: the reader goes away before anything is printed.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("finishes");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{err}");
    // The story was still written in full.
    let today = ok(
        &db,
        &[
            "--zone",
            "Europe/London",
            "--now",
            "2026-11-25T14:00:00Z",
            "today",
        ],
    );
    assert!(today.contains("Amitriptyline 40 mg"), "{today}");
}
