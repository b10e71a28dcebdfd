// The console's entry: signs in (or resumes the session this tab kept across its reload), then shows the routes.
// Each tab has a session of its own: another tab's sign-in or sign-out changes nothing here.

import { h, clear } from './dom.js';
import { session, resume, signOut, onSignedOut, trustedRan } from './api.js';
import * as events from './events.js';
import * as router from './router.js';
import * as extensions from './extensions.js';
import { plan } from './plan.js';
import * as signin from './views/signin.js';

const main = document.getElementById('main');
const top = document.getElementById('top');
const whoami = document.getElementById('whoami');
let stopRouter = null;

function context() {
  return { session: session.current, navigate: router.navigate, onPluginEvent: events.onPluginEvent, plan };
}

function signedIn() {
  top.hidden = false;
  whoami.textContent = `${session.current.name} \u00b7 ${session.current.role}`;
  document.body.dataset.role = session.current.role;
  if (!stopRouter) {
    extensions.start(context());
    stopRouter = router.start(main, context);
  }
}

function showSignIn(message) {
  if (trustedRan()) {
    // a trusted plugin's code ran in this page: the sign-in happens in a page loaded afresh (it says why)
    location.reload();
    return;
  }
  if (stopRouter) stopRouter();
  stopRouter = null;
  extensions.stop();
  events.close();
  for (const dialog of document.querySelectorAll('dialog')) dialog.close();
  top.hidden = true;
  whoami.textContent = '';
  delete document.body.dataset.role;
  clear(main);
  const container = h('section', { class: 'view view-signin' });
  main.appendChild(container);
  signin.render(container, { message }, { onSignedIn: signedIn });
}

document.getElementById('signout').addEventListener('click', async () => {
  try {
    await signOut();
  } catch (e) {
    console.error(e);
  }
  showSignIn('Signed out.');
});

onSignedOut(() => showSignIn('Your session ended: sign in again.'));

resume().then((doc) => (doc ? signedIn() : showSignIn()), (e) => {
  showSignIn(`The runtime cannot be reached: ${e.detail || e.message}`);
});
