//! `eventide stock`: what is held, when it runs out on the plan, and what to ask for.
//!
//! `stock show --json` prints, per medicine, the contract the tests and scripts read:
//! `medication`, `runs_out_on` (the first night whose dose cannot be made, or null when what
//! is held lasts to the end of the plan and past `until`), `until`, `strengths`
//! (`{strength_mg, on_hand, needed_until}`), `solution_ml` (`{on_hand, needed_until}` or null;
//! totals when there are several solutions, each in `solutions`) and `ask_for`
//! (`{strength_mg, count}` for tablets, `{strength_mg, ml}` for solution), with the core's
//! sentences and the refill reminder's day beside them.

use chrono::{DateTime, Utc};
use eventide_core::supplies::{self, Form, ItemSupply, StockEvent, SupplyForecast};
use eventide_core::{Companion, Result};
use serde_json::{json, Value};

use crate::args::{StockAmounts, StockCommand};

/// A number for JSON: whole amounts as integers (56, not 56.0).
fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}
use crate::render::{day, print_json, Output};

pub fn run(app: &Companion, out: &Output, command: StockCommand, now: DateTime<Utc>) -> Result<()> {
    match command {
        StockCommand::Set(a) => record(app, out, a, now, Companion::set_stock),
        StockCommand::Add(a) => record(app, out, a, now, Companion::add_supply),
        StockCommand::Correct(a) => record(app, out, a, now, Companion::correct_stock),
        StockCommand::Show { med, until } => {
            let until = until
                .map(|t| {
                    chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").map_err(|_| {
                        eventide_core::Error::invalid(
                            "until",
                            format!("\"{t}\" is not a date such as 2026-03-27"),
                        )
                    })
                })
                .transpose()?;
            let meds = match med {
                Some(name) => vec![app.find_medication(&name)?],
                None => app.medications()?,
            };
            let list = meds
                .iter()
                .map(|m| app.supply(m.id, until, now))
                .collect::<Result<Vec<_>>>()?;
            if out.json {
                return print_json(&list.iter().map(forecast_json).collect::<Vec<_>>());
            }
            if list.is_empty() {
                say!("No medications yet.");
            }
            for f in &list {
                print_forecast(f);
            }
            Ok(())
        }
        StockCommand::History { med } => {
            let id = med
                .map(|m| app.find_medication(&m))
                .transpose()?
                .map(|m| m.id);
            let history = app.stock_history(id)?;
            let meds = app.medications()?;
            let name = |e: &StockEvent| {
                meds.iter()
                    .find(|m| m.id == e.medication_id)
                    .map(|m| m.name.clone())
                    .unwrap_or_default()
            };
            if out.json {
                let items: Vec<Value> = history
                    .iter()
                    .map(|e| {
                        json!({
                            "id": e.id,
                            "medication": name(e),
                            "kind": e.kind.code(),
                            "form": e.item.form.code(),
                            "strength_mg": num(e.item.strength.as_mg()),
                            "amount": num(e.item.amount(e.quantity)),
                            "pack_size": e.pack_size.map(|p| num(e.item.amount(p))),
                            "recorded_at": e.recorded_at.to_rfc3339(),
                            "text": e.describe(),
                        })
                    })
                    .collect();
                return print_json(&items);
            }
            if history.is_empty() {
                say!("No stock recorded yet: eventide stock set MED --tablets 10=56");
            }
            for e in &history {
                say!(
                    "{}  {}: {}",
                    e.recorded_at.format("%a %-d %b %Y %H:%M"),
                    name(e),
                    e.describe()
                );
            }
            Ok(())
        }
        StockCommand::Remind { days } => {
            let days = app.set_refill_days_before(days)?;
            out.done(&format!(
                "The refill reminder comes {days} day{} before supplies run out.",
                if days == 1 { "" } else { "s" }
            ))
        }
    }
}

type Record =
    fn(&Companion, uuid::Uuid, &[supplies::StockLine], DateTime<Utc>) -> Result<SupplyForecast>;

fn record(
    app: &Companion,
    out: &Output,
    amounts: StockAmounts,
    now: DateTime<Utc>,
    write: Record,
) -> Result<()> {
    let med = app.find_medication(&amounts.med)?;
    let lines = supplies::parse_lines(&med, &amounts.tablets, &amounts.ml)?;
    let f = write(app, med.id, &lines, now)?;
    if out.json {
        return print_json(&forecast_json(&f));
    }
    print_forecast(&f);
    Ok(())
}

/// One medicine's forecast as `stock show --json` prints it.
pub fn forecast_json(f: &SupplyForecast) -> Value {
    let of = |form: Form| f.items.iter().filter(move |i| i.item.form == form);
    let strengths: Vec<Value> = of(Form::Tablet)
        .map(|i| {
            json!({
                "strength_mg": num(i.item.strength.as_mg()),
                "on_hand": num(i.item.amount(i.on_hand)),
                "needed_until": num(i.item.amount(i.needed)),
                "pack_size": i.pack_size.map(|p| num(i.item.amount(p))),
            })
        })
        .collect();
    let solutions: Vec<&ItemSupply> = of(Form::Solution).collect();
    let solution_ml = (!solutions.is_empty()).then(|| {
        let total = |units: fn(&ItemSupply) -> u32| {
            solutions
                .iter()
                .map(|i| i.item.amount(units(i)))
                .sum::<f64>()
        };
        json!({
            "on_hand": num(total(|i| i.on_hand)),
            "needed_until": num(total(|i| i.needed)),
        })
    });
    let ask_for: Vec<Value> = f
        .asks()
        .map(|i| match i.item.form {
            Form::Tablet => json!({
                "strength_mg": num(i.item.strength.as_mg()),
                "count": num(i.item.amount(i.ask_for)),
                "packs": i.packs,
                "text": i.ask_for_text,
            }),
            Form::Solution => json!({
                "strength_mg": num(i.item.strength.as_mg()),
                "ml": num(i.item.amount(i.ask_for)),
                "packs": i.packs,
                "text": i.ask_for_text,
            }),
        })
        .collect();
    json!({
        "medication": f.medication_name,
        "medication_id": f.medication_id,
        "tracked": f.tracked,
        "from": f.from,
        "runs_out_on": f.runs_out_on,
        "until": f.until,
        "strengths": strengths,
        "solution_ml": solution_ml,
        "solutions": solutions.iter().map(|i| json!({
            "strength_mg_per_5ml": num(i.item.strength.as_mg()),
            "on_hand": num(i.item.amount(i.on_hand)),
            "needed_until": num(i.item.amount(i.needed)),
            "pack_size": i.pack_size.map(|p| num(i.item.amount(p))),
        })).collect::<Vec<_>>(),
        "ask_for": ask_for,
        "lasts": f.lasts,
        "refill_reminder_on": f.refill_on,
        "held": f.held_text,
        "status": f.status_line,
        "ask_for_text": f.ask_for_text,
        "problem": f.problem,
    })
}

fn print_forecast(f: &SupplyForecast) {
    if !f.tracked {
        say!("{}: {}", f.medication_name, f.status_line);
        return;
    }
    say!("{} — held: {}", f.medication_name, f.held_text);
    say!("  {}", f.status_line);
    let needs: Vec<String> = f
        .items
        .iter()
        .filter(|i| i.needed > 0)
        .map(|i| i.item.amount_text(i.needed))
        .collect();
    if !needs.is_empty() {
        say!(
            "  From {} to {} the plan needs {}.",
            day(f.from),
            day(f.until),
            needs.join(", ")
        );
    }
    say!("  {}", f.ask_for_text);
    if let Some(on) = f.refill_on {
        say!(
            "  Refill reminder: {} at {}.",
            day(on),
            supplies::REFILL_TIME.format("%H:%M")
        );
    }
}
