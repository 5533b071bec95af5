// One dataset: every field, its area on a map (units shaded by share, footprint outlined), its history.
import { getJson, send, loadVocabularies, labelOf } from '../api.js';
import { el, fill, $, status, unitName, formatDate, formatDateTime } from '../dom.js';
import { createMap } from '../maps.js';
import { currentUser, isMember, isCurator } from '../account.js';
import { renderRequest } from '../request-form.js';
import { renderAnsweredNeeds } from '../demand.js';

const L = window.L;
const id = new URLSearchParams(location.search).get('id');
const LEVELS = ['state', 'district', 'township', 'village-tract', 'ward'];

async function load() {
  if (!id) {
    status($('#message'), 'No dataset chosen: open one from the catalogue.', 'alert');
    return;
  }
  let dataset;
  try {
    dataset = await getJson(`/api/datasets/${encodeURIComponent(id)}`);
  } catch (e) {
    status($('#message'), e.status === 404 ? 'This dataset does not exist, or you may not see it. Signing in may help.' : e.message, 'alert');
    return;
  }
  const vocab = await loadVocabularies().catch(() => ({}));
  document.title = `${dataset.title} · SE Data Catalogue`;
  $('#title').textContent = dataset.title;
  $('#dataset').classList.remove('hidden');
  renderFields(dataset, vocab);
  renderActions(dataset);
  currentUser().then(user => {
    renderRequest(dataset, user);
    renderAnsweredNeeds(dataset, user, $('#needs'), $('#needs-list'));
  });
  renderCuration(dataset, vocab);
  renderCoverage(dataset);
  renderHistory();
}

const FRESHNESS = {
  fresh: 'Fresh', due: 'Due for its next update', overdue: 'Overdue', delinquent: 'Long overdue (delinquent)', unknown: 'Unknown: no dates',
};

function renderFields(d, vocab) {
  const list = (codes, vocabulary) => (codes ?? []).map(c => labelOf(vocabulary, c)).join(', ');
  const period = d.period_start || d.period_end ? `${formatDate(d.period_start) || '…'} – ${formatDate(d.period_end) || '…'}` : '';
  const rows = [
    ['Summary', d.summary],
    ['Holder', d.holder ? `${d.holder.name}${d.holder.acronym ? ` (${d.holder.acronym})` : ''}` : ''],
    ['Contact', d.contact],
    ['Source', d.source],
    ['Licence', d.license],
    ['Sectors', list(d.sectors, vocab.sectors)],
    ['Indicators', (d.indicators ?? []).join(', ')],
    ['Disaggregation level', labelOf(vocab.levels, d.disaggregation_level)],
    ['Methods', list(d.methods, vocab.methods)],
    ['Spatial completeness', labelOf(vocab.spatial_completeness, d.spatial_completeness)],
    ['Freshness', FRESHNESS[d.freshness] ?? ''],
    ['Reference period', period],
    ['Collected on', formatDate(d.collected_on)],
    ['Update frequency', labelOf(vocab.update_frequencies, d.update_frequency)],
    ['Availability', labelOf(vocab.availability, d.availability)],
    ['Formats', (d.formats ?? []).join(', ')],
    ['Links', (d.links ?? []).map(l => el('a', { href: safeUrl(l.url), text: l.title || l.url, rel: 'noopener' }))],
    ['Assessment status', labelOf(vocab.assessment_statuses, d.assessment_status)],
    ['Curation', labelOf(vocab.curation_states, d.curation_state)],
    ['Visible to', labelOf(vocab.visibilities, d.visibility)],
    ['Footprint', d.footprint_sensitive ? 'Sensitive: shown only to those allowed to see it' : ''],
    ['Boundary edition', d.area?.edition ? `Linked against boundary edition ${d.area.edition}` : ''],
    ['Needs review', (d.area?.needs_review ?? []).map(r =>
      `${r.pcode} was retired by a newer boundary edition${r.successors.length ? `; its area now lies in ${r.successors.join(', ')}` : ''}. Edit the record to pick again.`)],
    ['Demo record', d.is_demo ? 'Yes: sample data, not a real dataset' : ''],
    ['Created', `${formatDateTime(d.created_at)}${byAuthor(d.created_by)}`],
    ['Last changed', `${formatDateTime(d.updated_at)}${byAuthor(d.updated_by)}`],
  ];
  fill($('#fields'), rows.filter(([, v]) => v && (!Array.isArray(v) || v.length)).flatMap(([k, v]) => [
    el('dt', { text: k }),
    el('dd', {}, Array.isArray(v) ? v.flatMap((a, i) => (i ? [', ', a] : [a])) : v),
  ]));
}

/** Only http(s) links become clickable; anything else (javascript:, data:) stays text. */
function safeUrl(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

async function renderActions(d) {
  const user = await currentUser();
  const mayEdit = isCurator(user) || (isMember(user) && user.organisation?.id === d.holder?.id);
  const result = el('span', { id: 'action-result', class: 'hidden', role: 'status' });
  const submit = mayEdit && d.curation_state === 'draft'
    ? el('button', { type: 'button', text: 'Submit for review', on: { click: () => submitForReview(d, submit, result) } })
    : null;
  fill($('#actions'), mayEdit ? el('a', { class: 'button', href: `edit.html?id=${d.id}`, text: 'Edit this dataset' }) : null, submit, result);
}

/** A draft goes to the curators' review queue; the page then shows its new state and history. */
async function submitForReview(d, button, result) {
  button.disabled = true;
  try {
    await send('POST', `/api/datasets/${encodeURIComponent(d.id)}/submit`);
    const [fresh, vocab] = await Promise.all([getJson(`/api/datasets/${encodeURIComponent(d.id)}`), loadVocabularies().catch(() => ({}))]);
    renderFields(fresh, vocab);
    await renderActions(fresh);
    renderCuration(fresh, vocab);
    renderHistory();
    status($('#action-result'), 'Submitted for review: a MIMU curator will publish it or return it with a comment.', 'success');
  } catch (e) {
    button.disabled = false;
    status(result, e.message, 'alert');
  }
}

/**
 * What happens next in curation: the notice after a save (edit.html leaves the id in sessionStorage), the curator's comment on a
 * returned draft, and for a draft its holder may submit, the checklist a curator will go through.
 */
async function renderCuration(d, vocab) {
  const user = await currentUser();
  const mayEdit = isCurator(user) || (isMember(user) && user.organisation?.id === d.holder?.id);
  const notice = $('#curation-notice');
  const messages = [];
  if (sessionStorage.getItem('segeo-saved') === String(d.id)) {
    sessionStorage.removeItem('segeo-saved');
    messages.push(SAVED[d.curation_state] ?? 'Saved.');
  }
  let returned = null;
  if (mayEdit && d.curation_state === 'draft') {
    const history = await getJson(`/api/datasets/${encodeURIComponent(d.id)}/history`).catch(() => []);
    // The newest step decides: a draft returned and since submitted again has no open comment.
    const last = [...history].sort((a, b) => String(b.changed_at).localeCompare(String(a.changed_at)))
      .find(h => h.action === 'returned' || h.action === 'submitted' || h.action === 'published');
    if (last?.action === 'returned') returned = last;
  }
  if (messages.length || returned) {
    fill(notice,
      messages.map(m => el('p', { text: m })),
      returned ? el('div', { class: 'returned-comment' },
        el('p', {}, el('strong', { text: 'Returned by a curator' }), `${byAuthor(returned.changed_by)} on ${formatDateTime(returned.changed_at)}:`),
        el('blockquote', { text: returned.comment ?? '' }),
        el('p', { text: 'Change the record as asked, then submit it for review again.' })) : null);
    notice.className = returned ? 'alert' : 'success';
    notice.setAttribute('role', 'status');
  } else {
    notice.className = 'hidden';
  }
  const draft = mayEdit && d.curation_state === 'draft';
  $('#submit-checklist').classList.toggle('hidden', !draft);
  if (draft) fill($('#checklist-items'), checklist(d, vocab).map(([ok, what, hint]) =>
    el('li', { class: ok ? 'ok' : 'todo', dataset: { ok: String(ok) } },
      el('span', { class: 'mark', 'aria-hidden': 'true', text: ok ? '✓' : '!' }),
      el('span', {}, el('strong', { text: what }), ` — ${hint}`))));
}

const SAVED = {
  draft: 'Saved as a draft. Only your organisation and the curators see it; when it is complete, submit it for review below.',
  submitted: 'Saved. The record is waiting for a curator: a change to a published record goes back to review, and the published version stays hidden until a curator publishes it again.',
  published: 'Saved and published.',
};

/** [done?, what the curator checks, what is there or missing] */
function checklist(d, vocab) {
  const units = d.area?.pcodes?.length ?? 0;
  return [
    [!!d.summary, 'Summary', d.summary ? 'says what the data is' : 'missing: say what the data is and how it was collected'],
    [(d.sectors ?? []).length > 0, 'Sectors', (d.sectors ?? []).map(c => labelOf(vocab.sectors, c)).join(', ') || 'missing'],
    [!!d.holder, 'Holder', d.holder?.name ?? 'missing'],
    [!!d.availability, 'Availability', d.availability ? labelOf(vocab.availability, d.availability) : 'missing'],
    [units > 0 || !!d.area?.footprint || !!d.area?.whole_wider_se, 'Coverage',
      units ? `${units} linked unit${units === 1 ? '' : 's'}` : d.area?.whole_wider_se ? 'the whole wider South East' : 'missing: draw or pick the area covered'],
    [!!d.disaggregation_level, 'Disaggregation level', d.disaggregation_level ? labelOf(vocab.levels, d.disaggregation_level) : 'missing'],
    [!!(d.period_start || d.period_end || d.collected_on), 'Reference period', d.period_start || d.period_end || d.collected_on ? 'given' : 'missing: when was it collected?'],
    [!!(d.contact || d.source), 'Contact or source', d.contact || d.source || 'missing: who can people ask?'],
  ];
}

async function renderCoverage(d) {
  const url = `/api/datasets/${encodeURIComponent(d.id)}/area`;
  $('#download').href = url;
  $('#download').download = `dataset-${d.id}-area.geojson`;
  const { map } = createMap($('#map'), { fitToStates: false });
  let area;
  try {
    area = await getJson(url);
  } catch (e) {
    fill($('#units'), el('li', { text: `The area could not be loaded: ${e.message}` }));
    return;
  }
  // Coarse units first, so the village tracts a footprint linked stay visible on top of a picked township.
  const units = area.features.filter(f => f.properties?.kind !== 'footprint')
    .sort((a, b) => LEVELS.indexOf(a.properties.level) - LEVELS.indexOf(b.properties.level));
  const footprint = area.features.filter(f => f.properties?.kind === 'footprint');
  const unitLayer = L.geoJSON({ type: 'FeatureCollection', features: units }, {
    style: f => ({
      color: '#08519c', weight: 1, fillColor: '#2171b5',
      fillOpacity: f.properties.share == null ? 0.2 : 0.15 + 0.6 * Math.min(1, f.properties.share),
    }),
    onEachFeature: (f, layer) => layer.bindTooltip(tooltipNode(f.properties)),
  }).addTo(map);
  const footprintLayer = L.geoJSON({ type: 'FeatureCollection', features: footprint }, {
    style: { color: '#d95f02', weight: 2.5, fill: false, dashArray: '6 4' },
  }).addTo(map);
  const bounds = unitLayer.getBounds().extend(footprintLayer.getBounds());
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
  $('#map').dataset.units = String(units.length);
  $('#map').dataset.footprint = String(footprint.length);
  fill($('#units'), units.length
    ? units.map(f => el('li', {}, unitName(f.properties), el('span', { class: 'muted', text: shareText(f.properties) })))
    : el('li', { class: 'muted', text: d.area?.whole_wider_se ? 'The whole wider South East.' : 'No units linked.' }));
}

const shareText = p => `${p.level ?? ''}${p.share != null ? ` · ${Math.round(p.share * 100)} %` : ''}${p.origin ? ` · ${p.origin}` : ''}`;

function tooltipNode(p) {
  return el('div', {}, el('strong', {}, unitName(p)), el('br'), shareText(p));
}

async function renderHistory() {
  try {
    const entries = await getJson(`/api/datasets/${encodeURIComponent(id)}/history`);
    fill($('#history'), entries.length ? entries.map(h => el('li', {},
      el('strong', { text: `${formatDateTime(h.changed_at)} · ${h.action}` }),
      byAuthor(h.changed_by),
      h.comment ? el('p', { text: `“${h.comment}”` }) : null,
      h.changes?.length ? el('ul', {}, h.changes.map(c => el('li', { text: `${c.label ?? c.field}: ${show(c.old)} → ${show(c.new)}` }))) : null))
      : el('li', { class: 'muted', text: 'No changes recorded.' }));
  } catch (e) {
    fill($('#history'), el('li', { class: 'muted', text: `The history could not be loaded: ${e.message}` }));
  }
}

const show = v => (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length) ? '(empty)'
  : Array.isArray(v) ? v.map(show).join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** " by Aye Aye (WFP)" for those who may see the person; else " by a member of WFP" or " by a curator". */
function byAuthor(a) {
  if (!a) return '';
  if (a.name) return ` by ${a.name}${a.organisation ? ` (${a.organisation})` : ''}`;
  if (a.role === 'unknown') return '';
  return a.organisation ? ` by a ${a.role} of ${a.organisation}` : ` by a ${a.role}`;
}

load();
