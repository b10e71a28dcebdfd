// A placeholder of the graph view until the views helper's module replaces it.

import { h, append } from '../dom.js';

/** Renders the graph view: not yet built. */
export function render(container, params, ctx) {
  document.body.dataset.view = 'graph';
  append(container, h('h1', null, 'Graph'), h('p', { class: 'muted' }, 'This view is not yet built.'));
  container.dataset.ready = 'true';
  return null;
}
