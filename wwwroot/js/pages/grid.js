// The township × sector grid: one row per township, one column per sector, each cell coloured by its count
// and linking to the coverage map with that sector chosen and the township in focus.
import { getJson, query, loadVocabularies } from '../api.js';
import { el, fill, $, status } from '../dom.js';
import '../account.js';

const params = new URLSearchParams(location.search);

const cellClass = n => (n <= 0 ? 'c0' : n === 1 ? 'c1' : n <= 4 ? 'c2' : n <= 9 ? 'c3' : 'c4');

/** The grid's sector codes with their labels, and per row the count of each sector's cell. */
function normalise(body, vocab) {
  const sectors = body.sectors.map(code => vocab?.sectors.find(v => v.code === code) ?? { code, label: code });
  const rows = body.rows.map(r => ({ ...r, counts: Object.fromEntries(Object.entries(r.cells).map(([code, cell]) => [code, cell.count])) }));
  return { sectors, rows };
}

async function refresh() {
  const filters = { level: 'township', state: $('#state').value, level_min: $('#level_min').value };
  history.replaceState(null, '', `?${query({ state: filters.state, level_min: filters.level_min })}`);
  $('#download-csv').href = `/api/coverage/grid?${query({ ...filters, f: 'csv' })}`;
  try {
    const [body, vocab] = await Promise.all([getJson(`/api/coverage/grid?${query(filters)}`), loadVocabularies().catch(() => null)]);
    render(normalise(body, vocab), filters);
    status($('#message'), '');
  } catch (e) {
    status($('#message'), `The grid could not be loaded: ${e.message}`, 'alert');
  }
}

function render({ sectors, rows }, filters) {
  fill($('#grid thead'), el('tr', {},
    el('th', { scope: 'col', text: 'Township' }),
    sectors.map(s => el('th', { scope: 'col', class: 'sector', title: s.description ?? '', text: s.label }))));
  fill($('#grid tbody'), rows.map(r => el('tr', { dataset: { pcode: r.pcode } },
    el('th', { scope: 'row' }, r.name_en ?? r.pcode, r.name_my ? el('span', { lang: 'my', class: 'muted', text: ` ${r.name_my}` }) : null),
    sectors.map(s => {
      const n = Number(r.counts[s.code] ?? 0);
      const href = `coverage.html?${query({ level: 'township', sector: s.code, level_min: filters.level_min, focus: r.pcode })}`;
      return el('td', { class: `count ${cellClass(n)}`, dataset: { sector: s.code } },
        el('a', { href, text: String(n), 'aria-label': `${r.name_en ?? r.pcode}, ${s.label}: ${n} dataset${n === 1 ? '' : 's'}` }));
    }))));
  $('#grid').dataset.rows = String(rows.length);
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
