//! How time crosses the boundary.
//!
//! - **Instants** are [`Timestamp`]s: milliseconds since the Unix epoch, passed as a plain
//!   64-bit integer and arriving as `java.time.Instant` in Kotlin and `Date` in Swift
//!   (`uniffi.toml`). The current instant is always an argument: the core never reads a clock.
//! - **Calendar dates** are ISO-8601 strings `"YYYY-MM-DD"` (the night a dose belongs to, the
//!   morning of a check-in). Kotlin reads them with `LocalDate.parse`, Swift with
//!   `ISO8601DateFormatter` (`.withFullDate`).
//! - **Wall-clock times** are `"HH:MM"` strings, 24-hour (bedtime `"22:30"`).
//! - **Times the user sees** come as [`PhoneTime`]: the instant plus the phone's local date,
//!   time and offset at that instant, so a shell never has to convert.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Utc};
use eventide_core::schedule::parse_time;
use eventide_core::zone::{to_local, ZoneRules};

use crate::error::EventideError;

/// An instant as it crosses the boundary: milliseconds since 1970-01-01T00:00:00Z. It goes
/// over as a plain 64-bit integer, where uniffi's own timestamp is a buffer the caller must
/// allocate on every call (a round trip of its own through JNA), and arrives as
/// `java.time.Instant` in Kotlin and `Date` in Swift (see `uniffi.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

uniffi::custom_type!(Timestamp, i64, {
    try_lift: |ms| Ok(Timestamp(ms)),
    lower: |t| t.0,
});

impl From<SystemTime> for Timestamp {
    /// For Rust callers (benchmarks, tests); instants outside ±292 million years saturate.
    fn from(t: SystemTime) -> Self {
        let ms = match t.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
            Err(before) => i64::try_from(before.duration().as_millis()).map_or(i64::MIN, |m| -m),
        };
        Timestamp(ms)
    }
}

/// An instant as the phone shows it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PhoneTime {
    /// The instant itself (for scheduling and sorting).
    pub at: Timestamp,
    /// The phone's local date then, `"YYYY-MM-DD"`.
    pub local_date: String,
    /// The phone's local wall-clock time then, `"HH:MM"`.
    pub local_time: String,
    /// The phone's UTC offset then, in seconds east of UTC (3600 for British Summer Time).
    pub offset_seconds: i32,
}

impl From<DateTime<FixedOffset>> for PhoneTime {
    fn from(t: DateTime<FixedOffset>) -> Self {
        PhoneTime {
            at: timestamp(t.with_timezone(&Utc)),
            local_date: date_text(t.date_naive()),
            local_time: t.format("%H:%M").to_string(),
            offset_seconds: t.offset().local_minus_utc(),
        }
    }
}

/// The phone's view of a UTC instant, by the device zone.
pub(crate) fn phone_time(zone: &dyn ZoneRules, t: DateTime<Utc>) -> PhoneTime {
    PhoneTime::from(to_local(zone, t))
}

/// Converts a chrono instant for the boundary.
pub(crate) fn timestamp(t: DateTime<Utc>) -> Timestamp {
    Timestamp(t.timestamp_millis())
}

/// The earliest and latest years accepted for `now`: anything else is a broken clock.
const FIRST_YEAR: i32 = 1970;
const LAST_YEAR: i32 = 9999;

/// Reads the caller's `now`, refusing instants no phone clock can show.
pub(crate) fn instant(field: &str, t: Timestamp) -> Result<DateTime<Utc>, EventideError> {
    let bad = || EventideError::InvalidInput {
        field: field.to_string(),
        reason: format!("must be an instant between the years {FIRST_YEAR} and {LAST_YEAR}"),
    };
    let utc = DateTime::<Utc>::from_timestamp_millis(t.0).ok_or_else(bad)?;
    if utc.year() < FIRST_YEAR || utc.year() > LAST_YEAR {
        return Err(bad());
    }
    Ok(utc)
}

/// `"YYYY-MM-DD"`.
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads a `"YYYY-MM-DD"` date, naming `field` on error.
pub(crate) fn parse_date(field: &str, text: &str) -> Result<NaiveDate, EventideError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (FIRST_YEAR..=LAST_YEAR).contains(&d.year()))
        .ok_or_else(|| EventideError::InvalidInput {
            field: field.to_string(),
            reason: format!("\"{text}\" is not a date; use YYYY-MM-DD such as 2026-11-25"),
        })
}

/// Reads an optional date.
pub(crate) fn parse_opt_date(
    field: &str,
    text: Option<String>,
) -> Result<Option<NaiveDate>, EventideError> {
    text.map(|t| parse_date(field, &t)).transpose()
}

/// `"HH:MM"`.
pub(crate) fn time_text(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Reads an `"HH:MM"` time, naming `field` on error.
pub(crate) fn parse_clock(field: &str, text: &str) -> Result<NaiveTime, EventideError> {
    Ok(parse_time(field, text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip_and_broken_clocks_are_refused() {
        let t = DateTime::parse_from_rfc3339("2026-11-25T21:00:00.250Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(instant("now", timestamp(t)).unwrap(), t);
        assert_eq!(timestamp(t), Timestamp(1_795_640_400_250));
        let before_1970 = Timestamp::from(UNIX_EPOCH - std::time::Duration::from_secs(10));
        assert_eq!(before_1970, Timestamp(-10_000));
        assert!(
            matches!(instant("now", before_1970), Err(EventideError::InvalidInput { field, .. }) if field == "now")
        );
        let far = Timestamp::from(UNIX_EPOCH + std::time::Duration::from_secs(400_000_000_000));
        assert!(instant("now", far).is_err());
        assert!(instant("now", Timestamp(i64::MAX)).is_err());
    }

    #[test]
    fn dates_and_times_are_iso_and_errors_name_the_field() {
        assert_eq!(
            date_text(parse_date("night", "2026-03-29").unwrap()),
            "2026-03-29"
        );
        let err = parse_date("night", "29/03/2026").unwrap_err();
        assert!(err.to_string().contains("night"), "{err}");
        assert_eq!(time_text(parse_clock("bedtime", "22:30").unwrap()), "22:30");
        assert!(parse_clock("bedtime", "25:00").is_err());
    }
}
