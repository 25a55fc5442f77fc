/* The demo build's service worker: MSW's worker, plus an offline copy of the page itself.
 * The build writes the list of files to keep into PRECACHE below (vite.config.ts).
 * Same-origin GET requests (the page, its scripts and styles) are answered here, from the network
 * when there is one and from the cache when there is not; everything else, the mock homeserver's
 * traffic included, goes on to MSW's handlers below. */
const CACHE = 'matrix-signup-demo-__VERSION__';
const PRECACHE = __PRECACHE__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith('matrix-signup-demo-') && key !== CACHE).map((key) => caches.delete(key)),
        ),
      ),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.endsWith('/mockServiceWorker.js') || url.pathname.endsWith('/demo-worker.js')) return;
  // MSW's listener below must not answer the same request a second time.
  event.stopImmediatePropagation();
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(event.request, {
          ignoreSearch: event.request.mode === 'navigate',
          ignoreVary: true,
        });
        return cached ?? (event.request.mode === 'navigate' ? caches.match('./') : Response.error());
      }),
  );
});

importScripts('./mockServiceWorker.js');
