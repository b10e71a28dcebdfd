// The REST API as the console uses it: the session (cookie + CSRF value), JSON in and out, problems as ApiError.
//
// The cookie alone opens nothing: a browser sends a host's cookies to every port of that host, so every request
// (reads too) carries the CSRF value of the sign-in answer. That value lives only in this module's private
// variable `csrf` (never exported, never in `session.current`, never in the DOM), and is kept in this tab's
// sessionStorage (one per tab, kept across its reloads, unreachable from other tabs and other ports), never in
// storage the origin's tabs share: each tab signs in on its own. Before the first trusted plugin module is imported into the page,
// the kept entry is replaced by a marker without CSRF value and nothing is kept for the rest of the page's life:
// the next load of the tab signs in again (and says why).
//
// The built-ins the CSRF value passes through are taken when this module loads, before any plugin's module, and
// the request options carrying it are null-prototype objects: code loaded later cannot intercept it.

const nativeFetch = globalThis.fetch;
const apply = Reflect.apply;
const create = Object.create;
const entries = Object.entries;
const encode = encodeURIComponent;
const parseJson = JSON.parse;
const stringify = JSON.stringify;
const StorageProto = globalThis.Storage ? globalThis.Storage.prototype : null;
const storage = (() => {
  try {
    return globalThis.sessionStorage || null;
  } catch (e) {
    return null;
  }
})();
const getItem = storage ? (StorageProto && storage instanceof globalThis.Storage ? StorageProto.getItem : storage.getItem) : null;
const setItem = storage ? (StorageProto && storage instanceof globalThis.Storage ? StorageProto.setItem : storage.setItem) : null;
const removeItem = storage ? (StorageProto && storage instanceof globalThis.Storage ? StorageProto.removeItem : storage.removeItem) : null;
const ResponseCtor = globalThis.Response || null;
const responseText = ResponseCtor ? ResponseCtor.prototype.text : null;
const HeadersCtor = globalThis.Headers || null;
const headersGet = HeadersCtor ? HeadersCtor.prototype.get : null;
const AbortCtor = globalThis.AbortController || null;
const abortOf = AbortCtor ? AbortCtor.prototype.abort : null;
const signalOf = AbortCtor ? Object.getOwnPropertyDescriptor(AbortCtor.prototype, 'signal').get : null;
const TextDecoderCtor = globalThis.TextDecoder;

/** The CSRF value of this tab's session, or null: private to this module. */
let csrf = null;
/** Whether a trusted plugin's module was (or is about to be) imported into this page: nothing is kept any more. */
let sealedForGood = false;

/** The key of sessionStorage holding this tab's session {name, role, csrf, expires}, or the marker {sealed: true}. */
export const STORAGE_KEY = 'plinth.console.session';

/** The signed-in session: {name, role, expires}, or null (its CSRF value stays in this module). */
export const session = { current: null };

const listeners = new Set();

/** Called with no argument whenever a request finds the session gone (401, or 403 CSRF_REFUSED): the app shows the sign-in. */
export function onSignedOut(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function readItem() {
  if (!storage) return null;
  try {
    return apply(getItem, storage, [STORAGE_KEY]);
  } catch (e) {
    return null;
  }
}

function writeItem(doc) {
  if (!storage) return;
  try {
    apply(setItem, storage, [STORAGE_KEY, stringify(doc)]);
  } catch (e) {
    // no storage (a private window may refuse it): the session lasts as long as this page
  }
}

/** The entry kept by this tab: {name, role, csrf, expires}, {sealed: true}, or null (a bad one is dropped). */
function kept() {
  const text = readItem();
  if (!text) return null;
  try {
    const doc = parseJson(text);
    if (doc && typeof doc === 'object') {
      if (doc.sealed === true) return { sealed: true };
      if (typeof doc.name === 'string' && typeof doc.role === 'string' && typeof doc.csrf === 'string' && doc.csrf) {
        return { sealed: false, name: doc.name, role: doc.role, csrf: doc.csrf, expires: doc.expires || null };
      }
    }
  } catch (e) {
    // not ours: dropped below
  }
  forget();
  return null;
}

/** Whether this tab keeps the marker of a page where a trusted plugin's module ran: its sign-in says why it is asked. */
export function storedSealed() {
  const entry = kept();
  return Boolean(entry && entry.sealed);
}

/** Keeps this tab's session for its reloads, unless a trusted module was imported into this page. */
function keep() {
  if (sealedForGood || !session.current || !csrf) return;
  const doc = create(null);
  doc.name = session.current.name;
  doc.role = session.current.role;
  doc.csrf = csrf;
  doc.expires = session.current.expires || null;
  writeItem(doc);
}

/** Drops this tab's kept session; the marker of a trusted page stays while this page lives. */
function forget() {
  if (!storage || sealedForGood) return;
  try {
    apply(removeItem, storage, [STORAGE_KEY]);
  } catch (e) {
    // no storage
  }
}

/**
 * Whether a trusted plugin's module was imported into this page: its code may have replaced built-ins since, so a
 * sign-in (the token, the CSRF value of the answer) is done only in a page loaded afresh.
 */
export function trustedRan() {
  return sealedForGood;
}

/**
 * Called before the first trusted module is imported into this page: the kept session is replaced by the marker
 * {sealed: true} (no CSRF value), and nothing is written again by this page.
 */
export function sealForGood() {
  if (sealedForGood) return;
  const doc = create(null);
  doc.sealed = true;
  writeItem(doc);
  sealedForGood = true;
}

/** Drops this tab's session in this page (the kept entry stays). */
export function drop() {
  csrf = null;
  session.current = null;
}

/** Whether an answer says the session is gone: 401, or 403 CSRF_REFUSED (a CSRF value not the cookie's session's). */
export function sessionGone(status, code) {
  return status === 401 || (status === 403 && code === 'CSRF_REFUSED');
}

/** An answer of the API that is a problem (application/problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, code, detail, details, refusals) {
    super(detail || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code || null;
    this.detail = detail || `the request failed (HTTP ${status})`;
    this.details = details || [];
    this.refusals = refusals || [];
    /** The answer's parsed JSON, whatever it is (a 503 of /api/health carries the health document). */
    this.body = null;
  }
}

/** GET a path of the API; the parsed JSON. */
export function get(path, query) {
  return send('GET', path, { query });
}

/** Sends a request with the session; the answer {status, ok, contentType, text} (network failures: ApiError 0). */
async function exchange(method, path, query, json, body, contentType) {
  const headers = create(null);
  headers.Accept = 'application/json';
  if (csrf) headers['X-Plinth-CSRF'] = csrf;
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = stringify(json);
  } else if (body !== undefined && contentType) {
    headers['Content-Type'] = contentType;
  }
  const init = create(null);
  init.method = method;
  init.headers = headers;
  init.body = payload;
  init.credentials = 'same-origin';
  init.cache = 'no-store';
  init.redirect = 'error';
  let response;
  try {
    response = await apply(nativeFetch, globalThis, [url(path, query), init]);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `the runtime cannot be reached: ${e.message}`);
  }
  const status = response.status;
  const text = status === 204 || method === 'HEAD' ? ''
    : await (ResponseCtor && response instanceof ResponseCtor ? apply(responseText, response, []) : response.text());
  const answered = response.headers;
  const type = !answered ? null : HeadersCtor && answered instanceof HeadersCtor
    ? apply(headersGet, answered, ['content-type']) : answered.get('content-type');
  return { status, ok: status >= 200 && status < 300, contentType: type || null, text };
}

/**
 * Sends a request: `query` an object of parameters (true: a flag without value; false/null: left out), `json` a
 * value sent as JSON, or `body` with its `contentType`. Resolves to the parsed JSON, or null for 204 or an empty body.
 */
export async function send(method, path, { query, json, body, contentType } = {}) {
  const sentWith = csrf;
  const answer = await exchange(method, path, query, json, body, contentType);
  let doc = null;
  if (answer.text) {
    try {
      doc = parseJson(answer.text);
    } catch (e) {
      doc = null;
    }
  }
  if (!answer.ok) {
    const problem = doc && typeof doc === 'object' ? doc : {};
    const error = new ApiError(answer.status, problem.code, problem.detail || problem.title,
      problem.details, problem.refusals);
    error.body = doc;
    if (path !== '/api/session' && sessionGone(answer.status, error.code)) signedOut(sentWith);
    throw error;
  }
  return doc;
}

/**
 * A request of a plugin's UI to its own routes (`/api/plugin/<id>/<route>`, both checked by the caller): sent with
 * the session, the answer {status, ok, contentType, text, json} whatever its status. A 401 makes the console ask
 * whether its session still holds (a plugin's answer alone signs no one out).
 */
export async function pluginRoute(id, route, method, json, body, contentType) {
  const answer = await exchange(method, '/api/plugin/' + id + '/' + route, null, json, body, contentType);
  let parsed = null;
  if (answer.text && answer.contentType && /^application\/([a-z0-9.+-]*\+)?json\b/i.test(answer.contentType)) {
    try {
      parsed = parseJson(answer.text);
    } catch (e) {
      parsed = null;
    }
  }
  if (answer.status === 401) check();
  return { status: answer.status, ok: answer.ok, contentType: answer.contentType, text: answer.text, json: parsed };
}

/** Builds a URL of the API from a path and a query object. */
export function url(path, query) {
  let out = '';
  if (query) {
    for (const [name, value] of entries(query)) {
      if (value === undefined || value === null || value === false || value === '') continue;
      out += (out ? '&' : '') + (value === true ? encode(name) : encode(name) + '=' + encode(value));
    }
  }
  return out ? path + '?' + out : path;
}

/** Signs in with a token; the session document ({name, role, expires}), kept for this tab's reloads. */
export async function signIn(token) {
  csrf = null;
  session.current = null;
  const payload = create(null);
  payload.token = token;
  const doc = await send('POST', '/api/session', { json: payload });
  if (!doc || typeof doc.csrf !== 'string' || !doc.csrf) {
    throw new ApiError(200, 'NO_CSRF', 'the runtime answered the sign-in without a CSRF value');
  }
  csrf = doc.csrf;
  session.current = { name: doc.name, role: doc.role, expires: doc.expires || null };
  keep();
  return session.current;
}

/**
 * This tab's kept session if the runtime still knows it (GET /api/session with its CSRF value), or null (nothing
 * kept, the marker of a trusted page, or the runtime refuses it: then it is dropped). Other failures (the runtime cannot be reached) are thrown.
 */
export async function resume() {
  const entry = kept();
  if (!entry || entry.sealed) {
    csrf = null;
    session.current = null;
    return null;
  }
  csrf = entry.csrf;
  session.current = { name: entry.name, role: entry.role, expires: entry.expires };
  try {
    const doc = await send('GET', '/api/session');
    session.current = { name: doc.name, role: doc.role, expires: doc.expires || entry.expires };
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      drop();
      forget();
    } else {
      throw e;
    }
  }
  return session.current;
}

/** Ends this tab's session on the server and here (other tabs keep theirs). */
export async function signOut() {
  const value = csrf;
  try {
    if (value) await send('DELETE', '/api/session');
  } finally {
    drop();
    forget();
  }
}

/**
 * Asks whether this tab's session is still open (the event stream was refused); when
 * the runtime refuses it, the sign-in is shown. Other failures are ignored (the stream retries).
 */
export async function check() {
  const value = csrf;
  if (!value) return;
  try {
    await send('GET', '/api/session');
  } catch (e) {
    if (e.status === 401 || e.status === 403) signedOut(value);
  }
}

/**
 * Opens the session's event stream: `GET /api/events` with the CSRF header, read as server-sent events through the
 * fetch taken when this module loaded (not EventSource, which cannot send a header: a CSRF value in its URL would
 * be listed by the page's resource timing, where a trusted plugin's code could read it). `on.open()` once the
 * runtime answered 200, `on.event(type, data)` for each event, `on.end(status)` once when the stream ends (0) or is
 * refused (its status; 0 too when the runtime cannot be reached). Returns the function that closes it (no end then).
 */
export function openEventStream(on) {
  const controller = AbortCtor ? new AbortCtor() : null;
  const headers = create(null);
  headers.Accept = 'text/event-stream';
  if (csrf) headers['X-Plinth-CSRF'] = csrf;
  const init = create(null);
  init.method = 'GET';
  init.headers = headers;
  init.credentials = 'same-origin';
  init.cache = 'no-store';
  init.redirect = 'error';
  if (controller) init.signal = apply(signalOf, controller, []);
  let done = false;
  const end = (status) => {
    if (done) return;
    done = true;
    on.end(status);
  };
  (async () => {
    let status = 0;
    try {
      const response = await apply(nativeFetch, globalThis, ['/api/events', init]);
      status = response.status;
      const body = response.body;
      if (status !== 200 || !body) {
        end(status);
        return;
      }
      status = 0;
      on.open();
      await readEvents(body.getReader(), on, () => done);
    } catch (e) {
      // closed, or the connection dropped: ends below
    }
    end(status);
  })();
  return () => {
    done = true;
    if (controller) apply(abortOf, controller, []);
  };
}

/** Reads server-sent events from a stream's reader until it ends, `stopped()` says so, or a line runs over 1 MiB. */
async function readEvents(reader, on, stopped) {
  const decoder = new TextDecoderCtor();
  let buffer = '';
  let type = 'message';
  let data = null;
  while (!stopped()) {
    const chunk = await reader.read();
    if (chunk.done) return;
    buffer += decoder.decode(chunk.value, { stream: true });
    for (;;) {
      const cut = buffer.search(/\r\n|\r|\n/);
      if (cut < 0) break;
      const line = buffer.slice(0, cut);
      buffer = buffer.slice(buffer[cut] === '\r' && buffer[cut + 1] === '\n' ? cut + 2 : cut + 1);
      if (line === '') {
        if (data !== null && !stopped()) on.event(type, data);
        type = 'message';
        data = null;
        continue;
      }
      if (line[0] === ':') continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value[0] === ' ') value = value.slice(1);
      if (field === 'event') type = value || 'message';
      else if (field === 'data') data = data === null ? value : data + '\n' + value;
    }
    if (buffer.length > 1048576) return;
  }
}

/** Whether the session may change things. */
export function isAdmin() {
  return session.current?.role === 'admin';
}

/** The session of `value` is gone: unless this tab has another one by now, it is dropped and the sign-in shown. */
function signedOut(value) {
  if (!value || !session.current || csrf !== value) return;
  drop();
  forget();
  for (const fn of listeners) fn();
}

/** The path of a plugin: its id encoded as one segment. */
export function pluginPath(id, ...rest) {
  return ['/api/plugins', encodeURIComponent(id), ...rest].join('/');
}
