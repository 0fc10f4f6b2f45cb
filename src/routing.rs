//! Which screen is showing: the path in the address bar, kept in a signal.
//!
//! Steady's routes are ten fixed paths with no parameters, so this small router
//! replaces leptos_router, whose generic route matching cost about a tenth of
//! the wasm bundle. Same-origin link clicks become in-app navigation with
//! `history.pushState`; back and forward arrive as `popstate`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

#[derive(Clone, Copy)]
pub struct Location {
    raw: RwSignal<String>,
    /// The current path, without a trailing slash; changes only when the path does.
    pub path: Memo<String>,
}

fn address_bar_path() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

/// "/log/" and "/log" are the same screen.
fn normalise(path: &str) -> String {
    match path.trim_end_matches('/') {
        "" => "/".into(),
        trimmed => trimmed.into(),
    }
}

impl Location {
    /// Follows the address bar for as long as the page lives.
    pub fn start() -> Location {
        let raw = RwSignal::new(address_bar_path());
        let location = Location { raw, path: Memo::new(move |_| normalise(&raw.get())) };
        let back_or_forward = window_event_listener(leptos::ev::popstate, move |_| raw.set(address_bar_path()));
        let clicks = window_event_listener(leptos::ev::click, move |ev| {
            if let Some(href) = in_app_link(&ev) {
                ev.prevent_default();
                location.navigate(&href);
            }
        });
        std::mem::forget((back_or_forward, clicks));
        location
    }

    /// Shows another screen, as a new history entry. A `#fragment` is scrolled into view.
    pub fn navigate(self, href: &str) {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        }
        self.raw.set(address_bar_path());
        if let Some((_, id)) = href.split_once('#') {
            scroll_into_view_once_shown(id.to_string(), self.path.get_untracked(), FRAMES_TO_WAIT_FOR_A_SCREEN);
        }
    }
}

/// About five seconds: a screen that is split off may still be arriving.
const FRAMES_TO_WAIT_FOR_A_SCREEN: u32 = 300;

/// Scrolls to the element with this id once the new screen has rendered (and
/// been scrolled to its top); gives up if the person has moved on meanwhile.
fn scroll_into_view_once_shown(id: String, path: String, frames_left: u32) {
    request_animation_frame(move || {
        if normalise(&address_bar_path()) != path {
            return;
        }
        match document().get_element_by_id(&id) {
            Some(target) => target.scroll_into_view(),
            None if frames_left > 0 => scroll_into_view_once_shown(id, path, frames_left - 1),
            None => {}
        }
    });
}

/// The path to show in the app if this click is on an ordinary same-origin
/// link; `None` for everything the browser should handle itself (tel: and sms:
/// links, downloads, new tabs, modified clicks, anchors on the same screen).
fn in_app_link(ev: &MouseEvent) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key() {
        return None;
    }
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let link: HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    if link.has_attribute("download") || !matches!(link.target().as_str(), "" | "_self") {
        return None;
    }
    if link.origin() != window().location().origin().ok()? {
        return None;
    }
    let (path, hash) = (link.pathname(), link.hash());
    if !hash.is_empty() && normalise(&path) == normalise(&address_bar_path()) {
        return None;
    }
    Some(format!("{path}{}{hash}", link.search()))
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn trailing_slashes_name_the_same_screen() {
        assert_eq!(normalise("/"), "/");
        assert_eq!(normalise(""), "/");
        assert_eq!(normalise("/log/"), "/log");
        assert_eq!(normalise("/help/overdose"), "/help/overdose");
        assert_eq!(normalise("//"), "/");
    }
}
