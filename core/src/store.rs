//! The one SQLite file that holds everything the user entered.
//!
//! - WAL journal, `synchronous=FULL` (a dose log entry is a medical record: it must survive a
//!   power cut the moment "Taken" returns), foreign keys on, every write in one transaction.
//! - Schema changes are forward-only migrations keyed by `user_version`; the file is marked
//!   with an `application_id` so a foreign SQLite file is never mistaken for ours.
//! - Opening refuses, without writing a byte, a file that is not SQLite, another app's
//!   database, one written by a newer Eventide, or one that fails SQLite's integrity check.
//!   It is never replaced by an empty database: the user's data stays for recovery.
//! - The dose log and plan history are append-only: rows are inserted, never updated.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use crate::checkin::CheckIn;
use crate::doselog::{DoseAction, DoseEvent};
use crate::error::{Error, Result};
use crate::ingredient::Ingredient;
use crate::medication::Medication;
use crate::plan::{Plan, PlanEvent};
use crate::records;
use crate::schedule::DaySettings;
use crate::units::Micrograms;

/// Marks a SQLite file as Eventide's ("EVNT").
pub const APPLICATION_ID: i32 = 0x4556_4E54;
/// The newest schema this build reads and writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Forward-only migrations: entry `n` takes the schema from version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    "CREATE TABLE settings (
         key TEXT PRIMARY KEY,
         value TEXT NOT NULL
     );
     CREATE TABLE medications (
         id TEXT PRIMARY KEY,
         name TEXT NOT NULL,
         tablets TEXT NOT NULL,
         can_halve INTEGER NOT NULL,
         liquids TEXT NOT NULL,
         slot TEXT NOT NULL,
         created_at TEXT NOT NULL
     );
     CREATE UNIQUE INDEX medications_by_name ON medications (name COLLATE NOCASE);
     CREATE TABLE plans (
         id TEXT PRIMARY KEY,
         medication_id TEXT NOT NULL REFERENCES medications (id),
         version INTEGER NOT NULL,
         starts_on TEXT NOT NULL,
         kind TEXT NOT NULL,
         created_at TEXT NOT NULL,
         confirmed_warnings TEXT NOT NULL,
         UNIQUE (medication_id, version)
     );
     CREATE TABLE plan_events (
         id TEXT PRIMARY KEY,
         plan_id TEXT NOT NULL REFERENCES plans (id),
         kind TEXT NOT NULL,
         night TEXT NOT NULL,
         recorded_at TEXT NOT NULL
     );
     CREATE TABLE dose_events (
         id TEXT PRIMARY KEY,
         medication_id TEXT NOT NULL REFERENCES medications (id),
         slot_index INTEGER NOT NULL,
         night TEXT NOT NULL,
         action TEXT NOT NULL CHECK (action IN ('taken', 'skipped', 'snoozed')),
         amount_ug INTEGER,
         late INTEGER NOT NULL DEFAULT 0,
         snooze_until TEXT,
         recorded_at TEXT NOT NULL
     );
     CREATE UNIQUE INDEX dose_taken_once ON dose_events (medication_id, slot_index, night) WHERE action = 'taken';
     CREATE UNIQUE INDEX dose_skipped_once ON dose_events (medication_id, slot_index, night) WHERE action = 'skipped';
     CREATE INDEX dose_events_by_night ON dose_events (night);
     CREATE TABLE checkins (
         morning TEXT PRIMARY KEY,
         feeling TEXT NOT NULL,
         pain INTEGER,
         effects TEXT NOT NULL,
         note TEXT,
         recorded_at TEXT NOT NULL
     );
     CREATE TABLE suggestion_dismissals (
         suggestion_id TEXT PRIMARY KEY,
         dismissed_at TEXT NOT NULL
     );",
    // 2: a dismissal remembers the evidence it hid (a suggestion returns when evidence grows),
    //    and reviews with the prescriber are recorded.
    "ALTER TABLE suggestion_dismissals ADD COLUMN evidence_count INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE suggestion_dismissals ADD COLUMN evidence_through TEXT;
     CREATE TABLE reviews (
         id TEXT PRIMARY KEY,
         on_date TEXT NOT NULL,
         note TEXT,
         recorded_at TEXT NOT NULL
     );
     CREATE INDEX reviews_by_date ON reviews (on_date);",
    // 3: a medicine records its active ingredient, and rules key on it instead of the name.
    //    Earlier versions applied amitriptyline's dose range to any name containing
    //    "amitriptyline" and to nothing else, so that is exactly what existing rows carry forward.
    "ALTER TABLE medications ADD COLUMN ingredient TEXT NOT NULL DEFAULT 'other';
     UPDATE medications SET ingredient = 'amitriptyline' WHERE lower(name) LIKE '%amitriptyline%';",
    // 4: an evening dose has a latest time, set per medicine in minutes after bedtime (after it a
    //    forgotten dose is no longer offered), and a dose recorded afterwards keeps the time it
    //    was really taken beside the time it was recorded (NULL: taken when recorded).
    "ALTER TABLE medications ADD COLUMN latest_after_bedtime_minutes INTEGER NOT NULL DEFAULT 120;
     ALTER TABLE dose_events ADD COLUMN taken_at TEXT;",
];

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
const DAY_SETTINGS_KEY: &str = "day_settings";

/// An open Eventide database.
pub struct Store {
    conn: Connection,
    path: String,
    /// Transactions this handle has committed (SQLite's `data_version` counts only other
    /// handles' commits).
    own_writes: u64,
}

/// One state of the database: it changes with every commit, through this handle or another
/// (a notification handler, a second process). Whatever was derived at one generation stays
/// true for as long as the generation is the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generation {
    data_version: i64,
    own_writes: u64,
}

impl Store {
    /// Opens (or creates) the database at `path`, migrating it forward if it is older.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        let exists = path.exists();
        if exists {
            check_header(path)?;
        } else if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::Storage {
                detail: format!("could not create the folder {}: {e}", parent.display()),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| refused(&shown, e))?;
        if exists {
            inspect_existing(&conn, &shown)?;
        }
        Store::prepare(conn, shown)
    }

    /// A database that lives only in memory: for tests and previews.
    pub fn in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?, ":memory:".into())
    }

    fn prepare(conn: Connection, path: String) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // In-memory databases answer "memory"; files switch to WAL.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let mut store = Store {
            conn,
            path,
            own_writes: 0,
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        let found = user_version(&self.conn)?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerDatabase {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", index as u32 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Where the database lives, for messages.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Reads from the database.
    pub fn read(&self) -> Tables<'_> {
        Tables {
            conn: &self.conn,
            path: &self.path,
            own_writes: self.own_writes,
        }
    }

    /// Runs `f` in one immediate transaction: everything it writes lands, or nothing does.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tables<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&Tables {
            conn: &tx,
            path: &self.path,
            own_writes: self.own_writes,
        })?;
        tx.commit()?;
        self.own_writes += 1;
        Ok(out)
    }

    /// Copies the whole database into a new file at `dest` (consistent even while in use).
    pub fn copy_to(&self, dest: &Path) -> Result<()> {
        let target = dest.display().to_string();
        self.conn
            .execute("VACUUM INTO ?1", params![target])
            .map_err(|e| Error::Storage {
                detail: format!("could not write {target}: {e}"),
            })?;
        Ok(())
    }
}

fn user_version(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

fn refused(path: &str, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotEventideDatabase {
            path: path.into(),
            reason: "it is not a SQLite database".into(),
        },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::Damaged {
            path: path.into(),
            detail: e.to_string(),
        },
        _ => Error::from(e),
    }
}

/// Refuses files that are empty or not SQLite before SQLite touches them.
fn check_header(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    let mut file = std::fs::File::open(path).map_err(|e| Error::Storage {
        detail: format!("could not open {shown}: {e}"),
    })?;
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(header.get_mut(read..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(Error::Storage {
                    detail: format!("could not read {shown}: {e}"),
                })
            }
        }
    }
    if read == 0 {
        return Err(Error::NotEventideDatabase {
            path: shown,
            reason: "the file is empty".into(),
        });
    }
    if &header != SQLITE_HEADER {
        return Err(Error::NotEventideDatabase {
            path: shown,
            reason: "it is not a SQLite database".into(),
        });
    }
    Ok(())
}

/// Checks an existing file is a healthy Eventide database this build can read, writing nothing.
fn inspect_existing(conn: &Connection, path: &str) -> Result<()> {
    let damaged = |e: rusqlite::Error| refused(path, e);
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(damaged)?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(damaged)?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(Error::NotEventideDatabase {
            path: path.into(),
            reason: "it belongs to another application".into(),
        });
    }
    let found = user_version(conn).map_err(|_| Error::Damaged {
        path: path.into(),
        detail: "unreadable header".into(),
    })?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(damaged)?;
    if check != "ok" {
        return Err(Error::Damaged {
            path: path.into(),
            detail: check,
        });
    }
    Ok(())
}

/// The tables, read or written through one connection or transaction.
pub struct Tables<'a> {
    conn: &'a Connection,
    path: &'a str,
    own_writes: u64,
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Storage {
        detail: format!("could not encode a record: {e}"),
    })
}

impl Tables<'_> {
    fn decode<T: DeserializeOwned>(&self, text: &str) -> Result<T> {
        serde_json::from_str(text).map_err(|e| Error::Damaged {
            path: self.path.into(),
            detail: format!("unreadable record: {e}"),
        })
    }

    fn uuid(&self, text: &str) -> Result<Uuid> {
        Uuid::parse_str(text).map_err(|e| Error::Damaged {
            path: self.path.into(),
            detail: format!("bad id {text}: {e}"),
        })
    }

    fn date(&self, text: &str) -> Result<NaiveDate> {
        text.parse().map_err(|e| Error::Damaged {
            path: self.path.into(),
            detail: format!("bad date {text}: {e}"),
        })
    }

    fn instant(&self, text: &str) -> Result<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(text).map_err(|e| Error::Damaged {
            path: self.path.into(),
            detail: format!("bad time {text}: {e}"),
        })
    }

    /// The state the database is in, to tell whether something derived from it is still
    /// current. Inside [`Store::read_consistent`] it names the state every read there sees.
    pub fn generation(&self) -> Result<Generation> {
        let data_version = self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        Ok(Generation {
            data_version,
            own_writes: self.own_writes,
        })
    }

    /// The user's bedtimes and check-in time (defaults until they set them).
    pub fn day_settings(&self) -> Result<DaySettings> {
        match self.setting(DAY_SETTINGS_KEY)? {
            Some(text) => self.decode(&text),
            None => Ok(DaySettings::default()),
        }
    }

    /// Saves the bedtimes and check-in time.
    pub fn set_day_settings(&self, settings: &DaySettings) -> Result<()> {
        records::settings(settings)?;
        self.set_setting(DAY_SETTINGS_KEY, &to_json(settings)?)
    }

    /// A free-form setting by key.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row(params![key], |r| r.get(0))
            .optional()?)
    }

    /// Saves a free-form setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Every medication, in the order they were added.
    pub fn medications(&self) -> Result<Vec<Medication>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, tablets, can_halve, liquids, slot, created_at, ingredient, latest_after_bedtime_minutes FROM medications ORDER BY created_at, name")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, u16>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, tablets, can_halve, liquids, slot, created_at, ingredient, latest) =
                row?;
            out.push(Medication {
                id: self.uuid(&id)?,
                name,
                ingredient: Ingredient::parse(&ingredient).map_err(|e| Error::Damaged {
                    path: self.path.into(),
                    detail: e.to_string(),
                })?,
                tablets: self.decode(&tablets)?,
                can_halve,
                liquids_per_5ml: self.decode(&liquids)?,
                slot: self.decode(&slot)?,
                added_at: self.instant(&created_at)?.with_timezone(&Utc),
                latest_after_bedtime_minutes: latest,
            });
        }
        Ok(out)
    }

    /// Adds a medication; a second one with the same name (any case) is refused.
    pub fn insert_medication(&self, med: &Medication) -> Result<()> {
        records::medication(med)?;
        let taken: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM medications WHERE name = ?1 COLLATE NOCASE)",
            params![med.name],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Error::Conflict {
                reason: format!("a medication called {} already exists", med.name),
            });
        }
        self.conn.execute(
            "INSERT INTO medications (id, name, tablets, can_halve, liquids, slot, created_at, ingredient, latest_after_bedtime_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![med.id.to_string(), med.name, to_json(&med.tablets)?, med.can_halve, to_json(&med.liquids_per_5ml)?, to_json(&med.slot)?, med.added_at.to_rfc3339(), med.ingredient.code(), med.latest_after_bedtime_minutes],
        )?;
        Ok(())
    }

    /// Changes what the user holds or when they take it (the name and id stay).
    pub fn update_medication(&self, med: &Medication) -> Result<()> {
        records::medication(med)?;
        let n = self.conn.execute(
            "UPDATE medications SET tablets = ?2, can_halve = ?3, liquids = ?4, slot = ?5, latest_after_bedtime_minutes = ?6 WHERE id = ?1",
            params![med.id.to_string(), to_json(&med.tablets)?, med.can_halve, to_json(&med.liquids_per_5ml)?, to_json(&med.slot)?, med.latest_after_bedtime_minutes],
        )?;
        if n == 0 {
            return Err(Error::not_found(format!("the medication {}", med.name)));
        }
        Ok(())
    }

    /// Every plan version of every medication, oldest first.
    pub fn plans(&self) -> Result<Vec<Plan>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, medication_id, version, starts_on, kind, created_at, confirmed_warnings FROM plans ORDER BY medication_id, version",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, med, version, starts_on, kind, created_at, warnings) = row?;
            out.push(Plan {
                id: self.uuid(&id)?,
                medication_id: self.uuid(&med)?,
                version,
                starts_on: self.date(&starts_on)?,
                kind: self.decode(&kind)?,
                created_at: self.instant(&created_at)?.with_timezone(&Utc),
                confirmed_warnings: self.decode(&warnings)?,
            });
        }
        Ok(out)
    }

    /// Saves a new plan version (versions are never changed afterwards).
    pub fn insert_plan(&self, plan: &Plan) -> Result<()> {
        records::plan(plan)?;
        self.conn.execute(
            "INSERT INTO plans (id, medication_id, version, starts_on, kind, created_at, confirmed_warnings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![plan.id.to_string(), plan.medication_id.to_string(), plan.version, plan.starts_on.to_string(), to_json(&plan.kind)?, plan.created_at.to_rfc3339(), to_json(&plan.confirmed_warnings)?],
        )?;
        Ok(())
    }

    /// Every hold and tolerance confirmation, oldest first.
    pub fn plan_events(&self) -> Result<Vec<PlanEvent>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, plan_id, kind, night, recorded_at FROM plan_events ORDER BY night, recorded_at")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, plan, kind, night, at) = row?;
            out.push(PlanEvent {
                id: self.uuid(&id)?,
                plan_id: self.uuid(&plan)?,
                kind: self.decode(&kind)?,
                night: self.date(&night)?,
                recorded_at: self.instant(&at)?.with_timezone(&Utc),
            });
        }
        Ok(out)
    }

    /// Records a hold or tolerance confirmation.
    pub fn insert_plan_event(&self, event: &PlanEvent) -> Result<()> {
        records::plan_event(event)?;
        self.conn.execute(
            "INSERT INTO plan_events (id, plan_id, kind, night, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![event.id.to_string(), event.plan_id.to_string(), to_json(&event.kind)?, event.night.to_string(), event.recorded_at.to_rfc3339()],
        )?;
        Ok(())
    }

    /// Dose log entries for nights `first..=last`, oldest first.
    pub fn dose_events(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<DoseEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, medication_id, slot_index, night, action, amount_ug, late, snooze_until, recorded_at, taken_at
             FROM dose_events WHERE night BETWEEN ?1 AND ?2 ORDER BY night, recorded_at",
        )?;
        let rows = stmt.query_map(params![first.to_string(), last.to_string()], DoseRow::read)?;
        rows.map(|row| self.dose_event(row?)).collect()
    }

    fn dose_event(&self, row: DoseRow) -> Result<DoseEvent> {
        let action = match row.action.as_str() {
            "taken" => DoseAction::Taken {
                amount: Micrograms(row.amount_ug.unwrap_or(0)),
                late: row.late,
            },
            "skipped" => DoseAction::Skipped,
            _ => {
                let until = row.snooze_until.as_deref().unwrap_or_default();
                DoseAction::Snoozed {
                    until: self.instant(until)?.with_timezone(&Utc),
                }
            }
        };
        Ok(DoseEvent {
            id: self.uuid(&row.id)?,
            medication_id: self.uuid(&row.medication_id)?,
            slot_index: row.slot_index,
            night: self.date(&row.night)?,
            action,
            recorded_at: self.instant(&row.recorded_at)?,
            taken_at: row
                .taken_at
                .as_deref()
                .map(|t| self.instant(t))
                .transpose()?,
        })
    }

    /// Appends to the dose log. Returns false, writing nothing, when the occurrence already
    /// has the same taken/skipped entry (the second tap of a double tap).
    pub fn insert_dose_event(&self, event: &DoseEvent) -> Result<bool> {
        records::dose_event(event)?;
        let (action, amount, late, until) = match &event.action {
            DoseAction::Taken { amount, late } => ("taken", Some(amount.0), *late, None),
            DoseAction::Skipped => ("skipped", None, false, None),
            DoseAction::Snoozed { until } => ("snoozed", None, false, Some(until.to_rfc3339())),
        };
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO dose_events (id, medication_id, slot_index, night, action, amount_ug, late, snooze_until, recorded_at, taken_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![event.id.to_string(), event.medication_id.to_string(), event.slot_index, event.night.to_string(), action, amount, late, until, event.recorded_at.to_rfc3339(), event.taken_at.map(|t| t.to_rfc3339())],
        )?;
        Ok(n == 1)
    }

    /// The check-in of one morning.
    pub fn checkin(&self, morning: NaiveDate) -> Result<Option<CheckIn>> {
        Ok(self.checkins(morning, morning)?.into_iter().next())
    }

    /// Check-ins of mornings `first..=last`, oldest first.
    pub fn checkins(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<CheckIn>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT morning, feeling, pain, effects, note, recorded_at FROM checkins WHERE morning BETWEEN ?1 AND ?2 ORDER BY morning",
        )?;
        let rows = stmt.query_map(params![first.to_string(), last.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<u8>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (morning, feeling, pain, effects, note, at) = row?;
            out.push(CheckIn {
                morning: self.date(&morning)?,
                feeling: self.decode(&format!("\"{feeling}\""))?,
                pain,
                effects: self.decode(&effects)?,
                note,
                recorded_at: self.instant(&at)?,
            });
        }
        Ok(out)
    }

    /// Saves a morning's check-in, replacing an earlier answer for the same morning.
    pub fn upsert_checkin(&self, c: &CheckIn) -> Result<()> {
        records::checkin(c)?;
        let feeling = to_json(&c.feeling)?.trim_matches('"').to_string();
        self.conn.execute(
            "INSERT INTO checkins (morning, feeling, pain, effects, note, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (morning) DO UPDATE SET feeling = excluded.feeling, pain = excluded.pain,
                 effects = excluded.effects, note = excluded.note, recorded_at = excluded.recorded_at",
            params![c.morning.to_string(), feeling, c.pain, to_json(&c.effects)?, c.note, c.recorded_at.to_rfc3339()],
        )?;
        Ok(())
    }

    /// Ids of the suggestions the user dismissed.
    pub fn dismissed_suggestions(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT suggestion_id FROM suggestion_dismissals ORDER BY suggestion_id")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Remembers that a suggestion was dismissed (again: no change).
    pub fn dismiss_suggestion(&self, id: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO suggestion_dismissals (suggestion_id, dismissed_at) VALUES (?1, ?2)",
            params![id, at.to_rfc3339()],
        )?;
        Ok(())
    }
}

/// What a dismissal hid: the suggestion comes back when its evidence outgrows this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dismissal {
    /// The suggestion's id.
    pub suggestion_id: String,
    /// How many pieces of evidence it had when dismissed.
    pub evidence_count: u32,
    /// The newest evidence it had when dismissed.
    pub evidence_through: Option<NaiveDate>,
}

/// Dismissals that remember their evidence, and reviews with the prescriber.
impl Tables<'_> {
    /// Every dismissal, with the evidence it hid.
    pub fn dismissals(&self) -> Result<Vec<Dismissal>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT suggestion_id, evidence_count, evidence_through FROM suggestion_dismissals ORDER BY suggestion_id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (suggestion_id, evidence_count, through) = row?;
            let evidence_through = through.map(|t| self.date(&t)).transpose()?;
            out.push(Dismissal {
                suggestion_id,
                evidence_count,
                evidence_through,
            });
        }
        Ok(out)
    }

    /// Dismisses a suggestion as it stands now (dismissing again replaces the record).
    pub fn dismiss_with_evidence(&self, d: &Dismissal, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO suggestion_dismissals (suggestion_id, dismissed_at, evidence_count, evidence_through) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (suggestion_id) DO UPDATE SET dismissed_at = excluded.dismissed_at,
                 evidence_count = excluded.evidence_count, evidence_through = excluded.evidence_through",
            params![d.suggestion_id, at.to_rfc3339(), d.evidence_count, d.evidence_through.map(|t| t.to_string())],
        )?;
        Ok(())
    }

    /// Every recorded review, oldest first.
    pub fn reviews(&self) -> Result<Vec<crate::review::Review>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, on_date, note, recorded_at FROM reviews ORDER BY on_date, recorded_at",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, on, note, at) = row?;
            out.push(crate::review::Review {
                id: self.uuid(&id)?,
                on: self.date(&on)?,
                note,
                recorded_at: self.instant(&at)?.with_timezone(&Utc),
            });
        }
        Ok(out)
    }

    /// Records a review.
    pub fn insert_review(&self, r: &crate::review::Review) -> Result<()> {
        records::review(r)?;
        self.conn.execute(
            "INSERT INTO reviews (id, on_date, note, recorded_at) VALUES (?1, ?2, ?3, ?4)",
            params![
                r.id.to_string(),
                r.on.to_string(),
                r.note,
                r.recorded_at.to_rfc3339()
            ],
        )?;
        Ok(())
    }
}

/// A dose_events row before its text fields are checked.
struct DoseRow {
    id: String,
    medication_id: String,
    slot_index: u32,
    night: String,
    action: String,
    amount_ug: Option<u32>,
    late: bool,
    snooze_until: Option<String>,
    recorded_at: String,
    taken_at: Option<String>,
}

impl DoseRow {
    fn read(r: &Row<'_>) -> rusqlite::Result<DoseRow> {
        Ok(DoseRow {
            id: r.get(0)?,
            medication_id: r.get(1)?,
            slot_index: r.get(2)?,
            night: r.get(3)?,
            action: r.get(4)?,
            amount_ug: r.get(5)?,
            late: r.get(6)?,
            snooze_until: r.get(7)?,
            recorded_at: r.get(8)?,
            taken_at: r.get(9)?,
        })
    }
}

/// The path a database file of `path` would use for its WAL, for tests and backups.
pub fn wal_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

// ----- whole-table access, for backups (crate-internal) -----
//
// Backups copy every table column by column, so a table or column added by a later migration
// is carried without the backup code knowing about it.

impl Store {
    /// An in-memory database migrated to exactly `version` (a backup's schema), not further.
    pub(crate) fn in_memory_at(version: u32) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", true)?;
        for sql in MIGRATIONS.iter().take(version as usize) {
            conn.execute_batch(sql)?;
        }
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        conn.pragma_update(None, "user_version", version.min(SCHEMA_VERSION))?;
        Ok(Store {
            conn,
            path: ":memory:".into(),
            own_writes: 0,
        })
    }

    /// Runs the migrations this database has not had yet.
    pub(crate) fn migrate_forward(&mut self) -> Result<()> {
        self.migrate()
    }

    /// Runs `f` in one read transaction: every table it reads is from the same moment, even
    /// while another connection (a notification handler) writes.
    pub(crate) fn read_consistent<T>(
        &mut self,
        f: impl FnOnce(&Tables<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let out = f(&Tables {
            conn: &tx,
            path: &self.path,
            own_writes: self.own_writes,
        })?;
        tx.commit()?;
        Ok(out)
    }
}

/// A foreign key whose parent row is missing, as `PRAGMA foreign_key_check` reports it.
pub(crate) struct DanglingReference {
    /// The table of the row that refers.
    pub table: String,
    /// The referring column.
    pub column: String,
    /// The value that does not resolve.
    pub value: String,
    /// The table it should be found in.
    pub parent: String,
}

/// Quotes an SQL identifier (table or column name).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl Tables<'_> {
    /// The schema version of this database.
    pub(crate) fn schema_version(&self) -> Result<u32> {
        user_version(self.conn)
    }

    /// The names of the user-data tables, sorted (SQLite's own tables excluded).
    pub(crate) fn table_names(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The columns of `table`, in declaration order.
    pub(crate) fn column_names(&self, table: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
        let rows = stmt.query_map(params![table], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Every row of `table` as stored, in insertion (rowid) order.
    pub(crate) fn raw_rows(
        &self,
        table: &str,
        columns: &[String],
    ) -> Result<Vec<Vec<rusqlite::types::Value>>> {
        let list: Vec<String> = columns.iter().map(|c| quoted(c)).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY rowid",
            list.join(", "),
            quoted(table)
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            (0..columns.len())
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect()
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Inserts rows into `table` exactly as given (constraint failures are returned).
    pub(crate) fn insert_raw_rows(
        &self,
        table: &str,
        columns: &[String],
        rows: &[Vec<rusqlite::types::Value>],
    ) -> Result<()> {
        let list: Vec<String> = columns.iter().map(|c| quoted(c)).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quoted(table),
            list.join(", "),
            marks.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        for row in rows {
            stmt.execute(rusqlite::params_from_iter(row.iter()))?;
        }
        Ok(())
    }

    /// How many rows `table` holds.
    pub(crate) fn row_count(&self, table: &str) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM {}", quoted(table)),
            [],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Deletes every row of `table`.
    pub(crate) fn clear_table(&self, table: &str) -> Result<()> {
        self.conn
            .execute(&format!("DELETE FROM {}", quoted(table)), [])?;
        Ok(())
    }

    /// Checks foreign keys only when the transaction commits, so tables can be filled in any order.
    pub(crate) fn defer_foreign_keys(&self) -> Result<()> {
        self.conn.pragma_update(None, "defer_foreign_keys", true)?;
        Ok(())
    }

    /// References that do not resolve, at most `limit` of them.
    pub(crate) fn dangling_references(&self, limit: usize) -> Result<Vec<DanglingReference>> {
        let mut stmt = self
            .conn
            .prepare("SELECT \"table\", rowid, parent, fkid FROM pragma_foreign_key_check")?;
        let found = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?
            .take(limit)
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let mut out = Vec::new();
        for (table, rowid, parent, fkid) in found {
            let column: String = self
                .conn
                .query_row(
                    "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE id = ?2",
                    params![table, fkid],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_default();
            let value: Option<rusqlite::types::Value> = match rowid {
                Some(rowid) if !column.is_empty() => self
                    .conn
                    .query_row(
                        &format!(
                            "SELECT {} FROM {} WHERE rowid = ?1",
                            quoted(&column),
                            quoted(&table)
                        ),
                        params![rowid],
                        |r| r.get(0),
                    )
                    .optional()?,
                _ => None,
            };
            let value = match value {
                Some(rusqlite::types::Value::Text(t)) => t,
                Some(rusqlite::types::Value::Integer(i)) => i.to_string(),
                _ => "?".into(),
            };
            out.push(DanglingReference {
                table,
                column,
                value,
                parent,
            });
        }
        Ok(out)
    }
}
