use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page" data-testid="not-found">
            <h1>{tr!("There's nothing here")}</h1>
            <p>{tr!("This page doesn't exist — maybe the link was mistyped or is from an older version.")}</p>
            <a class="button big" href="/">{tr!("Go to Today")}</a>
            <p class="hint">{tr!("Need someone now? ")} <a href="/help">{tr!("Helplines")}</a></p>
        </section>
    }
}
