//! The ledger: what the shell last asked the OS to hold, stamped with what it knew of the OS
//! then. The core writes and reads it; the shell only stores the text (a file in no-backup
//! storage on Android). One line of JSON, so a bug report can include it. Text that does not
//! read back (damaged, or the shells' older tab-separated format) counts as no ledger: the
//! next plan schedules everything.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Platform, Reminder};

/// The ledger format this core writes.
const FORMAT: u32 = 1;

/// What the shell last asked the OS to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    /// The format version ([`FORMAT`]).
    pub format: u32,
    /// The platform it was written on.
    pub platform: Platform,
    /// Android's boot count then.
    pub boot_count: Option<i64>,
    /// Android's process start then.
    pub process_start: Option<i64>,
    /// Whether exact alarms were allowed then.
    pub exact_allowed: bool,
    /// When it was written.
    pub written_at: DateTime<Utc>,
    /// The alarms or requests, soonest first.
    pub entries: Vec<LedgerEntry>,
}

/// One alarm or request the OS was asked to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// The alarm key or request id.
    pub key: String,
    /// When it fires.
    pub at: DateTime<Utc>,
    /// Whether it went in as an exact alarm.
    pub exact: bool,
    /// [`Reminder::fingerprint`].
    pub fingerprint: String,
    /// The notification ids it shows.
    pub ids: Vec<String>,
}

impl LedgerEntry {
    /// The entry for a reminder the OS accepted.
    pub fn of(r: &Reminder) -> LedgerEntry {
        LedgerEntry {
            key: r.key.clone(),
            at: r.at,
            exact: r.exact,
            fingerprint: r.fingerprint.clone(),
            ids: r
                .notices
                .iter()
                .map(|n| n.notification.id.clone())
                .collect(),
        }
    }

    /// True when this entry is exactly what `r` asks for.
    pub fn matches(&self, r: &Reminder) -> bool {
        self.key == r.key
            && self.at == r.at
            && self.exact == r.exact
            && self.fingerprint == r.fingerprint
    }
}

impl Ledger {
    /// A ledger stamped with what the shell knows now.
    pub fn new(
        platform: Platform,
        boot_count: Option<i64>,
        process_start: Option<i64>,
        exact_allowed: bool,
        written_at: DateTime<Utc>,
        entries: Vec<LedgerEntry>,
    ) -> Ledger {
        Ledger {
            format: FORMAT,
            platform,
            boot_count,
            process_start,
            exact_allowed,
            written_at,
            entries,
        }
    }

    /// Reads the stored text; `None` when there is none or it does not read back.
    pub fn decode(text: &str) -> Option<Ledger> {
        serde_json::from_str::<Ledger>(text.trim())
            .ok()
            .filter(|l| l.format == FORMAT)
    }

    /// The text to store.
    pub fn encode(&self) -> String {
        // Plain data with string keys: serialising cannot fail; "" would mean "no ledger".
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What the OS did with one scheduled alarm or request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The key or id that was scheduled.
    pub key: String,
    /// False when the OS refused it (nothing is pending under this key).
    pub accepted: bool,
    /// Whether it went in exact (an exact alarm refused for want of the permission falls
    /// back to an inexact one).
    pub exact: bool,
}

/// The ledger to store once a plan is carried out: `planned` (the plan's `ledger`) corrected
/// by what the OS accepted. Refused entries are left out, so the next plan schedules them
/// again; one that went in inexact is recorded so, and is upgraded once exact alarms are
/// allowed. Text that does not read back is returned as it is.
pub fn settle(planned: &str, outcomes: &[Outcome]) -> String {
    let Some(mut ledger) = Ledger::decode(planned) else {
        return planned.to_string();
    };
    ledger.entries.retain(|e| {
        outcomes
            .iter()
            .find(|o| o.key == e.key)
            .is_none_or(|o| o.accepted)
    });
    for e in &mut ledger.entries {
        if let Some(o) = outcomes.iter().find(|o| o.key == e.key) {
            e.exact = o.exact;
        }
    }
    ledger.encode()
}
