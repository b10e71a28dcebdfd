// The console's entry: signs in (or resumes the session kept by this origin), then shows the routes; follows the
// other tabs' sign-in and sign-out.

import { h, clear } from './dom.js';
import { session, resume, signOut, onSignedOut, onOtherTab, drop, trustedRan } from './api.js';
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

// The tabs of this origin share the cookie and the kept session: another tab's sign-in replaced this tab's cookie
// (its session is now this tab's too), another tab's sign-out ended it.
// api.js has taken the other tab's session when fn gets one.
onOtherTab((taken) => {
  if (!taken) {
    if (session.current) {
      drop();
      showSignIn('You signed out in another tab.');
    }
  } else {
    if (stopRouter) stopRouter();
    stopRouter = null;
    for (const dialog of document.querySelectorAll('dialog')) dialog.close();
    events.reopen();
    signedIn();
  }
});

resume().then((doc) => (doc ? signedIn() : showSignIn()), (e) => {
  showSignIn(`The runtime cannot be reached: ${e.detail || e.message}`);
});
