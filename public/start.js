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
//   same rule as the app (src/domain/i18n.rs, `Lang::from_browser`). Its
//   Spanish is in index.html's `data-es` (text) and `data-es-label` attributes.
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
  function t(en, sp) {
    return es ? sp : en;
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
      var texts = document.querySelectorAll("[data-es]");
      for (var i = 0; i < texts.length; i++) {
        // The English is kept for the app, which swaps back if the person picks English.
        texts[i].setAttribute("data-en", texts[i].textContent);
        texts[i].textContent = texts[i].getAttribute("data-es");
      }
      var labels = document.querySelectorAll("[data-es-label]");
      for (var j = 0; j < labels.length; j++) labels[j].setAttribute("aria-label", labels[j].getAttribute("data-es-label"));
      var manifest = document.querySelector("link[data-es-href]");
      if (manifest) manifest.href = manifest.getAttribute("data-es-href");
    });
  }

  if (framed) {
    whenParsed(function () {
      document.body.innerHTML =
        '<main class="main" data-testid="framed-notice"><section class="page">' +
        "<h1>" + t("Open Steady on its own", "Abre Steady por separado") + "</h1>" +
        "<p>" + t("This page shows Steady inside another website. To keep what you store in it safe, Steady only works when it is opened on its own.", "Esta página muestra Steady dentro de otro sitio web. Para proteger lo que guardas, Steady solo funciona cuando lo abres por separado.") + "</p>" +
        '<div class="actions"><a class="button" target="_blank" rel="noopener" data-testid="framed-open">' + t("Open Steady", "Abrir Steady") + "</a></div>" +
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
        '<div class="actions"><button type="button" class="button" data-testid="startup-reload">' + t("Reload", "Recargar") + "</button></div>" +
        "<p>" + t("The helplines below work without it.", "Las líneas de ayuda de abajo funcionan sin él.") + "</p>";
      notice.querySelector("h2").textContent = heading;
      var lines = notice.querySelectorAll("p");
      lines[0].textContent = what;
      lines[1].textContent = tryThis;
      notice.querySelector("button").addEventListener("click", function () {
        location.reload();
      });
      var main = shell.querySelector("main");
      main.insertBefore(notice, main.firstChild);
    });
  }

  if (noWasm) {
    failed(
      t("Steady can't start in this browser", "Steady no puede iniciarse en este navegador"),
      t(
        "This browser has WebAssembly turned off, and Steady needs it. On an iPhone or iPad, Lockdown Mode turns it off.",
        "Este navegador tiene WebAssembly desactivado, y Steady lo necesita. En un iPhone o iPad, el Modo de Aislamiento lo desactiva.",
      ),
      t(
        "To use Steady with Lockdown Mode on, exclude this site: in Safari tap aA › Website Settings and turn off Lockdown Mode here, or go to Settings › Privacy & Security › Lockdown Mode › Configure Web Browsing. Then reload.",
        "Para usar Steady con el Modo de Aislamiento activado, excluye este sitio: en Safari toca aA › Configuración del sitio web y desactiva aquí el Modo de Aislamiento, o ve a Configuración › Privacidad y seguridad › Modo de Aislamiento › Configurar la navegación web. Luego recarga la página.",
      ),
    );
    return;
  }
  var broken = function () {
    failed(
      t("Steady couldn't start", "Steady no pudo iniciarse"),
      t("Steady's code didn't download, or it couldn't start.", "El código de Steady no se descargó o no pudo iniciarse."),
      t(
        "Check your connection and reload. If it keeps happening, an update of your browser may help.",
        "Revisa tu conexión y recarga la página. Si sigue pasando, actualizar el navegador puede ayudar.",
      ),
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
      t("Steady is taking a long time to start", "Steady está tardando mucho en iniciarse"),
      t("It still hasn't opened.", "Todavía no se ha abierto."),
      t("A slow connection can do this. Wait a little longer, or reload.", "Puede pasar con una conexión lenta. Espera un poco más o recarga la página."),
    );
  }, 30000);
})();
