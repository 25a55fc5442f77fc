/* The demo build's service worker: MSW's worker, plus an offline copy of the page itself.
 * The build writes the list of files to keep into PRECACHE below (vite.config.ts).
 * Same-origin GET requests (the page, its scripts and styles) are answered here, from the network
 * when there is one and from the cache when there is not; everything else, the mock homeserver's
 * traffic included, goes on to MSW's handlers below. */
const CACHE = 'matrix-signup-demo-__VERSION__';
const PRECACHE = __PRECACHE__;

/** Cached last, once every file of PRECACHE is: what the offline demo waits for (e2e). */
const OFFLINE_READY = './demo-offline-ready';
let precaching;

/**
 * The offline copy is made in the background, after the worker has taken over: holding `install`
 * until 109 files were fetched held every demo page's start (and every mock-mode e2e test) for
 * 1.5–1.7 s. Started again by a later navigation when a stopped worker left it unfinished.
 */
function precache() {
  precaching ??= caches.open(CACHE).then(async (cache) => {
    if (await cache.match(OFFLINE_READY)) return;
    await cache.addAll(PRECACHE);
    await cache.put(OFFLINE_READY, new Response(''));
  });
  return precaching.catch(() => {
    precaching = undefined;
  });
}

self.addEventListener('install', (event) => {
  // The page itself, so that a reload offline right away still finds it.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add('./')));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith('matrix-signup-demo-') && key !== CACHE).map((key) => caches.delete(key)),
        ),
      )
      .then(() => {
        void precache();
      }),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.endsWith('/mockServiceWorker.js') || url.pathname.endsWith('/demo-worker.js')) return;
  // MSW's listener below must not answer the same request a second time.
  event.stopImmediatePropagation();
  if (event.request.mode === 'navigate') event.waitUntil(precache());
  event.respondWith(respond(event.request));
});

const fromCache = async (request) => {
  const cached = await caches.match(request, { ignoreSearch: request.mode === 'navigate', ignoreVary: true });
  return cached ?? (request.mode === 'navigate' ? caches.match('./') : undefined);
};

/** Network first, so a new deploy shows; the cache when offline, or when the network is too slow (lie-fi). */
async function respond(request) {
  if (!self.navigator.onLine) return (await fromCache(request)) ?? Response.error();
  const network = fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      // A page is kept under its path alone: an invite's token or an OAuth answer in the address
      // must not become a cache key (security review I7); `fromCache` ignores the query anyway.
      const key = request.mode === 'navigate' ? new URL(request.url).pathname : request;
      void caches.open(CACHE).then((cache) => cache.put(key, copy));
    }
    return response;
  });
  const slow = new Promise((resolve) => setTimeout(resolve, 4000));
  try {
    const first = await Promise.race([network, slow]);
    if (first) return first;
    return (await fromCache(request)) ?? (await network);
  } catch {
    return (await fromCache(request)) ?? Response.error();
  }
}

// MSW's worker unregisters itself when its last page says it is closing (CLIENT_CLOSED, sent on
// `beforeunload`). A page that navigates (the panel's scenario switch, a reload) is its own last
// client: once the unregistration wins the race with the next navigation, that navigation goes to
// the network, which offline is Chrome's "No internet" page (audit item 12). The demo's worker is
// meant to stay, so that message stops here; MSW only forgets the closed page's ID later.
self.addEventListener('message', (event) => {
  if (event.data === 'CLIENT_CLOSED') event.stopImmediatePropagation();
});

importScripts('./mockServiceWorker.js');
