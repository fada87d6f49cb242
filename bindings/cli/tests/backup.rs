//! `eventide backup` and `eventide restore` as a user runs them: the demo moved to a new
//! database shows the same screens, and a damaged backup is refused with nothing changed.

use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2026-11-25T14:00:00Z";

fn eventide(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eventide"))
        .arg("--db")
        .arg(db)
        .args(["--now", NOW, "--zone", "Europe/London"])
        .args(args)
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = eventide(db, args);
    assert!(
        out.status.success(),
        "eventide {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn refused(db: &Path, args: &[&str]) -> String {
    let out = eventide(db, args);
    assert!(
        !out.status.success(),
        "eventide {args:?} should have failed"
    );
    String::from_utf8(out.stderr).unwrap()
}

/// What a user can look at, as text and as JSON.
fn screens(db: &Path) -> Vec<String> {
    [
        vec!["today"],
        vec!["--json", "today"],
        vec!["reminders", "--days", "7"],
        vec!["settings"],
        vec!["med", "list"],
        vec!["plan", "show", "Amitriptyline"],
        vec!["review", "show"],
    ]
    .iter()
    .map(|args| ok(db, args))
    .collect()
}

#[test]
fn the_demo_restored_into_a_fresh_database_looks_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, fresh, file) = (
        dir.path().join("demo.db"),
        dir.path().join("fresh.db"),
        dir.path().join("b"),
    );
    ok(&demo, &["demo"]);
    ok(
        &demo,
        &[
            "review",
            "record",
            "--note",
            "Going well, \"keep\" 30 mg — next in May",
        ],
    );
    let said = ok(&demo, &["backup", "--out", file.to_str().unwrap()]);
    assert!(
        said.contains("Backup written to")
            && said.contains("1 medicine")
            && said.contains("1 review"),
        "{said}"
    );
    let said = ok(&fresh, &["restore", file.to_str().unwrap()]);
    assert!(
        said.contains("Restored the backup made Wed 25 Nov 2026"),
        "{said}"
    );
    assert_eq!(screens(&fresh), screens(&demo));
    // And the restored database backs up to the very same file.
    let again = dir.path().join("b2");
    ok(&fresh, &["backup", "--out", again.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&file).unwrap()
    );
}

#[test]
fn a_truncated_or_edited_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, file) = (dir.path().join("demo.db"), dir.path().join("b"));
    ok(&demo, &["demo"]);
    ok(&demo, &["backup", "--out", file.to_str().unwrap()]);
    let good = std::fs::read(&file).unwrap();

    let cut = dir.path().join("cut");
    std::fs::write(&cut, &good[..good.len() * 2 / 3]).unwrap();
    let fresh = dir.path().join("fresh.db");
    let err = refused(&fresh, &["restore", cut.to_str().unwrap()]);
    assert!(
        err.contains("cut short") && err.contains("Nothing was changed"),
        "{err}"
    );
    assert!(!fresh.exists(), "a refused restore creates no database");

    let edited = dir.path().join("edited");
    let text = String::from_utf8(good.clone())
        .unwrap()
        .replacen("\"fine\"", "\"groggy\"", 1);
    std::fs::write(&edited, text).unwrap();
    let before = std::fs::read(&demo).unwrap();
    let err = refused(&demo, &["restore", "--replace", edited.to_str().unwrap()]);
    assert!(err.contains("changed or damaged"), "{err}");
    assert_eq!(
        std::fs::read(&demo).unwrap(),
        before,
        "the database is byte-identical"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !left.iter().any(|n| n.contains("before-restore")),
        "{left:?}"
    );
}

#[test]
fn replace_keeps_a_copy_that_undoes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, mine, file) = (
        dir.path().join("demo.db"),
        dir.path().join("mine.db"),
        dir.path().join("b"),
    );
    ok(&demo, &["demo"]);
    ok(&demo, &["backup", "--out", file.to_str().unwrap()]);
    ok(
        &mine,
        &[
            "med",
            "add",
            "Nortriptyline",
            "--ingredient",
            "nortriptyline",
            "--tablet",
            "10",
        ],
    );
    let mine_before = screens_of_meds(&mine);

    let err = refused(&mine, &["restore", file.to_str().unwrap()]);
    assert!(
        err.contains("already holds data") && err.contains("replace"),
        "{err}"
    );
    assert_eq!(screens_of_meds(&mine), mine_before);

    let said = ok(&mine, &["restore", "--replace", file.to_str().unwrap()]);
    let aside = said
        .lines()
        .find_map(|l| {
            l.strip_prefix(&format!(
                "To undo: eventide --db {} restore --replace ",
                mine.display()
            ))
        })
        .expect(&said)
        .to_string();
    assert_eq!(screens(&mine), screens(&demo));
    ok(&mine, &["restore", "--replace", &aside]);
    assert_eq!(screens_of_meds(&mine), mine_before);
}

fn screens_of_meds(db: &Path) -> String {
    ok(db, &["med", "list"])
}

#[test]
fn backup_refuses_a_missing_database_and_a_folder_as_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo.db");
    let err = refused(
        &missing,
        &["backup", "--out", dir.path().join("b").to_str().unwrap()],
    );
    assert!(
        err.contains("typo.db") && err.contains("nothing to back up"),
        "{err}"
    );
    assert!(!missing.exists());
    let db = dir.path().join("demo.db");
    ok(&db, &["demo"]);
    let err = refused(&db, &["backup", "--out", dir.path().to_str().unwrap()]);
    assert!(err.contains("is a folder"), "{err}");
}
