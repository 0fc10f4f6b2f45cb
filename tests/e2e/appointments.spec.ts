// Appointments: added on the medication screen, listed there, on Today (the
// next one, "coming up" within the hour) and in the plan; a repeating one
// changed or cancelled "only this one" or "every time"; in the calendar file
// (repeat rule, left-out dates), in backups; and the notifications and app
// badge that are off until the person turns them on.
import { readFileSync } from "node:fs";
import { test, expect, openApp, plant, stored, twoTabs } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "America/New_York", locale: "en-US" });

// Tuesday 10 March 2026, 08:10 in New York (two days after the clocks went forward).
const NOW = new Date("2026-03-10T12:10:00Z");

const WEEKLY = { id: 1, k: "talk", t: "Counselling", from: "2026-03-12", at: "09:00:00", pl: "Main St", r: "weekly" };
const medsDoc = (data: object) => JSON.stringify({ v: 2, data });
const appts = async (page: Page) => JSON.parse((await stored(page, "steady.meds"))!).data.appts;
const rows = (page: Page) => page.getByTestId("appt-item");

test("an appointment added on the medication screen is listed there, on Today and in the plan", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/meds");
  await page.getByTestId("appt-add").click();
  await page.getByTestId("appt-kind").selectOption("talk");
  await page.getByTestId("appt-title").fill("Counselling");
  await page.getByTestId("appt-date").fill("2026-03-12");
  await page.getByTestId("appt-time").fill("09:00");
  await page.getByTestId("appt-place").fill("Main St");
  await page.getByTestId("appt-repeat").selectOption("weekly");
  await page.getByTestId("appt-save").click();
  // Two weeks ahead: this Thursday and the next.
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).nth(0)).toContainText("Thu 12 Mar at 9:00 AM — Counselling");
  await expect(rows(page).nth(0)).toContainText("Main St · every week");
  await expect(rows(page).nth(1)).toContainText("Thu 19 Mar at 9:00 AM");
  // Numbered from the time of saving: never a number given before.
  const added = await appts(page);
  expect(added).toEqual([{ ...WEEKLY, id: expect.any(Number) }]);
  expect(added[0].id).toBeGreaterThanOrEqual(NOW.getTime());

  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("appt-next")).toContainText("Next appointment: Thu 12 Mar at 9:00 AM");
  await expect(page.getByTestId("appt-next")).toContainText("Counselling — Main St");

  await page.goto("/plan");
  await expect(page.getByTestId("plan-appt").first()).toContainText("Thu 12 Mar at 9:00 AM — Counselling");
  await page.getByTestId("plan-appts-open").click();
  await expect(page.getByTestId("appt-list")).toBeVisible();
});

test("a repeating appointment changes only this one or every time, and a cancelled one can be undone", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": medsDoc({ appts: [WEEKLY] }) });
  await openApp(page, "/meds");
  await expect(rows(page)).toHaveCount(2);

  // Only the one on the 19th moves to 10:30.
  await rows(page).nth(1).getByTestId("appt-edit").click();
  await page.getByTestId("appt-this-one").click();
  await expect(page.getByTestId("appt-repeat")).toHaveCount(0);
  await expect(page.getByTestId("appt-date")).toHaveValue("2026-03-19");
  await page.getByTestId("appt-time").fill("10:30");
  await page.getByTestId("appt-save").click();
  await expect(rows(page).nth(1)).toContainText("Thu 19 Mar at 10:30 AM");
  await expect(rows(page).nth(0)).toContainText("Thu 12 Mar at 9:00 AM");
  let list = await appts(page);
  expect(list[0].skip).toEqual(["2026-03-19"]);
  expect(list[1]).toMatchObject({ from: "2026-03-19", at: "10:30:00", r: "once", pl: "Main St" });
  expect(list[1].id).toBeGreaterThanOrEqual(NOW.getTime());

  // Every time: a new place for the series; the moved one keeps its own.
  await rows(page).nth(0).getByTestId("appt-edit").click();
  await page.getByTestId("appt-all").click();
  await page.getByTestId("appt-place").fill("New clinic");
  await page.getByTestId("appt-save").click();
  await expect(rows(page).nth(0)).toContainText("New clinic");
  await expect(rows(page).nth(1)).toContainText("Main St");

  // Cancelling only the 12th leaves the rest; Undo brings it back.
  await rows(page).nth(0).getByTestId("appt-cancel").click();
  await page.getByTestId("appt-this-one").click();
  await expect(rows(page).nth(0)).toContainText("Thu 19 Mar at 10:30 AM");
  list = await appts(page);
  expect(list[0].skip).toEqual(["2026-03-12", "2026-03-19"]);
  await page.getByTestId("appt-undo").click();
  await expect(rows(page).nth(0)).toContainText("Thu 12 Mar at 9:00 AM");
  expect((await appts(page))[0].skip).toEqual(["2026-03-19"]);

  // Every time: the series goes; the moved one stays.
  await rows(page).nth(0).getByTestId("appt-cancel").click();
  await page.getByTestId("appt-all").click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).nth(0)).toContainText("Thu 19 Mar at 10:30 AM");
  await page.reload();
  await expect(rows(page)).toHaveCount(1);
});

test("bad input is refused with a clear message and nothing is stored", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/meds");
  await page.getByTestId("appt-add").click();
  await page.getByTestId("appt-date").fill("");
  await page.getByTestId("appt-save").click();
  await expect(page.getByTestId("appt-error")).toHaveText("Pick the date from the calendar.");
  await page.getByTestId("appt-date").fill("2026-03-12");
  await page.getByTestId("appt-repeat").selectOption("days");
  await page.getByTestId("appt-every").fill("0");
  await page.getByTestId("appt-save").click();
  await expect(page.getByTestId("appt-error")).toContainText("A number from 1 to 366");
  await page.getByTestId("appt-place").fill("x".repeat(201));
  await page.getByTestId("appt-every").fill("14");
  await page.getByTestId("appt-save").click();
  await expect(page.getByTestId("appt-error")).toContainText("Too long");
  expect(await stored(page, "steady.meds")).toBeNull();
  // What was typed is still there to fix.
  await expect(page.getByTestId("appt-every")).toHaveValue("14");
});

test("what is typed in the appointment form is kept through leaving the screen and a reload, until saved or put away", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/meds");
  await page.getByTestId("appt-add").click();
  await page.getByTestId("appt-kind").selectOption("meeting");
  await page.getByTestId("appt-title").fill("Thursday group");
  await page.getByTestId("appt-date").fill("2026-03-12");
  await page.getByTestId("appt-repeat").selectOption("days");
  await page.getByTestId("appt-every").fill("3");
  await page.getByTestId("appt-note").fill("Ask Sam about a ride");
  await page.getByTestId("nav-today").click();
  await page.reload();
  await page.goto("/meds");
  await expect(page.getByTestId("appt-title")).toHaveValue("Thursday group");
  await expect(page.getByTestId("appt-kind")).toHaveValue("meeting");
  await expect(page.getByTestId("appt-repeat")).toHaveValue("days");
  await expect(page.getByTestId("appt-every")).toHaveValue("3");
  await expect(page.getByTestId("appt-note")).toHaveValue("Ask Sam about a ride");
  await page.getByTestId("appt-save").click();
  await expect(rows(page).first()).toContainText("Thursday group");
  expect(await stored(page, "steady.draft.appt")).toBeNull();
  expect((await appts(page))[0]).toMatchObject({ k: "meeting", t: "Thursday group", r: { days: 3 }, note: "Ask Sam about a ride" });
  // Put away: the draft goes too.
  await page.getByTestId("appt-add").click();
  await page.getByTestId("appt-title").fill("Not this");
  await page.getByTestId("appt-form-cancel").click();
  expect(await stored(page, "steady.draft.appt")).toBeNull();
  await page.reload();
  await expect(page.getByTestId("appt-form")).toHaveCount(0);
});

test("within the hour before it, Today says the appointment is coming up", async ({ page }) => {
  await page.clock.install({ time: NOW });
  const soon = { id: 3, k: "pickup", from: "2026-03-10", at: "09:00:00", r: "once" };
  await plant(page, { "steady.meds": medsDoc({ appts: [soon] }) });
  await openApp(page, "/");
  await expect(page.getByTestId("appt-soon")).toContainText("Coming up: Tue 10 Mar at 9:00 AM");
  await expect(page.getByTestId("appt-soon")).toContainText("Medication pickup");
});

test("the calendar file holds appointments with their repeat rule and left-out dates, discreetly", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": medsDoc({ appts: [{ ...WEEKLY, skip: ["2026-03-19"], note: "Bring the card" }] }) });
  await openApp(page, "/meds");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("calendar-export").click();
  const text = readFileSync((await (await downloading).path())!, "utf8");
  // Discreet: this install's own random UID, and nothing that says Steady.
  expect(text).toMatch(/\r\nUID:[0-9a-f]{16}-a1\r\n/);
  expect(text).toContain("DTSTART:20260312T090000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\nEXDATE:20260319T090000\r\nSUMMARY:Appointment\r\n");
  expect(text).not.toMatch(/steady|recovery|naloxone/i);
  expect(text).toContain("TRIGGER:-PT1H\r\n");
  expect(text).not.toContain("Main St");
  expect(text).not.toContain("Counselling");
  expect(text).not.toContain("Bring the card");
});

test("the calendar file can hold a daily check-in reminder, even with nothing else to remind of", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/meds");
  await expect(page.getByTestId("calendar-export")).toBeDisabled();
  await page.getByTestId("calendar-checkin").check();
  await page.getByTestId("calendar-checkin-time").fill("21:30");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("calendar-export").click();
  const text = readFileSync((await (await downloading).path())!, "utf8");
  expect(text).toMatch(/\r\nUID:[0-9a-f]{16}-c\r\n/);
  expect(text).toContain("DTSTART:20260310T213000\r\nDURATION:PT5M\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Reminder: 9:30\u00a0PM\r\n");
  expect(text).not.toMatch(/steady/i);
});

test("appointments go into a backup (format 5) and come back", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": medsDoc({ appts: [WEEKLY] }) });
  await openApp(page, "/settings");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-backup").click();
  const text = readFileSync((await (await downloading).path())!, "utf8");
  const file = JSON.parse(text);
  expect(file.version).toBe(5);
  expect(file.meds.appts).toEqual([WEEKLY]);
  await page.getByTestId("delete-all").click();
  await page.getByTestId("delete-all-input").fill("DELETE");
  await page.getByTestId("delete-all-confirm").click();
  await expect(page.getByTestId("delete-status")).toContainText("deleted");
  await page.getByTestId("import-backup").setInputFiles({ name: "b.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.getByTestId("import-preview")).toContainText("1 appointment");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  expect(await appts(page)).toEqual([WEEKLY]);
  await page.goto("/meds");
  await expect(rows(page).first()).toContainText("Counselling");
});

// Records notifications and badges instead of showing them, and what permission was asked.
async function recordNotifications(page: Page) {
  await page.addInitScript(() => {
    const w = window as any;
    w.notes = [];
    w.badges = [];
    w.asked = 0;
    Object.defineProperty(Notification, "permission", { get: () => (localStorage.getItem("granted") ? "granted" : "default") });
    (Notification as any).requestPermission = async () => {
      w.asked += 1;
      localStorage.setItem("granted", "1");
      return "granted";
    };
    ServiceWorkerRegistration.prototype.showNotification = async function (title: string, options: any) {
      w.notes.push({ title, body: options.body, tag: options.tag });
    };
    (navigator as any).setAppBadge = async (n: number) => { w.badges.push(n); };
    (navigator as any).clearAppBadge = async () => { w.badges.push(0); };
  });
}

const BUP = { id: 1, k: "bup", from: "2026-03-01", r: "daily", at: ["08:00:00", "20:00:00"] };

test("notifications and the badge are off until turned on; then opening Steady with a dose due notifies, discreetly", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await recordNotifications(page);
  await plant(page, { "steady.meds": JSON.stringify({ v: 1, data: { list: [BUP] } }) });
  await openApp(page, "/");
  await expect(page.getByTestId("med-due")).toBeVisible();
  await page.waitForTimeout(500);
  // Never asked on opening, nothing shown.
  expect(await page.evaluate(() => [(window as any).asked, (window as any).notes.length, (window as any).badges.length])).toEqual([0, 0, 0]);

  await page.goto("/settings");
  await page.getByTestId("notify-toggle").check();
  await expect(page.getByTestId("notify-status")).toContainText("On.");
  await page.getByTestId("badge-toggle").check();
  // Turned on: what is due now is told at once.
  await expect.poll(() => page.evaluate(() => (window as any).notes)).toEqual([{ title: "Steady", body: "Reminder: 8:00\u00a0AM", tag: "dose-1-2026-03-10-08:00" }]);
  await expect.poll(() => page.evaluate(() => (window as any).badges.at(-1))).toBe(1);
  expect(JSON.parse((await stored(page, "steady.meds"))!).data).toMatchObject({ notify: true, badge: true });

  // The words never name the medication.
  expect(JSON.stringify(await page.evaluate(() => (window as any).notes))).not.toContain("Buprenorphine");
  // A reload doesn't repeat it (the badge shows that the check ran)…
  await openApp(page, "/");
  await expect.poll(() => page.evaluate(() => (window as any).badges.at(-1))).toBe(1);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as any).notes)).toEqual([]);
  // …but opening Steady anew (another tab) tells it once more.
  const again = await page.context().newPage();
  await again.clock.install({ time: NOW });
  await recordNotifications(again);
  await openApp(again, "/");
  await expect.poll(() => again.evaluate(() => (window as any).notes.map((n: any) => n.tag))).toEqual(["dose-1-2026-03-10-08:00"]);
  await again.close();
  // Taken: the badge clears within the minute.
  await page.getByTestId("med-taken").click();
  await page.clock.runFor(61_000);
  await expect.poll(() => page.evaluate(() => (window as any).badges.at(-1))).toBe(0);

  // Back in the foreground at 19:30: the evening dose.
  await page.clock.fastForward((19 * 60 + 30 - (8 * 60 + 11)) * 60_000);
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));
  await expect.poll(() => page.evaluate(() => (window as any).notes.map((n: any) => n.body))).toEqual(["Reminder: 8:00\u00a0PM"]);

  // Turned off: no more notifications, and the badge is cleared.
  await page.goto("/settings");
  await page.getByTestId("notify-toggle").uncheck();
  await page.getByTestId("badge-toggle").uncheck();
  await expect.poll(() => page.evaluate(() => (window as any).badges.at(-1))).toBe(0);
  expect(JSON.parse((await stored(page, "steady.meds"))!).data.notify).toBeUndefined();
});

test("with the lock on, neither this tab's note of the reminders it has shown nor their tags say which dose, day or time", async ({ context }) => {
  const page = await context.newPage();
  await page.clock.install({ time: NOW });
  await recordNotifications(page);
  await plant(page, { "steady.meds": JSON.stringify({ v: 1, data: { list: [BUP] } }) });
  await openApp(page, "/settings");
  await page.getByTestId("notify-toggle").check();
  await expect(page.getByTestId("notify-status")).toContainText("On.");
  await page.getByTestId("lock-passcode").fill("246813");
  await page.getByTestId("lock-passcode-again").fill("246813");
  await page.getByTestId("lock-set").click();
  await expect(page.getByTestId("lock-status")).toContainText("The lock is on", { timeout: 15_000 });

  // Steady opened anew (a new tab) and unlocked: the dose due is told, and noted for this tab.
  const tab = await context.newPage();
  await tab.clock.install({ time: NOW });
  await recordNotifications(tab);
  const unlockIn = async () => {
    await tab.getByTestId("unlock-input").fill("246813");
    await tab.getByTestId("unlock-submit").click();
    await expect(tab.getByTestId("lock-screen")).toHaveCount(0, { timeout: 15_000 });
  };
  await tab.goto("/");
  await unlockIn();
  await expect.poll(() => tab.evaluate(() => (window as any).notes.map((n: any) => n.body))).toEqual(["Reminder: 8:00\u00a0AM"]);
  const note = await tab.evaluate(() => sessionStorage.getItem("steady.tab.notified"));
  expect(note).toMatch(/^steady\.x-\d+\.[A-Za-z0-9+/]{20}$/);
  // The notification's tag, which the phone keeps, is that hidden name too.
  expect(await tab.evaluate(() => (window as any).notes.map((n: any) => n.tag))).toEqual([note]);
  // A reload doesn't repeat it: the note is still recognised.
  await tab.reload();
  await unlockIn();
  await expect(tab.getByTestId("med-due")).toBeVisible();
  await tab.waitForTimeout(500);
  expect(await tab.evaluate(() => (window as any).notes)).toEqual([]);
});

test("where the browser has no notifications or badges, Settings says so and the choices are off", async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as any).Notification;
    delete (Navigator.prototype as any).setAppBadge;
  });
  await openApp(page, "/settings");
  await expect(page.getByTestId("notify-toggle")).toBeDisabled();
  await expect(page.getByTestId("notify-unavailable")).toContainText("add Steady to your Home Screen first");
  await expect(page.getByTestId("badge-toggle")).toBeDisabled();
  await expect(page.getByTestId("badge-unavailable")).toBeVisible();
});

test("a new appointment saved in one tab never replaces one that another tab added meanwhile", async ({ context }) => {
  const [first, second] = await twoTabs(context, "/meds", NOW);
  // The first tab's form opens while the list is empty (so its next number is 1)…
  await first.getByTestId("appt-add").click();
  await first.getByTestId("appt-title").fill("Pickup from the first tab");
  await first.getByTestId("appt-date").fill("2026-03-12");
  // …and the second tab adds number 1 before the first saves.
  await second.getByTestId("appt-add").click();
  await second.getByTestId("appt-title").fill("Meeting from the second tab");
  await second.getByTestId("appt-date").fill("2026-03-11");
  await second.getByTestId("appt-save").click();
  await expect(rows(first)).toHaveCount(1);
  await first.getByTestId("appt-save").click();
  await expect(rows(first)).toHaveCount(2);
  const both = await appts(first);
  expect(both.map((a: { t: string }) => a.t)).toEqual(["Meeting from the second tab", "Pickup from the first tab"]);
  expect(both[1].id).toBeGreaterThan(both[0].id);
  await expect(rows(second)).toHaveCount(2);
});

test("“Change” on another appointment while the form has unsaved changes asks first", async ({ page }) => {
  await page.clock.install({ time: NOW });
  const pickup = { id: 2, k: "pickup", t: "Pharmacy", from: "2026-03-11", at: "15:00:00", r: "once" };
  await plant(page, { "steady.meds": medsDoc({ appts: [WEEKLY, pickup] }) });
  await openApp(page, "/meds");
  const row = (date: string) => page.locator(`[data-testid="appt-item"][data-date="${date}"]`);
  // Opened and not changed: another "Change" just opens the other one.
  await row("2026-03-12").getByTestId("appt-edit").click();
  await page.getByTestId("appt-all").click();
  await expect(page.getByTestId("appt-place")).toHaveValue("Main St");
  await row("2026-03-11").getByTestId("appt-edit").click();
  await expect(page.getByTestId("form-switch-confirm")).toHaveCount(0);
  await expect(page.getByTestId("appt-title")).toHaveValue("Pharmacy");

  // Changed: asked first. "Keep editing" keeps every word.
  await page.getByTestId("appt-place").fill("Walgreens on 5th");
  await row("2026-03-12").getByTestId("appt-edit").click();
  await expect(page.getByTestId("form-switch-confirm")).toBeVisible();
  await expect(page.getByTestId("form-switch-keep")).toBeFocused();
  await page.getByTestId("form-switch-keep").click();
  await expect(page.getByTestId("form-switch-confirm")).toHaveCount(0);
  await expect(page.getByTestId("appt-title")).toHaveValue("Pharmacy");
  await expect(page.getByTestId("appt-place")).toHaveValue("Walgreens on 5th");
  expect(JSON.parse((await stored(page, "steady.draft.appt"))!).appt.pl).toBe("Walgreens on 5th");

  // "Discard" goes on to what was asked for, and the unsaved words are gone for good.
  await row("2026-03-12").getByTestId("appt-edit").click();
  await page.getByTestId("form-switch-discard").click();
  await page.getByTestId("appt-all").click();
  await expect(page.getByTestId("appt-title")).toHaveValue("Counselling");
  await expect(page.getByTestId("appt-place")).toHaveValue("Main St");
  expect(await stored(page, "steady.draft.appt")).toBeNull();
  expect((await appts(page))[1]).toEqual(pickup);

  // A new appointment being typed is asked about too.
  await page.getByTestId("appt-form-cancel").click();
  await page.getByTestId("appt-add").click();
  await page.getByTestId("appt-title").fill("Dentist");
  await row("2026-03-11").getByTestId("appt-edit").click();
  await expect(page.getByTestId("form-switch-confirm")).toBeVisible();
  await page.getByTestId("form-switch-keep").click();
  await expect(page.getByTestId("appt-title")).toHaveValue("Dentist");
});

test("“Every time” saved from a form opened before a “cancel only this one” keeps that visit cancelled", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": medsDoc({ appts: [WEEKLY] }) });
  await openApp(page, "/meds");
  await rows(page).nth(0).getByTestId("appt-edit").click();
  await page.getByTestId("appt-all").click();
  await page.getByTestId("appt-place").fill("New clinic");
  // Meanwhile, the 19th is cancelled in the list below the form.
  await rows(page).nth(1).getByTestId("appt-cancel").click();
  await page.getByTestId("appt-this-one").click();
  await expect(rows(page)).toHaveCount(1);
  await page.getByTestId("appt-save").click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).nth(0)).toContainText("New clinic");
  expect((await appts(page))[0]).toMatchObject({ pl: "New clinic", skip: ["2026-03-19"] });
});
