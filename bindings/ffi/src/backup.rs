//! Backup and restore (issue 5): one file holding everything, checked whole before anything
//! is changed. Mirrors `eventide_core::backup`; a refused file arrives as
//! `EventideError::InvalidBackup` with the failed check in `problem`.

use std::path::Path;
use std::time::SystemTime;

use eventide_core::backup::{
    self as core_backup, BackupInfo as CoreInfo, RestoreOutcome as CoreOutcome,
};
use eventide_core::schedule;

use crate::error::EventideError;
use crate::eventide::Eventide;
use crate::time::{date_text, PhoneTime};

type Res<T> = Result<T, EventideError>;

/// How many rows of one table a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TableCount {
    /// The table ("medications", "dose_events", …).
    pub table: String,
    /// Its rows.
    pub rows: u64,
}

/// What a backup holds, for "restore the backup of 25 Nov with 2 medicines …?".
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BackupInfo {
    /// When it was made, as the phone that made it showed it.
    pub exported_at: PhoneTime,
    /// The database schema its rows follow.
    pub schema_version: u32,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// SHA-256 of its contents.
    pub sha256: String,
    /// Rows per table.
    pub tables: Vec<TableCount>,
}

impl From<CoreInfo> for BackupInfo {
    fn from(i: CoreInfo) -> Self {
        BackupInfo {
            exported_at: PhoneTime::from(i.exported_at),
            schema_version: i.schema_version,
            bytes: i.bytes,
            sha256: i.sha256,
            tables: i
                .tables
                .into_iter()
                .map(|t| TableCount {
                    table: t.table,
                    rows: t.rows,
                })
                .collect(),
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RestoreOutcome {
    /// The backup that was restored.
    pub backup: BackupInfo,
    /// Where the data it replaced was saved (restore that file to undo), when it replaced any.
    pub saved_aside: Option<String>,
}

impl From<CoreOutcome> for RestoreOutcome {
    fn from(o: CoreOutcome) -> Self {
        RestoreOutcome {
            backup: o.backup.into(),
            saved_aside: o.saved_aside,
        }
    }
}

#[uniffi::export]
impl Eventide {
    /// A backup of everything, made at `now`, as bytes for the share sheet or a file picker.
    pub fn backup_bytes(&self, now: SystemTime) -> Res<Vec<u8>> {
        let now = self.begin(now)?;
        Ok(self.companion().backup_bytes(now)?)
    }

    /// A file name for a backup made at `now`: `eventide-2026-11-25.eventide-backup`.
    pub fn backup_file_name(&self, now: SystemTime) -> Res<String> {
        let now = self.begin(now)?;
        let today = schedule::local_date(self.zone().as_ref(), now);
        Ok(format!(
            "eventide-{}.{}",
            date_text(today),
            core_backup::FORMAT
        ))
    }

    /// Writes a backup of everything to `path`, atomically, and says what it holds.
    pub fn write_backup(&self, path: String, now: SystemTime) -> Res<BackupInfo> {
        let now = self.begin(now)?;
        if path.trim().is_empty() {
            return Err(EventideError::invalid("path", "give the file to write"));
        }
        Ok(self.companion().write_backup(Path::new(&path), now)?.into())
    }

    /// Checks a file offered for restore and says what it holds, changing nothing.
    pub fn inspect_backup(&self, bytes: Vec<u8>) -> Res<BackupInfo> {
        Ok(core_backup::inspect(&bytes)?.into())
    }

    /// Restores a backup the shell read from a file picker. Into an empty database unless
    /// `replace`; with `replace`, today's data is first saved next to the database. All or
    /// nothing: a file that fails any check throws `InvalidBackup` and changes nothing.
    pub fn restore_backup_bytes(
        &self,
        bytes: Vec<u8>,
        replace: bool,
        now: SystemTime,
    ) -> Res<RestoreOutcome> {
        let now = self.begin(now)?;
        Ok(self
            .companion()
            .restore_backup_bytes(&bytes, replace, now)?
            .into())
    }

    /// [`Eventide::restore_backup_bytes`] from a file at `path`.
    pub fn restore_backup(
        &self,
        path: String,
        replace: bool,
        now: SystemTime,
    ) -> Res<RestoreOutcome> {
        let now = self.begin(now)?;
        Ok(self
            .companion()
            .restore_backup(Path::new(&path), replace, now)?
            .into())
    }
}
