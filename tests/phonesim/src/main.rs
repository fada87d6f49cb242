//! phonesim: a simulated phone that runs the real Eventide core for months of random events
//! and checks every night's reminder.
//!
//! ```text
//! phonesim --platform android|ios --runs R --days N --seed S [--design current|legacy] [--show K]
//! ```
//!
//! Prints one line per failure kind found (up to `--show`, default 5) and ends with
//! `phonesim: platform P, runs R, nights N, missing M, duplicate D, stale S, late L, silent-unopened U`.
//! Exits 1 when missing, duplicate, stale or late is not 0. The model of each platform, and
//! where each rule comes from, is README.md beside this crate.

mod android;
mod checker;
mod ios;
mod phone_zone;
mod rng;
mod scenario;
mod sim;

use std::process::ExitCode;

use android::{AndroidPhone, Design};
use checker::Tally;
use ios::IosPhone;
use rng::Rng;
use scenario::Scenario;

struct Args {
    ios: bool,
    runs: u64,
    days: i64,
    seed: u64,
    design: Design,
    floating: bool,
    show: usize,
    from: u64,
}

const USAGE: &str = "usage: phonesim --platform android|ios --runs R --days N --seed S [--design current|legacy] [--instant-triggers] [--show K] [--from RUN]";

fn args() -> Result<Args, String> {
    let mut a = Args {
        ios: false,
        runs: 10,
        days: 120,
        seed: 1,
        design: Design::Current,
        floating: true,
        show: 5,
        from: 0,
    };
    let mut platform = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--platform" => platform = Some(value("--platform")?),
            "--runs" => {
                a.runs = value("--runs")?
                    .parse()
                    .map_err(|_| "--runs: a number".to_string())?
            }
            "--days" => {
                a.days = value("--days")?
                    .parse()
                    .map_err(|_| "--days: a number".to_string())?
            }
            "--seed" => {
                a.seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed: a number".to_string())?
            }
            "--from" => {
                a.from = value("--from")?
                    .parse()
                    .map_err(|_| "--from: a number".to_string())?
            }
            "--show" => {
                a.show = value("--show")?
                    .parse()
                    .map_err(|_| "--show: a number".to_string())?
            }
            "--design" => {
                a.design = match value("--design")?.as_str() {
                    "current" => Design::Current,
                    "legacy" => Design::Legacy,
                    other => return Err(format!("--design: current or legacy, not {other}")),
                }
            }
            "--instant-triggers" => a.floating = false,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    a.ios = match platform.as_deref() {
        Some("android") => false,
        Some("ios") => true,
        _ => return Err(format!("--platform android or ios\n{USAGE}")),
    };
    if a.days < 1 || a.runs < 1 {
        return Err("--runs and --days must be at least 1".into());
    }
    Ok(a)
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut total = Tally::default();
    let mut shown = 0;
    for run in a.from..a.from + a.runs {
        let seed = a.seed.wrapping_mul(1_000_003).wrapping_add(run);
        let (ios, design, floating) = (a.ios, a.design, a.floating);
        let make = move |core, zone, phone_seed| -> Box<dyn sim::Phone> {
            if ios {
                // The user's Background App Refresh choice, from the same seed as the scenario.
                let mut r = Rng::new(seed);
                let s = Scenario::draw(&mut r, 1, true);
                Box::new(IosPhone::new(
                    core,
                    zone,
                    design,
                    floating,
                    s.profile.background_refresh,
                    s.profile.refresh_granted,
                ))
            } else {
                Box::new(AndroidPhone::new(core, design, phone_seed))
            }
        };
        let (tally, notes) = sim::run(seed, a.days, a.ios, &make);
        if tally.failures() > 0 && shown < a.show {
            for note in notes.iter().take(3) {
                eprintln!("run {run} (seed {seed}): {note}");
            }
            shown += 1;
        }
        total.add(&tally);
    }
    println!(
        "phonesim: platform {}, runs {}, nights {}, missing {}, duplicate {}, stale {}, late {}, silent-unopened {}",
        if a.ios { "ios" } else { "android" },
        a.runs,
        total.nights,
        total.missing,
        total.duplicate,
        total.stale,
        total.late,
        total.silent_unopened
    );
    if total.failures() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
