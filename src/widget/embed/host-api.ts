/**
 * `window.RocketChat`, drop-in compatible with Rocket.Chat's snippet: functions queued in
 * `RocketChat._` before the script loaded run now with `this = RocketChat.livechat`; later calls run at
 * once. The getters (`getState`, `getVisitorToken`) answer here, synchronously; every other name is
 * handed to `call` — a Proxy, so the loader carries no table of names. This is the stub the loader
 * carries: `call` queues for page-api.ts (the callbacks and what each call does), fetched on the first.
 */
import type { VisitorState } from './host-contract.ts';

type Fn = (...args: unknown[]) => unknown;

interface RocketChatGlobal {
  (fn: unknown): void;
  _?: unknown[];
  url?: unknown;
  livechat?: object;
}

/** Returns the replay: run the functions Rocket.Chat's snippet queued before the script loaded (once the caller is ready). */
export function installHostApi(call: (name: string, args: unknown[]) => void, getState: () => VisitorState): () => void {
  const own: Record<string, Fn> = { getVisitorToken: () => getState().token, getState };
  const livechat = new Proxy(own, {
    // Not a thenable, not a symbol-keyed protocol: only plain method names.
    get: (target, name) => (typeof name !== 'string' || name === 'then' ? undefined : name in target ? target[name] : (...args: unknown[]) => call(name, args)),
  });

  const w = window as unknown as { RocketChat?: RocketChatGlobal };
  const previous = w.RocketChat;
  const queued = Array.isArray(previous?._) ? previous._ : [];
  const run = (fn: unknown) => {
    try {
      if (typeof fn === 'function') (fn as Fn).call(livechat);
    } catch (e) {
      console.error('[chat widget]', e);
    }
  };
  // `RocketChat(fn)` runs fn at once now.
  w.RocketChat = Object.assign(run, { livechat, url: previous?.url, _: [] });
  return () => queued.splice(0).forEach(run);
}
