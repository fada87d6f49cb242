//! Gathering what the rules look at from the store: each medicine's nights, the check-ins
//! and the review cycle.

use super::*;

/// Gathers the facts from the store as of `now`.
pub fn facts(t: &Tables<'_>, zone: &dyn ZoneRules, now: DateTime<Utc>) -> Result<Facts> {
    facts_from(t, &Snapshot::load(t)?, zone, now)
}

/// The facts as of `now`, from settings and plans already loaded (`snap`) and the logs in `t`.
pub(crate) fn facts_from(
    t: &Tables<'_>,
    snap: &Snapshot,
    zone: &dyn ZoneRules,
    now: DateTime<Utc>,
) -> Result<Facts> {
    let Snapshot {
        settings,
        meds,
        plans,
        plan_events,
    } = snap;
    let tonight = schedule::night_of(settings, zone, now);
    let first = tonight - Duration::days(HISTORY_NIGHTS);
    let evidence_from = tonight - Duration::days(EVIDENCE_NIGHTS);
    let events = t.dose_events(evidence_from, tonight)?;
    let checkins = t.checkins(evidence_from, tonight + Duration::days(1))?;
    let mut histories = Vec::new();
    for med in meds {
        let mine: Vec<plan::Plan> = plans
            .iter()
            .filter(|p| p.medication_id == med.id)
            .cloned()
            .collect();
        if mine.is_empty() {
            continue;
        }
        // The steps of each plan version in force on some night of the window, worked out
        // once rather than once per night; versions replaced before the window are skipped.
        let first_in_force = plan::plan_on(&mine, first).map(|p| p.id);
        let steps: Vec<(Uuid, Vec<plan::Step>)> = mine
            .iter()
            .filter(|p| {
                Some(p.id) == first_in_force || (p.starts_on > first && p.starts_on <= tonight)
            })
            .map(|p| {
                (
                    p.id,
                    plan::steps(p, med, plan_events, tonight, Horizon::Confirmed),
                )
            })
            .collect();
        let mut nights = Vec::new();
        for night in first.iter_days().take_while(|n| *n <= tonight) {
            let in_force = plan::plan_on(&mine, night);
            let planned = in_force
                .and_then(|p| steps.iter().find(|(id, _)| *id == p.id))
                .and_then(|(_, s)| plan::step_on(s, night))
                .map(|s| s.dose)
                .unwrap_or_default();
            let at_target = matches!(in_force.map(|p| &p.kind), Some(PlanKind::Titration { target, .. }) if *target == planned);
            let status = if night >= evidence_from && night < tonight && !planned.is_zero() {
                schedule::occurrences_on(settings, zone, med, night)
                    .first()
                    .map(|o| doselog::status(o, &events, now))
            } else {
                None
            };
            nights.push(NightRecord {
                night,
                planned,
                taper: in_force.is_some_and(|p| p.kind.is_taper()),
                at_target,
                status,
            });
        }
        let taper = plan::plan_on(&mine, tonight)
            .filter(|p| p.kind.is_taper())
            .or_else(|| {
                mine.iter()
                    .filter(|p| p.kind.is_taper() && p.starts_on > tonight)
                    .min_by_key(|p| p.starts_on)
            });
        let taper_span = taper.map(|p| {
            let steps = plan::steps(p, med, plan_events, tonight, Horizon::Confirmed);
            (
                p.starts_on,
                steps.iter().find(|s| s.dose.is_zero()).map(|s| s.from),
            )
        });
        histories.push(MedHistory {
            medication: med.clone(),
            nights,
            taper_span,
        });
    }
    Ok(Facts {
        tonight,
        meds: histories,
        checkins,
        review: review::status_with(t, plans)?,
    })
}
