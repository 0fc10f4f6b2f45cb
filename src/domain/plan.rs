//! The relapse-prevention plan: sections drawn from WRAP-style worksheets and,
//! for the crisis part, the six Stanley–Brown safety-planning steps
//! (shared/content-facts.md). Items are plain text the person writes.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::helplines::Region;
use super::i18n::fill;
use super::phone::{typed_digits, Dial};

/// A section of the plan as the person sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Reasons,
    Wellness,
    Triggers,
    WarningSigns,
    Coping,
    Support,
    Treatment,
    Slip,
    Crisis,
}

/// One list of items. Most sections have one; the crisis plan has one per step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum List {
    #[serde(rename = "reasons")]
    Reasons,
    #[serde(rename = "wellness")]
    Wellness,
    #[serde(rename = "triggers")]
    Triggers,
    #[serde(rename = "warning-signs")]
    WarningSigns,
    #[serde(rename = "coping")]
    Coping,
    #[serde(rename = "support")]
    Support,
    #[serde(rename = "treatment")]
    Treatment,
    #[serde(rename = "slip")]
    Slip,
    #[serde(rename = "crisis-1")]
    CrisisSigns,
    #[serde(rename = "crisis-2")]
    CrisisOnMyOwn,
    #[serde(rename = "crisis-3")]
    CrisisDistract,
    #[serde(rename = "crisis-4")]
    CrisisAskForHelp,
    #[serde(rename = "crisis-5")]
    CrisisProfessionals,
    #[serde(rename = "crisis-6")]
    CrisisSafeSurroundings,
}

/// What kind of fields an item in a list has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// One line of text.
    Text,
    /// Something and what I'll do about it (triggers, warning signs).
    WithResponse,
    /// A support person: name, role, phone.
    Person,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Reasons,
        Section::Wellness,
        Section::Triggers,
        Section::WarningSigns,
        Section::Coping,
        Section::Support,
        Section::Treatment,
        Section::Slip,
        Section::Crisis,
    ];

    /// Stable key, used in test ids and when choosing what to share.
    pub fn key(self) -> &'static str {
        match self {
            Section::Reasons => "reasons",
            Section::Wellness => "wellness",
            Section::Triggers => "triggers",
            Section::WarningSigns => "warning-signs",
            Section::Coping => "coping",
            Section::Support => "support",
            Section::Treatment => "treatment",
            Section::Slip => "slip",
            Section::Crisis => "crisis",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Reasons => tr!("My reasons for recovery"),
            Section::Wellness => tr!("What keeps me well"),
            Section::Triggers => tr!("My triggers and what I'll do"),
            Section::WarningSigns => tr!("Early warning signs and what I'll do"),
            Section::Coping => tr!("My coping strategies"),
            Section::Support => tr!("My support people"),
            Section::Treatment => tr!("My treatment"),
            Section::Slip => tr!("If I slip"),
            Section::Crisis => tr!("My crisis plan"),
        }
    }

    /// One line of guidance shown above the section.
    pub fn guidance(self) -> &'static str {
        match self {
            Section::Reasons => tr!("Why recovery matters to you — people, hopes, things you want back. Read these on hard days."),
            Section::Wellness => tr!("What you're like when you're doing well, and the daily things that keep you there: sleep, meals, meetings, movement."),
            Section::Triggers => tr!("People, places, things and feelings that set off cravings — and what you'll do when you meet each one."),
            Section::WarningSigns => tr!("Changes that tell you things are slipping (skipping meetings, isolating, old thinking) and what you'll do then."),
            Section::Coping => tr!("Things that help you ride out a craving. They also appear on the Cope screen."),
            Section::Support => tr!("People you can call: your sponsor, counsellor, family, friends. They appear at the top of Help."),
            Section::Treatment => tr!("Medication and appointments. Medication for opioid use disorder — buprenorphine, methadone, naltrexone — is treatment, and part of recovery."),
            Section::Slip => tr!("The steps you'll take in the first 24 hours after a slip: who you'll tell, where you'll go, how you'll stay safe."),
            Section::Crisis => tr!("Six steps for a crisis, from noticing the signs to making your surroundings safe. Work down the list until you're safe."),
        }
    }

    /// A shortcut shown above the steps, for when working down the list would
    /// take too long. Safety review 2026-12-06 (3).9: someone who may act on
    /// thoughts of suicide, or is in danger now, should call at once, not start at
    /// step 1 (Stanley–Brown: step 5 is professionals and crisis lines).
    pub fn urgent_note(self) -> Option<&'static str> {
        match self {
            Section::Crisis => Some(tr!("If you're thinking about suicide and feel you might act on it, or you're in danger right now, skip the other steps: go straight to step 5 and call.")),
            _ => None,
        }
    }

    pub fn lists(self) -> &'static [List] {
        match self {
            Section::Reasons => &[List::Reasons],
            Section::Wellness => &[List::Wellness],
            Section::Triggers => &[List::Triggers],
            Section::WarningSigns => &[List::WarningSigns],
            Section::Coping => &[List::Coping],
            Section::Support => &[List::Support],
            Section::Treatment => &[List::Treatment],
            Section::Slip => &[List::Slip],
            Section::Crisis => &[
                List::CrisisSigns,
                List::CrisisOnMyOwn,
                List::CrisisDistract,
                List::CrisisAskForHelp,
                List::CrisisProfessionals,
                List::CrisisSafeSurroundings,
            ],
        }
    }
}

impl List {
    pub fn kind(self) -> ItemKind {
        match self {
            List::Triggers | List::WarningSigns => ItemKind::WithResponse,
            List::Support => ItemKind::Person,
            _ => ItemKind::Text,
        }
    }

    /// Heading for the crisis steps; `None` for lists that are a whole section.
    pub fn step_title(self) -> Option<&'static str> {
        Some(match self {
            List::CrisisSigns => tr!("1. Warning signs that a crisis may be coming"),
            List::CrisisOnMyOwn => tr!("2. Things I can do on my own"),
            List::CrisisDistract => tr!("3. People and places that take my mind off things"),
            List::CrisisAskForHelp => tr!("4. People I can ask for help"),
            List::CrisisProfessionals => tr!("5. Professionals and crisis lines"),
            List::CrisisSafeSurroundings => tr!("6. Making my surroundings safe"),
            _ => return None,
        })
    }

    pub fn key(self) -> String {
        super::stored_name(&self)
    }

    /// Ideas to start from, offered under the list (content-facts.md).
    pub fn prompts(self) -> Vec<&'static str> {
        match self {
            // Lethal-means safety, Stanley–Brown safety planning step 6 (safety review
            // 2026-12-06, 2.8; Simonetti et al. 2021): firearms and medicines first.
            List::CrisisSafeSurroundings => vec![
                tr!("Firearms: unloaded and locked up, or kept by someone I trust for now: "),
                tr!("Medicines I don't need right now: locked away, or kept by someone I trust: "),
                tr!("Alcohol and drugs: out of my home"),
                tr!("My naloxone is kept: "),
                tr!("People who know where my naloxone is: "),
                tr!("Old medication I no longer take: taken back to the pharmacy"),
            ],
            _ => Vec::new(),
        }
    }

    /// What the main text field is called.
    pub fn text_label(self) -> &'static str {
        match self {
            List::Triggers => tr!("Trigger"),
            List::WarningSigns => tr!("Warning sign"),
            List::Support => tr!("Name"),
            List::Treatment => tr!("Medication or appointment"),
            _ => tr!("Item"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    #[serde(rename = "sponsor")]
    Sponsor,
    #[serde(rename = "counsellor")]
    Counsellor,
    #[serde(rename = "family")]
    Family,
    #[serde(rename = "friend")]
    Friend,
    #[serde(rename = "other")]
    Other,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Sponsor, Role::Counsellor, Role::Family, Role::Friend, Role::Other];
    pub fn label(self) -> &'static str {
        match self {
            Role::Sponsor => tr!("Sponsor"),
            Role::Counsellor => tr!("Counsellor"),
            Role::Family => tr!("Family"),
            Role::Friend => tr!("Friend"),
            Role::Other => tr!(context = "role", "Other"),
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Role::Sponsor => "sponsor",
            Role::Counsellor => "counsellor",
            Role::Family => "family",
            Role::Friend => "friend",
            Role::Other => "other",
        }
    }
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    pub id: u32,
    /// The item, or the person's name.
    pub text: String,
    /// What I'll do about it (triggers, warning signs).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub response: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// As typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// The number normalised under the country it was entered under. `None`
    /// with a number: stored before this was kept (see [`Plan::settle_phones`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dial: Option<Dial>,
}

impl PlanItem {
    /// A one-line item, as a new entry starts.
    pub fn with_text(text: impl Into<String>) -> PlanItem {
        PlanItem { id: 0, text: text.into(), response: String::new(), role: None, phone: String::new(), dial: None }
    }

    pub fn is_sponsor(&self) -> bool {
        self.role == Some(Role::Sponsor)
    }

    /// A number typed now, read under the helpline country in use now.
    pub fn set_phone(&mut self, typed: String, country: Region) {
        self.dial = (!typed.trim().is_empty()).then(|| Dial::read(&typed, country));
        self.phone = typed;
    }

    /// The country a number is read under: the one it was entered under, if known.
    pub fn phone_country(&self, in_use: Region) -> Region {
        self.dial.as_ref().map_or(in_use, |d| d.country)
    }
}

/// A support person as Help and the craving SOS offer them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub role: Option<Role>,
    /// The number as typed.
    pub shown: String,
    /// What `tel:` and `sms:` links dial: the normalised number, or the digits
    /// as typed when it couldn't be normalised (then possibly empty).
    pub tel: String,
    /// The number couldn't be normalised: say so, and where to fix it.
    pub needs_fixing: bool,
}

/// Where the guided first run has got to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Guide {
    #[default]
    #[serde(rename = "not-started")]
    NotStarted,
    /// On this section (index into [`Section::ALL`]).
    #[serde(rename = "at")]
    At(usize),
    #[serde(rename = "done")]
    Done,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub lists: BTreeMap<List, Vec<PlanItem>>,
    #[serde(default)]
    pub guide: Guide,
    /// What was chosen for the last plan link: a [`ShareChoices`] (see `domain::share`) as JSON
    /// text. The first load reads the plan; kept as text, the code that reads these choices
    /// comes with the plan screen instead (the first load has a size budget).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub share: String,
}

/// What the person chose for their last link, kept with the plan for the next one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShareChoices {
    /// Made with the first link; the same on every link after it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The person's own number, if they chose to include it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// What the check-in text to their sponsor says, once chosen (see `domain::checkin_text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkin: Option<Vec<super::checkin_text::Part>>,
}

impl ShareChoices {
    pub fn is_unset(&self) -> bool {
        *self == ShareChoices::default()
    }
}

/// Whom a check-in text goes to (`domain::checkin_text`): the sponsor in the plan's support people if there is
/// one with a number, else the first person with a number that can be dialled.
pub fn texted_first(contacts: &[Contact]) -> Option<&Contact> {
    let reachable = || contacts.iter().filter(|c| !c.tel.is_empty());
    reachable().find(|c| c.role == Some(Role::Sponsor)).or_else(|| reachable().next())
}

pub const MAX_ITEM_TEXT: usize = 1_000;

impl Plan {
    /// The choices for plan links; none if they can't be read (they are only a convenience).
    pub fn share_choices(&self) -> ShareChoices {
        serde_json::from_str(&self.share).unwrap_or_default()
    }

    pub fn set_share_choices(&mut self, choices: &ShareChoices) {
        self.share = match choices.is_unset() {
            true => String::new(),
            false => serde_json::to_string(choices).unwrap_or_default(),
        };
    }

    pub fn items(&self, list: List) -> &[PlanItem] {
        self.lists.get(&list).map_or(&[], Vec::as_slice)
    }

    pub fn count(&self, section: Section) -> usize {
        section.lists().iter().map(|l| self.items(*l).len()).sum()
    }

    pub fn is_filled(&self, section: Section) -> bool {
        self.count(section) > 0
    }

    fn next_id(&self) -> u32 {
        self.lists.values().flatten().map(|i| i.id).max().map_or(1, |id| id + 1)
    }

    /// Adds an item at the end of a list; blank text is refused.
    pub fn add(&mut self, list: List, mut item: PlanItem) -> Result<u32, &'static str> {
        check(&item)?;
        item.id = self.next_id();
        let id = item.id;
        self.lists.entry(list).or_default().push(item);
        Ok(id)
    }

    /// Step 5 of the crisis plan ("Professionals and crisis lines") starts with
    /// the country's crisis line, name and number (safety review 2026-12-06, 2.8;
    /// `Region::crisis_line`, numbers checked in content-facts.md). How it's done:
    /// - While the step is empty, the line is *not stored*. It is worked out from
    ///   the helpline country each time the plan is shown, shared or printed, so
    ///   it follows a change of country (and of language) while untouched, and it
    ///   can never overwrite anything the person wrote: it writes nothing. Storing
    ///   it up front would also make every new phone look as if it held a plan
    ///   (backups, "Delete everything", the install card's "anything to lose?").
    /// - The first entry the person adds to the step keeps it: [`Plan::add_in`]
    ///   stores it as it reads then, above theirs, so the line on screen doesn't
    ///   vanish as they add their counsellor. From then on it's their own entry,
    ///   to edit or delete like any other, and it stays as it is.
    /// - If they delete everything in the step, it's empty again and the line is back.
    pub fn crisis_line_prefill(&self, region: Region) -> Option<PlanItem> {
        self.items(List::CrisisProfessionals).is_empty().then(|| {
            let line = region.crisis_line();
            PlanItem::with_text(format!("{}: {}", line.name.get(), line.call.display))
        })
    }

    /// Adds an item to a list as the person sees it: in an empty step 5, the
    /// prefilled crisis line is kept first (see [`Plan::crisis_line_prefill`]).
    pub fn add_in(&mut self, list: List, item: PlanItem, region: Region) -> Result<u32, &'static str> {
        check(&item)?;
        if let Some(line) = self.crisis_line_prefill(region).filter(|_| list == List::CrisisProfessionals) {
            self.add(list, line)?;
        }
        self.add(list, item)
    }

    /// The plan as it is shown, shared and printed: with the prefilled crisis
    /// line in an empty step 5. What is stored is untouched.
    pub fn as_shown(&self, region: Region) -> Cow<'_, Plan> {
        match self.crisis_line_prefill(region) {
            Some(line) => {
                let mut plan = self.clone();
                plan.lists.entry(List::CrisisProfessionals).or_default().push(line);
                Cow::Owned(plan)
            }
            None => Cow::Borrowed(self),
        }
    }

    /// Replaces an item's fields (keeping its id and place).
    pub fn update(&mut self, list: List, item: PlanItem) -> Result<(), &'static str> {
        check(&item)?;
        if let Some(slot) = self.lists.get_mut(&list).and_then(|l| l.iter_mut().find(|i| i.id == item.id)) {
            *slot = item;
        }
        Ok(())
    }

    pub fn remove(&mut self, list: List, id: u32) -> Option<(usize, PlanItem)> {
        let items = self.lists.get_mut(&list)?;
        let at = items.iter().position(|i| i.id == id)?;
        Some((at, items.remove(at)))
    }

    /// Puts a removed item back (Undo). If its id was given to a newer item
    /// meanwhile, it gets a fresh one, so ids stay unique.
    pub fn restore(&mut self, list: List, at: usize, mut item: PlanItem) {
        if self.items(list).iter().any(|i| *i == item) {
            return;
        }
        if self.lists.values().flatten().any(|i| i.id == item.id) {
            item.id = self.next_id();
        }
        let items = self.lists.entry(list).or_default();
        items.insert(at.min(items.len()), item);
    }

    /// Moves an item one place up (`-1`) or down (`1`).
    pub fn shift(&mut self, list: List, id: u32, by: isize) {
        if let Some(items) = self.lists.get_mut(&list) {
            if let Some(at) = items.iter().position(|i| i.id == id) {
                let to = at as isize + by;
                if (0..items.len() as isize).contains(&to) {
                    items.swap(at, to as usize);
                }
            }
        }
    }

    /// Support people, sponsors first, each group in the person's order.
    pub fn support_people(&self) -> Vec<&PlanItem> {
        let mut people: Vec<&PlanItem> = self.items(List::Support).iter().collect();
        people.sort_by_key(|p| !p.is_sponsor());
        people
    }

    /// The support people to call (those with a number), sponsors first. A
    /// number that can't be normalised is still offered, as typed, never dropped.
    /// `in_use` reads only numbers not yet settled (see [`Plan::settle_phones`]).
    /// The person a "Call …" button on SOS, the check-in, the weekly look-back
    /// and the overdose-risk card calls: the first support person with a number to dial.
    pub fn first_to_call(&self, in_use: Region) -> Option<Contact> {
        self.contacts(in_use).into_iter().find(|c| !c.tel.is_empty())
    }

    pub fn contacts(&self, in_use: Region) -> Vec<Contact> {
        self.support_people()
            .into_iter()
            .filter(|p| !p.phone.trim().is_empty())
            .map(|p| {
                let tel = match &p.dial {
                    Some(dial) => dial.tel.clone(),
                    None => Dial::read(&p.phone, in_use).tel,
                };
                let needs_fixing = tel.is_empty();
                Contact {
                    name: p.text.clone(),
                    role: p.role,
                    shown: p.phone.clone(),
                    tel: if needs_fixing { typed_digits(&p.phone) } else { tel },
                    needs_fixing,
                }
            })
            .collect()
    }

    /// Numbers stored before their country was kept with them are read once,
    /// under the country in use now, so a later change of country can't change
    /// whom they call. True if anything changed (and should be stored).
    pub fn settle_phones(&mut self, in_use: Region) -> bool {
        let mut changed = false;
        for item in self.lists.values_mut().flatten() {
            if item.dial.is_none() && !item.phone.trim().is_empty() {
                item.dial = Some(Dial::read(&item.phone, in_use));
                changed = true;
            }
        }
        changed
    }

    /// What each number dials, worked out again from the number shown and the
    /// country it was entered under, so a backup can't show one number and
    /// dial another. True if anything changed.
    pub fn redial(&mut self) -> bool {
        let mut changed = false;
        for item in self.lists.values_mut().flatten() {
            let fresh = match &item.dial {
                Some(dial) if !item.phone.trim().is_empty() => Some(Dial::read(&item.phone, dial.country)),
                _ => None,
            };
            if fresh != item.dial {
                item.dial = fresh;
                changed = true;
            }
        }
        changed
    }

    pub fn trigger_names(&self) -> Vec<String> {
        self.items(List::Triggers).iter().map(|i| i.text.clone()).collect()
    }

    /// Coping strategies as (item id, text): the id keeps ratings attached when the list is reordered.
    pub fn coping_strategies(&self) -> Vec<(u32, String)> {
        self.items(List::Coping).iter().map(|i| (i.id, i.text.clone())).collect()
    }
}

fn check(item: &PlanItem) -> Result<(), &'static str> {
    if item.text.trim().is_empty() {
        return Err(tr!("Write something first."));
    }
    if [&item.text, &item.response, &item.phone].iter().any(|t| t.chars().count() > MAX_ITEM_TEXT) {
        return Err(tr!("That's very long — keep each item under 1,000 characters."));
    }
    Ok(())
}

/// The plan as plain text, for sharing with a sponsor or counsellor. Only the
/// chosen sections, in plan order; empty sections are left out. Written in the
/// language in use when it is called (`Lang::Es.while_current(|| plain_text(…))`
/// gives a Spanish plan); the person's own words are kept exactly as written.
pub fn plain_text(plan: &Plan, include: &[Section], date: NaiveDate) -> String {
    let mut out = tr!("My relapse-prevention plan").to_uppercase();
    out.push('\n');
    out.push_str(&fill(tr!("Written with Steady · {}"), &[&super::dates::long_date(date)]));
    out.push('\n');
    for section in Section::ALL.into_iter().filter(|s| include.contains(s) && plan.is_filled(*s)) {
        let title = section.title();
        out.push_str(&format!("\n{}\n{}\n", title.to_uppercase(), "-".repeat(title.chars().count())));
        for list in section.lists() {
            let items = plan.items(*list);
            if items.is_empty() {
                continue;
            }
            if let Some(step) = list.step_title() {
                out.push_str(&format!("{step}\n"));
            }
            for item in items {
                out.push_str(&format!("- {}", one_line(&item.text)));
                if let Some(role) = item.role {
                    out.push_str(&format!(" ({})", role.label().to_lowercase()));
                }
                if !item.phone.trim().is_empty() {
                    out.push_str(&format!(": {}", one_line(&item.phone)));
                }
                out.push('\n');
                if !item.response.trim().is_empty() {
                    out.push_str("  ");
                    out.push_str(&fill(tr!("What I'll do: {}"), &[&one_line(&item.response)]));
                    out.push('\n');
                }
            }
        }
    }
    if include.iter().all(|s| !plan.is_filled(*s)) {
        out.push('\n');
        out.push_str(tr!("(No sections chosen have anything in them yet.)"));
        out.push('\n');
    }
    out
}

/// Keeps each item on its own line: line breaks inside an item are indented.
fn one_line(text: &str) -> String {
    text.trim().lines().map(str::trim_end).collect::<Vec<_>>().join("\n    ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> PlanItem {
        PlanItem { id: 0, text: text.into(), response: String::new(), role: None, phone: String::new(), dial: None }
    }
    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn add_edit_reorder_delete_restore() {
        let mut plan = Plan::default();
        let a = plan.add(List::Reasons, item("My kids")).unwrap();
        let b = plan.add(List::Reasons, item("My health")).unwrap();
        assert_ne!(a, b);
        assert!(plan.add(List::Reasons, item("   ")).is_err());
        plan.shift(List::Reasons, b, -1);
        assert_eq!(plan.items(List::Reasons)[0].text, "My health");
        plan.shift(List::Reasons, b, -1); // already first: nothing happens
        assert_eq!(plan.items(List::Reasons)[0].id, b);
        let mut edited = plan.items(List::Reasons)[1].clone();
        edited.text = "My children".into();
        plan.update(List::Reasons, edited).unwrap();
        assert_eq!(plan.items(List::Reasons)[1].text, "My children");
        let (at, removed) = plan.remove(List::Reasons, b).unwrap();
        assert_eq!(plan.count(Section::Reasons), 1);
        plan.restore(List::Reasons, at, removed);
        assert_eq!(plan.items(List::Reasons).iter().map(|i| i.id).collect::<Vec<_>>(), [b, a]);
        assert!(plan.is_filled(Section::Reasons) && !plan.is_filled(Section::Crisis));
    }

    #[test]
    fn undo_after_the_id_was_reused_keeps_ids_unique() {
        let mut plan = Plan::default();
        plan.add(List::Coping, item("Walk")).unwrap();
        let b = plan.add(List::Coping, item("Call Sam")).unwrap();
        let (at, removed) = plan.remove(List::Coping, b).unwrap();
        let reused = plan.add(List::Triggers, item("Payday")).unwrap();
        assert_eq!(reused, b, "the freed id is handed out again");
        plan.restore(List::Coping, at, removed);
        assert_eq!(plan.items(List::Coping).len(), 2);
        let mut ids: Vec<u32> = plan.lists.values().flatten().map(|i| i.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 3);
    }

    #[test]
    fn sponsors_come_first() {
        let mut plan = Plan::default();
        for (name, role) in [("Mum", Role::Family), ("Sam", Role::Sponsor), ("Dr Lee", Role::Counsellor)] {
            plan.add(List::Support, PlanItem { role: Some(role), ..item(name) }).unwrap();
        }
        let names: Vec<&str> = plan.support_people().iter().map(|p| p.text.as_str()).collect();
        assert_eq!(names, ["Sam", "Mum", "Dr Lee"]);
    }

    fn person(name: &str, role: Option<Role>, phone: &str, entered_under: Region) -> PlanItem {
        let mut p = PlanItem { role, ..item(name) };
        p.set_phone(phone.into(), entered_under);
        p
    }

    #[test]
    fn a_national_number_calls_the_country_it_was_entered_under() {
        use Region::*;
        let mut plan = Plan::default();
        plan.add(List::Support, person("Mum", Some(Role::Family), "07700 900123", UnitedKingdom)).unwrap();
        plan.add(List::Support, person("Sam", Some(Role::Sponsor), "(555) 123-4567", UnitedStates)).unwrap();
        // The helpline country is now the US (then Australia): Mum is still a UK number.
        for in_use in [UnitedStates, Australia] {
            let people = plan.contacts(in_use);
            let calls: Vec<(&str, &str, bool)> =
                people.iter().map(|c| (c.name.as_str(), c.tel.as_str(), c.needs_fixing)).collect();
            assert_eq!(calls, [("Sam", "+15551234567", false), ("Mum", "+447700900123", false)]);
        }
        assert_eq!(plan.contacts(UnitedStates)[1].shown, "07700 900123");
    }

    #[test]
    fn a_number_that_cant_be_normalised_still_shows_the_person_as_typed() {
        let mut plan = Plan::default();
        plan.add(List::Support, person("Jo", Some(Role::Friend), "555-CALL-NOW", Region::UnitedStates)).unwrap();
        plan.add(List::Support, person("Al", None, "call me maybe", Region::UnitedStates)).unwrap();
        plan.add(List::Support, person("No number", None, " ", Region::UnitedStates)).unwrap();
        let people = plan.contacts(Region::UnitedStates);
        let found: Vec<(&str, &str, &str, bool)> =
            people.iter().map(|c| (c.name.as_str(), c.shown.as_str(), c.tel.as_str(), c.needs_fixing)).collect();
        assert_eq!(found, [("Jo", "555-CALL-NOW", "555", true), ("Al", "call me maybe", "", true)]);
        // The first with anything to dial is the one a "Call …" button calls.
        let mut no_digits_first = Plan::default();
        no_digits_first.add(List::Support, person("Al", None, "call me maybe", Region::UnitedStates)).unwrap();
        assert_eq!(no_digits_first.first_to_call(Region::UnitedStates), None);
        assert_eq!(plan.first_to_call(Region::UnitedStates).map(|c| c.name), Some("Jo".to_string()));
    }

    #[test]
    fn numbers_stored_before_their_country_was_kept_are_settled_once_under_the_country_in_use() {
        // As stored by earlier versions: the number only.
        let old = r#"{"lists":{"support":[{"id":2,"text":"Sam","role":"sponsor","phone":"07700 900123"}]},"guide":"not-started"}"#;
        let mut plan: Plan = serde_json::from_str(old).unwrap();
        assert_eq!(serde_json::to_string(&plan).unwrap(), old, "reads and writes back unchanged");
        assert!(plan.settle_phones(Region::UnitedKingdom));
        assert!(!plan.settle_phones(Region::UnitedStates), "once");
        assert_eq!(plan.contacts(Region::UnitedStates)[0].tel, "+447700900123");
        let json = serde_json::to_string(&plan).unwrap();
        assert!(json.contains(r#""phone":"07700 900123","dial":{"country":"UK","tel":"+447700900123"}"#), "{json}");
        assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), plan);
        // Clearing a number clears what it dialled.
        let mut sam = plan.items(List::Support)[0].clone();
        sam.set_phone(String::new(), Region::UnitedStates);
        assert_eq!(sam.dial, None);
    }

    #[test]
    fn plain_text_has_every_section_in_order() {
        let mut plan = Plan::default();
        for section in Section::ALL {
            for list in section.lists() {
                plan.add(*list, item(&format!("{} item", list.key()))).unwrap();
            }
        }
        let text = plain_text(&plan, &Section::ALL, date());
        let mut last = 0;
        for section in Section::ALL {
            let at = text.find(&section.title().to_uppercase()).unwrap_or_else(|| panic!("{section:?} missing"));
            assert!(at > last, "{section:?} out of order");
            last = at;
        }
        assert!(text.starts_with("MY RELAPSE-PREVENTION PLAN\nWritten with Steady · 23 November 2026\n"));
        assert!(text.contains("6. Making my surroundings safe\n- crisis-6 item\n"));
    }

    #[test]
    fn plain_text_is_stable_and_readable() {
        let mut plan = Plan::default();
        plan.add(List::Reasons, item("My daughter, Ava ❤️")).unwrap();
        plan.add(List::Triggers, PlanItem { response: "Leave, call Sam".into(), ..item("Payday") }).unwrap();
        plan.add(List::Support, PlanItem { role: Some(Role::Sponsor), phone: "+1 555 123 4567".into(), ..item("Sam") }).unwrap();
        plan.add(List::Slip, item("Tell Sam\nGo to a meeting  \n\tthe same day")).unwrap();
        let text = plain_text(&plan, &[Section::Reasons, Section::Triggers, Section::Support, Section::Slip, Section::Crisis], date());
        assert_eq!(
            text,
            "MY RELAPSE-PREVENTION PLAN\n\
             Written with Steady · 23 November 2026\n\
             \n\
             MY REASONS FOR RECOVERY\n\
             -----------------------\n\
             - My daughter, Ava ❤️\n\
             \n\
             MY TRIGGERS AND WHAT I'LL DO\n\
             ----------------------------\n\
             - Payday\n  What I'll do: Leave, call Sam\n\
             \n\
             MY SUPPORT PEOPLE\n\
             -----------------\n\
             - Sam (sponsor): +1 555 123 4567\n\
             \n\
             IF I SLIP\n\
             ---------\n\
             - Tell Sam\n    Go to a meeting\n    \tthe same day\n"
        );
        assert_eq!(text, plain_text(&plan, &[Section::Crisis, Section::Slip, Section::Support, Section::Triggers, Section::Reasons], date()));
    }

    #[test]
    fn sharing_only_chosen_sections() {
        let mut plan = Plan::default();
        plan.add(List::Reasons, item("Private reason")).unwrap();
        plan.add(List::Coping, item("Walk")).unwrap();
        let text = plain_text(&plan, &[Section::Coping], date());
        assert!(text.contains("Walk") && !text.contains("Private reason"));
        let empty = plain_text(&Plan::default(), &Section::ALL, date());
        assert!(empty.contains("No sections chosen have anything in them yet."));
    }

    #[test]
    fn shared_in_spanish_the_headings_are_spanish_and_the_persons_words_are_untouched() {
        use crate::domain::i18n::Lang;
        let mut plan = Plan::default();
        let reason = "My daughter, Ava ❤️ — she's why";
        plan.add(List::Reasons, item(reason)).unwrap();
        plan.add(List::Triggers, PlanItem { response: "Leave, call Sam".into(), ..item("Payday") }).unwrap();
        plan.add(List::Support, PlanItem { role: Some(Role::Sponsor), phone: "+1 555 123 4567".into(), ..item("Sam") }).unwrap();
        plan.add(List::CrisisSafeSurroundings, item("Give my spare key to Mum")).unwrap();
        let english = plain_text(&plan, &Section::ALL, date());
        let spanish = Lang::Es.while_current(|| plain_text(&plan, &Section::ALL, date()));
        assert_eq!(Lang::current(), Lang::En, "the language in use is put back");
        assert!(spanish.starts_with("MI PLAN DE PREVENCIÓN DE RECAÍDAS\nHecho con Steady · 23 de noviembre de 2026\n"), "{spanish}");
        assert!(spanish.contains("\nMIS RAZONES PARA RECUPERARME\n----------------------------\n"), "{spanish}");
        assert!(spanish.contains("\nMIS DETONANTES Y QUÉ HARÉ\n"), "{spanish}");
        assert!(spanish.contains("6. Hacer que mi entorno sea seguro\n- Give my spare key to Mum\n"), "{spanish}");
        // The person's own words, byte for byte.
        assert!(spanish.contains(&format!("- {reason}\n")), "{spanish}");
        assert!(spanish.contains("- Payday\n  Lo que haré: Leave, call Sam\n"), "{spanish}");
        assert!(spanish.contains("- Sam (padrino o madrina): +1 555 123 4567\n"), "{spanish}");
        for english_heading in ["MY RELAPSE-PREVENTION PLAN", "MY REASONS FOR RECOVERY", "What I'll do", "(sponsor)"] {
            assert!(english.contains(english_heading) && !spanish.contains(english_heading), "{english_heading}");
        }
        // Asked again in the app's own language, it's English again.
        assert_eq!(plain_text(&plan, &Section::ALL, date()), english);
    }

    #[test]
    fn serialised_form_reads_back() {
        let mut plan = Plan::default();
        plan.add(List::CrisisProfessionals, item("988")).unwrap();
        plan.guide = Guide::At(3);
        let json = serde_json::to_string(&plan).unwrap();
        assert!(json.contains(r#""crisis-5""#), "{json}");
        assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), plan);
        assert_eq!(serde_json::from_str::<Plan>("{}").unwrap(), Plan::default());
    }

    #[test]
    fn list_keys_are_the_stored_names() {
        assert_eq!(List::CrisisSigns.key(), "crisis-1");
        assert_eq!(List::WarningSigns.key(), "warning-signs");
    }

    #[test]
    fn making_surroundings_safe_starts_with_firearms_medicines_and_alcohol_and_drugs() {
        use crate::domain::i18n::Lang;
        let prompts = List::CrisisSafeSurroundings.prompts();
        assert_eq!(prompts.len(), 6);
        assert!(prompts[0].starts_with("Firearms:") && prompts[0].contains("locked") && prompts[0].contains("someone I trust"), "{}", prompts[0]);
        assert!(prompts[1].starts_with("Medicines I don't need right now:") && prompts[1].contains("locked away"), "{}", prompts[1]);
        assert_eq!(prompts[2], "Alcohol and drugs: out of my home");
        assert!(prompts[3].contains("naloxone") && prompts[4].contains("know") && prompts[5].contains("Old medication"));
        let spanish = Lang::Es.while_current(|| List::CrisisSafeSurroundings.prompts());
        assert!(spanish[0].starts_with("Armas de fuego:") && spanish[1].starts_with("Medicamentos") && spanish[2].starts_with("Alcohol y drogas"), "{spanish:?}");
        assert!(List::Reasons.prompts().is_empty());
    }

    #[test]
    fn the_crisis_plan_says_to_go_straight_to_step_5_in_danger() {
        use crate::domain::i18n::Lang;
        let note = Section::Crisis.urgent_note().unwrap();
        assert!(note.contains("suicide") && note.contains("danger right now") && note.contains("step 5 and call"), "{note}");
        assert!(List::CrisisProfessionals.step_title().unwrap().starts_with("5. "), "the note points at this step");
        let nota = Lang::Es.while_current(|| Section::Crisis.urgent_note().unwrap());
        assert!(nota.contains("suicidio") && nota.contains("paso 5") && nota.contains("llama"), "{nota}");
        assert!(Section::ALL.iter().filter(|s| s.urgent_note().is_some()).eq([&Section::Crisis]));
    }

    #[test]
    fn an_empty_step_5_shows_the_countrys_crisis_line_without_storing_it() {
        use Region::*;
        let plan = Plan::default();
        let text = |region| plan.crisis_line_prefill(region).map(|i| i.text);
        assert_eq!(text(UnitedKingdom).as_deref(), Some("Samaritans: 116 123"));
        assert_eq!(text(Australia).as_deref(), Some("Lifeline: 13 11 14"));
        assert_eq!(text(UnitedStates).as_deref(), Some("988 Suicide & Crisis Lifeline: 988"));
        assert_eq!(text(Canada).as_deref(), Some("9-8-8 Suicide Crisis Helpline: 988"));
        // Shown, shared and printed with it; nothing stored.
        let shown = plan.as_shown(UnitedKingdom);
        assert_eq!(shown.items(List::CrisisProfessionals).iter().map(|i| i.text.as_str()).collect::<Vec<_>>(), ["Samaritans: 116 123"]);
        assert_eq!(plan, Plan::default());
        let shared = plain_text(&shown, &Section::ALL, date());
        assert!(shared.contains("MY CRISIS PLAN\n--------------\n5. Professionals and crisis lines\n- Samaritans: 116 123\n"), "{shared}");
        // In the language in use.
        let spanish = crate::domain::i18n::Lang::Es.while_current(|| plan.crisis_line_prefill(UnitedStates)).unwrap();
        assert_eq!(spanish.text, "988 Línea de Prevención del Suicidio y Crisis: 988");
    }

    #[test]
    fn the_persons_own_entries_in_step_5_are_never_replaced_and_the_line_they_saw_is_kept() {
        use Region::*;
        let mut plan = Plan::default();
        // Elsewhere in the plan: step 5 is still empty, and still follows the country.
        plan.add_in(List::CrisisSigns, item("Not sleeping"), UnitedKingdom).unwrap();
        assert_eq!(plan.items(List::CrisisProfessionals).len(), 0);
        assert_eq!(plan.crisis_line_prefill(Australia).unwrap().text, "Lifeline: 13 11 14");
        // The first entry of their own keeps the line shown, above it.
        plan.add_in(List::CrisisProfessionals, item("Dr Lee at the clinic: 020 7946 0000"), UnitedKingdom).unwrap();
        let texts = |plan: &Plan| plan.items(List::CrisisProfessionals).iter().map(|i| i.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&plan), ["Samaritans: 116 123", "Dr Lee at the clinic: 020 7946 0000"]);
        // Now it's theirs: a change of country changes nothing, and nothing more is added.
        for region in Region::ALL {
            assert_eq!(plan.crisis_line_prefill(region), None);
            assert!(matches!(plan.as_shown(region), Cow::Borrowed(_)));
        }
        plan.add_in(List::CrisisProfessionals, item("My key worker"), Australia).unwrap();
        assert_eq!(texts(&plan), ["Samaritans: 116 123", "Dr Lee at the clinic: 020 7946 0000", "My key worker"]);
        // A blank entry adds nothing, not even the line.
        let mut empty = Plan::default();
        assert!(empty.add_in(List::CrisisProfessionals, item("  "), UnitedStates).is_err());
        assert_eq!(empty, Plan::default());
        // Everything deleted: empty again, so the line is back, for the country in use now.
        for id in plan.items(List::CrisisProfessionals).iter().map(|i| i.id).collect::<Vec<_>>() {
            plan.remove(List::CrisisProfessionals, id);
        }
        assert_eq!(plan.crisis_line_prefill(Ireland).unwrap().text, "Samaritans: 116 123");
        assert_eq!(plan.crisis_line_prefill(UnitedStates).unwrap().text, "988 Suicide & Crisis Lifeline: 988");
    }

    fn contact(name: &str, role: Option<Role>, tel: &str) -> Contact {
        Contact { name: name.into(), role, shown: tel.into(), tel: tel.into(), needs_fixing: tel.is_empty() }
    }

    #[test]
    fn a_check_in_text_goes_to_the_sponsor_first_then_the_first_person_with_a_number() {
        let people = [contact("Ana", Some(Role::Family), ""), contact("Bo", Some(Role::Friend), "+15551230000"), contact("Sam", Some(Role::Sponsor), "+15559870000")];
        assert_eq!(texted_first(&people).map(|c| c.name.as_str()), Some("Sam"));
        assert_eq!(texted_first(&people[..2]).map(|c| c.name.as_str()), Some("Bo"));
        assert_eq!(texted_first(&people[..1]).map(|c| c.name.as_str()), None);
        assert!(texted_first(&[]).is_none());
    }
}
