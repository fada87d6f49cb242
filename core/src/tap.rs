//! Which dose a tap means: one rule for every caller (the app's buttons, a notification's
//! buttons, the CLI), so "Taken" records the dose the user means or asks which one.
//!
//! Every dose occurrence has a window in which it can be recorded as taken, from
//! [`EARLY_WINDOW_MINUTES`] before it is due until its latest time (see [`crate::schedule`]).
//!
//! - A tap that names its night (and, for several daily times, its dose) means that dose.
//! - A tap that names no night means the dose whose window is open at that moment (the
//!   moment given with "taken at", or now). When the windows of two doses overlap (the next
//!   fixed time in its early window while the one before is still open):
//!   - a repeat of the same action recorded while they overlapped means that same dose, so
//!     tapping "Taken" twice changes nothing the second time;
//!   - otherwise the one dose not yet taken or skipped; if both are open, the core asks
//!     ([`crate::Error::WhichDose`]) instead of guessing.
//! - No window open: "Taken" and "Snooze" are refused with when the next dose can be
//!   recorded, and — after a forgotten evening dose — the missed-dose guidance; "Skip" means
//!   the next dose of the current day or night (skipping tonight's dose in the morning).
//!
//! A dose is recorded as taken only inside its window: after the latest time, a tap records
//! nothing, and a dose really taken earlier is recorded with the time it was taken.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use crate::doselog::{self, DoseAction, DoseEvent, DoseStatus};
use crate::error::{Error, Result};
use crate::medication::{Medication, Slot};
use crate::schedule::Occurrence;
pub use crate::schedule::EARLY_WINDOW_MINUTES;
use crate::zone::{resolve_local, to_local, ZoneRules};

/// A time "taken at" given without a night means the most recent such moment, at most this
/// many hours ago; a time later than that is taken as one that has not come yet today.
pub const AT_LOOKBACK_HOURS: i64 = 12;

/// What the user did with a dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Took it.
    Take,
    /// Chose not to take it.
    Skip,
    /// Asked to be reminded again in so many minutes.
    Snooze(u32),
}

impl Act {
    fn same_as(self, action: &DoseAction) -> bool {
        matches!(
            (self, action),
            (Act::Take, DoseAction::Taken { .. })
                | (Act::Skip, DoseAction::Skipped)
                | (Act::Snooze(_), DoseAction::Snoozed { .. })
        )
    }
}

/// One of the doses an ambiguous tap could mean, for the shell to offer as an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseChoice {
    /// The night (or day) of the dose.
    pub night: NaiveDate,
    /// Which of the day's doses.
    pub slot_index: u32,
    /// "the 08:00 dose (due at 08:00, not recorded)".
    pub label: String,
}

/// Everything the rule looks at for one medicine.
pub struct Doses<'a> {
    /// The medicine.
    pub med: &'a Medication,
    /// Its occurrences on the nights around the tap (the night named, or the night before,
    /// the current one and the next), soonest first.
    pub occurrences: &'a [Occurrence],
    /// The dose log of those nights.
    pub events: &'a [DoseEvent],
    /// The current night (or day) for this medicine.
    pub current: NaiveDate,
    /// The device zone, for the times named in messages.
    pub zone: &'a dyn ZoneRules,
}

impl Doses<'_> {
    /// The occurrence a tap means: on `night` when one is named, else the one open at `at`.
    pub fn pick(
        &self,
        act: Act,
        night: Option<NaiveDate>,
        slot: Option<u32>,
        at: DateTime<Utc>,
    ) -> Result<&Occurrence> {
        let name = &self.med.name;
        let candidates: Vec<&Occurrence> = self
            .occurrences
            .iter()
            .filter(|o| night.is_none_or(|n| o.night == n))
            .filter(|o| slot.is_none_or(|s| o.slot_index == s))
            .collect();
        if candidates.is_empty() {
            return Err(match (night, slot) {
                (Some(n), Some(s)) if self.occurrences.iter().any(|o| o.night == n) => {
                    Error::invalid(
                        "slot",
                        format!("{name} has no dose number {} that day", s + 1),
                    )
                }
                (Some(n), _) => Error::not_found(format!(
                    "a dose of {name} on {} (it was added {})",
                    n.format("%a %-d %b %Y"),
                    to_local(self.zone, self.med.added_at).format("%a %-d %b %Y at %H:%M")
                )),
                (None, Some(s)) => {
                    Error::invalid("slot", format!("{name} has no dose number {}", s + 1))
                }
                (None, None) => Error::not_found(format!("a dose of {name} around now")),
            });
        }
        if let ([only], Some(_)) = (candidates.as_slice(), night) {
            return Ok(only);
        }
        let open: Vec<&Occurrence> = candidates
            .iter()
            .copied()
            .filter(|o| o.window_contains(at))
            .collect();
        match open.as_slice() {
            [] => self.nothing_open(act, night, &candidates, at),
            [only] => Ok(only),
            several => self.choose(act, several, at),
        }
    }

    /// Several windows are open at `at`: a repeat of the same tap means the same dose, else the
    /// one still to settle, else the question.
    fn choose<'o>(
        &self,
        act: Act,
        open: &[&'o Occurrence],
        at: DateTime<Utc>,
    ) -> Result<&'o Occurrence> {
        let overlap = open.iter().map(|o| o.opens).max().unwrap_or(at);
        let repeat = open.iter().rev().find(|o| {
            self.events
                .iter()
                .any(|e| e.is_for(o) && act.same_as(&e.action) && e.recorded_at >= overlap)
        });
        if let Some(o) = repeat {
            return Ok(o);
        }
        let unsettled: Vec<&Occurrence> = open
            .iter()
            .copied()
            .filter(|o| !doselog::status(o, self.events, at).is_settled())
            .collect();
        match unsettled.as_slice() {
            [one] => Ok(one),
            [] => open
                .last()
                .copied()
                .ok_or_else(|| Error::not_found("a dose")),
            several => Err(self.question(several, at)),
        }
    }

    /// The question an ambiguous tap gets: which of `doses` it means.
    fn question(&self, doses: &[&Occurrence], at: DateTime<Utc>) -> Error {
        let labels: Vec<String> = doses.iter().map(|o| self.label(o, at)).collect();
        Error::WhichDose {
            question: format!(
                "Which dose of {} do you mean: {}?",
                self.med.name,
                labels.join(", or ")
            ),
            choices: doses
                .iter()
                .zip(labels)
                .map(|(o, label)| DoseChoice {
                    night: o.night,
                    slot_index: o.slot_index,
                    label,
                })
                .collect(),
        }
    }

    /// No window is open at `at`. Skip means the next dose of the current night or day; Taken
    /// and Snooze are refused with what the user can do.
    fn nothing_open<'o>(
        &self,
        act: Act,
        night: Option<NaiveDate>,
        candidates: &[&'o Occurrence],
        at: DateTime<Utc>,
    ) -> Result<&'o Occurrence> {
        let unsettled = |o: &&Occurrence| !doselog::status(o, self.events, at).is_settled();
        if act == Act::Skip {
            if let Some(next) = candidates
                .iter()
                .copied()
                .filter(|o| o.opens > at && o.night <= self.current)
                .find(unsettled)
            {
                return Ok(next);
            }
        }
        if night.is_some() {
            // A named night whose doses are all closed: the question, with each dose.
            return Err(self.question(candidates, at));
        }
        let mut parts = vec![match act {
            Act::Take => format!("No dose of {} can be recorded as taken now.", self.med.name),
            _ => format!("No dose of {} is due now.", self.med.name),
        }];
        let missed = self
            .occurrences
            .iter()
            .filter(|o| o.cutoff <= at)
            .max_by_key(|o| o.cutoff)
            .filter(|o| doselog::asked_status(o, self.events, at) == Some(DoseStatus::Missed));
        if let Some(m) = missed {
            parts.push(self.closed(m, at));
        }
        if let Some(next) = self
            .occurrences
            .iter()
            .filter(|o| o.opens > at)
            .find(unsettled)
        {
            parts.push(format!(
                "The next is due {} and can be recorded from {}.",
                self.when(next.due, at),
                self.when(next.opens, at)
            ));
        }
        Err(Error::Conflict {
            reason: parts.join(" "),
        })
    }

    /// "The evening dose for Tue 2 Jun could be taken until 00:30 and was not recorded. …"
    pub fn closed(&self, occ: &Occurrence, at: DateTime<Utc>) -> String {
        let mut text = format!(
            "{} for {} could be taken until {} and was not recorded.",
            self.dose_name(occ),
            occ.night.format("%a %-d %b"),
            self.when(occ.cutoff, at)
        );
        if let Some(guidance) = guidance(self.med) {
            text.push(' ');
            text.push_str(&guidance);
        }
        text
    }

    /// "The evening dose", "The 14:00 dose", "The morning dose".
    pub fn dose_name(&self, occ: &Occurrence) -> String {
        match &self.med.slot {
            Slot::Times { .. } => format!(
                "The {} dose of {}",
                to_local(self.zone, occ.due).format("%H:%M"),
                self.med.name
            ),
            slot => format!("The {} dose of {}", slot.label(), self.med.name),
        }
    }

    fn label(&self, occ: &Occurrence, at: DateTime<Utc>) -> String {
        let status = match doselog::status(occ, self.events, at) {
            DoseStatus::Taken { .. } => "taken",
            DoseStatus::Skipped { .. } => "skipped",
            _ if occ.due <= at => "not recorded",
            _ => "not due yet",
        };
        format!("the {} dose ({status})", self.when(occ.due, at))
    }

    /// A phone-time clock reading, with the day when it is not the same local day as `at`.
    pub fn when(&self, instant: DateTime<Utc>, at: DateTime<Utc>) -> String {
        let local = to_local(self.zone, instant);
        if local.date_naive() == to_local(self.zone, at).date_naive() {
            local.format("%H:%M").to_string()
        } else {
            local.format("%a %-d %b %H:%M").to_string()
        }
    }
}

/// The missed-dose guidance for a forgotten evening dose (do not take it now; take the next
/// one as usual), from the reviewed catalogue; `None` for other slots.
pub fn guidance(med: &Medication) -> Option<String> {
    if !matches!(med.slot, Slot::Evening { .. }) {
        return None;
    }
    crate::catalogue::entry("missed_dose_guidance")
        .map(|e| crate::catalogue::render(e.text, &[("medication", med.name.clone())]))
}

/// The instant a wall-clock "taken at" time means for `occ`: the first moment with that time
/// on the phone's clock from the opening of its window on.
pub fn at_in_window(zone: &dyn ZoneRules, occ: &Occurrence, time: NaiveTime) -> DateTime<Utc> {
    let opens = to_local(zone, occ.opens).date_naive();
    [opens, opens.succ_opt().unwrap_or(opens)]
        .into_iter()
        .map(|d| resolve_local(zone, d.and_time(time)))
        .find(|i| *i >= occ.opens)
        .unwrap_or(occ.opens)
}

/// The instant a wall-clock "taken at" time means when no night is named: the most recent
/// moment with that time on the phone's clock, at most [`AT_LOOKBACK_HOURS`] ago.
pub fn at_before(
    zone: &dyn ZoneRules,
    time: NaiveTime,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let today = to_local(zone, now).date_naive();
    let candidate = [today, today.pred_opt().unwrap_or(today)]
        .into_iter()
        .map(|d| resolve_local(zone, d.and_time(time)))
        .find(|i| *i <= now)
        .filter(|i| now - *i <= Duration::hours(AT_LOOKBACK_HOURS));
    candidate.ok_or_else(|| {
        Error::invalid(
            "at",
            format!(
                "{} has not come yet today; for a dose taken on an earlier day, name its night as well",
                time.format("%H:%M")
            ),
        )
    })
}
