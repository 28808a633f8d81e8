// CGCS2000 Gauss–Krüger coordinates against GDAL: the reference figures below are
// `gdaltransform -s_srs EPSG:4490 -t_srs EPSG:4547 -output_xy` (GDAL 3.6.2) of the same points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { toGaussKruger, zoneOf } from '../js/gauss-kruger.js';

const proj4 = createRequire(import.meta.url)('../vendor/proj4-2.22.0/proj4.js');

const GDAL_4547 = [
  // lon, lat, easting, northing
  [114.02, 32.98, 501869.485888275, 3650530.1351045], // Zhumadian centre (crs.md: E 501 869, N 3 650 530)
  [114, 33, 500000, 3652748.04307509], // on the central meridian
  [113.1, 32.3, 415232.735635245, 3575475.03448391], // the city's south-west corner
  [115.2, 33.6, 611381.851030393, 3719939.4560151], // its north-east corner
  [112.6, 32.5, 368426.958497536, 3598161.82964916], // near the zone's west edge
  [115.45, 33.5, 634743.354262128, 3709143.67161807], // near its east edge
];

test('lon/lat → EPSG:4547 agrees with GDAL within a millimetre across Zhumadian', () => {
  for (const [lon, lat, e, n] of GDAL_4547) {
    const gk = toGaussKruger(proj4, lon, lat);
    assert.equal(gk.epsg, 4547);
    assert.equal(gk.zone, 38);
    assert.ok(Math.abs(gk.y - e) < 0.001, `${lon},${lat}: easting ${gk.y} vs ${e}`);
    assert.ok(Math.abs(gk.x - n) < 0.001, `${lon},${lat}: northing ${gk.x} vs ${n}`);
  }
});

test('a position in the next zone gets that zone (EPSG:4548, CM 117°E), as GDAL computes it', () => {
  const gk = toGaussKruger(proj4, 117.3, 33.0);
  assert.equal(gk.epsg, 4548);
  assert.ok(Math.abs(gk.y - 528036.016955347) < 0.001);
  assert.ok(Math.abs(gk.x - 3652788.0187787) < 0.001);
});

test('zones: 3° zones 25–45 only (CGCS2000 covers China)', () => {
  assert.deepEqual(zoneOf(114.02), { zone: 38, cm: 114, epsg: 4547 });
  assert.equal(zoneOf(75).epsg, 4534);
  assert.equal(zoneOf(135).epsg, 4554);
  assert.equal(zoneOf(0), null);
  assert.equal(toGaussKruger(proj4, -70, 40), null);
});
