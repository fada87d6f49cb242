//! What is on hand, derived from the stock events and the dose log, and the breakdown that
//! prefers what is in stock.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{items_of, Form, Item, StockEvent, StockEventKind};
use crate::breakdown::{breakdown, Breakdown, Part};
use crate::doselog::{self, DoseEvent, DoseStatus};
use crate::medication::Medication;
use crate::schedule::{self, DaySettings};
use crate::units::Micrograms;
use crate::zone::ZoneRules;

/// What one dose uses: units of each item (halves of a tablet, tenths of a ml).
pub type Usage = Vec<(Item, u32)>;

/// What is held of each item at one moment, in units.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stock(pub BTreeMap<Item, u32>);

impl Stock {
    /// Units held of `item` (0 when never counted).
    pub fn get(&self, item: Item) -> u32 {
        self.0.get(&item).copied().unwrap_or(0)
    }

    /// True when every part of `usage` is held.
    pub fn covers(&self, usage: &Usage) -> bool {
        usage.iter().all(|(item, units)| self.get(*item) >= *units)
    }

    /// Takes `usage` away (never below nothing).
    pub fn take(&mut self, usage: &Usage) {
        for (item, units) in usage {
            let held = self.0.entry(*item).or_insert(0);
            *held = held.saturating_sub(*units);
        }
    }

    fn apply(&mut self, e: &StockEvent) {
        let held = self.0.entry(e.item).or_insert(0);
        *held = match e.kind {
            StockEventKind::Count | StockEventKind::Correction => e.quantity,
            StockEventKind::Supply => held.saturating_add(e.quantity),
        };
    }
}

/// The units a breakdown's parts use.
pub(crate) fn usage_of(b: &Breakdown) -> Usage {
    b.parts
        .iter()
        .map(|p| match *p {
            Part::Tablet { strength, halves } => (Item::tablet(strength), halves),
            Part::Liquid { per_5ml, volume } => (Item::solution(per_5ml), volume.0),
        })
        .collect()
}

/// Most strengths for which every subset is tried; with more, only sets one strength short.
const MAX_STRENGTHS_FOR_SUBSETS: usize = 6;

/// The ways a dose can be made, worked out once per dose: the usual breakdown first, then the
/// same rules with fewer strengths (larger sets first), so the first one the stock covers is
/// the closest to the usual.
#[derive(Debug, Default)]
pub(crate) struct Ways {
    by_dose: HashMap<Micrograms, Vec<(Breakdown, Usage)>>,
}

impl Ways {
    fn of(&mut self, med: &Medication, dose: Micrograms) -> &[(Breakdown, Usage)] {
        self.by_dose
            .entry(dose)
            .or_insert_with(|| ways(med, dose))
            .as_slice()
    }

    /// The usual breakdown of `dose` (None when it cannot be made at all).
    pub(crate) fn usual(
        &mut self,
        med: &Medication,
        dose: Micrograms,
    ) -> Option<&(Breakdown, Usage)> {
        self.of(med, dose).first()
    }

    /// The first way of making `dose` that `stock` covers.
    pub(crate) fn in_stock(
        &mut self,
        med: &Medication,
        dose: Micrograms,
        stock: &Stock,
    ) -> Option<&(Breakdown, Usage)> {
        self.of(med, dose).iter().find(|(_, u)| stock.covers(u))
    }
}

fn ways(med: &Medication, dose: Micrograms) -> Vec<(Breakdown, Usage)> {
    let mut out: Vec<(Breakdown, Usage)> = Vec::new();
    if dose.is_zero() {
        return out;
    }
    let mut push = |b: Breakdown| {
        let u = usage_of(&b);
        if !out.iter().any(|(_, seen)| *seen == u) {
            out.push((b, u));
        }
    };
    if let Ok(b) = breakdown(med, dose) {
        push(b);
    } else {
        return out;
    }
    let items = items_of(med);
    let n = items.len();
    let mut subsets: Vec<u32> = if n <= MAX_STRENGTHS_FOR_SUBSETS {
        (1..(1u32 << n) - 1).collect()
    } else {
        (0..n).map(|i| ((1u32 << n) - 1) & !(1 << i)).collect()
    };
    // Larger sets first; among equal sizes, the set keeping the larger strengths first.
    subsets.sort_by_key(|s| (std::cmp::Reverse(s.count_ones()), std::cmp::Reverse(*s)));
    for mask in subsets {
        let keep = |i: usize| mask & (1 << i) != 0;
        let mut limited = med.clone();
        limited.tablets = items
            .iter()
            .enumerate()
            .filter(|(i, it)| keep(*i) && it.form == Form::Tablet)
            .map(|(_, it)| it.strength)
            .collect();
        limited.liquids_per_5ml = items
            .iter()
            .enumerate()
            .filter(|(i, it)| keep(*i) && it.form == Form::Solution)
            .map(|(_, it)| it.strength)
            .collect();
        if let Ok(b) = breakdown(&limited, dose) {
            push(b);
        }
    }
    out
}

/// A dose taken, as the stock sees it: when it left the box and how much it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TakenDose {
    pub at: DateTime<Utc>,
    pub amount: Micrograms,
}

/// The doses of `med` recorded as taken in `events` (any nights), each at the moment it was
/// recorded or, when recorded after its window closed, at the end of the window.
pub(crate) fn taken_doses(
    settings: &DaySettings,
    zone: &dyn ZoneRules,
    med: &Medication,
    events: &[DoseEvent],
    now: DateTime<Utc>,
) -> Vec<TakenDose> {
    let mut by_night: BTreeMap<NaiveDate, Vec<DoseEvent>> = BTreeMap::new();
    for e in events.iter().filter(|e| e.medication_id == med.id) {
        by_night.entry(e.night).or_default().push(e.clone());
    }
    let mut out = Vec::new();
    for (night, evs) in &by_night {
        for occ in schedule::occurrences_on(settings, zone, med, *night) {
            if let DoseStatus::Taken { at, amount, .. } = doselog::status(&occ, evs, now) {
                out.push(TakenDose {
                    at: at.with_timezone(&Utc).min(occ.cutoff),
                    amount,
                });
            }
        }
    }
    out.sort_by_key(|d| d.at);
    out
}

/// The first night whose doses could count after `first_event` (a dose is never counted
/// later than the end of its window, at most two days after its night).
pub(crate) fn first_relevant_night(first_event: DateTime<Utc>) -> NaiveDate {
    (first_event - Duration::days(3)).date_naive()
}

/// What is held of `med` now, replaying its stock events and the doses taken since in the
/// order they happened; None when no stock was ever recorded for it.
pub(crate) fn on_hand(
    med: &Medication,
    events: &[&StockEvent],
    taken: &[TakenDose],
    ways: &mut Ways,
) -> Option<Stock> {
    let first = events.iter().map(|e| e.recorded_at).min()?;
    let mut stock = Stock::default();
    let mut doses = taken
        .iter()
        .filter(|d| d.at >= first.with_timezone(&Utc))
        .peekable();
    let mut sorted: Vec<&&StockEvent> = events.iter().collect();
    sorted.sort_by_key(|e| e.recorded_at);
    for e in sorted {
        let at = e.recorded_at.with_timezone(&Utc);
        while let Some(d) = doses.next_if(|d| d.at < at) {
            take_dose(med, d, &mut stock, ways);
        }
        stock.apply(e);
    }
    for d in doses {
        take_dose(med, d, &mut stock, ways);
    }
    Some(stock)
}

fn take_dose(med: &Medication, d: &TakenDose, stock: &mut Stock, ways: &mut Ways) {
    let mut usage = ways.in_stock(med, d.amount, stock).map(|(_, u)| u.clone());
    if usage.is_none() {
        usage = ways.usual(med, d.amount).map(|(_, u)| u.clone());
    }
    if let Some(u) = usage {
        stock.take(&u);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingredient::Ingredient;
    use crate::medication::Slot;
    use uuid::Uuid;

    fn med(tablets: &[u32], liquids: &[u32]) -> Medication {
        Medication {
            id: Uuid::nil(),
            name: "Amitriptyline".into(),
            ingredient: Ingredient::Amitriptyline,
            tablets: tablets.iter().map(|&m| Micrograms::mg(m)).collect(),
            can_halve: false,
            liquids_per_5ml: liquids.iter().map(|&m| Micrograms::mg(m)).collect(),
            slot: Slot::Evening { lead_minutes: 90 },
            added_at: DateTime::UNIX_EPOCH,
        }
    }

    fn stock(items: &[(Item, u32)]) -> Stock {
        Stock(items.iter().copied().collect())
    }

    fn text(ways: &mut Ways, m: &Medication, mg: u32, s: &Stock) -> Option<String> {
        ways.in_stock(m, Micrograms::mg(mg), s)
            .map(|(b, _)| b.to_string())
    }

    #[test]
    fn the_usual_breakdown_when_the_stock_covers_it() {
        let m = med(&[10, 25], &[]);
        let mut w = Ways::default();
        let s = stock(&[
            (Item::tablet(Micrograms::mg(10)), 20),
            (Item::tablet(Micrograms::mg(25)), 20),
        ]);
        assert_eq!(
            text(&mut w, &m, 45, &s).as_deref(),
            Some("1 × 25 mg + 2 × 10 mg")
        );
    }

    #[test]
    fn when_25s_run_out_50_mg_is_made_of_10s() {
        let m = med(&[10, 25], &[]);
        let mut w = Ways::default();
        let s = stock(&[(Item::tablet(Micrograms::mg(10)), 20)]);
        assert_eq!(text(&mut w, &m, 50, &s).as_deref(), Some("5 × 10 mg"));
        // 45 mg cannot be made of 10s alone, and there is no 25 left.
        assert_eq!(text(&mut w, &m, 45, &s), None);
        // Too few 10s for five of them.
        let few = stock(&[(Item::tablet(Micrograms::mg(10)), 8)]);
        assert_eq!(text(&mut w, &m, 50, &few), None);
    }

    #[test]
    fn solution_tops_up_when_tablets_run_short() {
        let m = med(&[10], &[10]);
        let mut w = Ways::default();
        let only_liquid = stock(&[(Item::solution(Micrograms::mg(10)), 500)]);
        assert_eq!(
            text(&mut w, &m, 10, &only_liquid).as_deref(),
            Some("5 ml of 10 mg/5 ml")
        );
    }
}
