// The curators' review queue: publish a submitted record (choosing who may see it) or return it with a comment.
import { getJson, send, loadVocabularies, labelOf } from '../api.js';
import { el, fill, $, status, formatDateTime } from '../dom.js';
import { currentUser, isCurator } from '../account.js';

let visibilities = [];
let vocab = {};
const MAX_UNITS = 12;

async function load() {
  try {
    const body = await getJson('/api/review');
    const items = Array.isArray(body) ? body : body.items ?? [];
    fill($('#queue'), items.length ? items.map(item) : el('li', { class: 'muted', text: 'Nothing is waiting for review.' }));
  } catch (e) {
    status($('#message'), e.status === 401 || e.status === 403 ? 'Only MIMU curators can review records. Sign in as a curator.' : e.message, 'alert');
  }
}

function item(d) {
  const result = el('p', { class: 'hidden' });
  const details = el('dl', { class: 'fields review-details', 'aria-busy': 'true' });
  loadDetails(d.id, details);
  const visibility = el('select', { id: `visibility-${d.id}` }, visibilities.map(v => el('option', { value: v.code, text: v.label })));
  visibility.value = d.visibility ?? 'public';
  const comment = el('textarea', { id: `comment-${d.id}`, placeholder: 'What the member should change' });
  const act = async (url, body, done) => {
    try {
      await send('POST', url, body);
      status(result, done, 'success');
      for (const b of row.querySelectorAll('button')) b.disabled = true;
    } catch (e) {
      status(result, [e.message, ...Object.values(e.fieldErrors ?? {}).flat()].join(' '), 'alert');
    }
  };
  const row = el('li', { dataset: { id: d.id } },
    el('h3', {}, el('a', { href: `dataset.html?id=${d.id}`, text: d.title })),
    el('p', { class: 'muted' }, d.holder?.name ?? '', d.updated_at ? ` · submitted ${formatDateTime(d.updated_at)}` : '', d.updated_by ? ` by ${d.updated_by}` : ''),
    d.summary ? el('p', { text: d.summary }) : null,
    details,
    el('div', { class: 'row' },
      el('div', {}, el('label', { for: visibility.id, text: 'Visible to' }), visibility),
      el('button', { type: 'button', text: 'Publish', on: { click: () => act(`/api/datasets/${d.id}/publish`, { visibility: visibility.value }, 'Published.') } })),
    el('div', { class: 'row' },
      el('div', {}, el('label', { for: comment.id, text: 'Comment for the member' }), comment),
      el('button', { type: 'button', class: 'secondary', text: 'Return to the member', on: { click: () => act(`/api/datasets/${d.id}/return`, { comment: comment.value }, 'Returned to the member.') } })),
    result);
  return row;
}

/** What the curator decides on: sectors, availability, holder and the units the record covers, each unit a link to the map. */
async function loadDetails(id, node) {
  try {
    const [d, area] = await Promise.all([
      getJson(`/api/datasets/${id}`),
      getJson(`/api/datasets/${id}/area`).catch(() => ({ features: [] })),
    ]);
    const units = area.features.filter(f => f.properties?.kind !== 'footprint').map(f => f.properties);
    const unitLinks = units.slice(0, MAX_UNITS).map(p => el('a', {
      href: `coverage.html?${new URLSearchParams({ level: p.level === 'village-tract' ? 'village-tract' : 'township', focus: p.pcode })}`,
      text: p.name_en ?? p.pcode,
    }));
    const areaText = units.length
      ? [`${units.length} unit${units.length === 1 ? '' : 's'}: `, ...unitLinks.flatMap((a, i) => (i ? [', ', a] : [a])),
        units.length > MAX_UNITS ? ` and ${units.length - MAX_UNITS} more` : '',
        area.features.some(f => f.properties?.kind === 'footprint') ? ' (from a drawn footprint)' : '']
      : [d.area?.whole_wider_se ? 'the whole wider South East' : 'no units linked'];
    const rows = [
      ['Holder', d.holder ? `${d.holder.name}${d.holder.acronym ? ` (${d.holder.acronym})` : ''}` : ''],
      ['Sectors', (d.sectors ?? []).map(c => labelOf(vocab.sectors, c)).join(', ') || 'none given'],
      ['Availability', labelOf(vocab.availability, d.availability) || 'not given'],
      ['Disaggregation level', labelOf(vocab.levels, d.disaggregation_level) || 'not given'],
      ['Coverage', areaText],
    ];
    fill(node, rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { dataset: { field: k.toLowerCase() } }, v)]));
  } catch (e) {
    fill(node, el('dt', { text: 'Details' }), el('dd', { text: `could not be loaded: ${e.message}` }));
  } finally {
    node.removeAttribute('aria-busy');
  }
}

async function init() {
  const [user, vocabularies] = await Promise.all([currentUser(), loadVocabularies().catch(() => null)]);
  vocab = vocabularies ?? {};
  visibilities = vocab.visibilities ?? [];
  if (!isCurator(user)) status($('#message'), 'Only MIMU curators can review records. Sign in as a curator.', 'alert');
  await load();
}

init();
