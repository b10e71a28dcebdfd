// node bundles/console/src/test/js/model.test.mjs
import { load, check, done } from './load.mjs';

const m = await load('views/model.js');

// plans
check(JSON.stringify(m.refreshEntry('dev.plinth.sample.versioned 1.0.0')) === '{"id":"dev.plinth.sample.versioned","version":"1.0.0"}',
    'a refresh entry is an id and a version');
check(m.refreshEntry('lonely').id === 'lonely' && m.refreshEntry('lonely').version === '', 'an entry without a version');
const plan = {
    steps: [{ action: 'stop', id: 'a', version: '1' }, { action: 'update', id: 'a', version: '2' }, { action: 'start', id: 'b', version: '1' }],
    refresh: ['a 1.0.0', 'c 2.0.0'],
};
check(JSON.stringify(m.planIds(plan)) === '["a","b","c"]', 'a plan touches its steps\' and refresh ids, each once');
check(m.planIds(null).length === 0, 'no plan touches nothing');

// refusals
const known = new Map([['dev.plinth.sample.greeting', {}], ['dev.plinth.sample.greeter.en', {}], ['dev.plinth.sample.greeter.fr', {}]]);
const named = m.idsInText(['cannot remove dev.plinth.sample.greeting: plugins depend on it: dev.plinth.sample.greeter.en, '
    + 'dev.plinth.sample.greeter.fr (remove them first, or use --cascade)'], known, 'dev.plinth.sample.greeting');
check(JSON.stringify(named) === '["dev.plinth.sample.greeter.en","dev.plinth.sample.greeter.fr"]',
    'a HAS_DEPENDENTS refusal names the dependents, not the target');
check(m.idsInText(['dev.plinth.sample.greeter.en 1.0.0 needs package x, which dev.plinth.sample.greeting 2.0.0 does not offer.'],
    known, 'dev.plinth.sample.greeting').length === 1, 'an upgrade refusal names the dependent in its detail');
check(m.idsInText([undefined, null], known, 'x').length === 0, 'no text names nothing');

// dry runs
check(JSON.stringify(m.dryRunRequest('disable', 'a.b')) === '{"method":"POST","path":"/api/plugins/a.b/disable","query":{"dryRun":"true"}}',
    'disable asks POST .../disable?dryRun');
check(m.dryRunRequest('remove', 'a').method === 'DELETE' && m.dryRunRequest('remove', 'a').path === '/api/plugins/a', 'remove asks DELETE');
check(m.dryRunRequest('upgrade', 'a') === null && m.dryRunRequest('install', 'a') === null, 'upgrade and install have no dry run without a file');

// history
check(JSON.stringify(m.historyQuery({ by: ' ops ', verb: 'install', target: '', outcome: 'rolled-back' }))
    === '{"limit":"1000","by":"ops","verb":"install","outcome":"rolled-back"}', 'filters: trimmed, blank ones left out');
const entries = [{ sequence: 1 }, { sequence: 3 }, { sequence: 2 }];
check(m.newestFirst(entries).map((e) => e.sequence).join() === '3,2,1', 'newest first');
check(m.newerThan(entries, 1).map((e) => e.sequence).join() === '3,2', 'only what is newer than shown');
check(JSON.stringify(m.who({ by: 'ops', channel: 'rest' })) === '{"by":"ops","channel":"rest"}', 'who from by and channel');
check(JSON.stringify(m.who({ origin: 'shell:alice' })) === '{"by":"alice","channel":"shell"}', 'who from an origin with a name');
check(JSON.stringify(m.who({ origin: 'deploy' })) === '{"by":"deploy","channel":"deploy"}', 'who from a bare origin');
check(m.versions('1.0.0', '2.0.0') === '1.0.0 \u2192 2.0.0' && m.versions(null, '1.0.0') === '- \u2192 1.0.0' && m.versions(null, null) === '',
    'versions from and to');
check(m.localTime('not a time') === 'not a time' && m.localTime('2026-12-05T09:00:00Z') !== '', 'times');

// catalogue
const applied = m.changesAsAnswer({ simulated: true, changes: [
    { action: 'upgrade', id: 'v', from: '2.0.0', to: '1.0.0', detail: null },
    { action: 'remove', id: 'r', from: '1.0.0', to: null, detail: null },
    { action: 'settings', id: 's', from: '1.0.0', to: '1.0.0', detail: 'pid.a host, port' }] }, null);
check(applied.plan.simulated && applied.plan.steps.length === 3 && applied.changes.length === 3, 'apply changes become plan steps');
check(applied.plan.steps[0].version === '1.0.0' && applied.plan.steps[0].reason === '2.0.0 \u2192 1.0.0', 'a version change says from and to');
check(applied.plan.steps[1].version === '1.0.0' && applied.plan.steps[2].reason === 'pid.a host, port', 'removals and settings');
const joined = m.joinAnswers([{ plan: { steps: [{ id: 'a' }], refresh: ['x 1'] } }, { plan: { steps: [{ id: 'b' }], refresh: ['x 1', 'y 2'] } }],
    'upgrade', null);
check(joined.plan.steps.length === 2 && joined.plan.refresh.join() === 'x 1,y 2' && joined.plan.simulated, 'dry runs joined');
check(m.updatable([{ id: 'a', pinned: true }, { id: 'b', pinned: false }]).map((e) => e.id).join() === 'b', 'pinned plugins are not updated');

done();
