// The measure tool's geodesic numbers, with the vendored GeographicLib loaded as the page does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
globalThis.window = globalThis.window || {};
window.geodesic = require('../vendor/geographiclib-geodesic-2.2.0/geographiclib-geodesic.min.js');
const { lineLength, polygonArea, measure } = await import('../js/geodesy.js');

test('one degree of longitude along the equator is 111 319.49 m on WGS84', () => {
  assert.ok(Math.abs(lineLength([[0, 0], [1, 0]]) - 111319.491) < 0.01);
});

test('a 0.01° square at Zhumadian has the ellipsoidal area (≈ 1.04 km²), holes subtracted', () => {
  const outer = [[114, 33], [114.01, 33], [114.01, 33.01], [114, 33.01], [114, 33]];
  const area = polygonArea([outer]);
  // Reference: planar approximation a·b with a = 0.01° lon at 33°N, b = 0.01° lat (≈ 1 110.9 m × 934.0 m)
  assert.ok(area > 1.03e6 && area < 1.045e6, String(area));
  const reversed = polygonArea([[...outer].reverse()]);
  assert.ok(Math.abs(area - reversed) < 1e-6, 'orientation does not matter');
  const hole = [[114.004, 33.004], [114.006, 33.004], [114.006, 33.006], [114.004, 33.006], [114.004, 33.004]];
  assert.ok(polygonArea([outer, hole]) < area);
  assert.equal(measure({ type: 'MultiPolygon', coordinates: [[outer], [outer]] }).areaM2, 2 * area);
});
