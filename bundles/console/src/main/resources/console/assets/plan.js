// The plan dialog: every change goes through it. It runs the dry run, shows what would happen, and runs the change
// for real only when the operator confirms.

import { h, clear, append } from './dom.js';
import { get, isAdmin, pluginPath } from './api.js';

const LIBRARY_ACTIONS = new Set(['add-library', 'drop-library']);

/**
 * Opens the plan of a change. `run(dryRun)` sends the request (with the dry-run flag when asked) and resolves to the
 * answer ({plan, plugin}); `alternative` ({label, title, run, code, action}), when given, is offered when the plan is refused
 * with that code (by default HAS_DEPENDENTS: a cascade); its button's data-action is `action` (default cascade). Resolves to the real answer once the dialog is closed, or null when
 * the change was cancelled, refused or failed.
 */
export function plan({ title, verb, id, run, alternative }) {
  return new Promise((resolve) => {
    let result = null;
    let current = { title, verb, id, run };
    const body = h('div', { class: 'plan-body' });
    const buttons = h('div', { class: 'plan-buttons' });
    const heading = h('h2', { class: 'plan-title' });
    const dialog = h('dialog', { 'data-test': 'plan', class: 'plan', 'aria-labelledby': 'plan-title' },
      heading, body, buttons);
    heading.id = 'plan-title';
    let running = false;
    dialog.addEventListener('cancel', (event) => {
      if (running) event.preventDefault();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.appendChild(dialog);
    dialog.showModal();

    const close = () => dialog.close();
    const cancelButton = (label) => h('button', { type: 'button', 'data-test': 'plan-cancel', onclick: close }, label);

    async function dryRun() {
      append(clear(heading), current.title);
      append(clear(body), h('p', { class: 'muted', 'data-test': 'plan-pending' }, 'Planning\u2026'));
      append(clear(buttons), cancelButton('Cancel'));
      const storage = current.verb === 'settings' ? Promise.resolve(null) : storageOf(current.id);
      let answer;
      try {
        answer = await current.run(true);
      } catch (error) {
        showRefusal(error);
        return;
      }
      const found = current.id ? await storage : await storageOf(answer?.plan?.target);
      showPlan(answer?.plan, found);
    }

    function showPlan(p, storage) {
      clear(body);
      const steps = p?.steps || [];
      const libraries = steps.filter((s) => LIBRARY_ACTIONS.has(s.action));
      const refresh = p?.refresh || [];
      if (current.verb === 'settings') {
        // a change of settings (proposed by a plugin's page) moves no bundle: its keys are the whole plan
        append(body, h('p', { class: 'plan-summary' }, `${steps.length} change${steps.length === 1 ? '' : 's'}, nothing changed yet.`),
          h('h3', null, 'Settings'), h('ol', { 'data-test': 'plan-steps', class: 'plan-steps' }, steps.map(stepItem)));
        append(clear(buttons), cancelButton('Cancel'));
        if (isAdmin()) {
          append(buttons, h('button', { type: 'button', class: 'primary', 'data-test': 'plan-confirm', onclick: confirm },
            'Confirm settings'));
        }
        return;
      }
      append(body, 
        h('p', { class: 'plan-summary' }, steps.length ? `${steps.length} step${steps.length === 1 ? '' : 's'}, nothing changed yet.` : 'Nothing to do.'),
        h('h3', null, 'Steps'),
        h('ol', { 'data-test': 'plan-steps', class: 'plan-steps' }, steps.map(stepItem)),
        h('h3', null, 'Libraries'),
        libraries.length
          ? h('ul', { 'data-test': 'plan-libraries' }, libraries.map((s) => h('li', { class: s.action },
              s.action === 'add-library' ? 'added: ' : 'dropped: ', h('code', null, s.id), ' ', s.version || '',
              s.reason ? ` \u2014 ${s.reason}` : '')))
          : h('p', { class: 'muted', 'data-test': 'plan-libraries-none' }, 'None added or dropped.'),
        h('h3', null, 'Refresh'),
        refresh.length
          ? h('ul', { 'data-test': 'plan-refresh' }, refresh.map((r) => h('li', null, r)))
          : h('p', { class: 'muted', 'data-test': 'plan-refresh-none' }, 'None: no other bundle is restarted.'),
        storageSection(p, storage),
        graphLink(p));
      append(clear(buttons), cancelButton('Cancel'));
      if (isAdmin()) {
        append(buttons, h('button', { type: 'button', class: 'primary', 'data-test': 'plan-confirm', onclick: confirm },
          `Confirm ${current.verb || ''}`.trim()));
      }
    }

    function storageSection(p, storage) {
      const notes = (p?.steps || []).flatMap((s) => (s.reason || '').split('; ')
        .filter((part) => /^storage:|migrat/i.test(part)).map((part) => `${s.id} ${s.version || ''}: ${part.replace(/^storage:\s*/i, '')}`));
      if (!storage && notes.length === 0) return null;
      const verb = current.verb;
      return h('section', { 'data-test': 'plan-storage', class: 'plan-storage' },
        h('h3', null, 'Storage'),
        storage ? h('p', null, `Database (${storage.backend}) at schema version ${storage.schemaVersion ?? 'none'}`,
          storage.kept ? ', kept from an earlier install.' : '.') : null,
        notes.length ? h('ul', null, notes.map((n) => h('li', null, n))) : null,
        (verb === 'upgrade' || verb === 'install') && notes.some((n) => /migration/i.test(n))
          ? h('p', null, 'Pending migrations run as part of this change.') : null,
        verb === 'upgrade' && storage
          ? h('p', null, 'A rollback point of the data is taken first; rollback restores it.') : null,
        verb === 'rollback' && storage?.rollbackPoint
          ? h('p', null, `Rollback restores the data of schema version ${storage.rollbackPoint.schemaVersion ?? 'none'}.`) : null);
    }

    function graphLink(p) {
      const target = current.id || p?.target;
      if (!target) return null;
      const cascade = current.cascade ? '&cascade=true' : '';
      const href = `#/graph?verb=${encodeURIComponent(current.verb || p?.verb || '')}&id=${encodeURIComponent(target)}${cascade}`;
      // the console's pages open no other window: the graph opens in this tab, and the plan closes (not run)
      return h('p', null, h('a', { href, 'data-test': 'plan-graph', onclick: close },
        'Show on the dependency graph'), ' (closes this plan: nothing is changed)');
    }

    function showRefusal(error) {
      append(clear(body), problemBlock(error, 'plan-error', 'Refused'));
      append(clear(buttons), cancelButton('Close'));
      if (alternative && error?.code === (alternative.code || 'HAS_DEPENDENTS') && current.run !== alternative.run
          && isAdmin()) {
        append(buttons, h('button', { type: 'button', 'data-action': alternative.action || 'cascade', onclick: () => {
          current = { ...alternative, verb: alternative.verb || verb, id: alternative.id || id,
            cascade: (alternative.action || 'cascade') === 'cascade' };
          dryRun();
        } }, alternative.label || 'Plan with its dependents'));
      }
    }

    async function confirm() {
      append(clear(buttons), h('button', { type: 'button', disabled: true }, 'Running\u2026'));
      const outcome = h('div', { 'data-test': 'plan-outcome', class: 'outcome running', 'aria-live': 'polite' },
        'Running\u2026');
      append(body, outcome);
      outcome.scrollIntoView?.({ block: 'nearest' });
      running = true;
      try {
        const answer = await current.run(false);
        result = answer ?? {};
        outcome.dataset.outcome = 'succeeded';
        outcome.className = 'outcome succeeded';
        const steps = answer?.plan?.steps || [];
        append(clear(outcome), h('strong', null, `${capital(current.verb || 'change')}: done.`),
          steps.length ? h('ol', { class: 'plan-steps' }, steps.map(stepItem)) : null);
      } catch (error) {
        result = null;
        outcome.dataset.outcome = 'failed';
        outcome.className = 'outcome failed';
        append(clear(outcome), problemBlock(error, 'plan-failure', 'Failed'));
      }
      running = false;
      append(clear(buttons), h('button', { type: 'button', 'data-test': 'plan-close', class: 'primary', onclick: close }, 'Close'));
    }

    dryRun();
  });
}

/** A step of a plan as a list item: action, plugin, version, reason. */
function stepItem(s) {
  return h('li', { 'data-action': s.action },
    h('span', { class: 'step-action' }, s.action), ' ', h('code', null, s.id), ' ',
    h('span', { class: 'step-version' }, s.version || ''),
    s.reason ? h('span', { class: 'step-reason' }, ` \u2014 ${s.reason}`) : null);
}

/** A problem of the API in words: its message, its details, and the settings it refused. */
export function problemBlock(error, test, label) {
  const refusals = error?.refusals || [];
  const refused = new Set(refusals.map((r) => `${r.pid} ${r.key}: ${r.reason}`));
  const details = (error?.details || []).filter((d) => !refused.has(d));
  return h('div', { class: 'problem', 'data-test': test, 'data-code': error?.code || null, role: 'alert' },
    h('p', null, h('strong', null, `${label}${error?.code ? ` (${error.code})` : ''}: `), error?.detail || String(error)),
    details.length ? h('ul', { class: 'details' }, details.map((d) => h('li', null, d))) : null,
    refusals.length ? h('ul', { class: 'refusals', 'data-test': 'plan-refusals' }, refusals.map((r) => h('li', null,
      h('code', null, r.pid ? `${r.pid} ${r.key}` : r.key), `: ${r.reason}`))) : null);
}

async function storageOf(id) {
  if (!id) return null;
  try {
    return await get(pluginPath(id, 'storage'));
  } catch (e) {
    return null;
  }
}

function capital(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
