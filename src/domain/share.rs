//! A plan shared by link: a snapshot of the sections the person picks, put after
//! the `#` of a link to this same Steady's `/shared` page. What is after `#` is
//! never sent to a server, and browsers leave it out of `Referer`
//! (shared/reviews/2026-12-06-research-anchors.md §4c).
//!
//! The link's fragment is `plan1.` and then, in base64url, one byte of flags
//! ([`DEFLATED`], [`PROTECTED`]), two bytes for the length of what ends the link (so
//! a link cut short is told apart from a wrong passphrase), then either the snapshot's JSON (raw
//! DEFLATE if flagged) or, when protected, a salt, an IV and that JSON sealed
//! with AES-GCM under a key made from a four-word passphrase the way the lock
//! makes one (PBKDF2-SHA256, [`lock::ITERATIONS`]). The cryptography and the
//! compression are the browser's (src/storage/crypto.rs); here are the format,
//! its checks and the passphrase words.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::i18n::Lang;
use super::lock::{self, base64_decode, base64_encode, IV_BYTES, SALT_BYTES};
use super::plan::{Plan, Section};

/// What a link's fragment starts with; a later format would be `plan2.`.
pub const PREFIX: &str = "plan1.";
/// The page that opens a link.
pub const PATH: &str = "/shared";
/// Bound into the encryption as additional data, as a stored value is bound to its key's name.
pub const BOUND_TO: &str = "steady.shared-plan";
/// Chat apps cut or refuse longer links (about 4 KB, research anchors §4c).
pub const CHAT_LIMIT: usize = 4_000;
/// The JSON inside is raw DEFLATE.
pub const DEFLATED: u8 = 1;
/// Sealed under a passphrase: a salt and an IV come first.
pub const PROTECTED: u8 = 2;
/// Words in a passphrase: 4 of 1,024 give 40 bits, each guess costing a full key derivation.
pub const PASSPHRASE_WORDS: usize = 4;

/// The person's number, for the call and text buttons on the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPhone {
    /// As typed.
    pub shown: String,
    /// What `tel:` and `sms:` dial.
    pub tel: String,
}

/// What a link carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedPlan {
    /// The same on every link this person makes, so a newer link can replace an older one.
    pub id: String,
    /// When the link was made (links can't be taken back, so the date travels with them).
    #[serde(with = "crate::domain::dates::stored::datetime")]
    pub made: NaiveDateTime,
    /// The language the person chose to share in (a code; an unknown one reads as English).
    pub lang: String,
    /// A first name or initials, if the person gave one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<SharedPhone>,
    /// Only the chosen sections, as the person wrote them.
    pub plan: Plan,
}

impl SharedPlan {
    /// The snapshot of `plan` with only the sections in `include`.
    pub fn of(plan: &Plan, include: &[Section], id: String, made: NaiveDateTime, lang: Lang) -> SharedPlan {
        let mut chosen = Plan::default();
        for section in Section::ALL.into_iter().filter(|s| include.contains(s)) {
            for list in section.lists() {
                let items = plan.items(*list);
                if !items.is_empty() {
                    chosen.lists.insert(*list, items.to_vec());
                }
            }
        }
        SharedPlan { id, made, lang: lang.code().into(), name: String::new(), phone: None, plan: chosen }
    }

    pub fn language(&self) -> Lang {
        Lang::from_code(&self.lang).unwrap_or_default()
    }

    /// The sections with something in them, in plan order.
    pub fn sections(&self) -> Vec<Section> {
        Section::ALL.into_iter().filter(|s| self.plan.is_filled(*s)).collect()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<SharedPlan, LinkProblem> {
        serde_json::from_str(text).map_err(|_| LinkProblem::Damaged)
    }
}

/// Why a link can't be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// Nothing after `#`, or not a plan link.
    NoPlan,
    /// Made by a newer Steady.
    Newer,
    /// Cut short or changed on the way (a chat app may cut long links).
    Damaged,
    /// The passphrase doesn't open it (or the sealed part was changed).
    WrongPassphrase,
    /// The browser can't unpack or decrypt it.
    Unsupported,
}

impl LinkProblem {
    pub fn message(self) -> &'static str {
        match self {
            LinkProblem::NoPlan => tr!("This link has no plan in it. Ask the person who sent it to send it again."),
            LinkProblem::Newer => tr!("This plan was shared from a newer version of Steady. Reload this page to get the newest version, then open the link again."),
            LinkProblem::Damaged => tr!("This link is cut short or damaged, so the plan can't be shown. Ask for the link again, or for the printed plan."),
            LinkProblem::WrongPassphrase => tr!("That passphrase doesn't open this plan. Check the four words with the person who sent it."),
            LinkProblem::Unsupported => tr!("This browser can't open protected plans. Try another browser, or ask for the printed plan."),
        }
    }
}

/// A link's contents before unpacking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    pub deflated: bool,
    /// Salt and IV, for a protected link.
    pub sealed: Option<([u8; SALT_BYTES], [u8; IV_BYTES])>,
    /// The JSON (raw DEFLATE if `deflated`), or its ciphertext.
    pub data: Vec<u8>,
}

impl Packed {
    /// The fragment for these contents (without the `#`).
    pub fn fragment(&self) -> String {
        let mut bytes = vec![if self.deflated { DEFLATED } else { 0 } | if self.sealed.is_some() { PROTECTED } else { 0 }];
        // Longer contents can't be a link anyone could send (see CHAT_LIMIT); their length reads as damage.
        bytes.extend_from_slice(&u16::try_from(self.data.len()).unwrap_or(u16::MAX).to_be_bytes());
        if let Some((salt, iv)) = &self.sealed {
            bytes.extend_from_slice(salt);
            bytes.extend_from_slice(iv);
        }
        bytes.extend_from_slice(&self.data);
        format!("{PREFIX}{}", base64url_encode(&bytes))
    }

    /// Reads a fragment (with or without its `#`).
    pub fn read(fragment: &str) -> Result<Packed, LinkProblem> {
        let fragment = fragment.trim();
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let Some(body) = fragment.strip_prefix(PREFIX) else {
            let newer = fragment.strip_prefix("plan").and_then(|rest| rest.split_once('.')).is_some_and(|(v, _)| v.parse::<u32>().is_ok_and(|v| v > 1));
            return Err(if newer { LinkProblem::Newer } else { LinkProblem::NoPlan });
        };
        let bytes = base64url_decode(body).ok_or(LinkProblem::Damaged)?;
        let [flags, high, low, rest @ ..] = &bytes[..] else { return Err(LinkProblem::Damaged) };
        let length = usize::from(u16::from_be_bytes([*high, *low]));
        if flags & !(DEFLATED | PROTECTED) != 0 {
            return Err(LinkProblem::Damaged);
        }
        let deflated = flags & DEFLATED != 0;
        let cut = |data: &[u8]| data.is_empty() || data.len() != length;
        if flags & PROTECTED == 0 {
            return if cut(rest) { Err(LinkProblem::Damaged) } else { Ok(Packed { deflated, sealed: None, data: rest.to_vec() }) };
        }
        // The salt, the IV and at least AES-GCM's 16-byte tag.
        if rest.len() < SALT_BYTES + IV_BYTES + 16 {
            return Err(LinkProblem::Damaged);
        }
        let (salt, rest) = rest.split_at(SALT_BYTES);
        let (iv, data) = rest.split_at(IV_BYTES);
        if cut(data) {
            return Err(LinkProblem::Damaged);
        }
        let sealed = (salt.try_into().map_err(|_| LinkProblem::Damaged)?, iv.try_into().map_err(|_| LinkProblem::Damaged)?);
        Ok(Packed { deflated, sealed: Some(sealed), data: data.to_vec() })
    }

    /// The salt as the key derivation takes it.
    pub fn salt_base64(&self) -> Option<String> {
        self.sealed.as_ref().map(|(salt, _)| base64_encode(salt))
    }
}

/// The whole link, for a Steady served at `origin` (`https://example.org`).
pub fn link(origin: &str, packed: &Packed) -> String {
    format!("{origin}{PATH}#{}", packed.fragment())
}

/// Too long for a chat app to carry whole.
pub fn too_long_for_chat(link: &str) -> bool {
    link.len() > CHAT_LIMIT
}

/// Base64 with `-` and `_` and no padding: safe in a link as it is.
pub fn base64url_encode(bytes: &[u8]) -> String {
    base64_encode(bytes).trim_end_matches('=').replace('+', "-").replace('/', "_")
}

pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    if text.contains(['+', '/', '=']) {
        return None;
    }
    let mut standard = text.replace('-', "+").replace('_', "/");
    match standard.len() % 4 {
        0 => {}
        1 => return None,
        n => standard.push_str(&"=".repeat(4 - n)),
    }
    base64_decode(&standard)
}

const ENGLISH_WORDS: &str = include_str!("words/en.txt");
const SPANISH_WORDS: &str = include_str!("words/es.txt");

fn words(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Es => SPANISH_WORDS,
        _ => ENGLISH_WORDS,
    }
    .lines()
    .collect()
}

/// A new passphrase in the language shared in: [`PASSPHRASE_WORDS`] words, each picked
/// by two random bytes (1,024 words: ten bits of each pair, so every word is as likely).
pub fn new_passphrase(random: &[u8], lang: Lang) -> String {
    let list = words(lang);
    random
        .chunks_exact(2)
        .take(PASSPHRASE_WORDS)
        .map(|pair| list[(usize::from(pair[0]) << 8 | usize::from(pair[1])) % list.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Random bytes a passphrase needs.
pub const PASSPHRASE_RANDOM_BYTES: usize = PASSPHRASE_WORDS * 2;

/// The passphrase as the key is made from it: what was read aloud and typed in
/// again may differ in case, accents, spacing and separators, never in letters.
pub fn passphrase_key(typed: &str) -> String {
    typed
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The largest QR code made: 117 modules a side, still easy for a phone camera to read from a
/// phone screen (research anchors §4c: keep what a code carries small).
const QR_MAX_VERSION: u8 = 25;
/// The blank border a reader needs around a code, in modules.
const QR_QUIET: i32 = 4;

/// A QR code drawn as one SVG path: dark modules, row by row, in runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    /// Modules a side, with the blank border.
    pub size: i32,
    pub path: String,
}

/// The link as a QR code, or `None` if it is too long for a code that scans reliably.
pub fn qr(link: &str) -> Option<Qr> {
    use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};
    let segments = QrSegment::make_segments(link);
    // Low error correction leaves the most room; raised where the size allows it anyway.
    let code = QrCode::encode_segments_advanced(&segments, QrCodeEcc::Low, Version::MIN, Version::new(QR_MAX_VERSION), None, true).ok()?;
    let mut path = String::new();
    for y in 0..code.size() {
        let mut x = 0;
        while x < code.size() {
            let start = x;
            while x < code.size() && code.get_module(x, y) {
                x += 1;
            }
            if x > start {
                let run = x - start;
                path.push_str(&format!("M{},{}h{run}v1h-{run}z", start + QR_QUIET, y + QR_QUIET));
            } else {
                x += 1;
            }
        }
    }
    Some(Qr { size: code.size() + 2 * QR_QUIET, path })
}

/// The iteration count a protected link's key takes (fixed for `plan1.`).
pub const ITERATIONS: u32 = lock::ITERATIONS;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{List, PlanItem, Role};
    use crate::domain::testing::at;

    fn plan() -> Plan {
        let mut plan = Plan::default();
        plan.add(List::Reasons, PlanItem::with_text("My daughter")).unwrap();
        plan.add(List::Support, PlanItem { role: Some(Role::Sponsor), phone: "555 123 4567".into(), ..PlanItem::with_text("Sam") }).unwrap();
        plan.add(List::CrisisSigns, PlanItem::with_text("Not sleeping")).unwrap();
        plan.add(List::Wellness, PlanItem::with_text("Walk every morning")).unwrap();
        plan
    }

    #[test]
    fn a_snapshot_has_only_the_chosen_sections_in_plan_order() {
        let shared = SharedPlan::of(&plan(), &[Section::Crisis, Section::Reasons, Section::Triggers], "abc".into(), at(2026, 12, 7, 9, 0), Lang::Es);
        assert_eq!(shared.sections(), [Section::Reasons, Section::Crisis], "an empty chosen section is left out");
        assert!(shared.plan.items(List::Wellness).is_empty(), "an unchosen section is never sent");
        assert!(shared.plan.items(List::Support).is_empty());
        assert_eq!(shared.language(), Lang::Es);
        let back = SharedPlan::from_json(&shared.to_json()).unwrap();
        assert_eq!(back, shared);
    }

    #[test]
    fn an_unknown_language_reads_as_english_and_bad_json_is_damaged() {
        let mut shared = SharedPlan::of(&plan(), &[Section::Reasons], "abc".into(), at(2026, 12, 7, 9, 0), Lang::En);
        shared.lang = "xx".into();
        assert_eq!(shared.language(), Lang::En);
        assert_eq!(SharedPlan::from_json("{\"id\":"), Err(LinkProblem::Damaged));
        assert_eq!(SharedPlan::from_json("[1,2]"), Err(LinkProblem::Damaged));
    }

    #[test]
    fn a_fragment_reads_back_and_a_cut_or_changed_one_is_refused() {
        for packed in [
            Packed { deflated: true, sealed: None, data: b"abc".to_vec() },
            Packed { deflated: false, sealed: None, data: vec![0, 255, 7] },
            Packed { deflated: true, sealed: Some(([7; SALT_BYTES], [9; IV_BYTES])), data: vec![1; 40] },
        ] {
            let fragment = packed.fragment();
            assert!(fragment.starts_with(PREFIX));
            assert!(fragment.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)), "safe in a link: {fragment}");
            assert_eq!(Packed::read(&fragment), Ok(packed.clone()));
            assert_eq!(Packed::read(&format!("#{fragment}")), Ok(packed.clone()));
        }
        let sealed = Packed { deflated: true, sealed: Some(([7; SALT_BYTES], [9; IV_BYTES])), data: vec![1; 40] }.fragment();
        // Cut so short the sealed part can't be whole.
        assert_eq!(Packed::read(&sealed[..30]), Err(LinkProblem::Damaged));
        // Cut anywhere, even where base64 and the sealed part still look whole: the length says so.
        for end in PREFIX.len() + 1..sealed.len() {
            assert_eq!(Packed::read(&sealed[..end]), Err(LinkProblem::Damaged), "cut at {end}");
        }
        let plain = Packed { deflated: false, sealed: None, data: b"{\"id\":1}".to_vec() }.fragment();
        for end in PREFIX.len()..plain.len() {
            assert_eq!(Packed::read(&plain[..end]), Err(LinkProblem::Damaged), "cut at {end}");
        }
        // Cut at a length base64 can't have.
        let cut = &sealed[..PREFIX.len() + 4 * 10 + 1];
        assert_eq!(Packed::read(cut), Err(LinkProblem::Damaged));
        assert_eq!(Packed::read(&format!("{PREFIX}!!!!")), Err(LinkProblem::Damaged));
        assert_eq!(Packed::read(&format!("{PREFIX}")), Err(LinkProblem::Damaged));
        // Unknown flags.
        assert_eq!(Packed::read(&format!("{PREFIX}{}", base64url_encode(&[8, 0, 1, 2]))), Err(LinkProblem::Damaged));
        assert_eq!(Packed::read(&format!("{PREFIX}{}", base64url_encode(&[0, 0, 1, 2]))), Ok(Packed { deflated: false, sealed: None, data: vec![2] }));
        assert_eq!(Packed::read(""), Err(LinkProblem::NoPlan));
        assert_eq!(Packed::read("#section-2"), Err(LinkProblem::NoPlan));
        assert_eq!(Packed::read("plan2.AAAA"), Err(LinkProblem::Newer));
        assert_eq!(Packed::read("planet.AAAA"), Err(LinkProblem::NoPlan));
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37).wrapping_add(250)).collect();
            let text = base64url_encode(&bytes);
            assert!(!text.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&text), Some(bytes));
        }
        assert_eq!(base64url_decode("a"), None);
        assert_eq!(base64url_decode("ab+c"), None);
    }

    #[test]
    fn a_link_over_the_chat_limit_is_said_to_be() {
        let short = link("https://steady.example", &Packed { deflated: true, sealed: None, data: vec![0; 100] });
        assert!(short.starts_with("https://steady.example/shared#plan1."));
        assert!(!too_long_for_chat(&short));
        let long = link("https://steady.example", &Packed { deflated: true, sealed: None, data: vec![0; 3_000] });
        assert!(too_long_for_chat(&long));
    }

    #[test]
    fn a_link_becomes_a_qr_code_unless_too_long_for_one_that_scans_well() {
        let short = link("https://steady.example", &Packed { deflated: true, sealed: Some(([7; SALT_BYTES], [9; IV_BYTES])), data: vec![42; 600] });
        let code = qr(&short).expect("a plan of a few sections fits");
        assert!(code.size > 2 * QR_QUIET && code.size <= 17 + 4 * i32::from(QR_MAX_VERSION) + 2 * QR_QUIET);
        // Every run starts inside the code, after the blank border, and is at least one module long.
        for run in code.path.split('M').skip(1) {
            let (at, rest) = run.split_once('h').unwrap();
            let (x, y) = at.split_once(',').unwrap();
            let (x, y): (i32, i32) = (x.parse().unwrap(), y.parse().unwrap());
            let length: i32 = rest.split_once('v').unwrap().0.parse().unwrap();
            assert!(x >= QR_QUIET && y >= QR_QUIET && length >= 1 && x + length <= code.size - QR_QUIET, "{run}");
        }
        // The three finder patterns: the top-left corner's first row is a run of 7.
        assert!(code.path.starts_with(&format!("M{QR_QUIET},{QR_QUIET}h7v1h-7z")));
        let long = link("https://steady.example", &Packed { deflated: true, sealed: None, data: vec![42; 2_000] });
        assert_eq!(qr(&long), None);
    }

    #[test]
    fn word_lists_have_1024_plain_distinct_words() {
        for lang in [Lang::En, Lang::Es] {
            let list = words(lang);
            assert_eq!(list.len(), 1024, "{lang:?}");
            let mut keys: Vec<String> = list.iter().map(|w| passphrase_key(w)).collect();
            assert!(keys.iter().all(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase())), "{lang:?}");
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), 1024, "{lang:?}: distinct once accents are dropped");
        }
    }

    #[test]
    fn a_passphrase_is_four_words_of_the_language_picked_by_the_random_bytes() {
        let zeros = new_passphrase(&[0; PASSPHRASE_RANDOM_BYTES], Lang::En);
        let first = words(Lang::En)[0];
        assert_eq!(zeros, [first; 4].join(" "));
        let last = new_passphrase(&[0xff; PASSPHRASE_RANDOM_BYTES], Lang::Es);
        assert_eq!(last.split(' ').count(), 4);
        assert!(last.split(' ').all(|w| w == words(Lang::Es)[1023]));
        let mixed = new_passphrase(&[0, 1, 0, 2, 0, 3, 4, 0], Lang::En);
        let list = words(Lang::En);
        assert_eq!(mixed, [list[1], list[2], list[3], list[0]].join(" "), "1024 = 4 × 256: 0x0400 wraps to the first word");
    }

    #[test]
    fn a_passphrase_typed_back_differently_makes_the_same_key() {
        assert_eq!(passphrase_key("  River-Lamp, orange   PENCIL "), "river lamp orange pencil");
        assert_eq!(passphrase_key("ábaco niño acción"), "abaco nino accion");
        assert_eq!(passphrase_key("abaco\tnino\naccion"), "abaco nino accion");
        assert_ne!(passphrase_key("river lamp"), passphrase_key("river lamps"));
    }
}
