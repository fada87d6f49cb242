//! Reviews with the prescriber: the user records when one happened and chooses how often they
//! are due (every 3 or 6 months). The `review_due` suggestion and the `review:{date}`
//! notification both count from the last recorded review, or from the first plan when none
//! has been recorded yet.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::catalogue;
use crate::error::{Error, Result};
use crate::notify::{self, DesiredNotification, NotificationKind};
use crate::plan::Plan;
use crate::schedule::{self, DaySettings};
use crate::store::Tables;
use crate::zone::{resolve_local, to_local, ZoneRules};
use crate::Companion;

/// The review intervals a user can choose, in months: reviews are every three to six months.
pub const REVIEW_INTERVALS_MONTHS: [u32; 2] = [3, 6];
/// The interval until the user picks one.
pub const DEFAULT_REVIEW_INTERVAL_MONTHS: u32 = 6;
/// Longest note kept with a review.
pub const MAX_REVIEW_NOTE_CHARS: usize = 500;
/// The settings key of the interval.
const INTERVAL_KEY: &str = "review_interval_months";

/// A review with the prescriber that the user recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Stable id.
    pub id: Uuid,
    /// The day it took place.
    pub on: NaiveDate,
    /// What was agreed, in the user's words.
    pub note: Option<String>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// Where the review cycle stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewStatus {
    /// Months between reviews (3 or 6).
    pub interval_months: u32,
    /// The last recorded review, if any.
    pub last_review: Option<NaiveDate>,
    /// The day the cycle counts from: the last review, or the first plan's start.
    pub counting_from: Option<NaiveDate>,
    /// The day the next review is due, once there is something to review.
    pub due_on: Option<NaiveDate>,
}

impl ReviewStatus {
    /// One line for the settings screen: "Next review due Thu 18 Feb 2027 (every 3 months)."
    /// or, before any plan, "Reviews every 6 months, counted from your first plan."
    pub fn summary(&self) -> String {
        let every = format!("every {} months", self.interval_months);
        match self.due_on {
            Some(due) => format!("Next review due {} ({every}).", due.format("%a %-d %b %Y")),
            None => format!("Reviews {every}, counted from your first plan."),
        }
    }
}

/// The interval the user chose (or the default).
pub fn interval_months(t: &Tables<'_>) -> Result<u32> {
    Ok(t.setting(INTERVAL_KEY)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|m| REVIEW_INTERVALS_MONTHS.contains(m))
        .unwrap_or(DEFAULT_REVIEW_INTERVAL_MONTHS))
}

/// Where the review cycle stands, from the store.
pub fn status(t: &Tables<'_>) -> Result<ReviewStatus> {
    status_with(t, &t.plans()?)
}

/// [`status`], with every plan version already loaded (`plans`).
pub(crate) fn status_with(t: &Tables<'_>, plans: &[Plan]) -> Result<ReviewStatus> {
    let interval = interval_months(t)?;
    let last_review = t.reviews()?.iter().map(|r| r.on).max();
    let first_plan = plans.iter().map(|p| p.starts_on).min();
    let counting_from = last_review.or(first_plan);
    Ok(ReviewStatus {
        interval_months: interval,
        last_review,
        counting_from,
        due_on: counting_from.and_then(|f| due_after(f, interval)),
    })
}

/// The day a review is due `months` after `from`.
pub fn due_after(from: NaiveDate, months: u32) -> Option<NaiveDate> {
    from.checked_add_months(Months::new(months))
}

/// The review reminder, when the due day falls in `first..=last`: it fires at the check-in
/// time of the due day.
pub fn notification(
    t: &Tables<'_>,
    plans: &[Plan],
    settings: &DaySettings,
    zone: &dyn ZoneRules,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<DesiredNotification>> {
    let s = status_with(t, plans)?;
    let Some(due) = s.due_on.filter(|d| (first..=last).contains(d)) else {
        return Ok(vec![]);
    };
    let fire_at = resolve_local(zone, due.and_time(settings.checkin_time));
    let id = format!("{}:{due}", NotificationKind::Review.code());
    let months = [("months", s.interval_months.to_string())];
    let (title, body) = match catalogue::entry("review_reminder") {
        Some(e) => (e.title.to_string(), catalogue::render(e.text, &months)),
        None => ("Review".to_string(), String::new()),
    };
    Ok(vec![DesiredNotification {
        numeric_id: notify::numeric_id(&id),
        id,
        kind: NotificationKind::Review,
        fire_at,
        fire_at_local: to_local(zone, fire_at),
        title,
        body,
        medication_id: None,
        medication_name: None,
        date: due,
        actions: vec![],
        category: notify::Category::Review,
        wall_clock: Some(to_local(zone, fire_at).naive_local()),
    }])
}

impl Companion {
    /// Records a review with the prescriber on `on` (default: today); the review cycle and
    /// the `review_due` suggestion restart from it.
    pub fn record_review(
        &self,
        on: Option<NaiveDate>,
        note: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Review> {
        let today = schedule::local_date(self.zone_rules().as_ref(), now);
        let on = on.unwrap_or(today);
        if on > today {
            return Err(Error::invalid(
                "on",
                format!("{on} has not come yet; record a review once it has happened"),
            ));
        }
        let note = match note.map(|n| n.trim().to_string()) {
            Some(n) if n.chars().count() > MAX_REVIEW_NOTE_CHARS => {
                return Err(Error::invalid(
                    "note",
                    format!("at most {MAX_REVIEW_NOTE_CHARS} characters"),
                ))
            }
            Some(n) if n.chars().any(|c| c.is_control() && c != '\n') => {
                return Err(Error::invalid(
                    "note",
                    "the note contains control characters",
                ))
            }
            Some(n) => (!n.is_empty()).then_some(n),
            None => None,
        };
        let review = Review {
            id: Uuid::new_v4(),
            on,
            note,
            recorded_at: now,
        };
        self.with_store(|s| s.write(|t| t.insert_review(&review)))?;
        Ok(review)
    }

    /// Every recorded review, oldest first.
    pub fn reviews(&self) -> Result<Vec<Review>> {
        self.with_store(|s| s.read().reviews())
    }

    /// Chooses how often reviews are due: 3 or 6 months.
    pub fn set_review_interval(&self, months: u32) -> Result<ReviewStatus> {
        if !REVIEW_INTERVALS_MONTHS.contains(&months) {
            return Err(Error::invalid(
                "months",
                "reviews can be every 3 or 6 months",
            ));
        }
        self.with_store(|s| {
            s.write(|t| {
                t.set_setting(INTERVAL_KEY, &months.to_string())?;
                status(t)
            })
        })
    }

    /// Where the review cycle stands.
    pub fn review_status(&self) -> Result<ReviewStatus> {
        self.with_store(|s| status(&s.read()))
    }
}
