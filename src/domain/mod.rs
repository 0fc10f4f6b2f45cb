//! Pure types and rules: no browser APIs, no Leptos. Tested with `cargo test`.

pub mod appointments;
pub mod backup;
pub mod checkin;
pub mod checkin_text;
pub mod coping;
pub mod counter;
pub mod cravings;
pub mod conventions;
pub mod dates;
pub mod device;
pub mod insights;
pub mod journal;
pub mod helplines;
pub mod i18n;
pub mod ics;
pub mod lock;
pub mod meds;
pub mod money;
pub mod phone;
pub mod room;
pub mod plan;
pub mod protected;
pub mod schedule;
pub mod settings;
pub mod share;
pub mod supporting;
pub mod transfer;
pub mod undo;
pub mod visit;
pub mod weekly;

/// The name serde stores a unit variant under ("bup", "talk"…): the value of
/// an option in a `<select>`, or part of a key. Empty for anything else.
pub fn stored_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

#[cfg(test)]
mod stored_name_tests {
    #[test]
    fn is_the_stored_name_of_a_unit_variant_and_empty_otherwise() {
        assert_eq!(super::stored_name(&super::meds::MedKind::Buprenorphine), "bup");
        assert_eq!(super::stored_name(&super::appointments::ApptKind::Counselling), "talk");
        assert_eq!(super::stored_name(&3), "");
    }
}

/// Dates and times written briefly, for the tests.
#[cfg(test)]
pub(crate) mod testing {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

    pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    pub fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }
}
