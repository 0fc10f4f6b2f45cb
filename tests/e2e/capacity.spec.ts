// Room for a lifetime: twenty years of heavy use, restored from a backup under the lock, fit in
// the browser's 5,242,880 characters with room for a change of passcode (which stages a second
// copy of everything), and read back whole after a reload.
import { readFileSync } from "node:fs";
import { test, expect, openApp, snapshot, allHidden } from "./fixtures";
import type { BrowserContext, Page } from "@playwright/test";
import { yearsOfData, asBackup, asStorage, characters, sealUnderLock } from "../../scripts/years-of-data.mjs";

const NOW = new Date("2026-12-06T12:00:00Z");
/** What localStorage holds per origin in Chromium, WebKit and Firefox alike (measured by filling it). */
const CEILING = 5_242_880;

async function unlock(page: Page, passcode: string) {
  const screen = page.getByTestId("lock-screen");
  await screen.getByTestId("unlock-input").fill(passcode);
  await screen.getByTestId("unlock-submit").click();
  await expect(screen).toHaveCount(0, { timeout: 120_000 });
}

/** Holds back the decryption of values stored under `names` (the stored name is the AES-GCM
 *  additional data) until `window.releaseHeld()`: all but the first `skip`, or with `once` only
 *  the next one after those. `window.held` counts them, held or not. */
async function holdDecryption(page: Page, names: string[], once = false, skip = 0) {
  await page.addInitScript(([names, once, skip]) => {
    const subtle = crypto.subtle;
    const decrypt = subtle.decrypt.bind(subtle);
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const w = window as unknown as { releaseHeld: () => void; held: number };
    w.releaseHeld = release;
    w.held = 0;
    subtle.decrypt = async (params: AesGcmParams, key: CryptoKey, data: BufferSource) => {
      const name = params.additionalData ? new TextDecoder().decode(params.additionalData as Uint8Array) : "";
      const seen = (names as string[]).includes(name) ? w.held++ : -1;
      if (seen >= (skip as number) && (!once || seen === skip)) {
        // The browser reads the data when called; held, it must be copied (it is a view into wasm memory).
        const copy = new Uint8Array(data as Uint8Array);
        await released;
        return decrypt(params, key, copy);
      }
      return decrypt(params, key, data);
    };
  }, [names, once, skip] as const);
}
const held = (page: Page) => page.evaluate(() => (window as unknown as { held: number }).held);
const releaseHeld = (page: Page) => page.evaluate(() => (window as unknown as { releaseHeld: () => void }).releaseHeld());

/** Fills the craving form (open on `page`) for `time`, with `note`. */
async function fillCraving(page: Page, time: string, note: string) {
  await page.getByTestId("craving-intensity").fill("6");
  await page.getByText("More: how you feel, when, where, notes").click();
  await page.getByTestId("craving-time").fill(time);
  await page.getByTestId("craving-note").fill(note);
}

/** Taps Save until the craving form closes (it says "not saved yet" while its month is being opened). */
async function saveCraving(page: Page) {
  await expect(async () => {
    await page.getByTestId("craving-save").click({ timeout: 2_000 });
    await expect(page.getByTestId("log-new")).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/** `years` sealed under the lock and opened in a tab, where the decryptions of `month` are held
 *  as `holdDecryption` says (`once`, `skip`); returns the tab once the unlock has decrypted it once or held it. */
async function openSealed(context: BrowserContext, years: ReturnType<typeof yearsOfData>, month: string, once: boolean, skip = 0) {
  const documents = await sealUnderLock(asStorage(years), "246813");
  const page = await context.newPage();
  await holdDecryption(page, [documents.names[month]], once, skip);
  await page.goto("/manifest.webmanifest");
  await page.evaluate((documents) => { for (const [key, text] of documents) localStorage.setItem(key, text); }, documents);
  await page.goto("/");
  await unlock(page, "246813");
  await expect.poll(() => held(page)).toBe(1);
  return page;
}

/** Another tab, unlocked, logs a craving at `time` with `note`. */
async function logInAnotherTab(context: BrowserContext, time: string, note: string) {
  const other = await context.newPage();
  await other.goto("/log/new");
  await unlock(other, "246813");
  await fillCraving(other, time, note);
  await saveCraving(other);
}

/** Everything on `page`, as a backup from Settings once every month is open (no passphrase: it is read here). */
async function backupOf(page: Page) {
  await page.getByTestId("nav-settings").click();
  await expect(page.getByTestId("data-opening")).toHaveCount(0, { timeout: 30_000 });
  await page.getByTestId("backup-protect").uncheck();
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-backup").click();
  return JSON.parse(readFileSync((await (await downloading).path())!, "utf8"));
}

test("twenty years of heavy use, restored under the lock, fit with room for a passcode change, and read back", async ({ page }) => {
  test.setTimeout(300_000);
  await page.clock.install({ time: NOW });
  await openApp(page, "/settings");
  // A backup of twenty years, on the skeleton of one this app exports.
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-backup").click();
  const skeleton = readFileSync((await (await downloading).path())!, "utf8");

  await page.getByTestId("lock-passcode").fill("246813");
  await page.getByTestId("lock-passcode-again").fill("246813");
  await page.getByTestId("lock-set").click();
  await expect(page.getByTestId("lock-status")).toContainText("The lock is on", { timeout: 15_000 });
  const years = yearsOfData(20, "2026-12-06");
  const backup = asBackup(years, skeleton);
  expect(backup.length).toBeGreaterThan(CEILING); // more than would fit as plain text
  await page.getByTestId("import-backup").setInputFiles({ name: "twenty-years.json", mimeType: "application/json", buffer: Buffer.from(backup) });
  await expect(page.getByTestId("import-preview")).toContainText("40,000 cravings", { timeout: 60_000 });
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored", { timeout: 120_000 });
  await expect(page.getByTestId("save-error")).toHaveCount(0);

  // Everything is stored encrypted, compressed, under names that don't say what, in under half
  // the room: a change of passcode fits.
  const stored = await snapshot(page);
  expect(allHidden(stored)).toBe(true);
  expect(Object.keys(stored).length).toBeGreaterThan(3 * 240);
  const used = characters(Object.entries(stored));
  expect(used, `${used} characters stored`).toBeLessThan(CEILING / 2);

  await page.getByTestId("lock-current").fill("246813");
  await page.getByTestId("lock-new").fill("975319");
  await page.getByTestId("lock-new-again").fill("975319");
  await page.getByTestId("lock-change").click();
  await expect(page.getByTestId("lock-status")).toContainText("Your passcode is changed", { timeout: 120_000 });

  // Read back after a reload, with the new passcode: every entry is there.
  await page.goto("/journal");
  await unlock(page, "975319");
  await expect(page.getByTestId("journal-count")).toContainText("6,000", { timeout: 60_000 });
  await page.goto("/settings");
  await unlock(page, "975319");
  // Everything, as a backup (without a passphrase: this one is read here).
  await page.getByTestId("backup-protect").uncheck();
  const again = page.waitForEvent("download");
  await page.getByTestId("export-backup").click();
  const back = JSON.parse(readFileSync((await (await again).path())!, "utf8"));
  expect([back.cravings.length, back.checkins.length, back.journal.length, back.doses.length]).toEqual([
    years.cravings.length, years.checkins.length, years.journal.length, years.doses.length,
  ]);
  expect(back.journal.find((entry: { id: number }) => entry.id === years.journal[4321].id).x).toBe(years.journal[4321].x);
});

test("a twenty-year store sealed as the bench seeds it (compressed, then encrypted) opens whole, and Settings shows its room", async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.install({ time: NOW });
  const documents = await sealUnderLock(asStorage(yearsOfData(20, "2026-12-06")), "246813");
  await page.goto("/manifest.webmanifest");
  await page.evaluate((documents) => { for (const [key, text] of documents) localStorage.setItem(key, text); }, documents);
  await page.goto("/journal");
  await unlock(page, "246813");
  await expect(page.getByTestId("journal-count")).toContainText("6,000", { timeout: 60_000 });
  await page.goto("/settings");
  await unlock(page, "246813");
  // What was stored, give or take what opening it wrote (the lock's record, a setting).
  const percent = Math.floor((characters(documents) * 100) / CEILING);
  expect(percent).toBeLessThan(50);
  await expect(page.getByTestId("storage-room")).toContainText(new RegExp(`^(${percent}|${percent + 1}) % of the room`));
  await expect(page.getByTestId("storage-room-warning")).toHaveCount(0);
});

test("ten years sealed by the build before compression (84 % full) open whole, and the first unlock stores them compressed", async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.install({ time: NOW });
  const documents = await sealUnderLock(asStorage(yearsOfData(10, "2026-12-06")), "246813", { compressed: false });
  const before = characters(documents);
  expect(before / CEILING).toBeGreaterThan(0.8);
  await page.goto("/manifest.webmanifest");
  await page.evaluate((documents) => { for (const [key, text] of documents) localStorage.setItem(key, text); }, documents);
  await page.goto("/journal");
  await unlock(page, "246813");
  await expect(page.getByTestId("journal-count")).toContainText("3,000", { timeout: 60_000 });
  // Every value sealed again, compressed, under a name that doesn't say what, the copy under its
  // own name gone: nothing lost, nothing doubled, far more room.
  await expect.poll(async () => allHidden(await snapshot(page)), { timeout: 60_000 }).toBe(true);
  expect(Object.keys(await snapshot(page))).toHaveLength(documents.length);
  const after = await page.evaluate(() => Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k)!.length, 0));
  expect(after).toBeLessThan(before / 2);
  expect(JSON.parse((await page.evaluate(() => localStorage.getItem("steady.lock")))!).v).toBe(4);
  await page.reload();
  await unlock(page, "246813");
  await expect(page.getByTestId("journal-count")).toContainText("3,000", { timeout: 60_000 });
});

test("from 80 % full, Settings and every screen say so and what to do, and nothing is deleted", async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install({ time: NOW });
  // Thirteen and a half years, as plain text: about 82 % of the room.
  const documents = asStorage(yearsOfData(13.5, "2026-12-06"));
  await page.goto("/manifest.webmanifest");
  await page.evaluate((documents) => { for (const [key, text] of documents) localStorage.setItem(key, text); }, documents);
  const before = await snapshot(page);
  await openApp(page, "/");
  await expect(page.getByTestId("room-warning")).toBeVisible({ timeout: 15_000 });
  await page.getByTestId("room-warning").getByRole("link").click();
  await expect(page.getByTestId("storage-room")).toContainText(/8\d % of the room this browser keeps for Steady is in use/);
  await expect(page.getByTestId("storage-room-warning")).toContainText("Download a backup now");
  // Nothing removed, no entry touched (opening may still write a setting or a counter's milestone).
  const after = await snapshot(page);
  const missing = Object.keys(before).filter((key) => !(key in after));
  const changed = Object.keys(before).filter((key) => /^steady\.(log|checkin|journal|dose)\./.test(key) && after[key] !== before[key]);
  expect({ missing, changed }).toEqual({ missing: [], changed: [] });
});

test("with little stored there is no warning, and the room is shown", async ({ page }) => {
  await openApp(page, "/settings");
  await expect(page.getByTestId("storage-room")).toContainText(/^[01] % of the room/);
  await expect(page.getByTestId("storage-room-warning")).toHaveCount(0);
  await page.goto("/");
  await page.waitForTimeout(3500);
  await expect(page.getByTestId("room-warning")).toHaveCount(0);
});

test("unlocking opens Today before the older months are decrypted; those follow, and nothing is written over one still sealed", async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install({ time: NOW });
  const years = yearsOfData(3, "2026-12-06");
  const documents = await sealUnderLock(asStorage(years), "246813");
  // Decrypting the cravings of 2024 waits until the test lets it go.
  const of2024 = Object.entries(documents.names).filter(([name]) => name.startsWith("steady.log.2024-")).map(([, storedAs]) => storedAs);
  expect(of2024).toHaveLength(12);
  await holdDecryption(page, of2024);
  await page.goto("/manifest.webmanifest");
  await page.evaluate((documents) => { for (const [key, text] of documents) localStorage.setItem(key, text); }, documents);
  await page.goto("/");
  await unlock(page, "246813");
  await expect(page.getByTestId("counter-days")).toBeVisible();
  await expect.poll(() => held(page)).toBeGreaterThan(0);

  // Backups and restoring wait for every month.
  await page.getByTestId("nav-settings").click();
  await expect(page.getByTestId("data-opening")).toBeVisible();
  await expect(page.getByTestId("export-backup")).toHaveCount(0);

  // A craving dated into a month still sealed isn't saved over it: the form says so and keeps it.
  const may2024 = years.cravings.filter((c) => c.t.startsWith("2024-05")).length;
  await page.locator("a.brand").click();
  await page.getByTestId("log-craving").click();
  await fillCraving(page, "2024-05-20T18:45", "Walked past the old place.");
  await page.getByTestId("craving-save").click();
  await expect(page.getByTestId("craving-error")).toContainText("still opening part of your craving log");
  await expect(page.getByTestId("craving-note")).toHaveValue("Walked past the old place.");

  // Once the months are open, it is saved beside the month's others, and a backup holds everything.
  await releaseHeld(page);
  await expect.poll(() => held(page)).toBeGreaterThan(1);
  // (The message stays on screen until then; the form's last button isn't hidden under it.)
  await saveCraving(page);
  const back = await backupOf(page);
  expect([back.cravings.length, back.checkins.length, back.journal.length]).toEqual([years.cravings.length + 1, years.checkins.length, years.journal.length]);
  expect(back.cravings.filter((c: { t: string }) => c.t.startsWith("2024-05")).length).toBe(may2024 + 1);
  expect(allHidden(await snapshot(page))).toBe(true);
});

test("a month another tab changes while this one is still decrypting it keeps the other tab's change", async ({ context }) => {
  test.setTimeout(120_000);
  const years = yearsOfData(3, "2026-12-06");
  // Here, the first decryption of May 2024's cravings (the one the unlock starts) waits until let go.
  const mine = await openSealed(context, years, "steady.log.2024-05", true);

  // Meanwhile another tab logs a craving in that month.
  await logInAnotherTab(context, "2024-05-20T18:45", "Logged in the other tab.");

  // This tab takes the other's change; the decryption it had started of the month as it was
  // ends after that, and must not put the older month back.
  await expect.poll(() => held(mine)).toBe(2);
  await releaseHeld(mine);
  const back = await backupOf(mine);
  const may = back.cravings.filter((c: { t: string }) => c.t.startsWith("2024-05"));
  expect(may.length).toBe(years.cravings.filter((c) => c.t.startsWith("2024-05")).length + 1);
  expect(may.some((c: { note?: string; x?: string }) => JSON.stringify(c).includes("Logged in the other tab."))).toBe(true);
});

test("a save made while another tab's change to the same month is being read waits for it: both are kept", async ({ context }) => {
  test.setTimeout(120_000);
  // November's cravings: decrypted once at the unlock; the next decryption (another tab's change) waits.
  const mine = await openSealed(context, yearsOfData(1, "2026-12-06"), "steady.log.2026-11", false, 1);

  // Another tab logs a craving in November.
  await logInAnotherTab(context, "2026-11-20T18:45", "From the other window.");

  // While this tab is still reading that change, a craving saved here in November waits...
  await expect.poll(() => held(mine)).toBe(2);
  await mine.getByTestId("log-craving").click();
  await fillCraving(mine, "2026-11-21T18:45", "From this window.");
  await mine.getByTestId("craving-save").click();
  await expect(mine.getByTestId("craving-error")).toContainText("still opening part of your craving log");
  await expect(mine.getByTestId("craving-note")).toHaveValue("From this window.");
  // ...and once the change is read, it is saved beside it.
  await releaseHeld(mine);
  await saveCraving(mine);
  const back = await backupOf(mine);
  const notes = JSON.stringify(back.cravings.filter((c: { t: string }) => c.t.startsWith("2026-11")));
  expect(notes).toContain("From the other window.");
  expect(notes).toContain("From this window.");
});
