//! The visit summary on Insights: the person picks a period and the sections,
//! sees the summary as it will print, and prints it (or saves it as a PDF
//! through the browser's print) or shares it as text, in the language they
//! choose. Made from what is stored, read only for the months in the period;
//! the journal is never read for it.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::components::files::share_or_copy;
use crate::components::language::fetch_catalog;
use crate::domain::checkin::CheckIn;
use crate::domain::cravings::YearMonth;
use crate::domain::i18n::{fill, Lang};
use crate::domain::meds::Taken;
use crate::domain::visit::{checkin_weeks, period_text, plain_text, sections, CheckInWeek, Part, Period, Section, Sources, WEEK_CHOICES};
use crate::domain::weekly::LookBack;
use crate::storage::Store;

/// Each month the period touches, oldest first.
fn months_of(period: Period) -> Vec<YearMonth> {
    let mut months: Vec<YearMonth> = period.first.iter_days().take_while(|d| *d <= period.last).map(YearMonth::of).collect();
    months.dedup();
    months
}

/// What the summary shows: its sections and the check-ins' weeks for the chart.
struct Made {
    period: Period,
    sections: Vec<Section>,
    weeks: Vec<CheckInWeek>,
}

fn make(store: Store, weeks: u32, parts: &[Part], today: NaiveDate, now: chrono::NaiveDateTime) -> Made {
    let period = Period::weeks_to(weeks, today);
    let months = months_of(period);
    let checkins: Vec<CheckIn> = months.iter().flat_map(|m| store.with_month::<CheckIn, _>(*m, |l| l.to_vec())).collect();
    let taken: Vec<Taken> = months.iter().flat_map(|m| store.with_month::<Taken, _>(*m, |l| l.to_vec())).collect();
    let look_backs: Vec<LookBack> = months.iter().flat_map(|m| store.with_month::<LookBack, _>(*m, |l| l.to_vec())).collect();
    // Only the period's months of the log (not the whole log, which can be years).
    store.log.months.track();
    store.load_months(months.iter().copied());
    let cravings = store.log.loaded.with(|l| months.iter().filter_map(|m| l.get(m)).flatten().cloned().collect::<Vec<_>>());
    let counters = store.counters().with(|c| c.list.clone());
    let (meds, appts) = store.meds().with(|m| (m.list.clone(), m.appts.clone()));
    let from = Sources { counters: &counters, checkins: &checkins, cravings: &cravings, meds: &meds, taken: &taken, appts: &appts, look_backs: &look_backs };
    Made { period, sections: sections(parts, period, &from, now), weeks: checkin_weeks(period, &checkins) }
}

#[component]
pub fn VisitSummary() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let weeks = RwSignal::new(4u32);
    let parts = RwSignal::new(Part::ALL.to_vec());
    let lang = RwSignal::new(Lang::current());
    let status = RwSignal::new(None::<String>);
    let made = Memo::new(move |_| {
        let now = clock.local();
        let (weeks, parts, lang) = (weeks.get(), parts.get(), lang.get());
        lang.while_current(|| {
            let m = make(store, weeks, &parts, now.date(), now);
            (m.period, m.sections, m.weeks)
        })
    });
    let pick_language = move |ev| {
        let Some(picked) = Lang::from_code(&event_target_value(&ev)) else { return };
        leptos::task::spawn_local(async move {
            fetch_catalog(picked).await;
            lang.set(picked);
        });
    };
    let share = move |_| {
        let (text, title) = made.with_untracked(|(period, sections, _)| lang.get_untracked().while_current(|| (plain_text(sections, *period), tr!("Visit summary").to_string())));
        leptos::task::spawn_local(async move {
            let copied = tr!("This browser can't open a share sheet, so the summary was copied instead.");
            status.set(Some(share_or_copy(&title, &text, copied, tr!("This browser can't share or copy. Use Print / Save as PDF.")).await));
        });
    };
    let print = move |_| {
        let _ = window().print();
    };

    view! {
        <div class="screen-only">
            <fieldset class="chips" data-testid="visit-weeks">
                <legend>{tr!("Period")}</legend>
                {WEEK_CHOICES.map(|n| view! {
                    <button type="button" class="chip" data-testid=format!("visit-weeks-{n}")
                        aria-pressed=move || (weeks.get() == n).to_string() on:click=move |_| weeks.set(n)>
                        {fill(trn!("Last {} week", "Last {} weeks", n), &[&n.to_string()])}
                    </button>
                }).into_iter().collect_view()}
            </fieldset>
            <fieldset class="checks">
                <legend>{tr!("Include")}</legend>
                {Part::ALL.map(|part| {
                    let id = format!("visit-{}", part.key());
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone() data-testid=format!("visit-include-{}", part.key())
                                prop:checked=move || parts.with(|p| p.contains(&part))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    parts.update(|p| { p.retain(|x| *x != part); if on { p.push(part); } });
                                }/>
                            <label for=id>{part.title()}</label>
                        </div>
                    }
                }).into_iter().collect_view()}
            </fieldset>
            <div class="field">
                <label for="visit-language">{tr!("Language of the summary")}</label>
                <select id="visit-language" data-testid="visit-language" on:change=pick_language>
                    {Lang::ALL.iter().map(|&l| view! {
                        <option value=l.code() selected=l == lang.get_untracked() lang=l.code()>{l.own_name()}</option>
                    }).collect_view()}
                </select>
            </div>
            <p class="hint">{tr!("Your journal and check-in notes are never included. Nothing leaves this phone unless you print or share it.")}</p>
            <div class="actions">
                <button type="button" class="button" data-testid="visit-print" on:click=print>{tr!("Print / Save as PDF")}</button>
                <button type="button" class="button secondary" data-testid="visit-share" on:click=share>{tr!("Share as text")}</button>
            </div>
            <p role="status" data-testid="visit-status">{move || status.get()}</p>
        </div>
        <article class="visit-sheet" data-testid="visit-summary-sheet" lang=move || lang.get().code()>
            {move || made.with(|(period, sections, weeks)| lang.get().while_current(|| view! {
                <h2>{tr!("Visit summary")}</h2>
                <p>{period_text(*period)}</p>
                {sections.iter().map(|s| view! {
                    <section class="print-section" data-testid=format!("visit-section-{}", s.part.key())>
                        <h3>{s.part.title()}</h3>
                        {(s.part == Part::CheckIns).then(|| week_chart(weeks))}
                        <ul>{s.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                    </section>
                }).collect_view()}
            }))}
        </article>
    }
}

/// Mood, the strongest craving and sleep week by week; the weekly sentences under
/// it say the same in words (the chart's text alternative).
fn week_chart(weeks: &[CheckInWeek]) -> Option<impl IntoView> {
    const W: f64 = 300.0;
    const H: f64 = 90.0;
    if weeks.iter().all(|w| w.days == 0) {
        return None;
    }
    let slot = W / weeks.len().max(1) as f64;
    let points = |value: &dyn Fn(&CheckInWeek) -> Option<f64>| {
        weeks
            .iter()
            .enumerate()
            .filter_map(|(n, w)| value(w).map(|v| format!("{:.1},{:.1}", n as f64 * slot + slot / 2.0, H - v * (H - 10.0))))
            .collect::<Vec<_>>()
    };
    // One week alone is a short stroke, so it shows.
    let line = |mut p: Vec<String>| {
        if let [only] = p.as_slice() {
            let (x, y) = only.split_once(',').unwrap_or(("0", "0"));
            p.push(format!("{:.1},{y}", x.parse::<f64>().unwrap_or(0.0) + 4.0));
        }
        p.join(" ")
    };
    let mood = line(points(&|w| w.mood.map(|m| (m - 1.0) / 4.0)));
    let craving = line(points(&|w| w.craving.map(|c| c / 10.0)));
    let sleep = line(points(&|w| w.sleep.map(|s| (s - 1.0) / 4.0)));
    Some(view! {
        <figure class="chart" data-testid="visit-chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=tr!("Chart of mood, strongest craving and sleep by week; the weeks are listed below in words.") preserveAspectRatio="none">
                <line class="axis" x1="0" y1=H.to_string() x2=W.to_string() y2=H.to_string()/>
                <polyline class="line" points=craving/>
                <polyline class="line mood" points=mood/>
                <polyline class="line sleep" points=sleep/>
            </svg>
            <figcaption class="chart-desc">{tr!("Solid line: strongest craving (0–10). Dashed: mood (1–5). Dotted: sleep (1–5). Higher is stronger, better and better rested.")}</figcaption>
        </figure>
    })
}
