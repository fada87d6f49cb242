//! The one error every exported call can throw. Each case carries the facts a screen needs
//! to react (which field, which warnings to confirm); its text (`toString()` in Kotlin,
//! `description` in Swift) is a sentence a user can act on. This is the single place where
//! core errors become FFI errors.

use eventide_core::Error as CoreError;

/// What went wrong. Kotlin: `EventideException.InvalidInput` etc.; Swift: `EventideError.InvalidInput`.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum EventideError {
    /// A value given is not acceptable; `field` names the input so the UI can point at it.
    #[error("{field}: {reason}")]
    InvalidInput { field: String, reason: String },

    /// Something named does not exist (a medication, a notification, a plan).
    #[error("{what} was not found")]
    NotFound { what: String },

    /// The dose cannot be made from the tablets and solutions the user holds.
    #[error("{dose} cannot be measured with what you hold ({holding}); {hint}")]
    DoseNotMeasurable {
        dose: String,
        holding: String,
        hint: String,
    },

    /// The request contradicts what is recorded (e.g. skipping a dose already taken).
    #[error("{reason}")]
    Conflict { reason: String },

    /// A tap could mean more than one dose (two doses of a several-times-a-day medicine are open
    /// at once). Show `question` and offer `choices`; call again with the chosen one's `night`
    /// and `slot_index`. Nothing was recorded.
    #[error("{question}")]
    WhichDose {
        question: String,
        choices: Vec<crate::model::DoseChoice>,
    },

    /// The plan is allowed but unusual: show `warnings` and call again with each confirmed.
    #[error("please confirm before saving: {}", .warnings.join("; "))]
    NeedsConfirmation { warnings: Vec<String> },

    /// The file is not an Eventide database; it was left untouched.
    #[error("{path} is not an Eventide database ({reason}); the file was left untouched")]
    NotEventideDatabase { path: String, reason: String },

    /// The database was written by a newer app version; ask the user to update. Untouched.
    #[error("this database was written by a newer version of Eventide (schema {found}, this app reads up to {supported}); please update the app. The file was left untouched")]
    NewerDatabase { found: u32, supported: u32 },

    /// The database file is damaged; it was left untouched so it can be recovered.
    #[error("the database at {path} is damaged ({detail}); it was left untouched so it can be recovered")]
    Damaged { path: String, detail: String },

    /// A file offered for restore is not a valid, complete Eventide backup; `problem` says
    /// which check failed. Nothing was changed.
    #[error("this file cannot be restored: {explanation} ({detail}). Nothing was changed")]
    InvalidBackup {
        problem: BackupProblem,
        explanation: String,
        detail: String,
    },

    /// The device refused to read or write (full disk, no permission, locked).
    #[error("could not save or read your data: {detail}")]
    Storage { detail: String },
}

/// Which check a file offered for restore failed, so a screen can choose its wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum BackupProblem {
    /// Not an Eventide backup at all.
    NotABackup,
    /// Cut short (an interrupted copy or download).
    Truncated,
    /// Changed or damaged after it was written.
    ChecksumMismatch,
    /// Written by a newer Eventide: update the app first.
    NewerFormat,
    /// Damaged in a way the checksum cannot catch.
    Malformed,
    /// Refers to records it does not contain.
    DanglingReference,
    /// Holds values no real history can have.
    OutOfRange,
    /// Larger than any real history.
    TooLarge,
}

impl From<eventide_core::backup::BackupProblem> for BackupProblem {
    fn from(p: eventide_core::backup::BackupProblem) -> Self {
        use eventide_core::backup::BackupProblem as Core;
        match p {
            Core::NotABackup => BackupProblem::NotABackup,
            Core::Truncated => BackupProblem::Truncated,
            Core::ChecksumMismatch => BackupProblem::ChecksumMismatch,
            Core::NewerFormat => BackupProblem::NewerFormat,
            Core::Malformed => BackupProblem::Malformed,
            Core::DanglingReference => BackupProblem::DanglingReference,
            Core::OutOfRange => BackupProblem::OutOfRange,
            Core::TooLarge => BackupProblem::TooLarge,
        }
    }
}

impl From<CoreError> for EventideError {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::InvalidInput { field, reason } => {
                EventideError::InvalidInput { field, reason }
            }
            CoreError::NotFound { what } => EventideError::NotFound { what },
            CoreError::DoseNotMeasurable {
                dose,
                holding,
                hint,
            } => EventideError::DoseNotMeasurable {
                dose,
                holding,
                hint,
            },
            CoreError::Conflict { reason } => EventideError::Conflict { reason },
            CoreError::WhichDose { question, choices } => EventideError::WhichDose {
                question,
                choices: choices.iter().map(crate::model::DoseChoice::from).collect(),
            },
            CoreError::NeedsConfirmation { warnings } => {
                EventideError::NeedsConfirmation { warnings }
            }
            CoreError::NotEventideDatabase { path, reason } => {
                EventideError::NotEventideDatabase { path, reason }
            }
            CoreError::NewerDatabase { found, supported } => {
                EventideError::NewerDatabase { found, supported }
            }
            CoreError::Damaged { path, detail } => EventideError::Damaged { path, detail },
            CoreError::InvalidBackup { problem, detail } => EventideError::InvalidBackup {
                problem: problem.into(),
                explanation: problem.to_string(),
                detail,
            },
            CoreError::Storage { detail } => EventideError::Storage { detail },
        }
    }
}

impl EventideError {
    /// Shorthand for a refused input.
    pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> Self {
        EventideError::InvalidInput {
            field: field.to_string(),
            reason: reason.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_their_case_and_sentence() {
        let core = CoreError::invalid("dose", "must be more than 0 mg");
        let sentence = core.to_string();
        let ffi = EventideError::from(core);
        assert!(matches!(&ffi, EventideError::InvalidInput { field, .. } if field == "dose"));
        assert_eq!(ffi.to_string(), sentence);
        let newer = EventideError::from(CoreError::NewerDatabase {
            found: 9,
            supported: 3,
        });
        assert!(newer.to_string().contains("please update the app"));
    }
}
