//! Collects the Spanish catalog from the source. Text is written where it is
//! used, in both languages: `tr!("Today", "Hoy")` (and `Both::new("…", "…")` in
//! tables). The English stays there; every pair goes into `$OUT_DIR/spanish.rs`,
//! which `src/domain/spanish.rs` compiles into a module of its own, fetched only when
//! Spanish is in use. So a missing translation can't be written, a catalog
//! can't hold unused entries, and English readers download no Spanish.
//!
//! The same English with two different Spanish texts stops the build: the
//! catalog is looked up by the English, so one of them must be reworded.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    // English literal (as written) → (Spanish literal as written, where).
    let mut catalog: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut clashes = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("source file");
        for (en, es, line) in pairs(&text) {
            let place = format!("{}:{line}", file.display());
            match catalog.get(&en) {
                Some((known, _)) if *known == es => {}
                Some((known, at)) => clashes.push(format!("{en} is {known} at {at} but {es} at {place}")),
                None => {
                    catalog.insert(en, (es, place));
                }
            }
        }
    }
    if !clashes.is_empty() {
        panic!("the same English has two Spanish texts (reword one of the English):\n{}", clashes.join("\n"));
    }
    let mut out = String::from("&[\n");
    for (en, (es, _)) in &catalog {
        out.push_str(&format!("    ({en}, {es}),\n"));
    }
    out.push_str("]\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("spanish.rs");
    fs::write(dest, out).expect("write the catalog");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// Every `tr!(english, spanish)` and `Both::new(english, spanish)` whose two
/// arguments are string literals, with the line it starts on. In
/// `tr!(context = "…", english, spanish)` the key is the context and the English.
fn pairs(text: &str) -> Vec<(String, String, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("tr!(context = ") {
        let start = from + at + "tr!(context = ".len();
        from = start;
        let Some((context, after)) = literal(&text[start..]) else { continue };
        let Some(after) = after.trim_start().strip_prefix(',') else { continue };
        let Some((en, after)) = literal(after.trim_start()) else { continue };
        let Some(after) = after.trim_start().strip_prefix(',') else { continue };
        let Some((es, _)) = literal(after.trim_start()) else { continue };
        let line = text[..start].matches('\n').count() + 1;
        found.push((format!("concat!({context}, \"\\u{{1f}}\", {en})"), es.to_string(), line));
    }
    for marker in ["tr!(", "Both::new("] {
        let mut from = 0;
        while let Some(at) = text[from..].find(marker) {
            let start = from + at + marker.len();
            from = start;
            let rest = &text[start..];
            let Some((en, after)) = literal(rest.trim_start()) else { continue };
            let after = after.trim_start();
            let Some(after) = after.strip_prefix(',') else { continue };
            let Some((es, after)) = literal(after.trim_start()) else { continue };
            let after = after.trim_start();
            if !(after.starts_with(')') || after.starts_with(',')) {
                continue;
            }
            let line = text[..start].matches('\n').count() + 1;
            found.push((en.to_string(), es.to_string(), line));
        }
    }
    found
}

/// A string literal at the start of `text` ("…" with escapes, or r"…"/r#"…"#),
/// as written, and what follows it.
fn literal(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b'"') {
        let mut i = 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => return Some((&text[..=i], &text[i + 1..])),
                _ => i += 1,
            }
        }
        return None;
    }
    if bytes.first() == Some(&b'r') {
        let hashes = bytes[1..].iter().take_while(|&&b| b == b'#').count();
        if bytes.get(1 + hashes) != Some(&b'"') {
            return None;
        }
        let close = format!("\"{}", "#".repeat(hashes));
        let body = 2 + hashes;
        let end = text[body..].find(&close)? + body + close.len();
        return Some((&text[..end], &text[end..]));
    }
    None
}
