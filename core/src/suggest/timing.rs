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
/// time, or about the dose once it was already taken about two hours before bed on most of
/// those nights (judged from when each dose was really taken, not from the reminder setting).
pub(super) fn grogginess(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let Slot::Evening { lead_minutes } = med.medication.slot else {
        return None;
    };
    let groggy: Vec<NaiveDate> = f
        .recent_nights()
        .filter(|&n| {
            med.nights_on_dose(n)
                .is_none_or(|k| k > GROGGY_GRACE_NIGHTS)
        })
        .filter(|&n| {
            med.taken(n).is_some()
                && f.checkin(n + Duration::days(1))
                    .is_some_and(|c| c.feeling == Feeling::Groggy)
        })
        .collect();
    if groggy.len() < GROGGY_MORNINGS {
        return None;
    }
    let mut evidence: Vec<(Option<NaiveDate>, String)> = groggy
        .iter()
        .map(|&n| {
            let morning = n + Duration::days(1);
            let amount = med.taken(n).unwrap_or_default();
            (
                Some(morning),
                format!("{}: groggy after {amount} the night before", day(morning)),
            )
        })
        .collect();
    let before_bed: Vec<i64> = groggy
        .iter()
        .filter_map(|&n| med.record(n)?.minutes_before_bed)
        .collect();
    let full = i64::from(FULL_LEAD_MINUTES) - DOSE_TIME_SLACK_MINUTES;
    let early_enough = before_bed.iter().filter(|m| **m >= full).count();
    // Most groggy nights already about two hours before bed: the question is the dose. Only
    // when no taking time is known does the reminder setting decide.
    let already_early = if before_bed.is_empty() {
        lead_minutes >= FULL_LEAD_MINUTES
    } else {
        early_enough * 2 > before_bed.len()
    };
    let kind = if already_early {
        SuggestionKind::AskAboutDoseReview
    } else {
        SuggestionKind::AskAboutEarlierDoseTime
    };
    if !before_bed.is_empty() {
        let average = before_bed.iter().sum::<i64>() / before_bed.len() as i64;
        evidence.push((
            None,
            format!("Taken on average {average} minutes before bedtime on those nights"),
        ));
    }
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
