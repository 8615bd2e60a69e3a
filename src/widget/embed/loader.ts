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
import type { stringsFor } from './launcher-strings.ts';
import type { PageApi, pageApi } from './page-api.ts';
import { ENGLISH, OTHER_LANGUAGE } from './loader-i18n.ts';
import LOADER_CSS from './loader.css?inline';

declare global {
  interface Window {
    __rocketchatWidget?: boolean;
  }
  /** True in the npm package's build (and unit tests), false in the script tag's: only the package unmounts. */
  const __WIDGET_PACKAGE__: boolean;
}

/**
 * What the loader fetches after itself: each backend's panel, the launcher's words in other languages,
 * and the page API's implementation.
 */
export interface Parts {
  /** Rocket.Chat's panel (in dev, the one panel for both). */
  panel: PanelModule;
  connect: PanelModule;
  strings: { stringsFor: typeof stringsFor };
  api: { pageApi: typeof pageApi };
}

/** A part's module (the script tag: beside widget.js; the package: its own chunks). */
export type PartLoader = (part: keyof Parts) => Promise<Parts[keyof Parts]>;
/** The same, typed by part (a cast: the loader asks each part for what it is). */
type Typed = <P extends keyof Parts>(part: P) => Promise<Parts[P]>;

/**
 * Each part's URL, by its name, relative to the script's own (`connectUrl`: Amazon Connect's panel;
 * `stringsUrl`: launcher-strings.ts's module; `apiUrl`: page-api.ts's). `verified`: imports a module
 * checked against the build's integrity list (the page pinned widget.js with `integrity`).
 */
export function boot(
  script: HTMLScriptElement | null,
  options: { panelUrl: string; connectUrl?: string; stringsUrl?: string; apiUrl?: string; verified?: (url: string) => Promise<unknown> },
): void {
  // A second copy of the script (a CMS adding it twice, client-side navigation) must not mount again.
  if (window.__rocketchatWidget) return;
  window.__rocketchatWidget = true;
  // amazon-connect-chat-interface's global, for pages that switch by changing only the script: init()
  // says the page is on Connect; initiateChat() waits for the widget.
  // (A chat is initiated once the page has loaded, from a click or onload, as chat-interface's README does.)
  let chatInterface = false;
  let call: ((name: string, args: unknown[]) => void) | undefined;
  const w = window as unknown as { connect?: { ChatInterface?: object } };
  (w.connect ??= {}).ChatInterface ??= {
    init: () => (chatInterface = true),
    initiateChat: (...args: unknown[]) => call?.('initiateChat', args),
  };
  const start = () => {
    const snippet = (window as { RocketChat?: { url?: unknown } }).RocketChat;
    const result = readEmbedConfig(script, snippet?.url, location.href, chatInterface);
    if (!result.ok) return console.error(`[chat widget] ${result.error}`);
    // Beside widget.js (relative names resolve against the script's own URL).
    const load = ((part: keyof Parts, url = new URL(options[`${part}Url`]!, script?.src || location.href).href) =>
      options.verified ? options.verified(url) : import(/* @vite-ignore */ url)) as Typed;
    // The warning's words are the panel's (loaded for it only when a setting is wrong).
    if (result.ignored[0]) void load(panelPart(result.config)).then((m) => m.warnConfig(result.ignored, script!.dataset), () => undefined);
    call = mount(result.config, load);
  };
  // After the page's own scripts have run (they may call connect.ChatInterface.init).
  // (It fires once: no `once` needed.)
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}

/** Each backend has its own built panel. */
const panelPart = (config: EmbedConfig) => (config.backend ? 'connect' : 'panel');

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
export function mount(config: EmbedConfig, load: PartLoader, stops?: (() => void)[]): (name: string, args: unknown[]) => void {
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
  element.style.zIndex = `${config.zIndex}`;
  if (config.theme) element.dataset.theme = config.theme;
  const shadow = element.attachShadow({ mode: 'open' });
  adopt(shadow, LOADER_CSS, config.nonce);

  let [openLabel, unreadLabel, failedText] = ENGLISH;
  const labels = () => ({
    open: openLabel,
    // Never shown: the panel gives its labels before it opens.
    close: openLabel,
    unread: (n: number) => unreadLabel.replace('{n}', `${n}`),
  });
  const panelRoot = document.createElement('div');
  // The panel gives it its class, role and name when it mounts (hidden until then).
  panelRoot.id = 'rcw-panel';
  panelRoot.hidden = true;
  const launcher = createLauncher(element, panelRoot.id, labels());
  const lang = config.language ?? document.documentElement.lang;
  // Named in English until the page's language arrives; once the panel is on its way, its labels are the ones.
  if (OTHER_LANGUAGE.test(lang)) {
    void (load as Typed)('strings').then((m) => {
      [openLabel, unreadLabel, failedText] = m.stringsFor(lang)!;
      if (!loading) launcher.setLabels(labels());
    }, () => undefined);
  }
  // Right unless told otherwise (the stylesheet's default); the panel applies the server's theme.
  if (config.position) launcher.setPosition(config.position);
  launcher.setUnread(peek<number>('unread'));
  shadow.append(launcher.button, panelRoot);
  document.body.appendChild(element);
  // In the page: the icon's colour is read from the host's computed style.
  launcher.setColor(config.color);

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
    // No call yet: no callback either. After the first, callbacks are told once the API's part ran what
    // the page asked before (its callbacks registered): always a moment later, as Rocket.Chat's widget does.
    emit: (event, data) => void apiLoading?.then(() => api?.emit(event, data)),
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
    (loading ??= (startEarly(), __WIDGET_PACKAGE__ && !element.isConnected ? Promise.reject(new Error('unmounted')) : (load as Typed)(panelPart(config)))
      .then((m) => m.mountPanel(host))
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

  // The page API's implementation (page-api.ts) comes with the page's first call; until it runs, calls
  // wait here, in order.
  const calls: [string, unknown[]][] = [];
  let api: PageApi | undefined;
  let apiLoading: Promise<void> | undefined;
  const flush = () => calls.splice(0).forEach(([name, args]) => api!.call(name, args));
  const call = (name: string, args: unknown[]) => {
    calls.push([name, args]);
    if (api) return flush();
    // Failed: the calls stay queued, and the next one tries again.
    apiLoading ??= (load as Typed)('api')
      .then(
        (m) => void ((api = m.pageApi(host, openPanel, prefetch, queue, () => handler)), flush()),
        (e: unknown) => void ((apiLoading = undefined), console.error('[chat widget]', e)),
      )
      .finally(() => (element.style.visibility = ''));
  };
  const replay = installHostApi(call, () => stateProvider());
  if (__WIDGET_PACKAGE__ && stops) {
    stops.push(() => {
      element.remove();
      // A panel still loading is torn down as soon as it is there.
      void loading?.then((p) => p.destroy(), () => undefined);
    });
  }
  replay();
  // What the page asked for before the script ran (hidden, themed) shows as it asked, never the defaults first.
  if (apiLoading) element.style.visibility = 'hidden';

  // A conversation under way (or unsent messages): connect in the background so replies, the unread
  // badge and the outbox keep working on every page of the site.
  // Read before the panel mounts: its own state replaces the stored value when it starts.
  const wasOpen = peek('open');
  const ongoing = (peek('rid') && !peek('ended')) || peek('outbox');
  if (ongoing || wasOpen) {
    whenIdle(() => void loadPanel().then((p) => wasOpen && !p.isOpen() && p.open({ focus: false }), () => undefined));
    return call;
  }
  // nothing shows until the page calls initiateChat
  if (config.chatInterface) element.hidden = true;
  // Proactive messages (Rocket.Chat's triggers) run in the panel: where the site has them it loads by
  // itself. Whether it has any is learned from the server once (the panel keeps the answer up to date).
  const triggers = config.backend ? false : peek<boolean>('triggers');
  if (triggers === false) return call;
  // (Through `read`: when it leaves after the panel's own start, the panel takes this answer.)
  whenIdle(() =>
    triggers
      ? prefetch()
      : read('config', {}, (b: { config?: { triggers?: unknown[] } }) => {
          const has = !!b.config?.triggers?.length;
          // (Stored as "true" or "false": setItem makes a string of it.)
          localStorage.setItem(`${ns}:triggers`, has as unknown as string);
          if (has) prefetch();
        }),
  );
  return call;
}
