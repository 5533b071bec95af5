// The curators' review queue: publish a submitted record (choosing who may see it) or return it with a comment.
import { getJson, send, loadVocabularies } from '../api.js';
import { el, fill, $, status, formatDateTime } from '../dom.js';
import { currentUser, isCurator } from '../account.js';

let visibilities = [];

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
    el('div', { class: 'row' },
      el('div', {}, el('label', { for: visibility.id, text: 'Visible to' }), visibility),
      el('button', { type: 'button', text: 'Publish', on: { click: () => act(`/api/datasets/${d.id}/publish`, { visibility: visibility.value }, 'Published.') } })),
    el('div', { class: 'row' },
      el('div', {}, el('label', { for: comment.id, text: 'Comment for the member' }), comment),
      el('button', { type: 'button', class: 'secondary', text: 'Return to the member', on: { click: () => act(`/api/datasets/${d.id}/return`, { comment: comment.value }, 'Returned to the member.') } })),
    result);
  return row;
}

async function init() {
  const [user, vocab] = await Promise.all([currentUser(), loadVocabularies().catch(() => null)]);
  visibilities = vocab?.visibilities ?? [];
  if (!isCurator(user)) status($('#message'), 'Only MIMU curators can review records. Sign in as a curator.', 'alert');
  await load();
}

init();
