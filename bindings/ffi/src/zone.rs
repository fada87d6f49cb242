//! The device's time zone, answered by the shell. Phones keep their zone rules current; the
//! core asks only "what is the UTC offset at this instant?" and works out bedtimes, DST
//! changes and travel from that.

use std::sync::Arc;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use eventide_core::zone::ZoneRules;

use crate::time::system_time;

/// The largest UTC offset any real zone has used (±18 h, the java.time limit).
const MAX_OFFSET_SECONDS: i32 = 18 * 3600;

/// Implemented by the shell with the platform's own zone database, for the zone the phone is
/// in now. Kotlin: `ZoneId.systemDefault().rules.getOffset(instant).totalSeconds`;
/// Swift: `TimeZone.current.secondsFromGMT(for: date)`.
///
/// It is called from whatever thread calls [`crate::Eventide`], often many times per call,
/// so it must be thread-safe, fast and must not throw. When the phone changes zone, answer
/// with the new zone and reconcile notifications again.
#[uniffi::export(foreign)]
pub trait DeviceZone: Send + Sync {
    /// Seconds east of UTC in force at `instant` (3600 for British Summer Time, -18000 for
    /// New York in winter).
    fn offset_seconds_at(&self, instant: SystemTime) -> i32;
}

/// Lets the core use the shell's zone. An impossible answer (beyond ±18 h) is read as UTC
/// rather than trusted.
pub(crate) struct ShellZone(pub(crate) Arc<dyn DeviceZone>);

impl ZoneRules for ShellZone {
    fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32 {
        let offset = self.0.offset_seconds_at(system_time(instant));
        if (-MAX_OFFSET_SECONDS..=MAX_OFFSET_SECONDS).contains(&offset) {
            offset
        } else {
            0
        }
    }
}
