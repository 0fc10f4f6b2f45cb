//! Appointments: the section of the medication screen where they are added,
//! changed and cancelled ("just this one, or every time?" for a repeating
//! one), the read-only list the plan's treatment section shows, and the next
//! one on Today. The rules (what is next, skipping one of a series) are in
//! `domain::appointments`.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::components::focus::focus_soon;
use crate::components::switch_confirm::SwitchConfirm;
use crate::components::undo::{more_to_undo, offer_undo_each, take_latest};
use crate::domain::appointments::{add_new, agenda, ApptProblem, cancel_all, cancel_one, next_one, restore, save_all, save_one, Appointment, ApptKind, Upcoming};
use crate::domain::dates::{at_time, day_month_short, hh_mm, iso_date, parse_hh_mm, parse_iso_date, weekday_short};
use crate::domain::i18n::fill;
use crate::domain::schedule::{Occurrence, Repeat};
use crate::domain::stored_name;
use crate::storage::Store;

/// How far ahead the lists show every time (beyond, each one's next time).
const AGENDA_DAYS: i64 = 14;

/// "Mon 9 Nov at 09:00", "Tue 10 Nov".
pub fn when_text(o: &Occurrence) -> String {
    let day = format!("{} {}", weekday_short(o.date.weekday().num_days_from_monday() as usize), day_month_short(o.date));
    match o.time {
        Some(time) => fill(tr!("{} at {}"), &[&day, &at_time(time)]),
        None => day,
    }
}

/// Which times a change is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    New,
    /// Every time of the series (or the only one).
    All,
    /// Only the time on this date.
    One(NaiveDate),
}

/// A change or a cancellation waiting for "just this one, or every time?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    Change(u64, NaiveDate),
    Cancel(u64, NaiveDate),
}

/// The name the form's draft is kept under (see `storage::draft`).
const DRAFT: &str = "appt";

/// The form as typed, kept as a draft through leaving the screen, a reload
/// or the lock, until it is saved or put away ("Don't save").
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Form {
    /// The appointment being added or changed: its id, kind, title, place and
    /// note as typed, and (changing every time) the dates left out of it.
    appt: Appointment,
    /// "new", "all", or the date of the only time being changed.
    scope: String,
    date: String,
    time: String,
    repeat: String,
    every: String,
}

impl Form {
    fn start(appt: Appointment, scope: Scope) -> Form {
        Form {
            scope: match scope {
                Scope::New => "new".into(),
                Scope::All => "all".into(),
                Scope::One(date) => iso_date(date),
            },
            date: iso_date(appt.first),
            time: appt.time.map(hh_mm).unwrap_or_default(),
            repeat: appt.repeat.key().into(),
            every: match appt.repeat {
                Repeat::EveryDays(n) => n.to_string(),
                _ => "14".into(),
            },
            appt,
        }
    }

    fn scope(&self) -> Scope {
        match self.scope.as_str() {
            "new" => Scope::New,
            "all" => Scope::All,
            day => parse_iso_date(day).map_or(Scope::All, Scope::One),
        }
    }

    /// Whether the form holds something not stored: for a new appointment,
    /// anything typed; for a change, a field that differs from `stored`, the
    /// appointment as stored now (its left-out dates don't count: the form
    /// doesn't save those).
    fn unsaved(&self, stored: Option<&Appointment>) -> bool {
        let scope = self.scope();
        match stored.filter(|_| scope != Scope::New) {
            Some(a) => {
                let a = match scope {
                    Scope::One(date) => Appointment { first: date, repeat: Repeat::Once, ..a.clone() },
                    _ => a.clone(),
                };
                self.fields() != Form::start(a, scope).fields()
            }
            None => [&self.appt.title, &self.appt.place, &self.appt.note, &self.time].iter().any(|t| !t.trim().is_empty()),
        }
    }

    /// What the form shows, as it would be saved.
    fn fields(&self) -> [String; 8] {
        let a = &self.appt;
        let every = if self.repeat == "days" { self.every.trim() } else { "" };
        let text = |t: &str| t.trim().to_string();
        [stored_name(&a.kind), text(&a.title), text(&a.place), text(&a.note), text(&self.date), text(&self.time), text(&self.repeat), every.into()]
    }

    /// The kept draft, if any. One that isn't a draft's shape still comes back, as a note.
    fn kept(today: NaiveDate, id: u64) -> Option<Form> {
        Some(crate::storage::kept_form(DRAFT)?.unwrap_or_else(|raw| {
            let mut form = Form::start(Appointment::new(id, ApptKind::Other, today), Scope::New);
            form.appt.note = raw;
            form
        }))
    }
}

/// The appointments on the medication screen.
#[component]
pub fn AppointmentsSection() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    // A new one's id is given again on saving (`add_new`).
    let editing = RwSignal::new(Form::kept(clock.local_untracked().date(), js_sys::Date::now() as u64));
    let asking = RwSignal::new(None::<Asking>);
    let undo = RwSignal::new(Vec::<Appointment>::new());
    let error = RwSignal::new(None::<&'static str>);
    // The open form as typed (None: no form open), and the "Change" asked for
    // while it held something unsaved, waiting for "Keep editing" or "Discard".
    let typed = StoredValue::new(None::<Form>);
    let switch_to = RwSignal::new(None::<Asking>);
    let switching = RwSignal::new(false);

    let start_new = move |_| {
        let today = clock.local_untracked().date();
        editing.set(Some(Form::start(Appointment::new(js_sys::Date::now() as u64, ApptKind::Clinic, today), Scope::New)));
        focus_soon("appt-kind");
    };
    let find = move |id: u64| store.meds().with_untracked(|d| d.appts.iter().find(|a| a.id == id).cloned());
    let change = move |id: u64, scope: Scope| {
        asking.set(None);
        match (find(id), scope) {
            (Some(appt), Scope::One(date)) => editing.set(Some(Form::start(Appointment { first: date, repeat: Repeat::Once, ..appt }, scope))),
            (Some(appt), _) => editing.set(Some(Form::start(appt, Scope::All))),
            (None, _) => error.set(Some(ApptProblem::Gone.message())),
        }
        focus_soon("appt-kind");
    };
    let cancel = move |id: u64, scope: Scope| {
        asking.set(None);
        let before = store.meds().modify(|d| match scope {
            Scope::One(date) => cancel_one(&mut d.appts, id, date).ok_or(()),
            _ => cancel_all(&mut d.appts, id).ok_or(()),
        });
        match before {
            Ok(before) => {
                error.set(None);
                offer_undo_each(undo, before);
                focus_soon("appt-undo");
            }
            Err(()) => error.set(Some(ApptProblem::Gone.message())),
        }
    };
    let put_back = move |_| {
        // Newest first: a second cancel of the same appointment is undone before the first.
        if let Some(before) = take_latest(undo) {
            let _ = store.meds().modify(|d| Ok::<_, ()>(restore(&mut d.appts, before)));
            focus_soon(if undo.with_untracked(Vec::is_empty) { "appt-add" } else { "appt-undo" });
        }
    };
    let ask_or_do = move |what: Asking| {
        let (id, date) = match what {
            Asking::Change(id, date) | Asking::Cancel(id, date) => (id, date),
        };
        if find(id).is_some_and(|a| a.repeats()) {
            asking.set(Some(what));
            focus_soon("appt-this-one");
        } else if matches!(what, Asking::Change(..)) {
            change(id, Scope::All);
        } else {
            cancel(id, Scope::One(date));
        }
    };
    // "Change" while the open form holds something unsaved asks first.
    let change_asked = move |what: Asking| {
        let unsaved = typed.get_value().is_some_and(|t| t.unsaved(find(t.appt.id).as_ref()));
        if unsaved {
            switch_to.set(Some(what));
            switching.set(true);
        } else {
            ask_or_do(what);
        }
    };
    let discard = Callback::new(move |()| {
        let _ = crate::storage::keep_draft(DRAFT, None);
        typed.set_value(None);
        editing.set(None);
        if let Some(what) = switch_to.get_untracked() {
            ask_or_do(what);
        }
    });
    let upcoming = move || store.meds().with(|d| agenda(&d.appts, clock.local(), AGENDA_DAYS, 60));

    view! {
        <section class="card" id="appts" aria-labelledby="appts-title" data-testid="appts">
            <h2 id="appts-title">{tr!("Appointments")}</h2>
            <p class="hint">{tr!("Clinic visits, counselling, pickups, injections and meetings. The next one shows on Today, and they're in your plan.")}</p>
            <SwitchConfirm pending=switching on_keep=Callback::new(|()| focus_soon("appt-kind")) on_discard=discard/>
            {move || match editing.get() {
                Some(start) => view! { <ApptForm start editing typed/> }.into_any(),
                None => view! {
                    <button type="button" class="button" id="appt-add" data-testid="appt-add" on:click=start_new>{tr!("Add an appointment")}</button>
                }.into_any(),
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || undo.with(|s| s.last().map(|before| (before.shown_title().to_string(), s.len()))).map(|(title, count)| view! {
                <p class="notice undo" role="status">
                    {fill(tr!("Cancelled: {}. "), &[&title])}
                    {more_to_undo(count)}
                    <button type="button" class="button secondary" id="appt-undo" data-testid="appt-undo" on:click=put_back>{tr!("Undo")}</button>
                </p>
            })}
            <ul class="plain appt-list" data-testid="appt-list">
                {move || {
                    let list = upcoming();
                    if list.is_empty() {
                        return view! { <li class="hint">{tr!("No appointments coming up.")}</li> }.into_any();
                    }
                    let waiting = asking.get();
                    list.into_iter().map(|u| {
                        let (id, date) = (u.appt.id, u.when.date);
                        let asked = waiting.filter(|a| matches!(a, Asking::Change(i, d) | Asking::Cancel(i, d) if *i == id && *d == date));
                        view! {
                            <li class="appt" data-testid="appt-item" data-date=iso_date(date)>
                                <ApptLine item=u.clone()/>
                                {match asked {
                                    Some(what) => {
                                        let (question, one, all) = match what {
                                            Asking::Change(..) => (tr!("Change only this one, or every time?"), tr!("Only this one"), tr!("Every time")),
                                            Asking::Cancel(..) => (tr!("Cancel only this one, or every time?"), tr!("Only this one"), tr!("Every time")),
                                        };
                                        let pick = move |scope: Scope| match what {
                                            Asking::Change(..) => change(id, scope),
                                            Asking::Cancel(..) => cancel(id, scope),
                                        };
                                        view! {
                                            <div class="ask" role="group" aria-label=question>
                                                <p><strong>{question}</strong></p>
                                                <div class="actions">
                                                    <button type="button" class="button secondary" id="appt-this-one" data-testid="appt-this-one" on:click=move |_| pick(Scope::One(date))>{one}</button>
                                                    <button type="button" class="button secondary" data-testid="appt-all" on:click=move |_| pick(Scope::All)>{all}</button>
                                                    <button type="button" class="button secondary" data-testid="appt-ask-cancel" on:click=move |_| asking.set(None)>{tr!("Go back")}</button>
                                                </div>
                                            </div>
                                        }.into_any()
                                    }
                                    None => {
                                        let title = u.appt.shown_title().to_string();
                                        view! {
                                            <div class="actions">
                                                <button type="button" class="button secondary" data-testid="appt-edit" aria-label=fill(tr!("Change {}"), &[&title])
                                                    on:click=move |_| change_asked(Asking::Change(id, date))>{tr!("Change")}</button>
                                                <button type="button" class="button secondary" data-testid="appt-cancel" aria-label=fill(tr!("Cancel {}"), &[&title])
                                                    on:click=move |_| ask_or_do(Asking::Cancel(id, date))>{tr!("Cancel")}</button>
                                            </div>
                                        }.into_any()
                                    }
                                }}
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        </section>
    }
}

/// One time of an appointment: when, what, where, how often.
#[component]
fn ApptLine(item: Upcoming) -> impl IntoView {
    let a = &item.appt;
    let mut details = Vec::new();
    if !a.place.trim().is_empty() {
        details.push(a.place.trim().to_string());
    }
    if a.repeats() {
        details.push(a.repeat.words());
    }
    view! {
        <p>
            <strong>{when_text(&item.when)}</strong>" — "{a.shown_title().to_string()}
            {(!details.is_empty()).then(|| view! { <br/><span class="hint">{details.join(" · ")}</span> })}
        </p>
        {(!a.note.trim().is_empty()).then(|| view! { <p class="hint">{a.note.trim().to_string()}</p> })}
    }
}

/// Adding an appointment, or changing one (or one time of a series). Every
/// change is kept as the draft; saving or "Don't save" drops it.
#[component]
fn ApptForm(start: Form, editing: RwSignal<Option<Form>>, typed: StoredValue<Option<Form>>) -> impl IntoView {
    let store = expect_context::<Store>();
    typed.set_value(Some(start.clone()));
    let scope = start.scope();
    let appt = start.appt.clone();
    let kind = RwSignal::new(appt.kind);
    let title = RwSignal::new(appt.title.clone());
    let date = RwSignal::new(start.date.clone());
    let time = RwSignal::new(start.time.clone());
    let place = RwSignal::new(appt.place.clone());
    let repeat = RwSignal::new(start.repeat.clone());
    let every = RwSignal::new(start.every.clone());
    let note = RwSignal::new(appt.note.clone());
    let error = RwSignal::new(None::<String>);
    let fixed = StoredValue::new((appt.clone(), start.scope.clone()));
    let keep = move || {
        let (base, scope) = fixed.get_value();
        let form = Form {
            appt: Appointment { kind: kind.get_untracked(), title: title.get_untracked(), place: place.get_untracked(), note: note.get_untracked(), ..base },
            scope,
            date: date.get_untracked(),
            time: time.get_untracked(),
            repeat: repeat.get_untracked(),
            every: every.get_untracked(),
        };
        let kept = crate::storage::keep_form(DRAFT, &form);
        typed.set_value(Some(form));
        error.set(kept.err().map(|e| fill(tr!("What you typed couldn't be kept on this device: {} Keep this screen open until you save."), &[&e])));
    };
    let close = move || {
        let _ = crate::storage::keep_draft(DRAFT, None);
        typed.set_value(None);
        editing.set(None);
        focus_soon("appt-add");
    };
    let base = appt.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read = || -> Result<Appointment, &'static str> {
            let first = parse_iso_date(&date.get_untracked()).ok_or(tr!("Pick the date from the calendar."))?;
            let typed_time = time.get_untracked();
            let time = match typed_time.trim() {
                "" => None,
                t => Some(parse_hh_mm(t).ok_or(tr!("Write the time like 09:30, or leave it empty."))?),
            };
            let repeat = match scope {
                Scope::One(_) => Repeat::Once,
                _ => Repeat::from_choice(&repeat.get_untracked(), &every.get_untracked()).ok_or(ApptProblem::BadRepeat.message())?,
            };
            Ok(Appointment {
                kind: kind.get_untracked(),
                title: title.get_untracked().trim().to_string(),
                first,
                time,
                place: place.get_untracked().trim().to_string(),
                repeat,
                note: note.get_untracked().trim().to_string(),
                ..base.clone()
            })
        };
        let saved = read().and_then(|changed| {
            // A new appointment (or a time changed on its own) is numbered from the time of
            // saving; every time is saved onto the series as stored now, keeping its left-out dates.
            let fresh = Appointment { id: js_sys::Date::now() as u64, ..changed.clone() };
            store
                .meds()
                .modify(|d| match scope {
                    Scope::One(on) => save_one(&mut d.appts, base.id, on, fresh).map(|_| ()),
                    Scope::New => add_new(&mut d.appts, fresh).map(|_| ()),
                    Scope::All => save_all(&mut d.appts, changed),
                })
                .map_err(|problem| problem.message())
        });
        match saved {
            // Closed (and the draft dropped) only once it is stored: with the lock on that is a moment later.
            Ok(()) => {
                let added = matches!(scope, Scope::New).then(|| store.meds().with_untracked(|d| d.appts.iter().map(|a| a.id).max())).flatten();
                leptos::task::spawn_local(async move {
                    let stored = crate::storage::settled().await;
                    if error.try_get_untracked().is_none() {
                        return; // The screen was left meanwhile; the draft stays until it is stored.
                    }
                    match stored {
                        Ok(()) => close(),
                        // Kept open and as the draft; a new one is in the list now, so saving again changes it.
                        Err(message) => match (added, typed.get_value()) {
                            (Some(id), Some(form)) => editing.set(Some(Form { appt: Appointment { id, ..form.appt }, scope: "all".into(), ..form })),
                            _ => error.set(Some(message.to_string())),
                        },
                    }
                });
            }
            // Kept in the form and as the draft: nothing typed is lost.
            Err(message) => error.set(Some(message.to_string())),
        }
    };
    let heading = match scope {
        Scope::New => tr!("Add an appointment"),
        Scope::All => tr!("Change this appointment"),
        Scope::One(_) => tr!("Change only this one"),
    };
    view! {
        <form class="appt-form" data-testid="appt-form" on:submit=save novalidate>
            <h3>{heading}</h3>
            {matches!(scope, Scope::One(_)).then(|| view! { <p class="hint">{tr!("The other times stay as they are.")}</p> })}
            <div class="field">
                <label for="appt-kind">{tr!("What it is")}</label>
                <select id="appt-kind" data-testid="appt-kind" on:change=move |ev| {
                    let picked = event_target_value(&ev);
                    if let Some(k) = ApptKind::ALL.into_iter().find(|k| stored_name(k) == picked) {
                        kind.set(k);
                        keep();
                    }
                }>
                    {ApptKind::ALL.into_iter().map(|k| view! { <option value=stored_name(&k) selected=move || kind.get() == k>{k.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="appt-title">{tr!("Title (optional)")}</label>
                <input id="appt-title" data-testid="appt-title" autocomplete="off" prop:value=move || title.get() on:input=move |ev| { title.set(event_target_value(&ev)); keep(); }/>
            </div>
            <div class="field">
                <label for="appt-date">{tr!("Date")}</label>
                <input id="appt-date" type="date" data-testid="appt-date" prop:value=move || date.get() on:input=move |ev| { date.set(event_target_value(&ev)); keep(); }/>
            </div>
            <div class="field">
                <label for="appt-time">{tr!("Time (optional)")}</label>
                <input id="appt-time" type="time" data-testid="appt-time" prop:value=move || time.get() on:input=move |ev| { time.set(event_target_value(&ev)); keep(); }/>
            </div>
            <div class="field">
                <label for="appt-place">{tr!("Place (optional)")}</label>
                <input id="appt-place" data-testid="appt-place" autocomplete="off" prop:value=move || place.get() on:input=move |ev| { place.set(event_target_value(&ev)); keep(); }/>
            </div>
            {(!matches!(scope, Scope::One(_))).then(|| view! {
                <div class="field">
                    <label for="appt-repeat">{tr!("How often")}</label>
                    <select id="appt-repeat" data-testid="appt-repeat" on:change=move |ev| {
                        let picked = event_target_value(&ev);
                        repeat.set(Repeat::choices().into_iter().map(|(key, _)| key).find(|key| *key == picked).unwrap_or("once").to_string());
                        keep();
                    }>
                        {Repeat::choices().into_iter().map(|(key, label)| view! { <option value=key selected=move || repeat.with(|r| r == key)>{label}</option> }).collect_view()}
                    </select>
                </div>
                <Show when=move || repeat.with(|r| r == "days")>
                    <div class="field">
                        <label for="appt-every">{tr!("Every how many days")}</label>
                        <input id="appt-every" type="number" inputmode="numeric" min="1" max="366" data-testid="appt-every"
                            prop:value=move || every.get() on:input=move |ev| { every.set(event_target_value(&ev)); keep(); }/>
                    </div>
                </Show>
            })}
            <div class="field">
                <label for="appt-note">{tr!("Note (optional)")}</label>
                <textarea id="appt-note" rows="2" data-testid="appt-note" prop:value=move || note.get() on:input=move |ev| { note.set(event_target_value(&ev)); keep(); }></textarea>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="appt-error">{e}</p> })}
            <div class="actions">
                <button type="submit" class="button" data-testid="appt-save">{tr!("Save")}</button>
                <button type="button" class="button secondary" data-testid="appt-form-cancel" on:click=move |_| close()>{tr!("Don't save")}</button>
            </div>
        </form>
    }
}

/// The appointments coming up, read-only (the plan's treatment section).
#[component]
pub fn AgendaList() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let upcoming = move || store.meds().with(|d| agenda(&d.appts, clock.local(), AGENDA_DAYS, 8));
    view! {
        <div data-testid="plan-appts">
            <h3>{tr!("Appointments coming up")}</h3>
            {move || {
                let list = upcoming();
                if list.is_empty() {
                    view! { <p class="hint">{tr!("None yet. Add them on the medication screen.")}</p> }.into_any()
                } else {
                    view! { <ul class="plain">{list.into_iter().map(|item| view! { <li data-testid="plan-appt"><ApptLine item/></li> }).collect_view()}</ul> }.into_any()
                }
            }}
            <p><a href="/meds#appts" data-testid="plan-appts-open">{tr!("Add or change appointments")}</a></p>
        </div>
    }
}

/// The next appointment on Today; "coming up" within the hour before it.
#[component]
pub fn NextAppointment() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let next = move || {
        let now = clock.local();
        store.meds().with(|d| next_one(&d.appts, now)).map(|u| (u.is_soon(now), u))
    };
    move || next().map(|(soon, u)| {
        let what = u.appt.shown_title().to_string();
        let place = u.appt.place.trim().to_string();
        view! {
            <a class=if soon { "card-link notice warning" } else { "card-link" } href="/meds#appts" data-testid=if soon { "appt-soon" } else { "appt-next" }>
                <strong>{if soon { tr!("Coming up") } else { tr!("Next appointment") }}": "{when_text(&u.when)}</strong>
                <span>{what}{(!place.is_empty()).then(|| format!(" — {place}"))}</span>
            </a>
        }
    })
}
