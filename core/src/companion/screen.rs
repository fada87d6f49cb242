//! The home screen and the notifications that should be pending, computed from one snapshot.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::sync::Arc;

use super::plans::{plan_view, step_take};
use super::{Derived, Snapshot};
use crate::breakdown::breakdown;
use crate::card;
use crate::doselog::{self, DoseStatus};
use crate::error::Result;
use crate::medication::{Medication, Slot};
use crate::notify::{self, Category, DesiredNotification, NotificationAction, NotificationKind};
use crate::schedule::{self, Occurrence};
use crate::store::Tables;
use crate::suggest;
use crate::units::Micrograms;
use crate::view::{CheckinCard, DoseCard, Today};
use crate::zone::{to_local, ZoneRules};

fn dose_card(
    med: &Medication,
    occ: &Occurrence,
    dose: Micrograms,
    status: DoseStatus,
    zone: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> DoseCard {
    let (breakdown, breakdown_problem) = match breakdown(med, dose) {
        Ok(b) => (Some(b), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let slot_label = match &med.slot {
        Slot::Times { .. } => to_local(zone, occ.due).format("%H:%M").to_string(),
        s => s.label(),
    };
    let reminder_at = to_local(zone, occ.due);
    DoseCard {
        key: occ.key(),
        medication_id: med.id,
        medication_name: med.name.clone(),
        slot_label,
        slot_index: occ.slot_index,
        night: occ.night,
        dose,
        breakdown,
        breakdown_problem,
        reminder_at,
        cutoff: to_local(zone, occ.cutoff),
        guidance: (status == DoseStatus::Missed)
            .then(|| crate::tap::guidance(med))
            .flatten(),
        status_text: card::status_text(&status, zone),
        reminder_text: card::reminder_text(reminder_at),
        buttons: card::buttons(&format!("{} {dose}", med.name), occ, dose, &status, now),
        status,
    }
}

/// Today's screen, read from `t` (one read transaction), reusing what `derived` kept from an
/// earlier call when the database has not changed since.
pub(super) fn today_from(
    t: &Tables<'_>,
    derived: &mut Option<Derived>,
    zone: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Result<Today> {
    let generation = t.generation()?;
    let (snap, kept_suggestions, mut on_hand, kept_plans) =
        match derived.take().filter(|d| d.generation == generation) {
            Some(d) => (d.snapshot, d.suggestions, d.on_hand, d.plans),
            None => (Arc::new(Snapshot::load(t)?), None, None, None),
        };
    let night = schedule::night_of(&snap.settings, zone, now);
    let morning = schedule::morning_of(zone, now);
    // A card's day is tonight, or today's date for morning and fixed-time medicines (at most
    // a day later): the log of those nights is all the cards need.
    let events = t.dose_events(night - Duration::days(1), night + Duration::days(1))?;

    let mut doses = Vec::new();
    for med in &snap.meds {
        let day = schedule::current_day_for(&snap.settings, zone, med, now);
        for occ in schedule::occurrences_on(&snap.settings, zone, med, day) {
            let dose = snap.dose_on(med, day, day);
            if dose.is_zero() {
                continue;
            }
            // A dose due before the medicine was added, left unrecorded, was never asked.
            let Some(status) = doselog::asked_status(&occ, &events, now) else {
                continue;
            };
            doses.push(dose_card(med, &occ, dose, status, zone, now));
        }
    }
    doses.sort_by_key(|d| d.reminder_at);

    // A plan card depends on the saved plans and on the medicine's day alone.
    let planned: Vec<(&Medication, NaiveDate)> = snap
        .meds
        .iter()
        .filter(|med| snap.plans.iter().any(|p| p.medication_id == med.id))
        .map(|med| {
            (
                med,
                schedule::current_day_for(&snap.settings, zone, med, now),
            )
        })
        .collect();
    let days: Vec<NaiveDate> = planned.iter().map(|(_, day)| *day).collect();
    let plans = match kept_plans.filter(|(on, _)| *on == days) {
        Some((_, kept)) => kept,
        None => planned
            .iter()
            .map(|(med, day)| plan_view(&snap, med, *day))
            .collect::<Result<Vec<_>>>()?,
    };

    let answer = t.checkin(morning)?;
    let (suggestions, keep) = match kept_suggestions.filter(|(on, _)| *on == night) {
        Some((_, kept)) => (kept.clone(), Some((night, kept))),
        None => {
            let facts = suggest::facts_from(t, &snap, zone, now)?;
            let shown = suggest::shown(t, &facts)?;
            // Open doses (snoozed, or still within their cutoff) change with the clock alone.
            let keep = facts.settled().then(|| (night, shown.clone()));
            (shown, keep)
        }
    };
    let supplies = crate::supplies::for_today(t, &snap, zone, now, &mut on_hand)?;
    crate::supplies::prefer_stock(&supplies, &snap.meds, &mut doses);
    *derived = Some(Derived {
        generation,
        snapshot: snap.clone(),
        suggestions: keep,
        on_hand,
        plans: Some((days, plans.clone())),
    });
    let next_notification = desired(&snap, t, zone, now, 2, Some(&supplies), notify::MAX_PENDING)?
        .into_iter()
        .next();
    Ok(Today {
        now_local: to_local(zone, now),
        night,
        doses,
        plans,
        checkin: CheckinCard { morning, answer },
        suggestions,
        next_notification,
        supplies,
    })
}

/// The notifications that should be pending for the next `days` days, the `limit` soonest
/// (the reminder planner takes them all and chooses).
pub(crate) fn desired(
    snap: &Snapshot,
    t: &Tables<'_>,
    zone: &dyn ZoneRules,
    now: DateTime<Utc>,
    days: u32,
    supplies: Option<&[crate::supplies::SupplyForecast]>,
    limit: usize,
) -> Result<Vec<DesiredNotification>> {
    let today = schedule::local_date(zone, now);
    let first = today - Duration::days(1);
    let last = today + Duration::days(i64::from(days));
    let events = t.dose_events(first, last)?;
    let mut out = Vec::new();
    // What to take is worked out once per medicine and dose (the reminder horizon is weeks).
    let mut takes: std::collections::HashMap<(uuid::Uuid, Micrograms), String> =
        std::collections::HashMap::new();
    for occ in schedule::occurrences_between(&snap.settings, zone, &snap.meds, first, last) {
        let Ok(med) = snap.med(occ.medication_id) else {
            continue;
        };
        let dose = snap.dose_on(
            med,
            occ.night,
            schedule::current_day_for(&snap.settings, zone, med, now).min(occ.night),
        );
        if dose.is_zero() {
            continue;
        }
        // A dose is reminded at its wall-clock time; a snooze at a fixed instant.
        let (fire_at, follows_clock) = match doselog::status(&occ, &events, now) {
            DoseStatus::Upcoming => (occ.due, true),
            DoseStatus::Snoozed { until } => (until, false),
            _ => continue,
        };
        // Never a reminder for a dose that can no longer be taken.
        if fire_at >= occ.cutoff {
            continue;
        }
        let id = occ.key();
        let take = takes
            .entry((med.id, dose))
            .or_insert_with(|| step_take(med, dose))
            .clone();
        let by = match med.slot {
            Slot::Evening { .. } => format!(
                " Take it by {}.",
                to_local(zone, occ.cutoff).format("%H:%M")
            ),
            _ => String::new(),
        };
        out.push(DesiredNotification {
            numeric_id: notify::numeric_id(&id),
            id,
            kind: NotificationKind::Dose,
            fire_at,
            fire_at_local: to_local(zone, fire_at),
            title: format!("{} {dose}", med.name),
            body: format!("Time for your {} dose: {take}.{by}", med.slot.label()),
            medication_id: Some(med.id),
            medication_name: Some(med.name.clone()),
            date: occ.night,
            actions: NotificationAction::DOSE.to_vec(),
            category: Category::of_slot(&med.slot),
            wall_clock: follows_clock.then(|| to_local(zone, fire_at).naive_local()),
        });
    }
    let has_plans = !snap.plans.is_empty();
    if has_plans {
        let answered = t.checkins(first, last)?;
        for morning in first.iter_days().take_while(|d| *d <= last) {
            if answered.iter().any(|c| c.morning == morning) {
                continue;
            }
            let fire_at =
                crate::zone::resolve_local(zone, morning.and_time(snap.settings.checkin_time));
            let id = format!("checkin:{morning}");
            out.push(DesiredNotification {
                numeric_id: notify::numeric_id(&id),
                id,
                kind: NotificationKind::Checkin,
                fire_at,
                fire_at_local: to_local(zone, fire_at),
                title: "Good morning".into(),
                body: "How was your night?".into(),
                medication_id: None,
                medication_name: None,
                date: morning,
                actions: NotificationAction::CHECKIN.to_vec(),
                category: Category::Checkin,
                wall_clock: Some(to_local(zone, fire_at).naive_local()),
            });
        }
    }
    out.extend(crate::review::notification(
        t,
        &snap.plans,
        &snap.settings,
        zone,
        today,
        last,
    )?);
    // Refill reminders, from the forecasts `today` already worked out when it has them.
    out.extend(crate::supplies::refill_notifications(
        t, snap, zone, now, last, supplies,
    )?);
    Ok(notify::bound(out, now, limit))
}
