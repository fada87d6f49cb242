//! What is on hand, derived from the stock events and the dose log, and the breakdown that
//! prefers what is in stock.

use chrono::{DateTime, NaiveDate, Utc};

use super::{items_of, Form, Item, StockEvent, StockEventKind};
use crate::breakdown::{breakdown, Breakdown, Part};
use crate::medication::Medication;
use crate::schedule::{self, DaySettings};
use crate::units::Micrograms;
use crate::zone::ZoneRules;

/// What one dose uses: units of each item (halves of a tablet, tenths of a ml).
pub type Usage = Vec<(Item, u32)>;

/// What is held of each item at one moment, in units. A handful of items, so a list (kept
/// small in the shipped library, unlike a map of its own).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stock(Vec<(Item, u32)>);

impl Stock {
    /// A stock holding these amounts.
    pub fn from_units(items: impl IntoIterator<Item = (Item, u32)>) -> Stock {
        let mut s = Stock::default();
        for (item, units) in items {
            s.update(item, |_| units);
        }
        s
    }

    /// Units held of `item` (0 when never counted).
    pub fn get(&self, item: Item) -> u32 {
        self.0
            .iter()
            .find(|(i, _)| *i == item)
            .map_or(0, |(_, u)| *u)
    }

    /// Every item recorded, with its units.
    pub fn items(&self) -> impl Iterator<Item = (Item, u32)> + '_ {
        self.0.iter().copied()
    }

    /// Sets what is held of `item` from what was held (0 when never counted).
    fn update(&mut self, item: Item, f: impl FnOnce(u32) -> u32) {
        match self.0.iter_mut().find(|(i, _)| *i == item) {
            Some((_, held)) => *held = f(*held),
            None => self.0.push((item, f(0))),
        }
    }

    /// True when every part of `usage` is held.
    pub fn covers(&self, usage: &Usage) -> bool {
        usage.iter().all(|(item, units)| self.get(*item) >= *units)
    }

    /// Adds `usage` (what a forecast needs, summed).
    pub fn add(&mut self, usage: &Usage) {
        for &(item, units) in usage {
            self.update(item, |held| held.saturating_add(units));
        }
    }

    /// Takes `usage` away (never below nothing).
    pub fn take(&mut self, usage: &Usage) {
        for &(item, units) in usage {
            self.update(item, |held| held.saturating_sub(units));
        }
    }

    fn apply(&mut self, e: &StockEvent) {
        self.update(e.item, |held| match e.kind {
            StockEventKind::Count | StockEventKind::Correction => e.quantity,
            StockEventKind::Supply => held.saturating_add(e.quantity),
        });
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
    by_dose: Vec<(Micrograms, Vec<(Breakdown, Usage)>)>,
}

impl Ways {
    fn of(&mut self, med: &Medication, dose: Micrograms) -> &[(Breakdown, Usage)] {
        let at = match self.by_dose.iter().position(|(d, _)| *d == dose) {
            Some(at) => at,
            None => {
                self.by_dose.push((dose, ways(med, dose)));
                self.by_dose.len() - 1
            }
        };
        self.by_dose.get(at).map_or(&[], |(_, w)| w.as_slice())
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
    let all = (1u32 << n) - 1;
    // Larger sets first; among equal sizes, the set keeping the larger strengths first.
    let smallest = if n <= MAX_STRENGTHS_FOR_SUBSETS {
        1
    } else {
        n - 1
    };
    let subsets = (smallest..n).rev().flat_map(|size| {
        (1..all)
            .rev()
            .filter(move |m| m.count_ones() as usize == size)
    });
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

/// A dose-log row that says a dose was taken, read on its own for the replay (see
/// [`crate::store::Tables::taken_since`]). The log keeps at most one such row per occurrence,
/// and one means the dose was taken whatever else was recorded ([`crate::doselog::status`]: taken
/// wins over a skip or a snooze) — `core/tests/supplies.rs` holds the two to the same answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenRow {
    /// The medicine.
    pub medication_id: uuid::Uuid,
    /// Which of the day's doses.
    pub slot_index: u32,
    /// The night (or day) of the occurrence.
    pub night: NaiveDate,
    /// The amount recorded.
    pub amount: Micrograms,
    /// When it was taken, when the user gave the time, else when it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// It was recorded on its own date or earlier (phone time then).
    pub recorded_on_its_date: bool,
}

/// The doses of `med` in `rows`, each at the moment it was recorded or, when recorded after
/// its window closed, at the end of the window; oldest first. Only the order against the
/// stock events (`counted_at`, sorted) depends on which, so the window is worked out only for
/// a dose recorded after a stock event that came after its night began.
pub(crate) fn taken_doses(
    settings: &DaySettings,
    zone: &dyn ZoneRules,
    med: &Medication,
    rows: &[TakenRow],
    counted_at: &[DateTime<Utc>],
) -> Vec<TakenDose> {
    let evening = matches!(med.slot, crate::medication::Slot::Evening { .. });
    let mut out = Vec::new();
    for r in rows.iter().filter(|r| r.medication_id == med.id) {
        let recorded = r.recorded_at;
        // The night began no earlier than a day before its date in UTC (offsets are under 24 h).
        let began = super::shift(r.night, -1)
            .and_hms_opt(0, 0, 0)
            .map_or(recorded, |t| t.and_utc());
        let first_after = counted_at.partition_point(|c| *c <= began);
        let count_between = counted_at.get(first_after).is_some_and(|c| *c <= recorded);
        // An evening dose recorded on its own date was recorded before its window closed (the
        // next morning at the earliest).
        let at = if !count_between || (evening && r.recorded_on_its_date) {
            recorded
        } else {
            schedule::occurrences_on(settings, zone, med, r.night)
                .iter()
                .find(|o| o.slot_index == r.slot_index)
                .map_or(recorded, |o| recorded.min(o.cutoff))
        };
        out.push(TakenDose {
            at,
            amount: r.amount,
        });
    }
    out.sort_by_key(|d| d.at);
    out
}

/// The first night whose doses could count after `start` (a dose is never counted later than
/// the end of its window, at most two days after its night).
pub(crate) fn first_relevant_night(start: DateTime<Utc>) -> NaiveDate {
    super::shift(start.date_naive(), -3)
}

/// Where the replay of `med` starts: the last stocktake that counted every strength it holds
/// or ever held at once (nothing before it matters), else its first stock event. None when
/// no stock was ever recorded for it. `events` are the medicine's, in the order recorded.
pub(crate) fn replay_start(med: &Medication, events: &[&StockEvent]) -> Option<DateTime<Utc>> {
    let first = events.first()?;
    let mut all = items_of(med);
    for e in events {
        if !all.contains(&e.item) {
            all.push(e.item);
        }
    }
    let full_stocktake = events
        .chunk_by(|a, b| a.recorded_at == b.recorded_at)
        .rev()
        .find(|group| {
            group.iter().all(|e| e.kind != StockEventKind::Supply)
                && all.iter().all(|i| group.iter().any(|e| e.item == *i))
        });
    Some(
        full_stocktake
            .and_then(|g| g.first())
            .unwrap_or(first)
            .recorded_at
            .with_timezone(&Utc),
    )
}

/// What is held of `med` now, replaying its stock events from [`replay_start`] and the doses
/// taken since, in the order they happened; None when no stock was ever recorded for it.
/// `events` are the medicine's, oldest first; `taken` oldest first.
pub(crate) fn on_hand(
    med: &Medication,
    events: &[&StockEvent],
    taken: &[TakenDose],
    ways: &mut Ways,
) -> Option<Stock> {
    let start = replay_start(med, events)?;
    let mut stock = Stock::default();
    let mut doses = taken.iter().filter(|d| d.at >= start).peekable();
    // `events` are in the order they happened.
    for e in events
        .iter()
        .filter(|e| e.recorded_at.with_timezone(&Utc) >= start)
    {
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

    fn med(tablets: &[u32], liquids: &[u32]) -> Medication {
        super::super::test_med(tablets, liquids)
    }

    fn stock(items: &[(Item, u32)]) -> Stock {
        Stock::from_units(items.iter().copied())
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
