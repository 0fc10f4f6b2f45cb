// The weekly look-back: offered on Today on the day the person picks (and
// after, until done), this week next to last, questions, and watch-outs that
// point to the plan and a call — never a score.
import { test, expect, openApp, stored } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "Europe/London", locale: "en-GB" });

// Wednesday 11 March 2026, noon.
const NOW = new Date("2026-03-11T12:00:00Z");

async function seed(page: Page, docs: Record<string, unknown>) {
  await page.addInitScript((docs) => {
    if (localStorage.getItem("seeded")) return;
    for (const [k, v] of Object.entries(docs)) localStorage.setItem(k, JSON.stringify(v));
    localStorage.setItem("seeded", "1");
  }, docs);
}

const checkIn = (d: string, m: number, extra = {}) => ({ d, m, t: `${d}T21:00:00`, ...extra });
const craving = (id: number, t: string, n: number) => ({ id, t, n, tr: ["stress"] });

test("picked for Sunday, the look-back is offered on Today from Sunday until it is done", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await expect(page.getByTestId("weekly-open")).toHaveCount(0);
  await page.goto("/weekly");
  await expect(page.getByTestId("weekly-period")).toHaveText("5 March 2026 to 11 March 2026");
  await page.getByTestId("weekly-day").selectOption("6");
  await expect(page.getByTestId("weekly-period")).toHaveText("2 March 2026 to 8 March 2026");
  expect(JSON.parse((await stored(page, "steady.settings"))!).data.look_back_day).toBe(6);

  await page.getByTestId("nav-today").click();
  await page.getByTestId("weekly-open").click();
  await expect(page).toHaveURL("/weekly");
  await page.getByTestId("weekly-support-4").click();
  await page.getByTestId("weekly-confidence-5").click();
  await page.getByTestId("weekly-save").click();
  await expect(page.getByTestId("weekly-done")).toBeVisible();
  const saved = JSON.parse((await stored(page, "steady.weekly.2026-03"))!).data;
  expect(saved).toEqual([{ d: "2026-03-08", a: [["support", 4], ["confidence", 5]], t: "2026-03-11T12:00:00" }]);
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("today")).toBeVisible();
  await expect(page.getByTestId("weekly-open")).toHaveCount(0);
  // Coming back shows what was answered.
  await page.goto("/weekly");
  await expect(page.getByTestId("weekly-support-4")).toHaveAttribute("aria-pressed", "true");
});

test("when cravings rise and mood falls, a watch-outs card points to the plan and the sponsor", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, {
    "steady.settings": { v: 1, data: { region: "UK", look_back_day: 6 } },
    "steady.plan": { v: 1, data: { lists: { support: [{ id: 1, text: "Sam", role: "sponsor", phone: "07700 900123" }] }, guide: "done" } },
    "steady.checkin.2026-02": { v: 1, data: [checkIn("2026-02-24", 4), checkIn("2026-02-26", 4), checkIn("2026-02-28", 5)] },
    "steady.checkin.2026-03": { v: 1, data: [checkIn("2026-03-03", 2), checkIn("2026-03-05", 2), checkIn("2026-03-07", 3, { w: "Called Sam" })] },
    "steady.log.2026-02": { v: 1, data: [craving(1, "2026-02-25T18:00:00", 3), craving(2, "2026-02-27T18:00:00", 4)] },
    "steady.log.2026-03": { v: 1, data: [craving(6, "2026-03-07T18:00:00", 9), craving(5, "2026-03-06T18:00:00", 8), craving(4, "2026-03-04T18:00:00", 8), craving(3, "2026-03-02T18:00:00", 7)] },
  });
  await openApp(page, "/weekly");
  const table = page.getByTestId("weekly-comparison");
  await expect(table).toContainText("Cravings logged42");
  await expect(table).toContainText("Average mood (1–5)2.34.3");
  await expect(table).toContainText("Called Sam (1)");
  const card = page.getByTestId("weekly-watchouts");
  await expect(card).toContainText("Cravings came more often or stronger than last week.");
  await expect(card).toContainText("Your mood has been lower than last week.");
  await expect(card).toContainText("isn't a score and it doesn't predict anything");
  await expect(card.getByTestId("weekly-call")).toHaveAttribute("href", "tel:+447700900123");
  await card.getByTestId("weekly-plan-warning-signs").click();
  await expect(page).toHaveURL("/plan#plan-warning-signs");
  await expect(page.getByTestId("plan-section-warning-signs")).toBeInViewport();
});

test("with nothing recorded there are no watch-outs, just the empty comparison", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/weekly");
  await expect(page.getByTestId("weekly-comparison")).toContainText("Check-ins00");
  await expect(page.getByTestId("weekly-watchouts")).toHaveCount(0);
});

test("answers picked survive a reload until saved, and stay with their week", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/weekly");
  await page.getByTestId("weekly-day").selectOption("6");
  await page.getByTestId("weekly-support-4").click();
  await page.getByTestId("weekly-confidence-2").click();
  await page.reload();
  await expect(page.getByTestId("weekly-support-4")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("weekly-confidence-2")).toHaveAttribute("aria-pressed", "true");
  expect(JSON.parse((await stored(page, "steady.draft.weekly"))!)).toMatchObject({ d: "2026-03-08", a: [["support", 4], ["confidence", 2]] });
  // Another week doesn't show them.
  await page.getByTestId("weekly-day").selectOption("0");
  await expect(page.getByTestId("weekly-period")).toHaveText("3 March 2026 to 9 March 2026");
  await expect(page.getByTestId("weekly-support-4")).toHaveAttribute("aria-pressed", "false");
  await page.getByTestId("weekly-day").selectOption("6");
  await expect(page.getByTestId("weekly-support-4")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("weekly-save").click();
  await expect(page.getByTestId("weekly-done")).toBeVisible();
  expect(await stored(page, "steady.draft.weekly")).toBeNull();
});

test("a saved look-back's answers don't carry over to another week", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/weekly");
  await page.getByTestId("weekly-day").selectOption("6");
  await page.getByTestId("weekly-support-4").click();
  await page.getByTestId("weekly-save").click();
  await expect(page.getByTestId("weekly-done")).toBeVisible();
  await page.getByTestId("weekly-day").selectOption("0");
  await expect(page.getByTestId("weekly-period")).toHaveText("3 March 2026 to 9 March 2026");
  await expect(page.getByTestId("weekly-done")).toHaveCount(0);
  await expect(page.getByTestId("weekly-support-4")).toHaveAttribute("aria-pressed", "false");
  await expect(page.locator('[data-testid^="weekly-"][aria-pressed="true"]')).toHaveCount(0);
});

test("a look-back screen left open past midnight moves on to the new day", async ({ page }) => {
  // Saturday 7 March 2026, 23:59; the look-back day is Sunday.
  await page.clock.install({ time: new Date("2026-03-07T23:59:00Z") });
  await openApp(page, "/weekly");
  await page.getByTestId("weekly-day").selectOption("6");
  await expect(page.getByTestId("weekly-period")).toHaveText("23 February 2026 to 1 March 2026");
  await page.clock.fastForward("02:00");
  await expect(page.getByTestId("weekly-period")).toHaveText("2 March 2026 to 8 March 2026");
});
