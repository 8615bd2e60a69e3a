/**
 * On phones the panel is full screen; when the on-screen keyboard opens, the visual viewport shrinks but
 * `100vh` does not, which hides the composer. Track the visual viewport's height into `--rcw-vh`.
 */
import { effect, type ReadonlySignal } from '@preact/signals';

export function trackViewport(host: HTMLElement, open: ReadonlySignal<boolean>): () => void {
  const vv = window.visualViewport;
  if (!vv) return () => undefined;
  let shown = '';
  // Only a change is written: each write restyles the whole panel.
  const update = () => {
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
