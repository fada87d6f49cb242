//! The records and enums that cross the boundary: the FFI's own copies of the core's view
//! models, converted in one place. Amounts are **milligrams as `f64`** (what people type and
//! read; the core keeps exact micrograms and rounds input to the microgram), each with a
//! ready-made text such as `"25 mg"` where a screen shows it. Ids are UUID strings. Dates,
//! times and instants: see [`crate::time`].

use eventide_core::breakdown::{self, Breakdown as CoreBreakdown, Part};
use eventide_core::checkin::{
    self as core_checkin, Feeling as CoreFeeling, Symptom as CoreSymptom, SymptomGroup as CoreGroup,
};
use eventide_core::companion::ActionOutcome as CoreActionOutcome;
use eventide_core::doselog::{DoseAction, DoseEvent, DoseStatus as CoreDoseStatus};
use eventide_core::ingredient::Ingredient as CoreIngredient;
use eventide_core::medication::{
    Medication as CoreMedication, NewMedication as CoreNewMedication, Slot as CoreSlot,
};
use eventide_core::notify::{
    DesiredNotification as CoreNotification, NotificationAction as CoreAction,
    NotificationKind as CoreKind,
};
use eventide_core::plan::{Plan, PlanKind, TaperMethod as CoreTaperMethod};
use eventide_core::schedule::DaySettings as CoreDaySettings;
use eventide_core::suggest::{
    Severity as CoreSeverity, Suggestion as CoreSuggestion, SuggestionKind as CoreSuggestionKind,
};
use eventide_core::units::Micrograms;
use eventide_core::view::{self as core_view};
use eventide_core::zone::ZoneRules;

use crate::error::EventideError;
use crate::time::{date_text, parse_clock, phone_time, time_text, timestamp, PhoneTime};

pub(crate) fn mg(m: Micrograms) -> f64 {
    m.as_mg()
}

/// Reads an amount in mg typed by the user, naming `field` on error.
pub(crate) fn micrograms(field: &str, mg: f64) -> Result<Micrograms, EventideError> {
    Ok(Micrograms::from_mg(field, mg)?)
}

// ----- medications -----

/// When in the day a medicine is taken.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum Slot {
    /// Before bed: reminded `lead_minutes` (60–120) before that evening's bedtime.
    Evening { lead_minutes: u16 },
    /// Once each morning at `time` ("HH:MM").
    Morning { time: String },
    /// At several fixed times each day ("HH:MM" each), e.g. 08:00, 14:00, 22:00.
    Times { times: Vec<String> },
}

impl From<&CoreSlot> for Slot {
    fn from(s: &CoreSlot) -> Self {
        match s {
            CoreSlot::Evening { lead_minutes } => Slot::Evening {
                lead_minutes: *lead_minutes,
            },
            CoreSlot::Morning { time } => Slot::Morning {
                time: time_text(*time),
            },
            CoreSlot::Times { times } => Slot::Times {
                times: times.iter().map(|t| time_text(*t)).collect(),
            },
        }
    }
}

impl TryFrom<Slot> for CoreSlot {
    type Error = EventideError;
    fn try_from(s: Slot) -> Result<Self, EventideError> {
        Ok(match s {
            Slot::Evening { lead_minutes } => CoreSlot::Evening { lead_minutes },
            Slot::Morning { time } => CoreSlot::Morning {
                time: parse_clock("time", &time)?,
            },
            Slot::Times { times } => CoreSlot::Times {
                times: times
                    .iter()
                    .map(|t| parse_clock("times", t))
                    .collect::<Result<_, _>>()?,
            },
        })
    }
}

/// What a medicine is, whatever the box calls it: every dose rule keys on this, never on the
/// name. Offer [`recognise_ingredient`]'s answer as the default and let the user confirm it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Ingredient {
    Amitriptyline,
    Nortriptyline,
    Duloxetine,
    Gabapentin,
    Pregabalin,
    Other,
}

impl From<CoreIngredient> for Ingredient {
    fn from(i: CoreIngredient) -> Self {
        match i {
            CoreIngredient::Amitriptyline => Ingredient::Amitriptyline,
            CoreIngredient::Nortriptyline => Ingredient::Nortriptyline,
            CoreIngredient::Duloxetine => Ingredient::Duloxetine,
            CoreIngredient::Gabapentin => Ingredient::Gabapentin,
            CoreIngredient::Pregabalin => Ingredient::Pregabalin,
            CoreIngredient::Other => Ingredient::Other,
        }
    }
}

impl From<Ingredient> for CoreIngredient {
    fn from(i: Ingredient) -> Self {
        match i {
            Ingredient::Amitriptyline => CoreIngredient::Amitriptyline,
            Ingredient::Nortriptyline => CoreIngredient::Nortriptyline,
            Ingredient::Duloxetine => CoreIngredient::Duloxetine,
            Ingredient::Gabapentin => CoreIngredient::Gabapentin,
            Ingredient::Pregabalin => CoreIngredient::Pregabalin,
            Ingredient::Other => CoreIngredient::Other,
        }
    }
}

/// One entry of the ingredient picker, with the label to show.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IngredientChoice {
    pub ingredient: Ingredient,
    /// "Amitriptyline", …, "Something else".
    pub label: String,
}

/// The ingredient picker's entries, in order.
#[uniffi::export]
pub fn ingredient_choices() -> Vec<IngredientChoice> {
    CoreIngredient::ALL
        .iter()
        .map(|i| IngredientChoice {
            ingredient: Ingredient::from(*i),
            label: i.label().to_string(),
        })
        .collect()
}

/// The ingredient a typed name most likely means (generic names, common brand names, near
/// misspellings: "Elavil", "amitryptiline"), to preselect in the picker; `None` when nothing is
/// recognised. Never store it without the user seeing it.
#[uniffi::export]
pub fn recognise_ingredient(name: String) -> Option<Ingredient> {
    eventide_core::ingredient::recognise(&name).map(Ingredient::from)
}

/// A medicine as the user enters it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NewMedication {
    /// The name as typed ("Amitriptyline"), at most 80 characters.
    pub name: String,
    /// What it is, as the user confirmed it. `None` is refused as `InvalidInput` on field
    /// `ingredient`, with the ingredient the name suggests offered in the reason.
    pub ingredient: Option<Ingredient>,
    /// Tablet strengths held, in mg (e.g. `[10.0, 25.0]`).
    pub tablet_mg: Vec<f64>,
    /// Whether the user can split tablets in half.
    pub can_halve: bool,
    /// Oral solution strengths held, in mg per 5 ml.
    pub liquid_mg_per_5ml: Vec<f64>,
    /// When it is taken.
    pub slot: Slot,
}

impl TryFrom<NewMedication> for CoreNewMedication {
    type Error = EventideError;
    fn try_from(n: NewMedication) -> Result<Self, EventideError> {
        Ok(CoreNewMedication {
            name: n.name,
            ingredient: n.ingredient.map(Into::into),
            tablet_mg: n.tablet_mg,
            can_halve: n.can_halve,
            liquid_mg_per_5ml: n.liquid_mg_per_5ml,
            slot: n.slot.try_into()?,
        })
    }
}

/// Reads what the user typed into a strengths box ("10, 25", "10 25 mg", "12.5; 25",
/// "10 mg/5 ml") into the amounts for [`NewMedication`], the same way on every phone.
/// `field` is `"tablet"` or `"liquid"` and names the box in the error. Anything that is not an
/// amount is refused, never dropped; "12,5" is refused with both readings (12.5, or 12 and 5)
/// for the user to choose. Empty text gives no strengths.
#[uniffi::export]
pub fn parse_strengths(field: String, text: String) -> Result<Vec<f64>, EventideError> {
    Ok(eventide_core::medication::parse_strengths(&field, &text)?)
}

/// Reads the times of day typed for a several-times-a-day medicine ("08:00, 14:00, 22:00")
/// into the "HH:MM" list [`Slot::Times`] takes, the same way on every phone. A time that is
/// not 24-hour HH:MM is refused as `InvalidInput` on field `times`, naming it.
#[uniffi::export]
pub fn parse_times(text: String) -> Result<Vec<String>, EventideError> {
    Ok(eventide_core::schedule::parse_times("times", &text)?
        .into_iter()
        .map(time_text)
        .collect())
}

/// A medicine the user holds.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Medication {
    /// Stable id (a UUID string); pass it to plan and dose calls.
    pub id: String,
    /// The name.
    pub name: String,
    /// What it is.
    pub ingredient: Ingredient,
    /// Tablet strengths held, in mg, ascending.
    pub tablet_mg: Vec<f64>,
    /// Whether tablets can be halved.
    pub can_halve: bool,
    /// Oral solution strengths, in mg per 5 ml, ascending.
    pub liquid_mg_per_5ml: Vec<f64>,
    /// When it is taken.
    pub slot: Slot,
    /// "evening", "morning", "3 times a day".
    pub slot_label: String,
    /// What the user holds, for display: "10 mg and 25 mg tablets".
    pub holding: String,
    /// Evening medicines: until when a dose can still be taken, in minutes after that night's
    /// bedtime (0–240, default 120; `set_latest_time`). After it a forgotten dose is no longer
    /// offered and the card shows the missed-dose guidance.
    pub latest_after_bedtime_minutes: u16,
}

impl From<&CoreMedication> for Medication {
    fn from(m: &CoreMedication) -> Self {
        Medication {
            id: m.id.to_string(),
            name: m.name.clone(),
            ingredient: m.ingredient.into(),
            tablet_mg: m.tablets.iter().copied().map(mg).collect(),
            can_halve: m.can_halve,
            liquid_mg_per_5ml: m.liquids_per_5ml.iter().copied().map(mg).collect(),
            slot: Slot::from(&m.slot),
            slot_label: m.slot.label(),
            holding: breakdown::holding(m),
            latest_after_bedtime_minutes: m.latest_after_bedtime_minutes,
        }
    }
}

// ----- settings -----

/// A day of the week (bedtimes can differ by evening).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl From<Weekday> for chrono::Weekday {
    fn from(w: Weekday) -> Self {
        match w {
            Weekday::Monday => chrono::Weekday::Mon,
            Weekday::Tuesday => chrono::Weekday::Tue,
            Weekday::Wednesday => chrono::Weekday::Wed,
            Weekday::Thursday => chrono::Weekday::Thu,
            Weekday::Friday => chrono::Weekday::Fri,
            Weekday::Saturday => chrono::Weekday::Sat,
            Weekday::Sunday => chrono::Weekday::Sun,
        }
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// The bedtime of one evening of the week.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EveningBedtime {
    /// The evening.
    pub weekday: Weekday,
    /// Bedtime that evening, "HH:MM".
    pub bedtime: String,
    /// True when this evening has its own bedtime rather than the default.
    pub own: bool,
}

/// The user's day: bedtimes and when the morning check-in is asked.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DaySettings {
    /// The bedtime of evenings without their own, "HH:MM".
    pub default_bedtime: String,
    /// Each evening's bedtime, Monday first (always 7 entries).
    pub evenings: Vec<EveningBedtime>,
    /// When the morning check-in is asked (and the app's day rolls over), "HH:MM".
    pub checkin_time: String,
}

impl From<&CoreDaySettings> for DaySettings {
    fn from(s: &CoreDaySettings) -> Self {
        DaySettings {
            default_bedtime: time_text(s.bedtimes.default),
            evenings: WEEK
                .iter()
                .zip(s.bedtimes.by_weekday.iter())
                .map(|(w, own)| EveningBedtime {
                    weekday: *w,
                    bedtime: time_text(own.unwrap_or(s.bedtimes.default)),
                    own: own.is_some(),
                })
                .collect(),
            checkin_time: time_text(s.checkin_time),
        }
    }
}

// ----- plans -----

/// How a taper lowers the dose.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum TaperMethod {
    /// Down by the same amount (mg) every step.
    Linear { step_mg: f64 },
    /// Down by a percentage (1–50) of the current dose every step: smaller cuts near the end.
    Proportional { percent: u32 },
}

impl TaperMethod {
    pub(crate) fn to_core(&self) -> Result<CoreTaperMethod, EventideError> {
        Ok(match *self {
            TaperMethod::Linear { step_mg } => CoreTaperMethod::Linear {
                step: micrograms("step", step_mg)?,
            },
            TaperMethod::Proportional { percent } => CoreTaperMethod::Proportional { percent },
        })
    }
}

/// One step of a plan, for display.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StepView {
    /// 1 for the first step.
    pub number: u32,
    /// The dose each night of the step, in mg.
    pub dose_mg: f64,
    /// "20 mg".
    pub dose_text: String,
    /// First night, "YYYY-MM-DD".
    pub from: String,
    /// The night the next step starts, when known.
    pub until: Option<String>,
    /// An expectation that depends on confirmations still to come.
    pub projected: bool,
    /// What to take: "2 × 10 mg" (or why it cannot be made).
    pub take: String,
    /// Tapers: how much lower than the step before, in mg (null for the first step or a rise).
    pub cut_mg: Option<f64>,
    /// That cut as a percentage of the dose before (12.5 = 12.5 %).
    pub cut_percent: Option<f64>,
    /// The change into this step, ready to show: "−5 mg (−12.5%)", "+10 mg", with ", more than
    /// the 10% asked" when `more_than_asked`; empty for the first step.
    pub change: String,
    /// The step cuts more than the plan asks (beyond the rounding tolerance); draw it marked.
    pub more_than_asked: bool,
    /// Its nights, ready to show: "Wed 25 Nov – Tue 8 Dec" (first and last night; `until` is
    /// the next step's first), "Wed 25 Nov" (one night), "From Wed 25 Nov" (no end known).
    pub dates: String,
}

impl From<&core_view::StepView> for StepView {
    fn from(s: &core_view::StepView) -> Self {
        StepView {
            number: s.number,
            dose_mg: mg(s.dose),
            dose_text: s.dose.to_string(),
            from: date_text(s.from),
            until: s.until.map(date_text),
            projected: s.projected,
            take: s.take.clone(),
            cut_mg: s.cut.map(mg),
            cut_percent: s.cut_share_bp.map(|bp| f64::from(bp) / 100.0),
            change: s.change.clone(),
            more_than_asked: s.more_than_asked,
            dates: s.dates.clone(),
        }
    }
}

/// The same taper with a form the user does not hold (an oral solution, half tablets): shown
/// when what they hold cannot reach the small final dose, to ask the prescriber about.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct OtherFormView {
    /// "With 10 mg/5 ml oral solution as well", "Splitting tablets in half".
    pub label: String,
    /// What would be held: "10 mg and 25 mg tablets, 10 mg/5 ml solution".
    pub holding: String,
    /// The taper's steps with that form.
    pub steps: Vec<StepView>,
    /// Its first night at 0, "YYYY-MM-DD".
    pub ends_on: Option<String>,
    /// "Comes down to 2.4 mg before the end, on Mon 26 Jul 2027: 60 weeks (…) in all."
    pub summary: String,
}

impl From<&core_view::OtherFormView> for OtherFormView {
    fn from(f: &core_view::OtherFormView) -> Self {
        OtherFormView {
            label: f.label.clone(),
            holding: f.holding.clone(),
            steps: f.steps.iter().map(StepView::from).collect(),
            ends_on: f.ends_on.map(date_text),
            summary: f.summary.clone(),
        }
    }
}

/// The next dose change of a plan.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NextChange {
    /// First night of the new dose, "YYYY-MM-DD".
    pub night: String,
    /// The new dose in mg.
    pub dose_mg: f64,
    /// "30 mg".
    pub dose_text: String,
    /// True when it only happens once the user chooses to step up.
    pub needs_confirmation: bool,
    /// One line for the screen: "30 mg from Fri 15 May, if you choose to step up then."
    pub text: String,
}

/// What a button of the step-up prompt does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum StepUpAction {
    /// Call `confirm_tolerable`.
    StepUpAsPlanned,
    /// Call `stay_on_dose`.
    StayAndAsk,
}

/// One button of the step-up prompt, with the line under it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StepUpOption {
    pub action: StepUpAction,
    /// "Step up as planned".
    pub label: String,
    /// When this choice fits.
    pub detail: String,
}

/// The prompt when a titration's next step is due: draw the options side by side with equal
/// weight; `preselected` is always null (nothing is chosen for the user).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StepUpChoice {
    pub prompt: String,
    pub options: Vec<StepUpOption>,
    pub preselected: Option<StepUpAction>,
}

fn step_up_action(a: core_view::StepUpAction) -> StepUpAction {
    match a {
        core_view::StepUpAction::StepUpAsPlanned => StepUpAction::StepUpAsPlanned,
        core_view::StepUpAction::StayAndAsk => StepUpAction::StayAndAsk,
    }
}

/// A later plan version already saved, taking over on `starts_on`.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NextVersion {
    /// Its version number.
    pub version: u32,
    /// Its first night, "YYYY-MM-DD".
    pub starts_on: String,
    /// One line: "Maintenance 20 mg".
    pub description: String,
}

/// Where a medicine's plan stands.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PlanView {
    /// The medicine's id.
    pub medication_id: String,
    /// Its name.
    pub medication_name: String,
    /// The plan version shown (1, 2, …): the one in force, or the first one while none has
    /// started; history is never rewritten.
    pub version: u32,
    /// First night of that version, "YYYY-MM-DD".
    pub starts_on: String,
    /// One line: "Titration 10 mg → 50 mg, +10 mg every 7 days …".
    pub description: String,
    /// True for tapers.
    pub is_taper: bool,
    /// Tonight's dose under the plan, mg.
    pub current_dose_mg: f64,
    /// "20 mg".
    pub current_dose_text: String,
    /// "each night", "each morning", "3 times a day": for "20 mg each night".
    pub dose_when: String,
    /// 1-based number of the current step; 0 while the plan has not started yet.
    pub current_step: u32,
    /// Past, current and (projected) future steps.
    pub steps: Vec<StepView>,
    /// The next change, if one is coming: the plan's next step or a later version's start.
    pub next_change: Option<NextChange>,
    /// A later version already saved, if any.
    pub next_version: Option<NextVersion>,
    /// The step-up is due and waits for the user's choice (`step_up_choice`).
    pub awaiting_confirmation: bool,
    /// One sentence for the screen: what happens next.
    pub status_line: String,
    /// While a step-up is due: the two choices to draw side by side.
    pub step_up_choice: Option<StepUpChoice>,
    /// Tapers: the first night at 0, "YYYY-MM-DD".
    pub ends_on: Option<String>,
    /// Tapers: nights from the plan's first night to its end.
    pub length_nights: Option<u32>,
    /// Tapers: "Ends on Mon 21 Sep 2026: 16 weeks (about 4 months) in all."; empty otherwise.
    pub end_line: String,
    /// Tapers: how steps are rounded to what the user can measure; empty otherwise.
    pub rounding_note: String,
    /// The warnings the user confirmed when this version was saved.
    pub confirmed_warnings: Vec<String>,
    /// Tapers that cannot reach the small final dose with what is held: the same taper with
    /// each form that would reach further. Empty otherwise.
    pub other_forms: Vec<OtherFormView>,
}

impl From<&core_view::PlanView> for PlanView {
    fn from(p: &core_view::PlanView) -> Self {
        PlanView {
            medication_id: p.medication_id.to_string(),
            medication_name: p.medication_name.clone(),
            version: p.version,
            starts_on: date_text(p.starts_on),
            description: p.description.clone(),
            is_taper: p.is_taper,
            current_dose_mg: mg(p.current_dose),
            current_dose_text: p.current_dose.to_string(),
            dose_when: p.dose_when.clone(),
            current_step: p.current_step,
            steps: p.steps.iter().map(StepView::from).collect(),
            next_change: p.next_change.as_ref().map(|n| NextChange {
                night: date_text(n.night),
                dose_mg: mg(n.dose),
                dose_text: n.dose.to_string(),
                needs_confirmation: n.needs_confirmation,
                text: n.text.clone(),
            }),
            next_version: p.next_version.as_ref().map(|v| NextVersion {
                version: v.version,
                starts_on: date_text(v.starts_on),
                description: v.description.clone(),
            }),
            awaiting_confirmation: p.awaiting_confirmation,
            status_line: p.status_line.clone(),
            step_up_choice: p.step_up_choice.as_ref().map(|c| StepUpChoice {
                prompt: c.prompt.clone(),
                options: c
                    .options
                    .iter()
                    .map(|o| StepUpOption {
                        action: step_up_action(o.action),
                        label: o.label.clone(),
                        detail: o.detail.clone(),
                    })
                    .collect(),
                preselected: c.preselected.map(step_up_action),
            }),
            ends_on: p.ends_on.map(date_text),
            length_nights: p.length_nights,
            end_line: p.end_line.clone(),
            rounding_note: p.rounding_note.clone(),
            confirmed_warnings: p.confirmed_warnings.clone(),
            other_forms: p.other_forms.iter().map(OtherFormView::from).collect(),
        }
    }
}

/// One saved version of a plan (for history and the clinician).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PlanVersion {
    /// 1, 2, …
    pub version: u32,
    /// First night it applies, "YYYY-MM-DD".
    pub starts_on: String,
    /// One line describing it.
    pub description: String,
    /// True for tapers.
    pub is_taper: bool,
    /// When it was saved.
    pub created_at: crate::time::Timestamp,
    /// The warnings the user confirmed when saving it.
    pub confirmed_warnings: Vec<String>,
}

impl From<&Plan> for PlanVersion {
    fn from(p: &Plan) -> Self {
        PlanVersion {
            version: p.version,
            starts_on: date_text(p.starts_on),
            description: p.kind.describe(),
            is_taper: p.kind.is_taper(),
            created_at: timestamp(p.created_at),
            confirmed_warnings: p.confirmed_warnings.clone(),
        }
    }
}

/// Builds a core titration from user-typed mg amounts.
pub(crate) fn titration(
    start_mg: f64,
    step_mg: f64,
    every_days: u32,
    target_mg: f64,
) -> Result<PlanKind, EventideError> {
    Ok(PlanKind::Titration {
        start: micrograms("start", start_mg)?,
        step: micrograms("step", step_mg)?,
        every_days,
        target: micrograms("target", target_mg)?,
    })
}

// ----- doses -----

/// One thing to take.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum DosePart {
    /// `halves / 2` tablets of `strength_mg` (odd `halves` means a half tablet).
    Tablet {
        strength_mg: f64,
        halves: u32,
        text: String,
    },
    /// `volume_ml` of a solution with `mg_per_5ml` in each 5 ml.
    Liquid {
        mg_per_5ml: f64,
        volume_ml: f64,
        text: String,
    },
}

impl From<&Part> for DosePart {
    fn from(p: &Part) -> Self {
        match *p {
            Part::Tablet { strength, halves } => DosePart::Tablet {
                strength_mg: mg(strength),
                halves,
                text: p.to_string(),
            },
            Part::Liquid { per_5ml, volume } => DosePart::Liquid {
                mg_per_5ml: mg(per_5ml),
                volume_ml: volume.as_ml(),
                text: p.to_string(),
            },
        }
    }
}

/// A dose as things to take.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Breakdown {
    /// What the plan asked for, mg.
    pub dose_mg: f64,
    /// What the parts add up to; differs only by liquid rounding to a 0.1 ml mark.
    pub delivered_mg: f64,
    /// What to take, largest first.
    pub parts: Vec<DosePart>,
    /// "1 × 25 mg + 1 × 10 mg".
    pub text: String,
}

impl From<&CoreBreakdown> for Breakdown {
    fn from(b: &CoreBreakdown) -> Self {
        Breakdown {
            dose_mg: mg(b.dose),
            delivered_mg: mg(b.delivered),
            parts: b.parts.iter().map(DosePart::from).collect(),
            text: b.to_string(),
        }
    }
}

/// Where a dose stands.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum DoseStatus {
    /// Not yet due.
    Upcoming,
    /// Due now, not yet taken.
    Due,
    /// Snoozed; the reminder comes back at `until`.
    Snoozed { until: PhoneTime },
    /// Taken (`late` when well after the reminder).
    Taken {
        at: PhoneTime,
        amount_mg: f64,
        late: bool,
    },
    /// Skipped on purpose.
    Skipped { at: PhoneTime },
    /// Not taken by the cutoff.
    Missed,
}

pub(crate) fn dose_status(s: &CoreDoseStatus, zone: &dyn ZoneRules) -> DoseStatus {
    match s {
        CoreDoseStatus::Upcoming => DoseStatus::Upcoming,
        CoreDoseStatus::Due => DoseStatus::Due,
        CoreDoseStatus::Snoozed { until } => DoseStatus::Snoozed {
            until: phone_time(zone, *until),
        },
        CoreDoseStatus::Taken { at, amount, late } => DoseStatus::Taken {
            at: PhoneTime::from(*at),
            amount_mg: mg(*amount),
            late: *late,
        },
        CoreDoseStatus::Skipped { at } => DoseStatus::Skipped {
            at: PhoneTime::from(*at),
        },
        CoreDoseStatus::Missed => DoseStatus::Missed,
    }
}

/// One dose on the home screen.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DoseCard {
    /// The occurrence key; also the id of its notification.
    pub key: String,
    /// The medicine's id.
    pub medication_id: String,
    /// Its name.
    pub medication_name: String,
    /// "evening", "morning", "08:00".
    pub slot_label: String,
    /// Which of the day's doses (0 unless taken at several fixed times).
    pub slot_index: u32,
    /// The night (or day) it belongs to, "YYYY-MM-DD".
    pub night: String,
    /// The planned amount, mg.
    pub dose_mg: f64,
    /// "20 mg".
    pub dose_text: String,
    /// What to take, when it can be made from what the user holds.
    pub breakdown: Option<Breakdown>,
    /// Why there is no breakdown.
    pub breakdown_problem: Option<String>,
    /// When the reminder fires.
    pub reminder_at: PhoneTime,
    /// Its latest time: until when it can be taken before it counts as missed.
    pub cutoff: PhoneTime,
    /// Where it stands.
    pub status: DoseStatus,
    /// One word: "upcoming", "due", "snoozed", "taken", "taken late", "skipped", "missed".
    pub status_word: String,
    /// For an evening dose missed past its latest time: the missed-dose guidance to show on
    /// the card (do not take it now; take the next dose as usual), from the core catalogue.
    #[uniffi(default)]
    pub guidance: Option<String>,
    /// The status line to show: "Upcoming", "Due now", "Snoozed until 21:35", "Taken at 21:05",
    /// "Taken late at 23:40", "Skipped at 21:10", "Missed" (the phone's times).
    pub status_text: String,
    /// "Reminder 21:00".
    pub reminder_text: String,
    /// The buttons to draw, in order (none once the dose is settled, or missed, or 0 mg).
    /// Answer a tap with `handle_action(key, button.action, now)`.
    pub buttons: Vec<CardButton>,
}

/// One button of a dose card.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CardButton {
    /// What it does; pass it to `handle_action` with the card's `key`.
    pub action: NotificationAction,
    /// The action's code ("taken"), as on the notification's button.
    pub code: String,
    /// "Taken", "Snooze 30 min", "Skip".
    pub label: String,
    /// What a screen reader says: "Mark Amitriptyline 25 mg as taken".
    pub description: String,
    /// False when the core would refuse it now (draw it disabled): a snooze with no room left
    /// before the dose's latest time.
    pub enabled: bool,
    /// The card's main button (draw it filled, the others outlined).
    pub primary: bool,
}

pub(crate) fn dose_card(c: &core_view::DoseCard, zone: &dyn ZoneRules) -> DoseCard {
    DoseCard {
        key: c.key.clone(),
        medication_id: c.medication_id.to_string(),
        medication_name: c.medication_name.clone(),
        slot_label: c.slot_label.clone(),
        slot_index: c.slot_index,
        night: date_text(c.night),
        dose_mg: mg(c.dose),
        dose_text: c.dose.to_string(),
        breakdown: c.breakdown.as_ref().map(Breakdown::from),
        breakdown_problem: c.breakdown_problem.clone(),
        reminder_at: PhoneTime::from(c.reminder_at),
        cutoff: PhoneTime::from(c.cutoff),
        status: dose_status(&c.status, zone),
        status_word: c.status.word().to_string(),
        guidance: c.guidance.clone(),
        status_text: c.status_text.clone(),
        reminder_text: c.reminder_text.clone(),
        buttons: c
            .buttons
            .iter()
            .map(|b| CardButton {
                action: b.action.into(),
                code: b.action.code().to_string(),
                label: b.label.clone(),
                description: b.description.clone(),
                enabled: b.enabled,
                primary: b.primary,
            })
            .collect(),
    }
}

/// What a dose action did.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DoseOutcome {
    /// The occurrence key (= notification id).
    pub key: String,
    /// The medicine's name.
    pub medication_name: String,
    /// The night (or day), "YYYY-MM-DD".
    pub night: String,
    /// False when the same action was already recorded (a second tap): nothing changed.
    pub recorded: bool,
    /// The dose's status afterwards.
    pub status: DoseStatus,
    /// One sentence for the user.
    pub message: String,
}

pub(crate) fn dose_outcome(o: &core_view::DoseOutcome, zone: &dyn ZoneRules) -> DoseOutcome {
    DoseOutcome {
        key: o.key.clone(),
        medication_name: o.medication_name.clone(),
        night: date_text(o.night),
        recorded: o.recorded,
        status: dose_status(&o.status, zone),
        message: o.message.clone(),
    }
}

/// One of the doses an ambiguous tap could mean (`EventideError.WhichDose`): call `take`,
/// `skip` or `snooze` again with its `night` and `slot_index`.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DoseChoice {
    /// The night (or day), "YYYY-MM-DD".
    pub night: String,
    /// Which of the day's doses.
    pub slot_index: u32,
    /// "the 08:00 dose (not recorded)".
    pub label: String,
}

impl From<&eventide_core::tap::DoseChoice> for DoseChoice {
    fn from(c: &eventide_core::tap::DoseChoice) -> Self {
        DoseChoice {
            night: date_text(c.night),
            slot_index: c.slot_index,
            label: c.label.clone(),
        }
    }
}

/// What was done, as kept in the dose log.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum LoggedAction {
    /// Took `amount_mg`: what was measured with what the user holds. `planned_mg` is the planned
    /// amount when it differs (a solution rounded to a 0.1 ml mark), else null.
    Taken {
        amount_mg: f64,
        late: bool,
        planned_mg: Option<f64>,
    },
    /// Chose not to take it.
    Skipped,
    /// Asked to be reminded again at `until`.
    Snoozed { until: crate::time::Timestamp },
}

/// One entry of the dose log.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DoseLogEntry {
    /// The medicine's id.
    pub medication_id: String,
    /// Which of the day's doses.
    pub slot_index: u32,
    /// The night (or day), "YYYY-MM-DD".
    pub night: String,
    /// What was done.
    pub action: LoggedAction,
    /// When, with the phone's offset at the time.
    pub recorded_at: PhoneTime,
    /// For a dose recorded afterwards: when it was really taken (null: when recorded).
    pub taken_at: Option<PhoneTime>,
}

impl From<&DoseEvent> for DoseLogEntry {
    fn from(e: &DoseEvent) -> Self {
        DoseLogEntry {
            medication_id: e.medication_id.to_string(),
            slot_index: e.slot_index,
            night: date_text(e.night),
            action: match e.action {
                DoseAction::Taken {
                    amount,
                    late,
                    planned,
                } => LoggedAction::Taken {
                    amount_mg: mg(amount),
                    late,
                    planned_mg: planned.map(mg),
                },
                DoseAction::Skipped => LoggedAction::Skipped,
                DoseAction::Snoozed { until } => LoggedAction::Snoozed {
                    until: timestamp(until),
                },
            },
            recorded_at: PhoneTime::from(e.recorded_at),
            taken_at: e.taken_at.map(PhoneTime::from),
        }
    }
}

// ----- check-ins -----

/// The one-tap morning answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Feeling {
    /// Slept and woke normally.
    Fine,
    /// Hard to get going (the "hangover" of an evening dose).
    Groggy,
    /// Trouble falling or staying asleep.
    SleptBadly,
}

impl From<Feeling> for CoreFeeling {
    fn from(f: Feeling) -> Self {
        match f {
            Feeling::Fine => CoreFeeling::Fine,
            Feeling::Groggy => CoreFeeling::Groggy,
            Feeling::SleptBadly => CoreFeeling::SleptBadly,
        }
    }
}

impl From<CoreFeeling> for Feeling {
    fn from(f: CoreFeeling) -> Self {
        match f {
            CoreFeeling::Fine => Feeling::Fine,
            CoreFeeling::Groggy => Feeling::Groggy,
            CoreFeeling::SleptBadly => Feeling::SleptBadly,
        }
    }
}

/// The fixed list of symptoms a check-in can record (labels: [`checkin_choices`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Symptom {
    Dizziness,
    Drowsiness,
    DryMouth,
    Nausea,
    Constipation,
    Tinnitus,
    Tremor,
    Headache,
    Malaise,
    Sweating,
    BlurredVision,
    Palpitations,
    WeightGain,
    Irritability,
    Anxiety,
    VividDreams,
    FluLike,
    Fainting,
    SelfHarmThoughts,
    Tingling,
    BrainFog,
    EyePain,
    YellowSkin,
    Confusion,
    CannotPassUrine,
    Seizure,
    ChestPain,
    AllergicReaction,
}

/// Maps the symptom lists both ways; a match per direction so a new core symptom fails to
/// compile here until it is added to the FFI too.
macro_rules! symptom_mapping {
    ($($name:ident),* $(,)?) => {
        impl From<Symptom> for CoreSymptom {
            fn from(s: Symptom) -> Self {
                match s { $(Symptom::$name => CoreSymptom::$name),* }
            }
        }
        impl From<CoreSymptom> for Symptom {
            fn from(s: CoreSymptom) -> Self {
                match s { $(CoreSymptom::$name => Symptom::$name),* }
            }
        }
    };
}

symptom_mapping!(
    Dizziness,
    Drowsiness,
    DryMouth,
    Nausea,
    Constipation,
    Tinnitus,
    Tremor,
    Headache,
    Malaise,
    Sweating,
    BlurredVision,
    Palpitations,
    WeightGain,
    Irritability,
    Anxiety,
    VividDreams,
    FluLike,
    Fainting,
    SelfHarmThoughts,
    Tingling,
    BrainFog,
    EyePain,
    YellowSkin,
    Confusion,
    CannotPassUrine,
    Seizure,
    ChestPain,
    AllergicReaction,
);

/// How a symptom is usually read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SymptomGroup {
    /// Usually a side effect of taking the medicine.
    SideEffect,
    /// Usually a sign of lowering the dose too fast.
    Withdrawal,
    /// Seen both ways.
    Either,
}

/// How soon a symptom needs help when it is reported (the core's urgent tier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Urgency {
    /// A doctor or NHS 111 now.
    Now,
    /// 999 or A&E.
    Emergency,
}

impl From<core_checkin::Urgency> for Urgency {
    fn from(u: core_checkin::Urgency) -> Self {
        match u {
            core_checkin::Urgency::Now => Urgency::Now,
            core_checkin::Urgency::Emergency => Urgency::Emergency,
        }
    }
}

/// One symptom with its label, for building the check-in screen.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SymptomChoice {
    pub symptom: Symptom,
    /// "Dry mouth".
    pub label: String,
    pub group: SymptomGroup,
    /// Set for the symptoms that need help now; saving one raises a "get help now" suggestion.
    pub urgency: Option<Urgency>,
}

/// One heading of the check-in screen with its symptoms in order: draw the sections as given
/// (side effects, coming-off symptoms, either kind, needs help now).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SymptomSection {
    /// "Side effects".
    pub title: String,
    /// One line under the heading.
    pub note: String,
    pub symptoms: Vec<Symptom>,
}

/// One feeling with its button label.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FeelingChoice {
    pub feeling: Feeling,
    /// "Slept badly".
    pub label: String,
}

/// Everything the check-in screen offers, with the core's own labels.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckinChoices {
    /// Fine, Groggy, Slept badly.
    pub feelings: Vec<FeelingChoice>,
    /// The fixed symptom list.
    pub symptoms: Vec<SymptomChoice>,
    /// The symptoms grouped under the screen's headings, in display order; every symptom is in
    /// exactly one section.
    pub sections: Vec<SymptomSection>,
    /// Pain runs 0 (none) to this.
    pub max_pain: u8,
    /// Longest note, in characters.
    pub max_note_chars: u32,
}

/// The check-in screen's buttons and lists with their labels, so shells need not invent them.
#[uniffi::export]
pub fn checkin_choices() -> CheckinChoices {
    CheckinChoices {
        feelings: CoreFeeling::ALL
            .iter()
            .map(|f| FeelingChoice {
                feeling: Feeling::from(*f),
                label: f.label().to_string(),
            })
            .collect(),
        symptoms: CoreSymptom::ALL
            .iter()
            .map(|c| SymptomChoice {
                symptom: Symptom::from(*c),
                label: c.label().to_string(),
                group: match c.group() {
                    CoreGroup::SideEffect => SymptomGroup::SideEffect,
                    CoreGroup::Withdrawal => SymptomGroup::Withdrawal,
                    CoreGroup::Either => SymptomGroup::Either,
                },
                urgency: c.urgency().map(Urgency::from),
            })
            .collect(),
        sections: core_checkin::symptom_sections()
            .into_iter()
            .map(|x| SymptomSection {
                title: x.title.to_string(),
                note: x.note.to_string(),
                symptoms: x.symptoms.into_iter().map(Symptom::from).collect(),
            })
            .collect(),
        max_pain: core_checkin::MAX_PAIN,
        max_note_chars: u32::try_from(core_checkin::MAX_NOTE_CHARS).unwrap_or(u32::MAX),
    }
}

/// What the user enters for a morning.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckInAnswer {
    /// The one-tap answer; null keeps this morning's earlier answer (or Fine).
    pub feeling: Option<Feeling>,
    /// Pain 0–10; null means no score (an earlier one is cleared).
    pub pain: Option<u8>,
    /// Symptoms noticed: the whole list (one left out is removed).
    pub effects: Vec<Symptom>,
    /// Anything else (at most 500 characters); null or blank clears an earlier note.
    pub note: Option<String>,
}

impl From<CheckInAnswer> for core_checkin::CheckInAnswer {
    fn from(a: CheckInAnswer) -> Self {
        core_checkin::CheckInAnswer {
            feeling: a.feeling.map(CoreFeeling::from),
            pain: a.pain,
            effects: a.effects.into_iter().map(CoreSymptom::from).collect(),
            note: a.note,
        }
    }
}

/// A saved morning check-in.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckIn {
    /// The morning, "YYYY-MM-DD" (the night before is the day before).
    pub morning: String,
    /// The one-tap answer.
    pub feeling: Feeling,
    /// Pain 0–10.
    pub pain: Option<u8>,
    /// Symptoms noticed.
    pub effects: Vec<Symptom>,
    /// The user's note.
    pub note: Option<String>,
    /// When it was (last) answered.
    pub recorded_at: PhoneTime,
}

impl From<&core_checkin::CheckIn> for CheckIn {
    fn from(c: &core_checkin::CheckIn) -> Self {
        CheckIn {
            morning: date_text(c.morning),
            feeling: Feeling::from(c.feeling),
            pain: c.pain,
            effects: c.effects.iter().copied().map(Symptom::from).collect(),
            note: c.note.clone(),
            recorded_at: PhoneTime::from(c.recorded_at),
        }
    }
}

/// This morning's check-in on the home screen.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckinCard {
    /// The morning it is about, "YYYY-MM-DD".
    pub morning: String,
    /// The answer given, if any.
    pub answer: Option<CheckIn>,
}

// ----- suggestions -----

/// What a suggestion is about (one per rule of the core's reviewed catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SuggestionKind {
    AskAboutMorningDosing,
    AskAboutEarlierDoseTime,
    AskAboutDoseReview,
    SideEffectsEarlyDays,
    FairTrialReview,
    ReviewDue,
    WithdrawalDuringTaper,
    OneTaperAtATime,
    MissedDoseGuidance,
    TellPrescriberPromptly,
    /// 999 or A&E now (with Samaritans for thoughts of self-harm).
    EmergencyHelp,
    /// A doctor or NHS 111 now.
    GetHelpNow,
    WithdrawalAfterDoseFall,
    PersistentSideEffects,
    PainNoticeablyBetter,
    AskWhetherHelping,
    AskAboutStayingOnDose,
}

impl From<CoreSuggestionKind> for SuggestionKind {
    fn from(k: CoreSuggestionKind) -> Self {
        match k {
            CoreSuggestionKind::AskAboutMorningDosing => SuggestionKind::AskAboutMorningDosing,
            CoreSuggestionKind::AskAboutEarlierDoseTime => SuggestionKind::AskAboutEarlierDoseTime,
            CoreSuggestionKind::AskAboutDoseReview => SuggestionKind::AskAboutDoseReview,
            CoreSuggestionKind::SideEffectsEarlyDays => SuggestionKind::SideEffectsEarlyDays,
            CoreSuggestionKind::FairTrialReview => SuggestionKind::FairTrialReview,
            CoreSuggestionKind::ReviewDue => SuggestionKind::ReviewDue,
            CoreSuggestionKind::WithdrawalDuringTaper => SuggestionKind::WithdrawalDuringTaper,
            CoreSuggestionKind::OneTaperAtATime => SuggestionKind::OneTaperAtATime,
            CoreSuggestionKind::MissedDoseGuidance => SuggestionKind::MissedDoseGuidance,
            CoreSuggestionKind::TellPrescriberPromptly => SuggestionKind::TellPrescriberPromptly,
            CoreSuggestionKind::EmergencyHelp => SuggestionKind::EmergencyHelp,
            CoreSuggestionKind::GetHelpNow => SuggestionKind::GetHelpNow,
            CoreSuggestionKind::WithdrawalAfterDoseFall => SuggestionKind::WithdrawalAfterDoseFall,
            CoreSuggestionKind::PersistentSideEffects => SuggestionKind::PersistentSideEffects,
            CoreSuggestionKind::PainNoticeablyBetter => SuggestionKind::PainNoticeablyBetter,
            CoreSuggestionKind::AskWhetherHelping => SuggestionKind::AskWhetherHelping,
            CoreSuggestionKind::AskAboutStayingOnDose => SuggestionKind::AskAboutStayingOnDose,
        }
    }
}

/// How soon a suggestion is worth acting on (a UI may order and colour by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Severity {
    /// Good to know.
    Info,
    /// Worth raising at the next appointment.
    DiscussAtNextVisit,
    /// Worth contacting the prescriber about soon, before the next appointment.
    ContactPrescriberSoon,
    /// Needs a doctor, NHS 111 or 999 now: show it at once, above everything, with its
    /// `calls` as buttons.
    GetHelpNow,
}

impl From<CoreSeverity> for Severity {
    fn from(s: CoreSeverity) -> Self {
        match s {
            CoreSeverity::Info => Severity::Info,
            CoreSeverity::DiscussAtNextVisit => Severity::DiscussAtNextVisit,
            CoreSeverity::ContactPrescriberSoon => Severity::ContactPrescriberSoon,
            CoreSeverity::GetHelpNow => Severity::GetHelpNow,
        }
    }
}

/// A question worth asking the prescriber (or a note to read), with why the app suggests it.
/// All wording comes from the core's reviewed catalogue; shells show it as given.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Suggestion {
    /// Stable id: pass to `dismiss_suggestion`.
    pub id: String,
    /// What it is about.
    pub kind: SuggestionKind,
    /// How soon it is worth acting on.
    pub severity: Severity,
    /// That in plain words from the core's catalogue ("For your next visit"), to show as is.
    pub severity_label: String,
    /// A short headline.
    pub title: String,
    /// The sentence shown: information, or a question for the prescriber.
    pub text: String,
    /// A question the user could take to the prescriber, in their voice.
    pub question: String,
    /// What the app saw, one line each.
    pub evidence: Vec<String>,
    /// How many dated pieces of evidence there are (a dismissal is undone when this grows).
    pub evidence_count: u32,
    /// The newest piece of evidence, "YYYY-MM-DD".
    pub evidence_through: Option<String>,
    /// The fact the suggestion rests on.
    pub basis: String,
    /// Where that fact comes from.
    pub source: String,
    /// The catalogue entry of its wording.
    pub catalogue_key: String,
    /// The medicine it is about, if one.
    pub medication_name: Option<String>,
    /// Numbers to call, as buttons in this order (only "get help now" suggestions have them).
    pub calls: Vec<CallButton>,
}

/// A number a suggestion offers to call: open the phone's dialler with `number`.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CallButton {
    /// The button text: "Call NHS 111".
    pub label: String,
    /// Digits to dial: "111".
    pub number: String,
}

impl From<&CoreSuggestion> for Suggestion {
    fn from(s: &CoreSuggestion) -> Self {
        Suggestion {
            id: s.id.clone(),
            kind: SuggestionKind::from(s.kind),
            severity: Severity::from(s.severity),
            severity_label: eventide_core::catalogue::severity_label(s.severity).to_string(),
            title: s.title.clone(),
            text: s.text.clone(),
            question: s.question.clone(),
            evidence: s.evidence.clone(),
            evidence_count: s.evidence_count,
            evidence_through: s.evidence_through.map(date_text),
            basis: s.basis.clone(),
            source: s.source.clone(),
            catalogue_key: s.catalogue_key.clone(),
            medication_name: s.medication_name.clone(),
            calls: s
                .calls
                .iter()
                .map(|c| CallButton {
                    label: c.label.clone(),
                    number: c.number.clone(),
                })
                .collect(),
        }
    }
}

// ----- notifications -----

/// What a notification is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NotificationKind {
    /// Time to take a dose.
    Dose,
    /// The morning check-in.
    Checkin,
    /// A review with the prescriber is coming up.
    Review,
    /// Supplies of a medicine run out soon: a daytime reminder to ask for more (no buttons;
    /// a tap opens the Plan screen's Supplies section).
    Refill,
}

impl From<CoreKind> for NotificationKind {
    fn from(k: CoreKind) -> Self {
        match k {
            CoreKind::Dose => NotificationKind::Dose,
            CoreKind::Checkin => NotificationKind::Checkin,
            CoreKind::Review => NotificationKind::Review,
            CoreKind::Refill => NotificationKind::Refill,
        }
    }
}

/// A notification button, answered without opening the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum NotificationAction {
    /// Dose: I took it.
    Taken,
    /// Dose: remind me again in 30 minutes.
    Snooze,
    /// Dose: not tonight.
    Skip,
    /// Check-in: fine.
    Fine,
    /// Check-in: groggy.
    Groggy,
    /// Check-in: slept badly.
    SleptBadly,
}

impl From<NotificationAction> for CoreAction {
    fn from(a: NotificationAction) -> Self {
        match a {
            NotificationAction::Taken => CoreAction::Taken,
            NotificationAction::Snooze => CoreAction::Snooze,
            NotificationAction::Skip => CoreAction::Skip,
            NotificationAction::Fine => CoreAction::Fine,
            NotificationAction::Groggy => CoreAction::Groggy,
            NotificationAction::SleptBadly => CoreAction::SleptBadly,
        }
    }
}

impl From<CoreAction> for NotificationAction {
    fn from(a: CoreAction) -> Self {
        match a {
            CoreAction::Taken => NotificationAction::Taken,
            CoreAction::Snooze => NotificationAction::Snooze,
            CoreAction::Skip => NotificationAction::Skip,
            CoreAction::Fine => NotificationAction::Fine,
            CoreAction::Groggy => NotificationAction::Groggy,
            CoreAction::SleptBadly => NotificationAction::SleptBadly,
        }
    }
}

/// A button to register on a notification.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NotificationButton {
    /// Hand this back to `handle_action` when tapped.
    pub action: NotificationAction,
    /// A stable identifier for the platform's action registry: "taken", "snooze", "slept-badly".
    pub code: String,
    /// The button text: "Taken", "Slept badly".
    pub label: String,
}

/// One notification that should be pending: reconcile the OS with the whole list.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DesiredNotification {
    /// Stable text id ("dose:{medication}:{slot}:{night}", "checkin:{morning}",
    /// "review:{date}", "refill:{medication}:{runs-out night}").
    pub id: String,
    /// A stable non-negative number derived from `id` (Android's notify id).
    pub numeric_id: i32,
    /// What it is for.
    pub kind: NotificationKind,
    /// When to fire.
    pub fire_at: PhoneTime,
    /// The title.
    pub title: String,
    /// The body text.
    pub body: String,
    /// The medicine's id, for dose and refill reminders.
    pub medication_id: Option<String>,
    /// The medicine's name, for dose and refill reminders.
    pub medication_name: Option<String>,
    /// The night (dose), morning (check-in), date (review) or night supplies run out (refill)
    /// it is about, "YYYY-MM-DD".
    pub date: String,
    /// Its buttons, in display order.
    pub actions: Vec<NotificationButton>,
}

impl From<&CoreNotification> for DesiredNotification {
    fn from(n: &CoreNotification) -> Self {
        DesiredNotification {
            id: n.id.clone(),
            numeric_id: n.numeric_id,
            kind: NotificationKind::from(n.kind),
            fire_at: PhoneTime::from(n.fire_at_local),
            title: n.title.clone(),
            body: n.body.clone(),
            medication_id: n.medication_id.map(|id| id.to_string()),
            medication_name: n.medication_name.clone(),
            date: date_text(n.date),
            actions: n
                .actions
                .iter()
                .map(|a| NotificationButton {
                    action: NotificationAction::from(*a),
                    code: a.code().to_string(),
                    label: a.label().to_string(),
                })
                .collect(),
        }
    }
}

/// What a notification tap did.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum ActionOutcome {
    /// A dose was taken, skipped or snoozed (or already was).
    Dose { outcome: DoseOutcome },
    /// The morning check-in was answered. `urgent` holds the "get help now" suggestions
    /// showing after it (from this answer or the mornings before it): show them at once, with
    /// their numbers to call, even with the app in the background.
    Checkin {
        checkin: CheckIn,
        urgent: Vec<Suggestion>,
    },
}

pub(crate) fn action_outcome(
    o: &CoreActionOutcome,
    zone: &dyn ZoneRules,
    urgent: &[CoreSuggestion],
) -> ActionOutcome {
    match o {
        CoreActionOutcome::Dose(d) => ActionOutcome::Dose {
            outcome: dose_outcome(d, zone),
        },
        CoreActionOutcome::Checkin(c) => ActionOutcome::Checkin {
            checkin: CheckIn::from(c),
            urgent: urgent.iter().map(Suggestion::from).collect(),
        },
    }
}

// ----- the home screen -----

/// Everything the home screen shows, computed whole by the core.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Today {
    /// The phone's time when this was computed.
    pub now: PhoneTime,
    /// The night the evening doses belong to, "YYYY-MM-DD".
    pub night: String,
    /// "Tonight", or "Last night" after midnight until the morning check-in time (the doses
    /// shown are then the night before's, still open): the heading of the home screen.
    pub night_label: String,
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
    /// Supplies of each medicine, in the order added (the Plan screen's Supplies section;
    /// `tracked` false until a count is recorded).
    pub supplies: Vec<crate::supplies::SupplyForecast>,
}

pub(crate) fn today(t: &core_view::Today, zone: &dyn ZoneRules) -> Today {
    Today {
        now: PhoneTime::from(t.now_local),
        night: date_text(t.night),
        night_label: t.night_label().to_string(),
        doses: t.doses.iter().map(|c| dose_card(c, zone)).collect(),
        plans: t.plans.iter().map(PlanView::from).collect(),
        checkin: CheckinCard {
            morning: date_text(t.checkin.morning),
            answer: t.checkin.answer.as_ref().map(CheckIn::from),
        },
        suggestions: t.suggestions.iter().map(Suggestion::from).collect(),
        next_notification: t.next_notification.as_ref().map(DesiredNotification::from),
        supplies: t
            .supplies
            .iter()
            .map(crate::supplies::SupplyForecast::from)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symptom_maps_both_ways_with_its_label() {
        let choices = checkin_choices();
        assert_eq!(choices.symptoms.len(), CoreSymptom::ALL.len());
        for core in CoreSymptom::ALL {
            assert_eq!(CoreSymptom::from(Symptom::from(core)), core);
        }
        assert!(choices
            .symptoms
            .iter()
            .any(|s| s.symptom == Symptom::DryMouth && s.label == "Dry mouth"));
        assert_eq!(
            choices
                .feelings
                .iter()
                .map(|f| f.label.as_str())
                .collect::<Vec<_>>(),
            ["Fine", "Groggy", "Slept badly"]
        );
    }

    #[test]
    fn settings_list_every_evening_with_its_own_or_the_default_bedtime() {
        let mut core = CoreDaySettings::default();
        core.bedtimes.set(
            chrono::NaiveTime::from_hms_opt(23, 30, 0).unwrap(),
            &[chrono::Weekday::Fri],
        );
        let s = DaySettings::from(&core);
        assert_eq!(s.evenings.len(), 7);
        let friday = s
            .evenings
            .iter()
            .find(|e| e.weekday == Weekday::Friday)
            .unwrap();
        assert_eq!((friday.bedtime.as_str(), friday.own), ("23:30", true));
        assert!(s
            .evenings
            .iter()
            .filter(|e| e.weekday != Weekday::Friday)
            .all(|e| !e.own && e.bedtime == s.default_bedtime));
    }

    #[test]
    fn a_typed_slot_time_is_checked_and_named() {
        let err = CoreSlot::try_from(Slot::Times {
            times: vec!["08:00".into(), "noon".into()],
        })
        .unwrap_err();
        assert!(
            matches!(err, EventideError::InvalidInput { ref field, .. } if field == "times"),
            "{err}"
        );
    }
}
