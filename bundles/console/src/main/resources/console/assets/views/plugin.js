// A plugin's page: what plugin:info shows, its actions (each through the plan), its settings, storage and history.

import { h, clear, time, bytes, append } from '../dom.js';
import { get, send, isAdmin, pluginPath, ApiError } from '../api.js';
import { pluginHash } from '../router.js';
import { health } from './plugins.js';
import { settingsForms } from './settings-form.js';
import { slot } from '../extensions.js';

/** Renders the page of params.id. */
export function render(container, params, ctx) {
  document.body.dataset.view = 'plugin';
  const id = params.id;
  let gone = false;
  let timer = null;
  const head = h('div', { class: 'plugin-head' });
  const actions = h('div', { class: 'actions', 'data-test': 'plugin-actions' });
  const details = h('div', { class: 'details' });
  const panel = slot(id, 'panel', { optional: true });
  const generated = h('div', { class: 'settings-generated', 'data-test': 'settings-generated' });
  const toggle = h('button', { type: 'button', class: 'quiet', 'data-test': 'generated-settings-toggle', hidden: true,
    'aria-expanded': 'false', onclick: () => showGenerated(generated.hidden) }, 'Show the generated form');
  const editor = slot(id, 'settings', { optional: true, onState: (mounted) => {
    toggle.hidden = !mounted;
    showGenerated(!mounted);
  } });
  const settings = h('section', { class: 'card', 'data-test': 'plugin-settings' }, h('h2', null, 'Settings'),
    editor.element, toggle, generated);
  const storage = h('section', { class: 'card', 'data-test': 'plugin-storage' }, h('h2', null, 'Storage'));
  const checks = h('section', { class: 'card', 'data-test': 'plugin-health', hidden: true });
  const checksBadge = h('span', { class: 'badge check', 'data-test': 'plugin-checks-badge', hidden: true,
    title: 'the worst result of its health checks' });
  const history = h('section', { class: 'card', 'data-test': 'plugin-history' }, h('h2', null, 'History'));
  append(container, h('p', { class: 'crumbs' }, h('a', { href: '#/plugins' }, 'Plugins'), ' / ', id),
    head, actions, panel.element, checks, details, settings, storage, history);

  function showGenerated(yes) {
    generated.hidden = !yes;
    toggle.setAttribute('aria-expanded', String(yes));
    toggle.textContent = yes ? 'Hide the generated form' : 'Show the generated form';
  }

  async function loadDetails() {
    try {
      const doc = await get(pluginPath(id));
      if (gone) return null;
      showHead(doc);
      showActions(doc);
      showDetails(doc);
      showStorage(doc.storage);
      return doc;
    } catch (e) {
      if (gone) return null;
      append(clear(head), h('h1', { 'data-test': 'plugin-title' }, id),
        h('p', { class: 'problem', role: 'alert', 'data-test': 'plugin-error' },
          e.status === 404 ? `There is no plugin ${id}.` : `The plugin cannot be shown: ${e.detail}`));
      clear(actions);
      clear(details);
      return null;
    }
  }

  function showHead(p) {
    append(clear(head), 
      h('h1', { 'data-test': 'plugin-title' }, p.name || p.id),
      h('p', { class: 'subtitle' }, h('code', null, p.id), ' ', p.version || '', ' \u00b7 ',
        h('span', { 'data-test': 'plugin-state', class: `badge state ${p.state}` }, p.state),
        ' ', h('span', { class: `badge health ${health(p)}` }, health(p)), ' ', checksBadge, ' \u00b7 ', p.kind),
      h('p', { 'data-test': 'plugin-description', class: 'description' }, p.description || ''),
      p.lastError ? h('p', { class: 'problem', 'data-test': 'plugin-last-error' }, `Last error: ${p.lastError}`) : null);
  }

  function showActions(p) {
    clear(actions);
    if (!isAdmin() || p.kind === 'system') return;
    const managed = p.kind === 'plugin' || p.kind === 'library';
    if (managed && p.state !== 'enabled') {
      append(actions, button('enable', 'Enable', () => act('enable', `Enable ${p.id}`,
        (dryRun) => send('POST', pluginPath(p.id, 'enable'), { query: { dryRun } }))));
    }
    if (managed && p.state === 'enabled') {
      append(actions, button('disable', 'Disable', () => act('disable', `Disable ${p.id}`,
        (dryRun) => send('POST', pluginPath(p.id, 'disable'), { query: { dryRun } }),
        { label: 'Disable it and its dependents (cascade)', title: `Disable ${p.id} and the plugins that need it`,
          run: (dryRun) => send('POST', pluginPath(p.id, 'disable'), { query: { dryRun, cascade: true } }) })));
    }
    if (managed) {
      const file = h('input', { id: 'upgrade-file', type: 'file', accept: '.jar,application/java-archive',
        'aria-label': 'Upgrade from a jar' });
      const force = h('input', { id: 'upgrade-force', type: 'checkbox' });
      file.addEventListener('change', () => {
        const jar = file.files[0];
        file.value = '';
        if (jar) upgrade(jar, force.checked);
      });
      append(actions, h('span', { class: 'group' },
        button('upgrade', 'Upgrade\u2026', () => file.click()), file,
        h('label', { class: 'check', title: 'Upgrade even when the new version no longer accepts stored settings' },
          force, ' force')));
    }
    if (managed && p.previousVersion) {
      append(actions, button('rollback', `Roll back to ${p.previousVersion}`, () => act('rollback', `Roll back ${p.id} to ${p.previousVersion}`,
        (dryRun) => send('POST', pluginPath(p.id, 'rollback'), { query: { dryRun } }))));
    }
    if (managed || p.kind === 'unmanaged') {
      const data = h('select', { id: 'remove-data', 'aria-label': 'What to do with its data' },
        h('option', { value: '' }, 'delete settings, keep storage'),
        h('option', { value: 'keepData' }, 'keep settings and storage'),
        h('option', { value: 'purge' }, 'delete settings and storage (purge)'));
      const removal = (cascade) => (dryRun) => send('DELETE', pluginPath(p.id), { query: { dryRun, cascade,
        keepData: data.value === 'keepData', purge: data.value === 'purge' } });
      append(actions, h('span', { class: 'group' }, button('remove', 'Remove', async () => {
        const answer = await act('remove', `Remove ${p.id}`, removal(false),
          { label: 'Remove it and its dependents (cascade)', title: `Remove ${p.id} and the plugins that need it`,
            run: removal(true) });
        if (answer) ctx.navigate('#/plugins');
      }, 'danger'), data));
    }
  }

  async function upgrade(jar, force) {
    const run = (forced) => (dryRun) => send('POST', pluginPath(id, 'upgrade'),
      { query: { dryRun, force: forced, filename: jar.name }, body: jar, contentType: 'application/java-archive' });
    await act('upgrade', `Upgrade ${id} from ${jar.name}`, run(force), force ? undefined : {
      code: 'INVALID_SETTINGS', action: 'force', label: 'Upgrade anyway (force)', run: run(true),
      title: `Upgrade ${id} from ${jar.name}, forced: it runs misconfigured on its last good settings` });
  }

  async function act(verb, title, run, alternative) {
    const answer = await ctx.plan({ title, verb, id, run, alternative });
    if (answer && !gone && verb !== 'remove') refresh();
    return answer;
  }

  function showDetails(p) {
    append(clear(details), 
      h('section', { class: 'card' }, h('h2', null, 'Properties'), propertyTable(p)),
      h('section', { class: 'card' },
        h('h2', null, 'Requires'), idList(p.requires, 'plugin-requires'),
        h('h2', { class: 'spaced' }, 'Required by'), idList(p.requiredBy, 'plugin-required-by')),
      h('section', { class: 'card wide' }, h('h2', null, 'Components'), componentTable(p.components || [])),
      (p.refusedRoutes || []).length ? h('section', { class: 'card wide' }, h('h2', null, 'Refused web routes'),
        h('ul', { 'data-test': 'plugin-refused-routes' }, p.refusedRoutes.map((r) => h('li', null, r)))) : null,
      h('section', { class: 'card wide' }, h('h2', null, 'Wiring'), wiringTable(p)),
      (p.settingsProblems || []).length ? h('section', { class: 'card wide' }, h('h2', null, 'Settings problems'),
        h('ul', { class: 'problem' }, p.settingsProblems.map((r) => h('li', null, r)))) : null);
  }

  function showStorage(s) {
    append(clear(storage), h('h2', null, 'Storage'));
    if (!s) {
      append(storage, h('p', { class: 'muted' }, 'This plugin has no storage (or the storage bundle is not running).'));
      return;
    }
    const rp = s.rollbackPoint;
    append(storage, definitionTable([
      ['Backend', s.backend], ['Location', s.location], ['Size', bytes(s.sizeBytes)],
      ['Schema version', s.schemaVersion ?? 'none'], ['Written by', s.writtenBy ?? '-'],
      ['Kept', s.kept ? 'yes (the plugin was removed)' : 'no'],
      ['Rollback point', rp ? `${rp.fromVersion} \u2192 ${rp.toVersion}, schema ${rp.schemaVersion ?? 'none'}, taken ${time(rp.taken)} (${bytes(rp.sizeBytes)})` : 'none'],
    ]), h('h3', null, 'Migrations'), (s.migrations || []).length
      ? table(['Version', 'Description', 'Type', 'Installed', 'Time'], s.migrations.map((m) =>
        [m.version, m.description, m.type, time(m.installedOn), `${m.executionMillis} ms`]), 'storage-migrations')
      : h('p', { class: 'muted' }, 'None applied.'));
  }

  async function loadSettings() {
    try {
      const view = await get(pluginPath(id, 'settings'));
      if (gone) return;
      append(clear(generated), settingsForms(view, id, (after) => {
        if (!gone) showSettings(after);
      }));
    } catch (e) {
      if (gone) return;
      append(clear(generated),
        h('p', { class: 'muted' }, e.status === 404 ? 'No settings.' : `The settings cannot be shown: ${e.detail}`));
    }
  }

  function showSettings(view) {
    append(clear(generated), settingsForms(view, id, showSettings));
  }

  async function loadHistory() {
    let entries;
    try {
      entries = await get('/api/history', { target: id, limit: 50 });
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 400) {
        if (!gone) append(clear(history), h('h2', null, 'History'), h('p', { class: 'problem' }, e.detail));
        return;
      }
      entries = (await get('/api/history', { limit: 1000 })).filter((o) => o.target === id).slice(-50);
    }
    if (gone) return;
    append(clear(history), h('h2', null, 'History'), entries.length
      ? table(['Time', 'Who', 'Verb', 'From', 'To', 'Outcome', 'Message'], entries.slice().reverse().map((o) => [
        time(o.time), o.by ? (o.channel && o.channel !== o.by ? `${o.by} (${o.channel})` : o.by) : o.origin || '-', o.verb, o.fromVersion || '-', o.toVersion || '-',
        h('span', { class: `badge outcome ${o.outcome}` }, o.outcome), o.message || '']), 'plugin-history-table')
      : h('p', { class: 'muted' }, 'No operations on this plugin yet.'));
  }

  async function loadChecks() {
    let report;
    try {
      report = await get(pluginPath(id, 'health'));
    } catch (e) {
      report = null;
    }
    if (gone) return;
    clear(checks);
    checks.hidden = !report || report.checks.length === 0;
    checksBadge.hidden = checks.hidden;
    if (checks.hidden) return;
    checksBadge.className = `badge check ${report.status}`;
    checksBadge.textContent = `checks: ${report.status}`;
    append(checks, h('h2', null, 'Health checks ',
      h('span', { class: `badge check ${report.status}`, 'data-test': 'plugin-health-status' }, report.status)),
    table(['Check', 'Tags', 'Status', 'Messages'], report.checks.map((c) => [
      c.name, c.tags.join(', '), h('span', { class: `badge check ${c.status}` }, c.status),
      h('ul', { class: 'messages' }, c.messages.map((m) => h('li', null, m.message)))]), 'plugin-health-checks'),
    h('button', { type: 'button', 'data-action': 'run-checks', onclick: loadChecks }, 'Run again'));
  }

  function refresh() {
    return Promise.allSettled([loadDetails(), loadHistory(), loadChecks()]);
  }

  const unsubscribe = ctx.onPluginEvent((event) => {
    if (event && !event.resync && event.id !== id && !(event.changed || []).includes(id)
      && event.verb !== 'settings') return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      refresh();
      if ((event?.verb === 'settings' || event?.resync) && !settings.querySelector('form.dirty')) loadSettings();
    }, 100);
  });

  Promise.allSettled([loadDetails(), loadSettings(), loadHistory(), loadChecks()]).then(() => {
    if (!gone) container.dataset.ready = 'true';
  });

  return () => {
    gone = true;
    clearTimeout(timer);
    unsubscribe();
    panel.close();
    editor.close();
  };
}

function button(action, label, onclick, kind) {
  return h('button', { type: 'button', 'data-action': action, class: kind || null, onclick }, label);
}

function propertyTable(p) {
  const docLink = /^https?:\/\//i.test(p.docUrl || '')
    ? h('a', { href: p.docUrl, rel: 'noreferrer' }, p.docUrl) : p.docUrl;
  return definitionTable([
    ['Id', h('code', null, p.id)], ['Name', p.name], ['Version', p.version], ['Kind', p.kind], ['State', p.state],
    ['Vendor', p.vendor], ['Licence', p.license], ['Documentation', docLink], ['Bundle id', p.bundleId],
    ['Wired', p.wired ? 'yes' : 'no'], ['Source', p.source], ['SHA-256', p.sha256 ? h('code', null, p.sha256) : null],
    ['Installed', p.installedAt ? time(p.installedAt) : null], ['Installed by', p.installedBy],
    ['Fragment of', p.fragmentHost], ['Rollback version', p.previousVersion], ['Last error', p.lastError],
  ].filter(([, v]) => v !== null && v !== undefined && v !== ''), 'plugin-properties');
}

function definitionTable(rows, test) {
  return h('table', { class: 'props', 'data-test': test || null }, h('tbody', null,
    rows.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v)))));
}

function table(columns, rows, test) {
  return h('table', { class: 'list compact', 'data-test': test || null },
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, c))))));
}

function idList(ids, test) {
  if (!ids || ids.length === 0) return h('p', { class: 'muted', 'data-test': test }, 'None.');
  return h('ul', { 'data-test': test }, ids.map((i) => h('li', null, h('a', { href: pluginHash(i) }, i))));
}

function wiringTable(p) {
  const wires = p.wiring || [];
  if (wires.length === 0) return h('p', { class: 'muted' }, p.wired ? 'No wires.' : 'Not wired (not resolved).');
  return table(['Namespace', 'Name', 'Provider', 'Version'], wires.map((w) =>
    [w.namespace, w.name, h('a', { href: pluginHash(w.provider) }, w.provider), w.providerVersion]), 'plugin-wiring');
}

function componentTable(components) {
  if (components.length === 0) return h('p', { class: 'muted' }, 'No components.');
  return table(['Component', 'State', 'Failure', 'Unsatisfied references'], components.map((c) => [
    c.name, h('span', { class: `badge comp ${c.failure ? 'failed' : ''}` }, c.state),
    c.failure ? h('span', { class: 'problem' }, c.failure) : '',
    (c.unsatisfiedReferences || []).map((r) => h('div', null, `${r.name}: ${r.service}${r.target ? ` ${r.target}` : ''}`)),
  ]), 'plugin-components');
}
