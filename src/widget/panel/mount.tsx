/**
 * The chat panel, once its backend is known: wires storage, that backend and the chat controller to the
 * host's shadow root, the launcher, the page's API calls and its `on…` callbacks. Each built panel
 * (entry-rocketchat.tsx, entry-connect.tsx) brings its own backend, so a Rocket.Chat site downloads
 * nothing of Amazon Connect and the other way round; entry.tsx picks one at run time (dev, tests).
 */
import { effect, signal } from '@preact/signals';
import { render } from 'preact';
import type { ChatBackend, KeyValueStore } from '../backend/chat-backend.ts';
import type { ApiCall, PanelHandle, WidgetHost } from '../embed/host-contract.ts';
import { setLanguage, t } from '../i18n/index.ts';
import type { Attention } from '../state/attention.ts';
import { createChat, type Chat, type ChatEvent } from '../state/chat.ts';
import { createStorage, safeStorage } from '../state/storage.ts';
import { App, preloadTrouble, type Sheet } from '../ui/app.tsx';
import panelCss from '../ui/panel.css?inline';
import { warmDates } from '../ui/format.ts';
import { setStyleAdopter } from '../ui/styles.ts';
import { watchTheme } from '../ui/theme.ts';
import { trackViewport } from './viewport.ts';

/** The launcher's icon while the chat is open. */
// Two crossing bars.
const CLOSE_ICON = 'M5 6.4 6.4 5 19 17.6 17.6 19zM17.6 5 19 6.4 6.4 19 5 17.6z';

/** What a panel needs of its backend beyond the boundary: the page's backend-specific calls. */
export interface BackendSetup {
  backend: ChatBackend;
  /** amazon-connect-chat-interface's `initiateChat`, where the backend is Connect. */
  initiateChat?: (chat: Chat, call: ApiCall) => void;
  /** Told when the chat ended (chat-interface sessions' `onChatDisconnected`). */
  ended?: () => void;
}

export type BackendFactory = (host: WidgetHost, storage: KeyValueStore, queued: readonly ApiCall[]) => BackendSetup | Promise<BackendSetup>;

export async function mountWith(host: WidgetHost, makeBackend: BackendFactory): Promise<PanelHandle> {
  // Connect keeps a chat to its tab (sessionStorage), as Amazon's README advises; Rocket.Chat to the site.
  const storage = createStorage(host.storageNamespace, host.config.backend ? safeStorage('sessionStorage') : undefined);
  // Calls the page queued (a guest token, a department, a language, a chat to start) apply before the chat loads.
  const queued = host.takeQueuedCalls();
  // The first date formatter costs tens of ms: paid at idle, in small steps, while the first answers are
  // on their way, not in the render of the first messages.
  void warmDates().catch(() => undefined);
  const setup = await makeBackend(host, storage, queued);
  const { backend } = setup;
  host.adoptStyles(panelCss);
  setStyleAdopter(host.adoptStyles);
  const stopTheme = watchTheme(host.element);
  const open = signal(false);
  /** Each time the visitor opens the chat themselves (a trigger condition), not a restore on page load. */
  const visitorOpened = signal(0);
  const pageVisible = signal(document.visibilityState === 'visible');
  const sound = signal<boolean>(storage.get<boolean>('sound') ?? true);
  // The chime and title notice load the first time an agent writes while the visitor is not looking.
  let attention: Promise<Attention> | undefined;
  const notifyUnseen = () =>
    void (attention ??= import('../state/attention.ts').then((m) => m.createAttention({ sound, soundUrl: () => chat.config.value?.sound, titleNotice: (count) => t('title.unread', { count }) })))
      .then((a) => a.agentMessage(false))
      .catch(() => undefined);

  // The controller's events become the page's Rocket.Chat callbacks (and the chime / title notice).
  const onEvent = (e: ChatEvent) => {
    switch (e.type) {
      case 'chat-started':
        return host.emit('onChatStarted');
      case 'chat-ended':
        setup.ended?.();
        return host.emit('onChatEnded');
      case 'agent-assigned':
        return host.emit('onAssignAgent', e.agent.hidden ? { hiddenInfo: true } : { name: e.agent.name, username: e.agent.username });
      case 'agent-status':
        return host.emit('onAgentStatusChange', e.status);
      case 'queue':
        // Rocket.Chat's widget passes its queueInfo as it got it.
        return host.emit('onQueuePositionChange', { spot: e.place.position, estimatedWaitTimeSeconds: e.place.waitSeconds, message: e.place.message });
      case 'service-offline':
        return host.emit('onServiceOffline');
      case 'prechat-submitted':
        return host.emit('onPrechatFormSubmit', e.details);
      case 'offline-submitted':
        return host.emit('onOfflineFormSubmit', e.message);
      case 'agent-message':
        if (!(open.value && pageVisible.value)) notifyUnseen();
        return host.emit('onMessageReceived', { id: e.message.id, conversationId: chat.conversationId.value, text: e.message.text });
      case 'message-sent':
        return host.emit('onMessageSent', { id: e.message.id, conversationId: e.conversationId, text: e.message.text });
      case 'transcript-requested':
        return host.emit('onTranscriptRequested', { conversationId: e.conversationId });
      case 'registered':
        return;
    }
  };
  const chat = createChat({ backend, storage, department: host.config.department, onEvent });
  const sheet = signal<Sheet>('none');
  const titleOverride = signal<string | undefined>(host.config.title);
  // Set by the page's setTheme: they win over the server's theme.
  const themeColor = signal<string | undefined>(undefined);
  const themePosition = signal<string | undefined>(undefined);
  const composerRef: { current: HTMLTextAreaElement | null } = { current: null };
  const panel = host.panelRoot;
  // Set here, not by the loader: they matter only once the panel shows.
  panel.className = 'panel';
  panel.setAttribute('part', 'panel');
  panel.setAttribute('role', 'dialog');
  const stops: (() => void)[] = [trackViewport(host.element, open), stopTheme];
  let destroyed = false;
  /** What a lazily started part (triggers, presence) must undo: at once if the panel is already gone. */
  const keep = (stop: () => void) => (destroyed ? stop() : stops.push(stop));

  // Focus goes to the composer when the panel opens — or, if the chat is still loading, as soon as the
  // composer (or the first field of a form) appears.
  const focusWanted = signal<HTMLElement | null>(null);
  const focusInside = () => {
    const target = composerRef.current ?? panel.querySelector<HTMLElement>('input, select, textarea');
    if (target) return target.focus();
    const placeholder = panel.querySelector<HTMLElement>('button');
    placeholder?.focus();
    focusWanted.value = placeholder;
  };

  const handle: PanelHandle = {
    open(options) {
      if (open.value) return;
      open.value = true;
      if (options?.focus !== false) visitorOpened.value++;
      host.emit('onChatMaximized');
      if (options?.focus !== false) requestAnimationFrame(focusInside);
    },
    close() {
      if (!open.value) return;
      open.value = false;
      sheet.value = 'none';
      host.emit('onChatMinimized');
      host.launcher.button.focus();
    },
    isOpen: () => open.value,
    destroy() {
      destroyed = true;
      stops.splice(0).forEach((stop) => stop());
      chat.dispose();
      render(null, panel);
    },
  };

  // Launcher, panel visibility and unread badge follow the state; the open state survives page loads.
  let shownColor: string | undefined;
  let shownPosition: string | undefined;
  const onVisibility = () => (pageVisible.value = document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  stops.push(
    () => document.removeEventListener('visibilitychange', onVisibility),
    effect(() => {
      panel.hidden = !open.value;
      host.launcher.setOpen(open.value);
      if (open.value) host.element.dataset.open = '';
      else delete host.element.dataset.open;
      if (open.value) storage.set('open', true);
      else storage.remove('open');
    }),
    effect(() => chat.setWatching(open.value && pageVisible.value)),
    effect(() => storage.set('sound', sound.value)),
    effect(() => host.launcher.setUnread(chat.unread.value)),
    effect(() => {
      host.launcher.setLabels({ open: t('launcher.open'), close: t('launcher.close'), unread: (n) => t('launcher.unread', { count: n }), closeIcon: CLOSE_ICON });
      panel.setAttribute('aria-label', titleOverride.value || chat.config.value?.theme.title || t('panel.label'));
    }),
    effect(() => {
      const c = chat.config.value;
      if (!c) return;
      // Only a change is applied: each restyles the whole panel, and the colour's contrast is read back
      // from a computed style (a forced style recalculation, on the click that opens the panel).
      const color = !host.config.color && !themeColor.value ? (open.value || c.online || chat.conversationId.value ? c.theme.color : c.theme.offlineColor) : undefined;
      if (color && color !== shownColor) host.launcher.setColor((shownColor = color));
      if (!host.config.position && !themePosition.value && c.theme.position !== shownPosition) host.launcher.setPosition((shownPosition = c.theme.position));
    }),
  );
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) handle.close();
  });

  // Proactive messages: only where the site has them (their runner is its own chunk). The loader reads
  // the flag to load the panel on later pages by itself, so they run without the visitor's intent.
  let triggersStarted = false;
  stops.push(
    effect(() => {
      const features = chat.config.value?.features;
      if (!features) return;
      storage.set('triggers', features.triggers);
      if (!features.triggers || triggersStarted) return;
      triggersStarted = true;
      void import('./triggers.tsx').then((m) => m.startTriggers({ host, chat, backend, panel: handle, open, visitorOpened }).then(keep));
    }),
  );

  // Presence (idle → away, page visits) matters once there is a registered visitor: load it then.
  let presenceStarted = false;
  stops.push(
    effect(() => {
      // With the server's config too: it says whether (and how) visits are watched, so the first page counts.
      // Not where the server hears of neither (Amazon Connect): its chunk would watch for nobody.
      const f = chat.config.value?.features;
      if (!chat.visitor.value || !f || presenceStarted || (!f.visitorStatus && f.pageVisits === 'never')) return;
      presenceStarted = true;
      void import('../state/presence.ts').then((m) => keep(m.startPresence(chat, backend)));
    }),
  );

  // The page's API handler is a separate chunk: only sites that call RocketChat.livechat.* fetch it.
  let handleCall: ((call: ApiCall) => void) | undefined;
  let apiLoading: Promise<(call: ApiCall) => void> | undefined;
  const loadApi = () =>
    (apiLoading ??= import('./api-handler.ts').then(
      (m) => (handleCall = m.createApiHandler({ host, chat, backend, panel: handle, titleOverride, themeColor, themePosition })),
    ));
  const api = (call: ApiCall) => {
    if (call.method === 'initiateChat' && setup.initiateChat) {
      // As amazon-connect-chat-interface does: the chat shows (and starts) when the page asks.
      host.setVisible(true);
      handle.open();
      return setup.initiateChat(chat, call);
    }
    if (handleCall) return handleCall(call);
    void loadApi().then((h) => h(call));
  };
  host.setStateProvider(() => ({
    token: backend.visitorToken?.get(),
    roomId: chat.conversationId.value,
    open: open.value,
    status: chat.ended.value ? 'ended' : chat.conversationId.value ? 'chatting' : 'idle',
    unread: chat.unread.value,
  }));

  panel.replaceChildren();
  render(
    <App
      chat={chat}
      sheet={sheet}
      titleOverride={titleOverride}
      composerRef={composerRef}
      focusWanted={focusWanted}
      sound={sound}
      onToggleSound={() => (sound.value = !sound.value)}
      onMinimize={handle.close}
      {...(backend.avatarUrl ? { avatarUrl: (u: string) => backend.avatarUrl!(u) } : {})}
    />,
    panel,
  );

  void (async () => {
    const requested = host.config.language ?? document.documentElement.lang;
    await setLanguage(requested).catch(() => undefined);
    const early = queued.filter((q) => q.method !== 'initiateChat');
    if (early.length) {
      const h = await loadApi().catch(() => undefined);
      if (h) early.forEach(h);
    }
    host.setCallHandler(api);
    await chat.load();
    queued.filter((q) => q.method === 'initiateChat').forEach(api);
    // Not part of the first download, fetched once the chat is up: what shows when something goes wrong
    // (it must be here before the network goes). The markdown renderer waits for a message that has
    // something to format (message-body.tsx).
    (window.requestIdleCallback ?? setTimeout)(() => void preloadTrouble().catch(() => undefined));
    const serverLanguage = chat.config.value?.language;
    if (!host.config.language && !document.documentElement.lang && serverLanguage) await setLanguage(serverLanguage).catch(() => undefined);
  })();

  return handle;
}
