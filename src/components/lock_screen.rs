//! The lock screen: the passcode, with helplines and the overdose steps
//! always reachable — someone in crisis must never be locked out of help.

use leptos::prelude::*;

use crate::domain::i18n::fill;
use crate::domain::lock::describe_wait;
use crate::components::helplines::Helplines;
use crate::components::overdose_steps::{steps, OverdoseCall};
use crate::components::safety::EmergencyCountry;
use crate::split::{lazy_part, split_view};
use crate::storage::vault::{self, Unlock};

#[component]
pub fn LockScreen(
    /// Called once the passcode is right and the data is open.
    on_unlock: Callback<()>,
) -> impl IntoView {
    // The country last used while unlocked (kept in the clear for this); a change
    // here only changes what this screen shows, as the settings are encrypted.
    let shown = RwSignal::new(vault::lock_record().and_then(Result::ok).map(|r| r.region).unwrap_or_default());
    let region = Signal::from(shown);
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move || {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    // The passcode form is fetched when needed (most people never set a lock);
    // the help below it is here from the start and never waits for it.
    view! {
        <main class="page lock-screen" data-testid="lock-screen">
            <h1 tabindex="-1" node_ref=heading>{tr!("Steady is locked")}</h1>
            {lazy_part(move || unlock_form(on_unlock))}

            <h2>{tr!("Need help now?")}</h2>
            <p>{tr!("These work without unlocking.")}</p>
            <EmergencyCountry region lock=shown/>
            <Helplines region heading_id="lock-lines-heading"/>
            <details class="card" data-testid="lock-overdose">
                <summary>{tr!("Someone may be overdosing")}</summary>
                <OverdoseCall region/>
                {steps(region)}
            </details>
        </main>
    }
}

split_view!(lock, fn unlock_form(on_unlock: Callback<()>) { view! { <UnlockForm on_unlock/> } });

#[component]
fn UnlockForm(on_unlock: Callback<()>) -> impl IntoView {
    let record = vault::lock_record();
    let broken = record.as_ref().and_then(|r| r.as_ref().err().cloned());
    let numeric = record.as_ref().and_then(|r| r.as_ref().ok()).is_some_and(|r| r.numeric);

    let code = RwSignal::new(String::new());
    let unusable = broken.is_some();
    let message = RwSignal::new(broken);
    let checking = RwSignal::new(false);
    // Ticks each second so a wait after wrong guesses counts down.
    let tick = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    // Read from storage each time: wrong guesses count across reloads and tabs.
    let wait = move || {
        tick.track();
        vault::seconds_to_wait()
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // While a wait runs, `try_passcode` refuses (and says so).
        if checking.get_untracked() {
            return;
        }
        let passcode = code.get_untracked();
        if passcode.is_empty() {
            return message.set(Some(tr!("Type your passcode first.").into()));
        }
        checking.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            let outcome = vault::try_passcode(&passcode).await;
            // A passcode set before today's rule still opens the data; the app then suggests a longer one.
            crate::components::banners::note_short_passcode(crate::domain::lock::check_passcode(&passcode).is_err());
            code.try_set(String::new());
            tick.try_update(|t| *t += 1);
            // "Checking…" stays until the data is open: a second tap meanwhile does nothing.
            if let Unlock::Opened(key) = outcome {
                // Opened from here, so the code that reads and decrypts the data comes with
                // this form, not in the first download.
                match vault::open_with(key).await {
                    Ok(()) => on_unlock.run(()),
                    Err(e) => {
                        checking.try_set(false);
                        message.try_set(Some(e));
                    }
                }
                return;
            }
            checking.try_set(false);
            match outcome {
                Unlock::Opened(_) => {}
                Unlock::Wrong { wait: 0 } => {
                    message.try_set(Some(tr!("That isn't the passcode.").into()));
                }
                Unlock::Wrong { wait } => {
                    message.try_set(Some(fill(tr!("That isn't the passcode. You can try again in {}."), &[&describe_wait(wait)])));
                }
                Unlock::Failed(e) => {
                    message.try_set(Some(e));
                }
            }
        });
    };

    let button_text = move || match (checking.get(), wait()) {
        (true, _) => tr!("Checking…").to_string(),
        (false, 0) => tr!("Unlock").to_string(),
        (false, s) => fill(tr!("Wait {}"), &[&describe_wait(s)]),
    };

    view! {
        <form class="unlock" on:submit=submit>
            <div class="field">
                <label for="unlock-input">{tr!("Passcode")}</label>
                <input
                    id="unlock-input"
                    type="password"
                    autocomplete="off"
                    inputmode=numeric.then_some("numeric")
                    data-testid="unlock-input"
                    disabled=unusable
                    bind:value=code
                />
            </div>
            <button
                type="submit"
                class="button"
                data-testid="unlock-submit"
                disabled=move || unusable || checking.get() || (wait() > 0)
            >
                {button_text}
            </button>
            <p class="error" role="alert" data-testid="unlock-message">{move || message.get()}</p>
        </form>
        // With the form (split off): it only matters to someone trying to unlock.
        <p class="hint">
            {tr!("Forgotten your passcode? It can't be recovered — not by anyone — because your data is encrypted with it. To start again, clear this site's data in your browser's settings, then restore a backup file if you have one.")}
        </p>
    }
}
