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

#[cfg(test)]
mod tests {
    use super::*;

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
