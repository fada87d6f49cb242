//! `eventide backup` and `eventide restore` as a user runs them: the demo moved to a new
//! database shows the same screens, and a damaged backup is refused with nothing changed.
//! Backups are encrypted unless `--no-encryption`; tests give the passphrase in a file (the
//! terminal prompt is driven through a pseudo-terminal by scripts/suites/backup.sh).

use std::path::Path;
mod common;

const NOW: &str = "2026-11-25T14:00:00Z";
const WORDS: &str = "lemon piano river gravel";

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok_at(db, NOW, args)
}

fn refused(db: &Path, args: &[&str]) -> String {
    common::refused_at(db, NOW, args)
}

/// A passphrase file holding `text` and a line break, as an editor saves it.
fn passphrase_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("{text}\n")).unwrap();
    path.to_str().unwrap().to_string()
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
    let pass = passphrase_file(dir.path(), "pass", WORDS);
    let said = ok(
        &demo,
        &[
            "backup",
            "--out",
            file.to_str().unwrap(),
            "--passphrase-file",
            &pass,
        ],
    );
    assert!(
        said.contains("Backup written to")
            && said.contains("encrypted with your passphrase")
            && said.contains("1 medicine")
            && said.contains("1 review"),
        "{said}"
    );
    let said = ok(
        &fresh,
        &[
            "restore",
            file.to_str().unwrap(),
            "--passphrase-file",
            &pass,
        ],
    );
    assert!(
        said.contains("Restored the backup made Wed 25 Nov 2026"),
        "{said}"
    );
    assert_eq!(screens(&fresh), screens(&demo));
    // And the restored database backs up to the very same plain file as the original.
    let (plain, again) = (dir.path().join("p1"), dir.path().join("p2"));
    let said = ok(
        &demo,
        &[
            "backup",
            "--out",
            plain.to_str().unwrap(),
            "--no-encryption",
        ],
    );
    assert!(said.contains("NOT encrypted"), "{said}");
    ok(
        &fresh,
        &[
            "backup",
            "--out",
            again.to_str().unwrap(),
            "--no-encryption",
        ],
    );
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&plain).unwrap()
    );
}

#[test]
fn a_truncated_or_edited_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, file) = (dir.path().join("demo.db"), dir.path().join("b"));
    ok(&demo, &["demo"]);
    ok(
        &demo,
        &["backup", "--out", file.to_str().unwrap(), "--no-encryption"],
    );
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
    assert_nothing_saved_aside(dir.path());
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
    ok(
        &demo,
        &["backup", "--out", file.to_str().unwrap(), "--no-encryption"],
    );
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

/// A refused restore saved no copy of the data aside (it had nothing to replace).
fn assert_nothing_saved_aside(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !left.iter().any(|n| n.contains("before-restore")),
        "{left:?}"
    );
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
        &[
            "backup",
            "--out",
            dir.path().join("b").to_str().unwrap(),
            "--no-encryption",
        ],
    );
    assert!(
        err.contains("typo.db") && err.contains("nothing to back up"),
        "{err}"
    );
    assert!(!missing.exists());
    let db = dir.path().join("demo.db");
    ok(&db, &["demo"]);
    let err = refused(
        &db,
        &[
            "backup",
            "--out",
            dir.path().to_str().unwrap(),
            "--no-encryption",
        ],
    );
    assert!(err.contains("is a folder"), "{err}");
}

#[test]
fn without_a_passphrase_or_a_terminal_nothing_is_written_or_restored() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, file) = (dir.path().join("demo.db"), dir.path().join("b.age"));
    ok(&demo, &["demo"]);
    // The tests' standard input is not a terminal: the CLI refuses instead of waiting.
    let err = refused(&demo, &["backup", "--out", file.to_str().unwrap()]);
    assert!(
        err.contains("not a terminal")
            && err.contains("--passphrase-file")
            && err.contains("--no-encryption"),
        "{err}"
    );
    assert!(!file.exists());
    let short = passphrase_file(dir.path(), "short", "tulip7");
    let err = refused(
        &demo,
        &[
            "backup",
            "--out",
            file.to_str().unwrap(),
            "--passphrase-file",
            &short,
        ],
    );
    assert!(err.contains("at least 12 characters"), "{err}");
    assert!(!file.exists());

    let pass = passphrase_file(dir.path(), "pass", WORDS);
    ok(
        &demo,
        &[
            "backup",
            "--out",
            file.to_str().unwrap(),
            "--passphrase-file",
            &pass,
        ],
    );
    let fresh = dir.path().join("fresh.db");
    let err = refused(&fresh, &["restore", file.to_str().unwrap()]);
    assert!(
        err.contains("is encrypted") && err.contains("--passphrase-file"),
        "{err}"
    );
    assert!(!fresh.exists(), "a refused restore creates no database");
}

#[test]
fn inspect_says_whether_a_backup_is_encrypted_without_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, sealed, plain) = (
        dir.path().join("demo.db"),
        dir.path().join("b.age"),
        dir.path().join("b.plain"),
    );
    ok(&demo, &["demo"]);
    let pass = passphrase_file(dir.path(), "pass", WORDS);
    ok(
        &demo,
        &[
            "backup",
            "--out",
            sealed.to_str().unwrap(),
            "--passphrase-file",
            &pass,
        ],
    );
    ok(
        &demo,
        &[
            "backup",
            "--out",
            plain.to_str().unwrap(),
            "--no-encryption",
        ],
    );
    // No database is needed or created.
    let none = dir.path().join("none.db");
    let said = ok(&none, &["backup", "inspect", sealed.to_str().unwrap()]);
    assert!(
        said.contains("is encrypted with a passphrase") && said.contains("--passphrase-file"),
        "{said}"
    );
    let said = ok(
        &none,
        &[
            "backup",
            "inspect",
            sealed.to_str().unwrap(),
            "--passphrase-file",
            &pass,
        ],
    );
    assert!(
        said.contains("checked whole") && said.contains("1 medicine"),
        "{said}"
    );
    let said = ok(&none, &["backup", "inspect", plain.to_str().unwrap()]);
    assert!(
        said.contains("plain backup, not encrypted") && said.contains("1 medicine"),
        "{said}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &none,
        &["--json", "backup", "inspect", sealed.to_str().unwrap()],
    ))
    .unwrap();
    assert_eq!(json["protection"], "passphrase");
    assert!(json["backup"].is_null());
    assert!(!none.exists());
    let cut = dir.path().join("cut");
    std::fs::write(&cut, &std::fs::read(&sealed).unwrap()[..30]).unwrap();
    let err = refused(&none, &["backup", "inspect", cut.to_str().unwrap()]);
    assert!(err.contains("cut short"), "{err}");
}

#[test]
fn a_wrong_passphrase_or_a_damaged_encrypted_backup_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, file) = (dir.path().join("demo.db"), dir.path().join("b.age"));
    ok(&demo, &["demo"]);
    let pass = passphrase_file(dir.path(), "pass", WORDS);
    ok(
        &demo,
        &[
            "backup",
            "--out",
            file.to_str().unwrap(),
            "--passphrase-file",
            &pass,
        ],
    );
    let good = std::fs::read(&file).unwrap();
    let before = std::fs::read(&demo).unwrap();
    let wrong = passphrase_file(dir.path(), "wrong", "lemon piano river");
    let mut edited = good.clone();
    let last = edited.len() - 1;
    edited[last] ^= 1;
    let (cut_file, edited_file) = (dir.path().join("cut"), dir.path().join("edited"));
    std::fs::write(&cut_file, &good[..good.len() / 2]).unwrap();
    std::fs::write(&edited_file, &edited).unwrap();
    for (offered, passphrase, why) in [
        (&file, &wrong, "the passphrase is not the one"),
        (&cut_file, &pass, "changed or damaged"),
        (&edited_file, &pass, "changed or damaged"),
    ] {
        let err = refused(
            &demo,
            &[
                "restore",
                "--replace",
                offered.to_str().unwrap(),
                "--passphrase-file",
                passphrase,
            ],
        );
        assert!(
            err.contains(why) && err.contains("Nothing was changed"),
            "{err}"
        );
        assert_eq!(
            std::fs::read(&demo).unwrap(),
            before,
            "the database changed"
        );
    }
    assert_nothing_saved_aside(dir.path());
}
