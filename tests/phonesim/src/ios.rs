//! An iPhone: UNUserNotificationCenter's pending requests (at most 64) with calendar
//! triggers, Notification Center, and an app that runs only when opened, when a notification
//! button is answered, or when the OS grants a background refresh (README.md). The app on it
//! is `App`, the same executor as EventideKit's `ReminderSync`.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use eventide_core::notify::NotificationAction;
use eventide_core::reminders::{OsFacts, PendingRequest, Request, Wake};
use eventide_core::Companion;

use crate::android::Design;
use crate::checker::{Checker, Delivery};
use crate::phone_zone::PhoneZone;
use crate::rng::Rng;
use crate::scenario::Happening;
use crate::sim::{OsEvent, Phone};

/// A calendar trigger: date components without a time zone (they follow the phone), or the
/// components of an instant in UTC with the time zone set (they do not).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Trigger {
    Floating(NaiveDateTime),
    Instant(DateTime<Utc>),
}

#[derive(Debug, Clone)]
struct PendingNote {
    trigger: Trigger,
    fingerprint: String,
    title: String,
    /// Order added: iOS keeps the 64 most recently added when there are more.
    added: u64,
}

/// The iOS pending limit.
const LIMIT: usize = 64;

pub struct IosPhone {
    core: Arc<Companion>,
    zone: PhoneZone,
    design: Design,
    /// Whether the executor uses floating triggers (false: the experiment with instants).
    floating: bool,
    pending: BTreeMap<String, PendingNote>,
    added: u64,
    /// Notification Center: id → title.
    delivered: BTreeMap<String, String>,
    /// Settings › General › Background App Refresh.
    refresh_on: bool,
    /// How often the OS grants a refresh the app asked for.
    refresh_granted: f64,
    /// Swiped away in the app switcher: no background launches until opened again.
    force_quit: bool,
    /// The refresh the OS will grant, if any.
    refresh_at: Option<DateTime<Utc>>,
}

impl IosPhone {
    pub fn new(
        core: Arc<Companion>,
        zone: PhoneZone,
        design: Design,
        floating: bool,
        refresh_on: bool,
        refresh_granted: f64,
    ) -> IosPhone {
        IosPhone {
            core,
            zone,
            design,
            floating,
            pending: BTreeMap::new(),
            added: 0,
            delivered: BTreeMap::new(),
            refresh_on,
            refresh_granted,
            force_quit: false,
            refresh_at: None,
        }
    }

    /// When a trigger fires, in the phone's zone now.
    fn fire_time(&self, t: &Trigger) -> Option<DateTime<Utc>> {
        match t {
            Trigger::Instant(at) => Some(*at),
            Trigger::Floating(local) => self
                .zone
                .get()
                .from_local_datetime(local)
                .earliest()
                .map(|t| t.with_timezone(&Utc)),
        }
    }

    fn add(&mut self, id: &str, note: PendingNote) {
        self.pending.insert(id.to_string(), note);
        if self.pending.len() > LIMIT {
            // Beyond 64 the system silently drops requests (those added first).
            if let Some(oldest) = self
                .pending
                .iter()
                .min_by_key(|(_, n)| n.added)
                .map(|(k, _)| k.clone())
            {
                self.pending.remove(&oldest);
            }
        }
    }

    /// `ReminderSync.reconcile` (one at a time, in an actor): plan from the pending list,
    /// remove, add, take answered notifications off the screen, ask for a background refresh.
    fn reconcile(&mut self, wake: Wake, now: DateTime<Utc>, rng: &mut Rng, checker: &mut Checker) {
        checker.app_ran(&self.core, now);
        if self.design == Design::Legacy {
            return self.legacy_reconcile(now);
        }
        let request = Request {
            wake,
            ledger: String::new(),
            os: OsFacts::Ios {
                pending: self
                    .pending
                    .iter()
                    .map(|(id, n)| PendingRequest {
                        id: id.clone(),
                        fingerprint: Some(n.fingerprint.clone()),
                    })
                    .collect(),
            },
            shown: self.delivered.keys().cloned().collect(),
        };
        let Ok(plan) = self.core.plan_reminders(&request, now) else {
            return;
        };
        for id in &plan.cancel {
            self.pending.remove(id);
        }
        for r in &plan.schedule {
            let Some(notice) = r.notices.first() else {
                continue;
            };
            let trigger = match (r.wall_clock, self.floating) {
                (Some(local), true) => Trigger::Floating(local),
                _ => Trigger::Instant(r.at),
            };
            self.added += 1;
            let note = PendingNote {
                trigger,
                fingerprint: r.fingerprint.clone(),
                title: notice.notification.title.clone(),
                added: self.added,
            };
            self.add(&r.key, note);
        }
        for id in &plan.withdraw {
            self.delivered.remove(id);
        }
        // BGTaskScheduler.submit: the OS may grant it some time after the earliest date.
        self.refresh_at = match plan.refresh_after {
            Some(earliest) if self.refresh_on && rng.chance(self.refresh_granted) => {
                Some(earliest + Duration::minutes(rng.between(0, 16 * 60)))
            }
            _ => None,
        };
    }

    /// The shell before this issue: the soonest 60 of 30 days, at fixed instants, and no
    /// background refresh.
    fn legacy_reconcile(&mut self, now: DateTime<Utc>) {
        let Ok(desired) = self.core.desired_notifications(now, 30) else {
            return;
        };
        let wanted: Vec<(String, String)> = desired
            .iter()
            .map(|n| {
                (
                    n.id.clone(),
                    format!("{}|{}", n.fire_at.timestamp(), n.title),
                )
            })
            .collect();
        self.pending
            .retain(|id, n| wanted.iter().any(|(w, fp)| w == id && *fp == n.fingerprint));
        for n in desired.iter().take(60) {
            let fp = format!("{}|{}", n.fire_at.timestamp(), n.title);
            if self.pending.get(&n.id).is_some_and(|p| p.fingerprint == fp) {
                continue;
            }
            self.added += 1;
            let note = PendingNote {
                trigger: Trigger::Instant(n.fire_at),
                fingerprint: fp,
                title: n.title.clone(),
                added: self.added,
            };
            self.add(&n.id, note);
        }
        if let Ok(today) = self.core.today(now) {
            self.delivered.retain(|id, _| {
                !today.doses.iter().any(|d| {
                    &d.key == id
                        && matches!(
                            d.status,
                            eventide_core::doselog::DoseStatus::Taken { .. }
                                | eventide_core::doselog::DoseStatus::Skipped { .. }
                                | eventide_core::doselog::DoseStatus::Snoozed { .. }
                        )
                })
            });
        }
    }
}

impl Phone for IosPhone {
    fn next_fire(&self) -> Option<DateTime<Utc>> {
        let notes = self
            .pending
            .values()
            .filter_map(|n| self.fire_time(&n.trigger));
        notes.chain(self.refresh_at).min()
    }

    fn fire(&mut self, now: DateTime<Utc>, checker: &mut Checker) -> Vec<String> {
        let due: Vec<String> = self
            .pending
            .iter()
            .filter(|(_, n)| self.fire_time(&n.trigger).is_some_and(|t| t <= now))
            .map(|(id, _)| id.clone())
            .collect();
        let mut shown = Vec::new();
        for id in due {
            if let Some(n) = self.pending.remove(&id) {
                // Delivered by the system: the app is not woken.
                if crate::sim::trace() {
                    eprintln!("  shown {id}");
                }
                self.delivered.insert(id.clone(), n.title.clone());
                checker.delivered(Delivery {
                    id: id.clone(),
                    at: now,
                    title: n.title,
                });
                shown.push(id);
            }
        }
        if self.refresh_at.is_some_and(|t| t <= now) {
            self.refresh_at = None;
            if self.refresh_on && !self.force_quit {
                // The OS's own choices after this run, drawn from the instant (deterministic).
                let mut rng = Rng::new(now.timestamp().unsigned_abs());
                self.reconcile(Wake::BackgroundRefresh, now, &mut rng, checker);
            }
        }
        shown
    }

    fn happen(
        &mut self,
        h: &Happening,
        now: DateTime<Utc>,
        _rng: &mut Rng,
        checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)> {
        match h {
            Happening::Reboot => {
                // Pending requests survive a restart; the app is not launched. The phone is
                // off for a minute or two.
                checker.excuse(now, now + Duration::minutes(3));
            }
            Happening::ForceQuit => self.force_quit = true,
            Happening::Travel(_) => {
                // The zone changed under suspended apps: floating requests whose wall time
                // has now passed will never fire (nothing is announced to the app).
                let passed: Vec<String> = self
                    .pending
                    .iter()
                    .filter(|(_, n)| {
                        matches!(n.trigger, Trigger::Floating(_))
                            && self.fire_time(&n.trigger).is_none_or(|t| t <= now)
                    })
                    .map(|(id, _)| id.clone())
                    .collect();
                for id in passed {
                    self.pending.remove(&id);
                }
            }
            _ => {}
        }
        vec![]
    }

    fn os_event(
        &mut self,
        _e: &OsEvent,
        _now: DateTime<Utc>,
        _rng: &mut Rng,
        _checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)> {
        vec![]
    }

    fn open(
        &mut self,
        now: DateTime<Utc>,
        rng: &mut Rng,
        checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)> {
        self.force_quit = false;
        self.reconcile(Wake::AppOpened, now, rng, checker);
        vec![]
    }

    fn change(
        &mut self,
        now: DateTime<Utc>,
        f: &mut dyn FnMut(&Companion),
        rng: &mut Rng,
        checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)> {
        f(&self.core);
        self.reconcile(Wake::Changed, now, rng, checker);
        vec![]
    }

    fn answer(
        &mut self,
        id: &str,
        action: NotificationAction,
        now: DateTime<Utc>,
        rng: &mut Rng,
        checker: &mut Checker,
    ) -> (Option<bool>, Vec<(DateTime<Utc>, OsEvent)>) {
        // Acting on a notification takes it out of Notification Center and launches the app
        // in the background to handle the response.
        if self.delivered.remove(id).is_none() {
            return (None, vec![]);
        }
        let recorded = self.core.handle_action(id, action, now).is_ok();
        self.reconcile(Wake::NotificationAnswered, now, rng, checker);
        (Some(recorded), vec![])
    }

    fn shown(&self) -> Vec<String> {
        self.delivered.keys().cloned().collect()
    }
}
