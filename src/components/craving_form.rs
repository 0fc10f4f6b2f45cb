//! The craving form, for quick capture and for editing later. Capture takes
//! three taps: open, pick a trigger, save (time is now, intensity is middling).

use leptos::prelude::*;

use crate::components::safety::UsedSafety;

use crate::components::clock::Clock;
use crate::domain::i18n::{fill, in_use};
use crate::domain::coping::COPING_CHOICES;
use crate::domain::cravings::{
    next_id, trigger_label, trigger_slug, Craving, Halt, Mood, Outcome, MAX_INTENSITY, TRIGGERS,
};
use crate::storage::{keep_draft, keep_form, kept_form, Store};

/// The name a form's draft is kept under: one for a new craving, one for each
/// craving being changed.
fn draft_name(mode: FormMode, id: u64) -> String {
    match mode {
        FormMode::New => "craving".to_string(),
        FormMode::Edit => format!("craving.{id}"),
    }
}

fn toggle<T: PartialEq + Clone>(list: &mut Vec<T>, item: &T) {
    match list.iter().position(|x| x == item) {
        Some(at) => {
            list.remove(at);
        }
        None => list.push(item.clone()),
    }
}

pub fn intensity_word(n: u8) -> &'static str {
    match n {
        0 => tr!("none"),
        1..=3 => tr!("mild"),
        4..=6 => tr!("moderate"),
        7..=8 => tr!("strong"),
        _ => tr!("very strong"),
    }
}

/// A toggle button that shows whether it is on.

/// A fresh entry: now, middle intensity, an id no other entry has.
pub fn new_craving(store: Store, clock: Clock) -> Craving {
    clock.refresh();
    // An id is its creation time (see `next_id`); the newest month's highest
    // guards against a clock that went back.
    let highest = untrack(|| store.with_newest_month(|month| month.iter().map(|c| c.id).max()));
    Craving::new(next_id(js_sys::Date::now() as u64, highest), clock.local_untracked())
}

#[component]
pub fn Chip(
    #[prop(into)] label: String,
    #[prop(into)] test_id: String,
    #[prop(into)] pressed: Signal<bool>,
    #[prop(into)] on_toggle: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="chip"
            data-testid=test_id
            aria-pressed=move || pressed.get().to_string()
            on:click=move |_| on_toggle.run(())
        >
            {label}
        </button>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FormMode {
    New,
    Edit,
}

#[component]
pub fn CravingForm(
    initial: Craving,
    mode: FormMode,
    #[prop(into)] on_saved: Callback<Craving>,
    #[prop(optional)] on_delete: Option<Callback<Craving>>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    // What was being entered and not saved yet (through a reload or the lock) comes back.
    let name = draft_name(mode, initial.id);
    // A new one only when words were typed: a few chips tapped and left aren't worth
    // bringing back into the next quick capture (with their old time).
    let typed = |k: &Craving| [&k.note, &k.place, &k.with_whom].iter().any(|s| !s.trim().is_empty());
    let kept = kept_form::<Craving>(&name).and_then(Result::ok).filter(|k| if mode == FormMode::New { typed(k) } else { k.id == initial.id });
    let resumed = (mode == FormMode::New).then(|| kept.as_ref().map(|k| k.at)).flatten();
    let draft = RwSignal::new(kept.unwrap_or(initial));
    let error = RwSignal::new(None::<String>);
    // Every change is kept as the draft (not the form as it opened).
    let name = StoredValue::new(name);
    Effect::new(move |opened: Option<()>| {
        let outcome = draft.with(|d| if opened.is_some() { name.with_value(|n| keep_form(n, d)) } else { Ok(()) });
        if let Err(e) = outcome {
            error.set(Some(e));
        }
    });
    let drop_draft = move || {
        let _ = name.with_value(|n| keep_draft(n, None));
    };
    let new_trigger = RwSignal::new(String::new());
    let other_coping = RwSignal::new(String::new());

    let edit = move |f: &dyn Fn(&mut Craving)| draft.update(|d| f(d));
    let has_trigger = move |key: &str| draft.with(|d| d.triggers.iter().any(|t| t == key));

    let trigger_chip = move |key: String| {
        let label = trigger_label(&key).to_owned();
        let test_id = format!("trigger-{}", trigger_slug(&key));
        let k = key.clone();
        view! {
            <Chip label test_id pressed=Signal::derive(move || has_trigger(&k)) on_toggle=move |_| edit(&|d| toggle(&mut d.triggers, &key))/>
        }
    };

    let add_trigger = move |_| {
        let name = new_trigger.get_untracked();
        match store.settings().modify(|s| s.add_trigger(&name)) {
            Ok(key) => {
                edit(&|d| d.triggers.push(key.clone()));
                new_trigger.set(String::new());
                error.set(None);
            }
            Err(message) => error.set(Some(message.to_owned())),
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        clock.refresh();
        let mut entry = draft.get_untracked();
        let extra = other_coping.get_untracked();
        if !extra.trim().is_empty() && !entry.coping.iter().any(|c| c == extra.trim()) {
            entry.coping.push(extra.trim().to_owned());
        }
        if let Err(e) = entry.validate(clock.local_untracked()) {
            error.set(Some(e.message().to_owned()));
            return;
        }
        if mode == FormMode::Edit {
            // When it last changed: a backup merged later keeps the newer copy.
            entry.updated = Some(clock.local_untracked());
        }
        match store.save_craving(entry.clone()) {
            Ok(()) => {
                error.set(None);
                drop_draft();
                on_saved.run(entry);
            }
            // The message is shown; what they entered stays in the form.
            Err(message) => error.set(Some(message)),
        }
    };

    // The person's own triggers: typed here, and from their plan.
    let own_triggers = move || {
        let mut all = store.settings().with(|s| s.own_triggers.clone());
        for name in store.plan().with(|p| p.trigger_names()) {
            let builtin = TRIGGERS.iter().any(|(k, l)| k.eq_ignore_ascii_case(&name) || l.eq_ignore_ascii_case(&name));
            if !builtin && !all.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
                all.push(name);
            }
        }
        all
    };
    let time_value = move || draft.with(|d| crate::domain::dates::datetime_input(d.at));
    let set_time = move |ev| {
        if let Some(at) = crate::domain::dates::parse_datetime_input(&event_target_value(&ev)) {
            edit(&|d| d.at = at);
        }
    };
    let intensity = move || draft.with(|d| d.intensity);
    let form_id = if mode == FormMode::New { "new".to_string() } else { draft.with_untracked(|d| d.id.to_string()) };
    let id = move |name: &str| format!("{name}-{form_id}");

    view! {
        <form class="craving-form" on:submit=submit novalidate>
            {resumed.map(|at| view! {
                <p class="hint" data-testid="craving-resumed">
                    {fill(tr!("Picked up where you left off (started {}). Change the time under More if it isn't right."), &[&crate::domain::dates::day_month_at(at)])}
                </p>
            })}
            <div class="field">
                <label for=id("intensity")>
                    {tr!("How strong is it? ")}
                    <strong>{move || fill(tr!("{} of 10 — {}"), &[&intensity().to_string(), intensity_word(intensity())])}</strong>
                </label>
                <input
                    id=id("intensity")
                    type="range"
                    min="0"
                    max=MAX_INTENSITY.to_string()
                    step="1"
                    data-testid="craving-intensity"
                    prop:value=move || intensity().to_string()
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u8>() {
                            edit(&|d| d.intensity = n.min(MAX_INTENSITY));
                        }
                    }
                />
            </div>

            <fieldset class="chips">
                <legend>{tr!("What set it off?")}</legend>
                {TRIGGERS.iter().map(|(key, _)| trigger_chip(key.to_string())).collect_view()}
                {move || own_triggers().into_iter().map(trigger_chip).collect_view()}
            </fieldset>
            <div class="inline-add">
                <label for=id("own-trigger")>{tr!("Add your own trigger")}</label>
                <div class="row">
                    <input id=id("own-trigger") data-testid="trigger-add-input" maxlength="40" bind:value=new_trigger/>
                    <button type="button" class="button secondary" data-testid="trigger-add" on:click=add_trigger>{tr!("Add")}</button>
                </div>
            </div>

            <details class="more" open=mode == FormMode::Edit>
                <summary>{tr!("More: how you feel, when, where, notes")}</summary>
                <fieldset class="chips">
                    <legend>{tr!("Are you…")}</legend>
                    {Halt::ALL.into_iter().map(|h| view! {
                        <Chip
                            label=h.label()
                            test_id=format!("halt-{}", h.key())
                            pressed=Signal::derive(move || draft.with(|d| d.halt.contains(&h)))
                            on_toggle=move |_| edit(&|d| toggle(&mut d.halt, &h))
                        />
                    }).collect_view()}
                </fieldset>

                <fieldset class="chips">
                    <legend>{tr!("Mood")}</legend>
                    {Mood::ALL.into_iter().map(|m| view! {
                        <Chip
                            label=m.label()
                            test_id=format!("mood-{}", m.key())
                            pressed=Signal::derive(move || draft.with(|d| d.moods.contains(&m)))
                            on_toggle=move |_| edit(&|d| toggle(&mut d.moods, &m))
                        />
                    }).collect_view()}
                </fieldset>

                <div class="field">
                    <label for=id("time")>{tr!("When")}</label>
                    <input id=id("time") type="datetime-local" data-testid="craving-time" prop:value=time_value on:change=set_time/>
                </div>
                <div class="field">
                    <label for=id("where")>{tr!("Where (optional)")}</label>
                    <input id=id("where") data-testid="craving-where" prop:value=move || draft.with(|d| d.place.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.place = v.clone()) }/>
                </div>
                <div class="field">
                    <label for=id("who")>{tr!("Who with (optional)")}</label>
                    <input id=id("who") data-testid="craving-who" prop:value=move || draft.with(|d| d.with_whom.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.with_whom = v.clone()) }/>
                </div>
                <div class="field">
                    <label for=id("note")>{tr!("Note (optional)")}</label>
                    <textarea id=id("note") rows="3" data-testid="craving-note" prop:value=move || draft.with(|d| d.note.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.note = v.clone()) }></textarea>
                </div>
            </details>

            {(mode == FormMode::Edit).then(|| view! {
                <FollowUpFields draft other_coping/>
            })}

            <p class="error" role="alert" data-testid="craving-error">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="button big" data-testid="craving-save">
                    {if mode == FormMode::New { tr!("Save craving") } else { tr!("Save changes") }}
                </button>
                {on_delete.map(|delete| view! {
                    <button type="button" class="button secondary" data-testid="craving-delete"
                        on:click=move |_| { drop_draft(); delete.run(draft.get_untracked()) }>
                        {tr!("Delete entry")}
                    </button>
                })}
            </div>
        </form>
    }
}

/// Outcome, intensity afterwards and what the person did.
#[component]
pub fn FollowUpFields(draft: RwSignal<Craving>, other_coping: RwSignal<String>) -> impl IntoView {
    let after = move || draft.with(|d| d.intensity_after);
    let form_id = draft.with_untracked(|d| d.id);
    view! {
        <fieldset class="chips">
            <legend>{tr!("How did it go?")}</legend>
            {Outcome::ALL.into_iter().map(|o| view! {
                <Chip
                    label=o.label()
                    test_id=format!("outcome-{}", o.key())
                    pressed=Signal::derive(move || draft.with(|d| d.outcome == Some(o)))
                    on_toggle=move |_| draft.update(|d| d.outcome = if d.outcome == Some(o) { None } else { Some(o) })
                />
            }).collect_view()}
        </fieldset>
        <Show when=move || draft.with(|d| d.outcome == Some(Outcome::Used))>
            <UsedSafety/>
        </Show>
        <div class="field">
            <label for=format!("after-{form_id}")>
                {tr!("How strong is it now? ")}
                <strong>{move || after().map_or(tr!("not set").to_string(), |n| fill(tr!("{} of 10"), &[&n.to_string()]))}</strong>
            </label>
            <input
                id=format!("after-{form_id}")
                type="range"
                min="0"
                max=MAX_INTENSITY.to_string()
                data-testid="craving-intensity-after"
                prop:value=move || after().unwrap_or(0).to_string()
                on:input=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<u8>() {
                        draft.update(|d| d.intensity_after = Some(n.min(MAX_INTENSITY)));
                    }
                }
            />
        </div>
        <fieldset class="chips">
            <legend>{tr!("What did you do?")}</legend>
            {COPING_CHOICES.into_iter().map(|c| view! {
                <Chip
                    label=in_use(c)
                    test_id=format!("coping-{}", trigger_slug(c))
                    pressed=Signal::derive(move || draft.with(|d| d.coping.iter().any(|x| x == c)))
                    on_toggle=move |_| draft.update(|d| toggle(&mut d.coping, &c.to_string()))
                />
            }).collect_view()}
            {move || draft.with(|d| d.coping.iter().filter(|c| !COPING_CHOICES.contains(&c.as_str())).cloned().collect::<Vec<_>>())
                .into_iter()
                .map(|c| {
                    let key = c.clone();
                    view! {
                        <Chip
                            label=crate::domain::coping::shown_tried(&c).to_string()
                            test_id=format!("coping-{}", trigger_slug(&c))
                            pressed=Signal::derive(move || draft.with(|d| d.coping.contains(&key)))
                            on_toggle=move |_| draft.update(|d| toggle(&mut d.coping, &c))
                        />
                    }
                })
                .collect_view()}
        </fieldset>
        <div class="field">
            <label for=format!("other-coping-{form_id}")>{tr!("Something else you did (optional)")}</label>
            <input id=format!("other-coping-{form_id}") data-testid="coping-other" bind:value=other_coping/>
        </div>
    }
}
