// Steady's service worker: keeps every file of one build in a cache so the app
// opens instantly and works offline. scripts/post-build.mjs fills in the build
// version and file list after each Trunk build (the file names carry hashes).
const BUILD = "__STEADY_BUILD__";
const FILES = ["__STEADY_FILES__"];
const RELEASE = "__STEADY_RELEASE__" === "true";
const CACHE = "steady-" + BUILD;
const INDEX = "__STEADY_INDEX__";

// A tap on one of Steady's notifications (shown by the app when it is opened
// with something due) brings Steady forward, or opens it.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((open) => {
      const tab = open.find((c) => "focus" in c);
      return tab ? tab.focus() : self.clients.openWindow("/");
    }),
  );
});

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
  // An update must not pull files from under a tab still running the build
  // before it: that tab fetches a screen's code when the screen is first opened,
  // and the host may already have removed the old files. So older builds' caches
  // stay (and answer) for as long as an open tab runs them.
  //
  // Which build each open tab runs, as { clientId: build cache name }, is kept
  // in a cache of its own (not named "steady-…": those are builds), because a
  // worker can be stopped and restarted at any moment, losing its variables.
  const TABS = "steady.tabs";
  const TABS_KEY = "/__steady-tabs";
  let tabs = null; // the map, once read
  let queue = Promise.resolve(); // one change of the map at a time
  const isBuild = (key) => key.startsWith("steady-");

  /** Runs `change` on the map; saves it if `change` returns true. */
  function withTabs(change) {
    queue = queue.then(async () => {
      const store = await caches.open(TABS);
      if (!tabs) {
        const saved = await store.match(TABS_KEY);
        tabs = saved ? await saved.json() : {};
      }
      if (await change(tabs)) await store.put(TABS_KEY, new Response(JSON.stringify(tabs)));
    }).catch(() => {});
    return queue;
  }

  function remember(clientId, build) {
    if (!clientId) return Promise.resolve();
    return withTabs((map) => map[clientId] !== build && ((map[clientId] = build), true));
  }

  // Forgets closed tabs, and deletes the caches of older builds that no open tab
  // runs. A tab whose build isn't known (opened before a worker that records it,
  // or bypassing the worker) keeps them all: they go on a later fetch, once it has
  // been closed or reloaded. Nothing goes while a new version is installing or
  // waiting: its cache is not an old build.
  let oldBuildsMayRemain = true;
  function tidy() {
    return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((open) =>
      withTabs(async (map) => {
        const live = new Set(open.map((client) => client.id));
        const closed = Object.keys(map).filter((id) => !live.has(id));
        for (const id of closed) delete map[id];
        const registration = self.registration;
        if (oldBuildsMayRemain && !registration.installing && !registration.waiting) {
          const unknown = [...live].some((id) => !(id in map));
          const used = new Set(Object.values(map));
          const old = (await caches.keys()).filter((key) => isBuild(key) && key !== CACHE);
          const unused = unknown ? [] : old.filter((key) => !used.has(key));
          await Promise.all(unused.map((key) => caches.delete(key)));
          oldBuildsMayRemain = unused.length < old.length;
        }
        return closed.length > 0;
      }),
    );
  }

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
    event.waitUntil(tidy().then(() => self.clients.claim()));
  });

  /** A file of this build, or else of an older build a tab may still run. */
  async function lookUp(request, navigate) {
    const own = await caches.open(CACHE);
    const hit = await own.match(request, { ignoreSearch: navigate });
    if (hit || navigate) return { hit, build: CACHE };
    for (const key of (await caches.keys()).filter((k) => isBuild(k) && k !== CACHE)) {
      const old = await (await caches.open(key)).match(request);
      if (old) return { hit: old, build: key };
    }
    return {};
  }

  self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    // Every route is the same single page: answer navigations with this build's index.html.
    const navigate = request.mode === "navigate";
    const found = lookUp(navigate ? INDEX : request, navigate);
    // Never a rejected answer (Firefox then fails the page's load outright): a cache that
    // can't be read falls back to the network, and a network fetch that fails (seen in
    // Firefox while a new page fetches many split-off modules at once) is tried once more.
    const network = () => fetch(request).catch(() => fetch(request));
    event.respondWith(found.catch(() => ({})).then(({ hit }) => hit || network()));
    // A new page runs this build; a tab fetching a build's own files (each build's
    // wasm and glue sit in a pkg-<hash>/ folder of their own) runs that build.
    event.waitUntil(
      found
        .then(({ build }) => {
          if (navigate) return remember(event.resultingClientId, CACHE);
          if (build && /\/pkg-[0-9a-f]+\//.test(url.pathname)) return remember(event.clientId, build);
        })
        .then(() => navigate || tidy())
        .catch(() => {}),
    );
  });
}
