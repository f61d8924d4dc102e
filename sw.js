// OpsBrief's service worker: after the first visit the page opens and works with the network off.
// It caches only the page's own files (the list Trunk's post-build hook writes to
// precache.json), answers same-origin GET requests from that cache first, and never contacts any
// other origin: a request elsewhere is not even seen, and the CSP forbids it anyway.
const PRECACHE_LIST = "./precache.json";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch(PRECACHE_LIST, { cache: "no-store" });
      const { version, files } = await response.json();
      const cache = await caches.open(`opsbrief-${version}`);
      await cache.addAll(["./", ...files]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const response = await caches.match(PRECACHE_LIST).then((r) => r ?? fetch(PRECACHE_LIST, { cache: "no-store" }));
      const { version } = await response.clone().json();
      for (const name of await caches.keys()) {
        if (name.startsWith("opsbrief-") && name !== `opsbrief-${version}`) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      // ignoreSearch: the page's files never depend on a query string.
      const cached = await caches.match(request, { ignoreSearch: true });
      if (cached) return cached;
      try {
        return await fetch(request);
      } catch (error) {
        // Offline and not cached: a navigation still gets the page itself.
        if (request.mode === "navigate") {
          const page = await caches.match("./");
          if (page) return page;
        }
        throw error;
      }
    })(),
  );
});
