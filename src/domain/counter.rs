//! Clean-time counters: whole calendar days, milestones, slips and streak history.
//!
//! Everything here works on *local wall-clock* dates and times, because that is
//! how people count: "I've been clean since 3 March" means the calendar date in
//! whatever time zone the phone is in today. Day counts are date arithmetic, so
//! DST changes, travel and leap days can't add or drop a day. Only the live
//! "hours and minutes" need real instants, and those resolve ambiguous or
//! skipped local times without failing.

use chrono::{
    DateTime, Days, LocalResult, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone,
};
use serde::{Deserialize, Serialize};

use super::i18n::fill;

/// When a streak began: a local date, and the time if the person gave one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Start {
    #[serde(with = "crate::domain::dates::stored::date")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::domain::dates::stored::optional_time")]
    pub time: Option<NaiveTime>,
}

impl Start {
    /// Reads the values of a date input and an optional time input.
    pub fn parse(date: &str, time: &str) -> Result<Start, &'static str> {
        let date = super::dates::parse_iso_date(date).ok_or(tr!("Choose a date."))?;
        let time = match time.trim() {
            "" => None,
            t => Some(super::dates::parse_hh_mm(t).ok_or(tr!("That time isn't valid."))?),
        };
        Ok(Start { date, time })
    }

    pub fn at(self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }

    pub fn from_datetime(at: NaiveDateTime) -> Start {
        Start { date: at.date(), time: Some(at.time()) }
    }

    pub fn is_after(self, now: NaiveDateTime) -> bool {
        self.date > now.date() || (self.date == now.date() && self.at() > now)
    }
}

/// An earlier streak, kept after a slip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Streak {
    pub start: Start,
    pub end: Start,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Streak {
    pub fn days(&self) -> i64 {
        days_between(self.start.date, self.end.date)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counter {
    pub id: u32,
    pub name: String,
    pub start: Start,
    /// Earlier streaks, oldest first.
    #[serde(default)]
    pub history: Vec<Streak>,
    /// What the person used to spend a day, in cents (or pence), if they want it counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub money_per_day_cents: Option<u64>,
    /// The highest milestone of the current streak already celebrated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub celebrated: Option<u32>,
    /// What this counter counts; `None` for counters made before it was asked
    /// (they load as they are, and Today asks once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Substance>,
}

/// What a counter counts. It decides whether a slip after a long streak brings
/// the loss-of-tolerance overdose warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Substance {
    #[serde(rename = "opioids")]
    Opioids,
    #[serde(rename = "alcohol")]
    Alcohol,
    #[serde(rename = "stimulants")]
    Stimulants,
    #[serde(rename = "nicotine")]
    Nicotine,
    #[serde(rename = "other")]
    Other,
    /// The person chose not to say (or put the question away).
    #[serde(rename = "unsaid")]
    Unsaid,
}

impl Substance {
    pub const ALL: [Substance; 6] = [
        Substance::Opioids,
        Substance::Alcohol,
        Substance::Stimulants,
        Substance::Nicotine,
        Substance::Other,
        Substance::Unsaid,
    ];

    /// Stable key, as stored and as the `<select>` value.
    pub fn key(self) -> &'static str {
        match self {
            Substance::Opioids => "opioids",
            Substance::Alcohol => "alcohol",
            Substance::Stimulants => "stimulants",
            Substance::Nicotine => "nicotine",
            Substance::Other => "other",
            Substance::Unsaid => "unsaid",
        }
    }

    pub fn from_key(key: &str) -> Option<Substance> {
        Substance::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Substance::Opioids => tr!("Opioids (heroin, fentanyl, painkillers…)"),
            Substance::Alcohol => tr!("Alcohol"),
            Substance::Stimulants => tr!("Stimulants (cocaine, meth…)"),
            Substance::Nicotine => tr!("Nicotine"),
            Substance::Other => tr!("Something else"),
            Substance::Unsaid => tr!("I'd rather not say"),
        }
    }

    /// A first guess from a counter's name, to preselect in the question. The
    /// default counter ("Clean time") is Steady's own purpose: recovery from opioids.
    pub fn guess(name: &str) -> Substance {
        let name = name.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
        if [DEFAULT_NAME, EARLIER_DEFAULT_NAME].iter().any(|d| name.trim() == d.to_lowercase())
            || has(&["opi", "heroin", "fentanyl", "methadone", "bupe", "suboxone", "oxy", "morphine", "codeine", "tramadol", "painkiller", "dope", "smack"])
        {
            Substance::Opioids
        } else if has(&["alcohol", "drink", "booze", "beer", "wine", "vodka", "spirits"]) {
            Substance::Alcohol
        } else if has(&["nicotine", "smok", "cigar", "tobacco", "vap"]) {
            Substance::Nicotine
        } else if has(&["cocaine", "coke", "crack", "meth", "speed", "amphetamine", "stimulant"]) {
            Substance::Stimulants
        } else {
            Substance::Other
        }
    }
}

/// Which safety warning a slip brings, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToleranceWarning {
    /// Opioids: after a break the old amount can stop breathing (Strang et al., BMJ 2003).
    Opioids,
    /// Unknown or "something else": it may be opioids or another drug whose
    /// tolerance drops, so the overdose risk is named without naming a drug —
    /// saying "opioids" to someone counting, say, benzodiazepines would be wrong,
    /// and saying nothing could leave an opioid user unwarned.
    General,
    /// Stimulants: cocaine, meth and pressed pills often hold fentanyl, and
    /// without opioid tolerance a tiny amount can kill (SAMHSA toolkit 2025).
    /// After any slip, however long the streak: the risk is in the supply.
    Stimulants,
    /// Alcohol: stopping suddenly after heavy drinking can be dangerous
    /// (withdrawal fits; Alcohol Change UK). After any slip.
    Alcohol,
}

/// Whether a slip that ended `ended` on a counter of `counts` warrants a
/// warning. Nicotine gets none: warning a smoker about overdose would teach
/// people to ignore the warning.
pub fn tolerance_warning(counts: Option<Substance>, ended: &Streak) -> Option<ToleranceWarning> {
    let long_enough = |days| ended.days() >= days;
    match counts {
        Some(Substance::Opioids) => long_enough(TOLERANCE_WARNING_DAYS).then_some(ToleranceWarning::Opioids),
        None | Some(Substance::Other | Substance::Unsaid) => long_enough(TOLERANCE_WARNING_DAYS).then_some(ToleranceWarning::General),
        Some(Substance::Stimulants) => Some(ToleranceWarning::Stimulants),
        Some(Substance::Alcohol) => Some(ToleranceWarning::Alcohol),
        Some(Substance::Nicotine) => None,
    }
}

/// The name Steady gives the first counter: neutral words, never "clean"
/// (NIDA, "Words Matter": "clean"/"dirty" are terms to avoid; safety review
/// 2026-12-06, (4) Minor; Spanish review E2).
pub const DEFAULT_NAME: &str = "Days in recovery";

/// The name Steady gave the first counter before: counters stored with it keep
/// it (stored data is never renamed); in Spanish it is shown with the wording
/// the Spanish review (E2) recommends instead of "tiempo limpio".
pub const EARLIER_DEFAULT_NAME: &str = "Clean time";

/// A counter's name as shown. The name Steady gives the first counter is
/// stored in English (stored data never depends on the language) and shown in
/// the language in use; a name the person chose is shown as they wrote it.
pub fn shown_name(name: &str) -> &str {
    match name {
        DEFAULT_NAME => tr!("Days in recovery"),
        EARLIER_DEFAULT_NAME => tr!("Clean time"),
        _ => name,
    }
}
/// A streak this long or longer means tolerance may have dropped (Strang et al., BMJ 2003):
/// methadone guidance treats 3 missed days as reduced tolerance (Australian Government,
/// clinical guidelines for methadone, missed doses), and the warning costs little.
pub const TOLERANCE_WARNING_DAYS: i64 = 3;
/// For the first days the live duration (days, hours, minutes) is shown too.
pub const LIVE_DURATION_DAYS: i64 = 30;

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CounterError {
    StartInFuture,
    EmptyName,
    NameTooLong,
}

impl CounterError {
    pub fn message(&self) -> &'static str {
        match self {
            CounterError::StartInFuture => {
                tr!("That start is in the future. Choose today or an earlier day — nothing was changed.")
            }
            CounterError::EmptyName => tr!("Give the counter a name."),
            CounterError::NameTooLong => tr!("That name is too long — keep it under 60 characters."),
        }
    }
}

fn checked_name(name: &str) -> Result<String, CounterError> {
    let name = name.trim();
    if name.is_empty() {
        Err(CounterError::EmptyName)
    } else if name.chars().count() > 60 {
        Err(CounterError::NameTooLong)
    } else {
        Ok(name.to_owned())
    }
}

impl Counter {
    pub fn new(id: u32, name: &str, start: Start, now: NaiveDateTime) -> Result<Counter, CounterError> {
        if start.is_after(now) {
            return Err(CounterError::StartInFuture);
        }
        Ok(Counter {
            id,
            name: checked_name(name)?,
            start,
            history: Vec::new(),
            money_per_day_cents: None,
            celebrated: None,
            counts: None,
        })
    }

    /// Whole local calendar days from the start date to today.
    pub fn days(&self, now: NaiveDateTime) -> i64 {
        days_between(self.start.date, now.date()).max(0)
    }

    /// Corrects the start of the current streak (people set it retroactively).
    pub fn set_start(&mut self, start: Start, now: NaiveDateTime) -> Result<(), CounterError> {
        if start.is_after(now) {
            return Err(CounterError::StartInFuture);
        }
        if start != self.start {
            self.start = start;
            self.celebrated = None;
        }
        Ok(())
    }

    pub fn rename(&mut self, name: &str) -> Result<(), CounterError> {
        self.name = checked_name(name)?;
        Ok(())
    }

    /// Records a slip: the current streak goes into the history and a new one
    /// starts at `new_start`. Returns the streak that ended.
    pub fn slip(&mut self, new_start: Start, note: &str, now: NaiveDateTime) -> Result<Streak, CounterError> {
        if new_start.is_after(now) {
            return Err(CounterError::StartInFuture);
        }
        // A new start earlier than the old one would make a streak of negative length.
        let end = if new_start.at() < self.start.at() { self.start } else { new_start };
        let ended = Streak { start: self.start, end, note: note.trim().to_owned() };
        self.history.push(ended.clone());
        self.start = new_start;
        self.celebrated = None;
        Ok(ended)
    }

    /// When the first streak began (the current one if there was no slip).
    pub fn first_start(&self) -> Start {
        self.history.first().map_or(self.start, |s| s.start)
    }

    /// The same counter in another copy of the data (a backup): same name and
    /// same first start, whatever slips either copy recorded since.
    pub fn same_as(&self, other: &Counter) -> bool {
        self.name == other.name && self.first_start() == other.first_start()
    }

    /// This counter with what [`Counter::same_as`] counter `other` knows too:
    /// every slip either recorded, in order, and the current streak of the one
    /// that slipped last. Where both recorded the same slips, this one's start
    /// (perhaps corrected since) is kept.
    pub fn merged(&self, other: &Counter) -> Counter {
        let mut out = self.clone();
        out.money_per_day_cents = self.money_per_day_cents.or(other.money_per_day_cents);
        out.counts = self.counts.or(other.counts);
        if other.history.starts_with(&self.history) && other.history.len() > self.history.len() {
            // The other copy went on from this one.
            out.history.clone_from(&other.history);
            out.start = other.start;
            out.celebrated = other.celebrated;
        } else if !self.history.starts_with(&other.history) {
            // Each recorded a slip the other didn't: streaks from the first start
            // to each slip, in order, keeping a note either wrote.
            let ends = self.history.iter().chain(&other.history);
            let mut points: Vec<Start> = ends.clone().map(|s| s.end).collect();
            points.sort_by_key(|p| p.at());
            points.dedup();
            let mut from = self.first_start();
            out.history = points
                .into_iter()
                .map(|end| {
                    let note = ends.clone().filter(|s| s.end == end).map(|s| s.note.as_str()).find(|n| !n.is_empty());
                    let streak = Streak { start: from, end, note: note.unwrap_or_default().to_owned() };
                    from = end;
                    streak
                })
                .collect();
            if other.start.at() > self.start.at() {
                out.start = other.start;
                out.celebrated = other.celebrated;
            }
        }
        out
    }

    pub fn stats(&self, now: NaiveDateTime) -> StreakStats {
        let current = self.days(now);
        let earlier = self.history.iter().map(Streak::days);
        StreakStats {
            longest_days: earlier.clone().chain([current]).max().unwrap_or(0),
            total_days: earlier.sum::<i64>() + current,
            streaks: self.history.len() + 1,
        }
    }

    /// Money not spent since the start, in cents.
    pub fn saved_cents(&self, now: NaiveDateTime) -> Option<u64> {
        let per_day = self.money_per_day_cents?;
        Some(per_day.saturating_mul(self.days(now) as u64))
    }

    /// True when the person has reached a milestone they haven't been congratulated on.
    pub fn uncelebrated_milestone(&self, now: NaiveDateTime) -> Option<Milestone> {
        let reached = milestone_progress(self.start, now).reached?;
        (self.celebrated.is_none_or(|seen| seen < reached.index)).then_some(reached)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreakStats {
    pub longest_days: i64,
    pub total_days: i64,
    pub streaks: usize,
}

/// Live time since the start, from real instants in the given time zone.
/// A start in a skipped hour (clocks going forward) counts from the first moment
/// after the gap; one in a repeated hour counts from its first occurrence.
pub fn elapsed<Tz: TimeZone>(start: Start, now: &DateTime<Tz>) -> TimeDelta {
    let began = resolve_local(start.at(), &now.timezone());
    (now.clone() - began).max(TimeDelta::zero())
}

fn resolve_local<Tz: TimeZone>(at: NaiveDateTime, zone: &Tz) -> DateTime<Tz> {
    match zone.from_local_datetime(&at) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(earliest, _) => earliest,
        LocalResult::None => {
            // In a DST gap: step forward a minute at a time until the clocks exist again.
            (1..=24 * 60)
                .find_map(|m| zone.from_local_datetime(&(at + TimeDelta::minutes(m))).earliest())
                .unwrap_or_else(|| zone.from_utc_datetime(&at))
        }
    }
}

/// Days, hours and minutes for display.
pub fn split_duration(elapsed: TimeDelta) -> (i64, i64, i64) {
    let minutes = elapsed.num_minutes().max(0);
    (minutes / (24 * 60), minutes / 60 % 24, minutes % 60)
}

/// A Narcotics Anonymous–style key-tag milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    /// Position in the sequence: 0 is 24 hours, 1 is 30 days, … 8 is 2 years.
    pub index: u32,
    pub label: String,
    /// The local date and time it is reached.
    pub at: NaiveDateTime,
}

/// What a milestone card shared from the celebration says, line by line: the
/// milestone, its length in days when the milestone isn't counted in days, and
/// a few words. Never what is counted (no substance is named) nor any date.
pub fn milestone_card(milestone: &Milestone, start: Start) -> Vec<String> {
    let days = days_between(start.date, milestone.at.date()).max(0);
    let in_days = super::dates::days_text(days);
    let mut lines = vec![milestone.label.clone()];
    if milestone.index > 0 && in_days != milestone.label {
        lines.push(in_days);
    }
    lines.push(tr!("One day at a time.").to_string());
    lines
}

/// 24 hours, 30/60/90 days, 6 and 9 months, 1 year, 18 months, then every year.
pub fn milestone(start: Start, index: u32) -> Option<Milestone> {
    let begin = start.at();
    let (label, at) = match index {
        // The same wall-clock time the next day, like every milestone here: on
        // the day the clocks change that is after 23 or 25 real hours. Accepted
        // (review T3): the person reads "24 hours" off the phone's clock, and a
        // real-time 24 h would fall at 22:00 or 24:00 by that clock instead.
        0 => (tr!("24 hours").to_owned(), begin.checked_add_days(Days::new(1))?),
        1..=3 => {
            let days = 30 * u64::from(index);
            (fill(tr!("{} days"), &[&days.to_string()]), begin.checked_add_days(Days::new(days))?)
        }
        4 => (tr!("6 months").to_owned(), begin.checked_add_months(Months::new(6))?),
        5 => (tr!("9 months").to_owned(), begin.checked_add_months(Months::new(9))?),
        6 => (tr!("1 year").to_owned(), begin.checked_add_months(Months::new(12))?),
        7 => (tr!("18 months").to_owned(), begin.checked_add_months(Months::new(18))?),
        _ => {
            let years = index - 6;
            (fill(tr!("{} years"), &[&years.to_string()]), begin.checked_add_months(Months::new(12 * years))?)
        }
    };
    Some(Milestone { index, label, at })
}

#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneProgress {
    pub reached: Option<Milestone>,
    pub next: Option<Milestone>,
    /// Whole calendar days until the next milestone's date (0 when it is later today).
    pub days_to_go: i64,
    /// How far from the last milestone (or the start) to the next, 0.0–1.0.
    pub fraction: f64,
}

/// Where `now` sits between milestones. Month milestones follow the calendar:
/// six months after 31 August is the last day of February.
pub fn milestone_progress(start: Start, now: NaiveDateTime) -> MilestoneProgress {
    let mut reached = None;
    let mut index = 0;
    let next = loop {
        match milestone(start, index) {
            Some(m) if m.at <= now => reached = Some(m),
            other => break other,
        }
        index += 1;
    };
    let from = reached.as_ref().map_or(start.at(), |m| m.at);
    let (days_to_go, fraction) = match &next {
        Some(next) => {
            let span = (next.at - from).num_seconds().max(1) as f64;
            let done = (now - from).num_seconds().max(0) as f64;
            (days_between(now.date(), next.at.date()).max(0), (done / span).clamp(0.0, 1.0))
        }
        None => (0, 1.0),
    };
    MilestoneProgress { reached, next, days_to_go, fraction }
}

/// All the person's counters; one is shown on Today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Counters {
    pub list: Vec<Counter>,
    /// The counter shown on Today.
    #[serde(default)]
    pub main: Option<u32>,
}

impl Counters {
    pub fn main(&self) -> Option<&Counter> {
        self.main
            .and_then(|id| self.get(id))
            .or_else(|| self.list.first())
    }

    pub fn get(&self, id: u32) -> Option<&Counter> {
        self.list.iter().find(|c| c.id == id)
    }

    pub fn get_mut(&mut self, id: u32) -> Option<&mut Counter> {
        self.list.iter_mut().find(|c| c.id == id)
    }

    fn next_id(&self) -> u32 {
        self.list.iter().map(|c| c.id).max().map_or(1, |id| id + 1)
    }

    /// Adds a counter; the first one becomes the main counter.
    pub fn add(&mut self, name: &str, start: Start, now: NaiveDateTime) -> Result<u32, CounterError> {
        let counter = Counter::new(self.next_id(), name, start, now)?;
        let id = counter.id;
        self.list.push(counter);
        if self.main.is_none() {
            self.main = Some(id);
        }
        Ok(id)
    }

    /// Removes a counter and returns it with its position, so it can be put back.
    pub fn remove(&mut self, id: u32) -> Option<(usize, Counter)> {
        let at = self.list.iter().position(|c| c.id == id)?;
        let removed = self.list.remove(at);
        if self.main == Some(id) {
            self.main = self.list.first().map(|c| c.id);
        }
        Some((at, removed))
    }

    /// Undoes [`Counters::remove`]. If its id went to a newer counter
    /// meanwhile, it comes back with a fresh one.
    pub fn restore(&mut self, at: usize, mut counter: Counter, was_main: bool) {
        if self.list.contains(&counter) {
            return;
        }
        if self.get(counter.id).is_some() {
            counter.id = self.next_id();
        }
        let id = counter.id;
        self.list.insert(at.min(self.list.len()), counter);
        if was_main || self.main.is_none() {
            self.main = Some(id);
        }
    }

    /// Adds a backup's counters to these. One that is [`Counter::same_as`] one
    /// here is merged into it, not added twice; a new one whose id is taken
    /// gets a fresh id. This device's main counter stays the main one.
    pub fn merge_from(&mut self, incoming: &Counters) {
        for c in &incoming.list {
            if let Some(mine) = self.list.iter_mut().find(|o| o.same_as(c)) {
                *mine = mine.merged(c);
            } else {
                let mut c = c.clone();
                if self.get(c.id).is_some() {
                    c.id = self.next_id();
                }
                self.list.push(c);
            }
        }
        if self.main.is_none() {
            self.main = self.list.first().map(|c| c.id);
        }
    }

    pub fn make_main(&mut self, id: u32) {
        if self.get(id).is_some() {
            self.main = Some(id);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn milestones_and_the_default_name_in_spanish() {
        use crate::domain::i18n::Lang;
        let start = Start { date: NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(), time: None };
        Lang::Es.while_current(|| {
            assert_eq!(milestone(start, 0).unwrap().label, "24 horas");
            assert_eq!(milestone(start, 2).unwrap().label, "60 días");
            assert_eq!(milestone(start, 6).unwrap().label, "1 año");
            assert_eq!(milestone(start, 8).unwrap().label, "2 años");
            assert_eq!(shown_name(DEFAULT_NAME), "Días en recuperación");
            assert_eq!(shown_name("Clean time"), "Tiempo sin consumir");
            assert_eq!(shown_name("Clean time from beer"), "Clean time from beer");
        });
        assert_eq!(milestone(start, 2).unwrap().label, "60 days");
        assert_eq!(shown_name(DEFAULT_NAME), "Days in recovery");
        assert_eq!(shown_name("Clean time"), "Clean time");
    }

    #[test]
    fn a_new_first_counter_gets_a_neutral_name_and_stored_counters_keep_theirs() {
        use crate::domain::i18n::Lang;
        // The name a new first counter is stored with, and how it reads.
        for lang in [Lang::En, Lang::Es] {
            let shown = lang.while_current(|| shown_name(DEFAULT_NAME).to_lowercase());
            assert!(!shown.contains("clean") && !shown.contains("limpi"), "{shown}");
        }
        let now = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let mut all = Counters::default();
        all.add(DEFAULT_NAME, Start { date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), time: None }, now).unwrap();
        assert_eq!(all.list[0].name, "Days in recovery");
        // Either default means Steady's own purpose: opioids.
        assert_eq!(Substance::guess(DEFAULT_NAME), Substance::Opioids);
        assert_eq!(Substance::guess(EARLIER_DEFAULT_NAME), Substance::Opioids);
        // A counter stored with the earlier default, or named by the person, reads and writes back as it was.
        for stored in [
            r#"{"list":[{"id":1,"name":"Clean time","start":{"date":"2026-01-01"},"history":[]}],"main":1}"#,
            r#"{"list":[{"id":1,"name":"Tiempo limpio","start":{"date":"2026-01-01"},"history":[]}],"main":1}"#,
        ] {
            let read: Counters = serde_json::from_str(stored).unwrap();
            assert_eq!(serde_json::to_string(&read).unwrap(), stored);
        }
        assert_eq!(shown_name("Tiempo limpio"), "Tiempo limpio", "the person's own name is shown as written");
    }

    #[test]
    fn a_start_is_read_from_date_and_time_inputs() {
        use chrono::{NaiveDate, NaiveTime};
        let day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(super::Start::parse("2024-02-29", ""), Ok(super::Start { date: day, time: None }));
        assert_eq!(
            super::Start::parse("2024-02-29", " 07:30 "),
            Ok(super::Start { date: day, time: NaiveTime::from_hms_opt(7, 30, 0) })
        );
        assert_eq!(super::Start::parse("", ""), Err("Choose a date."));
        assert_eq!(super::Start::parse("2023-02-29", ""), Err("Choose a date."));
        assert_eq!(super::Start::parse("2024-02-29", "25:00"), Err("That time isn't valid."));
    }

    use super::*;
    use crate::domain::testing::{date, at};
    use chrono::{NaiveDate, Utc};
    use chrono_tz::Tz;

    fn start(y: i32, m: u32, d: u32) -> Start {
        Start { date: date(y, m, d), time: None }
    }
    fn start_at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Start {
        Start::from_datetime(at(y, m, d, h, min))
    }
    fn counter(s: Start, now: NaiveDateTime) -> Counter {
        Counter::new(1, DEFAULT_NAME, s, now).unwrap()
    }
    /// Local wall-clock time in `zone` at a UTC instant.
    fn local_in(zone: Tz, utc: NaiveDateTime) -> NaiveDateTime {
        Utc.from_utc_datetime(&utc).with_timezone(&zone).naive_local()
    }

    #[test]
    fn days_are_calendar_days_not_24_hour_blocks() {
        let c = counter(start_at(2026, 3, 1, 23, 30), at(2026, 3, 2, 0, 10));
        assert_eq!(c.days(at(2026, 3, 2, 0, 10)), 1);
        assert_eq!(c.days(at(2026, 3, 1, 23, 59)), 0);
        assert_eq!(c.days(at(2026, 3, 31, 12, 0)), 30);
    }

    #[test]
    fn dst_transitions_neither_add_nor_drop_a_day() {
        for zone in [chrono_tz::America::New_York, chrono_tz::Europe::Berlin] {
            // US: 8 March and 1 November 2026; EU: 29 March and 25 October 2026.
            for (s, end, expected) in [
                (date(2026, 3, 7), date(2026, 3, 9), 2),
                (date(2026, 3, 28), date(2026, 3, 30), 2),
                (date(2026, 10, 31), date(2026, 11, 2), 2),
                (date(2026, 10, 24), date(2026, 10, 26), 2),
            ] {
                let c = counter(Start { date: s, time: None }, s.and_time(NaiveTime::MIN));
                // Check every quarter hour of the day the count should be `expected`.
                for minutes in (0..24 * 60).step_by(15) {
                    let utc = end.and_time(NaiveTime::MIN) + TimeDelta::minutes(minutes);
                    let now = local_in(zone, utc);
                    let want = days_between(s, now.date());
                    assert_eq!(c.days(now), want, "{zone} {s} -> {now}");
                    if now.date() == end {
                        assert_eq!(c.days(now), expected);
                    }
                }
            }
        }
    }

    #[test]
    fn a_time_zone_change_between_opens_follows_the_current_zone() {
        let c = counter(start(2026, 1, 1), at(2026, 1, 1, 0, 0));
        let instant = at(2026, 1, 10, 20, 0); // 20:00 UTC
        let in_la = local_in(chrono_tz::America::Los_Angeles, instant); // 12:00 on the 10th
        let in_tokyo = local_in(chrono_tz::Asia::Tokyo, instant); // 05:00 on the 11th
        assert_eq!(c.days(in_la), 9);
        assert_eq!(c.days(in_tokyo), 10);
        // Flying back the same day never gives a negative or skipped count.
        assert_eq!(c.days(local_in(chrono_tz::Pacific::Honolulu, instant)), 9);
    }

    #[test]
    fn leap_days_count_once() {
        let c = counter(start(2024, 2, 28), at(2024, 2, 28, 8, 0));
        assert_eq!(c.days(at(2024, 2, 29, 8, 0)), 1);
        assert_eq!(c.days(at(2024, 3, 1, 8, 0)), 2);
        assert_eq!(c.days(at(2025, 2, 28, 8, 0)), 366);
        let leap_start = counter(start(2024, 2, 29), at(2024, 2, 29, 0, 0));
        assert_eq!(leap_start.days(at(2025, 3, 1, 0, 0)), 366);
        // One year from 29 February is the end of February the next year.
        let year = milestone(start(2024, 2, 29), 6).unwrap();
        assert_eq!(year.at.date(), date(2025, 2, 28));
        assert_eq!(milestone(start(2024, 2, 29), 10).unwrap().at.date(), date(2028, 2, 29));
    }

    #[test]
    fn month_milestones_are_calendar_aware() {
        let six = milestone(start(2026, 8, 31), 4).unwrap();
        assert_eq!((six.label.as_str(), six.at.date()), ("6 months", date(2027, 2, 28)));
        let nine = milestone(start(2026, 5, 31), 5).unwrap();
        assert_eq!(nine.at.date(), date(2027, 2, 28));
        assert_eq!(milestone(start(2027, 8, 31), 4).unwrap().at.date(), date(2028, 2, 29));
        assert_eq!(milestone(start(2026, 1, 31), 7).unwrap().at.date(), date(2027, 7, 31));
    }

    #[test]
    fn milestone_sequence_follows_the_na_custom() {
        let s = start(2026, 1, 1);
        let labels: Vec<String> = (0..11).map(|i| milestone(s, i).unwrap().label).collect();
        assert_eq!(
            labels,
            [
                "24 hours", "30 days", "60 days", "90 days", "6 months", "9 months", "1 year",
                "18 months", "2 years", "3 years", "4 years"
            ]
        );
        assert_eq!(milestone(s, 1).unwrap().at.date(), date(2026, 1, 31));
        assert_eq!(milestone(s, 3).unwrap().at.date(), date(2026, 4, 1));
    }

    #[test]
    fn progress_names_reached_and_next_with_days_to_go() {
        let s = start(2026, 1, 1);
        let p = milestone_progress(s, at(2026, 1, 1, 12, 0));
        assert_eq!(p.reached, None);
        assert_eq!(p.next.as_ref().unwrap().label, "24 hours");
        assert_eq!(p.days_to_go, 1);
        assert!((p.fraction - 0.5).abs() < 1e-9);

        let p = milestone_progress(s, at(2026, 1, 21, 0, 0));
        assert_eq!(p.reached.unwrap().label, "24 hours");
        assert_eq!(p.next.unwrap().label, "30 days");
        assert_eq!(p.days_to_go, 10);

        let p = milestone_progress(s, at(2026, 1, 31, 0, 0));
        assert_eq!(p.reached.unwrap().label, "30 days");
        assert_eq!(p.next.unwrap().label, "60 days");
        assert_eq!(p.days_to_go, 30);
        assert_eq!(p.fraction, 0.0);
    }

    #[test]
    fn twenty_four_hours_uses_the_start_time_when_given() {
        let s = start_at(2026, 6, 1, 22, 0);
        assert_eq!(milestone_progress(s, at(2026, 6, 2, 21, 59)).reached, None);
        assert_eq!(
            milestone_progress(s, at(2026, 6, 2, 22, 0)).reached.unwrap().label,
            "24 hours"
        );
    }

    #[test]
    fn ambiguous_and_skipped_local_times_never_fail() {
        let ny = chrono_tz::America::New_York;
        // 02:30 on 8 March 2026 doesn't exist in New York; 01:30 on 1 November happens twice.
        let skipped = start_at(2026, 3, 8, 2, 30);
        let repeated = start_at(2026, 11, 1, 1, 30);
        let now = ny.from_utc_datetime(&at(2026, 3, 8, 12, 0)); // 08:00 EDT
        // Counted from 03:00 EDT, the first moment after the gap: 5 hours.
        assert_eq!(elapsed(skipped, &now), TimeDelta::hours(5));
        let now = ny.from_utc_datetime(&at(2026, 11, 1, 8, 30)); // 03:30 EST
        // From the first 01:30 (EDT, 05:30 UTC): 3 hours.
        assert_eq!(elapsed(repeated, &now), TimeDelta::hours(3));
        // The day count ignores all of this.
        let c = counter(skipped, at(2026, 3, 8, 8, 0));
        assert_eq!(c.days(at(2026, 3, 9, 0, 0)), 1);
        // A start after "now" (clock changed) is zero, never negative.
        let early = ny.from_utc_datetime(&at(2026, 3, 8, 6, 0));
        assert_eq!(elapsed(skipped, &early), TimeDelta::zero());
    }

    #[test]
    fn live_duration_splits_into_days_hours_minutes() {
        assert_eq!(split_duration(TimeDelta::minutes(3 * 1440 + 4 * 60 + 12)), (3, 4, 12));
        assert_eq!(split_duration(TimeDelta::seconds(59)), (0, 0, 0));
        assert_eq!(split_duration(TimeDelta::minutes(-5)), (0, 0, 0));
    }

    #[test]
    fn a_start_in_the_future_is_refused_and_nothing_changes() {
        let now = at(2026, 11, 23, 10, 0);
        let mut c = counter(start(2026, 1, 1), now);
        let before = c.clone();
        assert_eq!(c.set_start(start(2026, 11, 24), now), Err(CounterError::StartInFuture));
        assert_eq!(c.set_start(start_at(2026, 11, 23, 10, 1), now), Err(CounterError::StartInFuture));
        assert_eq!(c.slip(start(2026, 12, 1), "", now), Err(CounterError::StartInFuture));
        assert_eq!(c, before);
        assert!(c.set_start(start_at(2026, 11, 23, 10, 0), now).is_ok());
        assert!(Counter::new(2, "x", start(2027, 1, 1), now).is_err());
    }

    #[test]
    fn a_slip_keeps_history_longest_and_total() {
        let mut c = counter(start(2026, 1, 1), at(2026, 1, 1, 0, 0));
        let ended = c.slip(start_at(2026, 2, 10, 18, 0), "  a party; leave earlier next time ", at(2026, 2, 10, 18, 0)).unwrap();
        assert_eq!(ended.days(), 40);
        assert_eq!(ended.note, "a party; leave earlier next time");
        let now = at(2026, 2, 20, 9, 0);
        assert_eq!(c.days(now), 10);
        assert_eq!(
            c.stats(now),
            StreakStats { longest_days: 40, total_days: 50, streaks: 2 }
        );
        c.slip(start_at(2026, 2, 20, 9, 0), "", now).unwrap();
        let s = c.stats(now);
        assert_eq!((s.longest_days, s.total_days, s.streaks), (40, 50, 3));
        assert_eq!(c.days(now), 0);
    }

    #[test]
    fn copies_with_different_slips_merge_into_one_history() {
        let now = at(2026, 3, 1, 12, 0);
        let base = counter(start(2026, 1, 1), at(2026, 1, 1, 0, 0));
        let mut here = base.clone();
        here.slip(start(2026, 2, 1), "", now).unwrap();
        let mut there = base.clone();
        there.slip(start(2026, 1, 20), "a wedding", now).unwrap();
        assert!(here.same_as(&there), "same name and first start");
        let merged = here.merged(&there);
        let ends: Vec<_> = merged.history.iter().map(|s| (s.start, s.end, s.note.as_str())).collect();
        assert_eq!(ends, [(start(2026, 1, 1), start(2026, 1, 20), "a wedding"), (start(2026, 1, 20), start(2026, 2, 1), "")]);
        assert_eq!(merged.start, start(2026, 2, 1), "the current streak began at the last slip");
        assert_eq!(there.merged(&here).history, merged.history, "either way round");
        // A copy that went on from this one brings its slips; the same copy brings nothing.
        assert_eq!(base.merged(&here), here);
        assert_eq!(here.merged(&base), here);
        assert_eq!(here.merged(&here), here);
        // Another counter of the same name started elsewhere is not the same.
        assert!(!base.same_as(&counter(start(2026, 1, 2), at(2026, 1, 2, 0, 0))));
        let mut all = Counters::default();
        all.list.push(here.clone());
        all.main = Some(here.id);
        let mut theirs = Counters::default();
        theirs.list.push(there);
        all.merge_from(&theirs);
        assert_eq!((all.list.len(), all.list[0].history.len()), (1, 2));
    }

    #[test]
    fn a_slip_dated_before_the_start_makes_no_negative_streak() {
        let mut c = counter(start(2026, 5, 10), at(2026, 5, 10, 0, 0));
        let ended = c.slip(start(2026, 5, 1), "", at(2026, 5, 12, 0, 0)).unwrap();
        assert_eq!(ended.days(), 0);
    }

    #[test]
    fn twenty_years_of_history() {
        let mut c = counter(start(2006, 1, 1), at(2006, 1, 1, 0, 0));
        let mut day = date(2006, 1, 1);
        for _ in 0..240 {
            day = day.checked_add_months(Months::new(1)).unwrap();
            c.slip(Start { date: day, time: None }, "", day.and_hms_opt(12, 0, 0).unwrap()).unwrap();
        }
        let now = at(2026, 1, 1, 12, 0);
        let s = c.stats(now);
        assert_eq!(s.streaks, 241);
        assert_eq!(s.total_days, days_between(date(2006, 1, 1), date(2026, 1, 1)));
        assert_eq!(s.longest_days, 31);
        let p = milestone_progress(start(2006, 1, 1), now);
        assert_eq!(p.reached.unwrap().label, "20 years");
        assert_eq!(p.next.unwrap().label, "21 years");
    }

    #[test]
    fn celebrates_each_reached_milestone_once() {
        let mut c = counter(start(2026, 1, 1), at(2026, 1, 1, 0, 0));
        assert_eq!(c.uncelebrated_milestone(at(2026, 1, 1, 12, 0)), None);
        let m = c.uncelebrated_milestone(at(2026, 1, 31, 8, 0)).unwrap();
        assert_eq!(m.label, "30 days");
        c.celebrated = Some(m.index);
        assert_eq!(c.uncelebrated_milestone(at(2026, 2, 5, 8, 0)), None);
        assert_eq!(c.uncelebrated_milestone(at(2026, 3, 2, 8, 0)).unwrap().label, "60 days");
        c.slip(start(2026, 3, 2), "", at(2026, 3, 2, 9, 0)).unwrap();
        assert_eq!(c.celebrated, None);
    }

    #[test]
    fn money_saved_counts_whole_days() {
        let mut c = counter(start(2026, 1, 1), at(2026, 1, 1, 0, 0));
        assert_eq!(c.saved_cents(at(2026, 1, 11, 0, 0)), None);
        c.money_per_day_cents = Some(2_550);
        assert_eq!(c.saved_cents(at(2026, 1, 11, 0, 0)), Some(25_500));
        c.money_per_day_cents = Some(u64::MAX);
        assert_eq!(c.saved_cents(at(2026, 1, 11, 0, 0)), Some(u64::MAX));
    }

    #[test]
    fn several_counters_add_remove_restore_and_main() {
        let now = at(2026, 6, 1, 9, 0);
        let mut all = Counters::default();
        assert!(all.main().is_none());
        let heroin = all.add("Heroin", start(2026, 1, 1), now).unwrap();
        let alcohol = all.add("Alcohol", start(2026, 3, 1), now).unwrap();
        let nicotine = all.add("Nicotine", start(2026, 5, 1), now).unwrap();
        assert_eq!(all.main().unwrap().id, heroin);
        all.make_main(alcohol);
        assert_eq!(all.main().unwrap().name, "Alcohol");
        let (at_index, removed) = all.remove(alcohol).unwrap();
        assert_eq!(all.main().unwrap().id, heroin);
        all.restore(at_index, removed, true);
        assert_eq!(all.list.iter().map(|c| c.id).collect::<Vec<_>>(), [heroin, alcohol, nicotine]);
        assert_eq!(all.main().unwrap().id, alcohol);
        assert_eq!(all.add("  ", start(2026, 1, 1), now), Err(CounterError::EmptyName));
        assert_eq!(all.add("x", start(2026, 6, 2), now), Err(CounterError::StartInFuture));
        assert!(all.get_mut(nicotine).unwrap().rename(&"n".repeat(61)).is_err());
        // Ids are never reused while the counter exists.
        let next = all.add("Cannabis", start(2026, 1, 1), now).unwrap();
        assert_eq!(next, nicotine + 1);
    }

    #[test]
    fn undo_after_the_id_was_reused_brings_the_counter_back() {
        let now = at(2026, 6, 1, 9, 0);
        let mut all = Counters::default();
        all.add("Heroin", start(2026, 1, 1), now).unwrap();
        let alcohol = all.add("Alcohol", start(2026, 3, 1), now).unwrap();
        let (at_index, removed) = all.remove(alcohol).unwrap();
        assert_eq!(all.add("Nicotine", start(2026, 5, 1), now).unwrap(), alcohol);
        all.restore(at_index, removed, false);
        let names: Vec<&str> = all.list.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Heroin", "Alcohol", "Nicotine"]);
        assert_ne!(all.list[1].id, all.list[2].id);
    }

    #[test]
    fn empty_store_has_no_main() {
        let mut all = Counters::default();
        assert!(all.remove(1).is_none());
        all.make_main(3);
        assert_eq!(all.main, None);
    }

    #[test]
    fn serialises_compactly_and_reads_back() {
        let mut all = Counters::default();
        let now = at(2026, 6, 1, 9, 0);
        all.add(DEFAULT_NAME, start_at(2026, 1, 1, 21, 15), now).unwrap();
        let json = serde_json::to_string(&all).unwrap();
        assert!(json.contains(r#""start":{"date":"2026-01-01","time":"21:15:00"}"#), "{json}");
        assert_eq!(serde_json::from_str::<Counters>(&json).unwrap(), all);
    }

    fn streak_of(days: u64) -> Streak {
        let begin = start(2026, 1, 1);
        Streak { start: begin, end: Start { date: begin.date + Days::new(days), time: None }, note: String::new() }
    }

    #[test]
    fn each_kind_of_counter_brings_its_own_warning_after_a_slip() {
        use Substance::*;
        assert_eq!(TOLERANCE_WARNING_DAYS, 3, "after 3 days, not a week");
        let long = streak_of(3);
        let short = streak_of(2);
        assert_eq!(tolerance_warning(Some(Opioids), &long), Some(ToleranceWarning::Opioids));
        for unknown in [None, Some(Other), Some(Unsaid)] {
            assert_eq!(tolerance_warning(unknown, &long), Some(ToleranceWarning::General), "{unknown:?}");
            assert_eq!(tolerance_warning(unknown, &short), None, "{unknown:?}");
        }
        assert_eq!(tolerance_warning(Some(Opioids), &short), None);
        // Fentanyl in the supply and alcohol withdrawal don't wait for a long streak.
        for streak in [streak_of(0), short, long.clone()] {
            assert_eq!(tolerance_warning(Some(Stimulants), &streak), Some(ToleranceWarning::Stimulants));
            assert_eq!(tolerance_warning(Some(Alcohol), &streak), Some(ToleranceWarning::Alcohol));
            assert_eq!(tolerance_warning(Some(Nicotine), &streak), None);
        }
    }

    #[test]
    fn what_a_counter_counts_is_stored_by_key_and_old_counters_still_read() {
        // Stored before counters said what they count: reads, and writes back unchanged.
        let old = r#"{"list":[{"id":1,"name":"Clean time","start":{"date":"2026-01-01"},"history":[]}],"main":1}"#;
        let mut all: Counters = serde_json::from_str(old).unwrap();
        assert_eq!(all.list[0].counts, None);
        assert_eq!(serde_json::to_string(&all).unwrap(), old);
        all.list[0].counts = Some(Substance::Nicotine);
        let json = serde_json::to_string(&all).unwrap();
        assert!(json.contains(r#""counts":"nicotine""#), "{json}");
        assert_eq!(serde_json::from_str::<Counters>(&json).unwrap(), all);
        for s in Substance::ALL {
            assert_eq!(Substance::from_key(s.key()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.key()));
        }
    }

    #[test]
    fn the_question_preselects_a_guess_from_the_name() {
        use Substance::*;
        for (name, guess) in [
            (DEFAULT_NAME, Opioids),
            ("Heroin", Opioids),
            ("Off methadone", Opioids),
            ("Fentanyl", Opioids),
            ("Alcohol", Alcohol),
            ("No drinking", Alcohol),
            ("Cigarettes", Nicotine),
            ("Vaping", Nicotine),
            ("Crack", Stimulants),
            ("Meth", Stimulants),
            ("Gambling", Other),
        ] {
            assert_eq!(Substance::guess(name), guess, "{name}");
        }
    }

    #[test]
    fn a_milestone_card_says_the_milestone_and_its_days_and_nothing_counted() {
        let start = Start { date: NaiveDate::from_ymd_opt(2025, 8, 31).unwrap(), time: None };
        let card = |index| milestone_card(&milestone(start, index).unwrap(), start);
        assert_eq!(card(0), ["24 hours", "One day at a time."]);
        assert_eq!(card(1), ["30 days", "One day at a time."]);
        // Six months after 31 August is the last day of February: 181 days.
        assert_eq!(card(4), ["6 months", "181 days", "One day at a time."]);
        assert_eq!(crate::domain::i18n::Lang::Es.while_current(|| card(6)), ["1 año", "365 días", "Un día a la vez."]);
    }

}
