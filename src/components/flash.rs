//! A short confirmation carried across a navigation ("Craving saved"), read out
//! by screen readers.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Flash(RwSignal<Option<String>>);

impl Flash {
    pub fn new() -> Flash {
        Flash(RwSignal::new(None))
    }
    pub fn show(&self, message: &str) {
        let shown = Some(message.to_owned());
        self.0.set(shown.clone());
        let slot = self.0;
        set_timeout(
            move || {
                if slot.try_with_untracked(|now| *now == shown) == Some(true) {
                    slot.try_set(None);
                }
            },
            std::time::Duration::from_secs(8),
        );
    }
    pub fn clear(&self) {
        self.0.set(None);
    }
}

impl Default for Flash {
    fn default() -> Self {
        Flash::new()
    }
}

#[component]
pub fn FlashMessage() -> impl IntoView {
    let flash = expect_context::<Flash>();
    view! {
        // Always mounted, so screen readers announce a message when it appears.
        <div role="status" class="flash-region">
            {move || flash.0.get().map(|message| view! {
                <p class="notice flash" data-testid="flash">
                    {message}
                    <button type="button" class="button secondary" on:click=move |_| flash.clear()>{tr!("OK")}</button>
                </p>
            })}
        </div>
    }
}
