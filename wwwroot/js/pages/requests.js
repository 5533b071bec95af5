// Requests for data: the inbox of the holder's members and curators (answer: grant or decline), my requests
// (withdraw, close), one request with its history (?id=), and my notifications.
import { getJson, send, query } from '../api.js';
import { el, fill, $, status, formatDateTime } from '../dom.js';
import { currentUser, isCurator } from '../account.js';

const params = new URLSearchParams(location.search);
let user;

/** Only http(s) links become clickable; anything else stays text. */
function linkOrText(text) {
  try {
    const u = new URL(text);
    if (u.protocol === 'http:' || u.protocol === 'https:') return el('a', { href: u.href, text, rel: 'noopener' });
  } catch { /* not a URL: a note on how the data will be shared */ }
  return text;
}

function steps(list) {
  return el('ol', { class: 'history request-steps' }, list.map(s => el('li', {},
    el('strong', { text: `${formatDateTime(s.at)} · ${s.action}` }), ` by ${s.by}`,
    s.message ? el('p', { text: `“${s.message}”` }) : null,
    s.link ? el('p', {}, 'How it is shared: ', linkOrText(s.link)) : null)));
}

function item(r, withSteps = false) {
  const mine = r.requester_email === user?.email;
  const answers = !mine && (isCurator(user) || user?.organisation?.id === r.holder.id);
  const result = el('p', { class: 'hidden' });
  const act = async (path, body) => {
    try {
      await send('POST', `/api/requests/${r.id}/${path}`, body);
      await reload();
    } catch (e) {
      status(result, [e.message, ...Object.values(e.fieldErrors ?? {}).flat()].join(' '), 'alert');
    }
  };
  const controls = [];
  if (answers && r.state === 'open') {
    const message = el('textarea', { id: `answer-message-${r.id}`, placeholder: 'A note with a grant; the reason of a decline' });
    const link = el('input', { type: 'text', id: `answer-link-${r.id}`, placeholder: 'https://… or how you will send it' });
    controls.push(
      el('div', {}, el('label', { for: message.id, text: 'Message to the requester' }), message),
      el('div', {}, el('label', { for: link.id, text: 'Link or note on how the data is shared (grant)' }), link),
      el('button', { type: 'button', text: 'Grant', on: { click: () => act('answer', { decision: 'grant', message: message.value, link: link.value }) } }),
      el('button', { type: 'button', class: 'secondary', text: 'Decline', on: { click: () => act('answer', { decision: 'decline', message: message.value }) } }));
  }
  if (mine && r.state === 'open') controls.push(el('button', { type: 'button', class: 'secondary', text: 'Withdraw', on: { click: () => act('withdraw', {}) } }));
  if ((mine || answers) && (r.state === 'granted' || r.state === 'declined'))
    controls.push(el('button', { type: 'button', class: 'secondary', text: 'Close', on: { click: () => act('close', {}) } }));

  const history = el('details', {}, el('summary', { text: 'History' }));
  if (withSteps && r.steps) history.append(steps(r.steps));
  else history.addEventListener('toggle', async () => {
    if (!history.open || history.dataset.loaded) return;
    history.dataset.loaded = '1';
    const full = await getJson(`/api/requests/${r.id}`).catch(() => null);
    if (full) history.append(steps(full.steps));
  });
  if (withSteps) history.open = true;

  return el('li', { class: 'request', dataset: { id: r.id, state: r.state } },
    el('h3', {}, el('a', { href: `dataset.html?id=${r.dataset.id}`, text: r.dataset.title }), ' · ',
      el('span', { class: 'request-state', text: r.state })),
    el('p', { class: 'muted', text: `#${r.id} · ${mine ? `to ${r.holder.name}` : `from ${r.organisation} (${r.requester_email})`} · ${formatDateTime(r.created_at)}` }),
    el('p', { text: `Purpose: ${r.purpose}` }),
    r.units_needed ? el('p', { text: `Areas: ${r.units_needed}` }) : null,
    r.period_needed ? el('p', { text: `Period: ${r.period_needed}` }) : null,
    el('p', { class: 'muted', text: `Contact: ${r.contact}` }),
    r.answer_message ? el('p', { class: 'request-answer', text: `Answer: ${r.answer_message}` }) : null,
    r.share_link ? el('p', { class: 'request-link' }, 'How it is shared: ', linkOrText(r.share_link)) : null,
    controls.length ? el('div', { class: 'row' }, controls) : null,
    result,
    history);
}

async function list(url, target, empty) {
  const page = await getJson(url);
  fill($(target), page.items.length ? page.items.map(r => item(r)) : el('li', { class: 'muted', text: empty }));
}

async function reload() {
  const tasks = [];
  if (params.get('id')) {
    tasks.push(getJson(`/api/requests/${encodeURIComponent(params.get('id'))}`)
      .then(r => { fill($('#one-list'), item(r, true)); $('#one').classList.remove('hidden'); })
      .catch(e => status($('#message'), e.status === 404 ? 'This request does not exist, or it is not yours to see.' : e.message, 'alert')));
  }
  if (isCurator(user) || user.organisation) {
    $('#inbox').classList.remove('hidden');
    tasks.push(list(`/api/requests/inbox?${query({ state: $('#inbox-state').value, limit: 100 })}`, '#inbox-list', 'No requests here.'));
  }
  $('#mine').classList.remove('hidden');
  tasks.push(list('/api/requests/mine?limit=100', '#mine-list', 'You have not requested any data yet.'));
  tasks.push(getJson('/api/requests/notifications?limit=20').then(page => {
    $('#notifications').classList.remove('hidden');
    fill($('#notifications-list'), page.items.length
      ? page.items.map(n => el('li', {}, el('strong', { text: `${formatDateTime(n.created_at)} · ${n.subject}` }),
        el('span', { class: 'muted', text: n.delivery === 'sent' ? ' (also mailed)' : '' })))
      : el('li', { class: 'muted', text: 'No notifications.' }));
  }));
  await Promise.all(tasks);
}

async function init() {
  user = await currentUser();
  if (!user) {
    status($('#message'), 'Sign in to see your requests and your organisation\'s inbox.', 'alert');
    return;
  }
  $('#inbox-state').addEventListener('change', () => reload());
  try {
    await reload();
  } catch (e) {
    status($('#message'), e.message, 'alert');
  }
}

init();
