//! Supplies that follow the plan, end to end through the companion: what is left, when it
//! runs out, what to ask for, and the refill reminder.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{Medication, NewMedication, Slot};
use eventide_core::notify::NotificationKind;
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::supplies::{Form, Item, Lasts, StockEventKind, StockLine, SupplyForecast};
use eventide_core::units::{Micrograms, TenthsMl};
use eventide_core::{Companion, Error};

/// Noon in London (GMT in January) on `d` January 2026.
fn noon(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, d, 12, 0, 0).unwrap()
}

/// 21:05, just after the evening reminder (bedtime 22:30, lead 90), on `d` January.
/// A time of day on the phone's clock ("taken at").
fn at_time(h: u32, m: u32) -> chrono::NaiveTime {
    chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn evening(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, d, 21, 5, 0).unwrap()
}

fn jan(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
}

fn app_with(tablets: &[f64], liquids: &[f64]) -> (Companion, Medication) {
    let app = Companion::in_memory(common::zone("Europe/London")).unwrap();
    let med = app
        .add_medication(
            NewMedication {
                name: "Amitriptyline".into(),
                ingredient: Some(Ingredient::Amitriptyline),
                tablet_mg: tablets.to_vec(),
                can_halve: false,
                liquid_mg_per_5ml: liquids.to_vec(),
                slot: Slot::Evening { lead_minutes: 90 },
            },
            noon(1),
        )
        .unwrap();
    (app, med)
}

fn plan(app: &Companion, med: &Medication, kind: PlanKind, now: DateTime<Utc>) {
    match app.set_plan(med.id, kind.clone(), None, &[], now) {
        Err(Error::NeedsConfirmation { warnings }) => {
            app.set_plan(med.id, kind, None, &warnings, now).unwrap();
        }
        other => {
            other.unwrap();
        }
    }
}

fn tens(n: u32) -> StockLine {
    StockLine::tablets(Micrograms::mg(10), n)
}

fn item(f: &SupplyForecast, item: Item) -> (f64, f64, f64) {
    let i = f.items.iter().find(|i| i.item == item).unwrap();
    (
        item.amount(i.on_hand),
        item.amount(i.needed),
        item.amount(i.ask_for),
    )
}

const TEN: Item = Item {
    form: Form::Tablet,
    strength: Micrograms::mg(10),
};
const TWENTY_FIVE: Item = Item {
    form: Form::Tablet,
    strength: Micrograms::mg(25),
};
const SOLUTION: Item = Item {
    form: Form::Solution,
    strength: Micrograms::mg(10),
};

fn titration() -> PlanKind {
    PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(50),
    }
}

fn maintenance(mg: u32) -> PlanKind {
    PlanKind::Maintenance {
        dose: Micrograms::mg(mg),
    }
}

#[test]
fn a_titration_on_10_mg_tablets_runs_out_on_the_night_the_arithmetic_says() {
    let (app, med) = app_with(&[10.0], &[]);
    plan(&app, &med, titration(), noon(5));
    let f = app.set_stock(med.id, &[tens(56)], noon(5)).unwrap();
    // 7 nights × 1, 7 × 2, 7 × 3 = 42 tablets to 25 Jan; 14 left make 40 mg (4 tablets) on
    // 26, 27 and 28 Jan, and 2 are not enough on 29 Jan.
    assert_eq!(f.from, jan(5));
    assert_eq!(f.runs_out_on, Some(jan(29)));
    assert_eq!(
        f.status_line,
        "Enough until Wed 28 Jan; runs out on Thu 29 Jan."
    );
    // Four weeks (5 Jan – 1 Feb) need 7 × (1 + 2 + 3 + 4) = 70 tablets: ask for 14.
    assert_eq!(f.until, jan(5) + Duration::days(27));
    assert_eq!(item(&f, TEN), (56.0, 70.0, 14.0));
    assert_eq!(
        f.ask_for_text,
        "To last until Sun 1 Feb, ask for 14 × 10 mg tablets."
    );

    // A week on, each dose taken and each step-up confirmed on time: the same night.
    for d in 5..12 {
        app.take(med.id, None, None, evening(d)).unwrap();
        if d == 10 {
            app.confirm_tolerable(med.id, evening(d)).unwrap();
        }
    }
    let f = app.supply(med.id, None, noon(12)).unwrap();
    assert_eq!(item(&f, TEN).0, 49.0);
    assert_eq!(f.runs_out_on, Some(jan(29)));

    // 12 Jan – 8 Feb need 7 × (2 + 3 + 4 + 5) = 98: 49 short, which is two packs of 28
    // once the pack size is known.
    assert_eq!(item(&f, TEN), (49.0, 98.0, 49.0));
    let f = app
        .correct_stock(med.id, &[tens(49).in_packs_of(28)], noon(12))
        .unwrap();
    let ten = f.items.iter().find(|i| i.item == TEN).unwrap();
    assert_eq!((ten.packs, TEN.amount(ten.ask_for)), (Some(2), 56.0));
    assert_eq!(
        ten.ask_for_text.as_deref(),
        Some("56 × 10 mg tablets (2 packs of 28)")
    );
}

#[test]
fn a_taper_that_switches_to_solution_asks_for_ml() {
    let (app, med) = app_with(&[10.0], &[10.0]);
    let taper = PlanKind::Taper {
        from: Micrograms::mg(20),
        method: TaperMethod::Linear {
            step: Micrograms::mg(5),
        },
        every_days: 7,
    };
    plan(&app, &med, taper, noon(5));
    let f = app.set_stock(med.id, &[tens(28)], noon(5)).unwrap();
    // 20 mg (2 × 10), then 15 mg (1 × 10 + 2.5 ml) from 12 Jan: no solution is held.
    assert_eq!(f.runs_out_on, Some(jan(12)));
    // Four weeks: tablets 14 + 7 + 7 = 28 (all held); solution 7 × 2.5 + 7 × 2.5 = 35 ml.
    assert_eq!(item(&f, TEN), (28.0, 28.0, 0.0));
    assert_eq!(item(&f, SOLUTION), (0.0, 35.0, 35.0));
    assert_eq!(
        f.ask_for_text,
        "To last until Sun 1 Feb, ask for 35 ml of 10 mg/5 ml solution."
    );
    // A 150 ml bottle collected: nothing short, and the taper is covered to its end.
    let f = app
        .add_supply(
            med.id,
            &[StockLine::solution(Micrograms::mg(10), TenthsMl(1500)).in_packs_of(150)],
            noon(5),
        )
        .unwrap();
    assert_eq!(f.runs_out_on, None);
    assert_eq!(f.lasts, Some(Lasts::ToEndOfPlan));
    assert_eq!(f.asks().count(), 0);
}

#[test]
fn a_missed_night_moves_the_date_later_and_a_skipped_one_too() {
    let (app, med) = app_with(&[10.0], &[]);
    plan(&app, &med, maintenance(10), noon(5));
    let f = app.set_stock(med.id, &[tens(10)], noon(5)).unwrap();
    // Ten tablets, one a night from 5 Jan: the last on 14 Jan.
    assert_eq!(f.runs_out_on, Some(jan(15)));
    for d in [5, 6, 7] {
        app.take(med.id, None, None, evening(d)).unwrap();
    }
    // Nothing recorded on 8 Jan (missed), 9 Jan taken.
    app.take(med.id, None, None, evening(9)).unwrap();
    let f = app.supply(med.id, None, noon(10)).unwrap();
    assert_eq!(item(&f, TEN).0, 6.0);
    assert_eq!(f.runs_out_on, Some(jan(16)));
    // A skipped night takes nothing either.
    app.skip(med.id, None, None, evening(10)).unwrap();
    let f = app.supply(med.id, None, noon(11)).unwrap();
    assert_eq!(item(&f, TEN).0, 6.0);
    assert_eq!(f.runs_out_on, Some(jan(17)));
    // Taken after all (at 22:00, recorded the next day) takes the tablet after all.
    app.take_at(med.id, Some(jan(10)), None, Some(at_time(22, 0)), noon(11))
        .unwrap();
    let f = app.supply(med.id, None, noon(11)).unwrap();
    assert_eq!(item(&f, TEN).0, 5.0);
    assert_eq!(f.runs_out_on, Some(jan(16)));
}

#[test]
fn a_supply_moves_it_on_and_the_refill_reminder_goes() {
    let (app, med) = app_with(&[10.0], &[]);
    plan(&app, &med, maintenance(10), noon(5));
    let f = app.set_stock(med.id, &[tens(10)], noon(5)).unwrap();
    assert_eq!(f.runs_out_on, Some(jan(15)));
    // Seven days before: 8 Jan at 10:00 London time, in the reminders and on the screen.
    assert_eq!(f.refill_on, Some(jan(8)));
    let refill = |now| {
        app.desired_notifications(now, 7)
            .unwrap()
            .into_iter()
            .find(|n| n.kind == NotificationKind::Refill)
    };
    let n = refill(noon(5)).expect("a refill reminder");
    assert_eq!(n.id, format!("refill:{}:2026-01-15", med.id));
    assert_eq!(f.refill_id.as_deref(), Some(n.id.as_str()));
    assert_eq!(
        n.fire_at,
        Utc.with_ymd_and_hms(2026, 1, 8, 10, 0, 0).unwrap()
    );
    assert_eq!(n.title, "Amitriptyline runs out on Thu 15 Jan");
    assert!(n.body.contains("ask for"), "{}", n.body);
    assert_eq!(n.medication_id, Some(med.id));
    let today = app.today(noon(5)).unwrap();
    assert_eq!(today.supplies.len(), 1);
    assert_eq!(today.supplies[0].runs_out_on, Some(jan(15)));

    // 5 Jan's dose was never taken, so 10 + 28 tablets last from 6 Jan for 38 nights.
    let f = app.add_supply(med.id, &[tens(28)], noon(6)).unwrap();
    assert_eq!(f.runs_out_on, Some(jan(6) + Duration::days(38)));
    assert!(
        refill(noon(6)).is_none(),
        "the reminder goes when a supply moves the date on"
    );
    // The history explains every number.
    let history = app.stock_history(Some(med.id)).unwrap();
    let kinds: Vec<StockEventKind> = history.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [StockEventKind::Count, StockEventKind::Supply]);
    assert_eq!(history[1].describe(), "Collected 28 × 10 mg tablets");
}

#[test]
fn a_count_with_few_days_left_reminds_the_next_morning() {
    let (app, med) = app_with(&[10.0], &[]);
    plan(&app, &med, maintenance(10), noon(5));
    let f = app.set_stock(med.id, &[tens(3)], noon(5)).unwrap();
    assert_eq!(f.runs_out_on, Some(jan(8)));
    assert_eq!(f.refill_on, Some(jan(6)));
    let n = app
        .desired_notifications(noon(5), 3)
        .unwrap()
        .into_iter()
        .find(|n| n.kind == NotificationKind::Refill)
        .unwrap();
    assert_eq!(
        n.fire_at,
        Utc.with_ymd_and_hms(2026, 1, 6, 10, 0, 0).unwrap()
    );
    app.set_refill_days_before(2).unwrap();
    assert_eq!(
        app.supply(med.id, None, noon(5)).unwrap().refill_on,
        Some(jan(6))
    );
    assert!(app.set_refill_days_before(0).is_err());
}

#[test]
fn a_dose_taken_takes_what_its_breakdown_used_and_the_card_prefers_the_stock() {
    let (app, med) = app_with(&[10.0, 25.0], &[]);
    plan(&app, &med, maintenance(45), noon(5));
    app.set_stock(
        med.id,
        &[tens(10), StockLine::tablets(Micrograms::mg(25), 5)],
        noon(5),
    )
    .unwrap();
    app.take(med.id, None, None, evening(5)).unwrap();
    let f = app.supply(med.id, None, noon(6)).unwrap();
    // 45 mg = 1 × 25 mg + 2 × 10 mg.
    assert_eq!(item(&f, TEN).0, 8.0);
    assert_eq!(item(&f, TWENTY_FIVE).0, 4.0);

    // A new plan of 50 mg with the 25s gone: made of five 10s while they last.
    plan(&app, &med, maintenance(50), noon(6));
    app.correct_stock(
        med.id,
        &[StockLine::tablets(Micrograms::mg(25), 0)],
        noon(6),
    )
    .unwrap();
    let card = app.today(noon(6)).unwrap().doses.remove(0);
    assert_eq!(card.breakdown.unwrap().to_string(), "5 × 10 mg");
    app.take(med.id, None, None, evening(6)).unwrap();
    let f = app.supply(med.id, None, noon(7)).unwrap();
    assert_eq!(item(&f, TEN).0, 3.0);
    // Three 10s do not make 50 mg tonight.
    assert_eq!(f.runs_out_on, Some(jan(7)));
    assert_eq!(f.status_line, "What you hold does not make tonight's dose.");
    // The usual way (2 × 25 mg) is what the plan needs, so that is what to ask for: four
    // weeks from 7 Jan.
    assert_eq!(item(&f, TWENTY_FIVE), (0.0, 56.0, 56.0));
    assert_eq!(item(&f, TEN).2, 0.0);
}

#[test]
fn a_dose_recorded_after_a_count_but_taken_before_it_is_not_counted_twice() {
    let (app, med) = app_with(&[10.0], &[]);
    plan(&app, &med, maintenance(10), noon(5));
    // Counted on the morning of 6 Jan, before 5 Jan's dose was recorded (at lunch).
    app.set_stock(med.id, &[tens(20)], noon(5)).unwrap();
    app.set_stock(
        med.id,
        &[tens(15)],
        Utc.with_ymd_and_hms(2026, 1, 6, 9, 0, 0).unwrap(),
    )
    .unwrap();
    app.take_at(med.id, Some(jan(5)), None, Some(at_time(22, 0)), noon(6))
        .unwrap();
    let f = app.supply(med.id, None, noon(6)).unwrap();
    assert_eq!(item(&f, TEN).0, 15.0);
}

#[test]
fn bad_stock_input_is_refused_and_nothing_is_written() {
    let (app, med) = app_with(&[10.0], &[]);
    let wrong = StockLine::tablets(Micrograms::mg(25), 28);
    assert!(matches!(
        app.set_stock(med.id, &[tens(10), wrong], noon(5)),
        Err(Error::InvalidInput { ref field, .. }) if field == "tablets"
    ));
    assert!(app.add_supply(med.id, &[tens(0)], noon(5)).is_err());
    assert!(app.add_supply(med.id, &[], noon(5)).is_err());
    assert!(app.stock_history(None).unwrap().is_empty());
    assert!(!app.supply(med.id, None, noon(5)).unwrap().tracked);
    assert!(app.supplies(None, noon(5)).unwrap().is_empty());
    // The home screen still lists it, asking for a count, with its strengths for the form.
    let today = app.today(noon(5)).unwrap();
    let untracked = &today.supplies[0];
    assert!(!untracked.tracked);
    assert!(untracked
        .status_line
        .starts_with("No stock recorded for Amitriptyline"));
    assert_eq!(untracked.items.len(), 1);
    assert_eq!(untracked.items[0].label, "10 mg tablets");
    // An until in the past, or more than a year ahead.
    app.set_stock(med.id, &[tens(10)], noon(5)).unwrap();
    assert!(app.supply(med.id, Some(jan(1)), noon(5)).is_err());
    assert!(app
        .supply(med.id, Some(jan(5) + Duration::days(400)), noon(5))
        .is_err());
}

#[test]
fn an_open_ended_plan_with_plenty_lasts_and_a_chosen_until_counts_to_it() {
    let (app, med) = app_with(&[10.0], &[]);
    plan(&app, &med, maintenance(10), noon(5));
    let f = app.set_stock(med.id, &[tens(5_000)], noon(5)).unwrap();
    assert_eq!(f.runs_out_on, None);
    assert_eq!(f.lasts, Some(Lasts::BeyondForecast));
    let f = app.supply(med.id, Some(jan(14)), noon(5)).unwrap();
    assert_eq!((f.until, item(&f, TEN).1), (jan(14), 10.0));
}

#[test]
fn the_stock_survives_a_backup_and_restore() {
    let (app, med) = app_with(&[10.0], &[]);
    plan(&app, &med, maintenance(10), noon(5));
    app.set_stock(med.id, &[tens(10).in_packs_of(28)], noon(5))
        .unwrap();
    let bytes = app.backup_bytes(noon(5)).unwrap();
    let other = Companion::in_memory(common::zone("Europe/London")).unwrap();
    other.restore_backup_bytes(&bytes, false, noon(5)).unwrap();
    assert_eq!(
        other.stock_history(None).unwrap(),
        app.stock_history(None).unwrap()
    );
    assert_eq!(
        other.supply(med.id, None, noon(5)).unwrap().runs_out_on,
        Some(jan(15))
    );
}

#[test]
fn a_held_step_is_followed_too() {
    let (app, med) = app_with(&[10.0], &[]);
    plan(&app, &med, titration(), noon(5));
    app.set_stock(med.id, &[tens(56)], noon(5)).unwrap();
    app.hold_step(med.id, 7, noon(5)).unwrap();
    // 10 mg for 14 nights (to 18 Jan), 20 mg to 25 Jan, 30 mg to 1 Feb: 49 tablets; the 7
    // left make 40 mg on 2 Feb only.
    let f = app.supply(med.id, None, noon(5)).unwrap();
    assert_eq!(
        f.runs_out_on,
        Some(NaiveDate::from_ymd_opt(2026, 2, 3).unwrap())
    );
}

#[test]
fn a_database_from_before_supplies_gets_the_stock_table_and_keeps_its_medicines() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("v3.db");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/schema-v3.db");
    std::fs::copy(fixture, &copy).unwrap();
    let app = Companion::open(&copy, common::zone("Europe/London")).unwrap();
    let med = app.find_medication("Amitriptyline").unwrap();
    assert!(app.stock_history(None).unwrap().is_empty());
    let now = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    let f = app.set_stock(med.id, &[tens(30)], now).unwrap();
    assert!(f.tracked);
    assert_eq!(app.stock_history(Some(med.id)).unwrap().len(), 1);
}

/// The replay reads "taken" rows on their own (quick over years of history); this holds it to
/// the dose log's own answer, so a change in what counts as taken cannot pass unnoticed.
#[test]
fn the_replay_counts_exactly_the_doses_the_log_calls_taken() {
    use eventide_core::doselog::{status, DoseStatus};
    use eventide_core::schedule::occurrences_on;
    let (app, ami) = app_with(&[10.0], &[]);
    let gaba = app
        .add_medication(
            NewMedication {
                name: "Gabapentin".into(),
                ingredient: Some(Ingredient::Gabapentin),
                tablet_mg: vec![300.0],
                can_halve: false,
                liquid_mg_per_5ml: vec![],
                slot: Slot::Times {
                    times: vec![
                        chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
                        chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                        chrono::NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
                    ],
                },
            },
            noon(1),
        )
        .unwrap();
    plan(&app, &ami, maintenance(10), noon(2));
    plan(&app, &gaba, maintenance(300), noon(2));
    app.set_stock(ami.id, &[tens(100)], noon(2)).unwrap();
    let mut seed = 7u32;
    let mut next = || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) % 6
    };
    let late = Utc.with_ymd_and_hms(2026, 1, 20, 9, 0, 0).unwrap();
    let settings = app.day_settings().unwrap();
    let zone = common::zone("Europe/London");
    for d in 2..20 {
        for (med, slots) in [(&ami, 1u32), (&gaba, 3)] {
            let occurrences = occurrences_on(&settings, zone.as_ref(), med, jan(d));
            for slot in 0..slots {
                let night = Some(jan(d));
                // Recorded late, with the time it was taken: when it was due (London in
                // January is on UTC).
                let at = occurrences
                    .iter()
                    .find(|o| o.slot_index == slot)
                    .map(|o| o.due.time());
                let slot = (slots > 1).then_some(slot);
                let take = || app.take_at(med.id, night, slot, at, late);
                match next() {
                    0 => {}
                    1 => {
                        let _ = app.skip(med.id, night, slot, late);
                    }
                    2 => {
                        let _ = app.skip(med.id, night, slot, late);
                        let _ = take();
                    }
                    3 => {
                        let _ = take();
                        let _ = app.skip(med.id, night, slot, late);
                    }
                    _ => {
                        let _ = take();
                        let _ = take();
                    }
                }
            }
        }
    }
    let log = app.dose_events(jan(1), jan(31)).unwrap();
    let mut by_status = Vec::new();
    for med in [&ami, &gaba] {
        for d in 1..31 {
            for occ in occurrences_on(&settings, zone.as_ref(), med, jan(d)) {
                if let DoseStatus::Taken { amount, .. } = status(&occ, &log, late) {
                    by_status.push((med.id, occ.slot_index, occ.night, amount));
                }
            }
        }
    }
    let mut by_rows: Vec<_> = app
        .with_store(|s| s.read().taken_since(jan(1)))
        .unwrap()
        .into_iter()
        .map(|r| (r.medication_id, r.slot_index, r.night, r.amount))
        .collect();
    by_status.sort();
    by_rows.sort();
    // Only medicines with stock recorded are read.
    by_status.retain(|(id, ..)| *id == ami.id);
    assert!(by_rows.len() > 5);
    assert_eq!(by_rows, by_status);
}

#[test]
fn a_count_of_some_strengths_keeps_what_the_others_had() {
    let (app, med) = app_with(&[10.0, 25.0], &[]);
    plan(&app, &med, maintenance(45), noon(5));
    let both = [tens(20), StockLine::tablets(Micrograms::mg(25), 10)];
    app.set_stock(med.id, &both, noon(5)).unwrap();
    app.take(med.id, None, None, evening(5)).unwrap();
    // Counting only the 10s: the 25s stay as the replay left them (9).
    let f = app.set_stock(med.id, &[tens(30)], noon(6)).unwrap();
    assert_eq!((item(&f, TEN).0, item(&f, TWENTY_FIVE).0), (30.0, 9.0));
    app.take(med.id, None, None, evening(6)).unwrap();
    // A full stocktake of both: the history before it no longer matters.
    let f = app.set_stock(med.id, &both, noon(7)).unwrap();
    assert_eq!((item(&f, TEN).0, item(&f, TWENTY_FIVE).0), (20.0, 10.0));
    app.take(med.id, None, None, evening(7)).unwrap();
    let f = app.supply(med.id, None, noon(8)).unwrap();
    assert_eq!((item(&f, TEN).0, item(&f, TWENTY_FIVE).0), (18.0, 9.0));
}

#[test]
fn the_csv_and_fhir_exports_carry_the_stock_events() {
    use eventide_core::report::{ReportFormat, ReportRequest, CSV_HEADER};
    let (app, med) = app_with(&[10.0], &[10.0]);
    plan(&app, &med, maintenance(10), noon(5));
    app.set_stock(med.id, &[tens(10)], noon(5)).unwrap();
    app.add_supply(
        med.id,
        &[StockLine::solution(Micrograms::mg(10), TenthsMl(1500)).in_packs_of(150)],
        noon(6),
    )
    .unwrap();
    let export = |format| {
        String::from_utf8(
            app.export_report(format, &ReportRequest::default(), noon(7))
                .unwrap(),
        )
        .unwrap()
    };
    let csv = export(ReportFormat::Csv);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(header, CSV_HEADER);
    let col = |name: &str| CSV_HEADER.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .filter(|r: &Vec<&str>| r[col("event")].starts_with("stock_"))
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(csv
        .lines()
        .all(|l| l.split(',').count() == CSV_HEADER.len()));
    let supply = &rows[1];
    assert_eq!(supply[col("event")], "stock_supply");
    assert_eq!(supply[col("date")], "2026-01-06");
    assert_eq!(supply[col("form")], "solution");
    assert_eq!(supply[col("strength_mg")], "10");
    assert_eq!(supply[col("quantity")], "150");
    assert!(supply[col("note")].starts_with("Collected 150 ml of 10 mg/5 ml solution"));
    assert_eq!(rows[0][col("event")], "stock_count");

    let bundle: serde_json::Value = serde_json::from_str(&export(ReportFormat::Fhir)).unwrap();
    let dispenses: Vec<&serde_json::Value> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "MedicationDispense")
        .collect();
    assert_eq!(dispenses.len(), 1, "a supply is dispensed; a count is not");
    let d = dispenses[0];
    assert_eq!(d["status"], "completed");
    assert_eq!(d["quantity"]["value"], 150);
    assert_eq!(d["quantity"]["code"], "mL");
    assert_eq!(d["whenHandedOver"], "2026-01-06T12:00:00+00:00");
    assert_eq!(
        d["medicationReference"]["reference"],
        format!("urn:uuid:{}", med.id)
    );
}

#[test]
fn a_backup_with_an_impossible_stock_count_is_refused_and_nothing_changes() {
    use eventide_core::backup::{self, BackupProblem};
    let (app, med) = app_with(&[10.0], &[]);
    app.set_stock(med.id, &[tens(10)], noon(5)).unwrap();
    let good = app.backup_bytes(noon(5)).unwrap();
    let text = String::from_utf8(backup::unseal(&good).unwrap().to_vec()).unwrap();
    // 20 units (ten tablets) become a million tablets.
    assert!(text.contains(",20,"), "the count is in the body");
    let bad = backup::seal(text.replacen(",20,", ",2000000,", 1).as_bytes()).unwrap();
    let other = Companion::in_memory(common::zone("Europe/London")).unwrap();
    let err = other
        .restore_backup_bytes(&bad, false, noon(5))
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidBackup {
                problem: BackupProblem::OutOfRange,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("a stock record holds 1000000 × 10 mg tablets"),
        "{err}"
    );
    assert!(other.stock_history(None).unwrap().is_empty());
    assert!(other.medications().unwrap().is_empty());
}
