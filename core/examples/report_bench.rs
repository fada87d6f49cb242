//! Benchmark of the clinician's report (issue: "report generation for 1 year and 10 years of
//! nightly doses + daily check-ins; target: 10 years under 100 ms for each format").
//!
//! Seeds an in-memory database through the same calls the phone makes (a titration, years of
//! maintenance, then a taper; a dose every night with some missed, skipped, late and snoozed;
//! a check-in every morning), then times each format end to end — reading the store,
//! gathering, rendering — and prints the median of several runs and the file sizes.
//!
//! Run: `cargo run --release -p eventide-core --example report_bench [-- RUNS [DIR]]` (with DIR,
//! the 1- and 10-year files are also written there to look at).

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::report::{ReportFormat, ReportRequest};
use eventide_core::schedule::occurrences_on;
use eventide_core::units::Micrograms;
use eventide_core::zone::{resolve_local, ZoneRules};
use eventide_core::{Companion, Result};

fn main() -> Result<()> {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(15)
        .max(1);
    // Optionally keep the files, to look at a long log: report_bench RUNS DIR
    let keep = std::env::args().nth(2).map(std::path::PathBuf::from);
    println!(
        "Report generation, median of {runs} runs (release build, in-memory store, Europe/London)"
    );
    println!(
        "{:<9} {:>7} {:>7} {:>12} {:>12} {:>12}",
        "log", "nights", "format", "median", "min", "size"
    );
    for years in [1u32, 10] {
        let nights = i64::from(years) * 365;
        let seeding = Instant::now();
        let (app, now) = seed(nights)?;
        let seeded = seeding.elapsed();
        for format in [
            None,
            Some(ReportFormat::Html),
            Some(ReportFormat::Csv),
            Some(ReportFormat::Fhir),
        ] {
            let mut times = Vec::with_capacity(runs);
            let mut size = 0;
            for _ in 0..runs {
                let start = Instant::now();
                size = match format {
                    Some(format) => app
                        .export_report(format, &ReportRequest::default(), now)?
                        .len(),
                    // The shared first half of every format: reading the store and gathering.
                    None => app
                        .report_data(&ReportRequest::default(), now)?
                        .medications
                        .len(),
                };
                times.push(start.elapsed());
            }
            times.sort();
            let median = times.get(times.len() / 2).copied().unwrap_or_default();
            let min = times.first().copied().unwrap_or_default();
            println!(
                "{:<9} {:>7} {:>7} {:>12} {:>12} {:>12}",
                format!("{years} year{}", if years == 1 { "" } else { "s" }),
                nights,
                format.map(|f| f.code()).unwrap_or("(read)"),
                ms(median),
                ms(min),
                if format.is_some() {
                    kib(size)
                } else {
                    String::new()
                }
            );
        }
        println!(
            "          (seeding {nights} nights through the companion took {})",
            ms(seeded)
        );
        if let Some(dir) = &keep {
            for format in ReportFormat::ALL {
                let path = dir.join(format!("report-{years}y.{}", format.file_extension()));
                app.write_report(format, &ReportRequest::default(), &path, now)?;
            }
        }
    }
    Ok(())
}

/// Europe/London from chrono-tz (the core's own impl is behind the `tz` feature).
#[derive(Clone, Copy)]
struct London(chrono_tz::Tz);

impl ZoneRules for London {
    fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32 {
        use chrono::{Offset, TimeZone};
        self.0
            .offset_from_utc_datetime(&instant.naive_utc())
            .fix()
            .local_minus_utc()
    }
}

fn ms(d: StdDuration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// `nights` of history ending last night; returns the companion and "now" (the next afternoon).
fn seed(nights: i64) -> Result<(Companion, DateTime<Utc>)> {
    let zone = London(chrono_tz::Europe::London);
    let app = Companion::in_memory(Arc::new(zone))?;
    let at = |date: NaiveDate, h: u32, m: u32| {
        resolve_local(
            &zone,
            date.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)),
        )
    };
    let today = NaiveDate::from_ymd_opt(2036, 6, 1).unwrap_or(NaiveDate::MIN);
    let first = today - Duration::days(nights);
    let med = app.add_medication(
        NewMedication {
            name: "Amitriptyline".into(),
            ingredient: Some(Ingredient::Amitriptyline),
            tablet_mg: vec![10.0, 25.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![10.0],
            slot: Slot::Evening { lead_minutes: 90 },
        },
        at(first - Duration::days(1), 12, 0),
    )?;
    let titration = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(50),
    };
    app.set_plan(
        med.id,
        titration,
        Some(first),
        &[],
        at(first - Duration::days(1), 12, 0),
    )?;
    let settings = app.day_settings()?;
    // The taper starts 120 nights before the end (or halfway through a short log).
    let taper_at = (nights - 120).max(nights / 2);
    for (i, night) in first.iter_days().take_while(|n| *n < today).enumerate() {
        let i = i as i64;
        let Some(occ) = occurrences_on(&settings, &zone, &med, night)
            .into_iter()
            .next()
        else {
            continue;
        };
        if i == taper_at {
            // Saved as a user does: after reading the preview and confirming its warnings.
            let method = TaperMethod::Linear {
                step: Micrograms::mg(10),
            };
            let when = occ.due - Duration::hours(2);
            let confirmed: Vec<String> = app
                .preview_taper(med.id, method.clone(), 21, None, when)?
                .warnings
                .into_iter()
                .map(|w| w.text)
                .collect();
            app.start_taper(med.id, method, 21, None, &confirmed, when)?;
        }
        if i < 40 && i % 7 == 5 {
            let _ = app.confirm_tolerable(med.id, occ.due - Duration::minutes(30));
        }
        let planned = app.plan_view(med.id, occ.due)?.current_dose;
        if !planned.is_zero() {
            if i % 17 == 3 {
                // missed
            } else if i % 41 == 7 {
                app.skip(med.id, Some(night), None, occ.due + Duration::minutes(5))?;
            } else if i % 23 == 11 {
                app.take(med.id, Some(night), None, occ.due + Duration::minutes(150))?;
            } else {
                if i % 9 == 0 {
                    app.snooze(med.id, None, 30, occ.due + Duration::minutes(1))?;
                }
                app.take(
                    med.id,
                    Some(night),
                    None,
                    occ.due + Duration::minutes(5 + i % 20),
                )?;
            }
        }
        let morning = night + Duration::days(1);
        let (feeling, effects) = match i % 10 {
            0 => (Feeling::Groggy, vec![Symptom::DryMouth]),
            4 => (
                Feeling::SleptBadly,
                vec![Symptom::Headache, Symptom::VividDreams],
            ),
            _ => (Feeling::Fine, vec![]),
        };
        let note = (i % 30 == 0).then(|| format!("Night {i}: walked 30 min, \"ok\", stiff back"));
        let answer = CheckInAnswer {
            feeling: Some(feeling),
            pain: Some((3 + i % 5) as u8),
            effects,
            note,
        };
        app.check_in(answer, Some(morning), at(morning, 8, 5))?;
    }
    Ok((app, at(today, 14, 0)))
}
