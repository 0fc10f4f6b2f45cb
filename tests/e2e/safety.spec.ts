// Safety at the moments that matter (issue 27): the right emergency number
// without asking, the call first, expired naloxone used anyway, don't use
// alone, warnings that fit the drug, and a crisis line after the lowest mood.
import { test, expect, openApp, plant, stored } from "./fixtures";
import type { Page } from "@playwright/test";

const LOCK_RECORD = (region: string) =>
  JSON.stringify({
    v: 1,
    data: {
      salt: "BwcHBwcHBwcHBwcHBwcHBw==",
      iterations: 600000,
      check: "steady-aes-gcm:AAAAAAAAAAAAAAAA:AAAA",
      generation: 1763900000000,
      idle_minutes: 5,
      region,
      numeric: true,
      failures: 0,
      wait_until_ms: 0.0,
    },
  });

test.describe("in London, with no country picked", () => {
  test.use({ timezoneId: "Europe/London", locale: "en-US" });

  test("the overdose guide calls 999, says it's a guess, and confirming it keeps it", async ({ page }) => {
    await openApp(page, "/help/overdose");
    await expect(page.getByTestId("overdose-call")).toHaveAttribute("href", "tel:999");
    const country = page.getByTestId("emergency-country");
    await expect(country).toContainText("Emergency number for United Kingdom: 999");
    await expect(country).toContainText("a guess from your time zone");
    // In the UK there is no national line for using alone: ask someone instead.
    await expect(page.getByTestId("use-alone-line")).toContainText("ask someone you trust");
    await expect(page.getByTestId("overdose-page")).not.toContainText("Good Samaritan");

    await country.getByTestId("region-confirm").click();
    await expect(country).not.toContainText("a guess");
    expect(JSON.parse((await stored(page, "steady.settings"))!)).toEqual({ v: 2, data: { region: "UK", region_chosen: true } });
  });

  test("Help puts a 999 button above everything and the UK's lines below", async ({ page }) => {
    await openApp(page, "/help");
    const call = page.getByTestId("overdose-call");
    await expect(call).toHaveAttribute("href", "tel:999");
    const callTop = (await call.boundingBox())!.y;
    expect(callTop).toBeLessThan((await page.getByTestId("craving-sos").boundingBox())!.y);
    await expect(page.getByTestId("helpline-uk-samaritans")).toBeVisible();
    await expect(page.getByTestId("helpline-uk-frank")).toContainText("24/7 by phone");
  });
});

test.describe("in Toronto", () => {
  test.use({ timezoneId: "America/Toronto", locale: "en-US" });

  test("the guide names Canada, offers NORS for using alone, and Canada's Good Samaritan Act", async ({ page }) => {
    await openApp(page, "/help/overdose");
    await expect(page.getByTestId("emergency-country")).toContainText("Emergency number for Canada: 911");
    await expect(page.getByTestId("use-alone-call")).toHaveAttribute("href", "tel:+18886886677");
    await expect(page.getByTestId("overdose-page")).toContainText("Good Samaritan Drug Overdose Act");
  });
});

test.describe("in Sydney", () => {
  test.use({ timezoneId: "Australia/Sydney", locale: "en-US" });

  test("the emergency number is 000 on Help and the overdose guide", async ({ page }) => {
    await openApp(page, "/help");
    await expect(page.getByTestId("overdose-call")).toHaveAttribute("href", "tel:000");
    await expect(page.getByTestId("helpline-au-lifeline").getByRole("link", { name: /0477 13 11 14/ })).toHaveAttribute("href", "sms:0477131114");
    await page.getByTestId("overdose-guide").click();
    await expect(page.getByTestId("overdose-call")).toHaveAttribute("href", "tel:000");
  });
});

test("a country picked in Settings stays, whatever the time zone says", async ({ page }) => {
  await plant(page, { "steady.settings": JSON.stringify({ v: 1, data: { region: "IE" } }) });
  await openApp(page, "/help/overdose");
  await expect(page.getByTestId("overdose-call")).toHaveAttribute("href", "tel:112");
  await expect(page.getByTestId("emergency-country")).not.toContainText("a guess");
  await expect(page.getByTestId("region-confirm")).toHaveCount(0);
});

test("one tap changes the country next to the emergency call, and it is remembered", async ({ page }) => {
  await openApp(page, "/help/overdose");
  await expect(page.getByTestId("overdose-call")).toHaveAttribute("href", "tel:911");
  await expect(page.getByTestId("emergency-country")).toContainText("Emergency number for United States: 911");
  // The US: Never Use Alone, and Good Samaritan laws in many states.
  await expect(page.getByTestId("use-alone-call")).toHaveAttribute("href", "tel:+18004843731");
  await expect(page.getByTestId("overdose-page")).toContainText("Good Samaritan laws");
  await page.getByTestId("region-change").click();
  await page.getByTestId("region-change-select").selectOption("UK");
  await expect(page.getByTestId("overdose-call")).toHaveAttribute("href", "tel:999");
  await page.reload();
  await expect(page.getByTestId("overdose-call")).toHaveAttribute("href", "tel:999");
  expect(JSON.parse((await stored(page, "steady.settings"))!).data).toEqual({ region: "UK", region_chosen: true });
});

test("the lock screen names the country and can show another country's numbers", async ({ page }) => {
  await plant(page, { "steady.lock": LOCK_RECORD("UK") });
  await page.goto("/");
  const screen = page.getByTestId("lock-screen");
  await expect(screen.getByTestId("emergency-country").first()).toContainText("United Kingdom: 999");
  await screen.getByTestId("region-change").first().click();
  await screen.getByTestId("region-change-select").selectOption("AU");
  await expect(screen.getByTestId("helpline-au-emergency")).toBeVisible();
  await screen.getByTestId("lock-overdose").locator("summary").click();
  await expect(screen.getByTestId("overdose-call")).toHaveAttribute("href", "tel:000");
  // Nothing readable was written: the lock record is as it was.
  expect(await stored(page, "steady.lock")).toBe(LOCK_RECORD("UK"));
});

test("the overdose steps: wake and call in one step, naloxone is safe, a new spray each dose, sedatives, leaving, after waking", async ({ page }) => {
  await openApp(page, "/help/overdose");
  const steps = page.getByTestId("overdose-steps").locator("li");
  await expect(steps.first()).toContainText("rub hard on the middle of their chest");
  await expect(steps.first()).toContainText("No response? Call 911 now and put the phone on speaker");
  const naloxone = page.getByTestId("overdose-naloxone-step");
  await expect(naloxone).toContainText("won't hurt someone who hasn't taken opioids");
  await expect(naloxone).toContainText("use a new spray in the other nostril");
  await expect(page.getByTestId("overdose-sedatives")).toContainText("xylazine");
  await expect(page.getByTestId("overdose-steps")).toContainText("If you have to leave them, even for a moment, put them on their side first.");
  await expect(page.getByTestId("overdose-after")).toContainText("30–90 minutes");
  await expect(page.getByTestId("fentanyl-warning")).toContainText("fentanyl test strips");
  await expect(page.getByTestId("overdose-be-ready")).toContainText("use an expired kit anyway");
});

test("in Spanish the overdose guide says it is the person who may stop breathing again", async ({ page }) => {
  await plant(page, { "steady-language": "es" });
  await openApp(page, "/help/overdose");
  await expect(page.getByTestId("overdose-page")).toContainText("la persona puede volver a dejar de respirar");
  await expect(page.getByTestId("emergency-country")).toContainText("Número de emergencias de Estados Unidos: 911");
  await expect(page.getByTestId("use-alone-line")).toContainText("no lo hagas a solas");
});

const EXPIRED_KIT = JSON.stringify({ v: 2, data: { nal: { w: "Kitchen drawer", x: "2026-01-31", k: "nasal" } } });

test("expired naloxone: the guide calls first, then says to use the kit anyway; Today keeps it short", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-03-10T12:00:00Z") });
  await plant(page, { "steady.meds": EXPIRED_KIT });
  await openApp(page, "/help/overdose");
  const note = page.getByTestId("naloxone-expiring");
  await expect(note).toContainText("If someone is overdosing, use it anyway: expired naloxone usually still works.");
  await expect(page.getByTestId("naloxone-shown")).toContainText("Each spray is one dose");
  const callY = (await page.getByTestId("overdose-call").boundingBox())!.y;
  const kitY = (await page.getByTestId("naloxone-shown").boundingBox())!.y;
  const stepsY = (await page.getByTestId("overdose-steps").boundingBox())!.y;
  expect(callY).toBeLessThan(kitY);
  expect(kitY).toBeLessThan(stepsY);

  await page.goto("/help");
  await expect(page.getByTestId("naloxone-expiring")).toContainText("use it anyway");

  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("naloxone-expiring")).toContainText("Get a new kit when you can");
  await expect(page.getByTestId("naloxone-expiring")).not.toContainText("If someone is overdosing");
});

async function counterOf(page: Page, counts: string, start: string) {
  await plant(page, {
    "steady.counters": JSON.stringify({ v: 1, data: { list: [{ id: 1, name: "Mine", start: { date: start }, history: [], counts }], main: 1 } }),
  });
  await page.clock.install({ time: new Date("2026-03-10T12:00:00Z") });
  await openApp(page, "/");
  await page.getByTestId("slip").click();
  await page.getByTestId("slip-confirm").click();
  return page.getByTestId("tolerance-warning");
}

test("a slip on a stimulant counter warns about fentanyl and using alone", async ({ page }) => {
  const warning = await counterOf(page, "stimulants", "2026-03-09");
  await expect(warning).toContainText("often mixed with fentanyl");
  await expect(warning.getByTestId("use-alone-line")).toBeVisible();
});

test("a slip on an alcohol counter says stopping suddenly can be dangerous", async ({ page }) => {
  const warning = await counterOf(page, "alcohol", "2026-02-01");
  await expect(warning).toContainText("stopping suddenly can be dangerous");
  await expect(warning).toContainText("call 911");
});

test("an opioid slip after three days warns, in words that can't mean the amount just taken", async ({ page }) => {
  const warning = await counterOf(page, "opioids", "2026-03-07");
  await expect(warning).toContainText("The amount you used to take before your break could now stop your breathing");
  await expect(warning).not.toContainText("same amount as before");
  await expect(warning.getByTestId("use-alone-call")).toHaveAttribute("href", "tel:+18004843731");
});

test("saying 'I used' in the SOS flow, in the log and on Today's follow-up brings the don't-use-alone line", async ({ page }) => {
  await openApp(page, "/sos");
  await expect(page.getByTestId("emergency-country")).toContainText("Emergency number for United States: 911");
  await page.getByTestId("trigger-stress").click();
  await page.getByTestId("craving-save").click();
  await page.getByTestId("sos-next").click();
  await page.getByTestId("sos-outcome-used").click();
  await expect(page.getByTestId("sos-done").getByTestId("used-safety")).toContainText("before your break");
  await expect(page.getByTestId("sos-done").getByTestId("use-alone-call")).toHaveAttribute("href", "tel:+18004843731");

  await page.goto("/log/new");
  await page.getByTestId("trigger-people").click();
  await page.getByTestId("craving-save").click();
  await expect(page.getByTestId("flash")).toBeVisible();
  // Completed later in the log: choosing "I used" shows the line at once.
  await page.getByTestId("log-entries").getByTestId("log-entry").first().getByRole("button").first().click();
  await page.getByTestId("outcome-used").click();
  await expect(page.getByTestId("used-safety").getByTestId("use-alone-line")).toBeVisible();
  await page.getByTestId("outcome-used").click();
  await expect(page.getByTestId("used-safety")).toHaveCount(0);

  // Opened again later: Today asks how the craving without an outcome went.
  await page.goto("/");
  await page.getByTestId("followup-used").click();
  await expect(page.getByTestId("follow-up")).toHaveCount(0);
  await expect(page.getByTestId("used-safety").getByTestId("use-alone-line")).toBeVisible();
  await page.getByTestId("followup-close").click();
  await expect(page.getByTestId("used-safety")).toHaveCount(0);
});

test("the lowest mood in a check-in offers the crisis line, and saving keeps it in view", async ({ page }) => {
  await openApp(page, "/checkin");
  await page.getByTestId("checkin-mood-2").click();
  await expect(page.getByTestId("crisis-offer")).toHaveCount(0);
  await page.getByTestId("checkin-mood-1").click();
  const offer = page.getByTestId("crisis-offer");
  await expect(offer).toContainText("If you're thinking about suicide or don't feel safe");
  await expect(offer.getByTestId("crisis-call")).toHaveAttribute("href", "tel:988");
  await page.getByTestId("checkin-used-yes").click();
  await expect(page.getByTestId("checkin-used-panel").getByTestId("use-alone-line")).toBeVisible();
  await page.getByTestId("checkin-save").click();
  await expect(page.getByTestId("flash")).toContainText("Check-in saved");
  await expect(page).toHaveURL("/checkin");
  await expect(page.getByTestId("crisis-offer")).toBeFocused();
});

test("the weekly watch-outs for use and a falling mood offer the tolerance warning, the use-alone line, the overdose guide and the crisis line", async ({ page }) => {
  const checkIn = (d: string, m: number, extra = {}) => ({ d, m, t: `${d}T21:00:00`, ...extra });
  await page.clock.install({ time: new Date("2026-03-11T12:00:00Z") });
  await plant(page, {
    "steady.settings": JSON.stringify({ v: 1, data: { region: "UK", look_back_day: 6 } }),
    "steady.checkin.2026-02": JSON.stringify({ v: 1, data: [checkIn("2026-02-24", 4), checkIn("2026-02-26", 4), checkIn("2026-02-28", 5)] }),
    "steady.checkin.2026-03": JSON.stringify({ v: 1, data: [checkIn("2026-03-03", 2), checkIn("2026-03-05", 2, { u: true }), checkIn("2026-03-07", 1)] }),
  });
  await openApp(page, "/weekly");
  const card = page.getByTestId("weekly-watchouts");
  await expect(card).toContainText("You used on some days this week.");
  await expect(card.getByTestId("used-safety")).toContainText("the amount you used to take before your break could now stop your breathing");
  await expect(card.getByTestId("use-alone-line")).toContainText("ask someone you trust");
  await expect(card.getByTestId("used-safety").getByRole("link", { name: "What to do in an overdose" })).toHaveAttribute("href", "/help/overdose");
  await expect(card.getByTestId("crisis-call")).toHaveAttribute("href", "tel:116123");
});
