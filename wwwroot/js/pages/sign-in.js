// Sign in with email and password (a cookie session); then back to the page that sent the reader here.
import { $, status } from '../dom.js';
import { signIn } from '../account.js';

/** Only a page of this site is a place to return to, never another origin. */
function returnTo() {
  const target = new URLSearchParams(location.search).get('return') ?? '';
  return /^[\w-]+\.html(\?[^#]*)?$/.test(target) ? target : 'index.html';
}

$('#sign-in').addEventListener('submit', async e => {
  e.preventDefault();
  $('#submit').disabled = true;
  try {
    await signIn($('#email').value.trim(), $('#password').value);
    location.href = returnTo();
  } catch (err) {
    const fieldMessages = Object.values(err.fieldErrors ?? {}).flat();
    const message = err.status === 401 || (err.status === 400 && !fieldMessages.length)
      ? 'The email or the password is wrong. Try again, or ask MIMU to reset your password.'
      : [err.message, ...fieldMessages].join(' ');
    status($('#message'), message, 'alert');
    $('#password').focus();
  } finally {
    $('#submit').disabled = false;
  }
});
