// Bundle sizes as a static host serves them (precompressed brotli and gzip).
// Used by `make bench`, and run on its own by `make test` as the cheap size check:
//   node scripts/sizes.mjs dist
import { cpSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const BUDGET_FIRST_LOAD = 150 * 1024;
export const BUDGET_INDEX = 14 * 1024;

/** Sizes of every file in `dir`; with `to`, also writes .gz and .br copies there. */
export function measure(dir, to) {
  if (to) {
    rmSync(to, { recursive: true, force: true });
    cpSync(dir, to, { recursive: true });
    dir = to;
  }
  const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  return walk(dir)
    .filter((path) => !/\.(br|gz)$/.test(path))
    .map((path) => {
      const raw = readFileSync(path);
      const gz = gzipSync(raw, { level: 9 });
      const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      if (to) {
        writeFileSync(path + ".gz", gz);
        writeFileSync(path + ".br", br);
      }
      return { file: path.slice(dir.length + 1), raw: raw.length, gz: gz.length, br: br.length };
    });
}

/** What a first visit downloads before the app runs: index.html and the CSS, JS and wasm it loads. */
export function startFiles(dir) {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const loaded = [...html.matchAll(/\b(?:href|src)=["']?\/?([^"'\s>]+\.(?:css|js|wasm))\b/g)].map((m) => m[1]);
  return new Set(["index.html", ...loaded]);
}

const sum = (rows) => rows.reduce((s, r) => s + r.br, 0);
export const firstLoad = (rows, dir) => sum(rows.filter((r) => startFiles(dir).has(r.file)));
/** The split-off modules a screen fetches when first opened (precached by the service worker). */
export function onDemandFiles(rows, dir) {
  const start = startFiles(dir);
  return rows.filter((r) => /\.(js|wasm)$/.test(r.file) && r.file !== "sw.js" && !start.has(r.file));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? "dist";
  const rows = measure(dir);
  const total = firstLoad(rows, dir);
  const index = rows.find((r) => r.file === "index.html").br;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`first load ${kb(total)} brotli (budget ${kb(BUDGET_FIRST_LOAD)}); index.html ${kb(index)}; ${kb(sum(onDemandFiles(rows, dir)))} more loaded on demand`);
  const failures = [];
  if (index > BUDGET_INDEX) failures.push(`index.html is ${kb(index)} compressed, over ${kb(BUDGET_INDEX)}`);
  if (total > BUDGET_FIRST_LOAD) failures.push(`the first load is ${kb(total)}, over its budget of ${kb(BUDGET_FIRST_LOAD)} (see README "Performance")`);
  for (const f of failures) console.error(`size check: ${f}`);
  process.exit(failures.length ? 1 : 0);
}
