//! The craving history: newest first, grouped by day, filterable, each entry
//! editable in place, deletes undoable. Months are read only as the list needs
//! them, so years of entries open quickly.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::craving_form::{CravingForm, FormMode};
use crate::components::focus::focus_soon;
use crate::components::undo::{more_to_undo, offer_undo_each, take_latest};
use crate::domain::cravings::{trigger_label, Craving, Filter, TRIGGERS};
use crate::domain::dates::{time_of_day, day_month_at, long_date};
use crate::domain::i18n::fill;
use crate::storage::Store;

const PAGE: usize = 50;

#[component]
pub fn Log() -> impl IntoView {
    let store = expect_context::<Store>();
    let filter = RwSignal::new(Filter::default());
    let limit = RwSignal::new(PAGE);
    let open = RwSignal::new(None::<u64>);
    let deleted = RwSignal::new(Vec::<Craving>::new());

    // Read months, newest first, until there are enough entries to show.
    Effect::new(move |_| {
        let f = filter.get();
        let want = limit.get() + 1;
        let mut found = 0;
        for month in store.log.months.get().into_iter().filter(|m| f.may_match_month(*m)) {
            store.load_months([month]);
            found += store.log.loaded.with_untracked(|l| {
                l.get(&month).map_or(0, |list| list.iter().filter(|c| f.matches(c)).count())
            });
            if found >= want {
                break;
            }
        }
    });

    // The entries to show, plus whether there are more.
    let page = Memo::new(move |_| {
        let f = filter.get();
        let want = limit.get();
        let months = store.log.months.get();
        store.log.loaded.with(|loaded| {
            let mut shown: Vec<Craving> = months
                .iter()
                .filter_map(|m| loaded.get(m))
                .flatten()
                .filter(|c| f.matches(c))
                .take(want + 1)
                .cloned()
                .collect();
            let more = shown.len() > want;
            shown.truncate(want);
            (shown, more)
        })
    });
    let is_empty = move || store.log.months.with(|m| m.is_empty());

    let delete = Callback::new(move |entry: Craving| {
        if let Some(removed) = store.delete_craving(entry.id) {
            open.set(None);
            offer_undo_each(deleted, removed);
        }
    });
    let undo = move |_| {
        if let Some(entry) = take_latest(deleted) {
            let _ = store.save_craving(entry);
        }
    };

    view! {
        <section class="page" data-testid="log">
            <h1>{tr!("Craving log")}</h1>
            <div class="actions">
                <a class="button big" href="/log/new" data-testid="log-craving">{tr!("Log a craving")}</a>
            </div>
            <a class="card-link" href="/log/insights" data-testid="open-insights">
                <strong>{tr!("Insights")}</strong>
                <span>{tr!("Your patterns: when cravings come, what sets them off, what helps")}</span>
            </a>
            {move || deleted.with(|s| s.last().map(|entry| (entry.at, s.len()))).map(|(at, count)| view! {
                <p class="notice undo" role="status">
                    {fill(tr!("Deleted the craving from {}. "), &[&day_month_at(at)])}
                    {more_to_undo(count)}
                    <button type="button" class="button secondary" data-testid="undo" on:click=undo>{tr!("Undo")}</button>
                </p>
            })}
            <Show
                when=move || !is_empty()
                fallback=|| view! {
                    <p class="card" data-testid="log-empty">
                        {tr!("No cravings logged yet. When one comes, log it in three taps — over time Steady shows you your patterns.")}
                    </p>
                }
            >
                <Filters filter limit/>
                // Keyed rows: showing more entries or undoing a delete leaves an
                // entry that is open for editing (and what is typed in it) alone.
                <div data-testid="log-entries" class="log-entries">
                    <For
                        each=move || page.with(|(entries, _)| rows(entries))
                        key=|row| row.clone()
                        children=move |row| match row {
                            Row::Day(date) => view! { <h2 class="log-day">{long_date(date)}</h2> }.into_any(),
                            Row::Entry(entry) => view! { <Entry entry open delete/> }.into_any(),
                        }
                    />
                    <Show when=move || page.with(|(entries, _)| entries.is_empty())>
                        <p class="hint">{tr!("No entries match these filters.")}</p>
                    </Show>
                </div>
                <Show when=move || page.with(|(_, more)| *more)>
                    <button type="button" class="button secondary big" data-testid="log-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {tr!("Show older entries")}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum Row {
    Day(NaiveDate),
    Entry(Craving),
}

/// Entries (newest first) with a heading before each new day.
fn rows(entries: &[Craving]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(entries.len() + 8);
    let mut day = None;
    for entry in entries {
        if day != Some(entry.at.date()) {
            day = Some(entry.at.date());
            rows.push(Row::Day(entry.at.date()));
        }
        rows.push(Row::Entry(entry.clone()));
    }
    rows
}

#[component]
fn Filters(filter: RwSignal<Filter>, limit: RwSignal<usize>) -> impl IntoView {
    let store = expect_context::<Store>();
    let set = move |f: &dyn Fn(&mut Filter)| {
        filter.update(|x| f(x));
        limit.set(PAGE);
    };
    let date = |text: String| crate::domain::dates::parse_iso_date(&text);
    view! {
        <details class="filters">
            <summary>{tr!("Filter")}</summary>
            <div class="field">
                <label for="filter-trigger">{tr!("Trigger")}</label>
                <select id="filter-trigger" data-testid="filter-trigger" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|f| f.trigger = (!v.is_empty()).then(|| v.clone()));
                }>
                    <option value="">{tr!("All triggers")}</option>
                    {TRIGGERS.iter().map(|(key, _)| view! { <option value=*key>{trigger_label(key)}</option> }).collect_view()}
                    {move || store.settings().with(|s| s.own_triggers.clone()).into_iter().chain(store.plan().with(|p| p.trigger_names())).map(|t| view! {
                        <option value=t.clone()>{t.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="filter-from">{tr!("From")}</label>
                    <input id="filter-from" type="date" data-testid="filter-from"
                        on:change=move |ev| { let d = date(event_target_value(&ev)); set(&|f| f.from = d) }/>
                </div>
                <div class="field">
                    <label for="filter-to">{tr!("To")}</label>
                    <input id="filter-to" type="date" data-testid="filter-to"
                        on:change=move |ev| { let d = date(event_target_value(&ev)); set(&|f| f.to = d) }/>
                </div>
            </div>
        </details>
    }
}

#[component]
fn Entry(entry: Craving, open: RwSignal<Option<u64>>, delete: Callback<Craving>) -> impl IntoView {
    let id = entry.id;
    let is_open = move || open.get() == Some(id);
    let triggers = entry.triggers.iter().map(|t| trigger_label(t)).collect::<Vec<_>>().join(", ");
    let outcome = entry.outcome.map_or(tr!("How did it go?"), |o| o.label());
    let summary = format!(
        "{} · {}/10{}{}",
        time_of_day(entry.at.time()),
        entry.intensity.min(10),
        if triggers.is_empty() { String::new() } else { format!(" · {triggers}") },
        format!(" · {outcome}"),
    );
    view! {
        <div class="log-entry" data-testid="log-entry">
            <button
                type="button"
                class="entry-summary"
                id=format!("entry-{id}")
                aria-expanded=move || is_open().to_string()
                on:click=move |_| open.set(if is_open() { None } else { Some(id) })
            >
                {summary}
            </button>
            <Show when=is_open>
                <CravingForm
                    initial=entry.clone()
                    mode=FormMode::Edit
                    on_saved=move |_| { open.set(None); focus_soon(&format!("entry-{id}")); }
                    on_delete=delete
                />
            </Show>
        </div>
    }
}
