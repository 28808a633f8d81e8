// Renders a site report (DESIGN.md "The site report") as DOM. Used by the "check a site" tool
// and by the project panel. Every value from the report goes in as text.

import { h } from './dom.js';
import { t, has, pickText } from './i18n.js';
import { fmtArea, fmtLength, fmtNumber, fmtPercent, toNum } from './format.js';
import { verdictLabel } from './labels.js';

/** A glyph per verdict so the verdict does not rest on colour alone. */
const GLYPHS = {
  pass: '✓', clear: '✓', inside: '✓', compatible: '✓',
  warn: '!', partial: '◐', conditional: '!',
  fail: '✗', conflict: '✗', incompatible: '✗', outside: '○',
};

const TONES = {
  pass: 'good', clear: 'good', inside: 'good', compatible: 'good',
  warn: 'warn', partial: 'warn', conditional: 'warn', outside: 'neutral',
  fail: 'bad', conflict: 'bad', incompatible: 'bad',
};

/** A verdict badge: glyph + word, coloured by tone. */
export function verdictBadge(code, extraClass) {
  const c = String(code ?? '');
  return h('span', { class: ['verdict', `tone-${TONES[c] || 'neutral'}`, extraClass], dataset: { verdict: c } },
    h('span', { class: 'verdict-glyph', 'aria-hidden': 'true', text: GLYPHS[c] || '·' }),
    ' ', verdictLabel(c));
}

function table(caption, headers, rows) {
  return h('table', { class: 'report-table' },
    h('caption', { class: 'sr-only', text: caption }),
    h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col', text: x })))),
    h('tbody', null, rows.map((cells) => h('tr', null, cells.map((c) => h('td', null, c))))));
}

function siteSummary(site) {
  if (!site) return null;
  const type = site.geometryType || '';
  const parts = [has(`geom.${type}`) ? t(`geom.${type}`) : type];
  if (toNum(site.areaM2)) parts.push(t('report.area', { v: fmtArea(site.areaM2) }));
  if (toNum(site.lengthM)) parts.push(t('report.length', { v: fmtLength(site.lengthM) }));
  return h('p', { class: 'report-site', text: parts.filter(Boolean).join(' · ') });
}

function layerTitle(x) {
  return pickText(x.title) || pickText(x.layerTitle) || String(x.layer ?? '');
}

function boundaries(list) {
  if (!Array.isArray(list) || !list.length) return null;
  const rows = list.map((b) => {
    const share = toNum(b.insideShare);
    const inside = toNum(b.insideAreaM2) !== null ? fmtArea(b.insideAreaM2)
      : toNum(b.insideLengthM) !== null ? fmtLength(b.insideLengthM) : '';
    return [
      layerTitle(b),
      share === null ? t('common.none') : `${fmtPercent(share)}${inside ? ` (${inside})` : ''}`,
      verdictBadge(b.verdict),
      toNum(b.distanceM) !== null && b.verdict === 'outside' ? fmtLength(b.distanceM) : t('common.none'),
    ];
  });
  return h('section', { class: 'report-section' },
    h('h4', { text: t('report.boundaries') }),
    table(t('report.boundaries'), [t('report.layer'), t('report.insideShare'), t('report.verdict'), t('report.distance')], rows));
}

function featureList(features) {
  if (!Array.isArray(features) || !features.length) return t('common.none');
  const shown = features.slice(0, 8).map((f) => {
    const label = f.code ?? f.id ?? '';
    return toNum(f.overlapAreaM2) !== null ? `${label} (${fmtNumber(f.overlapAreaM2, 1)} m²)` : String(label);
  });
  const more = features.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` ${t('report.andMore', { n: more })}` : '');
}

function restrictions(list) {
  if (!Array.isArray(list) || !list.length) return null;
  const rows = list.map((r) => [
    layerTitle(r),
    toNum(r.overlapAreaM2) !== null ? fmtArea(r.overlapAreaM2)
      : toNum(r.overlapLengthM) !== null ? fmtLength(r.overlapLengthM) : t('common.none'),
    verdictBadge(r.verdict),
  ]);
  const withFeatures = list.filter((r) => Array.isArray(r.features) && r.features.length);
  return h('section', { class: 'report-section' },
    h('h4', { text: t('report.restrictions') }),
    table(t('report.restrictions'), [t('report.layer'), t('report.overlap'), t('report.verdict')], rows),
    withFeatures.map((r) => h('p', { class: 'report-features small' },
      h('span', { class: 'muted', text: t('report.featuresOf', { layer: layerTitle(r) }) }), ' ',
      featureList(r.features))));
}

function zoning(list) {
  if (!Array.isArray(list) || !list.length) return null;
  return h('section', { class: 'report-section' },
    h('h4', { text: t('report.zoning') }),
    list.map((z) => {
      const classes = Array.isArray(z.classes) ? z.classes : [];
      const rows = classes.map((c) => [
        String(c.code ?? ''),
        pickText(c.name, 'name') || pickText(c.label, 'label'),
        toNum(c.overlapAreaM2) !== null ? fmtArea(c.overlapAreaM2)
          : toNum(c.overlapLengthM) !== null ? fmtLength(c.overlapLengthM) : t('common.none'),
        fmtPercent(toNum(c.share)),
        c.compatibility ? verdictBadge(c.compatibility) : t('common.none'),
      ]);
      return h('div', { class: 'report-zoning' },
        h('h5', { text: layerTitle(z) }),
        rows.length
          ? table(layerTitle(z), [t('report.code'), t('report.name'), t('report.overlap'), t('report.share'), t('report.compatibility')], rows)
          : h('p', { class: 'muted', text: t('report.noZoning') }));
    }));
}

function reasons(list) {
  if (!Array.isArray(list) || !list.length) return null;
  return h('ul', { class: 'report-reasons' }, list.map((r) => h('li', { text: pickText(r) })));
}

/**
 * The report as an element. `compact` leaves out the tables (project panel); `actions` are
 * extra elements (links, buttons) put under the verdict.
 */
export function renderReport(report, { compact = false, actions = [] } = {}) {
  if (!report || typeof report !== 'object') {
    return h('p', { class: 'muted', text: t('report.empty') });
  }
  const overall = report.overall ? String(report.overall) : '';
  return h('div', { class: 'report', dataset: { overall } },
    h('div', { class: 'report-head' },
      h('span', { class: 'report-overall-label', text: t('report.overall') }),
      verdictBadge(overall, 'verdict-large')),
    siteSummary(report.site),
    reasons(report.reasons),
    compact ? null : [boundaries(report.boundaries), restrictions(report.restrictions), zoning(report.zoning)],
    actions.length ? h('div', { class: 'report-actions' }, actions) : null);
}
