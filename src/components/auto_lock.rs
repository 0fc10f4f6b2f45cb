//! When the app locks itself: on going to the background, on leaving the page
//! and after the chosen idle time (with a passcode set). Locking removes the
//! app from the page and the store it read (`App` draws the lock screen in its
//! place); forms with something typed keep it as an encrypted draft.

use leptos::prelude::*;

use crate::components::typed_text::TypedText;
use crate::storage::{self, Store};

/// Whether the lock screen is shown in the app's place. Made by `App`, so it
/// outlives the app drawn under it.
#[derive(Clone, Copy)]
pub struct AutoLock {
    pub locked: RwSignal<bool>,
    /// A lock asked for while the passcode was being changed: done when that ends.
    pending: StoredValue<bool>,
    /// Locking is under way (the screen's typed text is being stored).
    closing: StoredValue<bool>,
}

/// The draft that holds what was typed on the screen when Steady locked.
const LOCKED_SCREEN: &str = "locked-screen";

/// How long the screen drawn after unlocking may take to appear.
const FRAMES_TO_WAIT: u32 = 120;

// Split off: only needed with a passcode. Without a note, takes one of the screen; with
// one, puts it back (one function, so the first download holds one loader for both).
#[allow(improper_ctypes_definitions)]
#[leptos::wasm_split::wasm_split(lock_note, wasm_split_path = ::leptos::wasm_split, fallible)]
fn typed_text(note: Option<String>) -> Result<Option<String>, leptos::wasm_split::SplitLoaderError> {
    Ok(match note {
        None => Some(TypedText::take_note()).filter(|typed| !typed.is_empty()).and_then(|typed| serde_json::to_string(&typed).ok()),
        Some(note) => {
            if let Ok(typed) = serde_json::from_str::<TypedText>(&note) {
                typed.put_back(FRAMES_TO_WAIT);
            }
            None
        }
    })
}

impl AutoLock {
    pub fn new() -> AutoLock {
        AutoLock { locked: RwSignal::new(false), pending: StoredValue::new(false), closing: StoredValue::new(false) }
    }

    pub fn lock(self, store: Store) {
        if store.lock.with_untracked(Option::is_none) || self.locked.get_untracked() {
            return;
        }
        if store.lock_changing.get_untracked() {
            self.pending.set_value(true);
            return;
        }
        // Hidden here and now, in the event's own handler, so the picture the App Switcher
        // takes can't show the screen; the app is removed a moment later.
        if let Ok(Some(frame)) = document().query_selector(".app-frame") {
            let _ = frame.set_attribute("hidden", "");
        }
        if self.closing.get_value() {
            return;
        }
        self.closing.set_value(true);
        let fields = document().query_selector("#main input, #main textarea, #main select").ok().flatten().is_some();
        leptos::task::spawn_local(async move {
            // What was typed and not saved yet goes into an encrypted draft (the key is
            // forgotten only once it is stored), and is put back after the unlock.
            if fields {
                if let Ok(Some(note)) = typed_text(None).await {
                    let _ = storage::keep_draft(LOCKED_SCREEN, Some(&note));
                }
            }
            store.lock_now();
            self.closing.set_value(false);
            self.locked.set(true);
        });
    }

    /// The passcode was entered: the app is drawn again, with what was typed before the lock.
    pub fn unlocked(self) {
        self.locked.set(false);
        if let Some(note) = storage::draft(LOCKED_SCREEN) {
            let _ = storage::keep_draft(LOCKED_SCREEN, None);
            leptos::task::spawn_local(async move {
                let _ = typed_text(Some(note)).await;
            });
        }
    }

    /// Lock at once if the app is already in the background (unlocked while switching away).
    pub fn lock_if_hidden(self, store: Store) {
        if document().hidden() {
            self.lock(store);
        }
    }

    /// Locks when the app goes to the background or is left, and after the chosen idle
    /// time — for as long as the app (drawn for this unlock) is in the page.
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
        let interval = set_interval_with_handle(check, std::time::Duration::from_secs(5)).ok();
        Effect::new(move |_| {
            if !store.lock_changing.get() && self.pending.get_value() {
                self.pending.set_value(false);
                self.lock(store);
            }
        });
        if store.lock.with_untracked(Option::is_some) {
            // Fetched now, so locking never waits for it (an empty note puts nothing back).
            leptos::task::spawn_local(async {
                let _ = typed_text(Some(String::new())).await;
            });
        }
        self.lock_if_hidden(store);
        on_cleanup(move || {
            for listener in listeners {
                listener.remove();
            }
            if let Some(interval) = interval {
                interval.clear();
            }
        });
    }
}
