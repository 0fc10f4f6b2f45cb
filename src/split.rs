//! Code that isn't needed to show the first screen is split off the main wasm
//! module and fetched when it is first shown (the service worker keeps every
//! module for later visits and for offline use).
//!
//! [`split_view!`] declares a view whose code goes into a named split-off
//! module; [`lazy_screen`] shows a whole screen from one, [`lazy_part`] a part
//! of a screen that only some people see (e.g. once there is data to show).

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// Fetching a split-off module and rendering its view.
pub type ViewLoad = std::pin::Pin<Box<dyn std::future::Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// `split_view!(module, fn name(args) { view })` defines `fn name(args) -> ViewLoad`
/// (the code of `view` goes into the split-off module `module`), and
/// `name::preload()` to fetch that module ahead of time.
macro_rules! split_view {
    ($module:ident, fn $name:ident($($arg:ident: $ty:ty),*) $view:block) => {
        pub mod $name {
            #[allow(unused_imports)]
            use super::*;
            // Named after `$name`: the link name of a split function comes from its own name.
            #[allow(improper_ctypes_definitions)]
            #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload))]
            pub fn $name($($arg: $ty),*) -> Result<leptos::prelude::AnyView, leptos::wasm_split::SplitLoaderError> {
                let view = $view;
                Ok(leptos::prelude::IntoAny::into_any(view))
            }
        }
        pub fn $name($($arg: $ty),*) -> $crate::split::ViewLoad {
            Box::pin($name::$name($($arg),*))
        }
    };
}
pub(crate) use split_view;

/// Renders what `load` fetches; `failed` is shown instead if it can't be
/// fetched, with a way to try again (the attempt count it is given). `settled`,
/// if given, is set once either is shown. Not generic, so its code is in the
/// bundle once however many views use it.
fn lazy_view(
    load: std::sync::Arc<dyn Fn() -> ViewLoad + Send + Sync>,
    loading: fn() -> AnyView,
    failed: fn(RwSignal<u32>) -> AnyView,
    settled: Option<RwSignal<bool>>,
) -> AnyView {
    let attempt = RwSignal::new(0u32);
    let view = move || {
        attempt.track();
        // The split loader isn't Send; it only ever runs on this one thread.
        let fetching = leptos::__reexports::send_wrapper::SendWrapper::new(load());
        Suspend::new(async move {
            let view = fetching.await.unwrap_or_else(|_| failed(attempt));
            if let Some(settled) = settled {
                settled.try_set(true);
            }
            view
        })
    };
    view! { <Suspense fallback=loading>{view}</Suspense> }.into_any()
}

/// A whole split-off screen. A failed fetch says so and can be tried again.
pub fn lazy_screen(load: fn() -> ViewLoad) -> AnyView {
    // Shown only if fetching takes a while (style: .screen-loading appears late).
    let loading = || view! { <p class="screen-loading" role="status" data-testid="screen-loading">{tr!("Opening…")}</p> }.into_any();
    let failed = |attempt: RwSignal<u32>| {
        view! {
            <section class="page" data-testid="screen-failed">
                <h1>{tr!("This screen didn't open")}</h1>
                <p role="alert">
                    {tr!("Steady couldn't fetch this screen. Check your connection and try again. ")}
                    {tr!("Help, with the helplines, works without it.")}
                </p>
                <div class="actions">
                    <button type="button" class="button" data-testid="screen-retry" on:click=move |_| attempt.update(|n| *n += 1)>
                        {tr!("Try again")}
                    </button>
                    <a class="button secondary" href="/help" data-testid="screen-failed-help">{tr!("Get help")}</a>
                </div>
            </section>
        }
        .into_any()
    };
    lazy_view(std::sync::Arc::new(load), loading, failed, None)
}

/// A split-off part of a screen: nothing is shown while it arrives, and a
/// failed fetch is a short notice (with "Try again") where the part would be.
pub fn lazy_part(load: impl Fn() -> ViewLoad + Send + Sync + 'static) -> AnyView {
    lazy_part_settling(load, None)
}

/// A [`lazy_part`] that sets `settled` once it is shown (or has failed), for
/// what must wait for it. Generic only in `load`: everything else is in
/// functions of their own, so each place a part is split off adds a few bytes,
/// not a copy of the failure notice.
pub fn lazy_part_settling(load: impl Fn() -> ViewLoad + Send + Sync + 'static, settled: Option<RwSignal<bool>>) -> AnyView {
    lazy_view(std::sync::Arc::new(load), nothing_while_loading, part_failed, settled)
}

fn nothing_while_loading() -> AnyView {
    ().into_any()
}

fn part_failed(attempt: RwSignal<u32>) -> AnyView {
    view! {
        <p class="notice notice-error" role="alert" data-testid="part-failed">
            {tr!("Part of this screen couldn't be fetched. Check your connection. ")}
            <button type="button" class="button secondary" data-testid="part-retry" on:click=move |_| attempt.update(|n| *n += 1)>
                {tr!("Try again")}
            </button>
        </p>
    }
    .into_any()
}
