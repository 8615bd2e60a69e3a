/**
 * The dark palette (dark.css) is a chunk of its own, loaded when it applies: the script tag says
 * data-theme="dark", or the visitor's system is in dark mode (now, or later) and the tag does not
 * say "light". Light-mode visitors never download it.
 */
export function watchTheme(el: HTMLElement): () => void {
  const dark = matchMedia('(prefers-color-scheme: dark)');
  const load = () => {
    const on = el.dataset.theme === 'dark' || (el.dataset.theme !== 'light' && dark.matches);
    // One switch for every dark rule (the palette, the teaser): the sheet stays adopted once loaded.
    el.toggleAttribute('data-dark', on);
    if (on) void import('./dark.ts').catch(() => undefined);
  };
  load();
  dark.addEventListener('change', load);
  return () => dark.removeEventListener('change', load);
}
