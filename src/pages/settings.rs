//! Settings: helpline region, and the person's data — backup, restore, storage
//! and deleting everything.

use leptos::prelude::*;

use crate::components::reminders::ReminderSettings;
use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;

use crate::components::clock::Clock;
use crate::components::focus::focus_soon;
use crate::components::files::{download, share_file, shareable_file};
use crate::components::language::LanguagePicker;
use crate::components::region_picker::RegionPicker;
use crate::domain::backup::{self, AllData, Preview, SetAside};
use crate::domain::transfer;
use crate::domain::dates::{long_date, plural};
use crate::domain::i18n::fill;
use crate::domain::lock::{check_passcode, DEFAULT_IDLE_MINUTES, IDLE_CHOICES};
use crate::domain::protected::{self, Protected};
use crate::storage::{crypto, set_aside, storage_manager, Store};
use crate::components::auto_lock::AutoLock;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <section class="page" data-testid="settings">
            <h1>{tr!("Settings", "Ajustes")}</h1>
            <LanguagePicker/>
            <h2>{tr!("Helplines", "Líneas de ayuda")}</h2>
            <p>{tr!("Choose your country to see its crisis and support lines on the Help screen.",
                "Elige tu país para ver sus líneas de crisis y de apoyo en la pantalla Ayuda.")}</p>
            <RegionPicker/>
            <h2>{tr!("Reminders", "Recordatorios")}</h2>
            <ul class="card" data-testid="settings-reminders">
                <li>{tr!("Steady has no server, so nothing can arrive from it while it's closed — on any phone.", "Steady no tiene servidor, así que no puede llegarte nada de ella mientras está cerrada, en ningún teléfono.")}</li>
                <li>{tr!("Your phone's calendar can remind you: on the medication screen, “Add to my calendar” makes a file with an alarm for each dose time, injection or pickup day and your naloxone's expiry. On an iPhone it opens in Calendar; on Android, open the downloaded file with your calendar app.", "El calendario de tu teléfono sí puede recordártelo: en la pantalla de medicación, “Agregar a mi calendario” crea un archivo con una alarma para cada hora de dosis, día de inyección o recogida y la caducidad de tu naloxona. En un iPhone se abre en Calendario; en Android, abre el archivo descargado con tu app de calendario.")}</li>
                <li>{tr!("While Steady is open, Today shows a dose that is due within the hour, your next doses and your next appointment.", "Mientras Steady está abierta, Hoy muestra una dosis que toca en la próxima hora, tus próximas dosis y tu próxima cita.")}</li>
                <li>{tr!("Where the browser allows it (on Android in Chrome or an installed Steady; on iPhone only once Steady is on the Home Screen), Steady can also send a notification when you open it with something due, and put a badge on its icon. Both are off until you turn them on below.", "Donde el navegador lo permite (en Android con Chrome o con Steady instalada; en iPhone solo con Steady en la pantalla de inicio), Steady también puede enviarte una notificación al abrirla con algo pendiente, y poner un globo en su icono. Las dos opciones están desactivadas hasta que las actives abajo.")}</li>
            </ul>
            <ReminderSettings/>
            <p><a class="button secondary" href="/meds" data-testid="settings-meds">{tr!("Medication and calendar reminders", "Medicación y recordatorios en el calendario")}</a></p>
            <h2>{tr!("Your data", "Tus datos")}</h2>
            <p>
                {tr!("Everything you enter is kept only in this browser on this device. Steady has no account and sends nothing anywhere. If you lose or replace your phone, a backup file is the only way to bring it back.",
                    "Todo lo que escribes se guarda solo en este navegador, en este dispositivo. Steady no tiene cuentas y no envía nada a ningún lado. Si pierdes o cambias de teléfono, un archivo de copia de seguridad es la única forma de recuperarlo.")}
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
                Some(true) => tr!("Your browser has agreed to keep Steady's data.", "Tu navegador aceptó conservar los datos de Steady."),
                Some(false) => tr!("Your browser may clear Steady's data if the phone runs low on space — keep a backup.",
                    "Tu navegador podría borrar los datos de Steady si el teléfono se queda sin espacio: guarda una copia de seguridad."),
                None => tr!("This browser doesn't say whether it will keep Steady's data — keep a backup.",
                    "Este navegador no indica si conservará los datos de Steady: guarda una copia de seguridad."),
            };
            let size = used
                .map(|b| fill(tr!(" Using about {} KB.", " Ocupa unos {} KB."), &[&(b / 1024.0).ceil().to_string()]))
                .unwrap_or_default();
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
            <button type="button" class="button secondary" on:click=ask>{tr!("Ask the browser to keep my data", "Pedir al navegador que conserve mis datos")}</button>
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
                tr!("Backup shared, but it leaves out the data Steady couldn't read — copy that from the message at the top.",
                    "Copia de seguridad compartida, pero sin los datos que Steady no pudo leer: cópialos desde el mensaje de arriba.")
            } else {
                tr!("Backup saved, but it leaves out the data Steady couldn't read — copy that from the message at the top.",
                    "Copia de seguridad guardada, pero sin los datos que Steady no pudo leer: cópialos desde el mensaje de arriba.")
            }
            .into();
        }
        let mut settings = store.settings().get_untracked();
        settings.last_backup = Some(date);
        store.settings().save(settings);
        match (shared, protected) {
            (true, false) => tr!("Backup shared. Keep it somewhere safe — it isn't encrypted.", "Copia de seguridad compartida. Consérvala en un lugar seguro: no está cifrada."),
            (false, false) => tr!("Backup saved. Keep it somewhere safe — it isn't encrypted.", "Copia de seguridad guardada. Consérvala en un lugar seguro: no está cifrada."),
            (true, true) => tr!("Backup shared, protected with your passphrase. Without it, the backup can't be restored.", "Copia de seguridad compartida, protegida con tu frase de contraseña. Sin ella, la copia no se puede restaurar."),
            (false, true) => tr!("Backup saved, protected with your passphrase. Without it, the backup can't be restored.", "Copia de seguridad guardada, protegida con tu frase de contraseña. Sin ella, la copia no se puede restaurar."),
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
                    fill(tr!("Saving “{}”… Check that it's in your downloads or Files, then tap the button below.",
                        "Guardando “{}”… Comprueba que esté en tus descargas o en Archivos y luego toca el botón de abajo."), &[&name])
                }
                Err(_) => tr!("Couldn't save the backup file in this browser.", "No se pudo guardar el archivo de copia de seguridad en este navegador.").into(),
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
                Ok(false) => tr!("Not shared, so no backup was made this time. You can try again whenever you like.",
                    "No se compartió, así que esta vez no se hizo ninguna copia de seguridad. Puedes volver a intentarlo cuando quieras.").into(),
                Err(()) => tr!("Couldn't open the share sheet — use Download instead.",
                    "No se pudo abrir el menú para compartir: usa Descargar una copia.").into(),
            };
            message.try_set(Some(outcome));
        });
    };
    let download_class = if can_share { "button secondary" } else { "button" };
    view! {
        <div class="card">
            <h3>{tr!("Back up", "Copia de seguridad")}</h3>
            <p>{tr!("Saves everything — counters, craving log, coping ratings, plan and settings — as one file.",
                "Guarda todo en un solo archivo: contadores, registro de ganas de consumir, valoraciones de estrategias, plan y ajustes.")}</p>
            <ProtectChoice protection name="backup"/>
            <div class="actions">
                {can_share.then(|| view! {
                    <button type="button" class="button" data-testid="share-backup" on:click=share>{tr!("Save or send a backup…", "Guardar o enviar una copia…")}</button>
                })}
                <button type="button" class=download_class data-testid="export-backup" on:click=export>{tr!("Download a backup", "Descargar una copia")}</button>
            </div>
            <p role="status" data-testid="export-status">{move || message.get()}</p>
            <Show when=move || unconfirmed.with(Option::is_some)>
                <button type="button" class="button" data-testid="backup-saved-confirm" on:click=confirm>
                    {tr!("I can see the file — mark backed up", "Ya veo el archivo: marcar como hecha")}
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
        self.error.set(Some(fill(tr!("{} Nothing was changed.", "{} No se cambió nada."), &[why])));
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
            return restoring.refuse(tr!("That file is over 10 MB — too big to be a Steady backup.",
                "Ese archivo pesa más de 10 MB: es demasiado grande para ser una copia de seguridad de Steady."));
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            match text {
                Some(text) => take_in(restoring, pending, &text, clock.local_untracked()),
                None => restoring.refuse(tr!("Couldn't read that file.", "No se pudo leer ese archivo.")),
            }
        });
    };
    view! {
        <div class="card">
            <h3>{tr!("Restore from a backup", "Restaurar desde una copia de seguridad")}</h3>
            <label for="import-backup">{tr!("Choose a Steady backup file", "Elige un archivo de copia de seguridad de Steady")}</label>
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
                    message.try_set(Some(tr!("Your data is restored.", "Tus datos se restauraron.").into()));
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
                // The number after a label, so one and many read the same in both languages.
                let cravings = match (p.first_craving, p.last_craving) {
                    (Some(a), Some(b)) => fill(tr!("Cravings logged: {}, from {} to {}", "Ganas de consumir registradas: {}, del {} al {}"),
                        &[&p.cravings.to_string(), &long_date(a), &long_date(b)]),
                    _ => fill(tr!("Cravings logged: {}", "Ganas de consumir registradas: {}"), &[&p.cravings.to_string()]),
                };
                let mut lines = vec![
                    fill(tr!("Made on {}", "Hecha el {}"), &[&long_date(p.exported_at.date())]),
                    fill(tr!("Counters: {} (earlier streaks: {})", "Contadores: {} (rachas anteriores: {})"),
                        &[&p.counters.to_string(), &p.earlier_streaks.to_string()]),
                    cravings,
                    fill(tr!("Plan items: {}", "Elementos del plan: {}"), &[&p.plan_items.to_string()]),
                    fill(tr!("Coping ratings: {}", "Valoraciones de estrategias: {}"), &[&p.coping_ratings.to_string()]),
                    fill(tr!("Daily check-ins: {}", "Registros diarios: {}"), &[&p.checkins.to_string()]),
                    fill(tr!("Journal entries: {}", "Entradas del diario: {}"), &[&p.journal.to_string()]),
                    fill(tr!("Weekly look-backs: {}", "Repasos semanales: {}"), &[&p.look_backs.to_string()]),
                    fill(tr!("Medications: {} (doses marked taken: {})", "Medicamentos: {} (dosis marcadas como tomadas: {})"),
                        &[&p.medications.to_string(), &p.doses.to_string()]),
                    fill(tr!("Appointments: {}", "Citas: {}"), &[&p.appointments.to_string()]),
                ];
                if p.set_aside > 0 {
                    lines.push(fill(tr!("Set-aside copies of data that couldn't be read: {} (added beside any here, never over your data)",
                        "Copias guardadas aparte de datos que no se pudieron leer: {} (se agregan junto a las que haya aquí, nunca sobre tus datos)"),
                        &[&p.set_aside.to_string()]));
                }
                if p.moved_to_now > 0 {
                    lines.push(fill(tr!("Times later than this phone's clock allows: {} (they'll be set to now)",
                        "Horas posteriores a lo que permite el reloj de este teléfono: {} (se cambiarán a la hora actual)"),
                        &[&p.moved_to_now.to_string()]));
                }
                lines
            })
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
                <p><strong>{tr!("This backup holds:", "Esta copia de seguridad contiene:")}</strong></p>
                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                <fieldset class="checks">
                    <legend>{tr!("What should happen to what's on this phone now?", "¿Qué debe pasar con lo que hay ahora en este teléfono?")}</legend>
                    <div class="check">
                        <input type="radio" name=format!("{name}-mode") id=replace_id.clone() data-testid=format!("{name}-mode-replace")
                            prop:checked=move || !merge.get() on:change=move |_| merge.set(false)/>
                        <label for=replace_id.clone()>{tr!("Replace it with the backup", "Reemplazarlo con la copia de seguridad")}</label>
                    </div>
                    <div class="check">
                        <input type="radio" name=format!("{name}-mode") id=merge_id.clone() data-testid=format!("{name}-mode-merge")
                            prop:checked=move || merge.get() on:change=move |_| merge.set(true)/>
                        <label for=merge_id.clone()>{tr!("Keep it and add the backup", "Conservarlo y agregar la copia de seguridad")}</label>
                    </div>
                </fieldset>
                <Show when=move || merge_lines.with(|l| !l.is_empty())>
                    <div data-testid=format!("{name}-merge-preview")>
                        <p><strong>{tr!("If you keep what's here and add the backup:", "Si conservas lo que hay aquí y agregas la copia de seguridad:")}</strong></p>
                        <ul>{move || merge_lines.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </div>
                </Show>
                <div class="actions">
                    <button type="button" class="button" data-testid=format!("{name}-confirm") prop:disabled=move || working.get() on:click=confirm>{tr!("Restore", "Restaurar")}</button>
                    <button type="button" class="button secondary" on:click=move |_| incoming.set(None)>{tr!("Cancel", "Cancelar")}</button>
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
            tr!(" It leaves out the data Steady couldn't read — copy that from the message at the top.",
                " No incluye los datos que Steady no pudo leer: cópialos desde el mensaje de arriba.")
        };
        by_hand.set(None);
        let protected = passphrase.is_some();
        let copying = match passphrase {
            Some(passphrase) => {
                copy_status.set(Some(tr!("Protecting the copy…", "Protegiendo la copia…").into()));
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
                copy_status.try_set(Some(fill(tr!("Copied, protected with your passphrase. Now open Steady from your Home Screen, paste it under Paste my data, and type the passphrase.{}",
                    "Copiado y protegido con tu frase de contraseña. Ahora abre Steady desde tu pantalla de inicio, pégalo en Pegar mis datos y escribe la frase de contraseña.{}"), &[left_out])));
            } else if copied {
                copy_status.try_set(Some(fill(tr!("Copied. Now open Steady from your Home Screen and paste it under Paste my data.{}",
                    "Copiado. Ahora abre Steady desde tu pantalla de inicio y pégalo en Pegar mis datos.{}"), &[left_out])));
            } else {
                copy_status.try_set(Some(fill(tr!("This browser wouldn't copy it for Steady. Select all the text in the box below and copy it yourself.{}",
                    "Este navegador no dejó que Steady lo copiara. Selecciona todo el texto del cuadro de abajo y cópialo tú.{}"), &[left_out])));
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
            <h3 id="move-data-title">{tr!("Move your data to the Home Screen app", "Pasa tus datos a la app de la pantalla de inicio")}</h3>
            <p>
                {tr!("On an iPhone or iPad, Steady added to the Home Screen keeps its own storage, separate from Safari's, so it starts empty. Two ways to bring what's here along:",
                    "En un iPhone o iPad, Steady agregado a la pantalla de inicio tiene su propio almacenamiento, separado del de Safari, así que empieza vacío. Hay dos formas de llevar lo que hay aquí:")}
            </p>
            <h4>{tr!("With a backup file", "Con un archivo de copia de seguridad")}</h4>
            <ol>
                <li>{tr!("Here, in Safari: under Back up above, tap Save or send a backup… and choose Save to Files (or tap Download a backup).",
                    "Aquí, en Safari: en Copia de seguridad, más arriba, toca Guardar o enviar una copia… y elige Guardar en Archivos (o toca Descargar una copia).")}</li>
                <li>{tr!("In Steady on the Home Screen: Settings, Restore from a backup, then choose that file.",
                    "En Steady desde la pantalla de inicio: Ajustes, Restaurar desde una copia de seguridad, y luego elige ese archivo.")}</li>
            </ol>
            <h4>{tr!("With copy and paste — no file needed", "Copiando y pegando, sin archivos")}</h4>
            <ol>
                <li>{tr!("Here, in Safari: tap Copy my data.", "Aquí, en Safari: toca Copiar mis datos.")}</li>
                <li>{tr!("In Steady on the Home Screen: Settings, then paste into the box under Paste my data and tap Check pasted data.",
                    "En Steady desde la pantalla de inicio: Ajustes; luego pega en el cuadro de Pegar mis datos y toca Revisar lo pegado.")}</li>
            </ol>
            <ProtectChoice protection name="copy"/>
            <button type="button" class="button" data-testid="copy-data" on:click=copy>{tr!("Copy my data", "Copiar mis datos")}</button>
            <p role="status" data-testid="copy-status">{move || copy_status.get()}</p>
            {move || by_hand.get().map(|block| view! {
                <label for="copy-data-text">{tr!("Your data as text, to copy", "Tus datos como texto, para copiar")}</label>
                <textarea id="copy-data-text" readonly rows="4" data-testid="copy-data-text">{block}</textarea>
            })}
            <p class="hint">
                {tr!("Other apps can read what's on the clipboard. Once your data is restored, Steady empties it.",
                    "Otras apps pueden leer lo que hay en el portapapeles. Cuando tus datos se restauren, Steady lo vaciará.")}
            </p>
            <label for="paste-data">{tr!("Paste my data", "Pegar mis datos")}</label>
            <textarea id="paste-data" rows="4" data-testid="paste-data" autocomplete="off" autocapitalize="off" spellcheck="false"
                bind:value=pasted></textarea>
            <button type="button" class="button secondary" data-testid="paste-data-check" on:click=check>{tr!("Check pasted data", "Revisar lo pegado")}</button>
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
        say.try_set(Some(tr!("Protecting the copy…", "Protegiendo la copia…").into()));
        let sealed = crypto::protect(&passphrase, &text).await.ok();
        if sealed.is_none() {
            say.try_set(Some(cant_protect().into()));
        }
        sealed
    }
}

fn cant_protect() -> &'static str {
    tr!("Couldn't protect the copy in this browser, so none was made.", "No se pudo proteger la copia en este navegador, así que no se hizo.")
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
            <label for=check_id>{tr!("Protect it with a passphrase", "Protegerla con una frase de contraseña")}</label>
        </div>
        <Show when=move || on.get()>
            <div class="field">
                <label for=field_id.clone()>{tr!("Passphrase (at least 8 characters). You'll need it to restore, and nobody can recover it.",
                    "Frase de contraseña (al menos 8 caracteres). La necesitarás para restaurar, y nadie puede recuperarla.")}</label>
                <input id=field_id.clone() type="password" autocomplete="new-password" data-testid=field_id.clone() bind:value=passphrase/>
            </div>
        </Show>
        <p class="hint" data-testid=format!("{name}-protect-note")>
            {move || if on.get() {
                tr!("Protected, it can't be read without the passphrase.", "Protegida, no se puede leer sin la frase de contraseña.")
            } else {
                tr!("Without a passphrase, anyone who gets this copy can read everything in it.",
                    "Sin frase de contraseña, cualquiera que consiga esta copia puede leer todo lo que contiene.")
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
                Err(_) => restoring.refuse(tr!("That passphrase doesn't open this copy.", "Esa frase de contraseña no abre esta copia.")),
            }
            working.try_set(false);
        });
    };
    let field_id = format!("{name}-passphrase");
    view! {
        <Show when=move || pending.with(Option::is_some)>
            <form class="notice" data-testid=format!("{name}-protected") on:submit=open>
                <p>{tr!("This copy is protected. Type the passphrase it was made with.", "Esta copia está protegida. Escribe la frase de contraseña con la que se hizo.")}</p>
                <div class="field">
                    <label for=field_id.clone()>{tr!("Passphrase", "Frase de contraseña")}</label>
                    <input id=field_id.clone() type="password" autocomplete="off" data-testid=field_id.clone() bind:value=passphrase/>
                </div>
                <button type="submit" class="button" data-testid=format!("{name}-unlock") disabled=move || working.get()>
                    {move || if working.get() { tr!("Opening…", "Abriendo…") } else { tr!("Open the copy", "Abrir la copia") }}
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
                <h3 id="set-aside-heading" tabindex="-1">{tr!("Data set aside", "Datos guardados aparte")}</h3>
                <p>
                    {tr!("When saved data couldn't be read, Steady kept it here, exactly as it was, instead of deleting it. You can copy it, save it as a file for someone to look at, or delete it. Backups include it.",
                        "Cuando no pudo leer datos guardados, Steady los conservó aquí, tal como estaban, en vez de borrarlos. Puedes copiarlos, guardarlos como archivo para que alguien los revise, o borrarlos. Las copias de seguridad los incluyen.")}
                </p>
                <ul class="set-aside-list">
                    <For each=move || copies.get() key=|c| c.name.clone() children=move |copy| view! { <SetAsideCopy copy deleted/> }/>
                </ul>
                <p role="status" data-testid="set-aside-deleted">
                    {move || (deleted.get() > 0).then(|| if copies.with(Vec::is_empty) { tr!("Deleted. No data is set aside now.", "Borrado. Ya no hay datos guardados aparte.") } else { tr!("Deleted.", "Borrado.") })}
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
            .map(|day| fill(tr!(", set aside on {}", "; se guardó aparte el {}"), &[&long_date(day)]))
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
                tr!("Copied.", "Copiado.")
            } else {
                tr!("Couldn't copy automatically — tap Show and copy the text from the box.", "No se pudo copiar automáticamente: toca Mostrar y copia el texto del cuadro.")
            }.into()));
        });
    };
    let save_file = move |_| {
        let file = format!("steady-set-aside-{}.txt", name.get_value().trim_start_matches("steady."));
        status.set(Some(match download(&file, "text/plain", &text.get_value()) {
            Ok(()) => fill(tr!("Saving “{}”.", "Guardando “{}”."), &[&file]),
            Err(_) => tr!("Couldn't save the file in this browser — use Copy instead.", "No se pudo guardar el archivo en este navegador: usa Copiar el texto.").into(),
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
                    {move || if showing.get() { tr!("Hide", "Ocultar") } else { tr!("Show", "Mostrar") }}
                </button>
                <button type="button" class="button secondary" data-testid="set-aside-copy" on:click=copy_text>{tr!("Copy text", "Copiar el texto")}</button>
                <button type="button" class="button secondary" data-testid="set-aside-download" on:click=save_file>{tr!("Download", "Descargar")}</button>
                <button type="button" class="button secondary" id=delete_id data-testid="set-aside-delete"
                    on:click=move |_| { confirming.set(true); focus_soon(&confirm_focus); }>{tr!("Delete…", "Borrar…")}</button>
            </div>
            <Show when=move || showing.get()>
                <label for=text_id.clone()>{tr!("The stored text, exactly as it was", "El texto guardado, tal como estaba")}</label>
                <textarea id=text_id.clone() readonly rows="4" data-testid="set-aside-text">{text.get_value()}</textarea>
            </Show>
            <Show when=move || confirming.get()>
                <p>{tr!("Delete this copy? It can't be undone — copy or download it first if you might need it.",
                    "¿Borrar esta copia? No se puede deshacer: cópiala o descárgala antes si podrías necesitarla.")}</p>
                <div class="actions">
                    <button type="button" class="button danger" id=confirm_id.clone() data-testid="set-aside-delete-confirm" on:click=delete>{tr!("Delete this copy", "Borrar esta copia")}</button>
                    <button type="button" class="button secondary" on:click={
                        let delete_focus = delete_focus.clone();
                        move |_| { confirming.set(false); focus_soon(&delete_focus); }
                    }>{tr!("Cancel", "Cancelar")}</button>
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
    let ready = move || typed.with(|t| t.trim() == "DELETE" || t.trim() == tr!("DELETE", "BORRAR"));
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
            Ok(()) => tr!("Everything Steady stored on this device has been deleted.", "Se borró todo lo que Steady guardaba en este dispositivo.").into(),
            Err(e) => e,
        }));
        close();
    };
    view! {
        <div class="card danger-zone">
            <h3>{tr!("Delete all my data", "Borrar todos mis datos")}</h3>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="button secondary" id="delete-all" data-testid="delete-all" on:click=move |_| { open.set(true); focus_soon("delete-confirm"); }>
                        {tr!("Delete all my data…", "Borrar todos mis datos…")}
                    </button>
                }
            >
                <p data-testid="delete-all-what">{tr!("This removes everything Steady keeps on this device: your counters, craving log, check-ins, journal, weekly look-backs, plan, coping ratings, medication and doses, appointments, people and settings, the passcode lock, set-aside copies of data that couldn't be read, and unsaved drafts. It also empties the clipboard, in case your data was copied there. It can't be undone — download a backup first if you might want them back.",
                    "Esto borra todo lo que Steady guarda en este dispositivo: tus contadores, tu registro de ganas de consumir, tus registros del día, tu diario, tus repasos semanales, tu plan, tus valoraciones de lo que te ayuda, tu medicación y tus tomas, tus citas, tus contactos y ajustes, el bloqueo con código, las copias guardadas aparte de datos que no se pudieron leer y los borradores sin guardar. También vacía el portapapeles, por si tus datos se copiaron ahí. No se puede deshacer: descarga antes una copia de seguridad si podrías querer recuperarlos.")}</p>
                <div class="field">
                    <label for="delete-confirm">{tr!("Type DELETE to confirm", "Escribe BORRAR para confirmar")}</label>
                    <input id="delete-confirm" data-testid="delete-all-input" autocomplete="off" bind:value=typed/>
                </div>
                <div class="actions">
                    <button type="button" class="button danger" data-testid="delete-all-confirm" prop:disabled=move || !ready() on:click=delete>
                        {tr!("Delete everything", "Borrar todo")}
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| close()>{tr!("Cancel", "Cancelar")}</button>
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
            <h3>{tr!("Passcode lock", "Bloqueo con código")}</h3>
            <p>
                {tr!("With a passcode, everything Steady stores on this phone is encrypted, and Steady asks for the passcode when you open it, when you come back to it, and after a few minutes untouched. ",
                    "Con un código, todo lo que Steady guarda en este teléfono queda cifrado, y Steady te pide el código al abrirlo, al volver a él y después de unos minutos sin usarlo. ")}
                {tr!("Helplines and the overdose steps stay on the lock screen, so help is never locked away.",
                    "Las líneas de ayuda y los pasos ante una sobredosis siguen en la pantalla de bloqueo, así que la ayuda nunca queda bloqueada.")}
            </p>
            <details>
                <summary>{tr!("What the lock does and doesn't protect", "Qué protege el bloqueo y qué no")}</summary>
                <p>{tr!("It protects against someone who picks up or borrows your phone and opens Steady: without the passcode they see only the lock screen.",
                    "Te protege de alguien que toma tu teléfono o te lo pide prestado y abre Steady: sin el código, solo ve la pantalla de bloqueo.")}</p>
                <p>{tr!("It doesn't protect against:", "No te protege de:")}</p>
                <ul>
                    <li>{tr!("someone who knows your passcode or watches you type it;", "alguien que sabe tu código o te ve escribirlo;")}</li>
                    <li>{tr!("someone who copies the phone's browser data and has time and a computer — they can try every 6-to-8-digit code within hours; a long phrase is much harder to guess;",
                        "alguien que copia los datos del navegador del teléfono y tiene tiempo y una computadora: puede probar en pocas horas todos los códigos de 6 a 8 dígitos; una frase larga es mucho más difícil de adivinar;")}</li>
                    <li>{tr!("spying apps on the phone, or someone using it while Steady is unlocked;",
                        "apps espía en el teléfono, o alguien que lo usa mientras Steady está desbloqueado;")}</li>
                    <li>{tr!("backup files and copies of your data made without a passphrase — those aren't encrypted.", "las copias de seguridad y las copias de tus datos hechas sin frase de contraseña: esas no están cifradas.")}</li>
                </ul>
                <p>{tr!("What stays readable without the passcode: your helpline country and language; the lock's own settings (how long until it locks, whether the passcode is digits or a phrase, wrong tries and any wait); and the names of what is stored — which kinds of data there are and for which months (for example, that medication doses were recorded in a month), whether something is being written, and roughly how much each holds. Everything you wrote or chose is encrypted.",
                    "Lo que se puede leer sin el código: tu país para las líneas de ayuda y el idioma; los ajustes del propio bloqueo (cuánto tarda en bloquearse, si el código son dígitos o una frase, los intentos fallidos y la espera); y los nombres de lo guardado: qué tipos de datos hay y de qué meses (por ejemplo, que se anotaron dosis de medicación en un mes), si hay algo a medio escribir y más o menos cuánto ocupa cada cosa. Todo lo que escribiste o elegiste está cifrado.")}</p>
                <p>{tr!("While Steady is locked in an open tab, what was on screen stays in the phone's memory behind the lock screen, so nothing you were typing is lost; closing Steady clears it. If you forget the passcode, your data can't be recovered by anyone — keep a backup.",
                    "Mientras Steady está bloqueado en una pestaña abierta, lo que había en pantalla sigue en la memoria del teléfono detrás de la pantalla de bloqueo, para que no pierdas lo que estabas escribiendo; al cerrar Steady se borra. Si olvidas el código, nadie podrá recuperar tus datos: guarda una copia de seguridad.")}</p>
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
        return Err(tr!("The two passcodes don't match.", "Los dos códigos no coinciden.").into());
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
            <label for="lock-idle">{tr!("Lock after this long untouched", "Bloquear tras este tiempo sin usar")}</label>
            <select id="lock-idle" data-testid="lock-idle" on:change=move |ev| {
                if let Ok(minutes) = event_target_value(&ev).parse::<u32>() {
                    value.set(minutes);
                    on_pick.run(minutes);
                }
            }>
                {IDLE_CHOICES.into_iter().map(|m| view! {
                    <option value=m.to_string() selected=move || value.get() == m>
                        {plural(i64::from(m), tr!("minute", "minuto"), tr!("minutes", "minutos"))}
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
        status.set(Some(tr!("Encrypting your data…", "Cifrando tus datos…").into()));
        leptos::task::spawn_local(async move {
            match store.turn_on_lock(&passcode, idle.get_untracked()).await {
                Ok(()) => {
                    status.try_set(Some(tr!("The lock is on. Everything Steady stores is now encrypted.", "El bloqueo está activado. Ahora todo lo que guarda Steady está cifrado.").into()));
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
            <p class="hint">{tr!("This browser can only encrypt on a secure (https) connection, so the lock isn't available here.",
                "Este navegador solo puede cifrar con una conexión segura (https), así que el bloqueo no está disponible aquí.")}</p>
        }>
            <form on:submit=set>
                <PasscodeField id="lock-passcode" label=tr!("New passcode: 6 to 8 digits, or a phrase", "Código nuevo: de 6 a 8 dígitos, o una frase") autocomplete="new-password" value=code/>
                <PasscodeField id="lock-passcode-again" label=tr!("The same passcode again", "El mismo código otra vez") autocomplete="new-password" value=again/>
                <IdlePicker value=idle on_pick=|_| {}/>
                <button type="submit" class="button" data-testid="lock-set" disabled=move || working.get()>
                    {tr!("Turn on the lock", "Activar el bloqueo")}
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
        Ok(()) => status.set(Some(tr!("Saved.", "Guardado.").into())),
        Err(why) => error.set(Some(why)),
    };
    let run = move |change: bool| {
        if working.get_untracked() {
            return;
        }
        let (old, new, repeat) = (current.get_untracked(), code.get_untracked(), again.get_untracked());
        if old.is_empty() {
            return error.set(Some(tr!("Type your current passcode first.", "Primero escribe tu código actual.").into()));
        }
        if change {
            if let Err(why) = new_passcode(&new, &repeat) {
                return error.set(Some(why));
            }
        }
        error.set(None);
        working.set(true);
        status.set(Some(if change { tr!("Re-encrypting your data…", "Volviendo a cifrar tus datos…") } else { tr!("Decrypting your data…", "Descifrando tus datos…") }.into()));
        leptos::task::spawn_local(async move {
            let outcome = if change { store.change_passcode(&old, &new).await } else { store.remove_lock(&old).await };
            match outcome {
                Ok(()) => {
                    status.try_set(Some(if change {
                        tr!("Your passcode is changed.", "Tu código se cambió.")
                    } else {
                        tr!("The lock is off. Steady's data is stored unencrypted again.", "El bloqueo está desactivado. Los datos de Steady vuelven a guardarse sin cifrar.")
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
        <p>{tr!("The lock is on.", "El bloqueo está activado.")}</p>
        <button type="button" class="button" data-testid="lock-now" on:click=move |_| auto_lock.lock(store)>{tr!("Lock now", "Bloquear ahora")}</button>
        <IdlePicker value=idle on_pick=pick_idle/>
        <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); run(true) }>
            <PasscodeField id="lock-current" label=tr!("Current passcode", "Código actual") autocomplete="off" value=current/>
            <PasscodeField id="lock-new" label=tr!("New passcode (to change it)", "Código nuevo (para cambiarlo)") autocomplete="new-password" value=code/>
            <PasscodeField id="lock-new-again" label=tr!("The new passcode again", "El código nuevo otra vez") autocomplete="new-password" value=again/>
            <div class="actions">
                <button type="submit" class="button" data-testid="lock-change" disabled=move || working.get()>{tr!("Change passcode", "Cambiar el código")}</button>
                <button type="button" class="button secondary" data-testid="lock-remove" disabled=move || working.get() on:click=move |_| run(false)>
                    {tr!("Turn off the lock", "Desactivar el bloqueo")}
                </button>
            </div>
        </form>
    }
}
