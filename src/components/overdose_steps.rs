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
                {move || crate::domain::i18n::fill(tr!("Call {} now", "Llama al {} ahora"), &[emergency().call.display])}
            </a>

            <h2>{tr!("Signs of an opioid overdose", "Señales de una sobredosis de opioides")}</h2>
            <ul>
                <li>{tr!("They won't wake up or respond when you shout or touch them.", "No despierta ni responde cuando le gritas o le tocas.")}</li>
                <li>{tr!("Breathing is slow, uneven or has stopped.", "Respira lento, de forma irregular, o ha dejado de respirar.")}</li>
                <li>{tr!("Gurgling or snoring sounds.", "Hace ruidos como gorgoteos o ronquidos.")}</li>
                <li>{tr!("Very small (pinpoint) pupils.", "Pupilas muy pequeñas (como la punta de un alfiler).")}</li>
                <li>{tr!("Lips and nails turn blue or purple — on darker skin, grey or ashen.", "Los labios y las uñas se ponen azules o morados; en la piel más oscura, grises o cenizos.")}</li>
            </ul>

            <h2>{tr!("What to do", "Qué hacer")}</h2>
            <ol class="steps">
                <li><strong>{tr!("Try to wake them.", "Intenta despertarle.")}</strong> {tr!(" Shout their name and rub hard on the middle of their chest with your knuckles.", " Grita su nombre y frótale con fuerza el centro del pecho con los nudillos.")}</li>
                <li><strong>{tr!("Call for emergency help.", "Llama a emergencias.")}</strong> {tr!(" Tell them someone isn't breathing or won't wake up, and where you are.", " Di que alguien no respira o no despierta, y dónde estás.")}</li>
                <li><strong>{tr!("Give naloxone if you have it", "Si tienes naloxona, dásela")}</strong> {tr!(" — a nasal spray or an injection, as the kit shows. If there's no response after 2–3 minutes, give a second dose.", ": en aerosol nasal o inyectable, según indique el kit. Si no responde en 2 o 3 minutos, dale una segunda dosis.")}</li>
                <li><strong>{tr!("Help them breathe.", "Ayúdale a respirar.")}</strong> {tr!(" Give rescue breaths or CPR if you know how; the call handler can talk you through it.", " Si sabes cómo, dale respiración de rescate o RCP; quien te atienda en la llamada puede guiarte.")}</li>
                <li><strong>{tr!("If they are breathing, put them in the recovery position", "Si respira, ponle en posición de recuperación")}</strong> {tr!(" — on their side, so they won't choke.", ": de lado, para que no se ahogue.")}</li>
                <li><strong>{tr!("Stay with them until help arrives.", "Quédate a su lado hasta que llegue la ayuda.")}</strong> {tr!(" Naloxone can wear off before the opioid does, so they can stop breathing again.", " La naloxona puede dejar de hacer efecto antes que el opioide, y puede volver a dejar de respirar.")}</li>
            </ol>

            <h2>{tr!("Don't", "No hagas esto")}</h2>
            <ul>
                <li>{tr!("Don't put them in a cold shower or bath.", "No le metas en una ducha ni en un baño de agua fría.")}</li>
                // Naloxone kits can be injections (UK, Ireland, some in Canada): only other things are ruled out.
                <li>{tr!("Don't inject or give them anything except naloxone — no salt water, milk or other drugs.", "No le inyectes ni le des nada que no sea naloxona: ni agua con sal, ni leche, ni otras drogas.")}</li>
                <li>{tr!("Don't try to make them vomit.", "No intentes hacerle vomitar.")}</li>
            </ul>

            <h2>{tr!("Be ready", "Prepárate")}</h2>
            <ul>
                <li>{tr!("Check the expiry date on any naloxone you carry.", "Revisa la fecha de caducidad de la naloxona que lleves contigo.")}</li>
                <li>
                    {tr!("After a break from opioids — detox, treatment, prison or hospital — your body can't handle the amount it used to, and the risk of overdose is much higher.",
                         "Después de un tiempo sin opioides (desintoxicación, tratamiento, prisión u hospital), tu cuerpo ya no tolera la cantidad de antes, y el riesgo de sobredosis es mucho mayor.")}
                </li>
            </ul>
    }
}
