// The dashboard: headline figures from GET /api/stats, a sortable table and a bar chart per
// breakdown (category, status, district, department), each row linking to the map filtered the
// same way, CSV export per table, and a small map of all projects.
// When /api/stats is unavailable the same figures are summed from GET /api/projects.
// The map's filter (the API's own parameters in this page's URL) narrows every figure, and each
// table downloads as XLSX from the server (GET /api/stats/{by}.xlsx) with that filter and sort.

import { initI18n, bindLangSwitch, onLangChange, t, num, pickText, lang } from './i18n.js';
import { api } from './api.js';
import { h, replaceChildren, download } from './dom.js';
import { fmtNumber, fmtYi, fmtPercent, ratio, toNum } from './format.js';
import { CATEGORIES, STATUSES, applyFilter, computeStats, normaliseProjects, statsQuery, parseFilter, statusColour, statusToken } from './model.js';
import { categoryLabel, statusLabel } from './labels.js';
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

function mapLink(b, key) {
  const params = new URLSearchParams(apiQuery);
  params.set(b.param, String(key ?? ''));
  return `./?${params}`;
}

/** The API filter this page was opened with (from the map's dashboard link), as a query string. */
const apiQuery = statsQuery(parseFilter(location.search));

let stats = null;
let projects = [];
let fromProjects = false;
const sortState = {}; // breakdown id -> {key, dir}
const metricState = {}; // breakdown id -> metric key

// ---- headline cards ----

function setCard(id, value, valueText, sub) {
  const card = $(id);
  card.dataset.value = String(value ?? '');
  card.querySelector('.card-value').textContent = valueText;
  card.querySelector('.card-sub').textContent = sub || '';
}

function renderCards() {
  const s = stats;
  setCard('stat-projects', s.projects, fmtNumber(toNum(s.projects)),
    t('dash.categoriesCount', { n: (s.byCategory || []).filter((r) => toNum(r.projects)).length }));
  setCard('stat-total-investment', s.totalInvestment, fmtYi(s.totalInvestment), t('dash.unitNote'));
  setCard('stat-annual-plan', s.annualPlanInvestment, fmtYi(s.annualPlanInvestment),
    t('dash.planShare', { v: fmtPercent(ratio(s.annualPlanInvestment, s.totalInvestment)) }));
  setCard('stat-started', s.started, fmtNumber(toNum(s.started)),
    t('dash.startRate', { v: fmtPercent(ratio(s.started, s.projects)), n: fmtNumber(toNum(s.started)), total: fmtNumber(toNum(s.projects)) }));
  setCard('stat-completed', s.completed, fmtNumber(toNum(s.completed)),
    t('dash.completionRate', { v: fmtPercent(ratio(s.completed, s.projects)) }));
  setCard('stat-completed-investment', s.completedInvestment, fmtYi(s.completedInvestment),
    t('dash.planProgress', { v: fmtPercent(ratio(s.completedInvestment, s.annualPlanInvestment)), done: fmtYi(s.completedInvestment), plan: fmtYi(s.annualPlanInvestment) }));
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
        h('a', {
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
        location.href = `./?project=${encodeURIComponent(p.id)}`;
      })
      .addTo(miniMap);
  }
  if (pts.length) miniMap.fitBounds(L.latLngBounds(pts), { padding: [10, 10], maxZoom: 13 });
}

function renderAll() {
  renderCards();
  renderBreakdowns();
  renderMiniMap();
  const status = $('dash-status');
  const notes = [];
  if (apiQuery) notes.push(t('dash.filtered'));
  if (fromProjects) notes.push(t('dash.fromProjects'));
  status.textContent = notes.join(' ');
  status.hidden = !notes.length;
}

async function main() {
  // the figures travel while the dictionary loads
  const data = Promise.allSettled([api.stats(apiQuery), api.projects()]);
  await initI18n();
  bindLangSwitch($('lang-switch'));
  onLangChange(() => {
    if (stats) renderAll();
  });
  const [statsR, projectsR] = await data;
  if (projectsR.status === 'fulfilled') projects = applyFilter(normaliseProjects(projectsR.value), parseFilter(apiQuery));
  if (statsR.status === 'fulfilled' && statsR.value) stats = statsR.value;
  else if (projectsR.status === 'fulfilled') {
    stats = computeStats(projects);
    fromProjects = true;
  }
  if (!stats) {
    $('dash-status').textContent = t('dash.loadError');
    $('dash-status').classList.add('is-error');
    return;
  }
  renderAll();
  performance.mark('dashboard-ready');
  window.projmapReady = true;
}

main();
