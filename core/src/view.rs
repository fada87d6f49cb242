//! What the screens show, computed whole by the core so every shell draws the same thing.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::breakdown::Breakdown;
use crate::checkin::CheckIn;
use crate::doselog::DoseStatus;
use crate::notify::DesiredNotification;
use crate::suggest::Suggestion;
use crate::units::Micrograms;

/// The home screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Today {
    /// The phone's time when this was computed.
    pub now_local: DateTime<FixedOffset>,
    /// The night the evening doses belong to.
    pub night: NaiveDate,
    /// Every dose of the current day and night, soonest first.
    pub doses: Vec<DoseCard>,
    /// Where each medicine's plan stands.
    pub plans: Vec<PlanView>,
    /// This morning's check-in.
    pub checkin: CheckinCard,
    /// Questions worth asking the prescriber, most pressing (severity) first.
    pub suggestions: Vec<Suggestion>,
    /// The next notification due, if any.
    pub next_notification: Option<DesiredNotification>,
    /// Supplies of each medicine, in the order added: what is held, when it runs out, what to
    /// ask for (`tracked` false, with the sentence asking for a count, until one is recorded).
    pub supplies: Vec<crate::supplies::SupplyForecast>,
}

impl Today {
    /// "Tonight", or "Last night" in the small hours before the morning check-in time, when
    /// the evening doses on screen belong to the night before (they can still be recorded
    /// until their cutoff). Every shell heads the home screen with it.
    pub fn night_label(&self) -> &'static str {
        if self.now_local.date_naive() > self.night {
            "Last night"
        } else {
            "Tonight"
        }
    }
}

/// One dose on the home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoseCard {
    /// The occurrence key, also its notification id.
    pub key: String,
    /// The medicine.
    pub medication_id: Uuid,
    /// Its name.
    pub medication_name: String,
    /// "evening", "morning", "08:00".
    pub slot_label: String,
    /// Which of the day's doses.
    pub slot_index: u32,
    /// The night or day it belongs to.
    pub night: NaiveDate,
    /// The planned amount.
    pub dose: Micrograms,
    /// What to take, when it can be made from what the user holds.
    pub breakdown: Option<Breakdown>,
    /// Why there is no breakdown (the dose cannot be measured with what they hold).
    pub breakdown_problem: Option<String>,
    /// When the reminder fires (phone time).
    pub reminder_at: DateTime<FixedOffset>,
    /// Its latest time: until when it can be taken before it counts as missed (phone time).
    pub cutoff: DateTime<FixedOffset>,
    /// Where it stands.
    pub status: DoseStatus,
    /// For an evening dose missed past its latest time: the missed-dose guidance to show on
    /// the card (do not take it now; take the next dose as usual), from the catalogue.
    pub guidance: Option<String>,
    /// The status line: "Due now", "Taken at 21:05" (see [`crate::card`]).
    #[serde(default)]
    pub status_text: String,
    /// "Reminder 21:00".
    #[serde(default)]
    pub reminder_text: String,
    /// The buttons to draw, in order, each answered by `handle_action(key, action)`.
    #[serde(default)]
    pub buttons: Vec<crate::card::CardButton>,
}

/// A plan step for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    /// 1 for the first step.
    pub number: u32,
    /// The dose on each night of the step.
    pub dose: Micrograms,
    /// First night.
    pub from: NaiveDate,
    /// The night the next step starts, when known.
    pub until: Option<NaiveDate>,
    /// An expectation that depends on confirmations still to come.
    pub projected: bool,
    /// What to take, e.g. "1 × 25 mg + 1 × 10 mg" (or why it cannot be made).
    pub take: String,
    /// How much lower than the step before (tapers; `None` for the first step or a rise).
    pub cut: Option<Micrograms>,
    /// That cut in hundredths of a percent of the dose before (1250 = 12.5 %).
    pub cut_share_bp: Option<u32>,
    /// The change into this step in words: "−5 mg (−12.5%)", "+10 mg", with "more than the
    /// 10% asked" when [`StepView::more_than_asked`]; empty for the first step.
    pub change: String,
    /// The step cuts more than the plan asks (beyond the rounding tolerance): the user confirmed
    /// a warning naming it.
    pub more_than_asked: bool,
    /// Its nights in words: "Wed 25 Nov – Tue 8 Dec" (first and last night), "Wed 25 Nov" (one
    /// night), "From Wed 25 Nov" (no end known). See [`step_dates`].
    #[serde(default)]
    pub dates: String,
}

/// The nights of a step from `from`, with `until` the first night of the next step: the last
/// night shown is the one before `until`, never `until` itself.
pub fn step_dates(from: NaiveDate, until: Option<NaiveDate>) -> String {
    let day = |d: NaiveDate| d.format("%a %-d %b").to_string();
    match until.and_then(|u| u.pred_opt()) {
        None => format!("From {}", day(from)),
        Some(last) if last <= from => day(from),
        Some(last) => format!("{} – {}", day(from), day(last)),
    }
}

/// What a taper would look like with a form the user does not hold (an oral solution, half
/// tablets), shown when what they hold cannot reach the small final dose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherFormView {
    /// "With 10 mg/5 ml oral solution as well", "Splitting tablets in half".
    pub label: String,
    /// What would be held: "10 mg and 25 mg tablets, 10 mg/5 ml solution".
    pub holding: String,
    /// The same taper's steps with that form.
    pub steps: Vec<StepView>,
    /// The first night at 0.
    pub ends_on: Option<NaiveDate>,
    /// One sentence: how far down it comes and when it ends.
    pub summary: String,
}

/// The next dose change of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextChange {
    /// The first night of the new dose.
    pub night: NaiveDate,
    /// The new dose.
    pub dose: Micrograms,
    /// True when the change only happens if the user chooses to step up.
    pub needs_confirmation: bool,
    /// One line for the screen: "30 mg from Fri 15 May, if you choose to step up then."
    #[serde(default)]
    pub text: String,
}

/// What a choice on the step-up prompt does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepUpAction {
    /// Go on with the plan: `Companion::confirm_tolerable`.
    StepUpAsPlanned,
    /// Keep the dose and ask the prescriber: `Companion::stay_on_dose`.
    StayAndAsk,
}

/// One button of the step-up prompt, with the line under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepUpOption {
    /// What it does.
    pub action: StepUpAction,
    /// "Step up as planned".
    pub label: String,
    /// When this choice fits.
    pub detail: String,
}

/// The prompt shown when a titration's next step is due: two choices side by side, drawn with
/// equal weight, neither chosen for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepUpChoice {
    /// One line above the buttons.
    pub prompt: String,
    /// The choices in display order: step up as planned, then stay and ask.
    pub options: Vec<StepUpOption>,
    /// Always `None`: no choice is made for the user.
    pub preselected: Option<StepUpAction>,
}

/// A later plan version already saved, that takes over on `starts_on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextVersion {
    /// Its version number.
    pub version: u32,
    /// The first night it applies to.
    pub starts_on: NaiveDate,
    /// One line: "Maintenance 20 mg".
    pub description: String,
}

/// Where a medicine's plan stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    /// The medicine.
    pub medication_id: Uuid,
    /// Its name.
    pub medication_name: String,
    /// The version shown (1, 2, …): the one in force, or the first one when none has started.
    pub version: u32,
    /// The first night of that version.
    pub starts_on: NaiveDate,
    /// One line: "Titration 10 mg → 50 mg, +10 mg every 7 days …".
    pub description: String,
    /// True for tapers.
    pub is_taper: bool,
    /// Tonight's dose under the plan (0 before the plan starts).
    pub current_dose: Micrograms,
    /// When each dose is taken, for "10 mg each night": "each night", "each morning",
    /// "3 times a day".
    pub dose_when: String,
    /// 1-based number of the current step; 0 while the plan has not started yet.
    pub current_step: u32,
    /// Steps, past, current and (projected) future.
    pub steps: Vec<StepView>,
    /// The next change, if one is coming: the plan's next step, or the start of a later
    /// version, whichever comes first.
    pub next_change: Option<NextChange>,
    /// A later version already saved, if any.
    pub next_version: Option<NextVersion>,
    /// The step-up is due and waits for the user's choice ([`PlanView::step_up_choice`]).
    pub awaiting_confirmation: bool,
    /// One sentence for the screen: what happens next.
    pub status_line: String,
    /// When the next step of a titration is due: the two choices to draw.
    #[serde(default)]
    pub step_up_choice: Option<StepUpChoice>,
    /// Tapers: the first night at 0 (the end), when the steps reach it.
    pub ends_on: Option<NaiveDate>,
    /// Tapers: nights from the plan's first night to its end.
    pub length_nights: Option<u32>,
    /// Tapers: "Ends on Mon 21 Sep 2026: 16 weeks (about 4 months) in all."; empty otherwise.
    pub end_line: String,
    /// Tapers: how steps are rounded to what the user can measure; empty otherwise.
    pub rounding_note: String,
    /// The warnings confirmed when this version was saved (what it was saved despite).
    pub confirmed_warnings: Vec<String>,
    /// Tapers whose small final dose is out of reach of what is held: the same taper with the
    /// forms that would reach further (ask the prescriber about them). Empty otherwise.
    pub other_forms: Vec<OtherFormView>,
}

/// A plan not yet saved, as it would be, and the warnings saving it would ask to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPreview {
    /// The plan as it would stand once saved.
    pub plan: PlanView,
    /// Each warning to confirm (pass their texts back to save).
    pub warnings: Vec<crate::gates::PlanWarning>,
}

/// The morning check-in on the home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinCard {
    /// The morning it is about.
    pub morning: NaiveDate,
    /// The answer given, if any.
    pub answer: Option<CheckIn>,
}

/// What a dose action did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoseOutcome {
    /// The occurrence key.
    pub key: String,
    /// The medicine's name.
    pub medication_name: String,
    /// The night or day of the occurrence.
    pub night: NaiveDate,
    /// False when the same action was already recorded (a second tap): nothing changed.
    pub recorded: bool,
    /// The occurrence's status afterwards.
    pub status: DoseStatus,
    /// One sentence for the user.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_step_ends_the_night_before_the_next_one_starts() {
        // `until` is the first night of the next step: the step's last night is the 8th.
        assert_eq!(
            step_dates(d("2026-11-25"), Some(d("2026-12-09"))),
            "Wed 25 Nov – Tue 8 Dec"
        );
        assert_eq!(
            step_dates(d("2026-11-25"), Some(d("2026-11-26"))),
            "Wed 25 Nov"
        );
        assert_eq!(step_dates(d("2026-11-25"), None), "From Wed 25 Nov");
    }
}
