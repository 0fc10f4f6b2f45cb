use std::time::Duration;

use leptos::prelude::*;

use crate::components::region_picker::RegionPicker;
use crate::domain::helplines::{Helpline, Region};
use crate::domain::plan::Contact;
use crate::split::{lazy_part_settling, split_view};
use crate::storage::Store;

/// The longest the helplines wait, unseen, for the person's own people above them.
const PEOPLE_WAIT: Duration = Duration::from_millis(400);

#[component]
pub fn Help() -> impl IntoView {
    let store = expect_context::<Store>();
    let region = move || store.settings().with(|s| s.region);
    // The person's own people come from their plan, whose code is fetched when
    // first needed. Until they are in place, what follows them stays unseen
    // (briefly: from the service worker's cache this takes milliseconds), so
    // the call buttons don't move under a thumb.
    let has_plan = store.plan_stored();
    let people_placed = RwSignal::new(!has_plan);
    if has_plan {
        set_timeout(
            move || {
                people_placed.try_set(true);
            },
            PEOPLE_WAIT,
        );
    }
    view! {
        <section class="page" data-testid="help">
            <h1>"Get help now"</h1>
            <a class="card-link" href="/sos" data-testid="craving-sos">
                <strong>"I'm having a craving"</strong>
                <span>"Note it, try something that helps, and check in after"</span>
            </a>
            {if has_plan { lazy_part_settling(support_people, Some(people_placed)) } else { no_people_yet().into_any() }}
            <div class="after-people" class:waiting=move || !people_placed.get()>
                <a class="card-link urgent" href="/help/overdose" data-testid="overdose-guide">
                    <strong>"Someone may be overdosing"</strong>
                    <span>"Signs, naloxone and what to do, step by step"</span>
                </a>
                <Helplines region=Signal::derive(region) heading_id="lines-heading"/>
                <RegionPicker/>
            </div>
        </section>
    }
}

split_view!(support, fn support_people() { view! { <SupportPeople/> } });

fn no_people_yet() -> impl IntoView {
    view! {
        <p class="hint" data-testid="support-empty">
            "Add your sponsor and the people you can call in "
            <a href="/plan#plan-support">"your plan"</a>
            " — they'll appear here for one-tap calls."
        </p>
    }
}

/// The crisis and support lines of a country, as one-tap call and text links.
/// Also on the lock screen, so it needs nothing but the region.
#[component]
pub fn Helplines(region: Signal<Region>, heading_id: &'static str) -> impl IntoView {
    view! {
        <h2 id=heading_id>{move || format!("Helplines — {}", region.get().name())}</h2>
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
            <h3>{line.name}</h3>
            <p>{line.purpose}</p>
            <p class="hours">{line.hours}</p>
            <div class="actions">
                <a
                    class="button call"
                    href=line.call.tel_href()
                    aria-label=format!("Call {} — {}", line.call.display, line.name)
                >
                    "Call " <span class="number">{line.call.display}</span>
                </a>
                {line
                    .text
                    .map(|text| {
                        view! {
                            <a
                                class="button secondary"
                                href=text.to.sms_href()
                                aria-label=format!("{} — {}", text.how, line.name)
                            >
                                {text.how}
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
                                aria-label=format!("TTY {} — {}", tty.display, line.name)
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
                <h2>"Your people"</h2>
                <ul class="helplines" data-testid="support-people">
                    {people.into_iter().map(|Contact { name, role, shown, tel, needs_fixing }| view! {
                        <li class="helpline person" data-testid="support-person">
                            <h3>{name.clone()} {role.map(|r| view! { <span class="tag">{r.label()}</span> })}</h3>
                            {(!tel.is_empty()).then(|| view! {
                                <div class="actions">
                                    <a class="button call" href=format!("tel:{tel}") aria-label=format!("Call {shown} — {name}")>
                                        "Call " <span class="number">{shown.clone()}</span>
                                    </a>
                                    <a class="button secondary" href=format!("sms:{tel}") aria-label=format!("Text — {name}")>"Text"</a>
                                </div>
                            })}
                            // Kept, not hidden: what they typed may still work, and it can be fixed.
                            {needs_fixing.then(|| view! {
                                <p class="hint" data-testid="support-person-fix">
                                    {if tel.is_empty() {
                                        format!("“{shown}” can't be called as written. ")
                                    } else {
                                        "This number may not work as written. ".to_string()
                                    }}
                                    <a href="/plan#plan-support">"Fix it in your plan"</a>
                                </p>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
