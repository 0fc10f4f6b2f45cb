import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
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

/** Publishes a new build as a host would: new version, new pkg-<hash>/ folder, the old one gone. */
function publishNewBuild(version: string) {
  const index = join(dir, "index.html");
  const pkg = readFileSync(index, "utf8").match(/pkg-[0-9a-f]{16}/)![0];
  const next = "pkg-" + [...pkg.slice(4)].reverse().join("");
  renameSync(join(dir, pkg), join(dir, next));
  const rewrite = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) rewrite(path);
      else if (/\.(br|gz)$/.test(entry.name)) rmSync(path);
      else if (/\.(html|js)$/.test(entry.name)) writeFileSync(path, readFileSync(path, "utf8").replaceAll(pkg, next));
    }
  };
  const loader = () => readFileSync(index, "utf8").match(/<script type="module">([\s\S]*?)<\/script>/)![1];
  const sha = (code: string) => `'sha256-${createHash("sha256").update(code, "utf8").digest("base64")}'`;
  const before = sha(loader());
  rewrite(dir);
  // The CSP allows the inline loader by its hash, which changes with the folder's name.
  writeFileSync(index, readFileSync(index, "utf8").replace(before, sha(loader())));
  const worker = join(dir, "sw.js");
  writeFileSync(worker, readFileSync(worker, "utf8").replace(/const BUILD = "[^"]+"/, `const BUILD = "${version}"`));
}

const builds = (page: Page) =>
  page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("steady-")).sort());

test("an update doesn't break another tab still on the old version; its files go once no tab runs it", async ({ page, context }) => {
  const origin = `http://127.0.0.1:${PORT}`;
  await page.goto(origin + "/help");
  await expect(page.getByTestId("nav-today")).toBeVisible();
  await waitForServiceWorker(page);
  const other = await context.newPage();
  await other.goto(origin + "/");
  await expect(other.getByTestId("nav-today")).toBeVisible();
  await waitForServiceWorker(other);
  const [oldCache] = await builds(page);

  publishNewBuild("two-tabs-version");
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  await expect(page.locator("#update-banner")).toBeVisible();
  await page.evaluate(() => ((window as any).oldPage = true));
  const reloaded = page.waitForEvent("load");
  await page.getByTestId("update-reload").click();
  await reloaded;
  expect(await page.evaluate(() => (window as any).oldPage ?? false)).toBe(false);
  await expect(page.getByTestId("nav-today")).toBeVisible();
  await expect(page.getByTestId("static-shell")).toHaveCount(0);

  // The other tab still runs the old build: its screens that weren't opened yet still open.
  await other.getByTestId("nav-settings").click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Settings");
  await expect(other.getByTestId("screen-failed")).toHaveCount(0);
  await other.getByTestId("nav-log").click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Craving log");
  await expect(other.getByTestId("screen-failed")).toHaveCount(0);
  expect(await builds(page)).toEqual([oldCache, "steady-two-tabs-version"].sort());

  // Once no tab runs the old build, its cache goes (on a later fetch).
  await other.close();
  await page.getByTestId("nav-settings").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
  await expect.poll(() => builds(page)).toEqual(["steady-two-tabs-version"]);
});
