// The console SDK 1.0.0, the part both tiers share: the checks of what a plugin's UI may ask, and the SDK object
// built over a transport. The console's page imports it (its checks run there, for both tiers) and so does
// frame.js in a sandboxed frame. It imports nothing, and takes the built-ins it calls when it loads: code loaded
// later (a trusted plugin's module) cannot change what the checks do.

const apply = Reflect.apply;
const freeze = Object.freeze;
const create = Object.create;
const regexTest = RegExp.prototype.test;
const toLower = String.prototype.toLowerCase;
const includes = String.prototype.includes;
const startsWith = String.prototype.startsWith;
const isArray = Array.isArray;
const PromiseCtor = Promise;
const ErrorCtor = Error;

/** The version of this SDK. */
export const SDK_VERSION = '1.0.0';

const ROUTE_CHARS = /^[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*$/;
const PLUGIN_ID = /^[A-Za-z0-9._-]+$/;
const HASH = /^#\/[^\u0000-\u001f\u007f\s\\]*$/;
const METHODS = freeze(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const SLOTS = freeze(['page', 'panel', 'settings']);

function test(re, s) {
  return apply(regexTest, re, [s]);
}

/**
 * Whether `path` is a route of the plugin, relative to its routes `/api/plugin/<id>/`: only the characters
 * [A-Za-z0-9._~!$&'()*+,;=:@/?%-], no `.` or `..` segment, no `//`, no leading `/`, no `\`, no encoded `.`, `/`
 * or `\` (%2e %2f %5c, any case), at most 2048 characters.
 */
export function isRoute(path) {
  if (typeof path !== 'string' || path.length > 2048) return false;
  if (!test(ROUTE_CHARS, path)) return false;
  if (apply(startsWith, path, ['/']) || apply(includes, path, ['//'])) return false;
  const lower = apply(toLower, path, []);
  if (apply(includes, lower, ['%2e']) || apply(includes, lower, ['%2f']) || apply(includes, lower, ['%5c'])) return false;
  let segment = '';
  for (let i = 0; i <= path.length; i++) {
    const c = i < path.length ? path[i] : '/';
    if (c === '/' || c === '?') {
      if (segment === '.' || segment === '..') return false;
      segment = '';
    } else {
      segment += c;
    }
  }
  return true;
}

/** Whether `id` may be a plugin id in a URL: [A-Za-z0-9._-]+, not `.` or `..`. */
export function isPluginId(id) {
  return typeof id === 'string' && id.length <= 255 && test(PLUGIN_ID, id) && id !== '.' && id !== '..';
}

/** Whether `hash` is a route of the console: `#/` then no space, control character or `\`, at most 2048 characters. */
export function isConsoleHash(hash) {
  return typeof hash === 'string' && hash.length <= 2048 && test(HASH, hash);
}

/** Whether `method` is one sdk.fetch sends. */
export function isMethod(method) {
  for (let i = 0; i < METHODS.length; i++) if (METHODS[i] === method) return true;
  return false;
}

/** Whether `slot` is a slot of the SDK. */
export function isSlot(slot) {
  return slot === SLOTS[0] || slot === SLOTS[1] || slot === SLOTS[2];
}

/**
 * The request of sdk.fetch(path, options) as the console sends it: {path, method, json?, body?, contentType?} (a
 * null-prototype object), or an Error naming what is wrong. `json` is any value JSON can carry; `body` a string;
 * `contentType` a string without line breaks; not both `json` and `body`.
 */
export function fetchRequest(path, options) {
  if (!isRoute(path)) return new ErrorCtor('not a route of this plugin');
  const o = options === undefined || options === null ? create(null) : options;
  if (typeof o !== 'object') return new ErrorCtor('the options of sdk.fetch are an object');
  const method = o.method === undefined ? 'GET' : o.method;
  if (!isMethod(method)) return new ErrorCtor('not a method sdk.fetch sends (GET, HEAD, POST, PUT, PATCH, DELETE)');
  const request = create(null);
  request.path = path;
  request.method = method;
  if (o.json !== undefined && o.body !== undefined) return new ErrorCtor('sdk.fetch takes json or body, not both');
  if (o.json !== undefined) request.json = o.json;
  if (o.body !== undefined) {
    if (typeof o.body !== 'string') return new ErrorCtor('the body of sdk.fetch is a string');
    request.body = o.body;
  }
  if (o.contentType !== undefined) {
    if (typeof o.contentType !== 'string' || o.contentType.length > 200 || !test(/^[\x20-\x7e]+$/, o.contentType)) {
      return new ErrorCtor('the contentType of sdk.fetch is one line of text');
    }
    request.contentType = o.contentType;
  }
  return request;
}

/**
 * Builds the SDK object a plugin's module gets. `info` {plugin: {id, version}, slot, tier, role, theme}; `call(op, args)`
 * resolves to the console's answer (or rejects with its Error) for op fetch, navigate, settings.get,
 * settings.propose; `subscribe(fn)` follows the plugin's events and returns the function that stops it;
 * `themes(fn)` the same for theme changes. The object is frozen.
 */
export function buildSdk(info, call, subscribe, themes) {
  const state = { theme: info.theme };
  const themeFns = new Set();
  themes((theme) => {
    state.theme = theme;
    for (const fn of [...themeFns]) {
      try {
        fn(theme);
      } catch (e) {
        console.error(e);
      }
    }
  });
  const reject = (message) => PromiseCtor.reject(new ErrorCtor(message));
  const sdk = {
    version: SDK_VERSION,
    plugin: freeze({ id: info.plugin.id, version: info.plugin.version }),
    slot: info.slot,
    tier: info.tier,
    role: info.role === 'admin' ? 'admin' : 'viewer',
    fetch: (path, options) => {
      const request = fetchRequest(path, options);
      if (request instanceof ErrorCtor) return PromiseCtor.reject(request);
      return call('fetch', request);
    },
    events: freeze({
      subscribe: (fn) => {
        if (typeof fn !== 'function') throw new ErrorCtor('sdk.events.subscribe takes a function');
        return subscribe(fn);
      },
    }),
    navigate: (hash) => (isConsoleHash(hash) ? call('navigate', hash) : reject('not a route of the console')),
    get theme() {
      return state.theme;
    },
    onTheme: (fn) => {
      if (typeof fn !== 'function') throw new ErrorCtor('sdk.onTheme takes a function');
      themeFns.add(fn);
      return () => themeFns.delete(fn);
    },
    settings: freeze({
      get: () => call('settings.get', null),
      propose: (values) => (values && typeof values === 'object'
        ? call('settings.propose', values) : reject('sdk.settings.propose takes an object {pid, set, unset}')),
    }),
  };
  return freeze(sdk);
}
