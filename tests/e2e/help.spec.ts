import { test, expect, openApp, stored } from "./fixtures";

test("US helplines by default: call, text and TTY links with the number shown", async ({ page }) => {
  await openApp(page, "/help");
  const lines = page.getByTestId("helplines");
  await expect(lines.locator("li").first()).toHaveAttribute("data-testid", "helpline-us-emergency");

  const emergency = page.getByTestId("helpline-us-emergency");
  await expect(emergency.getByRole("link", { name: /^Call 911 — Emergency services/ })).toHaveAttribute("href", "tel:911");

  const samhsa = page.getByTestId("helpline-us-samhsa");
  const call = samhsa.getByRole("link", { name: /^Call 1-800-662-4357 — SAMHSA/ });
  await expect(call).toHaveAttribute("href", "tel:+18006624357");
  await expect(call).toContainText("1-800-662-4357");
  await expect(samhsa.getByRole("link", { name: /TTY/ })).toHaveAttribute("href", "tel:+18004874889");
  await expect(samhsa.getByRole("link", { name: /ZIP code/ })).toHaveAttribute("href", "sms:435748");
  await expect(samhsa).toContainText("24/7");

  const crisis = page.getByTestId("helpline-us-988");
  await expect(crisis.getByRole("link", { name: /^Call 988 — 988/ })).toHaveAttribute("href", "tel:988");
  await expect(crisis.getByRole("link", { name: /^Text 988/ })).toHaveAttribute("href", "sms:988");

  await expect(page.getByTestId("helpline-us-poison").getByRole("link", { name: /^Call/ })).toHaveAttribute(
    "href",
    "tel:+18002221222",
  );
});

const REGIONS = [
  { code: "CA", emergency: "tel:911", other: "helpline-ca-nors" },
  { code: "UK", emergency: "tel:999", other: "helpline-uk-samaritans" },
  { code: "IE", emergency: "tel:112", other: "helpline-ie-hse" },
  { code: "AU", emergency: "tel:000", other: "helpline-au-lifeline" },
];

for (const region of REGIONS) {
  test(`region ${region.code} shows its own lines and is remembered after reload`, async ({ page }) => {
    await openApp(page, "/help");
    await page.getByTestId("region-picker").selectOption(region.code);
    const first = page.getByTestId("helplines").locator("li").first();
    await expect(first.getByRole("link", { name: /^Call/ })).toHaveAttribute("href", region.emergency);
    await expect(page.getByTestId(region.other)).toBeVisible();
    await expect(page.getByTestId("helpline-us-samhsa")).toHaveCount(0);
    expect(await stored(page, "steady.settings")).toBe(`{"v":2,"data":{"region":"${region.code}","region_chosen":true}}`);

    await page.reload();
    await expect(page.getByTestId("region-picker")).toHaveValue(region.code);
    await expect(page.getByTestId(region.other)).toBeVisible();
  });
}

test("the overdose guide is one tap from Help and calls the region's emergency number", async ({ page }) => {
  await openApp(page, "/settings");
  await page.getByTestId("region-picker").selectOption("UK");
  await page.getByTestId("sos").click();
  await page.getByTestId("overdose-guide").click();
  await expect(page).toHaveURL("/help/overdose");
  const guide = page.getByTestId("overdose-page");
  await expect(guide.getByRole("heading", { level: 1 })).toContainText("overdosing");
  await expect(guide).toContainText("naloxone");
  await expect(guide).toContainText("use a new spray in the other nostril");
  await expect(guide).toContainText("recovery position");
  await expect(guide).toContainText("Don't put them in a cold shower");
  await expect(page.getByTestId("overdose-call")).toHaveAttribute("href", "tel:999");
});

test("the overdose guide never tells anyone not to inject naloxone", async ({ page }) => {
  // UK and Irish take-home kits (and some Canadian ones) are injections.
  await openApp(page, "/help/overdose");
  const guide = page.getByTestId("overdose-page");
  await expect(guide).toContainText("An injection: as the kit shows");
  await expect(guide).toContainText("Don't inject or give them anything except naloxone — no salt water, milk or other drugs.");
  await expect(guide).not.toContainText("Don't inject them with anything.");
});

const PLAN_WITH_SPONSOR = JSON.stringify({
  v: 1,
  data: { lists: { support: [{ id: 2, text: "Sam", role: "sponsor", phone: "555 123 4567" }] }, guide: "not-started" },
});

test("opened straight to Help, the helplines first show with the person's own people already above them", async ({ page }) => {
  // The page's clock is held, so the helplines' longest wait (for a slow network) can't
  // end first on a busy machine: they must appear because the people arrived.
  await page.clock.install({ time: new Date("2026-12-01T09:00:00") });
  await page.clock.pauseAt(new Date("2026-12-01T10:00:00"));
  await page.addInitScript((plan) => {
    localStorage.setItem("steady.plan", plan);
    // At each change to the page, note where the helplines are the first time they can be seen, and whether Sam was there.
    const w = window as unknown as { firstSeen?: { people: number; top: number } };
    const look = () => {
      const lines = document.querySelector('main [data-testid="helplines"]');
      if (!w.firstSeen && lines && getComputedStyle(lines).visibility === "visible" && lines.getBoundingClientRect().height > 0) {
        w.firstSeen = { people: document.querySelectorAll('[data-testid="support-person"]').length, top: lines.getBoundingClientRect().top };
      }
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
  }, PLAN_WITH_SPONSOR);
  await page.goto("/help");
  // Page time moves on only in small steps, each with real time to fetch and render
  // in, and stays inside the wait: the people must come in time however busy the machine.
  for (let ms = 0; ms < 300 && (await page.getByTestId("support-person").count()) === 0; ms += 10) {
    await page.clock.runFor(10);
    await page.waitForTimeout(100);
  }
  await expect(page.getByTestId("support-person")).toContainText("Sam");
  await expect(page.getByTestId("helplines")).toBeVisible();
  const firstSeen = await page.waitForFunction(() => (window as unknown as { firstSeen?: object }).firstSeen).then((h) => h.jsonValue());
  expect(firstSeen).toEqual({ people: 1, top: await page.getByTestId("helplines").evaluate((el) => el.getBoundingClientRect().top) });
});

test("if the person's own people are slow to arrive, the helplines show without them", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-12-01T09:00:00") });
  await page.clock.pauseAt(new Date("2026-12-01T10:00:00"));
  await page.addInitScript((plan) => localStorage.setItem("steady.plan", plan), PLAN_WITH_SPONSOR);
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/split_support\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/help");
  await expect(page.getByTestId("helplines")).toBeHidden();
  await page.clock.runFor(500);
  await expect(page.getByTestId("helpline-us-988")).toBeVisible();
  release();
  await expect(page.getByTestId("support-person")).toContainText("Sam");
});

test("if the code for the person's own people can't be fetched, Help still shows the helplines", async ({ page }) => {
  await page.addInitScript((plan) => localStorage.setItem("steady.plan", plan), PLAN_WITH_SPONSOR);
  await page.route(/split_support\.wasm$/, (route) => route.abort("internetdisconnected"));
  await page.goto("/help");
  await expect(page.getByTestId("part-failed")).toBeVisible();
  await expect(page.getByTestId("helpline-us-988")).toBeVisible();
  await expect(page.getByTestId("overdose-guide")).toBeVisible();

  await page.unroute(/split_support\.wasm$/);
  await page.getByTestId("part-retry").click();
  await expect(page.getByTestId("support-person")).toContainText("Sam");
});

test("with no plan stored, Help asks for the person's people without fetching anything", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await openApp(page, "/help");
  await expect(page.getByTestId("support-empty")).toBeVisible();
  await expect(page.getByTestId("helpline-us-988")).toBeVisible();
  // (The country's buttons under the emergency call are split off, and fetched.)
  expect(fetched.filter((p) => /\/split_support\.wasm$/.test(p))).toEqual([]);
});
