import { test, expect, openApp, watchOutsideRequests } from "./fixtures";

const SCREENS = [
  { tab: "nav-today", path: "/", heading: "Today" },
  { tab: "nav-log", path: "/log", heading: "Craving log" },
  { tab: "nav-cope", path: "/cope", heading: "Ways to cope" },
  { tab: "nav-plan", path: "/plan", heading: "My plan" },
  { tab: "nav-help", path: "/help", heading: "Get help now" },
];

test("bottom navigation reaches every screen and marks the current one", async ({ page }) => {
  await openApp(page, "/");
  for (const screen of SCREENS) {
    await page.getByTestId(screen.tab).click();
    await expect(page).toHaveURL(screen.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(screen.heading);
    await expect(page.getByTestId(screen.tab)).toHaveAttribute("aria-current", "page");
  }
  await page.getByTestId("nav-settings").click();
  await expect(page).toHaveURL("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
});

test("the Get help button is on every screen and opens Help in one tap", async ({ page }) => {
  for (const path of ["/", "/log", "/cope", "/plan", "/settings", "/help/overdose", "/no-such-page"]) {
    await openApp(page, path);
    await page.getByTestId("sos").click();
    await expect(page).toHaveURL("/help");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Get help now");
    await expect(page.locator('a[href="tel:911"]').first()).toBeVisible();
  }
});

test("deep links work on reload", async ({ page }) => {
  for (const path of ["/log", "/plan", "/settings", "/help/overdose"]) {
    await openApp(page, path);
    await page.reload();
    await expect(page).toHaveURL(path);
    await expect(page.getByTestId("nav-today")).toBeVisible();
    await expect(page.getByTestId("not-found")).toHaveCount(0);
  }
});

test("an unknown path shows a friendly page with a way home", async ({ page }) => {
  await openApp(page, "/this/does/not/exist");
  await expect(page.getByTestId("not-found")).toBeVisible();
  await page.getByRole("link", { name: "Go to Today" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("today")).toBeVisible();
});

test("with JavaScript off, the static page still offers the helplines", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const outside = watchOutsideRequests(context);
  const page = await context.newPage();
  await page.goto("/help");
  await expect(page.getByRole("link", { name: "Steady" })).toBeVisible();
  await expect(page.getByTestId("shell-988")).toHaveAttribute("href", "tel:988");
  await expect(page.getByTestId("shell-988")).toContainText("988");
  await expect(page.getByTestId("shell-samhsa")).toHaveAttribute("href", "tel:+18006624357");
  await expect(page.getByTestId("shell-samhsa")).toContainText("1-800-662-4357");
  await context.close();
  expect(outside).toEqual([]);
});

// The static page's emergency numbers: each a one-tap call whose name says the country.
const EMERGENCY: Array<[string, string]> = [
  ["911", "Call 911 (US, Canada)"],
  ["999", "Call 999 (UK)"],
  ["112", "Call 112 (Ireland)"],
  ["000", "Call 000 (Australia)"],
];

test("with JavaScript off, every emergency number on the static page is a tap-to-call link naming its country", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const outside = watchOutsideRequests(context);
  const page = await context.newPage();
  await page.goto("/help");
  const shell = page.getByTestId("static-shell");
  for (const [number, name] of EMERGENCY) {
    const link = shell.locator(`a[href="tel:${number}"]`);
    await expect(link).toHaveCount(1);
    await expect(link).toBeVisible();
    await expect(link).toHaveAccessibleName(name);
    const box = (await link.boundingBox())!;
    expect(box.width, `${number}: touch target width`).toBeGreaterThanOrEqual(44);
    expect(box.height, `${number}: touch target height`).toBeGreaterThanOrEqual(44);
  }
  // No emergency number is left as text that can't be tapped.
  const untappable = await shell.evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('a[href^="tel:"]').forEach((a) => a.remove());
    return copy.textContent ?? "";
  });
  expect(untappable).not.toMatch(/\b(911|999|112|000)\b/);
  // No country stored: the order is unchanged, US first.
  await expect(page.getByTestId("shell-emergency").getByRole("link").first()).toHaveAttribute("href", "tel:911");
  await expect(shell.locator(".helplines > li:not([hidden])").first().getByRole("link")).toHaveAttribute("href", "tel:988");
  await context.close();
  expect(outside).toEqual([]);
});

test("a country saved in the settings puts its emergency number and crisis line first on the static page", async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem("steady.settings", JSON.stringify({ v: 2, data: { region: "UK", region_chosen: true } })),
  );
  await page.route(/\.wasm$/, () => {}); // never answered: the static shell stays
  await page.goto("/help");
  const emergency = page.getByTestId("shell-emergency").getByRole("link");
  await expect(emergency.first()).toHaveAttribute("href", "tel:999");
  await expect(emergency.first()).toHaveAccessibleName("Call 999 (UK)");
  await expect(emergency).toHaveCount(4); // the others are still there
  const first = page.getByTestId("static-shell").locator(".helplines > li:not([hidden])").first();
  await expect(first).toBeVisible();
  await expect(first).toContainText("Samaritans");
  await expect(first.getByRole("link")).toHaveAttribute("href", "tel:116123");
  await expect(first.getByRole("link")).toBeVisible();
  await expect(page.getByTestId("shell-988")).toBeVisible();
  await expect(page.locator('a[href="tel:131114"]')).toBeHidden();
});

test("with a passcode, the lock record's country comes first, even when Steady can't start", async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as any).WebAssembly; // as under iOS Lockdown Mode
    // With a passcode the settings are sealed; only the lock record keeps the country in the clear.
    localStorage.setItem("steady.settings", "steady-aes-gcm:AAAAAAAAAAAAAAAA:AAAA");
    localStorage.setItem(
      "steady.lock",
      JSON.stringify({ v: 1, data: { salt: "BwcHBwcHBwcHBwcHBwcHBw==", iterations: 600000, check: "steady-aes-gcm:AAAAAAAAAAAAAAAA:AAAA", generation: 1763900000000, idle_minutes: 5, region: "AU", numeric: true, failures: 0, wait_until_ms: 0 } }),
    );
  });
  await page.goto("/");
  await expect(page.getByTestId("startup-failed")).toBeVisible();
  const emergency = page.getByTestId("shell-emergency").getByRole("link");
  await expect(emergency.first()).toHaveAttribute("href", "tel:000");
  await expect(emergency.first()).toHaveAccessibleName("Call 000 (Australia)");
  const first = page.getByTestId("static-shell").locator(".helplines > li:not([hidden])").first();
  await expect(first).toContainText("Lifeline");
  await expect(first.getByRole("link")).toHaveAttribute("href", "tel:131114");
  await expect(first.getByRole("link")).toBeVisible();
  await expect(page.locator('a[href="tel:116123"]')).toBeHidden();
});

// What the static page's overdose steps must say, in each language.
const OVERDOSE_STEPS = {
  en: {
    call: ["Shout their name", "Call emergency services now, on speaker"],
    lines: [
      "It won't hurt someone who hasn't taken opioids: if in doubt, give it.",
      "a new nasal spray (each holds one dose) in the other nostril. Repeat every 2–3 minutes while doses last.",
      "Other sedatives (xylazine, benzos) may be involved: keep them on their side, keep checking their breathing",
      "always before leaving them, even for a moment",
      "sick, shaky or angry (withdrawal). Tell them what happened: naloxone wears off in 30–90 minutes, so using more could cause another overdose.",
      "when the naloxone wears off, they can stop breathing again",
      "Canada's Good Samaritan Drug Overdose Act and many US states' laws protect people who call for help.",
    ],
    never: [],
  },
  es: {
    call: ["Grita el nombre de la persona", "Llama ya a emergencias, con el altavoz puesto"],
    lines: [
      "No le hace daño a quien no tomó opioides: si tienes dudas, úsala.",
      "un aerosol nasal nuevo (cada uno trae una sola dosis) en la otra fosa nasal. Repite cada 2 o 3 minutos mientras tengas dosis.",
      "Puede haber otros sedantes (xilacina, benzodiacepinas): mantén a la persona de lado, sigue revisando su respiración",
      "Hazlo siempre antes de alejarte, aunque sea un momento.",
      "temblar o enojarse (abstinencia). Cuéntale lo que pasó: la naloxona deja de hacer efecto en 30 a 90 minutos, así que consumir más podría causar otra sobredosis.",
      // The person, not the naloxone, may stop breathing again.
      "la persona puede volver a dejar de respirar",
      "La ley canadiense del Buen Samaritano sobre sobredosis y las leyes de muchos estados de EE. UU. protegen a quien pide ayuda.",
      "no metas a la persona en una ducha fría y no intentes hacer vomitar a la persona",
    ],
    // Gendered pronouns for the person (Spanish review C6): "la persona" instead.
    never: ["ponlo", "lo metas", "la metas", "hacerlo vomitar", "hacer que vomite"],
  },
};

for (const lang of ["en", "es"] as const) {
  test(`the static page's overdose steps say what to do, in ${lang === "en" ? "English" : "Spanish"}`, async ({ page }) => {
    await page.addInitScript((lang) => localStorage.setItem("steady-language", lang), lang);
    await page.route(/\.wasm$/, () => {}); // never answered: the static shell stays
    await page.goto("/help");
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    const overdose = page.getByTestId("shell-overdose");
    await overdose.locator("summary").click();
    const want = OVERDOSE_STEPS[lang];
    // Trying to wake them and calling are one step, so the call isn't delayed.
    const firstStep = overdose.locator("ol > li").first();
    for (const part of want.call) await expect(firstStep).toContainText(part);
    for (const line of want.lines) await expect(overdose).toContainText(line);
    for (const word of want.never) await expect(overdose).not.toContainText(word);
    if (lang === "es") {
      // Spanish review D10 and C1: a plainer crisis heading, and the craving log's tab is "Ganas".
      await expect(overdose.locator("summary")).toHaveText("Alguien podría tener una sobredosis");
      await expect(page.locator('a[href="/log"]')).toHaveText("Ganas");
      await expect(page.getByTestId("shell-emergency").getByRole("link").nth(1)).toHaveAccessibleName("Llamar al 999 (Reino Unido)");
    }
  });
}

test("the app takes over from the static shell without moving the frame", async ({ page }) => {
  // Hold the wasm back so the static shell can be measured first.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/help");
  const shellHeader = await page.locator(".topbar").boundingBox();
  const shellNav = await page.locator(".tabbar").boundingBox();
  await expect(page.getByTestId("static-shell")).toBeVisible();
  release();
  await expect(page.getByTestId("static-shell")).toHaveCount(0);
  await expect(page.getByTestId("nav-today")).toBeVisible();
  expect(await page.locator(".topbar").boundingBox()).toEqual(shellHeader);
  expect(await page.locator(".tabbar").boundingBox()).toEqual(shellNav);
});

test("the first screen is built behind the shell and shown whole", async ({ page }) => {
  // Whenever the page changes while the shell is there, nothing of the app may be seen;
  // when the shell goes, the whole of Today (cards included) must already be there.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as any).startupSeen = seen;
    let shellParsed = false;
    new MutationObserver(() => {
      const shell = document.getElementById("shell");
      shellParsed ||= !!shell;
      const frame = document.querySelector(".app-frame");
      if (shell && frame && getComputedStyle(frame).display !== "none") seen.push("app seen beside the shell");
      if (shellParsed && !shell && !seen.includes("shell gone")) {
        seen.push("shell gone");
        for (const id of ["today", "set-start", "checkin-open", "craving-sos", "nav-today"]) {
          const el = document.querySelector(`[data-testid="${id}"]`);
          if (!el || el.getClientRects().length === 0) seen.push(`${id} missing when shown`);
        }
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.goto("/");
  await expect(page.getByTestId("static-shell")).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).startupSeen)).toEqual(["shell gone"]);
});

test("a new screen starts at its top, with focus on the content", async ({ page }) => {
  await openApp(page, "/help");
  await page.locator("main").evaluate((m) => (m.scrollTop = 10_000));
  expect(await page.locator("main").evaluate((m) => m.scrollTop)).toBeGreaterThan(0);
  await page.getByTestId("nav-plan").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My plan");
  expect(await page.locator("main").evaluate((m) => m.scrollTop)).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
});

test("links move between screens without reloading; back and forward work", async ({ page }) => {
  await openApp(page, "/");
  // A marker on the page would be lost by a full reload.
  await page.evaluate(() => ((window as any).samePage = true));
  await page.getByTestId("nav-log").click();
  await page.getByTestId("nav-cope").click();
  await expect(page.getByTestId("cope")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL("/log");
  await expect(page.getByTestId("log")).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
  await page.goForward();
  await expect(page.getByTestId("log")).toBeVisible();
  expect(await page.evaluate(() => (window as any).samePage)).toBe(true);

  // A link to a part of another screen opens that screen at that part.
  await page.getByTestId("nav-help").click();
  await page.getByTestId("support-empty").getByRole("link", { name: "your plan" }).click();
  await expect(page).toHaveURL("/plan#plan-support");
  await expect(page.getByTestId("plan-section-support")).toBeInViewport();
  expect(await page.evaluate(() => (window as any).samePage)).toBe(true);
});

test("a trailing slash opens the same screen", async ({ page }) => {
  await openApp(page, "/log/");
  await expect(page.getByTestId("log")).toBeVisible();
  await expect(page.getByTestId("nav-log")).toHaveAttribute("aria-current", "page");
});
