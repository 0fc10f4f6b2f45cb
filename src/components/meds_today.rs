//! Today's medication: each dose due today, one tap to mark it taken (with
//! Undo and a way to change the time), and "Taken at 08:10" once it is. Shown
//! on Today (split off, once medication is stored) and on the medication screen.
//!
//! Marking a dose taken touches nothing but the dose history: medication
//! taken as prescribed is treatment and never changes a clean-time counter.

use leptos::prelude::*;

use crate::components::appointments::NextAppointment;
use crate::components::clock::Clock;
use crate::domain::cravings::YearMonth;
use crate::domain::dates::{at_time, time_of_day, hh_mm, long_date, parse_hh_mm};
use crate::domain::i18n::fill;
use crate::domain::meds::{due, dose_for_tap, taken_for, Due, Expiry, Medication, NaloxoneKind, Taken};
use crate::split::split_view;
use crate::storage::Store;

/// Today's doses of every medication due today (and last night's late dose,
/// not yet marked, until the morning: see `dose_for_tap`).
#[component]
fn TodaysDoses() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let today = Memo::new(move |_| clock.local().date());
    let just_taken = RwSignal::new(None::<Taken>);
    // Yesterday's and today's doses marked taken.
    let taken = move || {
        let day = today.get();
        let mut list = day.pred_opt().map(|d| store.taken_on(d)).unwrap_or_default();
        list.extend(store.taken_on(day));
        list
    };
    let due_today = move || {
        let (day, now, taken) = (today.get(), clock.local(), taken());
        let shown = |m: &Medication| !m.doses_on(day).is_empty() || dose_for_tap(m, &taken, now).is_some();
        store.meds().with(|d| d.active_on(day.pred_opt().unwrap_or(day)).filter(|m| shown(m)).cloned().collect::<Vec<_>>())
    };
    view! {
        <Show when=move || !due_today().is_empty()>
            <ul class="plain meds-today" data-testid="meds-today">
                {move || {
                    let taken = taken();
                    let meds = due_today();
                    let due_now = due(&meds, &taken, clock.local());
                    meds.into_iter().map(|med| {
                        let due = due_now.iter().find(|d| d.med == med.id).copied();
                        view! { <MedToday med taken=taken.clone() due just_taken/> }
                    }).collect_view()
                }}
            </ul>
        </Show>
        {move || just_taken.get().map(|dose| view! { <JustTaken dose just_taken/> })}
    }
}

#[component]
fn MedToday(med: Medication, taken: Vec<Taken>, due: Option<Due>, just_taken: RwSignal<Option<Taken>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let now = clock.local_untracked();
    let mine: Vec<Taken> = taken.iter().filter(|t| t.med == med.id && t.day == now.date()).cloned().collect();
    // The dose the button marks: the one this card shows, even if the minute (or the day) turned
    // since it was drawn; only the time recorded is read again, fresh, at the tap (the clock's
    // tick is slowed while the phone sleeps).
    let open = dose_for_tap(&med, &taken, now);
    let last_night = open.filter(|d| d.date < now.date()).and_then(|d| d.time);
    let name = med.shown_name().to_string();
    let for_tap = med.clone();
    let mark = move |_| {
        clock.refresh();
        let dose = taken_for(&for_tap, open, clock.local_untracked());
        if store.save_entry(dose.clone()).is_ok() {
            just_taken.set(Some(dose));
        }
    };
    let label = match last_night {
        Some(time) => fill(tr!("Mark yesterday's {} dose of {} taken"), &[&time_of_day(time), &name]),
        None => fill(tr!("Mark {} taken"), &[&name]),
    };
    view! {
        <li class="card med-today" data-testid="med-today" data-med=med.id.to_string()>
            <p>
                <strong>{name.clone()}</strong>
                {(!med.dose.is_empty()).then(|| format!(" — {}", med.dose))}
            </p>
            {mine.iter().map(|t| view! {
                <p class="done" data-testid="med-taken-at">{fill(tr!("Taken at {}"), &[&at_time(t.at.time())])}</p>
            }).collect_view()}
            {open.map(|dose| view! {
                {match (due, dose.time) {
                    // Last night's late dose, not marked yet: the button is for it.
                    (_, Some(time)) if last_night.is_some() => view! { <p data-testid="med-due"><strong>{fill(tr!("Yesterday's {} dose"), &[&time_of_day(time)])}</strong></p> }.into_any(),
                    // Its time has come, or is within the hour: the gentle reminder.
                    (Some(d), Some(time)) => view! { <p data-testid="med-due"><strong>{fill(if d.now { tr!("Time for your {} dose") } else { tr!("Your {} dose is coming up") }, &[&time_of_day(time)])}</strong></p> }.into_any(),
                    (_, Some(time)) => view! { <p class="hint">{fill(tr!("Next dose: {}"), &[&time_of_day(time)])}</p> }.into_any(),
                    (_, None) => view! { <p data-testid="med-due"><strong>{tr!("Due today")}</strong></p> }.into_any(),
                }}
                <button type="button" class="button" data-testid="med-taken" aria-label=label on:click=mark>{tr!("Taken")}</button>
            })}
        </li>
    }
}

/// After a tap: what was recorded, with Undo and the time to change if it was earlier.
#[component]
fn JustTaken(dose: Taken, just_taken: RwSignal<Option<Taken>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let error = RwSignal::new(None::<&'static str>);
    let remove = {
        let dose = dose.clone();
        move || {
            let d = dose.clone();
            store.delete_entry::<Taken>(YearMonth::of(d.day), move |t| *t == d)
        }
    };
    let undo = {
        let remove = remove.clone();
        move |_| {
            remove();
            just_taken.set(None);
        }
    };
    let change_time = {
        let dose = dose.clone();
        move |ev: leptos::ev::Event| match parse_hh_mm(&event_target_value(&ev)).map(|t| dose.at_time(t)) {
            Some(at) if at != dose.at => {
                let moved = Taken { at, ..dose.clone() };
                if remove().is_some() && store.save_entry(moved.clone()).is_ok() {
                    error.set(None);
                    just_taken.set(Some(moved));
                }
            }
            Some(_) => {}
            None => error.set(Some(tr!("Write a time like 08:10."))),
        }
    };
    view! {
        <div class="notice" role="status" data-testid="med-just-taken">
            <p>{fill(tr!("Marked taken at {}."), &[&at_time(dose.at.time())])}</p>
            <div class="field">
                <label for="med-taken-time">{tr!("Taken at another time? Change it here")}</label>
                <input id="med-taken-time" type="time" data-testid="med-taken-time" value=hh_mm(dose.at.time()) on:change=change_time/>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="button" class="button secondary" data-testid="med-undo" on:click=undo>{tr!("Undo")}</button>
        </div>
    }
}

/// The naloxone notice, 30 days before the printed expiry date and after it.
/// In an emergency context (Help, the overdose guide) an expired kit comes with
/// "use it anyway": expired naloxone usually still works (ADAI, University of
/// Washington; PubMed 30596290), and nothing must stop someone using it.
#[component]
fn NaloxoneExpiring(emergency: bool) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let state = move || {
        let today = clock.local().date();
        store.meds().with(|d| d.naloxone.as_ref().and_then(|k| k.expiry.map(|date| (k.expiry_on(today), date))))
    };
    move || match state() {
        Some((Expiry::Soon(_), date)) => Some(view! {
            <p class="notice warning" data-testid="naloxone-expiring">
                {fill(tr!("Your naloxone expires on {}. It's a good time to get a new kit."), &[&long_date(date)])}
            </p>
        }.into_any()),
        Some((Expiry::Expired, date)) if emergency => Some(view! {
            <p class="notice warning" data-testid="naloxone-expiring">
                {fill(tr!("Your naloxone expired on {}. "), &[&long_date(date)])}
                <strong>{tr!("If someone is overdosing, use it anyway: expired naloxone usually still works.")}</strong>
                {tr!(" Then get a new kit soon.")}
            </p>
        }.into_any()),
        Some((Expiry::Expired, date)) => Some(view! {
            <p class="notice warning" data-testid="naloxone-expiring">
                {fill(tr!("Your naloxone expired on {}. Get a new kit when you can; in an emergency, still use it."), &[&long_date(date)])}
            </p>
        }.into_any()),
        _ => None,
    }
}


/// Where the naloxone is, how to give that kind (before the guide's steps,
/// which name both kinds), and the expiry notice: on Help and at the top of the overdose guide.
#[component]
fn NaloxoneWhere() -> impl IntoView {
    let store = expect_context::<Store>();
    let kit = move || store.meds().with(|d| d.naloxone.clone()).filter(|k| !k.place.trim().is_empty());
    view! {
        {move || kit().map(|k| view! {
            <p class="notice" data-testid="naloxone-shown">
                <strong>{fill(tr!("Your naloxone: {}"), &[k.place.trim()])}</strong>
                {format!(" ({}). ", k.kind.label().to_lowercase())}
                // One dose per nasal device (Narcan label; Mayo Clinic, in the safety review).
                {match k.kind {
                    NaloxoneKind::NasalSpray => tr!("Each spray is one dose: if there's no response after 2–3 minutes, use a new one in the other nostril."),
                    NaloxoneKind::Injection => tr!("Inject it as the kit shows; if there's no response after 2–3 minutes, give another dose."),
                }}
            </p>
        })}
        <NaloxoneExpiring emergency=true/>
    }
}

/// Where the split-off medication part is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedsSpot {
    /// Today and the medication screen: today's doses, the next appointment, the naloxone notice.
    Today,
    /// Help and the overdose guide: where the naloxone is.
    Help,
    /// Nothing shown: starts the notifications and badge, if the person turned them on.
    App,
}

/// What the medication part shows in each spot once medication, appointments
/// or naloxone are stored. Split off with Today's check-in card rather than in
/// a module of its own: each split-off module adds to the loader in the first
/// download, and both are small.
#[component]
fn MedsPart(spot: MedsSpot) -> impl IntoView {
    match spot {
        MedsSpot::Today => view! { <TodaysDoses/><NextAppointment/><NaloxoneExpiring emergency=false/> }.into_any(),
        MedsSpot::Help => view! { <NaloxoneWhere/> }.into_any(),
        MedsSpot::App => {
            let store = expect_context::<Store>();
            if store.meds().with_untracked(|d| d.notify || d.badge) {
                crate::components::reminders::watch(store, expect_context::<Clock>(), true);
            }
            ().into_any()
        }
    }
}

split_view!(meds_today, fn meds_part(spot: MedsSpot) { view! { <MedsPart spot/> } });
