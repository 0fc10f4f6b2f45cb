//! What to do if someone may be overdosing on opioids. Facts from SAMHSA's
//! Overdose Prevention and Response Toolkit (see shared/content-facts.md).

use leptos::prelude::*;

use crate::components::meds_card::NaloxoneNote;
use crate::components::overdose_steps::{steps, OverdoseCall};
use crate::components::safety::{stored_region, EmergencyCountry};

#[component]
pub fn Overdose() -> impl IntoView {
    let region = stored_region();
    // The call first, then where the person's naloxone is, then the steps (review (3).1).
    view! {
        <article class="page overdose" data-testid="overdose-page">
            <h1>{tr!("If someone may be overdosing")}</h1>
            <OverdoseCall region/>
            <EmergencyCountry region/>
            <NaloxoneNote/>
            {steps(region)}
            <p class="hint"><a href="/help">{tr!("Back to helplines")}</a></p>
        </article>
    }
}
