// The module list of GET /api/console/modules as the console uses it: checked, keyed by plugin and slot, and what
// a new list does to the slots on show. Imports nothing (the node tests load it alone).

const SLOTS = ['page', 'panel', 'settings'];
const ID = /^[A-Za-z0-9._-]+$/;
const PATH = /^\/console\/(plugins|frames)\/[A-Za-z0-9._-]+\/[A-Za-z0-9._+-]+\/[0-9a-f]{12}\/[A-Za-z0-9._/-]+$/;

/** The key of a slot: `<plugin>/<slot>`. */
export function slotKey(plugin, slot) {
  return `${plugin}/${slot}`;
}

/**
 * The modules of a module-list document, checked (a module whose plugin, slot, tier or URLs are not as the console
 * serves them is left out): a Map from slotKey to {plugin, name, version, revision, slot, title, tier, entry, frame}.
 */
export function modulesOf(doc) {
  const modules = new Map();
  const list = doc && Array.isArray(doc.modules) ? doc.modules : [];
  for (const m of list) {
    if (!m || typeof m !== 'object') continue;
    if (typeof m.plugin !== 'string' || !ID.test(m.plugin) || m.plugin === '.' || m.plugin === '..') continue;
    if (!SLOTS.includes(m.slot) || (m.tier !== 'sandboxed' && m.tier !== 'trusted')) continue;
    if (typeof m.revision !== 'string' || !m.revision) continue;
    const prefix = `/${m.plugin}/${m.revision}/`;
    if (typeof m.entry !== 'string' || !PATH.test(m.entry) || !m.entry.startsWith(`/console/plugins${prefix}`)
        || m.entry.includes('/../') || m.entry.includes('/./')) continue;
    if (typeof m.frame !== 'string' || m.frame !== `/console/frames${prefix}${m.slot}.html`) continue;
    const key = slotKey(m.plugin, m.slot);
    if (modules.has(key)) continue;
    modules.set(key, {
      plugin: m.plugin, name: typeof m.name === 'string' ? m.name : m.plugin,
      version: typeof m.version === 'string' ? m.version : '', revision: m.revision, slot: m.slot,
      title: typeof m.title === 'string' && m.title ? m.title : (typeof m.name === 'string' && m.name ? m.name : m.plugin),
      tier: m.tier, entry: m.entry, frame: m.frame,
    });
  }
  return modules;
}

/** The page modules, by title (then plugin id), as the navigation lists them. */
export function pages(modules) {
  return [...modules.values()].filter((m) => m.slot === 'page')
    .sort((a, b) => String(a.title).localeCompare(String(b.title)) || (a.plugin < b.plugin ? -1 : a.plugin > b.plugin ? 1 : 0));
}

/**
 * What a new module list does to the slots on show: for each shown slot {key, revision, tier} (revision null: it
 * shows the "not available" notice), `keep` (same revision and tier), `remount` (another revision or tier: unmount,
 * mount the new one in place), `gone` (no module any more: unmount, show the notice) or `mount` (it showed the
 * notice and the module is back). Returns [{key, action, module}].
 */
export function reconcile(shown, modules) {
  const actions = [];
  for (const slot of shown) {
    const module = modules.get(slot.key) || null;
    let action;
    if (!module) action = slot.revision === null ? 'keep' : 'gone';
    else if (slot.revision === null) action = 'mount';
    else if (module.revision !== slot.revision || module.tier !== slot.tier) action = 'remount';
    else action = 'keep';
    actions.push({ key: slot.key, action, module });
  }
  return actions;
}
