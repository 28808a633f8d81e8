// The signed-in user and state-changing requests. The session lives in an HttpOnly cookie that
// scripts cannot read; what a page needs is the CSRF token, which the log-in answer and
// GET /api/auth/me carry. It is kept in memory only (never in storage), and every POST, PUT,
// PATCH and DELETE sends it as X-CSRF-Token.

let me = null;
let token = null;

/** The signed-in user ({username, role, departments, …}) or null; asks the server once per page. */
export async function currentUser() {
  if (me !== null) return me.user;
  const res = await fetch('api/auth/me', { credentials: 'same-origin' });
  if (res.status === 401) {
    me = { user: null };
    return null;
  }
  if (!res.ok) throw new Error(`api/auth/me: HTTP ${res.status}`);
  me = await res.json();
  token = me.csrfToken ?? null;
  return me.user ?? null;
}

/** Logs in; resolves to the user or rejects with {status, body}. */
export async function login(username, password) {
  const res = await fetch('api/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw { status: res.status, body };
  me = { user: body.user, csrfToken: body.csrfToken };
  token = body.csrfToken;
  return body.user;
}

/** The CSRF token of the signed-in session, or null when nobody is signed in. */
export async function csrfToken() {
  if (me === null) await currentUser().catch(() => null);
  return token;
}

export async function logout() {
  await send('POST', 'api/auth/logout');
  me = { user: null };
  token = null;
}

/** A fetch that carries the CSRF token on state changes; JSON bodies are serialised here. */
export async function send(method, url, body, headers = {}) {
  if (me === null) await currentUser();
  const h = { ...headers };
  if (token) h['X-CSRF-Token'] = token;
  let payload;
  if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  return fetch(url, { method, credentials: 'same-origin', headers: h, body: payload });
}

/** True when the user may change projects of this department (mirrors User.mayEdit on the server). */
export function mayEdit(user, department) {
  if (!user || user.disabled) return false;
  if (user.role === 'admin' || user.role === 'planner') return true;
  return user.role === 'editor' && !!department && user.departments.includes(department);
}

/** Where to go after log-in: only a path on this site (no //host, no scheme), else the map. */
export function safeNext(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return './';
  return value;
}
