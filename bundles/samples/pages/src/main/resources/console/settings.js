// The sample's editor of its settings, on its plugin page in place of the generated form: one field for the
// greeting; "Save" proposes the change, and the console shows its plan before anything is stored.
import { VERSION } from './version.js';
import { el, show } from './ui.js';

const PID = 'sample.pages';

export function mount(root, sdk) {
  const field = el(root, 'input', { name: 'greeting', maxlength: '40', 'aria-label': 'Greeting',
    'data-test': 'pages-greeting-field' });
  const status = el(root, 'p', { 'data-test': 'pages-settings-status', role: 'status' });
  const form = el(root, 'form', { 'data-test': 'pages-settings' },
    el(root, 'label', {}, 'Greeting ', field),
    el(root, 'button', { type: 'submit', 'data-test': 'pages-settings-save' }, 'Save'));

  async function load() {
    const settings = await sdk.settings.get();
    const configuration = (settings.configurations || []).find((c) => c.pid === PID);
    const greeting = configuration && configuration.settings.find((s) => s.key === 'greeting');
    field.value = greeting && greeting.value.length ? String(greeting.value[0]) : '';
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    show(status, 'Waiting for the plan...');
    try {
      const outcome = await sdk.settings.propose({ pid: PID, set: { greeting: field.value } });
      show(status, outcome.applied ? 'Saved.' : 'Not saved.');
      await load();
    } catch (error) {
      show(status, `Not proposed: ${error.message}`);
    }
  });

  show(root, el(root, 'p', {}, `Settings editor of version ${VERSION}.`), form, status);
  load().catch((error) => show(status, `The settings could not be read: ${error.message}`));
}
