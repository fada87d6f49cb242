//! Eventide's uniffi surface: the one API the Android (Kotlin) and iOS (Swift) shells code
//! against. One object ([`Eventide`]), one error ([`EventideError`]), one foreign trait for
//! the phone's time zone ([`DeviceZone`]), and view-model records the shells draw as they
//! are. Conventions (amounts in mg, dates as "YYYY-MM-DD", instants as timestamps) are in
//! [`model`] and [`time`]; the full table is bindings/ffi/SURFACE.md.

mod error;
mod eventide;
pub mod model;
pub mod time;
mod zone;

pub mod backup;
pub mod choices;
pub mod reminders;
pub mod report;
pub mod review;
pub mod supplies;
pub mod taper;

pub use error::EventideError;
pub use eventide::Eventide;
pub use model::*;
pub use time::{PhoneTime, Timestamp};
pub use zone::DeviceZone;

uniffi::setup_scaffolding!();
