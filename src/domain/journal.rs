//! The journal: free-text entries, dated, with an optional mood (the check-in's
//! 1–5 scale). Stored a month per document, newest first; searched as the
//! person types, ignoring case and accents.

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::checkin::MOOD_LEVELS;
use super::cravings::YearMonth;
use super::i18n::Both;

/// Longer than a craving-log field: an entry can be a page or two.
pub const MAX_ENTRY: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// Creation time in milliseconds (see `cravings::next_id`).
    pub id: u64,
    /// Local wall-clock time the entry is dated.
    #[serde(rename = "t", with = "crate::domain::dates::stored::datetime")]
    pub at: NaiveDateTime,
    #[serde(rename = "x")]
    pub text: String,
    #[serde(rename = "m", default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<u8>,
    /// Local time of the last change, if it was changed.
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none", with = "crate::domain::dates::stored::optional_datetime")]
    pub edited: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalError {
    Empty,
    TooLong,
    InFuture,
    MoodOutOfRange,
}

impl JournalError {
    pub fn message(self) -> &'static str {
        match self {
            JournalError::Empty => tr!("Write something first — even one line."),
            JournalError::TooLong => tr!("That entry is very long — keep it under 20,000 characters, or split it in two."),
            JournalError::InFuture => tr!("That date is in the future."),
            JournalError::MoodOutOfRange => tr!("Mood goes from 1 to 5."),
        }
    }
}

/// How far ahead of the phone's clock an entry's time may be: an entry written
/// in London and read at once in New York is five hours "ahead", and two
/// places differ by at most 26 hours.
const TRAVEL_SLACK: TimeDelta = TimeDelta::hours(26);

impl JournalEntry {
    pub fn new(id: u64, at: NaiveDateTime, text: String) -> JournalEntry {
        JournalEntry { id, at, text, mood: None, edited: None }
    }

    pub fn month(&self) -> YearMonth {
        YearMonth::of(self.at.date())
    }

    /// When it was last written: edited, or else dated.
    pub fn last_written(&self) -> NaiveDateTime {
        self.edited.unwrap_or(self.at)
    }

    /// Of two copies of one entry (a backup's and this device's), the one last
    /// written; `self` if neither is later.
    pub fn newer<'a>(&'a self, other: &'a JournalEntry) -> &'a JournalEntry {
        if other.last_written() > self.last_written() { other } else { self }
    }

    pub fn validate(&self, now: NaiveDateTime) -> Result<(), JournalError> {
        if self.text.trim().is_empty() {
            return Err(JournalError::Empty);
        }
        if self.text.chars().count() > MAX_ENTRY {
            return Err(JournalError::TooLong);
        }
        if self.mood.is_some_and(|m| !(1..=MOOD_LEVELS).contains(&m)) {
            return Err(JournalError::MoodOutOfRange);
        }
        if self.at > now + TRAVEL_SLACK || self.edited.is_some_and(|e| e > now + TRAVEL_SLACK) {
            return Err(JournalError::InFuture);
        }
        Ok(())
    }
}

/// Newest first; entries at the same minute by when they were written.
pub fn sort_newest_first(list: &mut [JournalEntry]) {
    list.sort_by(|a, b| (b.at, b.id).cmp(&(a.at, a.id)));
}

/// Splits entries into months (for storage), each newest first.
pub fn by_month(entries: impl IntoIterator<Item = JournalEntry>) -> BTreeMap<YearMonth, Vec<JournalEntry>> {
    let mut months: BTreeMap<YearMonth, Vec<JournalEntry>> = BTreeMap::new();
    for entry in entries {
        months.entry(entry.month()).or_default().push(entry);
    }
    for list in months.values_mut() {
        sort_newest_first(list);
    }
    months
}

/// Lower case without accents, so "cancion" finds "Canción" and "ANO" finds "año".
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        // Other letters: their first lower-case form (enough for matching words).
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

fn folded(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// A search as typed: every word must appear, in any order.
pub struct Query(Vec<String>);

impl Query {
    pub fn new(text: &str) -> Query {
        Query(text.split_whitespace().map(folded).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn matches(&self, entry: &JournalEntry) -> bool {
        if self.0.is_empty() {
            return true;
        }
        let text = folded(&entry.text);
        self.0.iter().all(|word| text.contains(word.as_str()))
    }
}

/// The entries `query` finds, in the order given (an empty query finds all).
pub fn search<'a>(entries: impl Iterator<Item = &'a JournalEntry>, query: &str) -> Vec<&'a JournalEntry> {
    let query = Query::new(query);
    entries.filter(|e| query.matches(e)).collect()
}

/// Questions to start from when the page is blank.
pub const PROMPTS: [Both; 6] = [
    Both::new("What went well today?"),
    Both::new("What would I tell myself a week ago?"),
    Both::new("What was hard today, and what got me through it?"),
    Both::new("Who or what am I grateful for right now?"),
    Both::new("What do I want tomorrow to look like?"),
    Both::new("What am I feeling in my body right now?"),
];

/// Whether putting the editor's words away now would lose some: something is
/// written and it isn't what is stored (`stored` is the entry being changed,
/// `None` for a new one). Then the person is asked first.
pub fn unsaved(text: &str, mood: Option<u8>, stored: Option<&JournalEntry>) -> bool {
    !text.trim().is_empty() && stored.is_none_or(|e| e.text != text || e.mood != mood)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::i18n::Lang;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    fn entry(id: u64, d: u32, text: &str) -> JournalEntry {
        JournalEntry::new(id, at(d, 21), text.into())
    }

    #[test]
    fn an_entry_needs_words_a_sane_mood_and_a_date_not_far_ahead() {
        let now = at(10, 21);
        let mut e = entry(1, 10, "  \n ");
        assert_eq!(e.validate(now), Err(JournalError::Empty));
        e.text = "One line".into();
        assert_eq!(e.validate(now), Ok(()));
        e.mood = Some(6);
        assert_eq!(e.validate(now), Err(JournalError::MoodOutOfRange));
        e.mood = Some(5);
        e.text = "ñ".repeat(MAX_ENTRY + 1);
        assert_eq!(e.validate(now), Err(JournalError::TooLong));
        e.text = "ñ".repeat(MAX_ENTRY);
        assert_eq!(e.validate(now), Ok(()));
        // Written in London, read at once in New York: not refused.
        e.at = now + TimeDelta::hours(5);
        assert_eq!(e.validate(now), Ok(()));
        e.at = now + TimeDelta::days(2);
        assert_eq!(e.validate(now), Err(JournalError::InFuture));
    }

    #[test]
    fn search_ignores_case_and_accents_and_needs_every_word() {
        let list = [
            entry(3, 9, "Escuché una canción que me dio fuerza."),
            entry(2, 2, "Coffee with Sam after the meeting"),
            entry(1, 1, "Rough night. Called my SPONSOR."),
        ];
        let ids = |q: &str| search(list.iter(), q).iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(ids("CANCION"), [3]);
        assert_eq!(ids("escuche"), [3]);
        assert_eq!(ids("canción"), [3]);
        assert_eq!(ids("sponsor night"), [1]);
        assert_eq!(ids("night sponsor"), [1]);
        assert_eq!(ids("sponsor coffee"), Vec::<u64>::new());
        assert_eq!(ids(""), [3, 2, 1]);
        assert_eq!(ids("   "), [3, 2, 1]);
        assert_eq!(ids("año"), Vec::<u64>::new());
    }

    #[test]
    fn months_are_stored_newest_first() {
        let months = by_month([entry(1, 1, "a"), entry(3, 20, "c"), entry(2, 5, "b"), JournalEntry::new(4, NaiveDate::from_ymd_opt(2026, 2, 28).unwrap().and_hms_opt(9, 0, 0).unwrap(), "d".into())]);
        assert_eq!(months.len(), 2);
        let march: Vec<u64> = months[&YearMonth { year: 2026, month: 3 }].iter().map(|e| e.id).collect();
        assert_eq!(march, [3, 2, 1]);
        assert!(by_month([]).is_empty());
    }

    #[test]
    fn stored_form_is_short_and_round_trips() {
        let mut e = entry(1741561200000, 9, "Línea uno\nline two 🙂");
        e.mood = Some(3);
        let text = serde_json::to_string(&e).unwrap();
        assert_eq!(text, r#"{"id":1741561200000,"t":"2026-03-09T21:00:00","x":"Línea uno\nline two 🙂","m":3}"#);
        assert_eq!(serde_json::from_str::<JournalEntry>(&text).unwrap(), e);
        e.edited = Some(at(10, 8));
        let back: JournalEntry = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back.edited, Some(at(10, 8)));
    }

    #[test]
    fn three_thousand_entries_are_searched_quickly() {
        let words = "today I went to a meeting and talked with my sponsor about work stress and sleep";
        let list: Vec<JournalEntry> = (0..3_000u64)
            .map(|n| entry(n, 1 + (n % 28) as u32, &format!("{n} {} canción {}", words.repeat(3), if n == 2_999 { "zebra" } else { "" })))
            .collect();
        let started = std::time::Instant::now();
        let found = search(list.iter(), "Zebra cancion");
        let took = started.elapsed();
        assert_eq!(found.len(), 1);
        // The budget is 100 ms on a phone for the release build; a debug build here is far slower.
        let budget = if cfg!(debug_assertions) { 1_000 } else { 100 };
        assert!(took.as_millis() < budget, "{took:?}");
    }

    #[test]
    fn prompts_are_in_both_languages() {
        assert_eq!(PROMPTS[0].get(), "What went well today?");
        assert_eq!(Lang::Es.while_current(|| PROMPTS[0].get()), "¿Qué salió bien hoy?");
    }

    #[test]
    fn words_differing_from_the_stored_entry_are_unsaved() {
        let at = crate::domain::testing::at(2026, 3, 10, 21, 0);
        let mut stored = JournalEntry::new(1, at, "Felt heard.".into());
        stored.mood = Some(4);
        assert!(!unsaved("", None, None));
        assert!(!unsaved("  \n", None, Some(&stored)));
        assert!(unsaved("A new thought", None, None));
        assert!(!unsaved("Felt heard.", Some(4), Some(&stored)));
        assert!(unsaved("Felt heard, and stayed.", Some(4), Some(&stored)));
        assert!(unsaved("Felt heard.", Some(2), Some(&stored)));
    }
}
