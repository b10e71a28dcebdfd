// A placeholder of the runtime view until the views helper's module replaces it.

import { h, append } from '../dom.js';

/** Renders the runtime view: not yet built. */
export function render(container, params, ctx) {
  document.body.dataset.view = 'runtime';
  append(container, h('h1', null, 'Runtime'), h('p', { class: 'muted' }, 'This view is not yet built.'));
  container.dataset.ready = 'true';
  return null;
}
