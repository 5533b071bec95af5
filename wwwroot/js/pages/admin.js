// Curators manage organisations (add, rename, deactivate) and members (add, deactivate).
import { getJson, send, loadVocabularies, labelOf } from '../api.js';
import { el, fill, $, status } from '../dom.js';
import { showErrors, clearErrors } from '../forms.js';
import { currentUser, isCurator } from '../account.js';

let organisations = [];
let types = [];

async function loadOrganisations() {
  organisations = await getJson('/api/organisations');
  fill($('#organisations tbody'), organisations.map(o => el('tr', { dataset: { id: o.id } },
    el('td', { text: o.name }), el('td', { text: o.acronym ?? '' }), el('td', { text: labelOf(types, o.type) ?? '' }),
    el('td', { text: o.active === false ? 'no' : 'yes' }),
    el('td', {}, el('button', { type: 'button', class: 'secondary', text: 'Edit', 'aria-label': `Edit ${o.name}`, on: { click: () => editOrganisation(o) } })))));
  fill($('#member-org'), organisations.filter(o => o.active !== false).map(o => el('option', { value: o.id, text: o.acronym ? `${o.name} (${o.acronym})` : o.name })));
}

function editOrganisation(o) {
  $('#org-id').value = o?.id ?? '';
  $('#org-name').value = o?.name ?? '';
  $('#org-acronym').value = o?.acronym ?? '';
  $('#org-type').value = o?.type ?? types[0]?.code ?? '';
  $('#org-active').checked = o?.active !== false;
  $('#org-form-heading').textContent = o ? `Edit ${o.name}` : 'Add an organisation';
  clearErrors($('#org-form'));
  $('#org-name').focus();
}

async function saveOrganisation(e) {
  e.preventDefault();
  const id = $('#org-id').value;
  const body = { name: $('#org-name').value.trim(), acronym: $('#org-acronym').value.trim() || null, type: $('#org-type').value, active: $('#org-active').checked };
  try {
    await send(id ? 'PUT' : 'POST', id ? `/api/organisations/${id}` : '/api/organisations', body);
    status($('#org-status'), `Saved ${body.name}.`, 'success');
    editOrganisation(null);
    await loadOrganisations();
  } catch (err) {
    showErrors($('#org-form'), err, $('#org-status'));
  }
}

async function loadMembers() {
  const members = await getJson('/api/members');
  const list = Array.isArray(members) ? members : members.items ?? [];
  fill($('#members tbody'), list.map(m => el('tr', { dataset: { id: m.id } },
    el('td', { text: m.name ?? '' }), el('td', { text: m.email }),
    el('td', { text: m.organisation?.name ?? organisations.find(o => o.id === m.organisation_id)?.name ?? '' }),
    el('td', { text: `${(m.roles ?? []).join(', ')}${m.active === false ? ' (deactivated)' : ''}` }),
    el('td', {}, m.active === false ? null : el('button', {
      type: 'button', class: 'secondary', text: 'Deactivate', 'aria-label': `Deactivate ${m.email}`,
      on: { click: () => deactivate(m) },
    })))));
}

async function deactivate(m) {
  try {
    await send('POST', `/api/members/${m.id}/deactivate`);
    await loadMembers();
  } catch (err) {
    status($('#message'), err.message, 'alert');
  }
}

async function addMember(e) {
  e.preventDefault();
  const body = {
    name: $('#member-name').value.trim(), email: $('#member-email').value.trim(),
    organisation_id: Number($('#member-org').value) || null,
    role: $('#member-curator').checked ? 'curator' : 'member',
    password: $('#member-password').value || null,
  };
  try {
    await send('POST', '/api/members', body);
    status($('#member-status'), `Added ${body.email}.`, 'success');
    $('#member-form').reset();
    clearErrors($('#member-form'));
    await loadMembers();
  } catch (err) {
    showErrors($('#member-form'), err, $('#member-status'));
  }
}

async function init() {
  const [user, vocab] = await Promise.all([currentUser(), loadVocabularies().catch(() => null)]);
  types = vocab?.organisation_types ?? [];
  fill($('#org-type'), types.map(t => el('option', { value: t.code, text: t.label })));
  if (!isCurator(user)) status($('#message'), 'Only MIMU curators manage organisations and members. Sign in as a curator.', 'alert');
  $('#org-form').addEventListener('submit', saveOrganisation);
  $('#org-new').addEventListener('click', () => editOrganisation(null));
  $('#member-form').addEventListener('submit', addMember);
  try {
    await loadOrganisations();
    await loadMembers();
  } catch (err) {
    if (isCurator(user)) status($('#message'), err.message, 'alert');
  }
}

init();
