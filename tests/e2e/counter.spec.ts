import { test, expect, openApp, stored, waitForServiceWorker } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "America/New_York", locale: "en-US" });

// 10 March 2026, 09:00 in New York — two days after the clocks went forward.
const NOW = new Date("2026-03-10T09:00:00-04:00");

async function setStart(page: Page, date: string, time = "") {
  if (!(await page.getByTestId("start-date").isVisible())) await page.getByTestId("set-start").click();
  await page.getByTestId("start-date").fill(date);
  await page.getByTestId("start-time").fill(time);
  await page.getByTestId("save-start").click();
}

const days = (page: Page) => page.getByTestId("counter-days");

test("set a start date, reload and offline: the count is right", async ({ page, context }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await waitForServiceWorker(page);
  await setStart(page, "2026-03-01");
  await expect(days(page)).toHaveText("9 days");
  await expect(page.getByTestId("milestone-next")).toHaveText("Next milestone: 30 days — 21 days to go");
  await expect(page.getByTestId("milestone-reached")).toContainText("24 hours");

  await page.reload();
  await expect(days(page)).toHaveText("9 days");
  await context.setOffline(true);
  await page.reload();
  await expect(days(page)).toHaveText("9 days");
  await context.setOffline(false);
});

test("a start late in the evening counts calendar days, not 24-hour blocks", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-03-10T00:30:00-04:00") });
  await openApp(page, "/");
  await setStart(page, "2026-03-09", "23:45");
  await expect(days(page)).toHaveText("1 day");
  await expect(page.getByTestId("counter-live")).toHaveText("Time so far: 0 days, 0 hours, 45 minutes");
});

test("a start in the future is refused and nothing changes", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await setStart(page, "2026-03-01");
  const before = await stored(page, "steady.counters");

  await setStart(page, "2026-03-11");
  await expect(page.getByTestId("start-error")).toContainText("in the future");
  await expect(days(page)).toHaveText("9 days");
  await setStart(page, "2026-03-10", "09:30");
  await expect(page.getByTestId("start-error")).toContainText("in the future");
  expect(await stored(page, "steady.counters")).toBe(before);
});

test("a slip restarts at 0, keeps longest and total, and warns about tolerance", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await setStart(page, "2026-01-01");
  await expect(days(page)).toHaveText("68 days");

  await expect(page.getByText("never resets your count")).toBeVisible();
  await page.getByTestId("slip").click();
  await expect(page.getByText("A slip is information, not failure")).toBeVisible();
  await page.getByTestId("slip-note").fill("Ran into an old friend. Next time: leave and call my sponsor.");
  await page.getByTestId("slip-confirm").click();

  await expect(days(page)).toHaveText("0 days");
  await expect(page.getByTestId("longest-streak")).toHaveText("68 days");
  await expect(page.getByTestId("total-days")).toHaveText("68 days");
  await expect(page.getByTestId("streak-count")).toHaveText("2");
  await expect(page.getByTestId("streak-timeline")).toContainText("1 January 2026 – 10 March 2026 · 68 days");
  await expect(page.getByTestId("streak-timeline")).toContainText("call my sponsor");
  const warning = page.getByTestId("tolerance-warning");
  // The counter doesn't say what it counts yet: the careful warning.
  await expect(warning).toContainText("tolerance may be lower");
  await warning.getByRole("link", { name: "What to do in an overdose" }).click();
  await expect(page).toHaveURL("/help/overdose");

  await page.goto("/");
  await expect(page.getByTestId("longest-streak")).toHaveText("68 days");
  await expect(days(page)).toHaveText("0 days");
});

test("after a long streak, a nicotine counter's slip brings no overdose warning; an opioid counter's does", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await setStart(page, "2026-01-01");
  // The first counter doesn't say yet what it counts: asked once, its default name ("Days in recovery") preselects opioids.
  const question = page.getByTestId("counts-question");
  await expect(question.getByLabel("What it counts")).toHaveValue("opioids");

  // A nicotine counter, chosen when it is added, shown on Today.
  await page.getByTestId("new-counter-name").fill("Smoking");
  await expect(page.getByTestId("new-counter-counts")).toHaveValue("nicotine");
  await page.getByTestId("new-counter-date").fill("2026-01-01");
  await page.getByTestId("add-counter").click();
  const list = page.getByTestId("counter-list");
  await list.getByTestId("counter-item").nth(1).getByTestId("make-main").click();
  await expect(page.getByTestId("main-counter")).toContainText("Smoking");
  await expect(page.getByTestId("counts-question")).toHaveCount(0);
  await page.getByTestId("slip").click();
  await page.getByTestId("slip-confirm").click();
  await expect(page.getByTestId("slip-done")).toContainText("68 days");
  await expect(page.getByTestId("tolerance-warning")).toHaveCount(0);
  await expect(page.getByTestId("slip-done")).not.toContainText(/opioid|overdose|naloxone/i);

  // Back to the first counter: it says opioids now, and its slip warns.
  await list.getByTestId("counter-item").first().getByTestId("make-main").click();
  await page.getByTestId("counts-save").click();
  await expect(page.getByTestId("counts-question")).toHaveCount(0);
  expect(JSON.parse((await stored(page, "steady.counters"))!).data.list.map((c) => c.counts)).toEqual(["opioids", "nicotine"]);
  await page.getByTestId("slip").click();
  await page.getByTestId("slip-confirm").click();
  const warning = page.getByTestId("tolerance-warning");
  await expect(warning).toContainText("The amount you used to take before your break");
  await expect(warning).toContainText("naloxone");

  // Changed later when editing: what it counts is a labelled choice.
  await list.getByRole("button", { name: "Edit Smoking" }).click();
  await expect(list.getByLabel("What it counts")).toHaveValue("nicotine");
});

test("a counter stored before Steady asked what it counts still loads; asked once, the question can be put away", async ({ page }) => {
  const old = JSON.stringify({
    v: 1,
    data: { list: [{ id: 1, name: "Clean time", start: { date: "2026-01-01" }, history: [] }], main: 1 },
  });
  await page.addInitScript((value) => {
    if (!localStorage.getItem("steady.counters")) localStorage.setItem("steady.counters", value);
  }, old);
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await expect(days(page)).toHaveText("68 days");
  const counts = async () => JSON.parse((await stored(page, "steady.counters"))!).data.list[0].counts;
  expect(await counts()).toBeUndefined();
  await page.getByTestId("counts-dismiss").click();
  await expect(page.getByTestId("counts-question")).toHaveCount(0);
  expect(await counts()).toBe("unsaid");
  await page.reload();
  await expect(days(page)).toHaveText("68 days");
  await expect(page.getByTestId("counts-question")).toHaveCount(0);
  // Not said: the warning names the risk without naming a drug.
  await page.getByTestId("slip").click();
  await page.getByTestId("slip-confirm").click();
  const warning = page.getByTestId("tolerance-warning");
  await expect(warning).toContainText("your tolerance may be lower");
  await expect(warning).not.toContainText("opioid");
});

test("a slip after a short streak shows no tolerance warning", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  // Two days: under the three after which tolerance may have dropped.
  await setStart(page, "2026-03-08");
  await page.getByTestId("slip").click();
  await page.getByTestId("slip-confirm").click();
  await expect(page.getByTestId("slip-done")).toBeVisible();
  await expect(page.getByTestId("tolerance-warning")).toHaveCount(0);
});

test("the live duration updates each minute without re-rendering the page", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await setStart(page, "2026-03-08", "07:00");
  const live = page.getByTestId("counter-live");
  // 8 March 07:00 EDT to 10 March 09:00 EDT is 2 days 2 hours (the lost hour was at 02:00 on the 8th, before the start).
  await expect(live).toHaveText("Time so far: 2 days, 2 hours, 0 minutes");
  await page.getByTestId("main-counter").evaluate((el) => ((el as any).steadyMarker = true));
  await page.clock.runFor(61_000);
  await expect(live).toHaveText("Time so far: 2 days, 2 hours, 1 minute");
  expect(await page.getByTestId("main-counter").evaluate((el) => (el as any).steadyMarker)).toBe(true);
});

test("the count follows the device's time zone", async ({ browser }) => {
  const counters = JSON.stringify({
    v: 1,
    data: { list: [{ id: 1, name: "Clean time", start: { date: "2026-03-01" }, history: [] }], main: 1 },
  });
  // 20:00 UTC on 10 March: still the 10th in New York, already the 11th in Tokyo.
  const instant = new Date("2026-03-10T20:00:00Z");
  for (const [timezoneId, expected] of [["America/New_York", "9 days"], ["Asia/Tokyo", "10 days"]]) {
    const context = await browser.newContext({ timezoneId });
    const page = await context.newPage();
    await page.addInitScript((value) => localStorage.setItem("steady.counters", value), counters);
    await page.clock.install({ time: instant });
    await openApp(page, "/");
    await expect(days(page)).toHaveText(expected);
    await context.close();
  }
});

test("a milestone is celebrated once", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await setStart(page, "2026-02-08");
  await expect(days(page)).toHaveText("30 days");
  await page.reload();
  await expect(page.getByTestId("celebration")).toContainText("30 days");
  await page.getByTestId("celebration-dismiss").click();
  await expect(page.getByTestId("celebration")).toHaveCount(0);
  await page.reload();
  await expect(days(page)).toHaveText("30 days");
  await expect(page.getByTestId("celebration")).toHaveCount(0);
});

test("several counters: add, show on Today, rename, delete with undo", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await setStart(page, "2026-01-01");
  await page.getByTestId("new-counter-name").fill("Nicotine");
  await page.getByTestId("new-counter-date").fill("2026-03-03");
  await page.getByTestId("add-counter").click();
  const list = page.getByTestId("counter-list");
  await expect(list.getByTestId("counter-item")).toHaveCount(2);
  await expect(list.getByTestId("counter-item").nth(1)).toContainText("Nicotine7 days");

  await list.getByTestId("counter-item").nth(1).getByTestId("make-main").click();
  await expect(days(page)).toHaveText("7 days");

  await list.getByRole("button", { name: "Edit Nicotine" }).click();
  await list.getByTestId("rename-input").fill("Cigarettes");
  await list.getByTestId("rename-save").click();
  await expect(page.getByTestId("main-counter")).toContainText("Cigarettes");

  await list.getByRole("button", { name: "Delete Cigarettes" }).click();
  await list.getByTestId("delete-confirm").click();
  await expect(list.getByTestId("counter-item")).toHaveCount(1);
  await expect(days(page)).toHaveText("68 days");
  await page.getByTestId("undo").click();
  await expect(list.getByTestId("counter-item")).toHaveCount(2);
  await expect(days(page)).toHaveText("7 days");

  await page.reload();
  await expect(page.getByTestId("counter-list").getByTestId("counter-item")).toHaveCount(2);
  await expect(days(page)).toHaveText("7 days");
});

test("two counters deleted in a row can both be brought back, in their places", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await setStart(page, "2026-01-01");
  const list = page.getByTestId("counter-list");
  for (const name of ["Nicotine", "Alcohol"]) {
    await page.getByTestId("new-counter-name").fill(name);
    await page.getByTestId("new-counter-date").fill("2026-03-03");
    await page.getByTestId("add-counter").click();
  }
  await expect(list.getByTestId("counter-item")).toHaveCount(3);
  const names = () => list.getByTestId("counter-item").allTextContents();
  const before = await names();
  for (const name of ["Nicotine", "Alcohol"]) {
    await list.getByRole("button", { name: `Delete ${name}` }).click();
    await list.getByTestId("delete-confirm").click();
  }
  await expect(list.getByTestId("counter-item")).toHaveCount(1);
  await expect(page.locator(".notice.undo")).toContainText("Deleted “Alcohol”. You can undo 2 deletions, one at a time.");
  await page.getByTestId("undo").click();
  await expect(page.locator(".notice.undo")).toContainText("Deleted “Nicotine”.");
  await page.getByTestId("undo").click();
  await expect(page.locator(".notice.undo")).toHaveCount(0);
  expect(await names()).toEqual(before);
  await page.reload();
  await expect(page.getByTestId("counter-list").getByTestId("counter-item")).toHaveCount(3);
});

test("an empty counter name gets a clear message", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await setStart(page, "2026-01-01");
  await page.getByTestId("add-counter").click();
  await expect(page.getByText("Give the counter a name.")).toBeVisible();
  await expect(page.getByTestId("counter-list").getByTestId("counter-item")).toHaveCount(1);
});

test("money saved is shown in the local currency format", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await setStart(page, "2026-03-01");
  await page.getByText("Money saved").click();
  await page.getByTestId("money-per-day").fill("abc");
  await page.getByTestId("money-save").click();
  await expect(page.getByText("Enter an amount like 12 or 12.50.")).toBeVisible();
  await page.getByTestId("money-per-day").fill("12.50");
  await page.getByTestId("money-save").click();
  await expect(page.getByTestId("money-saved")).toHaveText("$112.50 not spent");
});

test("a new first counter gets a neutral name; a counter stored as “Clean time” keeps its name", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await expect(page.locator(".counter-name")).toHaveText("Days in recovery");
  await setStart(page, "2026-03-01");
  await expect(page.getByTestId("main-counter").locator(".counter-name")).toHaveText("Days in recovery");
  expect(JSON.parse((await stored(page, "steady.counters"))!).data.list[0].name).toBe("Days in recovery");
  // The question about what it counts still preselects opioids for it.
  await expect(page.getByTestId("counts-question").getByLabel("What it counts")).toHaveValue("opioids");

  const earlier = JSON.stringify({ v: 1, data: { list: [{ id: 1, name: "Clean time", start: { date: "2026-01-01" }, history: [] }], main: 1 } });
  await page.evaluate((value) => localStorage.setItem("steady.counters", value), earlier);
  await page.reload();
  await expect(page.getByTestId("main-counter").locator(".counter-name")).toHaveText("Clean time");
  expect(JSON.parse((await stored(page, "steady.counters"))!).data.list[0].name).toBe("Clean time");
});
