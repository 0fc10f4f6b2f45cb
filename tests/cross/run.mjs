// The cross-engine suite: the main flows (tests/cross/flows.mjs) in real WebKit and in Firefox.
// Serves dist/ with scripts/serve-dist.mjs, runs every flow in each engine (one fresh profile per
// engine, one engine at a time), prints pass/fail per flow and engine, exits non-zero on any failure.
//
//   node tests/cross/run.mjs [webkit] [firefox]     (default: both; needs `make dist` first)
//
// Ports (free ones are picked when unset): STEADY_CROSS_PORT (the app), STEADY_CROSS_DRIVER_PORT
// (WebKitWebDriver), STEADY_CROSS_PROXY_PORT (the recorder below).
//
// "No request leaves 127.0.0.1" is checked three ways: (1) both browsers are configured with a
// proxy for everything except 127.0.0.1, and the proxy is this script's recorder, which refuses
// and records every request it gets — this sees requests from the page, the service worker and the
// browser itself, in both engines; (2) Firefox: puppeteer's request events for the page; (3) WebKit
// (classic WebDriver has no network events): the page's Resource Timing entries (large buffer plus a
// PerformanceObserver), read before every navigation.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { webkit, firefox, cleanupAll } from "./driver.mjs";
import { flows, finalChecks } from "./flows.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FLOW_TIMEOUT = 90_000;
const ENGINES = { webkit, firefox };

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(ENGINES);
for (const e of wanted) if (!ENGINES[e]) throw new Error(`unknown engine ${e} (webkit, firefox)`);

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function missing() {
  const need = { webkit: ["/usr/bin/WebKitWebDriver", "/usr/bin/Xvfb"], firefox: ["/usr/bin/firefox-esr"] };
  return wanted.flatMap((e) => need[e].filter((p) => !existsSync(p)));
}

/** The recorder every browser is proxied to: it answers 403 to everything and remembers it. */
function startRecorder(port) {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(403).end("Steady's tests: no request may leave 127.0.0.1");
  });
  server.on("connect", (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve({ server, seen })));
}

async function startApp(port) {
  const app = spawn(process.execPath, [join(ROOT, "scripts/serve-dist.mjs"), join(ROOT, "dist")], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.on("exit", () => app.kill("SIGKILL"));
  await new Promise((resolve, reject) => {
    app.stdout.on("data", (d) => String(d).includes("serving") && resolve());
    app.on("exit", (code) => reject(new Error(`serve-dist exited (${code})`)));
  });
  return app;
}

const withTimeout = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: over ${ms / 1000} s`)), ms).unref())]);

const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const first = (e) => String(e?.message || e).split("\n").slice(0, 4).join("\n      ");

async function main() {
  if (!existsSync(join(ROOT, "dist/index.html"))) throw new Error("dist/ is missing: run `make dist` first");
  const absent = missing();
  if (absent.length) throw new Error(`missing ${absent.join(", ")}: run \`make setup\``);

  const appPort = Number(process.env.STEADY_CROSS_PORT) || (await freePort());
  const driverPort = Number(process.env.STEADY_CROSS_DRIVER_PORT) || (await freePort());
  const proxyPort = Number(process.env.STEADY_CROSS_PROXY_PORT) || (await freePort());
  const baseURL = `http://127.0.0.1:${appPort}`;
  const app = await startApp(appPort);
  const recorder = await startRecorder(proxyPort);

  /** What the page shows when a flow fails, to tell a fetch that never settled from a lost tap. */
function pageState() {
  const main = document.querySelector("main");
  return JSON.stringify({
    path: location.pathname + location.search,
    lang: document.documentElement.lang,
    worker: navigator.serviceWorker?.controller?.state ?? "none",
    loading: !!document.querySelector('[data-testid="screen-loading"]'),
    failed: !!document.querySelector('[data-testid="screen-failed"], [data-testid="part-failed"]'),
    main: (main?.innerText ?? "(no main)").replace(/\s+/g, " ").slice(0, 300),
  });
}

const results = [];
  const flaky = [];
  const started = Date.now();
  for (const engine of wanted) {
    const t0 = Date.now();
    recorder.seen.length = 0;
    let d;
    try {
      d = await withTimeout(ENGINES[engine]({ baseURL, driverPort, proxyPort }), 60_000, `starting ${engine}`);
    } catch (e) {
      console.log(`  ✗ ${engine}: could not start: ${first(e)}`);
      results.push({ engine, name: "start", ok: false });
      await cleanupAll();
      continue;
    }
    console.log(`${engine} ${d.version ?? ""} (fresh profile)`);
    try {
      let errorsBefore = 0;
      let outsideBefore = 0;
      let mounted = true;
      for (const [name, flow] of flows) {
        const t = Date.now();
        const failures = [];
        if (!mounted) failures.push("not run: the app did not mount");
        else {
          try {
            await withTimeout(flow(d), FLOW_TIMEOUT, name);
          } catch (e) {
            // A CI run once had three WebKit flows time out that pass here every time; we could not
            // see which. So a failed flow is run once more and both outcomes are printed: one that
            // fails twice fails the suite, one that passes the second time is named as flaky.
            console.log(`  … ${engine} ${name}: failed once, trying again: ${first(e)}`);
            console.log(`    what the page showed: ${await withTimeout(d.evaluate(pageState), 10_000, "page state").catch((x) => first(x))}`);
            try {
              await withTimeout(flow(d), FLOW_TIMEOUT, name);
              flaky.push(`${engine}: ${name} (first try: ${first(e).split("\n")[0]})`);
            } catch (again) {
              failures.push(first(again));
              if (name === flows[0][0]) mounted = false;
            }
          }
          // What went wrong on the way is charged to the flow that caused it.
          const errors = await d.pageErrors().catch(() => []);
          const outside = [...(await d.outsideRequests().catch(() => [])), ...recorder.seen];
          if (errors.length > errorsBefore) failures.push(`page errors: ${errors.slice(errorsBefore).join(" | ")}`);
          if (outside.length > outsideBefore) failures.push(`requests left 127.0.0.1: ${outside.slice(outsideBefore).join(" ")}`);
          errorsBefore = errors.length;
          outsideBefore = outside.length;
        }
        results.push({ engine, name, ok: !failures.length, why: failures.join(" | ").replace(/\s+/g, " ").slice(0, 300) });
        const why = failures.map((f) => `\n      ${f}`).join("");
        console.log(`  ${failures.length ? "✗" : "✓"} ${engine.padEnd(7)} ${name} (${secs(t)})${why}`);
      }
      for (const [name, get] of finalChecks) {
        let found = await get(d).catch((e) => [`could not check: ${first(e)}`]);
        if (name.startsWith("no request")) found = [...found, ...recorder.seen];
        results.push({ engine, name, ok: found.length === 0 });
        console.log(`  ${found.length ? "✗" : "✓"} ${engine.padEnd(7)} ${name}${found.length ? `\n      ${found.join("\n      ")}` : ""}`);
      }
    } finally {
      await withTimeout(d.close(), 15_000, `closing ${engine}`).catch(() => {});
      await cleanupAll();
    }
    console.log(`  ${engine}: ${secs(t0)}`);
  }

  app.kill("SIGKILL");
  recorder.server.close();
  const failed = results.filter((r) => !r.ok);
  // Repeated at the end, where a CI log's tail shows it.
  if (flaky.length) console.log(`\npassed only on a second try:\n  ${flaky.join("\n  ")}`);
  if (failed.length) console.log(`\nfailed:\n  ${failed.map((r) => `${r.engine}: ${r.name}${r.why ? ` — ${r.why}` : ""}`).join("\n  ")}`);
  console.log(
    failed.length
      ? `\ncross-engine: ${failed.length} of ${results.length} checks failed (${wanted.map((e) => `${e}: ${failed.filter((r) => r.engine === e).length}`).join(", ")}) in ${secs(started)}`
      : `\ncross-engine: all ${results.length} checks passed in ${wanted.join(" and ")} (${secs(started)})`,
  );
  return failed.length ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error(`cross-engine: ${e.stack || e}`);
    process.exit(1);
  });
