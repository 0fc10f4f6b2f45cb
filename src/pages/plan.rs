//! The relapse-prevention plan: sections to fill, a guided first run, and
//! sharing with a sponsor by share sheet, clipboard or print.

use leptos::prelude::*;

use crate::components::appointments::AgendaList;
use crate::components::clock::Clock;
use crate::components::files::{copy_text, share_or_copy, share_text};
use crate::components::focus::focus_soon;
use crate::components::language::fetch_catalog;
use crate::components::shared_plan::{plan_sections, SharedPlanView};
use crate::components::undo::{more_to_undo, offer_undo_each, take_latest};
use crate::domain::phone::{normalise_phone, typed_digits, Dial};
use crate::domain::share::{base64url_encode, link, new_passphrase, qr, too_long_for_chat, SharedPhone, SharedPlan, PASSPHRASE_RANDOM_BYTES};
use crate::storage::crypto::{pack_link, random_bytes};
use crate::domain::plan::{plain_text, Guide, ItemKind, List, Plan, PlanItem, Role, Section, ShareChoices};
use crate::domain::dates::long_date;
use crate::domain::i18n::{counted, fill, Lang};
use crate::storage::{draft, keep_draft, keep_form, kept_form, Store};

/// A deleted item, kept for Undo.
#[derive(Clone, PartialEq)]
struct Removed {
    list: List,
    at: usize,
    item: PlanItem,
}

#[derive(Clone, Copy)]
struct PlanUi {
    /// Whether the guided walk-through is on screen.
    guiding: RwSignal<bool>,
    /// Deleted items Undo can still bring back, newest last.
    removed: RwSignal<Vec<Removed>>,
    /// The last change made, for the saved-state line.
    touched: RwSignal<bool>,
}

fn change(store: Store, ui: PlanUi, f: impl FnOnce(&mut Plan) -> Result<(), &'static str>) -> Result<(), &'static str> {
    let outcome = store.plan().modify(f);
    if outcome.is_ok() {
        ui.touched.set(true);
    }
    outcome
}

#[component]
pub fn Plan() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = PlanUi { guiding: RwSignal::new(false), removed: RwSignal::new(Vec::new()), touched: RwSignal::new(false) };
    provide_context(ui);
    let guide = Memo::new(move |_| store.plan().with(|p| p.guide));
    // Sections chosen for sharing and printing, and the language they're shared in
    // (a sponsor may read the other one): the app's language until the person picks.
    let chosen = RwSignal::new(Section::ALL.to_vec());
    let share_lang = RwSignal::new(Lang::current());

    view! {
        <section class="page" data-testid="plan">
            <div class="screen-only">
                <h1>{tr!("My plan")}</h1>
                <SavedState/>
                <Show
                    when=move || ui.guiding.get()
                    fallback=move || view! {
                        <GuideOffer/>
                        <Overview/>
                        <UndoBar/>
                        {Section::ALL.map(|section| view! { <PlanSection section/> }).into_iter().collect_view()}
                        <SharePlan chosen share_lang/>
                    }
                >
                    {move || match guide.get() {
                        Guide::At(n) => view! { <Guided index=n/> }.into_any(),
                        _ => ().into_any(),
                    }}
                </Show>
            </div>
            <PrintedPlan chosen share_lang/>
        </section>
    }
}

#[component]
fn SavedState() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = expect_context::<PlanUi>();
    let text = move || match store.save_error.get() {
        Some(error) => error,
        None if ui.touched.get() => tr!("Saved on this device ✓").to_string(),
        None => tr!("Changes save as you go, on this device only.").to_string(),
    };
    view! {
        <p class="saved-state" role="status" data-testid="plan-saved"
            class:error=move || store.save_error.with(Option::is_some)>
            {text}
        </p>
    }
}

#[component]
fn GuideOffer() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = expect_context::<PlanUi>();
    let start = move |_| {
        let at = store.plan().with_untracked(|p| match p.guide {
            Guide::At(n) => n,
            _ => 0,
        });
        let _ = change(store, ui, |p| {
            p.guide = Guide::At(at);
            Ok(())
        });
        ui.guiding.set(true);
    };
    view! {
        {move || {
            let (label, text) = match store.plan().with(|p| p.guide) {
                Guide::NotStarted => (
                    tr!("Walk me through it"),
                    tr!("New to this? Steady can take you through the plan one section at a time. You can stop whenever you like and pick up later.").to_string(),
                ),
                Guide::At(n) => (
                    tr!("Continue the walk-through"),
                    fill(tr!("You stopped at step {} of {}."), &[&(n + 1).to_string(), &Section::ALL.len().to_string()]),
                ),
                Guide::Done => (
                    tr!("Walk through it again"),
                    tr!("You've been through every section. Plans change — come back to it any time.").to_string(),
                ),
            };
            view! {
                <div class="card guide-offer">
                    <p>{text}</p>
                    <button type="button" class="button" data-testid="plan-guide-start" on:click=start>{label}</button>
                </div>
            }
        }}
    }
}

#[component]
fn Guided(index: usize) -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = expect_context::<PlanUi>();
    let section = Section::ALL[index.min(Section::ALL.len() - 1)];
    let go = move |to: Option<usize>| {
        let guide = match to {
            Some(n) if n < Section::ALL.len() => Guide::At(n),
            Some(_) => Guide::Done,
            None => Guide::At(index),
        };
        let _ = change(store, ui, |p| {
            p.guide = guide;
            Ok(())
        });
        if guide == Guide::Done {
            ui.guiding.set(false);
        }
    };
    let last = index + 1 == Section::ALL.len();
    view! {
        <div class="guided" data-testid="plan-guide">
            <p class="step-count">{fill(tr!("Step {} of {}"), &[&(index + 1).to_string(), &Section::ALL.len().to_string()])}</p>
            <PlanSection section/>
            <div class="actions">
                {(index > 0).then(|| view! {
                    <button type="button" class="button secondary" data-testid="plan-guide-back" on:click=move |_| go(Some(index - 1))>{tr!("Back")}</button>
                })}
                <button type="button" class="button" data-testid="plan-guide-next" on:click=move |_| go(Some(index + 1))>
                    {if last { tr!("Finish") } else { tr!("Next") }}
                </button>
                <button type="button" class="button secondary" data-testid="plan-guide-exit" on:click=move |_| { go(None); ui.guiding.set(false); }>
                    {tr!("Stop for now")}
                </button>
            </div>
        </div>
    }
}

#[component]
fn Overview() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <nav class="card overview" aria-label=tr!("Plan sections") data-testid="plan-overview">
            <ul>
                {Section::ALL.map(|section| {
                    let count = move || store.plan().with(|p| p.count(section));
                    view! {
                        <li>
                            <a href=format!("#plan-{}", section.key())>{section.title()}</a>
                            <span class="fill-state" data-testid=format!("plan-filled-{}", section.key())>
                                {move || match count() {
                                    0 => tr!("not started").to_string(),
                                    n => counted(trn!("✓ {} item", "✓ {} items", n), n),
                                }}
                            </span>
                        </li>
                    }
                }).into_iter().collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn UndoBar() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = expect_context::<PlanUi>();
    let undo = move |_| {
        if let Some(r) = take_latest(ui.removed) {
            let _ = change(store, ui, |p| {
                p.restore(r.list, r.at, r.item);
                Ok(())
            });
        }
    };
    view! {
        {move || ui.removed.with(|s| s.last().map(|r| (r.item.text.clone(), s.len()))).map(|(text, count)| view! {
            <p class="notice undo" role="status">
                {fill(tr!(context = "list item", "Deleted “{}”. "), &[&text])}
                {more_to_undo(count)}
                <button type="button" class="button secondary" data-testid="undo" on:click=undo>{tr!("Undo")}</button>
            </p>
        })}
    }
}

#[component]
fn PlanSection(section: Section) -> impl IntoView {
    view! {
        <section class="card plan-section" id=format!("plan-{}", section.key()) data-testid=format!("plan-section-{}", section.key())>
            <h2>{section.title()}</h2>
            <p class="hint">{section.guidance()}</p>
            {section.urgent_note().map(|note| view! {
                <p class="notice urgent" data-testid=format!("plan-urgent-{}", section.key())>
                    {note}" "<a href="#plan-crisis-5">{tr!("Go to step 5")}</a>
                </p>
            })}
            {section.lists().iter().map(|list| view! { <PlanList list=*list/> }).collect_view()}
            {(section == Section::Treatment).then(|| view! {
                <div class="actions two">
                    <a class="button secondary" href="/meds" data-testid="plan-meds">{tr!("My medication and naloxone")}</a>
                    <a class="button secondary" href="/meds#left" data-testid="plan-left">{tr!("I've just left…")}</a>
                </div>
                <AgendaList/>
            })}
        </section>
    }
}

#[component]
fn PlanList(list: List) -> impl IntoView {
    let store = expect_context::<Store>();
    let ids = Memo::new(move |_| store.plan().with(|p| p.items(list).iter().map(|i| i.id).collect::<Vec<_>>()));
    // The crisis steps can be linked to ("go straight to step 5").
    let anchor = list.step_title().map(|_| format!("plan-{}", list.key()));
    view! {
        <div class="plan-list" id=anchor>
            {list.step_title().map(|t| view! { <h3>{t}</h3> })}
            <ul>
                {(list == List::CrisisProfessionals).then(|| view! { <CrisisLinePrefill/> })}
                <For each=move || ids.get() key=|id| *id children=move |id| view! { <ItemRow list id/> }/>
            </ul>
            <AddItem list/>
        </div>
    }
}

/// Step 5's crisis line while the step is empty: worked out from the helpline
/// country, never stored until the person adds to the step
/// (see `Plan::crisis_line_prefill`).
#[component]
fn CrisisLinePrefill() -> impl IntoView {
    let store = expect_context::<Store>();
    let region = move || store.settings().with(|s| s.region);
    move || {
        let region = region();
        store.plan().with(|p| p.crisis_line_prefill(region)).map(|item| {
            let line = region.crisis_line();
            view! {
                <li class="plan-item prefill" data-testid="plan-prefill">
                    <p data-testid="plan-prefill-text">{item.text}</p>
                    <a class="button call" data-testid="plan-prefill-call" href=line.call.tel_href()>
                        {fill(tr!("Call {} — {}"), &[line.name.get(), line.call.display])}
                    </a>
                    <p class="hint">{fill(tr!("Steady filled in the crisis line for your country ({}). It follows your country until you add something of your own here; then it stays, yours to change or delete."), &[region.name()])}</p>
                </li>
            }
        })
    }
}

/// Checks a person's number, under the country it was entered under; `None`
/// when it is empty or usable for a call.
fn phone_problem(store: Store, item: RwSignal<PlanItem>) -> Option<&'static str> {
    let region = store.settings().with_untracked(|s| s.region);
    item.with_untracked(|i| {
        if i.phone.trim().is_empty() { None } else { normalise_phone(&i.phone, i.phone_country(region)).err() }
    })
}

/// Role and phone fields for a support person. With `phone_error`, the number
/// is checked when the field is left (saved items); the add form checks on Add.
fn person_fields(id: String, item: RwSignal<PlanItem>, phone_error: Option<RwSignal<Option<&'static str>>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let check_phone = move || {
        if let Some(error) = phone_error {
            error.set(phone_problem(store, item));
        }
    };
    view! {
        <div class="field">
            <label for=format!("{id}-role")>{tr!("Role")}</label>
            <select id=format!("{id}-role") data-testid="plan-item-role" on:change=move |ev| {
                let role = Role::from_key(&event_target_value(&ev));
                item.update(|i| i.role = role);
            }>
                <option value="" selected=move || item.with(|i| i.role.is_none())>{tr!("Choose…")}</option>
                {Role::ALL.map(|r| view! {
                    <option value=r.key() selected=move || item.with(|i| i.role == Some(r))>{r.label()}</option>
                }).into_iter().collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=format!("{id}-phone")>{tr!("Phone number")}</label>
            <input id=format!("{id}-phone") type="tel" inputmode="tel" autocomplete="off" data-testid="plan-item-phone"
                prop:value=move || item.with(|i| i.phone.clone())
                on:input=move |ev| {
                    // Read under the helpline country in use as it is typed, and kept with it.
                    let v = event_target_value(&ev);
                    let region = store.settings().with_untracked(|s| s.region);
                    item.update(|i| i.set_phone(v, region));
                }
                on:change=move |_| check_phone()/>
            {phone_error.map(|error| view! { <p class="error" role="alert">{move || error.get()}</p> })}
        </div>
    }
}

/// One item, edited in place; every change is saved when the field is left.
#[component]
fn ItemRow(list: List, id: u32) -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = expect_context::<PlanUi>();
    let stored = move || store.plan().with_untracked(|p| p.items(list).iter().find(|i| i.id == id).cloned());
    // An edit not saved yet (the field wasn't left before a reload or the lock) is kept as a draft.
    let draft_name = StoredValue::new(format!("plan.{}.{id}", list.key()));
    let drop_draft = move || draft_name.with_value(|n| keep_draft(n, None));
    let Some(initial) = stored() else {
        let _ = drop_draft();
        return ().into_any();
    };
    let kept = draft_name.with_value(|n| kept_form::<PlanItem>(n)).and_then(Result::ok).filter(|k| k.id == id);
    let resumed = kept.is_some();
    let item = RwSignal::new(kept.unwrap_or(initial));
    let error = RwSignal::new(None::<&'static str>);
    let phone_error = RwSignal::new(phone_problem(store, item));
    let field_id = format!("{}-{id}", list.key());
    let save = move || {
        let edited = item.get_untracked();
        let outcome = change(store, ui, |p| p.update(list, edited));
        if outcome.is_ok() {
            let _ = drop_draft();
        }
        error.set(outcome.err());
    };
    Effect::new(move |opened: Option<()>| {
        let kept = item.with(|i| if opened.is_some() { draft_name.with_value(|n| keep_form(n, i)) } else { Ok(()) });
        if kept.is_err() {
            error.set(Some(tr!("This change couldn't be kept on this device yet. Keep this screen open.")));
        }
    });
    // The plan saves as you go: an edit brought back is saved now.
    if resumed {
        save();
    }
    let remove = move |_| {
        if let Ok(Some((at, removed))) = store.plan().modify(|p| Ok::<_, ()>(p.remove(list, id))) {
            ui.touched.set(true);
            let _ = drop_draft();
            offer_undo_each(ui.removed, Removed { list, at, item: removed });
        }
    };
    let shift = move |by: isize| {
        let _ = change(store, ui, |p| {
            p.shift(list, id, by);
            Ok(())
        });
    };
    let name = move || item.with(|i| i.text.clone());
    view! {
        <li class="plan-item" data-testid="plan-item" on:change=move |_| save()>
            <div class="field">
                <label for=format!("{field_id}-text")>{list.text_label()}</label>
                <textarea id=format!("{field_id}-text") rows="2" data-testid="plan-item-text"
                    prop:value=move || item.with(|i| i.text.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); item.update(|i| i.text = v); }></textarea>
            </div>
            {(list.kind() == ItemKind::WithResponse).then(|| view! {
                <div class="field">
                    <label for=format!("{field_id}-response")>{tr!("What I'll do")}</label>
                    <textarea id=format!("{field_id}-response") rows="2" data-testid="plan-item-response"
                        prop:value=move || item.with(|i| i.response.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); item.update(|i| i.response = v); }></textarea>
                </div>
            })}
            {(list.kind() == ItemKind::Person).then(|| person_fields(field_id.clone(), item, Some(phone_error)))}
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions item-actions">
                <button type="button" class="button secondary" aria-label=move || fill(tr!("Move “{}” up"), &[&name()]) on:click=move |_| shift(-1)>"↑"</button>
                <button type="button" class="button secondary" aria-label=move || fill(tr!("Move “{}” down"), &[&name()]) on:click=move |_| shift(1)>"↓"</button>
                <button type="button" class="button secondary" data-testid="plan-item-delete" aria-label=move || fill(tr!(context = "list item", "Delete “{}”"), &[&name()]) on:click=remove>{tr!(context = "list item", "Delete")}</button>
            </div>
        </li>
    }
    .into_any()
}

#[component]
fn AddItem(list: List) -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = expect_context::<PlanUi>();
    let blank = || PlanItem::with_text("");
    let draft = RwSignal::new(blank());
    let error = RwSignal::new(None::<&'static str>);
    let phone_error = RwSignal::new(None::<&'static str>);
    let field_id = format!("{}-new", list.key());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let item = draft.get_untracked();
        let region = store.settings().with_untracked(|s| s.region);
        match change(store, ui, |p| p.add_in(list, item, region).map(|_| ())) {
            Ok(()) => {
                // Tell them about a number that won't dial; the saved item keeps what they wrote.
                phone_error.set(phone_problem(store, draft));
                draft.set(blank());
                error.set(None);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let placeholder = match list {
        List::Triggers => tr!("e.g. Payday"),
        List::Support => tr!("e.g. Sam"),
        List::Coping => tr!("e.g. Walk round the block"),
        _ => "",
    };
    let prompts = list.prompts();
    view! {
        {(!prompts.is_empty()).then(|| view! {
            <div class="prompts" role="group" aria-label=tr!("Ideas to start from")>
                {prompts.into_iter().map(|p| view! {
                    <button type="button" class="button secondary" data-testid="plan-prompt"
                        on:click=move |_| { draft.update(|d| d.text = p.to_string()); focus_soon(&format!("{}-new-text", list.key())); }>
                        {p.trim_end_matches([' ', ':'])}
                    </button>
                }).collect_view()}
            </div>
        })}
        <form class="add-item" on:submit=add novalidate>
            <div class="field">
                <label for=format!("{field_id}-text")>{fill(tr!("Add: {}"), &[&list.text_label().to_lowercase()])}</label>
                <input id=format!("{field_id}-text") data-testid="plan-new-text" placeholder=placeholder
                    prop:value=move || draft.with(|d| d.text.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.text = v); }/>
            </div>
            {(list.kind() == ItemKind::WithResponse).then(|| view! {
                <div class="field">
                    <label for=format!("{field_id}-response")>{tr!("What I'll do")}</label>
                    <input id=format!("{field_id}-response") data-testid="plan-new-response"
                        prop:value=move || draft.with(|d| d.response.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.response = v); }/>
                </div>
            })}
            {(list.kind() == ItemKind::Person).then(|| person_fields(field_id.clone(), draft, None))}
            <p class="error" role="alert">{move || error.get().or(phone_error.get())}</p>
            <button type="submit" class="button secondary" data-testid="plan-add-item">{tr!("Add")}</button>
        </form>
    }
}

/// Which sections to share, and the three ways to share them.
#[component]
fn SharePlan(chosen: RwSignal<Vec<Section>>, share_lang: RwSignal<Lang>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let status = RwSignal::new(None::<String>);
    // The other language's text is fetched as it is picked (before any tap on Copy,
    // which must write the clipboard while the tap still counts).
    let pick_language = move |ev| {
        let Some(lang) = Lang::from_code(&event_target_value(&ev)) else { return };
        leptos::task::spawn_local(async move {
            fetch_catalog(lang).await;
            share_lang.set(lang);
        });
    };
    let in_share_language = move |f: &dyn Fn() -> String| share_lang.get_untracked().while_current(f);
    let text = move || {
        let region = store.settings().with_untracked(|s| s.region);
        in_share_language(&|| store.plan().with_untracked(|p| plain_text(&p.as_shown(region), &chosen.get_untracked(), clock.local_untracked().date())))
    };

    let copy = move |_| {
        let text = text();
        leptos::task::spawn_local(async move {
            status.set(Some(if copy_text(&text).await {
                tr!("Copied. Paste it into a message or email to your sponsor.").into()
            } else {
                tr!("Couldn't copy. Try Print / Save as PDF instead.").into()
            }));
        });
    };
    let share = move |_| {
        let text = text();
        // The title goes with the text, so it's in the same language.
        let title = in_share_language(&|| tr!("My relapse-prevention plan").to_string());
        leptos::task::spawn_local(async move {
            let copied = tr!("This browser can't open a share sheet, so the plan was copied instead.");
            status.set(Some(share_or_copy(&title, &text, copied, tr!("This browser can't share or copy. Use Print / Save as PDF.")).await));
        });
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <section class="card share" aria-labelledby="share-title">
            <h2 id="share-title">{tr!("Share your plan")}</h2>
            <p class="hint">{tr!("Choose what to include. Nothing leaves this phone unless you share, copy or print it.")}</p>
            <fieldset class="checks">
                <legend>{tr!("Include")}</legend>
                {Section::ALL.map(|section| {
                    let id = format!("share-{}", section.key());
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone() data-testid=format!("share-include-{}", section.key())
                                prop:checked=move || chosen.with(|c| c.contains(&section))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| { c.retain(|s| *s != section); if on { c.push(section); } });
                                }/>
                            <label for=id>{section.title()}</label>
                        </div>
                    }
                }).into_iter().collect_view()}
            </fieldset>
            <div class="field">
                <label for="share-language">{tr!("Language of what you share")}</label>
                <select id="share-language" data-testid="share-language" on:change=pick_language>
                    {Lang::ALL.iter().map(|&lang| view! {
                        <option value=lang.code() selected=lang == share_lang.get_untracked() lang=lang.code()>{lang.own_name()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="actions">
                <button type="button" class="button" data-testid="share-plan" on:click=share>{tr!("Share plan")}</button>
                <button type="button" class="button secondary" data-testid="copy-plan" on:click=copy>{tr!("Copy")}</button>
                <button type="button" class="button secondary" data-testid="print-plan" on:click=print>{tr!("Print / Save as PDF")}</button>
            </div>
            <p role="status" data-testid="share-status">{move || status.get()}</p>
            <ShareLink chosen share_lang/>
        </section>
    }
}

/// A link made by [`ShareLink`], until anything it was made from changes.
#[derive(Clone)]
struct MadeLink {
    link: String,
    /// See `made_from` in [`ShareLink`].
    from: String,
    /// Shown this once: it is never stored.
    passphrase: Option<String>,
}

/// The share panel's name and number as typed, until a link is made with them.
const SHARE_DRAFT: &str = "share-link";

/// A link to the chosen sections for someone to open on their own phone, protected by
/// default with a passphrase of four words, and a preview of exactly what it carries.
#[component]
fn ShareLink(chosen: RwSignal<Vec<Section>>, share_lang: RwSignal<Lang>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let remembered = store.plan().with_untracked(Plan::share_choices);
    // What was typed since the last link, kept through a reload until the next link is made.
    // (As lines: the name, "1" if the number is included, the number; none of them holds a line break.)
    let kept = draft(SHARE_DRAFT);
    let mut typed = kept.as_deref().map(|k| k.split('\n'));
    let mut next = |or: String| typed.as_mut().and_then(Iterator::next).map_or(or, str::to_owned);
    let name = RwSignal::new(next(remembered.name.clone()));
    let include_phone = RwSignal::new(next(String::new()) == "1" || kept.is_none() && !remembered.phone.is_empty());
    let phone = RwSignal::new(next(remembered.phone.clone()));
    let status = RwSignal::new(None::<String>);
    let keep_typed = move || {
        let typed = format!("{}\n{}\n{}", name.get_untracked(), if include_phone.get_untracked() { "1" } else { "0" }, phone.get_untracked());
        if let Err(message) = keep_draft(SHARE_DRAFT, Some(&typed)) {
            status.set(Some(message));
        }
    };
    let protect = RwSignal::new(true);
    let made = RwSignal::new(None::<MadeLink>);
    // The link's QR code, full screen, for someone in the same room to scan.
    let qr_shown = RwSignal::new(false);
    let busy = RwSignal::new(false);
    // What a link is made from: one made before any of it changed is no longer what the preview shows.
    let made_from = move || {
        let sections: Vec<&str> = chosen.get().iter().map(|s| s.key()).collect();
        let plan = store.plan().with(|p| serde_json::to_string(&p.lists).unwrap_or_default());
        format!("{plan}|{}|{}|{}|{}|{}|{}", sections.join(","), share_lang.get().code(), name.get(), include_phone.get(), phone.get(), protect.get())
    };
    let snapshot = move |id: String| {
        let region = store.settings().with_untracked(|s| s.region);
        let mut shared = store.plan().with(|p| SharedPlan::of(&p.as_shown(region), &chosen.get(), id, clock.local_untracked(), share_lang.get()));
        shared.name = name.get().trim().to_string();
        if include_phone.get() && !phone.get().trim().is_empty() {
            let typed = phone.get().trim().to_string();
            let dial = Dial::read(&typed, region).tel;
            let tel = if dial.is_empty() { typed_digits(&typed) } else { dial };
            shared.phone = Some(SharedPhone { shown: typed, tel });
        }
        shared
    };
    let make = move |_| {
        if busy.get_untracked() {
            return;
        }
        status.set(None);
        qr_shown.set(false);
        // The same id on every link, so a newer link can replace an older one where it is kept.
        let id = match store.plan().with_untracked(|p| p.share_choices().id) {
            id if !id.is_empty() => id,
            _ => match random_bytes(9) {
                Ok(bytes) => base64url_encode(&bytes),
                Err(message) => return status.set(Some(message)),
            },
        };
        let choices = ShareChoices {
            id: id.clone(),
            name: name.get_untracked().trim().into(),
            phone: if include_phone.get_untracked() { phone.get_untracked().trim().into() } else { String::new() },
            // The check-in text's choices stay as they are.
            ..store.plan().with_untracked(Plan::share_choices)
        };
        if let Err(message) = store.plan().modify(|p| -> Result<(), &'static str> {
            p.set_share_choices(&choices);
            Ok(())
        }) {
            return status.set(Some(message.into()));
        }
        // Now remembered with the plan.
        let _ = keep_draft(SHARE_DRAFT, None);
        let shared = untrack(|| snapshot(id));
        let from = untrack(made_from);
        let passphrase = match protect.get_untracked() {
            true => match random_bytes(PASSPHRASE_RANDOM_BYTES) {
                Ok(bytes) => Some(new_passphrase(&bytes, shared.language())),
                Err(message) => return status.set(Some(message)),
            },
            false => None,
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match pack_link(&shared.to_json(), passphrase.as_deref()).await {
                Ok(packed) => {
                    let origin = js_sys::Reflect::get(&window().location(), &"origin".into()).ok().and_then(|o| o.as_string());
                    let origin = origin.unwrap_or_default();
                    made.set(Some(MadeLink { link: link(&origin, &packed), from, passphrase }));
                }
                Err(message) => status.set(Some(message)),
            }
            busy.set(false);
        });
    };
    let current = move || made.get().filter(|m| m.from == made_from());
    let copy = move |_| {
        let Some(made) = untrack(current) else { return };
        leptos::task::spawn_local(async move {
            status.set(Some(if copy_text(&made.link).await {
                tr!("Link copied. Paste it into a message to your sponsor.").into()
            } else {
                tr!("Couldn't copy. Select the link above and copy it yourself.").into()
            }));
        });
    };
    let send = move |_| {
        let Some(made) = untrack(current) else { return };
        let (title, text) = share_lang.get_untracked().while_current(|| {
            (tr!("My relapse-prevention plan").to_string(), tr!("My relapse-prevention plan, from Steady:").to_string())
        });
        leptos::task::spawn_local(async move {
            let message = match share_text(&title, &text, Some(&made.link)).await {
                Some(true) => tr!("Shared.").to_string(),
                Some(false) => tr!("Sharing was cancelled — nothing was sent.").to_string(),
                None if copy_text(&made.link).await => tr!("This browser can't open a share sheet, so the link was copied instead.").to_string(),
                None => tr!("Couldn't copy. Select the link above and copy it yourself.").to_string(),
            };
            status.set(Some(message));
        });
    };
    view! {
        <div class="share-link">
            <h3>{tr!("Send a link")}</h3>
            <p class="hint">{tr!("A link opens the sections chosen above on the other person's phone, even without Steady. It holds a copy made now: later changes aren't in it.")}</p>
            <div class="field">
                <label for="share-name">{tr!("Your first name or initials (optional)")}</label>
                <input id="share-name" data-testid="share-name" autocomplete="given-name" maxlength="40"
                    prop:value=move || name.get() on:input=move |ev| { name.set(event_target_value(&ev)); keep_typed(); }/>
            </div>
            <div class="check">
                <input type="checkbox" id="share-include-phone" data-testid="share-include-phone"
                    prop:checked=move || include_phone.get() on:change=move |ev| { include_phone.set(event_target_checked(&ev)); keep_typed(); }/>
                <label for="share-include-phone">{tr!("Include my phone number, for Call and Text buttons")}</label>
            </div>
            <Show when=move || include_phone.get()>
                <div class="field">
                    <label for="share-phone">{tr!("My phone number")}</label>
                    <input id="share-phone" data-testid="share-phone" type="tel" autocomplete="tel"
                        prop:value=move || phone.get() on:input=move |ev| { phone.set(event_target_value(&ev)); keep_typed(); }/>
                </div>
            </Show>
            <div class="check">
                <input type="checkbox" id="share-protect" data-testid="share-protect"
                    prop:checked=move || protect.get() on:change=move |ev| protect.set(event_target_checked(&ev))/>
                <label for="share-protect">{tr!("Protect it with a passphrase")}</label>
            </div>
            <Show when=move || !protect.get()>
                <p class="warning" data-testid="share-protect-warning">
                    {tr!("Without a passphrase, anyone who gets this link can read your plan, and it stays in chat histories. Links can't be taken back.")}
                </p>
            </Show>
            <details class="share-preview" data-testid="share-preview">
                <summary>{tr!("See exactly what will be sent")}</summary>
                {move || view! { <SharedPlanView shared=snapshot(String::new())/> }}
            </details>
            <button type="button" class="button" data-testid="share-link" on:click=make disabled=move || busy.get()>
                {move || if busy.get() { tr!("Making the link…") } else { tr!("Make a link") }}
            </button>
            {move || current().map(|made| {
                let too_long = too_long_for_chat(&made.link);
                view! {
                    <div class="made-link">
                        <div class="field">
                            <label for="share-link-url">{tr!("Your link")}</label>
                            <input id="share-link-url" data-testid="share-link-url" readonly prop:value=made.link.clone()/>
                        </div>
                        {too_long.then(|| view! {
                            <p class="warning" role="alert" data-testid="share-link-too-long">
                                {counted(trn!(
                                    "This link is {} character long, and chat apps may cut it. Choose fewer sections, or use Print / Save as PDF.",
                                    "This link is {} characters long, and chat apps may cut it. Choose fewer sections, or use Print / Save as PDF.",
                                    made.link.len(),
                                ), made.link.len())}
                            </p>
                        })}
                        {made.passphrase.clone().map(|words| view! {
                            <p>{tr!("The passphrase, shown only now. Read it out, or send it separately from the link:")}</p>
                            <p class="passphrase" data-testid="share-passphrase" translate="no">{words}</p>
                        })}
                        <div class="actions">
                            <button type="button" class="button" data-testid="share-link-send" on:click=send>{tr!("Share link")}</button>
                            <button type="button" class="button secondary" data-testid="share-link-copy" on:click=copy>{tr!("Copy link")}</button>
                            <button type="button" class="button secondary" id="share-qr-open" data-testid="share-qr" on:click=move |_| {
                                qr_shown.set(true);
                                focus_soon("share-qr-close");
                            }>{tr!("Show as a QR code")}</button>
                        </div>
                        {move || qr_shown.get().then(|| qr_screen(&made.link, qr_shown))}
                    </div>
                }
            })}
            <p role="status" data-testid="share-link-status">{move || status.get()}</p>
        </div>
    }
}

/// The link as a QR code filling the screen, black on white in either theme, or why it can't be one.
fn qr_screen(link: &str, shown: RwSignal<bool>) -> impl IntoView {
    let code = qr(link);
    let close = move || {
        shown.set(false);
        focus_soon("share-qr-open");
    };
    let too_large = code.is_none();
    view! {
        <div class="qr-screen" role="dialog" aria-modal="true" aria-labelledby="share-qr-title" data-testid="share-qr-screen"
            on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <h2 id="share-qr-title">{tr!("Your plan link as a QR code")}</h2>
            {code.map(|code| view! {
                <svg data-testid="share-qr-code" role="img" aria-label=tr!("QR code of your plan link")
                    viewBox=format!("0 0 {0} {0}", code.size) shape-rendering="crispEdges">
                    <rect width="100%" height="100%" fill="#fff"/>
                    <path d=code.path fill="#000"/>
                </svg>
                <p>{tr!("Let the other person scan it with their phone's camera. It holds the same link, so the passphrase is still needed.")}</p>
            })}
            {too_large.then(|| view! {
                <p class="warning" data-testid="share-qr-too-large">
                    {tr!("This plan is too large for one QR code. Choose fewer sections, or send the link instead.")}
                </p>
            })}
            <button type="button" class="button" id="share-qr-close" data-testid="share-qr-close" on:click=move |_| close()>{tr!("Close")}</button>
        </div>
    }
}

/// The plan as it prints: black on white, no buttons, each section kept together.
#[component]
fn PrintedPlan(chosen: RwSignal<Vec<Section>>, share_lang: RwSignal<Lang>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    // Drawn whole in the language chosen for sharing, so nothing inside may be a
    // closure read later (it would come out in the app's language).
    view! {
        <div class="print-only" data-testid="plan-print" lang=move || share_lang.get().code()>
            {move || {
                let lang = share_lang.get();
                let today = clock.local().date();
                let region = store.settings().with(|s| s.region);
                store.plan().with(|plan| lang.while_current(|| { let plan = plan.as_shown(region); view! {
                    <h1>{tr!("My relapse-prevention plan")}</h1>
                    <p>{fill(tr!("Printed {}"), &[&long_date(today)])}</p>
                    {plan_sections(&plan, &chosen.get())}
                }}))
            }}
        </div>
    }
}
