// What the graph, history, catalogue and runtime views compute from the API's answers, without the DOM
// (the tests run it under node).

/** A refresh entry of a plan, `"<id> <version>"`, as {id, version}. */
export function refreshEntry(entry) {
    const text = String(entry);
    const space = text.indexOf(' ');
    return space < 0 ? { id: text, version: '' } : { id: text.slice(0, space), version: text.slice(space + 1) };
}

/** The ids a plan touches: its steps' and its refresh radius', in that order, each once. */
export function planIds(plan) {
    const ids = [];
    const add = (id) => {
        if (id && !ids.includes(id)) {
            ids.push(id);
        }
    };
    for (const step of (plan && plan.steps) || []) {
        add(step.id);
    }
    for (const entry of (plan && plan.refresh) || []) {
        add(refreshEntry(entry).id);
    }
    return ids;
}

/**
 * The known ids a refusal names (a HAS_DEPENDENTS problem names the dependents in its detail and details):
 * every word of the texts that is one of `known`, but `except`.
 */
export function idsInText(texts, known, except) {
    const found = [];
    for (const text of texts) {
        for (const word of String(text || '').split(/[\s,;:()]+/)) {
            const id = word.replace(/\.+$/, '');
            if (id && id !== except && known.has(id) && !found.includes(id)) {
                found.push(id);
            }
        }
    }
    return found;
}

/** The dry run of a verb the graph can ask for: {method, path, query}, or null for upgrade and install. */
export function dryRunRequest(verb, id, cascade = false) {
    const path = '/api/plugins/' + encodeURIComponent(id);
    const query = { dryRun: 'true' };
    if (cascade && (verb === 'disable' || verb === 'remove')) {
        query.cascade = 'true';
    }
    switch (verb) {
        case 'enable':
        case 'disable':
        case 'rollback':
            return { method: 'POST', path: path + '/' + verb, query };
        case 'remove':
            return { method: 'DELETE', path, query };
        default:
            return null;
    }
}

/** The query of `GET /api/history` for the filters: the non-blank ones, trimmed, and the limit. */
export function historyQuery(filters, limit = 1000) {
    const query = { limit: String(limit) };
    for (const key of ['by', 'verb', 'target', 'outcome']) {
        const value = String((filters && filters[key]) || '').trim();
        if (value) {
            query[key] = value;
        }
    }
    return query;
}

/** History entries newest first (the API answers oldest first), by sequence. */
export function newestFirst(entries) {
    return [...entries].sort((a, b) => b.sequence - a.sequence);
}

/** Entries of a new answer not shown yet (sequence above the newest shown), newest first. */
export function newerThan(entries, newestShown) {
    return newestFirst(entries.filter((entry) => entry.sequence > newestShown));
}

/** Who asked, from a history entry or event: {by, channel}; the `origin` of a runtime without `by` split. */
export function who(entry) {
    if (entry.by || entry.channel) {
        return { by: entry.by || entry.channel, channel: entry.channel || '' };
    }
    const origin = entry.origin || '';
    const colon = origin.indexOf(':');
    return colon < 0 ? { by: origin, channel: origin } : { by: origin.slice(colon + 1), channel: origin.slice(0, colon) };
}

/** `from → to` of an entry's versions, '-' for a missing side, '' when it has neither. */
export function versions(from, to) {
    if (!from && !to) {
        return '';
    }
    return (from || '-') + ' \u2192 ' + (to || '-');
}

/** An ISO-8601 time as the browser's local date and time, the text itself when it cannot be read. */
export function localTime(iso) {
    const date = new Date(iso);
    if (!iso || Number.isNaN(date.getTime())) {
        return String(iso || '');
    }
    return date.toLocaleString();
}

/**
 * The answer of `POST /api/catalog/apply` ({simulated, changes}) in the shape of a verb's answer, so that the plan
 * dialog lists the changes as steps; the changes stay in `changes`.
 */
export function changesAsAnswer(answer, target) {
    const changes = (answer && answer.changes) || [];
    return {
        plan: {
            verb: 'apply', target, simulated: Boolean(answer && answer.simulated), refresh: [],
            steps: changes.map((change) => ({
                action: change.action, id: change.id, version: change.to || change.from || null,
                reason: change.detail || (change.from && change.to && change.from !== change.to
                    ? change.from + ' \u2192 ' + change.to : ''),
            })),
        },
        plugin: null,
        changes,
    };
}

/** Verb answers of several dry runs as one answer: steps and refresh radius joined, refresh entries once. */
export function joinAnswers(answers, verb, target) {
    const steps = [];
    const refresh = [];
    for (const answer of answers) {
        const plan = (answer && answer.plan) || {};
        steps.push(...(plan.steps || []));
        for (const entry of plan.refresh || []) {
            if (!refresh.includes(entry)) {
                refresh.push(entry);
            }
        }
    }
    return { plan: { verb, target, simulated: true, steps, refresh }, plugin: null };
}

/** The outdated plugins `POST /api/catalog/update` would update: the ones not pinned. */
export function updatable(outdated) {
    return outdated.filter((entry) => !entry.pinned);
}

/** Runs `fn` once `ms` after the last call. */
export function debounce(fn, ms) {
    let timer = null;
    const debounced = (...args) => {
        clearTimeout(timer);
        timer = setTimeout(() => fn(...args), ms);
    };
    debounced.cancel = () => clearTimeout(timer);
    return debounced;
}
