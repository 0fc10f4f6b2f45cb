//! Dates and times as the app shows them ("23 November 2026", "21:30").
//! Hand-written rather than chrono's strftime, whose format interpreter adds
//! tens of KB to the wasm for five fixed patterns.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// "23 November 2026".
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// "23 Nov".
pub fn day_month_short(date: NaiveDate) -> String {
    format!("{} {}", date.day(), &MONTHS[date.month0() as usize][..3])
}

/// "23 November at 21:30".
pub fn day_month_at(at: NaiveDateTime) -> String {
    format!("{} {} at {}", at.day(), MONTHS[at.month0() as usize], hh_mm(at.time()))
}

/// "21:30", 24-hour.
pub fn hh_mm(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "2026-11-23", as a date input wants it.
pub fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// "2026-11-23T21:30", as a datetime-local input wants it.
pub fn datetime_input(at: NaiveDateTime) -> String {
    format!("{}T{}", iso_date(at.date()), hh_mm(at.time()))
}

/// Reads a date input's value ("2026-11-23").
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

/// Reads a time input's value ("21:30", or "21:30:15" when seconds are shown).
pub fn parse_hh_mm(text: &str) -> Option<NaiveTime> {
    let mut parts = text.trim().split(':');
    let mut number = |max_len: usize| -> Option<u32> {
        let part = parts.next()?;
        (!part.is_empty() && part.len() <= max_len && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse().ok())?
    };
    let (hour, minute) = (number(2)?, number(2)?);
    let second = number(2).unwrap_or(0);
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// Reads a datetime-local input's value ("2026-11-23T21:30").
pub fn parse_datetime_input(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.trim().split_once('T')?;
    Some(parse_iso_date(date)?.and_time(parse_hh_mm(time)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_values_read_back_and_nonsense_is_refused() {
        let at = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap().and_hms_opt(21, 5, 0).unwrap();
        assert_eq!(parse_datetime_input(&datetime_input(at)), Some(at));
        assert_eq!(parse_iso_date(" 2024-02-29 "), Some(at.date()));
        assert_eq!(parse_hh_mm("21:05"), Some(at.time()));
        assert_eq!(parse_hh_mm("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_hh_mm("21:05:30"), NaiveTime::from_hms_opt(21, 5, 30));
        for bad in ["", "21", "24:00", "21:60", "2105", "21:5x", "-1:00", "21:05:30:00", "+1:00", "021:00"] {
            assert_eq!(parse_hh_mm(bad), None, "{bad}");
        }
        for bad in ["", "2023-02-29", "2026-13-01", "yesterday", "2026/11/23"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
        for bad in ["2026-11-23", "2026-11-23T", "T21:30", "2026-11-23 21:30", "2026-11-23T25:00"] {
            assert_eq!(parse_datetime_input(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_same_text_as_the_strftime_patterns_they_replace() {
        let days = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap().iter_days().take(800);
        for (n, date) in days.enumerate() {
            let at = date.and_hms_opt((n % 24) as u32, (n * 7 % 60) as u32, 0).unwrap();
            assert_eq!(long_date(date), date.format("%-d %B %Y").to_string());
            assert_eq!(day_month_short(date), date.format("%-d %b").to_string());
            assert_eq!(day_month_at(at), at.format("%-d %B at %H:%M").to_string());
            assert_eq!(hh_mm(at.time()), at.format("%H:%M").to_string());
            assert_eq!(iso_date(date), date.format("%Y-%m-%d").to_string());
            assert_eq!(datetime_input(at), at.format("%Y-%m-%dT%H:%M").to_string());
        }
        // Leap day and the turn of the year.
        assert_eq!(long_date(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()), "29 February 2024");
        assert_eq!(iso_date(NaiveDate::from_ymd_opt(999, 12, 31).unwrap()), "0999-12-31");
    }
}
