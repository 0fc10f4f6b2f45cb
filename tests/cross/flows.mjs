// The main flows, written once against the driver layer (tests/cross/driver.mjs) and run in every
// engine by tests/cross/run.mjs. They run in this order in one fresh profile per engine: later
// flows build on earlier ones (the lock flow checks that everything entered before comes back).
// The Chromium suite (tests/e2e) covers each flow in depth; these check that it works at all.

import { asStorage, sealUnderLock, yearsOfData } from "../../scripts/years-of-data.mjs";

const PASSCODE = "246813";
/** Twenty years of heavy use, sealed as Steady seals them (made once, before the flows run). */
const TWENTY_YEARS_SEALED = sealUnderLock(asStorage(yearsOfData(20, new Date().toISOString().slice(0, 10))), PASSCODE);

function check(ok, message) {
  if (!ok) throw new Error(message);
}

/** The app (not the static shell) has mounted and no split-off screen is still arriving. */
export async function mounted(d) {
  await d.waitFor(
    () =>
      !!document.querySelector('[data-testid="nav-today"]') &&
      !document.querySelector('[data-testid="static-shell"]') &&
      !document.querySelector('[data-testid="screen-loading"]'),
    { __opts: true, timeout: 20_000, message: "the app mounts" },
  );
}

/** The engine's clock, as its Intl reports it, for the locale the app reads in: the app's language
 *  with the region of `navigator.languages[0]` (en-US → "en-US"; Spanish on that phone → "es-US"). */
async function engineClock(d) {
  return d.evaluate(() => {
    const tag = navigator.languages?.[0] || navigator.language || "";
    const region = tag.split(/[-_]/).slice(1).find((s) => /^([A-Za-z]{2}|\d{3})$/.test(s));
    const twelve = (lang) => {
      const o = new Intl.DateTimeFormat(region ? `${lang}-${region.toUpperCase()}` : lang, { hour: "numeric" }).resolvedOptions();
      return o.hourCycle ? /^h1[12]$/.test(o.hourCycle) : !!o.hour12;
    };
    return { tag, en: twelve("en"), es: twelve("es") };
  });
}

/** A time as the app shows it: "7:00 PM" / "7:00 p. m." on a 12-hour clock, "19:00" on a 24-hour one. */
function shown(twelve, h, m, spanish = false) {
  const mm = String(m).padStart(2, "0");
  if (!twelve) return `${String(h).padStart(2, "0")}:${mm}`;
  const mark = spanish ? (h < 12 ? "a. m." : "p. m.") : h < 12 ? "AM" : "PM";
  return `${h % 12 || 12}:${mm} ${mark}`;
}

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export const flows = [
  [
    "the app mounts",
    async (d) => {
      await d.open("/");
      await mounted(d);
      await d.visible("nav-today");
    },
  ],
  [
    "the service worker is active and controls the page",
    async (d) => {
      await d.waitFor(
        async () => !!(await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 1_000))]))?.active,
        { __opts: true, message: "an active service worker (serviceWorker.ready)" },
      );
      await d.reload();
      await mounted(d);
      const state = await d.waitFor(() => navigator.serviceWorker.controller?.state, { __opts: true, message: "a controller" });
      check(state === "activated", `controller state ${state}`);
    },
  ],
  [
    "set a start date: the count is right",
    async (d) => {
      await d.open("/");
      await mounted(d);
      // Nine calendar days before today, in the browser's own time zone.
      const start = await d.evaluate(() => {
        const t = new Date();
        t.setDate(t.getDate() - 9);
        const two = (n) => String(n).padStart(2, "0");
        return `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())}`;
      });
      await d.click("set-start");
      await d.fill("start-date", start);
      await d.click("save-start");
      await d.waitText("counter-days", /^9 days$/);
      await d.reload();
      await mounted(d);
      await d.waitText("counter-days", /^9 days$/);
    },
  ],
  [
    "a milestone shared from the celebration is drawn as a 1080 px PNG",
    async (d) => {
      // The counter of the flow before: its first milestone (24 hours) is celebrated again.
      await d.evaluate(() => {
        const doc = JSON.parse(localStorage.getItem("steady.counters"));
        for (const c of doc.data.list) delete c.celebrated;
        localStorage.setItem("steady.counters", JSON.stringify(doc));
      });
      await d.reload();
      await mounted(d);
      await d.visible("milestone-share");
      // The share sheet stands in for the person's: it reads the image it is given.
      await d.evaluate(() => {
        Object.defineProperty(navigator, "canShare", { configurable: true, value: (data) => !!data?.files });
        Object.defineProperty(navigator, "share", {
          configurable: true,
          value: async (data) => {
            const bitmap = await createImageBitmap(data.files[0]);
            window.sharedCard = `${data.files[0].type} ${bitmap.width}x${bitmap.height}`;
          },
        });
      });
      await d.click("milestone-share");
      await d.waitText("milestone-share-status", "Your milestone card is ready");
      const card = await d.evaluate(() => window.sharedCard);
      check(card === "image/png 1080x1080", `the card shared was ${card}`);
    },
  ],
  [
    "log a craving in three taps and see it in the Log",
    async (d) => {
      await d.open("/");
      await mounted(d);
      await d.click("log-craving"); // 1
      await d.click("trigger-stress"); // 2
      await d.click("craving-save"); // 3
      await d.waitFor(() => location.pathname === "/log", { __opts: true, message: "on /log" });
      await d.waitText("flash", "Craving saved");
      await d.waitText("log-entries log-entry", /5\/10 · Stress/);
      const n = await d.evaluate(() => document.querySelectorAll('[data-testid="log-entries"] [data-testid="log-entry"]').length);
      check(n === 1, `${n} entries in the Log, expected 1`);
    },
  ],
  [
    "Insights draws",
    async (d) => {
      await d.click("open-insights");
      await d.waitText("insights insights-summary", /Cravings logged\s*1(?!\d)/);
      const charts = await d.waitFor(
        () => {
          const svgs = [...document.querySelectorAll('[data-testid="insights"] svg')];
          const drawn = svgs.filter((s) => {
            const r = s.getBoundingClientRect();
            return r.width > 20 && r.height > 20 && s.querySelector("rect,path,line,circle,polyline");
          });
          return drawn.length;
        },
        { __opts: true, message: "a drawn chart" },
      );
      check(charts >= 1, "no chart drawn");
    },
  ],
  [
    "a breathing pacer runs (Cope)",
    async (d) => {
      await d.open("/cope");
      await mounted(d);
      const box = 'cope-card[data-strategy="box-breathing"]';
      await d.click(`${box} cope-start`);
      await d.click(`${box} start-breathing`);
      await d.visible(`${box} breathing-pacer`);
      await d.waitText(`${box} breathing-phase`, /^In$/);
      // Box breathing: four seconds in, then hold — in real time.
      await d.waitText(`${box} breathing-phase`, /^Hold$/, 8_000);
    },
  ],
  [
    "a plan item survives a reload",
    async (d) => {
      await d.open("/plan");
      await mounted(d);
      await d.fill("plan-section-reasons plan-new-text", "My kids");
      await d.click("plan-section-reasons plan-add-item");
      await d.waitText("plan-saved", "Saved");
      await d.reload();
      await mounted(d);
      await d.waitFor(
        () => [...document.querySelectorAll('[data-testid="plan-section-reasons"] [data-testid="plan-item-text"]')].some((t) => t.value === "My kids"),
        { __opts: true, message: "“My kids” back after reload" },
      );
    },
  ],
  [
    "a protected plan link: made on the plan, opened with its four words, nothing stored by opening it, then kept",
    async (d) => {
      await d.open("/plan");
      await mounted(d);
      await d.click("share-link");
      await d.visible("share-passphrase", 60_000);
      const { link, words } = await d.evaluate(() => ({
        link: document.querySelector('[data-testid="share-link-url"]').value,
        words: document.querySelector('[data-testid="share-passphrase"]').textContent,
      }));
      check(/\/shared#plan1\./.test(link) && !link.includes("My kids"), `the link reads ${link.slice(0, 60)}`);
      const keys = () => d.evaluate(() => Object.keys(localStorage).sort().join(","));
      const before = await keys();
      const url = new URL(link);
      await d.open(url.pathname + url.hash);
      await mounted(d);
      await d.fill("shared-passphrase", words.toUpperCase());
      await d.click("shared-unlock");
      await d.waitText("shared-plan", "My kids", 60_000);
      check((await d.evaluate(() => location.hash)) === "", "the plan is still in the address bar");
      check((await keys()) === before, "opening the link stored something");
      // Kept under People I support: stored, and listed there after a reload.
      await d.click("shared-keep");
      await d.visible("shared-kept", 30_000);
      const kept = await d.evaluate(() => localStorage.getItem("steady.supporting") ?? "");
      check(kept.includes("My kids"), "the kept plan isn't stored");
      await d.open("/supporting");
      await mounted(d);
      await d.click("supporting-open");
      await d.waitText("shared-plan", "My kids", 30_000);
    },
  ],
  [
    "Help has the tel: links",
    async (d) => {
      await d.open("/help");
      await mounted(d);
      for (const [line, href] of [
        ["helpline-us-emergency", "tel:911"],
        ["helpline-us-samhsa", "tel:+18006624357"],
        ["helpline-us-988", "tel:988"],
        ["helpline-us-poison", "tel:+18002221222"],
      ]) {
        await d.visible(`${line}`);
        const ok = await d.evaluate((l, h) => {
          const a = document.querySelector(`[data-testid="${l}"] a[href="${h}"]`);
          return !!a && a.getBoundingClientRect().height >= 24;
        }, line, href);
        check(ok, `${line} has no visible link to ${href}`);
      }
    },
  ],
  [
    "the overdose guide: the call first with its country named, changed in one tap; don't use alone",
    async (d) => {
      await d.open("/help/overdose");
      await mounted(d);
      await d.waitText("emergency-country", /Emergency number for United States: 911/);
      await d.waitText("use-alone-line", /Never Use Alone/);
      await d.click("region-change");
      await d.fill("region-change-select", "UK");
      await d.waitFor(() => document.querySelector('[data-testid="overdose-call"]')?.getAttribute("href") === "tel:999", {
        __opts: true,
        message: "the call button dials 999 after choosing the UK",
      });
      await d.waitText("use-alone-line", /ask someone you trust/);
      // Back to the US for the flows after this one.
      await d.click("region-change");
      await d.fill("region-change-select", "US");
      await d.waitText("emergency-country", /United States: 911/);
    },
  ],
  [
    "Spanish chosen in Settings applies at once and after a reload (988 in Spanish on Help), then English again",
    async (d) => {
      await d.open("/settings");
      await mounted(d);
      await d.fill("language-picker", "es");
      await d.waitText("nav-today", "Hoy");
      check((await d.evaluate(() => document.documentElement.lang)) === "es", "<html lang> didn't follow the choice");
      await d.reload();
      await mounted(d);
      await d.waitText("nav-today", "Hoy");
      await d.click("nav-help");
      await d.waitFor(
        () => document.querySelector('[data-testid="helpline-988-spanish-text"]')?.getAttribute("href") === "sms:988?&body=AYUDA",
        { __opts: true, message: "the 988 line offers AYUDA by text" },
      );
      await d.click("nav-settings");
      await d.fill("language-picker", "en");
      await d.waitText("nav-today", "Today");
      check((await d.evaluate(() => document.documentElement.lang)) === "en", "<html lang> didn't go back to en");
    },
  ],
  [
    "a daily check-in from Today in four taps, then its text for a sponsor; a journal entry survives a reload",
    async (d) => {
      await d.open("/");
      await mounted(d);
      await d.click("checkin-open"); // 1
      // The form is split off: its first fetch has once taken WebKit over 15 s on a loaded machine.
      await d.visible("checkin-mood-4", 45_000);
      await d.click("checkin-mood-4"); // 2
      await d.click("checkin-used-no"); // 3
      await d.click("checkin-save"); // 4
      await d.waitFor(() => location.pathname === "/", { __opts: true, message: "back on Today" });
      await d.waitText("checkin-done", /mood: good/);
      // The check-in text: shown whole before anything leaves; its choices remembered.
      await d.click("sponsor-checkin");
      await d.waitText("sponsor-checkin-message", /Mood: good\.$/);
      await d.click("sponsor-checkin-include-mood");
      await d.fill("sponsor-checkin-line", "Talk soon");
      await d.waitText("sponsor-checkin-message", /^(Clean time: \d+ days?\. )?Talk soon$/);
      await d.reload();
      await mounted(d);
      await d.click("sponsor-checkin");
      await d.waitText("sponsor-checkin-message", /^(Clean time: \d+ days?\. )?Talk soon$/);
      await d.visible("sponsor-checkin-share");
      await d.open("/checkin");
      await mounted(d);
      const checked = await d.waitFor(
        () => document.querySelectorAll('[data-testid="checkin-day"][data-checked="true"]').length,
        { __opts: true, message: "today checked in on the calendar" },
      );
      check(checked === 1, `${checked} days checked in on the calendar, expected 1`);
      await d.open("/journal");
      await mounted(d);
      await d.click("journal-new");
      await d.fill("journal-text", "A calm evening");
      await d.click("journal-save");
      await d.waitText("journal-entry", /A calm evening/);
      await d.reload();
      await mounted(d);
      await d.waitText("journal-entry", /A calm evening/);
    },
  ],
  [
    "medication added, then marked taken from Today with the counter unchanged; stopping brings the overdose-risk card",
    async (d) => {
      await d.open("/");
      await mounted(d);
      const days = await d.text("counter-days");
      await d.click("open-meds");
      await d.click("med-add");
      await d.fill("med-kind", "methadone");
      await d.fill("med-dose", "60 mg");
      await d.click("med-save");
      await d.waitText("med-item", /60 mg — every day/);
      await d.click("nav-today");
      await d.click("med-today med-taken");
      const clock = await engineClock(d);
      await d.waitText("med-taken-at", clock.en ? /^Taken at \d{1,2}:\d\d [AP]M$/ : /^Taken at \d\d:\d\d$/);
      check((await d.text("counter-days")) === days, "marking a dose taken changed the clean-time counter");
      await d.open("/meds");
      await mounted(d);
      await d.click("med-stop");
      await d.click("med-stop-confirm");
      await d.waitText("risk-card", /much higher overdose risk/);
      // Starting again asks first, with the dose field empty.
      await d.click("med-restart");
      await d.waitText("med-restart-confirm", /prescriber or clinic/);
      const dose = await d.evaluate(() => document.querySelector('[data-testid="med-restart-dose"]').value);
      check(dose === "", `the restart dose field starts with ${JSON.stringify(dose)}`);
      await d.click("med-restart-cancel");
    },
  ],
  [
    "a weekly appointment: changing only one time leaves the others, and the next one shows on Today",
    async (d) => {
      await d.open("/meds");
      await mounted(d);
      // Tomorrow and a week after, in the browser's own time zone.
      const [first, second] = await d.evaluate(() => {
        const two = (n) => String(n).padStart(2, "0");
        return [1, 8].map((ahead) => {
          const t = new Date();
          t.setDate(t.getDate() + ahead);
          return `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())}`;
        });
      });
      const clock = await engineClock(d);
      const [seven, half_past_eight] = [shown(clock.en, 19, 0), shown(clock.en, 20, 30)].map(escaped);
      await d.click("appt-add");
      await d.fill("appt-kind", "meeting");
      await d.fill("appt-title", "Tuesday group");
      await d.fill("appt-date", first);
      await d.fill("appt-time", "19:00");
      await d.fill("appt-repeat", "weekly");
      await d.click("appt-save");
      await d.waitText(`appt-item[data-date="${second}"]`, new RegExp(`${seven} — Tuesday group`));
      await d.click(`appt-item[data-date="${second}"] appt-edit`);
      await d.click("appt-this-one");
      await d.fill("appt-time", "20:30");
      await d.click("appt-save");
      await d.waitText(`appt-item[data-date="${second}"]`, new RegExp(`${half_past_eight} — Tuesday group`));
      await d.waitText(`appt-item[data-date="${first}"]`, new RegExp(`${seven} — Tuesday group`));
      await d.click("nav-today");
      await d.waitText("appt-next", new RegExp(`^Next appointment: .* ${seven} ?Tuesday group$`));
    },
  ],
  [
    "times on the engine's clock (12-hour on en-US), in English and after switching to Spanish and back",
    async (d) => {
      const clock = await engineClock(d);
      console.log(`      (navigator.languages[0] ${clock.tag}: English ${clock.en ? 12 : 24}-hour, Spanish ${clock.es ? 12 : 24}-hour)`);
      if (/^en-US$/i.test(clock.tag)) check(clock.en && clock.es, "Intl reports a 24-hour clock for en-US or es-US");
      await d.open("/");
      await mounted(d);
      const seven = shown(clock.en, 19, 0);
      await d.waitText("appt-next", new RegExp(`at ${escaped(seven)} ?Tuesday group$`));
      if (clock.en) await d.waitText("appt-next", / 7:00 PM ?Tuesday group$/);
      await d.open("/settings");
      await mounted(d);
      await d.fill("language-picker", "es");
      await d.waitFor(() => document.documentElement.lang === "es", { __opts: true, message: "<html lang=es>" });
      await d.waitText("nav-today", /^Hoy$/);
      await d.click("nav-today");
      // Spanish with the phone's region: "a las 7:00 p. m." on a US phone.
      await d.waitText("appt-next", new RegExp(`a las ${escaped(shown(clock.es, 19, 0, true))} ?Tuesday group$`));
      await d.click("nav-settings");
      await d.fill("language-picker", "en");
      await d.waitText("nav-today", /^Today$/);
      await d.click("nav-today");
      await d.waitText("appt-next", new RegExp(`at ${escaped(seven)} ?Tuesday group$`));
    },
  ],
  [
    "passcode lock on (Settings), reload, unlock: the data is back",
    async (d) => {
      await d.open("/settings");
      await mounted(d);
      await d.fill("lock-passcode", PASSCODE);
      await d.fill("lock-passcode-again", PASSCODE);
      await d.click("lock-set");
      await d.waitText("lock-status", "The lock is on", 60_000);
      const names = await d.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("steady.") && k !== "steady.lock"));
      const sealed = await d.evaluate((names) => names.map((k) => localStorage.getItem(k)), names);
      check(sealed.length > 0 && sealed.every((v) => v.startsWith("steady-aes-gcm:")), "not everything is stored encrypted");
      check(sealed.every((v) => v.startsWith("steady-aes-gcm:n:")), "not everything is compressed before it is encrypted, under its hidden name");
      check(names.every((k) => /^steady\.x-\d+\.[A-Za-z0-9+/]{20}$/.test(k)), `a stored name says what it holds: ${names.join(", ")}`);
      check(!JSON.stringify(sealed).includes("My kids"), "the plan is readable at rest");

      await d.reload();
      await d.visible("lock-screen", 20_000);
      const appShown = await d.evaluate(() => !!document.querySelector('[data-testid="plan-section-reasons"],[data-testid="counter-days"]'));
      check(!appShown, "data shown behind the lock screen");
      await d.fill("lock-screen unlock-input", PASSCODE);
      await d.click("lock-screen unlock-submit");
      await d.waitFor(() => !document.querySelector('[data-testid="lock-screen"]'), { __opts: true, timeout: 60_000, message: "unlocked" });
      // Within the app (a full load would lock again): Today's count, the Log and the plan.
      await d.click("nav-today");
      await d.waitText("counter-days", /^9 days$/);
      await d.click("nav-log");
      await d.waitText("log-entries log-entry", /Stress/);
      await d.click("nav-plan");
      await d.waitFor(
        () => [...document.querySelectorAll('[data-testid="plan-section-reasons"] [data-testid="plan-item-text"]')].some((t) => t.value === "My kids"),
        { __opts: true, message: "“My kids” back after unlocking" },
      );
    },
  ],
  [
    "lock on, storage full: a journal entry isn't reported saved, and is stored once there is room",
    async (d) => {
      await d.open("/journal");
      await d.visible("lock-screen", 20_000);
      await d.fill("lock-screen unlock-input", PASSCODE);
      await d.click("lock-screen unlock-submit");
      await d.waitFor(() => !document.querySelector('[data-testid="lock-screen"]'), { __opts: true, timeout: 60_000, message: "unlocked" });
      await d.click("journal-new");
      const documents = () => Object.keys(localStorage).filter((k) => k.startsWith("steady.x-")).length;
      const withoutDraft = await d.evaluate(documents);
      await d.fill("journal-text", "Kept when the phone is full");
      // One more document: the draft (its name doesn't say so).
      await d.waitFor((n) => Object.keys(localStorage).filter((k) => k.startsWith("steady.x-")).length > n, withoutDraft, { __opts: true, message: "the draft is kept" });
      await d.evaluate(() => {
        window.storeForReal = Storage.prototype.setItem;
        Storage.prototype.setItem = function () {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        };
      });
      await d.click("journal-save");
      await d.waitText("save-error", "Not saved");
      const kept = await d.evaluate(() => document.querySelector('[data-testid="journal-text"]')?.value);
      check(kept === "Kept when the phone is full", `the editor holds ${JSON.stringify(kept)} after a failed save`);
      await d.evaluate(() => {
        Storage.prototype.setItem = window.storeForReal;
      });
      await d.click("journal-save");
      await d.waitFor(() => !document.querySelector('[data-testid="journal-text"]') && !document.querySelector('[data-testid="save-error"]'), {
        __opts: true,
        message: "stored: the editor closes and the message goes",
      });
      await d.waitText("journal-entry", "Kept when the phone is full");
    },
  ],
  [
    "twenty years of heavy use, compressed and encrypted, open whole (the capacity the lock gives)",
    async (d) => {
      const documents = await TWENTY_YEARS_SEALED;
      await d.evaluate((documents) => {
        localStorage.clear();
        for (const [key, text] of documents) localStorage.setItem(key, text);
      }, documents);
      await d.open("/journal");
      await d.visible("lock-screen", 20_000);
      await d.fill("lock-screen unlock-input", PASSCODE);
      await d.click("lock-screen unlock-submit");
      await d.waitFor(() => !document.querySelector('[data-testid="lock-screen"]'), { __opts: true, timeout: 120_000, message: "unlocked" });
      await d.waitText("journal-count", /^6,000 entries$/, 60_000);
    },
  ],
];

// Checked by the runner after each flow (attributed to it) and once more at the end.
export const finalChecks = [
  ["no page errors", async (d) => d.pageErrors()],
  ["no request leaves 127.0.0.1", async (d) => d.outsideRequests()],
];
