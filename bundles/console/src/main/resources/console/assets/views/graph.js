// The dependency graph of plugins and libraries, and what a plan would touch in it (#/graph?verb=&id=).
import * as dom from '../dom.js';
import * as api from '../api.js';
import { layout, pathData, dependentsOf } from './graph-layout.js';
import { planIds, idsInText, dryRunRequest, refreshEntry, debounce } from './model.js';
import { svg, begin, end, ready, param, follow, errorText, fill, isViewer } from './parts.js';

const NODE_HEIGHT = 28;
const LABEL_CHARS = 40;
const MIN_SCALE = 0.08;
const MAX_SCALE = 4;

const h = (...args) => dom.h(...args);

/**
 * Shows the view in `container`; returns its cleanup at once (the data loads after, and `data-ready` says when it is
 * shown), so that a router that does not wait for a promise still gets the cleanup.
 */
export function render(container, params, ctx) {
    begin(container, 'graph');
    const verb = param(params, 'verb');
    const target = param(params, 'id');

    const view = { x: 20, y: 20, k: 1 };
    let graph = null;
    let nodeElements = new Map();
    let edgeElements = [];
    let highlighted = [];
    let matches = [];
    let matchAt = -1;
    let loads = 0;
    let fitted = false;
    let centred = false;

    const viewport = svg('g', { class: 'graph-viewport' });
    const edgeLayer = svg('g', { class: 'graph-edges' });
    const nodeLayer = svg('g', { class: 'graph-nodes' });
    viewport.append(edgeLayer, nodeLayer);
    const canvas = svg('svg', { class: 'graph-svg', 'data-test': 'graph',
        'aria-label': 'dependency graph of plugins and libraries' },
    svg('defs', {}, svg('marker', { id: 'graph-arrow', viewBox: '0 0 10 10', refX: '10', refY: '5',
        markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'graph-arrowhead' }))),
    viewport);

    const search = h('input', { id: 'graph-search', type: 'search', placeholder: 'Find a plugin or library',
        'aria-label': 'find a plugin or library', list: 'graph-ids', autocomplete: 'off' });
    const ids = h('datalist', { id: 'graph-ids' });
    const found = h('span', { class: 'graph-found', 'data-test': 'graph-search-count', 'aria-live': 'polite' });
    const status = h('p', { class: 'graph-status', 'data-test': 'graph-status' });
    const panel = h('aside', { class: 'graph-plan', 'data-test': 'graph-plan' });
    const stage = h('div', { class: 'graph-stage' }, canvas);

    fill(container,
        h('div', { class: 'vw-toolbar graph-toolbar' },
            h('h1', { class: 'vw-title' }, 'Dependency graph'),
            search, ids, found,
            h('span', { class: 'graph-zoom' },
                h('button', { type: 'button', 'data-action': 'zoom-in', title: 'Zoom in', onclick: () => zoomBy(1.25) }, '+'),
                h('button', { type: 'button', 'data-action': 'zoom-out', title: 'Zoom out', onclick: () => zoomBy(0.8) }, '\u2212'),
                h('button', { type: 'button', 'data-action': 'zoom-fit', title: 'Show the whole graph', onclick: () => fit() }, 'Fit'))),
        legend(verb), status,
        h('div', { class: 'graph-body' }, stage, verb ? panel : null));

    function apply() {
        viewport.setAttribute('transform', `translate(${view.x.toFixed(1)},${view.y.toFixed(1)}) scale(${view.k.toFixed(4)})`);
    }

    function size() {
        const box = canvas.getBoundingClientRect();
        return { width: box.width || 800, height: box.height || 600 };
    }

    function zoomAt(px, py, factor) {
        const k = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.k * factor));
        view.x = px - ((px - view.x) / view.k) * k;
        view.y = py - ((py - view.y) / view.k) * k;
        view.k = k;
        apply();
    }

    function zoomBy(factor) {
        const { width, height } = size();
        zoomAt(width / 2, height / 2, factor);
    }

    function fit() {
        if (!graph) {
            return;
        }
        const { width, height } = size();
        const k = Math.min(1.2, Math.max(MIN_SCALE, Math.min((width - 40) / Math.max(graph.width, 1),
            (height - 40) / Math.max(graph.height, 1))));
        view.k = k;
        view.x = (width - graph.width * k) / 2;
        view.y = (height - graph.height * k) / 2;
        apply();
    }

    /** The whole graph when it is readable so, else its providers' corner at a readable scale (Fit shows all). */
    function firstView() {
        fit();
        if (view.k < 0.6) {
            view.k = 0.8;
            view.x = 20;
            view.y = 20;
            apply();
        }
    }

    /** Whether the node's whole box is in sight at the current pan and zoom. */
    function visible(id) {
        const box = graph && graph.nodes.get(id);
        if (!box) {
            return false;
        }
        const { width, height } = size();
        const left = view.x + box.x * view.k;
        const top = view.y + (box.y - NODE_HEIGHT / 2) * view.k;
        return left >= 0 && top >= 0 && left + box.width * view.k <= width && top + NODE_HEIGHT * view.k <= height;
    }

    function centreOn(id) {
        const box = graph && graph.nodes.get(id);
        if (!box) {
            return;
        }
        const { width, height } = size();
        view.k = Math.max(view.k, 0.9);
        view.x = width / 2 - (box.x + box.width / 2) * view.k;
        view.y = height / 2 - box.y * view.k;
        apply();
    }

    // pan (drag the background or a node), zoom (wheel); a click without a drag opens the node's page
    let drag = null;
    canvas.addEventListener('pointerdown', (event) => {
        if (event.button !== 0) {
            return;
        }
        const node = event.target.closest && event.target.closest('g[data-node]');
        drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, node: node && node.dataset.node, moved: false };
    });
    canvas.addEventListener('pointermove', (event) => {
        if (!drag) {
            return;
        }
        const dx = event.clientX - drag.x;
        const dy = event.clientY - drag.y;
        if (!drag.moved && Math.hypot(dx, dy) > 4) {
            drag.moved = true;
            try {
                canvas.setPointerCapture(event.pointerId);
            } catch (error) {
                // a pointer the browser does not track (a synthetic event): pan without capture
            }
            canvas.classList.add('graph-panning');
        }
        if (drag.moved) {
            view.x = drag.vx + dx;
            view.y = drag.vy + dy;
            apply();
        }
    });
    const release = (event) => {
        if (!drag) {
            return;
        }
        const { node, moved } = drag;
        drag = null;
        canvas.classList.remove('graph-panning');
        if (canvas.hasPointerCapture && canvas.hasPointerCapture(event.pointerId)) {
            canvas.releasePointerCapture(event.pointerId);
        }
        if (!moved && node && event.type === 'pointerup') {
            open(node);
        }
    };
    canvas.addEventListener('pointerup', release);
    canvas.addEventListener('pointercancel', release);
    canvas.addEventListener('wheel', (event) => {
        event.preventDefault();
        const box = canvas.getBoundingClientRect();
        const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
        zoomAt(event.clientX - box.left, event.clientY - box.top, Math.exp(-delta * 0.0015));
    }, { passive: false });
    canvas.addEventListener('keydown', (event) => {
        const node = event.target.closest && event.target.closest('g[data-node]');
        if (node && (event.key === 'Enter' || event.key === ' ')) {
            event.preventDefault();
            open(node.dataset.node);
        }
    });

    function open(id) {
        const hash = '#/plugins/' + encodeURIComponent(id);
        if (ctx && typeof ctx.navigate === 'function') {
            ctx.navigate(hash);
        } else {
            location.hash = hash;
        }
    }

    // hovering a node (or focusing it) lights its neighbourhood
    function light(id) {
        unlight();
        const node = graph && graph.byId.get(id);
        if (!node) {
            return;
        }
        canvas.classList.add('graph-hovering');
        const near = new Set([id, ...node.requires, ...node.requiredBy]);
        for (const other of near) {
            const element = nodeElements.get(other);
            if (element) {
                element.classList.add('graph-near');
                highlighted.push(element);
            }
        }
        for (const edge of edgeElements) {
            if (edge.dataset.from === id || edge.dataset.to === id) {
                edge.classList.add('graph-near');
                highlighted.push(edge);
            }
        }
    }
    function unlight() {
        canvas.classList.remove('graph-hovering');
        for (const element of highlighted) {
            element.classList.remove('graph-near');
        }
        highlighted = [];
    }
    const nodeOf = (event) => event.target.closest && event.target.closest('g[data-node]');
    canvas.addEventListener('pointerover', (event) => {
        const node = nodeOf(event);
        if (node && !drag) {
            light(node.dataset.node);
        }
    });
    canvas.addEventListener('pointerout', (event) => {
        const node = nodeOf(event);
        if (node && !(event.relatedTarget && node.contains(event.relatedTarget))) {
            unlight();
        }
    });
    canvas.addEventListener('focusin', (event) => {
        const node = nodeOf(event);
        if (node) {
            light(node.dataset.node);
        }
    });
    canvas.addEventListener('focusout', unlight);

    // search: every match marked, Enter goes to the next one; a redraw marks them again where the view is
    function find(next, centre = true) {
        for (const id of matches) {
            const element = nodeElements.get(id);
            if (element) {
                element.classList.remove('graph-match', 'graph-current');
            }
        }
        const query = search.value.trim().toLowerCase();
        if (!query || !graph) {
            matches = [];
            matchAt = -1;
            found.textContent = '';
            return;
        }
        const all = [...graph.byId.values()];
        const exact = all.filter((node) => node.id.toLowerCase() === query);
        const rest = all.filter((node) => node.id.toLowerCase() !== query
            && (node.id.toLowerCase().includes(query) || String(node.name || '').toLowerCase().includes(query)));
        const before = matches[matchAt];
        matches = [...exact, ...rest].map((node) => node.id);
        const kept = centre ? -1 : matches.indexOf(before);
        matchAt = !matches.length ? -1 : kept >= 0 ? kept
            : next && before ? (matches.indexOf(before) + 1) % matches.length : 0;
        for (const id of matches) {
            nodeElements.get(id).classList.add('graph-match');
        }
        if (matchAt >= 0) {
            nodeElements.get(matches[matchAt]).classList.add('graph-current');
            if (centre) {
                centreOn(matches[matchAt]);
            }
            found.textContent = `${matchAt + 1} of ${matches.length}`;
        } else {
            found.textContent = 'no match';
        }
    }
    const findSoon = debounce(() => find(false), 150);
    search.addEventListener('input', findSoon);
    search.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
            event.preventDefault();
            findSoon.cancel();
            find(true);
        }
    });

    function draw(plugins) {
        const managed = plugins.filter((p) => p.kind === 'plugin' || p.kind === 'library');
        const byId = new Map(managed.map((p) => [p.id, {
            id: p.id, name: p.name, version: p.version, kind: p.kind, state: p.state,
            requires: (p.requires || []).filter((id) => id !== p.id), requiredBy: [],
        }]));
        for (const node of byId.values()) {
            node.requires = node.requires.filter((id) => byId.has(id));
        }
        for (const node of byId.values()) {
            for (const provider of node.requires) {
                byId.get(provider).requiredBy.push(node.id);
            }
        }
        const boxes = [...byId.values()].map((node) => ({
            id: node.id, width: Math.min(node.id.length, LABEL_CHARS) * 7 + 20,
        }));
        const edges = [];
        for (const node of byId.values()) {
            for (const provider of node.requires) {
                edges.push({ from: node.id, to: provider });
            }
        }
        const placed = layout(boxes, edges, { nodeHeight: NODE_HEIGHT });
        graph = { ...placed, byId, requiredBy: new Map([...byId.values()].map((n) => [n.id, n.requiredBy])) };

        const edgePaths = placed.edges.map((edge) => svg('path', {
            class: 'graph-edge', 'data-from': edge.from, 'data-to': edge.to, d: pathData(edge.points),
            'marker-end': 'url(#graph-arrow)',
        }));
        const nodes = [];
        const elements = new Map();
        for (const node of byId.values()) {
            const box = placed.nodes.get(node.id);
            const label = node.id.length > LABEL_CHARS ? node.id.slice(0, LABEL_CHARS - 1) + '\u2026' : node.id;
            const g = svg('g', {
                class: `graph-node ${node.kind} graph-state-${node.state}`, 'data-node': node.id,
                transform: `translate(${box.x.toFixed(1)},${(box.y - NODE_HEIGHT / 2).toFixed(1)})`,
                tabindex: '0', role: 'link', 'aria-label': `${node.id} ${node.version}, ${node.kind}, ${node.state}`,
            },
            svg('title', {}, `${node.id} ${node.version}\n${node.name || ''}\n${node.kind}, ${node.state}`
                + `\nneeds ${node.requires.length}, needed by ${node.requiredBy.length}`),
            svg('rect', { width: box.width, height: NODE_HEIGHT, rx: 5, ry: 5 }),
            svg('text', { x: 10, y: NODE_HEIGHT / 2, 'dominant-baseline': 'central' }, label));
            elements.set(node.id, g);
            nodes.push(g);
        }
        fill(edgeLayer, edgePaths);
        fill(nodeLayer, nodes);
        nodeElements = elements;
        edgeElements = edgePaths;
        highlighted = [];
        fill(ids, [...byId.keys()].map((id) => h('option', { value: id })));
        const pluginCount = [...byId.values()].filter((n) => n.kind === 'plugin').length;
        status.textContent = byId.size
            ? `${pluginCount} plugins, ${byId.size - pluginCount} libraries, ${edges.length} dependencies`
            : 'No plugins or libraries are installed.';
    }

    function mark(targetId, blast) {
        for (const element of nodeElements.values()) {
            element.classList.remove('target', 'blast');
        }
        for (const id of blast) {
            const element = nodeElements.get(id);
            if (element) {
                element.classList.add('blast');
            }
        }
        const element = nodeElements.get(targetId);
        if (element) {
            element.classList.add('target');
        }
    }

    function affectedList(affected) {
        return h('ul', { class: 'graph-affected', 'data-test': 'graph-affected' },
            affected.map((id) => h('li', { 'data-id': id, class: graph.byId.has(id) ? 'graph-present' : 'graph-absent' },
                h('button', { type: 'button', class: 'vw-link', title: 'Show it in the graph',
                    onclick: () => centreOn(id) }, id))));
    }

    /** Marks the target and what depends on it, directly or not; `note(count)` says why the plan is not shown. */
    function showDependents(title, clear, note) {
        const known = graph.byId.has(target);
        const dependents = known ? [...dependentsOf(target, graph.requiredBy)] : [];
        const affected = known ? [target, ...dependents] : [];
        mark(target, affected);
        fill(panel, title, h('p', { 'data-test': 'graph-plan-note' }, note(dependents.length)),
            h('h3', {}, 'Affected'), affectedList(affected), clear);
        centre();
    }

    function readOnlyNote(count) {
        const plain = 'Plans need the admin token: a viewer may look at the graph but not ask for a dry run.';
        return graph.byId.has(target)
            ? `${plain} ${marked(count, true)} (what a change of it may refresh at most).`
            : `${plain} ${target} is not installed.`;
    }

    function marked(count, sentence = false) {
        return count === 0 ? `${sentence ? 'Nothing' : 'nothing'} depends on ${target}, only it is marked`
            : `${target} and the ${count === 1 ? 'plugin or library' : count + ' plugins and libraries'} that depend`
                + `${count === 1 ? 's' : ''} on it, directly or not, are marked`;
    }

    function centre() {
        if (graph.byId.has(target) && !centred) {
            if (!visible(target)) {
                centreOn(target);
            }
            centred = true;
        }
    }

    async function showPlan() {
        const title = h('h2', {}, `${verb} ${target}`);
        const clear = h('a', { href: '#/graph', class: 'graph-clear' }, 'Clear');
        if (!target) {
            fill(panel, title, h('p', { class: 'vw-error' }, 'No plugin id given.'), clear);
            return;
        }
        const known = graph.byId.has(target);
        const request = dryRunRequest(verb, target, param(params, 'cascade') === 'true');
        if (!request) {
            if (verb !== 'upgrade' && verb !== 'install') {
                fill(panel, title, h('p', { class: 'vw-error', 'data-test': 'graph-refusal' },
                    `There is no plan for "${verb}": enable, disable, remove, rollback, upgrade or install.`), clear);
                return;
            }
            showDependents(title, clear, known
                ? (count) => `Without an archive the plan is not known: ${marked(count)} (what ${verb === 'install'
                    ? 'installing another version' : 'an upgrade'} may refresh at most).`
                : () => `${target} is not installed: installing it touches no installed plugin but the libraries it brings.`);
            return;
        }
        if (isViewer(ctx)) {
            showDependents(title, clear, readOnlyNote);
            return;
        }
        fill(panel, title, h('p', {}, 'Asking for the plan\u2026'));
        try {
            const answer = await api.send(request.method, request.path, { query: request.query });
            const plan = (answer && answer.plan) || { steps: [], refresh: [] };
            const affected = planIds(plan);
            mark(target, affected);
            fill(panel, title,
                h('p', { class: 'graph-plan-note' }, plan.steps && plan.steps.length
                    ? 'Dry run: nothing was changed.' : 'Nothing to do.'),
                h('h3', {}, 'Steps'),
                h('ol', { class: 'graph-steps', 'data-test': 'graph-plan-steps' }, (plan.steps || []).map((step) =>
                    h('li', {}, h('span', { class: 'graph-step-action' }, String(step.action)), ' ',
                        String(step.id), step.version ? ' ' + step.version : '',
                        step.reason ? h('span', { class: 'graph-step-reason' }, ' \u2014 ' + step.reason) : null))),
                h('h3', {}, 'Refresh'),
                (plan.refresh || []).length
                    ? h('ul', { class: 'graph-refresh', 'data-test': 'graph-plan-refresh' }, plan.refresh.map((entry) => {
                        const { id, version } = refreshEntry(entry);
                        return h('li', { 'data-id': id }, `${id} ${version}`.trim());
                    }))
                    : h('p', {}, 'none'),
                h('h3', {}, `Affected (${affected.length})`), affectedList(affected), clear);
        } catch (error) {
            if (error && error.code === 'READ_ONLY') {
                showDependents(title, clear, readOnlyNote);
                return;
            }
            const texts = [error && error.detail, ...((error && error.details) || [])];
            const named = idsInText(texts, graph.byId, target);
            mark(target, named);
            fill(panel, title,
                h('div', { class: 'vw-error', 'data-test': 'graph-refusal', role: 'alert' },
                    h('p', {}, (error && error.code ? error.code + ': ' : '') + errorText(error)),
                    Array.isArray(error && error.details) && error.details.length
                        ? h('ul', {}, error.details.map((d) => h('li', {}, String(d)))) : null),
                named.length ? h('h3', {}, `Named in the refusal (${named.length})`) : null,
                named.length ? affectedList(named) : null, clear);
        }
        centre();
    }

    async function load() {
        const mine = ++loads;
        try {
            const plugins = await api.get('/api/plugins?all=true');
            if (mine !== loads) {
                return;
            }
            draw(Array.isArray(plugins) ? plugins : []);
            if (!fitted) {
                firstView();
                fitted = true;
            }
            if (verb) {
                await showPlan();
            }
            if (search.value.trim()) {
                find(false, false);
            }
        } catch (error) {
            if (mine === loads) {
                status.textContent = 'The plugins cannot be read: ' + errorText(error);
                status.classList.add('vw-error');
            }
        }
        if (mine === loads) {
            ready(container);
        }
    }

    const reload = debounce(load, 400);
    const unsubscribe = follow(ctx, () => reload());
    load();

    return () => {
        loads++;
        reload.cancel();
        findSoon.cancel();
        unsubscribe();
        end(container);
    };
}

function legend(verb) {
    const item = (cls, text) => h('li', {}, h('span', { class: 'graph-swatch ' + cls }), text);
    return h('ul', { class: 'graph-legend', 'data-test': 'graph-legend' },
        item('plugin', 'plugin'), item('library', 'library'), item('graph-state-failed', 'failed'),
        verb ? item('target', 'target of the plan') : null,
        verb ? item('blast', 'touched by the plan or refreshed') : null,
        h('li', { class: 'graph-hint' }, 'Drag to move, wheel to zoom, click a box to open it; arrows point to what a plugin needs.'));
}
