// The runtime: its health (what it waits for, failed plugins, problems to fix) and the deploy directory.
import * as dom from '../dom.js';
import * as api from '../api.js';
import { localTime, debounce } from './model.js';
import { begin, end, ready, follow, problemBox, fill, pluginLink } from './parts.js';

const h = (...args) => dom.h(...args);
// the console's own time format when dom.js has one (the plugin page's history uses it), else the browser's
const when = (iso) => (typeof dom.time === 'function' ? dom.time(iso) : localTime(iso));
const POLL_MS = 15000;

/**
 * Shows the view in `container`; returns its cleanup at once (the data loads after, and `data-ready` says when it is
 * shown), so that a router that does not wait for a promise still gets the cleanup.
 */
export function render(container, params, ctx) {
    begin(container, 'runtime');

    const health = h('section', { class: 'vw-section runtime-health', 'data-test': 'health' });
    const deploy = h('section', { class: 'vw-section runtime-deploy', 'data-test': 'deploy' });
    fill(container, h('div', { class: 'vw-toolbar' }, h('h1', { class: 'vw-title' }, 'Runtime')), health, deploy);

    async function readHealth() {
        try {
            return await api.get('/api/health');
        } catch (error) {
            // 503 while starting or closed still carries the health document, which is not a problem
            if (error && error.status === 503 && error.body && typeof error.body.status === 'string') {
                return error.body;
            }
            throw error;
        }
    }

    function showHealth(doc) {
        const status = String(doc.status || 'unknown');
        const failed = Array.isArray(doc.failed) ? doc.failed : [];
        const problems = Array.isArray(doc.problems) ? doc.problems : [];
        const pending = Array.isArray(doc.pending) ? doc.pending : [];
        fill(health,
            h('h2', {}, 'Health'),
            h('p', { class: 'runtime-status' },
                h('span', { class: 'vw-badge runtime-status-' + status, 'data-test': 'health-status' }, status),
                ' ', doc.ready ? 'ready' : 'not ready',
                doc.reason ? h('span', { class: 'runtime-reason' }, ': ' + doc.reason) : null),
            typeof doc.plugins === 'number'
                ? h('dl', { class: 'runtime-counts', 'data-test': 'health-counts' },
                    h('dt', {}, 'Plugins'), h('dd', { 'data-count': 'plugins' }, String(doc.plugins)),
                    h('dt', {}, 'Enabled'), h('dd', { 'data-count': 'enabled' }, String(doc.enabled)),
                    h('dt', {}, 'Failed'), h('dd', { 'data-count': 'failed' }, String(failed.length)))
                : null,
            pending.length ? h('div', {}, h('h3', {}, 'Waiting for'),
                h('ul', { class: 'runtime-pending', 'data-test': 'health-pending' }, pending.map((p) => h('li', {}, String(p)))))
                : null,
            h('h3', {}, 'Problems to fix'),
            problems.length
                ? h('ul', { class: 'runtime-problems', 'data-test': 'health-problems' },
                    problems.map((p) => h('li', { class: 'vw-error' }, String(p))))
                : h('p', { class: 'vw-empty', 'data-test': 'health-no-problems' }, 'None.'),
            h('h3', {}, 'Failed plugins'),
            failed.length
                ? h('ul', { class: 'runtime-failed', 'data-test': 'health-failed' }, failed.map((f) =>
                    h('li', { 'data-plugin-id': String(f.id) }, pluginLink(String(f.id)),
                        h('span', { class: 'runtime-error' }, f.lastError ? ': ' + f.lastError : ''))))
                : h('p', { class: 'vw-empty' }, 'None.'));
    }

    function showDeploy(doc) {
        const files = Array.isArray(doc.files) ? doc.files : [];
        fill(deploy,
            h('h2', {}, 'Deploy directory'),
            h('p', { class: 'runtime-directory' }, h('code', { 'data-test': 'deploy-directory' }, String(doc.directory || '')),
                ' ', h('span', { class: 'vw-badge ' + (doc.watched ? 'runtime-watched' : 'runtime-unwatched'), 'data-test': 'deploy-watched' },
                    doc.watched ? 'watched' : 'not watched')),
            doc.watched ? null : h('p', { class: 'vw-hint' }, 'The deploy bundle is not running: files dropped in the directory are not deployed.'),
            h('div', { class: 'vw-scroll' }, h('table', { class: 'vw-table runtime-files', 'data-test': 'deploy-files' },
                h('thead', {}, h('tr', {}, ['File', 'Status', 'Plugin', 'Version', 'Since', 'Message']
                    .map((t) => h('th', { scope: 'col' }, t)))),
                h('tbody', {}, files.map((f) => {
                    const status = String(f.status || '');
                    return h('tr', { 'data-file': String(f.file), class: 'runtime-file runtime-file-' + status },
                        h('td', { 'data-col': 'file' }, String(f.file || '')),
                        h('td', { 'data-col': 'status' }, h('span', { class: 'vw-outcome vw-deploy-' + status }, status)),
                        h('td', { 'data-col': 'id' }, f.id ? pluginLink(String(f.id)) : '\u2014'),
                        h('td', { 'data-col': 'version' }, String(f.version || '')),
                        h('td', { 'data-col': 'since', title: String(f.since || '') }, f.since ? when(f.since) : ''),
                        h('td', { 'data-col': 'message', class: 'runtime-message' },
                            f.code ? h('span', { class: 'vw-code' }, String(f.code) + ' ') : null, String(f.message || '')));
                })))),
            files.length ? null : h('p', { class: 'vw-empty', 'data-test': 'deploy-empty' }, 'No jar in the deploy directory.'));
    }

    let loads = 0;
    async function load() {
        const mine = ++loads;
        const [healthDoc, deployDoc] = await Promise.allSettled([readHealth(), api.get('/api/deploy')]);
        if (mine !== loads) {
            return;
        }
        if (healthDoc.status === 'fulfilled' && healthDoc.value) {
            showHealth(healthDoc.value);
        } else {
            fill(health, h('h2', {}, 'Health'), problemBox(healthDoc.reason));
        }
        if (deployDoc.status === 'fulfilled' && deployDoc.value) {
            showDeploy(deployDoc.value);
        } else {
            fill(deploy, h('h2', {}, 'Deploy directory'), problemBox(deployDoc.reason));
        }
        ready(container);
    }

    const loadSoon = debounce(load, 300);
    const unsubscribe = follow(ctx, () => loadSoon());
    const timer = setInterval(load, POLL_MS);
    load();

    return () => {
        loads++;
        clearInterval(timer);
        loadSoon.cancel();
        unsubscribe();
        end(container);
    };
}
