// Small map controls: the coordinates under the cursor (the map centre on touch screens) in
// lon/lat and, on request, CGCS2000 Gauss–Krüger; a metric scale, "locate me", and translated
// labels for Leaflet's zoom buttons.

import { h } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { toast } from './dom.js';
import { loadProj4, toGaussKruger } from './gauss-kruger.js';

const L = window.L;

function fmtLonLat(latlng) {
  const lon = latlng.lng;
  const lat = latlng.lat;
  return t('map.coords', {
    lon: Math.abs(lon).toFixed(5), ew: lon >= 0 ? 'E' : 'W',
    lat: Math.abs(lat).toFixed(5), ns: lat >= 0 ? 'N' : 'S',
  });
}

const fmtMetres = (v) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });

function fmtGaussKruger(proj4, latlng) {
  const gk = toGaussKruger(proj4, latlng.lng, latlng.lat);
  if (!gk) return t('map.gkOutside');
  return t('map.gkCoords', { zone: gk.zone, epsg: gk.epsg, x: fmtMetres(gk.x), y: fmtMetres(gk.y) });
}

const GK_KEY = 'projmap.gaussKruger';

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
  const container = control.getContainer();
  const el = h('span', { id: 'coords-lonlat' });
  const gkEl = h('span', { id: 'coords-gk', 'data-testid': 'coords-gk', hidden: true });
  const gkBtn = h('button', {
    type: 'button', class: 'coords-toggle', id: 'btn-gk', 'aria-pressed': 'false',
    text: t('map.gkToggle'), title: t('map.gkToggleLabel'), 'aria-label': t('map.gkToggleLabel'),
  });
  container.append(el, gkEl, gkBtn);
  let proj4 = null; // set once loaded and switched on
  let last = map.getCenter();
  const show = (latlng) => {
    last = latlng;
    el.textContent = fmtLonLat(latlng);
    if (proj4) gkEl.textContent = fmtGaussKruger(proj4, latlng);
  };
  async function setGaussKruger(on) {
    gkBtn.setAttribute('aria-pressed', String(on));
    gkEl.hidden = !on;
    try {
      localStorage.setItem(GK_KEY, on ? '1' : '0');
    } catch {
      // private mode: the choice lasts for this page only
    }
    if (!on) {
      proj4 = null;
      return;
    }
    gkEl.textContent = t('map.gkLoading');
    try {
      const lib = await loadProj4();
      if (gkBtn.getAttribute('aria-pressed') === 'true') proj4 = lib;
      show(last);
    } catch {
      gkEl.textContent = '';
      toast(t('map.gkFailed'), 'error');
    }
  }
  gkBtn.addEventListener('click', () => setGaussKruger(gkBtn.getAttribute('aria-pressed') !== 'true'));
  let remembered = false;
  try {
    remembered = localStorage.getItem(GK_KEY) === '1';
  } catch {
    remembered = false;
  }
  if (remembered) setGaussKruger(true);
  show(map.getCenter());
  map.on('mousemove', (e) => show(e.latlng));
  map.on('move', () => {
    if (!window.matchMedia('(hover: hover)').matches) show(map.getCenter());
  });
  onLangChange(() => {
    container.setAttribute('aria-label', t('map.coordsLabel'));
    gkBtn.textContent = t('map.gkToggle');
    gkBtn.title = t('map.gkToggleLabel');
    gkBtn.setAttribute('aria-label', t('map.gkToggleLabel'));
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
