// The tablet tour at /tour/{token}: one card per stop, swipe or tap between stops, the map flies to
// each stop along the route, photos, notes kept offline and synced (tour-notes.js), "you are here"
// and opening the next stop on arrival, and a download for offline use (see tour-sw.js and
// tour-tiles.js). Everything the page fetches goes through the link (api/tour/{token}/…), so it
// works when the server does not let anonymous callers read. Text from data goes into the page
// through textContent only (dom.js).
import { h, replaceChildren } from './dom.js';
import { initI18n, t, lang, setLang, onLangChange } from './i18n.js';
import { fmtWan, fmtDate, fmtPercent } from './format.js';
import { tourTiles, tileUrl, nearestStop, arrivedAt } from './tour-tiles.js';
import { NoteOutbox, noteId } from './tour-notes.js';
import { putPhoto, getPhoto, downscale } from './tour-note-photos.js';

// each download goes into a cache of its own (name + time), and the older ones of this tour are
// deleted once it is complete: a re-download replaces every file, and a failed one leaves the last
// good copy in place. The service worker answers from any of them.
const CACHE_PREFIX = 'projmap-tour-';
const SWIPE_MIN_PX = 60;
const DOWNLOAD_PARALLEL = 6;
const $ = (id) => document.getElementById(id);

const token = decodeURIComponent(location.pathname.replace(/\/+$/, '').split('/').pop());
const dataUrl = new URL(`api/tour/${encodeURIComponent(token)}`, document.baseURI).href;
const metaKey = `projmap.tour.${token.slice(0, 12)}`;
const cachePrefix = `${CACHE_PREFIX}${token.slice(0, 12)}-`;
const outbox = new NoteOutbox(localStorage, `projmap.tour.notes.${token.slice(0, 12)}`);
const state = { tour: null, index: 0, map: null, stopLayers: [], markers: [], layers: [], here: null, fromCache: false, pin: null,
  arrive: false, watch: null };

/** A URL of the link's own resources (tiles, photos, notes): `rel` as the tour document gives it. */
function linkUrl(rel) {
  return new URL(`api/tour/${encodeURIComponent(token)}/${rel}`, document.baseURI).href;
}

window.projmapTour = { ready: false, state };

function pinHeaders() {
  return state.pin ? { 'X-Tour-Pin': state.pin } : {};
}

async function loadTour() {
  const res = await fetch(dataUrl, { headers: pinHeaders(), cache: 'no-store' });
  if (res.status === 401) {
    const body = await res.json().catch(() => ({}));
    return { pin: body.error || 'pin_required' };
  }
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    return { error: body.error || (res.status === 410 ? 'link_expired' : 'not_found'), status: res.status };
  }
  return { tour: await res.json(), fromCache: res.headers.get('X-Tour-Cache') === 'offline' };
}

function showMessage(kind) {
  $('tour-app').hidden = true;
  $('tour-message').hidden = false;
  const map = { link_expired: 'tour.gone.expired', link_revoked: 'tour.gone.revoked', pin_locked: 'tour.pin.locked' };
  $('message-title').textContent = t(map[kind] || 'tour.gone.notFound');
  $('message-text').textContent = t('tour.gone.ask');
  $('message-title').dataset.error = kind;
}

function askPin(kind) {
  $('tour-app').hidden = true;
  $('tour-message').hidden = false;
  $('message-title').textContent = t(kind === 'pin_wrong' ? 'tour.pin.wrong' : 'tour.pin.title');
  $('message-text').textContent = '';
  $('pin-form').hidden = false;
  $('pin-label').textContent = t('tour.pin.label');
  $('pin-submit').textContent = t('tour.pin.open');
  $('pin-input').focus();
}

async function start() {
  await initI18n();
  registerWorker();
  $('pin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.pin = $('pin-input').value;
    open();
  });
  await open();
}

async function open() {
  let result;
  try {
    result = await loadTour();
  } catch {
    result = { error: 'offline' };
  }
  if (result.pin) return askPin(result.pin);
  if (result.error === 'offline') {
    $('tour-message').hidden = false;
    $('message-title').textContent = t('tour.offline.none');
    $('message-text').textContent = '';
    return;
  }
  if (result.error) return showMessage(result.error);
  $('tour-message').hidden = true;
  state.tour = result.tour;
  render();
  syncNotes();
}

// ---- rendering ------------------------------------------------------------------------------

function render() {
  $('tour-app').hidden = false;
  document.title = `${state.tour.title} · ${t('tour.title')}`;
  labelButtons();
  setupMap();
  const startAt = Number(new URLSearchParams(location.hash.slice(1)).get('stop')) || 1;
  go(Math.min(Math.max(startAt - 1, 0), state.tour.stops.length - 1), false);
  bindControls();
  showBanner();
  performance.mark('tour-first-stop');
  window.projmapTour.ready = true;
}

function labelButtons() {
  $('btn-prev').textContent = `‹ ${t('tour.prev')}`;
  $('btn-next').textContent = `${t('tour.next')} ›`;
  $('btn-overview').textContent = t('tour.overview');
  $('btn-locate').textContent = t('tour.locate');
  $('btn-download').textContent = t('tour.download.button');
  $('btn-arrive').textContent = t(state.arrive ? 'tour.arrive.on' : 'tour.arrive.off');
  $('btn-arrive').setAttribute('aria-pressed', String(state.arrive));
  $('btn-lang').textContent = lang() === 'en' ? '中文' : 'English';
  $('btn-overview-close').textContent = t('tour.close');
  $('btn-download-close').textContent = t('tour.close');
  $('overview-title').textContent = state.tour.title;
  $('download-title').textContent = t('tour.download.title');
}

function name(obj) {
  return obj ? (lang() === 'en' ? obj.en : obj.zh) || obj.zh || obj.code : '';
}

function card(stop) {
  const share = stop.completedShare;
  const verdict = stop.check && stop.check.overall;
  const dates = stop.dates || {};
  const row = (label, value) => (value ? [h('dt', { text: label }), h('dd', { text: value })] : null);
  return [
    h('div', null, h('span', { class: 'n', text: stop.n }), h('h1', { id: 'stop-title', text: stop.name })),
    h('div', { class: 'tags' },
      h('span', { class: 'tag', text: name(stop.category) }),
      h('span', { class: 'tag', text: name(stop.status) }),
      verdict ? h('span', { class: `tag verdict-${verdict}`, id: 'stop-verdict', text: t(`tour.verdict.${verdict}`) }) : null,
      stop.district ? h('span', { class: 'tag', text: stop.district }) : null),
    stop.notes ? [h('h2', { text: t('tour.notes') }), h('p', { class: 'notes', id: 'stop-notes', text: stop.notes })] : null,
    h('h2', { text: t('tour.investment') }),
    h('p', { class: 'bar-label', text: t('tour.investmentOf', { done: fmtWan(stop.completedInvestment ?? 0), total: fmtWan(stop.totalInvestment ?? 0) }) }),
    h('div', { class: 'bar', role: 'img', 'aria-label': share == null ? '' : fmtPercent(share) },
      h('span', { style: { width: `${Math.round((share || 0) * 100)}%` } })),
    h('h2', { text: t('tour.dates') }),
    h('dl', null,
      row(t('tour.plannedStart'), dates.plannedStart && fmtDate(dates.plannedStart)),
      row(t('tour.plannedEnd'), dates.plannedEnd && fmtDate(dates.plannedEnd)),
      row(t('tour.actualStart'), dates.actualStart && fmtDate(dates.actualStart)),
      row(t('tour.actualEnd'), dates.actualEnd && fmtDate(dates.actualEnd)),
      row(t('tour.annualPlan'), stop.annualPlanInvestment != null && fmtWan(stop.annualPlanInvestment)),
      row(t('tour.address'), stop.address)),
    stop.check && stop.check.reasons && stop.check.reasons.length
      ? [h('h2', { text: t('tour.checkReasons') }), h('ul', null, stop.check.reasons.map((r) => h('li', { text: lang() === 'en' ? r.en : r.zh })))]
      : null,
    state.here ? h('p', { id: 'you-are-here', class: 'bar-label', text: state.here }) : null,
    legTo(stop),
    photos(stop),
    notesSection(stop),
  ];
}

/** The way on to the next stop: distance and estimated drive (along the roads layer, or straight line × detour). */
function legTo(stop) {
  const leg = (state.tour.route?.legs || []).find((l) => l.from === stop.n);
  if (!leg) return null;
  const next = state.tour.stops[leg.to - 1];
  return h('p', { id: 'stop-leg', class: 'leg', text: `${t('tour.leg', { n: leg.to, name: next ? next.name : '', distance: km(leg.distanceM), minutes: leg.minutes })} · ${t(leg.routedBy === 'roads' ? 'tour.legRoads' : 'tour.legStraight')}` });
}

function km(m) {
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`;
}

function photos(stop) {
  if (!stop.photos || !stop.photos.length) return null;
  return [h('h2', { text: t('tour.photos') }), h('div', { class: 'photos', id: 'stop-photos' }, stop.photos.map((p) => h('button', {
    type: 'button', class: 'photo', 'aria-label': p.caption || t('tour.photos'),
    onclick: () => showPhoto(p),
  }, h('img', { src: linkUrl(p.thumbnail), alt: p.caption || '', loading: 'lazy', width: 160, height: 120 }))))];
}

function showPhoto(p) {
  replaceChildren($('photo-view'), h('img', { src: linkUrl(p.image), alt: p.caption || '' }), p.caption ? h('p', { text: p.caption }) : null,
    h('button', { type: 'button', class: 'big-btn primary', onclick: () => { $('photo-view').hidden = true; } }, t('tour.close')));
  $('photo-view').hidden = false;
}

/** A note's state for people: pending, sent, or refused (its text, or only its photo). */
function noteStateText(n) {
  return t(n.state === 'refused' && n.part === 'photo' ? 'tour.noteState.photoRefused' : `tour.noteState.${n.state}`);
}

/** The photo kept with a note, shown from the tablet's own store (it works offline). */
function notePhoto(n) {
  const img = h('img', { class: 'note-photo', alt: t('tour.notePhoto'), dataset: { noteId: n.id } });
  getPhoto(n.id).then((blob) => { if (blob) img.src = URL.createObjectURL(blob); }, () => {});
  return img;
}

/** My notes at this stop (kept on the tablet until the server has them) and a box for a new one. */
function notesSection(stop) {
  const mine = outbox.ofStop(stop.n);
  const preview = h('img', { id: 'note-photo-preview', class: 'note-photo', alt: t('tour.notePhoto'), hidden: true });
  // capture="environment": the tablet's back camera opens at once; the gallery stays available
  const file = h('input', { type: 'file', id: 'note-photo', accept: 'image/*', capture: 'environment', class: 'visually-hidden',
    onchange: (e) => {
      const f = e.target.files[0];
      preview.hidden = !f;
      if (f) preview.src = URL.createObjectURL(f);
    } });
  return [
    h('h2', { text: t('tour.myNotes') }),
    mine.length ? h('ul', { class: 'my-notes', id: 'my-notes' }, mine.map((n) => h('li', { dataset: { state: n.state, noteId: n.id } },
      h('span', { text: n.text }), ' ', h('small', { text: noteStateText(n) }), n.photo ? notePhoto(n) : null))) : null,
    h('textarea', { id: 'note-text', rows: 3, 'aria-label': t('tour.myNotes'), placeholder: t('tour.notePlaceholder') }),
    h('div', { class: 'note-actions' },
      file,
      h('label', { for: 'note-photo', class: 'big-btn', id: 'btn-note-photo', tabindex: '0', role: 'button',
        onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); file.click(); } } }, t('tour.notePhotoTake')),
      preview),
    h('button', { type: 'button', id: 'btn-note', class: 'big-btn primary', onclick: () => saveNote(stop) }, t('tour.noteSave')),
  ];
}

async function saveNote(stop) {
  const text = $('note-text').value.trim();
  if (!text) return;
  const file = $('note-photo').files[0];
  const id = noteId();
  if (file) {
    try {
      // the photo is kept before the note, so a note marked "with photo" always has one to send
      await putPhoto(id, await downscale(file));
    } catch (err) {
      $('stop-card').dataset.notePhotoError = String(err);
      alert(t('tour.notePhotoFailed'));
      return;
    }
  }
  outbox.add(stop.n, text, new Date(), { id, photo: !!file });
  go(state.index, false);
  syncNotes();
}

/** Sends a note's photo from the tablet's store; a photo that is gone counts as refused. */
async function sendNotePhoto(note) {
  const blob = await getPhoto(note.id);
  if (!blob) return { status: 404 };
  return fetch(linkUrl(`notes/${encodeURIComponent(note.id)}/photo${state.tour.assetQuery || ''}`),
    { method: 'PUT', headers: { 'Content-Type': blob.type || 'image/jpeg' }, body: blob });
}

let syncing = null;
/** Sends pending notes; one run at a time, and again when the network returns. */
function syncNotes() {
  if (syncing || !state.tour) return syncing;
  const url = linkUrl(state.tour.notes || 'notes');
  syncing = outbox.sync((note) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(note) }),
    sendNotePhoto)
    .then((r) => {
      window.projmapTour.notes = r;
      if (r.sent || r.failed) go(state.index, false);
      return r;
    })
    .finally(() => { syncing = null; });
  return syncing;
}

function go(index, animate = true) {
  const stops = state.tour.stops;
  if (!stops.length) {
    replaceChildren($('stop-card'), h('p', { text: t('tour.empty') }));
    return;
  }
  state.index = (index + stops.length) % stops.length;
  const stop = stops[state.index];
  const el = $('stop-card');
  replaceChildren(el, card(stop));
  el.dataset.stop = String(state.index + 1);
  el.scrollTop = 0;
  $('stop-counter').textContent = `${state.index + 1} / ${stops.length}`;
  $('btn-prev').disabled = stops.length < 2;
  $('btn-next').disabled = stops.length < 2;
  // an absolute path: a bare '#…' would resolve against <base href="../"> and leave the tour's URL
  history.replaceState(null, '', `${location.pathname}${location.search}#stop=${state.index + 1}`);
  state.markers.forEach((m, i) => m.getElement() && m.getElement().classList.toggle('current', i === state.index));
  frame(stop, animate);
}

// ---- map ------------------------------------------------------------------------------------

function setupMap() {
  if (state.map || !window.L) return;
  const map = L.map('tour-map', { zoomControl: true, attributionControl: false, tap: false, minZoom: 8, maxZoom: 18 });
  state.map = map;
  map.createPane('zones').style.zIndex = 350;
  addBasemap(map);
  state.layers = state.tour.layers || [];
  state.layersReady = addZoneLayers(map);
  const legs = state.tour.route?.legs || [];
  if (legs.length) {
    state.routeLayer = L.layerGroup(legs.map((l) => L.polyline(l.line.map(([lon, lat]) => [lat, lon]),
      { color: '#000', weight: 6, opacity: 0.9, dashArray: '14 10', interactive: false, className: 'route-leg' }))).addTo(map);
  }
  state.tour.stops.forEach((s, i) => {
    state.stopLayers.push(!s.geometry ? null : L.geoJSON(s.geometry, {
        style: { color: '#000', weight: 5, fillColor: '#ffd400', fillOpacity: 0.35 },
        pointToLayer: (f, ll) => L.circleMarker(ll, { radius: 10, color: '#000', weight: 4, fillColor: '#ffd400', fillOpacity: 1 }),
      }).addTo(map));
    if (s.center) {
      const marker = L.marker([s.center[1], s.center[0]], {
        icon: L.divIcon({ className: 'stop-marker', html: String(i + 1), iconSize: [48, 48] }),
        keyboard: false,
      }).on('click', () => go(i)).addTo(map);
      state.markers.push(marker);
    }
  });
  const b = state.tour.bbox;
  if (b) map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [40, 40] });
  else map.setView([33.0, 114.0], 11);
}

/** The basemap: through the link (and downloadable) when its terms allow keeping tiles, else online only. */
function addBasemap(map) {
  const b = state.tour.basemap;
  if (!b) return;
  const url = b.offline ? linkUrl(b.tiles) : b.tiles;
  L.tileLayer(url, { maxNativeZoom: 17, maxZoom: 18, attribution: b.attribution || '' }).addTo(map);
}

async function addZoneLayers(map) {
  if (!L.vectorGrid) return;
  for (const layer of state.layers) {
    const style = {
      color: layer.style?.stroke || '#333', weight: Math.max(1.5, layer.style?.strokeWidth || 1.5),
      fill: !!layer.style?.fill, fillColor: layer.style?.fill || undefined, fillOpacity: Math.min(0.5, layer.style?.fillOpacity ?? 0.3),
    };
    L.vectorGrid.protobuf(linkUrl(layer.tiles), {
      rendererFactory: L.canvas.tile,
      vectorTileLayerStyles: new Proxy({}, { get: () => style }),
      pane: 'zones',
      interactive: false,
      maxNativeZoom: 17,
    }).addTo(map);
  }
}

function frame(stop, animate) {
  if (!state.map) return;
  const layer = state.stopLayers[state.tour.stops.indexOf(stop)];
  if (layer) {
    const bounds = layer.getBounds();
    if (animate) state.map.flyToBounds(bounds, { maxZoom: 17, padding: [48, 48], duration: 1.2 });
    else state.map.fitBounds(bounds, { maxZoom: 17, padding: [48, 48] });
  }
}

// ---- controls -------------------------------------------------------------------------------

let bound = false;
function bindControls() {
  if (bound) return;
  bound = true;
  $('btn-next').addEventListener('click', () => go(state.index + 1));
  $('btn-prev').addEventListener('click', () => go(state.index - 1));
  $('btn-overview').addEventListener('click', openOverview);
  $('btn-overview-close').addEventListener('click', () => { $('tour-overview').hidden = true; });
  $('btn-locate').addEventListener('click', locate);
  $('btn-download').addEventListener('click', download);
  $('btn-arrive').addEventListener('click', toggleArrive);
  $('btn-download-close').addEventListener('click', () => { $('tour-download').hidden = true; });
  $('btn-lang').addEventListener('click', () => setLang(lang() === 'en' ? 'zh-CN' : 'en'));
  onLangChange(() => { labelButtons(); go(state.index, false); showBanner(); });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight' || e.key === 'PageDown') go(state.index + 1);
    if (e.key === 'ArrowLeft' || e.key === 'PageUp') go(state.index - 1);
  });
  // swipe on the card: pointer events cover touch, pen and mouse alike; vertical moves scroll
  const card = $('stop-card');
  let startX = null;
  let startY = null;
  card.addEventListener('pointerdown', (e) => {
    // typing or selecting in the notes box is not a swipe
    if (e.target.closest('textarea, button')) { startX = null; return; }
    startX = e.clientX; startY = e.clientY;
  });
  card.addEventListener('pointercancel', () => { startX = null; });
  card.addEventListener('pointerup', (e) => {
    if (startX === null) return;
    const dx = e.clientX - startX;
    const dy = e.clientY - startY;
    startX = null;
    if (Math.abs(dx) >= SWIPE_MIN_PX && Math.abs(dx) > Math.abs(dy) * 1.5) go(state.index + (dx < 0 ? 1 : -1));
  });
}

function openOverview() {
  const list = $('overview-list');
  replaceChildren(list, state.tour.stops.map((s, i) => h('li', null, h('button', {
    type: 'button',
    'aria-current': i === state.index ? 'step' : null,
    dataset: { stop: String(i + 1) },
    onclick: () => { $('tour-overview').hidden = true; go(i); },
  }, `${i + 1}. ${s.name}`))));
  $('tour-overview').hidden = false;
  const b = state.tour.bbox;
  if (state.map && b) state.map.flyToBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [40, 40] });
}

function locate() {
  if (!navigator.geolocation) return;
  navigator.geolocation.getCurrentPosition((pos) => {
    const { longitude: lon, latitude: lat } = pos.coords;
    const n = nearestStop(state.tour.stops, lon, lat);
    if (state.map) {
      if (state.hereMarker) state.hereMarker.remove();
      state.hereMarker = L.circleMarker([lat, lon], { radius: 12, color: '#fff', weight: 4, fillColor: '#0057ff', fillOpacity: 1 }).addTo(state.map);
    }
    if (n) {
      const d = n.distanceM < 1000 ? `${Math.round(n.distanceM)} m` : `${(n.distanceM / 1000).toFixed(1)} km`;
      state.here = t('tour.nearest', { n: n.index + 1, name: state.tour.stops[n.index].name, distance: d });
      go(n.index);
    }
  }, () => {
    state.here = t('tour.noPosition');
    go(state.index, false);
  }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 });
}

/**
 * "Open the next stop on arrival": while on, the tablet's position is watched and the card of a
 * stop opens by itself when the tablet comes within the tour's arrival radius of that site.
 */
function toggleArrive() {
  state.arrive = !state.arrive;
  if (state.arrive && navigator.geolocation) {
    state.watch = navigator.geolocation.watchPosition(onPosition, () => {}, { enableHighAccuracy: true, maximumAge: 5000 });
  } else if (state.watch !== null) {
    navigator.geolocation.clearWatch(state.watch);
    state.watch = null;
  }
  labelButtons();
}

function onPosition(pos) {
  const { longitude: lon, latitude: lat } = pos.coords;
  const i = arrivedAt(state.tour.stops, lon, lat, state.tour.arrivalRadiusM || 150, state.index);
  if (i === null) return;
  state.here = t('tour.arrived', { n: i + 1, name: state.tour.stops[i].name });
  go(i);
}

// ---- offline --------------------------------------------------------------------------------

function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(new URL('tour-sw.js', document.baseURI), { scope: new URL('tour/', document.baseURI).pathname })
    .catch(() => { /* offline use is then unavailable; the tour still works online */ });
}

function readMeta() {
  try {
    return JSON.parse(localStorage.getItem(metaKey) || 'null');
  } catch {
    return null;
  }
}

function showBanner() {
  const meta = readMeta();
  const el = $('tour-banner');
  if (!meta) {
    el.hidden = navigator.onLine;
    el.textContent = navigator.onLine ? '' : t('tour.offline.notDownloaded');
    document.body.classList.toggle('with-banner', !el.hidden);
    return;
  }
  const when = new Date(meta.downloadedAt).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN');
  const current = meta.version === state.tour.version;
  el.hidden = false;
  el.className = navigator.onLine ? 'banner' : 'banner offline';
  el.textContent = t(current ? 'tour.offline.banner' : 'tour.offline.bannerOld', { when, size: mb(meta.bytes) });
  el.dataset.downloadedAt = meta.downloadedAt;
  document.body.classList.add('with-banner');
  if (state.map) state.map.invalidateSize();
}

function mb(bytes) {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** Every URL the tour needs offline: the page and its assets, the tour document, the tiles. */
function offlineUrls() {
  const base = document.baseURI;
  const assets = [
    location.pathname, 'tour.webmanifest', 'tour-icon.svg', 'css/tour.css',
    'js/tour.js', 'js/tour-tiles.js', 'js/tour-notes.js', 'js/tour-note-photos.js', 'js/dom.js', 'js/i18n.js', 'js/format.js',
    'i18n/zh-CN.json', 'i18n/en.json',
    'vendor/leaflet-1.9.4/leaflet.css', 'vendor/leaflet-1.9.4/leaflet.js',
    'vendor/leaflet.vectorgrid-1.3.0/Leaflet.VectorGrid.bundled.min.js',
  ];
  const urls = assets.map((a) => new URL(a, base).href);
  for (const stop of state.tour.stops) {
    for (const p of stop.photos || []) urls.push(linkUrl(p.thumbnail), linkUrl(p.image));
  }
  const tiles = tourTiles(state.tour);
  for (const layer of state.layers) {
    for (const tile of tiles) urls.push(linkUrl(tileUrl(layer.tiles, tile)));
  }
  const b = state.tour.basemap;
  if (b && b.offline) for (const tile of tiles) urls.push(linkUrl(tileUrl(b.tiles, tile)));
  return urls;
}

async function download() {
  if (!('caches' in window)) return;
  $('tour-download').hidden = false;
  const progress = $('download-progress');
  const status = $('download-status');
  delete status.dataset.done;
  const started = performance.now();
  const cacheName = `${cachePrefix}${Date.now()}`;
  const cache = await caches.open(cacheName);
  await state.layersReady;
  // the tour document with the PIN header the page used
  const doc = await fetch(dataUrl, { headers: pinHeaders(), cache: 'no-store' });
  if (!doc.ok) {
    status.textContent = t('tour.download.failed');
    return;
  }
  const docBytes = (await doc.clone().arrayBuffer()).byteLength;
  await cache.put(dataUrl, doc);
  const urls = offlineUrls();
  let done = 0;
  let failed = 0;
  let bytes = docBytes;
  progress.max = urls.length;
  const next = urls.entries();
  const worker = async () => {
    for (const [, url] of next) {
      try {
        // no-cache: the service worker and the HTTP cache both go to the server (ETags make it cheap)
        const res = await fetch(url, { cache: 'no-cache' });
        if (res.ok) {
          bytes += (await res.clone().arrayBuffer()).byteLength;
          await cache.put(url, res);
        } else failed++;
      } catch {
        failed++;
      }
      done++;
      progress.value = done;
      status.textContent = t('tour.download.progress', { done, total: urls.length, size: mb(bytes) });
    }
  };
  await Promise.all(Array.from({ length: DOWNLOAD_PARALLEL }, worker));
  const meta = { downloadedAt: new Date().toISOString(), bytes, files: urls.length + 1, failed, version: state.tour.version,
    seconds: (performance.now() - started) / 1000, cache: cacheName };
  if (!failed) {
    // the new copy is complete: drop this tour's older ones
    for (const name of await caches.keys()) if (name.startsWith(cachePrefix) && name !== cacheName) await caches.delete(name);
  }
  localStorage.setItem(metaKey, JSON.stringify(meta));
  status.textContent = failed ? t('tour.download.partial', { failed, size: mb(bytes) }) : t('tour.download.done', { files: meta.files, size: mb(bytes) });
  status.dataset.done = failed ? 'partial' : 'true';
  status.dataset.bytes = String(bytes);
  status.dataset.files = String(meta.files);
  showBanner();
}

window.addEventListener('online', () => { if (state.tour) { showBanner(); syncNotes(); } });
window.addEventListener('offline', () => state.tour && showBanner());

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
