// Years of heavy use, as Steady stores it: for the bench (`make bench`) and the capacity test.
// Per ten years: 20,000 cravings, 3,650 daily check-ins, 3,000 journal entries and five years of
// a twice-daily medication marked taken (3,650 doses). Everything ends the day before `until`.

const DAY = 86_400_000;
const WORDS = "Went to the meeting and talked about work stress, sleep and my family. ".repeat(4);

/** The records, by kind, for `years` of use ending the day before `until` ("2026-12-06"). */
export function yearsOfData(years, until) {
  const end = Date.parse(`${until}T00:00:00Z`);
  const start = end - Math.round(years * 365.25) * DAY;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 19);
  const cravings = [];
  const count = 2_000 * years;
  const step = (end - start) / count;
  for (let i = 0; i < count; i++) {
    cravings.push({ id: i + 1, t: iso(start + i * step), n: i % 11, tr: [["stress", "people", "boredom"][i % 3]], ...(i % 2 ? { o: "passed" } : {}) });
  }
  const checkins = [];
  for (let day = start; day < end; day += DAY) {
    const d = iso(day).slice(0, 10), i = checkins.length;
    checkins.push({ d, m: 1 + (i % 5), c: i % 11, h: ["t"], u: i % 97 === 0, w: "Called my sponsor", x: "Grateful for a quiet evening", t: `${d}T21:00:00` });
  }
  const journal = [];
  const entries = 300 * years;
  for (let i = 0; i < entries; i++) {
    journal.push({ id: 1_000_000_000_000 + i, t: iso(start + i * ((end - start) / entries)), x: `${i}: ${WORDS}`, m: 1 + (i % 5) });
  }
  const doses = [];
  for (let day = end - DAY; day >= end - Math.round((years / 2) * 365.25) * DAY; day -= DAY) {
    const d = iso(day).slice(0, 10);
    for (const [slot, t] of [["08:00:00", "08:05:00"], ["20:00:00", "20:10:00"]]) doses.push({ med: 1, d, slot, t: `${d}T${t}` });
  }
  const first = iso(start).slice(0, 10);
  const meds = { list: [{ id: 1, k: "bup", dose: "8 mg", from: first, r: "daily", at: ["08:00:00", "20:00:00"] }] };
  const counters = { list: [{ id: 1, name: "Clean time", start: { date: first }, history: [] }], main: 1 };
  return { cravings, checkins, journal, doses, meds, counters };
}

/** Stored documents ([key, text]), a document per kind and month, as Steady writes them. */
export function asStorage(data) {
  const byMonth = (prefix, list, monthOf) => {
    const months = {};
    for (const item of list) (months[monthOf(item)] ??= []).push(item);
    return Object.entries(months).map(([month, items]) => [`steady.${prefix}.${month}`, JSON.stringify({ v: 1, data: items })]);
  };
  return [
    ["steady.counters", JSON.stringify({ v: 1, data: data.counters })],
    ["steady.meds", JSON.stringify({ v: 2, data: data.meds })],
    ...byMonth("log", data.cravings, (c) => c.t.slice(0, 7)),
    ...byMonth("checkin", data.checkins, (c) => c.d.slice(0, 7)),
    ...byMonth("journal", [...data.journal].reverse(), (j) => j.t.slice(0, 7)),
    ...byMonth("dose", data.doses, (d) => d.d.slice(0, 7)),
  ];
}

/** A backup file of `data`, on the skeleton of a backup Steady exported (`exported`, its text). */
export function asBackup(data, exported) {
  const file = JSON.parse(exported);
  return JSON.stringify({ ...file, version: Math.max(file.version, 4), counters: data.counters, cravings: data.cravings, checkins: data.checkins, journal: data.journal, meds: data.meds, doses: data.doses });
}

/** How many characters `documents` take in localStorage (keys and values, as browsers count them). */
export const characters = (documents) => documents.reduce((sum, [key, text]) => sum + key.length + text.length, 0);

/** `documents` as Steady stores them under a passcode lock (lock record version 4), as
 *  `src/storage/vault.rs` and `crypto.rs` do: each under an opaque name (HMAC-SHA256 of its name,
 *  keyed by a secret made with the passcode's key), its name and text compressed (raw DEFLATE),
 *  then AES-GCM under a PBKDF2-SHA256 key with the opaque name as additional data; plus the
 *  lock's record. Earlier layouts, to test moving from them: `hidden: false` stores each under
 *  its own name, bound to it (version 3, values `z:`); `compressed: false` also leaves them
 *  uncompressed (version 2, values `k:`). */
export async function sealUnderLock(documents, passcode, { compressed = true, hidden = compressed } = {}) {
  const subtle = globalThis.crypto.subtle;
  const b64 = (bytes) => Buffer.from(bytes).toString("base64");
  const utf8 = (text) => new TextEncoder().encode(text);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const generation = 1_764_000_000_000;
  const base = await subtle.importKey("raw", utf8(passcode.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
  const key = await subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 600_000 }, base, { name: "AES-GCM", length: 256 }, false, ["encrypt"]);
  const squeeze = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
  const seal = async (name, bytes, mark) => {
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const data = await subtle.encrypt({ name: "AES-GCM", iv, additionalData: utf8(name) }, key, bytes);
    return `steady-aes-gcm:${mark}:${b64(iv)}:${b64(new Uint8Array(data))}`;
  };
  // The names' secret: a known text sealed with the all-zero IV no value uses (`crypto::name_secret`).
  const secret = await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12), additionalData: utf8("steady.names") }, key, utf8("Names of stored documents"));
  const mac = await subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const storedAs = async (name) => `steady.x-${generation}.${b64(new Uint8Array(await subtle.sign("HMAC", mac, utf8(name))).slice(0, 15))}`;
  const sealed = [];
  // Which document is stored under which name (for tests that watch one: `sealed.names[name]`).
  const names = {};
  for (const [name, text] of documents) {
    if (hidden) {
      const where = (names[name] = await storedAs(name));
      sealed.push([where, await seal(where, await squeeze(utf8(`${name}\n${text}`)), "n")]);
    } else {
      // Before compression (lock record version 2), every value was sealed as it was, marked `k`.
      sealed.push([name, compressed ? await seal(name, await squeeze(utf8(text)), "z") : await seal(name, utf8(text), "k")]);
    }
  }
  const record = {
    salt: b64(salt), iterations: 600_000, check: await seal("steady.lock", utf8("Steady passcode check"), "k"),
    generation, idle_minutes: 5, region: "US", numeric: /^\d+$/.test(passcode), failures: 0, wait_until_ms: 0, normalized: true,
  };
  return Object.assign([...sealed, ["steady.lock", JSON.stringify({ v: hidden ? 4 : compressed ? 3 : 2, data: record })]], { names });
}
