//! Steady: a private, offline recovery companion.

/// Text the person reads, in the language in use: `tr!("Today")`. The English
/// is the message id in the translation catalogs (`locales/<code>.po`, checked
/// against the code by `build.rs`). The same English meaning two things takes a
/// context, which translators see: `tr!(context = "data", "Delete")`.
macro_rules! tr {
    (context = $context:literal, $en:literal $(,)?) => {
        $crate::domain::i18n::in_use_keyed(concat!($context, "\u{4}", $en), $en)
    };
    ($en:literal $(,)?) => {
        $crate::domain::i18n::in_use($en)
    };
}

/// Text with a count in it, in the form the count needs in the language in use:
/// `fill(trn!("{} craving", "{} cravings", n), &[&n.to_string()])`. Gives the
/// template; the count (and any other value) goes in with `fill`.
macro_rules! trn {
    (context = $context:literal, $one:literal, $many:literal, $n:expr $(,)?) => {
        $crate::domain::i18n::counted_in_use(concat!($context, "\u{4}", $one), $one, $many, ($n) as u64)
    };
    ($one:literal, $many:literal, $n:expr $(,)?) => {
        $crate::domain::i18n::counted_in_use($one, $one, $many, ($n) as u64)
    };
}

pub mod components;
pub mod domain;
pub mod pages;
pub mod routing;
pub mod split;
pub mod storage;

use leptos::prelude::*;

use components::auto_lock::AutoLock;
use components::banners::{RoomWarning, SaveErrorBanner, ShortPasscode, ShortPasscodeNotice, StorageProblems};
use components::clock::Clock;
use components::flash::{Flash, FlashMessage};
use components::language::Language;
use components::lock_screen::LockScreen;
use components::meds_card::ReminderWatch;
use components::shell::{BottomNav, TopBar};
use pages::{
    checkin::CheckInPage, cope::Cope, help::Help, insights::InsightsPage, journal::Journal, weekly::WeeklyPage, log::Log, log_new::LogNew, meds::MedsPage, not_found::NotFound,
    overdose::Overdose, plan::Plan, settings::SettingsPage, shared::{SharedPage, SupportingPage}, sos::Sos, today::{FollowUpDue, Today},
};
use routing::Location;
use split::{lazy_screen, split_view};
use storage::{vault, Store};
use domain::i18n::Lang;

/// Starts Steady in the person's language (fetching its catalog first if it
/// isn't English; index.html's static shell with the helplines shows meanwhile).
pub fn start() {
    let lang = components::language::decide();
    if components::language::catalog_needed(lang) {
        // Not Leptos's spawn_local: its executor starts with the app.
        wasm_bindgen_futures::spawn_local(async move {
            components::language::fetch_catalog(lang).await;
            // A catalog that couldn't be fetched: English, and the page says so (for screen
            // readers); the choice stays stored, so the next start tries again.
            components::language::show_in(if components::language::catalog_needed(lang) { Lang::En } else { lang });
            mount();
        });
    } else {
        mount();
    }
}

fn mount() {
    // index.html shows a static shell (with helpline links) until the app is ready;
    // the app is built behind it in slices (components::startup). Even the frame
    // waits for a task of its own: the one that ends the wasm module's compilation
    // is long enough already.
    components::startup::start_in_slices(
        || leptos::mount::mount_to_body(App),
        || {
            if let Some(shell) = document().get_element_by_id("shell") {
                shell.remove();
            }
        },
    );
}

/// With a passcode set, nothing is read until it is entered.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Language::start());
    vault::recover_interrupted_change();
    vault::answer_other_tabs();
    let open = RwSignal::new(vault::lock_record().is_none());
    // Locking again removes the app from the page and drops what it had read (a
    // hidden page can still be read by a browser extension); unlocking reads and
    // draws it anew.
    let auto_lock = AutoLock::new();
    provide_context(auto_lock);
    let location = Location::start();
    provide_context(location);
    if location.path.get_untracked() == "/" {
        pages::today::fetch_parts_ahead(storage::kinds_stored());
    }
    let on_unlock = Callback::new(move |()| {
        open.set(true);
        auto_lock.unlocked();
        // Once the app has rendered in the lock screen's place.
        request_animation_frame(focus_main);
    });
    view! {
        <Show when=move || open.get() && !auto_lock.locked.get() fallback=move || view! { <LockScreen on_unlock/> }>
            <Unlocked auto_lock location/>
        </Show>
    }
}

#[component]
fn Unlocked(auto_lock: AutoLock, location: Location) -> impl IntoView {
    let store = Store::load();
    store.follow_other_tabs();
    provide_context(store);
    provide_context(Clock::start());
    provide_context(Flash::new());
    // Asked once per opening of the app: the latest craving, if it has no outcome yet.
    provide_context(FollowUpDue::at_start());
    provide_context(ShortPasscode::at_unlock());
    auto_lock.watch(store);
    on_cleanup(components::reminders::stop);

    let language = expect_context::<Language>();
    view! {
        <div class="app-frame">
            // Drawn again in the other language when the person changes it in Settings.
            {move || {
                language.current.track();
                let main = NodeRef::<leptos::html::Main>::new();
                // The frame first, the screen in the next slice (at once after start-up).
                let screen_ready = components::startup::later();
                view! {
                    <TopBar/>
                    <StorageProblems/>
                    <RoomWarning/>
                    <ShortPasscodeNotice/>
                    <main id="main" class="main" tabindex="-1" node_ref=main>
                        <NewScreenAtTop main/>
                        <FlashMessage/>
                        {move || if screen_ready.get() { screen(&location.path.get()) } else { ().into_any() }}
                    </main>
                    <SaveErrorBanner/>
                    <BottomNav/>
                }
            }}
        </div>
        <ReminderWatch/>
    }
}

/// Focus on the content, so a screen reader starts there (after unlocking).
fn focus_main() {
    use wasm_bindgen::JsCast;
    if let Some(main) = document().get_element_by_id("main") {
        let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The screen for each path. The home screen and the help screens are in the
/// first download; the others are split off and fetched when first opened.
fn screen(path: &str) -> AnyView {
    match path {
        "/" => view! { <Today/> }.into_any(),
        "/help" => view! { <Help/> }.into_any(),
        "/help/overdose" => view! { <Overdose/> }.into_any(),
        "/log" => lazy_screen(log_screen),
        "/log/new" => {
            // Saving goes on to the log: fetch its screen now, so it opens at once.
            leptos::task::spawn_local(async {
                let _ = log_screen::preload().await;
            });
            lazy_screen(log_new_screen)
        }
        "/log/insights" => lazy_screen(insights_screen),
        "/checkin" => lazy_screen(checkin_screen),
        "/journal" => lazy_screen(journal_screen),
        "/weekly" => lazy_screen(weekly_screen),
        "/meds" => lazy_screen(meds_screen),
        "/cope" => lazy_screen(cope_screen),
        "/plan" => lazy_screen(plan_screen),
        "/sos" => lazy_screen(sos_screen),
        "/settings" => lazy_screen(settings_screen),
        "/shared" => lazy_screen(shared_screen),
        "/supporting" => lazy_screen(supporting_screen),
        _ => view! { <NotFound/> }.into_any(),
    }
}

split_view!(log, fn log_screen() { view! { <Log/> } });
split_view!(log_new, fn log_new_screen() { view! { <LogNew/> } });
split_view!(insights, fn insights_screen() { view! { <InsightsPage/> } });
split_view!(checkin, fn checkin_screen() { view! { <CheckInPage/> } });
split_view!(journal, fn journal_screen() { view! { <Journal/> } });
split_view!(weekly, fn weekly_screen() { view! { <WeeklyPage/> } });
split_view!(meds, fn meds_screen() { view! { <MedsPage/> } });
split_view!(cope, fn cope_screen() { view! { <Cope/> } });
split_view!(plan, fn plan_screen() { view! { <Plan/> } });
split_view!(sos, fn sos_screen() { view! { <Sos/> } });
split_view!(settings, fn settings_screen() { view! { <SettingsPage/> } });
split_view!(shared, fn shared_screen() { view! { <SharedPage/> } });
split_view!(shared, fn supporting_screen() { view! { <SupportingPage/> } });

/// The content area scrolls, not the window: a new screen starts at its top
/// (or, going back, where the person left it), and focus moves there so screen
/// readers begin with the new screen.
#[component]
fn NewScreenAtTop(main: NodeRef<leptos::html::Main>) -> impl IntoView {
    let location = expect_context::<Location>();
    Effect::new(move |previous: Option<String>| {
        let current = location.path.get();
        if previous.is_some_and(|p| p != current) {
            if let Some(main) = main.get_untracked() {
                main.set_scroll_top(0);
                let _ = main.focus();
                if let Some(top) = location.take_scroll_back() {
                    let frames = routing::FRAMES_TO_WAIT_FOR_A_SCREEN;
                    routing::restore_scroll((*main).clone(), top, current.clone(), frames);
                }
            }
        }
        current
    });
}
