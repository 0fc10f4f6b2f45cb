//! What to do if someone may be overdosing on opioids: the emergency call, the
//! signs and the steps. Facts from SAMHSA's Overdose Prevention and Response
//! Toolkit (see shared/content-facts.md). The overdose guide and the lock screen show it.

use leptos::prelude::*;

use crate::domain::helplines::Region;

/// The emergency call and the steps. Also on the lock screen.
#[component]
pub fn OverdoseSteps(region: Signal<Region>) -> impl IntoView {
    let emergency = move || region.get().emergency();
    view! {
            <a
                class="button big emergency-call"
                href=move || emergency().call.tel_href()
                data-testid="overdose-call"
            >
                {move || format!("Call {} now", emergency().call.display)}
            </a>

            <h2>"Signs of an opioid overdose"</h2>
            <ul>
                <li>"They won't wake up or respond when you shout or touch them."</li>
                <li>"Breathing is slow, uneven or has stopped."</li>
                <li>"Gurgling or snoring sounds."</li>
                <li>"Very small (pinpoint) pupils."</li>
                <li>"Lips and nails turn blue or purple — on darker skin, grey or ashen."</li>
            </ul>

            <h2>"What to do"</h2>
            <ol class="steps">
                <li><strong>"Try to wake them."</strong> " Shout their name and rub hard on the middle of their chest with your knuckles."</li>
                <li><strong>"Call for emergency help."</strong> " Tell them someone isn't breathing or won't wake up, and where you are."</li>
                <li><strong>"Give naloxone if you have it"</strong> " — a nasal spray or an injection, as the kit shows. If there's no response after 2–3 minutes, give a second dose."</li>
                <li><strong>"Help them breathe."</strong> " Give rescue breaths or CPR if you know how; the call handler can talk you through it."</li>
                <li><strong>"If they are breathing, put them in the recovery position"</strong> " — on their side, so they won't choke."</li>
                <li><strong>"Stay with them until help arrives."</strong> " Naloxone can wear off before the opioid does, so they can stop breathing again."</li>
            </ol>

            <h2>"Don't"</h2>
            <ul>
                <li>"Don't put them in a cold shower or bath."</li>
                // Naloxone kits can be injections (UK, Ireland, some in Canada): only other things are ruled out.
                <li>"Don't inject or give them anything except naloxone — no salt water, milk or other drugs."</li>
                <li>"Don't try to make them vomit."</li>
            </ul>

            <h2>"Be ready"</h2>
            <ul>
                <li>"Check the expiry date on any naloxone you carry."</li>
                <li>
                    "After a break from opioids — detox, treatment, prison or hospital — your body can't handle "
                    "the amount it used to, and the risk of overdose is much higher."
                </li>
            </ul>
    }
}
