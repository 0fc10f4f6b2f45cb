// Rewrites wasm-split-cli's loader (__wasm_split.js) to say the same thing in
// fewer bytes. It is in the first download, and it writes out the same fetch
// code for every split-off module and lists each module's dependencies one
// variable at a time: with ~390 modules that was ~0.8 KB of the first load's
// brotli. Chunks with no dependencies are declared in loops over runs of numbers. Behaviour is unchanged: each module is fetched when first needed,
// its dependencies first, and a failed fetch can be tried again.
//
// The output of wasm-split-cli is matched exactly; if a new version writes it
// differently, the build fails here rather than shipping a loader half rewritten.
import { readFileSync, writeFileSync } from "node:fs";

// A debug build wraps each instantiation in `debugWrap` (which names a module of another build).
const FETCH = /makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("(\.\/[\w.]+\.wasm)", import\.meta\.url\)\);\n\s*src\.catch\(\(\) => \{\}\);\n\s*return async \(imports\) => (debugWrap)?\(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, /g;

const helpers = (wrap) => `
/* Added by scripts/compact-loader.mjs. */
function fetchModule(name) {
    return () => {
        const src = fetch(new URL(name, import.meta.url));
        src.catch(() => {});
        return async (imports) => ${wrap}(WebAssembly.instantiateStreaming(src, imports));
    };
}
const chunks = [];
/** Loaders of the chunks listed as "27,29-35", looked up when called. */
function chunksIn(ranges) {
    return ranges.split(",").flatMap((range) => {
        const [from, to = from] = range.split("-").map(Number);
        return Array.from({ length: to - from + 1 }, (_, i) => () => chunks[from + i]());
    });
}
`;

/** "27,29-35" for [27, 29, 30, …, 35]. */
export function ranges(numbers) {
  const parts = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(i === j ? `${numbers[i]}` : `${numbers[i]}-${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** Rewrites `path` in place; `modules` is how many .wasm files it loads. Returns how many it rewrote. */
export function compactLoader(path, modules) {
  const source = readFileSync(path, "utf8");
  let rewritten = 0;
  const wraps = new Set();
  let out = source.replace(FETCH, (_, name, wrap = "") => {
    rewritten++;
    wraps.add(wrap);
    return `makeLoad(fetchModule("${name}"), `;
  });
  out = out.replace(/const __chunk_(\d+) = makeLoad\(/g, "chunks[$1] = makeLoad(");
  out = out.replace(/\[((?:__chunk_\d+, )*__chunk_\d+)\]/g, (_, list) => `chunksIn("${ranges(list.split(", ").map((v) => Number(v.slice("__chunk_".length))))}")`);
  // Chunks without dependencies of their own (all of them, so far) are declared a run at a time:
  // one line per chunk was about 2 KB of the first load's brotli.
  // (wasm-split-cli's comment naming the modules that use a chunk goes: minifying drops it anyway.)
  out = out.replace(/(?:(?:\/\*[^*\n]*\*\/\n)?chunks\[(\d+)\] = makeLoad\(fetchModule\("\.\/chunk_\1\.wasm"\), \[\]\);\n+)+/g, (block) => {
    const numbers = [...block.matchAll(/chunks\[(\d+)\]/g)].map((m) => Number(m[1]));
    return ranges(numbers)
      .split(",")
      .map((run) => {
        const [from, to = from] = run.split("-");
        return `for (let n = ${from}; n <= ${to}; n++) chunks[n] = makeLoad(fetchModule(\`./chunk_\${n}.wasm\`), []);\n`;
      })
      .join("");
  });
  // The helpers go before the first chunk is declared (after the import, which must stay first).
  const start = out.indexOf("\nfunction makeLoad(");
  if (rewritten !== modules || wraps.size > 1 || /__chunk_/.test(out) || start < 0) {
    throw new Error(`compact-loader: ${path} isn't in the form wasm-split-cli wrote before (${rewritten} of ${modules} fetches matched); update scripts/compact-loader.mjs`);
  }
  writeFileSync(path, out.slice(0, start) + helpers([...wraps][0]) + out.slice(start));
  return rewritten;
}
