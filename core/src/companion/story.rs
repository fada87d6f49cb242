//! The whole story of a plan, for the plan view: the change into every step (a taper's actual
//! cut in mg and %), a taper's end and total length, how its steps are rounded to what the user
//! can measure, and — when what they hold cannot reach the small final dose — the same taper
//! with the forms they do not hold. Plans can be previewed before they are saved.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::plans::{draft_plan, step_take, view_of};
use super::{Companion, Snapshot};
use crate::breakdown::holding;
use crate::error::Result;
use crate::medication::Medication;
use crate::plan::{self, Horizon, Plan, PlanEvent, PlanKind, Step, TaperMethod};
use crate::schedule;
use crate::taper;
use crate::units::Micrograms;
use crate::view::{OtherFormView, PlanPreview, StepView};

/// The steps of `plan` for display, each with the change into it.
pub(super) fn step_views(plan: &Plan, med: &Medication, steps: &[Step]) -> Vec<StepView> {
    let method = match &plan.kind {
        PlanKind::Taper { method, .. } => Some(method),
        _ => None,
    };
    let mut before: Option<Micrograms> = None;
    steps
        .iter()
        .map(|s| {
            let change = before.map(|b| change_into(method, b, s.dose));
            before = Some(s.dose);
            let (cut, cut_share_bp, change, more_than_asked) = match change {
                Some(Change::Cut(c, text)) => {
                    (Some(c.amount), Some(c.share_bp), text, c.more_than_asked)
                }
                Some(Change::Rise(text)) => (None, None, text, false),
                None => (None, None, String::new(), false),
            };
            StepView {
                number: u32::try_from(s.index + 1).unwrap_or(u32::MAX),
                dose: s.dose,
                from: s.from,
                until: s.until,
                projected: s.projected,
                take: step_take(med, s.dose),
                cut,
                cut_share_bp,
                change,
                more_than_asked,
                dates: crate::view::step_dates(s.from, s.until),
            }
        })
        .collect()
}

enum Change {
    Cut(taper::Cut, String),
    Rise(String),
}

fn change_into(method: Option<&TaperMethod>, before: Micrograms, after: Micrograms) -> Change {
    if after > before {
        return Change::Rise(format!("+{}", Micrograms(after.0 - before.0)));
    }
    // A plan that is not a taper has no asked cut: judge it as if each cut were the one asked.
    let asked = TaperMethod::Linear {
        step: Micrograms(before.0 - after.0),
    };
    let method = method.unwrap_or(&asked);
    let c = taper::cut(method, before, after);
    let mut text = c.text();
    if c.more_than_asked {
        text.push_str(&format!(
            ", more than the {} asked",
            taper::asked_text(method)
        ));
    }
    Change::Cut(c, text)
}

/// What the plan view says about a taper beyond its steps.
pub(super) struct Story {
    pub(super) ends_on: Option<NaiveDate>,
    pub(super) length_nights: Option<u32>,
    pub(super) end_line: String,
    pub(super) rounding_note: String,
    pub(super) other_forms: Vec<OtherFormView>,
}

/// The story of `plan` (whose steps are `steps`) for `med`; empty for plans that are not tapers.
pub(super) fn story(
    plan: &Plan,
    med: &Medication,
    events: &[PlanEvent],
    today: NaiveDate,
    steps: &[Step],
) -> Story {
    let PlanKind::Taper { method, .. } = &plan.kind else {
        return Story {
            ends_on: None,
            length_nights: None,
            end_line: String::new(),
            rounding_note: String::new(),
            other_forms: vec![],
        };
    };
    let end = taper::end_of(steps, plan.starts_on);
    let other_forms = taper::other_forms(med)
        .into_iter()
        .map(|form| {
            let steps = plan::steps(plan, &form.med, events, today, Horizon::Projected);
            let end = taper::end_of(&steps, plan.starts_on);
            let last = steps
                .iter()
                .rev()
                .find(|s| !s.dose.is_zero())
                .map(|s| s.dose);
            let summary = match (last, end) {
                (Some(last), Some((night, nights))) => format!(
                    "Comes down to {last} before the end, on {}: {} in all.",
                    night.format("%a %-d %b %Y"),
                    taper::length_text(nights)
                ),
                _ => "This would not reach its end within the steps a plan may have.".into(),
            };
            OtherFormView {
                label: form.label,
                holding: holding(&form.med),
                steps: step_views(plan, &form.med, &steps),
                ends_on: end.map(|(night, _)| night),
                summary,
            }
        })
        .collect();
    let solution = if med.liquids_per_5ml.is_empty() {
        ""
    } else {
        " (the solution to a 0.1 ml syringe mark)"
    };
    Story {
        ends_on: end.map(|(night, _)| night),
        length_nights: end.map(|(_, nights)| nights),
        end_line: end
            .map(|(night, nights)| {
                format!(
                    "Ends on {}: {} in all.",
                    night.format("%a %-d %b %Y"),
                    taper::length_text(nights)
                )
            })
            .unwrap_or_default(),
        rounding_note: format!(
            "Each step is a dose you can measure with {}{solution}. To land on one, a step may cut up to {} where {} is asked; steps that cut more are marked.",
            taper::held(med),
            taper::tolerated_text(method),
            taper::asked_text(method)
        ),
        other_forms,
    }
}

impl Companion {
    /// `kind` for a medicine as it would be saved from `starts_on` (default: tonight), and the
    /// warnings saving it would ask to confirm — nothing is written. Shells show this before the
    /// user commits, then save with the warnings' texts confirmed.
    pub fn preview_plan(
        &self,
        medication_id: Uuid,
        kind: PlanKind,
        starts_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<PlanPreview> {
        self.preview_draft(medication_id, kind, starts_on, None, now)
    }

    /// [`Companion::preview_plan`], with tonight's dose when a taper starting above it is a rise
    /// to confirm (as [`Companion::start_taper`] asks).
    fn preview_draft(
        &self,
        medication_id: Uuid,
        kind: PlanKind,
        starts_on: Option<NaiveDate>,
        taper_above: Option<Micrograms>,
        now: DateTime<Utc>,
    ) -> Result<PlanPreview> {
        kind.validate()?;
        crate::records::check_now(now)?;
        let store = self.lock();
        let snap = Snapshot::load(&store.read())?;
        let med = snap.med(medication_id)?;
        let today = schedule::current_day_for(&snap.settings, self.zone(), med, now);
        let (draft, warnings) = draft_plan(&snap, med, kind, starts_on, today, now, taper_above)?;
        Ok(PlanPreview {
            plan: view_of(&draft, med, &[], today, None),
            warnings,
        })
    }

    /// A taper as [`Companion::start_taper`] would save it, and the warnings to confirm first.
    pub fn preview_taper(
        &self,
        medication_id: Uuid,
        method: TaperMethod,
        every_days: u32,
        from: Option<Micrograms>,
        now: DateTime<Utc>,
    ) -> Result<PlanPreview> {
        let (kind, current) = self.taper_kind(medication_id, method, every_days, from, now)?;
        self.preview_draft(medication_id, kind, None, Some(current), now)
    }
}
