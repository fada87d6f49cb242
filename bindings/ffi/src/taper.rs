//! Previewing a taper before it is saved (issue 18): the whole plan as it would be — every
//! step with its cut, the end date and length, what other forms would give — and the warnings
//! saving it asks the user to confirm. The shell shows the preview, and when the user agrees it
//! calls `taper` with the warnings' texts as `confirmed_warnings`.

use crate::time::Timestamp;

use eventide_core::gates::PlanWarning as CorePlanWarning;
use eventide_core::view::PlanPreview as CorePlanPreview;

use crate::error::EventideError;
use crate::eventide::{medication_id, Eventide};
use crate::model::{micrograms, PlanView, TaperMethod};

type Res<T> = Result<T, EventideError>;

/// One warning a plan asks the user to confirm before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlanWarning {
    /// Which gate, as a stable snake_case code ("taper_cuts_more_than_asked", …).
    pub kind: String,
    /// The sentence to show; passing it back in `confirmed_warnings` confirms it.
    pub text: String,
    /// The fact the gate rests on, for a "Why?" line.
    pub basis: String,
}

impl From<&CorePlanWarning> for PlanWarning {
    fn from(w: &CorePlanWarning) -> Self {
        PlanWarning {
            kind: w.kind.code().to_string(),
            text: w.text.clone(),
            basis: w.basis.clone(),
        }
    }
}

/// A plan not yet saved, and the warnings saving it would ask to confirm.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PlanPreview {
    /// The plan as it would stand once saved.
    pub plan: PlanView,
    /// Each warning to confirm; empty when it can be saved as it is.
    pub warnings: Vec<PlanWarning>,
}

impl From<&CorePlanPreview> for PlanPreview {
    fn from(p: &CorePlanPreview) -> Self {
        PlanPreview {
            plan: PlanView::from(&p.plan),
            warnings: p.warnings.iter().map(PlanWarning::from).collect(),
        }
    }
}

#[uniffi::export]
impl Eventide {
    /// The taper `taper(...)` would save — from `from_mg` or (when null) tonight's dose, by
    /// `method` every `every_days` nights — and the warnings it would ask to confirm. Nothing is
    /// written. Show it; to save, call `taper` with the warnings' `text`s confirmed.
    pub fn preview_taper(
        &self,
        medication_id: String,
        method: TaperMethod,
        every_days: u32,
        from_mg: Option<f64>,
        now: Timestamp,
    ) -> Res<PlanPreview> {
        let id = self::medication_id(&medication_id)?;
        let method = method.to_core()?;
        let from = from_mg.map(|mg| micrograms("from", mg)).transpose()?;
        let now = self.begin(now)?;
        Ok(PlanPreview::from(
            &self
                .companion()
                .preview_taper(id, method, every_days, from, now)?,
        ))
    }
}
