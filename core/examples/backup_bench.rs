//! Benchmark of backup and restore on the histories the issue names (a demo-sized month, one
//! year, ten years): prints the file size and the median time to export, to check a file
//! completely, to restore it into a fresh database, and to write it atomically to disk; the
//! same backup and restore encrypted with a passphrase (age, scrypt at the work factor new
//! backups use) against plain; what scrypt alone costs at each work factor; and how fast the
//! absurd files the issue names (a million medicines, a megabyte-long name) are refused.
//!
//! The histories are written through the same calls the phone makes (see
//! `core/tests/common/history.rs`), Europe/London so both GMT and BST offsets are recorded.
//!
//! Run: `cargo run --release -p eventide-core --example backup_bench [-- RUNS]`

#[path = "../tests/common/history.rs"]
mod history;

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use age::secrecy::SecretString;
use chrono::{DateTime, NaiveDate, Offset, TimeZone, Utc};
use eventide_core::backup::encryption::{MAX_SCRYPT_WORK_FACTOR, SCRYPT_WORK_FACTOR};
use eventide_core::backup::{self, BackupProblem, Passphrase};
use eventide_core::zone::ZoneRules;
use eventide_core::{Companion, Error, Result};

struct London;

impl ZoneRules for London {
    fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32 {
        chrono_tz::Europe::London
            .offset_from_utc_datetime(&instant.naive_utc())
            .fix()
            .local_minus_utc()
    }
}

fn median(runs: usize, mut f: impl FnMut() -> Result<()>) -> Result<(StdDuration, StdDuration)> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok((times[times.len() / 2], times[0]))
}

fn ms(d: StdDuration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The backup body with the medications rows replaced by `rows`, sealed.
fn with_medication_rows(body: &str, rows: &str) -> Result<Vec<u8>> {
    let table = body.find("\"medications\":{").unwrap_or(0);
    let start = body[table..]
        .find("\"rows\":[")
        .map_or(0, |i| table + i + "\"rows\":[".len());
    let end = body[start..].find("\n]}").map_or(start, |i| start + i);
    backup::seal(format!("{}\n{rows}{}", &body[..start], &body[end..]).as_bytes())
}

fn main() -> Result<()> {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(9)
        .max(1);
    let now = DateTime::parse_from_rfc3339("2026-11-25T14:00:00Z")
        .map_err(|e| Error::invalid("now", e.to_string()))?
        .with_timezone(&Utc);
    let dir = tempfile::tempdir().map_err(|e| Error::Storage {
        detail: e.to_string(),
    })?;
    let passphrase = Passphrase::new("lemon piano river gravel".to_string());
    let sealed_runs = runs.min(5);
    let mut sealed_rows = Vec::new();
    println!("Backup and restore, median (min) of {runs} runs, release build, Europe/London");
    println!(
        "{:<8} {:>7} {:>9} {:>20} {:>20} {:>20} {:>20}",
        "history", "rows", "file", "export", "check", "restore", "write to disk"
    );
    for (label, nights) in [("1 month", 30i64), ("1 year", 365), ("10 years", 3650)] {
        let first = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
            - chrono::Duration::days(nights);
        let app = Companion::in_memory(Arc::new(London))?;
        history::generate(&app, first, nights, nights.min(90), 42)?;
        let file = app.backup_bytes(now)?;
        let info = backup::inspect(&file)?;
        let rows: u64 = info.tables.iter().map(|t| t.rows).sum();
        let export = median(runs, || app.backup_bytes(now).map(|_| ()))?;
        let check = median(runs, || backup::inspect(&file).map(|_| ()))?;
        let restore = median(runs, || {
            let fresh = Companion::in_memory(Arc::new(London))?;
            fresh.restore_backup_bytes(&file, false, now).map(|_| ())
        })?;
        let out = dir.path().join("bench.eventide-backup");
        let write = median(runs, || app.write_backup(&out, now).map(|_| ()))?;
        let cell = |(m, min): (StdDuration, StdDuration)| format!("{} ({})", ms(m), ms(min));
        println!(
            "{label:<8} {rows:>7} {:>9} {:>20} {:>20} {:>20} {:>20}",
            format!("{:.0} KB", file.len() as f64 / 1024.0),
            cell(export),
            cell(check),
            cell(restore),
            cell(write)
        );

        let sealed = app.backup_bytes_with(Some(&passphrase), now)?;
        let backup_sealed = median(sealed_runs, || {
            app.backup_bytes_with(Some(&passphrase), now).map(|_| ())
        })?;
        let restore_sealed = median(sealed_runs, || {
            let fresh = Companion::in_memory(Arc::new(London))?;
            fresh
                .restore_backup_bytes_with(&sealed, Some(&passphrase), false, now)
                .map(|_| ())
        })?;
        sealed_rows.push(format!(
            "{label:<8} {:>9} {:>9} {:>20} {:>20} {:>20} {:>20}",
            format!("{:.0} KB", file.len() as f64 / 1024.0),
            format!("{:.0} KB", sealed.len() as f64 / 1024.0),
            cell(export),
            cell(backup_sealed),
            cell(restore),
            cell(restore_sealed)
        ));
    }

    println!(
        "\nEncrypted (age, scrypt N = 2^{SCRYPT_WORK_FACTOR}) against plain, median (min) of {sealed_runs} runs"
    );
    println!(
        "{:<8} {:>9} {:>9} {:>20} {:>20} {:>20} {:>20}",
        "history",
        "plain",
        "encrypted",
        "backup plain",
        "backup encrypted",
        "restore plain",
        "restore encrypted"
    );
    for row in &sealed_rows {
        println!("{row}");
    }

    // scrypt alone: the part of an encrypted backup or restore that does not grow with the
    // history. Memory is 128 × r × N bytes with r = 8.
    println!("\nscrypt alone (opening a 1-byte age file), one run each");
    for log_n in 15..=MAX_SCRYPT_WORK_FACTOR {
        let mut recipient =
            age::scrypt::Recipient::new(SecretString::from("lemon piano river gravel".to_string()));
        recipient.set_work_factor(log_n);
        let tiny = age::encrypt(&recipient, b"x").map_err(|e| Error::Storage {
            detail: e.to_string(),
        })?;
        let mut identity =
            age::scrypt::Identity::new(SecretString::from("lemon piano river gravel".to_string()));
        identity.set_max_work_factor(log_n);
        let start = Instant::now();
        age::decrypt(&identity, &tiny).map_err(|e| Error::Storage {
            detail: e.to_string(),
        })?;
        let took = start.elapsed();
        println!(
            "work factor {log_n:>2}: {:>5} MiB, {:>9}{}",
            (128u64 * 8) << log_n >> 20,
            ms(took),
            if log_n == SCRYPT_WORK_FACTOR {
                "  <- new backups"
            } else if log_n == MAX_SCRYPT_WORK_FACTOR {
                "  <- most a restore accepts"
            } else {
                ""
            }
        );
    }

    println!("\nAbsurd files: time until the typed error");
    let app = Companion::in_memory(Arc::new(London))?;
    history::generate(
        &app,
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default(),
        30,
        30,
        7,
    )?;
    let good = app.backup_bytes(now)?;
    let body = String::from_utf8_lossy(backup::unseal(&good)?).to_string();
    let table = body.find("\"medications\":{").unwrap_or(0);
    let one_row = body[table..]
        .lines()
        .nth(1)
        .unwrap_or("[]")
        .trim_end_matches(',')
        .to_string();
    let million = with_medication_rows(&body, &vec![one_row.as_str(); 1_000_000].join(",\n"))?;
    let compact = with_medication_rows(&body, &vec!["[]"; 1_000_000].join(","))?;
    let long_name = backup::seal(
        body.replacen(
            "\"Amitriptyline\"",
            &format!("\"{}\"", "A".repeat(1 << 20)),
            1,
        )
        .as_bytes(),
    )?;
    let cases = [
        ("10^6 medicines (real rows)", &million),
        ("10^6 medicines (crafted, compact)", &compact),
        ("a 1 MB medicine name", &long_name),
    ];
    for (what, file) in cases {
        let start = Instant::now();
        let outcome = match backup::inspect(file) {
            Err(Error::InvalidBackup { problem, detail }) => format!("{problem:?}: {detail}"),
            other => format!(
                "NOT REFUSED as expected: {:?}",
                other.map(|_| BackupProblem::Malformed)
            ),
        };
        let took = ms(start.elapsed());
        println!(
            "{what:<34} {:>7.1} MB  {took:>9}  {outcome}",
            file.len() as f64 / 1_048_576.0
        );
    }
    Ok(())
}
