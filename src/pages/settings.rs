//! Settings: helpline region, and the person's data — backup, restore, storage
//! and deleting everything.

use leptos::prelude::*;

use crate::components::reminders::ReminderSettings;
use crate::components::shared_plan::SupportingLink;
use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;

use crate::components::clock::Clock;
use crate::components::focus::focus_soon;
use crate::components::files::{download, share_file, shareable_file};
use crate::components::language::LanguagePicker;
use crate::components::region_picker::RegionPicker;
use crate::domain::backup::{self, AllData, Preview, SetAside};
use crate::domain::transfer;
use crate::domain::dates::{long_date, minutes_text};
use crate::domain::i18n::fill;
use crate::domain::lock::{check_passcode, DEFAULT_IDLE_MINUTES, IDLE_CHOICES};
use crate::domain::protected::{self, Protected};
use crate::storage::{crypto, set_aside, storage_manager, Store};
use crate::components::auto_lock::AutoLock;
use crate::components::banners::ShortPasscode;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let all_open = expect_context::<Store>().all_open;
    view! {
        <section class="page" data-testid="settings">
            <h1>{tr!("Settings")}</h1>
            <LanguagePicker/>
            <h2>{tr!("Helplines")}</h2>
            <p>{tr!("Choose your country to see its crisis and support lines on the Help screen.")}</p>
            <RegionPicker/>
            <h2>{tr!("Reminders")}</h2>
            <ul class="card" data-testid="settings-reminders">
                <li>{tr!("Steady has no server, so nothing can arrive from it while it's closed — on any phone.")}</li>
                <li>{tr!("Your phone's calendar can remind you: on the medication screen, “Add to my calendar” makes a file with an alarm for each dose time, injection or pickup day and your naloxone's expiry. On an iPhone it opens in Calendar; on Android, open the downloaded file with your calendar app.")}</li>
                <li>{tr!("While Steady is open, Today shows a dose that is due within the hour, your next doses and your next appointment.")}</li>
                <li>{tr!("Where the browser allows it (on Android in Chrome or an installed Steady; on iPhone only once Steady is on the Home Screen), Steady can also send a notification when you open it with something due, and put a badge on its icon. Both are off until you turn them on below.")}</li>
            </ul>
            <ReminderSettings/>
            <p><a class="button secondary" href="/meds" data-testid="settings-meds">{tr!("Medication and calendar reminders")}</a></p>
            <h2>{tr!("People I support")}</h2>
            <SupportingLink/>
            <h2>{tr!("Your data")}</h2>
            <p>
                {tr!("Everything you enter is kept only in this browser on this device. Steady has no account and sends nothing anywhere. If you lose or replace your phone, a backup file is the only way to bring it back.")}
            </p>
            <StorageInfo/>
            // Each reads every month: under the lock, older months are still being decrypted
            // for a few moments after an unlock.
            <Show
                when=move || all_open.get()
                fallback=|| view! {
                    <p class="hint" role="status" data-testid="data-opening">
                        {tr!("Steady is still opening your older entries. Backups and restoring are ready in a moment.")}
                    </p>
                }
            >
                <Backup/>
                <Restore/>
                <MoveData/>
            </Show>
            <SetAsideCopies/>
            <LockSettings/>
            <DeleteAll/>
        </section>
    }
}

/// Whether the browser will keep the data, and how much room it takes (from
/// 80 % full, what to do about it).
#[component]
fn StorageInfo() -> impl IntoView {
    let store = expect_context::<Store>();
    let status = RwSignal::new(None::<String>);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            let kept = match storage_manager("persisted").await.and_then(|v| v.as_bool()) {
                Some(true) => tr!("Your browser has agreed to keep Steady's data."),
                Some(false) => tr!("Your browser may clear Steady's data if the phone runs low on space — keep a backup."),
                None => tr!("This browser doesn't say whether it will keep Steady's data — keep a backup."),
            };
            status.try_set(Some(kept.to_string()));
        });
    };
    refresh();
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            let _ = storage_manager("persist").await;
            refresh();
        });
    };
    let room = crate::storage::room();
    let locked = store.lock.get_untracked().is_some();
    view! {
        <div class="card" id="storage-room">
            <p data-testid="storage-room">{room.summary()}</p>
            {room.advice(locked).into_iter().map(|advice| view! {
                <p class="notice notice-problem" role="note" data-testid="storage-room-warning">{advice}</p>
            }).collect_view()}
            <p data-testid="storage-status" role="status">{move || status.get()}</p>
            <button type="button" class="button secondary" on:click=ask>{tr!("Ask the browser to keep my data")}</button>
        </div>
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
    let unconfirmed = RwSignal::new(None::<(chrono::NaiveDate, bool)>);
    let protection = Protection::new(store);
    // The file to hand over, and a note if part of the data couldn't be read.
    let prepare = move || {
        clock.refresh();
        unconfirmed.set(None);
        let now = clock.local_untracked();
        let text = backup::export(&store.snapshot(), now);
        (backup::file_name(now.date()), text, now.date())
    };
    // `shared`: handed over through the share sheet (otherwise downloaded and confirmed).
    let done = move |date, shared: bool, protected: bool| -> String {
        if !store.problems.with_untracked(Vec::is_empty) {
            return if shared {
                tr!("Backup shared, but it leaves out the data Steady couldn't read — copy that from the message at the top.")
            } else {
                tr!("Backup saved, but it leaves out the data Steady couldn't read — copy that from the message at the top.")
            }
            .into();
        }
        let mut settings = store.settings().get_untracked();
        settings.last_backup = Some(date);
        store.settings().save(settings);
        match (shared, protected) {
            (true, false) => tr!("Backup shared. Keep it somewhere safe — it isn't encrypted."),
            (false, false) => tr!("Backup saved. Keep it somewhere safe — it isn't encrypted."),
            (true, true) => tr!("Backup shared, protected with your passphrase. Without it, the backup can't be restored."),
            (false, true) => tr!("Backup saved, protected with your passphrase. Without it, the backup can't be restored."),
        }
        .into()
    };
    let export = move |_| {
        let Some(passphrase) = protection.passphrase(message) else { return };
        let (name, text, date) = prepare();
        leptos::task::spawn_local(async move {
            let protected = passphrase.is_some();
            let Some(text) = protection.seal(passphrase, text, message).await else { return };
            message.try_set(Some(match download(&name, "application/json", &text) {
                Ok(()) => {
                    unconfirmed.try_set(Some((date, protected)));
                    fill(tr!("Saving “{}”… Check that it's in your downloads or Files, then tap the button below."), &[&name])
                }
                Err(_) => tr!("Couldn't save the backup file in this browser.").into(),
            }));
        });
    };
    let confirm = move |_| {
        if let Some((date, protected)) = unconfirmed.get_untracked() {
            unconfirmed.set(None);
            message.set(Some(done(date, false, protected)));
        }
    };
    // Phones can hand the file straight to another app (Files, email, a cloud
    // drive, messages), and say whether it went: the first choice where offered.
    let can_share = shareable_file("steady-backup.json", "application/json", "{}").is_some();
    let share = move |_| {
        let Some(passphrase) = protection.passphrase(message) else { return };
        let (name, text, date) = prepare();
        leptos::task::spawn_local(async move {
            let protected = passphrase.is_some();
            let Some(text) = protection.seal(passphrase, text, message).await else { return };
            let Some(file) = shareable_file(&name, "application/json", &text) else { return };
            let outcome = match share_file(file).await {
                Ok(true) => done(date, true, protected),
                Ok(false) => tr!("Not shared, so no backup was made this time. You can try again whenever you like.").into(),
                Err(()) => tr!("Couldn't open the share sheet — use Download instead.").into(),
            };
            message.try_set(Some(outcome));
        });
    };
    let download_class = if can_share { "button secondary" } else { "button" };
    view! {
        <div class="card">
            <h3>{tr!("Back up")}</h3>
            <p>{tr!("Saves everything — counters, craving log, coping ratings, plan and settings — as one file.")}</p>
            <ProtectChoice protection name="backup"/>
            <div class="actions">
                {can_share.then(|| view! {
                    <button type="button" class="button" data-testid="share-backup" on:click=share>{tr!("Save or send a backup…")}</button>
                })}
                <button type="button" class=download_class data-testid="export-backup" on:click=export>{tr!("Download a backup")}</button>
            </div>
            <p role="status" data-testid="export-status">{move || message.get()}</p>
            <Show when=move || unconfirmed.with(Option::is_some)>
                <button type="button" class="button" data-testid="backup-saved-confirm" on:click=confirm>
                    {tr!("I can see the file — mark backed up")}
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
        self.error.set(Some(fill(tr!("{} Nothing was changed."), &[why])));
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
    let pending = RwSignal::new(None::<Protected>);

    let choose = move |ev: leptos::ev::Event| {
        restoring.clear();
        pending.set(None);
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        if file.size() > backup::MAX_BYTES as f64 {
            return restoring.refuse(tr!("That file is over 10 MB — too big to be a Steady backup."));
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            match text {
                Some(text) => take_in(restoring, pending, &text, clock.local_untracked()),
                None => restoring.refuse(tr!("Couldn't read that file.")),
            }
        });
    };
    view! {
        <div class="card">
            <h3>{tr!("Restore from a backup")}</h3>
            <label for="import-backup">{tr!("Choose a Steady backup file")}</label>
            <input id="import-backup" type="file" accept="application/json,.json" data-testid="import-backup" on:change=choose/>
            <Unprotect restoring pending name="import"/>
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
                    message.try_set(Some(tr!("Your data is restored.").into()));
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
            i.as_ref().map(|i| i.preview.lines())
        })
    };
    // What "Keep it and add the backup" would actually do, worked out when it is picked.
    let merge_lines = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        let picked = merge.get() && incoming.with(Option::is_some);
        let lines = untrack(|| {
            picked.then(|| incoming.with_untracked(|i| i.as_ref().map(|i| backup::merged(&store.snapshot(), &i.data).1.sentences())))
        });
        merge_lines.set(lines.flatten().unwrap_or_default());
    });
    let (replace_id, merge_id) = (format!("{name}-replace"), format!("{name}-merge"));
    view! {
        <p class="error" role="alert" data-testid=format!("{name}-error")>{move || error.get()}</p>
        {move || preview_text().map(|lines| view! {
            <div class="notice" data-testid=format!("{name}-preview")>
                <p><strong>{tr!("This backup holds:")}</strong></p>
                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                <fieldset class="checks">
                    <legend>{tr!("What should happen to what's on this phone now?")}</legend>
                    <div class="check">
                        <input type="radio" name=format!("{name}-mode") id=replace_id.clone() data-testid=format!("{name}-mode-replace")
                            prop:checked=move || !merge.get() on:change=move |_| merge.set(false)/>
                        <label for=replace_id.clone()>{tr!("Replace it with the backup")}</label>
                    </div>
                    <div class="check">
                        <input type="radio" name=format!("{name}-mode") id=merge_id.clone() data-testid=format!("{name}-mode-merge")
                            prop:checked=move || merge.get() on:change=move |_| merge.set(true)/>
                        <label for=merge_id.clone()>{tr!("Keep it and add the backup")}</label>
                    </div>
                </fieldset>
                <Show when=move || merge_lines.with(|l| !l.is_empty())>
                    <div data-testid=format!("{name}-merge-preview")>
                        <p><strong>{tr!("If you keep what's here and add the backup:")}</strong></p>
                        <ul>{move || merge_lines.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </div>
                </Show>
                <div class="actions">
                    <button type="button" class="button" data-testid=format!("{name}-confirm") prop:disabled=move || working.get() on:click=confirm>{tr!("Restore")}</button>
                    <button type="button" class="button secondary" on:click=move |_| incoming.set(None)>{tr!("Cancel")}</button>
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
    let protection = Protection::new(store);
    let copy = move |_| {
        let Some(passphrase) = protection.passphrase(copy_status) else { return };
        clock.refresh();
        let backup = backup::export(&store.snapshot(), clock.local_untracked());
        let left_out = if store.problems.with_untracked(Vec::is_empty) {
            ""
        } else {
            tr!(" It leaves out the data Steady couldn't read — copy that from the message at the top.")
        };
        by_hand.set(None);
        let protected = passphrase.is_some();
        let copying = match passphrase {
            Some(passphrase) => {
                copy_status.set(Some(tr!("Protecting the copy…").into()));
                copy_protected(passphrase, backup)
            }
            None => {
                let block = transfer::encode(&backup);
                // Asked for at once, while the tap still counts (Safari requires it).
                let written = web_sys::window().map(|w| w.navigator().clipboard().write_text(&block));
                Box::pin(async move {
                    let copied = match written {
                        Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
                        None => false,
                    };
                    (Some(block), copied)
                })
            }
        };
        leptos::task::spawn_local(async move {
            let (block, copied) = copying.await;
            let Some(block) = block else {
                copy_status.try_set(Some(cant_protect().into()));
                return;
            };
            if copied && protected {
                copy_status.try_set(Some(fill(tr!("Copied, protected with your passphrase. Now open Steady from your Home Screen, paste it under Paste my data, and type the passphrase.{}"), &[left_out])));
            } else if copied {
                copy_status.try_set(Some(fill(tr!("Copied. Now open Steady from your Home Screen and paste it under Paste my data.{}"), &[left_out])));
            } else {
                copy_status.try_set(Some(fill(tr!("This browser wouldn't copy it for Steady. Select all the text in the box below and copy it yourself.{}"), &[left_out])));
                by_hand.try_set(Some(block));
            }
        });
    };

    let restoring = Restoring::new();
    let pending = RwSignal::new(None::<Protected>);
    let pasted = RwSignal::new(String::new());
    let check = move |_| {
        restoring.clear();
        pending.set(None);
        match transfer::decode(&pasted.get_untracked()) {
            Ok(text) => take_in(restoring, pending, &text, clock.local_untracked()),
            Err(why) => restoring.refuse(&why),
        }
    };
    // Restored: the data is off the clipboard, where other apps could read it.
    // (Writing there may be refused without a tap; then it stays as it was.)
    Effect::new(move |_| {
        if restoring.message.with(Option::is_some) {
            if let Some(window) = web_sys::window() {
                let emptied = window.navigator().clipboard().write_text("");
                leptos::task::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(emptied).await;
                });
            }
        }
    });
    view! {
        <section class="card" id="move-data" data-testid="move-data" aria-labelledby="move-data-title">
            <h3 id="move-data-title">{tr!("Move your data to the Home Screen app")}</h3>
            <p>
                {tr!("On an iPhone or iPad, Steady added to the Home Screen keeps its own storage, separate from Safari's, so it starts empty. Two ways to bring what's here along:")}
            </p>
            <h4>{tr!("With a backup file")}</h4>
            <ol>
                <li>{tr!("Here, in Safari: under Back up above, tap Save or send a backup… and choose Save to Files (or tap Download a backup).")}</li>
                <li>{tr!("In Steady on the Home Screen: Settings, Restore from a backup, then choose that file.")}</li>
            </ol>
            <h4>{tr!("With copy and paste — no file needed")}</h4>
            <ol>
                <li>{tr!("Here, in Safari: tap Copy my data.")}</li>
                <li>{tr!("In Steady on the Home Screen: Settings, then paste into the box under Paste my data and tap Check pasted data.")}</li>
            </ol>
            <ProtectChoice protection name="copy"/>
            <button type="button" class="button" data-testid="copy-data" on:click=copy>{tr!("Copy my data")}</button>
            <p role="status" data-testid="copy-status">{move || copy_status.get()}</p>
            {move || by_hand.get().map(|block| view! {
                <label for="copy-data-text">{tr!("Your data as text, to copy")}</label>
                <textarea id="copy-data-text" readonly rows="4" data-testid="copy-data-text">{block}</textarea>
            })}
            <p class="hint">
                {tr!("Other apps can read what's on the clipboard. Once your data is restored, Steady empties it.")}
            </p>
            <label for="paste-data">{tr!("Paste my data")}</label>
            <textarea id="paste-data" rows="4" data-testid="paste-data" autocomplete="off" autocapitalize="off" spellcheck="false"
                bind:value=pasted></textarea>
            <button type="button" class="button secondary" data-testid="paste-data-check" on:click=check>{tr!("Check pasted data")}</button>
            <Unprotect restoring pending name="paste"/>
            <RestorePreview restoring name="paste"/>
        </section>
    }
}

// ---- Protected copies (a passphrase on a backup or Copy my data) ----

/// Whether a copy of the data that leaves Steady (a backup file, or Copy my
/// data) is protected with a passphrase: on by default when the lock is on.
#[derive(Clone, Copy)]
struct Protection {
    on: RwSignal<bool>,
    passphrase: RwSignal<String>,
}

impl Protection {
    fn new(store: Store) -> Protection {
        Protection { on: RwSignal::new(store.lock.with_untracked(Option::is_some)), passphrase: RwSignal::new(String::new()) }
    }

    /// `Some(Some(passphrase))` to protect, `Some(None)` not to; `None` when the
    /// passphrase won't do (the reason goes to `say`).
    fn passphrase(self, say: RwSignal<Option<String>>) -> Option<Option<String>> {
        if !self.on.get_untracked() {
            return Some(None);
        }
        let passphrase = self.passphrase.get_untracked();
        match protected::check_passphrase(&passphrase) {
            Ok(()) => Some(Some(passphrase)),
            Err(why) => {
                say.set(Some(why.into()));
                None
            }
        }
    }

    /// `text` as it should leave: protected with `passphrase`, or as it is.
    /// `None` (said in `say`) if it couldn't be protected.
    async fn seal(self, passphrase: Option<String>, text: String, say: RwSignal<Option<String>>) -> Option<String> {
        let Some(passphrase) = passphrase else { return Some(text) };
        say.try_set(Some(tr!("Protecting the copy…").into()));
        let sealed = crypto::protect(&passphrase, &text).await.ok();
        if sealed.is_none() {
            say.try_set(Some(cant_protect().into()));
        }
        sealed
    }
}

fn cant_protect() -> &'static str {
    tr!("Couldn't protect the copy in this browser, so none was made.")
}

/// The passphrase choice for a copy, with what it means next to the button.
/// `name` prefixes its ids and test ids.
#[component]
fn ProtectChoice(protection: Protection, name: &'static str) -> impl IntoView {
    let Protection { on, passphrase } = protection;
    let (check_id, field_id) = (format!("{name}-protect"), format!("{name}-passphrase"));
    view! {
        <div class="check">
            <input type="checkbox" id=check_id.clone() data-testid=check_id.clone()
                prop:checked=move || on.get() on:change=move |ev| on.set(event_target_checked(&ev))/>
            <label for=check_id>{tr!("Protect it with a passphrase")}</label>
        </div>
        <Show when=move || on.get()>
            <div class="field">
                <label for=field_id.clone()>{tr!("Passphrase (at least 8 characters). You'll need it to restore, and nobody can recover it.")}</label>
                <input id=field_id.clone() type="password" autocomplete="new-password" data-testid=field_id.clone() bind:value=passphrase/>
            </div>
        </Show>
        <p class="hint" data-testid=format!("{name}-protect-note")>
            {move || if on.get() {
                tr!("Protected, it can't be read without the passphrase.")
            } else {
                tr!("Without a passphrase, anyone who gets this copy can read everything in it.")
            }}
        </p>
    }
}

/// A backup's text, from a file or pasted: a protected copy first asks for its passphrase.
fn take_in(restoring: Restoring, pending: RwSignal<Option<Protected>>, text: &str, now: chrono::NaiveDateTime) {
    match protected::detect(text) {
        Some(Ok(copy)) => pending.set(Some(copy)),
        Some(Err(why)) => restoring.refuse(why),
        None => restoring.check(text, now),
    }
}

/// Asks for the passphrase of a protected copy; a wrong one changes nothing and
/// says so. Once opened, the backup inside is checked and previewed as any other.
#[component]
fn Unprotect(restoring: Restoring, pending: RwSignal<Option<Protected>>, name: &'static str) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let passphrase = RwSignal::new(String::new());
    let working = RwSignal::new(false);
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(copy) = pending.get_untracked() else { return };
        if working.get_untracked() {
            return;
        }
        working.set(true);
        restoring.error.set(None);
        let typed = passphrase.get_untracked();
        leptos::task::spawn_local(async move {
            match crypto::unprotect(&copy, &typed).await {
                Ok(text) => {
                    pending.try_set(None);
                    passphrase.try_set(String::new());
                    restoring.check(&text, clock.local_untracked());
                }
                Err(_) => restoring.refuse(tr!("That passphrase doesn't open this copy.")),
            }
            working.try_set(false);
        });
    };
    let field_id = format!("{name}-passphrase");
    view! {
        <Show when=move || pending.with(Option::is_some)>
            <form class="notice" data-testid=format!("{name}-protected") on:submit=open>
                <p>{tr!("This copy is protected. Type the passphrase it was made with.")}</p>
                <div class="field">
                    <label for=field_id.clone()>{tr!("Passphrase")}</label>
                    <input id=field_id.clone() type="password" autocomplete="off" data-testid=field_id.clone() bind:value=passphrase/>
                </div>
                <button type="submit" class="button" data-testid=format!("{name}-unlock") disabled=move || working.get()>
                    {move || if working.get() { tr!("Opening…") } else { tr!("Open the copy") }}
                </button>
            </form>
        </Show>
    }
}

/// A "Copy my data" in progress: the block (`None` if it couldn't be made) and whether it was copied.
type Copying = std::pin::Pin<Box<dyn std::future::Future<Output = (Option<String>, bool)>>>;

/// Copies a protected block. Making it takes a moment (the key), and Safari
/// copies only while the tap still counts: so the clipboard is asked at once for
/// a promise of the text (a ClipboardItem) where the browser has one, and is
/// otherwise given the text once it is ready.
fn copy_protected(passphrase: String, backup: String) -> Copying {
    use std::{cell::RefCell, rc::Rc};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let made = Rc::new(RefCell::new(None::<String>));
    let text = wasm_bindgen_futures::future_to_promise({
        let made = made.clone();
        async move {
            let sealed = crypto::protect(&passphrase, &backup).await.map_err(|e| JsValue::from_str(&e))?;
            let block = transfer::encode(&sealed);
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("text/plain");
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&JsValue::from_str(&block)), &options)?;
            *made.borrow_mut() = Some(block);
            Ok(blob.into())
        }
    });
    let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
    let item = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"ClipboardItem".into()).ok())
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .and_then(|constructor| {
            let types = js_sys::Object::new();
            js_sys::Reflect::set(&types, &"text/plain".into(), &text).ok()?;
            js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&types)).ok()
        });
    let written = match (&clipboard, item) {
        (Some(clipboard), Some(item)) => Some(clipboard.write(&js_sys::Array::of1(&item))),
        _ => None,
    };
    Box::pin(async move {
        let mut copied = match written {
            Some(promise) => JsFuture::from(promise).await.is_ok(),
            None => false,
        };
        let _ = JsFuture::from(text).await;
        let block = made.borrow_mut().take();
        if let (false, Some(clipboard), Some(block)) = (copied, &clipboard, &block) {
            copied = JsFuture::from(clipboard.write_text(block)).await.is_ok();
        }
        (block, copied)
    })
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
                <h3 id="set-aside-heading" tabindex="-1">{tr!("Data set aside")}</h3>
                <p>
                    {tr!("When saved data couldn't be read, Steady kept it here, exactly as it was, instead of deleting it. You can copy it, save it as a file for someone to look at, or delete it. Backups include it.")}
                </p>
                <ul class="set-aside-list">
                    <For each=move || copies.get() key=|c| c.name.clone() children=move |copy| view! { <SetAsideCopy copy deleted/> }/>
                </ul>
                <p role="status" data-testid="set-aside-deleted">
                    {move || (deleted.get() > 0).then(|| if copies.with(Vec::is_empty) { tr!("Deleted. No data is set aside now.") } else { tr!("Deleted.") })}
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
            .map(|day| fill(tr!(", set aside on {}"), &[&long_date(day)]))
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
            status.try_set(Some(if copied {
                tr!("Copied.")
            } else {
                tr!("Couldn't copy automatically — tap Show and copy the text from the box.")
            }.into()));
        });
    };
    let save_file = move |_| {
        let file = format!("steady-set-aside-{}.txt", name.get_value().trim_start_matches("steady."));
        status.set(Some(match download(&file, "text/plain", &text.get_value()) {
            Ok(()) => fill(tr!("Saving “{}”."), &[&file]),
            Err(_) => tr!("Couldn't save the file in this browser — use Copy instead.").into(),
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
                    {move || if showing.get() { tr!("Hide") } else { tr!("Show") }}
                </button>
                <button type="button" class="button secondary" data-testid="set-aside-copy" on:click=copy_text>{tr!("Copy text")}</button>
                <button type="button" class="button secondary" data-testid="set-aside-download" on:click=save_file>{tr!("Download")}</button>
                <button type="button" class="button secondary" id=delete_id data-testid="set-aside-delete"
                    on:click=move |_| { confirming.set(true); focus_soon(&confirm_focus); }>{tr!("Delete…")}</button>
            </div>
            <Show when=move || showing.get()>
                <label for=text_id.clone()>{tr!("The stored text, exactly as it was")}</label>
                <textarea id=text_id.clone() readonly rows="4" data-testid="set-aside-text">{text.get_value()}</textarea>
            </Show>
            <Show when=move || confirming.get()>
                <p>{tr!("Delete this copy? It can't be undone — copy or download it first if you might need it.")}</p>
                <div class="actions">
                    <button type="button" class="button danger" id=confirm_id.clone() data-testid="set-aside-delete-confirm" on:click=delete>{tr!("Delete this copy")}</button>
                    <button type="button" class="button secondary" on:click={
                        let delete_focus = delete_focus.clone();
                        move |_| { confirming.set(false); focus_soon(&delete_focus); }
                    }>{tr!("Cancel")}</button>
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
    // The word of the language in use; the English one works in either.
    let ready = move || typed.with(|t| t.trim() == "DELETE" || t.trim() == tr!("DELETE"));
    let close = move || {
        open.set(false);
        typed.set(String::new());
        focus_soon("delete-all");
    };
    let delete = move |_| {
        if !ready() {
            return;
        }
        let outcome = store.delete_everything();
        if outcome.is_ok() {
            // "Copy my data" may have left everything on the clipboard, unencrypted.
            // Asked for while the tap still counts; a refusal changes nothing.
            if let Some(promise) = web_sys::window().map(|w| w.navigator().clipboard().write_text("")) {
                leptos::task::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
        }
        message.set(Some(match outcome {
            Ok(()) => tr!("Everything Steady stored on this device has been deleted.").into(),
            Err(e) => e,
        }));
        close();
    };
    view! {
        <div class="card danger-zone">
            <h3>{tr!("Delete all my data")}</h3>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="button secondary" id="delete-all" data-testid="delete-all" on:click=move |_| { open.set(true); focus_soon("delete-confirm"); }>
                        {tr!("Delete all my data…")}
                    </button>
                }
            >
                <p data-testid="delete-all-what">{tr!("This removes everything Steady keeps on this device: your counters, craving log, check-ins, journal, weekly look-backs, plan, coping ratings, medication and doses, appointments, people and settings, the plans of people you support, the passcode lock, set-aside copies of data that couldn't be read, and unsaved drafts. It also empties the clipboard, in case your data was copied there. It can't be undone — download a backup first if you might want them back.")}</p>
                <div class="field">
                    <label for="delete-confirm">{tr!("Type DELETE to confirm")}</label>
                    <input id="delete-confirm" data-testid="delete-all-input" autocomplete="off" bind:value=typed/>
                </div>
                <div class="actions">
                    <button type="button" class="button danger" data-testid="delete-all-confirm" prop:disabled=move || !ready() on:click=delete>
                        {tr!("Delete everything")}
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| close()>{tr!("Cancel")}</button>
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
        <div class="card" id="lock-settings" data-testid="lock-settings">
            <h3>{tr!("Passcode lock")}</h3>
            <p>
                {tr!("With a passcode, everything Steady stores on this phone is encrypted, and Steady asks for the passcode when you open it, when you come back to it, and after a few minutes untouched. ")}
                {tr!("Helplines and the overdose steps stay on the lock screen, so help is never locked away.")}
            </p>
            <details>
                <summary>{tr!("What the lock does and doesn't protect")}</summary>
                <p>{tr!("It protects against someone who picks up or borrows your phone and opens Steady: without the passcode they see only the lock screen.")}</p>
                <p>{tr!("It doesn't protect against:")}</p>
                <ul>
                    <li>{tr!("someone who knows your passcode or watches you type it;")}</li>
                    <li>{tr!("someone who copies the phone's browser data and has time and a computer — they can try every 6-to-8-digit code within hours; a long phrase is much harder to guess;")}</li>
                    <li>{tr!("spying apps on the phone, or someone using it while Steady is unlocked;")}</li>
                    <li>{tr!("backup files and copies of your data made without a passphrase — those aren't encrypted.")}</li>
                </ul>
                <p>{tr!("What stays readable without the passcode: your helpline country and language; the lock's own settings (how long until it locks, whether the passcode is digits or a phrase, wrong tries and any wait); how many things are stored and roughly how much each holds; and, until this tab is closed, how many reminders it has shown. Everything you wrote or chose is encrypted, and so are the names it is stored under: they don't say which kinds of data there are, for which months, or whether something is being written.")}</p>
                <p>{tr!("When Steady locks, what was on screen is removed and what it had decrypted is let go; anything you were typing waits, encrypted, until you unlock. If you forget the passcode, your data can't be recovered by anyone — keep a backup.")}</p>
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
        return Err(tr!("The two passcodes don't match.").into());
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
            <label for="lock-idle">{tr!("Lock after this long untouched")}</label>
            <select id="lock-idle" data-testid="lock-idle" on:change=move |ev| {
                if let Ok(minutes) = event_target_value(&ev).parse::<u32>() {
                    value.set(minutes);
                    on_pick.run(minutes);
                }
            }>
                {IDLE_CHOICES.into_iter().map(|m| view! {
                    <option value=m.to_string() selected=move || value.get() == m>
                        {minutes_text(i64::from(m))}
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
        status.set(Some(tr!("Encrypting your data…").into()));
        leptos::task::spawn_local(async move {
            match store.turn_on_lock(&passcode, idle.get_untracked()).await {
                Ok(()) => {
                    status.try_set(Some(tr!("The lock is on. Everything Steady stores is now encrypted.").into()));
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
            <p class="hint">{tr!("This browser can only encrypt on a secure (https) connection, so the lock isn't available here.")}</p>
        }>
            <form on:submit=set>
                <PasscodeField id="lock-passcode" label=tr!("New passcode: 6 to 8 digits, or a phrase") autocomplete="new-password" value=code/>
                <PasscodeField id="lock-passcode-again" label=tr!("The same passcode again") autocomplete="new-password" value=again/>
                <IdlePicker value=idle on_pick=|_| {}/>
                <button type="submit" class="button" data-testid="lock-set" disabled=move || working.get()>
                    {tr!("Turn on the lock")}
                </button>
            </form>
        </Show>
    }
}

#[component]
fn LockOn(status: RwSignal<Option<String>>, error: RwSignal<Option<String>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let short_passcode = use_context::<ShortPasscode>();
    let auto_lock = expect_context::<AutoLock>();
    let idle = RwSignal::new(store.lock.with_untracked(|l| l.as_ref().map_or(DEFAULT_IDLE_MINUTES, |l| l.idle_minutes)));
    let current = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let working = RwSignal::new(false);
    let pick_idle = move |minutes| match store.set_lock_idle(minutes) {
        Ok(()) => status.set(Some(tr!("Saved.").into())),
        Err(why) => error.set(Some(why)),
    };
    let run = move |change: bool| {
        if working.get_untracked() {
            return;
        }
        let (old, new, repeat) = (current.get_untracked(), code.get_untracked(), again.get_untracked());
        if old.is_empty() {
            return error.set(Some(tr!("Type your current passcode first.").into()));
        }
        if change {
            if let Err(why) = new_passcode(&new, &repeat) {
                return error.set(Some(why));
            }
        }
        error.set(None);
        working.set(true);
        status.set(Some(if change { tr!("Re-encrypting your data…") } else { tr!("Decrypting your data…") }.into()));
        leptos::task::spawn_local(async move {
            let outcome = if change { store.change_passcode(&old, &new).await } else { store.remove_lock(&old).await };
            match outcome {
                Ok(()) => {
                    // A passcode shorter than Steady asks for is gone either way.
                    if let Some(ShortPasscode(short)) = short_passcode {
                        short.try_set(false);
                    }
                    status.try_set(Some(if change {
                        tr!("Your passcode is changed.")
                    } else {
                        tr!("The lock is off. Steady's data is stored unencrypted again.")
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
        <p>{tr!("The lock is on.")}</p>
        <button type="button" class="button" data-testid="lock-now" on:click=move |_| auto_lock.lock(store)>{tr!("Lock now")}</button>
        <IdlePicker value=idle on_pick=pick_idle/>
        <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); run(true) }>
            <PasscodeField id="lock-current" label=tr!("Current passcode") autocomplete="off" value=current/>
            <PasscodeField id="lock-new" label=tr!("New passcode (to change it)") autocomplete="new-password" value=code/>
            <PasscodeField id="lock-new-again" label=tr!("The new passcode again") autocomplete="new-password" value=again/>
            <div class="actions">
                <button type="submit" class="button" data-testid="lock-change" disabled=move || working.get()>{tr!("Change passcode")}</button>
                <button type="button" class="button secondary" data-testid="lock-remove" disabled=move || working.get() on:click=move |_| run(false)>
                    {tr!("Turn off the lock")}
                </button>
            </div>
        </form>
    }
}
