// One EventSource on /api/events for the whole console, reconnecting with a growing pause. EventSource sends no
// header: the session's CSRF value goes as the query parameter `csrf` (api.eventsUrl).

import { session, eventsUrl, check } from './api.js';

const handlers = new Set();
let source = null;
let retry = 1000;
let timer = null;

function open() {
  if (source || handlers.size === 0 || !session.current) return;
  source = new EventSource(eventsUrl());
  source.onopen = () => { retry = 1000; };
  source.onmessage = deliver;
  for (const verb of ['install', 'enable', 'disable', 'upgrade', 'rollback', 'remove', 'update', 'apply', 'refresh', 'settings']) {
    source.addEventListener(verb, deliver);
  }
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      source = null;
      check();
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

/** Closes the stream (at sign-out). */
export function close() {
  clearTimeout(timer);
  if (source) source.close();
  source = null;
}

/** Opens the stream again with the session's CSRF value of now (another tab signed in), if anyone follows it. */
export function reopen() {
  close();
  retry = 1000;
  open();
}
