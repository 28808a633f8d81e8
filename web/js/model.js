// Projects as the front end sees them: normalised from GeoJSON features, filtered by the state
// kept in the URL query, and summed up the way /api/stats does (for the dashboard fallback).
// No DOM and no Leaflet here, so node's test runner can load it.

import { toNum } from './format.js';

/** Status codes in lifecycle order (projmap.projects.ProjectStatus). */
export const STATUSES = ['planned', 'preparing', 'under_construction', 'completed', 'suspended'];

/** Category codes in programme order (projmap.projects.Category). */
export const CATEGORIES = [
  'roads', 'water_system', 'parks', 'sanitation', 'pipelines', 'sponge_city',
  'renewal', 'public_services', 'streetscape', 'transport_hubs', 'heritage',
];

/** Statuses that count as 已开工 (ProjectStatus.started()). */
export const STARTED = new Set(['under_construction', 'suspended', 'completed']);

/**
 * Status colours from the Okabe–Ito palette, which stays distinguishable with the common
 * colour-vision deficiencies; the markers also differ in shape (see app.css) so colour is not
 * the only cue.
 */
export const STATUS_COLOURS = {
  planned: '#999999',
  preparing: '#56B4E9',
  under_construction: '#E69F00',
  completed: '#009E73',
  suspended: '#D55E00',
};
export const OTHER_COLOUR = '#CC79A7';

export function statusColour(status) {
  return STATUS_COLOURS[status] || OTHER_COLOUR;
}

// ---- Colouring: the map colours projects by status (default), category or site-check verdict ----

export const COLOUR_MODES = ['status', 'category', 'compliance'];

/**
 * Eleven categories need eleven colours: Paul Tol's "muted" scheme (9, colour-blind safe) plus
 * two of his "bright" ones; the category is also in every label, so colour is not the only cue.
 */
export const CATEGORY_COLOURS = {
  roads: '#332288', water_system: '#88CCEE', parks: '#117733', sanitation: '#999933', pipelines: '#44AA99',
  sponge_city: '#4477AA', renewal: '#CC6677', public_services: '#AA4499', streetscape: '#DDCC77',
  transport_hubs: '#882255', heritage: '#EE6677',
};

/** Site-check verdicts (GET /api/checks/summary `overall`), then projects not (yet) checked. */
export const VERDICTS = ['pass', 'warn', 'fail', 'unchecked'];
export const VERDICT_COLOURS = { pass: '#009E73', warn: '#E69F00', fail: '#D55E00', unchecked: '#BBBBBB' };

/** project id (string) → verdict, from the summary's rows. */
export function verdictsById(summary) {
  const out = new Map();
  for (const r of (summary && summary.projects) || []) {
    if (r && r.id !== undefined && r.id !== null) out.set(String(r.id), VERDICTS.includes(r.overall) ? r.overall : 'unchecked');
  }
  return out;
}

/**
 * One loader of the verdicts per page, shared by whatever needs them first (the colouring, the
 * filter, the dashboard's overview): the summary is fetched once — cold, the server checks every
 * project, which takes seconds — and fetched again only after a failure.
 * `fetchSummary` answers GET /api/checks/summary's body. load() → {summary, verdicts}.
 */
export function createVerdictLoader(fetchSummary) {
  let pending = null;
  let loaded = null;
  return {
    load() {
      if (!pending) {
        pending = Promise.resolve().then(fetchSummary).then((summary) => {
          loaded = { summary, verdicts: verdictsById(summary) };
          return loaded;
        }, (e) => {
          pending = null; // the next use tries again
          throw e;
        });
      }
      return pending;
    },
    /** The loaded result, or null while nothing has arrived. */
    get loaded() {
      return loaded;
    },
  };
}

/** Counts of each verdict among `projects`, and the restricted land they take (m², 亩) from the summary rows. */
export function complianceOverview(projects, summary, verdicts) {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0]));
  const ids = new Set();
  for (const p of projects) {
    ids.add(String(p.id));
    counts[verdicts.get(String(p.id)) || 'unchecked'] += 1;
  }
  // summed in the summary's row order from the unrounded m², as the server sums its totals
  let m2 = 0;
  for (const r of (summary && summary.projects) || []) {
    if (ids.has(String(r.id)) && Number.isFinite(r.restrictedAreaM2)) m2 += r.restrictedAreaM2;
  }
  return { counts, projects: projects.length, restrictedAreaM2: round(m2, 2), restrictedAreaMu: round(m2 / M2_PER_MU, 2) };
}

/** Square metres in one 亩 (1/15 hectare), as projmap.geo.GeodesicMeasure. */
export const M2_PER_MU = 10000 / 15;

function round(v, digits) {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** How a mode names and colours projects: its keys in legend order, a project's key, a key's colour. */
export function colouring(mode, verdicts = new Map()) {
  if (mode === 'category') {
    return {
      mode, keys: CATEGORIES,
      keyOf: (p) => p.props.category,
      colour: (k) => CATEGORY_COLOURS[k] || OTHER_COLOUR,
      token: () => null,
    };
  }
  if (mode === 'compliance') {
    return {
      mode, keys: VERDICTS,
      keyOf: (p) => verdicts.get(String(p.id)) || 'unchecked',
      colour: (k) => VERDICT_COLOURS[k] || VERDICT_COLOURS.unchecked,
      token: (k) => `verdict-${VERDICTS.includes(k) ? k : 'unchecked'}`,
    };
  }
  return {
    mode: 'status', keys: STATUSES,
    keyOf: (p) => p.props.status,
    colour: statusColour,
    token: (k) => `status-${statusToken(k)}`,
  };
}

/** How many of `projects` fall under each key of the colouring. */
export function countByKey(c, projects) {
  const counts = Object.fromEntries(c.keys.map((k) => [k, 0]));
  for (const p of projects) {
    const k = c.keyOf(p);
    counts[k] = (counts[k] || 0) + 1;
  }
  return counts;
}

/** A CSS-class-safe token for a status (unknown values fold into "other"). */
export function statusToken(status) {
  return Object.hasOwn(STATUS_COLOURS, status) ? status : 'other';
}

/**
 * A point to put a marker on for any GeoJSON geometry: the point itself, the middle vertex of a
 * line, the centre of the bounding box of the largest polygon's outer ring when that centre
 * lies inside the ring, else the ring's first vertex. [lon, lat] or null.
 */
export function representativePoint(geometry) {
  if (!geometry || !geometry.coordinates && !geometry.geometries) return null;
  const c = geometry.coordinates;
  switch (geometry.type) {
    case 'Point':
      return validLonLat(c) ? [c[0], c[1]] : null;
    case 'MultiPoint':
      return c.length ? representativePoint({ type: 'Point', coordinates: c[0] }) : null;
    case 'LineString':
      return c.length ? pickValid(c[Math.floor((c.length - 1) / 2)]) : null;
    case 'MultiLineString': {
      const longest = c.reduce((a, b) => (b.length > a.length ? b : a), []);
      return representativePoint({ type: 'LineString', coordinates: longest });
    }
    case 'Polygon':
      return ringPoint(c[0]);
    case 'MultiPolygon': {
      let best = null;
      let bestArea = -1;
      for (const poly of c) {
        const a = Math.abs(planarRingArea(poly[0] || []));
        if (a > bestArea) {
          bestArea = a;
          best = poly;
        }
      }
      return best ? ringPoint(best[0]) : null;
    }
    case 'GeometryCollection':
      for (const g of geometry.geometries || []) {
        const p = representativePoint(g);
        if (p) return p;
      }
      return null;
    default:
      return null;
  }
}

function validLonLat(p) {
  return Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1])
    && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
}

function pickValid(p) {
  return validLonLat(p) ? [p[0], p[1]] : null;
}

function ringPoint(ring) {
  if (!ring || !ring.length) return null;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const centre = [(minX + maxX) / 2, (minY + maxY) / 2];
  return pickValid(pointInRing(centre, ring) ? centre : ring[0]);
}

function planarRingArea(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  }
  return a / 2;
}

/** Even–odd ray casting; good enough to place a marker (not used for any measurement). */
export function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A GeoJSON Feature as {id, props, geometry, point}; null when it has no usable geometry. */
export function normaliseProject(feature) {
  if (!feature || typeof feature !== 'object') return null;
  const props = { ...(feature.properties || {}) };
  const id = props.id ?? feature.id;
  if (id === undefined || id === null) return null;
  props.id = id;
  for (const k of ['totalInvestment', 'annualPlanInvestment', 'completedInvestment', 'landArea', 'planYear']) {
    if (k in props) props[k] = toNum(props[k]);
  }
  const point = representativePoint(feature.geometry);
  return { id: String(id), props, geometry: feature.geometry || null, point };
}

export function normaliseProjects(body) {
  const features = Array.isArray(body) ? body : body && Array.isArray(body.features) ? body.features : [];
  return features.map(normaliseProject).filter(Boolean);
}

// ---- Filters --------------------------------------------------------------------------------

/**
 * URL query keys of the filter; all but invMin/invMax are the API's own parameter names
 * (`verdict` is /api/checks/summary's: pass, warn, fail, and our `unchecked`).
 */
export const FILTER_KEYS = ['category', 'status', 'district', 'department', 'planYear', 'verdict', 'invMin', 'invMax', 'q'];
const LIST_KEYS = ['category', 'status', 'district', 'department', 'planYear', 'verdict'];

/** The filter in a URL query: list keys as arrays (comma-separated or repeated), numbers, text. */
export function parseFilter(search) {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search);
  const f = {};
  for (const k of LIST_KEYS) {
    const values = params.getAll(k).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    if (values.length) f[k] = [...new Set(values)];
  }
  // an unknown verdict would silently hide every project: keep only the ones we know
  if (f.verdict) {
    f.verdict = f.verdict.filter((v) => VERDICTS.includes(v));
    if (!f.verdict.length) delete f.verdict;
  }
  for (const k of ['invMin', 'invMax']) {
    const n = toNum(params.get(k));
    if (n !== null) f[k] = n;
  }
  const q = (params.get('q') || '').trim();
  if (q) f.q = q;
  return f;
}

/** Writes the filter into `params` (other keys kept), dropping empty entries. */
export function writeFilter(filter, params = new URLSearchParams()) {
  for (const k of FILTER_KEYS) params.delete(k);
  for (const k of FILTER_KEYS) {
    const v = filter[k];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','));
    } else {
      params.set(k, String(v));
    }
  }
  return params;
}

/**
 * The part of a filter /api/stats understands, as a query string ('' for none): the code lists,
 * one plan year, and the text. The investment range is the map's own and is not sent.
 */
export function statsQuery(filter) {
  const f = {};
  for (const k of ['category', 'status', 'district', 'department', 'q']) if (filter[k] !== undefined) f[k] = filter[k];
  if (filter.planYear && filter.planYear.length === 1) f.planYear = filter.planYear;
  return writeFilter(f).toString();
}

/**
 * The map's filter as the dashboard takes it: what /api/stats understands plus the verdict,
 * which the dashboard applies itself (the stats API does not know site checks).
 */
export function dashboardQuery(filter) {
  const params = new URLSearchParams(statsQuery(filter));
  if (filter.verdict && filter.verdict.length) params.set('verdict', filter.verdict.join(','));
  return params.toString();
}

/** Whether the filter needs the site-check verdicts before it can be applied. */
export function needsVerdicts(filter) {
  return Boolean(filter.verdict && filter.verdict.length);
}

export function isEmptyFilter(filter) {
  return FILTER_KEYS.every((k) => filter[k] === undefined || (Array.isArray(filter[k]) && !filter[k].length));
}

/** Lower-cased text a free-text query is matched against. */
function haystack(p) {
  const { name, code, address } = p.props;
  return [name, code, address, p.id].filter((v) => v !== undefined && v !== null).join('\u0001').toLowerCase();
}

/**
 * Whether a project passes the filter. `verdicts` (project id → verdict, see verdictsById) is
 * needed only for a verdict filter; without it such a filter lets nothing through, so a list is
 * never shown as filtered when it is not.
 */
export function matches(p, filter, verdicts = null) {
  const props = p.props;
  if (filter.verdict && !(verdicts && filter.verdict.includes(verdicts.get(String(p.id)) || 'unchecked'))) return false;
  for (const k of ['category', 'status', 'district', 'department']) {
    if (filter[k] && !filter[k].includes(String(props[k] ?? ''))) return false;
  }
  if (filter.planYear && !filter.planYear.includes(String(props.planYear ?? ''))) return false;
  const inv = props.totalInvestment;
  if (filter.invMin !== undefined && !(inv !== null && inv >= filter.invMin)) return false;
  if (filter.invMax !== undefined && !(inv !== null && inv <= filter.invMax)) return false;
  if (filter.q) {
    const words = filter.q.toLowerCase().split(/\s+/).filter(Boolean);
    const text = haystack(p);
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

export function applyFilter(projects, filter, verdicts = null) {
  return projects.filter((p) => matches(p, filter, verdicts));
}

/** Projects whose name or code contains `query`, best first (prefix matches, then shorter names). */
export function suggest(projects, query, limit = 8) {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored = [];
  for (const p of projects) {
    const name = String(p.props.name ?? '').toLowerCase();
    const code = String(p.props.code ?? '').toLowerCase();
    let score = -1;
    if (code === q || name === q) score = 0;
    else if (code.startsWith(q) || name.startsWith(q)) score = 1;
    else if (name.includes(q) || code.includes(q)) score = 2;
    if (score >= 0) scored.push([score, name.length, p]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return scored.slice(0, limit).map((s) => s[2]);
}

/** Sorted distinct non-empty values of a property. */
export function distinct(projects, key) {
  const set = new Set();
  for (const p of projects) {
    const v = p.props[key];
    if (v !== undefined && v !== null && v !== '') set.add(String(v));
  }
  return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }));
}

/** completedInvestment / totalInvestment clamped to [0, 1]; null when unknown. */
export function progress(props) {
  const done = props.completedInvestment;
  const total = props.totalInvestment;
  if (done === null || done === undefined || !total) return null;
  return Math.max(0, Math.min(1, done / total));
}

// ---- Statistics (same shape as GET /api/stats) ---------------------------------------------

function emptyRow(key) {
  return { key, projects: 0, totalInvestment: 0, annualPlanInvestment: 0, completedInvestment: 0, started: 0, completed: 0 };
}

function add(row, props) {
  row.projects += 1;
  row.totalInvestment += props.totalInvestment || 0;
  row.annualPlanInvestment += props.annualPlanInvestment || 0;
  row.completedInvestment += props.completedInvestment || 0;
  if (STARTED.has(props.status)) row.started += 1;
  if (props.status === 'completed') row.completed += 1;
}

function breakdown(projects, key, order) {
  const rows = new Map();
  for (const k of order || []) rows.set(k, emptyRow(k));
  for (const p of projects) {
    const k = String(p.props[key] ?? '');
    if (!rows.has(k)) rows.set(k, emptyRow(k));
    add(rows.get(k), p.props);
  }
  return [...rows.values()].filter((r) => r.projects > 0 || (order && order.includes(r.key)));
}

/** The totals and breakdowns of /api/stats, computed from the projects themselves. */
export function computeStats(projects) {
  const total = emptyRow('all');
  for (const p of projects) add(total, p.props);
  delete total.key;
  return {
    ...total,
    byCategory: breakdown(projects, 'category', CATEGORIES).filter((r) => r.projects > 0),
    byStatus: breakdown(projects, 'status', STATUSES),
    byDistrict: breakdown(projects, 'district'),
    byDepartment: breakdown(projects, 'department'),
  };
}
