//! `eventide suggestions`: after a week on evening dosing with three "slept badly" mornings the
//! morning-dosing question is listed (JSON objects with kind, severity, evidence and text), and
//! `suggestions dismiss KIND` hides it.

use std::path::Path;

mod common;
use common::ok_at as ok;

fn listed(db: &Path, now: &str) -> Vec<serde_json::Value> {
    let json = ok(db, now, &["--json", "suggestions"]);
    serde_json::from_str::<Vec<serde_json::Value>>(&json).expect("a JSON list")
}

fn kinds(list: &[serde_json::Value]) -> Vec<String> {
    list.iter()
        .map(|s| s["kind"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_week_with_three_bad_nights_lists_the_morning_dosing_question() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    ok(
        &db,
        "2026-03-02T12:00:00Z",
        &[
            "med",
            "add",
            "Amitriptyline",
            "--ingredient",
            "amitriptyline",
            "--tablet",
            "10",
            "--dose",
            "20",
        ],
    );
    // Nights 2–8 March taken on time (reminder 21:00), bad nights 5, 6 and 7 March.
    for d in 2..=8u32 {
        ok(
            &db,
            &format!("2026-03-{d:02}T21:05:00Z"),
            &["take", "Amitriptyline"],
        );
        let answer = if (5..=7).contains(&d) {
            "slept-badly"
        } else {
            "fine"
        };
        ok(
            &db,
            &format!("2026-03-{:02}T07:30:00Z", d + 1),
            &["checkin", answer],
        );
        if d == 6 {
            // Two bad mornings so far: nothing yet.
            assert!(!kinds(&listed(&db, "2026-03-07T12:00:00Z"))
                .contains(&"ask_about_morning_dosing".to_string()));
        }
    }
    let list = listed(&db, "2026-03-08T12:00:00Z");
    let s = list
        .iter()
        .find(|s| s["kind"] == "ask_about_morning_dosing")
        .expect("the morning-dosing question");
    assert_eq!(s["severity"], "discuss_at_next_visit");
    assert_eq!(s["evidence"].as_array().map(Vec::len), Some(3));
    assert!(
        s["text"]
            .as_str()
            .unwrap_or_default()
            .contains("in the morning instead of the evening"),
        "{s}"
    );

    let text = ok(&db, "2026-03-08T12:00:00Z", &["suggestions"]);
    assert!(
        text.contains("Could I take my Amitriptyline in the morning"),
        "{text}"
    );
    let done = ok(
        &db,
        "2026-03-08T12:05:00Z",
        &["suggestions", "dismiss", "ask_about_morning_dosing"],
    );
    assert!(done.contains("hidden until their evidence grows"), "{done}");
    assert!(!kinds(&listed(&db, "2026-03-08T12:10:00Z"))
        .contains(&"ask_about_morning_dosing".to_string()));
}

#[test]
fn reviews_are_recorded_and_their_interval_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    ok(
        &db,
        "2026-03-02T12:00:00Z",
        &[
            "med",
            "add",
            "Amitriptyline",
            "--ingredient",
            "amitriptyline",
            "--tablet",
            "10",
            "--dose",
            "20",
        ],
    );
    let shown = ok(&db, "2026-03-02T12:00:00Z", &["review", "interval", "3"]);
    assert!(shown.contains("Next review due Tue 2 Jun"), "{shown}");
    ok(
        &db,
        "2026-03-20T12:00:00Z",
        &["review", "record", "--note", "Carry on"],
    );
    let shown = ok(&db, "2026-03-20T12:00:00Z", &["review", "show"]);
    assert!(
        shown.contains("Next review due Sat 20 Jun") && shown.contains("Carry on"),
        "{shown}"
    );
}
