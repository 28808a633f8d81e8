// Progress of a project in its panel: milestones (时间节点) with days overdue, and monthly reports
// (月报) with their review state. Editors of the project's department add milestones, mark them
// reached and submit a month's report; planners approve or reject submitted reports. The forms
// check what they can before sending (same rules as ProgressRoutes), and show the server's
// answer against the field it names when it refuses anyway.
import { currentUser, mayEdit, send } from './auth.js';
import { h, replaceChildren } from './dom.js';
import { has, t } from './i18n.js';
import { fmtDate, fmtWan, toNum } from './format.js';
import { statusLabel } from './labels.js';

const KINDS = ['land', 'permits', 'start', 'topping_out', 'completion', 'acceptance', 'other'];
const STATUSES = ['planned', 'preparing', 'under_construction', 'completed', 'suspended'];
const ABSURD_WAN = 10000000; // ProjectReader.ABSURD_WAN: 1000 亿元

/** Today in the programme's time zone (the server decides "future" there). */
function today() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function thisMonth() {
  return today().slice(0, 7);
}

function lastMonth() {
  const [y, m] = thisMonth().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function period(v) {
  return Array.isArray(v) ? `${v[0]}-${String(v[1]).padStart(2, '0')}` : String(v ?? '');
}

async function getJson(url) {
  const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/** One labelled input; `inputs[name]` keeps it for validation messages. */
function row(inputs, prefix, name, input) {
  input.id = `${prefix}-${name}`;
  input.name = name;
  inputs[name] = input;
  return h('div', { class: 'edit-row' }, h('label', { for: input.id, text: t(`progress.field.${name}`) }), input);
}

/** Shows `text` in `message` and marks the field it concerns. */
function refuse(message, inputs, field, text) {
  for (const el of Object.values(inputs)) el.removeAttribute('aria-invalid');
  message.textContent = text;
  if (field && inputs[field]) {
    inputs[field].setAttribute('aria-invalid', 'true');
    inputs[field].focus();
  }
}

/** The server's refusal in the page's language where we know its field, with its own words after. */
function serverText(answer, status) {
  const field = answer.details && answer.details.field;
  const label = field && has(`progress.field.${field}`) ? t(`progress.field.${field}`) : field;
  const detail = String(answer.message || `HTTP ${status}`).replace(/^[A-Za-z]+: /, '');
  if (status === 403) return t('progress.error.forbidden');
  if (answer.error === 'already_approved') return t('progress.error.already_approved');
  return label ? t('progress.error.server', { field: label, message: detail }) : t('progress.error.other', { message: detail });
}

/** Client-side checks of a milestone; returns [field, message] or null. */
export function milestoneProblem(m, now = today()) {
  if (!m.title || m.title.length > 200) return ['title', t('progress.error.title')];
  if (!m.dueDate) return ['dueDate', t('progress.error.required')];
  const year = Number(m.dueDate.slice(0, 4));
  if (year < 1990 || year > 2100) return ['dueDate', t('progress.error.year')];
  if (m.doneDate && m.doneDate > now) return ['doneDate', t('progress.error.futureDone')];
  return null;
}

/** Client-side checks of a monthly report; returns [field, message] or null. */
export function reportProblem(r, totalInvestment, now = thisMonth()) {
  if (!/^\d{4}-\d{2}$/.test(r.period || '')) return ['period', t('progress.error.required')];
  if (r.period > now) return ['period', t('progress.error.futurePeriod')];
  for (const f of ['investmentMonth', 'investmentCumulative']) {
    if (r[f] === null || !Number.isFinite(r[f])) return [f, t('progress.error.number')];
    if (r[f] < 0) return [f, t('progress.error.negative')];
    if (r[f] > ABSURD_WAN) return [f, t('progress.error.absurd')];
  }
  if (r.investmentCumulative < r.investmentMonth) return ['investmentCumulative', t('progress.error.cumulativeBelowMonth')];
  const total = toNum(totalInvestment);
  if (total && total > 0 && r.investmentCumulative > total) {
    return ['investmentCumulative', t('progress.error.cumulativeOverTotal', { total: fmtWan(total) })];
  }
  if (!Number.isInteger(r.physicalPercent) || r.physicalPercent < 0 || r.physicalPercent > 100) {
    return ['physicalPercent', t('progress.error.percent')];
  }
  return null;
}

/** An audit action ("project.update") in words; unknown codes as they are. */
function historyAction(action) {
  const key = `progress.historyAction.${String(action).replace(/\./g, '_')}`;
  return has(key) ? t(key) : String(action);
}

/** A project field's name in words (the edit form's labels), else as the API spells it. */
function fieldName(field) {
  if (field === 'geometry') return t('progress.geometryField');
  return has(`edit.field.${field}`) ? t(`edit.field.${field}`) : field;
}

function numberValue(input) {
  const v = input.value.trim();
  return v === '' ? null : Number(v);
}

/** The progress section of a project's panel. */
export function progressSection(project) {
  const milestones = h('div', { id: 'milestone-list' });
  const reports = h('div', { id: 'report-list' });
  const forms = h('div', { class: 'progress-forms' });
  const history = h('div', { id: 'history-list' });
  const section = h('section', { class: 'panel-section', id: 'project-progress' },
    h('h3', { text: t('progress.heading') }),
    h('h4', { text: t('progress.milestones') }), milestones,
    h('h4', { text: t('progress.reports') }), reports, forms,
    h('h4', { text: t('progress.history') }), history);
  let user = null;

  async function loadMilestones() {
    const list = await getJson(`api/projects/${encodeURIComponent(project.id)}/milestones`);
    const editor = mayEdit(user, project.props.department);
    replaceChildren(milestones, list.length ? h('ul', { class: 'milestones' }, list.map((m) => h('li', {
      class: m.daysOverdue > 0 ? 'is-overdue' : null, 'data-id': m.id,
    },
    h('strong', { text: `${t(`progress.kind.${m.kind}`)}：` }),
    h('span', { text: m.title }),
    h('span', { class: 'muted', text: ` ${t('progress.due', { date: fmtDate(m.dueDate) })}` }),
    m.doneDate ? h('span', { class: 'done', text: ` ✓ ${t('progress.done', { date: fmtDate(m.doneDate) })}` })
      : m.daysOverdue > 0 ? h('span', { class: 'overdue', text: ` ${t('progress.overdue', { days: m.daysOverdue })}` }) : null,
    editor && !m.doneDate ? h('button', { type: 'button', class: 'btn btn-small milestone-done', text: t('progress.markDone'),
      onclick: () => markDone(m) }) : null)))
      : h('p', { class: 'muted', text: t('progress.noMilestones') }));
  }

  async function markDone(m) {
    const res = await send('PUT', `api/milestones/${encodeURIComponent(m.id)}`,
      { kind: m.kind, title: m.title, dueDate: m.dueDate, doneDate: today() });
    if (!res.ok) {
      const answer = await res.json().catch(() => ({}));
      milestones.append(h('p', { role: 'alert', text: serverText(answer, res.status) }));
      return;
    }
    await loadMilestones();
  }

  async function loadReports() {
    if (!user) {
      replaceChildren(reports, h('p', { class: 'muted', text: t('progress.signInForReports') }));
      return;
    }
    const list = await getJson(`api/projects/${encodeURIComponent(project.id)}/reports`);
    const planner = user.role === 'admin' || user.role === 'planner';
    replaceChildren(reports, list.length ? h('ul', { class: 'reports' }, list.slice().reverse().map((r) => h('li', { 'data-id': r.id },
      h('strong', { text: period(r.period) }),
      h('span', { text: ` ${t('progress.reportLine', {
        month: fmtWan(r.investmentMonth), cumulative: fmtWan(r.investmentCumulative), percent: r.physicalPercent,
      })} ` }),
      h('span', { class: `report-state state-${r.state}`, text: t(`progress.state.${r.state}`) }),
      r.reviewNote ? h('span', { class: 'muted', text: ` ${r.reviewNote}` }) : null,
      (r.photoIds || []).length ? h('span', { class: 'report-photos' }, r.photoIds.map((id) => h('a', {
        href: `api/photos/${encodeURIComponent(id)}`, target: '_blank', rel: 'noopener',
      }, h('img', { src: `api/photos/${encodeURIComponent(id)}/thumbnail`, alt: t('progress.reportPhoto'), loading: 'lazy' })))) : null,
      planner && r.state === 'submitted' ? reviewButtons(r) : null)))
      : h('p', { class: 'muted', text: t('progress.noReports') }));
  }

  /** The project's audit trail: who changed which fields when (signed-in callers only). */
  async function loadHistory() {
    if (!user) {
      replaceChildren(history, h('p', { class: 'muted', text: t('progress.signInForHistory') }));
      return;
    }
    const { entries } = await getJson(`api/projects/${encodeURIComponent(project.id)}/history`);
    replaceChildren(history, entries.length ? h('ol', { class: 'history', reversed: true },
      entries.slice().reverse().slice(0, 20).map((e) => h('li', null,
        h('span', { class: 'muted', text: `${String(e.at).slice(0, 16).replace('T', ' ')} UTC ` }),
        h('strong', { text: e.actor }),
        h('span', { text: ` ${historyAction(e.action)}` }),
        e.version ? h('span', { text: ` ${t('progress.historyVersion', { version: e.version })}` }) : null,
        (e.changes || []).length ? h('span', { class: 'muted', text: `：${e.changes.map((c) => fieldName(c.field)).join('、')}` }) : null)))
      : h('p', { class: 'muted', text: t('progress.noHistory') }));
  }

  function reviewButtons(r) {
    const note = h('input', { type: 'text', class: 'review-note', 'aria-label': t('progress.rejectNote'),
      placeholder: t('progress.rejectNote'), maxlength: 500 });
    const msg = h('span', { role: 'alert' });
    const review = async (action) => {
      if (action === 'reject' && !note.value.trim()) {
        msg.textContent = t('progress.error.rejectNote');
        note.focus();
        return;
      }
      const res = await send('POST', `api/reports/${encodeURIComponent(r.id)}/${action}`,
        action === 'reject' ? { note: note.value.trim() } : {});
      if (!res.ok) {
        msg.textContent = serverText(await res.json().catch(() => ({})), res.status);
        return;
      }
      await Promise.all([loadReports(), loadHistory()]);
    };
    return h('span', { class: 'review' },
      h('button', { type: 'button', class: 'btn btn-small report-approve', text: t('progress.approve'), onclick: () => review('approve') }),
      note,
      h('button', { type: 'button', class: 'btn btn-small report-reject', text: t('progress.reject'), onclick: () => review('reject') }),
      msg);
  }

  function milestoneForm() {
    const inputs = {};
    const message = h('p', { id: 'milestone-message', role: 'alert' });
    const form = h('form', { id: 'milestone-form', novalidate: true },
      h('h4', { text: t('progress.addMilestone') }),
      row(inputs, 'milestone', 'kind', h('select', null, KINDS.map((k) => h('option', { value: k, text: t(`progress.kind.${k}`) })))),
      row(inputs, 'milestone', 'title', h('input', { type: 'text', maxlength: 200 })),
      row(inputs, 'milestone', 'dueDate', h('input', { type: 'date' })),
      row(inputs, 'milestone', 'doneDate', h('input', { type: 'date' })),
      message,
      h('button', { type: 'submit', class: 'btn btn-small', id: 'milestone-save', text: t('progress.save') }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const m = {
        kind: inputs.kind.value, title: inputs.title.value.trim(),
        dueDate: inputs.dueDate.value || null, doneDate: inputs.doneDate.value || null,
      };
      const problem = milestoneProblem(m);
      if (problem) return refuse(message, inputs, problem[0], problem[1]);
      const res = await send('POST', `api/projects/${encodeURIComponent(project.id)}/milestones`, m);
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) return refuse(message, inputs, answer.details && answer.details.field, serverText(answer, res.status));
      form.reset();
      refuse(message, inputs, null, t('progress.milestoneSaved'));
      await loadMilestones();
      return undefined;
    });
    return form;
  }

  /** The project's photos as boxes to tick: the ones the report shows (uploaded in the photo section). */
  async function loadPhotoChoices(picker) {
    let photos = [];
    try {
      photos = await getJson(`api/projects/${encodeURIComponent(project.id)}/photos`);
    } catch {
      photos = [];
    }
    replaceChildren(picker, h('legend', { text: t('progress.reportPhotos') }),
      photos.length ? photos.slice(0, 20).map((ph) => h('label', { class: 'photo-choice' },
        h('input', { type: 'checkbox', name: 'report-photo', value: String(ph.id) }),
        h('img', { src: `api/photos/${encodeURIComponent(ph.id)}/thumbnail`, alt: ph.caption || t('progress.reportPhoto') })))
        : h('p', { class: 'muted', text: t('progress.noPhotosToShow') }));
  }

  function reportForm() {
    const inputs = {};
    const photoPicker = h('fieldset', { id: 'report-photos', class: 'photo-picker' });
    loadPhotoChoices(photoPicker);
    const message = h('p', { id: 'report-message', role: 'alert' });
    const form = h('form', { id: 'report-form', novalidate: true },
      h('h4', { text: t('progress.submitReport') }),
      row(inputs, 'report', 'period', h('input', { type: 'month', value: lastMonth(), max: thisMonth() })),
      row(inputs, 'report', 'investmentMonth', h('input', { type: 'number', min: '0', step: 'any', inputmode: 'decimal' })),
      row(inputs, 'report', 'investmentCumulative', h('input', { type: 'number', min: '0', step: 'any', inputmode: 'decimal' })),
      row(inputs, 'report', 'physicalPercent', h('input', { type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric' })),
      row(inputs, 'report', 'newStatus', h('select', null, h('option', { value: '', text: t('progress.noStatusChange') }),
        STATUSES.map((s) => h('option', { value: s, text: statusLabel(s) })))),
      row(inputs, 'report', 'progressText', h('textarea', { rows: 2, maxlength: 2000 })),
      row(inputs, 'report', 'problems', h('textarea', { rows: 2, maxlength: 2000 })),
      photoPicker,
      message,
      h('button', { type: 'submit', class: 'btn btn-small', id: 'report-save', text: t('progress.submit') }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const r = {
        period: inputs.period.value.trim(),
        investmentMonth: numberValue(inputs.investmentMonth),
        investmentCumulative: numberValue(inputs.investmentCumulative),
        physicalPercent: numberValue(inputs.physicalPercent),
        newStatus: inputs.newStatus.value || null,
        progressText: inputs.progressText.value.trim() || null,
        problems: inputs.problems.value.trim() || null,
        photoIds: [...photoPicker.querySelectorAll('input[name="report-photo"]:checked')].map((c) => Number(c.value)),
      };
      const problem = reportProblem(r, project.props.totalInvestment);
      if (problem) return refuse(message, inputs, problem[0], problem[1]);
      const res = await send('POST', `api/projects/${encodeURIComponent(project.id)}/reports`, r);
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) return refuse(message, inputs, answer.details && answer.details.field, serverText(answer, res.status));
      refuse(message, inputs, null, t('progress.reportSaved', { period: r.period }));
      await loadReports();
      return undefined;
    });
    return form;
  }

  currentUser().catch(() => null).then(async (u) => {
    user = u;
    if (mayEdit(user, project.props.department)) replaceChildren(forms, milestoneForm(), reportForm());
    await Promise.all([loadMilestones(), loadReports(), loadHistory()]);
  }).catch(() => {
    milestones.textContent = t('progress.loadFailed');
  });
  return section;
}
