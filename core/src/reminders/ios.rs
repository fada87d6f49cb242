//! The iOS plan: a window of at most 64 requests, chosen so that a phone where the app does
//! not run stays reminded of its doses as long as the platform allows (see [`super`]).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::{
    categories, days, future, reminder_fingerprint, Notice, PendingRequest, Plan, Reminder,
    IOS_ALL_KINDS_HOURS, IOS_PENDING_LIMIT, IOS_REFRESH_AFTER_HOURS, LAST_IN_WINDOW_NOTE,
    REMINDER_HORIZON_DAYS,
};
use crate::notify::{DesiredNotification, NotificationKind};

pub(super) fn plan(
    desired: &[DesiredNotification],
    pending: &[PendingRequest],
    details: bool,
    now: DateTime<Utc>,
) -> Plan {
    let wanted = window(desired, details, now);
    let held: HashMap<&str, Option<&str>> = pending
        .iter()
        .map(|p| (p.id.as_str(), p.fingerprint.as_deref()))
        .collect();
    let mut cancel: Vec<String> = pending
        .iter()
        .filter(|p| {
            !wanted
                .iter()
                .any(|r| r.key == p.id && Some(r.fingerprint.as_str()) == p.fingerprint.as_deref())
        })
        .map(|p| p.id.clone())
        .collect();
    cancel.sort();
    cancel.dedup();
    let schedule: Vec<Reminder> = wanted
        .iter()
        .filter(|r| held.get(r.key.as_str()) != Some(&Some(r.fingerprint.as_str())))
        .cloned()
        .collect();
    Plan {
        reason: format!(
            "{} pending; the window holds {} requests up to {}",
            pending.len(),
            wanted.len(),
            wanted
                .last()
                .map_or("nothing".to_string(), |r| r.at.to_rfc3339())
        ),
        cancel,
        schedule,
        withdraw: vec![],
        // iOS lists its pending requests: there is no ledger to keep.
        ledger_before: String::new(),
        ledger: String::new(),
        refresh_after: Some(now + Duration::hours(IOS_REFRESH_AFTER_HOURS)),
        categories: categories(details),
    }
}

/// The requests iOS should hold, soonest first: every reminder of the next
/// [`IOS_ALL_KINDS_HOURS`] hours, then doses, then other reminders spread evenly over the rest
/// (before the last dose when doses had to be left out), up to [`IOS_PENDING_LIMIT`] requests
/// and one day short of the horizon. When anything wanted
/// is left out, the last request says that opening Eventide keeps reminders coming.
pub fn window(desired: &[DesiredNotification], details: bool, now: DateTime<Utc>) -> Vec<Reminder> {
    let all = future(desired, now, now + days(REMINDER_HORIZON_DAYS));
    let eligible: Vec<&DesiredNotification> = future(
        desired,
        now,
        now + days(REMINDER_HORIZON_DAYS) - Duration::days(1),
    );
    let near = now + Duration::hours(IOS_ALL_KINDS_HOURS);
    let mut chosen: Vec<bool> = vec![false; eligible.len()];
    let mut count = 0;
    let mut take = |chosen: &mut Vec<bool>, pick: &dyn Fn(&DesiredNotification) -> bool| {
        for (n, c) in eligible.iter().zip(chosen.iter_mut()) {
            if count >= IOS_PENDING_LIMIT {
                break;
            }
            if !*c && pick(n) {
                *c = true;
                count += 1;
            }
        }
    };
    take(&mut chosen, &|n| n.fire_at <= near);
    take(&mut chosen, &|n| n.kind == NotificationKind::Dose);
    // When doses were left out, other reminders may not reach past the last dose kept: a
    // check-in after it would only say that the doses stopped.
    let doses_cut = eligible
        .iter()
        .zip(&chosen)
        .any(|(n, c)| !*c && n.kind == NotificationKind::Dose);
    let last_dose = eligible
        .iter()
        .zip(&chosen)
        .filter(|(n, c)| **c && n.kind == NotificationKind::Dose)
        .map(|(n, _)| n.fire_at)
        .max()
        .filter(|_| doses_cut);
    // The room left goes to other reminders spread evenly over the window, not bunched at its
    // start: every answered check-in runs the app and refills the window, so one every few
    // days keeps a user who answers only check-ins reminded after a quiet week.
    let others: Vec<usize> = eligible
        .iter()
        .zip(&chosen)
        .enumerate()
        .filter(|(_, (n, c))| !**c && last_dose.is_none_or(|last| n.fire_at <= last))
        .map(|(i, _)| i)
        .collect();
    let room = IOS_PENDING_LIMIT.saturating_sub(count).min(others.len());
    for k in 0..room {
        let spread = others.get((2 * k + 1) * others.len() / (2 * room));
        if let Some(c) = spread.and_then(|&i| chosen.get_mut(i)) {
            *c = true;
        }
    }
    let picked: Vec<&DesiredNotification> = eligible
        .iter()
        .zip(&chosen)
        .filter(|(_, c)| **c)
        .map(|(n, _)| *n)
        .collect();
    let cut_short = picked.len() < all.len();
    let last = picked.len().saturating_sub(1);
    picked
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let mut notification = n.clone();
            if cut_short && i == last {
                notification.body = format!("{} {LAST_IN_WINDOW_NOTE}", notification.body)
                    .trim()
                    .to_string();
            }
            let notices = vec![Notice {
                notification,
                details_when_locked: details,
            }];
            Reminder {
                fingerprint: reminder_fingerprint(&n.id, n.fire_at, n.wall_clock, &notices),
                key: n.id.clone(),
                at: n.fire_at,
                wall_clock: n.wall_clock,
                exact: true,
                notices,
            }
        })
        .collect()
}
