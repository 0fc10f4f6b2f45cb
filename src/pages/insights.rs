//! Insights: the craving log shown back as SVG charts, each with the numbers in
//! a table a screen reader can read.

use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::components::visit_summary::VisitSummary;
use crate::domain::dates::{time_of_day, day_month_short, weekday_short};
use crate::domain::i18n::fill;
use crate::domain::checkin::CheckIn;
use crate::domain::insights::{insights, mood_and_craving_by_week, Bucket, Insights, MoodWeek};
use chrono::NaiveDate;
use crate::storage::Store;

const DAYS: u32 = 30;
const WEEKS: u32 = 12;


fn one_decimal(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |x| format!("{x:.1}"))
}

#[component]
pub fn InsightsPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let data = Memo::new(move |_| {
        let today = clock.local().date();
        store.with_whole_log(|l| {
            let all: Vec<_> = l.values().flatten().cloned().collect();
            insights(&all, today, DAYS, WEEKS)
        })
    });
    let mood_weeks = Memo::new(move |_| {
        let today = clock.local().date();
        let checkins: Vec<CheckIn> = store.with_every_month::<CheckIn, _>(|months| months.iter().flat_map(|m| m.iter().cloned()).collect());
        store.with_whole_log(|l| {
            let all: Vec<_> = l.values().flatten().cloned().collect();
            mood_and_craving_by_week(&checkins, &all, today, WEEKS)
        })
    });
    let has_checkins = move || store.checkins.months.with(|m| !m.is_empty());
    let visit = RwSignal::new(false);
    view! {
        <section class="page" data-testid="insights">
            <h1 class="screen-only">{tr!("Insights")}</h1>
            <section class="card screen-only" aria-labelledby="visit-title">
                <h2 id="visit-title">{tr!("Visit summary")}</h2>
                <p>{tr!("A page or two for your counsellor or prescriber: clean time, check-ins, cravings, medication, appointments and look-backs, as you choose.")}</p>
                <button type="button" class="button secondary" data-testid="visit-summary" aria-expanded=move || visit.get().to_string()
                    on:click=move |_| visit.update(|v| *v = !*v)>
                    {move || if visit.get() { tr!("Close the visit summary") } else { tr!("Make a visit summary") }}
                </button>
            </section>
            {move || visit.get().then(|| view! { <VisitSummary/> })}
            // While the summary is open, printing prints only the summary.
            <div class=move || visit.get().then_some("screen-only")>
            <p><a href="/log">{tr!("Back to the craving log")}</a></p>
            {move || has_checkins().then(|| view! { <MoodChart weeks=mood_weeks.get()/> })}
            {move || {
                let i = data.get();
                if i.total == 0 {
                    return view! {
                        <p class="card" data-testid="insights-empty">
                            {tr!(
                                "Nothing to show yet. Once you've logged a few cravings, you'll see when they come, what sets them off and what helps them pass."
                            )}
                        </p>
                    }.into_any();
                }
                view! {
                    <Summary i=i.clone()/>
                    <TimeChart title=tr!("Cravings per day, last 30 days") id="per-day" buckets=i.per_day.clone() label=day_month_short/>
                    <TimeChart title=tr!("Cravings per week, last 12 weeks") id="per-week" buckets=i.per_week.clone()
                        label=|d| fill(tr!("week of {}"), &[&day_month_short(d)])/>
                    <TriggerChart i=i.clone()/>
                    <Heatmap i=i.clone()/>
                    <Outcomes i/>
                }.into_any()
            }}
            </div>
        </section>
    }
}

#[component]
fn Summary(i: Insights) -> impl IntoView {
    let passed = i.outcomes.passed_percent().map_or_else(
        || tr!("no follow-ups yet").to_string(),
        |p| fill(tr!("{}% passed"), &[&p.to_string()]),
    );
    view! {
        <dl class="stats" data-testid="insights-summary">
            <div><dt>{tr!("Cravings logged")}</dt><dd>{i.total}</dd></div>
            <div><dt>{tr!("Average strength")}</dt><dd>{fill(tr!("{} of 10"), &[&one_decimal(i.average_intensity)])}</dd></div>
            <div><dt>{tr!("Outcome")}</dt><dd>{passed}</dd></div>
        </dl>
    }
}

/// Bars for the number of cravings, a line for their average strength.
#[component]
fn TimeChart(title: &'static str, id: &'static str, buckets: Vec<Bucket>, label: fn(NaiveDate) -> String) -> impl IntoView {
    const W: f64 = 300.0;
    const H: f64 = 120.0;
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let slot = W / buckets.len().max(1) as f64;
    let bars = buckets.iter().enumerate().filter(|(_, b)| b.count > 0).map(|(n, b)| {
        let h = b.count as f64 / max * (H - 10.0);
        view! { <rect class="bar" x=format!("{:.1}", n as f64 * slot + slot * 0.15) y=format!("{:.1}", H - h) width=format!("{:.1}", slot * 0.7) height=format!("{h:.1}")/> }
    }).collect_view();
    let points: Vec<String> = buckets.iter().enumerate().filter_map(|(n, b)| {
        b.average_intensity.map(|a| format!("{:.1},{:.1}", n as f64 * slot + slot / 2.0, H - a / 10.0 * (H - 10.0)))
    }).collect();
    let line = (points.len() > 1).then(|| view! { <polyline class="line" points=points.join(" ")/> });
    let dots = (points.len() == 1).then(|| {
        let (x, y) = points[0].split_once(',').unwrap_or(("0", "0"));
        view! { <circle class="dot" cx=x.to_string() cy=y.to_string() r="3"/> }
    });
    let busiest = buckets.iter().max_by_key(|b| b.count).filter(|b| b.count > 0);
    let total: u32 = buckets.iter().map(|b| b.count).sum();
    let description = match busiest {
        Some(b) => fill(
            trn!("{} craving in this period; the most, {}, on {}.", "{} cravings in this period; the most, {}, on {}.", total),
            &[
                &total.to_string(),
                &b.count.to_string(),
                &label(b.start),
            ],
        ),
        None => tr!("No cravings in this period.").to_string(),
    };
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let rows = buckets.iter().filter(|b| b.count > 0).map(|b| view! {
        <tr><td>{label(b.start)}</td><td>{b.count}</td><td>{one_decimal(b.average_intensity)}</td></tr>
    }).collect_view();
    view! {
        <figure class="chart card" data-testid=format!("chart-{id}")>
            <figcaption id=title_id.clone()>{title}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=format!("{title_id} {desc_id}") preserveAspectRatio="none">
                <line class="axis" x1="0" y1=H.to_string() x2=W.to_string() y2=H.to_string()/>
                {bars}
                {line}
                {dots}
            </svg>
            <p id=desc_id class="chart-desc">{description} {tr!(" Bars: number of cravings. Line: average strength (0–10).")}</p>
            <details>
                <summary>{tr!("Show the numbers")}</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{tr!("Period")}</th>
                        <th scope="col">{tr!(context = "insights column", "Cravings")}</th>
                        <th scope="col">{tr!("Average strength")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}

/// Mood (check-ins) and craving strength (check-ins and the log) week by week,
/// on one chart: the two often move together before a slip.
#[component]
fn MoodChart(weeks: Vec<MoodWeek>) -> impl IntoView {
    const W: f64 = 300.0;
    const H: f64 = 120.0;
    let slot = W / weeks.len().max(1) as f64;
    let x = |n: usize| n as f64 * slot + slot / 2.0;
    let line = |class: &'static str, points: Vec<String>| match points.len() {
        0 => ().into_any(),
        1 => {
            let (cx, cy) = points[0].split_once(',').unwrap_or(("0", "0"));
            view! { <circle class=format!("dot {class}") cx=cx.to_string() cy=cy.to_string() r="3"/> }.into_any()
        }
        _ => view! { <polyline class=format!("line {class}") points=points.join(" ")/> }.into_any(),
    };
    let craving = weeks.iter().enumerate().filter_map(|(n, w)| w.craving.map(|c| format!("{:.1},{:.1}", x(n), H - c / 10.0 * (H - 10.0)))).collect();
    let mood = weeks.iter().enumerate().filter_map(|(n, w)| w.mood.map(|m| format!("{:.1},{:.1}", x(n), H - (m - 1.0) / 4.0 * (H - 10.0)))).collect();
    let week_of = |d: NaiveDate| fill(tr!("week of {}"), &[&day_month_short(d)]);
    let rows = weeks.iter().filter(|w| w.mood.is_some() || w.craving.is_some()).map(|w| view! {
        <tr><td>{week_of(w.start)}</td><td>{one_decimal(w.mood)}</td><td>{one_decimal(w.craving)}</td></tr>
    }).collect_view();
    view! {
        <figure class="chart card" data-testid="chart-mood">
            <figcaption id="mood-title">{tr!("Mood and cravings, last 12 weeks")}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="mood-title mood-desc" preserveAspectRatio="none">
                <line class="axis" x1="0" y1=H.to_string() x2=W.to_string() y2=H.to_string()/>
                {line("", craving)}
                {line("mood", mood)}
            </svg>
            <p id="mood-desc" class="chart-desc">
                {tr!("Solid line: average craving strength (0–10), from check-ins and logged cravings. Dashed line: average mood from check-ins (1 very low to 5 very good). When cravings rise and mood falls together, it can help to look at your plan.")}
            </p>
            <details>
                <summary>{tr!("Show the numbers")}</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{tr!("Period")}</th>
                        <th scope="col">{tr!("Average mood (1–5)")}</th>
                        <th scope="col">{tr!("Average craving (0–10)")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}

#[component]
fn TriggerChart(i: Insights) -> impl IntoView {
    let top: Vec<(String, u32)> = i.top_triggers.iter().take(8).cloned().collect();
    if top.is_empty() {
        return view! {
            <figure class="chart card" data-testid="chart-triggers">
                <figcaption>{tr!("Top triggers")}</figcaption>
                <p class="chart-desc">{tr!("No triggers picked yet.")}</p>
            </figure>
        }.into_any();
    }
    let max = top.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1) as f64;
    let row = 26.0;
    let height = row * top.len() as f64;
    let bars = top.iter().enumerate().map(|(n, (label, count))| {
        let y = n as f64 * row;
        let w = *count as f64 / max * 150.0;
        view! {
            <text class="label" x="0" y=format!("{:.0}", y + 17.0)>{label.clone()}</text>
            <rect class="bar" x="130" y=format!("{:.0}", y + 5.0) width=format!("{w:.1}") height="16"/>
            <text class="value" x=format!("{:.1}", 136.0 + w) y=format!("{:.0}", y + 17.0)>{*count}</text>
        }
    }).collect_view();
    let description = top.iter().map(|(l, n)| format!("{l}: {n}")).collect::<Vec<_>>().join("; ");
    view! {
        <figure class="chart card" data-testid="chart-triggers">
            <figcaption id="triggers-title">{tr!("Top triggers")}</figcaption>
            <svg viewBox=format!("0 0 320 {height}") role="img" aria-labelledby="triggers-title triggers-desc">{bars}</svg>
            <p id="triggers-desc" class="chart-desc">{fill(tr!("How often each trigger was picked — {}."), &[&description])}</p>
        </figure>
    }.into_any()
}

/// "08:00", or "8:00 AM" on a 12-hour clock.
fn hour_at(hour: usize, minute: u32) -> String {
    chrono::NaiveTime::from_hms_opt(hour as u32 % 24, minute, 0).map(time_of_day).unwrap_or_default()
}

#[component]
fn Heatmap(i: Insights) -> impl IntoView {
    let max = i.heatmap_max().max(1) as f64;
    let cells = i.heatmap.iter().enumerate().flat_map(|(day, hours)| {
        hours.iter().enumerate().map(move |(hour, n)| {
            let opacity = if *n == 0 { 0.06 } else { 0.25 + 0.75 * (*n as f64 / max) };
            view! {
                <rect class="cell" x=(30 + hour * 11).to_string() y=(day * 14).to_string() width="10" height="12" fill-opacity=format!("{opacity:.2}")/>
            }
        })
    }).collect_view();
    let labels = (0..7).map(|d| view! {
        <text class="label small" x="0" y=(d * 14 + 10).to_string()>{weekday_short(d)}</text>
    }).collect_view();
    let hours = [0, 6, 12, 18].map(|h| view! { <text class="label small" x=(30 + h * 11).to_string() y="110">{hour_at(h, 0)}</text> }).into_iter().collect_view();
    // The busiest times, in words.
    let busiest = i.busiest_slots(3).iter()
        .map(|s| format!("{} {}–{} ({})", weekday_short(s.weekday), hour_at(s.hour as usize, 0), hour_at(s.hour as usize, 59), s.count))
        .collect::<Vec<_>>().join(", ");
    let rows = (0..7).map(|d| {
        let busy = i.heatmap[d].iter().enumerate().filter(|(_, n)| **n > 0)
            .map(|(h, n)| format!("{h:02}:00 ({n})")).collect::<Vec<_>>().join(", ");
        view! { <tr><th scope="row">{weekday_short(d)}</th><td>{if busy.is_empty() { tr!(context = "hours", "none").to_string() } else { busy }}</td></tr> }
    }).collect_view();
    view! {
        <figure class="chart card" data-testid="chart-heatmap">
            <figcaption id="heatmap-title">{tr!("When cravings come (day and hour)")}</figcaption>
            <svg viewBox="0 0 300 115" role="img" aria-labelledby="heatmap-title heatmap-desc">{labels}{cells}{hours}</svg>
            <p id="heatmap-desc" class="chart-desc">{fill(tr!("Darker means more cravings. Busiest times: {}."), &[&busiest])}</p>
            <details>
                <summary>{tr!("Show the numbers")}</summary>
                <table><thead><tr><th scope="col">{tr!("Day")}</th><th scope="col">{tr!("Hours with cravings (count)")}</th></tr></thead><tbody>{rows}</tbody></table>
            </details>
        </figure>
    }
}

#[component]
fn Outcomes(i: Insights) -> impl IntoView {
    let o = i.outcomes;
    let known = o.passed + o.still_strong + o.used;
    // CSS classes; the description below says the same in words.
    let parts = [("passed", o.passed), ("strong", o.still_strong), ("used", o.used)];
    let mut x = 0.0;
    let bars = parts.iter().filter(|(_, n)| *n > 0).map(|(class, n)| {
        let w = *n as f64 / known.max(1) as f64 * 300.0;
        let rect = view! { <rect class=format!("share {class}") x=format!("{x:.1}") y="0" width=format!("{w:.1}") height="24"/> };
        x += w;
        rect
    }).collect_view();
    let description = o.described();
    let helped = i.helped.iter().take(6).map(|(what, n)| view! { <li>{format!("{} — {n}", crate::domain::coping::shown_tried(what))}</li> }).collect_view();
    view! {
        <figure class="chart card" data-testid="chart-outcomes">
            <figcaption id="outcomes-title">{tr!("How cravings went")}</figcaption>
            {(known > 0).then(|| view! {
                <svg viewBox="0 0 300 24" role="img" aria-labelledby="outcomes-title outcomes-desc" preserveAspectRatio="none">{bars}</svg>
            })}
            <p id="outcomes-desc" class="chart-desc" data-testid="outcomes-desc">{description}</p>
            <h3>{tr!("What you did before cravings that passed")}</h3>
            {if i.helped.is_empty() {
                view! { <p class="hint">{tr!("Nothing recorded yet — when you follow up on a craving, note what you did.")}</p> }.into_any()
            } else {
                view! { <ol data-testid="helped-list">{helped}</ol> }.into_any()
            }}
        </figure>
    }
}
