//! A dose card's buttons (issue #15): every button the core draws on a card is one it then
//! accepts from `handle_action(card key, button action)` — the one path both phones' cards
//! use — and what it leaves out (Taken on a missed dose, Snooze with no room left) it refuses.
//! Walked through an evening every ten minutes, after each thing the user may have done first.

mod common;

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{NewMedication, Slot};
use eventide_core::notify::NotificationAction;
use eventide_core::plan::PlanKind;
use eventide_core::units::Micrograms;
use eventide_core::{Companion, Error};

/// London summer time (UTC+1), June 2026.
fn bst(d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, d, h, min, 0).unwrap() - Duration::hours(1)
}

/// Amitriptyline 10 mg, reminded at 21:00 for a 22:30 bedtime, latest time 00:30.
fn app(history: &[(DateTime<Utc>, NotificationAction)]) -> Companion {
    let app = Companion::in_memory(common::zone("Europe/London")).unwrap();
    app.set_bedtime(NaiveTime::from_hms_opt(22, 30, 0).unwrap(), &[])
        .unwrap();
    let now = bst(1, 12, 0);
    let med = app
        .add_medication(
            NewMedication {
                name: "Amitriptyline".into(),
                ingredient: Some(Ingredient::Amitriptyline),
                tablet_mg: vec![10.0],
                can_halve: false,
                liquid_mg_per_5ml: vec![],
                slot: Slot::Evening { lead_minutes: 90 },
            },
            now,
        )
        .unwrap();
    app.set_plan(
        med.id,
        PlanKind::Maintenance {
            dose: Micrograms(10_000),
        },
        None,
        &[],
        now,
    )
    .unwrap();
    for (at, action) in history {
        let key = &app.today(*at).unwrap().doses[0].key;
        // Some histories are refused at their moment (that is fine: nothing was recorded).
        let _ = app.handle_action(key, *action, *at);
    }
    app
}

#[test]
fn every_button_a_card_draws_is_accepted_and_every_one_left_out_is_refused() {
    use NotificationAction::*;
    let histories: Vec<Vec<(DateTime<Utc>, NotificationAction)>> = vec![
        vec![],
        vec![(bst(1, 21, 5), Snooze)],
        vec![(bst(1, 20, 30), Skip)],
        vec![(bst(1, 21, 2), Taken)],
    ];
    let mut seen = std::collections::BTreeSet::new();
    for history in &histories {
        let mut now = bst(1, 15, 0);
        while now <= bst(2, 2, 0) {
            let before = history.iter().all(|(at, _)| *at <= now);
            if !before {
                now += Duration::minutes(10);
                continue;
            }
            let today = app(history).today(now).unwrap();
            let Some(card) = today.doses.first() else {
                now += Duration::minutes(10);
                continue;
            };
            for action in [Taken, Snooze, Skip] {
                let button = card.buttons.iter().find(|b| b.action == action);
                seen.insert((
                    card.status_text.clone(),
                    format!("{action:?}"),
                    button.map(|b| b.enabled),
                ));
                // A fresh phone with the same history: the tap as the card would make it.
                let replica = app(history);
                let key = replica.today(now).unwrap().doses[0].key.clone();
                let result = replica.handle_action(&key, action, now);
                let when = format!("{} at {now} ({})", card.status_text, action.code());
                match button {
                    Some(b) if b.enabled => match result {
                        Ok(_) => {}
                        // Taken is drawn before the dose's window opens: the core says from when.
                        Err(Error::Conflict { reason })
                            if action == Taken && now < bst(1, 19, 0) =>
                        {
                            assert!(reason.contains("from 19:00"), "{when}: {reason}");
                        }
                        Err(e) => panic!("{when}: drawn enabled but refused: {e}"),
                    },
                    Some(_) => assert!(result.is_err(), "{when}: drawn disabled but accepted"),
                    // Not offered, though the core takes them: a skip after the latest time, and
                    // a snooze before the reminder (a notification's button once it is due).
                    None if action == Skip => {}
                    None if action == Snooze && card.status_text == "Upcoming" => {}
                    None if card.status_text.starts_with("Taken") && action == Taken => {
                        // Taken again records nothing.
                        assert!(result.is_ok(), "{when}");
                    }
                    None => assert!(result.is_err(), "{when}: left out but accepted"),
                }
            }
            now += Duration::minutes(10);
        }
    }
    // The walk met every kind of card.
    for status in [
        "Upcoming",
        "Due now",
        "Snoozed until",
        "Skipped at",
        "Taken at",
        "Missed",
    ] {
        assert!(
            seen.iter().any(|(s, _, _)| s.starts_with(status)),
            "{status} never seen: {seen:?}"
        );
    }
    assert!(
        seen.iter()
            .any(|(_, a, e)| a == "Snooze" && *e == Some(false)),
        "a snooze with no room left was never drawn disabled"
    );
}

#[test]
fn a_missed_dose_shows_the_guidance_and_no_buttons() {
    let today = app(&[]).today(bst(2, 1, 0)).unwrap();
    let card = &today.doses[0];
    assert_eq!(card.status_text, "Missed");
    assert!(card.buttons.is_empty());
    assert!(card.guidance.is_some());
    assert_eq!(card.reminder_text, "Reminder 21:00");
}
