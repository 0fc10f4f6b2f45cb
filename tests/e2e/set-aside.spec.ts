// Copies of unreadable data "kept aside": shown in Settings, carried by backups,
// restored beside what is there (never over it), and named by delete-all.
import { readFileSync } from "node:fs";
import { test, expect, openApp, snapshot } from "./fixtures";
import type { Page } from "@playwright/test";

const NOW = new Date("2026-11-23T15:00:00Z");
const RAW = 'not json at all ✓ {"v":1';

/** Damaged settings, set aside through the notice as a person would. */
async function setAsideSettings(page: Page) {
  await openApp(page, "/help");
  await page.evaluate((raw) => localStorage.setItem("steady.settings", raw), RAW);
  await page.reload();
  await page.getByTestId("set-aside").click();
  await expect(page.getByTestId("storage-problem")).toHaveCount(0);
}

const setAsideKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("steady.set-aside.")));

test("set-aside copies are listed in Settings to view, copy, download and delete", async ({ page, context }) => {
  await page.clock.install({ time: NOW });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openApp(page, "/settings");
  await expect(page.getByTestId("set-aside-list")).toHaveCount(0);
  await setAsideSettings(page);
  await page.getByTestId("nav-settings").click();
  const item = page.getByTestId("set-aside-item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("Your settings, set aside on 23 November 2026");

  await item.getByTestId("set-aside-view").click();
  await expect(item.getByTestId("set-aside-text")).toHaveValue(RAW);
  await item.getByTestId("set-aside-copy").click();
  await expect(item.getByTestId("set-aside-status")).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(RAW);

  const downloading = page.waitForEvent("download");
  await item.getByTestId("set-aside-download").click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^steady-set-aside-settings\.\d+\.txt$/);
  expect(readFileSync((await file.path())!, "utf8")).toBe(RAW);

  // Delete asks first.
  await item.getByTestId("set-aside-delete").click();
  expect(await setAsideKeys(page)).toHaveLength(1);
  await item.getByTestId("set-aside-delete-confirm").click();
  await expect(page.getByTestId("set-aside-item")).toHaveCount(0);
  await expect(page.getByTestId("set-aside-deleted")).toHaveText("Deleted. No data is set aside now.");
  await expect(page.locator("#set-aside-heading")).toBeFocused();
  expect(await setAsideKeys(page)).toEqual([]);
});

test("a backup carries set-aside copies and a restore puts them back aside, never over good data", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await setAsideSettings(page);
  await page.getByTestId("region-picker").selectOption("UK");
  const keys = await setAsideKeys(page);
  expect(keys).toHaveLength(1);

  await page.getByTestId("nav-settings").click();
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-backup").click();
  const text = readFileSync((await (await downloading).path())!, "utf8");
  const file = JSON.parse(text);
  expect(file.version).toBe(2);
  expect(file.set_aside).toEqual([{ name: keys[0].replace("steady.set-aside.", ""), text: RAW }]);

  // Delete-all says it removes them, and does.
  await page.getByTestId("delete-all").click();
  await expect(page.getByTestId("settings")).toContainText("set-aside copies of data that couldn't be read");
  await page.getByTestId("delete-all-input").fill("DELETE");
  await page.getByTestId("delete-all-confirm").click();
  expect(await snapshot(page)).toEqual({});

  // Good data on this phone first; the restore must not touch it with the copy.
  await page.getByTestId("region-picker").selectOption("IE");
  await page.getByTestId("import-backup").setInputFiles({ name: "b.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.getByTestId("import-preview")).toContainText("1 set-aside copy of data that couldn't be read");
  await page.getByTestId("import-mode-merge").check();
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  const after = await snapshot(page);
  expect(after[keys[0]]).toBe(RAW);
  expect(JSON.parse(after["steady.settings"]).data.region).toBe("IE");
  await expect(page.getByTestId("set-aside-item")).toHaveCount(1);
  await expect(page.getByTestId("storage-problem")).toHaveCount(0);

  // Restoring the same file again (replace) doesn't double the copy.
  await page.getByTestId("import-backup").setInputFiles({ name: "b.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  expect(await setAsideKeys(page)).toEqual(keys);
});

test("the committed version 1 backup still restores", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/settings");
  await page.getByTestId("import-backup").setInputFiles("tests/fixtures/backup-v1.json");
  await expect(page.getByTestId("import-preview")).toContainText("50 cravings");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  expect(await setAsideKeys(page)).toEqual([]);
});
