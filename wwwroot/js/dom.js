// Small DOM helpers. Text always goes in through text nodes, so nothing a user typed is ever parsed as HTML.

/** el('a', {href: '#', class: 'x', on: {click: fn}}, 'text', child) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  append(node, ...children);
  return node;
}

export function append(node, ...children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces every child of node. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, ...children);
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** A unit's English name with its Myanmar name beside it, marked lang="my" so the Myanmar font applies. */
export function unitName(props) {
  return el('span', {}, props.name_en ?? props.pcode, props.name_my ? ' ' : '',
    props.name_my ? el('span', { lang: 'my', text: props.name_my }) : null);
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Announces a message in a live region (created on first use) for screen readers and sighted users alike. */
export function status(node, message, kind = 'notice') {
  node.className = kind;
  node.setAttribute('role', kind === 'alert' ? 'alert' : 'status');
  node.textContent = message;
  node.classList.toggle('hidden', !message);
}

export function formatDate(text) {
  return text ? String(text).slice(0, 10) : '';
}

export function formatDateTime(text) {
  if (!text) return '';
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? String(text) : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** A filter panel (<details open>) starts folded on phone widths, so the map or results come first. */
export function foldOnPhones(details) {
  if (details && window.matchMedia('(max-width: 760px)').matches) details.open = false;
}
