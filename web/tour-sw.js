// Service worker of the tablet tour (/tour/{token}). Scope: tour/ — it controls tour pages only.
//
// What the page downloads for offline use lives in the cache OFFLINE_CACHE (the page fills it
// itself, so that it can show progress). This worker answers from it:
//   - tiles, scripts, styles, dictionaries: cache first (they are versioned by ETag on the server
//     and a tour is a day's outing; the page's "download again" refreshes them);
//   - the tour document and the page itself: network first with a short timeout, then the cache,
//     so a tablet online sees today's talking points and a tablet in airplane mode still opens.
// Requests the cache does not have go to the network unchanged.
const OFFLINE_CACHE = 'projmap-tour-offline-v1';
const NETWORK_TIMEOUT_MS = 2500;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

function networkFirst(request) {
  return new Promise((resolve) => {
    let settled = false;
    const fallback = async () => {
      if (settled) return;
      const cached = await caches.match(request, { cacheName: OFFLINE_CACHE, ignoreVary: true });
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
  const cached = await caches.match(request, { cacheName: OFFLINE_CACHE, ignoreVary: true });
  return cached || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' || url.pathname.includes('/api/tour/')) {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
