// Horizontal SVG bar charts, drawn by hand: the dashboard needs only bars, and a chart library
// would cost more than the rest of the page. Labels and values are SVG text nodes (textContent).

import { svg } from './dom.js';

const ROW = 26;
const GAP = 6;
const LABEL_W = 170;
const VALUE_W = 110;
const WIDTH = 640;
const MAX_LABEL_CHARS = 12;

function shorten(s) {
  return s.length > MAX_LABEL_CHARS ? `${s.slice(0, MAX_LABEL_CHARS - 1)}…` : s;
}

/**
 * items: [{label, value, colour?, valueText, href?}] → an <svg role="img"> with one bar per item.
 * `title` is the accessible name; the table next to the chart carries the same numbers.
 */
export function barChart(items, { title, colour = '#0072B2' } = {}) {
  const max = Math.max(0, ...items.map((i) => (Number.isFinite(i.value) ? i.value : 0)));
  const barMax = WIDTH - LABEL_W - VALUE_W;
  const height = Math.max(ROW, items.length * (ROW + GAP));
  const root = svg('svg', {
    class: 'bar-chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title,
    preserveAspectRatio: 'xMinYMin meet',
  }, svg('title', { text: title }));
  items.forEach((item, i) => {
    const y = i * (ROW + GAP);
    const v = Number.isFinite(item.value) ? item.value : 0;
    const w = max > 0 ? Math.max(v > 0 ? 2 : 0, (v / max) * barMax) : 0;
    const g = svg('g', { class: 'bar' },
      svg('title', { text: `${item.label}: ${item.valueText}` }),
      svg('text', { x: LABEL_W - 8, y: y + ROW / 2, class: 'bar-label', 'text-anchor': 'end', 'dominant-baseline': 'central', text: shorten(item.label) }),
      svg('rect', { x: LABEL_W, y: y + 3, width: w.toFixed(1), height: ROW - 6, rx: 3, fill: item.colour || colour }),
      svg('text', { x: LABEL_W + w + 6, y: y + ROW / 2, class: 'bar-value', 'dominant-baseline': 'central', text: item.valueText }));
    // a bar with `href` clicks through (to the map filtered by that row)
    root.appendChild(item.href ? svg('a', { href: item.href, class: 'bar-link', 'aria-label': `${item.label}: ${item.valueText}` }, g) : g);
  });
  return root;
}
