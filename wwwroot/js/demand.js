// Demand on the coverage map: what members said they need in a unit, and the form to say so.
import { send, getJson } from './api.js';
import { el, fill, status } from './dom.js';

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Needed by 2 organisations: “newest note”", or null when nobody asked (or the viewer may not see demand). */
export function demandText(p) {
  const d = p.demand;
  return d ? `Needed by ${plural(d.organisations, 'organisation')}: “${d.newest_note}”` : null;
}

/**
 * The "We need this data here" form for one unit. sectors: the sectors ticked on the map (the first is offered
 * first); vocabulary: every sector, so a need can be marked with no sector ticked. done: called after saving.
 */
export function needForm(p, sectors, vocabulary, done) {
  const id = `need-${p.pcode}`;
  const sector = el('select', { id: `${id}-sector` }, vocabulary.map(s => el('option', { value: s.code, text: s.label })));
  if (sectors.length) sector.value = sectors[0];
  const note = el('textarea', { id: `${id}-note`, placeholder: 'e.g. village-tract WASH data for the 2027 response plan' });
  const result = el('p', { class: 'hidden' });
  const form = el('form', { class: 'need-form' },
    el('h3', { text: 'We need this data here' }),
    el('label', { for: sector.id, text: 'Sector' }), sector,
    el('label', { for: note.id, text: 'What is needed, and why' }), note,
    el('p', {}, el('button', { type: 'submit', text: 'Mark the need' })),
    result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await send('POST', '/api/needs', { pcodes: [p.pcode], sector: sector.value, note: note.value });
      status(result, 'Marked: the map shows the need to other members.', 'success');
      note.value = '';
      await done();
    } catch (e) {
      status(result, [e.message, ...Object.values(e.fieldErrors ?? {}).flat()].join(' '), 'alert');
    }
  });
  return form;
}

/** On the record page, for its holder's members and curators: the members' needs this record answers. */
export async function renderAnsweredNeeds(d, user, section, list) {
  const holderSide = user && (user.roles?.includes('curator') || user.organisation?.id === d.holder?.id);
  if (!holderSide) return;
  try {
    const page = await getJson(`/api/needs?dataset_id=${encodeURIComponent(d.id)}`);
    if (!page.items.length) return;
    fill(list, page.items.map(n => el('li', {},
      el('strong', { text: `${n.organisation?.name ?? n.created_by} · ${n.sector}` }),
      ` in ${n.pcodes.join(', ')}: `, el('span', { text: `“${n.note}”` }))));
    section.classList.remove('hidden');
  } catch { /* the needs are a help, not the record: leave the section hidden */ }
}
