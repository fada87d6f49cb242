//! Patterns in the check-ins, the dose log and the plans that are worth raising with the
//! prescriber. Each suggestion has a stable kind, a severity tier, the evidence it rests on
//! and a catalogue entry that carries its wording and the fact behind it. The app never
//! advises: it notices and suggests what to ask.
//!
//! Nights and mornings: the check-in of morning `m` tells about night `m − 1`. "The last 7
//! mornings" on night `n` are the mornings after nights `n − 7 ..= n − 1`.
//!
//! | kind | severity | fires when |
//! |---|---|---|
//! | `ask_about_morning_dosing` | discuss | evening medicine; "slept badly" after a taken dose on ≥ [`MORNING_DOSING_BAD_NIGHTS`] of the last [`RECENT_MORNINGS`] mornings, not counting the first [`NEW_DOSE_SETTLING_NIGHTS`] nights after starting the medicine, nor taper nights (withdrawal has its own rule) |
//! | `ask_about_earlier_dose_time` | discuss | evening medicine with a lead under [`FULL_LEAD_MINUTES`]; "groggy" after a taken dose on ≥ [`GROGGY_MORNINGS`] of the last [`RECENT_MORNINGS`] mornings, counting only nights after the first [`GROGGY_GRACE_NIGHTS`] on that dose |
//! | `ask_about_dose_review` | discuss | as above, but the lead is already [`FULL_LEAD_MINUTES`] |
//! | `side_effects_early_days` | info | side effects on ≥ [`EARLY_EFFECT_MORNINGS`] of the last [`RECENT_MORNINGS`] mornings, each within the first [`EARLY_DAYS_NIGHTS`] nights of a new, higher dose |
//! | `fair_trial_review` | discuss | a titration's target dose held for [`FAIR_TRIAL_NIGHTS`] to [`FAIR_TRIAL_SHOWN_UNTIL_NIGHTS`] nights with no review recorded since the trial was complete |
//! | `review_due` | discuss | the review interval (3 or 6 months) has passed since the last review (or the first plan) |
//! | `withdrawal_during_taper` | contact soon | withdrawal-type symptoms or "slept badly" on ≥ [`WITHDRAWAL_MORNINGS`] mornings within [`WITHDRAWAL_WINDOW_NIGHTS`] nights of a taper step down |
//! | `one_taper_at_a_time` | discuss | two medicines' tapers overlap on some night from tonight on |
//! | `missed_dose_guidance` | info | last night's evening dose was missed |
//! | `tell_prescriber_promptly` | contact soon | any of [`URGENT_SYMPTOMS`] in the last [`RECENT_MORNINGS`] mornings, or constipation on [`CONSTIPATION_RUN_MORNINGS`] mornings running |
//!
//! A dismissed suggestion stays hidden until its evidence grows: more pieces of evidence, or
//! a piece newer than any it had when dismissed.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::catalogue;
use crate::checkin::{CheckIn, Feeling, Symptom, SymptomGroup};
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
/// last [`WITHDRAWAL_WINDOW_NIGHTS`] + 1 mornings; a week more keeps a margin. Older nights
/// are judged from the plan alone, so the home screen costs the same after ten years.
pub const EVIDENCE_NIGHTS: i64 = 21;
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
/// The lead before bedtime at which the dose time can move no earlier (the top of 1–2 hours).
pub const FULL_LEAD_MINUTES: u16 = MAX_LEAD_MINUTES;
/// The "first weeks" on a new dose for the early side-effects note.
pub const EARLY_DAYS_NIGHTS: i64 = 21;
/// Mornings with side effects, in the recent mornings, that bring the early side-effects note.
pub const EARLY_EFFECT_MORNINGS: usize = 2;
/// Nights at the target dose that make a fair trial (six weeks).
pub const FAIR_TRIAL_NIGHTS: i64 = 42;
/// After this many nights at the target the regular review cycle takes over (twelve weeks).
pub const FAIR_TRIAL_SHOWN_UNTIL_NIGHTS: i64 = 84;
/// Nights after a taper step in which symptoms may be withdrawal.
pub const WITHDRAWAL_WINDOW_NIGHTS: i64 = 14;
/// Mornings with withdrawal-type symptoms after a step that raise the hold question.
pub const WITHDRAWAL_MORNINGS: usize = 2;
/// Effects that should not wait for the next review, from the patient leaflet (see the
/// catalogue's `tell_prescriber_promptly` entry and its source).
pub const URGENT_SYMPTOMS: [Symptom; 3] = [
    Symptom::Palpitations,
    Symptom::Fainting,
    Symptom::SelfHarmThoughts,
];
/// Constipation reported this many mornings running counts as severe.
pub const CONSTIPATION_RUN_MORNINGS: usize = 3;

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
}

impl SuggestionKind {
    /// Every kind.
    pub const ALL: [SuggestionKind; 10] = [
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
        }
    }

    /// How soon it is worth acting on.
    pub fn severity(self) -> Severity {
        match self {
            SuggestionKind::SideEffectsEarlyDays | SuggestionKind::MissedDoseGuidance => {
                Severity::Info
            }
            SuggestionKind::WithdrawalDuringTaper | SuggestionKind::TellPrescriberPromptly => {
                Severity::ContactPrescriberSoon
            }
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

/// How soon a suggestion is worth acting on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Good to know.
    Info,
    /// Worth raising at the next appointment.
    DiscussAtNextVisit,
    /// Worth contacting the prescriber about soon, before the next appointment.
    ContactPrescriberSoon,
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
}

/// One night of one medicine as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NightRecord {
    /// The night.
    pub night: NaiveDate,
    /// The dose the plan gave that night (0 when none).
    pub planned: Micrograms,
    /// The plan in force that night is a taper.
    pub taper: bool,
    /// The plan in force that night is a titration at its target dose.
    pub at_target: bool,
    /// What happened to the (first) dose that night; `None` for tonight or no dose.
    pub status: Option<DoseStatus>,
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
        self.record(night).is_some_and(|r| r.taper)
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
}

/// Everything the rules look at.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The current night.
    pub tonight: NaiveDate,
    /// Each medicine's history.
    pub meds: Vec<MedHistory>,
    /// Check-ins of the history window, any order.
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
}

/// Symptoms as one lower-case list: "dry mouth, tremor".
fn labels(effects: &[Symptom]) -> String {
    effects
        .iter()
        .map(|e| e.label().to_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}

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
        basis: entry.map(|e| e.fact.to_string()).unwrap_or_default(),
        source: entry
            .and_then(|e| catalogue::source_note(e.source))
            .map(|s| s.title.to_string())
            .unwrap_or_default(),
        catalogue_key: kind.code().to_string(),
        medication_name: med.map(|m| m.name.clone()),
    }
}

/// Every suggestion the facts support, dismissed or not, most pressing first.
pub fn evaluate(facts: &Facts) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for med in &facts.meds {
        out.extend(timing::morning_dosing(facts, med));
        out.extend(timing::grogginess(facts, med));
        out.extend(side_effects::early_side_effects(facts, med));
        out.extend(reviews::fair_trial(facts, med));
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
