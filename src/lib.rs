//! Steady: a private, offline recovery companion.

pub mod components;
pub mod domain;
pub mod pages;
pub mod storage;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use components::banners::{SaveErrorBanner, StorageProblems};
use components::clock::Clock;
use components::flash::{Flash, FlashMessage};
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

    let main = NodeRef::<leptos::html::Main>::new();
    view! {
        <Router>
            <TopBar/>
            <StorageProblems/>
            <main id="main" class="main" tabindex="-1" node_ref=main>
                <NewScreenAtTop main/>
                <FlashMessage/>
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

/// The content area scrolls, not the window: a new screen starts at its top,
/// and focus moves there so screen readers begin with the new screen.
#[component]
fn NewScreenAtTop(main: NodeRef<leptos::html::Main>) -> impl IntoView {
    let path = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let current = path.get();
        if previous.is_some_and(|p| p != current) {
            if let Some(main) = main.get_untracked() {
                main.set_scroll_top(0);
                let _ = main.focus();
            }
        }
        current
    });
}
