import { test, expect, openApp } from "./fixtures";
import type { Page } from "@playwright/test";

const scrollTop = (page: Page) => page.locator("main#main").evaluate((m) => m.scrollTop);

test.use({ viewport: { width: 390, height: 600 } });

test("a link to the screen you're on adds no history entry", async ({ page }) => {
  await openApp(page, "/help");
  const entries = await page.evaluate(() => history.length);
  await page.getByTestId("nav-help").click();
  await page.getByTestId("sos").click();
  await expect(page).toHaveURL("/help");
  expect(await page.evaluate(() => history.length)).toBe(entries);

  await page.getByTestId("nav-today").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  // One step back is the screen before, not the same screen again.
  await page.goBack();
  await expect(page).toHaveURL("/help");
  await page.goBack();
  await expect(page).not.toHaveURL(/127\.0\.0\.1:\d+\/help$/);
});

for (const { path, heading, next } of [
  { path: "/help", heading: "Get help now", next: "nav-plan" },
  { path: "/cope", heading: "Ways to cope", next: "nav-help" },
]) {
  test(`going back to ${path} returns to where you were on it, not its top`, async ({ page }) => {
    await openApp(page, path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    // Wait until the screen has its full height, then scroll well down.
    await expect.poll(() => page.locator("main#main").evaluate((m) => m.scrollHeight - m.clientHeight)).toBeGreaterThan(400);
    await page.locator("main#main").evaluate((m) => (m.scrollTop = 400));
    expect(await scrollTop(page)).toBe(400);

    await page.getByTestId(next).click();
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(heading);
    expect(await scrollTop(page)).toBe(0);

    await page.goBack();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect.poll(() => scrollTop(page)).toBe(400);
    // Going forward again is a new visit to that screen: at its top.
    await page.goForward();
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(heading);
    await expect.poll(() => scrollTop(page)).toBe(0);
  });
}
