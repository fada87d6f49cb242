//! Property tests: evening reminders across clock changes in several zones, and taper plans
//! for random strengths and methods.

mod common;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use eventide_core::breakdown::breakdown;
use eventide_core::ingredient::Ingredient;
use eventide_core::medication::{Medication, Slot};
use eventide_core::plan::{check_taper_ends, steps, Horizon, Plan, PlanKind, TaperMethod};
use eventide_core::schedule::{occurrences_between, DaySettings};
use eventide_core::units::Micrograms;
use eventide_core::zone::{to_local, ZoneRules};
use proptest::prelude::*;
use uuid::Uuid;

const ZONES: [&str; 4] = [
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
];

fn med(tablets: Vec<u32>, can_halve: bool, liquids: Vec<u32>, lead: u16) -> Medication {
    Medication {
        id: Uuid::from_u128(1),
        name: "Amitriptyline".into(),
        ingredient: Ingredient::Amitriptyline,
        added_at: chrono::DateTime::UNIX_EPOCH,
        latest_after_bedtime_minutes: 120,
        tablets: tablets.into_iter().map(Micrograms::mg).collect(),
        can_halve,
        liquids_per_5ml: liquids.into_iter().map(Micrograms::mg).collect(),
        slot: Slot::Evening { lead_minutes: lead },
    }
}

/// Minutes since local midnight of a wall-clock time.
fn minutes(t: NaiveTime) -> i64 {
    i64::from(t.hour() * 60 + t.minute())
}

/// True when the wall time `local` on `date` does not exist in the zone (a spring-forward gap).
fn in_gap(zone: &dyn ZoneRules, at: DateTime<Utc>, wanted: NaiveTime) -> bool {
    let shown = to_local(zone, at).time();
    shown != wanted
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Every night's reminder shows bedtime − lead on the phone's clock (or, on the one night a
    /// year that time does not exist, the same time shifted by the gap), nights come in order,
    /// and each dose can be taken until after it is due.
    #[test]
    fn evening_reminders_keep_wall_clock_time_across_dst(
        zone_index in 0usize..4,
        start_offset in 0i64..(365 * 5),
        bed_minutes in 0u32..(24 * 60),
        lead in 60u16..=120,
    ) {
        let zone = common::zone(ZONES[zone_index]);
        let zone: &dyn ZoneRules = zone.as_ref();
        let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(start_offset);
        let last = first + Duration::days(20);
        let mut settings = DaySettings::default();
        settings.bedtimes.default = NaiveTime::from_hms_opt(bed_minutes / 60, bed_minutes % 60, 0).unwrap();
        let m = med(vec![10], false, vec![], lead);
        let occ = occurrences_between(&settings, zone, std::slice::from_ref(&m), first, last);
        prop_assert_eq!(occ.len(), 21);
        let wanted_minutes = (i64::from(bed_minutes) - i64::from(lead)).rem_euclid(24 * 60);
        let wanted = NaiveTime::from_hms_opt((wanted_minutes / 60) as u32, (wanted_minutes % 60) as u32, 0).unwrap();
        for o in &occ {
            let shown = to_local(zone, o.due).time();
            if in_gap(zone, o.due, wanted) {
                // Moved later by the gap (at most an hour here), never earlier.
                let shift = (minutes(shown) - wanted_minutes).rem_euclid(24 * 60);
                prop_assert!(shift > 0 && shift <= 60, "{} shown {shown} for {wanted}", o.night);
            } else {
                prop_assert_eq!(shown, wanted, "night {}", o.night);
            }
            prop_assert!(o.cutoff > o.due + Duration::minutes(i64::from(lead)));
        }
        for w in occ.windows(2) {
            let gap = w[1].due - w[0].due;
            prop_assert!(gap >= Duration::hours(22) && gap <= Duration::hours(26), "{gap:?} between {} and {}", w[0].night, w[1].night);
        }
    }

    /// Tapers go strictly down, end at 0, and every step before the end can be measured with
    /// what the user holds.
    #[test]
    fn tapers_are_monotone_measurable_and_end_at_zero(
        tablet_set in prop::sample::subsequence(vec![5u32, 10, 25, 50], 1..=3),
        can_halve in any::<bool>(),
        liquid in prop::option::of(prop::sample::select(vec![10u32, 25, 50])),
        from_units in 1u32..=8,
        linear in any::<bool>(),
        step_mg in 1u32..=25,
        percent in 5u32..=50,
        every in 1u32..=28,
    ) {
        let m = med(tablet_set.clone(), can_halve, liquid.into_iter().collect(), 90);
        let from = Micrograms::mg(tablet_set[0] * from_units);
        let method = if linear { TaperMethod::Linear { step: Micrograms::mg(step_mg) } } else { TaperMethod::Proportional { percent } };
        let plan = Plan {
            id: Uuid::from_u128(2),
            medication_id: m.id,
            version: 1,
            starts_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            kind: PlanKind::Taper { from, method, every_days: every },
            created_at: DateTime::UNIX_EPOCH,
            confirmed_warnings: vec![],
        };
        // Plans the companion refuses to save (too many steps) are not plans.
        prop_assume!(plan.kind.validate().is_ok() && check_taper_ends(&plan, &m).is_ok());
        let s = steps(&plan, &m, &[], plan.starts_on, Horizon::Confirmed);
        let doses: Vec<u32> = s.iter().map(|s| s.dose.0).collect();
        prop_assert_eq!(doses.first().copied(), Some(from.0));
        prop_assert_eq!(doses.last().copied(), Some(0), "ends at 0: {:?}", doses);
        prop_assert!(doses.windows(2).all(|w| w[0] > w[1]), "strictly down: {:?}", doses);
        for step in s.iter().filter(|s| !s.dose.is_zero()) {
            prop_assert!(breakdown(&m, step.dose).is_ok(), "{} not measurable with {:?}", step.dose, m);
        }
        for w in s.windows(2) {
            prop_assert_eq!(w[0].until, Some(w[1].from));
            prop_assert_eq!(w[1].from - w[0].from, Duration::days(i64::from(every)));
        }
    }
}
