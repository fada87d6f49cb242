//! Reminders that never go quiet: the core decides every change to the phone's alarms, the
//! shells carry it out.
//!
//! The shell tells the core what woke it ([`Wake`]), what it knows of the OS ([`OsFacts`]) and
//! the ledger it stored after the last reconcile; the core answers with a [`Plan`]: the alarms
//! or requests to cancel, the ones to schedule (each exact or not, at a wall-clock time that
//! follows the phone or at a fixed instant), the notifications on screen to withdraw, and the
//! ledger to store. [`plan`] is a pure function of the desired notifications (the
//! companion's list, whatever rules made it) and that input, so it is tested here and in the
//! simulated phone (`tests/phonesim`) without any OS.
//!
//! # Android ([`android`])
//! AlarmManager cannot be listed, so the shell keeps a ledger, stamped with the boot count
//! (`Settings.Global.BOOT_COUNT`), the process start and whether exact alarms were allowed.
//! - A different (or unreadable) boot count: the phone restarted and the OS holds nothing,
//!   whatever the ledger says; everything is scheduled.
//! - A new process woken by the user (opening the app, a change, a notification button):
//!   the app may have been force-stopped, which cancels every alarm. Only the user can start
//!   a force-stopped app, so a new process woken by an alarm or a system broadcast proves it
//!   was not; one woken by the user reschedules everything. (A `FLAG_NO_CREATE` probe cannot
//!   tell: up to Android 14 a force-stop leaves the PendingIntents in place.)
//! - An app update or the exact-alarm permission being granted again: everything is
//!   rescheduled; the permission withdrawn (the ledger said exact, the OS says no): the exact
//!   alarms are gone.
//! - Otherwise the ledger is trusted and only the difference is applied.
//!
//! Notifications due at the same instant share one alarm (Doze lets an app's allow-while-idle
//! alarms through only every few minutes). Alarms are set [`ANDROID_WINDOW_DAYS`] ahead; every
//! alarm that fires reconciles again, so the window rolls on while the app is never opened.
//! Withdrawing the exact-alarm permission deletes the exact alarms silently (no broadcast), so
//! each exact alarm is followed a minute later by an inexact backstop with the same
//! notifications, which survives, shows what is unanswered and wakes the app. Whenever the OS
//! lost alarms, those of the old ledger due since it was written (so never delivered: a
//! delivered alarm's reconcile rewrites the ledger) are caught up by one alarm now, which
//! shows what is still due and unanswered.
//!
//! # iOS ([`ios`])
//! iOS lists its pending requests, so it needs no ledger, but it keeps at most
//! [`IOS_PENDING_LIMIT`] per app and runs the app only when it is opened, a notification
//! button is answered or a background refresh is granted. The window therefore holds every
//! reminder of the next [`IOS_ALL_KINDS_HOURS`] hours, then dose reminders (check-ins matter
//! less than doses), with any room left spread over check-ins further out (each answered one
//! runs the app and refills the window), up to 64 requests and [`REMINDER_HORIZON_DAYS`] days; the last
//! request says that opening Eventide keeps reminders coming ([`LAST_IN_WINDOW_NOTE`]). Dose
//! and check-in triggers are wall-clock date components without a time zone, so they follow
//! the phone when it travels while the app is suspended; snoozes are fixed instants.
//! A night falls silent only when the app has not run since before the window's last request:
//! that is the simulator's "silent-unopened" count.
//!
//! # Lock screen
//! A locked phone shows each [`Category`]'s words ("Evening medicine") and the buttons, never
//! the medicine or the dose, unless the user chose full details ([`Companion::set_lock_screen_details`]).

mod android;
mod ios;
mod ledger;
mod shown;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::notify::{Category, DesiredNotification, NotificationKind};

pub use crate::notify::LAST_IN_WINDOW_NOTE;
pub use ledger::{settle, Ledger, LedgerEntry, Outcome};
pub use shown::ShownState;

#[cfg(doc)]
use crate::Companion;

/// How many days of desired notifications the planner is given (iOS's window reaches at most
/// one day less, so it can tell a window cut short from a plan that ends).
pub const REMINDER_HORIZON_DAYS: u32 = 60;
/// How far ahead Android alarms are set; every alarm that fires moves the window on.
pub const ANDROID_WINDOW_DAYS: u32 = 14;
/// iOS keeps the soonest 64 pending requests of an app and drops the rest.
pub const IOS_PENDING_LIMIT: usize = 64;
/// Every kind of reminder is kept in the iOS window this far ahead; after that, doses first.
pub const IOS_ALL_KINDS_HOURS: i64 = 48;
/// The earliest a background refresh is asked for after a reconcile on iOS.
pub const IOS_REFRESH_AFTER_HOURS: i64 = 8;
/// How far back a plan looks for reminders the OS lost undelivered (a restart at reminder
/// time): those still due and unanswered are shown at once.
pub const CATCH_UP_HOURS: i64 = 12;
/// An exact alarm's inexact backstop follows it by this much (see [`android`]).
pub const ANDROID_BACKSTOP_MINUTES: i64 = 1;
/// Android delivers an inexact alarm up to this late (75% of the time to it, capped at an
/// hour: `AlarmManagerService.maxTriggerTime`, Android 12 and later).
pub const ANDROID_INEXACT_WINDOW_MINUTES: i64 = 60;

/// The phone the plan is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// AlarmManager, with the shell's ledger.
    Android,
    /// UNUserNotificationCenter, with its own pending list.
    Ios,
}

impl Platform {
    /// How many days of desired notifications a plan for this platform needs.
    pub fn horizon_days(self) -> u32 {
        match self {
            Platform::Android => ANDROID_WINDOW_DAYS,
            Platform::Ios => REMINDER_HORIZON_DAYS,
        }
    }
}

/// What woke the app and asked for a reconcile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wake {
    /// The user opened the app (launch, or back to the foreground).
    AppOpened,
    /// The user changed something in the app (a dose, a plan, a setting).
    Changed,
    /// A notification button was answered.
    NotificationAnswered,
    /// One of the app's alarms fired (Android).
    AlarmFired,
    /// The phone finished starting (Android `BOOT_COMPLETED` / `LOCKED_BOOT_COMPLETED`).
    Booted,
    /// A new version of the app was installed over the old one (`MY_PACKAGE_REPLACED`).
    AppUpdated,
    /// The clock was set, or midnight passed (iOS significant time change).
    ClockChanged,
    /// The phone's time zone changed.
    ZoneChanged,
    /// The exact-alarm permission was granted (Android 12+).
    ExactAlarmsChanged,
    /// iOS ran the app's background refresh task.
    BackgroundRefresh,
}

impl Wake {
    /// True when only the user can have caused this wake, so the app may just have left
    /// Android's stopped state (after a force-stop nothing else can start it).
    pub fn may_follow_force_stop(self) -> bool {
        matches!(
            self,
            Wake::AppOpened | Wake::Changed | Wake::NotificationAnswered | Wake::BackgroundRefresh
        )
    }
}

/// What the Android shell knows of the OS when it reconciles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AndroidFacts {
    /// `Settings.Global.BOOT_COUNT` (API 24+); `None` when it could not be read.
    pub boot_count: Option<i64>,
    /// When this process started (`Process.getStartElapsedRealtime()`, milliseconds since
    /// boot): with the boot count it names the process.
    pub process_start: i64,
    /// `AlarmManager.canScheduleExactAlarms()` (always true before Android 12).
    pub exact_allowed: bool,
}

/// A request iOS holds now, as `pendingNotificationRequests()` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRequest {
    /// The request identifier (the notification's id).
    pub id: String,
    /// The fingerprint stored with it when it was added; `None` for a request without one.
    pub fingerprint: Option<String>,
}

/// What the shell knows of the OS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OsFacts {
    /// Android: stamps to compare with the ledger's.
    Android(AndroidFacts),
    /// iOS: the requests actually pending.
    Ios { pending: Vec<PendingRequest> },
}

impl OsFacts {
    /// The platform these facts are about.
    pub fn platform(&self) -> Platform {
        match self {
            OsFacts::Android(_) => Platform::Android,
            OsFacts::Ios { .. } => Platform::Ios,
        }
    }
}

/// Everything a reconcile starts from, besides the desired notifications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// What woke the app.
    pub wake: Wake,
    /// The ledger text stored after the last reconcile ("" if none; iOS may always pass "").
    pub ledger: String,
    /// What the shell knows of the OS.
    pub os: OsFacts,
    /// Ids of the app's notifications on screen now (Android tags, iOS delivered ids).
    pub shown: Vec<String>,
}

/// One notification an alarm or request shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What it says and its buttons (the body may end with [`LAST_IN_WINDOW_NOTE`]).
    pub notification: DesiredNotification,
    /// The user chose full details on the lock screen.
    pub details_when_locked: bool,
}

impl Notice {
    /// The words and grouping of its kind.
    pub fn category(&self) -> Category {
        self.notification.category
    }

    /// What groups it in the notification centre: a medicine's doses together, all check-ins.
    pub fn thread(&self) -> String {
        match (&self.notification.kind, &self.notification.medication_id) {
            (NotificationKind::Dose, Some(id)) => format!("dose:{id}"),
            (kind, _) => kind.code().to_string(),
        }
    }

    /// Dose reminders break through Focus (iOS time-sensitive); the others do not.
    pub fn time_sensitive(&self) -> bool {
        self.notification.kind == NotificationKind::Dose
    }
}

/// One alarm (Android) or request (iOS) the OS should hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// Android: the alarm's key ("at:{epoch seconds}", one per instant); iOS: the request id.
    pub key: String,
    /// When it fires.
    pub at: DateTime<Utc>,
    /// iOS: the local date and time to match with a calendar trigger that has no time zone
    /// (it follows the phone's zone); `None` for a trigger at the fixed instant `at`.
    pub wall_clock: Option<NaiveDateTime>,
    /// Android: an exact alarm (`setExactAndAllowWhileIdle`) rather than an inexact one.
    pub exact: bool,
    /// What it shows: one notification on iOS, every notification due then on Android.
    pub notices: Vec<Notice>,
    /// Changes whenever anything above changes; iOS keeps it in the request's `userInfo`.
    pub fingerprint: String,
}

/// A category to register on iOS: its buttons and what a locked phone shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategorySpec {
    /// "eventide.dose.evening", …
    pub id: String,
    /// The category.
    pub category: Category,
    /// Show the title even when previews are hidden (the user chose full details).
    pub show_title_when_locked: bool,
}

/// What to do, in order: cancel, then schedule, then withdraw; then store `ledger`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Keys (Android) or ids (iOS) to cancel.
    pub cancel: Vec<String>,
    /// Alarms or requests to schedule (scheduling a key again replaces it).
    pub schedule: Vec<Reminder>,
    /// Notifications on screen whose question is answered or put off: take them away.
    pub withdraw: Vec<String>,
    /// Store this before touching the OS when there is anything to do: it never claims an
    /// alarm the plan is about to change, so a crash half way leaves a safe ledger.
    pub ledger_before: String,
    /// Store this (through [`settle`], with what the OS accepted) once the plan is done
    /// (always "" on iOS, which lists its pending requests itself).
    pub ledger: String,
    /// iOS: ask for a background refresh no earlier than this.
    pub refresh_after: Option<DateTime<Utc>>,
    /// iOS: the categories to register.
    pub categories: Vec<CategorySpec>,
    /// Why the plan is what it is, for the shell's log ("the phone restarted", …).
    pub reason: String,
}

impl Plan {
    /// True when the OS already matches.
    pub fn is_noop(&self) -> bool {
        self.cancel.is_empty() && self.schedule.is_empty() && self.withdraw.is_empty()
    }
}

/// The plan for `request`, given the companion's desired notifications (any order, any
/// length, including those of the last [`CATCH_UP_HOURS`] for catching up) and whether the
/// user chose full details on the lock screen. Pure: the same input always gives the same
/// plan.
pub fn plan(
    desired: &[DesiredNotification],
    request: &Request,
    details_when_locked: bool,
    now: DateTime<Utc>,
) -> Plan {
    match &request.os {
        OsFacts::Android(facts) => android::plan(desired, request, facts, details_when_locked, now),
        OsFacts::Ios { pending } => ios::plan(desired, pending, details_when_locked, now),
    }
}

/// The iOS categories, with their buttons and lock-screen words.
pub fn categories(details_when_locked: bool) -> Vec<CategorySpec> {
    Category::ALL
        .into_iter()
        .map(|category| CategorySpec {
            id: category_id(category),
            category,
            show_title_when_locked: details_when_locked,
        })
        .collect()
}

/// The iOS category identifier of a category: "eventide.dose.evening".
pub fn category_id(category: Category) -> String {
    format!("eventide.{}", category.code())
}

/// A stable 64-bit FNV-1a hash of `parts`, as 16 hex digits: the same on every platform.
fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.as_bytes().iter().chain(&[0x1f]) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The fingerprint of a reminder: its key, trigger and every word and button it shows.
fn reminder_fingerprint(
    key: &str,
    at: DateTime<Utc>,
    wall_clock: Option<NaiveDateTime>,
    notices: &[Notice],
) -> String {
    let mut parts: Vec<String> = vec![
        key.to_string(),
        match wall_clock {
            Some(w) => format!("wall {}", w.format("%Y-%m-%dT%H:%M")),
            None => format!("at {}", at.timestamp()),
        },
    ];
    for n in notices {
        let d = &n.notification;
        parts.extend([
            d.id.clone(),
            d.category.code().to_string(),
            d.title.clone(),
            d.body.clone(),
            n.details_when_locked.to_string(),
        ]);
        parts.extend(
            d.actions
                .iter()
                .map(|a| format!("{}={}", a.code(), a.label())),
        );
    }
    fingerprint(parts.iter().map(String::as_str))
}

/// Desired notifications firing after `now` and no later than `until`, soonest first, each
/// id once.
fn future(
    desired: &[DesiredNotification],
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Vec<&DesiredNotification> {
    let mut list: Vec<&DesiredNotification> = desired
        .iter()
        .filter(|n| n.fire_at > now && n.fire_at <= until)
        .collect();
    list.sort_by(|a, b| a.fire_at.cmp(&b.fire_at).then_with(|| a.id.cmp(&b.id)));
    let mut seen = std::collections::HashSet::new();
    list.retain(|n| seen.insert(n.id.as_str()));
    list
}

fn days(n: u32) -> Duration {
    Duration::days(i64::from(n))
}

#[cfg(test)]
pub(crate) mod tests;
