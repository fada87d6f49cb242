//! Shared by the integration tests: real IANA zone rules (chrono-tz) behind the core's zone
//! trait, as the phones provide theirs.

#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use eventide_core::zone::ZoneRules;

/// An IANA zone answering the core's one question.
pub struct Iana(pub Tz);

impl ZoneRules for Iana {
    fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32 {
        self.0
            .offset_from_utc_datetime(&instant.naive_utc())
            .fix()
            .local_minus_utc()
    }
}

/// The zone named `name`, ready to hand to a companion.
pub fn zone(name: &str) -> Arc<Iana> {
    Arc::new(Iana(name.parse().expect("a known zone")))
}
