use leptos::prelude::*;

use super::ComingSoon;

#[component]
pub fn Plan() -> impl IntoView {
    view! {
        <ComingSoon
            title="My plan"
            what="Your relapse-prevention plan — reasons, triggers, support people and what to do if you slip — will live here in a later version."
        />
    }
}
