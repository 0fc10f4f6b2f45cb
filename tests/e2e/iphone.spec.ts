// Safari on iPhone and iPad (simulated in Chromium: the user agent, navigator.standalone,
// touch points): the card about adding Steady to the Home Screen, moving the data from the
// Safari tab into the Home Screen app (which has storage of its own), and the note for a
// window that looks private.
import { test, expect, openApp, snapshot, stored, fillSomeData, watchOutsideRequests } from "./fixtures";
import type { Browser, BrowserContext, Page } from "@playwright/test";

const NOW = new Date("2026-11-23T15:00:00Z");
const IPHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
// iPadOS asks for desktop sites: it says it is a Mac.
const IPAD_UA =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

type Device = { userAgent?: string; standalone?: boolean; touchPoints?: number };
const SAFARI_TAB: Device = { userAgent: IPHONE_UA, standalone: false, touchPoints: 5 };
const HOME_SCREEN_APP: Device = { userAgent: IPHONE_UA, standalone: true, touchPoints: 5 };

/** Makes the page look like Safari on an iPhone or iPad (the user agent itself is set on the context). */
async function simulate(target: Page | BrowserContext, device: Device) {
  await target.addInitScript(({ standalone, touchPoints }) => {
    if (standalone !== undefined) Object.defineProperty(Navigator.prototype, "standalone", { get: () => standalone, configurable: true });
    if (touchPoints !== undefined) Object.defineProperty(Navigator.prototype, "maxTouchPoints", { get: () => touchPoints, configurable: true });
    // What was put on the clipboard, readable by the test.
    Clipboard.prototype.writeText = async function (text: string) {
      (window as any).copied = text;
    };
  }, device);
}

/** A second, separate browser profile (its own storage): another device, or the Home Screen app. */
async function openDevice(browser: Browser, device: Device, outside: string[][]) {
  const context = await browser.newContext({ userAgent: device.userAgent });
  outside.push(watchOutsideRequests(context));
  await simulate(context, device);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.clock.install({ time: NOW });
  return { context, page, errors };
}

async function setStart(page: Page, date = "2026-10-01") {
  await page.getByTestId("set-start").click();
  await page.getByTestId("start-date").fill(date);
  await page.getByTestId("save-start").click();
  await expect(page.getByTestId("counter-days")).toBeVisible();
}

test.describe("Safari in a tab on an iPhone", () => {
  test.use({ userAgent: IPHONE_UA });

  test("after the first entry a card says how to keep the data; Got it is remembered", async ({ page }) => {
    await simulate(page, SAFARI_TAB);
    await page.clock.install({ time: NOW });
    await openApp(page, "/");
    // Nothing is stored yet: nothing to lose.
    await expect(page.getByTestId("set-start")).toBeVisible();
    await expect(page.getByTestId("install-guide")).toHaveCount(0);
    await setStart(page);
    const card = page.getByTestId("install-guide");
    await expect(card).toBeVisible();
    await expect(card).toContainText("about a week");
    await expect(card).toContainText("Add to Home Screen");
    await expect(card).toContainText("once while you're online");
    await expect(card).toContainText("starts empty");
    await expect(card.getByRole("heading")).toHaveText("Keep what you write here");
    for (const target of [card.getByTestId("install-guide-move"), card.getByTestId("install-guide-dismiss")]) {
      const box = (await target.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
    }

    await card.getByTestId("install-guide-dismiss").click();
    await expect(page.getByTestId("install-guide")).toHaveCount(0);
    expect(JSON.parse((await stored(page, "steady.settings"))!).data.install_guide_dismissed).toBe(true);
    await page.reload();
    await expect(page.getByTestId("counter-days")).toBeVisible();
    await expect(page.getByTestId("install-guide")).toHaveCount(0);
  });

  test("the card leads to the guide for moving the data", async ({ page }) => {
    await simulate(page, SAFARI_TAB);
    await page.clock.install({ time: NOW });
    await openApp(page, "/");
    await setStart(page);
    await page.getByTestId("install-guide-move").click();
    await expect(page).toHaveURL(/\/settings#move-data$/);
    const section = page.getByTestId("move-data");
    await expect(section).toBeVisible();
    await expect(section).toBeInViewport();
    await expect(section).toContainText("starts empty");
    await expect(section.getByTestId("copy-data")).toBeVisible();
  });

  test("a plan item alone is enough to show the card", async ({ page }) => {
    await simulate(page, SAFARI_TAB);
    await openApp(page, "/plan");
    const reasons = page.getByTestId("plan-section-reasons");
    await reasons.getByTestId("plan-new-text").fill("My kids");
    await reasons.getByTestId("plan-add-item").click();
    await expect(page.getByTestId("plan-saved")).toContainText("Saved");
    await page.getByTestId("nav-today").click();
    await expect(page.getByTestId("install-guide")).toBeVisible();
  });

  test("opened from the Home Screen there is no card", async ({ page }) => {
    await simulate(page, HOME_SCREEN_APP);
    await openApp(page, "/");
    await setStart(page);
    await page.reload();
    await expect(page.getByTestId("counter-days")).toBeVisible();
    await expect(page.getByTestId("install-guide")).toHaveCount(0);
  });
});

test.describe("Safari in a tab on an iPad", () => {
  test.use({ userAgent: IPAD_UA });

  test("an iPad, which says it is a Mac, gets the card after a craving is logged", async ({ page }) => {
    await simulate(page, { standalone: false, touchPoints: 5 });
    await openApp(page, "/log/new");
    await page.getByTestId("trigger-stress").click();
    await page.getByTestId("craving-save").click();
    await expect(page.getByTestId("flash")).toBeVisible();
    await page.getByTestId("nav-today").click();
    await expect(page.getByTestId("install-guide")).toBeVisible();
  });

  test("a Mac (no touch screen) gets no card", async ({ page }) => {
    await simulate(page, { standalone: false, touchPoints: 0 });
    await openApp(page, "/");
    await setStart(page);
    await page.reload();
    await expect(page.getByTestId("counter-days")).toBeVisible();
    await expect(page.getByTestId("install-guide")).toHaveCount(0);
  });
});

test("a desktop browser gets no card and no private-window note", async ({ page }) => {
  await openApp(page, "/");
  await setStart(page);
  await page.reload();
  await expect(page.getByTestId("counter-days")).toBeVisible();
  await expect(page.getByTestId("install-guide")).toHaveCount(0);
  await expect(page.getByTestId("private-note")).toHaveCount(0);
});

test.describe("moving the data from the Safari tab to the Home Screen app", () => {
  test.use({ userAgent: IPHONE_UA });

  test("copy and paste: the same data arrives, checked and previewed first", async ({ page, browser }) => {
    await simulate(page, SAFARI_TAB);
    await page.clock.install({ time: NOW });
    await fillSomeData(page);
    const before = await snapshot(page);
    await page.goto("/settings");
    await page.getByTestId("copy-data").click();
    await expect(page.getByTestId("copy-status")).toContainText("Copied");
    const block: string = await page.evaluate(() => (window as any).copied);
    expect(block).toMatch(/^My Steady data\. .*\nSTEADY-DATA 1 \d+ [0-9a-f]{8}\n[A-Za-z0-9+/=]+\n$/);

    const outside: string[][] = [];
    const app = await openDevice(browser, HOME_SCREEN_APP, outside);
    await openApp(app.page, "/settings");
    expect(await snapshot(app.page)).toEqual({});
    await app.page.getByTestId("paste-data").fill(block);
    await app.page.getByTestId("paste-data-check").click();
    const preview = app.page.getByTestId("paste-preview");
    await expect(preview).toContainText("1 counter and 1 earlier streak");
    await expect(preview).toContainText("2 cravings");
    await expect(preview).toContainText("1 plan item");
    // Nothing is written before the person confirms.
    expect(await snapshot(app.page)).toEqual({});
    await app.page.getByTestId("paste-confirm").click();
    await expect(app.page.getByTestId("paste-status")).toContainText("restored");
    expect(await snapshot(app.page)).toEqual(before);
    await app.page.getByTestId("nav-today").click();
    await expect(app.page.getByTestId("counter-days")).toHaveText("22 days");
    await expect(app.page.getByTestId("install-guide")).toHaveCount(0);
    expect(app.errors).toEqual([]);
    expect(outside.flat()).toEqual([]);
    await app.context.close();
  });

  test("a paste cut short or changed is refused with a clear message and nothing changes", async ({ page, browser }) => {
    await simulate(page, SAFARI_TAB);
    await page.clock.install({ time: NOW });
    await fillSomeData(page);
    await page.goto("/settings");
    await page.getByTestId("copy-data").click();
    await expect(page.getByTestId("copy-status")).toContainText("Copied");
    const block: string = await page.evaluate(() => (window as any).copied);

    const outside: string[][] = [];
    const app = await openDevice(browser, HOME_SCREEN_APP, outside);
    await openApp(app.page, "/");
    await setStart(app.page, "2026-11-20");
    await app.page.goto("/settings");
    const before = await snapshot(app.page);
    expect(Object.keys(before)).toContain("steady.counters");

    const lastLine = block.trimEnd().lastIndexOf("\n") + 1;
    const changed = block.slice(0, lastLine + 20) + (block[lastLine + 20] === "A" ? "B" : "A") + block.slice(lastLine + 21);
    const cases: Array<[string, string, string]> = [
      ["cut in half", block.slice(0, Math.floor(block.length / 2)), "cut short"],
      ["last characters missing", block.trimEnd().slice(0, -3), "cut short"],
      ["changed", changed, "changed on the way"],
      ["something else", "Meet at 6 by the library", "doesn't look like data copied from Steady"],
      ["a broken backup file", '{"format":"steady-backup","version":1,"settings":{', "cut short"],
    ];
    for (const [what, text, message] of cases) {
      await app.page.getByTestId("paste-data").fill(text);
      await app.page.getByTestId("paste-data-check").click();
      await expect(app.page.getByTestId("paste-error"), what).toContainText(message);
      await expect(app.page.getByTestId("paste-error"), what).toContainText("Nothing was changed.");
      await expect(app.page.getByTestId("paste-preview"), what).toHaveCount(0);
      expect(await snapshot(app.page), what).toEqual(before);
    }
    // The whole block still works, and merging keeps what was there.
    await app.page.getByTestId("paste-data").fill(block);
    await app.page.getByTestId("paste-data-check").click();
    await expect(app.page.getByTestId("paste-error")).toBeEmpty();
    await app.page.getByTestId("paste-mode-merge").check();
    await app.page.getByTestId("paste-confirm").click();
    await expect(app.page.getByTestId("paste-status")).toContainText("restored");
    const counters = JSON.parse((await stored(app.page, "steady.counters"))!).data.list;
    expect(counters).toHaveLength(2);
    expect(app.errors).toEqual([]);
    expect(outside.flat()).toEqual([]);
    await app.context.close();
  });

  test("a backup sent through the share sheet to Files is restored in the Home Screen app", async ({ page, browser }) => {
    await simulate(page, SAFARI_TAB);
    // The share sheet: "Save to Files" keeps the file.
    await page.addInitScript(() => {
      (navigator as any).canShare = (data: any) => Array.isArray(data?.files);
      (navigator as any).share = async (data: any) => {
        const file: File = data.files[0];
        (window as any).savedToFiles = { name: file.name, text: await file.text() };
      };
    });
    await page.clock.install({ time: NOW });
    await fillSomeData(page);
    const before = await snapshot(page);
    await page.goto("/settings#move-data");
    await expect(page.getByTestId("move-data")).toContainText("Save to Files");
    await page.getByTestId("share-backup").click();
    await expect(page.getByTestId("export-status")).toContainText("Backup shared");
    const file: { name: string; text: string } = await page.evaluate(() => (window as any).savedToFiles);
    // The backup itself now counts as made, so `last_backup` is part of what moves.
    const sent = await snapshot(page);

    const outside: string[][] = [];
    const app = await openDevice(browser, HOME_SCREEN_APP, outside);
    await openApp(app.page, "/settings");
    await app.page.getByTestId("import-backup").setInputFiles({ name: file.name, mimeType: "application/json", buffer: Buffer.from(file.text) });
    await expect(app.page.getByTestId("import-preview")).toContainText("2 cravings");
    await app.page.getByTestId("import-confirm").click();
    await expect(app.page.getByTestId("import-status")).toContainText("restored");
    const arrived = await snapshot(app.page);
    expect(Object.keys(arrived)).toEqual(Object.keys(before));
    for (const key of Object.keys(before).filter((k) => k !== "steady.settings")) expect(arrived[key], key).toEqual(sent[key]);
    expect(app.errors).toEqual([]);
    expect(outside.flat()).toEqual([]);
    await app.context.close();
  });

  test("where the browser won't copy, the text is shown to copy by hand", async ({ page }) => {
    await simulate(page, SAFARI_TAB);
    await page.addInitScript(() => {
      Clipboard.prototype.writeText = () => Promise.reject(new DOMException("Not allowed", "NotAllowedError"));
    });
    await openApp(page, "/");
    await setStart(page);
    await page.goto("/settings");
    await page.getByTestId("copy-data").click();
    await expect(page.getByTestId("copy-status")).toContainText("copy it yourself");
    await expect(page.getByTestId("copy-data-text")).toHaveValue(/STEADY-DATA 1 /);
  });
});

test.describe("a window that looks private", () => {
  test("says once that nothing will be kept after the tab closes", async ({ page }) => {
    // A private window's small, in-memory storage allowance.
    await page.addInitScript(() => {
      StorageManager.prototype.estimate = async () => ({ quota: 20 * 1024 * 1024, usage: 0 });
    });
    await openApp(page, "/");
    const note = page.getByTestId("private-note");
    await expect(note).toContainText("looks like a private window");
    await expect(note).toContainText("nothing you enter will be kept after this tab closes");
    await note.getByTestId("private-note-dismiss").click();
    await expect(note).toHaveCount(0);
    await page.getByTestId("nav-help").click();
    await page.getByTestId("nav-today").click();
    await expect(page.getByTestId("set-start")).toBeVisible();
    await expect(note).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("set-start")).toBeVisible();
    await page.waitForTimeout(300);
    await expect(note).toHaveCount(0);
  });

  test("where storage refuses every write, it says so and is put away without a failed save", async ({ page }) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    await openApp(page, "/");
    const note = page.getByTestId("private-note");
    await expect(note).toBeVisible();
    await note.getByTestId("private-note-dismiss").click();
    await expect(note).toHaveCount(0);
    await expect(page.getByTestId("save-error")).toHaveCount(0);
    await page.getByTestId("nav-help").click();
    await page.getByTestId("nav-today").click();
    await expect(page.getByTestId("set-start")).toBeVisible();
    await page.waitForTimeout(300);
    await expect(note).toHaveCount(0);
  });
});
