//! The versioned envelope every stored document is wrapped in: `{"v":N,"data":…}`.
//!
//! Pure logic (no browser APIs) so that loading, migration and the refusal to
//! touch unreadable data are tested natively.

use crate::domain::i18n::fill;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// A stored document with its schema version and migrations.
pub trait Document:
    Serialize + DeserializeOwned + Default + Clone + PartialEq + Send + Sync + 'static
{
    /// What the person calls this data in messages ("your settings").
    const LABEL: &'static str;
    /// The schema version this build writes.
    const VERSION: u64;

    /// Turns data written under `from_version` into data of `from_version + 1`.
    /// Documents that have only ever had one version keep this default.
    fn migrate(from_version: u64, _data: Value) -> Result<Value, String> {
        Err(format!("there is no upgrade from version {from_version}"))
    }
}

/// A document that lives under one fixed key.
pub trait Singleton: Document {
    const KEY: &'static str;
}

/// What reading one stored document found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<D> {
    /// Nothing stored yet: start from the default.
    Missing,
    /// Read (and upgraded if it was older).
    Ready(D),
    /// Present but not usable. The raw text must be kept exactly as it is.
    Unreadable(Problem),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub label: &'static str,
    pub raw: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not valid JSON, or not the shape this document has.
    Damaged(Damage),
    /// Written by a newer version of Steady than this one.
    TooNew(u64),
}

impl Problem {
    /// A plain-language explanation for the person.
    pub fn message(&self) -> String {
        let label = crate::domain::i18n::in_use(self.label);
        match &self.kind {
            ProblemKind::Damaged(_) => fill(
                tr!("Steady couldn't read {} on this device. Nothing has been deleted: the stored text is kept exactly as it was, and Steady won't write over it. You can copy the text below to keep it safe."),
                &[label],
            ),
            ProblemKind::TooNew(v) => fill(
                tr!("{} was saved by a newer version of Steady (data version {}). Nothing has been deleted and Steady won't write over it. Reload the app to get the newer version, or copy the text below to keep it safe."),
                &[&capitalise(label), &v.to_string()],
            ),
        }
    }

    /// What went wrong, in the person's language, for someone helping them.
    pub fn detail(&self) -> String {
        match &self.kind {
            ProblemKind::Damaged(damage) => damage.summary(),
            ProblemKind::TooNew(v) => fill(tr!("stored data version {} is newer than this app understands"), &[&v.to_string()]),
        }
    }

    /// The parser's own words (line, column, field), which only exist in
    /// English: shown as they are, marked as English, for a technical helper.
    pub fn parser_detail(&self) -> Option<&str> {
        match &self.kind {
            ProblemKind::Damaged(damage) => damage.parser_detail(),
            ProblemKind::TooNew(_) => None,
        }
    }
}

/// Why a stored document couldn't be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    NotJson(String),
    NotAnObject,
    NoVersion,
    VersionZero,
    NoData,
    UpgradeFailed { from: u64, why: String },
    UnexpectedShape(String),
}

impl Damage {
    fn summary(&self) -> String {
        match self {
            Damage::NotJson(_) => tr!("the text is not valid JSON").to_owned(),
            Damage::NotAnObject => tr!("it is not a versioned document").to_owned(),
            Damage::NoVersion => tr!("its version number is missing or not a whole number").to_owned(),
            Damage::VersionZero => tr!("version 0 is not a valid version").to_owned(),
            Damage::NoData => tr!("its data field is missing").to_owned(),
            Damage::UpgradeFailed { from, .. } => fill(tr!("upgrading it from version {} failed"), &[&from.to_string()]),
            Damage::UnexpectedShape(_) => tr!("its data doesn't have the expected shape").to_owned(),
        }
    }

    fn parser_detail(&self) -> Option<&str> {
        match self {
            Damage::NotJson(why) | Damage::UpgradeFailed { why, .. } | Damage::UnexpectedShape(why) => Some(why),
            _ => None,
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Reads a stored document. `raw` is the exact text stored under `key`, if any.
pub fn decode<D: Document>(key: &str, raw: Option<&str>) -> Loaded<D> {
    let Some(raw) = raw else { return Loaded::Missing };
    let problem = |kind| {
        Loaded::Unreadable(Problem { key: key.to_owned(), label: D::LABEL, raw: raw.to_owned(), kind })
    };
    let damaged = |why: Damage| problem(ProblemKind::Damaged(why));

    let envelope: Value = match serde_json::from_str(raw) {
        Ok(value) => value,
        Err(e) => return damaged(Damage::NotJson(e.to_string())),
    };
    let Value::Object(mut fields) = envelope else {
        return damaged(Damage::NotAnObject);
    };
    let Some(version) = fields.get("v").and_then(Value::as_u64) else {
        return damaged(Damage::NoVersion);
    };
    if version == 0 {
        return damaged(Damage::VersionZero);
    }
    if version > D::VERSION {
        return problem(ProblemKind::TooNew(version));
    }
    let Some(mut data) = fields.remove("data") else {
        return damaged(Damage::NoData);
    };
    for from in version..D::VERSION {
        data = match D::migrate(from, data) {
            Ok(upgraded) => upgraded,
            Err(why) => return damaged(Damage::UpgradeFailed { from, why }),
        };
    }
    match serde_json::from_value(data) {
        Ok(doc) => Loaded::Ready(doc),
        Err(e) => damaged(Damage::UnexpectedShape(e.to_string())),
    }
}

/// The text to store for a document, in the current schema version.
pub fn encode<D: Document>(doc: &D) -> Result<String, String> {
    #[derive(Serialize)]
    struct Envelope<'a, D> {
        v: u64,
        data: &'a D,
    }
    serde_json::to_string(&Envelope { v: D::VERSION, data: doc }).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// Version 3 of a made-up document: v1 had `name`, v2 renamed it to `title`,
    /// v3 added `count`.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    struct Note {
        title: String,
        count: u32,
    }

    impl Document for Note {
        const LABEL: &'static str = "your note";
        const VERSION: u64 = 3;

        fn migrate(from: u64, mut data: Value) -> Result<Value, String> {
            let obj = data.as_object_mut().ok_or("expected an object")?;
            match from {
                1 => {
                    let name = obj.remove("name").ok_or("no name")?;
                    obj.insert("title".into(), name);
                }
                2 => {
                    obj.insert("count".into(), Value::from(0));
                }
                _ => return Err(format!("unknown version {from}")),
            }
            Ok(data)
        }
    }

    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    struct Single {
        on: bool,
    }
    impl Document for Single {
        const LABEL: &'static str = "your switch";
        const VERSION: u64 = 1;
    }

    fn damaged<D: Document + std::fmt::Debug>(raw: &str) -> Problem {
        match decode::<D>("k", Some(raw)) {
            Loaded::Unreadable(p) => {
                assert!(matches!(p.kind, ProblemKind::Damaged(_)), "{p:?}");
                assert_eq!(p.raw, raw, "the raw text is kept byte for byte");
                p
            }
            other => panic!("expected damaged, got {other:?}"),
        }
    }

    #[test]
    fn missing_is_missing() {
        assert_eq!(decode::<Note>("k", None), Loaded::Missing);
    }

    #[test]
    fn round_trip_current_version() {
        let note = Note { title: "Ünïcode ✓ \"quotes\"".into(), count: 7 };
        let text = encode(&note).unwrap();
        assert!(text.starts_with("{\"v\":3,\"data\":"), "{text}");
        assert_eq!(decode::<Note>("k", Some(&text)), Loaded::Ready(note));
    }

    #[test]
    fn migrates_from_every_older_version() {
        let v1 = r#"{"v":1,"data":{"name":"first"}}"#;
        let v2 = r#"{"v":2,"data":{"title":"second"}}"#;
        assert_eq!(
            decode::<Note>("k", Some(v1)),
            Loaded::Ready(Note { title: "first".into(), count: 0 })
        );
        assert_eq!(
            decode::<Note>("k", Some(v2)),
            Loaded::Ready(Note { title: "second".into(), count: 0 })
        );
    }

    #[test]
    fn failed_migration_keeps_the_raw_text() {
        let p = damaged::<Note>(r#"{"v":1,"data":{"nom":"x"}}"#);
        assert!(p.detail().contains("upgrading it from version 1"), "{}", p.detail());
        assert!(matches!(&p.kind, ProblemKind::Damaged(Damage::UpgradeFailed { from: 1, .. })), "{p:?}");
        assert!(p.parser_detail().is_some());
    }

    #[test]
    fn newer_version_is_refused_and_kept() {
        let raw = r#"{"v":4,"data":{"title":"from the future","extra":[1,2]}}"#;
        match decode::<Note>("k", Some(raw)) {
            Loaded::Unreadable(p) => {
                assert_eq!(p.kind, ProblemKind::TooNew(4));
                assert_eq!(p.raw, raw);
                assert!(p.message().contains("newer version"));
                assert!(p.message().contains("Nothing has been deleted"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn damaged_inputs_are_refused_without_panicking() {
        for raw in [
            "",
            "   ",
            "{",
            "{\"v\":1,\"data\":{\"on\":tru",
            "null",
            "[]",
            "42",
            "\"text\"",
            "{}",
            "{\"data\":{\"on\":true}}",
            "{\"v\":\"1\",\"data\":{\"on\":true}}",
            "{\"v\":-1,\"data\":{\"on\":true}}",
            "{\"v\":1.5,\"data\":{\"on\":true}}",
            "{\"v\":0,\"data\":{\"on\":true}}",
            "{\"v\":1}",
            "{\"v\":1,\"data\":{\"on\":\"yes\"}}",
            "{\"v\":1,\"data\":\"on\"}",
            "\u{feff}{\"v\":1,\"data\":{\"on\":true}}",
        ] {
            let p = damaged::<Single>(raw);
            assert!(p.message().contains("Nothing has been deleted"));
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let raw = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        damaged::<Single>(&raw);
    }

    #[test]
    fn huge_version_numbers_are_too_new_not_a_crash() {
        let raw = r#"{"v":18446744073709551615,"data":{}}"#;
        assert!(matches!(
            decode::<Single>("k", Some(raw)),
            Loaded::Unreadable(Problem { kind: ProblemKind::TooNew(u64::MAX), .. })
        ));
    }

    #[test]
    fn unknown_extra_fields_are_tolerated() {
        let raw = r#"{"v":1,"data":{"on":true,"later":1},"meta":"x"}"#;
        assert_eq!(decode::<Single>("k", Some(raw)), Loaded::Ready(Single { on: true }));
    }
}
