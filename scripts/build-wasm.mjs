// Builds the app's wasm and splits it so a first visit downloads only what the
// first screen needs; the rest is fetched when first shown (the views declared
// with `split_view!` in src/lib.rs and elsewhere, see src/split.rs) and precached
// by the service worker.
//
// Trunk's own Rust pipeline can't run a step between cargo and wasm-bindgen, so
// the post_build hook runs them all here: cargo build (with relocations kept) →
// wasm-split-cli → wasm-bindgen → short names (scripts/short-names.mjs) → a compact loader
// (scripts/compact-loader.mjs) → wasm-opt (binaryen) → the shared chunks merged into fewer
// modules (scripts/merge-chunks.mjs). The output goes into a folder named
// by a hash of its contents, so a cached page never mixes files of two builds.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compactLoader } from "./compact-loader.mjs";
import { mergeChunks } from "./merge-chunks.mjs";
import { shortenNames } from "./short-names.mjs";

const BIN = "steady";
const WASM_TARGET = "wasm32-unknown-unknown";
/** What the shared chunks use, all within the oldest supported browsers' (scripts/check-floor.mjs). */
const CHUNK_FEATURES = ({ Features: f }) => f.SignExt | f.MutableGlobals | f.NontrappingFPToInt | f.BulkMemory | f.BulkMemoryOpt;

function run(command, args, env = process.env) {
  execFileSync(command, args, { stdio: "inherit", env });
}

/**
 * -O2 rather than -Oz: measured on this app, -O2's output compresses smaller
 * under brotli (about 1.3 KB less on the first load) although -Oz's is smaller raw.
 * The custom sections nobody reads at run time go too.
 *
 * Binaryen's own JS API in this process, not its `wasm-opt` command once per module: that
 * command is binaryen compiled to a 10 MB script, and starting it for each of the ~490 modules
 * took five minutes of every release build; this takes about twenty seconds. Compared with the
 * command's output (2026-12-07): most modules byte for byte, a few a byte or so apart, where an
 * empty function keeps a one-byte `nop` (3 bytes on the first load).
 * Binaryen warns about every name subsection it doesn't know (wasm-split writes one); only that is hidden.
 */
async function wasmOptAll(files) {
  const { default: binaryen } = await import("binaryen");
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) =>
    /^warning: unknown name subsection/.test(String(chunk)) ? true : write(chunk, ...rest);
  try {
    const optimise = optimiser(binaryen);
    for (const file of files) {
      const module = binaryen.readBinary(readFileSync(file));
      try {
        optimise(module, file);
        writeFileSync(file, module.emitBinary());
      } finally {
        module.dispose();
      }
    }
  } finally {
    process.stderr.write = write;
  }
}

/** Optimises a binaryen module in place with the settings above. */
function optimiser(binaryen) {
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(0);
  // --low-memory-unused: Rust puts the 1 MB stack first, growing down towards address 0, and
  // the data after it, so the lowest 1 KB is touched only by a stack already overflowing;
  // knowing that lets wasm-opt fold address arithmetic (about 0.2 KB less on the first load).
  binaryen.setLowMemoryUnused(true);
  return (module, name) => {
    module.optimize();
    module.runPasses(["strip-producers", "strip-target-features"]);
    if (!module.validate()) throw new Error(`wasm-opt: ${name} is not valid after optimising`);
  };
}

/** The glue and the split loader, minified (names of exports and imports are kept). */
async function minifyScripts(dir) {
  const { transformSync } = await import("esbuild");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const path = join(dir, file);
    const { code } = transformSync(readFileSync(path, "utf8"), { minify: true, format: "esm", target: "es2020" });
    writeFileSync(path, code);
  }
}

/**
 * Builds into `staging/pkg-<hash>/` and returns the paths of what a page loads
 * at start (JS modules, main wasm module), relative to the site root.
 */
export async function buildWasm(staging, release) {
  const flagsVar = `CARGO_TARGET_${WASM_TARGET.toUpperCase().replaceAll("-", "_")}_RUSTFLAGS`;
  const env = {
    ...process.env,
    // wasm-split needs the linker's relocations to move functions between modules.
    [flagsVar]: `${process.env[flagsVar] ?? ""} -Clink-args=--emit-relocs`.trim(),
  };
  const profile = release ? "release" : "debug";
  run("cargo", ["build", "--target", WASM_TARGET, "--bin", BIN, ...(release ? ["--release"] : [])], env);

  // A folder of this build's own: target/ may be shared by several checkouts (git
  // worktrees), and a fixed folder emptied at the start of every build lets two
  // builds delete each other's files between wasm-split and wasm-bindgen.
  mkdirSync(join("target", "wasm-split"), { recursive: true });
  const work = mkdtempSync(join("target", "wasm-split", `${profile}-`));
  // Copied at once, for the same reason: another checkout's cargo build may overwrite cargo's output.
  const linked = join(work, "linked.wasm");
  cpSync(join("target", WASM_TARGET, profile, `${BIN}.wasm`), linked);
  try {
    return await splitBindOptimise(staging, release, work, linked);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function splitBindOptimise(staging, release, work, linked) {
  run("wasm-split-cli", [linked, work, "--out-name", BIN]);
  rmSync(linked);

  const out = join(work, "pkg");
  run("wasm-bindgen", [
    "--target=web",
    "--keep-lld-exports",
    "--no-demangle",
    "--no-typescript",
    `--out-dir=${out}`,
    `--out-name=${BIN}`,
    join(work, `${BIN}.wasm`),
  ]);
  console.log(`wasm: ${shortenNames(join(out, `${BIN}_bg.wasm`), join(out, `${BIN}.js`))} import and export names shortened`);
  // The split-off modules and the loader that fetches them sit next to the glue.
  for (const file of readdirSync(work)) {
    if (file.endsWith(".js") || (file.endsWith(".wasm") && file !== `${BIN}.wasm`)) {
      renameSync(join(work, file), join(out, file));
    }
  }
  const wasmFiles = () => readdirSync(out).filter((f) => f.endsWith(".wasm"));
  compactLoader(join(out, "__wasm_split.js"), wasmFiles().length - 1);
  if (release) await wasmOptAll(wasmFiles().map((file) => join(out, file)));
  const { default: binaryen } = await import("binaryen");
  const [chunks, merged] = await mergeChunks(out, CHUNK_FEATURES(binaryen), release ? optimiser(binaryen) : undefined);
  console.log(`wasm: ${chunks} shared chunks merged into ${merged} modules`);
  if (release) await minifyScripts(out);

  const hash = createHash("sha256");
  for (const file of readdirSync(out).sort()) {
    hash.update(file);
    hash.update(readFileSync(join(out, file)));
  }
  const dir = `pkg-${hash.digest("hex").slice(0, 16)}`;
  cpSync(out, join(staging, dir), { recursive: true });
  console.log(`wasm: ${wasmFiles().length - 1} module(s) split off into ${dir}/`);
  // The glue imports the loader statically, so it is part of the first load too.
  return { js: [`${dir}/${BIN}.js`, `${dir}/__wasm_split.js`], wasm: `${dir}/${BIN}_bg.wasm` };
}
