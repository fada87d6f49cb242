//! Timing: when the evening dose is taken and what the mornings after say (sleeping badly,
//! grogginess), and a missed dose.

use super::*;

/// Repeated bad nights after taking an evening dose → ask about taking it in the morning.
pub(super) fn morning_dosing(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    if !med.is_evening() {
        return None;
    }
    let evidence: Vec<(Option<NaiveDate>, String)> = f
        .recent_nights()
        .filter(|&n| {
            !med.is_taper_night(n)
                && med
                    .nights_since_start(n)
                    .is_none_or(|k| k > NEW_DOSE_SETTLING_NIGHTS)
        })
        .filter_map(|n| {
            let amount = med.taken(n)?;
            let morning = n + Duration::days(1);
            (f.checkin(morning)?.feeling == Feeling::SleptBadly).then(|| {
                (
                    Some(morning),
                    format!(
                        "{}: slept badly after {amount} the night before",
                        day(morning)
                    ),
                )
            })
        })
        .collect();
    (evidence.len() >= MORNING_DOSING_BAD_NIGHTS).then(|| {
        let id = format!(
            "{}:{}",
            SuggestionKind::AskAboutMorningDosing.code(),
            med.medication.id
        );
        make(
            SuggestionKind::AskAboutMorningDosing,
            id,
            Some(&med.medication),
            evidence,
            &[],
        )
    })
}

/// Groggy mornings that outlast the first two weeks on a dose → ask about an earlier dose
/// time, or about the dose once the lead is already two hours.
pub(super) fn grogginess(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let Slot::Evening { lead_minutes } = med.medication.slot else {
        return None;
    };
    let mut evidence: Vec<(Option<NaiveDate>, String)> = f
        .recent_nights()
        .filter(|&n| {
            med.nights_on_dose(n)
                .is_none_or(|k| k > GROGGY_GRACE_NIGHTS)
        })
        .filter_map(|n| {
            let amount = med.taken(n)?;
            let morning = n + Duration::days(1);
            (f.checkin(morning)?.feeling == Feeling::Groggy).then(|| {
                (
                    Some(morning),
                    format!("{}: groggy after {amount} the night before", day(morning)),
                )
            })
        })
        .collect();
    if evidence.len() < GROGGY_MORNINGS {
        return None;
    }
    let kind = if lead_minutes < FULL_LEAD_MINUTES {
        SuggestionKind::AskAboutEarlierDoseTime
    } else {
        SuggestionKind::AskAboutDoseReview
    };
    evidence.push((
        None,
        format!("Reminded {lead_minutes} minutes before bedtime"),
    ));
    Some(make(
        kind,
        format!("{}:{}", kind.code(), med.medication.id),
        Some(&med.medication),
        evidence,
        &[],
    ))
}

/// Last night's evening dose was missed → do not double up tonight.
pub(super) fn missed_dose(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    if !med.is_evening() || med.planned(f.tonight).is_zero() {
        return None;
    }
    let last = f.tonight - Duration::days(1);
    let missed = matches!(
        med.record(last).and_then(|r| r.status.as_ref()),
        Some(DoseStatus::Missed)
    );
    missed.then(|| {
        let evidence = vec![(
            Some(last),
            format!("{}: no dose of {} recorded", day(last), med.planned(last)),
        )];
        let id = format!(
            "{}:{}:{last}",
            SuggestionKind::MissedDoseGuidance.code(),
            med.medication.id
        );
        make(
            SuggestionKind::MissedDoseGuidance,
            id,
            Some(&med.medication),
            evidence,
            &[],
        )
    })
}
