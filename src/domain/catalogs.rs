//! The compiled translation catalogs, one per language besides English
//! (`build.rs` writes them from `locales/*.po`). In the browser each is a
//! split-off module of its own, fetched only when its language is in use
//! (`components::language`); natively they are simply here, for tests.

use super::i18n::{each_language, Catalog, Lang};

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

#[cfg(test)]
mod tests {
    use super::*;

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
