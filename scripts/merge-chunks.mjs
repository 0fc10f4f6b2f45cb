// Merges wasm-split-cli's chunks into fewer, larger modules, and rewrites the loader to match.
//
// Why: wasm-split-cli puts each function that two or more split-off modules share into a
// "chunk", one chunk per distinct set of modules that use it: about 570 chunks, many of them a
// single small function. Opening a part fetched, compiled and instantiated every chunk it needs
// one by one: Today's counter needed 111 of them, and with the CPU slowed 4× (`make bench`) those
// requests alone took about half a second. Merged, the same part is one or a few requests.
//
// How chunks are grouped: greedily, two groups are merged while the requests it saves are
// worth more than the code it makes some module load without using it (a request is counted as
// REQUEST_BYTES of code; every split-off module counts the same). So a part still never loads much
// more than it uses, and code used by nearly every screen ends up in a few shared modules.
//
// Why merging is safe: a chunk imports only the main module's memory, function table and stack
// pointer, exports nothing and has no start function; it consists of functions, the table
// slots it fills (an element segment at a fixed offset) and data at fixed addresses. Chunks
// never call each other directly (only through the table), so a merged module is their union
// with the imports once. binaryen's wasm-merge joins them (each import kept once per input, so
// the duplicates are folded into one here), and the result is validated against the oldest
// browsers' features (scripts/check-floor.mjs) before it replaces them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ranges } from "./compact-loader.mjs";

/** How many bytes of unneeded code a saved request is worth (measured: see README "Performance"). */
const REQUEST_BYTES = 4096;

const WASM_MERGE = fileURLToPath(new URL("../node_modules/.bin/wasm-merge", import.meta.url));
const CHUNK_RUN = /^for \(let n = (\d+); n <= (\d+); n\+\+\) chunks\[n\] = makeLoad\(fetchModule\(`\.\/chunk_\$\{n\}\.wasm`\), \[\]\);\n/gm;
const SPLIT = /makeLoad\(fetchModule\("\.\/split_(\w+)\.wasm"\), (?:chunksIn\("([\d,-]+)"\)|\[\])\)/g;

const numbers = (list) =>
  list.split(",").flatMap((range) => {
    const [from, to = from] = range.split("-").map(Number);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });

/**
 * Groups chunks: `needs` maps each split-off module to the chunk ids it loads, `size` gives a
 * chunk's bytes. Returns the groups, each a list of chunk ids, ordered by their smallest id.
 */
export function groupChunks(needs, size) {
  const usersOf = new Map();
  for (const [module, chunks] of Object.entries(needs)) {
    for (const chunk of chunks) (usersOf.get(chunk) ?? usersOf.set(chunk, new Set()).get(chunk)).add(module);
  }
  const groups = [...usersOf.keys()].sort((a, b) => a - b).map((id) => ({ chunks: [id], users: usersOf.get(id), bytes: size(id) }));
  // What merging `a` and `b` saves: a request for each module that loads both, less the bytes
  // each module that loads only one of them would now load for nothing.
  const gain = (a, b) => {
    let both = 0;
    for (const user of a.users) if (b.users.has(user)) both++;
    return both * REQUEST_BYTES - (a.users.size - both) * b.bytes - (b.users.size - both) * a.bytes;
  };
  for (;;) {
    let best = null;
    let bestGain = 0;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const g = gain(groups[i], groups[j]);
        if (g > bestGain) [best, bestGain] = [[i, j], g];
      }
    }
    if (!best) break;
    const [a, b] = [groups[best[0]], groups[best[1]]];
    a.chunks.push(...b.chunks);
    a.bytes += b.bytes;
    for (const user of b.users) a.users.add(user);
    groups.splice(best[1], 1);
  }
  return groups.map((g) => g.chunks.sort((x, y) => x - y)).sort((x, y) => x[0] - y[0]);
}

/** The merged module of `files` as text, each import kept once. */
function mergedText(binaryen, files, work) {
  const merged = join(work, "merged.wasm");
  // wasm-merge needs a name per input; multi-memory and reference types only because it
  // keeps each input's imports apart (folded below).
  const args = files.flatMap((file, i) => [file, `m${i}`]);
  const run = spawnSync(WASM_MERGE, [...args, "-o", merged, "--enable-multimemory", "--enable-reference-types", "--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-mutable-globals", "--enable-sign-ext", "--enable-nontrapping-float-to-int"], { encoding: "utf8" });
  // It warns about every name subsection it doesn't know (a debug build's chunks have them); only that is hidden.
  process.stderr.write(run.stderr.split("\n").filter((line) => line && !/^warning: unknown name subsection/.test(line)).map((line) => `${line}\n`).join(""));
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`merge-chunks: wasm-merge failed on ${files.join(" ")}`);
  const module = binaryen.readBinary(readFileSync(merged));
  let text;
  try {
    text = module.emitText();
  } finally {
    module.dispose();
  }
  // Read back from a binary without names, binaryen calls imports $mimport$N, $timport$N and
  // $gimport$N; each input's are named apart. Each import is kept once, under its field's name
  // (the stack pointer and a debug build's canary are both globals: they must stay two).
  const field = new Map();
  const types = new Map();
  text = text.replace(/^ \(import "__wasm_split" "(\w+)" \((memory|table|global) (\$[mtg]import\$\d+) ([^\n]*)\)\n/gm, (line, name, kind, id, type) => {
    field.set(id, `$import_${name}`);
    const seen = types.get(name);
    types.set(name, `${kind} ${type}`);
    if (seen === undefined) return line;
    if (seen !== `${kind} ${type}`) throw new Error(`merge-chunks: chunks import ${name} as ${seen} and as ${kind} ${type}`);
    return "";
  });
  return text.replace(/\$[mtg]import\$\d+/g, (id) => {
    if (!field.has(id)) throw new Error(`merge-chunks: ${id} isn't an import of __wasm_split`);
    return field.get(id);
  });
}

/**
 * Merges the chunks in `dir` and rewrites its loader (`__wasm_split.js`, as written by
 * scripts/compact-loader.mjs). `optimise(module)`, if given, runs on each merged binaryen module.
 * Returns [chunks before, modules after].
 */
export async function mergeChunks(dir, features, optimise) {
  const { default: binaryen } = await import("binaryen");
  const loaderPath = join(dir, "__wasm_split.js");
  const loader = readFileSync(loaderPath, "utf8");
  const declared = [...loader.matchAll(CHUNK_RUN)].flatMap((m) => numbers(`${m[1]}-${m[2]}`));
  const needs = {};
  for (const m of loader.matchAll(SPLIT)) needs[m[1]] = m[2] ? numbers(m[2]) : [];
  const onDisk = readdirSync(dir).filter((f) => /^chunk_\d+\.wasm$/.test(f));
  if (declared.length === 0 || declared.length !== onDisk.length || /chunks\[\d+\] = /.test(loader.replace(CHUNK_RUN, ""))) {
    throw new Error(`merge-chunks: ${loaderPath} isn't in the form scripts/compact-loader.mjs writes (or a chunk has dependencies of its own); update scripts/merge-chunks.mjs`);
  }
  const path = (id) => join(dir, `chunk_${id}.wasm`);
  const groups = groupChunks(needs, (id) => statSync(path(id)).size);
  // Chunks no module lists (none so far) stay as they are, each a group of its own.
  const grouped = new Set(groups.flat());
  for (const id of declared) if (!grouped.has(id)) groups.push([id]);
  groups.sort((a, b) => a[0] - b[0]);

  // The merged modules are numbered from the first chunk's number, in a folder of their own
  // until every group is merged (their names are the chunks' names).
  const first = Math.min(...declared);
  const work = mkdtempSync(join(dir, "..", "merge-"));
  try {
    groups.forEach((ids, i) => {
      const out = join(work, `chunk_${first + i}.wasm`);
      if (ids.length === 1) return writeFileSync(out, readFileSync(path(ids[0])));
      const module = binaryen.parseText(mergedText(binaryen, ids.map(path), work));
      try {
        module.setFeatures(features);
        if (!module.validate()) throw new Error(`merge-chunks: chunks ${ranges(ids)} don't make a valid module merged`);
        optimise?.(module);
        writeFileSync(out, module.emitBinary());
      } finally {
        module.dispose();
      }
    });
    for (const id of declared) rmSync(path(id));
    for (let i = 0; i < groups.length; i++) renameSync(join(work, `chunk_${first + i}.wasm`), path(first + i));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const groupOf = new Map(groups.flatMap((ids, i) => ids.map((id) => [id, first + i])));
  let rewritten = loader.replace(CHUNK_RUN, "");
  const at = loader.search(CHUNK_RUN);
  rewritten = `${rewritten.slice(0, at)}for (let n = ${first}; n <= ${first + groups.length - 1}; n++) chunks[n] = makeLoad(fetchModule(\`./chunk_\${n}.wasm\`), []);\n${rewritten.slice(at)}`;
  rewritten = rewritten.replace(SPLIT, (all, name, list) =>
    list ? all.replace(`chunksIn("${list}")`, `chunksIn("${ranges([...new Set(numbers(list).map((id) => groupOf.get(id)))].sort((a, b) => a - b))}")`) : all,
  );
  writeFileSync(loaderPath, rewritten);
  return [declared.length, groups.length];
}
