// The catalogues: what is on offer (install by id), what is outdated (update one, update all), the pins, and
// plugin sets (export, apply). Every change goes through the plan dialog: the dry run first, then the real run.
import * as dom from '../dom.js';
import * as api from '../api.js';
import { changesAsAnswer, joinAnswers, updatable, debounce } from './model.js';
import { begin, end, ready, isViewer, follow, problemBox, errorText, fill, pluginLink } from './parts.js';

const h = (...args) => dom.h(...args);
const enc = encodeURIComponent;

/**
 * Shows the view in `container`; returns its cleanup at once (the data loads after, and `data-ready` says when it is
 * shown), so that a router that does not wait for a promise still gets the cleanup.
 */
export function render(container, params, ctx) {
    begin(container, 'catalog');
    const viewer = isViewer(ctx);
    const cleanups = [];

    const filter = h('input', { id: 'catalog-filter', type: 'search', placeholder: 'words of an id, name or description',
        autocomplete: 'off', 'aria-label': 'filter the catalogue' });
    const enable = viewer ? null : h('input', { id: 'catalog-enable', type: 'checkbox' });
    const entriesBody = h('tbody', {});
    const entriesNote = h('div', {});
    const outdatedBody = h('tbody', { 'data-test': 'outdated' });
    const outdatedNote = h('div', {});
    const updateAll = viewer ? null : h('button', { type: 'button', 'data-action': 'update-all', onclick: () => updateEverything() },
        'Update all');
    const updateResults = h('div', { 'data-test': 'update-results' });
    const pinsList = h('ul', { class: 'catalog-pins', 'data-test': 'pins' });
    const pinsNote = h('div', {});
    const notice = h('div', { class: 'catalog-notice', 'aria-live': 'polite' });

    let pins = [];
    let installed = new Set();
    const shown = new Map();

    /** Whether a part already shows this data (it is then left as it is: no row is replaced under the pointer). */
    function unchanged(part, data) {
        const text = JSON.stringify(data);
        if (shown.get(part) === text) {
            return true;
        }
        shown.set(part, text);
        return false;
    }

    const section = (title, test, ...children) => h('section', { class: 'vw-section', 'data-test': test },
        h('h2', {}, title), ...children);

    fill(container,
        h('div', { class: 'vw-toolbar' }, h('h1', { class: 'vw-title' }, 'Catalogue')),
        notice,
        section('Outdated plugins', 'outdated-section',
            viewer ? null : h('div', { class: 'vw-actions' }, updateAll),
            h('table', { class: 'vw-table catalog-outdated' },
                h('thead', {}, h('tr', {}, ['Plugin', 'Installed', 'Newest', 'Pinned', viewer ? null : '']
                    .filter((t) => t !== null).map((t) => h('th', { scope: 'col' }, t)))),
                outdatedBody),
            outdatedNote, updateResults),
        section('On offer', 'catalog-section',
            h('div', { class: 'vw-filters' },
                h('label', { class: 'vw-field', for: 'catalog-filter' }, h('span', {}, 'Filter'), filter),
                viewer ? null : h('label', { class: 'vw-check', for: 'catalog-enable' }, enable, h('span', {}, 'enable after install'))),
            h('div', { class: 'vw-scroll' }, h('table', { class: 'vw-table catalog-table', 'data-test': 'catalog' },
                h('thead', {}, h('tr', {}, ['Plugin', 'Description', 'Newest', 'Installed', 'Offered', 'Catalogue',
                    viewer ? null : ''].filter((t) => t !== null).map((t) => h('th', { scope: 'col' }, t)))),
                entriesBody)),
            entriesNote),
        section('Pins', 'pins-section',
            h('p', { class: 'vw-hint' }, 'A pinned plugin keeps its version: updates, upgrades and rollbacks are refused until it is unpinned.'),
            pinsList, pinsNote, viewer ? null : pinForm()),
        section('Plugin set', 'plugin-set',
            h('p', { class: 'vw-hint' }, 'The plugins of this runtime with their versions, whether they are enabled and pinned'
                + (viewer ? '.' : '; apply a set to make the runtime match it.')),
            exportPart(),
            viewer ? null : applyPart()));

    function say(text, failed) {
        fill(notice, text ? h('p', { class: failed ? 'vw-error' : 'vw-ok', role: failed ? 'alert' : 'status' }, text) : null);
    }

    // what is on offer
    function entryRow(entry) {
        const here = installed.has(entry.id);
        const action = viewer ? null : h('td', { class: 'vw-actions' }, here
            ? h('span', { class: 'vw-muted' }, 'installed')
            : entry.version
                ? h('button', { type: 'button', 'data-action': 'install-catalog', 'data-id': entry.id,
                    title: entry.installed ? 'installed as a library: installing makes it a plugin' : 'install it and the libraries it needs',
                    onclick: () => install(entry) }, 'Install')
                : h('span', { class: 'vw-muted', title: entry.runtime ? 'needs Plinth runtime ' + entry.runtime : '' },
                    'not for this runtime'));
        return h('tr', { 'data-entry-id': entry.id },
            h('td', { 'data-col': 'id' }, h('div', { class: 'catalog-name' }, String(entry.name || entry.id)),
                h('div', { class: 'vw-muted catalog-id' }, String(entry.id)),
                (entry.commands || []).length ? h('div', { class: 'vw-muted catalog-commands' },
                    'commands: ' + entry.commands.join(', ')) : null),
            h('td', { 'data-col': 'description', class: 'catalog-description' }, String(entry.description || '')),
            h('td', { 'data-col': 'version' }, entry.version ? String(entry.version) : '\u2014'),
            h('td', { 'data-col': 'installed' }, entry.installed ? pluginLink(String(entry.id)) : '\u2014',
                entry.installed ? ' ' + entry.installed : ''),
            h('td', { 'data-col': 'versions' }, (entry.versions || []).join(', ')),
            h('td', { 'data-col': 'catalog', class: 'vw-muted' }, String(entry.catalog || '')),
            action);
    }

    let entryLoads = 0;
    async function loadEntries() {
        const mine = ++entryLoads;
        const words = filter.value.trim();
        try {
            const entries = await api.get('/api/catalog' + (words ? '?' + new URLSearchParams({ filter: words }) : ''));
            if (mine !== entryLoads) {
                return;
            }
            const list = Array.isArray(entries) ? entries : [];
            if (unchanged('entries', [list, [...installed]])) {
                return;
            }
            fill(entriesBody, list.map(entryRow));
            fill(entriesNote, list.length ? null : h('p', { class: 'vw-empty', 'data-test': 'catalog-empty' },
                words ? 'Nothing on offer matches these words.' : 'The catalogues offer nothing (or none can be read: see the log).'));
        } catch (error) {
            if (mine === entryLoads) {
                shown.delete('entries');
                fill(entriesBody);
                fill(entriesNote, problemBox(error));
            }
        }
    }

    async function install(entry) {
        const withEnable = Boolean(enable && enable.checked);
        const answer = await ctx.plan({
            title: `Install ${entry.id} ${entry.version || ''}`.trim(), verb: 'install', id: entry.id,
            run: (dryRun) => api.send('POST', `/api/catalog/${enc(entry.id)}/install`, {
                query: { ...(withEnable ? { enable: 'true' } : {}), ...(dryRun ? { dryRun: 'true' } : {}) },
            }),
        });
        if (answer) {
            await refresh();
        }
    }

    // outdated plugins
    function outdatedRow(entry) {
        return h('tr', { 'data-outdated-id': entry.id, class: entry.pinned ? 'catalog-pinned' : 'catalog-unpinned' },
            h('td', { 'data-col': 'id' }, pluginLink(String(entry.id))),
            h('td', { 'data-col': 'installed' }, String(entry.installed || '')),
            h('td', { 'data-col': 'newest' }, String(entry.newest || '')),
            h('td', { 'data-col': 'pinned' }, entry.pinned ? 'pinned' : 'no'),
            viewer ? null : h('td', { class: 'vw-actions' },
                entry.pinned
                    ? h('button', { type: 'button', 'data-action': 'unpin', 'data-id': entry.id, onclick: () => pin(entry.id, false) }, 'Unpin')
                    : h('button', { type: 'button', 'data-action': 'update', 'data-id': entry.id, onclick: () => update(entry) },
                        `Update to ${entry.newest}`)));
    }

    let outdated = [];
    async function loadOutdated() {
        try {
            const list = await api.get('/api/catalog/outdated');
            outdated = Array.isArray(list) ? list : [];
            if (unchanged('outdated', outdated)) {
                return;
            }
            fill(outdatedBody, outdated.map(outdatedRow));
            fill(outdatedNote, outdated.length ? null
                : h('p', { class: 'vw-empty', 'data-test': 'outdated-empty' }, 'Every plugin is at the newest version this runtime can run.'));
            if (updateAll) {
                const count = updatable(outdated).length;
                updateAll.disabled = count === 0;
                updateAll.textContent = count ? `Update all (${count})` : 'Update all';
            }
        } catch (error) {
            shown.delete('outdated');
            fill(outdatedBody);
            fill(outdatedNote, problemBox(error));
        }
    }

    async function update(entry) {
        const answer = await ctx.plan({
            title: `Update ${entry.id} to ${entry.newest}`, verb: 'upgrade', id: entry.id,
            run: (dryRun) => api.send('POST', `/api/catalog/${enc(entry.id)}/update`,
                { query: dryRun ? { dryRun: 'true' } : {} }),
        });
        if (answer) {
            await refresh();
        }
    }

    async function updateEverything() {
        const chosen = updatable(outdated);
        if (!chosen.length) {
            return;
        }
        fill(updateResults);
        const answer = await ctx.plan({
            title: `Update ${chosen.length} plugin${chosen.length === 1 ? '' : 's'}`, verb: 'upgrade', id: null,
            run: async (dryRun) => {
                if (dryRun) {
                    // the API has no dry run of an update of all: the dry runs of each, joined
                    const answers = [];
                    for (const entry of chosen) {
                        answers.push(await api.send('POST', `/api/catalog/${enc(entry.id)}/update`, { query: { dryRun: 'true' } }));
                    }
                    return joinAnswers(answers, 'upgrade', null);
                }
                return api.send('POST', '/api/catalog/update', {});
            },
        });
        if (Array.isArray(answer)) {
            fill(updateResults, h('h3', {}, 'Update of all'), h('ul', { class: 'catalog-results' }, answer.map((result) =>
                h('li', { 'data-id': String(result.id), 'data-outcome': result.updated ? 'succeeded' : 'failed',
                    class: result.updated ? 'vw-outcome-succeeded' : 'vw-outcome-failed' },
                `${result.id} ${result.version || ''}: ${result.updated ? 'updated'
                    : 'not updated' + (result.problem ? ' \u2014 ' + (result.problem.detail || result.problem.code) : '')}`))));
        }
        if (answer) {
            await refresh();
        }
    }

    // pins
    async function loadPins() {
        try {
            const list = await api.get('/api/catalog/pins');
            pins = Array.isArray(list) ? list : [];
            if (unchanged('pins', pins)) {
                return;
            }
            fill(pinsList, pins.map((id) => h('li', { 'data-pin-id': String(id) }, pluginLink(String(id)),
                viewer ? null : h('button', { type: 'button', class: 'vw-small', 'data-action': 'unpin', 'data-id': String(id),
                    onclick: () => pin(String(id), false) }, 'Unpin'))));
            fill(pinsNote, pins.length ? null : h('p', { class: 'vw-empty' }, 'No plugin is pinned.'));
        } catch (error) {
            shown.delete('pins');
            fill(pinsList);
            fill(pinsNote, problemBox(error));
        }
    }

    function pinForm() {
        const input = h('input', { id: 'pin-id', type: 'text', placeholder: 'plugin id', autocomplete: 'off', required: 'required' });
        return h('form', { class: 'vw-filters catalog-pin-form', onsubmit: (event) => {
            event.preventDefault();
            const id = input.value.trim();
            if (id) {
                pin(id, true).then((ok) => {
                    if (ok) {
                        input.value = '';
                    }
                });
            }
        } },
        h('label', { class: 'vw-field', for: 'pin-id' }, h('span', {}, 'Pin a plugin'), input),
        h('button', { type: 'submit', 'data-action': 'pin' }, 'Pin'));
    }

    async function pin(id, on) {
        try {
            await api.send(on ? 'PUT' : 'DELETE', `/api/catalog/pins/${enc(id)}`, {});
            say(on ? `Pinned ${id}.` : `Unpinned ${id}.`, false);
            await Promise.all([loadPins(), loadOutdated()]);
            return true;
        } catch (error) {
            say(errorText(error), true);
            return false;
        }
    }

    // plugin sets
    function exportPart() {
        const preview = h('pre', { class: 'catalog-export', 'data-test': 'export', hidden: 'hidden' });
        const download = h('a', { class: 'vw-button', 'data-test': 'export-download', download: 'plugins.json', hidden: 'hidden' },
            'Download plugins.json');
        let url = null;
        const show = async () => {
            try {
                const set = await api.get('/api/catalog/export');
                const text = JSON.stringify(set, null, 4) + '\n';
                preview.textContent = text;
                preview.hidden = false;
                if (url) {
                    URL.revokeObjectURL(url);
                }
                url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
                download.href = url;
                download.hidden = false;
            } catch (error) {
                say(errorText(error), true);
            }
        };
        cleanups.push(() => url && URL.revokeObjectURL(url));
        return h('div', { class: 'catalog-export-part' },
            h('div', { class: 'vw-actions' }, h('button', { type: 'button', 'data-action': 'export', onclick: show }, 'Show the plugin set'),
                download),
            preview);
    }

    function applyPart() {
        const file = h('input', { id: 'apply-file', type: 'file', accept: '.json,application/json' });
        const text = h('textarea', { id: 'apply-json', rows: '8', spellcheck: 'false',
            placeholder: '{"format": "plinth-plugin-set/1", "plugins": [{"id": "...", "version": "..."}]}' });
        const error = h('div', { 'data-test': 'apply-error' });
        const results = h('div', { 'data-test': 'apply-results' });
        file.addEventListener('change', async () => {
            const chosen = file.files && file.files[0];
            if (chosen) {
                text.value = await chosen.text();
            }
        });
        const submit = async (event) => {
            event.preventDefault();
            fill(error);
            fill(results);
            const body = text.value;
            if (!body.trim()) {
                fill(error, h('p', { class: 'vw-error', role: 'alert' }, 'Choose a plugin set file or paste one.'));
                return;
            }
            const name = (file.files && file.files[0] && file.files[0].name) || 'the pasted set';
            const answer = await ctx.plan({
                title: `Apply ${name}`, verb: 'apply', id: null,
                run: async (dryRun) => changesAsAnswer(await api.send('POST', '/api/catalog/apply', {
                    query: dryRun ? { dryRun: 'true' } : {}, body, contentType: 'application/json',
                }), null),
            });
            if (answer) {
                const changes = answer.changes || [];
                fill(results, h('p', { class: 'vw-ok', role: 'status' }, changes.length
                    ? `Applied ${name}: ${changes.length} change${changes.length === 1 ? '' : 's'}.`
                    : `Nothing to do: the plugins already match ${name}.`));
                await refresh();
            }
        };
        return h('form', { class: 'catalog-apply', 'data-test': 'apply', onsubmit: submit },
            h('h3', {}, 'Apply a plugin set'),
            h('label', { class: 'vw-field', for: 'apply-file' }, h('span', {}, 'File'), file),
            h('label', { class: 'vw-field vw-wide', for: 'apply-json' }, h('span', {}, 'or the set as JSON'), text),
            error,
            h('div', { class: 'vw-actions' }, h('button', { type: 'submit', 'data-action': 'apply' }, 'Apply\u2026')),
            results);
    }

    async function loadInstalled() {
        try {
            const plugins = await api.get('/api/plugins');
            installed = new Set((Array.isArray(plugins) ? plugins : []).map((p) => p.id));
        } catch (error) {
            installed = new Set();
        }
    }

    async function refresh() {
        await loadInstalled();
        await Promise.all([loadEntries(), loadOutdated(), loadPins()]);
    }

    const filterSoon = debounce(loadEntries, 300);
    filter.addEventListener('input', filterSoon);
    filter.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
            event.preventDefault();
            filterSoon.cancel();
            loadEntries();
        }
    });
    const refreshSoon = debounce(refresh, 500);
    const unsubscribe = follow(ctx, () => refreshSoon());
    refresh().then(() => ready(container));

    return () => {
        entryLoads++;
        filterSoon.cancel();
        refreshSoon.cancel();
        unsubscribe();
        cleanups.forEach((fn) => fn());
        end(container);
    };
}
