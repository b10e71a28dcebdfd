// One EventSource on /api/events for the whole console, reconnecting with a growing pause. EventSource sends no
// header: the session's CSRF value goes as the query parameter `csrf` (api.eventsUrl), to the EventSource constructor
// taken when this module loads.

import { session, eventsUrl, check } from './api.js';

// Taken when the console loads, before any plugin's module: the URL carrying the CSRF value goes to this one.
const EventSource = globalThis.EventSource;

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
  source = new EventSource(eventsUrl());
  source.onopen = () => {
    retry = 1000;
    failures = 0;
    live(true);
    // After a gap (a restart, a refused stream) the views read again what changed meanwhile.
    if (opened) deliver({ type: 'resync', data: '{"verb":"resync","resync":true}' });
    opened = true;
  };
  source.onmessage = deliver;
  for (const verb of ['install', 'enable', 'disable', 'upgrade', 'rollback', 'remove', 'update', 'apply', 'refresh', 'settings']) {
    source.addEventListener(verb, deliver);
  }
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      source = null;
      failures++;
      check().then(() => {
        if (session.current && failures >= 2) live(false);
      });
      clearTimeout(timer);
      timer = setTimeout(open, retry);
      retry = Math.min(retry * 2, 30000);
    }
  };
}

function deliver(message) {
  let event = null;
  try {
    event = JSON.parse(message.data);
  } catch (e) {
    event = { verb: message.type };
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
  if (source) source.close();
  source = null;
}

/** Opens the stream again with the session's CSRF value of now (another tab signed in), if anyone follows it. */
export function reopen() {
  close();
  retry = 1000;
  open();
}
