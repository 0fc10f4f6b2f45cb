// WCAG 2.2 AA checks with axe-core on every screen and open dialog, light and
// dark, at 320 and 390 px wide, with the target-size rule on.
import { test, expect, openApp } from "./fixtures";
import { NOW, SCREENS, axe, fit, seeded } from "./screens";

// Every check on each screen once it is open: opening a screen costs about three times an axe
// run, and six walks (light and dark at two widths, and 200 % text at two widths) took about six
// minutes of the suite. The walk is in two halves, each a page of its own: alone a whole walk takes
// about three minutes, but beside another test on this 2-core machine one took eight, and a page
// that had opened some sixty screens once couldn't fetch the next one's module.
const PLAN_AT = SCREENS.findIndex(([what]) => what === "plan");
for (const [half, screens] of [["first", SCREENS.slice(0, PLAN_AT)], ["second", SCREENS.slice(PLAN_AT)]] as const) {
  test(`every screen (${half} half) passes axe light and dark at 320 and 390 px, and fits with text at 200 %, Get help whole`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: 320, height: 800 });
    await seeded(page);
    for (const [what, path, open] of screens) {
      await page.setViewportSize({ width: 320, height: 800 });
      await openApp(page, path);
      if (open) await open(page);
      for (const width of [320, 390]) {
        await page.setViewportSize({ width, height: 800 });
        for (const colorScheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme });
          await axe(page, `${what}, ${colorScheme}, ${width} px`);
        }
        await page.emulateMedia({ colorScheme: "light" });
        // Nothing may be wider than the screen, with text at 100 % and 200 %, and Get help stays whole.
        const { at100, at200, helpLeft, helpRight } = await fit(page);
        expect(at100, `horizontal overflow on ${what} at ${width} px`).toBeLessThanOrEqual(0);
        expect(at200, `horizontal overflow on ${what} at ${width} px with text at 200 %`).toBeLessThanOrEqual(0);
        expect(helpLeft, `Get help on ${what} at ${width} px with text at 200 %`).toBeGreaterThanOrEqual(0);
        expect(helpRight, `Get help on ${what} at ${width} px with text at 200 %`).toBeLessThanOrEqual(width);
      }
    }
  });
}

test("the unreadable-data notice passes axe", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("steady.settings", "{broken"));
  await openApp(page, "/help");
  await expect(page.getByTestId("storage-problem")).toBeVisible();
  await axe(page, "storage problem");
});

test.describe("without a service worker", () => {
  test.use({ serviceWorkers: "block", viewport: { width: 320, height: 800 } });
  test("a screen that couldn't be fetched passes axe, light and dark", async ({ page }) => {
    await page.route(/split_settings\.wasm$/, (route) => route.abort("internetdisconnected"));
    await openApp(page, "/settings");
    await expect(page.getByTestId("screen-failed")).toBeVisible();
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await axe(page, `screen that couldn't be fetched, ${colorScheme}`);
    }
  });
  test("a part of a screen that couldn't be fetched passes axe, light and dark", async ({ page }) => {
    await page.route(/split_counters\.wasm$/, (route) => route.abort("internetdisconnected"));
    await openApp(page, "/");
    await page.getByTestId("set-start").click();
    await page.getByTestId("save-start").click();
    await expect(page.getByTestId("part-failed")).toBeVisible();
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await axe(page, `part that couldn't be fetched, ${colorScheme}`);
    }
  });
});

test("the static shell passes axe", async ({ page }) => {
  // Keep the app from loading so the shell is what's on screen.
  await page.route(/\.wasm$/, () => {}); // never answered
  await page.goto("/help");
  await expect(page.getByTestId("static-shell")).toBeVisible();
  await axe(page, "static shell");
});

test("the passcode settings and the lock screen pass axe, light and dark, at 320 px", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 320, height: 800 });
  await openApp(page, "/settings");
  await axe(page, "passcode lock off");
  await page.getByTestId("lock-passcode").fill("246813");
  await page.getByTestId("lock-passcode-again").fill("246813");
  await page.getByTestId("lock-set").click();
  await expect(page.getByTestId("lock-status")).toContainText("The lock is on", { timeout: 15_000 });
  await axe(page, "passcode lock on");
  await page.reload();
  const screen = page.getByTestId("lock-screen");
  await screen.getByTestId("unlock-input").fill("1111");
  await screen.getByTestId("unlock-submit").click();
  await expect(screen.getByTestId("unlock-message")).toContainText("isn't the passcode");
  await screen.getByTestId("lock-overdose").locator("summary").click();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await axe(page, `lock screen, ${colorScheme}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "horizontal overflow on the lock screen").toBeLessThanOrEqual(0);
  }
});

test("focus moves into a panel when it opens and back to its button when it closes", async ({ page }) => {
  await seeded(page);
  await openApp(page, "/");
  const setStart = page.getByTestId("set-start");
  // Opened and cancelled from the keyboard.
  await setStart.press("Enter");
  await expect(page.getByTestId("start-date")).toBeFocused();
  await page.locator("form.editor").getByRole("button", { name: "Cancel" }).press("Enter");
  await expect(setStart).toBeFocused();
  // Saved.
  await setStart.press("Enter");
  await page.getByTestId("save-start").press("Enter");
  await expect(setStart).toBeFocused();

  // The slip form is fetched when opened; focus still lands in it.
  const slip = page.getByTestId("slip");
  await slip.press("Enter");
  await expect(page.getByTestId("slip-note")).toBeFocused();
  await page.getByTestId("slip-confirm").press("Enter");
  await expect(page.getByTestId("slip-done")).toBeVisible();
  await expect(slip).toBeFocused();

  const money = page.locator("details.money summary");
  await money.press("Enter");
  await page.getByTestId("money-per-day").fill("12.50");
  await page.getByTestId("money-per-day").press("Enter");
  await expect(page.getByTestId("money-per-day")).toHaveCount(0);
  await expect(money).toBeFocused();

  // A log entry's editor opens under its summary, which takes focus back on save.
  await openApp(page, "/log");
  const summary = page.getByTestId("log-entry").first().getByRole("button").first();
  await summary.press("Enter");
  await page.getByTestId("craving-save").press("Enter");
  await expect(page.getByTestId("craving-save")).toHaveCount(0);
  await expect(summary).toBeFocused();

  await openApp(page, "/settings");
  await page.getByTestId("delete-all").press("Enter");
  await expect(page.getByTestId("delete-all-input")).toBeFocused();
  await page.locator(".danger-zone").getByRole("button", { name: "Cancel" }).press("Enter");
  await expect(page.getByTestId("delete-all")).toBeFocused();
});

test("after the first start date is saved, focus is on the new counter's Change start date", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await page.getByTestId("set-start").press("Enter");
  await expect(page.getByTestId("start-date")).toBeFocused();
  await page.getByTestId("start-date").fill("2026-03-01");
  await page.getByTestId("save-start").press("Enter");
  await expect(page.getByTestId("main-counter")).toBeVisible();
  await expect(page.getByRole("button", { name: "Change start date" })).toBeFocused();
});
