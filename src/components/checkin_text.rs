//! The check-in text to a sponsor, offered once the day's check-in is done:
//! the message is shown before anything leaves, the person chooses what it
//! says (remembered with the plan's sharing choices) and may add a line, and
//! their own messages app or share sheet sends it. Steady sends nothing.
//! Its code goes with the plan screen's, whose sharing code it uses (a module
//! of its own, or code shared by two, adds to the first load).

use leptos::prelude::*;

use crate::components::clock::Clock;
use crate::components::files::share_or_copy;
use crate::domain::checkin::CheckIn;
use crate::domain::checkin_text::{message, sms_link, Part};
use crate::domain::plan::texted_first;
use crate::domain::dates::iso_date;
use crate::domain::i18n::fill;
use crate::split::split_view;
use crate::storage::{keep_draft, keep_form, kept_form, Store};

/// The added line, kept for its day only (through a reload or the lock) until the day changes.
const DRAFT: &str = "checkin-text";

split_view!(plan, fn checkin_text_panel(checkin: CheckIn) { view! { <CheckInText checkin/> } });

#[component]
fn CheckInText(checkin: CheckIn) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let parts = RwSignal::new(store.plan().with_untracked(|p| p.share_choices().checkin).unwrap_or_else(|| Part::FIRST_CHOICE.to_vec()));
    let day_key = iso_date(checkin.date);
    let line = RwSignal::new(match kept_form::<(String, String)>(DRAFT) {
        Some(Ok((kept_day, text))) if kept_day == day_key => text,
        _ => String::new(),
    });
    let status = RwSignal::new(None::<String>);

    let choose = move |part: Part, on: bool| {
        parts.update(|p| {
            p.retain(|x| *x != part);
            if on {
                p.push(part);
            }
        });
        let chosen = parts.get_untracked();
        // Remembered for next time (a failed write shows the save-error banner; this message keeps the choice).
        let _ = store.plan().modify(|plan| -> Result<(), ()> {
            let mut choices = plan.share_choices();
            choices.checkin = Some(chosen);
            plan.set_share_choices(&choices);
            Ok(())
        });
    };
    let write_line = move |text: String| {
        let kept = if text.trim().is_empty() { keep_draft(DRAFT, None) } else { keep_form(DRAFT, &(&day_key, &text)) };
        line.set(text);
        status.set(kept.err());
    };

    let text = Memo::new(move |_| {
        let days = store.counters().with(|c| c.main().map(|c| c.days(clock.local())));
        parts.with(|p| line.with(|l| message(p, days, &checkin, l)))
    });
    let text_now = move || text.get_untracked();
    let to = Memo::new(move |_| {
        let region = store.settings().with(|s| s.region);
        store.plan().with(|plan| texted_first(&plan.contacts(region)).map(|c| (c.name.clone(), c.tel.clone())))
    });

    let share = move |_| {
        let text = text_now();
        leptos::task::spawn_local(async move {
            let copied = tr!("This browser can't open a share sheet, so the message was copied. Paste it into a text to your sponsor.");
            let neither = tr!("This browser can't share or copy. Select the message above and copy it.");
            status.set(Some(share_or_copy(tr!("Daily check-in"), &text, copied, neither).await));
        });
    };

    view! {
        <div class="sponsor-text" role="region" aria-labelledby="sponsor-text-title" data-testid="sponsor-checkin-panel">
            <h3 id="sponsor-text-title">
                {move || match to.get() {
                    Some((name, _)) => fill(tr!("A check-in text to {}"), &[&name]),
                    None => tr!("A check-in text to your sponsor").to_string(),
                }}
            </h3>
            <fieldset class="checks">
                <legend>{tr!("Include (remembered for next time)")}</legend>
                {Part::ALL.map(|part| {
                    let id = format!("sponsor-checkin-{}", part.key());
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone() data-testid=format!("sponsor-checkin-include-{}", part.key())
                                prop:checked=move || parts.with(|p| p.contains(&part))
                                on:change=move |ev| choose(part, event_target_checked(&ev))/>
                            <label for=id>{part.label()}</label>
                        </div>
                    }
                }).into_iter().collect_view()}
            </fieldset>
            <div class="field">
                <label for="sponsor-checkin-line">{tr!("Add a line (optional)")}</label>
                <textarea id="sponsor-checkin-line" rows="2" maxlength="500" data-testid="sponsor-checkin-line"
                    prop:value=move || line.get()
                    on:input=move |ev| write_line(event_target_value(&ev))></textarea>
            </div>
            <p>{tr!("The message, as it will open in your messages app (you can still change it there):")}</p>
            <p class="sent-text" data-testid="sponsor-checkin-message">{move || text.get()}</p>
            {move || match (Some(text.get()).filter(|t| !t.trim().is_empty()), to.get()) {
                (None, _) => view! { <p class="hint">{tr!("Choose something to include, or add a line.")}</p> }.into_any(),
                (Some(t), Some((name, tel))) => view! {
                    <div class="actions">
                        <a class="button" data-testid="sponsor-checkin-send" href=sms_link(&tel, &t)>{fill(tr!("Text {}"), &[&name])}</a>
                        <button type="button" class="button secondary" data-testid="sponsor-checkin-share" on:click=share>{tr!("Share or copy")}</button>
                    </div>
                }.into_any(),
                (Some(_), None) => view! {
                    <p class="hint" data-testid="sponsor-checkin-nobody">
                        {tr!("To text your sponsor from here, add their number to the support people in ")}
                        <a href="/plan">{tr!("your plan")}</a>"."
                    </p>
                    <div class="actions">
                        <button type="button" class="button" data-testid="sponsor-checkin-share" on:click=share>{tr!("Share or copy")}</button>
                    </div>
                }.into_any(),
            }}
            <p class="hint" role="status" data-testid="sponsor-checkin-status">{move || status.get()}</p>
            <p class="hint">{tr!("Steady sends nothing itself: you see the message and send it.")}</p>
        </div>
    }
}
