//! An Android phone: AlarmManager, the notification shade, processes, the stopped state and
//! the exact-alarm permission, with the rules in README.md. The app on it is `App`, the same
//! executor as android/shell's `ReminderSync` and the platform receivers: every entry point
//! asks the core and does what the plan says.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use eventide_core::notify::NotificationAction;
use eventide_core::reminders::{
    settle, AndroidFacts, OsFacts, Outcome, Request, Wake, ANDROID_INEXACT_WINDOW_MINUTES,
};
use eventide_core::Companion;

use crate::checker::{Checker, Delivery};
use crate::rng::Rng;
use crate::scenario::Happening;
use crate::sim::{OsEvent, Phone};

/// One notification an alarm carries (what the intent's extras hold).
#[derive(Debug, Clone)]
struct Payload {
    id: String,
    title: String,
}

#[derive(Debug, Clone)]
struct Alarm {
    exact: bool,
    /// When the OS delivers it: the trigger time, or later within the inexact window.
    deliver_at: DateTime<Utc>,
    payload: Vec<Payload>,
}

/// Which executor runs on the phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Design {
    /// The core's plan (this issue).
    Current,
    /// The shells before it: diff the desired list against the ledger, trusting the ledger.
    Legacy,
}

pub struct AndroidPhone {
    core: Arc<Companion>,
    design: Design,
    rng: Rng,
    boot_count: i64,
    /// When the phone last finished starting (set on first use: three days before).
    booted_at: Option<DateTime<Utc>>,
    /// The running process's start, in ms since boot; `None` when no process runs.
    process: Option<i64>,
    /// Force-stopped: nothing but the user can start the app.
    stopped: bool,
    exact_allowed: bool,
    alarms: BTreeMap<String, Alarm>,
    /// The shade: notification tag (our id) → title.
    shade: BTreeMap<String, String>,
    /// The ledger file (no-backup storage: survives reboots, updates and force-stops).
    ledger: String,
}

impl AndroidPhone {
    pub fn new(core: Arc<Companion>, design: Design, seed: u64) -> AndroidPhone {
        AndroidPhone {
            core,
            design,
            rng: Rng::new(seed),
            boot_count: 41,
            booted_at: None,
            process: None,
            stopped: false,
            exact_allowed: true,
            alarms: BTreeMap::new(),
            shade: BTreeMap::new(),
            ledger: String::new(),
        }
    }

    /// How long before a reboot or force-stop an alarm may still have been waiting: an
    /// inexact alarm is delivered up to an hour late, and is lost with the others.
    fn inexact_window(&self) -> Duration {
        if self.exact_allowed {
            Duration::zero()
        } else {
            Duration::minutes(ANDROID_INEXACT_WINDOW_MINUTES + 2)
        }
    }

    /// The app gets control: a process starts if none runs.
    fn wake(&mut self, now: DateTime<Utc>) {
        if self.process.is_none() {
            let booted = *self.booted_at.get_or_insert(now - Duration::days(3));
            let since_boot = (now - booted).num_milliseconds();
            // Two processes of one boot never start at the same millisecond.
            self.process = Some(since_boot + self.rng.between(0, 999));
        }
    }

    // ----- AlarmManager -----

    fn set_alarm(
        &mut self,
        key: &str,
        at: DateTime<Utc>,
        exact: bool,
        payload: Vec<Payload>,
        now: DateTime<Utc>,
    ) -> bool {
        // setExactAndAllowWhileIdle throws SecurityException without the permission; the
        // executor falls back to setAndAllowWhileIdle, as AndroidAlarms does.
        let exact = exact && self.exact_allowed;
        let deliver_at = if exact {
            at
        } else {
            let futurity = (at - now).num_seconds().max(0);
            let window = (futurity * 3 / 4).min(ANDROID_INEXACT_WINDOW_MINUTES * 60);
            at + Duration::seconds(self.rng.between(0, window))
        };
        self.alarms.insert(
            key.to_string(),
            Alarm {
                exact,
                deliver_at,
                payload,
            },
        );
        exact
    }

    // ----- the app (android/shell ReminderSync + platform receivers) -----

    /// `ReminderSync.reconcile`: plan, write the ledger before, cancel, schedule, settle,
    /// withdraw. A failing core leaves the alarms as they were.
    fn reconcile(&mut self, wake: Wake, now: DateTime<Utc>) {
        self.wake(now);
        if self.design == Design::Legacy {
            return self.legacy_reconcile(now);
        }
        let facts = AndroidFacts {
            boot_count: Some(self.boot_count),
            process_start: self.process.unwrap_or(0),
            exact_allowed: self.exact_allowed,
        };
        let request = Request {
            wake,
            ledger: self.ledger.clone(),
            os: OsFacts::Android(facts),
            shown: self.shade.keys().cloned().collect(),
        };
        let Ok(plan) = self.core.plan_reminders(&request, now) else {
            return;
        };
        if crate::sim::trace() {
            eprintln!(
                "  android {wake:?} process {:?}: {} — cancel {}, schedule {}, withdraw {}",
                self.process,
                plan.reason,
                plan.cancel.len(),
                plan.schedule.len(),
                plan.withdraw.len()
            );
        }
        if !plan.cancel.is_empty() || !plan.schedule.is_empty() {
            self.ledger = plan.ledger_before.clone();
        }
        for key in &plan.cancel {
            self.alarms.remove(key);
        }
        let mut outcomes = Vec::new();
        for r in &plan.schedule {
            let payload = r
                .notices
                .iter()
                .map(|n| Payload {
                    id: n.notification.id.clone(),
                    title: n.notification.title.clone(),
                })
                .collect();
            let exact = self.set_alarm(&r.key, r.at, r.exact, payload, now);
            outcomes.push(Outcome {
                key: r.key.clone(),
                accepted: true,
                exact,
            });
        }
        self.ledger = settle(&plan.ledger, &outcomes);
        for id in &plan.withdraw {
            self.shade.remove(id);
        }
    }

    /// The shells before this issue: the ledger is the truth (one alarm per notification).
    fn legacy_reconcile(&mut self, now: DateTime<Utc>) {
        let Ok(desired) = self.core.desired_notifications(now, 14) else {
            return;
        };
        let ledger: Vec<(String, i64, bool, String)> = self
            .ledger
            .lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                Some((
                    f.first()?.to_string(),
                    f.get(1)?.parse().ok()?,
                    *f.get(2)? == "1",
                    f.get(3)?.to_string(),
                ))
            })
            .collect();
        let wanted: Vec<(String, i64, bool, String)> = desired
            .iter()
            .map(|n| {
                (
                    n.id.clone(),
                    n.fire_at.timestamp(),
                    self.exact_allowed,
                    n.title.clone(),
                )
            })
            .collect();
        for old in &ledger {
            if !wanted.contains(old) {
                self.alarms.remove(&old.0);
            }
        }
        let mut kept: Vec<(String, i64, bool, String)> =
            ledger.into_iter().filter(|o| wanted.contains(o)).collect();
        for (w, n) in wanted.iter().zip(&desired) {
            if kept.iter().any(|k| k.0 == w.0) {
                continue;
            }
            let exact = self.set_alarm(
                &w.0,
                n.fire_at,
                w.2,
                vec![Payload {
                    id: n.id.clone(),
                    title: n.title.clone(),
                }],
                now,
            );
            kept.push((w.0.clone(), w.1, exact, w.3.clone()));
        }
        self.ledger = kept
            .iter()
            .map(|(id, at, exact, title)| {
                format!("{id}\t{at}\t{}\t{title}\n", if *exact { 1 } else { 0 })
            })
            .collect();
        let Ok(today) = self.core.today(now) else {
            return;
        };
        let stale: Vec<String> = self
            .shade
            .keys()
            .filter(|id| {
                today.doses.iter().any(|d| {
                    &d.key == *id
                        && matches!(
                            d.status,
                            eventide_core::doselog::DoseStatus::Taken { .. }
                                | eventide_core::doselog::DoseStatus::Skipped { .. }
                                | eventide_core::doselog::DoseStatus::Snoozed { .. }
                        )
                })
            })
            .cloned()
            .collect();
        for id in stale {
            self.shade.remove(&id);
        }
    }

    /// `AlarmReceiver`: post what the core says is still wanted (everything if it cannot
    /// answer), then reconcile.
    fn alarm_fired(
        &mut self,
        alarm: Alarm,
        now: DateTime<Utc>,
        checker: &mut Checker,
    ) -> Vec<String> {
        self.wake(now);
        let ids: Vec<String> = alarm.payload.iter().map(|p| p.id.clone()).collect();
        let shown: Vec<String> = self.shade.keys().cloned().collect();
        let show = self
            .core
            .reminders_to_show(&ids, &shown, now)
            .unwrap_or_else(|_| {
                ids.iter()
                    .filter(|id| !shown.contains(id))
                    .cloned()
                    .collect()
            });
        if crate::sim::trace() {
            eprintln!(
                "  alarm for {:?}: show {:?}",
                alarm.payload.iter().map(|p| &p.title).collect::<Vec<_>>(),
                show.len()
            );
        }
        let mut posted = Vec::new();
        for p in alarm.payload {
            if show.contains(&p.id) {
                self.shade.insert(p.id.clone(), p.title.clone());
                checker.delivered(Delivery {
                    id: p.id.clone(),
                    at: now,
                    title: p.title,
                });
                posted.push(p.id);
            }
        }
        self.reconcile(Wake::AlarmFired, now);
        posted
    }

    /// A broadcast reaches the app only when it is not force-stopped.
    fn broadcast(&mut self, wake: Wake, now: DateTime<Utc>) {
        if !self.stopped {
            self.reconcile(wake, now);
        }
    }
}

impl Phone for AndroidPhone {
    fn next_fire(&self) -> Option<DateTime<Utc>> {
        self.alarms.values().map(|a| a.deliver_at).min()
    }

    fn fire(&mut self, now: DateTime<Utc>, checker: &mut Checker) -> Vec<String> {
        let due: Vec<String> = self
            .alarms
            .iter()
            .filter(|(_, a)| a.deliver_at <= now)
            .map(|(k, _)| k.clone())
            .collect();
        let mut posted = Vec::new();
        for key in due {
            if let Some(alarm) = self.alarms.remove(&key) {
                posted.extend(self.alarm_fired(alarm, now, checker));
            }
        }
        posted
    }

    fn happen(
        &mut self,
        h: &Happening,
        now: DateTime<Utc>,
        rng: &mut Rng,
        checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)> {
        match h {
            Happening::Reboot => {
                // Alarms and shown notifications do not survive; the phone is off a minute
                // or two, and BOOT_COMPLETED reaches the app a little after the user unlocks.
                self.alarms.clear();
                self.shade.clear();
                self.process = None;
                self.boot_count += 1;
                self.booted_at = Some(now + Duration::minutes(1));
                let unlocked = now + Duration::minutes(rng.between(2, 4));
                let window = self.inexact_window();
                // Until BOOT_COMPLETED (or the user opens it) the app cannot run at all.
                let boot_completed = unlocked + Duration::seconds(rng.between(5, 600));
                checker.excuse(now - window, boot_completed);
                let mut out = vec![(boot_completed, OsEvent::Broadcast(Wake::Booted))];
                if rng.chance(0.5) {
                    // Network time arrives: TIME_SET, sometimes before BOOT_COMPLETED.
                    out.push((
                        unlocked + Duration::seconds(rng.between(1, 300)),
                        OsEvent::Broadcast(Wake::ClockChanged),
                    ));
                }
                if !self.stopped && rng.chance(0.3) {
                    // The user opens the app straight after unlocking.
                    out.push((
                        unlocked + Duration::seconds(rng.between(1, 120)),
                        OsEvent::Reopen,
                    ));
                }
                out
            }
            Happening::ForceStop => {
                self.alarms.clear();
                self.shade.clear();
                self.process = None;
                self.stopped = true;
                let back = now + Duration::minutes(rng.between(1, 90));
                checker.excuse(now - self.inexact_window(), back);
                vec![(back, OsEvent::Reopen)]
            }
            Happening::ProcessDeath => {
                self.process = None;
                vec![]
            }
            Happening::RevokeExact => {
                if self.exact_allowed {
                    self.exact_allowed = false;
                    self.alarms.retain(|_, a| !a.exact);
                    self.process = None;
                    checker.exact_denied(now);
                }
                vec![]
            }
            Happening::GrantExact => {
                if self.exact_allowed {
                    return vec![];
                }
                self.exact_allowed = true;
                checker.exact_granted(now);
                vec![(
                    now + Duration::seconds(2),
                    OsEvent::Broadcast(Wake::ExactAlarmsChanged),
                )]
            }
            Happening::Update => {
                self.process = None;
                vec![(
                    now + Duration::seconds(5),
                    OsEvent::Broadcast(Wake::AppUpdated),
                )]
            }
            Happening::Travel(_) => vec![(
                now + Duration::seconds(1),
                OsEvent::Broadcast(Wake::ZoneChanged),
            )],
            Happening::ForceQuit | Happening::Open | Happening::ChangeSomething => vec![],
        }
    }

    fn os_event(
        &mut self,
        e: &OsEvent,
        now: DateTime<Utc>,
        rng: &mut Rng,
        checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)> {
        match e {
            OsEvent::Broadcast(wake) => {
                self.broadcast(*wake, now);
                vec![]
            }
            OsEvent::Reopen => self.open(now, rng, checker),
        }
    }

    fn open(
        &mut self,
        now: DateTime<Utc>,
        _rng: &mut Rng,
        _checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)> {
        // MainActivity: the user starts the app, which leaves the stopped state.
        self.stopped = false;
        self.reconcile(Wake::AppOpened, now);
        vec![]
    }

    fn change(
        &mut self,
        now: DateTime<Utc>,
        f: &mut dyn FnMut(&Companion),
        _rng: &mut Rng,
        _checker: &mut Checker,
    ) -> Vec<(DateTime<Utc>, OsEvent)> {
        self.wake(now);
        f(&self.core);
        self.reconcile(Wake::Changed, now);
        vec![]
    }

    fn answer(
        &mut self,
        id: &str,
        action: NotificationAction,
        now: DateTime<Utc>,
        _rng: &mut Rng,
        _checker: &mut Checker,
    ) -> (Option<bool>, Vec<(DateTime<Utc>, OsEvent)>) {
        if !self.shade.contains_key(id) {
            return (None, vec![]);
        }
        // ActionReceiver: record, remove the notification (or show the core's reason), reconcile.
        self.wake(now);
        let recorded = match self.core.handle_action(id, action, now) {
            Ok(_) => {
                self.shade.remove(id);
                true
            }
            Err(_) => false,
        };
        self.reconcile(Wake::NotificationAnswered, now);
        (Some(recorded), vec![])
    }

    fn shown(&self) -> Vec<String> {
        self.shade.keys().cloned().collect()
    }
}
