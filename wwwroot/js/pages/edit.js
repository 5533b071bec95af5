// Add or edit a dataset record: the form, with the footprint editor (footprint-editor.js) and the unit picker
// (unit-picker.js) on the map.
import { ApiError, getJson, send, loadVocabularies } from '../api.js';
import { el, fill, append, $, $$, status } from '../dom.js';
import { createMap } from '../maps.js';
import { showErrors, clearErrors } from '../forms.js';
import { currentUser, isMember, isCurator } from '../account.js';
import { footprintEditor } from '../footprint-editor.js';
import { unitPicker } from '../unit-picker.js';
import { changedFields, showConflict, hideConflict } from '../edit-conflict.js';

const id = new URLSearchParams(location.search).get('id');
let etag = null;
/** The record as this form loaded it: a 412 compares it with the record saved now. */
let loaded = null;

const { map } = createMap($('#map'), { fitToStates: !id });
const editor = footprintEditor(map);
const picker = unitPicker(map);

// ---- the form ----------------------------------------------------------------------------------
const textFields = ['title', 'summary', 'contact', 'source', 'license', 'disaggregation_level', 'period_start', 'period_end',
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
  body.area = {
    pcodes: picker.pcodes(),
    footprint: editor.footprint(),
    footprint_threshold: editor.threshold(),
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
  $('#whole_wider_se').checked = !!d.area?.whole_wider_se;
  if (d.area?.footprint_threshold != null) $('#footprint_threshold').value = Math.round(d.area.footprint_threshold * 100);
  editor.setFootprint(d.area?.footprint ?? null);
  for (const pcode of d.area?.pcodes ?? []) picker.add({ pcode });
  editor.changed();
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
  hideConflict($('#conflict'));
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
      await showWhatChanged(body);
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

/** The record as saved now, and its ETag. */
async function fetchRecord() {
  const response = await fetch(`/api/datasets/${encodeURIComponent(id)}`, { credentials: 'same-origin' });
  if (!response.ok) return null;
  return { record: await response.json(), etag: response.headers.get('etag') };
}

/** 412: someone saved since this form loaded. Shows their changes beside this form's values; the user chooses. */
async function showWhatChanged(mine) {
  const now = await fetchRecord();
  if (!now) { status($('#message'), 'Someone else changed this record, and it can no longer be opened here.', 'alert'); return; }
  const holderName = value => $(`#holder_id option[value="${CSS.escape(value)}"]`)?.textContent ?? value;
  const changes = changedFields(loaded, now.record, mine, (label, text) => (label === 'Holder' && text ? holderName(text) : text));
  showConflict($('#conflict'), changes, {
    onReapply: () => {
      // The next save goes against their version: this form's values replace theirs.
      etag = now.etag;
      loaded = now.record;
      hideConflict($('#conflict'));
      save(false);
    },
  });
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
  picker.render();

  if (id) {
    $('#heading').textContent = 'Edit a dataset';
    $('#cancel').href = `dataset.html?id=${encodeURIComponent(id)}`;
    const record = await fetchRecord();
    if (!record) { status($('#message'), 'This dataset cannot be opened for editing.', 'alert'); return; }
    ({ etag, record: loaded } = record);
    writeForm(loaded);
  }
  document.body.dataset.ready = 'true';
}

init();
