//! The device's time zone, answered by the shell. Phones keep their zone rules current; the
//! core asks "what is the UTC offset at this instant?" and works out bedtimes, DST changes
//! and travel from that.
//!
//! The core asks that question a few hundred times per `today` (every night it looks at, both
//! sides of each wall-clock time), and each question answered across JNA costs tens of
//! microseconds. So the FFI asks the shell for the offset *and when it next changes*, over a
//! window from three months back to two months ahead: four to six questions, after which
//! every offset the core needs is known exactly (see scripts/bench-ffi.sh for the figures).
//!
//! What was learned is kept across calls, so a steady stream of calls asks the shell nothing.
//! It is learned again when the shell says the zone or clock changed
//! ([`crate::Eventide::zone_changed`], which both shells call from their zone-change events
//! and whenever the app wakes), when a call looks outside the window, and at least once an
//! hour of phone time, so even a zone change no event announced is followed within the hour.

use crate::time::Timestamp;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use eventide_core::zone::ZoneRules;

use crate::time::timestamp;

/// The largest UTC offset any real zone has used (±18 h, the java.time limit).
const MAX_OFFSET_SECONDS: i32 = 18 * 3600;
/// How far before `now` a call can look (the suggestions read 90 nights of history, plus a
/// day either side).
const LOOK_BACK_DAYS: i64 = 92;
/// How far after `now` a call can look (30 days of notifications, plus a few days).
const LOOK_AHEAD_DAYS: i64 = 33;
/// How much further ahead than a call needs the window is learned, so it serves the calls of
/// the coming weeks too.
const LEARN_AHEAD_DAYS: i64 = LOOK_AHEAD_DAYS + 28;
/// Learned spans are trusted for at most this long of phone time, in case a zone change went
/// unannounced.
const RELEARN_AFTER_SECONDS: i64 = 3600;
/// Most spans learned up front: more zone changes than this in five months is not a real zone.
const MAX_SPANS: usize = 16;
/// Most spans kept when the core asks outside the learned window.
const MAX_KNOWN: usize = 64;

/// Implemented by the shell with the platform's own zone database, for the zone the phone is
/// in now.
///
/// It is called from whatever thread calls [`crate::Eventide`], so it must be thread-safe and
/// must not throw (a throw fails the call with an internal error; nothing is written). When
/// the phone changes zone, answer for the new zone and reconcile notifications again.
#[uniffi::export(foreign)]
pub trait DeviceZone: Send + Sync {
    /// Seconds east of UTC in force at `instant` (3600 for British Summer Time, -18000 for
    /// New York in winter). Kotlin: `rules.getOffset(instant).totalSeconds`;
    /// Swift: `TimeZone.current.secondsFromGMT(for: instant)`.
    fn offset_seconds_at(&self, instant: Timestamp) -> i32;

    /// The first instant after `instant` at which the offset changes (the next DST change),
    /// or null when it never changes again. Kotlin: `rules.nextTransition(instant)?.instant`;
    /// Swift: `TimeZone.current.nextDaylightSavingTimeTransition(after: instant)`.
    fn next_transition_after(&self, instant: Timestamp) -> Option<Timestamp>;
}

/// A stretch of time with one offset: from `from` (inclusive) to `until` (exclusive, or
/// forever), in whole seconds since the epoch.
#[derive(Debug, Clone, Copy)]
struct Span {
    from: i64,
    until: Option<i64>,
    offset: i32,
}

impl Span {
    fn contains(&self, secs: i64) -> bool {
        self.from <= secs && self.until.is_none_or(|u| secs < u)
    }
}

/// What was learned of the shell's zone, and for which window.
#[derive(Debug, Default)]
struct Learned {
    /// The offsets, oldest first, then any learned outside the window.
    spans: Vec<Span>,
    /// Seconds since the epoch: the window the spans cover, when learned by [`ShellZone::prepare`].
    window: Option<(i64, i64)>,
    /// The phone time of that learning.
    learned_at: i64,
}

/// Lets the core use the shell's zone, answering from the spans learned for recent calls.
pub(crate) struct ShellZone {
    shell: Arc<dyn DeviceZone>,
    known: Mutex<Learned>,
}

impl ShellZone {
    pub(crate) fn new(shell: Arc<dyn DeviceZone>) -> ShellZone {
        ShellZone {
            shell,
            known: Mutex::new(Learned::default()),
        }
    }

    fn learned(&self) -> std::sync::MutexGuard<'_, Learned> {
        self.known.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets what was learned: the next call learns the zone again (the phone's zone or clock
    /// changed).
    pub(crate) fn forget(&self) {
        *self.learned() = Learned::default();
    }

    /// Asks the shell about `at`: its offset and until when it holds. An impossible offset
    /// (beyond ±18 h) is read as UTC; a "next change" that is not later than `at` is ignored.
    fn ask(&self, at: DateTime<Utc>) -> Span {
        let from = at.timestamp();
        let offset = self.shell.offset_seconds_at(timestamp(at));
        let offset = if (-MAX_OFFSET_SECONDS..=MAX_OFFSET_SECONDS).contains(&offset) {
            offset
        } else {
            0
        };
        let until = self
            .shell
            .next_transition_after(timestamp(at))
            .and_then(|t| crate::time::instant("transition", t).ok())
            .map(|t| t.timestamp())
            .map(|u| if u > from { u } else { from + 1 });
        Span {
            from,
            until,
            offset,
        }
    }

    /// Makes sure the offsets of the window a call at `now` can look at are known: kept from
    /// earlier calls while they cover it and are less than an hour old, learned again otherwise.
    pub(crate) fn prepare(&self, now: DateTime<Utc>) {
        let needed = (
            (now - Duration::days(LOOK_BACK_DAYS)).timestamp(),
            (now + Duration::days(LOOK_AHEAD_DAYS)).timestamp(),
        );
        {
            let known = self.learned();
            let fresh = (now.timestamp() - known.learned_at).abs() < RELEARN_AFTER_SECONDS;
            if fresh
                && known
                    .window
                    .is_some_and(|(a, b)| a <= needed.0 && needed.1 <= b)
            {
                return;
            }
        }
        let end = (now + Duration::days(LEARN_AHEAD_DAYS)).timestamp();
        let mut spans = Vec::new();
        let mut at = now - Duration::days(LOOK_BACK_DAYS);
        while spans.len() < MAX_SPANS {
            let span = self.ask(at);
            spans.push(span);
            match span
                .until
                .and_then(|u| DateTime::<Utc>::from_timestamp(u, 0))
            {
                Some(next) if next.timestamp() < end => at = next,
                _ => break,
            }
        }
        // The window is what the spans reach: all of it unless the shell ran out of spans.
        let reached = spans
            .last()
            .map_or(needed.0, |s: &Span| s.until.map_or(end, |u| u.min(end)));
        *self.learned() = Learned {
            spans,
            window: Some((needed.0, reached)),
            learned_at: now.timestamp(),
        };
    }
}

impl ZoneRules for ShellZone {
    fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32 {
        let secs = instant.timestamp();
        if let Some(span) = self.learned().spans.iter().find(|s| s.contains(secs)) {
            return span.offset;
        }
        // Outside the learned window (rare): ask, and remember the answer.
        let span = self.ask(instant);
        let mut known = self.learned();
        if known.spans.len() >= MAX_KNOWN {
            *known = Learned::default();
        }
        known.spans.push(span);
        span.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fixed offset with no changes, counting questions.
    struct Fixed(i32, AtomicUsize);
    impl DeviceZone for Fixed {
        fn offset_seconds_at(&self, _instant: Timestamp) -> i32 {
            self.1.fetch_add(1, Ordering::SeqCst);
            self.0
        }
        fn next_transition_after(&self, _instant: Timestamp) -> Option<Timestamp> {
            None
        }
    }

    /// London by its real rules, as a phone would answer (chrono-tz stands in for java.time).
    struct London(AtomicUsize);
    impl DeviceZone for London {
        fn offset_seconds_at(&self, instant: Timestamp) -> i32 {
            self.0.fetch_add(1, Ordering::SeqCst);
            ZoneRules::offset_seconds_at(
                &chrono_tz::Europe::London,
                crate::time::instant("instant", instant).unwrap(),
            )
        }
        fn next_transition_after(&self, instant: Timestamp) -> Option<Timestamp> {
            // Search forward hour by hour for the next change (fine for a test).
            let start = crate::time::instant("instant", instant).unwrap();
            let first = ZoneRules::offset_seconds_at(&chrono_tz::Europe::London, start);
            let mut lo = start;
            for _ in 0..(24 * 400) {
                let hi = lo + Duration::hours(1);
                if ZoneRules::offset_seconds_at(&chrono_tz::Europe::London, hi) != first {
                    // Transitions fall on whole hours in London.
                    let t =
                        DateTime::<Utc>::from_timestamp(hi.timestamp() / 3600 * 3600, 0).unwrap();
                    return Some(timestamp(t));
                }
                lo = hi;
            }
            None
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn real_offsets_pass_through_and_impossible_ones_read_as_utc() {
        let now = Utc::now();
        assert_eq!(
            ShellZone::new(Arc::new(Fixed(3600, AtomicUsize::new(0)))).offset_seconds_at(now),
            3600
        );
        assert_eq!(
            ShellZone::new(Arc::new(Fixed(-5 * 3600, AtomicUsize::new(0)))).offset_seconds_at(now),
            -18000
        );
        assert_eq!(
            ShellZone::new(Arc::new(Fixed(i32::MAX, AtomicUsize::new(0)))).offset_seconds_at(now),
            0
        );
    }

    #[test]
    fn a_prepared_window_answers_exactly_across_dst_with_few_questions() {
        let shell = Arc::new(London(AtomicUsize::new(0)));
        let zone = ShellZone::new(shell.clone());
        let now = at("2027-03-26T12:00:00Z");
        zone.prepare(now);
        let asked = shell.0.load(Ordering::SeqCst);
        assert!(asked <= 6, "prepare asked {asked} times");
        for hours in (-LOOK_BACK_DAYS * 24..LOOK_AHEAD_DAYS * 24).step_by(7) {
            let t = now + Duration::hours(hours) + Duration::minutes(13);
            assert_eq!(
                zone.offset_seconds_at(t),
                ZoneRules::offset_seconds_at(&chrono_tz::Europe::London, t),
                "at {t}"
            );
        }
        // The instant of the change itself belongs to summer time.
        assert_eq!(zone.offset_seconds_at(at("2027-03-28T00:59:59Z")), 0);
        assert_eq!(zone.offset_seconds_at(at("2027-03-28T01:00:00Z")), 3600);
        assert_eq!(
            shell.0.load(Ordering::SeqCst),
            asked,
            "no further questions inside the window"
        );
        // Outside the window the shell is asked, and the answer is still right.
        assert_eq!(zone.offset_seconds_at(at("2027-09-01T12:00:00Z")), 3600);
    }

    #[test]
    fn later_calls_ask_nothing_until_the_zone_changes_or_an_hour_passes() {
        let shell = Arc::new(London(AtomicUsize::new(0)));
        let zone = ShellZone::new(shell.clone());
        let now = at("2027-03-26T12:00:00Z");
        zone.prepare(now);
        let first = shell.0.load(Ordering::SeqCst);
        for minutes in [0, 1, 30, 59] {
            zone.prepare(now + Duration::minutes(minutes));
        }
        assert_eq!(
            shell.0.load(Ordering::SeqCst),
            first,
            "kept within the hour"
        );
        zone.prepare(now + Duration::minutes(61));
        let second = shell.0.load(Ordering::SeqCst);
        assert!(second > first, "learned again after an hour");
        zone.forget();
        zone.prepare(now + Duration::minutes(62));
        assert!(
            shell.0.load(Ordering::SeqCst) > second,
            "learned again after the shell said the zone changed"
        );
    }

    /// A phone whose zone the test can change, as travel does.
    struct Switchable(Mutex<i32>);
    impl DeviceZone for Switchable {
        fn offset_seconds_at(&self, _instant: Timestamp) -> i32 {
            *self.0.lock().unwrap()
        }
        fn next_transition_after(&self, _instant: Timestamp) -> Option<Timestamp> {
            None
        }
    }

    #[test]
    fn a_zone_change_is_followed_from_the_call_after_the_shell_says_so() {
        let shell = Arc::new(Switchable(Mutex::new(0)));
        let zone = ShellZone::new(shell.clone());
        let now = at("2027-05-01T12:00:00Z");
        zone.prepare(now);
        assert_eq!(zone.offset_seconds_at(now), 0);
        *shell.0.lock().unwrap() = -5 * 3600; // London to New York
        zone.forget();
        zone.prepare(now + Duration::hours(8));
        assert_eq!(zone.offset_seconds_at(now + Duration::hours(8)), -18000);
    }
}
