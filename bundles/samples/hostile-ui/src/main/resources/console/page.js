// A hostile plugin page: on mount it tries, one after the other, what a plugin's UI must not do, and shows how each
// attempt ended as text in [data-test=attempt-<name>]: "blocked: <why>" or "succeeded: <what>". In the console's
// default (sandboxed) tier every attempt is blocked; as a trusted plugin every one but "top" is (navigating the page
// is what trusting a plugin allows, so that attempt is left out there).

const SESSION_KEY = 'plinth.console.session';
const WAIT_MS = 5000;

export function mount(root, sdk) {
  const doc = root.ownerDocument;
  const text = (tag, attributes, content) => {
    const element = doc.createElement(tag);
    Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
    element.textContent = content;
    return element;
  };
  const list = doc.createElement('ul');
  const target = text('p', { 'data-test': 'hostile-target' }, 'Asking its own route for a target...');
  const done = text('p', { 'data-test': 'attempts-pending' }, 'Trying...');
  root.replaceChildren(text('p', {}, `Tier: ${sdk.tier}`), target, list, done);

  const report = (name, outcome) => {
    const item = doc.createElement('li');
    item.append(text('strong', {}, `${name}: `), text('span', { 'data-test': `attempt-${name}` }, outcome));
    list.append(item);
    return outcome;
  };
  const why = (error) => `${error && error.name ? error.name + ': ' : ''}${error && error.message ? error.message : error}`;

  async function run() {
    let url = 'http://127.0.0.1:9/hostile.js';
    try {
      const answer = await sdk.fetch('target');
      if (answer.ok && answer.json && typeof answer.json.url === 'string') {
        url = answer.json.url;
      }
      target.textContent = `Its own route answered ${answer.status}: ${url}`;
    } catch (error) {
      target.textContent = `Its own route failed: ${why(error)}`;
    }
    const attempts = [
      ['cookie', cookie], ['management', management], ['escape', escape], ['console-module', consoleModule],
      ['storage', storage], ['script', () => script(url)], ['popup', popup], ['timing', timing],
    ];
    if (sdk.tier === 'sandboxed') {
      attempts.push(['top', () => top(url)]);
    }
    let blocked = 0;
    for (const [name, attempt] of attempts) {
      let outcome;
      try {
        outcome = await attempt();
      } catch (error) {
        outcome = `blocked: ${why(error)}`;
      }
      if (report(name, outcome).startsWith('blocked:')) {
        blocked += 1;
      }
    }
    done.setAttribute('data-test', 'attempts-done');
    done.textContent = `${attempts.length} attempts, ${blocked} blocked.`;
  }

  function cookie() {
    const cookies = doc.cookie;
    return cookies.includes('plinth-session') ? `succeeded: read the session cookie (${cookies.length} characters)`
      : `blocked: document.cookie holds no session cookie (${cookies ? 'other cookies only' : 'it is empty'})`;
  }

  async function management() {
    const outcomes = [];
    for (const [path, method] of [['/api/plugins', 'GET'], [`/api/plugins/${sdk.plugin.id}/disable`, 'POST']]) {
      try {
        const answer = await fetch(path, { method, credentials: 'include' });
        if (answer.ok) {
          return `succeeded: ${method} ${path} answered ${answer.status}`;
        }
        outcomes.push(`${method} ${path} answered ${answer.status}`);
      } catch (error) {
        outcomes.push(`${method} ${path}: ${why(error)}`);
      }
    }
    return `blocked: ${outcomes.join('; ')}`;
  }

  async function escape() {
    const refusals = [];
    for (const path of ['../../plugins', '%2e%2e/%2e%2e/plugins', '..%2F..%2Fplugins', '/api/plugins',
      '//127.0.0.1/api/plugins', 'a/../../../plugins', '..\\..\\plugins']) {
      try {
        // Its only route is "target": any other path that answers 2xx reached something that is not its own.
        const answer = await sdk.fetch(path);
        if (answer.ok) {
          return `succeeded: the console forwarded ${path} and it answered ${answer.status}`;
        }
        refusals.push(`${path} answered ${answer.status}`);
      } catch (error) {
        refusals.push(error.message);
      }
    }
    return `blocked: ${[...new Set(refusals)].join('; ')}`;
  }

  async function consoleModule() {
    const module = await import('/console/assets/api.js');
    return `succeeded: imported the console's api.js (${Object.keys(module).join(', ')})`;
  }

  // The console keeps its session in its tab's sessionStorage; localStorage is tried too (shared by the origin's tabs).
  function storage() {
    const view = doc.defaultView;
    const found = [];
    for (const [name, area] of [['sessionStorage', () => view.sessionStorage], ['localStorage', () => view.localStorage]]) {
      const kept = area().getItem(SESSION_KEY);
      let csrf = null;
      try {
        csrf = kept && JSON.parse(kept).csrf;
      } catch (error) {
        csrf = null;
      }
      if (csrf) return `succeeded: read the session's CSRF value from ${name}`;
      found.push(`${name}: ${kept === null ? 'no session entry' : 'an entry without one'}`);
    }
    return `blocked: no CSRF value in storage (${found.join(', ')})`;
  }

  function script(url) {
    return new Promise((resolve) => {
      const element = doc.createElement('script');
      const timer = setTimeout(() => resolve(`blocked: nothing loaded within ${WAIT_MS} ms`), WAIT_MS);
      element.addEventListener('load', () => {
        clearTimeout(timer);
        resolve(`succeeded: loaded ${url}`);
      });
      element.addEventListener('error', () => {
        clearTimeout(timer);
        resolve(`blocked: the browser did not load ${url}`);
      });
      element.src = url;
      doc.head.append(element);
    });
  }

  function popup() {
    const opened = doc.defaultView.open('/console/#/plugins', '_blank');
    if (!opened) {
      return 'blocked: no window was opened';
    }
    try {
      const title = opened.document.title;
      opened.close();
      return `succeeded: opened a console window and read its document ("${title}")`;
    } catch (error) {
      opened.close();
      return `blocked: a window opened, but its document cannot be read (${why(error)})`;
    }
  }

  // The page's resource timing lists every URL the page asked for: a CSRF value in a URL would be readable here.
  async function timing() {
    const view = doc.defaultView;
    const leaked = view.performance.getEntriesByType('resource').map((entry) => entry.name)
      .filter((name) => /[?&]csrf=/.test(name));
    return leaked.length ? `succeeded: a URL with a CSRF value: ${leaked[0].replace(/csrf=[^&]*/, 'csrf=...')}`
      : 'blocked: no URL the page asked for carries a CSRF value';
  }

  function top(url) {
    doc.defaultView.top.location.href = url + (url.includes('?') ? '&' : '?') + 'top';
    // No error: the navigation may be under way, this page about to go with the console's. Still here a while
    // later, it did not happen.
    return new Promise((resolve) => setTimeout(() => resolve(
      `blocked: no error, but the console's window is still here after ${WAIT_MS} ms`), WAIT_MS));
  }

  run();
}
