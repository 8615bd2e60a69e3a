import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchTheme } from '../../src/widget/ui/theme.ts';

/** A system colour scheme the test can switch, as the browser's matchMedia reports it. */
function systemScheme(darkNow: boolean) {
  const listeners: (() => void)[] = [];
  const query = { matches: darkNow, addEventListener: (_: string, f: () => void) => listeners.push(f), removeEventListener: () => undefined };
  vi.stubGlobal('matchMedia', () => query);
  return (dark: boolean) => {
    query.matches = dark;
    listeners.forEach((f) => f());
  };
}

describe('the dark palette switch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('follows the system, now and when it changes', () => {
    const set = systemScheme(false);
    const host = document.createElement('div');
    watchTheme(host);
    expect(host.hasAttribute('data-dark')).toBe(false);
    set(true);
    expect(host.hasAttribute('data-dark')).toBe(true);
    set(false);
    expect(host.hasAttribute('data-dark')).toBe(false);
  });

  it('data-theme wins over the system either way', () => {
    systemScheme(true);
    const light = document.createElement('div');
    light.dataset.theme = 'light';
    watchTheme(light);
    expect(light.hasAttribute('data-dark')).toBe(false);
    systemScheme(false);
    const dark = document.createElement('div');
    dark.dataset.theme = 'dark';
    watchTheme(dark);
    expect(dark.hasAttribute('data-dark')).toBe(true);
  });
});
