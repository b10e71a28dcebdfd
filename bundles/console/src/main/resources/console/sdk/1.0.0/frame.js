// The console SDK 1.0.0 in a sandboxed frame: the frame document the console generates for a plugin's slot loads
// this module. It takes the first connect message from the console (window.parent, nothing else), builds the SDK
// over the MessageChannel port it carries, imports the plugin's entry module (the html element's data-entry),
// calls its mount(root, sdk), and reports the height of its content so that the console sizes the frame.

import { buildSdk, SDK_VERSION } from './sdk.js';

const html = document.documentElement;
const parentWindow = window.parent;
let connected = false;

window.addEventListener('message', (event) => {
  if (connected || event.source !== parentWindow || parentWindow === window) return;
  const data = event.data;
  if (!data || typeof data !== 'object' || data.type !== 'plinth:connect' || data.sdk !== SDK_VERSION) return;
  if (!event.ports || event.ports.length !== 1) return;
  connected = true;
  start(data, event.ports[0]);
});

function applyTheme(theme) {
  if (!theme || typeof theme !== 'object') return;
  html.dataset.theme = theme.mode === 'dark' ? 'dark' : 'light';
  const vars = theme.vars && typeof theme.vars === 'object' ? theme.vars : {};
  for (const name of Object.keys(vars)) {
    if (/^--[a-z0-9-]+$/.test(name) && typeof vars[name] === 'string') html.style.setProperty(name, vars[name]);
  }
}

function start(hello, port) {
  const pending = new Map();
  const subscribers = new Map();
  const themeFns = new Set();
  let next = 1;

  port.onmessage = (message) => {
    const data = message.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'answer' && pending.has(data.id)) {
      const { resolve, reject } = pending.get(data.id);
      pending.delete(data.id);
      if (data.ok) resolve(data.value);
      else reject(new Error(typeof data.error === 'string' ? data.error : 'refused'));
    } else if (data.type === 'event' && subscribers.has(data.sub)) {
      try {
        subscribers.get(data.sub)(data.event);
      } catch (e) {
        console.error(e);
      }
    } else if (data.type === 'theme') {
      applyTheme(data.theme);
      for (const fn of [...themeFns]) fn(data.theme);
    }
  };

  function post(message) {
    port.postMessage(message);
  }

  function call(op, args) {
    return new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      try {
        post({ type: 'call', id, op, args });
      } catch (e) {
        pending.delete(id);
        reject(new Error(`the request cannot be sent: ${e.message}`));
      }
    });
  }

  function subscribe(fn) {
    const sub = next++;
    subscribers.set(sub, fn);
    post({ type: 'subscribe', sub });
    return () => {
      if (subscribers.delete(sub)) post({ type: 'unsubscribe', sub });
    };
  }

  function themes(fn) {
    themeFns.add(fn);
    return () => themeFns.delete(fn);
  }

  applyTheme(hello.theme);
  const slot = html.dataset.slot;
  const sdk = buildSdk({ plugin: { id: String(hello.plugin), version: String(hello.version) }, slot,
    tier: 'sandboxed', role: hello.role, theme: hello.theme }, call, subscribe, themes);

  if (typeof ResizeObserver === 'function') {
    let last = -1;
    new ResizeObserver(() => {
      const height = Math.ceil(html.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        post({ type: 'resize', height });
      }
    }).observe(html);
  }

  const entry = html.dataset.entry || '';
  if (!entry.startsWith('/console/plugins/')) {
    post({ type: 'failed', message: 'the frame names no module of a plugin' });
    return;
  }
  import(entry).then((module) => {
    if (typeof module.mount !== 'function') throw new Error('its module exports no mount(root, sdk)');
    const cleanup = module.mount(document.getElementById('plinth-root'), sdk);
    if (typeof cleanup === 'function') window.addEventListener('pagehide', () => cleanup());
    post({ type: 'mounted' });
  }).catch((e) => {
    console.error(e);
    post({ type: 'failed', message: e && e.message ? String(e.message) : String(e) });
  });
}
