//! One table per ingredient for the rules: which of the catalogue's facts about that
//! ingredient each rule cites, and the numbers a rule needs that differ by ingredient. The
//! dose numbers themselves (start, step, interval, maximum) are in [`crate::ingredient`]; the
//! sentences are in [`crate::catalogue`]. "Other" has no table: its suggestions cite the
//! general fact of their catalogue entry.
//!
//! | ingredient | fair trial | withdrawal fact | missed-dose fact |
//! |---|---|---|---|
//! | amitriptyline | 42 nights (six to eight weeks at the right dose: pain article; NHS trust leaflets) | catalogue `Stopping` | catalogue `MissedDose` |
//! | nortriptyline | 42 nights (up to two months for the full effect: NHS trust leaflets) | `Stopping` | `MissedDose` |
//! | duloxetine | 42 nights (four to eight weeks for the full effect: NHS Fife leaflet) | `Stopping` | `MissedDose` |
//! | gabapentin | 42 nights (at least a few weeks to work: NHS medicines page) | `Stopping` | `MissedDose` |
//! | pregabalin | 42 nights (two to four weeks at 300 mg a day before going higher: BNF-style guidance) | `Stopping` | `MissedDose` |
//!
//! Decision: where sources give different trial lengths (four to eight weeks), every table uses
//! six weeks, the pain article's lower bound for amitriptyline and inside every other range, so
//! the question comes at the same point for each medicine.

use super::{SuggestionKind, FAIR_TRIAL_NIGHTS};
use crate::catalogue::{self, IngredientFact, Topic};
use crate::ingredient::Ingredient;

/// What the rules need to know about one ingredient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleTable {
    /// Which ingredient.
    pub ingredient: Ingredient,
    /// Nights on one dose that make a fair trial.
    pub fair_trial_nights: i64,
    /// For each suggestion kind that cites an ingredient fact, the topic of that fact.
    pub cites: &'static [(SuggestionKind, Topic)],
}

const CITES: &[(SuggestionKind, Topic)] = &[
    (SuggestionKind::WithdrawalDuringTaper, Topic::Stopping),
    (SuggestionKind::WithdrawalAfterDoseFall, Topic::Stopping),
    (SuggestionKind::MissedDoseGuidance, Topic::MissedDose),
];

/// The tables, one per ingredient with dose rules.
pub const TABLES: &[RuleTable] = &[
    RuleTable {
        ingredient: Ingredient::Amitriptyline,
        fair_trial_nights: FAIR_TRIAL_NIGHTS,
        cites: CITES,
    },
    RuleTable {
        ingredient: Ingredient::Nortriptyline,
        fair_trial_nights: FAIR_TRIAL_NIGHTS,
        cites: CITES,
    },
    RuleTable {
        ingredient: Ingredient::Duloxetine,
        fair_trial_nights: FAIR_TRIAL_NIGHTS,
        cites: CITES,
    },
    RuleTable {
        ingredient: Ingredient::Gabapentin,
        fair_trial_nights: FAIR_TRIAL_NIGHTS,
        cites: CITES,
    },
    RuleTable {
        ingredient: Ingredient::Pregabalin,
        fair_trial_nights: FAIR_TRIAL_NIGHTS,
        cites: CITES,
    },
];

/// The table of `ingredient`, or `None` for "other".
pub fn table(ingredient: Ingredient) -> Option<&'static RuleTable> {
    TABLES.iter().find(|t| t.ingredient == ingredient)
}

/// The ingredient's own fact a suggestion of `kind` cites, when its table names one.
pub fn fact_for(kind: SuggestionKind, ingredient: Ingredient) -> Option<&'static IngredientFact> {
    let topic = table(ingredient)?
        .cites
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, t)| *t)?;
    catalogue::ingredient_fact(ingredient, topic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ingredient_with_dose_rules_has_a_table_and_each_cited_fact_exists() {
        for i in Ingredient::ALL {
            assert_eq!(table(i).is_some(), i.facts().is_some(), "{i:?}");
            if let Some(t) = table(i) {
                assert!(t.fair_trial_nights >= 28, "{i:?}");
                for (kind, _) in t.cites {
                    let f = fact_for(*kind, i).unwrap_or_else(|| panic!("{i:?} {kind:?}"));
                    assert!(f.fact.to_lowercase().contains(i.code()));
                }
            }
        }
        assert!(fact_for(SuggestionKind::MissedDoseGuidance, Ingredient::Other).is_none());
        assert!(fact_for(SuggestionKind::ReviewDue, Ingredient::Amitriptyline).is_none());
    }
}
