//! The craving log: what a craving was like, what set it off, and how it went.
//! Fields follow ecological momentary assessment research on cravings
//! (Preston et al. 2018; Epstein et al. 2009), see shared/content-facts.md.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use super::i18n::{in_use, Both};
use serde::{Deserialize, Serialize};

pub const MAX_INTENSITY: u8 = 10;
pub const DEFAULT_INTENSITY: u8 = 5;
/// Free-text fields are kept short so years of entries fit on the device.
pub const MAX_TEXT: usize = 2_000;

/// Built-in triggers: (stable key, English label). Stored by key; the label is
/// shown in the language in use by [`trigger_label`].
pub const TRIGGERS: [(&str, &str); 10] = [
    ("people", Both::new("People").en),
    ("place", Both::new("A place").en),
    ("thing", Both::new("Things / paraphernalia").en),
    ("saw-drugs", Both::new("Saw drugs").en),
    ("money", Both::new("Money").en),
    ("stress", Both::new("Stress").en),
    ("pain", Both::new("Pain").en),
    ("boredom", Both::new("Boredom").en),
    ("out-of-the-blue", Both::new("Out of the blue").en),
    ("other", Both::new("Other").en),
];

/// The label to show for a trigger key: built-ins have labels, the person's own are their words.
pub fn trigger_label(key: &str) -> &str {
    TRIGGERS.iter().find(|(k, _)| *k == key).map_or(key, |(_, label)| in_use(label))
}

/// A test-id-friendly form of a trigger: "Payday Friday" → "payday-friday".
pub fn trigger_slug(key: &str) -> String {
    let mut slug = String::new();
    for c in key.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Halt {
    #[serde(rename = "h")]
    Hungry,
    #[serde(rename = "a")]
    Angry,
    #[serde(rename = "l")]
    Lonely,
    #[serde(rename = "t")]
    Tired,
}

impl Halt {
    pub const ALL: [Halt; 4] = [Halt::Hungry, Halt::Angry, Halt::Lonely, Halt::Tired];
    pub fn label(self) -> &'static str {
        match self {
            Halt::Hungry => tr!("Hungry"),
            Halt::Angry => tr!("Angry"),
            Halt::Lonely => tr!("Lonely"),
            Halt::Tired => tr!("Tired"),
        }
    }
    /// Stable in every language (test ids).
    pub fn key(self) -> &'static str {
        match self {
            Halt::Hungry => "hungry",
            Halt::Angry => "angry",
            Halt::Lonely => "lonely",
            Halt::Tired => "tired",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Mood {
    #[serde(rename = "sad")]
    Sad,
    #[serde(rename = "angry")]
    Angry,
    #[serde(rename = "anxious")]
    Anxious,
    #[serde(rename = "bored")]
    Bored,
    #[serde(rename = "happy")]
    Happy,
    #[serde(rename = "other")]
    Other,
}

impl Mood {
    pub const ALL: [Mood; 6] = [Mood::Sad, Mood::Angry, Mood::Anxious, Mood::Bored, Mood::Happy, Mood::Other];
    pub fn label(self) -> &'static str {
        match self {
            Mood::Sad => tr!("Sad"),
            Mood::Angry => tr!("Angry"),
            Mood::Anxious => tr!("Anxious"),
            Mood::Bored => tr!("Bored"),
            Mood::Happy => tr!("Happy"),
            Mood::Other => tr!(context = "mood", "Other"),
        }
    }
    /// Stable in every language (test ids); the stored name.
    pub fn key(self) -> &'static str {
        match self {
            Mood::Sad => "sad",
            Mood::Angry => "angry",
            Mood::Anxious => "anxious",
            Mood::Bored => "bored",
            Mood::Happy => "happy",
            Mood::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    #[serde(rename = "passed")]
    Passed,
    #[serde(rename = "strong")]
    StillStrong,
    #[serde(rename = "used")]
    Used,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Passed, Outcome::StillStrong, Outcome::Used];
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Passed => tr!("It passed"),
            Outcome::StillStrong => tr!("Still strong"),
            Outcome::Used => tr!("I used"),
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::StillStrong => "strong",
            Outcome::Used => "used",
        }
    }
}

/// One craving. Short field names keep 20,000 entries well inside localStorage.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Craving {
    pub id: u64,
    /// Local wall-clock time of the craving.
    #[serde(rename = "t", with = "crate::domain::dates::stored::datetime")]
    pub at: NaiveDateTime,
    #[serde(rename = "n")]
    pub intensity: u8,
    #[serde(rename = "tr", default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<String>,
    #[serde(rename = "h", default, skip_serializing_if = "Vec::is_empty")]
    pub halt: Vec<Halt>,
    #[serde(rename = "m", default, skip_serializing_if = "Vec::is_empty")]
    pub moods: Vec<Mood>,
    #[serde(rename = "w", default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(rename = "p", default, skip_serializing_if = "String::is_empty")]
    pub with_whom: String,
    #[serde(rename = "x", default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(rename = "o", default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(rename = "a", default, skip_serializing_if = "Option::is_none")]
    pub intensity_after: Option<u8>,
    /// What the person did (coping strategies used).
    #[serde(rename = "c", default, skip_serializing_if = "Vec::is_empty")]
    pub coping: Vec<String>,
    /// Local time of the last change made after it was logged (an edit), if
    /// any: merging a backup keeps the newer copy. (Added in log version 2.)
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none", with = "crate::domain::dates::stored::optional_datetime")]
    pub updated: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CravingError {
    IntensityOutOfRange,
    InFuture,
    TooLong,
}

impl CravingError {
    pub fn message(&self) -> &'static str {
        match self {
            CravingError::IntensityOutOfRange => tr!("Intensity goes from 0 to 10."),
            CravingError::InFuture => tr!("That time is in the future — choose now or earlier."),
            CravingError::TooLong => tr!("That text is very long — keep each field under 2,000 characters."),
        }
    }
}

impl Craving {
    /// A new entry with the quick-capture defaults: now, middle intensity.
    pub fn new(id: u64, at: NaiveDateTime) -> Craving {
        Craving {
            id,
            at,
            intensity: DEFAULT_INTENSITY,
            triggers: Vec::new(),
            halt: Vec::new(),
            moods: Vec::new(),
            place: String::new(),
            with_whom: String::new(),
            note: String::new(),
            outcome: None,
            intensity_after: None,
            coping: Vec::new(),
            updated: None,
        }
    }

    /// Of two copies of one entry (a backup's and this device's), the one to
    /// keep: the later changed, else the one whose follow-up was answered, else
    /// `self`. An answer only the other copy has is kept too.
    pub fn newer(&self, other: &Craving) -> Craving {
        let rank = |c: &Craving| (c.updated, c.outcome.is_some());
        let (mut keep, other) = if rank(other) > rank(self) { (other.clone(), self) } else { (self.clone(), other) };
        if keep.outcome.is_none() && other.outcome.is_some() {
            keep.outcome = other.outcome;
            keep.intensity_after = keep.intensity_after.or(other.intensity_after);
            if keep.coping.is_empty() {
                keep.coping = other.coping.clone();
            }
        }
        keep
    }

    /// Checks an entry before it is saved.
    pub fn validate(&self, now: NaiveDateTime) -> Result<(), CravingError> {
        let in_range = |n: u8| n <= MAX_INTENSITY;
        if !in_range(self.intensity) || !self.intensity_after.is_none_or(in_range) {
            return Err(CravingError::IntensityOutOfRange);
        }
        if self.at > now {
            return Err(CravingError::InFuture);
        }
        let texts = [&self.place, &self.with_whom, &self.note];
        let lists = self.triggers.iter().chain(&self.coping);
        if texts.into_iter().chain(lists).any(|t| t.chars().count() > MAX_TEXT) {
            return Err(CravingError::TooLong);
        }
        Ok(())
    }

    pub fn month(&self) -> YearMonth {
        YearMonth::of(self.at.date())
    }

    /// Still waiting for "How did it go?".
    pub fn is_open(&self) -> bool {
        self.outcome.is_none()
    }
}

/// Picks an id no earlier entry has: creation time in milliseconds, bumped if taken.
pub fn next_id(now_ms: u64, highest_existing: Option<u64>) -> u64 {
    highest_existing.map_or(now_ms, |h| now_ms.max(h + 1))
}

/// The latest craving (by its time, then by when it was logged) among those
/// logged before `opened_ms` — the moment the app was opened; ids are creation
/// times (see [`next_id`]). "How did it go?" asks about this one if it is open,
/// never about a craving logged in the same opening.
pub fn latest_logged_before(entries: &[Craving], opened_ms: u64) -> Option<&Craving> {
    entries.iter().filter(|c| c.id < opened_ms).max_by_key(|c| (c.at, c.id))
}

/// A calendar month: the log is stored one month per document, so saving one
/// entry re-serialises only its month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth { year: date.year(), month: date.month() }
    }

    /// Reads "2026-03".
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (y, m) = text.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let ym = YearMonth { year: y.parse().ok()?, month: m.parse().ok()? };
        (1..=12).contains(&ym.month).then_some(ym)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Splits entries into months (for storage), each month newest first.
pub fn by_month(entries: impl IntoIterator<Item = Craving>) -> std::collections::BTreeMap<YearMonth, Vec<Craving>> {
    let mut months: std::collections::BTreeMap<YearMonth, Vec<Craving>> = Default::default();
    for entry in entries {
        months.entry(entry.month()).or_default().push(entry);
    }
    for list in months.values_mut() {
        sort_newest_first(list);
    }
    months
}

pub fn sort_newest_first(list: &mut [Craving]) {
    list.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
}

/// Which entries the history shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub trigger: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Filter {
    pub fn matches(&self, c: &Craving) -> bool {
        let date = c.at.date();
        self.trigger.as_ref().is_none_or(|t| c.triggers.contains(t))
            && self.from.is_none_or(|from| date >= from)
            && self.to.is_none_or(|to| date <= to)
    }

    /// Whether a month can hold matching entries (so months outside the range are never read).
    pub fn may_match_month(&self, month: YearMonth) -> bool {
        let first = month.first_day();
        let last = first.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first);
        self.from.is_none_or(|from| last >= from) && self.to.is_none_or(|to| first <= to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spanish review B9: *las ganas* are plural everywhere.
    #[test]
    fn outcomes_speak_of_cravings_in_the_plural_in_spanish() {
        let labels = crate::domain::i18n::Lang::Es.while_current(|| Outcome::ALL.map(Outcome::label));
        assert_eq!(labels, ["Se me pasaron", "Siguen fuertes", "Consumí"]);
    }

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn in_spanish_the_feeling_chips_are_nouns_that_follow_sientes() {
        // Spanish review D5: "¿Estás… con soledad?" isn't said; "¿Sientes…? Soledad" is.
        crate::domain::i18n::Lang::Es.while_current(|| {
            let halt: Vec<&str> = Halt::ALL.iter().map(|h| h.label()).collect();
            assert_eq!(halt, ["Hambre", "Enojo", "Soledad", "Cansancio"]);
            let moods: Vec<&str> = Mood::ALL.iter().map(|m| m.label()).collect();
            assert_eq!(moods, ["Tristeza", "Enojo", "Ansiedad", "Aburrimiento", "Alegría", "Otro"]);
        });
    }

    #[test]
    fn follow_up_asks_about_the_latest_craving_from_before_opening() {
        let mut older = Craving::new(1_000, at(2026, 3, 10, 9));
        older.outcome = Some(Outcome::Passed);
        let latest = Craving::new(2_000, at(2026, 3, 10, 21));
        // Logged later but dated earlier (a craving added afterwards).
        let backdated = Craving::new(3_000, at(2026, 3, 10, 8));
        let logged_after_opening = Craving::new(9_000, at(2026, 3, 10, 23));
        let all = [older.clone(), latest.clone(), backdated, logged_after_opening];
        assert_eq!(latest_logged_before(&all, 5_000).map(|c| c.id), Some(2_000));
        assert_eq!(latest_logged_before(&all, 1_500).map(|c| c.id), Some(1_000));
        assert!(latest_logged_before(&all, 1_000).is_none(), "nothing logged before opening");
        assert!(latest_logged_before(&[], 5_000).is_none());
        // Same time: the one logged later wins.
        let same_time = [Craving::new(10, at(2026, 3, 10, 9)), Craving::new(20, at(2026, 3, 10, 9))];
        assert_eq!(latest_logged_before(&same_time, 100).map(|c| c.id), Some(20));
    }

    #[test]
    fn quick_capture_defaults() {
        let c = Craving::new(1, at(2026, 3, 10, 9));
        assert_eq!(c.intensity, 5);
        assert!(c.is_open());
        assert_eq!(c.validate(at(2026, 3, 10, 9)), Ok(()));
    }

    #[test]
    fn validation_refuses_bad_values() {
        let now = at(2026, 3, 10, 9);
        let mut c = Craving::new(1, now);
        c.intensity = 11;
        assert_eq!(c.validate(now), Err(CravingError::IntensityOutOfRange));
        c.intensity = 10;
        c.intensity_after = Some(200);
        assert_eq!(c.validate(now), Err(CravingError::IntensityOutOfRange));
        c.intensity_after = Some(0);
        c.at = at(2026, 3, 10, 10);
        assert_eq!(c.validate(now), Err(CravingError::InFuture));
        c.at = now;
        c.note = "x".repeat(MAX_TEXT + 1);
        assert_eq!(c.validate(now), Err(CravingError::TooLong));
    }

    #[test]
    fn of_two_copies_the_later_changed_one_is_kept_with_any_answer() {
        let mut mine = Craving::new(1, at(2026, 3, 10, 9));
        let mut theirs = mine.clone();
        theirs.note = "changed there".into();
        theirs.updated = Some(at(2026, 3, 11, 9));
        assert_eq!(mine.newer(&theirs), theirs);
        assert_eq!(theirs.newer(&mine), theirs);
        // Neither changed: the answered one; an answer only the older copy has stays.
        mine.outcome = Some(Outcome::Passed);
        mine.intensity_after = Some(2);
        assert_eq!(Craving::new(1, at(2026, 3, 10, 9)).newer(&mine), mine);
        let kept = theirs.newer(&mine);
        assert_eq!((kept.note.as_str(), kept.outcome, kept.intensity_after), ("changed there", Some(Outcome::Passed), Some(2)));
    }

    #[test]
    fn compact_json_round_trip() {
        let mut c = Craving::new(1_773_147_600_000, at(2026, 3, 10, 9));
        c.triggers = vec!["stress".into(), "Payday".into()];
        c.halt = vec![Halt::Tired];
        c.outcome = Some(Outcome::Passed);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"id":1773147600000,"t":"2026-03-10T09:00:00","n":5,"tr":["stress","Payday"],"h":["t"],"o":"passed"}"#
        );
        assert_eq!(serde_json::from_str::<Craving>(&json).unwrap(), c);
    }

    #[test]
    fn ids_never_repeat() {
        assert_eq!(next_id(1000, None), 1000);
        assert_eq!(next_id(1000, Some(999)), 1000);
        assert_eq!(next_id(1000, Some(1000)), 1001);
        assert_eq!(next_id(5, Some(2000)), 2001); // clock set back
    }

    #[test]
    fn year_months() {
        let ym = YearMonth::parse("2026-03").unwrap();
        assert_eq!(ym.to_string(), "2026-03");
        assert!(YearMonth::parse("2026-13").is_none());
        assert!(YearMonth::parse("26-03").is_none());
        assert!(YearMonth::parse("2026-3").is_none());
        assert!(YearMonth::parse("x").is_none());
        assert!(YearMonth::parse("2024-02").unwrap() < ym);
    }

    #[test]
    fn splits_into_months_newest_first() {
        let entries = vec![
            Craving::new(1, at(2026, 2, 28, 23)),
            Craving::new(2, at(2026, 3, 1, 0)),
            Craving::new(3, at(2026, 3, 5, 12)),
            Craving::new(4, at(2024, 2, 29, 12)),
        ];
        let months = by_month(entries);
        let keys: Vec<String> = months.keys().map(ToString::to_string).collect();
        assert_eq!(keys, ["2024-02", "2026-02", "2026-03"]);
        let march: Vec<u64> = months[&YearMonth::parse("2026-03").unwrap()].iter().map(|c| c.id).collect();
        assert_eq!(march, [3, 2]);
    }

    #[test]
    fn filters_by_trigger_and_date_range() {
        let mut a = Craving::new(1, at(2026, 3, 1, 8));
        a.triggers = vec!["stress".into()];
        let b = Craving::new(2, at(2026, 3, 20, 8));
        let f = Filter { trigger: Some("stress".into()), ..Filter::default() };
        assert!(f.matches(&a) && !f.matches(&b));
        let f = Filter { from: Some(at(2026, 3, 2, 0).date()), to: Some(at(2026, 3, 20, 0).date()), trigger: None };
        assert!(!f.matches(&a) && f.matches(&b));
        assert!(f.may_match_month(YearMonth::parse("2026-03").unwrap()));
        assert!(!f.may_match_month(YearMonth::parse("2026-04").unwrap()));
        assert!(!f.may_match_month(YearMonth::parse("2026-02").unwrap()));
        assert!(Filter::default().may_match_month(YearMonth::parse("1999-01").unwrap()));
    }

    #[test]
    fn trigger_slugs_and_labels() {
        assert_eq!(trigger_slug("Payday Friday!"), "payday-friday");
        assert_eq!(trigger_slug("  Ex's flat "), "ex-s-flat");
        assert_eq!(trigger_label("saw-drugs"), "Saw drugs");
        assert_eq!(trigger_label("My ex"), "My ex");
    }
}
