//! What the craving log shows back to the person: how often and how strong,
//! what sets cravings off, when they come, and what helped them pass.
//! Every division is guarded: empty logs give empty charts, never NaN.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Timelike};

use super::checkin::CheckIn;
use super::cravings::{trigger_label, Craving, Outcome};
use super::i18n::{counted, fill};

#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// The first day of the bucket (the day itself, or the Monday of the week).
    pub start: NaiveDate,
    pub count: u32,
    /// Mean intensity of the cravings in the bucket, if there were any.
    pub average_intensity: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutcomeShare {
    pub passed: u32,
    pub still_strong: u32,
    pub used: u32,
    /// No follow-up recorded yet.
    pub open: u32,
}

impl OutcomeShare {
    /// Share of cravings with an outcome that passed, as a whole percentage.
    pub fn passed_percent(&self) -> Option<u32> {
        let known = self.passed + self.still_strong + self.used;
        (known > 0).then(|| ((f64::from(self.passed) * 100.0) / f64::from(known)).round() as u32)
    }

    /// The share in words, each count in the form it needs ("1 passed",
    /// "se pasaron 1 vez", "consumiste 2 veces").
    pub fn described(&self) -> String {
        let waiting = self.open;
        let Some(p) = self.passed_percent() else {
            return counted(trn!(
                "No follow-ups yet: {} craving is waiting for “How did it go?”.",
                "No follow-ups yet: {} cravings are waiting for “How did it go?”.",
                waiting), waiting);
        };
        let mut text = fill(tr!("{}% of cravings with a follow-up passed: {}, {} and {}."), &[
            &p.to_string(),
            &counted(trn!("{} passed", "{} passed", self.passed), self.passed),
            &counted(trn!("{} still strong", "{} still strong", self.still_strong), self.still_strong),
            &counted(trn!("{} used", "{} used", self.used), self.used),
        ]);
        if waiting > 0 {
            text.push(' ');
            text.push_str(&counted(trn!(
                "{} is still waiting for “How did it go?”.",
                "{} are still waiting for “How did it go?”.",
                waiting), waiting));
        }
        text
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Insights {
    pub total: u32,
    pub average_intensity: Option<f64>,
    /// One bucket per day for the last `days` days, oldest first.
    pub per_day: Vec<Bucket>,
    /// One bucket per week (Monday to Sunday) for the last `weeks` weeks, oldest first.
    pub per_week: Vec<Bucket>,
    /// (label, count), most frequent first; ties in alphabetical order.
    pub top_triggers: Vec<(String, u32)>,
    /// Counts by weekday (0 = Monday) and hour of day (local time).
    pub heatmap: [[u32; 24]; 7],
    pub outcomes: OutcomeShare,
    /// What the person did before cravings that passed: (strategy, count), most first.
    pub helped: Vec<(String, u32)>,
}

/// One hour of one weekday in the heatmap that had cravings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusySlot {
    pub count: u32,
    /// 0 = Monday.
    pub weekday: usize,
    pub hour: usize,
}

impl Insights {
    pub fn heatmap_max(&self) -> u32 {
        self.heatmap.iter().flatten().copied().max().unwrap_or(0)
    }

    /// The `n` busiest hours of the week, most cravings first; ties in week
    /// order (Monday first, then earlier hours), so the list reads steadily.
    pub fn busiest_slots(&self, n: usize) -> Vec<BusySlot> {
        let mut slots: Vec<BusySlot> = self
            .heatmap
            .iter()
            .enumerate()
            .flat_map(|(weekday, hours)| hours.iter().enumerate().map(move |(hour, &count)| BusySlot { count, weekday, hour }))
            .filter(|s| s.count > 0)
            .collect();
        slots.sort_by(|a, b| b.count.cmp(&a.count).then(a.weekday.cmp(&b.weekday)).then(a.hour.cmp(&b.hour)));
        slots.truncate(n);
        slots
    }
}

fn mean(sum: u32, count: u32) -> Option<f64> {
    (count > 0).then(|| f64::from(sum) / f64::from(count))
}

fn ranked(counts: HashMap<String, u32>) -> Vec<(String, u32)> {
    let mut list: Vec<(String, u32)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase())).then_with(|| a.0.cmp(&b.0)));
    list
}

fn buckets(
    entries: &[Craving],
    starts: impl Iterator<Item = NaiveDate>,
    bucket_of: impl Fn(NaiveDate) -> NaiveDate,
) -> Vec<Bucket> {
    let mut sums: HashMap<NaiveDate, (u32, u32)> = HashMap::new();
    for e in entries {
        let slot = sums.entry(bucket_of(e.at.date())).or_default();
        slot.0 += 1;
        slot.1 += u32::from(e.intensity);
    }
    starts
        .map(|start| {
            let (count, sum) = sums.get(&start).copied().unwrap_or_default();
            Bucket { start, count, average_intensity: mean(sum, count) }
        })
        .collect()
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// Computes everything the insights screen shows, for the days up to `today`.
pub fn insights(entries: &[Craving], today: NaiveDate, days: u32, weeks: u32) -> Insights {
    let total = entries.len() as u32;
    let intensity_sum: u32 = entries.iter().map(|e| u32::from(e.intensity)).sum();

    let first_day = today - chrono::Days::new(u64::from(days.saturating_sub(1)));
    let per_day = buckets(entries, first_day.iter_days().take(days as usize), |d| d);
    let this_week = monday_of(today);
    let first_week = this_week - chrono::Days::new(7 * u64::from(weeks.saturating_sub(1)));
    let per_week = buckets(entries, first_week.iter_weeks().take(weeks as usize), monday_of);

    let mut triggers: HashMap<String, u32> = HashMap::new();
    let mut helped: HashMap<String, u32> = HashMap::new();
    let mut heatmap = [[0u32; 24]; 7];
    let mut outcomes = OutcomeShare::default();
    for e in entries {
        for t in &e.triggers {
            *triggers.entry(trigger_label(t).to_owned()).or_default() += 1;
        }
        heatmap[e.at.weekday().num_days_from_monday() as usize][e.at.hour() as usize] += 1;
        match e.outcome {
            Some(Outcome::Passed) => {
                outcomes.passed += 1;
                for c in &e.coping {
                    *helped.entry(c.clone()).or_default() += 1;
                }
            }
            Some(Outcome::StillStrong) => outcomes.still_strong += 1,
            Some(Outcome::Used) => outcomes.used += 1,
            None => outcomes.open += 1,
        }
    }

    Insights {
        total,
        average_intensity: mean(intensity_sum, total),
        per_day,
        per_week,
        top_triggers: ranked(triggers),
        heatmap,
        outcomes,
        helped: ranked(helped),
    }
}

/// One week of mood and craving, from check-ins and logged cravings together:
/// rising cravings and falling mood often come before use, so they are shown side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct MoodWeek {
    /// The Monday of the week.
    pub start: NaiveDate,
    /// Mean check-in mood, 1–5.
    pub mood: Option<f64>,
    /// Mean craving strength, 0–10: check-ins' strongest craving and logged cravings alike.
    pub craving: Option<f64>,
    pub checkins: u32,
    pub cravings: u32,
}

/// The last `weeks` weeks (Monday to Sunday) up to `today`, oldest first.
pub fn mood_and_craving_by_week(checkins: &[CheckIn], cravings: &[Craving], today: NaiveDate, weeks: u32) -> Vec<MoodWeek> {
    let first = monday_of(today) - chrono::Days::new(7 * u64::from(weeks.saturating_sub(1)));
    first
        .iter_weeks()
        .take(weeks as usize)
        .map(|start| {
            let within = |d: NaiveDate| monday_of(d) == start;
            let days: Vec<&CheckIn> = checkins.iter().filter(|c| within(c.date)).collect();
            let moods: Vec<u8> = days.iter().filter_map(|c| c.mood).collect();
            let logged: Vec<&Craving> = cravings.iter().filter(|c| within(c.at.date())).collect();
            let strengths: Vec<u8> = days.iter().filter_map(|c| c.craving).chain(logged.iter().map(|c| c.intensity)).collect();
            let average = |xs: &[u8]| mean(xs.iter().map(|&x| u32::from(x)).sum(), xs.len() as u32);
            MoodWeek {
                start,
                mood: average(&moods),
                craving: average(&strengths),
                checkins: moods.len() as u32,
                cravings: logged.len() as u32,
            }
        })
        .collect()
}

#[cfg(test)]
mod outcome_words {
    use super::*;
    use crate::domain::i18n::Lang;

    fn all_at(n: u32) -> OutcomeShare {
        OutcomeShare { passed: n, still_strong: n, used: n, open: n }
    }

    /// Spanish review B10: no "1 se pasaron" or "1 registros esperan".
    #[test]
    fn each_count_in_the_outcomes_takes_its_own_form_in_both_languages() {
        let en = [1, 2, 21].map(|n| all_at(n).described());
        assert_eq!(en, [
            "33% of cravings with a follow-up passed: 1 passed, 1 still strong and 1 used. 1 is still waiting for “How did it go?”.",
            "33% of cravings with a follow-up passed: 2 passed, 2 still strong and 2 used. 2 are still waiting for “How did it go?”.",
            "33% of cravings with a follow-up passed: 21 passed, 21 still strong and 21 used. 21 are still waiting for “How did it go?”.",
        ]);
        let es = Lang::Es.while_current(|| [1, 2].map(|n| all_at(n).described()));
        assert_eq!(es, [
            "En el 33% de las veces con seguimiento, las ganas se pasaron. En total: se pasaron 1 vez, siguieron fuertes 1 vez y consumiste 1 vez. Falta responder “¿Cómo te fue?” 1 vez.",
            "En el 33% de las veces con seguimiento, las ganas se pasaron. En total: se pasaron 2 veces, siguieron fuertes 2 veces y consumiste 2 veces. Falta responder “¿Cómo te fue?” 2 veces.",
        ]);
        // Nothing waiting: no sentence about it; none known yet: only the waiting.
        let done = OutcomeShare { passed: 1, still_strong: 0, used: 0, open: 0 };
        assert_eq!(done.described(), "100% of cravings with a follow-up passed: 1 passed, 0 still strong and 0 used.");
        let waiting = |n| OutcomeShare { open: n, ..OutcomeShare::default() }.described();
        assert_eq!([0, 1, 2, 21].map(waiting)[1], "No follow-ups yet: 1 craving is waiting for “How did it go?”.");
        assert_eq!(waiting(21), "No follow-ups yet: 21 cravings are waiting for “How did it go?”.");
        assert_eq!(Lang::Es.while_current(|| [0, 1, 2, 21].map(waiting)), [
            "Todavía no hay seguimientos. Falta responder “¿Cómo te fue?” 0 veces.",
            "Todavía no hay seguimientos. Falta responder “¿Cómo te fue?” 1 vez.",
            "Todavía no hay seguimientos. Falta responder “¿Cómo te fue?” 2 veces.",
            "Todavía no hay seguimientos. Falta responder “¿Cómo te fue?” 21 veces.",
        ]);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mood_and_craving_weeks_join_check_ins_and_the_log() {
        use super::*;
        let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let checkin = |date: NaiveDate, mood: u8, craving: Option<u8>| {
            let mut c = CheckIn::new(date, date.and_hms_opt(21, 0, 0).unwrap());
            c.mood = Some(mood);
            c.craving = craving;
            c
        };
        let checkins = [checkin(day(3, 2), 2, Some(8)), checkin(day(3, 8), 4, None), checkin(day(3, 9), 5, Some(1))];
        let mut logged = Craving::new(1, day(3, 3).and_hms_opt(9, 0, 0).unwrap());
        logged.intensity = 6;
        // Today is Tuesday 10 March 2026: weeks start on 2 and 9 March.
        let weeks = mood_and_craving_by_week(&checkins, &[logged], day(3, 10), 3);
        assert_eq!(weeks.iter().map(|w| w.start).collect::<Vec<_>>(), [day(2, 23), day(3, 2), day(3, 9)]);
        assert_eq!(weeks[0], MoodWeek { start: day(2, 23), mood: None, craving: None, checkins: 0, cravings: 0 });
        assert_eq!((weeks[1].mood, weeks[1].craving, weeks[1].checkins, weeks[1].cravings), (Some(3.0), Some(7.0), 2, 1));
        assert_eq!((weeks[2].mood, weeks[2].craving), (Some(5.0), Some(1.0)));
        // Nothing at all: empty weeks, no NaN.
        assert!(mood_and_craving_by_week(&[], &[], day(3, 10), 8).iter().all(|w| w.mood.is_none() && w.craving.is_none()));
        assert!(mood_and_craving_by_week(&[], &[], day(3, 10), 0).is_empty());
    }

    #[test]
    fn busiest_slots_rank_by_count_then_week_order() {
        let mut i = insights(&[], NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(), 7, 4);
        assert!(i.busiest_slots(3).is_empty(), "no cravings, no busy times");
        i.heatmap[4][22] = 2; // Friday 22:00
        i.heatmap[0][9] = 5; // Monday 09:00
        i.heatmap[2][18] = 2; // Wednesday 18:00
        i.heatmap[6][1] = 1; // Sunday 01:00
        let slots = i.busiest_slots(3);
        assert_eq!(
            slots,
            vec![
                super::BusySlot { count: 5, weekday: 0, hour: 9 },
                super::BusySlot { count: 2, weekday: 2, hour: 18 },
                super::BusySlot { count: 2, weekday: 4, hour: 22 },
            ]
        );
        assert_eq!(i.busiest_slots(10).len(), 4);
    }

    use super::*;
    use crate::domain::testing::at;
    use chrono::{NaiveDateTime, TimeZone, Utc};

    fn craving(id: u64, t: NaiveDateTime, intensity: u8, triggers: &[&str]) -> Craving {
        let mut c = Craving::new(id, t);
        c.intensity = intensity;
        c.triggers = triggers.iter().map(|s| s.to_string()).collect();
        c
    }
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
    }

    #[test]
    fn empty_log_has_zeros_and_no_averages() {
        let i = insights(&[], today(), 30, 12);
        assert_eq!(i.total, 0);
        assert_eq!(i.average_intensity, None);
        assert_eq!(i.per_day.len(), 30);
        assert!(i.per_day.iter().all(|b| b.count == 0 && b.average_intensity.is_none()));
        assert_eq!(i.per_week.len(), 12);
        assert!(i.top_triggers.is_empty() && i.helped.is_empty());
        assert_eq!(i.heatmap_max(), 0);
        assert_eq!(i.outcomes.passed_percent(), None);
        assert_eq!(i.per_day.last().unwrap().start, today());
        assert_eq!(i.per_week.last().unwrap().start, NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
    }

    #[test]
    fn one_entry() {
        let mut c = craving(1, at(2026, 3, 10, 9, 15), 7, &["stress"]);
        c.outcome = Some(Outcome::Passed);
        c.coping = vec!["Walk".into()];
        let i = insights(&[c], today(), 7, 4);
        assert_eq!(i.total, 1);
        assert_eq!(i.average_intensity, Some(7.0));
        assert_eq!(i.per_day.last().unwrap().count, 1);
        assert_eq!(i.top_triggers, [("Stress".to_string(), 1)]);
        assert_eq!(i.heatmap[1][9], 1); // Tuesday, 09:00
        assert_eq!(i.outcomes.passed_percent(), Some(100));
        assert_eq!(i.helped, [("Walk".to_string(), 1)]);
    }

    #[test]
    fn all_in_one_day() {
        let entries: Vec<Craving> = (0..24).map(|h| craving(h, at(2026, 3, 10, h as u32, 0), (h % 11) as u8, &[])).collect();
        let i = insights(&entries, today(), 30, 12);
        assert_eq!(i.per_day.iter().filter(|b| b.count > 0).count(), 1);
        assert_eq!(i.per_day.last().unwrap().count, 24);
        assert_eq!(i.heatmap[1].iter().sum::<u32>(), 24);
        assert_eq!(i.heatmap_max(), 1);
        assert_eq!(i.outcomes.open, 24);
    }

    #[test]
    fn ties_are_alphabetical_and_stable() {
        let entries = vec![
            craving(1, at(2026, 3, 9, 8, 0), 5, &["stress", "people"]),
            craving(2, at(2026, 3, 9, 9, 0), 5, &["boredom", "people"]),
            craving(3, at(2026, 3, 9, 10, 0), 5, &["stress", "My ex"]),
        ];
        let i = insights(&entries, today(), 7, 2);
        let labels: Vec<&str> = i.top_triggers.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["People", "Stress", "Boredom", "My ex"]);
    }

    #[test]
    fn midnight_belongs_to_the_new_day() {
        let entries = vec![
            craving(1, at(2026, 3, 9, 23, 59), 4, &[]),
            craving(2, at(2026, 3, 10, 0, 0), 8, &[]),
        ];
        let i = insights(&entries, today(), 2, 1);
        assert_eq!(i.per_day[0].count, 1);
        assert_eq!(i.per_day[0].average_intensity, Some(4.0));
        assert_eq!(i.per_day[1].average_intensity, Some(8.0));
        assert_eq!(i.heatmap[0][23], 1); // Monday 23:00
        assert_eq!(i.heatmap[1][0], 1); // Tuesday 00:00
        // Sunday 23:59 and Monday 00:00 fall in different weeks.
        let week = vec![craving(3, at(2026, 3, 8, 23, 59), 5, &[]), craving(4, at(2026, 3, 9, 0, 0), 5, &[])];
        let w = insights(&week, today(), 1, 2);
        assert_eq!((w.per_week[0].count, w.per_week[1].count), (1, 1));
    }

    #[test]
    fn dst_nights_use_local_clock_hours() {
        // 1 November 2026, New York: 01:30 happens twice. Both are the 01:00 hour,
        // and a craving at 02:30 on 8 March (which never happened on the clock) can't exist.
        let ny = chrono_tz::America::New_York;
        let first = Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap().with_timezone(&ny).naive_local();
        let second = Utc.with_ymd_and_hms(2026, 11, 1, 6, 30, 0).unwrap().with_timezone(&ny).naive_local();
        assert_eq!(first, second);
        let entries = vec![craving(1, first, 5, &[]), craving(2, second, 5, &[])];
        let i = insights(&entries, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), 1, 1);
        assert_eq!(i.heatmap[6][1], 2); // Sunday 01:00
        assert_eq!(i.per_day[0].count, 2);
    }

    #[test]
    fn entries_outside_the_window_count_in_totals_only() {
        let entries = vec![craving(1, at(2025, 1, 1, 12, 0), 3, &["money"]), craving(2, at(2026, 3, 10, 12, 0), 9, &[])];
        let i = insights(&entries, today(), 30, 4);
        assert_eq!(i.total, 2);
        assert_eq!(i.per_day.iter().map(|b| b.count).sum::<u32>(), 1);
        assert_eq!(i.average_intensity, Some(6.0));
        assert_eq!(i.top_triggers, [("Money".to_string(), 1)]);
    }

    #[test]
    fn outcome_share_rounds_and_ignores_open_entries() {
        let mut entries = Vec::new();
        for (i, o) in [Some(Outcome::Passed), Some(Outcome::Passed), Some(Outcome::Used), None].into_iter().enumerate() {
            let mut c = craving(i as u64, at(2026, 3, 10, 8, 0), 5, &[]);
            c.outcome = o;
            entries.push(c);
        }
        let i = insights(&entries, today(), 1, 1);
        assert_eq!(i.outcomes, OutcomeShare { passed: 2, still_strong: 0, used: 1, open: 1 });
        assert_eq!(i.outcomes.passed_percent(), Some(67));
    }

    #[test]
    fn twenty_thousand_entries() {
        let start = at(2020, 1, 1, 0, 0);
        let entries: Vec<Craving> = (0..20_000u64)
            .map(|n| {
                let mut c = craving(n, start + chrono::TimeDelta::minutes(n as i64 * 131), (n % 11) as u8, &["stress"]);
                c.outcome = Some(Outcome::Passed);
                c
            })
            .collect();
        let i = insights(&entries, entries.last().unwrap().at.date(), 30, 12);
        assert_eq!(i.total, 20_000);
        assert_eq!(i.heatmap.iter().flatten().sum::<u32>(), 20_000);
        assert_eq!(i.top_triggers, [("Stress".to_string(), 20_000)]);
        assert_eq!(i.outcomes.passed_percent(), Some(100));
    }
}
