// The console's side of the SDK: what a plugin's UI may ask, answered for one module (both tiers), and the
// MessageChannel transport of a sandboxed frame. Every request is checked here, with the SDK's checks (built-ins
// taken when the console loaded), whatever the plugin's side did.

import { get, send, isAdmin, pluginPath, pluginRoute } from './api.js';
import { onPluginEvent } from './events.js';
import { currentTheme, onThemeChange } from './theme.js';
import { fetchRequest, isConsoleHash, isPluginId, SDK_VERSION } from '../sdk/1.0.0/sdk.js';

const ErrorCtor = Error;
const isArray = Array.isArray;
const keysOf = Object.keys;
const MAX_HEIGHT = 20000;

/** What a plugin's module gets of an event: {verb, outcome, version, at}. */
export function eventFor(plugin, event) {
  if (!event || event.id !== plugin) return null;
  const outcome = typeof event.outcome === 'string' ? event.outcome
    : event.succeeded === true ? 'succeeded' : event.succeeded === false ? 'failed' : null;
  return { verb: String(event.verb || ''), outcome, version: event.version ?? null, at: event.at || event.time || null };
}

/**
 * The console's answers for one module {plugin, version, slot, tier}: `call(op, args)` (fetch, navigate,
 * settings.get, settings.propose), `subscribe(fn)` (this plugin's events), `themes(fn)`; `close()` stops them.
 * `ctx` {navigate(hash), plan(options)}.
 */
export function host(module, ctx) {
  const id = module.plugin;
  if (!isPluginId(id)) throw new ErrorCtor(`not a plugin id: ${id}`);
  const stops = new Set();
  let closed = false;

  async function call(op, args) {
    if (closed) throw new ErrorCtor('this plugin\u2019s page is no longer shown');
    if (op === 'fetch') {
      const request = fetchRequest(args && args.path, args);
      if (request instanceof ErrorCtor) throw request;
      return pluginRoute(id, request.path, request.method, request.json, request.body, request.contentType);
    }
    if (op === 'navigate') {
      if (!isConsoleHash(args)) throw new ErrorCtor('not a route of the console');
      ctx.navigate(args);
      return null;
    }
    if (op === 'settings.get') return get(pluginPath(id, 'settings'));
    if (op === 'settings.propose') return propose(args);
    throw new ErrorCtor(`not an operation of the SDK: ${String(op)}`);
  }

  async function propose(values) {
    const change = proposal(values);
    if (change instanceof ErrorCtor) throw change;
    const view = await get(pluginPath(id, 'settings'));
    const configuration = (view.configurations || []).find((c) => c.pid === change.pid);
    if (!configuration) throw new ErrorCtor(`${id} has no configuration ${change.pid}`);
    const secrets = new Set((configuration.settings || []).filter((s) => s.secret).map((s) => s.key));
    const steps = [
      ...keysOf(change.set).map((key) => ({ action: 'set', id: key, version: '',
        reason: secrets.has(key) ? '(a secret, not shown)' : JSON.stringify(change.set[key]) })),
      ...change.unset.map((key) => ({ action: 'unset', id: key, version: '', reason: 'back to the default or file' })),
    ];
    const answer = await ctx.plan({
      title: `Change the settings of ${id} (${change.pid}), as its page proposes`, verb: 'settings', id,
      run: async (dryRun) => {
        if (dryRun) return { plan: { target: id, steps } };
        let after = null;
        if (keysOf(change.set).length) after = await send('PATCH', pluginPath(id, 'settings'), { json: { pid: change.pid, set: change.set } });
        if (change.unset.length) after = await send('PATCH', pluginPath(id, 'settings'), { json: { pid: change.pid, unset: change.unset } });
        return after;
      },
    });
    return { applied: answer !== null && answer !== undefined && isAdmin() };
  }

  function subscribe(fn) {
    const stop = onPluginEvent((event) => {
      const mine = eventFor(id, event);
      if (mine) fn(mine);
    });
    stops.add(stop);
    return () => {
      stops.delete(stop);
      stop();
    };
  }

  function themes(fn) {
    const stop = onThemeChange(fn);
    stops.add(stop);
    return () => {
      stops.delete(stop);
      stop();
    };
  }

  function close() {
    closed = true;
    for (const stop of [...stops]) stop();
    stops.clear();
  }

  return { call, subscribe, themes, close };
}

/**
 * A settings change proposed by a plugin's UI: {pid, set: {key: value}, unset: [key]} with a pid, at least one key,
 * no key both set and unset; or an Error naming what is wrong.
 */
export function proposal(values) {
  if (!values || typeof values !== 'object' || typeof values.pid !== 'string' || !values.pid) {
    return new ErrorCtor('sdk.settings.propose takes {pid, set, unset} with the pid of one of the plugin\u2019s configurations');
  }
  const set = values.set === undefined ? {} : values.set;
  const unset = values.unset === undefined ? [] : values.unset;
  if (!set || typeof set !== 'object' || isArray(set)) return new ErrorCtor('set is an object of keys and values');
  if (!isArray(unset) || unset.some((k) => typeof k !== 'string' || !k)) return new ErrorCtor('unset is an array of keys');
  const keys = keysOf(set);
  if (keys.length === 0 && unset.length === 0) return new ErrorCtor('the proposal changes nothing');
  if (keys.some((k) => unset.includes(k))) return new ErrorCtor('a key both set and unset');
  const copy = {};
  for (const k of keys) copy[k] = set[k];
  return { pid: values.pid, set: copy, unset: [...unset] };
}

/**
 * Connects a sandboxed frame: a MessageChannel whose port goes to the frame's window with the connect message; the
 * console listens on its own port only and answers the operations of the SDK. `on` {mounted(), failed(message),
 * height(px)}. Returns the function that closes it.
 */
export function connectFrame(frameWindow, module, ctx, on) {
  const answers = host(module, ctx);
  const channel = new MessageChannel();
  const port = channel.port1;
  const events = new Map();
  let stopTheme = answers.themes((theme) => port.postMessage({ type: 'theme', theme }));
  port.onmessage = async (message) => {
    const data = message.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'resize') {
      const px = Number(data.height);
      if (Number.isFinite(px) && px >= 0) on.height(Math.min(Math.ceil(px), MAX_HEIGHT));
      return;
    }
    if (data.type === 'mounted') {
      on.mounted();
      return;
    }
    if (data.type === 'failed') {
      on.failed(typeof data.message === 'string' ? data.message.slice(0, 500) : 'the module failed');
      return;
    }
    if (data.type === 'subscribe' && Number.isSafeInteger(data.sub) && !events.has(data.sub) && events.size < 100) {
      events.set(data.sub, answers.subscribe((event) => port.postMessage({ type: 'event', sub: data.sub, event })));
      return;
    }
    if (data.type === 'unsubscribe' && events.has(data.sub)) {
      events.get(data.sub)();
      events.delete(data.sub);
      return;
    }
    if (data.type !== 'call' || !Number.isSafeInteger(data.id)) return;
    try {
      const value = await answers.call(String(data.op), data.args);
      port.postMessage({ type: 'answer', id: data.id, ok: true, value: plain(value) });
    } catch (e) {
      port.postMessage({ type: 'answer', id: data.id, ok: false, error: e && e.message ? String(e.message) : String(e) });
    }
  };
  frameWindow.postMessage({ type: 'plinth:connect', sdk: SDK_VERSION, plugin: module.plugin, version: module.version,
    slot: module.slot, role: isAdmin() ? 'admin' : 'viewer', theme: currentTheme() }, '*', [channel.port2]);
  return () => {
    if (stopTheme) stopTheme();
    stopTheme = null;
    answers.close();
    events.clear();
    port.onmessage = null;
    port.close();
  };
}

/** A value as it may cross to the frame (JSON data). */
function plain(value) {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
