// The sample's page in the console's navigation ("Greetings", route #/ext/dev.plinth.sample.pages): the notes of its
// REST route, read and added through the SDK (sdk.fetch calls /api/plugin/dev.plinth.sample.pages/<path> with the
// operator's session), and the plugin's events as they come.
import { VERSION } from './version.js';
import { el, show, failure } from './ui.js';

export function mount(root, sdk) {
  const version = el(root, 'span', { 'data-test': 'pages-version' }, VERSION);
  const greeting = el(root, 'p', { 'data-test': 'pages-greeting' });
  const notes = el(root, 'ul', { 'data-test': 'pages-notes' });
  const status = el(root, 'p', { 'data-test': 'pages-status', role: 'status' });
  const events = el(root, 'p', { 'data-test': 'pages-events' }, 'No event of this plugin yet.');
  const text = el(root, 'input', { name: 'text', maxlength: '200', required: '', 'aria-label': 'Note' });
  const form = el(root, 'form', { 'data-test': 'pages-form' }, text,
    el(root, 'button', { type: 'submit', 'data-test': 'pages-add' }, 'Add note'));

  async function load() {
    const answer = await sdk.fetch('notes');
    if (!answer.ok) {
      show(status, failure(answer));
      return;
    }
    show(greeting, `${answer.json.greeting} from the sample's route (plugin ${answer.json.version}).`);
    show(notes, ...answer.json.notes.map((note) => el(root, 'li', {}, note)));
    notes.dataset.count = String(answer.json.notes.length);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await sdk.fetch('notes', { method: 'POST', body: text.value, contentType: 'text/plain' });
    show(status, answer.ok ? 'Added.' : failure(answer));
    if (answer.ok) {
      text.value = '';
      await load();
    }
  });

  const unsubscribe = sdk.events.subscribe((change) => {
    show(events, `Last event: ${change.verb} ${change.outcome}` + (change.version ? ` (${change.version})` : ''));
  });

  // The console shows the page's title ("Greetings") above it.
  show(root, el(root, 'p', {}, 'Version ', version, ` of ${sdk.plugin.id}, `
    + `running ${sdk.tier}.`), greeting, notes, form, status, events);
  load().catch((error) => show(status, `The notes could not be read: ${error.message}`));
  return () => unsubscribe();
}
