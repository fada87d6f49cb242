//! The morning check-in: one tap for how the night went, and optionally pain, side effects or
//! withdrawal symptoms from a fixed list, and a note. One per morning; answering again
//! replaces that morning's whole answer, while a notification's one-tap answer changes only
//! the feeling.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Longest note accepted with a check-in.
pub const MAX_NOTE_CHARS: usize = 500;
/// Highest pain score (0 = no pain, 10 = worst imaginable).
pub const MAX_PAIN: u8 = 10;

/// The one-tap answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feeling {
    /// Slept and woke normally.
    Fine,
    /// Hard to get going: the "hangover" of an evening dose.
    Groggy,
    /// Trouble falling or staying asleep.
    SleptBadly,
}

impl Feeling {
    /// Every answer, in the order a screen shows them.
    pub const ALL: [Feeling; 3] = [Feeling::Fine, Feeling::Groggy, Feeling::SleptBadly];

    /// The word used on the command line and in files: "fine", "groggy", "slept-badly".
    pub fn code(self) -> &'static str {
        match self {
            Feeling::Fine => "fine",
            Feeling::Groggy => "groggy",
            Feeling::SleptBadly => "slept-badly",
        }
    }

    /// The button label: "Fine", "Groggy", "Slept badly".
    pub fn label(self) -> &'static str {
        match self {
            Feeling::Fine => "Fine",
            Feeling::Groggy => "Groggy",
            Feeling::SleptBadly => "Slept badly",
        }
    }

    /// Reads [`Feeling::code`] back (also accepts "slept_badly").
    pub fn parse(text: &str) -> Result<Feeling> {
        let t = text.trim().to_ascii_lowercase().replace('_', "-");
        Feeling::ALL
            .into_iter()
            .find(|f| f.code() == t)
            .ok_or_else(|| {
                Error::invalid(
                    "answer",
                    format!("\"{text}\" is not one of fine, groggy, slept-badly"),
                )
            })
    }
}

/// Whether a symptom is a known side effect, a sign of coming down too fast, or can be both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SymptomGroup {
    /// Usually a side effect of taking the medicine.
    SideEffect,
    /// Usually a sign of lowering the dose too fast.
    Withdrawal,
    /// Seen both ways.
    Either,
}

/// How soon a reported symptom needs help, above any suggestion for the prescriber.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// A doctor or NHS 111 now, the same day.
    Now,
    /// 999 or A&E.
    Emergency,
}

/// One heading of the check-in screen and the symptoms under it, in the order shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymptomSection {
    /// The heading.
    pub title: &'static str,
    /// One line under the heading.
    pub note: &'static str,
    /// Its symptoms, in list order.
    pub symptoms: Vec<Symptom>,
}

/// The check-in screen's symptom sections, computed here so both phones group alike: side
/// effects, coming-off symptoms, those seen both ways, and last those that need help now
/// (whatever their group). Every symptom is in exactly one section.
pub fn symptom_sections() -> Vec<SymptomSection> {
    let pick = |f: &dyn Fn(Symptom) -> bool| -> Vec<Symptom> {
        Symptom::ALL.into_iter().filter(|s| f(*s)).collect()
    };
    let calm = |g: SymptomGroup| move |s: Symptom| s.group() == g && s.urgency().is_none();
    vec![
        SymptomSection {
            title: "Side effects",
            note: "Often felt on a new dose; many ease with time.",
            symptoms: pick(&calm(SymptomGroup::SideEffect)),
        },
        SymptomSection {
            title: "Coming-off symptoms",
            note: "Often felt after a dose goes down or doses are missed.",
            symptoms: pick(&calm(SymptomGroup::Withdrawal)),
        },
        SymptomSection {
            title: "Either kind",
            note: "Seen both as side effects and when coming off.",
            symptoms: pick(&calm(SymptomGroup::Either)),
        },
        SymptomSection {
            title: "Needs help now",
            note: "If you have one of these, Eventide shows who to call as soon as you save.",
            symptoms: pick(&|s: Symptom| s.urgency().is_some()),
        },
    ]
}

/// The fixed list of symptoms a check-in can record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// Fainting or nearly fainting: one of the effects not to wait with.
    Fainting,
    /// Thoughts of harming oneself: one of the effects not to wait with.
    SelfHarmThoughts,
    // Added in the second clinical pass (issue #14); appended so stored lists keep their order.
    /// Tingling or numbness: a side effect, and common when coming off.
    Tingling,
    /// Poor memory or "brain fog".
    BrainFog,
    /// Eye pain or a sudden change in sight (closed-angle glaucoma): get help now.
    EyePain,
    /// Yellow skin or whites of the eyes (the liver): get help now.
    YellowSkin,
    /// Confusion: get help now.
    Confusion,
    /// Unable to pass urine: get help now.
    CannotPassUrine,
    /// A fit: an emergency.
    Seizure,
    /// Chest pain: an emergency.
    ChestPain,
    /// Swelling of the face, lips or throat, or trouble breathing: an emergency.
    AllergicReaction,
}

impl Symptom {
    /// Every symptom, in the order a screen lists them.
    pub const ALL: [Symptom; 28] = [
        Symptom::Dizziness,
        Symptom::Drowsiness,
        Symptom::DryMouth,
        Symptom::Nausea,
        Symptom::Constipation,
        Symptom::Tinnitus,
        Symptom::Tremor,
        Symptom::Headache,
        Symptom::Malaise,
        Symptom::Sweating,
        Symptom::BlurredVision,
        Symptom::Palpitations,
        Symptom::WeightGain,
        Symptom::Irritability,
        Symptom::Anxiety,
        Symptom::VividDreams,
        Symptom::FluLike,
        Symptom::Fainting,
        Symptom::SelfHarmThoughts,
        Symptom::Tingling,
        Symptom::BrainFog,
        Symptom::EyePain,
        Symptom::YellowSkin,
        Symptom::Confusion,
        Symptom::CannotPassUrine,
        Symptom::Seizure,
        Symptom::ChestPain,
        Symptom::AllergicReaction,
    ];

    /// The word used on the command line and in files ("dry-mouth").
    pub fn code(self) -> &'static str {
        match self {
            Symptom::Dizziness => "dizziness",
            Symptom::Drowsiness => "drowsiness",
            Symptom::DryMouth => "dry-mouth",
            Symptom::Nausea => "nausea",
            Symptom::Constipation => "constipation",
            Symptom::Tinnitus => "tinnitus",
            Symptom::Tremor => "tremor",
            Symptom::Headache => "headache",
            Symptom::Malaise => "malaise",
            Symptom::Sweating => "sweating",
            Symptom::BlurredVision => "blurred-vision",
            Symptom::Palpitations => "palpitations",
            Symptom::WeightGain => "weight-gain",
            Symptom::Irritability => "irritability",
            Symptom::Anxiety => "anxiety",
            Symptom::VividDreams => "vivid-dreams",
            Symptom::FluLike => "flu-like",
            Symptom::Fainting => "fainting",
            Symptom::SelfHarmThoughts => "self-harm-thoughts",
            Symptom::Tingling => "tingling",
            Symptom::BrainFog => "brain-fog",
            Symptom::EyePain => "eye-pain",
            Symptom::YellowSkin => "yellow-skin",
            Symptom::Confusion => "confusion",
            Symptom::CannotPassUrine => "cannot-pass-urine",
            Symptom::Seizure => "seizure",
            Symptom::ChestPain => "chest-pain",
            Symptom::AllergicReaction => "allergic-reaction",
        }
    }

    /// The label a screen shows ("Dry mouth").
    pub fn label(self) -> &'static str {
        match self {
            Symptom::Dizziness => "Dizziness",
            Symptom::Drowsiness => "Drowsiness",
            Symptom::DryMouth => "Dry mouth",
            Symptom::Nausea => "Nausea",
            Symptom::Constipation => "Constipation",
            Symptom::Tinnitus => "Ringing in the ears",
            Symptom::Tremor => "Tremor",
            Symptom::Headache => "Headache",
            Symptom::Malaise => "Feeling generally unwell",
            Symptom::Sweating => "Sweating",
            Symptom::BlurredVision => "Blurred vision",
            Symptom::Palpitations => "Fast or irregular heartbeat",
            Symptom::WeightGain => "Weight gain",
            Symptom::Irritability => "Irritability",
            Symptom::Anxiety => "Anxiety",
            Symptom::VividDreams => "Vivid dreams",
            Symptom::FluLike => "Flu-like feeling",
            Symptom::Fainting => "Fainting or nearly fainting",
            Symptom::SelfHarmThoughts => "Thoughts of harming yourself or ending your life",
            Symptom::Tingling => "Tingling or numbness",
            Symptom::BrainFog => "Poor memory or brain fog",
            Symptom::EyePain => "Eye pain or a sudden change in eyesight",
            Symptom::YellowSkin => "Yellow skin or yellow whites of the eyes",
            Symptom::Confusion => "Confusion",
            Symptom::CannotPassUrine => "Unable to pass urine",
            Symptom::Seizure => "A fit (seizure)",
            Symptom::ChestPain => "Chest pain",
            Symptom::AllergicReaction => "Swollen face, lips or throat, or trouble breathing",
        }
    }

    /// How the symptom is usually read: side effect, withdrawal, or either.
    pub fn group(self) -> SymptomGroup {
        match self {
            Symptom::DryMouth
            | Symptom::Drowsiness
            | Symptom::Constipation
            | Symptom::BlurredVision
            | Symptom::WeightGain
            | Symptom::Palpitations
            | Symptom::Tremor
            | Symptom::Tinnitus
            | Symptom::Fainting
            | Symptom::SelfHarmThoughts
            | Symptom::BrainFog
            | Symptom::EyePain
            | Symptom::YellowSkin
            | Symptom::Confusion
            | Symptom::CannotPassUrine
            | Symptom::Seizure
            | Symptom::ChestPain
            | Symptom::AllergicReaction => SymptomGroup::SideEffect,
            Symptom::Malaise
            | Symptom::Irritability
            | Symptom::VividDreams
            | Symptom::FluLike
            | Symptom::Anxiety => SymptomGroup::Withdrawal,
            // Sweating and tingling are listed both as side effects and as coming-off symptoms
            // (NHS medicines pages; readers of the pain article).
            Symptom::Dizziness
            | Symptom::Nausea
            | Symptom::Headache
            | Symptom::Sweating
            | Symptom::Tingling => SymptomGroup::Either,
        }
    }

    /// How soon help is needed when it is reported, whatever else it may be (NHS medicines
    /// pages for amitriptyline: a doctor or NHS 111 now, or 999 / A&E); `None` for the rest.
    pub fn urgency(self) -> Option<Urgency> {
        match self {
            Symptom::Palpitations
            | Symptom::Fainting
            | Symptom::EyePain
            | Symptom::YellowSkin
            | Symptom::Confusion
            | Symptom::CannotPassUrine => Some(Urgency::Now),
            Symptom::Seizure
            | Symptom::ChestPain
            | Symptom::AllergicReaction
            | Symptom::SelfHarmThoughts => Some(Urgency::Emergency),
            _ => None,
        }
    }

    /// Reads [`Symptom::code`] back (also accepts spaces or underscores for the dash).
    pub fn parse(text: &str) -> Result<Symptom> {
        let t = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Symptom::ALL
            .into_iter()
            .find(|s| s.code() == t)
            .ok_or_else(|| {
                let known: Vec<&str> = Symptom::ALL.iter().map(|s| s.code()).collect();
                Error::invalid(
                    "effect",
                    format!("\"{text}\" is not on the list ({})", known.join(", ")),
                )
            })
    }
}

/// What the user enters for a morning.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckInAnswer {
    /// The one-tap answer; `None` keeps the answer already given this morning (or Fine).
    pub feeling: Option<Feeling>,
    /// Pain 0–10; `None` means no score (an earlier one is cleared).
    pub pain: Option<u8>,
    /// Side effects and withdrawal symptoms noticed: the whole list (left out = not noticed).
    pub effects: Vec<Symptom>,
    /// Anything else; `None` or blank means no note (an earlier one is cleared).
    pub note: Option<String>,
}

/// A stored morning check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    /// The morning it is about (the night before is `morning − 1`).
    pub morning: NaiveDate,
    /// The one-tap answer.
    pub feeling: Feeling,
    /// Pain 0–10.
    pub pain: Option<u8>,
    /// Symptoms noticed, without repeats, in list order.
    pub effects: Vec<Symptom>,
    /// The user's note.
    pub note: Option<String>,
    /// When it was (last) answered, with the phone's offset then.
    pub recorded_at: DateTime<FixedOffset>,
}

impl CheckInAnswer {
    /// Checks the answer and makes it this morning's whole answer: pain, symptoms and note
    /// are as given now (an earlier answer's details are replaced, not merged); only the
    /// feeling, when not given, stays as it was (or Fine).
    pub fn into_checkin(
        self,
        morning: NaiveDate,
        earlier: Option<&CheckIn>,
        at: DateTime<FixedOffset>,
    ) -> Result<CheckIn> {
        if let Some(p) = self.pain {
            if p > MAX_PAIN {
                return Err(Error::invalid(
                    "pain",
                    format!("use 0 (none) to {MAX_PAIN} (worst), not {p}"),
                ));
            }
        }
        let note = match self.note {
            Some(n) => {
                let n = n.trim().to_string();
                if n.is_empty() {
                    None
                } else {
                    crate::records::check_note("note", &n, MAX_NOTE_CHARS)?;
                    Some(n)
                }
            }
            None => None,
        };
        let mut effects = self.effects;
        effects.sort();
        effects.dedup();
        Ok(CheckIn {
            morning,
            feeling: self
                .feeling
                .or(earlier.map(|e| e.feeling))
                .unwrap_or(Feeling::Fine),
            pain: self.pain,
            effects,
            note,
            recorded_at: at,
        })
    }
}

impl CheckIn {
    /// A one-tap answer (from a notification): `feeling` now, with the pain, symptoms and note
    /// of the `earlier` answer that morning kept.
    pub fn tapped(
        morning: NaiveDate,
        feeling: Feeling,
        earlier: Option<CheckIn>,
        at: DateTime<FixedOffset>,
    ) -> CheckIn {
        match earlier {
            Some(e) => CheckIn {
                feeling,
                recorded_at: at,
                ..e
            },
            None => CheckIn {
                morning,
                feeling,
                pain: None,
                effects: vec![],
                note: None,
                recorded_at: at,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn at() -> DateTime<FixedOffset> {
        Utc.with_ymd_and_hms(2026, 6, 2, 7, 0, 0)
            .unwrap()
            .fixed_offset()
    }

    fn morning() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 2).unwrap()
    }

    #[test]
    fn answers_and_symptoms_parse_from_their_codes() {
        assert_eq!(Feeling::parse("slept-badly").unwrap(), Feeling::SleptBadly);
        assert_eq!(Feeling::parse("Slept_Badly").unwrap(), Feeling::SleptBadly);
        assert!(Feeling::parse("great").is_err());
        for s in Symptom::ALL {
            assert_eq!(Symptom::parse(s.code()).unwrap(), s);
        }
        assert_eq!(Symptom::parse("dry mouth").unwrap(), Symptom::DryMouth);
        let err = Symptom::parse("hiccups").unwrap_err();
        assert!(
            err.to_string().contains("dizziness"),
            "lists the known ones: {err}"
        );
    }

    #[test]
    fn every_symptom_is_in_exactly_one_section_and_urgent_ones_are_together() {
        let sections = symptom_sections();
        for s in Symptom::ALL {
            let homes = sections.iter().filter(|x| x.symptoms.contains(&s)).count();
            assert_eq!(homes, 1, "{s:?}");
        }
        let urgent = sections.last().unwrap();
        assert!(urgent.symptoms.iter().all(|s| s.urgency().is_some()));
        for s in [
            Symptom::SelfHarmThoughts,
            Symptom::Seizure,
            Symptom::ChestPain,
            Symptom::AllergicReaction,
        ] {
            assert_eq!(s.urgency(), Some(Urgency::Emergency), "{s:?}");
        }
        for s in [
            Symptom::Palpitations,
            Symptom::Fainting,
            Symptom::EyePain,
            Symptom::YellowSkin,
            Symptom::Confusion,
            Symptom::CannotPassUrine,
        ] {
            assert_eq!(s.urgency(), Some(Urgency::Now), "{s:?}");
        }
        assert_eq!(Symptom::Sweating.group(), SymptomGroup::Either);
        assert_eq!(Symptom::Tingling.group(), SymptomGroup::Either);
        assert!(sections
            .iter()
            .all(|x| !x.title.is_empty() && !x.note.is_empty()));
    }

    #[test]
    fn a_second_answer_replaces_the_first_and_a_tap_keeps_the_details() {
        let first = CheckInAnswer {
            feeling: Some(Feeling::Groggy),
            pain: Some(4),
            effects: vec![Symptom::DryMouth, Symptom::DryMouth],
            note: Some("  heavy head  ".into()),
        }
        .into_checkin(morning(), None, at())
        .unwrap();
        assert_eq!(first.effects, vec![Symptom::DryMouth]);
        assert_eq!(first.note.as_deref(), Some("heavy head"));
        let tap = CheckIn::tapped(morning(), Feeling::SleptBadly, Some(first.clone()), at());
        assert_eq!(
            (tap.feeling, tap.pain, tap.effects.len()),
            (Feeling::SleptBadly, Some(4), 1)
        );
        let again = CheckInAnswer {
            feeling: None,
            note: Some("   ".into()),
            ..Default::default()
        }
        .into_checkin(morning(), Some(&first), at())
        .unwrap();
        assert_eq!(
            (again.feeling, again.pain, again.effects.len(), again.note),
            (Feeling::Groggy, None, 0, None)
        );
    }

    #[test]
    fn pain_and_notes_are_bounded() {
        let err = CheckInAnswer {
            pain: Some(11),
            ..Default::default()
        }
        .into_checkin(morning(), None, at())
        .unwrap_err();
        assert!(err.to_string().starts_with("pain:"));
        let long = CheckInAnswer {
            note: Some("x".repeat(501)),
            ..Default::default()
        };
        assert!(long.into_checkin(morning(), None, at()).is_err());
    }
}
