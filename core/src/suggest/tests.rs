//! The rules, one family at a time, on hand-made histories.

use super::*;
use crate::ingredient::{self, Ingredient};
use chrono::{FixedOffset, TimeZone};
use uuid::Uuid;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn at() -> DateTime<FixedOffset> {
    Utc.with_ymd_and_hms(2026, 6, 1, 7, 0, 0)
        .unwrap()
        .fixed_offset()
}

fn med(id: u128, name: &str, slot: Slot) -> Medication {
    Medication {
        id: Uuid::from_u128(id),
        name: name.into(),
        ingredient: ingredient::recognise(name).unwrap_or(Ingredient::Other),
        added_at: chrono::DateTime::UNIX_EPOCH,
        latest_after_bedtime_minutes: 120,
        tablets: vec![Micrograms::mg(10)],
        can_halve: false,
        liquids_per_5ml: vec![],
        slot,
    }
}

fn evening(lead: u16) -> Medication {
    med(1, "Amitriptyline", Slot::Evening { lead_minutes: lead })
}

/// A history ending `tonight`, with the dose `mg(night)` each night (0 = none), every past
/// dose taken.
fn history(m: Medication, tonight: NaiveDate, mg: impl Fn(NaiveDate) -> u32) -> MedHistory {
    let nights = (0..=HISTORY_NIGHTS)
        .rev()
        .map(|back| {
            let night = tonight - Duration::days(back);
            let planned = Micrograms::mg(mg(night));
            let status = (night < tonight && !planned.is_zero()).then_some(DoseStatus::Taken {
                at: at(),
                amount: planned,
                late: false,
            });
            // Taken at the reminder: the lead before bedtime.
            let minutes_before_bed = match (&status, &m.slot) {
                (Some(_), Slot::Evening { lead_minutes }) => Some(i64::from(*lead_minutes)),
                _ => None,
            };
            NightRecord {
                night,
                planned,
                plan: if planned.is_zero() {
                    NightPlan::None
                } else {
                    NightPlan::Maintenance
                },
                status,
                minutes_before_bed,
            }
        })
        .collect();
    MedHistory {
        medication: m,
        nights,
        taper_span: None,
        next_step: None,
        stayed_on: None,
        pain_baseline: None,
    }
}

fn checkin(morning: NaiveDate, feeling: Feeling, effects: &[Symptom]) -> CheckIn {
    CheckIn {
        morning,
        feeling,
        pain: None,
        effects: effects.to_vec(),
        note: None,
        recorded_at: at(),
    }
}

fn facts(tonight: NaiveDate, meds: Vec<MedHistory>, checkins: Vec<CheckIn>) -> Facts {
    let review = review::ReviewStatus {
        interval_months: 6,
        last_review: None,
        counting_from: None,
        due_on: None,
    };
    Facts {
        tonight,
        meds,
        checkins,
        review,
    }
}

fn kinds(f: &Facts) -> Vec<SuggestionKind> {
    evaluate(f).iter().map(|s| s.kind).collect()
}

fn fires(f: &Facts, kind: SuggestionKind) -> Option<Suggestion> {
    evaluate(f).into_iter().find(|s| s.kind == kind)
}

/// Check-ins with `feeling` on the mornings after the given nights.
fn mornings_after(nights: &[NaiveDate], feeling: Feeling, effects: &[Symptom]) -> Vec<CheckIn> {
    nights
        .iter()
        .map(|n| checkin(*n + Duration::days(1), feeling, effects))
        .collect()
}

const TONIGHT: (u32, u32) = (6, 30);

fn tonight() -> NaiveDate {
    d(TONIGHT.0, TONIGHT.1)
}

fn steady(m: Medication) -> MedHistory {
    history(m, tonight(), |_| 20)
}

#[test]
fn morning_dosing_needs_three_bad_nights_in_the_last_seven_mornings() {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    let two = mornings_after(&[n(1), n(3)], Feeling::SleptBadly, &[]);
    assert!(fires(
        &facts(t, vec![steady(evening(90))], two),
        SuggestionKind::AskAboutMorningDosing
    )
    .is_none());
    let three = mornings_after(&[n(1), n(3), n(7)], Feeling::SleptBadly, &[]);
    let s = fires(
        &facts(t, vec![steady(evening(90))], three),
        SuggestionKind::AskAboutMorningDosing,
    )
    .unwrap();
    assert_eq!((s.evidence_count, s.evidence.len()), (3, 3));
    assert_eq!(s.severity, Severity::DiscussAtNextVisit);
    assert_eq!(
        s.text,
        "Could I take my Amitriptyline in the morning instead of the evening?"
    );
    // Eight mornings ago is outside the window.
    let old = mornings_after(&[n(1), n(3), n(8)], Feeling::SleptBadly, &[]);
    assert!(fires(
        &facts(t, vec![steady(evening(90))], old),
        SuggestionKind::AskAboutMorningDosing
    )
    .is_none());
}

#[test]
fn morning_dosing_waits_out_the_first_nights_and_needs_the_dose_taken_in_the_evening() {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    let bad = mornings_after(&[n(1), n(2), n(3)], Feeling::SleptBadly, &[]);
    // Started on night n(5): n(3) is its third night (settling), so only two count.
    let started = |first: NaiveDate| {
        history(
            evening(90),
            t,
            move |night| if night >= first { 10 } else { 0 },
        )
    };
    assert!(fires(
        &facts(t, vec![started(n(5))], bad.clone()),
        SuggestionKind::AskAboutMorningDosing
    )
    .is_none());
    // Started one night earlier: n(3) is its fourth night and counts.
    assert!(fires(
        &facts(t, vec![started(n(6))], bad.clone()),
        SuggestionKind::AskAboutMorningDosing
    )
    .is_some());
    // A titration step does not restart the count.
    let stepped = history(evening(90), t, |night| if night >= n(2) { 20 } else { 10 });
    assert!(fires(
        &facts(t, vec![stepped], bad.clone()),
        SuggestionKind::AskAboutMorningDosing
    )
    .is_some());
    // A morning medicine, a missed dose, or a taper: not this pattern.
    let morning = history(
        med(
            1,
            "Amitriptyline",
            Slot::Morning {
                time: chrono::NaiveTime::MIN,
            },
        ),
        t,
        |_| 10,
    );
    assert!(fires(
        &facts(t, vec![morning], bad.clone()),
        SuggestionKind::AskAboutMorningDosing
    )
    .is_none());
    let mut missed = steady(evening(90));
    if let Some(r) = missed.nights.iter_mut().find(|r| r.night == n(2)) {
        r.status = Some(DoseStatus::Missed);
    }
    assert!(fires(
        &facts(t, vec![missed], bad.clone()),
        SuggestionKind::AskAboutMorningDosing
    )
    .is_none());
    let mut taper = steady(evening(90));
    taper
        .nights
        .iter_mut()
        .for_each(|r| r.plan = NightPlan::Taper);
    assert!(fires(
        &facts(t, vec![taper], bad),
        SuggestionKind::AskAboutMorningDosing
    )
    .is_none());
}

#[test]
fn groggy_mornings_count_only_after_two_weeks_on_the_same_dose() {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    let groggy = mornings_after(&[n(1), n(2), n(3)], Feeling::Groggy, &[]);
    // Dose started on n(16): n(3) is its 14th night, still in the grace period.
    let on = |first: NaiveDate, lead| {
        history(
            evening(lead),
            t,
            move |night| if night >= first { 30 } else { 20 },
        )
    };
    assert!(fires(
        &facts(t, vec![on(n(16), 90)], groggy.clone()),
        SuggestionKind::AskAboutEarlierDoseTime
    )
    .is_none());
    // Started on n(17): n(3) is its 15th night.
    let s = fires(
        &facts(t, vec![on(n(17), 90)], groggy.clone()),
        SuggestionKind::AskAboutEarlierDoseTime,
    )
    .unwrap();
    assert_eq!(s.evidence_count, 3);
    assert!(s.evidence.iter().any(|e| e.contains("90 minutes")));
    // Taken 104 minutes before bed, it can still move earlier; from 105 (two hours less the
    // slack) the question is about the dose.
    assert_eq!(
        kinds(&facts(t, vec![on(n(17), 104)], groggy.clone())),
        vec![SuggestionKind::AskAboutEarlierDoseTime]
    );
    assert_eq!(
        kinds(&facts(t, vec![on(n(17), 105)], groggy.clone())),
        vec![SuggestionKind::AskAboutDoseReview]
    );
    // What counts is when the doses were taken, not the reminder: reminded two hours before
    // bed but taken 30 minutes before it, the question is still the dose time.
    let mut late = on(n(17), 120);
    late.nights
        .iter_mut()
        .filter(|r| r.minutes_before_bed.is_some())
        .for_each(|r| r.minutes_before_bed = Some(30));
    let s = fires(
        &facts(t, vec![late], groggy.clone()),
        SuggestionKind::AskAboutEarlierDoseTime,
    )
    .unwrap();
    assert!(
        s.evidence
            .iter()
            .any(|e| e.contains("on average 30 minutes before bedtime")),
        "{:?}",
        s.evidence
    );
    // Two groggy mornings are not enough.
    let two = mornings_after(&[n(1), n(2)], Feeling::Groggy, &[]);
    assert!(kinds(&facts(t, vec![on(n(17), 90)], two)).is_empty());
}

#[test]
fn side_effects_in_the_first_three_weeks_of_a_higher_dose_bring_a_calm_note() {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    let dry = mornings_after(&[n(1), n(2)], Feeling::Fine, &[Symptom::DryMouth]);
    // Up from 10 to 20 mg on n(21): n(1) is night 21 of the new dose (index 20) and counts.
    let up = |first: NaiveDate| {
        history(
            evening(90),
            t,
            move |night| if night >= first { 20 } else { 10 },
        )
    };
    let s = fires(
        &facts(t, vec![up(n(21))], dry.clone()),
        SuggestionKind::SideEffectsEarlyDays,
    )
    .unwrap();
    assert_eq!(s.severity, Severity::Info);
    assert_eq!(s.evidence_count, 2);
    // One night later and n(2) is past the first weeks: only one morning counts.
    assert!(fires(
        &facts(t, vec![up(n(22))], dry.clone()),
        SuggestionKind::SideEffectsEarlyDays
    )
    .is_none());
    // One morning is not enough; a steady dose or a lower one is not a new dose.
    let one = mornings_after(&[n(1)], Feeling::Fine, &[Symptom::DryMouth]);
    assert!(fires(
        &facts(t, vec![up(n(5))], one),
        SuggestionKind::SideEffectsEarlyDays
    )
    .is_none());
    assert!(fires(
        &facts(t, vec![steady(evening(90))], dry.clone()),
        SuggestionKind::SideEffectsEarlyDays
    )
    .is_none());
    let down = history(
        evening(90),
        t,
        move |night| if night >= n(5) { 10 } else { 20 },
    );
    assert!(fires(
        &facts(t, vec![down], dry),
        SuggestionKind::SideEffectsEarlyDays
    )
    .is_none());
    // Withdrawal-type symptoms are not side effects.
    let malaise = mornings_after(&[n(1), n(2)], Feeling::Fine, &[Symptom::Malaise]);
    assert!(fires(
        &facts(t, vec![up(n(5))], malaise),
        SuggestionKind::SideEffectsEarlyDays
    )
    .is_none());
}

fn at_target(first: NaiveDate) -> MedHistory {
    let mut h = history(
        evening(90),
        tonight(),
        move |night| if night >= first { 50 } else { 40 },
    );
    h.nights.iter_mut().for_each(|r| {
        r.plan = NightPlan::Titration {
            target: Micrograms::mg(50),
        }
    });
    h
}

#[test]
fn a_fair_trial_is_six_weeks_at_the_target() {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    assert!(fires(
        &facts(t, vec![at_target(n(41))], vec![]),
        SuggestionKind::FairTrialReview
    )
    .is_none());
    let s = fires(
        &facts(t, vec![at_target(n(42))], vec![]),
        SuggestionKind::FairTrialReview,
    )
    .unwrap();
    assert!(
        s.evidence[0].contains("50 mg every night") && s.evidence[0].contains("42 nights"),
        "{:?}",
        s.evidence
    );
    assert!(fires(
        &facts(t, vec![at_target(n(84))], vec![]),
        SuggestionKind::FairTrialReview
    )
    .is_some());
    assert!(fires(
        &facts(t, vec![at_target(n(85))], vec![]),
        SuggestionKind::FairTrialReview
    )
    .is_none());
    // A steady plan's dose is a trial too, and so is a titration paused below its target.
    let plain = history(
        evening(90),
        t,
        move |night| if night >= n(50) { 50 } else { 40 },
    );
    let s = fires(
        &facts(t, vec![plain], vec![]),
        SuggestionKind::FairTrialReview,
    )
    .unwrap();
    assert!(s.text.contains("50 mg of Amitriptyline"), "{}", s.text);
    let mut paused = at_target(n(45));
    paused.nights.iter_mut().for_each(|r| {
        r.plan = NightPlan::Titration {
            target: Micrograms::mg(75),
        }
    });
    let s = fires(
        &facts(t, vec![paused], vec![]),
        SuggestionKind::FairTrialReview,
    )
    .unwrap();
    assert!(
        s.evidence.iter().any(|e| e.contains("target is 75 mg")),
        "{:?}",
        s.evidence
    );
    // A taper step held that long is not a trial of the dose.
    let mut held = at_target(n(45));
    held.nights
        .iter_mut()
        .for_each(|r| r.plan = NightPlan::Taper);
    assert!(fires(
        &facts(t, vec![held], vec![]),
        SuggestionKind::FairTrialReview
    )
    .is_none());
    // A review once the trial is complete answers it; one before does not.
    let mut f = facts(t, vec![at_target(n(45))], vec![]);
    f.review.last_review = Some(n(3));
    assert!(fires(&f, SuggestionKind::FairTrialReview).is_none());
    f.review.last_review = Some(n(4));
    assert!(fires(&f, SuggestionKind::FairTrialReview).is_some());
}

#[test]
fn a_review_is_due_on_its_day_not_before() {
    let t = tonight();
    let mut f = facts(t, vec![], vec![]);
    f.review = review::ReviewStatus {
        interval_months: 3,
        last_review: Some(d(3, 31)),
        counting_from: Some(d(3, 31)),
        due_on: review::due_after(d(3, 31), 3),
    };
    // 31 March + 3 months is 30 June.
    let s = fires(&f, SuggestionKind::ReviewDue).unwrap();
    assert!(s.text.contains("3 months"), "{}", s.text);
    assert_eq!(s.id, "review_due:2026-06-30");
    f.tonight = d(6, 29);
    assert!(fires(&f, SuggestionKind::ReviewDue).is_none());
}

fn tapering(from_night: NaiveDate) -> MedHistory {
    let mut h = history(evening(90), tonight(), move |night| {
        if night >= from_night {
            10
        } else {
            20
        }
    });
    h.nights.iter_mut().for_each(|r| r.plan = NightPlan::Taper);
    h
}

#[test]
fn withdrawal_symptoms_within_two_weeks_of_a_step_raise_the_hold_question() {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    // Stepped down on n(14): mornings n(13)..=t are within the window.
    let two = vec![
        checkin(n(13), Feeling::Fine, &[Symptom::Headache]),
        checkin(t, Feeling::SleptBadly, &[]),
    ];
    let s = fires(
        &facts(t, vec![tapering(n(14))], two.clone()),
        SuggestionKind::WithdrawalDuringTaper,
    )
    .unwrap();
    assert_eq!(s.severity, Severity::ContactPrescriberSoon);
    assert_eq!(s.evidence_count, 2);
    assert!(
        s.evidence[0].contains("from 20 mg to 10 mg"),
        "{:?}",
        s.evidence
    );
    // A step 15 nights ago is outside the window.
    assert!(fires(
        &facts(t, vec![tapering(n(15))], two),
        SuggestionKind::WithdrawalDuringTaper
    )
    .is_none());
    // One morning is not enough, and side effects alone are not withdrawal.
    let one = vec![checkin(n(3), Feeling::Fine, &[Symptom::Malaise])];
    assert!(fires(
        &facts(t, vec![tapering(n(5))], one),
        SuggestionKind::WithdrawalDuringTaper
    )
    .is_none());
    let dry = mornings_after(&[n(1), n(2)], Feeling::Fine, &[Symptom::DryMouth]);
    assert!(fires(
        &facts(t, vec![tapering(n(5))], dry),
        SuggestionKind::WithdrawalDuringTaper
    )
    .is_none());
    // A lower dose outside a taper (a new plan) is not a taper step, but is a fall in dose.
    let bad = mornings_after(&[n(1), n(2)], Feeling::SleptBadly, &[]);
    let lower = history(
        evening(90),
        t,
        move |night| if night >= n(5) { 10 } else { 20 },
    );
    let f = facts(t, vec![lower], bad);
    assert!(fires(&f, SuggestionKind::WithdrawalDuringTaper).is_none());
    let s = fires(&f, SuggestionKind::WithdrawalAfterDoseFall).unwrap();
    assert!(
        s.evidence[0].contains("New dose from 20 mg to 10 mg"),
        "{:?}",
        s.evidence
    );
}

#[test]
fn a_withdrawal_watch_keeps_earlier_evidence_across_later_steps_and_closes_two_weeks_after_the_last(
) {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    // 30 → 20 mg on n(10), 20 → 10 mg on n(3): one watch from n(10) to n(3) + 14.
    let mut h = history(evening(90), t, move |night| {
        if night >= n(3) {
            10
        } else if night >= n(10) {
            20
        } else {
            30
        }
    });
    h.nights.iter_mut().for_each(|r| r.plan = NightPlan::Taper);
    h.next_step = Some((n(-4), Micrograms::mg(5)));
    // Symptoms only before the second step.
    let before = vec![
        checkin(n(8), Feeling::SleptBadly, &[]),
        checkin(n(6), Feeling::Fine, &[Symptom::Headache]),
    ];
    let s = fires(
        &facts(t, vec![h.clone()], before.clone()),
        SuggestionKind::WithdrawalDuringTaper,
    )
    .unwrap();
    assert_eq!(s.evidence_count, 2);
    assert!(
        s.evidence.iter().any(|e| e.starts_with("Next step: 5 mg")),
        "{:?}",
        s.evidence
    );
    // Symptoms before the watch opened do not count.
    let earlier = vec![
        checkin(n(12), Feeling::SleptBadly, &[]),
        checkin(n(11), Feeling::SleptBadly, &[]),
    ];
    assert!(fires(
        &facts(t, vec![h.clone()], earlier),
        SuggestionKind::WithdrawalDuringTaper
    )
    .is_none());
    // Fifteen nights after the last step the watch is closed.
    let mut later = history(
        evening(90),
        t,
        move |night| if night >= n(15) { 10 } else { 20 },
    );
    later
        .nights
        .iter_mut()
        .for_each(|r| r.plan = NightPlan::Taper);
    let f = facts(t, vec![later], before);
    assert!(fires(&f, SuggestionKind::WithdrawalDuringTaper).is_none());
}

#[test]
fn three_nights_without_a_dose_open_a_watch_and_two_do_not() {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    let signs = mornings_after(&[n(2), n(1)], Feeling::SleptBadly, &[Symptom::Irritability]);
    let skipped = |nights: &[i64]| {
        let mut h = steady(evening(90));
        for r in h.nights.iter_mut() {
            if nights.iter().any(|b| r.night == n(*b)) {
                r.status = Some(DoseStatus::Missed);
                r.minutes_before_bed = None;
            }
        }
        h
    };
    let s = fires(
        &facts(t, vec![skipped(&[5, 4, 3])], signs.clone()),
        SuggestionKind::WithdrawalAfterDoseFall,
    )
    .unwrap();
    assert!(
        s.evidence[0].contains("3 nights in a row"),
        "{:?}",
        s.evidence
    );
    assert!(fires(
        &facts(t, vec![skipped(&[5, 3])], signs.clone()),
        SuggestionKind::WithdrawalAfterDoseFall
    )
    .is_none());
    assert!(fires(
        &facts(t, vec![skipped(&[4, 3])], signs),
        SuggestionKind::WithdrawalAfterDoseFall
    )
    .is_none());
}

#[test]
fn overlapping_tapers_are_noticed_and_back_to_back_ones_are_not() {
    let t = tonight();
    let mut a = steady(evening(90));
    let mut g = steady(med(2, "Gabapentin", Slot::Evening { lead_minutes: 60 }));
    a.taper_span = Some((d(6, 1), Some(d(7, 15))));
    g.taper_span = Some((d(7, 10), Some(d(8, 1))));
    let s = fires(
        &facts(t, vec![a.clone(), g.clone()], vec![]),
        SuggestionKind::OneTaperAtATime,
    )
    .unwrap();
    assert!(
        s.text.contains("Amitriptyline and Gabapentin"),
        "{}",
        s.text
    );
    g.taper_span = Some((d(7, 15), Some(d(8, 1))));
    assert!(fires(
        &facts(t, vec![a.clone(), g.clone()], vec![]),
        SuggestionKind::OneTaperAtATime
    )
    .is_none());
    // Both tapers over before tonight: nothing to ask.
    a.taper_span = Some((d(5, 1), Some(d(6, 10))));
    g.taper_span = Some((d(5, 20), Some(d(6, 20))));
    assert!(fires(
        &facts(t, vec![a, g], vec![]),
        SuggestionKind::OneTaperAtATime
    )
    .is_none());
}

#[test]
fn a_missed_evening_dose_brings_the_do_not_double_note_the_next_day_only() {
    let t = tonight();
    let with = |back: i64, status: DoseStatus| {
        let mut h = steady(evening(90));
        if let Some(r) = h
            .nights
            .iter_mut()
            .find(|r| r.night == t - Duration::days(back))
        {
            r.status = Some(status);
        }
        h
    };
    let s = fires(
        &facts(t, vec![with(1, DoseStatus::Missed)], vec![]),
        SuggestionKind::MissedDoseGuidance,
    )
    .unwrap();
    assert!(s.text.contains("do not take a double dose"), "{}", s.text);
    assert_eq!(s.severity, Severity::Info);
    assert!(fires(
        &facts(t, vec![with(2, DoseStatus::Missed)], vec![]),
        SuggestionKind::MissedDoseGuidance
    )
    .is_none());
    assert!(fires(
        &facts(t, vec![with(1, DoseStatus::Skipped { at: at() })], vec![]),
        SuggestionKind::MissedDoseGuidance
    )
    .is_none());
}

#[test]
fn urgent_symptoms_say_get_help_now_with_numbers_and_an_early_answer_counts_at_once() {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    let f = |c: Vec<CheckIn>| facts(t, vec![], c);
    for s in Symptom::ALL {
        let kind = match s.urgency() {
            Some(Urgency::Emergency) => SuggestionKind::EmergencyHelp,
            Some(Urgency::Now) => SuggestionKind::GetHelpNow,
            None => continue,
        };
        let found = fires(&f(vec![checkin(n(6), Feeling::Fine, &[s])]), kind)
            .unwrap_or_else(|| panic!("{s:?}"));
        assert_eq!(found.severity, Severity::GetHelpNow);
        assert!(
            found.text.contains(&s.label().to_lowercase()),
            "{}",
            found.text
        );
        assert!(!found.calls.is_empty());
    }
    // This morning's answer, saved before the day rolled over (morning = tonight + 1).
    let early = f(vec![checkin(
        t + Duration::days(1),
        Feeling::SleptBadly,
        &[Symptom::SelfHarmThoughts],
    )]);
    let s = fires(&early, SuggestionKind::EmergencyHelp).unwrap();
    assert!(
        s.text.contains("116 123") && s.text.contains("999"),
        "{}",
        s.text
    );
    assert_eq!(s.calls[0].number, "999");
    assert_eq!(
        evaluate(&early)[0].kind,
        SuggestionKind::EmergencyHelp,
        "first on the list"
    );
    // Seven mornings ago is outside the window.
    assert!(kinds(&f(vec![checkin(n(7), Feeling::Fine, &[Symptom::Fainting])])).is_empty());
}

#[test]
fn constipation_on_three_of_the_last_seven_mornings_counts_in_any_order() {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    let f = |c: Vec<CheckIn>| facts(t, vec![], c);
    let c = |back| checkin(n(back), Feeling::Fine, &[Symptom::Constipation]);
    assert!(fires(&f(vec![c(2), c(1)]), SuggestionKind::TellPrescriberPromptly).is_none());
    let s = fires(
        &f(vec![c(5), c(2), c(0)]),
        SuggestionKind::TellPrescriberPromptly,
    )
    .unwrap();
    assert_eq!(s.severity, Severity::ContactPrescriberSoon);
    assert!(fires(
        &f(vec![c(7), c(2), c(1)]),
        SuggestionKind::TellPrescriberPromptly
    )
    .is_none());
}

#[test]
fn a_dismissal_holds_until_the_evidence_grows() {
    let t = tonight();
    let n = |back: i64| t - Duration::days(back);
    let bad = mornings_after(&[n(2), n(3), n(4)], Feeling::SleptBadly, &[]);
    let s = fires(
        &facts(t, vec![steady(evening(90))], bad.clone()),
        SuggestionKind::AskAboutMorningDosing,
    )
    .unwrap();
    let dismissed = vec![Dismissal {
        suggestion_id: s.id.clone(),
        evidence_count: s.evidence_count,
        evidence_through: s.evidence_through,
    }];
    assert!(visible(
        evaluate(&facts(t, vec![steady(evening(90))], bad.clone())),
        &dismissed
    )
    .is_empty());
    // The next night: the window moves but no new bad night: still hidden.
    let next = t + Duration::days(1);
    assert!(visible(
        evaluate(&facts(
            next,
            vec![history(evening(90), next, |_| 20)],
            bad.clone()
        )),
        &dismissed
    )
    .is_empty());
    // A new bad night: back.
    let mut more = bad;
    more.push(checkin(t, Feeling::SleptBadly, &[]));
    let back = visible(
        evaluate(&facts(t, vec![steady(evening(90))], more)),
        &dismissed,
    );
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].evidence_count, 4);
}

#[test]
fn kinds_have_stable_codes_and_catalogue_wording() {
    for k in SuggestionKind::ALL {
        assert_eq!(SuggestionKind::parse(k.code()).unwrap(), k);
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            format!("\"{}\"", k.code())
        );
        let e = catalogue::entry(k.code()).unwrap_or_else(|| panic!("{} has no wording", k.code()));
        assert!(!e.fact.is_empty());
    }
    assert_eq!(
        SuggestionKind::parse("ask-about-morning-dosing").unwrap(),
        SuggestionKind::AskAboutMorningDosing
    );
    assert!(SuggestionKind::parse("take_more").is_err());
    assert_eq!(
        serde_json::to_string(&Severity::ContactPrescriberSoon).unwrap(),
        "\"contact_prescriber_soon\""
    );
}
