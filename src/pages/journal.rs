//! The journal: dated free-text entries with an optional mood, newest first,
//! searched as the person types. What is being written is kept as a draft
//! (through a reload, a lock or a failed save) until it is saved.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::clock::Clock;
use crate::components::focus::focus_soon;
use crate::components::switch_confirm::SwitchConfirm;
use crate::components::undo::{more_to_undo, offer_undo_each, take_latest};
use crate::domain::checkin::{mood_word, MOOD_LEVELS};
use crate::domain::cravings::next_id;
use crate::domain::dates::{at_time, day_month_at, long_date};
use crate::domain::i18n::{counted, fill};
use crate::domain::journal::{search, unsaved, JournalEntry, PROMPTS};
use crate::storage::{keep_draft, keep_form, kept_form, Store};

const PAGE: usize = 20;
const DRAFT: &str = "journal";

/// What is being written: a new entry, or an edit of `editing`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Draft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    editing: Option<u64>,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mood: Option<u8>,
}

/// The stored entry with this id.
fn stored_entry(store: Store, id: Option<u64>) -> Option<JournalEntry> {
    let id = id?;
    untrack(|| store.with_every_month::<JournalEntry, _>(|months| months.iter().flat_map(|m| m.iter()).find(|e| e.id == id).cloned()))
}

/// The kept draft; text that isn't a draft's shape is still shown, never dropped.
fn kept_draft() -> Option<Draft> {
    Some(kept_form(DRAFT)?.unwrap_or_else(|raw| Draft { editing: None, text: raw, mood: None }))
}

#[component]
pub fn Journal() -> impl IntoView {
    let store = expect_context::<Store>();
    let query = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE);
    let writing = RwSignal::new(kept_draft());
    // What the open editor holds now (its words as typed), `None` when it's closed.
    let live = RwSignal::new(writing.get_untracked());
    let deleted = RwSignal::new(Vec::<JournalEntry>::new());
    // Another entry asked for while the editor holds unsaved words.
    let asking = RwSignal::new(false);
    let next = RwSignal::new(None::<Draft>);

    // Every entry matching the search, newest first; the list shows a page of them.
    let found = Memo::new(move |_| {
        let q = query.get();
        store.with_every_month::<JournalEntry, _>(|months| {
            search(months.iter().flat_map(|m| m.iter()), &q).into_iter().cloned().collect::<Vec<_>>()
        })
    });
    let is_empty = move || store.journal.months.with(Vec::is_empty);

    let delete = Callback::new(move |entry: JournalEntry| {
        let id = entry.id;
        if let Some(removed) = store.delete_entry::<JournalEntry>(entry.month(), move |e| e.id == id) {
            offer_undo_each(deleted, removed);
            focus_soon("journal-new");
        }
    });
    let undo = move |_| {
        if let Some(entry) = take_latest(deleted) {
            let _ = store.save_entry(entry);
        }
    };
    let open = move |d: Draft| {
        // The kept draft follows at once, so a reload can't bring back words put away.
        let _ = keep_form(DRAFT, &d);
        live.set(Some(d.clone()));
        writing.set(Some(d));
        focus_soon("journal-text");
    };
    // Another entry's words never silently replace unsaved ones: the person is asked.
    let edit = Callback::new(move |entry: JournalEntry| {
        let target = Draft { editing: Some(entry.id), text: entry.text, mood: entry.mood };
        let open_now = live.get_untracked();
        match open_now {
            Some(d) if d.editing == target.editing => focus_soon("journal-text"),
            Some(d) if unsaved(&d.text, d.mood, stored_entry(store, d.editing).as_ref()) => {
                next.set(Some(target));
                asking.set(true);
            }
            _ => open(target),
        }
    });

    view! {
        <section class="page" data-testid="journal">
            <h1>{tr!("Journal")}</h1>
            <p class="hint">{tr!("Only on this phone, for you. Write as much or as little as you like.")}</p>
            {move || match writing.get() {
                Some(d) => view! { <Editor start=d writing live/> }.into_any(),
                None => view! {
                    <div class="actions">
                        <button type="button" class="button big" id="journal-new" data-testid="journal-new"
                            on:click=move |_| { writing.set(Some(Draft::default())); focus_soon("journal-text"); }>
                            {tr!("New entry")}
                        </button>
                    </div>
                }.into_any(),
            }}
            <SwitchConfirm pending=asking
                on_keep=Callback::new(|_| focus_soon("journal-text"))
                on_discard=Callback::new(move |_| if let Some(d) = next.get_untracked() { open(d) })/>
            {move || deleted.with(|s| s.last().map(|entry| (entry.at, s.len()))).map(|(at, count)| view! {
                <p class="notice undo" role="status">
                    {fill(tr!("Deleted the entry from {}. "), &[&day_month_at(at)])}
                    {more_to_undo(count)}
                    <button type="button" class="button secondary" data-testid="journal-undo" on:click=undo>{tr!("Undo")}</button>
                </p>
            })}
            <Show when=move || !is_empty() fallback=|| view! {
                <p class="card" data-testid="journal-empty">{tr!("No entries yet. Your first one can be a single line.")}</p>
            }>
                <div class="field">
                    <label for="journal-search">{tr!("Search your journal")}</label>
                    <input id="journal-search" type="search" data-testid="journal-search" autocomplete="off"
                        prop:value=move || query.get()
                        on:input=move |ev| { query.set(event_target_value(&ev)); limit.set(PAGE); }/>
                </div>
                <p class="hint" role="status" data-testid="journal-count">
                    {move || {
                        let n = found.with(Vec::len);
                        if query.with(|q| q.trim().is_empty()) {
                            counted(trn!("{} entry", "{} entries", n), n)
                        } else {
                            counted(trn!("{} entry found", "{} entries found", n), n)
                        }
                    }}
                </p>
                <ul class="plain journal-entries">
                    <For
                        each=move || found.with(|all| all.iter().take(limit.get()).cloned().collect::<Vec<_>>())
                        key=|e| (e.id, e.edited, e.text.len())
                        children=move |entry| view! { <Entry entry edit delete/> }
                    />
                </ul>
                <Show when=move || { found.with(Vec::len) > limit.get() }>
                    <button type="button" class="button secondary big" data-testid="journal-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {tr!(context = "journal", "Show older entries")}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn Entry(entry: JournalEntry, edit: Callback<JournalEntry>, delete: Callback<JournalEntry>) -> impl IntoView {
    let (for_edit, for_delete) = (entry.clone(), entry.clone());
    let when = fill(tr!("{} at {}"), &[&long_date(entry.at.date()), &at_time(entry.at.time())]);
    view! {
        <li class="card journal-entry" data-testid="journal-entry">
            <h2 class="entry-when">{when}</h2>
            {entry.mood.map(|m| view! { <p class="hint">{fill(tr!("Mood: {}"), &[mood_word(m)])}</p> })}
            <p class="entry-text">{entry.text.clone()}</p>
            <div class="actions">
                <button type="button" class="button secondary" data-testid="journal-edit" on:click=move |_| edit.run(for_edit.clone())>{tr!("Edit")}</button>
                <button type="button" class="button secondary" data-testid="journal-delete" on:click=move |_| delete.run(for_delete.clone())>{tr!("Delete")}</button>
            </div>
        </li>
    }
}

/// Writing a new entry or changing one. Every change is kept as the draft.
#[component]
fn Editor(start: Draft, writing: RwSignal<Option<Draft>>, live: RwSignal<Option<Draft>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let text = RwSignal::new(start.text.clone());
    let mood = RwSignal::new(start.mood);
    // Becomes the entry's id if a new entry is in the list but couldn't be stored yet.
    let editing = StoredValue::new(start.editing);
    let error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let keep = move || {
        let d = Draft { editing: editing.get_value(), text: text.get_untracked(), mood: mood.get_untracked() };
        let outcome = keep_form(DRAFT, &d);
        live.set(Some(d));
        error.set(outcome.err().map(|e| fill(tr!("Your draft couldn't be kept on this device: {} Keep this screen open or copy your text."), &[&e])));
    };
    let close = move || {
        let _ = keep_draft(DRAFT, None);
        live.set(None);
        writing.set(None);
        focus_soon("journal-new");
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        clock.refresh();
        let now = clock.local_untracked();
        let entry = match stored_entry(store, editing.get_value()) {
            Some(mut e) => {
                e.text = text.get_untracked();
                e.mood = mood.get_untracked();
                e.edited = Some(now);
                e
            }
            None => {
                let highest = untrack(|| store.with_every_month::<JournalEntry, _>(|months| months.first().and_then(|m| m.iter().map(|e| e.id).max())));
                let mut e = JournalEntry::new(next_id(js_sys::Date::now() as u64, highest), now, text.get_untracked());
                e.mood = mood.get_untracked();
                e
            }
        };
        if let Err(e) = entry.validate(now) {
            error.set(Some(e.message().to_owned()));
            focus_soon("journal-text");
            return;
        }
        let id = entry.id;
        match store.save_entry(entry) {
            // Closed (and the draft dropped) only once it is stored: with the lock on that is a moment later.
            Ok(()) => leptos::task::spawn_local(async move {
                let stored = crate::storage::settled().await;
                // The screen may have been left meanwhile.
                if text.try_get_untracked().is_none() {
                    if stored.is_ok() {
                        let _ = keep_draft(DRAFT, None);
                    }
                    return;
                }
                match stored {
                    Ok(()) => close(),
                    // Kept in the form and as the draft, now as a change to the entry shown in the list.
                    Err(message) => {
                        editing.set_value(Some(id));
                        keep();
                        error.set(Some(message));
                    }
                }
            }),
            // Kept in the form and as the draft: nothing typed is lost.
            Err(message) => error.set(Some(message)),
        }
    };
    let blank = move || text.with(|t| t.trim().is_empty());
    view! {
        <form class="card journal-editor" on:submit=submit novalidate aria-labelledby="journal-editor-title">
            <h2 id="journal-editor-title">{if start.editing.is_some() { tr!("Change this entry") } else { tr!("New entry") }}</h2>
            <Show when=blank>
                <div class="prompts" data-testid="journal-prompts">
                    <p class="hint">{tr!("Not sure where to start? Tap a question:")}</p>
                    {PROMPTS.iter().map(|p| {
                        let prompt = p.get();
                        view! {
                            <button type="button" class="chip" data-testid="journal-prompt"
                                on:click=move |_| { text.set(format!("{prompt}\n")); keep(); focus_soon("journal-text"); }>
                                {prompt}
                            </button>
                        }
                    }).collect_view()}
                </div>
            </Show>
            <div class="field">
                <label for="journal-text">{tr!("What's on your mind?")}</label>
                <textarea id="journal-text" rows="8" data-testid="journal-text"
                    prop:value=move || text.get()
                    on:input=move |ev| { text.set(event_target_value(&ev)); keep(); }></textarea>
            </div>
            <fieldset class="chips">
                <legend>{tr!("Mood (optional)")}</legend>
                {(1..=MOOD_LEVELS).map(|level| view! {
                    <button type="button" class=format!("chip mood-{level}") data-testid=format!("journal-mood-{level}")
                        aria-pressed=move || (mood.get() == Some(level)).to_string()
                        on:click=move |_| { mood.update(|m| *m = if *m == Some(level) { None } else { Some(level) }); keep(); }>
                        <span class="mood-level" aria-hidden="true">{level}</span>
                        {mood_word(level)}
                    </button>
                }).collect_view()}
            </fieldset>
            <p class="error" role="alert" data-testid="journal-error">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="button big" data-testid="journal-save">{tr!("Save entry")}</button>
                <button type="button" class="button secondary" data-testid="journal-cancel"
                    on:click=move |_| if blank() || editing.get_value().is_some() { close() } else { confirming.set(true) }>
                    {if start.editing.is_some() { tr!("Cancel") } else { tr!("Discard") }}
                </button>
            </div>
            // Words written are only thrown away when the person says so twice.
            <Show when=move || confirming.get()>
                <p class="notice" role="alert">
                    {tr!("Throw away what you wrote? ")}
                    <button type="button" class="button danger" data-testid="journal-discard" on:click=move |_| close()>{tr!("Yes, discard it")}</button>
                    <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>{tr!("Keep writing")}</button>
                </p>
            </Show>
        </form>
    }
}
