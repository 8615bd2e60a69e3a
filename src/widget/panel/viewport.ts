/**
 * On phones the panel is full screen; when the on-screen keyboard opens, the visual viewport shrinks but
 * `100vh` does not, which hides the composer. Track the visual viewport's height into `--rcw-vh`.
 */
import { effect, type ReadonlySignal } from '@preact/signals';

export function trackViewport(host: HTMLElement, open: ReadonlySignal<boolean>): () => void {
  const vv = window.visualViewport;
  if (!vv) return () => undefined;
  const update = () => host.style.setProperty('--rcw-vh', `${Math.round(vv.height)}px`);
  const stop = effect(() => {
    if (!open.value) return;
    update();
    vv.addEventListener('resize', update);
    vv.addEventListener('scroll', update);
    return () => {
      vv.removeEventListener('resize', update);
      vv.removeEventListener('scroll', update);
    };
  });
  return stop;
}
