use std::time::Duration;

use leptos::prelude::*;

use crate::components::meds_card::NaloxoneNote;
use crate::components::overdose_steps::OverdoseCall;
use crate::components::safety::{stored_region, EmergencyCountry};
use crate::components::helplines::{no_people_yet, Helplines, SupportPeople};
use crate::components::shared_plan::SupportingLink;
use crate::components::region_picker::RegionPicker;
use crate::split::{lazy_part, lazy_part_settling, split_view};
use crate::storage::Store;

/// The longest the helplines wait, unseen, for the person's own people above them.
const PEOPLE_WAIT: Duration = Duration::from_millis(400);

#[component]
pub fn Help() -> impl IntoView {
    let store = expect_context::<Store>();
    let region = stored_region();
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
            <h1>{tr!("Get help now")}</h1>
            // The emergency number above everything else, never below the fold (review (3).2).
            <OverdoseCall region/>
            <EmergencyCountry region/>
            <a class="card-link" href="/sos" data-testid="craving-sos">
                <strong>{tr!("I'm having a craving")}</strong>
                <span>{tr!("Note it, try something that helps, and check in after")}</span>
            </a>
            {if has_plan { lazy_part_settling(support_people, Some(people_placed)) } else { no_people_yet().into_any() }}
            <div class="after-people" class:waiting=move || !people_placed.get()>
                <a class="card-link urgent" href="/help/overdose" data-testid="overdose-guide">
                    <strong>{tr!("Someone may be overdosing")}</strong>
                    <span>{tr!("Signs, naloxone and what to do, step by step")}</span>
                </a>
                <NaloxoneNote/>
                <Helplines region heading_id="lines-heading"/>
                // The full picker, split off (the line at the top changes the country too), and
                // for someone who keeps plans of people they support, the way to them.
                {lazy_part(help_end)}
            </div>
        </section>
    }
}

split_view!(support, fn support_people() { view! { <SupportPeople/> } });
split_view!(overdose, fn help_end() {
    let kept = expect_context::<Store>().supporting_stored();
    view! {
        <RegionPicker/>
        {kept.then(|| view! { <SupportingLink/> })}
    }
});
