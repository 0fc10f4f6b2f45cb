// Steady in Spanish: a phone set to Spanish gets every screen in Spanish (no
// English word left in what is shown or read out), and the language can be
// changed in Settings at once, without losing what was typed or changing data.
import { test, expect, openApp, stored } from "./fixtures";
import { SCREENS, SEED, axe, fit, seeded } from "./screens";
import type { Page } from "@playwright/test";

// Words of English UI text that Spanish never uses. A word of the person's own
// (seeded below in Spanish) or a proper name (allowed below) doesn't count.
const ENGLISH = new Set(
  ("the and your you to of is are was be it this that these with for from what when where how why who " +
    "save saved cancel delete deleted today craving cravings help settings back log logged edit close open call " +
    "text day days time week month my not can will don't won't start started more yes show copy download share " +
    "choose keep try next done here new after before about all every if then than please should would could " +
    "have has had been they them their we our us he she her his one two three minutes hours breathe walk " +
    "stay safe someone need now right away still just only also into out up down off")
    .split(" "),
);
// Every screen and panel the accessibility tests walk.
const WALK = SCREENS;

// Names that stay as they are in Spanish.
const PROPER = ["Never Use Alone", "Poison Help", "SAMHSA", "Steady", "English", "Lifeline", "FRANK", "HSE", "NHS", "CPR", "TTY"];

// The same data as the English walk, with the person's own words in Spanish.
const SEED_ES: Record<string, unknown> = {
  ...SEED,
  "steady.counters": { v: 1, data: { list: [
    { id: 1, name: "Tiempo limpio", start: { date: "2026-03-01", time: "21:00:00" }, history: [{ start: { date: "2025-12-01" }, end: { date: "2026-02-27" }, note: "Estrés en el trabajo." }], money_per_day_cents: 1500, celebrated: 0 },
    { id: 2, name: "Alcohol", start: { date: "2025-06-01" }, history: [] },
  ], main: 1 } },
  "steady.plan": { v: 1, data: { lists: {
    reasons: [{ id: 1, text: "Mi hija" }],
    triggers: [{ id: 2, text: "Día de pago", response: "Pagar las cuentas primero" }],
    support: [{ id: 3, text: "Sara", role: "sponsor", phone: "555 123 4567" }],
  }, guide: "done" } },
  "steady.checkin.2026-03": { v: 1, data: [
    { d: "2026-03-08", m: 2, c: 6, t: "2026-03-08T21:00:00" },
    { d: "2026-03-09", i: "clean", m: 4, c: 3, s: 4, h: ["t"], u: false, w: "Llamé a Sara", x: "Agradecido por mi hija", t: "2026-03-09T21:00:00" },
  ] },
  "steady.journal.2026-03": { v: 1, data: [
    { id: 1741561200000, t: "2026-03-09T22:00:00", x: "Un día difícil en el trabajo, pero fui a la reunión.", m: 3 },
  ] },
};

/** The English words in what the page shows and says (text, and names read out). */
async function englishOn(page: Page): Promise<string[]> {
  const said = await page.evaluate(() => {
    const parts = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll("[aria-label], [alt], [title], [placeholder], [aria-description]")) {
      for (const name of ["aria-label", "alt", "title", "placeholder", "aria-description"]) {
        const value = el.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    for (const el of document.querySelectorAll("svg title, svg desc, caption")) parts.push(el.textContent ?? "");
    return parts.join("\n");
  });
  let text = said;
  for (const name of PROPER) text = text.split(name).join(" ");
  // Whole words, accented letters included ("allí" is not "all").
  const words = text.toLowerCase().match(/[\p{L}'’]+/gu) ?? [];
  return [...new Set(words.map((w) => w.replace(/’/g, "'")).filter((w) => ENGLISH.has(w)))];
}

test.describe("a phone set to Spanish", () => {
  test.use({ locale: "es-US" });

  // One walk with every check per screen: opening a screen costs more than the checks.
  test("every screen and panel is in Spanish with no English word shown or read out, passes axe light and dark at 320 px, and fits with text at 200 %", async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 320, height: 800 });
    await seeded(page, SEED_ES);
    for (const [what, path, open] of WALK) {
      await openApp(page, path);
      if (open) await open(page);
      await expect(page.locator("html")).toHaveAttribute("lang", "es");
      expect(await englishOn(page), `English words on ${what}`).toEqual([]);
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        await axe(page, `${what} (es, ${colorScheme})`);
      }
      await page.emulateMedia({ colorScheme: "light" });
      const overflow = await fit(page);
      expect(overflow.at100, `horizontal overflow on ${what}`).toBeLessThanOrEqual(0);
      expect(overflow.at200, `horizontal overflow on ${what} with text at 200 %`).toBeLessThanOrEqual(0);
    }
  });

  test("at 320 px the Spanish tab bar is one row, and the review's key fixes show", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await openApp(page, "/");
    // The craving log's tab is "Ganas" ("Registro" is the daily check-in), short enough for one row.
    await expect(page.getByTestId("nav-log")).toHaveText("Ganas");
    const tabs = page.locator(".tabbar li");
    await expect(tabs).toHaveCount(5);
    const tops = await tabs.evaluateAll((items) => items.map((li) => li.getBoundingClientRect().top));
    expect(new Set(tops).size, `tab rows (tops: ${tops.join(", ")})`).toBe(1);
    const navHeight = await page.locator(".tabbar ul").evaluate((ul) => ul.getBoundingClientRect().height);
    expect(navHeight).toBeLessThanOrEqual(64);
    await expect(page.getByTestId("log-craving")).toHaveText("Anotar mis ganas");

    await page.getByTestId("nav-log").click();
    await expect(page.locator("h1")).toHaveText("Mis ganas de consumir");

    // Help: a plainer crisis link; the craving card doesn't promise to tell "us" anything.
    await page.getByTestId("nav-help").click();
    await expect(page.getByTestId("overdose-guide")).toContainText("Alguien podría tener una sobredosis");
    await expect(page.getByTestId("craving-sos")).toContainText("Anótalas, prueba algo que ayude y luego anota cómo te fue");

    // The overdose steps speak of "la persona", never "le"/"lo" for them.
    await page.getByTestId("overdose-guide").click();
    const steps = page.getByTestId("overdose-page");
    await expect(steps).toContainText("La persona no despierta ni responde");
    await expect(steps).toContainText("No metas a la persona en una ducha");
    await expect(steps).toContainText("No intentes hacer vomitar a la persona.");
    await expect(steps).not.toContainText("despertarle");
    await expect(steps).not.toContainText("hacer que vomite");
  });

  test("Help offers the 988 line in Spanish: press 2, or text AYUDA", async ({ page }) => {
    await openApp(page, "/help");
    const line = page.getByTestId("helpline-us-988");
    await expect(line).toContainText("marca 2");
    await expect(line.getByTestId("helpline-988-spanish-text")).toHaveAttribute("href", "sms:988?&body=AYUDA");
    await expect(page.getByTestId("helpline-us-samhsa")).toContainText("español");
  });

  test("the page shown before the app starts is in Spanish too", async ({ page }) => {
    await page.route(/\.wasm$/, () => {}); // never answered: the static shell stays
    await page.goto("/help");
    const shell = page.getByTestId("static-shell");
    await expect(shell.locator("h1")).toHaveText("¿Necesitas hablar con alguien ahora?");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    expect(await englishOn(page), "English words on the static shell").toEqual([]);
    await expect(page.locator("link[rel=manifest]")).toHaveAttribute("href", "/manifest.es.webmanifest");
  });

  test("the lock screen is in Spanish", async ({ page }) => {
    test.setTimeout(60_000);
    await openApp(page, "/settings");
    await page.getByTestId("lock-passcode").fill("246813");
    await page.getByTestId("lock-passcode-again").fill("246813");
    await page.getByTestId("lock-set").click();
    await expect(page.getByTestId("lock-now")).toBeVisible({ timeout: 15_000 });
    await page.reload();
    await expect(page.getByTestId("lock-screen")).toBeVisible();
    await page.getByTestId("lock-overdose").locator("summary").click();
    expect(await englishOn(page), "English words on the lock screen").toEqual([]);
  });
});

test("changing the language in Settings applies at once, is remembered, keeps typed text and leaves data alone", async ({ page }) => {
  await seeded(page);
  await openApp(page, "/settings");
  const dataBefore = await page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("steady.")).map((k) => [k, localStorage.getItem(k)])),
  );
  await expect(page.locator("h1")).toHaveText("Settings");
  const typed = '{"format": "steady-backup", half pasted';
  await page.getByTestId("paste-data").fill(typed);

  await page.getByTestId("language-picker").selectOption("es");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByTestId("nav-today")).toHaveText("Hoy");
  await expect(page.getByTestId("paste-data")).toHaveValue(typed);
  await expect(page.getByTestId("language-picker")).toHaveValue("es");

  await page.reload();
  await expect(page.getByTestId("nav-today")).toHaveText("Hoy");
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("today").locator("h1")).toHaveText("Hoy");
  const dataAfter = await page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("steady.")).map((k) => [k, localStorage.getItem(k)])),
  );
  expect(dataAfter, "stored data byte for byte").toEqual(dataBefore);
  expect(await stored(page, "steady-language")).toBe("es");

  // And back.
  await page.getByTestId("nav-settings").click();
  await page.getByTestId("language-picker").selectOption("en");
  await expect(page.getByTestId("nav-today")).toHaveText("Today");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the plan can be shared in Spanish from an English app: Spanish headings, the person's words unchanged", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await seeded(page, SEED_ES);
  await openApp(page, "/plan");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("share-language")).toHaveValue("en");
  await page.getByTestId("share-language").selectOption("es");
  // The Spanish text arrives with the choice; the printed copy follows it.
  await expect(page.getByTestId("plan-print")).toHaveAttribute("lang", "es");
  await expect(page.getByTestId("plan-print").locator("h1")).toHaveText("Mi plan de prevención de recaídas");
  await page.getByTestId("copy-plan").click();
  await expect(page.getByTestId("share-status")).toContainText("Copied");
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain("MI PLAN DE PREVENCIÓN DE RECAÍDAS\n");
  expect(text).toContain("\nMIS RAZONES PARA RECUPERARME\n");
  expect(text).toContain("- Mi hija\n");
  expect(text).toContain("- Día de pago\n  Lo que haré: Pagar las cuentas primero\n");
  expect(text).toContain("- Sara (padrino o madrina): 555 123 4567\n");
  expect(text).not.toContain("MY RELAPSE-PREVENTION PLAN");
  // The app itself stays in English.
  await expect(page.getByTestId("nav-today")).toHaveText("Today");

  // Back to English for the next share.
  await page.getByTestId("share-language").selectOption("en");
  await page.getByTestId("copy-plan").click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain("MY REASONS FOR RECOVERY");
});

test.describe("without a service worker (every fetch goes to the network)", () => {
  test.use({ serviceWorkers: "block" });

  test("a Spanish catalog that can't be fetched is tried again; if it never comes, the page is English and says so", async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem("steady-language", "es"));
    // The first fetch fails, the second arrives: Spanish.
    let refused = 0;
    await page.route("**/split_es.wasm", (route) => (refused++ < 1 ? route.abort() : route.continue()));
    await openApp(page, "/");
    await expect(page.getByTestId("nav-today")).toHaveText("Hoy");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    expect(refused).toBeGreaterThanOrEqual(2);

    // Never: English throughout, and <html lang> doesn't claim Spanish.
    const other = await page.context().newPage();
    await other.route("**/split_es.wasm", (route) => route.abort());
    await other.addInitScript(() => localStorage.setItem("steady-language", "es"));
    await other.goto("/help");
    await expect(other.getByTestId("nav-today")).toHaveText("Today");
    await expect(other.locator("html")).toHaveAttribute("lang", "en");
    // The choice is still stored: the next start tries Spanish again.
    expect(await stored(other, "steady-language")).toBe("es");
  });
});
