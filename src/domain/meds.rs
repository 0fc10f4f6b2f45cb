//! Medication: what the person takes and when, the doses they mark taken,
//! what is due now, and the moments after which overdose risk is much higher
//! (stopping or tapering treatment, leaving a program, detox, a residential
//! stay or prison) — content-facts.md, "Medication for opioid use disorder".
//!
//! Nothing here advises on doses: the dose is the person's own words, and the
//! schedule is whatever they were told. Taking prescribed medication is
//! treatment; nothing in this module knows about clean-time counters, and
//! nothing outside it records a dose.
//!
//! Times are local wall-clock times, as in `schedule`: an 08:00 dose is due at
//! 08:00 on the phone's clock on DST days and after travel.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::dates::stored;
use super::schedule::{is_time_id, Occurrence, Recurrence, Repeat};

/// The forms of medication for opioid use disorder, and anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MedKind {
    #[serde(rename = "bup")]
    Buprenorphine,
    #[serde(rename = "bup-week")]
    BuprenorphineWeekly,
    #[serde(rename = "bup-month")]
    BuprenorphineMonthly,
    #[serde(rename = "methadone")]
    Methadone,
    #[serde(rename = "ntx")]
    Naltrexone,
    #[serde(rename = "ntx-month")]
    NaltrexoneMonthly,
    #[serde(rename = "other")]
    Other,
}

impl MedKind {
    pub const ALL: [MedKind; 7] = [
        MedKind::Buprenorphine,
        MedKind::BuprenorphineWeekly,
        MedKind::BuprenorphineMonthly,
        MedKind::Methadone,
        MedKind::Naltrexone,
        MedKind::NaltrexoneMonthly,
        MedKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MedKind::Buprenorphine => tr!("Buprenorphine film or tablet"),
            MedKind::BuprenorphineWeekly => tr!("Buprenorphine weekly injection"),
            MedKind::BuprenorphineMonthly => tr!("Buprenorphine monthly injection"),
            MedKind::Methadone => tr!("Methadone"),
            MedKind::Naltrexone => tr!("Naltrexone tablet"),
            MedKind::NaltrexoneMonthly => tr!("Naltrexone monthly injection"),
            MedKind::Other => tr!("Another medication"),
        }
    }

    /// The schedule offered when this kind is picked; the person changes it
    /// to what they were told (an injection every 28 days, say).
    pub fn usual_repeat(self) -> Repeat {
        match self {
            MedKind::BuprenorphineWeekly => Repeat::Weekly,
            MedKind::BuprenorphineMonthly | MedKind::NaltrexoneMonthly => Repeat::Monthly,
            _ => Repeat::Daily,
        }
    }

    /// Given by a clinician on a day rather than taken at set times.
    pub fn is_injection(self) -> bool {
        matches!(self, MedKind::BuprenorphineWeekly | MedKind::BuprenorphineMonthly | MedKind::NaltrexoneMonthly)
    }

    /// Treatment for opioid use disorder: stopping it lowers tolerance, so
    /// stopping or tapering brings up the overdose-risk card.
    pub fn treats_opioid_use(self) -> bool {
        self != MedKind::Other
    }

    /// Naltrexone, as a tablet or an injection: it blocks opioids rather than
    /// replacing them, so its risks are its own (the block wears off; VIVITROL
    /// Medication Guide, content-facts.md) and the Cornish figures (methadone
    /// and buprenorphine only) don't apply to it.
    pub fn is_naltrexone(self) -> bool {
        matches!(self, MedKind::Naltrexone | MedKind::NaltrexoneMonthly)
    }

    /// A dose that is lowered step by step with the prescriber: methadone and
    /// buprenorphine. Naltrexone is not tapered (safety review 2026-12-06, minor).
    pub fn can_taper(self) -> bool {
        self.treats_opioid_use() && !self.is_naltrexone()
    }
}

/// The longest text kept in a field (the dose, a clinic's name).
pub const MAX_FIELD: usize = 200;
/// More times a day than anyone is prescribed: a typo.
pub const MAX_TIMES: usize = 8;
/// Take-home doses on hand (methadone): more is a typo.
pub const MAX_TAKE_HOMES: u16 = 99;

/// One medication the person takes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Medication {
    pub id: u64,
    #[serde(rename = "k")]
    pub kind: MedKind,
    /// The person's name for it; needed for `Other`, optional otherwise.
    #[serde(rename = "n", default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// As the person writes it ("8 mg", "two films"); never checked or advised on.
    #[serde(rename = "dose", default, skip_serializing_if = "String::is_empty")]
    pub dose: String,
    /// The first (or next) day it is due.
    #[serde(rename = "from", with = "stored::date")]
    pub first: NaiveDate,
    #[serde(rename = "r", default)]
    pub repeat: Repeat,
    /// Times of day; none means "some time that day" (an injection, a pickup).
    #[serde(rename = "at", default, skip_serializing_if = "Vec::is_empty", with = "stored::times")]
    pub times: Vec<NaiveTime>,
    #[serde(rename = "by", default, skip_serializing_if = "String::is_empty")]
    pub prescriber: String,
    #[serde(rename = "ph", default, skip_serializing_if = "String::is_empty")]
    pub pharmacy: String,
    /// Methadone take-home doses on hand.
    #[serde(rename = "th", default, skip_serializing_if = "Option::is_none")]
    pub take_homes: Option<u16>,
    /// The day a taper was recorded (the person and their prescriber lowering the dose).
    #[serde(rename = "taper", default, skip_serializing_if = "Option::is_none", with = "stored::optional_date")]
    pub tapering_since: Option<NaiveDate>,
    /// The last day it was taken, once stopped.
    #[serde(rename = "stop", default, skip_serializing_if = "Option::is_none", with = "stored::optional_date")]
    pub stopped: Option<NaiveDate>,
}

/// Why a medication can't be saved as it is, in words for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedProblem {
    NoName,
    TooLong,
    BadRepeat,
    TooManyTimes,
    SameTimeTwice,
    TooManyTakeHomes,
    StoppedBeforeStart,
    BadTime,
}

impl MedProblem {
    pub fn message(self) -> String {
        let text = match self {
            MedProblem::NoName => tr!("Give this medication a name."),
            MedProblem::TooLong => tr!("One of the fields is too long (200 characters at most)."),
            MedProblem::BadRepeat => tr!("Every how many days? A number from 1 to 366."),
            MedProblem::TooManyTimes => tr!("Up to 8 times a day can be set."),
            MedProblem::SameTimeTwice => tr!("The same time is there twice."),
            MedProblem::TooManyTakeHomes => tr!("Take-home doses: a number from 0 to 99."),
            MedProblem::BadTime => {
                // The examples on the reader's clock.
                let example = |h, m| super::dates::time_of_day(NaiveTime::from_hms_opt(h, m, 0).expect("a time"));
                return super::i18n::fill(tr!("Write the times like {} or {}, with commas between them."), &[&example(8, 0), &example(20, 30)]);
            }
            MedProblem::StoppedBeforeStart => tr!("The day it stopped is before the day it started."),
        };
        text.to_owned()
    }
}

impl Medication {
    pub fn new(id: u64, kind: MedKind, first: NaiveDate) -> Self {
        Medication {
            id,
            kind,
            name: String::new(),
            dose: String::new(),
            first,
            repeat: kind.usual_repeat(),
            times: Vec::new(),
            prescriber: String::new(),
            pharmacy: String::new(),
            take_homes: None,
            tapering_since: None,
            stopped: None,
        }
    }

    /// What to call it: the person's name for it, else its kind.
    pub fn shown_name(&self) -> &str {
        if self.name.trim().is_empty() { self.kind.label() } else { self.name.trim() }
    }

    pub fn check(&self) -> Result<(), MedProblem> {
        if self.kind == MedKind::Other && self.name.trim().is_empty() {
            return Err(MedProblem::NoName);
        }
        if [&self.name, &self.dose, &self.prescriber, &self.pharmacy].iter().any(|t| t.chars().count() > MAX_FIELD) {
            return Err(MedProblem::TooLong);
        }
        if !self.repeat.is_valid() {
            return Err(MedProblem::BadRepeat);
        }
        if self.times.len() > MAX_TIMES {
            return Err(MedProblem::TooManyTimes);
        }
        let mut times = self.times.clone();
        times.sort();
        times.dedup();
        if times.len() != self.times.len() {
            return Err(MedProblem::SameTimeTwice);
        }
        if self.take_homes.is_some_and(|n| n > MAX_TAKE_HOMES) {
            return Err(MedProblem::TooManyTakeHomes);
        }
        if self.stopped.is_some_and(|s| s < self.first) {
            return Err(MedProblem::StoppedBeforeStart);
        }
        Ok(())
    }

    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.stopped.is_none_or(|s| day <= s)
    }

    /// The medication started again after a stop, with the dose the
    /// prescriber or clinic gives now (`dose`, possibly empty): never the old
    /// one, which after days off can be too strong (methadone: Australian
    /// Government clinical guidelines, missed doses; content-facts.md). Not
    /// stopped or tapering any more, and no take-home doses on hand: the
    /// clinic decides those again. The schedule and times stay as they were.
    pub fn restarted(&self, dose: &str) -> Medication {
        Medication { dose: dose.trim().to_string(), stopped: None, tapering_since: None, take_homes: None, ..self.clone() }
    }

    /// The medication form's own fields (`typed`: kind, name, dose, start,
    /// schedule, times, prescriber, pharmacy, take-home doses) over `self`, the
    /// medication as stored now. A stop or a taper recorded since the form
    /// opened (on this screen, in another tab, or while its draft waited for
    /// days) is not the form's to undo: the stored one's stays.
    pub fn with_form(&self, typed: &Medication) -> Medication {
        Medication { id: self.id, stopped: self.stopped, tapering_since: self.tapering_since, ..typed.clone() }
    }

    /// Whether `other` (from a backup) is this same medication: the same
    /// instance (an id given from the clock: [`is_time_id`]), or the same
    /// kind, name and start (an older count id, which two phones give to
    /// different medications). Its dose or times may have changed since.
    pub fn same_as(&self, other: &Medication) -> bool {
        (self.id == other.id && is_time_id(self.id)) || (self.kind == other.kind && self.first == other.first && self.name == other.name)
    }

    /// Takes over a stop or a taper that only `other` (a copy of this same
    /// medication, from a backup) has. When both have one, the later date is
    /// kept: a stop or taper is only recorded again after "I've started again"
    /// cleared the last one, so the later date is the newer record (and the
    /// doses taken up to it stay in the history). A restart made here after the
    /// backup was written can't be told from a stop this copy never heard of:
    /// the stop is kept, and starting again is one tap.
    fn take_over_stops(&mut self, other: &Medication) {
        self.stopped = self.stopped.max(other.stopped.filter(|s| *s >= self.first));
        self.tapering_since = self.tapering_since.max(other.tapering_since);
    }

    /// The days it is due: from `first`, by `repeat`, until it stopped.
    pub fn recurrence(&self) -> Recurrence {
        Recurrence { first: self.first, repeat: self.repeat, until: self.stopped }
    }

    /// Its doses on `day`, in time order (one untimed dose on a day without set times).
    pub fn doses_on(&self, day: NaiveDate) -> Vec<Occurrence> {
        if !self.recurrence().falls_on(day) {
            return Vec::new();
        }
        let mut times: Vec<Option<NaiveTime>> = if self.times.is_empty() { vec![None] } else { self.times.iter().copied().map(Some).collect() };
        times.sort();
        times.into_iter().map(|time| Occurrence { date: day, time }).collect()
    }
}

/// Reads the times typed in one field, in time order: on a 24-hour clock
/// ("8:00, 20:30") or a 12-hour one ("8 am, 8:30 PM", "8:00 a. m."), whichever
/// the person writes. Nothing typed means no set time (an injection, a pickup).
pub fn parse_times(text: &str) -> Result<Vec<NaiveTime>, MedProblem> {
    // Clock readings ("8", "8:30") and words ("am"); dots, spaces, commas and
    // semicolons separate them, except that letters join across them ("a. m.").
    let mut pieces: Vec<(bool, String)> = Vec::new();
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let is_word = c.is_alphabetic();
        if c.is_ascii_digit() || c == ':' || is_word {
            match pieces.last_mut() {
                Some((true, word)) if is_word => word.push(c),
                Some((false, clock)) if !is_word && !gap => clock.push(c),
                _ => pieces.push((is_word, c.to_string())),
            }
            gap = false;
        } else if c == '.' || c == ',' || c == ';' || c.is_whitespace() {
            gap = true;
        } else {
            return Err(MedProblem::BadTime);
        }
    }
    let mut times = Vec::new();
    let mut pieces = pieces.into_iter().peekable();
    while let Some((is_word, clock)) = pieces.next() {
        if is_word {
            return Err(MedProblem::BadTime);
        }
        let pm = match pieces.peek() {
            Some((true, word)) => {
                let pm = match word.as_str() {
                    "am" => false,
                    "pm" => true,
                    _ => return Err(MedProblem::BadTime),
                };
                pieces.next();
                Some(pm)
            }
            _ => None,
        };
        times.push(super::dates::parse_clock(&clock, pm).ok_or(MedProblem::BadTime)?);
    }
    times.sort();
    Ok(times)
}

/// Times as they are typed and shown in the form: "08:00, 20:30", or
/// "8:00 AM, 8:30 PM" for a reader on a 12-hour clock.
pub fn times_text(times: &[NaiveTime]) -> String {
    times.iter().map(|t| super::dates::time_of_day(*t)).collect::<Vec<_>>().join(", ")
}

/// A dose marked taken: which medication, the scheduled dose it answers
/// (day and time; no time for an untimed one) and when it was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taken {
    #[serde(rename = "med")]
    pub med: u64,
    #[serde(rename = "d", with = "stored::date")]
    pub day: NaiveDate,
    #[serde(rename = "slot", default, skip_serializing_if = "Option::is_none", with = "stored::optional_time")]
    pub slot: Option<NaiveTime>,
    #[serde(rename = "t", with = "stored::datetime")]
    pub at: NaiveDateTime,
}

impl Taken {
    pub fn answers(&self, med: u64, dose: &Occurrence) -> bool {
        self.med == med && self.day == dose.date && self.slot == dose.time
    }

    /// When it was taken, if at `time` rather than when tapped: on the day of
    /// the tap, or the day before for last night's dose marked after midnight
    /// when `time` is still to come on the day of the tap (23:50, tapped at 00:20).
    pub fn at_time(&self, time: NaiveTime) -> NaiveDateTime {
        let on_tap_day = self.at.date().and_time(time);
        if on_tap_day > self.at && self.day < self.at.date() { self.day.and_time(time) } else { on_tap_day }
    }
}

/// How long before its time a dose counts as due (and the reminder card shows).
pub const DUE_BEFORE: TimeDelta = TimeDelta::hours(1);

/// A dose that is due: within the hour, or earlier today and not yet marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub med: u64,
    pub dose: Occurrence,
    /// Its time has come (or it is an untimed dose today), rather than within the hour.
    pub now: bool,
}

/// Today's doses that are due and not marked taken, soonest first. A dose
/// left from an earlier day is not "due": a missed day is shown in the
/// history, never carried over as something owed.
pub fn due(meds: &[Medication], taken: &[Taken], now: NaiveDateTime) -> Vec<Due> {
    let today = now.date();
    let mut found: Vec<Due> = meds
        .iter()
        .filter(|m| m.is_active_on(today))
        .flat_map(|m| m.doses_on(today).into_iter().map(move |dose| (m.id, dose)))
        .filter(|(id, dose)| !taken.iter().any(|t| t.answers(*id, dose)))
        .filter_map(|(med, dose)| match dose.time {
            None => Some(Due { med, dose, now: true }),
            Some(_) if dose.at() <= now => Some(Due { med, dose, now: true }),
            Some(_) if dose.at() - now <= DUE_BEFORE => Some(Due { med, dose, now: false }),
            Some(_) => None,
        })
        .collect();
    found.sort_by_key(|d| (d.dose, d.med));
    found
}

/// Something due now that a notification or the app badge may tell of:
/// a dose (as [`due`]) or an appointment within the hour (or today, if it has no time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The same for the same dose or appointment time: one notification each.
    pub key: String,
    pub appointment: bool,
    pub time: Option<NaiveTime>,
}

impl Reminder {
    /// Discreet words (a notification shows on the lock screen): the time, not the medication.
    pub fn message(&self) -> String {
        let fill = super::i18n::fill;
        match (self.appointment, self.time) {
            (false, Some(t)) => fill(tr!("Reminder: {}"), &[&super::dates::time_of_day(t)]),
            (false, None) => tr!("A reminder for today").into(),
            (true, Some(t)) => fill(tr!("An appointment at {}"), &[&super::dates::at_time(t)]),
            (true, None) => tr!("An appointment today").into(),
        }
    }
}

pub fn due_now(data: &MedsData, taken: &[Taken], now: NaiveDateTime) -> Vec<Reminder> {
    let doses = due(&data.list, taken, now).into_iter().map(|d| Reminder {
        key: format!("dose-{}-{}-{}", d.med, d.dose.date, d.dose.time.map(super::dates::hh_mm).unwrap_or_default()),
        appointment: false,
        time: d.dose.time,
    });
    let appts = data.appts.iter().filter_map(|a| {
        let when = a.next(now, 1).into_iter().next()?;
        let soon = super::appointments::Upcoming { appt: a.clone(), when }.is_soon(now);
        soon.then(|| Reminder { key: format!("appt-{}-{}", a.id, when.date), appointment: true, time: when.time })
    });
    doses.chain(appts).collect()
}

/// How late last night's dose can still be the one a "Taken" tap marks (see [`dose_for_tap`]).
pub const LAST_NIGHT_FOR: TimeDelta = TimeDelta::hours(6);

/// Which dose a "Taken" tap at `now` answers.
///
/// Last night's first: yesterday's last dose, if it isn't marked and its time
/// was less than [`LAST_NIGHT_FOR`] ago (so an evening one, tapped after
/// midnight), is the one a tap marks, unless today's first open dose is due
/// within the hour ([`DUE_BEFORE`]). A 22:00 dose taken at 00:20 is last
/// night's, not this morning's: the morning one stays due. The window is
/// short on purpose: past it, a tap is for today's dose, as before, since
/// marking last night's for a dose really taken for today would show today's
/// as still due, and a dose taken twice is the greater danger. The card says
/// which dose the button marks, and the time can be changed or undone.
///
/// Otherwise today's: the earliest one not yet marked whose time has come or
/// is within the hour; else the next one not yet marked (taken early); else
/// none (an extra dose, recorded as taken but answering no scheduled one).
/// `None` also when no day it is due is concerned. Times are wall-clock, so a
/// DST change or the end of a month changes nothing here.
pub fn dose_for_tap(med: &Medication, taken: &[Taken], now: NaiveDateTime) -> Option<Occurrence> {
    let marked = |d: &Occurrence| taken.iter().any(|t| t.answers(med.id, d));
    let open: Vec<Occurrence> = med.doses_on(now.date()).into_iter().filter(|d| !marked(d)).collect();
    let first_near = open.first().is_some_and(|d| d.at() - now <= DUE_BEFORE);
    let last_night = now.date().pred_opt().and_then(|day| med.doses_on(day).pop());
    match last_night.filter(|d| d.time.is_some() && now - d.at() < LAST_NIGHT_FOR && !marked(d)) {
        Some(dose) if !first_near => Some(dose),
        _ => open.iter().find(|d| d.at() - now <= DUE_BEFORE).or(open.first()).copied(),
    }
}

/// The record of `dose` (None: an extra one) taken at `at`.
pub fn taken_for(med: &Medication, dose: Option<Occurrence>, at: NaiveDateTime) -> Taken {
    Taken { med: med.id, day: dose.map_or(at.date(), |d| d.date), slot: dose.and_then(|d| d.time), at }
}

/// The record a "Taken" tap at `now` adds.
pub fn take(med: &Medication, taken: &[Taken], now: NaiveDateTime) -> Taken {
    taken_for(med, dose_for_tap(med, taken, now), now)
}

/// How a day looks in a medication's history: shown, never scolded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayDoses {
    /// Nothing was due that day.
    NoneDue,
    /// `taken` of `due` doses marked taken.
    Marked { taken: usize, due: usize },
}

pub fn day_doses(med: &Medication, taken: &[Taken], day: NaiveDate) -> DayDoses {
    let doses = med.doses_on(day);
    if doses.is_empty() || !med.is_active_on(day) {
        return DayDoses::NoneDue;
    }
    let marked = doses.iter().filter(|d| taken.iter().any(|t| t.answers(med.id, d))).count();
    DayDoses::Marked { taken: marked, due: doses.len() }
}

/// Places whose leaving lowers tolerance ("I've just left…").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LeftPlace {
    #[serde(rename = "program")]
    TreatmentProgram,
    #[serde(rename = "detox")]
    Detox,
    #[serde(rename = "residential")]
    Residential,
    #[serde(rename = "prison")]
    Prison,
}

impl LeftPlace {
    pub const ALL: [LeftPlace; 4] = [LeftPlace::TreatmentProgram, LeftPlace::Detox, LeftPlace::Residential, LeftPlace::Prison];

    /// Completes "I've just left…".
    pub fn label(self) -> &'static str {
        match self {
            LeftPlace::TreatmentProgram => tr!("a treatment program"),
            LeftPlace::Detox => tr!("detox"),
            LeftPlace::Residential => tr!("a residential stay"),
            LeftPlace::Prison => tr!("prison or jail"),
        }
    }
}

/// A moment after which overdose risk is much higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskMoment {
    Stopped { med: u64 },
    Taper { med: u64 },
    Left { place: LeftPlace, on: NaiveDate },
}

impl RiskMoment {
    /// A stable name for remembering that its card was shown, so it is shown once.
    pub fn key(&self) -> String {
        match self {
            RiskMoment::Stopped { med } => format!("stop:{med}"),
            RiskMoment::Taper { med } => format!("taper:{med}"),
            RiskMoment::Left { place, on } => format!("left:{}:{on}", super::stored_name(place)),
        }
    }
}

/// What saving `after` over `before` (None: a new medication) starts: a
/// stop or a taper of treatment for opioid use, which brings up the risk card
/// (naltrexone is not tapered: [`MedKind::can_taper`]).
/// Editing the dose or times of something already stopped or tapering starts
/// nothing; a medication added already stopped (history being filled in) does.
pub fn risk_moment(before: Option<&Medication>, after: &Medication) -> Option<RiskMoment> {
    if !after.kind.treats_opioid_use() {
        return None;
    }
    let was_stopped = before.is_some_and(|b| b.stopped.is_some());
    let was_tapering = before.is_some_and(|b| b.tapering_since.is_some());
    if after.stopped.is_some() && !was_stopped {
        Some(RiskMoment::Stopped { med: after.id })
    } else if after.tapering_since.is_some() && !was_tapering && after.stopped.is_none() && after.kind.can_taper() {
        Some(RiskMoment::Taper { med: after.id })
    } else {
        None
    }
}

/// Which words the overdose-risk card shows: the facts differ by medication
/// and by moment (safety review 2026-12-06, 2.2, 2.3 and 3.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskCard {
    /// Methadone or buprenorphine being tapered: not yet a stop, and going
    /// slowly or back up with the prescriber is fine.
    Taper,
    /// Methadone or buprenorphine stopped: the first month's risk (Cornish et
    /// al., BMJ 2010, which studied only these two).
    Stopped,
    /// Naltrexone stopped (tablet or injection): the block wears off.
    Naltrexone,
    /// Leaving a program, detox, a residential stay or prison: what lowers the
    /// risk, and for prison the Binswanger figures (NEJM 2007).
    Left(LeftPlace),
}

impl RiskCard {
    /// The card for `moment`, given the kind of the medication it is about
    /// (None: not known any more, removed meanwhile).
    pub fn for_moment(moment: RiskMoment, kind: Option<MedKind>) -> RiskCard {
        match moment {
            RiskMoment::Left { place, .. } => RiskCard::Left(place),
            _ if kind.is_some_and(MedKind::is_naltrexone) => RiskCard::Naltrexone,
            RiskMoment::Taper { .. } => RiskCard::Taper,
            RiskMoment::Stopped { .. } => RiskCard::Stopped,
        }
    }

    /// The card cites the Cornish study (methadone and buprenorphine only).
    pub fn cites_cornish(self) -> bool {
        self == RiskCard::Stopped
    }
}

/// The risk card's cards still to show: those not shown before (`shown` holds their keys).
pub fn not_yet_shown(moment: Option<RiskMoment>, shown: &[String]) -> Option<RiskMoment> {
    moment.filter(|m| !shown.contains(&m.key()))
}

/// How a naloxone kit is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum NaloxoneKind {
    #[default]
    #[serde(rename = "nasal")]
    NasalSpray,
    /// Many UK, Irish and some Canadian kits are injections (content-facts.md).
    #[serde(rename = "injection")]
    Injection,
}

impl NaloxoneKind {
    pub fn label(self) -> &'static str {
        match self {
            NaloxoneKind::NasalSpray => tr!("Nasal spray"),
            NaloxoneKind::Injection => tr!("Injection"),
        }
    }
}

/// The naloxone the person keeps, so they (and Steady's overdose guide) know where it is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Naloxone {
    /// Where it is kept, in the person's words ("kitchen drawer").
    #[serde(rename = "w", default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// The expiry date printed on the kit.
    #[serde(rename = "x", default, skip_serializing_if = "Option::is_none", with = "stored::optional_date")]
    pub expiry: Option<NaiveDate>,
    #[serde(rename = "k", default)]
    pub kind: NaloxoneKind,
}

/// How long before its printed expiry Steady starts saying so.
pub const EXPIRY_NOTICE_DAYS: i64 = 30;

/// Where a naloxone kit stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    Fine,
    /// Expires in this many days (0: today), within [`EXPIRY_NOTICE_DAYS`].
    Soon(i64),
    Expired,
}

impl Naloxone {
    pub fn expiry_on(&self, today: NaiveDate) -> Expiry {
        match self.expiry {
            None => Expiry::Fine,
            Some(date) if date < today => Expiry::Expired,
            Some(date) if (date - today).num_days() <= EXPIRY_NOTICE_DAYS => Expiry::Soon((date - today).num_days()),
            Some(_) => Expiry::Fine,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.place.trim().is_empty() && self.expiry.is_none()
    }

    pub fn check(&self) -> Result<(), MedProblem> {
        if self.place.chars().count() > MAX_FIELD {
            return Err(MedProblem::TooLong);
        }
        Ok(())
    }
}

/// The person recorded leaving somewhere ("I've just left detox").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Left {
    #[serde(rename = "p")]
    pub place: LeftPlace,
    #[serde(rename = "d", with = "stored::date")]
    pub on: NaiveDate,
}

/// The medication document: what the person takes, their naloxone, the
/// places they recorded leaving, and which risk cards were shown. (The doses
/// marked taken are stored a month per key: there are thousands.)
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MedsData {
    #[serde(rename = "list", default, skip_serializing_if = "Vec::is_empty")]
    pub list: Vec<Medication>,
    #[serde(rename = "nal", default, skip_serializing_if = "Option::is_none")]
    pub naloxone: Option<Naloxone>,
    #[serde(rename = "left", default, skip_serializing_if = "Vec::is_empty")]
    pub left: Vec<Left>,
    /// Appointments and their series ([`super::appointments`]).
    #[serde(rename = "appts", default, skip_serializing_if = "Vec::is_empty")]
    pub appts: Vec<super::appointments::Appointment>,
    /// Notify (where the browser allows, after the person's tap) when Steady
    /// is opened with something due.
    #[serde(rename = "notify", default, skip_serializing_if = "std::ops::Not::not")]
    pub notify: bool,
    /// Show a badge on the installed icon while something is due (off by default).
    #[serde(rename = "badge", default, skip_serializing_if = "std::ops::Not::not")]
    pub badge: bool,
    /// Keys of the risk cards already shown ([`RiskMoment::key`]): each is shown once.
    #[serde(rename = "shown", default, skip_serializing_if = "Vec::is_empty")]
    pub shown: Vec<String>,
    /// This install's own random start for the discreet calendar file's event
    /// UIDs (made the first time that file is written; see [`super::ics::Naming`]):
    /// stable, so adding the file again updates its events, and saying nothing of Steady.
    #[serde(rename = "cal", default, skip_serializing_if = "String::is_empty")]
    pub calendar_id: String,
}

/// The medication a risk card's key names ("stop:3", "taper:3"), if any.
fn key_med(key: &str) -> Option<(&str, u64)> {
    let (what, id) = key.split_once(':')?;
    matches!(what, "stop" | "taper").then_some((what, id.parse().ok()?))
}

impl MedsData {
    pub fn get(&self, id: u64) -> Option<&Medication> {
        self.list.iter().find(|m| m.id == id)
    }

    /// Adds `med` as a new medication. Its id is the one it comes with — the
    /// caller gives the time of saving, in milliseconds, as cravings and
    /// journal entries have — raised above every id in the list if need be
    /// (another tab may have added one meanwhile). So an id is never given
    /// twice, even after a removal: a new medication never takes over an old
    /// one's risk cards shown ("stop:<id>"), doses or calendar events.
    pub fn add(&mut self, med: Medication) -> Result<Option<RiskMoment>, MedProblem> {
        let id = super::cravings::next_id(med.id, self.list.iter().map(|m| m.id).max());
        self.save(Medication { id, ..med })
    }

    /// Saves the medication form (`typed`) onto the medication as stored now
    /// ([`Medication::with_form`]); one removed meanwhile is added back as typed.
    pub fn save_form(&mut self, typed: Medication) -> Result<Option<RiskMoment>, MedProblem> {
        let med = self.get(typed.id).map_or_else(|| typed.clone(), |now| now.with_form(&typed));
        self.save(med)
    }

    /// Adds or replaces `med` after checking it. Returns the risk card this
    /// save brings up, if it hasn't been shown before (it counts as shown now).
    pub fn save(&mut self, med: Medication) -> Result<Option<RiskMoment>, MedProblem> {
        med.check()?;
        let moment = not_yet_shown(risk_moment(self.get(med.id), &med), &self.shown);
        match self.list.iter_mut().find(|m| m.id == med.id) {
            Some(known) => *known = med,
            None => self.list.push(med),
        }
        Ok(self.note_shown(moment))
    }

    /// The card that fits `moment`, for the medication it names.
    pub fn risk_card(&self, moment: RiskMoment) -> RiskCard {
        let kind = match moment {
            RiskMoment::Stopped { med } | RiskMoment::Taper { med } => self.get(med).map(|m| m.kind),
            RiskMoment::Left { .. } => None,
        };
        RiskCard::for_moment(moment, kind)
    }

    /// Records leaving `place` on `on`; its risk card, the first time.
    pub fn record_left(&mut self, place: LeftPlace, on: NaiveDate) -> Option<RiskMoment> {
        let left = Left { place, on };
        if !self.left.contains(&left) {
            self.left.push(left);
        }
        self.note_shown(not_yet_shown(Some(RiskMoment::Left { place, on }), &self.shown))
    }

    fn note_shown(&mut self, moment: Option<RiskMoment>) -> Option<RiskMoment> {
        if let Some(m) = moment {
            self.shown.push(m.key());
        }
        moment
    }

    /// Removes a medication (its taken doses stay in the history files until
    /// the person deletes everything; they are shown under no medication).
    /// Its risk-card keys stay too: its id is never given again ([`MedsData::add`]),
    /// so they can't silence another's card, and Undo doesn't bring the card back.
    pub fn remove(&mut self, id: u64) -> Option<Medication> {
        let at = self.list.iter().position(|m| m.id == id)?;
        Some(self.list.remove(at))
    }

    /// The medications still being taken on `day`, in the order added.
    pub fn active_on(&self, day: NaiveDate) -> impl Iterator<Item = &Medication> {
        self.list.iter().filter(move |m| m.is_active_on(day))
    }

    /// Adds `incoming`'s medications, naloxone and notes to these (a backup
    /// merged in). The same medication ([`Medication::same_as`]) is not
    /// doubled, and takes over a stop or taper only the backup has. One whose
    /// id this device has used (for a medication here, or one removed whose
    /// risk card was shown) is renumbered: the returned map says how, for the
    /// doses that name it, and the backup's risk-card keys follow it.
    pub fn merge(&mut self, incoming: &MedsData) -> std::collections::HashMap<u64, u64> {
        let mut renumbered = std::collections::HashMap::new();
        let used: Vec<u64> = self.list.iter().map(|m| m.id).chain(self.shown.iter().filter_map(|k| key_med(k).map(|(_, id)| id))).collect();
        // Above every id on either side, so a renumbered one clashes with nothing to come.
        let mut next = used.iter().copied().chain(incoming.list.iter().map(|m| m.id)).max().unwrap_or(0) + 1;
        for med in &incoming.list {
            if let Some(known) = self.list.iter_mut().find(|m| m.same_as(med)) {
                known.take_over_stops(med);
                renumbered.insert(med.id, known.id);
            } else if !used.contains(&med.id) {
                self.list.push(med.clone());
            } else {
                renumbered.insert(med.id, next);
                self.list.push(Medication { id: next, ..med.clone() });
                next += 1;
            }
        }
        renumbered.retain(|from, to| from != to);
        if self.naloxone.as_ref().is_none_or(Naloxone::is_empty) {
            self.naloxone = incoming.naloxone.clone();
        }
        for l in &incoming.left {
            if !self.left.contains(l) {
                self.left.push(*l);
            }
        }
        super::appointments::merge(&mut self.appts, &incoming.appts);
        for key in &incoming.shown {
            let key = match key_med(key) {
                Some((what, id)) => format!("{what}:{}", renumbered.get(&id).unwrap_or(&id)),
                None => key.clone(),
            };
            if !self.shown.contains(&key) {
                self.shown.push(key);
            }
        }
        if self.calendar_id.is_empty() {
            self.calendar_id = incoming.calendar_id.clone();
        }
        renumbered
    }
}

/// The reminders the calendar file holds for medication and naloxone. Titles
/// are discreet unless the person asks for full ones ([`super::ics::Naming`]):
/// a phone's calendar is seen by others, on its lock screen too. UIDs come from
/// what each reminds of, so importing a newer file updates these events rather than adding copies.
pub fn reminders(data: &MedsData, naming: super::ics::Naming) -> Vec<super::ics::Event> {
    use super::ics::{Event, Start};
    let full_titles = naming.is_full();
    let mut events = Vec::new();
    // A stopped medication is kept, ending on the day it stopped: importing the file
    // again then ends its alarms in the calendar, rather than leaving them ringing.
    for med in &data.list {
        let full = if med.dose.trim().is_empty() { med.shown_name().to_string() } else { format!("{} ({})", med.shown_name(), med.dose.trim()) };
        let id = med.id.to_string();
        if med.times.is_empty() {
            // Once that day (an injection, a pickup): a whole-day event, its alarm at 09:00.
            events.push(Event {
                uid: naming.uid("med", &id),
                title: if full_titles { full.clone() } else { tr!("Reminder").to_string() },
                note: String::new(),
                place: if full_titles { med.prescriber.clone() } else { String::new() },
                dates: med.recurrence(),
                start: Start::Day,
                minutes: 0,
                alarm_before: Some(-9 * 60),
                busy: false,
                skipped: Vec::new(),
            });
        }
        let mut times = med.times.clone();
        times.sort();
        for time in &times {
            events.push(Event {
                uid: naming.uid("med", &format!("{id}-{}", time.format("%H%M"))),
                title: if full_titles { full.clone() } else { super::ics::discreet_at(*time) },
                note: String::new(),
                place: String::new(),
                dates: med.recurrence(),
                start: Start::At(*time),
                minutes: 15,
                alarm_before: Some(0),
                busy: false,
                skipped: Vec::new(),
            });
        }
    }
    events.extend(super::appointments::reminders(&data.appts, naming));
    if let Some(expiry) = data.naloxone.as_ref().and_then(|k| k.expiry) {
        // On the day Steady starts mentioning it, so there is time to get a new kit.
        let notice = expiry - TimeDelta::days(EXPIRY_NOTICE_DAYS);
        events.push(Event {
            uid: naming.uid("naloxone", ""),
            title: if full_titles {
                super::i18n::fill(tr!("Naloxone expires on {}"), &[&super::dates::long_date(expiry)])
            } else {
                tr!("Check a date").to_string()
            },
            note: String::new(),
            place: String::new(),
            dates: Recurrence { first: notice, repeat: Repeat::Once, until: None },
            start: Start::Day,
            minutes: 0,
            alarm_before: Some(-9 * 60),
            busy: false,
            skipped: Vec::new(),
        });
    }
    events
}

/// Doses marked taken, grouped by month (for storing and restoring).
pub fn doses_by_month(doses: impl IntoIterator<Item = Taken>) -> std::collections::BTreeMap<super::cravings::YearMonth, Vec<Taken>> {
    let mut months: std::collections::BTreeMap<super::cravings::YearMonth, Vec<Taken>> = Default::default();
    for dose in doses {
        let list = months.entry(super::cravings::YearMonth::of(dose.day)).or_default();
        if !list.contains(&dose) {
            list.push(dose);
        }
    }
    for list in months.values_mut() {
        arrange_doses(list);
    }
    months
}

/// The order doses are kept in: by day, then by when they were taken.
pub fn arrange_doses(list: &mut [Taken]) {
    list.sort_by_key(|t| (t.day, t.at, t.med));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{at, date, hm};

    #[test]
    fn in_spanish_a_residential_stay_is_a_program_not_an_estancia() {
        // Spanish review D14: "estancia" is the Spain word.
        let shown = crate::domain::i18n::Lang::Es.while_current(|| LeftPlace::Residential.label());
        assert_eq!(shown, "un programa residencial");
    }

    fn bup_twice_daily() -> Medication {
        let mut m = Medication::new(1, MedKind::Buprenorphine, date(2026, 1, 1));
        m.dose = "8 mg".into();
        m.times = vec![hm(20, 0), hm(8, 0)];
        m
    }

    fn injection_every_28_days() -> Medication {
        let mut m = Medication::new(2, MedKind::BuprenorphineMonthly, date(2026, 1, 5));
        m.repeat = Repeat::EveryDays(28);
        m
    }

    #[test]
    fn a_new_medication_is_numbered_on_saving_and_replaces_nothing() {
        // The form opened when the next number was 2; another tab then saved its own 2.
        let mut data = MedsData { list: vec![bup_twice_daily(), injection_every_28_days()], ..MedsData::default() };
        let mut opened_with = Medication::new(2, MedKind::Methadone, date(2026, 2, 1));
        opened_with.dose = "60 mg".into();
        data.add(opened_with.clone()).unwrap();
        assert_eq!(data.list.len(), 3);
        assert_eq!(data.get(2), Some(&injection_every_28_days()));
        assert_eq!(data.get(3), Some(&Medication { id: 3, ..opened_with }));
        // A refused one adds nothing.
        let nameless = Medication::new(7, MedKind::Other, date(2026, 2, 1));
        assert_eq!(data.add(nameless), Err(MedProblem::NoName));
        assert_eq!(data.list.len(), 3);
    }

    #[test]
    fn kinds_offer_their_usual_schedule() {
        assert_eq!(MedKind::Methadone.usual_repeat(), Repeat::Daily);
        assert_eq!(MedKind::BuprenorphineWeekly.usual_repeat(), Repeat::Weekly);
        assert_eq!(MedKind::NaltrexoneMonthly.usual_repeat(), Repeat::Monthly);
        assert!(MedKind::NaltrexoneMonthly.is_injection() && !MedKind::Methadone.is_injection());
        assert!(MedKind::ALL.iter().filter(|k| !k.treats_opioid_use()).eq([&MedKind::Other]));
    }

    #[test]
    fn doses_are_in_time_order_and_only_on_their_days() {
        let m = bup_twice_daily();
        let doses = m.doses_on(date(2026, 3, 1));
        assert_eq!(doses.iter().map(|d| d.time).collect::<Vec<_>>(), vec![Some(hm(8, 0)), Some(hm(20, 0))]);
        assert!(m.doses_on(date(2025, 12, 31)).is_empty());
        let inj = injection_every_28_days();
        assert_eq!(inj.doses_on(date(2026, 2, 2)), vec![Occurrence { date: date(2026, 2, 2), time: None }]);
        assert!(inj.doses_on(date(2026, 2, 3)).is_empty());
    }

    #[test]
    fn a_dose_is_due_from_an_hour_before_until_marked_and_only_today() {
        let m = bup_twice_daily();
        let meds = [m.clone()];
        assert!(due(&meds, &[], at(2026, 3, 1, 6, 59)).is_empty());
        let soon = due(&meds, &[], at(2026, 3, 1, 7, 0));
        assert_eq!(soon.len(), 1);
        assert!(!soon[0].now);
        let late = due(&meds, &[], at(2026, 3, 1, 11, 0));
        assert_eq!(late, vec![Due { med: 1, dose: Occurrence { date: date(2026, 3, 1), time: Some(hm(8, 0)) }, now: true }]);

        let taken = [take(&m, &[], at(2026, 3, 1, 8, 10))];
        assert_eq!(taken[0].slot, Some(hm(8, 0)));
        assert!(due(&meds, &taken, at(2026, 3, 1, 11, 0)).is_empty());
        assert_eq!(due(&meds, &taken, at(2026, 3, 1, 19, 30)).len(), 1);
        // Missed yesterday: nothing is owed today beyond today's doses.
        assert!(due(&meds, &[], at(2026, 3, 2, 0, 30)).is_empty());
    }

    #[test]
    fn what_a_notification_or_badge_tells_of() {
        use crate::domain::appointments::{Appointment, ApptKind};
        let mut data = MedsData::default();
        data.save(bup_twice_daily()).unwrap();
        let mut visit = Appointment::new(1, ApptKind::Counselling, date(2026, 3, 1));
        visit.time = Some(hm(10, 0));
        data.appts.push(visit);
        assert!(due_now(&data, &[], at(2026, 3, 1, 6, 0)).is_empty());
        let at_eight = due_now(&data, &[], at(2026, 3, 1, 8, 0));
        assert_eq!(at_eight.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), vec!["dose-1-2026-03-01-08:00"]);
        assert_eq!(at_eight[0].message(), "Reminder: 08:00");
        // Taken, and the visit within the hour: only the visit.
        let taken = [take(&data.list[0], &[], at(2026, 3, 1, 8, 5))];
        let at_nine = due_now(&data, &taken, at(2026, 3, 1, 9, 0));
        assert_eq!((at_nine.len(), at_nine[0].key.as_str(), at_nine[0].message()), (1, "appt-1-2026-03-01", "An appointment at 10:00".to_string()));
        // Once it has begun, it is no longer coming up.
        assert!(due_now(&data, &taken, at(2026, 3, 1, 10, 1)).is_empty());
    }

    #[test]
    fn an_injection_day_is_due_all_day_and_nothing_is_due_after_stopping() {
        let mut inj = injection_every_28_days();
        let d = due(std::slice::from_ref(&inj), &[], at(2026, 2, 2, 0, 1));
        assert_eq!(d.len(), 1);
        assert!(d[0].now);
        inj.stopped = Some(date(2026, 2, 1));
        assert!(due(&[inj], &[], at(2026, 2, 2, 12, 0)).is_empty());
    }

    #[test]
    fn a_tap_answers_the_right_dose() {
        let m = bup_twice_daily();
        // Early for the morning dose.
        assert_eq!(dose_for_tap(&m, &[], at(2026, 3, 1, 5, 0)).unwrap().time, Some(hm(8, 0)));
        // Late morning: still the morning dose, not the evening one.
        let morning = take(&m, &[], at(2026, 3, 1, 13, 0));
        assert_eq!(morning.slot, Some(hm(8, 0)));
        // Then the evening one, even taken early.
        let evening = take(&m, std::slice::from_ref(&morning), at(2026, 3, 1, 14, 0));
        assert_eq!(evening.slot, Some(hm(20, 0)));
        // A third tap is an extra dose: recorded, answering none.
        let extra = take(&m, &[morning, evening], at(2026, 3, 1, 21, 0));
        assert_eq!(extra.slot, None);
        assert_eq!(extra.at, at(2026, 3, 1, 21, 0));
    }

    #[test]
    fn on_the_spring_forward_day_a_0230_dose_is_due_once_the_clock_reads_0300() {
        // In Europe/London on 2026-03-29 the clock goes 00:59 → 02:00; in New York on 2026-03-08,
        // 01:59 → 03:00. Times are wall-clock, so a dose set at 02:30 is due at the first moment
        // the phone shows after it, and answered by a tap then.
        let mut m = bup_twice_daily();
        m.times = vec![hm(2, 30)];
        let after_jump = at(2026, 3, 8, 3, 0);
        let d = due(std::slice::from_ref(&m), &[], after_jump);
        assert_eq!(d.len(), 1);
        assert!(d[0].now);
        assert_eq!(take(&m, &[], after_jump).slot, Some(hm(2, 30)));
    }

    #[test]
    fn after_travel_a_dose_keeps_its_local_time() {
        // An 08:00 dose is at 08:00 on the phone's clock wherever the person is: what is due
        // follows the local time the phone shows, before and after the flight.
        let m = bup_twice_daily();
        let meds = [m];
        assert_eq!(due(&meds, &[], at(2026, 6, 1, 7, 30)).len(), 1); // London, 07:30
        assert_eq!(due(&meds, &[], at(2026, 6, 1, 2, 30)).len(), 0); // New York, the same instant
    }

    #[test]
    fn history_shows_each_day_without_judging() {
        let m = bup_twice_daily();
        let taken = [take(&m, &[], at(2026, 3, 1, 8, 5))];
        assert_eq!(day_doses(&m, &taken, date(2026, 3, 1)), DayDoses::Marked { taken: 1, due: 2 });
        assert_eq!(day_doses(&m, &taken, date(2026, 3, 2)), DayDoses::Marked { taken: 0, due: 2 });
        assert_eq!(day_doses(&m, &taken, date(2025, 3, 2)), DayDoses::NoneDue);
        let inj = injection_every_28_days();
        assert_eq!(day_doses(&inj, &[], date(2026, 1, 6)), DayDoses::NoneDue);
    }

    #[test]
    fn five_years_of_twice_daily_doses() {
        let m = bup_twice_daily();
        let mut taken = Vec::new();
        let mut day = date(2021, 1, 1);
        let mut m5 = m.clone();
        m5.first = day;
        while taken.len() < 3_650 {
            for t in [hm(8, 0), hm(20, 0)] {
                taken.push(take(&m5, &taken, day.and_time(t)));
            }
            day = day.succ_opt().unwrap();
        }
        assert!(taken.iter().all(|t| t.slot.is_some()));
        let last = taken.last().unwrap().day;
        assert_eq!(day_doses(&m5, &taken, last), DayDoses::Marked { taken: 2, due: 2 });
        assert!(due(&[m5], &taken, last.and_time(hm(21, 0))).is_empty());
    }

    #[test]
    fn stopping_or_tapering_treatment_brings_up_the_risk_card_once() {
        let m = bup_twice_daily();
        assert_eq!(risk_moment(None, &m), None);
        let mut stopped = m.clone();
        stopped.stopped = Some(date(2026, 4, 1));
        assert_eq!(risk_moment(Some(&m), &stopped), Some(RiskMoment::Stopped { med: 1 }));
        // Editing something already stopped starts nothing new.
        let mut edited = stopped.clone();
        edited.dose = "4 mg".into();
        assert_eq!(risk_moment(Some(&stopped), &edited), None);
        // Added already stopped: the person is filling in what happened.
        assert_eq!(risk_moment(None, &stopped), Some(RiskMoment::Stopped { med: 1 }));

        let mut taper = m.clone();
        taper.tapering_since = Some(date(2026, 3, 1));
        assert_eq!(risk_moment(Some(&m), &taper), Some(RiskMoment::Taper { med: 1 }));
        assert_eq!(risk_moment(Some(&taper), &taper), None);

        // Shown once: its key is remembered.
        let moment = risk_moment(Some(&m), &taper);
        let shown = vec![moment.unwrap().key()];
        assert_eq!(not_yet_shown(moment, &shown), None);
        assert_eq!(not_yet_shown(moment, &[]), moment);
    }

    #[test]
    fn a_restart_takes_the_dose_given_now_never_the_old_one() {
        let mut methadone = Medication::new(5, MedKind::Methadone, date(2026, 1, 1));
        methadone.dose = "80 mg".into();
        methadone.times = vec![hm(9, 0)];
        methadone.take_homes = Some(6);
        methadone.tapering_since = Some(date(2026, 2, 1));
        methadone.stopped = Some(date(2026, 3, 1));
        let again = methadone.restarted(" 30 mg ");
        assert_eq!((again.dose.as_str(), again.stopped, again.tapering_since, again.take_homes), ("30 mg", None, None, None));
        assert_eq!((again.times.clone(), again.first, again.repeat), (methadone.times.clone(), methadone.first, methadone.repeat), "the schedule stays");
        // Nothing typed: no dose written down, and the old one is not brought back.
        assert_eq!(methadone.restarted("  ").dose, "");
        // Saved like any change: checked, and no risk card.
        let mut data = MedsData { list: vec![methadone.clone()], ..MedsData::default() };
        assert_eq!(data.save(methadone.restarted(&"x".repeat(MAX_FIELD + 1))), Err(MedProblem::TooLong));
        assert_eq!(data.get(5).unwrap().dose, "80 mg", "a refused restart changes nothing");
        assert_eq!(data.save(again), Ok(None));
        assert!(data.get(5).unwrap().is_active_on(date(2026, 3, 10)));
    }

    #[test]
    fn each_medication_and_moment_gets_the_card_that_fits_it() {
        let stop = |med| RiskMoment::Stopped { med };
        let taper = |med| RiskMoment::Taper { med };
        for kind in [MedKind::Methadone, MedKind::Buprenorphine, MedKind::BuprenorphineWeekly, MedKind::BuprenorphineMonthly] {
            assert_eq!(RiskCard::for_moment(stop(1), Some(kind)), RiskCard::Stopped, "{kind:?}");
            assert_eq!(RiskCard::for_moment(taper(1), Some(kind)), RiskCard::Taper, "{kind:?}");
            assert!(kind.can_taper());
        }
        for kind in [MedKind::Naltrexone, MedKind::NaltrexoneMonthly] {
            assert_eq!(RiskCard::for_moment(stop(1), Some(kind)), RiskCard::Naltrexone, "{kind:?}");
            // A taper recorded before naltrexone lost its button still gets naltrexone's own words.
            assert_eq!(RiskCard::for_moment(taper(1), Some(kind)), RiskCard::Naltrexone, "{kind:?}");
            assert!(!kind.can_taper());
        }
        assert!(!MedKind::Other.can_taper());
        // The Cornish figures are for methadone and buprenorphine, after stopping.
        assert!(RiskCard::Stopped.cites_cornish());
        for card in [RiskCard::Taper, RiskCard::Naltrexone, RiskCard::Left(LeftPlace::Prison)] {
            assert!(!card.cites_cornish(), "{card:?}");
        }
        let left = RiskMoment::Left { place: LeftPlace::Prison, on: date(2026, 5, 1) };
        assert_eq!(RiskCard::for_moment(left, Some(MedKind::Naltrexone)), RiskCard::Left(LeftPlace::Prison));
        // Looked up by the medication the moment names.
        let mut ntx = Medication::new(2, MedKind::NaltrexoneMonthly, date(2026, 1, 1));
        ntx.stopped = Some(date(2026, 2, 1));
        let data = MedsData { list: vec![bup_twice_daily(), ntx], ..MedsData::default() };
        assert_eq!(data.risk_card(stop(1)), RiskCard::Stopped);
        assert_eq!(data.risk_card(taper(1)), RiskCard::Taper);
        assert_eq!(data.risk_card(stop(2)), RiskCard::Naltrexone);
        assert_eq!(data.risk_card(stop(9)), RiskCard::Stopped, "a medication removed meanwhile");
        assert_eq!(data.risk_card(left), RiskCard::Left(LeftPlace::Prison));
    }

    #[test]
    fn naltrexone_is_not_tapered() {
        let ntx = Medication::new(6, MedKind::Naltrexone, date(2026, 1, 1));
        let mut taper = ntx.clone();
        taper.tapering_since = Some(date(2026, 2, 1));
        assert_eq!(risk_moment(Some(&ntx), &taper), None);
        let mut stopped = ntx.clone();
        stopped.stopped = Some(date(2026, 2, 1));
        assert_eq!(risk_moment(Some(&ntx), &stopped), Some(RiskMoment::Stopped { med: 6 }));
    }

    #[test]
    fn other_medication_brings_up_no_overdose_card() {
        let mut m = Medication::new(3, MedKind::Other, date(2026, 1, 1));
        m.name = "Sertraline".into();
        let mut stopped = m.clone();
        stopped.stopped = Some(date(2026, 2, 1));
        assert_eq!(risk_moment(Some(&m), &stopped), None);
    }

    #[test]
    fn leaving_a_place_is_remembered_by_place_and_day() {
        let a = RiskMoment::Left { place: LeftPlace::Prison, on: date(2026, 5, 1) };
        let b = RiskMoment::Left { place: LeftPlace::Detox, on: date(2026, 5, 1) };
        assert_eq!(a.key(), "left:prison:2026-05-01");
        assert_ne!(a.key(), b.key());
    }

    #[test]
    fn what_cannot_be_saved_says_why() {
        let mut m = Medication::new(4, MedKind::Other, date(2026, 1, 1));
        assert_eq!(m.check(), Err(MedProblem::NoName));
        m.name = "Other".into();
        assert_eq!(m.check(), Ok(()));
        m.dose = "x".repeat(MAX_FIELD + 1);
        assert_eq!(m.check(), Err(MedProblem::TooLong));
        m.dose = "1".into();
        m.repeat = Repeat::EveryDays(0);
        assert_eq!(m.check(), Err(MedProblem::BadRepeat));
        m.repeat = Repeat::Daily;
        m.times = vec![hm(8, 0), hm(8, 0)];
        assert_eq!(m.check(), Err(MedProblem::SameTimeTwice));
        m.times = (0..9).map(|h| hm(h, 0)).collect();
        assert_eq!(m.check(), Err(MedProblem::TooManyTimes));
        m.times.clear();
        m.take_homes = Some(100);
        assert_eq!(m.check(), Err(MedProblem::TooManyTakeHomes));
        m.take_homes = Some(6);
        m.stopped = Some(date(2025, 12, 31));
        assert_eq!(m.check(), Err(MedProblem::StoppedBeforeStart));
        assert!(MedProblem::NoName.message().ends_with('.'));
    }

    #[test]
    fn stored_form_round_trips_and_reads_what_it_does_not_write() {
        let mut m = injection_every_28_days();
        m.take_homes = Some(0);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Medication>(&json).unwrap(), m);
        let daily = bup_twice_daily();
        let json = serde_json::to_string(&daily).unwrap();
        assert!(json.contains(r#""at":["20:00:00","08:00:00"]"#), "{json}");
        assert_eq!(serde_json::from_str::<Medication>(&json).unwrap(), daily);
        assert!(serde_json::from_str::<Medication>(r#"{"id":7,"k":"methadone","from":"2026-01-01","at":["25:00"]}"#).is_err());
        let bare: Medication = serde_json::from_str(r#"{"id":7,"k":"methadone","from":"2026-01-01"}"#).unwrap();
        assert_eq!(bare.repeat, Repeat::Once);
        assert_eq!(bare.shown_name(), "Methadone");
        let t = Taken { med: 7, day: date(2026, 1, 1), slot: None, at: at(2026, 1, 1, 9, 0) };
        assert_eq!(serde_json::from_str::<Taken>(&serde_json::to_string(&t).unwrap()).unwrap(), t);
    }

    #[test]
    fn naloxone_expiry_is_mentioned_from_30_days_before() {
        let kit = Naloxone { place: "Kitchen drawer".into(), expiry: Some(date(2028, 2, 29)), kind: NaloxoneKind::Injection };
        assert_eq!(kit.expiry_on(date(2028, 1, 29)), Expiry::Fine, "31 days before");
        assert_eq!(kit.expiry_on(date(2028, 1, 30)), Expiry::Soon(30));
        assert_eq!(kit.expiry_on(date(2028, 2, 29)), Expiry::Soon(0), "the leap day itself");
        assert_eq!(kit.expiry_on(date(2028, 3, 1)), Expiry::Expired);
        assert_eq!(Naloxone { expiry: None, ..kit.clone() }.expiry_on(date(2030, 1, 1)), Expiry::Fine, "no date, no notice");
        assert!(!kit.is_empty());
        assert!(Naloxone::default().is_empty());
        assert_eq!(Naloxone { place: "x".repeat(201), ..kit }.check(), Err(MedProblem::TooLong));
    }

    #[test]
    fn stopping_brings_up_the_risk_card_once_and_taking_never_does() {
        let mut data = MedsData::default();
        assert_eq!(data.save(bup_twice_daily()), Ok(None), "adding a medication");
        let mut stopped = bup_twice_daily();
        stopped.stopped = Some(date(2026, 3, 1));
        assert_eq!(data.save(stopped.clone()), Ok(Some(RiskMoment::Stopped { med: 1 })));
        // Started again and stopped again: the card was already shown for this medication.
        let mut again = stopped.clone();
        again.stopped = None;
        assert_eq!(data.save(again), Ok(None));
        assert_eq!(data.save(stopped), Ok(None));
        assert_eq!(data.shown, ["stop:1"]);
        // A bad medication changes nothing.
        let mut bad = injection_every_28_days();
        bad.repeat = Repeat::EveryDays(0);
        assert_eq!(data.save(bad), Err(MedProblem::BadRepeat));
        assert_eq!(data.list.len(), 1);
    }

    #[test]
    fn leaving_a_place_is_recorded_and_its_card_shown_once_per_day_left() {
        let mut data = MedsData::default();
        let on = date(2026, 6, 1);
        assert_eq!(data.record_left(LeftPlace::Prison, on), Some(RiskMoment::Left { place: LeftPlace::Prison, on }));
        assert_eq!(data.record_left(LeftPlace::Prison, on), None);
        assert_eq!(data.left.len(), 1);
        assert!(data.record_left(LeftPlace::Detox, date(2026, 9, 1)).is_some(), "another stay, another card");
    }

    #[test]
    fn merging_keeps_the_same_medication_once_and_renumbers_a_clash() {
        let mut here = MedsData::default();
        here.save(bup_twice_daily()).unwrap();
        let mut there = MedsData::default();
        there.save(bup_twice_daily()).unwrap();
        let mut methadone = Medication::new(1, MedKind::Methadone, date(2025, 5, 5));
        methadone.id = 2;
        there.list[0].dose = "12 mg".into(); // the same medication, changed since
        there.save(methadone).unwrap();
        let mut clash = Medication::new(2, MedKind::Naltrexone, date(2025, 1, 1));
        clash.id = 2;
        here.save(clash).unwrap();
        there.naloxone = Some(Naloxone { place: "Bag".into(), ..Default::default() });
        let renumbered = here.merge(&there);
        assert_eq!(here.list.len(), 3);
        assert_eq!(here.get(1).unwrap().dose, "8 mg", "the device's own is kept");
        assert_eq!(renumbered.get(&2), Some(&3));
        assert_eq!(here.get(3).unwrap().kind, MedKind::Methadone);
        assert_eq!(here.naloxone.as_ref().unwrap().place, "Bag");
    }

    #[test]
    fn doses_are_grouped_by_month_in_order_without_repeats() {
        let med = bup_twice_daily();
        let first = take(&med, &[], at(2026, 1, 31, 20, 5));
        let second = take(&med, &[], at(2026, 2, 1, 8, 0));
        let months = doses_by_month([second.clone(), first.clone(), first.clone()]);
        assert_eq!(months.len(), 2);
        assert_eq!(months.values().next().unwrap(), &vec![first]);
        assert!(doses_by_month([]).is_empty());
    }

    #[test]
    fn times_on_a_twelve_hour_clock_are_read_as_people_write_them() {
        assert_eq!(parse_times("8am, 8:30 PM"), Ok(vec![hm(8, 0), hm(20, 30)]));
        assert_eq!(parse_times("8:00 a. m., 8:30\u{a0}p.\u{a0}m."), Ok(vec![hm(8, 0), hm(20, 30)]));
        assert_eq!(parse_times("9 p.m. 7 a.m."), Ok(vec![hm(7, 0), hm(21, 0)]));
        assert_eq!(parse_times("12 am, 12:15 pm"), Ok(vec![hm(0, 0), hm(12, 15)]), "midnight and a quarter past noon");
        assert_eq!(parse_times("8:00 AM, 20:30"), Ok(vec![hm(8, 0), hm(20, 30)]), "both clocks in one field");
        for wrong in ["13 pm", "0 am", "8:60 am", "8 xm", "am", "8 a", "8 noon", "8 am pm", "8h30"] {
            assert_eq!(parse_times(wrong), Err(MedProblem::BadTime), "{wrong}");
        }
        // What the form shows on a 12-hour clock reads back as the same times.
        let times = vec![hm(0, 5), hm(8, 0), hm(12, 0), hm(20, 30)];
        for conventions in [crate::domain::conventions::tests::en_us(), crate::domain::conventions::tests::es_us()] {
            let shown = conventions.while_current(|| times_text(&times));
            assert_eq!(parse_times(&shown), Ok(times.clone()), "{shown}");
        }
        let shown = crate::domain::conventions::tests::en_us().while_current(|| times_text(&times));
        assert_eq!(shown, "12:05\u{a0}AM, 8:00\u{a0}AM, 12:00\u{a0}PM, 8:30\u{a0}PM");
        let problem = crate::domain::conventions::tests::en_us().while_current(|| MedProblem::BadTime.message());
        assert_eq!(problem, "Write the times like 8:00\u{a0}AM or 8:30\u{a0}PM, with commas between them.");
    }

    #[test]
    fn times_are_read_from_one_field_in_order() {
        assert_eq!(parse_times("20:30, 8:00"), Ok(vec![hm(8, 0), hm(20, 30)]));
        assert_eq!(parse_times(" 08:00;20:00 "), Ok(vec![hm(8, 0), hm(20, 0)]));
        assert_eq!(parse_times(""), Ok(vec![]));
        assert_eq!(parse_times("8:00 20:30"), Ok(vec![hm(8, 0), hm(20, 30)]));
        assert_eq!(parse_times("25:00"), Err(MedProblem::BadTime));
        assert_eq!(parse_times("8"), Err(MedProblem::BadTime), "a bare hour could be either clock");
        assert_eq!(times_text(&[hm(8, 0), hm(20, 30)]), "08:00, 20:30");
        // Twice the same time is caught when the medication is checked.
        let mut m = bup_twice_daily();
        m.times = parse_times("8:00, 08:00").unwrap();
        assert_eq!(m.check(), Err(MedProblem::SameTimeTwice));
    }

    #[test]
    fn calendar_reminders_are_discreet_unless_asked_and_keep_their_uids() {
        use crate::domain::ics::{calendar, Naming, Start};
        let mut data = MedsData::default();
        data.save(bup_twice_daily()).unwrap();
        data.save(injection_every_28_days()).unwrap();
        let mut stopped = Medication::new(3, MedKind::Naltrexone, date(2025, 1, 1));
        stopped.stopped = Some(date(2025, 6, 1));
        data.save(stopped).unwrap();
        data.naloxone = Some(Naloxone { place: "Bag".into(), expiry: Some(date(2027, 3, 1)), kind: NaloxoneKind::NasalSpray });
        let quiet = Naming::Discreet("5e1f0c2a9b7d3e41");
        let events = reminders(&data, quiet);
        let titles: Vec<&str> = events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Reminder: 08:00", "Reminder: 20:00", "Reminder", "Reminder", "Check a date"], "nothing named");
        // The stopped one ends on the day it stopped, so importing again ends its alarms.
        assert_eq!((events[3].uid.as_str(), events[3].dates.until), ("5e1f0c2a9b7d3e41-m3", Some(date(2025, 6, 1))));
        assert!(calendar(&events[3..4], at(2026, 1, 1, 12, 0), quiet).contains("RRULE:FREQ=DAILY;UNTIL=20250601\r\n"));
        assert_eq!(events[0].uid, "5e1f0c2a9b7d3e41-m1-0800");
        assert_eq!(events[4].uid, "5e1f0c2a9b7d3e41-n");
        assert_eq!(events[0].start, Start::At(hm(8, 0)));
        assert_eq!(events[2].start, Start::Day);
        assert_eq!(events[2].dates.repeat, Repeat::EveryDays(28));
        assert_eq!(events[4].dates.first, date(2027, 1, 30), "30 days before the printed date");
        // Asked for: names, and the file and its UIDs as they always were.
        let full = reminders(&data, Naming::Full);
        assert_eq!(full[0].title, "Buprenorphine film or tablet (8 mg)");
        assert_eq!(full[4].title, "Naloxone expires on 1 March 2027");
        assert_eq!((full[0].uid.as_str(), full[3].uid.as_str(), full[4].uid.as_str()), ("steady-med-1-0800@steady.app", "steady-med-3@steady.app", "steady-naloxone@steady.app"));
        assert!(calendar(&full, at(2026, 1, 1, 12, 0), Naming::Full).contains("PRODID:-//Steady//Recovery companion//EN\r\n"));
        let file = calendar(&events, at(2026, 1, 1, 12, 0), quiet);
        assert!(file.contains("RRULE:FREQ=DAILY") && file.contains("RRULE:FREQ=DAILY;INTERVAL=28") && file.contains("TRIGGER:PT9H"), "{file}");
        assert!(reminders(&MedsData::default(), quiet).is_empty());
    }

    /// Security review S6 (`the_discreet_calendar_file_says_recovery_and_naloxone`, inverted).
    #[test]
    fn the_discreet_calendar_file_says_nothing_of_steady_recovery_or_naloxone_and_keeps_its_uids() {
        use crate::domain::appointments::{Appointment, ApptKind};
        use crate::domain::ics::{calendar, Naming};
        let mut data = MedsData::default();
        let mut bup = bup_twice_daily();
        bup.name = "Suboxone".into();
        bup.prescriber = "Recovery clinic".into();
        data.save(bup).unwrap();
        data.save(injection_every_28_days()).unwrap();
        let mut visit = Appointment::new(4, ApptKind::Counselling, date(2026, 3, 2));
        (visit.title, visit.place, visit.note) = ("Recovery group".into(), "Steady Street".into(), "Naloxone training".into());
        data.appts.push(visit);
        data.naloxone = Some(Naloxone { place: "Bag".into(), expiry: Some(date(2027, 3, 1)), kind: NaloxoneKind::NasalSpray });
        let export = |naming: Naming, stamp: NaiveDateTime| {
            let mut events = reminders(&data, naming);
            events.push(crate::domain::checkin::calendar_reminder(hm(21, 0), date(2026, 3, 1), naming));
            calendar(&events, stamp, naming)
        };
        let quiet = Naming::Discreet("9c4b2e7f01a3d658");
        let first = export(quiet, at(2026, 3, 1, 12, 0));
        let lower = first.to_lowercase();
        for word in ["steady", "recovery", "naloxone", "suboxone", "buprenorphine", "counselling", "bag"] {
            assert!(!lower.contains(word), "{word} in {first}");
        }
        // The same UIDs in a later export (a re-import updates the events), all of them this install's own.
        let uids = |file: &str| file.lines().filter(|l| l.starts_with("UID:")).map(str::to_owned).collect::<Vec<_>>();
        let later = export(quiet, at(2026, 5, 9, 8, 30));
        assert_ne!(first, later, "a later stamp");
        assert_eq!(uids(&first), uids(&later));
        assert_eq!(uids(&first).len(), 6);
        assert!(uids(&first).iter().all(|u| u.starts_with("UID:9c4b2e7f01a3d658-")), "{:?}", uids(&first));
        let mut unique = uids(&first);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 6);
        // Asked for full titles: the file says what it is, as before.
        let full = export(Naming::Full, at(2026, 3, 1, 12, 0));
        assert!(full.contains("UID:steady-appt-4@steady.app\r\n") && full.contains("UID:steady-checkin@steady.app\r\n") && full.contains("SUMMARY:Recovery group\r\n"));
    }

    /// Reliability review D2 (`a_reused_medication_id_suppresses_the_overdose_risk_card_and_inherits_history`, inverted).
    #[test]
    fn a_removed_medications_id_is_never_given_again_so_its_card_and_doses_stay_its_own() {
        let t0 = 1_767_000_000_000; // milliseconds, December 2025
        let mut data = MedsData::default();
        // Buprenorphine, added, taken, stopped: the card is shown.
        data.add(Medication::new(t0, MedKind::Buprenorphine, date(2026, 1, 1))).unwrap();
        let bup = data.list[0].clone();
        let old_doses = [take(&bup, &[], at(2026, 1, 2, 8, 0))];
        let stopped = Medication { stopped: Some(date(2026, 2, 1)), ..bup.clone() };
        assert_eq!(data.save(stopped), Ok(Some(RiskMoment::Stopped { med: bup.id })));
        // Removed; months later methadone is added, then stopped: its own card.
        data.remove(bup.id).unwrap();
        let mut methadone = Medication::new(t0 + 5_000_000_000, MedKind::Methadone, date(2026, 1, 1));
        methadone.times = vec![hm(8, 0)];
        data.add(methadone).unwrap();
        let methadone = data.list[0].clone();
        assert_ne!(methadone.id, bup.id);
        let moment = data.save(Medication { stopped: Some(date(2026, 6, 1)), ..methadone.clone() });
        assert_eq!(moment, Ok(Some(RiskMoment::Stopped { med: methadone.id })), "the card shows again");
        // None of buprenorphine's doses are methadone's.
        assert_eq!(day_doses(&methadone, &old_doses, date(2026, 1, 2)), DayDoses::Marked { taken: 0, due: 1 });

        // Data from before: counted ids, the card shown for a removed number 1.
        let mut legacy = MedsData { list: vec![Medication::new(1, MedKind::Buprenorphine, date(2025, 1, 1))], shown: vec!["stop:1".into()], ..MedsData::default() };
        legacy.remove(1);
        legacy.add(Medication::new(t0, MedKind::Methadone, date(2026, 1, 1))).unwrap();
        assert_eq!(legacy.list[0].id, t0);
        assert!(legacy.save(Medication { stopped: Some(date(2026, 2, 1)), ..legacy.list[0].clone() }).unwrap().is_some());
        // A clock set back never gives an id already in the list.
        legacy.add(Medication { name: "Sertraline".into(), ..Medication::new(5, MedKind::Other, date(2026, 1, 1)) }).unwrap();
        assert_eq!(legacy.list[1].id, t0 + 1);
        // Undo of a removal brings back the same medication, and not its card.
        let gone = legacy.remove(t0).unwrap();
        assert_eq!(legacy.save(gone), Ok(None));
    }

    /// Reliability review D6 (`saving_the_medication_form_reverts_a_stop_made_meanwhile`, inverted).
    #[test]
    fn saving_the_medication_form_keeps_a_stop_or_taper_made_meanwhile() {
        let mut data = MedsData { list: vec![bup_twice_daily()], ..MedsData::default() };
        // The form opens on the medication as it is…
        let base = data.get(1).unwrap().clone();
        // …it is stopped (below the form, in another tab)…
        data.save(Medication { stopped: Some(date(2026, 3, 1)), ..base.clone() }).unwrap();
        // …and the form, with a new dose, is saved.
        let typed = Medication { dose: "12 mg".into(), times: vec![hm(9, 0)], ..base.clone() };
        assert_eq!(data.save_form(typed.clone()), Ok(None));
        let saved = data.get(1).unwrap();
        assert_eq!((saved.dose.as_str(), saved.times.clone(), saved.stopped), ("12 mg", vec![hm(9, 0)], Some(date(2026, 3, 1))));
        // The same for a taper, and a form kept as a draft since before the taper.
        let mut data = MedsData { list: vec![bup_twice_daily()], ..MedsData::default() };
        data.save(Medication { tapering_since: Some(date(2026, 3, 5)), ..base.clone() }).unwrap();
        data.save_form(Medication { pharmacy: "Main St".into(), ..base.clone() }).unwrap();
        assert_eq!(data.get(1).unwrap().tapering_since, Some(date(2026, 3, 5)));
        // Removed meanwhile: added back as typed.
        data.remove(1);
        data.save_form(typed).unwrap();
        assert_eq!(data.get(1).unwrap().dose, "12 mg");
    }

    /// Reliability review T1 (`a_taken_tap_after_midnight_marks_the_morning_dose`, inverted).
    #[test]
    fn a_taken_tap_after_midnight_marks_last_nights_late_dose() {
        let mut m = bup_twice_daily();
        m.times = vec![hm(8, 0), hm(22, 0)];
        let meds = [m.clone()];
        let morning = |day| Occurrence { date: day, time: Some(hm(8, 0)) };
        let night = |day| Occurrence { date: day, time: Some(hm(22, 0)) };
        // Yesterday's morning dose marked, the 22:00 one taken late: at 00:20 the tap is for it.
        let yesterday_morning = take(&m, &[], at(2026, 3, 9, 8, 5));
        let late = take(&m, std::slice::from_ref(&yesterday_morning), at(2026, 3, 10, 0, 20));
        assert_eq!((late.day, late.slot, late.at), (date(2026, 3, 9), Some(hm(22, 0)), at(2026, 3, 10, 0, 20)));
        // At 08:05 the 08:00 dose is still due; a tap then answers it.
        let taken = [yesterday_morning, late];
        assert_eq!(due(&meds, &taken, at(2026, 3, 10, 8, 5)), vec![Due { med: 1, dose: morning(date(2026, 3, 10)), now: true }]);
        assert_eq!(take(&m, &taken, at(2026, 3, 10, 8, 5)).slot, Some(hm(8, 0)));
        // Up to six hours late; after that a tap is for today's dose (early), as before.
        assert_eq!(dose_for_tap(&m, &[], at(2026, 3, 10, 3, 59)), Some(night(date(2026, 3, 9))));
        assert_eq!(dose_for_tap(&m, &[], at(2026, 3, 10, 4, 0)), Some(morning(date(2026, 3, 10))));
        // Once today's first dose is within its hour, a tap is for it, not last night's.
        let mut small_hours = m.clone();
        small_hours.times = vec![hm(4, 0), hm(23, 0)];
        let (late, early) = (Occurrence { date: date(2026, 3, 9), time: Some(hm(23, 0)) }, Occurrence { date: date(2026, 3, 10), time: Some(hm(4, 0)) });
        assert_eq!(dose_for_tap(&small_hours, &[], at(2026, 3, 10, 2, 59)), Some(late));
        assert_eq!(dose_for_tap(&small_hours, &[], at(2026, 3, 10, 3, 0)), Some(early));
        // Last night's already marked: the morning's, early.
        let marked = [taken_for(&m, Some(night(date(2026, 3, 9))), at(2026, 3, 9, 22, 5))];
        assert_eq!(dose_for_tap(&m, &marked, at(2026, 3, 10, 0, 20)), Some(morning(date(2026, 3, 10))));
        // A missed morning dose is never reached back for.
        let mut once = m.clone();
        once.times = vec![hm(8, 0)];
        assert_eq!(dose_for_tap(&once, &[], at(2026, 3, 10, 0, 20)), Some(morning(date(2026, 3, 10))));
        // Once a day at 22:00: last night's until 04:00, then today's (early).
        let mut evening = m.clone();
        evening.times = vec![hm(22, 0)];
        assert_eq!(dose_for_tap(&evening, &[], at(2026, 3, 10, 3, 59)), Some(night(date(2026, 3, 9))));
        assert_eq!(dose_for_tap(&evening, &[], at(2026, 3, 10, 4, 0)), Some(night(date(2026, 3, 10))));
        // Every other day: today has no dose, last night's is still the one.
        let mut alternate = evening.clone();
        alternate.repeat = Repeat::EveryDays(2);
        assert!(alternate.doses_on(date(2026, 3, 3)).is_empty());
        assert_eq!(dose_for_tap(&alternate, &[], at(2026, 3, 3, 0, 20)), Some(night(date(2026, 3, 2))));
        // Started today: nothing from yesterday.
        assert_eq!(dose_for_tap(&Medication { first: date(2026, 3, 10), ..m.clone() }, &[], at(2026, 3, 10, 0, 20)), Some(morning(date(2026, 3, 10))));
        // Times are wall-clock: the nights of DST changes (US 8 March, EU 29 March, US and EU
        // autumn 1 November and 25 October) and the ends of a month and a year are like any other.
        for (day, tap) in [
            (date(2026, 3, 7), at(2026, 3, 8, 0, 20)),
            (date(2026, 3, 28), at(2026, 3, 29, 0, 20)),
            (date(2026, 10, 31), at(2026, 11, 1, 1, 30)),
            (date(2026, 10, 24), at(2026, 10, 25, 2, 30)),
            (date(2026, 3, 31), at(2026, 4, 1, 0, 20)),
            (date(2026, 2, 28), at(2026, 3, 1, 0, 20)),
            (date(2026, 12, 31), at(2027, 1, 1, 0, 20)),
        ] {
            let t = take(&m, &[], tap);
            assert_eq!((t.day, t.slot, t.at), (day, Some(hm(22, 0)), tap), "{tap}");
            assert_eq!(due(&meds, &[t.clone()], tap.date().and_time(hm(8, 5))).len(), 1, "{tap}: the morning dose still due");
            // "Taken at another time": 23:50 is last night's, 00:10 this morning's.
            assert_eq!(t.at_time(hm(23, 50)), day.and_time(hm(23, 50)));
            assert_eq!(t.at_time(hm(0, 10)), tap.date().and_time(hm(0, 10)));
        }
    }

    #[test]
    fn merging_takes_over_a_stop_or_taper_only_the_backup_has() {
        let mut here = MedsData::default();
        here.save(bup_twice_daily()).unwrap();
        let mut there = here.clone();
        there.list[0].stopped = Some(date(2026, 3, 1));
        there.shown.push("stop:1".into());
        let mut merged = here.clone();
        assert!(merged.merge(&there).is_empty());
        assert_eq!((merged.list.len(), merged.list[0].stopped), (1, Some(date(2026, 3, 1))));
        assert_eq!(merged.shown, ["stop:1"]);
        // Both stopped: the later one is the newer record (a restart, then a stop again).
        here.list[0].stopped = Some(date(2026, 4, 2));
        let mut merged = here.clone();
        merged.merge(&there);
        assert_eq!(merged.list[0].stopped, Some(date(2026, 4, 2)));
        let mut merged = there.clone();
        merged.merge(&here);
        assert_eq!(merged.list[0].stopped, Some(date(2026, 4, 2)));
        // A taper only one side has.
        let mut tapering = MedsData { list: vec![Medication { tapering_since: Some(date(2026, 2, 1)), ..bup_twice_daily() }], ..MedsData::default() };
        let mut plain = MedsData { list: vec![bup_twice_daily()], ..MedsData::default() };
        plain.merge(&tapering);
        assert_eq!(plain.list[0].tapering_since, Some(date(2026, 2, 1)));
        tapering.merge(&MedsData { list: vec![bup_twice_daily()], ..MedsData::default() });
        assert_eq!(tapering.list[0].tapering_since, Some(date(2026, 2, 1)));
        // The same medication given from the clock, its start changed since the backup: still one, and a
        // stop from before its new start is not taken over.
        let t = 1_770_000_000_000;
        let mut device = MedsData { list: vec![Medication { id: t, first: date(2026, 3, 1), ..bup_twice_daily() }], ..MedsData::default() };
        let backup = MedsData { list: vec![Medication { id: t, stopped: Some(date(2026, 2, 1)), ..bup_twice_daily() }], ..MedsData::default() };
        device.merge(&backup);
        assert_eq!((device.list.len(), device.list[0].first, device.list[0].stopped), (1, date(2026, 3, 1), None));
    }

    #[test]
    fn merging_renumbers_a_clash_and_the_backups_cards_and_doses_follow_it() {
        // This phone: buprenorphine (1), and a removed medication 2 whose stop card was shown.
        let mut device = MedsData::default();
        device.save(bup_twice_daily()).unwrap();
        device.shown = vec!["stop:2".into(), "left:detox:2026-01-05".into()];
        // The other phone: methadone (1) stopped with its card shown, naltrexone (2), the same buprenorphine (3).
        let methadone = Medication { stopped: Some(date(2026, 2, 1)), times: vec![hm(9, 0)], ..Medication::new(1, MedKind::Methadone, date(2026, 1, 1)) };
        let ntx = Medication::new(2, MedKind::Naltrexone, date(2026, 1, 1));
        let bup = Medication { id: 3, dose: "12 mg".into(), ..bup_twice_daily() };
        let other = MedsData {
            list: vec![methadone.clone(), ntx.clone(), bup.clone()],
            shown: vec!["stop:1".into(), "taper:3".into(), "left:detox:2026-01-05".into()],
            ..MedsData::default()
        };
        let doses = [take(&methadone, &[], at(2026, 1, 5, 9, 0)), take(&ntx, &[], at(2026, 1, 5, 9, 0)), take(&bup, &[], at(2026, 1, 5, 8, 0))];
        let mut merged = device.clone();
        let renumbered = merged.merge(&other);
        let ids: Vec<(MedKind, u64)> = merged.list.iter().map(|m| (m.kind, m.id)).collect();
        // 1 is this phone's; 2 was this phone's (removed): both renumbered above every id; buprenorphine is the same.
        assert_eq!(ids, [(MedKind::Buprenorphine, 1), (MedKind::Methadone, 4), (MedKind::Naltrexone, 5)]);
        assert_eq!(merged.get(1).unwrap().dose, "8 mg", "the device's own is kept");
        // Methadone's card stays shown for methadone, and this phone's buprenorphine keeps its own card to show.
        assert_eq!(merged.shown, ["stop:2", "left:detox:2026-01-05", "stop:4", "taper:1"]);
        // The doses follow (as `backup::merge` applies the map).
        let moved: Vec<u64> = doses.iter().map(|d| *renumbered.get(&d.med).unwrap_or(&d.med)).collect();
        assert_eq!(moved, [4, 5, 1]);
        // Merging the same file again changes nothing.
        let mut again = merged.clone();
        let renumbered = again.merge(&other);
        assert_eq!(again, merged);
        assert_eq!(doses.iter().map(|d| *renumbered.get(&d.med).unwrap_or(&d.med)).collect::<Vec<_>>(), [4, 5, 1]);
    }
}
