//! People I support: plans others shared by link, kept on this phone at the
//! reader's choice (nothing from a link is stored unless they keep it). Each
//! person's links carry the same share id, so a newer link from them replaces
//! the one kept; an older one replaces it only when the reader says so.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::phone::typed_digits;
use super::share::SharedPlan;

/// More people than anyone sponsors; a limit so a crafted file can't fill storage.
pub const MAX_PEOPLE: usize = 100;
/// A kept plan's largest size as stored (a real one is a few KB; links can't carry
/// much more, but a crafted link can unpack to far more than it carries).
pub const MAX_PLAN_CHARS: usize = 64 * 1024;

/// One person's plan, as their newest kept link had it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supported {
    /// When it was kept on this phone.
    #[serde(with = "crate::domain::dates::stored::datetime")]
    pub kept: NaiveDateTime,
    pub shared: SharedPlan,
}

impl Supported {
    /// The share id: the same on every link from one person.
    pub fn id(&self) -> &str {
        &self.shared.id
    }
}

/// Everyone whose plan is kept, the most recently kept first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supporting {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Supported>,
}

/// What keeping a plan would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// Nobody with this share id is kept yet.
    New,
    /// It replaces an older link from the same person.
    Newer,
    /// This very link is kept already.
    Same,
    /// A newer link from the same person is kept, made at this time: ask first.
    Older(NaiveDateTime),
}

/// Why a plan can't be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepProblem {
    Full,
    TooBig,
    NoId,
}

impl KeepProblem {
    pub fn message(self) -> &'static str {
        match self {
            KeepProblem::Full => tr!("You already keep 100 plans. Remove one you no longer need, then keep this one."),
            KeepProblem::TooBig => tr!("This plan is too big to keep on this phone. You can still read it here, or print it."),
            KeepProblem::NoId => tr!("This link is from an older Steady and can't be kept. Ask the person for a new link."),
        }
    }
}

impl Supporting {
    pub fn get(&self, id: &str) -> Option<&Supported> {
        self.people.iter().find(|p| p.id() == id)
    }

    /// What keeping `shared` would do.
    pub fn keeping(&self, shared: &SharedPlan) -> Keeping {
        match self.get(&shared.id) {
            None => Keeping::New,
            Some(kept) if kept.shared == *shared => Keeping::Same,
            Some(kept) if kept.shared.made > shared.made => Keeping::Older(kept.shared.made),
            Some(_) => Keeping::Newer,
        }
    }

    /// Keeps `shared` (received at `now`) in the place of the same person's
    /// earlier one, or first if they're new. Whether an older link may replace a
    /// newer one is the caller's question (see [`Keeping::Older`]): this keeps it.
    pub fn keep(&mut self, mut shared: SharedPlan, now: NaiveDateTime) -> Result<(), KeepProblem> {
        if shared.id.trim().is_empty() {
            return Err(KeepProblem::NoId);
        }
        if shared.to_json().len() > MAX_PLAN_CHARS {
            return Err(KeepProblem::TooBig);
        }
        if let Some(phone) = &mut shared.phone {
            phone.tel = typed_digits(&phone.tel);
        }
        let person = Supported { kept: now, shared };
        match self.people.iter().position(|p| p.id() == person.id()) {
            Some(at) => self.people[at] = person,
            None if self.people.len() >= MAX_PEOPLE => return Err(KeepProblem::Full),
            None => self.people.insert(0, person),
        }
        Ok(())
    }

    /// Takes someone off the list; with their place, for [`Supporting::restore`].
    pub fn remove(&mut self, id: &str) -> Option<(usize, Supported)> {
        let at = self.people.iter().position(|p| p.id() == id)?;
        Some((at, self.people.remove(at)))
    }

    /// Puts back someone removed. If a link from them was kept meanwhile, the
    /// newer of the two stays.
    pub fn restore(&mut self, at: usize, person: Supported) {
        match self.people.iter().position(|p| p.id() == person.id()) {
            Some(i) if self.people[i].shared.made < person.shared.made => self.people[i] = person,
            Some(_) => {}
            None => self.people.insert(at.min(self.people.len()), person),
        }
    }

    /// Adds another copy's people (a backup's): for someone on both, the newer link
    /// stays (the more recently kept of the same link).
    pub fn merge_from(&mut self, other: &Supporting) {
        for theirs in &other.people {
            match self.people.iter().position(|p| p.id() == theirs.id()) {
                Some(i) => {
                    let mine = &self.people[i];
                    if (theirs.shared.made, theirs.kept) > (mine.shared.made, mine.kept) {
                        self.people[i] = theirs.clone();
                    }
                }
                None if self.people.len() < MAX_PEOPLE => self.people.push(theirs.clone()),
                None => {}
            }
        }
    }

    /// Checks a copy read from a backup: ids present and unrepeated, sizes in bounds.
    pub fn check(&self) -> Result<(), KeepProblem> {
        if self.people.len() > MAX_PEOPLE {
            return Err(KeepProblem::Full);
        }
        for (at, person) in self.people.iter().enumerate() {
            // At most 100: a plain search (a HashSet would bring its code into the first download).
            if person.id().trim().is_empty() || self.people[..at].iter().any(|p| p.id() == person.id()) {
                return Err(KeepProblem::NoId);
            }
            if person.shared.to_json().len() > MAX_PLAN_CHARS {
                return Err(KeepProblem::TooBig);
            }
        }
        Ok(())
    }

    /// What call and text buttons dial, derived again (a backup's or a link's
    /// number is never dialled as it came).
    pub fn redial(&mut self) {
        for phone in self.people.iter_mut().filter_map(|p| p.shared.phone.as_mut()) {
            phone.tel = typed_digits(&phone.tel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{List, Plan, PlanItem};
    use crate::domain::share::SharedPhone;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn link(id: &str, made: NaiveDateTime, reason: &str) -> SharedPlan {
        // Straight into the list, as a crafted link could (the plan's own limits don't apply to what arrives).
        let mut plan = Plan::default();
        plan.lists.insert(List::Reasons, vec![PlanItem { id: 1, text: reason.into(), response: String::new(), role: None, phone: String::new(), dial: None }]);
        SharedPlan { id: id.into(), made, lang: "en".into(), name: "Jo".into(), phone: None, plan }
    }

    #[test]
    fn a_newer_link_from_the_same_person_replaces_the_kept_one_in_its_place() {
        let mut kept = Supporting::default();
        let first = link("jo", at("2026-11-01 10:00"), "My kids");
        assert_eq!(kept.keeping(&first), Keeping::New);
        kept.keep(first.clone(), at("2026-11-01 12:00")).unwrap();
        kept.keep(link("sam", at("2026-11-02 10:00"), "Work"), at("2026-11-02 12:00")).unwrap();
        assert_eq!(kept.people.iter().map(Supported::id).collect::<Vec<_>>(), ["sam", "jo"], "the most recently kept first");
        assert_eq!(kept.keeping(&first), Keeping::Same);
        let newer = link("jo", at("2026-11-20 09:00"), "My kids and my dog");
        assert_eq!(kept.keeping(&newer), Keeping::Newer);
        kept.keep(newer.clone(), at("2026-11-21 08:00")).unwrap();
        assert_eq!(kept.people.len(), 2);
        assert_eq!(kept.people[1].shared, newer, "replaced where it was");
        assert_eq!(kept.people[1].kept, at("2026-11-21 08:00"));
    }

    #[test]
    fn an_older_link_says_when_the_kept_one_was_made_and_replaces_it_only_when_kept() {
        let mut kept = Supporting::default();
        kept.keep(link("jo", at("2026-11-20 09:00"), "New"), at("2026-11-20 10:00")).unwrap();
        let older = link("jo", at("2026-11-01 09:00"), "Old");
        assert_eq!(kept.keeping(&older), Keeping::Older(at("2026-11-20 09:00")));
        kept.keep(older.clone(), at("2026-11-22 10:00")).unwrap();
        assert_eq!(kept.people[0].shared, older);
    }

    #[test]
    fn a_link_without_an_id_too_big_or_past_the_limit_is_not_kept() {
        let mut kept = Supporting::default();
        assert_eq!(kept.keep(link(" ", at("2026-11-01 09:00"), "x"), at("2026-11-01 09:00")), Err(KeepProblem::NoId));
        assert_eq!(kept.keep(link("big", at("2026-11-01 09:00"), &"x".repeat(MAX_PLAN_CHARS)), at("2026-11-01 09:00")), Err(KeepProblem::TooBig));
        for n in 0..MAX_PEOPLE {
            kept.keep(link(&n.to_string(), at("2026-11-01 09:00"), "x"), at("2026-11-01 09:00")).unwrap();
        }
        assert_eq!(kept.keep(link("one more", at("2026-11-01 09:00"), "x"), at("2026-11-01 09:00")), Err(KeepProblem::Full));
        // Someone already kept can still be updated.
        assert!(kept.keep(link("7", at("2026-11-02 09:00"), "y"), at("2026-11-02 09:00")).is_ok());
        assert!(kept.check().is_ok());
        assert!(Supporting::default().check().is_ok());
    }

    #[test]
    fn removed_comes_back_in_its_place_unless_a_newer_link_was_kept_meanwhile() {
        let mut kept = Supporting::default();
        for id in ["c", "b", "a"] {
            kept.keep(link(id, at("2026-11-01 09:00"), id), at("2026-11-01 09:00")).unwrap();
        }
        let (place, person) = kept.remove("b").unwrap();
        assert_eq!(kept.remove("b"), None);
        kept.restore(place, person.clone());
        assert_eq!(kept.people.iter().map(Supported::id).collect::<Vec<_>>(), ["a", "b", "c"]);
        let (place, person) = kept.remove("b").unwrap();
        let newer = link("b", at("2026-11-05 09:00"), "newer");
        kept.keep(newer.clone(), at("2026-11-05 09:00")).unwrap();
        kept.restore(place, person);
        assert_eq!(kept.people.len(), 3);
        assert_eq!(kept.get("b").unwrap().shared, newer);
    }

    #[test]
    fn a_merge_keeps_everyone_and_the_newer_link_of_each_without_doubling() {
        let mut mine = Supporting::default();
        mine.keep(link("jo", at("2026-11-20 09:00"), "mine, newer"), at("2026-11-20 09:00")).unwrap();
        mine.keep(link("sam", at("2026-11-01 09:00"), "mine, older"), at("2026-11-01 09:00")).unwrap();
        let mut theirs = Supporting::default();
        theirs.keep(link("jo", at("2026-11-10 09:00"), "theirs, older"), at("2026-11-10 09:00")).unwrap();
        theirs.keep(link("sam", at("2026-11-15 09:00"), "theirs, newer"), at("2026-11-15 09:00")).unwrap();
        theirs.keep(link("alex", at("2026-11-15 09:00"), "only theirs"), at("2026-11-15 09:00")).unwrap();
        let mut merged = mine.clone();
        merged.merge_from(&theirs);
        assert_eq!(merged.people.len(), 3);
        assert_eq!(merged.get("jo").unwrap().shared.made, at("2026-11-20 09:00"));
        assert_eq!(merged.get("sam").unwrap().shared.made, at("2026-11-15 09:00"));
        let again = merged.clone();
        merged.merge_from(&theirs);
        merged.merge_from(&mine);
        assert_eq!(merged, again, "merging again changes nothing");
    }

    #[test]
    fn only_digits_and_a_leading_plus_are_dialled() {
        let mut kept = Supporting::default();
        let mut shared = link("jo", at("2026-11-01 09:00"), "x");
        shared.phone = Some(SharedPhone { shown: "555-0100".into(), tel: "555-0100?body=hi".into() });
        kept.keep(shared, at("2026-11-01 09:00")).unwrap();
        assert_eq!(kept.people[0].shared.phone.as_ref().unwrap().tel, "5550100");
        kept.people[0].shared.phone.as_mut().unwrap().tel = "+1 (555) 0100".into();
        kept.redial();
        assert_eq!(kept.people[0].shared.phone.as_ref().unwrap().tel, "+15550100");
    }
}
