//! The only code that reads or writes localStorage.
//!
//! Every document is loaded into memory once at start-up and saved through
//! [`Store::save`], the one writer, so encryption at rest can later be added
//! here without touching the pages. Data that can't be read is never written
//! over: its key stays blocked until the person sets it aside themselves.
//!
//! This talks to `web_sys::Storage` directly rather than through gloo-storage:
//! we must keep unreadable text byte for byte, and gloo throws when a browser
//! blocks storage, which would take the helplines down with it.

pub mod envelope;

use leptos::prelude::*;
use web_sys::Storage;

use crate::domain::counter::Counters;
use crate::domain::settings::Settings;
pub use envelope::{Document, Loaded, Problem, ProblemKind};

impl Document for Settings {
    const KEY: &'static str = "steady.settings";
    const LABEL: &'static str = "your settings";
    const VERSION: u64 = 1;
}

impl Document for Counters {
    const KEY: &'static str = "steady.counters";
    const LABEL: &'static str = "your clean-time counters";
    const VERSION: u64 = 1;
}

/// Where a set-aside copy of unreadable data goes: never read by the app, never deleted by it.
const SET_ASIDE_PREFIX: &str = "steady.set-aside.";

const STORAGE_OFF: &str = "Not saved — this browser isn't letting Steady store anything on this \
     device (private browsing or storage turned off). Your change is kept on screen until you close the app.";

/// Everything the app has stored, in memory, plus what went wrong reading or writing it.
#[derive(Clone, Copy)]
pub struct Store {
    pub settings: RwSignal<Settings>,
    pub counters: RwSignal<Counters>,
    /// Documents that could not be read. Their keys are never written.
    pub problems: RwSignal<Vec<Problem>>,
    /// The last failed save, shown until a later save succeeds.
    pub save_error: RwSignal<Option<String>>,
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read_raw(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

impl Store {
    /// Reads every document from storage. Called once when the app starts.
    pub fn load() -> Store {
        let mut problems = Vec::new();
        let settings = RwSignal::new(load_into::<Settings>(&mut problems));
        let counters = RwSignal::new(load_into::<Counters>(&mut problems));
        Store {
            settings,
            counters,
            problems: RwSignal::new(problems),
            save_error: RwSignal::new(None),
        }
    }

    /// The one writer. The new value is shown at once whatever happens; if it
    /// can't be stored, the person is told and the value stays on screen.
    pub fn save<D: Document>(&self, slot: RwSignal<D>, value: D) {
        slot.set(value);
        let outcome = self.write_current(slot);
        self.save_error.set(outcome.err());
    }

    /// Changes a document through the one writer. If `change` refuses (bad
    /// input), nothing is changed or written and its error is returned.
    pub fn modify<D: Document, R, E>(
        &self,
        slot: RwSignal<D>,
        change: impl FnOnce(&mut D) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut value = slot.get_untracked();
        let result = change(&mut value)?;
        self.save(slot, value);
        Ok(result)
    }

    fn write_current<D: Document>(&self, slot: RwSignal<D>) -> Result<(), String> {
        if self.is_blocked(D::KEY) {
            return Err(format!(
                "Not saved — {} couldn't be read, so Steady won't write over it. \
                 See the message at the top of the screen.",
                D::LABEL
            ));
        }
        let text = slot.with_untracked(envelope::encode)?;
        let storage = local_storage().ok_or_else(|| STORAGE_OFF.to_string())?;
        storage.set_item(D::KEY, &text).map_err(|_| {
            "Not saved — this device's storage for Steady is full or refused the change. \
             Your change is still on screen; free some space and try again."
                .to_string()
        })
    }

    fn is_blocked(&self, key: &str) -> bool {
        self.problems.with_untracked(|ps| ps.iter().any(|p| p.key == key))
    }

    /// Keeps this tab in step with changes saved in another open tab.
    pub fn follow_other_tabs(self) {
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            match event.key().as_deref() {
                Some(Settings::KEY) => self.reload(self.settings, event.new_value()),
                Some(Counters::KEY) => self.reload(self.counters, event.new_value()),
                Some(_) => {}
                // `localStorage.clear()` in another tab.
                None => {
                    self.reload(self.settings, None);
                    self.reload(self.counters, None);
                }
            }
        });
        // The app lives as long as the page, so the listener does too.
        std::mem::forget(listener);
    }

    fn reload<D: Document>(&self, slot: RwSignal<D>, raw: Option<String>) {
        let loaded = envelope::decode::<D>(raw.as_deref());
        self.problems.update(|ps| ps.retain(|p| p.key != D::KEY));
        match loaded {
            Loaded::Missing => slot.set(D::default()),
            Loaded::Ready(value) => slot.set(value),
            Loaded::Unreadable(problem) => self.problems.update(|ps| ps.push(problem)),
        }
    }

    /// At the person's request: moves unreadable text, verbatim, to a key of its
    /// own, then stores what is on screen in its place. If the copy can't be
    /// made, nothing is removed.
    pub fn set_aside(&self, key: &'static str) -> Result<(), String> {
        let storage = local_storage().ok_or_else(|| STORAGE_OFF.to_string())?;
        let raw = storage.get_item(key).ok().flatten();
        if let Some(raw) = raw {
            let copy_key = format!("{SET_ASIDE_PREFIX}{key}.{}", js_sys::Date::now() as u64);
            storage.set_item(&copy_key, &raw).map_err(|_| {
                "Couldn't set the old data aside — storage is full. Nothing was changed.".to_string()
            })?;
            if read_raw(&copy_key).as_deref() != Some(raw.as_str()) {
                return Err("Couldn't set the old data aside safely. Nothing was changed.".into());
            }
            let _ = storage.remove_item(key);
        }
        self.problems.update(|ps| ps.retain(|p| p.key != key));
        let outcome = match key {
            Settings::KEY => self.write_current(self.settings),
            Counters::KEY => self.write_current(self.counters),
            _ => Ok(()),
        };
        self.save_error.set(outcome.clone().err());
        outcome
    }
}

fn load_into<D: Document>(problems: &mut Vec<Problem>) -> D {
    match envelope::decode::<D>(read_raw(D::KEY).as_deref()) {
        Loaded::Missing => D::default(),
        Loaded::Ready(value) => value,
        Loaded::Unreadable(problem) => {
            problems.push(problem);
            D::default()
        }
    }
}
