//! Medication on Today, Help and the overdose guide. Today has the way to the
//! medication screen and to "I've just left…" for everyone; once medication or
//! naloxone is stored, Today shows today's doses and Help and the guide where
//! the naloxone is, from one small split-off part (a first visit fetches none of it).

use leptos::prelude::*;

use crate::components::meds_today::{meds_part, MedsSpot};
use crate::split::lazy_part;
use crate::storage::Store;

/// The split-off part, if there is anything stored for it to show.
fn stored_part(spot: MedsSpot) -> AnyView {
    let store = expect_context::<Store>();
    if store.meds_stored() { lazy_part(move || meds_part(spot)) } else { ().into_any() }
}

#[component]
pub fn MedsCard() -> impl IntoView {
    view! {
        {stored_part(MedsSpot::Today)}
        <a class="card-link" href="/meds" data-testid="open-meds">
            <strong>{tr!("Medication, naloxone and appointments")}</strong>
            <span>{tr!("Doses, treatment, and “I've just left…”")}</span>
        </a>
    }
}

/// Where the person's naloxone is (and the expiry notice), once stored.
#[component]
pub fn NaloxoneNote() -> impl IntoView {
    stored_part(MedsSpot::Help)
}

/// Notifications and the app badge, for the whole time Steady is open, if the
/// person turned them on (in Settings, which also starts them there and then).
#[component]
pub fn ReminderWatch() -> impl IntoView {
    stored_part(MedsSpot::App)
}
