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
  expect(await stored(page, KEY)).toBe('{"v":1,"data":{"region":"UK"}}');
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
  await openApp(first, "/help");
  await openApp(second, "/help");
  await first.getByTestId("region-picker").selectOption("IE");
  await expect(second.getByTestId("helpline-ie-hse")).toBeVisible();
  await expect(second.getByTestId("region-picker")).toHaveValue("IE");
});
