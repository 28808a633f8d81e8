// Planning layers from the catalogue (GET /api/layers) and the layers panel with legends; the
// projects' own legend follows the colouring chosen there (status, category or compliance).
//
// Each catalogue entry is read tolerantly: id; title as {zh,en}, titleZh/titleEn or text; kind
// (boundary | restriction | zoning); style {fill, stroke, classes:[{value,label,colour}],
// property}; tiles (an XYZ .mvt URL template) and/or tilejson. How a layer is drawn:
//   - with a tiles URL: Mapbox Vector Tiles through VectorGrid;
//   - a boundary layer without tiles: its whole GeoJSON once (a few polygons);
//   - any other layer without tiles: GeoJSON for the visible bbox from GEOJSON_MIN_ZOOM on, since
//     10^5 farmland or zoning parcels cannot be drawn for the whole city at once.

import { h, replaceChildren, safeColour, debounce, escapeHtml, toast } from './dom.js';
import { t, pickText } from './i18n.js';
import { api } from './api.js';
import { COLOUR_MODES } from './model.js';

const L = window.L;
const GEOJSON_MIN_ZOOM = 14;
/** Up to this many features a layer without tiles is drawn whole, at any zoom. */
const WHOLE_LAYER_MAX_FEATURES = 3000;

const KIND_DEFAULTS = {
  boundary: { stroke: '#0072B2', fill: '#0072B2', fillOpacity: 0.03, weight: 2.5, dashArray: '8 5' },
  restriction: { stroke: '#8C7D00', fill: '#F0E442', fillOpacity: 0.45, weight: 1 },
  zoning: { stroke: '#ffffff', fill: '#cccccc', fillOpacity: 0.6, weight: 0.5 },
  other: { stroke: '#555555', fill: '#aaaaaa', fillOpacity: 0.3, weight: 1 },
};

function firstString(...values) {
  for (const v of values) {
    if (typeof v === 'string' && v) return v;
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  }
  return null;
}

/** One catalogue entry in the shape this module uses. */
export function normaliseLayer(e) {
  if (!e || typeof e !== 'object') return null;
  const id = firstString(e.id, e.name);
  if (!id) return null;
  const kind = firstString(e.kind, e.type) || 'other';
  const style = e.style && typeof e.style === 'object' ? e.style : {};
  const classes = (Array.isArray(style.classes) ? style.classes : Array.isArray(e.legend) ? e.legend : Array.isArray(e.legend?.classes) ? e.legend.classes : [])
    .map((c) => ({
      value: c.value ?? c.code ?? c.key,
      label: c.label ?? c.name ?? c.title,
      colour: safeColour(c.colour ?? c.color ?? c.fill, null),
    }))
    .filter((c) => c.colour);
  const d = KIND_DEFAULTS[kind] || KIND_DEFAULTS.other;
  // An explicit "fill": null means an outline only (the server's boundary layers).
  const noFill = Object.prototype.hasOwnProperty.call(style, 'fill') && style.fill === null;
  const featureCount = Number.isFinite(e.featureCount) ? e.featureCount : null;
  return {
    id,
    raw: e,
    kind,
    title: () => pickText(e.title) || pickText({ zh: e.titleZh, en: e.titleEn }) || id,
    stroke: safeColour(style.stroke ?? style.color ?? style.colour, d.stroke),
    fill: safeColour(style.fill ?? style.fillColor ?? style.fillColour, d.fill),
    fillOpacity: noFill ? 0 : Number.isFinite(style.fillOpacity) ? style.fillOpacity : d.fillOpacity,
    weight: Number.isFinite(style.weight) ? style.weight : Number.isFinite(style.strokeWidth) ? style.strokeWidth : d.weight,
    dashArray: typeof style.dashArray === 'string' ? style.dashArray : d.dashArray,
    property: firstString(style.property, style.field, style.attribute, e.property) || 'code',
    // Longest values first, so "070101" wins over "07" in prefix matching.
    classes: classes.sort((a, b) => String(b.value ?? '').length - String(a.value ?? '').length),
    tiles: firstString(e.tiles, e.tileUrl, e.tilesUrl, e.urls?.tiles),
    geojson: firstString(e.urls?.geojson, e.geojson),
    // Small layers are fetched whole at any zoom; large ones by bounding box when zoomed in.
    small: featureCount !== null && featureCount <= WHOLE_LAYER_MAX_FEATURES,
    minZoom: Number.isFinite(e.minZoom) ? e.minZoom : Number.isFinite(e.minzoom) ? e.minzoom : null,
    maxZoom: Number.isFinite(e.maxZoom) ? e.maxZoom : Number.isFinite(e.maxzoom) ? e.maxzoom : null,
    defaultVisible: typeof e.visible === 'boolean' ? e.visible
      : typeof e.defaultVisible === 'boolean' ? e.defaultVisible : kind === 'boundary',
  };
}

/** The fill colour for a feature's properties: exact class value, else the longest prefix. */
export function classColour(layer, props) {
  if (!layer.classes.length || !props) return layer.fill;
  const v = props[layer.property] ?? props.code ?? props.class;
  if (v === undefined || v === null) return layer.fill;
  const s = String(v);
  for (const c of layer.classes) if (String(c.value) === s) return c.colour;
  for (const c of layer.classes) if (c.value !== undefined && c.value !== '' && s.startsWith(String(c.value))) return c.colour;
  return layer.fill;
}

function pathStyle(layer, props) {
  return {
    color: layer.stroke,
    weight: layer.weight,
    opacity: 0.9,
    fill: layer.kind !== 'boundary' || layer.fillOpacity > 0,
    fillColor: classColour(layer, props),
    fillOpacity: layer.fillOpacity,
    dashArray: layer.dashArray,
  };
}

/** "R2 二类居住用地": the code, then the label unless the label already starts with the code. */
function classText(c) {
  const value = c.value === undefined || c.value === null ? '' : String(c.value);
  const label = pickText(c.label, 'label');
  if (!label) return value;
  return !value || label.startsWith(value) ? label : `${value} ${label}`;
}

function featurePopup(layer, props) {
  const entries = Object.entries(props || {}).filter(([, v]) => v !== null && typeof v !== 'object').slice(0, 12);
  return h('div', { class: 'feature-popup' },
    h('strong', { text: layer.title() }),
    h('dl', { class: 'attrs attrs-compact' }, entries.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: String(v) })])));
}

export function createZones(map, { onProjectsToggle, onColourBy = () => {} }) {
  const body = document.getElementById('layers-body');
  map.createPane('zones').style.zIndex = 350;
  map.createPane('boundaries').style.zIndex = 380;
  const zoneRenderer = L.canvas({ pane: 'zones', padding: 0.2 });

  let layers = [];
  const mapLayers = new Map(); // id -> Leaflet layer
  const bboxState = new Map(); // id -> {abort, loaded: L.LatLngBounds}
  const visible = new Set();
  let basemap = null;
  let basemapOn = true;
  /** The projects' legend: {mode, items: [{key, colour, token, label, count}], note}. */
  let projectLegend = { mode: 'status', items: [], note: null };
  let projectsOn = true;

  function visibleFromUrl() {
    const p = new URLSearchParams(location.search).get('layers');
    return p === null ? null : new Set(p.split(',').filter(Boolean));
  }

  function writeUrl() {
    const url = new URL(location.href);
    const defaults = layers.filter((l) => l.defaultVisible).map((l) => l.id).sort().join(',');
    const now = [...visible].sort().join(',');
    if (now === defaults) url.searchParams.delete('layers');
    else url.searchParams.set('layers', now);
    history.replaceState(history.state, '', url);
  }

  function vectorTileLayer(layer) {
    const style = (props) => pathStyle(layer, props);
    // Any source-layer name inside the tile gets the same style function.
    const styles = new Proxy({}, { get: () => style });
    const vg = L.vectorGrid.protobuf(layer.tiles, {
      rendererFactory: L.canvas.tile,
      vectorTileLayerStyles: styles,
      interactive: true,
      pane: 'zones',
      minZoom: layer.minZoom ?? 0,
      maxNativeZoom: layer.maxZoom ?? undefined,
      pmIgnore: true,
    });
    vg.on('click', (e) => {
      if (map.pm && map.pm.globalDrawModeEnabled()) return;
      L.popup().setLatLng(e.latlng).setContent(featurePopup(layer, e.layer && e.layer.properties)).openOn(map);
    });
    return vg;
  }

  function geoJsonLayer(layer) {
    const isBoundary = layer.kind === 'boundary';
    return L.geoJSON(null, {
      pane: isBoundary ? 'boundaries' : 'zones',
      renderer: isBoundary ? undefined : zoneRenderer,
      interactive: !isBoundary,
      pmIgnore: true,
      style: (f) => pathStyle(layer, f && f.properties),
      onEachFeature: isBoundary ? undefined : (f, lyr) => {
        lyr.on('click', (e) => {
          if (map.pm && map.pm.globalDrawModeEnabled()) return;
          L.popup().setLatLng(e.latlng).setContent(featurePopup(layer, f.properties)).openOn(map);
        });
      },
    });
  }

  function usesBbox(layer) {
    return !layer.tiles && layer.kind !== 'boundary' && !layer.small;
  }

  async function loadWhole(layer, lyr) {
    if (lyr._projmapLoaded) return;
    lyr._projmapLoaded = true;
    try {
      lyr.addData(await api.zones(layer.id, null, undefined, layer.geojson));
    } catch {
      lyr._projmapLoaded = false;
      toast(t('layers.loadError', { title: layer.title() }), 'error');
    }
  }

  async function loadBbox(layer, lyr) {
    const state = bboxState.get(layer.id) || {};
    bboxState.set(layer.id, state);
    if (map.getZoom() < GEOJSON_MIN_ZOOM) {
      if (state.abort) state.abort.abort();
      lyr.clearLayers();
      state.loaded = null;
      renderPanel();
      return;
    }
    const view = map.getBounds();
    if (state.loaded && state.loaded.contains(view)) return;
    const padded = view.pad(0.25);
    if (state.abort) state.abort.abort();
    state.abort = new AbortController();
    try {
      const bbox = [padded.getWest(), padded.getSouth(), padded.getEast(), padded.getNorth()];
      const data = await api.zones(layer.id, bbox, state.abort.signal, layer.geojson);
      lyr.clearLayers();
      lyr.addData(data);
      state.loaded = padded;
    } catch (e) {
      if (e.name !== 'AbortError') toast(t('layers.loadError', { title: layer.title() }), 'error');
    }
    renderPanel();
  }

  const refreshBboxLayers = debounce(() => {
    for (const layer of layers) {
      if (visible.has(layer.id) && usesBbox(layer)) loadBbox(layer, mapLayers.get(layer.id));
    }
  }, 300);
  map.on('moveend', refreshBboxLayers);

  function setVisible(layer, on) {
    let lyr = mapLayers.get(layer.id);
    if (on) {
      visible.add(layer.id);
      if (!lyr) {
        lyr = layer.tiles ? vectorTileLayer(layer) : geoJsonLayer(layer);
        mapLayers.set(layer.id, lyr);
      }
      lyr.addTo(map);
      if (!layer.tiles) {
        if (usesBbox(layer)) loadBbox(layer, lyr);
        else loadWhole(layer, lyr);
      }
    } else {
      visible.delete(layer.id);
      if (lyr) lyr.remove();
    }
  }

  // ---- panel ----

  function swatch(fill, stroke, extraClass) {
    return h('span', { class: ['swatch', extraClass], 'aria-hidden': 'true', style: { background: fill, borderColor: stroke } });
  }

  function legendFor(layer) {
    if (layer.classes.length) {
      const items = [...layer.classes]
        // Code order as planners read it: 01, 07, 0801, 0804, 09 … (plain string order).
        .sort((a, b) => (String(a.value ?? '') < String(b.value ?? '') ? -1 : 1))
        .map((c) => h('li', null, swatch(c.colour, layer.stroke), h('span', { text: classText(c) })));
      return h('details', { class: 'legend-details' },
        h('summary', { text: t('layers.legendCount', { n: items.length }) }),
        h('ul', { class: 'legend' }, items),
        layer.kind === 'zoning' ? h('p', { class: 'muted small', text: t('layers.colourNote') }) : null);
    }
    return null;
  }

  function zoomNote(layer) {
    if (!visible.has(layer.id)) return null;
    if (usesBbox(layer) && map.getZoom() < GEOJSON_MIN_ZOOM) return t('layers.zoomIn', { z: GEOJSON_MIN_ZOOM });
    if (layer.tiles && layer.minZoom && map.getZoom() < layer.minZoom) return t('layers.zoomIn', { z: layer.minZoom });
    return null;
  }

  function renderPanel() {
    const projectItems = projectLegend.items.map((it) => h('li', { dataset: { key: it.key } },
      h('span', { class: ['legend-marker', it.token], style: { '--c': it.colour }, 'aria-hidden': 'true' }),
      h('span', { text: `${it.label} (${it.count})` })));
    const zoneItems = layers.map((layer) => {
      const id = `layer-toggle-${layer.id}`;
      const note = zoomNote(layer);
      return h('li', { class: 'layer-item' },
        h('div', { class: 'layer-row' },
          h('input', {
            type: 'checkbox', id, checked: visible.has(layer.id), dataset: { layer: layer.id },
            onchange: (e) => {
              setVisible(layer, e.target.checked);
              writeUrl();
              renderPanel();
            },
          }),
          h('label', { for: id },
            swatch(layer.classes.length ? 'linear-gradient(90deg,#FFFF2D,#FF0000,#00FF00,#338EC0)' : layer.fill, layer.stroke,
              layer.kind === 'boundary' ? 'swatch-line' : null),
            h('span', { text: layer.title() }))),
        note ? h('p', { class: 'layer-note', text: note }) : null,
        legendFor(layer));
    });
    replaceChildren(body,
      h('section', { class: 'layer-group' },
        h('h3', { text: t('layers.projects') }),
        h('div', { class: 'layer-row' },
          h('input', {
            type: 'checkbox', id: 'layer-toggle-projects', checked: projectsOn,
            onchange: (e) => {
              projectsOn = e.target.checked;
              onProjectsToggle(projectsOn);
            },
          }),
          h('label', { for: 'layer-toggle-projects', text: t(`colourBy.layer.${projectLegend.mode}`) })),
        h('div', { class: 'layer-row colour-by' },
          h('label', { for: 'colour-by', text: t('colourBy.label') }),
          h('select', {
            id: 'colour-by', 'data-testid': 'colour-by',
            onchange: (e) => onColourBy(e.target.value),
          }, COLOUR_MODES.map((m) => {
            const o = h('option', { value: m, text: t(`colourBy.${m}`) });
            if (m === projectLegend.mode) o.selected = true;
            return o;
          }))),
        projectLegend.note ? h('p', { class: 'layer-note', role: 'status', text: projectLegend.note }) : null,
        h('ul', { class: 'legend', id: 'project-legend', 'data-testid': 'project-legend' }, projectItems)),
      h('section', { class: 'layer-group' },
        h('h3', { text: t('layers.planning') }),
        layers.length ? h('ul', { class: 'layer-list' }, zoneItems) : h('p', { class: 'muted', text: t('layers.none') })),
      basemap ? h('section', { class: 'layer-group' },
        h('h3', { text: t('layers.basemap') }),
        h('div', { class: 'layer-row' },
          h('input', {
            type: 'checkbox', id: 'layer-toggle-basemap', checked: basemapOn,
            onchange: (e) => {
              basemapOn = e.target.checked;
              if (basemapOn) basemap.addTo(map);
              else basemap.remove();
            },
          }),
          h('label', { for: 'layer-toggle-basemap', text: t('layers.basemapOn') }))) : null);
  }

  map.on('zoomend', () => {
    if (layers.some((l) => visible.has(l.id))) renderPanel();
  });

  return {
    /** Installs the configured basemap ({url, attribution}), if any. */
    setBasemap(config) {
      const b = config && config.basemap;
      if (!b || typeof b.url !== 'string' || !b.url) return;
      // Leaflet inserts attribution as HTML: it comes from the server's configuration, but is
      // still escaped so that no configured text can run as markup.
      basemap = L.tileLayer(b.url, {
        attribution: escapeHtml(pickText(b.attribution) || ''),
        maxZoom: Number.isFinite(b.maxZoom) ? b.maxZoom : 19,
        subdomains: b.subdomains || 'abc',
        pmIgnore: true,
      }).addTo(map);
      renderPanel();
    },

    setCatalogue(entries) {
      layers = entries.map(normaliseLayer).filter((l) => l && l.kind !== 'projects' && l.id !== 'projects');
      const fromUrl = visibleFromUrl();
      for (const layer of layers) {
        const on = fromUrl ? fromUrl.has(layer.id) : layer.defaultVisible;
        if (on) setVisible(layer, true);
      }
      renderPanel();
    },

    setProjectLegend(legend) {
      const focused = document.activeElement && document.activeElement.id === 'colour-by';
      projectLegend = legend;
      renderPanel();
      if (focused) document.getElementById('colour-by')?.focus();
    },

    relabel: renderPanel,
    list: () => layers,
  };
}
