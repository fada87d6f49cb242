//! Reminders (issue 13): the core plans every change to the phone's alarms and the shells
//! carry the plan out. A shell calls `plan_reminders` with what woke it, the ledger it stored
//! and what it knows of the OS; it cancels `cancel`, schedules `schedule`, takes `withdraw` off
//! the screen, and stores `settle_reminder_ledger(plan.ledger, outcomes)`. When an Android
//! alarm fires, `reminders_to_show` says which of its notifications to post. Mirrors
//! `eventide_core::reminders`, where the rules are documented.

use crate::time::Timestamp;

use chrono::{Datelike, NaiveDateTime, Timelike};
use eventide_core::notify::{Category, NotificationAction as CoreAction};
use eventide_core::reminders::{
    self as core, AndroidFacts as CoreAndroidFacts, Notice, OsFacts as CoreOsFacts,
    PendingRequest as CorePending, Plan as CorePlan, Reminder,
};

use crate::error::EventideError;
use crate::eventide::Eventide;
use crate::model::{NotificationAction, NotificationButton, NotificationKind};
use crate::time::{date_text, timestamp};

type Res<T> = Result<T, EventideError>;

/// What woke the app and asked for a reconcile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Wake {
    /// The user opened the app (launch, or back to the foreground).
    AppOpened,
    /// The user changed something in the app.
    Changed,
    /// A notification button was answered.
    NotificationAnswered,
    /// One of the app's alarms fired (Android).
    AlarmFired,
    /// `BOOT_COMPLETED` / `LOCKED_BOOT_COMPLETED` (Android).
    Booted,
    /// `MY_PACKAGE_REPLACED` (Android).
    AppUpdated,
    /// The clock was set (`TIME_SET`), or iOS's significant time change.
    ClockChanged,
    /// The time zone changed.
    ZoneChanged,
    /// `SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED` (Android 12+).
    ExactAlarmsChanged,
    /// The `BGAppRefreshTask` ran (iOS).
    BackgroundRefresh,
}

impl From<Wake> for core::Wake {
    fn from(w: Wake) -> Self {
        match w {
            Wake::AppOpened => core::Wake::AppOpened,
            Wake::Changed => core::Wake::Changed,
            Wake::NotificationAnswered => core::Wake::NotificationAnswered,
            Wake::AlarmFired => core::Wake::AlarmFired,
            Wake::Booted => core::Wake::Booted,
            Wake::AppUpdated => core::Wake::AppUpdated,
            Wake::ClockChanged => core::Wake::ClockChanged,
            Wake::ZoneChanged => core::Wake::ZoneChanged,
            Wake::ExactAlarmsChanged => core::Wake::ExactAlarmsChanged,
            Wake::BackgroundRefresh => core::Wake::BackgroundRefresh,
        }
    }
}

/// What the Android shell knows of the OS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct AndroidFacts {
    /// `Settings.Global.BOOT_COUNT`; null when it cannot be read.
    pub boot_count: Option<i64>,
    /// `Process.getStartElapsedRealtime()`: names this process within the boot.
    pub process_start: i64,
    /// `AlarmManager.canScheduleExactAlarms()` (true before Android 12).
    pub exact_allowed: bool,
}

/// A request iOS holds, from `pendingNotificationRequests()`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PendingRequest {
    /// Its identifier.
    pub id: String,
    /// The fingerprint kept in its `userInfo`, if any.
    pub fingerprint: Option<String>,
}

/// What the shell knows of the OS.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum OsFacts {
    /// Android: stamps the core compares with the ledger's.
    Android { facts: AndroidFacts },
    /// iOS: the requests actually pending.
    Ios { pending: Vec<PendingRequest> },
}

/// Everything a reconcile starts from.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReconcileInput {
    /// What woke the app.
    pub wake: Wake,
    /// The ledger text stored after the last reconcile ("" if none; iOS passes "").
    pub ledger: String,
    /// What the shell knows of the OS.
    pub os: OsFacts,
    /// Ids (Android tags) of the app's notifications on screen now.
    pub shown: Vec<String>,
}

/// The local date and time a calendar trigger matches, with no time zone (iOS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct WallClock {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

impl From<NaiveDateTime> for WallClock {
    fn from(t: NaiveDateTime) -> Self {
        WallClock {
            year: t.year(),
            month: t.month(),
            day: t.day(),
            hour: t.hour(),
            minute: t.minute(),
        }
    }
}

/// How a notification looks on a locked phone and how it is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ReminderCategory {
    EveningDose,
    MorningDose,
    DaytimeDose,
    Checkin,
    Review,
    Refill,
}

impl From<Category> for ReminderCategory {
    fn from(c: Category) -> Self {
        match c {
            Category::EveningDose => ReminderCategory::EveningDose,
            Category::MorningDose => ReminderCategory::MorningDose,
            Category::DaytimeDose => ReminderCategory::DaytimeDose,
            Category::Checkin => ReminderCategory::Checkin,
            Category::Review => ReminderCategory::Review,
            Category::Refill => ReminderCategory::Refill,
        }
    }
}

/// One notification an alarm (Android) or request (iOS) shows.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReminderNotice {
    /// The stable text id (Android notification tag, iOS request id).
    pub id: String,
    /// Android's notification number.
    pub numeric_id: i32,
    pub kind: NotificationKind,
    pub category: ReminderCategory,
    /// The iOS category to use ("eventide.dose.evening").
    pub category_id: String,
    pub title: String,
    pub body: String,
    /// What a locked phone shows instead (Android public version; iOS's placeholder).
    pub locked_title: String,
    pub locked_body: String,
    /// iOS `summaryArgument`: words for a stack of these, nothing private.
    pub summary_argument: String,
    /// iOS `threadIdentifier`.
    pub thread: String,
    /// iOS `.timeSensitive` (doses).
    pub time_sensitive: bool,
    /// The user chose full details on the lock screen (Android VISIBILITY_PUBLIC).
    pub show_details_when_locked: bool,
    /// The night, morning or date it is about, "YYYY-MM-DD".
    pub date: String,
    pub medication_id: Option<String>,
    pub actions: Vec<NotificationButton>,
}

/// One alarm or request to schedule.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ScheduledReminder {
    /// Android alarm key ("at:{epoch seconds}"), iOS request id.
    pub key: String,
    /// When it fires.
    pub at: Timestamp,
    /// iOS: match these components with no time zone; null: a trigger at the fixed `at`.
    pub wall_clock: Option<WallClock>,
    /// Android: exact (`setExactAndAllowWhileIdle`), else inexact (`setAndAllowWhileIdle`).
    pub exact: bool,
    /// What it shows (several on Android when doses are due at the same instant).
    pub notices: Vec<ReminderNotice>,
    /// iOS: keep in `userInfo`; read back through `PendingRequest.fingerprint`.
    pub fingerprint: String,
}

/// An iOS category to register.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NotificationCategorySpec {
    pub id: String,
    pub category: ReminderCategory,
    pub actions: Vec<NotificationButton>,
    /// `hiddenPreviewsBodyPlaceholder`: what a locked phone shows ("Evening medicine").
    pub hidden_previews_placeholder: String,
    /// `categorySummaryFormat`.
    pub summary_format: String,
    /// `.hiddenPreviewsShowTitle`: the user chose full details on the lock screen.
    pub show_title_when_locked: bool,
}

/// What to do: cancel, schedule, withdraw, then store the ledger.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReminderPlan {
    /// Alarm keys (Android) or request ids (iOS) to cancel.
    pub cancel: Vec<String>,
    /// Alarms or requests to schedule; scheduling a key again replaces it.
    pub schedule: Vec<ScheduledReminder>,
    /// Notifications on screen to take away (answered, snoozed, no longer applying).
    pub withdraw: Vec<String>,
    /// Store before touching the OS when there is anything to do.
    pub ledger_before: String,
    /// Pass to `settle_reminder_ledger` with the outcomes, and store the result.
    pub ledger: String,
    /// iOS: `BGAppRefreshTaskRequest.earliestBeginDate`.
    pub refresh_after: Option<Timestamp>,
    /// iOS: the categories to register.
    pub categories: Vec<NotificationCategorySpec>,
    /// Why, for the log.
    pub reason: String,
}

/// What the OS did with one scheduled alarm or request.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScheduleOutcome {
    pub key: String,
    /// False when the OS refused it.
    pub accepted: bool,
    /// Whether it went in exact.
    pub exact: bool,
}

fn buttons(actions: &[CoreAction]) -> Vec<NotificationButton> {
    actions
        .iter()
        .map(|a| NotificationButton {
            action: NotificationAction::from(*a),
            code: a.code().to_string(),
            label: a.label().to_string(),
        })
        .collect()
}

fn notice(n: &Notice) -> ReminderNotice {
    let d = &n.notification;
    let c = d.category;
    ReminderNotice {
        id: d.id.clone(),
        numeric_id: d.numeric_id,
        kind: NotificationKind::from(d.kind),
        category: c.into(),
        category_id: core::category_id(c),
        title: d.title.clone(),
        body: d.body.clone(),
        locked_title: c.locked_title().to_string(),
        locked_body: c.locked_body().to_string(),
        summary_argument: c.summary_argument().to_string(),
        thread: n.thread(),
        time_sensitive: n.time_sensitive(),
        show_details_when_locked: n.details_when_locked,
        date: date_text(d.date),
        medication_id: d.medication_id.map(|id| id.to_string()),
        actions: buttons(&d.actions),
    }
}

fn scheduled(r: &Reminder) -> ScheduledReminder {
    ScheduledReminder {
        key: r.key.clone(),
        at: timestamp(r.at),
        wall_clock: r.wall_clock.map(WallClock::from),
        exact: r.exact,
        notices: r.notices.iter().map(notice).collect(),
        fingerprint: r.fingerprint.clone(),
    }
}

fn category_spec(c: &core::CategorySpec) -> NotificationCategorySpec {
    NotificationCategorySpec {
        id: c.id.clone(),
        category: c.category.into(),
        actions: buttons(c.category.actions()),
        hidden_previews_placeholder: c.category.locked_title().to_string(),
        summary_format: c.category.summary_format().to_string(),
        show_title_when_locked: c.show_title_when_locked,
    }
}

fn plan(p: &CorePlan) -> ReminderPlan {
    ReminderPlan {
        cancel: p.cancel.clone(),
        schedule: p.schedule.iter().map(scheduled).collect(),
        withdraw: p.withdraw.clone(),
        ledger_before: p.ledger_before.clone(),
        ledger: p.ledger.clone(),
        refresh_after: p.refresh_after.map(timestamp),
        categories: p.categories.iter().map(category_spec).collect(),
        reason: p.reason.clone(),
    }
}

fn request(input: ReconcileInput) -> core::Request {
    core::Request {
        wake: input.wake.into(),
        ledger: input.ledger,
        os: match input.os {
            OsFacts::Android { facts } => CoreOsFacts::Android(CoreAndroidFacts {
                boot_count: facts.boot_count,
                process_start: facts.process_start,
                exact_allowed: facts.exact_allowed,
            }),
            OsFacts::Ios { pending } => CoreOsFacts::Ios {
                pending: pending
                    .into_iter()
                    .map(|p| CorePending {
                        id: p.id,
                        fingerprint: p.fingerprint,
                    })
                    .collect(),
            },
        },
        shown: input.shown,
    }
}

/// The ledger to store after carrying out a plan: `planned` (the plan's `ledger`) corrected by
/// what the OS accepted (refused alarms are left out so the next plan retries them; an exact
/// alarm that went in inexact is recorded so and upgraded once allowed).
#[uniffi::export]
pub fn settle_reminder_ledger(planned: String, outcomes: Vec<ScheduleOutcome>) -> String {
    let outcomes: Vec<core::Outcome> = outcomes
        .into_iter()
        .map(|o| core::Outcome {
            key: o.key,
            accepted: o.accepted,
            exact: o.exact,
        })
        .collect();
    core::settle(&planned, &outcomes)
}

/// How many days ahead iOS reminders reach at most (the core's horizon).
#[uniffi::export]
pub fn reminder_horizon_days() -> u32 {
    core::REMINDER_HORIZON_DAYS
}

/// The iOS categories to register before any plan (at launch), with their buttons and
/// lock-screen words.
#[uniffi::export]
pub fn reminder_categories(show_title_when_locked: bool) -> Vec<NotificationCategorySpec> {
    core::categories(show_title_when_locked)
        .iter()
        .map(category_spec)
        .collect()
}

#[uniffi::export]
impl Eventide {
    /// The plan that makes the OS hold exactly the reminders that should be pending, from
    /// what woke the app, the stored ledger and what the shell knows of the OS. Reminders are
    /// worked out in the zone the phone is in now: the zone is learned afresh first.
    pub fn plan_reminders(&self, input: ReconcileInput, now: Timestamp) -> Res<ReminderPlan> {
        self.zone_changed();
        let now = self.begin(now)?;
        Ok(plan(
            &self.companion().plan_reminders(&request(input), now)?,
        ))
    }

    /// Of the notifications an alarm fired for (`ids`), the ones to post now: due,
    /// unanswered, and not among `shown` (the app's notifications on screen).
    pub fn reminders_to_show(
        &self,
        ids: Vec<String>,
        shown: Vec<String>,
        now: Timestamp,
    ) -> Res<Vec<String>> {
        self.zone_changed();
        let now = self.begin(now)?;
        Ok(self.companion().reminders_to_show(&ids, &shown, now)?)
    }

    /// Whether a locked phone shows the medicine and dose (false until the user chooses).
    pub fn lock_screen_details(&self) -> Res<bool> {
        Ok(self.companion().lock_screen_details()?)
    }

    /// Chooses whether a locked phone shows the medicine and dose; reconcile afterwards.
    pub fn set_lock_screen_details(&self, on: bool) -> Res<bool> {
        Ok(self.companion().set_lock_screen_details(on)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_checked_like_every_other_now() {
        assert!(crate::time::instant("now", Timestamp(0)).is_ok());
        assert_eq!(reminder_categories(false).len(), Category::ALL.len());
        assert!(reminder_categories(true)
            .iter()
            .all(|c| c.show_title_when_locked && !c.hidden_previews_placeholder.is_empty()));
        assert_eq!(
            settle_reminder_ledger("not a ledger".into(), vec![]),
            "not a ledger"
        );
    }
}
