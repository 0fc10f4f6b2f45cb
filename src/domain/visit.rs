//! A visit summary for a counsellor or prescriber: the last 2, 4 or 12 weeks in
//! a page or two, in the sections the person picks. Plain sentences, the same
//! on screen, on paper and as text; the journal and check-in notes are never in
//! it. Doses are "marked taken" or "not marked", never "missed": a dose not
//! marked may well have been taken.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::appointments::{agenda, Appointment};
use super::checkin::CheckIn;
use super::counter::{shown_name, Counter};
use super::cravings::{Craving, Outcome};
use super::dates::{day_month_short, days_text, long_date, time_of_day};
use super::conventions::number;
use super::i18n::{counted, fill};
use super::meds::{Medication, Taken};
use super::weekly::{summarise, LookBack, QUESTIONS};

/// The periods offered, in weeks.
pub const WEEK_CHOICES: [u32; 3] = [2, 4, 12];

/// What the summary can include, in the order it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    CleanTime,
    CheckIns,
    Cravings,
    Medication,
    Appointments,
    LookBacks,
}

impl Part {
    pub const ALL: [Part; 6] = [Part::CleanTime, Part::CheckIns, Part::Cravings, Part::Medication, Part::Appointments, Part::LookBacks];

    /// Used in test ids (`visit-include-<key>`, `visit-section-<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Part::CleanTime => "clean-time",
            Part::CheckIns => "checkins",
            Part::Cravings => "cravings",
            Part::Medication => "medication",
            Part::Appointments => "appointments",
            Part::LookBacks => "look-backs",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Part::CleanTime => tr!("Clean time and slips"),
            Part::CheckIns => tr!("Daily check-ins"),
            Part::Cravings => tr!("Cravings"),
            Part::Medication => tr!("Medication"),
            Part::Appointments => tr!("Appointments"),
            Part::LookBacks => tr!("Weekly look-backs"),
        }
    }
}

/// Everything the summary is made from (what is stored, read whole).
pub struct Sources<'a> {
    pub counters: &'a [Counter],
    pub checkins: &'a [CheckIn],
    pub cravings: &'a [Craving],
    pub meds: &'a [Medication],
    pub taken: &'a [Taken],
    pub appts: &'a [Appointment],
    pub look_backs: &'a [LookBack],
}

/// The days covered: `weeks` whole weeks ending today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    pub fn weeks_to(weeks: u32, today: NaiveDate) -> Period {
        Period { first: today - TimeDelta::days(7 * i64::from(weeks.max(1)) - 1), last: today }
    }

    fn contains(self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }

    fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.first.iter_days().take_while(move |d| *d <= self.last)
    }

    /// Its weeks, oldest first, each seven days ending on the period's weekday.
    pub fn weeks(self) -> Vec<Period> {
        self.days().step_by(7).map(|first| Period { first, last: (first + TimeDelta::days(6)).min(self.last) }).collect()
    }
}

/// One week of check-ins, for the small chart and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckInWeek {
    pub first: NaiveDate,
    pub days: u32,
    /// Means: mood 1–5, the strongest craving 0–10, sleep 1–5.
    pub mood: Option<f64>,
    pub craving: Option<f64>,
    pub sleep: Option<f64>,
}

/// One section: its title and its sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub part: Part,
    pub lines: Vec<String>,
}

fn mean(values: impl Iterator<Item = u8>) -> Option<f64> {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}

fn one_decimal(x: f64) -> String {
    format!("{x:.1}")
}

/// Check-ins week by week (the chart's data).
pub fn checkin_weeks(period: Period, checkins: &[CheckIn]) -> Vec<CheckInWeek> {
    period
        .weeks()
        .into_iter()
        .map(|week| {
            let days: Vec<&CheckIn> = checkins.iter().filter(|c| week.contains(c.date) && c.is_reviewed()).collect();
            CheckInWeek {
                first: week.first,
                days: days.len() as u32,
                mood: mean(days.iter().filter_map(|c| c.mood)),
                craving: mean(days.iter().filter_map(|c| c.craving)),
                sleep: mean(days.iter().filter_map(|c| c.sleep)),
            }
        })
        .collect()
}

fn ranked_list(items: &[(String, u32)]) -> String {
    items.iter().map(|(label, n)| format!("{label} ({n})")).collect::<Vec<_>>().join(", ")
}

fn clean_time(period: Period, counters: &[Counter], now: NaiveDateTime) -> Vec<String> {
    if counters.is_empty() {
        return vec![tr!("No clean-time counter.").into()];
    }
    let mut lines = Vec::new();
    for c in counters {
        let name = shown_name(&c.name);
        lines.push(fill(tr!("{}: {}, since {}."), &[name, &days_text(c.days(now)), &long_date(c.start.date)]));
        let slips: Vec<String> = c.history.iter().filter(|s| period.contains(s.end.date)).map(|s| day_month_short(s.end.date)).collect();
        lines.push(match slips.len() {
            0 => tr!("No slips in this period.").to_string(),
            n => fill(trn!("{} slip in this period: {}.", "{} slips in this period: {}.", n), &[&number(n as u64), &slips.join(", ")]),
        });
    }
    lines
}

fn checkin_lines(period: Period, checkins: &[CheckIn]) -> Vec<String> {
    let days: Vec<&CheckIn> = checkins.iter().filter(|c| period.contains(c.date) && c.is_reviewed()).collect();
    let length = period.days().count();
    let mut lines = vec![fill(trn!("Checked in on {} of {} day.", "Checked in on {} of {} days.", length), &[&number(days.len() as u64), &number(length as u64)])];
    if let Some(m) = mean(days.iter().filter_map(|c| c.mood)) {
        lines.push(fill(tr!("Average mood: {} (1 very low, 5 very good)."), &[&one_decimal(m)]));
    }
    if let Some(c) = mean(days.iter().filter_map(|c| c.craving)) {
        lines.push(fill(tr!("Average strongest craving of the day: {} of 10."), &[&one_decimal(c)]));
    }
    if let Some(s) = mean(days.iter().filter_map(|c| c.sleep)) {
        lines.push(fill(tr!("Average sleep: {} (1 very poor, 5 very good)."), &[&one_decimal(s)]));
    }
    lines
}

/// The chart's text alternative: one sentence a week.
pub fn week_line(week: &CheckInWeek) -> String {
    let dash = || "–".to_string();
    fill(
        tr!("Week from {}: mood {}, strongest craving {}, sleep {} ({})."),
        &[
            &day_month_short(week.first),
            &week.mood.map_or_else(dash, one_decimal),
            &week.craving.map_or_else(dash, one_decimal),
            &week.sleep.map_or_else(dash, one_decimal),
            &counted(trn!("{} check-in", "{} check-ins", week.days), week.days),
        ],
    )
}

fn craving_lines(period: Period, checkins: &[CheckIn], cravings: &[Craving]) -> Vec<String> {
    let summary = summarise((period.first, period.last), checkins, cravings);
    let mut lines = vec![match summary.craving_strength {
        Some(s) => fill(trn!("{} craving logged, average strength {} of 10.", "{} cravings logged, average strength {} of 10.", summary.cravings), &[&number(summary.cravings.into()), &one_decimal(s)]),
        None => tr!("No cravings logged.").to_string(),
    }];
    if !summary.top_triggers.is_empty() {
        lines.push(fill(tr!("Most common triggers: {}."), &[&ranked_list(&summary.top_triggers)]));
    }
    if !summary.helped.is_empty() {
        lines.push(fill(tr!("What helped most: {}."), &[&ranked_list(&summary.helped)]));
    }
    let followed: Vec<Outcome> = cravings.iter().filter(|c| period.contains(c.at.date())).filter_map(|c| c.outcome).collect();
    if !followed.is_empty() {
        let passed = followed.iter().filter(|o| **o == Outcome::Passed).count();
        lines.push(fill(trn!("Of {} craving followed up, {} passed.", "Of {} cravings followed up, {} passed.", followed.len()), &[&number(followed.len() as u64), &number(passed as u64)]));
    }
    lines
}

fn med_lines(period: Period, meds: &[Medication], taken: &[Taken], now: NaiveDateTime) -> Vec<String> {
    let mut lines = Vec::new();
    for med in meds.iter().filter(|m| period.days().any(|d| m.is_active_on(d))) {
        let name = if med.dose.trim().is_empty() { med.shown_name().to_string() } else { format!("{}, {}", med.shown_name(), med.dose.trim()) };
        let (mut marked, mut due) = (0, 0);
        for day in period.days().filter(|d| med.is_active_on(*d)) {
            // Today, only the doses whose time has come.
            for dose in med.doses_on(day).into_iter().filter(|d| d.date < now.date() || d.time.is_none_or(|t| t <= now.time())) {
                due += 1;
                marked += usize::from(taken.iter().any(|t| t.answers(med.id, &dose)));
            }
        }
        lines.push(match due {
            0 => {
                let n = taken.iter().filter(|t| t.med == med.id && period.contains(t.day)).count();
                fill(trn!("{}: marked taken {} time.", "{}: marked taken {} times.", n), &[&name, &number(n as u64)])
            }
            _ => fill(
                trn!("{}: {} of {} dose marked taken, {} not marked.", "{}: {} of {} doses marked taken, {} not marked.", due),
                &[&name, &number(marked as u64), &number(due as u64), &number((due - marked) as u64)],
            ),
        });
    }
    if lines.is_empty() {
        lines.push(tr!("No medication recorded for this period.").into());
    }
    lines
}

fn when(date: NaiveDate, time: Option<chrono::NaiveTime>) -> String {
    match time {
        Some(t) => format!("{} {}", day_month_short(date), time_of_day(t)),
        None => day_month_short(date),
    }
}

fn appt_lines(period: Period, appts: &[Appointment], now: NaiveDateTime) -> Vec<String> {
    // One line per appointment, however often it repeats, so twelve weeks of daily pickups still fit a page.
    let mut past: Vec<(NaiveDate, Option<chrono::NaiveTime>, &Appointment, usize)> = Vec::new();
    for appt in appts {
        let days: Vec<NaiveDate> = appt
            .recurrence()
            .between(period.first, period.last, 400)
            .into_iter()
            .filter(|day| !appt.skipped.contains(day) && appt.time.map_or(*day < now.date(), |t| day.and_time(t) <= now))
            .collect();
        if let Some(last) = days.last() {
            past.push((*last, appt.time, appt, days.len()));
        }
    }
    past.sort_by_key(|(d, t, a, _)| (*d, *t, a.id));
    let mut lines: Vec<String> = past
        .iter()
        .map(|(d, t, a, n)| match n {
            1 => fill(tr!("Was due: {} — {}."), &[&when(*d, *t), a.shown_title()]),
            _ => fill(trn!("{}: due {} time in this period, the last {}.", "{}: due {} times in this period, the last {}.", *n), &[a.shown_title(), &number(*n as u64), &when(*d, *t)]),
        })
        .collect();
    for next in agenda(appts, now, 28, 6) {
        lines.push(fill(tr!("Coming up: {} — {}."), &[&when(next.when.date, next.when.time), next.appt.shown_title()]));
    }
    if lines.is_empty() {
        lines.push(tr!("No appointments in this period or coming up.").into());
    }
    lines
}

fn look_back_lines(period: Period, look_backs: &[LookBack]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut within: Vec<&LookBack> = look_backs.iter().filter(|l| period.contains(l.day) && !l.answers.is_empty()).collect();
    within.sort_by_key(|l| l.day);
    for l in within {
        let answers: Vec<String> = QUESTIONS
            .iter()
            .filter_map(|q| l.answer(q.key).map(|a| fill(tr!("{} {} of 5"), &[q.text.get(), &a.to_string()])))
            .collect();
        lines.push(fill(tr!("Week ending {}: {}"), &[&day_month_short(l.day), &answers.join("; ")]));
    }
    if lines.is_empty() {
        lines.push(tr!("No weekly look-backs in this period.").into());
    }
    lines
}

/// The chosen sections, in [`Part::ALL`]'s order.
pub fn sections(parts: &[Part], period: Period, from: &Sources, now: NaiveDateTime) -> Vec<Section> {
    Part::ALL
        .into_iter()
        .filter(|p| parts.contains(p))
        .map(|part| Section {
            part,
            lines: match part {
                Part::CleanTime => clean_time(period, from.counters, now),
                Part::CheckIns => {
                    let mut lines = checkin_lines(period, from.checkins);
                    lines.extend(checkin_weeks(period, from.checkins).iter().filter(|w| w.days > 0).map(week_line));
                    lines
                }
                Part::Cravings => craving_lines(period, from.checkins, from.cravings),
                Part::Medication => med_lines(period, from.meds, from.taken, now),
                Part::Appointments => appt_lines(period, from.appts, now),
                Part::LookBacks => look_back_lines(period, from.look_backs),
            },
        })
        .collect()
}

/// "From 24 February to 9 March 2026".
pub fn period_text(period: Period) -> String {
    fill(tr!("From {} to {}"), &[&long_date(period.first), &long_date(period.last)])
}

/// The summary as text, to share.
pub fn plain_text(sections: &[Section], period: Period) -> String {
    let mut text = format!("{}\n{}\n", tr!("Visit summary"), period_text(period));
    for s in sections {
        text.push('\n');
        text.push_str(&s.part.title().to_uppercase());
        text.push('\n');
        for line in &s.lines {
            text.push_str("- ");
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::appointments::ApptKind;
    use crate::domain::counter::{Start, Streak};
    use crate::domain::i18n::Lang;
    use crate::domain::meds::MedKind;
    use crate::domain::schedule::Repeat;
    use crate::domain::testing::{at, date, hm};

    const TODAY: (i32, u32, u32) = (2026, 3, 10);

    fn today() -> NaiveDate {
        date(TODAY.0, TODAY.1, TODAY.2)
    }

    fn now() -> NaiveDateTime {
        at(2026, 3, 10, 15, 0)
    }

    fn start(d: NaiveDate) -> Start {
        Start { date: d, time: None }
    }

    struct Data {
        counters: Vec<Counter>,
        checkins: Vec<CheckIn>,
        cravings: Vec<Craving>,
        meds: Vec<Medication>,
        taken: Vec<Taken>,
        appts: Vec<Appointment>,
        look_backs: Vec<LookBack>,
    }

    impl Data {
        fn sources(&self) -> Sources<'_> {
            Sources {
                counters: &self.counters,
                checkins: &self.checkins,
                cravings: &self.cravings,
                meds: &self.meds,
                taken: &self.taken,
                appts: &self.appts,
                look_backs: &self.look_backs,
            }
        }
    }

    fn data() -> Data {
        let mut counter = Counter::new(1, "Clean time", start(date(2026, 3, 1)), now()).unwrap();
        counter.history = vec![
            Streak { start: start(date(2025, 12, 1)), end: start(date(2026, 1, 20)), note: String::new() },
            Streak { start: start(date(2026, 1, 21)), end: start(date(2026, 3, 1)), note: "Stress at work".into() },
        ];
        let checkin = |d: u32, mood: u8, craving: u8, sleep: Option<u8>| {
            let mut c = CheckIn::new(date(2026, 3, d), at(2026, 3, d, 21, 0));
            c.mood = Some(mood);
            c.craving = Some(craving);
            c.sleep = sleep;
            c.note = "Private note".into();
            c
        };
        let craving = |id: u64, d: u32, intensity: u8, trigger: &str, outcome: Option<Outcome>| {
            let mut c = Craving::new(id, at(2026, 3, d, 18, 0));
            c.intensity = intensity;
            c.triggers = vec![trigger.into()];
            c.outcome = outcome;
            c.coping = vec!["Called Sam".into()];
            c
        };
        let mut bup = Medication::new(1, MedKind::Buprenorphine, date(2026, 2, 1));
        bup.dose = "8 mg".into();
        bup.repeat = Repeat::Daily;
        bup.times = vec![hm(8, 0)];
        let taken = (1..=10).filter(|d| *d != 4).map(|d| Taken { med: 1, day: date(2026, 3, d), slot: Some(hm(8, 0)), at: at(2026, 3, d, 8, 5) }).collect();
        let mut talk = Appointment::new(1, ApptKind::Counselling, date(2026, 3, 3));
        talk.time = Some(hm(10, 0));
        talk.repeat = Repeat::Weekly;
        talk.skipped = vec![date(2026, 3, 17)];
        Data {
            counters: vec![counter],
            checkins: vec![checkin(2, 2, 7, Some(2)), checkin(3, 4, 3, None), checkin(9, 3, 2, Some(4)), checkin(1, 1, 9, Some(1))],
            cravings: vec![
                craving(1, 2, 8, "stress", Some(Outcome::Passed)),
                craving(2, 5, 4, "payday", Some(Outcome::Used)),
                craving(3, 9, 6, "stress", None),
                craving(4, 1, 9, "boredom", None),
            ],
            meds: vec![bup],
            taken,
            appts: vec![talk],
            look_backs: vec![LookBack { day: date(2026, 3, 8), answers: vec![("support".into(), 4), ("sleep".into(), 2)], saved_at: at(2026, 3, 8, 20, 0) }],
        }
    }

    fn lines(parts: &[Part], weeks: u32, d: &Data) -> Vec<Vec<String>> {
        sections(parts, Period::weeks_to(weeks, today()), &d.sources(), now()).into_iter().map(|s| s.lines).collect()
    }

    #[test]
    fn a_period_is_whole_weeks_ending_today_through_a_leap_day() {
        let p = Period::weeks_to(2, today());
        assert_eq!((p.first, p.last), (date(2026, 2, 25), today()));
        assert_eq!(p.weeks().iter().map(|w| (w.first, w.last)).collect::<Vec<_>>(), [(date(2026, 2, 25), date(2026, 3, 3)), (date(2026, 3, 4), today())]);
        let leap = Period::weeks_to(1, date(2028, 3, 2));
        assert_eq!(leap.first, date(2028, 2, 25));
        assert_eq!(leap.days().count(), 7);
        assert_eq!(Period::weeks_to(12, today()).weeks().len(), 12);
    }

    #[test]
    fn says_each_chosen_part_in_plain_sentences() {
        let d = data();
        let all = lines(&Part::ALL, 2, &d);
        assert_eq!(all[0], [
            "Clean time: 9 days, since 1 March 2026.",
            "1 slip in this period: 1 Mar.",
        ]);
        assert_eq!(all[1], [
            "Checked in on 4 of 14 days.",
            "Average mood: 2.5 (1 very low, 5 very good).",
            "Average strongest craving of the day: 5.2 of 10.",
            "Average sleep: 2.3 (1 very poor, 5 very good).",
            "Week from 25 Feb: mood 2.3, strongest craving 6.3, sleep 1.5 (3 check-ins).",
            "Week from 4 Mar: mood 3.0, strongest craving 2.0, sleep 4.0 (1 check-in).",
        ]);
        assert_eq!(all[2][0], "4 cravings logged, average strength 6.8 of 10.");
        assert!(all[2][1].starts_with("Most common triggers: "), "{:?}", all[2]);
        assert_eq!(all[2][3], "Of 2 cravings followed up, 1 passed.");
        // Doses from 25 February: 14 due, 9 marked (4 March not marked, 25–28 February not marked).
        assert_eq!(all[3], ["Buprenorphine film or tablet, 8 mg: 9 of 14 doses marked taken, 5 not marked."]);
        assert_eq!(all[4], [
            // Today's was earlier, so past (and the last); the 17th was cancelled; four weeks ahead.
            "Counselling: due 2 times in this period, the last 10 Mar 10:00.",
            "Coming up: 24 Mar 10:00 — Counselling.",
            "Coming up: 31 Mar 10:00 — Counselling.",
        ]);
        assert_eq!(all[5], ["Week ending 8 Mar: How has your sleep been this week? 2 of 5; How much support did you have — meetings, your sponsor, people you trust? 4 of 5"]);
    }

    #[test]
    fn a_dose_later_today_isnt_counted_yet() {
        let d = data();
        let early = at(2026, 3, 10, 7, 0);
        let lines = sections(&[Part::Medication], Period::weeks_to(2, today()), &d.sources(), early).remove(0).lines;
        // 10 March's 08:00 dose is still ahead at 07:00.
        assert_eq!(lines, ["Buprenorphine film or tablet, 8 mg: 8 of 13 doses marked taken, 5 not marked."]);
    }

    #[test]
    fn never_carries_check_in_notes_and_keeps_the_chosen_order() {
        let d = data();
        let text = plain_text(&sections(&[Part::Cravings, Part::CheckIns], Period::weeks_to(4, today()), &d.sources(), now()), Period::weeks_to(4, today()));
        assert!(text.starts_with("Visit summary\nFrom 11 February 2026 to 10 March 2026\n\nDAILY CHECK-INS\n- Checked in on 4 of 28 days.\n"), "{text}");
        assert!(text.contains("\nCRAVINGS\n- 4 cravings logged"), "{text}");
        assert!(!text.contains("Private note"));
    }

    #[test]
    fn with_nothing_stored_each_part_says_so() {
        let empty = Data { counters: vec![], checkins: vec![], cravings: vec![], meds: vec![], taken: vec![], appts: vec![], look_backs: vec![] };
        assert_eq!(lines(&Part::ALL, 12, &empty), [
            vec!["No clean-time counter."],
            vec!["Checked in on 0 of 84 days."],
            vec!["No cravings logged."],
            vec!["No medication recorded for this period."],
            vec!["No appointments in this period or coming up."],
            vec!["No weekly look-backs in this period."],
        ]);
    }

    #[test]
    fn counts_take_their_plural_forms_in_spanish() {
        let d = data();
        let es = Lang::Es.while_current(|| lines(&[Part::CleanTime, Part::Medication], 2, &d));
        assert_eq!(es[0][1], "1 desliz en este periodo: 1 mar.");
        assert_eq!(es[1][0], "Buprenorfina en tira (película) o tableta, 8 mg: 9 de 14 dosis marcadas como tomadas, 5 sin marcar.");
        let one_week = Lang::Es.while_current(|| lines(&[Part::CheckIns], 1, &data()));
        assert_eq!(one_week[0][0], "Registro del día hecho en 1 de 7 días.");
    }
}
