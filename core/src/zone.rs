//! Time zones come from the platform. The core asks one question of the device, "what is the
//! UTC offset at this instant?", and from that alone turns wall-clock times (bedtime 22:30,
//! dose at 08:00) into instants. Phones answer with their own, always-current zone rules
//! (java.time, Foundation); the desktop companion and tests use chrono-tz behind the `tz`
//! feature.
//!
//! # The rule for local times that do not exist or happen twice
//! - **Nonexistent** (spring forward, e.g. 01:30 on the night the clocks jump 01:00 → 02:00):
//!   the time is moved later by the length of the gap, so 01:30 becomes 02:30 new time. A
//!   reminder is never dropped and never fires before the time the user chose.
//! - **Repeated** (fall back, e.g. 01:30 happens twice): the earlier of the two instants.
//!   A reminder fires the first time the clock shows the chosen time, never twice.
//!
//! This is the same rule as `java.time.ZonedDateTime.of` and Foundation's default, so the
//! shells and the core agree to the second.

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, Offset, TimeZone, Utc};

/// The device's time-zone rules: the UTC offset, in seconds east of Greenwich, in force at an
/// instant. Implemented by each shell with the platform's own zone database.
pub trait ZoneRules: Send + Sync {
    /// Seconds east of UTC at `instant` (e.g. 3600 for British Summer Time).
    fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32;
}

/// A zone with one fixed offset for all time: for tests and for users who want no DST.
#[derive(Debug, Clone, Copy)]
pub struct FixedZone(pub i32);

impl ZoneRules for FixedZone {
    fn offset_seconds_at(&self, _instant: DateTime<Utc>) -> i32 {
        self.0
    }
}

#[cfg(any(feature = "tz", test))]
impl ZoneRules for chrono_tz::Tz {
    fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32 {
        self.offset_from_utc_datetime(&instant.naive_utc())
            .fix()
            .local_minus_utc()
    }
}

/// Turns a wall-clock time in the device zone into an instant, by the rule in the module doc.
pub fn resolve_local(zone: &dyn ZoneRules, local: NaiveDateTime) -> DateTime<Utc> {
    let as_utc = Utc.from_utc_datetime(&local);
    // Offsets a day either side of the wall time bracket any single transition.
    let before = zone.offset_seconds_at(as_utc - Duration::hours(30));
    let after = zone.offset_seconds_at(as_utc + Duration::hours(30));
    let candidate = |offset: i32| as_utc - Duration::seconds(i64::from(offset));
    let fits = |offset: i32| zone.offset_seconds_at(candidate(offset)) == offset;
    match (fits(before), fits(after)) {
        // Both fit: the time repeats (or there is no transition and they are equal).
        // The earlier instant is the one with the larger offset.
        (true, true) => candidate(before.max(after)),
        (true, false) => candidate(before),
        (false, true) => candidate(after),
        // In the gap: read the wall time with the offset from before the jump, which lands
        // the gap's length after the requested time.
        (false, false) => candidate(before),
    }
}

/// The local wall-clock time at `instant` in the device zone, with its offset, for display
/// and for records that must keep the offset they were written with.
pub fn to_local(zone: &dyn ZoneRules, instant: DateTime<Utc>) -> DateTime<FixedOffset> {
    let offset = zone.offset_seconds_at(instant);
    // Offsets beyond ±24 h are impossible from any real zone; fall back to UTC rather than panic.
    let fixed = FixedOffset::east_opt(offset).unwrap_or(Utc.fix());
    instant.with_timezone(&fixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};
    use chrono_tz::Tz;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_time(NaiveTime::from_hms_opt(h, min, 0).unwrap())
    }

    #[test]
    fn ordinary_times_resolve_with_the_offset_in_force() {
        let london: Tz = "Europe/London".parse().unwrap();
        let winter = resolve_local(&london, local(2026, 1, 10, 21, 0));
        assert_eq!(winter.to_rfc3339(), "2026-01-10T21:00:00+00:00");
        let summer = resolve_local(&london, local(2026, 7, 10, 21, 0));
        assert_eq!(summer.to_rfc3339(), "2026-07-10T20:00:00+00:00");
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_later_by_the_gap() {
        let london: Tz = "Europe/London".parse().unwrap();
        // 01:30 does not exist on 29 March 2026 in London; 02:30 BST = 01:30 UTC.
        let t = resolve_local(&london, local(2026, 3, 29, 1, 30));
        assert_eq!(t.to_rfc3339(), "2026-03-29T01:30:00+00:00");
        assert_eq!(to_local(&london, t).format("%H:%M").to_string(), "02:30");
    }

    #[test]
    fn a_repeated_autumn_time_takes_the_first_occurrence() {
        let new_york: Tz = "America/New_York".parse().unwrap();
        // 01:30 happens twice on 1 Nov 2026 in New York: first in EDT (-4), then EST (-5).
        let t = resolve_local(&new_york, local(2026, 11, 1, 1, 30));
        assert_eq!(t.to_rfc3339(), "2026-11-01T05:30:00+00:00");
    }

    #[test]
    fn half_hour_zones_and_southern_dst_resolve() {
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        assert_eq!(
            resolve_local(&kolkata, local(2026, 6, 1, 21, 0)).to_rfc3339(),
            "2026-06-01T15:30:00+00:00"
        );
        let sydney: Tz = "Australia/Sydney".parse().unwrap();
        // Sydney springs forward at 02:00 on 4 Oct 2026: 02:30 becomes 03:30 AEDT (+11).
        let t = resolve_local(&sydney, local(2026, 10, 4, 2, 30));
        assert_eq!(
            to_local(&sydney, t).format("%H:%M %z").to_string(),
            "03:30 +1100"
        );
    }
}
