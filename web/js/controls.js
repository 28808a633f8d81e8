// Small map controls: the coordinates under the cursor (the map centre on touch screens), a
// metric scale, "locate me", and translated labels for Leaflet's zoom buttons.

import { h } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { toast } from './dom.js';

const L = window.L;

function fmtLonLat(latlng) {
  const lon = latlng.lng;
  const lat = latlng.lat;
  return t('map.coords', {
    lon: Math.abs(lon).toFixed(5), ew: lon >= 0 ? 'E' : 'W',
    lat: Math.abs(lat).toFixed(5), ns: lat >= 0 ? 'N' : 'S',
  });
}

export function addCoordinates(map) {
  const Coords = L.Control.extend({
    options: { position: 'bottomleft' },
    onAdd() {
      const el = h('div', { class: 'coords-control', id: 'coords', 'aria-label': t('map.coordsLabel') });
      L.DomEvent.disableClickPropagation(el);
      return el;
    },
  });
  const control = new Coords().addTo(map);
  const el = control.getContainer();
  const show = (latlng) => {
    el.textContent = fmtLonLat(latlng);
  };
  show(map.getCenter());
  map.on('mousemove', (e) => show(e.latlng));
  map.on('move', () => {
    if (!window.matchMedia('(hover: hover)').matches) show(map.getCenter());
  });
  onLangChange(() => {
    el.setAttribute('aria-label', t('map.coordsLabel'));
    show(map.getCenter());
  });
}

export function labelZoomControl(map) {
  const apply = () => {
    const container = map.zoomControl && map.zoomControl.getContainer();
    if (!container) return;
    const zin = container.querySelector('.leaflet-control-zoom-in');
    const zout = container.querySelector('.leaflet-control-zoom-out');
    for (const [el, key] of [[zin, 'map.zoomIn'], [zout, 'map.zoomOut']]) {
      if (!el) continue;
      el.setAttribute('title', t(key));
      el.setAttribute('aria-label', t(key));
    }
  };
  apply();
  onLangChange(apply);
}

export function setupLocate(map, button) {
  const group = L.layerGroup([], { pmIgnore: true }).addTo(map);
  button.addEventListener('click', () => {
    if (!('geolocation' in navigator)) {
      toast(t('locate.unsupported'), 'error');
      return;
    }
    button.setAttribute('aria-busy', 'true');
    map.locate({ setView: true, maxZoom: 16, enableHighAccuracy: true, timeout: 15000 });
  });
  map.on('locationfound', (e) => {
    button.removeAttribute('aria-busy');
    group.clearLayers();
    L.circle(e.latlng, { radius: e.accuracy, color: '#0072B2', weight: 1, fillOpacity: 0.1, interactive: false, pmIgnore: true }).addTo(group);
    L.circleMarker(e.latlng, { radius: 7, color: '#ffffff', weight: 2, fillColor: '#0072B2', fillOpacity: 1, pmIgnore: true })
      .bindTooltip(h('span', { text: t('locate.here', { m: Math.round(e.accuracy) }) }))
      .addTo(group);
  });
  map.on('locationerror', (e) => {
    button.removeAttribute('aria-busy');
    const insecure = !window.isSecureContext;
    toast(insecure ? t('locate.insecure') : t('locate.failed', { reason: e.message || '' }), 'error');
  });
}
