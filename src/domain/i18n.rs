//! The language text is shown in. Text is written in English where it is used
//! (`tr!`, `trn!` for counts, `Both::new` in tables); the English is each
//! message's id in the gettext catalogs `locales/<code>.po`, which `build.rs`
//! checks against the code and compiles into `catalogs.rs`. Each catalog is a
//! split-off module fetched only when its language is in use, so someone
//! reading English downloads none of them.
//!
//! The language in use is ambient, like a locale: set at start-up and when the
//! person changes it. Until a catalog has arrived (and natively, before
//! [`install_catalog`] in a test), text falls back to the English.

use std::cell::Cell;

use serde::{Deserialize, Serialize};

/// The languages besides English, each with its catalog `locales/<code>.po`
/// (whose compiled form is `catalog_<module>`): the variant, the BCP 47 code,
/// the language's own name and the split-off module. **Adding a language is
/// its catalog and one line under `offered`.** `hidden` ones are never in a picker.
macro_rules! each_language {
    ($then:path) => {
        $then! {
            offered { Es, "es", "Español", es; }
            hidden { Pseudo, "en-XA", "Pseudo", pseudo; }
        }
    };
}
pub(crate) use each_language;

macro_rules! define_languages {
    (offered { $($variant:ident, $code:literal, $name:literal, $module:ident;)* } hidden { $($h_variant:ident, $h_code:literal, $h_name:literal, $h_module:ident;)* }) => {
        /// `Pseudo`: every message accented and longer (`[Šåṽé ~~]`), for finding
        /// text that isn't in the catalogs and layouts that can't take longer words.
        /// Tests choose it by storing its code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
        pub enum Lang {
            #[default]
            #[serde(rename = "en")]
            En,
            $(#[serde(rename = $code)] $variant,)*
            $(#[serde(rename = $h_code)] $h_variant,)*
        }

        const LANGUAGES_WITH_CATALOGS: usize = [$($code,)* $($h_code,)*].len();

        impl Lang {
            /// The languages a person can choose.
            pub const ALL: &'static [Lang] = &[Lang::En, $(Lang::$variant,)*];
            const EVERY: &'static [Lang] = &[Lang::En, $(Lang::$variant,)* $(Lang::$h_variant,)*];

            /// The BCP 47 code, for `<html lang>` and the stored choice.
            pub fn code(self) -> &'static str {
                match self {
                    Lang::En => "en",
                    $(Lang::$variant => $code,)*
                    $(Lang::$h_variant => $h_code,)*
                }
            }

            /// The language's own name, as the picker shows it (the same in every
            /// language, so someone who can't read the current one still finds theirs).
            pub fn own_name(self) -> &'static str {
                match self {
                    Lang::En => "English",
                    $(Lang::$variant => $name,)*
                    $(Lang::$h_variant => $h_name,)*
                }
            }
        }
    };
}
each_language!(define_languages);

// The compiled catalogs (`build.rs` writes them from `locales/*.po`). In the
// browser each is reached only from its split-off loader
// (`components::language`), so it goes into that module; natively they are
// simply here, for tests.
macro_rules! compiled_catalogs {
    (offered { $($variant:ident, $code:literal, $name:literal, $module:ident;)* } hidden { $($h_variant:ident, $h_code:literal, $h_name:literal, $h_module:ident;)* }) => {
        $(#[allow(non_upper_case_globals)] pub static $module: Catalog = include!(concat!(env!("OUT_DIR"), "/catalog_", stringify!($module), ".rs"));)*
        $(#[allow(non_upper_case_globals)] pub static $h_module: Catalog = include!(concat!(env!("OUT_DIR"), "/catalog_", stringify!($h_module), ".rs"));)*

        /// `lang`'s catalog, for native tests (English has none: it is the code's own text).
        #[cfg(not(target_arch = "wasm32"))]
        pub fn compiled_in(lang: Lang) -> &'static Catalog {
            match lang {
                Lang::En => panic!("English has no catalog"),
                $(Lang::$variant => &$module,)*
                $(Lang::$h_variant => &$h_module,)*
            }
        }
    };
}
each_language!(compiled_catalogs);


/// A compiled catalog (`build.rs` writes them from `locales/*.po`).
pub struct Catalog {
    /// Which plural form a count takes (the catalog's `Plural-Forms`).
    pub plural: fn(u64) -> usize,
    /// Message key (context, U+0004, English) → its forms (one, or one per plural form), sorted by key.
    pub entries: &'static [(&'static str, &'static [&'static str])],
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
    /// The catalog of each language other than English, once fetched.
    static CATALOGS: Cell<[Option<&'static Catalog>; LANGUAGES_WITH_CATALOGS]> = const { Cell::new([None; LANGUAGES_WITH_CATALOGS]) };
}

fn catalog_slot(lang: Lang) -> Option<usize> {
    Lang::EVERY.iter().position(|&l| l == lang)?.checked_sub(1)
}

/// Makes `catalog` the one `lang`'s text is looked up in.
pub fn install_catalog(lang: Lang, catalog: &'static Catalog) {
    if let Some(slot) = catalog_slot(lang) {
        CATALOGS.with(|c| {
            let mut all = c.get();
            all[slot] = Some(catalog);
            c.set(all);
        });
    }
}

/// Whether `lang` needs a catalog that isn't here yet.
pub fn catalog_missing(lang: Lang) -> bool {
    catalog_slot(lang).is_some() && catalog_of(lang).is_none()
}

fn catalog_of(lang: Lang) -> Option<&'static Catalog> {
    let slot = catalog_slot(lang)?;
    #[cfg(not(target_arch = "wasm32"))]
    if CATALOGS.with(|c| c.get()[slot].is_none()) {
        install_catalog(lang, compiled_in(lang));
    }
    CATALOGS.with(|c| c.get()[slot])
}

fn forms_of(key: &str) -> Option<(&'static Catalog, &'static [&'static str])> {
    let catalog = catalog_of(Lang::current())?;
    let at = catalog.entries.binary_search_by_key(&key, |(k, _)| k).ok()?;
    Some((catalog, catalog.entries[at].1))
}

/// `english` in the language in use. Called by [`tr!`] and [`Both::get`].
pub fn in_use(english: &'static str) -> &'static str {
    in_use_keyed(english, english)
}

/// `english` in the language in use, looked up by `key` (its context and the English).
pub fn in_use_keyed(key: &'static str, english: &'static str) -> &'static str {
    forms_of(key).and_then(|(_, forms)| forms.first().copied()).unwrap_or(english)
}

/// The form of a counted text that `n` takes in the language in use. Called by [`trn!`].
pub fn counted_in_use(key: &'static str, one: &'static str, many: &'static str, n: u64) -> &'static str {
    match forms_of(key) {
        Some((catalog, forms)) => forms.get((catalog.plural)(n)).or(forms.last()).copied().unwrap_or(many),
        // English: one for exactly 1, the other form for everything else (0 too).
        None if n == 1 => one,
        None => many,
    }
}

impl Lang {
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
        super::conventions::while_set(&CURRENT, self, f)
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::EVERY.iter().copied().find(|l| l.code() == code.trim())
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
    pub const fn new(en: &'static str) -> Both {
        Both { en }
    }

    /// The text in the language in use.
    pub fn get(self) -> &'static str {
        in_use(self.en)
    }
}

/// `template` with each `{}` replaced by the next of `values`, in order:
/// `fill(tr!("{} left"), &[&days])`. One small function
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

/// `template`, a [`trn!`] text, with its `{}` filled by the count `n`:
/// `counted(trn!("{} day", "{} days", n), n)`.
/// The count is grouped as the reader groups numbers ("1,000").
pub fn counted(template: &str, n: impl std::fmt::Display + Copy + TryInto<u64>) -> String {
    let shown = n.try_into().map_or_else(|_| n.to_string(), super::conventions::number);
    fill(template, &[&shown])
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
        for &lang in Lang::EVERY {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(serde_json::to_string(&lang).unwrap(), format!("\"{}\"", lang.code()));
        }
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn text_follows_the_current_language_and_comes_back() {
        assert_eq!(tr!("Language"), "Language");
        let inside = Lang::Es.while_current(|| tr!("Language"));
        assert_eq!(inside, "Idioma");
        assert_eq!(Lang::current(), Lang::En);
        assert_eq!(Lang::Es.while_current(|| Both::new("Language").get()), "Idioma");

    }

    #[test]
    fn counts_take_the_form_each_language_needs() {
        let days = |n: u64| fill(trn!("{} day", "{} days", n), &[&n.to_string()]);
        assert_eq!([0, 1, 2, 21].map(days), ["0 days", "1 day", "2 days", "21 days"]);
        assert_eq!(Lang::Es.while_current(|| [0, 1, 2, 21].map(days)), ["0 días", "1 día", "2 días", "21 días"]);
    }

    /// Spanish review B4, C8, C2, B12 and B3: the celebration opens with ¡; one word for
    /// the same dismiss button; data is *borrado*, a list item *quitado*; counts agree.
    #[test]
    fn spanish_punctuation_dismissal_and_deletion_words() {
        assert_eq!(fill(tr!("{}!"), &["30 days"]), "30 days!");
        Lang::Es.while_current(|| {
            assert_eq!(fill(tr!("{}!"), &["30 días"]), "¡30 días!");
            assert_eq!(tr!("OK"), tr!("Got it"));
            assert_eq!(tr!("Delete"), "Borrar");
            assert_eq!(tr!(context = "list item", "Delete"), "Quitar");
            // Review B12: Today's check-in card (src/components/checkin_card.rs).
            assert_eq!(format!("{}{}.", tr!("Today's check-in is done"), fill(tr!(" — mood: {}"), &["bien"])), "Ya hiciste el registro de hoy (ánimo: bien).");
            // Review B3: Today's next milestone (src/pages/today.rs).
            let to_go = |n: u64| fill(trn!("Next milestone: {} — {} day to go", "Next milestone: {} — {} days to go", n), &["30 días", &n.to_string()]);
            assert_eq!([1, 2, 21].map(to_go), ["Próximo logro: 30 días, falta 1 día", "Próximo logro: 30 días, faltan 2 días", "Próximo logro: 30 días, faltan 21 días"]);
        });
        for (key, forms) in es.entries {
            for spanish in *forms {
                assert!(!spanish.to_lowercase().contains("elimin"), "{key:?}: {spanish} (use borrar)");
            }
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

    /// The app never calls a person clean or dirty, in any language (NIDA,
    /// "Words Matter"; Spanish review E1). "Clean time" stays as the name of the
    /// count people know from NA; in Spanish it is "tiempo sin consumir" everywhere.
    #[test]
    fn no_text_calls_the_person_clean_or_dirty() {
        for (key, forms) in es.entries {
            let english = key.rsplit('\u{4}').next().unwrap();
            let en = english.to_lowercase();
            let en_rest = ["clean time", "clean-time", "clean days"].iter().fold(en.clone(), |t, ok| t.replace(ok, ""));
            assert!(!en_rest.contains("clean") && !en.contains("dirty"), "{english}");
            for spanish in *forms {
                let text = spanish.to_lowercase();
                assert!(!text.contains("limpi") && !text.contains("sucio") && !text.contains("sucia"), "{spanish}");
            }
        }
    }

    #[test]
    fn every_catalog_is_sorted_for_lookup_and_has_no_empty_text() {
        for catalog in [&es, &pseudo] {
            assert!(catalog.entries.len() > 1000);
            assert!(catalog.entries.windows(2).all(|w| w[0].0 < w[1].0), "sorted, each key once");
            for (key, forms) in catalog.entries {
                assert!(!forms.is_empty() && forms.iter().all(|f| !f.trim().is_empty()), "{key:?}");
            }
        }
    }

    #[test]
    fn the_pseudo_locale_is_longer_and_keeps_placeholders() {
        for (key, forms) in pseudo.entries {
            let english = key.rsplit('\u{4}').next().unwrap();
            assert!(forms[0].chars().count() * 10 >= english.chars().count() * 13, "{english:?} → {:?}", forms[0]);
            assert_eq!(forms[0].matches("{}").count(), english.matches("{}").count());
            assert!(forms[0].starts_with('[') && forms[0].ends_with(']'));
        }
    }
}
