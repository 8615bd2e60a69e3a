/**
 * On phones the panel is full screen; when the on-screen keyboard opens, the visual viewport shrinks but
 * `100vh` does not, which hides the composer. Track the visual viewport's height into `--rcw-vh`.
 */
import { effect, type ReadonlySignal } from '@preact/signals';

/** The width at which panel.css makes the panel full screen, the only layout that reads `--rcw-vh`. */
export const PHONE_MEDIA = '(max-width: 480px)';

export function trackViewport(host: HTMLElement, open: ReadonlySignal<boolean>): () => void {
  const vv = window.visualViewport;
  if (!vv) return () => undefined;
  const phone = window.matchMedia?.(PHONE_MEDIA);
  let shown = '';
  // Only a change is written: each write restyles the whole panel. A wider screen does not use the value,
  // so it writes none (that was a second style and layout pass of the whole panel in the frame that shows
  // it); it reads none either, so the frame lays out once. A window narrowed to a phone's width resizes
  // the visual viewport too, and that event writes it.
  const update = () => {
    if (phone && !phone.matches) return;
    const height = `${Math.round(vv.height)}px`;
    if (height !== shown) host.style.setProperty('--rcw-vh', (shown = height));
  };
  const stop = effect(() => {
    if (!open.value) return;
    // Read in the frame that shows the panel, not in the click's task: the read lays out the panel just
    // unhidden, work that frame does anyway (in the click it would be done twice, and lengthen the click).
    const frame = requestAnimationFrame(update);
    vv.addEventListener('resize', update);
    vv.addEventListener('scroll', update);
    return () => {
      cancelAnimationFrame(frame);
      vv.removeEventListener('resize', update);
      vv.removeEventListener('scroll', update);
    };
  });
  return stop;
}
