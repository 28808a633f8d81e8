// Reading a site from an uploaded GeoJSON file. No DOM, no Leaflet: tested under node.

/**
 * The geometry to check from an uploaded GeoJSON object: a geometry, a Feature, or a
 * FeatureCollection (one feature: its geometry; several polygons: one MultiPolygon; several
 * lines: one MultiLineString; otherwise the first feature, with a warning).
 * Returns {geometry, crs, warning}.
 */
export function geometryFromUpload(obj) {
  if (!obj || typeof obj !== 'object') throw new Error('not-geojson');
  const crs = obj.crs || null;
  if (obj.type === 'Feature') return { geometry: obj.geometry, crs, warning: null };
  if (obj.type === 'FeatureCollection') {
    const geoms = (obj.features || []).map((f) => f && f.geometry).filter(Boolean);
    if (!geoms.length) throw new Error('empty');
    if (geoms.length === 1) return { geometry: geoms[0], crs, warning: null };
    const types = new Set(geoms.map((g) => g.type.replace(/^Multi/, '')));
    if (types.size === 1 && (types.has('Polygon') || types.has('LineString') || types.has('Point'))) {
      const single = [...types][0];
      const coordinates = geoms.flatMap((g) => (g.type.startsWith('Multi') ? g.coordinates : [g.coordinates]));
      return { geometry: { type: `Multi${single}`, coordinates }, crs, warning: null };
    }
    return { geometry: geoms[0], crs, warning: 'firstOnly' };
  }
  if (typeof obj.type === 'string' && (obj.coordinates || obj.geometries)) return { geometry: obj, crs, warning: null };
  throw new Error('not-geojson');
}

/** True for a file name the page reads itself as GeoJSON; other site files go to the server. */
export function isGeoJsonName(name) {
  return /\.(geo)?json$/i.test(String(name || ''));
}

/** True when every coordinate looks like longitude/latitude (else it is in a projected CRS). */
export function looksGeographic(geometry) {
  let ok = true;
  const visit = (c) => {
    if (!ok) return;
    if (typeof c[0] === 'number') {
      if (Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90) ok = false;
    } else c.forEach(visit);
  };
  if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => { if (ok) ok = looksGeographic(g); });
  else visit(geometry.coordinates || []);
  return ok;
}
