//! Backup and restore: one file that carries the user's whole history to a new phone, and a
//! restore that takes such a file whole or not at all.
//!
//! # The format (version 1)
//!
//! A backup is UTF-8 text in two parts, separated by the first newline:
//!
//! ```text
//! {"format":"eventide-backup","format_version":1,"body_bytes":48213,"body_sha256":"9f86d0…"}
//! {"app":"eventide","schema_version":1,"exported_at":"2026-11-25T14:00:00Z","tables":{
//! "checkins":{"columns":["morning","feeling","pain","effects","note","recorded_at"],"rows":[
//! ["2026-11-02","groggy",3,"[\"dry_mouth\"]",null,"2026-11-02T08:10:00+00:00"],
//! …
//! ]}}}
//! ```
//!
//! - The **header** line names the format and its version, and the length and SHA-256 of the
//!   body that follows. A file cut short, edited or damaged is told apart before anything is
//!   parsed: `tail -n +2 backup | sha256sum` prints the same checksum.
//! - The **body** is every table of the database, column by column, row by row in the order
//!   they were written, each value exactly as stored (text, integers, null; reals and blobs
//!   are supported for tables later migrations may add). Ids, dates and timestamps with
//!   their UTC offsets are copied byte for byte, so export → restore → export is identical.
//!   `schema_version` is the database schema the rows follow; a backup from an older app is
//!   loaded at its own schema and then migrated forward like a database file would be.
//!
//! Why not a SQLite snapshot (`VACUUM INTO`)? A snapshot is as exact, but it is opaque to
//! the user and to review, carries free pages and whatever else the file held, and would
//! have to be opened as a database before a single check could run on it. JSON text is
//! documented here, diffable, readable by any tool, and checked completely in memory before
//! the user's database is touched.
//!
//! # Restore
//!
//! The file is checked in this order, and the first failure is returned as
//! [`Error::InvalidBackup`] with a [`BackupProblem`] naming it: size, header, format
//! version, length, checksum, body syntax, schema version, tables and columns, value ranges
//! (doses, text lengths, dates, number of medicines), references between records (every
//! plan, dose and event must belong to a medicine in the backup), and finally every record
//! is read back through the same code the app uses and checked by the same rules as user
//! input. All of this happens in a scratch database in memory. Only then, in one
//! transaction, is the user's database filled — into an empty install, or, when the user
//! asked to replace, after the current data was written aside as a backup of its own (so
//! restoring that file undoes the restore).
//!
//! # Encryption
//!
//! A backup leaves the phone, so by default it is encrypted with a passphrase the user
//! types: the file is then a standard age file (age-encryption.org/v1, scrypt) whose
//! plaintext is exactly the format above, and `age -d` opens it. A plain backup is written
//! only when the user chooses it. See [`encryption`] and, for the passphrase rules and the
//! strength hint, [`passphrase`]. The passphrase is never stored or logged; a restore first
//! decrypts in memory, then runs every check above.

pub mod encryption;
pub mod passphrase;
mod sha256;

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::Value;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::companion::Companion;
use crate::error::{Error, Result};
use crate::records;
use crate::store::{Store, Tables, SCHEMA_VERSION};
use crate::units::MAX_AMOUNT_MG;

pub use encryption::{protection, Passphrase, Protection};
pub use passphrase::{check_passphrase, PassphraseCheck, PassphraseStrength};
pub use sha256::sha256_hex;

/// The name in every backup header.
pub const FORMAT: &str = "eventide-backup";
/// The newest backup format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// Largest backup accepted: a ten-year history is a few megabytes, so anything this big is
/// not a real history, and refusing it keeps a hostile file from exhausting a phone's memory.
pub const MAX_BACKUP_BYTES: u64 = 32 * 1024 * 1024;
/// Most rows one table may hold in a backup (ten years of six daily doses is about 22 000).
pub const MAX_ROWS_PER_TABLE: usize = 200_000;
/// Most medicines a backup may hold.
pub const MAX_MEDICATIONS: usize = 100;
/// Longest text value in a backup, in bytes (names, notes and lists are far shorter).
pub const MAX_TEXT_BYTES: usize = 16 * 1024;
/// No date in a backup may be before this year… (the one range every record keeps, see
/// [`crate::records`])
pub const EARLIEST_YEAR: i32 = records::EARLIEST_YEAR;
/// …or after this one.
pub const LATEST_YEAR: i32 = records::LATEST_YEAR;
/// Nothing may be dated more than this many days after the backup was made (plans can be
/// saved ahead; a dose log entry years in the future is an edited file).
pub const MAX_DAYS_AHEAD_OF_EXPORT: i64 = 5 * 366;

const HEADER_START: &str = "{\"format\":\"eventide-backup\"";
const MAX_HEADER_BYTES: usize = 1024;
const BODY_END: &str = "}}\n";
const TOO_MANY_ROWS: &str = "too many rows";
const APP: &str = "eventide";

/// Which check a file failed: lets a shell pick its message and tests assert the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BackupProblem {
    /// Not an Eventide backup at all (empty, another kind of file, another app's data).
    NotABackup,
    /// The file ends before the backup does (an interrupted copy or download).
    Truncated,
    /// The contents do not match the checksum: the file was edited or damaged.
    ChecksumMismatch,
    /// Written by a newer Eventide; this app must be updated first.
    NewerFormat,
    /// The file is damaged in a way the checksum cannot catch (or was crafted).
    Malformed,
    /// A record refers to another one that is not in the backup.
    DanglingReference,
    /// A value no real history can have: negative doses, dates centuries away, huge texts.
    OutOfRange,
    /// Larger than any real history.
    TooLarge,
    /// Encrypted with a passphrase, and none was given: ask for it.
    PassphraseNeeded,
    /// The passphrase does not open the file (or the file's key was edited).
    WrongPassphrase,
    /// Encrypted with more scrypt work than this app allows (a phone could not afford it).
    ExcessiveWork,
}

impl fmt::Display for BackupProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BackupProblem::NotABackup => "it is not an Eventide backup",
            BackupProblem::Truncated => "the backup is incomplete, it was cut short",
            BackupProblem::ChecksumMismatch => {
                "the backup was changed or damaged after it was written"
            }
            BackupProblem::NewerFormat => {
                "it was written by a newer version of Eventide; please update the app"
            }
            BackupProblem::Malformed => "the backup is damaged",
            BackupProblem::DanglingReference => "the backup refers to records it does not contain",
            BackupProblem::OutOfRange => "the backup holds values no real history can have",
            BackupProblem::TooLarge => "the file is far larger than any backup",
            BackupProblem::PassphraseNeeded => "the backup is encrypted and needs its passphrase",
            BackupProblem::WrongPassphrase => {
                "the passphrase is not the one this backup was encrypted with"
            }
            BackupProblem::ExcessiveWork => {
                "it was encrypted with more work than this device can afford"
            }
        })
    }
}

fn refuse(problem: BackupProblem, detail: impl Into<String>) -> Error {
    Error::InvalidBackup {
        problem,
        detail: detail.into(),
    }
}

/// How many rows of one table a backup carried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCount {
    /// The table ("medications", "dose_events", …).
    pub table: String,
    /// Its rows.
    pub rows: u64,
}

/// What a backup holds, for "restore this backup from 25 Nov with 2 medicines …?".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupInfo {
    /// When the backup was made.
    pub exported_at: DateTime<FixedOffset>,
    /// The database schema its rows follow.
    pub schema_version: u32,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// SHA-256 of the body, as in the header.
    pub sha256: String,
    /// Rows per table.
    pub tables: Vec<TableCount>,
    /// Whether the file is encrypted with a passphrase (an age file).
    pub encrypted: bool,
}

impl BackupInfo {
    /// Rows of `table` in the backup (0 when it has none).
    pub fn rows(&self, table: &str) -> u64 {
        self.tables
            .iter()
            .find(|t| t.table == table)
            .map_or(0, |t| t.rows)
    }

    /// One sentence for the restore confirmation: "Backup of Wed 25 Nov 2026 at 14:00:
    /// 1 medicine, 4 dose records, 1 check-in." (the time as the phone that made it showed it).
    pub fn summary(&self) -> String {
        let count = |table: &str, one: &str, many: &str| {
            crate::words::count(
                i64::try_from(self.rows(table)).unwrap_or(i64::MAX),
                one,
                many,
            )
        };
        format!(
            "Backup of {} at {}: {}, {}, {}.",
            self.exported_at.format("%a %-d %b %Y"),
            self.exported_at.format("%H:%M"),
            count("medications", "medicine", "medicines"),
            count("dose_events", "dose record", "dose records"),
            count("checkins", "check-in", "check-ins"),
        )
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestoreOutcome {
    /// The backup that was restored.
    pub backup: BackupInfo,
    /// Where the data that was replaced was saved (restore this file to undo), if any was.
    pub saved_aside: Option<String>,
}

// ----- the file: header, checksum, body -----

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    format_version: u32,
    body_bytes: u64,
    body_sha256: String,
}

/// Wraps `body` in a header carrying its length and checksum: the bytes of a backup file.
pub fn seal(body: &[u8]) -> Result<Vec<u8>> {
    let header = Header {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        body_bytes: body.len() as u64,
        body_sha256: sha256_hex(body),
    };
    let mut out = serde_json::to_vec(&header).map_err(|e| Error::Storage {
        detail: format!("could not write the header: {e}"),
    })?;
    out.push(b'\n');
    out.extend_from_slice(body);
    Ok(out)
}

/// Checks the header, length and checksum of a backup file and returns its body.
pub fn unseal(file: &[u8]) -> Result<&[u8]> {
    if file.len() as u64 > MAX_BACKUP_BYTES {
        return Err(too_large(file.len() as u64));
    }
    if file.is_empty() {
        return Err(refuse(BackupProblem::NotABackup, "the file is empty"));
    }
    let start = HEADER_START.as_bytes();
    let Some(newline) = file.iter().take(MAX_HEADER_BYTES).position(|b| *b == b'\n') else {
        return Err(if file.starts_with(start) || start.starts_with(file) {
            refuse(BackupProblem::Truncated, "the file ends inside its header")
        } else {
            refuse(
                BackupProblem::NotABackup,
                "it does not begin with an Eventide backup header",
            )
        });
    };
    let (line, rest) = file.split_at(newline);
    let body = rest.get(1..).unwrap_or_default();
    if !line.starts_with(start) {
        return Err(refuse(
            BackupProblem::NotABackup,
            "it does not begin with an Eventide backup header",
        ));
    }
    // The version is read loosely first: a newer header may carry fields this build does not know.
    let loose: serde_json::Value = serde_json::from_slice(line).map_err(|e| {
        refuse(
            BackupProblem::Malformed,
            format!("the header is unreadable: {e}"),
        )
    })?;
    let version = loose
        .get("format_version")
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    if version > u64::from(FORMAT_VERSION) {
        return Err(refuse(
            BackupProblem::NewerFormat,
            format!("backup format {version}; this app reads format {FORMAT_VERSION} and older"),
        ));
    }
    let header: Header = serde_json::from_slice(line).map_err(|e| {
        refuse(
            BackupProblem::Malformed,
            format!("the header is unreadable: {e}"),
        )
    })?;
    if header.format != FORMAT || header.format_version == 0 {
        return Err(refuse(
            BackupProblem::Malformed,
            "the header names no valid format version",
        ));
    }
    let found = body.len() as u64;
    let expected = header.body_bytes;
    // A file that stops short without its closing line was cut; one of the wrong length that
    // still ends properly was edited; a whole backup followed by more bytes had data appended.
    if found < expected && !body.ends_with(BODY_END.as_bytes()) {
        return Err(refuse(
            BackupProblem::Truncated,
            format!("the file holds {found} of the {expected} bytes the backup should have"),
        ));
    }
    if found > expected {
        let whole = body
            .get(..expected as usize)
            .is_some_and(|b| sha256_hex(b).eq_ignore_ascii_case(&header.body_sha256));
        if whole {
            return Err(refuse(
                BackupProblem::Malformed,
                format!(
                    "{} unexpected bytes follow the end of the backup",
                    found - expected
                ),
            ));
        }
    }
    if found != expected {
        return Err(refuse(
            BackupProblem::ChecksumMismatch,
            format!("the contents are {found} bytes long, the header says {expected}"),
        ));
    }
    let actual = sha256_hex(body);
    if !actual.eq_ignore_ascii_case(&header.body_sha256) {
        return Err(refuse(
            BackupProblem::ChecksumMismatch,
            format!(
                "the header says SHA-256 {}, the contents are {actual}",
                header.body_sha256
            ),
        ));
    }
    Ok(body)
}

fn too_large(bytes: u64) -> Error {
    refuse(
        BackupProblem::TooLarge,
        format!(
            "{:.1} MB; a backup is at most {} MB",
            bytes as f64 / 1_048_576.0,
            MAX_BACKUP_BYTES / 1_048_576
        ),
    )
}

/// The body: every table as stored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    app: String,
    schema_version: u32,
    exported_at: String,
    tables: BTreeMap<String, TableDump>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableDump {
    columns: Vec<String>,
    #[serde(deserialize_with = "capped_rows")]
    rows: Vec<Vec<Cell>>,
}

/// One stored value. Blobs are written as `{"hex": "…"}`; everything else as plain JSON.
#[derive(Debug, Clone, PartialEq)]
struct Cell(Value);

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match &self.0 {
            Value::Null => s.serialize_unit(),
            Value::Integer(i) => s.serialize_i64(*i),
            Value::Real(r) => s.serialize_f64(*r),
            Value::Text(t) => s.serialize_str(t),
            Value::Blob(b) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry(
                    "hex",
                    &b.iter().map(|x| format!("{x:02x}")).collect::<String>(),
                )?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Cell, D::Error> {
        struct CellVisitor;
        impl<'de> Visitor<'de> for CellVisitor {
            type Value = Cell;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("null, a number, a string or {\"hex\": …}")
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Cell, E> {
                Ok(Cell(Value::Null))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Cell, E> {
                Ok(Cell(Value::Integer(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Cell, E> {
                i64::try_from(v)
                    .map(|i| Cell(Value::Integer(i)))
                    .map_err(|_| E::custom(format!("{v} is too large")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Cell, E> {
                Ok(Cell(Value::Real(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Cell, E> {
                Ok(Cell(Value::Text(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Cell, E> {
                Ok(Cell(Value::Text(v)))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Cell, A::Error> {
                let (key, hex): (String, String) = map
                    .next_entry()?
                    .ok_or_else(|| de::Error::custom("an empty object is not a value"))?;
                if key != "hex" || map.next_key::<String>()?.is_some() {
                    return Err(de::Error::custom("the only object value is {\"hex\": …}"));
                }
                from_hex(&hex)
                    .map(|b| Cell(Value::Blob(b)))
                    .ok_or_else(|| de::Error::custom("bad hex"))
            }
        }
        d.deserialize_any(CellVisitor)
    }
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
        })
        .collect()
}

/// Reads a table's rows, giving up as soon as there are more than [`MAX_ROWS_PER_TABLE`].
fn capped_rows<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<Vec<Cell>>, D::Error> {
    struct Rows;
    impl<'de> Visitor<'de> for Rows {
        type Value = Vec<Vec<Cell>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of rows")
        }
        fn visit_seq<A: SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(row) = seq.next_element::<Vec<Cell>>()? {
                if out.len() >= MAX_ROWS_PER_TABLE {
                    return Err(de::Error::custom(format!(
                        "{TOO_MANY_ROWS}: more than {MAX_ROWS_PER_TABLE} in one table"
                    )));
                }
                out.push(row);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Rows)
}

fn parse_body(body: &[u8]) -> Result<(Body, DateTime<FixedOffset>)> {
    let parsed: Body = serde_json::from_slice(body).map_err(|e| {
        let text = e.to_string();
        if text.contains(TOO_MANY_ROWS) {
            refuse(BackupProblem::OutOfRange, text)
        } else {
            refuse(
                BackupProblem::Malformed,
                format!("the contents are unreadable: {text}"),
            )
        }
    })?;
    if parsed.app != APP {
        return Err(refuse(
            BackupProblem::NotABackup,
            format!("it was written by \"{}\", not Eventide", parsed.app),
        ));
    }
    if parsed.schema_version > SCHEMA_VERSION {
        return Err(refuse(
            BackupProblem::NewerFormat,
            format!(
                "its records follow schema {}; this app reads up to {SCHEMA_VERSION}",
                parsed.schema_version
            ),
        ));
    }
    if parsed.schema_version == 0 {
        return Err(refuse(
            BackupProblem::Malformed,
            "schema version 0 does not exist",
        ));
    }
    let exported_at = DateTime::parse_from_rfc3339(&parsed.exported_at).map_err(|_| {
        refuse(
            BackupProblem::Malformed,
            format!("\"{}\" is not a time", parsed.exported_at),
        )
    })?;
    let year = exported_at.year();
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
        return Err(refuse(
            BackupProblem::OutOfRange,
            format!("it says it was made in the year {year}"),
        ));
    }
    Ok((parsed, exported_at))
}

// ----- export -----

/// The backup of everything in `t`, made at `at`: the bytes of the file.
pub fn export(t: &Tables<'_>, at: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut body = String::new();
    body.push_str(&format!(
        "{{\"app\":{},\"schema_version\":{},\"exported_at\":{},\"tables\":{{",
        json(&APP)?,
        t.schema_version()?,
        json(&at.to_rfc3339_opts(SecondsFormat::Secs, true))?
    ));
    for (n, table) in t.table_names()?.iter().enumerate() {
        let columns = t.column_names(table)?;
        if n > 0 {
            body.push(',');
        }
        body.push_str(&format!(
            "\n{}:{{\"columns\":{},\"rows\":[",
            json(table)?,
            json(&columns)?
        ));
        for (i, row) in t.raw_rows(table, &columns)?.into_iter().enumerate() {
            let cells: Vec<Cell> = row.into_iter().map(Cell).collect();
            body.push_str(if i == 0 { "\n" } else { ",\n" });
            body.push_str(&json(&cells)?);
        }
        body.push_str("\n]}");
    }
    body.push_str(BODY_END);
    seal(body.as_bytes())
}

fn json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Storage {
        detail: format!("could not encode the backup: {e}"),
    })
}

/// Writes `bytes` to `dest` so that `dest` is either the old file or the whole new one: the
/// bytes go to a temporary file in the same folder, reach the disk, and are renamed over it.
pub fn write_atomically(dest: &Path, bytes: &[u8]) -> Result<()> {
    write_via_temp(dest, |file| file.write_all(bytes))
}

fn write_via_temp(
    dest: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    let shown = dest.display().to_string();
    if dest.is_dir() {
        return Err(Error::invalid(
            "out",
            format!("{shown} is a folder; give the name of the backup file to write"),
        ));
    }
    let name = dest
        .file_name()
        .ok_or_else(|| Error::invalid("out", format!("{shown} does not name a file")))?
        .to_string_lossy()
        .to_string();
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = dir.join(format!(".{name}.{}.partial", Uuid::new_v4().simple()));
    let attempt = || -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        fill(&mut file)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, dest)?;
        // Make the rename itself durable (folders cannot be opened for syncing on Windows).
        if let Ok(folder) = std::fs::File::open(&dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    };
    attempt().map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::Storage {
            detail: format!("could not write the backup {shown}: {e}"),
        }
    })
}

/// Reads a backup file, refusing one too large to be a backup before reading it.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| Error::Storage {
        detail: format!("could not open {shown}: {e}"),
    })?;
    if meta.is_dir() {
        return Err(Error::invalid(
            "file",
            format!("{shown} is a folder, not a backup file"),
        ));
    }
    if meta.len() > MAX_BACKUP_BYTES {
        return Err(too_large(meta.len()));
    }
    std::fs::read(path).map_err(|e| Error::Storage {
        detail: format!("could not read {shown}: {e}"),
    })
}

// ----- checking a backup in a scratch database -----

/// A backup that passed every check, loaded into a scratch database at the current schema.
struct Staged {
    store: Store,
    info: BackupInfo,
}

/// Checks a backup completely without touching any database, and says what it holds.
/// An encrypted file is refused as [`BackupProblem::PassphraseNeeded`]: see [`inspect_with`].
pub fn inspect(file: &[u8]) -> Result<BackupInfo> {
    inspect_with(file, None)
}

/// [`inspect`] for a file that may be encrypted: decrypted with `passphrase`, in memory.
pub fn inspect_with(file: &[u8], passphrase: Option<&Passphrase>) -> Result<BackupInfo> {
    Ok(stage_with(file, passphrase)?.info)
}

/// A backup that was decrypted (when encrypted) and passed every check, held in memory until
/// [`Companion::restore_checked`] applies it: one passphrase prompt and one scrypt per restore.
pub struct CheckedBackup(Staged);

impl CheckedBackup {
    /// What the backup holds.
    pub fn info(&self) -> &BackupInfo {
        &self.0.info
    }
}

/// Decrypts `file` with `passphrase` when it is encrypted, and checks the backup completely,
/// without touching any database.
pub fn check(file: &[u8], passphrase: Option<&Passphrase>) -> Result<CheckedBackup> {
    Ok(CheckedBackup(stage_with(file, passphrase)?))
}

/// Opens `file` (decrypting it when it is encrypted) and checks the backup inside.
fn stage_with(file: &[u8], passphrase: Option<&Passphrase>) -> Result<Staged> {
    if file.len() as u64 > MAX_BACKUP_BYTES {
        return Err(too_large(file.len() as u64));
    }
    let opened = encryption::open(file, passphrase)?;
    let mut staged = stage(opened.bytes())?;
    staged.info.bytes = file.len() as u64;
    staged.info.encrypted = opened.was_encrypted();
    Ok(staged)
}

fn stage(file: &[u8]) -> Result<Staged> {
    let body = unseal(file)?;
    let (parsed, exported_at) = parse_body(body)?;
    let mut store = Store::in_memory_at(parsed.schema_version)?;
    let tables = store.write(|t| load(t, &parsed, exported_at))?;
    store.migrate_forward().map_err(|e| {
        refuse(
            BackupProblem::Malformed,
            format!(
                "its records could not be brought up to date: {}",
                detail_of(e)
            ),
        )
    })?;
    check_records(&store.read())?;
    let info = BackupInfo {
        exported_at,
        schema_version: parsed.schema_version,
        bytes: file.len() as u64,
        sha256: sha256_hex(body),
        tables,
        encrypted: false,
    };
    Ok(Staged { store, info })
}

fn detail_of(e: Error) -> String {
    match e {
        Error::Damaged { detail, .. } | Error::Storage { detail } => detail,
        other => other.to_string(),
    }
}

/// Fills the scratch database at the backup's own schema, checking shape and ranges first.
fn load(
    t: &Tables<'_>,
    body: &Body,
    exported_at: DateTime<FixedOffset>,
) -> Result<Vec<TableCount>> {
    let expected = t.table_names()?;
    for name in body.tables.keys() {
        if !expected.contains(name) {
            return Err(refuse(
                BackupProblem::Malformed,
                format!(
                    "it has a table \"{}\" that schema {} does not have",
                    clip(name),
                    body.schema_version
                ),
            ));
        }
    }
    let mut counts = Vec::new();
    t.defer_foreign_keys()?;
    for name in &expected {
        let dump = body.tables.get(name).ok_or_else(|| {
            refuse(
                BackupProblem::Malformed,
                format!("the table \"{name}\" is missing"),
            )
        })?;
        let mut wanted = t.column_names(name)?;
        let mut given = dump.columns.clone();
        wanted.sort();
        given.sort();
        if wanted != given {
            return Err(refuse(
                BackupProblem::Malformed,
                format!(
                    "the table \"{name}\" has columns [{}] where schema {} has [{}]",
                    clip(&given.join(", ")),
                    body.schema_version,
                    wanted.join(", ")
                ),
            ));
        }
        if name == "medications" && dump.rows.len() > MAX_MEDICATIONS {
            return Err(refuse(
                BackupProblem::OutOfRange,
                format!(
                    "it lists {} medicines; at most {MAX_MEDICATIONS}",
                    dump.rows.len()
                ),
            ));
        }
        let rows = check_cells(name, &dump.columns, &dump.rows, exported_at)?;
        t.insert_raw_rows(name, &dump.columns, &rows).map_err(|e| {
            refuse(
                BackupProblem::Malformed,
                format!(
                    "the table \"{name}\" breaks a rule of the database: {}",
                    detail_of(e)
                ),
            )
        })?;
        counts.push(TableCount {
            table: name.clone(),
            rows: rows.len() as u64,
        });
    }
    if let Some(d) = t.dangling_references(1)?.into_iter().next() {
        return Err(refuse(
            BackupProblem::DanglingReference,
            format!(
                "a row of {} has {} = {}, but {} has no such record",
                d.table,
                d.column,
                clip(&d.value),
                d.parent
            ),
        ));
    }
    Ok(counts)
}

/// Shortens a value from the file for a message.
fn clip(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(60).collect::<String>())
    }
}

/// Range checks on raw values, by column naming convention so later tables get them too:
/// `*_ug` are doses in micrograms, `night`, `morning`, `*_on`, `*_date` and `*_through` are
/// dates, `*_at` and `*_until` are instants. Every text is bounded.
fn check_cells(
    table: &str,
    columns: &[String],
    rows: &[Vec<Cell>],
    exported_at: DateTime<FixedOffset>,
) -> Result<Vec<Vec<Value>>> {
    let latest = exported_at.date_naive() + Duration::days(MAX_DAYS_AHEAD_OF_EXPORT);
    let max_ug = (MAX_AMOUNT_MG * 1000.0) as i64;
    let mut out = Vec::with_capacity(rows.len());
    for (n, row) in rows.iter().enumerate() {
        let at = |column: &str| format!("{table}.{column} in row {}", n + 1);
        if row.len() != columns.len() {
            return Err(refuse(
                BackupProblem::Malformed,
                format!(
                    "row {} of {table} has {} values for {} columns",
                    n + 1,
                    row.len(),
                    columns.len()
                ),
            ));
        }
        for (column, Cell(value)) in columns.iter().zip(row) {
            match value {
                Value::Text(text) if text.len() > MAX_TEXT_BYTES => {
                    return Err(refuse(
                        BackupProblem::OutOfRange,
                        format!(
                            "{} is {} bytes long; at most {MAX_TEXT_BYTES}",
                            at(column),
                            text.len()
                        ),
                    ))
                }
                Value::Integer(i) if column.ends_with("_ug") && !(0..=max_ug).contains(i) => {
                    let why = if *i < 0 {
                        "a dose cannot be negative"
                    } else {
                        "more than the app accepts"
                    };
                    return Err(refuse(
                        BackupProblem::OutOfRange,
                        format!("{} is {i} µg: {why}", at(column)),
                    ));
                }
                Value::Text(text) if is_date_column(column) => {
                    let date: NaiveDate = text.parse().map_err(|_| {
                        refuse(
                            BackupProblem::Malformed,
                            format!("{} is \"{}\", not a date", at(column), clip(text)),
                        )
                    })?;
                    check_date(&at(column), date, latest)?;
                }
                Value::Text(text) if is_instant_column(column) => {
                    let instant = DateTime::parse_from_rfc3339(text).map_err(|_| {
                        refuse(
                            BackupProblem::Malformed,
                            format!("{} is \"{}\", not a time", at(column), clip(text)),
                        )
                    })?;
                    check_date(&at(column), instant.date_naive(), latest)?;
                }
                _ => {}
            }
        }
        out.push(row.iter().map(|c| c.0.clone()).collect());
    }
    Ok(out)
}

fn is_date_column(column: &str) -> bool {
    column == "night"
        || column == "morning"
        || column.ends_with("_on")
        || column.ends_with("_date")
        || column.ends_with("_through")
}

fn is_instant_column(column: &str) -> bool {
    column.ends_with("_at") || column.ends_with("_until")
}

fn check_date(what: &str, date: NaiveDate, latest: NaiveDate) -> Result<()> {
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year()) {
        return Err(refuse(
            BackupProblem::OutOfRange,
            format!("{what} is in the year {}", date.year()),
        ));
    }
    if date > latest {
        return Err(refuse(
            BackupProblem::OutOfRange,
            format!("{what} is {date}, years after the backup was made"),
        ));
    }
    Ok(())
}

/// Reads every record back through the app's own code and checks it with the one
/// validation every write goes through ([`crate::records`]), so that a backup of anything the
/// app accepted restores, and a restore refuses only what the app would never have written.
fn check_records(t: &Tables<'_>) -> Result<()> {
    let unreadable = |what: &'static str| {
        move |e: Error| {
            refuse(
                BackupProblem::Malformed,
                format!("{what} cannot be read: {}", detail_of(e)),
            )
        }
    };
    let out_of_range =
        |what: String, e: Error| refuse(BackupProblem::OutOfRange, format!("{what}: {e}"));
    let (first, last) = (records::earliest_date(), records::latest_date());

    let settings = t.day_settings().map_err(unreadable("the settings"))?;
    records::settings(&settings).map_err(|e| out_of_range("the settings".into(), e))?;
    for med in t.medications().map_err(unreadable("the medicines"))? {
        records::medication(&med)
            .map_err(|e| out_of_range(format!("the medicine \"{}\"", clip(&med.name)), e))?;
    }
    for plan in t.plans().map_err(unreadable("the plans"))? {
        records::plan(&plan)
            .map_err(|e| out_of_range(format!("plan version {}", plan.version), e))?;
    }
    for event in t.plan_events().map_err(unreadable("the plan holds"))? {
        records::plan_event(&event)
            .map_err(|e| out_of_range(format!("a plan event of {}", event.night), e))?;
    }
    for dose in t
        .dose_events(first, last)
        .map_err(unreadable("the dose log"))?
    {
        records::dose_event(&dose)
            .map_err(|e| out_of_range(format!("the dose log of {}", dose.night), e))?;
    }
    for checkin in t
        .checkins(first, last)
        .map_err(unreadable("the check-ins"))?
    {
        records::checkin(&checkin)
            .map_err(|e| out_of_range(format!("the check-in of {}", checkin.morning), e))?;
    }
    t.dismissals()
        .map_err(unreadable("the dismissed suggestions"))?;
    for review in t.reviews().map_err(unreadable("the reviews"))? {
        records::review(&review)
            .map_err(|e| out_of_range(format!("the review of {}", review.on), e))?;
    }
    crate::supplies::check_stored(t).map_err(|e| match e {
        Error::InvalidInput { reason, .. } => refuse(BackupProblem::OutOfRange, reason),
        other => unreadable("the stock counts")(other),
    })?;
    Ok(())
}

// ----- restore into the user's database -----

/// Rows per table of `t`.
fn counts(t: &Tables<'_>) -> Result<Vec<TableCount>> {
    let mut out = Vec::new();
    for table in t.table_names()? {
        let rows = t.row_count(&table)?;
        out.push(TableCount { table, rows });
    }
    Ok(out)
}

/// Replaces everything in `store` by the checked backup, in one transaction. When the store
/// holds data, it is first written to `aside` (refused without one).
fn apply(
    store: &mut Store,
    staged: &Staged,
    aside: Option<&Path>,
    at: DateTime<Utc>,
) -> Result<Option<String>> {
    store.write(|t| {
        let held: u64 = counts(t)?.iter().map(|c| c.rows).sum();
        let mut saved = None;
        if held > 0 {
            let Some(path) = aside else {
                return Err(Error::Conflict {
                    reason: "this database already holds data; restore with replace to save it aside and replace it".into(),
                });
            };
            write_atomically(path, &export(t, at)?)?;
            saved = Some(path.display().to_string());
        }
        t.defer_foreign_keys()?;
        for table in t.table_names()? {
            t.clear_table(&table)?;
        }
        let source = staged.store.read();
        for table in source.table_names()? {
            let columns = source.column_names(&table)?;
            t.insert_raw_rows(&table, &columns, &source.raw_rows(&table, &columns)?)?;
        }
        Ok(saved)
    })
}

/// Where the data replaced by a restore is saved: next to the database, named by the time.
fn aside_path(db: &str, at: DateTime<Utc>) -> Result<PathBuf> {
    if db == ":memory:" {
        return Err(Error::invalid(
            "replace",
            "an in-memory database has no folder to save the current data aside in",
        ));
    }
    let stamp = at.format("%Y%m%dT%H%M%SZ");
    for n in 1..=100 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = PathBuf::from(format!(
            "{db}.before-restore-{stamp}{suffix}.eventide-backup"
        ));
        if !path.exists() {
            return Ok(path);
        }
    }
    Err(Error::Conflict {
        reason: format!("too many saved-aside copies next to {db}; please move some away"),
    })
}

impl Companion {
    /// The bytes of a plain backup of everything, made at `now` (for a share sheet).
    pub fn backup_bytes(&self, now: DateTime<Utc>) -> Result<Vec<u8>> {
        self.backup_bytes_with(None, now)
    }

    /// The bytes of a backup of everything made at `now`: encrypted with `passphrase` (which
    /// must meet [`check_passphrase`]), or plain when the user chose no passphrase (`None`).
    pub fn backup_bytes_with(
        &self,
        passphrase: Option<&Passphrase>,
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>> {
        let plain = self.with_store(|store| store.read_consistent(|t| export(t, now)))?;
        match passphrase {
            Some(p) => encryption::encrypt(&zeroize::Zeroizing::new(plain), p),
            None => Ok(plain),
        }
    }

    /// Writes a plain backup of everything to `out`, atomically; says what it holds.
    pub fn write_backup(&self, out: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
        self.write_backup_with(out, None, now)
    }

    /// Writes a backup of everything to `out`, atomically, encrypted with `passphrase` or
    /// plain (`None`); says what it holds.
    pub fn write_backup_with(
        &self,
        out: &Path,
        passphrase: Option<&Passphrase>,
        now: DateTime<Utc>,
    ) -> Result<BackupInfo> {
        self.refuse_database_file(out)?;
        let (plain, tables) =
            self.with_store(|store| store.read_consistent(|t| Ok((export(t, now)?, counts(t)?))))?;
        let plain = zeroize::Zeroizing::new(plain);
        let encrypted = match passphrase {
            Some(p) => Some(encryption::encrypt(&plain, p)?),
            None => None,
        };
        let file = encrypted.as_deref().unwrap_or(&plain);
        write_atomically(out, file)?;
        let body = unseal(&plain)?;
        let (_, exported_at) = parse_body(body)?;
        Ok(BackupInfo {
            exported_at,
            schema_version: SCHEMA_VERSION,
            bytes: file.len() as u64,
            sha256: sha256_hex(body),
            tables,
            encrypted: encrypted.is_some(),
        })
    }

    /// Restores a plain backup file. Into an empty database unless `replace`; with
    /// `replace`, the current data is first saved next to the database (see
    /// [`RestoreOutcome::saved_aside`]). All or nothing: a file that fails any check changes
    /// nothing. An encrypted file needs [`Companion::restore_backup_with`].
    pub fn restore_backup(
        &self,
        file: &Path,
        replace: bool,
        now: DateTime<Utc>,
    ) -> Result<RestoreOutcome> {
        self.restore_backup_with(file, None, replace, now)
    }

    /// [`Companion::restore_backup`] for a file that may be encrypted with `passphrase`.
    pub fn restore_backup_with(
        &self,
        file: &Path,
        passphrase: Option<&Passphrase>,
        replace: bool,
        now: DateTime<Utc>,
    ) -> Result<RestoreOutcome> {
        self.restore_backup_bytes_with(&read_file(file)?, passphrase, replace, now)
    }

    /// [`Companion::restore_backup`] for bytes a shell read from a file picker.
    pub fn restore_backup_bytes(
        &self,
        file: &[u8],
        replace: bool,
        now: DateTime<Utc>,
    ) -> Result<RestoreOutcome> {
        self.restore_backup_bytes_with(file, None, replace, now)
    }

    /// [`Companion::restore_backup_with`] for bytes a shell read from a file picker. The
    /// file is decrypted and checked in memory before the database is touched; the data
    /// saved aside on `replace` is a plain backup next to the database, like the database.
    pub fn restore_backup_bytes_with(
        &self,
        file: &[u8],
        passphrase: Option<&Passphrase>,
        replace: bool,
        now: DateTime<Utc>,
    ) -> Result<RestoreOutcome> {
        self.restore_checked(&check(file, passphrase)?, replace, now)
    }

    /// Restores a backup [`check`] accepted, as [`Companion::restore_backup`] does.
    pub fn restore_checked(
        &self,
        checked: &CheckedBackup,
        replace: bool,
        now: DateTime<Utc>,
    ) -> Result<RestoreOutcome> {
        let staged = &checked.0;
        self.with_store(|store| {
            let aside = if replace {
                Some(aside_path(store.path(), now)?)
            } else {
                None
            };
            let saved_aside = apply(store, staged, aside.as_deref(), now)?;
            Ok(RestoreOutcome {
                backup: staged.info.clone(),
                saved_aside,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_file_under_the_final_name_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("b.eventide-backup");
        let err = write_via_temp(&dest, |f| {
            f.write_all(b"half a backup")?;
            Err(std::io::Error::other("the disk is full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("the disk is full"), "{err}");
        assert!(!dest.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_failed_write_keeps_the_previous_backup_whole() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("b.eventide-backup");
        write_atomically(&dest, b"the old backup").unwrap();
        let _ = write_via_temp(&dest, |f| {
            f.write_all(b"new")?;
            Err(std::io::Error::other("cut off"))
        });
        assert_eq!(std::fs::read(&dest).unwrap(), b"the old backup");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn blobs_and_reals_survive_the_cell_encoding() {
        let cells = vec![
            Cell(Value::Blob(vec![0, 255, 16])),
            Cell(Value::Real(3.0)),
            Cell(Value::Integer(3)),
            Cell(Value::Null),
        ];
        let text = serde_json::to_string(&cells).unwrap();
        let back: Vec<Cell> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, cells);
    }
}
