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
use super::i18n::fill;
use super::settings::Settings;

pub const FORMAT: &str = "steady-backup";
/// The newest format this version reads. Version 2 added set-aside copies,
/// version 3 daily check-ins and the journal, version 4 medication, version 5
/// appointments (an app that reads 4 would drop them, so it must refuse them); a file is written with the
/// lowest version that holds what it has, so older apps read what they can.
pub const VERSION: u64 = 5;
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
}

impl BackupFile {
    fn into_data(self) -> AllData {
        let BackupFile { settings, counters, plan, coping, cravings, checkins, journal, look_backs, meds, doses, set_aside, .. } = self;
        AllData { settings, counters, plan, coping, cravings, checkins, journal, look_backs, meds, doses, set_aside }
    }
}

/// The text of a backup file.
pub fn export(data: &AllData, now: NaiveDateTime) -> String {
    let AllData { settings, counters, plan, coping, cravings, checkins, journal, look_backs, meds, doses, set_aside } = data.clone();
    let settings = settings.without_guess();
    // The lowest version that holds what this file has (see [`VERSION`]).
    let version = if !meds.appts.is_empty() {
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
    let file = BackupFile { format: FORMAT.into(), version, exported_at: now, settings, counters, plan, coping, cravings, checkins, journal, look_backs, meds, doses, set_aside };
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
            moved_to_now: 0,
        }
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
    for c in &mut data.cravings {
        if c.at > latest {
            c.at = now;
            moved += 1;
        }
    }
    for e in &mut data.journal {
        if e.at > latest {
            e.at = now;
            moved += 1;
        }
    }
    for d in &mut data.doses {
        if d.at > latest {
            d.at = now;
            moved += 1;
        }
    }
    // A check-in is for a calendar day: one ahead is travel (see `checkin::editable`).
    for c in &mut data.checkins {
        if c.date > latest.date() {
            c.date = now.date();
            moved += 1;
        }
    }
    moved
}

/// Reads and checks a backup file. `now` is the device's local time: times
/// after it by more than [`CLOCK_SLACK`] are set to `now`.
pub fn import(text: &str, now: NaiveDateTime) -> Result<(AllData, Preview), String> {
    if text.trim().is_empty() {
        return Err(tr!("That file is empty.", "Ese archivo está vacío.").into());
    }
    if text.len() > MAX_BYTES {
        return Err(tr!("That file is over 10 MB — too big to be a Steady backup.",
            "Ese archivo pesa más de 10 MB: es demasiado grande para ser una copia de seguridad de Steady.").into());
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            tr!("That file is cut short (it may not have finished downloading).",
                "Ese archivo está incompleto (puede que no haya terminado de descargarse).").to_string()
        } else {
            fill(tr!("That isn't a Steady backup: it isn't valid JSON ({}).",
                "Eso no es una copia de seguridad de Steady: no es un JSON válido ({})."), &[&e.to_string()])
        }
    })?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        _ => return Err(tr!("That isn't a Steady backup file.", "Ese no es un archivo de copia de seguridad de Steady.").into()),
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > VERSION => {
            return Err(fill(tr!("This backup was made by a newer version of Steady (format {}). Update the app, then try again.",
                "Esta copia de seguridad se hizo con una versión más nueva de Steady (formato {}). Actualiza la app y vuelve a intentarlo."), &[&v.to_string()]))
        }
        Some(v) if v >= 1 => {}
        _ => return Err(tr!("That backup has no valid version number.", "Esa copia de seguridad no tiene un número de versión válido.").into()),
    }
    let file: BackupFile = serde_json::from_value(value).map_err(|e| {
        fill(tr!("Part of that backup is damaged or in the wrong form: {}.",
            "Una parte de esa copia de seguridad está dañada o tiene un formato incorrecto: {}."), &[&e.to_string()])
    })?;
    let exported_at = file.exported_at;
    let mut data = file.into_data();
    let moved_to_now = bring_back_to_now(&mut data, now);
    check(&data, now)?;
    let preview = Preview { moved_to_now, ..Preview::of(&data, exported_at) };
    Ok((data, preview))
}

fn check(data: &AllData, now: NaiveDateTime) -> Result<(), String> {
    let now = now + CLOCK_SLACK;
    let mut ids = HashSet::new();
    for c in &data.counters.list {
        if !ids.insert(c.id) {
            return Err(fill(tr!("Two counters share the number {}.", "Dos contadores tienen el mismo número, {}."), &[&c.id.to_string()]));
        }
        if c.name.trim().is_empty() || c.name.chars().count() > 60 {
            return Err(tr!("A counter has an empty or overlong name.", "Un contador tiene el nombre vacío o demasiado largo.").into());
        }
        if c.start.is_after(now) {
            return Err(fill(tr!("The counter “{}” starts in the future.", "El contador “{}” empieza en el futuro."), &[&c.name]));
        }
        if c.history.iter().any(|s| s.end.at() < s.start.at() || s.end.is_after(now)) {
            return Err(fill(tr!("The counter “{}” has a streak with impossible dates.", "El contador “{}” tiene una racha con fechas imposibles."), &[&c.name]));
        }
    }
    if data.counters.main.is_some_and(|m| !ids.contains(&m)) {
        return Err(tr!("The main counter in that backup doesn't exist.", "El contador principal de esa copia de seguridad no existe.").into());
    }
    let mut craving_ids = HashSet::new();
    for c in &data.cravings {
        if !craving_ids.insert(c.id) {
            return Err(tr!("Two cravings in that backup share an id.", "Dos registros de ganas de consumir de esa copia de seguridad tienen el mismo identificador.").into());
        }
        c.validate(now).map_err(|e| {
            fill(tr!("A craving from {}: {}", "Un registro de ganas de consumir del {}: {}"), &[&super::dates::long_date(c.at.date()), e.message()])
        })?;
        if c.intensity > MAX_INTENSITY {
            return Err(tr!("A craving has an intensity over 10.", "Un registro de ganas de consumir tiene una intensidad mayor que 10.").into());
        }
    }
    let mut days = HashSet::new();
    for c in &data.checkins {
        if !days.insert(c.date) {
            return Err(fill(tr!("That backup has two check-ins for {}.", "Esa copia de seguridad tiene dos registros del día {}."), &[&super::dates::long_date(c.date)]));
        }
        c.check_fields().map_err(|e| {
            fill(tr!("The check-in for {}: {}", "El registro del día {}: {}"), &[&super::dates::long_date(c.date), e.message()])
        })?;
    }
    let mut entry_ids = HashSet::new();
    for e in &data.journal {
        if !entry_ids.insert(e.id) {
            return Err(tr!("Two journal entries in that backup share an id.", "Dos entradas del diario de esa copia de seguridad tienen el mismo identificador.").into());
        }
        e.validate(now).map_err(|err| {
            fill(tr!("A journal entry from {}: {}", "Una entrada del diario del {}: {}"), &[&super::dates::long_date(e.at.date()), err.message()])
        })?;
    }
    let mut weeks = HashSet::new();
    for l in &data.look_backs {
        if !weeks.insert(l.day) || !l.valid() {
            return Err(fill(tr!("The weekly look-back for {} is repeated or damaged.", "El repaso semanal del {} está repetido o dañado."), &[&super::dates::long_date(l.day)]));
        }
    }
    let mut med_ids = HashSet::new();
    for m in &data.meds.list {
        if !med_ids.insert(m.id) {
            return Err(tr!("Two medications in that backup share an id.", "Dos medicamentos de esa copia de seguridad tienen el mismo identificador.").into());
        }
        m.check().map_err(|e| fill(tr!("The medication “{}”: {}", "El medicamento “{}”: {}"), &[m.shown_name(), e.message()]))?;
    }
    let mut appt_ids = HashSet::new();
    for a in &data.meds.appts {
        if !appt_ids.insert(a.id) {
            return Err(tr!("Two appointments in that backup share an id.", "Dos citas de esa copia de seguridad tienen el mismo identificador.").into());
        }
        a.check().map_err(|e| fill(tr!("The appointment “{}”: {}", "La cita “{}”: {}"), &[a.shown_title(), e.message()]))?;
    }
    if let Some(kit) = &data.meds.naloxone {
        kit.check().map_err(|e| fill(tr!("Your naloxone: {}", "Tu naloxona: {}"), &[e.message()]))?;
    }
    let mut item_ids = HashSet::new();
    for item in data.plan.lists.values().flatten() {
        if !item_ids.insert(item.id) {
            return Err(tr!("Two plan items share an id.", "Dos elementos del plan tienen el mismo identificador.").into());
        }
    }
    let mut names = HashSet::new();
    for copy in &data.set_aside {
        let name_ok = !copy.name.is_empty() && copy.name.chars().count() <= 200 && !copy.name.chars().any(char::is_control);
        if !name_ok || !names.insert(&copy.name) {
            return Err(tr!("A set-aside copy in that backup has a missing, overlong or repeated name.",
                "Una copia guardada aparte en esa copia de seguridad tiene el nombre vacío, demasiado largo o repetido.").into());
        }
    }
    Ok(())
}

/// Adds a backup to what is on the device, keeping everything already there:
/// counters, cravings, plan items and strategies that are already present are
/// not doubled; the device's settings win.
pub fn merge(current: &AllData, incoming: &AllData) -> AllData {
    let mut out = current.clone();

    let mut next_counter = out.counters.list.iter().map(|c| c.id).max().unwrap_or(0) + 1;
    for c in &incoming.counters.list {
        let same = out.counters.list.iter().any(|o| o.name == c.name && o.start == c.start && o.history == c.history);
        if !same {
            let mut c = c.clone();
            if out.counters.get(c.id).is_some() {
                c.id = next_counter;
            }
            next_counter = next_counter.max(c.id + 1);
            out.counters.list.push(c);
        }
    }
    if out.counters.main.is_none() {
        out.counters.main = out.counters.list.first().map(|c| c.id);
    }

    let known: HashSet<u64> = out.cravings.iter().map(|c| c.id).collect();
    out.cravings.extend(incoming.cravings.iter().filter(|c| !known.contains(&c.id)).cloned());

    // One check-in per day: the device's own is kept.
    let known_days: HashSet<NaiveDate> = out.checkins.iter().map(|c| c.date).collect();
    out.checkins.extend(incoming.checkins.iter().filter(|c| !known_days.contains(&c.date)).cloned());
    let known_weeks: HashSet<NaiveDate> = out.look_backs.iter().map(|l| l.day).collect();
    out.look_backs.extend(incoming.look_backs.iter().filter(|l| !known_weeks.contains(&l.day)).cloned());
    let renumbered = out.meds.merge(&incoming.meds);
    for dose in &incoming.doses {
        let dose = Taken { med: renumbered.get(&dose.med).copied().unwrap_or(dose.med), ..dose.clone() };
        if !out.doses.contains(&dose) {
            out.doses.push(dose);
        }
    }
    let known_entries: HashSet<u64> = out.journal.iter().map(|e| e.id).collect();
    out.journal.extend(incoming.journal.iter().filter(|e| !known_entries.contains(&e.id)).cloned());

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
    out
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
        let value: serde_json::Value = serde_json::from_str(&export(&with_appointments(), now())).unwrap();
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
            (good.replacen("\"version\": 1", "\"version\": 6", 1), "newer version"),
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
