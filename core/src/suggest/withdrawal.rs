//! Withdrawal: symptoms after any fall in dose. A fall opens a watch (see the module table in
//! `suggest`): a taper step, a new lower steady dose, a plan that stops, or several nights in a
//! row without a dose. Falls close together make one watch, and evidence anywhere inside it
//! counts, so a further step does not wipe what the user recorded before it.

use super::*;

/// Why the dose fell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cause {
    /// A taper went down a step (or ended).
    TaperStep,
    /// A new plan with a lower dose, or a plan that gives nothing any more.
    LowerDose,
    /// Doses skipped or missed on this many nights in a row.
    MissedNights(usize),
}

/// One fall in dose: its first night and the last night that belongs to it (the same night,
/// or the last of a run of nights without a dose).
#[derive(Debug, Clone, Copy)]
struct Fall {
    first: NaiveDate,
    last: NaiveDate,
    from: Micrograms,
    to: Micrograms,
    cause: Cause,
}

fn no_dose(r: &NightRecord) -> bool {
    !r.planned.is_zero()
        && matches!(
            r.status,
            Some(DoseStatus::Skipped { .. }) | Some(DoseStatus::Missed)
        )
}

/// Every fall in `med`'s history up to tonight, oldest first.
fn falls(med: &MedHistory, tonight: NaiveDate) -> Vec<Fall> {
    let mut out = Vec::new();
    for w in med.nights.windows(2) {
        if let [before, after] = w {
            if after.night <= tonight && after.planned < before.planned {
                out.push(Fall {
                    first: after.night,
                    last: after.night,
                    from: before.planned,
                    to: after.planned,
                    cause: if after.is_taper() {
                        Cause::TaperStep
                    } else {
                        Cause::LowerDose
                    },
                });
            }
        }
    }
    // Runs of nights without a dose (the status is known only for past nights).
    let mut run: Vec<&NightRecord> = Vec::new();
    let close = |run: &mut Vec<&NightRecord>, out: &mut Vec<Fall>| {
        if run.len() >= MISSED_RUN_NIGHTS {
            if let (Some(first), Some(last)) = (run.first(), run.last()) {
                out.push(Fall {
                    first: first.night,
                    last: last.night,
                    from: first.planned,
                    to: Micrograms::ZERO,
                    cause: Cause::MissedNights(run.len()),
                });
            }
        }
        run.clear();
    };
    for r in med.nights.iter().filter(|r| r.night < tonight) {
        if no_dose(r) {
            run.push(r);
        } else {
            close(&mut run, &mut out);
        }
    }
    close(&mut run, &mut out);
    out.sort_by_key(|f| (f.first, f.last));
    out
}

/// The falls of the watch open tonight (falls whose windows overlap, ending with the last),
/// or nothing when no watch is open.
fn open_watch(med: &MedHistory, tonight: NaiveDate) -> Vec<Fall> {
    let mut watch: Vec<Fall> = Vec::new();
    let mut end = NaiveDate::MIN;
    for fall in falls(med, tonight) {
        if fall.first > end {
            watch.clear();
        }
        end = end.max(fall.last + Duration::days(WITHDRAWAL_WINDOW_NIGHTS));
        watch.push(fall);
    }
    if end < tonight {
        watch.clear();
    }
    watch
}

/// What in a check-in may be withdrawal: "slept badly" and withdrawal-type symptoms.
fn withdrawal_signs(c: &CheckIn) -> Vec<String> {
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

fn describe(fall: &Fall) -> String {
    match fall.cause {
        Cause::TaperStep if fall.to.is_zero() => {
            format!(
                "Taper ended: {} to nothing on {}",
                fall.from,
                day(fall.first)
            )
        }
        Cause::TaperStep => format!(
            "Taper step from {} to {} on {}",
            fall.from,
            fall.to,
            day(fall.first)
        ),
        Cause::LowerDose if fall.to.is_zero() => {
            format!(
                "Plan gave {} until {}, then nothing",
                fall.from,
                day(fall.first)
            )
        }
        Cause::LowerDose => format!(
            "New dose from {} to {} on {}",
            fall.from,
            fall.to,
            day(fall.first)
        ),
        Cause::MissedNights(n) => format!(
            "No dose taken on {n} nights in a row ({} to {})",
            day(fall.first),
            day(fall.last)
        ),
    }
}

/// Withdrawal-type symptoms inside an open watch → during a taper, ask about holding the next
/// step; after another kind of fall, ask whether these could be withdrawal symptoms.
pub(super) fn withdrawal(f: &Facts, med: &MedHistory) -> Option<Suggestion> {
    let watch = open_watch(med, f.tonight);
    let (first, latest) = (watch.first()?, watch.last()?);
    // The mornings after the watch opened, as far back as the log is read, up to this morning
    // when it is already answered.
    let from =
        (first.first + Duration::days(1)).max(f.tonight - Duration::days(EVIDENCE_NIGHTS - 1));
    let evidence: Vec<(Option<NaiveDate>, String)> = from
        .iter_days()
        .take_while(|m| *m <= f.tonight + Duration::days(1))
        .filter_map(|m| {
            let signs = withdrawal_signs(f.checkin(m)?);
            (!signs.is_empty()).then(|| (Some(m), format!("{}: {}", day(m), signs.join(", "))))
        })
        .collect();
    if evidence.len() < WITHDRAWAL_MORNINGS {
        return None;
    }
    let tapering = latest.cause == Cause::TaperStep || med.is_taper_night(f.tonight);
    let kind = if tapering {
        SuggestionKind::WithdrawalDuringTaper
    } else {
        SuggestionKind::WithdrawalAfterDoseFall
    };
    let mut lines: Vec<(Option<NaiveDate>, String)> =
        watch.iter().map(|fall| (None, describe(fall))).collect();
    if let Some((night, dose)) = med.next_step.filter(|_| tapering) {
        lines.push((None, format!("Next step: {dose} from {}", day(night))));
    }
    lines.extend(evidence);
    let id = format!("{}:{}", kind.code(), med.medication.id);
    Some(make(kind, id, Some(&med.medication), lines, &[]))
}
