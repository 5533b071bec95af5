// Why a gap is a gap, on the coverage map: the marks the service reports per unit, and the form to make one.
import { send } from './api.js';
import { el, status } from './dom.js';

export const REASONS = {
  'not-applicable': { color: '#c2a5cf', label: 'not applicable (said by a member or curator)', words: 'Not applicable' },
  inaccessible: { color: '#8c510a', label: 'inaccessible or not assessed', words: 'Inaccessible / not assessed' },
};

/** One line per mark: "Not applicable for wash: “no coastline” — Org, 2026-12-01", or [] when nobody said why. */
export function reasonLines(p, sectorLabel = s => s) {
  return (p.reason_marks ?? []).map(m =>
    `${REASONS[m.reason]?.words ?? m.reason} for ${sectorLabel(m.sector)}: “${m.comment}” — ${m.marked_by?.organisation ?? `a ${m.marked_by?.role ?? 'member'}`}, ${m.observed_on}`);
}

/**
 * "Say why there is no data here" for one unit (members and curators; the service decides who may, and says why not).
 * sectors: the sectors ticked on the map; vocabulary: every sector. done: called after saving.
 */
export function reasonForm(p, sectors, vocabulary, done) {
  const id = `why-${p.pcode}`;
  const sector = el('select', { id: `${id}-sector` }, vocabulary.map(s => el('option', { value: s.code, text: s.label })));
  if (sectors.length) sector.value = sectors[0];
  const reason = el('select', { id: `${id}-reason` }, Object.entries(REASONS).map(([code, r]) => el('option', { value: code, text: r.words })));
  const comment = el('textarea', { id: `${id}-comment`, maxlength: '1000', placeholder: 'e.g. no coastline; no access since 2024' });
  const observed = el('input', { id: `${id}-date`, type: 'date' });
  const result = el('p', { class: 'hidden' });
  const form = el('form', { class: 'reason-form' },
    el('h3', { text: 'Say why there is no data here' }),
    el('label', { for: sector.id, text: 'Sector' }), sector,
    el('label', { for: reason.id, text: 'Reason' }), reason,
    el('label', { for: comment.id, text: 'Comment (required)' }), comment,
    el('label', { for: observed.id, text: 'As of (empty: today)' }), observed,
    el('p', {}, el('button', { type: 'submit', text: 'Mark the reason' })),
    result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await send('POST', '/api/gap-marks', { pcode: p.pcode, sector: sector.value, reason: reason.value, comment: comment.value, observed_on: observed.value || null });
      status(result, 'Marked: the map shows the reason to everyone.', 'success');
      comment.value = '';
      await done();
    } catch (e) {
      status(result, [e.message, ...Object.values(e.fieldErrors ?? {}).flat()].join(' '), 'alert');
    }
  });
  return form;
}
