// /tours: planners prepare a tour — title, date, audience, stops picked on the map or from the
// register in order (drag to reorder), talking points per stop — see its route and travel times,
// publish or revoke its read-only link, read the notes taken on the tablets, delete it.
// Per stop, the planner picks which of the project's photos the tablet's card shows, in order.
import { h, replaceChildren } from './dom.js';
import { initI18n, apply, t } from './i18n.js';
import { send } from './auth.js';
import { togglePick, movePick, pickerOrder } from './photo-picks.js';

/** What a stop's card shows when nothing is picked (TourSettings.photosPerStop). */
const NEWEST_PHOTOS = 6;
/** TourService.MAX_CHOSEN_PHOTOS */
const MAX_PICKS = 12;
const projectPhotos = new Map(); // projectId → Promise of its photos (oldest first, as the API lists them)

const $ = (id) => document.getElementById(id);
let projects = [];
let editing = null; // {id, version} of the tour in the form, or null for a new one
let stops = []; // [{projectId, name, notes, photoIds}]
let map = null;
let routeLayer = null;

async function api(method, path, body) {
  // the session cookie and its CSRF token (auth.js); a planner's account is needed (401/403 otherwise)
  const res = await send(method, path, body);
  const data = res.status === 204 ? {} : await res.json().catch(() => ({}));
  if (res.status === 401) location.href = `login.html?next=${encodeURIComponent(location.pathname)}`;
  if (!res.ok) throw new Error(data.message || `HTTP ${res.status}`);
  return data;
}

function say(text) {
  $('message').textContent = text;
}

function projectOf(id) {
  return projects.find((f) => f.id === id);
}

function nameOf(id) {
  const p = projectOf(id);
  return p ? p.properties.name : `#${id}`;
}

async function loadList() {
  const tours = await api('GET', 'api/tours');
  replaceChildren($('tour-list'), tours.map((tour) => h('li', null,
    h('button', { type: 'button', dataset: { tourId: String(tour.id) }, onclick: () => edit(tour) },
      `${tour.title} · ${tour.date || ''} · ${t('tours.stopCount', { n: tour.stops.length })}`))));
}

function edit(tour) {
  editing = tour ? { id: tour.id, version: tour.version } : null;
  $('f-title').value = tour ? tour.title : '';
  $('f-date').value = tour && tour.date ? tour.date : '';
  $('f-audience').value = tour && tour.audience ? tour.audience : '';
  stops = tour ? tour.stops.map((s) => ({ projectId: s.projectId, name: nameOf(s.projectId), notes: s.notes || '', photoIds: s.photoIds || [] })) : [];
  $('editor-title').textContent = tour ? tour.title : t('tours.new');
  $('publish-box').hidden = !tour;
  $('notes-box').hidden = !tour;
  $('f-delete').hidden = !tour;
  $('f-delete').textContent = t('tours.delete');
  delete $('f-delete').dataset.armed;
  $('p-result').textContent = '';
  $('route-summary').textContent = '';
  drawStops();
  if (tour) {
    loadRoute(tour.id);
    loadNotes(tour.id);
  }
}

function move(i, by) {
  const j = i + by;
  if (j < 0 || j >= stops.length) return;
  [stops[i], stops[j]] = [stops[j], stops[i]];
  drawStops();
}

function drawStops() {
  replaceChildren($('f-stops'), stops.map((s, i) => h('li', { dataset: { projectId: String(s.projectId), index: String(i) } },
    h('span', { class: 'handle', title: t('tours.drag'), 'aria-label': t('tours.drag'), onpointerdown: (e) => startDrag(e, i) }, '≡'),
    h('strong', { text: s.name }),
    h('button', { type: 'button', 'aria-label': t('tours.up'), onclick: () => move(i, -1) }, '↑'),
    h('button', { type: 'button', 'aria-label': t('tours.down'), onclick: () => move(i, 1) }, '↓'),
    h('button', { type: 'button', 'aria-label': t('tours.remove'), onclick: () => { stops.splice(i, 1); drawStops(); } }, '✕'),
    h('textarea', { 'aria-label': t('tours.notes'), placeholder: t('tours.notes'), oninput: (e) => { s.notes = e.target.value; } }, s.notes),
    photoPicker(s))));
  drawLine();
}

function photosOf(projectId) {
  if (!projectPhotos.has(projectId)) projectPhotos.set(projectId, api('GET', `api/projects/${projectId}/photos`));
  return projectPhotos.get(projectId);
}

/** The stop's photos to pick (tap or Enter/Space toggles; ←/→ move a pick), filled in when they have loaded. */
function photoPicker(s) {
  const box = h('div', { class: 'stop-photos' });
  photosOf(s.projectId).then((photos) => drawPicker(box, s, photos), (err) => say(err.message));
  return box;
}

function drawPicker(box, s, photos, focusId = null) {
  const redraw = (picks, id) => { s.photoIds = picks; drawPicker(box, s, photos, id); };
  const n = s.photoIds.length;
  const hint = !photos.length ? t('tours.photosNone') : n ? t('tours.photosChosen', { n }) : t('tours.photosDefault', { n: NEWEST_PHOTOS });
  replaceChildren(box,
    h('h4', { text: t('tours.photos') }),
    h('p', { class: 'photo-hint', text: hint }),
    h('ul', { class: 'photo-picker' }, pickerOrder(photos, s.photoIds).map((p, i) => {
      const place = s.photoIds.indexOf(p.id) + 1;
      return h('li', { dataset: { photoId: String(p.id) } },
        h('button', {
          type: 'button', class: 'pick', 'aria-pressed': String(place > 0), 'aria-label': p.caption || t('tours.photoPick', { n: i + 1 }),
          onclick: () => redraw(togglePick(s.photoIds, p.id, MAX_PICKS), p.id),
        }, h('img', { src: `api/photos/${encodeURIComponent(p.id)}/thumbnail`, alt: '', loading: 'lazy' }),
        place ? h('span', { class: 'place', text: String(place) }) : null),
        place ? h('span', { class: 'order' },
          h('button', { type: 'button', class: 'earlier', 'aria-label': t('tours.photoEarlier'), onclick: () => redraw(movePick(s.photoIds, p.id, -1), p.id) }, '←'),
          h('button', { type: 'button', class: 'later', 'aria-label': t('tours.photoLater'), onclick: () => redraw(movePick(s.photoIds, p.id, 1), p.id) }, '→')) : null);
    })));
  // a keyboard user stays on the photo they acted on
  if (focusId !== null) box.querySelector(`li[data-photo-id="${focusId}"] .pick`)?.focus();
}

/**
 * Drag to reorder with pointer events (mouse, pen and touch alike; HTML5 drag-and-drop does not
 * work with touch): the row follows the pointer among its siblings, and the order is taken from
 * the list when the pointer is released.
 */
function startDrag(e, from) {
  e.preventDefault();
  const list = $('f-stops');
  const row = list.children[from];
  row.classList.add('dragging');
  const onMove = (ev) => {
    const over = document.elementFromPoint(ev.clientX, ev.clientY)?.closest('#f-stops > li');
    if (!over || over === row) return;
    const r = over.getBoundingClientRect();
    list.insertBefore(row, ev.clientY < r.top + r.height / 2 ? over : over.nextSibling);
  };
  const onUp = () => {
    document.removeEventListener('pointermove', onMove);
    document.removeEventListener('pointerup', onUp);
    row.classList.remove('dragging');
    stops = [...list.children].map((li) => stops[Number(li.dataset.index)]);
    drawStops();
  };
  document.addEventListener('pointermove', onMove);
  document.addEventListener('pointerup', onUp);
}

function addStop(p) {
  stops.push({ projectId: p.id, name: p.properties.name, notes: '', photoIds: [] });
  drawStops();
}

function search() {
  const q = $('f-search').value.trim();
  const hits = q ? projects.filter((p) => p.properties.name.includes(q) || String(p.properties.code).includes(q)).slice(0, 10) : [];
  replaceChildren($('f-results'), hits.map((p) => h('li', null, h('button', {
    type: 'button',
    onclick: () => addStop(p),
  }, `+ ${p.properties.name}`))));
}

// ---- map: pick stops by clicking projects, see the route ---------------------------------------

function centreOf(f) {
  return f && f.pick ? f.pick.getLatLng() : null;
}

/** Project sites as outlines, each with a pin (a DOM marker: a big, sure click target) that adds it as a stop. */
function setupMap() {
  if (!window.L) return;
  map = L.map('tour-map-planner', { zoomControl: true, attributionControl: false });
  const outlines = L.geoJSON({ type: 'FeatureCollection', features: projects.filter((f) => f.geometry) }, {
    style: { color: '#000', weight: 2, fillColor: '#0072b2', fillOpacity: 0.3 },
    pointToLayer: (f, ll) => L.circleMarker(ll, { radius: 4, color: '#000', weight: 1, fillColor: '#0072b2', fillOpacity: 0.9 }),
    interactive: false,
  }).addTo(map);
  // a map needs its view before markers get their elements
  if (outlines.getLayers().length) map.fitBounds(outlines.getBounds());
  else map.setView([33.0, 114.0], 11);
  outlines.eachLayer((layer) => {
    const p = projectOf(layer.feature.id);
    if (!p) return;
    const at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
    p.pick = L.marker(at, {
      icon: L.divIcon({ className: 'project-pick', iconSize: [18, 18] }),
      title: p.properties.name,
      keyboard: true,
    }).on('click', () => { addStop(p); say(`+ ${p.properties.name}`); }).addTo(map);
    p.pick.getElement().dataset.projectId = String(p.id);
  });
  routeLayer = L.layerGroup().addTo(map);
  window.projmapTours = { map, projects };
}

function drawLine() {
  if (!routeLayer) return;
  routeLayer.clearLayers();
  const points = stops.map((s) => centreOf(projectOf(s.projectId) || {})).filter(Boolean);
  if (points.length > 1) L.polyline(points, { color: '#d55e00', weight: 5, dashArray: '10 8', className: 'planner-route' }).addTo(routeLayer);
  points.forEach((ll, i) => L.marker(ll, { icon: L.divIcon({ className: 'stop-marker', html: String(i + 1), iconSize: [32, 32] }), interactive: false }).addTo(routeLayer));
}

function km(m) {
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`;
}

/** How a leg was measured: along the roads layer, or straight (and why, when roads were tried). */
function legMethod(l) {
  if (l.routedBy === 'roads') return t('tours.legRoads');
  return l.reason ? t('tours.legStraightBecause', { why: t(`tours.reason.${l.reason}`) }) : t('tours.legStraight');
}

async function loadRoute(id) {
  try {
    const r = await api('GET', `api/tours/${id}/route`);
    replaceChildren($('route-summary'),
      h('p', { text: t(r.method === 'roads' ? 'tours.routeRoads' : 'tours.route', { distance: km(r.distanceM), minutes: r.minutes, detour: r.detourFactor, speed: r.speedKmh }) }),
      h('ul', null, r.legs.map((l) => h('li', { class: `leg-${l.routedBy}`, text: `${t('tours.leg', { n: l.to, distance: km(l.distanceM), minutes: l.minutes })} · ${legMethod(l)}` }))));
  } catch (err) {
    say(err.message);
  }
}

/** A note's photo as a thumbnail that opens the full photo (planner API only). */
function notePhotoLink(tourId, n) {
  const url = `api/tours/${tourId}/notes/${encodeURIComponent(n.id)}/photo`;
  return h('a', { class: 'notes-photo', href: url, target: '_blank', rel: 'noreferrer' },
    h('img', { src: `${url}/thumbnail`, alt: t('tours.notePhoto') }));
}

async function loadNotes(id) {
  try {
    const notes = await api('GET', `api/tours/${id}/notes`);
    replaceChildren($('notes-list'), notes.length
      ? notes.map((n) => h('li', { dataset: { noteId: n.id } },
        t('tours.noteLine', { n: n.stop, when: new Date(n.takenAt).toLocaleString(), text: n.text }),
        n.hasPhoto ? notePhotoLink(id, n) : null))
      : h('li', { text: t('tours.noNotes') }));
  } catch (err) {
    say(err.message);
  }
}

// ---- save, publish, revoke, delete ---------------------------------------------------------

async function save(e) {
  e.preventDefault();
  const body = {
    title: $('f-title').value, date: $('f-date').value || null, audience: $('f-audience').value || null,
    stops: stops.map((s) => ({ projectId: s.projectId, notes: s.notes || null, photoIds: s.photoIds })),
  };
  try {
    const saved = editing ? await api('PUT', `api/tours/${editing.id}`, { ...body, version: editing.version }) : await api('POST', 'api/tours', body);
    edit(saved);
    say(t('tours.saved'));
    loadList();
  } catch (err) {
    say(err.message);
  }
}

async function publish() {
  const body = {};
  if ($('p-expires').value) body.expiresAt = $('p-expires').value;
  if ($('p-pin').value) body.pin = $('p-pin').value;
  try {
    const link = await api('POST', `api/tours/${editing.id}/publish`, body);
    const url = new URL(link.url.replace(/^\//, ''), document.baseURI).href;
    replaceChildren($('p-result'), t('tours.published', { expires: link.expiresAt }), ' ', h('a', { href: url, target: '_blank', rel: 'noreferrer' }, url));
  } catch (err) {
    say(err.message);
  }
}

async function revoke() {
  try {
    const r = await api('POST', `api/tours/${editing.id}/revoke`);
    say(t('tours.revoked', { n: r.revoked }));
  } catch (err) {
    say(err.message);
  }
}

/** Two presses: the first arms the button (no modal dialog), the second deletes. */
async function remove() {
  const btn = $('f-delete');
  if (!btn.dataset.armed) {
    btn.dataset.armed = 'true';
    btn.textContent = t('tours.deleteConfirm');
    return;
  }
  try {
    await api('DELETE', `api/tours/${editing.id}`);
    edit(null);
    say(t('tours.deleted'));
    loadList();
  } catch (err) {
    say(err.message);
  }
}

async function start() {
  await initI18n();
  apply(document);
  projects = (await api('GET', 'api/projects')).features;
  setupMap();
  $('f-search').addEventListener('input', search);
  $('tour-form').addEventListener('submit', save);
  $('f-new').addEventListener('click', () => edit(null));
  $('f-delete').addEventListener('click', remove);
  $('p-publish').addEventListener('click', publish);
  $('p-revoke').addEventListener('click', revoke);
  edit(null);
  await loadList();
  document.body.dataset.ready = 'true';
}

start();
