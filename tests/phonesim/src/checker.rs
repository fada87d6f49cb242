//! What the user's data called for, what the phone did, and the verdict.
//!
//! Expectations come from the core's own desired list (the reminder *policy*: which doses,
//! at what wall-clock time, snoozes, the cutoff), read between events while nothing changes,
//! in the zone the phone is in. Deliveries are what the simulated OS put on screen. At the end
//! of a run every expected dose reminder must have been delivered once, with its title, within
//! the platform's tolerance; every delivery must have been expected and not come after the
//! dose was recorded. See tests/phonesim/README.md for the rules.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use eventide_core::doselog::DoseAction;
use eventide_core::notify::{NotificationKind, NotificationTarget};
use eventide_core::reminders::{
    ANDROID_BACKSTOP_MINUTES, ANDROID_INEXACT_WINDOW_MINUTES, IOS_ALL_KINDS_HOURS,
    IOS_PENDING_LIMIT, REMINDER_HORIZON_DAYS,
};
use eventide_core::Companion;

/// A reminder shown by the simulated OS.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: String,
    pub at: DateTime<Utc>,
    pub title: String,
}

/// A dose reminder the user's data called for.
#[derive(Debug, Clone)]
struct Expectation {
    id: String,
    at: DateTime<Utc>,
    title: String,
    /// Delivered up to this late still counts (an hour when exact alarms were denied).
    tolerance: Duration,
    /// Expected again after the phone changed zone (the wall time came round twice).
    repeated: bool,
}

/// The tallies of one or more runs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub nights: u64,
    pub missing: u64,
    pub duplicate: u64,
    pub stale: u64,
    pub late: u64,
    pub silent_unopened: u64,
    pub judged: u64,
    pub excused: u64,
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.nights += o.nights;
        self.missing += o.missing;
        self.duplicate += o.duplicate;
        self.stale += o.stale;
        self.late += o.late;
        self.silent_unopened += o.silent_unopened;
        self.judged += o.judged;
        self.excused += o.excused;
    }

    pub fn failures(&self) -> u64 {
        self.missing + self.duplicate + self.stale + self.late
    }
}

/// Collects expectations and deliveries during a run and judges them at its end.
pub struct Checker {
    ios: bool,
    expected: Vec<Expectation>,
    delivered: Vec<Delivery>,
    /// Instants the phone changed zone.
    zone_switches: Vec<DateTime<Utc>>,
    /// Spans when the platform allows no reminder at all (phone off; Android app stopped).
    excused: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// iOS: each time the app ran, the dose reminders the documented window covered.
    runs: Vec<(DateTime<Utc>, HashSet<String>)>,
    /// Answers recorded in the app or by a button that left their notification on screen.
    not_withdrawn: u64,
    /// Spans when exact alarms were denied (Android).
    inexact: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    pub notes: Vec<String>,
}

impl Checker {
    pub fn new(ios: bool) -> Checker {
        Checker {
            ios,
            expected: vec![],
            delivered: vec![],
            zone_switches: vec![],
            excused: vec![],
            runs: vec![],
            not_withdrawn: 0,
            inexact: vec![],
            notes: vec![],
        }
    }

    /// Records the dose reminders due in `(from, to]`: nothing changes in between.
    pub fn observe(&mut self, core: &Companion, from: DateTime<Utc>, to: DateTime<Utc>) {
        if to <= from {
            return;
        }
        let Ok(list) = core.desired_notifications(from, 2) else {
            return;
        };
        for n in list {
            if n.kind != NotificationKind::Dose || n.fire_at > to {
                continue;
            }
            let repeated = self
                .expected
                .iter()
                .any(|e| e.id == n.id && e.at != n.fire_at);
            let tolerance = if self.exact_denied_at(n.fire_at) {
                // The OS's window, after the backstop's minute.
                Duration::minutes(ANDROID_INEXACT_WINDOW_MINUTES + ANDROID_BACKSTOP_MINUTES + 1)
            } else {
                Duration::minutes(1)
            };
            self.expected.push(Expectation {
                id: n.id,
                at: n.fire_at,
                title: n.title,
                tolerance,
                repeated,
            });
        }
    }

    pub fn delivered(&mut self, d: Delivery) {
        self.delivered.push(d);
    }

    pub fn zone_switched(&mut self, at: DateTime<Utc>) {
        self.zone_switches.push(at);
    }

    pub fn excuse(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) {
        self.excused.push((from, to));
    }

    pub fn exact_denied(&mut self, from: DateTime<Utc>) {
        self.inexact.push((from, None));
    }

    pub fn exact_granted(&mut self, at: DateTime<Utc>) {
        if let Some(last) = self.inexact.last_mut() {
            if last.1.is_none() {
                last.1 = Some(at);
            }
        }
    }

    fn exact_denied_at(&self, t: DateTime<Utc>) -> bool {
        self.inexact
            .iter()
            .any(|(from, to)| *from <= t && to.is_none_or(|to| t <= to + Duration::minutes(62)))
    }

    /// A Taken or Skip whose notification stayed on screen after the app had run.
    pub fn left_on_screen(&mut self, id: &str) {
        self.not_withdrawn += 1;
        self.notes
            .push(format!("not withdrawn after an answer: {id}"));
    }

    /// iOS: the app ran at `at`; remembers which dose reminders the window documented in
    /// README could hold from here (every reminder for 48 hours, then doses, 64 requests,
    /// one day short of the horizon), computed from the user's data, not from the app.
    pub fn app_ran(&mut self, core: &Companion, at: DateTime<Utc>) {
        if !self.ios {
            return;
        }
        let Ok(mut list) = core.reminder_candidates(at, REMINDER_HORIZON_DAYS) else {
            return;
        };
        let end = at + Duration::days(i64::from(REMINDER_HORIZON_DAYS) - 1);
        let mut seen = HashSet::new();
        list.retain(|n| n.fire_at > at && n.fire_at <= end && seen.insert(n.id.clone()));
        list.sort_by(|a, b| a.fire_at.cmp(&b.fire_at).then_with(|| a.id.cmp(&b.id)));
        let near = at + Duration::hours(IOS_ALL_KINDS_HOURS);
        let mut room = IOS_PENDING_LIMIT;
        let mut covered = HashSet::new();
        for n in list.iter().filter(|n| n.fire_at <= near) {
            if room == 0 {
                break;
            }
            room -= 1;
            if n.kind == NotificationKind::Dose {
                covered.insert(n.id.clone());
            }
        }
        for n in list
            .iter()
            .filter(|n| n.fire_at > near && n.kind == NotificationKind::Dose)
        {
            if room == 0 {
                break;
            }
            room -= 1;
            covered.insert(n.id.clone());
        }
        self.runs.push((at, covered));
    }

    /// Judges the run: `days` nights of the user's data, the log of what they recorded.
    pub fn judge(mut self, core: &Companion, days: u64) -> (Tally, Vec<String>) {
        let mut t = Tally {
            nights: days,
            stale: self.not_withdrawn,
            ..Tally::default()
        };
        let settled = settled_at(core, &self.expected);
        let recorded = recorded_at(core, &self.expected);
        self.delivered.sort_by_key(|d| d.at);
        let mut used = vec![false; self.delivered.len()];
        // A reminder shown after its dose was taken or skipped is stale, whatever else.
        for (i, d) in self.delivered.iter().enumerate() {
            if settled.get(&d.id).is_some_and(|s| *s < d.at) {
                used[i] = true;
                t.stale += 1;
                self.notes
                    .push(format!("shown after it was recorded: {} at {}", d.id, d.at));
            }
        }
        let mut silent_nights: HashSet<NaiveDate> = HashSet::new();
        let mut matched_for: HashMap<String, Vec<DateTime<Utc>>> = HashMap::new();
        self.expected.sort_by_key(|e| e.at);
        for e in &self.expected {
            let window = Duration::hours(12);
            let candidate = self
                .delivered
                .iter()
                .enumerate()
                .filter(|(i, d)| {
                    !used[*i] && d.id == e.id && d.title == e.title && (d.at - e.at).abs() <= window
                })
                .min_by_key(|(_, d)| (d.at - e.at).abs());
            let excused = e.repeated || self.near_switch(e.at) || self.is_excused(e.at);
            if let Some((i, d)) = candidate {
                used[i] = true;
                matched_for.entry(e.id.clone()).or_default().push(e.at);
                t.judged += 1;
                let on_time = d.at >= e.at - Duration::seconds(1) && d.at <= e.at + e.tolerance;
                if !on_time && !excused {
                    t.late += 1;
                    self.notes
                        .push(format!("late: {} due {} shown {}", e.id, e.at, d.at));
                }
                continue;
            }
            // Not shown: fine if the user answered before it was due at the latest, if the
            // platform allowed nothing then, or if the zone change made the time come twice.
            if recorded.get(&e.id).is_some_and(|times| {
                times
                    .iter()
                    .any(|r| *r >= e.at - Duration::seconds(1) && *r <= e.at + e.tolerance)
            }) {
                continue;
            }
            if excused {
                t.excused += 1;
                continue;
            }
            t.judged += 1;
            if self.ios && self.beyond_window(&e.id, e.at) {
                if let Ok(NotificationTarget::Dose { night, .. }) =
                    eventide_core::notify::parse_id(&e.id)
                {
                    silent_nights.insert(night);
                }
                continue;
            }
            t.missing += 1;
            self.notes.push(format!("missing: {} due {}", e.id, e.at));
        }
        t.silent_unopened = silent_nights.len() as u64;
        for (i, d) in self.delivered.iter().enumerate() {
            if used[i] || !d.id.starts_with("dose:") {
                continue;
            }
            let again = matched_for
                .get(&d.id)
                .is_some_and(|ats| ats.iter().any(|a| (d.at - *a).abs() <= Duration::hours(12)));
            if self.near_switch(d.at) {
                // The wall time came round twice, or a snooze outlived a cutoff the flight
                // moved: not judged (README).
                continue;
            }
            if again {
                t.duplicate += 1;
                self.notes
                    .push(format!("shown twice: {} at {}", d.id, d.at));
            } else if !self.is_excused(d.at) {
                t.stale += 1;
                self.notes.push(format!(
                    "not called for: {} at {} ({})",
                    d.id, d.at, d.title
                ));
            }
        }
        (t, self.notes)
    }

    /// The phone changed zone within a day of `at`: the wall time may have been skipped.
    fn near_switch(&self, at: DateTime<Utc>) -> bool {
        self.zone_switches
            .iter()
            .any(|s| (*s - at).abs() <= Duration::hours(15))
    }

    fn is_excused(&self, at: DateTime<Utc>) -> bool {
        self.excused.iter().any(|(a, b)| *a <= at && at <= *b)
    }

    /// iOS: the app last ran before `at` at a moment when the window could not reach `id`.
    fn beyond_window(&self, id: &str, at: DateTime<Utc>) -> bool {
        self.runs
            .iter()
            .rev()
            .find(|(ran, _)| *ran < at)
            .is_some_and(|(_, covered)| !covered.contains(id))
    }
}

/// When each expected dose was first taken or skipped.
fn settled_at(core: &Companion, expected: &[Expectation]) -> HashMap<String, DateTime<Utc>> {
    let mut out = HashMap::new();
    for (key, at) in log(core, expected) {
        if let (k, Some(DoseAction::Taken { .. } | DoseAction::Skipped)) = (&key, &at.1) {
            let e = out.entry(k.clone()).or_insert(at.0);
            if at.0 < *e {
                *e = at.0;
            }
        }
    }
    out
}

/// When anything (taken, skipped, snoozed) was recorded for each expected dose.
fn recorded_at(core: &Companion, expected: &[Expectation]) -> HashMap<String, Vec<DateTime<Utc>>> {
    let mut out: HashMap<String, Vec<DateTime<Utc>>> = HashMap::new();
    for (key, (at, _)) in log(core, expected) {
        out.entry(key).or_default().push(at);
    }
    out
}

type LogLine = (String, (DateTime<Utc>, Option<DoseAction>));

fn log(core: &Companion, expected: &[Expectation]) -> Vec<LogLine> {
    let (Some(first), Some(last)) = (
        expected.iter().map(|e| e.at.date_naive()).min(),
        expected.iter().map(|e| e.at.date_naive()).max(),
    ) else {
        return vec![];
    };
    let Ok(events) = core.dose_events(first - Duration::days(2), last + Duration::days(2)) else {
        return vec![];
    };
    events
        .into_iter()
        .map(|e| {
            let key = eventide_core::schedule::dose_key(e.medication_id, e.slot_index, e.night);
            (key, (e.recorded_at.with_timezone(&Utc), Some(e.action)))
        })
        .collect()
}
