// The plugin list: live (re-fetched on every plugin event), searchable, filterable; install by upload.

import { h, clear, append } from '../dom.js';
import { get, send, isAdmin } from '../api.js';
import { pluginHash } from '../router.js';

const STATES = ['enabled', 'installed', 'failed', 'starting', 'stopping'];
/** Rows shown at once; the rest follow right after the first paint, so that a long list shows at once. */
const FIRST_ROWS = 100;

/**
 * The health of a plugin in one word: failed, misconfigured (the lists' flag, or the settings problems of a plugin's
 * details) or ok.
 */
export function health(p) {
  if (p.state === 'failed') return 'failed';
  if (p.misconfigured || (p.settingsProblems || []).length) return 'misconfigured';
  return 'ok';
}

/** Renders the list. */
export function render(container, params, ctx) {
  document.body.dataset.view = 'plugins';
  let rows = [];
  let timer = null;
  let loading = null;
  let again = false;
  let gone = false;

  const search = h('input', { id: 'plugin-search', type: 'search', placeholder: 'Search id, name, description',
    'aria-label': 'Search plugins', autocomplete: 'off', value: params.q || '' });
  const stateFilter = h('select', { id: 'plugin-state-filter', 'aria-label': 'State' },
    h('option', { value: '' }, 'All states'),
    STATES.map((s) => h('option', { value: s }, s)),
    h('option', { value: 'misconfigured' }, 'misconfigured'));
  const count = h('span', { 'data-test': 'plugin-count', class: 'count', 'aria-live': 'polite' });
  const problem = h('p', { class: 'problem', role: 'alert', hidden: true });
  const tbody = h('tbody');
  const table = h('table', { 'data-test': 'plugin-list', class: 'list' },
    h('thead', null, h('tr', null, ['Name', 'Id', 'Version', 'State', 'Kind', 'Health'].map((c) => h('th', { scope: 'col' }, c)))),
    tbody);
  const empty = h('p', { class: 'muted', 'data-test': 'plugin-empty', hidden: true });

  search.addEventListener('input', filter);
  stateFilter.addEventListener('change', filter);
  tbody.addEventListener('click', (event) => {
    if (event.target.closest('a')) return;
    const row = event.target.closest('tr[data-plugin-id]');
    if (row) ctx.navigate(pluginHash(row.dataset.pluginId));
  });

  append(container, 
    h('div', { class: 'view-head' }, h('h1', null, 'Plugins'), count),
    isAdmin() ? installPanel(ctx, () => load()) : null,
    h('div', { class: 'toolbar' }, search, stateFilter),
    problem, table, empty);

  async function load() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        const list = await get('/api/plugins');
        if (gone) return;
        problem.hidden = true;
        show(list);
      } catch (e) {
        if (gone) return;
        problem.textContent = `The plugins cannot be listed: ${e.detail || e.message}`;
        problem.hidden = false;
        container.dataset.ready = 'true';
      } finally {
        loading = null;
      }
      if (again && !gone) {
        again = false;
        load();
      }
    })();
    return loading;
  }

  function show(list) {
    rows = list.map((p) => ({ row: pluginRow(p), text: `${p.id}\n${p.name || ''}\n${p.description || ''}`.toLowerCase(),
      state: p.state, health: health(p) }));
    filter();
    const first = document.createDocumentFragment();
    const rest = document.createDocumentFragment();
    // Later updates replace every row at once, so that the page keeps its height and the reader's place.
    const split = tbody.firstChild ? Infinity : FIRST_ROWS;
    let visible = 0;
    for (const r of rows) {
      (visible < split ? first : rest).appendChild(r.row);
      if (!r.row.hidden) visible++;
    }
    tbody.replaceChildren(first);
    if (!rest.firstChild) {
      container.dataset.ready = 'true';
      return;
    }
    const shown = rows;
    requestAnimationFrame(() => setTimeout(() => {
      if (gone || rows !== shown) return;
      tbody.appendChild(rest);
      container.dataset.ready = 'true';
    }, 0));
  }

  function filter() {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const state = stateFilter.value;
    let shown = 0;
    for (const r of rows) {
      const visible = (!state || r.state === state || r.health === state) && words.every((w) => r.text.includes(w));
      if (r.row.hidden === visible) r.row.hidden = !visible;
      if (visible) shown++;
    }
    const noun = (n) => `${n} plugin${n === 1 ? '' : 's'}`;
    count.textContent = shown === rows.length ? noun(rows.length) : `${shown} of ${noun(rows.length)}`;
    count.dataset.shown = String(shown);
    count.dataset.total = String(rows.length);
    empty.hidden = shown > 0;
    empty.textContent = rows.length === 0 ? 'No plugins installed.' : 'No plugin matches.';
  }

  const unsubscribe = ctx.onPluginEvent(() => {
    clearTimeout(timer);
    timer = setTimeout(load, 100);
  });
  load();

  return () => {
    gone = true;
    clearTimeout(timer);
    unsubscribe();
  };
}

let template = null;

/** A row of the list, cloned from one template row (a thousand rows build in a few milliseconds). */
function pluginRow(p) {
  if (!template) {
    template = h('tr', null,
      h('td', { 'data-col': 'name' }, h('a', null, '')),
      h('td', { 'data-col': 'id' }, h('code', null, '')),
      h('td', { 'data-col': 'version' }, ''),
      h('td', { 'data-col': 'state' }, h('span', null, '')),
      h('td', { 'data-col': 'kind' }, ''),
      h('td', { 'data-col': 'health' }, h('span', null, '')));
  }
  const row = template.cloneNode(true);
  const [name, id, version, state, kind, healthCell] = row.children;
  const word = health(p);
  row.dataset.pluginId = p.id;
  row.className = `state-${p.state}`;
  name.firstChild.href = pluginHash(p.id);
  name.firstChild.firstChild.data = p.name || p.id;
  id.firstChild.firstChild.data = p.id;
  version.firstChild.data = p.version || '';
  state.firstChild.className = `badge state ${p.state}`;
  state.firstChild.firstChild.data = p.state;
  kind.firstChild.data = p.kind || '';
  healthCell.firstChild.className = `badge health ${word}`;
  healthCell.firstChild.firstChild.data = word;
  if (p.lastError) healthCell.title = p.lastError;
  return row;
}

function installPanel(ctx, reload) {
  const file = h('input', { id: 'install-file', type: 'file', accept: '.jar,application/java-archive',
    'aria-label': 'Plugin jar to install' });
  const enable = h('input', { id: 'install-enable', type: 'checkbox', checked: true });
  const zone = h('div', { 'data-test': 'dropzone', class: 'dropzone' },
  h('strong', null, 'Install a plugin'), ' \u2014 drop a jar here, or ',
  h('label', { class: 'file-label', for: 'install-file' }, 'choose a file'), file,
  h('label', { class: 'check' }, enable, ' enable it'));

  file.addEventListener('change', () => {
    const chosen = file.files[0];
    file.value = '';
    if (chosen) install(chosen);
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const dropped = e.dataTransfer?.files?.[0];
    if (dropped) install(dropped);
  });

  async function install(jar) {
    const answer = await ctx.plan({
      title: `Install ${jar.name}${enable.checked ? ' and enable it' : ''}`,
      verb: 'install',
      id: null,
      run: (dryRun) => send('POST', '/api/plugins', { query: { enable: enable.checked, dryRun, filename: jar.name },
        body: jar, contentType: 'application/java-archive' }),
    });
    if (answer) reload();
  }

  return zone;
}
