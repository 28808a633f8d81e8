import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tileOf, tilesOf, tourTiles, grow, nearestStop, distanceM, MIN_ZOOM, MAX_ZOOM } from '../js/tour-tiles.js';

test('tileOf matches the XYZ scheme', () => {
  assert.deepEqual(tileOf(0, 0, 1), { x: 1, y: 1 });
  assert.deepEqual(tileOf(-180, 85, 0), { x: 0, y: 0 });
  // Zhumadian (114.02 E, 33.01 N) at z10
  assert.deepEqual(tileOf(114.02, 33.01, 10), { x: 836, y: 412 });
});

test('a tour takes its area from z10 to z13 and each stop from z14 to z17, once each', () => {
  const stop = (lon, lat) => ({ center: [lon, lat], geometry: { type: 'Point', coordinates: [lon, lat] } });
  const tour = { bbox: [114.0, 33.0, 114.05, 33.02], stops: [stop(114.0, 33.0), stop(114.05, 33.02), stop(114.05, 33.02)] };
  const tiles = tourTiles(tour);
  const zooms = new Set(tiles.map((t) => t.z));
  assert.deepEqual([...zooms].sort((a, b) => a - b), [10, 11, 12, 13, 14, 15, 16, 17]);
  assert.equal(new Set(tiles.map((t) => `${t.z}/${t.x}/${t.y}`)).size, tiles.length);
  const z17 = tiles.filter((t) => t.z === MAX_ZOOM).length;
  // two distinct stops, each ±600 m: about 6×6 tiles each at z17
  assert.ok(z17 >= 2 * 16 && z17 <= 2 * 64, String(z17));
  assert.ok(tiles.filter((t) => t.z === MIN_ZOOM).length <= 4);
});

test('grow widens a box by metres', () => {
  const g = grow([114, 33, 114, 33], 1000);
  assert.ok(Math.abs(distanceM(g[0], 33, 114, 33) - 1000) < 5);
  assert.ok(Math.abs(distanceM(114, g[1], 114, 33) - 1000) < 5);
});

test('the nearest stop and its distance', () => {
  const stops = [{ center: [114.0, 33.0] }, { center: null }, { center: [114.1, 33.0] }];
  const n = nearestStop(stops, 114.09, 33.0);
  assert.equal(n.index, 2);
  assert.ok(Math.abs(n.distanceM - 933) < 5, String(n.distanceM));
  assert.equal(tilesOf([114, 33, 114, 33], 5).length, 1);
});
