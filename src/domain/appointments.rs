//! Appointments: clinic visits, counselling, pickups, injections, meetings.
//! Each has a first date, an optional time, and a repeat (`schedule`). A
//! repeating one changed or cancelled "just this once" keeps the date in
//! `skipped` (an iCalendar EXDATE), and a change becomes an appointment of its
//! own on that date: the rest of the series is untouched.
//!
//! Times are local wall-clock times, as in `schedule`: a weekly 9:00 visit is
//! at 9:00 before and after a DST change.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::dates::stored;
use super::schedule::{upcoming, Occurrence, Recurrence, Repeat};

/// What an appointment is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApptKind {
    #[serde(rename = "clinic")]
    Clinic,
    #[serde(rename = "talk")]
    Counselling,
    #[serde(rename = "pickup")]
    Pickup,
    #[serde(rename = "shot")]
    Injection,
    #[serde(rename = "meeting")]
    Meeting,
    #[serde(rename = "other")]
    Other,
}

impl ApptKind {
    pub const ALL: [ApptKind; 6] = [ApptKind::Clinic, ApptKind::Counselling, ApptKind::Pickup, ApptKind::Injection, ApptKind::Meeting, ApptKind::Other];

    pub fn label(self) -> &'static str {
        match self {
            ApptKind::Clinic => tr!("Clinic or doctor's visit"),
            ApptKind::Counselling => tr!("Counselling"),
            ApptKind::Pickup => tr!("Medication pickup"),
            ApptKind::Injection => tr!("An injection"),
            ApptKind::Meeting => tr!("Meeting (NA or other)"),
            ApptKind::Other => tr!("Something else"),
        }
    }
}

/// Why an appointment can't be saved as it is, in words for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApptProblem {
    TooLong,
    BadRepeat,
    /// Changed or removed elsewhere (another tab) before this change was saved.
    Gone,
}

impl ApptProblem {
    pub fn message(self) -> &'static str {
        match self {
            ApptProblem::TooLong => tr!("Too long: the title and place take up to 200 characters, the note up to 1,000."),
            ApptProblem::BadRepeat => tr!("Every how many days? A number from 1 to 366."),
            ApptProblem::Gone => tr!("That was changed or removed in another window. Look at the list again, then try once more."),
        }
    }
}

/// The longest title or place kept with an appointment.
pub const MAX_FIELD: usize = 200;
/// The longest note kept with an appointment.
pub const MAX_NOTE: usize = 1000;
/// More "just this one" changes than a series plausibly has: a damaged file.
pub const MAX_SKIPPED: usize = 2000;
/// How long before its time an appointment shows as coming up (and may notify).
pub const SOON: TimeDelta = TimeDelta::hours(1);

/// One appointment, or a series of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Appointment {
    pub id: u64,
    #[serde(rename = "k")]
    pub kind: ApptKind,
    /// The person's title; the kind's name when empty.
    #[serde(rename = "t", default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(rename = "from", with = "stored::date")]
    pub first: NaiveDate,
    /// None: some time that day.
    #[serde(rename = "at", default, skip_serializing_if = "Option::is_none", with = "stored::optional_time")]
    pub time: Option<NaiveTime>,
    #[serde(rename = "pl", default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(rename = "r", default)]
    pub repeat: Repeat,
    #[serde(rename = "note", default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Dates of the series left out: cancelled, or changed into an appointment of their own.
    #[serde(rename = "skip", default, skip_serializing_if = "Vec::is_empty", with = "stored::dates")]
    pub skipped: Vec<NaiveDate>,
}

impl Appointment {
    pub fn new(id: u64, kind: ApptKind, first: NaiveDate) -> Self {
        Appointment { id, kind, title: String::new(), first, time: None, place: String::new(), repeat: Repeat::Once, note: String::new(), skipped: Vec::new() }
    }

    pub fn shown_title(&self) -> &str {
        if self.title.trim().is_empty() { self.kind.label() } else { self.title.trim() }
    }

    pub fn check(&self) -> Result<(), ApptProblem> {
        if [&self.title, &self.place].iter().any(|t| t.chars().count() > MAX_FIELD) || self.note.chars().count() > MAX_NOTE {
            return Err(ApptProblem::TooLong);
        }
        if !self.repeat.is_valid() {
            return Err(ApptProblem::BadRepeat);
        }
        if self.skipped.len() > MAX_SKIPPED {
            return Err(ApptProblem::TooLong);
        }
        Ok(())
    }

    pub fn recurrence(&self) -> Recurrence {
        Recurrence::new(self.first, self.repeat)
    }

    pub fn repeats(&self) -> bool {
        self.repeat != Repeat::Once
    }

    /// Its next `limit` times that are still ahead at `now` (one that has no
    /// time stays ahead all of its day), leaving out the skipped dates.
    pub fn next(&self, now: NaiveDateTime, limit: usize) -> Vec<Occurrence> {
        let times: Vec<NaiveTime> = self.time.into_iter().collect();
        // Each skipped date hides at most one time: ask for that many more.
        let extra = self.skipped.iter().filter(|d| **d >= now.date()).count();
        let mut found = upcoming(&self.recurrence(), &times, now, limit + extra);
        found.retain(|o| !self.skipped.contains(&o.date));
        found.truncate(limit);
        found
    }
}

/// One upcoming time of one appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    pub appt: Appointment,
    pub when: Occurrence,
}

impl Upcoming {
    /// Within the hour before it (or, with no time, on its day).
    pub fn is_soon(&self, now: NaiveDateTime) -> bool {
        match self.when.time {
            Some(_) => self.when.at() - now <= SOON,
            None => self.when.date == now.date(),
        }
    }
}

/// What is coming up: every time in the next `days` days, and the next time
/// of each appointment beyond them (a monthly visit is never missing from the
/// list), soonest first, at most `limit`.
pub fn agenda(appts: &[Appointment], now: NaiveDateTime, days: i64, limit: usize) -> Vec<Upcoming> {
    let horizon = now.date() + TimeDelta::days(days);
    let mut found: Vec<Upcoming> = Vec::new();
    for appt in appts {
        let next = appt.next(now, limit);
        let within = next.iter().take_while(|o| o.date < horizon).count().max(1);
        found.extend(next.into_iter().take(within).map(|when| Upcoming { appt: appt.clone(), when }));
    }
    found.sort_by(|a, b| (a.when, a.appt.id).cmp(&(b.when, b.appt.id)));
    found.truncate(limit);
    found
}

/// The next appointment, if any.
pub fn next_one(appts: &[Appointment], now: NaiveDateTime) -> Option<Upcoming> {
    appts
        .iter()
        .filter_map(|a| a.next(now, 1).into_iter().next().map(|when| Upcoming { appt: a.clone(), when }))
        .min_by(|a, b| (a.when, a.appt.id).cmp(&(b.when, b.appt.id)))
}

/// The appointment list's changes. Ids are their own: separate from medications'.
/// A new one's id is proposed by the caller — the time of saving, in
/// milliseconds — and raised above every id in the list if need be, as for
/// medications (`MedsData::add`): never given twice, so a new
/// appointment never takes over a removed one's calendar event or notification.
fn fresh_id(appts: &[Appointment], proposed: u64) -> u64 {
    super::cravings::next_id(proposed, appts.iter().map(|a| a.id).max())
}

/// Adds `appt` as a new appointment, numbered now rather than when its form
/// opened (from its id, the time of saving: see [`fresh_id`]): another tab may
/// have added one meanwhile, and it must not be replaced. Returns the number given.
pub fn add_new(appts: &mut Vec<Appointment>, appt: Appointment) -> Result<u64, ApptProblem> {
    let appt = Appointment { id: fresh_id(appts, appt.id), ..appt };
    appt.check()?;
    let id = appt.id;
    appts.push(appt);
    Ok(id)
}

impl Appointment {
    /// The form's own fields (`typed`: kind, title, date, time, place, repeat,
    /// note) over `self`, the appointment as stored now. Its left-out dates
    /// stay the stored ones: a "cancel only this one" made while the form was
    /// open is not the form's to undo.
    pub fn with_form(&self, typed: &Appointment) -> Appointment {
        Appointment { id: self.id, skipped: self.skipped.clone(), ..typed.clone() }
    }

    /// Whether `other` (from a backup) is this same appointment: the same
    /// instance (an id from the clock: [`super::schedule::is_time_id`]), or the same
    /// kind, title, first date and time.
    fn same_as(&self, other: &Appointment) -> bool {
        (self.id == other.id && super::schedule::is_time_id(self.id)) || (self.kind == other.kind && self.title == other.title && self.first == other.first && self.time == other.time)
    }
}

/// Changes every time of the series `appt` (the form as typed) is for, keeping
/// what only the stored one knows ([`Appointment::with_form`]); adds it if it has gone.
pub fn save_all(appts: &mut Vec<Appointment>, appt: Appointment) -> Result<(), ApptProblem> {
    let known = appts.iter().position(|a| a.id == appt.id);
    let appt = known.map_or(appt.clone(), |at| appts[at].with_form(&appt));
    appt.check()?;
    match known {
        Some(at) => appts[at] = appt,
        None => appts.push(appt),
    }
    Ok(())
}

/// Changes only the time of series `id` on `date`: the series leaves that date
/// out, and `changed` (whatever its date now is) becomes an appointment of its
/// own, numbered from its id as a new one is ([`fresh_id`]).
pub fn save_one(appts: &mut Vec<Appointment>, id: u64, date: NaiveDate, changed: Appointment) -> Result<u64, ApptProblem> {
    let single = Appointment { id: fresh_id(appts, changed.id), repeat: Repeat::Once, skipped: Vec::new(), ..changed };
    single.check()?;
    let series = appts.iter_mut().find(|a| a.id == id).ok_or(ApptProblem::Gone)?;
    if !series.skipped.contains(&date) {
        series.skipped.push(date);
        series.skipped.sort();
    }
    let new_id = single.id;
    appts.push(single);
    Ok(new_id)
}

/// Cancels the time on `date` only (the whole appointment when it doesn't
/// repeat). Returns the appointment as it was, for Undo.
pub fn cancel_one(appts: &mut Vec<Appointment>, id: u64, date: NaiveDate) -> Option<Appointment> {
    let at = appts.iter().position(|a| a.id == id)?;
    let before = appts[at].clone();
    if before.repeats() {
        appts[at].skipped.push(date);
        appts[at].skipped.sort();
    } else {
        appts.remove(at);
    }
    Some(before)
}

/// Removes the whole series. Returns it, for Undo.
pub fn cancel_all(appts: &mut Vec<Appointment>, id: u64) -> Option<Appointment> {
    let at = appts.iter().position(|a| a.id == id)?;
    Some(appts.remove(at))
}

/// Puts back an appointment as it was before a change (Undo).
pub fn restore(appts: &mut Vec<Appointment>, before: Appointment) {
    match appts.iter_mut().find(|a| a.id == before.id) {
        Some(known) => *known = before,
        None => appts.push(before),
    }
}

/// Adds `incoming` appointments to `appts` (a backup merged in): the same one
/// ([`Appointment::same_as`]) isn't doubled, and takes over the dates the
/// backup left out (a visit cancelled there stays cancelled); one whose id is
/// taken is renumbered.
pub fn merge(appts: &mut Vec<Appointment>, incoming: &[Appointment]) {
    let mut next = appts.iter().chain(incoming).map(|a| a.id).max().unwrap_or(0) + 1;
    for a in incoming {
        if let Some(known) = appts.iter_mut().find(|b| b.same_as(a)) {
            let mut skipped = [known.skipped.as_slice(), a.skipped.as_slice()].concat();
            skipped.sort();
            skipped.dedup();
            // A damaged file's thousands of dates are not taken over (`check` would refuse them).
            if skipped.len() <= MAX_SKIPPED {
                known.skipped = skipped;
            }
        } else if appts.iter().any(|b| b.id == a.id) {
            appts.push(Appointment { id: next, ..a.clone() });
            next += 1;
        } else {
            appts.push(a.clone());
        }
    }
}

/// The calendar file's events for appointments: their repeat rules, skipped
/// dates as exceptions, an alarm an hour before (or at 09:00 on the day, for
/// one without a time). Titles and places are discreet unless asked.
pub fn reminders(appts: &[Appointment], naming: super::ics::Naming) -> Vec<super::ics::Event> {
    use super::ics::{Event, Start};
    let full_titles = naming.is_full();
    appts
        .iter()
        .map(|a| Event {
            uid: naming.uid("appt", &a.id.to_string()),
            title: if full_titles { a.shown_title().to_string() } else { tr!("Appointment").to_string() },
            note: if full_titles { a.note.clone() } else { String::new() },
            place: if full_titles { a.place.clone() } else { String::new() },
            dates: a.recurrence(),
            start: a.time.map_or(Start::Day, Start::At),
            minutes: 60,
            alarm_before: Some(if a.time.is_some() { 60 } else { -9 * 60 }),
            busy: a.time.is_some(),
            skipped: a.skipped.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{at, date, hm};

    fn weekly_clinic() -> Appointment {
        let mut a = Appointment::new(1, ApptKind::Clinic, date(2026, 10, 26));
        a.time = Some(hm(9, 0));
        a.repeat = Repeat::Weekly;
        a.place = "Main St clinic".into();
        a
    }

    #[test]
    fn next_times_skip_the_past_and_the_skipped() {
        let mut a = weekly_clinic();
        // Across the end of European summer time (2026-10-25) and the US one (2026-11-01): still 9:00.
        let next = a.next(at(2026, 10, 26, 8, 0), 3);
        assert_eq!(next.iter().map(|o| o.at()).collect::<Vec<_>>(), vec![at(2026, 10, 26, 9, 0), at(2026, 11, 2, 9, 0), at(2026, 11, 9, 9, 0)]);
        // Once its time has passed, the next week's.
        assert_eq!(a.next(at(2026, 10, 26, 9, 1), 1)[0].date, date(2026, 11, 2));
        a.skipped = vec![date(2026, 11, 2), date(2026, 11, 9)];
        assert_eq!(a.next(at(2026, 10, 26, 9, 1), 2).iter().map(|o| o.date).collect::<Vec<_>>(), vec![date(2026, 11, 16), date(2026, 11, 23)]);
        // A day without a time stays ahead all day.
        let pickup = Appointment::new(2, ApptKind::Pickup, date(2026, 11, 3));
        assert_eq!(pickup.next(at(2026, 11, 3, 23, 59), 5).len(), 1);
        assert!(pickup.next(at(2026, 11, 4, 0, 0), 5).is_empty());
    }

    #[test]
    fn a_new_appointment_is_numbered_on_saving_and_replaces_nothing() {
        // The form opened when the list's next number was 2; another tab then added its own 2.
        let opened_with = Appointment::new(2, ApptKind::Pickup, date(2026, 11, 3));
        let other_tab = Appointment::new(2, ApptKind::Meeting, date(2026, 11, 4));
        let mut appts = vec![weekly_clinic(), other_tab.clone()];
        assert_eq!(add_new(&mut appts, opened_with.clone()), Ok(3));
        assert_eq!(appts.len(), 3);
        assert!(appts.contains(&other_tab));
        assert_eq!(appts[2], Appointment { id: 3, ..opened_with });
        // An empty list takes the id given (the time of saving); a refused one adds nothing.
        let mut empty = Vec::new();
        assert_eq!(add_new(&mut empty, Appointment::new(9, ApptKind::Clinic, date(2026, 11, 3))), Ok(9));
        let too_long = Appointment { place: "x".repeat(10_000), ..Appointment::new(1, ApptKind::Clinic, date(2026, 11, 3)) };
        assert!(add_new(&mut empty, too_long).is_err());
        assert_eq!(empty.len(), 1);
    }

    #[test]
    fn agenda_has_the_next_weeks_and_the_next_of_each() {
        let weekly = weekly_clinic();
        let mut monthly = Appointment::new(2, ApptKind::Injection, date(2026, 12, 20));
        monthly.repeat = Repeat::Monthly;
        let mut daily = Appointment::new(3, ApptKind::Meeting, date(2026, 10, 1));
        daily.repeat = Repeat::Daily;
        daily.time = Some(hm(19, 0));
        let now = at(2026, 11, 1, 12, 0);
        let list = agenda(&[weekly.clone(), monthly.clone()], now, 14, 50);
        assert_eq!(list.iter().map(|u| (u.appt.id, u.when.date)).collect::<Vec<_>>(), vec![(1, date(2026, 11, 2)), (1, date(2026, 11, 9)), (2, date(2026, 12, 20))]);
        // A daily meeting fills the two weeks but the limit holds, soonest first.
        let busy = agenda(&[weekly, monthly, daily], now, 14, 5);
        assert_eq!(busy.len(), 5);
        assert!(busy.windows(2).all(|w| w[0].when <= w[1].when));
        assert_eq!(busy[0].when.at(), at(2026, 11, 1, 19, 0));
        assert!(agenda(&[], now, 14, 5).is_empty());
    }

    #[test]
    fn next_one_and_soon() {
        let weekly = weekly_clinic();
        let pickup = Appointment::new(2, ApptKind::Pickup, date(2026, 11, 2));
        let next = next_one(&[pickup.clone(), weekly.clone()], at(2026, 11, 2, 7, 0)).unwrap();
        // The untimed pickup counts from the start of its day: before 9:00.
        assert_eq!(next.appt.id, 2);
        assert!(next.is_soon(at(2026, 11, 2, 7, 0)));
        let visit = next_one(&[weekly], at(2026, 11, 2, 7, 0)).unwrap();
        assert!(!visit.is_soon(at(2026, 11, 2, 7, 59)));
        assert!(visit.is_soon(at(2026, 11, 2, 8, 0)));
        assert!(next_one(&[], at(2026, 11, 2, 7, 0)).is_none());
    }

    #[test]
    fn this_one_or_all() {
        let mut list = vec![weekly_clinic()];
        // Just this one: moved to 10:30 that day; the series leaves the date out.
        let mut moved = list[0].clone();
        moved.time = Some(hm(10, 30));
        let id = save_one(&mut list, 1, date(2026, 11, 9), Appointment { first: date(2026, 11, 9), ..moved }).unwrap();
        assert_eq!((id, list.len()), (2, 2));
        assert_eq!(list[0].skipped, vec![date(2026, 11, 9)]);
        assert_eq!((list[1].repeat, list[1].first, list[1].time), (Repeat::Once, date(2026, 11, 9), Some(hm(10, 30))));
        let week = agenda(&list, at(2026, 11, 9, 0, 0), 7, 10);
        // That day's is the moved one; the series comes back the week after.
        assert_eq!(week.iter().map(|u| (u.appt.id, u.when.at())).collect::<Vec<_>>(), vec![(2, at(2026, 11, 9, 10, 30)), (1, at(2026, 11, 16, 9, 0))]);
        // All of them: a new place for every time, and the changed one stays as it is.
        let mut all = list[0].clone();
        all.place = "New clinic".into();
        save_all(&mut list, all).unwrap();
        assert_eq!((list[0].place.as_str(), list[1].place.as_str()), ("New clinic", "Main St clinic"));
        // Cancelling one of a series skips it; cancelling a single one removes it; Undo puts it back.
        let before = cancel_one(&mut list, 1, date(2026, 11, 16)).unwrap();
        assert_eq!(list[0].skipped.len(), 2);
        restore(&mut list, before);
        assert_eq!(list[0].skipped.len(), 1);
        let single = cancel_one(&mut list, 2, date(2026, 11, 9)).unwrap();
        assert_eq!(list.len(), 1);
        restore(&mut list, single);
        assert!(cancel_all(&mut list, 1).is_some() && list.len() == 1);
        assert_eq!(save_one(&mut list, 9, date(2026, 11, 9), weekly_clinic()), Err(ApptProblem::Gone));
    }

    #[test]
    fn checks_and_merge() {
        let mut a = weekly_clinic();
        a.note = "x".repeat(MAX_NOTE + 1);
        assert_eq!(a.check(), Err(ApptProblem::TooLong));
        a.note.clear();
        a.repeat = Repeat::EveryDays(0);
        assert_eq!(a.check(), Err(ApptProblem::BadRepeat));

        let mut mine = vec![weekly_clinic()];
        let mut other = Appointment::new(1, ApptKind::Meeting, date(2026, 11, 3));
        other.title = "Tuesday group".into();
        merge(&mut mine, &[weekly_clinic(), other]);
        assert_eq!(mine.iter().map(|a| a.id).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(mine[1].title, "Tuesday group");
    }

    #[test]
    fn a_cancelled_appointments_id_is_never_given_again() {
        let t0 = 1_767_000_000_000;
        let mut list = Vec::new();
        let first = add_new(&mut list, Appointment::new(t0, ApptKind::Clinic, date(2026, 11, 3))).unwrap();
        assert_eq!(first, t0);
        assert!(cancel_all(&mut list, first).is_some());
        let second = add_new(&mut list, Appointment::new(t0 + 60_000, ApptKind::Meeting, date(2026, 11, 4))).unwrap();
        assert_ne!(second, first);
        // "Just this one" too: numbered from the time it is saved, above every id there.
        let mut series = weekly_clinic();
        series.id = second + 5;
        list.push(series.clone());
        let single = save_one(&mut list, series.id, date(2026, 11, 9), Appointment { id: t0 + 120_000, first: date(2026, 11, 9), ..series.clone() }).unwrap();
        assert_eq!(single, t0 + 120_000);
        // A clock set back never gives an id already there.
        let again = save_one(&mut list, series.id, date(2026, 11, 16), Appointment { id: t0, first: date(2026, 11, 16), ..series.clone() }).unwrap();
        assert_eq!(again, t0 + 120_001);
    }

    /// Reliability review D6 (`changing_every_time_reverts_a_cancel_made_while_the_form_was_open`, inverted).
    #[test]
    fn changing_every_time_keeps_a_cancel_made_while_the_form_was_open() {
        let mut list = vec![weekly_clinic()];
        // The form opens on the series as it is…
        let base = list[0].clone();
        // …one visit is cancelled below it…
        cancel_one(&mut list, 1, date(2026, 11, 9)).unwrap();
        // …and "every time" is saved with a new place.
        let typed = Appointment { place: "New clinic".into(), time: Some(hm(9, 30)), ..base.clone() };
        save_all(&mut list, typed).unwrap();
        assert_eq!((list[0].place.as_str(), list[0].time, list[0].skipped.clone()), ("New clinic", Some(hm(9, 30)), vec![date(2026, 11, 9)]));
        assert_eq!(list[0].next(at(2026, 11, 3, 12, 0), 1)[0].date, date(2026, 11, 16), "the cancelled visit stays cancelled");
        // Removed meanwhile: added back as typed.
        cancel_all(&mut list, 1);
        save_all(&mut list, base.clone()).unwrap();
        assert_eq!(list, vec![base]);
    }

    #[test]
    fn merging_keeps_the_visits_cancelled_on_either_side() {
        let mut mine = weekly_clinic();
        mine.skipped = vec![date(2026, 11, 16)];
        let mut theirs = weekly_clinic();
        theirs.skipped = vec![date(2026, 11, 9), date(2026, 11, 16)];
        let mut list = vec![mine];
        merge(&mut list, &[theirs.clone()]);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].skipped, vec![date(2026, 11, 9), date(2026, 11, 16)]);
        // Given from the clock, and changed since on this phone (a new time): still the same series.
        let t = 1_770_000_000_000;
        let mut here = vec![Appointment { id: t, time: Some(hm(10, 0)), ..weekly_clinic() }];
        merge(&mut here, &[Appointment { id: t, ..theirs }]);
        assert_eq!((here.len(), here[0].time, here[0].skipped.len()), (1, Some(hm(10, 0)), 2));
    }

    #[test]
    fn calendar_events_keep_skipped_dates_and_are_discreet() {
        let mut a = weekly_clinic();
        a.skipped = vec![date(2026, 11, 9)];
        a.note = "Bring ID".into();
        use crate::domain::ics::Naming;
        let quiet = &reminders(std::slice::from_ref(&a), Naming::Discreet("0a1b"))[0];
        assert_eq!((quiet.title.as_str(), quiet.place.as_str(), quiet.note.as_str(), quiet.uid.as_str()), ("Appointment", "", "", "0a1b-a1"));
        assert_eq!((quiet.skipped.clone(), quiet.alarm_before, quiet.busy), (vec![date(2026, 11, 9)], Some(60), true));
        let full = &reminders(&[a], Naming::Full)[0];
        assert_eq!((full.title.as_str(), full.place.as_str(), full.uid.as_str()), (ApptKind::Clinic.label(), "Main St clinic", "steady-appt-1@steady.app"));
        let pickup = &reminders(&[Appointment::new(2, ApptKind::Pickup, date(2026, 11, 3))], Naming::Discreet("0a1b"))[0];
        assert_eq!((pickup.start, pickup.alarm_before), (super::super::ics::Start::Day, Some(-540)));
    }
}
