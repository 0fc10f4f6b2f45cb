//! The backup file: everything Steady stores, in one versioned JSON document.
//! A file is checked whole before anything is touched; it is either accepted
//! as a valid backup or refused with a reason.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::checkin::CheckIn;
use super::coping::{CopingData, Rating};
use super::counter::Counters;
use super::cravings::{Craving, MAX_INTENSITY};
use super::journal::JournalEntry;
use super::meds::{MedsData, Taken};
use super::weekly::LookBack;
use super::plan::Plan;
use super::i18n::{counted, fill};
use super::settings::Settings;
use super::supporting::{Supported, Supporting};

pub const FORMAT: &str = "steady-backup";
/// The newest format this version reads. Version 2 added set-aside copies,
/// version 3 daily check-ins and the journal, version 4 medication, version 5
/// appointments (an app that reads 4 would drop them, so it must refuse them), version 6 the
/// plan's choices for plan links, version 7 the plans of people the person supports; a file is written with the
/// lowest version that holds what it has, so older apps read what they can.
pub const VERSION: u64 = 7;
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Everything the person has stored.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllData {
    pub settings: Settings,
    pub counters: Counters,
    pub plan: Plan,
    pub coping: CopingData,
    pub cravings: Vec<Craving>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkins: Vec<CheckIn>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journal: Vec<JournalEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub look_backs: Vec<LookBack>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub meds: MedsData,
    /// Medication doses marked taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub doses: Vec<Taken>,
    /// Copies of stored data that couldn't be read, set aside by the person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<SetAside>,
    /// Plans other people shared with this person, kept under People I support.
    #[serde(default, skip_serializing_if = "is_default")]
    pub supporting: Supporting,
}

/// Stored text that couldn't be read, kept aside verbatim at the person's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetAside {
    /// Its name under the set-aside prefix: the key it came from and when it was
    /// set aside, in milliseconds ("steady.plan.1764000000000").
    pub name: String,
    /// The stored text, exactly as it was.
    pub text: String,
}

impl SetAside {
    /// The key the text came from, and when it was set aside (ms since 1970).
    pub fn origin(&self) -> (&str, Option<u64>) {
        match self.name.rsplit_once('.') {
            Some((key, ms)) => match ms.parse() {
                Ok(ms) => (key, Some(ms)),
                Err(_) => (&self.name, None),
            },
            None => (&self.name, None),
        }
    }
}

/// The copies in `incoming` that aren't already among `existing`, each under a
/// name no existing copy has (so a restored copy never replaces another).
pub fn new_set_aside(existing: &[SetAside], incoming: &[SetAside]) -> Vec<SetAside> {
    let mut taken: HashSet<String> = existing.iter().map(|c| c.name.clone()).collect();
    let mut out = Vec::new();
    for copy in incoming {
        if existing.iter().chain(&out).any(|c: &SetAside| c.text == copy.text && c.origin().0 == copy.origin().0) {
            continue;
        }
        // A clash moves the time on a millisecond, so the copy still says where it came from.
        let (key, ms) = copy.origin();
        let mut name = copy.name.clone();
        let mut n = 0;
        while taken.contains(&name) {
            n += 1;
            name = match ms {
                Some(ms) => format!("{key}.{}", ms.saturating_add(n)),
                None => format!("{key}.{n}"),
            };
        }
        taken.insert(name.clone());
        out.push(SetAside { name, text: copy.text.clone() });
    }
    out
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The file: a header, then [`AllData`]'s fields. (Spelled out rather than
/// `#[serde(flatten)]`, whose generic machinery costs tens of KB of wasm.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupFile {
    format: String,
    version: u64,
    #[serde(with = "crate::domain::dates::stored::datetime")]
    exported_at: NaiveDateTime,
    settings: Settings,
    counters: Counters,
    plan: Plan,
    coping: CopingData,
    cravings: Vec<Craving>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    checkins: Vec<CheckIn>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    journal: Vec<JournalEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    look_backs: Vec<LookBack>,
    #[serde(default, skip_serializing_if = "is_default")]
    meds: MedsData,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    doses: Vec<Taken>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    set_aside: Vec<SetAside>,
    #[serde(default, skip_serializing_if = "is_default")]
    supporting: Supporting,
}

impl BackupFile {
    fn into_data(self) -> AllData {
        let BackupFile { settings, counters, plan, coping, cravings, checkins, journal, look_backs, meds, doses, set_aside, supporting, .. } = self;
        AllData { settings, counters, plan, coping, cravings, checkins, journal, look_backs, meds, doses, set_aside, supporting }
    }
}

/// The text of a backup file.
pub fn export(data: &AllData, now: NaiveDateTime) -> String {
    let AllData { settings, counters, plan, coping, cravings, checkins, journal, look_backs, meds, doses, set_aside, supporting } = data.clone();
    let settings = settings.without_guess();
    // The lowest version that holds what this file has (see [`VERSION`]).
    let version = if !supporting.people.is_empty() {
        7
    } else if !plan.share.is_empty() {
        6
    } else if !meds.appts.is_empty() {
        5
    } else if meds != MedsData::default() || !doses.is_empty() {
        4
    } else if !checkins.is_empty() || !journal.is_empty() || !look_backs.is_empty() {
        3
    } else if !set_aside.is_empty() {
        2
    } else {
        1
    };
    let file = BackupFile { format: FORMAT.into(), version, exported_at: now, settings, counters, plan, coping, cravings, checkins, journal, look_backs, meds, doses, set_aside, supporting };
    // Compact like everything else stored: a pretty printer would be a second copy of every serialiser.
    serde_json::to_string(&file).unwrap_or_default()
}

pub fn file_name(today: NaiveDate) -> String {
    format!("steady-backup-{}.json", super::dates::iso_date(today))
}

/// What a backup holds, shown before the person confirms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub exported_at: NaiveDateTime,
    pub counters: usize,
    pub earlier_streaks: usize,
    pub cravings: usize,
    pub first_craving: Option<NaiveDate>,
    pub last_craving: Option<NaiveDate>,
    pub plan_items: usize,
    pub coping_ratings: usize,
    pub checkins: usize,
    pub journal: usize,
    pub look_backs: usize,
    pub medications: usize,
    pub appointments: usize,
    pub doses: usize,
    pub set_aside: usize,
    /// People whose plans are kept.
    pub supporting: usize,
    /// Times later than this phone's clock allows (see [`CLOCK_SLACK`]), set to now.
    pub moved_to_now: usize,
}

impl Preview {
    pub fn of(data: &AllData, exported_at: NaiveDateTime) -> Preview {
        Preview {
            exported_at,
            counters: data.counters.list.len(),
            earlier_streaks: data.counters.list.iter().map(|c| c.history.len()).sum(),
            cravings: data.cravings.len(),
            first_craving: data.cravings.iter().map(|c| c.at.date()).min(),
            last_craving: data.cravings.iter().map(|c| c.at.date()).max(),
            plan_items: data.plan.lists.values().map(Vec::len).sum(),
            coping_ratings: data.coping.ratings.len(),
            checkins: data.checkins.len(),
            journal: data.journal.len(),
            look_backs: data.look_backs.len(),
            medications: data.meds.list.len(),
            appointments: data.meds.appts.len(),
            doses: data.doses.len(),
            set_aside: data.set_aside.len(),
            supporting: data.supporting.people.len(),
            moved_to_now: 0,
        }
    }

    /// What the backup holds, a line for each kind, counted as each language
    /// counts ("1 counter and 2 earlier streaks", "12 cravings, from … to …").
    pub fn lines(&self) -> Vec<String> {
        let and = |a: String, b: String| format!("{a}{}{b}", tr!(" and "));
        let cravings = counted(trn!("{} craving", "{} cravings", self.cravings), self.cravings);
        let mut lines = vec![
            fill(tr!("Made on {}"), &[&super::dates::long_date(self.exported_at.date())]),
            and(counted(trn!("{} counter", "{} counters", self.counters), self.counters),
                counted(trn!("{} earlier streak", "{} earlier streaks", self.earlier_streaks), self.earlier_streaks)),
            match (self.first_craving, self.last_craving) {
                (Some(a), Some(b)) => fill(tr!("{}, from {} to {}"), &[&cravings, &super::dates::long_date(a), &super::dates::long_date(b)]),
                _ => cravings,
            },
            counted(trn!("{} plan item", "{} plan items", self.plan_items), self.plan_items),
            counted(trn!("{} coping rating", "{} coping ratings", self.coping_ratings), self.coping_ratings),
            counted(trn!("{} daily check-in", "{} daily check-ins", self.checkins), self.checkins),
            counted(trn!("{} journal entry", "{} journal entries", self.journal), self.journal),
            counted(trn!("{} weekly look-back", "{} weekly look-backs", self.look_backs), self.look_backs),
            and(counted(trn!("{} medication", "{} medications", self.medications), self.medications),
                counted(trn!("{} dose marked taken", "{} doses marked taken", self.doses), self.doses)),
            counted(trn!("{} appointment", "{} appointments", self.appointments), self.appointments),
        ];
        if self.supporting > 0 {
            lines.push(counted(trn!("{} plan of someone you support", "{} plans of people you support", self.supporting), self.supporting));
        }
        if self.set_aside > 0 {
            lines.push(counted(trn!(
                "{} set-aside copy of data that couldn't be read (added beside any here, never over your data)",
                "{} set-aside copies of data that couldn't be read (added beside any here, never over your data)",
                self.set_aside), self.set_aside));
        }
        if self.moved_to_now > 0 {
            lines.push(counted(trn!(
                "{} time later than this phone's clock allows (it will be set to now)",
                "{} times later than this phone's clock allows (they'll be set to now)",
                self.moved_to_now), self.moved_to_now));
        }
        lines
    }
}

/// How far past this phone's clock a time in a backup may be and still be kept
/// as it is. Times are stored as local wall-clock times, so a file made in
/// London and restored at once in New York holds times five hours "ahead", and
/// one made just before the clocks go back holds times up to an hour ahead. Two
/// places' clocks differ by at most 26 hours (UTC−12 to UTC+14), so anything
/// within that is an ordinary entry, not a mistake.
pub const CLOCK_SLACK: TimeDelta = TimeDelta::hours(26);

/// Sets times later than `now` + [`CLOCK_SLACK`] (another phone's clock was
/// wrong) to `now`, rather than refusing the whole file; returns how many.
fn bring_back_to_now(data: &mut AllData, now: NaiveDateTime) -> usize {
    let latest = now + CLOCK_SLACK;
    let mut moved = 0;
    let mut fix = |start: &mut super::counter::Start| {
        if start.is_after(latest) {
            *start = super::counter::Start { date: now.date(), time: start.time.map(|_| now.time()) };
            moved += 1;
        }
    };
    for c in &mut data.counters.list {
        fix(&mut c.start);
        for s in &mut c.history {
            fix(&mut s.start);
            fix(&mut s.end);
            if s.end.at() < s.start.at() {
                s.start = s.end;
            }
        }
    }
    // Sets a time later than `latest` to now; 1 if it did.
    let fix_time = |at: &mut NaiveDateTime| {
        let far = *at > latest;
        if far {
            *at = now;
        }
        usize::from(far)
    };
    for c in &mut data.cravings {
        moved += fix_time(&mut c.at);
        if let Some(at) = &mut c.updated {
            moved += fix_time(at);
        }
    }
    for e in &mut data.journal {
        moved += fix_time(&mut e.at);
        if let Some(at) = &mut e.edited {
            moved += fix_time(at);
        }
    }
    for d in &mut data.doses {
        moved += fix_time(&mut d.at);
        if d.day > latest.date() {
            d.day = now.date();
            moved += 1;
        }
    }
    for l in &mut data.look_backs {
        moved += fix_time(&mut l.saved_at);
    }
    // A check-in is for a calendar day: one ahead is travel (see `checkin::editable`).
    // One moved onto a day that has a check-in already (two far ahead, or one
    // and today's) becomes one with it, field by field as a merge would: the
    // import's own fix-up never makes the file unrestorable.
    let mut kept: Vec<CheckIn> = Vec::with_capacity(data.checkins.len());
    let mut moved_in = Vec::new();
    for mut c in data.checkins.drain(..) {
        moved += fix_time(&mut c.saved_at);
        if c.date > latest.date() {
            c.date = now.date();
            moved += 1;
            moved_in.push(c);
        } else {
            kept.push(c);
        }
    }
    for c in moved_in {
        match kept.iter_mut().find(|k| k.date == c.date) {
            Some(day) => *day = day.merged(&c),
            None => kept.push(c),
        }
    }
    data.checkins = kept;
    // Two taps moved onto the same moment are one dose.
    let mut seen = HashSet::new();
    data.doses.retain(|d| seen.insert((d.med, d.day, d.slot, d.at)));
    moved
}

/// Reads and checks a backup file. `now` is the device's local time: times
/// after it by more than [`CLOCK_SLACK`] are set to `now`.
pub fn import(text: &str, now: NaiveDateTime) -> Result<(AllData, Preview), String> {
    if text.trim().is_empty() {
        return Err(tr!("That file is empty.").into());
    }
    if text.len() > MAX_BYTES {
        return Err(tr!("That file is over 10 MB — too big to be a Steady backup.").into());
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            tr!("That file is cut short (it may not have finished downloading).").to_string()
        } else {
            fill(tr!("That isn't a Steady backup: it isn't valid JSON ({})."), &[&e.to_string()])
        }
    })?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        _ => return Err(tr!("That isn't a Steady backup file.").into()),
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > VERSION => {
            return Err(fill(tr!("This backup was made by a newer version of Steady (format {}). Update the app, then try again."), &[&v.to_string()]))
        }
        Some(v) if v >= 1 => {}
        _ => return Err(tr!("That backup has no valid version number.").into()),
    }
    let file: BackupFile = serde_json::from_value(value).map_err(|e| {
        fill(tr!("Part of that backup is damaged or in the wrong form: {}."), &[&e.to_string()])
    })?;
    let exported_at = file.exported_at;
    let mut data = file.into_data();
    let moved_to_now = bring_back_to_now(&mut data, now);
    // What a support person's link dials is never taken from the file as it is.
    data.plan.redial();
    data.supporting.redial();
    check(&data, now)?;
    let preview = Preview { moved_to_now, ..Preview::of(&data, exported_at) };
    Ok((data, preview))
}

fn check(data: &AllData, now: NaiveDateTime) -> Result<(), String> {
    let now = now + CLOCK_SLACK;
    let mut ids = HashSet::new();
    for c in &data.counters.list {
        if !ids.insert(c.id) {
            return Err(fill(tr!("Two counters share the number {}."), &[&c.id.to_string()]));
        }
        if c.name.trim().is_empty() || c.name.chars().count() > 60 {
            return Err(tr!("A counter has an empty or overlong name.").into());
        }
        if c.start.is_after(now) {
            return Err(fill(tr!("The counter “{}” starts in the future."), &[&c.name]));
        }
        if c.history.iter().any(|s| s.end.at() < s.start.at() || s.end.is_after(now)) {
            return Err(fill(tr!("The counter “{}” has a streak with impossible dates."), &[&c.name]));
        }
    }
    if data.counters.main.is_some_and(|m| !ids.contains(&m)) {
        return Err(tr!("The main counter in that backup doesn't exist.").into());
    }
    let mut craving_ids = HashSet::new();
    for c in &data.cravings {
        if !craving_ids.insert(c.id) {
            return Err(tr!("Two cravings in that backup share an id.").into());
        }
        c.validate(now).map_err(|e| {
            fill(tr!("A craving from {}: {}"), &[&super::dates::long_date(c.at.date()), e.message()])
        })?;
        if c.intensity > MAX_INTENSITY {
            return Err(tr!("A craving has an intensity over 10.").into());
        }
    }
    let mut days = HashSet::new();
    for c in &data.checkins {
        if !days.insert(c.date) {
            return Err(fill(tr!("That backup has two check-ins for {}."), &[&super::dates::long_date(c.date)]));
        }
        c.check_fields().map_err(|e| {
            fill(tr!("The check-in for {}: {}"), &[&super::dates::long_date(c.date), e.message()])
        })?;
    }
    let mut entry_ids = HashSet::new();
    for e in &data.journal {
        if !entry_ids.insert(e.id) {
            return Err(tr!("Two journal entries in that backup share an id.").into());
        }
        e.validate(now).map_err(|err| {
            fill(tr!("A journal entry from {}: {}"), &[&super::dates::long_date(e.at.date()), err.message()])
        })?;
    }
    let mut weeks = HashSet::new();
    for l in &data.look_backs {
        if !weeks.insert(l.day) || !l.valid() {
            return Err(fill(tr!("The weekly look-back for {} is repeated or damaged."), &[&super::dates::long_date(l.day)]));
        }
    }
    let mut med_ids = HashSet::new();
    for m in &data.meds.list {
        if !med_ids.insert(m.id) {
            return Err(tr!("Two medications in that backup share an id.").into());
        }
        m.check().map_err(|e| fill(tr!("The medication “{}”: {}"), &[m.shown_name(), &e.message()]))?;
    }
    let mut appt_ids = HashSet::new();
    for a in &data.meds.appts {
        if !appt_ids.insert(a.id) {
            return Err(tr!("Two appointments in that backup share an id.").into());
        }
        a.check().map_err(|e| fill(tr!("The appointment “{}”: {}"), &[a.shown_title(), e.message()]))?;
    }
    if let Some(kit) = &data.meds.naloxone {
        kit.check().map_err(|e| fill(tr!("Your naloxone: {}"), &[&e.message()]))?;
    }
    let mut item_ids = HashSet::new();
    for item in data.plan.lists.values().flatten() {
        if !item_ids.insert(item.id) {
            return Err(tr!("Two plan items share an id.").into());
        }
    }
    // (Not the check's own words, which speak of keeping a link.)
    if data.supporting.check().is_err() {
        return Err(tr!("A plan of someone you support in that backup is repeated, too big or has no id.").into());
    }
    let mut names = HashSet::new();
    for copy in &data.set_aside {
        let name_ok = !copy.name.is_empty() && copy.name.chars().count() <= 200 && !copy.name.chars().any(char::is_control);
        if !name_ok || !names.insert(&copy.name) {
            return Err(tr!("A set-aside copy in that backup has a missing, overlong or repeated name.").into());
        }
    }
    Ok(())
}

/// How one kind of data fares in a merge: entries the backup adds, entries
/// here it brings newer changes to, and the backup's entries that change
/// nothing (already here, or older than what is here).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub added: usize,
    pub updated: usize,
    pub already: usize,
}

impl Tally {
    /// Compares what was here (`before`) with the merge's result (`after`),
    /// entries matched by `key`; `incoming` is how many the backup had.
    fn of<T: PartialEq, K: std::hash::Hash + Eq>(before: &[T], after: &[T], incoming: usize, key: impl Fn(&T) -> K) -> Tally {
        let here: std::collections::HashMap<K, &T> = before.iter().map(|t| (key(t), t)).collect();
        let mut tally = Tally::default();
        for t in after {
            match here.get(&key(t)) {
                None => tally.added += 1,
                Some(old) if *old != t => tally.updated += 1,
                Some(_) => {}
            }
        }
        tally.already = incoming.saturating_sub(tally.added + tally.updated);
        tally
    }

    pub fn is_empty(&self) -> bool {
        *self == Tally::default()
    }
}

/// What merging a backup does, kind by kind, shown before the person confirms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub counters: Tally,
    pub cravings: Tally,
    pub checkins: Tally,
    pub journal: Tally,
    pub look_backs: Tally,
    pub plan_items: Tally,
    pub medications: Tally,
    pub appointments: Tally,
    pub doses: Tally,
    pub own_triggers: Tally,
    pub supporting: Tally,
}

impl MergeReport {
    /// What the merge does, a sentence for each kind the backup has, e.g.
    /// "12 cravings will be added, 3 will be updated with newer changes and 40
    /// are already on this phone." One and many are worded apart in both languages.
    pub fn sentences(&self) -> Vec<String> {
        let kinds: [(Tally, fn(usize) -> &'static str); 11] = [
            (self.counters, |n| trn!("{} counter", "{} counters", n)),
            (self.cravings, |n| trn!("{} craving", "{} cravings", n)),
            (self.checkins, |n| trn!("{} daily check-in", "{} daily check-ins", n)),
            (self.journal, |n| trn!("{} journal entry", "{} journal entries", n)),
            (self.look_backs, |n| trn!("{} weekly look-back", "{} weekly look-backs", n)),
            (self.plan_items, |n| trn!("{} plan item", "{} plan items", n)),
            (self.own_triggers, |n| trn!("{} trigger of your own", "{} triggers of your own", n)),
            (self.medications, |n| trn!("{} medication", "{} medications", n)),
            (self.appointments, |n| trn!("{} appointment", "{} appointments", n)),
            (self.doses, |n| trn!("{} dose marked taken", "{} doses marked taken", n)),
            (self.supporting, |n| trn!("{} plan of someone you support", "{} plans of people you support", n)),
        ];
        let mut out = Vec::new();
        for (tally, what) in kinds {
            let clauses: [(usize, fn(usize) -> &'static str); 3] = [
                (tally.added, |n| trn!("{} will be added", "{} will be added", n)),
                (tally.updated, |n| trn!("{} will be updated with newer changes", "{} will be updated with newer changes", n)),
                (tally.already, |n| trn!("{} is already on this phone", "{} are already on this phone", n)),
            ];
            let mut parts: Vec<String> = Vec::new();
            for (n, clause) in clauses.into_iter().filter(|c| c.0 > 0) {
                // The first part names what is counted; the others give the number alone.
                let subject = if parts.is_empty() { counted(what(n), n) } else { n.to_string() };
                parts.push(fill(clause(n), &[&subject]));
            }
            let Some(last) = parts.pop() else { continue };
            let mut sentence = parts.join(", ");
            if !sentence.is_empty() {
                sentence.push_str(tr!(" and "));
            }
            sentence.push_str(&last);
            sentence.push('.');
            let mut chars = sentence.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_uppercase().chain(chars).collect());
            }
        }
        if *self != MergeReport::default() && self.kinds().all(|t| t.added + t.updated == 0) {
            out.insert(0, tr!("Nothing new: everything in this backup is already on this phone.").into());
        }
        out
    }

    fn kinds(&self) -> impl Iterator<Item = Tally> {
        [self.counters, self.cravings, self.checkins, self.journal, self.look_backs, self.plan_items, self.own_triggers, self.medications, self.appointments, self.doses, self.supporting].into_iter()
    }
}

/// Adds a backup to what is on the device (see [`merged`]).
pub fn merge(current: &AllData, incoming: &AllData) -> AllData {
    merged(current, incoming).0
}

/// Adds a backup to what is on the device, and says what that adds and
/// changes. Nothing is doubled: the same counter, craving, check-in, journal
/// entry, look-back, plan item or strategy on both sides becomes one. Where
/// both sides have one, the newer copy wins (a check-in or look-back field by
/// field), so neither side's later changes are lost. This device's settings
/// stay, with the backup's own triggers added.
pub fn merged(current: &AllData, incoming: &AllData) -> (AllData, MergeReport) {
    let mut out = current.clone();

    out.settings.merge_from(&incoming.settings);
    out.counters.merge_from(&incoming.counters);

    // Entries matched by a key: the newer of two copies, in place; new ones added.
    fn combine<T: Clone, K: std::hash::Hash + Eq>(mine: &mut Vec<T>, theirs: &[T], key: impl Fn(&T) -> K, newer: impl Fn(&T, &T) -> T) {
        let at: std::collections::HashMap<K, usize> = mine.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
        for t in theirs {
            match at.get(&key(t)) {
                Some(&i) => mine[i] = newer(&mine[i], t),
                None => mine.push(t.clone()),
            }
        }
    }
    combine(&mut out.cravings, &incoming.cravings, |c| c.id, Craving::newer);
    combine(&mut out.checkins, &incoming.checkins, |c| c.date, CheckIn::merged);
    combine(&mut out.look_backs, &incoming.look_backs, |l| l.day, LookBack::merged);
    combine(&mut out.journal, &incoming.journal, |e| e.id, |mine, theirs| mine.newer(theirs).clone());
    let renumbered = out.meds.merge(&incoming.meds);
    for dose in &incoming.doses {
        let dose = Taken { med: renumbered.get(&dose.med).copied().unwrap_or(dose.med), ..dose.clone() };
        if !out.doses.contains(&dose) {
            out.doses.push(dose);
        }
    }

    // This phone's link choices stay (its links' id, name and number together); a phone that has
    // made no link takes the file's. The check-in text's choices are taken the same way, on their own.
    let (mine, theirs) = (out.plan.share_choices(), incoming.plan.share_choices());
    let mut choices = if mine.id.is_empty() { theirs.clone() } else { mine.clone() };
    choices.checkin = mine.checkin.or(theirs.checkin);
    out.plan.set_share_choices(&choices);
    let mut next_item = out.plan.lists.values().flatten().map(|i| i.id).max().unwrap_or(0) + 1;
    for (list, items) in &incoming.plan.lists {
        let target = out.plan.lists.entry(*list).or_default();
        for item in items {
            if !target.iter().any(|t| t.text == item.text && t.response == item.response && t.phone == item.phone) {
                let mut item = item.clone();
                item.id = next_item;
                next_item += 1;
                target.push(item);
            }
        }
    }

    // The person's own strategies: same title means same strategy; a clashing id
    // is renamed, and the incoming ratings, hidden and favourites follow it.
    let mut renamed: std::collections::HashMap<String, String> = Default::default();
    for own in &incoming.coping.own {
        if let Some(existing) = out.coping.own.iter().find(|o| o.title.eq_ignore_ascii_case(&own.title)) {
            renamed.insert(own.id.clone(), existing.id.clone());
            continue;
        }
        let mut own = own.clone();
        if out.coping.own.iter().any(|o| o.id == own.id) {
            let n = out.coping.own.iter().chain(&incoming.coping.own)
                .filter_map(|o| o.id.strip_prefix("own-")?.parse::<u32>().ok())
                .max()
                .unwrap_or(0) + 1;
            renamed.insert(own.id.clone(), format!("own-{n}"));
            own.id = format!("own-{n}");
        }
        out.coping.own.push(own);
    }
    let follow = |id: &String| renamed.get(id).cloned().unwrap_or_else(|| id.clone());
    for r in &incoming.coping.ratings {
        let r = Rating { strategy: follow(&r.strategy), ..r.clone() };
        if !out.coping.ratings.contains(&r) {
            out.coping.ratings.push(r);
        }
    }
    for (mine, theirs) in [(&mut out.coping.hidden, &incoming.coping.hidden), (&mut out.coping.favourites, &incoming.coping.favourites)] {
        for id in theirs.iter().map(follow) {
            if !mine.contains(&id) {
                mine.push(id);
            }
        }
    }
    out.set_aside.extend(new_set_aside(&current.set_aside, &incoming.set_aside));
    out.supporting.merge_from(&incoming.supporting);

    let items = |d: &AllData| d.plan.lists.values().flatten().cloned().collect::<Vec<_>>();
    let report = MergeReport {
        counters: Tally::of(&current.counters.list, &out.counters.list, incoming.counters.list.len(), |c| c.id),
        cravings: Tally::of(&current.cravings, &out.cravings, incoming.cravings.len(), |c| c.id),
        checkins: Tally::of(&current.checkins, &out.checkins, incoming.checkins.len(), |c| c.date),
        journal: Tally::of(&current.journal, &out.journal, incoming.journal.len(), |e| e.id),
        look_backs: Tally::of(&current.look_backs, &out.look_backs, incoming.look_backs.len(), |l| l.day),
        plan_items: Tally::of(&items(current), &items(&out), items(incoming).len(), |i| i.id),
        medications: Tally::of(&current.meds.list, &out.meds.list, incoming.meds.list.len(), |m| m.id),
        appointments: Tally::of(&current.meds.appts, &out.meds.appts, incoming.meds.appts.len(), |a| a.id),
        doses: Tally::of(&current.doses, &out.doses, incoming.doses.len(), |d| (d.med, d.day, d.slot, d.at)),
        own_triggers: Tally::of(&current.settings.own_triggers, &out.settings.own_triggers, incoming.settings.own_triggers.len(), |t| t.to_lowercase()),
        supporting: Tally::of(&current.supporting.people, &out.supporting.people, incoming.supporting.people.len(), |p: &Supported| p.id().to_owned()),
    };
    (out, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coping::{Helped, Rating};
    use crate::domain::counter::Start;
    use crate::domain::cravings::Outcome;
    use crate::domain::plan::{List, PlanItem, Role};

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(12, 0, 0).unwrap()
    }

    fn sample() -> AllData {
        let mut data = AllData::default();
        data.settings.own_triggers.push("Payday".into());
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        data.counters.add("Heroin", Start { date: day(1), time: None }, now()).unwrap();
        data.counters.list[0].slip(Start { date: day(20), time: None }, "a note, with “quotes”", now()).unwrap();
        data.counters.add("Alcohol", Start { date: day(5), time: None }, now()).unwrap();
        for n in 0..50u64 {
            let mut c = Craving::new(1000 + n, day(1 + (n % 28) as u32).and_hms_opt((n % 24) as u32, 0, 0).unwrap());
            c.intensity = (n % 11) as u8;
            c.triggers = vec!["stress".into(), "Payday".into()];
            c.outcome = (n % 2 == 0).then_some(Outcome::Passed);
            c.note = "línea\nnueva 🙂".into();
            data.cravings.push(c);
        }
        data.plan.add(List::Reasons, PlanItem { id: 0, text: "My kids".into(), response: String::new(), role: None, phone: String::new(), dial: None }).unwrap();
        data.plan.add(List::Support, PlanItem { id: 0, text: "Sam".into(), response: String::new(), role: Some(Role::Sponsor), phone: "555 123 4567".into(), dial: None }).unwrap();
        data.coping.add_own("Text my sister", "").unwrap();
        data.coping.ratings.push(Rating { strategy: "tidy".into(), at: now(), helped: Helped::Yes, trigger: None });
        data
    }

    /// A backup written by version 1 of the format, committed so every later
    /// version is tested against it (add a file per format version).
    const FIXTURE_V1: &str = include_str!("../../tests/fixtures/backup-v1.json");

    /// Writes the newest format version's fixture (the older ones stay as committed).
    #[test]
    #[ignore = "run once with --ignored to write a fixture for a new format version"]
    fn write_fixture() {
        let value: serde_json::Value = serde_json::from_str(&export(&with_supporting(), now())).unwrap();
        let path = format!("tests/fixtures/backup-v{VERSION}.json");
        std::fs::write(path, serde_json::to_string_pretty(&value).unwrap() + "\n").unwrap();
    }

    #[test]
    fn a_version_1_backup_file_still_imports() {
        let (data, preview) = import(FIXTURE_V1, now()).unwrap();
        assert_eq!(data, sample());
        assert_eq!((preview.counters, preview.cravings, preview.plan_items), (2, 50, 2));
    }

    #[test]
    fn export_then_import_is_the_identity() {
        let data = sample();
        let text = export(&data, now());
        let (back, preview) = import(&text, now()).unwrap();
        assert_eq!(back, data);
        assert_eq!(preview.counters, 2);
        assert_eq!(preview.earlier_streaks, 1);
        assert_eq!(preview.cravings, 50);
        assert_eq!(preview.first_craving, NaiveDate::from_ymd_opt(2026, 10, 1));
        assert_eq!(preview.last_craving, NaiveDate::from_ymd_opt(2026, 10, 28));
        assert_eq!(preview.plan_items, 2);
        // An empty device round-trips too.
        assert_eq!(import(&export(&AllData::default(), now()), now()).unwrap().0, AllData::default());
    }

    #[test]
    fn file_names_carry_the_date() {
        assert_eq!(file_name(now().date()), "steady-backup-2026-11-23.json");
    }

    #[test]
    fn malformed_files_are_refused_with_a_reason() {
        // Pretty-printed (as a person might save it from an editor) so the edits below read clearly.
        let value: serde_json::Value = serde_json::from_str(&export(&sample(), now())).unwrap();
        let good = serde_json::to_string_pretty(&value).unwrap();
        assert!(import(&good, now()).is_ok());
        let cases: Vec<(String, &str)> = vec![
            (String::new(), "empty"),
            ("   \n".into(), "empty"),
            (good[..good.len() / 2].to_string(), "cut short"),
            ("{\"format\":\"something-else\",\"version\":1}".into(), "isn't a Steady backup"),
            ("[1,2,3]".into(), "isn't a Steady backup"),
            ("\"steady-backup\"".into(), "isn't a Steady backup"),
            (good.replacen("\"version\": 1", "\"version\": 8", 1), "newer version"),
            (good.replacen("\"version\": 1", "\"version\": \"1\"", 1), "no valid version"),
            (good.replacen("\"version\": 1", "\"version\": 0", 1), "no valid version"),
            (good.replacen("\"n\": 10", "\"n\": 11", 1), "0 to 10"),
            (good.replacen("\"n\": 10", "\"n\": 1e300", 1), "damaged"),
            (good.replacen("\"n\": 10", "\"n\": -1", 1), "damaged"),
            (good.replacen("\"t\": \"2026-10-", "\"t\": \"2026-13-", 1), "damaged"),
            (good.replacen("\"cravings\": [", "\"cravings\": {", 1), "valid JSON"),
            (good.replacen("\"cravings\"", "\"cravingz\"", 1), "damaged"),
            (good.replacen("\"name\": \"Heroin\"", "\"name\": \"\"", 1), "empty or overlong"),
            (good.replacen("\"cravings\": [", "\"set_aside\": [{\"name\": \"\", \"text\": \"x\"}], \"cravings\": [", 1), "set-aside copy"),
            (format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)), "valid JSON"),
            ("\u{feff}{}".into(), "valid JSON"),
        ];
        for (text, why) in cases {
            let err = import(&text, now()).expect_err(why);
            assert!(err.contains(why), "{why:?} not in {err:?}");
        }
        assert!(import(&"x".repeat(MAX_BYTES + 1), now()).unwrap_err().contains("10 MB"));
    }

    /// Local wall-clock time in `zone` at the UTC instant `y-m-d h:min`.
    fn local_in(zone: chrono_tz::Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        use chrono::TimeZone;
        let utc = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap();
        zone.from_utc_datetime(&utc).naive_local()
    }

    #[test]
    fn a_backup_made_in_london_restores_at_once_in_new_york() {
        use chrono_tz::{America::New_York, Europe::London};
        // Late in the evening in London: a counter started today with a time, a craving a minute ago.
        let made = local_in(London, 2026, 11, 23, 23, 30);
        let mut data = AllData::default();
        data.counters.add("Clean time", Start::from_datetime(made - TimeDelta::minutes(5)), made).unwrap();
        data.cravings.push(Craving::new(1, made - TimeDelta::minutes(1)));
        let text = export(&data, made);
        // Ten minutes later in New York, where it is still 23 November, 18:40.
        let restored = local_in(New_York, 2026, 11, 23, 23, 40);
        assert!(data.cravings[0].at > restored, "the craving looks five hours ahead");
        let (back, preview) = import(&text, restored).expect("accepted");
        assert_eq!(back, data, "every time is kept as it was");
        assert_eq!(preview.moved_to_now, 0);
        // The same the other way round (Tokyo to Honolulu: 19 hours).
        let made = local_in(chrono_tz::Asia::Tokyo, 2026, 11, 23, 14, 0);
        let mut data = AllData::default();
        data.cravings.push(Craving::new(2, made));
        let restored = local_in(chrono_tz::Pacific::Honolulu, 2026, 11, 23, 14, 5);
        assert_eq!(import(&export(&data, made), restored).unwrap().0, data);
    }

    #[test]
    fn a_backup_made_before_the_clocks_go_back_restores_just_after() {
        use chrono_tz::Europe::London;
        // 25 October 2026: at 02:00 BST London goes back to 01:00 GMT.
        let made = local_in(London, 2026, 10, 25, 0, 55); // 01:55 BST
        assert_eq!(made.time(), chrono::NaiveTime::from_hms_opt(1, 55, 0).unwrap());
        let mut data = AllData::default();
        data.cravings.push(Craving::new(1, made - TimeDelta::minutes(2)));
        data.counters.add("Clean time", Start::from_datetime(made - TimeDelta::minutes(1)), made).unwrap();
        let text = export(&data, made);
        let restored = local_in(London, 2026, 10, 25, 1, 10); // 01:10 GMT, twenty minutes later
        assert!(restored < data.cravings[0].at);
        let (back, preview) = import(&text, restored).expect("accepted");
        assert_eq!(back, data);
        assert_eq!(preview.moved_to_now, 0);
    }

    #[test]
    fn times_far_ahead_of_the_clock_are_set_to_now_and_the_file_still_restores() {
        let mut data = sample();
        let far = now() + TimeDelta::days(30);
        data.cravings[0].at = far;
        data.counters.list[1].start = Start { date: far.date(), time: None };
        data.counters.list[0].history[0].end = Start::from_datetime(far);
        let text = export(&data, far);
        let (back, preview) = import(&text, now()).expect("a wrong clock doesn't cost the whole file");
        assert_eq!(preview.moved_to_now, 3);
        assert_eq!(back.cravings[0].at, now());
        assert_eq!(back.counters.list[1].start, Start { date: now().date(), time: None });
        assert_eq!(back.counters.list[0].history[0].end, Start::from_datetime(now()));
        assert_eq!(back.cravings[1..], sample().cravings[1..], "everything else is as it was");
        assert!(check(&back, now()).is_ok());
        // Just inside the slack, nothing moves.
        let mut near = sample();
        near.cravings[0].at = now() + CLOCK_SLACK;
        assert_eq!(import(&export(&near, now()), now()).unwrap(), (near.clone(), Preview::of(&near, now())));
    }

    fn with_set_aside() -> AllData {
        let mut data = sample();
        data.set_aside = vec![
            SetAside { name: "steady.plan.1763900000000".into(), text: "{\"v\":1,\"data\":{\"lists\":".into() },
            SetAside { name: "steady.log.2026-10.1763900000001".into(), text: "not json at all 🙂".into() },
        ];
        data
    }

    /// Everything a version 3 file can hold: set-aside copies, check-ins and the journal.
    fn with_daily() -> AllData {
        let mut data = with_set_aside();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let mut checkin = CheckIn::new(day(21), day(21).and_hms_opt(21, 30, 0).unwrap());
        checkin.mood = Some(4);
        checkin.craving = Some(3);
        checkin.used = Some(false);
        checkin.note = "Grateful for my sister 🙂".into();
        let mut morning = CheckIn::new(day(22), day(22).and_hms_opt(8, 0, 0).unwrap());
        morning.intention = Some(super::super::checkin::Intention::StayClean);
        data.checkins = vec![checkin, morning];
        let mut entry = JournalEntry::new(1763750000000, day(21).and_hms_opt(22, 0, 0).unwrap(), "Línea uno\nline two".into());
        entry.mood = Some(3);
        data.journal = vec![entry, JournalEntry::new(1763800000000, day(22).and_hms_opt(7, 45, 0).unwrap(), "Morning".into())];
        data.look_backs = vec![LookBack { day: day(22), answers: vec![("support".into(), 4), ("sleep".into(), 2)], saved_at: day(22).and_hms_opt(19, 0, 0).unwrap() }];
        data
    }

    /// Everything a version 4 file can hold: medication, naloxone and doses taken too.
    fn with_meds() -> AllData {
        use crate::domain::meds::{take, LeftPlace, MedKind, Medication, Naloxone, NaloxoneKind};
        let mut data = with_daily();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let mut bup = Medication::new(1, MedKind::Buprenorphine, day(1));
        bup.dose = "8 mg, one film".into();
        bup.times = vec![chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap()];
        bup.pharmacy = "Main St; late opening".into();
        data.meds.save(bup.clone()).unwrap();
        let mut shot = Medication::new(2, MedKind::NaltrexoneMonthly, day(5));
        shot.stopped = Some(day(20));
        data.meds.save(shot).unwrap();
        data.meds.record_left(LeftPlace::Detox, day(2));
        data.meds.naloxone = Some(Naloxone { place: "Kitchen drawer".into(), expiry: Some(NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()), kind: NaloxoneKind::NasalSpray });
        data.doses = vec![take(&bup, &[], day(21).and_hms_opt(8, 10, 0).unwrap()), take(&bup, &[], day(22).and_hms_opt(7, 55, 0).unwrap())];
        data
    }

    /// Version 4 added medication.
    const FIXTURE_V4: &str = include_str!("../../tests/fixtures/backup-v4.json");

    #[test]
    fn medication_and_doses_are_backed_up_and_come_back() {
        let data = with_meds();
        let text = export(&data, now());
        assert!(text.contains("\"version\":4"));
        let (back, preview) = import(&text, now()).unwrap();
        assert_eq!(back, data);
        assert_eq!((preview.medications, preview.doses), (2, 2));
        assert_eq!(import(FIXTURE_V4, now()).unwrap().0, data);
        // Without medication, the file stays at version 3.
        assert!(export(&with_daily(), now()).contains("\"version\":3"));
    }

    #[test]
    fn bad_medication_is_refused_and_a_dose_far_ahead_is_brought_to_now() {
        let mut nameless = with_meds();
        nameless.meds.list[0].kind = crate::domain::meds::MedKind::Other;
        assert!(import(&export(&nameless, now()), now()).unwrap_err().contains("Give this medication a name"));
        let mut twice = with_meds();
        twice.meds.list[1].id = 1;
        assert!(import(&export(&twice, now()), now()).unwrap_err().contains("Two medications"));
        let mut ahead = with_meds();
        ahead.doses[1].at = now() + TimeDelta::days(3);
        let (back, preview) = import(&export(&ahead, now()), now()).unwrap();
        assert_eq!((preview.moved_to_now, back.doses[1].at), (1, now()));
    }

    #[test]
    fn merging_medication_doubles_nothing_and_doses_follow_a_renumbered_medication() {
        use crate::domain::meds::{take, MedKind, Medication};
        let device = with_meds();
        let mut incoming = AllData::default();
        let other = Medication::new(1, MedKind::Methadone, NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
        incoming.meds.save(other.clone()).unwrap();
        incoming.doses.push(take(&other, &[], now()));
        let merged = merge(&device, &incoming);
        assert_eq!(merged.meds.list.len(), 3);
        let methadone = merged.meds.list.iter().find(|m| m.kind == MedKind::Methadone).unwrap();
        assert_eq!(methadone.id, 3, "renumbered: 1 is the device's buprenorphine");
        assert_eq!(merged.doses.last().unwrap().med, 3);
        assert_eq!(merge(&device, &device), device, "merging a device's own backup adds nothing");
        assert_eq!(merge(&merged, &incoming).doses.len(), merged.doses.len(), "nor merging the same file again");
    }

    fn with_appointments() -> AllData {
        use crate::domain::appointments::{save_all, save_one, Appointment, ApptKind};
        use crate::domain::schedule::Repeat;
        let mut data = with_meds();
        let mut visit = Appointment::new(1, ApptKind::Clinic, NaiveDate::from_ymd_opt(2026, 11, 2).unwrap());
        visit.time = chrono::NaiveTime::from_hms_opt(9, 0, 0);
        visit.repeat = Repeat::Weekly;
        visit.place = "Main St, room 4".into();
        visit.note = "Bring the card\nand ID".into();
        save_all(&mut data.meds.appts, visit.clone()).unwrap();
        let moved = Appointment { first: NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(), time: chrono::NaiveTime::from_hms_opt(10, 30, 0), ..visit };
        save_one(&mut data.meds.appts, 1, NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(), moved).unwrap();
        data
    }

    fn with_share_choices() -> AllData {
        let mut data = with_appointments();
        data.plan.set_share_choices(&crate::domain::plan::ShareChoices { id: "k3Xz9wQa".into(), name: "Jo".into(), phone: "07700 900456".into(), checkin: None });
        data
    }

    /// Version 6 added the choices for plan links.
    const FIXTURE_V6: &str = include_str!("../../tests/fixtures/backup-v6.json");

    #[test]
    fn plan_link_choices_are_backed_up_and_kept_in_a_merge() {
        let data = with_share_choices();
        let text = export(&data, now());
        assert!(text.contains("\"version\":6"));
        assert_eq!(import(&text, now()).unwrap().0, data);
        assert_eq!(import(FIXTURE_V6, now()).unwrap().0, data);
        // Without them, the file is still version 5, for older apps.
        assert!(export(&with_appointments(), now()).contains("\"version\":5"));
        // A phone without choices takes the file's; a phone with its own keeps them (its links' id).
        let merged = merge(&with_appointments(), &data);
        assert_eq!(merged.plan.share, data.plan.share);
        let mut own = with_appointments();
        own.plan.set_share_choices(&crate::domain::plan::ShareChoices { id: "mine".into(), ..Default::default() });
        assert_eq!(merge(&own, &data).plan.share_choices().id, "mine");
        // A phone that has only chosen what its check-in text says still takes the file's link
        // choices, and keeps its own check-in choices (or takes the file's when it has none).
        use crate::domain::{checkin_text::Part, plan::ShareChoices};
        let mut texting = with_appointments();
        texting.plan.set_share_choices(&ShareChoices { checkin: Some(vec![Part::Mood]), ..Default::default() });
        let merged = merge(&texting, &data).plan.share_choices();
        assert_eq!((merged.id.as_str(), merged.name.as_str(), merged.checkin), ("k3Xz9wQa", "Jo", Some(vec![Part::Mood])));
        let mut file = data.clone();
        file.plan.set_share_choices(&ShareChoices { checkin: Some(vec![Part::Days]), ..data.plan.share_choices() });
        assert_eq!(merge(&own, &file).plan.share_choices().checkin, Some(vec![Part::Days]));
        assert_eq!(merge(&own, &file).plan.share_choices().id, "mine");
    }

    fn with_supporting() -> AllData {
        use crate::domain::{i18n::Lang, plan::Section, share::{SharedPhone, SharedPlan}};
        let mut data = with_share_choices();
        let mut shared = SharedPlan::of(&sample().plan, &Section::ALL, "pQ7rT2xZ".into(), now() - TimeDelta::days(2), Lang::Es);
        shared.name = "Alex".into();
        shared.phone = Some(SharedPhone { shown: "555 010 0200".into(), tel: "5550100200".into() });
        data.supporting.keep(shared, now()).unwrap();
        data
    }

    /// Version 7 added the plans of people the person supports.
    const FIXTURE_V7: &str = include_str!("../../tests/fixtures/backup-v7.json");

    #[test]
    fn plans_of_people_supported_are_backed_up_merged_and_checked() {
        let data = with_supporting();
        let text = export(&data, now());
        assert!(text.contains("\"version\":7"));
        let (back, preview) = import(&text, now()).unwrap();
        assert_eq!(back, data);
        assert!(preview.lines().iter().any(|l| l == "1 plan of someone you support"), "{:?}", preview.lines());
        assert_eq!(import(FIXTURE_V7, now()).unwrap().0, data);
        // Without any, the file is still version 6, for older apps.
        assert!(export(&with_share_choices(), now()).contains("\"version\":6"));
        // A merge adds the person once, and merging again changes nothing.
        let (merged, report) = merged(&with_share_choices(), &data);
        assert_eq!(merged.supporting, data.supporting);
        assert_eq!(report.supporting.added, 1);
        assert!(report.sentences().iter().any(|s| s == "1 plan of someone you support will be added."), "{:?}", report.sentences());
        assert_eq!(merge(&merged, &data), merged);
        // A file's numbers are dialled only as digits; a repeated person is refused.
        let mut odd = data.clone();
        odd.supporting.people[0].shared.phone.as_mut().unwrap().tel = "555-010;0200".into();
        assert_eq!(import(&export(&odd, now()), now()).unwrap().0.supporting.people[0].shared.phone.as_ref().unwrap().tel, "5550100200");
        let mut twice = data.clone();
        twice.supporting.people.push(twice.supporting.people[0].clone());
        assert!(import(&export(&twice, now()), now()).unwrap_err().contains("someone you support"));
    }

    /// Version 5 added appointments.
    const FIXTURE_V5: &str = include_str!("../../tests/fixtures/backup-v5.json");

    #[test]
    fn appointments_are_backed_up_merged_and_checked() {
        let data = with_appointments();
        let text = export(&data, now());
        assert!(text.contains("\"version\":5"));
        let (back, preview) = import(&text, now()).unwrap();
        assert_eq!(back, data);
        assert_eq!(preview.appointments, 2);
        assert_eq!(import(FIXTURE_V5, now()).unwrap().0, data);
        // Merging the same file doubles nothing; another phone's appointment with a taken id is renumbered.
        assert_eq!(merge(&data, &data), data);
        let mut other = AllData::default();
        other.meds.appts.push(crate::domain::appointments::Appointment::new(1, crate::domain::appointments::ApptKind::Meeting, now().date()));
        let merged = merge(&data, &other);
        assert_eq!(merged.meds.appts.iter().map(|a| a.id).collect::<Vec<_>>(), vec![1, 2, 3]);
        let mut twice = data.clone();
        twice.meds.appts[1].id = 1;
        assert!(import(&export(&twice, now()), now()).unwrap_err().contains("Two appointments"));
        let mut long = data;
        long.meds.appts[0].place = "x".repeat(201);
        assert!(import(&export(&long, now()), now()).unwrap_err().contains("Too long"));
    }

    /// Version 3 added daily check-ins and the journal.
    const FIXTURE_V3: &str = include_str!("../../tests/fixtures/backup-v3.json");

    #[test]
    fn check_ins_and_journal_are_backed_up_and_come_back() {
        let data = with_daily();
        let text = export(&data, now());
        assert!(text.contains("\"version\":3"));
        let (back, preview) = import(&text, now()).unwrap();
        assert_eq!(back, data);
        assert_eq!((preview.checkins, preview.journal, preview.look_backs), (2, 2, 1));
        // The committed version 3 file still reads the same.
        assert_eq!(import(FIXTURE_V3, now()).unwrap().0, data);
        // Without them, the file stays at the version older apps read.
        assert!(export(&with_set_aside(), now()).contains("\"version\":2"));
        assert!(export(&sample(), now()).contains("\"version\":1"));
    }

    #[test]
    fn bad_check_ins_and_journal_entries_are_refused_with_a_reason() {
        let mut twice = with_daily();
        twice.checkins.push(twice.checkins[0].clone());
        assert!(import(&export(&twice, now()), now()).unwrap_err().contains("two check-ins for 21 November 2026"));
        let mut moody = with_daily();
        moody.checkins[0].mood = Some(9);
        assert!(import(&export(&moody, now()), now()).unwrap_err().contains("Mood and sleep go from 1 to 5"));
        let mut blank = with_daily();
        blank.journal[0].text = "  ".into();
        assert!(import(&export(&blank, now()), now()).unwrap_err().contains("Write something first"));
        let mut same = with_daily();
        same.journal[1].id = same.journal[0].id;
        assert!(import(&export(&same, now()), now()).unwrap_err().contains("share an id"));
    }

    #[test]
    fn a_check_in_or_entry_far_ahead_of_the_clock_is_brought_to_now() {
        let mut data = with_daily();
        data.checkins[1].date = now().date() + TimeDelta::days(3);
        data.journal[1].at = now() + TimeDelta::days(3);
        let (back, preview) = import(&export(&data, now()), now()).unwrap();
        assert_eq!(preview.moved_to_now, 2);
        assert_eq!(back.checkins[1].date, now().date());
        assert_eq!(back.journal[1].at, now());
        // A day ahead is travel, kept as it is.
        let mut travel = with_daily();
        travel.checkins[1].date = now().date() + TimeDelta::days(1);
        assert_eq!(import(&export(&travel, now()), now()).unwrap().0, travel);
    }

    #[test]
    fn merging_keeps_the_device_s_check_in_for_a_day_and_doubles_no_entry() {
        let device = with_daily();
        let mut incoming = with_daily();
        incoming.checkins[0].mood = Some(1);
        let other_day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        incoming.checkins.push(CheckIn::new(other_day, other_day.and_hms_opt(20, 0, 0).unwrap()));
        incoming.journal.push(JournalEntry::new(1763600000000, other_day.and_hms_opt(20, 0, 0).unwrap(), "Older".into()));
        let merged = merge(&device, &incoming);
        assert_eq!(merged.checkins.len(), 3);
        assert_eq!(merged.checkins[0].mood, Some(4), "the device's own check-in for the day wins");
        assert_eq!(merged.journal.len(), 3);
        assert_eq!(merge(&merged, &incoming), merged, "merging again adds nothing");
    }

    #[test]
    fn merge_keeps_the_backups_evening_review_for_a_day_the_device_has() {
        use crate::domain::checkin::Intention;
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        // This phone: only this morning's intention. The backup: the evening review as well.
        let mut device = AllData::default();
        let mut morning = CheckIn::new(day, day.and_hms_opt(8, 0, 0).unwrap());
        morning.intention = Some(Intention::Meeting);
        device.checkins.push(morning);
        let mut incoming = AllData::default();
        let mut evening = CheckIn::new(day, day.and_hms_opt(21, 0, 0).unwrap());
        evening.mood = Some(2);
        evening.used = Some(true);
        evening.note = "Hard day".into();
        incoming.checkins.push(evening);
        let (merged, report) = merged(&device, &incoming);
        assert_eq!(merged.checkins.len(), 1);
        let c = &merged.checkins[0];
        assert_eq!((c.intention, c.mood, c.used, c.note.as_str()), (Some(Intention::Meeting), Some(2), Some(true), "Hard day"));
        assert_eq!(report.checkins, Tally { added: 0, updated: 1, already: 0 });
        // Where both set a field, the later save wins, whichever side it is on.
        let mut later = device.clone();
        later.checkins[0].mood = Some(5);
        later.checkins[0].saved_at = day.and_hms_opt(22, 0, 0).unwrap();
        assert_eq!(merge(&later, &incoming).checkins[0].mood, Some(5));
        assert_eq!(merge(&incoming, &later).checkins[0].mood, Some(5));
        assert_eq!(merge(&merged, &incoming), merged, "merging again changes nothing");
    }

    #[test]
    fn merge_keeps_the_backups_look_back_answers_for_a_week_the_device_has() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut device = AllData::default();
        device.look_backs = vec![LookBack { day, answers: vec![("sleep".into(), 4)], saved_at: day.and_hms_opt(20, 0, 0).unwrap() }];
        let mut incoming = AllData::default();
        incoming.look_backs = vec![LookBack { day, answers: vec![("sleep".into(), 1), ("support".into(), 3)], saved_at: day.and_hms_opt(19, 0, 0).unwrap() }];
        let merged = merge(&device, &incoming);
        assert_eq!(merged.look_backs.len(), 1);
        assert_eq!((merged.look_backs[0].answer("sleep"), merged.look_backs[0].answer("support")), (Some(4), Some(3)));
    }

    #[test]
    fn merge_joins_a_counter_with_a_slip_on_one_side() {
        let mut device = sample();
        device.counters.list.retain(|c| c.name == "Alcohol");
        // The backup recorded a slip on the same counter afterwards.
        let mut incoming = device.clone();
        incoming.counters.list[0].slip(Start { date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(), time: None }, "", now()).unwrap();
        let (merged, report) = merged(&device, &incoming);
        assert_eq!(merged.counters.list, incoming.counters.list, "one counter, with the slip");
        assert_eq!(report.counters, Tally { added: 0, updated: 1, already: 0 });
        // The other way round, the device's slip stays and nothing is doubled.
        let (back, report) = super::merged(&incoming, &device);
        assert_eq!(back.counters.list, incoming.counters.list);
        assert_eq!(report.counters, Tally { added: 0, updated: 0, already: 1 });
    }

    #[test]
    fn merge_keeps_the_newer_journal_entry_and_craving() {
        let device = with_daily();
        let mut incoming = device.clone();
        incoming.journal[0].text = "Rewritten on the other phone".into();
        incoming.journal[0].edited = Some(now());
        incoming.cravings[0].note = "Edited there".into();
        incoming.cravings[0].updated = Some(now());
        let (merged, report) = merged(&device, &incoming);
        assert_eq!(merged.journal[0].text, "Rewritten on the other phone");
        assert_eq!(merged.cravings[0].note, "Edited there");
        assert_eq!(report.journal, Tally { added: 0, updated: 1, already: 1 });
        assert_eq!(report.cravings, Tally { added: 0, updated: 1, already: 49 });
        // This phone's newer copy is kept over the backup's older one.
        assert_eq!(merge(&incoming, &device), incoming);
        // An answer to "How did it go?" only the backup has is kept.
        let open = device.cravings.iter().position(|c| c.outcome.is_none()).unwrap();
        let mut answered = device.clone();
        answered.cravings[open].outcome = Some(Outcome::Used);
        assert_eq!(merge(&device, &answered).cravings[open].outcome, Some(Outcome::Used));
    }

    #[test]
    fn merge_takes_the_union_of_own_triggers_and_keeps_the_devices_settings() {
        let mut device = AllData::default();
        device.settings.own_triggers = vec!["Payday".into()];
        device.settings.install_guide_dismissed = true;
        let mut incoming = AllData::default();
        incoming.settings.own_triggers = vec!["payday".into(), "Sundays".into()];
        incoming.settings.look_back_day = Some(6);
        let (merged, report) = merged(&device, &incoming);
        assert_eq!(merged.settings.own_triggers, ["Payday", "Sundays"]);
        assert_eq!(merged.settings.look_back_day, Some(6));
        assert!(merged.settings.install_guide_dismissed);
        assert_eq!(report.own_triggers, Tally { added: 1, updated: 0, already: 1 });
    }

    #[test]
    fn the_merge_report_counts_what_is_added_and_what_is_already_here() {
        let device = sample();
        let mut incoming = sample();
        incoming.cravings.push(Craving::new(9, now()));
        incoming.counters.add("Nicotine", Start { date: now().date(), time: None }, now()).unwrap();
        let (_, report) = merged(&device, &incoming);
        assert_eq!(report.cravings, Tally { added: 1, updated: 0, already: 50 });
        assert_eq!(report.counters, Tally { added: 1, updated: 0, already: 2 });
        assert_eq!(report.plan_items, Tally { added: 0, updated: 0, already: 2 });
        assert!(report.checkins.is_empty());
        let (_, same) = merged(&device, &device);
        assert_eq!(same.cravings, Tally { added: 0, updated: 0, already: 50 });
    }

    #[test]
    fn the_preview_counts_each_kind_as_each_language_does() {
        use crate::domain::i18n::Lang;
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let preview = |n: usize| Preview {
            exported_at: day.and_hms_opt(9, 0, 0).unwrap(),
            counters: n, earlier_streaks: n, cravings: n,
            first_craving: (n > 0).then_some(day), last_craving: (n > 0).then_some(day),
            plan_items: n, coping_ratings: n, checkins: n, journal: n, look_backs: n,
            medications: n, appointments: n, doses: n, set_aside: n, supporting: n, moved_to_now: n,
        };
        assert_eq!(preview(0).lines(), [
            "Made on 23 November 2026", "0 counters and 0 earlier streaks", "0 cravings", "0 plan items", "0 coping ratings",
            "0 daily check-ins", "0 journal entries", "0 weekly look-backs", "0 medications and 0 doses marked taken", "0 appointments",
        ]);
        assert_eq!(preview(1).lines()[1..], [
            "1 counter and 1 earlier streak", "1 craving, from 23 November 2026 to 23 November 2026", "1 plan item", "1 coping rating",
            "1 daily check-in", "1 journal entry", "1 weekly look-back", "1 medication and 1 dose marked taken", "1 appointment",
            "1 plan of someone you support",
            "1 set-aside copy of data that couldn't be read (added beside any here, never over your data)",
            "1 time later than this phone's clock allows (it will be set to now)",
        ]);
        assert_eq!(preview(2).lines()[1], "2 counters and 2 earlier streaks");
        assert_eq!(preview(21).lines()[8], "21 medications and 21 doses marked taken");
        assert_eq!(preview(21).lines()[10], "21 plans of people you support");
        assert_eq!(preview(21).lines()[12], "21 times later than this phone's clock allows (they'll be set to now)");
        Lang::Es.while_current(|| {
            assert_eq!(preview(0).lines()[1], "0 contadores y 0 rachas anteriores");
            assert_eq!(preview(1).lines()[1], "1 contador y 1 racha anterior");
            assert_eq!(preview(1).lines()[8], "1 medicamento y 1 dosis marcada como tomada");
            assert_eq!(preview(2).lines()[9], "2 citas");
            assert_eq!(preview(21).lines()[4], "21 valoraciones de estrategias");
            assert_eq!(preview(21).lines()[10], "21 planes de personas a las que apoyas");
            assert_eq!(preview(1).lines()[12], "1 hora posterior a lo que permite el reloj de este teléfono (se cambiará a la hora actual)");
        });
    }

    #[test]
    fn the_merge_is_told_in_sentences_for_one_and_many_in_both_languages() {
        use crate::domain::i18n::Lang;
        let report = MergeReport {
            cravings: Tally { added: 12, updated: 3, already: 40 },
            counters: Tally { added: 0, updated: 1, already: 0 },
            journal: Tally { added: 1, updated: 0, already: 1 },
            ..MergeReport::default()
        };
        let english = [
            "1 counter will be updated with newer changes.",
            "12 cravings will be added, 3 will be updated with newer changes and 40 are already on this phone.",
            "1 journal entry will be added and 1 is already on this phone.",
        ];
        assert_eq!(report.sentences(), english);
        let spanish = [
            "Se actualizará 1 contador con cambios más recientes.",
            "Se agregarán 12 anotaciones de ganas de consumir, se actualizarán 3 con cambios más recientes y 40 ya están en este teléfono.",
            "Se agregará 1 entrada del diario y 1 ya está en este teléfono.",
        ];
        assert_eq!(Lang::Es.while_current(|| report.sentences()), spanish);
        let nothing = MergeReport { plan_items: Tally { added: 0, updated: 0, already: 2 }, ..MergeReport::default() };
        assert_eq!(nothing.sentences(), ["Nothing new: everything in this backup is already on this phone.", "2 plan items are already on this phone."]);
        assert!(MergeReport::default().sentences().is_empty());
        let at = |n: usize| MergeReport { medications: Tally { added: n, updated: n, already: n }, ..MergeReport::default() }.sentences();
        assert_eq!(at(21), ["21 medications will be added, 21 will be updated with newer changes and 21 are already on this phone."]);
        assert_eq!(Lang::Es.while_current(|| [at(1), at(2)]), [
            ["Se agregará 1 medicamento, se actualizará 1 con cambios más recientes y 1 ya está en este teléfono."],
            ["Se agregarán 2 medicamentos, se actualizarán 2 con cambios más recientes y 2 ya están en este teléfono."],
        ]);
    }

    #[test]
    fn two_future_checkins_restore_as_one_day() {
        let mut data = with_daily();
        let ahead = |days| now().date() + TimeDelta::days(days);
        data.checkins[0].date = ahead(3);
        data.checkins[0].saved_at = ahead(3).and_hms_opt(21, 0, 0).unwrap();
        data.checkins[1].date = ahead(4);
        data.checkins[1].saved_at = ahead(4).and_hms_opt(8, 0, 0).unwrap();
        // And today's own check-in, made on a phone with the right time.
        let mut today = CheckIn::new(now().date(), now() - TimeDelta::hours(1));
        today.sleep = Some(2);
        data.checkins.push(today);
        let (back, preview) = import(&export(&data, now()), now()).expect("the import's own fix-up never refuses the file");
        assert_eq!(back.checkins.len(), 1);
        let c = &back.checkins[0];
        assert_eq!(c.date, now().date());
        assert_eq!((c.mood, c.sleep, c.intention.is_some()), (Some(4), Some(2), true), "nothing written is lost");
        assert!(preview.moved_to_now >= 4);
    }

    #[test]
    fn an_edited_journal_entry_from_a_fast_clock_restores() {
        let mut data = with_daily();
        data.journal[1].at = now() + TimeDelta::days(2);
        data.journal[1].edited = Some(now() + TimeDelta::days(3));
        let (back, preview) = import(&export(&data, now()), now()).expect("restorable");
        assert_eq!((back.journal[1].at, back.journal[1].edited), (now(), Some(now())));
        assert_eq!(preview.moved_to_now, 2);
        // Only the edit ahead: still restorable.
        let mut edited = with_daily();
        edited.journal[0].edited = Some(now() + TimeDelta::days(5));
        assert_eq!(import(&export(&edited, now()), now()).unwrap().0.journal[0].edited, Some(now()));
    }

    #[test]
    fn a_dose_for_a_day_far_ahead_is_brought_to_today() {
        let mut data = with_meds();
        let ahead = now() + TimeDelta::days(3);
        data.doses[1].day = ahead.date();
        data.doses[1].at = ahead;
        let mut twice = data.doses[1].clone();
        twice.at = ahead + TimeDelta::hours(1);
        twice.day = ahead.date() + TimeDelta::days(1);
        data.doses.push(twice);
        let (back, _) = import(&export(&data, now()), now()).unwrap();
        assert_eq!(back.doses.len(), 2, "two taps moved onto the same moment are one dose");
        assert_eq!((back.doses[1].day, back.doses[1].at), (now().date(), now()));
    }

    #[test]
    fn a_backup_cannot_show_one_number_and_dial_another() {
        use crate::domain::helplines::Region;
        let mut data = sample();
        let mut alex = PlanItem::with_text("Alex");
        alex.set_phone("07700 900123".into(), Region::UnitedKingdom);
        data.plan.add(List::Support, alex).unwrap();
        let honest = export(&data, now());
        assert!(honest.contains("+447700900123"));
        let crafted = honest.replace("\"tel\":\"+447700900123\"", "\"tel\":\"+19005550100\"");
        assert_ne!(crafted, honest);
        let (back, _) = import(&crafted, now()).unwrap();
        let people = back.plan.contacts(Region::UnitedStates);
        let alex = people.iter().find(|c| c.name == "Alex").unwrap();
        assert_eq!((alex.shown.as_str(), alex.tel.as_str()), ("07700 900123", "+447700900123"));
        assert_eq!(back, data, "an honest file is unchanged");
        // A dial with no number shown dials nothing.
        let blank = honest.replace("\"phone\":\"07700 900123\",", "");
        let (back, _) = import(&blank, now()).unwrap();
        assert!(back.plan.contacts(Region::UnitedStates).iter().all(|c| c.name != "Alex"));
        assert!(back.plan.lists.values().flatten().all(|i| i.dial.is_none()));
    }

    /// Version 2 added set-aside copies.
    const FIXTURE_V2: &str = include_str!("../../tests/fixtures/backup-v2.json");

    #[test]
    fn set_aside_copies_are_backed_up_and_come_back() {
        let data = with_set_aside();
        let text = export(&data, now());
        assert!(text.contains("\"version\":2"));
        let (back, preview) = import(&text, now()).unwrap();
        assert_eq!(back, data);
        assert_eq!(preview.set_aside, 2);
        let (fixture, _) = import(FIXTURE_V2, now()).unwrap();
        assert_eq!(fixture, data);
        // Without any, the file stays version 1, which every Steady reads.
        assert!(export(&sample(), now()).contains("\"version\":1"));
        assert_eq!(data.set_aside[0].origin(), ("steady.plan", Some(1763900000000)));
        assert_eq!(SetAside { name: "odd".into(), text: String::new() }.origin(), ("odd", None));
    }

    #[test]
    fn restored_set_aside_copies_never_replace_another_and_are_not_doubled() {
        let device = vec![SetAside { name: "steady.plan.1".into(), text: "mine".into() }];
        let incoming = vec![
            SetAside { name: "steady.plan.1".into(), text: "theirs".into() },
            SetAside { name: "steady.plan.2".into(), text: "mine".into() },
            SetAside { name: "steady.settings.3".into(), text: "mine".into() },
            SetAside { name: "odd".into(), text: "mine".into() },
        ];
        let added = new_set_aside(&device, &incoming);
        assert_eq!(
            added,
            vec![
                SetAside { name: "steady.plan.2".into(), text: "theirs".into() },
                SetAside { name: "steady.settings.3".into(), text: "mine".into() },
                SetAside { name: "odd".into(), text: "mine".into() },
            ]
        );
        let mut current = AllData::default();
        current.set_aside = device.clone();
        let mut other = AllData::default();
        other.set_aside = incoming;
        let merged = merge(&current, &other);
        assert_eq!(merged.set_aside.len(), 4);
        assert_eq!(merge(&merged, &other), merged);
    }

    /// A tiny deterministic generator, so the mutation test is repeatable.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            self.0 >> 33
        }
    }

    #[test]
    fn mutated_backups_are_accepted_whole_or_refused_whole() {
        let good = export(&sample(), now());
        let mut rng = Lcg(7);
        let junk = ["", "\"", "{", "]", "0", "-1", "99999999999999999999", "null", "true", "\"x\"", "\u{0}", "é", "🙂", ",", ":"];
        let (mut accepted, mut refused) = (0, 0);
        for _ in 0..3_000 {
            let mut text = good.clone();
            for _ in 0..1 + rng.next() % 3 {
                let mut at = (rng.next() as usize) % text.len();
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + (rng.next() as usize % 8)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let insert = junk[(rng.next() as usize) % junk.len()];
                text.replace_range(at..end, insert);
            }
            match import(&text, now()) {
                Ok((data, _)) => {
                    accepted += 1;
                    // Anything accepted is fully valid and exports again unchanged.
                    assert!(check(&data, now()).is_ok());
                    assert_eq!(import(&export(&data, now()), now()).unwrap().0, data);
                }
                Err(message) => {
                    refused += 1;
                    assert!(!message.is_empty());
                }
            }
        }
        assert!(refused > 1_000, "mutations mostly break a file ({accepted} accepted)");
    }

    #[test]
    fn merged_ratings_follow_a_renamed_own_strategy() {
        let mut device = AllData::default();
        device.coping.add_own("Call Mum", "").unwrap();
        let mut other = AllData::default();
        let theirs = other.coping.add_own("Run", "").unwrap();
        assert_eq!(theirs, "own-1", "both phones used own-1");
        other.coping.ratings.push(Rating { strategy: theirs.clone(), at: now(), helped: Helped::Yes, trigger: None });
        other.coping.hidden.push(theirs);
        let merged = merge(&device, &other);
        let run = merged.coping.own.iter().find(|o| o.title == "Run").unwrap();
        assert_ne!(run.id, "own-1");
        assert_eq!(merged.coping.ratings[0].strategy, run.id);
        assert_eq!(merged.coping.hidden, [run.id.clone()]);
    }

    #[test]
    fn merge_keeps_everything_and_doubles_nothing() {
        let device = sample();
        let mut other = sample();
        other.cravings.push(Craving::new(9, now()));
        other.counters.add("Nicotine", Start { date: now().date(), time: None }, now()).unwrap();
        other.plan.add(List::Coping, PlanItem { id: 0, text: "Walk".into(), response: String::new(), role: None, phone: String::new(), dial: None }).unwrap();
        let merged = merge(&device, &other);
        assert_eq!(merged.cravings.len(), 51);
        assert_eq!(merged.counters.list.len(), 3);
        assert_eq!(merged.plan.lists.values().map(Vec::len).sum::<usize>(), 3);
        assert_eq!(merged.coping.own.len(), 1);
        assert_eq!(merged.coping.ratings.len(), 1);
        assert!(check(&merged, now()).is_ok(), "ids stay unique");
        assert_eq!(merge(&device, &device), device, "merging a backup of the same data changes nothing");
        assert_eq!(merge(&AllData::default(), &device).cravings.len(), 50);
    }
}
