//! Phone numbers typed by the person (for support people), made safe for `tel:`.

use serde::{Deserialize, Serialize};

use super::helplines::Region;

pub const PHONE_HELP: &str =
    "That number doesn't look right. Use digits, spaces, dashes or a leading +, like +1 555 123 4567 or 07700 900123.";

/// Normalises a typed number for a `tel:` link: international numbers become
/// `+` and digits; national numbers get the region's country code where the
/// national format is unambiguous; anything else is kept as plain digits.
pub fn normalise_phone(typed: &str, region: Region) -> Result<String, &'static str> {
    // "+44 (0)20 …": the bracketed trunk 0 is only for dialling inside the country.
    let without_trunk = typed.trim().replacen("(0)", "", usize::from(typed.trim_start().starts_with(['+', '0'])));
    let typed = without_trunk.trim();
    let mut digits = String::new();
    let mut plus = false;
    for (i, c) in typed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}' => {}
            _ => return Err(PHONE_HELP),
        }
    }
    if !plus {
        if let Some(rest) = digits.strip_prefix("00") {
            // 00 is the international prefix in Europe and Australia ("0011" there too).
            digits = rest.strip_prefix("11").filter(|_| region == Region::Australia).unwrap_or(rest).to_owned();
            plus = true;
        }
    }
    if plus {
        return if (8..=15).contains(&digits.len()) && !digits.starts_with('0') {
            Ok(format!("+{digits}"))
        } else {
            Err(PHONE_HELP)
        };
    }
    if !(3..=15).contains(&digits.len()) {
        return Err(PHONE_HELP);
    }
    let national = match region {
        Region::UnitedStates | Region::Canada => match digits.len() {
            10 if !digits.starts_with(['0', '1']) => Some(format!("+1{digits}")),
            11 if digits.starts_with('1') => Some(format!("+{digits}")),
            _ => None,
        },
        Region::UnitedKingdom => trunk(&digits, "44", 10..=11),
        Region::Ireland => trunk(&digits, "353", 9..=10),
        Region::Australia => trunk(&digits, "61", 10..=10),
    };
    Ok(national.unwrap_or(digits))
}

/// A typed number as it is dialled: normalised under the country it was
/// entered under, which is kept with it — so changing the helpline country
/// later doesn't change whom a national number like 07700 900123 calls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dial {
    pub country: Region,
    /// For `tel:` and `sms:` links; empty when the number couldn't be normalised.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tel: String,
}

impl Dial {
    pub fn read(typed: &str, country: Region) -> Dial {
        Dial { country, tel: normalise_phone(typed, country).unwrap_or_default() }
    }
}

/// The digits of a number as typed (and a leading +), for a `tel:` link to a
/// number that couldn't be normalised: it may still work, and the person sees
/// what they wrote. Empty if there are no digits at all.
pub fn typed_digits(typed: &str) -> String {
    let typed = typed.trim();
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    match (typed.starts_with('+'), digits.is_empty()) {
        (_, true) => String::new(),
        (true, false) => format!("+{digits}"),
        (false, false) => digits,
    }
}

/// A national number written with a leading 0 trunk prefix, e.g. 07700 900123 → +447700900123.
fn trunk(digits: &str, country: &str, lengths: std::ops::RangeInclusive<usize>) -> Option<String> {
    let rest = digits.strip_prefix('0').filter(|r| !r.starts_with('0'))?;
    lengths.contains(&digits.len()).then(|| format!("+{country}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Region::*;

    #[test]
    fn international_formats() {
        assert_eq!(normalise_phone("+1 (555) 123-4567", UnitedStates).unwrap(), "+15551234567");
        assert_eq!(normalise_phone("+44 7700 900123", UnitedStates).unwrap(), "+447700900123");
        assert_eq!(normalise_phone("0044 7700 900123", UnitedKingdom).unwrap(), "+447700900123");
        assert_eq!(normalise_phone("0011 61 2 9999 9999", Australia).unwrap(), "+61299999999");
        assert_eq!(normalise_phone("+353.1.555.0100", Ireland).unwrap(), "+35315550100");
        assert_eq!(normalise_phone("+44 (0)7700 900123", UnitedKingdom).unwrap(), "+447700900123");
        assert_eq!(normalise_phone("0044 (0)20 7946 0018", UnitedKingdom).unwrap(), "+442079460018");
    }

    #[test]
    fn national_formats_get_the_country_code() {
        assert_eq!(normalise_phone("555-123-4567", UnitedStates).unwrap(), "+15551234567");
        assert_eq!(normalise_phone("1 555 123 4567", Canada).unwrap(), "+15551234567");
        assert_eq!(normalise_phone("07700 900123", UnitedKingdom).unwrap(), "+447700900123");
        assert_eq!(normalise_phone("(01) 555 0100", Ireland).unwrap(), "+35315550100");
        assert_eq!(normalise_phone("0412 345 678", Australia).unwrap(), "+61412345678");
    }

    #[test]
    fn short_and_unusual_numbers_stay_as_digits() {
        assert_eq!(normalise_phone("116 123", UnitedKingdom).unwrap(), "116123");
        assert_eq!(normalise_phone("911", UnitedStates).unwrap(), "911");
        assert_eq!(normalise_phone("123 4567", UnitedStates).unwrap(), "1234567");
    }

    #[test]
    fn a_number_keeps_the_country_it_was_entered_under() {
        let uk = Dial::read("07700 900123", UnitedKingdom);
        assert_eq!(uk, Dial { country: UnitedKingdom, tel: "+447700900123".into() });
        assert_eq!(serde_json::to_string(&uk).unwrap(), r#"{"country":"UK","tel":"+447700900123"}"#);
        // Not normalisable: the country is kept, the tel is left empty (and not stored).
        let bad = Dial::read("555-CALL-NOW", UnitedStates);
        assert_eq!(bad.tel, "");
        assert_eq!(serde_json::to_string(&bad).unwrap(), r#"{"country":"US"}"#);
        assert_eq!(serde_json::from_str::<Dial>(r#"{"country":"US"}"#).unwrap(), bad);
    }

    #[test]
    fn typed_digits_keep_only_what_can_be_dialled() {
        assert_eq!(typed_digits("555-CALL-NOW"), "555");
        assert_eq!(typed_digits(" +44 7700 ext. 12"), "+44770012");
        assert_eq!(typed_digits("call me maybe"), "");
        assert_eq!(typed_digits("+"), "");
    }

    #[test]
    fn unusable_numbers_are_refused() {
        for bad in ["", "12", "call me", "555-CALL-NOW", "+0 555 1234", "+12", "1+555", "1234567890123456", "+1234567890123456"] {
            assert_eq!(normalise_phone(bad, UnitedStates), Err(PHONE_HELP), "{bad:?}");
        }
    }
}
