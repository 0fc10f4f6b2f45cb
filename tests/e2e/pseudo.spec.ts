// The pseudo-locale (en-XA): every message in the catalogs comes out accented,
// bracketed and about 40 % longer ("[Šåṽé ~~~]"). Walking every screen and
// panel in it finds text that doesn't go through the catalogs (it shows as
// plain English) and layouts that can't take longer words.
import { test, expect, openApp } from "./fixtures";
import { SCREENS, SEED, axe, fit, seeded } from "./screens";
import type { Page } from "@playwright/test";

// What may show outside the catalogs: the person's own words (the seeded data),
// names that are never translated, and the language picker's own names.
const ALLOWED = [
  "My daughter", "Payday", "Pay bills first", "Sam", "Clean time", "Alcohol", "Stress at work.", "Called Sam",
  "Grateful for my daughter", "Hard day at work, but I went to the meeting.", "Went for a walk", "Dr Ruiz", "Main St",
  "Kitchen drawer", "Counselling", "Tarjeta sanitaria", "8 mg",
  "Steady", "English", "Español", "SAMHSA", "Never Use Alone", "Poison Help", "Lifeline", "FRANK", "HSE", "NHS", "TTY", "988",
];

/** What the page shows or reads out that isn't from a catalog. */
async function outsideCatalogs(page: Page): Promise<string[]> {
  const said = await page.evaluate(() => {
    const parts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      // translate="no": words that exist in one language only (a parser's technical detail), marked so.
      if (!el || el.closest("script, style, [hidden], #static-shell, noscript, [translate=no]")) continue;
      if (el.closest("input, textarea, select") && !el.closest("option")) continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      parts.push(node.textContent ?? "");
    }
    for (const el of document.querySelectorAll("[aria-label], [alt], [title], [placeholder], [aria-description]")) {
      for (const name of ["aria-label", "alt", "title", "placeholder", "aria-description"]) {
        const value = el.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts;
  });
  const left: string[] = [];
  for (const part of said) {
    let text = part;
    // Catalog text, innermost first (a value filled into a message may be a message too).
    for (let before = ""; before !== text; ) {
      before = text;
      text = text.replace(/\[[^[\]]*~+\]/g, " ");
    }
    // Longest first: "Called Sam" before "Sam".
    for (const name of [...ALLOWED].sort((a, b) => b.length - a.length)) text = text.split(name).join(" ");
    // Whatever has letters still is English that didn't go through a catalog.
    const words = text.match(/[A-Za-z]{2,}/g);
    if (words) left.push(part.trim().slice(0, 80));
  }
  return [...new Set(left)];
}

test.describe("the pseudo-locale", () => {
  test.use({ viewport: { width: 320, height: 800 } });

  test("every screen and panel shows only catalog text, passes axe and takes longer words at 320 px with text at 200 %", async ({ page }) => {
    test.setTimeout(240_000);
    await page.addInitScript(() => localStorage.setItem("steady-language", "en-XA"));
    await seeded(page, SEED);
    for (const [what, path, open] of SCREENS) {
      await openApp(page, path);
      if (open) await open(page);
      await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
      expect(await outsideCatalogs(page), `text outside the catalogs on ${what}`).toEqual([]);
      await axe(page, `${what} (pseudo-locale)`);
      const { at100, at200 } = await fit(page);
      expect(Math.max(at100, at200), `horizontal overflow on ${what} (at 100 % and 200 % text)`).toBeLessThanOrEqual(0);
    }
  });

  test("the catalog check can fail: plain English on a screen is found", async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem("steady-language", "en-XA"));
    await openApp(page, "/help");
    expect(await outsideCatalogs(page)).toEqual([]);
    await page.evaluate(() => document.querySelector("main h1")!.append(" Call now"));
    expect(await outsideCatalogs(page)).toEqual([expect.stringContaining("Call now")]);
  });

  test("the lock screen, a wrong passcode and a saved flash message show only catalog text", async ({ page }) => {
    test.setTimeout(90_000);
    await page.addInitScript(() => localStorage.setItem("steady-language", "en-XA"));
    await openApp(page, "/log/new");
    await page.getByTestId("craving-save").click();
    await expect(page.getByTestId("flash")).toBeVisible();
    expect(await outsideCatalogs(page), "text outside the catalogs with a flash message").toEqual([]);

    await page.goto("/settings");
    await page.getByTestId("lock-passcode").fill("246813");
    await page.getByTestId("lock-passcode-again").fill("246813");
    await page.getByTestId("lock-set").click();
    await expect(page.getByTestId("lock-now")).toBeVisible({ timeout: 15_000 });
    expect(await outsideCatalogs(page), "text outside the catalogs with the lock on").toEqual([]);
    await page.reload();
    const screen = page.getByTestId("lock-screen");
    await screen.getByTestId("unlock-input").fill("1111");
    await screen.getByTestId("unlock-submit").click();
    await expect(screen.getByTestId("unlock-message")).not.toBeEmpty();
    await screen.getByTestId("lock-overdose").locator("summary").click();
    expect(await outsideCatalogs(page), "text outside the catalogs on the lock screen").toEqual([]);
    await axe(page, "lock screen (pseudo-locale)");
  });

  test("a document that can't be read is explained in catalog text", async ({ page }) => {
    await page.addInitScript(() => {
      localStorage.setItem("steady-language", "en-XA");
      localStorage.setItem("steady.settings", "{broken");
    });
    await openApp(page, "/help");
    const problem = page.getByTestId("storage-problem");
    await expect(problem).toBeVisible();
    expect(await outsideCatalogs(page)).toEqual([]);
    // The parser's own words are shown, marked as English for a technical helper.
    await expect(problem.locator('code[lang="en"][translate="no"]')).not.toBeEmpty();
  });
});
