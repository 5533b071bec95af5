// The header every page shares — the brand, the main navigation and the account area — written once here and drawn
// into each page's empty <header class="site-header"> when account.js loads. Links for members or curators start
// hidden; account.js reveals them for whoever is signed in.
import { el, fill } from './dom.js';

const LINKS = [
  { href: 'index.html', text: 'Catalogue' },
  { href: 'coverage.html', text: 'Coverage map' },
  { href: 'grid.html', text: 'Township × sector' },
  { href: 'edit.html', text: 'Add a dataset', needs: 'member' },
  { href: 'inventory.html', text: 'Inventory', needs: 'member' },
  { href: 'requests.html', text: 'Requests', needs: 'member' },
  { href: 'review.html', text: 'Review', needs: 'curator' },
  { href: 'admin.html', text: 'Organisations & members', needs: 'curator' },
];

export function renderHeader() {
  const header = document.querySelector('header.site-header');
  if (!header) return;
  const page = location.pathname.split('/').pop() || 'index.html';
  const items = LINKS.map(link => el('li', link.needs ? { class: 'hidden', dataset: { needs: link.needs } } : {},
    el('a', { href: link.href, text: link.text, 'aria-current': link.href === page ? 'page' : null })));
  fill(header,
    el('a', { class: 'brand', href: 'index.html', text: 'SE Data Catalogue' }),
    el('nav', { 'aria-label': 'Main' }, el('ul', {}, items)),
    el('div', { class: 'account' }));
}
