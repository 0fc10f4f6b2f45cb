//! How much of the browser's storage Steady's data takes, and what to tell the
//! person about it. Steady never deletes anything to make room: it says how
//! full it is, and from 80 % what they can do.

use super::conventions::number;
use super::i18n::fill;

/// What localStorage holds per site: 5,242,880 characters (UTF-16 code units,
/// keys included) in Chromium, WebKit and Firefox alike, measured by filling it.
pub const CEILING: u64 = 5 * 1024 * 1024;
/// From this share (in %) on, Steady says the room is running out.
pub const WARN_PERCENT: u64 = 80;

/// The room in use: everything stored for the site, and the part of it that a
/// change of passcode copies (Steady's data, without the lock's record).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Room {
    pub used: u64,
    pub data: u64,
}

impl Room {
    /// The share in use, in whole percent: never "0 %" while anything is stored,
    /// never "100 %" before it is full.
    pub fn percent(self) -> u64 {
        let exact = self.used.min(CEILING) * 100 / CEILING;
        match exact {
            0 if self.used > 0 => 1,
            100 if self.used < CEILING => 99,
            p => p,
        }
    }

    pub fn nearly_full(self) -> bool {
        self.used * 100 >= CEILING * WARN_PERCENT
    }

    /// Whether a change of passcode fits: it stages a second copy of the data
    /// before it removes the first (see `storage::vault`).
    pub fn passcode_change_fits(self) -> bool {
        self.used + self.data <= CEILING
    }

    /// "12 % of the room … (629,146 of 5,242,880 characters)."
    pub fn summary(self) -> String {
        fill(
            tr!("{} % of the room this browser keeps for Steady is in use ({} of {} characters)."),
            &[&self.percent().to_string(), &number(self.used), &number(CEILING)],
        )
    }

    /// What to do, when there is something to do.
    pub fn advice(self, locked: bool) -> Vec<&'static str> {
        let mut advice = Vec::new();
        if self.nearly_full() {
            advice.push(tr!("Steady's storage on this device is nearly full. Nothing has been deleted, and Steady never deletes anything by itself. Download a backup now so everything is kept; then, if you want, remove entries you no longer need to make room."));
        }
        if locked && !self.passcode_change_fits() {
            advice.push(tr!("Changing the passcode or removing the lock needs room for a second copy of your data for a moment, and there isn't enough now. Download a backup first."));
        }
        advice
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_in_use_is_honest_at_the_edges() {
        assert_eq!(Room { used: 0, data: 0 }.percent(), 0);
        assert_eq!(Room { used: 1, data: 1 }.percent(), 1, "something stored is never 0 %");
        assert_eq!(Room { used: CEILING / 2, data: 0 }.percent(), 50);
        assert_eq!(Room { used: CEILING - 1, data: 0 }.percent(), 99, "not full is never 100 %");
        assert_eq!(Room { used: CEILING, data: 0 }.percent(), 100);
        assert_eq!(Room { used: CEILING * 2, data: 0 }.percent(), 100);
    }

    #[test]
    fn it_warns_from_eighty_percent() {
        let at = |used| Room { used, data: used };
        assert!(!at(CEILING * 4 / 5 - 1).nearly_full());
        assert!(at(CEILING * 4 / 5).nearly_full());
        assert!(at(CEILING * 4 / 5).advice(false)[0].contains("backup"));
        assert!(at(1_000_000).advice(false).is_empty());
    }

    #[test]
    fn under_the_lock_it_says_when_a_passcode_change_would_not_fit() {
        let room = Room { used: 3_000_000, data: 2_900_000 };
        assert!(!room.passcode_change_fits() && !room.nearly_full());
        assert!(room.advice(true)[0].contains("second copy"));
        assert!(room.advice(false).is_empty(), "without a lock nothing is copied");
        assert_eq!(Room { used: 4_300_000, data: 4_200_000 }.advice(true).len(), 2);
        assert!(Room { used: 2_000_000, data: 1_900_000 }.advice(true).is_empty());
    }

    #[test]
    fn the_summary_uses_the_readers_numbers() {
        let room = Room { used: 629_146, data: 600_000 };
        assert_eq!(room.summary(), "12 % of the room this browser keeps for Steady is in use (629,146 of 5,242,880 characters).");
    }
}
