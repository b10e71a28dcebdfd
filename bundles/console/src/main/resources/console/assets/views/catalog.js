// A placeholder of the catalog view until the views helper's module replaces it.

import { h, append } from '../dom.js';

/** Renders the catalog view: not yet built. */
export function render(container, params, ctx) {
  document.body.dataset.view = 'catalog';
  append(container, h('h1', null, 'Catalog'), h('p', { class: 'muted' }, 'This view is not yet built.'));
  container.dataset.ready = 'true';
  return null;
}
