//! Crisis and support lines per region. Numbers and what each line is for come from
//! `shared/content-facts.md` (SAMHSA, 988 Lifeline, HRSA Poison Help, Government of
//! Canada, Samaritans, FRANK, HSE, health.gov.au).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Region {
    #[default]
    #[serde(rename = "US")]
    UnitedStates,
    #[serde(rename = "CA")]
    Canada,
    #[serde(rename = "UK")]
    UnitedKingdom,
    #[serde(rename = "IE")]
    Ireland,
    #[serde(rename = "AU")]
    Australia,
}

impl Region {
    pub const ALL: [Region; 5] = [
        Region::UnitedStates,
        Region::Canada,
        Region::UnitedKingdom,
        Region::Ireland,
        Region::Australia,
    ];

    /// Stable short code, used in storage and as the picker's option value.
    pub fn code(self) -> &'static str {
        match self {
            Region::UnitedStates => "US",
            Region::Canada => "CA",
            Region::UnitedKingdom => "UK",
            Region::Ireland => "IE",
            Region::Australia => "AU",
        }
    }

    pub fn from_code(code: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn name(self) -> &'static str {
        match self {
            Region::UnitedStates => "United States",
            Region::Canada => "Canada",
            Region::UnitedKingdom => "United Kingdom",
            Region::Ireland => "Ireland",
            Region::Australia => "Australia",
        }
    }

    /// ISO 4217 code for showing money saved.
    pub fn currency(self) -> &'static str {
        match self {
            Region::UnitedStates => "USD",
            Region::Canada => "CAD",
            Region::UnitedKingdom => "GBP",
            Region::Ireland => "EUR",
            Region::Australia => "AUD",
        }
    }

    /// The region's lines, emergency services first.
    pub fn helplines(self) -> &'static [Helpline] {
        match self {
            Region::UnitedStates => US,
            Region::Canada => CA,
            Region::UnitedKingdom => UK,
            Region::Ireland => IE,
            Region::Australia => AU,
        }
    }

    /// The number to call in an emergency (ambulance, overdose).
    pub fn emergency(self) -> &'static Helpline {
        self.helplines()
            .iter()
            .find(|line| line.emergency)
            .expect("every region has an emergency line (tested)")
    }
}

/// One way of reaching a line: the digits for a `tel:`/`sms:` link and the text to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    /// `+` and the international number, or the digits dialled inside the country
    /// (short codes and freephone numbers that only work there).
    pub dial: &'static str,
    /// The number as people write it, shown because desktops have no dialler.
    pub display: &'static str,
}

impl Contact {
    pub fn tel_href(&self) -> String {
        format!("tel:{}", self.dial)
    }
    pub fn sms_href(&self) -> String {
        format!("sms:{}", self.dial)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Helpline {
    pub id: &'static str,
    pub name: &'static str,
    /// One line on what the line is for.
    pub purpose: &'static str,
    /// Hours and languages.
    pub hours: &'static str,
    pub call: Contact,
    pub text: Option<TextLine>,
    pub tty: Option<Contact>,
    pub emergency: bool,
}

/// Texting a line, with what to send when the line needs something particular.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLine {
    pub to: Contact,
    pub how: &'static str,
}

const fn contact(dial: &'static str, display: &'static str) -> Contact {
    Contact { dial, display }
}

const US: &[Helpline] = &[
    Helpline {
        id: "us-emergency",
        name: "Emergency services",
        purpose: "If someone may be overdosing, can't be woken or isn't breathing, or anyone is in danger.",
        hours: "Any time, day or night.",
        call: contact("911", "911"),
        text: None,
        tty: None,
        emergency: true,
    },
    Helpline {
        id: "us-988",
        name: "988 Suicide & Crisis Lifeline",
        purpose: "Talk or text with someone now about a mental-health or substance-use crisis, or thoughts of suicide. Press 1 for the Veterans Crisis Line, 2 for Spanish.",
        hours: "24/7, free. English and Spanish; chat at 988lifeline.org.",
        call: contact("988", "988"),
        text: Some(TextLine { to: contact("988", "988"), how: "Text 988" }),
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "us-samhsa",
        name: "SAMHSA National Helpline",
        purpose: "Free, confidential information and referrals to treatment, support groups and community services.",
        hours: "24/7, every day of the year. English and Spanish.",
        call: contact("+18006624357", "1-800-662-4357"),
        text: Some(TextLine {
            to: contact("435748", "435748"),
            how: "Text your ZIP code to 435748",
        }),
        tty: Some(contact("+18004874889", "1-800-487-4889")),
        emergency: false,
    },
    Helpline {
        id: "us-poison",
        name: "Poison Help",
        purpose: "Experts answer questions about a possible poisoning or overdose. If the person is unconscious or not breathing, call 911 instead.",
        hours: "24/7, free and confidential.",
        call: contact("+18002221222", "1-800-222-1222"),
        text: None,
        tty: None,
        emergency: false,
    },
];

const CA: &[Helpline] = &[
    Helpline {
        id: "ca-emergency",
        name: "Emergency services",
        purpose: "If someone may be overdosing, can't be woken or isn't breathing, or anyone is in danger.",
        hours: "Any time, day or night.",
        call: contact("911", "911"),
        text: None,
        tty: None,
        emergency: true,
    },
    Helpline {
        id: "ca-988",
        name: "9-8-8 Suicide Crisis Helpline",
        purpose: "Call or text if you are thinking about suicide or worried about someone.",
        hours: "24/7. English and French.",
        call: contact("988", "988"),
        text: Some(TextLine { to: contact("988", "988"), how: "Text 988" }),
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "ca-nors",
        name: "National Overdose Response Service",
        purpose: "For anyone using drugs alone: a volunteer stays on the line and sends help if you stop responding.",
        hours: "24/7, confidential.",
        call: contact("+18886886677", "1-888-688-6677"),
        text: None,
        tty: None,
        emergency: false,
    },
];

const UK: &[Helpline] = &[
    Helpline {
        id: "uk-emergency",
        name: "Emergency services",
        purpose: "If someone may be overdosing, can't be woken or isn't breathing, or anyone is in danger.",
        hours: "Any time, day or night.",
        call: contact("999", "999"),
        text: None,
        tty: None,
        emergency: true,
    },
    Helpline {
        id: "uk-111",
        name: "NHS 111",
        purpose: "Urgent medical help and advice when it isn't an emergency.",
        hours: "24/7.",
        call: contact("111", "111"),
        text: None,
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "uk-samaritans",
        name: "Samaritans",
        purpose: "Someone to talk to about whatever you're going through, without judgement.",
        hours: "24/7, free from any phone.",
        call: contact("116123", "116 123"),
        text: None,
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "uk-frank",
        name: "FRANK",
        purpose: "Honest, confidential information and advice about drugs.",
        hours: "See talktofrank.com for opening hours.",
        call: contact("03001236600", "0300 123 6600"),
        text: None,
        tty: None,
        emergency: false,
    },
];

const IE: &[Helpline] = &[
    Helpline {
        id: "ie-emergency",
        name: "Emergency services",
        purpose: "If someone may be overdosing, can't be woken or isn't breathing, or anyone is in danger. 999 works too.",
        hours: "Any time, day or night.",
        call: contact("112", "112 or 999"),
        text: None,
        tty: None,
        emergency: true,
    },
    Helpline {
        id: "ie-samaritans",
        name: "Samaritans",
        purpose: "Someone to talk to about whatever you're going through, without judgement.",
        hours: "24/7, free.",
        call: contact("116123", "116 123"),
        text: None,
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "ie-hse",
        name: "HSE Drugs & Alcohol Helpline",
        purpose: "Free, confidential support and information about drug and alcohol use and services.",
        hours: "Office hours; see hse.ie for times.",
        call: contact("1800459459", "1800 459 459"),
        text: None,
        tty: None,
        emergency: false,
    },
];

const AU: &[Helpline] = &[
    Helpline {
        id: "au-emergency",
        name: "Emergency services",
        purpose: "If someone may be overdosing, can't be woken or isn't breathing, or anyone is in danger.",
        hours: "Any time, day or night.",
        call: contact("000", "000"),
        text: None,
        tty: None,
        emergency: true,
    },
    Helpline {
        id: "au-aod",
        name: "National Alcohol and Other Drug Hotline",
        purpose: "Free, confidential advice about alcohol and other drugs; connects you to the service in your state or territory.",
        hours: "24/7.",
        call: contact("1800250015", "1800 250 015"),
        text: None,
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "au-lifeline",
        name: "Lifeline",
        purpose: "Crisis support and suicide prevention: talk to someone now.",
        hours: "24/7.",
        call: contact("131114", "13 11 14"),
        text: None,
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "au-poisons",
        name: "Poisons Information Centre",
        purpose: "Advice about a possible poisoning or overdose.",
        hours: "24/7.",
        call: contact("131126", "13 11 26"),
        text: None,
        tty: None,
        emergency: false,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn contacts(line: &Helpline) -> Vec<Contact> {
        let mut all = vec![line.call];
        all.extend(line.text.map(|t| t.to));
        all.extend(line.tty);
        all
    }

    /// `+` then 8–15 digits (E.164), or 3–11 national digits.
    fn well_formed(dial: &str) -> bool {
        match dial.strip_prefix('+') {
            Some(intl) => {
                (8..=15).contains(&intl.len())
                    && intl.bytes().all(|b| b.is_ascii_digit())
                    && !intl.starts_with('0')
            }
            None => (3..=11).contains(&dial.len()) && dial.bytes().all(|b| b.is_ascii_digit()),
        }
    }

    #[test]
    fn every_number_is_well_formed_and_shown_with_the_same_digits() {
        for region in Region::ALL {
            for line in region.helplines() {
                for c in contacts(line) {
                    assert!(well_formed(c.dial), "{}: {:?}", line.id, c);
                    let shown: String = c.display.chars().filter(char::is_ascii_digit).collect();
                    let dialled = c.dial.trim_start_matches('+');
                    assert!(shown.starts_with(dialled), "{}: shows {:?}, dials {:?}", line.id, c.display, c.dial);
                    assert!(c.tel_href().starts_with("tel:"));
                }
            }
        }
    }

    #[test]
    fn every_region_has_exactly_one_emergency_line_and_it_comes_first() {
        for region in Region::ALL {
            let lines = region.helplines();
            assert!(lines.len() >= 2, "{region:?} needs more than the emergency number");
            assert!(lines[0].emergency, "{region:?}: emergency first");
            assert_eq!(lines.iter().filter(|l| l.emergency).count(), 1, "{region:?}");
            assert_eq!(region.emergency().id, lines[0].id);
        }
    }

    #[test]
    fn emergency_numbers_are_the_known_ones() {
        let expect = [
            (Region::UnitedStates, "911"),
            (Region::Canada, "911"),
            (Region::UnitedKingdom, "999"),
            (Region::Ireland, "112"),
            (Region::Australia, "000"),
        ];
        for (region, number) in expect {
            assert_eq!(region.emergency().call.dial, number);
        }
    }

    #[test]
    fn us_defaults_match_the_cited_facts() {
        let us = Region::UnitedStates.helplines();
        let by_id = |id: &str| us.iter().find(|l| l.id == id).unwrap();
        assert_eq!(by_id("us-samhsa").call.tel_href(), "tel:+18006624357");
        assert_eq!(by_id("us-samhsa").tty.unwrap().dial, "+18004874889");
        assert_eq!(by_id("us-988").text.unwrap().to.sms_href(), "sms:988");
        assert_eq!(by_id("us-poison").call.dial, "+18002221222");
        assert_eq!(Region::default(), Region::UnitedStates);
    }

    #[test]
    fn ids_are_unique_and_texts_filled() {
        let mut seen = HashSet::new();
        for region in Region::ALL {
            for line in region.helplines() {
                assert!(seen.insert(line.id), "duplicate id {}", line.id);
                assert!(!line.name.is_empty() && !line.purpose.is_empty() && !line.hours.is_empty());
            }
        }
    }

    #[test]
    fn region_codes_round_trip() {
        for region in Region::ALL {
            assert_eq!(Region::from_code(region.code()), Some(region));
            let json = serde_json::to_string(&region).unwrap();
            assert_eq!(json, format!("\"{}\"", region.code()));
            assert_eq!(serde_json::from_str::<Region>(&json).unwrap(), region);
        }
        assert_eq!(Region::from_code("FR"), None);
    }
}
