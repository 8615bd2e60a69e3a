/**
 * The widget's icons: 24×24 SVG paths drawn in the current colour, decorative (the control beside or
 * around them carries the text). Paths used only by lazily loaded screens live with those screens.
 */
export function Icon({ d, class: cls }: { d: string; class?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" class={cls}>
      <path d={d} />
    </svg>
  );
}
