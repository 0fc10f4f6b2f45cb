//! Medication (`/meds`): what the person takes and when, today's doses, each
//! medication's history, stopping or tapering, "I've just left…", and their
//! naloxone. Steady never advises on doses: the dose is the person's words.
//!
//! Stopping or tapering treatment, and leaving a program, detox, a residential
//! stay or prison, bring up the overdose-risk card once (content-facts.md).

use chrono::{Datelike, TimeDelta};
use leptos::prelude::*;

use crate::components::appointments::AppointmentsSection;
use crate::components::clock::Clock;
use crate::components::files::{download, share_file, shareable_file};
use crate::components::focus::focus_soon;
use crate::components::meds_today::{meds_part, MedsSpot};
use crate::components::safety::UseAloneLine;
use crate::components::switch_confirm::SwitchConfirm;
use crate::split::lazy_part;
use crate::components::undo::{more_to_undo, offer_undo_each, take_latest};
use crate::domain::checkin::calendar_reminder;
use crate::domain::cravings::YearMonth;
use crate::domain::conventions::Conventions;
use crate::domain::dates::{iso_date, long_date, month_year, parse_hh_mm, parse_iso_date};
use crate::domain::i18n::fill;
use crate::domain::ics::{calendar, Naming};
use crate::domain::meds::{day_doses, reminders, parse_times, times_text, DayDoses, LeftPlace, MedKind, MedProblem, Medication, Naloxone, NaloxoneKind, RiskCard, RiskMoment, Taken, MAX_TAKE_HOMES};
use crate::domain::schedule::{upcoming, Repeat};
use crate::domain::stored_name;
use crate::storage::Store;

fn at_hour(hour: u32) -> chrono::NaiveTime {
    chrono::NaiveTime::from_hms_opt(hour, 0, 0).expect("an hour of the day")
}

#[component]
pub fn MedsPage() -> impl IntoView {
    let store = expect_context::<Store>();
    // A form left half-filled (another screen, a reload, the lock) comes back as it was.
    let editing = RwSignal::new(MedDraft::kept());
    let risk = RwSignal::new(None::<RiskMoment>);
    let removed = RwSignal::new(Vec::<Medication>::new());
    let meds = move || store.meds().with(|d| d.list.clone());
    // The open form as typed (None: no form open), and the one "Change" asked
    // for while it held something unsaved, waiting for "Keep editing" or "Discard".
    let typed = StoredValue::new(None::<MedDraft>);
    let switch_to = RwSignal::new(None::<MedDraft>);
    let switching = RwSignal::new(false);

    let open = move |draft: MedDraft| {
        editing.set(Some(draft));
        focus_soon("med-kind");
    };
    let start_new = move |_| {
        let today = expect_context::<Clock>().local_untracked().date();
        // Numbered again on saving (`MedsData::add`).
        open(MedDraft::start(Medication::new(js_sys::Date::now() as u64, MedKind::Buprenorphine, today), true));
    };
    let change = Callback::new(move |med: Medication| {
        let unsaved = typed.get_value().is_some_and(|t| store.meds().with_untracked(|d| t.unsaved(d.get(t.med.id))));
        if unsaved {
            switch_to.set(Some(MedDraft::start(med, false)));
            switching.set(true);
        } else {
            open(MedDraft::start(med, false));
        }
    });
    let discard = Callback::new(move |()| {
        let _ = crate::storage::keep_draft(DRAFT, None);
        if let Some(draft) = switch_to.get_untracked() {
            open(draft);
        }
    });
    let undo = move |_| {
        if let Some(med) = take_latest(removed) {
            let _ = store.meds().modify(|d| d.save(med));
        }
    };

    view! {
        <section class="page" data-testid="meds">
            <h1>{tr!("Medication")}</h1>
            <p class="hint">
                {tr!("Taking your medication as prescribed is treatment: it never changes your clean time. ")}
                {tr!("Steady doesn't advise on doses — talk to your prescriber before changing or stopping.")}
            </p>
            <MissedDoses/>
            {move || risk.get().map(|moment| view! { <OverdoseRiskCard moment risk/> })}
            {lazy_part(|| meds_part(MedsSpot::Today))}
            <SwitchConfirm pending=switching on_keep=Callback::new(|()| focus_soon("med-kind")) on_discard=discard/>
            {move || match editing.get() {
                Some(start) => view! { <MedForm start editing risk typed/> }.into_any(),
                None => view! {
                    <div class="actions">
                        <button type="button" class="button big" id="med-add" data-testid="med-add" on:click=start_new>{tr!("Add a medication")}</button>
                    </div>
                }.into_any(),
            }}
            {move || removed.with(|s| s.last().map(|med| (med.shown_name().to_string(), s.len()))).map(|(name, count)| view! {
                <p class="notice undo" role="status">
                    {fill(tr!("Removed {}. "), &[&name])}
                    {more_to_undo(count)}
                    <button type="button" class="button secondary" data-testid="med-undo-remove" on:click=undo>{tr!("Undo")}</button>
                </p>
            })}
            // Keyed by the whole medication: a change draws it again, with its new state.
            <ul class="plain meds-list">
                <For each=meds key=|m| m.clone() children=move |med| view! { <MedItem med on_change=change risk removed/> }/>
            </ul>
            <AppointmentsSection/>
            <NaloxoneSection/>
            <CalendarExport/>
            <JustLeft risk/>
        </section>
    }
}

/// The name the medication form's draft is kept under (see `storage::draft`).
const DRAFT: &str = "med";

/// The medication form as typed: the medication with the words typed into
/// it, and the fields that are read only on saving, as text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct MedDraft {
    med: Medication,
    /// Being added (numbered on saving), not a change to the medication of its number.
    #[serde(default)]
    new: bool,
    every: String,
    first: String,
    times: String,
    take_homes: String,
}

impl MedDraft {
    /// A form opened on `med`, as it is: a new one (`new`) or one to change.
    fn start(med: Medication, new: bool) -> MedDraft {
        MedDraft {
            new,
            every: match med.repeat {
                Repeat::EveryDays(n) => n.to_string(),
                _ => "28".to_string(),
            },
            first: iso_date(med.first),
            times: times_text(&med.times),
            take_homes: med.take_homes.map(|n| n.to_string()).unwrap_or_default(),
            med,
        }
    }

    /// Whether the form holds something not stored: for a new medication,
    /// anything typed; for a change, a field that differs from `stored`, the
    /// medication as stored now (a stop or taper made meanwhile doesn't count:
    /// the form doesn't save those).
    fn unsaved(&self, stored: Option<&Medication>) -> bool {
        match stored.filter(|_| !self.new) {
            Some(med) => self.fields() != MedDraft::start(med.clone(), false).fields(),
            None => [&self.med.name, &self.med.dose, &self.times, &self.med.prescriber, &self.med.pharmacy, &self.take_homes].iter().any(|t| !t.trim().is_empty()),
        }
    }

    /// What the form shows, as it would be saved.
    fn fields(&self) -> [String; 10] {
        let m = &self.med;
        let every = if matches!(m.repeat, Repeat::EveryDays(_)) { self.every.trim() } else { "" };
        let times = parse_times(&self.times).map_or_else(|_| self.times.trim().to_string(), |t| times_text(&t));
        let text = |t: &str| t.trim().to_string();
        [stored_name(&m.kind), text(&m.name), text(&m.dose), m.repeat.key().into(), every.into(), text(&self.first), times, text(&m.prescriber), text(&m.pharmacy), text(&self.take_homes)]
    }

    /// The form left half-filled (in this tab or another), as it was.
    fn kept() -> Option<MedDraft> {
        match crate::storage::kept_form(DRAFT)? {
            Ok(draft) => Some(draft),
            // Not shown half-read, and not lost either: the form has no free-text
            // field to put it in (as the appointment form does), so Settings lists it.
            Err(_) => {
                crate::storage::set_aside_form(DRAFT);
                None
            }
        }
    }
}

/// Adding or changing a medication. Every change is kept as the draft; saving or Cancel drops it.
#[component]
fn MedForm(start: MedDraft, editing: RwSignal<Option<MedDraft>>, risk: RwSignal<Option<RiskMoment>>, typed: StoredValue<Option<MedDraft>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let med = start.med.clone();
    // One whose medication has gone meanwhile (removed in another tab) is added again.
    let is_new = start.new || store.meds().with_untracked(|d| d.get(start.med.id).is_none());
    typed.set_value(Some(MedDraft { new: is_new, ..start.clone() }));
    let kind = RwSignal::new(med.kind);
    let name = RwSignal::new(med.name.clone());
    let dose = RwSignal::new(med.dose.clone());
    let repeat = RwSignal::new(med.repeat);
    let every = RwSignal::new(start.every);
    let first = RwSignal::new(start.first);
    let times = RwSignal::new(start.times);
    let prescriber = RwSignal::new(med.prescriber.clone());
    let pharmacy = RwSignal::new(med.pharmacy.clone());
    let take_homes = RwSignal::new(start.take_homes);
    let error = RwSignal::new(None::<String>);
    let typed_into = StoredValue::new(med.clone());
    let keep = move || {
        let draft = MedDraft {
            med: Medication {
                kind: kind.get_untracked(),
                name: name.get_untracked(),
                dose: dose.get_untracked(),
                repeat: repeat.get_untracked(),
                prescriber: prescriber.get_untracked(),
                pharmacy: pharmacy.get_untracked(),
                ..typed_into.get_value()
            },
            new: is_new,
            every: every.get_untracked(),
            first: first.get_untracked(),
            times: times.get_untracked(),
            take_homes: take_homes.get_untracked(),
        };
        let kept = crate::storage::keep_form(DRAFT, &draft);
        typed.set_value(Some(draft));
        error.set(kept.err().map(|e| fill(tr!("What you typed couldn't be kept on this device: {} Keep this screen open until you save."), &[&e])));
    };
    let close = move || {
        let _ = crate::storage::keep_draft(DRAFT, None);
        typed.set_value(None);
        editing.set(None);
    };

    let repeat_key = move || repeat.get().key();
    let pick_kind = move |ev: leptos::ev::Event| {
        if let Some(k) = MedKind::ALL.into_iter().find(|k| stored_name(k) == event_target_value(&ev)) {
            kind.set(k);
            // A new medication starts with the kind's usual schedule; the person changes it to theirs.
            if is_new {
                repeat.set(k.usual_repeat());
            }
            keep();
        }
    };
    let pick_repeat = move |ev: leptos::ev::Event| {
        // An unreadable "every how many days" is caught on saving, with a message.
        repeat.set(Repeat::from_choice(&event_target_value(&ev), &every.get_untracked()).unwrap_or(Repeat::EveryDays(0)));
        keep();
    };
    let base = med.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read = || -> Result<Medication, MedProblem> {
            let repeat = match repeat.get_untracked() {
                Repeat::EveryDays(_) => Repeat::EveryDays(every.get_untracked().trim().parse().map_err(|_| MedProblem::BadRepeat)?),
                r => r,
            };
            let take_homes = match take_homes.get_untracked().trim() {
                "" => None,
                n => Some(n.parse::<u16>().ok().filter(|n| *n <= MAX_TAKE_HOMES).ok_or(MedProblem::TooManyTakeHomes)?),
            };
            Ok(Medication {
                kind: kind.get_untracked(),
                name: name.get_untracked().trim().to_string(),
                dose: dose.get_untracked().trim().to_string(),
                first: parse_iso_date(&first.get_untracked()).unwrap_or(base.first),
                repeat,
                times: parse_times(&times.get_untracked())?,
                prescriber: prescriber.get_untracked().trim().to_string(),
                pharmacy: pharmacy.get_untracked().trim().to_string(),
                take_homes: if kind.get_untracked() == MedKind::Methadone { take_homes } else { None },
                ..base.clone()
            })
        };
        // A new one is numbered from the time of saving; a change goes onto the
        // medication as stored now, so a stop or taper made since the form opened stays.
        let saved = read().and_then(|med| store.meds().modify(|d| if is_new { d.add(Medication { id: js_sys::Date::now() as u64, ..med }) } else { d.save_form(med) }));
        match saved {
            Ok(moment) => {
                error.set(None);
                // A new one is the newest id (numbered from the time of saving).
                let added = if is_new { store.meds().with_untracked(|d| d.list.iter().map(|m| m.id).max()) } else { None };
                // Closed (and the draft dropped) only once it is stored: with the lock on that is a moment later.
                leptos::task::spawn_local(async move {
                    let stored = crate::storage::settled().await;
                    if error.try_get_untracked().is_none() {
                        return; // The screen was left meanwhile; the draft stays until it is stored.
                    }
                    match stored {
                        Ok(()) => {
                            close();
                            if moment.is_some() {
                                risk.set(moment);
                                focus_soon("risk-card");
                            } else {
                                focus_soon("med-add");
                            }
                        }
                        // Kept open and as the draft; a new one is in the list now, so saving again changes it.
                        Err(message) => match (added, typed.get_value()) {
                            (Some(id), Some(draft)) => editing.set(Some(MedDraft { new: false, med: Medication { id, ..draft.med }, ..draft })),
                            _ => error.set(Some(message)),
                        },
                    }
                });
            }
            // Kept in the form and as the draft: nothing typed is lost.
            Err(problem) => error.set(Some(problem.message().to_string())),
        }
    };

    view! {
        <form class="card med-form" data-testid="med-form" on:submit=save novalidate>
            <h2>{if is_new { tr!("Add a medication") } else { tr!("Change this medication") }}</h2>
            <div class="field">
                <label for="med-kind">{tr!("What it is")}</label>
                <select id="med-kind" data-testid="med-kind" on:change=pick_kind>
                    {MedKind::ALL.into_iter().map(|k| view! {
                        <option value=stored_name(&k) selected=move || kind.get() == k>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="med-name">{move || if kind.get() == MedKind::Other { tr!("Its name") } else { tr!("Its name (optional)") }}</label>
                <input id="med-name" data-testid="med-name" autocomplete="off" prop:value=move || name.get() on:input=move |ev| { name.set(event_target_value(&ev)); keep(); }/>
            </div>
            <div class="field">
                <label for="med-dose">{tr!("Dose, as you were told (optional)")}</label>
                <input id="med-dose" data-testid="med-dose" autocomplete="off" prop:value=move || dose.get() on:input=move |ev| { dose.set(event_target_value(&ev)); keep(); }/>
            </div>
            <div class="field">
                <label for="med-repeat">{tr!("How often")}</label>
                <select id="med-repeat" data-testid="med-repeat" on:change=pick_repeat>
                    {Repeat::choices()
                        .into_iter()
                        .map(|(key, label)| view! { <option value=key selected=move || repeat_key() == key>{label}</option> })
                        .collect_view()}
                </select>
            </div>
            <Show when=move || matches!(repeat.get(), Repeat::EveryDays(_))>
                <div class="field">
                    <label for="med-every">{tr!("Every how many days")}</label>
                    <input id="med-every" type="number" inputmode="numeric" min="1" max="366" data-testid="med-every"
                        prop:value=move || every.get() on:input=move |ev| { every.set(event_target_value(&ev)); keep(); }/>
                </div>
            </Show>
            <div class="field">
                <label for="med-first">{move || if kind.get().is_injection() { tr!("Next injection on") } else { tr!("Starting on (or next due)") }}</label>
                <input id="med-first" type="date" data-testid="med-first" prop:value=move || first.get() on:input=move |ev| { first.set(event_target_value(&ev)); keep(); }/>
            </div>
            <div class="field">
                <label for="med-times">{fill(tr!("Times of day (optional, e.g. {})"), &[&times_text(&[at_hour(8), at_hour(20)])])}</label>
                // A 12-hour clock needs letters (AM, PM): the number pad only where it doesn't.
                <input id="med-times" data-testid="med-times" autocomplete="off" aria-describedby="med-times-hint"
                    inputmode=if Conventions::current().twelve_hour { "text" } else { "numeric" }
                    prop:value=move || times.get() on:input=move |ev| { times.set(event_target_value(&ev)); keep(); }/>
                <p class="hint" id="med-times-hint">{tr!("Leave empty for something done once that day, like an injection or a pickup.")}</p>
            </div>
            <Show when=move || kind.get() == MedKind::Methadone>
                <div class="field">
                    <label for="med-take-homes">{tr!("Take-home doses you have now (optional)")}</label>
                    <input id="med-take-homes" type="number" inputmode="numeric" min="0" max="99" data-testid="med-take-homes" aria-describedby="med-storage"
                        prop:value=move || take_homes.get() on:input=move |ev| { take_homes.set(event_target_value(&ev)); keep(); }/>
                </div>
            </Show>
            // Methadone's take-home doses, and buprenorphine films or tablets kept at home.
            <Show when=move || matches!(kind.get(), MedKind::Methadone | MedKind::Buprenorphine)>
                <SafeStorage/>
            </Show>
            <div class="field">
                <label for="med-prescriber">{tr!("Prescriber or clinic (optional)")}</label>
                <input id="med-prescriber" data-testid="med-prescriber" autocomplete="off" prop:value=move || prescriber.get() on:input=move |ev| { prescriber.set(event_target_value(&ev)); keep(); }/>
            </div>
            <div class="field">
                <label for="med-pharmacy">{tr!("Pharmacy (optional)")}</label>
                <input id="med-pharmacy" data-testid="med-pharmacy" autocomplete="off" prop:value=move || pharmacy.get() on:input=move |ev| { pharmacy.set(event_target_value(&ev)); keep(); }/>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="med-error">{e}</p> })}
            <div class="actions">
                <button type="submit" class="button" data-testid="med-save">{tr!("Save")}</button>
                <button type="button" class="button secondary" data-testid="med-cancel" on:click=move |_| close()>{tr!("Cancel")}</button>
            </div>
        </form>
    }
}

/// One medication: what and when, its history, and changing, stopping or tapering it.
#[component]
fn MedItem(med: Medication, on_change: Callback<Medication>, risk: RwSignal<Option<RiskMoment>>, removed: RwSignal<Vec<Medication>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let today = clock.local_untracked().date();
    let stopping = RwSignal::new(false);
    let stop_day = RwSignal::new(iso_date(today));
    let show_history = RwSignal::new(false);
    let restarting = RwSignal::new(false);
    let restart_dose = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = med.id;
    // Saves a change to this medication; false (and a message) if it can't be saved.
    let change = move |f: Box<dyn FnOnce(&mut Medication)>| -> bool {
        let Some(mut med) = store.meds().with_untracked(|d| d.get(id).cloned()) else { return false };
        f(&mut med);
        match store.meds().modify(|d| d.save(med)) {
            Ok(moment) => {
                error.set(None);
                if moment.is_some() {
                    risk.set(moment);
                    focus_soon("risk-card");
                }
                true
            }
            Err(problem) => {
                error.set(Some(problem.message()));
                false
            }
        }
    };
    let stop = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let day = parse_iso_date(&stop_day.get_untracked()).unwrap_or(today);
        change(Box::new(move |m| m.stopped = Some(day)));
        stopping.set(false);
    };
    // Started again with the dose typed now (never the old one: see `Medication::restarted`).
    let restart = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let dose = restart_dose.get_untracked();
        if change(Box::new(move |m| *m = m.restarted(&dose))) {
            restarting.set(false);
        }
    };
    let restart_caution = restart_caution(med.kind);
    let for_edit = med.clone();
    let remove = move |_| {
        if let Ok(Some(gone)) = store.meds().modify(|d| Ok::<_, ()>(d.remove(id))) {
            offer_undo_each(removed, gone);
            focus_soon("med-add");
        }
    };
    let when = {
        let mut parts = vec![Repeat::words(med.repeat)];
        if !med.times.is_empty() {
            parts.push(fill(tr!("at {}"), &[&times_text(&med.times)]));
        }
        parts.join(" ")
    };
    let next = (med.stopped.is_none()).then(|| upcoming(&med.recurrence(), &med.times, clock.local_untracked(), 1).into_iter().next()).flatten();
    let name = med.shown_name().to_string();
    view! {
        <li class="card med-item" data-testid="med-item" data-med=id.to_string()>
            <h2>{name.clone()}</h2>
            <p>
                {(!med.dose.is_empty()).then(|| format!("{} — ", med.dose))}
                {when}
            </p>
            {next.filter(|n| n.date != today).map(|n| view! { <p class="hint">{fill(tr!("Next: {}"), &[&long_date(n.date)])}</p> })}
            {med.take_homes.map(|n| view! { <p class="hint">{fill(tr!("Take-home doses on hand: {}"), &[&n.to_string()])}</p> })}
            {(!med.prescriber.is_empty()).then(|| view! { <p class="hint">{fill(tr!("Prescriber: {}"), &[&med.prescriber])}</p> })}
            {(!med.pharmacy.is_empty()).then(|| view! { <p class="hint">{fill(tr!("Pharmacy: {}"), &[&med.pharmacy])}</p> })}
            {med.tapering_since.filter(|_| med.stopped.is_none()).map(|d| view! { <p data-testid="med-tapering">{fill(tr!("Tapering since {}"), &[&long_date(d)])}</p> })}
            {med.stopped.map(|d| view! { <p data-testid="med-stopped">{fill(tr!("Stopped on {}"), &[&long_date(d)])}</p> })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" class="button secondary" data-testid="med-history-open" aria-expanded=move || show_history.get().to_string()
                    on:click=move |_| show_history.update(|s| *s = !*s)>{tr!("History")}</button>
                <button type="button" class="button secondary" data-testid="med-edit" on:click=move |_| on_change.run(for_edit.clone())>{tr!("Change")}</button>
                {if med.stopped.is_some() {
                    view! {
                        <button type="button" class="button secondary" data-testid="med-restart" aria-expanded=move || restarting.get().to_string()
                            on:click=move |_| { restart_dose.set(String::new()); restarting.set(true); focus_soon(&format!("med-restart-dose-{id}")); }>
                            {tr!("I've started again")}
                        </button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="button secondary" data-testid="med-stop" on:click=move |_| { stopping.set(true); focus_soon(&format!("med-stop-date-{id}")); }>{tr!("I've stopped")}</button>
                        {(med.tapering_since.is_none() && med.kind.can_taper()).then(|| view! {
                            <button type="button" class="button secondary" data-testid="med-taper" on:click=move |_| { change(Box::new(move |m| m.tapering_since = Some(today))); }>
                                {tr!("I'm tapering")}
                            </button>
                        })}
                    }.into_any()
                }}
                <button type="button" class="button secondary" data-testid="med-remove" on:click=remove>{tr!("Remove")}</button>
            </div>
            <Show when=move || stopping.get()>
                <form class="stop-form" on:submit=stop>
                    <div class="field">
                        <label for=format!("med-stop-date-{id}")>{tr!("Last day you took it")}</label>
                        <input id=format!("med-stop-date-{id}") type="date" data-testid="med-stop-date" prop:value=move || stop_day.get() on:input=move |ev| stop_day.set(event_target_value(&ev))/>
                    </div>
                    <div class="actions">
                        <button type="submit" class="button" data-testid="med-stop-confirm">{tr!("Save")}</button>
                        <button type="button" class="button secondary" on:click=move |_| stopping.set(false)>{tr!("Cancel")}</button>
                    </div>
                </form>
            </Show>
            <Show when=move || restarting.get()>
                <form class="stop-form" data-testid="med-restart-confirm" on:submit=restart>
                    // Safety review 2026-12-06, 1.3; content-facts.md, "Medication for opioid use disorder".
                    <p>
                        <strong>{tr!("Restart only with your prescriber or clinic.")}</strong>
                        {restart_caution.map(|words| view! { " " {words} })}
                    </p>
                    <div class="field">
                        <label for=format!("med-restart-dose-{id}")>{tr!("What dose did they give you now? (optional)")}</label>
                        <input id=format!("med-restart-dose-{id}") data-testid="med-restart-dose" autocomplete="off" aria-describedby=format!("med-restart-hint-{id}")
                            prop:value=move || restart_dose.get() on:input=move |ev| restart_dose.set(event_target_value(&ev))/>
                        <p class="hint" id=format!("med-restart-hint-{id}")>{tr!("Not your old dose: the one you were given for starting again.")}</p>
                    </div>
                    <div class="actions">
                        <button type="submit" class="button" data-testid="med-restart-save">{tr!("Save")}</button>
                        <button type="button" class="button secondary" data-testid="med-restart-cancel" on:click=move |_| restarting.set(false)>{tr!("Cancel")}</button>
                    </div>
                </form>
            </Show>
            <Show when=move || show_history.get()>
                <History med=med.clone()/>
            </Show>
        </li>
    }
}

/// What starting this kind again too soon or at the old dose can do
/// (content-facts.md, "Medication for opioid use disorder"; safety review 2026-12-06, 1.3).
fn restart_caution(kind: MedKind) -> Option<&'static str> {
    match kind {
        // Australian Government, "Clinical guidelines for methadone: missed doses" (3+ days: tolerance
        // reduced, dose withheld or reduced until assessed); Bluewater Methadone Clinic FAQ.
        MedKind::Methadone => Some(tr!("After even a few days off, your old methadone dose can be too strong for you and cause an overdose: the clinic checks your dose first.")),
        // The Carlat Report, "Effective Management of Buprenorphine-Precipitated Opioid Withdrawal".
        MedKind::Buprenorphine | MedKind::BuprenorphineWeekly | MedKind::BuprenorphineMonthly => Some(tr!(
            "Buprenorphine started too soon after other opioids, especially fentanyl, can bring on sudden, severe withdrawal: your clinic will tell you when to start.")),
        // addictionresource.net, "Taking Vivitrol With Opiates" (7–14 opioid-free days; precipitated withdrawal).
        MedKind::Naltrexone | MedKind::NaltrexoneMonthly => Some(tr!(
            "Naltrexone started too soon after other opioids (it usually needs 7 to 14 days without any) can bring on sudden, severe withdrawal.")),
        MedKind::Other => None,
    }
}

/// Missed doses: never doubled up; methadone after 3 or more missed days is
/// checked first (Australian Government, "Clinical guidelines for methadone:
/// missed doses"; content-facts.md; safety review 2026-12-06, 2.7).
#[component]
fn MissedDoses() -> impl IntoView {
    let store = expect_context::<Store>();
    let methadone = move || store.meds().with(|d| d.list.iter().any(|m| m.kind == MedKind::Methadone && m.stopped.is_none()));
    view! {
        <p class="hint" data-testid="meds-missed">
            {tr!("Missed a dose? Don't take double to catch up: call your clinic or pharmacist. ")}
            {move || methadone().then(|| tr!("After 3 or more days in a row without methadone, your dose needs checking before you take it again."))}
        </p>
    }
}

/// Keeping doses at home safe from others, with the country's emergency number.
/// "Accidental death from take home methadone maintenance doses", Child Abuse &
/// Neglect 2011; CATC, "Keeping Your Take-Home Doses Safe"; content-facts.md;
/// safety review 2026-12-06, 2.6.
#[component]
fn SafeStorage() -> impl IntoView {
    let store = expect_context::<Store>();
    let emergency = move || store.settings().with(|s| s.region).emergency().call.display;
    view! {
        <p class="hint" id="med-storage" data-testid="med-storage">
            {tr!("Keep the doses you have at home in a locked box, with the key kept somewhere else, out of sight of children and visitors. ")}
            {tr!("Even a small amount can kill a child or someone with no tolerance to opioids. ")}
            {move || fill(tr!("If anyone else swallows any, call {} right away."), &[emergency()])}
        </p>
    }
}

/// A month of one medication's days: what was marked taken, shown plainly —
/// a day without a mark is just that, never a failure.
#[component]
fn History(med: Medication) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let today = clock.local_untracked().date();
    let month = RwSignal::new(YearMonth::of(today));
    let days = move || {
        let m = month.get();
        let first = m.first_day();
        let taken: Vec<Taken> = store.with_month::<Taken, _>(m, |l| l.iter().filter(|t| t.med == med.id).cloned().collect());
        (0..31)
            .map(|n| first + TimeDelta::days(n))
            .take_while(|d| d.month() == first.month() && *d <= today)
            .filter(|d| *d >= med.first)
            .map(|d| {
                let times: Vec<String> = taken.iter().filter(|t| t.day == d).map(|t| crate::domain::dates::time_of_day(t.at.time())).collect();
                (d, day_doses(&med, &taken, d), times)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
    };
    let step = move |by: i32| {
        month.update(|m| {
            let first = m.first_day();
            let moved = if by < 0 { first - TimeDelta::days(1) } else { first + TimeDelta::days(31) };
            *m = YearMonth::of(moved);
        })
    };
    view! {
        <div class="med-history" data-testid="med-history">
            <h3 aria-live="polite">{move || { let f = month.get().first_day(); month_year(f.year(), f.month()) }}</h3>
            <div class="actions two">
                <button type="button" class="button secondary" data-testid="med-history-earlier" on:click=move |_| step(-1)>{tr!("Earlier month")}</button>
                <button type="button" class="button secondary" data-testid="med-history-later" disabled=move || { month.get() >= YearMonth::of(today) } on:click=move |_| step(1)>{tr!("Later month")}</button>
            </div>
            <ul class="plain">
                {move || {
                    let list = days();
                    if list.is_empty() {
                        return view! { <li>{tr!("Nothing to show for this month.")}</li> }.into_any();
                    }
                    list.into_iter().map(|(day, state, times)| {
                        let text = match state {
                            DayDoses::NoneDue if times.is_empty() => tr!("nothing due").to_string(),
                            DayDoses::Marked { taken: 0, .. } => tr!("not marked").to_string(),
                            _ => fill(tr!("taken at {}"), &[&times.join(", ")]),
                        };
                        view! { <li data-testid="med-day" data-date=iso_date(day)><strong>{long_date(day)}</strong>": "{text}</li> }
                    }).collect_view().into_any()
                }}
            </ul>
        </div>
    }
}

/// Where the naloxone is, its kind and printed expiry date.
#[component]
fn NaloxoneSection() -> impl IntoView {
    let store = expect_context::<Store>();
    let kit = store.meds().with_untracked(|d| d.naloxone.clone().unwrap_or_default());
    let place = RwSignal::new(kit.place.clone());
    let expiry = RwSignal::new(kit.expiry.map(iso_date).unwrap_or_default());
    let kind = RwSignal::new(kit.kind);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = expiry.get_untracked();
        let date = parse_iso_date(&typed);
        if !typed.trim().is_empty() && date.is_none() {
            error.set(Some(tr!("That expiry date couldn't be read. Pick it from the calendar.").to_owned()));
            return;
        }
        let kit = Naloxone { place: place.get_untracked().trim().to_string(), expiry: date, kind: kind.get_untracked() };
        let outcome = store.meds().modify(|d| {
            kit.check()?;
            d.naloxone = (!kit.is_empty()).then_some(kit);
            Ok::<_, MedProblem>(())
        });
        match outcome {
            Ok(()) => {
                error.set(None);
                // A write that failed is reported at the foot of the screen; it isn't "saved".
                saved.set(store.save_error.get_untracked().is_none());
            }
            Err(problem) => error.set(Some(problem.message())),
        }
    };
    view! {
        <form class="card" aria-labelledby="naloxone-title" data-testid="naloxone" on:submit=save novalidate>
            <h2 id="naloxone-title">{tr!("My naloxone")}</h2>
            <p class="hint" data-testid="naloxone-storage">
                {tr!("Keep it where the people around you know to find it. Steady shows where it is in Help and in the overdose guide.")}
                // Room temperature, away from light (FDA labelling, content-facts.md); not in a car or
                // bathroom (Providence/KidsHealth, "How to Give Naloxone"; safety review 2026-12-06, minor).
                {tr!(" Not in a car or a bathroom: heat and cold can damage it.")}
            </p>
            <div class="field">
                <label for="naloxone-where">{tr!("Where it's kept")}</label>
                <input id="naloxone-where" data-testid="naloxone-where" autocomplete="off" prop:value=move || place.get() on:input=move |ev| { place.set(event_target_value(&ev)); saved.set(false); }/>
            </div>
            <div class="field">
                <label for="naloxone-kind">{tr!("Kind")}</label>
                <select id="naloxone-kind" data-testid="naloxone-kind" on:change=move |ev| {
                    kind.set(if event_target_value(&ev) == "injection" { NaloxoneKind::Injection } else { NaloxoneKind::NasalSpray });
                    saved.set(false);
                }>
                    <option value="nasal" selected=move || kind.get() == NaloxoneKind::NasalSpray>{NaloxoneKind::NasalSpray.label()}</option>
                    <option value="injection" selected=move || kind.get() == NaloxoneKind::Injection>{NaloxoneKind::Injection.label()}</option>
                </select>
            </div>
            <div class="field">
                <label for="naloxone-expiry">{tr!("Expiry date printed on it")}</label>
                <input id="naloxone-expiry" type="date" data-testid="naloxone-expiry" prop:value=move || expiry.get() on:input=move |ev| { expiry.set(event_target_value(&ev)); saved.set(false); }/>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="naloxone-error">{e}</p> })}
            <p class="saved-state" role="status">{move || saved.get().then(|| tr!("Saved."))}</p>
            <button type="submit" class="button secondary" data-testid="naloxone-save">{tr!("Save my naloxone details")}</button>
        </form>
    }
}

/// "I've just left…": a program, detox, a residential stay or prison.
#[component]
fn JustLeft(risk: RwSignal<Option<RiskMoment>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let place = RwSignal::new(LeftPlace::TreatmentProgram);
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let today = clock.local_untracked().date();
        let moment = store.meds().modify(|d| Ok::<_, ()>(d.record_left(place.get_untracked(), today))).ok().flatten();
        // Already shown for this place today: show it again, as asked.
        risk.set(Some(moment.unwrap_or(RiskMoment::Left { place: place.get_untracked(), on: today })));
        focus_soon("risk-card");
    };
    view! {
        <form class="card" id="left" aria-labelledby="left-title" data-testid="just-left" on:submit=record>
            <h2 id="left-title">{tr!("I've just left…")}</h2>
            // Transitions are when tolerance is lowest (content-facts.md: Strang 2003, Binswanger 2007; Spanish review A6).
            <p class="hint">{tr!("In the weeks after leaving a program, detox, a residential stay or prison, tolerance is at its lowest. Tell Steady, and it will show what can help keep you safe.")}</p>
            <div class="field">
                <label for="left-place">{tr!("Where")}</label>
                <select id="left-place" data-testid="left-place" on:change=move |ev| {
                    let picked = event_target_value(&ev);
                    if let Some(p) = LeftPlace::ALL.into_iter().find(|p| stored_name(p) == picked) {
                        place.set(p);
                    }
                }>
                    {LeftPlace::ALL.into_iter().map(|p| view! { <option value=stored_name(&p)>{p.label()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary" data-testid="left-save">{tr!("Yes, I've just left")}</button>
        </form>
    }
}

/// The overdose-risk card after stopping or tapering treatment or leaving
/// somewhere, in the words that fit the medication and the moment
/// ([`RiskCard`]), always with "don't use alone" and the country's line.
#[component]
fn OverdoseRiskCard(moment: RiskMoment, risk: RwSignal<Option<RiskMoment>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let person = move || {
        let region = store.settings().with(|s| s.region);
        store.plan().with(|plan| plan.first_to_call(region))
    };
    let naloxone = store.meds().with_untracked(|d| d.naloxone.as_ref().map(|k| k.place.clone()).filter(|p| !p.is_empty()));
    let card = store.meds().with_untracked(|d| d.risk_card(moment));
    view! {
        <section class="card warning" id="risk-card" tabindex="-1" data-testid="risk-card" aria-labelledby="risk-title">
            <h2 id="risk-title">{tr!("A time to take extra care")}</h2>
            <RiskWords card/>
            <UseAloneLine/>
            <p data-testid="risk-naloxone">{match naloxone {
                Some(place) => fill(tr!("Your naloxone: {}. Make sure the people around you know where it is."), &[&place]),
                None => tr!("Keep naloxone where the people around you know to find it.").to_string(),
            }}</p>
            <div class="actions">
                <a class="button secondary" href="/help/overdose" data-testid="risk-overdose">{tr!("What to do in an overdose")}</a>
                <a class="button secondary" href="/plan#plan-crisis" data-testid="risk-plan">{tr!("My crisis plan")}</a>
                {move || match person() {
                    Some(c) => view! { <a class="button call" data-testid="risk-call" href=format!("tel:{}", c.tel)>{fill(tr!("Call {}"), &[&c.name])}</a> }.into_any(),
                    None => view! { <a class="button secondary" data-testid="risk-help" href="/help">{tr!("Talk to someone now")}</a> }.into_any(),
                }}
                <button type="button" class="button secondary" data-testid="risk-close" on:click=move |_| risk.set(None)>{tr!("I've read this")}</button>
            </div>
        </section>
    }
}

/// What the risk card says about the risk itself, and what to do about it.
#[component]
fn RiskWords(card: RiskCard) -> impl IntoView {
    // The card's name (for tests), the risk, the advice in bold, and a last line.
    let (name, risk, advice, last): (&str, &str, &str, Option<&str>) = match card {
        // Safety review 2026-12-06, 3.7: a taper is not yet a stop. Cornish et al., BMJ 2010 and
        // Williams et al., Am J Psychiatry 2020 (overdoses after ending buprenorphine): content-facts.md.
        RiskCard::Taper => (
            "taper",
            tr!("As your dose goes down, and in the weeks after it ends, your tolerance to opioids drops and your overdose risk rises."),
            tr!("A taper isn't a stop yet: going more slowly, or back up if you need to, is OK. Talk it over with your prescriber."),
            None,
        ),
        // Cornish et al., BMJ 2010 (methadone and buprenorphine only): about 9× in weeks 1–2 and 8× in
        // weeks 3–4 compared with time on treatment, so "the first month" (content-facts.md; safety
        // review 2026-12-06, 2.2 and 3.7; Spanish review A5).
        RiskCard::Stopped => (
            "stopped",
            tr!("Stopping methadone or buprenorphine brings a time of much higher overdose risk: in a large UK study, deaths in the first month after leaving treatment were about 8 to 9 times as high as during it (Cornish and others, BMJ 2010)."),
            tr!("If you stopped on your own or you're finding it hard, it's not too late: your prescriber or clinic can help you restart safely."),
            None,
        ),
        // VIVITROL Medication Guide, "Risk of opioid overdose" (Florida Center for Recovery); Drugs.com,
        // "What happens if you take opiates while on Vivitrol?" (content-facts.md; safety review 2026-12-06, 2.2).
        RiskCard::Naltrexone => (
            "naltrexone",
            tr!("Naltrexone's block on opioids wears off: soon after the last tablet, and over the weeks after an injection. You're more sensitive to opioids when a tablet is missed, when your next shot is due or late, and after you stop: an amount you used to take, or even less, can then cause an overdose."),
            tr!("Never try to push through the block by taking more: that can kill."),
            Some(tr!("Keep naloxone close, don't use alone, and talk to your prescriber.")),
        ),
        RiskCard::Left(place) => return view! { <LeftWords place/> }.into_any(),
    };
    view! {
        <div data-testid="risk-words" data-card=name>
            <p>{risk}</p>
            <p><strong>{advice}</strong></p>
            {last.map(|words| view! { <p>{words}</p> })}
        </div>
    }
    .into_any()
}

/// After leaving somewhere: the risk, for prison its size, and what lowers it.
#[component]
fn LeftWords(place: LeftPlace) -> impl IntoView {
    let store = expect_context::<Store>();
    let treatment = move || store.settings().with(|s| s.region).treatment_line();
    view! {
        <div data-testid="risk-words" data-card="left">
            // Strang et al., BMJ 2003 (loss of tolerance after detox); content-facts.md.
            <p>{fill(tr!("After leaving {}, your tolerance to opioids is likely much lower than before. Using the amount you used to could cause an overdose."), &[place.label()])}</p>
            // Binswanger et al., NEJM 2007: 12.7× the general population's death rate in the first two
            // weeks after release, overdose the leading cause (content-facts.md; safety review 2026-12-06, 2.3).
            {(place == LeftPlace::Prison).then(|| view! {
                <p data-testid="risk-prison">{tr!("In the first two weeks after release from prison, the death rate was about 13 times the general population's, mostly from overdose (Binswanger and others, NEJM 2007).")}</p>
            })}
            // Marsden et al., Addiction 2017 (opioid substitution treatment at release: all-cause deaths in
            // the first 4 weeks HR 0.25); Street Connections, "Overdose prevention" (a smaller amount first);
            // content-facts.md; safety review 2026-12-06, 2.3.
            <p data-testid="risk-lowers">
                <strong>{tr!("What lowers the risk: ")}</strong>
                {tr!("medication — buprenorphine or methadone — keeps your tolerance up and greatly cuts the risk of dying in the first weeks. If you're not on it, ask a clinic today about starting. ")}
                // The country's line for finding treatment, where it has one (`Region::treatment_line`).
                {move || treatment().map(|line| view! {
                    {fill(tr!("Or call {}: "), &[line.name.get()])}
                    <a class="button secondary" href=line.call.tel_href() data-testid="risk-treatment-call">
                        {tr!("Call ")} <span class="number">{line.call.display}</span>
                    </a>
                    " "
                })}
                {tr!("If you do use: much less than before, slowly, not alone, and with naloxone where others can find it.")}
            </p>
        </div>
    }
}

/// This install's random id, which starts the discreet calendar file's event
/// UIDs: made the first time and kept with the medication (and in backups), so
/// each export's events have the same UIDs. If it can't be stored, this file
/// still gets one; a later one may then add its events again.
fn calendar_id(store: Store) -> String {
    let kept = store.meds().with_untracked(|d| d.calendar_id.clone());
    if !kept.is_empty() {
        return kept;
    }
    let part = || (js_sys::Math::random() * 4_294_967_296.0) as u32;
    let made = format!("{:08x}{:08x}", part(), part());
    let kept = store.meds().modify(|d| {
        if d.calendar_id.is_empty() {
            d.calendar_id = made.clone();
        }
        Ok::<_, ()>(d.calendar_id.clone())
    });
    kept.unwrap_or(made)
}

/// Reminders that reach the person while Steady is closed: a calendar file
/// with an alarm for each dose time, injection day and the naloxone date.
#[component]
fn CalendarExport() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let full_titles = RwSignal::new(false);
    let checkin = RwSignal::new(false);
    let checkin_time = RwSignal::new("21:00".to_string());
    let status = RwSignal::new(None::<&'static str>);
    let has_any = move || checkin.get() || store.meds().with(|d| !reminders(d, Naming::Full).is_empty());
    // A name that says nothing of Steady either: it sits in the Downloads folder.
    const NAME: &str = "reminders.ics";
    const MIME: &str = "text/calendar";
    let downloaded = |text: &str| match download(NAME, MIME, text) {
        Ok(()) => tr!("Downloaded “reminders.ics”. Open it to add the reminders to your calendar."),
        Err(_) => tr!("The calendar file couldn't be made on this browser."),
    };
    let export = move |_| {
        let install = if full_titles.get_untracked() { String::new() } else { calendar_id(store) };
        let naming = if full_titles.get_untracked() { Naming::Full } else { Naming::Discreet(&install) };
        let mut events = store.meds().with_untracked(|d| reminders(d, naming));
        if checkin.get_untracked() {
            let Some(time) = parse_hh_mm(&checkin_time.get_untracked()) else {
                status.set(Some(tr!("Write the check-in time like 21:00.")));
                return;
            };
            events.push(calendar_reminder(time, clock.local_untracked().date(), naming));
        }
        let text = calendar(&events, clock.instant().naive_utc(), naming);
        match shareable_file(NAME, MIME, &text) {
            Some(file) => leptos::task::spawn_local(async move {
                status.set(Some(match share_file(file).await {
                    Ok(true) => tr!("Shared. If your calendar asks, choose to add the events."),
                    Ok(false) => tr!("Not shared: the share sheet was closed."),
                    Err(()) => downloaded(&text),
                }));
            }),
            None => status.set(Some(downloaded(&text))),
        }
    };
    view! {
        <section class="card" aria-labelledby="calendar-title" data-testid="calendar">
            <h2 id="calendar-title">{tr!("Reminders in your calendar")}</h2>
            <p>{tr!("Steady has no server, so it can't send reminders while it's closed. Your phone's calendar can: add this file, and an alarm comes for each dose time, each injection or pickup day, an hour before each appointment, and a month before your naloxone expires.")}</p>
            <p class="hint">{tr!("After a change here, add the file again: the events are updated, not doubled, and a stopped medication's alarms end. A removed medication, appointment or dose time can't be taken back out by the file: delete its events in your calendar. While Steady is open, what's due within the hour shows on Today.")}</p>
            <div class="check">
                <input type="checkbox" id="calendar-full-titles" data-testid="calendar-full-titles" prop:checked=move || full_titles.get()
                    on:change=move |ev| full_titles.set(event_target_checked(&ev))/>
                <label for="calendar-full-titles">{tr!("Name the medication and appointments in the events, with their places (others who see your calendar will see them too)")}</label>
            </div>
            <div class="check">
                <input type="checkbox" id="calendar-checkin" data-testid="calendar-checkin" prop:checked=move || checkin.get()
                    on:change=move |ev| checkin.set(event_target_checked(&ev))/>
                <label for="calendar-checkin">{tr!("Also a daily reminder to check in")}</label>
            </div>
            <Show when=move || checkin.get()>
                <div class="field">
                    <label for="calendar-checkin-time">{tr!("Check-in reminder at")}</label>
                    <input id="calendar-checkin-time" type="time" data-testid="calendar-checkin-time" prop:value=move || checkin_time.get()
                        on:input=move |ev| checkin_time.set(event_target_value(&ev))/>
                </div>
            </Show>
            <button type="button" class="button secondary" data-testid="calendar-export" disabled=move || !has_any() on:click=export>
                {tr!("Add to my calendar")}
            </button>
            {move || (!has_any()).then(|| view! { <p class="hint">{tr!("Add a medication, an appointment or your naloxone's expiry date first.")}</p> })}
            <p role="status" data-testid="calendar-status">{move || status.get()}</p>
        </section>
    }
}
