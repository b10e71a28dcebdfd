// The REST API as the console uses it: the session (cookie + CSRF value), JSON in and out, problems as ApiError.
//
// The cookie alone opens nothing: a browser sends a host's cookies to every port of that host, so every request
// (reads too) carries the CSRF value of the sign-in answer, kept in this origin's localStorage (no other port's
// page can read it) so that every tab of the console shares it as they share the cookie.

/** The key of localStorage holding the signed-in session {name, role, csrf, expires}. */
export const STORAGE_KEY = 'plinth.console.session';

/** The signed-in session: {name, role, csrf, expires}, or null. */
export const session = { current: null };

const listeners = new Set();

/** Called with no argument whenever a request finds the session gone (401, or 403 CSRF_REFUSED): the app shows the sign-in. */
export function onSignedOut(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The session kept by this origin (by this tab or another), or null. */
export function stored() {
  let text = null;
  try {
    text = globalThis.localStorage ? globalThis.localStorage.getItem(STORAGE_KEY) : null;
  } catch (e) {
    return null;
  }
  if (!text) return null;
  try {
    const doc = JSON.parse(text);
    if (doc && typeof doc === 'object' && typeof doc.csrf === 'string' && doc.csrf
        && typeof doc.name === 'string' && typeof doc.role === 'string') {
      return { name: doc.name, role: doc.role, csrf: doc.csrf, expires: doc.expires || null };
    }
  } catch (e) {
    // not ours: dropped below
  }
  forget(null);
  return null;
}

function keep(doc) {
  try {
    globalThis.localStorage.setItem(STORAGE_KEY, JSON.stringify(
      { name: doc.name, role: doc.role, csrf: doc.csrf, expires: doc.expires || null }));
  } catch (e) {
    // no storage (a private window may refuse it): the session lasts as long as this page
  }
}

/** Drops the kept session, only when it is still the one of `csrf` (null: whichever): another tab may have signed in since. */
function forget(csrf) {
  try {
    const text = globalThis.localStorage.getItem(STORAGE_KEY);
    if (text === null) return;
    let kept = null;
    try {
      kept = JSON.parse(text);
    } catch (e) {
      kept = null;
    }
    if (csrf === null || !kept || kept.csrf === csrf) globalThis.localStorage.removeItem(STORAGE_KEY);
  } catch (e) {
    // no storage
  }
}

/**
 * Calls fn(session or null) when another tab signs in or out (the `storage` event fires in the other tabs only);
 * returns the function that stops it.
 */
export function onOtherTab(fn) {
  const handler = (event) => {
    if (event.key !== null && event.key !== STORAGE_KEY) return;
    fn(stored());
  };
  globalThis.addEventListener('storage', handler);
  return () => globalThis.removeEventListener('storage', handler);
}

/** Takes the session another tab signed in with (the cookie is already its). */
export function adopt(doc) {
  session.current = doc;
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

/**
 * Sends a request: `query` an object of parameters (true: a flag without value; false/null: left out), `json` a
 * value sent as JSON, or `body` with its `contentType`. Resolves to the parsed JSON, or null for 204 or an empty body.
 */
export async function send(method, path, { query, json, body, contentType } = {}) {
  const headers = { Accept: 'application/json' };
  const csrf = session.current ? session.current.csrf : null;
  if (csrf) headers['X-Plinth-CSRF'] = csrf;
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (body !== undefined && contentType) {
    headers['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(url(path, query), {
      method, headers, body: payload, credentials: 'same-origin', cache: 'no-store', redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `the runtime cannot be reached: ${e.message}`);
  }
  const text = response.status === 204 ? '' : await response.text();
  let doc = null;
  if (text) {
    try {
      doc = JSON.parse(text);
    } catch (e) {
      doc = null;
    }
  }
  if (!response.ok) {
    const problem = doc && typeof doc === 'object' ? doc : {};
    const error = new ApiError(response.status, problem.code, problem.detail || problem.title,
      problem.details, problem.refusals);
    error.body = doc;
    if (path !== '/api/session' && sessionGone(response.status, error.code)) signedOut(csrf);
    throw error;
  }
  return doc;
}

/** Builds a URL of the API from a path and a query object. */
export function url(path, query) {
  const parts = [];
  for (const [name, value] of Object.entries(query || {})) {
    if (value === undefined || value === null || value === false || value === '') continue;
    parts.push(value === true ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** Signs in with a token; the session document, kept for this origin's tabs. */
export async function signIn(token) {
  session.current = null;
  const doc = await send('POST', '/api/session', { json: { token } });
  if (!doc || typeof doc.csrf !== 'string' || !doc.csrf) {
    throw new ApiError(200, 'NO_CSRF', 'the runtime answered the sign-in without a CSRF value');
  }
  session.current = { name: doc.name, role: doc.role, csrf: doc.csrf, expires: doc.expires || null };
  keep(session.current);
  return session.current;
}

/**
 * The kept session if the runtime still knows it (GET /api/session with its CSRF value), or null (nothing kept, or
 * the runtime refuses it: then it is dropped). Other failures (the runtime cannot be reached) are thrown.
 */
export async function resume() {
  const kept = stored();
  session.current = kept;
  if (!kept) return null;
  try {
    const doc = await send('GET', '/api/session');
    session.current = { name: doc.name, role: doc.role, csrf: kept.csrf, expires: doc.expires || kept.expires };
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      session.current = null;
      forget(kept.csrf);
    } else {
      throw e;
    }
  }
  return session.current;
}

/** Ends the session on the server and here. */
export async function signOut() {
  const csrf = session.current ? session.current.csrf : null;
  try {
    if (csrf) await send('DELETE', '/api/session');
  } finally {
    session.current = null;
    forget(csrf);
  }
}

/**
 * Asks whether this tab's session is still open (the event stream was refused: EventSource does not say why); when
 * the runtime refuses it, the sign-in is shown. Other failures are ignored (the stream retries).
 */
export async function check() {
  const csrf = session.current ? session.current.csrf : null;
  if (!csrf) return;
  try {
    await send('GET', '/api/session');
  } catch (e) {
    if (e.status === 401 || e.status === 403) signedOut(csrf);
  }
}

/** The URL of the event stream: EventSource sends no header, so the CSRF value goes as the parameter `csrf`. */
export function eventsUrl() {
  return url('/api/events', { csrf: session.current ? session.current.csrf : null });
}

/** Whether the session may change things. */
export function isAdmin() {
  return session.current?.role === 'admin';
}

/** The session of `csrf` is gone: unless this tab has another one by now, it is dropped and the sign-in shown. */
function signedOut(csrf) {
  if (!csrf || !session.current || session.current.csrf !== csrf) return;
  session.current = null;
  forget(csrf);
  for (const fn of listeners) fn();
}

/** The path of a plugin: its id encoded as one segment. */
export function pluginPath(id, ...rest) {
  return ['/api/plugins', encodeURIComponent(id), ...rest].join('/');
}
