//! Damaged files and hostile storage, beyond what `store.rs` covers: truncated files, a torn
//! WAL, a read-only file and a full disk. Each gives a typed error the user can act on (or
//! opens with everything that was committed), and the bytes on disk are never lost.
//!
//! Some cases run this test binary again as a child: under `ulimit -f` (a size-limited file,
//! the portable way to fill a "disk" without mounting anything) or, when the tests run as root
//! (who may write any file), as the user `nobody` so a read-only file really is read-only.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use eventide_core::checkin::{CheckInAnswer, Feeling};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::plan::PlanKind;
use eventide_core::store::wal_path;
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Error};

const CHILD_ENV: &str = "EVENTIDE_DAMAGE_CHILD";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 4, 20, 5, 0).unwrap()
}

fn open(path: &Path) -> eventide_core::Result<Companion> {
    Companion::open(path, common::zone("Europe/London"))
}

/// A database with a medication, a plan, a dose and 30 check-ins, closed cleanly.
fn seeded(dir: &Path) -> PathBuf {
    let path = dir.join("eventide.db");
    let app = open(&path).unwrap();
    let med = app
        .add_medication(
            NewMedication {
                name: "Amitriptyline".into(),
                ingredient: Some(Ingredient::Amitriptyline),
                tablet_mg: vec![10.0, 25.0],
                can_halve: false,
                liquid_mg_per_5ml: vec![],
                slot: Slot::Evening { lead_minutes: 90 },
            },
            now(),
        )
        .unwrap();
    let kind = PlanKind::Maintenance {
        dose: Micrograms::mg(35),
    };
    app.set_plan(med.id, kind, None, &[], now()).unwrap();
    app.take(med.id, None, None, now()).unwrap();
    for k in 0..30 {
        let morning = day(5, 4) + Duration::days(k);
        app.check_in(note_answer(k), Some(morning), now()).unwrap();
    }
    path
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn note_answer(k: i64) -> CheckInAnswer {
    CheckInAnswer {
        feeling: Some(Feeling::Fine),
        pain: Some((k % 11) as u8),
        note: Some(format!("{k}: {}", "a long night. ".repeat(30))),
        ..Default::default()
    }
}

/// Folds the WAL into the main file, so the damage below hits real pages.
fn checkpoint(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
}

/// Runs this test binary again as a child running only `test` on the database `db`, with
/// `prefix` before it (a shell wrapper or a user switch). Returns the child's stdout.
fn run_child(prefix: &[&str], test: &str, db: &Path, label: &Path) -> String {
    let exe = std::env::current_exe().unwrap();
    let mut args: Vec<String> = prefix.iter().map(|s| s.to_string()).collect();
    args.push(exe.display().to_string());
    args.extend(["--ignored", "--exact", test, "--nocapture"].map(String::from));
    let out = Command::new(&args[0])
        .args(&args[1..])
        .env(CHILD_ENV, db)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "child {test} on {} failed:\n{stdout}\n{}",
        label.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
}

#[test]
fn a_truncated_database_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded(dir.path());
    checkpoint(&path);
    let whole = std::fs::read(&path).unwrap();
    assert!(whole.len() >= 8 * 4096, "{} bytes", whole.len());
    // Cut inside the header, after the header, at a page boundary and mid-page.
    for len in [20, 100, 4096, whole.len() / 2, whole.len() - 1000] {
        let cut = &whole[..len];
        std::fs::write(&path, cut).unwrap();
        let err = open(&path)
            .err()
            .unwrap_or_else(|| panic!("{len} bytes opened"));
        assert!(
            matches!(
                err,
                Error::Damaged { .. } | Error::NotEventideDatabase { .. }
            ),
            "{len} bytes: {err:?}"
        );
        assert!(err.to_string().contains("left untouched"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), cut, "{len} bytes kept");
    }
}

#[test]
fn a_torn_wal_loses_only_the_unfinished_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded(dir.path());
    checkpoint(&path);
    let wal = wal_path(&path);
    // Two more check-ins land in the WAL; copy it as it is before the clean close.
    let copy = dir.path().join("copy.db");
    {
        let app = open(&path).unwrap();
        for k in 30..32 {
            let morning = day(5, 4) + Duration::days(k);
            app.check_in(note_answer(k), Some(morning), now()).unwrap();
        }
        std::fs::copy(&path, &copy).unwrap();
        std::fs::copy(&wal, wal_path(&copy)).unwrap();
    }
    // Tear off the end of the last frame, as a power cut mid-write would.
    let bytes = std::fs::read(wal_path(&copy)).unwrap();
    std::fs::write(wal_path(&copy), &bytes[..bytes.len() - 100]).unwrap();
    let app = open(&copy).unwrap();
    let all = app.checkins(day(5, 4), day(6, 30)).unwrap();
    // The first 30 and the first WAL write are whole; the torn one is gone, nothing is mangled.
    assert_eq!(all.len(), 31, "{:?}", all.last().map(|c| c.morning));
    assert_eq!(all[30].pain, Some(30 % 11));
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

/// Child of the read-only test: opens the read-only file and tries to write.
#[test]
#[ignore = "child process of a_read_only_database_is_never_written"]
fn read_only_child() {
    let Ok(db) = std::env::var(CHILD_ENV) else {
        return;
    };
    match open(Path::new(&db)) {
        Err(e) => println!("OPEN-ERROR {e:?}"),
        Ok(app) => {
            let answer = note_answer(99);
            match app.check_in(answer, Some(day(6, 4)), now()) {
                Ok(_) => println!("WRITE-OK"),
                Err(e) => println!("WRITE-ERROR {e:?}"),
            }
        }
    }
}

#[test]
fn a_read_only_database_is_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = seeded(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(&path, 0o444).unwrap();
    mode(dir.path(), 0o555).unwrap();
    // root ignores file modes: run the attempt as nobody, who must obey them.
    let prefix: &[&str] = if is_root() {
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        &[]
    };
    let out = run_child(prefix, "read_only_child", &path, &path);
    mode(dir.path(), 0o755).unwrap();
    mode(&path, 0o644).unwrap();
    let line = out
        .lines()
        .find(|l| l.contains("-ERROR") || l.contains("WRITE-OK"))
        .unwrap_or_default();
    assert!(
        line.starts_with("OPEN-ERROR Storage") || line.starts_with("WRITE-ERROR Storage"),
        "a typed storage error, not {line:?}"
    );
    assert!(
        line.contains("read-only") || line.contains("could not be opened"),
        "the message says why: {line}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "not a byte changed");
    // With write permission back, everything is there and writes work.
    let app = open(&path).unwrap();
    assert_eq!(app.checkins(day(5, 4), day(6, 30)).unwrap().len(), 30);
    app.check_in(note_answer(99), Some(day(6, 4)), now())
        .unwrap();
}

/// Child of the full-disk test: runs under `ulimit -f`, writes until the limit stops it.
#[test]
#[ignore = "child process of a_full_disk_refuses_the_write_and_keeps_the_rest"]
fn full_disk_child() {
    let Ok(db) = std::env::var(CHILD_ENV) else {
        return;
    };
    let app = match open(Path::new(&db)) {
        Ok(app) => app,
        Err(e) => {
            println!("OPEN-ERROR {e:?}");
            return;
        }
    };
    for k in 100..2000 {
        let morning = day(1, 1) + Duration::days(k);
        // Each answered on its own morning, as a phone would.
        let at = Utc.from_utc_datetime(&morning.and_hms_opt(7, 30, 0).unwrap());
        match app.check_in(note_answer(k), Some(morning), at) {
            Ok(_) => println!("COMMITTED {morning}"),
            Err(e) => {
                println!("FAILED {morning} {e:?}");
                println!("MESSAGE {e}");
                return;
            }
        }
    }
}

#[test]
fn a_full_disk_refuses_the_write_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded(dir.path());
    checkpoint(&path);
    let size = std::fs::metadata(&path).unwrap().len();
    // Files may grow to the main file's size plus ~64 KB: the WAL fills up after a few writes.
    // `ulimit -f` counts 512-byte blocks in dash and POSIX sh; SIGXFSZ is ignored so the write
    // fails with an error (EFBIG) instead of killing the process.
    let blocks = (size + 64 * 1024) / 512;
    let script = format!("ulimit -f {blocks} && trap '' XFSZ && exec \"$@\"");
    let out = run_child(
        &["sh", "-c", &script, "sh"],
        "full_disk_child",
        &path,
        &path,
    );
    check_full_disk(&path, &out);
}

/// The same on a real full file system (ENOSPC): a 64 KB-roomy tmpfs in a private mount
/// namespace, where mounting is allowed (root, or unprivileged user namespaces).
#[test]
fn a_full_tmpfs_refuses_the_write_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = seeded(dir.path());
    checkpoint(&path);
    let mnt = dir.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let probe = Command::new("unshare")
        .args(["-rm", "sh", "-c"])
        .arg(format!(
            "mount -t tmpfs -o size=64k tmpfs '{}'",
            mnt.display()
        ))
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "skipped: this machine cannot mount a tmpfs (the ulimit test covers a full disk)"
        );
        return;
    }
    let kb = (std::fs::metadata(&path).unwrap().len() + 64 * 1024) / 1024;
    // Copy the database in, run the child on it, copy whatever is there back out.
    let script = format!(
        "mount -t tmpfs -o size={kb}k tmpfs '{m}' && cp '{db}' '{m}/' && \"$@\"; rc=$?; cp '{m}'/eventide.db* '{d}/'; exit $rc",
        m = mnt.display(),
        db = path.display(),
        d = dir.path().display(),
    );
    let inside = mnt.join("eventide.db");
    let out = run_child(
        &["unshare", "-rm", "sh", "-c", &script, "sh"],
        "full_disk_child",
        &inside,
        &path,
    );
    assert!(
        out.contains("storage is full"),
        "ENOSPC is reported as a full device:\n{out}"
    );
    check_full_disk(&path, &out);
}

/// After a child filled the disk: the error was typed and said so, and with room again the
/// file is healthy, every committed write is there, the failed one left nothing, and the next
/// write works.
fn check_full_disk(path: &Path, out: &str) {
    let committed: Vec<NaiveDate> = out
        .lines()
        .filter_map(|l| l.strip_prefix("COMMITTED "))
        .map(|d| d.parse().unwrap())
        .collect();
    let failed = out
        .lines()
        .find(|l| l.starts_with("FAILED "))
        .unwrap_or_else(|| panic!("the limit never stopped a write:\n{out}"));
    assert!(
        failed.contains("Storage"),
        "a typed storage error: {failed}"
    );
    let message = out.lines().find(|l| l.starts_with("MESSAGE ")).unwrap();
    assert!(
        message.contains("storage is full") || message.contains("free space"),
        "the user is told to make room: {message}"
    );
    let failed_morning: NaiveDate = failed.split(' ').nth(1).unwrap().parse().unwrap();
    let app = open(path).unwrap();
    let all = app
        .checkins(day(1, 1), day(12, 31) + Duration::days(3000))
        .unwrap();
    for morning in &committed {
        assert!(all.iter().any(|c| c.morning == *morning), "{morning} lost");
    }
    assert!(!all.iter().any(|c| c.morning == failed_morning));
    assert_eq!(all.len(), 30 + committed.len());
    let that_morning = Utc.from_utc_datetime(&failed_morning.and_hms_opt(7, 45, 0).unwrap());
    app.check_in(note_answer(7), Some(failed_morning), that_morning)
        .unwrap();
    let conn = rusqlite::Connection::open(path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}
