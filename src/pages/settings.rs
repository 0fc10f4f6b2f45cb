//! Settings: helpline region, and the person's data — backup, restore, storage
//! and deleting everything.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;

use crate::components::clock::Clock;
use crate::components::region_picker::RegionPicker;
use crate::domain::backup::{self, AllData, Preview};
use crate::pages::today::long_date;
use crate::storage::{storage_manager, Store};

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <section class="page" data-testid="settings">
            <h1>"Settings"</h1>
            <h2>"Helplines"</h2>
            <p>"Choose your country to see its crisis and support lines on the Help screen."</p>
            <RegionPicker/>
            <h2>"Your data"</h2>
            <p>
                "Everything you enter is kept only in this browser on this device. Steady has no account "
                "and sends nothing anywhere. If you lose or replace your phone, a backup file is the only way to bring it back."
            </p>
            <StorageInfo/>
            <Backup/>
            <Restore/>
            <DeleteAll/>
            <p class="hint">"A passcode lock is not built yet."</p>
        </section>
    }
}

#[component]
fn StorageInfo() -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            let persistent = storage_manager("persisted").await.and_then(|v| v.as_bool());
            let used = storage_manager("estimate")
                .await
                .and_then(|e| js_sys::Reflect::get(&e, &"usage".into()).ok())
                .and_then(|u| u.as_f64());
            let kept = match persistent {
                Some(true) => "Your browser has agreed to keep Steady's data.",
                Some(false) => "Your browser may clear Steady's data if the phone runs low on space — keep a backup.",
                None => "This browser doesn't say whether it will keep Steady's data — keep a backup.",
            };
            let size = used.map(|b| format!(" Using about {} KB.", (b / 1024.0).ceil())).unwrap_or_default();
            status.set(Some(format!("{kept}{size}")));
        });
    };
    refresh();
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            let _ = storage_manager("persist").await;
            refresh();
        });
    };
    view! {
        <div class="card">
            <p data-testid="storage-status" role="status">{move || status.get()}</p>
            <button type="button" class="button secondary" on:click=ask>"Ask the browser to keep my data"</button>
        </div>
    }
}

fn download(name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, std::time::Duration::from_secs(30));
    Ok(())
}

#[component]
fn Backup() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let message = RwSignal::new(None::<String>);
    let export = move |_| {
        clock.refresh();
        let now = clock.local_untracked();
        let text = backup::export(&store.snapshot(), now);
        let incomplete = !store.problems.with_untracked(Vec::is_empty);
        message.set(Some(match download(&backup::file_name(now.date()), &text) {
            Ok(()) if incomplete => "Backup saved, but it leaves out the data Steady couldn't read — copy that from the message at the top.".into(),
            Ok(()) => {
                let mut settings = store.settings.get_untracked();
                settings.last_backup = Some(now.date());
                store.save(store.settings, settings);
                "Backup saved to your downloads. Keep it somewhere safe — it isn't encrypted.".into()
            }
            Err(_) => "Couldn't save the backup file in this browser.".into(),
        }));
    };
    view! {
        <div class="card">
            <h3>"Back up"</h3>
            <p>"Saves everything — counters, craving log, coping ratings, plan and settings — as one file."</p>
            <button type="button" class="button" data-testid="export-backup" on:click=export>"Download a backup"</button>
            <p role="status" data-testid="export-status">{move || message.get()}</p>
        </div>
    }
}

#[derive(Clone, PartialEq)]
struct Incoming {
    data: AllData,
    preview: Preview,
}

#[component]
fn Restore() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let incoming = RwSignal::new(None::<Incoming>);
    let merge = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);

    let choose = move |ev: leptos::ev::Event| {
        incoming.set(None);
        message.set(None);
        error.set(None);
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        if file.size() > backup::MAX_BYTES as f64 {
            error.set(Some("That file is over 10 MB — too big to be a Steady backup. Nothing was changed.".into()));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            let Some(text) = text else {
                error.set(Some("Couldn't read that file. Nothing was changed.".into()));
                return;
            };
            match backup::import(&text, clock.local_untracked()) {
                Ok((data, preview)) => incoming.set(Some(Incoming { data, preview })),
                Err(why) => error.set(Some(format!("{why} Nothing was changed."))),
            }
        });
    };
    let confirm = move |_| {
        let Some(Incoming { data, .. }) = incoming.get_untracked() else { return };
        let data = if merge.get_untracked() { backup::merge(&store.snapshot(), &data) } else { data };
        match store.replace_all(data) {
            Ok(()) => {
                incoming.set(None);
                message.set(Some("Your data is restored.".into()));
            }
            Err(why) => error.set(Some(why)),
        }
    };
    let preview_text = move || {
        incoming.with(|i| {
            i.as_ref().map(|i| {
                let p = &i.preview;
                let range = match (p.first_craving, p.last_craving) {
                    (Some(a), Some(b)) => format!(" from {} to {}", long_date(a), long_date(b)),
                    _ => String::new(),
                };
                vec![
                    format!("Made on {}", long_date(p.exported_at.date())),
                    format!("{} counters, with {} earlier streaks", p.counters, p.earlier_streaks),
                    format!("{} cravings{range}", p.cravings),
                    format!("{} plan items", p.plan_items),
                    format!("{} coping ratings", p.coping_ratings),
                ]
            })
        })
    };
    view! {
        <div class="card">
            <h3>"Restore from a backup"</h3>
            <label for="import-backup">"Choose a Steady backup file"</label>
            <input id="import-backup" type="file" accept="application/json,.json" data-testid="import-backup" on:change=choose/>
            <p class="error" role="alert" data-testid="import-error">{move || error.get()}</p>
            {move || preview_text().map(|lines| view! {
                <div class="notice" data-testid="import-preview">
                    <p><strong>"This backup holds:"</strong></p>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    <fieldset class="checks">
                        <legend>"What should happen to what's on this phone now?"</legend>
                        <div class="check">
                            <input type="radio" name="import-mode" id="import-replace" data-testid="import-mode-replace"
                                prop:checked=move || !merge.get() on:change=move |_| merge.set(false)/>
                            <label for="import-replace">"Replace it with the backup"</label>
                        </div>
                        <div class="check">
                            <input type="radio" name="import-mode" id="import-merge" data-testid="import-mode-merge"
                                prop:checked=move || merge.get() on:change=move |_| merge.set(true)/>
                            <label for="import-merge">"Keep it and add the backup"</label>
                        </div>
                    </fieldset>
                    <div class="actions">
                        <button type="button" class="button" data-testid="import-confirm" on:click=confirm>"Restore"</button>
                        <button type="button" class="button secondary" on:click=move |_| incoming.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
            <p role="status" data-testid="import-status">{move || message.get()}</p>
        </div>
    }
}

#[component]
fn DeleteAll() -> impl IntoView {
    let store = expect_context::<Store>();
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let ready = move || typed.with(|t| t.trim() == "DELETE");
    let delete = move |_| {
        if !ready() {
            return;
        }
        message.set(Some(match store.delete_everything() {
            Ok(()) => "Everything Steady stored on this device has been deleted.".into(),
            Err(e) => e,
        }));
        open.set(false);
        typed.set(String::new());
    };
    view! {
        <div class="card danger-zone">
            <h3>"Delete all my data"</h3>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="button secondary" data-testid="delete-all" on:click=move |_| open.set(true)>
                        "Delete all my data…"
                    </button>
                }
            >
                <p>"This removes your counters, craving log, plan and ratings from this device. It can't be undone — download a backup first if you might want them back."</p>
                <div class="field">
                    <label for="delete-confirm">"Type DELETE to confirm"</label>
                    <input id="delete-confirm" data-testid="delete-all-input" autocomplete="off" bind:value=typed/>
                </div>
                <div class="actions">
                    <button type="button" class="button danger" data-testid="delete-all-confirm" prop:disabled=move || !ready() on:click=delete>
                        "Delete everything"
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| { open.set(false); typed.set(String::new()); }>"Cancel"</button>
                </div>
            </Show>
            <p role="status" data-testid="delete-status">{move || message.get()}</p>
        </div>
    }
}
