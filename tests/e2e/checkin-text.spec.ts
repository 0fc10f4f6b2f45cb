// The check-in text to a sponsor: offered on Today once the day's check-in is done, shown
// in full before it leaves, what it says chosen once and remembered, sent by the person's
// own messages app or share sheet. Steady itself sends nothing.
import { test, expect, openApp, stored } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "America/New_York", locale: "en-US" });

// 10 March 2026, 21:00 in New York.
const NOW = new Date("2026-03-11T01:00:00Z");

async function seed(page: Page, support: object[]) {
  await page.addInitScript((support) => {
    if (localStorage.getItem("steady.counters")) return;
    localStorage.setItem("steady.counters", JSON.stringify({ v: 1, data: { list: [{ id: 1, name: "Clean time", start: { date: "2026-01-27" }, history: [] }], main: 1 } }));
    localStorage.setItem("steady.plan", JSON.stringify({ v: 1, data: { lists: { support }, guide: "done" } }));
  }, support);
}

async function checkIn(page: Page) {
  await page.getByTestId("checkin-open").click();
  await page.getByTestId("checkin-mood-3").click();
  await page.getByTestId("checkin-craving").fill("3");
  await page.getByTestId("checkin-sleep-4").click();
  await page.getByTestId("checkin-helped").fill("A walk & a call");
  await page.getByTestId("checkin-note").fill("Private note");
  await page.getByTestId("checkin-used-no").click();
  await page.getByTestId("checkin-save").click();
  await expect(page).toHaveURL("/");
}

test("after the check-in, one tap shows a text for the sponsor; what it says is chosen once and remembered", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, [
    { id: 1, text: "Mum", role: "family", phone: "555 000 1111" },
    { id: 2, text: "Sam", role: "sponsor", phone: "555 123 4567" },
  ]);
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await openApp(page, "/");
  // Not before there is a check-in to tell about.
  await expect(page.getByTestId("sponsor-checkin")).toHaveCount(0);
  await checkIn(page);

  await page.getByTestId("sponsor-checkin").click();
  const panel = page.getByTestId("sponsor-checkin-panel");
  await expect(panel).toContainText("A check-in text to Sam");
  const message = page.getByTestId("sponsor-checkin-message");
  // The counter started 27 January: 42 whole days by the evening of 10 March.
  await expect(message).toHaveText("Clean time: 42 days. Mood: okay. Strongest craving: 3 of 10.");
  const send = page.getByTestId("sponsor-checkin-send");
  await expect(send).toHaveText("Text Sam");
  await expect(send).toHaveAttribute("href", "sms:+15551234567?&body=Clean%20time%3A%2042%20days.%20Mood%3A%20okay.%20Strongest%20craving%3A%203%20of%2010.");

  // Choices: sleep and what helped in, clean time out; and a line of their own.
  await page.getByTestId("sponsor-checkin-include-days").uncheck();
  await page.getByTestId("sponsor-checkin-include-sleep").check();
  await page.getByTestId("sponsor-checkin-include-helped").check();
  await page.getByTestId("sponsor-checkin-line").fill("Call you Sunday?");
  const expected = "Mood: okay. Strongest craving: 3 of 10. Sleep: good. What helped: A walk & a call\nCall you Sunday?";
  await expect(message).toHaveText(expected);
  expect(decodeURIComponent((await send.getAttribute("href"))!.split("?&body=")[1])).toBe(expected);
  // The note and whether they used are never part of it.
  await expect(message).not.toContainText("Private note");

  // Remembered: after a reload (the line too, for today).
  await page.reload();
  await page.getByTestId("sponsor-checkin").click();
  await expect(page.getByTestId("sponsor-checkin-include-days")).not.toBeChecked();
  await expect(page.getByTestId("sponsor-checkin-include-helped")).toBeChecked();
  await expect(message).toHaveText(expected);
  const share = JSON.parse(JSON.parse((await stored(page, "steady.plan"))!).data.share);
  expect(share.checkin).toEqual(["mood", "craving", "sleep", "helped"]);

  // No choice at all and no line: nothing to send, and it says so.
  for (const part of ["mood", "craving", "sleep", "helped"]) await page.getByTestId(`sponsor-checkin-include-${part}`).uncheck();
  await page.getByTestId("sponsor-checkin-line").fill("");
  await expect(send).toHaveCount(0);
  await expect(panel).toContainText("Choose something to include, or add a line.");

  // Steady sent nothing anywhere.
  for (const url of requests) expect(new URL(url).hostname).toBe("127.0.0.1");
});

test("with no one's number in the plan, the text goes through the share sheet (or is copied), and says where to add one", async ({ page, context }) => {
  await page.clock.install({ time: NOW });
  await seed(page, []);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.addInitScript(() => {
    (window as any).shared = [];
    Object.defineProperty(navigator, "share", { value: async (data: unknown) => { (window as any).shared.push(data); } });
  });
  await openApp(page, "/");
  await checkIn(page);
  await page.getByTestId("sponsor-checkin").click();
  await expect(page.getByTestId("sponsor-checkin-send")).toHaveCount(0);
  await expect(page.getByTestId("sponsor-checkin-nobody")).toContainText("add their number to the support people in your plan");
  await page.getByTestId("sponsor-checkin-share").click();
  await expect(page.getByTestId("sponsor-checkin-status")).toHaveText("Shared.");
  expect(await page.evaluate(() => (window as any).shared)).toEqual([{ title: "Daily check-in", text: "Clean time: 42 days. Mood: okay. Strongest craving: 3 of 10." }]);
});

test("in Spanish the text is in Spanish, with the plural form for the days", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await seed(page, [{ id: 2, text: "Sam", role: "sponsor", phone: "555 123 4567" }]);
  await page.addInitScript(() => localStorage.setItem("steady-language", "es"));
  await openApp(page, "/");
  await page.getByTestId("checkin-open").click();
  await page.getByTestId("checkin-mood-4").click();
  await page.getByTestId("checkin-save").click();
  await expect(page).toHaveURL("/");
  await page.getByTestId("sponsor-checkin").click();
  await expect(page.getByTestId("sponsor-checkin-message")).toHaveText("Tiempo sin consumir: 42 días. Ánimo: bien.");
  await expect(page.getByTestId("sponsor-checkin-send")).toHaveText("Mensaje a Sam");
});
