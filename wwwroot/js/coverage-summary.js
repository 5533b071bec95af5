// The summary beside the coverage map: how many units have data collected in them, only data about a wider area, or
// none, in all and per state/region, each state as a small stacked bar (plain DOM; widths set through CSSOM, as the
// service's style-src 'self' allows) with its counts in words beside it.
import { el, fill } from './dom.js';

/** The three groups of the map's classes (classOf: the page's class of a unit, reasons included). */
export const GROUPS = [
  { key: 'data', label: 'with data collected in them', color: '#2171b5', classes: ['finer', 'here', 'partly'] },
  { key: 'coarser', label: 'only data about a wider area', color: '#c6dbef', classes: ['coarser'] },
  { key: 'none', label: 'no data', color: '#fdae6b', classes: null },
];

const groupOf = key => GROUPS.find(g => g.classes?.includes(key)) ?? GROUPS[2];

function bar(counts, total) {
  const node = el('span', { class: 'summary-bar', 'aria-hidden': 'true' });
  for (const g of GROUPS) {
    if (!counts[g.key]) continue;
    const part = el('span', { class: `summary-part summary-${g.key}` });
    part.style.width = `${(100 * counts[g.key]) / total}%`;
    part.style.background = g.color;
    node.append(part);
  }
  return node;
}

const inWords = c => `${c.data} with data, ${c.coarser} only wider-area data, ${c.none} no data`;

/**
 * Fills container with the summary of features (the units on the map). stateNames: state pcode → name; unit: the
 * plural of the level shown ("townships"). Also sets container.dataset.summary (JSON: state pcode → [data, coarser, none]).
 */
export function drawSummary(container, features, { classOf, stateNames, unit }) {
  const empty = () => ({ data: 0, coarser: 0, none: 0 });
  const all = empty();
  const byState = new Map();
  for (const f of features) {
    const g = groupOf(classOf(f.properties)).key;
    all[g]++;
    const state = f.properties.state_pcode ?? f.properties.pcode.slice(0, 6);
    if (!byState.has(state)) byState.set(state, empty());
    byState.get(state)[g]++;
  }
  const states = [...byState].sort(([a], [b]) => (stateNames.get(a) ?? a).localeCompare(stateNames.get(b) ?? b));
  fill(container,
    el('h2', { id: 'summary-heading', text: 'Summary' }),
    el('p', { text: `Of ${features.length} ${unit}: ${all.data} with data collected in them, ${all.coarser} only with data about a wider area, ${all.none} with no data.` }),
    el('ul', { class: 'summary-key', 'aria-hidden': 'true' }, GROUPS.map(g => {
      const swatch = el('span', { class: 'legend-swatch' });
      swatch.style.background = g.color;
      return el('li', {}, swatch, g.label);
    })),
    el('ul', { class: 'summary-states' }, states.map(([pcode, counts]) => {
      const total = counts.data + counts.coarser + counts.none;
      return el('li', { dataset: { state: pcode } },
        el('span', { class: 'summary-name', text: stateNames.get(pcode) ?? pcode }),
        bar(counts, total),
        el('span', { class: 'summary-counts', text: inWords(counts) }));
    })));
  container.dataset.summary = JSON.stringify(Object.fromEntries(states.map(([p, c]) => [p, [c.data, c.coarser, c.none]])));
}
