//! The phone's time zone as the core sees it: the zone the phone is in now (it changes when
//! the user travels), answered from the IANA rules as java.time and Foundation would.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use eventide_core::zone::ZoneRules;

#[derive(Clone)]
pub struct PhoneZone(Arc<Mutex<Tz>>);

impl PhoneZone {
    pub fn new(tz: Tz) -> PhoneZone {
        PhoneZone(Arc::new(Mutex::new(tz)))
    }

    pub fn get(&self) -> Tz {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set(&self, tz: Tz) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = tz;
    }
}

impl ZoneRules for PhoneZone {
    fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32 {
        self.get()
            .offset_from_utc_datetime(&instant.naive_utc())
            .fix()
            .local_minus_utc()
    }
}
