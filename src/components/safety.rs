//! One-line safety offers shown where they matter: which country's emergency
//! number is shown (with a one-tap change), "don't use alone" with the
//! country's line, and a crisis line after a very low mood. Facts and lines
//! from `shared/content-facts.md` and the safety review of 2026-12-06.

use leptos::prelude::*;

use crate::domain::helplines::Region;
use crate::domain::i18n::fill;
use crate::split::{lazy_part, split_view};
use crate::storage::Store;

/// "Emergency number for the United Kingdom: 999", next to the emergency call
/// button, with "Change country" (and, while the country is a guess, "That's
/// right"). With `lock` (the lock screen, where the settings can't be read or
/// written) a change only changes what that screen shows; otherwise it is saved.
#[component]
pub fn EmergencyCountry(region: Signal<Region>, #[prop(optional)] lock: Option<RwSignal<Region>>) -> impl IntoView {
    // The lock screen has no store (and its country is never called a guess).
    let store = lock.is_none().then(expect_context::<Store>);
    let guessed = move || store.is_some_and(|store| store.settings().with(|s| !s.region_is_chosen()));
    view! {
        <div class="emergency-country" data-testid="emergency-country">
            <p>
                {move || {
                    let r = region.get();
                    let shown = fill(tr!("Emergency number for {}: {}"), &[r.name(), r.emergency().call.display]);
                    if guessed() { shown + tr!(" (a guess from your time zone)") } else { shown }
                }}
            </p>
            // The buttons and the list of countries are split off (with the overdose steps),
            // so the first download holds only the line above.
            // Its row's height is kept meanwhile, so nothing below moves when they arrive.
            <div class="country-actions">{lazy_part(move || country_actions(region, lock))}</div>
        </div>
    }
}

/// The country in the person's settings (a guess until they pick one).
pub fn stored_region() -> Signal<Region> {
    let store = expect_context::<Store>();
    Signal::derive(move || store.settings().with(|s| s.region))
}

split_view!(overdose, fn country_actions(region: Signal<Region>, lock: Option<RwSignal<Region>>) { view! { <CountryActions region lock/> } });

#[component]
fn CountryActions(region: Signal<Region>, lock: Option<RwSignal<Region>>) -> impl IntoView {
    let store = lock.is_none().then(expect_context::<Store>);
    let guessed = move || store.is_some_and(|store| store.settings().with(|s| !s.region_is_chosen()));
    let choose = move |picked: Region| match (lock, store) {
        (Some(shown), _) => shown.set(picked),
        (None, Some(store)) => {
            let _ = store.settings().modify(|s| {
                s.choose_region(picked);
                Ok::<_, ()>(())
            });
        }
        (None, None) => {}
    };
    let open = RwSignal::new(false);
    let pick = move |ev| {
        if let Some(picked) = Region::from_code(&event_target_value(&ev)) {
            choose(picked);
            open.set(false);
        }
    };
    view! {
        <div class="actions">
            <button type="button" class="button secondary" data-testid="region-change" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                {tr!("Change country")}
            </button>
            {move || (guessed() && !open.get()).then(|| view! {
                <button type="button" class="button secondary" data-testid="region-confirm" on:click=move |_| choose(region.get_untracked())>
                    {tr!("That's right")}
                </button>
            })}
        </div>
        // Labelled by wrapping, not by id: a screen may show two.
        {move || open.get().then(|| view! {
            <label class="field">
                {tr!("Your country")}
                <select data-testid="region-change-select" on:change=pick>
                    {Region::ALL.into_iter().map(|r| view! {
                        <option value=r.code() selected=region.get_untracked() == r>{r.name()}</option>
                    }).collect_view()}
                </select>
            </label>
        })}
    }
}

/// "Don't use alone", with a one-tap call to the country's line where it has
/// one (someone stays on the line and sends help if the caller stops
/// answering), and otherwise asking for someone to check in. Shown wherever
/// use is recorded or risked.
#[component]
pub fn UseAloneLine(
    /// The country; the one in the person's settings if not given (the lock screen gives its own).
    #[prop(optional)]
    region: Option<Signal<Region>>,
) -> impl IntoView {
    let region = region.unwrap_or_else(|| {
        let store = expect_context::<Store>();
        Signal::derive(move || store.settings().with(|s| s.region))
    });
    let line = move || region.get().use_alone_line();
    move || match line() {
        Some(line) => view! {
            <p class="use-alone" data-testid="use-alone-line">
                {fill(tr!("If you use again, don't use alone. If you can't avoid it, call {} first: they stay on the line and send help if you stop answering. "), &[line.name.get()])}
                <a class="button secondary" href=line.call.tel_href() data-testid="use-alone-call">
                    {tr!("Call ")} <span class="number">{line.call.display}</span>
                </a>
            </p>
        }.into_any(),
        None => view! {
            <p class="use-alone" data-testid="use-alone-line">
                {tr!("If you use again, don't use alone: ask someone you trust to stay with you or check on you.")}
            </p>
        }.into_any(),
    }
}

/// After a very low mood: a kind line and a one-tap call (and text, where the
/// line takes texts) to the country's crisis line. The safety review's
/// judgement (standard in mental-health apps; high suicide risk in this group).
#[component]
pub fn CrisisOffer() -> impl IntoView {
    let store = expect_context::<Store>();
    let line = move || store.settings().with(|s| s.region).crisis_line();
    move || {
        let line = line();
        view! {
            <div class="warning" id="crisis-offer" tabindex="-1" data-testid="crisis-offer">
                <p>
                    {fill(tr!("I'm sorry things are this hard. If you're thinking about suicide or don't feel safe, you can talk to {} now, any time."), &[line.name.get()])}
                </p>
                <div class="actions">
                    <a class="button" href=line.call.tel_href() data-testid="crisis-call">{tr!("Call ")} <span class="number">{line.call.display}</span></a>
                    {line.text.map(|text| view! { <a class="button secondary" href=text.href()>{text.label()}</a> })}
                </div>
            </div>
        }
    }
}

/// After the person says they used (SOS, a craving's outcome, Today's follow-up,
/// the check-in): the tolerance risk in words that can't be read as "the amount
/// you just took" (review (3).6; Strang et al., BMJ 2003), don't use alone, and
/// the way to the overdose guide.
#[component]
pub fn UsedSafety() -> impl IntoView {
    view! {
        <div class="warning" data-testid="used-safety">
            <p>
                {tr!("If it had been a while, please be careful: the amount you used to take before your break could now stop your breathing, especially with fentanyl.")}
            </p>
            <UseAloneLine/>
            <a href="/help/overdose">{tr!("What to do in an overdose")}</a>
        </div>
    }
}
