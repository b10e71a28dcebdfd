// The plugins' console modules (GET /api/console/modules): read once after sign-in and again after plugin events,
// their links in the navigation, and their slots on show (a page, a panel, a settings editor), each mounted only
// when shown: in a sandboxed frame by default, in the page for a trusted plugin. A new list swaps a shown slot to
// the plugin's new revision in place, or says the plugin's page is not available.

import { h, clear, append } from './dom.js';
import { get, isAdmin, sealForGood } from './api.js';
import { host, connectFrame } from './bridge.js';
import { currentTheme } from './theme.js';
import { modulesOf, pages, reconcile, slotKey } from './ext-model.js';
import { buildSdk } from '../sdk/1.0.0/sdk.js';

const REFRESH_MS = 250;
const GONE = "This plugin's page is not available: the plugin is not enabled.";

let modules = null;
let loaded = null;
let context = null;
let timer = null;
let stopEvents = null;
let generation = 0;
const shown = new Set();
const waiting = new Set();

/** Starts following the module list (after sign-in): `ctx` {navigate, plan, onPluginEvent}. */
export function start(ctx) {
  stop();
  context = ctx;
  loaded = load();
  stopEvents = ctx.onPluginEvent(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      loaded = load();
    }, REFRESH_MS);
  });
}

/** Stops following it (sign-out): the links go, shown slots are unmounted. */
export function stop() {
  clearTimeout(timer);
  if (stopEvents) stopEvents();
  stopEvents = null;
  generation++;
  for (const slot of [...shown]) slot.unmount();
  modules = null;
  loaded = null;
  context = null;
  renderNav();
}

async function load() {
  const mine = ++generation;
  let doc;
  try {
    doc = await get('/api/console/modules');
  } catch (e) {
    if (e.status === 404) doc = { modules: [] };
    else {
      console.error(e);
      return modules;
    }
  }
  if (mine !== generation) return modules;
  modules = modulesOf(doc);
  renderNav();
  for (const fn of [...waiting]) fn();
  const byKey = new Map([...shown].map((s) => [s.key, s]));
  for (const { key, action, module } of reconcile([...shown].map((s) => s.state()), modules)) {
    const slot = byKey.get(key);
    if (action === 'remount' || action === 'mount') slot.mount(module);
    else if (action === 'gone') slot.gone();
  }
  return modules;
}

/** The module of a plugin's slot once the list is read (null when it has none). */
export async function moduleOf(plugin, slot) {
  const list = modules || (loaded ? await loaded : null);
  return list ? list.get(slotKey(plugin, slot)) || null : null;
}

/** Calls fn() whenever a new list is read; returns the function that stops it. */
export function onList(fn) {
  waiting.add(fn);
  return () => waiting.delete(fn);
}

function renderNav() {
  const nav = document.querySelector('nav.nav');
  if (!nav) return;
  for (const old of nav.querySelectorAll('a[data-test=ext-nav]')) old.remove();
  if (!modules) return;
  const current = location.hash;
  for (const m of pages(modules)) {
    const href = `#/ext/${encodeURIComponent(m.plugin)}`;
    const a = h('a', { 'data-test': 'ext-nav', 'data-plugin': m.plugin, 'data-nav': `ext:${m.plugin}`, href }, m.title);
    if (current === href) a.setAttribute('aria-current', 'page');
    nav.appendChild(a);
  }
}

/**
 * A slot on show: a `section[data-test=ext-<slot>]` for the plugin's module of that slot, mounted once the list
 * is read (lazily: nothing of the plugin is requested before this). `optional` (panel, settings): the section stays
 * hidden while the plugin has no such module and never had one on this view. `onState(mounted)` hears whether a
 * module is mounted (the settings slot hides the generated form then). Returns {element, close()}.
 */
export function slot(plugin, slotName, { optional = false, onState = () => {} } = {}) {
  const element = h('section', { class: `ext-slot ext-${slotName}`, 'data-test': `ext-${slotName}`, 'data-plugin': plugin,
    hidden: optional });
  const key = slotKey(plugin, slotName);
  let revision = null;
  let tier = null;
  let everMounted = false;
  let cleanup = null;
  let mine = 0;
  if (!optional) append(element, h('p', { class: 'muted', 'data-test': 'ext-loading' }, 'Loading\u2026'));

  const self = {
    key,
    state: () => ({ key, revision, tier }),
    mount(module) {
      self.unmount();
      const token = ++mine;
      revision = module.revision;
      tier = module.tier;
      everMounted = true;
      element.hidden = false;
      element.dataset.tier = module.tier;
      element.dataset.revision = module.revision;
      delete element.dataset.mounted;
      clear(element);
      element.setAttribute('aria-label', module.title);
      if (slotName === 'panel') append(element, h('h2', { class: 'ext-title' }, module.title));
      onState(true);
      const done = () => {
        if (token === mine) element.dataset.mounted = 'true';
      };
      const failed = (message) => {
        if (token !== mine) return;
        append(element, h('p', { class: 'problem', role: 'alert', 'data-test': 'ext-error' },
          `This plugin's page failed: ${message}`));
      };
      if (module.tier === 'trusted') cleanup = mountTrusted(element, module, done, failed, () => token === mine);
      else cleanup = mountFramed(element, module, done, failed);
    },
    gone() {
      self.unmount();
      revision = null;
      tier = null;
      delete element.dataset.tier;
      delete element.dataset.revision;
      if (optional && !everMounted) {
        element.hidden = true;
        return;
      }
      element.hidden = false;
      onState(false);
      append(clear(element), h('p', { class: 'notice', 'data-test': 'ext-gone' }, GONE));
    },
    unmount() {
      mine++;
      delete element.dataset.mounted;
      if (typeof cleanup === 'function') {
        try {
          cleanup();
        } catch (e) {
          console.error(e);
        }
      }
      cleanup = null;
      clear(element);
    },
  };
  shown.add(self);
  moduleOf(plugin, slotName).then((module) => {
    if (!shown.has(self) || revision !== null) return;
    if (module) self.mount(module);
    else self.gone();
  });
  return {
    element,
    close() {
      shown.delete(self);
      self.unmount();
    },
  };
}

function mountFramed(element, module, done, failed) {
  const frame = h('iframe', { 'data-test': 'ext-frame', class: 'ext-frame', sandbox: 'allow-scripts allow-forms',
    referrerpolicy: 'no-referrer', title: module.title, src: module.frame });
  let close = null;
  let loads = 0;
  frame.addEventListener('load', () => {
    loads++;
    if (loads > 1) {
      // the frame left its document: whatever is there now gets no port
      if (close) close();
      close = null;
      frame.remove();
      failed('it left its frame');
      return;
    }
    close = connectFrame(frame.contentWindow, module, context, {
      mounted: done,
      failed,
      height: (px) => {
        frame.style.height = `${px}px`;
      },
    });
  });
  element.appendChild(frame);
  return () => {
    if (close) close();
    close = null;
    frame.remove();
  };
}

function mountTrusted(element, module, done, failed, current) {
  const root = h('div', { 'data-test': 'ext-root', class: 'ext-root' });
  element.appendChild(root);
  const answers = host(module, context);
  let cleanup = null;
  let closed = false;
  sealForGood();
  import(module.entry).then((exports) => {
    if (closed || !current()) return;
    if (typeof exports.mount !== 'function') throw new Error('its module exports no mount(root, sdk)');
    const sdk = buildSdk({ plugin: { id: module.plugin, version: module.version }, slot: module.slot, tier: 'trusted',
      role: isAdmin() ? 'admin' : 'viewer', theme: currentTheme() }, answers.call, answers.subscribe, answers.themes);
    const result = exports.mount(root, sdk);
    if (typeof result === 'function') cleanup = result;
    done();
  }).catch((e) => {
    console.error(e);
    failed(e && e.message ? e.message : String(e));
  });
  return () => {
    closed = true;
    answers.close();
    if (cleanup) cleanup();
    root.remove();
  };
}
