//! Dates and instants from outside: the terminal's `--night`/`--morning`/`--from` (YYYY-MM-DD)
//! and `--now` (RFC 3339), parsed exactly as the CLI does, then pushed through the core's date
//! arithmetic (nights, occurrences, notification ids) with any offset a zone could report.
#![no_main]

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use eventide_core::medication::{Medication, Slot};
use eventide_core::notify::parse_id;
use eventide_core::schedule::{night_of, occurrences_on, DaySettings};
use eventide_core::units::Micrograms;
use eventide_core::zone::FixedZone;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, i32, u16)| {
    let (text, offset, minutes) = input;
    let zone = FixedZone(offset % 200_000);
    let mut settings = DaySettings::default();
    if let Some(t) = NaiveTime::from_hms_opt(u32::from(minutes / 60 % 24), u32::from(minutes % 60), 0) {
        settings.bedtimes.default = t;
    }
    let med = Medication {
        id: uuid::Uuid::from_u128(u128::from(minutes)),
        name: "Amitriptyline".into(),
        ingredient: eventide_core::ingredient::Ingredient::Amitriptyline,
        added_at: DateTime::UNIX_EPOCH,
        latest_after_bedtime_minutes: minutes % 241,
        tablets: vec![Micrograms::mg(10)],
        can_halve: false,
        liquids_per_5ml: vec![],
        slot: match minutes % 3 {
            0 => Slot::Evening { lead_minutes: 90 },
            1 => Slot::Morning { time: settings.bedtimes.default },
            _ => Slot::Times { times: vec![NaiveTime::MIN, settings.bedtimes.default] },
        },
    };
    if let Ok(date) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        for occ in occurrences_on(&settings, &zone, &med, date) {
            assert!(occ.cutoff > occ.due);
            assert!(parse_id(&occ.key()).is_ok(), "{}", occ.key());
        }
    }
    if let Ok(now) = DateTime::parse_from_rfc3339(text) {
        let _ = night_of(&settings, &zone, now.with_timezone(&Utc));
    }
});
