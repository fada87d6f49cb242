//! The medicines a user holds: what strengths they actually have in the cupboard, and when in
//! the day each one is taken.

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::ingredient::Ingredient;
use crate::units::Micrograms;

/// Fewest minutes between an evening dose and bedtime: the medicine should be taken one to
/// two hours before sleep.
pub const MIN_LEAD_MINUTES: u16 = 60;
/// Most minutes between an evening dose and bedtime.
pub const MAX_LEAD_MINUTES: u16 = 120;
/// The lead used when the user does not choose one: the middle of the one-to-two-hour window.
pub const DEFAULT_LEAD_MINUTES: u16 = 90;
/// How long after that night's bedtime an evening dose can still be taken when the user has
/// not chosen: a bedtime medicine taken later leaves people drowsy the next day, so a dose
/// forgotten until then is left out (see [`crate::ingredient::IngredientFacts::sedating_at_bedtime`]
/// and the catalogue's `missed_dose_guidance`).
pub const DEFAULT_LATEST_AFTER_BEDTIME_MINUTES: u16 = 120;
/// The longest a user can set: four hours after bedtime.
pub const MAX_LATEST_AFTER_BEDTIME_MINUTES: u16 = 240;
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

/// Refuses a latest time for an evening dose beyond [`MAX_LATEST_AFTER_BEDTIME_MINUTES`] after bedtime.
pub fn check_latest(minutes: u16) -> Result<()> {
    if minutes <= MAX_LATEST_AFTER_BEDTIME_MINUTES {
        Ok(())
    } else {
        Err(Error::invalid(
            "latest",
            format!("an evening dose can be taken at most {MAX_LATEST_AFTER_BEDTIME_MINUTES} minutes after bedtime (got {minutes})"),
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
    /// What it is: every rule that depends on the medicine keys on this, never on the name.
    pub ingredient: Ingredient,
    /// Tablet strengths held, ascending (e.g. 10 and 25 mg).
    pub tablets: Vec<Micrograms>,
    /// Whether the user can split tablets in half (many cannot: they are small and crumble).
    pub can_halve: bool,
    /// Oral solution strengths held, as mg per 5 ml, ascending.
    pub liquids_per_5ml: Vec<Micrograms>,
    /// When in the day it is taken.
    pub slot: Slot,
    /// When it was added: doses due before then were never asked of the user, so they are
    /// neither shown, nor missed, nor counted.
    pub added_at: DateTime<Utc>,
    /// Evening medicines: the latest an evening dose can still be taken, in minutes after that
    /// night's bedtime (0–240, default 120). After it the dose is no longer offered and the
    /// missed-dose guidance is shown. Not used by morning and fixed-time medicines.
    pub latest_after_bedtime_minutes: u16,
}

/// What the user types to add a medicine.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMedication {
    /// Name as typed.
    pub name: String,
    /// What it is, as the user chose it; `None` is refused with the ingredient the name
    /// suggests ([`crate::ingredient::recognise`]) offered for the user to confirm.
    pub ingredient: Option<Ingredient>,
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
    pub fn validate(self, id: Uuid, added_at: DateTime<Utc>) -> Result<Medication> {
        let name = validate_name(&self.name)?;
        let ingredient = self.ingredient.ok_or_else(|| ingredient_needed(&name))?;
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
            ingredient,
            tablets,
            can_halve: self.can_halve,
            liquids_per_5ml: liquids,
            slot: self.slot.validated()?,
            added_at,
            latest_after_bedtime_minutes: DEFAULT_LATEST_AFTER_BEDTIME_MINUTES,
        })
    }
}

/// The refusal of a medicine added without its ingredient: offers the one the name suggests,
/// or lists the choices.
fn ingredient_needed(name: &str) -> Error {
    let reason = match crate::ingredient::recognise(name) {
        Some(i) => format!(
            "is \"{name}\" {}? Choose {} to confirm, or the ingredient it really is (\"other\" if none fits)",
            i.code(),
            i.code()
        ),
        None => {
            let codes: Vec<&str> = Ingredient::ALL.iter().map(|i| i.code()).collect();
            format!("choose what \"{name}\" is: {}", codes.join(", "))
        }
    };
    Error::invalid("ingredient", reason)
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

/// Longest text [`parse_strengths`] reads.
pub const MAX_STRENGTHS_TEXT_CHARS: usize = 200;

/// Units a person may write after a strength; they say nothing the field does not already.
const STRENGTH_UNITS: [&str; 7] = [
    "mg per 5 ml",
    "mg per 5ml",
    "mg / 5 ml",
    "mg/5 ml",
    "mg/5ml",
    "mg/5",
    "mg",
];

/// Reads the strengths a person types into one box of an "add a medicine" form ("10, 25",
/// "10 25 mg", "12.5; 25", "10 mg/5 ml"), so that both phone shells read them alike. Amounts
/// are separated by spaces, semicolons or commas next to a space; "mg" (and "mg/5 ml") may
/// follow a number. A comma between digits ("12,5") may be a decimal comma or a list of two:
/// it is refused with both readings offered, never guessed. Empty text is no strengths.
/// `field` ("tablet" or "liquid") names the box in errors; the amounts are checked further
/// when the medicine is added.
pub fn parse_strengths(field: &str, text: &str) -> Result<Vec<f64>> {
    if text.chars().count() > MAX_STRENGTHS_TEXT_CHARS {
        return Err(Error::invalid(
            field,
            format!("at most {MAX_STRENGTHS_TEXT_CHARS} characters"),
        ));
    }
    let mut plain = text.to_lowercase();
    for unit in STRENGTH_UNITS {
        plain = plain.replace(unit, " ");
    }
    let mut out = Vec::new();
    for piece in plain.split(|c: char| c.is_whitespace() || c == ';') {
        let piece = piece.trim_matches(',');
        if piece.is_empty() {
            continue;
        }
        if let Some((whole, part)) = piece.split_once(',') {
            return Err(Error::invalid(
                field,
                format!(
                    "\"{piece}\" could be one strength or two: write {whole}.{part} for one, or {whole}, {part} for two"
                ),
            ));
        }
        let is_number = piece.chars().any(|c| c.is_ascii_digit())
            && piece.chars().all(|c| c.is_ascii_digit() || c == '.')
            && piece.matches('.').count() <= 1;
        let mg = piece
            .parse::<f64>()
            .ok()
            .filter(|_| is_number)
            .ok_or_else(|| {
                Error::invalid(
                    field,
                    format!("\"{piece}\" is not an amount in mg; write numbers such as 10 or 12.5"),
                )
            })?;
        out.push(mg);
    }
    Ok(out)
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

    #[test]
    fn strengths_are_read_as_people_type_them() {
        let read = |t: &str| parse_strengths("tablet", t).unwrap();
        assert_eq!(read("10, 25"), vec![10.0, 25.0]);
        assert_eq!(read("10 25 mg"), vec![10.0, 25.0]);
        assert_eq!(read("10mg; 12.5 MG"), vec![10.0, 12.5]);
        assert_eq!(read(" 10 ,25 "), vec![10.0, 25.0]);
        assert_eq!(read("10 mg/5 ml, 25 mg per 5 ml"), vec![10.0, 25.0]);
        assert_eq!(read(""), Vec::<f64>::new());
    }

    #[test]
    fn a_comma_between_digits_is_refused_with_both_readings() {
        let err = parse_strengths("tablet", "12,5").unwrap_err();
        let Error::InvalidInput { field, reason } = err else {
            panic!("expected invalid input")
        };
        assert_eq!(field, "tablet");
        assert!(
            reason.contains("12.5 for one") && reason.contains("12, 5 for two"),
            "{reason}"
        );
    }

    #[test]
    fn words_signs_and_overlong_text_are_refused_not_dropped() {
        for bad in ["10, ten", "-5", "nan", "inf", "1.2.5", "10 ml", "½"] {
            let err = parse_strengths("liquid", bad).unwrap_err();
            assert!(err.to_string().starts_with("liquid:"), "{bad}: {err}");
        }
        let long = "1 ".repeat(MAX_STRENGTHS_TEXT_CHARS);
        assert!(parse_strengths("tablet", &long).is_err());
    }

    fn new(name: &str, tablets: Vec<f64>, slot: Slot) -> NewMedication {
        NewMedication {
            name: name.into(),
            ingredient: Some(Ingredient::Other),
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
        .validate(Uuid::nil(), DateTime::UNIX_EPOCH)
        .unwrap();
        assert_eq!(med.name, "Amitriptyline");
        assert_eq!(med.tablets, vec![Micrograms::mg(10), Micrograms::mg(25)]);
        let err = new("A", vec![-10.0], Slot::Evening { lead_minutes: 90 })
            .validate(Uuid::nil(), DateTime::UNIX_EPOCH)
            .unwrap_err();
        assert!(err.to_string().starts_with("tablet:"), "{err}");
    }

    #[test]
    fn a_lead_outside_one_to_two_hours_is_refused() {
        for lead in [59, 121, 0] {
            let err = new("A", vec![10.0], Slot::Evening { lead_minutes: lead })
                .validate(Uuid::nil(), DateTime::UNIX_EPOCH)
                .unwrap_err();
            assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "lead"));
        }
    }

    #[test]
    fn the_ingredient_is_never_assumed_from_the_name() {
        let mut elavil = new("Elavil", vec![10.0], Slot::Evening { lead_minutes: 90 });
        elavil.ingredient = None;
        let err = elavil.clone().validate(Uuid::nil(), DateTime::UNIX_EPOCH);
        let Err(Error::InvalidInput { field, reason }) = err else {
            panic!("expected the ingredient to be asked for")
        };
        assert_eq!(field, "ingredient");
        assert!(
            reason.starts_with("is \"Elavil\" amitriptyline?"),
            "{reason}"
        );
        elavil.name = "Night pill".into();
        let err = elavil
            .validate(Uuid::nil(), DateTime::UNIX_EPOCH)
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("choose what \"Night pill\" is: amitriptyline, nortriptyline"),
            "{err}"
        );
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
        .validate(Uuid::nil(), DateTime::UNIX_EPOCH)
        .unwrap_err();
        assert!(err.to_string().contains("only once"));
        let ok = new(
            "G",
            vec![300.0],
            Slot::Times {
                times: vec![t(22), t(8), t(14)],
            },
        )
        .validate(Uuid::nil(), DateTime::UNIX_EPOCH)
        .unwrap();
        assert_eq!(
            ok.slot,
            Slot::Times {
                times: vec![t(8), t(14), t(22)]
            }
        );
    }
}
