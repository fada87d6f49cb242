//! `eventide backup` and `eventide restore`: the core's backup file, from a terminal.

use std::path::Path;

use chrono::{DateTime, Utc};
use eventide_core::backup::{self, BackupInfo, TableCount};
use eventide_core::{Companion, Result};
use serde_json::json;

use crate::render::Output;

/// Checks a backup file completely before any database is opened or created.
pub fn check_before_opening(file: &Path) -> Result<()> {
    backup::inspect(&backup::read_file(file)?).map(|_| ())
}

/// Refuses to back up a database that does not exist (opening it would create an empty one).
pub fn check_database_exists(db: &Path) -> Result<()> {
    if db.exists() {
        Ok(())
    } else {
        Err(eventide_core::Error::not_found(format!(
            "the database {} (nothing to back up; check --db)",
            db.display()
        )))
    }
}

/// Writes the backup and says what it holds.
pub fn write(app: &Companion, out: &Output, file: &Path, now: DateTime<Utc>) -> Result<()> {
    let info = app.write_backup(file, now)?;
    if out.json {
        return print(&json!({ "file": file.display().to_string(), "backup": info }));
    }
    say!(
        "Backup written to {} ({} bytes).",
        file.display(),
        info.bytes
    );
    say!("It holds {}.", holdings(&info));
    say!("Restore it with: eventide restore {}", file.display());
    Ok(())
}

/// Restores the backup and says what came back and where replaced data went.
pub fn restore(
    app: &Companion,
    out: &Output,
    file: &Path,
    replace: bool,
    db: &Path,
    now: DateTime<Utc>,
) -> Result<()> {
    let outcome = app.restore_backup(file, replace, now)?;
    if out.json {
        return print(&json!({ "file": file.display().to_string(), "restored": outcome }));
    }
    say!(
        "Restored the backup made {}: {}.",
        outcome.backup.exported_at.format("%a %-d %b %Y %H:%M %:z"),
        holdings(&outcome.backup)
    );
    if let Some(aside) = &outcome.saved_aside {
        say!("The data that was here is saved in {aside}");
        say!(
            "To undo: eventide --db {} restore --replace {aside}",
            db.display()
        );
    }
    Ok(())
}

fn print(value: &serde_json::Value) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| eventide_core::Error::Storage {
        detail: format!("could not print JSON: {e}"),
    })?;
    say!("{text}");
    Ok(())
}

/// "1 medicine, 2 plan versions, 40 dose log entries, …" from the row counts.
fn holdings(info: &BackupInfo) -> String {
    let rows = |table: &str| {
        info.tables
            .iter()
            .find(|t| t.table == table)
            .map_or(0, |t: &TableCount| t.rows)
    };
    let named = [
        ("medications", "medicine", "medicines"),
        ("plans", "plan version", "plan versions"),
        (
            "plan_events",
            "plan hold or confirmation",
            "plan holds and confirmations",
        ),
        ("dose_events", "dose log entry", "dose log entries"),
        ("checkins", "check-in", "check-ins"),
        (
            "suggestion_dismissals",
            "dismissed suggestion",
            "dismissed suggestions",
        ),
        ("reviews", "review", "reviews"),
    ];
    let mut parts: Vec<String> = named
        .iter()
        .map(|(table, one, many)| {
            let n = rows(table);
            format!("{n} {}", if n == 1 { one } else { many })
        })
        .collect();
    let other: u64 = info
        .tables
        .iter()
        .filter(|t| !named.iter().any(|(n, ..)| *n == t.table) && t.table != "settings")
        .map(|t| t.rows)
        .sum();
    if other > 0 {
        parts.push(format!("{other} other records"));
    }
    parts.join(", ")
}
