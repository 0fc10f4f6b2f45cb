import { test, expect, openApp, watchOutsideRequests } from "./fixtures";

const SCREENS = [
  { tab: "nav-today", path: "/", heading: "Today" },
  { tab: "nav-log", path: "/log", heading: "Craving log" },
  { tab: "nav-cope", path: "/cope", heading: "Ways to cope" },
  { tab: "nav-plan", path: "/plan", heading: "My plan" },
  { tab: "nav-help", path: "/help", heading: "Get help now" },
];

test("bottom navigation reaches every screen and marks the current one", async ({ page }) => {
  await openApp(page, "/");
  for (const screen of SCREENS) {
    await page.getByTestId(screen.tab).click();
    await expect(page).toHaveURL(screen.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(screen.heading);
    await expect(page.getByTestId(screen.tab)).toHaveAttribute("aria-current", "page");
  }
  await page.getByTestId("nav-settings").click();
  await expect(page).toHaveURL("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
});

test("the Get help button is on every screen and opens Help in one tap", async ({ page }) => {
  for (const path of ["/", "/log", "/cope", "/plan", "/settings", "/help/overdose", "/no-such-page"]) {
    await openApp(page, path);
    await page.getByTestId("sos").click();
    await expect(page).toHaveURL("/help");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Get help now");
    await expect(page.locator('a[href="tel:911"]').first()).toBeVisible();
  }
});

test("deep links work on reload", async ({ page }) => {
  for (const path of ["/log", "/plan", "/settings", "/help/overdose"]) {
    await openApp(page, path);
    await page.reload();
    await expect(page).toHaveURL(path);
    await expect(page.getByTestId("nav-today")).toBeVisible();
    await expect(page.getByTestId("not-found")).toHaveCount(0);
  }
});

test("an unknown path shows a friendly page with a way home", async ({ page }) => {
  await openApp(page, "/this/does/not/exist");
  await expect(page.getByTestId("not-found")).toBeVisible();
  await page.getByRole("link", { name: "Go to Today" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("today")).toBeVisible();
});

test("with JavaScript off, the static page still offers the helplines", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const outside = watchOutsideRequests(context);
  const page = await context.newPage();
  await page.goto("/help");
  await expect(page.getByRole("link", { name: "Steady" })).toBeVisible();
  await expect(page.getByTestId("shell-988")).toHaveAttribute("href", "tel:988");
  await expect(page.getByTestId("shell-988")).toContainText("988");
  await expect(page.getByTestId("shell-samhsa")).toHaveAttribute("href", "tel:+18006624357");
  await expect(page.getByTestId("shell-samhsa")).toContainText("1-800-662-4357");
  await context.close();
  expect(outside).toEqual([]);
});

test("the app takes over from the static shell without moving the frame", async ({ page }) => {
  // Hold the wasm back so the static shell can be measured first.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/help");
  const shellHeader = await page.locator(".topbar").boundingBox();
  const shellNav = await page.locator(".tabbar").boundingBox();
  await expect(page.getByTestId("static-shell")).toBeVisible();
  release();
  await expect(page.getByTestId("static-shell")).toHaveCount(0);
  await expect(page.getByTestId("nav-today")).toBeVisible();
  expect(await page.locator(".topbar").boundingBox()).toEqual(shellHeader);
  expect(await page.locator(".tabbar").boundingBox()).toEqual(shellNav);
});

test("the first screen is built behind the shell and shown whole", async ({ page }) => {
  // Whenever the page changes while the shell is there, nothing of the app may be seen;
  // when the shell goes, the whole of Today (cards included) must already be there.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as any).startupSeen = seen;
    let shellParsed = false;
    new MutationObserver(() => {
      const shell = document.getElementById("shell");
      shellParsed ||= !!shell;
      const frame = document.querySelector(".app-frame");
      if (shell && frame && getComputedStyle(frame).display !== "none") seen.push("app seen beside the shell");
      if (shellParsed && !shell && !seen.includes("shell gone")) {
        seen.push("shell gone");
        for (const id of ["today", "set-start", "checkin-open", "craving-sos", "nav-today"]) {
          const el = document.querySelector(`[data-testid="${id}"]`);
          if (!el || el.getClientRects().length === 0) seen.push(`${id} missing when shown`);
        }
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.goto("/");
  await expect(page.getByTestId("static-shell")).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).startupSeen)).toEqual(["shell gone"]);
});

test("a new screen starts at its top, with focus on the content", async ({ page }) => {
  await openApp(page, "/help");
  await page.locator("main").evaluate((m) => (m.scrollTop = 10_000));
  expect(await page.locator("main").evaluate((m) => m.scrollTop)).toBeGreaterThan(0);
  await page.getByTestId("nav-plan").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My plan");
  expect(await page.locator("main").evaluate((m) => m.scrollTop)).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
});

test("links move between screens without reloading; back and forward work", async ({ page }) => {
  await openApp(page, "/");
  // A marker on the page would be lost by a full reload.
  await page.evaluate(() => ((window as any).samePage = true));
  await page.getByTestId("nav-log").click();
  await page.getByTestId("nav-cope").click();
  await expect(page.getByTestId("cope")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL("/log");
  await expect(page.getByTestId("log")).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
  await page.goForward();
  await expect(page.getByTestId("log")).toBeVisible();
  expect(await page.evaluate(() => (window as any).samePage)).toBe(true);

  // A link to a part of another screen opens that screen at that part.
  await page.getByTestId("nav-help").click();
  await page.getByTestId("support-empty").getByRole("link", { name: "your plan" }).click();
  await expect(page).toHaveURL("/plan#plan-support");
  await expect(page.getByTestId("plan-section-support")).toBeInViewport();
  expect(await page.evaluate(() => (window as any).samePage)).toBe(true);
});

test("a trailing slash opens the same screen", async ({ page }) => {
  await openApp(page, "/log/");
  await expect(page.getByTestId("log")).toBeVisible();
  await expect(page.getByTestId("nav-log")).toHaveAttribute("aria-current", "page");
});
