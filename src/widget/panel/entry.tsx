/**
 * The chat panel, loaded by the loader on demand: wires storage, the Rocket.Chat backend and the chat
 * controller to the host's shadow root, the launcher and the page's API calls.
 */
import { effect, signal } from '@preact/signals';
import { render } from 'preact';
import { createRocketChatBackend } from '../backend/rocketchat/backend.ts';
import type { ApiCall, PanelHandle, WidgetHost } from '../embed/host-contract.ts';
import { setLanguage, t } from '../i18n/index.ts';
import { createChat } from '../state/chat.ts';
import { createStorage } from '../state/storage.ts';
import { App, type Sheet } from '../ui/app.tsx';
import panelCss from '../ui/panel.css?inline';
import { trackViewport } from './viewport.ts';

export function mountPanel(host: WidgetHost): PanelHandle {
  host.adoptStyles(panelCss);
  const storage = createStorage(host.storageNamespace);
  const backend = createRocketChatBackend(host.config.serverUrl);
  const chat = createChat({ backend, storage, department: host.config.department });
  const open = signal(false);
  const sheet = signal<Sheet>('none');
  const titleOverride = signal<string | undefined>(host.config.title);
  const composerRef: { current: HTMLTextAreaElement | null } = { current: null };
  const panel = host.panelRoot;
  const stopViewport = trackViewport(host.element, open);

  const focusInside = () => {
    const target = composerRef.current ?? panel.querySelector<HTMLElement>('button, [href], input, textarea, [tabindex]');
    target?.focus();
  };

  const handle: PanelHandle = {
    open(options) {
      if (open.value) return;
      open.value = true;
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
  };

  // Launcher, panel visibility and unread badge follow the state; the open state survives page loads.
  const pageVisible = signal(document.visibilityState === 'visible');
  const onVisibility = () => (pageVisible.value = document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  effect(() => {
    panel.hidden = !open.value;
    host.launcher.setOpen(open.value);
    if (open.value) host.element.dataset.open = '';
    else delete host.element.dataset.open;
    if (open.value) storage.set('open', true);
    else storage.remove('open');
  });
  effect(() => chat.setWatching(open.value && pageVisible.value));
  effect(() => host.launcher.setUnread(chat.unread.value));
  effect(() => {
    host.launcher.setLabels({ open: t('launcher.open'), close: t('launcher.close'), unread: (n) => t('launcher.unread', { count: n }) });
    panel.setAttribute('aria-label', titleOverride.value ?? chat.config.value?.theme.title ?? t('panel.label'));
  });
  effect(() => {
    const c = chat.config.value;
    if (!c) return;
    if (!host.config.color) host.launcher.setColor(open.value || c.online ? c.theme.color : c.theme.offlineColor);
    if (!host.config.position) host.launcher.setPosition(c.theme.position);
  });

  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) handle.close();
  });

  // The page's API handler is a separate chunk: only sites that call RocketChat.livechat.* fetch it.
  let handleCall: ((call: ApiCall) => void) | undefined;
  let apiLoading: Promise<(call: ApiCall) => void> | undefined;
  const loadApi = () =>
    (apiLoading ??= import('./api-handler.ts').then((m) => (handleCall = m.createApiHandler({ host, chat, panel: handle, titleOverride }))));
  const api = (call: ApiCall) => {
    if (handleCall) return handleCall(call);
    void loadApi().then((h) => h(call));
  };
  host.setStateProvider(() => ({
    token: chat.token.value || undefined,
    roomId: chat.roomId.value,
    open: open.value,
    status: chat.ended.value ? 'ended' : chat.roomId.value ? 'chatting' : 'idle',
    unread: chat.unread.value,
  }));

  panel.replaceChildren();
  render(<App chat={chat} sheet={sheet} titleOverride={titleOverride} composerRef={composerRef} onMinimize={handle.close} />, panel);

  void (async () => {
    const requested = host.config.language ?? document.documentElement.lang;
    await setLanguage(requested).catch(() => undefined);
    // Calls the page queued (a guest token, a department, a language) apply before the chat loads.
    const queued = host.takeQueuedCalls();
    if (queued.length) {
      const h = await loadApi().catch(() => undefined);
      if (h) queued.forEach(h);
    }
    host.setCallHandler(api);
    await chat.load();
    const serverLanguage = chat.config.value?.language;
    if (!host.config.language && !document.documentElement.lang && serverLanguage) await setLanguage(serverLanguage).catch(() => undefined);
  })();

  window.addEventListener('pagehide', () => stopViewport(), { once: true });
  return handle;
}
