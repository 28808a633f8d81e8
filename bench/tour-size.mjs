// Measures what "download for offline" fetches for a tour: the same URL list as web/js/tour.js
// (assets, tour document, /api/layers, every zone layer's vector tiles from tour-tiles.js), summed.
//   node bench/tour-size.mjs http://127.0.0.1:7070 [stops=30]
// Creates a tour of `stops` projects spread through the register, publishes it, fetches everything
// 6 at a time and prints files, bytes and seconds.
import { tourTiles, tileUrl } from '../web/js/tour-tiles.js';

const base = process.argv[2] || 'http://127.0.0.1:7070';
const n = Number(process.argv[3] || 30);
const json = async (path, init) => {
  const r = await fetch(base + path, init);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
};
const features = (await json('/api/projects')).features;
const step = Math.floor(features.length / n);
const stops = Array.from({ length: n }, (_, i) => ({ projectId: features[i * step].id, notes: `第${i + 1}站汇报要点` }));
const post = (path, body) => json(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const tour = await post('/api/tours', { title: `${n} 站测量`, stops });
const link = await post(`/api/tours/${tour.id}/publish`, {});
const doc = await json(`/api/tour/${link.token}`);
const catalogue = await json('/api/layers');
const layers = (Array.isArray(catalogue) ? catalogue : catalogue.layers).filter((e) => e.kind !== 'projects' && (e.urls?.tiles || e.tiles));
const tiles = tourTiles(doc);
const urls = [link.url, `/api/tour/${link.token}`, '/api/layers', '/tour.webmanifest', '/tour-icon.svg', '/css/tour.css', '/js/tour.js',
  '/js/tour-tiles.js', '/js/dom.js', '/js/i18n.js', '/js/format.js', '/i18n/zh-CN.json', '/i18n/en.json',
  '/vendor/leaflet-1.9.4/leaflet.css', '/vendor/leaflet-1.9.4/leaflet.js', '/vendor/leaflet.vectorgrid-1.3.0/Leaflet.VectorGrid.bundled.min.js'];
for (const l of layers) for (const t of tiles) urls.push(tileUrl(l.urls?.tiles || l.tiles, t));
const started = performance.now();
let bytes = 0;
let failed = 0;
const it = urls.values();
await Promise.all(Array.from({ length: 6 }, async () => {
  for (const u of it) {
    const r = await fetch(base + u);
    if (!r.ok) failed++;
    bytes += (await r.arrayBuffer()).byteLength;
  }
}));
const s = (performance.now() - started) / 1000;
console.log(JSON.stringify({ stops: doc.stops.length, layers: layers.length, tilesPerLayer: tiles.length, files: urls.length, failed,
  bytes, mb: +(bytes / 1048576).toFixed(2), seconds: +s.toFixed(1) }));
