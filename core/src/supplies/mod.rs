//! Supplies that follow the plan: what is held of each strength, when it runs out, and what to
//! ask the prescriber or pharmacy for.
//!
//! - **Stock events** are logged, never edited: a *count* (what is held now, per strength), a
//!   *supply* (a prescription collected: added to what is held) and a *correction* (the count
//!   was wrong: this is what is really held). Each names one strength of one form — tablets
//!   of a strength, or a solution of so many mg per 5 ml — so the history explains every
//!   number. Quantities are whole *units*: halves of a tablet, tenths of a ml.
//! - **What is on hand is derived**, not stored: the last count of each strength, the supplies
//!   since, minus what each dose recorded as taken since used (its breakdown). Skipped and
//!   missed doses take nothing, and a record that is undone or changed gives its stock back,
//!   because nothing was ever written for it. A dose counts at the moment it was recorded, or
//!   at the end of its window when it was recorded later (a dose recorded the next afternoon
//!   came out of the box before a count made that morning).
//! - **The breakdown prefers what is in stock**: the usual breakdown when the stock covers it,
//!   otherwise the same rules with fewer strengths (largest sets first), so that when the
//!   25 mg tablets run out a 50 mg dose is made of 10 mg tablets if they can make it.
//! - **The forecast follows the plan** night by night (every future step, holds included, each
//!   step-up as if confirmed on time): the first night whose dose cannot be made from what is
//!   held, per strength what the plan needs until a chosen date (default: the next review or
//!   28 nights, whichever comes first), and what to ask for — the shortfall, rounded up to
//!   whole tablets, whole ml, and whole packs where the pack size is known.
//! - **Pack sizes** are recorded with a count or supply ("2 packs of 28"); the latest one
//!   given for a strength is its pack size.
//! - **The refill reminder** (`refill:{medication}:{runs-out night}`) fires at
//!   [`REFILL_TIME`] a set number of days ([`DEFAULT_REFILL_DAYS_BEFORE`]) before the night
//!   supplies run out — or, when that day has passed by the time of the last stock event, on
//!   the first day after it — and goes away when a supply moves the date on.

mod forecast;
mod refill;
mod stock;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::companion::Snapshot;
use crate::error::{Error, Result};
use crate::medication::Medication;
use crate::schedule;
use crate::store::Tables;
use crate::units::{Micrograms, TenthsMl};
use crate::zone::to_local;
use crate::Companion;

#[allow(unused_imports)]
pub(crate) use forecast::{calendar_nights, forecasts, forecasts_kept, prefer_stock};
pub use forecast::{ItemSupply, Lasts, NightUse, OnHand, SupplyForecast};
pub(crate) use refill::notifications as refill_notifications;
pub use stock::{Stock, TakenRow};

/// Most tablets of one strength one event may name (far more than any prescription).
pub const MAX_TABLETS: u32 = 5_000;
/// Most ml of one solution one event may name.
pub const MAX_ML: u32 = 5_000;
/// Largest pack size accepted, in tablets or ml.
pub const MAX_PACK_SIZE: u32 = 1_000;
/// Most strengths one stock event may name.
pub const MAX_LINES: usize = 12;
/// Nights the forecast counts when no review comes sooner: a four-week repeat prescription.
pub const DEFAULT_FORECAST_NIGHTS: u32 = 28;
/// Latest `until` a forecast accepts, in nights from tonight (a year).
pub const MAX_UNTIL_NIGHTS: u32 = 366;
/// Nights the forecast follows the plan looking for the night supplies run out (two years);
/// beyond that, what is held is reported as lasting.
pub const MAX_FORECAST_NIGHTS: u32 = 730;
/// Days before supplies run out that the refill reminder comes, unless the user chose.
pub const DEFAULT_REFILL_DAYS_BEFORE: u32 = 7;
/// The refill reminder may come 1 to this many days before supplies run out.
pub const MAX_REFILL_DAYS_BEFORE: u32 = 28;
/// The daytime hour of the refill reminder (local time): pharmacies and surgeries are open.
pub const REFILL_TIME: NaiveTime = match NaiveTime::from_hms_opt(10, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// The settings key of the refill reminder's days-before.
const REFILL_DAYS_KEY: &str = "refill_days_before";

/// The two forms a medicine is held in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// Tablets of one strength; counted in halves (a half tablet can be left over).
    Tablet,
    /// An oral solution of so many mg per 5 ml; measured in tenths of a ml.
    Solution,
}

impl Form {
    /// "tablet" or "solution": the stored and exported word.
    pub fn code(self) -> &'static str {
        match self {
            Form::Tablet => "tablet",
            Form::Solution => "solution",
        }
    }

    /// Reads [`Form::code`] back.
    pub fn parse(text: &str) -> Option<Form> {
        match text {
            "tablet" => Some(Form::Tablet),
            "solution" => Some(Form::Solution),
            _ => None,
        }
    }

    /// Units in one tablet or one ml.
    pub fn units_per_whole(self) -> u32 {
        match self {
            Form::Tablet => 2,
            Form::Solution => 10,
        }
    }
}

/// One strength of one form: "10 mg tablets", "10 mg/5 ml solution".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Item {
    /// Tablets or solution.
    pub form: Form,
    /// The tablet's strength, or the solution's mg per 5 ml.
    pub strength: Micrograms,
}

impl Item {
    /// Tablets of `strength`.
    pub fn tablet(strength: Micrograms) -> Item {
        Item {
            form: Form::Tablet,
            strength,
        }
    }

    /// Solution with `per_5ml` in each 5 ml.
    pub fn solution(per_5ml: Micrograms) -> Item {
        Item {
            form: Form::Solution,
            strength: per_5ml,
        }
    }

    /// "10 mg tablets", "10 mg/5 ml solution".
    pub fn label(&self) -> String {
        match self.form {
            Form::Tablet => format!("{} tablets", self.strength),
            Form::Solution => format!("{}/5 ml solution", self.strength),
        }
    }

    /// `units` in people's numbers: tablets (55.5) or ml (142.5).
    pub fn amount(&self, units: u32) -> f64 {
        f64::from(units) / f64::from(self.form.units_per_whole())
    }

    /// "56 × 10 mg tablets", "55½ × 10 mg tablets", "150 ml of 10 mg/5 ml solution".
    pub fn amount_text(&self, units: u32) -> String {
        format!("{} {}", self.quantity_text(units), self.label())
    }

    /// "56 ×", "150 ml of": the quantity part of [`Item::amount_text`].
    fn quantity_text(&self, units: u32) -> String {
        match self.form {
            Form::Tablet => {
                let half = if units % 2 == 1 { "½" } else { "" };
                match (units / 2, half) {
                    (0, "½") => "½ ×".to_string(),
                    (w, h) => format!("{w}{h} ×"),
                }
            }
            Form::Solution => format!("{} of", TenthsMl(units)),
        }
    }

    /// "56 tablets", "150 ml": an amount without the strength.
    pub fn short_text(&self, units: u32) -> String {
        match self.form {
            Form::Tablet => {
                let whole = units / 2;
                let half = if units % 2 == 1 { "½" } else { "" };
                let noun = if units == 2 { "tablet" } else { "tablets" };
                match (whole, half) {
                    (0, "½") => "½ tablet".to_string(),
                    (w, h) => format!("{w}{h} {noun}"),
                }
            }
            Form::Solution => TenthsMl(units).to_string(),
        }
    }

    /// True when `med` holds this strength in this form.
    pub fn held_by(&self, med: &Medication) -> bool {
        match self.form {
            Form::Tablet => med.tablets.contains(&self.strength),
            Form::Solution => med.liquids_per_5ml.contains(&self.strength),
        }
    }
}

/// Every strength `med` holds, tablets first, each ascending.
pub fn items_of(med: &Medication) -> Vec<Item> {
    med.tablets
        .iter()
        .map(|&s| Item::tablet(s))
        .chain(med.liquids_per_5ml.iter().map(|&s| Item::solution(s)))
        .collect()
}

/// One strength's line of a count, supply or correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StockLine {
    /// What it is of.
    pub item: Item,
    /// How much, in units (halves of a tablet, tenths of a ml).
    pub quantity: u32,
    /// The pack size, in the same units, when the user gave it.
    pub pack_size: Option<u32>,
}

impl StockLine {
    /// `count` whole tablets of `strength`.
    pub fn tablets(strength: Micrograms, count: u32) -> StockLine {
        StockLine {
            item: Item::tablet(strength),
            quantity: count.saturating_mul(2),
            pack_size: None,
        }
    }

    /// `volume` of the solution with `per_5ml` in each 5 ml.
    pub fn solution(per_5ml: Micrograms, volume: TenthsMl) -> StockLine {
        StockLine {
            item: Item::solution(per_5ml),
            quantity: volume.0,
            pack_size: None,
        }
    }

    /// The same line, noting that it comes in packs of `size` tablets (or bottles of `size` ml).
    pub fn in_packs_of(self, size: u32) -> StockLine {
        StockLine {
            pack_size: Some(size.saturating_mul(self.item.form.units_per_whole())),
            ..self
        }
    }

    /// A line from the numbers a form holds: `amount` whole tablets or ml (to 0.1 ml), and
    /// the pack size in tablets or ml. `field` names the input in errors.
    pub fn from_amounts(
        field: &str,
        form: Form,
        strength_mg: f64,
        amount: f64,
        pack_size: Option<f64>,
    ) -> Result<StockLine> {
        let strength = Micrograms::from_mg(field, strength_mg)?;
        let item = Item { form, strength };
        let quantity = units_from(field, item, amount)?;
        let pack_size = match pack_size {
            None => None,
            Some(p) if p.is_finite() && p > 0.0 && p.fract() == 0.0 => {
                Some(units_from(field, item, p)?)
            }
            Some(p) => {
                return Err(Error::invalid(
                    field,
                    format!("a pack size is a whole number of tablets or ml (got {p})"),
                ))
            }
        };
        Ok(StockLine {
            item,
            quantity,
            pack_size,
        })
    }
}

/// `amount` tablets (whole) or ml (to 0.1 ml) of `item` as units.
fn units_from(field: &str, item: Item, amount: f64) -> Result<u32> {
    if !amount.is_finite() || amount < 0.0 {
        return Err(Error::invalid(field, "must be a number, 0 or more"));
    }
    let (max, unit) = match item.form {
        Form::Tablet => (MAX_TABLETS, "tablets"),
        Form::Solution => (MAX_ML, "ml"),
    };
    if amount > f64::from(max) {
        return Err(Error::invalid(
            field,
            format!(
                "{amount} {unit} is more than the {max} the app accepts; please check the number"
            ),
        ));
    }
    match item.form {
        Form::Tablet if amount.fract() != 0.0 => Err(Error::invalid(
            field,
            format!("count whole tablets (got {amount}); a leftover half can be ignored"),
        )),
        Form::Tablet => Ok(amount as u32 * 2),
        Form::Solution => {
            let tenths = (amount * 10.0).round();
            if (tenths - amount * 10.0).abs() > 1e-6 {
                return Err(Error::invalid(
                    field,
                    format!("measure solution to 0.1 ml (got {amount} ml)"),
                ));
            }
            Ok(tenths as u32)
        }
    }
}

/// What a stock event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StockEventKind {
    /// What was held at that moment (a stocktake).
    Count,
    /// A prescription collected: added to what was held.
    Supply,
    /// The count was wrong: this is what is really held.
    Correction,
}

impl StockEventKind {
    /// "count", "supply", "correction": the stored and exported word.
    pub fn code(self) -> &'static str {
        match self {
            StockEventKind::Count => "count",
            StockEventKind::Supply => "supply",
            StockEventKind::Correction => "correction",
        }
    }

    /// Reads [`StockEventKind::code`] back.
    pub fn parse(text: &str) -> Option<StockEventKind> {
        match text {
            "count" => Some(StockEventKind::Count),
            "supply" => Some(StockEventKind::Supply),
            "correction" => Some(StockEventKind::Correction),
            _ => None,
        }
    }

    /// "Counted", "Collected", "Corrected": how the history names it.
    pub fn label(self) -> &'static str {
        match self {
            StockEventKind::Count => "Counted",
            StockEventKind::Supply => "Collected",
            StockEventKind::Correction => "Corrected to",
        }
    }
}

/// One logged line of a count, supply or correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockEvent {
    /// Stable id, kept across backups and exports.
    pub id: Uuid,
    /// The medicine.
    pub medication_id: Uuid,
    /// A count, a supply or a correction.
    pub kind: StockEventKind,
    /// The strength and form.
    pub item: Item,
    /// How much, in units (halves of a tablet, tenths of a ml).
    pub quantity: u32,
    /// The pack size given with it, in the same units.
    pub pack_size: Option<u32>,
    /// When, with the phone's offset then.
    pub recorded_at: DateTime<chrono::FixedOffset>,
}

impl StockEvent {
    /// "Collected 28 × 10 mg tablets (packs of 28)".
    pub fn describe(&self) -> String {
        let packs = match self.pack_size {
            Some(p) => format!(" (packs of {})", self.item.short_text(p)),
            None => String::new(),
        };
        format!(
            "{} {}{packs}",
            self.kind.label(),
            self.item.amount_text(self.quantity)
        )
    }
}

/// Reads stock lines as typed on the command line: tablets as `STRENGTH=COUNT` (`10=56`) or
/// `STRENGTH=PACKSxSIZE` (`10=2x28`, which also records packs of 28); solution as `ML`,
/// `PACKSxSIZE` (`1x150`) or, for a medicine with several solutions, `STRENGTH=ML`.
pub fn parse_lines(med: &Medication, tablets: &[String], ml: &[String]) -> Result<Vec<StockLine>> {
    let mut out = Vec::new();
    for text in tablets {
        let (strength, amount) = text.split_once('=').ok_or_else(|| {
            Error::invalid(
                "tablets",
                format!("\"{text}\" should be STRENGTH=COUNT, e.g. 10=56 or 10=2x28"),
            )
        })?;
        let strength = number("tablets", strength)?;
        let (amount, pack) = amount_and_pack("tablets", amount)?;
        out.push(StockLine::from_amounts(
            "tablets",
            Form::Tablet,
            strength,
            amount,
            pack,
        )?);
    }
    for text in ml {
        let (strength, amount) = match text.split_once('=') {
            Some((s, a)) => (number("ml", s)?, a),
            None => match med.liquids_per_5ml.as_slice() {
                [only] => (only.as_mg(), text.as_str()),
                [] => {
                    return Err(Error::invalid(
                        "ml",
                        format!("{} is not held as an oral solution", med.name),
                    ))
                }
                _ => {
                    return Err(Error::invalid(
                        "ml",
                        format!(
                            "{} has several solutions; write STRENGTH=ML, e.g. 10=150",
                            med.name
                        ),
                    ))
                }
            },
        };
        let (amount, pack) = amount_and_pack("ml", amount)?;
        out.push(StockLine::from_amounts(
            "ml",
            Form::Solution,
            strength,
            amount,
            pack,
        )?);
    }
    Ok(out)
}

fn number(field: &str, text: &str) -> Result<f64> {
    let t = text
        .trim()
        .trim_end_matches("ml")
        .trim_end_matches("mg")
        .trim();
    t.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| Error::invalid(field, format!("\"{text}\" is not a number")))
}

/// "56" → (56, no pack); "2x28" → (56, packs of 28).
fn amount_and_pack(field: &str, text: &str) -> Result<(f64, Option<f64>)> {
    match text.split_once(['x', 'X', '×']) {
        Some((packs, size)) => {
            let (packs, size) = (number(field, packs)?, number(field, size)?);
            if packs.fract() != 0.0 || packs < 1.0 {
                return Err(Error::invalid(
                    field,
                    format!("\"{text}\": the number of packs must be a whole number, 1 or more"),
                ));
            }
            Ok((packs * size, Some(size)))
        }
        None => Ok((number(field, text)?, None)),
    }
}

/// Checks the lines of one stock event against the medicine: strengths it holds, each once,
/// within bounds, and a supply adds something.
fn check_lines(med: &Medication, kind: StockEventKind, lines: &[StockLine]) -> Result<()> {
    if lines.is_empty() {
        return Err(Error::invalid(
            "tablets",
            "name at least one strength and how much of it",
        ));
    }
    if lines.len() > MAX_LINES {
        return Err(Error::invalid(
            "tablets",
            format!("at most {MAX_LINES} strengths at once"),
        ));
    }
    for (i, line) in lines.iter().enumerate() {
        let field = match line.item.form {
            Form::Tablet => "tablets",
            Form::Solution => "ml",
        };
        if !line.item.held_by(med) {
            return Err(Error::invalid(
                field,
                format!(
                    "{} is not held as {} (it holds {}); add the strength to the medicine first",
                    med.name,
                    line.item.label(),
                    crate::breakdown::holding(med)
                ),
            ));
        }
        if lines.iter().take(i).any(|l| l.item == line.item) {
            return Err(Error::invalid(
                field,
                format!("{} is named twice", line.item.label()),
            ));
        }
        let max = match line.item.form {
            Form::Tablet => MAX_TABLETS,
            Form::Solution => MAX_ML,
        } * line.item.form.units_per_whole();
        if line.quantity > max {
            return Err(Error::invalid(
                field,
                format!(
                    "{} is more than the app accepts; please check the number",
                    line.item.amount_text(line.quantity)
                ),
            ));
        }
        if line.item.form == Form::Tablet && line.quantity % 2 == 1 && !med.can_halve {
            return Err(Error::invalid(
                field,
                format!("{} cannot be halved, so count whole tablets", med.name),
            ));
        }
        if kind == StockEventKind::Supply && line.quantity == 0 {
            return Err(Error::invalid(
                field,
                "a supply collected adds at least one tablet or ml",
            ));
        }
        if let Some(p) = line.pack_size {
            if p == 0 || p > MAX_PACK_SIZE * line.item.form.units_per_whole() {
                return Err(Error::invalid(
                    field,
                    format!("a pack holds 1 to {MAX_PACK_SIZE} tablets or ml"),
                ));
            }
        }
    }
    Ok(())
}

/// Reads back what a backup holds through the rules user input meets (the restore refuses
/// a file that breaks them).
pub(crate) fn check_stored(t: &Tables<'_>) -> Result<()> {
    for e in t.stock_events()? {
        let line = StockLine {
            item: e.item,
            quantity: e.quantity,
            pack_size: e.pack_size,
        };
        let max = match e.item.form {
            Form::Tablet => MAX_TABLETS,
            Form::Solution => MAX_ML,
        } * e.item.form.units_per_whole();
        let pack_ok = line
            .pack_size
            .is_none_or(|p| p > 0 && p <= MAX_PACK_SIZE * e.item.form.units_per_whole());
        if line.quantity > max || !pack_ok || e.item.strength.as_mg() > crate::units::MAX_AMOUNT_MG
        {
            return Err(Error::invalid(
                "stock",
                format!("a stock record holds {}", e.item.amount_text(e.quantity)),
            ));
        }
    }
    Ok(())
}

/// The refill reminder's days-before, as the user chose it (or the default).
pub(crate) fn refill_days(t: &Tables<'_>) -> Result<u32> {
    Ok(t.setting(REFILL_DAYS_KEY)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|d| (1..=MAX_REFILL_DAYS_BEFORE).contains(d))
        .unwrap_or(DEFAULT_REFILL_DAYS_BEFORE))
}

impl Companion {
    /// Records what is held of a medicine now, per strength (a stocktake). Strengths not named
    /// keep what the app had for them.
    pub fn set_stock(
        &self,
        medication_id: Uuid,
        lines: &[StockLine],
        now: DateTime<Utc>,
    ) -> Result<SupplyForecast> {
        self.record_stock(medication_id, StockEventKind::Count, lines, now)
    }

    /// Records a prescription collected: each line is added to what is held.
    pub fn add_supply(
        &self,
        medication_id: Uuid,
        lines: &[StockLine],
        now: DateTime<Utc>,
    ) -> Result<SupplyForecast> {
        self.record_stock(medication_id, StockEventKind::Supply, lines, now)
    }

    /// Corrects what the app says is held: each line is what is really there now.
    pub fn correct_stock(
        &self,
        medication_id: Uuid,
        lines: &[StockLine],
        now: DateTime<Utc>,
    ) -> Result<SupplyForecast> {
        self.record_stock(medication_id, StockEventKind::Correction, lines, now)
    }

    fn record_stock(
        &self,
        medication_id: Uuid,
        kind: StockEventKind,
        lines: &[StockLine],
        now: DateTime<Utc>,
    ) -> Result<SupplyForecast> {
        let zone = self.zone_rules();
        self.with_store(|store| {
            store.write(|t| {
                let snap = Snapshot::load(t)?;
                let med = find(&snap, medication_id)?;
                check_lines(med, kind, lines)?;
                let at = to_local(zone.as_ref(), now);
                let events: Vec<StockEvent> = lines
                    .iter()
                    .map(|l| StockEvent {
                        id: Uuid::new_v4(),
                        medication_id,
                        kind,
                        item: l.item,
                        quantity: l.quantity,
                        pack_size: l.pack_size,
                        recorded_at: at,
                    })
                    .collect();
                t.insert_stock_events(&events)?;
                one_forecast(t, &snap, zone.as_ref(), medication_id, None, now)
            })
        })
    }

    /// The forecast of every medicine whose stock is recorded, until `until` (default: the
    /// next review or 28 nights, whichever comes first).
    pub fn supplies(
        &self,
        until: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Vec<SupplyForecast>> {
        let zone = self.zone_rules();
        self.with_store(|store| {
            let t = store.read();
            let snap = Snapshot::load(&t)?;
            forecasts(&t, &snap, zone.as_ref(), until, now)
        })
    }

    /// The forecast of one medicine (untracked when no stock was ever recorded for it).
    pub fn supply(
        &self,
        medication_id: Uuid,
        until: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<SupplyForecast> {
        let zone = self.zone_rules();
        self.with_store(|store| {
            let t = store.read();
            let snap = Snapshot::load(&t)?;
            one_forecast(&t, &snap, zone.as_ref(), medication_id, until, now)
        })
    }

    /// Every count, supply and correction of a medicine (or of all), in the order recorded.
    pub fn stock_history(&self, medication_id: Option<Uuid>) -> Result<Vec<StockEvent>> {
        self.with_store(|store| {
            let t = store.read();
            if let Some(id) = medication_id {
                find(&Snapshot::load(&t)?, id)?;
            }
            Ok(t.stock_events()?
                .into_iter()
                .filter(|e| medication_id.is_none_or(|id| e.medication_id == id))
                .collect())
        })
    }

    /// How many days before supplies run out the refill reminder comes.
    pub fn refill_days_before(&self) -> Result<u32> {
        self.with_store(|store| refill_days(&store.read()))
    }

    /// Chooses how many days (1–28) before supplies run out the refill reminder comes.
    pub fn set_refill_days_before(&self, days: u32) -> Result<u32> {
        if !(1..=MAX_REFILL_DAYS_BEFORE).contains(&days) {
            return Err(Error::invalid(
                "days",
                format!("the refill reminder can come 1 to {MAX_REFILL_DAYS_BEFORE} days before supplies run out"),
            ));
        }
        self.with_store(|store| {
            store.write(|t| {
                t.set_setting(REFILL_DAYS_KEY, &days.to_string())?;
                Ok(days)
            })
        })
    }
}

/// `d` moved by `days` (negative: earlier), held at the ends of the calendar instead of
/// overflowing (a clock set to the year 9999 must not crash a forecast).
pub(crate) fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        d.checked_add_days(chrono::Days::new(days.unsigned_abs()))
    } else {
        d.checked_sub_days(chrono::Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

fn find(snap: &Snapshot, id: Uuid) -> Result<&Medication> {
    snap.meds
        .iter()
        .find(|m| m.id == id)
        .ok_or_else(|| Error::not_found("that medication"))
}

/// The forecasts `today` shows: every medicine, those without stock recorded as untracked
/// (with the sentence that asks for a count, and each strength for the form that records it).
pub(crate) fn for_today(
    t: &Tables<'_>,
    snap: &Snapshot,
    zone: &dyn crate::zone::ZoneRules,
    now: DateTime<Utc>,
    kept: &mut Option<std::sync::Arc<OnHand>>,
) -> Result<Vec<SupplyForecast>> {
    let tracked = forecasts_kept(t, snap, zone, None, now, kept)?;
    Ok(snap
        .meds
        .iter()
        .map(|med| {
            tracked
                .iter()
                .find(|f| f.medication_id == med.id)
                .cloned()
                .unwrap_or_else(|| {
                    let from = schedule::current_day_for(&snap.settings, zone, med, now);
                    SupplyForecast::untracked(med, from)
                })
        })
        .collect())
}

/// The forecast of one medicine, tracked or not.
fn one_forecast(
    t: &Tables<'_>,
    snap: &Snapshot,
    zone: &dyn crate::zone::ZoneRules,
    medication_id: Uuid,
    until: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<SupplyForecast> {
    let med = find(snap, medication_id)?;
    match forecast::forecast_of(t, snap, zone, med, until, now)? {
        Some(f) => Ok(f),
        None => {
            let from = schedule::current_day_for(&snap.settings, zone, med, now);
            // A date out of range is refused whether or not stock is recorded.
            forecast::until_night(until, from, None)?;
            Ok(SupplyForecast::untracked(med, from))
        }
    }
}

/// Amitriptyline held as these tablets and solutions (mg), for the module's tests.
/// Amitriptyline held as `tablets` and `liquids` (mg), whole tablets only, for unit tests.
#[cfg(test)]
pub(crate) fn test_med(tablets: &[u32], liquids: &[u32]) -> Medication {
    crate::breakdown::test_med(tablets, false, liquids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn med(tablets: &[u32], liquids: &[u32]) -> Medication {
        test_med(tablets, liquids)
    }

    #[test]
    fn typed_lines_read_counts_packs_and_the_only_solution() {
        let m = med(&[10, 25], &[10]);
        let lines = parse_lines(&m, &["10=56".into(), "25=2x28".into()], &["150".into()]).unwrap();
        assert_eq!(lines[0], StockLine::tablets(Micrograms::mg(10), 56));
        assert_eq!(
            lines[1],
            StockLine::tablets(Micrograms::mg(25), 56).in_packs_of(28)
        );
        assert_eq!(
            lines[2],
            StockLine::solution(Micrograms::mg(10), TenthsMl(1500))
        );
        for bad in ["10", "ten=5", "10=5.5", "10=0x28", "10=-3"] {
            assert!(parse_lines(&m, &[bad.into()], &[]).is_err(), "{bad}");
        }
        let two = med(&[10], &[10, 50]);
        assert!(parse_lines(&two, &[], &["150".into()]).is_err());
        assert!(parse_lines(&two, &[], &["50=100".into()]).is_ok());
    }

    #[test]
    fn amounts_read_like_a_box_and_a_bottle() {
        let t = Item::tablet(Micrograms::mg(10));
        assert_eq!(t.amount_text(112), "56 × 10 mg tablets");
        assert_eq!(t.amount_text(111), "55½ × 10 mg tablets");
        assert_eq!(t.short_text(1), "½ tablet");
        let s = Item::solution(Micrograms::mg(10));
        assert_eq!(s.amount_text(1425), "142.5 ml of 10 mg/5 ml solution");
        assert_eq!(s.amount(1425), 142.5);
    }

    #[test]
    fn lines_must_name_held_strengths_once_and_a_supply_adds_something() {
        let m = med(&[10, 25], &[]);
        let ten = StockLine::tablets(Micrograms::mg(10), 28);
        assert!(check_lines(&m, StockEventKind::Count, &[ten]).is_ok());
        let err = check_lines(
            &m,
            StockEventKind::Count,
            &[StockLine::tablets(Micrograms::mg(50), 28)],
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("not held as 50 mg tablets"),
            "{err}"
        );
        assert!(check_lines(&m, StockEventKind::Count, &[ten, ten]).is_err());
        let none = StockLine::tablets(Micrograms::mg(10), 0);
        assert!(check_lines(&m, StockEventKind::Count, &[none]).is_ok());
        assert!(check_lines(&m, StockEventKind::Supply, &[none]).is_err());
        assert!(check_lines(&m, StockEventKind::Supply, &[]).is_err());
    }
}
