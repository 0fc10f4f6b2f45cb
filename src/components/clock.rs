//! The current local time, to the minute, as a signal: screens that show
//! durations update when the minute turns without re-rendering anything else.

use std::time::Duration;

use chrono::{DateTime, Local, NaiveDateTime, Timelike};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Clock {
    now: RwSignal<DateTime<Local>>,
}

fn this_minute() -> DateTime<Local> {
    let now = Local::now();
    now.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(now)
}

impl Clock {
    pub fn start() -> Clock {
        let now = RwSignal::new(this_minute());
        // Polled every few seconds so a new minute (or day, at midnight) shows
        // promptly; only a changed minute notifies anything.
        let tick = move || {
            let t = this_minute();
            if t != now.get_untracked() {
                now.set(t);
            }
        };
        if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(5)) {
            on_cleanup(move || handle.clear());
        }
        Clock { now }
    }

    /// The local wall-clock time (tracked).
    pub fn local(&self) -> NaiveDateTime {
        self.now.get().naive_local()
    }

    /// The instant, with the device's time zone (tracked).
    pub fn instant(&self) -> DateTime<Local> {
        self.now.get()
    }

    pub fn local_untracked(&self) -> NaiveDateTime {
        self.now.get_untracked().naive_local()
    }

    /// Re-reads the time now (e.g. right before saving what "now" means).
    pub fn refresh(&self) {
        self.now.set(this_minute());
    }
}
