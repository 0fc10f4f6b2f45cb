//! Giving the person a file: the share sheet where the browser can share files
//! (an iPhone opens a calendar file in Calendar), a download otherwise.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Starts a download of `text`. (Whether the file is really saved, the browser doesn't say.)
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    download_part(name, mime, &JsValue::from_str(text))
}

/// Starts a download of `bytes` (an image, say).
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    download_part(name, mime, &js_sys::Uint8Array::from(bytes))
}

// One part of a blob: text or bytes (the "str sequence" constructors take any blob parts).
fn download_part(name: &str, mime: &str, part: &JsValue) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, std::time::Duration::from_secs(30));
    Ok(())
}

/// `text` as a file for the share sheet, where the browser can share files.
pub fn shareable_file(name: &str, mime: &str, text: &str) -> Option<web_sys::File> {
    shareable_part(name, mime, &JsValue::from_str(text))
}

/// `bytes` as a file for the share sheet, where the browser can share files.
pub fn shareable_bytes(name: &str, mime: &str, bytes: &[u8]) -> Option<web_sys::File> {
    shareable_part(name, mime, &js_sys::Uint8Array::from(bytes))
}

fn shareable_part(name: &str, mime: &str, part: &JsValue) -> Option<web_sys::File> {
    use js_sys::{Function, Reflect};
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(part);
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).ok()?;
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let can_share = Reflect::get(&navigator, &"canShare".into()).ok()?.dyn_into::<Function>().ok()?;
    let data = js_sys::Object::new();
    Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).ok()?;
    can_share.call1(&navigator, &data).ok()?.as_bool()?.then_some(file)
}

/// Opens the share sheet with `file`. `Ok(false)`: the person closed it.
pub async fn share_file(file: web_sys::File) -> Result<bool, ()> {
    use js_sys::{Function, Reflect};
    let navigator: JsValue = web_sys::window().ok_or(())?.navigator().into();
    let share = Reflect::get(&navigator, &"share".into()).map_err(|_| ())?.dyn_into::<Function>().map_err(|_| ())?;
    let data = js_sys::Object::new();
    Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).map_err(|_| ())?;
    let promise = share.call1(&navigator, &data).map_err(|_| ())?.dyn_into::<js_sys::Promise>().map_err(|_| ())?;
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Ok(true),
        Err(e) if closed_by_person(&e) => Ok(false),
        Err(_) => Err(()),
    }
}

/// Copies `text`; false if the browser wouldn't.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Opens the share sheet. `None` when the browser has no Web Share API (or it
/// refused), `Some(false)` when the person cancelled.
pub async fn share_text(title: &str, text: &str, url: Option<&str>) -> Option<bool> {
    use js_sys::{Function, Object, Promise, Reflect};
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let share = Reflect::get(&navigator, &"share".into()).ok()?.dyn_into::<Function>().ok()?;
    let data = Object::new();
    let _ = Reflect::set(&data, &"title".into(), &title.into());
    let _ = Reflect::set(&data, &"text".into(), &text.into());
    if let Some(url) = url {
        let _ = Reflect::set(&data, &"url".into(), &url.into());
    }
    let promise = share.call1(&navigator, &data).ok()?.dyn_into::<Promise>().ok()?;
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Some(true),
        // Closed by the person; any other refusal (not allowed here, say) is as if there were none.
        Err(e) => closed_by_person(&e).then_some(false),
    }
}

/// Shares `text` through the share sheet, or copies it where the browser has
/// none, and says what happened: `copied` if it was copied instead, `neither`
/// if it could do neither.
pub async fn share_or_copy(title: &str, text: &str, copied: &str, neither: &str) -> String {
    match share_text(title, text, None).await {
        Some(true) => tr!("Shared.").to_string(),
        Some(false) => tr!("Sharing was cancelled — nothing was sent.").to_string(),
        None if copy_text(text).await => copied.to_string(),
        None => neither.to_string(),
    }
}

/// Whether a share sheet's refusal is the person closing it (not the browser refusing).
fn closed_by_person(error: &JsValue) -> bool {
    js_sys::Reflect::get(error, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() == Some("AbortError")
}
