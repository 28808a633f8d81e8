// The project panel: attributes, investment progress, dates, and the project's site-check
// verdict from GET /api/projects/{id}/check (absent → "no check yet").

import { h, replaceChildren, toast } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { fmtWan, fmtDate, fmtArea, fmtPercent, toNum } from './format.js';
import { progress, statusColour, statusToken } from './model.js';
import { categoryLabel, statusLabel, fundingLabel, landStatusLabel } from './labels.js';
import { renderReport } from './report.js';
import { editSection } from './edit.js';

function dl(pairs) {
  const items = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return h('dl', { class: 'attrs' }, items.map(([k, v]) => [h('dt', { text: k }), h('dd', null, v)]));
}

function text(v) {
  return v === null || v === undefined || v === '' ? null : String(v);
}

function phoneLink(v) {
  const s = text(v);
  if (!s) return null;
  if (!/^\+?[\d\s()-]{4,}$/.test(s)) return s;
  return h('a', { href: `tel:${s.replace(/[^\d+]/g, '')}`, text: s });
}

function progressBar(props) {
  const r = progress(props);
  const pct = r === null ? 0 : Math.round(r * 1000) / 10;
  const label = t('panel.progressLabel');
  return h('div', { class: 'progress-block' },
    h('div', { class: 'progress-caption' },
      h('span', { text: label }),
      h('strong', { text: r === null ? t('common.none') : fmtPercent(r) })),
    h('div', {
      class: 'progress', role: 'progressbar', 'aria-label': label,
      'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct),
      'aria-valuetext': r === null ? t('common.none') : fmtPercent(r),
    }, h('span', { class: 'progress-fill', style: { width: `${pct}%` } })),
    h('p', { class: 'progress-detail muted', text: t('panel.progressDetail', {
      done: fmtWan(props.completedInvestment), total: fmtWan(props.totalInvestment),
    }) }));
}

export function createProjectPanel({ onClose, onZoom }) {
  const panel = document.getElementById('project-panel');
  let current = null;
  let report; // undefined: loading, null: none, object: the report
  let reportError = null;
  let abort = null;
  let other = null; // { id, attributes }: the imported columns no field took (其他属性), once loaded

  function checkSection(p) {
    let body;
    if (report === undefined && !reportError) body = h('p', { class: 'muted', text: t('panel.checkLoading') });
    else if (reportError) body = h('p', { class: 'muted', text: t('panel.checkError') });
    else if (report === null) body = h('p', { class: 'muted', text: t('panel.checkNone') });
    else {
      body = renderReport(report, {
        compact: true,
        actions: [h('a', {
          href: api.projectCheckHtmlUrl(p.id), target: '_blank', rel: 'noopener',
          class: 'btn btn-small', text: t('panel.checkFull'),
        })],
      });
    }
    return h('section', { class: 'panel-section', id: 'project-check' },
      h('h3', { text: t('panel.siteCheck') }), body);
  }

  function render() {
    const p = current;
    if (!p) return;
    const props = p.props;
    const name = text(props.name) || p.id;
    replaceChildren(panel,
      h('div', { class: 'panel-head' },
        h('h2', { id: 'project-title', text: name }),
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('common.close'), text: '×', onclick: onClose })),
      h('p', { class: 'panel-sub' },
        h('span', { class: ['status-badge', `status-${statusToken(props.status)}`], style: { '--c': statusColour(props.status) }, text: statusLabel(props.status) }),
        text(props.code) ? h('span', { class: 'muted', text: ` ${props.code}` }) : null),
      progressBar(props),
      h('section', { class: 'panel-section' },
        h('h3', { text: t('panel.investment') }),
        dl([
          [t('field.totalInvestment'), fmtWan(props.totalInvestment)],
          [t('field.annualPlanInvestment'), fmtWan(props.annualPlanInvestment)],
          [t('field.completedInvestment'), fmtWan(props.completedInvestment)],
          [t('field.fundingMode'), props.fundingMode ? fundingLabel(props.fundingMode) : null],
        ])),
      h('section', { class: 'panel-section' },
        h('h3', { text: t('panel.schedule') }),
        dl([
          [t('field.planYear'), text(props.planYear)],
          [t('field.plannedStart'), fmtDate(props.plannedStart)],
          [t('field.plannedEnd'), fmtDate(props.plannedEnd)],
          [t('field.actualStart'), fmtDate(props.actualStart)],
          [t('field.actualEnd'), fmtDate(props.actualEnd)],
        ])),
      h('section', { class: 'panel-section' },
        h('h3', { text: t('panel.details') }),
        dl([
          [t('field.category'), categoryLabel(props.category)],
          [t('field.district'), text(props.district)],
          [t('field.department'), text(props.department)],
          [t('field.leader'), text(props.leader)],
          [t('field.contactName'), text(props.contactName)],
          [t('field.contactPhone'), phoneLink(props.contactPhone)],
          [t('field.address'), text(props.address)],
          [t('field.landStatus'), props.landStatus ? landStatusLabel(props.landStatus) : null],
          [t('field.landArea'), toNum(props.landArea) !== null ? fmtArea(props.landArea) : null],
        ])),
      otherSection(p),
      checkSection(p),
      editSection(p, { onSaved: render }),
      h('div', { class: 'panel-actions' },
        h('button', { type: 'button', class: 'btn', text: t('panel.zoomTo'), onclick: () => onZoom(p.id) }),
        h('button', { type: 'button', class: 'btn', text: t('panel.copyLink'), onclick: copyLink })));
  }

  /** 其他属性: the source file's columns an import kept beside the project; hidden when there are none. */
  function otherSection(p) {
    const attrs = other && other.id === p.id ? other.attributes : null;
    const pairs = attrs && typeof attrs === 'object'
      ? Object.entries(attrs).map(([k, v]) => [k, v === null || v === undefined ? null : (typeof v === 'object' ? JSON.stringify(v) : String(v))])
      : [];
    if (!pairs.length) return h('section', { id: 'project-other', class: 'panel-section', hidden: true });
    return h('section', { id: 'project-other', class: 'panel-section' },
      h('h3', { text: t('panel.otherAttributes') }),
      dl(pairs));
  }

  async function loadOther(p) {
    try {
      const feature = await api.project(p.id);
      if (current !== p) return;
      other = { id: p.id, attributes: (feature && feature.properties && feature.properties.otherAttributes) || null };
    } catch {
      return; // the panel works without them
    }
    const section = document.getElementById('project-other');
    if (section) section.replaceWith(otherSection(p));
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(location.href);
      toast(t('panel.linkCopied'));
    } catch {
      toast(t('panel.linkCopyFailed'), 'error');
    }
  }

  async function loadCheck(p) {
    if (abort) abort.abort();
    abort = new AbortController();
    report = undefined;
    reportError = null;
    try {
      const r = await api.projectCheck(p.id, abort.signal);
      if (current !== p) return;
      report = r;
    } catch (e) {
      if (e.name === 'AbortError' || current !== p) return;
      reportError = e;
    }
    const section = document.getElementById('project-check');
    if (section) section.replaceWith(checkSection(p));
  }

  return {
    show(p) {
      current = p;
      render();
      loadCheck(p);
      loadOther(p);
    },
    hide() {
      current = null;
      if (abort) abort.abort();
    },
    relabel: render,
    current: () => current,
  };
}
