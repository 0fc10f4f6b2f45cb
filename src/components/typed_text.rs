//! What the person has typed on the screen, noted so the same fields can be
//! filled again once the screen is drawn anew: in another language (kept in
//! memory for a moment), or after the lock (kept as an encrypted draft meanwhile).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the person has typed into the screen's fields (and which one they
/// were in), so the same fields can be filled again once the screen is drawn
/// anew (in the other language, or after the lock).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct TypedText {
    fields: Vec<(String, Field)>,
    focused: Option<String>,
    /// The screen they were typed on: once another is shown, nothing is put back.
    path: String,
    /// The content area being replaced: the fields are filled once it has gone.
    #[serde(skip)]
    before: Option<web_sys::Element>,
}

#[derive(serde::Serialize, serde::Deserialize)]
enum Field {
    Text(String),
    Ticked(bool),
}

fn current_path() -> String {
    web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default()
}

impl TypedText {
    /// Whether the screen has no fields at all.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn take_note() -> TypedText {
        let focused = document().active_element().map(|e| e.id()).filter(|id| !id.is_empty());
        let mut fields = Vec::new();
        if let Ok(found) = document().query_selector_all("#main input[id], #main textarea[id], #main select[id]") {
            for i in 0..found.length() {
                let Some(node) = found.item(i) else { continue };
                // The picker itself says which language was chosen: putting its old value
                // back (late, on a Settings screen opened again) would choose that one again.
                if node.dyn_ref::<web_sys::Element>().is_some_and(|e| e.id() == "language") {
                    continue;
                }
                if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                    match input.type_().as_str() {
                        "file" | "button" | "submit" => {}
                        "checkbox" | "radio" => fields.push((input.id(), Field::Ticked(input.checked()))),
                        _ => fields.push((input.id(), Field::Text(input.value()))),
                    }
                } else if let Some(area) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                    fields.push((area.id(), Field::Text(area.value())));
                } else if let Some(select) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
                    fields.push((select.id(), Field::Text(select.value())));
                }
            }
        }
        TypedText { fields, focused, path: current_path(), before: document().get_element_by_id("main") }
    }

    /// Fills the fields again, as if typed (so the screen's own state follows),
    /// once the redrawn screen is there.
    pub fn put_back(self, frames_left: u32) {
        if current_path() != self.path {
            return;
        }
        let replaced = match (&self.before, document().get_element_by_id("main")) {
            (Some(before), Some(now)) => !before.is_same_node(Some(&now)),
            _ => true,
        };
        let drawn = replaced && self.fields.iter().all(|(id, _)| document().get_element_by_id(id).is_some());
        if !drawn && frames_left > 0 {
            request_animation_frame(move || self.put_back(frames_left - 1));
            return;
        }
        for (id, field) in &self.fields {
            let Some(element) = document().get_element_by_id(id) else { continue };
            let changed = match (field, element.dyn_ref::<web_sys::HtmlInputElement>()) {
                (Field::Ticked(on), Some(input)) => (input.checked() != *on).then(|| input.set_checked(*on)),
                (Field::Text(text), Some(input)) => (input.value() != *text).then(|| input.set_value(text)),
                (Field::Text(text), None) => {
                    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                        (area.value() != *text).then(|| area.set_value(text))
                    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
                        (select.value() != *text).then(|| select.set_value(text))
                    } else {
                        None
                    }
                }
                (Field::Ticked(_), None) => None,
            };
            if changed.is_some() {
                for kind in ["input", "change"] {
                    let init = web_sys::EventInit::new();
                    init.set_bubbles(true);
                    if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                        let _ = element.dispatch_event(&event);
                    }
                }
            }
        }
        if let Some(element) = self.focused.and_then(|id| document().get_element_by_id(&id)) {
            let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    }
}
