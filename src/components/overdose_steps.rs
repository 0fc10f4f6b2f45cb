//! What to do if someone may be overdosing on opioids: the emergency call, the
//! signs and the steps. Facts from SAMHSA's Overdose Prevention and Response
//! Toolkit and the naloxone facts in shared/content-facts.md (with the safety
//! review of 2026-12-06 and its sources). The overdose guide and the lock screen show it.

use leptos::prelude::*;

use crate::components::safety::UseAloneLine;
use crate::split::split_view;
use crate::domain::helplines::Region;
use crate::domain::i18n::fill;

/// The emergency call: first on the overdose guide and in the lock screen's
/// overdose section, in the first download so the call never waits.
#[component]
pub fn OverdoseCall(region: Signal<Region>) -> impl IntoView {
    view! {
        <a class="button big emergency-call" href=move || region.get().emergency().call.tel_href() data-testid="overdose-call">
            {move || fill(tr!("Call {} now"), &[region.get().emergency().call.display])}
        </a>
    }
}

/// The signs and steps below the call, split off: fetched when shown (from the
/// service worker's cache after the first visit), so the first download stays
/// small while the call above them is there at once.
pub fn steps(region: Signal<Region>) -> AnyView {
    crate::split::lazy_part(move || overdose_steps(region))
}

split_view!(overdose, fn overdose_steps(region: Signal<Region>) { view! { <OverdoseSteps region/> } });

#[component]
fn OverdoseSteps(region: Signal<Region>) -> impl IntoView {
    let emergency = move || region.get().emergency().call.display;
    view! {
            <h2>{tr!("Signs of an opioid overdose")}</h2>
            <ul>
                <li>{tr!("They won't wake up or respond when you shout or touch them.")}</li>
                <li>{tr!("Breathing is slow, uneven or has stopped.")}</li>
                <li>{tr!("Gurgling or snoring sounds.")}</li>
                <li>{tr!("Very small (pinpoint) pupils.")}</li>
                <li>{tr!("Lips and nails turn blue or purple — on darker skin, grey or ashen.")}</li>
            </ul>

            <h2>{tr!("What to do")}</h2>
            <ol class="steps" data-testid="overdose-steps">
                // Waking and calling are one step, so the call never waits (KidsHealth, in the review).
                <li>
                    <strong>{tr!("Shout their name and rub hard on the middle of their chest with your knuckles.")}</strong>
                    {move || fill(tr!(" No response? Call {} now and put the phone on speaker. Say someone isn't breathing or won't wake up, and where you are."), &[emergency()])}
                    // Good Samaritan: Government of Canada (the Act); many US states (review 2.9).
                    {move || match region.get() {
                        Region::Canada => Some(tr!(" Canada's Good Samaritan Drug Overdose Act protects you and the person from simple possession charges when you call for help.")),
                        Region::UnitedStates => Some(tr!(" Many states have Good Samaritan laws that protect people who call for help in an overdose.")),
                        _ => None,
                    }}
                </li>
                // Naloxone is safe without opioids; one dose per nasal device (Narcan label, Mayo Clinic, KidsHealth).
                <li data-testid="overdose-naloxone-step">
                    <strong>{tr!("Give naloxone if you have it.")}</strong>
                    {tr!(" It won't hurt someone who hasn't taken opioids: if in doubt, give it. A nasal spray holds one dose: if there's no response after 2–3 minutes, use a new spray in the other nostril, and keep going every 2–3 minutes while you have doses. An injection: as the kit shows, again after 2–3 minutes.")}
                </li>
                <li><strong>{tr!("Help them breathe.")}</strong> {tr!(" Give rescue breaths or CPR if you know how; the call handler can talk you through it.")}</li>
                // Leaving them: Ottawa Public Health (in the review).
                <li><strong>{tr!("If they are breathing, put them on their side")}</strong> {tr!(" (the recovery position), so they won't choke. If you have to leave them, even for a moment, put them on their side first.")}</li>
                // Xylazine and other sedatives: SAMHSA toolkit 2025, content-facts.md.
                <li data-testid="overdose-sedatives"><strong>{tr!("Breathing but still not waking?")}</strong> {tr!(" Other sedatives, such as xylazine (“tranq”) or benzos, may be involved, and naloxone doesn't undo them. Keep them on their side, keep checking their breathing, and give rescue breaths if it slows.")}</li>
                <li><strong>{tr!("Stay with them until help arrives.")}</strong> {tr!(" Naloxone can wear off before the opioid does, so they can stop breathing again.")}</li>
                // After waking: the Narcan label (withdrawal); 30–90 minutes, content-facts.md.
                <li data-testid="overdose-after"><strong>{tr!("When they wake up")}</strong> {tr!(" they may feel sick, shaky or angry (withdrawal). Tell them what happened, and that naloxone wears off in 30–90 minutes: using more now could cause another overdose.")}</li>
            </ol>

            <h2>{tr!("Don't")}</h2>
            <ul>
                <li>{tr!("Don't put them in a cold shower or bath.")}</li>
                // Naloxone kits can be injections (UK, Ireland, some in Canada): only other things are ruled out.
                <li>{tr!("Don't inject or give them anything except naloxone — no salt water, milk or other drugs.")}</li>
                <li>{tr!("Don't try to make them vomit.")}</li>
            </ul>

            <h2>{tr!("Be ready")}</h2>
            <ul data-testid="overdose-be-ready">
                // Expired naloxone usually still works (ADAI; PubMed 30596290).
                <li>{tr!("Check the expiry date on your naloxone and replace it when it passes — but in an emergency, use an expired kit anyway: it usually still works.")}</li>
                // Strang, BMJ 2003 (loss of tolerance); the methadone missed-dose guideline (3 days).
                <li>
                    {tr!("After time without opioids — detox, treatment, prison, hospital, even a few days — the amount you used to take could now stop your breathing.")}
                </li>
                // Fentanyl in stimulants and pressed pills: SAMHSA toolkit 2025; UCLA study (review 2.5).
                <li data-testid="fentanyl-warning">{fentanyl_in_other_drugs()}</li>
            </ul>
            <UseAloneLine region/>
    }
}

/// Cocaine, meth and pressed pills often hold fentanyl (SAMHSA Overdose Prevention and
/// Response Toolkit 2025; the review's 2.5): in the guide and after a slip on a stimulant counter.
pub fn fentanyl_in_other_drugs() -> &'static str {
    tr!("Cocaine, meth and pressed pills are often mixed with fentanyl. Without opioid tolerance a tiny amount can stop your breathing: don't use alone, use fentanyl test strips where you can get them, and keep naloxone close.")
}
