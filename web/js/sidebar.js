// The filter form, the search box with suggestions, the result count and the project list.
// It owns no state of its own beyond what the form shows: map.js holds the filter and tells the
// sidebar what to show.

import { h, replaceChildren, debounce } from './dom.js';
import { t } from './i18n.js';
import { CATEGORIES, STATUSES, VERDICTS, distinct, suggest, statusColour, statusToken } from './model.js';
import { categoryLabel, statusLabel, verdictLabel } from './labels.js';
import { fmtWan, fmtYi } from './format.js';

/** How many list rows are drawn before a "show all" button (keeps tablets responsive). */
const LIST_PAGE = 200;

const $ = (id) => document.getElementById(id);

export function createSidebar({ onFilterChange, onSelect }) {
  const form = $('filter-form');
  const selects = {
    category: $('filter-category'),
    status: $('filter-status'),
    district: $('filter-district'),
    department: $('filter-department'),
    planYear: $('filter-year'),
    verdict: $('filter-verdict'),
  };
  const invMin = $('filter-inv-min');
  const invMax = $('filter-inv-max');
  const search = $('search');
  const suggestionsBox = $('search-suggestions');
  const list = $('project-list');
  const count = $('project-count');
  const countOf = $('project-count-of');
  const totalEl = $('project-total');

  let projects = [];
  let lastRender = { shown: [], total: 0, selectedId: null };
  let listLimit = LIST_PAGE;
  let suggestions = [];
  let active = -1;

  // ---- options ----

  const optionSources = {
    category: () => union(CATEGORIES, distinct(projects, 'category')),
    status: () => union(STATUSES, distinct(projects, 'status')),
    district: () => distinct(projects, 'district'),
    department: () => distinct(projects, 'department'),
    planYear: () => distinct(projects, 'planYear').sort((a, b) => b.localeCompare(a)),
    verdict: () => VERDICTS, // known before the verdicts are: they are fetched when chosen
  };
  const optionLabels = {
    category: (v) => categoryLabel(v),
    status: (v) => statusLabel(v),
    district: (v) => v,
    department: (v) => v,
    planYear: (v) => v,
    verdict: (v) => verdictLabel(v),
  };

  function union(known, present) {
    return [...known.filter((k) => present.includes(k)), ...present.filter((p) => !known.includes(p))];
  }

  function fillSelect(key, keepValue) {
    const select = selects[key];
    const values = optionSources[key]();
    const label = optionLabels[key];
    const options = [h('option', { value: '', text: t(`filter.all.${key}`) })];
    for (const v of values) options.push(h('option', { value: v, text: label(v) }));
    // A shared link may name several values (category=roads,parks) or one no project has:
    // keep it selectable so the form shows the filter that is in force.
    if (keepValue && !values.includes(keepValue)) {
      options.push(h('option', { value: keepValue, text: keepValue.split(',').map(label).join(' + ') }));
    }
    replaceChildren(select, options);
    select.value = keepValue || '';
  }

  function fillAll() {
    for (const key of Object.keys(selects)) fillSelect(key, selects[key].value);
  }

  // ---- reading and writing the form ----

  function readFilter() {
    const f = {};
    for (const [key, select] of Object.entries(selects)) {
      if (select.value) f[key] = select.value.split(',');
    }
    const min = invMin.value === '' ? null : Number(invMin.value);
    const max = invMax.value === '' ? null : Number(invMax.value);
    if (Number.isFinite(min) && min !== null) f.invMin = min;
    if (Number.isFinite(max) && max !== null) f.invMax = max;
    const q = search.value.trim();
    if (q) f.q = q;
    return f;
  }

  function writeFilter(f) {
    for (const key of Object.keys(selects)) {
      fillSelect(key, f[key] ? f[key].join(',') : '');
    }
    invMin.value = f.invMin ?? '';
    invMax.value = f.invMax ?? '';
    search.value = f.q ?? '';
  }

  const changed = () => onFilterChange(readFilter());
  const changedSoon = debounce(changed, 250);

  for (const select of Object.values(selects)) select.addEventListener('change', changed);
  for (const input of [invMin, invMax]) input.addEventListener('input', changedSoon);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    changed();
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    writeFilter({});
    closeSuggestions();
    changed();
  });

  // ---- search with suggestions (ARIA 1.2 combobox pattern) ----

  function closeSuggestions() {
    suggestions = [];
    active = -1;
    suggestionsBox.hidden = true;
    search.setAttribute('aria-expanded', 'false');
    search.removeAttribute('aria-activedescendant');
    replaceChildren(suggestionsBox);
  }

  function renderSuggestions() {
    if (!suggestions.length) {
      closeSuggestions();
      return;
    }
    replaceChildren(suggestionsBox, suggestions.map((p, i) => h('li', {
      id: `suggestion-${i}`,
      role: 'option',
      class: ['suggestion', i === active && 'is-active'],
      'aria-selected': i === active ? 'true' : 'false',
      dataset: { id: p.id },
      onmousedown: (e) => e.preventDefault(), // keep focus in the input
      onclick: () => choose(i),
    },
    h('span', { class: 'suggestion-name', text: String(p.props.name ?? p.id) }),
    h('span', { class: 'suggestion-code', text: String(p.props.code ?? '') }))));
    suggestionsBox.hidden = false;
    search.setAttribute('aria-expanded', 'true');
    if (active >= 0) search.setAttribute('aria-activedescendant', `suggestion-${active}`);
    else search.removeAttribute('aria-activedescendant');
  }

  function choose(i) {
    const p = suggestions[i];
    if (!p) return;
    closeSuggestions();
    search.value = String(p.props.name ?? p.props.code ?? p.id);
    changed();
    onSelect(p.id, { pan: true });
  }

  search.addEventListener('input', () => {
    suggestions = suggest(projects, search.value);
    active = -1;
    renderSuggestions();
    changedSoon();
  });
  search.addEventListener('keydown', (e) => {
    const open = !suggestionsBox.hidden && suggestions.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!open) {
        suggestions = suggest(projects, search.value);
        active = -1;
      }
      if (!suggestions.length) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + suggestions.length) % suggestions.length;
      renderSuggestions();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && active >= 0) choose(active);
      else {
        closeSuggestions();
        changed();
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        closeSuggestions();
      }
    }
  });
  search.addEventListener('blur', () => setTimeout(closeSuggestions, 150));
  search.addEventListener('search', changed); // the clear button of type=search

  // ---- result count and list ----

  function row(p, selectedId) {
    const props = p.props;
    return h('li', null, h('button', {
      type: 'button',
      class: ['project-item', p.id === selectedId && 'is-selected'],
      'aria-current': p.id === selectedId ? 'true' : null,
      dataset: { id: p.id },
      onclick: () => onSelect(p.id, { pan: true }),
    },
    h('span', { class: ['status-chip', `status-${statusToken(props.status)}`], style: { '--c': statusColour(props.status) }, 'aria-hidden': 'true' }),
    h('span', { class: 'item-main' },
      h('span', { class: 'item-name', text: String(props.name ?? p.id) }),
      h('span', { class: 'item-meta', text: [props.code, categoryLabel(props.category), props.district].filter(Boolean).join(' · ') })),
    h('span', { class: 'item-side' },
      h('span', { class: 'item-status', text: statusLabel(props.status) }),
      h('span', { class: 'item-money', text: fmtWan(props.totalInvestment) }))));
  }

  function renderList(shown, all, selectedId, pending = null) {
    lastRender = { shown, total: all, selectedId, pending };
    // A verdict filter waits for the verdicts: the count says so rather than showing 0.
    count.textContent = pending ? '…' : String(shown.length);
    count.dataset.total = String(all);
    if (pending) count.dataset.pending = 'true';
    else delete count.dataset.pending;
    countOf.textContent = shown.length === all ? '' : t('filter.countOf', { total: all });
    const sum = shown.reduce((s, p) => s + (p.props.totalInvestment || 0), 0);
    totalEl.textContent = shown.length ? t('filter.totalInvestment', { v: fmtYi(sum) }) : '';
    const rows = shown.slice(0, listLimit).map((p) => row(p, selectedId));
    if (shown.length > listLimit) {
      rows.push(h('li', { class: 'list-more' }, h('button', {
        type: 'button',
        class: 'btn',
        text: t('list.showAll', { n: shown.length }),
        onclick: () => {
          listLimit = Infinity;
          renderList(lastRender.shown, lastRender.total, lastRender.selectedId, lastRender.pending);
        },
      })));
    }
    if (pending) rows.push(h('li', { class: ['list-empty', pending === 'error' ? 'is-error' : 'muted'], text: t(pending === 'error' ? 'filter.verdictError' : 'filter.verdictLoading') }));
    else if (!shown.length) rows.push(h('li', { class: 'list-empty muted', text: t('list.empty') }));
    replaceChildren(list, rows);
  }

  function markSelected(selectedId) {
    lastRender.selectedId = selectedId;
    for (const btn of list.querySelectorAll('.project-item')) {
      const on = btn.dataset.id === selectedId;
      btn.classList.toggle('is-selected', on);
      if (on) btn.setAttribute('aria-current', 'true');
      else btn.removeAttribute('aria-current');
    }
  }

  return {
    setProjects(all) {
      projects = all;
      fillAll();
    },
    setFilter: writeFilter,
    /** `pending`: 'loading' or 'error' while a verdict filter waits for the verdicts. */
    renderList(shown, total, selectedId, pending = null) {
      listLimit = LIST_PAGE;
      renderList(shown, total, selectedId, pending);
    },
    markSelected,
    relabel() {
      fillAll();
      renderList(lastRender.shown, lastRender.total, lastRender.selectedId, lastRender.pending);
    },
  };
}
