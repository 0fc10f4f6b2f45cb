// Trunk post_build hook, on the staged build:
// 0. builds the wasm (scripts/build-wasm.mjs) and adds the tags that load it;
// 1. release builds get a strict Content-Security-Policy meta tag, allowing
//    the inline loader script by its sha256 hash (no 'unsafe-inline'), and
//    start.js and sw-register.js minified;
// 2. the build version and the list of every file of the build go into sw.js.
//    File names carry hashes of their contents, so the list can only be known here.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { buildWasm } from "./build-wasm.mjs";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("post-build.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)");
const release = process.env.TRUNK_PROFILE === "release";
const base = (process.env.TRUNK_PUBLIC_URL || "/").replace(/\/?$/, "/");
const WORKER = "sw.js";

/** The CSP for a page whose inline scripts are `inlineScripts`. */
export function contentSecurityPolicy(inlineScripts) {
  const hashes = inlineScripts.map((code) => `'sha256-${createHash("sha256").update(code, "utf8").digest("base64")}'`);
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

const htmlPath = join(staging, "index.html");
const pkg = await buildWasm(staging, release);
const loader = [
  ...pkg.js.map((js) => `<link rel="modulepreload" href="${base}${js}">`),
  `<link rel="preload" href="${base}${pkg.wasm}" as="fetch" type="application/wasm" crossorigin>`,
  // start.js marks <html data-no-app> when the app must not start (inside a frame, no WebAssembly).
  `<script type="module">import init from "${base}${pkg.js[0]}";document.documentElement.hasAttribute("data-no-app")||init({module_or_path:"${base}${pkg.wasm}"});</script>`,
].join("");
let html = readFileSync(htmlPath, "utf8");
// Before anything the page fetches: no request from Steady says which page it came from
// (a shared plan travels after the # of a /shared link; browsers never send that part anyway).
let head = `<meta name="referrer" content="no-referrer">${loader}`;
if (release) {
  // The small scripts the page loads first are part of the first download: minified.
  const { transformSync } = await import("esbuild");
  for (const file of ["start.js", "shell-es.js", "sw-register.js"]) {
    const path = join(staging, file);
    writeFileSync(path, transformSync(readFileSync(path, "utf8"), { minify: true, target: "es2017" }).code);
  }
  const inline = [...(html + loader).matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  if (/\son[a-z]+=/i.test(html)) throw new Error("index.html has an inline event handler; CSP forbids them");
  // First in <head>: a CSP meta tag only covers what comes after it.
  head = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inline)}">` + head;
  console.log(`csp: ${inline.length} inline script(s) allowed by hash`);
}
html = html.replace(/<link data-trunk[^>]*rel="?rust[^>]*>/, "").replace(/<meta charset=[^>]*>/i, (m) => m + head);
if (!html.includes(loader)) throw new Error("index.html has no <meta charset> to put the wasm loader after");
writeFileSync(htmlPath, html);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

const files = walk(staging)
  .map((path) => relative(staging, path).split(sep).join("/"))
  .filter((path) => path !== WORKER)
  .sort();

const hash = createHash("sha256");
for (const file of files) {
  hash.update(file);
  hash.update(readFileSync(join(staging, file)));
}
const build = hash.digest("hex").slice(0, 16);

const workerPath = join(staging, WORKER);
const template = readFileSync(workerPath, "utf8");
// The pseudo-locale's catalog is only for tests (tests/e2e/pseudo.spec.ts): it is fetched
// when chosen, never downloaded ahead for offline use.
const urls = files.filter((file) => !/(^|\/)split_pseudo\.wasm$/.test(file)).map((file) => base + file);
const worker = template
  .replace('"__STEADY_BUILD__"', JSON.stringify(build))
  .replace('["__STEADY_FILES__"]', JSON.stringify(release ? urls : []))
  .replace('"__STEADY_RELEASE__"', JSON.stringify(String(release)))
  .replace('"__STEADY_INDEX__"', JSON.stringify(base + "index.html"));
if (worker.includes("__STEADY_")) throw new Error("sw.js template placeholder not replaced");
writeFileSync(workerPath, worker);
console.log(`precache: build ${build}, ${release ? urls.length : 0} files`);
