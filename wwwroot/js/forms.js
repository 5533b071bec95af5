// ProblemDetails errors shown next to the fields they name. The API keys errors by field name in snake_case
// ("title", "area.footprint", "links[2].url"); each field's block in the form carries data-field="name".
import { el, fill, $$ } from './dom.js';

export function clearErrors(form) {
  for (const p of $$('.field-error', form)) p.remove();
  for (const i of $$('[aria-invalid]', form)) { i.removeAttribute('aria-invalid'); i.removeAttribute('aria-describedby'); }
}

/** The block for a key: "area.pcodes[2]" → data-field="area.pcodes", else "area". */
function fieldFor(form, key) {
  const parts = key.replace(/\[\d+\]/g, '').replace(/^\$\./, '').split('.')
    .map(p => p.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase());
  for (let n = parts.length; n > 0; n--) {
    const block = form.querySelector(`[data-field="${parts.slice(0, n).join('.')}"]`);
    if (block) return block;
  }
  return null;
}

/**
 * Puts each message under its field (marking the input aria-invalid and pointing aria-describedby at the message)
 * and lists them all in summary (an element with role="alert"), which takes the focus.
 */
export function showErrors(form, error, summary) {
  clearErrors(form);
  const items = [];
  Object.entries(error.fieldErrors ?? {}).forEach(([key, messages], n) => {
    const text = [messages].flat().join(' ');
    const block = fieldFor(form, key);
    if (!block) { items.push(el('li', { text: `${key}: ${text}` })); return; }
    const p = el('p', { class: 'field-error', id: `${form.id}-error-${n}`, text });
    block.append(p);
    const input = block.querySelector('input:not([type="hidden"]), select, textarea');
    input?.setAttribute('aria-invalid', 'true');
    input?.setAttribute('aria-describedby', p.id);
    // The message goes as soon as the field is changed, so a fixed field no longer looks wrong.
    for (const field of block.querySelectorAll('input, select, textarea')) {
      field.addEventListener(field.type === 'checkbox' || field.tagName === 'SELECT' ? 'change' : 'input', () => {
        p.remove();
        for (const i of block.querySelectorAll('[aria-invalid]')) { i.removeAttribute('aria-invalid'); i.removeAttribute('aria-describedby'); }
      }, { once: true });
    }
    items.push(el('li', {}, el('a', { href: `#${input?.id ?? p.id}`, text })));
  });
  if (!summary) return;
  fill(summary, el('p', { text: items.length ? 'Please correct these fields:' : error.message }), items.length ? el('ul', {}, items) : null);
  summary.className = 'alert';
  summary.setAttribute('role', 'alert');
  summary.tabIndex = -1;
  summary.focus();
}
