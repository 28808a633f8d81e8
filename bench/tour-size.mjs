// Measures what "download for offline" fetches for a tour: the same URL list as web/js/tour.js
// (assets, the tour document, every photo, every zone layer's vector tiles from tour-tiles.js and,
// when the server keeps a basemap offline, the basemap tiles — all through the link), summed.
//
//   PROJMAP_ADMIN_PASSWORD=… node bench/tour-size.mjs http://127.0.0.1:7530 [stops=30] [basemapPort]
//
// Signs in as admin (tours need a planner), creates a tour of `stops` projects spread through the
// register, publishes it, fetches everything 6 at a time and prints files, bytes and seconds.
// With `basemapPort`, it also serves a raster stand-in basemap there for the run: 256 px PNG tiles
// of our own layers drawn by /api/map.png — start the server with
//   PROJMAP_BASEMAP=http://127.0.0.1:{basemapPort}/{z}/{x}/{y}.png PROJMAP_TOUR_BASEMAP_OFFLINE=true
import http from 'node:http';
import { tourTiles, tileUrl } from '../web/js/tour-tiles.js';

const base = process.argv[2] || 'http://127.0.0.1:7530';
const n = Number(process.argv[3] || 30);
const basemapPort = Number(process.argv[4] || 0);
const password = process.env.PROJMAP_ADMIN_PASSWORD;
if (!password) throw new Error('set PROJMAP_ADMIN_PASSWORD (the server\'s admin password)');

let cookie = '';
let csrf = '';
const json = async (path, init = {}) => {
  const r = await fetch(base + path, { ...init, headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf, ...(init.headers || {}) } });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  const setCookie = r.headers.get('set-cookie');
  if (setCookie) cookie = setCookie.split(';')[0];
  return r.json();
};
const post = (path, body) => json(path, { method: 'POST', body: JSON.stringify(body) });
csrf = (await post('/api/auth/login', { username: 'admin', password })).csrfToken;

let server = null;
if (basemapPort) {
  // z/x/y → the tile's lon/lat box → our own map as a 256 px PNG
  const lon = (x, z) => (x / 2 ** z) * 360 - 180;
  const lat = (y, z) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;
  server = http.createServer(async (req, res) => {
    const m = req.url.match(/^\/(\d+)\/(\d+)\/(\d+)\.png$/);
    if (!m) { res.writeHead(404).end(); return; }
    const [z, x, y] = m.slice(1).map(Number);
    const bbox = [lon(x, z), lat(y + 1, z), lon(x + 1, z), lat(y, z)].join(',');
    const r = await fetch(`${base}/api/map.png?bbox=${bbox}&width=256&height=256`, { headers: { Cookie: cookie } });
    res.writeHead(r.status, { 'Content-Type': 'image/png' }).end(Buffer.from(await r.arrayBuffer()));
  }).listen(basemapPort, '127.0.0.1');
}

const features = (await json('/api/projects')).features;
const step = Math.floor(features.length / n);
const stops = Array.from({ length: n }, (_, i) => ({ projectId: features[i * step].id, notes: `第${i + 1}站汇报要点` }));
const tour = await post('/api/tours', { title: `${n} 站测量`, stops });
const link = await post(`/api/tours/${tour.id}/publish`, {});
cookie = '';
const doc = await json(`/api/tour/${link.token}`);
const own = (rel) => `/api/tour/${link.token}/${rel}`;
const tiles = tourTiles(doc);
const urls = [link.url, `/api/tour/${link.token}`, '/tour.webmanifest', '/tour-icon.svg', '/css/tour.css', '/js/tour.js',
  '/js/tour-tiles.js', '/js/tour-notes.js', '/js/dom.js', '/js/i18n.js', '/js/format.js', '/i18n/zh-CN.json', '/i18n/en.json',
  '/vendor/leaflet-1.9.4/leaflet.css', '/vendor/leaflet-1.9.4/leaflet.js', '/vendor/leaflet.vectorgrid-1.3.0/Leaflet.VectorGrid.bundled.min.js'];
for (const s of doc.stops) for (const p of s.photos || []) urls.push(own(p.thumbnail), own(p.image));
for (const l of doc.layers) for (const t of tiles) urls.push(own(tileUrl(l.tiles, t)));
const basemapOffline = !!(doc.basemap && doc.basemap.offline);
if (basemapOffline) for (const t of tiles) urls.push(own(tileUrl(doc.basemap.tiles, t)));
const started = performance.now();
const bytes = { vector: 0, basemap: 0, other: 0 };
let failed = 0;
const it = urls.values();
await Promise.all(Array.from({ length: 6 }, async () => {
  for (const u of it) {
    const r = await fetch(base + u);
    if (!r.ok) failed++;
    const size = (await r.arrayBuffer()).byteLength;
    bytes[u.includes('/tiles/') ? 'vector' : u.includes('/basemap/') ? 'basemap' : 'other'] += size;
  }
}));
if (server) server.close();
const s = (performance.now() - started) / 1000;
const total = bytes.vector + bytes.basemap + bytes.other;
const mb = (b) => +(b / 1048576).toFixed(2);
console.log(JSON.stringify({ stops: doc.stops.length, layers: doc.layers.length, tilesPerLayer: tiles.length, basemapOffline,
  files: urls.length, failed, bytes: total, mb: mb(total), vectorMb: mb(bytes.vector), basemapMb: mb(bytes.basemap),
  otherMb: mb(bytes.other), seconds: +s.toFixed(1) }));
