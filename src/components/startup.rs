//! The first screen is built in slices, one browser task each, while index.html's
//! static shell stays on screen (style/main.css hides what the app has drawn for as
//! long as the shell is there); when the last slice has run, the shell is removed
//! and the app is seen whole, so nothing appears piece by piece.
//!
//! Why: built in one go, the first screen was a single task of about 100 ms on a
//! fast computer (four times that on a cheap phone), during which a tap on the
//! shell's helplines could not be answered. Lighthouse counts that as blocking time.
//!
//! After start-up a slice runs at once: later screens are built as before.
//!
//! Timers rather than posted messages (which cost first-load bytes): in a tab
//! opened in the background, browsers slow timers down, so Steady finishes
//! starting there a little later, while no one is looking.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

use leptos::prelude::*;

/// Set once the app is shown: from then on, views are built at once.
static STARTED: AtomicBool = AtomicBool::new(false);
/// Slices asked for (by [`later`]) and not yet run.
static PENDING: AtomicU32 = AtomicU32::new(0);

/// Starts the app in slices: `build` in the next task (it may ask for more slices
/// with [`later`]), then, once every slice has run, `done`.
pub fn start_in_slices(build: impl FnOnce() + 'static, done: impl FnOnce() + 'static) {
    set_timeout(
        move || {
            build();
            done_when_built(done);
        },
        Duration::ZERO,
    );
}

fn done_when_built(done: impl FnOnce() + 'static) {
    set_timeout(
        move || {
            if PENDING.load(Ordering::Relaxed) == 0 {
                STARTED.store(true, Ordering::Relaxed);
                done();
            } else {
                // A slice that has run asked for another one: after it.
                done_when_built(done);
            }
        },
        Duration::ZERO,
    );
}

/// A signal that turns true in a task of its own while the app is starting
/// (the part of a view it guards is built then), and is true at once after that.
pub fn later() -> RwSignal<bool> {
    if STARTED.load(Ordering::Relaxed) {
        return RwSignal::new(true);
    }
    let ready = RwSignal::new(false);
    PENDING.fetch_add(1, Ordering::Relaxed);
    set_timeout(
        move || {
            PENDING.fetch_sub(1, Ordering::Relaxed);
            ready.set(true);
        },
        Duration::ZERO,
    );
    ready
}
