// The geometry part of the project edit form: the project's shape shown on the map with its
// vertices editable (Geoman), or drawn anew as a polygon, line or point, or removed. The form
// sends value() with the attributes in one PUT; the server validates it and, when it refuses
// (self-intersection, outside China …), showProblem() marks the position it names on the map.
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { measure } from './geodesy.js';
import { fmtArea, fmtLength } from './format.js';
import { geometryFromUpload, looksGeographic } from './geojson.js';

const L = window.L;
const STYLE = { color: '#d55e00', weight: 3, opacity: 0.95, fillOpacity: 0.15 };
const SHAPES = [['Polygon', 'edit.geometry.drawPolygon'], ['Line', 'edit.geometry.drawLine'], ['Marker', 'edit.geometry.drawPoint']];

/** The map of the page, when the page has one (window.projmap is set by map.js). */
function pageMap() {
  return window.projmap && window.projmap.map && window.projmap.map.pm ? window.projmap.map : null;
}

/** A position the server names ("(lon, lat)", JTS doubles) with six decimals (~0.1 m); other text as it is. */
export function formatWhere(where) {
  const m = /^\(?\s*(-?[\d.]+)[ ,]+(-?[\d.]+)\s*\)?$/.exec(String(where ?? '').trim());
  if (!m) return String(where ?? '');
  return `${Number(Number(m[1]).toFixed(6))}, ${Number(Number(m[2]).toFixed(6))}`;
}

/** A geometry editor for `initial` (GeoJSON geometry or null): {element, value(), changed(), showProblem(where), destroy()}. */
export function geometryEditor(initial) {
  const map = pageMap();
  const summary = h('p', { id: 'edit-geometry-summary', class: 'muted', 'aria-live': 'polite' });
  const hint = h('p', { id: 'edit-geometry-hint', class: 'hint', 'aria-live': 'polite' });
  let current = initial || null;
  let changed = false;
  let layer = null; // the editable shape on the map
  let problem = null; // the marker of a refused position
  let drawing = null; // the Geoman shape being drawn

  const finishBtn = h('button', { type: 'button', class: 'btn btn-small', id: 'edit-geometry-finish', hidden: true,
    text: t('edit.geometry.finish'), onclick: finishDrawing });
  const removeBtn = h('button', { type: 'button', class: 'btn btn-small', id: 'edit-geometry-delete',
    text: t('edit.geometry.delete'), onclick: () => { stopDrawing(); set(null, true); } });
  const resetBtn = h('button', { type: 'button', class: 'btn btn-small', id: 'edit-geometry-reset',
    text: t('edit.geometry.reset'), onclick: () => { stopDrawing(); set(initial || null, false); } });
  const drawBtns = SHAPES.map(([shape, key]) => h('button', {
    type: 'button', class: 'btn btn-small', id: `edit-geometry-draw-${shape.toLowerCase()}`, 'data-shape': shape,
    'aria-pressed': 'false', text: t(key), onclick: () => startDrawing(shape),
  }));

  const file = h('input', { type: 'file', id: 'edit-geometry-file', accept: '.geojson,.json,application/geo+json,application/json' });
  file.addEventListener('change', () => upload().finally(() => { file.value = ''; }));

  const element = h('fieldset', { class: 'edit-geometry', id: 'edit-geometry' },
    h('legend', { text: t('edit.geometry.heading') }),
    summary,
    map ? h('div', { class: 'button-row', role: 'group', 'aria-label': t('edit.geometry.heading') }, drawBtns, finishBtn)
      : h('p', { class: 'muted', text: t('edit.geometry.noMap') }),
    h('div', { class: 'button-row' }, removeBtn, resetBtn),
    h('div', { class: 'edit-row' }, h('label', { for: 'edit-geometry-file', text: t('edit.geometry.upload') }), file),
    hint);

  /** A GeoJSON file's geometry replaces the shape (lon/lat only; the server judges the rest). */
  async function upload() {
    const f = file.files && file.files[0];
    if (!f) return;
    let parsed;
    try {
      parsed = geometryFromUpload(JSON.parse(await f.text()));
    } catch {
      hint.textContent = t('edit.geometry.fileInvalid');
      return;
    }
    if (!parsed.geometry || !looksGeographic(parsed.geometry)) {
      hint.textContent = t('edit.geometry.fileProjected');
      return;
    }
    stopDrawing();
    set(parsed.geometry, true);
    hint.textContent = t('edit.geometry.fileLoaded', { name: f.name });
    if (map && layer && layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [30, 30] });
  }

  function describe(g) {
    if (!g) return t('edit.geometry.none');
    const m = measure(g);
    const parts = [t(`edit.geometry.type.${g.type}`)];
    if (m.areaM2) parts.push(fmtArea(m.areaM2));
    else if (m.lengthM) parts.push(fmtLength(m.lengthM));
    return parts.join(' · ');
  }

  function show() {
    if (layer) layer.remove();
    layer = null;
    if (!map || !current) return;
    // the page's Geoman is opt-in (map.js): these layers ask for its vertex editing
    layer = L.geoJSON(current, {
      pmIgnore: false,
      style: () => STYLE,
      pointToLayer: (f, latlng) => L.marker(latlng, { pmIgnore: false }),
    }).addTo(map);
    // the server judges validity: a self-intersecting ring must reach it to be refused with its position
    layer.eachLayer((l) => l.pm && l.pm.enable({ allowSelfIntersection: true, snappable: false }));
    layer.on('pm:edit', () => {
      current = value();
      changed = true;
      summary.textContent = describe(current);
    });
  }

  function set(g, isChange) {
    current = g;
    changed = isChange;
    clearProblem();
    summary.textContent = describe(current);
    show();
  }

  function startDrawing(shape) {
    // any other tool's drawing ends first; its pm:drawend must not end this one
    map.pm.disableDraw();
    if (window.projmap.state) window.projmap.state.drawMode = 'edit';
    drawing = shape;
    map.pm.enableDraw(shape, {
      continueDrawing: false,
      snappable: false,
      allowSelfIntersection: true,
      finishOn: shape === 'Marker' ? null : 'dblclick',
      templineStyle: STYLE,
      hintlineStyle: { ...STYLE, dashArray: '5 5' },
      pathOptions: STYLE,
    });
    finishBtn.hidden = shape === 'Marker';
    for (const b of drawBtns) b.setAttribute('aria-pressed', String(b.dataset.shape === shape));
    hint.textContent = t(`edit.geometry.hint${shape}`);
  }

  function finishDrawing() {
    // Geoman has no public "finish": _finishShape is what its own double-click uses
    const handler = drawing && map.pm.Draw[drawing];
    if (handler && typeof handler._finishShape === 'function') handler._finishShape();
  }

  function stopDrawing() {
    if (!drawing) return;
    drawing = null;
    map.pm.disableDraw();
    ended();
  }

  function ended() {
    drawing = null;
    finishBtn.hidden = true;
    for (const b of drawBtns) b.setAttribute('aria-pressed', 'false');
    hint.textContent = '';
    if (window.projmap.state && window.projmap.state.drawMode === 'edit') window.projmap.state.drawMode = null;
  }

  function onCreate(e) {
    if (!drawing) return;
    e.layer.remove();
    const g = e.layer.toGeoJSON().geometry;
    ended();
    set(g, true);
  }

  function onDrawEnd() {
    if (drawing) ended();
  }

  function clearProblem() {
    if (problem) problem.remove();
    problem = null;
  }

  if (map) {
    map.on('pm:create', onCreate);
    map.on('pm:drawend', onDrawEnd);
  }
  set(current, false);

  /** The edited geometry as GeoJSON (null when removed). */
  function value() {
    if (!layer) return current;
    const features = layer.toGeoJSON().features;
    if (features.length === 1) return features[0].geometry;
    return { type: 'GeometryCollection', geometries: features.map((f) => f.geometry) };
  }

  return {
    element,
    value: () => (changed ? value() : initial || null),
    changed: () => changed,
    /** Marks the position a refusal names on the map. */
    showProblem(where) {
      clearProblem();
      // the server writes a position as "(lon, lat)"
      const m = /^\(?\s*(-?[\d.]+)[ ,]+(-?[\d.]+)\s*\)?$/.exec(String(where || '').trim());
      if (!map || !m) return;
      const latlng = L.latLng(Number(m[2]), Number(m[1]));
      problem = L.circleMarker(latlng, { radius: 10, color: '#b00020', weight: 3, fillOpacity: 0.3, pmIgnore: true })
        .bindTooltip(t('edit.geometry.problemHere'), { permanent: true, direction: 'top' }).addTo(map);
      map.panTo(latlng);
    },
    destroy() {
      stopDrawing();
      clearProblem();
      if (layer) layer.remove();
      layer = null;
      if (map) {
        map.off('pm:create', onCreate);
        map.off('pm:drawend', onDrawEnd);
      }
      replaceChildren(element);
    },
  };
}
