//! Notes about where Steady is running, on Today: in a Safari tab on an
//! iPhone or iPad, how to keep the data (add Steady to the Home Screen and
//! bring the data along); in what looks like a private window, that nothing
//! will be kept. Only the cheap checks are in the first download; the cards
//! are split off and fetched for the few who see them.

use leptos::prelude::*;

use crate::components::focus::focus_soon;
use crate::domain::device;
use crate::domain::settings::Settings;
use crate::split::{lazy_part, split_view};
use crate::storage::{storage_manager, storage_writable, Store};

/// Safari on an iPhone or iPad, in a tab (not opened from the Home Screen).
fn in_safari_tab() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    let standalone = js_sys::Reflect::get(&navigator, &"standalone".into()).ok().and_then(|s| s.as_bool());
    let touch_points = u32::try_from(navigator.max_touch_points()).unwrap_or(0);
    device::in_safari_tab(&navigator.user_agent().unwrap_or_default(), standalone, touch_points)
}

/// In a Safari tab, once something real is stored (a counter, a craving or a
/// plan), until "Got it".
#[component]
pub fn InstallGuide() -> impl IntoView {
    let store = expect_context::<Store>();
    let tab = in_safari_tab();
    let show = move || {
        tab && !store.settings().with(|s| s.install_guide_dismissed)
            && (store.counters().with(|c| !c.list.is_empty()) || store.log.months.with(|m| !m.is_empty()) || store.plan_stored())
    };
    view! { <Show when=show>{lazy_part(install_guide_card)}</Show> }
}

split_view!(install_guide, fn install_guide_card() { view! { <InstallGuideCard/> } });

#[component]
fn InstallGuideCard() -> impl IntoView {
    let store = expect_context::<Store>();
    let dismiss = move |_| {
        remember(store, |s| s.install_guide_dismissed = true);
        focus_soon("main");
    };
    view! {
        <div class="card install-guide" data-testid="install-guide" role="region" aria-labelledby="install-guide-title">
            <h2 id="install-guide-title">{tr!("Keep what you write here")}</h2>
            <p>
                {tr!("In a Safari tab, your iPhone or iPad may delete what Steady keeps here if you don't open it for about a week. ")}
                {tr!("Steady on your Home Screen keeps its data.")}
            </p>
            <ol class="steps">
                <li>{tr!("Tap the Share button (the square with an arrow), then ")} <strong>{tr!("Add to Home Screen")}</strong> "."</li>
                <li>{tr!("Open Steady from the Home Screen once while you're online. It needs the internet that first time; after that it works offline.")}</li>
                <li>
                    {tr!("The Home Screen app starts empty — it can't see what's here in Safari. ")}
                    {tr!("Bring your data along with a backup file or with copy and paste.")}
                </li>
            </ol>
            <div class="actions">
                <a class="button" href="/settings#move-data" data-testid="install-guide-move">{tr!("Move my data")}</a>
                <button type="button" class="button secondary" data-testid="install-guide-dismiss" on:click=dismiss>{tr!("Got it")}</button>
            </div>
        </div>
    }
}

/// Notes in the settings that a card was put away.
fn remember(store: Store, note: fn(&mut Settings)) {
    let _ = store.settings().modify(|s| {
        note(s);
        Ok::<_, ()>(())
    });
}

thread_local! {
    /// Checked once per visit (the check writes a probe to storage).
    static LOOKS_PRIVATE: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

/// Put away for this visit even where it can't be stored.
static PRIVATE_NOTE_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Said once where storage looks like it disappears when the window closes.
#[component]
pub fn PrivateNote() -> impl IntoView {
    use std::sync::atomic::Ordering;
    let store = expect_context::<Store>();
    let seen = move || PRIVATE_NOTE_CLOSED.load(Ordering::Relaxed) || store.settings().with(|s| s.private_note_seen);
    let private = RwSignal::new(LOOKS_PRIVATE.get().unwrap_or(false));
    if !seen() && LOOKS_PRIVATE.get().is_none() {
        leptos::task::spawn_local(async move {
            let quota = storage_manager("estimate")
                .await
                .and_then(|e| js_sys::Reflect::get(&e, &"quota".into()).ok())
                .and_then(|q| q.as_f64());
            let looks = device::looks_private(storage_writable(), quota);
            LOOKS_PRIVATE.set(Some(looks));
            private.try_set(looks);
        });
    }
    let close = Callback::new(move |()| {
        PRIVATE_NOTE_CLOSED.store(true, Ordering::Relaxed);
        private.set(false);
        // Where nothing can be stored, there is nothing to remember it in (and no failure to show).
        if storage_writable() {
            remember(store, |s| s.private_note_seen = true);
        }
        focus_soon("main");
    });
    view! { <Show when=move || private.get() && !seen()>{lazy_part(move || private_note(close))}</Show> }
}

split_view!(install_guide, fn private_note(close: Callback<()>) { view! { <PrivateNoteCard close/> } });

#[component]
fn PrivateNoteCard(close: Callback<()>) -> impl IntoView {
    view! {
        <div class="card" data-testid="private-note" role="region" aria-labelledby="private-note-title">
            <h2 id="private-note-title">{tr!("This looks like a private window")}</h2>
            <p>
                {tr!("If it is, nothing you enter will be kept after this tab closes. ")}
                {tr!("To keep your counter, log and plan, open Steady in an ordinary tab.")}
            </p>
            <button type="button" class="button secondary" data-testid="private-note-dismiss" on:click=move |_| close.run(())>{tr!("OK")}</button>
        </div>
    }
}
