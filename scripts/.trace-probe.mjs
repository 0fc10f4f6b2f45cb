// Probe: where does start-up's time go? Traces a throttled load and sums main-thread work by kind.
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
function serve(dir, port) {
  const child = spawn("node", ["scripts/serve-dist.mjs", dir], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((r) => child.stdout.once("data", () => r(child)));
}
const which = process.argv[2] || "app";
const dir = which === "app" ? "target/bench/app" : "target/bench/baseline";
const sel = which === "app" ? '[data-testid="counter-days"]' : '[data-testid="baseline-ready"]';
const server = await serve(dir, 4323);
const URL0 = "http://127.0.0.1:4323";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const counter = JSON.stringify({ v: 1, data: { list: [{ id: 1, name: "Clean time", start: { date: "2025-01-01" }, history: [] }], main: 1 } });
const runs = Number(process.argv[3] || 3);
for (let r = 0; r < runs; r++) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(URL0 + "/manifest.webmanifest");
  await page.evaluate((c) => localStorage.setItem("steady.counters", c), counter);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await browser.startTracing(page, { categories: ["devtools.timeline", "v8", "v8.wasm", "disabled-by-default-v8.compile", "blink.user_timing", "loading", "disabled-by-default-devtools.timeline"] });
  const t0 = Date.now();
  await page.goto(URL0 + "/");
  await page.waitForSelector(sel, { timeout: 60000 });
  const total = Date.now() - t0;
  const buf = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buf.toString());
  const main = traceEvents.find((e) => e.name === "thread_name" && e.args.name === "CrRendererMain" && traceEvents.some((x) => x.pid === e.pid && x.name === "ParseHTML"));
  const ev = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X");
  const nav = traceEvents.find((e) => e.name === "navigationStart" || e.name === "NavigationBodyLoader::StartLoadingBody") ;
  const tasks = ev.filter((e) => e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask").sort((a, b) => a.ts - b.ts);
  const start = tasks[0]?.ts;
  const sums = new Map();
  for (const e of ev) if (e.name !== "RunTask" && e.name !== "ThreadControllerImpl::RunTask") sums.set(e.name, (sums.get(e.name) || 0) + (e.dur || 0) / 1000);
  const busy = tasks.reduce((s, t) => s + t.dur / 1000, 0);
  const last = tasks[tasks.length - 1];
  console.log(`${which} run ${r}: wall ${total} ms, main-thread tasks busy ${busy.toFixed(0)} ms over ${((last.ts + last.dur - start) / 1000).toFixed(0)} ms`);
  if (r === runs - 1) {
    for (const [k, v] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log("   ", v.toFixed(1), k);
    // timeline of big tasks
    for (const t of tasks.filter((t) => t.dur > 8000)) {
      const inner = ev.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e !== t && e.dur > 3000).map((e) => `${e.name}${e.args?.data?.url ? "(" + e.args.data.url.split("/").pop() + ")" : ""}:${(e.dur / 1000).toFixed(0)}`).slice(0, 6);
      console.log(`   @${((t.ts - start) / 1000).toFixed(0)} ${(t.dur / 1000).toFixed(0)}ms ${inner.join(" ")}`);
    }
    const net = traceEvents.filter((e) => e.name === "ResourceSendRequest" || e.name === "ResourceFinish").map((e) => `${e.name === "ResourceFinish" ? "  fin" : "send"} @${((e.ts - start) / 1000).toFixed(0)} ${e.args.data.url?.split("/").pop() ?? e.args.data.requestId}`);
    console.log(net.join("\n"));
  }
  await context.close();
}
await browser.close(); server.kill();
