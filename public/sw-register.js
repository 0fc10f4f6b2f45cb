// Registers the service worker and offers "Update available — reload" when a
// new version has been downloaded, instead of swapping files under a running page.
(function () {
  if (!("serviceWorker" in navigator)) return;
  var banner = document.getElementById("update-banner");

  navigator.serviceWorker.register("/sw.js").then(function (registration) {
    function offerUpdate() {
      // Only an update if a version is already running this page.
      if (registration.waiting && navigator.serviceWorker.controller) banner.hidden = false;
    }
    offerUpdate();
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed") offerUpdate();
      });
    });
    banner.querySelector("button").addEventListener("click", function () {
      if (!registration.waiting) { location.reload(); return; }
      navigator.serviceWorker.addEventListener("controllerchange", function () {
        location.reload();
      }, { once: true });
      registration.waiting.postMessage("skip-waiting");
    });
    // Look for a new version whenever the app comes back to the foreground.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") registration.update().catch(function () {});
    });
  }).catch(function () {
    // Without a service worker the app still works online; nothing to tell the person.
  });
})();
