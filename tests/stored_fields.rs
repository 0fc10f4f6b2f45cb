//! Every field added to a stored document raises that document's version, so
//! an older tab left open across an update refuses the newer data instead of
//! reading it, dropping the field it doesn't know, and writing it back.
//!
//! How: each stored document (and the backup file, whose version is the
//! format's) is written from a sample with every field filled in, and the
//! paths of the fields it holds are compared with `tests/fixtures/stored-fields.json`,
//! which maps "document@version" to those paths.
//!
//! - A field added or removed without a new version fails here: raise the
//!   document's `VERSION` in `src/storage/mod.rs` (an identity migration is
//!   enough when the field defaults, see `fields_added`), or the backup
//!   format's `VERSION` in `src/domain/backup.rs`.
//! - Then record the new version's fields (older entries stay as they are):
//!   `STEADY_UPDATE_FIELDS=1 cargo test --test stored_fields`
//!   (the failure message prints the new JSON too).
//! - A field the samples below leave empty fails `samples_fill_every_field`:
//!   give it a value in the sample, so it is counted.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, Deserialize, Visitor};
use serde_json::Value;
use steady::domain::backup::{self, AllData, SetAside};
use steady::domain::checkin::{CheckIn, Intention};
use steady::domain::checkin_text::Part;
use steady::domain::coping::{ActiveTimer, CopingData, Helped, OwnStrategy, Rating};
use steady::domain::counter::{Counter, Counters, Start, Streak, Substance};
use steady::domain::cravings::{Craving, Halt, Mood, Outcome};
use steady::domain::helplines::Region;
use steady::domain::journal::JournalEntry;
use steady::domain::meds::{Left, MedsData, Medication, Naloxone, Taken};
use steady::domain::plan::{Guide, List, Plan, PlanItem, Role, ShareChoices};
use steady::domain::settings::Settings;
use steady::domain::share::{SharedPhone, SharedPlan};
use steady::domain::supporting::Supporting;
use steady::domain::weekly::LookBack;
use steady::storage::envelope::Document;
use steady::storage::monthly::MonthDoc;
use steady::storage::CravingMonth;

const FIXTURE: &str = "tests/fixtures/stored-fields.json";

/// Fields whose keys are data (a map), not field names.
const MAP_FIELDS: [&str; 1] = ["lists"];

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn at(d: u32, h: u32) -> NaiveDateTime {
    day(d).and_hms_opt(h, 0, 0).unwrap()
}

fn settings() -> Settings {
    Settings {
        region: Region::UnitedKingdom,
        region_chosen: Some(true),
        own_triggers: vec!["Payday".into()],
        last_backup: Some(day(1)),
        backup_snoozed: Some(day(2)),
        install_guide_dismissed: true,
        private_note_seen: true,
        look_back_day: Some(6),
    }
}

fn counters() -> Counters {
    let start = Start { date: day(1), time: Some(NaiveTime::from_hms_opt(9, 0, 0).unwrap()) };
    let counter = Counter {
        id: 1,
        name: "Days in recovery".into(),
        start,
        history: vec![Streak { start, end: start, note: "a note".into() }],
        money_per_day_cents: Some(2_000),
        celebrated: Some(1),
        counts: Some(Substance::Opioids),
    };
    Counters { list: vec![counter], main: Some(1) }
}

fn plan() -> Plan {
    let mut item = PlanItem::with_text("Sam");
    item.response = "Call".into();
    item.role = Some(Role::Sponsor);
    item.set_phone("07700 900123".into(), Region::UnitedKingdom);
    let mut plan = Plan { guide: Guide::At(2), ..Plan::default() };
    plan.set_share_choices(&ShareChoices { id: "k3Xz".into(), name: "Jo".into(), phone: "07700 900456".into(), checkin: Some(vec![Part::Days, Part::Mood]) });
    plan.lists.insert(List::Support, vec![item]);
    plan
}

fn coping() -> CopingData {
    CopingData {
        own: vec![OwnStrategy { id: "own-1".into(), title: "Run".into(), note: "Round the park".into() }],
        hidden: vec!["tidy".into()],
        favourites: vec!["own-1".into()],
        ratings: vec![Rating { strategy: "own-1".into(), at: at(3, 9), helped: Helped::Yes, trigger: Some("stress".into()) }],
        active: Some(ActiveTimer { strategy: "own-1".into(), started_ms: 1.0, ends_ms: 2.0 }),
        vibrate: true,
    }
}

fn meds() -> MedsData {
    // The committed backup holds medication, naloxone and appointments; what it leaves empty is filled here.
    let now = at(23, 12);
    let (data, _) = backup::import(include_str!("fixtures/backup-v5.json"), now).unwrap();
    let mut meds = data.meds;
    meds.notify = true;
    meds.badge = true;
    meds.calendar_id = "0123456789abcdef".into();
    meds.shown.push("risk".into());
    if let Some(kit) = &mut meds.naloxone {
        kit.place = "Kitchen".into();
    }
    meds.left.push(Left { place: meds.left[0].place, on: day(3) });
    let first = &mut meds.list[0];
    first.prescriber = "Dr Lee".into();
    first.take_homes = Some(6);
    first.tapering_since = Some(day(10));
    meds
}

fn craving() -> Craving {
    let mut c = Craving::new(1, at(3, 9));
    c.triggers = vec!["stress".into()];
    c.halt = vec![Halt::Hungry];
    c.moods = vec![Mood::Sad];
    c.place = "Home".into();
    c.with_whom = "Alone".into();
    c.note = "note".into();
    c.outcome = Some(Outcome::Passed);
    c.intensity_after = Some(2);
    c.coping = vec!["Walk".into()];
    c.updated = Some(at(4, 9));
    c
}

fn checkin() -> CheckIn {
    let mut c = CheckIn::new(day(3), at(3, 21));
    c.intention = Some(Intention::OwnWords);
    c.intention_words = "words".into();
    c.mood = Some(3);
    c.craving = Some(4);
    c.sleep = Some(2);
    c.halt = vec![Halt::Tired];
    c.used = Some(false);
    c.helped = "a walk".into();
    c.note = "thanks".into();
    c
}

fn journal() -> JournalEntry {
    let mut e = JournalEntry::new(1, at(3, 22), "text".into());
    e.mood = Some(3);
    e.edited = Some(at(4, 8));
    e
}

fn look_back() -> LookBack {
    LookBack { day: day(8), answers: vec![("sleep".into(), 3)], saved_at: at(8, 20) }
}

fn doses(meds: &MedsData) -> Vec<Taken> {
    let med = &meds.list[0];
    vec![Taken { med: med.id, day: day(3), slot: Some(NaiveTime::from_hms_opt(8, 0, 0).unwrap()), at: at(3, 8) }]
}

fn supporting() -> Supporting {
    let shared = SharedPlan {
        id: "pQ7r".into(),
        made: at(2, 9),
        lang: "es".into(),
        name: "Alex".into(),
        phone: Some(SharedPhone { shown: "555 010 0200".into(), tel: "5550100200".into() }),
        plan: plan(),
    };
    let mut kept = Supporting::default();
    kept.keep(shared, at(3, 9)).unwrap();
    kept
}

fn all_data() -> AllData {
    let meds = meds();
    AllData {
        settings: settings(),
        counters: counters(),
        plan: plan(),
        coping: coping(),
        cravings: vec![craving()],
        checkins: vec![checkin()],
        journal: vec![journal()],
        look_backs: vec![look_back()],
        doses: doses(&meds),
        meds,
        set_aside: vec![SetAside { name: "steady.plan.1".into(), text: "x".into() }],
        supporting: supporting(),
    }
}

/// "document@version" → the paths of the fields a full sample of it holds.
fn current() -> BTreeMap<String, BTreeSet<String>> {
    fn entry<D: Document>(out: &mut BTreeMap<String, BTreeSet<String>>, name: &str, sample: D) {
        out.insert(format!("{name}@{}", D::VERSION), paths(&serde_json::to_value(&sample).unwrap()));
    }
    let mut out = BTreeMap::new();
    entry(&mut out, "settings", settings());
    entry(&mut out, "counters", counters());
    entry(&mut out, "plan", plan());
    // The plan keeps its sharing choices as JSON text (see `Plan::share`): their fields count too.
    // (A backup carries that text whole, and an older app keeps it whole.)
    let share: Value = serde_json::from_str(&plan().share).unwrap();
    let plan_fields = out.get_mut(&format!("plan@{}", <steady::domain::plan::Plan as Document>::VERSION)).unwrap();
    plan_fields.extend(paths(&share).into_iter().map(|p| format!("share{{}}.{p}")));
    entry(&mut out, "coping", coping());
    entry(&mut out, "meds", meds());
    entry(&mut out, "supporting", supporting());
    entry(&mut out, "log-month", CravingMonth(vec![craving()]));
    entry(&mut out, "checkin-month", MonthDoc(vec![checkin()]));
    entry(&mut out, "journal-month", MonthDoc(vec![journal()]));
    entry(&mut out, "weekly-month", MonthDoc(vec![look_back()]));
    entry(&mut out, "dose-month", MonthDoc(doses(&meds())));
    let file: Value = serde_json::from_str(&backup::export(&all_data(), at(23, 12))).unwrap();
    out.insert(format!("backup@{}", backup::VERSION), paths(&file));
    out
}

fn paths(value: &Value) -> BTreeSet<String> {
    fn walk(value: &Value, path: &str, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(fields) => {
                let is_map = MAP_FIELDS.iter().any(|m| path == *m || path.ends_with(&format!(".{m}")));
                for (key, inner) in fields {
                    let key = if is_map { "*" } else { key.as_str() };
                    let here = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
                    out.insert(here.clone());
                    walk(inner, &here, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    walk(item, &format!("{path}[]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(value, "", &mut out);
    out
}

#[test]
fn every_stored_field_is_in_the_fixture_for_its_version() {
    let now = current();
    let text = std::fs::read_to_string(FIXTURE).unwrap_or_else(|_| "{}".into());
    let mut recorded: BTreeMap<String, BTreeSet<String>> = serde_json::from_str(&text).expect("the fixture reads");
    if std::env::var_os("STEADY_UPDATE_FIELDS").is_some() {
        recorded.extend(now);
        std::fs::write(FIXTURE, serde_json::to_string_pretty(&recorded).unwrap() + "\n").unwrap();
        return;
    }
    let mut wrong = Vec::new();
    for (key, fields) in &now {
        match recorded.get(key) {
            Some(known) if known == fields => {}
            Some(known) => {
                let added: Vec<_> = fields.difference(known).collect();
                let removed: Vec<_> = known.difference(fields).collect();
                wrong.push(format!(
                    "{key}: fields changed without a new version (added {added:?}, removed {removed:?}). Raise its VERSION (src/storage/mod.rs, or backup::VERSION for the backup file) so an older open tab refuses the data instead of dropping the field."
                ));
            }
            None => wrong.push(format!("{key}: a version not recorded yet.")),
        }
    }
    if !wrong.is_empty() {
        let mut updated = recorded.clone();
        updated.extend(now);
        panic!(
            "{}\nOnce each changed document has a new version, record it with\n  STEADY_UPDATE_FIELDS=1 cargo test --test stored_fields\nwhich writes {FIXTURE} as:\n{}",
            wrong.join("\n"),
            serde_json::to_string_pretty(&updated).unwrap()
        );
    }
}

/// The field names a struct declares (after renames), read from what its
/// derived `Deserialize` asks for.
fn fields_of<'de, T: Deserialize<'de>>() -> Vec<&'static str> {
    struct Fields(Vec<&'static str>);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    impl<'de> de::Deserializer<'de> for &mut Fields {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, fields: &'static [&'static str], _: V) -> Result<V::Value, Stop> {
            self.0 = fields.to_vec();
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
            newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields = Fields(Vec::new());
    let _ = T::deserialize(&mut fields);
    assert!(!fields.0.is_empty(), "{} is not a struct", std::any::type_name::<T>());
    fields.0
}

#[test]
fn samples_fill_every_field() {
    let declared: Vec<(&str, Vec<&str>)> = vec![
        ("Settings", fields_of::<Settings>()),
        ("Counters", fields_of::<Counters>()),
        ("Counter", fields_of::<Counter>()),
        ("Start", fields_of::<Start>()),
        ("Streak", fields_of::<Streak>()),
        ("Plan", fields_of::<Plan>()),
        ("PlanItem", fields_of::<PlanItem>()),
        ("Dial", fields_of::<steady::domain::phone::Dial>()),
        ("CopingData", fields_of::<CopingData>()),
        ("OwnStrategy", fields_of::<OwnStrategy>()),
        ("Rating", fields_of::<Rating>()),
        ("ActiveTimer", fields_of::<ActiveTimer>()),
        ("MedsData", fields_of::<MedsData>()),
        ("Medication", fields_of::<Medication>()),
        ("Naloxone", fields_of::<Naloxone>()),
        ("Left", fields_of::<Left>()),
        ("Appointment", fields_of::<steady::domain::appointments::Appointment>()),
        ("Craving", fields_of::<Craving>()),
        ("CheckIn", fields_of::<CheckIn>()),
        ("JournalEntry", fields_of::<JournalEntry>()),
        ("LookBack", fields_of::<LookBack>()),
        ("Taken", fields_of::<Taken>()),
        ("SetAside", fields_of::<SetAside>()),
    ];
    let seen: BTreeSet<String> = current()
        .values()
        .flatten()
        .map(|p| p.rsplit('.').next().unwrap().trim_end_matches("[]").to_string())
        .collect();
    let missing: Vec<String> = declared
        .iter()
        .flat_map(|(name, fields)| fields.iter().filter(|f| !seen.contains(**f)).map(move |f| format!("{name}.{f}")))
        .collect();
    assert!(missing.is_empty(), "fill these in the samples in tests/stored_fields.rs, so they are counted: {missing:?}");
}
