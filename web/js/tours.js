// /tours: planners prepare a tour — title, date, audience, stops picked from the register in
// order, talking points per stop — and publish or revoke its read-only link.
import { h, replaceChildren } from './dom.js';
import { initI18n, apply, t } from './i18n.js';
import { send } from './auth.js';

const $ = (id) => document.getElementById(id);
let projects = [];
let editing = null; // {id, version} of the tour in the form, or null for a new one
let stops = []; // [{projectId, name, notes}]

async function api(method, path, body) {
  // the session cookie and its CSRF token (auth.js); a planner's account is needed (401/403 otherwise)
  const res = await send(method, path, body);
  const data = await res.json().catch(() => ({}));
  if (res.status === 401) location.href = `login.html?next=${encodeURIComponent(location.pathname)}`;
  if (!res.ok) throw new Error(data.message || `HTTP ${res.status}`);
  return data;
}

function say(text) {
  $('message').textContent = text;
}

function nameOf(id) {
  const p = projects.find((f) => f.id === id);
  return p ? p.properties.name : `#${id}`;
}

async function loadList() {
  const tours = await api('GET', 'api/tours');
  replaceChildren($('tour-list'), tours.map((tour) => h('li', null,
    h('button', { type: 'button', onclick: () => edit(tour) }, `${tour.title} · ${tour.date || ''} · ${t('tours.stopCount', { n: tour.stops.length })}`))));
}

function edit(tour) {
  editing = tour ? { id: tour.id, version: tour.version } : null;
  $('f-title').value = tour ? tour.title : '';
  $('f-date').value = tour && tour.date ? tour.date : '';
  $('f-audience').value = tour && tour.audience ? tour.audience : '';
  stops = tour ? tour.stops.map((s) => ({ projectId: s.projectId, name: nameOf(s.projectId), notes: s.notes || '' })) : [];
  $('editor-title').textContent = tour ? tour.title : t('tours.new');
  $('publish-box').hidden = !tour;
  $('p-result').textContent = '';
  drawStops();
}

function move(i, by) {
  const j = i + by;
  if (j < 0 || j >= stops.length) return;
  [stops[i], stops[j]] = [stops[j], stops[i]];
  drawStops();
}

function drawStops() {
  replaceChildren($('f-stops'), stops.map((s, i) => h('li', { dataset: { projectId: String(s.projectId) } },
    h('strong', { text: s.name }),
    h('button', { type: 'button', 'aria-label': t('tours.up'), onclick: () => move(i, -1) }, '↑'),
    h('button', { type: 'button', 'aria-label': t('tours.down'), onclick: () => move(i, 1) }, '↓'),
    h('button', { type: 'button', 'aria-label': t('tours.remove'), onclick: () => { stops.splice(i, 1); drawStops(); } }, '✕'),
    h('textarea', { 'aria-label': t('tours.notes'), placeholder: t('tours.notes'), oninput: (e) => { s.notes = e.target.value; } }, s.notes))));
}

function search() {
  const q = $('f-search').value.trim();
  const hits = q ? projects.filter((p) => p.properties.name.includes(q) || String(p.properties.code).includes(q)).slice(0, 10) : [];
  replaceChildren($('f-results'), hits.map((p) => h('li', null, h('button', {
    type: 'button',
    onclick: () => { stops.push({ projectId: p.id, name: p.properties.name, notes: '' }); drawStops(); },
  }, `+ ${p.properties.name}`))));
}

async function save(e) {
  e.preventDefault();
  const body = {
    title: $('f-title').value, date: $('f-date').value || null, audience: $('f-audience').value || null,
    stops: stops.map((s) => ({ projectId: s.projectId, notes: s.notes || null })),
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

async function start() {
  await initI18n();
  apply(document);
  projects = (await api('GET', 'api/projects')).features;
  $('f-search').addEventListener('input', search);
  $('tour-form').addEventListener('submit', save);
  $('f-new').addEventListener('click', () => edit(null));
  $('p-publish').addEventListener('click', publish);
  $('p-revoke').addEventListener('click', revoke);
  edit(null);
  await loadList();
}

start();
