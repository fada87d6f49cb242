//! When each dose is due: bedtimes, the night a moment belongs to, and every dose occurrence
//! in a window of nights, as instants computed from wall-clock times in the device zone.
//!
//! # Nights and days
//! The app's day rolls over at the morning check-in time (default 08:00), not at midnight: at
//! 01:00 the user is still in "last night", whose evening dose may still be taken. A bedtime
//! before noon (00:30) belongs to the evening before, so "bedtime 00:30 on Friday" is the
//! early hours of Saturday.
//!
//! # Occurrences and their cutoffs
//! Every dose has a key (medication, slot index, night), a due instant, and a window in which
//! it can be recorded as taken: from [`EARLY_WINDOW_MINUTES`] before it is due (`opens`) until
//! its `cutoff`:
//! - evening: due at the night's bedtime minus the medicine's lead; its cutoff is its latest
//!   time, that night's bedtime plus the medicine's `latest_after_bedtime_minutes` (default two
//!   hours). A bedtime dose forgotten until then is not taken late — it makes the next day
//!   drowsy — so after it the dose is missed, and the next night's dose stays what the plan
//!   says: a missed dose is never doubled;
//! - morning: the fixed time on that day; it can be taken until 12 hours later;
//! - fixed times: each time on that day; each can be taken until the next one is due.
//!
//! A dose due before the medicine was added was never asked of the user: it is never missed
//! nor counted. One whose window had closed by then does not exist; one still open can be
//! recorded (someone adding their medicine at 21:05 takes tonight's dose), and if it is not,
//! it simply drops out once its window closes ([`crate::doselog::asked_status`]).
//!
//! Wall-clock times follow the user: 21:00 stays 21:00 local after a flight or a clock change.
//! Local times that do not exist or happen twice follow the rule in [`crate::zone`].

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::medication::{Medication, Slot};
use crate::zone::{resolve_local, to_local, ZoneRules};

/// The check-in time when the user has not chosen one.
pub const DEFAULT_CHECKIN_TIME: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// The bedtime when the user has not chosen one.
pub const DEFAULT_BEDTIME: NaiveTime = match NaiveTime::from_hms_opt(22, 30, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// A dose taken more than this after it was due is recorded as late.
pub const LATE_AFTER_MINUTES: i64 = 120;
/// How long a morning dose can still be taken after it was due.
pub const MORNING_WINDOW_HOURS: i64 = 12;
/// Any dose may be recorded as taken this long before it is due: a fixed-time dose a little
/// early, an evening dose before going out.
pub const EARLY_WINDOW_MINUTES: i64 = 120;
/// Most nights a schedule is computed for at once.
pub const MAX_WINDOW_NIGHTS: u32 = 62;

/// The user's bedtimes: one default and optional ones for particular evenings of the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bedtimes {
    /// Used on every evening without its own bedtime.
    pub default: NaiveTime,
    /// Monday first: the bedtime of that weekday's evening, when it differs from the default.
    pub by_weekday: [Option<NaiveTime>; 7],
}

impl Default for Bedtimes {
    fn default() -> Self {
        Bedtimes {
            default: DEFAULT_BEDTIME,
            by_weekday: [None; 7],
        }
    }
}

impl Bedtimes {
    /// The bedtime of the evening of `night` (by that evening's weekday).
    pub fn for_night(&self, night: NaiveDate) -> NaiveTime {
        self.by_weekday
            .get(night.weekday().num_days_from_monday() as usize)
            .copied()
            .flatten()
            .unwrap_or(self.default)
    }

    /// Sets the bedtime for the given evenings, or the default when `days` is empty.
    pub fn set(&mut self, time: NaiveTime, days: &[Weekday]) {
        if days.is_empty() {
            self.default = time;
            return;
        }
        for day in days {
            if let Some(slot) = self.by_weekday.get_mut(day.num_days_from_monday() as usize) {
                *slot = Some(time);
            }
        }
    }
}

/// What the schedule needs to know about the user's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySettings {
    /// When they go to bed.
    pub bedtimes: Bedtimes,
    /// When the morning check-in is asked, and when the app's day rolls over.
    pub checkin_time: NaiveTime,
}

impl Default for DaySettings {
    fn default() -> Self {
        DaySettings {
            bedtimes: Bedtimes::default(),
            checkin_time: DEFAULT_CHECKIN_TIME,
        }
    }
}

/// Parses a wall-clock time typed as "HH:MM" (24-hour), naming `field` on error.
pub fn parse_time(field: &str, text: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
        Error::invalid(
            field,
            format!("\"{text}\" is not a time of day; use 24-hour HH:MM such as 22:30"),
        )
    })
}

/// Longest text [`parse_times`] reads.
pub const MAX_TIMES_TEXT_CHARS: usize = 100;

/// Reads a list of times of day as typed into one box ("08:00, 14:00, 22:00", "8:00 14:00"),
/// so both phone shells read a several-times-a-day medicine alike. Separators are commas,
/// semicolons and spaces; each time is 24-hour HH:MM. Anything else is refused, naming it.
pub fn parse_times(field: &str, text: &str) -> Result<Vec<NaiveTime>> {
    if text.chars().count() > MAX_TIMES_TEXT_CHARS {
        return Err(Error::invalid(
            field,
            format!("at most {MAX_TIMES_TEXT_CHARS} characters"),
        ));
    }
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|piece| !piece.is_empty())
        .map(|piece| parse_time(field, piece))
        .collect()
}

/// The local wall-clock time of `night`'s bedtime: on that date, or the next one for a bedtime
/// before noon (after midnight).
pub fn bedtime_local(settings: &DaySettings, night: NaiveDate) -> NaiveDateTime {
    let time = settings.bedtimes.for_night(night);
    let date = if time < NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN) {
        night.succ_opt().unwrap_or(night)
    } else {
        night
    };
    date.and_time(time)
}

/// The night an instant belongs to: the local date, or the day before until the check-in time.
pub fn night_of(settings: &DaySettings, zone: &dyn ZoneRules, now: DateTime<Utc>) -> NaiveDate {
    let local = to_local(zone, now).naive_local();
    if local.time() < settings.checkin_time {
        local.date().pred_opt().unwrap_or(local.date())
    } else {
        local.date()
    }
}

/// The hour from which a check-in counts for the new morning: someone answering at 06:30
/// before the 08:00 prompt is telling about the night just gone.
pub const MORNING_STARTS_HOUR: u32 = 4;

/// The morning a check-in at `now` is about: the local date, or the day before in the small
/// hours (before [`MORNING_STARTS_HOUR`]).
pub fn morning_of(zone: &dyn ZoneRules, now: DateTime<Utc>) -> NaiveDate {
    let local = to_local(zone, now).naive_local();
    let starts = NaiveTime::from_hms_opt(MORNING_STARTS_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    if local.time() < starts {
        local.date().pred_opt().unwrap_or(local.date())
    } else {
        local.date()
    }
}

/// The local calendar date of an instant.
pub fn local_date(zone: &dyn ZoneRules, now: DateTime<Utc>) -> NaiveDate {
    to_local(zone, now).date_naive()
}

/// One dose the user should take: its key, when it is due and until when it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// The medicine.
    pub medication_id: Uuid,
    /// 0 for evening and morning slots; the index of the time for fixed-times slots.
    pub slot_index: u32,
    /// The night (evening slots) or day (morning and fixed times) it belongs to.
    pub night: NaiveDate,
    /// When the reminder fires.
    pub due: DateTime<Utc>,
    /// From when it can be recorded as taken ([`EARLY_WINDOW_MINUTES`] before `due`).
    pub opens: DateTime<Utc>,
    /// Its latest time: after this it is missed, and no longer offered.
    pub cutoff: DateTime<Utc>,
    /// False for a dose due before the medicine was added: it can be recorded while its window
    /// is open, but is never missed.
    pub missable: bool,
}

impl Occurrence {
    /// True when a dose taken at `at` falls inside the window this occurrence can be recorded in.
    pub fn window_contains(&self, at: DateTime<Utc>) -> bool {
        self.opens <= at && at < self.cutoff
    }
}

impl Occurrence {
    /// The stable text key of the occurrence, also the notification id of its reminder.
    pub fn key(&self) -> String {
        dose_key(self.medication_id, self.slot_index, self.night)
    }
}

/// "dose:{medication}:{slot}:{night}" — the key of a dose occurrence.
pub fn dose_key(medication_id: Uuid, slot_index: u32, night: NaiveDate) -> String {
    format!("dose:{medication_id}:{slot_index}:{night}")
}

/// The occurrences of `med` on `night` (one for evening/morning, one per time otherwise),
/// leaving out those whose window had closed before the medicine was added.
pub fn occurrences_on(
    settings: &DaySettings,
    zone: &dyn ZoneRules,
    med: &Medication,
    night: NaiveDate,
) -> Vec<Occurrence> {
    let mut all = all_occurrences_on(settings, zone, med, night);
    all.retain(|o| o.cutoff > med.added_at);
    for o in &mut all {
        o.missable = o.due >= med.added_at;
    }
    all
}

fn all_occurrences_on(
    settings: &DaySettings,
    zone: &dyn ZoneRules,
    med: &Medication,
    night: NaiveDate,
) -> Vec<Occurrence> {
    let at = |date: NaiveDate, time: NaiveTime| resolve_local(zone, date.and_time(time));
    let make = |slot_index: u32, due: DateTime<Utc>, cutoff: DateTime<Utc>| Occurrence {
        medication_id: med.id,
        slot_index,
        night,
        due,
        opens: due - Duration::minutes(EARLY_WINDOW_MINUTES),
        cutoff,
        missable: true,
    };
    let next_day = night.succ_opt().unwrap_or(night);
    match &med.slot {
        Slot::Evening { lead_minutes } => {
            let bed = bedtime_local(settings, night);
            let due = resolve_local(zone, bed - Duration::minutes(i64::from(*lead_minutes)));
            let latest = bed + Duration::minutes(i64::from(med.latest_after_bedtime_minutes));
            vec![make(0, due, resolve_local(zone, latest).max(due))]
        }
        Slot::Morning { time } => {
            let due = at(night, *time);
            vec![make(0, due, due + Duration::hours(MORNING_WINDOW_HOURS))]
        }
        Slot::Times { times } => {
            let dues: Vec<DateTime<Utc>> = times.iter().map(|t| at(night, *t)).collect();
            let first_tomorrow = times.first().map(|t| at(next_day, *t));
            dues.iter()
                .enumerate()
                .map(|(i, &due)| {
                    let next = dues
                        .get(i + 1)
                        .copied()
                        .or(first_tomorrow)
                        .unwrap_or(due + Duration::hours(24));
                    make(
                        u32::try_from(i).unwrap_or(u32::MAX),
                        due,
                        next.max(due + Duration::minutes(30)),
                    )
                })
                .collect()
        }
    }
}

/// Every occurrence of `meds` on nights `first..=last` (at most [`MAX_WINDOW_NIGHTS`]),
/// soonest first.
pub fn occurrences_between(
    settings: &DaySettings,
    zone: &dyn ZoneRules,
    meds: &[Medication],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for night in first
        .iter_days()
        .take_while(|d| *d <= last)
        .take(MAX_WINDOW_NIGHTS as usize)
    {
        for med in meds {
            out.extend(occurrences_on(settings, zone, med, night));
        }
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.key().cmp(&b.key())));
    out
}

/// The day whose doses the home screen shows for `med` at `now`: the current night for
/// evening medicines, the local calendar date for morning and fixed-time ones.
pub fn current_day_for(
    settings: &DaySettings,
    zone: &dyn ZoneRules,
    med: &Medication,
    now: DateTime<Utc>,
) -> NaiveDate {
    match med.slot {
        Slot::Evening { .. } => night_of(settings, zone, now),
        Slot::Morning { .. } | Slot::Times { .. } => local_date(zone, now),
    }
}

/// True when a dose due at `due` and taken at `taken_at` counts as late.
pub fn is_late(due: DateTime<Utc>, taken_at: DateTime<Utc>) -> bool {
    taken_at > due + Duration::minutes(LATE_AFTER_MINUTES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingredient::Ingredient;

    #[test]
    fn a_list_of_times_is_read_as_typed_and_a_wrong_one_is_named() {
        let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(
            parse_times("times", "08:00, 14:00;22:00").unwrap(),
            vec![hm(8, 0), hm(14, 0), hm(22, 0)]
        );
        assert_eq!(
            parse_times("times", " 8:00  14:30 ").unwrap(),
            vec![hm(8, 0), hm(14, 30)]
        );
        assert_eq!(parse_times("times", "").unwrap(), vec![]);
        let err = parse_times("times", "08:00, 8 pm").unwrap_err();
        assert!(err.to_string().contains("\"8\""), "{err}");
        assert!(parse_times("times", &"08:00 ".repeat(30)).is_err());
    }
    use crate::units::Micrograms;
    use chrono_tz::Tz;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(crate) fn evening_med(lead: u16) -> Medication {
        Medication {
            id: Uuid::from_u128(1),
            name: "Amitriptyline".into(),
            ingredient: Ingredient::Amitriptyline,
            added_at: chrono::DateTime::UNIX_EPOCH,
            latest_after_bedtime_minutes: crate::medication::DEFAULT_LATEST_AFTER_BEDTIME_MINUTES,
            tablets: vec![Micrograms::mg(10)],
            can_halve: false,
            liquids_per_5ml: vec![],
            slot: Slot::Evening { lead_minutes: lead },
        }
    }

    fn settings() -> DaySettings {
        let mut s = DaySettings::default();
        s.bedtimes.set(t(23, 30), &[Weekday::Fri, Weekday::Sat]);
        s
    }

    fn local(zone: Tz, at: DateTime<Utc>) -> String {
        to_local(&zone, at).format("%a %H:%M %z").to_string()
    }

    #[test]
    fn weekend_bedtimes_move_the_evening_reminder() {
        let zone: Tz = "Europe/London".parse().unwrap();
        let med = evening_med(90);
        let occ = occurrences_between(&settings(), &zone, &[med], d(2026, 6, 4), d(2026, 6, 7));
        let shown: Vec<String> = occ.iter().map(|o| local(zone, o.due)).collect();
        assert_eq!(
            shown,
            [
                "Thu 21:00 +0100",
                "Fri 22:00 +0100",
                "Sat 22:00 +0100",
                "Sun 21:00 +0100"
            ]
        );
    }

    #[test]
    fn a_bedtime_after_midnight_belongs_to_the_night_before() {
        let zone: Tz = "Europe/London".parse().unwrap();
        let mut s = DaySettings::default();
        s.bedtimes.set(t(0, 30), &[Weekday::Fri]);
        // Friday 5 June: bed at 00:30 on Saturday, reminder 23:00 on Friday.
        let occ = occurrences_on(&s, &zone, &evening_med(90), d(2026, 6, 5));
        assert_eq!(
            occ.iter().map(|o| local(zone, o.due)).collect::<Vec<_>>(),
            ["Fri 23:00 +0100"]
        );
        // Its latest time is two hours after that bedtime, early on Saturday.
        assert_eq!(
            occ.first().map(|o| local(zone, o.cutoff)),
            Some("Sat 02:30 +0100".into())
        );
    }

    #[test]
    fn the_night_rolls_over_at_the_checkin_time() {
        let zone: Tz = "Europe/London".parse().unwrap();
        let s = DaySettings::default();
        let at = |h| resolve_local(&zone, d(2026, 6, 6).and_time(t(h, 0)));
        assert_eq!(night_of(&s, &zone, at(1)), d(2026, 6, 5));
        assert_eq!(night_of(&s, &zone, at(7)), d(2026, 6, 5));
        assert_eq!(night_of(&s, &zone, at(8)), d(2026, 6, 6));
    }

    #[test]
    fn wall_clock_times_survive_the_clock_change_and_travel() {
        let london: Tz = "Europe/London".parse().unwrap();
        let med = evening_med(90);
        let s = DaySettings::default();
        let occ = occurrences_between(
            &s,
            &london,
            std::slice::from_ref(&med),
            d(2026, 3, 27),
            d(2026, 3, 31),
        );
        let shown: Vec<String> = occ.iter().map(|o| local(london, o.due)).collect();
        assert_eq!(
            shown,
            [
                "Fri 21:00 +0000",
                "Sat 21:00 +0000",
                "Sun 21:00 +0100",
                "Mon 21:00 +0100",
                "Tue 21:00 +0100"
            ]
        );
        // Flying to New York: the same night's dose is at 21:00 there.
        let ny: Tz = "America/New_York".parse().unwrap();
        let there = occurrences_on(&s, &ny, &med, d(2026, 3, 31));
        assert_eq!(
            there.first().map(|o| local(ny, o.due)),
            Some("Tue 21:00 -0400".into())
        );
    }

    #[test]
    fn fixed_times_run_until_the_next_one() {
        let zone: Tz = "Asia/Kolkata".parse().unwrap();
        let mut med = evening_med(90);
        med.slot = Slot::Times {
            times: vec![t(8, 0), t(14, 0), t(22, 0)],
        };
        let occ = occurrences_on(&DaySettings::default(), &zone, &med, d(2026, 6, 1));
        let spans: Vec<(String, String)> = occ
            .iter()
            .map(|o| (local(zone, o.due), local(zone, o.cutoff)))
            .collect();
        assert_eq!(
            spans,
            [
                ("Mon 08:00 +0530".to_string(), "Mon 14:00 +0530".to_string()),
                ("Mon 14:00 +0530".to_string(), "Mon 22:00 +0530".to_string()),
                ("Mon 22:00 +0530".to_string(), "Tue 08:00 +0530".to_string()),
            ]
        );
        assert_eq!(
            occ.iter().map(|o| o.slot_index).collect::<Vec<_>>(),
            [0, 1, 2]
        );
    }

    #[test]
    fn bad_times_are_refused_with_the_field() {
        for bad in ["25:00", "7pm", "", "12:60"] {
            let err = parse_time("bedtime", bad).unwrap_err();
            assert!(err.to_string().starts_with("bedtime:"), "{err}");
        }
        assert_eq!(parse_time("bedtime", "00:30").unwrap(), t(0, 30));
    }

    #[test]
    fn late_means_more_than_two_hours_after_due() {
        let due = resolve_local(&crate::zone::FixedZone(0), d(2026, 6, 1).and_time(t(21, 0)));
        assert!(!is_late(due, due + Duration::minutes(120)));
        assert!(is_late(due, due + Duration::minutes(121)));
    }
}
