/**
 * `window.RocketChat`, drop-in compatible with Rocket.Chat's snippet: functions queued in
 * `RocketChat._` before the script loaded run now with `this = RocketChat.livechat`; later calls run at
 * once. `on…` names register callbacks kept here (called by `emit`); every other name is a method call
 * handed to `dispatch` — a Proxy, so the loader carries no table of names (the panel checks them).
 */
import type { ApiCall, ApiMethod, CallbackName, VisitorState } from './host-contract.ts';

type Fn = (...args: unknown[]) => unknown;

export interface HostApi {
  emit(event: CallbackName, data?: unknown): void;
  /** Run the functions Rocket.Chat's snippet queued before the script loaded (once the caller is ready). */
  replay(): void;
}

interface RocketChatGlobal {
  (fn: unknown): void;
  _?: unknown[];
  url?: unknown;
  livechat?: object;
}

export function installHostApi(win: Window, dispatch: (call: ApiCall) => void, getState: () => VisitorState): HostApi {
  let listeners: Record<string, Fn[]> = {};
  const own: Record<string, Fn> = {
    clearAllCallbacks: () => (listeners = {}),
    getVisitorToken: () => getState().token,
    getState: () => getState(),
  };
  const livechat = new Proxy(own, {
    get(target, name) {
      // Not a thenable, not a symbol-keyed protocol: only plain method names.
      if (typeof name !== 'string' || name === 'then') return undefined;
      if (name in target) return target[name];
      if (/^on[A-Z]/.test(name)) {
        return (fn: unknown) => {
          if (typeof fn === 'function') (listeners[name] ??= []).push(fn as Fn);
        };
      }
      return (...args: unknown[]) => dispatch({ method: name as ApiMethod, args });
    },
  });

  const w = win as unknown as { RocketChat?: RocketChatGlobal };
  const previous = w.RocketChat;
  const queued = Array.isArray(previous?._) ? previous._ : [];
  const run = (fn: unknown) => {
    try {
      if (typeof fn === 'function') (fn as Fn).call(livechat);
    } catch (e) {
      console.error('[chat widget]', e);
    }
  };
  const global = ((fn: unknown) => run(fn)) as RocketChatGlobal;
  global.livechat = livechat;
  global.url = previous?.url;
  global._ = [];
  w.RocketChat = global;

  return {
    replay: () => queued.splice(0).forEach(run),
    emit(event, data) {
      for (const fn of listeners[event] ?? []) {
        try {
          fn(data);
        } catch (e) {
          console.error(`[chat widget] ${event}:`, e);
        }
      }
    },
  };
}
