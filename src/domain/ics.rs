//! A calendar file (iCalendar, RFC 5545) with the person's reminders, so they
//! arrive from the phone's own calendar: a web app with no server cannot
//! schedule notifications on a phone.
//!
//! Times are *floating* local times (RFC 5545 3.3.5, form 1: no "Z", no
//! TZID): a weekly 9:00 appointment stays at 9:00 on the phone's clock across
//! a DST change and after travel, as the app shows it. A VTIMEZONE would pin
//! it to the zone of the phone that wrote the file, and would need the zone's
//! rules, which the browser doesn't expose.
//!
//! Each event's UID is stable (made from what it reminds of), so importing a
//! newer file updates the events instead of adding copies.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::schedule::Recurrence;

/// When an event starts: a whole day, or a local wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Day,
    At(chrono::NaiveTime),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across exports: the same reminder always has the same UID.
    pub uid: String,
    pub title: String,
    pub note: String,
    pub place: String,
    /// The first date and how it repeats.
    pub dates: Recurrence,
    pub start: Start,
    /// Length of a timed event, in minutes (untimed events last their day).
    pub minutes: u32,
    /// The alarm, in minutes before the start (0: at the start); none for no alarm.
    pub alarm_before: Option<i64>,
    /// Whether it makes the person busy (appointments) or not (a dose reminder).
    pub busy: bool,
    /// Dates the rule falls on that are left out (EXDATE).
    pub skipped: Vec<NaiveDate>,
}

/// How the calendar file names things. A phone's calendar is seen by others
/// (on its lock screen too) and is often synced to a cloud account, so by
/// default nothing in the file says what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming<'a> {
    /// Asked for: titles name the medication and appointments, with places
    /// and notes; the file and its UIDs say Steady.
    Full,
    /// Neutral titles, no places or notes, a neutral PRODID, and UIDs that
    /// start with this install's own random id (kept with the medication).
    Discreet(&'a str),
}

impl Naming<'_> {
    pub fn is_full(self) -> bool {
        self == Naming::Full
    }

    /// The UID of the event for `what` ("med", "appt", "naloxone", "checkin")
    /// and `id` (which one, possibly empty): the same in every export, so
    /// adding the file again updates its events. A discreet one keeps only
    /// `what`'s first letter.
    pub fn uid(self, what: &str, id: &str) -> String {
        match self {
            Naming::Full if id.is_empty() => format!("steady-{what}@steady.app"),
            Naming::Full => format!("steady-{what}-{id}@steady.app"),
            Naming::Discreet(install) => format!("{install}-{}{id}", &what[..1]),
        }
    }
}

/// A discreet title for something at `time` (a dose, the check-in): "Reminder: 08:00",
/// or "Reminder: 8:00 AM" for a reader on a 12-hour clock (a person reads it in their calendar).
pub fn discreet_at(time: chrono::NaiveTime) -> String {
    super::i18n::fill(tr!("Reminder: {}"), &[&super::dates::time_of_day(time)])
}

/// The whole file, CRLF line endings and folded lines. `stamp` is now, in UTC.
/// A calendar needs at least one event (RFC 5545 3.6): offer the file only then.
pub fn calendar(events: &[Event], stamp: NaiveDateTime, naming: Naming) -> String {
    let mut out = String::new();
    let stamp = format!("{}Z", stamp.format("%Y%m%dT%H%M%S"));
    let product = if naming.is_full() { "PRODID:-//Steady//Recovery companion//EN" } else { "PRODID:-//Reminders//EN" };
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", product, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"] {
        push(&mut out, line);
    }
    for e in events {
        event(&mut out, e, &stamp);
    }
    push(&mut out, "END:VCALENDAR");
    out
}

fn event(out: &mut String, e: &Event, stamp: &str) {
    push(out, "BEGIN:VEVENT");
    push(out, &format!("UID:{}", text(&e.uid)));
    push(out, &format!("DTSTAMP:{stamp}"));
    let first = e.dates.first;
    match e.start {
        Start::Day => {
            push(out, &format!("DTSTART;VALUE=DATE:{}", day(first)));
            let next = first.succ_opt().unwrap_or(first);
            push(out, &format!("DTEND;VALUE=DATE:{}", day(next)));
        }
        Start::At(time) => {
            push(out, &format!("DTSTART:{}", local(first.and_time(time))));
            push(out, &format!("DURATION:{}", duration(i64::from(e.minutes.max(1)))));
        }
    }
    if let Some((rule, extra)) = e.dates.ics_rule(matches!(e.start, Start::At(_))) {
        push(out, &format!("RRULE:{rule}"));
        if !extra.is_empty() {
            let (property, dates): (&str, Vec<String>) = match e.start {
                Start::Day => ("RDATE;VALUE=DATE", extra.iter().map(|d| day(*d)).collect()),
                Start::At(time) => ("RDATE", extra.iter().map(|d| local(d.and_time(time))).collect()),
            };
            push(out, &format!("{property}:{}", dates.join(",")));
        }
        if !e.skipped.is_empty() {
            // EXDATE takes DTSTART's form (RFC 5545 3.8.5.1): a date, or the floating local time on that date.
            let (property, dates): (&str, Vec<String>) = match e.start {
                Start::Day => ("EXDATE;VALUE=DATE", e.skipped.iter().map(|d| day(*d)).collect()),
                Start::At(time) => ("EXDATE", e.skipped.iter().map(|d| local(d.and_time(time))).collect()),
            };
            push(out, &format!("{property}:{}", dates.join(",")));
        }
    }
    push(out, &format!("SUMMARY:{}", text(&e.title)));
    if !e.note.trim().is_empty() {
        push(out, &format!("DESCRIPTION:{}", text(&e.note)));
    }
    if !e.place.trim().is_empty() {
        push(out, &format!("LOCATION:{}", text(&e.place)));
    }
    push(out, if e.busy { "TRANSP:OPAQUE" } else { "TRANSP:TRANSPARENT" });
    if let Some(before) = e.alarm_before {
        push(out, "BEGIN:VALARM");
        push(out, "ACTION:DISPLAY");
        push(out, &format!("DESCRIPTION:{}", text(&e.title)));
        let trigger = if before > 0 { format!("-{}", duration(before)) } else { duration(-before) };
        push(out, &format!("TRIGGER:{trigger}"));
        push(out, "END:VALARM");
    }
    push(out, "END:VEVENT");
}

fn day(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// A positive length of time as an RFC 5545 duration: P1D, PT15M, P29DT15H.
fn duration(minutes: i64) -> String {
    let length = TimeDelta::minutes(minutes);
    let (days, hours, mins) = (length.num_days(), length.num_hours() % 24, length.num_minutes() % 60);
    let mut d = String::from("P");
    if days > 0 {
        d += &format!("{days}D");
    }
    if hours > 0 || mins > 0 || days == 0 {
        d.push('T');
        if hours > 0 {
            d += &format!("{hours}H");
        }
        if mins > 0 || hours == 0 {
            d += &format!("{mins}M");
        }
    }
    d
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line
/// breaks escaped; other control characters dropped.
fn text(value: &str) -> String {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Adds a content line folded at 75 octets (RFC 5545 3.1), never inside a
/// UTF-8 character, each line ended by CRLF.
fn push(out: &mut String, line: &str) {
    let mut room = 75;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            // A continuation line's leading space counts towards its 75 octets.
            room = 74;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::date;
    use crate::domain::schedule::Repeat;
    use chrono::NaiveTime;


    fn stamp() -> NaiveDateTime {
        date(2026, 3, 1).and_hms_opt(12, 0, 0).unwrap()
    }

    fn weekly_at_nine() -> Event {
        Event {
            uid: "appt-7@steady".into(),
            title: "Counselling".into(),
            note: String::new(),
            place: String::new(),
            dates: Recurrence::new(date(2026, 3, 2), Repeat::Weekly),
            start: Start::At(NaiveTime::from_hms_opt(9, 0, 0).unwrap()),
            minutes: 50,
            alarm_before: Some(30),
            busy: true,
            skipped: Vec::new(),
        }
    }

    /// The content lines, unfolded.
    fn lines(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "").split("\r\n").map(str::to_owned).collect()
    }

    #[test]
    fn a_weekly_appointment_at_a_floating_nine() {
        let ics = calendar(&[weekly_at_nine()], stamp(), Naming::Full);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        // Every line ends in CRLF: no bare LF anywhere.
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
        let l = lines(&ics);
        for expected in [
            "UID:appt-7@steady",
            "DTSTAMP:20260301T120000Z",
            "DTSTART:20260302T090000",
            "DURATION:PT50M",
            "RRULE:FREQ=WEEKLY",
            "SUMMARY:Counselling",
            "TRANSP:OPAQUE",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-PT30M",
        ] {
            assert!(l.iter().any(|x| x == expected), "{expected} missing from {l:?}");
        }
        // Floating: no time zone anywhere.
        assert!(!ics.contains("TZID") && !l.iter().any(|x| x.starts_with("DTSTART") && x.ends_with('Z')));
        // The same reminder exported twice has the same UID.
        assert_eq!(lines(&calendar(&[weekly_at_nine()], stamp() + TimeDelta::days(3), Naming::Full)).iter().filter(|x| x.starts_with("UID:")).collect::<Vec<_>>(), vec!["UID:appt-7@steady"]);
    }

    #[test]
    fn skipped_dates_are_exceptions_in_dtstarts_form() {
        let mut e = weekly_at_nine();
        e.skipped = vec![date(2026, 3, 9), date(2026, 3, 23)];
        assert!(lines(&calendar(&[e.clone()], stamp(), Naming::Full)).iter().any(|x| x == "EXDATE:20260309T090000,20260323T090000"));
        e.start = Start::Day;
        assert!(lines(&calendar(&[e], stamp(), Naming::Full)).iter().any(|x| x == "EXDATE;VALUE=DATE:20260309,20260323"));
        assert!(!calendar(&[weekly_at_nine()], stamp(), Naming::Full).contains("EXDATE"));
    }

    #[test]
    fn text_is_escaped() {
        let mut e = weekly_at_nine();
        e.title = "Clinic, room 4; bring ID".into();
        e.note = "Line one\nLine two\r\nback\\slash\u{7}".into();
        e.place = "Calle Peñón, 3".into();
        let l = lines(&calendar(&[e], stamp(), Naming::Full));
        assert!(l.contains(&"SUMMARY:Clinic\\, room 4\\; bring ID".to_string()));
        assert!(l.contains(&"DESCRIPTION:Line one\\nLine two\\nback\\\\slash".to_string()));
        assert!(l.contains(&"LOCATION:Calle Peñón\\, 3".to_string()));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut e = weekly_at_nine();
        e.note = "ñ".repeat(100) + &"a".repeat(100);
        let ics = calendar(&[e.clone()], stamp(), Naming::Full);
        for raw in ics.split("\r\n") {
            assert!(raw.len() <= 75, "{} octets: {raw}", raw.len());
            assert!(std::str::from_utf8(raw.as_bytes()).is_ok());
        }
        assert!(ics.contains("\r\n ñ") || ics.contains("\r\n a"));
        // Unfolding gives back the whole line.
        assert!(lines(&ics).contains(&format!("DESCRIPTION:{}", e.note)));
        // A line of exactly 75 octets is not folded.
        let mut exact = String::new();
        push(&mut exact, &"x".repeat(75));
        assert_eq!(exact, format!("{}\r\n", "x".repeat(75)));
        let mut over = String::new();
        push(&mut over, &"x".repeat(76));
        assert_eq!(over, format!("{}\r\n x\r\n", "x".repeat(75)));
    }

    #[test]
    fn whole_days_repeats_and_alarms() {
        let mut expiry = weekly_at_nine();
        expiry.uid = "naloxone@steady".into();
        expiry.start = Start::Day;
        expiry.dates = Recurrence::new(date(2027, 12, 31), Repeat::Once);
        // 9:00 on the day thirty days before.
        expiry.alarm_before = Some(29 * 24 * 60 + 15 * 60);
        expiry.busy = false;
        let l = lines(&calendar(&[expiry], stamp(), Naming::Full));
        assert!(l.contains(&"DTSTART;VALUE=DATE:20271231".to_string()));
        assert!(l.contains(&"DTEND;VALUE=DATE:20280101".to_string()));
        assert!(l.contains(&"TRIGGER:-P29DT15H".to_string()));
        assert!(l.contains(&"TRANSP:TRANSPARENT".to_string()));
        assert!(!l.iter().any(|x| x.starts_with("RRULE")));

        let mut injection = weekly_at_nine();
        injection.dates = Recurrence::new(date(2027, 1, 31), Repeat::Monthly);
        injection.dates.until = Some(date(2027, 12, 31));
        injection.alarm_before = Some(0);
        let l = lines(&calendar(&[injection], stamp(), Naming::Full));
        assert!(l.contains(&"RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20271231T235959".to_string()));
        assert!(!l.iter().any(|x| x.starts_with("RDATE")));
        let mut pickup = weekly_at_nine();
        pickup.start = Start::Day;
        pickup.dates = Recurrence::new(date(2027, 1, 30), Repeat::Monthly);
        pickup.dates.until = Some(date(2028, 6, 1));
        let p = lines(&calendar(&[pickup], stamp(), Naming::Full));
        assert!(p.contains(&"RDATE;VALUE=DATE:20270228,20280229".to_string()), "{p:?}");
        assert!(l.contains(&"TRIGGER:PT0M".to_string()));

        let mut no_alarm = weekly_at_nine();
        no_alarm.alarm_before = None;
        assert!(!calendar(&[no_alarm], stamp(), Naming::Full).contains("VALARM"));
    }

    #[test]
    fn durations() {
        assert_eq!(duration(0), "PT0M");
        assert_eq!(duration(15), "PT15M");
        assert_eq!(duration(60), "PT1H");
        assert_eq!(duration(90), "PT1H30M");
        assert_eq!(duration(1440), "P1D");
        assert_eq!(duration(1440 + 61), "P1DT1H1M");
    }

    /// Writes a calendar with one of every kind of event, and the dates the app
    /// expects each to fall on, for `tests/scripts/ics-check.mjs` to read with a
    /// real iCalendar parser (ical.js) in `make test`.
    #[test]
    fn writes_the_sample_a_real_parser_checks() {
        let at = |h, m| Start::At(NaiveTime::from_hms_opt(h, m, 0).unwrap());
        let plain = |uid: &str, title: &str, dates: Recurrence, start: Start| Event {
            uid: uid.into(),
            title: title.into(),
            note: String::new(),
            place: String::new(),
            dates,
            start,
            minutes: 15,
            alarm_before: Some(0),
            busy: false,
            skipped: Vec::new(),
        };
        let mut appointment = weekly_at_nine();
        // Across the US (8 March) and EU (29 March) clock changes.
        appointment.title = "Clinic, room 4; bring ID — señal".into();
        appointment.note = "Ask about take-homes.\nSecond line, with a \\ backslash; and more: ".to_string() + &"ñ".repeat(60);
        appointment.place = "Calle Peñón, 3".into();
        // "Just this one" changed or cancelled: left out of the series (EXDATE), either side of a clock change.
        appointment.skipped = vec![date(2026, 3, 9), date(2026, 3, 30)];
        let mut monthly_31 = plain("inj-31@steady", "Steady: injection", Recurrence::new(date(2027, 1, 31), Repeat::Monthly), at(10, 30));
        monthly_31.dates.until = Some(date(2027, 12, 31));
        let mut expiry = plain("naloxone@steady", "Naloxone expires", Recurrence::new(date(2027, 12, 31), Repeat::Once), Start::Day);
        expiry.alarm_before = Some(29 * 24 * 60 + 15 * 60);
        let events = vec![
            appointment,
            plain("dose-1-0800@steady", "Steady: 8:00", Recurrence::new(date(2026, 10, 20), Repeat::Daily), at(8, 0)),
            plain("inj-28@steady", "Steady: 9:00", Recurrence::new(date(2028, 2, 1), Repeat::EveryDays(28)), at(9, 0)),
            monthly_31,
            Event { skipped: vec![date(2027, 3, 30)], ..plain("pickup-30@steady", "Pickup", Recurrence::new(date(2027, 1, 30), Repeat::Monthly), Start::Day) },
            expiry,
        ];
        let expected: Vec<serde_json::Value> = events
            .iter()
            .map(|e| {
                let mut dates = e.dates.between(e.dates.first, e.dates.first + TimeDelta::days(800), 14 + e.skipped.len());
                dates.retain(|d| !e.skipped.contains(d));
                dates.truncate(14);
                let shown: Vec<String> = dates
                    .iter()
                    .map(|d| match e.start {
                        Start::Day => d.format("%Y-%m-%d").to_string(),
                        Start::At(t) => d.and_time(t).format("%Y-%m-%dT%H:%M:%S").to_string(),
                    })
                    .collect();
                serde_json::json!({
                    "uid": e.uid, "summary": e.title, "description": e.note, "location": e.place,
                    "occurrences": shown, "repeats": e.dates.repeat != Repeat::Once,
                    "alarm_minutes_before": e.alarm_before,
                })
            })
            .collect();
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ics-check");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("steady.ics"), calendar(&events, stamp(), Naming::Full)).unwrap();
        std::fs::write(folder.join("expected.json"), serde_json::to_string_pretty(&expected).unwrap()).unwrap();
    }
}
