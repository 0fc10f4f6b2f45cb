//! A plan as someone else reads it: the printed plan, the preview of a plan
//! link, and the plan a link opens on the other person's phone.

use leptos::prelude::*;

use crate::domain::dates::{long_date, time_of_day};
use crate::domain::i18n::fill;
use crate::domain::plan::{Plan, Section};
use crate::domain::share::SharedPlan;

/// The sections of `plan` in `sections` that have something in them, in plan order:
/// headings, each crisis step's title, and the items as written. Drawn whole in the
/// language in use when called (nothing inside is read later).
pub fn plan_sections(plan: &Plan, sections: &[Section]) -> impl IntoView {
    Section::ALL
        .into_iter()
        .filter(|s| sections.contains(s) && plan.is_filled(*s))
        .map(|s| {
            view! {
                <section class="print-section plan-shared-section">
                    <h2>{s.title()}</h2>
                    {s.lists().iter().filter(|l| !plan.items(**l).is_empty()).map(|l| view! {
                        {l.step_title().map(|t| view! { <h3>{t}</h3> })}
                        <ul>
                            {plan.items(*l).iter().map(|i| view! {
                                <li>
                                    {i.text.clone()}
                                    {i.role.map(|r| format!(" ({})", r.label().to_lowercase()))}
                                    {(!i.phone.is_empty()).then(|| format!(": {}", i.phone))}
                                    {(!i.response.is_empty()).then(|| view! { <br/>{fill(tr!("What I'll do: {}"), &[&i.response])} })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }).collect_view()}
                </section>
            }
        })
        .collect_view()
}

/// Call and text links to the number a shared plan came with (none without one), worded
/// with the person's name if they gave one. `place` starts the test ids ("shared-call").
pub fn call_and_text(shared: &SharedPlan, place: &'static str, call_class: &'static str) -> Option<impl IntoView> {
    let phone = shared.phone.as_ref().filter(|p| !p.tel.is_empty())?;
    let (call, text) = match shared.name.trim() {
        "" => (tr!("Call").to_string(), tr!("Text").to_string()),
        name => (fill(tr!("Call {}"), &[name]), fill(tr!("Text {}"), &[name])),
    };
    Some(view! {
        <a class=call_class data-testid=format!("{place}-call") href=format!("tel:{}", phone.tel)>{call}</a>
        <a class="button secondary" data-testid=format!("{place}-text") href=format!("sms:{}", phone.tel)>{text}</a>
    })
}

/// The way to People I support (`/supporting`), on Help and in Settings.
#[component]
pub fn SupportingLink() -> impl IntoView {
    view! {
        <a class="card-link" href="/supporting" data-testid="supporting">
            <strong>{tr!("People I support")}</strong>
            <span>{tr!("Plans that people shared with you and you kept")}</span>
        </a>
    }
}

/// A shared plan as the person it was sent to sees it, in the language it was
/// shared in (whose catalog must be in already): who it's from, when it was
/// made, call and text buttons if a number came with it, and the sections.
#[component]
pub fn SharedPlanView(shared: SharedPlan) -> impl IntoView {
    shared.language().while_current(|| {
        let made = fill(tr!("Made on {} at {}. A link can't be changed after it is sent: ask for a new one to see changes."), &[
            &long_date(shared.made.date()),
            &time_of_day(shared.made.time()),
        ]);
        let title = if shared.name.trim().is_empty() {
            tr!("A relapse-prevention plan shared with you").to_string()
        } else {
            fill(tr!("{}'s relapse-prevention plan"), &[shared.name.trim()])
        };
        let sections = shared.sections();
        view! {
            <article class="card shared-plan" data-testid="shared-plan" lang=shared.language().code()>
                <h1 class="shared-title">{title}</h1>
                <p class="hint" data-testid="shared-made">{made}</p>
                {call_and_text(&shared, "shared", "button").map(|links| view! {
                    <div class="actions">{links}</div>
                    <p class="hint">{shared.phone.as_ref().map(|p| p.shown.clone())}</p>
                })}
                {sections.is_empty().then(|| view! { <p>{tr!("No sections chosen have anything in them yet.")}</p> })}
                {plan_sections(&shared.plan, &sections)}
            </article>
        }
    })
}
