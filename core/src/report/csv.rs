//! The CSV: one row per event (a dose taken, skipped, missed or snoozed; a skip the user later
//! changed to taken, as `dose_skipped_then_taken`; a morning check-in), oldest first, with a
//! header row. RFC 4180: CRLF line ends, fields with a comma, quote or line break in double
//! quotes, quotes doubled. Times are ISO 8601 with the phone's offset. A field that begins
//! with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula by
//! spreadsheets (CSV injection): as OWASP advises, it gets a leading `'` and double quotes.

use chrono::{DateTime, FixedOffset};

use super::{ids, DoseRow, MedicationLog, Outcome, ReportData};
use crate::checkin::CheckIn;
use crate::doselog::{DoseAction, DoseEvent};
use crate::units::Micrograms;

/// The header row, also the column order.
pub const CSV_HEADER: [&str; 15] = [
    "timestamp",
    "event",
    "date",
    "medication",
    "dose_number",
    "planned_mg",
    "amount_mg",
    "late",
    "due",
    "snoozed_until",
    "feeling",
    "pain",
    "symptoms",
    "note",
    "id",
];

/// One event, by reference, until it is written.
enum Event<'a> {
    Dose(&'a MedicationLog, &'a DoseRow),
    Snooze(&'a MedicationLog, &'a DoseEvent),
    /// A skip that was later changed to taken: kept, so the log shows both.
    ChangedSkip(&'a MedicationLog, &'a DoseEvent),
    Checkin(&'a CheckIn),
}

impl Event<'_> {
    /// When it happened; a missed dose "happens" when its window closes.
    fn at(&self) -> Option<DateTime<FixedOffset>> {
        match self {
            Event::Dose(_, d) => match &d.outcome {
                Outcome::Taken { at, .. } | Outcome::Skipped { at } => Some(*at),
                Outcome::Missed => Some(d.cutoff),
                Outcome::Open => None,
            },
            Event::Snooze(_, e) | Event::ChangedSkip(_, e) => Some(e.recorded_at),
            Event::Checkin(c) => Some(c.recorded_at),
        }
    }

    /// Order among events at the same instant: snoozes, doses, check-ins; then by medicine
    /// and dose, so the file is the same on every export.
    fn tie(&self) -> (u8, &str, u32) {
        match self {
            Event::Snooze(log, e) | Event::ChangedSkip(log, e) => {
                (0, log.medication.name.as_str(), e.slot_index)
            }
            Event::Dose(log, d) => (1, log.medication.name.as_str(), d.slot_index),
            Event::Checkin(_) => (2, "", 0),
        }
    }
}

/// Renders the report as CSV text.
pub fn render(data: &ReportData) -> String {
    let mut events: Vec<(DateTime<FixedOffset>, Event<'_>)> = Vec::new();
    for log in &data.medications {
        events.extend(
            log.doses
                .iter()
                .map(|d| Event::Dose(log, d))
                .filter_map(|e| e.at().map(|at| (at, e))),
        );
        events.extend(
            log.snoozes
                .iter()
                .map(|s| (s.recorded_at, Event::Snooze(log, s))),
        );
        events.extend(
            log.changed_skips
                .iter()
                .map(|s| (s.recorded_at, Event::ChangedSkip(log, s))),
        );
    }
    events.extend(
        data.checkins
            .iter()
            .map(|c| (c.recorded_at, Event::Checkin(c))),
    );
    events.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.tie().cmp(&y.tie())));

    let mut out = String::with_capacity(events.len() * 130 + 200);
    push_record(&mut out, CSV_HEADER.iter().copied());
    for (at, event) in &events {
        let mut r = Record::new(&mut out);
        r.field(&iso(*at));
        match event {
            Event::Dose(log, d) => {
                let (kind, amount, late, id) = match &d.outcome {
                    Outcome::Taken { amount, late, .. } => (
                        "dose_taken",
                        mg(*amount),
                        if *late { "yes" } else { "no" },
                        d.event_id,
                    ),
                    Outcome::Skipped { .. } => ("dose_skipped", String::new(), "", d.event_id),
                    Outcome::Missed | Outcome::Open => ("dose_missed", String::new(), "", None),
                };
                let id = id
                    .unwrap_or_else(|| ids::missed_dose(log.medication.id, d.slot_index, d.night));
                r.field(kind)
                    .field(&d.night.to_string())
                    .field(&log.medication.name);
                r.field(&(d.slot_index + 1).to_string())
                    .field(&mg(d.planned))
                    .field(&amount)
                    .field(late);
                r.field(&iso(d.due)).blanks(5).field(&id.to_string());
            }
            Event::Snooze(log, e) => {
                let dose = dose_of(log, e);
                let until = match e.action {
                    DoseAction::Snoozed { until } => {
                        iso(until.with_timezone(e.recorded_at.offset()))
                    }
                    _ => String::new(),
                };
                r.field("dose_snoozed")
                    .field(&e.night.to_string())
                    .field(&log.medication.name);
                r.field(&(e.slot_index + 1).to_string())
                    .field(&dose.map(|d| mg(d.planned)).unwrap_or_default());
                r.blanks(2)
                    .field(&dose.map(|d| iso(d.due)).unwrap_or_default())
                    .field(&until);
                r.blanks(4).field(&e.id.to_string());
            }
            Event::ChangedSkip(log, e) => {
                let dose = dose_of(log, e);
                r.field("dose_skipped_then_taken")
                    .field(&e.night.to_string())
                    .field(&log.medication.name);
                r.field(&(e.slot_index + 1).to_string())
                    .field(&dose.map(|d| mg(d.planned)).unwrap_or_default());
                r.blanks(2)
                    .field(&dose.map(|d| iso(d.due)).unwrap_or_default());
                r.blanks(5).field(&e.id.to_string());
            }
            Event::Checkin(c) => {
                let effects: Vec<&str> = c.effects.iter().map(|e| e.code()).collect();
                r.field("checkin").field(&c.morning.to_string()).blanks(7);
                r.field(c.feeling.code())
                    .field(&c.pain.map(|p| p.to_string()).unwrap_or_default());
                r.field(&effects.join(";"))
                    .field(c.note.as_deref().unwrap_or_default());
                r.field(&ids::checkin(data.subject_id, c.morning).to_string());
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// The dose occurrence a log entry is about (doses are in (night, slot) order).
fn dose_of<'a>(log: &'a MedicationLog, e: &DoseEvent) -> Option<&'a DoseRow> {
    log.doses
        .binary_search_by_key(&(e.night, e.slot_index), |d| (d.night, d.slot_index))
        .ok()
        .and_then(|i| log.doses.get(i))
}

/// Writes the fields of one record, separated by commas.
struct Record<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Record<'a> {
    fn new(out: &'a mut String) -> Self {
        Record { out, first: true }
    }

    fn field(&mut self, value: &str) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_field(self.out, value);
        self
    }

    fn blanks(&mut self, n: usize) -> &mut Self {
        for _ in 0..n {
            self.field("");
        }
        self
    }
}

/// Appends one record and its CRLF.
fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

/// First characters that make a spreadsheet read a field as a formula (OWASP, CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Appends one field, quoted when RFC 4180 requires it; a field a spreadsheet would read as a
/// formula is written as text: a leading `'`, in double quotes.
pub(super) fn push_field(out: &mut String, field: &str) {
    if field.starts_with(FORMULA_STARTS) {
        out.push_str("\"'");
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

fn iso(at: DateTime<FixedOffset>) -> String {
    super::iso8601(at)
}

/// A bare number of mg: "10", "7.5", "0.25".
pub(super) fn mg(amount: Micrograms) -> String {
    let text = amount.to_string();
    text.trim_end_matches(" mg").to_string()
}
