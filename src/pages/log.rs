use leptos::prelude::*;

use super::ComingSoon;

#[component]
pub fn Log() -> impl IntoView {
    view! {
        <ComingSoon
            title="Craving log"
            what="This version of Steady can't log cravings yet. When it can, you'll be able to note a craving in three taps and see what sets yours off."
        />
    }
}
