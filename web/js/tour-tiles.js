// Which map tiles a tour needs offline. Pure functions (no DOM), tested by web/test/tour-tiles.test.mjs.
//
// The tour area is not the tour's bounding box at every zoom: 30 stops spread over a city make a
// box of ~30 km, which at z17 is ~14,000 tiles per layer. Leaders look at the whole route from far
// and at each site from close, so: zooms 10–13 cover the box of all stops (with a margin), zooms
// 14–17 cover each stop's own geometry with STOP_MARGIN_M around it. That keeps a 30-stop tour
// well under the 60 MB budget.

export const MIN_ZOOM = 10;
export const DETAIL_ZOOM = 14;
export const MAX_ZOOM = 17;
export const AREA_MARGIN_M = 1000;
export const STOP_MARGIN_M = 600;

const M_PER_DEG_LAT = 111320;

/** XYZ tile (Web Mercator) containing lon/lat at zoom z. */
export function tileOf(lon, lat, z) {
  const n = 2 ** z;
  const clampedLat = Math.max(-85.05112878, Math.min(85.05112878, lat));
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (clampedLat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** [w, s, e, n] grown by `m` metres on every side. */
export function grow(bbox, m) {
  const [w, s, e, n] = bbox;
  const dLat = m / M_PER_DEG_LAT;
  const midLat = ((s + n) / 2) * (Math.PI / 180);
  const dLon = m / (M_PER_DEG_LAT * Math.max(0.01, Math.cos(midLat)));
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}

/** Every tile {z,x,y} of bbox [w,s,e,n] at zoom z. */
export function tilesOf(bbox, z) {
  const [w, s, e, n] = bbox;
  const a = tileOf(w, n, z);
  const b = tileOf(e, s, z);
  const out = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
  return out;
}

/** The bbox [w,s,e,n] of a GeoJSON geometry (or null). */
export function geometryBbox(g) {
  if (!g) return null;
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]);
    } else c.forEach(visit);
  };
  if (g.type === 'GeometryCollection') g.geometries.forEach((x) => { const b = geometryBbox(x); if (b) { visit([b[0], b[1]]); visit([b[2], b[3]]); } });
  else visit(g.coordinates);
  return box[0] === Infinity ? null : box;
}

/**
 * The tiles {z,x,y} a tour needs: its whole area at MIN_ZOOM…DETAIL_ZOOM-1, the surroundings of each
 * stop at DETAIL_ZOOM…MAX_ZOOM. No duplicates.
 */
export function tourTiles(tour) {
  const seen = new Set();
  const out = [];
  const add = (t) => {
    const k = `${t.z}/${t.x}/${t.y}`;
    if (!seen.has(k)) { seen.add(k); out.push(t); }
  };
  if (tour.bbox) {
    const area = grow(tour.bbox, AREA_MARGIN_M);
    for (let z = MIN_ZOOM; z < DETAIL_ZOOM; z++) tilesOf(area, z).forEach(add);
  }
  for (const stop of tour.stops || []) {
    const b = geometryBbox(stop.geometry) || (stop.center ? [stop.center[0], stop.center[1], stop.center[0], stop.center[1]] : null);
    if (!b) continue;
    const around = grow(b, STOP_MARGIN_M);
    for (let z = DETAIL_ZOOM; z <= MAX_ZOOM; z++) tilesOf(around, z).forEach(add);
  }
  return out;
}

/** Fills an XYZ template such as `/tiles/farmland/{z}/{x}/{y}.mvt`. */
export function tileUrl(template, t) {
  return template.replace('{z}', t.z).replace('{x}', t.x).replace('{y}', t.y);
}

/** Great-circle distance in metres (a sphere is plenty for "nearest stop, 1.2 km"). */
export function distanceM(lon1, lat1, lon2, lat2) {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The stop nearest to lon/lat: {index, distanceM}, or null when no stop has a position. */
export function nearestStop(stops, lon, lat) {
  let best = null;
  stops.forEach((s, i) => {
    if (!s.center) return;
    const d = distanceM(lon, lat, s.center[0], s.center[1]);
    if (!best || d < best.distanceM) best = { index: i, distanceM: d };
  });
  return best;
}

/**
 * The stop whose surroundings lon/lat is in, for opening its card on arrival: within `radiusM` of
 * its centre, or inside its geometry's box. The next stop after `current` wins when two qualify
 * (sites can be neighbours); the current stop itself never counts. Null when none.
 */
export function arrivedAt(stops, lon, lat, radiusM, current) {
  const inside = (s) => {
    if (!s.center) return false;
    if (distanceM(lon, lat, s.center[0], s.center[1]) <= radiusM) return true;
    const b = geometryBbox(s.geometry);
    return !!b && lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
  };
  const order = stops.map((_, i) => (current + 1 + i) % stops.length);
  for (const i of order) if (i !== current && inside(stops[i])) return i;
  return null;
}
