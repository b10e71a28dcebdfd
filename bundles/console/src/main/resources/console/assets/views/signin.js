// Sign-in with a token: the admin token (data/rest/admin.token) or a viewer token.

import { h, append } from '../dom.js';
import { signIn, storedSealed } from '../api.js';

/** What the sign-in says when a page of this tab ran a trusted plugin's module (this tab kept no session since). */
export const SEALED = "A trusted plugin's page ran in this tab, so this tab keeps no session across page loads: sign in again.";

/** Renders the sign-in form; ctx.onSignedIn(session) is called once the token is accepted. */
export function render(container, params, ctx) {
  document.body.dataset.view = 'signin';
  const token = h('input', { id: 'signin-token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    required: true, 'aria-describedby': 'signin-help' });
  const error = h('p', { 'data-test': 'signin-error', class: 'problem', role: 'alert', hidden: true });
  const submit = h('button', { id: 'signin-submit', type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'signin', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!token.value.trim()) {
      showError('Enter a token.');
      return;
    }
    submit.disabled = true;
    try {
      const doc = await signIn(token.value.trim());
      token.value = '';
      ctx.onSignedIn(doc);
    } catch (e) {
      showError(e.status === 401 ? 'That token is not valid.' : e.detail || e.message);
      submit.disabled = false;
      token.select();
    }
  } },
  h('h1', null, 'Plinth console'),
  params?.message ? h('p', { class: 'notice', 'data-test': 'signin-notice' }, params.message) : null,
  !params?.message && storedSealed() ? h('p', { class: 'notice', 'data-test': 'signin-sealed' }, SEALED) : null,
  h('label', { for: 'signin-token' }, 'Token'),
  token,
  h('p', { id: 'signin-help', class: 'muted' },
    'The admin token is in data/rest/admin.token of the runtime\u2019s home; a viewer token may only look.'),
  error,
  submit);

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }

  append(container, form);
  container.dataset.ready = 'true';
  token.focus();
  return null;
}
