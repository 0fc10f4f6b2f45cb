//! The frame around every screen: the top bar with the help button and the
//! bottom navigation. index.html has a static copy of the same markup, so the
//! page does not jump when the app takes over.

use leptos::prelude::*;
use crate::routing::Location;

use crate::domain::i18n::Both;

const TABS: [(&str, Both, &str); 5] = [
    ("/", Both::new("Today"), "nav-today"),
    ("/log", Both::new("Log"), "nav-log"),
    ("/cope", Both::new("Cope"), "nav-cope"),
    ("/plan", Both::new("Plan"), "nav-plan"),
    ("/help", Both::new("Help"), "nav-help"),
];

fn is_current(tab: &str, path: &str) -> bool {
    if tab == "/" {
        path == "/"
    } else {
        path == tab || path.starts_with(&format!("{tab}/"))
    }
}

#[component]
pub fn TopBar() -> impl IntoView {
    let path = expect_context::<Location>().path;
    view! {
        <header class="topbar">
            <a class="skip-link" href="#main">{tr!("Skip to content")}</a>
            <a class="brand" href="/">"Steady"</a>
            <a
                class="icon-button"
                href="/settings"
                data-testid="nav-settings"
                aria-label=tr!("Settings")
                aria-current=move || (path.get() == "/settings").then_some("page")
            >
                <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                    <path fill="currentColor" d="M19.4 13a7.6 7.6 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.6 7.6 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.4 7.4 0 0 0 1.7 1L11 21h4l.4-2.9a7.4 7.4 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z" transform="translate(-1 0)"/>
                </svg>
            </a>
            <a class="sos" href="/help" data-testid="sos">{tr!("Get help")}</a>
        </header>
    }
}

#[component]
pub fn BottomNav() -> impl IntoView {
    let path = expect_context::<Location>().path;
    view! {
        <nav class="tabbar" aria-label=tr!("Main")>
            <ul>
                {TABS
                    .into_iter()
                    .map(|(href, label, test_id)| {
                        view! {
                            <li>
                                <a
                                    href=href
                                    data-testid=test_id
                                    aria-current=move || {
                                        path.with(|p| is_current(href, p)).then_some("page")
                                    }
                                >
                                    {label.get()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn tabs_light_up_for_their_pages_only() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/log"));
        assert!(is_current("/help", "/help/overdose"));
        assert!(!is_current("/help", "/helpful"));
        assert!(is_current("/log", "/log"));
    }
}
