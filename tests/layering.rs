//! Dependencies point one way: pages → components → storage → domain. A lower
//! layer never names a higher one, a page never names another page (what two
//! screens share is a component or a domain rule), and nothing below `lib.rs`
//! reaches up into it. Checked on the source text, so a new file is covered too.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every `crate::<module>` path named in the code (comments left out).
fn crate_paths(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let path: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            found.push(path.trim_end_matches(':').to_string());
        }
    }
    found
}

/// What a file in `layer` may name after `crate::`.
fn allowed(layer: &str, own_page: Option<&str>, path: &str) -> bool {
    let top = path.split("::").next().unwrap_or("");
    match layer {
        "domain" => top == "domain",
        "storage" => matches!(top, "domain" | "storage"),
        "components" => matches!(top, "domain" | "storage" | "components" | "split" | "routing"),
        "pages" => {
            matches!(top, "domain" | "storage" | "components" | "split" | "routing")
                || (top == "pages" && path.split("::").nth(1) == own_page)
        }
        _ => true,
    }
}

#[test]
fn dependencies_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for layer in ["domain", "storage", "components", "pages"] {
        for file in rust_files(&src.join(layer)) {
            let own_page = file.file_stem().and_then(|s| s.to_str()).map(str::to_owned);
            let source = fs::read_to_string(&file).unwrap();
            for path in crate_paths(&source) {
                if !allowed(layer, own_page.as_deref(), &path) {
                    wrong.push(format!("{} names crate::{path}", file.strip_prefix(&src).unwrap().display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layering:\n{}", wrong.join("\n"));
}

/// The first segment of every `super::<name>` in the code (comments left out).
fn super_paths(source: &str) -> Vec<String> {
    crate_paths(&source.replace("super::", "crate::"))
        .into_iter()
        .map(|p| p.split("::").next().unwrap_or("").to_string())
        .collect()
}

/// `layer/file` → the files of the same layer it names (`crate::components::x` → `components/x`).
fn same_layer_edges(src: &Path, layer: &str) -> Vec<(String, Vec<String>)> {
    rust_files(&src.join(layer))
        .into_iter()
        .map(|file| {
            let name = file.file_stem().unwrap().to_str().unwrap().to_string();
            let source = fs::read_to_string(&file).unwrap();
            let mut named: Vec<String> = crate_paths(&source)
                .into_iter()
                .filter_map(|p| {
                    let mut parts = p.split("::");
                    (parts.next() == Some(layer)).then(|| parts.next().map(str::to_owned)).flatten()
                })
                // Files of a layer also name each other as `super::x`.
                .chain(super_paths(&source))
                .filter(|n| *n != name)
                .collect();
            named.sort();
            named.dedup();
            (name, named)
        })
        .collect()
}

#[test]
fn no_import_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for layer in ["domain", "storage", "components", "pages"] {
        let edges = same_layer_edges(&src, layer);
        let next = |n: &str| edges.iter().find(|(m, _)| m == n).map(|(_, e)| e.clone()).unwrap_or_default();
        for (start, _) in &edges {
            // Depth-first from `start`: coming back to it is a cycle.
            let mut stack = next(start);
            let mut seen: Vec<String> = Vec::new();
            while let Some(n) = stack.pop() {
                assert!(&n != start, "{layer}/{start}.rs is part of an import cycle");
                if !seen.contains(&n) {
                    stack.extend(next(&n));
                    seen.push(n);
                }
            }
        }
    }
}

#[test]
fn domain_is_plain_rust() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    for file in rust_files(&src) {
        let source = fs::read_to_string(&file).unwrap();
        for banned in ["leptos", "web_sys", "wasm_bindgen", "js_sys"] {
            let code: String = source.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
            assert!(!code.contains(banned), "{} uses {banned}: domain code stays plain Rust", file.display());
        }
    }
}

#[test]
fn the_check_sees_a_wrong_import() {
    assert!(!allowed("components", None, "pages::today::days_text"));
    assert!(!allowed("pages", Some("sos"), "pages::cope::ranked"));
    assert!(allowed("pages", Some("today"), "pages::today::plural"));
    assert!(!allowed("pages", Some("settings"), "AutoLock"));
    assert!(!allowed("domain", None, "storage::Store"));
    assert_eq!(crate_paths("use crate::pages::help::{A, B}; // crate::x"), vec!["pages::help".to_string()]);
}
