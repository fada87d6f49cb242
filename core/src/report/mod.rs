//! The taper log a clinician reads, rendered by the core so every shell shares the same file:
//! a self-contained HTML page (chart of the dose each night against the plan, adherence,
//! morning check-ins, symptoms by week, questions raised, notes), a CSV with one row per
//! event, and an HL7 FHIR R4 Bundle for systems that import it.
//!
//! All three are drawn from one [`ReportData`], gathered in a single read of the store for a
//! range of nights, so the formats always agree with each other. Nothing here reads the clock
//! or the network: the instant of the export is an argument, and the output is bytes the shell
//! hands to its share sheet (or a file written with [`Companion::write_report`]).

mod calendar;
mod chart;
mod csv;
mod fhir;
mod html;
mod ids;
mod json;
mod share;
mod text;

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use uuid::Uuid;

use crate::checkin::CheckIn;
use crate::doselog::{self, DoseAction, DoseEvent, DoseStatus};
use crate::error::{Error, Result};
use crate::medication::Medication;
use crate::plan::{self, Horizon, Plan, PlanEvent, Step};
use crate::schedule::{self, DaySettings};
use crate::units::Micrograms;
use crate::zone::{to_local, ZoneRules};
use crate::Companion;

pub use calendar::{
    Calendar, MedicationCalendar, DEFAULT_CALENDAR_NIGHTS, LONG_CALENDAR_NIGHTS,
    MAX_CALENDAR_NIGHTS,
};
pub use csv::CSV_HEADER;
pub use share::{file_name, share_options, ShareOption};

/// Longest patient name accepted on a report (a name, not a paragraph).
pub const MAX_PATIENT_NAME_CHARS: usize = 100;
/// Longest range a report covers, in nights (about 30 years): a bound on work, not a real limit.
pub const MAX_REPORT_NIGHTS: i64 = 11_000;

/// The earliest year a report range may name (a bound on mistyped dates).
pub const EARLIEST_YEAR: i32 = 1900;
/// The latest year a report range may name.
pub const LATEST_YEAR: i32 = 2200;

/// The three files a report can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    /// One self-contained HTML page (inline CSS and SVG), printable to A4 or Letter.
    Html,
    /// One row per event, RFC 4180, for spreadsheets.
    Csv,
    /// An HL7 FHIR R4 Bundle of type `collection`, as JSON.
    Fhir,
    /// The plan calendar: the coming nights' doses and what to take, one self-contained A4
    /// HTML page for the fridge or the pharmacist (see [`Companion::plan_calendar`]).
    Plan,
}

impl ReportFormat {
    /// Every format, in the order a share screen offers them.
    pub const ALL: [ReportFormat; 4] = [
        ReportFormat::Html,
        ReportFormat::Csv,
        ReportFormat::Fhir,
        ReportFormat::Plan,
    ];

    /// The word used on the command line: "html", "csv", "fhir".
    pub fn code(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
            ReportFormat::Fhir => "fhir",
            ReportFormat::Plan => "plan",
        }
    }

    /// Reads [`ReportFormat::code`] back.
    pub fn parse(text: &str) -> Result<ReportFormat> {
        let t = text.trim().to_ascii_lowercase();
        ReportFormat::ALL
            .into_iter()
            .find(|f| f.code() == t)
            .ok_or_else(|| {
                Error::invalid(
                    "format",
                    format!("\"{text}\" is not one of html, csv, fhir, plan"),
                )
            })
    }

    /// The file name ending a share sheet should use ("html", "csv", "json").
    pub fn file_extension(self) -> &'static str {
        match self {
            ReportFormat::Html | ReportFormat::Plan => "html",
            ReportFormat::Csv => "csv",
            ReportFormat::Fhir => "json",
        }
    }

    /// The MIME type to hand the share sheet.
    pub fn mime_type(self) -> &'static str {
        match self {
            ReportFormat::Html | ReportFormat::Plan => "text/html; charset=utf-8",
            ReportFormat::Csv => "text/csv; charset=utf-8; header=present",
            ReportFormat::Fhir => "application/fhir+json",
        }
    }
}

/// What the user chose on the share screen. Every field is optional: by default the report
/// covers the whole log and names nobody.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportRequest {
    /// First night to include [default: the first night anything was planned or recorded].
    pub from: Option<NaiveDate>,
    /// Last night to include [default: tonight].
    pub to: Option<NaiveDate>,
    /// A name to print on the report, typed by the user for this export and never stored.
    pub patient_name: Option<String>,
}

/// What happened to one dose occurrence, as the report tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Taken, with the amount measured and whether it was more than two hours after the reminder
    /// (the planned amount is the row's `planned`).
    Taken {
        at: DateTime<FixedOffset>,
        amount: Micrograms,
        late: bool,
    },
    /// Skipped on purpose.
    Skipped { at: DateTime<FixedOffset> },
    /// Neither taken nor skipped by the cutoff.
    Missed,
    /// Not settled yet (tonight's dose, still due or upcoming): counted nowhere.
    Open,
}

impl Outcome {
    /// True for outcomes that count in adherence (everything but [`Outcome::Open`]).
    pub fn is_settled(&self) -> bool {
        !matches!(self, Outcome::Open)
    }
}

/// One dose occurrence in the report range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseRow {
    /// The night (or day, for morning and fixed-time medicines).
    pub night: NaiveDate,
    /// Which of the day's doses (0 unless taken at several fixed times).
    pub slot_index: u32,
    /// When the reminder was due, with the phone's offset.
    pub due: DateTime<FixedOffset>,
    /// After this it counted as missed.
    pub cutoff: DateTime<FixedOffset>,
    /// The planned amount for that occurrence.
    pub planned: Micrograms,
    /// What happened.
    pub outcome: Outcome,
    /// The log entry that settled it (taken or skipped), for stable export ids.
    pub event_id: Option<Uuid>,
}

/// One plan version with its steps, cut off where the next version takes over.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLog {
    /// The version as saved.
    pub plan: Plan,
    /// Its steps, including the projected ones still ahead; steps superseded by a later
    /// version are dropped, and the last kept step ends where the next version starts.
    pub steps: Vec<Step>,
    /// Holds and tolerance confirmations recorded against it.
    pub events: Vec<PlanEvent>,
    /// The night the next version took over, if one did.
    pub superseded_on: Option<NaiveDate>,
}

/// Everything the report shows about one medicine.
#[derive(Debug, Clone, PartialEq)]
pub struct MedicationLog {
    /// The medicine.
    pub medication: Medication,
    /// Every plan version, oldest first.
    pub plans: Vec<PlanLog>,
    /// Every dose occurrence in the range with a planned dose or a record, oldest first.
    pub doses: Vec<DoseRow>,
    /// Snoozes in the range (reminder moved later), oldest first.
    pub snoozes: Vec<DoseEvent>,
    /// Skips the user later changed to taken (the dose counts as taken; the skip stays in the
    /// log), oldest first.
    pub changed_skips: Vec<DoseEvent>,
    /// The current night for this medicine at export time.
    pub today: NaiveDate,
}

impl MedicationLog {
    /// The planned dose on `night` (per occurrence), from the plan version in force then.
    pub fn planned_on(&self, night: NaiveDate) -> Micrograms {
        let Some(log) = self
            .plans
            .iter()
            .filter(|p| p.plan.starts_on <= night)
            .max_by_key(|p| (p.plan.starts_on, p.plan.version))
        else {
            return Micrograms::ZERO;
        };
        plan::step_on(&log.steps, night)
            .map(|s| s.dose)
            .unwrap_or_default()
    }
}

/// A question the app raised for the prescriber, as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaisedQuestion {
    /// Stable id of the suggestion.
    pub id: String,
    /// Its headline.
    pub title: String,
    /// The question, in the user's voice.
    pub question: String,
    /// What the app saw, one dated line each.
    pub evidence: Vec<String>,
}

/// Adherence counts over settled doses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Adherence {
    /// Taken within two hours of the reminder.
    pub on_time: u32,
    /// Taken more than two hours after the reminder.
    pub late: u32,
    /// Not recorded by the cutoff.
    pub missed: u32,
    /// Skipped on purpose.
    pub skipped: u32,
}

impl Adherence {
    /// Counts the settled outcomes of `doses`.
    pub fn of(doses: &[DoseRow]) -> Adherence {
        let mut a = Adherence::default();
        for d in doses {
            match d.outcome {
                Outcome::Taken { late: false, .. } => a.on_time += 1,
                Outcome::Taken { late: true, .. } => a.late += 1,
                Outcome::Missed => a.missed += 1,
                Outcome::Skipped { .. } => a.skipped += 1,
                Outcome::Open => {}
            }
        }
        a
    }

    /// Every settled dose.
    pub fn total(&self) -> u32 {
        self.on_time + self.late + self.missed + self.skipped
    }

    /// `part` as a whole percentage of [`Adherence::total`] (0 when nothing is settled).
    pub fn percent(&self, part: u32) -> u32 {
        match self.total() {
            0 => 0,
            total => ((f64::from(part) * 100.0 / f64::from(total)).round()) as u32,
        }
    }
}

/// Everything a report shows, gathered in one read so the three formats agree.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    /// When the export was made, in phone time.
    pub generated_at: DateTime<FixedOffset>,
    /// The name typed for this export, if any.
    pub patient_name: Option<String>,
    /// First night covered.
    pub from: NaiveDate,
    /// Last night covered.
    pub to: NaiveDate,
    /// Bedtimes and check-in time (current).
    pub settings: DaySettings,
    /// One entry per medicine.
    pub medications: Vec<MedicationLog>,
    /// Morning check-ins about the nights in range: mornings `from + 1 ..= to + 1` (each tells
    /// about the night before it, so ranges that meet never share one), oldest first.
    pub checkins: Vec<CheckIn>,
    /// Questions the app raises as of the export.
    pub questions: Vec<RaisedQuestion>,
    /// A stable id for the person the log is about, derived from the database so that repeated
    /// exports name the same subject.
    pub subject_id: Uuid,
    /// Counts, supplies collected and corrections of what is held, recorded on the days in
    /// range (phone date; by default every one up to `to`), in the order recorded.
    pub stock: Vec<crate::supplies::StockEvent>,
}

impl ReportData {
    /// The check-in of `morning`, if answered.
    pub fn checkin_on(&self, morning: NaiveDate) -> Option<&CheckIn> {
        self.checkins
            .binary_search_by_key(&morning, |c| c.morning)
            .ok()
            .and_then(|i| self.checkins.get(i))
    }
}

/// Renders `data` in `format`.
pub fn render(data: &ReportData, format: ReportFormat) -> Vec<u8> {
    match format {
        ReportFormat::Html => html::render(data).into_bytes(),
        ReportFormat::Csv => csv::render(data).into_bytes(),
        ReportFormat::Fhir => fhir::render(data).into_bytes(),
        // From a log, the calendar of its last nights; `export_report` looks ahead instead.
        ReportFormat::Plan => calendar::render(&Calendar::from_log(data)).into_bytes(),
    }
}

impl Companion {
    /// The report as bytes for the share sheet: `format` over the nights the request names.
    pub fn export_report(
        &self,
        format: ReportFormat,
        request: &ReportRequest,
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>> {
        if format == ReportFormat::Plan {
            // The calendar looks ahead from tonight, with what is held.
            return Ok(calendar::render(&self.plan_calendar(request, now)?).into_bytes());
        }
        Ok(render(&self.report_data(request, now)?, format))
    }

    /// Writes the report to `path` (a file the shell chose); the file appears whole or not at all.
    pub fn write_report(
        &self,
        format: ReportFormat,
        request: &ReportRequest,
        path: &Path,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.refuse_database_file(path)?;
        let bytes = self.export_report(format, request, now)?;
        let shown = path.display().to_string();
        let tmp = path.with_file_name(format!(
            ".{}.part",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "report".into())
        ));
        let fail = |e: std::io::Error| Error::Storage {
            detail: format!("could not write {shown}: {e}"),
        };
        std::fs::write(&tmp, &bytes).map_err(fail)?;
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            fail(e)
        })
    }

    /// Gathers what every report format shows, for the nights the request names.
    pub fn report_data(&self, request: &ReportRequest, now: DateTime<Utc>) -> Result<ReportData> {
        let patient_name = request
            .patient_name
            .as_deref()
            .map(validate_patient_name)
            .transpose()?
            .flatten();
        for (field, date) in [("from", request.from), ("to", request.to)] {
            if let Some(date) = date.filter(|d| !(EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year()))
            {
                return Err(Error::invalid(
                    field,
                    format!(
                        "{date} is outside the years {EARLIEST_YEAR}–{LATEST_YEAR} a log can cover"
                    ),
                ));
            }
        }
        if let (Some(f), Some(t)) = (request.from, request.to) {
            if f > t {
                return Err(Error::invalid(
                    "from",
                    format!("the report starts on {f}, after it ends on {t}"),
                ));
            }
        }
        // Suggestions first: `today` takes the store lock itself.
        let questions = self
            .today(now)?
            .suggestions
            .into_iter()
            .map(|s| RaisedQuestion {
                id: s.id,
                title: s.title,
                question: s.question,
                evidence: s.evidence,
            })
            .collect();
        let zone = self.zone_rules();
        let zone = zone.as_ref();
        self.with_store(|store| {
            let t = store.read();
            let settings = t.day_settings()?;
            let meds = t.medications()?;
            let plans = t.plans()?;
            let plan_events = t.plan_events()?;
            let tonight = schedule::night_of(&settings, zone, now);
            let to = request.to.unwrap_or(tonight).min(tonight);
            let far_past = NaiveDate::from_ymd_opt(EARLIEST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN);
            let all_events = t.dose_events(request.from.unwrap_or(far_past), to)?;
            let all_checkins =
                t.checkins(request.from.unwrap_or(far_past), to + Duration::days(1))?;
            let earliest = plans
                .iter()
                .map(|p| p.starts_on)
                .chain(all_events.iter().map(|e| e.night))
                .chain(all_checkins.iter().map(|c| c.morning - Duration::days(1)))
                .min()
                .unwrap_or(to);
            let from = request.from.unwrap_or(earliest).max(earliest).min(to).max(
                to.checked_sub_signed(Duration::days(MAX_REPORT_NIGHTS))
                    .unwrap_or(NaiveDate::MIN),
            );
            let medications = meds
                .iter()
                .map(|m| {
                    medication_log(
                        m,
                        &plans,
                        &plan_events,
                        &all_events,
                        &settings,
                        zone,
                        from,
                        to,
                        now,
                    )
                })
                .collect();
            let mut checkins: Vec<CheckIn> = all_checkins
                .into_iter()
                .filter(|c| c.morning > from && c.morning <= to + Duration::days(1))
                .collect();
            checkins.sort_by_key(|c| c.morning);
            // In the order recorded; the whole log by default, including a count made before
            // the first plan.
            let stock: Vec<crate::supplies::StockEvent> = t
                .stock_events()?
                .into_iter()
                .filter(|e| {
                    let on = e.recorded_at.date_naive();
                    on <= to && request.from.is_none_or(|f| on >= f)
                })
                .collect();
            Ok(ReportData {
                generated_at: to_local(zone, now),
                patient_name,
                from,
                to,
                settings,
                medications,
                checkins,
                questions,
                subject_id: ids::subject(meds.first().map(|m| m.id)),
                stock,
            })
        })
    }
}

/// A name typed for the report: trimmed, at most [`MAX_PATIENT_NAME_CHARS`], no control
/// characters; blank means no name.
pub fn validate_patient_name(raw: &str) -> Result<Option<String>> {
    let name = raw.trim();
    if name.is_empty() {
        return Ok(None);
    }
    if name.chars().count() > MAX_PATIENT_NAME_CHARS {
        return Err(Error::invalid(
            "patient",
            format!("the name can have at most {MAX_PATIENT_NAME_CHARS} characters"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "patient",
            "the name contains control characters",
        ));
    }
    Ok(Some(name.to_string()))
}

/// "2026-11-03T21:04:00+00:00": ISO 8601 / RFC 3339 with seconds and the offset always
/// present, as CSV readers and FHIR `dateTime` and `instant` want. Written by hand because
/// it runs for every row of a ten-year log.
pub(crate) fn iso8601<Tz: chrono::TimeZone>(at: DateTime<Tz>) -> String {
    use chrono::{Datelike, Offset, Timelike};
    let at = at.fixed_offset();
    let offset = at.offset().fix().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let (oh, om) = (
        offset.unsigned_abs() / 3600,
        offset.unsigned_abs() % 3600 / 60,
    );
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{oh:02}:{om:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[allow(clippy::too_many_arguments)]
fn medication_log(
    med: &Medication,
    plans: &[Plan],
    plan_events: &[PlanEvent],
    events: &[DoseEvent],
    settings: &DaySettings,
    zone: &dyn ZoneRules,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> MedicationLog {
    let today = schedule::current_day_for(settings, zone, med, now);
    let mut mine: Vec<Plan> = plans
        .iter()
        .filter(|p| p.medication_id == med.id)
        .cloned()
        .collect();
    mine.sort_by_key(|p| (p.starts_on, p.version));
    let starts: Vec<NaiveDate> = mine.iter().map(|p| p.starts_on).collect();
    let plan_logs: Vec<PlanLog> = mine
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // A later version starting the same night replaces this one entirely.
            let superseded_on = starts
                .iter()
                .skip(i + 1)
                .copied()
                .find(|s| *s >= p.starts_on);
            let mut steps = plan::steps(p, med, plan_events, today, Horizon::Projected);
            if let Some(end) = superseded_on {
                steps.retain(|s| s.from < end);
                for s in steps.iter_mut() {
                    if s.until.is_none_or(|u| u > end) {
                        s.until = Some(end);
                    }
                }
            }
            // Past nights follow what was confirmed; only the future is projected.
            let confirmed = plan::steps(p, med, plan_events, today, Horizon::Confirmed);
            for s in steps.iter_mut() {
                if let Some(c) = confirmed
                    .get(s.index)
                    .filter(|c| c.from == s.from && c.dose == s.dose)
                {
                    s.awaiting_confirmation = c.awaiting_confirmation;
                }
            }
            PlanLog {
                plan: p.clone(),
                steps,
                events: plan_events
                    .iter()
                    .filter(|e| e.plan_id == p.id)
                    .cloned()
                    .collect(),
                superseded_on,
            }
        })
        .collect();

    let mut by_occurrence: HashMap<(u32, NaiveDate), Vec<DoseEvent>> = HashMap::new();
    let mut snoozes = Vec::new();
    for e in events
        .iter()
        .filter(|e| e.medication_id == med.id && e.night >= from && e.night <= to)
    {
        if matches!(e.action, DoseAction::Snoozed { .. }) {
            snoozes.push(e.clone());
        }
        by_occurrence
            .entry((e.slot_index, e.night))
            .or_default()
            .push(e.clone());
    }
    snoozes.sort_by_key(|e| e.recorded_at);

    let mut changed_skips: Vec<DoseEvent> = by_occurrence
        .values()
        .filter(|list| {
            list.iter()
                .any(|e| matches!(e.action, DoseAction::Taken { .. }))
        })
        .flat_map(|list| list.iter().filter(|e| e.action == DoseAction::Skipped))
        .cloned()
        .collect();
    changed_skips.sort_by_key(|e| e.recorded_at);
    let mut log = MedicationLog {
        medication: med.clone(),
        plans: plan_logs,
        doses: Vec::new(),
        snoozes,
        changed_skips,
        today,
    };
    let mut doses = Vec::new();
    for night in from.iter_days().take_while(|d| *d <= to) {
        let planned = if night > today {
            Micrograms::ZERO
        } else {
            log.planned_on(night)
        };
        for occ in schedule::occurrences_on(settings, zone, med, night) {
            let mine = by_occurrence
                .get(&(occ.slot_index, night))
                .map(Vec::as_slice)
                .unwrap_or_default();
            if planned.is_zero()
                && mine
                    .iter()
                    .all(|e| matches!(e.action, DoseAction::Snoozed { .. }))
            {
                continue;
            }
            // A dose due before the medicine was added, left unrecorded, is not counted.
            let Some(status) = doselog::asked_status(&occ, mine, now) else {
                continue;
            };
            let settled_by =
                |want: fn(&DoseAction) -> bool| mine.iter().find(|e| want(&e.action)).map(|e| e.id);
            // A taken dose logged beside its planned amount (measured differently) keeps that plan.
            let logged_plan = mine.iter().find_map(|e| match e.action {
                DoseAction::Taken { planned, .. } => planned,
                _ => None,
            });
            let (outcome, event_id) = match status {
                DoseStatus::Taken { at, amount, late } => (
                    Outcome::Taken { at, amount, late },
                    settled_by(|a| matches!(a, DoseAction::Taken { .. })),
                ),
                DoseStatus::Skipped { at } => (
                    Outcome::Skipped { at },
                    settled_by(|a| matches!(a, DoseAction::Skipped)),
                ),
                DoseStatus::Missed => (Outcome::Missed, None),
                DoseStatus::Upcoming | DoseStatus::Due | DoseStatus::Snoozed { .. } => {
                    (Outcome::Open, None)
                }
            };
            doses.push(DoseRow {
                night,
                slot_index: occ.slot_index,
                due: to_local(zone, occ.due),
                cutoff: to_local(zone, occ.cutoff),
                planned: logged_plan.unwrap_or(planned),
                outcome,
                event_id,
            });
        }
    }
    log.doses = doses;
    log
}

#[cfg(test)]
mod tests;
