//! The active ingredient of a medicine, and the one table of its usual doses.
//!
//! Every rule that depends on *what* a medicine is (the plan gates, how a taper ends, what a
//! forgotten dose means) keys on the ingredient recorded with the medicine, never on the
//! name the user typed: "Elavil", "amitryptiline" and "my night pill" may all be amitriptyline,
//! and "Amitriptyline (old box)" must not be mistaken for anything else. The ingredient is
//! chosen when the medicine is added; [`recognise`] offers a default from the name (generic
//! names, common brand names and near misspellings), which the user confirms — it is never
//! silently assumed.
//!
//! # The table ([`Ingredient::facts`])
//! Usual doses for *pain* in adults, daily totals, from the BNF-style ranges in DOMAIN.md
//! (checked against UK NHS and formulary pages). The prescriber's plan always rules: these
//! numbers only decide when a plan is worth a second look before it is saved.
//!
//! | ingredient | usual start (highest usual) | usual step (largest usual) | shortest / usual interval | usual maximum | stopping over at least |
//! |---|---|---|---|---|---|
//! | amitriptyline | 10 mg (25 mg) | 10 mg (25 mg) | 3 / 7 days | 75 mg | 4 weeks |
//! | nortriptyline | 10 mg (10 mg) | 10 mg (10 mg) | 7 / 7 days | 75 mg | 4 weeks |
//! | duloxetine | 30 mg (60 mg) | 30 mg (60 mg) | 7 / 14 days | 60 mg | 2 weeks |
//! | gabapentin | 300 mg (300 mg) | 300 mg (300 mg) | 2 / 3 days | 3,600 mg | 1 week |
//! | pregabalin | 150 mg (150 mg) | 150 mg (300 mg) | 3 / 7 days | 600 mg | 1 week |
//!
//! Where sources give a range, the gates ([`crate::gates`]) look only past its top: a start
//! or a step guidance calls usual never needs confirming. Amitriptyline starts at 10 mg and
//! may start at 25 mg, and goes up by 10 or 25 mg (BNF; NHS medicines; the pain article);
//! duloxetine for nerve pain may start at 60 mg (NHS medicines) and goes from 60 to 120 mg in
//! one step at most; pregabalin goes 150 → 300 → 600 mg a day. For the shortest interval the
//! BNF's "every 3–7 days" for amitriptyline is taken at its lower end (weekly is the usual
//! interval and the pain article's); DOMAIN.md's "about a week" for nortriptyline, "1–2 weeks"
//! for duloxetine and "2–3 days" for gabapentin at theirs.
//!
//! A taper's last dose before stopping is at most a quarter of the usual start
//! ([`IngredientFacts::smallest_final_dose`]): NICE NG222 and Horowitz & Taylor (2019) both
//! describe reaching doses well below the usual minimum before stopping.

use serde::{Deserialize, Serialize};

use crate::catalogue::Source;
use crate::error::{Error, Result};
use crate::units::Micrograms;

/// What a medicine is, whatever the box calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ingredient {
    /// A tricyclic, the usual first choice for nerve pain; taken at bedtime.
    Amitriptyline,
    /// A related tricyclic, often less sedating.
    Nortriptyline,
    /// An SNRI used for nerve pain.
    Duloxetine,
    /// An anticonvulsant for nerve pain, taken several times a day.
    Gabapentin,
    /// An anticonvulsant for nerve pain, taken two or three times a day.
    Pregabalin,
    /// Anything else: no dose table, so no dose gates.
    Other,
}

impl Ingredient {
    /// Every choice, in the order a picker offers them.
    pub const ALL: [Ingredient; 6] = [
        Ingredient::Amitriptyline,
        Ingredient::Nortriptyline,
        Ingredient::Duloxetine,
        Ingredient::Gabapentin,
        Ingredient::Pregabalin,
        Ingredient::Other,
    ];

    /// The stable snake_case code ("amitriptyline", …, "other"), used in files and the CLI.
    pub fn code(self) -> &'static str {
        match self {
            Ingredient::Amitriptyline => "amitriptyline",
            Ingredient::Nortriptyline => "nortriptyline",
            Ingredient::Duloxetine => "duloxetine",
            Ingredient::Gabapentin => "gabapentin",
            Ingredient::Pregabalin => "pregabalin",
            Ingredient::Other => "other",
        }
    }

    /// The name people read ("Amitriptyline", …, "Something else").
    pub fn label(self) -> &'static str {
        match self {
            Ingredient::Amitriptyline => "Amitriptyline",
            Ingredient::Nortriptyline => "Nortriptyline",
            Ingredient::Duloxetine => "Duloxetine",
            Ingredient::Gabapentin => "Gabapentin",
            Ingredient::Pregabalin => "Pregabalin",
            Ingredient::Other => "Something else",
        }
    }

    /// Reads [`Ingredient::code`] back (any case); the error lists the choices.
    pub fn parse(text: &str) -> Result<Ingredient> {
        let wanted = text.trim().to_ascii_lowercase();
        Ingredient::ALL
            .into_iter()
            .find(|i| i.code() == wanted)
            .ok_or_else(|| {
                let codes: Vec<&str> = Ingredient::ALL.iter().map(|i| i.code()).collect();
                Error::invalid(
                    "ingredient",
                    format!(
                        "\"{}\" is not one Eventide knows; choose one of {}",
                        text.trim(),
                        codes.join(", ")
                    ),
                )
            })
    }

    /// The usual doses for pain, or `None` for [`Ingredient::Other`].
    pub fn facts(self) -> Option<&'static IngredientFacts> {
        FACTS.iter().find(|f| f.ingredient == self)
    }
}

/// The usual doses of one ingredient for pain in adults (daily totals), and where they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngredientFacts {
    /// Which ingredient.
    pub ingredient: Ingredient,
    /// The usual first daily dose.
    pub usual_start: Micrograms,
    /// The highest first daily dose guidance still calls usual (a start above it is worth a
    /// second look).
    pub highest_usual_start: Micrograms,
    /// The usual rise of the daily dose at each titration step.
    pub usual_step: Micrograms,
    /// The largest rise at one step guidance still calls usual.
    pub largest_usual_step: Micrograms,
    /// Fewest nights between two rises that guidance allows.
    pub shortest_step_days: u32,
    /// Nights between rises most often used.
    pub usual_step_days: u32,
    /// The usual highest daily dose for pain; above it is specialist-led.
    pub usual_max: Micrograms,
    /// Fewest nights over which stopping is usually spread.
    pub shortest_stop_days: u32,
    /// Taken at bedtime because it makes people drowsy: a forgotten dose is not taken in the
    /// morning.
    pub sedating_at_bedtime: bool,
    /// Where the numbers come from.
    pub sources: &'static [Source],
}

impl IngredientFacts {
    /// The largest dose a taper should reach before it stops: a quarter of the usual start.
    pub fn smallest_final_dose(&self) -> Micrograms {
        Micrograms(self.usual_start.0 / 4)
    }
}

const TABLE_SOURCES: &[Source] = &[Source::Bnf, Source::NhsMedicines, Source::PainArticle];

/// The one table of usual doses (see the module doc for it as a table).
pub const FACTS: &[IngredientFacts] = &[
    IngredientFacts {
        ingredient: Ingredient::Amitriptyline,
        usual_start: Micrograms::mg(10),
        highest_usual_start: Micrograms::mg(25),
        usual_step: Micrograms::mg(10),
        largest_usual_step: Micrograms::mg(25),
        shortest_step_days: 3,
        usual_step_days: 7,
        usual_max: Micrograms::mg(75),
        shortest_stop_days: 28,
        sedating_at_bedtime: true,
        sources: TABLE_SOURCES,
    },
    IngredientFacts {
        ingredient: Ingredient::Nortriptyline,
        usual_start: Micrograms::mg(10),
        highest_usual_start: Micrograms::mg(10),
        usual_step: Micrograms::mg(10),
        largest_usual_step: Micrograms::mg(10),
        shortest_step_days: 7,
        usual_step_days: 7,
        usual_max: Micrograms::mg(75),
        shortest_stop_days: 28,
        sedating_at_bedtime: true,
        sources: TABLE_SOURCES,
    },
    IngredientFacts {
        ingredient: Ingredient::Duloxetine,
        usual_start: Micrograms::mg(30),
        highest_usual_start: Micrograms::mg(60),
        usual_step: Micrograms::mg(30),
        largest_usual_step: Micrograms::mg(60),
        shortest_step_days: 7,
        usual_step_days: 14,
        usual_max: Micrograms::mg(60),
        shortest_stop_days: 14,
        sedating_at_bedtime: false,
        sources: TABLE_SOURCES,
    },
    IngredientFacts {
        ingredient: Ingredient::Gabapentin,
        usual_start: Micrograms::mg(300),
        highest_usual_start: Micrograms::mg(300),
        usual_step: Micrograms::mg(300),
        largest_usual_step: Micrograms::mg(300),
        shortest_step_days: 2,
        usual_step_days: 3,
        usual_max: Micrograms::mg(3600),
        shortest_stop_days: 7,
        sedating_at_bedtime: false,
        sources: TABLE_SOURCES,
    },
    IngredientFacts {
        ingredient: Ingredient::Pregabalin,
        usual_start: Micrograms::mg(150),
        highest_usual_start: Micrograms::mg(150),
        usual_step: Micrograms::mg(150),
        largest_usual_step: Micrograms::mg(300),
        shortest_step_days: 3,
        usual_step_days: 7,
        usual_max: Micrograms::mg(600),
        shortest_stop_days: 7,
        sedating_at_bedtime: false,
        sources: TABLE_SOURCES,
    },
];

/// Names a medicine may be sold or written under, by ingredient: the generic name first, then
/// brand names in the UK, Europe, North America and Australia. Lower case, letters only.
const NAMES: &[(Ingredient, &[&str])] = &[
    (
        Ingredient::Amitriptyline,
        &[
            "amitriptyline",
            "elavil",
            "tryptizol",
            "laroxyl",
            "saroten",
            "sarotex",
            "redomex",
            "endep",
            "triptyl",
            "amitrip",
            "levate",
        ],
    ),
    (
        Ingredient::Nortriptyline,
        &[
            "nortriptyline",
            "pamelor",
            "aventyl",
            "allegron",
            "nortrilen",
        ],
    ),
    (
        Ingredient::Duloxetine,
        &["duloxetine", "cymbalta", "yentreve", "drizalma", "irenka"],
    ),
    (
        Ingredient::Gabapentin,
        &["gabapentin", "neurontin", "gralise", "gabarone"],
    ),
    (
        Ingredient::Pregabalin,
        &[
            "pregabalin",
            "lyrica",
            "alzain",
            "axalid",
            "lecaent",
            "rewisca",
        ],
    ),
];

/// Shortest word compared with a spelling slip allowed: short brand names must match exactly.
const MIN_FUZZY_CHARS: usize = 7;
/// Most slips (a letter added, dropped, changed or two swapped) a long word may have.
const MAX_SLIPS: usize = 2;

/// The ingredient a medicine name most likely means, to offer as the default when it is added
/// ("Amitriptyline 10mg", "Elavil", "amitryptiline" → amitriptyline). `None` when nothing is
/// recognised. The user confirms the choice; this is never stored without them.
pub fn recognise(name: &str) -> Option<Ingredient> {
    let lower = name.to_lowercase();
    let words = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let mut best: Option<(usize, Ingredient)> = None;
    for word in words {
        for (ingredient, names) in NAMES {
            for known in names.iter() {
                let slips = if word == *known {
                    0
                } else if word.chars().count() >= MIN_FUZZY_CHARS
                    && known.chars().count() >= MIN_FUZZY_CHARS
                {
                    strsim::damerau_levenshtein(word, known)
                } else {
                    continue;
                };
                if slips <= MAX_SLIPS && best.is_none_or(|(b, _)| slips < b) {
                    best = Some((slips, *ingredient));
                }
            }
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_and_brand_names_and_slips_are_recognised() {
        for (name, want) in [
            ("Amitriptyline", Some(Ingredient::Amitriptyline)),
            (
                "amitriptyline 10mg tablets",
                Some(Ingredient::Amitriptyline),
            ),
            ("Elavil", Some(Ingredient::Amitriptyline)),
            ("amitryptiline", Some(Ingredient::Amitriptyline)),
            ("Amitryptyline", Some(Ingredient::Amitriptyline)),
            ("Nortriptyline", Some(Ingredient::Nortriptyline)),
            ("Cymbalta 30", Some(Ingredient::Duloxetine)),
            ("Neurontin", Some(Ingredient::Gabapentin)),
            ("gabapentine", Some(Ingredient::Gabapentin)),
            ("Lyrica", Some(Ingredient::Pregabalin)),
            ("pregablin", Some(Ingredient::Pregabalin)),
            ("Paracetamol", None),
            ("Sertraline", None),
            ("my night pill", None),
            ("", None),
        ] {
            assert_eq!(recognise(name), want, "{name}");
        }
    }

    #[test]
    fn a_slip_closer_to_one_name_picks_that_one() {
        // One letter from nortriptyline, more from amitriptyline.
        assert_eq!(recognise("nortriptylin"), Some(Ingredient::Nortriptyline));
        assert_eq!(recognise("amitriptylin"), Some(Ingredient::Amitriptyline));
    }

    #[test]
    fn codes_round_trip_and_unknown_ones_list_the_choices() {
        for i in Ingredient::ALL {
            assert_eq!(Ingredient::parse(i.code()).unwrap(), i);
        }
        assert_eq!(
            Ingredient::parse(" Amitriptyline ").unwrap(),
            Ingredient::Amitriptyline
        );
        let err = Ingredient::parse("aspirin").unwrap_err().to_string();
        assert!(err.contains("amitriptyline, nortriptyline"), "{err}");
    }

    #[test]
    fn every_known_ingredient_has_its_table_row_and_a_small_final_dose() {
        for i in Ingredient::ALL {
            let facts = i.facts();
            assert_eq!(facts.is_some(), i != Ingredient::Other, "{i:?}");
            if let Some(f) = facts {
                assert!(f.usual_start < f.usual_max);
                assert!(f.usual_start <= f.highest_usual_start);
                assert!(f.usual_step <= f.largest_usual_step);
                assert!(f.shortest_step_days <= f.usual_step_days);
                assert!(f.smallest_final_dose().0 * 4 <= f.usual_start.0);
                assert!(!f.sources.is_empty());
            }
        }
        let ami = Ingredient::Amitriptyline.facts().unwrap();
        assert_eq!(ami.smallest_final_dose(), Micrograms(2_500));
    }
}
