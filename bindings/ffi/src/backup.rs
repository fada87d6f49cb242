//! Backup and restore (issue 5): one file holding everything, checked whole before anything
//! is changed. Mirrors `eventide_core::backup`; a refused file arrives as
//! `EventideError::InvalidBackup` with the failed check in `problem`.
//!
//! Encryption (issue 17): every call that makes or reads a backup takes the passphrase
//! explicitly — `null`/`nil` means a plain backup, which a shell offers only behind its own
//! switch. The passphrase crosses as a string, is wiped on the Rust side after use and never
//! stored; the shell should drop its copy (clear the field) once the call returns.

use crate::time::Timestamp;
use std::path::Path;

use eventide_core::backup::{
    self as core_backup, BackupInfo as CoreInfo, Passphrase, PassphraseCheck as CoreCheck,
    PassphraseStrength as CoreStrength, Protection, RestoreOutcome as CoreOutcome,
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
    /// Whether the file is encrypted with a passphrase (a standard age file).
    pub encrypted: bool,
    /// One sentence for the restore confirmation: "Backup of Wed 25 Nov 2026 at 14:00:
    /// 1 medicine, 4 dose records, 1 check-in."
    pub summary: String,
}

impl From<CoreInfo> for BackupInfo {
    fn from(i: CoreInfo) -> Self {
        let summary = i.summary();
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
            encrypted: i.encrypted,
            summary,
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

/// How a backup file is protected, told without its passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum BackupProtection {
    /// Encrypted with a passphrase (an age file): ask for it before inspecting or restoring.
    Passphrase,
    /// A plain backup.
    Plain,
}

/// How strong a passphrase being typed looks (the core's estimate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PassphraseStrength {
    /// Shorter than `min_passphrase_chars()`: not accepted.
    TooShort,
    /// Mostly repeats, runs (1234) or a common password: not accepted.
    TooPredictable,
    /// Accepted, but easy to guess.
    Weak,
    /// Accepted; one more word would help.
    Fair,
    /// Accepted.
    Strong,
}

/// The helper text under a new backup's passphrase field, from the core.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PassphraseCheck {
    /// Whether `backup_bytes`/`write_backup` will accept it (enable the button on this).
    pub acceptable: bool,
    /// The estimate.
    pub strength: PassphraseStrength,
    /// One word or two for the estimate ("Too short", "Weak", "Fair", "Strong").
    pub label: String,
    /// What to do about it, one sentence.
    pub hint: String,
    /// What every passphrase field should say: it is not kept and cannot be recovered.
    pub note: String,
}

impl From<CoreCheck> for PassphraseCheck {
    fn from(c: CoreCheck) -> Self {
        PassphraseCheck {
            acceptable: c.acceptable,
            strength: match c.strength {
                CoreStrength::TooShort => PassphraseStrength::TooShort,
                CoreStrength::TooPredictable => PassphraseStrength::TooPredictable,
                CoreStrength::Weak => PassphraseStrength::Weak,
                CoreStrength::Fair => PassphraseStrength::Fair,
                CoreStrength::Strong => PassphraseStrength::Strong,
            },
            label: c.label,
            hint: c.hint,
            note: c.note,
        }
    }
}

/// Checks a passphrase typed for a new backup (call it as the user types; it is wiped after).
#[uniffi::export]
pub fn check_passphrase(passphrase: String) -> PassphraseCheck {
    Passphrase::new(passphrase).check().into()
}

/// Fewest characters a new backup's passphrase may have.
#[uniffi::export]
pub fn min_passphrase_chars() -> u32 {
    core_backup::passphrase::MIN_PASSPHRASE_CHARS as u32
}

/// The passphrase as the core holds it: wiped when dropped.
fn secret(passphrase: Option<String>) -> Option<Passphrase> {
    passphrase.map(Passphrase::new)
}

#[uniffi::export]
impl Eventide {
    /// A backup of everything, made at `now`, as bytes for the share sheet or a file picker:
    /// encrypted with `passphrase` (it must pass `check_passphrase`, else `InvalidInput` on
    /// "passphrase"), or plain when `passphrase` is null — only when the user chose that.
    pub fn backup_bytes(&self, passphrase: Option<String>, now: Timestamp) -> Res<Vec<u8>> {
        let now = self.begin(now)?;
        let passphrase = secret(passphrase);
        Ok(self
            .companion()
            .backup_bytes_with(passphrase.as_ref(), now)?)
    }

    /// A file name for a backup made at `now`: `eventide-2026-11-25.eventide-backup`, with
    /// `.age` added when it is `encrypted` (so age tools and file managers know it).
    pub fn backup_file_name(&self, encrypted: bool, now: Timestamp) -> Res<String> {
        let now = self.begin(now)?;
        let today = schedule::local_date(self.zone().as_ref(), now);
        Ok(format!(
            "eventide-{}.{}{}",
            date_text(today),
            core_backup::FORMAT,
            if encrypted { ".age" } else { "" }
        ))
    }

    /// Writes a backup of everything to `path`, atomically, encrypted with `passphrase` or
    /// plain when it is null, and says what it holds.
    pub fn write_backup(
        &self,
        path: String,
        passphrase: Option<String>,
        now: Timestamp,
    ) -> Res<BackupInfo> {
        let now = self.begin(now)?;
        let passphrase = secret(passphrase);
        if path.trim().is_empty() {
            return Err(EventideError::invalid("path", "give the file to write"));
        }
        Ok(self
            .companion()
            .write_backup_with(Path::new(&path), passphrase.as_ref(), now)?
            .into())
    }

    /// Whether a picked file is encrypted (ask for the passphrase) or plain, without any
    /// passphrase and without decrypting. Anything else throws `InvalidBackup`.
    pub fn backup_protection(&self, bytes: Vec<u8>) -> Res<BackupProtection> {
        Ok(match core_backup::protection(&bytes)? {
            Protection::Passphrase => BackupProtection::Passphrase,
            Protection::Plain => BackupProtection::Plain,
        })
    }

    /// Checks a file offered for restore and says what it holds, changing nothing. An
    /// encrypted file is decrypted in memory with `passphrase`; without one it throws
    /// `InvalidBackup(PASSPHRASE_NEEDED)`, with a wrong one `InvalidBackup(WRONG_PASSPHRASE)`.
    pub fn inspect_backup(&self, bytes: Vec<u8>, passphrase: Option<String>) -> Res<BackupInfo> {
        let passphrase = secret(passphrase);
        Ok(core_backup::inspect_with(&bytes, passphrase.as_ref())?.into())
    }

    /// Restores a backup the shell read from a file picker, decrypting it with `passphrase`
    /// when it is encrypted. Into an empty database unless `replace`; with `replace`, today's
    /// data is first saved next to the database. All or nothing: a file that fails any check
    /// (a wrong passphrase included) throws `InvalidBackup` and changes nothing.
    pub fn restore_backup_bytes(
        &self,
        bytes: Vec<u8>,
        passphrase: Option<String>,
        replace: bool,
        now: Timestamp,
    ) -> Res<RestoreOutcome> {
        let now = self.begin(now)?;
        let passphrase = secret(passphrase);
        Ok(self
            .companion()
            .restore_backup_bytes_with(&bytes, passphrase.as_ref(), replace, now)?
            .into())
    }

    /// [`Eventide::restore_backup_bytes`] from a file at `path`.
    pub fn restore_backup(
        &self,
        path: String,
        passphrase: Option<String>,
        replace: bool,
        now: Timestamp,
    ) -> Res<RestoreOutcome> {
        let now = self.begin(now)?;
        let passphrase = secret(passphrase);
        Ok(self
            .companion()
            .restore_backup_with(Path::new(&path), passphrase.as_ref(), replace, now)?
            .into())
    }
}
