//! The rules for a new backup's passphrase and the hint shown while it is typed.
//!
//! The only protection of an encrypted backup that has left the phone is its passphrase:
//! whoever holds the file can try passphrases offline for as long as they like, each try
//! costing one scrypt (see [`super::encryption`]). So the rule is a minimum length
//! ([`MIN_PASSPHRASE_CHARS`]), and the hint steers towards several unrelated words.
//!
//! The strength is estimated from length and character classes (a dictionary estimator
//! such as zxcvbn was measured at several hundred KB of library for its word lists; see
//! the report in `scripts/BENCHMARKS.md`), with three corrections that catch the commonest
//! weak choices: a character repeating the one before it or continuing a run (`aaaa`,
//! `1234`, `abcd`, `4321`) adds nothing, and neither does one of the passwords attackers try
//! first ([`COMMON`]). The estimate is a hint, not a promise; every word of it is here.

use serde::Serialize;

/// The input a refused passphrase is reported on (`InvalidInput { field: "passphrase" }`).
pub const FIELD: &str = "passphrase";
/// Fewest characters a new backup's passphrase may have.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
/// Most characters a passphrase may have (no real one comes near; bounds what is hashed).
pub const MAX_PASSPHRASE_CHARS: usize = 1024;
/// Below this many estimated bits a passphrase is called weak (twelve random lower-case
/// letters are 56)…
pub const FAIR_BITS: f64 = 70.0;
/// …and from this many on, strong. A count by characters gives a word about 4.7 bits a
/// letter, twice what a dictionary attack needs, so the marks sit high: three short words
/// are fair, four strong.
pub const STRONG_BITS: f64 = 100.0;

/// Parts of passwords attackers try first (lower case); containing one counts for nothing.
pub const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "passphrase",
    "123456",
    "qwerty",
    "azerty",
    "asdfgh",
    "letmein",
    "iloveyou",
    "welcome",
    "monkey",
    "dragon",
    "football",
    "sunshine",
    "princess",
    "admin",
    "abc123",
    "trustno1",
    "eventide",
    "amitriptyline",
    "backup",
];

/// How strong a typed passphrase looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PassphraseStrength {
    /// Shorter than [`MIN_PASSPHRASE_CHARS`]: not accepted.
    TooShort,
    /// Long enough, but mostly repeats, runs or a common password: not accepted.
    TooPredictable,
    /// Accepted, but easy to guess.
    Weak,
    /// Accepted; a word more would help.
    Fair,
    /// Accepted.
    Strong,
}

/// The verdict on a passphrase being typed for a new backup, for the field's helper text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassphraseCheck {
    /// Whether a backup may be encrypted with it.
    pub acceptable: bool,
    /// The estimate.
    pub strength: PassphraseStrength,
    /// One word for the estimate ("Too short", "Weak", "Fair", "Strong").
    pub label: String,
    /// What to do about it, one sentence.
    pub hint: String,
    /// What the user must know about any passphrase (the same sentence every time).
    pub note: String,
}

/// What every passphrase field says.
pub const NOTE: &str = "Eventide does not keep this passphrase. Without it nobody can open the backup, not even you, so keep it somewhere safe.";

/// Checks a passphrase for a new backup and says how strong it looks.
pub fn check_passphrase(text: &str) -> PassphraseCheck {
    let chars = text.chars().count();
    let (strength, hint) = if chars < MIN_PASSPHRASE_CHARS {
        (
            PassphraseStrength::TooShort,
            format!(
                "Use at least {MIN_PASSPHRASE_CHARS} characters ({chars} so far). Four or more unrelated words are easy to remember and hard to guess."
            ),
        )
    } else if chars > MAX_PASSPHRASE_CHARS {
        (
            PassphraseStrength::TooPredictable,
            format!("Use at most {MAX_PASSPHRASE_CHARS} characters."),
        )
    } else if text.trim().is_empty() {
        (
            PassphraseStrength::TooPredictable,
            "Spaces alone are not a passphrase; use unrelated words.".to_string(),
        )
    } else {
        let estimate = estimate(text);
        if estimate.effective_chars * 2 < MIN_PASSPHRASE_CHARS {
            let why = if estimate.common {
                "It is mostly a password that is tried first"
            } else {
                "Repeated characters and runs such as aaaa, 1234 or abcd are easy to guess"
            };
            (
                PassphraseStrength::TooPredictable,
                format!("{why}; use unrelated words instead."),
            )
        } else if estimate.bits < FAIR_BITS {
            let why = if estimate.common {
                "It contains a password that is tried first. "
            } else {
                ""
            };
            (
                PassphraseStrength::Weak,
                format!("{why}Easy to guess: add another unrelated word or two."),
            )
        } else if estimate.bits < STRONG_BITS {
            (
                PassphraseStrength::Fair,
                "Fair. Another unrelated word would make it much harder to guess.".to_string(),
            )
        } else {
            (
                PassphraseStrength::Strong,
                "Strong. Make sure you can type it again on a new phone.".to_string(),
            )
        }
    };
    let label = match strength {
        PassphraseStrength::TooShort => "Too short",
        PassphraseStrength::TooPredictable if chars > MAX_PASSPHRASE_CHARS => "Too long",
        PassphraseStrength::TooPredictable => "Too easy to guess",
        PassphraseStrength::Weak => "Weak",
        PassphraseStrength::Fair => "Fair",
        PassphraseStrength::Strong => "Strong",
    };
    PassphraseCheck {
        acceptable: strength >= PassphraseStrength::Weak,
        strength,
        label: label.to_string(),
        hint,
        note: NOTE.to_string(),
    }
}

struct Estimate {
    /// Characters that add to the guessing work (repeats, runs and common parts do not).
    effective_chars: usize,
    /// `effective_chars` × log2(size of the character classes used).
    bits: f64,
    /// Contains one of [`COMMON`].
    common: bool,
}

fn estimate(text: &str) -> Estimate {
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    // Characters inside a common password count for nothing.
    let mut counts = vec![true; chars.len()];
    let mut common = false;
    if lower.len() == chars.len() {
        for word in COMMON {
            let w: Vec<char> = word.chars().collect();
            if w.is_empty() {
                continue;
            }
            for (start, window) in lower.windows(w.len()).enumerate() {
                if window == w.as_slice() {
                    common = true;
                    counts
                        .iter_mut()
                        .skip(start)
                        .take(w.len())
                        .for_each(|c| *c = false);
                }
            }
        }
    }
    // A repeat of the previous character, or the third step of a run, counts for nothing.
    let steps: Vec<i64> = chars
        .windows(2)
        .map(|w| i64::from(u32::from(w[1])) - i64::from(u32::from(w[0])))
        .collect();
    for (i, step) in steps.iter().enumerate() {
        let run = step.abs() == 1 && i >= 1 && steps.get(i - 1) == Some(step);
        if *step == 0 || run {
            if let Some(c) = counts.get_mut(i + 1) {
                *c = false;
            }
        }
    }
    let effective_chars = counts.iter().filter(|c| **c).count();
    let mut pool = 0u32;
    if chars.iter().any(|c| c.is_ascii_lowercase()) {
        pool += 26;
    }
    if chars.iter().any(|c| c.is_ascii_uppercase()) {
        pool += 26;
    }
    if chars.iter().any(|c| c.is_ascii_digit()) {
        pool += 10;
    }
    // Spaces separate words; they count as characters but do not widen the classes.
    if chars.iter().any(|c| c.is_ascii_punctuation()) {
        pool += 33;
    }
    if chars.iter().any(|c| !c.is_ascii()) {
        pool += 100;
    }
    let bits = effective_chars as f64 * f64::from(pool.max(2)).log2();
    Estimate {
        effective_chars,
        bits,
        common,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strength(text: &str) -> PassphraseStrength {
        check_passphrase(text).strength
    }

    #[test]
    fn short_passphrases_are_refused_with_the_count_so_far() {
        let check = check_passphrase("tulip7");
        assert!(!check.acceptable);
        assert_eq!(check.strength, PassphraseStrength::TooShort);
        assert!(check.hint.contains("at least 12"), "{}", check.hint);
        assert!(check.hint.contains("(6 so far)"), "{}", check.hint);
        assert_eq!(check.note, NOTE);
        // Characters, not bytes: twelve accented letters are twelve.
        assert!(check_passphrase("éèêëēėęàâäáå").acceptable);
    }

    #[test]
    fn repeats_runs_and_common_passwords_are_too_easy_to_guess() {
        for text in [
            "aaaaaaaaaaaa",
            "123456789012",
            "abcdefghijklmn",
            "            ",
            "password1234",
            "Passw0rd!!!!",
        ] {
            let check = check_passphrase(text);
            assert!(!check.acceptable, "{text} was accepted");
            assert_eq!(check.strength, PassphraseStrength::TooPredictable, "{text}");
        }
        assert!(check_passphrase("password1234")
            .hint
            .contains("tried first"));
        assert!(check_passphrase("aaaaaaaaaaaa").hint.contains("aaaa"));
    }

    #[test]
    fn a_passphrase_longer_than_any_real_one_is_refused_as_too_long() {
        let check = check_passphrase(&"lemon piano ".repeat(100));
        assert!(!check.acceptable);
        assert_eq!(check.label, "Too long");
        assert!(check.hint.contains("at most 1024"), "{}", check.hint);
    }

    #[test]
    fn unrelated_words_grow_stronger_with_each_word() {
        assert_eq!(strength("lemonpianowe"), PassphraseStrength::Weak);
        assert_eq!(strength("lemon piano river"), PassphraseStrength::Fair);
        assert_eq!(
            strength("lemon piano river gravel"),
            PassphraseStrength::Strong
        );
        assert_eq!(strength("Lemon-Piano-7-River"), PassphraseStrength::Strong);
        let weak = check_passphrase("mybackup2026x");
        assert!(
            weak.acceptable && weak.hint.contains("tried first"),
            "{weak:?}"
        );
    }
}
