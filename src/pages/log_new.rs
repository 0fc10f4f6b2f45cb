//! Quick capture: open, pick a trigger, save.

use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::components::craving_form::{CravingForm, FormMode};
use crate::components::flash::Flash;
use crate::domain::cravings::{next_id, Craving};
use crate::storage::Store;

/// A fresh entry: now, middle intensity, an id no other entry has.
pub fn new_craving(store: Store, clock: Clock) -> Craving {
    clock.refresh();
    // An id is its creation time (see `next_id`); the newest month's highest
    // guards against a clock that went back.
    let highest = untrack(|| store.with_newest_month(|month| month.iter().map(|c| c.id).max()));
    Craving::new(next_id(js_sys::Date::now() as u64, highest), clock.local_untracked())
}

#[component]
pub fn LogNew() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let flash = expect_context::<Flash>();
    let location = expect_context::<crate::routing::Location>();
    let saved = move |_| {
        flash.show("Craving saved. Well done for noticing it.");
        location.navigate("/log");
    };
    // Saving goes on to the log: fetch its screen now, so it opens at once.
    leptos::task::spawn_local(async {
        let _ = crate::log_screen::preload().await;
    });
    view! {
        <section class="page" data-testid="log-new">
            <h1>"Log a craving"</h1>
            <p class="hint">"Just pick what set it off and save. Everything else is optional."</p>
            <CravingForm initial=new_craving(store, clock) mode=FormMode::New on_saved=saved/>
        </section>
    }
}
