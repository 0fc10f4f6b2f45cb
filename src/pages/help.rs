use leptos::prelude::*;

use crate::components::region_picker::RegionPicker;
use crate::domain::helplines::{Helpline, Region};
use crate::domain::phone::normalise_phone;
use crate::storage::Store;

#[component]
pub fn Help() -> impl IntoView {
    let store = expect_context::<Store>();
    let region = move || store.settings.with(|s| s.region);
    view! {
        <section class="page" data-testid="help">
            <h1>"Get help now"</h1>
            <a class="card-link" href="/sos" data-testid="craving-sos">
                <strong>"I'm having a craving"</strong>
                <span>"Note it, try something that helps, and check in after"</span>
            </a>
            <SupportPeople/>
            <a class="card-link urgent" href="/help/overdose" data-testid="overdose-guide">
                <strong>"Someone may be overdosing"</strong>
                <span>"Signs, naloxone and what to do, step by step"</span>
            </a>
            <Helplines region=Signal::derive(region) heading_id="lines-heading"/>
            <RegionPicker/>
        </section>
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
        let region = store.settings.with(|s| s.region);
        store.plan.with(|plan| {
            plan.support_people()
                .into_iter()
                .filter_map(|p| {
                    let dial = normalise_phone(&p.phone, region).ok()?;
                    Some((p.text.clone(), p.role.map(|r| r.label()), p.phone.clone(), dial))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        {move || {
            let people = people();
            if people.is_empty() {
                return view! {
                    <p class="hint" data-testid="support-empty">
                        "Add your sponsor and the people you can call in "
                        <a href="/plan#plan-support">"your plan"</a>
                        " — they'll appear here for one-tap calls."
                    </p>
                }.into_any();
            }
            view! {
                <h2>"Your people"</h2>
                <ul class="helplines" data-testid="support-people">
                    {people.into_iter().map(|(name, role, shown, dial)| view! {
                        <li class="helpline person" data-testid="support-person">
                            <h3>{name.clone()} {role.map(|r| view! { <span class="tag">{r}</span> })}</h3>
                            <div class="actions">
                                <a class="button call" href=format!("tel:{dial}") aria-label=format!("Call {shown} — {name}")>
                                    "Call " <span class="number">{shown.clone()}</span>
                                </a>
                                <a class="button secondary" href=format!("sms:{dial}") aria-label=format!("Text — {name}")>"Text"</a>
                            </div>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
