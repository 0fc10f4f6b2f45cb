//! Things that come back: medication times, injections every few weeks,
//! appointments and pickups. One rule for when they fall, shared by the
//! screens (what is next, what is due) and the calendar file (`ics`), so the
//! app and the person's calendar never disagree.
//!
//! Everything is in local wall-clock time: a 9:00 appointment is at 9:00 on
//! the phone's clock before and after a DST change, and after the person
//! travels (they keep their appointments' local times, as a paper diary does).
//! Windows measured from those times ("due within the hour", "coming up" in
//! `meds` and `appointments`) compare wall-clock times as well, so on the
//! night the clocks change they may open an hour early or late. Accepted
//! (review T3): they only decide what is shown, the times themselves stay
//! right, and the person reads them off the same clock.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};

/// How often something repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Repeat {
    #[default]
    #[serde(rename = "once")]
    Once,
    #[serde(rename = "daily")]
    Daily,
    #[serde(rename = "weekly")]
    Weekly,
    /// Every N days (N ≥ 1): injections every 7 or 28 days, a pickup every 3.
    #[serde(rename = "days")]
    EveryDays(u16),
    /// The same day each month; on a day the month lacks (the 31st in April),
    /// its last day — what a person means by "monthly on the 31st".
    #[serde(rename = "monthly")]
    Monthly,
}

/// The longest gap allowed for "every N days" (a year): longer is a typo.
pub const MAX_EVERY_DAYS: u16 = 366;

impl Repeat {
    pub fn is_valid(self) -> bool {
        !matches!(self, Repeat::EveryDays(n) if n == 0 || n > MAX_EVERY_DAYS)
    }

    /// The choices a form offers, by key, in the order shown.
    pub fn choices() -> [(&'static str, &'static str); 5] {
        [
            ("once", tr!("Once")),
            ("daily", tr!("Every day")),
            ("weekly", tr!("Every week")),
            ("days", tr!("Every few days")),
            ("monthly", tr!("Every month")),
        ]
    }

    /// Its key among [`Repeat::choices`].
    pub fn key(self) -> &'static str {
        match self {
            Repeat::Once => "once",
            Repeat::Daily => "daily",
            Repeat::Weekly => "weekly",
            Repeat::EveryDays(_) => "days",
            Repeat::Monthly => "monthly",
        }
    }

    /// The repeat a form's choice and "every how many days" field say; `None`
    /// when that number can't be read (checked further by [`Repeat::is_valid`]).
    pub fn from_choice(key: &str, every_days: &str) -> Option<Repeat> {
        Some(match key {
            "once" => Repeat::Once,
            "weekly" => Repeat::Weekly,
            "days" => Repeat::EveryDays(every_days.trim().parse().ok()?),
            "monthly" => Repeat::Monthly,
            _ => Repeat::Daily,
        })
    }

    /// "every week", "every 28 days".
    pub fn words(self) -> String {
        match self {
            Repeat::Once => tr!("once").into(),
            Repeat::Daily => tr!("every day").into(),
            Repeat::Weekly => tr!("every week").into(),
            Repeat::EveryDays(n) => super::i18n::counted(trn!("every {} day", "every {} days", n), n),
            Repeat::Monthly => tr!("every month").into(),
        }
    }
}

/// A date that repeats from `first` (inclusive) by `repeat`, until `until` (inclusive) if set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    pub first: NaiveDate,
    pub repeat: Repeat,
    pub until: Option<NaiveDate>,
}

/// The `n`th month after `first`, on `first`'s day or the month's last day.
fn nth_month(first: NaiveDate, n: u32) -> Option<NaiveDate> {
    // chrono's `checked_add_months` clamps to the month's last day: exactly the rule above.
    first.checked_add_months(Months::new(n))
}

impl Recurrence {
    pub fn new(first: NaiveDate, repeat: Repeat) -> Self {
        Recurrence { first, repeat, until: None }
    }

    /// The first date it falls on at or after `day`, if any.
    pub fn next_on_or_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        let found = if day <= self.first {
            Some(self.first)
        } else {
            let gap = (day - self.first).num_days();
            match self.repeat {
                Repeat::Once => None,
                Repeat::Daily => Some(day),
                Repeat::Weekly | Repeat::EveryDays(_) => {
                    let step = self.step_days();
                    let steps = (gap + step - 1) / step;
                    self.first.checked_add_signed(TimeDelta::days(steps * step))
                }
                Repeat::Monthly => {
                    let months = (day.year() - self.first.year()) * 12 + day.month() as i32 - self.first.month() as i32;
                    let this_month = nth_month(self.first, months.max(0) as u32)?;
                    if this_month >= day { Some(this_month) } else { nth_month(self.first, months as u32 + 1) }
                }
            }
        };
        found.filter(|d| self.until.is_none_or(|until| *d <= until))
    }

    fn step_days(&self) -> i64 {
        match self.repeat {
            Repeat::Weekly => 7,
            Repeat::EveryDays(n) => i64::from(n.max(1)),
            _ => 1,
        }
    }

    pub fn falls_on(&self, day: NaiveDate) -> bool {
        self.next_on_or_after(day) == Some(day)
    }

    /// Every date it falls on from `from` to `to` (inclusive), at most `limit` of them.
    pub fn between(&self, from: NaiveDate, to: NaiveDate, limit: usize) -> Vec<NaiveDate> {
        let mut found = Vec::new();
        let mut day = from;
        while found.len() < limit {
            match self.next_on_or_after(day) {
                Some(d) if d <= to => {
                    found.push(d);
                    match d.succ_opt() {
                        Some(next) => day = next,
                        None => break,
                    }
                }
                _ => break,
            }
        }
        found
    }

    /// The iCalendar rule (RFC 5545 RRULE value) that falls on the same
    /// dates, if it repeats, and any dates the rule can't say (RDATE).
    /// `timed`: whether its events have a (floating) start time.
    ///
    /// Monthly on the 31st is the month's last day (BYMONTHDAY=-1). On the
    /// 29th or 30th, the rule is that day and February's last day is added
    /// by date for twenty years: calendars skip a month without the day
    /// (RFC 5545), and the BYSETPOS way to say "or the last day" isn't read
    /// by every calendar (ical.js ignores it: tests/scripts/ics-check.mjs).
    pub fn ics_rule(&self, timed: bool) -> Option<(String, Vec<NaiveDate>)> {
        let mut extra = Vec::new();
        let rule = match self.repeat {
            Repeat::Once => return None,
            Repeat::Daily => "FREQ=DAILY".to_string(),
            Repeat::Weekly => "FREQ=WEEKLY".to_string(),
            Repeat::EveryDays(n) => format!("FREQ=DAILY;INTERVAL={}", n.max(1)),
            Repeat::Monthly => match self.first.day() {
                31 => "FREQ=MONTHLY;BYMONTHDAY=-1".to_string(),
                day => {
                    if day > 28 {
                        let horizon = self.first.checked_add_months(Months::new(12 * 20)).unwrap_or(NaiveDate::MAX);
                        let last = self.until.map_or(horizon, |u| u.min(horizon));
                        extra = (0..=240)
                            .filter_map(|n| nth_month(self.first, n))
                            .take_while(|d| *d <= last)
                            .filter(|d| d.day() != day)
                            .collect();
                    }
                    format!("FREQ=MONTHLY;BYMONTHDAY={day}")
                }
            },
        };
        let rule = match self.until {
            // UNTIL takes DTSTART's form (RFC 5545 3.3.10): a date, or a floating local time —
            // the end of that day, so an occurrence on it is kept.
            Some(until) if timed => format!("{rule};UNTIL={}T235959", until.format("%Y%m%d")),
            Some(until) => format!("{rule};UNTIL={}", until.format("%Y%m%d")),
            None => rule,
        };
        Some((rule, extra))
    }
}

/// One time something is due: a date and, for timed things, a wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl Occurrence {
    /// When it is, as a local moment (untimed things at the start of their day).
    pub fn at(&self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }
}

/// The next occurrences at `times` (each day it falls on) at or after `now`, soonest first.
pub fn upcoming(rule: &Recurrence, times: &[NaiveTime], now: NaiveDateTime, limit: usize) -> Vec<Occurrence> {
    let mut found = Vec::new();
    let mut day = now.date();
    let mut times: Vec<Option<NaiveTime>> = if times.is_empty() { vec![None] } else { times.iter().copied().map(Some).collect() };
    times.sort();
    while found.len() < limit {
        let Some(date) = rule.next_on_or_after(day) else { break };
        for time in &times {
            let o = Occurrence { date, time: *time };
            // Untimed things stay "upcoming" for all of their day.
            let still_ahead = if time.is_some() { o.at() >= now } else { date >= now.date() };
            if still_ahead && found.len() < limit {
                found.push(o);
            }
        }
        match date.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    found
}

/// Ids of medications and appointments at or above this (September 2001, in
/// milliseconds) were given from the clock at saving (`MedsData::add`,
/// `appointments::add_new`): one names one medication or appointment on every
/// device. Below it are the counts from 1 that earlier versions gave, which
/// two phones give to different things.
pub const TIME_IDS: u64 = 1_000_000_000_000;

pub fn is_time_id(id: u64) -> bool {
    id >= TIME_IDS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{date, at, hm};




    #[test]
    fn once_falls_on_its_day_only() {
        let r = Recurrence::new(date(2026, 3, 9), Repeat::Once);
        assert_eq!(r.next_on_or_after(date(2026, 1, 1)), Some(date(2026, 3, 9)));
        assert_eq!(r.next_on_or_after(date(2026, 3, 9)), Some(date(2026, 3, 9)));
        assert_eq!(r.next_on_or_after(date(2026, 3, 10)), None);
        assert_eq!(r.ics_rule(true), None);
    }

    #[test]
    fn daily_weekly_and_every_n_days() {
        let daily = Recurrence::new(date(2026, 3, 1), Repeat::Daily);
        assert_eq!(daily.next_on_or_after(date(2026, 5, 17)), Some(date(2026, 5, 17)));
        let weekly = Recurrence::new(date(2026, 3, 2), Repeat::Weekly);
        assert_eq!(weekly.next_on_or_after(date(2026, 3, 3)), Some(date(2026, 3, 9)));
        assert!(weekly.falls_on(date(2026, 3, 30)));
        assert!(!weekly.falls_on(date(2026, 3, 31)));
        // A monthly injection every 28 days, across a leap day.
        let every28 = Recurrence::new(date(2028, 2, 1), Repeat::EveryDays(28));
        assert_eq!(every28.next_on_or_after(date(2028, 2, 2)), Some(date(2028, 2, 29)));
        assert_eq!(every28.next_on_or_after(date(2028, 3, 1)), Some(date(2028, 3, 28)));
        assert_eq!(every28.between(date(2028, 1, 1), date(2028, 4, 30), 10), vec![date(2028, 2, 1), date(2028, 2, 29), date(2028, 3, 28), date(2028, 4, 25)]);
        assert!(!Repeat::EveryDays(0).is_valid());
        assert!(!Repeat::EveryDays(400).is_valid());
        assert!(Repeat::EveryDays(3).is_valid());
        assert_eq!(every28.ics_rule(true).unwrap().0, "FREQ=DAILY;INTERVAL=28");
        assert_eq!(weekly.ics_rule(true).unwrap().0, "FREQ=WEEKLY");
    }

    #[test]
    fn monthly_on_the_31st_falls_on_each_months_last_day() {
        let r = Recurrence::new(date(2027, 1, 31), Repeat::Monthly);
        assert_eq!(
            r.between(date(2027, 1, 1), date(2027, 6, 30), 12),
            vec![date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30), date(2027, 5, 31), date(2027, 6, 30)]
        );
        // In a leap year February has its 29th; the rule keeps the 31st in long months after a short one.
        let leap = Recurrence::new(date(2028, 1, 31), Repeat::Monthly);
        assert_eq!(leap.next_on_or_after(date(2028, 2, 1)), Some(date(2028, 2, 29)));
        assert_eq!(leap.next_on_or_after(date(2028, 3, 1)), Some(date(2028, 3, 31)));
        assert_eq!(r.ics_rule(true).unwrap(), ("FREQ=MONTHLY;BYMONTHDAY=-1".to_string(), vec![]));
        let the_30th = Recurrence::new(date(2027, 1, 30), Repeat::Monthly);
        assert_eq!(the_30th.next_on_or_after(date(2027, 2, 1)), Some(date(2027, 2, 28)));
        // The 30th: that day each month, and February's last day by date (20 years of them).
        let (rule, februaries) = the_30th.ics_rule(true).unwrap();
        assert_eq!(rule, "FREQ=MONTHLY;BYMONTHDAY=30");
        assert_eq!((februaries.len(), februaries[0], februaries[1]), (20, date(2027, 2, 28), date(2028, 2, 29)));
        // The 29th: only Februaries without one, and none after the end.
        let mut the_29th = Recurrence::new(date(2027, 1, 29), Repeat::Monthly);
        the_29th.until = Some(date(2029, 12, 31));
        assert_eq!(the_29th.ics_rule(false).unwrap(), ("FREQ=MONTHLY;BYMONTHDAY=29;UNTIL=20291231".to_string(), vec![date(2027, 2, 28), date(2029, 2, 28)]));
        assert_eq!(Recurrence::new(date(2027, 1, 15), Repeat::Monthly).ics_rule(true).unwrap().0, "FREQ=MONTHLY;BYMONTHDAY=15");
        // Before the first date, the first date.
        assert_eq!(r.next_on_or_after(date(2026, 12, 1)), Some(date(2027, 1, 31)));
    }

    #[test]
    fn until_ends_it() {
        let mut r = Recurrence::new(date(2026, 3, 1), Repeat::Daily);
        r.until = Some(date(2026, 3, 3));
        assert_eq!(r.between(date(2026, 1, 1), date(2026, 12, 31), 100).len(), 3);
        assert_eq!(r.next_on_or_after(date(2026, 3, 4)), None);
        assert_eq!(r.ics_rule(true).unwrap().0, "FREQ=DAILY;UNTIL=20260303T235959");
        assert_eq!(r.ics_rule(false).unwrap().0, "FREQ=DAILY;UNTIL=20260303");
    }

    #[test]
    fn upcoming_times_are_in_order_and_skip_the_past() {
        let r = Recurrence::new(date(2026, 3, 1), Repeat::Daily);
        let next = upcoming(&r, &[hm(20, 0), hm(8, 0)], at(2026, 3, 9, 12, 0), 3);
        assert_eq!(next, vec![
            Occurrence { date: date(2026, 3, 9), time: Some(hm(20, 0)) },
            Occurrence { date: date(2026, 3, 10), time: Some(hm(8, 0)) },
            Occurrence { date: date(2026, 3, 10), time: Some(hm(20, 0)) },
        ]);
        // On the day the US clocks go forward (2026-03-08), the 8:00 dose is still at 8:00.
        let dst = upcoming(&r, &[hm(8, 0)], at(2026, 3, 8, 0, 30), 1);
        assert_eq!(dst[0].at(), at(2026, 3, 8, 8, 0));
        // An untimed thing is upcoming all of its day.
        let once = Recurrence::new(date(2026, 3, 9), Repeat::Once);
        assert_eq!(upcoming(&once, &[], at(2026, 3, 9, 23, 0), 5), vec![Occurrence { date: date(2026, 3, 9), time: None }]);
        assert!(upcoming(&once, &[], at(2026, 3, 10, 0, 0), 5).is_empty());
    }

    #[test]
    fn a_forms_choice_reads_back() {
        for (key, _) in Repeat::choices() {
            assert_eq!(Repeat::from_choice(key, "28").unwrap().key(), key);
        }
        assert_eq!(Repeat::from_choice("days", " 28 "), Some(Repeat::EveryDays(28)));
        assert_eq!(Repeat::from_choice("days", "a month"), None);
        assert_eq!(Repeat::EveryDays(28).words(), "every 28 days");
        assert_eq!(Repeat::EveryDays(1).words(), "every 1 day");
        assert_eq!(crate::domain::i18n::Lang::Es.while_current(|| [1, 2, 21].map(|n| Repeat::EveryDays(n).words())), ["cada 1 día", "cada 2 días", "cada 21 días"]);
    }

    #[test]
    fn the_end_of_time_does_not_loop() {
        let r = Recurrence::new(NaiveDate::MAX, Repeat::Daily);
        assert_eq!(r.between(NaiveDate::MAX, NaiveDate::MAX, 10), vec![NaiveDate::MAX]);
        assert_eq!(upcoming(&r, &[], NaiveDate::MAX.and_time(NaiveTime::MIN), 5).len(), 1);
    }
}
