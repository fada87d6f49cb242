//! Amounts typed in mg (read as the terminal reads numbers) and medication names.
#![no_main]

use eventide_core::medication::{validate_name, MAX_NAME_CHARS};
use eventide_core::units::{Micrograms, MAX_AMOUNT_MG};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(mg) = text.trim().parse::<f64>() {
        if let Ok(amount) = Micrograms::from_mg("dose", mg) {
            assert!(!amount.is_zero() && amount.as_mg() <= MAX_AMOUNT_MG);
            assert!(amount.to_string().ends_with(" mg"));
        }
    }
    if let Ok(name) = validate_name(text) {
        assert!(!name.is_empty() && name.chars().count() <= MAX_NAME_CHARS);
        assert_eq!(validate_name(&name).ok(), Some(name));
    }
});
