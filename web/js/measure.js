// Measuring: a geodesic length (m / km) or area (m², 亩, km²) of a line or polygon drawn with
// Geoman. The running total is shown while drawing; finished measurements stay on the map
// with a label until cleared.

import { h } from './dom.js';
import { t } from './i18n.js';
import { lineLength, polygonArea } from './geodesy.js';
import { fmtArea, fmtLength } from './format.js';

const L = window.L;
const STYLE = { color: '#0072B2', weight: 3, fillColor: '#0072B2', fillOpacity: 0.15, dashArray: '6 4' };

const $ = (id) => document.getElementById(id);

function lonLats(latlngs) {
  return latlngs.map((ll) => [ll.lng, ll.lat]);
}

/** The text for a list of vertices measured as a line or as a polygon. */
function describe(kind, latlngs) {
  const coords = lonLats(latlngs);
  if (kind === 'length') return t('measure.lengthResult', { v: fmtLength(lineLength(coords)) });
  if (coords.length < 3) return t('measure.areaHint');
  return t('measure.areaResult', { v: fmtArea(polygonArea([coords])) });
}

export function createMeasureTool(map, { isDrawing, onDrawStart, onDrawStop }) {
  const box = $('measure-box');
  const text = $('measure-text');
  const finishBtn = $('btn-measure-finish');
  const clearBtn = $('btn-measure-clear');
  const buttons = { length: $('btn-measure-length'), area: $('btn-measure-area') };
  const results = L.featureGroup([], { pmIgnore: true }).addTo(map);
  let kind = null;
  let working = null;

  function setActive(k) {
    kind = k;
    for (const [name, b] of Object.entries(buttons)) b.setAttribute('aria-pressed', String(name === k));
    finishBtn.hidden = !k;
    box.hidden = !k && !results.getLayers().length;
  }

  function liveUpdate() {
    if (!working || !kind) return;
    const latlngs = working.getLatLngs().flat(Infinity);
    text.textContent = latlngs.length ? describe(kind, latlngs) : t(`measure.${kind}Hint`);
  }

  function start(k) {
    if (kind === k) {
      stop();
      return;
    }
    map.pm.disableDraw(); // before onDrawStart: the old tool's pm:drawend must not end this one
    onDrawStart(`measure-${k}`);
    setActive(k);
    text.textContent = t(`measure.${k}Hint`);
    map.pm.enableDraw(k === 'length' ? 'Line' : 'Polygon', {
      snappable: false,
      finishOn: 'dblclick',
      templineStyle: STYLE,
      hintlineStyle: { ...STYLE, dashArray: '2 6' },
      pathOptions: STYLE,
    });
  }

  function stop() {
    if (kind) map.pm.disableDraw();
    working = null;
    setActive(null);
    onDrawStop();
  }

  buttons.length.addEventListener('click', () => start('length'));
  buttons.area.addEventListener('click', () => start('area'));
  finishBtn.addEventListener('click', () => {
    const handler = map.pm.Draw[kind === 'length' ? 'Line' : 'Polygon'];
    if (handler && typeof handler._finishShape === 'function') handler._finishShape();
  });
  clearBtn.addEventListener('click', () => {
    results.clearLayers();
    text.textContent = '';
    if (kind) stop();
    box.hidden = true;
  });

  map.on('pm:drawstart', (e) => {
    if (!isDrawing('measure-length') && !isDrawing('measure-area')) return;
    working = e.workingLayer;
    working.on('pm:vertexadded', liveUpdate);
  });

  map.on('pm:create', (e) => {
    if (!kind || (!isDrawing('measure-length') && !isDrawing('measure-area'))) return;
    const layer = e.layer;
    const latlngs = layer.getLatLngs().flat(Infinity);
    const label = describe(kind, latlngs);
    layer.options.pmIgnore = true;
    results.addLayer(layer);
    layer.bindTooltip(h('span', { text: label }), { permanent: true, direction: 'center', className: 'measure-label' });
    text.textContent = label;
    working = null;
    const finished = kind;
    setActive(null);
    onDrawStop();
    box.hidden = false;
    // Keep measuring the same way: another click on the button starts again.
    buttons[finished].focus();
  });

  map.on('pm:drawend', () => {
    if (kind && !working) return;
    if (kind) {
      working = null;
      setActive(null);
      onDrawStop();
    }
  });

  return {
    stop() {
      if (kind) {
        working = null;
        setActive(null);
      }
    },
    relabel() {
      if (kind) liveUpdate();
    },
  };
}
