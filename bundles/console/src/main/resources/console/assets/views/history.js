// The audit trail: who did what to which plugin, and how it ended; newest first, live.
import * as dom from '../dom.js';
import * as api from '../api.js';
import { historyQuery, newestFirst, newerThan, who, versions, localTime, debounce } from './model.js';
import { begin, end, ready, follow, problemBox, fill, pluginLink } from './parts.js';

const VERBS = ['install', 'enable', 'disable', 'upgrade', 'rollback', 'remove', 'settings'];
const OUTCOMES = ['succeeded', 'failed', 'rolled-back', 'completed'];
const LIMIT = 1000;

const h = (...args) => dom.h(...args);
// the console's own time format when dom.js has one (the plugin page's history uses it), else the browser's
const when = (iso) => (typeof dom.time === 'function' ? dom.time(iso) : localTime(iso));

/**
 * Shows the view in `container`; returns its cleanup at once (the data loads after, and `data-ready` says when it is
 * shown), so that a router that does not wait for a promise still gets the cleanup.
 */
export function render(container, params, ctx) {
    begin(container, 'history');

    const whoInput = h('input', { id: 'history-who', type: 'search', placeholder: 'admin, deploy, ...', autocomplete: 'off',
        list: 'history-who-names' });
    const whoNames = h('datalist', { id: 'history-who-names' });
    const targetNames = h('datalist', { id: 'history-target-ids' });
    const verbSelect = h('select', { id: 'history-verb' },
        h('option', { value: '' }, 'every verb'), VERBS.map((v) => h('option', { value: v }, v)));
    const outcomeSelect = h('select', { id: 'history-outcome' },
        h('option', { value: '' }, 'every outcome'), OUTCOMES.map((o) => h('option', { value: o }, o)));
    const targetInput = h('input', { id: 'history-target', type: 'search', placeholder: 'plugin id', autocomplete: 'off',
        list: 'history-target-ids' });
    const count = h('span', { class: 'vw-count', 'data-test': 'history-count', 'aria-live': 'polite' });
    const message = h('div', { class: 'history-message' });
    const body = h('tbody', {});
    const table = h('table', { class: 'vw-table history-table', 'data-test': 'history' },
        h('thead', {}, h('tr', {}, ['Time', 'Who', 'Verb', 'Plugin', 'Versions', 'Outcome', 'Message']
            .map((title) => h('th', { scope: 'col' }, title)))),
        body);

    const label = (forId, text, input) => h('label', { class: 'vw-field', for: forId }, h('span', {}, text), input);
    fill(container,
        h('div', { class: 'vw-toolbar' }, h('h1', { class: 'vw-title' }, 'History'), count),
        h('form', { class: 'vw-filters history-filters', role: 'search', onsubmit: (event) => {
            event.preventDefault();
            reloadNow();
        } },
        label('history-who', 'Who', whoInput), label('history-verb', 'Verb', verbSelect),
        label('history-target', 'Plugin', targetInput), label('history-outcome', 'Outcome', outcomeSelect),
        whoNames, targetNames),
        message, h('div', { class: 'vw-scroll' }, table));

    const names = new Set();
    const targets = new Set();

    /** Offers the names and plugin ids seen so far as suggestions of the filters (they match exactly). */
    function suggest(entries) {
        const before = names.size + targets.size;
        for (const entry of entries) {
            names.add(who(entry).by);
            if (entry.target) {
                targets.add(String(entry.target));
            }
        }
        if (names.size + targets.size !== before) {
            fill(whoNames, [...names].filter(Boolean).sort().map((name) => h('option', { value: name })));
            fill(targetNames, [...targets].sort().map((id) => h('option', { value: id })));
        }
    }

    let newest = -1;
    let shown = 0;
    let loads = 0;

    function filters() {
        return { by: whoInput.value, verb: verbSelect.value, target: targetInput.value, outcome: outcomeSelect.value };
    }

    function row(entry) {
        const asked = who(entry);
        const outcome = String(entry.outcome || '');
        return h('tr', { 'data-seq': String(entry.sequence), class: 'history-row history-' + outcome },
            h('td', { 'data-col': 'time', title: String(entry.time || '') },
                h('time', { datetime: String(entry.time || '') }, when(entry.time))),
            h('td', { 'data-col': 'who' }, h('span', { class: 'history-by' }, asked.by),
                asked.channel && asked.channel !== asked.by
                    ? h('span', { class: 'history-channel' }, asked.channel) : null),
            h('td', { 'data-col': 'verb' }, String(entry.verb || '')),
            h('td', { 'data-col': 'target' }, entry.target ? pluginLink(String(entry.target)) : ''),
            h('td', { 'data-col': 'versions' }, versions(entry.fromVersion, entry.toVersion)),
            h('td', { 'data-col': 'outcome' }, h('span', { class: 'vw-outcome vw-outcome-' + outcome }, outcome)),
            h('td', { 'data-col': 'message', class: 'history-text' }, String(entry.message || '')));
    }

    function counted() {
        count.textContent = shown === 1 ? '1 operation' : `${shown} operations`;
        if (shown >= LIMIT) {
            count.textContent += ` (the last ${LIMIT})`;
        }
    }

    /** Loads the history; `fresh` replaces the rows, otherwise the new ones are put on top. */
    async function load(fresh) {
        const mine = ++loads;
        const query = new URLSearchParams(historyQuery(filters(), LIMIT)).toString();
        try {
            const entries = await api.get('/api/history?' + query);
            if (mine !== loads) {
                return;
            }
            const list = Array.isArray(entries) ? entries : [];
            suggest(list);
            fill(message);
            if (fresh) {
                const ordered = newestFirst(list);
                fill(body, ordered.map(row));
                shown = ordered.length;
                newest = ordered.length ? ordered[0].sequence : -1;
                if (!ordered.length) {
                    fill(message, h('p', { class: 'vw-empty', 'data-test': 'history-empty' },
                        Object.values(filters()).some((v) => v.trim()) ? 'No operation matches these filters.'
                            : 'No operation yet.'));
                }
            } else {
                const added = newerThan(list, newest);
                if (added.length) {
                    body.prepend(...added.map(row));
                    newest = added[0].sequence;
                    shown += added.length;
                    while (body.rows.length > LIMIT) {
                        body.lastElementChild.remove();
                        shown--;
                    }
                    for (const tr of [...body.rows].slice(0, added.length)) {
                        tr.classList.add('vw-new');
                    }
                }
            }
            counted();
        } catch (error) {
            if (mine === loads) {
                fill(message, problemBox(error));
            }
        }
        if (mine === loads) {
            ready(container);
        }
    }

    const reloadSoon = debounce(() => load(true), 300);
    function reloadNow() {
        reloadSoon.cancel();
        load(true);
    }
    whoInput.addEventListener('input', reloadSoon);
    targetInput.addEventListener('input', reloadSoon);
    verbSelect.addEventListener('change', reloadNow);
    outcomeSelect.addEventListener('change', reloadNow);

    const liveSoon = debounce(() => load(false), 250);
    const unsubscribe = follow(ctx, () => liveSoon());
    load(true);

    return () => {
        loads++;
        reloadSoon.cancel();
        liveSoon.cancel();
        unsubscribe();
        end(container);
    };
}
