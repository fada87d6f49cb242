//! `eventide backup` and `eventide restore`: the core's backup file, from a terminal.
//!
//! Passphrases come from a file (`--passphrase-file`) or are typed on the terminal without
//! echo (rpassword, which reads `/dev/tty`); with standard input not a terminal the CLI
//! refuses instead of waiting for input that cannot come. They are held only in the core's
//! `Passphrase` (wiped when dropped), never printed, never written anywhere.

use std::io::IsTerminal;
use std::path::Path;

use chrono::{DateTime, Utc};
use eventide_core::backup::{
    self, BackupInfo, BackupProblem, CheckedBackup, Passphrase, Protection, TableCount,
};
use eventide_core::{Companion, Error, Result};
use serde_json::json;

use crate::render::Output;

/// Largest passphrase file read (a passphrase is one line).
const MAX_PASSPHRASE_FILE_BYTES: u64 = 4096;
/// Tries at typing a passphrase before giving up.
const PROMPT_TRIES: u32 = 3;

/// Decrypts (asking for the passphrase when the file is encrypted and none was given) and
/// checks a backup file completely, before any database is opened or created.
pub fn check_before_opening(file: &Path, passphrase_file: Option<&Path>) -> Result<CheckedBackup> {
    let bytes = backup::read_file(file)?;
    if backup::protection(&bytes)? == Protection::Plain {
        return backup::check(&bytes, None);
    }
    if let Some(path) = passphrase_file {
        return backup::check(&bytes, Some(&read_passphrase_file(path)?));
    }
    require_terminal(&format!(
        "{} is encrypted and standard input is not a terminal to type its passphrase on; give --passphrase-file P",
        file.display()
    ))?;
    let mut tries = 0;
    loop {
        tries += 1;
        let passphrase = prompt(&format!("Passphrase of {}: ", file.display()))?;
        match backup::check(&bytes, Some(&passphrase)) {
            Err(Error::InvalidBackup {
                problem: BackupProblem::WrongPassphrase,
                ..
            }) if tries < PROMPT_TRIES => {
                eprintln!("That passphrase does not open this backup; try again.");
            }
            other => return other,
        }
    }
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

/// The passphrase for a new backup: from `file`, typed twice on the terminal, or none when
/// the user chose `--no-encryption`. Checked against the core's rules before anything is read.
pub fn new_passphrase(file: Option<&Path>, no_encryption: bool) -> Result<Option<Passphrase>> {
    if no_encryption {
        return Ok(None);
    }
    let passphrase = match file {
        Some(path) => read_passphrase_file(path)?,
        None => ask_new_passphrase()?,
    };
    let check = passphrase.check();
    if !check.acceptable {
        return Err(Error::invalid("passphrase", check.hint));
    }
    Ok(Some(passphrase))
}

fn ask_new_passphrase() -> Result<Passphrase> {
    require_terminal(
        "standard input is not a terminal to type a passphrase on; give --passphrase-file P, or --no-encryption for a plain backup",
    )?;
    for _ in 0..PROMPT_TRIES {
        let first = prompt("Passphrase for the backup (not shown as you type): ")?;
        let check = first.check();
        eprintln!("{}. {}", check.label, check.hint);
        if !check.acceptable {
            continue;
        }
        let again = prompt("Type it again: ")?;
        if !again.same_as(&first) {
            eprintln!("The two passphrases differ; start again.");
            continue;
        }
        eprintln!("{}", check.note);
        return Ok(first);
    }
    Err(Error::invalid(
        "passphrase",
        "no acceptable passphrase was typed; nothing was written",
    ))
}

fn require_terminal(why: &str) -> Result<()> {
    if std::io::stdin().is_terminal() {
        Ok(())
    } else {
        Err(Error::invalid("passphrase", why))
    }
}

/// Asks on the terminal without echo.
fn prompt(text: &str) -> Result<Passphrase> {
    rpassword::prompt_password(text)
        .map(Passphrase::new)
        .map_err(|e| Error::invalid("passphrase", format!("could not read it: {e}")))
}

/// A passphrase file: one line (a final line break is not part of the passphrase).
fn read_passphrase_file(path: &Path) -> Result<Passphrase> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| Error::Storage {
        detail: format!("could not open the passphrase file {shown}: {e}"),
    })?;
    if meta.len() > MAX_PASSPHRASE_FILE_BYTES {
        return Err(Error::invalid(
            "passphrase-file",
            format!(
                "{shown} is {} bytes; a passphrase file holds one line",
                meta.len()
            ),
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::invalid(
            "passphrase-file",
            format!("could not read {shown} as text: {e}"),
        )
    })?;
    Ok(Passphrase::from_file_text(text))
}

/// `eventide backup inspect`: encrypted or not (no passphrase needed); what it holds when it
/// can be read. Needs no database.
pub fn inspect(out: &Output, file: &Path, passphrase_file: Option<&Path>) -> Result<()> {
    let bytes = backup::read_file(file)?;
    let protection = backup::protection(&bytes)?;
    let info = match (protection, passphrase_file) {
        (Protection::Plain, _) => Some(backup::inspect(&bytes)?),
        (Protection::Passphrase, Some(path)) => Some(backup::inspect_with(
            &bytes,
            Some(&read_passphrase_file(path)?),
        )?),
        (Protection::Passphrase, None) => None,
    };
    if out.json {
        return print(&json!({
            "file": file.display().to_string(),
            "protection": protection,
            "backup": info,
        }));
    }
    let shown = file.display();
    match protection {
        Protection::Passphrase => {
            say!("{shown} is encrypted with a passphrase (the age format: `age -d` opens it too).")
        }
        Protection::Plain => {
            say!("{shown} is a plain backup, not encrypted: anyone who has the file can read it.")
        }
    }
    match info {
        Some(info) => {
            say!(
                "Made {}; checked whole: it holds {}.",
                info.exported_at.format("%a %-d %b %Y %H:%M %:z"),
                holdings(&info)
            );
        }
        None => say!("Give --passphrase-file P to check it and see what it holds."),
    }
    Ok(())
}

/// Writes the backup (encrypted with `passphrase`, or plain) and says what it holds.
pub fn write(
    app: &Companion,
    out: &Output,
    file: &Path,
    passphrase: Option<&Passphrase>,
    now: DateTime<Utc>,
) -> Result<()> {
    let info = app.write_backup_with(file, passphrase, now)?;
    if out.json {
        return print(&json!({ "file": file.display().to_string(), "backup": info }));
    }
    say!(
        "Backup written to {} ({} bytes).",
        file.display(),
        info.bytes
    );
    if info.encrypted {
        say!("It is encrypted with your passphrase (the age format; `age -d` opens it too).");
    } else {
        say!("It is NOT encrypted: anyone who gets the file can read your history.");
    }
    say!("It holds {}.", holdings(&info));
    say!("Restore it with: eventide restore {}", file.display());
    Ok(())
}

/// Restores the checked backup and says what came back and where replaced data went.
pub fn restore(
    app: &Companion,
    out: &Output,
    file: &Path,
    checked: &CheckedBackup,
    replace: bool,
    db: &Path,
    now: DateTime<Utc>,
) -> Result<()> {
    let outcome = app.restore_checked(checked, replace, now)?;
    if out.json {
        return print(&json!({ "file": file.display().to_string(), "restored": outcome }));
    }
    say!(
        "Restored the backup made {}: {}.",
        outcome.backup.exported_at.format("%a %-d %b %Y %H:%M %:z"),
        holdings(&outcome.backup)
    );
    if let Some(aside) = &outcome.saved_aside {
        say!("The data that was here is saved in {aside} (not encrypted, like the database)");
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
