use leptos::prelude::*;

#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <main>
            <h1>"Counter"</h1>
            <button data-testid="baseline-ready" on:click=move |_| set_count.update(|n| *n += 1)>
                "Count: " {count}
            </button>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(Counter);
}
