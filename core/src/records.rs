//! One validation for every record, used both when the app writes it and when a backup is
//! restored, so that whatever the public API accepts can always be restored, and a restore
//! refuses only what the app itself would never have written.
//!
//! The store calls these checks before every insert and update; the backup's restore calls
//! the same ones on every record it reads back (`backup::check_records`). A record is judged
//! by itself and its own timestamps — a check-in is no later than the day after it was
//! answered, a plan starts within a year of being saved — so the same rule holds at any
//! later moment, including a restore years afterwards. Rules that depend on the moment of
//! the request (a check-in at most a month back, a review not in the future) are the
//! companion's and only ever narrow what these accept.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Utc};

use crate::checkin::{CheckIn, MAX_NOTE_CHARS, MAX_PAIN};
use crate::doselog::{DoseAction, DoseEvent};
use crate::error::{Error, Result};
use crate::medication::{check_latest, validate_name, Medication, MAX_STRENGTHS};
use crate::plan::{Plan, PlanEvent, PlanEventKind};
use crate::review::{Review, MAX_REVIEW_NOTE_CHARS};
use crate::schedule::{DaySettings, MORNING_STARTS_HOUR};
use crate::units::MAX_AMOUNT_MG;

/// No date or time Eventide keeps is before this year…
pub const EARLIEST_YEAR: i32 = 2000;
/// …or after this one.
pub const LATEST_YEAR: i32 = 2199;
/// Latest a plan may start after it is saved: plans are written ahead, but not years ahead.
pub const MAX_PLAN_START_AHEAD_DAYS: i64 = 366;
/// Longest hold of a plan step, in nights.
pub const MAX_HOLD_DAYS: u32 = 90;

/// The first day a record may be about.
pub fn earliest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(EARLIEST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day a record may be about.
pub fn latest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(LATEST_YEAR, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// A calendar date inside the years Eventide keeps; `field` names it in the error.
pub fn check_date(field: &str, date: NaiveDate) -> Result<()> {
    if (EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("{date} is outside the years {EARLIEST_YEAR}–{LATEST_YEAR} Eventide keeps"),
        ))
    }
}

/// The moment a record is written: the phone's clock must be inside the years Eventide keeps
/// (a phone reset to 1970 writes nothing until its date is set).
pub fn check_now(now: DateTime<Utc>) -> Result<()> {
    check_instant("now", now.fixed_offset())
}

fn check_instant(field: &str, at: DateTime<FixedOffset>) -> Result<()> {
    if (EARLIEST_YEAR..=LATEST_YEAR).contains(&at.year()) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!(
                "the phone's clock says {}; set its date and time, then try again",
                at.format("%Y-%m-%d %H:%M")
            ),
        ))
    }
}

/// The highest amount in micrograms any record may hold.
pub fn max_amount_ug() -> u32 {
    (MAX_AMOUNT_MG * 1000.0) as u32
}

/// A medicine as stored: a trimmed name, one to [`MAX_STRENGTHS`] strengths of each form
/// within range, a valid slot and latest time, added inside the years Eventide keeps.
pub fn medication(med: &Medication) -> Result<()> {
    match validate_name(&med.name) {
        Ok(name) if name == med.name => {}
        Ok(_) => return Err(Error::invalid("name", "the name has spaces around it")),
        Err(e) => return Err(e),
    }
    for (field, list) in [("tablet", &med.tablets), ("liquid", &med.liquids_per_5ml)] {
        if list.len() > MAX_STRENGTHS {
            return Err(Error::invalid(
                field,
                format!("at most {MAX_STRENGTHS} strengths"),
            ));
        }
        if let Some(bad) = list.iter().find(|s| s.0 == 0 || s.0 > max_amount_ug()) {
            return Err(Error::invalid(
                field,
                format!("a strength of {} µg is not one the app accepts", bad.0),
            ));
        }
        if list.windows(2).any(|w| w.first() >= w.get(1)) {
            return Err(Error::invalid(
                field,
                "strengths must be listed once each, ascending",
            ));
        }
    }
    if med.tablets.is_empty() && med.liquids_per_5ml.is_empty() {
        return Err(Error::invalid("strengths", "the medicine has no strengths"));
    }
    if med.slot.clone().validated()? != med.slot {
        return Err(Error::invalid("times", "the times of day must be in order"));
    }
    check_latest(med.latest_after_bedtime_minutes)?;
    check_instant("now", med.added_at.fixed_offset())
}

/// The bedtimes and check-in time: the check-in between 04:00 and 12:00, every bedtime in the
/// evening or before that check-in time ([`check_bedtime`]).
pub fn settings(s: &DaySettings) -> Result<()> {
    check_checkin_time(s.checkin_time)?;
    check_bedtime(s.bedtimes.default, s.checkin_time)?;
    for time in s.bedtimes.by_weekday.iter().flatten() {
        check_bedtime(*time, s.checkin_time)?;
    }
    Ok(())
}

/// The latest morning check-in time: noon.
pub const LATEST_CHECKIN_HOUR: u32 = 12;

/// The earliest and latest morning check-in times (04:00 and 12:00).
pub fn checkin_time_range() -> (NaiveTime, NaiveTime) {
    (
        NaiveTime::from_hms_opt(MORNING_STARTS_HOUR, 0, 0).unwrap_or(NaiveTime::MIN),
        NaiveTime::from_hms_opt(LATEST_CHECKIN_HOUR, 0, 0).unwrap_or(NaiveTime::MIN),
    )
}

/// The morning check-in time, which is also when the app's day rolls over: 04:00–12:00.
pub fn check_checkin_time(time: NaiveTime) -> Result<()> {
    let (morning, noon) = checkin_time_range();
    if time < morning || time > noon {
        return Err(Error::invalid(
            "checkin-time",
            format!(
                "the morning check-in must be between {} and {}, not {}",
                morning.format("%H:%M"),
                noon.format("%H:%M"),
                time.format("%H:%M")
            ),
        ));
    }
    Ok(())
}

/// A bedtime from noon on is that evening's; one before noon is after midnight and belongs to
/// the evening before, so it must come before the morning check-in time, when the app's day
/// rolls over (07:30 for a night-shift sleeper with an 08:00 check-in is fine). A morning time
/// after the check-in would put the evening dose in the next day: it is refused with the
/// evening reading offered ("10:30" → "22:30"), never guessed.
pub fn check_bedtime(time: NaiveTime, checkin: NaiveTime) -> Result<()> {
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN);
    if time < noon && time >= checkin {
        let evening = time + Duration::hours(12);
        return Err(Error::invalid(
            "bedtime",
            format!(
                "{} is after the {} morning check-in, so the evening dose would fall in the next morning; times are 24-hour: for the evening write {}",
                time.format("%H:%M"),
                checkin.format("%H:%M"),
                evening.format("%H:%M")
            ),
        ));
    }
    Ok(())
}

/// A plan version: version 1 or later, valid numbers, saved inside the years Eventide keeps
/// and starting no more than [`MAX_PLAN_START_AHEAD_DAYS`] after it was saved.
pub fn plan(p: &Plan) -> Result<()> {
    if p.version == 0 {
        return Err(Error::invalid("version", "plan versions start at 1"));
    }
    p.kind.validate()?;
    check_instant("now", p.created_at.fixed_offset())?;
    check_plan_start(p.starts_on, p.created_at.date_naive())
}

/// A plan's first night: inside the years Eventide keeps and within a year of `saved_on`.
pub fn check_plan_start(starts_on: NaiveDate, saved_on: NaiveDate) -> Result<()> {
    check_date("starts_on", starts_on)?;
    let latest = saved_on + Duration::days(MAX_PLAN_START_AHEAD_DAYS);
    if starts_on > latest {
        return Err(Error::invalid(
            "starts_on",
            format!("{starts_on} is more than a year ahead; plans can start up to {latest}"),
        ));
    }
    Ok(())
}

/// A hold of 1 to [`MAX_HOLD_DAYS`] nights, or a tolerance confirmation, dated sensibly.
pub fn plan_event(e: &PlanEvent) -> Result<()> {
    if let PlanEventKind::Hold { days } = e.kind {
        if days == 0 || days > MAX_HOLD_DAYS {
            return Err(Error::invalid(
                "days",
                format!("hold for 1 to {MAX_HOLD_DAYS} nights, not {days}"),
            ));
        }
    }
    check_date("night", e.night)?;
    check_instant("now", e.recorded_at.fixed_offset())
}

/// A dose log entry: an amount within range, a night no later than the day after it was
/// recorded, and a time taken (when given) inside the years kept and not after the recording.
pub fn dose_event(e: &DoseEvent) -> Result<()> {
    if let DoseAction::Taken { amount, .. } = e.action {
        if amount.0 > max_amount_ug() {
            return Err(Error::invalid(
                "dose",
                format!("a dose of {} µg is more than the app accepts", amount.0),
            ));
        }
    }
    check_instant("now", e.recorded_at)?;
    check_date("night", e.night)?;
    if e.night > e.recorded_at.date_naive() + Duration::days(1) {
        return Err(Error::invalid(
            "night",
            format!("{} has not come yet", e.night),
        ));
    }
    if let Some(taken) = e.taken_at {
        check_instant("at", taken)?;
        if taken > e.recorded_at {
            return Err(Error::invalid(
                "at",
                format!("{} has not come yet", taken.format("%H:%M")),
            ));
        }
    }
    Ok(())
}

/// A check-in: pain 0–10, a note of at most [`MAX_NOTE_CHARS`] without control characters
/// (line breaks allowed), about a morning no later than the day after it was answered.
pub fn checkin(c: &CheckIn) -> Result<()> {
    if let Some(p) = c.pain.filter(|p| *p > MAX_PAIN) {
        return Err(Error::invalid(
            "pain",
            format!("use 0 (none) to {MAX_PAIN} (worst), not {p}"),
        ));
    }
    if let Some(note) = &c.note {
        check_note("note", note, MAX_NOTE_CHARS)?;
    }
    check_instant("now", c.recorded_at)?;
    check_date("morning", c.morning)?;
    if c.morning > c.recorded_at.date_naive() + Duration::days(1) {
        return Err(Error::invalid(
            "morning",
            format!("{} has not come yet", c.morning),
        ));
    }
    Ok(())
}

/// A review: on a day no later than the day after it was recorded, with a bounded note.
pub fn review(r: &Review) -> Result<()> {
    if let Some(note) = &r.note {
        check_note("note", note, MAX_REVIEW_NOTE_CHARS)?;
    }
    check_instant("now", r.recorded_at.fixed_offset())?;
    check_date("on", r.on)?;
    if r.on > r.recorded_at.date_naive() + Duration::days(1) {
        return Err(Error::invalid(
            "on",
            format!(
                "{} has not come yet; record a review once it has happened",
                r.on
            ),
        ));
    }
    Ok(())
}

/// A note: trimmed, not empty, at most `max` characters, no control characters but line breaks.
pub fn check_note(field: &str, note: &str, max: usize) -> Result<()> {
    if note.chars().count() > max {
        return Err(Error::invalid(field, format!("at most {max} characters")));
    }
    if note.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::invalid(
            field,
            "the note contains control characters",
        ));
    }
    if note.trim() != note || note.is_empty() {
        return Err(Error::invalid(field, "the note has spaces around it"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn a_morning_bedtime_after_the_checkin_is_refused_with_its_evening_reading() {
        let err = check_bedtime(t(10, 30), t(8, 0)).unwrap_err();
        assert!(err.to_string().contains("22:30"), "{err}");
        for ok in [t(0, 30), t(7, 30), t(12, 0), t(22, 30), t(23, 59)] {
            assert!(check_bedtime(ok, t(8, 0)).is_ok(), "{ok}");
        }
        assert!(check_bedtime(t(8, 0), t(8, 0)).is_err());
        assert!(check_bedtime(t(7, 30), t(6, 0)).is_err());
    }

    #[test]
    fn dates_outside_the_kept_years_are_named() {
        let err = check_date("on", NaiveDate::from_ymd_opt(1999, 12, 31).unwrap()).unwrap_err();
        assert!(err.to_string().starts_with("on: 1999-12-31"), "{err}");
        assert!(check_date("on", earliest_date()).is_ok());
        assert!(check_date("on", latest_date()).is_ok());
    }
}
