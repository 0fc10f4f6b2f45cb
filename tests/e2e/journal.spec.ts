// The journal: write, edit, delete with undo, search as you type, prompts on a
// blank page, and a draft that survives a reload.
import { test, expect, openApp, snapshot, stored, twoTabs } from "./fixtures";
import type { Page } from "@playwright/test";

test.use({ timezoneId: "Europe/Madrid", locale: "en-GB" });

const NOW = new Date("2026-03-10T20:00:00Z"); // 21:00 in Madrid

const entries = (page: Page) => page.getByTestId("journal-entry");
const month = async (page: Page) => JSON.parse((await stored(page, "steady.journal.2026-03"))!).data;

async function write(page: Page, text: string) {
  await page.getByTestId("journal-new").click();
  await page.getByTestId("journal-text").fill(text);
  await page.getByTestId("journal-save").click();
  await expect(page.getByTestId("journal-text")).toHaveCount(0);
}

test("write, edit, delete and undo an entry, from Today", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/");
  await page.getByTestId("open-journal").click();
  await expect(page.getByTestId("journal-empty")).toBeVisible();
  await page.getByTestId("journal-new").click();
  await page.getByTestId("journal-text").fill("Went to the meeting.\nFelt heard.");
  await page.getByTestId("journal-mood-4").click();
  await page.getByTestId("journal-save").click();
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText("10 March 2026 at 21:00");
  await expect(entries(page).first()).toContainText("Mood: Good");
  await expect(entries(page).first()).toContainText("Felt heard.");
  const [saved] = await month(page);
  expect(saved).toMatchObject({ t: "2026-03-10T21:00:00", x: "Went to the meeting.\nFelt heard.", m: 4 });

  await entries(page).first().getByTestId("journal-edit").click();
  await expect(page.getByTestId("journal-text")).toHaveValue("Went to the meeting.\nFelt heard.");
  await page.getByTestId("journal-text").fill("Went to the meeting. Felt heard, and stayed for coffee.");
  await page.getByTestId("journal-save").click();
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText("stayed for coffee");
  const [edited] = await month(page);
  expect(edited.id).toBe(saved.id);
  expect(edited.e).toBe("2026-03-10T21:00:00");

  await entries(page).first().getByTestId("journal-delete").click();
  await expect(entries(page)).toHaveCount(0);
  expect(await stored(page, "steady.journal.2026-03")).toBeNull();
  await page.getByTestId("journal-undo").click();
  await expect(entries(page)).toHaveCount(1);
  expect(await month(page)).toEqual([edited]);
});

test("a blank page offers prompts to start from", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/journal");
  await page.getByTestId("journal-new").click();
  const prompts = page.getByTestId("journal-prompt");
  await expect(prompts.first()).toBeVisible();
  await page.getByRole("button", { name: "What went well today?" }).click();
  await expect(page.getByTestId("journal-text")).toHaveValue("What went well today?\n");
  await expect(page.getByTestId("journal-prompts")).toHaveCount(0);
});

test("an empty entry isn't saved, and discarding written words asks first", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/journal");
  await page.getByTestId("journal-new").click();
  await page.getByTestId("journal-text").fill("   ");
  await page.getByTestId("journal-save").click();
  await expect(page.getByTestId("journal-error")).not.toBeEmpty();
  expect(await stored(page, "steady.journal.2026-03")).toBeNull();
  await page.getByTestId("journal-text").fill("Something I wrote");
  await page.getByTestId("journal-cancel").click();
  await expect(page.getByTestId("journal-text")).toHaveValue("Something I wrote");
  await page.getByRole("button", { name: "Keep writing" }).click();
  await page.getByTestId("journal-cancel").click();
  await page.getByTestId("journal-discard").click();
  await expect(page.getByTestId("journal-text")).toHaveCount(0);
  expect(await stored(page, "steady.draft.journal")).toBeNull();
});

test("what is being written survives a reload", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/journal");
  await page.getByTestId("journal-new").click();
  await page.getByTestId("journal-text").fill("Half a thought about tomorrow");
  await page.getByTestId("journal-mood-2").click();
  await page.reload();
  await expect(page.getByTestId("journal-text")).toHaveValue("Half a thought about tomorrow");
  await expect(page.getByTestId("journal-mood-2")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("journal-save").click();
  await expect(entries(page)).toHaveCount(1);
  expect(await stored(page, "steady.draft.journal")).toBeNull();
});

test("a failed save keeps the words on screen and in the draft", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/journal");
  await page.getByTestId("journal-new").click();
  await page.getByTestId("journal-text").fill("Words that must not be lost");
  await page.evaluate(() => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith("steady.journal.")) throw new DOMException("full", "QuotaExceededError");
      return original.call(this, key, value);
    };
  });
  await page.getByTestId("journal-save").click();
  await expect(page.getByTestId("journal-error")).toContainText("Not saved");
  await expect(page.getByTestId("journal-text")).toHaveValue("Words that must not be lost");
  expect(JSON.parse((await stored(page, "steady.draft.journal"))!).text).toBe("Words that must not be lost");
});

test("search finds entries as you type, ignoring case and accents", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await page.addInitScript(() => {
    if (localStorage.getItem("seeded")) return;
    const data = [
      { id: 3, t: "2026-03-09T22:00:00", x: "Escuché una canción que me dio fuerza." },
      { id: 2, t: "2026-03-02T08:00:00", x: "Coffee with Sam after the meeting" },
      { id: 1, t: "2026-02-20T23:00:00", x: "Rough night. Called my sponsor." },
    ];
    localStorage.setItem("steady.journal.2026-03", JSON.stringify({ v: 1, data: data.slice(0, 2) }));
    localStorage.setItem("steady.journal.2026-02", JSON.stringify({ v: 1, data: data.slice(2) }));
    localStorage.setItem("seeded", "1");
  });
  await openApp(page, "/journal");
  await expect(entries(page)).toHaveCount(3);
  // Newest first, across months.
  await expect(entries(page).first()).toContainText("canción");
  await expect(entries(page).last()).toContainText("Rough night");
  await page.getByTestId("journal-search").fill("CANCION");
  await expect(entries(page)).toHaveCount(1);
  await expect(page.getByTestId("journal-count")).toHaveText("1 entry found");
  await page.getByTestId("journal-search").fill("sponsor night");
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText("Rough night");
  await page.getByTestId("journal-search").fill("nothing like this");
  await expect(entries(page)).toHaveCount(0);
  await page.getByTestId("journal-search").fill("");
  await expect(entries(page)).toHaveCount(3);
});

test("a long journal is shown a page at a time", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await page.addInitScript(() => {
    if (localStorage.getItem("seeded")) return;
    const data = Array.from({ length: 45 }, (_, n) => ({ id: 100 + n, t: `2026-03-${String(1 + (n % 9)).padStart(2, "0")}T${String(10 + (n % 12)).padStart(2, "0")}:00:00`, x: `Entry number ${n}` }));
    localStorage.setItem("steady.journal.2026-03", JSON.stringify({ v: 1, data }));
    localStorage.setItem("seeded", "1");
  });
  await openApp(page, "/journal");
  await expect(entries(page)).toHaveCount(20);
  await page.getByTestId("journal-more").click();
  await expect(entries(page)).toHaveCount(40);
  await page.getByTestId("journal-more").click();
  await expect(entries(page)).toHaveCount(45);
  await expect(page.getByTestId("journal-more")).toHaveCount(0);
});

test("Edit on another entry asks before unsaved words are replaced", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/journal");
  await write(page, "The older entry");
  await page.getByTestId("journal-new").click();
  await page.getByTestId("journal-text").fill("A paragraph not saved yet");
  await entries(page).first().getByTestId("journal-edit").click();
  await expect(page.getByTestId("form-switch-confirm")).toBeVisible();
  await expect(page.getByTestId("journal-text")).toHaveValue("A paragraph not saved yet");
  // Keep writing: nothing changes, the draft is still the paragraph.
  await page.getByTestId("form-switch-keep").click();
  await expect(page.getByTestId("form-switch-confirm")).toHaveCount(0);
  await expect(page.getByTestId("journal-text")).toHaveValue("A paragraph not saved yet");
  expect(JSON.parse((await stored(page, "steady.draft.journal"))!).text).toBe("A paragraph not saved yet");
  // Discard: the other entry opens, and the put-away words don't come back on a reload.
  await entries(page).first().getByTestId("journal-edit").click();
  await page.getByTestId("form-switch-discard").click();
  await expect(page.getByTestId("journal-text")).toHaveValue("The older entry");
  await page.reload();
  await expect(page.getByTestId("journal-text")).toHaveValue("The older entry");
  // Unchanged words are what is stored: switching doesn't ask.
  await page.getByTestId("journal-cancel").click();
  await write(page, "A newer entry");
  await entries(page).first().getByTestId("journal-edit").click();
  await entries(page).last().getByTestId("journal-edit").click();
  await expect(page.getByTestId("form-switch-confirm")).toHaveCount(0);
  await expect(page.getByTestId("journal-text")).toHaveValue("The older entry");
});

test("two entries deleted in a row can both be brought back", async ({ page }) => {
  await page.clock.install({ time: NOW });
  await openApp(page, "/journal");
  await write(page, "First entry");
  await write(page, "Second entry");
  await entries(page).first().getByTestId("journal-delete").click();
  await expect(entries(page)).toHaveCount(1);
  await entries(page).first().getByTestId("journal-delete").click();
  await expect(entries(page)).toHaveCount(0);
  await expect(page.locator(".notice.undo")).toContainText("You can undo 2 deletions");
  await page.getByTestId("journal-undo").click();
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText("First entry");
  await page.getByTestId("journal-undo").click();
  await expect(entries(page)).toHaveCount(2);
  await expect(page.getByTestId("journal-undo")).toHaveCount(0);
  expect((await month(page)).map((e: { x: string }) => e.x).sort()).toEqual(["First entry", "Second entry"]);
});

test("Delete all names the journal and drafts, removes them, and empties the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.clock.install({ time: NOW });
  await openApp(page, "/journal");
  await write(page, "Something private");
  await page.getByTestId("journal-new").click();
  await page.getByTestId("journal-text").fill("A draft, also private");
  await page.goto("/settings");
  await page.getByTestId("copy-data").click();
  await expect(page.getByTestId("copy-status")).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("STEADY-DATA");
  await page.getByTestId("delete-all").click();
  const what = page.getByTestId("delete-all-what");
  for (const kind of ["counters", "craving log", "check-ins", "journal", "weekly look-backs", "plan", "coping ratings", "medication and doses", "appointments", "people and settings", "plans of people you support", "passcode lock", "set-aside copies", "unsaved drafts", "clipboard"]) {
    await expect(what).toContainText(kind);
  }
  await page.getByTestId("delete-all-input").fill("DELETE");
  await page.getByTestId("delete-all-confirm").click();
  await expect(page.getByTestId("delete-status")).toContainText("has been deleted");
  expect(await stored(page, "steady.journal.2026-03")).toBeNull();
  expect(await stored(page, "steady.draft.journal")).toBeNull();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("");
});

test("Delete all in one tab empties another open tab too: its open editor doesn't store its draft again", async ({ context }) => {
  const [settings, writing] = await twoTabs(context, "/journal", NOW);
  await write(writing, "Something private");
  await writing.getByTestId("journal-new").click();
  await writing.getByTestId("journal-text").fill("A draft in the other tab");
  await expect.poll(() => stored(writing, "steady.draft.journal")).toContain("A draft in the other tab");

  await settings.goto("/settings");
  await settings.getByTestId("delete-all").click();
  await settings.getByTestId("delete-all-input").fill("DELETE");
  await settings.getByTestId("delete-all-confirm").click();
  await expect(settings.getByTestId("delete-status")).toContainText("has been deleted");

  // The other tab starts again, empty: no entry, no editor holding the words to store again.
  await expect(writing.getByTestId("journal-text")).toHaveCount(0);
  await expect(entries(writing)).toHaveCount(0);
  await writing.keyboard.type("more");
  expect(await snapshot(writing)).toEqual({});
});
