// Steady's service worker: keeps every file of one build in a cache so the app
// opens instantly and works offline. scripts/precache.mjs fills in the build
// version and file list after each Trunk build (the file names carry hashes).
const BUILD = "__STEADY_BUILD__";
const FILES = ["__STEADY_FILES__"];
const RELEASE = "__STEADY_RELEASE__" === "true";
const CACHE = "steady-" + BUILD;
const INDEX = "__STEADY_INDEX__";

if (!RELEASE) {
  // Development builds change all the time: don't cache, and remove any
  // release worker left over from an earlier visit on this address.
  self.addEventListener("install", () => self.skipWaiting());
  self.addEventListener("activate", (event) => {
    event.waitUntil(
      caches.keys()
        .then((keys) => Promise.all(keys.map((key) => caches.delete(key))))
        .then(() => self.registration.unregister()),
    );
  });
} else {
  self.addEventListener("install", (event) => {
    // `reload` so the HTTP cache can't slip an older file into this build's cache.
    event.waitUntil(
      caches.open(CACHE).then((cache) =>
        cache.addAll(FILES.map((url) => new Request(url, { cache: "reload" }))),
      ),
    );
    // No skipWaiting here: a new version waits until the person chooses to reload.
  });

  self.addEventListener("message", (event) => {
    if (event.data === "skip-waiting") self.skipWaiting();
  });

  self.addEventListener("activate", (event) => {
    event.waitUntil(
      caches.keys()
        .then((keys) =>
          Promise.all(
            keys
              .filter((key) => key.startsWith("steady-") && key !== CACHE)
              .map((key) => caches.delete(key)),
          ),
        )
        .then(() => self.clients.claim()),
    );
  });

  self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    // Every route is the same single page: answer navigations with this build's index.html.
    const key = request.mode === "navigate" ? INDEX : request;
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(key, { ignoreSearch: request.mode === "navigate" }).then(
          (cached) => cached || fetch(request),
        ),
      ),
    );
  });
}
