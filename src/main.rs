fn main() {
    // index.html shows a static shell (with helpline links) until the app is ready.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(steady::App);
}
