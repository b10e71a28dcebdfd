// The sample's panel on its own plugin page (#/plugins/dev.plinth.sample.pages): how many notes it holds, from its
// REST route, and a link to its page.
import { VERSION } from './version.js';
import { el, show, failure } from './ui.js';

export function mount(root, sdk) {
  const count = el(root, 'p', { 'data-test': 'pages-panel-count' }, 'Counting the notes...');
  const open = el(root, 'button', { type: 'button', 'data-test': 'pages-open' }, 'Open the Greetings page');
  open.addEventListener('click', () => sdk.navigate(`#/ext/${sdk.plugin.id}`));
  show(root, el(root, 'p', {}, 'Panel of version ', el(root, 'span', { 'data-test': 'pages-version' }, VERSION)),
    count, open);
  sdk.fetch('notes').then((answer) => {
    show(count, answer.ok ? `${answer.json.notes.length} note(s), greeting "${answer.json.greeting}".`
      : failure(answer));
  }, (error) => show(count, error.message));
}
