//! The one error type of the core. Every case says what went wrong in words a user can act
//! on; the FFI maps it to a single exception type with the same cases.

use thiserror::Error;

/// What can go wrong in the core. Callers match on the case; the message is for people.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum Error {
    /// A value the user gave is not acceptable; `field` names the input so a UI can point at it.
    #[error("{field}: {reason}")]
    InvalidInput { field: String, reason: String },

    /// Something the user named does not exist (a medication, a notification, a plan).
    #[error("{what} was not found")]
    NotFound { what: String },

    /// The dose cannot be made up from the tablets and solutions the user holds.
    #[error("{dose} cannot be measured with what you hold ({holding}); {hint}")]
    DoseNotMeasurable {
        dose: String,
        holding: String,
        hint: String,
    },

    /// The request contradicts what is already recorded (e.g. skipping a dose already taken).
    #[error("{reason}")]
    Conflict { reason: String },

    /// A tap could mean more than one dose (two doses of a several-times-a-day medicine are
    /// open at once): `question` asks which, and each of `choices` names one; call again with
    /// its night and slot. Nothing was recorded.
    #[error("{question}")]
    WhichDose {
        question: String,
        choices: Vec<crate::tap::DoseChoice>,
    },

    /// The plan is allowed but unusual; the user must confirm each warning explicitly.
    #[error("please confirm before saving: {}", .warnings.join("; "))]
    NeedsConfirmation { warnings: Vec<String> },

    /// The file is not an Eventide database; it has been left exactly as it was.
    #[error("{path} is not an Eventide database ({reason}); the file was left untouched")]
    NotEventideDatabase { path: String, reason: String },

    /// The database was written by a newer Eventide; it has been left exactly as it was.
    #[error("this database was written by a newer version of Eventide (schema {found}, this app reads up to {supported}); please update the app. The file was left untouched")]
    NewerDatabase { found: u32, supported: u32 },

    /// The database file is damaged; it has been left exactly as it was for recovery.
    #[error("the database at {path} is damaged ({detail}); it was left untouched so it can be recovered")]
    Damaged { path: String, detail: String },

    /// The file is not a backup this app can restore; `problem` says which check it failed
    /// and `detail` what was found. Nothing was changed.
    #[error("this file cannot be restored: {problem} ({detail}). Nothing was changed")]
    InvalidBackup {
        problem: crate::backup::BackupProblem,
        detail: String,
    },

    /// The device refused to read or write the database (full disk, no permission, locked).
    #[error("could not save or read your data: {detail}")]
    Storage { detail: String },
}

/// The core's result type.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Shorthand for the most common error: a named input with the reason it was refused.
    pub fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.to_string(),
            reason: reason.into(),
        }
    }

    /// Shorthand for "the thing you named does not exist".
    pub fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound { what: what.into() }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let detail = match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => "the device storage is full".to_string(),
            // A write the system refused (e.g. a file grown past its size limit).
            Some(ErrorCode::SystemIoFailure) => {
                "the device storage could not be written; check there is free space and try again"
                    .to_string()
            }
            Some(ErrorCode::ReadOnly) => "the database file is read-only".to_string(),
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                "the database stayed busy; please try again".to_string()
            }
            Some(ErrorCode::CannotOpen) => "the database file could not be opened".to_string(),
            Some(ErrorCode::PermissionDenied) => {
                "permission to the database was denied".to_string()
            }
            _ => e.to_string(),
        };
        Error::Storage { detail }
    }
}
