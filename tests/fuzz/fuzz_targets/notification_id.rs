//! `notify::parse_id`: notification ids handed back by the phone when a button is tapped.
#![no_main]

use eventide_core::notify::{numeric_id, parse_id, NotificationTarget};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|id: &str| {
    assert!(numeric_id(id) >= 0);
    if let Ok(target) = parse_id(id) {
        // An accepted id is one the core could have written: writing it again reads back the same.
        let again = match &target {
            NotificationTarget::Dose { medication_id, slot_index, night } => {
                format!("dose:{medication_id}:{slot_index}:{night}")
            }
            NotificationTarget::Checkin { morning } => format!("checkin:{morning}"),
            NotificationTarget::Review { date } => format!("review:{date}"),
            NotificationTarget::Refill {
                medication_id,
                runs_out_on,
            } => format!("refill:{medication_id}:{runs_out_on}"),
        };
        assert_eq!(parse_id(&again).ok(), Some(target));
    }
});
