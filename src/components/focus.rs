//! Keyboard focus for panels that open in place, under the button that opened
//! them or instead of it: the panel's first field takes focus when it opens and
//! the button takes it back when the panel closes, so someone using a keyboard
//! or a screen reader stays where they were instead of being sent to the top.
//!
//! By element id rather than `NodeRef`: a `NodeRef` is compiled once for each
//! element type, which cost about 2 KB of the first download for these few uses.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves focus to the element with this id once the page has been updated (on
/// the next frame), so it works whether the element is already there, is about
/// to be shown again, or belongs to a panel that is opening.
pub fn focus_soon(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}
