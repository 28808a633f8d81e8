// The dashboard: headline figures from GET /api/stats, a sortable table and a bar chart per
// breakdown (category, status, district, department), each row linking to the map filtered the
// same way, CSV export per table, and a small map of all projects.
// When /api/stats is unavailable the same figures are summed from GET /api/projects.
// The map's filter (the API's own parameters in this page's URL) narrows every figure, and each
// table downloads as XLSX from the server (GET /api/stats/{by}.xlsx) with that filter and sort.
// A compliance overview counts the site-check verdicts (GET /api/checks/summary). A verdict
// filter is applied here, from the projects and the verdicts, since /api/stats knows no checks.
// Every figure links to the map filtered the same way.

import { initI18n, bindLangSwitch, onLangChange, t, num, pickText, lang } from './i18n.js';
import { api } from './api.js';
import { h, replaceChildren, download } from './dom.js';
import { fmtNumber, fmtYi, fmtPercent, ratio, toNum } from './format.js';
import {
  CATEGORIES, STATUSES, STARTED, VERDICTS, VERDICT_COLOURS, applyFilter, computeStats, complianceOverview, createVerdictLoader,
  dashboardQuery, needsVerdicts, normaliseProjects, statsQuery, parseFilter, statusColour, statusToken,
} from './model.js';
import { categoryLabel, statusLabel, verdictLabel } from './labels.js';
import { barChart } from './charts.js';
import { toCsv } from './csv.js';

const L = window.L;
const $ = (id) => document.getElementById(id);

/** The four breakdowns: which stats field, which map filter parameter, how keys are named. */
const BREAKDOWNS = [
  { id: 'category', field: 'byCategory', param: 'category', label: (r) => categoryLabel(r.key, serverLabel(r)), order: CATEGORIES },
  { id: 'status', field: 'byStatus', param: 'status', label: (r) => statusLabel(r.key, serverLabel(r)), order: STATUSES, colour: (r) => statusColour(r.key) },
  { id: 'district', field: 'byDistrict', param: 'district', label: (r) => serverLabel(r) || String(r.key ?? '') },
  { id: 'department', field: 'byDepartment', param: 'department', label: (r) => serverLabel(r) || String(r.key ?? '') },
];

/** A breakdown row's own name: `label` (text or {zh,en}) or `labelZh`/`labelEn`. */
function serverLabel(r) {
  return pickText(r.label, 'label') || pickText({ zh: r.labelZh, en: r.labelEn });
}

/** Table columns; `money` columns hold 万元 and are shown in the language's money unit. */
const COLUMNS = [
  { key: 'projects', kind: 'count' },
  { key: 'totalInvestment', kind: 'money' },
  { key: 'annualPlanInvestment', kind: 'money' },
  { key: 'completedInvestment', kind: 'money' },
  { key: 'planRate', kind: 'rate', value: (r) => ratio(r.completedInvestment, r.annualPlanInvestment) },
  { key: 'started', kind: 'count' },
  { key: 'startRate', kind: 'rate', value: (r) => ratio(r.started, r.projects) },
  { key: 'completed', kind: 'count' },
];
const CHART_METRICS = ['totalInvestment', 'annualPlanInvestment', 'completedInvestment', 'projects', 'started', 'completed'];

const colValue = (col, r) => (col.value ? col.value(r) : toNum(r[col.key]));

function moneyText(wan) {
  const v = toNum(wan);
  return v === null ? t('common.none') : fmtNumber(v * num('unit.wan.scale', 1), num('unit.wan.digits', 2));
}

function cellText(col, r) {
  const v = colValue(col, r);
  if (col.kind === 'money') return moneyText(v);
  if (col.kind === 'rate') return fmtPercent(v);
  return fmtNumber(v);
}

/** The map with this page's filter, and `extra` parameters set on top of it. */
function mapUrl(extra = {}) {
  const params = new URLSearchParams(mapQuery);
  for (const [k, v] of Object.entries(extra)) params.set(k, String(v ?? ''));
  const q = params.toString();
  return q ? `./?${q}` : './';
}

function mapLink(b, key) {
  return mapUrl({ [b.param]: key });
}

/**
 * The map of the projects in some of `codes` of a list filter (`status`, `verdict`), within this
 * page's filter: null when the page's filter leaves none of them (the figure is then 0 anyway).
 */
function listLink(param, codes) {
  const allowed = pageFilter[param] ? codes.filter((c) => pageFilter[param].includes(c)) : codes;
  return allowed.length ? mapUrl({ [param]: allowed.join(',') }) : null;
}

/** The filter this page was opened with (from the map's dashboard link). */
const pageFilter = parseFilter(location.search);
/** Its part /api/stats understands, as a query string. */
const apiQuery = statsQuery(pageFilter);
/** Its part the map takes back (the API's parameters and the verdict). */
const mapQuery = dashboardQuery(pageFilter);
const byVerdict = needsVerdicts(pageFilter);
const verdictLoader = createVerdictLoader(() => api.checksSummary());

let stats = null;
let projects = [];
let fromProjects = false;
let compliance = null; // {summary, verdicts} once /api/checks/summary answered; 'error' when it failed
const sortState = {}; // breakdown id -> {key, dir}
const metricState = {}; // breakdown id -> metric key

// ---- headline cards ----

/** A headline card; `href` makes its figure a link to the map showing those projects. */
function setCard(id, value, valueText, sub, href) {
  const card = $(id);
  card.dataset.value = String(value ?? '');
  const label = card.querySelector('.card-label').textContent;
  replaceChildren(card.querySelector('.card-value'), href
    ? h('a', { href, text: valueText, 'aria-label': t('dash.figureOnMap', { what: label, v: valueText }) })
    : valueText);
  card.querySelector('.card-sub').textContent = sub || '';
}

function renderCards() {
  const s = stats;
  const all = mapUrl(); // the money figures are sums over the same projects
  setCard('stat-projects', s.projects, fmtNumber(toNum(s.projects)),
    t('dash.categoriesCount', { n: (s.byCategory || []).filter((r) => toNum(r.projects)).length }), all);
  setCard('stat-total-investment', s.totalInvestment, fmtYi(s.totalInvestment), t('dash.unitNote'), all);
  setCard('stat-annual-plan', s.annualPlanInvestment, fmtYi(s.annualPlanInvestment),
    t('dash.planShare', { v: fmtPercent(ratio(s.annualPlanInvestment, s.totalInvestment)) }), all);
  setCard('stat-started', s.started, fmtNumber(toNum(s.started)),
    t('dash.startRate', { v: fmtPercent(ratio(s.started, s.projects)), n: fmtNumber(toNum(s.started)), total: fmtNumber(toNum(s.projects)) }),
    listLink('status', STATUSES.filter((st) => STARTED.has(st))));
  setCard('stat-completed', s.completed, fmtNumber(toNum(s.completed)),
    t('dash.completionRate', { v: fmtPercent(ratio(s.completed, s.projects)) }), listLink('status', ['completed']));
  setCard('stat-completed-investment', s.completedInvestment, fmtYi(s.completedInvestment),
    t('dash.planProgress', { v: fmtPercent(ratio(s.completedInvestment, s.annualPlanInvestment)), done: fmtYi(s.completedInvestment), plan: fmtYi(s.annualPlanInvestment) }), all);
}

// ---- breakdowns ----

function sortedRows(b) {
  const rows = [...(stats[b.field] || [])];
  const st = sortState[b.id];
  if (!st) {
    if (b.order) rows.sort((x, y) => orderIndex(b.order, x.key) - orderIndex(b.order, y.key));
    return rows;
  }
  const dir = st.dir === 'asc' ? 1 : -1;
  if (st.key === 'label') return rows.sort((x, y) => dir * b.label(x).localeCompare(b.label(y), 'zh-CN', { numeric: true }));
  const col = COLUMNS.find((c) => c.key === st.key);
  return rows.sort((x, y) => dir * ((colValue(col, x) ?? -Infinity) - (colValue(col, y) ?? -Infinity)));
}

function orderIndex(order, key) {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}

function headerCell(b, key, text) {
  const st = sortState[b.id];
  const active = st && st.key === key;
  const ariaSort = active ? (st.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return h('th', { scope: 'col', 'aria-sort': ariaSort },
    h('button', {
      type: 'button', class: 'sort-btn',
      'aria-label': t('dash.sortBy', { col: text }),
      onclick: () => {
        const dir = active && st.dir === 'desc' ? 'asc' : 'desc';
        sortState[b.id] = { key, dir: key === 'label' && !active ? 'asc' : dir };
        renderBreakdown(b);
        document.querySelector(`#table-${b.id} th[aria-sort]:not([aria-sort="none"]) button`)?.focus();
      },
    }, text, h('span', { class: 'sort-glyph', 'aria-hidden': 'true', text: active ? (st.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕' })));
}

function totals(rows) {
  const sum = { projects: 0, totalInvestment: 0, annualPlanInvestment: 0, completedInvestment: 0, started: 0, completed: 0 };
  for (const r of rows) for (const k of Object.keys(sum)) sum[k] += toNum(r[k]) || 0;
  return sum;
}

function table(b, rows) {
  const head = h('tr', null,
    headerCell(b, 'label', t(`dash.by.${b.id}`)),
    COLUMNS.map((c) => headerCell(b, c.key, t(`dash.col.${c.key}`))));
  const body = rows.map((r) => h('tr', null,
    h('th', { scope: 'row' }, h('a', { href: mapLink(b, r.key), text: b.label(r) || t('common.unknown') })),
    COLUMNS.map((c) => h('td', { class: 'num', text: cellText(c, r) }))));
  const sum = totals(rows);
  const foot = h('tr', null, h('th', { scope: 'row', text: t('dash.total') }),
    COLUMNS.map((c) => h('td', { class: 'num', text: cellText(c, sum) })));
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('dash.tableOf', { what: t(`dash.heading.${b.id}`) }) },
    h('table', { class: 'data-table', id: `table-${b.id}`, 'data-testid': `table-${b.id}` },
      h('caption', { class: 'sr-only', text: t(`dash.heading.${b.id}`) }),
      h('thead', null, head), h('tbody', null, body), h('tfoot', null, foot)));
}

function chart(b, rows) {
  const metric = metricState[b.id] || 'totalInvestment';
  const col = COLUMNS.find((c) => c.key === metric);
  const items = rows.map((r) => ({
    label: b.label(r) || t('common.unknown'),
    value: colValue(col, r) ?? 0,
    valueText: col.kind === 'money' ? `${moneyText(colValue(col, r))}` : cellText(col, r),
    colour: b.colour ? b.colour(r) : null,
    href: mapLink(b, r.key),
  }));
  return barChart(items, { title: t('dash.chartTitle', { what: t(`dash.heading.${b.id}`), metric: t(`dash.col.${metric}`) }) });
}

function exportCsv(b) {
  const rows = sortedRows(b);
  const header = [t(`dash.by.${b.id}`), t('dash.csvKey'), ...COLUMNS.map((c) => t(`dash.csv.${c.key}`))];
  const body = rows.map((r) => [b.label(r), r.key, ...COLUMNS.map((c) => {
    const v = colValue(c, r);
    return c.kind === 'rate' && v !== null ? Math.round(v * 10000) / 10000 : v;
  })]);
  download(`projmap-${b.id}.csv`, toCsv([header, ...body]), 'text/csv;charset=utf-8');
}

/** The server's workbook of the table as shown: same filter, same sort, same language. */
function xlsxUrl(b) {
  const params = new URLSearchParams(apiQuery);
  const st = sortState[b.id];
  if (st) {
    params.set('sort', st.key);
    params.set('dir', st.dir);
  }
  params.set('lang', lang());
  return `api/stats/${b.id}.xlsx?${params}`;
}

function renderBreakdown(b) {
  const section = $(`breakdown-${b.id}`);
  const rows = sortedRows(b);
  const metricId = `metric-${b.id}`;
  replaceChildren(section,
    h('div', { class: 'breakdown-head' },
      h('h2', { id: `heading-${b.id}`, text: t(`dash.heading.${b.id}`) }),
      h('div', { class: 'breakdown-tools' },
        h('label', { for: metricId, text: t('dash.chartMetric') }),
        h('select', {
          id: metricId,
          onchange: (e) => {
            metricState[b.id] = e.target.value;
            renderBreakdown(b);
            $(metricId).focus();
          },
        }, CHART_METRICS.map((m) => {
          const o = h('option', { value: m, text: t(`dash.col.${m}`) });
          if ((metricState[b.id] || 'totalInvestment') === m) o.selected = true;
          return o;
        })),
        h('button', {
          type: 'button', class: 'btn btn-small', id: `csv-${b.id}`, 'data-testid': `csv-${b.id}`,
          text: t('dash.exportCsv'), 'aria-label': t('dash.exportCsvOf', { what: t(`dash.heading.${b.id}`) }),
          onclick: () => exportCsv(b),
        }),
        // the server's workbook cannot apply a verdict filter: offer CSV only then
        byVerdict
          ? h('button', {
            type: 'button', class: 'btn btn-small', id: `xlsx-${b.id}`, 'data-testid': `xlsx-${b.id}`, disabled: true,
            text: t('dash.exportXlsx'), title: t('dash.xlsxNoVerdict'), 'aria-label': t('dash.xlsxNoVerdict'),
          })
          : h('a', {
            class: 'btn btn-small', id: `xlsx-${b.id}`, 'data-testid': `xlsx-${b.id}`, href: xlsxUrl(b),
            download: `projmap-${b.id}.xlsx`,
            text: t('dash.exportXlsx'), 'aria-label': t('dash.exportXlsxOf', { what: t(`dash.heading.${b.id}`) }),
          }))),
    rows.length ? h('figure', { class: 'chart' }, chart(b, rows)) : h('p', { class: 'muted', text: t('dash.noRows') }),
    rows.length ? table(b, rows) : null);
}

function renderBreakdowns() {
  const container = $('breakdowns');
  if (!container.children.length) {
    for (const b of BREAKDOWNS) {
      container.appendChild(h('section', { class: 'breakdown', id: `breakdown-${b.id}`, 'aria-labelledby': `heading-${b.id}` }));
    }
  }
  for (const b of BREAKDOWNS) renderBreakdown(b);
}

// ---- small map ----

let miniMap = null;

function renderMiniMap() {
  const legend = $('dash-map-legend');
  replaceChildren(legend, STATUSES.map((s) => h('li', null,
    h('span', { class: ['legend-marker', `status-${statusToken(s)}`], style: { '--c': statusColour(s) }, 'aria-hidden': 'true' }),
    h('span', { text: statusLabel(s) }))));
  $('dash-map-open').href = mapUrl();
  if (miniMap || !L) return;
  miniMap = L.map('dash-map', { center: [32.98, 114.02], zoom: 10, scrollWheelZoom: false, attributionControl: false });
  const pts = [];
  for (const p of projects) {
    if (!p.point) continue;
    const ll = [p.point[1], p.point[0]];
    pts.push(ll);
    L.circleMarker(ll, { radius: 4, weight: 1, color: '#ffffff', fillColor: statusColour(p.props.status), fillOpacity: 0.9 })
      .bindTooltip(h('span', { text: String(p.props.name ?? p.id) }))
      .on('click', () => {
        location.href = mapUrl({ project: p.id });
      })
      .addTo(miniMap);
  }
  if (pts.length) miniMap.fitBounds(L.latLngBounds(pts), { padding: [10, 10], maxZoom: 13 });
}

// ---- compliance overview ----

/** Counts of pass / warn / fail / not checked among this page's projects, and the restricted land taken. */
function renderCompliance() {
  const section = $('compliance');
  const status = $('compliance-status');
  const list = $('compliance-list');
  const restricted = $('compliance-restricted');
  status.removeAttribute('data-i18n'); // the text is this function's from now on (language switches too)
  if (!compliance || compliance === 'error') {
    status.hidden = false;
    status.textContent = t(compliance ? 'dash.compliance.error' : 'dash.compliance.loading');
    status.classList.toggle('is-error', Boolean(compliance));
    return;
  }
  const o = complianceOverview(projects, compliance.summary, compliance.verdicts);
  status.hidden = true;
  replaceChildren(list, VERDICTS.map((v) => {
    const n = o.counts[v];
    const href = listLink('verdict', [v]);
    const text = fmtNumber(n);
    return h('li', { class: 'card compliance-card', id: `compliance-${v}`, 'data-testid': `compliance-${v}`, dataset: { value: String(n) } },
      h('h3', { class: 'card-label' },
        h('span', { class: ['legend-marker', `verdict-${v}`], style: { '--c': VERDICT_COLOURS[v] }, 'aria-hidden': 'true' }),
        ` ${verdictLabel(v)}`),
      h('p', { class: 'card-value' }, href
        ? h('a', { href, text, 'aria-label': t('dash.figureOnMap', { what: verdictLabel(v), v: text }) })
        : text),
      h('p', { class: 'card-sub', text: t('dash.compliance.share', { v: fmtPercent(ratio(n, o.projects)) }) }));
  }));
  restricted.dataset.value = String(o.restrictedAreaMu);
  const muText = fmtNumber(o.restrictedAreaMu, 2, 2);
  replaceChildren(restricted, t('dash.compliance.restrictedLabel'), ' ',
    h('a', {
      href: mapUrl({ colour: 'compliance' }), class: 'compliance-mu',
      text: t('dash.compliance.restrictedValue', { mu: muText, m2: fmtNumber(o.restrictedAreaM2, 0) }),
    }));
  section.dataset.ready = 'true';
}

function renderAll() {
  renderCards();
  renderBreakdowns();
  renderMiniMap();
  renderCompliance();
  const status = $('dash-status');
  const notes = [];
  if (mapQuery) notes.push(t('dash.filtered'));
  if (byVerdict) notes.push(t('dash.verdictFiltered'));
  else if (fromProjects) notes.push(t('dash.fromProjects'));
  status.textContent = notes.join(' ');
  status.hidden = !notes.length;
}

async function main() {
  // the figures travel while the dictionary loads; the verdicts (seconds when cold) come when they come
  const verdictsP = verdictLoader.load();
  verdictsP.catch(() => {}); // reported by whoever awaits it
  const data = Promise.allSettled([byVerdict ? Promise.resolve(null) : api.stats(apiQuery), api.projects()]);
  await initI18n();
  bindLangSwitch($('lang-switch'));
  onLangChange(() => {
    if (stats) renderAll();
  });
  const [statsR, projectsR] = await data;
  if (byVerdict) {
    // /api/stats knows no verdicts: the figures are summed from the projects that have the verdict
    try {
      compliance = await verdictsP;
    } catch {
      compliance = 'error';
    }
    if (projectsR.status === 'fulfilled' && compliance !== 'error') {
      projects = applyFilter(normaliseProjects(projectsR.value), pageFilter, compliance.verdicts);
      stats = computeStats(projects);
    }
  } else {
    if (projectsR.status === 'fulfilled') projects = applyFilter(normaliseProjects(projectsR.value), parseFilter(apiQuery));
    if (statsR.status === 'fulfilled' && statsR.value) stats = statsR.value;
    else if (projectsR.status === 'fulfilled') {
      stats = computeStats(projects);
      fromProjects = true;
    }
  }
  if (!stats) {
    $('dash-status').textContent = t(compliance === 'error' ? 'dash.compliance.error' : 'dash.loadError');
    $('dash-status').classList.add('is-error');
    return;
  }
  renderAll();
  if (!compliance) {
    verdictsP.then((c) => {
      compliance = c;
    }, () => {
      compliance = 'error';
    }).then(renderCompliance);
  }
  performance.mark('dashboard-ready');
  window.projmapReady = true;
}

main();
