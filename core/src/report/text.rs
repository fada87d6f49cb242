//! Every sentence the report prints about the medicine or the person's records, in one place
//! for review. Descriptive only: the report says what was planned and recorded, never what
//! anyone should do.

use crate::checkin::{Feeling, SymptomGroup};

/// The report's title.
pub const TITLE: &str = "Medication log";

/// Under the title: whose words these are.
pub const PROVENANCE: &str =
    "Recorded by the person taking the medicine with the Eventide app. It is their own log, not a clinical record, and the app gives no medical advice.";

/// How doses are counted, printed beside the adherence figures.
pub const ADHERENCE_RULES: &str =
    "Late: recorded more than two hours after the reminder. Missed: neither taken nor skipped by the morning check-in time (for evening doses). Tonight's dose, still open, is not counted.";

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

/// One letter for the check-in strip, readable without colour.
pub fn feeling_letter(feeling: Feeling) -> &'static str {
    match feeling {
        Feeling::Fine => "F",
        Feeling::Groggy => "G",
        Feeling::SleptBadly => "B",
    }
}

/// The plan calendar's title.
pub const CALENDAR_TITLE: &str = "Plan calendar";

/// Under the calendar's title: what it is.
pub const CALENDAR_PROVENANCE: &str =
    "The plan as saved in the Eventide app by the person taking the medicine: each night's dose and what it is made of. The app gives no medical advice; the prescriber's instructions come first.";

/// Said when no medicine has a plan.
pub const CALENDAR_NO_PLAN: &str = "No medicine has a plan yet, so there is nothing to show.";

/// How to read the calendar's cells.
pub const CALENDAR_KEY: &str =
    "A thick top line marks the first night of a new dose; a dashed box, the night the supplies recorded in the app run out.";

/// Marks the first night of a new dose in a cell.
pub const CALENDAR_NEW_STEP: &str = "New dose";

/// A night with nothing to take (a taper has ended).
pub const CALENDAR_NOTHING: &str = "nothing to take";

/// Marks the night supplies run out in a cell.
pub const CALENDAR_RUNS_OUT: &str = "Supplies run out";

/// After a step that only happens once side effects are confirmed tolerable.
pub const CALENDAR_PROJECTED: &str = "(once side effects are confirmed tolerable)";

/// The footnote of a titration's later steps.
pub const CALENDAR_PROJECTED_NOTE: &str =
    "Doses marked * are the plan's next steps: each comes only once the person confirms in the app that side effects of the step before were tolerable.";

/// The calendar's footer.
pub const CALENDAR_FOOTER: &str =
    "Printed from Eventide. If a dose here differs from the label on the box, check with the pharmacist or prescriber.";
