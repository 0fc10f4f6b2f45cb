use leptos::prelude::*;

use crate::domain::helplines::Region;
use crate::domain::settings::Settings;
use crate::storage::Store;

/// Chooses which country's helplines are shown; remembered on this device.
#[component]
pub fn RegionPicker() -> impl IntoView {
    let store = expect_context::<Store>();
    let current = move || store.settings().with(|s| s.region);
    let choose = move |ev| {
        if let Some(region) = Region::from_code(&event_target_value(&ev)) {
            let mut settings: Settings = store.settings().get_untracked();
            settings.choose_region(region);
            store.settings().save(settings);
        }
    };
    view! {
        <div class="field">
            <label for="region">{tr!("Your country")}</label>
            <select id="region" data-testid="region-picker" on:change=choose>
                {Region::ALL
                    .into_iter()
                    .map(|region| {
                        view! {
                            <option value=region.code() selected=move || current() == region>
                                {region.name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
