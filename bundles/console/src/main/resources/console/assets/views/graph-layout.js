// Layered layout of the dependency graph, without the DOM (the tests run it under node).
// Providers go to the left (layer 0 needs nothing drawn), consumers to their right: longest-path layering,
// long edges split by dummy vertices, barycenter sweeps against crossings (the best order kept),
// then y coordinates pulled towards the neighbours while keeping the order and the spacing.

const DEFAULTS = { nodeHeight: 28, gapX: 90, gapY: 14, dummyGap: 10, passes: 8, maxDummies: 20000 };

/**
 * Lays out a graph.
 * @param nodes [{id, width}] boxes of the given widths
 * @param edges [{from, to}]: `from` needs `to` (consumer to provider); unknown ids and self loops are ignored
 * @returns {nodes: Map id -> {x, y, width, height, layer, order}, edges: [{from, to, points}], width, height,
 *          crossings, layers}; x is a box's left side, y its centre; points run from `from` to `to`
 */
export function layout(nodes, edges, options = {}) {
    const o = { ...DEFAULTS, ...options };
    const n = nodes.length;
    const index = new Map();
    nodes.forEach((node, i) => index.set(node.id, i));
    const needs = Array.from({ length: n }, () => []);
    const seen = new Set();
    const links = [];
    for (const edge of edges) {
        const v = index.get(edge.from);
        const p = index.get(edge.to);
        if (v === undefined || p === undefined || v === p || seen.has(v * n + p)) {
            continue;
        }
        seen.add(v * n + p);
        needs[v].push(p);
        links.push([v, p]);
    }
    const layer = layers(n, needs);
    const layerCount = n === 0 ? 0 : Math.max(...layer) + 1;

    // layered vertices: 0..n-1 real, then dummies
    const vLayer = Array.from(layer);
    const vWidth = nodes.map((node) => node.width || 0);
    const left = Array.from({ length: n }, () => []);
    const right = Array.from({ length: n }, () => []);
    let dummyBudget = o.maxDummies;
    const chains = links.map(([v, p]) => {
        const [a, b] = layer[p] < layer[v] ? [p, v] : [v, p];
        const span = layer[b] - layer[a];
        const chain = [a];
        if (span > 1 && span - 1 <= dummyBudget) {
            dummyBudget -= span - 1;
            for (let l = layer[a] + 1; l < layer[b]; l++) {
                const d = vLayer.length;
                vLayer.push(l);
                vWidth.push(0);
                left.push([]);
                right.push([]);
                chain.push(d);
            }
        }
        chain.push(b);
        for (let k = 0; k + 1 < chain.length; k++) {
            if (vLayer[chain[k + 1]] - vLayer[chain[k]] === 1) {
                right[chain[k]].push(chain[k + 1]);
                left[chain[k + 1]].push(chain[k]);
            }
        }
        return { v, p, chain, leftFirst: a === p };
    });

    const total = vLayer.length;
    const rows = Array.from({ length: layerCount }, () => []);
    for (let i = 0; i < total; i++) {
        rows[vLayer[i]].push(i);
    }
    const pos = new Float64Array(total);
    const place = (row) => row.forEach((vertex, k) => { pos[vertex] = k; });
    rows.forEach(place);

    let best = rows.map((row) => row.slice());
    let bestCrossings = crossings(rows, right, pos);
    for (let pass = 0; pass < o.passes && bestCrossings > 0; pass++) {
        const down = pass % 2 === 0;
        for (let s = 1; s < layerCount; s++) {
            const l = down ? s : layerCount - 1 - s;
            const neighbours = down ? left : right;
            sortByBarycenter(rows[l], neighbours, pos);
            place(rows[l]);
        }
        const c = crossings(rows, right, pos);
        if (c < bestCrossings) {
            bestCrossings = c;
            best = rows.map((row) => row.slice());
        }
    }
    best.forEach(place);

    // y: centres, in order, pulled towards the neighbours
    const size = (vertex) => (vertex < n ? o.nodeHeight + o.gapY : o.dummyGap);
    const y = new Float64Array(total);
    for (const row of best) {
        let at = 0;
        for (const vertex of row) {
            at += size(vertex) / 2;
            y[vertex] = at;
            at += size(vertex) / 2;
        }
    }
    // first each vertex follows the side the sweep comes from, then both sides; dummies always follow both, which
    // straightens long edges
    for (let pass = 0; pass < 8; pass++) {
        const down = pass % 2 === 0;
        for (let s = 0; s < layerCount; s++) {
            const l = down ? s : layerCount - 1 - s;
            const row = best[l];
            const wanted = row.map((vertex) => {
                const from = down ? left[vertex] : right[vertex];
                const other = down ? right[vertex] : left[vertex];
                if (vertex >= n || pass >= 4) {
                    return mean(y, from, other, y[vertex]);
                }
                return from.length ? mean(y, from, [], y[vertex]) : mean(y, other, [], y[vertex]);
            });
            spread(row, wanted, size, y);
        }
    }
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < total; i++) {
        minY = Math.min(minY, y[i] - size(i) / 2);
        maxY = Math.max(maxY, y[i] + size(i) / 2);
    }
    if (total === 0) {
        minY = 0;
        maxY = 0;
    }

    const columnWidth = new Array(layerCount).fill(0);
    for (let i = 0; i < n; i++) {
        columnWidth[layer[i]] = Math.max(columnWidth[layer[i]], vWidth[i]);
    }
    const columnX = [];
    let x = 0;
    for (let l = 0; l < layerCount; l++) {
        columnX.push(x);
        x += columnWidth[l] + o.gapX;
    }
    const width = Math.max(0, x - o.gapX);

    const placed = new Map();
    nodes.forEach((node, i) => {
        placed.set(node.id, {
            x: columnX[layer[i]] + (columnWidth[layer[i]] - vWidth[i]) / 2, y: y[i] - minY,
            width: vWidth[i], height: o.nodeHeight, layer: layer[i], order: pos[i],
        });
    });
    const edgesOut = chains.map(({ v, p, chain, leftFirst }) => {
        const points = chain.map((vertex, k) => {
            const l = vLayer[vertex];
            const cx = columnX[l] + columnWidth[l] / 2;
            if (vertex >= n) {
                return [cx, y[vertex] - minY];
            }
            const box = placed.get(nodes[vertex].id);
            const side = k === 0 ? box.x + box.width : box.x;
            return [side, y[vertex] - minY];
        });
        if (leftFirst) {
            points.reverse();
        }
        return { from: nodes[v].id, to: nodes[p].id, points };
    });
    return { nodes: placed, edges: edgesOut, width, height: maxY - minY, crossings: bestCrossings, layers: layerCount };
}

/** Longest-path layers over `needs` (vertex -> providers); edges closing a cycle are left out. */
export function layers(n, needs) {
    const layer = new Int32Array(n).fill(-1);
    const state = new Uint8Array(n);
    for (let root = 0; root < n; root++) {
        if (state[root]) {
            continue;
        }
        const stack = [root];
        const next = [0];
        state[root] = 1;
        while (stack.length) {
            const top = stack.length - 1;
            const v = stack[top];
            if (next[top] < needs[v].length) {
                const p = needs[v][next[top]++];
                if (state[p] === 0) {
                    state[p] = 1;
                    stack.push(p);
                    next.push(0);
                }
                continue;
            }
            let l = 0;
            for (const p of needs[v]) {
                if (state[p] === 2) {
                    l = Math.max(l, layer[p] + 1);
                }
            }
            layer[v] = l;
            state[v] = 2;
            stack.pop();
            next.pop();
        }
    }
    return layer;
}

function sortByBarycenter(row, neighbours, pos) {
    const key = new Map();
    for (const vertex of row) {
        const near = neighbours[vertex];
        if (!near.length) {
            key.set(vertex, pos[vertex]);
            continue;
        }
        let sum = 0;
        for (const other of near) {
            sum += pos[other];
        }
        key.set(vertex, sum / near.length);
    }
    row.sort((a, b) => key.get(a) - key.get(b) || pos[a] - pos[b]);
}

/** Crossings between consecutive layers: inversions counted with a Fenwick tree, O(E log V) per pair. */
export function crossings(rows, right, pos) {
    let total = 0;
    for (let l = 0; l + 1 < rows.length; l++) {
        const pairs = [];
        for (const u of rows[l]) {
            for (const w of right[u]) {
                pairs.push([pos[u], pos[w]]);
            }
        }
        pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const size = rows[l + 1].length;
        const tree = new Int32Array(size + 1);
        let inserted = 0;
        for (const [, w] of pairs) {
            let atMost = 0;
            for (let i = w + 1; i > 0; i -= i & -i) {
                atMost += tree[i];
            }
            total += inserted - atMost;
            for (let i = w + 1; i <= size; i += i & -i) {
                tree[i]++;
            }
            inserted++;
        }
    }
    return total;
}

/** The mean of `y` over two lists of vertices, `otherwise` when both are empty. */
function mean(y, first, second, otherwise) {
    const count = first.length + second.length;
    if (!count) {
        return otherwise;
    }
    let sum = 0;
    for (const vertex of first) {
        sum += y[vertex];
    }
    for (const vertex of second) {
        sum += y[vertex];
    }
    return sum / count;
}

/** Places a row at the wanted centres, in its order, at least their half sizes apart. */
function spread(row, wanted, size, y) {
    const m = row.length;
    if (!m) {
        return;
    }
    const down = new Float64Array(m);
    const up = new Float64Array(m);
    for (let k = 0; k < m; k++) {
        down[k] = k === 0 ? wanted[k]
            : Math.max(wanted[k], down[k - 1] + (size(row[k - 1]) + size(row[k])) / 2);
    }
    for (let k = m - 1; k >= 0; k--) {
        up[k] = k === m - 1 ? wanted[k]
            : Math.min(wanted[k], up[k + 1] - (size(row[k + 1]) + size(row[k])) / 2);
    }
    for (let k = 0; k < m; k++) {
        y[row[k]] = (down[k] + up[k]) / 2;
    }
}

/** An SVG path through the points: horizontal-tangent curves between consecutive points. */
export function pathData(points) {
    if (!points.length) {
        return '';
    }
    const f = (v) => Math.round(v * 10) / 10;
    let d = `M${f(points[0][0])},${f(points[0][1])}`;
    for (let k = 1; k < points.length; k++) {
        const [x0, y0] = points[k - 1];
        const [x1, y1] = points[k];
        const mx = (x0 + x1) / 2;
        d += ` C${f(mx)},${f(y0)} ${f(mx)},${f(y1)} ${f(x1)},${f(y1)}`;
    }
    return d;
}

/** Every id that depends on `id`, directly or not (`requiredBy` closure), without `id` itself. */
export function dependentsOf(id, requiredBy) {
    const found = new Set();
    const queue = [id];
    while (queue.length) {
        const current = queue.shift();
        for (const other of requiredBy.get(current) || []) {
            if (other !== id && !found.has(other)) {
                found.add(other);
                queue.push(other);
            }
        }
    }
    return found;
}
