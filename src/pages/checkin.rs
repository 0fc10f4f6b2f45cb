//! The daily check-in: a morning intention (one tap), an evening review that
//! takes under a minute, and a month calendar of the days checked in. Today's
//! can be changed until the day ends, and yesterday's added late.

use chrono::{Datelike, NaiveDate, TimeDelta};
use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::components::craving_form::Chip;
use crate::components::flash::Flash;
use crate::components::focus::focus_soon;
use crate::components::checkin_card::stored;
use crate::components::safety::{CrisisOffer, UseAloneLine};
use crate::components::slip::{after_slip_notice, slip_form};
use crate::domain::checkin::{
    day_of, editable, find, kept_drafts, month_grid, mood_word, next_month, previous_month, sleep_word, week_start, CheckIn, Intention,
    MOOD_LEVELS,
};
use crate::domain::counter::{self, tolerance_warning, Streak, Substance, ToleranceWarning};
use crate::domain::cravings::{Halt, YearMonth, MAX_INTENSITY};
use crate::domain::dates::{iso_date, long_date, month_year, weekday_short};
use crate::domain::helplines::Region;
use crate::domain::i18n::fill;
use crate::domain::journal::JournalEntry;
use crate::routing::Location;
use crate::split::lazy_part;
use crate::storage::{keep_draft, keep_form, kept_form, set_aside_form, Store};

/// Unsaved evening reviews, one per day (today's and yesterday's), kept through
/// switching days, a reload or the lock until each is saved.
const DRAFT: &str = "checkin";

fn drafts() -> Vec<CheckIn> {
    match kept_form::<Vec<CheckIn>>(DRAFT) {
        Some(Ok(days)) => days,
        // Kept by another version, say: set aside (Settings lists it), never written over.
        Some(Err(_)) => {
            set_aside_form(DRAFT);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// Keeps `draft` as its day's draft (or drops it, when it is what is stored).
fn keep_day(draft: &CheckIn, stored: Option<&CheckIn>, today: NaiveDate) -> Result<(), String> {
    let days = kept_drafts(drafts(), draft, stored, today);
    if days.is_empty() { keep_draft(DRAFT, None) } else { keep_form(DRAFT, &days) }
}

#[component]
pub fn CheckInPage() -> impl IntoView {
    let clock = expect_context::<Clock>();
    clock.refresh();
    // From the clock, so a screen left open past midnight moves on to the new day.
    let today = Memo::new(move |_| day_of(clock.local()));
    // Today's "Add yesterday's" link arrives as ?day=yesterday.
    let asks_yesterday = window().location().search().is_ok_and(|s| s.contains("day=yesterday"));
    let first = today.get_untracked();
    let day = RwSignal::new(if asks_yesterday { first - TimeDelta::days(1) } else { first });
    let pick = move |d: NaiveDate| {
        day.set(d);
        focus_soon("checkin-mood");
    };
    view! {
        <section class="page" data-testid="checkin">
            <h1>{tr!("Daily check-in")}</h1>
            <div class="segmented" role="group" aria-label=tr!("Which day")>
                <button type="button" class="chip" data-testid="checkin-for-today"
                    aria-pressed=move || (day.get() == today.get()).to_string() on:click=move |_| pick(today.get_untracked())>
                    {tr!("Today")}
                </button>
                <button type="button" class="chip" data-testid="checkin-for-yesterday"
                    aria-pressed=move || (day.get() != today.get()).to_string() on:click=move |_| pick(today.get_untracked() - TimeDelta::days(1))>
                    {tr!("Yesterday")}
                </button>
            </div>
            // Drawn again for the other day (or a new day at midnight), from its
            // draft or what is stored for it.
            {move || {
                let for_day = day.get();
                let today = today.get();
                view! { <CheckInForm day=for_day today/> }
            }}
            <Calendar today on_pick=Callback::new(pick)/>
            <p><a href="/weekly">{tr!("Weekly look-back")}</a> " · " <a href="/journal">{tr!("Journal")}</a> " · " <a href="/">{tr!("Back to Today")}</a></p>
        </section>
    }
}

/// The morning intention and the evening review for one day.
#[component]
fn CheckInForm(day: NaiveDate, today: NaiveDate) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let flash = expect_context::<Flash>();
    let location = expect_context::<Location>();
    let existing = untrack(|| stored(store, day));
    let editing = existing.as_ref().is_some_and(CheckIn::is_reviewed);
    let kept = drafts().into_iter().find(|d| d.date == day);
    let draft = RwSignal::new(kept.or(existing).unwrap_or_else(|| CheckIn::new(day, clock.local_untracked())));
    let error = RwSignal::new(None::<String>);
    let intention_note = RwSignal::new(None::<String>);
    let edit = move |f: &dyn Fn(&mut CheckIn)| {
        draft.update(|d| f(d));
        let kept = draft.with_untracked(|d| keep_day(d, untrack(|| stored(store, day)).as_ref(), today));
        if let Err(e) = kept {
            error.set(Some(e));
        }
    };

    // A morning intention is saved with its one tap, onto whatever is stored for the day.
    let save_intention = move |intention: Option<Intention>| {
        clock.refresh();
        let now = clock.local_untracked();
        let words = draft.with_untracked(|d| d.intention_words.trim().to_string());
        let mut entry = untrack(|| stored(store, day)).unwrap_or_else(|| CheckIn::new(day, now));
        entry.intention = intention;
        entry.intention_words = if intention == Some(Intention::OwnWords) { words } else { String::new() };
        entry.saved_at = now;
        if let Err(e) = entry.validate_intention(day_of(now)) {
            error.set(Some(e.message().to_owned()));
            return;
        }
        match store.save_entry(entry.clone()) {
            Ok(()) => {
                edit(&|d| {
                    d.intention = entry.intention;
                    d.intention_words = entry.intention_words.clone();
                });
                error.set(None);
                intention_note.set(Some(match intention {
                    Some(i) if i != Intention::OwnWords => fill(tr!("Saved: {}."), &[i.label()]),
                    Some(_) => fill(tr!("Saved: {}."), &[&entry.intention_words]),
                    None => tr!("Intention cleared.").to_string(),
                }));
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let tap_intention = move |i: Intention| {
        let again = draft.with_untracked(|d| d.intention == Some(i));
        if i == Intention::OwnWords && !again {
            // Own words are saved with their own button, once written.
            edit(&|d| d.intention = Some(Intention::OwnWords));
            focus_soon("checkin-intention-words");
        } else {
            save_intention(if again { None } else { Some(i) });
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        clock.refresh();
        let now = clock.local_untracked();
        let mut entry = draft.get_untracked();
        entry.saved_at = now;
        let entry_mood_lowest = entry.mood == Some(1);
        if let Err(e) = entry.validate_review(day_of(now)) {
            error.set(Some(e.message().to_owned()));
            if entry.mood.is_none() {
                focus_soon("checkin-mood");
            }
            return;
        }
        match store.save_entry(entry.clone()) {
            // Saved: the day's draft goes (it is now what is stored), but only once it is stored:
            // with the lock on that is a moment later, and a write that fails then (storage full)
            // must leave the draft as it was (reliability review D1).
            Ok(()) => leptos::task::spawn_local(async move {
                let stored = crate::storage::settled().await;
                if stored.is_ok() {
                    let _ = keep_day(&entry, Some(&entry), today);
                }
                // The screen may have been left meanwhile: then nothing more to show.
                if error.try_get_untracked().is_none() {
                    return;
                }
                match stored {
                    Ok(()) => {
                        flash.show(tr!("Check-in saved. Thank you for taking a minute for yourself."));
                        // After the lowest mood the crisis offer stays in view instead of moving on.
                        if entry_mood_lowest {
                            focus_soon("crisis-offer");
                        } else {
                            location.navigate("/");
                        }
                    }
                    // The message is shown; what they entered stays in the form and the draft.
                    Err(message) => error.set(Some(message)),
                }
            }),
            // The message is shown; what they entered stays in the form.
            Err(message) => error.set(Some(message)),
        }
    };

    let craving = move || draft.with(|d| d.craving);
    let is_today = day == today;
    let heading = if is_today {
        tr!("Today").to_string()
    } else {
        fill(tr!("Yesterday, {}"), &[&long_date(day)])
    };
    view! {
        <h2 class="checkin-day-title" data-testid="checkin-day-title">{heading}</h2>
        {is_today.then(|| view! {
            <fieldset class="chips" data-testid="checkin-intentions">
                <legend>{tr!("This morning: my intention for today (optional, one tap)")}</legend>
                {Intention::ALL.into_iter().map(|i| view! {
                    <Chip
                        label=i.label()
                        test_id=format!("checkin-intention-{}", i.key())
                        pressed=Signal::derive(move || draft.with(|d| d.intention == Some(i)))
                        on_toggle=move |_| tap_intention(i)
                    />
                }).collect_view()}
            </fieldset>
            <Show when=move || draft.with(|d| d.mood == Some(1))>
                <CrisisOffer/>
            </Show>
            <Show when=move || draft.with(|d| d.intention == Some(Intention::OwnWords))>
                <div class="inline-add">
                    <label for="checkin-intention-words">{tr!("My intention, in my own words")}</label>
                    <div class="row">
                        <input id="checkin-intention-words" data-testid="checkin-intention-words" maxlength="200"
                            prop:value=move || draft.with(|d| d.intention_words.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.intention_words = v.clone()) }/>
                        <button type="button" class="button secondary" data-testid="checkin-intention-save"
                            on:click=move |_| save_intention(Some(Intention::OwnWords))>{tr!("Save")}</button>
                    </div>
                </div>
            </Show>
            <p class="hint" role="status" data-testid="checkin-intention-saved">{move || intention_note.get()}</p>
        })}

        <form class="checkin-form" on:submit=submit novalidate aria-labelledby="checkin-review-title">
            <h3 id="checkin-review-title">
                {if is_today { tr!("How did today go?") } else { tr!("How did the day go?") }}
            </h3>
            <fieldset class="chips mood-scale" id="checkin-mood" tabindex="-1">
                <legend>{tr!("How are you feeling? (the one thing needed)")}</legend>
                {(1..=MOOD_LEVELS).map(|level| view! {
                    <button type="button" class=format!("chip mood-{level}") data-testid=format!("checkin-mood-{level}")
                        aria-pressed=move || draft.with(|d| d.mood == Some(level)).to_string()
                        on:click=move |_| { edit(&|d| d.mood = Some(level)); error.set(None); }>
                        <span class="mood-level" aria-hidden="true">{level}</span>
                        {mood_word(level)}
                    </button>
                }).collect_view()}
            </fieldset>

            <div class="field">
                <label for="checkin-craving">
                    {tr!("Strongest craving today: ")}
                    <strong>{move || craving().map_or(tr!("not set").to_string(), |n| fill(tr!("{} of 10"), &[&n.to_string()]))}</strong>
                </label>
                <input id="checkin-craving" type="range" min="0" max=MAX_INTENSITY.to_string() step="1" data-testid="checkin-craving"
                    prop:value=move || craving().unwrap_or(0).to_string()
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u8>() {
                            edit(&|d| d.craving = Some(n.min(MAX_INTENSITY)));
                        }
                    }/>
            </div>

            <fieldset class="chips">
                <legend>{tr!("Sleep last night (optional)")}</legend>
                {(1..=MOOD_LEVELS).map(|level| view! {
                    <Chip
                        label=sleep_word(level)
                        test_id=format!("checkin-sleep-{level}")
                        pressed=Signal::derive(move || draft.with(|d| d.sleep == Some(level)))
                        on_toggle=move |_| edit(&|d| d.sleep = if d.sleep == Some(level) { None } else { Some(level) })
                    />
                }).collect_view()}
            </fieldset>

            <fieldset class="chips">
                <legend>{tr!("Today I've been… (optional)")}</legend>
                {Halt::ALL.into_iter().map(|h| view! {
                    <Chip
                        label=h.label()
                        test_id=format!("checkin-halt-{}", h.key())
                        pressed=Signal::derive(move || draft.with(|d| d.halt.contains(&h)))
                        on_toggle=move |_| edit(&|d| match d.halt.iter().position(|x| *x == h) {
                            Some(at) => { d.halt.remove(at); }
                            None => d.halt.push(h),
                        })
                    />
                }).collect_view()}
            </fieldset>

            <fieldset class="chips">
                <legend>{if is_today { tr!("Did you use today? (optional)") } else { tr!("Did you use that day? (optional)") }}</legend>
                <Chip label=tr!("No") test_id="checkin-used-no"
                    pressed=Signal::derive(move || draft.with(|d| d.used == Some(false)))
                    on_toggle=move |_| edit(&|d| d.used = if d.used == Some(false) { None } else { Some(false) })/>
                <Chip label=tr!("Yes") test_id="checkin-used-yes"
                    pressed=Signal::derive(move || draft.with(|d| d.used == Some(true)))
                    on_toggle=move |_| edit(&|d| d.used = if d.used == Some(true) { None } else { Some(true) })/>
            </fieldset>
            <Show when=move || draft.with(|d| d.used == Some(true))>
                <UsedPanel/>
            </Show>

            <div class="field">
                <label for="checkin-helped">{tr!("What helped today? (optional)")}</label>
                <input id="checkin-helped" data-testid="checkin-helped" maxlength="2000"
                    prop:value=move || draft.with(|d| d.helped.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.helped = v.clone()) }/>
            </div>
            <div class="field">
                <label for="checkin-note">{tr!("One thing I'm grateful for, or a note (optional)")}</label>
                <textarea id="checkin-note" rows="2" data-testid="checkin-note" maxlength="2000"
                    prop:value=move || draft.with(|d| d.note.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.note = v.clone()) }></textarea>
            </div>
            <p class="error" role="alert" data-testid="checkin-error">{move || error.get()}</p>
            <div class="actions">
                <button type="submit" class="button big" data-testid="checkin-save">
                    {if editing { tr!("Save changes") } else { tr!("Save check-in") }}
                </button>
            </div>
        </form>
    }
}

/// Shown after "Yes, I used": information, not failure. It offers the slip
/// flow for a counter (nothing changes unless the person confirms there), the
/// overdose-risk card where it may apply, and a call to their person.
#[component]
fn UsedPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let counters = store.counters().with_untracked(|all| all.list.iter().map(|c| (c.id, counter::shown_name(&c.name).to_owned(), c.counts)).collect::<Vec<_>>());
    // No counter, or one that may count opioids: the risk is named (see `tolerance_warning`).
    let may_be_opioids = counters.is_empty()
        || counters.iter().any(|(_, _, counts)| matches!(counts, None | Some(Substance::Opioids | Substance::Other | Substance::Unsaid)));
    let slipping = RwSignal::new(None::<u32>);
    let after = RwSignal::new(None::<(Streak, Option<ToleranceWarning>)>);
    let person = move || {
        let region = store.settings().with(|s| s.region);
        store.plan().with(|plan| plan.first_to_call(region))
    };
    let rows = counters.clone().into_iter().map(|(id, name, counts)| {
        let on_done = Callback::new(move |ended: Option<Streak>| {
            slipping.set(None);
            after.set(ended.map(|e| {
                let warning = tolerance_warning(counts, &e);
                (e, warning)
            }));
        });
        view! {
            <Show when=move || slipping.get() == Some(id) fallback=move || {
                let name = name.clone();
                view! {
                    <button type="button" class="button secondary" data-testid=format!("checkin-slip-{id}")
                        on:click=move |_| { after.set(None); slipping.set(Some(id)); }>
                        {fill(tr!("Record a slip on “{}”"), &[&name])}
                    </button>
                }
            }>
                {lazy_part(move || slip_form(id, on_done))}
            </Show>
        }
    }).collect_view();
    view! {
        <div class="notice" data-testid="checkin-used-panel">
            <p>
                {tr!("Thank you for being honest with yourself. A slip is information, not failure — you're still in recovery. ")}
            </p>
            {(!counters.is_empty()).then(|| view! {
                <p>{tr!("If you want, record it on a counter: your time so far stays in your history. Nothing changes unless you confirm.")}</p>
            })}
            <div class="actions">{rows}</div>
            {move || after.get().map(|(ended, warning)| lazy_part(move || after_slip_notice(ended.clone(), warning)))}
            {may_be_opioids.then(|| view! {
                // "Before your break", so it can't be read as the amount just taken (review (3).6; Strang et al., BMJ 2003).
                <div class="warning" data-testid="checkin-overdose">
                    <p><strong>{tr!("If you used after a break, please be careful: your tolerance may be lower now.")}</strong></p>
                    <p>{tr!("The amount you used to take before your break could now cause an overdose. Keep naloxone close.")}</p>
                    <a href="/help/overdose">{tr!("What to do in an overdose")}</a>
                </div>
            })}
            <UseAloneLine/>
            {move || match person() {
                Some(c) => view! {
                    <a class="button call" data-testid="checkin-call" href=format!("tel:{}", c.tel)>{fill(tr!("Call {}"), &[&c.name])}</a>
                }.into_any(),
                None => view! {
                    <a class="button secondary" data-testid="checkin-help" href="/help">{tr!("Talk to someone now")}</a>
                }.into_any(),
            }}
        </div>
    }
}

/// Sunday first where the week starts then (the US, as its calendars do), Monday elsewhere.
fn first_weekday(store: Store) -> chrono::Weekday {
    week_start(store.settings().with_untracked(|s| s.region) != Region::UnitedStates)
}

/// What a day's check-in says, in words (the calendar cell's name for screen readers).
fn described(c: &CheckIn) -> String {
    let mut parts = Vec::new();
    if let Some(m) = c.mood {
        parts.push(fill(tr!("mood: {}"), &[mood_word(m)]));
    }
    if let Some(n) = c.craving {
        parts.push(fill(tr!("craving {} of 10"), &[&n.to_string()]));
    }
    if c.mood.is_none() {
        parts.push(tr!("intention only").to_string());
    }
    parts.join(", ")
}

/// A month of days, each showing whether it has a check-in, its mood (as a
/// number and a colour) and, for screen readers, mood and craving in words.
#[component]
fn Calendar(today: Memo<NaiveDate>, on_pick: Callback<NaiveDate>) -> impl IntoView {
    let store = expect_context::<Store>();
    let month = RwSignal::new(YearMonth::of(today.get_untracked()));
    let selected = RwSignal::new(None::<NaiveDate>);
    let first = first_weekday(store);
    let heads = (0..7).map(|i| weekday_short((first.num_days_from_monday() as usize + i) % 7)).collect::<Vec<_>>();
    let grid = move || {
        let m = month.get();
        let today = today.get();
        let days = store.with_month::<CheckIn, _>(m, |list| list.to_vec());
        month_grid(m, first)
            .into_iter()
            .map(|week| {
                let cells = week.map(|cell| match cell {
                    None => view! { <td></td> }.into_any(),
                    Some(date) => {
                        let entry = find(&days, date).cloned();
                        let checked = entry.as_ref().is_some_and(CheckIn::is_reviewed);
                        let mood = entry.as_ref().and_then(|c| c.mood);
                        let name = match &entry {
                            Some(c) => fill(tr!("{}: {}"), &[&long_date(date), &described(c)]),
                            None => fill(tr!("{}: no check-in"), &[&long_date(date)]),
                        };
                        let class = match mood {
                            Some(level) => format!("day mood-{level}"),
                            None if date == today => "day today".to_string(),
                            None => "day".to_string(),
                        };
                        view! {
                            // The mood's number sits over the button, outside it: a button's name
                            // must contain what it shows, and "8" is in "8 March 2026: …", "82" isn't.
                            <td class="day-cell">
                                <button type="button" class=class data-testid="checkin-day" data-date=iso_date(date)
                                    data-checked=checked.to_string() aria-label=name
                                    aria-pressed=move || (selected.get() == Some(date)).to_string()
                                    aria-current=(date == today).then_some("date")
                                    on:click=move |_| selected.set(Some(date))>
                                    {date.day()}
                                </button>
                                {mood.map(|m| view! { <span class="day-mood" aria-hidden="true">{m}</span> })}
                            </td>
                        }
                        .into_any()
                    }
                });
                view! { <tr>{cells.into_iter().collect_view()}</tr> }
            })
            .collect_view()
    };
    let can_go_on = move || month.get() < YearMonth::of(today.get());
    view! {
        <section class="calendar" data-testid="checkin-calendar" aria-labelledby="calendar-title">
            <div class="calendar-head">
                <button type="button" class="button secondary" data-testid="checkin-month-prev"
                    aria-label=tr!("Previous month") on:click=move |_| { selected.set(None); month.update(|m| *m = previous_month(*m)); }>"‹"</button>
                <h2 id="calendar-title" aria-live="polite">{move || { let m = month.get(); month_year(m.year, m.month) }}</h2>
                <button type="button" class="button secondary" data-testid="checkin-month-next" disabled=move || !can_go_on()
                    aria-label=tr!("Next month") on:click=move |_| { selected.set(None); month.update(|m| *m = next_month(*m)); }>"›"</button>
            </div>
            <table class="calendar-grid">
                <thead><tr>{heads.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>{grid}</tbody>
            </table>
            <p class="hint">{tr!("The number on a day is its mood, from 1 (very low) to 5 (very good). Tap a day to see it.")}</p>
            {move || selected.get().map(|date| view! { <DayDetail date today on_pick/> })}
        </section>
    }
}

/// One day: its check-in and the cravings logged that day.
#[component]
fn DayDetail(date: NaiveDate, today: Memo<NaiveDate>, on_pick: Callback<NaiveDate>) -> impl IntoView {
    let store = expect_context::<Store>();
    let entry = move || stored(store, date);
    let cravings = move || {
        store.load_months([YearMonth::of(date)]);
        store.log.loaded.with(|l| {
            let mut list: Vec<_> = l.get(&YearMonth::of(date)).map_or(Vec::new(), |m| m.iter().filter(|c| c.at.date() == date).cloned().collect());
            list.sort_by_key(|c| c.at);
            list
        })
    };
    let line = |label: &'static str, value: String| view! { <li><strong>{label}</strong> " " {value}</li> };
    view! {
        <div class="day-detail" data-testid="checkin-day-detail" role="region" aria-label=long_date(date)>
            <h3>{long_date(date)}</h3>
            {move || match entry() {
                None => view! { <p>{tr!("No check-in this day.")}</p> }.into_any(),
                Some(c) => view! {
                    <ul class="plain">
                        {c.intention.map(|i| line(tr!("Intention:"), if c.intention_words.is_empty() { i.label().to_string() } else { c.intention_words.clone() }))}
                        {c.mood.map(|m| line(tr!("Mood:"), format!("{m} — {}", mood_word(m))))}
                        {c.craving.map(|n| line(tr!("Strongest craving:"), fill(tr!("{} of 10"), &[&n.to_string()])))}
                        {c.sleep.map(|s| line(tr!("Sleep:"), sleep_word(s).to_string()))}
                        {(!c.halt.is_empty()).then(|| line(tr!("Felt:"), c.halt.iter().map(|h| h.label()).collect::<Vec<_>>().join(", ")))}
                        {c.used.map(|u| line(tr!("Used:"), if u { tr!("Yes") } else { tr!("No") }.to_string()))}
                        {(!c.helped.is_empty()).then(|| line(tr!("What helped:"), c.helped.clone()))}
                        {(!c.note.is_empty()).then(|| line(tr!("Note:"), c.note.clone()))}
                    </ul>
                }.into_any(),
            }}
            {move || {
                let list = cravings();
                if list.is_empty() {
                    view! { <p>{tr!("No cravings logged this day.")}</p> }.into_any()
                } else {
                    view! {
                        <p>{fill(tr!("Cravings logged: {}"), &[&list.len().to_string()])}</p>
                        <ul class="plain">
                            {list.into_iter().map(|c| view! {
                                <li>{fill(tr!("{} — strength {} of 10"), &[&crate::domain::dates::time_of_day(c.at.time()), &c.intensity.to_string()])}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            {move || {
                let notes = store.with_month::<JournalEntry, _>(YearMonth::of(date), |l| l.iter().filter(|e| e.at.date() == date).cloned().collect::<Vec<_>>());
                (!notes.is_empty()).then(|| view! {
                    <p>{fill(tr!("Journal entries: {}"), &[&notes.len().to_string()])}</p>
                    <ul class="plain">
                        {notes.into_iter().map(|e| view! { <li class="entry-text">{e.text}</li> }).collect_view()}
                    </ul>
                    <a href="/journal">{tr!("Open the journal")}</a>
                })
            }}
            {move || editable(date, today.get()).then(|| view! {
                <button type="button" class="button secondary" data-testid="checkin-edit-day"
                    on:click=move |_| on_pick.run(date)>
                    {tr!("Check in for this day")}
                </button>
            })}
        </div>
    }
}
