//! The words users and shells send: check-in answers, symptoms and notification buttons.
#![no_main]

use eventide_core::checkin::{Feeling, Symptom};
use eventide_core::notify::NotificationAction;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(f) = Feeling::parse(text) {
        assert_eq!(Feeling::parse(f.code()).ok(), Some(f));
    }
    match Symptom::parse(text) {
        Ok(s) => assert_eq!(Symptom::parse(s.code()).ok(), Some(s)),
        Err(e) => assert!(e.to_string().contains("dizziness")),
    }
    if let Ok(a) = NotificationAction::parse(text) {
        assert_eq!(NotificationAction::parse(a.code()).ok(), Some(a));
    }
});
