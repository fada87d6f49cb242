//! What the phones' forms offer, so neither declares a scheduling number of its own: the
//! reminder lead choices and default, when a medicine is taken (with the core's words), the
//! times a new morning or set-times medicine starts from, the nights a step can be held, the
//! ranges the plan forms accept, and the morning check-in's allowed times. Every number comes
//! from the rule that checks it; a form that sends something outside is refused with that
//! rule's sentence.
//!
//! A titration's and a taper's numbers have no default: they are the prescriber's.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use crate::medication::{DEFAULT_LEAD_MINUTES, MAX_LEAD_MINUTES, MIN_LEAD_MINUTES};
use crate::plan::{MAX_EVERY_DAYS, MAX_TAPER_PERCENT};
use crate::records::{checkin_time_range, MAX_HOLD_DAYS};

/// The reminder leads offered between the shortest and the longest: every quarter of an hour.
pub const LEAD_STEP_MINUTES: u16 = 15;
/// A hold lasts this many nights unless the user chooses otherwise.
pub const DEFAULT_HOLD_NIGHTS: u32 = 7;
/// Where a new morning medicine's time starts in the form.
pub const DEFAULT_MORNING_TIME: &str = "08:00";
/// Where a new set-times medicine's times start in the form (three times a day, awake hours).
pub const DEFAULT_TIMES: &str = "08:00, 14:00, 22:00";

/// When a medicine is taken, as the "add a medicine" form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Before bedtime, reminded a lead ahead.
    Evening,
    /// Every morning at one time.
    Morning,
    /// At set times each day.
    Times,
}

impl Timing {
    /// Every timing, in the order the form lists them.
    pub const ALL: [Timing; 3] = [Timing::Evening, Timing::Morning, Timing::Times];

    /// The choice's words.
    pub fn label(self) -> &'static str {
        match self {
            Timing::Evening => "In the evening, before bedtime",
            Timing::Morning => "Every morning",
            Timing::Times => "At set times each day",
        }
    }
}

/// One lead a form offers: "90 min".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadChoice {
    /// Minutes before bedtime.
    pub minutes: u16,
    /// "90 min".
    pub label: String,
}

/// A whole-number range a form accepts, with its starting value when it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// Smallest accepted.
    pub min: u32,
    /// Largest accepted.
    pub max: u32,
    /// Where the form starts; `None` when the number is the user's or prescriber's to give.
    pub default: Option<u32>,
}

/// Everything the forms offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormChoices {
    /// The leads offered, shortest first.
    pub leads: Vec<LeadChoice>,
    /// The lead a new evening medicine starts with.
    pub default_lead_minutes: u16,
    /// When a medicine can be taken, in the form's order.
    pub timings: Vec<(Timing, String)>,
    /// A new morning medicine's time ("HH:MM").
    pub morning_time: String,
    /// A new set-times medicine's times, as typed ("08:00, 14:00, 22:00").
    pub times: String,
    /// Nights a step can be held (1–90, starting at 7).
    pub hold_nights: Range,
    /// Nights between a plan's steps (no default: the prescriber's).
    pub every_nights: Range,
    /// A proportional taper's cut, in percent (no default: the prescriber's).
    pub taper_percent: Range,
    /// The earliest and latest morning check-in time ("HH:MM").
    pub checkin_earliest: String,
    /// See `checkin_earliest`.
    pub checkin_latest: String,
}

/// The leads offered: every [`LEAD_STEP_MINUTES`] from the shortest to the longest allowed.
pub fn lead_choices() -> Vec<LeadChoice> {
    (MIN_LEAD_MINUTES..=MAX_LEAD_MINUTES)
        .step_by(usize::from(LEAD_STEP_MINUTES))
        .map(|minutes| LeadChoice {
            minutes,
            label: format!("{minutes} min"),
        })
        .collect()
}

/// What every form offers.
pub fn choices() -> FormChoices {
    let clock = |t: NaiveTime| t.format("%H:%M").to_string();
    let (earliest, latest) = checkin_time_range();
    FormChoices {
        leads: lead_choices(),
        default_lead_minutes: DEFAULT_LEAD_MINUTES,
        timings: Timing::ALL
            .iter()
            .map(|t| (*t, t.label().to_string()))
            .collect(),
        morning_time: DEFAULT_MORNING_TIME.into(),
        times: DEFAULT_TIMES.into(),
        hold_nights: Range {
            min: 1,
            max: MAX_HOLD_DAYS,
            default: Some(DEFAULT_HOLD_NIGHTS),
        },
        every_nights: Range {
            min: 1,
            max: MAX_EVERY_DAYS,
            default: None,
        },
        taper_percent: Range {
            min: 1,
            max: MAX_TAPER_PERCENT,
            default: None,
        },
        checkin_earliest: clock(earliest),
        checkin_latest: clock(latest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::medication::check_lead;
    use crate::schedule::parse_times;

    #[test]
    fn every_offered_value_is_one_the_rules_accept() {
        let c = choices();
        assert_eq!(
            c.leads.iter().map(|l| l.minutes).collect::<Vec<_>>(),
            [60, 75, 90, 105, 120]
        );
        assert!(c.leads.iter().all(|l| check_lead(l.minutes).is_ok()));
        assert!(c.leads.iter().any(|l| l.minutes == c.default_lead_minutes));
        assert_eq!(c.leads[2].label, "90 min");
        assert!(parse_times("times", &c.times).is_ok());
        assert!(parse_times("times", &c.morning_time).is_ok());
        let hold = c.hold_nights;
        assert!(hold
            .default
            .is_some_and(|d| (hold.min..=hold.max).contains(&d)));
        assert_eq!(c.every_nights.default, None, "the prescriber's number");
        assert_eq!(c.taper_percent.default, None, "the prescriber's number");
        assert_eq!(
            (c.checkin_earliest.as_str(), c.checkin_latest.as_str()),
            ("04:00", "12:00")
        );
        assert_eq!(c.timings.len(), 3);
    }
}
