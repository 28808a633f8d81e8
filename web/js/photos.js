// Photos of a project in its panel: thumbnails for everyone who may read, an upload for accounts
// that may edit the project, and the photos' EXIF positions as markers on the map while the panel
// shows the project. The server checks the content (JPEG/PNG), the size and re-encodes; it answers
// with the stored photo, whose position comes from the EXIF GPS block when there is one.
import { csrfToken, currentUser, mayEdit, send } from './auth.js';
import { h, replaceChildren } from './dom.js';
import { has, t } from './i18n.js';
import { fmtDate } from './format.js';

const L = window.L;
const MAX_BYTES = 10 * 1024 * 1024; // PhotoProcessor.MAX_BYTES: refused here before the upload starts

/** The markers of the photos of the project the panel shows (one project at a time). */
let markers = null;

function pageMap() {
  return window.projmap && window.projmap.map ? window.projmap.map : null;
}

function clearMarkers() {
  if (markers) markers.remove();
  markers = null;
}

// the markers leave with the panel (map.js hides it when no project is selected)
const panelEl = typeof document !== 'undefined' ? document.getElementById('project-panel') : null;
if (panelEl && typeof MutationObserver !== 'undefined') {
  new MutationObserver(() => {
    if (markers && (panelEl.hidden || !document.getElementById('project-photos'))) clearMarkers();
  }).observe(panelEl, { attributes: true, attributeFilter: ['hidden'], childList: true });
}

const thumbUrl = (p) => `api/photos/${encodeURIComponent(p.id)}/thumbnail`;
const imageUrl = (p) => `api/photos/${encodeURIComponent(p.id)}`;

function photoLabel(p, i) {
  return p.caption || t('photos.untitled', { n: i + 1 });
}

function showMarkers(photos) {
  clearMarkers();
  const map = pageMap();
  if (!map) return;
  const placed = photos.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  if (!placed.length) return;
  markers = L.layerGroup([], { pmIgnore: true }).addTo(map);
  placed.forEach((p) => {
    const i = photos.indexOf(p);
    const popup = h('figure', { class: 'photo-popup' },
      h('a', { href: imageUrl(p), target: '_blank', rel: 'noopener' },
        h('img', { src: thumbUrl(p), alt: photoLabel(p, i), width: 160 })),
      h('figcaption', { text: photoLabel(p, i) }));
    L.marker([p.lat, p.lon], {
      pmIgnore: true,
      title: t('photos.markerTitle', { name: photoLabel(p, i) }),
      alt: t('photos.markerTitle', { name: photoLabel(p, i) }),
      icon: L.divIcon({ className: 'photo-marker', html: '📷', iconSize: [24, 24] }),
    }).bindPopup(popup).addTo(markers);
  });
}

/** The photos section of a project's panel. */
export function photoSection(project) {
  const list = h('ul', { class: 'photo-list', id: 'photo-list', 'aria-live': 'polite' });
  const status = h('p', { id: 'photo-status', role: 'status', class: 'muted' });
  const uploader = h('div', { class: 'photo-upload' });
  const section = h('section', { class: 'panel-section', id: 'project-photos' },
    h('h3', { text: t('photos.heading') }), list, uploader, status);

  let editor = false;

  async function remove(p, i) {
    if (!window.confirm(t('photos.confirmDelete', { name: photoLabel(p, i) }))) return;
    const res = await send('DELETE', `api/photos/${encodeURIComponent(p.id)}`);
    if (!res.ok) {
      const answer = await res.json().catch(() => ({}));
      status.textContent = t('photos.error.other', { message: answer.message || `HTTP ${res.status}` });
      return;
    }
    status.textContent = t('photos.deleted', { name: photoLabel(p, i) });
    await load();
  }

  async function load() {
    const res = await fetch(`api/projects/${encodeURIComponent(project.id)}/photos`, { credentials: 'same-origin' });
    if (!res.ok) {
      status.textContent = t('photos.loadFailed');
      return;
    }
    const photos = await res.json();
    if (!section.isConnected && section.ownerDocument.getElementById('project-photos')) return;
    replaceChildren(list, photos.length ? photos.map((p, i) => h('li', { class: 'photo' },
      h('a', { href: imageUrl(p), target: '_blank', rel: 'noopener' },
        h('img', { src: thumbUrl(p), alt: photoLabel(p, i), loading: 'lazy', width: 96, height: 96 })),
      h('span', { class: 'photo-caption', text: photoLabel(p, i) }),
      h('span', { class: 'muted photo-meta', text: [
        p.takenAt ? fmtDate(String(p.takenAt).slice(0, 10)) : null,
        Number.isFinite(p.lat) ? t('photos.hasPosition') : t('photos.noPosition'),
      ].filter(Boolean).join(' · ') }),
      editor ? h('button', { type: 'button', class: 'btn btn-small photo-delete', text: t('photos.delete'),
        'aria-label': t('photos.deleteNamed', { name: photoLabel(p, i) }), onclick: () => remove(p, i) }) : null))
      : h('li', { class: 'muted', text: t('photos.none') }));
    list.dataset.count = String(photos.length);
    showMarkers(photos);
  }

  function uploadForm() {
    const file = h('input', { type: 'file', id: 'photo-file', accept: 'image/jpeg,image/png' });
    const caption = h('input', { type: 'text', id: 'photo-caption', maxlength: 200 });
    const form = h('form', { id: 'photo-form', novalidate: true },
      h('div', { class: 'edit-row' }, h('label', { for: 'photo-file', text: t('photos.file') }), file),
      h('div', { class: 'edit-row' }, h('label', { for: 'photo-caption', text: t('photos.caption') }), caption),
      h('button', { type: 'submit', class: 'btn btn-small', id: 'photo-upload', text: t('photos.upload') }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const f = file.files && file.files[0];
      if (!f) {
        status.textContent = t('photos.error.no_file');
        return;
      }
      if (f.size > MAX_BYTES) {
        status.textContent = t('photos.error.too_large');
        return;
      }
      status.textContent = t('photos.uploading');
      const token = await csrfToken();
      const query = caption.value.trim() ? `?caption=${encodeURIComponent(caption.value.trim())}` : '';
      const res = await fetch(`api/projects/${encodeURIComponent(project.id)}/photos${query}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': f.type || 'application/octet-stream', ...(token ? { 'X-CSRF-Token': token } : {}) },
        body: f,
      });
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) {
        const key = `photos.error.${answer.error}`;
        status.textContent = has(key) ? t(key) : t('photos.error.other', { message: answer.message || `HTTP ${res.status}` });
        return;
      }
      status.textContent = Number.isFinite(answer.lat)
        ? t('photos.uploadedAt', { lat: answer.lat.toFixed(5), lon: answer.lon.toFixed(5) })
        : t('photos.uploaded');
      form.reset();
      await load();
    });
    return form;
  }

  currentUser().catch(() => null).then((user) => {
    editor = mayEdit(user, project.props.department);
    if (editor) replaceChildren(uploader, uploadForm());
    return load();
  }).catch(() => { status.textContent = t('photos.loadFailed'); });
  return section;
}
