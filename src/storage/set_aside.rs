//! Set-aside copies: stored text that couldn't be read, moved verbatim to a key
//! of its own at the person's request (see [`Store::set_aside`]). The app never
//! reads them as data; Settings lists them, backups carry them, and only the
//! person deletes them.

use crate::domain::i18n::in_use;
use leptos::prelude::Track;

use crate::domain::backup::{new_set_aside, SetAside};

use super::{read_raw, stored_keys, write_raw, Store, SET_ASIDE_PREFIX};

/// Every set-aside copy on this device, oldest first.
pub(super) fn copies() -> Vec<SetAside> {
    let mut out: Vec<SetAside> = stored_keys()
        .into_iter()
        .filter_map(|key| {
            let name = key.strip_prefix(SET_ASIDE_PREFIX)?.to_string();
            read_raw(&key).map(|text| SetAside { name, text })
        })
        .collect();
    out.sort_by(|a, b| (a.origin().1, &a.name).cmp(&(b.origin().1, &b.name)));
    out
}

/// The writes that add `incoming` copies beside those already here: each under
/// the set-aside prefix (never a key the app reads), none over another copy.
pub(super) fn restore_writes(incoming: &[SetAside]) -> Vec<(String, Option<String>)> {
    new_set_aside(&copies(), incoming)
        .into_iter()
        .map(|c| (format!("{SET_ASIDE_PREFIX}{}", c.name), Some(c.text)))
        .collect()
}

impl Store {
    /// The set-aside copies on this device; reactive (a copy set aside, a restore
    /// or delete-all, all of which reset the list of problems, read them again).
    pub fn set_aside_copies(&self) -> Vec<SetAside> {
        self.problems.track();
        copies()
    }

    /// Deletes one set-aside copy, at the person's request.
    pub fn delete_set_aside(&self, name: &str) -> Result<(), String> {
        let outcome = write_raw(&format!("{SET_ASIDE_PREFIX}{name}"), None);
        self.report(outcome)
    }
}

/// What a copy was, in words ("Your relapse-prevention plan", "Part of your craving log (2026-03)").
pub fn describe(copy: &SetAside) -> String {
    use super::{CopingData, Counters, CravingMonth, Document, Plan, Settings, Singleton, LOG_PREFIX};
    let key = copy.origin().0;
    let label = match key {
        k if k == Settings::KEY => in_use(Settings::LABEL).to_string(),
        k if k == Counters::KEY => in_use(Counters::LABEL).to_string(),
        k if k == Plan::KEY => in_use(Plan::LABEL).to_string(),
        k if k == CopingData::KEY => in_use(CopingData::LABEL).to_string(),
        k if k == crate::domain::meds::MedsData::KEY => in_use(crate::domain::meds::MedsData::LABEL).to_string(),
        k => {
            use super::monthly::{MonthItem, CHECKIN_PREFIX, DOSE_PREFIX, JOURNAL_PREFIX, WEEKLY_PREFIX};
            let months = [
                (LOG_PREFIX, CravingMonth::LABEL),
                (CHECKIN_PREFIX, crate::domain::checkin::CheckIn::LABEL),
                (JOURNAL_PREFIX, crate::domain::journal::JournalEntry::LABEL),
                (WEEKLY_PREFIX, crate::domain::weekly::LookBack::LABEL),
                (DOSE_PREFIX, crate::domain::meds::Taken::LABEL),
            ];
            match months.iter().find_map(|(prefix, label)| k.strip_prefix(prefix).map(|month| (month, label))) {
                Some((month, label)) => format!("{} ({month})", in_use(label)),
                None if k.starts_with(super::DRAFT_PREFIX) => tr!("a form you hadn't saved yet").to_string(),
                None => crate::domain::i18n::fill(tr!("data stored under “{}”"), &[k]),
            }
        }
    };
    let mut chars = label.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
