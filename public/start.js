// Runs before the app, as a plain script in <head> (the strict CSP allows no
// inline script), so that the static shell never just waits:
// - Inside another site's frame Steady doesn't start: the page says so, with a
//   link to open Steady on its own. A frame could otherwise dress Steady's
//   buttons (delete everything…) up as something else. Hosts should also send
//   `frame-ancestors 'none'` and `X-Frame-Options: DENY` (README, Hosting).
// - If Steady can't start (no WebAssembly, as under iOS Lockdown Mode; its code
//   fails to download, compile or start; or it still hasn't started after a
//   long wait), the shell says so (`startup-failed`) above its helplines.
// - The shell speaks the person's language: the one chosen in Settings
//   (`steady-language`, kept in the clear for this), or the phone's, by the
//   same rule as the app (src/domain/i18n.rs, `Lang::from_browser`). Elements
//   of index.html marked `data-t` (text) or `data-t-label` (aria-label) are
//   looked up in public/shell-es.js, which only Spanish readers download.
// The loader in index.html starts the app only without `data-no-app` on <html>.
(function () {
  var root = document.documentElement;
  var lang = null;
  try {
    lang = localStorage.getItem("steady-language");
  } catch (e) {}
  if (lang !== "en" && lang !== "es") {
    lang = "en";
    var preferred = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < preferred.length; i++) {
      var primary = String(preferred[i]).toLowerCase().split(/[-_]/)[0];
      if (primary === "es" || primary === "en") {
        lang = primary;
        break;
      }
    }
  }
  var es = lang === "es";
  root.lang = lang;
  // The Spanish for this page, only when it's needed: public/shell-es.js sets
  // `steadyEs` (English → Spanish) before anything below is shown.
  if (es) document.write('<script src="/shell-es.js"></script>');
  function t(en) {
    return (es && window.steadyEs && window.steadyEs[en]) || en;
  }
  var framed;
  try {
    framed = window.top !== window.self;
  } catch (e) {
    framed = true; // a browser that won't even compare: treat as framed
  }
  var noWasm = typeof WebAssembly !== "object";
  if (framed || noWasm) root.setAttribute("data-no-app", "");

  function whenParsed(then) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", then);
    else then();
  }

  if (es) {
    whenParsed(function () {
      var texts = document.querySelectorAll("[data-t]");
      for (var i = 0; i < texts.length; i++) texts[i].textContent = t(texts[i].textContent);
      var labels = document.querySelectorAll("[data-t-label]");
      for (var j = 0; j < labels.length; j++) labels[j].setAttribute("aria-label", t(labels[j].getAttribute("aria-label")));
      var manifest = document.querySelector("link[data-es-href]");
      if (manifest) manifest.href = manifest.getAttribute("data-es-href");
    });
  }

  // The country stored in the clear (settings without a passcode; with one, the
  // lock record) puts its emergency number and crisis line first: index.html
  // marks them `data-r` (hidden if not shown without a country).
  whenParsed(function () {
    var r, i, first;
    try {
      r = JSON.parse(localStorage.getItem("steady.lock")).data.region;
    } catch (e) {}
    try {
      r = JSON.parse(localStorage.getItem("steady.settings")).data.region || r;
    } catch (e) {}
    if (!/^[A-Z]{2}$/.test(r)) return; // a safe selector; codes not in index.html match nothing
    first = document.querySelectorAll("[data-r~=" + r + "]");
    for (i = 0; i < first.length; i++) {
      first[i].hidden = false;
      first[i].parentNode.insertBefore(first[i], first[i].parentNode.firstChild);
    }
  });

  if (framed) {
    whenParsed(function () {
      document.body.innerHTML =
        '<main class="main" data-testid="framed-notice"><section class="page">' +
        "<h1>" + t("Open Steady on its own") + "</h1>" +
        "<p>" + t("This page shows Steady inside another website. To keep what you store in it safe, Steady only works when it is opened on its own.") + "</p>" +
        '<div class="actions"><a class="button" target="_blank" rel="noopener" data-testid="framed-open">' + t("Open Steady") + "</a></div>" +
        "</section></main>";
      document.querySelector("[data-testid=framed-open]").href = location.href;
    });
    return;
  }

  var shown = false;
  function failed(heading, what, tryThis) {
    whenParsed(function () {
      var shell = document.getElementById("shell");
      if (shown || !shell) return; // already said, or the app is running
      shown = true;
      var notice = document.createElement("section");
      notice.className = "page";
      notice.setAttribute("data-testid", "startup-failed");
      notice.setAttribute("role", "alert");
      notice.innerHTML =
        "<h2></h2><p></p><p></p>" +
        '<div class="actions"><button type="button" class="button" data-testid="startup-reload">' + t("Reload") + "</button></div>" +
        "<p>" + t("The helplines below work without it.") + "</p>";
      notice.querySelector("h2").textContent = t(heading);
      var lines = notice.querySelectorAll("p");
      lines[0].textContent = t(what);
      lines[1].textContent = t(tryThis);
      notice.querySelector("button").addEventListener("click", function () {
        location.reload();
      });
      var main = shell.querySelector("main");
      main.insertBefore(notice, main.firstChild);
    });
  }

  if (noWasm) {
    failed(
      "Steady can't start in this browser",
      "This browser has WebAssembly turned off, and Steady needs it. On an iPhone or iPad, Lockdown Mode turns it off.",
      "To use Steady with Lockdown Mode on, exclude this site: in Safari tap aA › Website Settings and turn off Lockdown Mode here, or go to Settings › Privacy & Security › Lockdown Mode › Configure Web Browsing. Then reload.",
    );
    return;
  }
  var broken = function () {
    failed(
      "Steady couldn't start",
      "Steady's code didn't download, or it couldn't start.",
      "Check your connection and reload. If it keeps happening, an update of your browser may help.",
    );
  };
  // Before the app runs, any error is one of starting it (a failed download shows up as
  // an error on the <script> or <link>, which only a listener in the capture phase hears).
  window.addEventListener("error", function (event) {
    var from = event.target;
    var code = from === window || (from && (from.tagName === "SCRIPT" || /preload/.test(from.rel || "")));
    if (code && document.getElementById("shell")) broken();
  }, true);
  window.addEventListener("unhandledrejection", function () {
    if (document.getElementById("shell")) broken();
  });
  setTimeout(function () {
    failed(
      "Steady is taking a long time to start",
      "It still hasn't opened.",
      "A slow connection can do this. Wait a little longer, or reload.",
    );
  }, 30000);

  // For the app (src/components/language.rs): the locale the reader reads in (the app's
  // language with the region of the phone's first language: Spanish on an en-US phone is
  // es-US), and how it writes a time and numbers, as "es-US|h12|10,000.5|1,000" (the tag,
  // the clock's hour cycle, and 10000.5 and 1000 as written). Here rather than in the
  // wasm, where the Intl bindings cost more of the first download.
  window.steadyConventions = function (lang) {
    var phone = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    var region = String(phone).split(/[-_]/).slice(1).filter(function (part) {
      return /^([A-Za-z]{2}|[0-9]{3})$/.test(part);
    })[0];
    var tag = lang.split("-")[0] + (region ? "-" + region.toUpperCase() : "");
    try {
      var time = new Intl.DateTimeFormat(tag, { hour: "numeric" }).resolvedOptions();
      var numbers = new Intl.NumberFormat(tag);
      var cycle = time.hourCycle || (time.hour12 ? "h12" : "h23");
      return [tag, cycle, numbers.format(10000.5), numbers.format(1000)].join("|");
    } catch (e) {
      return tag;
    }
  };
})();
