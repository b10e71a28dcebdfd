// Hash routes: #/plugins, #/plugins/<id>, #/graph[?verb=&id=], #/catalog, #/history, #/runtime, and #/ext/<id> (the
// page a plugin brings).
// Each view module exports render(container, params, ctx), which may return a cleanup function.

import * as plugins from './views/plugins.js';
import * as plugin from './views/plugin.js';
import * as graph from './views/graph.js';
import * as catalog from './views/catalog.js';
import * as history from './views/history.js';
import * as runtime from './views/runtime.js';
import * as ext from './views/ext.js';
import { h, clear, append } from './dom.js';

const VIEWS = { plugins, plugin, graph, catalog, history, runtime, ext };
const NAV = { plugins: 'plugins', plugin: 'plugins', graph: 'graph', catalog: 'catalog', history: 'history', runtime: 'runtime' };

/** The route of a hash: {name, params}; an unknown hash is the plugin list. */
export function parse(hash) {
  const raw = (hash || '').replace(/^#/, '');
  const [path, query = ''] = raw.split('?', 2);
  const params = Object.fromEntries(new URLSearchParams(query));
  const segments = path.split('/').filter(Boolean);
  if (segments[0] === 'plugins' && segments.length === 2) {
    return { name: 'plugin', params: { ...params, id: safeDecode(segments[1]) } };
  }
  if (segments[0] === 'ext' && segments.length === 2) {
    return { name: 'ext', params: { id: safeDecode(segments[1]) } };
  }
  if (segments.length === 1 && VIEWS[segments[0]] && segments[0] !== 'plugin' && segments[0] !== 'ext') {
    return { name: segments[0], params };
  }
  return { name: 'plugins', params: {} };
}

/** Shows the route of the location's hash in `main`, and every later one; returns the function that stops it. */
export function start(main, makeContext) {
  let cleanup = null;
  let container = null;
  function show() {
    const route = parse(location.hash);
    if (typeof cleanup === 'function') {
      try { cleanup(); } catch (e) { console.error(e); }
    }
    cleanup = null;
    clear(main);
    container = h('section', { class: `view view-${route.name}`, 'data-view': route.name });
    main.appendChild(container);
    document.body.dataset.view = route.name;
    const nav = route.name === 'ext' ? `ext:${route.params.id}` : NAV[route.name];
    for (const a of document.querySelectorAll('a[data-nav]')) {
      if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    try {
      cleanup = VIEWS[route.name].render(container, route.params, makeContext());
    } catch (e) {
      console.error(e);
      append(container, h('p', { class: 'problem', role: 'alert' }, `This view failed: ${e.message}`));
    }
  }
  window.addEventListener('hashchange', show);
  show();
  return () => {
    window.removeEventListener('hashchange', show);
    if (typeof cleanup === 'function') cleanup();
    cleanup = null;
    clear(main);
  };
}

/** Goes to a hash (the hashchange shows it). */
export function navigate(hash) {
  if (location.hash === hash) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

/** The hash of a plugin's page. */
export function pluginHash(id) {
  return `#/plugins/${encodeURIComponent(id)}`;
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return s;
  }
}
