//! The daily check-in: a morning intention and an evening review, one per
//! local calendar day, stored a month per document like the craving log.
//!
//! A day is the calendar date on the phone's clock when the person checks in
//! (the same rule as the counter): a check-in made at 00:30 belongs to the new
//! day, whatever DST did overnight, and a check-in keeps its date when the
//! person travels afterwards.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

use super::cravings::{Halt, YearMonth, MAX_INTENSITY, MAX_TEXT};

/// The morning intention: one tap, or the person's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Intention {
    #[serde(rename = "clean")]
    StayClean,
    #[serde(rename = "meds")]
    Medication,
    #[serde(rename = "meeting")]
    Meeting,
    #[serde(rename = "own")]
    OwnWords,
}

impl Intention {
    pub const ALL: [Intention; 4] = [Intention::StayClean, Intention::Medication, Intention::Meeting, Intention::OwnWords];

    /// Completes "Today I'm …".
    pub fn label(self) -> &'static str {
        match self {
            // Never "clean" or "limpio" about the person (NIDA, "Words Matter"; Spanish
            // review E1): it implies "dirty" for anyone who uses or takes MOUD.
            Intention::StayClean => tr!("Today I'm not using"),
            Intention::Medication => tr!("Today I'm taking my medication as prescribed"),
            Intention::Meeting => tr!("Today I'm going to a meeting"),
            Intention::OwnWords => tr!("In my own words"),
        }
    }

    /// Stable in every language (test ids).
    pub fn key(self) -> &'static str {
        match self {
            Intention::StayClean => "clean",
            Intention::Medication => "meds",
            Intention::Meeting => "meeting",
            Intention::OwnWords => "own",
        }
    }
}

pub const MOOD_LEVELS: u8 = 5;

/// Mood 1–5 in words: the words are what is shown and read out, never a face alone.
pub fn mood_word(level: u8) -> &'static str {
    match level {
        1 => tr!("Very low"),
        2 => tr!("Low"),
        3 => tr!(context = "mood", "Okay"),
        4 => tr!(context = "mood", "Good"),
        _ => tr!(context = "mood", "Very good"),
    }
}

/// Sleep last night, 1–5.
pub fn sleep_word(level: u8) -> &'static str {
    match level {
        1 => tr!("Very poor"),
        2 => tr!("Poor"),
        3 => tr!(context = "sleep", "Okay"),
        4 => tr!(context = "sleep", "Good"),
        _ => tr!(context = "sleep", "Very good"),
    }
}

/// One day's check-in. Short field names, like the craving log: ten years of
/// days stay small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    /// The local calendar day it is for.
    #[serde(rename = "d", with = "crate::domain::dates::stored::date")]
    pub date: NaiveDate,
    #[serde(rename = "i", default, skip_serializing_if = "Option::is_none")]
    pub intention: Option<Intention>,
    #[serde(rename = "iw", default, skip_serializing_if = "String::is_empty")]
    pub intention_words: String,
    /// 1–5; set once the evening review is saved.
    #[serde(rename = "m", default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<u8>,
    /// Strongest craving today, 0–10.
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    pub craving: Option<u8>,
    /// Sleep last night, 1–5.
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub sleep: Option<u8>,
    #[serde(rename = "h", default, skip_serializing_if = "Vec::is_empty")]
    pub halt: Vec<Halt>,
    /// "Did you use today?" — unanswered is fine.
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub used: Option<bool>,
    #[serde(rename = "w", default, skip_serializing_if = "String::is_empty")]
    pub helped: String,
    /// One line of gratitude, or a note.
    #[serde(rename = "x", default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Local time of the last save.
    #[serde(rename = "t", with = "crate::domain::dates::stored::datetime")]
    pub saved_at: NaiveDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInError {
    NoMood,
    OutOfRange,
    TooLong,
    NotEditable,
}

impl CheckInError {
    pub fn message(self) -> &'static str {
        match self {
            CheckInError::NoMood => tr!("Pick how you're feeling — it's the one thing the check-in needs."),
            CheckInError::OutOfRange => tr!("Mood and sleep go from 1 to 5, craving from 0 to 10."),
            CheckInError::TooLong => tr!("That text is very long — keep each field under 2,000 characters."),
            CheckInError::NotEditable => tr!("Only today's and yesterday's check-ins can be changed."),
        }
    }
}

impl CheckIn {
    pub fn new(date: NaiveDate, saved_at: NaiveDateTime) -> CheckIn {
        CheckIn {
            date,
            intention: None,
            intention_words: String::new(),
            mood: None,
            craving: None,
            sleep: None,
            halt: Vec::new(),
            used: None,
            helped: String::new(),
            note: String::new(),
            saved_at,
        }
    }

    pub fn month(&self) -> YearMonth {
        YearMonth::of(self.date)
    }

    /// The evening review is saved (the day counts as checked in).
    pub fn is_reviewed(&self) -> bool {
        self.mood.is_some()
    }

    /// Values in range and texts not overlong (what a backup must hold too).
    pub fn check_fields(&self) -> Result<(), CheckInError> {
        let level = |n: Option<u8>| n.is_none_or(|n| (1..=MOOD_LEVELS).contains(&n));
        if !level(self.mood) || !level(self.sleep) || self.craving.is_some_and(|c| c > MAX_INTENSITY) {
            return Err(CheckInError::OutOfRange);
        }
        if [&self.intention_words, &self.helped, &self.note].iter().any(|t| t.chars().count() > MAX_TEXT) {
            return Err(CheckInError::TooLong);
        }
        Ok(())
    }

    /// Checks a review before it is saved on `today`: mood is the one field it needs.
    pub fn validate_review(&self, today: NaiveDate) -> Result<(), CheckInError> {
        if !editable(self.date, today) {
            return Err(CheckInError::NotEditable);
        }
        if self.mood.is_none() {
            return Err(CheckInError::NoMood);
        }
        self.check_fields()
    }

    /// One day's check-in from two copies (a backup's and this device's): what
    /// either has, and where both have a field, the later saved one's. So a
    /// morning intention made here keeps an evening review made on the other.
    pub fn merged(&self, other: &CheckIn) -> CheckIn {
        let (newer, older) = if other.saved_at > self.saved_at { (other, self) } else { (self, other) };
        let mut out = newer.clone();
        if out.intention.is_none() {
            out.intention = older.intention;
            out.intention_words = older.intention_words.clone();
        }
        out.mood = out.mood.or(older.mood);
        out.craving = out.craving.or(older.craving);
        out.sleep = out.sleep.or(older.sleep);
        out.used = out.used.or(older.used);
        if out.halt.is_empty() {
            out.halt = older.halt.clone();
        }
        for (mine, theirs) in [(&mut out.helped, &older.helped), (&mut out.note, &older.note)] {
            if mine.is_empty() {
                mine.clone_from(theirs);
            }
        }
        out
    }

    /// Checks a morning intention (saved on its own, with one tap).
    pub fn validate_intention(&self, today: NaiveDate) -> Result<(), CheckInError> {
        if !editable(self.date, today) {
            return Err(CheckInError::NotEditable);
        }
        self.check_fields()
    }
}

/// The day a check-in made at `now` (local wall-clock time) is for.
pub fn day_of(now: NaiveDateTime) -> NaiveDate {
    now.date()
}

/// Whether the check-in for `date` can still be written on `today`: today's,
/// and yesterday's added late (people forget). A date one day *ahead* is one
/// made before flying west across midnight: it is still "today" to the person.
pub fn editable(date: NaiveDate, today: NaiveDate) -> bool {
    let days = (date - today).num_days();
    (-1..=1).contains(&days)
}

/// The check-in for `date` among `list`, if any.
pub fn find(list: &[CheckIn], date: NaiveDate) -> Option<&CheckIn> {
    list.iter().find(|c| c.date == date)
}

/// Puts `entry` in place of the same day's check-in, keeping the month sorted by date.
pub fn put(list: &mut Vec<CheckIn>, entry: CheckIn) {
    list.retain(|c| c.date != entry.date);
    let at = list.partition_point(|c| c.date < entry.date);
    list.insert(at, entry);
}

/// Splits check-ins into months (for storage), each sorted by date, one per day
/// (the later save wins if a day appears twice).
pub fn by_month(entries: impl IntoIterator<Item = CheckIn>) -> BTreeMap<YearMonth, Vec<CheckIn>> {
    let mut months: BTreeMap<YearMonth, Vec<CheckIn>> = BTreeMap::new();
    for entry in entries {
        let list = months.entry(entry.month()).or_default();
        match list.iter_mut().find(|c| c.date == entry.date) {
            Some(known) if known.saved_at >= entry.saved_at => {}
            Some(known) => *known = entry,
            None => list.push(entry),
        }
    }
    for list in months.values_mut() {
        list.sort_by_key(|c| c.date);
    }
    months
}

/// The first day of the week the person sees: Monday in Spanish-speaking
/// countries, Sunday in the US; `monday_first` chooses.
pub fn week_start(monday_first: bool) -> Weekday {
    if monday_first { Weekday::Mon } else { Weekday::Sun }
}

/// The weeks of `month` as rows of seven cells, `None` outside the month.
pub fn month_grid(month: YearMonth, first: Weekday) -> Vec<[Option<NaiveDate>; 7]> {
    let start = month.first_day();
    let lead = start.weekday().days_since(first) as i64;
    let mut rows = Vec::new();
    let mut day = start - TimeDelta::days(lead);
    loop {
        let mut row = [None; 7];
        for cell in &mut row {
            *cell = (day.month() == month.month && day.year() == month.year).then_some(day);
            day += TimeDelta::days(1);
        }
        rows.push(row);
        if YearMonth::of(day) != month {
            return rows;
        }
    }
}

/// The month before `month`, and the one after.
/// The daily check-in reminder the calendar file can hold, from `today` at
/// `time` (the person's choice). Discreet unless full titles are asked for.
pub fn calendar_reminder(time: chrono::NaiveTime, today: NaiveDate, naming: super::ics::Naming) -> super::ics::Event {
    use super::schedule::{Recurrence, Repeat};
    super::ics::Event {
        uid: naming.uid("checkin", ""),
        title: if naming.is_full() { tr!("Daily check-in").into() } else { super::ics::discreet_at(time) },
        note: String::new(),
        place: String::new(),
        dates: Recurrence::new(today, Repeat::Daily),
        start: super::ics::Start::At(time),
        minutes: 5,
        alarm_before: Some(0),
        busy: false,
        skipped: Vec::new(),
    }
}

pub fn previous_month(month: YearMonth) -> YearMonth {
    YearMonth::of(month.first_day() - TimeDelta::days(1))
}

pub fn next_month(month: YearMonth) -> YearMonth {
    YearMonth::of(month.first_day() + TimeDelta::days(31))
}

/// The check-in drafts to keep after `draft` changed: one per day, only for
/// days still editable on `today`, and none for a day whose draft is what is
/// stored (or, with nothing stored, a blank form). The time saved is not a change.
pub fn kept_drafts(mut drafts: Vec<CheckIn>, draft: &CheckIn, stored: Option<&CheckIn>, today: NaiveDate) -> Vec<CheckIn> {
    drafts.retain(|d| d.date != draft.date && editable(d.date, today));
    let base = stored.cloned().unwrap_or_else(|| CheckIn::new(draft.date, draft.saved_at));
    if *draft != (CheckIn { saved_at: draft.saved_at, ..base }) && editable(draft.date, today) {
        drafts.push(draft.clone());
    }
    drafts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{date, at};



    fn reviewed(day: NaiveDate, mood: u8) -> CheckIn {
        let mut c = CheckIn::new(day, day.and_hms_opt(21, 0, 0).unwrap());
        c.mood = Some(mood);
        c
    }

    #[test]
    fn the_check_in_reminder_is_daily_at_the_chosen_time_and_discreet() {
        let at_nine = chrono::NaiveTime::from_hms_opt(21, 0, 0).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        use crate::domain::ics::Naming;
        let quiet = calendar_reminder(at_nine, today, Naming::Discreet("a1b2"));
        assert_eq!((quiet.title.as_str(), quiet.uid.as_str()), ("Reminder: 21:00", "a1b2-c"));
        // The title is read in a calendar: on the reader's clock.
        let us = crate::domain::conventions::tests::en_us().while_current(|| calendar_reminder(at_nine, today, Naming::Discreet("a1b2")));
        assert_eq!(us.title, "Reminder: 9:00\u{a0}PM");
        assert_eq!(quiet.dates.ics_rule(true).unwrap().0, "FREQ=DAILY");
        let full = calendar_reminder(at_nine, today, Naming::Full);
        assert_eq!((full.title.as_str(), full.uid.as_str()), ("Daily check-in", "steady-checkin@steady.app"));
    }

    #[test]
    fn the_day_is_the_local_calendar_day_across_dst_changes() {
        // Europe: clocks went forward at 01:00 UTC on 29 March 2026, back on 25 October.
        // The wall clock is what counts, so the half-hour after midnight is the new day.
        assert_eq!(day_of(at(2026, 3, 29, 0, 30)), date(2026, 3, 29));
        assert_eq!(day_of(at(2026, 3, 28, 23, 59)), date(2026, 3, 28));
        // The repeated hour at fall-back is still the same day, once.
        assert_eq!(day_of(at(2026, 10, 25, 1, 30)), date(2026, 10, 25));
        // US: 8 March and 1 November 2026 at 02:00 local.
        assert_eq!(day_of(at(2026, 11, 1, 1, 59)), date(2026, 11, 1));
    }

    #[test]
    fn today_and_yesterday_can_be_written_and_travel_west_keeps_today_editable() {
        let today = date(2026, 12, 3);
        assert!(editable(today, today));
        assert!(editable(date(2026, 12, 2), today));
        assert!(!editable(date(2026, 12, 1), today));
        // Checked in at 00:30 on the 4th in London, then flew to New York, where it is the 3rd.
        assert!(editable(date(2026, 12, 4), today));
        assert!(!editable(date(2026, 12, 5), today));
        // Across a year end and a leap day.
        assert!(editable(date(2026, 12, 31), date(2027, 1, 1)));
        assert!(editable(date(2028, 2, 29), date(2028, 3, 1)));
        assert!(!editable(date(2028, 2, 28), date(2028, 3, 1)));
    }

    #[test]
    fn the_intention_never_calls_the_person_clean() {
        use crate::domain::i18n::Lang;
        assert_eq!(Intention::StayClean.label(), "Today I'm not using");
        assert_eq!(Lang::Es.while_current(|| Intention::StayClean.label()), "Hoy no consumo");
        assert_eq!(Intention::StayClean.key(), "clean", "the stored key and test id stay as they were");
    }

    #[test]
    fn a_review_needs_a_mood_and_sane_values() {
        let today = date(2026, 12, 3);
        let mut c = CheckIn::new(today, at(2026, 12, 3, 21, 0));
        assert_eq!(c.validate_review(today), Err(CheckInError::NoMood));
        // A morning intention alone is fine.
        c.intention = Some(Intention::StayClean);
        assert_eq!(c.validate_intention(today), Ok(()));
        c.mood = Some(3);
        assert_eq!(c.validate_review(today), Ok(()));
        c.craving = Some(11);
        assert_eq!(c.validate_review(today), Err(CheckInError::OutOfRange));
        c.craving = Some(0);
        c.sleep = Some(0);
        assert_eq!(c.validate_review(today), Err(CheckInError::OutOfRange));
        c.sleep = Some(5);
        c.note = "é".repeat(MAX_TEXT + 1);
        assert_eq!(c.validate_review(today), Err(CheckInError::TooLong));
        c.note = "é".repeat(MAX_TEXT);
        assert_eq!(c.validate_review(today), Ok(()));
        assert_eq!(c.validate_review(date(2026, 12, 5)), Err(CheckInError::NotEditable));
    }

    #[test]
    fn one_check_in_per_day_kept_in_date_order() {
        let mut list = Vec::new();
        put(&mut list, reviewed(date(2026, 12, 3), 2));
        put(&mut list, reviewed(date(2026, 12, 1), 4));
        put(&mut list, reviewed(date(2026, 12, 2), 5));
        put(&mut list, reviewed(date(2026, 12, 3), 3));
        let days: Vec<_> = list.iter().map(|c| (c.date.day(), c.mood)).collect();
        assert_eq!(days, [(1, Some(4)), (2, Some(5)), (3, Some(3))]);
        assert_eq!(find(&list, date(2026, 12, 2)).and_then(|c| c.mood), Some(5));
        assert!(find(&list, date(2026, 12, 4)).is_none());
    }

    #[test]
    fn by_month_splits_and_keeps_the_later_save_of_a_day() {
        let mut older = reviewed(date(2026, 11, 30), 1);
        older.saved_at = at(2026, 11, 30, 9, 0);
        let newer = reviewed(date(2026, 11, 30), 4);
        let months = by_month([newer.clone(), reviewed(date(2026, 12, 1), 3), older]);
        assert_eq!(months.len(), 2);
        assert_eq!(months[&YearMonth { year: 2026, month: 11 }], vec![newer]);
        assert!(by_month([]).is_empty());
    }

    #[test]
    fn ten_years_of_days_stay_small_and_round_trip() {
        let start = date(2016, 12, 3);
        let all: Vec<CheckIn> = (0..3650)
            .map(|n| {
                let mut c = reviewed(start + TimeDelta::days(n), (n % 5) as u8 + 1);
                c.craving = Some((n % 11) as u8);
                c.halt = vec![Halt::Tired];
                c.used = Some(n % 97 == 0);
                c.note = "Grateful for my sister's call".into();
                c
            })
            .collect();
        let months = by_month(all.clone());
        assert_eq!(months.len(), 120);
        let mut back = Vec::new();
        for list in months.values() {
            let text = serde_json::to_string(list).unwrap();
            assert!(text.len() < 5_000, "{} bytes", text.len());
            back.extend(serde_json::from_str::<Vec<CheckIn>>(&text).unwrap());
        }
        assert_eq!(back, all);
    }

    #[test]
    fn stored_form_is_short_and_optional_fields_are_left_out() {
        let mut c = CheckIn::new(date(2028, 2, 29), at(2028, 2, 29, 8, 5));
        c.intention = Some(Intention::Meeting);
        assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"d":"2028-02-29","i":"meeting","t":"2028-02-29T08:05:00"}"#);
        let read: CheckIn = serde_json::from_str(r#"{"d":"2026-12-03","m":2,"u":true,"h":["t"],"t":"2026-12-03T21:00:00"}"#).unwrap();
        assert_eq!((read.mood, read.used, read.halt), (Some(2), Some(true), vec![Halt::Tired]));
        assert!(serde_json::from_str::<CheckIn>(r#"{"d":"2026-02-30","t":"2026-12-03T21:00:00"}"#).is_err());
    }

    #[test]
    fn month_grid_starts_on_the_chosen_weekday() {
        // December 2026 starts on a Tuesday.
        let dec = YearMonth { year: 2026, month: 12 };
        let monday = month_grid(dec, Weekday::Mon);
        assert_eq!(monday[0][0], None);
        assert_eq!(monday[0][1], Some(date(2026, 12, 1)));
        assert_eq!(monday.last().unwrap()[3], Some(date(2026, 12, 31)));
        assert_eq!(monday.last().unwrap()[4], None);
        let sunday = month_grid(dec, Weekday::Sun);
        assert_eq!(sunday[0][2], Some(date(2026, 12, 1)));
        // Every day once, in order.
        for grid in [monday, sunday] {
            let days: Vec<u32> = grid.iter().flatten().flatten().map(|d| d.day()).collect();
            assert_eq!(days, (1..=31).collect::<Vec<_>>());
        }
        // February 2026 starts on a Sunday and fills exactly four Sunday-first rows.
        assert_eq!(month_grid(YearMonth { year: 2026, month: 2 }, Weekday::Sun).len(), 4);
        // A leap February.
        let feb = month_grid(YearMonth { year: 2028, month: 2 }, Weekday::Mon);
        assert_eq!(feb.iter().flatten().flatten().count(), 29);
        assert_eq!(week_start(true), Weekday::Mon);
        assert_eq!(week_start(false), Weekday::Sun);
    }

    #[test]
    fn months_step_across_year_ends() {
        let jan = YearMonth { year: 2027, month: 1 };
        assert_eq!(previous_month(jan), YearMonth { year: 2026, month: 12 });
        assert_eq!(next_month(YearMonth { year: 2026, month: 12 }), jan);
        assert_eq!(next_month(YearMonth { year: 2028, month: 1 }), YearMonth { year: 2028, month: 2 });
    }

    #[test]
    fn drafts_are_kept_per_day_and_only_while_they_differ() {
        let today = date(2026, 3, 10);
        let yesterday = date(2026, 3, 9);
        let mut a = CheckIn::new(today, at(2026, 3, 10, 21, 0));
        // A blank form is no draft.
        assert!(kept_drafts(vec![], &a, None, today).is_empty());
        a.note = "Half a thought".into();
        let kept = kept_drafts(vec![], &a, None, today);
        assert_eq!(kept, vec![a.clone()]);
        // Yesterday's draft sits beside today's; a new version replaces the day's.
        let mut b = CheckIn::new(yesterday, at(2026, 3, 10, 21, 5));
        b.mood = Some(3);
        let kept = kept_drafts(kept, &b, None, today);
        assert_eq!(kept.len(), 2);
        a.note = "A whole thought".into();
        let kept = kept_drafts(kept, &a, None, today);
        assert_eq!(kept.iter().filter(|d| d.date == today).map(|d| d.note.as_str()).collect::<Vec<_>>(), ["A whole thought"]);
        // The same as what is stored (whenever saved): the day's draft goes.
        let mut stored = a.clone();
        stored.saved_at = at(2026, 3, 10, 20, 0);
        assert_eq!(kept_drafts(kept.clone(), &a, Some(&stored), today), vec![b.clone()]);
        // Days no longer editable drop off.
        assert!(kept_drafts(kept, &b, Some(&b), date(2026, 3, 12)).is_empty());
    }
}
