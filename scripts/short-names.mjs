// Gives the main wasm module's imports and closure exports short names, in the
// module and in wasm-bindgen's glue alike. wasm-bindgen names each import
// after the JS function it calls plus a 16-hex-digit hash
// ("__wbg_navigator_c17f443a6fe5d38d"), and closures are exported under their
// mangled Rust paths: over 200 such names, written twice (once in the module,
// once in the glue). The hashes don't compress, so they cost several KB of
// the first download for nothing a person ever sees.
//
// Only names that the glue mentions exactly as many times as expected are
// renamed, and the result is checked: a name missed on either side would fail
// at instantiation, so the build stops instead.
import { readFileSync, writeFileSync } from "node:fs";

function readU32(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, at];
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const utf8 = new TextDecoder();
const encode = (text) => [...new TextEncoder().encode(text)];

function readName(bytes, at) {
  const [length, start] = readU32(bytes, at);
  return [utf8.decode(bytes.subarray(start, start + length)), start + length];
}

/** Skips a table or memory's limits. */
function skipLimits(bytes, at) {
  const flags = bytes[at++];
  [, at] = readU32(bytes, at);
  if (flags & 1) [, at] = readU32(bytes, at);
  return at;
}

/** Where an import's description ends. */
function skipImportDesc(bytes, at) {
  const kind = bytes[at++];
  switch (kind) {
    case 0: return readU32(bytes, at)[1]; // function: type index
    case 1: return skipLimits(bytes, at + 1); // table: reference type, limits
    case 2: return skipLimits(bytes, at); // memory
    case 3: return at + 2; // global: value type, mutability
    case 4: return readU32(bytes, at + 1)[1]; // tag: attribute, type index
    default: throw new Error(`short-names: unknown import kind ${kind}`);
  }
}

/** The module with import and export names replaced by `rename(kind, name)` where it gives one;
 * an export it answers `null` for is left out. */
function renameInModule(bytes, rename) {
  // Pieces, joined at the end (a module is too big to spread into one array).
  const out = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = readU32(bytes, at + 1);
    const end = start + size;
    if (id !== 2 && id !== 7) {
      out.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    const [count, first] = readU32(bytes, start);
    const entries = [];
    let p = first;
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        let module, name;
        [module, p] = readName(bytes, p);
        [name, p] = readName(bytes, p);
        const descEnd = skipImportDesc(bytes, p);
        const shown = rename("import", name) ?? name;
        entries.push([...u32(encode(module).length), ...encode(module), ...u32(encode(shown).length), ...encode(shown), ...bytes.subarray(p, descEnd)]);
        p = descEnd;
      } else {
        let name;
        [name, p] = readName(bytes, p);
        const kind = bytes[p];
        const [, indexEnd] = readU32(bytes, p + 1);
        const shown = rename("export", name);
        if (shown !== null) entries.push([...u32(encode(shown ?? name).length), ...encode(shown ?? name), ...bytes.subarray(p, indexEnd)]);
        p = indexEnd;
      }
    }
    if (p !== end) throw new Error(`short-names: section ${id} didn't parse to its end`);
    const body = [...u32(entries.length), ...entries.flat()];
    out.push(Uint8Array.from([id, ...u32(body.length)]), Uint8Array.from(body));
    at = end;
  }
  return Buffer.concat(out);
}

const HASHED_IMPORT = /_[0-9a-f]{16}$/;
// wasm-streams (pulled in by Leptos's server functions, which a CSR app never calls) exports
// three classes for JavaScript streams; nothing here uses them. Dropping their exports lets
// wasm-opt remove their code (about 12 KB raw) from the first download.
const UNUSED_EXPORT = /^(__wbg_)?intounderlying/;
const UNUSED_CLASS = /^export class (IntoUnderlying\w+) \{\n[\s\S]*?^if \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gm;
const UNUSED_REGISTRY = /^const IntoUnderlying\w+Finalization = [^;]*;\n/gm;
const CLOSURE_EXPORT = /^_RINv/;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Renames in `wasmPath` and `jsPath` (wasm-bindgen's glue) together. */
export function shortenNames(wasmPath, jsPath) {
  const bytes = readFileSync(wasmPath);
  const module = new WebAssembly.Module(bytes);
  let js = readFileSync(jsPath, "utf8").replace(UNUSED_CLASS, "").replace(UNUSED_REGISTRY, "");
  if (/IntoUnderlying|intounderlying/.test(js)) throw new Error("short-names: the unused stream classes weren't all removed from the glue");
  const names = [
    ...WebAssembly.Module.imports(module).filter((i) => i.module.endsWith("_bg.js") && HASHED_IMPORT.test(i.name)).map((i) => i.name),
    ...WebAssembly.Module.exports(module).filter((e) => CLOSURE_EXPORT.test(e.name)).map((e) => e.name),
  ];
  const short = new Map();
  // Longest first, so no name is replaced inside a longer one.
  for (const name of [...new Set(names)].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`, "g");
    const uses = js.match(pattern)?.length ?? 0;
    if (uses === 0) continue;
    const shortName = `$${short.size.toString(36)}`;
    if (new RegExp(`(?<![\\w$])${escape(shortName)}(?![\\w$])`).test(js)) throw new Error(`short-names: ${shortName} is already used in the glue`);
    short.set(name, shortName);
    js = js.replace(pattern, shortName);
  }
  const renamed = renameInModule(bytes, (kind, name) => (kind === "export" && UNUSED_EXPORT.test(name) ? null : short.get(name)));
  // Every renamed import must now be provided under its new name, and every export found.
  const check = new WebAssembly.Module(renamed);
  for (const { name } of [...WebAssembly.Module.imports(check), ...WebAssembly.Module.exports(check)]) {
    if (short.has(name)) throw new Error(`short-names: ${name} was not renamed`);
  }
  writeFileSync(wasmPath, renamed);
  writeFileSync(jsPath, js);
  return short.size;
}
