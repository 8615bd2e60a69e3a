/**
 * Load a component the first time it is rendered: screens that are not part of an open chat (the end of
 * a chat, the transcript form, the offline and pre-chat forms) stay out of the panel's first download.
 * Renders nothing for the few milliseconds the chunk takes; a failed load retries on the next render.
 */
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type Lazy<P> = FunctionComponent<P> & {
  /** Start the download ahead of the first render, where the visitor is about to need it. */
  preload: () => void;
};

export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): Lazy<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const get = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    ));
  const Lazy = function Lazy(props: P) {
    const [, setReady] = useState(0);
    useEffect(() => {
      if (!loaded) get().then(() => setReady((n) => n + 1), () => undefined);
    }, []);
    const C = loaded;
    return C ? <C {...props} /> : null;
  };
  return Object.assign(Lazy, { preload: () => void get().catch(() => undefined) });
}
