//! Reviews: a fair trial of a dose and whether the pain has changed, pain noticeably better
//! during a build-up, a chosen stay on a dose, the regular review with the prescriber, and
//! tapers that overlap.

use super::*;

/// How far the recent pain is below the baseline, in whole percent (negative when higher);
/// `None` when the baseline is 0 and cannot fall.
fn percent_fall(baseline_tenths: u32, recent_tenths: u32) -> Option<i64> {
    let b = i64::from(baseline_tenths);
    if b == 0 {
        return None;
    }
    let diff = b - i64::from(recent_tenths);
    // Rounded to the nearest whole percent, halves away from zero.
    Some((diff * 200 + b * diff.signum()) / (2 * b))
}

/// The evidence lines comparing the recent pain with the baseline, and the fall in percent.
fn pain_lines(f: &Facts, med: &MedHistory) -> Option<(Evidence, i64)> {
    let b = med.pain_baseline?;
    let (recent, scores, _, last) = f.recent_pain()?;
    let fall = percent_fall(b.tenths, recent)?;
    let when = if b.before_first_dose {
        "the week before starting"
    } else {
        "the first week on it"
    };
    let change = match fall {
        0 => "the same".to_string(),
        x if x > 0 => format!("down {x}%"),
        x => format!("up {}%", -x),
    };
    Some((
        vec![
            (
                None,
                format!(
                    "Pain in {when}: {} out of 10 on average ({} mornings, {} to {})",
                    points(b.tenths),
                    b.scores,
                    day(b.from),
                    day(b.to)
                ),
            ),
            (
                Some(last),
                format!(
                    "Pain in the last week: {} out of 10 on average ({scores} mornings), {change}",
                    points(recent)
                ),
            ),
        ],
        fall,
    ))
}

/// Six weeks or more on one dose of a titration (at its target, or paused below it) or of a
/// steady plan → ask whether it is helping enough; when the pain is recorded and has not fallen
/// meaningfully, ask whether the medicine is helping at all.
pub(super) fn fair_trial(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let tonight = f.tonight;
    let record = med.record(tonight)?;
    let dose = record.planned;
    if dose.is_zero() {
        return None;
    }
    let titration_target = match record.plan {
        NightPlan::Titration { target } => Some(target),
        NightPlan::Maintenance => None,
        NightPlan::Taper | NightPlan::None => return None,
    };
    let trial = med
        .rules()
        .map(|r| r.fair_trial_nights)
        .unwrap_or(FAIR_TRIAL_NIGHTS);
    let start = med.run_start(tonight)?;
    let nights = (tonight - start).num_days();
    if !(trial..=FAIR_TRIAL_SHOWN_UNTIL_NIGHTS).contains(&nights) {
        return None;
    }
    // A taper step held this long is not a trial of the dose.
    if med
        .nights
        .iter()
        .any(|r| r.night >= start && (r.is_taper() || r.plan == NightPlan::None))
    {
        return None;
    }
    let complete = start + Duration::days(trial);
    if f.review.last_review.is_some_and(|r| r >= complete) {
        return None;
    }
    let mut evidence = vec![(
        Some(complete),
        format!(
            "On {dose} every night since {} ({nights} nights)",
            day(start)
        ),
    )];
    if let Some(target) = titration_target.filter(|t| dose < *t) {
        evidence.push((
            None,
            format!("The titration has stayed at this dose; its target is {target}"),
        ));
    }
    let mut kind = SuggestionKind::FairTrialReview;
    if let Some((lines, fall)) = pain_lines(f, med) {
        evidence.extend(lines);
        if fall < i64::from(PAIN_MEANINGFUL_FALL_PERCENT) {
            kind = SuggestionKind::AskWhetherHelping;
        }
    }
    let id = format!("{}:{}:{start}", kind.code(), med.medication.id);
    Some(make(
        kind,
        id,
        Some(&med.medication),
        evidence,
        &[("dose", dose.to_string())],
    ))
}

/// During a titration below its target, the recent pain is meaningfully below the baseline →
/// ask whether to stay at this dose rather than go on up.
pub(super) fn pain_noticeably_better(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let record = med.record(f.tonight)?;
    let NightPlan::Titration { target } = record.plan else {
        return None;
    };
    let dose = record.planned;
    if dose.is_zero() || dose >= target {
        return None;
    }
    let (lines, fall) = pain_lines(f, med)?;
    if fall < i64::from(PAIN_MEANINGFUL_FALL_PERCENT) {
        return None;
    }
    let id = format!(
        "{}:{}:{}",
        SuggestionKind::PainNoticeablyBetter.code(),
        med.medication.id,
        dose.0
    );
    Some(make(
        SuggestionKind::PainNoticeablyBetter,
        id,
        Some(&med.medication),
        lines,
        &[("dose", dose.to_string())],
    ))
}

/// The user chose to stay on this titration dose and ask the prescriber → the question to take.
pub(super) fn staying_on_dose(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let night = med.stayed_on?;
    let dose = med.planned(f.tonight);
    if dose.is_zero() {
        return None;
    }
    let evidence = vec![(
        Some(night),
        format!(
            "{}: chose to stay on {dose} and ask before stepping up",
            day(night)
        ),
    )];
    let id = format!(
        "{}:{}:{night}",
        SuggestionKind::AskAboutStayingOnDose.code(),
        med.medication.id
    );
    Some(make(
        SuggestionKind::AskAboutStayingOnDose,
        id,
        Some(&med.medication),
        evidence,
        &[("dose", dose.to_string())],
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
