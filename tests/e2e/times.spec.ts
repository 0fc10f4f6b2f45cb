// Times, numbers and money as the reader reads them: the clock (12- or 24-hour) and the marks
// in "1,000" and "12.50" come from Intl for the app's language with the phone's region (the
// browser's locale here), so Spanish on a US phone is es-US: "a la 1:05 p. m.", "1,164 días".
import { test, expect, openApp, plant } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "America/New_York" });

// 10 March 2026, 08:10 in New York: the 08:00 dose is due; clean since 1 January 2023 (1,164 days).
const NOW = new Date("2026-03-10T12:10:00Z");
const SEED = {
  "steady.counters": JSON.stringify({
    v: 1,
    data: { list: [{ id: 1, name: "Clean time", start: { date: "2023-01-01" }, history: [], money_per_day_cents: 1500, celebrated: 99 }], main: 1 },
  }),
  "steady.meds": JSON.stringify({
    v: 1,
    data: {
      list: [{ id: 1, k: "bup", dose: "8 mg", from: "2026-03-01", r: "daily", at: ["08:00:00", "20:00:00"] }],
      appts: [{ id: 1, k: "talk", t: "Counselling", from: "2026-03-12", at: "13:05:00", r: "once" }],
    },
  }),
};

async function today(page: Page) {
  await page.clock.install({ time: NOW });
  await plant(page, SEED);
  await openApp(page, "/");
}

const text = async (page: Page, id: string) => (await page.getByTestId(id).first().textContent()) ?? "";

test.describe("on a US phone in English", () => {
  test.use({ locale: "en-US" });

  test("times are 12-hour and numbers grouped with commas; the language switch brings es-US times", async ({ page }) => {
    await today(page);
    await expect(page.getByTestId("med-today")).toContainText("Time for your 8:00 AM dose");
    await expect(page.getByTestId("appt-next")).toContainText("Thu 12 Mar at 1:05 PM");
    // One line: a no-break space before AM/PM.
    expect(await text(page, "appt-next")).toContain("1:05\u00a0PM");
    await expect(page.getByTestId("counter-days")).toHaveText("1,164 days");
    await expect(page.getByTestId("money-saved")).toHaveText("$17,460.00 not spent");
    await page.getByTestId("med-taken").click();
    await expect(page.getByTestId("med-taken-at")).toHaveText("Taken at 8:10 AM");
    await expect(page.getByTestId("med-just-taken")).toContainText("Marked taken at 8:10 AM.");
    // A time field keeps the 24-hour value the browser's time input needs.
    await expect(page.getByTestId("med-taken-time")).toHaveValue("08:10");

    await page.goto("/settings");
    await page.getByTestId("language-picker").selectOption("es");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.getByTestId("nav-today").click();
    await expect(page.getByTestId("appt-next")).toContainText("12 mar a la 1:05 p. m.");
    await expect(page.getByTestId("counter-days")).toHaveText("1,164 días");
    await expect(page.getByTestId("money-saved")).toContainText("17,460.00");

    await page.getByTestId("nav-settings").click();
    await page.getByTestId("language-picker").selectOption("en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByTestId("nav-today").click();
    await expect(page.getByTestId("appt-next")).toContainText("Thu 12 Mar at 1:05 PM");
  });
});

test.describe("the medication times field on a US phone", () => {
  test.use({ locale: "en-US" });

  test("takes times as the reader writes them (8 am, 8:30 p.m.), shows them 12-hour and explains in 12-hour", async ({ page }) => {
    await page.clock.install({ time: NOW });
    await openApp(page, "/meds");
    await page.getByTestId("med-add").click();
    await expect(page.locator('label[for="med-times"]')).toHaveText("Times of day (optional, e.g. 8:00\u00a0AM, 8:00\u00a0PM)");
    await expect(page.getByTestId("med-times")).toHaveAttribute("inputmode", "text");
    await page.getByTestId("med-name").fill("Buprenorphine");
    await page.getByTestId("med-times").fill("8 pm, 8h");
    await page.getByTestId("med-save").click();
    await expect(page.getByTestId("med-error")).toContainText("Write the times like 8:00\u00a0AM or 8:30\u00a0PM");
    await page.getByTestId("med-times").fill("8:30 p.m., 8 am");
    await page.getByTestId("med-save").click();
    await expect(page.getByTestId("med-item")).toContainText("at 8:00\u00a0AM, 8:30\u00a0PM");
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem("steady.meds")))!).data.list[0].at).toEqual(["08:00:00", "20:30:00"]);
    await page.getByTestId("med-edit").first().click();
    await expect(page.getByTestId("med-times")).toHaveValue("8:00\u00a0AM, 8:30\u00a0PM");
  });
});

test.describe("the medication times field on a UK phone", () => {
  test.use({ locale: "en-GB" });

  test("shows 24-hour times and the number pad", async ({ page }) => {
    await openApp(page, "/meds");
    await page.getByTestId("med-add").click();
    await expect(page.locator('label[for="med-times"]')).toHaveText("Times of day (optional, e.g. 08:00, 20:00)");
    await expect(page.getByTestId("med-times")).toHaveAttribute("inputmode", "numeric");
  });
});

// What each phone shows on Today: the due dose, the next appointment, the count and the money saved.
const PHONES = [
  { locale: "es-US", clock: "12-hour with a. m./p. m., 'a la' for one o'clock", due: "8:00\u00a0a.\u00a0m.", appt: "12 mar a la 1:05\u00a0p.\u00a0m.", days: "1,164 días", money: "17,460.00" },
  { locale: "en-GB", clock: "24-hour", due: "Time for your 08:00 dose", appt: "Thu 12 Mar at 13:05", days: "1,164 days", money: "17,460.00" },
  { locale: "es-ES", clock: "24-hour, numbers as in Spain", due: "08:00", appt: "12 mar a las 13:05", days: "1164 días", money: "17.460,00" },
];

for (const phone of PHONES) {
  test.describe(`on a phone in ${phone.locale}`, () => {
    test.use({ locale: phone.locale });

    test(`times are ${phone.clock}`, async ({ page }) => {
      await today(page);
      await expect(page.locator("html")).toHaveAttribute("lang", phone.locale.slice(0, 2));
      // Exact text: the no-break spaces inside a 12-hour time too.
      await expect.poll(() => text(page, "med-today")).toContain(phone.due);
      await expect.poll(() => text(page, "appt-next")).toContain(phone.appt);
      await expect(page.getByTestId("counter-days")).toHaveText(phone.days);
      await expect(page.getByTestId("money-saved")).toContainText(phone.money);
    });
  });
}
