//! The Android plan: alarms grouped by instant, compared with a ledger the core trusts only
//! as far as the stamps allow (see the module doc of [`super`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::ledger::{Ledger, LedgerEntry};
use super::{
    days, future, reminder_fingerprint, AndroidFacts, Notice, Plan, Platform, Reminder, Request,
    ANDROID_BACKSTOP_MINUTES, ANDROID_WINDOW_DAYS,
};
use crate::notify::DesiredNotification;

/// What the core can say about the alarms the OS holds.
enum Knowledge {
    /// The OS holds none of our alarms (a restart), or none we know of (no ledger).
    Nothing(String),
    /// The OS may hold some of the ledger's alarms, or none: cancel the ledger's, set all.
    Unsure(String, Vec<LedgerEntry>),
    /// The OS holds these of the ledger's future alarms; `exact_lost` when it deleted the
    /// exact ones with their permission.
    Ledger(String, Vec<LedgerEntry>, bool),
}

impl Knowledge {
    /// True when an alarm of the old ledger, due since it was written, was dropped by the OS
    /// undelivered (had it been delivered, its own reconcile would have rewritten the ledger).
    fn lost(&self, e: &LedgerEntry) -> bool {
        match self {
            Knowledge::Nothing(_) | Knowledge::Unsure(..) => true,
            Knowledge::Ledger(_, _, exact_lost) => *exact_lost && e.exact,
        }
    }
}

/// The alarm key of an instant: one alarm for everything due then.
pub(super) fn alarm_key(at: DateTime<Utc>) -> String {
    format!("at:{}", at.timestamp())
}

/// The key of the inexact alarm that backs up the exact alarm of an instant.
pub(super) fn backstop_key(at: DateTime<Utc>) -> String {
    format!("late:{}", at.timestamp())
}

/// The key of the alarm that catches up on reminders the OS lost.
pub(super) const CATCH_UP_KEY: &str = "catch-up";

pub(super) fn plan(
    desired: &[DesiredNotification],
    request: &Request,
    facts: &AndroidFacts,
    details: bool,
    now: DateTime<Utc>,
) -> Plan {
    let mut wanted = alarms(desired, facts.exact_allowed, details, now);
    let old = Ledger::decode(&request.ledger).filter(|l| l.platform == Platform::Android);
    let knowledge = judge(old.as_ref(), request, facts, now);
    if let Some(r) = old
        .as_ref()
        .and_then(|o| catch_up(o, &knowledge, desired, facts, details, now))
    {
        wanted.insert(0, r);
    }
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
        Knowledge::Ledger(reason, held, _) => {
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

/// An alarm now for the reminders the OS lost undelivered since the old ledger was written
/// (a restart around reminder time, a force-stop, exact alarms deleted with their
/// permission): the receiver shows those still due and unanswered. `desired` must include
/// the recently past notifications for their words ([`super::CATCH_UP_HOURS`]).
fn catch_up(
    old: &Ledger,
    knowledge: &Knowledge,
    desired: &[DesiredNotification],
    facts: &AndroidFacts,
    details: bool,
    now: DateTime<Utc>,
) -> Option<Reminder> {
    let ids: Vec<&String> = old
        .entries
        .iter()
        .filter(|e| e.at > old.written_at && e.at <= now && e.key.starts_with("at:"))
        .filter(|e| knowledge.lost(e))
        .flat_map(|e| &e.ids)
        .collect();
    let notices: Vec<Notice> = desired
        .iter()
        .filter(|n| n.fire_at <= now && ids.contains(&&n.id))
        .map(|n| Notice {
            notification: n.clone(),
            details_when_locked: details,
        })
        .collect();
    if notices.is_empty() {
        return None;
    }
    Some(Reminder {
        fingerprint: reminder_fingerprint(CATCH_UP_KEY, now, None, &notices),
        key: CATCH_UP_KEY.to_string(),
        at: now,
        wall_clock: None,
        exact: facts.exact_allowed,
        notices,
    })
}

/// The alarms the OS should hold: one per instant in the window, exact when allowed, each
/// exact one followed a minute later by an inexact backstop carrying the same notifications.
/// Withdrawing the exact-alarm permission deletes every exact alarm and no broadcast says so;
/// the backstops survive, fire up to an hour late, show what is still unanswered (never a
/// notification already on screen) and wake the app, which then sets everything inexact.
/// While exact alarms work, each firing cancels its backstop before it is reached.
fn alarms(
    desired: &[DesiredNotification],
    exact: bool,
    details: bool,
    now: DateTime<Utc>,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    for r in by_instant(desired, exact, details, now) {
        if r.exact {
            let key = backstop_key(r.at);
            let at = r.at + chrono::Duration::minutes(ANDROID_BACKSTOP_MINUTES);
            let backstop = Reminder {
                fingerprint: reminder_fingerprint(&key, at, None, &r.notices),
                key,
                at,
                wall_clock: None,
                exact: false,
                notices: r.notices.clone(),
            };
            out.push(r);
            out.push(backstop);
        } else {
            out.push(r);
        }
    }
    out
}

/// One alarm per instant in the window.
fn by_instant(
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
    old: Option<&Ledger>,
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
    let future: Vec<LedgerEntry> = old.entries.iter().filter(|e| e.at > now).cloned().collect();
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
            true,
        );
    }
    Knowledge::Ledger("the ledger matches the OS".into(), future, false)
}
