//! The medicines a user holds: what strengths they actually have in the cupboard, and when in
//! the day each one is taken.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::units::Micrograms;

/// Fewest minutes between an evening dose and bedtime: the medicine should be taken one to
/// two hours before sleep.
pub const MIN_LEAD_MINUTES: u16 = 60;
/// Most minutes between an evening dose and bedtime.
pub const MAX_LEAD_MINUTES: u16 = 120;
/// The lead used when the user does not choose one: the middle of the one-to-two-hour window.
pub const DEFAULT_LEAD_MINUTES: u16 = 90;
/// Longest medication name accepted (a name, not a paragraph).
pub const MAX_NAME_CHARS: usize = 80;
/// Most strengths of one form a user can list.
pub const MAX_STRENGTHS: usize = 6;
/// Most fixed times a day for one medicine.
pub const MAX_TIMES_PER_DAY: usize = 6;

/// When in the day a medicine is taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Slot {
    /// Before bed: the reminder is bedtime minus `lead_minutes` (60–120).
    Evening { lead_minutes: u16 },
    /// Once in the morning at a fixed local time.
    Morning { time: NaiveTime },
    /// Several fixed local times a day (e.g. gabapentin at 08:00, 14:00 and 22:00).
    Times { times: Vec<NaiveTime> },
}

impl Slot {
    /// How many doses a day this slot means.
    pub fn doses_per_day(&self) -> usize {
        match self {
            Slot::Evening { .. } | Slot::Morning { .. } => 1,
            Slot::Times { times } => times.len(),
        }
    }

    /// A short word for the slot ("evening", "morning", "3 times a day").
    pub fn label(&self) -> String {
        match self {
            Slot::Evening { .. } => "evening".into(),
            Slot::Morning { .. } => "morning".into(),
            Slot::Times { times } => format!("{} times a day", times.len()),
        }
    }

    /// Checks the slot's numbers; times are sorted and must be distinct.
    pub fn validated(self) -> Result<Slot> {
        match self {
            Slot::Evening { lead_minutes } => {
                check_lead(lead_minutes)?;
                Ok(Slot::Evening { lead_minutes })
            }
            Slot::Morning { time } => Ok(Slot::Morning { time }),
            Slot::Times { mut times } => {
                if times.is_empty() {
                    return Err(Error::invalid(
                        "times",
                        "give at least one time of day, e.g. 08:00,14:00,22:00",
                    ));
                }
                if times.len() > MAX_TIMES_PER_DAY {
                    return Err(Error::invalid(
                        "times",
                        format!("at most {MAX_TIMES_PER_DAY} times a day"),
                    ));
                }
                times.sort();
                if times.windows(2).any(|w| w.first() == w.get(1)) {
                    return Err(Error::invalid(
                        "times",
                        "each time of day may appear only once",
                    ));
                }
                Ok(Slot::Times { times })
            }
        }
    }
}

/// Refuses a lead outside the one-to-two-hour window.
pub fn check_lead(lead_minutes: u16) -> Result<()> {
    if (MIN_LEAD_MINUTES..=MAX_LEAD_MINUTES).contains(&lead_minutes) {
        Ok(())
    } else {
        Err(Error::invalid(
            "lead",
            format!("the evening reminder must come {MIN_LEAD_MINUTES}–{MAX_LEAD_MINUTES} minutes before bedtime (got {lead_minutes})"),
        ))
    }
}

/// What the user holds of one medicine and when they take it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Medication {
    /// Stable id, kept across backups and exports.
    pub id: Uuid,
    /// The name as the user typed it ("Amitriptyline").
    pub name: String,
    /// Tablet strengths held, ascending (e.g. 10 and 25 mg).
    pub tablets: Vec<Micrograms>,
    /// Whether the user can split tablets in half (many cannot: they are small and crumble).
    pub can_halve: bool,
    /// Oral solution strengths held, as mg per 5 ml, ascending.
    pub liquids_per_5ml: Vec<Micrograms>,
    /// When in the day it is taken.
    pub slot: Slot,
}

/// What the user types to add a medicine.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMedication {
    /// Name as typed.
    pub name: String,
    /// Tablet strengths in mg.
    pub tablet_mg: Vec<f64>,
    /// Whether tablets can be halved.
    pub can_halve: bool,
    /// Oral solution strengths in mg per 5 ml.
    pub liquid_mg_per_5ml: Vec<f64>,
    /// When it is taken.
    pub slot: Slot,
}

impl NewMedication {
    /// Checks every field and returns the medication to store, or the first problem found.
    pub fn validate(self, id: Uuid) -> Result<Medication> {
        let name = validate_name(&self.name)?;
        let tablets = validate_strengths("tablet", &self.tablet_mg)?;
        let liquids = validate_strengths("liquid", &self.liquid_mg_per_5ml)?;
        if tablets.is_empty() && liquids.is_empty() {
            return Err(Error::invalid(
                "strengths",
                "give at least one tablet strength (--tablet 10) or oral solution strength (--liquid 10)",
            ));
        }
        Ok(Medication {
            id,
            name,
            tablets,
            can_halve: self.can_halve,
            liquids_per_5ml: liquids,
            slot: self.slot.validated()?,
        })
    }
}

/// A medication name: trimmed, not empty, at most [`MAX_NAME_CHARS`], no control characters.
pub fn validate_name(raw: &str) -> Result<String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "the medication needs a name"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "name",
            format!("at most {MAX_NAME_CHARS} characters"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "name",
            "the name contains control characters",
        ));
    }
    Ok(name.to_string())
}

fn validate_strengths(field: &str, mg: &[f64]) -> Result<Vec<Micrograms>> {
    if mg.len() > MAX_STRENGTHS {
        return Err(Error::invalid(
            field,
            format!("at most {MAX_STRENGTHS} strengths"),
        ));
    }
    let mut out = mg
        .iter()
        .map(|&v| Micrograms::from_mg(field, v))
        .collect::<Result<Vec<_>>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(name: &str, tablets: Vec<f64>, slot: Slot) -> NewMedication {
        NewMedication {
            name: name.into(),
            tablet_mg: tablets,
            can_halve: false,
            liquid_mg_per_5ml: vec![],
            slot,
        }
    }

    #[test]
    fn strengths_are_sorted_and_bad_ones_named() {
        let med = new(
            "  Amitriptyline ",
            vec![25.0, 10.0, 25.0],
            Slot::Evening { lead_minutes: 90 },
        )
        .validate(Uuid::nil())
        .unwrap();
        assert_eq!(med.name, "Amitriptyline");
        assert_eq!(med.tablets, vec![Micrograms::mg(10), Micrograms::mg(25)]);
        let err = new("A", vec![-10.0], Slot::Evening { lead_minutes: 90 })
            .validate(Uuid::nil())
            .unwrap_err();
        assert!(err.to_string().starts_with("tablet:"), "{err}");
    }

    #[test]
    fn a_lead_outside_one_to_two_hours_is_refused() {
        for lead in [59, 121, 0] {
            let err = new("A", vec![10.0], Slot::Evening { lead_minutes: lead })
                .validate(Uuid::nil())
                .unwrap_err();
            assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "lead"));
        }
    }

    #[test]
    fn names_and_times_are_bounded() {
        assert!(validate_name(&"x".repeat(81)).is_err());
        assert!(validate_name("\u{7}bell").is_err());
        assert!(validate_name("   ").is_err());
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let err = new(
            "G",
            vec![300.0],
            Slot::Times {
                times: vec![t(8), t(8)],
            },
        )
        .validate(Uuid::nil())
        .unwrap_err();
        assert!(err.to_string().contains("only once"));
        let ok = new(
            "G",
            vec![300.0],
            Slot::Times {
                times: vec![t(22), t(8), t(14)],
            },
        )
        .validate(Uuid::nil())
        .unwrap();
        assert_eq!(
            ok.slot,
            Slot::Times {
                times: vec![t(8), t(14), t(22)]
            }
        );
    }
}
