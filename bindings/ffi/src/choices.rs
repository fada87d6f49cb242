//! What both phones would otherwise each decide for themselves (issue 15), asked of the core
//! instead: what the forms offer (leads, timings, starting times, ranges), what an answer to a
//! notification means, and the privacy words of Settings with the phone-backup choice. None of
//! these reads the database except the phone-backup choice; call the functions once and keep
//! their answers.

use eventide_core::forms::{self, Timing as CoreTiming};
use eventide_core::privacy;
use eventide_core::reminders::Platform as CorePlatform;
use eventide_core::response::{self, Response, Screen};

use crate::error::EventideError;
use crate::eventide::Eventide;
use crate::model::NotificationAction;

type Res<T> = Result<T, EventideError>;

/// When a medicine is taken, as the "add a medicine" form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Timing {
    /// Before bedtime (a `Slot.Evening` with a lead).
    Evening,
    /// Every morning at one time (`Slot.Morning`).
    Morning,
    /// At set times each day (`Slot.Times`).
    Times,
}

impl From<CoreTiming> for Timing {
    fn from(t: CoreTiming) -> Self {
        match t {
            CoreTiming::Evening => Timing::Evening,
            CoreTiming::Morning => Timing::Morning,
            CoreTiming::Times => Timing::Times,
        }
    }
}

/// One timing with its words ("In the evening, before bedtime").
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TimingChoice {
    pub timing: Timing,
    pub label: String,
}

/// One reminder lead a form offers.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LeadChoice {
    /// Minutes before bedtime.
    pub minutes: u16,
    /// "90 min".
    pub label: String,
}

/// A whole-number range a form accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct NumberRange {
    pub min: u32,
    pub max: u32,
    /// Where the form starts; null when the number is the user's or the prescriber's to give.
    pub default: Option<u32>,
}

impl From<forms::Range> for NumberRange {
    fn from(r: forms::Range) -> Self {
        NumberRange {
            min: r.min,
            max: r.max,
            default: r.default,
        }
    }
}

/// Everything the forms offer, from the rules that check them.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FormChoices {
    /// The reminder leads to offer, shortest first (60–120 minutes in quarter hours).
    pub leads: Vec<LeadChoice>,
    /// The lead a new evening medicine starts with.
    pub default_lead_minutes: u16,
    /// When a medicine can be taken, in the form's order.
    pub timings: Vec<TimingChoice>,
    /// A new morning medicine's time, "HH:MM".
    pub morning_time: String,
    /// A new set-times medicine's times as typed ("08:00, 14:00, 22:00"; read by `parse_times`).
    pub times: String,
    /// Nights a step can be held (`hold_step`).
    pub hold_nights: NumberRange,
    /// Nights between a plan's steps (no default: the prescriber's number).
    pub every_nights: NumberRange,
    /// A proportional taper's cut in percent (no default: the prescriber's number).
    pub taper_percent: NumberRange,
    /// The earliest morning check-in time, "HH:MM" (`set_checkin_time` refuses earlier).
    pub checkin_earliest: String,
    /// The latest morning check-in time, "HH:MM".
    pub checkin_latest: String,
}

/// What the forms offer: the lead choices and default, the timings with their words, the
/// times a new medicine starts from, and the ranges of the hold and plan forms.
#[uniffi::export]
pub fn form_choices() -> FormChoices {
    let c = forms::choices();
    FormChoices {
        leads: c
            .leads
            .into_iter()
            .map(|l| LeadChoice {
                minutes: l.minutes,
                label: l.label,
            })
            .collect(),
        default_lead_minutes: c.default_lead_minutes,
        timings: c
            .timings
            .into_iter()
            .map(|(timing, label)| TimingChoice {
                timing: timing.into(),
                label,
            })
            .collect(),
        morning_time: c.morning_time,
        times: c.times,
        hold_nights: c.hold_nights.into(),
        every_nights: c.every_nights.into(),
        taper_percent: c.taper_percent.into(),
        checkin_earliest: c.checkin_earliest,
        checkin_latest: c.checkin_latest,
    }
}

/// The app's screens, the same on both phones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AppScreen {
    Tonight,
    Plan,
    CheckIn,
    Suggestions,
    Share,
    Settings,
}

impl From<Screen> for AppScreen {
    fn from(s: Screen) -> Self {
        match s {
            Screen::Tonight => AppScreen::Tonight,
            Screen::Plan => AppScreen::Plan,
            Screen::CheckIn => AppScreen::CheckIn,
            Screen::Suggestions => AppScreen::Suggestions,
            Screen::Share => AppScreen::Share,
            Screen::Settings => AppScreen::Settings,
        }
    }
}

/// What an answer to a notification means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NotificationResponse {
    /// A one-tap button: record it with `handle_action(id, action, now)`, then reconcile.
    Record { action: NotificationAction },
    /// The notification itself was tapped: show this screen.
    Open { screen: AppScreen },
    /// Dismissed, or a button this notification does not have: nothing to do.
    Ignore,
}

/// What the answer to notification `id` means: `action_code` is the button's code ("taken",
/// "slept-badly"; `NotificationButton.code`), or null when the notification itself was tapped.
/// Dose buttons answer only dose reminders, check-in buttons only check-ins; a tap on a refill
/// reminder opens the Plan screen, on a "get help now" notification Tonight.
#[uniffi::export]
pub fn notification_response(id: String, action_code: Option<String>) -> NotificationResponse {
    match response::response(&id, action_code.as_deref()) {
        Response::Record(action) => NotificationResponse::Record {
            action: action.into(),
        },
        Response::Open(screen) => NotificationResponse::Open {
            screen: screen.into(),
        },
        Response::Ignore => NotificationResponse::Ignore,
    }
}

/// The id of the notification that shows a "get help now" suggestion at once
/// ("urgent:{suggestion id}"): the same suggestion replaces its notification.
#[uniffi::export]
pub fn urgent_notification_id(suggestion_id: String) -> String {
    response::urgent_id(&suggestion_id)
}

/// The stable 31-bit number of notification `id` (Android's notification number).
#[uniffi::export]
pub fn notification_number(id: String) -> i32 {
    eventide_core::notify::numeric_id(&id)
}

/// Which phone a shell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Platform {
    Android,
    Ios,
}

/// The words of Settings' privacy section.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PrivacyTexts {
    /// The lock-screen switch (`set_lock_screen_details`).
    pub lock_screen_label: String,
    /// Under the switch while it is off.
    pub lock_screen_off: String,
    /// Under the switch while it is on.
    pub lock_screen_on: String,
    /// "Phone backups".
    pub phone_backup_title: String,
    /// What the phone's own backup does with Eventide's data (while it is included).
    pub phone_backup_text: String,
    /// The switch's label where the user can choose (iOS: `set_include_in_phone_backup`);
    /// null on Android, whose backup rules are fixed.
    pub phone_backup_toggle: Option<String>,
    /// What happens while the switch is off (iOS); null on Android.
    pub phone_backup_off_text: Option<String>,
    /// The portable way: the Eventide backup file.
    pub portable_backup: String,
}

/// The privacy words of Settings on `platform`: the lock-screen switch, and what the phone's
/// own backup does with Eventide's data.
#[uniffi::export]
pub fn privacy_texts(platform: Platform) -> PrivacyTexts {
    let t = privacy::texts(match platform {
        Platform::Android => CorePlatform::Android,
        Platform::Ios => CorePlatform::Ios,
    });
    PrivacyTexts {
        lock_screen_label: t.lock_screen_label.into(),
        lock_screen_off: t.lock_screen_off.into(),
        lock_screen_on: t.lock_screen_on.into(),
        phone_backup_title: t.phone_backup_title.into(),
        phone_backup_text: t.phone_backup_text.into(),
        phone_backup_toggle: t.phone_backup_toggle.map(String::from),
        phone_backup_off_text: t.phone_backup_off_text.map(String::from),
        portable_backup: t.portable_backup.into(),
    }
}

#[uniffi::export]
impl Eventide {
    /// Whether the phone's own backup may take Eventide's database (true until the user
    /// switches it off). iOS applies it to the database folder as `isExcludedFromBackup`.
    pub fn include_in_phone_backup(&self) -> Res<bool> {
        Ok(self.companion().include_in_phone_backup()?)
    }

    /// Chooses whether the phone's own backup may take Eventide's database; returns the choice.
    pub fn set_include_in_phone_backup(&self, on: bool) -> Res<bool> {
        Ok(self.companion().set_include_in_phone_backup(on)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answers_cross_whole() {
        let c = form_choices();
        assert_eq!(c.leads.first().map(|l| l.minutes), Some(60));
        assert_eq!(c.default_lead_minutes, 90);
        assert_eq!(c.hold_nights.default, Some(7));
        assert_eq!(
            notification_response("checkin:2026-11-26".into(), Some("fine".into())),
            NotificationResponse::Record {
                action: NotificationAction::Fine
            }
        );
        assert_eq!(
            notification_response("checkin:2026-11-26".into(), None),
            NotificationResponse::Open {
                screen: AppScreen::CheckIn
            }
        );
        assert!(privacy_texts(Platform::Ios).phone_backup_toggle.is_some());
        assert_eq!(urgent_notification_id("x".into()), "urgent:x");
    }
}
