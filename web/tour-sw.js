// Service worker of the tablet tour (/tour/{token}). Scope: tour/ — it controls tour pages only.
//
// What the page downloads for offline use lives in caches named projmap-tour-{token prefix}-{time},
// one per download (the page fills them itself, so that it can show progress, and deletes a
// tour's older copies once a new one is complete). This worker answers from the newest copy that
// has the file:
//   - tiles, photos, scripts, styles, dictionaries: cache first (a tour is a day's outing), except
//     for requests made with cache: 'no-cache' or 'reload' — the page's download — which go to
//     the network, so that "download again" really fetches every file anew;
//   - the tour document and the page itself: network first with a short timeout, then the cache,
//     so a tablet online sees today's talking points and a tablet in airplane mode still opens.
// Requests the cache does not have go to the network unchanged.
const CACHE_PREFIX = 'projmap-tour-';
const NETWORK_TIMEOUT_MS = 2500;

self.addEventListener('install', () => self.skipWaiting());
// the single cache of the first version, replaced by one cache per download
self.addEventListener('activate', (event) => event.waitUntil(
  caches.delete('projmap-tour-offline-v1').then(() => self.clients.claim())));

/** The response from the newest offline copy that has it (names end with the download time). */
async function fromCache(request) {
  const names = (await caches.keys()).filter((n) => n.startsWith(CACHE_PREFIX)).sort().reverse();
  for (const name of names) {
    const hit = await caches.match(request, { cacheName: name, ignoreVary: true });
    if (hit) return hit;
  }
  return undefined;
}

function networkFirst(request) {
  return new Promise((resolve) => {
    let settled = false;
    const fallback = async () => {
      if (settled) return;
      const cached = await fromCache(request);
      if (cached) {
        settled = true;
        resolve(cached);
      }
    };
    const timer = setTimeout(fallback, NETWORK_TIMEOUT_MS);
    fetch(request).then((response) => {
      clearTimeout(timer);
      if (settled) return;
      if (response.ok || response.status === 401 || response.status === 404 || response.status === 410) {
        settled = true;
        resolve(response);
      } else {
        fallback().then(() => { if (!settled) { settled = true; resolve(response); } });
      }
    }).catch(async () => {
      clearTimeout(timer);
      await fallback();
      if (!settled) {
        settled = true;
        resolve(Response.error());
      }
    });
  });
}

async function cacheFirst(request) {
  const cached = await fromCache(request);
  return cached || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.cache === 'no-cache' || request.cache === 'reload') {
    event.respondWith(fetch(request).catch(() => fromCache(request).then((r) => r || Response.error())));
  } else if (request.mode === 'navigate' || /\/api\/tour\/[^/]+$/.test(url.pathname)) {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
