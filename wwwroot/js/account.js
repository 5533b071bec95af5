// Who is signed in; draws the shared header (site-header.js) and its account part on every page.
import { getJson, send, resetCsrf } from './api.js';
import { el, fill, $ } from './dom.js';
import { renderHeader } from './site-header.js';

let me;

/** The signed-in user ({email,name,roles,organisation}) or null when anonymous. */
export function currentUser() {
  me ??= getJson('/api/account/session').then(session => session.user).catch(() => null);
  return me;
}

export const isCurator = user => !!user?.roles?.includes('curator');
export const isMember = user => !!user && (user.roles?.includes('member') || isCurator(user));

/** Signs in with a cookie session; the antiforgery token is bound to the user, so a new one is fetched next. */
export async function signIn(email, password) {
  await send('POST', '/api/account/sign-in', { email, password });
  resetCsrf();
  me = undefined;
}

export async function signOut() {
  await send('POST', '/api/account/sign-out').catch(() => null);
  resetCsrf();
  location.href = 'index.html';
}

/** Fills the header's account area and reveals the links that only members or curators can use. */
export async function renderAccount() {
  const area = $('.site-header .account');
  if (!area) return null;
  const user = await currentUser();
  for (const link of document.querySelectorAll('[data-needs="member"]')) link.classList.toggle('hidden', !isMember(user));
  for (const link of document.querySelectorAll('[data-needs="curator"]')) link.classList.toggle('hidden', !isCurator(user));
  if (user) {
    fill(area,
      el('span', { class: 'who', text: user.name || user.email }),
      el('button', { type: 'button', text: 'Sign out', on: { click: signOut } }));
  } else {
    const back = encodeURIComponent(location.pathname.replace(/^\//, '') + location.search);
    fill(area, el('a', { href: `sign-in.html?return=${back}`, text: 'Sign in' }));
  }
  return user;
}

renderHeader();
renderAccount();
