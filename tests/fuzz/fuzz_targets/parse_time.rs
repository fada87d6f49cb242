//! `schedule::parse_time`: bedtimes, check-in and dose times typed by the user ("22:30").
#![no_main]

use eventide_core::schedule::parse_time;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match parse_time("bedtime", text) {
        // Whatever is accepted prints back as the same time.
        Ok(t) => assert_eq!(parse_time("bedtime", &t.format("%H:%M").to_string()).ok(), Some(t)),
        Err(e) => assert!(e.to_string().starts_with("bedtime:")),
    }
});
