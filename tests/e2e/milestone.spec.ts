// A milestone shared as an image from the celebration: a PNG drawn on the phone, through
// the share sheet where it takes files, downloaded otherwise. Nothing is sent by Steady.
import { test, expect, openApp } from "./fixtures";
import type { Page } from "@playwright/test";
import { createRequire } from "node:module";

const { PNG } = createRequire(import.meta.url)("playwright-core/lib/utilsBundle");

test.use({ timezoneId: "America/New_York", locale: "en-US" });
const NOW = new Date("2026-03-10T15:00:00Z");

async function thirtyDays(page: Page) {
  await page.clock.install({ time: NOW });
  await page.addInitScript(() => {
    if (!localStorage.getItem("steady.counters"))
      localStorage.setItem("steady.counters", JSON.stringify({ v: 1, data: { list: [{ id: 1, name: "Alcohol", start: { date: "2026-02-08" }, history: [] }], main: 1 } }));
  });
}

/** Share of pixels close to white in the middle of the image, and the colour of a corner. */
function looks(png: Buffer) {
  const image = PNG.sync.read(png);
  let white = 0;
  for (let y = 300; y < 780; y++)
    for (let x = 100; x < 980; x++) {
      const i = (y * image.width + x) * 4;
      if (image.data[i] > 230 && image.data[i + 1] > 230 && image.data[i + 2] > 230) white++;
    }
  const corner = [...image.data.subarray(0, 3)];
  return { width: image.width, height: image.height, white: white / (480 * 880), corner };
}

test("the celebration shares the milestone as an image through the share sheet", async ({ page }) => {
  await thirtyDays(page);
  await page.addInitScript(() => {
    (window as any).sharedFiles = [];
    Object.defineProperty(navigator, "canShare", { value: (data: any) => !!data?.files });
    Object.defineProperty(navigator, "share", {
      value: async (data: any) => {
        for (const file of data.files) {
          const bytes = new Uint8Array(await file.arrayBuffer());
          (window as any).sharedFiles.push({ name: file.name, type: file.type, base64: btoa(String.fromCharCode(...bytes)) });
        }
      },
    });
  });
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await openApp(page, "/");
  await expect(page.getByTestId("celebration")).toContainText("30 days");
  await page.getByTestId("milestone-share").click();
  await expect(page.getByTestId("milestone-share-status")).toContainText("Your milestone card is ready");
  const files = await page.evaluate(() => (window as any).sharedFiles);
  expect(files.map((f: any) => [f.name, f.type])).toEqual([["milestone.png", "image/png"]]);
  const card = looks(Buffer.from(files[0].base64, "base64"));
  expect([card.width, card.height]).toEqual([1080, 1080]);
  expect(card.corner).toEqual([0x14, 0x41, 0x6b]);
  // The words are drawn: white ink in the middle, but not a white page.
  expect(card.white).toBeGreaterThan(0.01);
  expect(card.white).toBeLessThan(0.5);
  for (const url of requests) expect(new URL(url).hostname).toBe("127.0.0.1");
});

test("where the share sheet can't take an image, the milestone card is downloaded", async ({ page }) => {
  await thirtyDays(page);
  await openApp(page, "/");
  const download = page.waitForEvent("download");
  await page.getByTestId("milestone-share").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("milestone.png");
  const png = await (await file.createReadStream()).toArray();
  expect(looks(Buffer.concat(png)).width).toBe(1080);
  await expect(page.getByTestId("milestone-share-status")).toContainText("saved as milestone.png");
});

test("a share sheet that refuses the image (not a cancel) leads to a download instead", async ({ page }) => {
  await thirtyDays(page);
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "canShare", { value: () => true });
    Object.defineProperty(navigator, "share", { value: async () => { throw new DOMException("Not allowed", "NotAllowedError"); } });
  });
  await openApp(page, "/");
  const download = page.waitForEvent("download");
  await page.getByTestId("milestone-share").click();
  expect((await download).suggestedFilename()).toBe("milestone.png");
});
