// The server's HTTP API as the front end uses it (DESIGN.md "Public contract").
// URLs are relative to the page so the app also works behind a reverse proxy under a sub-path;
// both pages live at the root of web/, so `api/…` resolves to `/api/…`.

import { csrfToken } from './auth.js';

export class HttpError extends Error {
  constructor(status, body, url) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.url = url;
  }
}

async function readBody(res) {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 300) };
  }
}

/** GET JSON. With `optional`, a 404 (or 501) answers null instead of throwing. */
export async function getJson(url, { optional = false, signal } = {}) {
  const res = await fetch(url, { headers: { Accept: 'application/json' }, signal, credentials: 'same-origin' });
  if (optional && (res.status === 404 || res.status === 501)) return null;
  const body = await readBody(res);
  if (!res.ok) throw new HttpError(res.status, body, url);
  return body;
}

export async function postJson(url, payload, { signal } = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  // a signed-in page must echo its session's CSRF token on every POST (projmap.auth)
  const csrf = await csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(url, {
    method: 'POST', headers, body: JSON.stringify(payload), signal, credentials: 'same-origin',
  });
  const body = await readBody(res);
  if (!res.ok) throw new HttpError(res.status, body, url);
  return body;
}

/** POST one file as a multipart form part named `file` (the server reads it like an import). */
export async function postFile(url, file, { signal } = {}) {
  const headers = { Accept: 'application/json' };
  const csrf = await csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(url, { method: 'POST', headers, body: form, signal, credentials: 'same-origin' });
  const body = await readBody(res);
  if (!res.ok) throw new HttpError(res.status, body, url);
  return body;
}

const enc = encodeURIComponent;

/** The layer catalogue as an array, whatever envelope the server wraps it in. */
function layerList(body) {
  if (!body) return [];
  if (Array.isArray(body)) return body;
  if (Array.isArray(body.layers)) return body.layers;
  if (Array.isArray(body.items)) return body.items;
  return [];
}

export const api = {
  config: () => getJson('api/config', { optional: true }),
  layers: async () => layerList(await getJson('api/layers', { optional: true })),
  /** A planning layer's GeoJSON; `url` is the catalogue's own URL for it when it gave one. */
  zones: (layerId, bbox, signal, url) => {
    const base = url || `api/zones/${enc(layerId)}`;
    const query = bbox ? `${base.includes('?') ? '&' : '?'}bbox=${bbox.map((n) => n.toFixed(6)).join(',')}` : '';
    return getJson(base + query, { signal });
  },
  projects: () => getJson('api/projects'),
  /** One project as a Feature, with the imported columns no field took (properties.otherAttributes). */
  project: (id, signal) => getJson(`api/projects/${enc(id)}`, { signal }),
  projectCheck: (id, signal) => getJson(`api/projects/${enc(id)}/check`, { optional: true, signal }),
  projectCheckHtmlUrl: (id) => `api/projects/${enc(id)}/check.html`,
  check: (payload, signal) => postJson('api/checks', payload, { signal }),
  /** A site file (zipped shapefile, KML/KMZ, GeoPackage) read and checked by the server. */
  checkFile: (file, category, signal) => postFile(`api/checks/file${category ? `?category=${enc(category)}` : ''}`, file, { signal }),
  /** `query`: the list filter as a query string without '?' (model.js statsQuery). */
  /** Every project's site-check verdict (slow when nothing is cached: the server checks them). */
  checksSummary: () => getJson('api/checks/summary'),
  stats: (query = '') => getJson(query ? `api/stats?${query}` : 'api/stats'),
};
