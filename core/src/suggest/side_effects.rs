//! Side effects: the first weeks of a new dose.

use super::*;

pub(super) fn is_side_effect(s: Symptom) -> bool {
    matches!(s.group(), SymptomGroup::SideEffect | SymptomGroup::Either)
        && !URGENT_SYMPTOMS.contains(&s)
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
