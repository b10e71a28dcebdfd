// One EventSource on /api/events for the whole console, reconnecting with a growing pause. EventSource sends no
// header: the session's CSRF value goes as the query parameter `csrf` (api.eventsUrl), to the EventSource constructor
// taken when this module loads.

import { session, eventsUrl, check } from './api.js';

// Taken when the console loads, before any plugin's module: the URL carrying the CSRF value goes to this
// constructor, and the stream (whose `url` carries it) is touched only through these, never through a method or
// accessor looked up later (a trusted plugin's code could have replaced one to read `this.url`).
const EventSource = globalThis.EventSource;
const apply = Reflect.apply;
const parseJson = JSON.parse;
const accessor = (ctor, name) => {
  const d = ctor ? Object.getOwnPropertyDescriptor(ctor.prototype, name) : null;
  return d ? d.get : null;
};
const listen = globalThis.EventTarget ? globalThis.EventTarget.prototype.addEventListener : null;
const closeSource = EventSource ? EventSource.prototype.close : null;
const readyStateOf = accessor(EventSource, 'readyState');
const MessageEventCtor = globalThis.MessageEvent || null;
const dataOf = accessor(MessageEventCtor, 'data');
const typeOf = accessor(globalThis.Event || null, 'type');
const CLOSED = 2;

const handlers = new Set();
let source = null;
let retry = 1000;
let timer = null;
let opened = false;
let failures = 0;
let poll = null;

/** Every 15 s while the stream is refused, the views read again what they show. */
const POLL_MS = 15000;

function open() {
  if (source || handlers.size === 0 || !session.current) return;
  const stream = new EventSource(eventsUrl());
  source = stream;
  apply(listen, stream, ['open', () => {
    retry = 1000;
    failures = 0;
    live(true);
    // After a gap (a restart, a refused stream) the views read again what changed meanwhile.
    if (opened) deliver({ type: 'resync', data: '{"verb":"resync","resync":true}' });
    opened = true;
  }]);
  for (const verb of ['message', 'install', 'enable', 'disable', 'upgrade', 'rollback', 'remove', 'update', 'apply', 'refresh', 'settings']) {
    apply(listen, stream, [verb, deliver]);
  }
  apply(listen, stream, ['error', () => {
    if (source === stream && apply(readyStateOf, stream, []) === CLOSED) {
      source = null;
      failures++;
      check().then(() => {
        if (session.current && failures >= 2) live(false);
      });
      clearTimeout(timer);
      timer = setTimeout(open, retry);
      retry = Math.min(retry * 2, 30000);
    }
  }]);
}

function deliver(message) {
  const real = MessageEventCtor && message instanceof MessageEventCtor;
  let event = null;
  try {
    event = parseJson(real ? apply(dataOf, message, []) : message.data);
  } catch (e) {
    event = { verb: real ? apply(typeOf, message, []) : message.type };
  }
  for (const fn of [...handlers]) {
    try {
      fn(event);
    } catch (e) {
      console.error(e);
    }
  }
}

/** Calls fn(event) for every plugin event (the event's JSON); returns the function that stops it. */
export function onPluginEvent(fn) {
  handlers.add(fn);
  open();
  return () => {
    handlers.delete(fn);
    if (handlers.size === 0) close();
  };
}

/** Marks the page live or not ([data-live] on the body shows the notice), polling the views while it is not. */
function live(yes) {
  if (yes) {
    delete document.body.dataset.live;
    clearInterval(poll);
    poll = null;
  } else if (!poll) {
    document.body.dataset.live = 'false';
    poll = setInterval(() => deliver({ type: 'resync', data: '{"verb":"resync","resync":true}' }), POLL_MS);
  }
}

/** Closes the stream (at sign-out). */
export function close() {
  clearTimeout(timer);
  live(true);
  opened = false;
  failures = 0;
  if (source) apply(closeSource, source, []);
  source = null;
}

/** Opens the stream again with the session's CSRF value of now (another tab signed in), if anyone follows it. */
export function reopen() {
  close();
  retry = 1000;
  open();
}
