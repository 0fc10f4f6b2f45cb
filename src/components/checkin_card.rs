//! The daily check-in's card on Today. Until there is a check-in it is a
//! link; after that its state is read by a small split-off part, so a first
//! visit fetches none of that code.

use chrono::{NaiveDate, TimeDelta};
use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::domain::checkin::{day_of, find, mood_word, CheckIn};
use crate::domain::cravings::YearMonth;
use crate::domain::i18n::fill;
use crate::domain::weekly::{due_day, weekday_from, LookBack};
use crate::components::checkin_text::checkin_text_panel;
use crate::split::{lazy_part, split_view};
use crate::storage::Store;

/// The stored check-in for `day`, if any (reads its month first if needed); reactive.
pub fn stored(store: Store, day: NaiveDate) -> Option<CheckIn> {
    store.with_month::<CheckIn, _>(YearMonth::of(day), |list| find(list, day).cloned())
}

#[component]
pub fn CheckInCard() -> impl IntoView {
    let store = expect_context::<Store>();
    // Until there is a check-in or a day picked for the weekly look-back, nothing needs reading.
    let any = Memo::new(move |_| store.checkins.months.with(|m| !m.is_empty()) || store.settings().with(|s| s.look_back_day.is_some()));
    view! {
        <section class="card checkin-card" aria-labelledby="checkin-card-title">
            <h2 id="checkin-card-title">{tr!("Daily check-in")}</h2>
            {move || if any.get() { lazy_part(checkin_status) } else { not_yet() }}
            <p><a class="button secondary" href="/journal" data-testid="open-journal">{tr!("Journal")}</a></p>
        </section>
    }
}

fn not_yet() -> AnyView {
    view! {
        <p>{tr!("A minute to notice how today is going.")}</p>
        <a class="button" href="/checkin" data-testid="checkin-open">{tr!("Check in")}</a>
    }
    .into_any()
}

// A module of its own, not the check-in screen's: Today fetches only this small part, which
// keeps Today with years of check-ins about as quick to open as an empty one (make bench).
split_view!(checkin_card, fn checkin_status() { view! { <CheckInStatus/> } });

/// The look-back stored for `day`, if any; reactive.
pub fn stored_look_back(store: Store, day: NaiveDate) -> Option<LookBack> {
    store.with_month::<LookBack, _>(YearMonth::of(day), |l| l.iter().find(|x| x.day == day).cloned())
}

/// Today's reminder on the chosen day (and after, until done). Split off with the card.
#[component]
fn WeeklyReminder(chosen: u8) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let due = move || due_day(clock.local().date(), weekday_from(chosen));
    view! {
        <Show when=move || stored_look_back(store, due()).is_none()>
            <a class="card-link" href="/weekly" data-testid="weekly-open">
                <strong>{tr!("Your weekly look-back is ready")}</strong>
                <span>{tr!("A few minutes: how this week went next to last week.")}</span>
            </a>
        </Show>
    }
}

/// Once the day's check-in is done: a text about it to their sponsor (or first support person), written on
/// a tap (its code is split off again: most days it isn't opened).
#[component]
fn SponsorText(checkin: CheckIn) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="button secondary" data-testid="sponsor-checkin" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>
            {tr!("Text how today went")}
        </button>
        {move || open.get().then(|| {
            let checkin = checkin.clone();
            lazy_part(move || checkin_text_panel(checkin.clone()))
        })}
    }
}

/// Today's card when there are check-ins: whether today's is done, and
/// yesterday's if it was missed. Split off on its own.
#[component]
fn CheckInStatus() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let today = Memo::new(move |_| day_of(clock.local()));
    let todays = move || stored(store, today.get());
    let yesterday_missing = move || {
        let yesterday = today.get() - TimeDelta::days(1);
        !stored(store, yesterday).is_some_and(|c| c.is_reviewed())
    };
    view! {
        {move || match todays() {
            Some(c) if c.is_reviewed() => view! {
                <p class="done" data-testid="checkin-done">
                    {tr!("Today's check-in is done")}
                    {c.mood.map(|m| fill(tr!(" — mood: {}"), &[&mood_word(m).to_lowercase()]))}
                    "."
                </p>
                <a class="button secondary" href="/checkin" data-testid="checkin-open">{tr!("Change today's check-in")}</a>
                <SponsorText checkin=c.clone()/>
            }.into_any(),
            Some(c) => view! {
                <p data-testid="checkin-intention">
                    {fill(tr!("Your intention: {}."), &[&if c.intention_words.is_empty() { c.intention.map_or("", |i| i.label()).to_string() } else { c.intention_words.clone() }])}
                </p>
                <a class="button" href="/checkin" data-testid="checkin-open">{tr!("Check in for tonight")}</a>
            }.into_any(),
            None => not_yet(),
        }}
        {move || store.settings().with(|s| s.look_back_day).map(|chosen| view! { <WeeklyReminder chosen/> })}
        <a class="button secondary" href="/weekly" data-testid="open-weekly">{tr!("Weekly look-back")}</a>
        <Show when=yesterday_missing>
            <a class="button secondary" href="/checkin?day=yesterday" data-testid="checkin-yesterday">{tr!("Add yesterday's check-in")}</a>
        </Show>
    }
}
