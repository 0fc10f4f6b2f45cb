//! Dates and times as the app shows them ("23 November 2026", "21:30" or
//! "9:30 PM" as the reader's conventions have it).
//! Hand-written rather than chrono's strftime, whose format interpreter adds
//! tens of KB to the wasm for five fixed patterns.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::conventions::Conventions;
use super::i18n::{counted, fill, Both, Lang};

const MONTHS: [Both; 12] = [
    Both::new("January"),
    Both::new("February"),
    Both::new("March"),
    Both::new("April"),
    Both::new("May"),
    Both::new("June"),
    Both::new("July"),
    Both::new("August"),
    Both::new("September"),
    Both::new("October"),
    Both::new("November"),
    Both::new("December"),
];

const WEEKDAYS: [Both; 7] = [
    Both::new("Mon"),
    Both::new("Tue"),
    Both::new("Wed"),
    Both::new("Thu"),
    Both::new("Fri"),
    Both::new("Sat"),
    Both::new("Sun"),
];

/// "Mon" / "Lun": `day` counts from Monday (0), as chrono's `num_days_from_monday`.
pub fn weekday_short(day: usize) -> &'static str {
    WEEKDAYS[day % 7].get()
}

/// "December 2026" / "diciembre de 2026".
pub fn month_year(year: i32, month: u32) -> String {
    fill(tr!(context = "month year", "{} {}"), &[month_name(month.clamp(1, 12) - 1), &year.to_string()])
}

fn month_name(month0: u32) -> &'static str {
    MONTHS[month0 as usize].get()
}

/// "23 November 2026" / "23 de noviembre de 2026".
pub fn long_date(date: NaiveDate) -> String {
    let (day, year) = (date.day().to_string(), date.year().to_string());
    fill(tr!("{} {} {}"), &[&day, month_name(date.month0()), &year])
}

/// "23 Nov" / "23 nov".
pub fn day_month_short(date: NaiveDate) -> String {
    format!("{} {}", date.day(), month_short(date.month0()))
}

/// Each its own message: cutting a translated name short needn't give the
/// abbreviation people use (and cuts the pseudo-locale's "[Mårçh ~~~~]" to "[Må").
fn month_short(month0: u32) -> &'static str {
    match month0 {
        0 => tr!(context = "short month", "Jan"),
        1 => tr!(context = "short month", "Feb"),
        2 => tr!(context = "short month", "Mar"),
        3 => tr!(context = "short month", "Apr"),
        4 => tr!(context = "short month", "May"),
        5 => tr!(context = "short month", "Jun"),
        6 => tr!(context = "short month", "Jul"),
        7 => tr!(context = "short month", "Aug"),
        8 => tr!(context = "short month", "Sep"),
        9 => tr!(context = "short month", "Oct"),
        10 => tr!(context = "short month", "Nov"),
        _ => tr!(context = "short month", "Dec"),
    }
}

/// "23 November at 21:30" / "23 de noviembre a las 21:30" ("a la 1:05" for one o'clock).
pub fn day_month_at(at: NaiveDateTime) -> String {
    let day = at.day().to_string();
    fill(tr!("{} {} at {}"), &[&day, month_name(at.month0()), &at_time(at.time())])
}

/// "at 21:30" without the "at" in English (it's in the sentence), "a las 21:30"
/// in Spanish, which says "a la" for one o'clock ("a la 1:05", "a la 1:05 p. m.").
pub fn at_time(time: NaiveTime) -> String {
    let shown = time_of_day(time);
    match Lang::current() {
        Lang::En => shown,
        _ if shown.starts_with("1:") || shown.starts_with("01:") => fill(tr!("at one o'clock: {}"), &[shown.trim_start_matches('0')]),
        _ => fill(tr!("at {}"), &[&shown]),
    }
}

/// A time of day as the reader reads it: "21:30", or "9:30 PM" ("9:30 p. m.")
/// where a 12-hour clock is usual. Never in a form field or a file: those take [`hh_mm`].
pub fn time_of_day(time: NaiveTime) -> String {
    if !Conventions::current().twelve_hour {
        return hh_mm(time);
    }
    let (pm, hour) = time.hour12();
    let mark = if pm { tr!("PM") } else { tr!("AM") };
    // No line break inside "9:30 PM" (nor inside "a. m.": the catalog has a no-break space there).
    format!("{hour}:{:02}\u{a0}{mark}", time.minute())
}

/// "21:30", 24-hour, as a time input, a key or a file wants it.
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

/// "1 day", "5 days" / "1 día", "5 días".
pub fn days_text(n: i64) -> String {
    counted(trn!("{} day", "{} days", n), n)
}

pub fn hours_text(n: i64) -> String {
    counted(trn!("{} hour", "{} hours", n), n)
}

pub fn minutes_text(n: i64) -> String {
    counted(trn!("{} minute", "{} minutes", n), n)
}

/// Reads a date input's value ("2026-11-23").
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    read_date(text.trim())
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

/// A clock reading: "20:30" (24-hour), or with `pm` known, "8", "8:30" on a
/// 12-hour clock (12 am is midnight, 12 pm is noon).
pub fn parse_clock(text: &str, pm: Option<bool>) -> Option<NaiveTime> {
    let Some(pm) = pm else { return parse_hh_mm(text) };
    let (hour, minute) = match text.split_once(':') {
        Some((hour, minute)) => (hour, minute),
        None => (text, "00"),
    };
    let digits = |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(hour) || minute.len() != 2 || !digits(minute) {
        return None;
    }
    let hour: u32 = hour.parse().ok()?;
    if !(1..=12).contains(&hour) {
        return None;
    }
    NaiveTime::from_hms_opt(hour % 12 + if pm { 12 } else { 0 }, minute.parse().ok()?, 0)
}

/// Reads a datetime-local input's value ("2026-11-23T21:30").
pub fn parse_datetime_input(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.trim().split_once('T')?;
    Some(parse_iso_date(date)?.and_time(parse_hh_mm(time)?))
}

// ---- The stored form of dates and times ----
//
// Exactly the text chrono's own serde support writes (its `Display`/`Debug`
// forms), so stored data and backups are unchanged; read and written here so
// that chrono's general-purpose parser isn't in the bundle.

/// A run of 1..=`max` ASCII digits, at least `min` of them.
fn digits(text: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok())?
}

/// "2026-11-23"; years outside 0..=9999 with a sign ("+10000-01-01").
fn date_text(date: NaiveDate) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if (0..=9999).contains(&y) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:+05}-{m:02}-{d:02}")
    }
}

fn read_date(text: &str) -> Option<NaiveDate> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => (1, text),
    };
    let mut parts = rest.split('-');
    let year = i32::try_from(digits(parts.next()?, 4, 6)?).ok()? * sign;
    let (month, day) = (digits(parts.next()?, 2, 2)?, digits(parts.next()?, 2, 2)?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// "21:30:00", with as many fraction digits as needed (3, 6 or 9); a leap second is ":60".
fn time_text(time: NaiveTime) -> String {
    let (second, nano) = match time.nanosecond() {
        n if n >= 1_000_000_000 => (time.second() + 1, n - 1_000_000_000),
        n => (time.second(), n),
    };
    let fraction = match nano {
        0 => String::new(),
        n if n % 1_000_000 == 0 => format!(".{:03}", n / 1_000_000),
        n if n % 1_000 == 0 => format!(".{:06}", n / 1_000),
        n => format!(".{n:09}"),
    };
    format!("{:02}:{:02}:{second:02}{fraction}", time.hour(), time.minute())
}

fn read_time(text: &str) -> Option<NaiveTime> {
    let (clock, fraction) = match text.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (text, None),
    };
    let mut parts = clock.split(':');
    let (hour, minute) = (digits(parts.next()?, 2, 2)?, digits(parts.next()?, 2, 2)?);
    let second = match parts.next() {
        Some(second) => digits(second, 2, 2)?,
        None if fraction.is_none() => 0,
        None => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    let nano = match fraction {
        Some(f) => digits(f, 1, 9)? * 10u32.pow(9 - f.len() as u32),
        None => 0,
    };
    match second {
        60 => NaiveTime::from_hms_nano_opt(hour, minute, 59, nano + 1_000_000_000),
        _ => NaiveTime::from_hms_nano_opt(hour, minute, second, nano),
    }
}

fn datetime_text(at: NaiveDateTime) -> String {
    format!("{}T{}", date_text(at.date()), time_text(at.time()))
}

fn read_datetime(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.split_once('T')?;
    Some(read_date(date)?.and_time(read_time(time)?))
}

/// `#[serde(with = "...")]` modules for the stored form of dates and times.
pub mod stored {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    fn read<'de, D: Deserializer<'de>, T>(d: D, parse: fn(&str) -> Option<T>, what: &str) -> Result<T, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).ok_or_else(|| D::Error::custom(format!("“{text}” isn't a valid {what}")))
    }

    fn write_optional<S: Serializer, T: Copy>(value: &Option<T>, text: fn(T) -> String, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => s.serialize_some(&text(*value)),
            None => s.serialize_none(),
        }
    }

    fn read_optional<'de, D: Deserializer<'de>, T>(d: D, parse: fn(&str) -> Option<T>, what: &str) -> Result<Option<T>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(text) => parse(&text).map(Some).ok_or_else(|| D::Error::custom(format!("“{text}” isn't a valid {what}"))),
            None => Ok(None),
        }
    }

    pub mod date {
        use super::*;
        pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&super::super::date_text(*date))
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
            read(d, super::super::read_date, "date")
        }
    }

    pub mod optional_date {
        use super::*;
        pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            write_optional(date, super::super::date_text, s)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            read_optional(d, super::super::read_date, "date")
        }
    }

    pub mod optional_time {
        use super::*;
        pub fn serialize<S: Serializer>(time: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
            write_optional(time, super::super::time_text, s)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
            read_optional(d, super::super::read_time, "time")
        }
    }

    pub mod optional_datetime {
        use super::*;
        pub fn serialize<S: Serializer>(at: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
            write_optional(at, super::super::datetime_text, s)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
            read_optional(d, super::super::read_datetime, "date and time")
        }
    }

    /// Times of day, in order of writing ("08:00").
    pub mod times {
        use super::*;
        pub fn serialize<S: Serializer>(times: &[NaiveTime], s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(times.iter().map(|t| super::super::time_text(*t)))
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveTime>, D::Error> {
            Vec::<String>::deserialize(d)?
                .into_iter()
                .map(|text| super::super::read_time(&text).ok_or_else(|| D::Error::custom(format!("“{text}” isn't a valid time"))))
                .collect()
        }
    }

    /// Dates, in order of writing ("2026-11-09").
    pub mod dates {
        use super::*;
        pub fn serialize<S: Serializer>(dates: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(dates.iter().map(|d| super::super::date_text(*d)))
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
            Vec::<String>::deserialize(d)?
                .into_iter()
                .map(|text| super::super::read_date(&text).ok_or_else(|| D::Error::custom(format!("“{text}” isn't a valid date"))))
                .collect()
        }
    }

    pub mod datetime {
        use super::*;
        pub fn serialize<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&super::super::datetime_text(*at))
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
            read(d, super::super::read_datetime, "date and time")
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_short_date_has_its_own_month_abbreviation_in_every_language() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        assert_eq!(day_month_short(date), "9 Mar");
        assert_eq!(Lang::Es.while_current(|| day_month_short(NaiveDate::from_ymd_opt(2026, 8, 1).unwrap())), "1 ago");
        assert_eq!(Lang::Es.while_current(|| day_month_short(NaiveDate::from_ymd_opt(2026, 5, 1).unwrap())), "1 may");
        assert_eq!(day_month_short(NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()), "1 May");
        // The pseudo-locale's is whole, brackets and all (cutting its "[Mårçh ~~~~]" left "[Må").
        assert_eq!(Lang::Pseudo.while_current(|| day_month_short(date)), "9 [Mår ~~]");
    }
    use super::*;

    #[test]
    fn weekday_and_month_names_in_both_languages() {
        assert_eq!(weekday_short(0), "Mon");
        assert_eq!(weekday_short(6), "Sun");
        assert_eq!(weekday_short(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap().weekday().num_days_from_monday() as usize), "Tue");
        assert_eq!(Lang::Es.while_current(|| weekday_short(2)), "Mié");
        assert_eq!(month_year(2026, 12), "December 2026");
        assert_eq!(Lang::Es.while_current(|| month_year(2027, 1)), "enero de 2027");
    }

    #[test]
    fn dates_and_plurals_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let leap = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        let at = |h, m| d.and_hms_opt(h, m, 0).unwrap();
        assert_eq!(long_date(d), "2 December 2026");
        assert_eq!(day_month_short(leap), "29 Feb");
        assert_eq!(day_month_at(at(21, 30)), "2 December at 21:30");
        assert_eq!(days_text(1), "1 day");
        assert_eq!(days_text(0), "0 days");
        Lang::Es.while_current(|| {
            assert_eq!(long_date(d), "2 de diciembre de 2026");
            assert_eq!(long_date(leap), "29 de febrero de 2028");
            assert_eq!(day_month_short(d), "2 dic");
            assert_eq!(day_month_at(at(21, 30)), "2 de diciembre a las 21:30");
            assert_eq!(day_month_at(at(1, 5)), "2 de diciembre a la 1:05");
            assert_eq!(day_month_at(at(0, 0)), "2 de diciembre a las 00:00");
            assert_eq!(days_text(1), "1 día");
            assert_eq!(days_text(0), "0 días");
            assert_eq!(days_text(5), "5 días");
        });
        assert_eq!(long_date(d), "2 December 2026", "the language comes back");
    }

    /// No-break spaces inside a 12-hour time: "1:05 p. m." stays on one line.
    fn nb(text: &str) -> String {
        [" AM", " PM", " a. m.", " p. m."].iter().fold(text.to_string(), |t, mark| t.replace(mark, &mark.replace(' ', "\u{a0}")))
    }

    #[test]
    fn times_follow_the_readers_clock() {
        use crate::domain::conventions::tests::{en_gb, en_us, es_es, es_mx, es_us};
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let times = [t(0, 5), t(12, 0), t(0, 30), t(13, 45)];
        let each = |c: Conventions, lang: Lang| c.while_current(|| lang.while_current(|| times.map(time_of_day)));
        assert_eq!(each(en_us(), Lang::En), ["12:05 AM", "12:00 PM", "12:30 AM", "1:45 PM"].map(nb));
        for c in [es_us(), es_mx()] {
            assert_eq!(each(c, Lang::Es), ["12:05 a. m.", "12:00 p. m.", "12:30 a. m.", "1:45 p. m."].map(nb));
        }
        for (c, lang) in [(en_gb(), Lang::En), (es_es(), Lang::Es), (Conventions::default(), Lang::En)] {
            assert_eq!(each(c, lang), ["00:05", "12:00", "00:30", "13:45"], "{c:?}");
        }
        // Form fields and files keep the 24-hour machine form.
        en_us().while_current(|| {
            assert_eq!(hh_mm(t(13, 45)), "13:45");
            assert_eq!(datetime_input(NaiveDate::from_ymd_opt(2026, 3, 10).unwrap().and_time(t(20, 0))), "2026-03-10T20:00");
        });
    }

    #[test]
    fn spanish_says_a_la_for_one_oclock_on_either_clock() {
        use crate::domain::conventions::tests::{en_us, es_es, es_us};
        let at = |h, m| NaiveDate::from_ymd_opt(2026, 12, 2).unwrap().and_hms_opt(h, m, 0).unwrap();
        es_us().while_current(|| Lang::Es.while_current(|| {
            assert_eq!(day_month_at(at(13, 5)), nb("2 de diciembre a la 1:05 p. m."));
            assert_eq!(day_month_at(at(1, 5)), nb("2 de diciembre a la 1:05 a. m."));
            assert_eq!(day_month_at(at(14, 0)), nb("2 de diciembre a las 2:00 p. m."));
            assert_eq!(day_month_at(at(0, 30)), nb("2 de diciembre a las 12:30 a. m."));
            assert_eq!(day_month_at(at(10, 15)), nb("2 de diciembre a las 10:15 a. m."));
        }));
        es_es().while_current(|| Lang::Es.while_current(|| {
            assert_eq!(day_month_at(at(1, 5)), "2 de diciembre a la 1:05");
            assert_eq!(day_month_at(at(13, 5)), "2 de diciembre a las 13:05");
            assert_eq!(at_time(at(2, 0).time()), "a las 02:00");
        }));
        en_us().while_current(|| {
            assert_eq!(day_month_at(at(13, 5)), nb("2 December at 1:05 PM"));
            assert_eq!(days_text(1000), "1,000 days");
        });
        es_es().while_current(|| Lang::Es.while_current(|| assert_eq!([days_text(1000), days_text(20000)], ["1000 días", "20.000 días"])));
        assert_eq!(days_text(-3), "-3 days");
    }

    #[test]
    fn days_hours_and_minutes_are_counted_in_each_language() {
        let all = |f: fn(i64) -> String| [0, 1, 2, 21].map(f);
        assert_eq!(all(days_text), ["0 days", "1 day", "2 days", "21 days"]);
        assert_eq!(all(hours_text), ["0 hours", "1 hour", "2 hours", "21 hours"]);
        assert_eq!(all(minutes_text), ["0 minutes", "1 minute", "2 minutes", "21 minutes"]);
        Lang::Es.while_current(|| {
            assert_eq!(all(days_text), ["0 días", "1 día", "2 días", "21 días"]);
            assert_eq!(all(hours_text), ["0 horas", "1 hora", "2 horas", "21 horas"]);
            assert_eq!(all(minutes_text), ["0 minutos", "1 minuto", "2 minutos", "21 minutos"]);
        });
    }

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

    /// The text chrono's serde support wrote (and read) before these replaced it.
    fn chrono_date(d: NaiveDate) -> String {
        format!("{d:?}")
    }

    #[test]
    fn stored_text_is_chronos_and_reads_back() {
        let days = NaiveDate::from_ymd_opt(2023, 12, 25).unwrap().iter_days().take(900);
        for (n, date) in days.enumerate() {
            let n = n as u32;
            let nanos = [0, 5_000_000, 123_456_000, 7, 999_999_999, 1_500_000_000][n as usize % 6];
            let time = NaiveTime::from_hms_nano_opt(n % 24, n * 7 % 60, if nanos >= 1_000_000_000 { 59 } else { n % 60 }, nanos).unwrap();
            let at = date.and_time(time);
            assert_eq!(date_text(date), chrono_date(date));
            assert_eq!(time_text(time), format!("{time:?}"));
            assert_eq!(datetime_text(at), format!("{at:?}"));
            assert_eq!(read_date(&date_text(date)), Some(date));
            assert_eq!(read_time(&time_text(time)), Some(time), "{time:?}");
            assert_eq!(read_datetime(&datetime_text(at)), Some(at));
            // What chrono reads, these read the same way.
            assert_eq!(read_datetime(&datetime_text(at)), datetime_text(at).parse().ok());
        }
        for year in [-1, 0, 9999, 10_000, 262_000] {
            let date = NaiveDate::from_ymd_opt(year, 2, 28).unwrap();
            assert_eq!(date_text(date), chrono_date(date));
            assert_eq!(read_date(&date_text(date)), Some(date));
        }
        assert_eq!(read_time("21:30"), NaiveTime::from_hms_opt(21, 30, 0));
    }

    #[test]
    fn stored_text_that_isnt_a_date_or_time_is_refused() {
        for bad in ["", "2026-11", "2026-11-31", "2026-1-05", "26-11-05", "2026-11-05x", "2026/11/05", "+-2026-11-05"] {
            assert_eq!(read_date(bad), None, "{bad}");
        }
        for bad in ["", "7:05:00", "07:5:00", "24:00:00", "07:05:00.", "07:05:00.1234567890", "07:05.5", "07:05:00:00"] {
            assert_eq!(read_time(bad), None, "{bad}");
        }
        for bad in ["2026-11-05 07:05:00", "2026-11-05T", "T07:05:00", "2026-11-05t07:05:00"] {
            assert_eq!(read_datetime(bad), None, "{bad}");
        }
    }
}
