//! The craving SOS flow: log the craving in three taps, try one suggested
//! strategy (others below), then say how it went. A one-tap call stays on
//! screen throughout.

use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::components::craving_form::{new_craving, CravingForm, FormMode};
use crate::domain::cravings::{Craving, Outcome};
use crate::domain::plan::Contact;
use crate::components::strategies::{ranked, CopeSession, CrisisLineCall, StrategyList};
use crate::components::safety::{stored_region, EmergencyCountry, UsedSafety};
use crate::domain::i18n::fill;
use crate::storage::Store;

#[derive(Clone, PartialEq)]
enum Step {
    Log,
    Cope(Craving),
    HowDidItGo(Craving),
    Done(Outcome),
}

#[component]
pub fn Sos() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let step = RwSignal::new(Step::Log);
    // Owned here so what was tried in step 2 is still there in step 3.
    provide_context(CopeSession::new(store, None));
    view! {
        <section class="page sos-flow" data-testid="sos-flow">
            <h1>{tr!("You're having a craving")}</h1>
            <CallBar/>
            <EmergencyCountry region=stored_region()/>
            {move || match step.get() {
                Step::Log => view! {
                    <p class="step-count">{tr!("Step 1 of 3 · Note it")}</p>
                    <p class="hint">{tr!("Pick what set it off and save — it takes seconds.")}</p>
                    <CravingForm initial=new_craving(store, clock) mode=FormMode::New on_saved=move |c| step.set(Step::Cope(c))/>
                }.into_any(),
                Step::Cope(craving) => view! { <CopeStep craving step/> }.into_any(),
                Step::HowDidItGo(craving) => view! { <OutcomeStep craving step/> }.into_any(),
                Step::Done(outcome) => view! {
                    <p class="step-count">{tr!("Done")}</p>
                    <div class="card" role="status" data-testid="sos-done">
                        <p>{match outcome {
                            Outcome::Passed => tr!("It passed. You rode it out — that's real strength."),
                            Outcome::StillStrong => tr!("It's still strong. That's OK: try another strategy, or call someone now."),
                            Outcome::Used => tr!("Thank you for being honest. A slip is information, not failure."),
                        }}</p>
                        {(outcome == Outcome::Used).then(|| view! { <UsedSafety/> })}
                        <div class="actions">
                            <a class="button secondary" href="/cope">{tr!("More ways to cope")}</a>
                            <a class="button secondary" href="/">{tr!("Back to Today")}</a>
                        </div>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// The one-tap call on every step: the sponsor (or first support person) if
/// known, otherwise the region's crisis line.
#[component]
fn CallBar() -> impl IntoView {
    let store = expect_context::<Store>();
    // Sponsor first; a number that couldn't be normalised is still dialled as typed.
    let person = move || {
        let region = store.settings().with(|s| s.region);
        store.plan().with(|plan| plan.first_to_call(region))
    };
    view! {
        <div class="call-bar" data-testid="sos-call">
            {move || match person() {
                Some(Contact { name, tel, needs_fixing, .. }) => view! {
                    <a class="button call" href=format!("tel:{tel}")>{fill(tr!("Call {}"), &[&name])}</a>
                    {needs_fixing.then(|| view! {
                        <p class="hint">{tr!("This number may not work as written — ")} <a href="/plan#plan-support">{tr!("fix it in your plan")}</a></p>
                    })}
                }.into_any(),
                None => view! { <CrisisLineCall/> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn CopeStep(craving: Craving, step: RwSignal<Step>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let trigger = craving.triggers.first().cloned();
    let session = expect_context::<CopeSession>();
    session.trigger.set_value(trigger.clone());
    let list = ranked(store, clock, trigger);
    // The best suggestion opens straight away.
    if session.open.get_untracked().is_none() {
        session.open.set(list.get_untracked().first().map(|s| s.id.clone()));
    }
    let next = move |_| step.set(Step::HowDidItGo(craving.clone()));
    view! {
        <p class="step-count">{tr!("Step 2 of 3 · Try this")}</p>
        <p class="hint">{tr!("Saved. Here's something to try now — or pick another below.")}</p>
        <StrategyList list/>
        <button type="button" class="button big" data-testid="sos-next" on:click=next>{tr!("Next: how did it go?")}</button>
    }
}

#[component]
fn OutcomeStep(craving: Craving, step: RwSignal<Step>) -> impl IntoView {
    let store = expect_context::<Store>();
    let session = expect_context::<CopeSession>();
    let error = RwSignal::new(None::<String>);
    let craving = StoredValue::new(craving);
    let answer = move |outcome: Outcome| {
        let craving = craving.get_value();
        let mut entry = store
            .log
            .loaded
            .with_untracked(|l| l.values().flatten().find(|c| c.id == craving.id).cloned())
            .unwrap_or_else(|| craving.clone());
        entry.outcome = Some(outcome);
        // What they tried in step 2 counts as what they did.
        let plan = store.plan().with_untracked(|p| p.coping_strategies());
        let tried: Vec<String> = session.rated.get_untracked().into_iter().map(|(id, _)| id).collect();
        let all = store.coping().with_untracked(|d| crate::domain::coping::catalogue(d, &plan));
        crate::domain::coping::record_tried(&mut entry, &tried, &all);
        match store.save_craving(entry) {
            Ok(()) => step.set(Step::Done(outcome)),
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <p class="step-count">{tr!("Step 3 of 3 · How did it go?")}</p>
        <div class="card">
            <h2>{tr!("How did it go?")}</h2>
            <div class="actions">
                {Outcome::ALL.into_iter().map(|o| view! {
                    <button type="button" class="button secondary big" data-testid=format!("sos-outcome-{}", o.key()) on:click=move |_| answer(o)>
                        {o.label()}
                    </button>
                }).collect_view()}
            </div>
            <p class="error" role="alert">{move || error.get()}</p>
        </div>
    }
}
