//! Side effects: the first weeks of a new dose, and side effects that carry on at a steady one.

use super::*;

/// A symptom the side-effect rules count: a side effect (or either kind), but not one that
/// needs help now (those have their own rule).
pub(super) fn is_side_effect(s: Symptom) -> bool {
    matches!(s.group(), SymptomGroup::SideEffect | SymptomGroup::Either) && s.urgency().is_none()
}

fn side_effects_of(c: &CheckIn) -> Vec<Symptom> {
    c.effects
        .iter()
        .copied()
        .filter(|s| is_side_effect(*s))
        .collect()
}

/// Side effects in the first weeks of a new, higher dose → they often ease; keep a record.
pub(super) fn early_side_effects(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let evidence: Vec<(Option<NaiveDate>, String)> = f
        .recent_nights()
        .filter(|&n| {
            let Some(start) = med.run_start(n) else {
                return false;
            };
            let new_and_higher = med.planned(n) > med.planned(start - Duration::days(1))
                && !med.planned(n).is_zero();
            new_and_higher && (n - start).num_days() < EARLY_DAYS_NIGHTS && med.taken(n).is_some()
        })
        .filter_map(|n| {
            let morning = n + Duration::days(1);
            let effects: Vec<Symptom> = f
                .checkin(morning)?
                .effects
                .iter()
                .copied()
                .filter(|s| is_side_effect(*s))
                .collect();
            (!effects.is_empty()).then(|| {
                (
                    Some(morning),
                    format!(
                        "{}: {} (on {})",
                        day(morning),
                        labels(&effects),
                        med.planned(n)
                    ),
                )
            })
        })
        .collect();
    (evidence.len() >= EARLY_EFFECT_MORNINGS).then(|| {
        let id = format!(
            "{}:{}",
            SuggestionKind::SideEffectsEarlyDays.code(),
            med.medication.id
        );
        make(
            SuggestionKind::SideEffectsEarlyDays,
            id,
            Some(&med.medication),
            evidence,
            &[],
        )
    })
}

/// Side effects on at least half of the mornings answered in the last two weeks, on a dose
/// held past its first weeks → ask about these side effects. Missing check-ins neither count
/// for nor against, and the mornings need not be in a row.
pub(super) fn persistent_side_effects(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let dose = med.planned(f.tonight);
    if dose.is_zero() || med.is_taper_night(f.tonight) {
        return None;
    }
    let steady = med
        .nights_on_dose(f.tonight)
        .is_none_or(|k| k > EARLY_DAYS_NIGHTS);
    if !steady {
        return None;
    }
    let mornings: Vec<NaiveDate> = (1..=PERSISTENT_WINDOW_MORNINGS)
        .rev()
        .map(|back| f.tonight - Duration::days(back) + Duration::days(1))
        .collect();
    let answered: Vec<&CheckIn> = mornings.iter().filter_map(|m| f.checkin(*m)).collect();
    let mut evidence: Vec<(Option<NaiveDate>, String)> = answered
        .iter()
        .filter_map(|c| {
            let effects = side_effects_of(c);
            (!effects.is_empty()).then(|| {
                (
                    Some(c.morning),
                    format!("{}: {}", day(c.morning), labels(&effects)),
                )
            })
        })
        .collect();
    let with = evidence.len();
    if with < PERSISTENT_MIN_MORNINGS || with * 2 < answered.len() {
        return None;
    }
    evidence.push((
        None,
        format!(
            "Side effects on {with} of the {} mornings answered in the last two weeks, all on {dose} every night",
            answered.len()
        ),
    ));
    let id = format!(
        "{}:{}",
        SuggestionKind::PersistentSideEffects.code(),
        med.medication.id
    );
    Some(make(
        SuggestionKind::PersistentSideEffects,
        id,
        Some(&med.medication),
        evidence,
        &[],
    ))
}
