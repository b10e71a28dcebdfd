// node bundles/console/src/test/js/api.test.mjs
// The console's session against a stubbed fetch and sessionStorage: the CSRF value of the sign-in answer is kept for
// this tab and sent with every request, reads too, and dropped when the runtime says the session is gone.
import { load, check, done } from './load.mjs';

const items = new Map();
globalThis.sessionStorage = {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
};
// the storage the origin's tabs share: the console never touches it
const shared = [];
globalThis.localStorage = new Proxy({}, { get: (target, name) => { shared.push(name); return () => null; } });
const listened = [];
globalThis.addEventListener = (type) => listened.push(type);
globalThis.removeEventListener = () => {};

const sent = [];
let answers = [];
const stubFetch = async (url, init) => {
    sent.push({ url, method: init.method, headers: init.headers, body: init.body, init });
    const [status, doc] = answers.shift() || [200, {}];
    const body = doc && doc.sse !== undefined ? new ReadableStream({ start(controller) {
        controller.enqueue(new TextEncoder().encode(doc.sse));
        controller.close();
    } }) : null;
    return { status, ok: status >= 200 && status < 300, body, text: async () => (doc === null ? '' : JSON.stringify(doc)) };
};
globalThis.fetch = stubFetch;
const answer = (...list) => { answers = list; sent.length = 0; };
// this tab signed in with the entry kept in storage (as after a reload)
const signedInWith = async (entry) => {
    items.set(KEY, JSON.stringify(entry));
    answer([200, { name: entry.name, role: entry.role }]);
    await api.resume();
};

const api = await load('api.js');
// code loaded after the console's modules (a trusted plugin's) replaces fetch: it sees nothing
const spied = [];
globalThis.fetch = async (url, init) => { spied.push(init); return { status: 200, ok: true, text: async () => '{}' }; };
const KEY = api.STORAGE_KEY;
let signedOut = 0;
api.onSignedOut(() => signedOut++);

// nothing kept: no request, the sign-in
answer();
check(await api.resume() === null && sent.length === 0, 'without a kept session the page signs in, asking nothing');

// sign-in keeps name, role and CSRF value, and never the token
answer([200, { name: 'admin', role: 'admin', csrf: 'c1/+=', expires: '2026-12-06T12:00:00Z' }]);
await api.signIn('the-token');
check(sent[0].method === 'POST' && sent[0].url === '/api/session' && !('X-Plinth-CSRF' in sent[0].headers),
    'sign-in posts the token without a CSRF header');
const kept = JSON.parse(items.get(KEY));
check(!('csrf' in api.session.current) && api.session.current.name === 'admin', 'the CSRF value is not in session.current');
check(spied.length === 0, 'a fetch replaced after the console loaded sees no request');
check(Object.getPrototypeOf(sent[0].init) === null && Object.getPrototypeOf(sent[0].headers) === null,
    'request options and headers are null-prototype objects');
check(kept.csrf === 'c1/+=' && kept.name === 'admin' && kept.role === 'admin', 'the sign-in answer is kept under ' + KEY);
check(!items.get(KEY).includes('the-token'), 'the token is not kept');

// every method carries the header
answer([200, []], [200, {}], [204, null]);
await api.get('/api/plugins');
await api.send('POST', '/api/plugins/a/disable', { query: { dryRun: 'true' } });
await api.send('HEAD', '/api/health');
check(sent.length === 3 && sent.every((r) => r.headers['X-Plinth-CSRF'] === 'c1/+='), 'GET, POST and HEAD carry X-Plinth-CSRF');

// the event stream carries it as a header, never in its URL (which the page's resource timing would list)
answer([200, { sse: ': hello\n\nevent: enable\ndata: {"verb":"enable",\ndata: "id":"a"}\r\n\r\nevent: upgrade\ndata: {"id":"b"}\n\n' }]);
const streamed = [];
let streamOpened = 0;
const streamEnd = await new Promise((resolve) => api.openEventStream(
    { open: () => streamOpened++, event: (type, data) => streamed.push([type, data]), end: resolve }));
check(sent[0].url === '/api/events' && sent[0].headers['X-Plinth-CSRF'] === 'c1/+='
    && sent[0].headers.Accept === 'text/event-stream', 'the event stream sends the CSRF header, not a parameter');
check(streamOpened === 1 && streamEnd === 0 && streamed.length === 2 && streamed[0][0] === 'enable'
    && streamed[0][1] === '{"verb":"enable",\n"id":"a"}' && streamed[1][0] === 'upgrade' && streamed[1][1] === '{"id":"b"}',
    'server-sent events are read: comments skipped, data lines joined, CRLF and LF alike');
answer([403, { code: 'CSRF_REFUSED' }]);
const refusedEnd = await new Promise((resolve) => api.openEventStream({ open: () => streamOpened++, event: () => {}, end: resolve }));
check(refusedEnd === 403 && streamOpened === 1, 'a refused stream ends with its status and never opens');

// a reload resumes the kept session, checking it with the header
api.drop();
answer([200, { name: 'admin', role: 'admin', expires: '2026-12-06T12:30:00Z' }]);
const resumed = await api.resume();
check(sent.length === 1 && sent[0].method === 'GET' && sent[0].url === '/api/session'
    && sent[0].headers['X-Plinth-CSRF'] === 'c1/+=', 'a reload checks GET /api/session with the kept header');
answer([200, []]);
await api.get('/api/plugins');
check(resumed && resumed.role === 'admin' && sent[0].headers['X-Plinth-CSRF'] === 'c1/+=', 'and is signed in with the kept value');

// a refused check drops it
for (const [status, code] of [[401, 'INVALID_SESSION'], [403, 'CSRF_REFUSED'], [401, 'MISSING_TOKEN']]) {
    items.set(KEY, JSON.stringify(kept));
    answer([status, { status, code }]);
    check(await api.resume() === null && !items.has(KEY) && api.session.current === null,
        `a reload answered ${status} ${code} drops the kept session and signs in`);
}
answer([503, { status: 503, code: 'UNAVAILABLE' }]);
items.set(KEY, JSON.stringify(kept));
let thrown = null;
try {
    await api.resume();
} catch (e) {
    thrown = e;
}
check(thrown && thrown.status === 503 && items.has(KEY), 'a runtime that cannot answer keeps the session (and says so)');

// any request answered INVALID_SESSION or CSRF_REFUSED signs out; READ_ONLY does not
for (const [status, code] of [[401, 'INVALID_SESSION'], [403, 'CSRF_REFUSED']]) {
    await signedInWith(kept);
    const before = signedOut;
    answer([status, { status, code }]);
    await api.get('/api/plugins').catch(() => null);
    check(signedOut === before + 1 && !items.has(KEY) && api.session.current === null, `${status} ${code} signs out`);
}
await signedInWith(kept);
let before = signedOut;
answer([403, { status: 403, code: 'READ_ONLY' }]);
await api.send('POST', '/api/plugins/a/disable').catch(() => null);
check(signedOut === before && items.has(KEY), 'READ_ONLY keeps the session');

// a problem keeps the answer's document (a 503 of /api/health is the health document)
answer([503, { status: 'starting', ready: false }]);
const unavailable = await api.get('/api/health').catch((e) => e);
check(unavailable.status === 503 && unavailable.body && unavailable.body.status === 'starting',
    'an answer that is not ok keeps its document');

// sign-out ends it on the server and drops it
await signedInWith(kept);
answer([204, null]);
await api.signOut();
check(sent[0].method === 'DELETE' && sent[0].headers['X-Plinth-CSRF'] === 'c1/+=' && !items.has(KEY)
    && api.session.current === null, 'sign-out deletes the session with the header and drops it');

items.set(KEY, 'not json');
check(api.storedSealed() === false && !items.has(KEY), 'a kept value that is not a session is dropped');

// a plugin's route: sent with the session, its answer whatever the status, no sign-out
await signedInWith(kept);
before = signedOut;
answers = [[404, { status: 404, code: 'NOPE' }]];
sent.length = 0;
const routeAnswer = await api.pluginRoute('dev.x', 'notes?a=1', 'POST', { n: 1 });
check(sent[0].url === '/api/plugin/dev.x/notes?a=1' && sent[0].headers['X-Plinth-CSRF'] === 'c1/+='
    && sent[0].body === '{"n":1}' && routeAnswer.status === 404 && routeAnswer.ok === false
    && typeof routeAnswer.text === 'string' && signedOut === before, 'a plugin route is sent with the session and answered as it is');

// a trusted module about to be imported: the kept session is replaced by the marker, nothing is written again
api.sealForGood();
check(items.get(KEY) === '{"sealed":true}' && api.trustedRan(), 'before a trusted module is imported, only the marker is kept');
answer([200, { name: 'admin', role: 'admin', csrf: 'c2', expires: null }]);
await api.signIn('t');
check(items.get(KEY) === '{"sealed":true}', 'a sign-in in that page writes nothing');
answer([204, null]);
await api.signOut();
check(items.get(KEY) === '{"sealed":true}', 'nor does a sign-out drop the marker');

// the tab's next load: the sign-in says why, and the session is kept again until a trusted module is imported again
globalThis.fetch = stubFetch;
const reloaded = await load('api.js', 'reloaded');
answer();
check(reloaded.storedSealed() && await reloaded.resume() === null && sent.length === 0 && !reloaded.trustedRan(),
    'the next load of the tab finds the marker and signs in, asking nothing');
answer([200, { name: 'admin', role: 'admin', csrf: 'c3', expires: null }]);
await reloaded.signIn('t');
check(JSON.parse(items.get(KEY)).csrf === 'c3' && !reloaded.storedSealed(), 'its sign-in is kept for the tab again');
reloaded.sealForGood();
check(items.get(KEY) === '{"sealed":true}', 'until a trusted module is imported again');

check(shared.length === 0 && !listened.includes('storage'), 'localStorage is never touched, no storage event listened to');
done();
