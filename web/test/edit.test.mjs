// The edit form's pure helpers: positions named by the server, and the progress forms' checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.window = globalThis.window || {};
const { formatWhere } = await import('../js/edit-geometry.js');
const { milestoneProblem, reportProblem } = await import('../js/progress-form.js');

test('a position from the server is shown with six decimals at most', () => {
  assert.equal(formatWhere('(114.02499999999999, 32.983999999999995)'), '114.025, 32.984');
  assert.equal(formatWhere('114.5 33'), '114.5, 33');
  assert.equal(formatWhere('$'), '$');
});

test('a milestone needs a title and a due date, and is not reached in the future', () => {
  const ok = { kind: 'start', title: '开工', dueDate: '2026-05-01', doneDate: null };
  assert.equal(milestoneProblem(ok, '2026-06-01'), null);
  assert.equal(milestoneProblem({ ...ok, title: '' }, '2026-06-01')[0], 'title');
  assert.equal(milestoneProblem({ ...ok, dueDate: null }, '2026-06-01')[0], 'dueDate');
  assert.equal(milestoneProblem({ ...ok, dueDate: '1890-01-01' }, '2026-06-01')[0], 'dueDate');
  assert.equal(milestoneProblem({ ...ok, doneDate: '2026-06-02' }, '2026-06-01')[0], 'doneDate');
  assert.equal(milestoneProblem({ ...ok, doneDate: '2026-06-01' }, '2026-06-01'), null);
});

test('a monthly report is checked as the server checks it', () => {
  const ok = { period: '2026-05', investmentMonth: 50, investmentCumulative: 120, physicalPercent: 35 };
  assert.equal(reportProblem(ok, 800, '2026-06'), null);
  assert.equal(reportProblem({ ...ok, period: '2026-07' }, 800, '2026-06')[0], 'period');
  assert.equal(reportProblem({ ...ok, investmentMonth: -1 }, 800, '2026-06')[0], 'investmentMonth');
  assert.equal(reportProblem({ ...ok, investmentMonth: null }, 800, '2026-06')[0], 'investmentMonth');
  assert.equal(reportProblem({ ...ok, investmentCumulative: 40 }, 800, '2026-06')[0], 'investmentCumulative');
  assert.equal(reportProblem({ ...ok, investmentCumulative: 900 }, 800, '2026-06')[0], 'investmentCumulative');
  assert.equal(reportProblem({ ...ok, investmentCumulative: 900 }, null, '2026-06'), null);
  assert.equal(reportProblem({ ...ok, investmentMonth: 2e7, investmentCumulative: 2e7 }, null, '2026-06')[0], 'investmentMonth');
  assert.equal(reportProblem({ ...ok, physicalPercent: 100.5 }, 800, '2026-06')[0], 'physicalPercent');
  assert.equal(reportProblem({ ...ok, physicalPercent: 101 }, 800, '2026-06')[0], 'physicalPercent');
});
