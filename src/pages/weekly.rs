//! The weekly look-back: this week next to last week, a few questions, and
//! plain watch-outs with the way to the plan and a call. Never a score.

use chrono::{NaiveDate, TimeDelta};
use leptos::prelude::*;

use crate::components::safety::{CrisisOffer, UsedSafety};

use crate::components::checkin_card::stored_look_back;
use crate::components::clock::Clock;
use crate::components::flash::Flash;
use crate::domain::checkin::CheckIn;
use crate::domain::cravings::YearMonth;
use crate::domain::dates::{long_date, weekday_short};
use crate::domain::i18n::fill;
use crate::domain::weekly::{due_day, summarise, watch_outs, week_before, week_ending, weekday_from, LookBack, WeekSummary, QUESTIONS};
use crate::storage::{keep_draft, keep_form, kept_form, Store};

/// Answers picked and not saved yet, with the day they are for: kept through
/// a reload or the lock until saved, and only ever shown for that day.
const DRAFT: &str = "weekly";

fn one_decimal(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |x| format!("{x:.1}"))
}

/// Check-ins of the months around two weeks ending on `day`.
fn check_ins_around(store: Store, day: NaiveDate) -> Vec<CheckIn> {
    let months = [YearMonth::of(day - TimeDelta::days(13)), YearMonth::of(day)];
    let mut all = Vec::new();
    for m in if months[0] == months[1] { &months[..1] } else { &months[..] } {
        store.with_month::<CheckIn, _>(*m, |l| all.extend(l.iter().cloned()));
    }
    all
}

#[component]
pub fn WeeklyPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let flash = expect_context::<Flash>();
    // From the clock, so a screen left open past midnight moves on.
    let today = Memo::new(move |_| clock.local().date());
    let chosen = move || store.settings().with(|s| s.look_back_day);
    // The week ending on the chosen day (or today, until a day is picked).
    let day = Memo::new(move |_| {
        let today = today.get();
        chosen().map_or(today, |d| due_day(today, weekday_from(d)))
    });
    let this_week = move || week_ending(day.get());
    let summaries = Memo::new(move |_| {
        let week = this_week();
        let checkins = check_ins_around(store, week.1);
        let months = [YearMonth::of(week.0 - TimeDelta::days(7)), YearMonth::of(week.1)];
        store.load_months(months);
        let cravings: Vec<_> = store.log.loaded.with(|l| months.iter().filter_map(|m| l.get(m)).flatten().cloned().collect());
        (summarise(week, &checkins, &cravings), summarise(week_before(week), &checkins, &cravings))
    });
    let saved = move || stored_look_back(store, day.get());
    let before = move || stored_look_back(store, day.get() - TimeDelta::days(7));
    let answers = RwSignal::new(Vec::<(String, u8)>::new());
    // This week's unsaved answers, else what is stored for it, fill the
    // questions; another week's never do (a new week starts empty).
    Effect::new(move |_| {
        let for_day = day.get();
        let kept = kept_form::<LookBack>(DRAFT).and_then(Result::ok).filter(|k| k.day == for_day);
        answers.set(kept.or_else(saved).map(|s| s.answers).unwrap_or_default());
    });
    let current = move || LookBack { day: day.get(), answers: answers.get(), saved_at: clock.local_untracked() };
    let watch = Memo::new(move |_| {
        let (this, last) = summaries.get();
        watch_outs(&this, &last, Some(&current()), before().as_ref())
    });
    let error = RwSignal::new(None::<String>);
    let keep = move || error.set(keep_form(DRAFT, &untrack(current)).err());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        clock.refresh();
        let entry = LookBack { saved_at: clock.local_untracked(), ..current() };
        match store.save_entry(entry) {
            // Reported (and the draft dropped) only once it is stored: with the lock on that is a
            // moment later, and the write may still fail (reliability review D1).
            Ok(()) => leptos::task::spawn_local(async move {
                let stored = crate::storage::settled().await;
                if stored.is_ok() {
                    let _ = keep_draft(DRAFT, None);
                }
                match stored {
                    Ok(()) => {
                        error.try_set(None);
                        flash.show(tr!("Look-back saved. Thank you for taking the time."));
                    }
                    Err(message) => drop(error.try_set(Some(message))),
                }
            }),
            Err(message) => error.set(Some(message)),
        }
    };
    let pick_day = move |ev| {
        let value = event_target_value(&ev);
        let _ = store.settings().modify(|s| -> Result<(), ()> {
            s.look_back_day = value.parse::<u8>().ok().filter(|d| *d < 7);
            Ok(())
        });
    };
    view! {
        <section class="page" data-testid="weekly">
            <h1>{tr!("Weekly look-back")}</h1>
            <p class="hint">{tr!("A few minutes once a week: how this week compared with last, and a few questions. It isn't a score or a prediction — just a look.")}</p>
            <div class="field">
                <label for="weekly-day">{tr!("My look-back day")}</label>
                <select id="weekly-day" data-testid="weekly-day" on:change=pick_day>
                    <option value="" selected=move || chosen().is_none()>{tr!("Not picked yet")}</option>
                    {(0u8..7).map(|d| view! { <option value=d.to_string() selected=move || chosen() == Some(d)>{weekday_short(d as usize)}</option> }).collect_view()}
                </select>
            </div>
            <h2 data-testid="weekly-period">
                {move || { let (first, last) = this_week(); fill(tr!("{} to {}"), &[&long_date(first), &long_date(last)]) }}
            </h2>
            {move || { let (this, last) = summaries.get(); view! { <Comparison this last/> } }}
            {move || {
                let found = watch.get();
                (!found.is_empty()).then(|| view! { <WatchOuts found/> })
            }}
            <form class="card" on:submit=save novalidate aria-labelledby="weekly-questions-title">
                <h2 id="weekly-questions-title">{tr!("This week")}</h2>
                <p class="hint">{tr!("From 1 to 5. Skip any you like.")}</p>
                {QUESTIONS.iter().map(|q| {
                    let key = q.key;
                    let value = move || answers.with(|a| a.iter().find(|(k, _)| k == key).map(|(_, v)| *v));
                    view! {
                        <fieldset class="chips scale">
                            <legend>{q.text.get()}</legend>
                            {(1u8..=5).map(|n| {
                                let label = match n {
                                    1 => format!("1 — {}", q.low.get()),
                                    5 => format!("5 — {}", q.high.get()),
                                    n => n.to_string(),
                                };
                                view! {
                                    <button type="button" class="chip" data-testid=format!("weekly-{key}-{n}")
                                        aria-pressed=move || (value() == Some(n)).to_string()
                                        on:click=move |_| {
                                            answers.update(|a| {
                                                let again = a.iter().any(|(k, v)| k == key && *v == n);
                                                a.retain(|(k, _)| k != key);
                                                if !again {
                                                    a.push((key.to_string(), n));
                                                }
                                            });
                                            keep();
                                        }>
                                        {label}
                                    </button>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                <p class="error" role="alert">{move || error.get()}</p>
                <div class="actions">
                    <button type="submit" class="button big" data-testid="weekly-save">{tr!("Save my look-back")}</button>
                </div>
                <Show when=move || saved().is_some()>
                    <p class="done" role="status" data-testid="weekly-done">{tr!("This week's look-back is saved. You can change it until the next one.")}</p>
                </Show>
            </form>
            <p><a href="/">{tr!("Back to Today")}</a></p>
        </section>
    }
}

/// This week next to last week, as a table.
#[component]
fn Comparison(this: WeekSummary, last: WeekSummary) -> impl IntoView {
    let row = |label: &'static str, now: String, before: String| view! { <tr><th scope="row">{label}</th><td>{now}</td><td>{before}</td></tr> };
    let list = |items: &[(String, u32)]| {
        if items.is_empty() {
            tr!(context = "weekly list", "none").to_string()
        } else {
            items.iter().map(|(t, n)| format!("{t} ({n})")).collect::<Vec<_>>().join(", ")
        }
    };
    view! {
        <table class="card comparison" data-testid="weekly-comparison">
            <thead><tr>
                <td></td>
                <th scope="col">{tr!("This week")}</th>
                <th scope="col">{tr!("Last week")}</th>
            </tr></thead>
            <tbody>
                {row(tr!("Check-ins"), this.check_ins.to_string(), last.check_ins.to_string())}
                {row(tr!("Average mood (1–5)"), one_decimal(this.mood), one_decimal(last.mood))}
                {row(tr!("Cravings logged"), this.cravings.to_string(), last.cravings.to_string())}
                {row(tr!("Average strength"), one_decimal(this.craving_strength), one_decimal(last.craving_strength))}
                {row(tr!("Days with use"), this.used_days.to_string(), last.used_days.to_string())}
                {row(tr!("Top triggers"), list(&this.top_triggers), list(&last.top_triggers))}
                {row(tr!("What helped"), list(&this.helped), list(&last.helped))}
            </tbody>
        </table>
    }
}

/// Plain watch-outs, with the way to the plan and a call to the person's own people.
#[component]
fn WatchOuts(found: Vec<crate::domain::weekly::WatchOut>) -> impl IntoView {
    use crate::domain::weekly::WatchOut;
    let store = expect_context::<Store>();
    let mood_falling = found.contains(&WatchOut::MoodFalling);
    let used = found.contains(&WatchOut::UsedThisWeek);
    let person = move || {
        let region = store.settings().with(|s| s.region);
        store.plan().with(|plan| plan.first_to_call(region))
    };
    view! {
        <section class="card warning" data-testid="weekly-watchouts" aria-labelledby="watchouts-title">
            <h2 id="watchouts-title">{tr!("Worth a look")}</h2>
            <ul>
                {found.into_iter().map(|w| view! { <li data-watch=w.key()>{w.message()}</li> }).collect_view()}
            </ul>
            <p>{tr!("This isn't a score and it doesn't predict anything. It can help to read your warning signs and what helps you cope, and to talk to someone.")}</p>
            <div class="actions">
                <a class="button secondary" href="/plan#plan-warning-signs" data-testid="weekly-plan-warning-signs">{tr!("My warning signs")}</a>
                <a class="button secondary" href="/plan#plan-coping" data-testid="weekly-plan-coping">{tr!("My ways to cope")}</a>
                {move || match person() {
                    Some(c) => view! { <a class="button call" data-testid="weekly-call" href=format!("tel:{}", c.tel)>{fill(tr!("Call {}"), &[&c.name])}</a> }.into_any(),
                    None => view! { <a class="button secondary" data-testid="weekly-help" href="/help">{tr!("Talk to someone now")}</a> }.into_any(),
                }}
            </div>
            // As wherever use is recorded: the tolerance risk, don't use alone, the overdose guide
            // (safety review 2026-12-06, (4)).
            {used.then(|| view! { <UsedSafety/> })}
            {mood_falling.then(|| view! { <CrisisOffer/> })}
        </section>
    }
}
