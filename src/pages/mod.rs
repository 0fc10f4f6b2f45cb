//! One module per screen.

pub mod cope;
pub mod help;
pub mod insights;
pub mod log;
pub mod log_new;
pub mod not_found;
pub mod overdose;
pub mod plan;
pub mod settings;
pub mod today;

use leptos::prelude::*;

/// For screens whose feature is still being built: say so plainly, no sample data.
#[component]
fn ComingSoon(title: &'static str, what: &'static str) -> impl IntoView {
    view! {
        <section class="page" data-testid="coming-soon">
            <h1>{title}</h1>
            <div class="card">
                <p><strong>"Not built yet."</strong> " " {what}</p>
                <p>
                    "If things are hard right now, "
                    <a href="/help">"the helplines are one tap away"</a> "."
                </p>
            </div>
        </section>
    }
}
