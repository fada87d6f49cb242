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
use uuid::Uuid;

use super::json::{object, Arr, Obj};
use super::{ids, text, MedicationLog, Outcome, PlanLog, ReportData};
use crate::breakdown::breakdown;
use crate::medication::{Medication, Slot};
use crate::plan::Step;
use crate::units::Micrograms;

const UCUM: &str = "http://unitsofmeasure.org";
const LOINC: &str = "http://loinc.org";
/// LOINC: "Pain severity - 0-10 verbal numeric rating [Score] - Reported".
const LOINC_PAIN_0_10: &str = "72514-3";
const LOINC_PAIN_0_10_DISPLAY: &str =
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// Renders the bundle as compact JSON.
pub fn render(data: &ReportData) -> String {
    let resources: usize = data
        .medications
        .iter()
        .map(|m| m.doses.len() + m.plans.len() * 8)
        .sum::<usize>()
        + data.checkins.len();
    let mut out = String::with_capacity(2048 + resources * 700);
    let subject = urn(data.subject_id);
    object(&mut out, |b| {
        b.str("resourceType", "Bundle");
        b.str(
            "id",
            &ids::derived(&[
                "bundle",
                &data.subject_id.to_string(),
                &data.from.to_string(),
                &data.to.to_string(),
            ])
            .to_string(),
        );
        b.obj("meta", |m| {
            m.str("lastUpdated", &date_time(data.generated_at));
        });
        b.str("type", "collection");
        b.str("timestamp", &date_time(data.generated_at));
        b.arr("entry", |entries| {
            entry(entries, data.subject_id, |r| patient(r, data));
            for log in &data.medications {
                entry(entries, log.medication.id, |r| medication(r, &log.medication));
            }
            for log in &data.medications {
                for plan in &log.plans {
                    for step in plan.steps.iter().filter(|s| overlaps(s, data.from, data.to, log.today)) {
                        let id = ids::plan_step(plan.plan.id, step.index);
                        entry(entries, id, |r| statement(r, id, log, plan, step, &subject));
                    }
                }
            }
            for log in &data.medications {
                for d in log.doses.iter().filter(|d| d.outcome.is_settled()) {
                    let id = d.event_id.unwrap_or_else(|| ids::missed_dose(log.medication.id, d.slot_index, d.night));
                    entry(entries, id, |r| {
                        r.str("resourceType", "MedicationAdministration").str("id", &id.to_string());
                        match &d.outcome {
                            Outcome::Taken { .. } => r.str("status", "completed"),
                            Outcome::Skipped { .. } => r.str("status", "not-done").arr("statusReason", |a| {
                                a.obj(|c| {
                                    c.str("text", "Skipped on purpose");
                                });
                            }),
                            Outcome::Missed | Outcome::Open => r.str("status", "not-done").arr("statusReason", |a| {
                                a.obj(|c| {
                                    c.str("text", "Missed: neither taken nor skipped by the end of its window");
                                });
                            }),
                        };
                        medication_reference(r, &log.medication);
                        r.obj("subject", |s| {
                            s.str("reference", &subject);
                        });
                        match &d.outcome {
                            Outcome::Taken { at, amount, late } => {
                                r.str("effectiveDateTime", &date_time(*at));
                                if *late {
                                    note(r, "Taken more than two hours after the reminder.");
                                }
                                r.obj("dosage", |dose| {
                                    dose.str("text", &dose_text(&log.medication, *amount));
                                    dose.obj("dose", |q| mg_quantity(q, *amount));
                                });
                            }
                            Outcome::Skipped { at } => {
                                r.str("effectiveDateTime", &date_time(d.due));
                                note(r, &format!("Recorded as skipped at {}.", date_time(*at)));
                            }
                            Outcome::Missed | Outcome::Open => {
                                r.str("effectiveDateTime", &date_time(d.due));
                            }
                        }
                    });
                }
            }
            for c in &data.checkins {
                let id = ids::checkin(data.subject_id, c.morning);
                entry(entries, id, |r| {
                    r.str("resourceType", "Observation").str("id", &id.to_string()).str("status", "final");
                    r.arr("category", |a| {
                        a.obj(|cat| {
                            cat.arr("coding", |codings| {
                                codings.obj(|coding| {
                                    coding.str("system", OBSERVATION_CATEGORY).str("code", "survey").str("display", "Survey");
                                });
                            });
                        });
                    });
                    r.obj("code", |code| {
                        code.str("text", "Morning check-in: how the night went");
                    });
                    r.obj("subject", |s| {
                        s.str("reference", &subject);
                    });
                    r.str("effectiveDateTime", &c.morning.to_string());
                    r.str("issued", &date_time(c.recorded_at));
                    r.obj("valueCodeableConcept", |v| {
                        v.str("text", c.feeling.label());
                    });
                    if let Some(n) = &c.note {
                        note(r, n);
                    }
                    if c.pain.is_some() || !c.effects.is_empty() {
                        r.arr("component", |components| {
                            if let Some(p) = c.pain {
                                components.obj(|comp| {
                                    comp.obj("code", |code| {
                                        code.arr("coding", |codings| {
                                            codings.obj(|coding| {
                                                coding.str("system", LOINC).str("code", LOINC_PAIN_0_10).str("display", LOINC_PAIN_0_10_DISPLAY);
                                            });
                                        });
                                        code.str("text", "Pain (0 = none, 10 = worst imaginable)");
                                    });
                                    comp.num("valueInteger", p);
                                });
                            }
                            for e in &c.effects {
                                components.obj(|comp| {
                                    comp.obj("code", |code| {
                                        code.str("text", &format!("{} ({})", e.label(), text::symptom_reading(*e).to_lowercase()));
                                    });
                                    comp.num("valueBoolean", true);
                                });
                            }
                        });
                    }
                });
            }
        });
    });
    out
}

/// One bundle entry: the full URL and the resource `body` writes.
fn entry(entries: &mut Arr<'_>, id: Uuid, body: impl FnOnce(&mut Obj<'_>)) {
    entries.obj(|e| {
        e.str("fullUrl", &urn(id));
        e.obj("resource", body);
    });
}

fn patient(r: &mut Obj<'_>, data: &ReportData) {
    r.str("resourceType", "Patient")
        .str("id", &data.subject_id.to_string());
    if let Some(name) = &data.patient_name {
        r.arr("name", |a| {
            a.obj(|n| {
                n.str("text", name);
            });
        });
    }
}

fn medication(r: &mut Obj<'_>, med: &Medication) {
    r.str("resourceType", "Medication")
        .str("id", &med.id.to_string());
    r.obj("code", |c| {
        c.str("text", &med.name);
    });
    let form = match (med.tablets.is_empty(), med.liquids_per_5ml.is_empty()) {
        (false, true) => Some("Tablet"),
        (true, false) => Some("Oral solution"),
        _ => None,
    };
    if let Some(form) = form {
        r.obj("form", |f| {
            f.str("text", form);
        });
    }
}

fn medication_reference(r: &mut Obj<'_>, med: &Medication) {
    r.obj("medicationReference", |m| {
        m.str("reference", &urn(med.id)).str("display", &med.name);
    });
}

fn note(r: &mut Obj<'_>, text: &str) {
    r.arr("note", |a| {
        a.obj(|n| {
            n.str("text", text);
        });
    });
}

/// True when a step belongs in a report of nights `from..=to`: it overlaps them, or it is
/// still ahead and the report runs to tonight (the plan as it stands).
fn overlaps(step: &Step, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> bool {
    let ends_after_from = step.until.is_none_or(|u| u > from);
    ends_after_from && (step.from <= to || to >= today)
}

fn statement(
    r: &mut Obj<'_>,
    id: Uuid,
    log: &MedicationLog,
    plan: &PlanLog,
    step: &Step,
    subject: &str,
) {
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
    r.str("resourceType", "MedicationStatement")
        .str("id", &id.to_string())
        .str("status", status);
    if status == "not-taken" {
        r.arr("statusReason", |a| {
            a.obj(|c| {
                c.str("text", "The plan's dose is 0 mg from this night on");
            });
        });
    }
    medication_reference(r, med);
    r.obj("subject", |s| {
        s.str("reference", subject);
    });
    r.obj("effectivePeriod", |p| {
        p.str("start", &step.from.to_string());
        if let Some(until) = step.until {
            p.str(
                "end",
                &(until - Duration::days(1)).max(step.from).to_string(),
            );
        }
    });
    r.str("dateAsserted", &date_time(plan.plan.created_at));
    let mut text = format!(
        "Plan version {}: {}. Step {}.",
        plan.plan.version,
        plan.plan.kind.describe(),
        step.index + 1
    );
    if step.projected {
        text.push_str(
            " Projected: this step happens only if side effects are confirmed tolerable.",
        );
    }
    note(r, &text);
    r.arr("dosage", |a| {
        a.obj(|dosage| {
            dosage.num("sequence", 1);
            if step.dose.is_zero() {
                dosage.str("text", "None: the taper has ended");
            } else {
                let daily = Micrograms(step.dose.0.saturating_mul(per_day));
                dosage.str(
                    "text",
                    &format!(
                        "{} {}, {daily} a day",
                        dose_text(med, step.dose),
                        slot_text(&med.slot)
                    ),
                );
            }
            dosage.obj("timing", |t| timing(t, &med.slot));
            if !step.dose.is_zero() {
                let daily = Micrograms(step.dose.0.saturating_mul(per_day));
                dosage.arr("doseAndRate", |rates| {
                    rates.obj(|rate| {
                        rate.obj("doseQuantity", |q| mg_quantity(q, step.dose));
                    });
                });
                dosage.obj("maxDosePerPeriod", |ratio| {
                    ratio.obj("numerator", |q| mg_quantity(q, daily));
                    ratio.obj("denominator", |q| {
                        q.num("value", 1)
                            .str("unit", "day")
                            .str("system", UCUM)
                            .str("code", "d");
                    });
                });
            }
        });
    });
}

fn timing(t: &mut Obj<'_>, slot: &Slot) {
    t.obj("repeat", |r| {
        r.num("frequency", slot.doses_per_day())
            .num("period", 1)
            .str("periodUnit", "d");
        match slot {
            // HS: "before sleep" in FHIR's event-timing codes.
            Slot::Evening { .. } => {
                r.strs("when", ["HS"]);
            }
            Slot::Morning { time } => {
                r.strs("timeOfDay", [time.format("%H:%M:%S").to_string().as_str()]);
            }
            Slot::Times { times } => {
                let list: Vec<String> = times
                    .iter()
                    .map(|t| t.format("%H:%M:%S").to_string())
                    .collect();
                r.strs("timeOfDay", list.iter().map(String::as_str));
            }
        }
    });
}

fn slot_text(slot: &Slot) -> String {
    match slot {
        Slot::Evening { lead_minutes } => {
            format!("once a day, {lead_minutes} minutes before bedtime")
        }
        Slot::Morning { time } => format!("once a day at {}", time.format("%H:%M")),
        Slot::Times { times } => {
            let list: Vec<String> = times
                .iter()
                .map(|t| t.format("%H:%M").to_string())
                .collect();
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

fn mg_quantity(q: &mut Obj<'_>, amount: Micrograms) {
    q.num("value", amount.as_mg())
        .str("unit", "mg")
        .str("system", UCUM)
        .str("code", "mg");
}

fn urn(id: Uuid) -> String {
    format!("urn:uuid:{id}")
}

/// FHIR dateTime/instant: seconds and offset always present.
fn date_time<Tz: TimeZone>(at: DateTime<Tz>) -> String {
    super::iso8601(at)
}
