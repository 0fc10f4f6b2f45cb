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
use components::shell::{BottomNav, TopBar};
use pages::{
    cope::Cope, help::Help, log::Log, not_found::NotFound, overdose::Overdose, plan::Plan,
    settings::SettingsPage, today::Today,
};
use storage::Store;

#[component]
pub fn App() -> impl IntoView {
    let store = Store::load();
    store.follow_other_tabs();
    provide_context(store);
    provide_context(Clock::start());

    view! {
        <Router>
            <TopBar/>
            <StorageProblems/>
            <main id="main" class="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Today/>
                    <Route path=path!("/log") view=Log/>
                    <Route path=path!("/cope") view=Cope/>
                    <Route path=path!("/plan") view=Plan/>
                    <Route path=path!("/help") view=Help/>
                    <Route path=path!("/help/overdose") view=Overdose/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </Routes>
            </main>
            <SaveErrorBanner/>
            <BottomNav/>
        </Router>
    }
}
