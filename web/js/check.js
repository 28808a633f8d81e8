// "Check a site": draw a polygon, line or point (Geoman) or upload a file, send it with the
// optional project category, and show the site report. GeoJSON is read here and posted to
// POST /api/checks; other files (zipped shapefile, KML/KMZ, GeoPackage) go as they are to
// POST /api/checks/file, where the importer's readers handle their formats, limits and CRS, and
// the site is drawn from the report's lon/lat geometry.

import { h, replaceChildren, download, toast } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { CATEGORIES } from './model.js';
import { categoryLabel } from './labels.js';
import { measure } from './geodesy.js';
import { fmtArea, fmtLength } from './format.js';
import { renderReport } from './report.js';
import { geometryFromUpload, looksGeographic, isGeoJsonName } from './geojson.js';

const L = window.L;
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const SITE_STYLE = { color: '#CC79A7', weight: 3, fillColor: '#CC79A7', fillOpacity: 0.2 };

const $ = (id) => document.getElementById(id);

export function createCheckTool(map, { isDrawing, onDrawStart }) {
  const report = $('check-report');
  const hint = $('check-hint');
  const category = $('check-category');
  const file = $('check-file');
  const finishBtn = $('btn-draw-finish');
  const cancelBtn = $('btn-draw-cancel');
  const drawButtons = [$('btn-draw-polygon'), $('btn-draw-line'), $('btn-draw-point')];
  const site = L.featureGroup([], { pmIgnore: true }).addTo(map);

  let drawing = null; // Geoman shape being drawn for a check
  let lastReport = null;
  let lastSite = null; // {geometry, category}
  let abort = null;

  function fillCategories() {
    const v = category.value;
    replaceChildren(category,
      h('option', { value: '', text: t('check.categoryNone') }),
      CATEGORIES.map((c) => h('option', { value: c, text: categoryLabel(c) })));
    category.value = v;
  }
  fillCategories();

  function setHint(text) {
    hint.textContent = text || '';
  }

  function setDrawing(shape) {
    drawing = shape;
    finishBtn.hidden = !shape || shape === 'Marker';
    cancelBtn.hidden = !shape;
    for (const b of drawButtons) b.setAttribute('aria-pressed', String(b.dataset.shape === shape));
    setHint(shape ? t(`check.hint${shape}`) : '');
  }

  function startDraw(shape) {
    // Stop any drawing first: its pm:drawend must not end the mode this call starts.
    map.pm.disableDraw();
    onDrawStart('check');
    setDrawing(shape);
    map.pm.enableDraw(shape, {
      continueDrawing: false, // one site at a time (Geoman keeps placing markers otherwise)
      snappable: false,
      allowSelfIntersection: false,
      finishOn: shape === 'Marker' ? null : 'dblclick',
      templineStyle: SITE_STYLE,
      hintlineStyle: { ...SITE_STYLE, dashArray: '5 5' },
      pathOptions: SITE_STYLE,
      markerStyle: { draggable: false },
    });
  }

  for (const b of drawButtons) {
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', () => startDraw(b.dataset.shape));
  }
  finishBtn.addEventListener('click', () => {
    // Geoman has no public "finish" call; the draw handler's _finishShape is what its own
    // double-click and "Finish" action use.
    const handler = drawing && map.pm.Draw[drawing];
    if (handler && typeof handler._finishShape === 'function') handler._finishShape();
  });
  cancelBtn.addEventListener('click', () => {
    map.pm.disableDraw();
    setDrawing(null);
  });

  map.on('pm:create', (e) => {
    if (!isDrawing('check')) return;
    setDrawing(null);
    e.layer.remove();
    const geometry = e.layer.toGeoJSON().geometry;
    showSite(geometry);
    run(geometry);
  });
  map.on('pm:drawend', () => {
    if (isDrawing('check') && drawing) setDrawing(null);
  });

  function showSite(geometry, { fit = false } = {}) {
    site.clearLayers();
    const layer = L.geoJSON(geometry, {
      pmIgnore: true,
      style: () => SITE_STYLE,
      pointToLayer: (f, latlng) => L.circleMarker(latlng, { ...SITE_STYLE, radius: 8, pmIgnore: true }),
    });
    site.addLayer(layer);
    if (fit) map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [30, 30] });
  }

  function localSummary(geometry) {
    const m = measure(geometry);
    if (m.areaM2) return t('check.localArea', { v: fmtArea(m.areaM2) });
    if (m.lengthM) return t('check.localLength', { v: fmtLength(m.lengthM) });
    return '';
  }

  function actions() {
    return [
      h('button', {
        type: 'button', class: 'btn btn-small', text: t('check.downloadJson'),
        onclick: () => download('site-report.json', JSON.stringify(lastReport, null, 2), 'application/json'),
      }),
      h('button', {
        type: 'button', class: 'btn btn-small', text: t('check.downloadSite'),
        onclick: () => download('site.geojson', JSON.stringify({
          type: 'Feature', geometry: lastSite.geometry, properties: { category: lastSite.category || null },
        }), 'application/geo+json'),
      }),
      h('button', { type: 'button', class: 'btn btn-small', text: t('check.print'), onclick: () => window.print() }),
    ];
  }

  function renderResult() {
    if (!lastReport) return;
    replaceChildren(report, renderReport(lastReport, { actions: actions() }));
  }

  async function run(geometry, crs) {
    const cat = category.value || null;
    lastSite = { geometry, category: cat };
    // The body is a GeoJSON Feature (the contract accepts a geometry or a Feature); the
    // category rides both as a foreign member and in properties, so either reading works.
    const payload = { type: 'Feature', geometry, properties: cat ? { category: cat } : {} };
    if (cat) payload.category = cat;
    if (crs) payload.crs = crs;
    const summary = looksGeographic(geometry) ? localSummary(geometry) : '';
    await request((signal) => api.check(payload, signal), summary);
  }

  /** A file the server reads: the site is drawn from the report once it is back. */
  async function runFile(f) {
    const cat = category.value || null;
    site.clearLayers();
    await request((signal) => api.checkFile(f, cat, signal), '');
    if (lastReport && lastReport.site && lastReport.site.geometry) {
      lastSite = { geometry: lastReport.site.geometry, category: cat };
      showSite(lastReport.site.geometry, { fit: true });
      renderResult();
    }
  }

  async function request(send, summary) {
    if (abort) abort.abort();
    abort = new AbortController();
    lastReport = null;
    replaceChildren(report, h('p', { class: 'muted', text: [t('check.running'), summary].filter(Boolean).join(' ') }));
    try {
      lastReport = await send(abort.signal);
      renderResult();
    } catch (e) {
      if (e.name === 'AbortError') return;
      const detail = e.body && (e.body.message || e.body.error);
      replaceChildren(report, h('div', { class: 'report-error', role: 'alert' },
        h('strong', { text: t('check.failed') }),
        detail ? h('p', { text: String(detail) }) : null,
        e.body && e.body.details ? h('pre', { class: 'small', text: JSON.stringify(e.body.details, null, 2).slice(0, 2000) }) : null));
    }
  }

  file.addEventListener('change', async () => {
    const f = file.files && file.files[0];
    if (!f) return;
    if (f.size > MAX_UPLOAD_BYTES) {
      toast(t('check.fileTooBig', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }), 'error');
      file.value = '';
      return;
    }
    if (!isGeoJsonName(f.name)) {
      file.value = '';
      runFile(f);
      return;
    }
    let parsed;
    try {
      parsed = geometryFromUpload(JSON.parse(await f.text()));
    } catch {
      toast(t('check.fileInvalid'), 'error');
      file.value = '';
      return;
    }
    if (parsed.warning === 'firstOnly') toast(t('check.firstOnly'));
    if (looksGeographic(parsed.geometry)) showSite(parsed.geometry, { fit: true });
    else {
      site.clearLayers();
      toast(t('check.projected'));
    }
    run(parsed.geometry, parsed.crs);
    file.value = '';
  });

  return {
    stopDrawing() {
      if (drawing) setDrawing(null);
    },
    clear() {
      site.clearLayers();
    },
    relabel() {
      fillCategories();
      if (drawing) setHint(t(`check.hint${drawing}`));
      renderResult();
    },
  };
}
