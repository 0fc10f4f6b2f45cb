//! `/shared#plan1.…`: a plan someone shared by link, read on the phone of the
//! person they sent it to, who may never have used Steady. Nothing is stored
//! unless the reader keeps it under People I support (`/supporting`, also here:
//! same split-off module). Once the plan is shown, the link's contents leave the address bar.

use leptos::prelude::*;

use crate::components::focus::focus_soon;
use crate::components::language::fetch_catalog;
use crate::components::shared_plan::{call_and_text, SharedPlanView};
use crate::components::undo::{more_to_undo, offer_undo_each, take_latest};
use crate::domain::dates::long_date;
use crate::domain::i18n::fill;
use crate::domain::share::{LinkProblem, Packed, SharedPlan, PATH};
use crate::domain::supporting::{Keeping, Supported};
use crate::routing::Location;
use crate::storage::crypto::unpack_link;
use crate::storage::Store;

/// What is after the `#` in the address bar now.
fn link_in_address_bar() -> String {
    // Through Reflect, as the router reads the address: no new browser bindings in the first load.
    js_sys::Reflect::get(&window().location(), &"hash".into()).ok().and_then(|h| h.as_string()).unwrap_or_default()
}

#[component]
pub fn SharedPage() -> impl IntoView {
    let location = expect_context::<Location>();
    let packed = RwSignal::new(None::<Packed>);
    let problem = RwSignal::new(None::<LinkProblem>);
    let opened = RwSignal::new(None::<SharedPlan>);
    let busy = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    // Which link is being read: an opening still under way for an earlier one is dropped.
    let reading = StoredValue::new(0u32);
    let protected = move || packed.with(|p| p.as_ref().is_some_and(|p| p.sealed.is_some()));

    let open = move |typed: String| {
        let Some(packed) = packed.get_untracked() else { return };
        let this = reading.get_value();
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let unpacked = unpack_link(&packed, &typed).await;
            if let Ok(plan) = &unpacked {
                // In the language it was shared in, whatever this phone's is.
                fetch_catalog(plan.language()).await;
            }
            if reading.try_get_value() != Some(this) {
                return;
            }
            match unpacked {
                Ok(plan) => {
                    // Out of the address bar (and this history entry), once read.
                    location.navigate(PATH);
                    opened.set(Some(plan));
                }
                Err(why) => problem.set(Some(why)),
            }
            busy.set(false);
        });
    };
    let read = move |fragment: String| {
        reading.update_value(|n| *n += 1);
        let read = Packed::read(&fragment);
        opened.set(None);
        busy.set(false);
        passphrase.set(String::new());
        packed.set(read.clone().ok());
        problem.set(read.as_ref().err().copied());
        if read.is_ok_and(|p| p.sealed.is_none()) {
            open(String::new());
        }
    };
    read(link_in_address_bar());
    // Another link tapped while this page is open changes only what is after `#`: the page isn't
    // loaded again, so the new link is read here. (Taking a link out of the address bar changes
    // nothing that fires this.)
    let tapped = window_event_listener(leptos::ev::hashchange, move |_| {
        let fragment = link_in_address_bar();
        if !fragment.trim_start_matches('#').is_empty() {
            read(fragment);
        }
    });
    on_cleanup(move || tapped.remove());
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
                <SharedPlanView shared=shared.clone()/>
                <div class="actions screen-only">
                    <button type="button" class="button secondary" data-testid="shared-print" on:click=print>{tr!("Print / Save as PDF")}</button>
                </div>
                <KeepShared shared/>
            })}
            <Show when=move || opened.with(Option::is_none)>
                <h1>{tr!("A plan shared with you")}</h1>
                <Show when=protected>
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
                <Show when=move || busy.get() && !protected()>
                    <p role="status">{tr!("Opening…")}</p>
                </Show>
                <p class="error" role="alert" data-testid="shared-problem">{move || problem.get().map(LinkProblem::message)}</p>
            </Show>
        </div>
    }
}

/// Keeping an opened plan under People I support, or saying it is kept already.
/// A link older than the one kept from the same person replaces it only when the reader says so.
#[component]
fn KeepShared(shared: SharedPlan) -> impl IntoView {
    let store = expect_context::<Store>();
    let keeping = store.supporting().with_untracked(|s| s.keeping(&shared));
    let kept = RwSignal::new(keeping == Keeping::Same);
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let shared = StoredValue::new(shared);
    let keep = move || {
        let now = chrono::Local::now().naive_local();
        error.set(None);
        if let Err(problem) = store.supporting().modify(|s| s.keep(shared.get_value(), now)) {
            error.set(Some(problem.message().into()));
            return;
        }
        // Said to be kept only once it is stored (with the lock on, a moment later).
        if let Some(failed) = store.save_error.get_untracked() {
            error.set(Some(failed));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let stored = crate::storage::settled().await;
            busy.try_set(false);
            match stored {
                Ok(()) => {
                    kept.try_set(true);
                    asking.try_set(false);
                    focus_soon("shared-kept");
                }
                Err(message) => {
                    error.try_set(Some(message));
                }
            }
        });
    };
    let ask_or_keep = move |_| {
        if matches!(keeping, Keeping::Older(_)) {
            asking.set(true);
            focus_soon("shared-keep-older");
        } else {
            keep();
        }
    };
    view! {
        <section class="card screen-only" aria-labelledby="keep-title" data-testid="shared-keep-card">
            <h2 id="keep-title">{tr!("Keep it on this phone?")}</h2>
            <Show when=move || !kept.get() fallback=|| view! {
                <p role="status" tabindex="-1" id="shared-kept" data-testid="shared-kept">
                    {tr!("Kept under People I support, on Help and in Settings. A newer link from the same person will replace it there.")}
                </p>
                <p><a class="button secondary" href="/supporting" data-testid="shared-see-kept">{tr!("See the people I support")}</a></p>
            }>
                <p class="hint">
                    {tr!("Nothing from this link is saved on this phone unless you keep it. Kept plans stay only on this phone (encrypted if you turn on the passcode lock) and go into your backups.")}
                </p>
                {match keeping {
                    Keeping::Newer => Some(tr!("It will replace the older plan you kept from this person.").to_string()),
                    Keeping::Older(made) => Some(fill(tr!("You already keep a newer plan from this person, made on {}."), &[&long_date(made.date())])),
                    _ => None,
                }.map(|note| view! { <p data-testid="shared-keep-note">{note}</p> })}
                <Show when=move || !asking.get()>
                    <button type="button" class="button" data-testid="shared-keep" disabled=move || busy.get() on:click=ask_or_keep>
                        {tr!("Keep under People I support")}
                    </button>
                </Show>
                <Show when=move || asking.get()>
                    <div class="confirm" role="group" aria-label=tr!("Replace the newer plan?")>
                        <p>{tr!("Replace the newer plan with this older one?")}</p>
                        <div class="actions">
                            <button type="button" class="button" id="shared-keep-older" data-testid="shared-keep-older" disabled=move || busy.get() on:click=move |_| keep()>
                                {tr!("Replace it with this one")}
                            </button>
                            <button type="button" class="button secondary" data-testid="shared-keep-cancel" on:click=move |_| asking.set(false)>
                                {tr!("Keep the newer one")}
                            </button>
                        </div>
                    </div>
                </Show>
            </Show>
            <p class="error" role="alert" data-testid="shared-keep-error">{move || error.get()}</p>
        </section>
    }
}

/// `/supporting`: People I support — the plans kept from links, each with call
/// and text buttons when a number came with it; removing one can be undone.
#[component]
pub fn SupportingPage() -> impl IntoView {
    let store = expect_context::<Store>();
    // Whose plan is open (by share id), once its language's words are fetched.
    let showing = RwSignal::new(None::<String>);
    let removed = RwSignal::new(Vec::<(usize, Supported)>::new());
    let ids = Memo::new(move |_| store.supporting().with(|s| s.people.iter().map(|p| p.id().to_owned()).collect::<Vec<_>>()));
    let open = move |id: String| {
        let Some(lang) = store.supporting().with_untracked(|s| s.get(&id).map(|p| p.shared.language())) else { return };
        leptos::task::spawn_local(async move {
            // In the language it was shared in, whatever this phone's is.
            fetch_catalog(lang).await;
            showing.try_set(Some(id));
            focus_soon("supporting-back");
        });
    };
    let remove = move |id: String| {
        if let Ok(Some(gone)) = store.supporting().modify(|s| Ok::<_, ()>(s.remove(&id))) {
            offer_undo_each(removed, gone);
            focus_soon("supporting-heading");
        }
    };
    let undo = move |_| {
        if let Some((at, person)) = take_latest(removed) {
            let _ = store.supporting().modify(|s| {
                s.restore(at, person);
                Ok::<_, ()>(())
            });
        }
    };
    let print = move |_| {
        let _ = window().print();
    };
    let shown = move || showing.get().and_then(|id| store.supporting().with(|s| s.get(&id).cloned()));
    view! {
        <section class="page" data-testid="supporting-page">
            {move || shown().map(|person| view! {
                <div class="actions screen-only">
                    <button type="button" class="button secondary" id="supporting-back" data-testid="supporting-back" on:click=move |_| showing.set(None)>
                        {tr!("Back to the people I support")}
                    </button>
                </div>
                <SharedPlanView shared=person.shared/>
                <p class="hint">{fill(tr!("Kept on {}."), &[&long_date(person.kept.date())])}</p>
                <div class="actions screen-only">
                    <button type="button" class="button secondary" data-testid="supporting-print" on:click=print>{tr!("Print / Save as PDF")}</button>
                </div>
            })}
            <Show when=move || showing.with(Option::is_none)>
                <h1 id="supporting-heading" tabindex="-1">{tr!("People I support")}</h1>
                <p class="hint">
                    {tr!("Plans that people shared with you by link, which you chose to keep. They stay only on this phone. A newer link from the same person replaces their plan here.")}
                </p>
                {move || ids.with(Vec::is_empty).then(|| view! {
                    <p data-testid="supporting-empty">
                        {tr!("No plans kept yet. When someone sends you a link to their plan, open it and choose “Keep under People I support”.")}
                    </p>
                })}
                <ul class="supporting-list">
                    <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <SupportedPerson id on_open=open on_remove=remove/> }/>
                </ul>
                {move || removed.with(|s| s.last().map(|(_, p)| (given_name(p), s.len()))).map(|(name, count)| view! {
                    <p class="notice undo" role="status">
                        {match name {
                            Some(name) => fill(tr!("Removed {}'s plan. "), &[&name]),
                            None => tr!("Removed a plan. ").to_string(),
                        }}
                        {more_to_undo(count)}
                        <button type="button" class="button secondary" data-testid="undo" on:click=undo>{tr!("Undo")}</button>
                    </p>
                })}
            </Show>
        </section>
    }
}

/// The first name or initials the person gave, if any.
fn given_name(person: &Supported) -> Option<String> {
    Some(person.shared.name.trim()).filter(|n| !n.is_empty()).map(str::to_owned)
}

#[component]
fn SupportedPerson(id: String, #[prop(into)] on_open: Callback<String>, #[prop(into)] on_remove: Callback<String>) -> impl IntoView {
    let store = expect_context::<Store>();
    let person = {
        let id = id.clone();
        Memo::new(move |_| store.supporting().with(|s| s.get(&id).cloned()))
    };
    let confirming = RwSignal::new(false);
    let id = StoredValue::new(id);
    move || person.get().map(|person| {
        let name = given_name(&person);
        let heading = name.clone().unwrap_or_else(|| tr!("Someone who gave no name").to_string());
        // Each sentence whole, with a name and without one (translators see both).
        let ask = match &name {
            Some(name) => fill(tr!("Remove {}'s plan from this phone?"), &[name]),
            None => tr!("Remove this plan from this phone?").to_string(),
        };
        let dates = fill(tr!("Made on {}, kept on {}."), &[&long_date(person.shared.made.date()), &long_date(person.kept.date())]);
        view! {
            <li class="card supported-person" data-testid="supporting-person">
                <h2>{heading}</h2>
                <p class="hint" data-testid="supporting-dates">{dates}</p>
                <div class="actions">
                    <button type="button" class="button" data-testid="supporting-open" on:click=move |_| on_open.run(id.get_value())>
                        {tr!("See their plan")}
                    </button>
                    {call_and_text(&person.shared, "supporting", "button secondary")}
                    <button type="button" class="button secondary" data-testid="supporting-remove" on:click=move |_| confirming.set(true)>
                        {tr!("Remove")}
                    </button>
                </div>
                <Show when=move || confirming.get()>
                    <div class="confirm" role="group" aria-label=tr!("Confirm remove")>
                        <p>{ask.clone()}</p>
                        <div class="actions">
                            <button type="button" class="button danger" data-testid="supporting-remove-confirm" on:click=move |_| on_remove.run(id.get_value())>
                                {tr!("Remove")}
                            </button>
                            <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>{tr!("Cancel")}</button>
                        </div>
                    </div>
                </Show>
            </li>
        }
    })
}
