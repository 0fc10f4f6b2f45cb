use leptos::prelude::*;

use crate::components::region_picker::RegionPicker;
use crate::domain::helplines::Helpline;
use crate::storage::Store;

#[component]
pub fn Help() -> impl IntoView {
    let store = expect_context::<Store>();
    let region = move || store.settings.with(|s| s.region);
    view! {
        <section class="page" data-testid="help">
            <h1>"Get help now"</h1>
            // The person's own sponsor and support people will be listed first, here.
            <a class="card-link urgent" href="/help/overdose" data-testid="overdose-guide">
                <strong>"Someone may be overdosing"</strong>
                <span>"Signs, naloxone and what to do, step by step"</span>
            </a>
            <h2 id="lines-heading">{move || format!("Helplines — {}", region().name())}</h2>
            <ul class="helplines" aria-labelledby="lines-heading" data-testid="helplines">
                {move || {
                    region()
                        .helplines()
                        .iter()
                        .map(|line| view! { <HelplineCard line/> })
                        .collect_view()
                }}
            </ul>
            <RegionPicker/>
        </section>
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
                    aria-label=format!("Call {}, {}", line.name, line.call.display)
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
                                aria-label=format!("{} ({})", text.how, line.name)
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
                                aria-label=format!("TTY for {}, {}", line.name, tty.display)
                            >
                                "TTY " <span class="number">{tty.display}</span>
                            </a>
                        }
                    })}
            </div>
        </li>
    }
}
