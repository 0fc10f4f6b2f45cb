//! Encryption at rest, for when the person has set a passcode.
//!
//! With a lock, every stored document is AES-GCM ciphertext. At unlock it is
//! decrypted into `mirror` (older month archives just after the app opens,
//! newest first: see [`lock::decrypted_later`]), so the rest of the storage code
//! reads and writes plain text synchronously as before; writes are encrypted in
//! order by one background worker. Locking drops the key (writes made meanwhile wait in
//! the queue). Changing the passcode stages complete new copies, verifies
//! them, and only then switches — so at no moment is data in neither form.
//!
//! Under a lock every document is stored under an opaque name (see [`lock::Names`]): the
//! names on disk don't say which kinds of data exist, which months have entries or that a
//! draft is kept. `mirror` and everything above the vault use the documents' own names.
//!
//! Without a lock there is no vault and documents go straight to localStorage.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

use leptos::prelude::*;
use serde::Serialize;
use web_sys::CryptoKey;

use super::crypto;
use super::{disk_get, disk_keys, disk_set, disk_store};
use crate::domain::i18n::fill;
use crate::domain::lock::{
    self, decrypted_later, is_compressed, is_named, is_sealed, opaque_prefix, staged_action, LockRecord, Staged, CHECK_TEXT,
    OPAQUE_MARK,
};

/// The lock's record, stored in the clear.
pub const LOCK_KEY: &str = "steady.lock";
/// While re-encrypting: the generation the staged copies are for...
const STAGED_HEADER: &str = "steady.next";
/// ...and the copies themselves, under this prefix plus their key.
pub(super) const STAGED_PREFIX: &str = "steady.next.";

/// Version 2: the record may carry `normalized` and `waited`, and data values are
/// sealed bound to their names (`steady-aes-gcm:k:`). An older build would open a
/// version-1 lock and then find every value written since unreadable (and could
/// write over them); with version 2 it refuses and asks for a reload instead. A
/// version-1 record reads the same (the new fields default), and is stored as
/// version 2 at its next save.
///
/// Version 3: values may be compressed before they are sealed (`steady-aes-gcm:z:`),
/// which a version-2 build can't open. The record is stored as version 3 by every
/// unlock, before anything is written compressed.
///
/// Version 4: documents are stored under opaque names (`steady.x-…`), which a version-3
/// build would take for no data at all; it asks for a reload instead.
const LOCK_VERSION: u64 = 4;

/// A document's name → the opaque name it is stored under with the lock (see [`lock::Names`]).
type Namer = Rc<dyn Fn(&str) -> String>;

type Later<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T>>>;

/// What the vault does with the key. Made where the key is made (the unlock, the lock's
/// settings: split-off modules) and called through these pointers, so that the hashing,
/// encrypting and decrypting code isn't in the first download.
#[derive(Clone)]
struct Crypt {
    key: CryptoKey,
    /// The generation of the lock the key belongs to.
    generation: u64,
    names: Namer,
    /// (stored name, document name, text) → the sealed text to store.
    seal: Rc<dyn Fn(String, String, String) -> Later<Result<String, String>>>,
    /// (stored name, sealed text) → the document's name and text, if it opens and its name
    /// leads to where it is stored (a value copied to another name is refused).
    open: Rc<dyn Fn(String, String) -> Later<Option<(String, String)>>>,
}

/// The vault's cryptography for the lock of `generation` whose key is `key`.
async fn crypt_for(key: CryptoKey, generation: u64) -> Result<Crypt, String> {
    let names = lock::Names::new(&crypto::name_secret(&key).await?, generation);
    let names: Namer = Rc::new(move |name: &str| names.stored_as(name));
    let (sealing, opening, naming) = (key.clone(), key.clone(), names.clone());
    Ok(Crypt {
        key,
        generation,
        names,
        seal: Rc::new(move |stored_as, name, text| {
            let key = sealing.clone();
            Box::pin(async move { crypto::encrypt_named(&key, &stored_as, &name, &text).await })
        }),
        open: Rc::new(move |stored_as, raw| {
            let (key, names) = (opening.clone(), naming.clone());
            Box::pin(async move {
                let payload = crypto::decrypt(&key, &stored_as, &raw).await.ok()?;
                let (name, text) = lock::without_name(&payload).filter(|(name, _)| names(name) == stored_as)?;
                Some((name.to_string(), text.to_string()))
            })
        }),
    })
}

enum Cipher {
    /// Unlocked: the key, with what the vault does with it.
    Key(Crypt),
    /// Locked: nothing can be encrypted until the passcode is entered again.
    Locked,
    /// The lock was removed in this session: values are stored as they are.
    Plain,
}

struct Vault {
    cipher: Cipher,
    /// The plain text of every stored document, by key...
    mirror: BTreeMap<String, String>,
    /// ...except these older months (and the names they are stored under), read and decrypted
    /// (into `mirror`) just after the unlock, newest first. Writes to them wait (see [`still_sealed`]).
    sealed: Vec<(String, String)>,
    /// `open_the_rest` is decrypting them.
    opening: bool,
    /// Stored names whose change in another tab is being decrypted.
    incoming: Vec<String>,
    /// Writes not yet stored, oldest first.
    queue: VecDeque<(String, Option<String>)>,
    /// The worker (or a re-encryption) owns the disk.
    busy: bool,
    /// Lock as soon as the writes already made are stored (the key is needed until then).
    lock_requested: bool,
    /// Keys whose last write failed, oldest first, and why: written again (from `mirror`)
    /// before a later write, never dropped...
    failed: Vec<String>,
    /// ...after this many failed tries in a row, not before this time (`monotonic_ms`).
    tries: u32,
    next_try_ms: f64,
    failure: Option<String>,
}

impl Vault {
    fn new(cipher: Cipher, mirror: BTreeMap<String, String>) -> Vault {
        Vault {
            cipher,
            mirror,
            sealed: Vec::new(),
            opening: false,
            incoming: Vec::new(),
            queue: VecDeque::new(),
            busy: false,
            lock_requested: false,
            failed: Vec::new(),
            tries: 0,
            next_try_ms: 0.0,
            failure: None,
        }
    }

    /// Drops the key once nothing is left to encrypt.
    ///
    /// The decrypted documents go with it (they are read and decrypted again at the next
    /// unlock), except those whose write failed: their words exist nowhere else yet.
    fn settle(&mut self) {
        if self.lock_requested && !self.busy && self.queue.is_empty() {
            self.cipher = Cipher::Locked;
            self.lock_requested = false;
            let read = std::mem::take(&mut self.mirror);
            self.sealed.clear();
            for name in &self.failed {
                set(&mut self.mirror, name, read.get(name).cloned());
            }
        }
    }

    fn has_pending(&self, name: &str) -> bool {
        self.queue.iter().any(|(k, _)| k == name)
    }

    /// `name` is decrypted (or written) now: it waits no longer.
    fn unseal(&mut self, name: &str) {
        self.sealed.retain(|(n, _)| n != name);
    }
}

thread_local! {
    static VAULT: RefCell<Option<Vault>> = const { RefCell::new(None) };
    /// Where failed background writes are reported (the app's save-error banner).
    static REPORT_TO: std::cell::Cell<Option<RwSignal<Option<String>>>> = const { std::cell::Cell::new(None) };
    /// Told which keys were decrypted after the unlock (the store shows them); none once all are.
    static ARRIVED: RefCell<Option<Box<dyn Fn(Vec<String>)>>> = const { RefCell::new(None) };
}

fn report(message: String) {
    if let Some(signal) = REPORT_TO.get() {
        signal.set(Some(message));
    }
}

/// Stores (`Some`) or removes (`None`) a value in a plain-text map of documents.
fn set(documents: &mut BTreeMap<String, String>, name: &str, text: Option<String>) {
    match text {
        Some(t) => documents.insert(name.to_string(), t),
        None => documents.remove(name),
    };
}

fn with_vault<R>(f: impl FnOnce(&mut Vault) -> R) -> Option<R> {
    VAULT.with_borrow_mut(|v| v.as_mut().map(f))
}

/// Keys holding the person's data (not the lock's own bookkeeping).
pub fn is_data_key(key: &str) -> bool {
    key.starts_with("steady.") && key != LOCK_KEY && key != STAGED_HEADER && !key.starts_with(STAGED_PREFIX)
}

// ---- Used by the storage code ----

/// The hidden name `name` is stored under while unlocked (`None` without a lock).
pub fn hidden_name(name: &str) -> Option<String> {
    with_vault(|v| match &v.cipher {
        Cipher::Key(crypt) => Some((crypt.names)(name)),
        _ => None,
    })
    .flatten()
}

/// Whether writes go through the vault.
pub fn active() -> bool {
    VAULT.with_borrow(Option::is_some)
}

/// `Some(value)` from the vault when it is active.
pub fn mirror_get(key: &str) -> Option<Option<String>> {
    VAULT.with_borrow(|v| v.as_ref().map(|v| v.mirror.get(key).cloned()))
}

pub fn mirror_keys() -> Option<Vec<String>> {
    VAULT.with_borrow(|v| v.as_ref().map(|v| v.mirror.keys().cloned().collect()))
}

/// Records a write and has the worker store it (encrypted) in order, after
/// trying again any write that failed before.
pub fn put(key: &str, text: Option<&str>) {
    with_vault(|v| {
        // The store refuses to write a month still sealed (it couldn't read it); anything
        // else written to one is newer than what waits.
        v.unseal(key);
        set(&mut v.mirror, key, text.map(str::to_string));
        v.retry_failed(false);
        v.queue.push_back((key.to_string(), text.map(str::to_string)));
    });
    kick();
}

impl Vault {
    /// Queues every failed write again (each stays failed until it is stored).
    fn retry_failed(&mut self, now: bool) {
        if !now && monotonic_ms() < self.next_try_ms {
            return;
        }
        for i in 0..self.failed.len() {
            let name = &self.failed[i];
            if !self.has_pending(name) {
                self.queue.push_back((name.clone(), self.mirror.get(name).cloned()));
            }
        }
    }
}

/// Waits until every write made so far is stored (or, while locked, held for
/// the next unlock); `Err` says why one couldn't be. A form drops its draft and
/// closes only after this, so a failed write never loses what was typed.
pub async fn settled() -> Result<(), String> {
    // A form is being saved: try at once.
    with_vault(|v| v.retry_failed(true));
    kick();
    loop {
        let state = with_vault(|v| (v.busy || !v.queue.is_empty()) && !matches!(v.cipher, Cipher::Locked));
        if state != Some(true) {
            break;
        }
        sleep(10).await;
    }
    with_vault(|v| v.failure.clone().filter(|_| !v.failed.is_empty())).flatten().map_or(Ok(()), Err)
}

/// Whether a write is waiting to be tried again (its message stays on screen until then).
pub fn has_failures() -> bool {
    with_vault(|v| !v.failed.is_empty()).unwrap_or(false)
}

pub fn report_failures_to(signal: RwSignal<Option<String>>) {
    REPORT_TO.set(Some(signal));
}

fn kick() {
    let start = with_vault(|v| {
        let ready = !v.busy && !v.queue.is_empty() && !matches!(v.cipher, Cipher::Locked);
        v.busy |= ready;
        ready
    });
    if start == Some(true) {
        leptos::task::spawn_local(drain());
    }
}

async fn drain() {
    loop {
        let next = with_vault(|v| {
            let key = match &v.cipher {
                Cipher::Locked => None,
                Cipher::Key(crypt) => Some(Some(crypt.clone())),
                Cipher::Plain => Some(None),
            };
            let (Some(key), Some((name, text))) = (key, v.queue.pop_front()) else {
                v.busy = false;
                v.settle();
                return None;
            };
            // A later write to the same key makes this one pointless.
            let superseded = v.has_pending(&name);
            Some((name, text, key, superseded))
        })
        .flatten();
        let Some((name, text, key, superseded)) = next else { return };
        if superseded {
            continue;
        }
        // A draft goes only once everything written before it is stored: it may hold the only copy.
        let earlier_failed = with_vault(|v| !v.failed.is_empty()).unwrap_or(false);
        let stored_as = key.as_ref().map_or_else(|| name.clone(), |crypt| (crypt.names)(&name));
        let outcome = match (text, key) {
            (None, _) if earlier_failed && name.starts_with(super::DRAFT_PREFIX) => Err(String::new()),
            (None, _) => disk_store(&stored_as, None),
            (Some(text), None) => disk_store(&stored_as, Some(&text)),
            (Some(text), Some(crypt)) => match (crypt.seal)(stored_as.clone(), name.clone(), text).await {
                // Everything was deleted while this was being encrypted: don't bring it back.
                Ok(_) if !active() => return,
                // Another window changed the passcode: this key would make the value unreadable.
                Ok(_) if current_generation() != crypt.generation => {
                    Err(tr!("Not saved — the passcode was changed in another window. Reload Steady to carry on.").into())
                }
                Ok(sealed) => disk_store(&stored_as, Some(&sealed)),
                Err(e) => Err(e),
            },
        };
        if outcome.is_ok() {
            drop_old_copy(&name, &stored_as);
        }
        // What the banner should say now: `Some(None)` once every failed write has been stored.
        let banner = with_vault(|v| {
            v.failed.retain(|k| *k != name);
            match outcome {
                Ok(()) => {
                    if v.failed.is_empty() {
                        v.tries = 0;
                    }
                    (v.failed.is_empty() && v.failure.take().is_some()).then_some(None)
                }
                Err(message) => {
                    v.tries += 1;
                    v.next_try_ms = monotonic_ms() + lock::retry_after_ms(v.tries);
                    v.failed.push(name);
                    (!message.is_empty()).then(|| {
                        v.failure = Some(message.clone());
                        Some(message)
                    })
                }
            }
        })
        .flatten();
        if let (Some(text), Some(signal)) = (banner, REPORT_TO.get()) {
            signal.set(text);
        }
    }
}

/// Once document `name` is stored under the opaque name `stored_as`, a copy under its own
/// name (stored before names were hidden, and not yet moved) goes.
fn drop_old_copy(name: &str, stored_as: &str) {
    if stored_as != name && disk_get(name).is_some() {
        let _ = disk_set(name, None);
    }
}

/// Waits `ms` milliseconds (a timer; nothing is blocked meanwhile).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits until the disk is free, then holds it (release with [`release`]).
async fn take_turn() {
    while with_vault(|v| std::mem::replace(&mut v.busy, true)) == Some(true) {
        sleep(10).await;
    }
}

fn release() {
    with_vault(|v| {
        v.busy = false;
        v.settle();
    });
    kick();
}

// ---- The lock record ----

#[derive(Serialize)]
struct StoredLock {
    v: u64,
    data: LockRecord,
}

/// The lock's record: `None` when there is no lock; `Err` when it can't be read.
pub fn lock_record() -> Option<Result<LockRecord, String>> {
    disk_get(LOCK_KEY).map(|raw| parse_lock_record(&raw))
}

fn parse_lock_record(raw: &str) -> Result<LockRecord, String> {
    let damaged = || tr!("The lock's settings on this device are damaged, so your data can't be unlocked. Nothing has been deleted.").to_string();
    // Through serde_json::Value, like every other document (one deserialiser per type in the wasm).
    let mut value: serde_json::Value = serde_json::from_str(raw).map_err(|_| damaged())?;
    // The version first: a newer record may have a shape this build doesn't know.
    match value.get("v").and_then(serde_json::Value::as_u64) {
        Some(1..=LOCK_VERSION) => {}
        Some(v) => return Err(fill(tr!("The lock was set by a newer version of Steady (lock version {}). Reload to update."), &[&v.to_string()])),
        None => return Err(damaged()),
    }
    serde_json::from_value(value["data"].take()).map_err(|_| damaged())
}

/// The generation of the lock on disk (0: none).
fn current_generation() -> u64 {
    lock_record().and_then(Result::ok).map_or(0, |r| r.generation)
}

pub fn save_lock_record(record: &LockRecord) -> Result<(), String> {
    let text = serde_json::to_string(&StoredLock { v: LOCK_VERSION, data: record.clone() })
        .map_err(|e| e.to_string())?;
    disk_set(LOCK_KEY, Some(&text))
}

// ---- Start-up, unlocking and locking ----

/// Runs before anything is read: completes or rolls back a change of passcode
/// that was interrupted (the tab closed halfway).
pub fn recover_interrupted_change() {
    let staged_for = disk_get(STAGED_HEADER).and_then(|g| g.parse::<u64>().ok());
    let generation = match lock_record() {
        Some(Ok(r)) => r.generation,
        Some(Err(_)) => return, // Leave everything as it is.
        None => 0,
    };
    match staged_action(generation, staged_for) {
        Staged::None => {}
        Staged::Finish => {
            finish_staged();
        }
        Staged::Discard => clear_staged(),
    }
    // A header without a number is debris from a change that never started properly.
    if staged_for.is_none() && disk_get(STAGED_HEADER).is_some() {
        clear_staged();
    }
}

fn staged_keys() -> Vec<String> {
    disk_keys().into_iter().filter(|k| k.starts_with(STAGED_PREFIX)).collect()
}

/// Moves staged copies over the originals; each copy is removed only after its
/// move. Returns whether every copy was moved.
fn finish_staged() -> bool {
    let mut left = staged_keys();
    // Near the quota: move what fits first; removing those copies frees room for the rest.
    for _ in 0..2 {
        left.retain(|staged| {
            let moved = disk_get(staged).is_none_or(|text| disk_set(&staged[STAGED_PREFIX.len()..], Some(&text)).is_ok());
            !(moved && disk_set(staged, None).is_ok())
        });
    }
    let complete = left.is_empty();
    if complete {
        drop_other_names();
        let _ = disk_set(STAGED_HEADER, None);
    }
    complete
}

/// Once every new copy is in place: what is stored under the names of the lock before (or
/// of none) goes — the names change with the lock, so nothing was written over it.
fn drop_other_names() {
    let current = match lock_record() {
        Some(Ok(record)) => Some(opaque_prefix(record.generation)),
        // Which names are current can't be told: everything stays.
        Some(Err(_)) => return,
        None => None,
    };
    for key in disk_keys().into_iter().filter(|k| is_data_key(k)) {
        let other = match &current {
            Some(prefix) => !key.starts_with(prefix.as_str()),
            None => key.starts_with(OPAQUE_MARK),
        };
        if other {
            let _ = disk_set(&key, None);
        }
    }
}

fn clear_staged() {
    for staged in staged_keys() {
        let _ = disk_set(&staged, None);
    }
    let _ = disk_set(STAGED_HEADER, None);
}

pub enum Unlock {
    Opened(CryptoKey),
    /// Wrong; wait this many seconds before the next try.
    Wrong { wait: u32 },
    /// Can't try now (a wait is running, the lock changed, the browser can't decrypt).
    Failed(String),
}

thread_local! {
    /// Wrong guesses as this page counts them (see [`lock::Guesses`]).
    static GUESSES: RefCell<lock::Guesses> = RefCell::new(lock::Guesses::default());
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The page's monotonic clock in ms: moving the phone's clock doesn't move it.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn monotonic_ms() -> f64;
}

/// The wall-clock and the monotonic time now, in ms.
fn clocks() -> (f64, f64) {
    (js_sys::Date::now(), monotonic_ms())
}

/// Whole seconds until another passcode may be tried (0: now).
pub fn seconds_to_wait() -> u32 {
    lock_record().and_then(Result::ok).map_or(0, |record| wait_for(&record))
}

fn wait_for(record: &LockRecord) -> u32 {
    let (wall, mono) = clocks();
    let mut marked = record.clone();
    let (wait, sat_out) = GUESSES.with_borrow_mut(|g| {
        g.observe(record, wall, mono);
        (g.seconds_to_wait(mono), g.mark_waited(&mut marked, mono))
    });
    // The wait ran out here: a reload needn't start it again.
    if sat_out {
        let _ = save_lock_record(&marked);
    }
    wait
}

/// Checks a passcode against the stored lock (slow on purpose: PBKDF2), and
/// counts wrong guesses — on the lock screen and in Settings alike. The guess is
/// counted before it is checked, so other tabs see the count (and any wait) at
/// once; if the record can't be saved, this page still holds the wait.
pub async fn try_passcode(passcode: &str) -> Unlock {
    let mut record = match lock_record() {
        Some(Ok(record)) => record,
        Some(Err(e)) => return Unlock::Failed(e),
        None => return Unlock::Failed(tr!("There's no passcode set any more — reload Steady.").into()),
    };
    let wait = wait_for(&record);
    if wait > 0 {
        return Unlock::Failed(fill(tr!("Wait {} before trying again."), &[&lock::describe_wait(wait)]));
    }
    let (wall, mono) = clocks();
    GUESSES.with_borrow_mut(|g| g.begin(&mut record, wall, mono));
    let _ = save_lock_record(&record);
    let nfc = crypto::normalized(passcode, "NFC");
    let mut right = None;
    for form in lock::passcode_forms(passcode, &nfc, &crypto::normalized(passcode, "NFD"), record.normalized) {
        let key = match crypto::derive_key(&form, &record.salt, record.iterations).await {
            Ok(key) => key,
            Err(e) => return Unlock::Failed(e),
        };
        if crypto::decrypt(&key, LOCK_KEY, &record.check).await.is_ok_and(|text| text == CHECK_TEXT) {
            right = Some((key, form == nfc));
            break;
        }
    }
    // The passcode may have been changed (in another tab) while this was checked:
    // then this answer is about an old lock, and the new record must not be overwritten.
    let mut current = match lock_record() {
        Some(Ok(current)) if current.generation == record.generation && current.salt == record.salt => current,
        _ => return Unlock::Failed(tr!("The passcode was changed just now. Enter the new one.").into()),
    };
    match right {
        Some((key, nfc_form)) => {
            GUESSES.with_borrow_mut(|g| g.right(&mut current));
            // An older lock opened by the passcode's NFC form: from now on only that form is tried.
            current.normalized |= nfc_form;
            let _ = save_lock_record(&current);
            Unlock::Opened(key)
        }
        None => {
            let (wall, mono) = clocks();
            let wait = GUESSES.with_borrow_mut(|g| g.wrong(&mut current, wall, mono));
            // If this can't be stored, this page still holds the wait.
            let _ = save_lock_record(&current);
            Unlock::Wrong { wait }
        }
    }
}

/// Reads every stored document into memory, decrypting with `key`. Values
/// that are still plain (an interrupted switch), sealed the old way (not bound
/// to their names) or stored under their own names (before names were hidden) are
/// kept and stored again; a value that won't decrypt (damaged, or moved from
/// another key) is kept as stored, and shows up as unreadable.
///
/// Which opaque name holds which document is found by naming every month from 1970 to
/// five years ahead, and the documents kept whole; any other opaque name (a draft, a
/// set-aside copy, a month outside those years) is decrypted now, and its name read from
/// inside it. (One of those that can't be decrypted can't be told apart, so it can't be
/// shown as a problem: it is kept as stored, and only that same document written again
/// — the next draft of the same form — takes its place.)
///
/// Another tab may store something while this one decrypts (its storage events
/// aren't listened to yet): the read is repeated until the disk is as it was
/// read — at most a few times, so a tab that never stops writing can't keep
/// this one from opening (the last read is then the newest, and the other
/// tab's later changes arrive as storage events once this one is open).
async fn read_everything(crypt: &Crypt) -> Opened {
    const MOST_READS: u32 = 4;
    let (key, names) = (&crypt.key, &crypt.names);
    let mine = opaque_prefix(crypt.generation);
    let this_year = js_sys::Date::new_0().get_full_year() as i32;
    let months = lock::month_names(&super::MONTH_ARCHIVES, 1970, this_year + 5);
    let known: BTreeMap<String, String> =
        months.into_iter().chain(super::SINGLETONS.map(String::from)).map(|name| (names(&name), name)).collect();
    let mut reads = 0;
    loop {
        reads += 1;
        let on_disk: Vec<String> = disk_keys().into_iter().filter(|k| is_data_key(k)).collect();
        // Stored under their own names (before names were hidden): moved under their opaque ones.
        let own: BTreeSet<&String> = on_disk.iter().filter(|k| !k.starts_with(OPAQUE_MARK)).collect();
        // (document name if known, stored name); names of another lock are a switch's leftovers.
        // A document under both names was being moved when Steady closed: the copy under its own
        // name is read (the same, or newer if a tab of the version before wrote it since), and
        // written over the other; it comes last, so a draft or set-aside copy read under both
        // ends up with its text too.
        let mut stored: Vec<(Option<String>, String)> = on_disk
            .iter()
            .filter(|k| k.starts_with(&mine))
            .map(|k| (known.get(k).cloned(), k.clone()))
            .filter(|(name, _)| name.as_ref().is_none_or(|n| !own.contains(n)))
            .collect();
        stored.extend(own.iter().map(|k| (Some(k.to_string()), k.to_string())));
        // The older months are read when they are decrypted (newest first), just after this.
        let named: BTreeMap<String, String> = stored.iter().filter_map(|(name, s)| Some((name.clone()?, s.clone()))).collect();
        let later: Vec<String> = decrypted_later(&named.keys().cloned().collect::<Vec<_>>(), &super::MONTH_ARCHIVES);
        let sealed = later.iter().map(|name| (name.clone(), named[name].clone())).collect();
        let mut opened = Opened { sealed, ..Opened::default() };
        let later: BTreeSet<String> = later.into_iter().collect();
        let mut read = Vec::new();
        for (name, stored_as) in stored {
            if name.as_ref().is_some_and(|n| later.contains(n)) {
                continue;
            }
            let Some(raw) = disk_get(&stored_as) else { continue };
            let (name, plain) = opened_value(key, names, &stored_as, name.as_deref(), &raw, &mut opened.rewrite).await;
            opened.mirror.insert(name, plain);
            read.push((stored_as, raw));
        }
        let unchanged = || {
            disk_keys().into_iter().filter(|k| is_data_key(k)).eq(on_disk.iter().cloned())
                && read.iter().all(|(stored_as, raw)| disk_get(stored_as).as_ref() == Some(raw))
        };
        if reads == MOST_READS || unchanged() {
            return opened;
        }
    }
}

#[derive(Default)]
struct Opened {
    mirror: BTreeMap<String, String>,
    /// Values to store again (see [`opened_value`]).
    rewrite: Vec<(String, Option<String>)>,
    sealed: Vec<(String, String)>,
}

/// The document a stored value holds: its name and plain text. `name` is the document's name
/// when the stored one says it (`None`: an opaque name not matched to a month). A value that
/// won't decrypt is kept as stored (it shows up as unreadable). One sealed the old way, under
/// its own name, or still plain (a change of passcode cut off), is noted in `rewrite` to be
/// stored again.
async fn opened_value(
    key: &CryptoKey,
    names: &Namer,
    stored_as: &str,
    name: Option<&str>,
    raw: &str,
    rewrite: &mut Vec<(String, Option<String>)>,
) -> (String, String) {
    let as_stored = || (name.unwrap_or(stored_as).to_string(), raw.to_string());
    if is_named(raw) {
        let Ok(payload) = crypto::decrypt(key, stored_as, raw).await else { return as_stored() };
        // Its own name must lead to where it is stored: a value copied to another name is refused.
        let Some((inside, text)) = lock::without_name(&payload).filter(|(inside, _)| names(inside) == stored_as && name.is_none_or(|n| n == *inside))
        else {
            return as_stored();
        };
        if !is_compressed(raw) && crypto::can_compress() {
            rewrite.push((inside.to_string(), Some(text.to_string())));
        }
        return (inside.to_string(), text.to_string());
    }
    // What follows is stored under the document's own name (from before names were hidden).
    let Some(name) = name.filter(|n| *n == stored_as) else { return as_stored() };
    if !is_sealed(raw) {
        rewrite.push((name.to_string(), Some(raw.to_string())));
        return as_stored();
    }
    match crypto::decrypt(key, name, raw).await {
        // Stored again under its opaque name, bound to it and compressed.
        Ok(plain) => {
            rewrite.push((name.to_string(), Some(plain.clone())));
            (name.to_string(), plain)
        }
        Err(_) => as_stored(),
    }
}

/// Decrypts the older months, newest first, while the app is open, and tells the store
/// which have arrived (a few at a time: each telling has screens read them again). Stops
/// when Steady locks (the next unlock starts again).
async fn open_the_rest() {
    const AT_A_TIME: usize = 24;
    // Once the screen opened has been drawn: both need the page's one thread.
    const AFTER_THE_UNLOCK_MS: i32 = 500;
    sleep(AFTER_THE_UNLOCK_MS).await;
    loop {
        let next = with_vault(|v| match &v.cipher {
            Cipher::Key(crypt) if !v.sealed.is_empty() => {
                Some((crypt.key.clone(), crypt.names.clone(), v.sealed.iter().take(AT_A_TIME).cloned().collect::<Vec<_>>()))
            }
            _ => {
                v.opening = false;
                None
            }
        })
        .flatten();
        let Some((key, names, batch)) = next else { break };
        let mut rewrite = Vec::new();
        let mut opened = Vec::with_capacity(batch.len());
        for (name, stored_as) in batch {
            let raw = disk_get(&stored_as);
            let plain = match &raw {
                Some(raw) => Some(opened_value(&key, &names, &stored_as, Some(&name), raw, &mut rewrite).await.1),
                None => None,
            };
            opened.push((name, stored_as, raw, plain));
        }
        // Unless a write, another tab's change or a lock came first (each is newer, or drops it).
        let arrived = with_vault(|v| {
            let mut arrived = Vec::new();
            for (name, stored_as, raw, plain) in opened {
                if v.sealed.iter().any(|(n, _)| *n == name) && disk_get(&stored_as) == raw {
                    v.unseal(&name);
                    set(&mut v.mirror, &name, plain);
                    v.queue.extend(rewrite.iter().filter(|(n, _)| *n == name).cloned());
                    arrived.push(name);
                }
            }
            arrived
        })
        .unwrap_or_default();
        if !arrived.is_empty() {
            tell_arrived(arrived);
            kick();
        }
    }
    if all_open() {
        tell_arrived(Vec::new());
    }
}

fn tell_arrived(names: Vec<String>) {
    ARRIVED.with_borrow(|tell| tell.as_ref().map(|tell| tell(names)));
}

fn start_opening_the_rest() {
    if with_vault(|v| !v.sealed.is_empty() && !std::mem::replace(&mut v.opening, true)) == Some(true) {
        leptos::task::spawn_local(open_the_rest());
    }
}

/// Whether `key` is an older month not decrypted yet, or a document whose change in another
/// tab is being decrypted (nothing may be written over either until it is read).
pub fn still_sealed(key: &str) -> bool {
    with_vault(|v| {
        let incoming = || match &v.cipher {
            Cipher::Key(crypt) => v.incoming.contains(&(crypt.names)(key)),
            _ => false,
        };
        v.sealed.iter().any(|(n, _)| n == key) || (!v.incoming.is_empty() && incoming())
    })
    .unwrap_or(false)
}

/// Whether every stored document is decrypted (or there is no lock).
pub fn all_open() -> bool {
    with_vault(|v| v.sealed.is_empty()).unwrap_or(true)
}

/// Waits until every stored document is decrypted: before what reads or writes them all.
pub async fn all_opened() {
    while !all_open() && with_vault(|v| !matches!(v.cipher, Cipher::Locked)) == Some(true) {
        sleep(20).await;
    }
}

/// `tell(keys)` learns of the months decrypted after the unlock, and `tell([])` that none waits.
pub fn on_arrival(tell: Option<Box<dyn Fn(Vec<String>)>>) {
    ARRIVED.set(tell);
}

/// At an unlock: everything decrypted into memory. `Err` if the names data is stored under
/// can't be made (then nothing is opened).
pub async fn open_with(key: CryptoKey) -> Result<(), String> {
    let crypt = crypt_for(key, current_generation()).await?;
    if VAULT.with_borrow(Option::is_some) {
        resume(crypt).await;
        return Ok(());
    }
    let opened = read_everything(&crypt).await;
    let mut vault = Vault::new(Cipher::Key(crypt), opened.mirror);
    vault.queue = opened.rewrite.into();
    vault.sealed = opened.sealed;
    VAULT.set(Some(vault));
    kick();
    start_opening_the_rest();
    Ok(())
}

/// Locks: the key is forgotten as soon as the writes already made are stored.
/// Writes made while locked wait for the next unlock.
pub fn lock() {
    with_vault(|v| {
        v.lock_requested = true;
        v.settle();
    });
}

/// Unlocks again, after the first time in this page (the app was drawn anew).
async fn resume(crypt: Crypt) {
    // Locked since: what was decrypted was dropped (see `settle`), so everything is read again.
    if with_vault(|v| matches!(v.cipher, Cipher::Locked)) == Some(true) {
        let Opened { mut mirror, rewrite, sealed } = read_everything(&crypt).await;
        with_vault(|v| {
            v.sealed = sealed;
            // Writes made while locked, and failed ones waiting to be tried again, are newer
            // than what was read.
            let newer: Vec<(String, Option<String>)> =
                v.failed.iter().map(|name| (name.clone(), v.mirror.get(name).cloned())).chain(v.queue.iter().cloned()).collect();
            for (name, text) in newer {
                v.unseal(&name);
                set(&mut mirror, &name, text);
            }
            v.mirror = mirror;
            let rewrite: Vec<_> = rewrite.into_iter().filter(|(name, _)| !v.has_pending(name) && !v.failed.contains(name)).collect();
            v.queue.extend(rewrite);
        });
    }
    with_vault(|v| {
        v.cipher = Cipher::Key(crypt);
        v.lock_requested = false;
    });
    kick();
    start_opening_the_rest();
}

/// A change another tab stored under `stored_as`, decrypted into memory: the document's
/// name and its text. `None` when there is nothing to show: locked (it is read at the next
/// unlock), superseded by a later change, about to be overwritten by this tab's own pending
/// write, or an old copy the other tab removed once it had stored it under its opaque name.
pub async fn accept_from_other_tab(stored_as: &str, raw: Option<String>) -> Option<(String, Option<String>)> {
    let crypt = with_vault(|v| match &v.cipher {
        Cipher::Locked => None,
        Cipher::Key(crypt) => Some(Some(crypt.clone())),
        Cipher::Plain => Some(None),
    })??;
    // Until it is read, a save of the same document here would be made without it: such a save
    // waits (see [`still_sealed`]; decrypting takes a few milliseconds).
    with_vault(|v| v.incoming.push(stored_as.to_string()));
    let accepted = accept(stored_as, raw, crypt).await;
    with_vault(|v| v.incoming.iter().position(|s| s == stored_as).map(|i| v.incoming.remove(i)));
    accepted
}

async fn accept(stored_as: &str, raw: Option<String>, crypt: Option<Crypt>) -> Option<(String, Option<String>)> {
    let (name, plain) = match crypt {
        Some(crypt) => {
            let opened = match &raw {
                Some(sealed) => (crypt.open)(stored_as.to_string(), sealed.clone()).await,
                None => None,
            };
            match opened {
                Some((name, text)) => (name, Some(text)),
                // Removed, or unreadable (shown as it is stored): only a document this tab knows.
                None => (known_name(stored_as, &crypt.names)?, raw.clone()),
            }
        }
        None => (stored_as.to_string(), raw.clone()),
    };
    // Decrypting takes a moment; a newer change may have landed meanwhile (its own event follows).
    if disk_get(stored_as) != raw {
        return None;
    }
    with_vault(|v| {
        // Saved here just before this change arrived, and not yet stored (a few milliseconds
        // apart, in two windows): this one is stored after it, so it wins, as the later of two
        // saves of one document does anywhere. (A save after it arrived waits for it: see above.)
        if v.has_pending(&name) {
            return None;
        }
        v.unseal(&name);
        set(&mut v.mirror, &name, plain.clone());
        Some((name, plain))
    })?
}

/// The document stored under the opaque name `stored_as`, if this tab has met it. (None of a
/// document's own names leads to an old copy under its own name: that going is no change.)
fn known_name(stored_as: &str, names: &Namer) -> Option<String> {
    with_vault(|v| v.mirror.keys().chain(v.sealed.iter().map(|(n, _)| n)).find(|n| names(n) == stored_as).cloned()).flatten()
}

/// Everything was deleted: no vault, no lock.
pub fn close() {
    VAULT.set(None);
}

// ---- Writes that must all land or none ----

/// Stores all of `writes` or — if any fails — puts every key back as it was.
pub async fn write_all(writes: Vec<(String, Option<String>)>) -> Result<(), String> {
    if !active() {
        return super::apply_all(&writes);
    }
    take_turn().await;
    let outcome = seal_and_apply(&writes).await;
    if outcome.is_ok() {
        with_vault(|v| {
            for (name, text) in writes {
                // Writes queued meanwhile to these keys were made against the data being
                // replaced; the restored data wins on disk as it does on screen.
                v.queue.retain(|(k, _)| *k != name);
                v.unseal(&name);
                set(&mut v.mirror, &name, text);
            }
        });
    }
    release();
    outcome
}

async fn seal_and_apply(writes: &[(String, Option<String>)]) -> Result<(), String> {
    let key = match with_vault(|v| match &v.cipher {
        Cipher::Key(crypt) => Ok(Some(crypt.clone())),
        Cipher::Plain => Ok(None),
        Cipher::Locked => Err(()),
    }) {
        Some(Ok(key)) => key,
        _ => return Err(tr!("Steady is locked. Unlock it and try again — nothing was changed.").into()),
    };
    let mut sealed = Vec::with_capacity(writes.len());
    for (name, text) in writes {
        let stored_as = key.as_ref().map_or_else(|| name.clone(), |crypt| (crypt.names)(name));
        let text = match (text, &key) {
            (Some(t), Some(crypt)) => Some((crypt.seal)(stored_as.clone(), name.clone(), t.clone()).await?),
            (t, _) => t.clone(),
        };
        sealed.push((stored_as, text));
    }
    super::apply_all(&sealed)?;
    for ((name, _), (stored_as, _)) in writes.iter().zip(&sealed) {
        drop_old_copy(name, stored_as);
    }
    Ok(())
}

// ---- Other open tabs ----

const CHANNEL: &str = "steady";

fn tab_id() -> String {
    thread_local! {
        // Whole numbers: printing an f64 would add Rust's float formatting to the first download.
        static ID: String = format!("{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e15) as u64);
    }
    ID.with(Clone::clone)
}

/// Answers other tabs asking whether Steady is open here too (for as long as the page lives).
pub fn answer_other_tabs() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
    let me = tab_id();
    let reply = channel.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        if let Some(asker) = event.data().as_string().and_then(|d| d.strip_prefix("who:").map(str::to_string)) {
            if asker != me {
                let _ = reply.post_message(&"here".into());
            }
        }
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

/// Whether Steady is open in another tab or window of this browser.
async fn other_tabs_open() -> bool {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return false };
    let heard = std::rc::Rc::new(std::cell::Cell::new(false));
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new({
        let heard = heard.clone();
        move |event: web_sys::MessageEvent| {
            if event.data().as_string().as_deref() == Some("here") {
                heard.set(true);
            }
        }
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let _ = channel.post_message(&format!("who:{}", tab_id()).into());
    sleep(300).await;
    channel.set_onmessage(None);
    channel.close();
    heard.get()
}

// ---- Setting, changing and removing the passcode ----

/// A new lock record and key for `passcode`.
pub async fn new_lock(passcode: &str, idle_minutes: u32, region: crate::domain::helplines::Region) -> Result<(LockRecord, CryptoKey), String> {
    let salt = crypto::new_salt()?;
    // NFC: the same passcode from any keyboard (see `lock::passcode_forms`).
    let key = crypto::derive_key(&crypto::normalized(passcode, "NFC"), &salt, lock::ITERATIONS).await?;
    let check = crypto::encrypt_as_is(&key, LOCK_KEY, CHECK_TEXT).await?;
    let record = LockRecord {
        salt,
        iterations: lock::ITERATIONS,
        check,
        generation: js_sys::Date::now() as u64,
        idle_minutes,
        region,
        numeric: lock::is_numeric(passcode),
        failures: 0,
        wait_until_ms: 0.0,
        normalized: true,
        waited: 0,
    };
    Ok((record, key))
}

/// Re-stores everything under `target` (a new lock, or none): writes complete
/// new copies, verifies them, then switches. If anything fails before the
/// switch, the data stays exactly as it was. Refused while Steady is open in
/// another tab, which could write in the middle of it.
pub async fn switch_lock(target: Option<(LockRecord, CryptoKey)>) -> Result<(), String> {
    if other_tabs_open().await {
        return Err(tr!("Steady is open in another tab or window. Close it there first, then try again — nothing was changed.").into());
    }
    if !active() {
        // No lock yet: the data is plain on disk; hold it in memory like a vault.
        let mirror = disk_keys()
            .into_iter()
            .filter(|k| is_data_key(k))
            .filter_map(|k| disk_get(&k).map(|v| (k, v)))
            .collect();
        VAULT.set(Some(Vault::new(Cipher::Plain, mirror)));
    }
    // Every document is copied: the older months must be decrypted first.
    all_opened().await;
    let crypt = match &target {
        Some((record, key)) => Some(crypt_for(key.clone(), record.generation).await?),
        None => None,
    };
    take_turn().await;
    let outcome = stage_and_switch(&target, crypt.as_ref().map(|c| &c.names)).await;
    if outcome.is_ok() {
        with_vault(|v| v.cipher = crypt.map_or(Cipher::Plain, Cipher::Key));
    }
    release();
    outcome
}

/// Stages a copy of every document under the names of `target` (opaque ones made by `names`
/// for a lock, their own without one), checks them, then switches.
async fn stage_and_switch(target: &Option<(LockRecord, CryptoKey)>, names: Option<&Namer>) -> Result<(), String> {
    let documents: Vec<(String, String)> =
        with_vault(|v| v.mirror.clone().into_iter().collect()).unwrap_or_default();
    let generation = target.as_ref().map_or(0, |(r, _)| r.generation);
    clear_staged();
    let unchanged = |e: String| {
        clear_staged();
        fill(tr!("{} Nothing was changed."), &[&e])
    };
    disk_set(STAGED_HEADER, Some(&generation.to_string())).map_err(unchanged)?;
    let mut staged = Vec::with_capacity(documents.len());
    for (name, plain) in &documents {
        let stored_as = names.map_or_else(|| name.clone(), |names| names(name));
        let text = match target {
            // Bound to the name it is moved to, not the staging one.
            Some((_, key)) => crypto::encrypt_named(key, &stored_as, name, plain).await.map_err(unchanged)?,
            None => plain.clone(),
        };
        disk_set(&format!("{STAGED_PREFIX}{stored_as}"), Some(&text)).map_err(|_| {
            unchanged(tr!("There isn't enough storage space to make the new copy of your data (it needs room for two copies for a moment).").into())
        })?;
        staged.push((stored_as, text));
    }
    // Verify every copy reads back, and decrypts to exactly what it should.
    for ((stored_as, text), (name, plain)) in staged.iter().zip(&documents) {
        let back = disk_get(&format!("{STAGED_PREFIX}{stored_as}"));
        let decrypts = match target {
            Some((_, key)) => crypto::decrypt(key, stored_as, text).await.ok() == Some(lock::with_name(name, plain)),
            None => true,
        };
        if back.as_ref() != Some(text) || !decrypts {
            return Err(unchanged(tr!("The new copy of your data didn't check out.").into()));
        }
    }
    // The switch, in one synchronous run so no other tab starts up halfway through.
    let intact = disk_get(STAGED_HEADER) == Some(generation.to_string())
        && staged.iter().all(|(n, t)| disk_get(&format!("{STAGED_PREFIX}{n}")).as_ref() == Some(t));
    if !intact {
        return Err(unchanged(tr!("Steady was opened in another tab meanwhile — close it and try again.").into()));
    }
    match target {
        Some((record, _)) => save_lock_record(record).map_err(unchanged)?,
        None => disk_set(LOCK_KEY, None).map_err(unchanged)?,
    }
    if !finish_staged() {
        // The new copies are safe under their own keys and are moved at the next start.
        report(tr!("Storage is almost full, so part of your data will finish moving the next time Steady opens. Nothing is lost.").into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_lock_record_still_reads() {
        let fixture: BTreeMap<String, String> =
            serde_json::from_str(include_str!("../../tests/fixtures/storage-v1.json")).unwrap();
        let record = parse_lock_record(&fixture[LOCK_KEY]).unwrap();
        assert_eq!((record.iterations, record.failures, record.numeric), (600_000, 0, true));
        assert!(!record.normalized && record.waited == 0);
        assert!(parse_lock_record(r#"{"v":5,"data":{}}"#).unwrap_err().contains("newer version"));
        let v2 = fixture[LOCK_KEY].replacen(r#"{"v":1,"#, r#"{"v":2,"#, 1);
        assert_eq!(parse_lock_record(&v2).unwrap(), record);
        assert!(parse_lock_record("{").unwrap_err().contains("damaged"));
    }

    #[test]
    fn a_record_is_stored_as_version_4_with_its_new_fields() {
        let fixture: BTreeMap<String, String> =
            serde_json::from_str(include_str!("../../tests/fixtures/storage-v1.json")).unwrap();
        let mut record = parse_lock_record(&fixture[LOCK_KEY]).unwrap();
        (record.normalized, record.waited) = (true, 4);
        let text = serde_json::to_string(&StoredLock { v: LOCK_VERSION, data: record.clone() }).unwrap();
        assert!(text.starts_with(r#"{"v":4,"#));
        assert_eq!(parse_lock_record(&text).unwrap(), record);
    }

    #[test]
    fn only_the_data_keys_are_encrypted() {
        assert!(is_data_key("steady.settings"));
        assert!(is_data_key("steady.log.2026-03"));
        assert!(is_data_key("steady.set-aside.steady.plan.1700000000000"));
        assert!(is_data_key("steady.x-mi6a1b2c.AAAAAAAAAAAAAAAAAAAA"));
        for key in [LOCK_KEY, STAGED_HEADER, "steady.next.steady.plan", "other-app"] {
            assert!(!is_data_key(key), "{key}");
        }
    }
}
