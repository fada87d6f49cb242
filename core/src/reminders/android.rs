//! The Android plan: alarms grouped by instant, compared with a ledger the core trusts only
//! as far as the stamps allow (see the module doc of [`super`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::ledger::{Ledger, LedgerEntry};
use super::{
    days, future, reminder_fingerprint, AndroidFacts, Notice, Plan, Platform, Reminder, Request,
    ANDROID_WINDOW_DAYS,
};
use crate::notify::DesiredNotification;

/// What the core can say about the alarms the OS holds.
enum Knowledge {
    /// The OS holds none of our alarms (a restart), or none we know of (no ledger).
    Nothing(String),
    /// The OS may hold some of the ledger's alarms, or none: cancel the ledger's, set all.
    Unsure(String, Vec<LedgerEntry>),
    /// The OS holds the ledger's future alarms.
    Ledger(String, Vec<LedgerEntry>),
}

/// The alarm key of an instant: one alarm for everything due then.
pub(super) fn alarm_key(at: DateTime<Utc>) -> String {
    format!("at:{}", at.timestamp())
}

pub(super) fn plan(
    desired: &[DesiredNotification],
    request: &Request,
    facts: &AndroidFacts,
    details: bool,
    now: DateTime<Utc>,
) -> Plan {
    let wanted = alarms(desired, facts.exact_allowed, details, now);
    let old = Ledger::decode(&request.ledger).filter(|l| l.platform == Platform::Android);
    let knowledge = judge(old, request, facts, now);
    let stamp = |entries: Vec<LedgerEntry>| {
        Ledger::new(
            Platform::Android,
            facts.boot_count,
            Some(facts.process_start),
            facts.exact_allowed,
            now,
            entries,
        )
        .encode()
    };
    let wanted_keys: Vec<&str> = wanted.iter().map(|r| r.key.as_str()).collect();
    let (reason, cancel, schedule, kept) = match knowledge {
        Knowledge::Nothing(reason) => (reason, vec![], wanted.clone(), vec![]),
        Knowledge::Unsure(reason, entries) => {
            let cancel = entries
                .iter()
                .map(|e| e.key.clone())
                .filter(|k| !wanted_keys.contains(&k.as_str()))
                .collect();
            (reason, cancel, wanted.clone(), vec![])
        }
        Knowledge::Ledger(reason, held) => {
            let cancel: Vec<String> = held
                .iter()
                .map(|e| e.key.clone())
                .filter(|k| !wanted_keys.contains(&k.as_str()))
                .collect();
            let schedule: Vec<Reminder> = wanted
                .iter()
                .filter(|r| !held.iter().any(|e| e.matches(r)))
                .cloned()
                .collect();
            let kept = held
                .into_iter()
                .filter(|e| !cancel.contains(&e.key) && !schedule.iter().any(|r| r.key == e.key))
                .collect();
            (reason, cancel, schedule, kept)
        }
    };
    Plan {
        cancel,
        schedule,
        withdraw: vec![],
        ledger_before: stamp(kept),
        ledger: stamp(wanted.iter().map(LedgerEntry::of).collect()),
        refresh_after: None,
        categories: vec![],
        reason,
    }
}

/// The alarms the OS should hold: one per instant in the window, exact when allowed.
fn alarms(
    desired: &[DesiredNotification],
    exact: bool,
    details: bool,
    now: DateTime<Utc>,
) -> Vec<Reminder> {
    let mut by_instant: BTreeMap<DateTime<Utc>, Vec<Notice>> = BTreeMap::new();
    for n in future(desired, now, now + days(ANDROID_WINDOW_DAYS)) {
        by_instant.entry(n.fire_at).or_default().push(Notice {
            notification: n.clone(),
            details_when_locked: details,
        });
    }
    by_instant
        .into_iter()
        .map(|(at, notices)| {
            let key = alarm_key(at);
            Reminder {
                fingerprint: reminder_fingerprint(&key, at, None, &notices),
                key,
                at,
                wall_clock: None,
                exact,
                notices,
            }
        })
        .collect()
}

/// How far the ledger can be believed, by the rules in the module doc of [`super`].
fn judge(
    old: Option<Ledger>,
    request: &Request,
    facts: &AndroidFacts,
    now: DateTime<Utc>,
) -> Knowledge {
    let Some(old) = old else {
        return Knowledge::Nothing("no ledger: every alarm is set".into());
    };
    match (old.boot_count, facts.boot_count) {
        (Some(was), Some(is)) if was == is => {}
        (was, is) => {
            return Knowledge::Nothing(format!(
                "the phone restarted (boot count {} → {}): the OS holds no alarm",
                was.map_or("unknown".into(), |b| b.to_string()),
                is.map_or("unknown".into(), |b| b.to_string()),
            ))
        }
    }
    let future: Vec<LedgerEntry> = old.entries.into_iter().filter(|e| e.at > now).collect();
    let wake = request.wake;
    if wake == super::Wake::AppUpdated {
        return Knowledge::Unsure(
            "the app was updated: every alarm is set again".into(),
            future,
        );
    }
    if wake == super::Wake::ExactAlarmsChanged {
        return Knowledge::Unsure(
            "the exact-alarm permission changed: every alarm is set again".into(),
            future,
        );
    }
    if old.process_start != Some(facts.process_start) && wake.may_follow_force_stop() {
        return Knowledge::Unsure(
            "a new process started by the user: the app may have been force-stopped, so every alarm is set again"
                .into(),
            future,
        );
    }
    if old.exact_allowed && !facts.exact_allowed {
        // Withdrawing the permission deleted every exact alarm (and stopped the app).
        let inexact = future.into_iter().filter(|e| !e.exact).collect();
        return Knowledge::Ledger(
            "exact alarms are no longer allowed: the OS dropped them".into(),
            inexact,
        );
    }
    Knowledge::Ledger("the ledger matches the OS".into(), future)
}
