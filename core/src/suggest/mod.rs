//! Patterns in the check-ins, the dose log and the plans that are worth raising with the
//! prescriber — or, for a few symptoms, worth getting help for now. Each suggestion has a
//! stable kind, a severity tier, the evidence it rests on and a catalogue entry that carries
//! its wording and the fact behind it (for a known ingredient, the ingredient's own fact from
//! the catalogue, chosen by its table in [`ingredients`]). The app never advises a dose
//! change: it notices, says who to call when that cannot wait, and suggests what to ask.
//!
//! The rules live one family to a file: `timing` (dose time, grogginess, a missed dose),
//! `side_effects`, `withdrawal`, `reviews` (fair trial, pain relief, the review cycle,
//! overlapping tapers, a chosen stay) and `urgent`; `facts` gathers what they look at.
//!
//! Nights and mornings: the check-in of morning `m` tells about night `m − 1`. "The last 7
//! mornings" on night `n` are the mornings after nights `n − 7 ..= n − 1`. A check-in answered
//! early, before the app's day rolls over at the check-in time, is the morning after tonight:
//! the urgent, withdrawal and pain rules read it at once, whatever the hour.
//!
//! | kind | severity | fires when |
//! |---|---|---|
//! | `emergency_help` | get help now | a symptom with [`Urgency::Emergency`] (a fit, chest pain, a serious allergic reaction, thoughts of self-harm) on any of the last [`RECENT_MORNINGS`] mornings or this morning, answered at any hour |
//! | `get_help_now` | get help now | as above for [`Urgency::Now`] (fast or irregular heartbeat, fainting, eye pain or a change in sight, yellow skin or eyes, confusion, unable to pass urine) |
//! | `withdrawal_during_taper` | contact soon | the dose fell (see withdrawal watch) and the latest fall is a taper step; withdrawal-type symptoms or "slept badly" on ≥ [`WITHDRAWAL_MORNINGS`] mornings inside the watch |
//! | `withdrawal_after_dose_fall` | contact soon | as above, when the latest fall is a new lower steady dose, a stopped plan, or ≥ [`MISSED_RUN_NIGHTS`] nights in a row skipped or missed |
//! | `tell_prescriber_promptly` | contact soon | constipation on ≥ [`CONSTIPATION_MORNINGS`] of the last [`RECENT_MORNINGS`] mornings, in any order |
//! | `ask_about_morning_dosing` | discuss | evening medicine; "slept badly" after a taken dose on ≥ [`MORNING_DOSING_BAD_NIGHTS`] of the last [`RECENT_MORNINGS`] mornings, not counting the first [`NEW_DOSE_SETTLING_NIGHTS`] nights after starting the medicine, nor taper nights (withdrawal has its own rule) |
//! | `ask_about_earlier_dose_time` | discuss | evening medicine; "groggy" after a taken dose on ≥ [`GROGGY_MORNINGS`] of the last [`RECENT_MORNINGS`] mornings, counting only nights after the first [`GROGGY_GRACE_NIGHTS`] on that dose, and on most of those nights the dose was taken less than [`FULL_LEAD_MINUTES`] − [`DOSE_TIME_SLACK_MINUTES`] minutes before bedtime (from when it was really taken) |
//! | `ask_about_dose_review` | discuss | as above, but it was already taken about two hours before bed on most of those nights |
//! | `persistent_side_effects` | discuss | a steady dose for more than [`EARLY_DAYS_NIGHTS`] nights, and side effects on at least half of the mornings answered among the last [`PERSISTENT_WINDOW_MORNINGS`] (and on ≥ [`PERSISTENT_MIN_MORNINGS`]), in any order |
//! | `fair_trial_review` | discuss | the same dose of a titration (at its target, or paused below it) or a maintenance plan for [`ingredients::RuleTable::fair_trial_nights`] to [`FAIR_TRIAL_SHOWN_UNTIL_NIGHTS`] nights, no review since the trial was complete, and pain not shown to be unchanged |
//! | `ask_whether_helping` | discuss | as above, with a pain baseline and the recent pain less than [`PAIN_MEANINGFUL_FALL_PERCENT`] % below it |
//! | `pain_noticeably_better` | discuss | during a titration below its target, the recent pain average is ≥ [`PAIN_MEANINGFUL_FALL_PERCENT`] % below the medicine's baseline |
//! | `ask_about_staying_on_dose` | discuss | the user chose "stay on this dose and ask my prescriber" in the current titration step |
//! | `review_due` | discuss | the review interval (3 or 6 months) has passed since the last review (or the first plan) |
//! | `one_taper_at_a_time` | discuss | two medicines' tapers overlap on some night from tonight on |
//! | `side_effects_early_days` | info | side effects on ≥ [`EARLY_EFFECT_MORNINGS`] of the last [`RECENT_MORNINGS`] mornings, each within the first [`EARLY_DAYS_NIGHTS`] nights of a new, higher dose |
//! | `missed_dose_guidance` | info | last night's evening dose was missed |
//!
//! **Withdrawal watch.** Any fall in a medicine's dose opens a watch: a taper step, a new
//! lower steady dose, a plan that stops, or ≥ [`MISSED_RUN_NIGHTS`] nights in a row skipped or
//! missed. It stays open until [`WITHDRAWAL_WINDOW_NIGHTS`] nights after the last fall, so
//! falls close together make one watch, and symptoms anywhere inside it count, across later
//! steps. The suggestion names the next step while the watch is open.
//!
//! **Pain baseline.** Each medicine's baseline is the average pain of the mornings in the week
//! before its first dose (≥ [`PAIN_BASELINE_MIN_SCORES`] scores), else of its first week. The
//! recent pain is the average of the last [`RECENT_MORNINGS`] mornings (≥
//! [`PAIN_RECENT_MIN_SCORES`] scores). A fall of [`PAIN_MEANINGFUL_FALL_PERCENT`] % is IMMPACT's
//! moderately important change (Dworkin et al., J Pain 2008).
//!
//! A dismissed suggestion stays hidden until its evidence grows: more pieces of evidence, or
//! a piece newer than any it had when dismissed.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::catalogue;
use crate::checkin::{CheckIn, Feeling, Symptom, SymptomGroup, Urgency};
use crate::companion::Snapshot;
use crate::doselog::{self, DoseStatus};
use crate::error::{Error, Result};
use crate::medication::{Medication, Slot, MAX_LEAD_MINUTES};
use crate::plan::{self, Horizon, PlanKind};
use crate::review;
use crate::schedule;
use crate::store::{Dismissal, Tables};
use crate::units::Micrograms;
use crate::zone::ZoneRules;
use crate::Companion;
use uuid::Uuid;

mod facts;
pub mod ingredients;
mod reviews;
mod side_effects;
mod timing;
mod urgent;
mod withdrawal;

pub use facts::facts;
pub(crate) use facts::facts_from;

/// Nights of plan and check-in history the rules look at.
pub const HISTORY_NIGHTS: i64 = 90;
/// Nights of dose log and check-ins the rules read: every rule's evidence lies within the
/// last four weeks (a withdrawal watch is read back this far). Older nights are judged from
/// the plan alone, so the home screen costs the same after ten years.
pub const EVIDENCE_NIGHTS: i64 = 28;
/// The recent mornings most patterns count in.
pub const RECENT_MORNINGS: i64 = 7;
/// Bad nights after a taken evening dose, in the recent mornings, that raise the morning-dosing question.
pub const MORNING_DOSING_BAD_NIGHTS: usize = 3;
/// The first nights after starting a medicine (or restarting it after a break) do not count
/// towards the morning-dosing question. Titration steps do not restart the count: bad sleep at
/// each new step is the pattern itself, and a week has only seven mornings.
pub const NEW_DOSE_SETTLING_NIGHTS: i64 = 3;
/// Groggy mornings, in the recent mornings, that raise the dose-time question.
pub const GROGGY_MORNINGS: usize = 3;
/// Grogginess in the first two weeks on a dose is expected to fade and does not count.
pub const GROGGY_GRACE_NIGHTS: i64 = 14;
/// The lead before bedtime at which the dose time can move no earlier (the top of 1–2 hours,
/// pain article).
pub const FULL_LEAD_MINUTES: u16 = MAX_LEAD_MINUTES;
/// A dose taken within this many minutes of [`FULL_LEAD_MINUTES`] before bed counts as taken
/// "two hours before bed" (people take it a few minutes after the reminder).
pub const DOSE_TIME_SLACK_MINUTES: i64 = 15;
/// The "first weeks" on a new dose for the early side-effects note: most side effects ease
/// within days to weeks (pain article).
pub const EARLY_DAYS_NIGHTS: i64 = 21;
/// Mornings with side effects, in the recent mornings, that bring the early side-effects note.
pub const EARLY_EFFECT_MORNINGS: usize = 2;
/// The mornings the steady-dose side-effect rule looks back over (two weeks).
pub const PERSISTENT_WINDOW_MORNINGS: i64 = 14;
/// Fewest mornings with side effects for the steady-dose rule, however few were answered.
pub const PERSISTENT_MIN_MORNINGS: usize = 4;
/// Nights at the same dose that make a fair trial (six weeks: "six to eight weeks at the
/// optimal dose", pain article); each ingredient's table may say otherwise.
pub const FAIR_TRIAL_NIGHTS: i64 = 42;
/// After this many nights at the target the regular review cycle takes over (twelve weeks).
pub const FAIR_TRIAL_SHOWN_UNTIL_NIGHTS: i64 = 84;
/// Nights after the last fall in dose during which symptoms may be withdrawal (NICE NG222
/// allows one to two weeks to judge each step).
pub const WITHDRAWAL_WINDOW_NIGHTS: i64 = 14;
/// Mornings with withdrawal-type symptoms inside a watch that raise the question.
pub const WITHDRAWAL_MORNINGS: usize = 2;
/// Nights in a row skipped or missed that count as stopping on one's own.
pub const MISSED_RUN_NIGHTS: usize = 3;
/// Constipation on this many of the recent mornings, in any order, counts as lasting.
pub const CONSTIPATION_MORNINGS: usize = 3;
/// Fewest pain scores that make a baseline week.
pub const PAIN_BASELINE_MIN_SCORES: usize = 3;
/// Fewest pain scores in the recent mornings to compare with the baseline.
pub const PAIN_RECENT_MIN_SCORES: usize = 4;
/// A fall in average pain of this many percent is a meaningful change (IMMPACT: 30 %
/// moderately important, 50 % substantial).
pub const PAIN_MEANINGFUL_FALL_PERCENT: u32 = 30;

/// What a suggestion is about: a stable snake_case code for shells, the CLI and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    // Second pass (issue #14). Within a severity, kinds sort in this order.
    EmergencyHelp,
    GetHelpNow,
    WithdrawalAfterDoseFall,
    PersistentSideEffects,
    PainNoticeablyBetter,
    AskWhetherHelping,
    AskAboutStayingOnDose,
}

impl SuggestionKind {
    /// Every kind.
    pub const ALL: [SuggestionKind; 17] = [
        SuggestionKind::AskAboutMorningDosing,
        SuggestionKind::AskAboutEarlierDoseTime,
        SuggestionKind::AskAboutDoseReview,
        SuggestionKind::SideEffectsEarlyDays,
        SuggestionKind::FairTrialReview,
        SuggestionKind::ReviewDue,
        SuggestionKind::WithdrawalDuringTaper,
        SuggestionKind::OneTaperAtATime,
        SuggestionKind::MissedDoseGuidance,
        SuggestionKind::TellPrescriberPromptly,
        SuggestionKind::EmergencyHelp,
        SuggestionKind::GetHelpNow,
        SuggestionKind::WithdrawalAfterDoseFall,
        SuggestionKind::PersistentSideEffects,
        SuggestionKind::PainNoticeablyBetter,
        SuggestionKind::AskWhetherHelping,
        SuggestionKind::AskAboutStayingOnDose,
    ];

    /// The snake_case code, also the catalogue key of its wording.
    pub fn code(self) -> &'static str {
        match self {
            SuggestionKind::AskAboutMorningDosing => "ask_about_morning_dosing",
            SuggestionKind::AskAboutEarlierDoseTime => "ask_about_earlier_dose_time",
            SuggestionKind::AskAboutDoseReview => "ask_about_dose_review",
            SuggestionKind::SideEffectsEarlyDays => "side_effects_early_days",
            SuggestionKind::FairTrialReview => "fair_trial_review",
            SuggestionKind::ReviewDue => "review_due",
            SuggestionKind::WithdrawalDuringTaper => "withdrawal_during_taper",
            SuggestionKind::OneTaperAtATime => "one_taper_at_a_time",
            SuggestionKind::MissedDoseGuidance => "missed_dose_guidance",
            SuggestionKind::TellPrescriberPromptly => "tell_prescriber_promptly",
            SuggestionKind::EmergencyHelp => "emergency_help",
            SuggestionKind::GetHelpNow => "get_help_now",
            SuggestionKind::WithdrawalAfterDoseFall => "withdrawal_after_dose_fall",
            SuggestionKind::PersistentSideEffects => "persistent_side_effects",
            SuggestionKind::PainNoticeablyBetter => "pain_noticeably_better",
            SuggestionKind::AskWhetherHelping => "ask_whether_helping",
            SuggestionKind::AskAboutStayingOnDose => "ask_about_staying_on_dose",
        }
    }

    /// How soon it is worth acting on.
    pub fn severity(self) -> Severity {
        match self {
            SuggestionKind::SideEffectsEarlyDays | SuggestionKind::MissedDoseGuidance => {
                Severity::Info
            }
            SuggestionKind::WithdrawalDuringTaper
            | SuggestionKind::WithdrawalAfterDoseFall
            | SuggestionKind::TellPrescriberPromptly => Severity::ContactPrescriberSoon,
            SuggestionKind::EmergencyHelp | SuggestionKind::GetHelpNow => Severity::GetHelpNow,
            _ => Severity::DiscussAtNextVisit,
        }
    }

    /// Reads [`SuggestionKind::code`] back (dashes are accepted for underscores).
    pub fn parse(text: &str) -> Result<SuggestionKind> {
        let t = text.trim().to_ascii_lowercase().replace('-', "_");
        SuggestionKind::ALL
            .into_iter()
            .find(|k| k.code() == t)
            .ok_or_else(|| {
                let known: Vec<&str> = SuggestionKind::ALL.iter().map(|k| k.code()).collect();
                Error::invalid(
                    "kind",
                    format!("\"{text}\" is not a suggestion kind ({})", known.join(", ")),
                )
            })
    }
}

/// How soon a suggestion is worth acting on, least pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Good to know.
    Info,
    /// Worth raising at the next appointment.
    DiscussAtNextVisit,
    /// Worth contacting the prescriber about soon, before the next appointment.
    ContactPrescriberSoon,
    /// A symptom that needs a doctor, NHS 111 or 999 now: shown at once, at any hour, with the
    /// numbers to call.
    GetHelpNow,
}

/// A number a suggestion offers to call (its button text and the digits to dial).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    /// "Call NHS 111".
    pub label: String,
    /// "111".
    pub number: String,
}

/// A question worth asking the prescriber (or a note to read), with why the app suggests it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Stable id: the same pattern about the same medicine keeps its id, so a dismissal sticks.
    pub id: String,
    /// What it is about.
    pub kind: SuggestionKind,
    /// How soon it is worth acting on.
    pub severity: Severity,
    /// A short headline.
    pub title: String,
    /// The sentence shown: information, or a question for the prescriber.
    pub text: String,
    /// A question the user could take to the prescriber.
    pub question: String,
    /// What the app saw, one line per piece of evidence ("Sun 22 Nov: slept badly after 20 mg").
    pub evidence: Vec<String>,
    /// How many dated pieces of evidence there are (a dismissal is undone when this grows).
    pub evidence_count: u32,
    /// The newest piece of evidence.
    pub evidence_through: Option<NaiveDate>,
    /// The fact the suggestion rests on.
    pub basis: String,
    /// Where that fact comes from.
    pub source: String,
    /// The catalogue entry of its wording.
    pub catalogue_key: String,
    /// The medicine it is about, if one.
    pub medication_name: Option<String>,
    /// Numbers to call, as buttons (only the "get help now" kinds have them).
    #[serde(default)]
    pub calls: Vec<Call>,
}

/// What kind of plan was in force on a night.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NightPlan {
    /// No plan yet (or before the first).
    None,
    /// A titration towards `target`.
    Titration { target: Micrograms },
    /// A steady dose.
    Maintenance,
    /// A taper.
    Taper,
}

/// One night of one medicine as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NightRecord {
    /// The night.
    pub night: NaiveDate,
    /// The dose the plan gave that night (0 when none).
    pub planned: Micrograms,
    /// The plan in force that night.
    pub plan: NightPlan,
    /// What happened to the (first) dose that night; `None` for tonight or no dose.
    pub status: Option<DoseStatus>,
    /// For an evening dose taken that night: how many minutes before that night's bedtime it
    /// was taken (negative when after).
    pub minutes_before_bed: Option<i64>,
}

impl NightRecord {
    /// The plan in force was a taper.
    pub fn is_taper(&self) -> bool {
        self.plan == NightPlan::Taper
    }

    /// The plan in force was a titration at its target.
    pub fn at_target(&self) -> bool {
        matches!(self.plan, NightPlan::Titration { target } if target == self.planned)
    }
}

/// A medicine's average pain before (or just after) its first dose, to compare with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PainBaseline {
    /// The average, in tenths of a point (6.4 → 64).
    pub tenths: u32,
    /// How many scores it averages.
    pub scores: usize,
    /// The first and last morning it covers.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// True when it is the week before the first dose; false for the first week on it.
    pub before_first_dose: bool,
}

/// A medicine's recent history, oldest night first, ending with tonight.
#[derive(Debug, Clone)]
pub struct MedHistory {
    /// The medicine.
    pub medication: Medication,
    /// One record per night.
    pub nights: Vec<NightRecord>,
    /// The taper in force or planned from tonight on: its first night and the night it
    /// reaches 0 (if known).
    pub taper_span: Option<(NaiveDate, Option<NaiveDate>)>,
    /// The next change of dose the plan in force will make for sure (a taper's next step),
    /// after tonight: its first night and dose.
    pub next_step: Option<(NaiveDate, Micrograms)>,
    /// The night the user chose "stay on this dose and ask my prescriber" during the current
    /// titration step, if they did.
    pub stayed_on: Option<NaiveDate>,
    /// The pain baseline, when enough scores were recorded around the first dose.
    pub pain_baseline: Option<PainBaseline>,
}

impl MedHistory {
    fn record(&self, night: NaiveDate) -> Option<&NightRecord> {
        self.nights.iter().find(|r| r.night == night)
    }

    fn planned(&self, night: NaiveDate) -> Micrograms {
        self.record(night).map(|r| r.planned).unwrap_or_default()
    }

    /// The first night of the run of the same non-zero dose that contains `night`; `None`
    /// when the run goes back past the history (a long-standing dose).
    fn run_start(&self, night: NaiveDate) -> Option<NaiveDate> {
        let dose = self.planned(night);
        let mut start = night;
        loop {
            let before = start - Duration::days(1);
            match self.record(before) {
                Some(r) if r.planned == dose => start = before,
                Some(_) => return Some(start),
                None => return None,
            }
        }
    }

    /// Nights on the dose of `night` up to and including it; `None` when longer than the history.
    fn nights_on_dose(&self, night: NaiveDate) -> Option<i64> {
        self.run_start(night).map(|s| (night - s).num_days() + 1)
    }

    /// Nights on any dose since the medicine was last started, up to and including `night`;
    /// `None` when longer than the history.
    fn nights_since_start(&self, night: NaiveDate) -> Option<i64> {
        let mut start = night;
        loop {
            let before = start - Duration::days(1);
            match self.record(before) {
                Some(r) if !r.planned.is_zero() => start = before,
                Some(_) => return Some((night - start).num_days() + 1),
                None => return None,
            }
        }
    }

    fn is_taper_night(&self, night: NaiveDate) -> bool {
        self.record(night).is_some_and(NightRecord::is_taper)
    }

    fn taken(&self, night: NaiveDate) -> Option<Micrograms> {
        match self.record(night).and_then(|r| r.status.as_ref()) {
            Some(DoseStatus::Taken { amount, .. }) => Some(*amount),
            _ => None,
        }
    }

    fn is_evening(&self) -> bool {
        matches!(self.medication.slot, Slot::Evening { .. })
    }

    /// This medicine's rule table, when its ingredient has one.
    fn rules(&self) -> Option<&'static ingredients::RuleTable> {
        ingredients::table(self.medication.ingredient)
    }
}

/// Everything the rules look at.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The current night.
    pub tonight: NaiveDate,
    /// Each medicine's history.
    pub meds: Vec<MedHistory>,
    /// Check-ins of the history window, any order (including this morning's, when it was
    /// answered before the app's day rolled over).
    pub checkins: Vec<CheckIn>,
    /// Where the review cycle stands.
    pub review: review::ReviewStatus,
}

impl Facts {
    /// True when every past night's dose is settled (taken, skipped or missed): then the
    /// facts, and the suggestions drawn from them, change only with the data or the night.
    pub fn settled(&self) -> bool {
        self.meds
            .iter()
            .flat_map(|m| &m.nights)
            .all(|n| n.status.as_ref().is_none_or(DoseStatus::is_settled))
    }

    fn checkin(&self, morning: NaiveDate) -> Option<&CheckIn> {
        self.checkins.iter().find(|c| c.morning == morning)
    }

    /// The nights whose mornings are the recent mornings, oldest first.
    fn recent_nights(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (1..=RECENT_MORNINGS)
            .rev()
            .map(move |back| self.tonight - Duration::days(back))
    }

    /// The recent mornings and, when it was already answered, the morning after tonight (a
    /// check-in saved before the app's day rolls over), oldest first.
    fn mornings_up_to_now(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.recent_nights()
            .map(|n| n + Duration::days(1))
            .chain(std::iter::once(self.tonight + Duration::days(1)))
    }

    /// The average pain of the recent mornings (tenths of a point) and how many scores it
    /// averages, when there are at least [`PAIN_RECENT_MIN_SCORES`].
    fn recent_pain(&self) -> Option<(u32, usize, NaiveDate, NaiveDate)> {
        let scored: Vec<(NaiveDate, u8)> = self
            .mornings_up_to_now()
            .filter_map(|m| Some((m, self.checkin(m)?.pain?)))
            .collect();
        let (first, last) = (scored.first()?.0, scored.last()?.0);
        (scored.len() >= PAIN_RECENT_MIN_SCORES).then(|| {
            (
                tenths(scored.iter().map(|(_, p)| *p)),
                scored.len(),
                first,
                last,
            )
        })
    }
}

/// The average of `scores` in tenths of a point, rounded to the nearest (0 when empty).
fn tenths(scores: impl Iterator<Item = u8>) -> u32 {
    let (sum, n) = scores.fold((0u32, 0u32), |(s, n), p| (s + u32::from(p), n + 1));
    (sum * 10 + n / 2).checked_div(n).unwrap_or(0)
}

/// "6.4" for 64 tenths.
fn points(tenths: u32) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Symptoms as one lower-case list: "dry mouth, tremor".
fn labels(effects: &[Symptom]) -> String {
    effects
        .iter()
        .map(|e| e.label().to_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Dated and undated evidence lines, as the rules build them.
type Evidence = Vec<(Option<NaiveDate>, String)>;

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

fn make(
    kind: SuggestionKind,
    id: String,
    med: Option<&Medication>,
    evidence: Vec<(Option<NaiveDate>, String)>,
    vars: &[(&str, String)],
) -> Suggestion {
    let mut vars = vars.to_vec();
    if let Some(m) = med {
        vars.push(("medication", m.name.clone()));
    }
    let entry = catalogue::entry(kind.code());
    let fill = |s: Option<&str>| s.map(|s| catalogue::render(s, &vars)).unwrap_or_default();
    let dated: Vec<NaiveDate> = evidence.iter().filter_map(|(d, _)| *d).collect();
    // A known ingredient's own fact, where its table names one for this kind.
    let own = med
        .and_then(|m| ingredients::fact_for(kind, m.ingredient))
        .map(|f| (f.fact, f.source));
    let (basis, source) = match (own, entry) {
        (Some(o), _) => (o.0.to_string(), Some(o.1)),
        (None, Some(e)) => (e.fact.to_string(), Some(e.source)),
        (None, None) => (String::new(), None),
    };
    Suggestion {
        id,
        kind,
        severity: kind.severity(),
        title: fill(entry.map(|e| e.title)),
        text: fill(entry.map(|e| e.text)),
        question: fill(entry.map(|e| e.question)),
        evidence: evidence.into_iter().map(|(_, line)| line).collect(),
        evidence_count: u32::try_from(dated.len()).unwrap_or(u32::MAX),
        evidence_through: dated.into_iter().max(),
        basis,
        source: source
            .and_then(catalogue::source_note)
            .map(|s| s.title.to_string())
            .unwrap_or_default(),
        catalogue_key: kind.code().to_string(),
        medication_name: med.map(|m| m.name.clone()),
        calls: catalogue::calls(kind.code())
            .iter()
            .map(|c| Call {
                label: c.label.to_string(),
                number: c.number.to_string(),
            })
            .collect(),
    }
}

/// Every suggestion the facts support, dismissed or not, most pressing first.
pub fn evaluate(facts: &Facts) -> Vec<Suggestion> {
    let mut out = Vec::new();
    out.extend(urgent::urgent_help(facts));
    for med in &facts.meds {
        out.extend(timing::morning_dosing(facts, med));
        out.extend(timing::grogginess(facts, med));
        out.extend(side_effects::early_side_effects(facts, med));
        out.extend(side_effects::persistent_side_effects(facts, med));
        out.extend(reviews::fair_trial(facts, med));
        out.extend(reviews::pain_noticeably_better(facts, med));
        out.extend(reviews::staying_on_dose(facts, med));
        out.extend(withdrawal::withdrawal(facts, med));
        out.extend(timing::missed_dose(facts, med));
    }
    out.extend(reviews::review_due(facts));
    out.extend(reviews::overlapping_tapers(facts));
    out.extend(urgent::tell_promptly(facts));
    out.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The suggestions to show: those never dismissed, and those whose evidence has grown since.
pub fn visible(all: Vec<Suggestion>, dismissals: &[Dismissal]) -> Vec<Suggestion> {
    all.into_iter()
        .filter(
            |s| match dismissals.iter().find(|d| d.suggestion_id == s.id) {
                None => true,
                Some(d) => {
                    s.evidence_count > d.evidence_count || s.evidence_through > d.evidence_through
                }
            },
        )
        .collect()
}

/// The suggestions to show now (the home screen's list).
pub fn active(t: &Tables<'_>, zone: &dyn ZoneRules, now: DateTime<Utc>) -> Result<Vec<Suggestion>> {
    shown(t, &facts(t, zone, now)?)
}

/// The suggestions `facts` raise, less those the user dismissed (as recorded in `t`).
pub(crate) fn shown(t: &Tables<'_>, facts: &Facts) -> Result<Vec<Suggestion>> {
    Ok(visible(evaluate(facts), &t.dismissals()?))
}

/// Dismisses the suggestion `id` as it stands now; it returns when its evidence grows.
pub fn dismiss(
    t: &Tables<'_>,
    zone: &dyn ZoneRules,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Suggestion> {
    let all = evaluate(&facts(t, zone, now)?);
    let s = all
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::not_found(format!("a suggestion \"{id}\" showing now")))?;
    t.dismiss_with_evidence(
        &Dismissal {
            suggestion_id: s.id.clone(),
            evidence_count: s.evidence_count,
            evidence_through: s.evidence_through,
        },
        now,
    )?;
    Ok(s)
}

impl Companion {
    /// The suggestions to show now, most pressing first.
    pub fn suggestions(&self, now: DateTime<Utc>) -> Result<Vec<Suggestion>> {
        let zone = self.zone_rules();
        self.with_store(|s| active(&s.read(), zone.as_ref(), now))
    }

    /// The "get help now" suggestions showing now (not dismissed), most pressing first: what a
    /// phone shows at once after a check-in is saved, from the app or a notification button,
    /// at any hour.
    pub fn urgent_suggestions(&self, now: DateTime<Utc>) -> Result<Vec<Suggestion>> {
        Ok(self
            .suggestions(now)?
            .into_iter()
            .filter(|s| s.severity == Severity::GetHelpNow)
            .collect())
    }

    /// Dismisses every suggestion of `kind` showing now (e.g. "ask_about_morning_dosing");
    /// each returns only when its evidence grows. Returns what was dismissed.
    pub fn dismiss_suggestion_kind(
        &self,
        kind: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Suggestion>> {
        let kind = SuggestionKind::parse(kind)?;
        let zone = self.zone_rules();
        self.with_store(|s| {
            s.write(|t| {
                let showing: Vec<Suggestion> = active(t, zone.as_ref(), now)?
                    .into_iter()
                    .filter(|s| s.kind == kind)
                    .collect();
                if showing.is_empty() {
                    return Err(Error::not_found(format!(
                        "a {} suggestion showing now",
                        kind.code()
                    )));
                }
                for s in &showing {
                    let d = Dismissal {
                        suggestion_id: s.id.clone(),
                        evidence_count: s.evidence_count,
                        evidence_through: s.evidence_through,
                    };
                    t.dismiss_with_evidence(&d, now)?;
                }
                Ok(showing)
            })
        })
    }
}

#[cfg(test)]
mod tests;
