/**
 * The page API's implementation (`window.RocketChat.livechat`, host-api.ts), a part of its own that the
 * loader fetches on the page's first call and hands every call to, in order: the page's `on…` callbacks,
 * and what a call does before the panel runs — showing and hiding, maximising, the theme's colour and
 * side at once — each call also kept for the panel, which is fetched at once for the ones that need the
 * server. Once the panel runs, calls go to its handler (panel/api-handler.ts). Its own file,
 * dist/widget-page-api-<hash>.js (vite.config.ts, `--mode loader-parts`): a page that never calls the API
 * never fetches it.
 */
import type { ApiCall, ApiMethod, CallbackName, WidgetHost } from './host-contract.ts';

/** Calls that need the server now; anything else waits until the panel loads for another reason. */
const URGENT = /^(registerGuest|setGuestToken|transferChat|logout|initiateChat)$/;

type Fn = (...args: unknown[]) => unknown;

export interface PageApi {
  /** A call on `RocketChat.livechat` (the synchronous getters excepted: host-api.ts answers them). */
  call(name: string, args: unknown[]): void;
  /** Tell the host page (its `on…` callbacks). */
  emit(event: CallbackName, data?: unknown): void;
}

/**
 * `open`: opens the panel as the launcher does (loading it first); `prefetch`: starts loading it;
 * `queue`: what the panel takes when it mounts; `handler`: the panel's, once it runs.
 */
export function pageApi(
  host: Pick<WidgetHost, 'element' | 'launcher'>,
  open: () => void,
  prefetch: () => void,
  queue: ApiCall[],
  handler: () => ((call: ApiCall) => void) | undefined,
): PageApi {
  let listeners: Record<string, Fn[]> = {};
  const { element, launcher } = host;
  const api: PageApi = {
    call(name, args) {
      if (name === 'clearAllCallbacks') listeners = {};
      else if (/^on[A-Z]/.test(name)) {
        if (typeof args[0] === 'function') (listeners[name] ??= []).push(args[0] as Fn);
      } else dispatch({ method: name as ApiMethod, args });
    },
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
  const dispatch = (call: ApiCall) => {
    const panel = handler();
    if (panel) return panel(call);
    switch (call.method) {
      case 'showWidget':
      case 'hideWidget':
        element.hidden = call.method === 'hideWidget';
        api.emit(call.method === 'hideWidget' ? 'onWidgetHidden' : 'onWidgetShown');
        return;
      case 'maximizeWidget':
        return open();
      case 'minimizeWidget':
        return;
      case 'setTheme': {
        const theme = call.args[0] as { color?: unknown; position?: unknown } | undefined;
        if (typeof theme?.color === 'string') launcher.setColor(theme.color);
        if (theme?.position === 'left' || theme?.position === 'right') launcher.setPosition(theme.position);
      }
    }
    queue.push(call);
    if (URGENT.test(call.method)) prefetch();
  };
  return api;
}
