//! How a taper comes down: the dose of every step, the cut each one makes, and the promise a
//! taper keeps — no step cuts more than the plan asks, beyond a stated tolerance, unless the
//! user has confirmed a warning that names it ([`crate::gates`]).
//!
//! # Shape (NICE NG222 1.4.17; Horowitz & Taylor 2019)
//! - **Proportional**: each step asks for a share of the dose before it, so the cuts shrink in mg
//!   as the dose falls; it carries on down to the ingredient's small final dose
//!   ([`crate::ingredient::IngredientFacts::smallest_final_dose`], for amitriptyline 2.5 mg, a
//!   quarter of the usual start) and only then goes to 0. A medicine without a dose table comes
//!   down as far as what the user holds can measure.
//! - **Linear**: each step asks for the same cut in mg, exactly where that dose is measurable
//!   (`--step 7.5` means 7.5 mg); the step after the last whole cut is 0.
//!
//! # Rounding (in this order)
//! 1. A linear target that can be measured exactly is the step.
//! 2. Otherwise the step may move to a dose of **whole tablets**, then of tablets with halves
//!    (when the user can halve), whose cut is within [`CUT_TOLERANCE_PERCENT`] of the cut asked
//!    (either way): nearest the target, ties to the smaller cut. Tablets spare the syringe.
//! 3. Otherwise the target itself when it is measurable, else the measurable dose nearest it
//!    (any form, the solution to a 0.1 ml mark), ties and near-ties (distances within
//!    [`NEAR_TIE_PERCENT`] of the cut asked) to the **smaller cut**; and
//!    when that nearest dose cuts more than the tolerance allows while a smaller cut is
//!    measurable, the smaller cut.
//! 4. Only when nothing measurable lies between the target and the dose is a bigger cut taken:
//!    such a step is marked [`Cut::more_than_asked`] and the plan needs a confirmed warning.
//!
//! | constant | value | why |
//! |---|---|---|
//! | [`CUT_TOLERANCE_PERCENT`] | 25 % of the cut asked | rounding to a dose the user can measure may cut a little more (10 % → 12.5 %); more breaks the plan's promise (our decision: DOMAIN says a step must never cut more because of rounding, and no guidance gives a number) |
//! | [`NEAR_TIE_PERCENT`] | 1 % of the cut asked | two doses about as near the target count as a tie, and the smaller cut wins |

use chrono::NaiveDate;

use crate::breakdown::{holding, measurable_around, smallest_measurable, tablet_amounts};
use crate::medication::Medication;
use crate::plan::{Step, TaperMethod};
use crate::units::Micrograms;

/// How much more than the cut asked a step may cut to land on a measurable dose, in percent of
/// the cut asked (a 10 % step may cut up to 12.5 %; a 10 mg step up to 12.5 mg).
pub const CUT_TOLERANCE_PERCENT: u32 = 25;
/// Two doses whose distances to the target differ by less than this share of the cut asked are
/// a near-tie, which goes to the smaller cut (a target one microgram off a midpoint is no
/// reason to cut more).
pub const NEAR_TIE_PERCENT: u32 = 1;

/// The dose a taper of `med` comes down to before the next step is 0, when its ingredient has a
/// dose table: a quarter of the usual daily start, shared between the doses of the day (a
/// taper's doses are per dose); `None` for other medicines.
pub fn final_dose(med: &Medication) -> Option<Micrograms> {
    let per_day = u32::try_from(med.slot.doses_per_day().max(1)).unwrap_or(1);
    med.ingredient
        .facts()
        .map(|f| Micrograms(f.smallest_final_dose().0 / per_day))
}

/// What the plan asks for after `dose`, before rounding.
pub fn target(dose: Micrograms, method: &TaperMethod) -> Micrograms {
    match *method {
        TaperMethod::Linear { step } => Micrograms(dose.0.saturating_sub(step.0)),
        TaperMethod::Proportional { percent } => {
            let kept = u64::from(dose.0) * u64::from(100u32.saturating_sub(percent)) / 100;
            Micrograms(u32::try_from(kept).unwrap_or(0))
        }
    }
}

/// The largest cut a step from `dose` may make before it counts as more than asked.
fn allowed_cut(dose: Micrograms, method: &TaperMethod) -> u64 {
    let asked = u64::from(dose.0 - target(dose, method).0.min(dose.0));
    asked + asked * u64::from(CUT_TOLERANCE_PERCENT) / 100
}

/// The dose after `dose` in a taper of `med`, by the rules in the module doc: lower, measurable
/// with what the user holds, or 0 when the taper ends.
pub fn next_dose(med: &Medication, dose: Micrograms, method: &TaperMethod) -> Micrograms {
    if dose.is_zero() {
        return Micrograms::ZERO;
    }
    let proportional = matches!(method, TaperMethod::Proportional { .. });
    if proportional && final_dose(med).is_some_and(|f| dose <= f) {
        return Micrograms::ZERO;
    }
    let target = target(dose, method);
    if target.is_zero() {
        return Micrograms::ZERO;
    }
    let (below, above) = measurable_around(med, target);
    // 1. A linear step exactly, where it is measurable.
    if !proportional && below == Some(target) {
        return target;
    }
    // 2. Whole tablets, then tablets with halves, within the rounding the plan allows.
    let asked = u64::from(dose.0 - target.0);
    let slack = asked * u64::from(CUT_TOLERANCE_PERCENT) / 100;
    let lowest = u64::from(dose.0).saturating_sub(asked + slack);
    let highest = u64::from(dose.0) - (asked - slack);
    let in_band = |d: &&Micrograms| (lowest..=highest).contains(&u64::from(d.0)) && **d < dose;
    let forms: &[bool] = if med.can_halve {
        &[false, true]
    } else {
        &[false]
    };
    for &halves in forms {
        let amounts = tablet_amounts(med, Micrograms(dose.0 - 1), halves);
        if let Some(best) = amounts
            .iter()
            .filter(in_band)
            .min_by_key(|d| (d.0.abs_diff(target.0), std::cmp::Reverse(d.0)))
        {
            return *best;
        }
    }
    // 3. The nearest measurable dose, ties and near-ties to the smaller cut, and never a bigger
    //    cut than allowed while a smaller one is measurable.
    let above = above.filter(|a| *a < dose);
    let below = below.filter(|b| !b.is_zero());
    match (below, above) {
        (Some(b), Some(a)) => {
            let near_tie = asked * u64::from(NEAR_TIE_PERCENT) / 100;
            let (db, da) = (u64::from(target.0 - b.0), u64::from(a.0 - target.0));
            let too_big = u64::from(dose.0 - b.0) > allowed_cut(dose, method);
            if db > 0 && (da < db + near_tie || too_big) {
                a
            } else {
                b
            }
        }
        (Some(b), None) => b,
        (None, Some(a)) => a,
        (None, None) => Micrograms::ZERO,
    }
}

/// The cut into one step, as the plan view, the report and the gates tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// The dose of the step before.
    pub before: Micrograms,
    /// How much lower this step is.
    pub amount: Micrograms,
    /// That cut in hundredths of a percent of the dose before (1250 = 12.5 %).
    pub share_bp: u32,
    /// The step goes to 0: the taper's end, judged by the stop gate rather than the tolerance.
    pub is_end: bool,
    /// The step cuts more than the plan asks, beyond [`CUT_TOLERANCE_PERCENT`].
    pub more_than_asked: bool,
}

impl Cut {
    /// "−5 mg (−12.5%)".
    pub fn text(&self) -> String {
        format!("−{} (−{})", self.amount, share_text(self.share_bp))
    }
}

/// The cut from `before` to `after` in a taper lowering by `method`.
pub fn cut(method: &TaperMethod, before: Micrograms, after: Micrograms) -> Cut {
    let amount = Micrograms(before.0.saturating_sub(after.0));
    let share_bp = if before.is_zero() {
        0
    } else {
        u32::try_from(
            (u64::from(amount.0) * 10_000 + u64::from(before.0) / 2) / u64::from(before.0),
        )
        .unwrap_or(10_000)
    };
    let is_end = after.is_zero();
    Cut {
        before,
        amount,
        share_bp,
        is_end,
        more_than_asked: !is_end && u64::from(amount.0) > allowed_cut(before, method),
    }
}

/// The cut into each of `steps` (none into the first), for a taper lowering by `method`.
pub fn cuts(method: &TaperMethod, steps: &[Step]) -> Vec<Option<Cut>> {
    let mut out = Vec::with_capacity(steps.len());
    let mut before: Option<Micrograms> = None;
    for s in steps {
        out.push(before.map(|b| cut(method, b, s.dose)));
        before = Some(s.dose);
    }
    out
}

/// A share in hundredths of a percent as people read it: "10%", "12.5%", "14.3%".
pub fn share_text(bp: u32) -> String {
    let tenths = (bp + 5) / 10;
    if tenths.is_multiple_of(10) {
        format!("{}%", tenths / 10)
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// What the plan asks of each step, for messages: "10%" or "7.5 mg".
pub fn asked_text(method: &TaperMethod) -> String {
    match *method {
        TaperMethod::Linear { step } => step.to_string(),
        TaperMethod::Proportional { percent } => format!("{percent}%"),
    }
}

/// The most a step may cut before it counts as more than asked, for messages: "12.5%" for a
/// 10% taper, "12.5 mg" for a 10 mg one.
pub fn tolerated_text(method: &TaperMethod) -> String {
    let grow = |x: u64| x + x * u64::from(CUT_TOLERANCE_PERCENT) / 100;
    match *method {
        TaperMethod::Linear { step } => {
            Micrograms(u32::try_from(grow(u64::from(step.0))).unwrap_or(u32::MAX)).to_string()
        }
        TaperMethod::Proportional { percent } => {
            share_text(u32::try_from(grow(u64::from(percent) * 100)).unwrap_or(u32::MAX))
        }
    }
}

/// The first night at 0 and the nights from `starts_on` to it, when the steps end.
pub fn end_of(steps: &[Step], starts_on: NaiveDate) -> Option<(NaiveDate, u32)> {
    let last = steps.last().filter(|s| s.dose.is_zero())?;
    let nights = u32::try_from((last.from - starts_on).num_days().max(0)).unwrap_or(u32::MAX);
    Some((last.from, nights))
}

/// A length in nights as people say it: "6 weeks", "30 weeks (about 7 months)",
/// "60 weeks (about 1 year and 2 months)".
pub fn length_text(nights: u32) -> String {
    let weeks = nights / 7;
    let days = nights % 7;
    let head = match (weeks, days) {
        (0, d) => format!("{d} {}", if d == 1 { "night" } else { "nights" }),
        (w, 0) => format!("{w} {}", if w == 1 { "week" } else { "weeks" }),
        (w, d) => format!(
            "{w} {} and {d} {}",
            if w == 1 { "week" } else { "weeks" },
            if d == 1 { "night" } else { "nights" }
        ),
    };
    // Months of 30.44 nights, rounded to the nearest.
    let months = (u64::from(nights) * 100 + 1522) / 3044;
    if nights < 8 * 7 || months < 2 {
        return head;
    }
    let (years, rest) = (months / 12, months % 12);
    let about = match (years, rest) {
        (0, m) => format!("{m} months"),
        (1, 0) => "1 year".to_string(),
        (y, 0) => format!("{y} years"),
        (1, 1) => "1 year and 1 month".to_string(),
        (1, m) => format!("1 year and {m} months"),
        (y, 1) => format!("{y} years and 1 month"),
        (y, m) => format!("{y} years and {m} months"),
    };
    format!("{head} (about {about})")
}

/// Which form a taper could use that the user does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// The ingredient's oral solution, with `per_5ml` in each 5 ml.
    Solution { per_5ml: Micrograms },
    /// The user's own tablets, split in half.
    HalfTablets,
}

/// A form the user does not hold that would let a taper of `med` reach smaller doses.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherForm {
    /// Which form.
    pub kind: FormKind,
    /// "With 10 mg/5 ml oral solution as well", "Splitting tablets in half".
    pub label: String,
    /// The medicine as it would be held with that form.
    pub med: Medication,
}

impl OtherForm {
    /// "a 10 mg/5 ml oral solution", "half tablets": the form, for sentences.
    pub fn phrase(&self) -> String {
        match self.kind {
            FormKind::Solution { per_5ml } => format!("a {per_5ml}/5 ml oral solution"),
            FormKind::HalfTablets => "half tablets".to_string(),
        }
    }
}

/// True when what the user holds cannot measure the ingredient's small final dose, so a taper
/// has to reach 0 from higher up.
pub fn cannot_reach_final_dose(med: &Medication) -> bool {
    match (final_dose(med), smallest_measurable(med)) {
        (Some(f), Some(s)) => s > f,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The forms that would let a taper of `med` come lower, when what is held cannot reach the
/// ingredient's small final dose: its oral solution (if one is sold and not already held), and
/// half tablets (if its tablets split and the user holds tablets but does not halve them).
pub fn other_forms(med: &Medication) -> Vec<OtherForm> {
    let Some(facts) = med.ingredient.facts() else {
        return vec![];
    };
    if !cannot_reach_final_dose(med) {
        return vec![];
    }
    let mut out = Vec::new();
    if let Some(per_5ml) = facts.oral_solution_per_5ml {
        if !med.liquids_per_5ml.contains(&per_5ml) {
            let mut with = med.clone();
            with.liquids_per_5ml.push(per_5ml);
            with.liquids_per_5ml.sort();
            out.push(OtherForm {
                kind: FormKind::Solution { per_5ml },
                label: format!("With {per_5ml}/5 ml oral solution as well"),
                med: with,
            });
        }
    }
    if facts.tablets_split && !med.can_halve && !med.tablets.is_empty() {
        let mut with = med.clone();
        with.can_halve = true;
        out.push(OtherForm {
            kind: FormKind::HalfTablets,
            label: "Splitting tablets in half".to_string(),
            med: with,
        });
    }
    out.retain(|f| smallest_measurable(&f.med) < smallest_measurable(med));
    out
}

/// "10 mg and 25 mg tablets", or "nothing" — what the user holds, for sentences.
pub fn held(med: &Medication) -> String {
    let h = holding(med);
    if h.is_empty() {
        "nothing".to_string()
    } else {
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::breakdown::test_med as med;
    use crate::ingredient::Ingredient;

    fn run(m: &Medication, from: u32, method: TaperMethod) -> Vec<u32> {
        let mut out = vec![from];
        let mut d = Micrograms(from);
        while !d.is_zero() && out.len() < 200 {
            d = next_dose(m, d, &method);
            out.push(d.0);
        }
        out
    }

    #[test]
    fn ties_and_near_ties_go_to_the_smaller_cut() {
        let m = med(&[10, 25], false, &[10]);
        let ten = TaperMethod::Proportional { percent: 10 };
        // 40.999 mg asks for 36.899 mg: 36.8 and 37.0 are 0.099 and 0.101 mg away, a near-tie.
        assert_eq!(next_dose(&m, Micrograms(40_999), &ten), Micrograms(37_000));
        // 13.2 mg asks for 11.88 mg: 11.8 mg is clearly nearer than 12.0, and within tolerance.
        assert_eq!(next_dose(&m, Micrograms(13_200), &ten), Micrograms(11_800));
        // An exact tie: 45 mg asks for 40.5, as near 40.4 as 40.6 — but 40 mg of whole tablets
        // is within the rounding allowed, and spares the syringe.
        assert_eq!(next_dose(&m, Micrograms::mg(45), &ten), Micrograms::mg(40));
        let linear = TaperMethod::Linear {
            step: Micrograms(2_500),
        };
        // 12.4 − 2.5 = 9.9: 9.8 and 10.0 are as near; 10 mg is the smaller cut.
        assert_eq!(
            next_dose(&m, Micrograms(12_400), &linear),
            Micrograms::mg(10)
        );
        // 12 mg asks for 10.8 mg: 10 mg of whole tablets would cut 16.7%, too much; 10.8 is exact.
        assert_eq!(next_dose(&m, Micrograms(12_000), &ten), Micrograms(10_800));
    }

    #[test]
    fn proportional_tapers_come_down_to_the_small_final_dose_then_end() {
        let m = med(&[10, 25], false, &[10]);
        let doses = run(&m, 50_000, TaperMethod::Proportional { percent: 10 });
        let last = doses.iter().rev().nth(1).copied().unwrap();
        assert!(last <= 2_500 && last > 1_000, "{doses:?}");
        assert!(doses.windows(2).all(|w| w[0] > w[1]));
    }

    #[test]
    fn cuts_say_what_they_are_and_whether_they_break_the_promise() {
        let ten = TaperMethod::Proportional { percent: 10 };
        let c = cut(&ten, Micrograms::mg(40), Micrograms::mg(35));
        assert_eq!(
            (c.text(), c.more_than_asked),
            ("−5 mg (−12.5%)".into(), false)
        );
        let c = cut(&ten, Micrograms::mg(35), Micrograms::mg(30));
        assert_eq!(
            (c.text(), c.more_than_asked),
            ("−5 mg (−14.3%)".into(), true)
        );
        let end = cut(&ten, Micrograms::mg(10), Micrograms::ZERO);
        assert!(end.is_end && !end.more_than_asked);
    }

    #[test]
    fn the_final_dose_is_shared_between_the_doses_of_the_day() {
        let mut gabapentin = med(&[100], false, &[]);
        gabapentin.ingredient = Ingredient::Gabapentin;
        assert_eq!(final_dose(&gabapentin), Some(Micrograms::mg(75)));
        gabapentin.slot = crate::medication::Slot::Times {
            times: vec![
                chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
                chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                chrono::NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
            ],
        };
        assert_eq!(final_dose(&gabapentin), Some(Micrograms::mg(25)));
    }

    #[test]
    fn lengths_read_in_weeks_and_months() {
        assert_eq!(length_text(5), "5 nights");
        assert_eq!(length_text(42), "6 weeks");
        assert_eq!(length_text(126), "18 weeks (about 4 months)");
        assert_eq!(length_text(518), "74 weeks (about 1 year and 5 months)");
        assert_eq!(length_text(730), "104 weeks and 2 nights (about 2 years)");
    }

    #[test]
    fn other_forms_appear_only_when_what_is_held_cannot_reach_the_final_dose() {
        let tablets = med(&[10, 25], false, &[]);
        let labels: Vec<String> = other_forms(&tablets).into_iter().map(|f| f.label).collect();
        assert_eq!(
            labels,
            [
                "With 10 mg/5 ml oral solution as well",
                "Splitting tablets in half"
            ]
        );
        assert!(other_forms(&med(&[10, 25], false, &[10])).is_empty());
        let mut other = tablets.clone();
        other.ingredient = Ingredient::Other;
        assert!(other_forms(&other).is_empty());
    }
}
