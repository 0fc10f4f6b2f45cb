// The daily check-in: from Today in under five taps, edited the same day,
// yesterday's added late, the morning intention, "Yes, I used" (offers the slip
// flow, changes nothing unless confirmed), and the month calendar.
import { test, expect, openApp, snapshot, stored } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "America/New_York", locale: "en-US" });

// 10 March 2026, 21:00 in New York (two days after the clocks went forward).
const NOW = new Date("2026-03-11T01:00:00Z");

const month = async (page: Page, key = "steady.checkin.2026-03") => JSON.parse((await stored(page, key))!).data;

async function counterSince(page: Page, date: string) {
  await page.addInitScript((date) => {
    if (!localStorage.getItem("steady.counters"))
      localStorage.setItem("steady.counters", JSON.stringify({ v: 1, data: { list: [{ id: 1, name: "Clean time", start: { date }, history: [] }], main: 1 } }));
  }, date);
}

test("a check-in takes under five taps from Today, and Today then says it's done", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await expect(page.getByTestId("checkin-done")).toHaveCount(0);
  await page.getByTestId("checkin-open").click(); // 1
  await expect(page.getByTestId("checkin-day-title")).toHaveText("Today");
  await page.getByTestId("checkin-mood-4").click(); // 2
  await page.getByTestId("checkin-used-no").click(); // 3
  await page.getByTestId("checkin-save").click(); // 4
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("flash")).toContainText("Check-in saved");
  await expect(page.getByTestId("checkin-done")).toContainText("Today's check-in is done — mood: good");
  const days = await month(page);
  expect(days).toEqual([{ d: "2026-03-10", m: 4, u: false, t: "2026-03-10T21:00:00" }]);
  // Kept across a reload.
  await page.reload();
  await expect(page.getByTestId("checkin-done")).toBeVisible();
});

test("mood is the one thing needed: without it nothing is stored and the message says so", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/checkin");
  await page.getByTestId("checkin-note").fill("Long day");
  await page.getByTestId("checkin-save").click();
  await expect(page.getByTestId("checkin-error")).toContainText("Pick how you're feeling");
  expect(await stored(page, "steady.checkin.2026-03")).toBeNull();
  // What was typed is still there.
  await expect(page.getByTestId("checkin-note")).toHaveValue("Long day");
  await page.getByTestId("checkin-mood-3").click();
  await page.getByTestId("checkin-save").click();
  await expect(page).toHaveURL("/");
  expect((await month(page))[0]).toMatchObject({ m: 3, x: "Long day" });
});

test("today's check-in can be changed the same day, and stays one check-in", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await page.getByTestId("checkin-open").click();
  await page.getByTestId("checkin-mood-4").click();
  await page.getByTestId("checkin-save").click();
  await page.getByTestId("checkin-open").click();
  await expect(page.getByTestId("checkin-mood-4")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("checkin-mood-2").click();
  await page.getByTestId("checkin-craving").fill("7");
  await page.getByTestId("checkin-sleep-2").click();
  await page.getByTestId("checkin-halt-lonely").click();
  await page.getByTestId("checkin-helped").fill("Walked the dog");
  await page.getByTestId("checkin-note").fill("Grateful for my sister");
  await page.getByTestId("checkin-save").click();
  await expect(page.getByTestId("checkin-done")).toContainText("mood: low");
  expect(await month(page)).toEqual([
    { d: "2026-03-10", m: 2, c: 7, s: 2, h: ["l"], w: "Walked the dog", x: "Grateful for my sister", t: "2026-03-10T21:00:00" },
  ]);
});

test("yesterday's check-in can be added late", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await page.getByTestId("checkin-open").click();
  await page.getByTestId("checkin-mood-5").click();
  await page.getByTestId("checkin-save").click();
  await page.getByTestId("checkin-yesterday").click();
  await expect(page.getByTestId("checkin-day-title")).toHaveText("Yesterday, 9 March 2026");
  await page.getByTestId("checkin-mood-3").click();
  await page.getByTestId("checkin-save").click();
  await expect(page.getByTestId("checkin-done")).toBeVisible();
  await expect(page.getByTestId("checkin-yesterday")).toHaveCount(0);
  expect((await month(page)).map((c: { d: string; m: number }) => [c.d, c.m])).toEqual([["2026-03-09", 3], ["2026-03-10", 5]]);
  // The day before yesterday can be seen, not changed.
  await page.goto("/checkin");
  await page.locator('[data-testid="checkin-day"][data-date="2026-03-08"]').click();
  await expect(page.getByTestId("checkin-day-detail")).toContainText("No check-in this day.");
  await expect(page.getByTestId("checkin-edit-day")).toHaveCount(0);
});

test("the morning intention is saved with one tap and shown on Today", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-03-10T12:30:00Z") });
  await openApp(page, "/checkin");
  await page.getByTestId("checkin-intention-meds").click();
  await expect(page.getByTestId("checkin-intention-saved")).toHaveText("Saved: Today I'm taking my medication as prescribed.");
  expect(await month(page)).toEqual([{ d: "2026-03-10", i: "meds", t: "2026-03-10T08:30:00" }]);
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("checkin-intention")).toHaveText("Your intention: Today I'm taking my medication as prescribed.");
  await expect(page.getByTestId("checkin-done")).toHaveCount(0);
  // Own words, then the evening review keeps them.
  await page.getByTestId("checkin-open").click();
  await page.getByTestId("checkin-intention-own").click();
  await page.getByTestId("checkin-intention-words").fill("Call my mum");
  await page.getByTestId("checkin-intention-save").click();
  await expect(page.getByTestId("checkin-intention-saved")).toHaveText("Saved: Call my mum.");
  await page.getByTestId("checkin-mood-4").click();
  await page.getByTestId("checkin-save").click();
  expect((await month(page))[0]).toMatchObject({ i: "own", iw: "Call my mum", m: 4 });
});

test("“Yes, I used” offers the slip flow and changes nothing unless it is confirmed", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await counterSince(page, "2026-01-01");
  await openApp(page, "/checkin");
  const before = await snapshot(page);
  await page.getByTestId("checkin-used-yes").click();
  const panel = page.getByTestId("checkin-used-panel");
  await expect(panel).toContainText("A slip is information, not failure");
  await expect(panel.getByTestId("checkin-overdose")).toContainText("your tolerance may be lower");
  await expect(panel.getByTestId("checkin-help")).toHaveAttribute("href", "/help");
  // Offered, not forced: opening the slip form and cancelling changes nothing.
  await panel.getByTestId("checkin-slip-1").click();
  await expect(panel.getByTestId("slip-confirm")).toBeVisible();
  await panel.getByRole("button", { name: "Cancel" }).click();
  // Only the unsaved review is kept, as a draft; no data changes.
  const data = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith("steady.draft.")));
  expect(data(await snapshot(page))).toEqual(data(before));
  // Confirmed: the streak goes into history, with the tolerance warning after 68 days.
  await panel.getByTestId("checkin-slip-1").click();
  await panel.getByTestId("slip-confirm").click();
  await expect(panel.getByTestId("slip-done")).toContainText("68 days");
  await expect(panel.getByTestId("tolerance-warning")).toBeVisible();
  const counters = JSON.parse((await stored(page, "steady.counters"))!).data;
  expect(counters.list[0].history).toHaveLength(1);
  await page.getByTestId("checkin-mood-2").click();
  await page.getByTestId("checkin-save").click();
  expect((await month(page))[0]).toMatchObject({ m: 2, u: true });
});

test("with a sponsor in the plan, “Yes, I used” offers a call to them", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await page.addInitScript(() => {
    localStorage.setItem("steady.plan", JSON.stringify({ v: 1, data: { lists: { support: [{ id: 1, text: "Sam", role: "sponsor", phone: "555 123 4567" }] }, guide: "done" } }));
  });
  await openApp(page, "/checkin");
  await page.getByTestId("checkin-used-yes").click();
  await expect(page.getByTestId("checkin-call")).toHaveText("Call Sam");
  await expect(page.getByTestId("checkin-call")).toHaveAttribute("href", /^tel:\+?1?5551234567$/);
});

test("the calendar shows each day's check-in by colour and in words, and a tapped day's details", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await page.addInitScript(() => {
    if (localStorage.getItem("seeded")) return;
    localStorage.setItem("steady.checkin.2026-02", JSON.stringify({ v: 1, data: [{ d: "2026-02-28", m: 1, c: 9, u: true, t: "2026-02-28T22:00:00" }] }));
    localStorage.setItem("steady.checkin.2026-03", JSON.stringify({ v: 1, data: [
      { d: "2026-03-05", m: 4, c: 3, x: "Meeting helped", t: "2026-03-05T21:00:00" },
      { d: "2026-03-06", i: "clean", t: "2026-03-06T08:00:00" },
    ] }));
    localStorage.setItem("steady.log.2026-03", JSON.stringify({ v: 1, data: [{ id: 5, t: "2026-03-05T17:15:00", n: 6, tr: ["stress"] }] }));
    localStorage.setItem("seeded", "1");
  });
  await openApp(page, "/checkin");
  const calendar = page.getByTestId("checkin-calendar");
  await expect(calendar.locator("#calendar-title")).toHaveText("March 2026");
  const day = (date: string) => calendar.locator(`[data-testid="checkin-day"][data-date="${date}"]`);
  await expect(calendar.getByTestId("checkin-day")).toHaveCount(31);
  await expect(day("2026-03-05")).toHaveAttribute("data-checked", "true");
  await expect(day("2026-03-05")).toHaveAttribute("aria-label", "5 March 2026: mood: Good, craving 3 of 10");
  await expect(day("2026-03-05")).toHaveClass(/mood-4/);
  // Not colour alone: the mood's number is shown on the day.
  await expect(calendar.locator('td:has([data-date="2026-03-05"]) .day-mood')).toHaveText("4");
  await expect(calendar.locator('td:has([data-date="2026-03-06"]) .day-mood')).toHaveCount(0);
  await expect(day("2026-03-06")).toHaveAttribute("data-checked", "false");
  await expect(day("2026-03-06")).toHaveAttribute("aria-label", "6 March 2026: intention only");
  await expect(day("2026-03-07")).toHaveAttribute("aria-label", "7 March 2026: no check-in");
  // In the US the week starts on Sunday: 1 March 2026 is one.
  await expect(calendar.locator("tbody tr").first().locator("td").first().getByTestId("checkin-day")).toHaveAttribute("data-date", "2026-03-01");
  await expect(calendar.getByTestId("checkin-month-next")).toBeDisabled();

  await day("2026-03-05").click();
  const detail = page.getByTestId("checkin-day-detail");
  await expect(detail).toContainText("Mood: 4 — Good");
  await expect(detail).toContainText("Meeting helped");
  await expect(detail).toContainText("Cravings logged: 1");
  await expect(detail).toContainText("5:15 PM — strength 6 of 10");

  await calendar.getByTestId("checkin-month-prev").click();
  await expect(calendar.locator("#calendar-title")).toHaveText("February 2026");
  // The day shown before belongs to the other month: it closes.
  await expect(page.getByTestId("checkin-day-detail")).toHaveCount(0);
  await expect(day("2026-02-28")).toHaveAttribute("aria-label", "28 February 2026: mood: Very low, craving 9 of 10");
});

test("a check-in made after midnight belongs to the new day", async ({ page }) => {
  // 00:30 on 9 March in New York: the night the clocks went forward is over.
  await page.clock.install({ time: new Date("2026-03-09T04:30:00Z") });
  await openApp(page, "/checkin");
  await page.getByTestId("checkin-mood-3").click();
  await page.getByTestId("checkin-save").click();
  await expect(page).toHaveURL("/");
  expect(await month(page)).toEqual([{ d: "2026-03-09", m: 3, t: "2026-03-09T00:30:00" }]);
});

test("unsaved words stay with their day through switching days and a reload, until saved", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/checkin");
  await page.getByTestId("checkin-helped").fill("A walk");
  await page.getByTestId("checkin-note").fill("Today's note");
  await page.getByTestId("checkin-for-yesterday").click();
  await expect(page.getByTestId("checkin-day-title")).toHaveText("Yesterday, 9 March 2026");
  await expect(page.getByTestId("checkin-note")).toHaveValue("");
  await page.getByTestId("checkin-note").fill("Yesterday's note");
  await page.getByTestId("checkin-for-today").click();
  await expect(page.getByTestId("checkin-day-title")).toHaveText("Today");
  await expect(page.getByTestId("checkin-helped")).toHaveValue("A walk");
  await expect(page.getByTestId("checkin-note")).toHaveValue("Today's note");
  await page.reload();
  await expect(page.getByTestId("checkin-note")).toHaveValue("Today's note");
  await page.getByTestId("checkin-for-yesterday").click();
  await expect(page.getByTestId("checkin-note")).toHaveValue("Yesterday's note");
  await page.getByTestId("checkin-mood-3").click();
  await page.getByTestId("checkin-save").click();
  await expect(page).toHaveURL("/");
  expect(await month(page)).toEqual([{ d: "2026-03-09", m: 3, x: "Yesterday's note", t: "2026-03-10T21:00:00" }]);
  // Only yesterday's draft went: today's is still waiting.
  expect(JSON.parse((await stored(page, "steady.draft.checkin"))!).map((c: { d: string }) => c.d)).toEqual(["2026-03-10"]);
  await openApp(page, "/checkin");
  await expect(page.getByTestId("checkin-note")).toHaveValue("Today's note");
  await page.getByTestId("checkin-mood-4").click();
  await page.getByTestId("checkin-save").click();
  await expect(page).toHaveURL("/");
  expect(await stored(page, "steady.draft.checkin")).toBeNull();
});

test("a check-in screen left open past midnight moves on to the new day", async ({ page }) => {
  // 23:59 on 10 March in New York.
  await page.clock.install({ time: new Date("2026-03-11T03:59:00Z") });
  await openApp(page, "/checkin");
  await expect(page.getByTestId("checkin-day-title")).toHaveText("Today");
  await page.clock.fastForward("02:00");
  await page.getByTestId("checkin-for-today").click();
  await expect(page.getByTestId("checkin-day-title")).toHaveText("Today");
  await page.getByTestId("checkin-for-yesterday").click();
  await expect(page.getByTestId("checkin-day-title")).toHaveText("Yesterday, 10 March 2026");
  await page.getByTestId("checkin-mood-2").click();
  await page.getByTestId("checkin-save").click();
  await expect(page).toHaveURL("/");
  expect(await month(page)).toEqual([{ d: "2026-03-10", m: 2, t: "2026-03-11T00:01:00" }]);
});
