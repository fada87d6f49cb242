//! Effects that should not wait: symptoms that need help now (a doctor or NHS 111, or 999),
//! raised the moment the check-in is saved whatever the hour, and constipation that lasts.

use super::*;

/// Symptoms with an urgency on the recent mornings or this morning → get help now, with the
/// numbers to call: one suggestion for emergencies (999) and one for help the same day (111).
pub(super) fn urgent_help(f: &Facts) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for (urgency, kind) in [
        (Urgency::Emergency, SuggestionKind::EmergencyHelp),
        (Urgency::Now, SuggestionKind::GetHelpNow),
    ] {
        let mut seen: Vec<Symptom> = Vec::new();
        let evidence: Vec<(Option<NaiveDate>, String)> = f
            .mornings_up_to_now()
            .filter_map(|m| {
                let these: Vec<Symptom> = f
                    .checkin(m)?
                    .effects
                    .iter()
                    .copied()
                    .filter(|s| s.urgency() == Some(urgency))
                    .collect();
                for s in &these {
                    if !seen.contains(s) {
                        seen.push(*s);
                    }
                }
                (!these.is_empty()).then(|| (Some(m), format!("{}: {}", day(m), labels(&these))))
            })
            .collect();
        if evidence.is_empty() {
            continue;
        }
        seen.sort();
        out.push(make(
            kind,
            kind.code().to_string(),
            None,
            evidence,
            &[("symptoms", labels(&seen))],
        ));
    }
    out
}

/// Constipation on several of the recent mornings, in any order (a morning without a
/// check-in neither breaks nor adds to the count) → contact the prescriber soon.
pub(super) fn tell_promptly(f: &Facts) -> Option<Suggestion> {
    let evidence: Vec<(Option<NaiveDate>, String)> = f
        .recent_nights()
        .map(|n| n + Duration::days(1))
        .filter(|m| {
            f.checkin(*m)
                .is_some_and(|c| c.effects.contains(&Symptom::Constipation))
        })
        .map(|m| (Some(m), format!("{}: constipation", day(m))))
        .collect();
    if evidence.len() < CONSTIPATION_MORNINGS {
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
