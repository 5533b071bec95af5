// The catalogue: full-text search, facets with counts, paged results and a map of the results' extents.
import { getJson, query, loadVocabularies, labelOf } from '../api.js';
import { el, fill, $, status, formatDate, foldOnPhones } from '../dom.js';
import { createMap } from '../maps.js';
import { resultOutlines } from '../result-outlines.js';
import '../account.js';

const L = window.L;
const PAGE = 20;
const FACETS = [
  ['sector', 'Sector'], ['holder', 'Holder'], ['level', 'Disaggregation level'], ['method', 'Method'],
  ['availability', 'Availability'], ['status', 'Assessment status'],
];

// The whole search lives in the address bar, so a search can be bookmarked, shared and reloaded.
const state = readState();
const { map } = createMap($('#map'));
const extents = L.featureGroup().addTo(map);
let inFlight = null;
foldOnPhones($('#filters-panel'));

function readState() {
  const params = new URLSearchParams(location.search);
  const s = { q: params.get('q') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '',
    bbox: params.get('bbox') ?? '', pcode: params.get('pcode') ?? '', offset: Number(params.get('offset') ?? 0) || 0 };
  for (const [name] of FACETS) s[name] = params.getAll(name);
  return s;
}

function writeState() {
  const qs = query({ ...state, offset: state.offset || '' });
  history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
}

async function search() {
  writeState();
  $('#q').value = state.q;
  $('#from').value = state.from;
  $('#to').value = state.to;
  $('#clear-area').classList.toggle('hidden', !state.bbox);
  document.body.dataset.state = 'searching';
  // A newer search supersedes the one still out: cancel it rather than let it land late.
  inFlight?.abort();
  const mine = inFlight = new AbortController();
  try {
    const [body, vocab] = await Promise.all([
      getJson(`/api/datasets?${query({ ...state, limit: PAGE })}`, { signal: mine.signal }),
      loadVocabularies().catch(() => ({})),
    ]);
    if (mine.signal.aborted) return;
    status($('#message'), state.pcode ? `Showing datasets that cover ${state.pcode}. “Clear all filters” shows every dataset.` : '');
    renderFacets(body.facets ?? {});
    const drawn = renderResults(body, vocab);
    drawExtents(drawn, mine.signal);
  } catch (e) {
    if (mine.signal.aborted) return;
    status($('#message'), `The search failed: ${e.message}`, 'alert');
  } finally {
    if (inFlight === mine) document.body.dataset.state = 'ready';
  }
}

function renderFacets(facets) {
  // The facets are drawn anew: the checkbox the user just ticked gets the focus back (same id).
  const focused = $('#facets').contains(document.activeElement) ? document.activeElement.id : null;
  const groups = FACETS.filter(([name]) => facets[name]?.length).map(([name, title]) =>
    el('fieldset', { class: 'facet' },
      el('legend', { text: title }),
      el('ul', {}, facets[name].map(item => {
        const code = String(item.code ?? item.id);
        const id = `facet-${name}-${code}`.replace(/[^\w-]/g, '_');
        return el('li', {},
          el('label', { class: 'check', for: id },
            el('input', {
              type: 'checkbox', id, name, value: code, checked: state[name].includes(code),
              on: { change: e => toggleFacet(name, code, e.target.checked) },
            }),
            el('span', { text: item.label ?? item.name ?? code }),
            el('span', { class: 'count', text: `(${item.count})` })));
      }))));
  fill($('#facets'), groups.length ? groups : el('p', { class: 'muted', text: 'No filters for these results.' }));
  if (focused) document.getElementById(focused)?.focus();
}

function toggleFacet(name, code, on) {
  state[name] = on ? [...state[name], code] : state[name].filter(c => c !== code);
  state.offset = 0;
  search();
}

function renderResults(body, vocab) {
  const { total, items } = body;
  $('#total').textContent = total === 1 ? '1 dataset' : `${total} datasets`;
  extents.clearLayers();
  delete $('#map').dataset.outlines;
  const rows = items.map(item => {
    const link = el('a', { href: `dataset.html?id=${item.id}`, text: item.title });
    const row = el('li', { dataset: { id: item.id } },
      el('h3', {}, link),
      el('p', { class: 'muted' },
        item.holder?.acronym || item.holder?.name || '',
        item.period_start ? ` · ${formatDate(item.period_start)} – ${formatDate(item.period_end) || '…'}` : '',
        item.disaggregation_level ? ` · ${labelOf(vocab.levels, item.disaggregation_level)} level` : '',
        item.curation_state && item.curation_state !== 'published' ? ` · ${item.curation_state}` : ''),
      item.summary ? el('p', { text: item.summary }) : null,
      el('ul', { class: 'tags', 'aria-label': 'Sectors' }, (item.sectors ?? []).map(s => el('li', { text: labelOf(vocab.sectors, s) }))));
    return { item, row, link };
  });
  fill($('#results'), rows.length ? rows.map(r => r.row) : el('li', { class: 'muted', text: 'No dataset matches. Remove a filter or change the words.' }));
  const pages = Math.max(1, Math.ceil(total / PAGE));
  $('#page').textContent = `Page ${Math.floor(state.offset / PAGE) + 1} of ${pages}`;
  $('#prev').disabled = state.offset === 0;
  $('#next').disabled = state.offset + PAGE >= total;
  return rows;
}

const OUTLINE = { color: '#0b5c8e', weight: 1.2, fillOpacity: 0.06 };
const HIGHLIGHT = { color: '#f2a900', weight: 3, fillOpacity: 0.25 };

/** Each result's linked units outlined on the map (its bounding box when they cannot be read), tied to its row. */
async function drawExtents(rows, signal) {
  const outlines = await resultOutlines(rows.map(r => r.item.id), signal);
  if (signal.aborted) return;
  const drawn = {};
  for (const { item, row, link } of rows) {
    const features = outlines.get(item.id);
    // Leaflet writes string content with innerHTML: a title goes in as a text node.
    const titleNode = el('span', { text: item.title });
    let layer;
    if (features) {
      layer = L.geoJSON({ type: 'FeatureCollection', features }, { style: OUTLINE });
      drawn[item.id] = features.map(f => f.properties.pcode);
    } else if (item.bbox) {
      const [w, s, e, n] = item.bbox;
      layer = L.rectangle([[s, w], [n, e]], OUTLINE);
      drawn[item.id] = 'bbox';
    } else continue;
    layer.bindTooltip(titleNode, { sticky: true }).on('click', () => { row.scrollIntoView({ block: 'nearest' }); link.focus(); }).addTo(extents);
    const highlight = on => { layer.setStyle(on ? HIGHLIGHT : OUTLINE); if (on) layer.bringToFront(); };
    row.addEventListener('mouseenter', () => highlight(true));
    row.addEventListener('mouseleave', () => highlight(false));
    link.addEventListener('focus', () => highlight(true));
    link.addEventListener('blur', () => highlight(false));
  }
  $('#map').dataset.outlines = JSON.stringify(drawn);
}

$('#search').addEventListener('submit', e => {
  e.preventDefault();
  state.q = $('#q').value.trim();
  state.offset = 0;
  search();
});
for (const id of ['from', 'to']) {
  $(`#${id}`).addEventListener('change', e => { state[id] = e.target.value; state.offset = 0; search(); });
}
$('#prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); search(); });
$('#next').addEventListener('click', () => { state.offset += PAGE; search(); });
$('#clear').addEventListener('click', () => {
  Object.assign(state, { q: '', from: '', to: '', bbox: '', pcode: '', offset: 0 });
  for (const [name] of FACETS) state[name] = [];
  search();
});
$('#map-area').addEventListener('click', () => {
  const b = map.getBounds();
  state.bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(v => v.toFixed(4)).join(',');
  state.offset = 0;
  search();
});
$('#clear-area').addEventListener('click', () => { state.bbox = ''; state.offset = 0; search(); });

search();
