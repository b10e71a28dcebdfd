// node bundles/console/src/test/js/graph-layout.test.mjs
import { load, check, done } from './load.mjs';

const { layout, pathData, dependentsOf, crossings, layers } = await load('views/graph-layout.js');

const box = (id) => ({ id, width: 100 });

// a diamond: app needs a and b, both need base; lib stands alone
{
    const result = layout(['app', 'a', 'b', 'base', 'lone'].map(box),
        [{ from: 'app', to: 'a' }, { from: 'app', to: 'b' }, { from: 'a', to: 'base' }, { from: 'b', to: 'base' }]);
    const at = (id) => result.nodes.get(id);
    check(at('base').layer === 0 && at('lone').layer === 0, 'providers and loners in the first layer');
    check(at('a').layer === 1 && at('b').layer === 1, 'the middle of the diamond in the second');
    check(at('app').layer === 2, 'the consumer in the last');
    check(at('base').x < at('a').x && at('a').x < at('app').x, 'providers to the left of consumers');
    check(result.crossings === 0, 'a diamond draws without crossings');
    check(Math.abs(at('a').y - at('b').y) >= 28, 'boxes of one layer do not overlap');
    const edge = result.edges.find((e) => e.from === 'app' && e.to === 'a');
    check(edge.points[0][0] === at('app').x && edge.points.at(-1)[0] === at('a').x + 100,
        'an edge runs from the consumer\'s left side to the provider\'s right side');
}

// a long edge gets dummy points, one per layer it crosses
{
    const result = layout(['top', 'm1', 'm2', 'bottom'].map(box),
        [{ from: 'top', to: 'm1' }, { from: 'm1', to: 'm2' }, { from: 'm2', to: 'bottom' }, { from: 'top', to: 'bottom' }]);
    const edge = result.edges.find((e) => e.from === 'top' && e.to === 'bottom');
    check(edge.points.length === 4, 'an edge over three layers bends at two dummies');
    check(pathData(edge.points).startsWith('M') && pathData(edge.points).split('C').length === 4,
        'its path has one curve per segment');
}

// a cycle (bundles importing each other's packages) still gets a layering
{
    const result = layout(['x', 'y', 'z'].map(box), [{ from: 'x', to: 'y' }, { from: 'y', to: 'z' }, { from: 'z', to: 'x' }]);
    const layersOf = ['x', 'y', 'z'].map((id) => result.nodes.get(id).layer).sort();
    check(new Set(layersOf).size === 3, 'a three-cycle is spread over three layers');
    check(result.edges.length === 3, 'and keeps all its edges');
}

// crossings are reduced: two pairs given crossed
{
    const result = layout(['p1', 'p2', 'c1', 'c2'].map(box), [{ from: 'c1', to: 'p2' }, { from: 'c2', to: 'p1' }]);
    check(result.crossings === 0, 'crossed pairs are uncrossed');
}

// crossings are counted between consecutive layers
{
    // upper row 0,1 and lower row 2,3: 0-3 crosses 1-2; 0-2 shares an end with 1-2 and crosses nothing
    const right = [[3, 2], [2], [], []];
    const pos = [0, 1, 0, 1];
    check(crossings([[0, 1], [2, 3]], right, pos) === 1, 'one crossing counted');
    check(crossings([[0, 1], [2, 3]], [[2], [3], [], []], pos) === 0, 'parallel edges do not cross');
    const layer = layers(4, [[], [0], [1], [0, 2]]);
    check(Array.from(layer).join() === '0,1,2,3', 'longest path: a vertex sits right of its furthest provider');
}

// the dependents of a node, transitively
{
    const requiredBy = new Map([['base', ['a', 'b']], ['a', ['app']], ['b', ['app']], ['app', []]]);
    const found = dependentsOf('base', requiredBy);
    check(found.size === 3 && found.has('app') && !found.has('base'), 'dependents are found transitively');
}

// 300 plugins over 30 libraries in layers: fast enough and few crossings
{
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const nodes = [];
    const edges = [];
    for (let i = 0; i < 300; i++) {
        nodes.push({ id: 'n' + i, width: 80 + Math.floor(random() * 150) });
        const count = i < 30 ? 0 : 1 + Math.floor(random() * 4);
        for (let k = 0; k < count; k++) {
            edges.push({ from: 'n' + i, to: 'n' + Math.floor(random() * i) });
        }
    }
    layout(nodes, edges);
    const times = [];
    let result;
    for (let run = 0; run < 5; run++) {
        const start = performance.now();
        result = layout(nodes, edges);
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`     300 nodes, ${edges.length} edges, ${result.layers} layers: median ${times[2].toFixed(1)} ms, `
        + `${result.crossings} crossings`);
    check(times[2] < 200, 'lays out 300 nodes well under 200 ms');
    let overlaps = 0;
    const byLayer = new Map();
    for (const [, placed] of result.nodes) {
        if (!byLayer.has(placed.layer)) {
            byLayer.set(placed.layer, []);
        }
        byLayer.get(placed.layer).push(placed.y);
    }
    for (const ys of byLayer.values()) {
        ys.sort((a, b) => a - b);
        for (let k = 1; k < ys.length; k++) {
            if (ys[k] - ys[k - 1] < 28) {
                overlaps++;
            }
        }
    }
    check(overlaps === 0, 'no two boxes of a layer overlap');
    for (const edge of result.edges) {
        if (result.nodes.get(edge.from).layer <= result.nodes.get(edge.to).layer) {
            check(false, 'every provider left of its consumer: ' + edge.from + ' -> ' + edge.to);
        }
    }
}

done();
