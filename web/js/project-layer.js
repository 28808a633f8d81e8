// Projects on the map: one keyboard-focusable marker per project (at its point, or a point on
// its line/polygon) in a cluster group, plus the line and polygon shapes themselves from zoom
// SHAPES_MIN_ZOOM on. Colour follows the chosen colouring (model.js colouring(): status by
// default, category, or site-check verdict); status and verdict also set the marker's shape.

import { h } from './dom.js';
import { t } from './i18n.js';
import { colouring } from './model.js';
import { categoryLabel, statusLabel, verdictLabel } from './labels.js';

const L = window.L;

/** From this zoom the real line/polygon geometry of a project is drawn besides its marker. */
const SHAPES_MIN_ZOOM = 13;

/** A DivIcon whose element carries an accessible name (Leaflet only sets `title`). */
const NamedDivIcon = L.DivIcon.extend({
  createIcon(oldIcon) {
    const div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
    if (this.options.label) div.setAttribute('aria-label', this.options.label);
    return div;
  },
});

/** The label of a colouring key, for legends and marker names. */
export function colourKeyLabel(mode, key) {
  if (mode === 'category') return categoryLabel(key);
  if (mode === 'compliance') return key === 'unchecked' ? t('colourBy.unchecked') : verdictLabel(key);
  return statusLabel(key);
}

let scheme = colouring('status');

function markerIcon(p, selected) {
  const key = scheme.keyOf(p);
  const token = scheme.token(key);
  return new NamedDivIcon({
    className: ['project-marker', token, selected ? 'is-selected' : null].filter(Boolean).join(' '),
    html: h('span', { class: 'dot', style: { '--c': scheme.colour(key) } }),
    iconSize: selected ? [26, 26] : [18, 18],
    label: `${p.props.name ?? p.id} · ${colourKeyLabel(scheme.mode, key)}`,
  });
}

function clusterIcon(cluster) {
  const n = cluster.getChildCount();
  const size = n < 10 ? 32 : n < 100 ? 40 : 48;
  return new NamedDivIcon({
    className: 'project-cluster',
    html: h('span', { text: String(n) }),
    iconSize: [size, size],
    label: t('map.clusterLabel', { n }),
  });
}

/**
 * `coveredBy()` answers {right, bottom}: how many pixels of the map the drawer covers, so a
 * selected project is brought into the part of the map that can be seen.
 */
export function createProjectLayer(map, { onSelect, coveredBy = () => ({ right: 0, bottom: 0 }) }) {
  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    disableClusteringAtZoom: 15,
    spiderfyOnMaxZoom: true,
    chunkedLoading: true,
    iconCreateFunction: clusterIcon,
    pmIgnore: true,
  });
  const shapes = L.layerGroup([], { pmIgnore: true });
  const markers = new Map(); // id -> marker
  const shapeLayers = new Map(); // id -> L.GeoJSON
  const byId = new Map();
  let selectedId = null;
  let visible = true;

  function shapeFor(p) {
    const g = p.geometry;
    if (!g || g.type === 'Point' || g.type === 'MultiPoint') return null;
    const colour = scheme.colour(scheme.keyOf(p));
    const layer = L.geoJSON({ type: 'Feature', geometry: g, properties: {} }, {
      pmIgnore: true,
      style: () => ({ color: colour, weight: 4, opacity: 0.9, fillColor: colour, fillOpacity: 0.25, className: 'project-shape' }),
    });
    layer.on('click', (e) => {
      L.DomEvent.stop(e);
      onSelect(p.id, { pan: false });
    });
    return layer;
  }

  function markerFor(p) {
    const m = L.marker([p.point[1], p.point[0]], {
      icon: markerIcon(p, false),
      title: String(p.props.name ?? p.id),
      keyboard: true,
      riseOnHover: true,
      pmIgnore: true,
    });
    m.on('click', () => onSelect(p.id, { pan: false }));
    // Leaflet makes markers focusable buttons but only turns Enter into opening a popup.
    m.on('keypress', (e) => {
      const key = e.originalEvent && e.originalEvent.key;
      if (key === 'Enter' || key === ' ') onSelect(p.id, { pan: false });
    });
    return m;
  }

  function updateShapesVisibility() {
    const show = visible && map.getZoom() >= SHAPES_MIN_ZOOM;
    if (show && !map.hasLayer(shapes)) shapes.addTo(map);
    if (!show && map.hasLayer(shapes)) shapes.remove();
  }
  map.on('zoomend', updateShapesVisibility);

  function ensureMarker(p) {
    let m = markers.get(p.id);
    if (!m) {
      m = markerFor(p);
      markers.set(p.id, m);
    }
    return m;
  }

  function ensureShape(p) {
    let s = shapeLayers.get(p.id);
    if (s === undefined) {
      s = shapeFor(p);
      shapeLayers.set(p.id, s);
    }
    return s;
  }

  // A project opened from a shared link or the search may lie outside the filter: it is still
  // drawn, on its own, while it is selected.
  const extra = L.layerGroup([], { pmIgnore: true }).addTo(map);
  let shown = new Set();
  let lastList = [];
  function syncExtra() {
    extra.clearLayers();
    const p = selectedId && byId.get(selectedId);
    if (!p || shown.has(p.id) || !visible) return;
    if (p.point) extra.addLayer(ensureMarker(p));
    const s = ensureShape(p);
    if (s) extra.addLayer(s);
  }

  return {
    /** Shows exactly these projects. */
    setProjects(list) {
      lastList = list;
      extra.clearLayers();
      cluster.clearLayers();
      shapes.clearLayers();
      shown = new Set(list.map((p) => p.id));
      const ms = [];
      for (const p of list) {
        byId.set(p.id, p);
        if (!p.point) continue;
        const m = ensureMarker(p);
        if (p.id === selectedId) m.setIcon(markerIcon(p, true));
        ms.push(m);
        const s = ensureShape(p);
        if (s) shapes.addLayer(s);
      }
      cluster.addLayers(ms);
      syncExtra();
      updateShapesVisibility();
    },

    /** Marks one project (or none: null) as selected — bigger marker — and brings it into view. */
    select(p, { pan = true } = {}) {
      const prev = selectedId && byId.get(selectedId);
      if (prev && markers.get(prev.id)) markers.get(prev.id).setIcon(markerIcon(prev, false));
      selectedId = p ? p.id : null;
      if (p) byId.set(p.id, p);
      syncExtra();
      if (!p) return;
      const m = p.point ? ensureMarker(p) : null;
      if (m) m.setIcon(markerIcon(p, true));
      if (!pan) return;
      const cover = coveredBy();
      const s = ensureShape(p);
      const centreOn = (latlng) => {
        const target = map.project(latlng).add([cover.right / 2, cover.bottom / 2]);
        map.panTo(map.unproject(target));
      };
      if (s) {
        map.fitBounds(s.getBounds(), {
          maxZoom: 16, paddingTopLeft: [40, 40], paddingBottomRight: [40 + cover.right, 40 + cover.bottom],
        });
      } else if (m && cluster.hasLayer(m)) cluster.zoomToShowLayer(m, () => centreOn(m.getLatLng()));
      else if (p.point) {
        map.setZoom(Math.max(map.getZoom(), 15), { animate: false });
        centreOn(L.latLng(p.point[1], p.point[0]));
      }
    },

    /** Colours the projects another way (a model.js colouring()); markers and shapes are redrawn. */
    setColouring(c) {
      scheme = c;
      markers.clear();
      shapeLayers.clear();
      this.setProjects(lastList);
    },

    /** Re-labels markers after a language switch. */
    relabel() {
      for (const [id, m] of markers) {
        const p = byId.get(id);
        if (p) m.setIcon(markerIcon(p, id === selectedId));
      }
      cluster.refreshClusters();
    },

    setVisible(on) {
      visible = on;
      if (on) cluster.addTo(map);
      else cluster.remove();
      syncExtra();
      updateShapesVisibility();
    },

    isVisible: () => visible,
    addTo() {
      cluster.addTo(map);
      updateShapesVisibility();
    },
  };
}
