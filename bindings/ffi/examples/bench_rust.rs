//! The Rust half of the FFI benchmark (scripts/bench-ffi.sh runs it next to the Kotlin half,
//! tests/kotlin/bench): the same fixture and the same operations — `today` and recording a
//! dose (a new record, and the same tap again, which writes nothing) — called from Rust directly, on the core (`Companion`) and on the FFI object's Rust
//! API (the records conversion without crossing the boundary). Prints medians in µs.
//!
//! Usage: bench_rust DIR [ITERATIONS]

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use eventide_core::checkin::{CheckInAnswer, Feeling};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::notify::NotificationAction;
use eventide_core::plan::PlanKind;
use eventide_core::units::Micrograms;
use eventide_core::zone::FixedZone;
use eventide_core::Companion;
use eventide_ffi::Eventide;

/// The benchmark's "now": Wednesday 25 November 2026, 21:05 in London (UTC+0 in November,
/// so a fixed zone of 0 answers exactly as java.time's Europe/London does on the Kotlin side).
const NOW: &str = "2026-11-25T21:05:00Z";
const FIRST: &str = "2026-01-01T12:00:00Z";

/// London's zone rules answered as a phone's `DeviceZone` would (chrono-tz standing in for
/// java.time).
struct London;

impl eventide_ffi::DeviceZone for London {
    fn offset_seconds_at(&self, instant: eventide_ffi::Timestamp) -> i32 {
        DateTime::<Utc>::from_timestamp_millis(instant.0).map_or(0, |t| {
            eventide_core::zone::ZoneRules::offset_seconds_at(&chrono_tz::Europe::London, t)
        })
    }
    fn next_transition_after(
        &self,
        instant: eventide_ffi::Timestamp,
    ) -> Option<eventide_ffi::Timestamp> {
        // Hour by hour (London changes on the hour): good enough for a benchmark's few questions.
        let start = DateTime::<Utc>::from_timestamp_millis(instant.0)?;
        let first =
            eventide_core::zone::ZoneRules::offset_seconds_at(&chrono_tz::Europe::London, start);
        let mut t = DateTime::<Utc>::from_timestamp(start.timestamp() / 3600 * 3600, 0)?;
        for _ in 0..(24 * 400) {
            t += Duration::hours(1);
            if eventide_core::zone::ZoneRules::offset_seconds_at(&chrono_tz::Europe::London, t)
                != first
            {
                return Some(eventide_ffi::Timestamp(t.timestamp_millis()));
            }
        }
        None
    }
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

/// The fixture, identical to the Kotlin half: amitriptyline 10/25 mg, bedtimes by weekday,
/// a 10 → 50 mg weekly titration from 1 January, a week of bad nights.
fn fixture(c: &Companion) -> Result<String, eventide_core::Error> {
    let med = c.add_medication(
        NewMedication {
            name: "Amitriptyline".into(),
            ingredient: Some(Ingredient::Amitriptyline),
            tablet_mg: vec![10.0, 25.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![],
            slot: Slot::Evening { lead_minutes: 90 },
        },
        at(FIRST),
    )?;
    c.set_bedtime(hm(22, 30), &[])?;
    c.set_bedtime(hm(23, 30), &[Weekday::Fri, Weekday::Sat])?;
    let kind = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(50),
    };
    c.set_plan(med.id, kind, None, &[], at(FIRST))?;
    for day in 19..=25 {
        let answer = CheckInAnswer {
            feeling: Some(Feeling::SleptBadly),
            pain: Some(3),
            ..Default::default()
        };
        c.check_in(answer, None, at(&format!("2026-11-{day}T08:20:00Z")))?;
    }
    Ok(med.id.to_string())
}

fn median(mut samples: Vec<StdDuration>) -> f64 {
    samples.sort();
    samples
        .get(samples.len() / 2)
        .map(|d| d.as_secs_f64() * 1e6)
        .unwrap_or(f64::NAN)
}

fn time<T>(n: usize, mut f: impl FnMut(usize) -> T) -> Vec<StdDuration> {
    (0..n)
        .map(|i| {
            let start = Instant::now();
            std::hint::black_box(f(i));
            start.elapsed()
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(args.get(1).ok_or("usage: bench_rust DIR [ITERATIONS]")?);
    let iterations: usize = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(300);
    if iterations > 300 {
        return Err("at most 300 iterations (one past night per recorded dose)".into());
    }
    std::fs::create_dir_all(&dir)?;
    let now = at(NOW);
    let last_night = date("2026-11-24");

    // 1. The core, directly.
    let core_db = dir.join("rust-core.db");
    let _ = std::fs::remove_file(&core_db);
    let core = Companion::open(&core_db, Arc::new(FixedZone(0)))?;
    fixture(&core)?;
    let med = core
        .medications()?
        .first()
        .map(|m| m.id)
        .ok_or("fixture has no medication")?;
    for _ in 0..50 {
        core.today(now)?;
    }
    let core_today = median(time(iterations * 3, |_| core.today(now)));
    let core_take = median(time(iterations, |k| {
        // Each past night's dose, recorded with the time it was taken (inside its window).
        core.take_at(
            med,
            Some(last_night - Duration::days(k as i64)),
            None,
            Some(hm(22, 0)),
            now,
        )
    }));
    let core_again = median(time(iterations, |_| {
        core.take_at(med, Some(last_night), None, Some(hm(22, 0)), now)
    }));
    let key = format!("dose:{med}:0:{last_night}");
    let core_tap_key = median(time(iterations * 3, |_| {
        core.handle_action(&key, NotificationAction::Taken, now)
    }));

    // 2. The FFI object's Rust API (records conversion, no boundary crossing).
    let ffi_db = dir.join("rust-ffi.db");
    let _ = std::fs::remove_file(&ffi_db);
    let wrapped = Eventide::open_with_rules(&ffi_db.to_string_lossy(), Arc::new(FixedZone(0)))?;
    let id = fixture(wrapped.companion())?;
    let now_st = eventide_ffi::Timestamp::from(std::time::SystemTime::from(now));
    for _ in 0..50 {
        wrapped.today(now_st)?;
    }
    let ffi_today = median(time(iterations * 3, |_| wrapped.today(now_st)));
    let ffi_take = median(time(iterations, |k| {
        let night = (last_night - Duration::days(k as i64))
            .format("%Y-%m-%d")
            .to_string();
        wrapped.take(id.clone(), Some(night), None, now_st, Some("22:00".into()))
    }));
    let ffi_again = median(time(iterations, |_| {
        wrapped.take(
            id.clone(),
            Some("2026-11-24".into()),
            None,
            now_st,
            Some("22:00".into()),
        )
    }));
    let ffi_key = format!("dose:{id}:0:2026-11-24");
    let ffi_tap_key = median(time(iterations * 3, |_| {
        wrapped.handle_action(
            ffi_key.clone(),
            eventide_ffi::NotificationAction::Taken,
            now_st,
        )
    }));

    // 3. The same object answering the zone as a phone does (a DeviceZone, here London by
    // chrono-tz): the offsets it learns and keeps, with no boundary to cross.
    let shell_db = dir.join("rust-shell-zone.db");
    let _ = std::fs::remove_file(&shell_db);
    let shell = Eventide::new(shell_db.to_string_lossy().into(), Arc::new(London))?;
    fixture(shell.companion())?;
    for _ in 0..50 {
        shell.today(now_st)?;
    }
    let shell_today = median(time(iterations * 3, |_| shell.today(now_st)));

    println!("rust-core today_us={core_today:.1} take_us={core_take:.1} again_us={core_again:.1} tap_key_us={core_tap_key:.1}");
    println!("rust-shell-zone today_us={shell_today:.1}");
    println!("rust-ffi-api today_us={ffi_today:.1} take_us={ffi_take:.1} again_us={ffi_again:.1} tap_key_us={ffi_tap_key:.1}");
    Ok(())
}
