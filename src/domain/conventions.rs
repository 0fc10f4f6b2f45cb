//! How the reader writes times and numbers: a 12- or 24-hour clock, and the
//! marks in "1,000" and "12.50". The browser side reads them once from `Intl`
//! for the language in use and the phone's region (Spanish on a US phone is
//! `es-US`: "8:00 a. m.", "1,000") and makes them current, like the language;
//! the formatting itself is here and in `dates`, plain Rust.

use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conventions {
    /// "8:00 AM" rather than "08:00".
    pub twelve_hour: bool,
    /// Between thousands: ',' in "1,000", '.' in "20.000", a narrow space in "20 000".
    pub group: char,
    /// Before the cents: '.' in "12.50", ',' in "12,50".
    pub decimal: char,
    /// Whether a four-digit number is grouped too: "1,000", but "1000" (and "20.000") in Spain.
    pub group_four_digits: bool,
}

impl Default for Conventions {
    /// Natively, and wherever `Intl` says nothing usable: 24-hour, "1,000", "12.50".
    fn default() -> Conventions {
        DEFAULT
    }
}

const DEFAULT: Conventions = Conventions { twelve_hour: false, group: ',', decimal: '.', group_four_digits: true };

/// Runs `f` with `value` in `setting` (one of the thread's current ones: the language,
/// the reader's conventions), then puts the previous value back.
pub fn while_set<T: Copy, R>(setting: &'static std::thread::LocalKey<Cell<T>>, value: T, f: impl FnOnce() -> R) -> R {
    let before = setting.with(|c| c.replace(value));
    let result = f();
    setting.with(|c| c.set(before));
    result
}

thread_local! {
    static CURRENT: Cell<Conventions> = const { Cell::new(DEFAULT) };
}

impl Conventions {
    pub fn current() -> Conventions {
        CURRENT.with(Cell::get)
    }

    pub fn make_current(self) {
        CURRENT.with(|c| c.set(self));
    }

    /// Runs `f` with `self` current, then puts the previous ones back.
    pub fn while_current<R>(self, f: impl FnOnce() -> R) -> R {
        while_set(&CURRENT, self, f)
    }

    /// From what `Intl` says: the `hourCycle` ("h12", "h23"…) or, where an
    /// engine gives none, `hour12` of a time format's resolved options; and
    /// how its number format writes 10000.5 and 1000. Anything unexpected
    /// (other digits, no separators) keeps the default for that part.
    pub fn from_intl(hour_cycle: Option<&str>, hour12: Option<bool>, ten_thousand_and_a_half: &str, thousand: &str) -> Conventions {
        let mut c = Conventions::default();
        c.twelve_hour = match hour_cycle {
            Some(cycle) => matches!(cycle, "h11" | "h12"),
            None => hour12.unwrap_or(false),
        };
        // "10,000.5": exactly two marks, the group's and the decimal's.
        let mut marks = ten_thousand_and_a_half.chars().filter(|ch| !ch.is_ascii_digit());
        if let (Some(group), Some(decimal), None) = (marks.next(), marks.next(), marks.next()) {
            if ten_thousand_and_a_half.starts_with("10") {
                c.group = group;
                c.decimal = decimal;
                c.group_four_digits = thousand.trim() != "1000";
            }
        }
        c
    }
}

/// A whole number as the reader groups it: "1,000", "20.000", "1000" in Spain.
pub fn number(n: u64) -> String {
    let c = Conventions::current();
    let digits = n.to_string();
    if digits.len() < 4 || (digits.len() == 4 && !c.group_four_digits) {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(c.group);
        }
        out.push(d);
    }
    out
}

/// An amount in cents as the reader writes it: "12.50", "1,234.05", "12,50".
pub fn cents(cents: u64) -> String {
    format!("{}{}{:02}", number(cents / 100), Conventions::current().decimal, cents % 100)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// What `Intl` answers in each locale the tests use (ICU, as in Chromium and Node 20).
    pub fn en_us() -> Conventions {
        Conventions::from_intl(Some("h12"), Some(true), "10,000.5", "1,000")
    }
    pub fn es_us() -> Conventions {
        Conventions::from_intl(Some("h12"), Some(true), "10,000.5", "1,000")
    }
    pub fn es_mx() -> Conventions {
        Conventions::from_intl(Some("h12"), Some(true), "10,000.5", "1,000")
    }
    pub fn es_es() -> Conventions {
        Conventions::from_intl(Some("h23"), Some(false), "10.000,5", "1000")
    }
    pub fn en_gb() -> Conventions {
        Conventions::from_intl(Some("h23"), Some(false), "10,000.5", "1,000")
    }

    #[test]
    fn the_conventions_are_read_from_what_intl_writes() {
        assert_eq!(en_us(), Conventions { twelve_hour: true, ..Conventions::default() });
        assert_eq!(en_gb(), Conventions::default());
        assert_eq!(es_es(), Conventions { twelve_hour: false, group: '.', decimal: ',', group_four_digits: false });
        // French: a narrow no-break space between thousands.
        let fr = Conventions::from_intl(Some("h23"), None, "10\u{202f}000,5", "1\u{202f}000");
        assert_eq!((fr.group, fr.decimal, fr.group_four_digits), ('\u{202f}', ',', true));
        // An engine with no hourCycle in its resolved options still says hour12.
        assert!(Conventions::from_intl(None, Some(true), "", "").twelve_hour);
        assert!(!Conventions::from_intl(Some("h24"), Some(true), "", "").twelve_hour);
        // Digits of another script, or nothing: the default marks.
        assert_eq!(Conventions::from_intl(None, None, "١٠٬٠٠٠٫٥", "١٬٠٠٠"), Conventions::default());
        assert_eq!(Conventions::from_intl(None, None, "10000.5", "1000"), Conventions::default());
    }

    #[test]
    fn numbers_are_grouped_as_the_reader_groups_them() {
        let each = |c: Conventions| c.while_current(|| [number(1000), number(20000), cents(1250), number(999), cents(100_000_00)]);
        assert_eq!(each(en_us()), ["1,000", "20,000", "12.50", "999", "100,000.00"]);
        assert_eq!(each(es_us()), ["1,000", "20,000", "12.50", "999", "100,000.00"]);
        assert_eq!(each(es_mx()), ["1,000", "20,000", "12.50", "999", "100,000.00"]);
        assert_eq!(each(en_gb()), ["1,000", "20,000", "12.50", "999", "100,000.00"]);
        assert_eq!(each(es_es()), ["1000", "20.000", "12,50", "999", "100.000,00"]);
        assert_eq!(number(1_234_567), "1,234,567");
        assert_eq!(number(0), "0");
        assert_eq!(Conventions::current(), Conventions::default(), "the conventions come back");
    }
}
