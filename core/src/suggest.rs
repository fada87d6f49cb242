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
        out.extend(morning_dosing(facts, med));
        out.extend(grogginess(facts, med));
        out.extend(early_side_effects(facts, med));
        out.extend(fair_trial(facts, med));
        out.extend(withdrawal(facts, med));
        out.extend(missed_dose(facts, med));
    }
    out.extend(review_due(facts));
    out.extend(overlapping_tapers(facts));
    out.extend(tell_promptly(facts));
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

/// Repeated bad nights after taking an evening dose → ask about taking it in the morning.
fn morning_dosing(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    if !med.is_evening() {
        return None;
    }
    let evidence: Vec<(Option<NaiveDate>, String)> = f
        .recent_nights()
        .filter(|&n| {
            !med.is_taper_night(n)
                && med
                    .nights_since_start(n)
                    .is_none_or(|k| k > NEW_DOSE_SETTLING_NIGHTS)
        })
        .filter_map(|n| {
            let amount = med.taken(n)?;
            let morning = n + Duration::days(1);
            (f.checkin(morning)?.feeling == Feeling::SleptBadly).then(|| {
                (
                    Some(morning),
                    format!(
                        "{}: slept badly after {amount} the night before",
                        day(morning)
                    ),
                )
            })
        })
        .collect();
    (evidence.len() >= MORNING_DOSING_BAD_NIGHTS).then(|| {
        let id = format!(
            "{}:{}",
            SuggestionKind::AskAboutMorningDosing.code(),
            med.medication.id
        );
        make(
            SuggestionKind::AskAboutMorningDosing,
            id,
            Some(&med.medication),
            evidence,
            &[],
        )
    })
}

/// Groggy mornings that outlast the first two weeks on a dose → ask about an earlier dose
/// time, or about the dose once the lead is already two hours.
fn grogginess(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let Slot::Evening { lead_minutes } = med.medication.slot else {
        return None;
    };
    let mut evidence: Vec<(Option<NaiveDate>, String)> = f
        .recent_nights()
        .filter(|&n| {
            med.nights_on_dose(n)
                .is_none_or(|k| k > GROGGY_GRACE_NIGHTS)
        })
        .filter_map(|n| {
            let amount = med.taken(n)?;
            let morning = n + Duration::days(1);
            (f.checkin(morning)?.feeling == Feeling::Groggy).then(|| {
                (
                    Some(morning),
                    format!("{}: groggy after {amount} the night before", day(morning)),
                )
            })
        })
        .collect();
    if evidence.len() < GROGGY_MORNINGS {
        return None;
    }
    let kind = if lead_minutes < FULL_LEAD_MINUTES {
        SuggestionKind::AskAboutEarlierDoseTime
    } else {
        SuggestionKind::AskAboutDoseReview
    };
    evidence.push((
        None,
        format!("Reminded {lead_minutes} minutes before bedtime"),
    ));
    Some(make(
        kind,
        format!("{}:{}", kind.code(), med.medication.id),
        Some(&med.medication),
        evidence,
        &[],
    ))
}

fn is_side_effect(s: Symptom) -> bool {
    matches!(s.group(), SymptomGroup::SideEffect | SymptomGroup::Either)
        && !URGENT_SYMPTOMS.contains(&s)
}

fn labels(effects: &[Symptom]) -> String {
    effects
        .iter()
        .map(|e| e.label().to_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Side effects in the first weeks of a new, higher dose → they often ease; keep a record.
fn early_side_effects(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let evidence: Vec<(Option<NaiveDate>, String)> = f
        .recent_nights()
        .filter(|&n| {
            let Some(start) = med.run_start(n) else {
                return false;
            };
            let new_and_higher = med.planned(n) > med.planned(start - Duration::days(1))
                && !med.planned(n).is_zero();
            new_and_higher && (n - start).num_days() < EARLY_DAYS_NIGHTS && med.taken(n).is_some()
        })
        .filter_map(|n| {
            let morning = n + Duration::days(1);
            let effects: Vec<Symptom> = f
                .checkin(morning)?
                .effects
                .iter()
                .copied()
                .filter(|s| is_side_effect(*s))
                .collect();
            (!effects.is_empty()).then(|| {
                (
                    Some(morning),
                    format!(
                        "{}: {} (on {})",
                        day(morning),
                        labels(&effects),
                        med.planned(n)
                    ),
                )
            })
        })
        .collect();
    (evidence.len() >= EARLY_EFFECT_MORNINGS).then(|| {
        let id = format!(
            "{}:{}",
            SuggestionKind::SideEffectsEarlyDays.code(),
            med.medication.id
        );
        make(
            SuggestionKind::SideEffectsEarlyDays,
            id,
            Some(&med.medication),
            evidence,
            &[],
        )
    })
}

/// Six weeks at a titration's target dose → ask whether it is helping enough.
fn fair_trial(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let tonight = f.tonight;
    let dose = med.planned(tonight);
    if dose.is_zero() {
        return None;
    }
    let start = med.run_start(tonight)?;
    let nights = (tonight - start).num_days();
    let reached_target = med.nights.iter().any(|r| r.night >= start && r.at_target);
    if !reached_target || !(FAIR_TRIAL_NIGHTS..=FAIR_TRIAL_SHOWN_UNTIL_NIGHTS).contains(&nights) {
        return None;
    }
    let complete = start + Duration::days(FAIR_TRIAL_NIGHTS);
    if f.review.last_review.is_some_and(|r| r >= complete) {
        return None;
    }
    let evidence = vec![(
        Some(complete),
        format!(
            "On {dose} every night since {} ({nights} nights)",
            day(start)
        ),
    )];
    let id = format!(
        "{}:{}:{start}",
        SuggestionKind::FairTrialReview.code(),
        med.medication.id
    );
    Some(make(
        SuggestionKind::FairTrialReview,
        id,
        Some(&med.medication),
        evidence,
        &[],
    ))
}

fn is_withdrawal_sign(c: &CheckIn) -> Vec<String> {
    let mut signs: Vec<String> = c
        .effects
        .iter()
        .filter(|s| s.group() != SymptomGroup::SideEffect)
        .map(|s| s.label().to_lowercase())
        .collect();
    if c.feeling == Feeling::SleptBadly {
        signs.insert(0, "slept badly".into());
    }
    signs
}

/// Withdrawal-type symptoms soon after a taper step → ask about holding or slowing down.
fn withdrawal(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    // The latest step down of a taper in the window before tonight.
    let step = med
        .nights
        .windows(2)
        .filter_map(|w| match w {
            [before, after]
                if after.taper && after.planned < before.planned && after.night <= f.tonight =>
            {
                Some((after.night, before.planned, after.planned))
            }
            _ => None,
        })
        .rfind(|(night, _, _)| (f.tonight - *night).num_days() <= WITHDRAWAL_WINDOW_NIGHTS)?;
    let (night, from, to) = step;
    let evidence: Vec<(Option<NaiveDate>, String)> = (1..=WITHDRAWAL_WINDOW_NIGHTS)
        .map(|k| night + Duration::days(k))
        .filter(|m| *m <= f.tonight)
        .filter_map(|m| {
            let signs = is_withdrawal_sign(f.checkin(m)?);
            (!signs.is_empty()).then(|| (Some(m), format!("{}: {}", day(m), signs.join(", "))))
        })
        .collect();
    if evidence.len() < WITHDRAWAL_MORNINGS {
        return None;
    }
    let mut evidence = evidence;
    evidence.insert(
        0,
        (
            None,
            format!("Stepped down from {from} to {to} on {}", day(night)),
        ),
    );
    let id = format!(
        "{}:{}",
        SuggestionKind::WithdrawalDuringTaper.code(),
        med.medication.id
    );
    Some(make(
        SuggestionKind::WithdrawalDuringTaper,
        id,
        Some(&med.medication),
        evidence,
        &[],
    ))
}

/// Last night's evening dose was missed → do not double up tonight.
fn missed_dose(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    if !med.is_evening() || med.planned(f.tonight).is_zero() {
        return None;
    }
    let last = f.tonight - Duration::days(1);
    let missed = matches!(
        med.record(last).and_then(|r| r.status.as_ref()),
        Some(DoseStatus::Missed)
    );
    missed.then(|| {
        let evidence = vec![(
            Some(last),
            format!("{}: no dose of {} recorded", day(last), med.planned(last)),
        )];
        let id = format!(
            "{}:{}:{last}",
            SuggestionKind::MissedDoseGuidance.code(),
            med.medication.id
        );
        make(
            SuggestionKind::MissedDoseGuidance,
            id,
            Some(&med.medication),
            evidence,
            &[],
        )
    })
}

/// The review interval has passed since the last review.
fn review_due(f: &Facts) -> Option<Suggestion> {
    let due = f.review.due_on.filter(|d| *d <= f.tonight)?;
    let line = match f.review.last_review {
        Some(r) => format!("Last review recorded on {}", day(r)),
        None => format!(
            "No review recorded since the first plan started on {}",
            f.review.counting_from.map(day).unwrap_or_default()
        ),
    };
    let evidence = vec![(Some(due), format!("{line}; due {}", day(due)))];
    let id = format!("{}:{due}", SuggestionKind::ReviewDue.code());
    Some(make(
        SuggestionKind::ReviewDue,
        id,
        None,
        evidence,
        &[("months", f.review.interval_months.to_string())],
    ))
}

/// Two tapers over overlapping weeks.
fn overlapping_tapers(f: &Facts) -> Option<Suggestion> {
    let spans: Vec<(&MedHistory, NaiveDate, NaiveDate)> = f
        .meds
        .iter()
        .filter_map(|m| {
            m.taper_span
                .map(|(s, e)| (m, s, e.unwrap_or(NaiveDate::MAX)))
        })
        .filter(|(_, _, end)| *end > f.tonight)
        .collect();
    let mut names: BTreeMap<String, (NaiveDate, NaiveDate)> = BTreeMap::new();
    for (i, (a, a_start, a_end)) in spans.iter().enumerate() {
        for (b, b_start, b_end) in spans.iter().skip(i + 1) {
            if a_start < b_end && b_start < a_end {
                names.insert(a.medication.name.clone(), (*a_start, *a_end));
                names.insert(b.medication.name.clone(), (*b_start, *b_end));
            }
        }
    }
    if names.len() < 2 {
        return None;
    }
    let evidence: Vec<(Option<NaiveDate>, String)> = names
        .iter()
        .map(|(name, (start, end))| {
            let until = if *end == NaiveDate::MAX {
                "an open end".to_string()
            } else {
                day(*end)
            };
            (
                Some(*start),
                format!("{name}: taper from {} to {until}", day(*start)),
            )
        })
        .collect();
    let list: Vec<&str> = names.keys().map(String::as_str).collect();
    let id = SuggestionKind::OneTaperAtATime.code().to_string();
    Some(make(
        SuggestionKind::OneTaperAtATime,
        id,
        None,
        evidence,
        &[("medications", list.join(" and "))],
    ))
}

/// Effects that should not wait for the next review.
fn tell_promptly(f: &Facts) -> Option<Suggestion> {
    let mornings: Vec<NaiveDate> = f.recent_nights().map(|n| n + Duration::days(1)).collect();
    let mut evidence: Vec<(Option<NaiveDate>, String)> = Vec::new();
    let mut run = 0usize;
    for &m in &mornings {
        let Some(c) = f.checkin(m) else {
            run = 0;
            continue;
        };
        let urgent: Vec<Symptom> = c
            .effects
            .iter()
            .copied()
            .filter(|s| URGENT_SYMPTOMS.contains(s))
            .collect();
        if !urgent.is_empty() {
            evidence.push((Some(m), format!("{}: {}", day(m), labels(&urgent))));
        }
        run = if c.effects.contains(&Symptom::Constipation) {
            run + 1
        } else {
            0
        };
        if run >= CONSTIPATION_RUN_MORNINGS {
            evidence.push((
                Some(m),
                format!("{}: constipation, {run} mornings running", day(m)),
            ));
        }
    }
    if evidence.is_empty() {
        return None;
    }
    let id = SuggestionKind::TellPrescriberPromptly.code().to_string();
    Some(make(
        SuggestionKind::TellPrescriberPromptly,
        id,
        None,
        evidence,
        &[],
    ))
}

/// Gathers the facts from the store as of `now`.
pub fn facts(t: &Tables<'_>, zone: &dyn ZoneRules, now: DateTime<Utc>) -> Result<Facts> {
    facts_from(t, &Snapshot::load(t)?, zone, now)
}

/// The facts as of `now`, from settings and plans already loaded (`snap`) and the logs in `t`.
pub(crate) fn facts_from(
    t: &Tables<'_>,
    snap: &Snapshot,
    zone: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Result<Facts> {
    let Snapshot {
        settings,
        meds,
        plans,
        plan_events,
    } = snap;
    let tonight = schedule::night_of(settings, zone, now);
    let first = tonight - Duration::days(HISTORY_NIGHTS);
    let evidence_from = tonight - Duration::days(EVIDENCE_NIGHTS);
    let events = t.dose_events(evidence_from, tonight)?;
    let checkins = t.checkins(evidence_from, tonight + Duration::days(1))?;
    let mut histories = Vec::new();
    for med in meds {
        let mine: Vec<plan::Plan> = plans
            .iter()
            .filter(|p| p.medication_id == med.id)
            .cloned()
            .collect();
        if mine.is_empty() {
            continue;
        }
        // The steps of each plan version in force on some night of the window, worked out
        // once rather than once per night; versions replaced before the window are skipped.
        let first_in_force = plan::plan_on(&mine, first).map(|p| p.id);
        let steps: Vec<(Uuid, Vec<plan::Step>)> = mine
            .iter()
            .filter(|p| {
                Some(p.id) == first_in_force || (p.starts_on > first && p.starts_on <= tonight)
            })
            .map(|p| {
                (
                    p.id,
                    plan::steps(p, med, plan_events, tonight, Horizon::Confirmed),
                )
            })
            .collect();
        let mut nights = Vec::new();
        for night in first.iter_days().take_while(|n| *n <= tonight) {
            let in_force = plan::plan_on(&mine, night);
            let planned = in_force
                .and_then(|p| steps.iter().find(|(id, _)| *id == p.id))
                .and_then(|(_, s)| plan::step_on(s, night))
                .map(|s| s.dose)
                .unwrap_or_default();
            let at_target = matches!(in_force.map(|p| &p.kind), Some(PlanKind::Titration { target, .. }) if *target == planned);
            let status = if night >= evidence_from && night < tonight && !planned.is_zero() {
                schedule::occurrences_on(settings, zone, med, night)
                    .first()
                    .map(|o| doselog::status(o, &events, now))
            } else {
                None
            };
            nights.push(NightRecord {
                night,
                planned,
                taper: in_force.is_some_and(|p| p.kind.is_taper()),
                at_target,
                status,
            });
        }
        let taper = plan::plan_on(&mine, tonight)
            .filter(|p| p.kind.is_taper())
            .or_else(|| {
                mine.iter()
                    .filter(|p| p.kind.is_taper() && p.starts_on > tonight)
                    .min_by_key(|p| p.starts_on)
            });
        let taper_span = taper.map(|p| {
            let steps = plan::steps(p, med, plan_events, tonight, Horizon::Confirmed);
            (
                p.starts_on,
                steps.iter().find(|s| s.dose.is_zero()).map(|s| s.from),
            )
        });
        histories.push(MedHistory {
            medication: med.clone(),
            nights,
            taper_span,
        });
    }
    Ok(Facts {
        tonight,
        meds: histories,
        checkins,
        review: review::status_with(t, plans)?,
    })
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
mod tests {
    use super::*;
    use crate::ingredient::{self, Ingredient};
    use chrono::{FixedOffset, TimeZone};
    use uuid::Uuid;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn at() -> DateTime<FixedOffset> {
        Utc.with_ymd_and_hms(2026, 6, 1, 7, 0, 0)
            .unwrap()
            .fixed_offset()
    }

    fn med(id: u128, name: &str, slot: Slot) -> Medication {
        Medication {
            id: Uuid::from_u128(id),
            name: name.into(),
            ingredient: ingredient::recognise(name).unwrap_or(Ingredient::Other),
            added_at: chrono::DateTime::UNIX_EPOCH,
            latest_after_bedtime_minutes: 120,
            tablets: vec![Micrograms::mg(10)],
            can_halve: false,
            liquids_per_5ml: vec![],
            slot,
        }
    }

    fn evening(lead: u16) -> Medication {
        med(1, "Amitriptyline", Slot::Evening { lead_minutes: lead })
    }

    /// A history ending `tonight`, with the dose `mg(night)` each night (0 = none), every past
    /// dose taken.
    fn history(m: Medication, tonight: NaiveDate, mg: impl Fn(NaiveDate) -> u32) -> MedHistory {
        let nights = (0..=HISTORY_NIGHTS)
            .rev()
            .map(|back| {
                let night = tonight - Duration::days(back);
                let planned = Micrograms::mg(mg(night));
                let status = (night < tonight && !planned.is_zero()).then_some(DoseStatus::Taken {
                    at: at(),
                    amount: planned,
                    late: false,
                });
                NightRecord {
                    night,
                    planned,
                    taper: false,
                    at_target: false,
                    status,
                }
            })
            .collect();
        MedHistory {
            medication: m,
            nights,
            taper_span: None,
        }
    }

    fn checkin(morning: NaiveDate, feeling: Feeling, effects: &[Symptom]) -> CheckIn {
        CheckIn {
            morning,
            feeling,
            pain: None,
            effects: effects.to_vec(),
            note: None,
            recorded_at: at(),
        }
    }

    fn facts(tonight: NaiveDate, meds: Vec<MedHistory>, checkins: Vec<CheckIn>) -> Facts {
        let review = review::ReviewStatus {
            interval_months: 6,
            last_review: None,
            counting_from: None,
            due_on: None,
        };
        Facts {
            tonight,
            meds,
            checkins,
            review,
        }
    }

    fn kinds(f: &Facts) -> Vec<SuggestionKind> {
        evaluate(f).iter().map(|s| s.kind).collect()
    }

    fn fires(f: &Facts, kind: SuggestionKind) -> Option<Suggestion> {
        evaluate(f).into_iter().find(|s| s.kind == kind)
    }

    /// Check-ins with `feeling` on the mornings after the given nights.
    fn mornings_after(nights: &[NaiveDate], feeling: Feeling, effects: &[Symptom]) -> Vec<CheckIn> {
        nights
            .iter()
            .map(|n| checkin(*n + Duration::days(1), feeling, effects))
            .collect()
    }

    const TONIGHT: (u32, u32) = (6, 30);

    fn tonight() -> NaiveDate {
        d(TONIGHT.0, TONIGHT.1)
    }

    fn steady(m: Medication) -> MedHistory {
        history(m, tonight(), |_| 20)
    }

    #[test]
    fn morning_dosing_needs_three_bad_nights_in_the_last_seven_mornings() {
        let t = tonight();
        let n = |back: i64| t - Duration::days(back);
        let two = mornings_after(&[n(1), n(3)], Feeling::SleptBadly, &[]);
        assert!(fires(
            &facts(t, vec![steady(evening(90))], two),
            SuggestionKind::AskAboutMorningDosing
        )
        .is_none());
        let three = mornings_after(&[n(1), n(3), n(7)], Feeling::SleptBadly, &[]);
        let s = fires(
            &facts(t, vec![steady(evening(90))], three),
            SuggestionKind::AskAboutMorningDosing,
        )
        .unwrap();
        assert_eq!((s.evidence_count, s.evidence.len()), (3, 3));
        assert_eq!(s.severity, Severity::DiscussAtNextVisit);
        assert_eq!(
            s.text,
            "Could I take my Amitriptyline in the morning instead of the evening?"
        );
        // Eight mornings ago is outside the window.
        let old = mornings_after(&[n(1), n(3), n(8)], Feeling::SleptBadly, &[]);
        assert!(fires(
            &facts(t, vec![steady(evening(90))], old),
            SuggestionKind::AskAboutMorningDosing
        )
        .is_none());
    }

    #[test]
    fn morning_dosing_waits_out_the_first_nights_and_needs_the_dose_taken_in_the_evening() {
        let t = tonight();
        let n = |back: i64| t - Duration::days(back);
        let bad = mornings_after(&[n(1), n(2), n(3)], Feeling::SleptBadly, &[]);
        // Started on night n(5): n(3) is its third night (settling), so only two count.
        let started = |first: NaiveDate| {
            history(
                evening(90),
                t,
                move |night| if night >= first { 10 } else { 0 },
            )
        };
        assert!(fires(
            &facts(t, vec![started(n(5))], bad.clone()),
            SuggestionKind::AskAboutMorningDosing
        )
        .is_none());
        // Started one night earlier: n(3) is its fourth night and counts.
        assert!(fires(
            &facts(t, vec![started(n(6))], bad.clone()),
            SuggestionKind::AskAboutMorningDosing
        )
        .is_some());
        // A titration step does not restart the count.
        let stepped = history(evening(90), t, |night| if night >= n(2) { 20 } else { 10 });
        assert!(fires(
            &facts(t, vec![stepped], bad.clone()),
            SuggestionKind::AskAboutMorningDosing
        )
        .is_some());
        // A morning medicine, a missed dose, or a taper: not this pattern.
        let morning = history(
            med(
                1,
                "Amitriptyline",
                Slot::Morning {
                    time: chrono::NaiveTime::MIN,
                },
            ),
            t,
            |_| 10,
        );
        assert!(fires(
            &facts(t, vec![morning], bad.clone()),
            SuggestionKind::AskAboutMorningDosing
        )
        .is_none());
        let mut missed = steady(evening(90));
        if let Some(r) = missed.nights.iter_mut().find(|r| r.night == n(2)) {
            r.status = Some(DoseStatus::Missed);
        }
        assert!(fires(
            &facts(t, vec![missed], bad.clone()),
            SuggestionKind::AskAboutMorningDosing
        )
        .is_none());
        let mut taper = steady(evening(90));
        taper.nights.iter_mut().for_each(|r| r.taper = true);
        assert!(fires(
            &facts(t, vec![taper], bad),
            SuggestionKind::AskAboutMorningDosing
        )
        .is_none());
    }

    #[test]
    fn groggy_mornings_count_only_after_two_weeks_on_the_same_dose() {
        let t = tonight();
        let n = |back: i64| t - Duration::days(back);
        let groggy = mornings_after(&[n(1), n(2), n(3)], Feeling::Groggy, &[]);
        // Dose started on n(16): n(3) is its 14th night, still in the grace period.
        let on = |first: NaiveDate, lead| {
            history(
                evening(lead),
                t,
                move |night| if night >= first { 30 } else { 20 },
            )
        };
        assert!(fires(
            &facts(t, vec![on(n(16), 90)], groggy.clone()),
            SuggestionKind::AskAboutEarlierDoseTime
        )
        .is_none());
        // Started on n(17): n(3) is its 15th night.
        let s = fires(
            &facts(t, vec![on(n(17), 90)], groggy.clone()),
            SuggestionKind::AskAboutEarlierDoseTime,
        )
        .unwrap();
        assert_eq!(s.evidence_count, 3);
        assert!(s.evidence.iter().any(|e| e.contains("90 minutes")));
        // A lead of 119 minutes can still move; at 120 the question is about the dose.
        assert_eq!(
            kinds(&facts(t, vec![on(n(17), 119)], groggy.clone())),
            vec![SuggestionKind::AskAboutEarlierDoseTime]
        );
        assert_eq!(
            kinds(&facts(t, vec![on(n(17), 120)], groggy.clone())),
            vec![SuggestionKind::AskAboutDoseReview]
        );
        // Two groggy mornings are not enough.
        let two = mornings_after(&[n(1), n(2)], Feeling::Groggy, &[]);
        assert!(kinds(&facts(t, vec![on(n(17), 90)], two)).is_empty());
    }

    #[test]
    fn side_effects_in_the_first_three_weeks_of_a_higher_dose_bring_a_calm_note() {
        let t = tonight();
        let n = |back: i64| t - Duration::days(back);
        let dry = mornings_after(&[n(1), n(2)], Feeling::Fine, &[Symptom::DryMouth]);
        // Up from 10 to 20 mg on n(21): n(1) is night 21 of the new dose (index 20) and counts.
        let up = |first: NaiveDate| {
            history(
                evening(90),
                t,
                move |night| if night >= first { 20 } else { 10 },
            )
        };
        let s = fires(
            &facts(t, vec![up(n(21))], dry.clone()),
            SuggestionKind::SideEffectsEarlyDays,
        )
        .unwrap();
        assert_eq!(s.severity, Severity::Info);
        assert_eq!(s.evidence_count, 2);
        // One night later and n(2) is past the first weeks: only one morning counts.
        assert!(fires(
            &facts(t, vec![up(n(22))], dry.clone()),
            SuggestionKind::SideEffectsEarlyDays
        )
        .is_none());
        // One morning is not enough; a steady dose or a lower one is not a new dose.
        let one = mornings_after(&[n(1)], Feeling::Fine, &[Symptom::DryMouth]);
        assert!(fires(
            &facts(t, vec![up(n(5))], one),
            SuggestionKind::SideEffectsEarlyDays
        )
        .is_none());
        assert!(fires(
            &facts(t, vec![steady(evening(90))], dry.clone()),
            SuggestionKind::SideEffectsEarlyDays
        )
        .is_none());
        let down = history(
            evening(90),
            t,
            move |night| if night >= n(5) { 10 } else { 20 },
        );
        assert!(fires(
            &facts(t, vec![down], dry),
            SuggestionKind::SideEffectsEarlyDays
        )
        .is_none());
        // Withdrawal-type symptoms are not side effects.
        let malaise = mornings_after(&[n(1), n(2)], Feeling::Fine, &[Symptom::Malaise]);
        assert!(fires(
            &facts(t, vec![up(n(5))], malaise),
            SuggestionKind::SideEffectsEarlyDays
        )
        .is_none());
    }

    fn at_target(first: NaiveDate) -> MedHistory {
        let mut h = history(
            evening(90),
            tonight(),
            move |night| if night >= first { 50 } else { 40 },
        );
        h.nights
            .iter_mut()
            .filter(|r| r.night >= first)
            .for_each(|r| r.at_target = true);
        h
    }

    #[test]
    fn a_fair_trial_is_six_weeks_at_the_target() {
        let t = tonight();
        let n = |back: i64| t - Duration::days(back);
        assert!(fires(
            &facts(t, vec![at_target(n(41))], vec![]),
            SuggestionKind::FairTrialReview
        )
        .is_none());
        let s = fires(
            &facts(t, vec![at_target(n(42))], vec![]),
            SuggestionKind::FairTrialReview,
        )
        .unwrap();
        assert!(
            s.evidence[0].contains("50 mg every night") && s.evidence[0].contains("42 nights"),
            "{:?}",
            s.evidence
        );
        assert!(fires(
            &facts(t, vec![at_target(n(84))], vec![]),
            SuggestionKind::FairTrialReview
        )
        .is_some());
        assert!(fires(
            &facts(t, vec![at_target(n(85))], vec![]),
            SuggestionKind::FairTrialReview
        )
        .is_none());
        // The same dose reached outside a titration (a plain maintenance dose) is not a trial.
        let plain = history(
            evening(90),
            t,
            move |night| if night >= n(50) { 50 } else { 40 },
        );
        assert!(fires(
            &facts(t, vec![plain], vec![]),
            SuggestionKind::FairTrialReview
        )
        .is_none());
        // A review once the trial is complete answers it; one before does not.
        let mut f = facts(t, vec![at_target(n(45))], vec![]);
        f.review.last_review = Some(n(3));
        assert!(fires(&f, SuggestionKind::FairTrialReview).is_none());
        f.review.last_review = Some(n(4));
        assert!(fires(&f, SuggestionKind::FairTrialReview).is_some());
    }

    #[test]
    fn a_review_is_due_on_its_day_not_before() {
        let t = tonight();
        let mut f = facts(t, vec![], vec![]);
        f.review = review::ReviewStatus {
            interval_months: 3,
            last_review: Some(d(3, 31)),
            counting_from: Some(d(3, 31)),
            due_on: review::due_after(d(3, 31), 3),
        };
        // 31 March + 3 months is 30 June.
        let s = fires(&f, SuggestionKind::ReviewDue).unwrap();
        assert!(s.text.contains("3 months"), "{}", s.text);
        assert_eq!(s.id, "review_due:2026-06-30");
        f.tonight = d(6, 29);
        assert!(fires(&f, SuggestionKind::ReviewDue).is_none());
    }

    fn tapering(from_night: NaiveDate) -> MedHistory {
        let mut h = history(evening(90), tonight(), move |night| {
            if night >= from_night {
                10
            } else {
                20
            }
        });
        h.nights.iter_mut().for_each(|r| r.taper = true);
        h
    }

    #[test]
    fn withdrawal_symptoms_within_two_weeks_of_a_step_raise_the_hold_question() {
        let t = tonight();
        let n = |back: i64| t - Duration::days(back);
        // Stepped down on n(14): mornings n(13)..=t are within the window.
        let two = vec![
            checkin(n(13), Feeling::Fine, &[Symptom::Headache]),
            checkin(t, Feeling::SleptBadly, &[]),
        ];
        let s = fires(
            &facts(t, vec![tapering(n(14))], two.clone()),
            SuggestionKind::WithdrawalDuringTaper,
        )
        .unwrap();
        assert_eq!(s.severity, Severity::ContactPrescriberSoon);
        assert_eq!(s.evidence_count, 2);
        assert!(
            s.evidence[0].contains("from 20 mg to 10 mg"),
            "{:?}",
            s.evidence
        );
        // A step 15 nights ago is outside the window.
        assert!(fires(
            &facts(t, vec![tapering(n(15))], two),
            SuggestionKind::WithdrawalDuringTaper
        )
        .is_none());
        // One morning is not enough, and side effects alone are not withdrawal.
        let one = vec![checkin(n(3), Feeling::Fine, &[Symptom::Malaise])];
        assert!(fires(
            &facts(t, vec![tapering(n(5))], one),
            SuggestionKind::WithdrawalDuringTaper
        )
        .is_none());
        let dry = mornings_after(&[n(1), n(2)], Feeling::Fine, &[Symptom::DryMouth]);
        assert!(fires(
            &facts(t, vec![tapering(n(5))], dry),
            SuggestionKind::WithdrawalDuringTaper
        )
        .is_none());
        // A lower dose outside a taper (a new plan) is not a taper step.
        let bad = mornings_after(&[n(1), n(2)], Feeling::SleptBadly, &[]);
        let lower = history(
            evening(90),
            t,
            move |night| if night >= n(5) { 10 } else { 20 },
        );
        assert!(fires(
            &facts(t, vec![lower], bad),
            SuggestionKind::WithdrawalDuringTaper
        )
        .is_none());
    }

    #[test]
    fn overlapping_tapers_are_noticed_and_back_to_back_ones_are_not() {
        let t = tonight();
        let mut a = steady(evening(90));
        let mut g = steady(med(2, "Gabapentin", Slot::Evening { lead_minutes: 60 }));
        a.taper_span = Some((d(6, 1), Some(d(7, 15))));
        g.taper_span = Some((d(7, 10), Some(d(8, 1))));
        let s = fires(
            &facts(t, vec![a.clone(), g.clone()], vec![]),
            SuggestionKind::OneTaperAtATime,
        )
        .unwrap();
        assert!(
            s.text.contains("Amitriptyline and Gabapentin"),
            "{}",
            s.text
        );
        g.taper_span = Some((d(7, 15), Some(d(8, 1))));
        assert!(fires(
            &facts(t, vec![a.clone(), g.clone()], vec![]),
            SuggestionKind::OneTaperAtATime
        )
        .is_none());
        // Both tapers over before tonight: nothing to ask.
        a.taper_span = Some((d(5, 1), Some(d(6, 10))));
        g.taper_span = Some((d(5, 20), Some(d(6, 20))));
        assert!(fires(
            &facts(t, vec![a, g], vec![]),
            SuggestionKind::OneTaperAtATime
        )
        .is_none());
    }

    #[test]
    fn a_missed_evening_dose_brings_the_do_not_double_note_the_next_day_only() {
        let t = tonight();
        let with = |back: i64, status: DoseStatus| {
            let mut h = steady(evening(90));
            if let Some(r) = h
                .nights
                .iter_mut()
                .find(|r| r.night == t - Duration::days(back))
            {
                r.status = Some(status);
            }
            h
        };
        let s = fires(
            &facts(t, vec![with(1, DoseStatus::Missed)], vec![]),
            SuggestionKind::MissedDoseGuidance,
        )
        .unwrap();
        assert!(s.text.contains("do not take a double dose"), "{}", s.text);
        assert_eq!(s.severity, Severity::Info);
        assert!(fires(
            &facts(t, vec![with(2, DoseStatus::Missed)], vec![]),
            SuggestionKind::MissedDoseGuidance
        )
        .is_none());
        assert!(fires(
            &facts(t, vec![with(1, DoseStatus::Skipped { at: at() })], vec![]),
            SuggestionKind::MissedDoseGuidance
        )
        .is_none());
    }

    #[test]
    fn urgent_effects_say_contact_soon_and_constipation_counts_after_three_mornings_running() {
        let t = tonight();
        let n = |back: i64| t - Duration::days(back);
        let f = |c: Vec<CheckIn>| facts(t, vec![], c);
        for urgent in URGENT_SYMPTOMS {
            let s = fires(
                &f(vec![checkin(n(6), Feeling::Fine, &[urgent])]),
                SuggestionKind::TellPrescriberPromptly,
            )
            .unwrap();
            assert_eq!(s.severity, Severity::ContactPrescriberSoon);
        }
        // Seven mornings ago is outside the window.
        assert!(fires(
            &f(vec![checkin(n(7), Feeling::Fine, &[Symptom::Fainting])]),
            SuggestionKind::TellPrescriberPromptly
        )
        .is_none());
        let c = |back| checkin(n(back), Feeling::Fine, &[Symptom::Constipation]);
        assert!(fires(&f(vec![c(2), c(1)]), SuggestionKind::TellPrescriberPromptly).is_none());
        assert!(fires(
            &f(vec![c(4), c(2), c(1)]),
            SuggestionKind::TellPrescriberPromptly
        )
        .is_none());
        assert!(fires(
            &f(vec![c(2), c(1), c(0)]),
            SuggestionKind::TellPrescriberPromptly
        )
        .is_some());
    }

    #[test]
    fn a_dismissal_holds_until_the_evidence_grows() {
        let t = tonight();
        let n = |back: i64| t - Duration::days(back);
        let bad = mornings_after(&[n(2), n(3), n(4)], Feeling::SleptBadly, &[]);
        let s = fires(
            &facts(t, vec![steady(evening(90))], bad.clone()),
            SuggestionKind::AskAboutMorningDosing,
        )
        .unwrap();
        let dismissed = vec![Dismissal {
            suggestion_id: s.id.clone(),
            evidence_count: s.evidence_count,
            evidence_through: s.evidence_through,
        }];
        assert!(visible(
            evaluate(&facts(t, vec![steady(evening(90))], bad.clone())),
            &dismissed
        )
        .is_empty());
        // The next night: the window moves but no new bad night: still hidden.
        let next = t + Duration::days(1);
        assert!(visible(
            evaluate(&facts(
                next,
                vec![history(evening(90), next, |_| 20)],
                bad.clone()
            )),
            &dismissed
        )
        .is_empty());
        // A new bad night: back.
        let mut more = bad;
        more.push(checkin(t, Feeling::SleptBadly, &[]));
        let back = visible(
            evaluate(&facts(t, vec![steady(evening(90))], more)),
            &dismissed,
        );
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].evidence_count, 4);
    }

    #[test]
    fn kinds_have_stable_codes_and_catalogue_wording() {
        for k in SuggestionKind::ALL {
            assert_eq!(SuggestionKind::parse(k.code()).unwrap(), k);
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.code())
            );
            let e =
                catalogue::entry(k.code()).unwrap_or_else(|| panic!("{} has no wording", k.code()));
            assert!(!e.fact.is_empty());
        }
        assert_eq!(
            SuggestionKind::parse("ask-about-morning-dosing").unwrap(),
            SuggestionKind::AskAboutMorningDosing
        );
        assert!(SuggestionKind::parse("take_more").is_err());
        assert_eq!(
            serde_json::to_string(&Severity::ContactPrescriberSoon).unwrap(),
            "\"contact_prescriber_soon\""
        );
    }
}
