import { test, expect, openApp, stored, waitForServiceWorker } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "Europe/London", locale: "en-GB" });

const NOW = new Date("2026-03-10T09:00:00Z");

type Entry = { id: number; t: string; n: number; tr?: string[]; o?: string; c?: string[] };

/** Plants entries in localStorage as the app stores them: one document per month. */
async function seed(page: Page, entries: Entry[]) {
  const months: Record<string, Entry[]> = {};
  for (const e of entries) (months[e.t.slice(0, 7)] ??= []).push(e);
  const docs = Object.entries(months).map(([m, list]) => [`steady.log.${m}`, JSON.stringify({ v: 1, data: list })]);
  await page.addInitScript((docs) => {
    if (localStorage.getItem("seeded")) return;
    for (const [k, v] of docs) localStorage.setItem(k, v);
    localStorage.setItem("seeded", "1");
  }, docs);
}

const entries = (page: Page) => page.getByTestId("log-entries").getByTestId("log-entry");

test("capture a craving in three taps from Today", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await page.getByTestId("log-craving").click(); // 1
  await page.getByTestId("trigger-stress").click(); // 2
  await page.getByTestId("craving-save").click(); // 3
  await expect(page).toHaveURL("/log");
  await expect(page.getByTestId("flash")).toContainText("Craving saved");
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText("09:00 · 5/10 · Stress · How did it go?");
  const doc = JSON.parse((await stored(page, "steady.log.2026-03"))!);
  expect(doc.v).toBe(2);
  expect(doc.data).toHaveLength(1);
  expect(doc.data[0]).toMatchObject({ t: "2026-03-10T09:00:00", n: 5, tr: ["stress"] });
});

test("every field can be filled, and the person's own trigger is kept", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/log/new");
  await page.getByTestId("craving-intensity").fill("8");
  await page.getByTestId("trigger-add-input").fill("Payday");
  await page.getByTestId("trigger-add").click();
  await expect(page.getByTestId("trigger-payday")).toHaveAttribute("aria-pressed", "true");
  await page.getByText("More: how you feel, when, where, notes").click();
  await page.getByTestId("halt-lonely").click();
  await page.getByTestId("mood-anxious").click();
  await page.getByTestId("craving-time").fill("2026-03-09T22:30");
  await page.getByTestId("craving-where").fill("Home");
  await page.getByTestId("craving-note").fill("Got paid, old habit.");
  await page.getByTestId("craving-save").click();
  await expect(entries(page).first()).toContainText("22:30 · 8/10 · Payday");
  await expect(page.getByTestId("log-entries")).toContainText("9 March 2026");

  await page.goto("/log/new");
  await expect(page.getByTestId("trigger-payday")).toHaveAttribute("aria-pressed", "false");
});

test("an entry can be completed later with how it went", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, [{ id: 1, t: "2026-03-10T08:00:00", n: 6, tr: ["boredom"] }]);
  await openApp(page, "/log");
  await entries(page).first().getByRole("button").first().click();
  await page.getByTestId("outcome-passed").click();
  await page.getByTestId("craving-intensity-after").fill("2");
  await page.getByTestId("coping-went-for-a-walk").click();
  await page.getByTestId("craving-save").click();
  await expect(entries(page).first()).toContainText("08:00 · 6/10 · Boredom · It passed");
  await page.reload();
  await expect(entries(page).first()).toContainText("It passed");
  const doc = JSON.parse((await stored(page, "steady.log.2026-03"))!);
  expect(doc.data[0]).toMatchObject({ o: "passed", a: 2, c: ["Went for a walk"] });
});

test("the app asks “How did it go?” the next time it opens", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/log/new");
  await page.getByTestId("trigger-people").click();
  await page.getByTestId("craving-save").click();
  await expect(entries(page)).toHaveCount(1);
  // Not while the app is still open: it was only just logged.
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("today")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
  await expect(page.getByTestId("follow-up")).toHaveCount(0);
  await page.goto("/");
  const followUp = page.getByTestId("follow-up");
  await expect(followUp).toContainText("How did it go?");
  await page.getByTestId("followup-strong").click();
  await expect(followUp).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("counter-days").or(page.getByTestId("set-start"))).toBeVisible();
  await expect(page.getByTestId("follow-up")).toHaveCount(0);
  expect(JSON.parse((await stored(page, "steady.log.2026-03"))!).data[0].o).toBe("strong");
});

test("“How did it go?” still asks about last month's craving after one logged in this opening starts a new month", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-03-31T22:50:00Z") });
  await seed(page, [{ id: 1, t: "2026-03-31T23:00:00", n: 7, tr: ["stress"] }]);
  await openApp(page, "/log/new");
  // After midnight, a new craving in this opening of the app: April's first.
  await page.clock.fastForward("20:00");
  await page.reload();
  await page.getByTestId("trigger-people").click();
  await page.getByTestId("craving-save").click();
  await expect(entries(page)).toHaveCount(2);
  expect(await stored(page, "steady.log.2026-04")).not.toBeNull();
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("follow-up")).toContainText("31 March at 23:00");
});

test("delete with undo", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, [
    { id: 1, t: "2026-03-10T08:00:00", n: 6, tr: ["boredom"] },
    { id: 2, t: "2026-03-09T08:00:00", n: 3, tr: ["pain"] },
  ]);
  await openApp(page, "/log");
  await expect(entries(page)).toHaveCount(2);
  await entries(page).first().getByRole("button").first().click();
  await page.getByTestId("craving-delete").click();
  await expect(entries(page)).toHaveCount(1);
  await expect(page.getByTestId("undo")).toBeVisible();
  await page.getByTestId("undo").click();
  await expect(entries(page)).toHaveCount(2);
  await expect(entries(page).first()).toContainText("Boredom");
  await page.reload();
  await expect(entries(page)).toHaveCount(2);
});

test("two cravings deleted in a row can both be brought back", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, [
    { id: 1, t: "2026-03-10T08:00:00", n: 6, tr: ["boredom"] },
    { id: 2, t: "2026-03-09T08:00:00", n: 3, tr: ["pain"] },
  ]);
  await openApp(page, "/log");
  for (const left of [1, 0]) {
    await entries(page).first().getByRole("button").first().click();
    await page.getByTestId("craving-delete").click();
    await expect(entries(page)).toHaveCount(left);
  }
  await expect(page.locator(".notice.undo")).toContainText("You can undo 2 deletions");
  await page.getByTestId("undo").click();
  await expect(entries(page)).toHaveCount(1);
  await page.getByTestId("undo").click();
  await expect(entries(page)).toHaveCount(2);
  await page.reload();
  await expect(entries(page)).toHaveCount(2);
});

test("filters by trigger and date range, newest first and grouped by day", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, [
    { id: 1, t: "2026-01-15T08:00:00", n: 6, tr: ["stress"] },
    { id: 2, t: "2026-02-20T21:00:00", n: 3, tr: ["pain"] },
    { id: 3, t: "2026-03-09T08:00:00", n: 7, tr: ["stress", "people"] },
    { id: 4, t: "2026-03-09T12:00:00", n: 2, tr: ["money"] },
  ]);
  await openApp(page, "/log");
  await expect(entries(page)).toHaveCount(4);
  await expect(entries(page).first()).toContainText("12:00");
  await expect(page.getByTestId("log-entries").locator("h2")).toHaveText([
    "9 March 2026",
    "20 February 2026",
    "15 January 2026",
  ]);
  await page.getByText("Filter", { exact: true }).click();
  await page.getByTestId("filter-trigger").selectOption("stress");
  await expect(entries(page)).toHaveCount(2);
  await page.getByTestId("filter-from").fill("2026-03-01");
  await expect(entries(page)).toHaveCount(1);
  await page.getByTestId("filter-trigger").selectOption("");
  await page.getByTestId("filter-to").fill("2026-03-05");
  await expect(page.getByText("No entries match these filters.")).toBeVisible();
});

test("insights draw charts with the numbers as text", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, [
    { id: 1, t: "2026-03-09T08:10:00", n: 6, tr: ["stress"], o: "passed", c: ["Went for a walk"] },
    { id: 2, t: "2026-03-09T08:40:00", n: 4, tr: ["stress", "people"], o: "used" },
    { id: 3, t: "2026-03-10T07:00:00", n: 8, tr: ["people"] },
  ]);
  await openApp(page, "/log");
  await page.getByTestId("open-insights").click();
  const insights = page.getByTestId("insights");
  await expect(insights.getByTestId("insights-summary")).toContainText("3");
  await expect(insights.getByTestId("insights-summary")).toContainText("6.0 of 10");
  const perDay = page.getByTestId("chart-per-day");
  await expect(perDay.locator("svg rect.bar")).toHaveCount(2);
  await expect(perDay.locator("svg")).toHaveAttribute("role", "img");
  await expect(perDay).toContainText("3 cravings in this period; the most, 2, on 9 Mar.");
  await expect(page.getByTestId("chart-triggers")).toContainText("People: 2; Stress: 2");
  await expect(page.getByTestId("chart-heatmap")).toContainText("Busiest times: Mon 08:00–08:59 (2)");
  await expect(page.getByTestId("outcomes-desc")).toContainText("50% of cravings with a follow-up passed");
  await expect(page.getByTestId("helped-list")).toContainText("Went for a walk — 1");
  // Every chart's svg names its title and description.
  for (const svg of await insights.locator("svg").all()) {
    const ids = (await svg.getAttribute("aria-labelledby"))!.split(" ");
    for (const id of ids) await expect(page.locator(`#${id}`)).not.toBeEmpty();
  }
});

test("one craving is one craving, not “1 cravings”", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, [{ id: 1, t: "2026-03-09T08:10:00", n: 6, tr: ["stress"] }]);
  await openApp(page, "/log/insights");
  await expect(page.getByTestId("chart-per-day")).toContainText("1 craving in this period; the most, 1, on 9 Mar.");
});

test("insights with no entries say so", async ({ page }) => {
  await openApp(page, "/log/insights");
  await expect(page.getByTestId("insights-empty")).toBeVisible();
});

test("the log survives reload and works offline", async ({ page, context }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/log/new");
  await waitForServiceWorker(page);
  await page.getByTestId("trigger-place").click();
  await page.getByTestId("craving-save").click();
  await expect(entries(page)).toHaveCount(1);
  await context.setOffline(true);
  await page.reload();
  await expect(entries(page)).toHaveCount(1);
  await page.goto("/log/new");
  await page.getByTestId("trigger-money").click();
  await page.getByTestId("craving-save").click();
  await expect(entries(page)).toHaveCount(2);
  await context.setOffline(false);
});

test("20,000 stored entries open quickly and one more saves", async ({ page }) => {
  await page.clock.install({ time: NOW });
  const start = Date.parse("2021-03-10T00:00:00Z");
  const many: Entry[] = [];
  for (let n = 0; n < 20_000; n++) {
    const t = new Date(start + n * 131 * 60_000).toISOString().slice(0, 19);
    many.push({ id: n + 1, t, n: n % 11, tr: [["stress", "people", "boredom"][n % 3]], o: n % 2 ? "passed" : undefined });
  }
  await seed(page, many.filter((e) => e.t < "2026-03-10"));
  const began = Date.now();
  await openApp(page, "/log");
  await expect(entries(page)).toHaveCount(50);
  expect(Date.now() - began).toBeLessThan(5_000);
  await expect(page.getByTestId("log-more")).toBeVisible();
  await page.getByTestId("log-more").click();
  await expect(entries(page)).toHaveCount(100);

  await page.getByTestId("log-craving").click();
  await page.getByTestId("trigger-pain").click();
  await page.getByTestId("craving-save").click();
  await expect(entries(page).first()).toContainText("09:00 · 5/10 · Pain");
  await page.reload();
  await expect(entries(page).first()).toContainText("Pain");
  await page.goto("/log/insights");
  await expect(page.getByTestId("insights-summary")).toContainText(/\d{2},?\d{3}|\d{5}/);
});

test("leaving the page while Undo is offered doesn't break the app", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, [{ id: 1, t: "2026-03-10T08:00:00", n: 6, tr: ["boredom"] }]);
  await openApp(page, "/log");
  await entries(page).first().getByRole("button").first().click();
  await page.getByTestId("craving-delete").click();
  await page.getByTestId("nav-today").click();
  await page.clock.runFor(11_000);
  await page.getByTestId("nav-log").click();
  await expect(page.getByTestId("log-empty")).toBeVisible();
});

test("text typed into an open entry survives showing older entries", async ({ page }) => {
  await page.clock.install({ time: NOW });
  const many: Entry[] = [];
  for (let n = 0; n < 60; n++) many.push({ id: n + 1, t: `2026-03-0${1 + (n % 9)}T${String(n % 24).padStart(2, "0")}:00:00`, n: 5, tr: ["stress"] });
  await seed(page, many);
  await openApp(page, "/log");
  await entries(page).first().getByRole("button").first().click();
  await page.getByTestId("craving-note").fill("still typing this");
  await page.getByTestId("log-more").click();
  await expect(entries(page)).toHaveCount(60);
  await expect(page.getByTestId("craving-note")).toHaveValue("still typing this");
});

test("a craving being logged survives a reload until it is saved", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/log/new");
  await page.getByTestId("trigger-stress").click();
  await page.getByText("More: how you feel, when, where, notes").click();
  await page.getByTestId("craving-note").fill("Hands shaking, called Sam");
  await page.reload();
  await expect(page.getByTestId("craving-resumed")).toContainText("Picked up where you left off (started 10 March at 09:00)");
  await expect(page.getByTestId("trigger-stress")).toHaveAttribute("aria-pressed", "true");
  await page.getByText("More: how you feel, when, where, notes").click();
  await expect(page.getByTestId("craving-note")).toHaveValue("Hands shaking, called Sam");
  await page.getByTestId("craving-save").click();
  await expect(page).toHaveURL("/log");
  expect(await stored(page, "steady.draft.craving")).toBeNull();
  const doc = JSON.parse((await stored(page, "steady.log.2026-03"))!);
  expect(doc.data).toHaveLength(1);
  expect(doc.data[0]).toMatchObject({ t: "2026-03-10T09:00:00", tr: ["stress"] });
  // The next craving starts fresh.
  await page.goto("/log/new");
  await expect(page.getByTestId("craving-resumed")).toHaveCount(0);
  await expect(page.getByTestId("trigger-stress")).toHaveAttribute("aria-pressed", "false");
});

test("notes typed into an entry being changed survive a reload until saved", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, [{ id: 1, t: "2026-03-10T08:00:00", n: 6, tr: ["boredom"] }]);
  await openApp(page, "/log");
  await entries(page).first().getByRole("button").first().click();
  await page.getByTestId("craving-note").fill("It was the payday again");
  await page.reload();
  await entries(page).first().getByRole("button").first().click();
  await expect(page.getByTestId("craving-note")).toHaveValue("It was the payday again");
  await page.getByTestId("craving-save").click();
  await expect(entries(page).first()).toContainText("Boredom");
  expect(await stored(page, "steady.draft.craving.1")).toBeNull();
});

test("a quick capture left with only chips tapped starts fresh next time", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/log/new");
  await page.getByTestId("trigger-stress").click();
  await page.reload();
  await expect(page.getByTestId("craving-resumed")).toHaveCount(0);
  await expect(page.getByTestId("trigger-stress")).toHaveAttribute("aria-pressed", "false");
});
