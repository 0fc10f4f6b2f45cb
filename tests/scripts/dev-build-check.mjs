// `make serve` runs a development (debug) build, which the rest of `make test` never sees: its
// wasm-split loader and modules differ from a release build's (each instantiation wrapped to name
// a module of another build, a canary import), and once the build scripts stopped reading that
// form without anyone noticing. This builds it as `make serve` does, serves it, and checks in
// Chromium that Today draws from its split-off part and that other screens' modules load.
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { chromium } from "@playwright/test";

const DIST = "target/dev-build-check";
rmSync(DIST, { recursive: true, force: true });
execFileSync("scripts/with-wasm-env", ["trunk", "build", "--dist", DIST], { stdio: ["ignore", "ignore", "inherit"] });

const PORT = 4350;
const server = spawn("node", ["scripts/serve-dist.mjs", DIST], { env: { ...process.env, PORT: String(PORT) }, stdio: ["ignore", "pipe", "inherit"] });
const failures = [];
try {
  await new Promise((ready) => server.stdout.once("data", ready));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    page.on("pageerror", (error) => failures.push(`page error: ${error}`));
    const origin = `http://127.0.0.1:${PORT}`;
    const counters = { v: 1, data: { list: [{ id: 1, name: "Clean time", start: { date: "2025-01-01" }, history: [] }], main: 1 } };
    await page.goto(`${origin}/manifest.webmanifest`);
    await page.evaluate((text) => localStorage.setItem("steady.counters", text), JSON.stringify(counters));
    await page.goto(`${origin}/`);
    // The counter is drawn by the counters' split-off part and its shared chunks.
    await page.getByTestId("counter-days").waitFor({ timeout: 60_000 });
    for (const [path, heading] of [["/plan", "My plan"], ["/settings", "Settings"], ["/log", "Craving log"]]) {
      await page.locator(`a[href="${path}"]`).first().click();
      const shown = await page.getByRole("heading", { level: 1, name: heading }).waitFor({ timeout: 30_000 }).then(() => true, () => false);
      if (!shown) failures.push(`${path}: "${heading}" never showed (${(await page.locator("main").innerText()).slice(0, 120)})`);
    }
  } finally {
    await browser.close();
  }
} finally {
  server.kill();
}
if (failures.length) {
  console.error(`development build: ${failures.join("\n")}`);
  process.exit(1);
}
console.log("development build (make serve's): Today and three split-off screens open in Chromium");
