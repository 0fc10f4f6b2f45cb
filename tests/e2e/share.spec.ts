// A plan shared by link: made on the plan's share panel, opened on a phone that has
// never used Steady, protected by a passphrase by default. The plan travels only after
// the link's #, so no request ever carries it.
import { test, expect, openApp, snapshot, waitForServiceWorker } from "./fixtures";
import type { Browser, Page, Request } from "@playwright/test";
import { createRequire } from "node:module";
import jsQR from "jsqr";

// Playwright's own PNG reader, to read a screenshot's pixels.
const { PNG } = createRequire(import.meta.url)("playwright-core/lib/utilsBundle");

test.use({ timezoneId: "America/Chicago", locale: "en-US" });
const NOW = new Date("2026-11-23T15:00:00Z");

async function addItem(page: Page, section: string, text: string, response?: string) {
  const s = page.getByTestId(`plan-section-${section}`);
  await s.getByTestId("plan-new-text").first().fill(text);
  if (response) await s.getByTestId("plan-new-response").fill(response);
  await s.getByTestId("plan-add-item").first().click();
}

/** `count` coping items of letters that don't compress away (xorshift: no pattern for DEFLATE to find). */
async function addIncompressible(page: Page, count: number, length: number) {
  let seed = 2463534242;
  const letter = () => {
    seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
    return "abcdefghijklmnopqrstuvwxyz "[seed % 27];
  };
  for (let i = 0; i < count; i++) await addItem(page, "coping", `x${Array.from({ length }, letter).join("")}`);
}

/** A plan with a reason, a trigger and a sponsor, on the plan screen. */
async function aPlan(page: Page) {
  await page.clock.install({ time: NOW });
  await openApp(page, "/plan");
  await addItem(page, "reasons", "My daughter");
  await addItem(page, "triggers", "Payday", "Pay bills first");
  const support = page.getByTestId("plan-section-support");
  await support.getByTestId("plan-new-text").fill("Sam");
  await support.getByTestId("plan-item-role").last().selectOption("sponsor");
  await support.getByTestId("plan-item-phone").last().fill("(555) 123-4567");
  await support.getByTestId("plan-add-item").click();
  await expect(page.getByTestId("plan-saved")).toHaveText("Saved on this device ✓");
}

async function makeLink(page: Page): Promise<{ link: string; passphrase: string | null }> {
  await page.getByTestId("share-link").click();
  const url = page.getByTestId("share-link-url");
  await expect(url).toHaveValue(/\/shared#plan1\./, { timeout: 15_000 });
  const passphrase = (await page.getByTestId("share-passphrase").count()) ? await page.getByTestId("share-passphrase").textContent() : null;
  return { link: await url.inputValue(), passphrase };
}

/** A phone that has never opened Steady, recording every request it makes. */
async function newPhone(browser: Browser) {
  const context = await browser.newContext({ locale: "en-US", timezoneId: "America/Chicago" });
  const requests: Request[] = [];
  context.on("request", (r) => requests.push(r));
  const page = await context.newPage();
  // Opened afresh, as a tapped link is (a goto that changes only what is after # wouldn't reload).
  const open = async (url: string) => {
    await page.goto("about:blank");
    await page.goto(url);
  };
  return { context, page, requests, open };
}

test("a protected link opens with its four words on a phone without Steady, shows only what was chosen, and leaves nothing there", async ({ page, browser }) => {
  test.setTimeout(60_000);
  await aPlan(page);
  await page.getByTestId("share-name").fill("Jo");
  await page.getByTestId("share-include-phone").check();
  await page.getByTestId("share-phone").fill("(555) 987-6543");
  await page.getByTestId("share-include-reasons").uncheck();

  // The preview is exactly what will be sent.
  await page.getByTestId("share-preview").locator("summary").click();
  const preview = page.getByTestId("share-preview").getByTestId("shared-plan");
  await expect(preview).toContainText("Jo's relapse-prevention plan");
  await expect(preview).toContainText("Pay bills first");
  await expect(preview).not.toContainText("My daughter");
  await expect(preview.getByTestId("shared-call")).toHaveAttribute("href", "tel:+15559876543");

  await expect(page.getByTestId("share-protect")).toBeChecked();
  const { link, passphrase } = await makeLink(page);
  expect(passphrase).toMatch(/^[a-z]+ [a-z]+ [a-z]+ [a-z]+$/);
  expect(link).not.toContain("Payday");
  // A change after the link was made takes the link away: it would no longer match the preview.
  await page.getByTestId("share-name").fill("Joanna");
  await expect(page.getByTestId("share-link-url")).toHaveCount(0);
  // The name and number of the last link made are remembered for the next one, and what was
  // typed since is kept through a reload too.
  await page.reload();
  await expect(page.getByTestId("share-name")).toHaveValue("Joanna");
  await expect(page.getByTestId("share-phone")).toHaveValue("(555) 987-6543");

  const sponsor = await newPhone(browser);
  await sponsor.open(link);
  const words = sponsor.page.getByTestId("shared-passphrase");
  await expect(words).toBeVisible();
  // A wrong passphrase: a clear message, nothing shown.
  await words.fill("one two three four");
  await sponsor.page.getByTestId("shared-unlock").click();
  await expect(sponsor.page.getByTestId("shared-problem")).toContainText("doesn't open this plan", { timeout: 15_000 });
  await expect(sponsor.page.getByTestId("shared-plan")).toHaveCount(0);
  // Read aloud and typed back in capitals with extra spaces still opens it.
  await words.fill(`  ${passphrase!.toUpperCase().split(" ").join("   ")} `);
  await sponsor.page.getByTestId("shared-unlock").click();
  const plan = sponsor.page.getByTestId("shared-plan");
  await expect(plan).toContainText("Jo's relapse-prevention plan", { timeout: 15_000 });
  await expect(plan).toContainText("Payday");
  await expect(plan).toContainText("Pay bills first");
  await expect(plan).toContainText("Sam (sponsor): (555) 123-4567");
  await expect(plan).not.toContainText("My daughter");
  await expect(plan.getByTestId("shared-made")).toContainText("23 November 2026");
  await expect(plan.getByTestId("shared-call")).toHaveAttribute("href", "tel:+15559876543");
  await expect(plan.getByTestId("shared-text")).toHaveAttribute("href", "sms:+15559876543");
  await expect(sponsor.page.getByTestId("shared-print")).toBeVisible();

  // Read: the plan leaves the address bar; nothing was stored on this phone.
  expect(new URL(sponsor.page.url()).hash).toBe("");
  expect(await snapshot(sponsor.page)).toEqual({});
  // No request carried the plan, and none told a server where it came from.
  const fragment = link.split("#")[1];
  for (const request of sponsor.requests) {
    expect(new URL(request.url()).hostname).toBe("127.0.0.1");
    expect(request.url()).not.toContain(fragment.slice(0, 40));
    expect(request.postData() ?? "").not.toContain(fragment.slice(0, 40));
    // The page sends none. The service worker's own fetches name only sw.js, and the worker may be
    // gone by now, so its requests are read from the headers recorded as they were made.
    const referer = request.serviceWorker() ? request.headers()["referer"] : await request.headerValue("referer");
    expect(referer ?? "", `Referer on ${request.url()}`).not.toContain("/shared");
  }
  await sponsor.context.close();
});

test("a link without a passphrase warns first, then opens at once; it goes through the share sheet as a link", async ({ page, browser }) => {
  await aPlan(page);
  await page.addInitScript(() => {
    (navigator as any).share = (data: any) => { (window as any).shared = data; return Promise.resolve(); };
  });
  await page.reload();
  await page.getByTestId("share-protect").uncheck();
  await expect(page.getByTestId("share-protect-warning")).toContainText("anyone who gets this link can read your plan");
  const { link, passphrase } = await makeLink(page);
  expect(passphrase).toBeNull();
  await page.getByTestId("share-link-send").click();
  await expect(page.getByTestId("share-link-status")).toHaveText("Shared.");
  const shared = await page.evaluate(() => (window as any).shared);
  expect(shared.url).toBe(link);

  const sponsor = await newPhone(browser);
  await sponsor.open(link);
  await expect(sponsor.page.getByTestId("shared-plan")).toContainText("My daughter");
  await expect(sponsor.page.getByTestId("shared-plan")).toContainText("A relapse-prevention plan shared with you");
  await expect(sponsor.page.getByTestId("shared-passphrase")).toHaveCount(0);
  await expect(sponsor.page.getByTestId("shared-call")).toHaveCount(0);
  await sponsor.context.close();
});

test("a cut or changed link, or none at all, gets a clear message and changes nothing", async ({ page, browser }) => {
  await aPlan(page);
  const protectedLink = (await makeLink(page)).link;
  await page.getByTestId("share-protect").uncheck();
  const plainLink = (await makeLink(page)).link;

  const sponsor = await newPhone(browser);
  // Cut short, as a chat app might.
  await sponsor.open(plainLink.slice(0, -12));
  await expect(sponsor.page.getByTestId("shared-problem")).toContainText("cut short or damaged");
  await sponsor.open(protectedLink.slice(0, -9));
  await expect(sponsor.page.getByTestId("shared-problem")).toContainText("cut short or damaged");
  // Changed on the way.
  const [base, fragment] = plainLink.split("#");
  await sponsor.open(`${base}#${fragment.slice(0, 20)}${fragment[20] === "A" ? "B" : "A"}${fragment.slice(21)}`);
  await expect(sponsor.page.getByTestId("shared-problem")).toContainText("cut short or damaged");
  // No plan at all, or one from a newer Steady.
  await sponsor.open("/shared");
  await expect(sponsor.page.getByTestId("shared-problem")).toContainText("has no plan in it");
  await sponsor.open("/shared#plan2.AAAA");
  await expect(sponsor.page.getByTestId("shared-problem")).toContainText("newer version of Steady");
  await expect(sponsor.page.getByTestId("shared-plan")).toHaveCount(0);
  expect(await snapshot(sponsor.page)).toEqual({});
  await sponsor.context.close();
});

test("a second link tapped while a plan is open is read too (only what is after # changes)", async ({ page, browser }) => {
  await aPlan(page);
  await page.getByTestId("share-protect").uncheck();
  const first = (await makeLink(page)).link;
  await addItem(page, "reasons", "My dog");
  const second = (await makeLink(page)).link;
  const sponsor = await newPhone(browser);
  await sponsor.open(first);
  const plan = sponsor.page.getByTestId("shared-plan");
  await expect(plan).toContainText("My daughter");
  await expect(plan).not.toContainText("My dog");
  // The page isn't loaded again: the browser only changes the fragment.
  await sponsor.page.evaluate((hash) => { location.hash = hash; }, new URL(second).hash);
  await expect(plan).toContainText("My dog");
  await expect.poll(() => new URL(sponsor.page.url()).hash).toBe("");
  await sponsor.context.close();
});

test("a link too long for a chat app says so", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/plan");
  await addIncompressible(page, 6, 980);
  await page.getByTestId("share-protect").uncheck();
  await page.getByTestId("share-link").click();
  // The length as the reader groups numbers (en-US: "4,321").
  await expect(page.getByTestId("share-link-too-long")).toContainText(/This link is \d,\d{3} characters long, and chat apps may cut it/);
});

test("a plan shared in Spanish from an English phone opens in Spanish, with Spanish words to unlock it", async ({ page, browser }) => {
  test.setTimeout(60_000);
  await aPlan(page);
  await page.getByTestId("share-language").selectOption("es");
  await expect(page.getByTestId("share-preview").getByTestId("shared-plan")).toContainText("Un plan de prevención de recaídas compartido contigo");
  const { link, passphrase } = await makeLink(page);
  const sponsor = await newPhone(browser);
  await sponsor.open(link);
  await sponsor.page.getByTestId("shared-passphrase").fill(passphrase!);
  await sponsor.page.getByTestId("shared-unlock").click();
  const plan = sponsor.page.getByTestId("shared-plan");
  await expect(plan).toContainText("Un plan de prevención de recaídas compartido contigo", { timeout: 15_000 });
  await expect(plan).toHaveAttribute("lang", "es");
  await expect(plan).toContainText("Pay bills first");
  await sponsor.context.close();
});

test("after one visit, a link opens with the network off", async ({ page, browser }) => {
  test.setTimeout(60_000);
  await aPlan(page);
  const first = (await makeLink(page)).link;
  await page.getByTestId("share-name").fill("Jo");
  const second = await makeLink(page);
  const sponsor = await newPhone(browser);
  await sponsor.open(first);
  await expect(sponsor.page.getByTestId("shared-passphrase")).toBeVisible();
  await waitForServiceWorker(sponsor.page);
  await sponsor.context.setOffline(true);
  await sponsor.open(second.link);
  await sponsor.page.getByTestId("shared-passphrase").fill(second.passphrase!);
  await sponsor.page.getByTestId("shared-unlock").click();
  await expect(sponsor.page.getByTestId("shared-plan")).toContainText("Jo's relapse-prevention plan", { timeout: 15_000 });
  await sponsor.context.close();
});

test("the link as a QR code fills the screen and reads back, with an ordinary decoder, as exactly the link", async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 390, height: 800 });
  await aPlan(page);
  const { link } = await makeLink(page);
  await page.getByTestId("share-qr").click();
  const screen = page.getByTestId("share-qr-screen");
  await expect(screen).toBeVisible();
  await expect(page.getByTestId("share-qr-close")).toBeFocused();
  const box = (await screen.boundingBox())!;
  expect(box.width).toBe(390);

  // What the browser drew, as an image, read by jsQR (what a phone camera's reader does).
  const png = PNG.sync.read(await page.getByTestId("share-qr-code").screenshot());
  const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(read?.data).toBe(link);

  await page.keyboard.press("Escape");
  await expect(screen).toHaveCount(0);
  await expect(page.getByTestId("share-qr")).toBeFocused();
});

test("a plan too large for one QR code says so", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/plan");
  await addIncompressible(page, 2, 900);
  await page.getByTestId("share-protect").uncheck();
  await page.getByTestId("share-link").click();
  await expect(page.getByTestId("share-link-url")).toBeVisible();
  await page.getByTestId("share-qr").click();
  await expect(page.getByTestId("share-qr-too-large")).toContainText("too large for one QR code");
  await expect(page.getByTestId("share-qr-code")).toHaveCount(0);
  await page.getByTestId("share-qr-close").click();
  await expect(page.getByTestId("share-qr-screen")).toHaveCount(0);
});
