import { test, expect, openApp, stored } from "./fixtures";

const KEY = "steady.settings";

async function plant(page, raw: string) {
  await openApp(page, "/help");
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, raw]);
  await page.reload();
  await expect(page.getByTestId("nav-today")).toBeVisible();
}

test("corrupted data is shown as a message and left byte for byte", async ({ page }) => {
  const raw = '{"v":1,"data":{"region":"UK"';
  await plant(page, raw);
  const problem = page.getByTestId("storage-problem");
  await expect(problem).toBeVisible();
  await expect(problem).toContainText("couldn't read your settings");
  await expect(problem).toContainText("Nothing has been deleted");
  await expect(page.getByTestId("storage-problem-raw")).toHaveValue(raw);

  // Changing the region works on screen but is not written over the damaged data.
  await page.getByTestId("region-picker").selectOption("AU");
  await expect(page.getByTestId("helpline-au-lifeline")).toBeVisible();
  await expect(page.getByTestId("save-error")).toContainText("Not saved");
  expect(await stored(page, KEY)).toBe(raw);

  await page.reload();
  await expect(page.getByTestId("storage-problem")).toBeVisible();
  expect(await stored(page, KEY)).toBe(raw);
});

test("data from a newer version is not overwritten", async ({ page }) => {
  const raw = '{"v":99,"data":{"region":"IE","future":[1,2,3]}}';
  await plant(page, raw);
  await expect(page.getByTestId("storage-problem")).toContainText("newer version of Steady");
  // Only reloading and copying are offered: setting it aside would put old-format data in its place.
  await expect(page.getByTestId("problem-reload")).toBeVisible();
  await expect(page.getByTestId("set-aside")).toHaveCount(0);
  await page.getByTestId("region-picker").selectOption("CA");
  await expect(page.getByTestId("save-error")).toContainText("Not saved");
  expect(await stored(page, KEY)).toBe(raw);
});

test("setting damaged data aside keeps a verbatim copy and saves again", async ({ page }) => {
  const raw = "not json at all ✓";
  await plant(page, raw);
  await page.getByTestId("region-picker").selectOption("UK");
  await page.getByTestId("set-aside").click();
  await expect(page.getByTestId("storage-problem")).toHaveCount(0);
  await expect(page.getByTestId("save-error")).toHaveCount(0);
  const copies = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("steady.set-aside.steady.settings."))
      .map((k) => localStorage.getItem(k)),
  );
  expect(copies).toEqual([raw]);
  expect(await stored(page, KEY)).toBe('{"v":2,"data":{"region":"UK","region_chosen":true}}');
});

test("a failed save is shown and the choice stays on screen", async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await openApp(page, "/help");
  await page.getByTestId("region-picker").selectOption("AU");
  await expect(page.getByTestId("save-error")).toContainText("Not saved");
  await expect(page.getByTestId("region-picker")).toHaveValue("AU");
  await expect(page.getByTestId("helpline-au-lifeline")).toBeVisible();
  expect(await stored(page, KEY)).toBeNull();
});

test("a change in one tab shows up in another open tab", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  // Coping prompts are ranked partly by time of day.
  const now = new Date("2026-11-23T15:00:00Z");
  await first.clock.install({ time: now });
  await second.clock.install({ time: now });
  await openApp(first, "/help");
  await openApp(second, "/help");
  await first.getByTestId("region-picker").selectOption("IE");
  await expect(second.getByTestId("helpline-ie-hse")).toBeVisible();
  await expect(second.getByTestId("region-picker")).toHaveValue("IE");

  // Documents read on first use (coping) keep in step too.
  await first.getByTestId("nav-cope").click();
  await second.getByTestId("nav-cope").click();
  const tidy = (page) => page.locator('[data-testid="cope-card"][data-strategy="tidy"]');
  await expect(second.getByTestId("cope-card").first()).toHaveAttribute("data-strategy", "box-breathing");
  await tidy(first).getByTestId("cope-start").click();
  await tidy(first).getByTestId("cope-done").click();
  await tidy(first).getByTestId("helped-yes").click();
  await expect(tidy(first).getByTestId("helped-thanks")).toBeVisible();
  await expect(second.getByTestId("cope-card").first()).toHaveAttribute("data-strategy", "tidy");

  // The craving log too: a month changed in one tab is read again in the other.
  await first.goto("/log/new");
  await second.getByTestId("nav-log").click();
  await expect(second.getByTestId("log-empty")).toBeVisible();
  await first.getByTestId("trigger-stress").click();
  await first.getByTestId("craving-save").click();
  await expect(second.getByTestId("log-entry")).toHaveCount(1);
});

test("damaged coping data is reported when its screen first reads it, and never written over", async ({ page }) => {
  const raw = '{"v":1,"data":{"ratings":[{"strategy":';
  await openApp(page, "/help");
  await page.evaluate((v) => localStorage.setItem("steady.coping", v), raw);
  await page.reload();
  await expect(page.getByTestId("nav-today")).toBeVisible();
  // Read only once a screen that uses it opens.
  await page.getByTestId("nav-cope").click();
  const problem = page.getByTestId("storage-problem");
  await expect(problem).toContainText("your coping strategies and ratings");
  await expect(page.getByTestId("storage-problem-raw")).toHaveValue(raw);

  const tidy = page.locator('[data-testid="cope-card"][data-strategy="tidy"]');
  await tidy.getByTestId("cope-start").click();
  await tidy.getByTestId("cope-done").click();
  await tidy.getByTestId("helped-yes").click();
  await expect(page.getByTestId("save-error")).toContainText("Not saved");
  expect(await stored(page, "steady.coping")).toBe(raw);

  // Set aside on request: the copy is kept and what is on screen is stored.
  await page.getByTestId("set-aside").click();
  await expect(page.getByTestId("storage-problem")).toHaveCount(0);
  const data = JSON.parse((await stored(page, "steady.coping"))!).data;
  expect(data.ratings).toEqual([expect.objectContaining({ strategy: "tidy", helped: "yes" })]);
});
