use leptos::prelude::*;

#[component]
pub fn Today() -> impl IntoView {
    view! {
        <section class="page" data-testid="today">
            <h1>"Today"</h1>
            <div class="card">
                <p>
                    <strong>"Not built yet."</strong>
                    " The clean-time counter is coming in the next version of Steady. "
                    "Nothing is counted or stored about you yet."
                </p>
            </div>
            <a class="button big sos-inline" href="/help">"I need help now"</a>
            <p class="hint">
                "Everything you put into Steady stays on this phone. There's no account and nothing is sent anywhere."
            </p>
        </section>
    }
}
