import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, waitForServiceWorker } from "./fixtures";

// A copy of the build on its own server, so a "new version" can be published mid-test.
const PORT = Number(process.env.STEADY_E2E_PORT ?? 4173) + 7;
let dir: string;
let server: ChildProcess;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "steady-update-"));
  cpSync("dist", dir, { recursive: true });
  server = spawn("node", ["scripts/serve-dist.mjs", dir], { env: { ...process.env, PORT: String(PORT) } });
  await new Promise<void>((resolve) => server.stdout!.once("data", () => resolve()));
});

test.afterAll(() => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
});

test("a new version offers 'Update available — reload' instead of swapping under the page", async ({ page }) => {
  const origin = `http://127.0.0.1:${PORT}`;
  await page.goto(origin + "/help");
  await expect(page.getByTestId("nav-today")).toBeVisible();
  await waitForServiceWorker(page);
  await expect(page.locator("#update-banner")).toBeHidden();
  const oldCache = await page.evaluate(async () => (await caches.keys()).find((k) => k.startsWith("steady-")));

  // Publish a new build: same files, new version.
  const worker = join(dir, "sw.js");
  writeFileSync(worker, readFileSync(worker, "utf8").replace(/const BUILD = "[^"]+"/, 'const BUILD = "next-version"'));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

  const banner = page.locator("#update-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("Update available");
  // The running page is still served by the old version until the person reloads.
  expect(await page.evaluate(async () => (await caches.keys()).includes("steady-next-version"))).toBe(true);

  await page.getByTestId("update-reload").click();
  await page.waitForURL(origin + "/help");
  await expect(page.getByTestId("nav-today")).toBeVisible();
  await expect(page.locator("#update-banner")).toBeHidden();
  await expect
    .poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("steady-"))))
    .toEqual(["steady-next-version"]);
  expect(oldCache).not.toBe("steady-next-version");
});
