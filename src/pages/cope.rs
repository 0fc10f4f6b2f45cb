use leptos::prelude::*;

use super::ComingSoon;

#[component]
pub fn Cope() -> impl IntoView {
    view! {
        <ComingSoon
            title="Ways to cope"
            what="Guided breathing, urge surfing and other quick things to do during a craving are coming in a later version."
        />
    }
}
