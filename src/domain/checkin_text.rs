//! The check-in text: a few words about today's check-in that the person sends
//! to their sponsor themselves, from their own messages app. Steady sends
//! nothing; the person pushes a small snapshot and chooses what is in it
//! (shared/reviews/2026-12-06-research-anchors.md §4). The journal, the note
//! and whether they used are never part of it.

use serde::{Deserialize, Serialize};

use super::checkin::{mood_word, sleep_word, CheckIn};
use super::i18n::{counted, fill};

/// What the text can say, in the order it says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    #[serde(rename = "days")]
    Days,
    #[serde(rename = "mood")]
    Mood,
    #[serde(rename = "craving")]
    Craving,
    #[serde(rename = "sleep")]
    Sleep,
    #[serde(rename = "helped")]
    Helped,
}

impl Part {
    pub const ALL: [Part; 5] = [Part::Days, Part::Mood, Part::Craving, Part::Sleep, Part::Helped];
    /// Until the person chooses: the three in the example, nothing they wrote.
    pub const FIRST_CHOICE: [Part; 3] = [Part::Days, Part::Mood, Part::Craving];

    /// Used in test ids (`sponsor-checkin-include-<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Part::Days => "days",
            Part::Mood => "mood",
            Part::Craving => "craving",
            Part::Sleep => "sleep",
            Part::Helped => "helped",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Part::Days => tr!("Clean time"),
            Part::Mood => tr!("Mood"),
            Part::Craving => tr!("Strongest craving"),
            Part::Sleep => tr!("Sleep"),
            Part::Helped => tr!("What helped"),
        }
    }
}

/// The text for `checkin`, saying what `parts` choose (in [`Part::ALL`]'s order)
/// and leaving out what wasn't answered, then the person's own `line`.
/// `days` is the main counter's whole days, if there is a counter.
pub fn message(parts: &[Part], days: Option<i64>, checkin: &CheckIn, line: &str) -> String {
    let mut sentences = Vec::new();
    for part in Part::ALL.into_iter().filter(|p| parts.contains(p)) {
        let sentence = match part {
            Part::Days => days.map(|n| fill(tr!("Clean time: {}."), &[&counted(trn!("{} day", "{} days", n.max(0) as u64), n.max(0))])),
            Part::Mood => checkin.mood.map(|m| fill(tr!("Mood: {}."), &[&mood_word(m).to_lowercase()])),
            Part::Craving => checkin.craving.map(|n| fill(tr!("Strongest craving: {} of 10."), &[&n.to_string()])),
            Part::Sleep => checkin.sleep.map(|n| fill(tr!("Sleep: {}."), &[&sleep_word(n).to_lowercase()])),
            Part::Helped => Some(checkin.helped.trim()).filter(|h| !h.is_empty()).map(|h| fill(tr!("What helped: {}"), &[h])),
        };
        sentences.extend(sentence);
    }
    let mut text = sentences.join(" ");
    let line = line.trim();
    if !line.is_empty() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
    }
    text
}

/// An `sms:` link that opens the messages app with `text` ready to edit and send:
/// the number, then the text percent-encoded (RFC 5724), after `?&body=`, which
/// iOS and Android both read (as the helplines' text links do).
pub fn sms_link(tel: &str, text: &str) -> String {
    let mut link = format!("sms:{tel}?&body=");
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => link.push(byte as char),
            _ => link.push_str(&format!("%{byte:02X}")),
        }
    }
    link
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::i18n::Lang;
    use crate::domain::testing::{at, date};

    fn checkin() -> CheckIn {
        let mut c = CheckIn::new(date(2026, 11, 23), at(2026, 11, 23, 21, 0));
        c.mood = Some(3);
        c.craving = Some(3);
        c.sleep = Some(4);
        c.helped = "  A walk with Sam ".into();
        c.note = "private".into();
        c
    }

    #[test]
    fn says_the_chosen_parts_in_order_then_the_persons_line() {
        let text = message(&[Part::Craving, Part::Days, Part::Mood], Some(42), &checkin(), " Call you Sunday? ");
        assert_eq!(text, "Clean time: 42 days. Mood: okay. Strongest craving: 3 of 10.\nCall you Sunday?");
        let all = message(&Part::ALL, Some(1), &checkin(), "");
        assert_eq!(all, "Clean time: 1 day. Mood: okay. Strongest craving: 3 of 10. Sleep: good. What helped: A walk with Sam");
        assert!(!all.contains("private"), "the note is never part of it");
    }

    #[test]
    fn leaves_out_what_wasnt_answered_and_a_counter_that_isnt_there() {
        let mut c = checkin();
        c.craving = None;
        c.sleep = None;
        c.helped = " ".into();
        assert_eq!(message(&Part::ALL, None, &c, ""), "Mood: okay.");
        assert_eq!(message(&[], None, &c, "Just the line"), "Just the line");
        assert_eq!(message(&[Part::Days], Some(0), &c, ""), "Clean time: 0 days.");
        // A counter started later today by a clock that moved back reads as none so far.
        assert_eq!(message(&[Part::Days], Some(-1), &c, ""), "Clean time: 0 days.");
    }

    #[test]
    fn reads_in_spanish_with_plural_forms() {
        let text = Lang::Es.while_current(|| message(&Part::ALL, Some(21), &checkin(), ""));
        assert_eq!(text, "Tiempo sin consumir: 21 días. Ánimo: regular. Las ganas más fuertes: 3 de 10. Sueño: bien. Qué ayudó: A walk with Sam");
        assert_eq!(Lang::Es.while_current(|| message(&[Part::Days], Some(1), &checkin(), "")), "Tiempo sin consumir: 1 día.");
    }

    #[test]
    fn an_sms_link_carries_the_whole_text_encoded() {
        let link = sms_link("+15559870000", "Mood: okay.\nÁnimo & más?");
        assert_eq!(link, "sms:+15559870000?&body=Mood%3A%20okay.%0A%C3%81nimo%20%26%20m%C3%A1s%3F");
    }
}
