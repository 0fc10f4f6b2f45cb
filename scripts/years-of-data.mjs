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

/** `documents` as Steady stores them under a passcode lock (lock record version 3): each value
 *  compressed (raw DEFLATE), then AES-GCM under a PBKDF2-SHA256 key with the value's name as
 *  additional data, as `src/storage/crypto.rs` does; plus the lock's record. With
 *  `compressed: false`, as builds before compression stored them (record version 2, values `k:`). */
export async function sealUnderLock(documents, passcode, { compressed = true } = {}) {
  const subtle = globalThis.crypto.subtle;
  const b64 = (bytes) => Buffer.from(bytes).toString("base64");
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const base = await subtle.importKey("raw", new TextEncoder().encode(passcode.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
  const key = await subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 600_000 }, base, { name: "AES-GCM", length: 256 }, false, ["encrypt"]);
  const squeeze = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
  const seal = async (name, bytes, mark) => {
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const data = await subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(name) }, key, bytes);
    return `steady-aes-gcm:${mark}:${b64(iv)}:${b64(new Uint8Array(data))}`;
  };
  const sealed = [];
  for (const [name, text] of documents) {
    const bytes = new TextEncoder().encode(text);
    // Before compression (lock record version 2), every value was sealed as it was, marked `k`.
    sealed.push([name, compressed ? await seal(name, await squeeze(bytes), "z") : await seal(name, bytes, "k")]);
  }
  const record = {
    salt: b64(salt), iterations: 600_000, check: await seal("steady.lock", new TextEncoder().encode("Steady passcode check"), "k"),
    generation: 1_764_000_000_000, idle_minutes: 5, region: "US", numeric: /^\d+$/.test(passcode), failures: 0, wait_until_ms: 0, normalized: true,
  };
  return [...sealed, ["steady.lock", JSON.stringify({ v: compressed ? 3 : 2, data: record })]];
}
