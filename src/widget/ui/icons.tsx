/**
 * The widget's icons: 24×24 SVG paths drawn in the current colour, decorative (the control beside or
 * around them carries the text). Paths used only by lazily loaded screens live with those screens.
 *
 * Only the panel itself imports this module. When a lazily loaded chunk imported it too, the bundler
 * moved everything the panel shares with its chunks (Preact included) into a chunk of its own, which
 * costs the open chat an extra request and ~0.6 KB gzip: lazy screens keep their own copy of Icon.
 */
export function Icon({ d, class: cls }: { d: string; class?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" class={cls}>
      <path d={d} />
    </svg>
  );
}

/** Something went wrong (a message not sent). */
export const ALERT = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-2h2zm0-4h-2V7h2z';
