use serde::{Deserialize, Serialize};

use chrono::{Days, NaiveDate};

use super::helplines::Region;

/// Choices the person makes about the app itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Which country's helplines are shown: picked by the person, or until
    /// then a guess from the phone (see [`Settings::settle_region`]).
    pub region: Region,
    /// Whether the person picked or confirmed `region` (`Some(false)`: a guess).
    /// Missing in settings from before the guess: see [`Settings::region_is_chosen`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_chosen: Option<bool>,
    /// Triggers the person added to the craving log's chips, in the order added.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub own_triggers: Vec<String>,
    /// When the last backup file was made.
    #[serde(skip_serializing_if = "Option::is_none", with = "crate::domain::dates::stored::optional_date")]
    pub last_backup: Option<NaiveDate>,
    /// "Remind me later" on the backup reminder.
    #[serde(skip_serializing_if = "Option::is_none", with = "crate::domain::dates::stored::optional_date")]
    pub backup_snoozed: Option<NaiveDate>,
    /// "Got it" on the card about adding Steady to the Home Screen (Safari on iPhone/iPad).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub install_guide_dismissed: bool,
    /// The note that a private window keeps nothing was seen and put away.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub private_note_seen: bool,
    /// The day of the week for the weekly look-back (0 = Monday), once picked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub look_back_day: Option<u8>,
}

/// How often to suggest making a backup.
pub const BACKUP_EVERY_DAYS: u64 = 30;

/// The date of the earliest thing stored, which the backup reminder counts
/// from: the earliest counter start, the first day of the oldest log month, or
/// — a plan has no dates — today if only a plan is stored. `None`: nothing to back up.
pub fn oldest_data(
    earliest_start: Option<NaiveDate>,
    oldest_log_month: Option<super::cravings::YearMonth>,
    plan_stored: bool,
    today: NaiveDate,
) -> Option<NaiveDate> {
    [earliest_start, oldest_log_month.map(|m| m.first_day()), plan_stored.then_some(today)].into_iter().flatten().min()
}

impl Settings {
    /// Whether the person picked the country. Settings from before Steady
    /// guessed say nothing: a country other than the old default, the United
    /// States, was picked; "US" may never have been.
    pub fn region_is_chosen(&self) -> bool {
        self.region_chosen.unwrap_or(self.region != Region::UnitedStates)
    }

    /// Until the person picks a country, the one guessed from the phone is used
    /// (the guess follows the phone, e.g. after travelling). Returns whether it changed.
    pub fn settle_region(&mut self, guess: Region) -> bool {
        let changed = !self.region_is_chosen() && self.region != guess;
        if changed {
            self.region = guess;
            self.region_chosen = Some(false);
        }
        changed
    }

    /// The settings a backup keeps: a guessed country isn't the person's
    /// choice (and is guessed again wherever the backup is restored).
    pub fn without_guess(mut self) -> Settings {
        if !self.region_is_chosen() {
            self.region = Region::default();
            self.region_chosen = None;
        }
        self
    }

    /// The person picked or confirmed their country.
    pub fn choose_region(&mut self, region: Region) {
        self.region = region;
        self.region_chosen = Some(true);
    }

    /// Whether to suggest a backup today. `oldest_data` is the date of the
    /// earliest thing stored (none: nothing to back up).
    pub fn backup_due(&self, today: NaiveDate, oldest_data: Option<NaiveDate>) -> bool {
        let Some(oldest) = oldest_data else { return false };
        let since = self.last_backup.max(self.backup_snoozed).unwrap_or(oldest);
        since.checked_add_days(Days::new(BACKUP_EVERY_DAYS)).is_some_and(|due| today >= due)
    }

    /// Adds a backup's settings to these: the person's own triggers from both,
    /// and what only the backup has chosen (a country, the look-back day).
    /// Everything else about this device stays as it is.
    pub fn merge_from(&mut self, other: &Settings) {
        for name in &other.own_triggers {
            if !self.own_triggers.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                self.own_triggers.push(name.clone());
            }
        }
        if !self.region_is_chosen() && other.region_is_chosen() {
            self.choose_region(other.region);
        }
        self.look_back_day = self.look_back_day.or(other.look_back_day);
    }

    /// Adds a trigger of the person's own; returns its key. Blank or duplicate names are refused.
    pub fn add_trigger(&mut self, name: &str) -> Result<String, &'static str> {
        let name = name.trim();
        if name.is_empty() {
            return Err(tr!("Type the trigger first."));
        }
        if name.chars().count() > 40 {
            return Err(tr!("Keep it short — under 40 characters."));
        }
        let taken = self.own_triggers.iter().any(|t| t.eq_ignore_ascii_case(name))
            || super::cravings::TRIGGERS
                .iter()
                .any(|(key, label)| {
                    key.eq_ignore_ascii_case(name)
                        || label.eq_ignore_ascii_case(name)
                        || super::i18n::in_use(label).to_lowercase() == name.to_lowercase()
                });
        if taken {
            return Err(tr!("That trigger is already in the list."));
        }
        self.own_triggers.push(name.to_owned());
        Ok(name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_reminder_counts_from_the_oldest_data() {
        use crate::domain::cravings::YearMonth;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let today = d(2026, 12, 2);
        assert_eq!(super::oldest_data(None, None, false, today), None, "nothing stored");
        assert_eq!(super::oldest_data(None, None, true, today), Some(today), "only a plan: from today");
        let march = YearMonth::parse("2026-03").unwrap();
        assert_eq!(super::oldest_data(Some(d(2026, 5, 9)), Some(march), true, today), Some(d(2026, 3, 1)));
        assert_eq!(super::oldest_data(Some(d(2024, 2, 29)), Some(march), false, today), Some(d(2024, 2, 29)));
    }

    use super::*;

    #[test]
    fn a_country_is_a_guess_until_the_person_picks_one() {
        let mut s = Settings::default();
        assert!(!s.region_is_chosen());
        assert!(s.settle_region(Region::UnitedKingdom));
        assert_eq!(s.region, Region::UnitedKingdom);
        assert!(!s.region_is_chosen());
        // Stored and read back, a guess is still a guess.
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(text, r#"{"region":"UK","region_chosen":false}"#);
        let mut s: Settings = serde_json::from_str(&text).unwrap();
        assert!(s.settle_region(Region::Ireland), "a guess follows the phone");
        s.choose_region(Region::Australia);
        assert!(!s.settle_region(Region::UnitedKingdom), "a picked country stays");
        assert_eq!(s.region, Region::Australia);
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"region":"AU","region_chosen":true}"#);
        // Confirming the guess keeps it.
        let mut guessed = Settings::default();
        guessed.settle_region(Region::Canada);
        guessed.choose_region(guessed.region);
        assert!(guessed.region_is_chosen() && guessed.region == Region::Canada);
    }

    #[test]
    fn a_backup_keeps_a_picked_country_but_not_a_guess() {
        let mut guessed = Settings::default();
        guessed.settle_region(Region::UnitedKingdom);
        assert_eq!(guessed.clone().without_guess(), Settings::default());
        let mut picked = Settings::default();
        picked.choose_region(Region::UnitedKingdom);
        assert_eq!(picked.clone().without_guess(), picked);
    }

    #[test]
    fn settings_from_before_the_guess_keep_a_country_that_was_picked() {
        let read = |json: &str| serde_json::from_str::<Settings>(json).unwrap();
        let mut picked = read(r#"{"region":"UK","own_triggers":["Payday"]}"#);
        assert!(picked.region_is_chosen());
        assert!(!picked.settle_region(Region::Australia));
        // "US" was the default: it may never have been picked, so it is guessed again.
        let mut default = read(r#"{"region":"US"}"#);
        assert!(!default.region_is_chosen());
        assert!(default.settle_region(Region::UnitedKingdom));
        assert!(!read("{}").region_is_chosen());
    }

    #[test]
    fn own_triggers_are_trimmed_and_not_duplicated() {
        let mut s = Settings::default();
        assert_eq!(s.add_trigger("  Payday "), Ok("Payday".into()));
        assert!(s.add_trigger("payday").is_err());
        assert!(s.add_trigger("Stress").is_err());
        assert!(s.add_trigger("saw-drugs").is_err());
        assert!(s.add_trigger("   ").is_err());
        assert!(s.add_trigger(&"x".repeat(41)).is_err());
        assert_eq!(s.own_triggers, ["Payday"]);
    }

    #[test]
    fn backup_reminder_comes_monthly_and_can_be_snoozed() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let mut s = Settings::default();
        assert!(!s.backup_due(d(6, 1), None), "nothing stored, nothing to back up");
        assert!(!s.backup_due(d(6, 1), Some(d(5, 20))));
        assert!(s.backup_due(d(6, 19), Some(d(5, 20))));
        s.last_backup = Some(d(6, 19));
        assert!(!s.backup_due(d(7, 18), Some(d(5, 20))));
        assert!(s.backup_due(d(7, 19), Some(d(5, 20))));
        s.backup_snoozed = Some(d(7, 19));
        assert!(!s.backup_due(d(8, 1), Some(d(5, 20))));
    }

    #[test]
    fn older_settings_without_triggers_still_load() {
        let s: Settings = serde_json::from_str(r#"{"region":"UK"}"#).unwrap();
        assert!(s.own_triggers.is_empty());
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"region":"UK"}"#);
    }

    #[test]
    fn dismissed_notes_are_remembered_and_older_settings_load_without_them() {
        let old: Settings = serde_json::from_str(r#"{"region":"US","last_backup":"2026-11-01"}"#).unwrap();
        assert!(!old.install_guide_dismissed && !old.private_note_seen);
        let s = Settings { install_guide_dismissed: true, private_note_seen: true, ..Settings::default() };
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(text, r#"{"region":"US","install_guide_dismissed":true,"private_note_seen":true}"#);
        assert_eq!(serde_json::from_str::<Settings>(&text).unwrap(), s);
    }
}
