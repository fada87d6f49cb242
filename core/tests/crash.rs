//! Kill mid-write: a child process records doses, check-ins, plan changes and multi-row
//! writes into one database file and prints each write once it has returned; the parent
//! SIGKILLs it at a random moment, 200 times. After every kill the file passes SQLite's
//! integrity check, opens in Eventide, holds every write the child reported, and no write is
//! half there.
//!
//! The child is this test binary run again with `--ignored --exact crash_child_writer` and the
//! database path in an environment variable, so no extra program has to be built.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration as Wait;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use eventide_core::checkin::{CheckIn, CheckInAnswer, Feeling};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::plan::PlanKind;
use eventide_core::units::Micrograms;
use eventide_core::Companion;

const DB_ENV: &str = "EVENTIDE_CRASH_CHILD_DB";
const START_ENV: &str = "EVENTIDE_CRASH_CHILD_START";
/// Kills, as the issue asks.
const KILLS: u64 = 200;
/// Writes one child may make before it stops on its own (each child starts at its own index).
const WRITES_PER_CHILD: i64 = 100;

/// The plan starts here and every write is about a night after it.
fn first_night() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

/// The child's clock: each write happens when it would on a phone, `h:m` UTC on `date` (the
/// evening of the night it records, or the next morning for its check-in).
fn child_at(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(h, m, 0).unwrap())
}

fn open(path: &Path) -> Companion {
    Companion::open(path, common::zone("Europe/London")).unwrap()
}

/// The dose each plan change sets, by write index (all measurable with 10 and 25 mg tablets).
fn plan_dose(i: i64) -> Micrograms {
    Micrograms::mg([10, 20, 25, 35, 45, 50][i.rem_euclid(6) as usize])
}

/// Not a test on its own: the writer the parent starts and kills.
#[test]
#[ignore = "child process of kill_mid_write_loses_nothing_reported"]
fn crash_child_writer() {
    let Ok(path) = std::env::var(DB_ENV) else {
        return;
    };
    let start: i64 = std::env::var(START_ENV).unwrap().parse().unwrap();
    let app = open(Path::new(&path));
    let med = app.find_medication("Amitriptyline").unwrap();
    for i in start..start + WRITES_PER_CHILD {
        let night = first_night() + Duration::days(i);
        let now = child_at(night, 21, 5);
        match i % 4 {
            0 => {
                app.take(med.id, Some(night), None, now).unwrap();
                println!("TAKE {night}");
            }
            1 => {
                let answer = CheckInAnswer {
                    feeling: Some(Feeling::Groggy),
                    pain: Some((i % 11) as u8),
                    note: Some(format!("write {i}")),
                    ..Default::default()
                };
                let morning = night + Duration::days(1);
                app.check_in(answer, Some(morning), child_at(morning, 8, 30))
                    .unwrap();
                println!("CHECKIN {morning} {i}");
            }
            2 => {
                let kind = PlanKind::Maintenance { dose: plan_dose(i) };
                let view = app.set_plan(med.id, kind, None, &[], now).unwrap();
                println!("PLAN {} {i}", view.version);
            }
            _ => {
                // Three rows in three tables in one transaction: all or none.
                app.with_store(|s| {
                    s.write(|t| {
                        t.set_setting(&format!("batch-{i}"), "1")?;
                        t.dismiss_suggestion(&format!("batch-{i}"), now)?;
                        t.upsert_checkin(&CheckIn {
                            morning: night + Duration::days(1),
                            feeling: Feeling::Fine,
                            pain: None,
                            effects: vec![],
                            note: Some(format!("batch {i}")),
                            recorded_at: now.fixed_offset(),
                        })
                    })
                })
                .unwrap();
                println!("BATCH {i}");
            }
        }
    }
}

/// A small deterministic random source (xorshift), so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Everything the children reported as committed so far.
#[derive(Default)]
struct Reported {
    takes: BTreeSet<NaiveDate>,
    /// morning → the write index in its note
    checkins: BTreeMap<NaiveDate, i64>,
    /// version → the write index that set it
    plans: BTreeMap<u32, i64>,
    batches: BTreeSet<i64>,
}

impl Reported {
    fn read(&mut self, out: &str) {
        // Only whole lines: a line cut off by the kill was not fully reported.
        let complete = out.rfind('\n').map_or("", |end| &out[..end]);
        for line in complete.lines() {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["TAKE", night] => {
                    self.takes.insert(night.parse().unwrap());
                }
                ["CHECKIN", morning, i] => {
                    self.checkins
                        .insert(morning.parse().unwrap(), i.parse().unwrap());
                }
                ["PLAN", version, i] => {
                    self.plans
                        .insert(version.parse().unwrap(), i.parse().unwrap());
                }
                ["BATCH", i] => {
                    self.batches.insert(i.parse().unwrap());
                }
                _ => {} // the test harness's own lines
            }
        }
    }
}

fn verify(path: &Path, reported: &Reported, kill: u64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "after kill {kill}");
    // Half-applied batches: each batch index is in all three tables or in none.
    let indexes = |sql: &str| -> BTreeSet<i64> {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        rows.map(|r| {
            r.unwrap()
                .rsplit([' ', '-'])
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect()
    };
    let settings = indexes("SELECT key FROM settings WHERE key LIKE 'batch-%'");
    let dismissed = indexes("SELECT suggestion_id FROM suggestion_dismissals");
    let notes = indexes("SELECT note FROM checkins WHERE note LIKE 'batch %'");
    assert_eq!(
        settings, dismissed,
        "after kill {kill}: a batch is half there"
    );
    assert_eq!(settings, notes, "after kill {kill}: a batch is half there");
    assert!(
        reported.batches.is_subset(&settings),
        "after kill {kill}: a reported batch is missing"
    );
    drop(conn);

    let app = open(path);
    let med = app.find_medication("Amitriptyline").unwrap();
    let last = first_night() + Duration::days(i64::try_from(KILLS).unwrap() * WRITES_PER_CHILD);
    let taken: BTreeSet<NaiveDate> = app
        .dose_events(first_night(), last)
        .unwrap()
        .into_iter()
        .map(|e| e.night)
        .collect();
    assert!(
        reported.takes.is_subset(&taken),
        "after kill {kill}: a reported dose is missing"
    );
    let checkins = app.checkins(first_night(), last).unwrap();
    for (morning, i) in &reported.checkins {
        let c = checkins.iter().find(|c| c.morning == *morning);
        let c = c.unwrap_or_else(|| panic!("after kill {kill}: check-in {morning} missing"));
        // A whole answer: the pain and the note of the same write.
        assert_eq!(
            (c.pain, c.note.clone()),
            (Some((i % 11) as u8), Some(format!("write {i}")))
        );
    }
    let history = app.plan_history(med.id).unwrap();
    let versions: Vec<u32> = history.iter().map(|p| p.version).collect();
    let expected: Vec<u32> = (1..=u32::try_from(history.len()).unwrap()).collect();
    assert_eq!(
        versions, expected,
        "after kill {kill}: plan versions have a gap"
    );
    for (version, i) in &reported.plans {
        let plan = history
            .iter()
            .find(|p| p.version == *version)
            .unwrap_or_else(|| panic!("after kill {kill}: plan version {version} missing"));
        assert_eq!(
            plan.kind,
            PlanKind::Maintenance {
                dose: plan_dose(*i)
            }
        );
    }
}

#[test]
fn kill_mid_write_loses_nothing_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eventide.db");
    {
        let app = open(&path);
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
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
                at,
            )
            .unwrap();
        let kind = PlanKind::Maintenance {
            dose: Micrograms::mg(25),
        };
        app.set_plan(med.id, kind, Some(first_night()), &[], at)
            .unwrap();
    }
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut reported = Reported::default();
    let mut killed_while_writing = 0;
    for kill in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["--ignored", "--exact", "crash_child_writer", "--nocapture"])
            .env(DB_ENV, &path)
            .env(START_ENV, (kill as i64 * WRITES_PER_CHILD).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Wait::from_millis(2 + rng.below(100)));
        // SIGKILL: no destructors, no flush, no rollback — like a phone killing the app.
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        if status.code().is_none() && out.lines().any(|l| l.contains(' ')) {
            killed_while_writing += 1;
        }
        reported.read(&out);
        verify(&path, &reported, kill);
    }
    let total = reported.takes.len()
        + reported.checkins.len()
        + reported.plans.len()
        + reported.batches.len();
    // The harness must really have interrupted writers, not idle or finished processes.
    assert!(
        killed_while_writing > KILLS / 2 && total > KILLS as usize,
        "only {killed_while_writing} kills hit a writer ({total} writes reported)"
    );
    eprintln!(
        "{KILLS} kills, {killed_while_writing} mid-stream, {total} reported writes all present"
    );
}
