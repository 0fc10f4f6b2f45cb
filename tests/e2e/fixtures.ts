// Shared test set-up. Every test gets a guard that fails it if any request left
// 127.0.0.1: Steady never talks to anyone but its own origin.
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

export { expect };

/** Starts recording requests that go anywhere but 127.0.0.1; returns the live list. */
export function watchOutsideRequests(context: BrowserContext): string[] {
  const outside: string[] = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    const network = ["http:", "https:", "ws:", "wss:"].includes(url.protocol);
    if (network && url.hostname !== "127.0.0.1") outside.push(request.url());
  });
  return outside;
}

export const test = base.extend<{ originGuard: void }>({
  originGuard: [
    async ({ context }, use) => {
      const outside = watchOutsideRequests(context);
      // A Rust panic shows up as an uncaught error ("unreachable"): it must never happen.
      const errors: string[] = [];
      context.on("weberror", (e) => errors.push(String(e.error())));
      // The release build's Content-Security-Policy must never have to block anything.
      context.on("console", (m) => {
        if (/Content.Security.Policy/i.test(m.text())) errors.push(m.text());
      });
      await use();
      expect(outside, "requests that left 127.0.0.1").toEqual([]);
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

/** Opens a route and waits until the app (not the static shell) has mounted. */
export async function openApp(page: Page, path = "/") {
  await page.goto(path);
  await expect(page.getByTestId("nav-today")).toBeVisible();
  await expect(page.getByTestId("static-shell")).toHaveCount(0);
  // A split-off screen may still be arriving (its placeholder is in the page until it has).
  await expect(page.getByTestId("screen-loading")).toHaveCount(0);
}

/** Stores these localStorage entries before the app first starts (not again on reloads). */
export async function plant(page: Page, data: Record<string, string>) {
  await page.addInitScript((data) => {
    if (localStorage.getItem("planted")) return;
    for (const [k, v] of Object.entries(data)) localStorage.setItem(k, v);
    localStorage.setItem("planted", "1");
  }, data);
}

/** Two tabs of Steady side by side, each opened at `path` with its clock at `time`. */
export async function twoTabs(context: BrowserContext, path: string, time: Date): Promise<[Page, Page]> {
  const tabs: Page[] = [];
  for (let i = 0; i < 2; i++) {
    const tab = await context.newPage();
    await tab.clock.install({ time });
    await openApp(tab, path);
    tabs.push(tab);
  }
  return [tabs[0], tabs[1]];
}

/** The raw text stored under a localStorage key, or null. */
export function stored(page: Page, key: string): Promise<string | null> {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** Waits until a service worker controls the page (after the first visit). */
export async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          if (navigator.serviceWorker.controller) resolve();
          navigator.serviceWorker.addEventListener("controllerchange", () => resolve());
        }),
    );
  }
}

/** Every Steady key in localStorage, exactly as stored. */
export const snapshot = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("steady.")).sort().map((k) => [k, localStorage.getItem(k)])),
  );

/** A counter with a slip, two cravings and a plan item, entered through the app. */
export async function fillSomeData(page: Page) {
  await openApp(page, "/");
  await page.getByTestId("set-start").click();
  await page.getByTestId("start-date").fill("2026-10-01");
  await page.getByTestId("save-start").click();
  await page.getByTestId("slip").click();
  await page.getByTestId("slip-note").fill("Old friend, old habits.");
  await page.getByTestId("slip-date").fill("2026-11-01");
  await page.getByTestId("slip-confirm").click();
  for (const trigger of ["stress", "people"]) {
    await page.goto("/log/new");
    await page.getByTestId(`trigger-${trigger}`).click();
    await page.getByTestId("craving-save").click();
    await expect(page.getByTestId("flash")).toBeVisible();
  }
  await page.goto("/plan");
  const reasons = page.getByTestId("plan-section-reasons");
  await reasons.getByTestId("plan-new-text").fill("My kids");
  await reasons.getByTestId("plan-add-item").click();
  await expect(page.getByTestId("plan-saved")).toContainText("Saved");
}

// With the passcode lock: compressed, then sealed bound to the opaque name it is stored under
// (every engine has CompressionStream)...
export const SEALED = /^steady-aes-gcm:n:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/=]+$/;
// ...a name that doesn't say which document it holds.
export const HIDDEN = /^steady\.x-\d+\.[A-Za-z0-9+/]{20}$/;

/** Stored data without the lock's own record. */
export const dataOnly = (all: Record<string, string>) =>
  Object.fromEntries(Object.entries(all).filter(([k]) => k !== "steady.lock"));

/** Whether every stored document is sealed, under a name that says nothing of it. */
export const allHidden = (all: Record<string, string>) =>
  Object.entries(dataOnly(all)).every(([k, v]) => HIDDEN.test(k) && SEALED.test(v));
