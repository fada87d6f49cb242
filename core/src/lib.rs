//! Eventide's core: every rule, every number and the store of a bedtime-medicine companion.
//! The shells (Android, iOS, the terminal) draw what this crate computes and hand user taps
//! back to it. The core never reads the clock: every call takes the current instant.

pub mod backup;
pub mod breakdown;
pub mod card;
pub mod catalogue;
pub mod checkin;
pub mod companion;
pub mod doselog;
pub mod error;
pub mod forms;
pub mod gates;
pub mod ingredient;
pub mod medication;
pub mod notify;
pub mod plan;
pub mod privacy;
pub mod records;
pub mod reminders;
pub mod report;
pub mod response;
pub mod review;
pub mod schedule;
pub mod store;
pub mod suggest;
pub mod supplies;
pub mod tap;
pub mod taper;
pub mod units;
pub mod view;
pub mod words;
pub mod zone;

pub use companion::{ActionOutcome, Companion};
pub use error::{Error, Result};
