// The oldest browsers Steady supports (README "Supported browsers"): iOS/iPadOS and
// Safari 16.4, current Chrome, Firefox ESR. Every wasm module in the build must
// use only WebAssembly features all of them have: wasm-opt validates each one
// with just those features enabled, and fails on anything newer (tail calls,
// exception handling, GC, extended-const, relaxed SIMD, memory64…), which a
// newer Rust could start emitting by default. The JS is written by esbuild for
// es2020 (scripts/build-wasm.mjs, scripts/post-build.mjs), which Safari 14 reads.
//   node scripts/check-floor.mjs dist
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// Each is in Safari 16.4 (WebKit features status), Chrome and Firefox ESR.
const FEATURES = ["sign-ext", "mutable-globals", "nontrapping-float-to-int", "bulk-memory", "bulk-memory-opt", "reference-types", "multivalue", "simd"];

const dir = process.argv[2] ?? "dist";
const wasmFiles = (d) => readdirSync(d).flatMap((f) => {
  const p = join(d, f);
  return statSync(p).isDirectory() ? wasmFiles(p) : f.endsWith(".wasm") ? [p] : [];
});

const files = wasmFiles(dir);
if (files.length === 0) throw new Error(`no .wasm files under ${dir}: build first (make dist)`);
const failures = [];
for (const file of files) {
  const r = spawnSync("wasm-opt", ["--mvp-features", ...FEATURES.map((f) => `--enable-${f}`), file, "-o", "/dev/null"], { encoding: "utf8" });
  if (r.error) throw r.error;
  if (r.status !== 0) failures.push(`${file}: ${r.stderr.split("\n").filter((l) => l && !/unknown name subsection/.test(l)).slice(0, 3).join(" / ")}`);
}
if (failures.length) {
  console.error(`wasm features newer than the supported browsers (Safari 16.4):\n${failures.join("\n")}`);
  process.exit(1);
}
console.log(`browser floor: ${files.length} wasm modules use only features Safari 16.4, Chrome and Firefox ESR have`);
