//! Steady: a private, offline recovery companion.

pub mod components;
pub mod domain;
pub mod pages;
pub mod storage;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::banners::{SaveErrorBanner, StorageProblems};
use components::clock::Clock;
use components::flash::Flash;
use components::shell::{BottomNav, TopBar};
use pages::{
    cope::Cope, help::Help, insights::InsightsPage, log::Log, log_new::LogNew, not_found::NotFound,
    overdose::Overdose, plan::Plan, settings::SettingsPage, sos::Sos, today::{FollowUpDue, Today},
};
use storage::Store;

#[component]
pub fn App() -> impl IntoView {
    let store = Store::load();
    store.follow_other_tabs();
    provide_context(store);
    provide_context(Clock::start());
    provide_context(Flash::new());
    // Asked once per opening of the app: the latest craving, if it has no outcome yet.
    provide_context(FollowUpDue::at_start(store));

    view! {
        <Router>
            <TopBar/>
            <StorageProblems/>
            <main id="main" class="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Today/>
                    <Route path=path!("/log") view=Log/>
                    <Route path=path!("/log/new") view=LogNew/>
                    <Route path=path!("/log/insights") view=InsightsPage/>
                    <Route path=path!("/cope") view=Cope/>
                    <Route path=path!("/plan") view=Plan/>
                    <Route path=path!("/help") view=Help/>
                    <Route path=path!("/sos") view=Sos/>
                    <Route path=path!("/help/overdose") view=Overdose/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </Routes>
            </main>
            <SaveErrorBanner/>
            <BottomNav/>
        </Router>
    }
}
