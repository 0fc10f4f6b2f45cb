//! The optional passcode lock: what a passcode may be, how long to wait after
//! wrong guesses, and the record kept (unencrypted) next to the encrypted data.
//! The cryptography itself is the browser's (WebCrypto, in src/storage/crypto.rs).

use serde::{Deserialize, Serialize};

use super::helplines::Region;

/// PBKDF2-SHA256 rounds for new passcodes (OWASP's 2023 figure for SHA-256).
pub const ITERATIONS: u32 = 600_000;
/// Bytes of random salt per passcode.
pub const SALT_BYTES: usize = 16;
/// Bytes of random IV for every AES-GCM encryption.
pub const IV_BYTES: usize = 12;

/// Idle times the person can choose, in minutes.
pub const IDLE_CHOICES: [u32; 5] = [1, 2, 5, 15, 60];
pub const DEFAULT_IDLE_MINUTES: u32 = 5;

/// Stored in the clear under `steady.lock`: enough to check a passcode and to
/// show the right helplines before unlocking — nothing about the person's recovery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LockRecord {
    /// Base64 of the PBKDF2 salt.
    pub salt: String,
    pub iterations: u32,
    /// A known text encrypted with the key: decrypting it proves the passcode.
    pub check: String,
    /// Changes with every new passcode; an unfinished re-encryption is matched against it.
    pub generation: u64,
    /// Lock after this many minutes without a touch or key press.
    pub idle_minutes: u32,
    /// Which helplines the lock screen shows.
    pub region: Region,
    /// The passcode is digits only: the lock screen offers a number pad.
    #[serde(default)]
    pub numeric: bool,
    /// Wrong passcodes in a row, and when the next try is allowed (ms since 1970).
    #[serde(default)]
    pub failures: u32,
    #[serde(default)]
    pub wait_until_ms: f64,
    /// The key was made from the passcode in Unicode's NFC form (see [`passcode_forms`]).
    /// Records from before this field say `false`.
    #[serde(default)]
    pub normalized: bool,
    /// The count of wrong guesses whose wait a page has seen run out on its own
    /// monotonic clock (see [`Guesses::observe`]); 0 when none has.
    #[serde(default)]
    pub waited: u32,
}

/// The text whose encryption is stored as [`LockRecord::check`].
pub const CHECK_TEXT: &str = "Steady passcode check";

impl LockRecord {
    pub fn record_success(&mut self) {
        self.failures = 0;
        self.wait_until_ms = 0.0;
        self.waited = 0;
    }
}

const MAX_WAIT_SECONDS: u32 = 15 * 60;
const MAX_WAIT_MS: f64 = MAX_WAIT_SECONDS as f64 * 1000.0;

/// Wrong guesses as one open page counts them, next to the stored record.
///
/// The stored wait is in wall-clock time (all a reload or another tab can read),
/// but within a page a wait runs out on the page's monotonic clock
/// (`performance.now()`), so moving the phone's clock forward doesn't end it and
/// moving it back doesn't stretch it past the longest wait. The count is also
/// held here, so a record that can't be saved still means growing waits for as
/// long as the page is open.
///
/// Across a reload the monotonic clock starts again, and the wall clock can't be
/// trusted: moved forward, it would say any wait is over. So a count this page
/// hasn't held a wait for yet (a fresh page, or another tab's guess) starts the
/// whole wait for that count on this page's clock, whatever the wall clock says —
/// unless the record says a page already saw that wait run out on its own clock
/// ([`LockRecord::waited`], set by [`Guesses::mark_waited`]). Someone who waits on
/// the lock screen as asked never waits twice; someone who reloads (or closes
/// Steady) before a wait ends waits it again in full, once — at most 15 minutes,
/// and only after 3 or more wrong guesses in a row. Every guess costs its wait in
/// real time, however the clock is set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Guesses {
    /// Wrong guesses in a row (including one being checked).
    failures: u32,
    /// When the wait ends, in monotonic ms.
    wait_ends: f64,
    /// The stored `(failures, wait_until_ms)` last taken in. A record is taken in
    /// once, not at every tick (a clock set back would otherwise stretch the wait
    /// again and again), and a record that couldn't be saved isn't read as a reset.
    seen: Option<(u32, f64)>,
}

impl Guesses {
    /// Takes in the stored record — a wait from before a reload, or another tab's guesses.
    pub fn observe(&mut self, stored: &LockRecord, wall_now: f64, mono_now: f64) {
        let state = (stored.failures, stored.wait_until_ms);
        if self.seen == Some(state) {
            return;
        }
        self.seen = Some(state);
        if stored.failures == 0 {
            // The right passcode was given (in this tab or another): no more waiting.
            self.failures = 0;
            self.wait_ends = 0.0;
            return;
        }
        // The stored count's wait already ran out on some page's own clock.
        let sat_out = stored.waited == stored.failures;
        let left = if sat_out { 0.0 } else { (stored.wait_until_ms - wall_now).clamp(0.0, MAX_WAIT_MS) };
        let whole = if stored.failures > self.failures && !sat_out { wait_after(stored.failures) } else { 0 };
        self.failures = self.failures.max(stored.failures);
        self.wait_ends = self.wait_ends.max(mono_now + left.max(f64::from(whole) * 1000.0));
    }

    /// Marks `stored` (to be saved) once this page has seen its count's wait run
    /// out on its own clock, so a reload after that doesn't wait again. `stored`
    /// must be the record last taken in. Returns whether it changed.
    pub fn mark_waited(&self, stored: &mut LockRecord, mono_now: f64) -> bool {
        let held = self.seen == Some((stored.failures, stored.wait_until_ms)) && self.failures >= stored.failures;
        if !held || stored.failures < 3 || stored.waited == stored.failures || self.seconds_to_wait(mono_now) > 0 {
            return false;
        }
        stored.waited = stored.failures;
        true
    }

    /// Whole seconds until another try is allowed (0: now).
    pub fn seconds_to_wait(&self, mono_now: f64) -> u32 {
        let left = ((self.wait_ends - mono_now) / 1000.0).clamp(0.0, f64::from(MAX_WAIT_SECONDS));
        left.ceil() as u32
    }

    /// Counts a guess *before* it is checked (checking takes a moment, and another
    /// tab must see the count and the wait meanwhile); `record` is what to store.
    pub fn begin(&mut self, record: &mut LockRecord, wall_now: f64, mono_now: f64) {
        self.observe(record, wall_now, mono_now);
        self.failures = self.failures.saturating_add(1);
        self.hold(record, wall_now, mono_now);
    }

    /// The guess was wrong: the wait starts again from now. `record` is the one
    /// stored now (other tabs may have counted more). Returns the seconds to wait.
    pub fn wrong(&mut self, record: &mut LockRecord, wall_now: f64, mono_now: f64) -> u32 {
        self.observe(record, wall_now, mono_now);
        self.hold(record, wall_now, mono_now);
        self.seconds_to_wait(mono_now)
    }

    /// The guess was right: the count starts again.
    pub fn right(&mut self, record: &mut LockRecord) {
        record.record_success();
        self.failures = 0;
        self.wait_ends = 0.0;
    }

    /// Sets the wait for the current count, here and in `record`.
    fn hold(&mut self, record: &mut LockRecord, wall_now: f64, mono_now: f64) {
        let wait = f64::from(wait_after(self.failures)) * 1000.0;
        self.wait_ends = self.wait_ends.max(mono_now + wait);
        record.failures = self.failures;
        record.wait_until_ms = record.wait_until_ms.max(wall_now + wait);
    }
}

/// Seconds to wait after `failures` wrong passcodes in a row: two free tries
/// (typos happen), then 5 s, doubling each time up to 15 minutes.
pub fn wait_after(failures: u32) -> u32 {
    if failures < 3 {
        return 0;
    }
    let doublings = (failures - 3).min(20);
    (5u32 << doublings).min(MAX_WAIT_SECONDS)
}

/// Whether a (valid) passcode is a PIN rather than a phrase.
pub fn is_numeric(code: &str) -> bool {
    !code.is_empty() && code.chars().all(|c| c.is_ascii_digit())
}

/// The forms of a typed passcode to make a key from, in the order to try them.
///
/// Keys are made from the passcode in Unicode's NFC form, so "é" typed as one
/// character or as "e" plus an accent (keyboards differ) is the same passcode.
/// A lock set before this (`normalized` false) was made from the text exactly as
/// typed: for it the typed text comes first, then the NFC and NFD forms (a
/// keyboard that composes accents differently from the one that set it). The
/// form that opens it is NFC for every passcode without accents, and then the
/// record can simply be marked normalised; otherwise the old lock keeps working
/// this way (a change of passcode moves it over). Repeats are left out, so plain
/// text is always a single try.
pub fn passcode_forms(typed: &str, nfc: &str, nfd: &str, normalized: bool) -> Vec<String> {
    if normalized {
        return vec![nfc.to_string()];
    }
    let mut forms: Vec<String> = Vec::with_capacity(3);
    for form in [typed, nfc, nfd] {
        if !forms.iter().any(|f| f == form) {
            forms.push(form.to_string());
        }
    }
    forms
}

/// A passcode is 6–8 digits, or a phrase of at least 8 characters. Fewer digits
/// would take a computer moments to try them all, from a copy of the phone's data.
pub fn check_passcode(code: &str) -> Result<(), &'static str> {
    let chars = code.chars().count();
    if code.is_empty() {
        return Err(tr!("Type a passcode first."));
    }
    if is_numeric(code) {
        return match chars {
            6..=8 => Ok(()),
            0..=5 => Err(tr!("Use at least 6 digits. Someone with a copy of this phone's data could try every shorter code in moments.")),
            _ => Err(tr!("Use 6 to 8 digits — or a phrase with letters in it.")),
        };
    }
    if code.trim().chars().count() < 8 {
        return Err(tr!("A phrase needs at least 8 characters (or use 6 to 8 digits)."));
    }
    if chars > 200 {
        return Err(tr!("Keep the phrase under 200 characters."));
    }
    Ok(())
}

/// "5 seconds", "1 minute 20 seconds".
pub fn describe_wait(seconds: u32) -> String {
    let (m, s) = (seconds / 60, seconds % 60);
    let minutes = |n: u32| super::dates::minutes_text(n.into());
    let seconds = |n: u32| super::i18n::counted(trn!("{} second", "{} seconds", n), n);
    match (m, s) {
        (0, s) => seconds(s),
        (m, 0) => minutes(m),
        (m, s) => super::i18n::fill(tr!("{} {}"), &[&minutes(m), &seconds(s)]),
    }
}

// ---- Encrypted values in storage ----

/// Marks a stored value as AES-GCM ciphertext, in base64: `steady-aes-gcm:k:<iv>:<ciphertext>`,
/// encrypted with the name it is stored under as additional data, so a value
/// moved to another key doesn't decrypt (it shows as unreadable instead of being
/// read as that key's data). Values from before that have no `k:` and no
/// additional data (`steady-aes-gcm:<iv>:<ciphertext>`); they still open, and are
/// stored bound at the next write. (An older build reads `k` as a damaged IV, so
/// it keeps a bound value untouched as unreadable rather than taking it for plain
/// text.) Plain values are JSON and always start with `{`.
///
/// `steady-aes-gcm:z:` is the same, bound, with the text compressed (raw
/// DEFLATE) before it was encrypted: years of entries take about a sixth of the
/// room, so they fit in the browser's 5 M characters twice over, as a change of
/// passcode needs. (Ciphertext can't be compressed afterwards: it looks random.)
/// An older build reads `z` as a damaged IV too, and keeps the value untouched.
const SEALED_PREFIX: &str = "steady-aes-gcm:";
const BOUND: &str = "k:";
const COMPRESSED: &str = "z:";

/// A sealed value's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub iv: Vec<u8>,
    pub data: Vec<u8>,
    /// Encrypted with its name as additional data.
    pub bound: bool,
    /// Compressed before it was encrypted (always bound too).
    pub compressed: bool,
}

/// The text to store for a value encrypted with its name as additional data,
/// `compressed` first or not. Inlined: a plan link's code calls it too, and a function
/// shared with a split-off module stays in the first load.
#[inline(always)]
pub fn seal_text(iv: &[u8], ciphertext: &[u8], compressed: bool) -> String {
    let mark = if compressed { COMPRESSED } else { BOUND };
    format!("{SEALED_PREFIX}{mark}{}:{}", base64_encode(iv), base64_encode(ciphertext))
}

/// The parts of a sealed value; `None` if it isn't one.
pub fn open_text(text: &str) -> Option<Sealed> {
    let rest = text.strip_prefix(SEALED_PREFIX)?;
    let (bound, compressed, rest) = if let Some(rest) = rest.strip_prefix(COMPRESSED).or_else(|| rest.strip_prefix(NAMED)) {
        (true, true, rest)
    } else if let Some(rest) = rest.strip_prefix(NAMED_AS_IS) {
        (true, false, rest)
    } else if let Some(rest) = rest.strip_prefix(BOUND) {
        (true, false, rest)
    } else {
        (false, false, rest)
    };
    let (iv, data) = rest.split_once(':')?;
    let iv = base64_decode(iv)?;
    (iv.len() == IV_BYTES).then_some(())?;
    Some(Sealed { iv, data: base64_decode(data)?, bound, compressed })
}

/// `steady-aes-gcm:n:` (compressed) and `m:` (not) hold a value stored under an opaque
/// name ([`Names`]): bound to that name, with the document's own name inside, before its
/// text ([`with_name`]), so a value copied to another name is refused and one whose name
/// can't be worked out (a set-aside copy) can still be read.
const NAMED: &str = "n:";
const NAMED_AS_IS: &str = "m:";

/// The text to store for a value sealed under an opaque name ([`NAMED`]).
pub fn seal_named(iv: &[u8], ciphertext: &[u8], compressed: bool) -> String {
    let mark = if compressed { NAMED } else { NAMED_AS_IS };
    format!("{SEALED_PREFIX}{mark}{}:{}", base64_encode(iv), base64_encode(ciphertext))
}

/// Whether a stored value was sealed under an opaque name, holding its own.
pub fn is_named(text: &str) -> bool {
    text.strip_prefix(SEALED_PREFIX).is_some_and(|rest| rest.starts_with(NAMED) || rest.starts_with(NAMED_AS_IS))
}

/// What is sealed under an opaque name: the document's name, a line break, its text.
pub fn with_name(name: &str, text: &str) -> String {
    format!("{name}\n{text}")
}

/// The name and text of what [`with_name`] made.
pub fn without_name(payload: &str) -> Option<(&str, &str)> {
    payload.split_once('\n')
}

/// Every stored name under a lock starts with this, then the lock's generation: what the
/// names of a document's key would say (a kind of data, a month, that a draft exists) is hidden.
pub const OPAQUE_MARK: &str = "steady.x-";

/// The start of every stored name under the lock of `generation` (so names from another
/// lock, or none, are told apart without a key: see `vault::finish_staged`).
pub fn opaque_prefix(generation: u64) -> String {
    format!("{OPAQUE_MARK}{generation}.")
}

/// The names documents are stored under with a lock: HMAC-SHA256 of the document's name
/// under a secret only the passcode's key can make (`crypto::name_secret`), so the same
/// document always has the same stored name (two tabs agree without a shared index) and
/// nobody without the passcode can tell which is which.
#[derive(Clone)]
pub struct Names {
    mac: hmac::Hmac<sha2::Sha256>,
    prefix: String,
}

impl Names {
    pub fn new(secret: &[u8], generation: u64) -> Names {
        use hmac::Mac;
        Names { mac: hmac::Hmac::new_from_slice(secret).expect("HMAC takes a key of any length"), prefix: opaque_prefix(generation) }
    }

    /// Where the document `name` is stored.
    pub fn stored_as(&self, name: &str) -> String {
        use hmac::Mac;
        let mut mac = self.mac.clone();
        mac.update(name.as_bytes());
        // 120 bits: no two documents meet.
        format!("{}{}", self.prefix, base64_encode(&mac.finalize().into_bytes()[..15]))
    }
}

/// Every month archive's name (one of `prefixes` and `YYYY-MM`) from January of `first_year`
/// to December of `last_year`: what an opaque stored name is matched against at the unlock.
pub fn month_names(prefixes: &[&str], first_year: i32, last_year: i32) -> Vec<String> {
    let months = (first_year..=last_year).flat_map(|year| (1..=12).map(move |month| super::cravings::YearMonth { year, month }));
    months.flat_map(|month| prefixes.iter().map(move |prefix| format!("{prefix}{month}"))).collect()
}

/// Whether a stored value is sealed (either way).
pub fn is_sealed(text: &str) -> bool {
    text.starts_with(SEALED_PREFIX)
}

/// Whether a stored value was compressed before it was sealed.
pub fn is_compressed(text: &str) -> bool {
    text.strip_prefix(SEALED_PREFIX).is_some_and(|rest| rest.starts_with(COMPRESSED) || rest.starts_with(NAMED))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes [`base64_encode`]'s output; `None` for anything else.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (index, chunk) in bytes.chunks(4).enumerate() {
        let last = index == bytes.len() / 4 - 1;
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            let v = ALPHABET.iter().position(|&a| a == c)? as u32;
            n = (n << 6) | v;
        }
        n <<= 6 * pad as u32;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&decoded[..3 - pad]);
    }
    Some(out)
}

// ---- Re-encryption that never leaves data in neither form ----

/// What to do at start-up with copies staged by an unfinished change of passcode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staged {
    /// Nothing staged.
    None,
    /// The new lock was committed: move the staged copies over the old ones.
    Finish,
    /// The change stopped before it was committed: the old data is intact; drop the copies.
    Discard,
}

/// `lock_generation` is the committed lock's generation (0: no lock);
/// `staged_for` the generation the staged copies were made for.
pub fn staged_action(lock_generation: u64, staged_for: Option<u64>) -> Staged {
    match staged_for {
        None => Staged::None,
        Some(target) if target == lock_generation => Staged::Finish,
        Some(_) => Staged::Discard,
    }
}

/// How long after the `tries`-th failed try a failed write is tried again with the next
/// write: 2 s, doubling to a minute. (Storage full: typing into a form writes its draft at
/// each key press, and shouldn't encrypt a big month again each time.) Saving a form tries at once.
pub fn retry_after_ms(tries: u32) -> f64 {
    f64::from(1000u32 << tries.clamp(1, 6)).min(60_000.0)
}

/// How many of the newest months of each kind of month archive are decrypted at the unlock
/// itself (Today reads from them: the check-in card, today's doses, the latest craving).
pub const MONTHS_AT_UNLOCK: usize = 2;

/// Of the stored `keys`, the month archives (one of `prefixes` followed by `YYYY-MM`) that
/// are decrypted after the app has opened, newest month first: so unlocking takes as long
/// with twenty years of entries as with one. Every other key is decrypted at the unlock.
pub fn decrypted_later(keys: &[String], prefixes: &[&str]) -> Vec<String> {
    let mut archives: Vec<(&String, usize, &str)> = keys
        .iter()
        .filter_map(|key| {
            prefixes.iter().enumerate().find_map(|(kind, prefix)| {
                let month = key.strip_prefix(prefix)?;
                super::cravings::YearMonth::parse(month).map(|_| (key, kind, month))
            })
        })
        .collect();
    // "YYYY-MM" sorts as text; the newest first.
    archives.sort_by(|a, b| b.2.cmp(a.2));
    let mut seen = vec![0; prefixes.len()];
    archives
        .into_iter()
        .filter(|(_, kind, _)| {
            seen[*kind] += 1;
            seen[*kind] > MONTHS_AT_UNLOCK
        })
        .map(|(key, _, _)| key.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_under_a_lock_say_nothing_and_stay_the_same() {
        let names = Names::new(b"secret from the key", 1_764_000_000_000);
        let dose = names.stored_as("steady.dose.2026-11");
        // The same name for the same document (two tabs agree), another for any other.
        assert_eq!(dose, names.stored_as("steady.dose.2026-11"));
        assert_ne!(dose, names.stored_as("steady.dose.2026-12"));
        assert!(dose.starts_with(&opaque_prefix(1_764_000_000_000)) && dose.starts_with(OPAQUE_MARK));
        for told in ["dose", "2026", "draft", "log"] {
            assert!(!dose[OPAQUE_MARK.len()..].contains(told), "{dose}");
        }
        assert_eq!(dose.len(), opaque_prefix(1_764_000_000_000).len() + 20);
        // Another secret (another passcode) or another lock: other names.
        assert_ne!(Names::new(b"another", 1_764_000_000_000).stored_as("steady.dose.2026-11"), dose);
        assert_ne!(Names::new(b"secret from the key", 1_764_000_000_001).stored_as("steady.dose.2026-11"), dose);
        assert_eq!(opaque_prefix(0), "steady.x-0.");
        assert_eq!(opaque_prefix(1_764_000_000_000), "steady.x-1764000000000.");
        // A document's own name can never look like one: none starts "x-".
        assert!(!"steady.settings".starts_with(OPAQUE_MARK));
    }

    #[test]
    fn a_named_value_holds_its_name_and_is_told_apart() {
        let payload = with_name("steady.journal.2024-02", "{\"v\":2,\"data\":[\"two\\nlines\"]}");
        assert_eq!(without_name(&payload), Some(("steady.journal.2024-02", "{\"v\":2,\"data\":[\"two\\nlines\"]}")));
        let text = seal_named(&[1; IV_BYTES], &[2, 3], true);
        assert!(is_named(&text) && is_compressed(&text));
        let parts = open_text(&text).unwrap();
        assert!(parts.bound && parts.compressed && parts.data == [2, 3]);
        let as_is = seal_named(&[1; IV_BYTES], &[2, 3], false);
        assert!(is_named(&as_is) && !is_compressed(&as_is) && open_text(&as_is).unwrap().bound);
        assert!(!is_named(&seal_text(&[1; IV_BYTES], &[2], true)));
    }

    #[test]
    fn every_month_of_every_archive_is_named_for_matching() {
        let names = month_names(&["steady.log.", "steady.dose."], 2023, 2024);
        assert_eq!(names.len(), 48);
        assert_eq!(names[..3], ["steady.log.2023-01", "steady.dose.2023-01", "steady.log.2023-02"]);
        assert_eq!(names.last().unwrap(), "steady.dose.2024-12");
        assert!(month_names(&["steady.log."], 2025, 2024).is_empty());
    }

    #[test]
    fn a_failed_write_is_tried_again_less_and_less_often_up_to_a_minute() {
        let waits: Vec<f64> = (0..9).map(retry_after_ms).collect();
        assert_eq!(waits, [2000.0, 2000.0, 4000.0, 8000.0, 16000.0, 32000.0, 60000.0, 60000.0, 60000.0]);
        assert_eq!(retry_after_ms(u32::MAX), 60000.0);
    }

    #[test]
    fn only_older_months_wait_and_they_come_newest_first() {
        let keys: Vec<String> = [
            "steady.settings", "steady.log.2026-11", "steady.log.2026-12", "steady.log.2025-01", "steady.log.2024-07",
            "steady.dose.2026-12", "steady.journal.2019-03", "steady.draft.journal", "steady.set-aside.steady.log.2020-01.17000",
            "steady.log.2026-13", "steady.checkin.2026-10", "steady.checkin.2026-09", "steady.checkin.2026-08",
        ]
        .map(String::from)
        .to_vec();
        let prefixes = ["steady.log.", "steady.checkin.", "steady.journal.", "steady.dose."];
        // The two newest of each kind open at once, whatever their age; a month that isn't one stays with them.
        assert_eq!(decrypted_later(&keys, &prefixes), ["steady.checkin.2026-08", "steady.log.2025-01", "steady.log.2024-07"]);
        assert!(decrypted_later(&[], &prefixes).is_empty());
        // Twenty years of five kinds: all but ten wait.
        let many: Vec<String> = (0..240).flat_map(|m| ["log", "checkin", "journal", "weekly", "dose"].map(|k| format!("steady.{k}.{}-{:02}", 2006 + m / 12, 1 + m % 12))).collect();
        let later = decrypted_later(&many, &["steady.log.", "steady.checkin.", "steady.journal.", "steady.weekly.", "steady.dose."]);
        assert_eq!(later.len(), 1190);
        assert!(later.first().unwrap().ends_with("2025-10") && later.last().unwrap().ends_with("2006-01"));
    }

    fn record() -> LockRecord {
        LockRecord {
            salt: base64_encode(&[7; SALT_BYTES]),
            iterations: ITERATIONS,
            check: String::new(),
            generation: 1,
            idle_minutes: DEFAULT_IDLE_MINUTES,
            region: Region::default(),
            numeric: true,
            failures: 0,
            wait_until_ms: 0.0,
            normalized: true,
            waited: 0,
        }
    }

    #[test]
    fn passcodes_are_six_to_eight_digits_or_a_phrase() {
        for ok in ["123456", "00000000", "correct horse", "ünïcödé!", "pass word"] {
            assert_eq!(check_passcode(ok), Ok(()), "{ok}");
        }
        for bad in ["", "123", "1234", "12345", "123456789", "short", "abcd", "   x    ", "abc1234"] {
            assert!(check_passcode(bad).is_err(), "{bad}");
        }
        // A short PIN is refused with the reason.
        assert!(check_passcode("12345").unwrap_err().contains("at least 6 digits"));
        assert!(check_passcode("12345").unwrap_err().contains("every shorter code"));
        assert!(check_passcode(&"a".repeat(201)).is_err());
        // Non-ASCII digits are a phrase, not a PIN.
        assert!(check_passcode("١٢٣٤").is_err());
    }

    #[test]
    fn waits_grow_after_two_free_tries_and_stop_at_fifteen_minutes() {
        let waits: Vec<u32> = (0..12).map(wait_after).collect();
        assert_eq!(waits, [0, 0, 0, 5, 10, 20, 40, 80, 160, 320, 640, 900]);
        assert_eq!(wait_after(u32::MAX), 900);
        for n in 1..40 {
            assert!(wait_after(n) >= wait_after(n - 1));
        }
    }

    const WALL: f64 = 1_700_000_000_000.0;
    const HOUR: f64 = 3_600_000.0;

    /// A wrong guess made at `mono` ms in a page, stored in `stored` (if the save works).
    fn guess_wrong(page: &mut Guesses, stored: &mut LockRecord, wall: f64, mono: f64, saves: bool) -> u32 {
        let mut record = stored.clone();
        page.begin(&mut record, wall, mono);
        if saves {
            *stored = record;
        }
        let mut current = stored.clone();
        let wait = page.wrong(&mut current, wall, mono);
        if saves {
            *stored = current;
        }
        wait
    }

    #[test]
    fn failures_set_a_wait_that_runs_out_on_the_page_clock() {
        let (mut page, mut stored) = (Guesses::default(), record());
        assert_eq!(guess_wrong(&mut page, &mut stored, WALL, 0.0, true), 0);
        assert_eq!(guess_wrong(&mut page, &mut stored, WALL, 0.0, true), 0);
        assert_eq!(guess_wrong(&mut page, &mut stored, WALL, 0.0, true), 5);
        assert_eq!((stored.failures, stored.wait_until_ms), (3, WALL + 5_000.0));
        assert_eq!(page.seconds_to_wait(0.0), 5);
        assert_eq!(page.seconds_to_wait(4_001.0), 1);
        assert_eq!(page.seconds_to_wait(5_000.0), 0);
        assert_eq!(guess_wrong(&mut page, &mut stored, WALL + 5_000.0, 5_000.0, true), 10);
        page.right(&mut stored);
        assert_eq!((stored.failures, stored.wait_until_ms, page.seconds_to_wait(5_000.0)), (0, 0.0, 0));
    }

    #[test]
    fn moving_the_clock_forward_does_not_end_a_wait() {
        let (mut page, mut stored) = (Guesses::default(), record());
        for _ in 0..3 {
            guess_wrong(&mut page, &mut stored, WALL, 100.0, true);
        }
        // An hour later by the phone's clock, one second later really.
        page.observe(&stored, WALL + HOUR, 1_100.0);
        assert_eq!(page.seconds_to_wait(1_100.0), 4);
        assert_eq!(page.seconds_to_wait(5_100.0), 0);
    }

    #[test]
    fn a_clock_set_back_means_at_most_the_longest_wait_once() {
        let (mut page, mut stored) = (Guesses::default(), record());
        for _ in 0..3 {
            guess_wrong(&mut page, &mut stored, WALL, 0.0, true);
        }
        // A fresh page (a reload) with the clock a year behind.
        let mut fresh = Guesses::default();
        fresh.observe(&stored, WALL - 365.0 * 24.0 * HOUR, 0.0);
        assert_eq!(fresh.seconds_to_wait(0.0), 900);
        // The same record read again later doesn't start the wait again.
        fresh.observe(&stored, WALL - 365.0 * 24.0 * HOUR, 900_000.0);
        assert_eq!(fresh.seconds_to_wait(900_000.0), 0);
    }

    #[test]
    fn a_wait_is_never_shorter_than_the_stored_one() {
        let mut stored = record();
        stored.failures = 5;
        stored.wait_until_ms = WALL + 20_000.0;
        let mut page = Guesses::default();
        page.observe(&stored, WALL, 50.0);
        assert_eq!(page.seconds_to_wait(50.0), 20);
        // Another tab's guess made the stored wait longer: its whole wait starts
        // here when this page first sees the count.
        stored.failures = 6;
        stored.wait_until_ms = WALL + 40_000.0;
        page.observe(&stored, WALL + 1_000.0, 1_050.0);
        assert_eq!(page.seconds_to_wait(1_050.0), 40);
        // ...and a record read again never shortens what this page holds.
        stored.wait_until_ms = WALL;
        page.observe(&stored, WALL + 2_000.0, 2_050.0);
        assert_eq!(page.seconds_to_wait(2_050.0), 39);
    }

    #[test]
    fn a_guess_is_counted_before_it_is_checked_so_another_tab_must_wait() {
        let (mut first, mut stored) = (Guesses::default(), record());
        guess_wrong(&mut first, &mut stored, WALL, 0.0, true);
        guess_wrong(&mut first, &mut stored, WALL, 0.0, true);
        let mut second = Guesses::default();
        second.observe(&stored, WALL, 0.0);
        assert_eq!(second.seconds_to_wait(0.0), 0);
        // The first tab starts checking a third guess (checking takes a while)...
        let mut record = stored.clone();
        first.begin(&mut record, WALL, 0.0);
        stored = record;
        assert_eq!((stored.failures, stored.wait_until_ms), (3, WALL + 5_000.0));
        // ...and the second tab, guessing meanwhile, has to wait.
        second.observe(&stored, WALL + 200.0, 200.0);
        assert_eq!(second.seconds_to_wait(200.0), 5);
        // A right guess still opens, and the count starts again (in the other tab too).
        first.right(&mut stored);
        second.observe(&stored, WALL + 300.0, 300.0);
        assert_eq!((stored.failures, second.seconds_to_wait(300.0)), (0, 0));
    }

    #[test]
    fn if_the_record_cant_be_saved_the_page_keeps_count() {
        let (mut page, mut stored) = (Guesses::default(), record());
        page.observe(&stored, WALL, 0.0);
        let waits: Vec<u32> = (0..5).map(|n| {
            let t = f64::from(n) * 100_000.0;
            guess_wrong(&mut page, &mut stored, WALL + t, t, false)
        }).collect();
        assert_eq!(waits, [0, 0, 5, 10, 20]);
        assert_eq!(stored, record());
        // The unchanged record isn't taken for a reset.
        page.observe(&stored, WALL + 400_001.0, 400_001.0);
        assert_eq!(page.seconds_to_wait(400_001.0), 20);
    }

    #[test]
    fn a_reload_with_the_clock_moved_forward_keeps_the_wait() {
        let (mut page, mut stored) = (Guesses::default(), record());
        for _ in 0..11 {
            guess_wrong(&mut page, &mut stored, WALL, 0.0, true);
        }
        assert_eq!(stored.failures, 11);
        // A reload with the phone's clock 16 minutes ahead: the whole wait, on the new page's clock.
        let mut fresh = Guesses::default();
        fresh.observe(&stored, WALL + 16.0 * 60_000.0, 0.0);
        assert_eq!(fresh.seconds_to_wait(0.0), 900);
        assert_eq!(fresh.seconds_to_wait(899_001.0), 1);
        // The same with the clock a day ahead, and with a small count.
        let mut fresh = Guesses::default();
        fresh.observe(&stored, WALL + 24.0 * HOUR, 5.0);
        assert_eq!(fresh.seconds_to_wait(5.0), 900);
        let (mut page, mut few) = (Guesses::default(), record());
        for _ in 0..3 {
            guess_wrong(&mut page, &mut few, WALL, 0.0, true);
        }
        let mut fresh = Guesses::default();
        fresh.observe(&few, WALL + HOUR, 0.0);
        assert_eq!(fresh.seconds_to_wait(0.0), 5);
    }

    #[test]
    fn a_wait_sat_out_on_the_lock_screen_isnt_repeated_after_a_reload() {
        let (mut page, mut stored) = (Guesses::default(), record());
        for _ in 0..4 {
            guess_wrong(&mut page, &mut stored, WALL, 0.0, true);
        }
        // Not marked while the wait runs, nor by a page that didn't take in this record.
        page.observe(&stored, WALL + 1_000.0, 1_000.0);
        assert!(!page.mark_waited(&mut stored.clone(), 1_000.0));
        assert!(!Guesses::default().mark_waited(&mut stored.clone(), 20_000.0));
        // Once it has run out on the page's clock, the record says so.
        page.observe(&stored, WALL + 10_000.0, 10_000.0);
        assert!(page.mark_waited(&mut stored, 10_000.0));
        assert_eq!(stored.waited, 4);
        assert!(!page.mark_waited(&mut stored, 10_000.0));
        // A reload, whatever the clock says, doesn't wait again...
        for wall in [WALL + 10_000.0, WALL - HOUR, WALL + HOUR] {
            let mut fresh = Guesses::default();
            fresh.observe(&stored, wall, 0.0);
            assert_eq!(fresh.seconds_to_wait(0.0), 0);
        }
        // ...but the next wrong guess waits longer, and isn't marked as sat out.
        let mut fresh = Guesses::default();
        assert_eq!(guess_wrong(&mut fresh, &mut stored, WALL + 20_000.0, 0.0, true), 20);
        assert_eq!((stored.failures, stored.waited), (5, 4));
        let mut reloaded = Guesses::default();
        reloaded.observe(&stored, WALL + HOUR, 0.0);
        assert_eq!(reloaded.seconds_to_wait(0.0), 20);
        // The right passcode clears it all.
        page.right(&mut stored);
        assert_eq!((stored.failures, stored.waited), (0, 0));
    }

    #[test]
    fn passcodes_are_tried_in_nfc_form_and_old_locks_as_typed_first() {
        // "café" typed with a combining accent, its NFC and NFD forms.
        let (typed, nfc, nfd) = ("cafe\u{301} con leche", "caf\u{e9} con leche", "cafe\u{301} con leche");
        assert_eq!(passcode_forms(typed, nfc, nfd, true), [nfc]);
        assert_eq!(passcode_forms(typed, nfc, nfd, false), [typed, nfc]);
        assert_eq!(passcode_forms(nfc, nfc, nfd, false), [nfc, nfd]);
        // Plain text: one try, whatever the record.
        assert_eq!(passcode_forms("246813", "246813", "246813", false), ["246813"]);
        assert_eq!(passcode_forms("246813", "246813", "246813", true), ["246813"]);
    }

    #[test]
    fn waits_read_naturally() {
        assert_eq!(describe_wait(1), "1 second");
        assert_eq!(describe_wait(5), "5 seconds");
        assert_eq!(describe_wait(60), "1 minute");
        assert_eq!(describe_wait(80), "1 minute 20 seconds");
        assert_eq!(describe_wait(900), "15 minutes");
        assert_eq!(describe_wait(21), "21 seconds");
        let es = |s| crate::domain::i18n::Lang::Es.while_current(|| describe_wait(s));
        assert_eq!([es(1), es(2), es(21), es(60), es(81)], ["1 segundo", "2 segundos", "21 segundos", "1 minuto", "1 minuto y 21 segundos"]);
    }

    #[test]
    fn base64_round_trips_every_length_and_matches_the_standard() {
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"f"), "Zg==");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b"foo"), "Zm9v");
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_encode(&[0xfb, 0xff]), "+/8=");
        for len in 0..70usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(base64_decode(&base64_encode(&bytes)).as_deref(), Some(&bytes[..]));
        }
        for bad in ["Zg=", "Z===", "Zg==Zg==", "Zm9v!", "Zm9", "====", "é123"] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn sealed_values_are_told_apart_from_plain_json() {
        let sealed = seal_text(&[1; IV_BYTES], b"ciphertext", false);
        assert!(sealed.starts_with("steady-aes-gcm:k:"));
        assert!(is_sealed(&sealed) && !is_sealed(r#"{"v":1,"data":{}}"#));
        let parts = Sealed { iv: vec![1; IV_BYTES], data: b"ciphertext".to_vec(), bound: true, compressed: false };
        assert_eq!(open_text(&sealed), Some(parts));
        let squeezed = seal_text(&[1; IV_BYTES], b"ciphertext", true);
        assert!(squeezed.starts_with("steady-aes-gcm:z:"));
        assert!(is_sealed(&squeezed) && is_compressed(&squeezed));
        assert!(!is_compressed(&sealed) && !is_compressed(r#"{"v":1,"data":"z:"}"#));
        let parts = Sealed { iv: vec![1; IV_BYTES], data: b"ciphertext".to_vec(), bound: true, compressed: true };
        assert_eq!(open_text(&squeezed), Some(parts));
        // Damaged: wrong IV length, bad base64, missing parts.
        assert_eq!(open_text(&seal_text(&[1; 8], b"x", true)), None);
        assert_eq!(open_text("steady-aes-gcm:z:AAAA"), None);
        assert_eq!(open_text("steady-aes-gcm:AAAA"), None);
        assert_eq!(open_text("steady-aes-gcm:k:AAAA"), None);
        assert_eq!(open_text("steady-aes-gcm:!!!!:AAAA"), None);
        assert_eq!(open_text("steady-aes-gcm:k:!!!!:AAAA"), None);
        assert_eq!(open_text(r#"{"v":1}"#), None);
    }

    #[test]
    fn values_sealed_before_names_were_bound_still_open_without_them() {
        let old = format!("steady-aes-gcm:{}:{}", base64_encode(&[2; IV_BYTES]), base64_encode(b"old"));
        assert!(is_sealed(&old) && !is_named(&old));
        let parts = Sealed { iv: vec![2; IV_BYTES], data: b"old".to_vec(), bound: false, compressed: false };
        assert_eq!(open_text(&old), Some(parts));
        // How an older build parses a bound value: "k" as the IV, which isn't one,
        // so it keeps the value as unreadable rather than taking it for plain text.
        for compressed in [false, true] {
            let bound = seal_text(&[2; IV_BYTES], b"new", compressed);
            let (iv, _) = bound.strip_prefix(SEALED_PREFIX).unwrap().split_once(':').unwrap();
            assert_eq!(base64_decode(iv), None);
        }
    }

    #[test]
    fn staged_copies_are_finished_only_when_their_lock_was_committed() {
        assert_eq!(staged_action(5, None), Staged::None);
        assert_eq!(staged_action(5, Some(5)), Staged::Finish);
        assert_eq!(staged_action(4, Some(5)), Staged::Discard);
        // Removing the lock stages plain copies for generation 0.
        assert_eq!(staged_action(0, Some(0)), Staged::Finish);
        assert_eq!(staged_action(5, Some(0)), Staged::Discard);
    }

    #[test]
    fn the_record_round_trips_and_old_records_without_failures_load() {
        let r = record();
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<LockRecord>(&text).unwrap(), r);
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        for field in ["failures", "wait_until_ms", "waited", "normalized"] {
            value.as_object_mut().unwrap().remove(field);
        }
        let old = LockRecord { normalized: false, ..r };
        assert_eq!(serde_json::from_value::<LockRecord>(value).unwrap(), old);
    }
}
