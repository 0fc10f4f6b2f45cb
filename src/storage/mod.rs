//! The only code that reads or writes localStorage.
//!
//! Documents are loaded into memory (the craving log a month at a time, when a
//! screen needs it) and saved through one writer, [`write_raw`], which hands
//! everything to the vault (encryption at rest) when a passcode is set. Data that can't
//! be read is never written over: its key stays blocked until the person sets
//! it aside themselves.
//!
//! This talks to `web_sys::Storage` directly rather than through gloo-storage:
//! we must keep unreadable text byte for byte, and gloo throws when a browser
//! blocks storage, which would take the helplines down with it.

pub mod crypto;
pub mod envelope;
pub mod monthly;
pub mod set_aside;
pub mod vault;

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use web_sys::Storage;

use crate::domain::backup::AllData;
use crate::domain::coping::CopingData;
use crate::domain::counter::Counters;
use crate::domain::cravings::{sort_newest_first, Craving, YearMonth};
use crate::domain::i18n::{fill, in_use, Both, Lang};
use crate::domain::lock::LockRecord;
use crate::domain::meds::MedsData;
use crate::domain::plan::Plan;
use crate::domain::settings::Settings;
use crate::domain::supporting::Supporting;
pub use envelope::{Document, Loaded, Problem, ProblemKind, Singleton};
pub use monthly::Monthly;

impl Document for Settings {
    const LABEL: &'static str = Both::new("your settings").en;
    /// Version 2 added `region_chosen`; it defaults, so nothing changes on the
    /// way up. Raised so a version-1 tab refuses the data rather than drops it.
    const VERSION: u64 = 2;

    fn migrate(from_version: u64, data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from_version {
            1 => Ok(data),
            _ => Err(format!("there is no upgrade from version {from_version}")),
        }
    }
}
impl Singleton for Settings {
    const KEY: &'static str = "steady.settings";
}

impl Document for Counters {
    const LABEL: &'static str = Both::new("your clean-time counters").en;
    /// Version 2: `Counter.counts` had been added under version 1. It defaults,
    /// so nothing changes on the way up; raised so an older tab refuses it rather than drops it.
    const VERSION: u64 = 2;

    fn migrate(from_version: u64, data: serde_json::Value) -> Result<serde_json::Value, String> {
        fields_added(from_version, data)
    }
}
impl Singleton for Counters {
    const KEY: &'static str = "steady.counters";
}

impl Document for Plan {
    const LABEL: &'static str = Both::new("your relapse-prevention plan").en;
    /// Version 2: `PlanItem.dial` had been added under version 1 (see [`Counters`]);
    /// version 3 the choices for plan links (`share`), which default; version 4 the
    /// check-in text's choices, inside `share`'s JSON text.
    const VERSION: u64 = 4;

    fn migrate(from_version: u64, data: serde_json::Value) -> Result<serde_json::Value, String> {
        fields_added(from_version, data)
    }
}
impl Singleton for Plan {
    const KEY: &'static str = "steady.plan";
}

impl Document for MedsData {
    const LABEL: &'static str = Both::new("your medication and naloxone details").en;
    /// Version 2 added appointments and the notification and badge choices;
    /// version 3 the calendar file's random id (`cal`). Their fields default,
    /// so nothing changes on the way up; the number is raised so an older app
    /// (an old tab left open across an update) refuses the data instead of
    /// dropping them on its next save.
    const VERSION: u64 = 3;

    fn migrate(from_version: u64, data: serde_json::Value) -> Result<serde_json::Value, String> {
        match from_version {
            1 | 2 => Ok(data),
            _ => Err(format!("there is no upgrade from version {from_version}")),
        }
    }
}
impl Singleton for MedsData {
    const KEY: &'static str = "steady.meds";
}

impl Document for Supporting {
    const LABEL: &'static str = Both::new("the plans of people you support").en;
    const VERSION: u64 = 1;
}
impl Singleton for Supporting {
    const KEY: &'static str = "steady.supporting";
}

impl Document for CopingData {
    const LABEL: &'static str = Both::new("your coping strategies and ratings").en;
    const VERSION: u64 = 1;
}
impl Singleton for CopingData {
    const KEY: &'static str = "steady.coping";
}

/// One month of the craving log, newest first. Stored per month so saving one
/// entry re-serialises a month, not years.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CravingMonth(pub Vec<Craving>);

impl Document for CravingMonth {
    const LABEL: &'static str = Both::new("part of your craving log").en;
    /// Version 2 added `Craving.updated` (see [`Counters`]).
    const VERSION: u64 = 2;

    fn migrate(from_version: u64, data: serde_json::Value) -> Result<serde_json::Value, String> {
        fields_added(from_version, data)
    }
}

/// The upgrade for a version that only added fields that default: the data is
/// as it was. (Every field added to a stored document raises its version, so an
/// older open tab refuses the data instead of dropping the field: the test
/// `every_stored_field_is_in_the_fixture_for_its_version` enforces it.)
fn fields_added(_from_version: u64, data: serde_json::Value) -> Result<serde_json::Value, String> {
    Ok(data)
}

const LOG_PREFIX: &str = "steady.log.";

/// The collections kept a month per key; under the lock their older months are decrypted just
/// after the unlock (see `vault`).
const MONTH_ARCHIVES: [&str; 5] =
    [LOG_PREFIX, monthly::CHECKIN_PREFIX, monthly::JOURNAL_PREFIX, monthly::WEEKLY_PREFIX, monthly::DOSE_PREFIX];

/// The documents kept whole, one key each (under the lock, their stored names are worked out
/// at the unlock like the months', so one that can't be decrypted is still shown as that document).
const SINGLETONS: [&str; 6] = [Settings::KEY, Counters::KEY, Plan::KEY, MedsData::KEY, Supporting::KEY, CopingData::KEY];

fn month_key(month: YearMonth) -> String {
    format!("{LOG_PREFIX}{month}")
}

/// Whether check-ins, cravings and medication are stored (what Today's parts show), from the
/// names of what is stored: known at start-up, before anything is read or unlocked. Under
/// the lock the names don't say (see `vault`), so all three are fetched: while the passcode is
/// typed, which takes a person longer than fetching them. (`make bench` types it at once, so
/// there an empty store pays for them; see README.)
pub fn kinds_stored() -> [bool; 3] {
    let keys = disk_keys();
    let hidden = keys.iter().any(|k| k.starts_with(crate::domain::lock::OPAQUE_MARK));
    [monthly::CHECKIN_PREFIX, LOG_PREFIX, MedsData::KEY].map(|kind| hidden || keys.iter().any(|k| k.starts_with(kind)))
}

/// Changed by "Delete everything", so other open tabs start again (never holds data).
const DELETED_EVERYTHING_KEY: &str = "steady-deleted-everything";

/// Where a set-aside copy of unreadable data goes: never read by the app, never deleted by it.
const SET_ASIDE_PREFIX: &str = "steady.set-aside.";

fn storage_off() -> &'static str {
    tr!("Not saved — this browser isn't letting Steady store anything on this device (private browsing or storage turned off). Your change is kept on screen until you close the app.")
}

fn storage_full() -> &'static str {
    tr!("Not saved — this device's storage for Steady is full or refused the change. Your change is still on screen; free some space and try again.")
}

/// Everything the app has stored, in memory, plus what went wrong reading or writing it.
#[derive(Clone, Copy)]
pub struct Store {
    /// Read at start-up; see [`Store::settings`].
    settings: RwSignal<Settings>,
    /// Read at start-up; see [`Store::counters`].
    counters: RwSignal<Counters>,
    /// Read by [`Store::plan`] when first asked for.
    plan: RwSignal<Plan>,
    /// Read by [`Store::coping`] when first asked for.
    coping: RwSignal<CopingData>,
    /// Read by [`Store::meds`] when first asked for.
    meds: RwSignal<MedsData>,
    /// The fixed-key documents read so far (settings and counters at start-up,
    /// the others on first use): what another tab's change or a set-aside needs.
    held: StoredValue<Vec<Held>>,
    pub log: LogStore,
    /// The daily check-ins, a month per key.
    pub checkins: Monthly,
    /// The journal, a month per key.
    pub journal: Monthly,
    /// The weekly look-backs, a month per key.
    pub weekly: Monthly,
    /// Medication doses marked taken, a month per key.
    pub doses: Monthly,
    /// Documents that could not be read. Their keys are never written.
    pub problems: RwSignal<Vec<Problem>>,
    /// The last failed save, shown until a later save succeeds.
    pub save_error: RwSignal<Option<String>>,
    /// The passcode lock, when one is set.
    pub lock: RwSignal<Option<LockRecord>>,
    /// A passcode is being set, changed or removed (don't auto-lock halfway).
    pub lock_changing: RwSignal<bool>,
    /// Every stored month is decrypted (under the lock, older months follow the unlock):
    /// what reads all of them at once — a backup, a restore's preview — waits for it.
    pub all_open: RwSignal<bool>,
}

/// A fixed-key document held in memory, and how to read it again or write it.
/// Settings and counters are read at start-up; a document that only some
/// screens use is read when first asked for (see [`Store::held`]), so its
/// parsing code is fetched with those screens rather than in the first download.
#[derive(Clone, Copy)]
struct Held {
    key: &'static str,
    reread: fn(&Store, Option<String>),
    write: fn(&Store) -> Result<(), String>,
}

/// A fixed-key document and the signal that holds it in the store.
trait Slot: Singleton {
    fn slot(store: &Store) -> RwSignal<Self>;
    /// Brings what was just read up to date, storing it if that changed it.
    fn after_read(_store: &Store) {}
}

impl Slot for Settings {
    fn slot(store: &Store) -> RwSignal<Self> {
        store.settings
    }

    /// No country picked yet: the one the phone's time zone suggests.
    fn after_read(store: &Store) {
        let guess = region_guess();
        if store.settings.with_untracked(|s| !s.region_is_chosen() && s.region != guess) {
            store.settings.update(|s| {
                s.settle_region(guess);
            });
        }
    }
}

/// The country the phone's time zone (or, where it names none, its language
/// setting) suggests: `Intl.DateTimeFormat().resolvedOptions().timeZone`.
pub fn region_guess() -> crate::domain::helplines::Region {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    let zone = js_sys::Reflect::get(&options, &"timeZone".into()).ok().and_then(|z| z.as_string()).unwrap_or_default();
    let locale = window().navigator().language().unwrap_or_default();
    crate::domain::helplines::Region::guess(&zone, &locale)
}

impl Slot for Counters {
    fn slot(store: &Store) -> RwSignal<Self> {
        store.counters
    }
}

impl Slot for Plan {
    fn slot(store: &Store) -> RwSignal<Self> {
        store.plan
    }

    /// Support people's numbers stored without the country they were entered
    /// under are read under the one in use now, once, and stored so.
    fn after_read(store: &Store) {
        let region = store.settings.with_untracked(|s| s.region);
        let mut plan = store.plan.get_untracked();
        if plan.settle_phones(region) {
            store.save(store.plan, plan);
        }
    }
}

impl Slot for CopingData {
    fn slot(store: &Store) -> RwSignal<Self> {
        store.coping
    }
}

impl Slot for MedsData {
    fn slot(store: &Store) -> RwSignal<Self> {
        store.meds
    }
}

/// Kept outside [`Store`]'s fields and made when first asked for: a signal of a
/// new type made in `Store::load` would bring its code into the first download
/// (about 0.4 KB) for something few people use. It belongs to the app's root
/// owner, not to whichever screen asked first, and like the store it is dropped
/// when Steady locks.
impl Slot for Supporting {
    fn slot(_store: &Store) -> RwSignal<Self> {
        KEPT.with_borrow_mut(|kept| {
            *kept.get_or_insert_with(|| {
                let mut owner = Owner::current();
                while let Some(parent) = owner.as_ref().and_then(Owner::parent) {
                    owner = Some(parent);
                }
                let make = || RwSignal::new(Supporting::default());
                owner.map_or_else(make, |root| root.with(make))
            })
        })
    }
}

thread_local! {
    static KEPT: std::cell::RefCell<Option<RwSignal<Supporting>>> = const { std::cell::RefCell::new(None) };
}

fn forget_kept_plans() {
    if let Some(kept) = KEPT.take() {
        kept.dispose();
    }
}

/// One fixed-key document and the store it is saved through, so a change reads
/// `store.counters().modify(|all| …)`. Reading goes through the signal it
/// dereferences to: `store.plan().with(|p| …)`.
pub struct Doc<D: 'static> {
    store: Store,
    slot: RwSignal<D>,
}

impl<D> Clone for Doc<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D> Copy for Doc<D> {}

impl<D> std::ops::Deref for Doc<D> {
    type Target = RwSignal<D>;
    fn deref(&self) -> &RwSignal<D> {
        &self.slot
    }
}

impl<D: Singleton> Doc<D> {
    /// Shows `value` at once and stores it; a failed write is reported to the
    /// person (the save-error banner) and the value stays on screen.
    pub fn save(self, value: D) {
        self.store.save(self.slot, value);
    }

    /// Changes the document through the writer. If `change` refuses (bad
    /// input), nothing is changed or written and its error is returned.
    pub fn modify<R, E>(self, change: impl FnOnce(&mut D) -> Result<R, E>) -> Result<R, E> {
        let mut value = self.slot.get_untracked();
        let result = change(&mut value)?;
        self.save(value);
        Ok(result)
    }
}

/// The craving log in memory.
#[derive(Clone, Copy)]
pub struct LogStore {
    /// Every month with entries on this device, newest first (listing keys reads no entries).
    pub months: RwSignal<Vec<YearMonth>>,
    /// The months read so far.
    pub loaded: RwSignal<BTreeMap<YearMonth, Vec<Craving>>>,
}

/// The language chosen in Settings. Kept in the clear, outside what a passcode
/// encrypts: the lock screen and the page shown before the app starts
/// (`public/start.js` reads it too) must already speak it.
const LANGUAGE_KEY: &str = "steady-language";

pub fn chosen_language() -> Option<Lang> {
    disk_get(LANGUAGE_KEY).and_then(|code| Lang::from_code(&code))
}

pub fn choose_language(lang: Lang) -> Result<(), String> {
    disk_set(LANGUAGE_KEY, Some(lang.code()))
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

// ---- The disk: localStorage itself. Only this file and the vault use these. ----

fn disk_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

fn disk_set(key: &str, text: Option<&str>) -> Result<(), String> {
    let storage = local_storage().ok_or_else(|| storage_off().to_string())?;
    match text {
        Some(text) => storage.set_item(key, text).map_err(|_| storage_full().to_string()),
        None => storage.remove_item(key).map_err(|_| storage_full().to_string()),
    }
}

/// Writes a data key. A copy staged for it by a passcode switch that couldn't
/// finish is older than this, so it goes: it must not win at the next start.
fn disk_store(key: &str, text: Option<&str>) -> Result<(), String> {
    disk_set(key, text)?;
    let _ = disk_set(&format!("{}{key}", vault::STAGED_PREFIX), None);
    Ok(())
}

/// Text being written but not saved yet (a journal entry): kept through a
/// reload, a lock and a failed save, stored (and encrypted) like everything else.
pub(crate) const DRAFT_PREFIX: &str = "steady.draft.";

pub fn draft(name: &str) -> Option<String> {
    read_raw(&format!("{DRAFT_PREFIX}{name}"))
}

/// Keeps (or, with `None`, drops) a draft; a failure is returned to be shown.
pub fn keep_draft(name: &str, text: Option<&str>) -> Result<(), String> {
    write_raw(&format!("{DRAFT_PREFIX}{name}"), text)
}

/// A form kept as typed (by [`keep_form`]); `Err` with its text when that isn't
/// the form's shape (kept by another version, say), for the caller to show or set aside.
pub fn kept_form<T: serde::de::DeserializeOwned>(name: &str) -> Option<Result<T, String>> {
    let raw = draft(name)?;
    Some(serde_json::from_str(&raw).map_err(|_| raw))
}

/// Keeps a form as typed, through leaving the screen, a reload or the lock; a
/// failure is returned to be shown (what was typed is then only on the screen).
pub fn keep_form<T: serde::Serialize>(name: &str, form: &T) -> Result<(), String> {
    serde_json::to_string(form).map_err(|e| e.to_string()).and_then(|json| keep_draft(name, Some(&json)))
}

/// Moves a kept form that can't be read back to a set-aside copy (Settings lists
/// it), so that the next form typed doesn't write over it. Left in place if the
/// copy can't be stored.
pub fn set_aside_form(name: &str) {
    let key = format!("{DRAFT_PREFIX}{name}");
    if let Some(raw) = read_raw(&key) {
        let copy_key = format!("{SET_ASIDE_PREFIX}{key}.{}", js_sys::Date::now() as u64);
        if write_raw(&copy_key, Some(&raw)).is_ok() && read_raw(&copy_key).as_deref() == Some(raw.as_str()) {
            let _ = write_raw(&key, None);
        }
    }
}

/// What this tab has noted for itself (sessionStorage): kept through a reload,
/// gone when the tab (or the installed app) is closed. Never data the person
/// wrote: losing a note only means something is done once more.
pub fn tab_note(name: &str) -> Option<String> {
    web_sys::window()?.session_storage().ok().flatten()?.get_item(&format!("steady.tab.{name}")).ok().flatten()
}

/// What this tab notes `name` as (in a [`tab_note`]): with the lock on, the hidden name the
/// vault would store it under, so the note says no more than the stored names do.
pub fn tab_note_name(name: &str) -> String {
    vault::hidden_name(name).unwrap_or_else(|| name.to_string())
}

pub fn keep_tab_note(name: &str, text: &str) {
    if let Some(session) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = session.set_item(&format!("steady.tab.{name}"), text);
    }
}

/// Waits until every write made so far is stored; `Err` says why one wasn't
/// (it stays queued and is tried again). Call before closing a form or
/// dropping its draft: with the lock on, writes are stored in the background.
pub async fn settled() -> Result<(), String> {
    vault::settled().await
}

/// Whether this browser lets Steady write at all (a private window may not).
pub fn storage_writable() -> bool {
    const PROBE: &str = "steady-probe";
    local_storage().is_some_and(|s| s.set_item(PROBE, "1").is_ok() && s.remove_item(PROBE).is_ok())
}

fn disk_keys() -> Vec<String> {
    let Some(storage) = local_storage() else { return Vec::new() };
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|i| storage.key(i).ok().flatten()).collect()
}

/// The room this site takes in localStorage, counted as the strictest browser
/// counts its quota: UTF-16 code units, keys included, and (as WebKit does)
/// twice for a text with anything beyond Latin-1 in it. Reads every value: for
/// Settings, and once a little after start-up, never on the way to a screen.
pub fn room() -> crate::domain::room::Room {
    let size = |text: &str| {
        let units = text.encode_utf16().count() as u64;
        if text.chars().any(|c| u32::from(c) > 0xFF) { units * 2 } else { units }
    };
    let mut room = crate::domain::room::Room::default();
    for key in disk_keys() {
        let characters = size(&key) + disk_get(&key).map_or(0, |value| size(&value));
        room.used += characters;
        if vault::is_data_key(&key) {
            room.data += characters;
        }
    }
    room
}

/// Stores all of `writes`, or — if any fails — puts every key back as it was.
fn apply_all(writes: &[(String, Option<String>)]) -> Result<(), String> {
    let before: Vec<(String, Option<String>)> = writes.iter().map(|(k, _)| (k.clone(), disk_get(k))).collect();
    for (written, (k, v)) in writes.iter().enumerate() {
        if let Err(e) = disk_store(k, v.as_deref()) {
            // Undo in reverse, so space freed by later writes is there for earlier ones.
            let restored = before[..written].iter().rev().all(|(k, v)| disk_set(k, v.as_deref()).is_ok());
            return Err(if restored {
                fill(tr!("{} Nothing was changed."), &[&e])
            } else {
                fill(tr!("{} Some of your earlier data could not be put back — keep your backup file."), &[&e])
            });
        }
    }
    Ok(())
}

// ---- What the rest of the app sees: plain text, encrypted underneath when locked ----

fn read_raw(key: &str) -> Option<String> {
    vault::mirror_get(key).unwrap_or_else(|| disk_get(key))
}

/// The one writer: every byte Steady stores goes through here. With a lock,
/// the vault encrypts it in the background and reports a failure by itself.
fn write_raw(key: &str, text: Option<&str>) -> Result<(), String> {
    if vault::active() {
        vault::put(key, text);
        Ok(())
    } else {
        disk_store(key, text)
    }
}

fn stored_keys() -> Vec<String> {
    vault::mirror_keys().unwrap_or_else(|| disk_keys().into_iter().filter(|k| vault::is_data_key(k)).collect())
}

/// Calls `navigator.storage.<method>()` (persist, persisted, estimate) where the browser has it.
pub async fn storage_manager(method: &str) -> Option<wasm_bindgen::JsValue> {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::JsCast;
    let navigator: wasm_bindgen::JsValue = web_sys::window()?.navigator().into();
    let storage = Reflect::get(&navigator, &"storage".into()).ok().filter(|s| !s.is_undefined())?;
    let f = Reflect::get(&storage, &method.into()).ok()?.dyn_into::<Function>().ok()?;
    let promise = f.call0(&storage).ok()?.dyn_into::<Promise>().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()
}

/// After the first real entry, asks the browser not to evict Steady's data (once per visit).
fn keep_data_once() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static ASKED: AtomicBool = AtomicBool::new(false);
    if !ASKED.swap(true, Ordering::Relaxed) {
        leptos::task::spawn_local(async {
            let _ = storage_manager("persist").await;
        });
    }
}

fn stored_months() -> Vec<YearMonth> {
    months_of_log(&stored_keys())
}

fn months_of_log(keys: &[String]) -> Vec<YearMonth> {
    let mut months: Vec<YearMonth> = keys
        .iter()
        .filter_map(|k| k.strip_prefix(LOG_PREFIX).and_then(YearMonth::parse))
        .collect();
    months.sort_unstable_by(|a, b| b.cmp(a));
    months
}

impl Store {
    /// Reads the fixed-key documents and lists the log's months. Called once at
    /// start-up. The log itself is read by the screens that show it (see
    /// [`Store::load_months`]), so its code isn't in the first download.
    pub fn load() -> Store {
        let keys = stored_keys();
        let store = Store {
            settings: RwSignal::new(Settings::default()),
            counters: RwSignal::new(Counters::default()),
            plan: RwSignal::new(Plan::default()),
            coping: RwSignal::new(CopingData::default()),
            meds: RwSignal::new(MedsData::default()),
            held: StoredValue::new(Vec::new()),
            log: LogStore { months: RwSignal::new(months_of_log(&keys)), loaded: RwSignal::new(BTreeMap::new()) },
            checkins: Monthly::new(monthly::CHECKIN_PREFIX, &keys),
            journal: Monthly::new(monthly::JOURNAL_PREFIX, &keys),
            weekly: Monthly::new(monthly::WEEKLY_PREFIX, &keys),
            doses: Monthly::new(monthly::DOSE_PREFIX, &keys),
            problems: RwSignal::new(Vec::new()),
            save_error: RwSignal::new(None),
            lock: RwSignal::new(vault::lock_record().and_then(Result::ok)),
            lock_changing: RwSignal::new(false),
            all_open: RwSignal::new(vault::all_open()),
        };
        vault::report_failures_to(store.save_error);
        store.held::<Settings>();
        store.held::<Counters>();
        store
    }

    /// The settings (helpline country, backups, own triggers…).
    pub fn settings(&self) -> Doc<Settings> {
        // Held since start-up (see `load`), so no lookup is needed.
        Doc { store: *self, slot: self.settings }
    }

    /// The clean-time counters.
    pub fn counters(&self) -> Doc<Counters> {
        Doc { store: *self, slot: self.counters }
    }

    /// The relapse-prevention plan (read now if not yet).
    pub fn plan(&self) -> Doc<Plan> {
        self.doc()
    }

    /// Whether a plan is stored, without reading it (which would need its code).
    pub fn plan_stored(&self) -> bool {
        read_raw(Plan::KEY).is_some()
    }

    /// The coping strategies and ratings (read now if not yet).
    pub fn coping(&self) -> Doc<CopingData> {
        self.doc()
    }

    /// The doses marked taken on `day`, in order; reactive.
    pub fn taken_on(&self, day: chrono::NaiveDate) -> Vec<crate::domain::meds::Taken> {
        use crate::domain::meds::Taken;
        self.with_month::<Taken, _>(YearMonth::of(day), |list| list.iter().filter(|t| t.day == day).cloned().collect())
    }

    /// Medication, naloxone, appointments and the risk cards shown (read now if not yet).
    pub fn meds(&self) -> Doc<MedsData> {
        self.doc()
    }

    /// Whether medication or naloxone details are stored, without reading them
    /// (not reactive: the screens asking are drawn again when shown).
    pub fn meds_stored(&self) -> bool {
        read_raw(MedsData::KEY).is_some()
    }

    /// Plans others shared by link and this person kept (read now if not yet).
    pub fn supporting(&self) -> Doc<Supporting> {
        self.doc()
    }

    /// Whether any such plan is kept, without reading them.
    pub fn supporting_stored(&self) -> bool {
        read_raw(Supporting::KEY).is_some()
    }

    fn doc<D: Slot>(&self) -> Doc<D> {
        Doc { store: *self, slot: self.held::<D>() }
    }

    /// The signal holding `D`, read from storage the first time it is asked for.
    fn held<D: Slot>(&self) -> RwSignal<D> {
        let slot = D::slot(self);
        if self.held_as(D::KEY).is_none() {
            self.reload_singleton(slot, read_raw(D::KEY));
            D::after_read(self);
            self.held.update_value(|docs| {
                docs.push(Held {
                    key: D::KEY,
                    reread: |store, raw| {
                        store.reload_singleton(D::slot(store), raw);
                        D::after_read(store);
                    },
                    write: |store| store.write_singleton(D::slot(store)),
                })
            });
        }
        slot
    }

    fn held_as(&self, key: &str) -> Option<Held> {
        self.held.with_value(|docs| docs.iter().find(|d| d.key == key).copied())
    }

    /// Saves a fixed-key document. The new value is shown at once whatever
    /// happens; if it can't be stored, the person is told and it stays on screen.
    fn save<D: Singleton>(&self, slot: RwSignal<D>, value: D) {
        slot.set(value);
        let outcome = self.write_singleton(slot);
        let _ = self.report(outcome);
    }

    fn report(&self, outcome: Result<(), String>) -> Result<(), String> {
        if outcome.is_ok() {
            keep_data_once();
        }
        // A write the vault couldn't store stays on screen until it is (see vault::settled).
        if outcome.is_err() || !vault::has_failures() {
            self.save_error.set(outcome.clone().err());
        }
        outcome
    }

    fn refuse_if_blocked(&self, key: &str, label: &'static str) -> Result<(), String> {
        // An older month not decrypted yet (this only lasts moments after an unlock).
        if vault::still_sealed(key) {
            return Err(fill(tr!("Not saved yet — Steady is still opening {}. Try again in a moment."), &[in_use(label)]));
        }
        if self.problems.with_untracked(|ps| ps.iter().any(|p| p.key == key)) {
            return Err(fill(
                tr!("Not saved — {} couldn't be read, so Steady won't write over it. See the message at the top of the screen."),
                &[in_use(label)],
            ));
        }
        Ok(())
    }

    fn write_singleton<D: Singleton>(&self, slot: RwSignal<D>) -> Result<(), String> {
        self.refuse_if_blocked(D::KEY, D::LABEL)?;
        let text = slot.with_untracked(envelope::encode)?;
        write_raw(D::KEY, Some(&text))
    }

    // ---- The craving log ----

    /// Reads months not read yet. Unreadable months are reported and kept as they are.
    pub fn load_months(&self, months: impl IntoIterator<Item = YearMonth>) {
        let missing: Vec<YearMonth> = self.log.loaded.with_untracked(|loaded| {
            months.into_iter().filter(|m| !loaded.contains_key(m)).collect()
        });
        if missing.is_empty() {
            return;
        }
        let mut problems = Vec::new();
        let read: Vec<(YearMonth, Vec<Craving>)> = missing
            .into_iter()
            .map(|month| {
                let key = month_key(month);
                let entries = match envelope::decode::<CravingMonth>(&key, read_raw(&key).as_deref()) {
                    Loaded::Ready(CravingMonth(mut list)) => {
                        sort_newest_first(&mut list);
                        list
                    }
                    Loaded::Missing => Vec::new(),
                    Loaded::Unreadable(problem) => {
                        problems.push(problem);
                        Vec::new()
                    }
                };
                (month, entries)
            })
            .collect();
        self.log.loaded.update(|loaded| loaded.extend(read));
        if !problems.is_empty() {
            self.problems.update(|ps| ps.extend(problems));
        }
    }

    /// Reads the whole log (for insights).
    pub fn load_all_months(&self) {
        self.load_months(self.log.months.get_untracked());
    }

    /// The whole log, read first where needed; reactive, so a month changed in
    /// another tab (and dropped from memory) is read again.
    pub fn with_whole_log<R>(&self, f: impl FnOnce(&BTreeMap<YearMonth, Vec<Craving>>) -> R) -> R {
        self.log.months.track();
        self.load_all_months();
        self.log.loaded.with(f)
    }

    /// The newest month of the log, read first if needed; reactive like [`Store::with_whole_log`].
    pub fn with_newest_month<R>(&self, f: impl FnOnce(&[Craving]) -> R) -> R {
        let newest = self.log.months.with(|m| m.first().copied());
        self.load_months(newest);
        self.log.loaded.with(|l| f(newest.and_then(|m| l.get(&m)).map_or(&[], Vec::as_slice)))
    }

    /// Adds or replaces an entry (matched by id), moving it if its month changed.
    /// Only the months touched are written.
    pub fn save_craving(&self, craving: Craving) -> Result<(), String> {
        let month = craving.month();
        self.load_months([month]);
        let mut touched = vec![month];
        self.log.loaded.update(|loaded| {
            for (m, list) in loaded.iter_mut() {
                if let Some(at) = list.iter().position(|c| c.id == craving.id) {
                    list.remove(at);
                    touched.push(*m);
                }
            }
            let list = loaded.entry(month).or_default();
            list.push(craving);
            sort_newest_first(list);
        });
        touched.dedup();
        let outcome = touched.into_iter().try_for_each(|m| self.write_month(m));
        self.report(outcome)
    }

    /// Removes an entry; returns it so it can be put back with [`Store::save_craving`].
    pub fn delete_craving(&self, id: u64) -> Option<Craving> {
        let mut removed = None;
        self.log.loaded.update(|loaded| {
            for (month, list) in loaded.iter_mut() {
                if let Some(at) = list.iter().position(|c| c.id == id) {
                    removed = Some((*month, list.remove(at)));
                }
            }
        });
        let (month, craving) = removed?;
        let outcome = self.write_month(month);
        let _ = self.report(outcome);
        Some(craving)
    }

    fn write_month(&self, month: YearMonth) -> Result<(), String> {
        let key = month_key(month);
        self.refuse_if_blocked(&key, CravingMonth::LABEL)?;
        let entries = self.log.loaded.with_untracked(|l| l.get(&month).cloned().unwrap_or_default());
        let empty = entries.is_empty();
        let text = if empty { None } else { Some(envelope::encode(&CravingMonth(entries))?) };
        write_raw(&key, text.as_deref())?;
        self.log.months.update(|months| {
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

    // ---- Everything at once: backup, restore, delete ----

    /// Everything stored, read in full (the whole log included).
    pub fn snapshot(&self) -> AllData {
        self.load_all_months();
        AllData {
            // A guessed country is not data: it is guessed again after a restore.
            settings: self.settings.get_untracked().without_guess(),
            counters: self.counters.get_untracked(),
            plan: self.plan().get_untracked(),
            coping: self.coping().get_untracked(),
            cravings: self.log.loaded.with_untracked(|l| l.values().flatten().cloned().collect()),
            checkins: self.all_of(),
            journal: self.all_of(),
            look_backs: self.all_of(),
            meds: self.meds().get_untracked(),
            doses: self.all_of(),
            set_aside: set_aside::copies(),
            supporting: self.supporting().get_untracked(),
        }
    }

    /// Replaces everything with `data`. All documents are written, or — if any
    /// write fails — every key is put back exactly as it was.
    pub async fn replace_all(&self, data: AllData) -> Result<(), String> {
        vault::all_opened().await;
        // Reading every month first surfaces any unreadable one, which must not be replaced.
        self.load_all_months();
        self.with_every_month::<crate::domain::checkin::CheckIn, _>(|_| ());
        self.with_every_month::<crate::domain::journal::JournalEntry, _>(|_| ());
        self.with_every_month::<crate::domain::weekly::LookBack, _>(|_| ());
        self.with_every_month::<crate::domain::meds::Taken, _>(|_| ());
        // Every fixed-key document is read before it is replaced (each goes
        // through `doc`, which reads it), so an unreadable one — the plan, say,
        // which only its screens read — is reported below, not written over.
        // A document left at its default is not stored at all, as on a fresh device.
        fn doc<D: Slot>(store: &Store, value: &D) -> Result<(String, Option<String>), String> {
            store.held::<D>();
            let text = if *value == D::default() { None } else { Some(envelope::encode(value)?) };
            Ok((D::KEY.into(), text))
        }
        // Spelled out whole, so a document added to `AllData` can't be left out here.
        let AllData { settings, counters, plan, coping, meds, cravings, checkins, journal, look_backs, doses, set_aside, supporting } = data;
        let mut writes = vec![
            doc(self, &settings)?,
            doc(self, &counters)?,
            doc(self, &plan)?,
            doc(self, &coping)?,
            doc(self, &meds)?,
            doc(self, &supporting)?,
        ];
        if !self.problems.with_untracked(Vec::is_empty) {
            return Err(tr!("Some stored data couldn't be read. Copy it or set it aside first (see the message at the top), so nothing is lost.").into());
        }
        let months = crate::domain::cravings::by_month(cravings);
        for month in stored_months() {
            if !months.contains_key(&month) {
                writes.push((month_key(month), None));
            }
        }
        for (month, list) in &months {
            writes.push((month_key(*month), Some(envelope::encode(&CravingMonth(list.clone()))?)));
        }
        writes.extend(monthly::replace_writes(self, checkins, crate::domain::checkin::by_month)?);
        writes.extend(monthly::replace_writes(self, journal, crate::domain::journal::by_month)?);
        writes.extend(monthly::replace_writes(self, look_backs, crate::domain::weekly::by_month)?);
        writes.extend(monthly::replace_writes(self, doses, crate::domain::meds::doses_by_month)?);
        // Set-aside copies are added beside those here, never over anything.
        writes.extend(set_aside::restore_writes(&set_aside));
        let outcome = vault::write_all(writes).await;
        self.reload_everything();
        outcome
    }

    /// Removes every key Steady has stored (set-aside copies and the lock included).
    pub fn delete_everything(&self) -> Result<(), String> {
        vault::close();
        self.lock.set(None);
        for key in disk_keys().into_iter().filter(|k| k.starts_with("steady.") || k == LANGUAGE_KEY) {
            disk_set(&key, None)?;
        }
        // Other open tabs start again, empty (see `follow_other_tabs`). Set and removed at once:
        // only the change is wanted, and nothing is left behind.
        let _ = disk_set(DELETED_EVERYTHING_KEY, Some("1"));
        let _ = disk_set(DELETED_EVERYTHING_KEY, None);
        self.reload_everything();
        Ok(())
    }

    fn reload_everything(&self) {
        self.problems.set(Vec::new());
        for doc in self.held.get_value() {
            self.reload_key(doc.key, read_raw(doc.key));
        }
        let keys = stored_keys();
        self.log.months.set(months_of_log(&keys));
        // Read again by whichever screen shows it.
        self.log.loaded.set(BTreeMap::new());
        self.checkins.reset(&keys);
        self.journal.reset(&keys);
        self.weekly.reset(&keys);
        self.doses.reset(&keys);
        self.save_error.set(None);
    }

    // ---- Other tabs and unreadable data ----

    /// Keeps this tab in step with changes saved in another open tab.
    pub fn follow_other_tabs(self) {
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            let reload_page = || {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            };
            match event.key() {
                Some(key) if key == vault::LOCK_KEY => {
                    // A passcode set, changed or removed elsewhere: start again with it.
                    // (Other changes to the record — a wrong guess, the idle time — are just noted.)
                    let now = vault::lock_record().and_then(Result::ok);
                    let generation = |r: &Option<LockRecord>| r.as_ref().map(|r| r.generation);
                    if generation(&now) != self.lock.with_untracked(generation) {
                        reload_page();
                    } else {
                        self.lock.set(now);
                    }
                }
                // Everything was deleted there: what this tab holds goes too. Only reloading also
                // drops an open form, which would otherwise store its draft again at the next key press.
                Some(key) if key == DELETED_EVERYTHING_KEY => reload_page(),
                Some(key) if !vault::is_data_key(&key) => {}
                Some(key) if vault::active() => leptos::task::spawn_local(async move {
                    if let Some((name, plain)) = vault::accept_from_other_tab(&key, event.new_value()).await {
                        self.reload_key(&name, plain);
                    }
                }),
                Some(key) => self.reload_key(&key, event.new_value()),
                // `localStorage.clear()` in another tab.
                None if vault::active() => reload_page(),
                None => self.reload_everything(),
            }
        });
        // Older months decrypted just after an unlock arrive like another tab's changes.
        vault::on_arrival(Some(Box::new(move |names| self.arrived(&names))));
        // Until Steady locks (the app and this store are removed then).
        on_cleanup(move || {
            listener.remove();
            vault::on_arrival(None);
        });
    }

    fn arrived(&self, names: &[String]) {
        self.months_changed(names);
        if vault::all_open() {
            self.all_open.set(true);
        }
    }

    fn reload_key(&self, key: &str, raw: Option<String>) {
        self.problems.update(|ps| ps.retain(|p| p.key != key));
        match self.held_as(key) {
            Some(doc) => (doc.reread)(self, raw),
            None => self.months_changed(&[key.to_string()]),
        }
    }

    /// Lists the stored months again, and drops from memory those of `names` (changed
    /// elsewhere): the screens showing them read them again.
    fn months_changed(&self, names: &[String]) {
        let keys = stored_keys();
        for collection in [self.checkins, self.journal, self.weekly, self.doses] {
            let months: Vec<YearMonth> = names.iter().filter_map(|n| collection.month_of(n)).collect();
            if !months.is_empty() {
                collection.changed(&months, &keys);
            }
        }
        let months: Vec<YearMonth> = names.iter().filter_map(|n| n.strip_prefix(LOG_PREFIX).and_then(YearMonth::parse)).collect();
        if !months.is_empty() {
            self.log.months.set(months_of_log(&keys));
            if self.log.loaded.with_untracked(|l| months.iter().any(|m| l.contains_key(m))) {
                self.log.loaded.update(|l| {
                    for month in &months {
                        l.remove(month);
                    }
                });
            }
        }
    }

    fn reload_singleton<D: Singleton>(&self, slot: RwSignal<D>, raw: Option<String>) {
        match envelope::decode::<D>(D::KEY, raw.as_deref()) {
            Loaded::Missing => slot.set(D::default()),
            Loaded::Ready(value) => slot.set(value),
            Loaded::Unreadable(problem) => self.problems.update(|ps| ps.push(problem)),
        }
    }

    /// At the person's request: moves unreadable text, verbatim, to a key of its
    /// own, then stores what is on screen in its place. If the copy can't be
    /// made (and confirmed stored), nothing is removed.
    pub async fn set_aside(&self, key: &str) -> Result<(), String> {
        // Never data a newer version wrote (see ProblemNotice): this tab would write old-format data over it.
        if self.problems.with_untracked(|ps| ps.iter().any(|p| p.key == key && matches!(p.kind, envelope::ProblemKind::TooNew(_)))) {
            return Err(tr!("This was saved by a newer version of Steady. Reload to update — nothing was changed.").into());
        }
        if let Some(raw) = read_raw(key) {
            let copy_key = format!("{SET_ASIDE_PREFIX}{key}.{}", js_sys::Date::now() as u64);
            vault::write_all(vec![(copy_key.clone(), Some(raw.clone()))])
                .await
                .map_err(|_| tr!("Couldn't set the old data aside — storage is full. Nothing was changed.").to_string())?;
            if read_raw(&copy_key).as_deref() != Some(raw.as_str()) {
                return Err(tr!("Couldn't set the old data aside safely. Nothing was changed.").into());
            }
            write_raw(key, None)?;
        }
        self.problems.update(|ps| ps.retain(|p| p.key != key));
        let singleton = self.held_as(key).map(|doc| (doc.write)(self));
        let outcome = if let Some(outcome) = singleton {
            outcome
        } else if let Some(month) = key.strip_prefix(LOG_PREFIX).and_then(YearMonth::parse) {
            self.write_month(month)
        } else if let Some(collection) = [self.checkins, self.journal, self.weekly, self.doses].into_iter().find(|c| c.month_of(key).is_some()) {
            // Nothing could be added to that month while it was unreadable: it is empty now.
            collection.reset(&stored_keys());
            Ok(())
        } else {
            Ok(())
        };
        self.report(outcome)
    }
}

// ---- The passcode lock ----

impl Store {
    /// Encrypts everything under a new passcode.
    pub async fn turn_on_lock(&self, passcode: &str, idle_minutes: u32) -> Result<(), String> {
        let region = self.settings.with_untracked(|s| s.region);
        self.changing_lock(async {
            let (record, key) = vault::new_lock(passcode, idle_minutes, region).await?;
            vault::switch_lock(Some((record.clone(), key))).await?;
            Ok(Some(record))
        })
        .await
    }

    /// Re-encrypts everything under a new passcode, once the current one is given.
    pub async fn change_passcode(&self, current: &str, new: &str) -> Result<(), String> {
        let region = self.settings.with_untracked(|s| s.region);
        self.changing_lock(async {
            let record = check_current_passcode(current).await?;
            let (fresh, key) = vault::new_lock(new, record.idle_minutes, region).await?;
            vault::switch_lock(Some((fresh.clone(), key))).await?;
            Ok(Some(fresh))
        })
        .await
    }

    /// Stores everything unencrypted again, once the current passcode is given.
    pub async fn remove_lock(&self, current: &str) -> Result<(), String> {
        self.changing_lock(async {
            check_current_passcode(current).await?;
            vault::switch_lock(None).await?;
            Ok(None)
        })
        .await
    }

    /// Runs a change of lock; auto-locking waits until it is over.
    async fn changing_lock(
        &self,
        change: impl std::future::Future<Output = Result<Option<LockRecord>, String>>,
    ) -> Result<(), String> {
        self.lock_changing.set(true);
        let outcome = change.await;
        if let Ok(record) = &outcome {
            self.lock.set(record.clone());
        }
        self.lock_changing.set(false);
        outcome.map(|_| ())
    }

    /// Changes how long the app waits, untouched, before locking.
    pub fn set_lock_idle(&self, minutes: u32) -> Result<(), String> {
        let Some(Ok(mut record)) = vault::lock_record() else { return Err(tr!("There's no passcode set.").into()) };
        record.idle_minutes = minutes;
        vault::save_lock_record(&record)?;
        self.lock.set(Some(record));
        Ok(())
    }

    /// Forgets the key and what was decrypted (the app drawn over this store is removed).
    pub fn lock_now(&self) {
        vault::lock();
        forget_kept_plans();
        // The lock screen shows helplines for the country chosen now.
        if let Some(Ok(mut record)) = vault::lock_record() {
            let region = self.settings.with_untracked(|s| s.region);
            if record.region != region {
                record.region = region;
                let _ = vault::save_lock_record(&record);
            }
        }
    }
}

/// The lock record, once `current` is shown to be its passcode (wrong guesses count here too).
async fn check_current_passcode(current: &str) -> Result<LockRecord, String> {
    match vault::try_passcode(current).await {
        vault::Unlock::Opened(_) => vault::lock_record().and_then(Result::ok).ok_or_else(|| tr!("The lock changed meanwhile.").into()),
        vault::Unlock::Wrong { wait: 0 } => Err(tr!("That isn't your current passcode. Nothing was changed.").into()),
        vault::Unlock::Wrong { wait } => Err(fill(
            tr!("That isn't your current passcode. Nothing was changed. You can try again in {}."),
            &[&crate::domain::lock::describe_wait(wait)],
        )),
        vault::Unlock::Failed(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cravings::{by_month, Outcome};
    use chrono::{NaiveDate, TimeDelta};

    /// Twenty thousand cravings, about five years of heavy use.
    fn years_of_entries() -> Vec<Craving> {
        let start = NaiveDate::from_ymd_opt(2021, 3, 10).unwrap().and_hms_opt(0, 0, 0).unwrap();
        (0..20_000u64)
            .map(|n| {
                let mut c = Craving::new(n + 1, start + TimeDelta::minutes(n as i64 * 131));
                c.intensity = (n % 11) as u8;
                c.triggers = vec![["stress", "people", "boredom"][n as usize % 3].to_string()];
                if n % 2 == 1 {
                    c.outcome = Some(Outcome::Passed);
                    c.coping = vec!["Went for a walk".into()];
                }
                c
            })
            .collect()
    }

    #[test]
    fn twenty_thousand_entries_round_trip_month_by_month() {
        let entries = years_of_entries();
        let months = by_month(entries.clone());
        assert_eq!(months.len(), 61);
        let mut total_bytes = 0;
        let mut read_back = Vec::new();
        for (month, list) in &months {
            let text = envelope::encode(&CravingMonth(list.clone())).unwrap();
            total_bytes += text.len();
            // A month is small, so saving one entry rewrites little.
            assert!(text.len() < 60_000, "{month}: {} bytes", text.len());
            match envelope::decode::<CravingMonth>(&month_key(*month), Some(&text)) {
                Loaded::Ready(CravingMonth(list)) => read_back.extend(list),
                other => panic!("{month}: {other:?}"),
            }
        }
        // Well inside the ~5 MB browsers give an origin, leaving room for years more.
        assert!(total_bytes < 2_000_000, "{total_bytes} bytes");
        read_back.sort_by_key(|c| c.id);
        assert_eq!(read_back, entries);
    }

    /// What a device running data version 1 has stored, key by key (the passcode
    /// lock's record included), committed so later versions are tested against it.
    fn fixture_v1() -> BTreeMap<String, String> {
        serde_json::from_str(include_str!("../../tests/fixtures/storage-v1.json")).unwrap()
    }

    #[test]
    #[ignore = "run once with --ignored to write a fixture for a new data version"]
    fn write_fixture() {
        let now = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(12, 0, 0).unwrap();
        let (data, _) = crate::domain::backup::import(include_str!("../../tests/fixtures/backup-v1.json"), now).unwrap();
        let mut out = BTreeMap::new();
        out.insert(Settings::KEY.to_string(), envelope::encode(&data.settings).unwrap());
        out.insert(Counters::KEY.to_string(), envelope::encode(&data.counters).unwrap());
        out.insert(Plan::KEY.to_string(), envelope::encode(&data.plan).unwrap());
        out.insert(CopingData::KEY.to_string(), envelope::encode(&data.coping).unwrap());
        for (month, list) in by_month(data.cravings) {
            out.insert(month_key(month), envelope::encode(&CravingMonth(list)).unwrap());
        }
        out.insert(
            vault::LOCK_KEY.to_string(),
            r#"{"v":1,"data":{"salt":"BwcHBwcHBwcHBwcHBwcHBw==","iterations":600000,"check":"steady-aes-gcm:AAAAAAAAAAAAAAAA:AAAA","generation":1763900000000,"idle_minutes":5,"region":"US","numeric":true,"failures":0,"wait_until_ms":0.0}}"#.to_string(),
        );
        std::fs::write("tests/fixtures/storage-v1.json", serde_json::to_string_pretty(&out).unwrap() + "\n").unwrap();
    }

    #[test]
    fn every_version_1_document_still_reads_and_is_written_back_the_same() {
        let fixture = fixture_v1();
        // The same data, written under the version this build writes.
        fn same<D: Document>(key: &str, raw: &str) {
            match envelope::decode::<D>(key, Some(raw)) {
                Loaded::Ready(value) => {
                    let upgraded = raw.replacen(r#"{"v":1,"#, &format!(r#"{{"v":{},"#, D::VERSION), 1);
                    assert_eq!(envelope::encode(&value).unwrap(), upgraded, "{key}");
                }
                _ => panic!("{key} doesn't read"),
            }
        }
        same::<Settings>(Settings::KEY, &fixture[Settings::KEY]);
        same::<Counters>(Counters::KEY, &fixture[Counters::KEY]);
        same::<Plan>(Plan::KEY, &fixture[Plan::KEY]);
        same::<CopingData>(CopingData::KEY, &fixture[CopingData::KEY]);
        let months: Vec<_> = fixture.iter().filter(|(k, _)| k.starts_with(LOG_PREFIX)).collect();
        assert!(!months.is_empty());
        for (key, raw) in months {
            same::<CravingMonth>(key, raw);
        }
    }

    #[test]
    fn month_keys_are_stable() {
        let month = YearMonth::parse("2026-03").unwrap();
        assert_eq!(month_key(month), "steady.log.2026-03");
        assert_eq!(month_key(month).strip_prefix(LOG_PREFIX).and_then(YearMonth::parse), Some(month));
    }

    #[test]
    fn a_damaged_month_is_reported_with_its_key() {
        match envelope::decode::<CravingMonth>("steady.log.2026-03", Some(r#"{"v":1,"data":[{"id":1}]}"#)) {
            Loaded::Unreadable(p) => {
                assert_eq!(p.key, "steady.log.2026-03");
                assert_eq!(p.label, "part of your craving log");
            }
            other => panic!("{other:?}"),
        }
    }
}
