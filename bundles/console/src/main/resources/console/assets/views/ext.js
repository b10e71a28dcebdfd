// The page a plugin brings (#/ext/<id>): its `page` module, mounted in its slot.

import { h, append } from '../dom.js';
import { slot, moduleOf, onList } from '../extensions.js';

/** Renders the page of plugin params.id. */
export function render(container, params, ctx) {
  document.body.dataset.view = 'ext';
  const id = params.id;
  const title = h('h1', { 'data-test': 'ext-title' }, id);
  const place = slot(id, 'page');
  append(container, h('p', { class: 'crumbs' }, h('a', { href: `#/plugins/${encodeURIComponent(id)}` }, id)),
    title, place.element);
  const showTitle = () => moduleOf(id, 'page').then((module) => {
    if (module) title.textContent = module.title;
  });
  const stopList = onList(showTitle);
  showTitle().then(() => {
    container.dataset.ready = 'true';
  });
  return () => {
    stopList();
    place.close();
  };
}
