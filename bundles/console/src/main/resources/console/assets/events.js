// One event stream on /api/events for the whole console (api.openEventStream: the CSRF value goes as a header,
// never in a URL), opened again with a growing pause after it ends or is refused.

import { session, openEventStream, check } from './api.js';

const parseJson = JSON.parse;
const VERBS = new Set(['message', 'install', 'enable', 'disable', 'upgrade', 'rollback', 'remove', 'update', 'apply',
  'refresh', 'settings']);

const handlers = new Set();
let stop = null;
let retry = 1000;
let timer = null;
let opened = false;
let failures = 0;
let poll = null;

/** Every 15 s while the stream is refused, the views read again what they show. */
const POLL_MS = 15000;

function open() {
  if (stop || handlers.size === 0 || !session.current) return;
  let live_ = false;
  stop = openEventStream({
    open: () => {
      live_ = true;
      retry = 1000;
      failures = 0;
      live(true);
      // After a gap (a restart, a refused stream) the views read again what changed meanwhile.
      if (opened) deliver('resync', '{"verb":"resync","resync":true}');
      opened = true;
    },
    event: (type, data) => {
      if (VERBS.has(type)) deliver(type, data);
    },
    end: (status) => {
      stop = null;
      if (!live_) {
        failures++;
        if (status === 401 || status === 403) {
          check().then(() => {
            if (session.current && failures >= 2) live(false);
          });
        } else if (failures >= 2) {
          live(false);
        }
      }
      clearTimeout(timer);
      timer = setTimeout(open, live_ ? 1000 : retry);
      if (!live_) retry = Math.min(retry * 2, 30000);
    },
  });
}

function deliver(type, data) {
  let event = null;
  try {
    event = parseJson(data);
  } catch (e) {
    event = { verb: type };
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
    poll = setInterval(() => deliver('resync', '{"verb":"resync","resync":true}'), POLL_MS);
  }
}

/** Closes the stream (at sign-out). */
export function close() {
  clearTimeout(timer);
  live(true);
  opened = false;
  failures = 0;
  if (stop) stop();
  stop = null;
}
