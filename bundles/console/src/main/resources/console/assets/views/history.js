// A placeholder of the history view until the views helper's module replaces it.

import { h, append } from '../dom.js';

/** Renders the history view: not yet built. */
export function render(container, params, ctx) {
  document.body.dataset.view = 'history';
  append(container, h('h1', null, 'History'), h('p', { class: 'muted' }, 'This view is not yet built.'));
  container.dataset.ready = 'true';
  return null;
}
