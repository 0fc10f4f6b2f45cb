//! Today: the main clean-time counter, its milestones, slips and history.

use leptos::prelude::*;

use crate::components::checkin_card::CheckInCard;
use crate::components::meds_card::MedsCard;
use crate::components::clock::Clock;
use crate::components::counter_list::CounterList;
use crate::components::counts::counts_question;
use crate::components::device::{InstallGuide, PrivateNote};
use crate::components::focus::focus_soon;
use crate::components::money::format_cents;
use crate::components::safety::UsedSafety;
use crate::components::slip::{after_slip_notice, date_value, slip_form};
use crate::domain::counter::{
    self, milestone_progress, split_duration, tolerance_warning, Counter, Start, Streak,
    ToleranceWarning, DEFAULT_NAME, LIVE_DURATION_DAYS,
};
use crate::domain::cravings::{latest_logged_before, Outcome, YearMonth};
use crate::domain::dates::{at_time, day_month_at, days_text, hh_mm, hours_text, iso_date, long_date, minutes_text};
use crate::domain::i18n::fill;
use crate::domain::money::parse_cents;
use crate::domain::settings::oldest_data;
use crate::components::milestone_card::share_milestone;
use crate::split::{lazy_part, split_view};
use crate::storage::Store;

fn start_text(start: Start) -> String {
    match start.time {
        Some(time) => fill(tr!("{} at {}"), &[&long_date(start.date), &at_time(time)]),
        None => long_date(start.date),
    }
}


#[component]
pub fn Today() -> impl IntoView {
    let store = expect_context::<Store>();
    // Only which counter is main: its edits must not rebuild the card (and lose open forms).
    let main_id = Memo::new(move |_| store.counters().with(|c| c.main().map(|c| c.id)));
    // The counter list only matters once there is a counter: a first visit fetches
    // none of its code (its requests would hold up the first screen on a slow network).
    let has_counter = Memo::new(move |_| main_id.get().is_some());

    view! {
        <section class="page" data-testid="today">
            <h1>{tr!("Today")}</h1>
            <PrivateNote/>
            {celebration_due().then(|| lazy_part(celebration_card))}
            {move || match main_id.get() {
                Some(id) => view! { <MainCounter id/> }.into_any(),
                None => view! { <FirstStart/> }.into_any(),
            }}
            <FollowUp/>
            <CheckInCard/>
            <MedsCard/>
            <BackupReminder/>
            <InstallGuide/>
            <div class="actions two">
                <a class="button big sos-inline" href="/sos" data-testid="craving-sos">{tr!("I'm having a craving")}</a>
                <a class="button big secondary" href="/log/new" data-testid="log-craving">{tr!("Log a craving")}</a>
            </div>
            {move || has_counter.get().then(|| lazy_part(counter_list))}
        </section>
    }
}

/// Before there is any counter: ask for the start date.
#[component]
fn FirstStart() -> impl IntoView {
    let editing = RwSignal::new(false);
    view! {
        <div class="card counter">
            <p class="counter-name">{counter::shown_name(DEFAULT_NAME)}</p>
            <p>{tr!("What day are you counting from? Steady will count the days, mark milestones and keep your history — all on this phone.")}</p>
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    <button type="button" class="button big" id="set-start" data-testid="set-start" on:click=move |_| editing.set(true)>
                        {tr!("Set my start date")}
                    </button>
                }
            >
                {
                    let on_close = Callback::new(move |()| { editing.set(false); focus_soon("set-start"); });
                    lazy_part(move || start_form(None, on_close))
                }
            </Show>
        </div>
    }
}

// Opened by a tap (setting or changing the start): fetched then. Like the slip
// form, it stores the change itself and then asks its opener to close it.
// Below the main counter and not needed to see it: fetched as Today opens, once there is a counter.
split_view!(counter_list, fn counter_list() { view! { <CounterList/> } });

split_view!(start_form, fn start_form(counter: Option<u32>, on_close: Callback<()>) { view! { <StartForm counter on_close/> } });

/// The form for a start date and optional time: the first counter's (`None`,
/// which adds it) or an existing counter's new start. Refuses dates in the
/// future with a message.
#[component]
fn StartForm(counter: Option<u32>, on_close: Callback<()>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let today = clock.local_untracked();
    let initial = counter.and_then(|id| store.counters().with_untracked(|all| all.get(id).map(|c| c.start)));
    let date = RwSignal::new(initial.map_or_else(|| date_value(today), |s| iso_date(s.date)));
    let time = RwSignal::new(initial.and_then(|s| s.time).map(hh_mm).unwrap_or_default());
    let error = RwSignal::new(None::<&'static str>);
    focus_soon("start-date");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let outcome = Start::parse(&date.get_untracked(), &time.get_untracked()).and_then(|start| {
            clock.refresh();
            let now = clock.local_untracked();
            store
                .counters()
                .modify(|all| match counter {
                    None => all.add(DEFAULT_NAME, start, now).map(|_| ()),
                    Some(id) => all.get_mut(id).map_or(Ok(()), |c| c.set_start(start, now)),
                })
                .map_err(|e| e.message())
        });
        match outcome {
            // The first counter replaces this form (its "Change start date" takes focus);
            // a changed start closes it.
            Ok(()) if counter.is_none() => focus_soon("set-start"),
            Ok(()) => on_close.run(()),
            Err(e) => {
                error.try_set(Some(e));
            }
        }
    };
    view! {
        <form class="editor" on:submit=submit novalidate>
            <div class="field">
                <label for="start-date">{tr!("Start date")}</label>
                <input id="start-date" type="date" data-testid="start-date" max=date_value(today) bind:value=date required/>
            </div>
            <div class="field">
                <label for="start-time">{tr!("Time (optional)")}</label>
                <input id="start-time" type="time" data-testid="start-time" bind:value=time/>
            </div>
            <p class="error" role="alert" data-testid="start-error">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="button" data-testid="save-start">{tr!("Save start")}</button>
                <button type="button" class="button secondary" on:click=move |_| on_close.run(())>{tr!("Cancel")}</button>
            </div>
        </form>
    }
}

#[component]
fn MainCounter(id: u32) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let counter = Memo::new(move |_| store.counters().with(|all| all.get(id).cloned()));
    let with = move |f: &dyn Fn(&Counter) -> String| counter.with(|c| c.as_ref().map(f).unwrap_or_default());
    let days = Memo::new(move |_| counter.with(|c| c.as_ref().map_or(0, |c| c.days(clock.local()))));
    let editing = RwSignal::new(false);
    let slipping = RwSignal::new(false);
    let after_slip = RwSignal::new(None::<(Streak, Option<ToleranceWarning>)>);
    // Counters from before Steady asked what they count: asked once, here, where "I slipped" is.
    let unsaid = Memo::new(move |_| counter.with(|c| c.as_ref().is_some_and(|c| c.counts.is_none())));


    view! {
        <div class="card counter" data-testid="main-counter">
            <p class="counter-name">{move || with(&|c| counter::shown_name(&c.name).to_owned())}</p>
            <p class="counter-days" data-testid="counter-days" aria-live="polite">
                <span class="count">{move || u64::try_from(days.get()).map_or_else(|_| days.get().to_string(), crate::domain::conventions::number)}</span>
                " "
                {move || trn!("day", "days", days.get())}
            </p>
            <p class="since">{move || with(&|c| fill(tr!("since {}"), &[&start_text(c.start)]))}</p>
            <LiveDuration counter/>
            <MilestoneProgress counter/>
            // Split off (from the service worker's cache in milliseconds): the money line and its currency formatting.
            {lazy_part(move || money_saved(counter, id))}
            <Show when=move || editing.get()>
                {
                    let on_close = Callback::new(move |()| { editing.set(false); focus_soon("set-start"); });
                    lazy_part(move || start_form(Some(id), on_close))
                }
            </Show>
            <Show when=move || slipping.get()>
                {
                    let on_done = Callback::new(move |ended: Option<Streak>| {
                        slipping.set(false);
                        // Decided by what this counter counts: no overdose warning for nicotine.
                        let counts = counter.with_untracked(|c| c.as_ref().and_then(|c| c.counts));
                        after_slip.set(ended.map(|e| { let warning = tolerance_warning(counts, &e); (e, warning) }));
                        focus_soon("slip");
                    });
                    lazy_part(move || slip_form(id, on_done))
                }
            </Show>
            <Show when=move || !editing.get() && !slipping.get()>
                <div class="actions">
                    <button type="button" class="button secondary" id="set-start" data-testid="set-start" on:click=move |_| editing.set(true)>
                        {tr!("Change start date")}
                    </button>
                    <button type="button" class="button secondary" id="slip" data-testid="slip" on:click=move |_| { after_slip.set(None); slipping.set(true); }>
                        {tr!("I slipped")}
                    </button>
                </div>
            </Show>
            <Show when=move || unsaid.get() && !slipping.get()>
                {lazy_part(move || counts_question(id, counter.with_untracked(|c| c.as_ref().map(|c| counter::shown_name(&c.name).to_owned()).unwrap_or_default())))}
            </Show>
            <p class="hint medication">
                {tr!("Taking prescribed medication — buprenorphine, methadone or naltrexone — is treatment. It never resets your count.")}
            </p>
            {move || after_slip.get().map(|(ended, warning)| lazy_part(move || after_slip_notice(ended.clone(), warning)))}
        </div>
        {lazy_part(move || streak_history(counter))}
    }
}

/// Days, hours and minutes since the start, for the first weeks; updates each minute.
#[component]
fn LiveDuration(counter: Memo<Option<Counter>>) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let text = move || {
        let c = counter.get()?;
        let now = clock.instant();
        if c.days(now.naive_local()) >= LIVE_DURATION_DAYS {
            return None;
        }
        let (d, h, m) = split_duration(counter::elapsed(c.start, &now));
        Some(format!(
            "{}, {}, {}",
            days_text(d),
            hours_text(h),
            minutes_text(m)
        ))
    };
    view! {
        {move || text().map(|t| view! { <p class="live" data-testid="counter-live">{tr!("Time so far: ")} {t}</p> })}
    }
}

#[component]
fn MilestoneProgress(counter: Memo<Option<Counter>>) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let progress = Memo::new(move |_| counter.with(|c| c.as_ref().map(|c| milestone_progress(c.start, clock.local()))));
    let next_text = move || {
        progress.with(|p| {
            let next = p.as_ref()?.next.as_ref()?;
            let days = p.as_ref()?.days_to_go;
            Some(match days {
                0 => fill(tr!("Next milestone: {} — later today"), &[&next.label]),
                _ => fill(trn!("Next milestone: {} — {} day to go", "Next milestone: {} — {} days to go", days), &[&next.label, &days.to_string()]),
            })
        })
    };
    let percent = move || progress.with(|p| p.as_ref().map_or(0, |p| (p.fraction * 100.0).round() as u32));
    view! {
        <div class="milestones">
            {move || progress.with(|p| p.as_ref().and_then(|p| p.reached.clone())).map(|m| view! {
                <p class="reached" data-testid="milestone-reached">{tr!("Milestone reached: ")} <strong>{m.label}</strong></p>
            })}
            <p data-testid="milestone-next">{next_text}</p>
            <div
                class="progress"
                role="progressbar"
                aria-label=tr!("Progress to the next milestone")
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=percent
            >
                <div class="progress-fill" style:width=move || format!("{}%", percent())></div>
            </div>
        </div>
    }
}

#[component]
fn MoneySaved(counter: Memo<Option<Counter>>, id: u32) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let currency = move || store.settings().with(|s| s.region.currency());
    let saved = move || counter.with(|c| c.as_ref().and_then(|c| c.saved_cents(clock.local())));
    let open = RwSignal::new(false);
    view! {
        {move || saved().map(|cents| view! {
            <p class="saved" data-testid="money-saved">{format_cents(cents, currency())} {tr!(" not spent")}</p>
        })}
        <details class="money" prop:open=move || open.get() on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary id=format!("money-summary-{id}")>{tr!("Money saved")}</summary>
            // Fetched when first opened.
            <Show when=move || open.get()>{lazy_part(move || money_form(id, open))}</Show>
        </details>
    }
}

split_view!(money_saved, fn money_saved(counter: Memo<Option<Counter>>, id: u32) { view! { <MoneySaved counter id/> } });
split_view!(money, fn money_form(id: u32, open: RwSignal<bool>) { view! { <MoneyForm id open/> } });

#[component]
fn MoneyForm(id: u32, open: RwSignal<bool>) -> impl IntoView {
    let store = expect_context::<Store>();
    let amount = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = amount.get_untracked();
        let per_day = if text.trim().is_empty() { Ok(None) } else { parse_cents(&text).map(Some) };
        match per_day {
            Ok(per_day) => {
                let _ = store.counters().modify(|all| {
                    if let Some(c) = all.get_mut(id) {
                        c.money_per_day_cents = per_day;
                    }
                    Ok::<_, ()>(())
                });
                error.set(None);
                open.set(false);
                focus_soon(&format!("money-summary-{id}"));
            }
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <form on:submit=submit novalidate>
            <div class="field">
                <label for=format!("money-{id}")>{tr!("What you used to spend a day (leave empty to hide)")}</label>
                <input id=format!("money-{id}") inputmode="decimal" data-testid="money-per-day" bind:value=amount/>
            </div>
            <p class="error" role="alert">{move || error.get()}</p>
            <button type="submit" class="button secondary" data-testid="money-save">{tr!("Save amount")}</button>
        </form>
    }
}

// Below the main counter: fetched as Today opens.
split_view!(counter_list, fn streak_history(counter: Memo<Option<Counter>>) { view! { <StreakHistory counter/> } });

#[component]
fn StreakHistory(counter: Memo<Option<Counter>>) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let stats = move || counter.with(|c| c.as_ref().map(|c| c.stats(clock.local())));
    let stat = move |f: fn(&counter::StreakStats) -> String| move || stats().map(|s| f(&s)).unwrap_or_default();
    view! {
        <div class="card history">
            <h2>{tr!("Your streaks")}</h2>
            <dl class="stats">
                <div><dt>{tr!("Longest streak")}</dt><dd data-testid="longest-streak">{stat(|s| days_text(s.longest_days))}</dd></div>
                <div><dt>{tr!("Total clean days")}</dt><dd data-testid="total-days">{stat(|s| days_text(s.total_days))}</dd></div>
                <div><dt>{tr!("Streaks")}</dt><dd data-testid="streak-count">{stat(|s| s.streaks.to_string())}</dd></div>
            </dl>
            <ol class="timeline" data-testid="streak-timeline" reversed>
                {move || counter.get().map(|c| {
                    let now = clock.local();
                    let current = view! {
                        <li>
                            <strong>{tr!("Now: ")}</strong>
                            {fill(tr!("since {} · {}"), &[&long_date(c.start.date), &days_text(c.days(now))])}
                        </li>
                    };
                    let earlier = c.history.iter().rev().map(|s| {
                        let note = (!s.note.is_empty()).then(|| view! { <p class="note">{s.note.clone()}</p> });
                        view! {
                            <li>
                                {format!("{} – {} · {}", long_date(s.start.date), long_date(s.end.date), days_text(s.days()))}
                                {note}
                            </li>
                        }
                    }).collect_view();
                    view! { {current} {earlier} }
                })}
            </ol>
        </div>
    }
}

/// The main counter's milestone reached since it was last celebrated, if any.
fn uncelebrated(store: Store, clock: Clock) -> Option<(u32, String, counter::Milestone)> {
    let now = clock.local_untracked();
    store.counters().with_untracked(|all| {
        let c = all.main()?;
        Some((c.id, counter::shown_name(&c.name).to_owned(), c.uncelebrated_milestone(now)?))
    })
}

/// Whether Today opens with a celebration (its card is fetched only then).
fn celebration_due() -> bool {
    uncelebrated(expect_context::<Store>(), expect_context::<Clock>()).is_some()
}

split_view!(celebration, fn celebration_card() { view! { <Celebration/> } });

/// Congratulates once on a milestone reached since the app was last opened.
#[component]
fn Celebration() -> impl IntoView {
    let store = expect_context::<Store>();
    let due = uncelebrated(store, expect_context::<Clock>());
    let shown = RwSignal::new(due.as_ref().map(|(_, name, milestone)| (name.clone(), milestone.label.clone())));
    // The card to share: the milestone's words only (see `counter::milestone_card`).
    let card = due.as_ref().and_then(|(id, _, milestone)| {
        store.counters().with_untracked(|all| all.get(*id).map(|c| counter::milestone_card(milestone, c.start)))
    });
    let status = RwSignal::new(None::<&'static str>);
    let share = move |_| {
        let Some(lines) = card.clone() else { return };
        leptos::task::spawn_local(async move {
            status.set(Some(match share_milestone(lines).await {
                Ok(true) => tr!("Your milestone card is ready: shared, or saved as milestone.png."),
                Ok(false) => tr!("Sharing was cancelled — nothing was sent."),
                Err(()) => tr!("This browser couldn't make the image."),
            }));
        });
    };
    if let Some((id, _, milestone)) = due {
        // Recorded once it is on screen (an effect runs after rendering; a
        // render never writes to storage), so it appears once.
        Effect::new(move |_| {
            let _ = store.counters().modify(|all| {
                if let Some(c) = all.get_mut(id) {
                    c.celebrated = Some(milestone.index);
                }
                Ok::<_, ()>(())
            });
        });
    }
    view! {
        {move || shown.get().map(|(name, label)| view! {
            <div class="card celebration" role="status" data-testid="celebration">
                <p class="celebration-title">{fill(tr!("{}!"), &[&label])}</p>
                <p>{fill(tr!("You've reached {} — {}. That took work, one day at a time. Well done."), &[&label, &name])}</p>
                <div class="actions">
                    <button type="button" class="button" data-testid="celebration-dismiss" on:click=move |_| shown.set(None)>
                        {tr!("Thanks")}
                    </button>
                    <button type="button" class="button secondary" data-testid="milestone-share" on:click=share.clone()>
                        {tr!("Share as an image")}
                    </button>
                </div>
            </div>
            // Outside the card, which is announced whole when it appears.
            <p class="hint" role="status" data-testid="milestone-share-status">{move || status.get()}</p>
        })}
    }
}

/// The craving to ask "How did it go?" about: the latest one logged before this
/// opening of the app, if it has no outcome yet. Asked once per opening.
#[derive(Clone, Copy)]
pub struct FollowUpDue {
    /// When the app opened; cravings logged since then aren't asked about.
    opened_ms: u64,
    /// `None` until decided, which is when Today first shows (reading the log
    /// is split off with the card, so the first download doesn't carry it).
    craving: RwSignal<Option<Option<(YearMonth, u64)>>>,
}

impl FollowUpDue {
    pub fn at_start() -> FollowUpDue {
        FollowUpDue { opened_ms: js_sys::Date::now() as u64, craving: RwSignal::new(None) }
    }
}

/// Only where there is a log, and until answered or put off.
#[component]
fn FollowUp() -> impl IntoView {
    let store = expect_context::<Store>();
    let due = expect_context::<FollowUpDue>();
    let may_ask = move || store.log.months.with(|m| !m.is_empty()) && due.craving.get() != Some(None);
    view! { <Show when=may_ask>{lazy_part(follow_up_card)}</Show> }
}

split_view!(follow_up, fn follow_up_card() { view! { <FollowUpCard/> } });

/// Fetches the split-off parts Today shows for what is stored (`kinds`: check-ins, cravings,
/// medication) ahead — at start-up, while the frame is built or the passcode typed — rather
/// than once Today is drawn: years of check-ins shouldn't make Today slower to open than none.
pub fn fetch_parts_ahead(kinds: [bool; 3]) {
    use crate::components::{checkin_card::checkin_status, meds_today::meds_part};
    let [checkins, log, meds] = kinds;
    if meds {
        leptos::task::spawn_local(async { drop(meds_part::preload().await) });
    }
    if checkins {
        leptos::task::spawn_local(async { drop(checkin_status::preload().await) });
    }
    if log {
        leptos::task::spawn_local(async { drop(follow_up_card::preload().await) });
    }
}

#[component]
fn FollowUpCard() -> impl IntoView {
    // "I used": what keeps the person safe takes the question's place, until put away.
    let used = RwSignal::new(false);
    let store = expect_context::<Store>();
    let due = expect_context::<FollowUpDue>();
    if due.craving.get_untracked().is_none() {
        // The latest craving logged before this opening is in the newest month that
        // has one (ids are creation times, see `next_id`); usually the newest month.
        let latest = store.log.months.get_untracked().into_iter().find_map(|month| {
            store.load_months([month]);
            store.log.loaded.with_untracked(|l| {
                latest_logged_before(l.get(&month)?, due.opened_ms).map(|c| (c.is_open(), month, c.id))
            })
        });
        due.craving.set(Some(latest.filter(|(open, ..)| *open).map(|(_, month, id)| (month, id))));
    }
    let entry = move || {
        let (month, id) = due.craving.get().flatten()?;
        // Read again if it was dropped from memory meanwhile (e.g. changed in another tab).
        store.load_months([month]);
        store.log.loaded.with(|l| l.get(&month)?.iter().find(|c| c.id == id && c.is_open()).cloned())
    };
    let answer = move |outcome: Outcome| {
        if let Some(mut craving) = entry() {
            craving.outcome = Some(outcome);
            if store.save_craving(craving).is_ok() {
                if outcome == Outcome::Used {
                    used.set(true);
                } else {
                    due.craving.set(Some(None));
                }
            }
        }
    };
    view! {
        {move || used.get().then(|| view! {
            <div class="card follow-up">
                <UsedSafety/>
                <button type="button" class="button secondary" data-testid="followup-close" on:click=move |_| due.craving.set(Some(None))>{tr!("Close")}</button>
            </div>
        })}
        {move || entry().filter(|_| !used.get()).map(|c| view! {
            <div class="card follow-up" data-testid="follow-up" role="region" aria-labelledby="follow-up-title">
                <h2 id="follow-up-title">{tr!("How did it go?")}</h2>
                <p>{fill(tr!("About the craving you logged {} (strength {} of 10)."), &[&day_month_at(c.at), &c.intensity.to_string()])}</p>
                <div class="actions">
                    {Outcome::ALL.into_iter().map(|o| view! {
                        <button type="button" class="button secondary" data-testid=format!("followup-{}", o.key()) on:click=move |_| answer(o)>
                            {o.label()}
                        </button>
                    }).collect_view()}
                </div>
                <p class="hint">
                    {tr!("Whatever happened, noting it helps. ")} <a href="/log">{tr!("Add more in the log")}</a> " · "
                    <button type="button" class="link-button" on:click=move |_| due.craving.set(Some(None))>{tr!("Not now")}</button>
                </p>
            </div>
        })}
    }
}

/// A gentle monthly nudge to make a backup, dismissible for a month.
#[component]
fn BackupReminder() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let due = move || {
        let today = clock.local().date();
        let oldest = oldest_data(
            store.counters().with(|c| c.list.iter().map(|c| c.start.date).min()),
            store.log.months.with(|m| m.last().copied()),
            store.plan_stored(),
            today,
        );
        store.settings().with(|s| s.backup_due(today, oldest))
    };
    let later = move |()| {
        let mut settings = store.settings().get_untracked();
        settings.backup_snoozed = Some(clock.local_untracked().date());
        store.settings().save(settings);
    };
    view! {
        <Show when=due>
            {lazy_part(move || backup_reminder_card(Callback::new(later)))}
        </Show>
    }
}

// Shown once a month at most: fetched when due.
split_view!(backup_reminder, fn backup_reminder_card(later: Callback<()>) { view! { <BackupReminderCard later/> } });

#[component]
fn BackupReminderCard(later: Callback<()>) -> impl IntoView {
    view! {
        <div class="card" data-testid="backup-reminder" role="region" aria-label=tr!("Backup reminder")>
                <p>{tr!("It's been a while since your last backup. If this phone is lost or replaced, a backup file is the only way to get your data back.")}</p>
                <div class="actions">
                    <a class="button secondary" href="/settings">{tr!("Make a backup")}</a>
                    <button type="button" class="button secondary" data-testid="backup-later" on:click=move |_| later.run(())>{tr!("Remind me next month")}</button>
                </div>
            </div>
    }
}
