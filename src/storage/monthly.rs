//! Collections stored a month per key (daily check-ins, the journal), so saving
//! one entry re-serialises a month, not years, and a screen reads only the
//! months it shows.
//!
//! What the first download needs — the list of stored months, and dropping a
//! month another tab changed — is plain code in [`Monthly`]. The entries
//! themselves are held type-erased, so the generic code that reads, writes and
//! shows them is only in the split-off screens that use it.

use std::any::Any;
use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::checkin::CheckIn;
use crate::domain::cravings::YearMonth;
use crate::domain::i18n::Both;
use crate::domain::journal::JournalEntry;
use crate::domain::meds::Taken;
use crate::domain::weekly::LookBack;

use super::envelope::{self, Document, Loaded};
use super::{read_raw, write_raw, Store};

pub const CHECKIN_PREFIX: &str = "steady.checkin.";
pub const JOURNAL_PREFIX: &str = "steady.journal.";
pub const WEEKLY_PREFIX: &str = "steady.weekly.";
pub const DOSE_PREFIX: &str = "steady.dose.";

/// One month's `Vec<T>`, for the `T` its prefix holds.
type AnyList = Box<dyn Any + Send + Sync>;

/// A collection stored a month per key, in memory.
#[derive(Clone, Copy)]
pub struct Monthly {
    prefix: &'static str,
    /// Every month with entries on this device, newest first (listing keys reads no entries).
    pub months: RwSignal<Vec<YearMonth>>,
    /// The months read so far.
    loaded: RwSignal<BTreeMap<YearMonth, AnyList>>,
}

impl Monthly {
    // Not inlined: start-up makes one for each collection, and a copy each would cost first-load bytes.
    #[inline(never)]
    pub(super) fn new(prefix: &'static str, keys: &[String]) -> Monthly {
        Monthly { prefix, months: RwSignal::new(months_in(prefix, keys)), loaded: RwSignal::new(BTreeMap::new()) }
    }

    fn key(&self, month: YearMonth) -> String {
        format!("{}{month}", self.prefix)
    }

    /// The month `key` holds, if it is one of this collection's.
    pub(super) fn month_of(&self, key: &str) -> Option<YearMonth> {
        key.strip_prefix(self.prefix).and_then(YearMonth::parse)
    }

    /// Lists the stored months again and forgets `months` (changed elsewhere):
    /// the screens showing them read them again.
    pub(super) fn changed(&self, months: &[YearMonth], keys: &[String]) {
        self.months.set(months_in(self.prefix, keys));
        if self.loaded.with_untracked(|l| months.iter().any(|m| l.contains_key(m))) {
            self.loaded.update(|l| {
                for month in months {
                    l.remove(month);
                }
            });
        }
    }

    /// After a restore or delete-all: everything is read again when next shown.
    pub(super) fn reset(&self, keys: &[String]) {
        self.months.set(months_in(self.prefix, keys));
        self.loaded.set(BTreeMap::new());
    }
}

fn months_in(prefix: &str, keys: &[String]) -> Vec<YearMonth> {
    let mut months: Vec<YearMonth> = keys.iter().filter_map(|k| k.strip_prefix(prefix).and_then(YearMonth::parse)).collect();
    months.sort_unstable_by(|a, b| b.cmp(a));
    months
}

/// An entry of a collection stored a month per key.
pub trait MonthItem: Serialize + DeserializeOwned + Clone + PartialEq + Send + Sync + 'static {
    /// What the person calls a month of these in messages.
    const LABEL: &'static str;
    fn month(&self) -> YearMonth;
    /// Whether `other` is this same entry (a save replaces it).
    fn same(&self, other: &Self) -> bool;
    /// Puts a month in the order it is shown.
    fn arrange(list: &mut [Self]);
    fn collection(store: &Store) -> Monthly;
}

impl MonthItem for CheckIn {
    const LABEL: &'static str = Both::new("part of your daily check-ins").en;
    fn month(&self) -> YearMonth {
        CheckIn::month(self)
    }
    /// One check-in per day.
    fn same(&self, other: &Self) -> bool {
        self.date == other.date
    }
    fn arrange(list: &mut [Self]) {
        list.sort_by_key(|c| c.date);
    }
    fn collection(store: &Store) -> Monthly {
        store.checkins
    }
}

impl MonthItem for JournalEntry {
    const LABEL: &'static str = Both::new("part of your journal").en;
    fn month(&self) -> YearMonth {
        JournalEntry::month(self)
    }
    fn same(&self, other: &Self) -> bool {
        self.id == other.id
    }
    fn arrange(list: &mut [Self]) {
        crate::domain::journal::sort_newest_first(list);
    }
    fn collection(store: &Store) -> Monthly {
        store.journal
    }
}

impl MonthItem for LookBack {
    const LABEL: &'static str = Both::new("part of your weekly look-backs").en;
    fn month(&self) -> YearMonth {
        LookBack::month(self)
    }
    /// One look-back per week, named by its day.
    fn same(&self, other: &Self) -> bool {
        self.day == other.day
    }
    fn arrange(list: &mut [Self]) {
        list.sort_by_key(|l| l.day);
    }
    fn collection(store: &Store) -> Monthly {
        store.weekly
    }
}

impl MonthItem for Taken {
    const LABEL: &'static str = Both::new("part of your medication history").en;
    fn month(&self) -> YearMonth {
        YearMonth::of(self.day)
    }
    /// Two taps at the same moment are one dose.
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn arrange(list: &mut [Self]) {
        crate::domain::meds::arrange_doses(list);
    }
    fn collection(store: &Store) -> Monthly {
        store.doses
    }
}

/// The stored form of one month: `{"v":1,"data":[…]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MonthDoc<T>(pub Vec<T>);

impl<T> Default for MonthDoc<T> {
    fn default() -> Self {
        MonthDoc(Vec::new())
    }
}

impl<T: MonthItem> Document for MonthDoc<T> {
    const LABEL: &'static str = T::LABEL;
    const VERSION: u64 = 1;
}

fn list<T: 'static>(any: &AnyList) -> &[T] {
    any.downcast_ref::<Vec<T>>().map_or(&[], Vec::as_slice)
}

impl Store {
    /// Reads the months of `T` not read yet. Unreadable months are reported and kept as they are.
    fn read_months<T: MonthItem>(&self, months: impl IntoIterator<Item = YearMonth>) {
        let collection = T::collection(self);
        let missing: Vec<YearMonth> =
            collection.loaded.with_untracked(|l| months.into_iter().filter(|m| !l.contains_key(m)).collect());
        if missing.is_empty() {
            return;
        }
        let mut problems = Vec::new();
        let read: Vec<(YearMonth, AnyList)> = missing
            .into_iter()
            .map(|month| {
                let key = collection.key(month);
                let entries = match envelope::decode::<MonthDoc<T>>(&key, read_raw(&key).as_deref()) {
                    Loaded::Ready(MonthDoc(mut list)) => {
                        T::arrange(&mut list);
                        list
                    }
                    Loaded::Missing => Vec::new(),
                    Loaded::Unreadable(problem) => {
                        problems.push(problem);
                        Vec::new()
                    }
                };
                (month, Box::new(entries) as AnyList)
            })
            .collect();
        collection.loaded.update(|l| l.extend(read));
        if !problems.is_empty() {
            self.problems.update(|ps| ps.extend(problems));
        }
    }

    /// One month of `T`, read first if needed; reactive (a month changed in
    /// another tab is read again).
    pub fn with_month<T: MonthItem, R>(&self, month: YearMonth, f: impl FnOnce(&[T]) -> R) -> R {
        let collection = T::collection(self);
        collection.months.track();
        self.read_months::<T>([month]);
        collection.loaded.with(|l| f(l.get(&month).map_or(&[], list)))
    }

    /// Every month of `T`, newest month first, read first where needed; reactive.
    pub fn with_every_month<T: MonthItem, R>(&self, f: impl FnOnce(&[&[T]]) -> R) -> R {
        let collection = T::collection(self);
        let months = collection.months.get();
        self.read_months::<T>(months.iter().copied());
        collection.loaded.with(|l| {
            let lists: Vec<&[T]> = months.iter().filter_map(|m| l.get(m)).map(list).collect();
            f(&lists)
        })
    }

    /// All entries of `T` (for a backup).
    pub(super) fn all_of<T: MonthItem>(&self) -> Vec<T> {
        self.with_every_month::<T, _>(|lists| lists.iter().flat_map(|l| l.iter().cloned()).collect())
    }

    /// Adds or replaces an entry (see [`MonthItem::same`]), moving it if its
    /// month changed. Only the months touched are written; a failed write is
    /// reported and the entry stays on screen.
    pub fn save_entry<T: MonthItem>(&self, entry: T) -> Result<(), String> {
        let collection = T::collection(self);
        let month = entry.month();
        let known: Vec<YearMonth> = collection.months.get_untracked();
        // The entry may be moving from another month: read every month it could be in.
        self.read_months::<T>(known.iter().copied().chain([month]));
        let mut touched = vec![month];
        collection.loaded.update(|loaded| {
            for (m, any) in loaded.iter_mut() {
                if let Some(list) = any.downcast_mut::<Vec<T>>() {
                    let before = list.len();
                    list.retain(|e| !e.same(&entry));
                    if list.len() != before {
                        touched.push(*m);
                    }
                }
            }
            let any = loaded.entry(month).or_insert_with(|| Box::new(Vec::<T>::new()));
            if let Some(list) = any.downcast_mut::<Vec<T>>() {
                list.push(entry);
                T::arrange(list);
            }
        });
        touched.sort_unstable();
        touched.dedup();
        let outcome = touched.into_iter().try_for_each(|m| self.write_month_of::<T>(m));
        self.report(outcome)
    }

    /// Removes the entry `matches` picks; returns it so it can be put back with [`Store::save_entry`].
    pub fn delete_entry<T: MonthItem>(&self, month: YearMonth, matches: impl Fn(&T) -> bool) -> Option<T> {
        let collection = T::collection(self);
        self.read_months::<T>([month]);
        let mut removed = None;
        collection.loaded.update(|loaded| {
            if let Some(list) = loaded.get_mut(&month).and_then(|a| a.downcast_mut::<Vec<T>>()) {
                if let Some(at) = list.iter().position(&matches) {
                    removed = Some(list.remove(at));
                }
            }
        });
        let removed = removed?;
        let outcome = self.write_month_of::<T>(month);
        let _ = self.report(outcome);
        Some(removed)
    }

    fn write_month_of<T: MonthItem>(&self, month: YearMonth) -> Result<(), String> {
        let collection = T::collection(self);
        let key = collection.key(month);
        self.refuse_if_blocked(&key, T::LABEL)?;
        let entries: Vec<T> = collection.loaded.with_untracked(|l| l.get(&month).map(|a| list::<T>(a).to_vec()).unwrap_or_default());
        let empty = entries.is_empty();
        let text = if empty { None } else { Some(envelope::encode(&MonthDoc(entries))?) };
        write_raw(&key, text.as_deref())?;
        collection.months.update(|months| {
            let known = months.contains(&month);
            if empty && known {
                months.retain(|m| *m != month);
            } else if !empty && !known {
                months.push(month);
                months.sort_unstable_by(|a, b| b.cmp(a));
            }
        });
        Ok(())
    }
}

/// The writes that replace every month of `T` with `entries` (a restore).
pub(super) fn replace_writes<T: MonthItem>(store: &Store, entries: Vec<T>, by_month: impl Fn(Vec<T>) -> BTreeMap<YearMonth, Vec<T>>) -> Result<Vec<(String, Option<String>)>, String> {
    let collection = T::collection(store);
    let months = by_month(entries);
    let mut writes = Vec::new();
    for month in collection.months.get_untracked() {
        if !months.contains_key(&month) {
            writes.push((collection.key(month), None));
        }
    }
    for (month, list) in months {
        writes.push((collection.key(month), Some(envelope::encode(&MonthDoc(list))?)));
    }
    Ok(writes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// What a device stores for check-ins and the journal (data version 1), committed so later
    /// versions are tested against it.
    fn fixture() -> BTreeMap<String, String> {
        serde_json::from_str(include_str!("../../tests/fixtures/storage-daily-v1.json")).unwrap()
    }

    #[test]
    #[ignore = "run once with --ignored to write the fixture for a new data version"]
    fn write_fixture() {
        let now = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(12, 0, 0).unwrap();
        let (data, _) = crate::domain::backup::import(include_str!("../../tests/fixtures/backup-v3.json"), now).unwrap();
        let mut out = BTreeMap::new();
        for (month, list) in crate::domain::checkin::by_month(data.checkins) {
            out.insert(format!("{CHECKIN_PREFIX}{month}"), envelope::encode(&MonthDoc(list)).unwrap());
        }
        for (month, list) in crate::domain::journal::by_month(data.journal) {
            out.insert(format!("{JOURNAL_PREFIX}{month}"), envelope::encode(&MonthDoc(list)).unwrap());
        }
        for (month, list) in crate::domain::weekly::by_month(data.look_backs) {
            out.insert(format!("{WEEKLY_PREFIX}{month}"), envelope::encode(&MonthDoc(list)).unwrap());
        }
        std::fs::write("tests/fixtures/storage-daily-v1.json", serde_json::to_string_pretty(&out).unwrap() + "\n").unwrap();
    }

    fn round_trip<T: MonthItem + std::fmt::Debug>(key: &str, raw: &str) -> Vec<T> {
        match envelope::decode::<MonthDoc<T>>(key, Some(raw)) {
            Loaded::Ready(doc) => {
                assert_eq!(envelope::encode(&doc).unwrap(), raw, "{key} is written back the same");
                doc.0
            }
            other => panic!("{key}: {other:?}"),
        }
    }

    #[test]
    fn version_1_months_still_read_and_are_written_back_the_same() {
        let fixture = fixture();
        let checkins = round_trip::<CheckIn>("steady.checkin.2026-11", &fixture["steady.checkin.2026-11"]);
        assert_eq!(checkins.len(), 2);
        let journal = round_trip::<JournalEntry>("steady.journal.2026-11", &fixture["steady.journal.2026-11"]);
        assert_eq!(journal.len(), 2);
        let weekly = round_trip::<LookBack>("steady.weekly.2026-11", &fixture["steady.weekly.2026-11"]);
        assert_eq!(weekly[0].answer("support"), Some(4));
    }

    /// What a device stores for medication (data version 1 of both documents;
    /// the medication document is written back as version 3, its data unchanged).
    #[test]
    fn version_1_medication_and_doses_still_read_and_are_written_back_the_same() {
        use crate::domain::meds::MedsData;
        let fixture: BTreeMap<String, String> = serde_json::from_str(include_str!("../../tests/fixtures/storage-meds-v1.json")).unwrap();
        let doses = round_trip::<Taken>("steady.dose.2026-11", &fixture["steady.dose.2026-11"]);
        assert_eq!(doses.len(), 2);
        match envelope::decode::<MedsData>("steady.meds", Some(&fixture["steady.meds"])) {
            Loaded::Ready(meds) => {
                assert_eq!(envelope::encode(&meds).unwrap(), fixture["steady.meds"].replacen(r#"{"v":1,"#, r#"{"v":3,"#, 1));
                assert_eq!((meds.list.len(), meds.naloxone.unwrap().place.as_str()), (2, "Kitchen drawer"));
            }
            other => panic!("{other:?}"),
        }
        // An app that knows only version 1 keeps its hands off version 2 (it would drop the appointments).
        assert!(fixture["steady.meds"].starts_with(r#"{"v":1,"#));
        match envelope::decode::<MonthDoc<Taken>>("steady.dose.2026-12", Some(r#"{"v":1,"data":[{"med":1}]}"#)) {
            Loaded::Unreadable(p) => assert_eq!(p.label, "part of your medication history"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_damaged_month_is_reported_with_its_key_and_label() {
        match envelope::decode::<MonthDoc<CheckIn>>("steady.checkin.2026-03", Some(r#"{"v":1,"data":[{"d":"2026-03-0"}]}"#)) {
            Loaded::Unreadable(p) => assert_eq!((p.key.as_str(), p.label), ("steady.checkin.2026-03", "part of your daily check-ins")),
            other => panic!("{other:?}"),
        }
        match envelope::decode::<MonthDoc<JournalEntry>>("steady.journal.2026-03", Some(r#"{"v":2,"data":[]}"#)) {
            Loaded::Unreadable(p) => assert_eq!(p.kind, envelope::ProblemKind::TooNew(2)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn months_are_listed_newest_first_from_their_keys_only() {
        let keys: Vec<String> = ["steady.checkin.2026-02", "steady.journal.2026-03", "steady.checkin.2027-01", "steady.checkin.junk", "steady.log.2026-05"]
            .map(String::from)
            .to_vec();
        let months: Vec<String> = months_in(CHECKIN_PREFIX, &keys).iter().map(|m| m.to_string()).collect();
        assert_eq!(months, ["2027-01", "2026-02"]);
        assert!(months_in(JOURNAL_PREFIX, &[]).is_empty());
    }
}
