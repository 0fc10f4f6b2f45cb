//! The weekly look-back: once a week, on the day the person picks, this week
//! next to last week (check-ins, cravings and their strength, triggers, what
//! helped, mood), a few questions inspired by the Brief Addiction Monitor's
//! domains (in our own words), and plain "watch-outs" when things point the
//! wrong way. Never a score, never a prediction.
//!
//! A look-back is named by the day it is for (the chosen weekday): it covers
//! that day and the six before it. It is due from that day until it is done or
//! the next one comes, so missing the day doesn't skip the week.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

use super::checkin::CheckIn;
use super::coping::shown_tried;
use super::cravings::{trigger_label, Craving, Outcome, YearMonth};
use super::i18n::Both;

/// The look-back due on `today` for the chosen weekday: the latest such day up to today.
pub fn due_day(today: NaiveDate, chosen: Weekday) -> NaiveDate {
    today - TimeDelta::days(i64::from(today.weekday().days_since(chosen)))
}

/// The seven days a look-back for `day` covers, first and last.
pub fn week_ending(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    (day - TimeDelta::days(6), day)
}

/// The week before.
pub fn week_before((first, last): (NaiveDate, NaiveDate)) -> (NaiveDate, NaiveDate) {
    (first - TimeDelta::days(7), last - TimeDelta::days(7))
}

/// Weekdays as stored in settings: 0 = Monday.
pub fn weekday_from(n: u8) -> Weekday {
    Weekday::try_from(n % 7).unwrap_or(Weekday::Sun)
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct WeekSummary {
    pub check_ins: u32,
    pub cravings: u32,
    /// Mean strength of the cravings logged, 0–10.
    pub craving_strength: Option<f64>,
    /// Mean check-in mood, 1–5.
    pub mood: Option<f64>,
    /// Days the check-in said "Yes, I used".
    pub used_days: u32,
    /// Most picked triggers, at most three: (label, count).
    pub top_triggers: Vec<(String, u32)>,
    /// What helped most, at most three: coping after cravings that passed, and check-ins' "what helped".
    pub helped: Vec<(String, u32)>,
}

fn mean(values: impl Iterator<Item = u8>) -> Option<f64> {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}

fn top_three(counts: HashMap<String, (String, u32)>) -> Vec<(String, u32)> {
    let mut list: Vec<(String, u32)> = counts.into_values().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list.truncate(3);
    list
}

/// What happened between `first` and `last` (inclusive).
pub fn summarise((first, last): (NaiveDate, NaiveDate), check_ins: &[CheckIn], cravings: &[Craving]) -> WeekSummary {
    let within = |d: NaiveDate| first <= d && d <= last;
    let days: Vec<&CheckIn> = check_ins.iter().filter(|c| within(c.date)).collect();
    let logged: Vec<&Craving> = cravings.iter().filter(|c| within(c.at.date())).collect();
    let mut triggers: HashMap<String, (String, u32)> = HashMap::new();
    let mut helped: HashMap<String, (String, u32)> = HashMap::new();
    // Grouped without regard to case; shown as first written.
    let count = |map: &mut HashMap<String, (String, u32)>, text: &str| {
        let text = text.trim();
        if !text.is_empty() {
            map.entry(text.to_lowercase()).or_insert_with(|| (text.to_owned(), 0)).1 += 1;
        }
    };
    for c in &logged {
        for t in &c.triggers {
            count(&mut triggers, trigger_label(t));
        }
        if c.outcome == Some(Outcome::Passed) {
            for h in &c.coping {
                count(&mut helped, shown_tried(h));
            }
        }
    }
    for c in &days {
        count(&mut helped, &c.helped);
    }
    WeekSummary {
        check_ins: days.iter().filter(|c| c.is_reviewed()).count() as u32,
        cravings: logged.len() as u32,
        craving_strength: mean(logged.iter().map(|c| c.intensity)),
        mood: mean(days.iter().filter_map(|c| c.mood)),
        used_days: days.iter().filter(|c| c.used == Some(true)).count() as u32,
        top_triggers: top_three(triggers),
        helped: top_three(helped),
    }
}

/// The questions, each answered 1–5 where 5 is the better end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub key: &'static str,
    pub text: Both,
    pub low: Both,
    pub high: Both,
}

pub const QUESTIONS: [Question; 6] = [
    Question {
        key: "risky",
        text: Both::new("How well did you keep away from risky people, places and situations?"),
        low: Both::new("Not at all"),
        high: Both::new("Completely"),
    },
    Question {
        key: "sleep",
        text: Both::new("How has your sleep been this week?"),
        low: Both::new("Very poor"),
        high: Both::new("Very good"),
    },
    Question {
        key: "conflict",
        text: Both::new("How calm have things been with the people close to you?"),
        low: Both::new("Lots of conflict"),
        high: Both::new("Calm"),
    },
    Question {
        key: "support",
        text: Both::new("How much support did you have — meetings, your sponsor, people you trust?"),
        low: Both::new("None"),
        high: Both::new("A lot"),
    },
    Question {
        key: "confidence",
        // Not "staying clean"/"mantenerte limpio" (NIDA, "Words Matter"; Spanish review E1).
        text: Both::new("How confident do you feel about not using next week?"),
        low: Both::new("Not at all"),
        high: Both::new("Very"),
    },
    Question {
        key: "meaning",
        text: Both::new("How much time went to things that matter to you — work, family, learning, things you enjoy?"),
        low: Both::new("No time"),
        high: Both::new("A lot"),
    },
];

/// One week's look-back as stored: the day it is for and the answers given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookBack {
    /// The chosen weekday it was due on (the last day of the week it covers).
    #[serde(rename = "d", with = "crate::domain::dates::stored::date")]
    pub day: NaiveDate,
    /// Answers by question key, 1–5.
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<(String, u8)>,
    #[serde(rename = "t", with = "crate::domain::dates::stored::datetime")]
    pub saved_at: NaiveDateTime,
}

impl LookBack {
    pub fn answer(&self, key: &str) -> Option<u8> {
        self.answers.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    pub fn month(&self) -> YearMonth {
        YearMonth::of(self.day)
    }

    /// One week's look-back from two copies: every question either answered,
    /// and where both did, the later saved answer.
    pub fn merged(&self, other: &LookBack) -> LookBack {
        let (newer, older) = if other.saved_at > self.saved_at { (other, self) } else { (self, other) };
        let mut out = newer.clone();
        for (key, value) in &older.answers {
            if out.answer(key).is_none() {
                out.answers.push((key.clone(), *value));
            }
        }
        out
    }

    /// Answers in range, for known questions only.
    pub fn valid(&self) -> bool {
        self.answers.iter().all(|(k, v)| (1..=5).contains(v) && QUESTIONS.iter().any(|q| q.key == k))
    }
}

/// Splits look-backs into months (for storage), one per day, in date order.
pub fn by_month(entries: impl IntoIterator<Item = LookBack>) -> std::collections::BTreeMap<YearMonth, Vec<LookBack>> {
    let mut months: std::collections::BTreeMap<YearMonth, Vec<LookBack>> = Default::default();
    for entry in entries {
        let list = months.entry(entry.month()).or_default();
        list.retain(|l| l.day != entry.day);
        list.push(entry);
    }
    for list in months.values_mut() {
        list.sort_by_key(|l| l.day);
    }
    months
}

/// Things worth a look. Named plainly; never a score, never a prediction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchOut {
    CravingsRising,
    MoodFalling,
    SupportFalling,
    SleepFalling,
    UsedThisWeek,
}

impl WatchOut {
    pub fn message(self) -> &'static str {
        match self {
            WatchOut::CravingsRising => tr!("Cravings came more often or stronger than last week."),
            WatchOut::MoodFalling => tr!("Your mood has been lower than last week."),
            WatchOut::SupportFalling => tr!("You had less support than last week."),
            WatchOut::SleepFalling => tr!("You've been sleeping worse than last week."),
            WatchOut::UsedThisWeek => tr!("You used on some days this week. That's information, not failure."),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            WatchOut::CravingsRising => "cravings",
            WatchOut::MoodFalling => "mood",
            WatchOut::SupportFalling => "support",
            WatchOut::SleepFalling => "sleep",
            WatchOut::UsedThisWeek => "used",
        }
    }
}

/// At least this many cravings this week before "rising" means anything.
const MIN_CRAVINGS: u32 = 3;
/// At least this many check-ins in each week before comparing moods.
const MIN_CHECK_INS: u32 = 3;

/// Conservative rules, so a card shows only when something clearly moved:
/// cravings up by half or more (at least three this week), or their strength up
/// by 1.5 points; average mood down by a point or more (three check-ins each
/// week); support or sleep answered two points lower than last week; any day
/// with use. No data, or only one week of it, is not a warning.
pub fn watch_outs(this: &WeekSummary, last: &WeekSummary, answers: Option<&LookBack>, last_answers: Option<&LookBack>) -> Vec<WatchOut> {
    let mut out = Vec::new();
    let more_often = this.cravings >= MIN_CRAVINGS && last.cravings > 0 && this.cravings * 2 >= last.cravings * 3;
    let stronger = this.cravings >= MIN_CRAVINGS
        && matches!((this.craving_strength, last.craving_strength), (Some(now), Some(before)) if now - before >= 1.5);
    if more_often || stronger {
        out.push(WatchOut::CravingsRising);
    }
    if this.check_ins >= MIN_CHECK_INS && last.check_ins >= MIN_CHECK_INS {
        if let (Some(now), Some(before)) = (this.mood, last.mood) {
            if before - now >= 1.0 {
                out.push(WatchOut::MoodFalling);
            }
        }
    }
    let fell = |key: &str| match (answers.and_then(|a| a.answer(key)), last_answers.and_then(|a| a.answer(key))) {
        (Some(now), Some(before)) => before >= now + 2,
        _ => false,
    };
    if fell("support") {
        out.push(WatchOut::SupportFalling);
    }
    if fell("sleep") {
        out.push(WatchOut::SleepFalling);
    }
    if this.used_days > 0 {
        out.push(WatchOut::UsedThisWeek);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::date;


    fn check_in(day: NaiveDate, mood: u8) -> CheckIn {
        let mut c = CheckIn::new(day, day.and_hms_opt(21, 0, 0).unwrap());
        c.mood = Some(mood);
        c
    }

    fn craving(id: u64, day: NaiveDate, intensity: u8) -> Craving {
        let mut c = Craving::new(id, day.and_hms_opt(18, 0, 0).unwrap());
        c.intensity = intensity;
        c
    }

    fn summary(cravings: u32, strength: Option<f64>, check_ins: u32, mood: Option<f64>) -> WeekSummary {
        WeekSummary { cravings, craving_strength: strength, check_ins, mood, ..WeekSummary::default() }
    }

    fn answers(support: u8, sleep: u8) -> LookBack {
        LookBack { day: date(2026, 3, 8), answers: vec![("support".into(), support), ("sleep".into(), sleep)], saved_at: date(2026, 3, 8).and_hms_opt(20, 0, 0).unwrap() }
    }

    #[test]
    fn the_look_back_is_due_from_its_day_until_the_next() {
        // Sunday 8 March 2026 is the chosen day.
        assert_eq!(due_day(date(2026, 3, 8), Weekday::Sun), date(2026, 3, 8));
        assert_eq!(due_day(date(2026, 3, 11), Weekday::Sun), date(2026, 3, 8));
        assert_eq!(due_day(date(2026, 3, 14), Weekday::Sun), date(2026, 3, 8));
        assert_eq!(due_day(date(2026, 3, 15), Weekday::Sun), date(2026, 3, 15));
        // Across a year end and a leap day.
        assert_eq!(due_day(date(2027, 1, 2), Weekday::Thu), date(2026, 12, 31));
        assert_eq!(due_day(date(2028, 3, 1), Weekday::Tue), date(2028, 2, 29));
        assert_eq!(week_ending(date(2027, 1, 3)), (date(2026, 12, 28), date(2027, 1, 3)));
        assert_eq!(week_before(week_ending(date(2028, 3, 6))), (date(2028, 2, 22), date(2028, 2, 28)));
        assert_eq!(weekday_from(0), Weekday::Mon);
        assert_eq!(weekday_from(6), Weekday::Sun);
    }

    #[test]
    fn a_week_is_summarised_from_its_own_days_only() {
        let week = week_ending(date(2026, 3, 8));
        let mut passed = craving(1, date(2026, 3, 3), 8);
        passed.outcome = Some(Outcome::Passed);
        passed.coping = vec!["Went for a walk".into()];
        passed.triggers = vec!["stress".into()];
        let passed_walk = passed.clone();
        let mut other = craving(2, date(2026, 3, 8), 4);
        other.triggers = vec!["stress".into(), "people".into()];
        let outside = craving(3, date(2026, 3, 9), 10);
        let mut used = check_in(date(2026, 3, 4), 2);
        used.used = Some(true);
        used.helped = "went for a walk ".into();
        let intention_only = CheckIn::new(date(2026, 3, 5), date(2026, 3, 5).and_hms_opt(8, 0, 0).unwrap());
        let s = summarise(week, &[used, check_in(date(2026, 3, 2), 4), intention_only, check_in(date(2026, 3, 1), 1)], &[passed, other, outside]);
        assert_eq!((s.check_ins, s.cravings, s.used_days), (2, 2, 1));
        assert_eq!((s.craving_strength, s.mood), (Some(6.0), Some(3.0)));
        assert_eq!(s.top_triggers[0], ("Stress".to_string(), 2));
        assert_eq!(s.helped, vec![("Went for a walk".to_string(), 2)]);
        // In Spanish, the quick choices stored in English are shown in Spanish; the person's words as written.
        crate::domain::i18n::Lang::Es.while_current(|| {
            let mut walked = passed_walk.clone();
            walked.coping.push("Llamé a Sara".into());
            let s = summarise(week, &[], &[walked]);
            assert_eq!(s.helped, vec![("Llamé a Sara".to_string(), 1), ("Salí a caminar".to_string(), 1)]);
            assert_eq!(s.top_triggers[0].0, "Estrés");
        });
        // An empty week: zeros and no averages.
        assert_eq!(summarise(week, &[], &[]), WeekSummary::default());
    }

    #[test]
    fn no_data_or_one_week_of_it_is_not_a_warning() {
        let empty = WeekSummary::default();
        assert!(watch_outs(&empty, &empty, None, None).is_empty());
        let busy = summary(5, Some(7.0), 5, Some(2.0));
        assert!(watch_outs(&busy, &empty, None, None).is_empty(), "nothing to compare with");
        assert!(watch_outs(&busy, &busy, Some(&answers(3, 3)), Some(&answers(3, 3))).is_empty(), "steady weeks");
    }

    #[test]
    fn cravings_rising_at_and_just_under_the_thresholds() {
        let last = summary(4, Some(5.0), 0, None);
        assert_eq!(watch_outs(&summary(6, Some(5.0), 0, None), &last, None, None), [WatchOut::CravingsRising]);
        assert!(watch_outs(&summary(5, Some(5.0), 0, None), &last, None, None).is_empty());
        assert_eq!(watch_outs(&summary(4, Some(6.5), 0, None), &last, None, None), [WatchOut::CravingsRising]);
        assert!(watch_outs(&summary(4, Some(6.4), 0, None), &last, None, None).is_empty());
        // Two cravings are too few to call a rise, however strong.
        assert!(watch_outs(&summary(2, Some(10.0), 0, None), &summary(1, Some(1.0), 0, None), None, None).is_empty());
    }

    #[test]
    fn mood_falling_needs_enough_check_ins_in_both_weeks() {
        let last = summary(0, None, 3, Some(4.0));
        assert_eq!(watch_outs(&summary(0, None, 3, Some(3.0)), &last, None, None), [WatchOut::MoodFalling]);
        assert!(watch_outs(&summary(0, None, 3, Some(3.1)), &last, None, None).is_empty());
        assert!(watch_outs(&summary(0, None, 2, Some(1.0)), &last, None, None).is_empty());
    }

    #[test]
    fn support_and_sleep_falling_by_two_points_and_use_are_named() {
        let none = WeekSummary::default();
        assert_eq!(watch_outs(&none, &none, Some(&answers(2, 3)), Some(&answers(4, 4))), [WatchOut::SupportFalling]);
        assert_eq!(watch_outs(&none, &none, Some(&answers(3, 1)), Some(&answers(4, 3))), [WatchOut::SleepFalling]);
        assert!(watch_outs(&none, &none, Some(&answers(3, 3)), Some(&answers(4, 4))).is_empty());
        assert!(watch_outs(&none, &none, Some(&answers(1, 1)), None).is_empty());
        let used = WeekSummary { used_days: 1, ..WeekSummary::default() };
        assert_eq!(watch_outs(&used, &none, None, None), [WatchOut::UsedThisWeek]);
    }

    #[test]
    fn answers_are_checked_and_stored_short() {
        let mut a = answers(5, 1);
        assert!(a.valid());
        assert_eq!(a.answer("support"), Some(5));
        assert_eq!(a.answer("meaning"), None);
        let text = serde_json::to_string(&a).unwrap();
        assert_eq!(text, r#"{"d":"2026-03-08","a":[["support",5],["sleep",1]],"t":"2026-03-08T20:00:00"}"#);
        assert_eq!(serde_json::from_str::<LookBack>(&text).unwrap(), a);
        a.answers.push(("made-up".into(), 3));
        assert!(!a.valid());
        a.answers = vec![("sleep".into(), 6)];
        assert!(!a.valid());
        assert_eq!(QUESTIONS.len(), 6);
    }

    #[test]
    fn the_confidence_question_never_calls_the_person_clean() {
        let q = QUESTIONS.iter().find(|q| q.key == "confidence").unwrap();
        assert_eq!(q.text.en, "How confident do you feel about not using next week?");
        let es = crate::domain::i18n::Lang::Es.while_current(|| q.text.get());
        assert!(!es.contains("limpi") && es.contains("no vas a consumir"), "{es}");
    }
}
