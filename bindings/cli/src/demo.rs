//! The demo story: four weeks into a 10 → 50 mg amitriptyline titration for nerve pain, written
//! through the same calls the phone makes, each at the moment it would have happened. The user
//! scored their pain for a week before the first dose (about 7 out of 10); it eases week by
//! week to about 4, dry mouth comes with each new step, sleep suffers at 30–40 mg, three doses
//! are forgotten and one taken late. Tonight the step from 40 to 50 mg is due, and with the pain
//! noticeably better the home screen offers both choices and the question to ask.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use eventide_core::checkin::{CheckInAnswer, Feeling, Symptom};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::plan::PlanKind;
use eventide_core::schedule::{self, occurrences_on};
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Result};

/// Nights of history before tonight: four weekly steps, so the fifth is due tonight.
const HISTORY_NIGHTS: i64 = 28;
/// Mornings of pain scores before the first dose.
const BASELINE_MORNINGS: i64 = 7;

/// Writes the story into `app` (a fresh database) so that `now` is "today".
pub fn seed(app: &Companion, now: DateTime<Utc>) -> Result<()> {
    let zone = app.zone_rules();
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    let tonight = schedule::night_of(&app.day_settings()?, zone.as_ref(), now);
    let first = tonight - Duration::days(HISTORY_NIGHTS);
    let start = zone_noon(app, first - Duration::days(1));

    app.set_bedtime(time(22, 30), &[])?;
    app.set_bedtime(time(23, 30), &[Weekday::Fri, Weekday::Sat])?;
    let med = app.add_medication(
        NewMedication {
            name: "Amitriptyline".into(),
            ingredient: Some(Ingredient::Amitriptyline),
            tablet_mg: vec![10.0, 25.0],
            can_halve: false,
            liquid_mg_per_5ml: vec![],
            slot: Slot::Evening { lead_minutes: 90 },
        },
        start,
    )?;
    let titration = PlanKind::Titration {
        start: Micrograms::mg(10),
        step: Micrograms::mg(10),
        every_days: 7,
        target: Micrograms::mg(50),
    };
    app.set_plan(med.id, titration, Some(first), &[], start)?;

    // The week before the first dose: pain only, scored most mornings.
    for (k, pain) in (1..=BASELINE_MORNINGS).rev().zip([7u8, 8, 7, 7, 6, 7, 7]) {
        let morning = first + Duration::days(1) - Duration::days(k);
        app.check_in(
            CheckInAnswer {
                feeling: Some(Feeling::Fine),
                pain: Some(pain),
                ..Default::default()
            },
            Some(morning),
            zone_time(app, morning, time(8, 5)),
        )?;
    }

    let settings = app.day_settings()?;
    for (i, night) in first.iter_days().take_while(|n| *n < tonight).enumerate() {
        let Some(occ) = occurrences_on(&settings, zone.as_ref(), &med, night)
            .into_iter()
            .next()
        else {
            continue;
        };
        // Three forgotten nights, one taken late, the rest within minutes of the reminder.
        match i {
            5 | 13 | 19 => {}
            9 => {
                app.take(med.id, Some(night), None, occ.due + Duration::minutes(150))?;
            }
            _ => {
                app.take(
                    med.id,
                    Some(night),
                    None,
                    occ.due + Duration::minutes(4 + (i as i64 % 5) * 3),
                )?;
            }
        }
        // Side effects judged bearable near the end of each of the first three weeks, so those
        // step-ups go ahead; the fourth is tonight's choice.
        if i % 7 == 5 && i < 21 {
            app.confirm_tolerable(med.id, occ.due + Duration::minutes(30))?;
        }
        // The morning after: groggy at first, then some bad nights once the dose reaches 30 mg.
        let morning = night + Duration::days(1);
        let answer_at = zone_time(app, morning, time(8, 10));
        if answer_at > now || i == 16 {
            continue; // not yet answered, or one morning they forgot
        }
        // Pain eases week by week: about 7 before, 6 in the first week, then 5, then 4.
        let pain = match i {
            0..=6 => 6 + u8::from(i % 3 == 0),
            7..=13 => 5 + u8::from(i % 4 == 1),
            14..=20 => 5 - u8::from(i % 2 == 0),
            _ => 4 + u8::from(i == 24),
        };
        let (feeling, effects): (Feeling, Vec<Symptom>) = match i {
            0..=2 => (
                Feeling::Groggy,
                vec![Symptom::DryMouth, Symptom::Drowsiness],
            ),
            3..=6 => (Feeling::Fine, vec![Symptom::DryMouth]),
            7 | 8 => (Feeling::Groggy, vec![Symptom::DryMouth]),
            15 | 18 | 22 | 24 | 26 => (Feeling::SleptBadly, vec![Symptom::DryMouth]),
            _ => (Feeling::Fine, vec![]),
        };
        let note = (i == 18).then(|| "Awake from 2 until 4, mind racing".to_string());
        app.check_in(
            CheckInAnswer {
                feeling: Some(feeling),
                pain: Some(pain),
                effects,
                note,
            },
            Some(morning),
            answer_at,
        )?;
    }
    Ok(())
}

fn zone_time(app: &Companion, date: NaiveDate, t: NaiveTime) -> DateTime<Utc> {
    eventide_core::zone::resolve_local(app.zone_rules().as_ref(), date.and_time(t))
}

fn zone_noon(app: &Companion, date: NaiveDate) -> DateTime<Utc> {
    zone_time(
        app,
        date,
        NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN),
    )
}
