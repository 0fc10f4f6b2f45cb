import { readFileSync } from "node:fs";
import { test, expect, openApp, snapshot, fillSomeData, plant } from "./fixtures";
import type { Page } from "@playwright/test";

const NOW = new Date("2026-11-23T15:00:00Z");

/** A counter started on `date`, planted before the app loads (kept across reloads). */
async function counterSince(page: Page, date: string) {
  await page.addInitScript((date) => {
    if (!localStorage.getItem("steady.counters"))
      localStorage.setItem("steady.counters", JSON.stringify({ v: 1, data: { list: [{ id: 1, name: "Clean time", start: { date }, history: [] }], main: 1 } }));
  }, date);
}

async function upload(page: Page, name: string, content: string | Buffer) {
  await page.getByTestId("import-backup").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
}

/** The text of a backup file made in Settings now. */
async function downloadBackup(page: Page): Promise<string> {
  await page.goto("/settings");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-backup").click();
  return readFileSync((await (await downloading).path())!, "utf8");
}

test("export, delete everything, import: the same data comes back", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await fillSomeData(page);
  const before = await snapshot(page);
  expect(Object.keys(before)).toEqual(["steady.counters", "steady.log.2026-11", "steady.plan", "steady.settings"].filter((k) => k in before));

  await page.goto("/settings");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-backup").click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe("steady-backup-2026-11-23.json");
  const text = readFileSync((await file.path())!, "utf8");
  expect(JSON.parse(text)).toMatchObject({ format: "steady-backup", version: 1 });

  await page.getByTestId("delete-all").click();
  await expect(page.getByTestId("delete-all-confirm")).toBeDisabled();
  await page.getByTestId("delete-all-input").fill("DELETE");
  await page.getByTestId("delete-all-confirm").click();
  await expect(page.getByTestId("delete-status")).toContainText("deleted");
  expect(await snapshot(page)).toEqual({});

  await upload(page, "steady-backup-2026-11-23.json", text);
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("1 counter and 1 earlier streak");
  await expect(preview).toContainText("2 cravings, from 23 November 2026 to 23 November 2026");
  await expect(preview).toContainText("1 plan item");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  expect(await snapshot(page)).toEqual(before);

  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("counter-days")).toHaveText("22 days");
  await expect(page.getByTestId("longest-streak")).toHaveText("31 days");
  await page.getByTestId("nav-log").click();
  await expect(page.getByTestId("log-entry")).toHaveCount(2);
});

test("merge keeps what is on the device and adds the backup", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await fillSomeData(page);
  const text = await downloadBackup(page);
  // Add one more craving after the backup was made.
  await page.goto("/log/new");
  await page.getByTestId("trigger-pain").click();
  await page.getByTestId("craving-save").click();
  await page.goto("/settings");
  await upload(page, "b.json", text);
  await expect(page.getByTestId("import-merge-preview")).toHaveCount(0);
  await page.getByTestId("import-mode-merge").check();
  // Everything in the backup is already here: the preview says so, not just what the file holds.
  const merging = page.getByTestId("import-merge-preview");
  await expect(merging).toContainText("Nothing new: everything in this backup is already on this phone.");
  await expect(merging).toContainText("2 cravings are already on this phone.");
  await expect(merging).toContainText("1 counter is already on this phone.");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  await page.goto("/log");
  await expect(page.getByTestId("log-entry")).toHaveCount(3);
});

test("the merge preview says what will be added and what is already here", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await fillSomeData(page);
  const file = JSON.parse(await downloadBackup(page));
  // The backup has a craving this phone hasn't, and a trigger of the person's own.
  file.cravings.push({ id: 5, t: "2026-11-22T10:00:00", n: 4 });
  file.settings.own_triggers = ["Payday"];
  await upload(page, "b.json", JSON.stringify(file));
  await page.getByTestId("import-mode-merge").check();
  const merging = page.getByTestId("import-merge-preview");
  await expect(merging).toContainText("1 craving will be added and 2 are already on this phone.");
  await expect(merging).toContainText("1 trigger of your own will be added.");
  await expect(merging).not.toContainText("Nothing new");
  // Back to "Replace": no merge sentences.
  await page.getByTestId("import-mode-replace").check();
  await expect(merging).toHaveCount(0);
  await page.getByTestId("import-mode-merge").check();
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  await page.goto("/log");
  await expect(page.getByTestId("log-entry")).toHaveCount(3);
});

// Saved by a newer Steady, or damaged: neither can be read here.
for (const [what, raw] of [["too new", '{"v":99,"data":{"lists":{}}}'], ["damaged", "{broken plan"]]) {
  test(`Replace never writes over an unreadable plan (${what}), even one no screen has read yet`, async ({ page }) => {
    await page.clock.install({ time: NOW });
    await plant(page, { "steady.plan": raw });
    // Straight to Settings: nothing has read the plan yet.
    await openApp(page, "/settings");
    const before = await snapshot(page);
    expect(before["steady.plan"]).toBe(raw);
    const file = {
      format: "steady-backup",
      version: 1,
      exported_at: "2026-11-23T10:00:00",
      settings: {},
      counters: { list: [{ id: 1, name: "Clean time", start: { date: "2026-10-01" }, history: [] }], main: 1 },
      plan: { lists: { reasons: [{ id: 1, text: "A plan from the backup" }] } },
      coping: {},
      cravings: [],
    };
    await upload(page, "b.json", JSON.stringify(file));
    await page.getByTestId("import-mode-replace").check();
    await page.getByTestId("import-confirm").click();
    await expect(page.getByTestId("import-error")).toContainText("couldn't be read");
    await expect(page.getByTestId("storage-problem")).toContainText(/relapse-prevention plan/i);
    await expect(page.getByTestId("import-status")).not.toContainText("restored");
    // Nothing was written: the plan is kept byte for byte, and so is everything else.
    expect(await snapshot(page)).toEqual(before);
  });
}

const BAD_FILES: Array<[string, string, string]> = [
  ["empty", "", "empty"],
  ["not json", "hello", "isn't valid JSON"],
  ["truncated", '{"format":"steady-backup","version":1,"exported_at":"2026-11-23T10:00:00","settings":{', "cut short"],
  ["wrong type", '{"format":"steady-backup","version":1,"exported_at":"2026-11-23T10:00:00","settings":{},"counters":{"list":"lots"},"plan":{},"coping":{},"cravings":[]}', "damaged"],
  ["future version", '{"format":"steady-backup","version":8}', "newer version"],
  ["another app", '{"format":"other","version":1}', "isn't a Steady backup"],
  ["out of range", '{"format":"steady-backup","version":1,"exported_at":"2026-11-23T10:00:00","settings":{},"counters":{"list":[]},"plan":{},"coping":{},"cravings":[{"id":1,"t":"2026-11-20T10:00:00","n":42}]}', "0 to 10"],
];

test("malformed imports are refused and storage stays byte for byte", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await fillSomeData(page);
  await page.goto("/settings");
  const before = await snapshot(page);
  for (const [what, content, message] of BAD_FILES) {
    await upload(page, `${what}.json`, content);
    await expect(page.getByTestId("import-error"), what).toContainText(message);
    await expect(page.getByTestId("import-error"), what).toContainText("Nothing was changed.");
    await expect(page.getByTestId("import-preview")).toHaveCount(0);
    expect(await snapshot(page), what).toEqual(before);
  }
  await upload(page, "huge.json", Buffer.alloc(10 * 1024 * 1024 + 1, 32));
  await expect(page.getByTestId("import-error")).toContainText("over 10 MB");
  expect(await snapshot(page)).toEqual(before);
});

test("storage status is shown", async ({ page }) => {
  await openApp(page, "/settings");
  await expect(page.getByTestId("storage-status")).toContainText(/keep|clear/);
});

test("a gentle backup reminder comes monthly and can be put off", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await counterSince(page, "2026-10-01");
  await openApp(page, "/");
  await expect(page.getByTestId("backup-reminder")).toBeVisible();
  await page.getByTestId("backup-later").click();
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("counter-days")).toBeVisible();
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
});

/** `last_backup` as stored in the settings, or undefined. */
async function lastBackup(page: Page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem("steady.settings") ?? '{"data":{}}').data.last_backup);
}

test("a download counts as a backup only once the person says they can see the file", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await counterSince(page, "2026-10-01");
  await openApp(page, "/");
  await expect(page.getByTestId("backup-reminder")).toBeVisible();
  await page.getByTestId("nav-settings").click();
  await expect(page.getByTestId("backup-saved-confirm")).toHaveCount(0);
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-backup").click();
  await downloading;
  // Started is not saved: on an iPhone a download can silently do nothing.
  await expect(page.getByTestId("backup-saved-confirm")).toBeVisible();
  expect(await lastBackup(page)).toBeUndefined();
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("counter-days")).toBeVisible();
  await expect(page.getByTestId("backup-reminder")).toBeVisible();

  await page.getByTestId("nav-settings").click();
  await page.getByTestId("export-backup").click();
  await page.getByTestId("backup-saved-confirm").click();
  await expect(page.getByTestId("export-status")).toContainText("Backup saved");
  await expect(page.getByTestId("backup-saved-confirm")).toHaveCount(0);
  expect(await lastBackup(page)).toBe("2026-11-23");
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("counter-days")).toBeVisible();
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
});

test("a share sheet that was closed records no backup and shows no error", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await counterSince(page, "2026-10-01");
  await page.addInitScript(() => {
    (navigator as any).canShare = (data: any) => Array.isArray(data?.files);
    (navigator as any).share = async () => {
      throw new DOMException("Share canceled", "AbortError");
    };
  });
  await openApp(page, "/settings");
  await page.getByTestId("share-backup").click();
  await expect(page.getByTestId("export-status")).toContainText("Not shared");
  await expect(page.getByTestId("save-error")).toHaveCount(0);
  await expect(page.locator(".error:not(:empty), .notice-error")).toHaveCount(0);
  await expect(page.getByTestId("backup-saved-confirm")).toHaveCount(0);
  expect(await lastBackup(page)).toBeUndefined();
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("backup-reminder")).toBeVisible();
});

test("where the phone can share files, the backup goes to the share sheet", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/settings");
  // Desktop Chromium has no file sharing: only the download is offered.
  if (!(await page.evaluate(() => "canShare" in navigator))) await expect(page.getByTestId("share-backup")).toHaveCount(0);

  await page.addInitScript(() => {
    (navigator as any).canShare = (data: any) => Array.isArray(data?.files);
    (navigator as any).share = async (data: any) => {
      const file = data.files[0];
      (window as any).shared = { name: file.name, type: file.type, text: await file.text() };
    };
  });
  await fillSomeData(page);
  await page.goto("/settings");
  // Sharing is the first choice where the phone offers it; download stays as the other.
  expect(await page.getByTestId("share-backup").getAttribute("class")).toBe("button");
  expect(await page.getByTestId("export-backup").getAttribute("class")).toBe("button secondary");
  await page.getByTestId("share-backup").click();
  await expect(page.getByTestId("export-status")).toContainText("Backup shared");
  expect(await lastBackup(page)).toBe("2026-11-23");
  const shared = await page.evaluate(() => (window as any).shared);
  expect(shared.name).toBe("steady-backup-2026-11-23.json");
  expect(shared.type).toBe("application/json");
  const file = JSON.parse(shared.text);
  expect(file).toMatchObject({ format: "steady-backup", version: 1 });
  expect(file.cravings).toHaveLength(2);
});

test.describe("in New York", () => {
  test.use({ timezoneId: "America/New_York" });

  test("a backup made in London a moment ago restores, its times as they were", async ({ page }) => {
    // 15:00 UTC: 15:00 in London, 10:00 in New York. The file's times are London's.
    await page.clock.install({ time: NOW });
    await openApp(page, "/settings");
    const file = {
      format: "steady-backup",
      version: 1,
      exported_at: "2026-11-23T15:00:00",
      settings: {},
      counters: { list: [{ id: 1, name: "Clean time", start: { date: "2026-10-01" }, history: [] }], main: 1 },
      plan: {},
      coping: {},
      cravings: [{ id: 1, t: "2026-11-23T14:58:00", n: 6 }],
    };
    await upload(page, "london.json", JSON.stringify(file));
    await expect(page.getByTestId("import-error")).toBeEmpty();
    await expect(page.getByTestId("import-preview")).toContainText("1 craving, from 23 November 2026");
    await expect(page.getByTestId("import-preview")).not.toContainText("set to now");
    await page.getByTestId("import-confirm").click();
    await expect(page.getByTestId("import-status")).toContainText("restored");
    const month = JSON.parse((await page.evaluate(() => localStorage.getItem("steady.log.2026-11")))!);
    expect(month.data[0].t).toBe("2026-11-23T14:58:00");
  });
});

test.describe("protected copies", () => {
  const PASSPHRASE = "blue river 42";

  /** Records what goes on the clipboard (as text or as a ClipboardItem), readable by the test. */
  const recordClipboard = () => {
    (window as any).copied = null;
    Clipboard.prototype.write = async function (items: ClipboardItem[]) {
      const blob = await items[0].getType("text/plain");
      (window as any).copied = await blob.text();
    };
    Clipboard.prototype.writeText = async function (text: string) {
      (window as any).copied = text;
    };
  };

  async function deleteEverything(page: Page) {
    await page.getByTestId("delete-all").click();
    await page.getByTestId("delete-all-input").fill("DELETE");
    await page.getByTestId("delete-all-confirm").click();
    await expect(page.getByTestId("delete-status")).toContainText("deleted");
    expect(await snapshot(page)).toEqual({});
  }

  test("a protected backup asks for its passphrase: a wrong one changes nothing, the right one restores", async ({ page }) => {
    await page.clock.install({ time: NOW });
    await fillSomeData(page);
    const before = await snapshot(page);
    await page.goto("/settings");
    // Without a lock it's off by default, and the warning is next to the button.
    await expect(page.getByTestId("backup-protect")).not.toBeChecked();
    await expect(page.getByTestId("backup-protect-note")).toHaveText("Without a passphrase, anyone who gets this copy can read everything in it.");
    await page.getByTestId("backup-protect").check();
    await expect(page.getByTestId("backup-protect-note")).toHaveText("Protected, it can't be read without the passphrase.");
    // Too short a passphrase is refused before anything is made.
    await page.getByTestId("backup-passphrase").fill("short");
    await page.getByTestId("export-backup").click();
    await expect(page.getByTestId("export-status")).toContainText("at least 8 characters");

    await page.getByTestId("backup-passphrase").fill(PASSPHRASE);
    const downloading = page.waitForEvent("download");
    await page.getByTestId("export-backup").click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe("steady-backup-2026-11-23.json");
    const text = readFileSync((await file.path())!, "utf8");
    const wrapper = JSON.parse(text);
    expect(wrapper).toMatchObject({ steady: "protected-backup", v: 1, iterations: 600000 });
    expect(Buffer.from(wrapper.salt, "base64")).toHaveLength(16);
    expect(wrapper.data).toMatch(/^steady-aes-gcm:k:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/=]+$/);
    for (const secret of ["My kids", "stress", "Old friend"]) expect(text).not.toContain(secret);
    await page.getByTestId("backup-saved-confirm").click();
    await expect(page.getByTestId("export-status")).toContainText("protected with your passphrase");

    await deleteEverything(page);
    await upload(page, "steady-backup-2026-11-23.json", text);
    await expect(page.getByTestId("import-protected")).toBeVisible();
    await expect(page.getByTestId("import-preview")).toHaveCount(0);
    await page.getByTestId("import-passphrase").fill("blue river 43");
    await page.getByTestId("import-unlock").click();
    await expect(page.getByTestId("import-error")).toHaveText("That passphrase doesn't open this copy. Nothing was changed.");
    await expect(page.getByTestId("import-preview")).toHaveCount(0);
    expect(await snapshot(page)).toEqual({});

    await page.getByTestId("import-passphrase").fill(PASSPHRASE);
    await page.getByTestId("import-unlock").click();
    await expect(page.getByTestId("import-error")).toBeEmpty();
    await expect(page.getByTestId("import-protected")).toHaveCount(0);
    await expect(page.getByTestId("import-preview")).toContainText("1 plan item");
    await page.getByTestId("import-confirm").click();
    await expect(page.getByTestId("import-status")).toContainText("restored");
    const after = await snapshot(page);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const key of ["steady.counters", "steady.plan", "steady.log.2026-11"]) expect(after[key], key).toBe(before[key]);
  });

  test("a damaged protected file is refused, and nothing changes", async ({ page }) => {
    await page.clock.install({ time: NOW });
    await openApp(page, "/settings");
    const damaged = JSON.stringify({ steady: "protected-backup", v: 1, salt: "AAAA", iterations: 600000, data: "x" });
    await upload(page, "damaged.json", damaged);
    await expect(page.getByTestId("import-error")).toContainText("damaged");
    await expect(page.getByTestId("import-protected")).toHaveCount(0);
    expect(await snapshot(page)).toEqual({});
  });

  test("with the lock on, copies are protected unless the person chooses otherwise", async ({ page }) => {
    await openApp(page, "/settings");
    await page.getByTestId("lock-passcode").fill("246813");
    await page.getByTestId("lock-passcode-again").fill("246813");
    await page.getByTestId("lock-set").click();
    await expect(page.getByTestId("lock-status")).toContainText("The lock is on", { timeout: 15_000 });
    await page.reload();
    await page.getByTestId("unlock-input").fill("246813");
    await page.getByTestId("unlock-submit").click();
    await expect(page.getByTestId("lock-screen")).toHaveCount(0, { timeout: 15_000 });
    for (const name of ["backup", "copy"]) {
      await expect(page.getByTestId(`${name}-protect`), name).toBeChecked();
      await expect(page.getByTestId(`${name}-passphrase`), name).toBeVisible();
    }
    await page.getByTestId("export-backup").click();
    await expect(page.getByTestId("export-status")).toContainText("at least 8 characters");
    await page.getByTestId("backup-protect").uncheck();
    await expect(page.getByTestId("backup-passphrase")).toHaveCount(0);
    await expect(page.getByTestId("backup-protect-note")).toContainText("anyone who gets this copy can read everything");
  });

  test("Copy my data, protected: the paste asks for the passphrase, and the clipboard is emptied after the restore", async ({ page, browser }) => {
    await page.addInitScript(recordClipboard);
    await page.clock.install({ time: NOW });
    await fillSomeData(page);
    const before = await snapshot(page);
    await page.goto("/settings");
    await expect(page.getByTestId("copy-protect-note")).toContainText("anyone who gets this copy can read everything");
    await page.getByTestId("copy-protect").check();
    await page.getByTestId("copy-passphrase").fill(PASSPHRASE);
    await page.getByTestId("copy-data").click();
    await expect(page.getByTestId("copy-status")).toContainText("Copied, protected with your passphrase", { timeout: 15_000 });
    const block: string = await page.evaluate(() => (window as any).copied);
    expect(block).toMatch(/\nSTEADY-DATA 1 \d+ [0-9a-f]{8}\n[A-Za-z0-9+/=]+\n$/);
    const inner = Buffer.from(block.trim().split("\n").pop()!, "base64").toString("utf8");
    expect(JSON.parse(inner)).toMatchObject({ steady: "protected-backup", v: 1 });
    for (const secret of ["My kids", "stress"]) expect(inner).not.toContain(secret);

    // The Home Screen app (storage of its own), with the block on its clipboard.
    const context = await browser.newContext();
    await context.addInitScript(recordClipboard);
    const app = await context.newPage();
    await app.clock.install({ time: NOW });
    await openApp(app, "/settings");
    await app.evaluate((block) => ((window as any).copied = block), block);
    await app.getByTestId("paste-data").fill(block);
    await app.getByTestId("paste-data-check").click();
    await expect(app.getByTestId("paste-protected")).toBeVisible();
    await app.getByTestId("paste-passphrase").fill("not the passphrase");
    await app.getByTestId("paste-unlock").click();
    await expect(app.getByTestId("paste-error")).toHaveText("That passphrase doesn't open this copy. Nothing was changed.");
    await expect(app.getByTestId("paste-preview")).toHaveCount(0);
    expect(await snapshot(app)).toEqual({});
    expect(await app.evaluate(() => (window as any).copied)).toBe(block);

    await app.getByTestId("paste-passphrase").fill(PASSPHRASE);
    await app.getByTestId("paste-unlock").click();
    await expect(app.getByTestId("paste-preview")).toContainText("1 plan item");
    await app.getByTestId("paste-confirm").click();
    await expect(app.getByTestId("paste-status")).toContainText("restored");
    expect(await snapshot(app)).toEqual(before);
    // Off the clipboard once restored.
    await expect.poll(() => app.evaluate(() => (window as any).copied)).toBe("");
    await context.close();
  });
});
