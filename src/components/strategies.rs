//! The coping strategies as the Cope screen and the craving SOS show them: the
//! ranked list, each card with its activity (breathing pacer, urge-surfing timer,
//! steps, calls), and "Did it help?". Timers survive reloads.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::components::clock::Clock;
use crate::domain::coping::{
    catalogue, implied_ratings, rank, Activity, ActiveTimer, CopingData, Helped, Pattern, Rating,
    Strategy,
};
use crate::components::helplines::SupportPeople;
use crate::domain::i18n::fill;
use crate::storage::Store;

/// How long a breathing session runs before asking "Did it help?".
const BREATHING_MS: f64 = 2.0 * 60_000.0;

/// The person's strategies in the order that suits them now.
pub fn ranked(store: Store, clock: Clock, trigger: Option<String>) -> Memo<Vec<Strategy>> {
    Memo::new(move |_| {
        let plan = store.plan().with(|p| p.coping_strategies());
        store.coping().with(|data| {
            let all = catalogue(data, &plan);
            let from_log = store.log.loaded.with(|l| implied_ratings(l.values().flatten(), &all, &data.ratings));
            let round = (data.ratings.len() + from_log.len()) as u64;
            rank(&all, data, &from_log, trigger.as_deref(), clock.local_untracked(), round)
        })
    })
}

/// Which strategy is open, and what was rated in this visit (the SOS flow reads it).
#[derive(Clone, Copy)]
pub struct CopeSession {
    pub open: RwSignal<Option<String>>,
    pub rated: RwSignal<Vec<(String, Helped)>>,
    pub trigger: StoredValue<Option<String>>,
}

impl CopeSession {
    pub fn new(store: Store, trigger: Option<String>) -> CopeSession {
        // A timer still running from before a reload opens its card again.
        let running = store.coping().with_untracked(|d| {
            d.active.as_ref().filter(|t| t.ends_ms > js_sys::Date::now()).map(|t| t.strategy.clone())
        });
        CopeSession { open: RwSignal::new(running), rated: RwSignal::new(Vec::new()), trigger: StoredValue::new(trigger) }
    }
}

pub fn update(store: Store, f: impl FnOnce(&mut CopingData)) {
    let _ = store.coping().modify(|d| {
        f(d);
        Ok::<_, ()>(())
    });
}

#[component]
pub fn StrategyList(list: Memo<Vec<Strategy>>) -> impl IntoView {
    view! {
        <ul class="cope-list" data-testid="cope-list">
            <For
                each=move || list.get()
                key=|s| s.id.clone()
                children=move |strategy| view! { <CopeCard strategy/> }
            />
        </ul>
    }
}

#[component]
fn CopeCard(strategy: Strategy) -> impl IntoView {
    let store = expect_context::<Store>();
    let session = expect_context::<CopeSession>();
    let id = strategy.id.clone();
    let is_open = {
        let id = id.clone();
        move || session.open.with(|o| o.as_deref() == Some(id.as_str()))
    };
    let favourite = {
        let id = id.clone();
        Memo::new(move |_| store.coping().with(|d| d.favourites.contains(&id)))
    };
    let toggle_favourite = {
        let id = id.clone();
        move |_| update(store, |d| CopingData::toggle(&mut d.favourites, &id))
    };
    let hide = {
        let id = id.clone();
        move |_| update(store, |d| CopingData::toggle(&mut d.hidden, &id))
    };
    let start = {
        let id = id.clone();
        move |_| session.open.set(Some(id.clone()))
    };
    let title = strategy.shown_title().to_owned();
    let open_view = is_open.clone();
    let strategy_for_activity = strategy.clone();
    view! {
        <li class="card cope-card" data-testid="cope-card" data-strategy=id.clone()>
            <p class="tag family">{strategy.family.label()}</p>
            <h2>{title.clone()}</h2>
            <p>{strategy.shown_summary().to_owned()}</p>
            <Show
                when=open_view
                fallback=move || view! {
                    <div class="actions">
                        <button type="button" class="button" data-testid="cope-start" on:click=start.clone()>{tr!("Start")}</button>
                    </div>
                }
            >
                <ActivityView strategy=strategy_for_activity.clone()/>
            </Show>
            <div class="actions small">
                <button type="button" class="button secondary" data-testid="cope-favourite"
                    aria-pressed=move || favourite.get().to_string()
                    aria-label=fill(tr!("Favourite: {}"), &[&title])
                    on:click=toggle_favourite>
                    {move || if favourite.get() { tr!("★ Favourite") } else { tr!("☆ Favourite") }}
                </button>
                <button type="button" class="button secondary" data-testid="cope-hide"
                    aria-label=fill(tr!("Hide {}"), &[&title])
                    on:click=hide>
                    {tr!("Hide")}
                </button>
            </div>
        </li>
    }
}

#[component]
fn ActivityView(strategy: Strategy) -> impl IntoView {
    let finished = RwSignal::new(false);
    let shown_steps = strategy.shown_steps();
    let steps = (!shown_steps.is_empty()).then(|| view! {
        <ol class="steps">{shown_steps.iter().map(|s| view! { <li>{s.to_string()}</li> }).collect_view()}</ol>
    });
    let body = match strategy.activity {
        Activity::Breathing(pattern) => view! { <Breathing id=strategy.id.clone() pattern finished/> }.into_any(),
        Activity::UrgeSurfing { minutes, check_in_minutes } => {
            view! { <UrgeTimer id=strategy.id.clone() minutes check_in_minutes finished/> }.into_any()
        }
        Activity::Call => view! { <SupportPeople/><CrisisLineCall/> }.into_any(),
        Activity::Steps => ().into_any(),
    };
    view! {
        <div class="activity" data-testid="cope-activity">
            {steps}
            {body}
            <Show
                when=move || finished.get()
                fallback=move || view! {
                    <button type="button" class="button secondary" data-testid="cope-done" on:click=move |_| finished.set(true)>{tr!("I've done this")}</button>
                }
            >
                <DidItHelp id=strategy.id.clone()/>
            </Show>
        </div>
    }
}

/// The region's line for a craving (e.g. 988; FRANK in the UK, never NHS 111),
/// for when no support person is saved. Safety review 2026-12-06 (3).8.
#[component]
pub fn CrisisLineCall() -> impl IntoView {
    let store = expect_context::<Store>();
    let line = move || store.settings().with(|s| s.region).craving_line();
    view! {
        <a class="button call" data-testid="craving-line-call" href=move || line().call.tel_href()>
            {move || fill(tr!("Call {} — {}"), &[line().name.get(), line().call.display])}
        </a>
    }
}

#[component]
fn DidItHelp(id: String) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let session = expect_context::<CopeSession>();
    let answered = RwSignal::new(false);
    let answer = move |helped: Helped| {
        let id = id.clone();
        let trigger = session.trigger.get_value();
        let at = clock.local_untracked();
        update(store, |d| {
            d.ratings.push(Rating { strategy: id.clone(), at, helped, trigger });
            if d.active.as_ref().is_some_and(|t| t.strategy == id) {
                d.active = None;
            }
        });
        session.rated.update(|r| r.push((id, helped)));
        answered.set(true);
    };
    let a = answer.clone();
    let b = answer.clone();
    view! {
        <Show
            when=move || answered.get()
            fallback=move || {
                let (a, b, c) = (a.clone(), b.clone(), answer.clone());
                view! {
                    <fieldset class="chips did-it-help">
                        <legend>{tr!("Did it help?")}</legend>
                        <button type="button" class="chip" data-testid="helped-yes" on:click=move |_| a(Helped::Yes)>{tr!("Yes")}</button>
                        <button type="button" class="chip" data-testid="helped-bit" on:click=move |_| b(Helped::ABit)>{tr!("A bit")}</button>
                        <button type="button" class="chip" data-testid="helped-no" on:click=move |_| c(Helped::No)>{tr!("No")}</button>
                    </fieldset>
                }
            }
        >
            <p role="status" data-testid="helped-thanks">{tr!("Thanks — Steady will put what works for you first.")}</p>
        </Show>
    }
}

/// Ticks while a timer is on screen.
fn ticking(every_ms: u64) -> ReadSignal<f64> {
    let (now, set_now) = signal(js_sys::Date::now());
    if let Ok(handle) = set_interval_with_handle(move || set_now.set(js_sys::Date::now()), Duration::from_millis(every_ms)) {
        on_cleanup(move || handle.clear());
    }
    now
}

fn start_timer(store: Store, id: &str, length_ms: f64) {
    let now = js_sys::Date::now();
    let id = id.to_owned();
    update(store, |d| d.active = Some(ActiveTimer { strategy: id, started_ms: now, ends_ms: now + length_ms }));
}

fn running(store: Store, id: &str) -> Option<ActiveTimer> {
    store.coping().with(|d| d.active.clone().filter(|t| t.strategy == id))
}

/// `navigator.vibrate`, where the phone has it (not on iPhones, nor in Firefox).
fn vibration() -> Option<(JsValue, js_sys::Function)> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let f = js_sys::Reflect::get(&navigator, &"vibrate".into()).ok()?;
    wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok().map(|f| (navigator, f))
}

/// Whether this phone can vibrate: the option to vibrate is shown only where it can.
pub fn can_vibrate() -> bool {
    vibration().is_some()
}

fn vibrate(store: Store) {
    if !store.coping().with_untracked(|d| d.vibrate) {
        return;
    }
    if let Some((navigator, f)) = vibration() {
        let _ = f.call1(&navigator, &JsValue::from(60));
    }
}

#[component]
fn Breathing(id: String, pattern: Pattern, finished: RwSignal<bool>) -> impl IntoView {
    let store = expect_context::<Store>();
    let now = ticking(250);
    let timer = {
        let id = id.clone();
        move || running(store, &id)
    };
    let phase = {
        let timer = timer.clone();
        Memo::new(move |_| {
            let t = timer()?;
            let now = now.get();
            if now >= t.ends_ms {
                return None;
            }
            Some(pattern.phase_at((now - t.started_ms).max(0.0) as u64))
        })
    };
    // A buzz at each new phase, and "Did it help?" when the session ends.
    Effect::new(move |previous: Option<Option<usize>>| {
        let current = phase.get().map(|(i, _, _)| i);
        if let (Some(Some(before)), Some(now)) = (previous, current) {
            if before != now {
                vibrate(store);
            }
        }
        current
    });
    let ended = {
        let timer = timer.clone();
        move || timer().is_some_and(|t| now.get() >= t.ends_ms)
    };
    Effect::new(move |_| {
        if ended() {
            finished.set(true);
        }
    });
    let start = move |_| start_timer(store, &id, BREATHING_MS);
    let label = move || phase.get().map(|(_, p, _)| p.label()).unwrap_or("");
    let cue = move || phase.get().map(|(_, p, left)| format!("{} … {left}", p.cue())).unwrap_or_default();
    // The circle grows while breathing in and stays big through the hold after it.
    let expanded = move || {
        phase.get().is_some_and(|(i, _, _)| {
            pattern.phases[..=i].iter().rev().find(|(p, _)| *p != crate::domain::coping::Phase::Hold).is_some_and(|(p, _)| *p == crate::domain::coping::Phase::In)
        })
    };
    let class = move || if expanded() { "pacer expanded" } else { "pacer" };
    let duration = move || phase.get().map_or("0s".to_string(), |(i, _, _)| format!("{}s", pattern.phases[i].1));
    let seconds = pattern.phases.iter().map(|(p, s)| format!("{} {s}", p.label().to_lowercase())).collect::<Vec<_>>().join(", ");
    view! {
        <div class="breathing">
            <Show
                when=move || phase.get().is_some()
                fallback=move || view! {
                    <button type="button" class="button big" data-testid="start-breathing" on:click=start.clone()>{tr!("Start breathing")}</button>
                    <p class="hint">{fill(tr!("Seconds: {}. Two minutes."), &[&seconds])}</p>
                }
            >
                <div class=class aria-hidden="true" data-testid="breathing-pacer"><span style:transition-duration=duration></span></div>
                <p class="phase" aria-live="polite">
                    <span data-testid="breathing-phase">{label}</span>
                </p>
                <p class="breathing-cue" data-testid="breathing-cue">{cue}</p>
            </Show>
        </div>
    }
}

#[component]
fn UrgeTimer(id: String, minutes: u32, check_in_minutes: u32, finished: RwSignal<bool>) -> impl IntoView {
    let store = expect_context::<Store>();
    let now = ticking(1000);
    let timer = {
        let id = id.clone();
        move || running(store, &id)
    };
    let left_ms = {
        let timer = timer.clone();
        move || timer().map(|t| (t.ends_ms - now.get()).max(0.0))
    };
    let elapsed_minutes = {
        let timer = timer.clone();
        move || timer().map_or(0, |t| ((now.get() - t.started_ms).max(0.0) / 60_000.0) as u32)
    };
    let check_in = Memo::new(move |_| {
        let m = elapsed_minutes();
        (m >= check_in_minutes && m < minutes).then(|| {
            fill(
                tr!("Check-in at {} minutes: notice how strong the urge is now. Is it the same, stronger, or starting to ease?"),
                &[&(m / check_in_minutes * check_in_minutes).to_string()],
            )
        })
    });
    let left_for_end = left_ms.clone();
    Effect::new(move |_| {
        if left_for_end() == Some(0.0) {
            finished.set(true);
        }
    });
    let start = move |_| start_timer(store, &id, f64::from(minutes) * 60_000.0);
    let clock_text = move || {
        left_ms().map(|ms| {
            let s = (ms / 1000.0).ceil() as u64;
            format!("{:02}:{:02}", s / 60, s % 60)
        })
    };
    view! {
        <div class="urge">
            {move || match clock_text() {
                None => view! {
                    <button type="button" class="button big" data-testid="start-urge-timer" on:click=start.clone()>
                        {fill(tr!("Start a {}-minute timer"), &[&minutes.to_string()])}
                    </button>
                }.into_any(),
                Some(text) => view! {
                    <p class="urge-clock" role="timer" aria-label=tr!("Time left")>
                        <span data-testid="urge-timer">{text}</span>
                    </p>
                }.into_any(),
            }}
            <p class="notice" role="status" data-testid="urge-check-in" class:hidden=move || check_in.with(Option::is_none)>{move || check_in.get()}</p>
        </div>
    }
}

