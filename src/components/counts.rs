//! What a counter counts (opioids, alcohol, nicotine…): the labelled choice used
//! when adding or editing a counter, and the one-time question on Today for
//! counters made before Steady asked. The answer decides which warning a slip
//! after a long streak brings (`domain::counter::tolerance_warning`).

use leptos::prelude::*;

use crate::components::focus::focus_soon;
use crate::domain::counter::Substance;
use crate::split::split_view;
use crate::storage::Store;

/// A labelled `<select>` of [`Substance::ALL`], bound to `value`.
#[component]
pub fn SubstanceSelect(id: String, value: RwSignal<Substance>, testid: &'static str) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{tr!("What it counts")}</label>
            <select id=id data-testid=testid on:change=move |ev| {
                if let Some(s) = Substance::from_key(&event_target_value(&ev)) {
                    value.set(s);
                }
            }>
                {Substance::ALL.map(|s| view! {
                    <option value=s.key() selected=move || value.get() == s>{s.label()}</option>
                }).into_iter().collect_view()}
            </select>
        </div>
    }
}

// Only for counters that don't say yet: fetched when shown.
split_view!(counts, fn counts_question(id: u32, name: String) { view! { <CountsQuestion id name/> } });

/// Asked once on a counter that doesn't say what it counts. "Don't ask again"
/// stores [`Substance::Unsaid`], which keeps the careful, drug-neutral warning.
#[component]
fn CountsQuestion(id: u32, name: String) -> impl IntoView {
    let store = expect_context::<Store>();
    let choice = RwSignal::new(Substance::guess(&name));
    let answer = move |counts: Substance| {
        let _ = store.counters().modify(|all| {
            if let Some(c) = all.get_mut(id) {
                c.counts = Some(counts);
            }
            Ok::<_, ()>(())
        });
        focus_soon("slip");
    };
    let field = format!("counts-{id}");
    let title = format!("{field}-title");
    let labelled_by = title.clone();
    view! {
        <div class="notice counts-question" role="group" aria-labelledby=labelled_by data-testid="counts-question">
            <p id=title><strong>{tr!("What does this counter count?")}</strong></p>
            <p class="hint">{tr!("So that after a slip Steady warns you about what matters for you.")}</p>
            <SubstanceSelect id=field value=choice testid="counts-select"/>
            <div class="actions">
                <button type="button" class="button secondary" data-testid="counts-save" on:click=move |_| answer(choice.get_untracked())>
                    {tr!("Save")}
                </button>
                <button type="button" class="button secondary" data-testid="counts-dismiss" on:click=move |_| answer(Substance::Unsaid)>
                    {tr!("Don't ask again")}
                </button>
            </div>
        </div>
    }
}
