//! A milestone as an image to share: the words of `counter::milestone_card`
//! drawn on a canvas and made into a PNG, for the share sheet or a download.
//! Drawn through the canvas's own methods by name (as the share sheet is), so
//! the first load carries no canvas bindings.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::components::files::{download_bytes, share_file, shareable_bytes};
use crate::domain::lock::base64_decode;

const SIDE: u32 = 1080;
/// White on this blue is 8.9:1.
const BACKGROUND: &str = "#14416b";
const INK: &str = "#ffffff";
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = Reflect::get(target, &method.into())?.dyn_into()?;
    function.apply(target, &args.iter().collect::<Array>())
}

fn set(target: &JsValue, property: &str, value: impl Into<JsValue>) -> Result<(), JsValue> {
    Reflect::set(target, &property.into(), &value.into()).map(|_| ())
}

/// The lines, biggest first, centred on a square; a line too wide for its size is drawn smaller.
pub fn milestone_png(lines: &[String]) -> Result<Vec<u8>, JsValue> {
    let canvas: JsValue = leptos::prelude::document().create_element("canvas")?.into();
    set(&canvas, "width", SIDE)?;
    set(&canvas, "height", SIDE)?;
    let context = call(&canvas, "getContext", &["2d".into()])?;
    set(&context, "fillStyle", BACKGROUND)?;
    call(&context, "fillRect", &[0.into(), 0.into(), SIDE.into(), SIDE.into()])?;
    set(&context, "fillStyle", INK)?;
    set(&context, "textAlign", "center")?;
    set(&context, "textBaseline", "middle")?;
    let sizes = [150.0, 72.0, 56.0];
    let gaps = [0.0, 170.0, 300.0];
    let top = f64::from(SIDE) / 2.0 - gaps[lines.len().clamp(1, 3) - 1] / 2.0;
    for (n, line) in lines.iter().take(3).enumerate() {
        let mut size: f64 = sizes[n];
        loop {
            set(&context, "font", format!("{} {size}px {FONT}", if n == 0 { "bold" } else { "normal" }))?;
            let width = Reflect::get(&call(&context, "measureText", &[line.as_str().into()])?, &"width".into())?.as_f64().unwrap_or(0.0);
            if width <= f64::from(SIDE) * 0.86 || size < 24.0 {
                break;
            }
            size *= 0.9;
        }
        call(&context, "fillText", &[line.as_str().into(), (f64::from(SIDE) / 2.0).into(), (top + gaps[n]).into()])?;
    }
    let url = call(&canvas, "toDataURL", &["image/png".into()])?.as_string().unwrap_or_default();
    url.split_once("base64,").and_then(|(_, data)| base64_decode(data)).ok_or_else(|| JsValue::from_str("no PNG"))
}

/// Shares the card as `milestone.png` where the share sheet takes files, else (or if it
/// refuses) downloads it.
/// `Ok(false)`: the person closed the share sheet.
pub async fn share_milestone(lines: Vec<String>) -> Result<bool, ()> {
    let png = milestone_png(&lines).map_err(|_| ())?;
    let shared = match shareable_bytes("milestone.png", "image/png", &png) {
        Some(file) => share_file(file).await,
        None => Err(()),
    };
    // No share sheet for images, or it refused: a download instead.
    shared.or_else(|()| download_bytes("milestone.png", "image/png", &png).map(|_| true).map_err(|_| ()))
}
