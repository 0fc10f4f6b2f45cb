//! English and Spanish. Every piece of text the person reads is written where
//! it is used, in both languages: `tr!("Today", "Hoy")`, or `Both::new(…, …)`
//! in a table. The Spanish is collected at build time (`build.rs`) into one
//! catalog that is a split-off module of its own (`src/domain/spanish.rs`), fetched only
//! when Spanish is in use; the English stays in the code. A missing
//! translation can't be written, the catalog can't hold unused entries, and
//! someone reading English downloads no Spanish.
//!
//! The language in use is ambient, like a locale: set at start-up and when the
//! person changes it. Until the catalog has arrived (and natively, before
//! [`install_catalog`] in a test), Spanish text falls back to the English.

use std::cell::{Cell, RefCell};

use serde::{Deserialize, Serialize};


#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "es")]
    Es,
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
    /// English → Spanish, sorted by the English.
    static CATALOG: RefCell<Vec<(&'static str, &'static str)>> = const { RefCell::new(Vec::new()) };
}

/// Makes the Spanish catalog (fetched or, natively, compiled in) the one text is looked up in.
pub fn install_catalog(pairs: &'static [(&'static str, &'static str)]) {
    let mut sorted = pairs.to_vec();
    sorted.sort_unstable_by_key(|(en, _)| *en);
    CATALOG.with(|c| *c.borrow_mut() = sorted);
}

pub fn catalog_installed() -> bool {
    CATALOG.with(|c| !c.borrow().is_empty())
}

/// `english` in the language in use. Called by [`tr!`] and [`Both::get`].
pub fn in_use(english: &'static str) -> &'static str {
    match Lang::current() {
        Lang::En => english,
        Lang::Es => spanish_of(english).unwrap_or(english),
    }
}

/// `english` in the language in use, looked up by `key` (its context and the English).
pub fn in_use_keyed(key: &'static str, english: &'static str) -> &'static str {
    match Lang::current() {
        Lang::En => english,
        Lang::Es => spanish_of(key).unwrap_or(english),
    }
}

fn spanish_of(english: &str) -> Option<&'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    if !catalog_installed() {
        install_catalog(crate::domain::spanish::CATALOG);
    }
    CATALOG.with(|c| {
        let c = c.borrow();
        c.binary_search_by_key(&english, |(en, _)| en).ok().map(|at| c[at].1)
    })
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The language text is shown in now.
    pub fn current() -> Lang {
        CURRENT.with(Cell::get)
    }

    pub fn make_current(self) {
        CURRENT.with(|c| c.set(self));
    }

    /// Runs `f` with `self` as the language (a plan shared in the other
    /// language), then puts the previous one back.
    pub fn while_current<R>(self, f: impl FnOnce() -> R) -> R {
        let before = Lang::current();
        self.make_current();
        let result = f();
        before.make_current();
        result
    }

    /// The BCP 47 code, for `<html lang>` and the stored choice.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    /// The language's own name, as the picker shows it (the same in both languages,
    /// so someone who can't read the current one still finds theirs).
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The first open follows the phone: Spanish if the browser's preferred
    /// languages (`navigator.languages`, most preferred first) put any Spanish
    /// before English; English otherwise.
    pub fn from_browser<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in preferred {
            let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
            match primary.as_str() {
                "es" => return Lang::Es,
                "en" => return Lang::En,
                _ => {}
            }
        }
        Lang::En
    }
}

/// Text in both languages kept in a table or a `const` (milestone names,
/// built-in prompts, section titles), shown with [`Both::get`]. Like [`tr!`],
/// it keeps only the English: the Spanish goes into the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Both {
    pub en: &'static str,
}

impl Both {
    pub const fn new(en: &'static str, _es: &'static str) -> Both {
        Both { en }
    }

    /// The text in the language in use.
    pub fn get(self) -> &'static str {
        in_use(self.en)
    }
}

/// `template` with each `{}` replaced by the next of `values`, in order:
/// `fill(tr!("{} left", "quedan {}"), &[&days])`. One small function
/// instead of a `format!` per language keeps the wasm small.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + values.iter().map(|v| v.len()).sum::<usize>());
    let mut values = values.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().copied().unwrap_or("{}"));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phone_decides_the_first_language() {
        assert_eq!(Lang::from_browser(["es-US", "en-US"]), Lang::Es);
        assert_eq!(Lang::from_browser(["es"]), Lang::Es);
        assert_eq!(Lang::from_browser(["ES_mx"]), Lang::Es);
        assert_eq!(Lang::from_browser(["en-GB", "es-ES"]), Lang::En);
        assert_eq!(Lang::from_browser(["fr-FR", "es-419"]), Lang::Es);
        assert_eq!(Lang::from_browser(["fr-FR", "de"]), Lang::En);
        assert_eq!(Lang::from_browser(["estonian-made-up", "et"]), Lang::En);
        assert_eq!(Lang::from_browser([]), Lang::En);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(serde_json::to_string(&lang).unwrap(), format!("\"{}\"", lang.code()));
        }
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn text_follows_the_current_language_and_comes_back() {
        assert_eq!(tr!("Language", "Idioma"), "Language");
        let inside = Lang::Es.while_current(|| tr!("Language", "Idioma"));
        assert_eq!(inside, "Idioma");
        assert_eq!(Lang::current(), Lang::En);
        assert_eq!(Lang::Es.while_current(|| Both::new("Language", "Idioma").get()), "Idioma");
        assert_eq!(tr!(context = "test", "Language", "Lengua"), "Language");
        assert_eq!(Lang::Es.while_current(|| tr!(context = "test", "Language", "Lengua")), "Lengua");
    }

    #[test]
    fn the_catalog_holds_every_pair_once_and_nothing_untranslated() {
        let catalog = crate::domain::spanish::CATALOG;
        assert!(catalog.len() > 10);
        let mut english: Vec<&str> = catalog.iter().map(|(en, _)| *en).collect();
        english.sort_unstable();
        english.dedup();
        assert_eq!(english.len(), catalog.len(), "one Spanish text per English text");
        for (key, es) in catalog {
            let en = key.rsplit('\u{1f}').next().unwrap();
            assert!(!es.trim().is_empty(), "no Spanish for {en:?}");
            // Placeholders must survive translation.
            assert_eq!(en.matches("{}").count(), es.matches("{}").count(), "{en:?} → {es:?}");
        }
    }

    #[test]
    fn text_missing_from_the_catalog_falls_back_to_english() {
        assert_eq!(Lang::Es.while_current(|| in_use("Not in any catalog")), "Not in any catalog");
    }

    #[test]
    fn fill_puts_values_in_order_and_keeps_extra_braces() {
        assert_eq!(fill("{} a las {}", &["2 de diciembre", "21:30"]), "2 de diciembre a las 21:30");
        assert_eq!(fill("no values", &[]), "no values");
        assert_eq!(fill("{} and {}", &["one"]), "one and {}");
        assert_eq!(fill("ñ{}ñ", &["é"]), "ñéñ");
    }
}
