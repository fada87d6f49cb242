//! Reviews: a fair trial of a dose, the regular review with the prescriber, and tapers that
//! overlap.

use super::*;

/// Six weeks at a titration's target dose → ask whether it is helping enough.
pub(super) fn fair_trial(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let tonight = f.tonight;
    let dose = med.planned(tonight);
    if dose.is_zero() {
        return None;
    }
    let start = med.run_start(tonight)?;
    let nights = (tonight - start).num_days();
    let reached_target = med.nights.iter().any(|r| r.night >= start && r.at_target);
    if !reached_target || !(FAIR_TRIAL_NIGHTS..=FAIR_TRIAL_SHOWN_UNTIL_NIGHTS).contains(&nights) {
        return None;
    }
    let complete = start + Duration::days(FAIR_TRIAL_NIGHTS);
    if f.review.last_review.is_some_and(|r| r >= complete) {
        return None;
    }
    let evidence = vec![(
        Some(complete),
        format!(
            "On {dose} every night since {} ({nights} nights)",
            day(start)
        ),
    )];
    let id = format!(
        "{}:{}:{start}",
        SuggestionKind::FairTrialReview.code(),
        med.medication.id
    );
    Some(make(
        SuggestionKind::FairTrialReview,
        id,
        Some(&med.medication),
        evidence,
        &[],
    ))
}

/// The review interval has passed since the last review.
pub(super) fn review_due(f: &Facts) -> Option<Suggestion> {
    let due = f.review.due_on.filter(|d| *d <= f.tonight)?;
    let line = match f.review.last_review {
        Some(r) => format!("Last review recorded on {}", day(r)),
        None => format!(
            "No review recorded since the first plan started on {}",
            f.review.counting_from.map(day).unwrap_or_default()
        ),
    };
    let evidence = vec![(Some(due), format!("{line}; due {}", day(due)))];
    let id = format!("{}:{due}", SuggestionKind::ReviewDue.code());
    Some(make(
        SuggestionKind::ReviewDue,
        id,
        None,
        evidence,
        &[("months", f.review.interval_months.to_string())],
    ))
}

/// Two tapers over overlapping weeks.
pub(super) fn overlapping_tapers(f: &Facts) -> Option<Suggestion> {
    let spans: Vec<(&MedHistory, NaiveDate, NaiveDate)> = f
        .meds
        .iter()
        .filter_map(|m| {
            m.taper_span
                .map(|(s, e)| (m, s, e.unwrap_or(NaiveDate::MAX)))
        })
        .filter(|(_, _, end)| *end > f.tonight)
        .collect();
    let mut names: BTreeMap<String, (NaiveDate, NaiveDate)> = BTreeMap::new();
    for (i, (a, a_start, a_end)) in spans.iter().enumerate() {
        for (b, b_start, b_end) in spans.iter().skip(i + 1) {
            if a_start < b_end && b_start < a_end {
                names.insert(a.medication.name.clone(), (*a_start, *a_end));
                names.insert(b.medication.name.clone(), (*b_start, *b_end));
            }
        }
    }
    if names.len() < 2 {
        return None;
    }
    let evidence: Vec<(Option<NaiveDate>, String)> = names
        .iter()
        .map(|(name, (start, end))| {
            let until = if *end == NaiveDate::MAX {
                "an open end".to_string()
            } else {
                day(*end)
            };
            (
                Some(*start),
                format!("{name}: taper from {} to {until}", day(*start)),
            )
        })
        .collect();
    let list: Vec<&str> = names.keys().map(String::as_str).collect();
    let id = SuggestionKind::OneTaperAtATime.code().to_string();
    Some(make(
        SuggestionKind::OneTaperAtATime,
        id,
        None,
        evidence,
        &[("medications", list.join(" and "))],
    ))
}
