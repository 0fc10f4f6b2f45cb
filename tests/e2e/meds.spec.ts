// Medication: added from Today, marked taken from Today in one tap (with Undo
// and a changed time), never touching the clean-time counter; stopping or
// leaving somewhere brings up the overdose-risk card once, in words that fit the
// medication and the moment; restarting asks first and never brings back the old
// dose; safe storage and missed doses; naloxone's place and expiry; history; bad
// input refused with nothing stored; backups and the lock.
import { readFileSync } from "node:fs";
import { test, expect, openApp, plant, snapshot, stored, twoTabs, allHidden } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "America/New_York", locale: "en-US" });

// 10 March 2026, 08:10 in New York (two days after the clocks went forward).
const NOW = new Date("2026-03-10T12:10:00Z");

const COUNTER = JSON.stringify({ v: 1, data: { list: [{ id: 1, name: "Clean time", start: { date: "2026-01-01" }, history: [] }], main: 1 } });
const PLAN = JSON.stringify({ v: 1, data: { lists: { support: [{ id: 1, text: "Sam", role: "sponsor", phone: "555 123 4567" }] } } });

/** Data planted before the app loads (once: kept across reloads). */
function meds(list: object[], extra: object = {}) {
  return JSON.stringify({ v: 1, data: { list, ...extra } });
}

const BUP = { id: 1, k: "bup", dose: "8 mg", from: "2026-03-01", r: "daily", at: ["08:00:00", "20:00:00"] };

const doses = async (page: Page, month = "2026-03") => JSON.parse((await stored(page, `steady.dose.${month}`)) ?? '{"data":[]}').data;

test("a medication added from Today is marked taken from Today in one tap; the counter doesn't change", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.counters": COUNTER });
  await openApp(page, "/");
  await expect(page.getByTestId("counter-days")).toHaveText("68 days");
  const counterBefore = await stored(page, "steady.counters");

  await page.getByTestId("open-meds").click();
  await page.getByTestId("med-add").click();
  await page.getByTestId("med-kind").selectOption("bup");
  await page.getByTestId("med-dose").fill("8 mg, one film");
  await page.getByTestId("med-times").fill("20:00, 8:00");
  await page.getByTestId("med-save").click();
  await expect(page.getByTestId("med-item")).toContainText("8 mg, one film — every day at 8:00 AM, 8:00 PM");
  const list = JSON.parse((await stored(page, "steady.meds"))!).data.list;
  expect(list).toEqual([
    { id: expect.any(Number), k: "bup", dose: "8 mg, one film", from: "2026-03-10", r: "daily", at: ["08:00:00", "20:00:00"] },
  ]);
  // Numbered from the time of saving: never a number given before (reliability review D2).
  const id = list[0].id;
  expect(id).toBeGreaterThanOrEqual(NOW.getTime());

  await page.getByTestId("nav-today").click();
  const today = page.getByTestId("med-today");
  await expect(today).toContainText("Time for your 8:00 AM dose");
  await today.getByTestId("med-taken").click();
  await expect(page.getByTestId("med-taken-at")).toHaveText("Taken at 8:10 AM");
  await expect(today).toContainText("Next dose: 8:00 PM");
  expect(await doses(page)).toEqual([{ med: id, d: "2026-03-10", slot: "08:00:00", t: "2026-03-10T08:10:00" }]);
  // Treatment never touches clean time.
  expect(await stored(page, "steady.counters")).toBe(counterBefore);
  await expect(page.getByTestId("counter-days")).toHaveText("68 days");

  // Taken a little earlier, really: the time can be changed.
  await page.getByTestId("med-taken-time").fill("07:45");
  await page.getByTestId("med-taken-time").dispatchEvent("change");
  await expect(page.getByTestId("med-taken-at")).toHaveText("Taken at 7:45 AM");
  expect(await doses(page)).toEqual([{ med: id, d: "2026-03-10", slot: "08:00:00", t: "2026-03-10T07:45:00" }]);
  await page.reload();
  await expect(page.getByTestId("med-taken-at")).toHaveText("Taken at 7:45 AM");
});

test("what is typed in the medication form is kept through leaving the screen and a reload, until saved or cancelled", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/meds");
  await page.getByTestId("med-add").click();
  await page.getByTestId("med-kind").selectOption("methadone");
  await page.getByTestId("med-dose").fill("60 mg");
  await page.getByTestId("med-times").fill("9:00");
  await page.getByTestId("med-take-homes").fill("6");
  await page.getByTestId("med-prescriber").fill("Harbor clinic");
  await page.getByTestId("nav-today").click();
  await page.reload();
  await page.goto("/meds");
  await expect(page.getByTestId("med-kind")).toHaveValue("methadone");
  await expect(page.getByTestId("med-dose")).toHaveValue("60 mg");
  await expect(page.getByTestId("med-times")).toHaveValue("9:00");
  await expect(page.getByTestId("med-take-homes")).toHaveValue("6");
  await expect(page.getByTestId("med-prescriber")).toHaveValue("Harbor clinic");
  await page.getByTestId("med-save").click();
  await expect(page.getByTestId("med-item")).toContainText("60 mg — every day at 9:00 AM");
  expect(await stored(page, "steady.draft.med")).toBeNull();
  await page.getByTestId("med-add").click();
  await page.getByTestId("med-dose").fill("not this");
  await page.getByTestId("med-cancel").click();
  expect(await stored(page, "steady.draft.med")).toBeNull();
  await page.reload();
  await expect(page.getByTestId("med-form")).toHaveCount(0);
});

test("a kept medication form that can't be read back is set aside, not written over by the next one", async ({ page }) => {
  await page.clock.install({ time: NOW });
  const old = '{"med":{"id":1,"k":"a kind this version doesn\'t know","dose":"60 mg"}}';
  await plant(page, { "steady.draft.med": old });
  await openApp(page, "/meds");
  await expect(page.getByTestId("med-form")).toHaveCount(0);
  await page.getByTestId("med-add").click();
  await page.getByTestId("med-dose").fill("8 mg");
  await page.goto("/settings");
  await expect(page.getByTestId("set-aside-item")).toHaveCount(1);
  await expect(page.getByTestId("set-aside-item")).toContainText("A form you hadn't saved yet");
  await page.getByTestId("set-aside-view").click();
  await expect(page.getByTestId("set-aside-text")).toHaveValue(old);
  expect(JSON.parse((await stored(page, "steady.draft.med"))!).med.dose).toBe("8 mg");
});

test("a new medication saved in one tab never replaces one that another tab added meanwhile", async ({ context }) => {
  const [first, second] = await twoTabs(context, "/meds", NOW);
  // The first tab's form opens while there is no medication (so its next number is 1)…
  await first.getByTestId("med-add").click();
  await first.getByTestId("med-kind").selectOption("methadone");
  await first.getByTestId("med-dose").fill("60 mg");
  // …and the second tab saves number 1 before the first saves.
  await second.getByTestId("med-add").click();
  await second.getByTestId("med-dose").fill("8 mg");
  await second.getByTestId("med-save").click();
  await expect(first.getByTestId("med-item")).toHaveCount(1);
  await first.getByTestId("med-save").click();
  await expect(first.getByTestId("med-item")).toHaveCount(2);
  const list = JSON.parse((await stored(first, "steady.meds"))!).data.list;
  expect(list.map((m: { k: string; dose: string }) => [m.k, m.dose])).toEqual([
    ["bup", "8 mg"],
    ["methadone", "60 mg"],
  ]);
  expect(list[1].id).toBeGreaterThan(list[0].id);
  await expect(second.getByTestId("med-item")).toHaveCount(2);
});

test("a dose marked by mistake can be undone", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([BUP]) });
  await openApp(page, "/");
  await page.getByTestId("med-taken").click();
  await expect(page.getByTestId("med-taken-at")).toBeVisible();
  await page.getByTestId("med-undo").click();
  await expect(page.getByTestId("med-taken-at")).toHaveCount(0);
  expect(await stored(page, "steady.dose.2026-03")).toBeNull();
  await expect(page.getByTestId("med-today")).toContainText("Time for your 8:00 AM dose");
});

test("stopping treatment shows the overdose-risk card once, with naloxone, the crisis plan and the sponsor", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([BUP], { nal: { w: "Kitchen drawer", k: "nasal" } }), "steady.plan": PLAN });
  await openApp(page, "/meds");
  await expect(page.getByTestId("risk-card")).toHaveCount(0);
  await page.getByTestId("med-stop").click();
  await page.getByTestId("med-stop-date").fill("2026-03-09");
  await page.getByTestId("med-stop-confirm").click();
  const card = page.getByTestId("risk-card");
  await expect(card).toContainText("much higher overdose risk");
  await expect(card).toContainText("your prescriber or clinic can help you restart safely");
  await expect(card.getByTestId("use-alone-line")).toBeVisible();
  await expect(page.getByTestId("risk-naloxone")).toContainText("Your naloxone: Kitchen drawer.");
  await expect(page.getByTestId("risk-call")).toHaveAttribute("href", "tel:+15551234567");
  await expect(page.getByTestId("risk-plan")).toHaveAttribute("href", "/plan#plan-crisis");
  await expect(page.getByTestId("med-stopped")).toContainText("Stopped on 9 March 2026");
  await page.getByTestId("risk-close").click();
  await expect(card).toHaveCount(0);
  // Nothing is due any more.
  await expect(page.getByTestId("med-today")).toHaveCount(0);

  // Started again and stopped again: the card was already shown.
  await page.getByTestId("med-restart").click();
  await page.getByTestId("med-restart-save").click();
  await page.getByTestId("med-stop").click();
  await page.getByTestId("med-stop-confirm").click();
  await expect(page.getByTestId("med-stopped")).toBeVisible();
  await expect(card).toHaveCount(0);
  expect(JSON.parse((await stored(page, "steady.meds"))!).data.shown).toEqual(["stop:1"]);
});

test("recording a taper shows the card too", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([BUP]) });
  await openApp(page, "/meds");
  await page.getByTestId("med-taper").click();
  const card = page.getByTestId("risk-card");
  // A taper is not yet a stop: its own words, without the figures about stopping.
  await expect(card.getByTestId("risk-words")).toHaveAttribute("data-card", "taper");
  await expect(card).toContainText("your overdose risk rises");
  await expect(card).toContainText("A taper isn't a stop yet: going more slowly, or back up if you need to, is OK.");
  await expect(card).not.toContainText("Cornish");
  await expect(card.getByTestId("use-alone-line")).toBeVisible();
  await expect(page.getByTestId("risk-help")).toBeVisible();
  await expect(page.getByTestId("med-tapering")).toContainText("Tapering since 10 March 2026");
});

test("“I've just left…” from Today shows the card for the place left", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await expect(page.getByTestId("open-meds")).toContainText("I've just left…");
  await page.getByTestId("open-meds").click();
  await page.getByTestId("left-place").selectOption("prison");
  await page.getByTestId("left-save").click();
  const card = page.getByTestId("risk-card");
  await expect(card).toContainText("After leaving prison or jail, your tolerance to opioids is likely much lower");
  await expect(card).toBeFocused();
  // The first two weeks after prison (Binswanger, NEJM 2007), and what lowers the risk.
  await expect(card.getByTestId("risk-prison")).toContainText("about 13 times the general population's, mostly from overdose (Binswanger and others, NEJM 2007)");
  await expect(card.getByTestId("risk-lowers")).toContainText("medication — buprenorphine or methadone — keeps your tolerance up");
  await expect(card.getByTestId("risk-lowers")).toContainText("much less than before, slowly, not alone, and with naloxone where others can find it");
  // Finding treatment today: one tap to the country's line (the US: SAMHSA's referrals).
  await expect(card.getByTestId("risk-lowers")).toContainText("ask a clinic today about starting. Or call SAMHSA National Helpline:");
  await expect(card.getByTestId("risk-treatment-call")).toHaveAttribute("href", "tel:+18006624357");
  await expect(card).not.toContainText("Cornish");
  // Don't use alone, with one tap to the country's line (New York: Never Use Alone).
  await expect(card.getByTestId("use-alone-line")).toContainText("call Never Use Alone first");
  await expect(card.getByTestId("use-alone-call")).toHaveAttribute("href", "tel:+18004843731");
  expect(JSON.parse((await stored(page, "steady.meds"))!).data).toEqual({ left: [{ p: "prison", d: "2026-03-10" }], shown: ["left:prison:2026-03-10"] });
});

const METHADONE = { id: 1, k: "methadone", dose: "80 mg", from: "2026-03-01", r: "daily", at: ["09:00:00"], th: 6 };

test("“I've started again” asks first, with an empty dose field, and clears methadone take-home doses", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([{ ...METHADONE, stop: "2026-03-05" }]) });
  await openApp(page, "/meds");
  const item = page.getByTestId("med-item");
  await expect(item).toContainText("Take-home doses on hand: 6");
  await expect(page.getByTestId("med-today")).toHaveCount(0);

  // Cancel changes nothing.
  await page.getByTestId("med-restart").click();
  const confirm = page.getByTestId("med-restart-confirm");
  await expect(confirm).toContainText("Restart only with your prescriber or clinic.");
  await expect(confirm).toContainText("your old methadone dose can be too strong for you and cause an overdose");
  await page.getByTestId("med-restart-cancel").click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId("med-stopped")).toContainText("Stopped on 5 March 2026");

  // The old dose is never filled in: the person writes the one given now.
  await page.getByTestId("med-restart").click();
  await expect(page.getByTestId("med-restart-dose")).toHaveValue("");
  await expect(page.getByTestId("med-restart-dose")).toBeFocused();
  await page.getByTestId("med-restart-dose").fill("30 mg");
  await page.getByTestId("med-restart-save").click();
  await expect(confirm).toHaveCount(0);
  await expect(item).toContainText("30 mg — every day at 9:00 AM");
  await expect(item).not.toContainText("80 mg");
  await expect(item).not.toContainText("Take-home doses");
  await expect(page.getByTestId("med-stopped")).toHaveCount(0);
  await expect(page.getByTestId("med-today")).toContainText("Methadone — 30 mg");
  await expect(page.getByTestId("risk-card")).toHaveCount(0);
  expect(JSON.parse((await stored(page, "steady.meds"))!).data.list).toEqual([
    { id: 1, k: "methadone", dose: "30 mg", from: "2026-03-01", r: "daily", at: ["09:00:00"] },
  ]);
});

test("a stopped methadone card gives the first month's figures, and what can help", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([METHADONE]) });
  await openApp(page, "/meds");
  await page.getByTestId("med-stop").click();
  await page.getByTestId("med-stop-confirm").click();
  const card = page.getByTestId("risk-card");
  await expect(card.getByTestId("risk-words")).toHaveAttribute("data-card", "stopped");
  await expect(card).toContainText("deaths in the first month after leaving treatment were about 8 to 9 times as high as during it (Cornish and others, BMJ 2010)");
  await expect(card).not.toContainText("first two weeks");
  await expect(card).toContainText("it's not too late: your prescriber or clinic can help you restart safely");
  await expect(card.getByTestId("use-alone-line")).toBeVisible();
});

// Naltrexone as a daily tablet and as a monthly injection.
const tablet = { id: 1, k: "ntx", dose: "50 mg", from: "2026-03-01", r: "daily", at: ["08:00:00"] };
const injection = { id: 2, k: "ntx-month", from: "2026-03-01", r: "monthly" };

test("naltrexone has no “I'm tapering”, and its risk card has its own words without the methadone figures", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([tablet, injection]) });
  await openApp(page, "/meds");
  await expect(page.getByTestId("med-item")).toHaveCount(2);
  await expect(page.getByTestId("med-stop")).toHaveCount(2);
  await expect(page.getByTestId("med-taper")).toHaveCount(0);

  await page.locator('[data-testid="med-item"][data-med="1"]').getByTestId("med-stop").click();
  await page.getByTestId("med-stop-date").fill("2026-03-09");
  await page.getByTestId("med-stop-confirm").click();
  const card = page.getByTestId("risk-card");
  await expect(card.getByTestId("risk-words")).toHaveAttribute("data-card", "naltrexone");
  await expect(card).toContainText("Naltrexone's block on opioids wears off");
  await expect(card).toContainText("when your next shot is due or late, and after you stop");
  await expect(card).toContainText("Never try to push through the block by taking more: that can kill.");
  await expect(card).not.toContainText("Cornish");
  await expect(card).not.toContainText("8 to 9 times");
  await expect(card.getByTestId("use-alone-line")).toContainText("don't use alone");
  await expect(card.getByTestId("use-alone-call")).toHaveAttribute("href", "tel:+18004843731");
});

test("safety words: storing doses at home, missed doses, and where not to keep naloxone", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([BUP]) });
  await openApp(page, "/meds");
  const missed = page.getByTestId("meds-missed");
  await expect(missed).toContainText("Missed a dose? Don't take double to catch up: call your clinic or pharmacist.");
  await expect(missed).not.toContainText("methadone");
  await expect(page.getByTestId("naloxone-storage")).toContainText("Not in a car or a bathroom: heat and cold can damage it.");

  await page.getByTestId("med-add").click();
  await page.getByTestId("med-kind").selectOption("methadone");
  const storage = page.getByTestId("med-storage");
  await expect(storage).toContainText("a locked box, with the key kept somewhere else, out of sight of children and visitors");
  await expect(storage).toContainText("Even a small amount can kill a child or someone with no tolerance to opioids.");
  await expect(storage).toContainText("If anyone else swallows any, call 911 right away.");
  await expect(page.getByTestId("med-take-homes")).toHaveAttribute("aria-describedby", "med-storage");
  await page.getByTestId("med-kind").selectOption("ntx");
  await expect(storage).toHaveCount(0);
  await page.getByTestId("med-kind").selectOption("bup");
  await expect(storage).toBeVisible();
  await page.getByTestId("med-kind").selectOption("methadone");
  await page.getByTestId("med-dose").fill("60 mg");
  await page.getByTestId("med-save").click();
  // With methadone taken: after 3 or more missed days, the dose is checked first.
  await expect(missed).toContainText("After 3 or more days in a row without methadone, your dose needs checking before you take it again.");
});

test.describe("in Spanish", () => {
  test.use({ locale: "es-US" });

  test("the restart confirmation and the risk card after stopping are in Spanish", async ({ page }) => {
    await page.clock.install({ time: NOW });
    await plant(page, { "steady.meds": meds([{ ...METHADONE, stop: "2026-03-05" }, { ...BUP, id: 2 }]) });
    await openApp(page, "/meds");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.getByTestId("med-restart").click();
    const confirm = page.getByTestId("med-restart-confirm");
    // The medication is masculine throughout (Spanish review B7).
    await expect(confirm).toContainText("Vuelve a tomarlo solo con el visto bueno de quien te lo receta o de tu clínica.");
    await expect(confirm).toContainText("tu dosis anterior de metadona puede ser demasiado fuerte para ti y causar una sobredosis");
    await expect(confirm).toContainText("¿Qué dosis te indicaron ahora? (opcional)");
    await expect(page.getByTestId("med-restart-dose")).toHaveValue("");
    await page.getByTestId("med-restart-cancel").click();

    await page.locator('[data-testid="med-item"][data-med="2"]').getByTestId("med-stop").click();
    await page.getByTestId("med-stop-confirm").click();
    const card = page.getByTestId("risk-card");
    await expect(card).toContainText("Dejar el tratamiento con metadona o buprenorfina para el trastorno por consumo de opioides");
    await expect(card).toContainText("en el primer mes después de dejar el tratamiento fueron de 8 a 9 veces más altas que durante el tratamiento (Cornish y colaboradores, BMJ 2010)");
    await expect(card.getByTestId("use-alone-line")).toContainText("no lo hagas a solas");
    await expect(page.getByTestId("just-left")).toContainText("En las semanas después de salir de un programa, de una desintoxicación, de un centro residencial o de la cárcel, la tolerancia está en su punto más bajo.");
  });
});

test("naloxone: where it is and its expiry, with a notice from 30 days before", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/meds");
  await page.getByTestId("naloxone-where").fill("Kitchen drawer");
  await page.getByTestId("naloxone-kind").selectOption("injection");
  await page.getByTestId("naloxone-expiry").fill("2026-04-10");
  await page.getByTestId("naloxone-save").click();
  await expect(page.getByTestId("naloxone")).toContainText("Saved.");
  expect(JSON.parse((await stored(page, "steady.meds"))!).data).toEqual({ nal: { w: "Kitchen drawer", x: "2026-04-10", k: "injection" } });
  // 31 days ahead: no notice yet.
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("today")).toBeVisible();
  await expect(page.getByTestId("naloxone-expiring")).toHaveCount(0);

  // 30 days ahead: on Today and on the medication screen.
  await page.goto("/meds");
  await page.getByTestId("naloxone-expiry").fill("2026-04-09");
  await page.getByTestId("naloxone-save").click();
  await page.getByTestId("nav-today").click();
  await expect(page.getByTestId("naloxone-expiring")).toContainText("Your naloxone expires on 9 April 2026");
  await page.goto("/meds");
  await expect(page.getByTestId("naloxone-expiring")).toBeVisible();
});

test("bad input is refused with a clear message and nothing is stored", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/meds");
  await page.getByTestId("med-add").click();
  await page.getByTestId("med-kind").selectOption("other");
  await page.getByTestId("med-save").click();
  await expect(page.getByTestId("med-error")).toHaveText("Give this medication a name.");
  await page.getByTestId("med-name").fill("Sertraline");
  await page.getByTestId("med-times").fill("8h30");
  await page.getByTestId("med-save").click();
  await expect(page.getByTestId("med-error")).toContainText("Write the times like 8:00\u00a0AM or 8:30\u00a0PM");
  await page.getByTestId("med-repeat").selectOption("days");
  await page.getByTestId("med-every").fill("0");
  await page.getByTestId("med-times").fill("09:00");
  await page.getByTestId("med-save").click();
  await expect(page.getByTestId("med-error")).toContainText("Every how many days?");
  expect(await stored(page, "steady.meds")).toBeNull();
  // What was typed is still there; fixing it saves.
  await expect(page.getByTestId("med-name")).toHaveValue("Sertraline");
  await page.getByTestId("med-every").fill("2");
  await page.getByTestId("med-save").click();
  await expect(page.getByTestId("med-item")).toContainText("every 2 days at 9:00 AM");
});

test("a medication's history shows each day plainly", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, {
    "steady.meds": meds([{ ...BUP, from: "2026-03-08" }]),
    "steady.dose.2026-03": JSON.stringify({ v: 1, data: [
      { med: 1, d: "2026-03-08", slot: "08:00:00", t: "2026-03-08T08:05:00" },
      { med: 1, d: "2026-03-08", slot: "20:00:00", t: "2026-03-08T20:15:00" },
    ] }),
  });
  await openApp(page, "/meds");
  await page.getByTestId("med-history-open").click();
  const history = page.getByTestId("med-history");
  await expect(history).toContainText("March 2026");
  await expect(history.locator('[data-date="2026-03-08"]')).toHaveText("8 March 2026: taken at 8:05 AM, 8:15 PM");
  await expect(history.locator('[data-date="2026-03-09"]')).toHaveText("9 March 2026: not marked");
  await expect(history.getByTestId("med-day")).toHaveCount(3);
  await page.getByTestId("med-history-earlier").click();
  await expect(history).toContainText("February 2026");
  await expect(history).toContainText("Nothing to show for this month.");
});

test("medication goes into a backup and comes back, and is stored encrypted under the lock", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([BUP], { nal: { w: "Secret drawer", k: "nasal" } }) });
  await openApp(page, "/");
  await page.getByTestId("med-taken").click();
  await expect(page.getByTestId("med-taken-at")).toBeVisible();
  const before = await snapshot(page);

  await page.goto("/settings");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-backup").click();
  const text = readFileSync((await (await downloading).path())!, "utf8");
  const file = JSON.parse(text);
  expect(file.version).toBe(4);
  expect(file.meds.list).toHaveLength(1);
  expect(file.doses).toEqual([{ med: 1, d: "2026-03-10", slot: "08:00:00", t: "2026-03-10T08:10:00" }]);

  await page.getByTestId("delete-all").click();
  await page.getByTestId("delete-all-input").fill("DELETE");
  await page.getByTestId("delete-all-confirm").click();
  await expect(page.getByTestId("delete-status")).toContainText("deleted");
  await page.getByTestId("import-backup").setInputFiles({ name: "b.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.getByTestId("import-preview")).toContainText("1 medication and 1 dose marked taken");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  const after = await snapshot(page);
  // The same data (written back as this version's document, version 2).
  expect(JSON.parse(after["steady.meds"]).data).toEqual(JSON.parse(before["steady.meds"]).data);
  expect(after["steady.dose.2026-03"]).toEqual(before["steady.dose.2026-03"]);

  // Merging the same file again doubles nothing.
  await page.getByTestId("import-backup").setInputFiles({ name: "b.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await page.getByTestId("import-mode-merge").check();
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-status")).toContainText("restored");
  expect(await doses(page)).toHaveLength(1);

  await page.getByTestId("lock-passcode").fill("246813");
  await page.getByTestId("lock-passcode-again").fill("246813");
  await page.getByTestId("lock-set").click();
  await expect(page.getByTestId("lock-status")).toContainText("The lock is on", { timeout: 15_000 });
  const sealed = await snapshot(page);
  // Sealed, under names that don't say medication is taken, or in which months.
  expect(allHidden(sealed)).toBe(true);
  expect(JSON.stringify(sealed)).not.toContain("Secret");
  await page.goto("/");
  await page.getByTestId("unlock-input").fill("246813");
  await page.getByTestId("unlock-submit").click();
  await expect(page.getByTestId("med-taken-at")).toHaveText("Taken at 8:10 AM");
});

test("“Add to my calendar” downloads one calendar file with discreet titles and alarms", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([BUP], { nal: { w: "Bag", x: "2026-12-01", k: "nasal" } }) });
  await openApp(page, "/meds");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("calendar-export").click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe("reminders.ics");
  const text = readFileSync((await file.path())!, "utf8");
  expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(text).toContain("SUMMARY:Reminder: 8:00\u00a0AM\r\n");
  expect(text).toContain("SUMMARY:Reminder: 8:00\u00a0PM\r\n");
  expect(text).toContain("SUMMARY:Check a date\r\n");
  expect(text).toContain("DTSTART:20260301T080000\r\nDURATION:PT15M\r\nRRULE:FREQ=DAILY\r\n");
  expect(text).toContain("BEGIN:VALARM");
  expect(text).not.toContain("Buprenorphine");
  // Nothing says Steady, recovery or naloxone (security review S6): the UIDs start with this install's random id…
  expect(text).not.toMatch(/steady|recovery|naloxone/i);
  const install = text.match(/\r\nUID:([0-9a-f]{16})-m1-0800\r\n/)![1];
  expect(JSON.parse((await stored(page, "steady.meds"))!).data.cal).toBe(install);
  await expect(page.getByTestId("calendar-status")).toContainText("Downloaded");
  // …kept, so the next file's events have the same UIDs and update the ones added before.
  await page.reload();
  const again = page.waitForEvent("download");
  await page.getByTestId("calendar-export").click();
  const second = readFileSync((await (await again).path())!, "utf8");
  const uids = (t: string) => t.split("\r\n").filter((l) => l.startsWith("UID:"));
  expect(uids(second)).toEqual(uids(text));
});

test("where the phone can share files, the calendar file goes to the share sheet, with full titles if asked", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([BUP]) });
  await page.addInitScript(() => {
    (navigator as any).canShare = (data: any) => Array.isArray(data?.files);
    (navigator as any).share = async (data: any) => {
      const file = data.files[0];
      (window as any).shared = { name: file.name, type: file.type, text: await file.text() };
    };
  });
  await openApp(page, "/meds");
  await page.getByTestId("calendar-full-titles").check();
  await page.getByTestId("calendar-export").click();
  await expect(page.getByTestId("calendar-status")).toContainText("Shared");
  const shared = await page.evaluate(() => (window as any).shared);
  expect(shared.name).toBe("reminders.ics");
  expect(shared.type).toBe("text/calendar");
  expect(shared.text).toContain("SUMMARY:Buprenorphine film or tablet (8 mg)\r\n");
  // Asked for: the file as it always was.
  expect(shared.text).toContain("UID:steady-med-1-0800@steady.app\r\n");
});

test("with nothing to remind of, the calendar button says what to add first", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/meds");
  await expect(page.getByTestId("calendar-export")).toBeDisabled();
  await expect(page.getByTestId("calendar")).toContainText("Add a medication, an appointment or your naloxone's expiry date first.");
});

test("two open tabs stay in step: a dose marked in one shows in the other", async ({ context }) => {
  const first = await context.newPage();
  await first.clock.install({ time: NOW });
  await plant(first, { "steady.meds": meds([BUP]) });
  await openApp(first, "/");
  const second = await context.newPage();
  await second.clock.install({ time: NOW });
  await openApp(second, "/meds");
  await expect(second.getByTestId("med-today")).toContainText("Time for your 8:00 AM dose");
  await first.getByTestId("med-taken").click();
  await expect(first.getByTestId("med-taken-at")).toHaveText("Taken at 8:10 AM");
  await expect(second.getByTestId("med-taken-at")).toHaveText("Taken at 8:10 AM");
  expect(await doses(second)).toHaveLength(1);
});

test("unreadable medication data is kept as it is, never written over", async ({ page }) => {
  await page.clock.install({ time: NOW });
  const raw = '{"v":1,"data":{"list":[{"id":1,"k":"bup"';
  await page.addInitScript((raw) => { if (!localStorage.getItem("steady.meds")) localStorage.setItem("steady.meds", raw); }, raw);
  await openApp(page, "/meds");
  await expect(page.getByTestId("storage-problem")).toContainText("your medication and naloxone details");
  await page.getByTestId("naloxone-where").fill("Bag");
  await page.getByTestId("naloxone-save").click();
  await expect(page.getByTestId("save-error")).toContainText("won't write over it");
  await expect(page.getByTestId("naloxone")).not.toContainText("Saved.");
  expect(await stored(page, "steady.meds")).toBe(raw);
});

const METHADONE_2 = { id: 2, k: "methadone", dose: "60 mg", from: "2026-03-01", r: "daily", at: ["09:00:00"] };
const item = (page: Page, id: number) => page.locator(`[data-testid="med-item"][data-med="${id}"]`);

test("“Change” on another medication while the form has unsaved changes asks first", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([BUP, METHADONE_2]) });
  await openApp(page, "/meds");
  // Opened and not changed: another "Change" just opens the other one.
  await item(page, 1).getByTestId("med-edit").click();
  await expect(page.getByTestId("med-dose")).toHaveValue("8 mg");
  await item(page, 2).getByTestId("med-edit").click();
  await expect(page.getByTestId("form-switch-confirm")).toHaveCount(0);
  await expect(page.getByTestId("med-dose")).toHaveValue("60 mg");

  // Changed: asked first. "Keep editing" keeps every word.
  await page.getByTestId("med-dose").fill("55 mg");
  await item(page, 1).getByTestId("med-edit").click();
  await expect(page.getByTestId("form-switch-confirm")).toBeVisible();
  await expect(page.getByTestId("form-switch-keep")).toBeFocused();
  await page.getByTestId("form-switch-keep").click();
  await expect(page.getByTestId("form-switch-confirm")).toHaveCount(0);
  await expect(page.getByTestId("med-kind")).toHaveValue("methadone");
  await expect(page.getByTestId("med-dose")).toHaveValue("55 mg");
  expect(JSON.parse((await stored(page, "steady.draft.med"))!).med.dose).toBe("55 mg");

  // "Discard" opens what was asked for; the unsaved words are gone for good, the stored medication untouched.
  await item(page, 1).getByTestId("med-edit").click();
  await page.getByTestId("form-switch-discard").click();
  await expect(page.getByTestId("med-kind")).toHaveValue("bup");
  await expect(page.getByTestId("med-dose")).toHaveValue("8 mg");
  expect(await stored(page, "steady.draft.med")).toBeNull();
  expect(JSON.parse((await stored(page, "steady.meds"))!).data.list[1]).toEqual(METHADONE_2);
  await page.reload();
  await expect(page.getByTestId("med-form")).toHaveCount(0);

  // A new medication being typed is asked about too.
  await page.getByTestId("med-add").click();
  await page.getByTestId("med-name").fill("Sertraline");
  await item(page, 2).getByTestId("med-edit").click();
  await expect(page.getByTestId("form-switch-confirm")).toBeVisible();
  await page.getByTestId("form-switch-keep").click();
  await expect(page.getByTestId("med-name")).toHaveValue("Sertraline");
});

test("saving the medication form after a stop made below it keeps the stop", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([BUP]) });
  await openApp(page, "/meds");
  await page.getByTestId("med-edit").click();
  await page.getByTestId("med-dose").fill("12 mg");
  // Meanwhile, in the list below the form: "I've stopped".
  await page.getByTestId("med-stop").click();
  await page.getByTestId("med-stop-date").fill("2026-03-09");
  await page.getByTestId("med-stop-confirm").click();
  await page.getByTestId("risk-close").click();
  await page.getByTestId("med-save").click();
  await expect(page.getByTestId("med-form")).toHaveCount(0);
  await expect(page.getByTestId("med-stopped")).toContainText("Stopped on 9 March 2026");
  expect(JSON.parse((await stored(page, "steady.meds"))!).data.list[0]).toMatchObject({ dose: "12 mg", stop: "2026-03-09" });
});

test("“Taken” tapped after midnight marks last night's dose, and the morning's stays due", async ({ page }) => {
  // 00:20 on 10 March in New York; last night's 20:00 dose isn't marked yet.
  await page.clock.install({ time: new Date("2026-03-10T04:20:00Z") });
  await plant(page, { "steady.meds": meds([BUP]) });
  await openApp(page, "/");
  const today = page.getByTestId("med-today");
  await expect(today.getByTestId("med-due")).toHaveText("Yesterday's 8:00 PM dose");
  await expect(today.getByTestId("med-taken")).toHaveAttribute("aria-label", "Mark yesterday's 8:00\u00a0PM dose of Buprenorphine film or tablet taken");
  await today.getByTestId("med-taken").click();
  await expect(page.getByTestId("med-just-taken")).toContainText("Marked taken at 12:20 AM.");
  expect(await doses(page)).toEqual([{ med: 1, d: "2026-03-09", slot: "20:00:00", t: "2026-03-10T00:20:00" }]);
  await expect(today).toContainText("Next dose: 8:00 AM");
  // In the morning, the 08:00 dose is still due.
  await page.clock.setFixedTime(new Date("2026-03-10T12:05:00Z"));
  await page.reload();
  await expect(page.getByTestId("med-today")).toContainText("Time for your 8:00 AM dose");
});

test("two medications removed in a row can both be brought back", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await plant(page, { "steady.meds": meds([tablet, injection]) });
  await openApp(page, "/meds");
  for (const left of [1, 0]) {
    await page.getByTestId("med-item").first().getByTestId("med-remove").click();
    await expect(page.getByTestId("med-item")).toHaveCount(left);
  }
  await expect(page.locator(".notice.undo")).toContainText("You can undo 2 deletions");
  await page.getByTestId("med-undo-remove").click();
  await expect(page.getByTestId("med-item")).toHaveCount(1);
  await page.getByTestId("med-undo-remove").click();
  await expect(page.getByTestId("med-item")).toHaveCount(2);
  await page.reload();
  await expect(page.getByTestId("med-item")).toHaveCount(2);
});
