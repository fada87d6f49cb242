//! The HL7 FHIR R4 (4.0.1) Bundle, type `collection`, as JSON.
//!
//! - **Patient**: only what the user typed for this export (a name, or nothing at all).
//! - **Medication**: one per medicine, by the name the user gave it.
//! - **MedicationStatement**: one per plan step, with the amount per dose, the daily amount
//!   and the timing; status from the step's place in time (completed / active / intended).
//! - **MedicationAdministration**: one per dose that was taken (completed), skipped or missed
//!   (not-done, with the reason).
//! - **Observation**: one per morning check-in; pain uses LOINC 72514-3 (0–10 numeric
//!   rating), the night's answer and symptoms are text codes (there is no standard code for
//!   them).
//!
//! Every reference points at an entry of the bundle by its `urn:uuid:` full URL, and ids are
//! stable across exports (see [`super::ids`]).

use chrono::{DateTime, Duration, NaiveDate, TimeZone};
use serde_json::{json, Value};
use uuid::Uuid;

use super::{ids, text, MedicationLog, Outcome, PlanLog, ReportData};
use crate::breakdown::breakdown;
use crate::medication::{Medication, Slot};
use crate::plan::Step;
use crate::units::Micrograms;

const UCUM: &str = "http://unitsofmeasure.org";
const LOINC: &str = "http://loinc.org";
/// LOINC: "Pain severity - 0-10 verbal numeric rating [Score] - Reported".
const LOINC_PAIN_0_10: &str = "72514-3";
const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// Renders the bundle as pretty-printed JSON bytes.
pub fn render(data: &ReportData) -> Vec<u8> {
    serde_json::to_vec_pretty(&bundle(data)).unwrap_or_default()
}

/// The bundle as a JSON value.
pub fn bundle(data: &ReportData) -> Value {
    let subject = reference(data.subject_id);
    let mut entries = vec![entry(data.subject_id, patient(data))];
    for log in &data.medications {
        entries.push(entry(log.medication.id, medication(&log.medication)));
    }
    for log in &data.medications {
        for plan in &log.plans {
            for step in plan.steps.iter().filter(|s| overlaps(s, data.from, data.to, log.today)) {
                let id = ids::plan_step(plan.plan.id, step.index);
                entries.push(entry(id, statement(id, log, plan, step, &subject)));
            }
        }
    }
    for log in &data.medications {
        for d in log.doses.iter().filter(|d| d.outcome.is_settled()) {
            let id = d.event_id.unwrap_or_else(|| ids::missed_dose(log.medication.id, d.slot_index, d.night));
            let mut r = json!({
                "resourceType": "MedicationAdministration",
                "id": id.to_string(),
                "medicationReference": { "reference": urn(log.medication.id), "display": log.medication.name },
                "subject": subject,
            });
            match &d.outcome {
                Outcome::Taken { at, amount, late } => {
                    r["status"] = json!("completed");
                    r["effectiveDateTime"] = json!(date_time(*at));
                    r["dosage"] = json!({ "text": dose_text(&log.medication, *amount), "dose": mg_quantity(*amount) });
                    if *late {
                        r["note"] = json!([{ "text": "Taken more than two hours after the reminder." }]);
                    }
                }
                Outcome::Skipped { at } => {
                    r["status"] = json!("not-done");
                    r["statusReason"] = json!([{ "text": "Skipped on purpose" }]);
                    r["effectiveDateTime"] = json!(date_time(d.due));
                    r["note"] = json!([{ "text": format!("Recorded as skipped at {}.", date_time(*at)) }]);
                }
                Outcome::Missed | Outcome::Open => {
                    r["status"] = json!("not-done");
                    r["statusReason"] = json!([{ "text": "Missed: neither taken nor skipped by the end of its window" }]);
                    r["effectiveDateTime"] = json!(date_time(d.due));
                }
            }
            entries.push(entry(id, r));
        }
    }
    for c in &data.checkins {
        let id = ids::checkin(data.subject_id, c.morning);
        let mut components = Vec::new();
        if let Some(p) = c.pain {
            components.push(json!({
                "code": {
                    "coding": [{ "system": LOINC, "code": LOINC_PAIN_0_10, "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported" }],
                    "text": "Pain (0 = none, 10 = worst imaginable)",
                },
                "valueInteger": p,
            }));
        }
        for e in &c.effects {
            components.push(json!({ "code": { "text": format!("{} ({})", e.label(), text::group_label(e.group()).to_lowercase()) }, "valueBoolean": true }));
        }
        let mut r = json!({
            "resourceType": "Observation",
            "id": id.to_string(),
            "status": "final",
            "category": [{ "coding": [{ "system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey" }] }],
            "code": { "text": "Morning check-in: how the night went" },
            "subject": subject,
            "effectiveDateTime": c.morning.to_string(),
            "issued": date_time(c.recorded_at),
            "valueCodeableConcept": { "text": c.feeling.label() },
        });
        if !components.is_empty() {
            r["component"] = Value::Array(components);
        }
        if let Some(note) = &c.note {
            r["note"] = json!([{ "text": note }]);
        }
        entries.push(entry(id, r));
    }
    json!({
        "resourceType": "Bundle",
        "id": ids::derived(&["bundle", &data.subject_id.to_string(), &data.from.to_string(), &data.to.to_string()]).to_string(),
        "meta": { "lastUpdated": date_time(data.generated_at) },
        "type": "collection",
        "timestamp": date_time(data.generated_at),
        "entry": entries,
    })
}

fn patient(data: &ReportData) -> Value {
    let mut p = json!({ "resourceType": "Patient", "id": data.subject_id.to_string() });
    if let Some(name) = &data.patient_name {
        p["name"] = json!([{ "text": name }]);
    }
    p
}

fn medication(med: &Medication) -> Value {
    let mut m = json!({ "resourceType": "Medication", "id": med.id.to_string(), "code": { "text": med.name } });
    match (med.tablets.is_empty(), med.liquids_per_5ml.is_empty()) {
        (false, true) => m["form"] = json!({ "text": "Tablet" }),
        (true, false) => m["form"] = json!({ "text": "Oral solution" }),
        _ => {}
    }
    m
}

/// True when a step belongs in a report of nights `from..=to`: it overlaps them, or it is
/// still ahead and the report runs to tonight (the plan as it stands).
fn overlaps(step: &Step, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> bool {
    let ends_after_from = step.until.is_none_or(|u| u > from);
    ends_after_from && (step.from <= to || to >= today)
}

fn statement(id: Uuid, log: &MedicationLog, plan: &PlanLog, step: &Step, subject: &Value) -> Value {
    let med = &log.medication;
    let per_day = u32::try_from(med.slot.doses_per_day()).unwrap_or(1);
    let status = if step.from > log.today {
        "intended"
    } else if step.dose.is_zero() {
        "not-taken"
    } else if step.until.is_some_and(|u| u <= log.today) {
        "completed"
    } else {
        "active"
    };
    let mut period = json!({ "start": step.from.to_string() });
    if let Some(until) = step.until {
        period["end"] = json!((until - Duration::days(1)).max(step.from).to_string());
    }
    let mut note = format!("Plan version {}: {}. Step {}.", plan.plan.version, plan.plan.kind.describe(), step.index + 1);
    if step.projected {
        note.push_str(" Projected: this step happens only if side effects are confirmed tolerable.");
    }
    let mut dosage = json!({ "sequence": 1, "timing": timing(&med.slot) });
    if step.dose.is_zero() {
        dosage["text"] = json!("None: the taper has ended");
    } else {
        let daily = Micrograms(step.dose.0.saturating_mul(per_day));
        dosage["text"] = json!(format!("{} {}, {daily} a day", dose_text(med, step.dose), slot_text(&med.slot)));
        dosage["doseAndRate"] = json!([{ "doseQuantity": mg_quantity(step.dose) }]);
        dosage["maxDosePerPeriod"] = json!({
            "numerator": mg_quantity(daily),
            "denominator": { "value": 1, "unit": "day", "system": UCUM, "code": "d" },
        });
    }
    let mut r = json!({
        "resourceType": "MedicationStatement",
        "id": id.to_string(),
        "status": status,
        "medicationReference": { "reference": urn(med.id), "display": med.name },
        "subject": subject,
        "effectivePeriod": period,
        "dateAsserted": date_time(plan.plan.created_at.fixed_offset()),
        "note": [{ "text": note }],
        "dosage": [dosage],
    });
    if status == "not-taken" {
        r["statusReason"] = json!([{ "text": "The plan's dose is 0 mg from this night on" }]);
    }
    r
}

fn timing(slot: &Slot) -> Value {
    match slot {
        // HS: "before sleep" in FHIR's event-timing codes.
        Slot::Evening { .. } => json!({ "repeat": { "frequency": 1, "period": 1, "periodUnit": "d", "when": ["HS"] } }),
        Slot::Morning { time } => {
            json!({ "repeat": { "frequency": 1, "period": 1, "periodUnit": "d", "timeOfDay": [time.format("%H:%M:%S").to_string()] } })
        }
        Slot::Times { times } => json!({ "repeat": {
            "frequency": times.len(),
            "period": 1,
            "periodUnit": "d",
            "timeOfDay": times.iter().map(|t| t.format("%H:%M:%S").to_string()).collect::<Vec<_>>(),
        } }),
    }
}

fn slot_text(slot: &Slot) -> String {
    match slot {
        Slot::Evening { lead_minutes } => format!("once a day, {lead_minutes} minutes before bedtime"),
        Slot::Morning { time } => format!("once a day at {}", time.format("%H:%M")),
        Slot::Times { times } => {
            let list: Vec<String> = times.iter().map(|t| t.format("%H:%M").to_string()).collect();
            format!("{} times a day at {}", times.len(), list.join(", "))
        }
    }
}

/// "10 mg (1 × 10 mg)": the amount and how it is made up from what the user holds.
fn dose_text(med: &Medication, dose: Micrograms) -> String {
    match breakdown(med, dose) {
        Ok(b) => format!("{dose} ({b})"),
        Err(_) => dose.to_string(),
    }
}

fn mg_quantity(amount: Micrograms) -> Value {
    json!({ "value": amount.as_mg(), "unit": "mg", "system": UCUM, "code": "mg" })
}

fn entry(id: Uuid, resource: Value) -> Value {
    json!({ "fullUrl": urn(id), "resource": resource })
}

fn urn(id: Uuid) -> String {
    format!("urn:uuid:{id}")
}

fn reference(id: Uuid) -> Value {
    json!({ "reference": urn(id) })
}

/// FHIR dateTime/instant: seconds and offset always present.
fn date_time<Tz: TimeZone>(at: DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    at.fixed_offset().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}
