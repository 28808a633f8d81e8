// Unit tests for the front end's pure modules: run with `node --test web/test/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseFilter, writeFilter, applyFilter, matches, suggest, representativePoint, normaliseProjects,
  computeStats, progress, statusToken,
} from '../js/model.js';

const fc = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 1, geometry: { type: 'Point', coordinates: [114.02, 32.98] },
      properties: { name: '人民路改造工程', code: 'ZMD-001', category: 'roads', status: 'under_construction', district: '驿城区', department: '市住建局', totalInvestment: 1000, annualPlanInvestment: 400, completedInvestment: 100, planYear: 2017 } },
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[114, 33], [114.01, 33], [114.02, 33]] },
      properties: { id: 2, name: '开源大道', code: 'ZMD-002', category: 'roads', status: 'completed', district: '开发区', department: '市交通局', totalInvestment: '2500', annualPlanInvestment: 500, completedInvestment: 500, planYear: 2016 } },
    { type: 'Feature', id: 3, geometry: { type: 'Polygon', coordinates: [[[114, 33], [114.01, 33], [114.01, 33.01], [114, 33.01], [114, 33]]] },
      properties: { name: '<img src=x onerror=alert(1)>', code: 'ZMD-003', category: 'parks', status: 'planned', district: '驿城区', department: '市园林局', totalInvestment: 300, annualPlanInvestment: 0, completedInvestment: 0, planYear: 2017 } },
    { type: 'Feature', geometry: null, properties: { name: 'no id' } },
  ],
};

test('projects are normalised: ids from feature or properties, numbers parsed, a point for every geometry', () => {
  const ps = normaliseProjects(fc);
  assert.equal(ps.length, 3);
  assert.deepEqual(ps.map((p) => p.id), ['1', '2', '3']);
  assert.equal(ps[1].props.totalInvestment, 2500);
  assert.deepEqual(ps[0].point, [114.02, 32.98]);
  assert.deepEqual(ps[1].point, [114.01, 33]);
  assert.ok(Math.abs(ps[2].point[0] - 114.005) < 1e-9 && Math.abs(ps[2].point[1] - 33.005) < 1e-9);
});

test('a C-shaped polygon gets a marker on its ring, not in the hole of its bounding box', () => {
  const ring = [[0, 0], [3, 0], [3, 1], [1, 1], [1, 2], [3, 2], [3, 3], [0, 3], [0, 0]];
  const p = representativePoint({ type: 'Polygon', coordinates: [ring] });
  assert.deepEqual(p, [0, 0]);
});

test('the filter round-trips through the URL query', () => {
  const f = parseFilter('?category=roads,parks&status=completed&invMin=100&q=%E4%BA%BA%E6%B0%91&lang=en');
  assert.deepEqual(f, { category: ['roads', 'parks'], status: ['completed'], invMin: 100, q: '人民' });
  const params = writeFilter(f, new URLSearchParams('lang=en&project=3'));
  assert.equal(params.get('category'), 'roads,parks');
  assert.equal(params.get('lang'), 'en');
  assert.equal(params.get('project'), '3');
  assert.deepEqual(parseFilter(params), f);
});

test('filtering by category, status, year, investment range and text', () => {
  const ps = normaliseProjects(fc);
  assert.equal(applyFilter(ps, {}).length, 3);
  assert.equal(applyFilter(ps, { category: ['roads'] }).length, 2);
  assert.equal(applyFilter(ps, { category: ['roads'], status: ['completed'] }).length, 1);
  assert.equal(applyFilter(ps, { planYear: ['2017'] }).length, 2);
  assert.equal(applyFilter(ps, { invMin: 500, invMax: 2000 }).length, 1);
  assert.equal(applyFilter(ps, { q: 'zmd-00 人民' }).length, 1);
  assert.ok(matches(ps[2], { q: '<img' }));
});

test('suggestions put exact and prefix matches first', () => {
  const ps = normaliseProjects(fc);
  assert.deepEqual(suggest(ps, 'ZMD-002').map((p) => p.id), ['2']);
  assert.deepEqual(suggest(ps, 'zmd').map((p) => p.id).length, 3);
  assert.deepEqual(suggest(ps, '   '), []);
});

test('stats summed from projects follow the /api/stats shape and the started rule', () => {
  const s = computeStats(normaliseProjects(fc));
  assert.equal(s.projects, 3);
  assert.equal(s.totalInvestment, 3800);
  assert.equal(s.started, 2);
  assert.equal(s.completed, 1);
  assert.deepEqual(s.byCategory.map((r) => [r.key, r.projects]), [['roads', 2], ['parks', 1]]);
  assert.equal(s.byStatus.length, 5);
});

test('progress is completed over total, clamped; unknown totals give null', () => {
  assert.equal(progress({ completedInvestment: 50, totalInvestment: 200 }), 0.25);
  assert.equal(progress({ completedInvestment: 500, totalInvestment: 200 }), 1);
  assert.equal(progress({ completedInvestment: 5, totalInvestment: 0 }), null);
  assert.equal(statusToken('under_construction'), 'under_construction');
  assert.equal(statusToken('x" onmouseover="'), 'other');
});

test('an uploaded FeatureCollection of polygons becomes one MultiPolygon; projected files are recognised', async () => {
  const { geometryFromUpload, looksGeographic } = await import('../js/geojson.js');
  const sq = (x) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[x, 33], [x + 0.01, 33], [x + 0.01, 33.01], [x, 33]]] } });
  const r = geometryFromUpload({ type: 'FeatureCollection', features: [sq(114), sq(114.1)] });
  assert.equal(r.geometry.type, 'MultiPolygon');
  assert.equal(r.geometry.coordinates.length, 2);
  assert.equal(geometryFromUpload({ type: 'Point', coordinates: [114, 33] }).geometry.type, 'Point');
  const mixed = geometryFromUpload({ type: 'FeatureCollection', features: [sq(114), { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] } }] });
  assert.equal(mixed.warning, 'firstOnly');
  assert.throws(() => geometryFromUpload({ hello: 1 }));
  assert.ok(looksGeographic(r.geometry));
  assert.ok(!looksGeographic({ type: 'Point', coordinates: [38500000, 3650000] }));
});

test('GeoJSON files are read on the page; shapefile zips, KML and others go to the server', async () => {
  const { isGeoJsonName } = await import('../js/geojson.js');
  for (const n of ['site.geojson', 'SITE.JSON', '用地.geojson']) assert.ok(isGeoJsonName(n), n);
  for (const n of ['site.zip', 'site.kml', 'site.kmz', 'site.gpkg', 'site.json.zip', '', null]) assert.ok(!isGeoJsonName(n), String(n));
});

test('the dashboard sends /api/stats the parts of the map filter it understands', async () => {
  const { statsQuery } = await import('../js/model.js');
  assert.equal(statsQuery(parseFilter('category=roads,parks&status=completed&invMin=10&q=路')),
    new URLSearchParams('category=roads,parks&status=completed&q=路').toString());
  assert.equal(statsQuery(parseFilter('planYear=2017')), 'planYear=2017');
  assert.equal(statsQuery(parseFilter('planYear=2016,2017')), '', 'the API takes one plan year');
  assert.equal(statsQuery({}), '');
});

test('colouring by status, category or site-check verdict; unchecked projects counted as such', async () => {
  const { colouring, countByKey, verdictsById, CATEGORIES, CATEGORY_COLOURS } = await import('../js/model.js');
  const projects = normaliseProjects(fc).filter((p) => p.props.category);
  const byStatus = colouring('status');
  assert.equal(byStatus.colour('completed'), '#009E73');
  assert.equal(byStatus.token('completed'), 'status-completed');
  const byCategory = colouring('category');
  assert.deepEqual(countByKey(byCategory, projects).roads, 2);
  assert.equal(new Set(CATEGORIES.map((c) => CATEGORY_COLOURS[c])).size, CATEGORIES.length, 'a colour per category');
  const verdicts = verdictsById({ projects: [{ id: 1, overall: 'fail' }, { id: 3, overall: 'pass' }, { id: 9, overall: 'bogus' }] });
  assert.equal(verdicts.get('9'), 'unchecked');
  const byVerdict = colouring('compliance', verdicts);
  const counts = countByKey(byVerdict, projects);
  assert.deepEqual([counts.pass, counts.warn, counts.fail, counts.unchecked], [1, 0, 1, 1]);
  assert.equal(byVerdict.token('fail'), 'verdict-fail');
  assert.equal(colouring('nonsense').mode, 'status');
});

test('the verdict filter: parsed and written with the URL, unknown verdicts dropped, applied with the verdicts', async () => {
  const { dashboardQuery, needsVerdicts, verdictsById, statsQuery } = await import('../js/model.js');
  const f = parseFilter('verdict=fail,unchecked,bogus&status=completed');
  assert.deepEqual(f.verdict, ['fail', 'unchecked']);
  assert.equal(writeFilter(f).get('verdict'), 'fail,unchecked');
  assert.deepEqual(parseFilter(writeFilter(f).toString()), f);
  assert.equal(parseFilter('verdict=bogus').verdict, undefined, 'a filter of nothing known is no filter');
  assert.ok(needsVerdicts(parseFilter('verdict=pass')));
  assert.ok(!needsVerdicts(parseFilter('status=completed')));

  const projects = normaliseProjects(fc);
  const verdicts = verdictsById({ projects: [{ id: 1, overall: 'fail' }, { id: 2, overall: 'pass' }, { id: 3, overall: null }] });
  const ids = (filter) => applyFilter(projects, filter, verdicts).map((p) => p.id);
  assert.deepEqual(ids(parseFilter('verdict=fail')), ['1']);
  assert.deepEqual(ids(parseFilter('verdict=unchecked')), ['3'], 'a project the summary has not checked');
  assert.deepEqual(ids(parseFilter('verdict=pass,fail&category=roads')), ['1', '2']);
  assert.deepEqual(ids(parseFilter('verdict=pass&status=under_construction')), []);
  // a project missing from the summary is not checked
  assert.deepEqual(applyFilter(projects, parseFilter('verdict=unchecked'), new Map()).map((p) => p.id), ['1', '2', '3']);
  // without the verdicts a verdict filter lets nothing through, never everything
  assert.deepEqual(applyFilter(projects, parseFilter('verdict=fail')), []);
  assert.equal(applyFilter(projects, parseFilter('category=roads')).length, 2, 'other filters need no verdicts');

  // the stats API does not take it; the dashboard link carries it
  assert.equal(statsQuery(parseFilter('verdict=fail&status=completed')), 'status=completed');
  assert.equal(dashboardQuery(parseFilter('verdict=fail&status=completed&invMin=5')), 'status=completed&verdict=fail');
  assert.equal(dashboardQuery({}), '');
});

test('one verdict loader per page: fetched once for every user, again only after a failure', async () => {
  const { createVerdictLoader } = await import('../js/model.js');
  let calls = 0;
  let fail = true;
  const loader = createVerdictLoader(async () => {
    calls += 1;
    if (fail) throw new Error('503');
    return { projects: [{ id: 7, overall: 'warn' }] };
  });
  await assert.rejects(loader.load());
  assert.equal(loader.loaded, null);
  fail = false;
  const [a, b] = await Promise.all([loader.load(), loader.load()]);
  assert.equal(calls, 2, 'one fetch for both users after the failed one');
  assert.equal(a, b);
  assert.equal(a.verdicts.get('7'), 'warn');
  await loader.load();
  assert.equal(calls, 2);
  assert.equal(loader.loaded, a);
});

test('the compliance overview counts the filtered projects and sums their restricted land like the server', async () => {
  const { complianceOverview, verdictsById, M2_PER_MU } = await import('../js/model.js');
  const projects = normaliseProjects(fc);
  const summary = { projects: [
    { id: 1, overall: 'fail', restrictedAreaM2: 1000.5 },
    { id: 2, overall: 'pass', restrictedAreaM2: 0 },
    { id: 3, overall: null, restrictedAreaM2: null },
    { id: 99, overall: 'fail', restrictedAreaM2: 5000 }, // not among the filtered projects
  ] };
  const o = complianceOverview(projects, summary, verdictsById(summary));
  assert.deepEqual(o.counts, { pass: 1, warn: 0, fail: 1, unchecked: 1 });
  assert.equal(o.projects, 3);
  assert.equal(o.restrictedAreaM2, 1000.5);
  assert.equal(o.restrictedAreaMu, Math.round((1000.5 / M2_PER_MU) * 100) / 100);
  assert.equal(o.restrictedAreaMu, 1.5);
  const none = complianceOverview([], summary, verdictsById(summary));
  assert.deepEqual([none.projects, none.restrictedAreaMu], [0, 0]);
});
