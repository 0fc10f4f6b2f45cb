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
}

/// The text whose encryption is stored as [`LockRecord::check`].
pub const CHECK_TEXT: &str = "Steady passcode check";

impl LockRecord {
    /// Records a wrong passcode at `now_ms`; returns the seconds to wait before the next try.
    pub fn record_failure(&mut self, now_ms: f64) -> u32 {
        self.failures = self.failures.saturating_add(1);
        let wait = wait_after(self.failures);
        self.wait_until_ms = now_ms + f64::from(wait) * 1000.0;
        wait
    }

    pub fn record_success(&mut self) {
        self.failures = 0;
        self.wait_until_ms = 0.0;
    }

    /// Whole seconds until another try is allowed (0: now).
    pub fn seconds_to_wait(&self, now_ms: f64) -> u32 {
        let left = (self.wait_until_ms - now_ms) / 1000.0;
        // A clock set back must not lock someone out for longer than the longest wait.
        if left <= 0.0 { 0 } else { (left.ceil() as u32).min(MAX_WAIT_SECONDS) }
    }
}

const MAX_WAIT_SECONDS: u32 = 15 * 60;

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

/// A passcode is 4–8 digits, or a phrase of at least 8 characters.
pub fn check_passcode(code: &str) -> Result<(), &'static str> {
    let chars = code.chars().count();
    if code.is_empty() {
        return Err("Type a passcode first.");
    }
    if is_numeric(code) {
        return match chars {
            4..=8 => Ok(()),
            0..=3 => Err("Use at least 4 digits."),
            _ => Err("Use 4 to 8 digits — or a phrase with letters in it."),
        };
    }
    if code.trim().chars().count() < 8 {
        return Err("A phrase needs at least 8 characters (or use 4 to 8 digits).");
    }
    if chars > 200 {
        return Err("Keep the phrase under 200 characters.");
    }
    Ok(())
}

/// "5 seconds", "1 minute 20 seconds".
pub fn describe_wait(seconds: u32) -> String {
    let (m, s) = (seconds / 60, seconds % 60);
    let part = |n: u32, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match (m, s) {
        (0, s) => part(s, "second"),
        (m, 0) => part(m, "minute"),
        (m, s) => format!("{} {}", part(m, "minute"), part(s, "second")),
    }
}

// ---- Encrypted values in storage ----

/// Marks a stored value as AES-GCM ciphertext: `steady-aes-gcm:<iv>:<ciphertext>` in base64.
/// Plain values are JSON and always start with `{`.
const SEALED_PREFIX: &str = "steady-aes-gcm:";

pub fn seal_text(iv: &[u8], ciphertext: &[u8]) -> String {
    format!("{SEALED_PREFIX}{}:{}", base64_encode(iv), base64_encode(ciphertext))
}

/// The IV and ciphertext of a sealed value; `None` if it isn't one.
pub fn open_text(text: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    let (iv, data) = text.strip_prefix(SEALED_PREFIX)?.split_once(':')?;
    let iv = base64_decode(iv)?;
    (iv.len() == IV_BYTES).then_some(())?;
    Some((iv, base64_decode(data)?))
}

pub fn is_sealed(text: &str) -> bool {
    text.starts_with(SEALED_PREFIX)
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

#[cfg(test)]
mod tests {
    use super::*;

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
        }
    }

    #[test]
    fn passcodes_are_four_to_eight_digits_or_a_phrase() {
        for ok in ["1234", "00000000", "correct horse", "ünïcödé!", "pass word"] {
            assert_eq!(check_passcode(ok), Ok(()), "{ok}");
        }
        for bad in ["", "123", "123456789", "short", "   x    ", "abc1234"] {
            assert!(check_passcode(bad).is_err(), "{bad}");
        }
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

    #[test]
    fn failures_set_a_wait_that_runs_out() {
        let mut r = record();
        let now = 1_700_000_000_000.0;
        assert_eq!(r.record_failure(now), 0);
        assert_eq!(r.record_failure(now), 0);
        assert_eq!(r.record_failure(now), 5);
        assert_eq!(r.seconds_to_wait(now), 5);
        assert_eq!(r.seconds_to_wait(now + 4_001.0), 1);
        assert_eq!(r.seconds_to_wait(now + 5_000.0), 0);
        assert_eq!(r.record_failure(now + 5_000.0), 10);
        // A clock moved backwards never means a wait longer than the cap.
        assert_eq!(r.seconds_to_wait(now - 1e12), 900);
        r.record_success();
        assert_eq!((r.failures, r.seconds_to_wait(now)), (0, 0));
    }

    #[test]
    fn waits_read_naturally() {
        assert_eq!(describe_wait(1), "1 second");
        assert_eq!(describe_wait(5), "5 seconds");
        assert_eq!(describe_wait(60), "1 minute");
        assert_eq!(describe_wait(80), "1 minute 20 seconds");
        assert_eq!(describe_wait(900), "15 minutes");
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
        let sealed = seal_text(&[1; IV_BYTES], b"ciphertext");
        assert!(is_sealed(&sealed));
        assert!(!is_sealed(r#"{"v":1,"data":{}}"#));
        assert_eq!(open_text(&sealed), Some((vec![1; IV_BYTES], b"ciphertext".to_vec())));
        // Damaged: wrong IV length, bad base64, missing parts.
        assert_eq!(open_text(&seal_text(&[1; 8], b"x")), None);
        assert_eq!(open_text("steady-aes-gcm:AAAA"), None);
        assert_eq!(open_text("steady-aes-gcm:!!!!:AAAA"), None);
        assert_eq!(open_text(r#"{"v":1}"#), None);
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
        value.as_object_mut().unwrap().remove("failures");
        value.as_object_mut().unwrap().remove("wait_until_ms");
        assert_eq!(serde_json::from_value::<LockRecord>(value).unwrap(), r);
    }
}
