//! Effects that should not wait for the next review.

use super::*;

/// Effects that should not wait for the next review.
pub(super) fn tell_promptly(f: &Facts) -> Option<Suggestion> {
    let mornings: Vec<NaiveDate> = f.recent_nights().map(|n| n + Duration::days(1)).collect();
    let mut evidence: Vec<(Option<NaiveDate>, String)> = Vec::new();
    let mut run = 0usize;
    for &m in &mornings {
        let Some(c) = f.checkin(m) else {
            run = 0;
            continue;
        };
        let urgent: Vec<Symptom> = c
            .effects
            .iter()
            .copied()
            .filter(|s| URGENT_SYMPTOMS.contains(s))
            .collect();
        if !urgent.is_empty() {
            evidence.push((Some(m), format!("{}: {}", day(m), labels(&urgent))));
        }
        run = if c.effects.contains(&Symptom::Constipation) {
            run + 1
        } else {
            0
        };
        if run >= CONSTIPATION_RUN_MORNINGS {
            evidence.push((
                Some(m),
                format!("{}: constipation, {run} mornings running", day(m)),
            ));
        }
    }
    if evidence.is_empty() {
        return None;
    }
    let id = SuggestionKind::TellPrescriberPromptly.code().to_string();
    Some(make(
        SuggestionKind::TellPrescriberPromptly,
        id,
        None,
        evidence,
        &[],
    ))
}
