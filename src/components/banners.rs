//! Messages about stored data: what couldn't be read, and saves that failed.

use leptos::prelude::*;

use crate::split::{lazy_part, split_view};
use crate::storage::{Problem, Store};

/// Shown when stored data could not be read. Nothing is deleted; the person can
/// copy the text out, and only on their say-so is it set aside. Rarely needed,
/// so its code is fetched only then.
#[component]
pub fn StorageProblems() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <Show when=move || store.problems.with(|problems| !problems.is_empty())>
            {lazy_part(problem_notices)}
        </Show>
    }
}

split_view!(problems, fn problem_notices() { view! { <ProblemNotices/> } });

#[component]
fn ProblemNotices() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <For
            each=move || store.problems.get()
            key=|problem| (problem.key.clone(), problem.raw.clone())
            children=move |problem| view! { <ProblemNotice problem store/> }
        />
    }
}

#[component]
fn ProblemNotice(problem: Problem, store: Store) -> impl IntoView {
    let key = problem.key.clone();
    let text_id = format!("raw-{key}");
    let copied = RwSignal::new(None::<&'static str>);
    let outcome = RwSignal::new(None::<String>);
    let raw = problem.raw.clone();
    // Data a newer version wrote is fine, just newer than this tab: setting it aside would
    // put old-format data in its place for every tab. Reloading brings the newer version.
    let too_new = matches!(problem.kind, crate::storage::envelope::ProblemKind::TooNew(_));

    let copy = move |_| {
        let raw = raw.clone();
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        leptos::task::spawn_local(async move {
            let done = match clipboard {
                Some(c) => wasm_bindgen_futures::JsFuture::from(c.write_text(&raw)).await.is_ok(),
                None => false,
            };
            copied.set(Some(if done {
                tr!("Copied. Paste it somewhere safe, like a note or an email to yourself.")
            } else {
                tr!("Couldn't copy automatically. Select the text in the box and copy it.")
            }));
        });
    };
    let set_aside = move |_| {
        let key = key.clone();
        leptos::task::spawn_local(async move {
            if let Err(why) = store.set_aside(&key).await {
                outcome.try_set(Some(why));
            }
        });
    };

    view! {
        <section class="notice notice-problem" role="alert" data-testid="storage-problem" data-key=problem.key.clone()>
            <h2>{tr!("Some saved data couldn't be read")}</h2>
            <p>{problem.message()}</p>
            <label for=text_id.clone()>{tr!("The stored text, exactly as it is")}</label>
            <textarea id=text_id readonly rows="3" data-testid="storage-problem-raw">
                {problem.raw.clone()}
            </textarea>
            <p class="detail">
                {tr!("Details: ")} {problem.detail()}
                {problem.parser_detail().map(|words| view! { " " <code lang="en" translate="no">{words.to_owned()}</code> })}
            </p>
            <div class="actions">
                <button type="button" class="button" on:click=copy>{tr!("Copy text")}</button>
                {if too_new {
                    let reload = |_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    };
                    view! {
                        <button type="button" class="button secondary" on:click=reload data-testid="problem-reload">
                            {tr!("Reload to update")}
                        </button>
                    }
                    .into_any()
                } else {
                    view! {
                        <button type="button" class="button secondary" on:click=set_aside data-testid="set-aside">
                            {tr!("Keep a copy aside and start fresh")}
                        </button>
                    }
                    .into_any()
                }}
            </div>
            <p role="status">{move || copied.get()}</p>
            <p class="error">{move || outcome.get()}</p>
        </section>
    }
}

/// From 80 % full, a word above every screen pointing to what can be done (in
/// Settings). Counting reads every stored value, so it is done once a few
/// seconds after start-up, never on the way to the first screen — and again
/// after a save fails.
#[component]
pub fn RoomWarning() -> impl IntoView {
    let store = expect_context::<Store>();
    let nearly_full = RwSignal::new(false);
    let check = move || {
        nearly_full.try_set(crate::storage::room().nearly_full());
    };
    set_timeout(check, std::time::Duration::from_secs(3));
    Effect::new(move |_| {
        if store.save_error.with(Option::is_some) {
            check();
        }
    });
    view! { <Show when=move || nearly_full.get()>{lazy_part(room_notice)}</Show> }
}

split_view!(room, fn room_notice() {
    view! {
        <p class="notice notice-problem" data-testid="room-warning">
            {tr!("Steady's storage on this device is nearly full. Nothing has been deleted.")} " "
            <a href="/settings#storage-room">{tr!("What you can do")}</a>
        </p>
    }
});

thread_local! {
    /// Whether the passcode just typed to unlock is shorter than Steady now asks for.
    static SHORT_AT_UNLOCK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Called by the unlock form with the passcode that opened the data: one set before Steady asked
/// for at least 6 digits (or an 8-character phrase) still works, and only then is its length known
/// (it is never stored). Reliability review 2026-12-06, S2.
pub fn note_short_passcode(short: bool) {
    SHORT_AT_UNLOCK.with(|s| s.set(short));
}

/// Whether to suggest a longer passcode in this unlocked app: until it is changed or put away.
#[derive(Clone, Copy)]
pub struct ShortPasscode(pub RwSignal<bool>);

impl ShortPasscode {
    pub fn at_unlock() -> Self {
        Self(RwSignal::new(SHORT_AT_UNLOCK.with(|s| s.replace(false))))
    }
}

#[component]
pub fn ShortPasscodeNotice() -> impl IntoView {
    let short = expect_context::<ShortPasscode>().0;
    view! { <Show when=move || short.get()>{lazy_part(move || short_passcode_notice(short))}</Show> }
}

split_view!(short_passcode, fn short_passcode_notice(short: RwSignal<bool>) {
    view! {
        <p class="notice notice-problem" data-testid="short-passcode">
            {tr!("Your passcode is shorter than Steady now asks for: someone with a copy of this phone's data could try every code that short in moments.")} " "
            <a href="/settings#lock-settings" data-testid="short-passcode-change">{tr!("Choose a longer one")}</a> " "
            <button type="button" class="button secondary" data-testid="short-passcode-dismiss" on:click=move |_| short.set(false)>{tr!("Not now")}</button>
        </p>
    }
});

/// A save that failed stays visible until a later save succeeds.
#[component]
pub fn SaveErrorBanner() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <div class="save-error-region" role="alert" aria-live="assertive">
            {move || {
                store
                    .save_error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="notice notice-error" data-testid="save-error">
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
