//! The CSV: one row per event (a dose taken, skipped, missed or snoozed; a morning check-in),
//! oldest first, with a header row. RFC 4180: CRLF line ends, fields with a comma, quote or
//! line break in double quotes, quotes doubled. Times are ISO 8601 with the phone's offset.

use chrono::{DateTime, FixedOffset};

use super::{ids, Outcome, ReportData};
use crate::doselog::DoseAction;
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

struct Row {
    at: DateTime<FixedOffset>,
    order: u8,
    fields: [String; 15],
}

/// Renders the report as CSV text.
pub fn render(data: &ReportData) -> String {
    let mut rows: Vec<Row> = Vec::new();
    for log in &data.medications {
        let name = &log.medication.name;
        for d in &log.doses {
            let (at, event, amount, late, id) = match &d.outcome {
                Outcome::Taken { at, amount, late } => (
                    *at,
                    "dose_taken",
                    mg(*amount),
                    if *late { "yes" } else { "no" },
                    d.event_id,
                ),
                Outcome::Skipped { at } => (*at, "dose_skipped", String::new(), "", d.event_id),
                Outcome::Missed => (d.cutoff, "dose_missed", String::new(), "", None),
                Outcome::Open => continue,
            };
            let id =
                id.unwrap_or_else(|| ids::missed_dose(log.medication.id, d.slot_index, d.night));
            rows.push(Row {
                at,
                order: 1,
                fields: [
                    iso(at),
                    event.into(),
                    d.night.to_string(),
                    name.clone(),
                    (d.slot_index + 1).to_string(),
                    mg(d.planned),
                    amount,
                    late.into(),
                    iso(d.due),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    id.to_string(),
                ],
            });
        }
        for s in &log.snoozes {
            let DoseAction::Snoozed { until } = s.action else {
                continue;
            };
            // Doses are in (night, slot) order.
            let planned = log
                .doses
                .binary_search_by_key(&(s.night, s.slot_index), |d| (d.night, d.slot_index))
                .ok()
                .and_then(|i| log.doses.get(i));
            rows.push(Row {
                at: s.recorded_at,
                order: 0,
                fields: [
                    iso(s.recorded_at),
                    "dose_snoozed".into(),
                    s.night.to_string(),
                    name.clone(),
                    (s.slot_index + 1).to_string(),
                    planned.map(|d| mg(d.planned)).unwrap_or_default(),
                    String::new(),
                    String::new(),
                    planned.map(|d| iso(d.due)).unwrap_or_default(),
                    iso(until.with_timezone(s.recorded_at.offset())),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    s.id.to_string(),
                ],
            });
        }
    }
    for c in &data.checkins {
        let effects: Vec<&str> = c.effects.iter().map(|e| e.code()).collect();
        rows.push(Row {
            at: c.recorded_at,
            order: 2,
            fields: [
                iso(c.recorded_at),
                "checkin".into(),
                c.morning.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                c.feeling.code().into(),
                c.pain.map(|p| p.to_string()).unwrap_or_default(),
                effects.join(";"),
                c.note.clone().unwrap_or_default(),
                ids::checkin(data.subject_id, c.morning).to_string(),
            ],
        });
    }
    rows.sort_by(|a, b| {
        a.at.cmp(&b.at)
            .then(a.order.cmp(&b.order))
            .then_with(|| a.fields.cmp(&b.fields))
    });

    let mut out = String::with_capacity(rows.len() * 120 + 200);
    push_record(&mut out, CSV_HEADER.iter().copied());
    for row in &rows {
        push_record(&mut out, row.fields.iter().map(String::as_str));
    }
    out
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

/// Appends one field, quoted when RFC 4180 requires it.
pub(super) fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
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
