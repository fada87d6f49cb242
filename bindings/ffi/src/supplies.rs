//! Supplies (issue 16): what is held of each strength, the night it runs out on the plan, and
//! what to ask for. Mirrors `eventide_core::supplies`; the refill reminder comes through
//! `desired_notifications` (kind `Refill`), and `Today.supplies` carries every forecast for the
//! Plan screen's Supplies section. Amounts cross as tablets and ml (`f64`), never units.

use crate::time::Timestamp;

use eventide_core::supplies::{
    self, Form, ItemSupply, Lasts, StockEvent as CoreEvent, StockEventKind as CoreKind,
    StockLine as CoreLine, SupplyForecast as CoreForecast, MAX_REFILL_DAYS_BEFORE,
};
use uuid::Uuid;

use crate::error::EventideError;
use crate::eventide::{medication_id, Eventide};
use crate::time::{date_text, parse_opt_date, PhoneTime};

type Res<T> = Result<T, EventideError>;

/// The two forms a medicine is held in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum StockForm {
    /// Tablets of one strength (`strength_mg` per tablet; amounts in tablets).
    Tablets,
    /// An oral solution (`strength_mg` per 5 ml; amounts in ml).
    Solution,
}

impl From<Form> for StockForm {
    fn from(f: Form) -> Self {
        match f {
            Form::Tablet => StockForm::Tablets,
            Form::Solution => StockForm::Solution,
        }
    }
}

impl From<StockForm> for Form {
    fn from(f: StockForm) -> Self {
        match f {
            StockForm::Tablets => Form::Tablet,
            StockForm::Solution => Form::Solution,
        }
    }
}

/// One strength's line of a count, supply or correction, as a form holds it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StockLine {
    /// Tablets or solution.
    pub form: StockForm,
    /// The tablet's strength, or the solution's mg per 5 ml: one the medicine holds.
    pub strength_mg: f64,
    /// Whole tablets, or ml to 0.1 ml.
    pub amount: f64,
    /// The pack size in tablets (or the bottle in ml), when known; the ask is rounded to it.
    pub pack_size: Option<f64>,
}

fn lines(input: Vec<StockLine>) -> Res<Vec<CoreLine>> {
    input
        .into_iter()
        .map(|l| {
            let field = match l.form {
                StockForm::Tablets => "tablets",
                StockForm::Solution => "ml",
            };
            Ok(CoreLine::from_amounts(
                field,
                l.form.into(),
                l.strength_mg,
                l.amount,
                l.pack_size,
            )?)
        })
        .collect()
}

/// One strength in a forecast. Amounts are tablets or ml; every one also as text.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SupplyItem {
    /// Tablets or solution.
    pub form: StockForm,
    /// Per tablet, or per 5 ml.
    pub strength_mg: f64,
    /// "10 mg tablets", "10 mg/5 ml solution".
    pub label: String,
    /// Held now.
    pub on_hand: f64,
    /// "56 tablets", "150 ml".
    pub on_hand_text: String,
    /// What the plan uses from tonight to the forecast's `until`.
    pub needed: f64,
    /// "70 tablets".
    pub needed_text: String,
    /// The pack size last given (tablets or ml).
    pub pack_size: Option<f64>,
    /// What to ask for (0 when nothing is short), whole packs when the pack size is known.
    pub ask_for: f64,
    /// Whole packs in `ask_for`.
    pub packs: Option<u32>,
    /// "28 × 10 mg tablets (1 pack of 28)", when something is short.
    pub ask_for_text: Option<String>,
}

impl From<&ItemSupply> for SupplyItem {
    fn from(i: &ItemSupply) -> Self {
        SupplyItem {
            form: i.item.form.into(),
            strength_mg: i.item.strength.as_mg(),
            label: i.label.clone(),
            on_hand: i.item.amount(i.on_hand),
            on_hand_text: i.on_hand_text.clone(),
            needed: i.item.amount(i.needed),
            needed_text: i.needed_text.clone(),
            pack_size: i.pack_size.map(|p| i.item.amount(p)),
            ask_for: i.item.amount(i.ask_for),
            packs: i.packs,
            ask_for_text: i.ask_for_text.clone(),
        }
    }
}

/// Why supplies do not run out, when they do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SupplyLasts {
    /// Enough for every remaining dose of the plan.
    ToEndOfPlan,
    /// Enough for as far as the forecast looks (two years).
    BeyondForecast,
    /// No plan, so nothing is counted down.
    NoPlan,
}

impl From<Lasts> for SupplyLasts {
    fn from(l: Lasts) -> Self {
        match l {
            Lasts::ToEndOfPlan => SupplyLasts::ToEndOfPlan,
            Lasts::BeyondForecast => SupplyLasts::BeyondForecast,
            Lasts::NoPlan => SupplyLasts::NoPlan,
        }
    }
}

/// What is held of one medicine, when it runs out, and what to ask for: the Supplies section
/// of the Plan screen, drawn as it is (every sentence is the core's).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SupplyForecast {
    /// The medicine.
    pub medication_id: String,
    /// Its name.
    pub medication_name: String,
    /// False until a count or supply is recorded: then `status_line` asks for a count and
    /// `items` lists each strength held (for the form), with nothing on hand.
    pub tracked: bool,
    /// The first night counted, "YYYY-MM-DD" (tonight; its dose when still to take).
    pub from: String,
    /// The last night `needed` covers.
    pub until: String,
    /// The first night whose dose cannot be made from what is held.
    pub runs_out_on: Option<String>,
    /// Why it does not run out, when it does not.
    pub lasts: Option<SupplyLasts>,
    /// Each strength held or used.
    pub items: Vec<SupplyItem>,
    /// "56 × 10 mg tablets, 0 × 25 mg tablets".
    pub held_text: String,
    /// "Enough until Wed 28 Jan; runs out on Thu 29 Jan."
    pub status_line: String,
    /// "To last until Sun 1 Feb, ask for 14 × 10 mg tablets."
    pub ask_for_text: String,
    /// The day the refill reminder comes.
    pub refill_on: Option<String>,
    /// That reminder's notification id, to clear it from the shade once it no longer applies.
    pub refill_id: Option<String>,
    /// A planned dose no strength held can make.
    pub problem: Option<String>,
}

impl From<&CoreForecast> for SupplyForecast {
    fn from(f: &CoreForecast) -> Self {
        SupplyForecast {
            medication_id: f.medication_id.to_string(),
            medication_name: f.medication_name.clone(),
            tracked: f.tracked,
            from: date_text(f.from),
            until: date_text(f.until),
            runs_out_on: f.runs_out_on.map(date_text),
            lasts: f.lasts.map(SupplyLasts::from),
            items: f.items.iter().map(SupplyItem::from).collect(),
            held_text: f.held_text.clone(),
            status_line: f.status_line.clone(),
            ask_for_text: f.ask_for_text.clone(),
            refill_on: f.refill_on.map(date_text),
            refill_id: f.refill_id.clone(),
            problem: f.problem.clone(),
        }
    }
}

/// What a stock event was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum StockEventKind {
    /// What was held then (a stocktake).
    Count,
    /// A prescription collected: added to what was held.
    Supply,
    /// The count was wrong: this is what was really held.
    Correction,
}

impl From<CoreKind> for StockEventKind {
    fn from(k: CoreKind) -> Self {
        match k {
            CoreKind::Count => StockEventKind::Count,
            CoreKind::Supply => StockEventKind::Supply,
            CoreKind::Correction => StockEventKind::Correction,
        }
    }
}

/// One logged line of a count, supply or correction, for the history.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct StockEntry {
    /// Stable id.
    pub id: String,
    /// The medicine.
    pub medication_id: String,
    /// A count, a supply or a correction.
    pub kind: StockEventKind,
    /// Tablets or solution.
    pub form: StockForm,
    /// Per tablet, or per 5 ml.
    pub strength_mg: f64,
    /// Tablets or ml.
    pub amount: f64,
    /// The pack size given with it.
    pub pack_size: Option<f64>,
    /// When it was recorded.
    pub recorded_at: PhoneTime,
    /// "Collected 28 × 10 mg tablets (packs of 28 tablets)".
    pub text: String,
}

impl From<&CoreEvent> for StockEntry {
    fn from(e: &CoreEvent) -> Self {
        StockEntry {
            id: e.id.to_string(),
            medication_id: e.medication_id.to_string(),
            kind: e.kind.into(),
            form: e.item.form.into(),
            strength_mg: e.item.strength.as_mg(),
            amount: e.item.amount(e.quantity),
            pack_size: e.pack_size.map(|p| e.item.amount(p)),
            recorded_at: PhoneTime::from(e.recorded_at),
            text: e.describe(),
        }
    }
}

/// The days before supplies run out a user may choose for the refill reminder (1–28).
#[uniffi::export]
pub fn refill_days_choices() -> Vec<u32> {
    (1..=MAX_REFILL_DAYS_BEFORE).collect()
}

#[uniffi::export]
impl Eventide {
    /// Records what is held now (a count), per strength; strengths not named keep what the
    /// app had. Returns the medicine's forecast afterwards.
    pub fn set_stock(
        &self,
        medication_id: String,
        lines: Vec<StockLine>,
        now: Timestamp,
    ) -> Res<SupplyForecast> {
        self.record_stock(medication_id, lines, now, supplies::StockEventKind::Count)
    }

    /// Records a prescription collected ("I collected a prescription"): each line is added to
    /// what is held.
    pub fn add_supply(
        &self,
        medication_id: String,
        lines: Vec<StockLine>,
        now: Timestamp,
    ) -> Res<SupplyForecast> {
        self.record_stock(medication_id, lines, now, supplies::StockEventKind::Supply)
    }

    /// Corrects what the app says is held: each line is what is really there now.
    pub fn correct_stock(
        &self,
        medication_id: String,
        lines: Vec<StockLine>,
        now: Timestamp,
    ) -> Res<SupplyForecast> {
        self.record_stock(
            medication_id,
            lines,
            now,
            supplies::StockEventKind::Correction,
        )
    }

    /// The forecast of every medicine whose stock is recorded, counting what the plan needs
    /// up to `until` ("YYYY-MM-DD"; default: the next review or four weeks, whichever first).
    pub fn supplies(&self, until: Option<String>, now: Timestamp) -> Res<Vec<SupplyForecast>> {
        let until = parse_opt_date("until", until)?;
        let now = self.begin(now)?;
        Ok(self
            .companion()
            .supplies(until, now)?
            .iter()
            .map(SupplyForecast::from)
            .collect())
    }

    /// One medicine's forecast (`tracked` false when no stock was ever recorded for it).
    pub fn supply(
        &self,
        medication_id: String,
        until: Option<String>,
        now: Timestamp,
    ) -> Res<SupplyForecast> {
        let id = self::medication_id(&medication_id)?;
        let until = parse_opt_date("until", until)?;
        let now = self.begin(now)?;
        Ok(SupplyForecast::from(
            &self.companion().supply(id, until, now)?,
        ))
    }

    /// Every count, supply and correction of one medicine (or of all when null), oldest first.
    pub fn stock_history(&self, medication_id: Option<String>) -> Res<Vec<StockEntry>> {
        let id: Option<Uuid> = medication_id
            .as_deref()
            .map(self::medication_id)
            .transpose()?;
        Ok(self
            .companion()
            .stock_history(id)?
            .iter()
            .map(StockEntry::from)
            .collect())
    }

    /// How many days before supplies run out the refill reminder comes (default 7).
    pub fn refill_days_before(&self) -> Res<u32> {
        Ok(self.companion().refill_days_before()?)
    }

    /// Chooses how many days (one of `refill_days_choices()`) before supplies run out the
    /// refill reminder comes; reconcile reminders afterwards.
    pub fn set_refill_days_before(&self, days: u32) -> Res<u32> {
        Ok(self.companion().set_refill_days_before(days)?)
    }
}

impl Eventide {
    fn record_stock(
        &self,
        medication_id: String,
        input: Vec<StockLine>,
        now: Timestamp,
        kind: supplies::StockEventKind,
    ) -> Res<SupplyForecast> {
        let id = self::medication_id(&medication_id)?;
        let lines = lines(input)?;
        let now = self.begin(now)?;
        let c = self.companion();
        let f = match kind {
            supplies::StockEventKind::Count => c.set_stock(id, &lines, now)?,
            supplies::StockEventKind::Supply => c.add_supply(id, &lines, now)?,
            supplies::StockEventKind::Correction => c.correct_stock(id, &lines, now)?,
        };
        Ok(SupplyForecast::from(&f))
    }
}
