// The supervision page (督办): overdue milestones and missing monthly reports by department, with
// days overdue, a printable urging notice per department, the CSV export and the scoreboard.
// Needs a signed-in account; anyone else is sent to the log-in page.
import { currentUser, logout } from './auth.js';
import { h, replaceChildren } from './dom.js';
import { initI18n, t } from './i18n.js';

await initI18n();

const user = await currentUser();
if (!user) {
  location.assign(`login.html?next=${encodeURIComponent('/supervision')}`);
} else {
  document.getElementById('who').textContent = t('auth.signedInAs', { name: user.displayName || user.username });
  document.getElementById('logout').addEventListener('click', async () => {
    await logout();
    location.assign('login.html');
  });
  const asOf = document.getElementById('as-of');
  asOf.addEventListener('change', load);
  await load();
  window.projmapReady = true;
}

async function getJson(url) {
  const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

function table(caption, headers, rows) {
  return h('table', null,
    h('caption', { class: 'sr-only', text: caption }),
    h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col', text: x })))),
    h('tbody', null, rows));
}

async function load() {
  const error = document.getElementById('sv-error');
  error.textContent = '';
  const asOf = document.getElementById('as-of').value;
  const q = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
  document.getElementById('csv-link').href = `api/supervision.csv${q}`;
  document.getElementById('xlsx-link').href = `api/supervision.xlsx${q}`;
  try {
    const [list, scores] = await Promise.all([getJson(`api/supervision${q}`), getJson('api/scores')]);
    renderList(list);
    renderScores(scores);
  } catch (e) {
    error.textContent = t('supervision.loadFailed');
  }
}

function renderList(list) {
  const root = document.getElementById('sv-list');
  if (!list.departments.length) {
    replaceChildren(root, h('p', { text: t('supervision.nothingOverdue') }));
    return;
  }
  replaceChildren(root, list.departments.map((d) => {
    const rows = [
      ...d.overdueMilestones.map((m) => h('tr', null,
        h('td', { text: m.code }), h('td', { text: m.name }),
        h('td', { text: t('supervision.milestone', { title: m.milestone }) }),
        h('td', { text: m.dueDate }), h('td', { class: 'num', text: String(m.daysOverdue) }))),
      ...d.missingReports.map((r) => h('tr', null,
        h('td', { text: r.code }), h('td', { text: r.name }),
        h('td', { text: t('supervision.reportMissing', { period: r.period }) }),
        h('td', { text: r.dueDate }), h('td', { class: 'num', text: String(r.daysOverdue) }))),
    ];
    const notice = `supervision/notice?department=${encodeURIComponent(d.department)}&asOf=${encodeURIComponent(list.asOf)}`;
    return h('section', { class: 'sv-dept' },
      h('h3', { text: d.department || t('common.unknown') }),
      h('p', null,
        t('supervision.counts', { items: d.overdueMilestones.length + d.missingReports.length, lagging: d.lagging.length }), ' ',
        h('a', { href: notice, target: '_blank', rel: 'noopener', text: t('supervision.notice') })),
      rows.length ? table(d.department, [t('supervision.col.code'), t('supervision.col.name'), t('supervision.col.item'),
        t('supervision.col.due'), t('supervision.col.days')], rows) : null);
  }));
}

function pct(v) {
  return `${(v * 100).toFixed(1)}%`;
}

function renderScores(scores) {
  const rows = scores.departments.map((s) => h('tr', null,
    h('td', { class: 'num', text: String(s.rank) }), h('td', { text: s.department || t('common.unknown') }),
    h('td', { class: 'num', text: pct(s.onTimeReportRate) }), h('td', { class: 'num', text: pct(s.milestoneHitRate) }),
    h('td', { class: 'num', text: pct(s.investmentRate) }), h('td', { class: 'num', text: s.score.toFixed(1) })));
  replaceChildren(document.getElementById('sv-scores'),
    h('p', { class: 'muted', text: t('supervision.scoresMonth', { month: scores.month }) }),
    table(t('supervision.scoresHeading'), [t('supervision.col.rank'), t('supervision.col.department'),
      t('supervision.col.onTime'), t('supervision.col.milestones'), t('supervision.col.investment'),
      t('supervision.col.score')], rows));
}
