//! Quick capture: open, pick a trigger, save.

use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::components::craving_form::{new_craving, CravingForm, FormMode};
use crate::components::flash::Flash;
use crate::storage::Store;

#[component]
pub fn LogNew() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let flash = expect_context::<Flash>();
    let location = expect_context::<crate::routing::Location>();
    let saved = move |_| {
        flash.show(tr!("Craving saved. Well done for noticing it."));
        location.navigate("/log");
    };
    view! {
        <section class="page" data-testid="log-new">
            <h1>{tr!("Log a craving")}</h1>
            <p class="hint">{tr!("Just pick what set it off and save. Everything else is optional.")}</p>
            <CravingForm initial=new_craving(store, clock) mode=FormMode::New on_saved=saved/>
        </section>
    }
}
