//! When the app locks itself: on going to the background, on leaving the page
//! and after the chosen idle time (with a passcode set). The lock screen covers
//! the app rather than replacing it, so nothing typed is lost.

use leptos::prelude::*;

use crate::storage::Store;

/// Whether the lock screen covers the app (the app stays underneath, so
/// nothing typed is lost).
#[derive(Clone, Copy)]
pub struct AutoLock {
    pub locked: RwSignal<bool>,
    /// A lock asked for while the passcode was being changed: done when that ends.
    pending: StoredValue<bool>,
}

impl AutoLock {
    pub fn new() -> AutoLock {
        AutoLock { locked: RwSignal::new(false), pending: StoredValue::new(false) }
    }

    pub fn lock(self, store: Store) {
        if store.lock.with_untracked(Option::is_none) || self.locked.get_untracked() {
            return;
        }
        if store.lock_changing.get_untracked() {
            self.pending.set_value(true);
            return;
        }
        store.lock_now();
        // Hidden here and now, in the event's own handler, so the picture the App Switcher
        // takes can't show the screen; the reactive `hidden` below follows a moment later.
        if let Ok(Some(frame)) = document().query_selector(".app-frame") {
            let _ = frame.set_attribute("hidden", "");
        }
        self.locked.set(true);
    }

    /// Lock at once if the app is already in the background (unlocked while switching away).
    pub fn lock_if_hidden(self, store: Store) {
        if document().hidden() {
            self.lock(store);
        }
    }

    /// Locks when the app goes to the background or is left, and after the chosen idle time.
    pub fn watch(self, store: Store) {
        let last_touch = StoredValue::new(js_sys::Date::now());
        let touched = move || last_touch.set_value(js_sys::Date::now());
        let listeners = [
            window_event_listener(leptos::ev::pointerdown, move |_| touched()),
            window_event_listener(leptos::ev::keydown, move |_| touched()),
            window_event_listener(leptos::ev::input, move |_| touched()),
            window_event_listener(leptos::ev::wheel, move |_| touched()),
            window_event_listener(leptos::ev::visibilitychange, move |_| {
                if document().hidden() {
                    self.lock(store);
                }
            }),
            // Also when the page is left or put away (Safari takes the App Switcher's picture then).
            window_event_listener(leptos::ev::pagehide, move |_| self.lock(store)),
        ];
        let check = move || {
            let idle_ms = store.lock.with_untracked(|l| l.as_ref().map(|l| f64::from(l.idle_minutes) * 60_000.0));
            if idle_ms.is_some_and(|idle| js_sys::Date::now() - last_touch.get_value() >= idle) {
                self.lock(store);
            }
            if self.locked.get_untracked() {
                touched();
            }
        };
        let _ = set_interval_with_handle(check, std::time::Duration::from_secs(5));
        Effect::new(move |_| {
            if !store.lock_changing.get() && self.pending.get_value() {
                self.pending.set_value(false);
                self.lock(store);
            }
        });
        self.lock_if_hidden(store);
        // These live as long as the page.
        std::mem::forget(listeners);
    }
}
