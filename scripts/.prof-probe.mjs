import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
import { asStorage, sealUnderLock, yearsOfData } from "./years-of-data.mjs";
const child = spawn("node", ["scripts/serve-dist.mjs", "dist"], { env: { ...process.env, PORT: "4322" }, stdio: ["ignore", "pipe", "inherit"] });
await new Promise((r) => child.stdout.once("data", r));
const APP = "http://127.0.0.1:4322";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const PASS = "246813";
const counter = JSON.stringify({ v: 1, data: { list: [{ id: 1, name: "Clean time", start: { date: "2025-01-01" }, history: [] }], main: 1 } });
const sets = { empty: await sealUnderLock([["steady.counters", counter]], PASS), twenty: await sealUnderLock(asStorage(yearsOfData(20, new Date().toISOString().slice(0, 10))), PASS) };
for (const [label, docs] of Object.entries(sets)) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(APP + "/manifest.webmanifest");
  await page.evaluate((d) => { for (const [k, v] of d) localStorage.setItem(k, v); }, docs);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(APP + "/");
  await page.waitForSelector('[data-testid="unlock-input"]');
  await page.fill('[data-testid="unlock-input"]', PASS);
  await page.waitForTimeout(500);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const t = Date.now();
  await page.click('[data-testid="unlock-submit"]');
  await page.waitForSelector('[data-testid="counter-days"]');
  const total = Date.now() - t;
  const { profile } = await cdp.send("Profiler.stop");
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas; let i = 0;
  for (const s of profile.samples) { const n = byId.get(s); const key = (n.callFrame.functionName || "(anon)") + " " + (n.callFrame.url.split("/").pop() || ""); self.set(key, (self.get(key) || 0) + (dt[i++] || 0) / 1000); }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(label, "total", total);
  for (const [k, v] of top) console.log("  ", v.toFixed(1), k);
  await context.close();
}
await browser.close(); child.kill();
