use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// Formats cents in the device's locale for the given currency (e.g. "$1,234.50").
pub fn format_cents(cents: u64, currency: &str) -> String {
    let amount = cents as f64 / 100.0;
    let options = Object::new();
    let _ = Reflect::set(&options, &"style".into(), &"currency".into());
    let _ = Reflect::set(&options, &"currency".into(), &currency.into());
    let locales = web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|lang| Array::of1(&JsValue::from(lang)))
        .unwrap_or_default();
    let formatter = Intl::NumberFormat::new(&locales, &options);
    formatter
        .format()
        .call1(&formatter, &JsValue::from(amount))
        .ok()
        .and_then(|s| s.as_string())
        // Integer arithmetic: formatting an f64 would add Rust's float printing to the bundle.
        .unwrap_or_else(|| format!("{}.{:02} {currency}", cents / 100, cents % 100))
}
