// The screens and panels the accessibility and language tests walk, and the
// stored data they are seeded with.
import { createCipheriv, pbkdf2Sync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { deflateRawSync } from "node:zlib";
import { expect } from "./fixtures";
import type { Page } from "@playwright/test";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
export const NOW = new Date("2026-03-10T15:00:00Z");

export const SEED: Record<string, unknown> = {
  "steady.counters": { v: 1, data: { list: [
    { id: 1, name: "Clean time", start: { date: "2026-03-01", time: "21:00:00" }, history: [{ start: { date: "2025-12-01" }, end: { date: "2026-02-27" }, note: "Stress at work." }], money_per_day_cents: 1500, celebrated: 0 },
    { id: 2, name: "Alcohol", start: { date: "2025-06-01" }, history: [] },
  ], main: 1 } },
  "steady.log.2026-03": { v: 1, data: [
    { id: 3, t: "2026-03-09T21:30:00", n: 7, tr: ["stress", "people"], h: ["t"], o: "passed", c: ["Went for a walk"] },
    { id: 2, t: "2026-03-08T08:00:00", n: 4, tr: ["boredom"], o: "used" },
  ] },
  "steady.plan": { v: 1, data: { lists: {
    reasons: [{ id: 1, text: "My daughter" }],
    triggers: [{ id: 2, text: "Payday", response: "Pay bills first" }],
    support: [{ id: 3, text: "Sam", role: "sponsor", phone: "555 123 4567" }],
  }, guide: "done" } },
  "steady.checkin.2026-03": { v: 1, data: [
    { d: "2026-03-08", m: 2, c: 6, t: "2026-03-08T21:00:00" },
    { d: "2026-03-09", i: "clean", m: 4, c: 3, s: 4, h: ["t"], u: false, w: "Called Sam", x: "Grateful for my daughter", t: "2026-03-09T21:00:00" },
  ] },
  "steady.journal.2026-03": { v: 1, data: [
    { id: 1741561200000, t: "2026-03-09T22:00:00", x: "Hard day at work, but I went to the meeting.", m: 3 },
  ] },
  "steady.meds": { v: 1, data: {
    list: [{ id: 1, k: "bup", dose: "8 mg", from: "2026-03-01", r: "daily", at: ["08:00:00", "20:00:00"], by: "Dr Ruiz", ph: "Main St" }],
    nal: { w: "Kitchen drawer", x: "2026-03-25", k: "nasal" },
    appts: [
      { id: 1, k: "talk", t: "Counselling", from: "2026-03-12", at: "09:00:00", pl: "Main St", r: "weekly", skip: ["2026-03-19"] },
      { id: 2, k: "pickup", from: "2026-03-10", r: "once", note: "Tarjeta sanitaria" },
    ],
  } },
  "steady.dose.2026-03": { v: 1, data: [{ med: 1, d: "2026-03-10", slot: "08:00:00", t: "2026-03-10T08:05:00" }] },
  // A copy of unreadable data the person kept aside (listed in Settings).
  "steady.set-aside.steady.coping.1741500000000": '{"v":1,"data":{"ratings":[',
};

export async function seeded(page: Page, seed: Record<string, unknown> = SEED) {
  await page.clock.install({ time: NOW });
  await page.addInitScript((seed) => {
    if (localStorage.getItem("a11y-seeded")) return;
    for (const [k, v] of Object.entries(seed)) localStorage.setItem(k, typeof v === "string" ? v : JSON.stringify(v));
    localStorage.setItem("a11y-seeded", "1");
  }, seed);
}

export async function axe(page: Page, what: string) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as any).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      rules: { "target-size": { enabled: true } },
      resultTypes: ["violations"],
    }),
  );
  const violations = result.violations.map((v: any) => `${v.id}: ${v.help} — ${v.nodes.map((n: any) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(violations, `axe on ${what}`).toEqual([]);
}

/**
 * How far the page is wider than the screen with text at 100 % and at 200 % (Chromium's "font
 * size" setting scales the root font size), and where Get help sits at 200 %.
 */
export async function fit(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const over = () => root.scrollWidth - window.innerWidth;
    const at100 = over();
    root.style.setProperty("font-size", "200%", "important");
    const at200 = over();
    const help = document.querySelector('[data-testid="sos"]')!.getBoundingClientRect();
    root.style.removeProperty("font-size");
    return { at100, at200, helpLeft: help.left, helpRight: help.right };
  });
}

/**
 * A plan link's fragment, made here independently of the app, as src/domain/share.rs describes
 * the format: `plan1.` and base64url of one byte of flags (1 DEFLATE, 2 protected), two bytes of
 * length, then the salt and IV if protected, then the JSON in raw DEFLATE — sealed with AES-GCM
 * (additional data "steady.shared-plan") under PBKDF2-SHA256 (600,000 rounds) of the passphrase.
 */
export function planFragment(shared: object, passphrase?: string): string {
  let body = deflateRawSync(Buffer.from(JSON.stringify(shared)));
  let head = Buffer.from([1, 0, 0]);
  if (passphrase) {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", pbkdf2Sync(passphrase, salt, 600_000, 32, "sha256"), iv);
    cipher.setAAD(Buffer.from("steady.shared-plan"));
    body = Buffer.concat([cipher.update(body), cipher.final(), cipher.getAuthTag()]);
    head = Buffer.concat([Buffer.from([3, 0, 0]), salt, iv]);
  }
  head.writeUInt16BE(body.length, 1);
  return `plan1.${Buffer.concat([head, body]).toString("base64url")}`;
}

/** Opens a link to the plan stored on this page, in the page's language, as someone it was sent to would. */
async function openSharedPlan(page: Page, passphrase?: string) {
  const { lang, lists } = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    lists: JSON.parse(localStorage.getItem("steady.plan")!).data.lists,
  }));
  const shared = { id: "walk", made: "2026-03-09T20:00:00", lang, name: "Sam", phone: { shown: "555 123 4567", tel: "+15551234567" }, plan: { lists } };
  // From another path: a full load, as a tapped link is.
  await page.goto(`/shared#${planFragment(shared, passphrase)}`);
  await expect(page.getByTestId(passphrase ? "shared-passphrase" : "shared-plan")).toBeVisible();
}

// Screens, and the dialogs/panels that open on them.
export const SCREENS: Array<[string, string, ((page: Page) => Promise<void>)?]> = [
  ["today", "/"],
  ["start editor", "/", async (p) => p.getByTestId("set-start").click()],
  ["slip form", "/", async (p) => p.getByTestId("slip").click()],
  ["log", "/log"],
  ["log entry editor", "/log", async (p) => p.getByTestId("log-entry").first().getByRole("button").first().click()],
  ["quick capture", "/log/new", async (p) => p.locator("details.more > summary").click()],
  ["insights", "/log/insights"],
  ["visit summary", "/log/insights", async (p) => {
    await p.getByTestId("visit-summary").click();
    await expect(p.getByTestId("visit-chart")).toBeVisible();
  }],
  ["cope", "/cope"],
  ["breathing", "/cope", async (p) => {
    const box = p.locator('[data-strategy="box-breathing"]');
    await box.getByTestId("cope-start").click();
    await box.getByTestId("start-breathing").click();
  }],
  ["daily check-in", "/checkin"],
  ["check-in: used, and a day's detail", "/checkin", async (p) => {
    await p.getByTestId("checkin-used-yes").click();
    await p.locator('[data-testid="checkin-day"][data-date="2026-03-09"]').click();
    await expect(p.getByTestId("checkin-day-detail")).toBeVisible();
  }],
  ["weekly look-back", "/weekly"],
  ["journal", "/journal"],
  ["journal editor with prompts", "/journal", async (p) => p.getByTestId("journal-new").click()],
  ["medication", "/meds"],
  ["medication form", "/meds", async (p) => p.getByTestId("med-add").click()],
  ["medication history and the risk card", "/meds", async (p) => {
    await p.getByTestId("med-history-open").click();
    await p.getByTestId("med-taper").click();
    await expect(p.getByTestId("risk-card")).toBeVisible();
  }],
  ["appointment form", "/meds", async (p) => p.getByTestId("appt-add").click()],
  ["appointment: only this one or every time?", "/meds", async (p) => {
    await p.locator('[data-testid="appt-item"][data-date="2026-03-12"]').getByTestId("appt-edit").click();
    await expect(p.getByTestId("appt-this-one")).toBeVisible();
  }],
  ["plan", "/plan"],
  ["plan walk-through", "/plan", async (p) => p.getByTestId("plan-guide-start").click()],
  ["help", "/help"],
  ["overdose guide", "/help/overdose"],
  ["craving SOS", "/sos"],
  ["settings", "/settings"],
  ["delete confirmation", "/settings", async (p) => p.getByTestId("delete-all").click()],
  ["backup waiting for confirmation", "/settings", async (p) => {
    await p.getByTestId("export-backup").click();
    await expect(p.getByTestId("backup-saved-confirm")).toBeVisible();
  }],
  ["set-aside copy shown, deleting", "/settings", async (p) => {
    await p.getByTestId("set-aside-view").click();
    await p.getByTestId("set-aside-delete").click();
    await expect(p.getByTestId("set-aside-delete-confirm")).toBeVisible();
  }],
  ["import preview", "/settings", async (p) => {
    const file = JSON.stringify({ format: "steady-backup", version: 1, exported_at: "2026-03-01T10:00:00", settings: {}, counters: { list: [] }, plan: {}, coping: {}, cravings: [] });
    await p.getByTestId("import-backup").setInputFiles({ name: "b.json", mimeType: "application/json", buffer: Buffer.from(file) });
    await expect(p.getByTestId("import-preview")).toBeVisible();
  }],
  ["paste my data preview", "/settings", async (p) => {
    const file = JSON.stringify({ format: "steady-backup", version: 1, exported_at: "2026-03-01T10:00:00", settings: {}, counters: { list: [] }, plan: {}, coping: {}, cravings: [] });
    await p.getByTestId("paste-data").fill(file);
    await p.getByTestId("paste-data-check").click();
    await expect(p.getByTestId("paste-preview")).toBeVisible();
  }],
  ["plan link made, its passphrase and the preview", "/plan", async (p) => {
    await p.getByTestId("share-preview").locator("summary").click();
    await p.getByTestId("share-link").click();
    await expect(p.getByTestId("share-passphrase")).toBeVisible({ timeout: 15_000 });
  }],
  ["plan link as a QR code, full screen", "/plan", async (p) => {
    await p.getByTestId("share-link").click();
    await p.getByTestId("share-qr").click({ timeout: 15_000 });
    await expect(p.getByTestId("share-qr-code")).toBeVisible();
  }],
  // Saves today's check-in, so it comes after the screens that show the check-in before it.
  ["check-in text for the sponsor", "/", async (p) => {
    await p.getByTestId("checkin-open").click();
    await p.getByTestId("checkin-mood-4").click();
    await p.getByTestId("checkin-save").click();
    await p.getByTestId("sponsor-checkin").click();
    await expect(p.getByTestId("sponsor-checkin-send")).toBeVisible();
  }],
  ["a shared plan asking for its passphrase", "/", (p) => openSharedPlan(p, "walk through the park")],
  ["a shared plan, opened", "/", (p) => openSharedPlan(p)],
  ["a shared plan, kept", "/", async (p) => {
    await openSharedPlan(p);
    await p.getByTestId("shared-keep").click();
    await expect(p.getByTestId("shared-kept")).toBeVisible();
  }],
  // After the one above, which keeps a plan.
  ["people I support, removing one", "/supporting", async (p) => {
    await p.getByTestId("supporting-remove").click();
    await expect(p.getByTestId("supporting-remove-confirm")).toBeVisible();
  }],
  ["a kept plan, opened", "/supporting", async (p) => {
    await p.getByTestId("supporting-open").click();
    await expect(p.getByTestId("shared-plan")).toBeVisible();
  }],
  ["not found", "/nowhere"],
  // Last: from here on the page looks like a private Safari tab on an iPhone.
  ["iPhone Safari tab and private-window notes on Today", "/", async (p) => {
    await p.addInitScript(() => {
      const ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
      Object.defineProperty(Navigator.prototype, "userAgent", { get: () => ua, configurable: true });
      Object.defineProperty(Navigator.prototype, "standalone", { get: () => false, configurable: true });
      StorageManager.prototype.estimate = async () => ({ quota: 20 * 1024 * 1024, usage: 0 });
    });
    await p.reload();
    await expect(p.getByTestId("install-guide")).toBeVisible();
    await expect(p.getByTestId("private-note")).toBeVisible();
  }],
];

