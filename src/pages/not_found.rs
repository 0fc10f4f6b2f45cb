use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page" data-testid="not-found">
            <h1>"There's nothing here"</h1>
            <p>"This page doesn't exist — maybe the link was mistyped or is from an older version."</p>
            <a class="button big" href="/">"Go to Today"</a>
            <p class="hint">"Need someone now? " <a href="/help">"Helplines"</a></p>
        </section>
    }
}
