// The visit summary on Insights: a period and sections chosen, shown as it prints,
// printed alone, shared as text, in the language chosen. The journal and check-in
// notes never appear in it.
import { test, expect, openApp } from "./fixtures";
import { seeded } from "./screens";

test.use({ timezoneId: "America/New_York", locale: "en-US" });

test("a visit summary: four weeks by default, sections as chosen, never the journal, and it prints alone", async ({ page }) => {
  await seeded(page); // 10 March 2026, 10:00 in New York
  await page.addInitScript(() => { (window as any).printed = 0; window.print = () => { (window as any).printed++; }; });
  await openApp(page, "/log/insights");
  await page.getByTestId("visit-summary").click();
  const sheet = page.getByTestId("visit-summary-sheet");
  await expect(sheet).toContainText("From 11 February 2026 to 10 March 2026");
  await expect(page.getByTestId("visit-weeks-4")).toHaveAttribute("aria-pressed", "true");

  await expect(page.getByTestId("visit-section-clean-time")).toContainText("Clean time: 9 days, since 1 March 2026.");
  await expect(page.getByTestId("visit-section-clean-time")).toContainText("1 slip in this period: 27 Feb.");
  const checkins = page.getByTestId("visit-section-checkins");
  await expect(checkins).toContainText("Checked in on 2 of 28 days.");
  await expect(checkins).toContainText("Average mood: 3.0 (1 very low, 5 very good).");
  await expect(checkins.getByTestId("visit-chart")).toBeVisible();
  await expect(checkins).toContainText("mood 3.0, strongest craving 4.5, sleep 4.0 (2 check-ins).");
  await expect(page.getByTestId("visit-section-cravings")).toContainText("2 cravings logged, average strength 5.5 of 10.");
  await expect(page.getByTestId("visit-section-cravings")).toContainText("Of 2 cravings followed up, 1 passed.");
  // Ten days of two doses, and only this morning's is marked; this evening's isn't due yet.
  await expect(page.getByTestId("visit-section-medication")).toContainText("Buprenorphine film or tablet, 8 mg: 1 of 19 doses marked taken, 18 not marked.");
  await expect(page.getByTestId("visit-section-appointments")).toContainText("Coming up: 12 Mar 9:00\u00a0AM — Counselling.");
  await expect(page.getByTestId("visit-section-look-backs")).toContainText("No weekly look-backs in this period.");
  await expect(sheet).not.toContainText("Hard day at work");
  await expect(sheet).not.toContainText("Grateful for my daughter");

  // Two weeks, without cravings or appointments.
  await page.getByTestId("visit-weeks-2").click();
  await page.getByTestId("visit-include-cravings").uncheck();
  await page.getByTestId("visit-include-appointments").uncheck();
  await expect(sheet).toContainText("From 25 February 2026 to 10 March 2026");
  await expect(checkins).toContainText("Checked in on 2 of 14 days.");
  await expect(page.getByTestId("visit-section-cravings")).toHaveCount(0);
  await expect(page.getByTestId("visit-section-appointments")).toHaveCount(0);

  // On paper: the summary only, no charts of Insights, no buttons.
  await page.getByTestId("visit-print").click();
  expect(await page.evaluate(() => (window as any).printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await expect(sheet).toBeVisible();
  await expect(page.getByTestId("chart-mood")).toBeHidden();
  await expect(page.getByTestId("visit-print")).toBeHidden();
  await expect(page.getByTestId("visit-include-checkins")).toBeHidden();

  // Twelve weeks of everything: one or two pages, on A4 and on Letter.
  await page.emulateMedia({ media: "screen" });
  await page.getByTestId("visit-weeks-12").click();
  for (const part of ["cravings", "appointments"]) await page.getByTestId(`visit-include-${part}`).check();
  await expect(sheet).toContainText("From 17 December 2025 to 10 March 2026");
  for (const format of ["A4", "Letter"] as const) {
    const pdf = (await page.pdf({ format })).toString("latin1");
    const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    expect(pages, `pages on ${format}`).toBeGreaterThanOrEqual(1);
    expect(pages, `pages on ${format}`).toBeLessThanOrEqual(2);
  }
});

test("a visit summary goes as text through the share sheet, and in Spanish when chosen", async ({ page }) => {
  await seeded(page);
  await page.addInitScript(() => {
    (window as any).shared = [];
    Object.defineProperty(navigator, "share", { value: async (data: unknown) => { (window as any).shared.push(data); } });
  });
  await openApp(page, "/log/insights");
  await page.getByTestId("visit-summary").click();
  await page.getByTestId("visit-include-look-backs").uncheck();
  await page.getByTestId("visit-share").click();
  await expect(page.getByTestId("visit-status")).toHaveText("Shared.");
  const [sent] = await page.evaluate(() => (window as any).shared);
  expect(sent.title).toBe("Visit summary");
  expect(sent.text).toMatch(/^Visit summary\nFrom 11 February 2026 to 10 March 2026\n\nCLEAN TIME AND SLIPS\n- Clean time: 9 days, since 1 March 2026\.\n/);
  expect(sent.text).toContain("\nMEDICATION\n- Buprenorphine film or tablet, 8 mg: 1 of 19 doses marked taken, 18 not marked.\n");
  expect(sent.text).not.toContain("WEEKLY LOOK-BACKS");
  expect(sent.text).not.toContain("Hard day at work");

  await page.getByTestId("visit-language").selectOption("es");
  const sheet = page.getByTestId("visit-summary-sheet");
  await expect(sheet).toContainText("Del 11 de febrero de 2026 al 10 de marzo de 2026");
  await expect(sheet).toHaveAttribute("lang", "es");
  await expect(page.getByTestId("visit-section-checkins")).toContainText("Registro del día hecho en 2 de 28 días.");
  // The screen itself stays in English.
  await expect(page.getByTestId("visit-print")).toHaveText("Print / Save as PDF");
});
