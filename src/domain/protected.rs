//! A backup file or "Copy my data" block protected with a passphrase.
//!
//! The backup's text is encrypted (AES-GCM, as the lock stores data) under a key
//! made from the passphrase the way the lock makes one (PBKDF2-SHA256, a random
//! salt, the lock's iteration count), and wrapped in a small JSON object:
//!
//! ```json
//! {"steady":"protected-backup","v":1,"salt":"<base64>","iterations":600000,"data":"steady-aes-gcm:k:<iv>:<ciphertext>"}
//! ```
//!
//! An import looks for this wrapper before reading a backup, and asks for the
//! passphrase. The cryptography is in src/storage/crypto.rs; here are the format
//! and its checks, so a damaged or crafted wrapper is refused before any key is made.

use serde::{Deserialize, Serialize};

use super::lock::{base64_decode, open_text, SALT_BYTES};

const KIND: &str = "protected-backup";
const VERSION: u32 = 1;
/// Bound into the encryption as additional data, as a stored value is bound to its key's name.
pub const BOUND_TO: &str = "steady.protected-backup";
/// Iteration counts a wrapper may ask for: ours is 600,000; far more would hang the page.
const ITERATIONS: std::ops::RangeInclusive<u32> = 100_000..=10_000_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Protected {
    pub steady: String,
    pub v: u32,
    /// Base64 of the PBKDF2 salt.
    pub salt: String,
    pub iterations: u32,
    /// The sealed backup text.
    pub data: String,
}

/// The wrapper's text for a sealed backup.
pub fn wrap(salt: String, iterations: u32, data: String) -> String {
    let copy = Protected { steady: KIND.into(), v: VERSION, salt, iterations, data };
    serde_json::to_string(&copy).unwrap_or_default()
}

/// `None` when `text` isn't a protected copy (read it as a backup); otherwise the
/// wrapper, or why it can't be opened.
pub fn detect(text: &str) -> Option<Result<Protected, &'static str>> {
    let text = text.trim();
    // A quick look first: a backup file can be 10 MB.
    if !text.starts_with('{') || !text.contains(KIND) {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    if value.get("steady")?.as_str()? != KIND {
        return None;
    }
    Some(check(value))
}

fn check(value: serde_json::Value) -> Result<Protected, &'static str> {
    let damaged = tr!("This protected copy is damaged, so it can't be opened.");
    if value.get("v").and_then(serde_json::Value::as_u64) != Some(u64::from(VERSION)) {
        return Err(tr!("This protected copy was made by a newer version of Steady. Update Steady (reload it), then try again."));
    }
    let copy: Protected = serde_json::from_value(value).map_err(|_| damaged)?;
    let salt_ok = base64_decode(&copy.salt).is_some_and(|s| s.len() == SALT_BYTES);
    let data_ok = open_text(&copy.data).is_some_and(|d| d.bound);
    if !salt_ok || !data_ok || !ITERATIONS.contains(&copy.iterations) {
        return Err(damaged);
    }
    Ok(copy)
}

/// A passphrase for a copy that leaves the phone: someone who gets the file can
/// try passphrases on a computer for as long as they like, so at least 8 characters.
pub fn check_passphrase(passphrase: &str) -> Result<(), &'static str> {
    if passphrase.trim().chars().count() < 8 {
        return Err(tr!("Use a passphrase of at least 8 characters — it's all that keeps the copy private."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lock::{base64_encode, seal_text, IV_BYTES};

    fn sealed() -> String {
        seal_text(&[3; IV_BYTES], b"ciphertext", false)
    }

    fn salt() -> String {
        base64_encode(&[9; SALT_BYTES])
    }

    #[test]
    fn a_wrapped_copy_is_recognised_and_reads_back() {
        let text = wrap(salt(), 600_000, sealed());
        assert!(text.starts_with(r#"{"steady":"protected-backup","v":1,"#));
        let copy = detect(&text).unwrap().unwrap();
        assert_eq!((copy.salt, copy.iterations, copy.data), (salt(), 600_000, sealed()));
        // Around spaces and pretty-printed too.
        let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap();
        assert!(detect(&format!("\n {pretty}\n")).unwrap().is_ok());
    }

    #[test]
    fn backups_and_other_text_are_not_protected_copies() {
        for text in [
            r#"{"format":"steady-backup","version":1,"settings":{}}"#,
            // A backup whose notes mention the word is still a backup.
            r#"{"format":"steady-backup","version":1,"note":"protected-backup"}"#,
            r#"{"steady":"something-else","v":1}"#,
            "protected-backup",
            "",
            "{broken protected-backup",
        ] {
            assert!(detect(text).is_none(), "{text}");
        }
    }

    #[test]
    fn a_damaged_or_crafted_wrapper_is_refused_before_any_key_is_made() {
        let with = |salt: String, iterations: u32, data: String| detect(&wrap(salt, iterations, data)).unwrap();
        assert!(with(base64_encode(&[9; 8]), 600_000, sealed()).unwrap_err().contains("damaged"));
        assert!(with("!!!".into(), 600_000, sealed()).unwrap_err().contains("damaged"));
        assert!(with(salt(), 1_000, sealed()).unwrap_err().contains("damaged"));
        assert!(with(salt(), u32::MAX, sealed()).unwrap_err().contains("damaged"));
        assert!(with(salt(), 600_000, r#"{"v":1}"#.into()).unwrap_err().contains("damaged"));
        // Sealed without being bound isn't how copies are made.
        let unbound = format!("steady-aes-gcm:{}:{}", base64_encode(&[3; IV_BYTES]), base64_encode(b"x"));
        assert!(with(salt(), 600_000, unbound).unwrap_err().contains("damaged"));
        assert!(detect(r#"{"steady":"protected-backup","v":1,"salt":"AAAA"}"#).unwrap().unwrap_err().contains("damaged"));
        assert!(detect(r#"{"steady":"protected-backup","v":2,"x":1}"#).unwrap().unwrap_err().contains("newer version"));
    }

    #[test]
    fn a_passphrase_needs_eight_characters() {
        for bad in ["", "1234567", "short", "   abc    "] {
            assert!(check_passphrase(bad).is_err(), "{bad}");
        }
        for ok in ["12345678", "blue river 42", "ünïcödé!"] {
            assert_eq!(check_passphrase(ok), Ok(()), "{ok}");
        }
    }
}
