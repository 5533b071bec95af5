// The 412 page of the edit form: someone else saved the record after it was loaded here. Shows, field by field,
// what they changed (the record as loaded here vs the record now) with this form's value beside theirs, and lets the
// user take their version (reload) or put this form's values onto it (save again with the new version's ETag).
import { el, fill, $ } from './dom.js';

/** The fields a person can tell apart, each read the same way from a stored record and from the form's body. */
const FIELDS = [
  ['Title', d => d.title],
  ['Summary', d => d.summary],
  ['Holder', d => d.holder?.id ?? d.holder_id],
  ['Contact', d => d.contact],
  ['Source', d => d.source],
  ['Sectors', d => d.sectors],
  ['Indicators', d => d.indicators],
  ['Disaggregation level', d => d.disaggregation_level],
  ['Methods', d => d.methods],
  ['Places covered', d => d.spatial_completeness],
  ['Period start', d => d.period_start],
  ['Period end', d => d.period_end],
  ['Collected on', d => d.collected_on],
  ['Update frequency', d => d.update_frequency],
  ['Assessment status', d => d.assessment_status],
  ['Availability', d => d.availability],
  ['Formats', d => d.formats],
  ['Links', d => (d.links ?? []).map(l => `${l.url}${l.title ? ` ${l.title}` : ''}`)],
  ['Footprint sensitive', d => (d.footprint_sensitive ? 'yes' : 'no')],
  ['Linked units', d => d.area?.pcodes],
  ['Drawn footprint', d => (d.area?.footprint ? JSON.stringify(d.area.footprint) : null)],
  ['Whole wider South East', d => (d.area?.whole_wider_se ? 'yes' : 'no')],
];

/** A value in words: lists sorted and joined, nothing as "(empty)". */
function words(value) {
  if (Array.isArray(value)) return value.length ? [...value].map(String).sort().join(', ') : '';
  return value === undefined || value === null ? '' : String(value);
}

/** The fields whose stored value changed between `loaded` and `current`, with this form's value and theirs. */
export function changedFields(loaded, current, mine, describe = (_, text) => text) {
  return FIELDS.flatMap(([label, read]) => {
    const before = words(read(loaded)), theirs = words(read(current));
    if (before === theirs) return [];
    return [{ label, yours: describe(label, words(read(mine))), theirs: describe(label, theirs) }];
  });
}

const shown = text => text || '(empty)';

/**
 * Fills the conflict section with the changed fields and two choices; onReapply is called to save this form's values
 * over their version, and "Load their version" reloads the page.
 */
export function showConflict(section, changes, { onReapply }) {
  fill(section,
    el('h2', { id: 'conflict-heading', tabindex: '-1', text: 'Someone else changed this record' }),
    el('p', { text: 'Since you opened this form, someone saved a change to this record. Your changes are not saved yet. ' +
      (changes.length ? 'Here is what they changed:' : 'None of the fields shown here differs; only its curation or version moved on.') }),
    changes.length ? el('div', { class: 'table-scroll' }, el('table', { class: 'conflict-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Field' }), el('th', { scope: 'col', text: 'Your value' }),
        el('th', { scope: 'col', text: 'Their value (saved now)' }))),
      el('tbody', {}, changes.map(c => el('tr', { dataset: { field: c.label } },
        el('th', { scope: 'row', text: c.label }), el('td', { text: shown(c.yours) }), el('td', { text: shown(c.theirs) })))))) : null,
    el('p', { class: 'row' },
      el('button', { type: 'button', id: 'conflict-reload', text: 'Load their version', on: { click: () => location.reload() } }),
      el('button', { type: 'button', id: 'conflict-reapply', class: 'secondary', text: 'Save my values over their version', on: { click: onReapply } })),
    el('p', { class: 'muted', text: 'Loading their version drops your changes. Saving yours replaces every field above with your value.' }));
  section.classList.remove('hidden');
  $('#conflict-heading', section).focus();
}

export function hideConflict(section) {
  section.classList.add('hidden');
  section.replaceChildren();
}
