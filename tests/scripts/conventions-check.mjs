// public/start.js's steadyConventions, which the app asks for the reader's locale, clock and
// number marks: the app's language with the region of the phone's first language.
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";

const source = readFileSync(new URL("../../public/start.js", import.meta.url), "utf8");
const start = source.indexOf("window.steadyConventions");
const body = source.slice(start, source.indexOf("\n  };\n", start) + 4);
const answer = (phone, lang) => {
  const window = {};
  const navigator = { languages: [phone] };
  new Function("window", "navigator", body)(window, navigator);
  return window.steadyConventions(lang);
};
const cases = [
  ["en-US", "es", "es-US|h12|10,000.5|1,000"],
  ["en-US", "en", "en-US|h12|10,000.5|1,000"],
  ["en-gb", "en", "en-GB|h23|10,000.5|1,000"],
  ["es-ES", "es", "es-ES|h23|10.000,5|1000"],
  ["es-419", "es", "es-419|h12|10,000.5|1,000"],
  ["zh-Hant-TW", "es", "es-TW|h23|10.000,5|1000"],
  ["en_AU", "en", "en-AU|h12|10,000.5|1,000"],
  ["es", "es", "es|h23|10.000,5|1000"],
  ["en-US", "en-XA", "en-US|h12|10,000.5|1,000"],
];
for (const [phone, lang, expected] of cases) assert.equal(answer(phone, lang), expected, `${lang} on a ${phone} phone`);
console.log(`conventions-check: ${cases.length} locales as the app reads them`);
