import { test, expect, openApp, stored } from "./fixtures";
import type { Page } from "@playwright/test";

const NOW = new Date("2026-11-23T15:00:00Z");
const cards = (page: Page) => page.getByTestId("cope-list").getByTestId("cope-card");
const card = (page: Page, id: string) => page.locator(`[data-testid="cope-card"][data-strategy="${id}"]`);

test("at least twelve prompts across exercise, meditation, distraction and connect", async ({ page }) => {
  await openApp(page, "/cope");
  expect(await cards(page).count()).toBeGreaterThanOrEqual(12);
  for (const family of ["Move", "Breathe & notice", "Distract", "Connect"]) {
    expect(await cards(page).filter({ hasText: family }).count()).toBeGreaterThanOrEqual(3);
  }
  await expect(cards(page).getByTestId("cope-start")).toHaveCount(await cards(page).count());
});

test("the breathing pacer advances on time: In, Hold, Out", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/cope");
  const box = card(page, "box-breathing");
  await box.getByTestId("cope-start").click();
  await box.getByTestId("start-breathing").click();
  const phase = box.getByTestId("breathing-phase");
  await expect(phase).toHaveText("In");
  await page.clock.runFor(4_100);
  await expect(phase).toHaveText("Hold");
  await page.clock.runFor(4_000);
  await expect(phase).toHaveText("Out");
  await page.clock.runFor(4_000);
  await expect(phase).toHaveText("Hold");
  await page.clock.runFor(4_000);
  await expect(phase).toHaveText("In");
  await expect(box.getByTestId("breathing-pacer")).toBeVisible();
  // After two minutes it asks whether it helped.
  await page.clock.runFor(120_000);
  await expect(box.getByTestId("helped-yes")).toBeVisible();
});

test("4-7-8 breathing holds for seven and breathes out for eight", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/cope");
  const c = card(page, "breathing-478");
  await c.getByTestId("cope-start").click();
  await c.getByTestId("start-breathing").click();
  await page.clock.runFor(4_100);
  await expect(c.getByTestId("breathing-phase")).toHaveText("Hold");
  await page.clock.runFor(6_500);
  await expect(c.getByTestId("breathing-phase")).toHaveText("Hold");
  await page.clock.runFor(1_000);
  await expect(c.getByTestId("breathing-phase")).toHaveText("Out");
  await expect(c.getByTestId("breathing-cue")).toContainText("Breathe out … 8");
});

test.describe("with reduced motion", () => {
  test.use({ reducedMotion: "reduce" });
  test("breathing shows text cues instead of the moving circle", async ({ page }) => {
    await page.clock.install({ time: NOW });
    await openApp(page, "/cope");
    const box = card(page, "box-breathing");
    await box.getByTestId("cope-start").click();
    await box.getByTestId("start-breathing").click();
    await expect(box.getByTestId("breathing-pacer")).toBeHidden();
    await expect(box.getByTestId("breathing-cue")).toHaveText("Breathe in … 4");
    await page.clock.runFor(2_000);
    await expect(box.getByTestId("breathing-cue")).toHaveText("Breathe in … 2");
  });
});

test("the urge-surfing timer checks in and survives a reload", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/cope");
  const urge = card(page, "urge-surfing");
  await urge.getByTestId("cope-start").click();
  await urge.getByTestId("start-urge-timer").click();
  await expect(urge.getByTestId("urge-timer")).toHaveText("15:00");
  await page.clock.runFor(61_000);
  // The installed clock still moves in real time too: a slow machine may take some seconds more.
  await expect(urge.getByTestId("urge-timer")).toHaveText(/^13:5\d$/);

  await page.reload();
  await expect(card(page, "urge-surfing").getByTestId("urge-timer")).toHaveText(/13:5\d/);
  await page.clock.runFor(5 * 60_000);
  await expect(card(page, "urge-surfing").getByTestId("urge-check-in")).toContainText("Check-in at 5 minutes");
  await page.clock.runFor(10 * 60_000);
  await expect(card(page, "urge-surfing").getByTestId("helped-yes")).toBeVisible();
});

test("a rating changes the order", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/cope");
  await expect(cards(page).first()).toHaveAttribute("data-strategy", "box-breathing");
  const tidy = card(page, "tidy");
  await tidy.getByTestId("cope-start").click();
  await tidy.getByTestId("cope-done").click();
  await tidy.getByTestId("helped-yes").click();
  await expect(tidy.getByTestId("helped-thanks")).toBeVisible();
  await page.reload();
  await expect(cards(page).first()).toHaveAttribute("data-strategy", "tidy");
  const data = JSON.parse((await stored(page, "steady.coping"))!).data;
  expect(data.ratings).toEqual([expect.objectContaining({ strategy: "tidy", helped: "yes" })]);

  const box = card(page, "box-breathing");
  await box.getByTestId("cope-start").click();
  await box.getByTestId("cope-done").click();
  await box.getByTestId("helped-no").click();
  await page.reload();
  await expect(cards(page).last()).toHaveAttribute("data-strategy", "box-breathing");
});

test("own strategies, favourites and hiding", async ({ page }) => {
  await openApp(page, "/cope");
  await page.getByTestId("strategy-title").fill("Text my sister");
  await page.getByTestId("add-strategy").click();
  await expect(cards(page).filter({ hasText: "Text my sister" })).toHaveCount(1);
  await card(page, "music").getByTestId("cope-favourite").click();
  await expect(cards(page).first()).toHaveAttribute("data-strategy", "music");
  await card(page, "stairs").getByTestId("cope-hide").click();
  await expect(card(page, "stairs")).toHaveCount(0);
  await page.reload();
  await expect(cards(page).first()).toHaveAttribute("data-strategy", "music");
  await expect(card(page, "stairs")).toHaveCount(0);
  await page.getByText("Hidden strategies").click();
  await page.getByTestId("cope-unhide").click();
  await expect(card(page, "stairs")).toHaveCount(1);
});

test("coping strategies from the plan appear in Cope", async ({ page }) => {
  await openApp(page, "/plan");
  const s = page.getByTestId("plan-section-coping");
  await s.getByTestId("plan-new-text").fill("Walk the dog");
  await s.getByTestId("plan-add-item").click();
  await page.getByTestId("nav-cope").click();
  await expect(cards(page).filter({ hasText: "Walk the dog" })).toContainText("From your plan.");
});

test("the craving SOS flow, with a tel: link on every step", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await page.getByTestId("craving-sos").click();
  await expect(page).toHaveURL("/sos");
  const call = page.getByTestId("sos-call").getByRole("link");
  await expect(call).toHaveAttribute("href", "tel:988");

  // Step 1: the three-tap log.
  await page.getByTestId("trigger-stress").click();
  await page.getByTestId("craving-save").click();
  // Step 2: one suggestion open, the others below.
  await expect(call).toHaveAttribute("href", /^tel:/);
  const open = page.getByTestId("cope-activity");
  await expect(open).toHaveCount(1);
  await expect(cards(page).first().getByTestId("cope-activity")).toBeVisible();
  expect(await cards(page).count()).toBeGreaterThan(5);
  await cards(page).first().getByTestId("cope-done").click();
  await cards(page).first().getByTestId("helped-yes").click();
  await page.getByTestId("sos-next").click();
  // Step 3: how did it go, saved on the log entry.
  await expect(call).toHaveAttribute("href", /^tel:/);
  await page.getByTestId("sos-outcome-passed").click();
  await expect(page.getByTestId("sos-done")).toContainText("It passed");
  await expect(call).toHaveAttribute("href", /^tel:/);
  const entry = JSON.parse((await stored(page, "steady.log.2026-11"))!).data[0];
  expect(entry).toMatchObject({ tr: ["stress"], o: "passed", c: ["Box breathing"] });
});

test("the SOS call goes to the sponsor when the plan has one", async ({ page }) => {
  await openApp(page, "/plan");
  const s = page.getByTestId("plan-section-support");
  await s.getByTestId("plan-new-text").fill("Sam");
  await s.getByTestId("plan-item-role").last().selectOption("sponsor");
  await s.getByTestId("plan-item-phone").last().fill("555 123 4567");
  await s.getByTestId("plan-add-item").click();
  await page.getByTestId("sos").click();
  await page.getByTestId("craving-sos").click();
  await expect(page.getByTestId("sos-call").getByRole("link")).toHaveAttribute("href", "tel:+15551234567");
  await expect(page.getByTestId("sos-call")).toContainText("Call Sam");
});

test("the vibrate option shows only where the phone can vibrate (not on iPhones or in Firefox)", async ({ page }) => {
  await openApp(page, "/cope");
  await expect(page.getByTestId("cope-vibrate")).toBeVisible();
  await expect(page.getByLabel("Vibrate at each breathing step")).toBeVisible();

  // As on an iPhone: no navigator.vibrate at all.
  await page.addInitScript(() => {
    delete (Navigator.prototype as { vibrate?: unknown }).vibrate;
  });
  await openApp(page, "/cope");
  await expect(page.getByTestId("cope-list")).toBeVisible();
  await expect(page.getByTestId("cope-vibrate")).toHaveCount(0);
  // Breathing still runs without it.
  const box = card(page, "box-breathing");
  await box.getByTestId("cope-start").click();
  await box.getByTestId("start-breathing").click();
  await expect(box.getByTestId("breathing-phase")).toHaveText("In");
});

test("4-7-8 breathing says to skip the hold if it makes you dizzy or panicky", async ({ page }) => {
  await openApp(page, "/cope");
  const c = card(page, "breathing-478");
  await c.getByTestId("cope-start").click();
  await expect(c.getByTestId("cope-activity").locator("ol.steps li")).toHaveText([
    "Breathe in quietly through your nose for 4.",
    "Hold for 7.",
    "Breathe out through your mouth for 8.",
    "If holding your breath makes you dizzy or panicky, skip the hold: just breathe in, then out slowly.",
  ]);
});

test("in the UK, with no one in the plan, the craving call is FRANK, never NHS 111", async ({ page }) => {
  await openApp(page, "/settings");
  await page.getByTestId("region-picker").selectOption("UK");
  await page.goto("/sos");
  const call = page.getByTestId("sos-call").getByRole("link");
  await expect(call).toHaveAttribute("href", "tel:03001236600");
  await expect(call).toHaveText("Call FRANK — 0300 123 6600");
  await page.goto("/cope");
  const c = card(page, "call-support");
  await c.getByTestId("cope-start").click();
  const line = c.getByTestId("craving-line-call");
  await expect(line).toHaveAttribute("href", "tel:03001236600");
  await expect(line).not.toHaveAttribute("href", "tel:111");
  // Going to a meeting points to the helplines on Help, not to a US line.
  const meeting = card(page, "meeting");
  await meeting.getByTestId("cope-start").click();
  await expect(meeting.getByTestId("cope-activity")).toContainText("The helplines on Help can tell you about groups near you.");
  await expect(meeting.getByTestId("cope-activity")).not.toContainText("SAMHSA");
});
