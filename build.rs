//! Compiles the translation catalogs. Text is written in English where it is
//! used — `tr!("Today")`, `trn!("{} craving", "{} cravings", n)`,
//! `tr!(context = "data", "Delete")`, and `Both::new("…")` in tables — and the
//! English is each message's id in the gettext catalogs `locales/<code>.po`
//! (read with the `polib` crate, so Poedit, Weblate and `msgfmt` read the same
//! files). Each catalog becomes `$OUT_DIR/catalog_<code>.rs`, which
//! `src/domain/catalogs.rs` compiles into a split-off module fetched only when
//! that language is in use, so English readers download none of them.
//!
//! The build stops when a catalog misses a message the code uses (or leaves it
//! fuzzy or empty), holds one the code no longer uses, changes a message's
//! `{}` placeholders, or has plural forms where the code has none (or the reverse).
//!
//! It also writes the pseudo-locale (`catalog_pseudo.rs`): every message
//! accented and about 40 % longer, so a walk through the app shows any text
//! that isn't in the catalogs and anything that can't take longer words.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};


/// Separates a message's context from its id, as gettext's compiled catalogs do.
const CONTEXT_SEPARATOR: char = '\u{4}';

/// A message the code uses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Used {
    context: Option<String>,
    id: String,
    plural: Option<String>,
}

impl Used {
    fn key(&self) -> String {
        match &self.context {
            Some(context) => format!("{context}{CONTEXT_SEPARATOR}{}", self.id),
            None => self.id.clone(),
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=locales");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    // Key → (message, first place used).
    let mut used: BTreeMap<String, (Used, String)> = BTreeMap::new();
    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("source file");
        for (message, line) in messages(&text) {
            let place = format!("{}:{line}", file.display());
            match used.get(&message.key()) {
                Some((known, at)) if known.plural != message.plural => {
                    problems.push(format!("{:?} has other plural forms at {place} than at {at}", message.id))
                }
                Some(_) => {}
                None => {
                    used.insert(message.key(), (message, place));
                }
            }
        }
    }
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));

    let mut languages = Vec::new();
    for entry in fs::read_dir("locales").expect("the locales folder").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "po") {
            languages.push(path);
        }
    }
    languages.sort();
    for path in &languages {
        let code = path.file_stem().and_then(|s| s.to_str()).expect("a catalog named <code>.po");
        let catalog = polib::po_file::parse(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let plural = plural_rule(&catalog.metadata.plural_rules.expr)
            .unwrap_or_else(|| panic!("{}: add the Rust for Plural-Forms {:?} to plural_rule() in build.rs", path.display(), catalog.metadata.plural_rules.expr));
        let nplurals = catalog.metadata.plural_rules.nplurals;
        let mut translated: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut listed = BTreeSet::new();
        for message in catalog.messages() {
            let context = message.msgctxt().filter(|c| !c.is_empty());
            let key = match context {
                Some(c) => format!("{c}{CONTEXT_SEPARATOR}{}", message.msgid()),
                None => message.msgid().to_string(),
            };
            let where_ = format!("{}: {:?}", path.display(), message.msgid());
            listed.insert(key.clone());
            let Some((wanted, _)) = used.get(&key) else {
                problems.push(format!("{where_} isn't used in the code any more (remove it)"));
                continue;
            };
            if message.is_fuzzy() || !message.is_translated() {
                problems.push(format!("{where_} is fuzzy or not translated"));
                continue;
            }
            let forms: Vec<String> = if message.is_plural() {
                message.msgstr_plural().expect("plural").clone()
            } else {
                vec![message.msgstr().expect("singular").to_string()]
            };
            match (&wanted.plural, message.is_plural()) {
                (Some(p), true) if message.msgid_plural().ok() != Some(p.as_str()) => {
                    problems.push(format!("{where_} has msgid_plural {:?}, the code {p:?}", message.msgid_plural().unwrap()))
                }
                (Some(_), true) if forms.len() != nplurals => problems.push(format!("{where_} needs {nplurals} plural forms")),
                (Some(_), false) => problems.push(format!("{where_} needs plural forms (the code counts)")),
                (None, true) => problems.push(format!("{where_} has plural forms but the code doesn't count")),
                _ => {}
            }
            let placeholders = wanted.id.matches("{}").count();
            for form in &forms {
                if form.matches("{}").count() != placeholders {
                    problems.push(format!("{where_}: {form:?} must keep the {placeholders} {{}} of the English"));
                }
            }
            translated.insert(key, forms);
        }
        for (key, (_, place)) in &used {
            if !listed.contains(key) {
                problems.push(format!("{}: no translation for {key:?} (used at {place})", path.display()));
            }
        }
        write_catalog(&out_dir.join(format!("catalog_{code}.rs")), plural, &translated);
    }
    if !problems.is_empty() {
        panic!("the catalogs don't match the code:\n{}", problems.join("\n"));
    }

    let pseudo: BTreeMap<String, Vec<String>> = used
        .iter()
        .map(|(key, (m, _))| {
            let mut forms = vec![pseudo_text(&m.id)];
            if let Some(p) = &m.plural {
                forms.push(pseudo_text(p));
            }
            (key.clone(), forms)
        })
        .collect();
    write_catalog(&out_dir.join("catalog_pseudo.rs"), "usize::from(n != 1)", &pseudo);
}

/// The Rust for a catalog's `Plural-Forms` expression (of `n: u64`, giving the
/// form's index). A language whose rule isn't here yet stops the build, saying so.
fn plural_rule(expr: &str) -> Option<&'static str> {
    let compact: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.trim_start_matches('(').trim_end_matches(')');
    match compact {
        // English, Spanish, German, Italian, Dutch, Portuguese (Portugal) and most others.
        "n!=1" => Some("usize::from(n != 1)"),
        // French, Brazilian Portuguese.
        "n>1" => Some("usize::from(n > 1)"),
        // Chinese, Japanese, Korean, Vietnamese.
        "0" => Some("0"),
        _ => None,
    }
}

fn write_catalog(dest: &Path, plural: &str, entries: &BTreeMap<String, Vec<String>>) {
    // Sorted by key (BTreeMap), so the app can binary-search it as it is.
    let mut out = format!("crate::domain::i18n::Catalog {{\n    plural: |n: u64| {plural},\n    entries: &[\n");
    for (key, forms) in entries {
        out.push_str(&format!("        ({key:?}, &{forms:?}),\n"));
    }
    out.push_str("    ],\n}\n");
    fs::write(dest, out).expect("write a catalog");
}

/// English made longer and accented, with its `{}` and any `\n` kept:
/// "Save {}" → "[Šåṽé {} ~~~]".
fn pseudo_text(english: &str) -> String {
    let mut out = String::from("[");
    for c in english.chars() {
        out.push(match c {
            'a' => 'å', 'e' => 'é', 'i' => 'ï', 'o' => 'ö', 'u' => 'ü', 'y' => 'ý', 'n' => 'ñ', 'c' => 'ç', 's' => 'š', 'z' => 'ž',
            'A' => 'Å', 'E' => 'É', 'I' => 'Ï', 'O' => 'Ö', 'U' => 'Ü', 'Y' => 'Ý', 'N' => 'Ñ', 'C' => 'Ç', 'S' => 'Š', 'Z' => 'Ž',
            other => other,
        });
    }
    // Padding in short runs, like the extra words a translation adds: one
    // unbroken run as long as 40 % of a sentence could never wrap.
    let padding = (english.chars().count() * 2).div_ceil(5).max(1);
    for run in 0..padding.div_ceil(4) {
        out.push(' ');
        out.push_str(&"~".repeat((padding - run * 4).min(4)));
    }
    out.push(']');
    out
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

/// Every `tr!`, `trn!` and `Both::new` whose text arguments are string
/// literals, with the line it starts on.
fn messages(text: &str) -> Vec<(Used, usize)> {
    let mut found = Vec::new();
    for (marker, counts) in [("tr!(", false), ("trn!(", true), ("Both::new(", false)] {
        let mut from = 0;
        while let Some(at) = text[from..].find(marker) {
            let begin = from + at;
            let start = begin + marker.len();
            from = start;
            // Not the end of a longer name (`str!(`), nor in a comment.
            let line_start = text[..begin].rfind('\n').map_or(0, |i| i + 1);
            if text[..begin].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') || text[line_start..begin].contains("//") {
                continue;
            }
            let mut rest = text[start..].trim_start();
            let mut context = None;
            if marker != "Both::new(" {
                if let Some(after) = rest.strip_prefix("context = ") {
                    let Some((c, after)) = literal(after) else { continue };
                    let Some(after) = after.trim_start().strip_prefix(',') else { continue };
                    context = Some(c);
                    rest = after.trim_start();
                }
            }
            let Some((id, after)) = literal(rest) else { continue };
            let after = after.trim_start();
            let plural = if counts {
                let Some(after) = after.strip_prefix(',') else { continue };
                let Some((p, _)) = literal(after.trim_start()) else { continue };
                Some(p)
            } else {
                if !(after.starts_with(')') || after.starts_with(',')) {
                    continue;
                }
                None
            };
            let line = text[..start].matches('\n').count() + 1;
            found.push((Used { context, id, plural }, line));
        }
    }
    found
}

/// The value of the string literal at the start of `text` ("…" with escapes,
/// or r"…"/r#"…"#), and what follows it.
fn literal(text: &str) -> Option<(String, &str)> {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b'"') {
        let mut value = String::new();
        let mut chars = text[1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Some((value, &text[i + 2..])),
                '\\' => match chars.next()?.1 {
                    'n' => value.push('\n'),
                    't' => value.push('\t'),
                    'r' => value.push('\r'),
                    '0' => value.push('\0'),
                    '\\' => value.push('\\'),
                    '"' => value.push('"'),
                    '\'' => value.push('\''),
                    'u' => {
                        let mut hex = String::new();
                        for (_, h) in chars.by_ref() {
                            match h {
                                '{' => {}
                                '}' => break,
                                h => hex.push(h),
                            }
                        }
                        value.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    '\n' => {
                        // A line continuation: the newline and the next line's indent are dropped.
                        while chars.clone().next().is_some_and(|(_, c)| c.is_whitespace()) {
                            chars.next();
                        }
                    }
                    _ => return None,
                },
                c => value.push(c),
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
        let end = text[body..].find(&close)? + body;
        return Some((text[body..end].to_string(), &text[end + close.len()..]));
    }
    None
}
