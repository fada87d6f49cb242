//! Every sentence the report prints about the medicine or the person's records, in one place
//! for review. Descriptive only: the report says what was planned and recorded, never what
//! anyone should do.

use crate::checkin::{Feeling, Symptom, SymptomGroup, Urgency};

/// The report's title.
pub const TITLE: &str = "Medication log";

/// Under the title: whose words these are.
pub const PROVENANCE: &str =
    "Recorded by the person taking the medicine with the Eventide app. It is their own log, not a clinical record, and the app gives no medical advice.";

/// How doses are counted, printed beside the adherence figures.
pub const ADHERENCE_RULES: &str =
    "Late: taken more than two hours after the reminder. Missed: neither taken nor skipped by its latest time (for evening doses, two hours after bedtime unless the person chose another time). Doses recorded afterwards keep the time they were taken. Tonight's dose, still open, is not counted, nor are doses from before the medicine was added.";

/// How to read the check-in strip.
pub const CHECKIN_RULES: &str =
    "Each morning the person answers one question about the night before; the answer is drawn under that night's dose.";

/// Heading of the questions section and what it means.
pub const QUESTIONS_INTRO: &str =
    "Patterns the app noticed in the records, phrased as questions the person may want to ask. They are prompts for a conversation, not recommendations.";

/// Said when the app has raised no questions.
pub const NO_QUESTIONS: &str = "The app has not raised any questions for this period.";

/// How a symptom is usually read, for the symptom table.
pub fn group_label(group: SymptomGroup) -> &'static str {
    match group {
        SymptomGroup::SideEffect => "Usually a side effect",
        SymptomGroup::Withdrawal => "Often seen when lowering the dose",
        SymptomGroup::Either => "Side effect or when lowering the dose",
    }
}

/// How a symptom is usually read, with its urgency when it has one: "Usually a side effect;
/// needs a doctor or NHS 111 now".
pub fn symptom_reading(symptom: Symptom) -> String {
    let group = group_label(symptom.group());
    match symptom.urgency() {
        Some(Urgency::Now) => format!("{group}; needs a doctor or NHS 111 now"),
        Some(Urgency::Emergency) => format!("{group}; needs 999 or A&E"),
        None => group.to_string(),
    }
}

/// One letter for the check-in strip, readable without colour.
pub fn feeling_letter(feeling: Feeling) -> &'static str {
    match feeling {
        Feeling::Fine => "F",
        Feeling::Groggy => "G",
        Feeling::SleptBadly => "B",
    }
}
