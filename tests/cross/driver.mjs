// The small driver layer the cross-engine flows are written against (tests/cross/flows.mjs).
// Two implementations of the same interface:
//   webkit():  WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver, plain fetch) under Xvfb
//   firefox(): firefox-esr through puppeteer-core over WebDriver BiDi (headless)
//
// Interface (every `target` is a list of data-testid names, space-separated, each optionally
// followed by attribute selectors, e.g. `plan-section-reasons plan-new-text` or
// `cope-card[data-strategy="box-breathing"] cope-start`; each step is searched inside the last;
// no spaces inside attribute values):
//   open(path)               load a page of the app (a full navigation)
//   reload()                 reload the current page
//   click(target)            wait until visible (checked in the page), then a real click
//   fill(target, value)      type into a text field; date/time/select/range get their value
//                            through the native setter plus input/change (WebKit takes no key
//                            presses for <input type=date> over WebDriver)
//   text(target)             the element's textContent (after waiting for it to exist)
//   evaluate(fn, ...args)    run fn in the page (may return a promise); JSON-able args/result
//   waitFor(fn, ...args)     poll fn in the page until it returns something truthy (or throw);
//                            a last argument { __opts: true, timeout, message } tunes it
//   visible(target, timeout) wait until the element is really visible (size, display, visibility)
//   waitText(target, re)     wait until the element's text matches re (string: contains)
//   pageErrors()             uncaught errors and CSP reports seen so far
//   outsideRequests()        requests the engine itself reports that went beyond 127.0.0.1
//   close()                  end the browser and everything started for it (also on failure)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const TIMEOUT = 15_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `a b[x="y"]` → `[data-testid="a"] [data-testid="b"][x="y"]` */
export function css(target) {
  return target
    .trim()
    .split(/\s+/)
    .map((step) => {
      const at = step.indexOf("[");
      const id = at < 0 ? step : step.slice(0, at);
      return `[data-testid="${id}"]${at < 0 ? "" : step.slice(at)}`;
    })
    .join(" ");
}

// ---- In-page helpers (run inside the browser; must be self-contained) ----

/** The first matching element that is really visible, or null. */
function visibleIn(selector) {
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" && !el.closest("[hidden],[inert]")) {
      el.scrollIntoView({ block: "center", inline: "nearest" });
      return true;
    }
  }
  return false;
}

/** Sets a value the way the browser would after a pick: native setter, then input and change. */
function setValueIn(selector, value) {
  const el = document.querySelector(selector);
  if (!el) return "missing";
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement : HTMLInputElement;
  Object.getOwnPropertyDescriptor(proto.prototype, "value").set.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
  return "ok";
}

/** Whether typing keys works for this field (else setValueIn is used). */
function typeableIn(selector) {
  const el = document.querySelector(selector);
  if (!el) return null;
  if (el instanceof HTMLTextAreaElement) return true;
  if (!(el instanceof HTMLInputElement)) return false;
  return ["text", "password", "search", "tel", "email", "url", "number", ""].includes(el.type);
}

/** Installed after each load: collects uncaught errors, rejections and CSP violations. In Firefox
 *  puppeteer's pageerror events add what happens before it is in. WebKit over classic WebDriver
 *  has no log events and MiniBrowser's console-to-stdout setting doesn't reach automation views,
 *  so there an error thrown before the load event is not seen (one that stops the app mounting
 *  still fails the flow); everything after it, including in-app navigation, is. */
function installErrorWatch() {
  if (window.__crossErrors) return;
  window.__crossErrors = [];
  addEventListener("error", (e) => window.__crossErrors.push(`error: ${e.message || e.error}`));
  addEventListener("unhandledrejection", (e) => window.__crossErrors.push(`unhandled rejection: ${e.reason}`));
  document.addEventListener("securitypolicyviolation", (e) => window.__crossErrors.push(`CSP blocked ${e.blockedURI} (${e.violatedDirective})`));
}

/** The errors the watcher saw, and every URL the page fetched: the Resource Timing buffer (made
 *  large) plus a PerformanceObserver, read before each navigation. Fetches the service worker makes
 *  for itself are not in the page's timeline (the proxy recorder covers those). */
function harvestIn() {
  if (!window.__crossResources) {
    window.__crossResources = new Set();
    performance.setResourceTimingBufferSize?.(10_000);
    try {
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__crossResources.add(e.name))).observe({ type: "resource", buffered: true });
    } catch {}
  }
  for (const e of performance.getEntries()) if (e.name) window.__crossResources.add(e.name);
  return [window.__crossErrors ? [...window.__crossErrors] : [], [...window.__crossResources]];
}

const isOutside = (url) => {
  try {
    const u = new URL(url);
    return ["http:", "https:", "ws:", "wss:"].includes(u.protocol) && u.hostname !== "127.0.0.1";
  } catch {
    return false;
  }
};

// ---- Shared implementation on top of a few engine primitives ----

class Driver {
  constructor(name, baseURL) {
    this.name = name;
    this.baseURL = baseURL;
    this.errors = [];
    this.outside = [];
  }

  async waitFor(fn, ...args) {
    let opts = {};
    if (args.length && args[args.length - 1]?.__opts) opts = args.pop();
    const timeout = opts.timeout ?? TIMEOUT;
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.evaluate(fn, ...args);
        if (last) return last;
      } catch (e) {
        last = e; // the page may be navigating
      }
      if (Date.now() > end) {
        const what = opts.message || `${String(fn).replace(/\s+/g, " ").slice(0, 120)} ${JSON.stringify(args)}`;
        throw new Error(`${what}: timed out after ${timeout / 1000} s (last: ${String(last).slice(0, 300)})`);
      }
      await sleep(100);
    }
  }

  async visible(target, timeout) {
    await this.waitFor(visibleIn, css(target), { __opts: true, timeout, message: `visible ${target}` });
  }

  async text(target) {
    const sel = css(target);
    return this.waitFor((s) => document.querySelector(s)?.textContent ?? null, sel, { __opts: true, message: `text of ${target}` }).then(
      (t) => t.replace(/\s+/g, " ").trim(),
    );
  }

  async waitText(target, expected, timeout) {
    const sel = css(target);
    const source = expected instanceof RegExp ? expected.source : null;
    const flags = expected instanceof RegExp ? expected.flags : "";
    return this.waitFor(
      (s, src, fl, str) => {
        const t = document.querySelector(s)?.textContent?.replace(/\s+/g, " ").trim();
        if (t == null) return null;
        return (src != null ? new RegExp(src, fl).test(t) : t.includes(str)) ? t : null;
      },
      sel,
      source,
      flags,
      source == null ? expected : null,
      { __opts: true, timeout, message: `text of ${target} to match ${expected}` },
    );
  }

  async fill(target, value) {
    await this.visible(target);
    const sel = css(target);
    if (await this.evaluate(typeableIn, sel)) await this.typeInto(sel, value);
    else if ((await this.evaluate(setValueIn, sel, value)) !== "ok") throw new Error(`fill: ${target} not found`);
  }

  async afterLoad() {
    await this.evaluate(installErrorWatch);
    await this.evaluate(harvestIn);
  }

  /** Collects what the page recorded; called before leaving a page and at the end. Waits first
   *  (up to 5 s) until the page has fetched nothing new for a quarter of a second: a screen still
   *  fetching its split-off modules when the page is left has those fetches cancelled, which
   *  Firefox reports as errors ("A ServiceWorker intercepted the request and encountered an
   *  unexpected error") although nothing went wrong in the app. A person doesn't reload a page
   *  in the milliseconds after it showed; a test shouldn't either. */
  async harvest() {
    await this.waitFor(
      () => new Promise((settled) => {
        const count = () => performance.getEntriesByType("resource").length;
        const before = count();
        setTimeout(() => settled(count() === before), 250);
      }),
      { __opts: true, timeout: 5_000, message: "the page's fetches settled" },
    ).catch(() => {});
    try {
      const [errors, urls] = await this.evaluate(harvestIn);
      for (const e of errors) if (!this.errors.includes(e)) this.errors.push(e);
      for (const u of urls.filter(isOutside)) if (!this.outside.includes(u)) this.outside.push(u);
    } catch {}
  }

  async pageErrors() {
    await this.harvest();
    return [...this.errors];
  }

  async outsideRequests() {
    await this.harvest();
    return [...this.outside];
  }
}

// ---- WebKit: W3C WebDriver over plain fetch ----

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** Starts a detached process group; returns it with a kill that reaches every child. */
function start(cmd, args, options = {}) {
  const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], ...options });
  child.output = "";
  child.stdout?.on("data", (d) => (child.output += d));
  child.stderr?.on("data", (d) => (child.output += d));
  child.stop = stopper(child);
  return child;
}

// Whatever happens (a thrown error, Ctrl-C, a timeout kill), started processes end with us.
const cleanups = new Set();
/** Kills every process started here (each whole process group) and waits until they are gone. */
export async function cleanupAll() {
  await Promise.all([...cleanups].map((f) => f()));
  cleanups.clear();
}
process.on("exit", () => {
  for (const f of cleanups) f();
});

/** A stop for a detached child: SIGKILL to its process group, resolved when it has exited. */
function stopper(child) {
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", resolve);
  });
  const stop = () => {
    cleanups.delete(stop);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      try {
        child.kill("SIGKILL"); // not a group leader
      } catch {}
    }
    return Promise.race([exited, sleep(5_000)]);
  };
  cleanups.add(stop);
  return stop;
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => process.exit(130));

/** Xvfb on a free display (it picks the number itself and reports it on fd 3). */
async function startXvfb() {
  const x = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    detached: true,
    stdio: ["ignore", "ignore", "ignore", "pipe"],
  });
  const stop = stopper(x);
  const display = await new Promise((resolve, reject) => {
    let out = "";
    x.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(`:${out.trim()}`);
    });
    x.on("exit", (code) => reject(new Error(`Xvfb exited (${code})`)));
    setTimeout(() => reject(new Error("Xvfb did not start")), 10_000);
  });
  return { display, stop };
}

class WebKitDriver extends Driver {
  async cmd(method, path, body) {
    const res = await fetch(`${this.driverURL}/session/${this.session}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (json.value && json.value.error) throw new Error(`WebDriver ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  }

  async evaluate(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String(e && e.stack || e) }));`;
    const r = await this.cmd("POST", "/execute/async", { script, args });
    if (r && "err" in r) throw new Error(`in page: ${r.err}`);
    return r?.ok;
  }

  async open(path) {
    await this.harvest();
    await this.cmd("POST", "/url", { url: new URL(path, this.baseURL).href });
    await this.afterLoad();
  }

  async reload() {
    await this.harvest();
    await this.cmd("POST", "/refresh", {});
    await this.afterLoad();
  }

  async element(sel) {
    const found = await this.cmd("POST", "/element", { using: "css selector", value: sel });
    return found[ELEMENT];
  }

  async click(target) {
    await this.visible(target);
    const sel = css(target);
    // The real click is WebDriver's (pointer events at the element's centre); retried while
    // something (a transition) is still in the way.
    const end = Date.now() + TIMEOUT;
    for (;;) {
      try {
        await this.cmd("POST", `/element/${await this.element(sel)}/click`, {});
        return;
      } catch (e) {
        if (Date.now() > end) throw e;
        await sleep(150);
      }
    }
  }

  async typeInto(sel, value) {
    const id = await this.element(sel);
    await this.cmd("POST", `/element/${id}/clear`, {});
    if (value !== "") await this.cmd("POST", `/element/${id}/value`, { text: String(value) });
  }

  async close() {
    try {
      if (this.session) await fetch(`${this.driverURL}/session/${this.session}`, { method: "DELETE" }).catch(() => {});
    } finally {
      await this.stopAll?.();
    }
  }
}

/**
 * MiniBrowser in automation mode, in a fresh profile (own HOME/XDG dirs, removed after), with a
 * proxy that is the runner's recorder: anything that tries to leave 127.0.0.1 ends up there.
 */
export async function webkit({ baseURL, driverPort, proxyPort }) {
  const d = new WebKitDriver("webkit", baseURL);
  const profile = mkdtempSync(join(tmpdir(), "steady-cross-webkit-"));
  const stops = [];
  d.stopAll = async () => {
    for (const s of stops.reverse()) await s();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const x = await startXvfb();
    stops.push(x.stop);
    const env = {
      ...process.env,
      DISPLAY: x.display,
      HOME: profile,
      XDG_DATA_HOME: join(profile, "data"),
      XDG_CACHE_HOME: join(profile, "cache"),
      XDG_CONFIG_HOME: join(profile, "config"),
      WEBKIT_DISABLE_COMPOSITING_MODE: "1",
      LIBGL_ALWAYS_SOFTWARE: "1",
    };
    const drv = start("WebKitWebDriver", [`--port=${driverPort}`], { env });
    stops.push(drv.stop);
    d.driverURL = `http://127.0.0.1:${driverPort}`;
    const end = Date.now() + 15_000;
    for (;;) {
      try {
        const r = await fetch(`${d.driverURL}/status`);
        if (r.ok) break;
      } catch {}
      if (Date.now() > end) throw new Error(`WebKitWebDriver did not start:\n${drv.output}`);
      await sleep(100);
    }
    const args = ["--automation"];
    if (proxyPort) args.push(`--proxy=http://127.0.0.1:${proxyPort}`, "--ignore-host=127.0.0.1");
    const res = await fetch(`${d.driverURL}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        capabilities: {
          alwaysMatch: {
            browserName: "MiniBrowser",
            pageLoadStrategy: "normal",
            timeouts: { script: 30_000, pageLoad: 30_000 },
            "webkitgtk:browserOptions": { binary: MINIBROWSER, args },
          },
        },
      }),
    });
    const json = await res.json();
    if (!json.value?.sessionId) throw new Error(`WebKit session: ${JSON.stringify(json.value)}\n${drv.output}`);
    d.session = json.value.sessionId;
    d.version = json.value.capabilities?.browserVersion;
    await d.cmd("POST", "/window/rect", { width: 400, height: 860 }).catch(() => {});
    return d;
  } catch (e) {
    await d.stopAll();
    throw e;
  }
}

// ---- Firefox: puppeteer-core over WebDriver BiDi ----

class FirefoxDriver extends Driver {
  async evaluate(fn, ...args) {
    return this.page.evaluate(fn, ...args);
  }

  async open(path) {
    await this.harvest();
    await this.page.goto(new URL(path, this.baseURL).href, { waitUntil: "load" });
    await this.afterLoad();
  }

  async reload() {
    await this.harvest();
    await this.page.reload({ waitUntil: "load" });
    await this.afterLoad();
  }

  async click(target) {
    await this.visible(target);
    const end = Date.now() + TIMEOUT;
    for (;;) {
      try {
        await this.page.click(css(target));
        return;
      } catch (e) {
        if (Date.now() > end) throw e;
        await sleep(150);
      }
    }
  }

  async typeInto(sel, value) {
    await this.page.$eval(sel, (el) => {
      el.focus();
      el.select?.();
    });
    await this.page.keyboard.press("Backspace");
    if (value !== "") await this.page.type(sel, String(value));
  }

  async close() {
    try {
      await this.browser?.close();
    } catch {
    } finally {
      await this.stopAll?.();
    }
  }
}

/** firefox-esr, headless, in puppeteer's fresh temporary profile, proxied to the recorder too. */
export async function firefox({ baseURL, proxyPort }) {
  const { default: puppeteer } = await import("puppeteer-core");
  const d = new FirefoxDriver("firefox", baseURL);
  const prefs = {
    "network.proxy.allow_hijacking_localhost": false,
    // Quiet: no update, telemetry or remote-settings traffic of the browser's own.
    "app.update.enabled": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "toolkit.telemetry.enabled": false,
    "services.settings.server": "data:,#remote-settings-dummy/v1",
    "browser.safebrowsing.provider.mozilla.updateURL": "",
    "browser.safebrowsing.update.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "extensions.getAddons.cache.enabled": false,
    "browser.region.network.url": "",
  };
  if (proxyPort) {
    Object.assign(prefs, {
      "network.proxy.type": 1,
      "network.proxy.http": "127.0.0.1",
      "network.proxy.http_port": proxyPort,
      "network.proxy.ssl": "127.0.0.1",
      "network.proxy.ssl_port": proxyPort,
      "network.proxy.no_proxies_on": "127.0.0.1",
    });
  }
  d.browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: "/usr/bin/firefox-esr",
    headless: true,
    // Without it a release build ignores services.settings.server and fetches remote settings.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: "1" },
    extraPrefsFirefox: prefs,
    defaultViewport: { width: 390, height: 844 },
  });
  // puppeteer removes its temporary profile on close; a kill is the fallback.
  d.stopAll = stopper(d.browser.process());
  d.version = await d.browser.version();
  d.page = await d.browser.newPage();
  d.page.on("request", (request) => {
    if (isOutside(request.url())) d.outside.push(request.url());
  });
  d.page.on("pageerror", (e) => d.errors.push(`pageerror: ${e.message || e}`));
  d.page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) d.errors.push(m.text());
  });
  return d;
}
