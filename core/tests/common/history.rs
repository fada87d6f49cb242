//! A generated history of any length (doses, check-ins, plan changes, dismissed suggestions,
//! reviews), written through the same calls the phone makes, each
//! at the moment it would have happened: shared by the backup tests and the backup bench.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::plan::{PlanKind, TaperMethod};
use eventide_core::schedule::occurrences_on;
use eventide_core::units::Micrograms;
use eventide_core::zone::resolve_local;
use eventide_core::{Companion, Error, Result};

/// A small deterministic random source (xorshift), so a seed always gives the same story.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn at(app: &Companion, date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    resolve_local(
        app.zone_rules().as_ref(),
        date.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap()),
    )
}

/// Saves a plan, confirming whatever warnings it raises (the user read and accepted them).
fn plan(app: &Companion, med: uuid::Uuid, kind: PlanKind, from: NaiveDate, now: DateTime<Utc>) {
    match app.set_plan(med, kind.clone(), Some(from), &[], now) {
        Ok(_) => {}
        Err(Error::NeedsConfirmation { warnings }) => {
            app.set_plan(med, kind, Some(from), &warnings, now).unwrap();
        }
        Err(e) => panic!("plan refused: {e}"),
    }
}

/// Writes `nights` nights of history starting on `first`: amitriptyline titrated, kept,
/// tapered and kept again; gabapentin three times a day for the first `gaba_nights`;
/// taken on time, late, skipped, snoozed or forgotten; most mornings answered.
pub fn generate(
    app: &Companion,
    first: NaiveDate,
    nights: i64,
    gaba_nights: i64,
    seed: u64,
) -> Result<()> {
    let mut dice = Dice::new(seed);
    let setup = at(app, first - Duration::days(1), 12, 0);
    app.set_bedtime(NaiveTime::from_hms_opt(22, 30, 0).unwrap(), &[])?;
    app.set_bedtime(
        NaiveTime::from_hms_opt(23, 45, 0).unwrap(),
        &[Weekday::Fri, Weekday::Sat],
    )?;
    let ami = app.add_medication(
        NewMedication {
            name: "Amitriptyline".into(),
            ingredient: Some(Ingredient::Amitriptyline),
            tablet_mg: vec![10.0, 25.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![10.0],
            slot: Slot::Evening { lead_minutes: 90 },
        },
        setup,
    )?;
    let gaba = app.add_medication(
        NewMedication {
            name: "Gabapentin \"300\" — ½ dose".into(),
            ingredient: Some(Ingredient::Gabapentin),
            tablet_mg: vec![300.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![],
            slot: Slot::Times {
                times: vec![
                    NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
                    NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                    NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
                ],
            },
        },
        setup,
    )?;
    let titration = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(50),
    };
    plan(app, ami.id, titration, first, setup);
    plan(
        app,
        gaba.id,
        PlanKind::Maintenance {
            dose: Micrograms::mg(300),
        },
        first,
        setup,
    );

    for i in 0..nights {
        let night = first + Duration::days(i);
        let noon = at(app, night, 12, 0);
        // Plan changes over the years: keep 50 mg, taper, keep 10 mg, a hold now and then.
        match i {
            400 => plan(
                app,
                ami.id,
                PlanKind::Maintenance {
                    dose: Micrograms::mg(50),
                },
                night,
                noon,
            ),
            1500 => {
                let taper = PlanKind::Taper {
                    from: Micrograms::mg(50),
                    method: TaperMethod::Linear {
                        step: Micrograms::mg(10),
                    },
                    every_days: 28,
                };
                plan(app, ami.id, taper, night, noon)
            }
            1510 => {
                app.hold_step(ami.id, 14, noon)?;
            }
            1640 => plan(
                app,
                ami.id,
                PlanKind::Maintenance {
                    dose: Micrograms::mg(10),
                },
                night,
                noon,
            ),
            _ => {}
        }
        if i < 28 && i % 7 == 5 {
            app.confirm_tolerable(ami.id, noon)?;
        }
        // Now and then the user dismisses what the home screen suggests, or sees the prescriber.
        if i % 23 == 3 {
            if let Some(s) = app.today(noon)?.suggestions.first() {
                app.dismiss_suggestion(&s.id, noon)?;
            }
        }
        if i % 120 == 60 {
            let note =
                (i % 240 == 60).then(|| format!("Review {i}: \"keep going\" — next in 4 months"));
            app.record_review(Some(night), note, noon)?;
        }
        let settings = app.day_settings()?;
        let zone = app.zone_rules();
        let mut meds = vec![ami.clone()];
        if i < gaba_nights {
            meds.push(gaba.clone());
        }
        for med in &meds {
            for occ in occurrences_on(&settings, zone.as_ref(), med, night) {
                let slot = Some(occ.slot_index);
                match dice.below(20) {
                    0 => {} // forgotten
                    1 => {
                        app.skip(med.id, Some(night), slot, occ.due + Duration::minutes(5))?;
                    }
                    2 => {
                        app.take(med.id, Some(night), slot, occ.due + Duration::minutes(150))?;
                    }
                    3 | 4 => {
                        app.snooze(med.id, slot, 30, occ.due + Duration::minutes(1))?;
                        app.take(med.id, Some(night), slot, occ.due + Duration::minutes(33))?;
                    }
                    _ => {
                        app.take(
                            med.id,
                            Some(night),
                            slot,
                            occ.due + Duration::minutes(dice.below(25) as i64),
                        )?;
                    }
                }
            }
        }
        if dice.below(10) < 8 {
            let morning = night + Duration::days(1);
            let feeling =
                [Feeling::Fine, Feeling::Groggy, Feeling::SleptBadly][dice.below(3) as usize];
            let effects: Vec<Symptom> = (0..dice.below(3))
                .map(|_| Symptom::ALL[dice.below(17) as usize])
                .collect();
            let note = (dice.below(15) == 0)
                .then(|| format!("Night {i}: woke at 3, \"restless\" — ok by 9"));
            let answer = CheckInAnswer {
                feeling: Some(feeling),
                pain: Some(dice.below(11) as u8),
                effects,
                note,
            };
            app.check_in(
                answer,
                Some(morning),
                at(
                    app,
                    morning,
                    7 + dice.below(3) as u32,
                    dice.below(60) as u32,
                ),
            )?;
        }
    }
    Ok(())
}
