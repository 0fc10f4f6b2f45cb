use leptos::prelude::*;

use crate::components::region_picker::RegionPicker;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <section class="page" data-testid="settings">
            <h1>"Settings"</h1>
            <h2>"Helplines"</h2>
            <p>"Choose your country to see its crisis and support lines on the Help screen."</p>
            <RegionPicker/>
            <h2>"Your data"</h2>
            <p>
                "Everything you enter is kept only in this browser on this device. Steady has no account "
                "and sends nothing anywhere. Clearing this site's data in your browser deletes it."
            </p>
            <p>"Backups and a passcode lock are not built yet."</p>
        </section>
    }
}
