// The console's theme as plugin UIs get it: its mode and its CSS custom properties, and their changes.

const VARS = ['--bg', '--card', '--ink', '--muted', '--line', '--accent', '--ok', '--ok-bg', '--warn', '--warn-bg',
  '--bad', '--bad-bg', '--mono'];
const FONT = '--font';
const DARK = '(prefers-color-scheme: dark)';

/** The theme: {mode: 'light' (the console has one theme, whatever the browser prefers), vars: {'--bg': '#f6f7f9', ...}} (`--font` the console's font family). */
export function currentTheme() {
  const style = getComputedStyle(document.documentElement);
  const vars = {};
  for (const name of VARS) {
    const value = style.getPropertyValue(name).trim();
    if (value) vars[name] = value;
  }
  vars[FONT] = style.fontFamily;
  return { mode: 'light', vars };
}

/** Calls fn(theme) whenever the preferred colour scheme changes; returns the function that stops it. */
export function onThemeChange(fn) {
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia(DARK);
  const handler = () => fn(currentTheme());
  query.addEventListener('change', handler);
  return () => query.removeEventListener('change', handler);
}
