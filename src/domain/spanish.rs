//! The Spanish catalog: every `tr!` and `Both::new` pair in the source,
//! collected by `build.rs`. In the browser it is a split-off module of its own,
//! fetched only when Spanish is in use (`components::language`).

pub static CATALOG: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/spanish.rs"));

#[cfg(test)]
mod tests {
    /// The app never calls a person clean or dirty, in either language (NIDA,
    /// "Words Matter"; Spanish review E1). "Clean time" stays as the name of the
    /// count people know from NA; in Spanish it is "tiempo sin consumir" everywhere.
    #[test]
    fn no_text_calls_the_person_clean_or_dirty() {
        for (english, spanish) in super::CATALOG {
            let en = english.to_lowercase();
            let en_rest = ["clean time", "clean-time", "clean days"].iter().fold(en.clone(), |t, ok| t.replace(ok, ""));
            assert!(!en_rest.contains("clean") && !en.contains("dirty"), "{english}");
            let es = spanish.to_lowercase();
            assert!(!es.contains("limpi") && !es.contains("sucio") && !es.contains("sucia"), "{spanish}");
        }
    }
}
