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

/** Where one of the visitor's messages has got to: on its way, or at the server (delivered and read: two ticks). */
export const SENDING = 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm0 2a6 6 0 1 1 0 12 6 6 0 0 1 0-12zm-1 1v6l4.5 2.7.8-1.3-3.3-2V7z';
export const SENT = 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z';
