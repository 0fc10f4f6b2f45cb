import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { test, expect, openApp, waitForServiceWorker, watchOutsideRequests } from "./fixtures";

test("after one online visit the app, its data and deep links work offline", async ({ page, context }) => {
  await openApp(page, "/help");
  await waitForServiceWorker(page);
  await page.getByTestId("region-picker").selectOption("UK");

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("nav-today")).toBeVisible();
  await expect(page.getByTestId("helpline-uk-samaritans")).toBeVisible();

  // Every screen, including those whose code is split off and fetched on first opening.
  for (const path of ["/", "/log", "/log/new", "/log/insights", "/cope", "/plan", "/sos", "/help", "/help/overdose", "/shared", "/settings"]) {
    await page.goto(path);
    await expect(page.getByTestId("nav-today")).toBeVisible();
    await expect(page.locator("main h1").first()).toBeVisible();
    await expect(page.getByTestId("not-found")).toHaveCount(0);
    await expect(page.getByTestId("screen-failed")).toHaveCount(0);
  }
  await expect(page.getByTestId("region-picker")).toHaveValue("UK");
  await context.setOffline(false);
});

test("the service worker precaches every file of this build", async ({ page, request }) => {
  await openApp(page, "/");
  await waitForServiceWorker(page);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const steady = names.filter((n) => n.startsWith("steady-"));
    const cache = await caches.open(steady[0]);
    return { names: steady, urls: (await cache.keys()).map((r) => new URL(r.url).pathname).sort() };
  });
  expect(cached.names).toHaveLength(1);
  const html = await (await request.get("/")).text();
  const referenced = [...html.matchAll(/(?:href|src)="(\/[^"]+)"/g)].map((m) => m[1]);
  for (const url of [...referenced, "/index.html", "/manifest.webmanifest", "/icons/icon-512.png"]) {
    expect(cached.urls).toContain(url);
  }
  expect(cached.urls.some((u) => u.endsWith(".wasm"))).toBe(true);
});

test("the manifest describes an installable standalone app", async ({ request }) => {
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ short_name: "Steady", start_url: "/", scope: "/", display: "standalone" });
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.headers()["content-type"]).toBe("image/png");
  }
});

test("Chromium reports no installability errors", async ({ baseURL }, testInfo) => {
  // A persistent profile: the default incognito-like context always answers "in-incognito".
  const dir = mkdtempSync(join(tmpdir(), "steady-install-"));
  const context = await chromium.launchPersistentContext(dir, {
    ...testInfo.project.use.launchOptions,
    baseURL,
  });
  const outside = watchOutsideRequests(context);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await openApp(page, "/");
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
  expect(outside).toEqual([]);
});

test.describe("without a service worker", () => {
  test.use({ serviceWorkers: "block" });

  test("a screen whose code can't be fetched says so, and opens when tried again", async ({ page }) => {
    await openApp(page, "/");
    await page.route(/split_plan\.wasm$/, (route) => route.abort("internetdisconnected"));
    await page.getByTestId("nav-plan").click();
    await expect(page.getByTestId("screen-failed")).toBeVisible();
    await expect(page.getByTestId("screen-failed").getByRole("alert")).toContainText("Check your connection");
    // The rest of the app keeps working meanwhile.
    await page.getByTestId("nav-today").click();
    await expect(page.getByTestId("screen-failed")).toHaveCount(0);
    await page.getByTestId("nav-plan").click();
    await expect(page.getByTestId("screen-failed")).toBeVisible();

    // Help is one tap away from the failed screen.
    await page.getByTestId("screen-failed-help").click();
    await expect(page.getByTestId("helpline-us-988")).toBeVisible();
    await page.getByTestId("nav-plan").click();
    await expect(page.getByTestId("screen-failed")).toBeVisible();

    await page.unroute(/split_plan\.wasm$/);
    await page.getByTestId("screen-retry").click();
    await expect(page.getByTestId("plan-section-support")).toBeVisible();
    await expect(page.getByTestId("screen-failed")).toHaveCount(0);
  });

  test("a part of a screen whose code can't be fetched says so in its place, and shows when tried again", async ({ page }) => {
    await openApp(page, "/");
    await page.route(/split_counters\.wasm$/, (route) => route.abort("internetdisconnected"));
    await page.getByTestId("set-start").click();
    await page.getByTestId("start-date").fill("2026-01-01");
    await page.getByTestId("save-start").click();
    // The counter itself is there; only the list of counters (fetched once there is one) is missing.
    await expect(page.getByTestId("main-counter")).toBeVisible();
    await expect(page.getByTestId("part-failed")).toContainText("couldn't be fetched");
    await expect(page.getByTestId("counter-list")).toHaveCount(0);

    await page.unroute(/split_counters\.wasm$/);
    await page.getByTestId("part-retry").click();
    await expect(page.getByTestId("counter-list").getByTestId("counter-item")).toHaveCount(1);
    await expect(page.getByTestId("part-failed")).toHaveCount(0);
  });

  test("the lock screen's helplines don't wait for its passcode form", async ({ page }) => {
    await page.addInitScript(() => {
      localStorage.setItem(
        "steady.lock",
        JSON.stringify({ v: 1, data: { salt: "BwcHBwcHBwcHBwcHBwcHBw==", iterations: 600000, check: "steady-aes-gcm:AAAAAAAAAAAAAAAA:AAAA",
          generation: 1, idle_minutes: 5, region: "UK", numeric: true, failures: 0, wait_until_ms: 0 } }),
      );
    });
    await page.route(/split_lock\.wasm$/, (route) => route.abort("internetdisconnected"));
    await page.goto("/");
    const screen = page.getByTestId("lock-screen");
    await expect(screen.getByTestId("part-failed")).toBeVisible();
    await expect(screen.getByTestId("helpline-uk-samaritans")).toBeVisible();
    await expect(screen.getByTestId("lock-overdose")).toBeVisible();

    await page.unroute(/split_lock\.wasm$/);
    await screen.getByTestId("part-retry").click();
    await expect(screen.getByTestId("unlock-input")).toHaveAttribute("inputmode", "numeric");
    await expect(screen.getByTestId("part-failed")).toHaveCount(0);
  });

  test("a first visit fetches none of the split-off code, and Today never waits for it", async ({ page }) => {
    // Parts below Today's counter (the counter list, the streak history) are fetched only once
    // there is a counter; nothing the first screen shows may wait for them. Hold every
    // split-off file until Today is up.
    const fetched: string[] = [];
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    const held: (() => Promise<void>)[] = [];
    let holding = true;
    await page.route(/\/(split|chunk)_\w+\.wasm$/, (route) => (holding ? held.push(() => route.continue()) : route.continue()));
    await openApp(page, "/");
    await expect(page.getByTestId("set-start")).toBeVisible();
    await expect(page.getByTestId("nav-help")).toBeVisible();
    expect(fetched.filter((p) => /\/(split|chunk)_\w+\.wasm$/.test(p))).toEqual([]);
    holding = false;
    await Promise.all(held.map((go) => go()));
    await page.getByTestId("nav-log").click();
    await expect(page.locator("main h1").first()).toBeVisible();
    expect(fetched.some((p) => /\/split_log\.wasm$/.test(p))).toBe(true);
  });

  test("with a counter, Today shows it while the parts below it are still on their way", async ({ page }) => {
    await page.addInitScript(() => {
      localStorage.setItem("steady.counters", JSON.stringify({ v: 1, data: { list: [{ id: 1, name: "Clean time", start: { date: "2026-01-01" }, history: [] }], main: 1 } }));
    });
    const held: (() => Promise<void>)[] = [];
    let holding = true;
    await page.route(/\/(split|chunk)_\w+\.wasm$/, (route) => (holding ? held.push(() => route.continue()) : route.continue()));
    await openApp(page, "/");
    await expect(page.getByTestId("counter-days")).toBeVisible();
    await expect(page.getByTestId("counter-list")).toHaveCount(0);
    holding = false;
    await Promise.all(held.map((go) => go()));
    await expect(page.getByTestId("counter-list").getByTestId("counter-item")).toHaveCount(1);
  });

  test("quick capture fetches the log screen ahead, so saving opens it at once", async ({ page }) => {
    const logFetched = page.waitForResponse(/split_log\.wasm$/);
    await openApp(page, "/log/new");
    await logFetched;
    // Even with the network gone now, the save goes on to the log.
    await page.route(/\.wasm$/, (route) => route.abort("internetdisconnected"));
    await page.getByTestId("trigger-stress").click();
    await page.getByTestId("craving-save").click();
    await expect(page.getByTestId("log-entry")).toHaveCount(1);
    await expect(page.getByTestId("screen-failed")).toHaveCount(0);
  });

  test("a screen that is slow to arrive says it is opening, then shows", async ({ page }) => {
    await openApp(page, "/");
    await page.route(/split_cope\.wasm$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.getByTestId("nav-cope").click();
    await expect(page.getByTestId("screen-loading")).toBeVisible();
    await expect(page.getByTestId("screen-loading")).toHaveText("Opening…");
    await expect(page.getByTestId("screen-loading")).toHaveCount(0, { timeout: 10_000 });
    await expect(page.locator("main h1").first()).toBeVisible();
    await expect(page.getByTestId("screen-failed")).toHaveCount(0);
  });
});
