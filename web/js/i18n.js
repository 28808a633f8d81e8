// Translations. All user-visible text lives in web/i18n/<lang>.json as flat "dotted.key": value
// pairs; values are strings with {placeholders}, or numbers (unit scales used by format.js).
// Language choice: ?lang= in the URL, else localStorage, else Chinese.
//
// Static markup carries data-i18n (textContent), data-i18n-aria (aria-label), data-i18n-title
// (title) and data-i18n-placeholder attributes; apply() fills them. Code calls t().

export const LANGS = ['zh-CN', 'en'];
export const DEFAULT_LANG = 'zh-CN';
const STORAGE_KEY = 'projmap.lang';

let current = DEFAULT_LANG;
let dict = {};
let fallback = {};
const listeners = [];

/** Maps what people type (zh, zh-cn, en-US, …) to a supported language, or null. */
export function normaliseLang(value) {
  if (!value) return null;
  const v = String(value).toLowerCase();
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en')) return 'en';
  return null;
}

function storedLang() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function storeLang(language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice then lasts for this page only.
  }
}

async function load(language) {
  const res = await fetch(`i18n/${language}.json`);
  if (!res.ok) throw new Error(`i18n/${language}.json: HTTP ${res.status}`);
  return res.json();
}

export function lang() {
  return current;
}

/** Loads the language chosen by URL, storage or default, and fills the static markup. */
export async function initI18n() {
  const fromUrl = normaliseLang(new URLSearchParams(location.search).get('lang'));
  current = fromUrl || normaliseLang(storedLang()) || DEFAULT_LANG;
  if (fromUrl) storeLang(fromUrl);
  const loads = [load(current)];
  if (current !== DEFAULT_LANG) loads.push(load(DEFAULT_LANG));
  [dict, fallback = {}] = await Promise.all(loads);
  if (current === DEFAULT_LANG) fallback = dict;
  apply(document);
  return current;
}

/** Switches language without reloading: fills static markup and tells listeners to redraw. */
export async function setLang(value) {
  const next = normaliseLang(value) || DEFAULT_LANG;
  if (next === current) return;
  dict = next === DEFAULT_LANG ? fallback : await load(next);
  current = next;
  storeLang(next);
  const url = new URL(location.href);
  url.searchParams.set('lang', next);
  history.replaceState(history.state, '', url);
  apply(document);
  for (const fn of listeners) fn(next);
}

export function onLangChange(fn) {
  listeners.push(fn);
}

/** The text for `key` with {placeholders} filled; the key itself when missing everywhere. */
export function t(key, params) {
  let s = key in dict ? dict[key] : key in fallback ? fallback[key] : key;
  if (typeof s !== 'string') return String(s);
  if (params) s = s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  return s;
}

/** True when the dictionaries have `key` (used to prefer our labels over the server's codes). */
export function has(key) {
  return key in dict || key in fallback;
}

/** A number from the dictionary (unit scales), or `dflt`. */
export function num(key, dflt) {
  const v = key in dict ? dict[key] : fallback[key];
  return typeof v === 'number' ? v : dflt;
}

/**
 * Picks the current language from a bilingual value the server sent: a plain string,
 * {zh, en} / {"zh-CN", en}, or an object with titleZh/titleEn (or labelZh/labelEn) fields.
 */
export function pickText(value, base = 'title') {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const en = current === 'en';
  const candidates = en
    ? [value.en, value[`${base}En`], value.zh, value['zh-CN'], value[`${base}Zh`], value[base]]
    : [value.zh, value['zh-CN'], value[`${base}Zh`], value.en, value[`${base}En`], value[base]];
  for (const c of candidates) if (typeof c === 'string' && c) return c;
  return '';
}

/** Fills data-i18n* attributes under `root`. */
export function apply(root) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.setAttribute('title', t(el.dataset.i18nTitle));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
}

/** Wires a <select> of languages to setLang(). */
export function bindLangSwitch(select) {
  select.value = current;
  select.addEventListener('change', () => setLang(select.value));
  onLangChange((l) => {
    select.value = l;
  });
}

/** Installs dictionaries directly (for tests and embedding without fetch). */
export function useDictionary(language, dictionary, fallbackDictionary = dictionary) {
  current = normaliseLang(language) || DEFAULT_LANG;
  dict = dictionary;
  fallback = fallbackDictionary;
}
