//! Asks before a form's unsaved words are replaced by another item (or a new,
//! empty form): "Keep writing" stays, "Discard" goes on. Shared by the
//! journal, the medication and the appointment forms.

use leptos::prelude::*;

use crate::components::focus::focus_soon;

/// Shown while `pending` is true. Either button first sets `pending` back to
/// false, then runs its callback: `on_keep` (stay in the form as it is) or
/// `on_discard` (drop the unsaved words and open what was asked for). The
/// caller remembers what was asked for; this only asks. Keep takes focus, so
/// a stray Enter never throws words away.
#[component]
pub fn SwitchConfirm(pending: RwSignal<bool>, on_keep: Callback<()>, on_discard: Callback<()>) -> impl IntoView {
    Effect::new(move |_| {
        if pending.get() {
            focus_soon("form-switch-keep");
        }
    });
    view! {
        <Show when=move || pending.get()>
            <div class="notice" role="alertdialog" aria-labelledby="form-switch-text" data-testid="form-switch-confirm">
                <p id="form-switch-text">{tr!("You have changes that aren't saved yet. Keep writing, or discard them?")}</p>
                <div class="actions">
                    <button type="button" class="button" id="form-switch-keep" data-testid="form-switch-keep"
                        on:click=move |_| { pending.set(false); on_keep.run(()); }>
                        {tr!("Keep writing")}
                    </button>
                    <button type="button" class="button danger" data-testid="form-switch-discard"
                        on:click=move |_| { pending.set(false); on_discard.run(()); }>
                        {tr!("Discard")}
                    </button>
                </div>
            </div>
        </Show>
    }
}
