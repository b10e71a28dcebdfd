// The REST API as the console uses it: the session (cookie + CSRF token), JSON in and out, problems as ApiError.

/** The signed-in session: {name, role, csrf, expires}, or null. */
export const session = { current: null };

const listeners = new Set();

/** Called with no argument whenever a request finds the session gone (401): the app shows the sign-in. */
export function onSignedOut(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
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
  if (method !== 'GET' && method !== 'HEAD' && session.current) {
    headers['X-Plinth-CSRF'] = session.current.csrf;
  }
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
    if (response.status === 401 && path !== '/api/session') signedOut();
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

/** Signs in with a token; the session document. */
export async function signIn(token) {
  const doc = await send('POST', '/api/session', { json: { token } });
  session.current = doc;
  return doc;
}

/** The session of the cookie, or null when there is none. */
export async function resume() {
  try {
    session.current = await send('GET', '/api/session');
  } catch (e) {
    if (e.status === 401) {
      session.current = null;
    } else {
      throw e;
    }
  }
  return session.current;
}

/** Ends the session on the server and here. */
export async function signOut() {
  try {
    if (session.current) await send('DELETE', '/api/session');
  } finally {
    session.current = null;
  }
}

/** Whether the session may change things. */
export function isAdmin() {
  return session.current?.role === 'admin';
}

function signedOut() {
  session.current = null;
  for (const fn of listeners) fn();
}

/** The path of a plugin: its id encoded as one segment. */
export function pluginPath(id, ...rest) {
  return ['/api/plugins', encodeURIComponent(id), ...rest].join('/');
}
