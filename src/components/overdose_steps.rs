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
            {move || fill(tr!("Call {} now", "Llama al {} ahora"), &[region.get().emergency().call.display])}
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
            <h2>{tr!("Signs of an opioid overdose", "Señales de una sobredosis de opioides")}</h2>
            <ul>
                <li>{tr!("They won't wake up or respond when you shout or touch them.", "No despierta ni responde cuando le hablas fuerte o la tocas.")}</li>
                <li>{tr!("Breathing is slow, uneven or has stopped.", "Respira lento, de forma irregular, o ha dejado de respirar.")}</li>
                <li>{tr!("Gurgling or snoring sounds.", "Hace ruidos como gorgoteos o ronquidos.")}</li>
                <li>{tr!("Very small (pinpoint) pupils.", "Pupilas muy pequeñas (como la punta de un alfiler).")}</li>
                <li>{tr!("Lips and nails turn blue or purple — on darker skin, grey or ashen.", "Los labios y las uñas se ponen azules o morados; en la piel más oscura, grises o cenizos.")}</li>
            </ul>

            <h2>{tr!("What to do", "Qué hacer")}</h2>
            <ol class="steps" data-testid="overdose-steps">
                // Waking and calling are one step, so the call never waits (KidsHealth, in the review).
                <li>
                    <strong>{tr!("Shout their name and rub hard on the middle of their chest with your knuckles.", "Grita el nombre de la persona y frota con fuerza el centro de su pecho con los nudillos.")}</strong>
                    {move || fill(tr!(" No response? Call {} now and put the phone on speaker. Say someone isn't breathing or won't wake up, and where you are.", " ¿No responde? Llama ya al {} y pon el altavoz. Di que alguien no respira o no despierta, y dónde están."), &[emergency()])}
                    // Good Samaritan: Government of Canada (the Act); many US states (review 2.9).
                    {move || match region.get() {
                        Region::Canada => Some(tr!(" Canada's Good Samaritan Drug Overdose Act protects you and the person from simple possession charges when you call for help.", " La Ley del Buen Samaritano de Canadá (Good Samaritan Drug Overdose Act) los protege a ti y a la persona de cargos por posesión simple cuando pides ayuda.")),
                        Region::UnitedStates => Some(tr!(" Many states have Good Samaritan laws that protect people who call for help in an overdose.", " En muchos estados, las leyes del Buen Samaritano protegen a quien pide ayuda ante una sobredosis.")),
                        _ => None,
                    }}
                </li>
                // Naloxone is safe without opioids; one dose per nasal device (Narcan label, Mayo Clinic, KidsHealth).
                <li data-testid="overdose-naloxone-step">
                    <strong>{tr!("Give naloxone if you have it.", "Si tienes naloxona, úsala.")}</strong>
                    {tr!(" It won't hurt someone who hasn't taken opioids: if in doubt, give it. A nasal spray holds one dose: if there's no response after 2–3 minutes, use a new spray in the other nostril, and keep going every 2–3 minutes while you have doses. An injection: as the kit shows, again after 2–3 minutes.",
                         " No le hace daño a alguien que no tomó opioides: si dudas, úsala. Cada aerosol nasal tiene una sola dosis: si no responde en 2 o 3 minutos, usa un aerosol nuevo en la otra fosa nasal, y sigue cada 2 o 3 minutos mientras tengas dosis. Si es inyectable, como indica el kit, y otra vez a los 2 o 3 minutos.")}
                </li>
                <li><strong>{tr!("Help them breathe.", "Ayuda a la persona a respirar.")}</strong> {tr!(" Give rescue breaths or CPR if you know how; the call handler can talk you through it.", " Si sabes cómo, dale respiración de rescate o RCP; quien te atienda en la llamada puede guiarte.")}</li>
                // Leaving them: Ottawa Public Health (in the review).
                <li><strong>{tr!("If they are breathing, put them on their side", "Si respira, pon a la persona de lado")}</strong> {tr!(" (the recovery position), so they won't choke. If you have to leave them, even for a moment, put them on their side first.", " (posición de recuperación), para que no se ahogue. Si tienes que alejarte, aunque sea un momento, primero ponla de lado.")}</li>
                // Xylazine and other sedatives: SAMHSA toolkit 2025, content-facts.md.
                <li data-testid="overdose-sedatives"><strong>{tr!("Breathing but still not waking?", "¿Respira pero no despierta?")}</strong> {tr!(" Other sedatives, such as xylazine (“tranq”) or benzos, may be involved, and naloxone doesn't undo them. Keep them on their side, keep checking their breathing, and give rescue breaths if it slows.", " Puede haber otros sedantes, como la xilacina (“tranq”) o las benzodiacepinas, que la naloxona no revierte. Mantén a la persona de lado, sigue revisando su respiración y dale respiración de rescate si se vuelve lenta.")}</li>
                <li><strong>{tr!("Stay with them until help arrives.", "Quédate con la persona hasta que llegue la ayuda.")}</strong> {tr!(" Naloxone can wear off before the opioid does, so they can stop breathing again.", " La naloxona puede dejar de hacer efecto antes que el opioide, y la persona puede volver a dejar de respirar.")}</li>
                // After waking: the Narcan label (withdrawal); 30–90 minutes, content-facts.md.
                <li data-testid="overdose-after"><strong>{tr!("When they wake up", "Cuando despierte")}</strong> {tr!(" they may feel sick, shaky or angry (withdrawal). Tell them what happened, and that naloxone wears off in 30–90 minutes: using more now could cause another overdose.", " puede sentirse mal, temblar o enojarse (abstinencia). Cuéntale lo que pasó y que la naloxona deja de hacer efecto en 30 a 90 minutos: consumir más ahora podría causar otra sobredosis.")}</li>
            </ol>

            <h2>{tr!("Don't", "No hagas esto")}</h2>
            <ul>
                <li>{tr!("Don't put them in a cold shower or bath.", "No metas a la persona en una ducha ni en un baño de agua fría.")}</li>
                // Naloxone kits can be injections (UK, Ireland, some in Canada): only other things are ruled out.
                <li>{tr!("Don't inject or give them anything except naloxone — no salt water, milk or other drugs.", "No le inyectes ni le des nada que no sea naloxona: ni agua con sal, ni leche, ni otras drogas.")}</li>
                <li>{tr!("Don't try to make them vomit.", "No intentes hacer que vomite.")}</li>
            </ul>

            <h2>{tr!("Be ready", "Prepárate")}</h2>
            <ul data-testid="overdose-be-ready">
                // Expired naloxone usually still works (ADAI; PubMed 30596290).
                <li>{tr!("Check the expiry date on your naloxone and replace it when it passes — but in an emergency, use an expired kit anyway: it usually still works.", "Revisa la fecha de vencimiento de tu naloxona y cámbiala cuando pase; pero en una emergencia, usa igual un kit vencido: casi siempre sigue funcionando.")}</li>
                // Strang, BMJ 2003 (loss of tolerance); the methadone missed-dose guideline (3 days).
                <li>
                    {tr!("After time without opioids — detox, treatment, prison, hospital, even a few days — the amount you used to take could now stop your breathing.",
                         "Después de un tiempo sin opioides (desintoxicación, tratamiento, prisión, hospital, incluso unos pocos días), la cantidad que tomabas antes ahora podría hacer que dejes de respirar.")}
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
    tr!("Cocaine, meth and pressed pills are often mixed with fentanyl. Without opioid tolerance a tiny amount can stop your breathing: don't use alone, use fentanyl test strips where you can get them, and keep naloxone close.",
        "La cocaína, la metanfetamina y las pastillas falsificadas a menudo tienen fentanilo. Sin tolerancia a los opioides, una cantidad mínima puede hacer que dejes de respirar: no consumas a solas, usa tiras de prueba de fentanilo si puedes conseguirlas y ten naloxona a mano.")
}
