//! Patterns in the check-ins and the plan that are worth raising with the prescriber, each
//! phrased as a question and shown with the evidence it rests on. The app never advises: it
//! notices and suggests what to ask.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::checkin::{CheckIn, Feeling};
use crate::doselog::DoseStatus;
use crate::medication::{Medication, Slot};

/// How many recent mornings the patterns look at.
pub const LOOKBACK_NIGHTS: i64 = 14;
/// Bad nights after an evening dose, within the lookback, that raise the morning-dosing question.
pub const INSOMNIA_NIGHTS: usize = 3;

/// A question worth asking the prescriber, with why the app suggests it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Stable id: the same pattern over the same medicine keeps its id, so a dismissal sticks.
    pub id: String,
    /// A short headline.
    pub title: String,
    /// The question to ask, in the user's voice.
    pub question: String,
    /// What the app saw, one line per piece of evidence ("Slept badly on 3 June after 20 mg").
    pub evidence: Vec<String>,
    /// The fact the question rests on, for people who want to know why.
    pub basis: String,
    /// The medicine it is about, if one.
    pub medication_name: Option<String>,
}

/// One night as the patterns see it: a medicine's evening dose and the check-in after it.
#[derive(Debug, Clone)]
pub struct NightFacts<'a> {
    /// The medicine.
    pub medication: &'a Medication,
    /// The night.
    pub night: NaiveDate,
    /// What happened to the dose.
    pub status: DoseStatus,
    /// The check-in of the next morning, if given.
    pub morning_after: Option<&'a CheckIn>,
}

/// Every suggestion the facts support, except the dismissed ones.
pub fn active(
    today: NaiveDate,
    nights: &[NightFacts<'_>],
    dismissed: &[String],
) -> Vec<Suggestion> {
    let mut out = Vec::new();
    out.extend(insomnia_on_evening_dosing(today, nights));
    out.retain(|s| !dismissed.contains(&s.id));
    out
}

/// Repeated bad nights after taking an evening dose → ask about taking it in the morning.
fn insomnia_on_evening_dosing(today: NaiveDate, nights: &[NightFacts<'_>]) -> Vec<Suggestion> {
    let since = today - Duration::days(LOOKBACK_NIGHTS);
    let mut out = Vec::new();
    let mut meds: Vec<&Medication> = nights.iter().map(|n| n.medication).collect();
    meds.dedup_by_key(|m| m.id);
    for med in meds {
        if !matches!(med.slot, Slot::Evening { .. }) {
            continue;
        }
        let bad: Vec<String> = nights
            .iter()
            .filter(|n| n.medication.id == med.id && n.night >= since && n.night < today)
            .filter_map(|n| match (&n.status, n.morning_after) {
                (DoseStatus::Taken { amount, .. }, Some(c)) if c.feeling == Feeling::SleptBadly => {
                    Some(format!(
                        "Slept badly the night of {} after taking {amount}",
                        n.night.format("%a %-d %b")
                    ))
                }
                _ => None,
            })
            .collect();
        if bad.len() >= INSOMNIA_NIGHTS {
            out.push(Suggestion {
                id: format!("insomnia-evening:{}", med.id),
                title: "Sleeping badly after evening doses".into(),
                question: format!("Could I take my {} in the morning instead of the evening?", med.name),
                evidence: bad,
                basis: "Amitriptyline is usually taken in the evening because it makes people drowsy, but for some it disturbs sleep instead; for them a prescriber may move the dose to the morning.".into(),
                medication_name: Some(med.name.clone()),
            });
        }
    }
    out
}
