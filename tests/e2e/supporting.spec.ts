// People I support: a plan opened from a link is kept on the sponsor's phone only when they
// choose to, under People I support (reached from Help and Settings): with call and text
// buttons, replaced by a newer link from the same person (an older one asks first), removed
// with undo, encrypted under the sponsor's own lock, and carried by their backups.
import { readFileSync } from "node:fs";
import { test, expect, openApp, snapshot, stored, waitForServiceWorker, dataOnly, allHidden } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

test.use({ timezoneId: "America/Chicago", locale: "en-US" });
const NOW = new Date("2026-11-23T15:00:00Z");
const LATER = new Date("2026-11-30T15:00:00Z");

async function addReason(page: Page, text: string) {
  const s = page.getByTestId("plan-section-reasons");
  await s.getByTestId("plan-new-text").first().fill(text);
  await s.getByTestId("plan-add-item").first().click();
  await expect(page.getByTestId("plan-saved")).toHaveText("Saved on this device ✓");
}

/** The person's phone: a plan with a reason, and a name and number to share. */
async function personWithPlan(page: Page, name = "Jo") {
  await page.clock.install({ time: NOW });
  await openApp(page, "/plan");
  await addReason(page, "My daughter");
  await page.getByTestId("share-name").fill(name);
  await page.getByTestId("share-include-phone").check();
  await page.getByTestId("share-phone").fill("(555) 987-6543");
}

async function makeLink(page: Page, protect = true): Promise<{ link: string; passphrase: string | null }> {
  if (!protect) await page.getByTestId("share-protect").uncheck();
  await page.getByTestId("share-link").click();
  const url = page.getByTestId("share-link-url");
  await expect(url).toHaveValue(/\/shared#plan1\./, { timeout: 15_000 });
  const passphrase = protect ? await page.getByTestId("share-passphrase").textContent() : null;
  return { link: await url.inputValue(), passphrase };
}

/** The sponsor's phone, which may never have used Steady. */
async function sponsorPhone(browser: Browser) {
  const context = await browser.newContext({ locale: "en-US", timezoneId: "America/Chicago" });
  const page = await context.newPage();
  await page.clock.install({ time: LATER });
  // Opened afresh, as a tapped link is (a goto that changes only what is after # wouldn't reload).
  const open = async (link: string, passphrase?: string | null) => {
    await page.goto("about:blank");
    await page.goto(link);
    if (passphrase) {
      await page.getByTestId("shared-passphrase").fill(passphrase);
      await page.getByTestId("shared-unlock").click();
    }
    await expect(page.getByTestId("shared-plan")).toBeVisible({ timeout: 15_000 });
  };
  return { context, page, open };
}

/** A sponsor's phone that has kept the plan of the person on `page` (a link without a passphrase). */
async function keptBySponsor(page: Page, browser: Browser) {
  await personWithPlan(page);
  const { link } = await makeLink(page, false);
  const sponsor = await sponsorPhone(browser);
  await sponsor.open(link);
  await sponsor.page.getByTestId("shared-keep").click();
  await expect(sponsor.page.getByTestId("shared-kept")).toBeVisible();
  return sponsor;
}

test("a protected link is kept only when asked, then found from Help and Settings with its call and text buttons", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await personWithPlan(page);
  const { link, passphrase } = await makeLink(page);

  const sponsor = await sponsorPhone(browser);
  await sponsor.open(link, passphrase);
  // Opening stores nothing; keeping it does.
  expect(await snapshot(sponsor.page)).toEqual({});
  await expect(sponsor.page.getByTestId("shared-keep-card")).toContainText("Nothing from this link is saved on this phone unless you keep it");
  await sponsor.page.getByTestId("shared-keep").click();
  await expect(sponsor.page.getByTestId("shared-kept")).toContainText("Kept under People I support");
  const kept = await stored(sponsor.page, "steady.supporting");
  expect(kept).toContain("My daughter");
  // The same link again: already kept, nothing to do.
  await sponsor.open(link, passphrase);
  await expect(sponsor.page.getByTestId("shared-kept")).toBeVisible();
  await expect(sponsor.page.getByTestId("shared-keep")).toHaveCount(0);

  // From Help (only once something is kept) to the list.
  await sponsor.page.goto("/help");
  await sponsor.page.getByTestId("supporting").click();
  const person = sponsor.page.getByTestId("supporting-person");
  await expect(person).toHaveCount(1);
  await expect(person.locator("h2")).toHaveText("Jo");
  await expect(person.getByTestId("supporting-dates")).toHaveText("Made on 23 November 2026, kept on 30 November 2026.");
  await expect(person.getByTestId("supporting-call")).toHaveAttribute("href", "tel:+15559876543");
  await expect(person.getByTestId("supporting-text")).toHaveAttribute("href", "sms:+15559876543");
  await person.getByTestId("supporting-open").click();
  await expect(sponsor.page.getByTestId("shared-plan")).toContainText("Jo's relapse-prevention plan");
  await expect(sponsor.page.getByTestId("shared-plan")).toContainText("My daughter");
  await expect(sponsor.page.getByTestId("supporting-back")).toBeFocused();
  await sponsor.page.getByTestId("supporting-back").click();
  await expect(person).toBeVisible();

  // From Settings too, and still there after a reload with the network off.
  await sponsor.page.goto("/settings");
  await sponsor.page.getByTestId("supporting").click();
  await expect(sponsor.page.getByTestId("supporting-person")).toHaveCount(1);
  await waitForServiceWorker(sponsor.page);
  await sponsor.context.setOffline(true);
  await sponsor.page.reload();
  await expect(sponsor.page.getByTestId("supporting-person")).toContainText("Jo");
  await sponsor.page.getByTestId("supporting-open").click();
  await expect(sponsor.page.getByTestId("shared-plan")).toContainText("My daughter");
  await sponsor.context.close();
});

test("a newer link from the same person replaces the one kept; an older one asks first", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await personWithPlan(page);
  const older = (await makeLink(page, false)).link;
  await page.clock.fastForward("48:00:00");
  await addReason(page, "My dog");
  const newer = (await makeLink(page, false)).link;

  const sponsor = await sponsorPhone(browser);
  await sponsor.open(newer);
  await sponsor.page.getByTestId("shared-keep").click();
  await expect(sponsor.page.getByTestId("shared-kept")).toBeVisible();

  // The older link: said, and asked before it replaces the newer one.
  await sponsor.open(older);
  await expect(sponsor.page.getByTestId("shared-keep-note")).toHaveText("You already keep a newer plan from this person, made on 25 November 2026.");
  await sponsor.page.getByTestId("shared-keep").click();
  await expect(sponsor.page.getByTestId("shared-keep-older")).toBeFocused();
  await sponsor.page.getByTestId("shared-keep-cancel").click();
  expect(await stored(sponsor.page, "steady.supporting")).toContain("My dog");
  await sponsor.page.getByTestId("shared-keep").click();
  await sponsor.page.getByTestId("shared-keep-older").click();
  await expect(sponsor.page.getByTestId("shared-kept")).toBeVisible();
  expect(await stored(sponsor.page, "steady.supporting")).not.toContain("My dog");

  // The newer one again replaces it, in the same place: one person, not two.
  await sponsor.open(newer);
  await expect(sponsor.page.getByTestId("shared-keep-note")).toHaveText("It will replace the older plan you kept from this person.");
  await sponsor.page.getByTestId("shared-keep").click();
  await expect(sponsor.page.getByTestId("shared-kept")).toBeVisible();
  await sponsor.page.goto("/supporting");
  await expect(sponsor.page.getByTestId("supporting-person")).toHaveCount(1);
  await expect(sponsor.page.getByTestId("supporting-dates")).toHaveText("Made on 25 November 2026, kept on 30 November 2026.");
  await sponsor.context.close();
});

test("a kept plan is removed with undo, and delete-all takes it too", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const sponsor = await keptBySponsor(page, browser);

  await sponsor.page.goto("/supporting");
  await sponsor.page.getByTestId("supporting-remove").click();
  await sponsor.page.getByTestId("supporting-remove-confirm").click();
  await expect(sponsor.page.getByTestId("supporting-person")).toHaveCount(0);
  await expect(sponsor.page.getByTestId("supporting-empty")).toBeVisible();
  await expect(sponsor.page.locator(".notice.undo")).toContainText("Removed Jo's plan.");
  await sponsor.page.getByTestId("undo").click();
  await expect(sponsor.page.getByTestId("supporting-person")).toContainText("Jo");
  expect(await stored(sponsor.page, "steady.supporting")).toContain("My daughter");

  await sponsor.page.goto("/settings");
  await sponsor.page.getByTestId("delete-all").click();
  await sponsor.page.getByTestId("delete-all-input").fill("DELETE");
  await sponsor.page.getByTestId("delete-all-confirm").click();
  await expect(sponsor.page.getByTestId("delete-status")).toContainText("deleted");
  expect(await snapshot(sponsor.page)).toEqual({});
  await sponsor.page.goto("/supporting");
  await expect(sponsor.page.getByTestId("supporting-empty")).toBeVisible();
  await sponsor.page.goto("/help");
  await expect(sponsor.page.getByTestId("helpline-us-988")).toBeVisible();
  await expect(sponsor.page.getByTestId("supporting")).toHaveCount(0);
  await sponsor.context.close();
});

test("kept plans go into the sponsor's backup (format 7) and come back on another phone", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const sponsor = await keptBySponsor(page, browser);

  await sponsor.page.goto("/settings");
  const downloading = sponsor.page.waitForEvent("download");
  await sponsor.page.getByTestId("export-backup").click();
  const text = readFileSync((await (await downloading).path())!, "utf8");
  expect(JSON.parse(text)).toMatchObject({ format: "steady-backup", version: 7 });

  const other = await sponsorPhone(browser);
  await openApp(other.page, "/settings");
  await other.page.getByTestId("import-backup").setInputFiles({ name: "steady-backup.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(other.page.getByTestId("import-preview")).toContainText("1 plan of someone you support");
  await other.page.getByTestId("import-confirm").click();
  await expect(other.page.getByTestId("import-status")).toContainText("restored");
  await other.page.goto("/supporting");
  await expect(other.page.getByTestId("supporting-person")).toContainText("Jo");
  await other.page.getByTestId("supporting-open").click();
  await expect(other.page.getByTestId("shared-plan")).toContainText("My daughter");
  await other.context.close();
  await sponsor.context.close();
});

test("under the sponsor's own passcode lock, a kept plan is stored encrypted", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await personWithPlan(page);
  const { link, passphrase } = await makeLink(page);
  const sponsor = await sponsorPhone(browser);
  await openApp(sponsor.page, "/settings");
  await sponsor.page.getByTestId("lock-passcode").fill("246813");
  await sponsor.page.getByTestId("lock-passcode-again").fill("246813");
  await sponsor.page.getByTestId("lock-set").click();
  await expect(sponsor.page.getByTestId("lock-status")).toContainText("The lock is on", { timeout: 15_000 });

  // The link opens behind the sponsor's lock: their passcode first, then the link's words.
  await sponsor.page.goto("about:blank");
  await sponsor.page.goto(link);
  const lock = sponsor.page.getByTestId("lock-screen");
  await lock.getByTestId("unlock-input").fill("246813");
  await lock.getByTestId("unlock-submit").click();
  await sponsor.page.getByTestId("shared-passphrase").fill(passphrase!);
  await sponsor.page.getByTestId("shared-unlock").click();
  await expect(sponsor.page.getByTestId("shared-plan")).toContainText("My daughter", { timeout: 15_000 });
  const documents = async () => Object.keys(dataOnly(await snapshot(sponsor.page))).length;
  const before = await documents();
  await sponsor.page.getByTestId("shared-keep").click();
  await expect(sponsor.page.getByTestId("shared-kept")).toBeVisible({ timeout: 15_000 });
  // Kept: one more document, sealed under a name that doesn't say what it is.
  await expect.poll(documents).toBeGreaterThan(before);
  const kept = await snapshot(sponsor.page);
  expect(allHidden(kept)).toBe(true);
  // (Not "Jo" alone: two letters turn up in base64 by chance.)
  expect(Object.values(dataOnly(kept)).join("\n")).not.toMatch(/daughter|"name"|Jo"/);
  await sponsor.page.goto("/supporting");
  await sponsor.page.getByTestId("lock-screen").getByTestId("unlock-input").fill("246813");
  await sponsor.page.getByTestId("lock-screen").getByTestId("unlock-submit").click();
  await expect(sponsor.page.getByTestId("supporting-person")).toContainText("Jo", { timeout: 15_000 });
  await sponsor.context.close();
});
