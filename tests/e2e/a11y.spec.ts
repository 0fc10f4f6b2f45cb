// WCAG 2.2 AA checks with axe-core on every screen and open dialog, light and
// dark, at 320 and 390 px wide, with the target-size rule on.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, expect, openApp } from "./fixtures";
import type { Page } from "@playwright/test";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const NOW = new Date("2026-03-10T15:00:00Z");

const SEED: Record<string, unknown> = {
  "steady.counters": { v: 1, data: { list: [
    { id: 1, name: "Clean time", start: { date: "2026-03-01", time: "21:00:00" }, history: [{ start: { date: "2025-12-01" }, end: { date: "2026-02-27" }, note: "Stress at work." }], money_per_day_cents: 1500, celebrated: 0 },
    { id: 2, name: "Alcohol", start: { date: "2025-06-01" }, history: [] },
  ], main: 1 } },
  "steady.log.2026-03": { v: 1, data: [
    { id: 3, t: "2026-03-09T21:30:00", n: 7, tr: ["stress", "people"], h: ["t"], o: "passed", c: ["Went for a walk"] },
    { id: 2, t: "2026-03-08T08:00:00", n: 4, tr: ["boredom"], o: "used" },
  ] },
  "steady.plan": { v: 1, data: { lists: {
    reasons: [{ id: 1, text: "My daughter" }],
    triggers: [{ id: 2, text: "Payday", response: "Pay bills first" }],
    support: [{ id: 3, text: "Sam", role: "sponsor", phone: "555 123 4567" }],
  }, guide: "done" } },
  // A copy of unreadable data the person kept aside (listed in Settings).
  "steady.set-aside.steady.coping.1741500000000": '{"v":1,"data":{"ratings":[',
};

async function seeded(page: Page) {
  await page.clock.install({ time: NOW });
  await page.addInitScript((seed) => {
    if (localStorage.getItem("a11y-seeded")) return;
    for (const [k, v] of Object.entries(seed)) localStorage.setItem(k, typeof v === "string" ? v : JSON.stringify(v));
    localStorage.setItem("a11y-seeded", "1");
  }, SEED);
}

async function axe(page: Page, what: string) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as any).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      rules: { "target-size": { enabled: true } },
      resultTypes: ["violations"],
    }),
  );
  const violations = result.violations.map((v: any) => `${v.id}: ${v.help} — ${v.nodes.map((n: any) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(violations, `axe on ${what}`).toEqual([]);
}

// Screens, and the dialogs/panels that open on them.
const SCREENS: Array<[string, string, ((page: Page) => Promise<void>)?]> = [
  ["today", "/"],
  ["start editor", "/", async (p) => p.getByTestId("set-start").click()],
  ["slip form", "/", async (p) => p.getByTestId("slip").click()],
  ["log", "/log"],
  ["log entry editor", "/log", async (p) => p.getByTestId("log-entry").first().getByRole("button").first().click()],
  ["quick capture", "/log/new", async (p) => p.getByText("More: how you feel, when, where, notes").click()],
  ["insights", "/log/insights"],
  ["cope", "/cope"],
  ["breathing", "/cope", async (p) => {
    const box = p.locator('[data-strategy="box-breathing"]');
    await box.getByTestId("cope-start").click();
    await box.getByTestId("start-breathing").click();
  }],
  ["plan", "/plan"],
  ["plan walk-through", "/plan", async (p) => p.getByTestId("plan-guide-start").click()],
  ["help", "/help"],
  ["overdose guide", "/help/overdose"],
  ["craving SOS", "/sos"],
  ["settings", "/settings"],
  ["delete confirmation", "/settings", async (p) => p.getByTestId("delete-all").click()],
  ["backup waiting for confirmation", "/settings", async (p) => {
    await p.getByTestId("export-backup").click();
    await expect(p.getByTestId("backup-saved-confirm")).toBeVisible();
  }],
  ["set-aside copy shown, deleting", "/settings", async (p) => {
    await p.getByTestId("set-aside-view").click();
    await p.getByTestId("set-aside-delete").click();
    await expect(p.getByTestId("set-aside-delete-confirm")).toBeVisible();
  }],
  ["import preview", "/settings", async (p) => {
    const file = JSON.stringify({ format: "steady-backup", version: 1, exported_at: "2026-03-01T10:00:00", settings: {}, counters: { list: [] }, plan: {}, coping: {}, cravings: [] });
    await p.getByTestId("import-backup").setInputFiles({ name: "b.json", mimeType: "application/json", buffer: Buffer.from(file) });
    await expect(p.getByTestId("import-preview")).toBeVisible();
  }],
  ["paste my data preview", "/settings", async (p) => {
    const file = JSON.stringify({ format: "steady-backup", version: 1, exported_at: "2026-03-01T10:00:00", settings: {}, counters: { list: [] }, plan: {}, coping: {}, cravings: [] });
    await p.getByTestId("paste-data").fill(file);
    await p.getByTestId("paste-data-check").click();
    await expect(p.getByTestId("paste-preview")).toBeVisible();
  }],
  ["not found", "/nowhere"],
  // Last: from here on the page looks like a private Safari tab on an iPhone.
  ["iPhone Safari tab and private-window notes on Today", "/", async (p) => {
    await p.addInitScript(() => {
      const ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
      Object.defineProperty(Navigator.prototype, "userAgent", { get: () => ua, configurable: true });
      Object.defineProperty(Navigator.prototype, "standalone", { get: () => false, configurable: true });
      StorageManager.prototype.estimate = async () => ({ quota: 20 * 1024 * 1024, usage: 0 });
    });
    await p.reload();
    await expect(p.getByTestId("install-guide")).toBeVisible();
    await expect(p.getByTestId("private-note")).toBeVisible();
  }],
];

for (const colorScheme of ["light", "dark"] as const) {
  for (const width of [320, 390]) {
    test.describe(`${colorScheme}, ${width}px`, () => {
      test.use({ colorScheme, viewport: { width, height: 800 } });
      test(`every screen passes axe`, async ({ page }) => {
        test.setTimeout(120_000);
        await seeded(page);
        for (const [what, path, open] of SCREENS) {
          await openApp(page, path);
          if (open) await open(page);
          await axe(page, what);
          // Nothing may be wider than the screen.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `horizontal overflow on ${what}`).toBeLessThanOrEqual(0);
        }
      });
    });
  }
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
  await page.getByTestId("lock-passcode").fill("2468");
  await page.getByTestId("lock-passcode-again").fill("2468");
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

// Text zoom (Chromium's "font size" setting) scales the root font size; 200 % on a small phone.
for (const width of [320, 390]) {
  test(`text at 200 % fits every screen at ${width} px, with Get help whole`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    await seeded(page);
    for (const [what, path, open] of SCREENS) {
      await openApp(page, path);
      await page.evaluate(() => document.documentElement.style.setProperty("font-size", "200%", "important"));
      if (open) await open(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal overflow on ${what}`).toBeLessThanOrEqual(0);
      const help = await page.getByTestId("sos").boundingBox();
      expect(help!.x, `Get help on ${what}`).toBeGreaterThanOrEqual(0);
      expect(help!.x + help!.width, `Get help on ${what}`).toBeLessThanOrEqual(width);
    }
  });
}
