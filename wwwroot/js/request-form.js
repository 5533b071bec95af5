// The "Request this data" part of the record page: who may ask, the form, and what to do when the data is not shared.
import { send, getJson } from './api.js';
import { el, fill, $, status } from './dom.js';
import { showErrors, clearErrors } from './forms.js';

const REQUESTABLE = ['on-request', 'members'];

/** Fills #request for the record d and the signed-in user (null when anonymous). */
export function renderRequest(d, user) {
  const section = $('#request');
  const body = $('#request-body');
  const holder = d.holder?.name ?? 'the holder';
  const whom = d.contact ? `${holder} (${d.contact})` : holder;
  const ownOrganisation = user?.organisation?.id != null && user.organisation.id === d.holder?.id;
  let content = null;
  if (d.availability === 'not-available') {
    content = el('p', { text: `This data is not available for sharing, so it cannot be requested here. Talk to ${whom} about what they can share instead.` });
  } else if (REQUESTABLE.includes(d.availability) && !ownOrganisation) {
    if (!user) {
      const back = encodeURIComponent(location.pathname.replace(/^\//, '') + location.search);
      content = el('p', {}, 'The data is shared on request. ', el('a', { href: `sign-in.html?return=${back}`, text: 'Sign in to request it' }), '.');
    } else {
      const form = requestForm(d, user);
      const open = el('button', {
        type: 'button', text: 'Request this data',
        on: { click: () => { form.classList.remove('hidden'); open.classList.add('hidden'); $('#request-purpose').focus(); } },
      });
      content = [el('p', { class: 'muted', text: `${holder} shares this data on request. Say what you need it for; their members answer in their inbox.` }), open, form];
    }
  }
  const holderSide = user && (user.roles?.includes('curator') || ownOrganisation);
  if (holderSide && REQUESTABLE.includes(d.availability)) {
    content = el('p', { id: 'request-count', class: 'muted', text: 'Counting the requests for this data…' });
    countRequests(d, content);
  }
  section.classList.toggle('hidden', !content);
  if (content) fill(body, content);
}

/** For the holder's members and curators: how many have asked for this data, and how many wait for an answer. */
async function countRequests(d, target) {
  try {
    const [all, open] = await Promise.all([`/api/requests/inbox?dataset_id=${d.id}&limit=1`, `/api/requests/inbox?dataset_id=${d.id}&state=open&limit=1`].map(u => getJson(u)));
    fill(target, `${all.total} request${all.total === 1 ? '' : 's'} for this data, ${open.total} waiting for an answer. `,
      el('a', { href: 'requests.html', text: 'Answer them in the inbox' }), '.');
  } catch (e) {
    fill(target, `The requests could not be counted: ${e.message}`);
  }
}

function field(name, label, input) {
  input.id = `request-${name.replace('_', '-')}`;
  input.name = name;
  return el('div', { dataset: { field: name } }, el('label', { for: input.id, text: label }), input);
}

function requestForm(d, user) {
  const summary = el('div', { class: 'hidden', tabindex: '-1' });
  const result = el('div', { id: 'request-result', class: 'hidden' });
  const form = el('form', { id: 'request-form', class: 'hidden', novalidate: true },
    summary,
    field('purpose', 'What the data is for', el('textarea', { required: true })),
    field('units_needed', 'Areas needed (townships, village tracts)', el('input', { type: 'text' })),
    field('period_needed', 'Period needed', el('input', { type: 'text' })),
    field('organisation', 'Your organisation', el('input', { type: 'text', value: user.organisation?.name ?? '' })),
    field('contact', 'How to reach you', el('input', { type: 'text', value: user.email ?? '' })),
    el('p', {}, el('button', { type: 'submit', text: 'Send the request' })),
    result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const values = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const { body } = await send('POST', '/api/requests', { dataset_id: d.id, ...values });
      fill(form, el('p', { class: 'success', role: 'status' },
        `Request sent (#${body.id}). Follow it in `, el('a', { href: `requests.html?id=${body.id}`, text: 'your requests' }), '.'));
    } catch (e) {
      button.disabled = false;
      if (Object.keys(e.fieldErrors ?? {}).length) showErrors(form, e, summary);
      else status(result, e.message, 'alert');
    }
  });
  return form;
}
