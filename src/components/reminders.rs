//! Reminders while Steady is open or installed, where the browser allows:
//! a local notification (through the service worker) when Steady is opened or
//! comes back to the foreground with a dose due or an appointment within the
//! hour, and a badge on the installed icon while something is due. Both are
//! off until the person turns them on in Settings; notifications ask the
//! browser's permission only on that tap, never on opening.
//!
//! With no server, nothing arrives while Steady is closed: the calendar file
//! does that. The words are discreet (a time, not a medication's name): a
//! notification shows on the lock screen.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::components::clock::Clock;
use crate::domain::meds::{due_now, Reminder};
use crate::storage::Store;

thread_local! {
    /// The check [`watch`] runs, once started.
    static CHECK: RefCell<Option<Rc<dyn Fn(bool)>>> = const { RefCell::new(None) };
    /// The listener and the timer that call `CHECK` are there.
    static LISTENING: Cell<bool> = const { Cell::new(false) };
    /// Notified in this tab already (through reloads too): opening Steady again
    /// or reloading it doesn't repeat them.
    static NOTIFIED: RefCell<HashSet<String>> = RefCell::new(
        crate::storage::tab_note(NOTIFIED_NOTE).map(|keys| keys.lines().map(str::to_owned).collect()).unwrap_or_default(),
    );
}

fn navigator() -> Option<JsValue> {
    Some(web_sys::window()?.navigator().into())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &name.into()).ok()?.dyn_into::<Function>().ok()
}

/// Whether this browser can show a badge on an installed app's icon.
pub fn can_badge() -> bool {
    navigator().and_then(|n| method(&n, "setAppBadge")).is_some()
}

/// The browser's notification permission: "granted", "denied", "default", or
/// `None` where it has no notifications (Safari on iPhone outside the Home Screen app).
pub fn permission() -> Option<String> {
    let notification = Reflect::get(&web_sys::window()?.into(), &"Notification".into()).ok().filter(|n| !n.is_undefined())?;
    Reflect::get(&notification, &"permission".into()).ok()?.as_string()
}

/// Asks for permission (only ever on the person's tap). True if granted.
pub async fn ask_permission() -> bool {
    let Some(notification) = web_sys::window().and_then(|w| Reflect::get(&w.into(), &"Notification".into()).ok()) else { return false };
    let Some(request) = method(&notification, "requestPermission") else { return false };
    let Some(promise) = request.call0(&notification).ok().and_then(|p| p.dyn_into::<Promise>().ok()) else { return false };
    JsFuture::from(promise).await.ok().and_then(|v| v.as_string()).as_deref() == Some("granted")
}

fn set_badge(count: usize) {
    let Some(navigator) = navigator() else { return };
    let call = if count > 0 {
        method(&navigator, "setAppBadge").map(|f| f.call1(&navigator, &JsValue::from(count as u32)))
    } else {
        method(&navigator, "clearAppBadge").map(|f| f.call0(&navigator))
    };
    // A refused badge (not installed, say) changes nothing for the person.
    if let Some(Ok(promise)) = call {
        if let Ok(promise) = promise.dyn_into::<Promise>() {
            leptos::task::spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    }
}

/// Shows one notification through the service worker (phones allow no other way), tagged
/// `tag`: the same dose or visit then replaces its earlier notification rather than adding
/// another. With the lock on the tag is the reminder's hidden name, so what the phone keeps of
/// it doesn't say which dose, day or time either.
async fn notify(reminder: &Reminder, tag: &str) -> Result<(), JsValue> {
    let navigator = navigator().ok_or(JsValue::NULL)?;
    let workers = Reflect::get(&navigator, &"serviceWorker".into())?;
    let ready: Promise = Reflect::get(&workers, &"ready".into())?.dyn_into()?;
    let registration = JsFuture::from(ready).await?;
    let options = js_sys::Object::new();
    Reflect::set(&options, &"body".into(), &reminder.message().into())?;
    Reflect::set(&options, &"tag".into(), &tag.into())?;
    Reflect::set(&options, &"icon".into(), &"/icons/icon-192.png".into())?;
    let show = method(&registration, "showNotification").ok_or(JsValue::NULL)?;
    let shown: Promise = show.call2(&registration, &"Steady".into(), &options)?.dyn_into()?;
    JsFuture::from(shown).await.map(|_| ())
}

const NOTIFIED_NOTE: &str = "notified";

fn note_notified(change: impl FnOnce(&mut HashSet<String>)) {
    let keys = NOTIFIED.with(|n| {
        let mut notified = n.borrow_mut();
        change(&mut notified);
        // One key a line: keys are made of digits, letters and - : . + / (no line breaks).
        notified.iter().map(String::as_str).collect::<Vec<_>>().join("\n")
    });
    crate::storage::keep_tab_note(NOTIFIED_NOTE, &keys);
}

/// Notifies of what is due and not yet notified in this tab.
fn notify_due(due: Vec<Reminder>) {
    if permission().as_deref() != Some("granted") {
        return;
    }
    // Noted (and tagged) as the lock would store them: neither says which dose, day or time.
    let due: Vec<(String, Reminder)> = due.into_iter().map(|r| (crate::storage::tab_note_name(&r.key), r)).collect();
    // What is no longer due is forgotten, so the list stays short.
    note_notified(|notified| notified.retain(|noted| due.iter().any(|(n, _)| n == noted)));
    for (noted, reminder) in due {
        if NOTIFIED.with(|n| !n.borrow().contains(&noted)) {
            note_notified(|notified| {
                notified.insert(noted.clone());
            });
            leptos::task::spawn_local(async move {
                if notify(&reminder, &noted).await.is_err() {
                    // Not shown: let a later opening try again.
                    note_notified(|notified| {
                        notified.remove(&noted);
                    });
                }
            });
        }
    }
}

/// Stops checking with the store of the app being removed (Steady locked);
/// the app drawn at the unlock starts again with its own.
pub fn stop() {
    CHECK.set(None);
}

/// Starts keeping the badge up to date (each minute and on coming back) and
/// notifying on opening and on coming back to the foreground, for as long as
/// the page is open; once started, checks again now (`opening`: notifying too).
/// Timers and a listener rather than effects, so it outlives the screen
/// (Settings) that may start it.
pub fn watch(store: Store, clock: Clock, opening: bool) {
    if let Some(check) = CHECK.with(|c| c.borrow().clone()) {
        check(opening);
        return;
    }
    let had_badge = Cell::new(false);
    let check: Rc<dyn Fn(bool)> = Rc::new(move |opening: bool| {
        let now = clock.local_untracked();
        let taken = untrack(|| store.taken_on(now.date()));
        let Some((notify, badge, due)) = store.meds().try_with_untracked(|d| (d.notify, d.badge, due_now(d, &taken, now))) else { return };
        let had = had_badge.replace(badge);
        if badge || had {
            set_badge(if badge { due.len() } else { 0 });
        }
        if opening && notify && !document().hidden() {
            notify_due(due);
        }
    });
    CHECK.set(Some(check.clone()));
    let listening = LISTENING.replace(true);
    check(opening);
    if listening {
        return;
    }
    // Both live as long as the page, and check with whichever store the app has at the time.
    std::mem::forget(window_event_listener(leptos::ev::visibilitychange, move |_| {
        if let Some(check) = CHECK.with(|c| c.borrow().clone()) {
            check(true);
        }
    }));
    let _ = set_interval_with_handle(
        || {
            if let Some(check) = CHECK.with(|c| c.borrow().clone()) {
                check(false);
            }
        },
        std::time::Duration::from_secs(60),
    );
}

/// Settings: notifications and the badge, each with what this browser can do.
#[component]
pub fn ReminderSettings() -> impl IntoView {
    let store = expect_context::<Store>();
    // Read here: after the permission prompt (async) there is no context to read them from.
    let clock = expect_context::<Clock>();
    let message = RwSignal::new(None::<&'static str>);
    let notify_on = move || store.meds().with(|d| d.notify);
    let badge_on = move || store.meds().with(|d| d.badge);
    let has_notifications = permission().is_some();
    let set_notify = move |on: bool| {
        if !on {
            let _ = store.meds().modify(|d| Ok::<_, ()>(d.notify = false));
            message.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            if ask_permission().await {
                let _ = store.meds().modify(|d| Ok::<_, ()>(d.notify = true));
                message.set(Some(tr!("On. When you open Steady with a dose due or an appointment within the hour, a notification comes too.")));
                watch(store, clock, true);
            } else {
                message.set(Some(tr!("Notifications are blocked for Steady. You can allow them in your browser's or phone's settings for this site.")));
            }
        });
    };
    let set_badge_choice = move |on: bool| {
        let _ = store.meds().modify(|d| Ok::<_, ()>(d.badge = on));
        // Started if need be, and the badge set (or cleared) now.
        watch(store, clock, false);
    };
    view! {
        <div class="card" data-testid="reminder-settings">
            <h3>{tr!("While Steady is open or installed")}</h3>
            <div class="check">
                <input type="checkbox" id="notify-toggle" data-testid="notify-toggle" disabled=!has_notifications
                    prop:checked=move || notify_on() && permission().as_deref() == Some("granted") on:change=move |ev| set_notify(event_target_checked(&ev))/>
                <label for="notify-toggle">{tr!("Notify me when I open Steady and something is due")}</label>
            </div>
            {(!has_notifications).then(|| view! {
                <p class="hint" data-testid="notify-unavailable">{tr!("This browser can't show notifications from Steady. On an iPhone or iPad, add Steady to your Home Screen first, then open it from there.")}</p>
            })}
            <div class="check">
                <input type="checkbox" id="badge-toggle" data-testid="badge-toggle" disabled=!can_badge()
                    prop:checked=badge_on on:change=move |ev| set_badge_choice(event_target_checked(&ev))/>
                <label for="badge-toggle">{tr!("Show a badge on Steady's icon while something is due")}</label>
            </div>
            {(!can_badge()).then(|| view! {
                <p class="hint" data-testid="badge-unavailable">{tr!("This browser doesn't show badges on app icons.")}</p>
            })}
            <p role="status" data-testid="notify-status">{move || message.get()}</p>
        </div>
    }
}
