//! "I slipped" and what follows it: shared by Today (the main counter) and the
//! daily check-in ("Did you use today?"), which offers it and never forces it.

use chrono::NaiveDateTime;
use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::components::focus::focus_soon;
use crate::components::overdose_steps::fentanyl_in_other_drugs;
use crate::components::safety::UseAloneLine;
use crate::domain::counter::{Start, Streak, ToleranceWarning};
use crate::domain::dates::{days_text, hh_mm, iso_date};
use crate::domain::i18n::fill;
use crate::split::split_view;
use crate::storage::Store;

/// A date as a date input holds it.
pub fn date_value(at: NaiveDateTime) -> String {
    iso_date(at.date())
}

/// A time as a time input holds it.
pub fn time_value(at: NaiveDateTime) -> String {
    hh_mm(at.time())
}

// Only opened by a tap: fetched then.
split_view!(slip, fn slip_form(id: u32, on_done: Callback<Option<Streak>>) { view! { <SlipForm id on_done/> } });
split_view!(slip, fn after_slip_notice(ended: Streak, warning: Option<ToleranceWarning>) { view! { <AfterSlip ended warning/> } });

/// "I slipped": a gentle confirmation with an optional note and the new start.
#[component]
fn SlipForm(id: u32, #[prop(into)] on_done: Callback<Option<Streak>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    clock.refresh();
    let now = clock.local_untracked();
    let note = RwSignal::new(String::new());
    let date = RwSignal::new(date_value(now));
    let time = RwSignal::new(time_value(now));
    let error = RwSignal::new(None::<&'static str>);
    focus_soon("slip-note");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        clock.refresh();
        let now = clock.local_untracked();
        let outcome = Start::parse(&date.get_untracked(), &time.get_untracked()).and_then(|start| {
            store
                .counters()
                .modify(|all| match all.get_mut(id) {
                    Some(c) => c.slip(start, &note.get_untracked(), now).map(Some),
                    None => Ok(None),
                })
                .map_err(|e| e.message())
        });
        match outcome {
            Ok(ended) => on_done.run(ended),
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <form class="editor slip" on:submit=submit novalidate aria-labelledby="slip-title">
            <h2 id="slip-title">{tr!("A slip is information, not failure")}</h2>
            <p>
                {tr!("Your clean days so far still count — they stay in your history. ")}
                {tr!("Writing down what happened can help you see what to do differently next time.")}
            </p>
            <div class="field">
                <label for="slip-note">{tr!("What happened, and what can you learn from it? (optional)")}</label>
                <textarea id="slip-note" rows="3" data-testid="slip-note" bind:value=note></textarea>
            </div>
            <div class="field">
                <label for="slip-date">{tr!("New start date")}</label>
                <input id="slip-date" type="date" data-testid="slip-date" max=date_value(now) bind:value=date/>
            </div>
            <div class="field">
                <label for="slip-time">{tr!("New start time")}</label>
                <input id="slip-time" type="time" data-testid="slip-time" bind:value=time/>
            </div>
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="button" data-testid="slip-confirm">{tr!("Start again from here")}</button>
                <button type="button" class="button secondary" on:click=move |_| on_done.run(None)>{tr!("Cancel")}</button>
            </div>
        </form>
    }
}

/// The emergency number of the country in the person's settings.
fn emergency_number() -> &'static str {
    expect_context::<Store>().settings().with_untracked(|s| s.region).emergency().call.display
}

#[component]
fn AfterSlip(ended: Streak, warning: Option<ToleranceWarning>) -> impl IntoView {
    view! {
        <div class="notice" role="status" data-testid="slip-done">
            <p>
                {fill(tr!("Your {} streak is saved in your history. "), &[&days_text(ended.days())])}
                {tr!("Starting again takes courage — you're still in recovery.")}
            </p>
            {warning.map(|warning| view! {
                <div class="warning" data-testid="tolerance-warning">
                    {match warning {
                        // "Before your break", never "before": it could be read as the amount just taken (review (3).6).
                        ToleranceWarning::Opioids => view! {
                            <p><strong>{tr!("Please be careful: your tolerance is lower now.")}</strong></p>
                            <p>
                                {tr!("The amount you used to take before your break could now stop your breathing. Even a small amount can be too much, especially with fentanyl. Keep naloxone close.")}
                            </p>
                            <UseAloneLine/>
                        }.into_any(),
                        // We don't know the drug: the risk, without naming one (see `tolerance_warning`).
                        ToleranceWarning::General => view! {
                            <p><strong>{tr!("Please be careful: after a break, your tolerance may be lower.")}</strong></p>
                            <p>
                                {tr!("The amount you used to take before your break could now cause an overdose.")}
                            </p>
                            <UseAloneLine/>
                        }.into_any(),
                        ToleranceWarning::Stimulants => view! {
                            <p><strong>{tr!("Please be careful: fentanyl is in much of the supply.")}</strong></p>
                            <p>{fentanyl_in_other_drugs()}</p>
                            <UseAloneLine/>
                        }.into_any(),
                        // Alcohol Change UK, "Alcohol withdrawal: what to look out for" (review 2.11).
                        ToleranceWarning::Alcohol => view! {
                            <p><strong>{tr!("If you've been drinking heavily, stopping suddenly can be dangerous.")}</strong></p>
                            <p>
                                {fill(tr!("After more than a few days of heavy drinking, stopping at once can bring shaking, fits or seeing things that aren't there. Talk to a doctor or a helpline before you stop; if you have a fit or feel very unwell, call {}."),
                                      &[emergency_number()])}
                            </p>
                            <a href="/help">{tr!("Helplines")}</a>
                        }.into_any(),
                    }}
                    {(warning != ToleranceWarning::Alcohol).then(|| view! {
                        <a href="/help/overdose">{tr!("What to do in an overdose")}</a>
                    })}
                </div>
            })}
        </div>
    }
}
