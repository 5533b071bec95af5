// The coverage and gap map. Unit polygons are fetched once per level (geometry=simplified); changing a filter
// fetches only the counts (geometry=none) and joins them to the drawn polygons by pcode.
import { getJson, query, loadVocabularies } from '../api.js';
import { el, fill, $, $$, status, unitName } from '../dom.js';
import { createMap, nodeControl } from '../maps.js';
import '../account.js';

const L = window.L;
const CLASSES = [
  { min: 0, max: 0, label: 'no dataset', color: '#f7f7f7' },
  { min: 1, max: 1, label: '1 dataset', color: '#c6dbef' },
  { min: 2, max: 4, label: '2–4 datasets', color: '#6baed6' },
  { min: 5, max: 9, label: '5–9 datasets', color: '#2171b5' },
  { min: 10, max: Infinity, label: '10 or more', color: '#08306b' },
];
const GAP = '#d7301f';
const SELECTS = ['level', 'holder', 'method', 'availability', 'from', 'to', 'level_min'];

const params = new URLSearchParams(location.search);
let focus = params.get('focus');
const { map } = createMap($('#map'), { townships: false, fitToStates: !focus });
/** level → {layer, byPcode: Map(pcode → path layer)} */
const levels = new Map();
let shown = null;
let gapPcodes = null;
let run = 0;

const info = el('div', { class: 'unit-info hidden', 'aria-hidden': 'true' });
nodeControl(map, info, 'topright');
nodeControl(map, legend(), 'bottomright');

function legend() {
  return el('div', { class: 'legend' },
    el('strong', { text: 'Datasets per unit' }),
    CLASSES.map((c, i) => el('div', {}, el('span', { class: `legend-swatch swatch-${i}` }), c.label)),
    el('div', { class: 'gap-key' }, el('span', { class: 'legend-swatch swatch-gap' }), 'gap (with the gap toggle on)'),
    el('div', { class: 'muted', text: 'Source: MIMU' }));
}

const classOf = count => CLASSES.find(c => count >= c.min && count <= c.max);

function filters() {
  const f = { sector: $$('input[name="sector"]:checked').map(i => i.value) };
  for (const name of SELECTS) f[name] = $(`#${name}`).value;
  return f;
}

function writeUrl() {
  const f = filters();
  const qs = query({ ...f, gaps: $('#gaps').checked ? '1' : '', focus });
  history.replaceState(null, '', `?${qs}`);
  const gaps = $('#gaps').checked;
  $('#download-geojson').href = `/api/${gaps ? 'gaps' : 'coverage'}?${query({ ...f, geometry: 'full', download: 1 })}`;
  $('#download-geojson').download = `${gaps ? 'gaps' : 'coverage'}-${f.level}.geojson`;
  $('#download-csv').href = `/api/${gaps ? 'gaps' : 'coverage'}?${query({ ...f, f: 'csv' })}`;
  $('#download-csv').download = `${gaps ? 'gaps' : 'coverage'}-${f.level}.csv`;
}

function style(feature) {
  const p = feature.properties;
  if (gapPcodes) {
    const gap = gapPcodes.has(p.pcode);
    return { color: '#555', weight: 0.5, fillColor: gap ? GAP : '#e8e8e8', fillOpacity: gap ? 0.75 : 0.35 };
  }
  return { color: '#555', weight: 0.5, fillColor: classOf(p.dataset_count ?? 0).color, fillOpacity: 0.8 };
}

async function refresh() {
  writeUrl();
  const f = filters();
  const mine = ++run;
  const known = levels.get(f.level);
  document.body.dataset.state = 'loading';
  try {
    const [coverage, gaps] = await Promise.all([
      getJson(`/api/coverage?${query({ ...f, geometry: known ? 'none' : 'simplified' })}`),
      $('#gaps').checked ? getJson(`/api/gaps?${query({ ...f, geometry: 'none' })}`) : null,
    ]);
    if (mine !== run) return; // a newer choice is already on its way
    const entry = known ?? buildLayer(f.level, coverage);
    if (known) {
      for (const feature of coverage.features) {
        const layer = entry.byPcode.get(feature.properties.pcode);
        if (layer) layer.feature.properties = feature.properties;
      }
    }
    gapPcodes = gaps ? new Set(gaps.features.map(g => g.properties.pcode)) : null;
    show(entry);
    entry.layer.setStyle(style);
    $('#gap-summary').textContent = gaps ? gapSummary(gaps) : '';
    const counted = coverage.features.filter(c => (c.properties.dataset_count ?? 0) > 0).length;
    Object.assign($('#map').dataset, { level: f.level, units: String(coverage.features.length), counted: String(counted), gaps: gaps ? String(gapPcodes.size) : '' });
    status($('#message'), '');
    fillUnitPicker(entry);
    if (focus) focusOn(focus, entry);
  } catch (e) {
    status($('#message'), `The coverage could not be loaded: ${e.message}`, 'alert');
  } finally {
    if (mine === run) document.body.dataset.state = 'ready';
  }
}

function gapSummary(gaps) {
  const s = gaps.summary;
  if (!s) return `${gaps.features.length} units without data.`;
  const states = (s.by_state ?? []).filter(st => st.gaps > 0).map(st => `${st.name_en ?? st.state_pcode} ${st.gaps}/${st.units}`);
  return `${s.gaps} of ${s.units} units (${Math.round(s.share * 100)} %) have no data for these filters.${states.length ? ` By state/region: ${states.join(', ')}.` : ''}`;
}

function buildLayer(level, coverage) {
  const byPcode = new Map();
  const layer = L.geoJSON(coverage, {
    style,
    onEachFeature: (feature, path) => {
      byPcode.set(feature.properties.pcode, path);
      path.on({
        mouseover: () => { path.setStyle({ weight: 2.5, color: '#111' }); hover(feature.properties); },
        mouseout: () => { layer.resetStyle(path); hover(null); },
        click: () => listDatasets(feature.properties),
      });
    },
  });
  const entry = { layer, byPcode };
  levels.set(level, entry);
  return entry;
}

function show(entry) {
  if (shown === entry) return;
  if (shown) map.removeLayer(shown.layer);
  entry.layer.addTo(map);
  shown = entry;
}

function hover(p) {
  info.classList.toggle('hidden', !p);
  if (!p) return;
  fill(info,
    el('strong', { text: p.name_en ?? p.pcode }),
    p.name_my ? el('div', { lang: 'my', text: p.name_my }) : null,
    el('div', { text: `${p.dataset_count ?? 0} dataset${p.dataset_count === 1 ? '' : 's'}` }),
    p.finest_level ? el('div', { class: 'muted', text: `finest data: ${p.finest_level}` }) : null,
    p.share_covered != null ? el('div', { class: 'muted', text: `area with data: ${Math.round(p.share_covered * 100)} %` }) : null,
    gapPcodes?.has(p.pcode) ? el('div', { text: 'gap' }) : null);
}

function listDatasets(p) {
  const datasets = p.datasets ?? [];
  fill($('#unit-datasets'),
    el('h2', {}, unitName(p), ` · ${p.dataset_count ?? 0} dataset${p.dataset_count === 1 ? '' : 's'}`),
    datasets.length
      ? el('ul', {}, datasets.map(d => el('li', {}, el('a', { href: `dataset.html?id=${d.id}`, text: d.title }))))
      : el('p', { class: 'muted', text: 'No dataset for these filters.' }),
    el('p', {}, el('a', { href: `index.html?${query({ pcode: p.pcode, sector: filters().sector })}`, text: 'Open these in the catalogue' })));
}

/** The same units as a list, for keyboard and screen-reader users (the polygons answer only to a pointer). */
function fillUnitPicker(entry) {
  const units = [...entry.byPcode.values()].map(l => l.feature.properties)
    .sort((a, b) => (a.name_en ?? a.pcode).localeCompare(b.name_en ?? b.pcode));
  fill($('#unit-pick'), el('option', { value: '', text: 'Choose a unit…' }), units.map(p => el('option', {
    value: p.pcode, text: `${p.name_en ?? p.pcode}${p.name_my ? ` · ${p.name_my}` : ''} (${p.dataset_count ?? 0})`,
  })));
}

function focusOn(pcode, entry) {
  focus = null; // only the first load zooms; later filter changes keep the reader's view
  const path = entry.byPcode.get(pcode) ?? [...entry.byPcode.values()].find(l => l.feature.properties.pcode.startsWith(pcode));
  if (!path) return;
  entry.layer.setStyle(style);
  map.fitBounds(path.getBounds(), { padding: [40, 40], maxZoom: 10 });
  path.setStyle({ weight: 3, color: '#f2a900' });
  listDatasets(path.feature.properties);
}

async function init() {
  const [vocab, organisations] = await Promise.all([
    loadVocabularies().catch(() => null),
    getJson('/api/organisations').catch(() => []),
  ]);
  const chosen = params.getAll('sector');
  if (vocab) {
    fill($('#sectors .sector-list'), vocab.sectors.map(s => el('label', { class: 'check', for: `sector-${s.code}` },
      el('input', { type: 'checkbox', id: `sector-${s.code}`, name: 'sector', value: s.code, checked: chosen.includes(s.code) }),
      el('span', { text: s.label }))));
    for (const [id, list] of [['method', vocab.methods], ['availability', vocab.availability]])
      $(`#${id}`).append(...list.map(t => el('option', { value: t.code, text: t.label })));
  }
  $('#holder').append(...organisations.map(o => el('option', { value: o.id, text: o.acronym || o.name })));
  for (const name of SELECTS) if (params.get(name)) $(`#${name}`).value = params.get(name);
  $('#gaps').checked = params.get('gaps') === '1';
  $('#filters').addEventListener('change', refresh);
  $('#unit-pick').addEventListener('change', e => { if (e.target.value && shown) focusOn(e.target.value, shown); });
  $('#filters').addEventListener('submit', e => { e.preventDefault(); refresh(); });
  await refresh();
}

init();
