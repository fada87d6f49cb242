//! How numbers are said: "1 night", "2 nights", "every day", "every 7 days". One place, so no
//! screen, report or message says "1 nights" or "every 1 days".

/// `n` with the singular or plural word: "1 night", "14 nights".
pub fn count(n: impl Into<i64>, singular: &str, plural: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// "1 night", "14 nights".
pub fn nights(n: impl Into<i64>) -> String {
    count(n, "night", "nights")
}

/// "every day", "every 7 days".
pub fn every_days(n: u32) -> String {
    if n == 1 {
        "every day".into()
    } else {
        format!("every {n} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular() {
        assert_eq!(nights(1), "1 night");
        assert_eq!(nights(0), "0 nights");
        assert_eq!(nights(2), "2 nights");
        assert_eq!(every_days(1), "every day");
        assert_eq!(every_days(14), "every 14 days");
        assert_eq!(count(1u32, "dose", "doses"), "1 dose");
    }
}
