// Accounts and API tokens (/admin): administrators list, create and change accounts (role,
// departments, disabled, a new password); every signed-in user manages their own API tokens, whose
// secret is shown once, right after it is made. Anyone not signed in is sent to the log-in page.
import { currentUser, logout, send } from './auth.js';
import { h, replaceChildren } from './dom.js';
import { has, initI18n, t } from './i18n.js';
import { fmtDate } from './format.js';

const ROLES = ['admin', 'planner', 'editor', 'viewer'];

await initI18n();
const $ = (id) => document.getElementById(id);

/** Department names typed in one box: split on commas (either width) and 、. */
export function splitDepartments(text) {
  return [...new Set(String(text || '').split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean))];
}

/** The server's refusal in the page's language: the field's name, then what it said. */
function refusal(answer, status) {
  const field = answer.details && answer.details.field;
  if (answer.error && has(`admin.error.${answer.error}`)) {
    return t(`admin.error.${answer.error}`, { field: field && has(`admin.field.${field}`) ? t(`admin.field.${field}`) : field || '' });
  }
  const detail = String(answer.message || `HTTP ${status}`).replace(/^[A-Za-z]+: /, '');
  if (field && has(`admin.field.${field}`)) return t('admin.error.field', { field: t(`admin.field.${field}`), message: detail });
  return t('admin.error.other', { message: detail });
}

function mark(form, field) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const el = field && form.querySelector(`[name="${field}"]`);
  if (el) {
    el.setAttribute('aria-invalid', 'true');
    el.focus();
  }
}

/**
 * Sends a change and shows a refusal where it happened: the server's message in `message`, the
 * field it names marked in `where`. The answer when accepted, else null.
 */
async function sendChange(method, url, body, where, message) {
  const res = await send(method, url, body);
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) {
    message.textContent = refusal(answer, res.status);
    mark(where, answer.details && answer.details.field);
    return null;
  }
  return answer;
}

async function getJson(url) {
  const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

function roleSelect(value, attrs = {}) {
  return h('select', attrs, ROLES.map((r) => h('option', { value: r, text: t(`role.${r}`), selected: r === value })));
}

// ---- accounts ----

async function loadUsers() {
  const users = await getJson('api/users');
  const names = new Set(users.flatMap((u) => u.departments));
  replaceChildren($('department-names'), [...names].sort().map((n) => h('option', { value: n })));
  replaceChildren($('user-list'), h('table', { id: 'user-table' },
    h('thead', null, h('tr', null, ['username', 'displayName', 'role', 'departments', 'disabled', 'newPassword', '']
      .map((k) => h('th', { scope: 'col', text: k ? t(`admin.field.${k}`) : '' })))),
    h('tbody', null, users.map(userRow))));
}

function userRow(u) {
  const label = (k) => `${t(`admin.field.${k}`)} · ${u.username}`;
  const role = roleSelect(u.role, { name: 'role', 'aria-label': label('role') });
  const departments = h('input', { name: 'departments', value: u.departments.join('、'), list: 'department-names', 'aria-label': label('departments') });
  const disabled = h('input', { type: 'checkbox', name: 'disabled', checked: u.disabled, 'aria-label': label('disabled') });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', 'aria-label': label('newPassword') });
  const message = h('span', { role: 'alert', class: 'row-message' });
  const tr = h('tr', { 'data-username': u.username, class: u.disabled ? 'is-disabled' : null },
    h('td', { text: u.username }), h('td', { text: u.displayName || '' }),
    h('td', null, role), h('td', null, departments), h('td', null, disabled), h('td', null, password),
    h('td', null, h('button', { type: 'button', class: 'btn btn-small user-save', text: t('admin.users.save'), onclick: save }), message));

  async function save() {
    const body = { role: role.value, departments: splitDepartments(departments.value), disabled: disabled.checked };
    if (password.value) body.password = password.value;
    if (body.role === 'editor' && !body.departments.length) {
      message.textContent = t('admin.error.editorNeedsDepartment');
      mark(tr, 'departments');
      return;
    }
    if (!await sendChange('PUT', `api/users/${encodeURIComponent(u.id)}`, body, tr, message)) return;
    await loadUsers();
    const row = document.querySelector(`tr[data-username="${CSS.escape(u.username)}"] .row-message`);
    if (row) row.textContent = t('admin.users.saved');
  }
  return tr;
}

function setupUserForm() {
  replaceChildren($('new-role'), ROLES.map((r) => h('option', { value: r, text: t(`role.${r}`), selected: r === 'viewer' })));
  const form = $('user-form');
  const message = $('user-message');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      username: form.username.value.trim(),
      displayName: form.displayName.value.trim() || null,
      password: form.password.value,
      role: form.role.value,
      departments: splitDepartments(form.departments.value),
    };
    let problem = null;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,59}$/.test(body.username)) problem = ['username', t('admin.error.username')];
    else if (body.password.length < 12) problem = ['password', t('admin.error.shortPassword')];
    else if (body.role === 'editor' && !body.departments.length) problem = ['departments', t('admin.error.editorNeedsDepartment')];
    if (problem) {
      message.textContent = problem[1];
      mark(form, problem[0]);
      return;
    }
    const answer = await sendChange('POST', 'api/users', body, form, message);
    if (!answer) return;
    form.reset();
    mark(form, null);
    message.textContent = t('admin.users.created', { name: answer.username });
    await loadUsers();
  });
}

// ---- audit log ----

/** The fields whose values differ between an entry's before and after (both JSON objects or null). */
export function changedFields(before, after) {
  const keys = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
  return [...keys].filter((k) => !['version', 'updatedAt', 'updatedBy'].includes(k)
    && JSON.stringify((before || {})[k]) !== JSON.stringify((after || {})[k]));
}

let auditBefore = null;

/** An action code ("project.update") in words; unknown codes as they are. */
function actionLabel(action) {
  const key = `admin.audit.action.${String(action).replace(/\./g, '_')}`;
  return has(key) ? t(key) : action;
}

async function loadAudit(more = false) {
  const url = `api/audit?limit=50${more && auditBefore ? `&before=${encodeURIComponent(auditBefore)}` : ''}`;
  const entries = await getJson(url);
  const rows = entries.map((e) => h('tr', null,
    h('td', { text: String(e.at || '').replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') }),
    h('td', { text: e.actor || '' }),
    h('td', { text: actionLabel(e.action) }),
    h('td', { text: [e.entity, e.entityId].filter(Boolean).join(' #') }),
    h('td', { text: changedFields(e.before, e.after).join(', ') }),
    h('td', { text: e.address || '' })));
  if (!more) {
    replaceChildren($('audit-list'), h('table', { id: 'audit-table' },
      h('thead', null, h('tr', null, ['at', 'actor', 'action', 'entity', 'fields', 'address']
        .map((k) => h('th', { scope: 'col', text: t(`admin.audit.${k}`) })))),
      h('tbody', null, rows)));
  } else {
    $('audit-table').tBodies[0].append(...rows);
  }
  if (entries.length) auditBefore = entries[entries.length - 1].id;
  $('audit-more').hidden = entries.length < 50;
}

// ---- tokens ----

async function loadTokens() {
  const tokens = await getJson('api/auth/tokens');
  replaceChildren($('token-list'), tokens.length ? h('table', { id: 'token-table' },
    h('thead', null, h('tr', null, ['tokenName', 'tokenCreated', 'expiresAt', 'tokenState', '']
      .map((k) => h('th', { scope: 'col', text: k ? t(`admin.field.${k}`) : '' })))),
    h('tbody', null, tokens.map((tk) => h('tr', { 'data-token': tk.id },
      h('td', { text: tk.name }),
      h('td', { text: fmtDate(String(tk.createdAt || '').slice(0, 10)) }),
      h('td', { text: tk.expiresAt ? fmtDate(String(tk.expiresAt).slice(0, 10)) : t('admin.tokens.never') }),
      h('td', { text: tk.revoked ? t('admin.tokens.revoked') : t('admin.tokens.active') }),
      h('td', null, tk.revoked ? null : h('button', { type: 'button', class: 'btn btn-small token-revoke',
        text: t('admin.tokens.revoke'), onclick: () => revoke(tk) }))))))
    : h('p', { class: 'muted', text: t('admin.tokens.none') }));
}

async function revoke(tk) {
  if (!window.confirm(t('admin.tokens.confirmRevoke', { name: tk.name }))) return;
  const res = await send('DELETE', `api/auth/tokens/${encodeURIComponent(tk.id)}`);
  $('token-message').textContent = res.ok ? t('admin.tokens.revokedMessage', { name: tk.name })
    : refusal(await res.json().catch(() => ({})), res.status);
  await loadTokens();
}

function setupTokenForm() {
  const form = $('token-form');
  const message = $('token-message');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('token-secret').hidden = true;
    const name = form.name.value.trim();
    if (!name) {
      message.textContent = t('admin.error.tokenName');
      mark(form, 'name');
      return;
    }
    const body = { name };
    if (form.expiresAt.value) {
      // the end of the chosen day in the programme's time zone (UTC+8)
      body.expiresAt = new Date(`${form.expiresAt.value}T23:59:59+08:00`).toISOString();
      if (new Date(body.expiresAt) <= new Date()) {
        message.textContent = t('admin.error.pastExpiry');
        mark(form, 'expiresAt');
        return;
      }
    }
    const answer = await sendChange('POST', 'api/auth/tokens', body, form, message);
    if (!answer) return;
    form.reset();
    mark(form, null);
    message.textContent = t('admin.tokens.created', { name: answer.name });
    $('token-value').textContent = answer.token;
    $('token-secret').hidden = false;
    await loadTokens();
  });
}

const user = await currentUser();
if (!user) {
  location.assign(`login.html?next=${encodeURIComponent('/admin')}`);
} else {
  $('who').textContent = t('auth.signedInAs', { name: user.displayName || user.username });
  $('logout').addEventListener('click', async () => {
    await logout();
    location.assign('login.html');
  });
  try {
    setupTokenForm();
    await loadTokens();
    if (user.role === 'admin') {
      $('users-section').hidden = false;
      setupUserForm();
      await loadUsers();
      $('audit-section').hidden = false;
      $('audit-more').addEventListener('click', () => loadAudit(true));
      await loadAudit();
    }
  } catch (e) {
    $('admin-error').textContent = t('admin.error.load');
  }
  window.projmapReady = true;
}
