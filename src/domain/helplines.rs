//! Crisis and support lines per region. Numbers and what each line is for come from
//! `shared/content-facts.md` (SAMHSA, 988 Lifeline, HRSA Poison Help, Government of
//! Canada, Samaritans, FRANK, HSE, health.gov.au).

use serde::{Deserialize, Serialize};

use super::i18n::{fill, Both, Lang};

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
            Region::UnitedStates => tr!("United States"),
            Region::Canada => tr!("Canada"),
            Region::UnitedKingdom => tr!("United Kingdom"),
            Region::Ireland => tr!("Ireland"),
            Region::Australia => tr!("Australia"),
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

    /// The country to show before the person has picked one: from the phone's
    /// time zone (an IANA name such as `Europe/London`), and, where the zone
    /// names no place (`UTC`, `Etc/…`, none), the region of its language
    /// setting (`en-GB`). Anything else is the United States, as before.
    pub fn guess(time_zone: &str, locale: &str) -> Region {
        let zone = time_zone.trim();
        let (area, city) = zone.split_once('/').unwrap_or((zone, ""));
        match (area, city) {
            ("Europe", "London" | "Belfast") | ("GB" | "GB-Eire", _) => return Region::UnitedKingdom,
            ("Europe", "Dublin") | ("Eire", _) => return Region::Ireland,
            ("Australia", _) => return Region::Australia,
            ("Canada", _) => return Region::Canada,
            ("America", city) if CANADIAN_CITIES.split(' ').any(|c| c == city) => return Region::Canada,
            ("" | "UTC" | "UCT" | "GMT" | "Etc" | "Universal" | "Zulu", _) => {}
            _ => return Region::UnitedStates,
        }
        let country = locale.split(['-', '_']).skip(1).find(|part| part.len() == 2).unwrap_or("");
        match country.to_ascii_uppercase().as_str() {
            "GB" | "UK" => Region::UnitedKingdom,
            "IE" => Region::Ireland,
            "AU" => Region::Australia,
            "CA" => Region::Canada,
            _ => Region::UnitedStates,
        }
    }

    /// A line to call before using alone, where the country has one: someone
    /// stays on the line and sends help if the caller stops responding (Never
    /// Use Alone in the US, NORS in Canada; content-facts.md). The other
    /// countries have no national line, so the app asks for a person instead.
    pub fn use_alone_line(self) -> Option<&'static Helpline> {
        let id = match self {
            Region::UnitedStates => "us-never-use-alone",
            Region::Canada => "ca-nors",
            _ => return None,
        };
        self.helplines().iter().find(|line| line.id == id)
    }

    /// A line that helps a person find treatment (medication for opioid use disorder among it),
    /// named after "ask a clinic" where tolerance is low (safety review 2026-12-06, 2.3):
    /// SAMHSA's referrals (US), FRANK's advice (UK), the HSE line's information about services
    /// (Ireland), the national hotline that connects to the state's service (Australia);
    /// content-facts.md. Canada has no national one in the cited facts, so none is named there.
    pub fn treatment_line(self) -> Option<&'static Helpline> {
        let id = match self {
            Region::UnitedStates => "us-samhsa",
            Region::UnitedKingdom => "uk-frank",
            Region::Ireland => "ie-hse",
            Region::Australia => "au-aod",
            Region::Canada => return None,
        };
        self.helplines().iter().find(|line| line.id == id)
    }

    /// The line for someone in crisis or thinking of suicide: 988 (US, Canada),
    /// Samaritans (UK, Ireland), Lifeline (Australia).
    pub fn crisis_line(self) -> &'static Helpline {
        self.line(match self {
            Region::UnitedStates => "us-988",
            Region::Canada => "ca-988",
            Region::UnitedKingdom => "uk-samaritans",
            Region::Ireland => "ie-samaritans",
            Region::Australia => "au-lifeline",
        })
    }

    /// The line to call about a craving when no one of the person's own is
    /// saved: one that answers day and night about drugs or a crisis (never a
    /// general medical line such as NHS 111, nor one with office hours).
    pub fn craving_line(self) -> &'static Helpline {
        self.line(match self {
            Region::UnitedStates => "us-988",
            Region::Canada => "ca-988",
            Region::UnitedKingdom => "uk-frank",
            Region::Ireland => "ie-samaritans",
            Region::Australia => "au-aod",
        })
    }

    fn line(self, id: &str) -> &'static Helpline {
        self.helplines().iter().find(|line| line.id == id).unwrap_or(self.emergency())
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
    pub name: Both,
    /// One line on what the line is for.
    pub purpose: Both,
    /// Hours and languages.
    pub hours: Both,
    pub call: Contact,
    pub text: Option<TextLine>,
    pub tty: Option<Contact>,
    pub emergency: bool,
}

/// Texting a line, with what to send when the line needs something particular.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLine {
    pub to: Contact,
    pub how: Both,
    /// What to send to reach someone who speaks Spanish, where the line has it
    /// (988: AYUDA); in Spanish the link fills it in.
    pub spanish_keyword: Option<&'static str>,
}

impl TextLine {
    /// An `sms:` link; in Spanish, with the line's Spanish keyword as the message
    /// (`?&body=` is read by both iOS and Android).
    pub fn href(&self) -> String {
        match (Lang::current(), self.spanish_keyword) {
            (Lang::Es, Some(word)) => format!("sms:{}?&body={word}", self.to.dial),
            _ => self.to.sms_href(),
        }
    }

    /// What the link says: in Spanish, which word to send where there is one.
    pub fn label(&self) -> String {
        match (Lang::current(), self.spanish_keyword) {
            (Lang::Es, Some(word)) => fill(tr!("Text {} to {}"), &[word, self.to.display]),
            _ => self.how.get().to_string(),
        }
    }

    pub fn test_id(&self) -> Option<&'static str> {
        (Lang::current() == Lang::Es && self.spanish_keyword.is_some()).then_some("helpline-988-spanish-text")
    }
}

/// `America/…` time zones in Canada (IANA tz database, zone1970.tab and backward), one string
/// rather than a table of them: smaller in the first download.
const CANADIAN_CITIES: &str = "St_Johns Halifax Glace_Bay Moncton Goose_Bay Blanc-Sablon Toronto Montreal Nipigon \
Thunder_Bay Iqaluit Pangnirtung Atikokan Coral_Harbour Winnipeg Rainy_River Resolute Rankin_Inlet Regina \
Swift_Current Edmonton Cambridge_Bay Yellowknife Inuvik Creston Dawson_Creek Fort_Nelson Whitehorse Dawson Vancouver";

const fn contact(dial: &'static str, display: &'static str) -> Contact {
    Contact { dial, display }
}

const US: &[Helpline] = &[
    Helpline {
        id: "us-emergency",
        name: Both::new("Emergency services"),
        purpose: Both::new("If someone may be overdosing, can't be woken or isn't breathing, or anyone is in danger."),
        hours: Both::new("Any time, day or night."),
        call: contact("911", "911"),
        text: None,
        tty: None,
        emergency: true,
    },
    Helpline {
        id: "us-988",
        name: Both::new("988 Suicide & Crisis Lifeline"),
        purpose: Both::new("Talk or text with someone now about a mental-health or substance-use crisis, or thoughts of suicide. Press 1 for the Veterans Crisis Line, 2 for Spanish."),
        hours: Both::new("24/7, free. English and Spanish; chat at 988lifeline.org."),
        call: contact("988", "988"),
        text: Some(TextLine { to: contact("988", "988"), how: Both::new("Text 988"), spanish_keyword: Some("AYUDA") }),
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "us-samhsa",
        name: Both::new("SAMHSA National Helpline"),
        purpose: Both::new("Free, confidential information and referrals to treatment, support groups and community services."),
        hours: Both::new("24/7, every day of the year. English and Spanish."),
        call: contact("+18006624357", "1-800-662-4357"),
        text: Some(TextLine {
            to: contact("435748", "435748"),
            // The text service answers in English only (SAMHSA National Helpline page).
            how: Both::new("Text your ZIP code to 435748"),
            spanish_keyword: None,
        }),
        tty: Some(contact("+18004874889", "1-800-487-4889")),
        emergency: false,
    },
    // content-facts.md: Never Use Alone (Filter magazine; Street Connections, Winnipeg).
    Helpline {
        id: "us-never-use-alone",
        name: Both::new("Never Use Alone"),
        purpose: Both::new("Using alone? Call first: someone stays on the line and sends help if you stop answering."),
        hours: Both::new("24/7, free and confidential."),
        call: contact("+18004843731", "1-800-484-3731"),
        text: None,
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "us-poison",
        name: Both::new("Poison Help"),
        purpose: Both::new("Experts answer questions about a possible poisoning or overdose. If the person is unconscious or not breathing, call 911 instead."),
        hours: Both::new("24/7, free and confidential."),
        call: contact("+18002221222", "1-800-222-1222"),
        text: None,
        tty: None,
        emergency: false,
    },
];

const CA: &[Helpline] = &[
    Helpline {
        id: "ca-emergency",
        name: Both::new("Emergency services"),
        purpose: Both::new("If someone may be overdosing, can't be woken or isn't breathing, or anyone is in danger."),
        hours: Both::new("Any time, day or night."),
        call: contact("911", "911"),
        text: None,
        tty: None,
        emergency: true,
    },
    Helpline {
        id: "ca-988",
        name: Both::new("9-8-8 Suicide Crisis Helpline"),
        purpose: Both::new("Call or text if you are thinking about suicide or worried about someone."),
        hours: Both::new("24/7. English and French."),
        call: contact("988", "988"),
        text: Some(TextLine { to: contact("988", "988"), how: Both::new("Text 988"), spanish_keyword: None }),
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "ca-nors",
        name: Both::new("National Overdose Response Service"),
        purpose: Both::new("For anyone using drugs alone: a volunteer stays on the line and sends help if you stop responding."),
        hours: Both::new("24/7, confidential."),
        call: contact("+18886886677", "1-888-688-6677"),
        text: None,
        tty: None,
        emergency: false,
    },
    // Canada's poison centres' national number since 2024 (nexreg.com); Quebec keeps its own.
    Helpline {
        id: "ca-poison",
        name: Both::new("Poison Centre"),
        purpose: Both::new("Advice about a possible poisoning or overdose (in Quebec: 1-800-463-5060)."),
        hours: Both::new("24/7, free."),
        call: contact("+18447647669", "1-844-764-7669"),
        text: None,
        tty: None,
        emergency: false,
    },
];

const UK: &[Helpline] = &[
    Helpline {
        id: "uk-emergency",
        name: Both::new("Emergency services"),
        purpose: Both::new("If someone may be overdosing, can't be woken or isn't breathing, or anyone is in danger."),
        hours: Both::new("Any time, day or night."),
        call: contact("999", "999"),
        text: None,
        tty: None,
        emergency: true,
    },
    Helpline {
        id: "uk-111",
        name: Both::new("NHS 111"),
        purpose: Both::new("Urgent medical help and advice when it isn't an emergency. In England, choose the mental health option in a mental health crisis."),
        hours: Both::new("24/7."),
        call: contact("111", "111"),
        text: None,
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "uk-samaritans",
        name: Both::new("Samaritans"),
        purpose: Both::new("Someone to talk to about whatever you're going through, without judgement."),
        hours: Both::new("24/7, free from any phone."),
        call: contact("116123", "116 123"),
        text: None,
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "uk-frank",
        name: Both::new("FRANK"),
        purpose: Both::new("Honest, confidential information and advice about drugs."),
        // Phone line 24 hours, live chat in the afternoons (content-facts.md: Wikipedia, FRANK (drugs)).
        hours: Both::new("24/7 by phone."),
        call: contact("03001236600", "0300 123 6600"),
        text: None,
        tty: None,
        emergency: false,
    },
];

const IE: &[Helpline] = &[
    Helpline {
        id: "ie-emergency",
        name: Both::new("Emergency services"),
        purpose: Both::new("If someone may be overdosing, can't be woken or isn't breathing, or anyone is in danger. 999 works too."),
        hours: Both::new("Any time, day or night."),
        // One number on the button (the words above say 999 works too), in either language.
        call: contact("112", "112"),
        text: None,
        tty: None,
        emergency: true,
    },
    Helpline {
        id: "ie-samaritans",
        name: Both::new("Samaritans"),
        purpose: Both::new("Someone to talk to about whatever you're going through, without judgement."),
        hours: Both::new("24/7, free."),
        call: contact("116123", "116 123"),
        text: None,
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "ie-hse",
        name: Both::new("HSE Drugs & Alcohol Helpline"),
        purpose: Both::new("Free, confidential support and information about drug and alcohol use and services."),
        hours: Both::new("Office hours; see hse.ie for times."),
        call: contact("1800459459", "1800 459 459"),
        text: None,
        tty: None,
        emergency: false,
    },
];

const AU: &[Helpline] = &[
    Helpline {
        id: "au-emergency",
        name: Both::new("Emergency services"),
        purpose: Both::new("If someone may be overdosing, can't be woken or isn't breathing, or anyone is in danger."),
        hours: Both::new("Any time, day or night."),
        call: contact("000", "000"),
        text: None,
        tty: None,
        emergency: true,
    },
    Helpline {
        id: "au-aod",
        name: Both::new("National Alcohol and Other Drug Hotline"),
        purpose: Both::new("Free, confidential advice about alcohol and other drugs; connects you to the service in your state or territory."),
        hours: Both::new("24/7."),
        call: contact("1800250015", "1800 250 015"),
        text: None,
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "au-lifeline",
        name: Both::new("Lifeline"),
        purpose: Both::new("Crisis support and suicide prevention: talk to someone now."),
        hours: Both::new("24/7."),
        call: contact("131114", "13 11 14"),
        // Lifeline's text service, 24/7 (lifeinmind.org.au).
        text: Some(TextLine { to: contact("0477131114", "0477 13 11 14"), how: Both::new("Text 0477 13 11 14"), spanish_keyword: None }),
        tty: None,
        emergency: false,
    },
    Helpline {
        id: "au-poisons",
        name: Both::new("Poisons Information Centre"),
        purpose: Both::new("Advice about a possible poisoning or overdose."),
        hours: Both::new("24/7."),
        call: contact("131126", "13 11 26"),
        text: None,
        tty: None,
        emergency: false,
    },
];

#[cfg(test)]
mod tests {
    #[test]
    fn in_spanish_988_says_how_to_reach_spanish_speaking_counsellors() {
        use crate::domain::i18n::Lang;
        let line = Region::UnitedStates.helplines().iter().find(|l| l.id == "us-988").unwrap();
        let text = line.text.unwrap();
        assert_eq!(text.href(), "sms:988");
        assert_eq!(text.label(), "Text 988");
        Lang::Es.while_current(|| {
            assert_eq!(text.href(), "sms:988?&body=AYUDA");
            assert_eq!(text.label(), "Envía AYUDA al 988");
            assert_eq!(text.test_id(), Some("helpline-988-spanish-text"));
            assert!(line.purpose.get().contains("marca 2"), "{}", line.purpose.get());
            let samhsa = Region::UnitedStates.helplines().iter().find(|l| l.id == "us-samhsa").unwrap();
            assert!(samhsa.hours.get().contains("español"));
            // Canada's 9-8-8 has no Spanish keyword.
            let ca = Region::Canada.helplines().iter().find(|l| l.id == "ca-988").unwrap().text.unwrap();
            assert_eq!(ca.href(), "sms:988");
        });
    }

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
                assert!(!line.name.en.is_empty() && !line.purpose.en.is_empty() && !line.hours.en.is_empty());
            }
        }
    }

    #[test]
    fn the_country_is_guessed_from_the_time_zone_then_the_language_region() {
        use Region::*;
        let cases = [
            ("Europe/London", "en-US", UnitedKingdom),
            ("Europe/Belfast", "", UnitedKingdom),
            ("Europe/Dublin", "en-US", Ireland),
            ("Australia/Sydney", "en-US", Australia),
            ("Australia/Perth", "es-MX", Australia),
            ("America/Toronto", "en-US", Canada),
            ("America/Vancouver", "", Canada),
            ("America/Edmonton", "", Canada),
            ("America/Winnipeg", "", Canada),
            ("America/Halifax", "", Canada),
            ("America/St_Johns", "", Canada),
            ("America/Regina", "", Canada),
            ("America/Whitehorse", "", Canada),
            ("Canada/Eastern", "", Canada),
            ("America/New_York", "en-GB", UnitedStates),
            ("America/Los_Angeles", "es-US", UnitedStates),
            ("America/Mexico_City", "es-MX", UnitedStates),
            ("Europe/Madrid", "es-ES", UnitedStates),
            // A zone that names no place: the language setting's region decides.
            ("UTC", "en-GB", UnitedKingdom),
            ("Etc/GMT+5", "en-CA", Canada),
            ("", "en-IE", Ireland),
            ("", "en_AU", Australia),
            ("UTC", "es", UnitedStates),
            ("", "", UnitedStates),
            ("Etc/UTC", "zh-Hant-TW", UnitedStates),
        ];
        for (zone, locale, expected) in cases {
            assert_eq!(Region::guess(zone, locale), expected, "{zone:?} {locale:?}");
        }
    }

    #[test]
    fn lines_for_using_alone_a_crisis_and_a_craving_fit_each_country() {
        let use_alone: Vec<_> = Region::ALL.into_iter().map(|r| r.use_alone_line().map(|l| l.call.dial)).collect();
        assert_eq!(use_alone, [Some("+18004843731"), Some("+18886886677"), None, None, None]);
        let crisis: Vec<_> = Region::ALL.into_iter().map(|r| r.crisis_line().id).collect();
        assert_eq!(crisis, ["us-988", "ca-988", "uk-samaritans", "ie-samaritans", "au-lifeline"]);
        let craving: Vec<_> = Region::ALL.into_iter().map(|r| r.craving_line().id).collect();
        assert_eq!(craving, ["us-988", "ca-988", "uk-frank", "ie-samaritans", "au-aod"]);
        let treatment: Vec<_> = Region::ALL.into_iter().map(|r| r.treatment_line().map(|l| l.call.dial)).collect();
        assert_eq!(treatment, [Some("+18006624357"), None, Some("03001236600"), Some("1800459459"), Some("1800250015")]);
        for region in Region::ALL {
            assert!(!region.crisis_line().emergency && !region.craving_line().emergency);
            // NHS 111 is for urgent medical care, not cravings; HSE's line keeps office hours.
            assert!(!["uk-111", "ie-hse"].contains(&region.craving_line().id));
        }
        let frank = Region::UnitedKingdom.helplines().iter().find(|l| l.id == "uk-frank").unwrap();
        assert!(frank.hours.en.starts_with("24/7"), "FRANK's phone line is 24 hours");
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
