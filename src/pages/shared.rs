//! `/shared#plan1.…`: a plan someone shared by link, read on the phone of the
//! person they sent it to, who may never have used Steady. Read-only: nothing is
//! stored. Once the plan is shown, the link's contents leave the address bar.

use leptos::prelude::*;

use crate::components::language::fetch_catalog;
use crate::components::shared_plan::SharedPlanView;
use crate::domain::share::{LinkProblem, Packed, SharedPlan, PATH};
use crate::routing::Location;
use crate::storage::crypto::unpack_link;

#[component]
pub fn SharedPage() -> impl IntoView {
    let location = expect_context::<Location>();
    // Through Reflect, as the router reads the address: no new browser bindings in the first load.
    let hash = js_sys::Reflect::get(&window().location(), &"hash".into()).ok().and_then(|h| h.as_string());
    let read = Packed::read(&hash.unwrap_or_default());
    let protected = read.as_ref().is_ok_and(|p| p.sealed.is_some());
    let packed = StoredValue::new(read.clone().ok());
    let problem = RwSignal::new(read.err());
    let opened = RwSignal::new(None::<SharedPlan>);
    let busy = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());

    let open = move |typed: String| {
        let Some(packed) = packed.get_value() else { return };
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match unpack_link(&packed, &typed).await {
                Ok(plan) => {
                    // In the language it was shared in, whatever this phone's is.
                    fetch_catalog(plan.language()).await;
                    // Out of the address bar (and this history entry), once read.
                    location.navigate(PATH);
                    opened.set(Some(plan));
                }
                Err(why) => problem.set(Some(why)),
            }
            busy.set(false);
        });
    };
    if !protected && problem.get_untracked().is_none() {
        open(String::new());
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !busy.get_untracked() && !passphrase.get_untracked().trim().is_empty() {
            open(passphrase.get_untracked());
        }
    };
    let print = move |_| {
        let _ = window().print();
    };

    view! {
        <div class="shared-page">
            // Not `into_any()`: each view type made "any" brings code into the first load.
            {move || opened.get().map(|shared| view! {
                <SharedPlanView shared/>
                <p class="hint">{tr!("Nothing from this link was saved on this phone.")}</p>
                <div class="actions">
                    <button type="button" class="button secondary" data-testid="shared-print" on:click=print>{tr!("Print / Save as PDF")}</button>
                </div>
            })}
            <Show when=move || opened.with(Option::is_none)>
                <h1>{tr!("A plan shared with you")}</h1>
                <Show when=move || protected>
                    <form class="card" on:submit=submit>
                        <p>{tr!("It is protected. Type the four words the person who sent it gave you.")}</p>
                        <div class="field">
                            <label for="shared-passphrase">{tr!("Passphrase")}</label>
                            <input id="shared-passphrase" data-testid="shared-passphrase" autocomplete="off" autocapitalize="none"
                                spellcheck="false" translate="no"
                                prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                        </div>
                        <button type="submit" class="button" data-testid="shared-unlock" disabled=move || busy.get()>
                            {move || if busy.get() { tr!("Opening…") } else { tr!("Open the plan") }}
                        </button>
                    </form>
                </Show>
                <Show when=move || busy.get() && !protected>
                    <p role="status">{tr!("Opening…")}</p>
                </Show>
                <p class="error" role="alert" data-testid="shared-problem">{move || problem.get().map(LinkProblem::message)}</p>
            </Show>
        </div>
    }
}
