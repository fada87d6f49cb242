//! The forecast: the plan followed night by night against what is held.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::stock::{first_relevant_night, on_hand, replay_start, taken_doses, Stock, Ways};
use super::{
    items_of, refill, shift, Form, Item, StockEvent, DEFAULT_FORECAST_NIGHTS, MAX_FORECAST_NIGHTS,
    MAX_UNTIL_NIGHTS,
};
use crate::breakdown::Breakdown;
use crate::companion::Snapshot;
use crate::doselog::{self, DoseEvent};
use crate::error::{Error, Result};
use crate::medication::{Medication, Slot};
use crate::plan::{self, Horizon, Plan, PlanEvent, Step};
use crate::schedule;
use crate::store::Tables;
use crate::units::Micrograms;
use crate::view::DoseCard;
use crate::zone::ZoneRules;

/// One strength in the forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemSupply {
    /// The strength and form.
    pub item: Item,
    /// "10 mg tablets".
    pub label: String,
    /// Held now, in units (halves of a tablet, tenths of a ml).
    pub on_hand: u32,
    /// "56 tablets", "150 ml".
    pub on_hand_text: String,
    /// What the plan uses from the first counted night to `until`, taken the usual way.
    pub needed: u32,
    /// "70 tablets".
    pub needed_text: String,
    /// The pack size last given for it, in units.
    pub pack_size: Option<u32>,
    /// What to ask for: the shortfall up to `until`, rounded up to whole tablets or ml and to
    /// whole packs when the pack size is known; 0 when nothing is short.
    pub ask_for: u32,
    /// Whole packs in `ask_for`, when the pack size is known.
    pub packs: Option<u32>,
    /// "28 × 10 mg tablets (1 pack of 28)", when something is short.
    pub ask_for_text: Option<String>,
}

/// Why supplies do not run out, when they do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lasts {
    /// Enough for every remaining dose of the plan.
    ToEndOfPlan,
    /// Enough for as far as the forecast looks ([`MAX_FORECAST_NIGHTS`]).
    BeyondForecast,
    /// No plan, so nothing is counted down.
    NoPlan,
}

/// What is held of one medicine, when it runs out, and what to ask for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplyForecast {
    /// The medicine.
    pub medication_id: Uuid,
    /// Its name.
    pub medication_name: String,
    /// False until a count or supply is recorded (then nothing else is filled in).
    pub tracked: bool,
    /// The first night counted: the current one (its dose, when still to take, included).
    pub from: NaiveDate,
    /// The last night the `needed` figures cover.
    pub until: NaiveDate,
    /// The first night whose dose cannot be made from what is held.
    pub runs_out_on: Option<NaiveDate>,
    /// Why it does not run out, when it does not.
    pub lasts: Option<Lasts>,
    /// Each strength held or used.
    pub items: Vec<ItemSupply>,
    /// "56 × 10 mg tablets, 0 × 25 mg tablets".
    pub held_text: String,
    /// "Enough until Wed 28 Jan; runs out on Thu 29 Jan."
    pub status_line: String,
    /// "To last until Sun 1 Feb, ask for 14 × 10 mg tablets."
    pub ask_for_text: String,
    /// The day the refill reminder comes, when supplies run out.
    pub refill_on: Option<NaiveDate>,
    /// The id of that reminder (`refill:{medication}:{runs-out night}`), so a shell can clear
    /// one already shown once it no longer applies.
    pub refill_id: Option<String>,
    /// A planned dose no strength held can make (the plan, not the supply, needs a look).
    pub problem: Option<String>,
}

impl SupplyForecast {
    /// A medicine with no stock recorded.
    pub(crate) fn untracked(med: &Medication, from: NaiveDate) -> SupplyForecast {
        SupplyForecast {
            medication_id: med.id,
            medication_name: med.name.clone(),
            tracked: false,
            from,
            until: from,
            runs_out_on: None,
            lasts: None,
            // Each strength it holds, with nothing recorded, for the form that records it.
            items: super::items_of(med)
                .into_iter()
                .map(|item| item_supply(item, 0, 0, None))
                .collect(),
            held_text: String::new(),
            status_line: format!(
                "No stock recorded for {}: count what you hold to see when it runs out.",
                med.name
            ),
            ask_for_text: String::new(),
            refill_on: None,
            refill_id: None,
            problem: None,
        }
    }

    /// The items with something to ask for.
    pub fn asks(&self) -> impl Iterator<Item = &ItemSupply> {
        self.items.iter().filter(|i| i.ask_for > 0)
    }

    /// What is held now, as a stock.
    pub fn stock(&self) -> Stock {
        Stock::from_units(self.items.iter().map(|i| (i.item, i.on_hand)))
    }
}

/// One night of the plan as the calendar prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NightUse {
    /// The night.
    pub night: NaiveDate,
    /// The planned dose (each time, for medicines taken several times a day).
    pub dose: Micrograms,
    /// What to take: from stock when it is tracked, else the usual breakdown.
    pub take: Option<Breakdown>,
    /// Why there is nothing to take when the dose is above 0.
    pub problem: Option<String>,
    /// A new step starts this night.
    pub step_starts: bool,
    /// The step depends on a confirmation still to come.
    pub projected: bool,
    /// This is the night supplies run out.
    pub runs_out: bool,
}

/// What is held of each medicine whose stock is recorded. It follows from the stored records
/// alone (never from the clock), so it stays true for as long as the database is unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OnHand(Vec<(Uuid, Stock)>);

impl OnHand {
    /// What is held of one medicine, when its stock is recorded.
    fn of(&self, medication_id: Uuid) -> Option<&Stock> {
        self.0
            .iter()
            .find(|(id, _)| *id == medication_id)
            .map(|(_, s)| s)
    }

    /// Replays every medicine's stock events and the doses taken since (see [`on_hand`]).
    fn replay(
        t: &Tables<'_>,
        snap: &Snapshot,
        zone: &dyn ZoneRules,
        stock_events: &[StockEvent],
    ) -> Result<OnHand> {
        let mut per_med: Vec<(&Medication, Vec<&StockEvent>, DateTime<Utc>)> = Vec::new();
        for med in &snap.meds {
            let mine = events_of(stock_events, med.id);
            if let Some(start) = replay_start(med, &mine) {
                per_med.push((med, mine, start));
            }
        }
        let Some(earliest) = per_med.iter().map(|(_, _, start)| *start).min() else {
            return Ok(OnHand::default());
        };
        let rows = t.taken_since(first_relevant_night(earliest))?;
        let mut out = Vec::new();
        for (med, mine, _) in per_med {
            let counted_at: Vec<DateTime<Utc>> = mine
                .iter()
                .map(|e| e.recorded_at.with_timezone(&Utc))
                .collect();
            let taken = taken_doses(&snap.settings, zone, med, &rows, &counted_at);
            if let Some(stock) = on_hand(med, &mine, &taken, &mut Ways::default()) {
                out.push((med.id, stock));
            }
        }
        Ok(OnHand(out))
    }
}

/// The stock events of one medicine, in the order they happened.
fn events_of(all: &[StockEvent], medication_id: Uuid) -> Vec<&StockEvent> {
    let mut mine: Vec<&StockEvent> = all
        .iter()
        .filter(|e| e.medication_id == medication_id)
        .collect();
    mine.sort_by_key(|e| e.recorded_at);
    mine
}

/// Everything else the forecasts read, loaded once.
struct Inputs {
    stock_events: Vec<StockEvent>,
    /// The whole log of the nights around now, for the doses still to take tonight.
    recent: Vec<DoseEvent>,
    review_due: Option<NaiveDate>,
    refill_days: u32,
}

impl Inputs {
    fn load(
        t: &Tables<'_>,
        snap: &Snapshot,
        zone: &dyn ZoneRules,
        now: DateTime<Utc>,
    ) -> Result<Inputs> {
        let stock_events = t.stock_events()?;
        if stock_events.is_empty() {
            return Ok(Inputs {
                stock_events,
                recent: vec![],
                review_due: None,
                refill_days: super::DEFAULT_REFILL_DAYS_BEFORE,
            });
        }
        let today = schedule::local_date(zone, now);
        Ok(Inputs {
            recent: t.dose_events(shift(today, -2), shift(today, 2))?,
            stock_events,
            review_due: crate::review::status_with(t, &snap.plans)?.due_on,
            refill_days: super::refill_days(t)?,
        })
    }
}

/// The forecasts of every medicine with stock recorded, in the order the medicines were added.
pub(crate) fn forecasts(
    t: &Tables<'_>,
    snap: &Snapshot,
    zone: &dyn ZoneRules,
    until: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Vec<SupplyForecast>> {
    forecasts_kept(t, snap, zone, until, now, &mut None)
}

/// [`forecasts`], reusing what is on hand from `kept` (when the caller knows the database has
/// not changed since it was worked out) and leaving what was used there.
pub(crate) fn forecasts_kept(
    t: &Tables<'_>,
    snap: &Snapshot,
    zone: &dyn ZoneRules,
    until: Option<NaiveDate>,
    now: DateTime<Utc>,
    kept: &mut Option<Arc<OnHand>>,
) -> Result<Vec<SupplyForecast>> {
    let inputs = Inputs::load(t, snap, zone, now)?;
    let held = match kept.take() {
        Some(held) => held,
        None => Arc::new(OnHand::replay(t, snap, zone, &inputs.stock_events)?),
    };
    let mut out = Vec::new();
    for med in &snap.meds {
        if let Some(stock) = held.of(med.id) {
            out.push(compute(snap, zone, med, &inputs, stock, until, None, now)?.0);
        }
    }
    *kept = Some(held);
    Ok(out)
}

/// The forecast of `med`, when its stock is recorded.
pub(crate) fn forecast_of(
    t: &Tables<'_>,
    snap: &Snapshot,
    zone: &dyn ZoneRules,
    med: &Medication,
    until: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Option<SupplyForecast>> {
    let inputs = Inputs::load(t, snap, zone, now)?;
    let held = OnHand::replay(t, snap, zone, &inputs.stock_events)?;
    match held.of(med.id) {
        Some(stock) => Ok(Some(
            compute(snap, zone, med, &inputs, stock, until, None, now)?.0,
        )),
        None => Ok(None),
    }
}

/// Each night of `first..=last` for `med`: the dose and what to take (from stock when it is
/// tracked), with step changes and the night supplies run out marked.
#[allow(dead_code)]
pub(crate) fn calendar_nights(
    t: &Tables<'_>,
    snap: &Snapshot,
    zone: &dyn ZoneRules,
    med: &Medication,
    first: NaiveDate,
    last: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(Option<SupplyForecast>, Vec<NightUse>)> {
    let inputs = Inputs::load(t, snap, zone, now)?;
    let window = Some((first, last));
    let held = OnHand::replay(t, snap, zone, &inputs.stock_events)?;
    match held.of(med.id) {
        Some(stock) => {
            let (f, nights) = compute(snap, zone, med, &inputs, stock, None, window, now)?;
            Ok((Some(f), nights))
        }
        None => {
            let from = schedule::current_day_for(&snap.settings, zone, med, now);
            let mut doses = PlanDoses::new(snap, med, from);
            let mut ways = Ways::default();
            let mut out = Vec::new();
            let mut previous = None;
            for night in first.iter_days().take_while(|d| *d <= last) {
                let at = doses.on(night);
                let (take, problem) = usual(&mut ways, med, at.dose);
                out.push(NightUse {
                    night,
                    dose: at.dose,
                    take,
                    problem,
                    step_starts: previous.is_some_and(|p| p != at.dose),
                    projected: at.projected,
                    runs_out: false,
                });
                previous = Some(at.dose);
            }
            Ok((None, out))
        }
    }
}

fn usual(
    ways: &mut Ways,
    med: &Medication,
    dose: Micrograms,
) -> (Option<Breakdown>, Option<String>) {
    if dose.is_zero() {
        return (None, None);
    }
    match ways.usual(med, dose) {
        Some((b, _)) => (Some(b.clone()), None),
        None => (
            None,
            crate::breakdown::breakdown(med, dose)
                .err()
                .map(|e| e.to_string()),
        ),
    }
}

/// The plan's dose for any night: tonight's as confirmed (what the dose card says), later
/// nights as the plan goes if each step-up is confirmed on time.
struct PlanDoses<'a> {
    plans: Vec<Plan>,
    med: &'a Medication,
    events: &'a [PlanEvent],
    today: NaiveDate,
    steps: Vec<(Uuid, Vec<Step>)>,
}

/// The plan on one night.
struct Planned {
    dose: Micrograms,
    /// The plan is over: this dose is 0 for good and no later version starts.
    finished: bool,
    projected: bool,
}

impl<'a> PlanDoses<'a> {
    fn new(snap: &'a Snapshot, med: &'a Medication, today: NaiveDate) -> PlanDoses<'a> {
        PlanDoses {
            plans: snap.plans_of(med.id),
            med,
            events: &snap.plan_events,
            today,
            steps: Vec::new(),
        }
    }

    fn on(&mut self, night: NaiveDate) -> Planned {
        let nothing = Planned {
            dose: Micrograms::ZERO,
            finished: !self.plans.iter().any(|p| p.starts_on > night),
            projected: false,
        };
        let Some(plan) = plan::plan_on(&self.plans, night) else {
            return nothing;
        };
        let (med, events, today) = (self.med, self.events, self.today);
        if !self.steps.iter().any(|(id, _)| *id == plan.id) {
            let worked_out = plan::steps(plan, med, events, today, Horizon::Projected);
            self.steps.push((plan.id, worked_out));
        }
        let steps = self
            .steps
            .iter()
            .find(|(id, _)| *id == plan.id)
            .map_or(&[][..], |(_, s)| s.as_slice());
        let Some(step) = plan::step_on(steps, night) else {
            return nothing;
        };
        let dose = if night <= self.today {
            plan::dose_on(&self.plans, med, events, night, today)
        } else {
            step.dose
        };
        Planned {
            dose,
            finished: dose.is_zero()
                && step.until.is_none()
                && !self.plans.iter().any(|p| p.starts_on > night),
            projected: step.projected && night > self.today,
        }
    }
}

/// The last night counted by default: the next review or [`DEFAULT_FORECAST_NIGHTS`] nights
/// (tonight included), whichever comes first; a chosen date must be tonight or within a year.
pub(super) fn until_night(
    chosen: Option<NaiveDate>,
    from: NaiveDate,
    review_due: Option<NaiveDate>,
) -> Result<NaiveDate> {
    let latest = shift(from, i64::from(MAX_UNTIL_NIGHTS));
    match chosen {
        Some(u) if u < from => Err(Error::invalid(
            "until",
            format!("{u} has passed; choose tonight ({from}) or later"),
        )),
        Some(u) if u > latest => Err(Error::invalid(
            "until",
            format!("the forecast looks at most a year ahead (to {latest})"),
        )),
        Some(u) => Ok(u),
        None => {
            let four_weeks = shift(from, i64::from(DEFAULT_FORECAST_NIGHTS) - 1);
            Ok(review_due
                .filter(|d| *d >= from)
                .map_or(four_weeks, |d| d.min(four_weeks)))
        }
    }
}

/// How many of `med`'s doses on `night` are still to be taken at `now`: all of them on later
/// nights; on the current night, those neither taken, skipped nor missed yet.
fn doses_to_count(
    snap: &Snapshot,
    zone: &dyn ZoneRules,
    med: &Medication,
    events: &[DoseEvent],
    night: NaiveDate,
    current: NaiveDate,
    now: DateTime<Utc>,
) -> u32 {
    let all = u32::try_from(med.slot.doses_per_day()).unwrap_or(1);
    if night != current {
        return all;
    }
    let mine: Vec<DoseEvent> = events
        .iter()
        .filter(|e| e.medication_id == med.id && e.night == night)
        .cloned()
        .collect();
    let open = schedule::occurrences_on(&snap.settings, zone, med, night)
        .iter()
        .filter(|o| !doselog::status(o, &mine, now).is_settled())
        .count();
    u32::try_from(open).unwrap_or(all)
}

#[allow(clippy::too_many_arguments)]
fn compute(
    snap: &Snapshot,
    zone: &dyn ZoneRules,
    med: &Medication,
    inputs: &Inputs,
    stock: &Stock,
    until: Option<NaiveDate>,
    window: Option<(NaiveDate, NaiveDate)>,
    now: DateTime<Utc>,
) -> Result<(SupplyForecast, Vec<NightUse>)> {
    let mine = events_of(&inputs.stock_events, med.id);
    let mut ways = Ways::default();
    let from = schedule::current_day_for(&snap.settings, zone, med, now);
    let until = until_night(until, from, inputs.review_due)?;
    let (first, last) = window.unwrap_or((from, from));
    let has_plan = snap.plans.iter().any(|p| p.medication_id == med.id);

    let mut doses = PlanDoses::new(snap, med, from);
    let mut left = stock.clone();
    let mut needed = Stock::default();
    let mut runs_out_on: Option<NaiveDate> = None;
    let mut problem: Option<String> = None;
    let mut lasts = if has_plan { None } else { Some(Lasts::NoPlan) };
    let mut nights = Vec::new();
    let mut previous: Option<Micrograms> = None;
    let horizon = shift(from, i64::from(MAX_FORECAST_NIGHTS));
    for night in first.min(from).iter_days() {
        let done_counting = night > until && (runs_out_on.is_some() || lasts.is_some());
        if (done_counting && night > last) || night > horizon.max(last) {
            break;
        }
        let at = doses.on(night);
        let count = if night < from {
            0
        } else {
            doses_to_count(snap, zone, med, &inputs.recent, night, from, now)
        };
        let mut take: Option<Breakdown> = None;
        let mut night_problem: Option<String> = None;
        let mut out_tonight = false;
        if night >= from && !at.dose.is_zero() && runs_out_on.is_none() && night <= horizon {
            // Before the forecast runs out, each dose comes from what is left.
            for _ in 0..count {
                match ways.in_stock(med, at.dose, &left) {
                    Some((b, u)) => {
                        take.get_or_insert_with(|| b.clone());
                        left.take(u);
                    }
                    None => {
                        runs_out_on = Some(night);
                        out_tonight = true;
                        if ways.usual(med, at.dose).is_none() {
                            let why = crate::breakdown::breakdown(med, at.dose)
                                .err()
                                .map(|e| e.to_string());
                            problem = why.clone();
                            night_problem = why;
                        }
                        break;
                    }
                }
            }
        }
        if night >= from && night <= until && !at.dose.is_zero() {
            if let Some((_, u)) = ways.usual(med, at.dose) {
                let times: Vec<(Item, u32)> = u
                    .iter()
                    .map(|(item, units)| (*item, units.saturating_mul(count)))
                    .collect();
                needed.add(&times);
            }
        }
        if night >= from && at.finished && runs_out_on.is_none() && lasts.is_none() {
            lasts = Some(Lasts::ToEndOfPlan);
        }
        if night >= first && night <= last {
            if take.is_none() && night_problem.is_none() {
                (take, night_problem) = usual(&mut ways, med, at.dose);
            }
            nights.push(NightUse {
                night,
                dose: at.dose,
                take,
                problem: night_problem,
                step_starts: previous.is_some_and(|p| p != at.dose),
                projected: at.projected,
                runs_out: out_tonight,
            });
        }
        previous = Some(at.dose);
    }
    if runs_out_on.is_none() && lasts.is_none() {
        lasts = Some(Lasts::BeyondForecast);
    }

    let mut items = items_of(med);
    for (item, units) in stock.items() {
        if units > 0 && !items.contains(&item) {
            items.push(item);
        }
    }
    let items: Vec<ItemSupply> = items
        .into_iter()
        .map(|item| {
            let pack_size = mine
                .iter()
                .rev()
                .find(|e| e.item == item && e.pack_size.is_some())
                .and_then(|e| e.pack_size);
            item_supply(item, stock.get(item), needed.get(item), pack_size)
        })
        .collect();
    let mut f = SupplyForecast {
        medication_id: med.id,
        medication_name: med.name.clone(),
        tracked: true,
        from,
        until,
        runs_out_on,
        lasts: if runs_out_on.is_some() { None } else { lasts },
        items,
        held_text: String::new(),
        status_line: String::new(),
        ask_for_text: String::new(),
        refill_on: None,
        refill_id: None,
        problem,
    };
    f.held_text = held_text(&f);
    f.status_line = status_line(&f, med);
    f.ask_for_text = ask_for_text(&f);
    let last_event = mine.iter().map(|e| e.recorded_at).max();
    f.refill_on = match (runs_out_on, last_event) {
        (Some(r), Some(at)) => refill::day(r, at, inputs.refill_days),
        _ => None,
    };
    f.refill_id = runs_out_on
        .filter(|_| f.refill_on.is_some())
        .map(|r| refill::id(med.id, r));
    Ok((f, nights))
}

fn item_supply(item: Item, on_hand: u32, needed: u32, pack_size: Option<u32>) -> ItemSupply {
    let per = item.form.units_per_whole();
    let short = needed.saturating_sub(on_hand);
    let whole = short.div_ceil(per) * per;
    let (ask_for, packs) = match pack_size {
        Some(p) if short > 0 && p > 0 => {
            let packs = short.div_ceil(p);
            (packs.saturating_mul(p), Some(packs))
        }
        _ => (whole, None),
    };
    let ask_for_text = (ask_for > 0).then(|| {
        let unit = match item.form {
            Form::Tablet => "pack",
            Form::Solution => "bottle",
        };
        let packs_text = match (packs, pack_size) {
            (Some(n), Some(p)) => format!(
                " ({n} {unit}{} of {})",
                if n == 1 { "" } else { "s" },
                match item.form {
                    Form::Tablet => (p / 2).to_string(),
                    Form::Solution => crate::units::TenthsMl(p).to_string(),
                }
            ),
            _ => String::new(),
        };
        format!("{}{packs_text}", item.amount_text(ask_for))
    });
    ItemSupply {
        item,
        label: item.label(),
        on_hand,
        on_hand_text: item.short_text(on_hand),
        needed,
        needed_text: item.short_text(needed),
        pack_size,
        ask_for,
        packs,
        ask_for_text,
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

fn held_text(f: &SupplyForecast) -> String {
    let held: Vec<String> = f
        .items
        .iter()
        .map(|i| i.item.amount_text(i.on_hand))
        .collect();
    if held.is_empty() {
        "Nothing recorded as held".into()
    } else {
        held.join(", ")
    }
}

fn status_line(f: &SupplyForecast, med: &Medication) -> String {
    let tonight = match med.slot {
        Slot::Evening { .. } => "tonight's",
        _ => "today's",
    };
    match (f.runs_out_on, f.lasts, &f.problem) {
        (Some(r), _, Some(p)) => format!("{} cannot be made from any strength held ({p}).", day(r)),
        (Some(r), _, None) if r <= f.from => {
            format!("What you hold does not make {tonight} dose.")
        }
        (Some(r), _, None) => format!(
            "Enough until {}; runs out on {}.",
            day(shift(r, -1)),
            day(r)
        ),
        (None, Some(Lasts::NoPlan), _) => "No plan is set, so nothing is counted down.".to_string(),
        (None, Some(Lasts::ToEndOfPlan), _) => "Enough for the rest of the plan.".to_string(),
        (None, _, _) => "Enough for more than two years on this plan.".to_string(),
    }
}

fn ask_for_text(f: &SupplyForecast) -> String {
    let asks: Vec<String> = f.asks().filter_map(|i| i.ask_for_text.clone()).collect();
    match asks.as_slice() {
        [] => format!("Enough until {}; nothing to ask for yet.", day(f.until)),
        [one] => format!("To last until {}, ask for {one}.", day(f.until)),
        [init @ .., last] => format!(
            "To last until {}, ask for {} and {last}.",
            day(f.until),
            init.join(", ")
        ),
    }
}

/// Makes the dose cards still to take show the breakdown the stock can make (the usual one
/// while it covers it), for medicines whose stock is recorded.
pub(crate) fn prefer_stock(
    forecasts: &[SupplyForecast],
    meds: &[Medication],
    cards: &mut [DoseCard],
) {
    let mut ways: Vec<(Uuid, Ways)> = Vec::new();
    for card in cards.iter_mut().filter(|c| !c.status.is_settled()) {
        let (Some(f), Some(med)) = (
            forecasts
                .iter()
                .find(|f| f.tracked && f.medication_id == card.medication_id),
            meds.iter().find(|m| m.id == card.medication_id),
        ) else {
            continue;
        };
        if !ways.iter().any(|(id, _)| *id == med.id) {
            ways.push((med.id, Ways::default()));
        }
        let Some((_, ways)) = ways.iter_mut().find(|(id, _)| *id == med.id) else {
            continue;
        };
        if let Some((b, _)) = ways.in_stock(med, card.dose, &f.stock()) {
            card.breakdown = Some(b.clone());
            card.breakdown_problem = None;
        }
    }
}
