// Check-ins and the journal are stored like everything else: in backups (with
// preview counts and merge without duplicates), encrypted under the lock, and
// kept in step between two open tabs.
import { readFileSync } from "node:fs";
import { test, expect, openApp, snapshot, stored, dataOnly, allHidden } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "Europe/London", locale: "en-GB" });

const NOW = new Date("2026-11-23T15:00:00Z");

async function checkIn(page: Page, mood: number, note: string) {
  await page.goto("/checkin");
  await page.getByTestId(`checkin-mood-${mood}`).click();
  await page.getByTestId("checkin-note").fill(note);
  await page.getByTestId("checkin-save").click();
  await expect(page).toHaveURL("/");
}

async function journal(page: Page, text: string) {
  await page.goto("/journal");
  await page.getByTestId("journal-new").click();
  await page.getByTestId("journal-text").fill(text);
  await page.getByTestId("journal-save").click();
  await expect(page.getByTestId("journal-text")).toHaveCount(0);
}

async function exportBackup(page: Page) {
  await page.goto("/settings");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-backup").click();
  return readFileSync((await (await downloading).path())!, "utf8");
}

async function upload(page: Page, content: string) {
  await page.getByTestId("import-backup").setInputFiles({ name: "b.json", mimeType: "application/json", buffer: Buffer.from(content) });
}

test("check-ins and journal entries go into a backup and come back; merging doubles nothing", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await checkIn(page, 4, "Grateful for the sun");
  await journal(page, "A quiet Monday");
  const before = await snapshot(page);
  expect(Object.keys(before)).toEqual(expect.arrayContaining(["steady.checkin.2026-11", "steady.journal.2026-11"]));

  const text = await exportBackup(page);
  const file = JSON.parse(text);
  expect(file.version).toBe(3);
  expect(file.checkins).toEqual([expect.objectContaining({ d: "2026-11-23", m: 4, x: "Grateful for the sun" })]);
  expect(file.journal).toEqual([expect.objectContaining({ x: "A quiet Monday" })]);

  await page.getByTestId("delete-all").click();
  await page.getByTestId("delete-all-input").fill("DELETE");
  await page.getByTestId("delete-all-confirm").click();
  await expect(page.getByTestId("delete-status")).toContainText("deleted");
  await upload(page, text);
  await expect(page.getByTestId("import-preview")).toContainText("1 daily check-in");
  await expect(page.getByTestId("import-preview")).toContainText("1 journal entry");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  expect(await snapshot(page)).toEqual(before);
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("checkin-done")).toBeVisible();

  // Merging the same file again adds nothing.
  await page.goto("/settings");
  await upload(page, text);
  await page.getByTestId("import-mode-merge").check();
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  expect(await snapshot(page)).toEqual(before);
  await page.goto("/journal");
  await expect(page.getByTestId("journal-entry")).toHaveCount(1);
});

test("under the passcode lock, check-ins, journal entries and drafts are stored encrypted", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await checkIn(page, 2, "Secret gratitude");
  await journal(page, "Secret journal words");
  await page.goto("/settings");
  await page.getByTestId("lock-passcode").fill("246813");
  await page.getByTestId("lock-passcode-again").fill("246813");
  await page.getByTestId("lock-set").click();
  await expect(page.getByTestId("lock-status")).toContainText("The lock is on", { timeout: 15_000 });

  await page.goto("/journal");
  await page.getByTestId("unlock-input").fill("246813");
  await page.getByTestId("unlock-submit").click();
  await page.getByTestId("journal-new").click();
  const before = Object.keys(dataOnly(await snapshot(page))).length;
  await page.getByTestId("journal-text").fill("Secret draft words");
  // The draft is stored too: one more document, sealed under a name that doesn't say it is a draft.
  await expect.poll(async () => Object.keys(dataOnly(await snapshot(page))).length).toBe(before + 1);

  const sealed = await snapshot(page);
  expect(allHidden(sealed)).toBe(true);
  expect(JSON.stringify(sealed)).not.toContain("Secret");
  // Still readable in the app.
  await page.reload();
  await page.getByTestId("unlock-input").fill("246813");
  await page.getByTestId("unlock-submit").click();
  await expect(page.getByTestId("journal-text")).toHaveValue("Secret draft words");
  await expect(page.getByTestId("journal-entry")).toContainText("Secret journal words");
});

test("two open tabs stay in step: a check-in saved in one shows in the other", async ({ context }) => {
  const first = await context.newPage();
  await first.clock.install({ time: NOW });
  await openApp(first, "/");
  await checkIn(first, 3, "First");
  const second = await context.newPage();
  await second.clock.install({ time: NOW });
  await openApp(second, "/checkin");
  await expect(second.getByTestId("checkin-mood-3")).toHaveAttribute("aria-pressed", "true");
  await checkIn(first, 5, "Changed in the first tab");
  await second.getByTestId("nav-today").click();
  await expect(second.getByTestId("checkin-done")).toContainText("very good");
  expect(JSON.parse((await stored(second, "steady.checkin.2026-11"))!).data).toHaveLength(1);
});

test("an unreadable month of check-ins is kept, not written over", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await page.addInitScript(() => localStorage.setItem("steady.checkin.2026-11", '{"v":1,"data":[{"d":"2026-11-2'));
  await openApp(page, "/checkin");
  await expect(page.getByTestId("storage-problem")).toContainText("part of your daily check-ins");
  await page.getByTestId("checkin-mood-3").click();
  await page.getByTestId("checkin-save").click();
  await expect(page.getByTestId("checkin-error")).toContainText("won't write over it");
  expect(await stored(page, "steady.checkin.2026-11")).toBe('{"v":1,"data":[{"d":"2026-11-2');
});

test("ten years of check-ins and 3,000 journal entries: Today, the calendar and search all work", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await page.addInitScript(() => {
    if (localStorage.getItem("seeded")) return;
    const months: Record<string, Record<string, unknown[]>> = { checkin: {}, journal: {} };
    const last = Date.parse("2026-11-23T00:00:00Z");
    for (let i = 0; i < 3650; i++) {
      const d = new Date(last - i * 86400000).toISOString().slice(0, 10);
      (months.checkin[d.slice(0, 7)] ??= []).push({ d, m: 1 + (i % 5), c: i % 11, t: `${d}T21:00:00` });
    }
    for (let i = 0; i < 3000; i++) {
      const t = new Date(last - i * 105000000).toISOString().slice(0, 19);
      (months.journal[t.slice(0, 7)] ??= []).push({ id: 1_700_000_000_000 - i, t, x: i === 2999 ? "The zebra at the zoo" : `Entry ${i}: a meeting, work and family` });
    }
    for (const kind of ["checkin", "journal"])
      for (const [m, list] of Object.entries(months[kind])) {
        if (kind === "checkin") list.reverse();
        localStorage.setItem(`steady.${kind}.${m}`, JSON.stringify({ v: 1, data: list }));
      }
    localStorage.setItem("seeded", "1");
  });
  await openApp(page, "/");
  await expect(page.getByTestId("checkin-done")).toBeVisible();
  await page.getByTestId("checkin-open").click();
  await expect(page.getByTestId("checkin-day")).toHaveCount(30);
  await expect(page.locator('[data-testid="checkin-day"][data-checked="true"]')).toHaveCount(23);
  await page.goto("/journal");
  await expect(page.getByTestId("journal-count")).toHaveText("3,000 entries");
  await page.getByTestId("journal-search").fill("zebra");
  await expect(page.getByTestId("journal-entry")).toHaveCount(1);
  await expect(page.getByTestId("journal-entry")).toContainText("The zebra at the zoo");
});
