// Geodesic lengths and areas on the WGS84 ellipsoid with GeographicLib (vendored as the global
// `geodesic`), the same method the server uses, so a measured area matches the site report.
// Coordinates are GeoJSON order [lon, lat].

function geod() {
  return window.geodesic.Geodesic.WGS84;
}

/** Length in metres of a LineString's coordinates. */
export function lineLength(coords) {
  if (!coords || coords.length < 2) return 0;
  const line = geod().Polygon(true);
  for (const [lon, lat] of coords) line.AddPoint(lat, lon);
  return line.Compute(false, true).perimeter;
}

/** Area in m² of one ring (orientation ignored; closing vertex optional). */
function ringArea(ring) {
  const pts = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]
    ? ring.slice(0, -1) : ring;
  if (pts.length < 3) return 0;
  const poly = geod().Polygon(false);
  for (const [lon, lat] of pts) poly.AddPoint(lat, lon);
  return Math.abs(poly.Compute(false, true).area);
}

/** Area in m² of a Polygon's rings (holes subtracted). */
export function polygonArea(rings) {
  if (!rings || !rings.length) return 0;
  return Math.max(0, ringArea(rings[0]) - rings.slice(1).reduce((s, r) => s + ringArea(r), 0));
}

/** {areaM2, lengthM} of any GeoJSON geometry: area for polygons, length for lines. */
export function measure(geometry) {
  const out = { areaM2: 0, lengthM: 0 };
  if (!geometry) return out;
  const c = geometry.coordinates;
  switch (geometry.type) {
    case 'LineString': out.lengthM = lineLength(c); break;
    case 'MultiLineString': out.lengthM = c.reduce((s, l) => s + lineLength(l), 0); break;
    case 'Polygon': out.areaM2 = polygonArea(c); out.lengthM = lineLength(c[0]); break;
    case 'MultiPolygon':
      out.areaM2 = c.reduce((s, p) => s + polygonArea(p), 0);
      out.lengthM = c.reduce((s, p) => s + lineLength(p[0]), 0);
      break;
    case 'GeometryCollection':
      for (const g of geometry.geometries || []) {
        const m = measure(g);
        out.areaM2 += m.areaM2;
        out.lengthM += m.lengthM;
      }
      break;
    default:
      break;
  }
  return out;
}
