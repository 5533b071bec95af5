// The township × sector grid: one row per township, grouped by state/region with its subtotal, one column per sector,
// each cell coloured by its class on the coverage map and linking to that map with the sector chosen and the township in focus.
import { getJson, query, loadVocabularies } from '../api.js';
import { el, fill, $, status } from '../dom.js';
import '../account.js';

const params = new URLSearchParams(location.search);

/** The classes of the coverage map, for one township and sector (finer: collected here, finer than the township). */
const CLASSES = [
  { key: 'finer', label: 'collected here, finer than the township' },
  { key: 'here', label: 'collected here, township level' },
  { key: 'partly', label: 'only some village tracts inside' },
  { key: 'coarser', label: 'only data about a wider area' },
  { key: 'none', label: 'no data' },
  { key: 'not-applicable', label: 'no data: not applicable (said by a member or curator)' },
  { key: 'inaccessible', label: 'no data: inaccessible or not assessed' },
];
const TOWNSHIP_RANK = 3;
/** Levels coarse to fine from the vocabulary: a rank above the township's is finer data. */
let levelRanks = new Map();
/** The column the townships are sorted by within each state ('name' or a sector code) and its direction. */
let sort = { key: params.get('sort') ?? 'name', dir: params.get('dir') === 'descending' ? 'descending' : 'ascending' };
let shown = null;
const classOf = cell => (cell.class === 'none' && cell.reason ? cell.reason : cell.class === 'here' && (levelRanks.get(cell.finest_level) ?? 0) > TOWNSHIP_RANK ? 'finer' : cell.class ?? 'none');

async function refresh() {
  const filters = { level: 'township', state: $('#state').value, level_min: $('#level_min').value };
  writeUrl(filters);
  $('#download-csv').href = `/api/coverage/grid?${query({ ...filters, f: 'csv' })}`;
  document.body.dataset.state = 'loading';
  try {
    const [body, vocab] = await Promise.all([getJson(`/api/coverage/grid?${query(filters)}`), loadVocabularies().catch(() => null)]);
    const sectors = body.sectors.map(code => vocab?.sectors.find(v => v.code === code) ?? { code, label: code });
    levelRanks = new Map((vocab?.levels ?? []).map((l, i) => [l.code, i + 1]));
    shown = { sectors, body, filters };
    render(sectors, body, filters);
    status($('#message'), '');
  } catch (e) {
    status($('#message'), `The grid could not be loaded: ${e.message}`, 'alert');
  } finally {
    document.body.dataset.state = 'ready';
  }
}

function writeUrl(filters) {
  history.replaceState(null, '', `?${query({ state: filters.state, level_min: filters.level_min,
    sort: sort.key === 'name' ? '' : sort.key, dir: sort.dir === 'ascending' ? '' : sort.dir })}`);
}

/** A header that sorts by its column: a button (keyboard and screen readers), the th says the order with aria-sort. */
function sortHeader(key, label, props) {
  const active = sort.key === key;
  return el('th', { scope: 'col', ...props, 'aria-sort': active ? sort.dir : null },
    el('button', { type: 'button', class: 'sort', dataset: { sort: key }, on: { click: () => sortBy(key) } },
      label, el('span', { class: 'sort-mark', 'aria-hidden': 'true', text: active ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ' ↕' })));
}

/** Sorts by the column (again: the other way), draws the grid again and gives the focus back to the header's button. */
function sortBy(key) {
  sort = sort.key === key
    ? { key, dir: sort.dir === 'ascending' ? 'descending' : 'ascending' }
    : { key, dir: key === 'name' ? 'ascending' : 'descending' }; // a sector: most datasets first
  writeUrl(shown.filters);
  render(shown.sectors, shown.body, shown.filters);
  $(`#grid thead button[data-sort="${CSS.escape(key)}"]`)?.focus();
}

function compareRows(a, b) {
  const name = r => r.name_en ?? r.pcode;
  const byName = name(a).localeCompare(name(b));
  const order = sort.key === 'name' ? byName : ((a.cells[sort.key]?.count ?? 0) - (b.cells[sort.key]?.count ?? 0)) || -byName;
  return sort.dir === 'ascending' ? order : -order;
}

/** Townships grouped by state/region, each group led by its subtotal row (distinct records in the state). */
function render(sectors, body, filters) {
  fill($('#grid-legend'), CLASSES.map(c => el('span', {}, el('span', { class: `legend-swatch k-${c.key}` }), c.label)));
  fill($('#grid thead'), el('tr', {},
    sortHeader('name', 'Township', {}),
    sectors.map(s => sortHeader(s.code, s.label, { class: 'sector', title: s.description ?? '' }))));
  const byState = Map.groupBy([...body.rows].sort(compareRows), r => r.state_pcode);
  fill($('#grid tbody'), body.state_subtotals.flatMap(st => [
    el('tr', { class: 'subtotal', dataset: { state: st.state_pcode } },
      el('th', { scope: 'row', text: `${st.name_en ?? st.state_pcode}: datasets in the state` }),
      sectors.map(s => el('td', { class: 'count', text: String(st.cells[s.code]?.count ?? 0) }))),
    ...(byState.get(st.state_pcode) ?? []).map(r => el('tr', { dataset: { pcode: r.pcode } },
      el('th', { scope: 'row' }, r.name_en ?? r.pcode, r.name_my ? el('span', { lang: 'my', class: 'muted', text: ` ${r.name_my}` }) : null),
      sectors.map(s => {
        const cell = r.cells[s.code] ?? { count: 0 };
        const kind = classOf(cell);
        const label = CLASSES.find(c => c.key === kind)?.label ?? '';
        const href = `coverage.html?${query({ level: 'township', sector: s.code, level_min: filters.level_min, focus: r.pcode })}`;
        const mark = cell.reason_mark;
        const why = mark ? ` ${mark.reason}: “${mark.comment}” — ${mark.organisation ?? mark.role}, ${mark.observed_on}` : '';
        return el('td', { class: `count k-${kind}`, dataset: { sector: s.code, class: kind }, title: why.trim() || null },
          el('a', { href, text: String(cell.count), 'aria-label': `${r.name_en ?? r.pcode}, ${s.label}: ${cell.count} dataset${cell.count === 1 ? '' : 's'}, ${label}${why ? `;${why}` : ''}` }));
      }))),
  ]));
  $('#grid').dataset.rows = String(body.rows.length);
}

async function init() {
  const states = await getJson('/api/admin-units?level=state&geometry=none').catch(() => null);
  $('#state').append(...(states?.features ?? []).map(f => el('option', { value: f.properties.pcode, text: f.properties.name_en })));
  $('#state').value = params.get('state') ?? '';
  $('#level_min').value = params.get('level_min') ?? '';
  $('#filters').addEventListener('change', refresh);
  await refresh();
}

init();
