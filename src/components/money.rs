use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// Formats cents for the given currency as the reader reads it: the language
/// in use with the phone's region (e.g. "$1,234.50"; "1234,50 €" in Spain).
pub fn format_cents(cents: u64, currency: &str) -> String {
    let amount = cents as f64 / 100.0;
    let options = Object::new();
    let _ = Reflect::set(&options, &"style".into(), &"currency".into());
    let _ = Reflect::set(&options, &"currency".into(), &currency.into());
    let locales = Array::of1(&JsValue::from(super::language::reader_locale()));
    let formatter = Intl::NumberFormat::new(&locales, &options);
    formatter
        .format()
        .call1(&formatter, &JsValue::from(amount))
        .ok()
        .and_then(|s| s.as_string())
        // Integer arithmetic: formatting an f64 would add Rust's float printing to the bundle.
        .unwrap_or_else(|| format!("{}.{:02} {currency}", cents / 100, cents % 100))
}
