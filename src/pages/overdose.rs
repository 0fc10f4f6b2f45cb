//! What to do if someone may be overdosing on opioids. Facts from SAMHSA's
//! Overdose Prevention and Response Toolkit (see shared/content-facts.md).

use leptos::prelude::*;

use crate::components::meds_card::NaloxoneNote;
use crate::components::overdose_steps::OverdoseSteps;
use crate::storage::Store;

#[component]
pub fn Overdose() -> impl IntoView {
    let store = expect_context::<Store>();
    let region = Signal::derive(move || store.settings().with(|s| s.region));
    view! {
        <article class="page overdose" data-testid="overdose-page">
            <h1>{tr!("If someone may be overdosing", "Si alguien puede estar teniendo una sobredosis")}</h1>
            <NaloxoneNote/>
            <OverdoseSteps region/>
            <p class="hint"><a href="/help">{tr!("Back to helplines", "Volver a las líneas de ayuda")}</a></p>
        </article>
    }
}
