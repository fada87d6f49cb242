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
            let plan = match in_force.map(|p| &p.kind) {
                None => NightPlan::None,
                Some(PlanKind::Titration { target, .. }) => {
                    NightPlan::Titration { target: *target }
                }
                Some(PlanKind::Maintenance { .. }) => NightPlan::Maintenance,
                Some(PlanKind::Taper { .. }) => NightPlan::Taper,
            };
            let (status, minutes_before_bed) =
                if night >= evidence_from && night < tonight && !planned.is_zero() {
                    // A dose never asked of the user (due before the medicine was added) is
                    // neither missed nor counted.
                    let status = schedule::occurrences_on(settings, zone, med, night)
                        .first()
                        .and_then(|o| doselog::asked_status(o, &events, now));
                    let before_bed = match (&status, &med.slot) {
                        (Some(DoseStatus::Taken { at, .. }), Slot::Evening { .. }) => {
                            let bed = crate::zone::resolve_local(
                                zone,
                                schedule::bedtime_local(settings, night),
                            );
                            Some((bed - at.with_timezone(&Utc)).num_minutes())
                        }
                        _ => None,
                    };
                    (status, before_bed)
                } else {
                    (None, None)
                };
            nights.push(NightRecord {
                night,
                planned,
                plan,
                status,
                minutes_before_bed,
            });
        }
        let in_force = plan::plan_on(&mine, tonight);
        let tonight_steps = in_force.map(|p| {
            (
                p,
                plan::steps(p, med, plan_events, tonight, Horizon::Confirmed),
            )
        });
        let next_step = tonight_steps.as_ref().and_then(|(_, steps)| {
            steps
                .iter()
                .find(|s| s.from > tonight)
                .map(|s| (s.from, s.dose))
        });
        // "Stay on this dose and ask my prescriber", chosen inside tonight's titration step.
        let stayed_on = tonight_steps.as_ref().and_then(|(p, steps)| {
            let step = plan::step_on(steps, tonight)?;
            plan_events
                .iter()
                .filter(|e| {
                    e.plan_id == p.id
                        && e.kind == plan::PlanEventKind::Stay
                        && step.contains(e.night)
                })
                .map(|e| e.night)
                .max()
        });
        let pain_baseline = match mine.iter().map(|p| p.starts_on).min() {
            Some(first_night) if first_night <= tonight => pain_baseline(t, first_night)?,
            _ => None,
        };
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
            next_step,
            stayed_on,
            pain_baseline,
        });
    }
    Ok(Facts {
        tonight,
        meds: histories,
        checkins,
        review: review::status_with(t, plans)?,
    })
}

/// The pain baseline of a medicine first planned on `first_night`: the average of the mornings
/// of the week before it (up to and including that night's own morning), else of its first
/// week, whichever first has [`PAIN_BASELINE_MIN_SCORES`] scores.
fn pain_baseline(t: &Tables<'_>, first_night: NaiveDate) -> Result<Option<PainBaseline>> {
    let before = (first_night - Duration::days(6), first_night);
    let after = (
        first_night + Duration::days(1),
        first_night + Duration::days(7),
    );
    let checkins = t.checkins(before.0, after.1)?;
    let week = |(from, to): (NaiveDate, NaiveDate), before_first_dose: bool| {
        let scores: Vec<u8> = checkins
            .iter()
            .filter(|c| c.morning >= from && c.morning <= to)
            .filter_map(|c| c.pain)
            .collect();
        (scores.len() >= PAIN_BASELINE_MIN_SCORES).then(|| PainBaseline {
            tenths: tenths(scores.iter().copied()),
            scores: scores.len(),
            from,
            to,
            before_first_dose,
        })
    };
    Ok(week(before, true).or_else(|| week(after, false)))
}
