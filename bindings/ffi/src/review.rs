//! Reviews with the prescriber (issue 9): the user records when one happened and chooses how
//! often they are due. Mirrors `eventide_core::review`; the `ReviewDue` suggestion and the
//! review notification follow from it.

use crate::time::Timestamp;

use eventide_core::review::{
    Review as CoreReview, ReviewStatus as CoreStatus, MAX_REVIEW_NOTE_CHARS,
    REVIEW_INTERVALS_MONTHS,
};
use eventide_core::zone::ZoneRules;

use crate::error::EventideError;
use crate::eventide::Eventide;
use crate::time::{date_text, parse_opt_date, phone_time, PhoneTime};

type Res<T> = Result<T, EventideError>;

/// A review the user recorded.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Review {
    /// Stable id.
    pub id: String,
    /// The day it happened, "YYYY-MM-DD".
    pub on: String,
    /// What the user noted, if anything.
    pub note: Option<String>,
    /// When it was recorded.
    pub recorded_at: PhoneTime,
}

fn review(r: &CoreReview, zone: &dyn ZoneRules) -> Review {
    Review {
        id: r.id.to_string(),
        on: date_text(r.on),
        note: r.note.clone(),
        recorded_at: phone_time(zone, r.recorded_at),
    }
}

/// Where the review cycle stands, for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReviewStatus {
    /// Reviews are due every this many months.
    pub interval_months: u32,
    /// The last recorded review, "YYYY-MM-DD".
    pub last_review: Option<String>,
    /// The day the cycle counts from (the last review, else the first plan).
    pub counting_from: Option<String>,
    /// When the next review is due, if anything is being counted.
    pub due_on: Option<String>,
    /// The line to show: "Next review due Thu 18 Feb 2027 (every 3 months)."
    pub summary: String,
}

impl From<CoreStatus> for ReviewStatus {
    fn from(s: CoreStatus) -> Self {
        ReviewStatus {
            interval_months: s.interval_months,
            last_review: s.last_review.map(date_text),
            counting_from: s.counting_from.map(date_text),
            due_on: s.due_on.map(date_text),
            summary: s.summary(),
        }
    }
}

/// The intervals a user can choose, in months (the settings screen's choices).
#[uniffi::export]
pub fn review_interval_choices() -> Vec<u32> {
    REVIEW_INTERVALS_MONTHS.to_vec()
}

/// The longest note kept with a review, in characters.
#[uniffi::export]
pub fn max_review_note_chars() -> u32 {
    u32::try_from(MAX_REVIEW_NOTE_CHARS).unwrap_or(u32::MAX)
}

#[uniffi::export]
impl Eventide {
    /// Records a review with the prescriber on `on` ("YYYY-MM-DD", default today); the
    /// review cycle restarts from it.
    pub fn record_review(
        &self,
        on: Option<String>,
        note: Option<String>,
        now: Timestamp,
    ) -> Res<Review> {
        let now = self.begin(now)?;
        let on = parse_opt_date("on", on)?;
        let r = self.companion().record_review(on, note, now)?;
        Ok(review(&r, self.zone().as_ref()))
    }

    /// Every recorded review, oldest first.
    pub fn reviews(&self) -> Res<Vec<Review>> {
        let zone = self.zone();
        Ok(self
            .companion()
            .reviews()?
            .iter()
            .map(|r| review(r, zone.as_ref()))
            .collect())
    }

    /// Chooses how often reviews are due (one of `review_interval_choices()`).
    pub fn set_review_interval(&self, months: u32) -> Res<ReviewStatus> {
        Ok(self.companion().set_review_interval(months)?.into())
    }

    /// Where the review cycle stands.
    pub fn review_status(&self) -> Res<ReviewStatus> {
        Ok(self.companion().review_status()?.into())
    }
}
