// The coverage and gap map. Unit polygons come as vector tiles (/tiles/{level}/…, leaflet.vectorgrid), the units'
// names once per level (/api/admin-units without geometry), and each filter change fetches only the compact counts
// (/api/coverage/counts): the drawn tiles are styled again by pcode, never fetched again.
import { getJson, getAllFeatures, query, loadVocabularies } from '../api.js';
import { el, fill, $, $$, status, unitName, foldOnPhones } from '../dom.js';
import { createMap, nodeControl, boundaries } from '../maps.js';
import { unitLabels, VILLAGE_TRACT_ZOOM } from '../map-labels.js';
import { drawSummary } from '../coverage-summary.js';
import { currentUser, isMember } from '../account.js';
import { demandText, needForm } from '../demand.js';
import { REASONS, reasonLines, reasonForm } from '../gap-reasons.js';
import { downloadPng, printMap } from '../map-export.js';
import { tileCanvas } from '../tile-canvas.js';

const L = window.L;
/**
 * The default view, "finest data available": the API's `class` of each unit, with data collected here split into
 * finer than the unit (e.g. village-tract data in a township) and at the unit's own level.
 */
const CLASSES = [
  { key: 'finer', color: '#08306b', label: 'data collected here, finer than this level' },
  { key: 'here', color: '#2171b5', label: 'data collected here, at this level' },
  { key: 'partly', color: '#6baed6', label: 'partly: some units inside have data' },
  { key: 'coarser', color: '#c6dbef', label: 'only data about a wider area' },
  { key: 'none', color: '#fdae6b', label: 'no data' },
  // Units without data that someone said why for (every chosen sector marked): drawn apart from "no data".
  ...Object.entries(REASONS).map(([key, r]) => ({ key, color: r.color, label: `no data: ${r.label}` })),
];
const COUNT_COLORS = ['#f7f7f7', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
const GAP = { color: '#d7301f', label: 'gap: no data for these filters' };
const HAS_DATA = { color: '#bdbdbd', label: 'has data' };
const SELECTS = ['level', 'holder', 'method', 'availability', 'from', 'to', 'level_min'];
const UNIT_WORDS = { township: ['township', 'village tracts'], 'village-tract': ['village tract', 'wards'] };
const UNIT_RANK = { township: 3, 'village-tract': 4 };

const params = new URLSearchParams(location.search);
/** The selected unit (kept in the URL as focus=), and whether the map should still zoom to it (first load only). */
let focus = params.get('focus');
let zoomToFocus = !!focus;
/** A shared view (z, lat, lon in the URL) wins over zooming to the states or the focused unit. */
const sharedView = readView(params);
if (sharedView) zoomToFocus = false;
const { map } = createMap($('#map'), { townships: false, fitToStates: !focus && !sharedView });
if (sharedView) map.setView([sharedView.lat, sharedView.lon], sharedView.z, { animate: false });
const labels = unitLabels(map);
foldOnPhones($('#filters-panel'));
/** unit-picker text (as offered in the datalist) → pcode */
let unitChoices = new Map();
let inFlight = null;
/** level → {layer (the vector tiles), units: Map(pcode → the unit's names and, once counted, its counts)} */
const levels = new Map();
let shown = null;
/** The units of the level shown, as features without geometry ({properties}): legend, summary and export count them. */
let shownFeatures = [];
let gapPcodes = null;
let countBreaks = [];
let levelLabels = new Map();
let levelRanks = new Map();
let run = 0;

const info = el('div', { class: 'unit-info hidden', 'aria-hidden': 'true' });
nodeControl(map, info, 'topright');
const legendBox = el('div', { class: 'legend', 'aria-live': 'polite' });
nodeControl(map, legendBox, 'bottomright');

const view = () => $('#view').value;

function readView(p) {
  const [z, lat, lon] = ['z', 'lat', 'lon'].map(k => Number.parseFloat(p.get(k) ?? ''));
  return [z, lat, lon].every(Number.isFinite) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { z, lat, lon } : null;
}

function swatch(color) {
  const node = el('span', { class: 'legend-swatch' });
  node.style.background = color; // CSSOM, allowed under the service's style-src 'self'
  return node;
}

/** The features drawn now (the legend counts them; an exported sheet draws its legend from them again). */
let drawnFeatures = [];
const legendTitle = () => (gapPcodes ? 'Gaps' : view() === 'count' ? 'Datasets per unit' : 'Finest data available');

/** The legend of what is drawn now, with how many units each entry has: fresh nodes on every call. */
function legendNodes(features) {
  const rows = legendEntries().map(entry => {
    const n = features.filter(f => entry.test(f.properties)).length;
    return el('div', { dataset: { legend: entry.key } }, swatch(entry.color), `${entry.label} (${n})`);
  });
  const stale = gapPcodes ? 0 : features.filter(f => isStale(f.properties)).length;
  return [el('strong', { text: legendTitle() }),
    ...rows, stale ? el('div', { dataset: { legend: 'stale' }, text: `Faded, dashed: freshest data overdue (${stale})` }) : null,
    el('div', { class: 'muted', text: 'Source: MIMU' })];
}

function drawLegend(features) {
  drawnFeatures = features;
  fill(legendBox, legendNodes(features));
}

/** The map in words for an exported or printed sheet: title, the filters as chosen, the legend and the link to this view. */
function describeMap() {
  const unit = $('#level').selectedOptions[0]?.textContent.toLowerCase() ?? 'units';
  const chosen = select => (select.value ? select.selectedOptions[0]?.textContent : null);
  const sectors = $$('input[name="sector"]:checked').map(i => sectorLabel(i.value));
  const filters = [
    `Sectors: ${sectors.length ? sectors.join(', ') : 'all'}`,
    ...['holder', 'method', 'availability'].map(name => chosen($(`#${name}`)) && `${$(`label[for="${name}"]`).textContent}: ${chosen($(`#${name}`))}`),
    $('#from').value || $('#to').value ? `Period: ${$('#from').value || '…'} to ${$('#to').value || '…'}` : null,
    chosen($('#level_min')) ? `Only data at or finer than: ${chosen($('#level_min'))}` : null,
    $('#fresh').checked ? 'Only data that is up to date' : null,
  ].filter(Boolean);
  return { title: `${legendTitle()} per ${unit.replace(/s$/, '')}`, filters, url: location.href, legend: () => legendNodes(drawnFeatures) };
}

function legendEntries() {
  if (gapPcodes) return [
    { key: 'gap', ...GAP, test: p => gapPcodes.has(p.pcode) && !p.reason },
    ...Object.entries(REASONS).map(([key, r]) => ({ key, color: r.color, label: `no data: ${r.label}`, test: p => gapPcodes.has(p.pcode) && p.reason === key })),
    { key: 'data', ...HAS_DATA, test: p => !gapPcodes.has(p.pcode) },
  ];
  if (view() === 'count') return countClasses().map((c, i) => ({ key: `count-${i}`, color: COUNT_COLORS[i], label: c.label, test: p => countClass(p) === i }));
  return CLASSES.map(c => ({ ...c, test: p => classOf(p) === c.key }));
}

/** Breaks for the count view from the quartiles of this answer's non-zero counts, so the colours never saturate. */
function computeBreaks(features) {
  const counts = features.map(f => f.properties.dataset_count ?? 0).filter(n => n > 0).sort((a, b) => a - b);
  const quantile = q => counts[Math.min(counts.length - 1, Math.floor(q * counts.length))];
  countBreaks = counts.length ? [...new Set([quantile(0.25), quantile(0.5), quantile(0.75), counts[counts.length - 1]])] : [];
}

function countClasses() {
  const classes = [{ label: 'no dataset', min: 0, max: 0 }];
  let from = 1;
  for (const upper of countBreaks) {
    classes.push({ label: from === upper ? `${upper} dataset${upper === 1 ? '' : 's'}` : `${from}–${upper} datasets`, min: from, max: upper });
    from = upper + 1;
  }
  return classes;
}

function countClass(p) {
  const n = p.dataset_count ?? 0;
  return countClasses().findIndex(c => n >= c.min && n <= c.max);
}

function fillColor(p) {
  if (gapPcodes) return gapPcodes.has(p.pcode) ? (REASONS[p.reason]?.color ?? GAP.color) : HAS_DATA.color;
  if (view() === 'count') return COUNT_COLORS[Math.max(0, countClass(p))];
  return (CLASSES.find(c => c.key === classOf(p)) ?? CLASSES[CLASSES.length - 1]).color;
}

function classOf(p) {
  if (p.class === 'none' && REASONS[p.reason]) return p.reason;
  return p.class === 'here' && (levelRanks.get(p.finest_level) ?? 0) > (UNIT_RANK[$('#level').value] ?? 9) ? 'finer' : p.class;
}

function filters() {
  const f = { sector: $$('input[name="sector"]:checked').map(i => i.value) };
  for (const name of SELECTS) f[name] = $(`#${name}`).value;
  f.fresh = $('#fresh').checked ? 'only' : '';
  return f;
}

function writeUrl() {
  const f = filters();
  // The whole view goes in the address, so a copied link opens the same map: filters, mode, unit, zoom and centre.
  const c = map.getCenter();
  const qs = query({ ...f, view: view() === 'class' ? '' : view(), gaps: $('#gaps').checked ? '1' : '', demand: $('#demand').checked ? '1' : '',
    focus, z: map.getZoom(), lat: c.lat.toFixed(4), lon: c.lng.toFixed(4) });
  history.replaceState(null, '', `?${qs}`);
  const gaps = $('#gaps').checked;
  $('#download-geojson').href = `/api/${gaps ? 'gaps' : 'coverage'}?${query({ ...f, geometry: 'full', download: 1 })}`;
  $('#download-geojson').download = `${gaps ? 'gaps' : 'coverage'}-${f.level}.geojson`;
  $('#download-csv').href = `/api/${gaps ? 'gaps' : 'coverage'}?${query({ ...f, f: 'csv' })}`;
  $('#download-csv').download = `${gaps ? 'gaps' : 'coverage'}-${f.level}.csv`;
}

/** Freshness of a unit's freshest data, in words (Datasets/Freshness: HDX's thresholds). */
const FRESHNESS = {
  fresh: 'fresh', due: 'due for an update', overdue: 'overdue for an update', delinquent: 'long overdue', unknown: 'of unknown date',
};
const isStale = p => p.freshness === 'overdue' || p.freshness === 'delinquent';

/** Outlines in the fill colour until zoomed in, so tiny islands keep the colour of their class; stale data faded and dashed. */
function style(p) {
  const color = fillColor(p);
  const zoomedIn = map.getZoom() >= 9;
  if (isStale(p) && !gapPcodes)
    return { fill: true, color: '#263340', weight: 0.8, dashArray: '2 3', fillColor: color, fillOpacity: 0.4 };
  // Demand is drawn over the classes as a dashed purple outline, so a needed gap stands out.
  if ($('#demand').checked && p.demand)
    return { fill: true, color: '#7b3294', weight: 2.5, dashArray: '4 3', fillColor: color, fillOpacity: 0.85 };
  return { fill: true, color: zoomedIn ? '#ffffff' : color, weight: zoomedIn ? 0.6 : 0.4, fillColor: color, fillOpacity: 0.85 };
}

/** The properties of a unit of the level shown (a tile feature carries only its pcode). */
const unitOf = pcode => shown?.units.get(pcode) ?? { pcode, class: 'none', dataset_count: 0 };
/** Tile features are styled through these functions, so a restyle reads the counts of the moment. */
const tileStyle = props => style(unitOf(props.pcode));
const selectedStyle = props => ({ ...style(unitOf(props.pcode)), weight: 3, color: '#f2a900', dashArray: null });
const hoverStyle = props => ({ ...style(unitOf(props.pcode)), weight: 2.5, color: '#111', dashArray: null });

/** Every unit drawn again with the counts and choices of now (the tiles stay as they are). */
function restyle() {
  if (!shown) return;
  for (const pcode of shown.units.keys()) shown.layer.setFeatureStyle(pcode, pcode === focus ? selectedStyle : tileStyle);
}

/** The compact counts (columns, coded values) as the properties the page reads, on the level's units. */
function applyCounts(entry, counts) {
  const column = Object.fromEntries(counts.columns.map((c, i) => [c, i]));
  const decode = (name, value) => (counts.codes[name] && value !== null ? counts.codes[name][value] : value);
  for (const pcode of Object.keys(counts.units)) if (!entry.units.has(pcode)) entry.units.set(pcode, { pcode, level: counts.level });
  for (const [pcode, unit] of entry.units) {
    const row = counts.units[pcode];
    for (const name of counts.columns) unit[name] = row ? decode(name, row[column[name]]) : null;
    unit.reason_marks = counts.reason_marks?.[pcode] ?? null;
    unit.demand = counts.demand?.[pcode] ?? null;
    unit.datasets_href = counts.datasets_href.replace('{pcode}', encodeURIComponent(pcode));
  }
}

async function refresh() {
  writeUrl();
  const f = filters();
  const mine = ++run;
  document.body.dataset.state = 'loading';
  // A newer choice cancels the requests still out for the previous one.
  inFlight?.abort();
  const controller = inFlight = new AbortController();
  const { signal } = controller;
  try {
    const [counts, gaps, names, entry] = await Promise.all([
      getJson(`/api/coverage/counts?${query(f)}`, { signal }),
      $('#gaps').checked ? getJson(`/api/gaps?${query({ ...f, geometry: 'none' })}`, { signal }) : null,
      stateNames(),
      levelEntry(f.level),
    ]);
    if (mine !== run) return; // a newer choice is already on its way
    applyCounts(entry, counts);
    shownFeatures = Object.keys(counts.units).map(pcode => ({ properties: entry.units.get(pcode) }));
    gapPcodes = gaps ? new Set(gaps.features.map(g => g.properties.pcode)) : null;
    computeBreaks(shownFeatures);
    show(entry);
    restyle();
    drawLegend(shownFeatures);
    $('#gap-summary').textContent = gaps ? gapSummary(gaps) : '';
    villageTractLabels();
    drawSummary($('#summary'), shownFeatures, {
      classOf, stateNames: names, unit: $('#level').selectedOptions[0]?.textContent.toLowerCase() ?? 'units',
    });
    const counted = shownFeatures.filter(c => (c.properties.dataset_count ?? 0) > 0).length;
    const classes = Object.fromEntries(CLASSES.map(c => [c.key, shownFeatures.filter(x => classOf(x.properties) === c.key).length]));
    Object.assign($('#map').dataset, {
      level: f.level, units: String(shownFeatures.length), counted: String(counted), gaps: gaps ? String(gapPcodes.size) : '',
      classes: JSON.stringify(classes), demand: String(shownFeatures.filter(x => x.properties.demand).length),
    });
    status($('#message'), '');
    fillUnitPicker(entry);
    // Not awaited: the unit's outline may wait behind the tiles, and the map is ready without it.
    if (focus) focusOn(focus, entry, { zoom: zoomToFocus });
    zoomToFocus = false;
  } catch (e) {
    if (signal.aborted) return;
    status($('#message'), `The coverage could not be loaded: ${e.message}`, 'alert');
  } finally {
    if (mine === run) document.body.dataset.state = 'ready';
  }
}

function gapSummary(gaps) {
  const s = gaps.summary;
  if (!s) return `${gaps.features.length} units without data.`;
  const states = (s.by_state ?? []).filter(st => st.gaps > 0).map(st => `${st.name_en ?? st.state_pcode} ${st.gaps}/${st.units}`);
  const marked = [s.not_applicable ? `${s.not_applicable} marked not applicable` : '', s.inaccessible ? `${s.inaccessible} marked inaccessible` : '']
    .filter(Boolean).join(', ');
  return `${s.gaps} of ${s.units} units (${Math.round(s.share * 100)} %) have no data for these filters${marked ? ` and no reason given; ${marked}` : ''}.` +
    `${states.length ? ` By state/region: ${states.join(', ')}.` : ''}`;
}

/**
 * The level's vector tiles and its units' names, made once per level. Village-tract tiles start at zoom 8 (the service
 * sends empty tiles below): further out the zoom-8 tiles are drawn smaller.
 */
function levelEntry(level) {
  if (!levels.has(level)) levels.set(level, getAllFeatures(`/api/admin-units?${query({ level, geometry: 'none', limit: 10000 })}`).then(features => {
    const units = new Map(features.map(u => [u.properties.pcode, { ...u.properties }]));
    const layer = L.vectorGrid.protobuf(`/tiles/${level}/{z}/{x}/{y}.mvt`, {
      rendererFactory: tileCanvas,
      pane: 'overlayPane', // with the map's own layers, not the web tiles: a saved PNG leaves those out
      vectorTileLayerStyles: { [level]: tileStyle },
      getFeatureId: feature => feature.properties.pcode,
      interactive: true,
      minNativeZoom: level === 'village-tract' ? 8 : 0,
      maxNativeZoom: 16,
      className: 'unit-tiles',
    });
    const entry = { layer, units };
    layer.on({
      mouseover: e => { const { pcode } = e.layer.properties; layer.setFeatureStyle(pcode, hoverStyle); hover(unitOf(pcode)); },
      mouseout: e => { const { pcode } = e.layer.properties; layer.setFeatureStyle(pcode, pcode === focus ? selectedStyle : tileStyle); hover(null); },
      click: e => { focusOn(e.layer.properties.pcode, entry, { zoom: false }); },
      loading: () => { $('#map').dataset.tiles = 'loading'; },
      load: () => { $('#map').dataset.tiles = 'loaded'; },
    });
    return entry;
  }).catch(e => { levels.delete(level); throw e; }));
  return levels.get(level);
}

function show(entry) {
  if (shown === entry) return;
  if (shown) map.removeLayer(shown.layer);
  entry.layer.addTo(map);
  shown = entry;
}

/** Village-tract names from zoom 11: the tracts in view, with the outlines that say where each name goes. */
let labelsRun = 0;
async function villageTractLabels() {
  const mine = ++labelsRun;
  if ($('#level').value !== 'village-tract' || map.getZoom() < VILLAGE_TRACT_ZOOM) { labels.setVillageTracts([]); return; }
  const b = map.getBounds();
  const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(n => n.toFixed(4)).join(',');
  const features = await getAllFeatures(`/api/admin-units?${query({ level: 'village-tract', geometry: 'simplified', bbox, limit: 1000 })}`).catch(() => []);
  if (mine === labelsRun) labels.setVillageTracts(features);
}

function hover(p) {
  info.classList.toggle('hidden', !p);
  if (!p) return;
  fill(info,
    el('strong', { text: p.name_en ?? p.pcode }),
    p.name_my ? el('div', { lang: 'my', text: p.name_my }) : null,
    el('div', { text: describe(p) }),
    p.freshness ? el('div', { class: 'freshness', text: `Freshest data here: ${FRESHNESS[p.freshness] ?? p.freshness}.` }) : null,
    gapPcodes?.has(p.pcode) && !p.reason ? el('div', { text: 'A gap for these filters.' }) : null,
    reasonLines(p, sectorLabel).map(line => el('div', { class: 'reason', text: line })),
    demandText(p) ? el('div', { class: 'demand', text: demandText(p) }) : null);
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const levelLabel = code => (levelLabels.get(code) ?? code ?? '').toLowerCase();

/** The unit's class in words: what exists for it, and how fine. */
function describe(p) {
  const [unit, inside] = UNIT_WORDS[$('#level').value] ?? ['unit', 'units'];
  const total = p.dataset_count ?? 0, here = p.collected_count ?? 0, wider = total - here;
  switch (p.class) {
    case 'here':
      return `${plural(here, 'dataset')} collected in this ${unit} (finest: ${levelLabel(p.finest_level)})` +
        (wider > 0 ? `; ${wider} more only about a wider area.` : '.');
    case 'partly':
      return `Data for ${Math.round((p.share_covered ?? 0) * 100)} % of the ${inside} inside (${plural(total, 'dataset')}); none for the ${unit} as a whole.`;
    case 'coarser':
      return `No data collected in this ${unit}: ${plural(total, 'dataset')} only about a wider area (finest: ${levelLabel(p.finest_level)} level).`;
    default:
      return p.reason ? `No data for these filters: ${REASONS[p.reason]?.words.toLowerCase() ?? p.reason} (see below).` : 'No data for these filters.';
  }
}

/** The unit's datasets under the map's filters (the first five by title), asked for when the unit is chosen. */
async function listDatasets(p) {
  const mine = p.pcode;
  const body = p.dataset_count ? await getJson(`${p.datasets_href}&${query({ sort: 'title', limit: 5 })}`).catch(() => ({ items: [] })) : { items: [] };
  if (focus !== mine) return;
  const datasets = body.items ?? [];
  fill($('#unit-datasets'),
    el('h2', {}, unitName(p), ` · ${p.dataset_count ?? 0} dataset${p.dataset_count === 1 ? '' : 's'}`),
    datasets.length
      ? el('ul', {}, datasets.map(d => el('li', {}, el('a', { href: `dataset.html?id=${d.id}`, text: d.title }))))
      : el('p', { class: 'muted', text: 'No dataset for these filters.' }),
    el('p', {}, el('a', { href: `index.html?${query({ pcode: p.pcode, sector: filters().sector })}`, text: 'Open these in the catalogue' })),
    reasonLines(p, sectorLabel).map(line => el('p', { class: 'reason', text: line })),
    demandText(p) ? el('p', { class: 'demand', text: demandText(p) }) : null,
    member && !p.dataset_count ? reasonForm(p, filters().sector, sectorTerms, async () => { await refresh(); refreshUnit(p.pcode); }) : null,
    member ? needForm(p, filters().sector, sectorTerms, async () => { await refresh(); refreshUnit(p.pcode); }) : null);
}

/** After marking a need, the unit's panel shows the demand the service now reports. */
function refreshUnit(pcode) {
  if (shown?.units.has(pcode)) listDatasets(unitOf(pcode));
}

/**
 * The same units as a searchable list, for keyboard and screen-reader users (the polygons answer only to a pointer).
 * Nothing moves while the user types or walks the suggestions: the map goes to the unit on Enter or "Show on map".
 */
async function fillUnitPicker(entry) {
  const units = [...entry.units.values()]
    .sort((a, b) => (a.name_en ?? a.pcode).localeCompare(b.name_en ?? b.pcode));
  // Village tracts share names (394 tracts, 158 names): each is offered with its township.
  const townships = units.some(p => p.level !== 'township' && p.township_pcode) ? await townshipNames() : new Map();
  const text = p => {
    const township = p.level !== 'township' ? townships.get(p.township_pcode) : null;
    return `${p.name_en ?? p.pcode}${township ? ` — ${township} township` : ''} (${p.pcode})`;
  };
  unitChoices = new Map(units.map(p => [text(p), p.pcode]));
  fill($('#unit-options'), units.map(p => el('option', {
    value: text(p), label: `${p.name_my ?? ''} · ${p.dataset_count ?? 0} dataset${p.dataset_count === 1 ? '' : 's'}`,
  })));
}

let stateNamesOnce;
/** state pcode → English name, from the base map's (cached) state layer. */
function stateNames() {
  stateNamesOnce ??= boundaries('state').then(fs => new Map(fs.map(f => [f.properties.pcode, f.properties.name_en]))).catch(() => new Map());
  return stateNamesOnce;
}

let townshipNamesOnce;
/** township pcode → English name, fetched once without geometry. */
function townshipNames() {
  townshipNamesOnce ??= getAllFeatures('/api/admin-units?level=township&geometry=none&limit=1000')
    .then(features => new Map(features.map(f => [f.properties.pcode, f.properties.name_en])))
    .catch(() => new Map());
  return townshipNamesOnce;
}

/** The pcode for what was typed: a suggestion, a pcode, or a unit's English name (the first, alphabetically). */
function resolveUnit(text) {
  const typed = text.trim();
  if (!typed) return null;
  if (unitChoices.has(typed)) return unitChoices.get(typed);
  const lower = typed.toLowerCase();
  for (const [, pcode] of unitChoices) if (pcode.toLowerCase() === lower) return pcode;
  for (const [label, pcode] of unitChoices) {
    const name = label.slice(0, label.lastIndexOf(' (')).toLowerCase();
    if (name === lower || name.split(' — ')[0] === lower) return pcode;
  }
  return null;
}

/** Selects a unit: outlines it, lists its datasets and keeps it in the URL; zooms to it only when asked. */
async function focusOn(pcode, entry, { zoom = true } = {}) {
  const chosen = entry.units.has(pcode) ? pcode : [...entry.units.keys()].find(k => k.startsWith(pcode));
  if (!chosen) return;
  const previous = focus;
  focus = chosen;
  if (previous && previous !== chosen) entry.layer.setFeatureStyle(previous, tileStyle);
  entry.layer.setFeatureStyle(chosen, selectedStyle);
  $('#map').dataset.focus = focus;
  writeUrl();
  listDatasets(unitOf(chosen));
  // Its outline (from the service, once) for the zoom and where its name goes.
  const feature = await getJson(`/api/admin-units/${encodeURIComponent(chosen)}?geometry=simplified`).catch(() => null);
  if (!feature || focus !== chosen) return;
  if (zoom) map.fitBounds(L.geoJSON(feature).getBounds(), { padding: [40, 40], maxZoom: 10, animate: false });
  labels.select({ ...feature, properties: { ...feature.properties, name_en: unitOf(chosen).name_en ?? feature.properties.name_en } });
}

async function exportPng() {
  const button = $('#export-png');
  button.disabled = true;
  status($('#export-status'), 'Making the image…');
  try {
    const f = filters();
    const name = `segeo-${$('#gaps').checked ? 'gaps' : 'coverage'}-${f.level}${f.sector.length ? `-${f.sector.join('-')}` : ''}-${new Date().toISOString().slice(0, 10)}.png`;
    await downloadPng($('#map'), describeMap, name);
    status($('#export-status'), `Saved ${name}.`);
  } catch (e) {
    status($('#export-status'), `The image could not be made: ${e.message}`, 'alert');
  } finally {
    button.disabled = false;
  }
}

let member = false;
let sectorTerms = [];
const sectorLabel = code => sectorTerms.find(s => s.code === code)?.label ?? code;

async function init() {
  const [vocab, organisations, user] = await Promise.all([
    loadVocabularies().catch(() => null),
    getJson('/api/organisations').catch(() => []),
    currentUser(),
  ]);
  member = isMember(user);
  sectorTerms = vocab?.sectors ?? [];
  $('#demand').checked = member && params.get('demand') === '1';
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
  $('#fresh').checked = params.get('fresh') === 'only';
  if (params.get('view')) $('#view').value = params.get('view');
  levelLabels = new Map((vocab?.levels ?? []).map(l => [l.code, l.label]));
  levelRanks = new Map((vocab?.levels ?? []).map((l, i) => [l.code, i + 1]));
  map.on('zoomend', restyle);
  map.on('moveend', () => { if (shown) { writeUrl(); villageTractLabels(); } });
  $('#filters').addEventListener('change', refresh);
  $('#unit-form').addEventListener('submit', e => {
    e.preventDefault();
    const pcode = resolveUnit($('#unit-pick').value);
    if (!pcode) { status($('#message'), `No unit on this map is called “${$('#unit-pick').value}”. Choose one of the suggestions.`, 'alert'); return; }
    status($('#message'), '');
    if (shown) focusOn(pcode, shown);
  });
  $('#skip-to-map').addEventListener('click', e => {
    e.preventDefault();
    $('#map').focus();
  });
  $('#filters').addEventListener('submit', e => { e.preventDefault(); refresh(); });
  $('#export-png').addEventListener('click', exportPng);
  $('#print-map').addEventListener('click', () => printMap($('#print-caption'), describeMap));
  // The printed page is narrower than the screen: Leaflet draws again at the printed size.
  window.addEventListener('beforeprint', () => map.invalidateSize({ animate: false }));
  window.addEventListener('afterprint', () => map.invalidateSize({ animate: false }));
  await refresh();
}

init();
