//! One-tap calls: the crisis and support lines of a country, and the person's
//! own people from their plan. Help, the lock screen and Cope show them.

use leptos::prelude::*;

use crate::domain::helplines::{Helpline, Region};
use crate::domain::i18n::fill;
use crate::domain::plan::Contact;
use crate::storage::Store;

/// Where the person's own people will be, before the plan has any.
pub fn no_people_yet() -> impl IntoView {
    view! {
        <p class="hint" data-testid="support-empty">
            {tr!("Add your sponsor and the people you can call in ")}
            <a href="/plan#plan-support">{tr!("your plan")}</a>
            {tr!(" — they'll appear here for one-tap calls.")}
        </p>
    }
}

/// The crisis and support lines of a country, as one-tap call and text links.
/// Also on the lock screen, so it needs nothing but the region.
#[component]
pub fn Helplines(region: Signal<Region>, heading_id: &'static str) -> impl IntoView {
    view! {
        <h2 id=heading_id>{move || fill(tr!("Helplines — {}"), &[region.get().name()])}</h2>
        <ul class="helplines" aria-labelledby=heading_id data-testid="helplines">
            {move || {
                region
                    .get()
                    .helplines()
                    .iter()
                    .map(|line| view! { <HelplineCard line/> })
                    .collect_view()
            }}
        </ul>
    }
}

#[component]
fn HelplineCard(line: &'static Helpline) -> impl IntoView {
    let class = if line.emergency { "helpline emergency" } else { "helpline" };
    view! {
        <li class=class data-testid=format!("helpline-{}", line.id)>
            <h3>{line.name.get()}</h3>
            <p>{line.purpose.get()}</p>
            <p class="hours">{line.hours.get()}</p>
            <div class="actions">
                <a
                    class="button call"
                    href=line.call.tel_href()
                    aria-label=fill(tr!("Call {} — {}"), &[line.call.display, line.name.get()])
                >
                    {tr!("Call ")} <span class="number">{line.call.display}</span>
                </a>
                {line
                    .text
                    .map(|text| {
                        view! {
                            <a
                                class="button secondary"
                                href=text.href()
                                aria-label=fill("{} — {}", &[&text.label(), line.name.get()])
                                data-testid=text.test_id()
                            >
                                {text.label()}
                            </a>
                        }
                    })}
                {line
                    .tty
                    .map(|tty| {
                        view! {
                            <a
                                class="button secondary"
                                href=tty.tel_href()
                                aria-label=fill("TTY {} — {}", &[tty.display, line.name.get()])
                            >
                                "TTY " <span class="number">{tty.display}</span>
                            </a>
                        }
                    })}
            </div>
        </li>
    }
}

/// The person's own sponsor and support people, from their plan, sponsor first.
#[component]
pub fn SupportPeople() -> impl IntoView {
    let store = expect_context::<Store>();
    let people = move || {
        let region = store.settings().with(|s| s.region);
        store.plan().with(|plan| plan.contacts(region))
    };
    view! {
        {move || {
            let people = people();
            if people.is_empty() {
                return no_people_yet().into_any();
            }
            view! {
                <h2>{tr!("Your people")}</h2>
                <ul class="helplines" data-testid="support-people">
                    {people.into_iter().map(|Contact { name, role, shown, tel, needs_fixing }| view! {
                        <li class="helpline person" data-testid="support-person">
                            <h3>{name.clone()} {role.map(|r| view! { <span class="tag">{r.label()}</span> })}</h3>
                            {(!tel.is_empty()).then(|| view! {
                                <div class="actions">
                                    <a class="button call" href=format!("tel:{tel}") aria-label=fill(tr!("Call {} — {}"), &[&shown, &name])>
                                        {tr!("Call ")} <span class="number">{shown.clone()}</span>
                                    </a>
                                    <a class="button secondary" href=format!("sms:{tel}") aria-label=fill(tr!("Text — {}"), &[&name])>{tr!("Text")}</a>
                                </div>
                            })}
                            // Kept, not hidden: what they typed may still work, and it can be fixed.
                            {needs_fixing.then(|| view! {
                                <p class="hint" data-testid="support-person-fix">
                                    {if tel.is_empty() {
                                        fill(tr!("“{}” can't be called as written. "), &[&shown])
                                    } else {
                                        tr!("This number may not work as written. ").to_string()
                                    }}
                                    <a href="/plan#plan-support">{tr!("Fix it in your plan")}</a>
                                </p>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
