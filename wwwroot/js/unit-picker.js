// Units picked for a record: by clicking the map, from the state → township → village tract lists, or by name search;
// each picked unit is outlined on the map and listed with a button to remove it.
import { getJson, query } from './api.js';
import { el, fill, $, unitName, debounce } from './dom.js';

const L = window.L;

/** Sets up picking on map and the lists; returns the picked pcodes and a way to add one. */
export function unitPicker(map) {
  const pickedLayers = L.featureGroup().addTo(map);
  /** pcode → {props, layer} */
  const picked = new Map();

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


  return { pcodes: () => [...picked.keys()], add: addUnit, render: renderPicked };
}
