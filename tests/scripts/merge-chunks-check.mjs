// Checks scripts/merge-chunks.mjs: how chunks are grouped, and that a merged module does in a
// real WebAssembly engine (Node's) what its chunks did one by one — fills the same table slots,
// writes the same data — and that the loader then lists the merged modules.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import binaryen from "binaryen";
import { groupChunks, mergeChunks } from "../../scripts/merge-chunks.mjs";

const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Grouping. Small chunks that the same modules load together are merged; a big chunk only one
// module of several uses isn't forced on the others; every chunk is in exactly one group.
{
  const needs = { a: [1, 2, 3, 4], b: [1, 2, 3], c: [1, 2, 5] };
  const sizes = { 1: 100, 2: 200, 3: 300, 4: 200_000, 5: 150 };
  const groups = groupChunks(needs, (id) => sizes[id]);
  check(same(groups.flat().sort(), [1, 2, 3, 4, 5]), `every chunk in one group: ${JSON.stringify(groups)}`);
  check(groups.some((g) => g.includes(1) && g.includes(2)), `chunks every module loads are merged: ${JSON.stringify(groups)}`);
  check(same(groups.find((g) => g.includes(4)), [4]), `a big chunk only "a" uses stays apart: ${JSON.stringify(groups)}`);
  check(same(groupChunks({ a: [] }, () => 1), []), "no chunks, no groups");
  const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`m${i}`, [1000 + i, 2000]]));
  check(groupChunks(many, (id) => (id === 2000 ? 50 : 100_000)).every((g) => g.length === 1), "big chunks, each of one module, aren't merged with a shared one");
}

// Merging. Two chunks as wasm-split-cli writes them: the main module's memory, table and stack
// pointer imported (and in a debug build a canary, another global), table slots filled at fixed
// offsets, data at fixed addresses.
const chunk = (offset, address, text, value) => `(module
  (import "__wasm_split" "__canary_1" (global $canary i32))
  (import "__wasm_split" "memory" (memory 1))
  (import "__wasm_split" "__indirect_function_table" (table 8 funcref))
  (import "__wasm_split" "__wasm_split_shared0" (global $sp (mut i32)))
  (elem (i32.const ${offset}) $f)
  (data (i32.const ${address}) "${text}")
  (func $f (result i32) (global.set $sp (i32.sub (global.get $sp) (i32.const 16))) (memory.copy (i32.const 200) (i32.const ${address}) (i32.const 1)) (i32.add (global.get $canary) (i32.const ${value}))))`;
const dir = mkdtempSync(join(tmpdir(), "merge-chunks-"));
try {
  const pkg = join(dir, "pkg");
  mkdirSync(pkg);
  const F = binaryen.Features;
  const features = F.SignExt | F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.BulkMemoryOpt;
  for (const [id, source] of [[3, chunk(2, 100, "hi", 41)], [4, chunk(5, 120, "yo", 42)]]) {
    const module = binaryen.parseText(source);
    module.setFeatures(features);
    writeFileSync(join(pkg, `chunk_${id}.wasm`), module.emitBinary());
    module.dispose();
  }
  // The loader in the form scripts/compact-loader.mjs writes.
  writeFileSync(join(pkg, "__wasm_split.js"), [
    "for (let n = 3; n <= 4; n++) chunks[n] = makeLoad(fetchModule(`./chunk_${n}.wasm`), []);",
    'const __split_a = makeLoad(fetchModule("./split_a.wasm"), chunksIn("3-4"));',
    'const __split_b = makeLoad(fetchModule("./split_b.wasm"), chunksIn("3-4"));',
    'const __split_c = makeLoad(fetchModule("./split_c.wasm"), []);',
    "",
  ].join("\n"));
  const [before, after] = await mergeChunks(pkg, features);
  check(before === 2 && after === 1, `two chunks merged into one module (${before} → ${after})`);
  check(same(readdirSync(pkg).filter((f) => f.endsWith(".wasm")), ["chunk_3.wasm"]), `only the merged module is left: ${readdirSync(pkg)}`);
  const loader = readFileSync(join(pkg, "__wasm_split.js"), "utf8");
  check(loader.includes("for (let n = 3; n <= 3; n++) chunks[n]"), `the loader declares the merged module: ${loader}`);
  check(loader.includes('split_a.wasm"), chunksIn("3"))') && loader.includes('split_b.wasm"), chunksIn("3"))'), `each module loads the merged one: ${loader}`);
  check(loader.includes('split_c.wasm"), [])'), "a module without chunks is left as it was");

  const memory = new WebAssembly.Memory({ initial: 1 });
  const table = new WebAssembly.Table({ initial: 8, element: "anyfunc" });
  const sp = new WebAssembly.Global({ value: "i32", mutable: true }, 1024);
  const merged = new WebAssembly.Module(readFileSync(join(pkg, "chunk_3.wasm")));
  check(WebAssembly.Module.imports(merged).length === 4, `each import once: ${JSON.stringify(WebAssembly.Module.imports(merged))}`);
  new WebAssembly.Instance(merged, { __wasm_split: { __canary_1: 1000, memory, __indirect_function_table: table, __wasm_split_shared0: sp } });
  const bytes = new Uint8Array(memory.buffer);
  check(String.fromCharCode(...bytes.slice(100, 102)) === "hi" && String.fromCharCode(...bytes.slice(120, 122)) === "yo", "both chunks' data is written");
  check(table.get(2)?.() === 1041 && table.get(5)?.() === 1042, "both chunks' table slots are filled with their functions");
  check(sp.value === 1024 - 32 && bytes[200] === "y".charCodeAt(0), "the functions use the one stack pointer, canary and memory the main module gives");
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`merge-chunks: ${failures.length} check(s) failed:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("merge-chunks: grouping and a merged module checked");
