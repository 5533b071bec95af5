// Add or edit a dataset record: the form, the footprint (drawn, edited or uploaded) with a live preview of the
// units it will link, and units picked by clicking the map or from the state → township → village tract lists.
import { ApiError, getJson, send, loadVocabularies, query } from '../api.js';
import { el, fill, append, $, $$, status, unitName, debounce } from '../dom.js';
import { createMap } from '../maps.js';
import { showErrors, clearErrors } from '../forms.js';
import { currentUser, isMember, isCurator } from '../account.js';

const L = window.L;
const id = new URLSearchParams(location.search).get('id');
let etag = null;

const { map } = createMap($('#map'), { fitToStates: !id });
const footprintLayers = L.featureGroup().addTo(map);
const pickedLayers = L.featureGroup().addTo(map);
/** pcode → {props, layer} */
const picked = new Map();

// ---- the map: drawing with geoman -----------------------------------------------------------
map.pm.setGlobalOptions({ layerGroup: footprintLayers, allowSelfIntersection: false });
map.pm.addControls({
  position: 'topleft', drawMarker: false, drawCircleMarker: false, drawPolyline: false, drawCircle: false,
  drawText: false, cutPolygon: false, rotateMode: false,
});
// geoman's buttons are links with only an icon and a title on their container: give each an accessible name.
for (const container of map.getContainer().querySelectorAll('.leaflet-pm-toolbar .button-container[title]')) {
  container.querySelector('a.leaflet-buttons-control-button')?.setAttribute('aria-label', container.getAttribute('title'));
}
map.on('pm:create', e => { watchLayer(e.layer); footprintChanged(); });
map.on('pm:remove', footprintChanged);

function watchLayer(layer) {
  layer.on('pm:edit pm:dragend', footprintChanged);
}

/** Every drawn or uploaded polygon as one MultiPolygon, or null. */
function footprint() {
  const polygons = [];
  footprintLayers.eachLayer(layer => {
    const geometry = layer.toGeoJSON().geometry;
    if (geometry.type === 'Polygon') polygons.push(geometry.coordinates);
    else if (geometry.type === 'MultiPolygon') polygons.push(...geometry.coordinates);
  });
  return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

function setFootprint(geometry) {
  footprintLayers.clearLayers();
  if (!geometry) return;
  const polygons = geometry.type === 'MultiPolygon' ? geometry.coordinates : geometry.type === 'Polygon' ? [geometry.coordinates] : [];
  for (const coordinates of polygons) {
    const layer = L.geoJSON({ type: 'Polygon', coordinates }).getLayers()[0];
    layer.setStyle({ color: '#d95f02', weight: 2 });
    footprintLayers.addLayer(layer);
    watchLayer(layer);
  }
  if (footprintLayers.getLayers().length) map.fitBounds(footprintLayers.getBounds(), { padding: [20, 20], maxZoom: 11 });
}

// ---- live preview of the units the footprint links ------------------------------------------
let previewRun = 0;
const refreshPreview = debounce(async () => {
  const geometry = footprint();
  const run = ++previewRun;
  if (!geometry) {
    fill($('#preview'));
    $('#preview-status').textContent = 'Draw or upload a footprint to see them.';
    $('#preview').dataset.count = '0';
    return;
  }
  $('#preview-status').textContent = 'Working out the units…';
  try {
    const { body } = await send('POST', '/api/footprints/preview', { footprint: geometry, threshold: threshold() });
    if (run !== previewRun) return; // a newer drawing is on its way
    fill($('#preview'), body.units.map(u => el('li', { dataset: { pcode: u.pcode } },
      unitName(u), el('span', { class: 'muted', text: `${u.level} · ${Math.round(u.share * 1000) / 10} %` }))));
    $('#preview').dataset.count = String(body.units.length);
    const notices = body.notices ?? [];
    $('#preview-status').textContent = `${body.units.length} unit${body.units.length === 1 ? '' : 's'}.${notices.length ? ' ' + notices.join(' ') : ''}`;
  } catch (e) {
    if (run !== previewRun) return;
    $('#preview-status').textContent = `The footprint cannot be previewed: ${e.message}`;
  }
}, 400);

function footprintChanged() {
  refreshPreview();
}

function threshold() {
  const pct = Number($('#footprint_threshold').value);
  return Number.isFinite(pct) ? pct / 100 : 0.05;
}
$('#footprint_threshold').addEventListener('input', refreshPreview);
$('#clear-footprint').addEventListener('click', () => { footprintLayers.clearLayers(); footprintChanged(); });

// ---- upload ------------------------------------------------------------------------------------
$('#footprint-file').addEventListener('change', async e => {
  const file = e.target.files[0];
  if (!file) return;
  const form = new FormData();
  form.append('file', file);
  status($('#upload-status'), `Reading ${file.name}…`);
  try {
    const { body } = await send('POST', '/api/footprints/read', form);
    setFootprint(body.footprint);
    footprintChanged();
    status($('#upload-status'), `Read ${file.name}: ${body.vertices} vertices${body.source_crs ? `, from ${body.source_crs}` : ''}. You can edit the shape on the map.`, 'success');
  } catch (err) {
    status($('#upload-status'), `${file.name} could not be read: ${err.message}`, 'alert');
  }
});

// ---- picked units ------------------------------------------------------------------------------
async function addUnit(props) {
  if (picked.has(props.pcode)) return;
  picked.set(props.pcode, { props, layer: null });
  renderPicked();
  try {
    const feature = await getJson(`/api/admin-units/${encodeURIComponent(props.pcode)}?geometry=simplified`);
    const entry = picked.get(props.pcode);
    if (!entry) return;
    entry.props = feature.properties;
    entry.layer = L.geoJSON(feature, { style: { color: '#1b6e3a', weight: 1.5, fillOpacity: 0.25 }, interactive: false, pmIgnore: true }).addTo(pickedLayers);
    renderPicked();
  } catch {
    // The list still holds the pcode; only its outline is missing.
  }
}

function removeUnit(pcode) {
  const entry = picked.get(pcode);
  if (entry?.layer) pickedLayers.removeLayer(entry.layer);
  picked.delete(pcode);
  renderPicked();
}

function renderPicked() {
  fill($('#picked'), picked.size ? [...picked.values()].map(({ props }) => el('li', { dataset: { pcode: props.pcode } },
    el('span', {}, unitName(props), el('span', { class: 'muted', text: ` ${props.level ?? ''} ${props.pcode}` })),
    el('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${props.name_en ?? props.pcode} ${props.level ?? ''}`.trim(), text: 'Remove', on: { click: () => removeUnit(props.pcode) } })))
    : el('li', { class: 'muted', text: 'None picked.' }));
}

map.on('click', async e => {
  if (!$('#pick-on-click').checked || map.pm.globalDrawModeEnabled()) return;
  const { lat, lng } = e.latlng;
  const body = await getJson(`/api/admin-units/at?${query({ lon: lng.toFixed(6), lat: lat.toFixed(6) })}`).catch(() => null);
  const level = $('#pick-level').value;
  const unit = body?.features.find(f => f.properties.level === level);
  if (!unit) return;
  if (picked.has(unit.properties.pcode)) removeUnit(unit.properties.pcode);
  else addUnit(unit.properties);
});

async function fillUnits(select, level, parent) {
  const body = await getJson(`/api/admin-units?${query({ level, parent, geometry: 'none', limit: 10000 })}`);
  const units = body.features.map(f => f.properties).sort((a, b) => (a.name_en ?? '').localeCompare(b.name_en ?? ''));
  fill(select, el('option', { value: '', text: 'Choose…' }),
    units.map(u => el('option', { value: u.pcode, text: `${u.name_en ?? u.pcode}${u.name_my ? ` · ${u.name_my}` : ''}` })));
  select.disabled = false;
  select.unitsByPcode = new Map(units.map(u => [u.pcode, u]));
}

$('#pick-state').addEventListener('change', async e => {
  fill($('#pick-vt'), el('option', { value: '', text: 'Choose…' }));
  $('#pick-vt').disabled = true;
  if (e.target.value) await fillUnits($('#pick-township'), 'township', e.target.value);
});
$('#pick-township').addEventListener('change', async e => {
  if (e.target.value) await fillUnits($('#pick-vt'), 'village-tract', e.target.value);
});
$('#pick-add').addEventListener('click', () => {
  const select = ['#pick-vt', '#pick-township', '#pick-state'].map(s => $(s)).find(s => s.value);
  if (select) addUnit(select.unitsByPcode.get(select.value));
});

$('#unit-search').addEventListener('input', debounce(async e => {
  const q = e.target.value.trim();
  if (q.length < 2) { fill($('#unit-results')); return; }
  const body = await getJson(`/api/admin-units?${query({ q, geometry: 'none', limit: 20 })}`).catch(() => null);
  fill($('#unit-results'), (body?.features ?? []).map(f => el('li', {},
    el('span', {}, unitName(f.properties), el('span', { class: 'muted', text: ` ${f.properties.level} ${f.properties.pcode}` })),
    el('button', { type: 'button', class: 'secondary', text: 'Add', 'aria-label': `Add ${f.properties.name_en ?? f.properties.pcode} ${f.properties.level}`, on: { click: () => addUnit(f.properties) } }))));
}, 300));

// ---- the form ----------------------------------------------------------------------------------
const textFields = ['title', 'summary', 'contact', 'source', 'disaggregation_level', 'period_start', 'period_end',
  'collected_on', 'update_frequency', 'availability', 'assessment_status', 'spatial_completeness'];
const listOf = text => text.split(',').map(s => s.trim()).filter(Boolean);

function checkboxes(container, name, terms) {
  fill($('.checks', container), terms.map(t => el('label', { class: 'check', for: `${name}-${t.code}` },
    el('input', { type: 'checkbox', id: `${name}-${t.code}`, name, value: t.code }),
    el('span', { text: t.label, title: t.description ?? '' }))));
}

function options(select, terms) {
  append(select, terms.map(t => el('option', { value: t.code, text: t.label })));
}

function readForm() {
  const body = {};
  for (const name of textFields) body[name] = $(`#${name}`).value.trim() || null;
  body.holder_id = $('#holder_id').value ? Number($('#holder_id').value) : null;
  body.sectors = $$('input[name="sectors"]:checked').map(i => i.value);
  body.methods = $$('input[name="methods"]:checked').map(i => i.value);
  body.indicators = listOf($('#indicators').value);
  body.formats = listOf($('#formats').value);
  body.links = $('#links').value.split('\n').map(l => l.trim()).filter(Boolean).map(line => {
    const [url, ...title] = line.split(/\s+/);
    return { url, title: title.join(' ') || null };
  });
  body.footprint_sensitive = $('#footprint_sensitive').checked;
  body.coverage = {
    pcodes: [...picked.keys()],
    footprint: footprint(),
    footprint_threshold: threshold(),
    whole_wider_se: $('#whole_wider_se').checked,
  };
  return body;
}

function writeForm(d) {
  for (const name of textFields) $(`#${name}`).value = d[name] ?? '';
  $('#holder_id').value = d.holder?.id ?? '';
  for (const i of $$('input[name="sectors"]')) i.checked = (d.sectors ?? []).includes(i.value);
  for (const i of $$('input[name="methods"]')) i.checked = (d.methods ?? []).includes(i.value);
  $('#indicators').value = (d.indicators ?? []).join(', ');
  $('#formats').value = (d.formats ?? []).join(', ');
  $('#links').value = (d.links ?? []).map(l => `${l.url}${l.title ? ` ${l.title}` : ''}`).join('\n');
  $('#footprint_sensitive').checked = !!d.footprint_sensitive;
  $('#whole_wider_se').checked = !!d.coverage?.whole_wider_se;
  if (d.coverage?.footprint_threshold != null) $('#footprint_threshold').value = Math.round(d.coverage.footprint_threshold * 100);
  setFootprint(d.coverage?.footprint ?? null);
  for (const pcode of d.coverage?.pcodes ?? []) addUnit({ pcode });
  footprintChanged();
}

// ---- errors next to their fields (forms.js) -------------------------------------------------
function showProblem(error) {
  showErrors($('#dataset-form'), error, $('#error-summary'));
}

async function save(repair) {
  const body = readForm();
  if (repair) body.repair = true;
  $('#save').disabled = true;
  clearErrors($('#dataset-form'));
  $('#error-summary').classList.add('hidden');
  $('#save-repaired').classList.add('hidden');
  try {
    const result = id
      ? await send('PUT', `/api/datasets/${encodeURIComponent(id)}`, body, { etag })
      : await send('POST', '/api/datasets', body);
    const newId = result.body?.id ?? id;
    // dataset.html says once what happens next (draft → submit; an edited published record is back in review).
    sessionStorage.setItem('segeo-saved', String(newId));
    location.href = `dataset.html?id=${newId}`;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 412) {
      showProblem(new ApiError(412, { detail: 'Someone else changed this record while you edited it. Open it again to see their change, then make yours.' }));
    } else if (e.status === 401 || e.status === 403) {
      showProblem(new ApiError(e.status, { detail: 'You need to be signed in as a member of the holder organisation to save this record.' }));
    } else {
      showProblem(e);
      // An invalid polygon the service can repair (422): offer to save with the repair.
      if (e.status === 422) $('#save-repaired').classList.remove('hidden');
    }
  } finally {
    $('#save').disabled = false;
  }
}

$('#dataset-form').addEventListener('submit', e => { e.preventDefault(); save(false); });
$('#save-repaired').addEventListener('click', () => save(true));

async function init() {
  const [user, vocab, organisations, states] = await Promise.all([
    currentUser(),
    loadVocabularies().catch(() => null),
    getJson('/api/organisations').catch(() => []),
    getJson('/api/admin-units?level=state&geometry=none').catch(() => null),
  ]);
  if (!isMember(user)) status($('#message'), 'Sign in as a network member to save a dataset record.', 'alert');
  if (vocab) {
    checkboxes($('#sectors'), 'sectors', vocab.sectors);
    checkboxes($('#methods'), 'methods', vocab.methods);
    options($('#disaggregation_level'), vocab.levels);
    options($('#update_frequency'), vocab.update_frequencies);
    options($('#spatial_completeness'), vocab.spatial_completeness ?? []);
    options($('#availability'), vocab.availability);
    options($('#assessment_status'), vocab.assessment_statuses);
  } else {
    status($('#message'), 'The vocabularies could not be loaded; reload the page.', 'alert');
  }
  const own = organisations.filter(o => o.active !== false && (isCurator(user) || !user?.organisation || o.id === user.organisation.id));
  options($('#holder_id'), own.map(o => ({ code: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })));
  if (own.length === 1) $('#holder_id').value = own[0].id;
  if (states) {
    fill($('#pick-state'), el('option', { value: '', text: 'Choose…' }),
      states.features.map(f => el('option', { value: f.properties.pcode, text: `${f.properties.name_en} · ${f.properties.name_my ?? ''}` })));
    $('#pick-state').unitsByPcode = new Map(states.features.map(f => [f.properties.pcode, f.properties]));
  }
  renderPicked();

  if (id) {
    $('#heading').textContent = 'Edit a dataset';
    $('#cancel').href = `dataset.html?id=${encodeURIComponent(id)}`;
    const response = await fetch(`/api/datasets/${encodeURIComponent(id)}`, { credentials: 'same-origin' });
    if (!response.ok) { status($('#message'), 'This dataset cannot be opened for editing.', 'alert'); return; }
    etag = response.headers.get('etag');
    writeForm(await response.json());
  }
  document.body.dataset.ready = 'true';
}

init();
