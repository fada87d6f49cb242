//! Withdrawal: symptoms after the dose falls.

use super::*;

pub(super) fn is_withdrawal_sign(c: &CheckIn) -> Vec<String> {
    let mut signs: Vec<String> = c
        .effects
        .iter()
        .filter(|s| s.group() != SymptomGroup::SideEffect)
        .map(|s| s.label().to_lowercase())
        .collect();
    if c.feeling == Feeling::SleptBadly {
        signs.insert(0, "slept badly".into());
    }
    signs
}

/// Withdrawal-type symptoms soon after a taper step → ask about holding or slowing down.
pub(super) fn withdrawal(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    // The latest step down of a taper in the window before tonight.
    let step = med
        .nights
        .windows(2)
        .filter_map(|w| match w {
            [before, after]
                if after.taper && after.planned < before.planned && after.night <= f.tonight =>
            {
                Some((after.night, before.planned, after.planned))
            }
            _ => None,
        })
        .rfind(|(night, _, _)| (f.tonight - *night).num_days() <= WITHDRAWAL_WINDOW_NIGHTS)?;
    let (night, from, to) = step;
    let evidence: Vec<(Option<NaiveDate>, String)> = (1..=WITHDRAWAL_WINDOW_NIGHTS)
        .map(|k| night + Duration::days(k))
        .filter(|m| *m <= f.tonight)
        .filter_map(|m| {
            let signs = is_withdrawal_sign(f.checkin(m)?);
            (!signs.is_empty()).then(|| (Some(m), format!("{}: {}", day(m), signs.join(", "))))
        })
        .collect();
    if evidence.len() < WITHDRAWAL_MORNINGS {
        return None;
    }
    let mut evidence = evidence;
    evidence.insert(
        0,
        (
            None,
            format!("Stepped down from {from} to {to} on {}", day(night)),
        ),
    );
    let id = format!(
        "{}:{}",
        SuggestionKind::WithdrawalDuringTaper.code(),
        med.medication.id
    );
    Some(make(
        SuggestionKind::WithdrawalDuringTaper,
        id,
        Some(&med.medication),
        evidence,
        &[],
    ))
}
