//! Cope: quick things to do during a craving, ordered by what has helped this
//! person (the list itself is `components::strategies`, shared with the craving SOS).

use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::components::strategies::{can_vibrate, ranked, update, CopeSession, StrategyList};
use crate::domain::coping::{catalogue, CopingData};
use crate::domain::i18n::fill;
use crate::storage::Store;

#[component]
pub fn Cope() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    store.load_all_months();
    let session = CopeSession::new(store, None);
    provide_context(session);
    let list = ranked(store, clock, None);
    view! {
        <section class="page" data-testid="cope">
            <h1>{tr!("Ways to cope")}</h1>
            <p class="hint">{tr!("Pick one and start — each takes a minute to begin. The ones that help you most move to the top.")}</p>
            <StrategyList list/>
            <HiddenStrategies/>
            <AddStrategy/>
            // Only where the phone can vibrate (iPhones and Firefox can't): an option that does nothing misleads.
            <Show when=can_vibrate>
                <div class="check">
                    <input type="checkbox" id="vibrate" data-testid="cope-vibrate" prop:checked=move || store.coping().with(|d| d.vibrate)
                        on:change=move |ev| { let on = event_target_checked(&ev); update(store, |d| d.vibrate = on); }/>
                    <label for="vibrate">{tr!("Vibrate at each breathing step")}</label>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn HiddenStrategies() -> impl IntoView {
    let store = expect_context::<Store>();
    let hidden = move || {
        let plan = store.plan().with(|p| p.coping_strategies());
        store.coping().with(|d| catalogue(d, &plan).into_iter().filter(|s| d.hidden.contains(&s.id)).collect::<Vec<_>>())
    };
    view! {
        <Show when=move || !hidden().is_empty()>
            <details class="card hidden-list">
                <summary>{tr!("Hidden strategies")}</summary>
                <ul>
                    {move || hidden().into_iter().map(|s| {
                        let id = s.id.clone();
                        view! {
                            <li>
                                {s.shown_title().to_owned()}
                                <button type="button" class="button secondary" data-testid="cope-unhide"
                                    on:click=move |_| update(store, |d| CopingData::toggle(&mut d.hidden, &id))>{tr!("Show again")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        </Show>
    }
}

#[component]
fn AddStrategy() -> impl IntoView {
    let store = expect_context::<Store>();
    let title = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let outcome = store.coping().modify(|d| d.add_own(&title.get_untracked(), &note.get_untracked()));
        match outcome {
            Ok(_) => {
                message.set(Some(fill(tr!("Added “{}”."), &[title.get_untracked().trim()])));
                title.set(String::new());
                note.set(String::new());
            }
            Err(e) => message.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="card add-strategy" on:submit=submit novalidate>
            <h2>{tr!("Add your own")}</h2>
            <div class="field">
                <label for="strategy-title">{tr!("What helps you?")}</label>
                <input id="strategy-title" data-testid="strategy-title" maxlength="80" placeholder=tr!("e.g. Text my sister") bind:value=title/>
            </div>
            <div class="field">
                <label for="strategy-note">{tr!("Note (optional)")}</label>
                <input id="strategy-note" data-testid="strategy-note" bind:value=note/>
            </div>
            <p role="status">{move || message.get()}</p>
            <button type="submit" class="button" data-testid="add-strategy">{tr!("Add strategy")}</button>
        </form>
    }
}
