//! Amounts of medicine. Doses are whole micrograms so that taper maths never drifts the way
//! floating point does; liquid volumes are whole tenths of a millilitre, the resolution of
//! an oral syringe.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::error::{Error, Result};

/// The largest single amount the app accepts, in mg. Far above any pain dose (25–75 mg) and
/// the depression range (150–250 mg); anything larger is a typing mistake.
pub const MAX_AMOUNT_MG: f64 = 2000.0;

/// An amount of active ingredient, in micrograms.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct Micrograms(pub u32);

impl Micrograms {
    /// Zero: the end of a taper.
    pub const ZERO: Micrograms = Micrograms(0);

    /// Whole milligrams, for constants and tests.
    pub const fn mg(mg: u32) -> Micrograms {
        Micrograms(mg * 1000)
    }

    /// Accepts a user-typed amount in mg: finite, above zero, at most [`MAX_AMOUNT_MG`], and
    /// no finer than a microgram. `field` names the input in the error.
    pub fn from_mg(field: &str, mg: f64) -> Result<Micrograms> {
        if !mg.is_finite() {
            return Err(Error::invalid(field, "must be a number of milligrams"));
        }
        if mg <= 0.0 {
            return Err(Error::invalid(field, "must be more than 0 mg"));
        }
        if mg > MAX_AMOUNT_MG {
            return Err(Error::invalid(
                field,
                format!("{mg} mg is more than the {MAX_AMOUNT_MG} mg the app accepts; please check the number"),
            ));
        }
        let ug = (mg * 1000.0).round();
        if ug < 1.0 {
            return Err(Error::invalid(field, "must be at least 0.001 mg"));
        }
        // In range by the checks above: 1 ≤ ug ≤ 2,000,000.
        Ok(Micrograms(ug as u32))
    }

    /// The amount in mg, for display and interchange.
    pub fn as_mg(self) -> f64 {
        f64::from(self.0) / 1000.0
    }

    /// True for zero (nothing to take).
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for Micrograms {
    /// "25 mg", "7.5 mg", "0.2 mg": no trailing zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 1000;
        let frac = self.0 % 1000;
        if frac == 0 {
            write!(f, "{whole} mg")
        } else {
            let s = format!("{frac:03}");
            write!(f, "{whole}.{} mg", s.trim_end_matches('0'))
        }
    }
}

/// A liquid volume in tenths of a millilitre (the marks on an oral syringe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TenthsMl(pub u32);

impl TenthsMl {
    /// The volume in ml.
    pub fn as_ml(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

impl fmt::Display for TenthsMl {
    /// "7.5 ml", "10 ml".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(10) {
            write!(f, "{} ml", self.0 / 10)
        } else {
            write!(f, "{}.{} ml", self.0 / 10, self.0 % 10)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_amounts_are_checked_and_shown_without_trailing_zeros() {
        assert_eq!(
            Micrograms::from_mg("dose", 7.5).unwrap().to_string(),
            "7.5 mg"
        );
        assert_eq!(
            Micrograms::from_mg("dose", 25.0).unwrap().to_string(),
            "25 mg"
        );
        assert_eq!(Micrograms(200).to_string(), "0.2 mg");
        for bad in [f64::NAN, f64::INFINITY, -5.0, 0.0, 5000.0, 0.0001] {
            let err = Micrograms::from_mg("dose", bad).unwrap_err();
            assert!(
                matches!(err, Error::InvalidInput { ref field, .. } if field == "dose"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn volumes_read_like_syringe_marks() {
        assert_eq!(TenthsMl(75).to_string(), "7.5 ml");
        assert_eq!(TenthsMl(100).to_string(), "10 ml");
    }
}
