//! Eventide's timing benchmarks. Prints one Markdown table row per figure (`| what | figure |
//! target | verdict |`); `scripts/bench.sh` adds the header and the size and memory rows.
//! Every figure is a median of many runs on real database files (WAL, synchronous=FULL).
//! Run it in release mode only: `cargo run --release -p eventide-bench`.

use std::io::Write;
use std::path::Path;
use std::time::{Duration as Elapsed, Instant};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use eventide_core::checkin::{CheckIn, Feeling, Symptom};
use eventide_core::doselog::{DoseAction, DoseEvent};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{Medication, NewMedication, Slot};
use eventide_core::plan::{Plan, PlanEvent, PlanEventKind, PlanKind};
use eventide_core::schedule;
use eventide_core::units::Micrograms;
use eventide_core::zone::to_local;
use eventide_core::{Companion, Result};
use uuid::Uuid;

/// Runs of each timed call; the median is printed.
const RUNS: usize = 200;
/// Nights in ten years of history.
const TEN_YEARS: i64 = 3653;

fn main() {
    if let Err(e) = run() {
        eprintln!("bench failed: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let dir = tempfile::tempdir().map_err(|e| storage(&e))?;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 25, 14, 0, 0)
        .single()
        .unwrap_or_default();

    // The home screen with a short and a long history.
    let short = seeded(&dir.path().join("short.db"), 10, Plans::One, now)?;
    let long = seeded(&dir.path().join("long.db"), TEN_YEARS, Plans::One, now)?;
    let busy = seeded(
        &dir.path().join("busy.db"),
        TEN_YEARS,
        Plans::HalfYearly,
        now,
    )?;
    // Interleaved, so a busy machine slows all three alike.
    // As many nights as the suggestions read back: beyond this, history should cost nothing.
    let window_nights = eventide_core::suggest::HISTORY_NIGHTS;
    let full = seeded(&dir.path().join("full.db"), window_nights, Plans::One, now)?;
    let times = interleaved(RUNS, &[&short, &full, &long, &busy], |app| {
        app.today(now).map(|_| ())
    })?;
    let [t_short, t_full, t_long, t_busy] = times[..] else {
        return Err(storage(&"no timings"));
    };
    row(
        "`today`, 10 nights of history (median)",
        &ms(t_short),
        "",
        "",
    );
    row(
        "`today`, 10 years of doses and check-ins, one plan (median)",
        &ms(t_long),
        "",
        "",
    );
    let ratio = secs(t_long) / secs(t_short);
    row(
        "`today` 10 years ÷ 10 nights",
        &format!("{ratio:.2}"),
        "≤ 1.5",
        verdict(ratio <= 1.5),
    );
    row(
        &format!(
            "`today`, {window_nights} nights of history: the window the suggestions read (median)"
        ),
        &ms(t_full),
        "",
        "",
    );
    let ratio = secs(t_long) / secs(t_full);
    row(
        &format!("`today` 10 years ÷ {window_nights} nights (growth once the window is full)"),
        &format!("{ratio:.2}"),
        "",
        "",
    );
    row(
        "`today`, 10 years and a new plan version every 6 months + a hold every 90 nights (20 versions, 40 holds)",
        &ms(t_busy),
        "",
        "",
    );
    let ratio = secs(t_busy) / secs(t_short);
    row(
        "`today` 10 busy years ÷ 10 nights",
        &format!("{ratio:.2}"),
        "≤ 1.5",
        verdict(ratio <= 1.5),
    );
    // Right after a write (every tap is one) nothing derived earlier is reused: the first
    // `today` reads the settings, plans and the suggestions' window afresh.
    let cold = interleaved_after(
        RUNS,
        &[&short, &full, &long, &busy],
        |app| app.with_store(|s| s.write(|_| Ok(()))),
        |app| app.today(now).map(|_| ()),
    )?;
    if let [c_short, c_full, c_long, c_busy] = cold[..] {
        row(
            "`today` right after a write (nothing reused), 10 nights → 90 nights → 10 years → 10 busy years (medians)",
            &format!("{} → {} → {} → {}", ms(c_short), ms(c_full), ms(c_long), ms(c_busy)),
            "",
            "",
        );
        row(
            "`today` right after a write, 10 years ÷ 90 nights (growth once the window is full)",
            &format!("{:.2}", secs(c_long) / secs(c_full)),
            "",
            "",
        );
    }
    // Where the extra time goes: `today` loads and decodes every plan version and hold ever
    // saved, and reads the dose log and check-ins of the nights its suggestions weigh as
    // evidence (only partly filled in a 10-night history).
    let night = schedule::night_of(&short.day_settings()?, short.zone_rules().as_ref(), now);
    let evidence_nights = eventide_core::suggest::EVIDENCE_NIGHTS;
    let window = night - Duration::days(evidence_nights);
    let parts = |app: &Companion| -> Result<(Elapsed, Elapsed)> {
        let plans = median(RUNS, || {
            app.with_store(|s| {
                let t = s.read();
                t.plans()?;
                t.plan_events().map(drop)
            })
        })?;
        let log = median(RUNS, || {
            app.with_store(|s| {
                let t = s.read();
                t.dose_events(window, night + Duration::days(1))?;
                t.checkins(window, night + Duration::days(1)).map(drop)
            })
        })?;
        Ok((plans, log))
    };
    let ((plans_short, log_short), (plans_busy, log_busy)) = (parts(&short)?, parts(&busy)?);
    let suggest = interleaved(RUNS, &[&short, &full], |app| app.suggestions(now).map(drop))?;
    if let [s_short, s_full] = suggest[..] {
        row(
            &format!("of which: the suggestions (they read {window_nights} nights), 10 → {window_nights} nights"),
            &format!("{} → {}", ms(s_short), ms(s_full)),
            "",
            "",
        );
    }
    row(
        "of which: loading every plan version and hold, 10 nights → 10 busy years",
        &format!("{} → {}", ms(plans_short), ms(plans_busy)),
        "",
        "",
    );
    row(
        &format!("of which: reading the dose log and check-ins of the last {evidence_nights} nights, 10 nights → 10 years"),
        &format!("{} → {}", ms(log_short), ms(log_busy)),
        "",
        "",
    );

    // Recording a dose against a bare insert with the same durability, interleaved.
    let (t_take, t_bare) = dose_vs_bare_insert(dir.path(), now)?;
    let ratio = secs(t_take) / secs(t_bare);
    row("record a dose (`take`, median)", &ms(t_take), "", "");
    row(
        "bare rusqlite insert, WAL + synchronous=FULL (median)",
        &ms(t_bare),
        "",
        "",
    );
    row(
        "record a dose ÷ bare insert",
        &format!("{ratio:.2}"),
        "≤ 2",
        verdict(ratio <= 2.0),
    );

    // The reminders a phone schedules, on the ten-year database.
    let days = eventide_core::notify::MAX_DAYS_AHEAD;
    let count = long.desired_notifications(now, days)?.len();
    let t_notify = median(RUNS, || long.desired_notifications(now, days).map(|_| ()))?;
    row(
        &format!(
            "desired notifications, {days} days ahead (API maximum; {count} listed, cap {}), 10-year db (median)",
            eventide_core::notify::MAX_PENDING
        ),
        &ms(t_notify),
        "",
        "",
    );

    supplies_rows(dir.path(), &long, now)?;
    taper_rows(dir.path(), now)?;
    Ok(())
}

/// A taper's plan card also carries its schedule in every other form the medicine could be
/// taken in (here the solution and half tablets): the cost of `today` for a tapering user,
/// reusing the card between writes and right after one.
fn taper_rows(dir: &Path, now: DateTime<Utc>) -> Result<()> {
    use eventide_core::plan::TaperMethod;
    let app = Companion::open(&dir.join("taper.db"), london())?;
    let med = app.add_medication(
        NewMedication {
            name: "Amitriptyline".into(),
            ingredient: Some(Ingredient::Amitriptyline),
            tablet_mg: vec![10.0, 25.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![10.0],
            slot: Slot::Evening { lead_minutes: 90 },
        },
        now - Duration::days(30),
    )?;
    let kind = PlanKind::Taper {
        from: Micrograms::mg(50),
        method: TaperMethod::Proportional { percent: 10 },
        every_days: 14,
    };
    let starts = now.date_naive() - Duration::days(20);
    let then = now - Duration::days(21);
    let warnings: Vec<String> = app
        .check_plan(med.id, &kind, Some(starts), then)?
        .into_iter()
        .map(|w| w.text)
        .collect();
    app.set_plan(med.id, kind, Some(starts), &warnings, then)?;
    let warm = median(RUNS, || app.today(now).map(drop))?;
    let cold = interleaved_after(
        RUNS,
        &[&app],
        |app| app.with_store(|s| s.write(|_| Ok(()))),
        |app| app.today(now).map(drop),
    )?;
    row(
        "`today` while tapering (tablets and solution: the card carries the other forms' schedules), between writes → right after one (medians)",
        &format!(
            "{} → {}",
            ms(warm),
            ms(cold.first().copied().unwrap_or_default())
        ),
        "",
        "",
    );
    Ok(())
}

/// Supplies: the same ten years, counted on the first night and never again, with a
/// prescription collected every 28 nights since: the longest replay of the dose log there can
/// be. `today` (which shows the forecast), the reminders (which hold the refill reminder) and
/// the forecast itself, against the same database without stock.
fn supplies_rows(dir: &Path, without: &Companion, now: DateTime<Utc>) -> Result<()> {
    use eventide_core::supplies::{Form, Item, StockEvent, StockEventKind};
    let app = seeded(&dir.join("stock.db"), TEN_YEARS, Plans::One, now)?;
    let zone = app.zone_rules();
    let start = now - Duration::days(TEN_YEARS + 1);
    let meds = app.medications()?;
    app.with_store(|store| {
        store.write(|t| {
            let mut events = Vec::new();
            for med in &meds {
                for k in 0..=(TEN_YEARS / 28) {
                    let strength = med.tablets.first().copied().unwrap_or(Micrograms::mg(10));
                    let (kind, quantity) = if k == 0 {
                        (StockEventKind::Count, 200)
                    } else {
                        (StockEventKind::Supply, 2 * 28 * 10)
                    };
                    events.push(StockEvent {
                        id: Uuid::new_v4(),
                        medication_id: med.id,
                        kind,
                        item: Item {
                            form: Form::Tablet,
                            strength,
                        },
                        quantity,
                        pack_size: Some(56),
                        recorded_at: to_local(zone.as_ref(), start + Duration::days(28 * k)),
                    });
                }
            }
            t.insert_stock_events(&events)
        })
    })?;
    let times = interleaved(RUNS, &[without, &app], |a| a.today(now).map(|_| ()))?;
    if let [t_without, t_with] = times[..] {
        row(
            "`today`, 10 years, no stock → stock counted 10 years ago + a supply every 28 nights (medians)",
            &format!("{} → {}", ms(t_without), ms(t_with)),
            "",
            "",
        );
    }
    let cold = interleaved_after(
        RUNS / 4,
        &[without, &app],
        |a| a.with_store(|s| s.write(|_| Ok(()))),
        |a| a.today(now).map(|_| ()),
    )?;
    if let [c_without, c_with] = cold[..] {
        row(
            "`today` right after a write, 10 years, no stock → stock as above (medians)",
            &format!("{} → {}", ms(c_without), ms(c_with)),
            "",
            "",
        );
    }
    let days = eventide_core::notify::MAX_DAYS_AHEAD;
    let t_notify = median(RUNS / 4, || {
        app.desired_notifications(now, days).map(|_| ())
    })?;
    row(
        "desired notifications, 30 days ahead, 10-year db with stock as above (median)",
        &ms(t_notify),
        "",
        "",
    );
    let t_forecast = median(RUNS / 4, || app.supplies(None, now).map(|_| ()))?;
    row(
        "supplies forecast of both medicines, stock as above (median)",
        &ms(t_forecast),
        "",
        "",
    );
    Ok(())
}

fn storage(e: &dyn std::fmt::Display) -> eventide_core::Error {
    eventide_core::Error::Storage {
        detail: e.to_string(),
    }
}

fn row(what: &str, figure: &str, target: &str, verdict: &str) {
    // A closed pipe (`| head`) is not worth a panic.
    let _ = writeln!(
        std::io::stdout().lock(),
        "| {what} | {figure} | {target} | {verdict} |"
    );
}

/// How much plan history a seeded database has.
#[derive(Clone, Copy, PartialEq)]
enum Plans {
    /// One titration for the whole history.
    One,
    /// A new version every half year and a 3-night hold every 90 nights.
    HalfYearly,
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

fn secs(d: Elapsed) -> f64 {
    d.as_secs_f64()
}

fn ms(d: Elapsed) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// The median of `runs` timed calls of `f`, after a few untimed warm-up calls.
fn median(runs: usize, mut f: impl FnMut() -> Result<()>) -> Result<Elapsed> {
    for _ in 0..5 {
        f()?;
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed());
    }
    Ok(middle(times))
}

/// The median time of `f` on each of `apps`, taking turns so load on the machine is shared.
fn interleaved(
    runs: usize,
    apps: &[&Companion],
    f: impl Fn(&Companion) -> Result<()>,
) -> Result<Vec<Elapsed>> {
    interleaved_after(runs, apps, |_| Ok(()), f)
}

/// [`interleaved`], with `before` run untimed ahead of every timed call.
fn interleaved_after(
    runs: usize,
    apps: &[&Companion],
    before: impl Fn(&Companion) -> Result<()>,
    f: impl Fn(&Companion) -> Result<()>,
) -> Result<Vec<Elapsed>> {
    let mut times = vec![Vec::with_capacity(runs); apps.len()];
    for run in 0..runs + 5 {
        for (app, out) in apps.iter().zip(times.iter_mut()) {
            before(app)?;
            let start = Instant::now();
            f(app)?;
            if run >= 5 {
                out.push(start.elapsed());
            }
        }
    }
    Ok(times.into_iter().map(middle).collect())
}

fn middle(mut times: Vec<Elapsed>) -> Elapsed {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn london() -> std::sync::Arc<Tz> {
    std::sync::Arc::new(chrono_tz::Europe::London)
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// A database with `nights` nights of a realistic life behind `now`: amitriptyline every
/// evening (one plan, or a new plan version every half year with holds), gabapentin three
/// times a day, and a check-in every morning. Written in one transaction, as fast as possible.
fn seeded(path: &Path, nights: i64, plans: Plans, now: DateTime<Utc>) -> Result<Companion> {
    let app = Companion::open(path, london())?;
    let zone = app.zone_rules();
    let tonight = schedule::night_of(&app.day_settings()?, zone.as_ref(), now);
    let first = tonight - Duration::days(nights);
    let start = now - Duration::days(nights + 1);
    // The medicines are added before every night any part of the bench records (a dose whose
    // time had passed before its medicine was added does not exist).
    let added = start.min(now - Duration::days(RUNS as i64 + 21));
    app.set_bedtime(time(22, 30), &[])?;
    let ami = app.add_medication(
        NewMedication {
            name: "Amitriptyline".into(),
            ingredient: Some(Ingredient::Amitriptyline),
            tablet_mg: vec![10.0, 25.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![10.0],
            slot: Slot::Evening { lead_minutes: 90 },
        },
        added,
    )?;
    let gaba = app.add_medication(
        NewMedication {
            name: "Gabapentin".into(),
            ingredient: Some(Ingredient::Gabapentin),
            tablet_mg: vec![100.0, 300.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![],
            slot: Slot::Times {
                times: vec![time(8, 0), time(14, 0), time(22, 0)],
            },
        },
        added,
    )?;
    app.with_store(|store| {
        store.write(|t| {
            let mut version = 0;
            let mut plan_id = Uuid::nil();
            for (i, night) in first.iter_days().take_while(|n| *n < tonight).enumerate() {
                let i = i as i64;
                if i == 0 || (plans == Plans::HalfYearly && i % 182 == 0) {
                    version += 1;
                    plan_id = Uuid::new_v4();
                    let kind = if version % 2 == 1 {
                        PlanKind::Titration {
                            start: Micrograms::mg(10),
                            step: Micrograms::mg(10),
                            every_days: 7,
                            target: Micrograms::mg(50),
                        }
                    } else {
                        PlanKind::Maintenance {
                            dose: Micrograms::mg(35),
                        }
                    };
                    // Each version saved the day before it starts.
                    let saved = start + Duration::days(i);
                    t.insert_plan(&plan(plan_id, &ami, version, night, kind, saved))?;
                }
                if plans == Plans::HalfYearly && i % 90 == 45 {
                    t.insert_plan_event(&PlanEvent {
                        id: Uuid::new_v4(),
                        plan_id,
                        kind: PlanEventKind::Hold { days: 3 },
                        night,
                        recorded_at: start,
                    })?;
                }
                // Recorded on the day of the night, and the check-in the morning after.
                let at = to_local(zone.as_ref(), start + Duration::days(i + 1));
                let next_morning = to_local(zone.as_ref(), start + Duration::days(i + 2));
                let action = if i % 9 == 4 {
                    DoseAction::Skipped
                } else {
                    DoseAction::Taken {
                        amount: Micrograms::mg(35),
                        late: i % 7 == 0,
                        planned: None,
                    }
                };
                t.insert_dose_event(&dose(&ami, 0, night, action, at))?;
                for slot in 0..3 {
                    let taken = DoseAction::Taken {
                        amount: Micrograms::mg(300),
                        late: false,
                        planned: None,
                    };
                    t.insert_dose_event(&dose(&gaba, slot, night, taken, at))?;
                }
                t.upsert_checkin(&CheckIn {
                    morning: night + Duration::days(1),
                    feeling: Feeling::ALL[(i % 3) as usize],
                    pain: Some((i % 11) as u8),
                    effects: if i % 4 == 0 {
                        vec![Symptom::DryMouth]
                    } else {
                        vec![]
                    },
                    note: (i % 10 == 0).then(|| format!("night {i}: woke once")),
                    recorded_at: next_morning,
                })?;
            }
            t.insert_plan(&plan(
                Uuid::new_v4(),
                &gaba,
                1,
                first,
                PlanKind::Maintenance {
                    dose: Micrograms::mg(300),
                },
                start,
            ))
        })
    })?;
    Ok(app)
}

fn plan(
    id: Uuid,
    med: &Medication,
    version: u32,
    starts_on: NaiveDate,
    kind: PlanKind,
    created_at: DateTime<Utc>,
) -> Plan {
    Plan {
        id,
        medication_id: med.id,
        version,
        starts_on,
        kind,
        created_at,
        confirmed_warnings: vec![],
    }
}

fn dose(
    med: &Medication,
    slot_index: u32,
    night: NaiveDate,
    action: DoseAction,
    recorded_at: DateTime<chrono::FixedOffset>,
) -> DoseEvent {
    DoseEvent {
        id: Uuid::new_v4(),
        medication_id: med.id,
        slot_index,
        night,
        action,
        recorded_at,
        taken_at: None,
    }
}

/// Median time of `Companion::take` (a new night each time) and of a bare insert of the same
/// row into a table of the same shape, same pragmas, alternating so both see the same disk.
fn dose_vs_bare_insert(dir: &Path, now: DateTime<Utc>) -> Result<(Elapsed, Elapsed)> {
    let app = seeded(&dir.join("take.db"), 0, Plans::One, now)?;
    let med = app.find_medication("Amitriptyline")?;
    let tonight = schedule::night_of(&app.day_settings()?, app.zone_rules().as_ref(), now);
    // One plan covering every night the loop records.
    let early = tonight - Duration::days(RUNS as i64 + 20);
    app.with_store(|s| {
        s.write(|t| {
            t.insert_plan(&plan(
                Uuid::new_v4(),
                &med,
                99,
                early,
                PlanKind::Maintenance {
                    dose: Micrograms::mg(35),
                },
                now,
            ))
        })
    })?;

    let bare = rusqlite::Connection::open(dir.join("bare.db")).map_err(|e| storage(&e))?;
    bare.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .map_err(|e| storage(&e))?;
    bare.execute_batch(
        "PRAGMA synchronous = FULL;
         CREATE TABLE dose_events (id TEXT PRIMARY KEY, medication_id TEXT NOT NULL, slot_index INTEGER NOT NULL,
             night TEXT NOT NULL, action TEXT NOT NULL, amount_ug INTEGER, late INTEGER NOT NULL DEFAULT 0,
             snooze_until TEXT, recorded_at TEXT NOT NULL);
         CREATE UNIQUE INDEX dose_taken_once ON dose_events (medication_id, slot_index, night) WHERE action = 'taken';",
    )
    .map_err(|e| storage(&e))?;

    let mut takes = Vec::with_capacity(RUNS);
    let mut bares = Vec::with_capacity(RUNS);
    for k in 1..=RUNS as i64 {
        let night = tonight - Duration::days(k);
        let start = Instant::now();
        // A past night's dose, recorded with the time it was taken (inside its window).
        let taken = chrono::NaiveTime::from_hms_opt(22, 0, 0);
        let outcome = app.take_at(med.id, Some(night), None, taken, now)?;
        takes.push(start.elapsed());
        if !outcome.recorded {
            return Err(storage(&format!("night {night} was not recorded")));
        }
        let start = Instant::now();
        let tx = bare.unchecked_transaction().map_err(|e| storage(&e))?;
        tx.execute(
            "INSERT INTO dose_events (id, medication_id, slot_index, night, action, amount_ug, late, snooze_until, recorded_at)
             VALUES (?1, ?2, 0, ?3, 'taken', 35000, 1, NULL, ?4)",
            rusqlite::params![Uuid::new_v4().to_string(), med.id.to_string(), night.to_string(), now.to_rfc3339()],
        )
        .map_err(|e| storage(&e))?;
        tx.commit().map_err(|e| storage(&e))?;
        bares.push(start.elapsed());
    }
    Ok((middle(takes), middle(bares)))
}
