//! Which screen is showing: the path in the address bar, kept in a signal.
//!
//! Steady's routes are ten fixed paths with no parameters, so this small router
//! replaces leptos_router, whose generic route matching cost about a tenth of
//! the wasm bundle. Same-origin link clicks become in-app navigation with
//! `history.pushState`; back and forward arrive as `popstate`. Each history
//! entry keeps how far its screen was scrolled (as its `history.state`), so
//! going back returns to where the person was.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

#[derive(Clone, Copy)]
pub struct Location {
    raw: RwSignal<String>,
    /// The current path, without a trailing slash; changes only when the path does.
    pub path: Memo<String>,
    /// Where to scroll the screen that back or forward is showing (taken once).
    scroll_back: StoredValue<Option<i32>>,
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

thread_local! {
    /// How far the content area was last scrolled (a new screen starts at the top).
    static MAIN_SCROLLED: std::cell::Cell<i32> = const { std::cell::Cell::new(0) };
}

impl Location {
    /// Follows the address bar for as long as the page lives (through the lock too).
    pub fn start() -> Location {
        let raw = RwSignal::new(address_bar_path());
        let scroll_back = StoredValue::new(None);
        let location = Location { raw, path: Memo::new(move |_| normalise(&raw.get())), scroll_back };
        let back_or_forward = window_event_listener(leptos::ev::popstate, move |_| {
            let saved = window().history().and_then(|h| h.state()).ok().and_then(|s| s.as_f64());
            scroll_back.set_value(saved.map(|y| y as i32));
            raw.set(address_bar_path());
        });
        let clicks = window_event_listener(leptos::ev::click, move |ev| {
            if let Some(href) = in_app_link(&ev) {
                ev.prevent_default();
                location.navigate(&href);
            }
        });
        std::mem::forget((back_or_forward, clicks));
        // Scrolling doesn't bubble, but passes the document on its way down.
        let scrolled = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
            if let Some(main) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).filter(|e| e.id() == "main") {
                MAIN_SCROLLED.with(|top| top.set(main.scroll_top()));
            }
        });
        let _ = document().add_event_listener_with_callback_and_bool("scroll", scrolled.as_ref().unchecked_ref(), true);
        scrolled.forget();
        location
    }

    /// Shows another screen, as a new history entry; a link to the screen that
    /// is showing adds none. A `#fragment` is scrolled into view.
    pub fn navigate(self, href: &str) {
        if let Ok(history) = window().history() {
            let path = href.split(['?', '#']).next().unwrap_or(href);
            if normalise(path) == normalise(&address_bar_path()) {
                let _ = history.state().map(|state| history.replace_state_with_url(&state, "", Some(href)));
            } else {
                // The entry being left remembers its scroll, for coming back to it. As
                // last seen scrolling: reading it now would force a layout in the middle of a save.
                let top = MAIN_SCROLLED.with(|top| top.replace(0));
                let _ = history.replace_state(&f64::from(top).into(), "");
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
            }
        }
        self.scroll_back.set_value(None);
        self.raw.set(address_bar_path());
        if let Some((_, id)) = href.split_once('#') {
            scroll_into_view_once_shown(id.to_string(), self.path.get_untracked(), FRAMES_TO_WAIT_FOR_A_SCREEN);
        }
    }

    /// Where back or forward asks the new screen to be scrolled to, once.
    pub fn take_scroll_back(self) -> Option<i32> {
        self.scroll_back.try_update_value(Option::take).flatten()
    }
}

/// Scrolls `main` back to `top` once the screen has rendered far enough (a split-off
/// screen may still be arriving); stops when there, when the screen has arrived and is
/// shorter, or if the person has moved on.
pub fn restore_scroll(main: web_sys::Element, top: i32, path: String, frames_left: u32) {
    request_animation_frame(move || {
        if normalise(&address_bar_path()) != path {
            return;
        }
        main.set_scroll_top(top);
        let reached = main.scroll_top() >= top - 1;
        let loading = main.query_selector(".screen-loading").ok().flatten().is_some();
        // Half a second in any case: a screen may still be placing what it read.
        let settling = frames_left + 30 > FRAMES_TO_WAIT_FOR_A_SCREEN;
        if !reached && frames_left > 0 && (loading || settling) {
            restore_scroll(main, top, path, frames_left - 1);
        }
    });
}

/// About five seconds: a screen that is split off may still be arriving.
pub const FRAMES_TO_WAIT_FOR_A_SCREEN: u32 = 300;

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
