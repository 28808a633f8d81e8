// CGCS2000 Gauss–Krüger coordinates (3° zones, no zone prefix: EPSG:4534–4554) of a lon/lat, by
// proj4js. Zhumadian lies wholly in zone 38, CM 114°E = EPSG:4547 (shared/domain/crs.md); a
// position elsewhere gets its own zone. proj4js (42 KB gzipped) is loaded only when the planner
// asks for these coordinates, so the map page does not carry it otherwise.

const PROJ4_SRC = 'vendor/proj4-2.22.0/proj4.js';

/** The 3° zone of a longitude (zone n has its central meridian at 3n°E), and its EPSG code. */
export function zoneOf(lon) {
  const zone = Math.round(lon / 3);
  // EPSG:4534 is CGCS2000 / 3-degree Gauss-Kruger CM 75E (zone 25) … EPSG:4554 is CM 135E (zone 45)
  if (zone < 25 || zone > 45) return null;
  return { zone, cm: zone * 3, epsg: 4534 + zone - 25 };
}

/** PROJ text of a zone, as GDAL's EPSG database gives it (CGCS2000 ≈ GRS80 ellipsoid). */
export function projText(cm) {
  return `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

/**
 * lon/lat (CGCS2000) → {zone, epsg, x: northing, y: easting} in metres, Chinese survey order
 * (X north, Y east), or null outside China's zones. `proj4` is the library object.
 */
export function toGaussKruger(proj4, lon, lat) {
  const z = zoneOf(lon);
  if (!z || !Number.isFinite(lat) || Math.abs(lat) > 84) return null;
  const [east, north] = proj4('+proj=longlat +ellps=GRS80 +no_defs', projText(z.cm), [lon, lat]);
  return { zone: z.zone, epsg: z.epsg, x: north, y: east };
}

let loading = null;

/** Loads the vendored proj4js once (a classic script that sets window.proj4). */
export function loadProj4() {
  if (window.proj4) return Promise.resolve(window.proj4);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = PROJ4_SRC;
      s.onload = () => resolve(window.proj4);
      s.onerror = () => {
        loading = null;
        reject(new Error(`cannot load ${PROJ4_SRC}`));
      };
      document.head.appendChild(s);
    });
  }
  return loading;
}
