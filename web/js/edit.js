// Editing a project from its panel, for accounts that may change it (admins, planners, editors of
// the project's department): attributes and geometry (edit-geometry.js) in one PUT. The form starts
// from the version read when it opens and sends that ETag in If-Match: when someone else saved in
// between, the server answers 412 with the current state, and the form lists what they changed
// instead of overwriting it. The panel's photos and progress sections are added here too.
import { currentUser, mayEdit, send } from './auth.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { statusLabel } from './labels.js';
import { formatWhere, geometryEditor } from './edit-geometry.js';
import { photoSection } from './photos.js';
import { progressSection } from './progress-form.js';

/** The version just saved per project, announced once when the panel is drawn again. */
const justSaved = new Map();

/** The open form's geometry editor: its layers leave the map when the form goes away. */
let activeGeometry = null;

function closeGeometry() {
  if (activeGeometry) activeGeometry.destroy();
  activeGeometry = null;
}

// the panel is redrawn or hidden by map.js: a form no longer in the page takes its shapes along
const panelEl = typeof document !== 'undefined' ? document.getElementById('project-panel') : null;
if (panelEl && typeof MutationObserver !== 'undefined') {
  new MutationObserver(() => {
    if (activeGeometry && (panelEl.hidden || !document.getElementById('edit-form'))) closeGeometry();
  }).observe(panelEl, { attributes: true, attributeFilter: ['hidden'], childList: true, subtree: true });
}

const GEOMETRY_ERRORS = ['invalid_geometry', 'empty_geometry', 'out_of_range', 'out_of_extent', 'invalid_geojson',
  'not_finite', 'unclosed_ring', 'unsupported_type'];

const STATUSES = ['planned', 'preparing', 'under_construction', 'completed', 'suspended'];
const FIELDS = [
  ['name', 'text'], ['status', 'status'], ['address', 'text'],
  ['totalInvestment', 'number'], ['annualPlanInvestment', 'number'], ['completedInvestment', 'number'],
  ['plannedStart', 'date'], ['plannedEnd', 'date'],
];

/**
 * The sections a project's panel adds below its attributes: photos (thumbnails for everyone, upload
 * for editors), progress (milestones and monthly reports, forms for editors) and the edit form
 * (attributes and geometry) for accounts that may change the project.
 */
export function editSection(project, { onSaved } = {}) {
  const section = h('section', { class: 'panel-section', id: 'project-edit' });
  const wrapper = h('div', { class: 'project-extras' }, photoSection(project), progressSection(project), section);
  currentUser().then((user) => {
    if (!mayEdit(user, project.props.department)) return;
    const saved = justSaved.get(project.id);
    justSaved.delete(project.id);
    replaceChildren(section, editOpener(section, project, onSaved),
      saved === undefined ? null : h('p', { id: 'edit-message', role: 'status', text: t('edit.saved', { version: saved }) }));
  }).catch(() => {});
  return wrapper;
}

async function open(section, project, onSaved) {
  const res = await fetch(`api/projects/${encodeURIComponent(project.id)}`, { credentials: 'same-origin' });
  if (!res.ok) return;
  const etag = res.headers.get('ETag');
  const feature = await res.json();
  const base = feature.properties;
  const inputs = {};
  const rows = FIELDS.map(([name, kind]) => {
    const id = `edit-${name}`;
    let input;
    if (kind === 'status') {
      input = h('select', { id, name }, STATUSES.map((s) => h('option', { value: s, text: statusLabel(s), selected: s === base.status })));
    } else {
      input = h('input', {
        id, name, type: kind === 'number' ? 'number' : kind, step: kind === 'number' ? 'any' : null,
        min: kind === 'number' ? '0' : null, value: base[name] ?? '',
      });
    }
    inputs[name] = input;
    return h('div', { class: 'edit-row' }, h('label', { for: id, text: t(`edit.field.${name}`) }), input);
  });
  const message = h('div', { id: 'edit-message', role: 'alert', 'aria-live': 'assertive' });
  closeGeometry();
  const geometry = geometryEditor(feature.geometry);
  activeGeometry = geometry;
  const form = h('form', { id: 'edit-form', novalidate: true },
    h('h3', { text: t('edit.heading') }),
    h('p', { class: 'muted', text: t('edit.version', { version: base.version }) }),
    rows, geometry.element, message,
    h('div', { class: 'panel-actions' },
      h('button', { type: 'submit', class: 'btn', id: 'edit-save', text: t('edit.save') }),
      h('button', { type: 'button', class: 'btn', id: 'edit-cancel', text: t('edit.cancel'), onclick: () => {
        closeGeometry();
        replaceChildren(section, editOpener(section, project, onSaved));
      } })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const props = { ...base };
    for (const [name, kind] of FIELDS) {
      const v = inputs[name].value.trim();
      props[name] = v === '' ? null : kind === 'number' ? Number(v) : v;
    }
    const body = { type: 'Feature', geometry: geometry.value(), properties: props };
    const put = await send('PUT', `api/projects/${encodeURIComponent(project.id)}`, body, { 'If-Match': etag });
    const answer = await put.json().catch(() => ({}));
    if (put.ok) {
      closeGeometry();
      project.props = answer.properties;
      project.geometry = answer.geometry;
      justSaved.set(project.id, answer.properties.version);
      if (onSaved) onSaved(project);
      else replaceChildren(section, editOpener(section, project, onSaved), h('p', { id: 'edit-message', role: 'status',
        text: t('edit.saved', { version: answer.properties.version }) }));
      return;
    }
    if (put.status === 412) {
      const current = answer.details.current.properties;
      const changed = Object.keys(current).filter((k) => !['version', 'updatedAt', 'updatedBy'].includes(k)
        && JSON.stringify(current[k]) !== JSON.stringify(base[k]));
      replaceChildren(message,
        h('p', { text: t('edit.conflict', { user: answer.details.updatedBy, version: answer.details.currentVersion }) }),
        h('ul', { id: 'edit-conflicts' }, changed.map((k) => h('li', { text: `${k}: ${base[k] ?? '—'} → ${current[k] ?? '—'}` }))),
        h('button', { type: 'button', class: 'btn', text: t('edit.conflictReload'), onclick: () => open(section, project, onSaved) }));
      return;
    }
    if (GEOMETRY_ERRORS.includes(answer.error)) {
      // the server names the kind and the position: say it in the page's language, mark it on the map
      const where = answer.details && answer.details.where;
      replaceChildren(message,
        h('p', { id: 'edit-geometry-error', text: t(`edit.geometryError.${answer.error}`, { where: where ? formatWhere(where) : '—' }) }),
        h('p', { class: 'muted', lang: 'en', text: answer.message || '' }));
      geometry.showProblem(where);
      return;
    }
    message.textContent = t('edit.failed', { message: answer.message || `HTTP ${put.status}` });
    const field = answer.details && answer.details.field;
    if (field && inputs[field]) {
      inputs[field].setAttribute('aria-invalid', 'true');
      inputs[field].focus();
    }
  });
  replaceChildren(section, form);
  inputs.name.focus();
}

function editOpener(section, project, onSaved) {
  return h('button', { type: 'button', class: 'btn', id: 'edit-open', text: t('edit.button'), onclick: () => open(section, project, onSaved) });
}
