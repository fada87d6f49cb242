//! Stable ids for exported records. A clinician's system that imports the same log twice must
//! see the same resources, so every id is either the record's own id from the store or, for
//! things the store keys by date (check-ins, missed doses, plan steps, the person), a UUID
//! derived from that key. The derivation is FNV-1a (128-bit) — fixed forever, unlike Rust's
//! `DefaultHasher` — placed in an RFC 9562 version-8 ("custom") UUID.

use chrono::NaiveDate;
use uuid::{Builder, Uuid};

/// The namespace of every derived id, so ours never collide with another app's.
const NAMESPACE: &str = "eventide-report-v1";

/// A UUID derived from `parts` (joined unambiguously); the same parts always give the same id.
pub fn derived(parts: &[&str]) -> Uuid {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u128::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    feed(NAMESPACE.as_bytes());
    for part in parts {
        // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
        feed(&(part.len() as u64).to_be_bytes());
        feed(part.as_bytes());
    }
    // FNV alone barely changes the high bits for inputs that differ at the end (dates of
    // consecutive mornings); a finaliser (MurmurHash3's fmix64 over each half, crossed)
    // spreads every input bit over the whole id.
    let mut hi = (hash >> 64) as u64;
    let mut lo = hash as u64;
    hi = fmix64(hi ^ lo.rotate_left(29));
    lo = fmix64(lo ^ hi);
    let mixed = (u128::from(hi) << 64) | u128::from(lo);
    Builder::from_custom_bytes(mixed.to_be_bytes()).into_uuid()
}

fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// The person the log is about: derived from the first medicine added (the database's oldest
/// stable id), so every export from one phone names the same subject.
pub fn subject(first_medication: Option<Uuid>) -> Uuid {
    match first_medication {
        Some(id) => derived(&["subject", &id.to_string()]),
        None => derived(&["subject"]),
    }
}

/// A morning check-in.
pub fn checkin(subject: Uuid, morning: NaiveDate) -> Uuid {
    derived(&["checkin", &subject.to_string(), &morning.to_string()])
}

/// A dose that was missed (no log entry exists for it).
pub fn missed_dose(medication: Uuid, slot_index: u32, night: NaiveDate) -> Uuid {
    derived(&[
        "missed",
        &medication.to_string(),
        &slot_index.to_string(),
        &night.to_string(),
    ])
}

/// One step of a plan version.
pub fn plan_step(plan: Uuid, index: usize) -> Uuid {
    derived(&["step", &plan.to_string(), &index.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_fixed_and_distinct() {
        let a = derived(&["ab", "c"]);
        assert_eq!(a, derived(&["ab", "c"]));
        assert_ne!(a, derived(&["a", "bc"]));
        assert_eq!(a.get_version_num(), 8);
        // Pinned: an id must never change between app versions, or a clinician's system would
        // import the same check-in twice.
        assert_eq!(
            checkin(Uuid::nil(), NaiveDate::from_ymd_opt(2026, 11, 3).unwrap()).to_string(),
            "3c4b49f1-075f-89c8-adc3-5e7f47171590"
        );
        let night = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert_ne!(
            checkin(Uuid::nil(), night),
            missed_dose(Uuid::nil(), 0, night)
        );
    }
}
