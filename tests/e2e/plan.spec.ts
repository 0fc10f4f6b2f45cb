import { test, expect, openApp, stored, waitForServiceWorker } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "America/Chicago", locale: "en-US" });
const NOW = new Date("2026-11-23T15:00:00Z");

const values = (locator) => locator.evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));

async function addItem(page: Page, section: string, text: string, response?: string) {
  const s = page.getByTestId(`plan-section-${section}`);
  await s.getByTestId("plan-new-text").first().fill(text);
  if (response) await s.getByTestId("plan-new-response").fill(response);
  await s.getByTestId("plan-add-item").first().click();
}

async function addPerson(page: Page, name: string, role: string, phone: string) {
  const s = page.getByTestId("plan-section-support");
  await s.getByTestId("plan-new-text").fill(name);
  await s.getByTestId("plan-item-role").last().selectOption(role);
  await s.getByTestId("plan-item-phone").last().fill(phone);
  await s.getByTestId("plan-add-item").click();
}

test("fill sections; they autosave, survive reload and work offline", async ({ page, context }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/plan");
  await waitForServiceWorker(page);
  await expect(page.getByTestId("plan-filled-reasons")).toHaveText("not started");
  await addItem(page, "reasons", "My daughter");
  await addItem(page, "reasons", "My health");
  await addItem(page, "triggers", "Payday", "Pay bills first, then call Sam");
  await expect(page.getByTestId("plan-saved")).toHaveText("Saved on this device ✓");
  await expect(page.getByTestId("plan-filled-reasons")).toHaveText("✓ 2 items");

  // Edit in place, reorder and delete with undo.
  const reasons = page.getByTestId("plan-section-reasons");
  await reasons.getByTestId("plan-item-text").first().fill("My daughter, Ava");
  await reasons.getByTestId("plan-item-text").first().blur();
  await reasons.getByRole("button", { name: "Move “My health” up" }).click();
  await expect.poll(() => values(reasons.getByTestId("plan-item-text"))).toEqual(["My health", "My daughter, Ava"]);
  await reasons.getByRole("button", { name: "Delete “My health”" }).click();
  await expect(reasons.getByTestId("plan-item")).toHaveCount(1);
  await page.getByTestId("undo").click();
  await expect(reasons.getByTestId("plan-item")).toHaveCount(2);

  await page.reload();
  await expect.poll(() => values(page.getByTestId("plan-section-reasons").getByTestId("plan-item-text"))).toEqual(["My health", "My daughter, Ava"]);
  await expect(page.getByTestId("plan-section-triggers").getByTestId("plan-item-response")).toHaveValue("Pay bills first, then call Sam");

  await context.setOffline(true);
  await page.reload();
  await addItem(page, "coping", "Walk round the block");
  await page.reload();
  await expect(page.getByTestId("plan-section-coping").getByTestId("plan-item-text")).toHaveValue("Walk round the block");
  await context.setOffline(false);
});

test("a blank item gets a message and nothing is added", async ({ page }) => {
  await openApp(page, "/plan");
  await page.getByTestId("plan-section-slip").getByTestId("plan-add-item").click();
  await expect(page.getByTestId("plan-section-slip")).toContainText("Write something first.");
  await expect(page.getByTestId("plan-section-slip").getByTestId("plan-item")).toHaveCount(0);
});

test("Copy puts the plan's plain text on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.clock.install({ time: NOW });
  await openApp(page, "/plan");
  await addItem(page, "reasons", "My daughter");
  await addItem(page, "triggers", "Payday", "Pay bills first");
  await addPerson(page, "Sam", "sponsor", "(555) 123-4567");
  await page.getByTestId("share-include-reasons").uncheck();
  await page.getByTestId("copy-plan").click();
  await expect(page.getByTestId("share-status")).toContainText("Copied");
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toBe(
    "MY RELAPSE-PREVENTION PLAN\n" +
      "Written with Steady · 23 November 2026\n" +
      "\nMY TRIGGERS AND WHAT I'LL DO\n----------------------------\n- Payday\n  What I'll do: Pay bills first\n" +
      "\nMY SUPPORT PEOPLE\n-----------------\n- Sam (sponsor): (555) 123-4567\n" +
      // Step 5 of the crisis plan, prefilled with the country's crisis line while it is empty.
      "\nMY CRISIS PLAN\n--------------\n5. Professionals and crisis lines\n- 988 Suicide & Crisis Lifeline: 988\n",
  );
});

test("Share falls back to copying where there is no share sheet", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.addInitScript(() => { delete (Navigator.prototype as any).share; });
  await openApp(page, "/plan");
  await addItem(page, "reasons", "My health");
  await page.getByTestId("share-plan").click();
  await expect(page.getByTestId("share-status")).toContainText("copied instead");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("- My health");
});

test("Share uses the Web Share API with the plain text where it exists", async ({ page }) => {
  await page.addInitScript(() => {
    (navigator as any).share = (data: any) => { (window as any).shared = data; return Promise.resolve(); };
  });
  await openApp(page, "/plan");
  await addItem(page, "coping", "Call Sam");
  await page.getByTestId("share-plan").click();
  await expect(page.getByTestId("share-status")).toHaveText("Shared.");
  const shared = await page.evaluate(() => (window as any).shared);
  expect(shared.title).toBe("My relapse-prevention plan");
  expect(shared.text).toContain("MY COPING STRATEGIES");
});

test("print media shows the plan and hides navigation and buttons", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/plan");
  await addItem(page, "reasons", "My daughter");
  await page.getByTestId("share-include-crisis").uncheck();
  await addItem(page, "crisis", "Not sleeping");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".tabbar")).toBeHidden();
  await expect(page.locator(".topbar")).toBeHidden();
  await expect(page.getByTestId("share-plan")).toBeHidden();
  const printed = page.getByTestId("plan-print");
  await expect(printed).toBeVisible();
  await expect(printed).toContainText("Printed 23 November 2026");
  await expect(printed).toContainText("My daughter");
  await expect(printed).not.toContainText("Not sleeping");
  const colour = await printed.evaluate((el) => getComputedStyle(el).color);
  expect(colour).toBe("rgb(0, 0, 0)");
  await page.emulateMedia({ media: "screen" });
  await expect(printed).toBeHidden();
});

test("a support person with a number appears on Help as a tel: link, sponsor first", async ({ page }) => {
  await openApp(page, "/plan");
  await addPerson(page, "Mum", "family", "+1 312 555 0100");
  await addPerson(page, "Sam", "sponsor", "(555) 123-4567");
  await page.getByTestId("nav-help").click();
  const people = page.getByTestId("support-person");
  await expect(people).toHaveCount(2);
  await expect(people.first()).toContainText("Sam");
  await expect(people.first().getByRole("link", { name: /^Call .* — Sam$/ })).toHaveAttribute("href", "tel:+15551234567");
  await expect(people.first().getByRole("link", { name: "Text — Sam" })).toHaveAttribute("href", "sms:+15551234567");
  await expect(people.nth(1).getByRole("link", { name: /^Call .* — Mum$/ })).toHaveAttribute("href", "tel:+13125550100");
});

test("an unusable number gets a clear message and stays editable", async ({ page }) => {
  await openApp(page, "/plan");
  await addPerson(page, "Jo", "friend", "call me maybe");
  const support = page.getByTestId("plan-section-support");
  await expect(support).toContainText("That number doesn't look right");
  const phone = support.getByTestId("plan-item").getByTestId("plan-item-phone");
  await expect(phone).toHaveValue("call me maybe");
  await page.reload();
  await expect(support.getByTestId("plan-item")).toContainText("That number doesn't look right");
  await expect(phone).toHaveValue("call me maybe");
  // Jo doesn't vanish from Help: shown as typed, with where to fix it.
  await page.getByTestId("nav-help").click();
  await expect(page.getByTestId("support-person")).toHaveCount(1);
  await expect(page.getByTestId("support-person")).toContainText("Jo");
  await expect(page.getByTestId("support-person-fix")).toContainText("“call me maybe” can't be called as written");
  await page.getByTestId("nav-plan").click();
  await phone.fill("07700 900123");
  await phone.blur();
  await page.getByTestId("nav-help").click();
  await expect(page.getByTestId("support-person")).toHaveCount(1);
  await expect(page.getByTestId("support-person-fix")).toHaveCount(0);
});

test("a number that can't be normalised still shows the person, calling its digits, with a hint", async ({ page }) => {
  await openApp(page, "/plan");
  await addPerson(page, "Jo", "sponsor", "555-CALL-NOW");
  await page.getByTestId("nav-help").click();
  const jo = page.getByTestId("support-person");
  await expect(jo).toContainText("Jo");
  await expect(jo.getByRole("link", { name: "Call 555-CALL-NOW — Jo" })).toHaveAttribute("href", "tel:555");
  await expect(jo.getByTestId("support-person-fix")).toContainText("may not work as written");
  await expect(jo.getByRole("link", { name: "Fix it in your plan" })).toHaveAttribute("href", "/plan#plan-support");
  // The craving SOS offers Jo too.
  await page.goto("/sos");
  await expect(page.getByTestId("sos-call").getByRole("link", { name: "Call Jo" })).toHaveAttribute("href", "tel:555");
});

test("a national number keeps the country it was entered under when the helpline country changes", async ({ page }) => {
  await openApp(page, "/settings");
  await page.getByTestId("region-picker").selectOption("UK");
  await page.goto("/plan");
  await addPerson(page, "Mum", "family", "07700 900123");
  await page.goto("/settings");
  await page.getByTestId("region-picker").selectOption("US");
  await page.getByTestId("nav-help").click();
  await expect(page.getByTestId("helpline-us-988")).toBeVisible();
  const mum = page.getByTestId("support-person");
  await expect(mum.getByRole("link", { name: "Call 07700 900123 — Mum" })).toHaveAttribute("href", "tel:+447700900123");
  await page.reload();
  await expect(mum.getByRole("link", { name: "Call 07700 900123 — Mum" })).toHaveAttribute("href", "tel:+447700900123");
  await page.goto("/sos");
  await expect(page.getByTestId("sos-call").getByRole("link", { name: "Call Mum" })).toHaveAttribute("href", "tel:+447700900123");
});

test("a plan stored before numbers kept their country is read once under the country in use then", async ({ page }) => {
  const old = JSON.stringify({
    v: 1,
    data: { lists: { support: [{ id: 2, text: "Sam", role: "sponsor", phone: "07700 900123" }] }, guide: "not-started" },
  });
  await page.addInitScript((value) => {
    if (!localStorage.getItem("steady.plan")) {
      localStorage.setItem("steady.plan", value);
      localStorage.setItem("steady.settings", JSON.stringify({ v: 1, data: { region: "UK" } }));
    }
  }, old);
  await openApp(page, "/help");
  const sam = page.getByTestId("support-person");
  await expect(sam.getByRole("link", { name: /^Call .* — Sam$/ })).toHaveAttribute("href", "tel:+447700900123");
  expect(JSON.parse((await stored(page, "steady.plan"))!).data.lists.support[0]).toEqual({
    id: 2, text: "Sam", role: "sponsor", phone: "07700 900123", dial: { country: "UK", tel: "+447700900123" },
  });
  await page.getByTestId("region-picker").selectOption("US");
  await page.reload();
  await expect(sam.getByRole("link", { name: /^Call .* — Sam$/ })).toHaveAttribute("href", "tel:+447700900123");
});

test("plan triggers appear as chips in the craving log", async ({ page }) => {
  await openApp(page, "/plan");
  await addItem(page, "triggers", "Payday Friday");
  await page.goto("/log/new");
  await page.getByTestId("trigger-payday-friday").click();
  await page.getByTestId("craving-save").click();
  await expect(page.getByTestId("log-entry").first()).toContainText("Payday Friday");
});

test("the guided run goes section by section and can be left and resumed", async ({ page }) => {
  await openApp(page, "/plan");
  await page.getByTestId("plan-guide-start").click();
  const guide = page.getByTestId("plan-guide");
  await expect(guide).toContainText("Step 1 of 9");
  await expect(guide.getByTestId("plan-section-reasons")).toBeVisible();
  await expect(page.getByTestId("plan-section-wellness")).toHaveCount(0);
  await addItem(page, "reasons", "To be there for my kids");
  await page.getByTestId("plan-guide-next").click();
  await expect(guide).toContainText("Step 2 of 9");
  await page.getByTestId("plan-guide-next").click();
  await expect(guide.getByTestId("plan-section-triggers")).toBeVisible();
  await page.getByTestId("plan-guide-exit").click();
  await expect(page.getByTestId("plan-guide")).toHaveCount(0);
  await expect(page.getByTestId("plan-section-wellness")).toBeVisible();

  await page.reload();
  await expect(page.getByText("You stopped at step 3 of 9.")).toBeVisible();
  await page.getByTestId("plan-guide-start").click();
  await expect(page.getByTestId("plan-guide")).toContainText("Step 3 of 9");
  await page.getByTestId("plan-guide-back").click();
  await expect(page.getByTestId("plan-guide")).toContainText("Step 2 of 9");
  for (let step = 2; step <= 9; step++) await page.getByTestId("plan-guide-next").click();
  await expect(page.getByTestId("plan-guide")).toHaveCount(0);
  await expect(page.getByTestId("plan-guide-start")).toHaveText("Walk through it again");
  expect(JSON.parse((await stored(page, "steady.plan"))!).data.guide).toBe("done");
});

async function pickCountry(page: Page, code: string) {
  await page.getByTestId("nav-settings").click();
  await page.getByTestId("region-picker").selectOption(code);
  await page.getByTestId("nav-plan").click();
}

test("the crisis plan says to go straight to step 5 in danger; step 5 has the country's crisis line, following a change of country until you add your own", async ({ page }) => {
  await openApp(page, "/plan");
  const urgent = page.getByTestId("plan-urgent-crisis");
  await expect(urgent).toContainText("If you're thinking about suicide and feel you might act on it, or you're in danger right now");
  await expect(urgent).toContainText("go straight to step 5 and call");
  await expect(urgent.getByRole("link", { name: "Go to step 5" })).toHaveAttribute("href", "#plan-crisis-5");
  const step5 = page.locator("#plan-crisis-5");
  await expect(step5.locator("h3")).toHaveText("5. Professionals and crisis lines");

  // America/Chicago: the US line.
  const prefill = step5.getByTestId("plan-prefill");
  await expect(prefill.getByTestId("plan-prefill-text")).toHaveText("988 Suicide & Crisis Lifeline: 988");
  await expect(prefill.getByTestId("plan-prefill-call")).toHaveAttribute("href", "tel:988");
  await expect(prefill).toContainText("Steady filled in the crisis line for your country (United States).");
  // Shown, not stored: the crisis section is still the person's to start.
  await expect(page.getByTestId("plan-filled-crisis")).toHaveText("not started");
  const stepFive = async () => {
    const plan = await stored(page, "steady.plan");
    return plan ? JSON.parse(plan).data.lists?.["crisis-5"] ?? [] : [];
  };
  expect(await stepFive()).toEqual([]);

  // It follows the country picked in Settings.
  await pickCountry(page, "UK");
  await expect(prefill.getByTestId("plan-prefill-text")).toHaveText("Samaritans: 116 123");
  await expect(prefill.getByTestId("plan-prefill-call")).toHaveAttribute("href", "tel:116123");
  await pickCountry(page, "AU");
  await expect(prefill.getByTestId("plan-prefill-text")).toHaveText("Lifeline: 13 11 14");
  await expect(prefill.getByTestId("plan-prefill-call")).toHaveAttribute("href", "tel:131114");

  // The first entry of their own keeps the line they saw, above it; from then on both are theirs.
  await step5.getByTestId("plan-new-text").fill("Dr Lee at the clinic");
  await step5.getByTestId("plan-add-item").click();
  await expect(step5.getByTestId("plan-prefill")).toHaveCount(0);
  await expect.poll(() => values(step5.getByTestId("plan-item-text"))).toEqual(["Lifeline: 13 11 14", "Dr Lee at the clinic"]);
  await expect(page.getByTestId("plan-filled-crisis")).toHaveText("✓ 2 items");
  expect((await stepFive()).map((i) => i.text)).toEqual(["Lifeline: 13 11 14", "Dr Lee at the clinic"]);

  // A change of country now changes nothing the person has.
  await pickCountry(page, "US");
  await expect.poll(() => values(step5.getByTestId("plan-item-text"))).toEqual(["Lifeline: 13 11 14", "Dr Lee at the clinic"]);
  await expect(step5.getByTestId("plan-prefill")).toHaveCount(0);
  await page.reload();
  await expect.poll(() => values(step5.getByTestId("plan-item-text"))).toEqual(["Lifeline: 13 11 14", "Dr Lee at the clinic"]);

  // Everything deleted: the step is empty again, and the line is back for the country in use.
  await step5.getByRole("button", { name: "Delete “Dr Lee at the clinic”" }).click();
  await step5.getByRole("button", { name: "Delete “Lifeline: 13 11 14”" }).click();
  await expect(step5.getByTestId("plan-item")).toHaveCount(0);
  await expect(step5.getByTestId("plan-prefill-text")).toHaveText("988 Suicide & Crisis Lifeline: 988");
});

test("making my surroundings safe offers firearms, medicines and alcohol and drugs first", async ({ page }) => {
  await openApp(page, "/plan");
  const step6 = page.locator("#plan-crisis-6");
  await expect(step6.locator("h3")).toHaveText("6. Making my surroundings safe");
  const prompts = step6.getByTestId("plan-prompt");
  await expect(prompts).toHaveText([
    "Firearms: unloaded and locked up, or kept by someone I trust for now",
    "Medicines I don't need right now: locked away, or kept by someone I trust",
    "Alcohol and drugs: out of my home",
    "My naloxone is kept",
    "People who know where my naloxone is",
    "Old medication I no longer take: taken back to the pharmacy",
  ]);
  // A prompt starts the entry; the person finishes it in their own words.
  await prompts.first().click();
  const field = step6.getByTestId("plan-new-text");
  await expect(field).toHaveValue("Firearms: unloaded and locked up, or kept by someone I trust for now: ");
  await expect(field).toBeFocused();
  await field.pressSequentially("my brother has them");
  await step6.getByTestId("plan-add-item").click();
  await expect(step6.getByTestId("plan-item-text")).toHaveValue("Firearms: unloaded and locked up, or kept by someone I trust for now: my brother has them");
  await prompts.nth(2).click();
  await step6.getByTestId("plan-add-item").click();
  await expect.poll(() => values(step6.getByTestId("plan-item-text"))).toEqual([
    "Firearms: unloaded and locked up, or kept by someone I trust for now: my brother has them",
    "Alcohol and drugs: out of my home",
  ]);
});

const planDrafts = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("steady.draft.plan.")));

test("an item edit not yet saved survives a reload and is saved then", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/plan");
  await addItem(page, "reasons", "My daughter");
  const reasons = page.getByTestId("plan-section-reasons");
  // Typed, and the field not left: not saved yet, but kept.
  await reasons.getByTestId("plan-item-text").first().fill("My daughter, Ava");
  await expect.poll(() => planDrafts(page)).toHaveLength(1);
  expect(await stored(page, "steady.plan")).not.toContain("My daughter, Ava");
  await page.reload();
  await expect(page.getByTestId("plan-section-reasons").getByTestId("plan-item-text").first()).toHaveValue("My daughter, Ava");
  await expect.poll(() => stored(page, "steady.plan")).toContain("My daughter, Ava");
  expect(await planDrafts(page)).toEqual([]);
});

test("two items deleted in a row can both be brought back", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/plan");
  await addItem(page, "reasons", "My daughter");
  await addItem(page, "reasons", "My health");
  const reasons = page.getByTestId("plan-section-reasons");
  await reasons.getByRole("button", { name: "Delete “My daughter”" }).click();
  await reasons.getByRole("button", { name: "Delete “My health”" }).click();
  await expect(reasons.getByTestId("plan-item")).toHaveCount(0);
  await expect(page.locator(".notice.undo")).toContainText("You can undo 2 deletions");
  await page.getByTestId("undo").click();
  await expect(reasons.getByTestId("plan-item")).toHaveCount(1);
  await page.getByTestId("undo").click();
  await expect.poll(() => values(reasons.getByTestId("plan-item-text"))).toEqual(["My daughter", "My health"]);
  await expect(page.getByTestId("undo")).toHaveCount(0);
});
