// Number, money, area and length formatting. Money arrives in 万元 (DESIGN.md); the unit words
// and scales come from the dictionaries so that Chinese shows 万元 / 亿元 and English shows
// CNY millions / billions (unit.*.scale converts from 万元).

import { t, num, lang } from './i18n.js';

/** Square metres in one mu (亩): 10000/15, as in DESIGN.md. */
export const M2_PER_MU = 10000 / 15;

export function isNum(v) {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Parses numbers that may arrive as strings; null when not a finite number. */
export function toNum(v) {
  if (isNum(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function fmtNumber(n, maxDigits = 0, minDigits = 0) {
  if (!isNum(n)) return t('common.none');
  return new Intl.NumberFormat(lang(), {
    maximumFractionDigits: maxDigits,
    minimumFractionDigits: Math.min(minDigits, maxDigits),
  }).format(n);
}

/** Money given in 万元, shown in the language's everyday unit (万元 / CNY M). */
export function fmtWan(wan) {
  const v = toNum(wan);
  if (v === null) return t('common.none');
  const scaled = v * num('unit.wan.scale', 1);
  return t('unit.wan', { v: fmtNumber(scaled, num('unit.wan.digits', 2)) });
}

/** Money given in 万元, shown as a headline total (亿元 with one decimal / CNY bn). */
export function fmtYi(wan) {
  const v = toNum(wan);
  if (v === null) return t('common.none');
  const digits = num('unit.yi.digits', 1);
  const scaled = v * num('unit.yi.scale', 1e-4);
  return t('unit.yi', { v: fmtNumber(scaled, digits, digits) });
}

/** A ratio (0.282) as a percentage ("28.2%"); a dash when the denominator was zero. */
export function fmtPercent(r, digits = 1) {
  if (!isNum(r)) return t('common.none');
  return t('unit.percent', { v: fmtNumber(r * 100, digits, digits) });
}

export function ratio(part, whole) {
  const p = toNum(part);
  const w = toNum(whole);
  return p !== null && w ? p / w : null;
}

export function toMu(m2) {
  return m2 / M2_PER_MU;
}

/** An area in m² with mu alongside; km² added for large areas. */
export function fmtArea(m2) {
  const v = toNum(m2);
  if (v === null) return t('common.none');
  const params = { m2: fmtNumber(v, v < 100 ? 1 : 0), mu: fmtNumber(toMu(v), 2) };
  if (v >= 1e6) return t('unit.areaKm2', { ...params, km2: fmtNumber(v / 1e6, 3) });
  return t('unit.area', params);
}

/** A length in metres, switching to km from 1 km. */
export function fmtLength(m) {
  const v = toNum(m);
  if (v === null) return t('common.none');
  if (v < 1000) return t('unit.m', { v: fmtNumber(v, 1) });
  return t('unit.km', { v: fmtNumber(v / 1000, 3) });
}

/** ISO dates as YYYY-MM-DD (times dropped); a dash when absent. */
export function fmtDate(iso) {
  if (!iso || typeof iso !== 'string') return t('common.none');
  return iso.length >= 10 ? iso.slice(0, 10) : iso;
}
