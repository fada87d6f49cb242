//! `medication::parse_strengths` and `schedule::parse_times`: the strengths and times a person
//! types into one box of the "add a medicine" form on a phone ("10, 25", "08:00, 14:00").
#![no_main]

use eventide_core::medication::{parse_strengths, MAX_STRENGTHS_TEXT_CHARS};
use eventide_core::schedule::{parse_times, MAX_TIMES_TEXT_CHARS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match parse_strengths("tablet", text) {
        // Whatever is accepted is plain numbers that read back the same, written as a list
        // (when that list still fits the box: ".2" is written "0.2").
        Ok(mgs) => {
            assert!(mgs.iter().all(|mg| mg.is_finite() && *mg >= 0.0));
            let again: Vec<String> = mgs.iter().map(|mg| mg.to_string()).collect();
            let again = again.join(", ");
            if again.chars().count() <= MAX_STRENGTHS_TEXT_CHARS {
                assert_eq!(parse_strengths("tablet", &again).ok(), Some(mgs));
            }
        }
        Err(e) => assert!(e.to_string().starts_with("tablet:")),
    }
    match parse_times("times", text) {
        Ok(times) => {
            let again: Vec<String> = times.iter().map(|t| t.format("%H:%M").to_string()).collect();
            let again = again.join(", ");
            if again.chars().count() <= MAX_TIMES_TEXT_CHARS {
                assert_eq!(parse_times("times", &again).ok(), Some(times));
            }
        }
        Err(e) => assert!(e.to_string().starts_with("times:")),
    }
});
