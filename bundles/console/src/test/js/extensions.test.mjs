// node bundles/console/src/test/js/extensions.test.mjs
// Plugins' console modules: the route check of the SDK (what sdk.fetch may reach), the module list and what a new
// list does to the slots on show, and the import map of index.html.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { load, check, done } from './load.mjs';

const sdk = await load('../sdk/1.0.0/sdk.js');
const model = await load('ext-model.js');

// the route check: the plugin's own routes, nothing around them
for (const path of ['notes', 'notes/1', 'notes?x=1&y=2', 'a/b.c/d', '', 'n%20o', 'x-y_z~!$&\'()*+,;=:@', 'v1.2/notes',
    'notes?q=a.b', '..a', 'a..', '.well-known']) {
    check(sdk.isRoute(path), `a route of the plugin: ${JSON.stringify(path)}`);
}
for (const path of ['..', '../plugins', '../../plugins', 'a/../b', 'a/..', './a', 'a/./b', '.', '/notes', 'a//b',
    'a\\b', '..\\plugins', '%2e%2e/plugins', '%2E%2E/x', 'a%2fb', 'a%2Fb', 'a%5cb', 'a%5Cb', '.%2e/x', 'a#b', 'a b',
    'a\nb', 'a"b', 'a<b', 'https://elsewhere.example/x', '//elsewhere.example/x', 'a?..', 'a?x/../y',
    'x'.repeat(2049), null, undefined, 42, {}, ['notes']]) {
    check(!sdk.isRoute(path), `not a route of the plugin: ${JSON.stringify(path)?.slice(0, 40)}`);
}
check(sdk.isRoute('x'.repeat(2048)), '2048 characters are a route');

// a patched built-in after the SDK loaded changes nothing
const test = RegExp.prototype.test;
const includes = String.prototype.includes;
RegExp.prototype.test = () => true;
String.prototype.includes = () => false;
const stillRefused = !sdk.isRoute('../plugins') && !sdk.isRoute('a b') && !sdk.isRoute('a//b');
RegExp.prototype.test = test;
String.prototype.includes = includes;
check(stillRefused, 'the route check uses the built-ins taken when it loaded');

const request = sdk.fetchRequest('notes', { method: 'POST', json: { n: 1 } });
check(Object.getPrototypeOf(request) === null && request.path === 'notes' && request.method === 'POST'
    && request.json.n === 1, 'fetchRequest: a null-prototype request');
check(sdk.fetchRequest('../x') instanceof Error && sdk.fetchRequest('../x').message === 'not a route of this plugin',
    'a bad path: "not a route of this plugin"');
check(sdk.fetchRequest('x', { method: 'CONNECT' }) instanceof Error, 'a method sdk.fetch does not send is refused');
check(sdk.fetchRequest('x', { json: 1, body: 'a' }) instanceof Error, 'json and body together are refused');
check(sdk.fetchRequest('x', { contentType: 'text/plain\r\nX-Plinth-CSRF: a' }) instanceof Error,
    'a content type with a line break is refused');
check(sdk.fetchRequest('x').method === 'GET', 'GET by default');

for (const hash of ['#/plugins', '#/plugins/dev.x', '#/ext/dev.x', '#/graph?verb=enable&id=a']) {
    check(sdk.isConsoleHash(hash), `a console route: ${hash}`);
}
for (const hash of ['https://elsewhere.example/', 'javascript:alert(1)', '#plugins', '/console/', '#/a b', '#/a\\b', '', null]) {
    check(!sdk.isConsoleHash(hash), `not a console route: ${hash}`);
}
check(sdk.isPluginId('dev.plinth.sample.pages') && !sdk.isPluginId('..') && !sdk.isPluginId('a/b') && !sdk.isPluginId(''),
    'plugin ids');

// the SDK object: frozen, same API in both tiers, refusals as rejections
const calls = [];
const made = sdk.buildSdk({ plugin: { id: 'dev.x', version: '1.0.0' }, slot: 'page', tier: 'sandboxed',
    theme: { mode: 'light', vars: {} } }, async (op, args) => { calls.push([op, args]); return { status: 200 }; },
() => () => {}, (fn) => { made_theme = fn; return () => {}; });
var made_theme;
check(made.version === '1.0.0' && made.plugin.id === 'dev.x' && made.slot === 'page' && made.tier === 'sandboxed'
    && Object.isFrozen(made) && Object.isFrozen(made.plugin), 'the SDK object names its plugin, slot and tier, frozen');
const refused = await made.fetch('../../plugins').then(() => null, (e) => e.message);
check(refused === 'not a route of this plugin' && calls.length === 0, 'sdk.fetch of an escape rejects, asking nothing');
await made.fetch('notes', { method: 'PUT', body: 'x', contentType: 'text/plain' });
check(calls.length === 1 && calls[0][0] === 'fetch' && calls[0][1].path === 'notes' && calls[0][1].body === 'x',
    'sdk.fetch of a route asks the console');
check(await made.navigate('https://elsewhere.example/').then(() => 'went', (e) => e.message) === 'not a route of the console',
    'sdk.navigate outside the console rejects');
let themed = null;
made.onTheme((t) => { themed = t; });
made_theme({ mode: 'dark', vars: { '--bg': '#000' } });
check(themed.mode === 'dark' && made.theme.mode === 'dark', 'sdk.onTheme hears a theme change, sdk.theme follows');
check(await made.settings.propose(null).then(() => 'ok', () => 'rejected') === 'rejected', 'propose(null) rejects');
check(Object.keys(made).sort().join() === 'events,fetch,navigate,onTheme,plugin,role,settings,slot,theme,tier,version',
    'nothing else on the SDK');
check(made.role === 'viewer', 'a role the console did not say is admin is viewer');

// the module list: checked, keyed by plugin and slot
const mod = (plugin, slot, hash = '0a1b2c3d4e5f', tier = 'sandboxed', version = '1.0.0') => ({
    plugin, name: plugin, version, revision: `${version}/${hash}`, slot, title: slot === 'settings' ? undefined : 'T', tier,
    entry: `/console/plugins/${plugin}/${version}/${hash}/${slot}.js`, frame: `/console/frames/${plugin}/${version}/${hash}/${slot}.html`,
    routes: `/api/plugin/${plugin}/`,
});
const list = model.modulesOf({ sdk: '1.0.0', modules: [mod('a', 'page'), mod('a', 'panel'), mod('b', 'page', 'ffffffffffff', 'trusted'),
    { ...mod('c', 'page'), entry: 'https://elsewhere.example/x.js' }, { ...mod('d', 'page'), frame: '/console/frames/e/1.0.0/0a1b2c3d4e5f/page.html' },
    { ...mod('f', 'page'), entry: '/console/plugins/f/1.0.0/0a1b2c3d4e5f/../../../assets/api.js' }, { ...mod('g', 'widget') },
    { ...mod('h', 'page'), tier: 'root' }, { ...mod('../x', 'page') }] });
check([...list.keys()].join() === 'a/page,a/panel,b/page', 'only modules the console serves are kept: ' + [...list.keys()]);
check(model.pages(list).map((m) => m.plugin).join() === 'a,b', 'the page modules, for the navigation');
check(list.get('b/page').tier === 'trusted' && list.get('a/page').tier === 'sandboxed', 'each module keeps its tier');
check(model.modulesOf({ modules: [mod('a', 'settings')] }).get('a/settings').title === 'a', 'the title defaults to the name');
check(model.modulesOf(null).size === 0 && model.modulesOf({ modules: 'x' }).size === 0, 'a list that is not one is empty');

// reconcile: which slots on show remount
const shown = [
    { key: 'a/page', revision: '1.0.0/0a1b2c3d4e5f', tier: 'sandboxed' },   // same revision
    { key: 'a/panel', revision: '1.0.0/0a1b2c3d4e5f', tier: 'sandboxed' },  // upgraded
    { key: 'b/page', revision: '1.0.0/ffffffffffff', tier: 'trusted' },     // trust taken away
    { key: 'c/page', revision: '1.0.0/0a1b2c3d4e5f', tier: 'sandboxed' },   // disabled
    { key: 'd/page', revision: null, tier: null },                         // enabled again
    { key: 'e/page', revision: null, tier: null },                         // still not there
];
const next = model.modulesOf({ modules: [mod('a', 'page'), mod('a', 'panel', '111111111111', 'sandboxed', '2.0.0'),
    mod('b', 'page', 'ffffffffffff'), mod('d', 'page')] });
const actions = Object.fromEntries(model.reconcile(shown, next).map((a) => [a.key, a.action]));
check(actions['a/page'] === 'keep', 'the same revision stays mounted');
check(actions['a/panel'] === 'remount', 'a new revision remounts');
check(actions['b/page'] === 'remount', 'another tier remounts');
check(actions['c/page'] === 'gone', 'a module gone shows the notice');
check(actions['d/page'] === 'mount', 'a module back mounts');
check(actions['e/page'] === 'keep', 'no module, still no module: nothing');
check(model.reconcile(shown, next).find((a) => a.key === 'a/panel').module.revision === '2.0.0/111111111111',
    'the remount is of the new revision');

// the import map: plugins' modules cannot import the console's
const index = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../main/resources/console/index.html'), 'utf8');
const MAP = '<script type="importmap">{"scopes":{"/console/plugins/":{"/console/assets/":"/console/no-access/"}}}</script>';
check(index.includes(MAP), 'index.html has the import map of the contract, as written');
check(index.indexOf(MAP) < index.indexOf('<script type="module"'), 'before the module script');
const map = JSON.parse(MAP.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, ''));
check(map.scopes['/console/plugins/']['/console/assets/'] === '/console/no-access/' && Object.keys(map).join() === 'scopes',
    'the map sends /console/assets/ to /console/no-access/ for modules under /console/plugins/, and nothing else');
check((index.match(/<script(?![^>]*\bsrc=)[^>]*>/g) || []).length === 1, 'the import map is the only inline script');
done();
