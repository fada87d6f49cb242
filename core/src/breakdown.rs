//! A night's dose expressed in what the user holds.
//!
//! The order of preference, as users asked for it:
//! 1. whole tablets that add up exactly, fewest tablets first (tablets are small and hard to
//!    split); half tablets only when the user said they can halve them, and as few as possible;
//! 2. otherwise oral solution measured to 0.1 ml, alone or topping up whole tablets — the
//!    option whose measured amount is closest to the dose wins, then the one with fewer
//!    things to take (each started 5 ml of solution counts as one thing: 16 ml is harder to
//!    take than a tablet and 3.5 ml), then the smaller volume;
//! 3. otherwise a typed error that says what could be made instead. An amount is never rounded
//!    by more than half a syringe mark (0.1 ml), and when it is rounded the breakdown says so.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::error::{Error, Result};
use crate::medication::Medication;
use crate::units::{Micrograms, TenthsMl};

/// Most tablets (wholes and halves) one dose may be made of: beyond this a dose is not practical.
pub const MAX_TABLET_PIECES: u32 = 8;
/// Smallest liquid volume offered, in tenths of a ml: smaller volumes are hard to measure.
pub const MIN_LIQUID_TENTHS: u32 = 5;
/// Largest liquid volume offered for one dose, in tenths of a ml (20 ml).
pub const MAX_LIQUID_TENTHS: u32 = 200;

/// One thing to take: some tablets of one strength, or a volume of one solution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum Part {
    /// `halves / 2` tablets of `strength` (odd `halves` means one half tablet).
    Tablet { strength: Micrograms, halves: u32 },
    /// `volume` of a solution with `per_5ml` in each 5 ml.
    Liquid {
        per_5ml: Micrograms,
        volume: TenthsMl,
    },
}

impl Part {
    /// How much medicine this part holds, in micrograms (rounded to the microgram for liquids).
    pub fn amount(&self) -> Micrograms {
        match *self {
            Part::Tablet { strength, halves } => Micrograms(
                u32::try_from(u64::from(strength.0) * u64::from(halves) / 2).unwrap_or(u32::MAX),
            ),
            Part::Liquid { per_5ml, volume } => Micrograms(liquid_amount(per_5ml, volume.0)),
        }
    }
}

impl fmt::Display for Part {
    /// "2 × 10 mg", "½ × 25 mg", "1½ × 10 mg", "7.5 ml of 10 mg/5 ml".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Tablet { strength, halves } => {
                let whole = halves / 2;
                let count = match (whole, halves % 2 == 1) {
                    (0, true) => "½".to_string(),
                    (w, true) => format!("{w}½"),
                    (w, false) => w.to_string(),
                };
                write!(f, "{count} × {strength}")
            }
            Part::Liquid { per_5ml, volume } => write!(f, "{volume} of {per_5ml}/5 ml"),
        }
    }
}

/// The dose as things to take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// What the plan asked for.
    pub dose: Micrograms,
    /// What the parts add up to; differs from `dose` only by liquid rounding (< half a 0.1 ml mark).
    pub delivered: Micrograms,
    /// What to take, largest first.
    pub parts: Vec<Part>,
}

impl Breakdown {
    /// True when the parts add up to the dose exactly.
    pub fn is_exact(&self) -> bool {
        self.dose == self.delivered
    }
}

impl fmt::Display for Breakdown {
    /// "1 × 25 mg + 1 × 10 mg", or "3.8 ml of 10 mg/5 ml (= 7.6 mg)" when rounded to a mark.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.parts.iter().map(Part::to_string).collect();
        write!(f, "{}", parts.join(" + "))?;
        if !self.is_exact() {
            write!(f, " (= {})", self.delivered)?;
        }
        Ok(())
    }
}

/// Micrograms in `tenths` tenth-ml of a solution with `per_5ml` per 5 ml (5 ml = 50 tenths).
fn liquid_amount(per_5ml: Micrograms, tenths: u32) -> u32 {
    let exact = u64::from(per_5ml.0) * u64::from(tenths);
    u32::try_from((exact + 25) / 50).unwrap_or(u32::MAX)
}

/// The tenths of a ml of `per_5ml` solution closest to `amount`.
fn liquid_tenths_for(per_5ml: Micrograms, amount: u32) -> u32 {
    if per_5ml.0 == 0 {
        return 0;
    }
    let num = u64::from(amount) * 50;
    let den = u64::from(per_5ml.0);
    u32::try_from((num + den / 2) / den).unwrap_or(u32::MAX)
}

/// A combination of tablets: halves per strength (same order as the medication's tablets).
#[derive(Debug, Clone)]
struct TabletCombo {
    halves: Vec<u32>,
    total: u32,
    pieces: u32,
    half_pieces: u32,
}

/// Every tablet combination of at most [`MAX_TABLET_PIECES`] pieces whose total is ≤ `limit`.
/// A half is offered only when the user can halve, and at most one half per strength.
fn tablet_combos(med: &Medication, limit: u32) -> Vec<TabletCombo> {
    let mut walker = ComboWalker {
        med,
        limit,
        current: vec![0u32; med.tablets.len()],
        out: Vec::new(),
    };
    walker.walk(
        0,
        TabletCombo {
            halves: vec![],
            total: 0,
            pieces: 0,
            half_pieces: 0,
        },
    );
    walker.out
}

/// Depth-first enumeration of tablet counts, one strength per level.
struct ComboWalker<'a> {
    med: &'a Medication,
    limit: u32,
    current: Vec<u32>,
    out: Vec<TabletCombo>,
}

impl ComboWalker<'_> {
    /// Tries every count of strength `i` on top of `so_far` (whose `halves` is unused here).
    fn walk(&mut self, i: usize, so_far: TabletCombo) {
        let Some(&strength) = self.med.tablets.get(i) else {
            self.out.push(TabletCombo {
                halves: self.current.clone(),
                ..so_far
            });
            return;
        };
        let half_options: &[u32] = if self.med.can_halve && strength.0 % 2 == 0 {
            &[0, 1]
        } else {
            &[0]
        };
        for whole in 0..=MAX_TABLET_PIECES {
            for &half in half_options {
                let n = whole + half;
                if so_far.pieces + n > MAX_TABLET_PIECES {
                    continue;
                }
                let add = strength.0 * whole + strength.0 / 2 * half;
                let Some(total) = so_far.total.checked_add(add) else {
                    continue;
                };
                if total > self.limit {
                    continue;
                }
                if let Some(slot) = self.current.get_mut(i) {
                    *slot = whole * 2 + half;
                }
                let next = TabletCombo {
                    halves: vec![],
                    total,
                    pieces: so_far.pieces + n,
                    half_pieces: so_far.half_pieces + half,
                };
                self.walk(i + 1, next);
            }
        }
        if let Some(slot) = self.current.get_mut(i) {
            *slot = 0;
        }
    }
}

fn tablet_parts(med: &Medication, combo: &TabletCombo) -> Vec<Part> {
    let mut parts: Vec<Part> = med
        .tablets
        .iter()
        .zip(&combo.halves)
        .filter(|(_, &h)| h > 0)
        .map(|(&strength, &halves)| Part::Tablet { strength, halves })
        .collect();
    parts.reverse(); // largest strength first
    parts
}

/// Breaks `dose` into what the user holds, by the preferences in the module doc.
pub fn breakdown(med: &Medication, dose: Micrograms) -> Result<Breakdown> {
    if dose.is_zero() {
        return Ok(Breakdown {
            dose,
            delivered: dose,
            parts: vec![],
        });
    }
    let combos = tablet_combos(med, dose.0);
    // 1. Exact whole/half tablets: fewest pieces, then fewest halves.
    if let Some(best) = combos
        .iter()
        .filter(|c| c.total == dose.0 && c.pieces > 0)
        .min_by_key(|c| (c.pieces, c.half_pieces))
    {
        return Ok(Breakdown {
            dose,
            delivered: dose,
            parts: tablet_parts(med, best),
        });
    }
    // 2. Solution alone or topping up tablets.
    let mut best: Option<((u32, u32, u32), Breakdown)> = None;
    for &per_5ml in &med.liquids_per_5ml {
        for combo in &combos {
            let rest = dose.0 - combo.total;
            let tenths = liquid_tenths_for(per_5ml, rest);
            if !(MIN_LIQUID_TENTHS..=MAX_LIQUID_TENTHS).contains(&tenths) {
                continue;
            }
            let delivered = combo.total + liquid_amount(per_5ml, tenths);
            let error = delivered.abs_diff(dose.0);
            // Rounding may never exceed half a 0.1 ml mark.
            if u64::from(error) * 100 > u64::from(per_5ml.0) {
                continue;
            }
            let key = (error, combo.pieces + tenths.div_ceil(50), tenths);
            if best.as_ref().is_some_and(|(k, _)| *k <= key) {
                continue;
            }
            let mut parts = tablet_parts(med, combo);
            parts.push(Part::Liquid {
                per_5ml,
                volume: TenthsMl(tenths),
            });
            best = Some((
                key,
                Breakdown {
                    dose,
                    delivered: Micrograms(delivered),
                    parts,
                },
            ));
        }
    }
    if let Some((_, b)) = best {
        return Ok(b);
    }
    // 3. Not measurable: say what is held and the nearest that could be made.
    let nearest = combos
        .iter()
        .filter(|c| c.pieces > 0)
        .map(|c| c.total)
        .max();
    let hint = match nearest {
        Some(n) => format!(
            "the nearest you could make is {}; an oral solution, or tablets you can halve, may allow this dose",
            Micrograms(n)
        ),
        None => "ask your pharmacist which strengths would make up this dose".to_string(),
    };
    Err(Error::DoseNotMeasurable {
        dose: dose.to_string(),
        holding: holding(med),
        hint,
    })
}

/// "10 mg and 25 mg tablets, 10 mg/5 ml solution" — what the user holds, for messages.
pub fn holding(med: &Medication) -> String {
    let mut items = Vec::new();
    if !med.tablets.is_empty() {
        let s: Vec<String> = med.tablets.iter().map(|m| m.to_string()).collect();
        items.push(format!(
            "{} tablets{}",
            s.join(" and "),
            if med.can_halve { " (can halve)" } else { "" }
        ));
    }
    if !med.liquids_per_5ml.is_empty() {
        let s: Vec<String> = med
            .liquids_per_5ml
            .iter()
            .map(|m| format!("{m}/5 ml"))
            .collect();
        items.push(format!("{} solution", s.join(" and ")));
    }
    items.join(", ")
}

/// The exactly-measurable amounts nearest `target`: the largest at or below it and the
/// smallest above it. Used to round taper steps to doses the user can actually take.
pub fn measurable_around(
    med: &Medication,
    target: Micrograms,
) -> (Option<Micrograms>, Option<Micrograms>) {
    // Any tablet combination above the target by more than the largest tablet has a smaller one
    // above the target too, so this limit keeps the nearest amount above.
    let largest = med.tablets.iter().map(|t| t.0).max().unwrap_or(0);
    let combos = tablet_combos(med, target.0.saturating_add(largest));
    let mut below: Option<u32> = None;
    let mut above: Option<u32> = None;
    let mut consider = |v: u32| {
        if v == 0 {
            return;
        }
        if v <= target.0 {
            below = Some(below.map_or(v, |b| b.max(v)));
        } else {
            above = Some(above.map_or(v, |a| a.min(v)));
        }
    };
    for combo in &combos {
        consider(combo.total);
        for &per_5ml in &med.liquids_per_5ml {
            // Only solutions whose 0.1 ml marks are whole micrograms give exact amounts.
            if per_5ml.0 % 50 != 0 {
                continue;
            }
            let step = per_5ml.0 / 50;
            if step == 0 {
                continue;
            }
            let rest_below = target.0.saturating_sub(combo.total);
            let k_floor = (rest_below / step).min(MAX_LIQUID_TENTHS);
            for k in [k_floor, (k_floor + 1).max(MIN_LIQUID_TENTHS)] {
                if (MIN_LIQUID_TENTHS..=MAX_LIQUID_TENTHS).contains(&k) {
                    consider(combo.total + k * step);
                }
            }
        }
    }
    (below.map(Micrograms), above.map(Micrograms))
}

/// The smallest amount the user can measure exactly: below it a taper's next step is 0.
pub fn smallest_measurable(med: &Medication) -> Option<Micrograms> {
    measurable_around(med, Micrograms(0)).1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingredient::Ingredient;
    use crate::medication::Slot;
    use uuid::Uuid;

    fn med(tablets: &[u32], can_halve: bool, liquids: &[u32]) -> Medication {
        Medication {
            id: Uuid::nil(),
            name: "Amitriptyline".into(),
            ingredient: Ingredient::Amitriptyline,
            added_at: chrono::DateTime::UNIX_EPOCH,
            latest_after_bedtime_minutes: 120,
            tablets: tablets.iter().map(|&m| Micrograms::mg(m)).collect(),
            can_halve,
            liquids_per_5ml: liquids.iter().map(|&m| Micrograms::mg(m)).collect(),
            slot: Slot::Evening { lead_minutes: 90 },
        }
    }

    fn text(m: &Medication, mg: f64) -> String {
        breakdown(m, Micrograms::from_mg("dose", mg).unwrap())
            .unwrap()
            .to_string()
    }

    #[test]
    fn whole_tablets_fewest_first() {
        let m = med(&[10, 25], false, &[]);
        assert_eq!(text(&m, 35.0), "1 × 25 mg + 1 × 10 mg");
        assert_eq!(text(&m, 50.0), "2 × 25 mg");
        assert_eq!(text(&m, 20.0), "2 × 10 mg");
        assert_eq!(text(&m, 75.0), "3 × 25 mg");
    }

    #[test]
    fn halves_only_when_the_user_can_split() {
        let cannot = med(&[10], false, &[]);
        let err = breakdown(&cannot, Micrograms::mg(5)).unwrap_err();
        assert!(matches!(err, Error::DoseNotMeasurable { .. }), "{err}");
        assert!(err.to_string().contains("10 mg tablets"), "{err}");
        let can = med(&[10], true, &[]);
        assert_eq!(text(&can, 5.0), "½ × 10 mg");
        assert_eq!(text(&can, 15.0), "1½ × 10 mg");
    }

    #[test]
    fn solution_measures_small_steps_to_a_tenth_of_a_ml() {
        let m = med(&[10, 25], false, &[10]);
        assert_eq!(text(&m, 7.5), "3.8 ml of 10 mg/5 ml (= 7.6 mg)");
        assert_eq!(text(&m, 5.0), "2.5 ml of 10 mg/5 ml");
        // Tablets topped up with solution beat 17.5 ml of solution.
        assert_eq!(text(&m, 32.0), "1 × 25 mg + 3.5 ml of 10 mg/5 ml");
        let rounded = breakdown(&m, Micrograms::from_mg("dose", 7.5).unwrap()).unwrap();
        assert!(!rounded.is_exact());
        assert!(
            rounded.delivered.0.abs_diff(7500) <= 100,
            "never more than half a mark"
        );
    }

    #[test]
    fn liquid_only_medicines_and_impossible_doses() {
        let m = med(&[], false, &[25]);
        assert_eq!(text(&m, 12.5), "2.5 ml of 25 mg/5 ml");
        // 0.1 mg would be 0.02 ml: below what a syringe measures.
        assert!(breakdown(&m, Micrograms(100)).is_err());
    }

    #[test]
    fn measurable_amounts_bracket_a_target() {
        let m = med(&[10, 25], false, &[]);
        assert_eq!(
            measurable_around(&m, Micrograms::mg(17)),
            (Some(Micrograms::mg(10)), Some(Micrograms::mg(20)))
        );
        assert_eq!(smallest_measurable(&m), Some(Micrograms::mg(10)));
        let liquid = med(&[10], false, &[10]);
        assert_eq!(smallest_measurable(&liquid), Some(Micrograms::mg(1)));
        assert_eq!(
            measurable_around(&liquid, Micrograms(7_300)).0,
            Some(Micrograms(7_200))
        );
    }
}
