//! Settings: helpline region, and the person's data — backup, restore, storage
//! and deleting everything.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;

use crate::components::clock::Clock;
use crate::components::focus::focus_soon;
use crate::components::language::LanguagePicker;
use crate::components::region_picker::RegionPicker;
use crate::domain::backup::{self, AllData, Preview, SetAside};
use crate::domain::transfer;
use crate::domain::dates::long_date;
use crate::domain::lock::{check_passcode, DEFAULT_IDLE_MINUTES, IDLE_CHOICES};
use crate::storage::{crypto, set_aside, storage_manager, Store};
use crate::components::auto_lock::AutoLock;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <section class="page" data-testid="settings">
            <h1>"Settings"</h1>
            <LanguagePicker/>
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
            <MoveData/>
            <SetAsideCopies/>
            <LockSettings/>
            <DeleteAll/>
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

/// Starts a download of `text`. (Whether the file is really saved, the browser doesn't say.)
fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, std::time::Duration::from_secs(30));
    Ok(())
}

/// The backup as a file for the share sheet, where the browser can share files.
fn shareable_file(name: &str, text: &str) -> Option<web_sys::File> {
    use js_sys::{Function, Reflect};
    let options = web_sys::FilePropertyBag::new();
    options.set_type("application/json");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).ok()?;
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let can_share = Reflect::get(&navigator, &"canShare".into()).ok()?.dyn_into::<Function>().ok()?;
    let data = js_sys::Object::new();
    Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).ok()?;
    can_share.call1(&navigator, &data).ok()?.as_bool()?.then_some(file)
}

/// Opens the share sheet with `file`. `Ok(false)`: the person closed it.
async fn share_file(file: web_sys::File) -> Result<bool, ()> {
    use js_sys::{Function, Reflect};
    let navigator: JsValue = web_sys::window().ok_or(())?.navigator().into();
    let share = Reflect::get(&navigator, &"share".into()).map_err(|_| ())?.dyn_into::<Function>().map_err(|_| ())?;
    let data = js_sys::Object::new();
    Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).map_err(|_| ())?;
    let promise = share.call1(&navigator, &data).map_err(|_| ())?.dyn_into::<js_sys::Promise>().map_err(|_| ())?;
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Ok(true),
        Err(e) if Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() == Some("AbortError") => Ok(false),
        Err(_) => Err(()),
    }
}

/// Making a backup. It counts as made (and the reminder on Today rests) only
/// once the share sheet says the file went somewhere, or the person says they
/// can see the downloaded file: on an iPhone a download can silently do nothing.
#[component]
fn Backup() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let message = RwSignal::new(None::<String>);
    // A download started on this date, waiting for "I can see the file".
    let unconfirmed = RwSignal::new(None::<chrono::NaiveDate>);
    // The file to hand over, and a note if part of the data couldn't be read.
    let prepare = move || {
        clock.refresh();
        unconfirmed.set(None);
        let now = clock.local_untracked();
        let text = backup::export(&store.snapshot(), now);
        (backup::file_name(now.date()), text, now.date())
    };
    let done = move |date, how: &str| -> String {
        if !store.problems.with_untracked(Vec::is_empty) {
            return format!("Backup {how}, but it leaves out the data Steady couldn't read — copy that from the message at the top.");
        }
        let mut settings = store.settings().get_untracked();
        settings.last_backup = Some(date);
        store.settings().save(settings);
        format!("Backup {how}. Keep it somewhere safe — it isn't encrypted.")
    };
    let export = move |_| {
        let (name, text, date) = prepare();
        message.set(Some(match download(&name, "application/json", &text) {
            Ok(()) => {
                unconfirmed.set(Some(date));
                format!("Saving “{name}”… Check that it's in your downloads or Files, then tap the button below.")
            }
            Err(_) => "Couldn't save the backup file in this browser.".into(),
        }));
    };
    let confirm = move |_| {
        if let Some(date) = unconfirmed.get_untracked() {
            unconfirmed.set(None);
            message.set(Some(done(date, "saved")));
        }
    };
    // Phones can hand the file straight to another app (Files, email, a cloud
    // drive, messages), and say whether it went: the first choice where offered.
    let can_share = shareable_file("steady-backup.json", "{}").is_some();
    let share = move |_| {
        let (name, text, date) = prepare();
        let Some(file) = shareable_file(&name, &text) else { return };
        leptos::task::spawn_local(async move {
            let outcome = match share_file(file).await {
                Ok(true) => done(date, "shared"),
                Ok(false) => "Not shared, so no backup was made this time. You can try again whenever you like.".into(),
                Err(()) => "Couldn't open the share sheet — use Download instead.".into(),
            };
            message.try_set(Some(outcome));
        });
    };
    let download_class = if can_share { "button secondary" } else { "button" };
    view! {
        <div class="card">
            <h3>"Back up"</h3>
            <p>"Saves everything — counters, craving log, coping ratings, plan and settings — as one file."</p>
            <div class="actions">
                {can_share.then(|| view! {
                    <button type="button" class="button" data-testid="share-backup" on:click=share>"Save or send a backup…"</button>
                })}
                <button type="button" class=download_class data-testid="export-backup" on:click=export>"Download a backup"</button>
            </div>
            <p role="status" data-testid="export-status">{move || message.get()}</p>
            <Show when=move || unconfirmed.with(Option::is_some)>
                <button type="button" class="button" data-testid="backup-saved-confirm" on:click=confirm>
                    "I can see the file — mark backed up"
                </button>
            </Show>
        </div>
    }
}

#[derive(Clone, PartialEq)]
struct Incoming {
    data: AllData,
    preview: Preview,
}

/// A backup on its way in, from a file or pasted: checked whole, previewed,
/// then restored (replacing or merging) only when the person confirms.
#[derive(Clone, Copy)]
struct Restoring {
    incoming: RwSignal<Option<Incoming>>,
    error: RwSignal<Option<String>>,
    message: RwSignal<Option<String>>,
}

impl Restoring {
    fn new() -> Restoring {
        Restoring { incoming: RwSignal::new(None), error: RwSignal::new(None), message: RwSignal::new(None) }
    }

    fn clear(self) {
        self.incoming.set(None);
        self.message.set(None);
        self.error.set(None);
    }

    fn refuse(self, why: &str) {
        self.error.set(Some(format!("{why} Nothing was changed.")));
    }

    /// Checks a backup's text; shows what it holds, or why it can't be used.
    fn check(self, text: &str, now: chrono::NaiveDateTime) {
        match backup::import(text, now) {
            Ok((data, preview)) => self.incoming.set(Some(Incoming { data, preview })),
            Err(why) => self.refuse(&why),
        }
    }
}

#[component]
fn Restore() -> impl IntoView {
    let clock = expect_context::<Clock>();
    let restoring = Restoring::new();

    let choose = move |ev: leptos::ev::Event| {
        restoring.clear();
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        if file.size() > backup::MAX_BYTES as f64 {
            return restoring.refuse("That file is over 10 MB — too big to be a Steady backup.");
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            match text {
                Some(text) => restoring.check(&text, clock.local_untracked()),
                None => restoring.refuse("Couldn't read that file."),
            }
        });
    };
    view! {
        <div class="card">
            <h3>"Restore from a backup"</h3>
            <label for="import-backup">"Choose a Steady backup file"</label>
            <input id="import-backup" type="file" accept="application/json,.json" data-testid="import-backup" on:change=choose/>
            <RestorePreview restoring name="import"/>
        </div>
    }
}

/// Why a backup was refused, what it holds with "Restore" (replace or merge),
/// and how it went. `name` prefixes its ids and test ids.
#[component]
fn RestorePreview(restoring: Restoring, name: &'static str) -> impl IntoView {
    let store = expect_context::<Store>();
    let Restoring { incoming, error, message } = restoring;
    let merge = RwSignal::new(false);
    let working = RwSignal::new(false);
    let confirm = move |_| {
        let Some(Incoming { data, .. }) = incoming.get_untracked() else { return };
        if working.get_untracked() {
            return;
        }
        let data = if merge.get_untracked() { backup::merge(&store.snapshot(), &data) } else { data };
        working.set(true);
        leptos::task::spawn_local(async move {
            match store.replace_all(data).await {
                Ok(()) => {
                    incoming.try_set(None);
                    message.try_set(Some("Your data is restored.".into()));
                }
                Err(why) => {
                    error.try_set(Some(why));
                }
            }
            working.try_set(false);
        });
    };
    let preview_text = move || {
        incoming.with(|i| {
            i.as_ref().map(|i| {
                let p = &i.preview;
                let range = match (p.first_craving, p.last_craving) {
                    (Some(a), Some(b)) => format!(" from {} to {}", long_date(a), long_date(b)),
                    _ => String::new(),
                };
                let mut lines = vec![
                    format!("Made on {}", long_date(p.exported_at.date())),
                    format!("{} counters, with {} earlier streaks", p.counters, p.earlier_streaks),
                    format!("{} cravings{range}", p.cravings),
                    format!("{} plan items", p.plan_items),
                    format!("{} coping ratings", p.coping_ratings),
                ];
                if p.set_aside > 0 {
                    lines.push(format!("{} set-aside copies of data that couldn't be read (added beside any here, never over your data)", p.set_aside));
                }
                if p.moved_to_now > 0 {
                    lines.push(format!("{} times later than this phone's clock allows — they'll be set to now", p.moved_to_now));
                }
                lines
            })
        })
    };
    let (replace_id, merge_id) = (format!("{name}-replace"), format!("{name}-merge"));
    view! {
        <p class="error" role="alert" data-testid=format!("{name}-error")>{move || error.get()}</p>
        {move || preview_text().map(|lines| view! {
            <div class="notice" data-testid=format!("{name}-preview")>
                <p><strong>"This backup holds:"</strong></p>
                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                <fieldset class="checks">
                    <legend>"What should happen to what's on this phone now?"</legend>
                    <div class="check">
                        <input type="radio" name=format!("{name}-mode") id=replace_id.clone() data-testid=format!("{name}-mode-replace")
                            prop:checked=move || !merge.get() on:change=move |_| merge.set(false)/>
                        <label for=replace_id.clone()>"Replace it with the backup"</label>
                    </div>
                    <div class="check">
                        <input type="radio" name=format!("{name}-mode") id=merge_id.clone() data-testid=format!("{name}-mode-merge")
                            prop:checked=move || merge.get() on:change=move |_| merge.set(true)/>
                        <label for=merge_id.clone()>"Keep it and add the backup"</label>
                    </div>
                </fieldset>
                <div class="actions">
                    <button type="button" class="button" data-testid=format!("{name}-confirm") prop:disabled=move || working.get() on:click=confirm>"Restore"</button>
                    <button type="button" class="button secondary" on:click=move |_| incoming.set(None)>"Cancel"</button>
                </div>
            </div>
        })}
        <p role="status" data-testid=format!("{name}-status")>{move || message.get()}</p>
    }
}

/// From a Safari tab to Steady on the Home Screen, which has storage of its
/// own and starts empty: with a backup file, or with copy and paste.
#[component]
fn MoveData() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let copy_status = RwSignal::new(None::<String>);
    // Shown to copy by hand where the browser wouldn't copy it.
    let by_hand = RwSignal::new(None::<String>);
    let copy = move |_| {
        clock.refresh();
        let block = transfer::encode(&backup::export(&store.snapshot(), clock.local_untracked()));
        let left_out = if store.problems.with_untracked(Vec::is_empty) {
            ""
        } else {
            " It leaves out the data Steady couldn't read — copy that from the message at the top."
        };
        by_hand.set(None);
        // Asked for at once, while the tap still counts (Safari requires it).
        let written = web_sys::window().map(|w| w.navigator().clipboard().write_text(&block));
        leptos::task::spawn_local(async move {
            let copied = match written {
                Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
                None => false,
            };
            if copied {
                copy_status.try_set(Some(format!("Copied. Now open Steady from your Home Screen and paste it under Paste my data.{left_out}")));
            } else {
                copy_status.try_set(Some(format!("This browser wouldn't copy it for Steady. Select all the text in the box below and copy it yourself.{left_out}")));
                by_hand.try_set(Some(block));
            }
        });
    };

    let restoring = Restoring::new();
    let pasted = RwSignal::new(String::new());
    let check = move |_| {
        restoring.clear();
        match transfer::decode(&pasted.get_untracked()) {
            Ok(text) => restoring.check(&text, clock.local_untracked()),
            Err(why) => restoring.refuse(&why),
        }
    };
    view! {
        <section class="card" id="move-data" data-testid="move-data" aria-labelledby="move-data-title">
            <h3 id="move-data-title">"Move your data to the Home Screen app"</h3>
            <p>
                "On an iPhone or iPad, Steady added to the Home Screen keeps its own storage, separate from Safari's, "
                "so it starts empty. Two ways to bring what's here along:"
            </p>
            <h4>"With a backup file"</h4>
            <ol>
                <li>"Here, in Safari: under Back up above, tap Save or send a backup… and choose Save to Files (or tap Download a backup)."</li>
                <li>"In Steady on the Home Screen: Settings, Restore from a backup, then choose that file."</li>
            </ol>
            <h4>"With copy and paste — no file needed"</h4>
            <ol>
                <li>"Here, in Safari: tap Copy my data."</li>
                <li>"In Steady on the Home Screen: Settings, then paste into the box under Paste my data and tap Check pasted data."</li>
            </ol>
            <button type="button" class="button" data-testid="copy-data" on:click=copy>"Copy my data"</button>
            <p role="status" data-testid="copy-status">{move || copy_status.get()}</p>
            {move || by_hand.get().map(|block| view! {
                <label for="copy-data-text">"Your data as text, to copy"</label>
                <textarea id="copy-data-text" readonly rows="4" data-testid="copy-data-text">{block}</textarea>
            })}
            <p class="hint">
                "The copied text isn't encrypted, and other apps can read what's on the clipboard. "
                "Once it's pasted, copy something else over it."
            </p>
            <label for="paste-data">"Paste my data"</label>
            <textarea id="paste-data" rows="4" data-testid="paste-data" autocomplete="off" autocapitalize="off" spellcheck="false"
                bind:value=pasted></textarea>
            <button type="button" class="button secondary" data-testid="paste-data-check" on:click=check>"Check pasted data"</button>
            <RestorePreview restoring name="paste"/>
        </section>
    }
}

/// Copies of data that couldn't be read, set aside at the person's request:
/// each can be looked at, copied, downloaded or (after a second tap) deleted.
#[component]
fn SetAsideCopies() -> impl IntoView {
    let store = expect_context::<Store>();
    // Read again after a delete here (the store's own changes refresh it too).
    let deleted = RwSignal::new(0u32);
    let copies = Memo::new(move |_| {
        deleted.track();
        store.set_aside_copies()
    });
    let shown = move || copies.with(|c| !c.is_empty()) || deleted.get() > 0;
    view! {
        <Show when=shown>
            <div class="card" data-testid="set-aside-list">
                <h3 id="set-aside-heading" tabindex="-1">"Data set aside"</h3>
                <p>
                    "When saved data couldn't be read, Steady kept it here, exactly as it was, instead of deleting it. "
                    "You can copy it, save it as a file for someone to look at, or delete it. Backups include it."
                </p>
                <ul class="set-aside-list">
                    <For each=move || copies.get() key=|c| c.name.clone() children=move |copy| view! { <SetAsideCopy copy deleted/> }/>
                </ul>
                <p role="status" data-testid="set-aside-deleted">
                    {move || (deleted.get() > 0).then(|| if copies.with(Vec::is_empty) { "Deleted. No data is set aside now." } else { "Deleted." })}
                </p>
            </div>
        </Show>
    }
}

#[component]
fn SetAsideCopy(copy: SetAside, deleted: RwSignal<u32>) -> impl IntoView {
    let store = expect_context::<Store>();
    let showing = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let what = set_aside::describe(&copy);
    let when = copy.origin().1.map(|ms| {
        let d = js_sys::Date::new(&JsValue::from_f64(ms as f64));
        chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
            .map(|day| format!(", set aside on {}", long_date(day)))
            .unwrap_or_default()
    });
    let ids = format!("set-aside-{}", copy.name.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    let (text_id, delete_id, confirm_id) = (format!("{ids}-text"), format!("{ids}-delete"), format!("{ids}-confirm"));
    let text = StoredValue::new(copy.text.clone());
    let name = StoredValue::new(copy.name.clone());
    let copy_text = move |_| {
        leptos::task::spawn_local(async move {
            let Some(window) = web_sys::window() else { return };
            let promise = window.navigator().clipboard().write_text(&text.get_value());
            let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            status.try_set(Some(if copied { "Copied." } else { "Couldn't copy automatically — tap Show and copy the text from the box." }.into()));
        });
    };
    let save_file = move |_| {
        let file = format!("steady-set-aside-{}.txt", name.get_value().trim_start_matches("steady."));
        status.set(Some(match download(&file, "text/plain", &text.get_value()) {
            Ok(()) => format!("Saving “{file}”."),
            Err(_) => "Couldn't save the file in this browser — use Copy instead.".into(),
        }));
    };
    let (delete_focus, confirm_focus) = (delete_id.clone(), confirm_id.clone());
    let delete = move |_| {
        match store.delete_set_aside(&name.get_value()) {
            // This item leaves the list; focus goes back to the section's heading.
            Ok(()) => {
                deleted.update(|n| *n += 1);
                focus_soon("set-aside-heading");
            }
            Err(why) => status.set(Some(why)),
        }
    };
    view! {
        <li class="set-aside" data-testid="set-aside-item">
            <p><strong>{what}</strong>{when}</p>
            <div class="actions">
                <button type="button" class="button secondary" data-testid="set-aside-view" aria-expanded=move || showing.get().to_string()
                    on:click=move |_| showing.update(|s| *s = !*s)>
                    {move || if showing.get() { "Hide" } else { "Show" }}
                </button>
                <button type="button" class="button secondary" data-testid="set-aside-copy" on:click=copy_text>"Copy text"</button>
                <button type="button" class="button secondary" data-testid="set-aside-download" on:click=save_file>"Download"</button>
                <button type="button" class="button secondary" id=delete_id data-testid="set-aside-delete"
                    on:click=move |_| { confirming.set(true); focus_soon(&confirm_focus); }>"Delete…"</button>
            </div>
            <Show when=move || showing.get()>
                <label for=text_id.clone()>"The stored text, exactly as it was"</label>
                <textarea id=text_id.clone() readonly rows="4" data-testid="set-aside-text">{text.get_value()}</textarea>
            </Show>
            <Show when=move || confirming.get()>
                <p>"Delete this copy? It can't be undone — copy or download it first if you might need it."</p>
                <div class="actions">
                    <button type="button" class="button danger" id=confirm_id.clone() data-testid="set-aside-delete-confirm" on:click=delete>"Delete this copy"</button>
                    <button type="button" class="button secondary" on:click={
                        let delete_focus = delete_focus.clone();
                        move |_| { confirming.set(false); focus_soon(&delete_focus); }
                    }>"Cancel"</button>
                </div>
            </Show>
            <p role="status" data-testid="set-aside-status">{move || status.get()}</p>
        </li>
    }
}

#[component]
fn DeleteAll() -> impl IntoView {
    let store = expect_context::<Store>();
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let ready = move || typed.with(|t| t.trim() == "DELETE");
    let close = move || {
        open.set(false);
        typed.set(String::new());
        focus_soon("delete-all");
    };
    let delete = move |_| {
        if !ready() {
            return;
        }
        message.set(Some(match store.delete_everything() {
            Ok(()) => "Everything Steady stored on this device has been deleted.".into(),
            Err(e) => e,
        }));
        close();
    };
    view! {
        <div class="card danger-zone">
            <h3>"Delete all my data"</h3>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="button secondary" id="delete-all" data-testid="delete-all" on:click=move |_| { open.set(true); focus_soon("delete-confirm"); }>
                        "Delete all my data…"
                    </button>
                }
            >
                <p>"This removes your counters, craving log, plan, ratings, passcode lock and any set-aside copies of data that couldn't be read from this device. It can't be undone — download a backup first if you might want them back."</p>
                <div class="field">
                    <label for="delete-confirm">"Type DELETE to confirm"</label>
                    <input id="delete-confirm" data-testid="delete-all-input" autocomplete="off" bind:value=typed/>
                </div>
                <div class="actions">
                    <button type="button" class="button danger" data-testid="delete-all-confirm" prop:disabled=move || !ready() on:click=delete>
                        "Delete everything"
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| close()>"Cancel"</button>
                </div>
            </Show>
            <p role="status" data-testid="delete-status">{move || message.get()}</p>
        </div>
    }
}

/// Set, change or remove the passcode lock.
#[component]
fn LockSettings() -> impl IntoView {
    let store = expect_context::<Store>();
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    // Only turning the lock on or off swaps the form: other changes to the record
    // (a wrong guess elsewhere, the helpline country) must not clear what is typed.
    let lock_on = Memo::new(move |_| store.lock.with(Option::is_some));
    view! {
        <div class="card" data-testid="lock-settings">
            <h3>"Passcode lock"</h3>
            <p>
                "With a passcode, everything Steady stores on this phone is encrypted, and Steady asks for the "
                "passcode when you open it, when you come back to it, and after a few minutes untouched. "
                "Helplines and the overdose steps stay on the lock screen, so help is never locked away."
            </p>
            <details>
                <summary>"What the lock does and doesn't protect"</summary>
                <p>"It protects against someone who picks up or borrows your phone and opens Steady: without the passcode they see only the lock screen."</p>
                <p>"It doesn't protect against:"</p>
                <ul>
                    <li>"someone who knows your passcode or watches you type it;"</li>
                    <li>"someone who copies the phone's browser data and has time and a computer — they can try every 4-to-8-digit code quickly; a long phrase is much harder to guess;"</li>
                    <li>"spying apps on the phone, or someone using it while Steady is unlocked;"</li>
                    <li>"backup files you download — those aren't encrypted."</li>
                </ul>
                <p>"Your helpline country, the lock's own settings and which months have log entries are stored unencrypted. If you forget the passcode, your data can't be recovered by anyone — keep a backup."</p>
            </details>
            {move || if lock_on.get() {
                view! { <LockOn status error/> }.into_any()
            } else {
                view! { <LockOff status error/> }.into_any()
            }}
            <p class="error" role="alert" data-testid="lock-error">{move || error.get()}</p>
            <p role="status" data-testid="lock-status">{move || status.get()}</p>
        </div>
    }
}

/// Checks a new passcode and its repeat.
fn new_passcode(code: &str, again: &str) -> Result<(), String> {
    check_passcode(code)?;
    if code != again {
        return Err("The two passcodes don't match.".into());
    }
    Ok(())
}

/// A passcode input; its id is also its test id.
#[component]
fn PasscodeField(id: &'static str, label: &'static str, autocomplete: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="password" autocomplete=autocomplete data-testid=id bind:value=value/>
        </div>
    }
}

#[component]
fn IdlePicker(value: RwSignal<u32>, #[prop(into)] on_pick: Callback<u32>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="lock-idle">"Lock after this long untouched"</label>
            <select id="lock-idle" data-testid="lock-idle" on:change=move |ev| {
                if let Ok(minutes) = event_target_value(&ev).parse::<u32>() {
                    value.set(minutes);
                    on_pick.run(minutes);
                }
            }>
                {IDLE_CHOICES.into_iter().map(|m| view! {
                    <option value=m.to_string() selected=move || value.get() == m>
                        {if m == 1 { "1 minute".to_string() } else { format!("{m} minutes") }}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn LockOff(status: RwSignal<Option<String>>, error: RwSignal<Option<String>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let code = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let idle = RwSignal::new(DEFAULT_IDLE_MINUTES);
    let working = RwSignal::new(false);
    let available = crypto::available();
    let set = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if working.get_untracked() {
            return;
        }
        let (passcode, repeat) = (code.get_untracked(), again.get_untracked());
        if let Err(why) = new_passcode(&passcode, &repeat) {
            return error.set(Some(why));
        }
        error.set(None);
        working.set(true);
        status.set(Some("Encrypting your data…".into()));
        leptos::task::spawn_local(async move {
            match store.turn_on_lock(&passcode, idle.get_untracked()).await {
                Ok(()) => {
                    status.try_set(Some("The lock is on. Everything Steady stores is now encrypted.".into()));
                }
                Err(why) => {
                    status.try_set(None);
                    error.try_set(Some(why));
                }
            }
            working.try_set(false);
        });
    };
    view! {
        <Show when=move || available fallback=|| view! {
            <p class="hint">"This browser can only encrypt on a secure (https) connection, so the lock isn't available here."</p>
        }>
            <form on:submit=set>
                <PasscodeField id="lock-passcode" label="New passcode: 4 to 8 digits, or a phrase" autocomplete="new-password" value=code/>
                <PasscodeField id="lock-passcode-again" label="The same passcode again" autocomplete="new-password" value=again/>
                <IdlePicker value=idle on_pick=|_| {}/>
                <button type="submit" class="button" data-testid="lock-set" disabled=move || working.get()>
                    "Turn on the lock"
                </button>
            </form>
        </Show>
    }
}

#[component]
fn LockOn(status: RwSignal<Option<String>>, error: RwSignal<Option<String>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let auto_lock = expect_context::<AutoLock>();
    let idle = RwSignal::new(store.lock.with_untracked(|l| l.as_ref().map_or(DEFAULT_IDLE_MINUTES, |l| l.idle_minutes)));
    let current = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let working = RwSignal::new(false);
    let pick_idle = move |minutes| match store.set_lock_idle(minutes) {
        Ok(()) => status.set(Some("Saved.".into())),
        Err(why) => error.set(Some(why)),
    };
    let run = move |change: bool| {
        if working.get_untracked() {
            return;
        }
        let (old, new, repeat) = (current.get_untracked(), code.get_untracked(), again.get_untracked());
        if old.is_empty() {
            return error.set(Some("Type your current passcode first.".into()));
        }
        if change {
            if let Err(why) = new_passcode(&new, &repeat) {
                return error.set(Some(why));
            }
        }
        error.set(None);
        working.set(true);
        status.set(Some(if change { "Re-encrypting your data…" } else { "Decrypting your data…" }.into()));
        leptos::task::spawn_local(async move {
            let outcome = if change { store.change_passcode(&old, &new).await } else { store.remove_lock(&old).await };
            match outcome {
                Ok(()) => {
                    status.try_set(Some(if change {
                        "Your passcode is changed."
                    } else {
                        "The lock is off. Steady's data is stored unencrypted again."
                    }.into()));
                    current.try_set(String::new());
                    code.try_set(String::new());
                    again.try_set(String::new());
                }
                Err(why) => {
                    status.try_set(None);
                    error.try_set(Some(why));
                }
            }
            working.try_set(false);
        });
    };
    view! {
        <p>"The lock is on."</p>
        <button type="button" class="button" data-testid="lock-now" on:click=move |_| auto_lock.lock(store)>"Lock now"</button>
        <IdlePicker value=idle on_pick=pick_idle/>
        <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); run(true) }>
            <PasscodeField id="lock-current" label="Current passcode" autocomplete="off" value=current/>
            <PasscodeField id="lock-new" label="New passcode (to change it)" autocomplete="new-password" value=code/>
            <PasscodeField id="lock-new-again" label="The new passcode again" autocomplete="new-password" value=again/>
            <div class="actions">
                <button type="submit" class="button" data-testid="lock-change" disabled=move || working.get()>"Change passcode"</button>
                <button type="button" class="button secondary" data-testid="lock-remove" disabled=move || working.get() on:click=move |_| run(false)>
                    "Turn off the lock"
                </button>
            </div>
        </form>
    }
}
