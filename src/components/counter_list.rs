//! All the person's counters (e.g. heroin, alcohol, nicotine): add, rename,
//! delete with undo, and choose which one is shown on Today.

use leptos::prelude::*;

use crate::domain::i18n::fill;

use crate::components::clock::Clock;
use crate::components::counts::SubstanceSelect;
use crate::components::undo::{more_to_undo, offer_undo_each, take_latest};
use crate::domain::counter::{Counter, CounterError, Start, Substance};
use crate::domain::dates::days_text;
use crate::split::{lazy_part, split_view};
use crate::storage::Store;

#[derive(Clone, PartialEq)]
struct Deleted {
    at: usize,
    counter: Counter,
    was_main: bool,
}

/// Once there is a counter (before that, Today asks for the first start date);
/// its code is fetched then.
#[component]
pub fn CounterList() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <Show when=move || store.counters().with(|all| !all.list.is_empty())>
            {lazy_part(counter_list)}
        </Show>
    }
}

split_view!(counters, fn counter_list() { view! { <Counters/> } });

#[component]
fn Counters() -> impl IntoView {
    let store = expect_context::<Store>();
    // Every deletion still in its time, newest last: two counters deleted in a row both come back.
    let deleted = RwSignal::new(Vec::<Deleted>::new());
    let ids = Memo::new(move |_| store.counters().with(|all| all.list.iter().map(|c| c.id).collect::<Vec<_>>()));

    let delete = move |id: u32| {
        let was_main = store.counters().with_untracked(|all| all.main().map(|c| c.id) == Some(id));
        if let Ok(Some((at, counter))) = store.counters().modify(|all| Ok::<_, ()>(all.remove(id))) {
            offer_undo_each(deleted, Deleted { at, counter, was_main });
        }
    };
    let undo = move |_| {
        if let Some(d) = take_latest(deleted) {
            let _ = store.counters().modify(|all| {
                all.restore(d.at, d.counter, d.was_main);
                Ok::<_, ()>(())
            });
        }
    };

    view! {
        <section class="card counters" aria-labelledby="counters-title">
            <h2 id="counters-title">{tr!("Your counters")}</h2>
            <p class="hint">{tr!("Count more than one thing — each has its own start and history.")}</p>
            <ul class="counter-list" data-testid="counter-list">
                <For each=move || ids.get() key=|id| *id children=move |id| view! { <CounterRow id on_delete=delete/> }/>
            </ul>
            {move || deleted.with(|s| s.last().map(|d| (crate::domain::counter::shown_name(&d.counter.name).to_owned(), s.len()))).map(|(name, count)| view! {
                <p class="notice undo" role="status">
                    {fill(tr!("Deleted “{}”. "), &[&name])}
                    {more_to_undo(count)}
                    <button type="button" class="button secondary" data-testid="undo" on:click=undo>{tr!("Undo")}</button>
                </p>
            })}
            <AddCounter/>
        </section>
    }
}

#[component]
fn CounterRow(id: u32, #[prop(into)] on_delete: Callback<u32>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let counter = Memo::new(move |_| store.counters().with(|all| all.get(id).cloned()));
    let is_main = Memo::new(move |_| store.counters().with(|all| all.main().map(|c| c.id) == Some(id)));
    let renaming = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let counts = RwSignal::new(Substance::Unsaid);
    let error = RwSignal::new(None::<&'static str>);
    let label = move || counter.with(|c| c.as_ref().map(|c| crate::domain::counter::shown_name(&c.name).to_owned()).unwrap_or_default());
    let edit = move |_| {
        name.set(label());
        counts.set(counter.with_untracked(|c| c.as_ref().map_or(Substance::Unsaid, |c| c.counts.unwrap_or(Substance::guess(&c.name)))));
        renaming.set(true);
    };

    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let outcome = store.counters().modify(|all| match all.get_mut(id) {
            Some(c) => c.rename(&name.get_untracked()).map(|()| c.counts = Some(counts.get_untracked())),
            None => Ok(()),
        });
        match outcome {
            Ok(()) => {
                renaming.set(false);
                error.set(None);
            }
            Err(e) => error.set(Some(e.message())),
        }
    };
    let make_main = move |_| {
        let _ = store.counters().modify(|all| {
            all.make_main(id);
            Ok::<_, ()>(())
        });
    };

    view! {
        <li class="counter-row" data-testid="counter-item">
            <div class="counter-row-head">
                <span class="counter-row-name">{label}</span>
                <span class="counter-row-days">
                    {move || counter.with(|c| c.as_ref().map(|c| days_text(c.days(clock.local()))))}
                </span>
                {move || is_main.get().then(|| view! { <span class="tag">{tr!("On Today")}</span> })}
            </div>
            <Show when=move || renaming.get()>
                <form class="inline-form" on:submit=rename novalidate>
                    <label for=format!("rename-{id}")>{tr!("New name")}</label>
                    <input id=format!("rename-{id}") data-testid="rename-input" bind:value=name maxlength="60"/>
                    <SubstanceSelect id=format!("rename-counts-{id}") value=counts testid="rename-counts"/>
                    <p class="error" role="alert">{move || error.get()}</p>
                    <div class="actions">
                        <button type="submit" class="button" data-testid="rename-save">{tr!("Save")}</button>
                        <button type="button" class="button secondary" on:click=move |_| renaming.set(false)>{tr!("Cancel")}</button>
                    </div>
                </form>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="group" aria-label=tr!("Confirm delete")>
                    <p>{move || fill(tr!("Delete “{}” and its history?"), &[&label()])}</p>
                    <div class="actions">
                        <button type="button" class="button danger" data-testid="delete-confirm" on:click=move |_| on_delete.run(id)>{tr!("Delete")}</button>
                        <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>{tr!("Keep it")}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || !renaming.get() && !confirming.get()>
                <div class="actions">
                    <Show when=move || !is_main.get()>
                        <button type="button" class="button secondary" data-testid="make-main" on:click=make_main>
                            {tr!("Show on Today")}
                        </button>
                    </Show>
                    <button type="button" class="button secondary" data-testid="rename"
                        aria-label=move || fill(tr!("Edit {}"), &[&label()])
                        on:click=edit>
                        {tr!("Edit")}
                    </button>
                    <button type="button" class="button secondary" data-testid="delete"
                        aria-label=move || fill(tr!("Delete {}"), &[&label()])
                        on:click=move |_| confirming.set(true)>
                        {tr!("Delete")}
                    </button>
                </div>
            </Show>
        </li>
    }
}

#[component]
fn AddCounter() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let name = RwSignal::new(String::new());
    // Follows a guess from the name until the person chooses.
    let counts = RwSignal::new(Substance::guess(""));
    let chosen = RwSignal::new(false);
    Effect::new(move |_| {
        let guess = Substance::guess(&name.get());
        if !chosen.get_untracked() {
            counts.set(guess);
        }
    });
    let date = RwSignal::new(crate::domain::dates::iso_date(clock.local_untracked().date()));
    let error = RwSignal::new(None::<&'static str>);
    let added = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        clock.refresh();
        let now = clock.local_untracked();
        let outcome = Start::parse(&date.get_untracked(), "").and_then(|start: Start| {
            store
                .counters()
                .modify(|all| -> Result<u32, CounterError> {
                    let id = all.add(&name.get_untracked(), start, now)?;
                    if let Some(c) = all.get_mut(id) {
                        c.counts = Some(counts.get_untracked());
                    }
                    Ok(id)
                })
                .map_err(|e| e.message())
        });
        match outcome {
            Ok(_) => {
                added.set(Some(fill(tr!("Added “{}”."), &[name.get_untracked().trim()])));
                chosen.set(false);
                name.set(String::new());
                error.set(None);
            }
            Err(message) => {
                added.set(None);
                error.set(Some(message));
            }
        }
    };
    view! {
        <form class="add-counter" on:submit=submit novalidate>
            <h3>{tr!("Add a counter")}</h3>
            <div class="field">
                <label for="new-counter-name">{tr!("What are you counting?")}</label>
                <input id="new-counter-name" data-testid="new-counter-name" placeholder=tr!("e.g. Alcohol") maxlength="60" bind:value=name/>
            </div>
            <div on:change=move |_| chosen.set(true)>
                <SubstanceSelect id="new-counter-counts".to_string() value=counts testid="new-counter-counts"/>
            </div>
            <div class="field">
                <label for="new-counter-date">{tr!("Since")}</label>
                <input id="new-counter-date" type="date" data-testid="new-counter-date" bind:value=date/>
            </div>
            <p class="error" role="alert">{move || error.get()}</p>
            <p role="status">{move || added.get()}</p>
            <button type="submit" class="button" data-testid="add-counter">{tr!("Add counter")}</button>
        </form>
    }
}
