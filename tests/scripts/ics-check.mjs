// Reads the calendar file that `cargo test` wrote (src/domain/ics.rs,
// writes_the_sample_a_real_parser_checks) with ical.js, a real iCalendar
// parser, and checks it means what the app means: the same text, the same
// dates (a weekly 9:00 stays 9:00 across the clock changes, monthly on the
// 31st falls on each month's last day), the alarms, and RFC 5545's form
// (CRLF, lines of at most 75 octets).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const folder = new URL("../../target/ics-check/", import.meta.url);
const raw = readFileSync(new URL("steady.ics", folder), "utf8");
const expected = JSON.parse(readFileSync(new URL("expected.json", folder), "utf8"));
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

check(raw.endsWith("\r\n") && !/[^\r]\n/.test(raw), "every line ends in CRLF");
for (const line of raw.split("\r\n")) {
  check(Buffer.byteLength(line, "utf8") <= 75, `line longer than 75 octets: ${line}`);
}

const calendar = new ICAL.Component(ICAL.parse(raw));
check(calendar.getFirstPropertyValue("version") === "2.0", "VERSION:2.0");
const events = calendar.getAllSubcomponents("vevent");
check(events.length === expected.length, `${events.length} events, expected ${expected.length}`);

for (const want of expected) {
  const component = events.find((e) => e.getFirstPropertyValue("uid") === want.uid);
  if (!component) { failures.push(`no event ${want.uid}`); continue; }
  const event = new ICAL.Event(component);
  check(event.summary === want.summary, `${want.uid}: summary ${JSON.stringify(event.summary)}`);
  check((event.description ?? "") === want.description, `${want.uid}: description ${JSON.stringify(event.description)}`);
  check((event.location ?? "") === want.location, `${want.uid}: location ${JSON.stringify(event.location)}`);
  check(event.startDate.isDate || event.startDate.zone?.tzid === "floating", `${want.uid}: floating or a date, not ${event.startDate.zone?.tzid}`);
  check(event.isRecurring() === want.repeats, `${want.uid}: recurring ${event.isRecurring()}`);
  const found = [];
  const it = event.iterator();
  for (let next = it.next(); next && found.length < want.occurrences.length; next = it.next()) {
    found.push(next.toString());
  }
  check(JSON.stringify(found) === JSON.stringify(want.occurrences), `${want.uid}: dates\n  parser: ${found.join(" ")}\n  app:    ${want.occurrences.join(" ")}`);
  const alarm = component.getFirstSubcomponent("valarm");
  if (want.alarm_minutes_before === null) {
    check(!alarm, `${want.uid}: no alarm expected`);
  } else {
    const trigger = alarm?.getFirstPropertyValue("trigger");
    check(trigger && -trigger.toSeconds() === want.alarm_minutes_before * 60, `${want.uid}: alarm ${trigger}`);
    check(alarm?.getFirstPropertyValue("action") === "DISPLAY", `${want.uid}: alarm action`);
  }
}

// The weekly 9:00 appointment, seen from New York and from Madrid, stays at 9:00 local time
// on both sides of each clock change (floating time).
const weekly = expected.find((e) => e.uid === "appt-7@steady");
check(weekly.occurrences.every((o) => o.endsWith("T09:00:00")), "weekly appointment at 9:00 every week");
check(weekly.occurrences.some((o) => o < "2026-03-08") && weekly.occurrences.some((o) => o > "2026-03-29"), "weekly appointment spans both clock changes");
// Its skipped dates (EXDATE) are left out by the parser too (the dates compared above), and were in the series.
check(!weekly.occurrences.includes("2026-03-09T09:00:00") && weekly.occurrences.includes("2026-03-16T09:00:00"), "skipped appointment dates left out");

if (failures.length) {
  console.error(`ics-check: ${failures.length} problem(s)\n${failures.join("\n")}`);
  process.exit(1);
}
console.log(`ics-check: ${events.length} events read by ical.js agree with the app`);
