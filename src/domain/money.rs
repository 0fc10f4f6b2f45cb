//! Amounts of money typed by the person, kept as whole cents (or pence).

/// Reads "12", "12.5", "12.50" or "12,50" (decimal comma) as cents.
pub fn parse_cents(text: &str) -> Result<u64, &'static str> {
    let help = tr!("Enter an amount like 12 or 12.50.");
    let text = text.trim().trim_start_matches(['$', '£', '€']).trim();
    if text.is_empty() {
        return Err(help);
    }
    let (whole, fraction) = match text.rsplit_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    if whole.is_empty() && fraction.is_empty() {
        return Err(help);
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || fraction.len() > 2 {
        return Err(help);
    }
    let whole: u64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| help)? };
    let cents: u64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<u64>().map_err(|_| help)? * 10,
        _ => fraction.parse().map_err(|_| help)?,
    };
    const MAX_PER_DAY: u64 = 100_000_00; // a hundred thousand a day: anything more is a typo
    let total = whole.checked_mul(100).and_then(|w| w.checked_add(cents)).ok_or(help)?;
    if total > MAX_PER_DAY {
        return Err(tr!("That's more than 100,000 a day — check the amount."));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::parse_cents;

    #[test]
    fn reads_common_ways_of_writing_money() {
        assert_eq!(parse_cents("12"), Ok(1200));
        assert_eq!(parse_cents("12.5"), Ok(1250));
        assert_eq!(parse_cents(" 12.50 "), Ok(1250));
        assert_eq!(parse_cents("12,05"), Ok(1205));
        assert_eq!(parse_cents("$40"), Ok(4000));
        assert_eq!(parse_cents(".75"), Ok(75));
        assert_eq!(parse_cents("0"), Ok(0));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for bad in ["", "abc", "12.345", "1.2.3", "-5", "1e3", ".", "99999999999999999999", "100001"] {
            assert!(parse_cents(bad).is_err(), "{bad:?}");
        }
    }
}
