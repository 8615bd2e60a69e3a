/**
 * The script-tag loader: reads the tag's configuration, mounts an open shadow root with the launcher,
 * installs `window.RocketChat`, and imports the chat panel only when it is wanted — on intent (hover,
 * focus, click), when the page's API needs it, or when a conversation is already under way.
 */
import { storageNamespace } from '../state/storage.ts';
import { readEmbedConfig, type EmbedConfig } from './embed-config.ts';
import type { ApiCall, PanelHandle, PanelModule, VisitorState, WidgetHost } from './host-contract.ts';
import { installHostApi } from './host-api.ts';
import { createLauncher } from './launcher.ts';
import { loaderStrings } from './loader-i18n.ts';
import LOADER_CSS from './loader.css?inline';

/** Calls that need the server now; anything else waits until the panel loads for another reason. */
const URGENT = /^(registerGuest|setGuestToken|transferChat|logout|initiateChat)$/;

declare global {
  interface Window {
    __rocketchatWidget?: boolean;
  }
  /** True in the npm package's build (and unit tests), false in the script tag's: only the package unmounts. */
  const __WIDGET_PACKAGE__: boolean;
}

/** The built panel for a backend (the script tag: beside widget.js; the package: its own chunks). */
export type PanelLoader = (connect: boolean) => Promise<PanelModule>;

/**
 * `connectUrl`: Amazon Connect's panel (absent: `panelUrl` serves both, as in dev). `verified`: imports
 * a panel checked against the build's integrity list (the page pinned widget.js with `integrity`).
 */
export function boot(
  script: HTMLScriptElement | null,
  options: { panelUrl: string; connectUrl?: string; verified?: (url: string) => Promise<PanelModule> },
): void {
  // A second copy of the script (a CMS adding it twice, client-side navigation) must not mount again.
  if (window.__rocketchatWidget) return;
  window.__rocketchatWidget = true;
  // amazon-connect-chat-interface's global, for pages that switch by changing only the script: init()
  // says the page is on Connect; initiateChat() waits for the widget.
  // (A chat is initiated once the page has loaded, from a click or onload, as chat-interface's README does.)
  let chatInterface = false;
  let dispatch: ((call: ApiCall) => void) | undefined;
  const w = window as unknown as { connect?: { ChatInterface?: object } };
  (w.connect ??= {}).ChatInterface ??= {
    init: () => (chatInterface = true),
    initiateChat: (...args: unknown[]) => dispatch?.({ method: 'initiateChat', args }),
  };
  const start = () => {
    const snippet = (window as { RocketChat?: { url?: unknown } }).RocketChat;
    const result = readEmbedConfig(script, snippet?.url, location.href, chatInterface);
    if (!result.ok) return console.error(`[chat widget] ${result.error}`);
    // Each backend has its own built panel (in dev one panel serves both).
    const load: PanelLoader = (connect, url = (connect && options.connectUrl) || options.panelUrl) =>
      options.verified ? options.verified(url) : import(/* @vite-ignore */ url);
    // The warning's words are the panel's (loaded for it only when a setting is wrong).
    if (result.ignored[0]) void load(!!result.config.backend).then((m) => m.warnConfig(result.ignored, script!.dataset), () => undefined);
    dispatch = mount(result.config, load);
  };
  // After the page's own scripts have run (they may call connect.ChatInterface.init).
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

function adopt(shadow: ShadowRoot, css: string, nonce: string | undefined): void {
  // Every browser with adoptedStyleSheets has constructable, replaceSync-able sheets (they shipped together).
  if (shadow.adoptedStyleSheets) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    return;
  }
  // Older browsers: a <style> element, which a strict CSP only accepts with the page's nonce.
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  shadow.appendChild(style);
}

function whenIdle(fn: () => void): void {
  (window.requestIdleCallback ?? setTimeout)(fn, { timeout: 3000 });
}

/**
 * Mounts the launcher and the page API. `stops` (the npm package's `unmount`) collects what undoes it:
 * the host element, the panel with its listeners and connection; the script tag never unmounts.
 */
export function mount(config: EmbedConfig, load: PanelLoader, stops?: (() => void)[]): (call: ApiCall) => void {
  const ns = storageNamespace(config.serverUrl);
  /** What the panel stored last time (Connect keeps a chat to its tab: sessionStorage, as Amazon's README advises). */
  const peek = <T,>(key: string): T | undefined => {
    try {
      // A missing key is null, and JSON.parse(null) is null too.
      return (JSON.parse((config.backend ? sessionStorage : localStorage).getItem(`${ns}:${key}`)!) as T | null) ?? undefined;
    } catch {
      return undefined;
    }
  };
  const element = document.createElement('div');
  element.dataset.rocketchatWidget = '';
  // Inline on the host element: the page's side of the cascade wins over the shadow sheet's `all: initial`.
  element.style.zIndex = String(config.zIndex);
  if (config.theme) element.dataset.theme = config.theme;
  const shadow = element.attachShadow({ mode: 'open' });
  adopt(shadow, LOADER_CSS, config.nonce);

  const [openLabel, unreadLabel, failedText] = loaderStrings(config.language ?? document.documentElement.lang);
  const panelRoot = document.createElement('div');
  // The panel gives it its class, role and name when it mounts (hidden until then).
  panelRoot.id = 'rcw-panel';
  panelRoot.hidden = true;
  const launcher = createLauncher(element, panelRoot.id, {
    open: openLabel,
    // Never shown: the panel gives its labels before it opens.
    close: openLabel,
    unread: (n) => unreadLabel.replace('{n}', `${n}`),
  });
  launcher.setColor(config.color);
  // Right unless told otherwise (the stylesheet's default); the panel applies the server's theme.
  if (config.position) launcher.setPosition(config.position);
  launcher.setUnread(peek<number>('unread'));
  shadow.append(launcher.button, panelRoot);
  document.body.appendChild(element);

  const queue: ApiCall[] = [];
  let handler: ((call: ApiCall) => void) | undefined;
  let panel: PanelHandle | undefined;
  let loading: Promise<PanelHandle> | undefined;
  let stateProvider = (): VisitorState => ({
    token: peek<string>('token'),
    roomId: peek<string>('rid'),
    open: false,
    status: peek('ended') ? 'ended' : peek('rid') ? 'chatting' : 'idle',
    unread: peek<number>('unread') ?? 0,
  });

  const early = new Map<string, Promise<Response | undefined>>();
  const host: WidgetHost = {
    config,
    shadow,
    element,
    panelRoot,
    launcher,
    storageNamespace: ns,
    takeQueuedCalls: () => queue.splice(0),
    setCallHandler: (h) => (handler = h),
    emit: (event, data) => api.emit(event, data),
    setStateProvider: (p) => (stateProvider = p),
    setVisible: (visible) => (element.hidden = !visible),
    adoptStyles: (css) => adopt(shadow, css, config.nonce),
    early,
  };

  // The panel's first reads from Rocket.Chat (its config, the history of a chat we know), started while
  // it downloads; its REST client takes them by URL (rest-client.ts builds the same ones), or asks anew.
  // `then` reads the answer first (a copy: the panel gets it whole); the panel has it only after that ran.
  const read = <T,>(path: string, query: object, then?: (body: T) => unknown) => {
    const url = `${config.serverUrl}/api/v1/livechat/${path}?${new URLSearchParams(JSON.parse(JSON.stringify(query)) as Record<string, string>)}`;
    const res = fetch(url).catch(() => undefined);
    early.set(url, then ? res.then((r) => r?.clone().json().then(then).then(() => r, () => r) ?? r) : res);
  };
  const startEarly = () => {
    if (config.backend) return;
    const token = peek<string>('token');
    // The open room is in the config's answer (for a known token; the panel adopts it from there, whatever
    // was stored): its newest page is asked for before the panel has that answer, so it never asks itself,
    // still during the panel's download. As many as the first page the panel reads (chat-state.ts's pageSize).
    // No room (a new visitor, a chat that ended) throws, and nothing more is read.
    read('config', { token, department: config.department }, (b: { config: { room: { _id: string } } }) =>
      read(`messages.history/${b.config.room._id}`, { token, limit: 50 }),
    );
  };
  const loadPanel = (): Promise<PanelHandle> =>
    (loading ??= (startEarly(), __WIDGET_PACKAGE__ && !element.isConnected ? Promise.reject(new Error('unmounted')) : load(!!config.backend))
      .then((m: PanelModule) => m.mountPanel(host))
      .then(
        (p) => (panel = p),
        (e: unknown) => {
          loading = undefined;
          throw e;
        },
      ));

  // A failure to fetch the panel is said on the launcher itself; selecting it again retries.
  const openPanel = () => {
    launcher.setBusy(true);
    launcher.setError(undefined);
    loadPanel()
      .then((p) => p.open())
      .catch((e: unknown) => {
        console.error('[chat widget]', e);
        launcher.setError(failedText);
      })
      .finally(() => launcher.setBusy(false));
  };

  launcher.button.addEventListener('click', () => {
    if (!panel) return openPanel();
    if (panel.isOpen()) panel.close();
    else panel.open();
  });
  // Start fetching on intent, so the panel is usually there by the time the click lands.
  const prefetch = () => void loadPanel().catch(() => undefined);
  launcher.button.addEventListener('pointerenter', prefetch, { once: true });
  launcher.button.addEventListener('focus', prefetch, { once: true });

  const dispatch = (call: ApiCall) => {
    if (handler) return handler(call);
    switch (call.method) {
      case 'showWidget':
      case 'hideWidget':
        element.hidden = call.method === 'hideWidget';
        api.emit(call.method === 'hideWidget' ? 'onWidgetHidden' : 'onWidgetShown');
        return;
      case 'maximizeWidget':
        return openPanel();
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
  const api = installHostApi(window, dispatch, () => stateProvider());
  if (__WIDGET_PACKAGE__ && stops) {
    stops.push(() => {
      element.remove();
      // A panel still loading is torn down as soon as it is there.
      void loading?.then((p) => p.destroy(), () => undefined);
    });
  }
  api.replay();

  // A conversation under way (or unsent messages): connect in the background so replies, the unread
  // badge and the outbox keep working on every page of the site.
  // Read before the panel mounts: its own state replaces the stored value when it starts.
  const wasOpen = peek('open');
  const ongoing = (peek('rid') && !peek('ended')) || peek('outbox');
  if (ongoing || wasOpen) {
    whenIdle(() => void loadPanel().then((p) => wasOpen && !p.isOpen() && p.open({ focus: false }), () => undefined));
    return dispatch;
  }
  // nothing shows until the page calls initiateChat
  if (config.chatInterface) element.hidden = true;
  // Proactive messages (Rocket.Chat's triggers) run in the panel: where the site has them it loads by
  // itself. Whether it has any is learned from the server once (the panel keeps the answer up to date).
  const triggers = config.backend ? false : peek<boolean>('triggers');
  if (triggers === false) return dispatch;
  // (Through `read`: when it leaves after the panel's own start, the panel takes this answer.)
  whenIdle(() =>
    triggers
      ? prefetch()
      : read('config', {}, (b: { config?: { triggers?: unknown[] } }) => {
          const has = !!b.config?.triggers?.length;
          localStorage.setItem(`${ns}:triggers`, String(has));
          if (has) prefetch();
        }),
  );
  return dispatch;
}
