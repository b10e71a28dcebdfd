// The settings of a plugin as forms, one per configuration: sends only the changed keys, shows refusals per field.

import { h, clear, append } from '../dom.js';
import { send, isAdmin, pluginPath } from '../api.js';

const NUMBERS = new Set(['integer', 'long', 'short', 'byte', 'biginteger']);
const DECIMALS = new Set(['double', 'float', 'bigdecimal']);

/** The forms of a settings view; onSaved(view) gets the settings after a change. */
export function settingsForms(view, id, onSaved) {
  const parts = [];
  if (view.status === 'misconfigured') {
    parts.push(h('div', { class: 'problem', 'data-test': 'settings-status' },
      h('strong', null, 'Misconfigured: '), 'the plugin runs on its last good settings.',
      h('ul', null, (view.problems || []).map((p) => h('li', null, p)))));
  }
  const configurations = view.configurations || [];
  if (configurations.length === 0) {
    parts.push(h('p', { class: 'muted' }, 'This plugin describes no settings.'));
  }
  for (const configuration of configurations) parts.push(settingsForm(configuration, id, onSaved));
  return parts;
}

function settingsForm(configuration, id, onSaved) {
  const admin = isAdmin();
  const fields = configuration.settings.map((s) => field(s, configuration, admin));
  const error = h('div', { 'data-test': 'settings-error', class: 'problem', role: 'alert', hidden: true });
  const status = h('p', { class: 'muted', 'data-test': 'settings-saved', 'aria-live': 'polite' });
  const save = admin ? h('button', { type: 'submit', class: 'primary', 'data-test': 'settings-save' }, 'Save') : null;
  const newFactory = configuration.factoryPid && configuration.pid === configuration.factoryPid;
  const factoryName = newFactory && admin ? h('input', { type: 'text', name: '~name', id: `factory-${configuration.pid}`,
    required: true, pattern: '[A-Za-z0-9_.\\-]{1,100}', autocomplete: 'off' }) : null;
  const remove = admin && configuration.factoryPid && !newFactory
    ? h('button', { type: 'button', class: 'danger', 'data-action': 'delete-configuration', onclick: async () => {
      if (!window.confirm(`Delete the configuration ${configuration.pid}?`)) return;
      try {
        onSaved(await send('PATCH', pluginPath(id, 'settings'), { json: { pid: configuration.pid, unset: [] } }));
      } catch (e) {
        append(clear(error), h('strong', null, e.code ? `Refused (${e.code}): ` : 'Refused: '), e.detail);
        error.hidden = false;
      }
    } }, 'Delete this configuration') : null;
  const another = admin && configuration.factoryPid && !newFactory
    ? h('button', { type: 'button', 'data-action': 'add-configuration', onclick: () => {
      if (form.nextElementSibling?.dataset.pid === configuration.factoryPid) return;
      form.after(settingsForm(template(configuration), id, onSaved));
    } }, 'Add another') : null;
  const form = h('form', { 'data-test': 'settings', 'data-pid': configuration.pid, class: 'settings', novalidate: true },
    h('h3', null, configuration.name || configuration.pid, ' ', h('code', { class: 'muted' }, configuration.pid)),
    configuration.description ? h('p', { class: 'muted' }, configuration.description) : null,
    configuration.file ? h('p', { class: 'notice' }, `Keys set in ${configuration.file} are locked: change them in that file.`) : null,
    newFactory ? h('p', { class: 'notice' }, 'A factory: each configuration of it has a name. Name a new one and save its values to add it.') : null,
    factoryName ? h('div', { class: 'field required' }, h('label', { for: factoryName.id }, 'Name of the new configuration',
      h('span', { class: 'req' }, ' *')), h('div', { class: 'control' }, factoryName),
    h('p', { class: 'help' }, '1 to 100 letters, digits, _, - and .'),
    h('p', { class: 'field-error', 'data-test': 'field-error', 'data-key': '~name', hidden: true })) : null,
    fields.map((f) => f.row), error, h('div', { class: 'form-buttons' }, save, another, remove, status));

  form.addEventListener('input', () => form.classList.add('dirty'));
  form.addEventListener('change', () => form.classList.add('dirty'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!admin) return;
    error.hidden = true;
    status.textContent = '';
    for (const f of fields) f.showError(null);
    const unreadable = fields.filter((f) => {
      const reason = f.unreadable();
      f.showError(reason);
      return reason !== null;
    });
    if (unreadable.length) {
      append(clear(error), h('strong', null, 'Not saved: '), 'a value cannot be read; nothing was changed.');
      error.hidden = false;
      return;
    }
    const set = {};
    const unset = [];
    for (const f of fields) {
      const change = f.change();
      if (change === undefined) continue;
      if (change === null) unset.push(f.key);
      else set[f.key] = change;
    }
    if (Object.keys(set).length === 0 && unset.length === 0) {
      status.textContent = 'Nothing changed.';
      return;
    }
    let pid = configuration.pid;
    if (factoryName) {
      const nameError = form.querySelector('[data-test=field-error][data-key="~name"]');
      if (!/^[A-Za-z0-9_.-]{1,100}$/.test(factoryName.value)) {
        nameError.textContent = 'a name of 1 to 100 letters, digits, _, - and . is needed';
        nameError.hidden = false;
        return;
      }
      nameError.hidden = true;
      pid = `${configuration.factoryPid}~${factoryName.value}`;
    }
    save.disabled = true;
    try {
      let after = null;
      if (Object.keys(set).length) after = await send('PATCH', pluginPath(id, 'settings'), { json: { pid, set } });
      if (unset.length) after = await send('PATCH', pluginPath(id, 'settings'), { json: { pid, unset } });
      onSaved(after);
    } catch (e) {
      save.disabled = false;
      append(clear(error), h('strong', null, e.code ? `Refused (${e.code}): ` : 'Refused: '), e.detail);
      error.hidden = false;
      for (const r of e.refusals || []) {
        if (r.pid && r.pid !== pid) continue;
        const f = fields.find((x) => x.key === r.key);
        if (f) f.showError(r.reason);
      }
    }
  });
  return form;
}

function field(s, configuration, admin) {
  const locked = s.source === 'file';
  const disabled = !admin || locked;
  const inputId = `setting-${configuration.pid}-${s.key}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const initial = s.value || [];
  let input;
  let read;
  if (s.secret) {
    input = h('input', { type: 'password', name: s.key, id: inputId, autocomplete: 'new-password', disabled,
      placeholder: s.set ? 'unchanged' : '' });
    input.value = '';
    read = () => (input.value === '' ? undefined : input.value);
  } else if ((s.options || []).length) {
    input = h('select', { name: s.key, id: inputId, multiple: s.multiple, disabled },
      !s.multiple && !s.required ? h('option', { value: '' }, '') : null,
      s.options.map((o) => h('option', { value: o.value, selected: initial.includes(o.value) }, o.label || o.value)));
    read = () => {
      const chosen = [...input.selectedOptions].map((o) => o.value);
      if (s.multiple) return same(chosen, initial) ? undefined : chosen;
      return single(chosen[0] ?? '', initial);
    };
  } else if (s.type === 'boolean' && !s.multiple) {
    input = h('input', { type: 'checkbox', name: s.key, id: inputId, disabled, checked: initial[0] === 'true' });
    read = () => (String(input.checked) === (initial[0] ?? 'false') ? undefined : String(input.checked));
  } else if (s.multiple) {
    input = h('textarea', { name: s.key, id: inputId, rows: Math.max(2, initial.length + 1), disabled,
      'aria-describedby': `${inputId}-help` });
    input.value = initial.join('\n');
    read = () => {
      const values = input.value.split('\n').map((v) => v.trim()).filter((v) => v !== '');
      return same(values, initial) ? undefined : values;
    };
  } else {
    const type = NUMBERS.has(s.type) || DECIMALS.has(s.type) ? 'number' : 'text';
    input = h('input', { type, name: s.key, id: inputId, disabled, step: DECIMALS.has(s.type) ? 'any' : null,
      required: s.required });
    input.value = initial[0] ?? '';
    read = () => single(input.value, initial);
  }
  const fieldError = h('p', { class: 'field-error', 'data-test': 'field-error', 'data-key': s.key, hidden: true });
  const row = h('div', { class: ['field', locked ? 'locked' : null, s.required ? 'required' : null], 'data-key': s.key },
    h('label', { for: inputId }, s.name || s.key, s.required ? h('span', { class: 'req', title: 'required' }, ' *') : null,
      ' ', h('code', { class: 'key' }, s.key)),
    h('div', { class: 'control' }, input,
      s.secret ? h('span', { class: `badge secret ${s.set ? 'set' : 'unset'}`, 'data-test': 'secret-state' }, s.set ? 'set' : 'not set') : null),
    h('p', { class: 'help', id: `${inputId}-help` },
      `${s.type}${s.multiple ? ', several values (one a line)' : ''} \u00b7 source: ${s.source}`,
      (s.defaults || []).length && !s.secret ? ` \u00b7 default: ${s.defaults.join(', ')}` : '',
      locked ? ` \u00b7 locked: set in ${configuration.file || 'a file of etc/'}` : '',
      s.description ? h('span', { class: 'desc' }, ` \u2014 ${s.description}`) : null),
    fieldError);
  return {
    key: s.key,
    row,
    change: () => (disabled ? undefined : read()),
    /** Why the browser cannot read the field's text as its type (a half-typed number), or null. */
    unreadable: () => (!disabled && input.validity && input.validity.badInput ? `not a value of type ${s.type}` : null),
    showError(reason) {
      fieldError.textContent = reason || '';
      fieldError.hidden = !reason;
      row.classList.toggle('invalid', Boolean(reason));
    },
  };
}

/** A new configuration of the factory of an existing one: its keys with their defaults, nothing set. */
function template(configuration) {
  return { ...configuration, pid: configuration.factoryPid, file: null,
    settings: configuration.settings.map((s) => ({ ...s, value: s.secret ? [] : [...(s.defaults || [])], set: false,
      source: 'default' })) };
}

/** A single value's change: undefined when unchanged, null to unset (emptied), the text otherwise. */
function single(value, initial) {
  const before = initial[0] ?? '';
  if (value === before) return undefined;
  return value === '' ? null : value;
}

function same(a, b) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
