/**
 * Where the site has proactive messages: runs them (state/triggers.ts) and shows what one says — at the
 * start of the conversation, as from the agent who would answer or the configured name, and, while the
 * chat is closed, in a teaser beside the launcher (Reply opens the chat), as Rocket.Chat's widget does.
 * The messages shown are kept until the conversation ends, so a reload keeps them.
 */
import { effect, type ReadonlySignal } from '@preact/signals';
import { render } from 'preact';
import type { ChatBackend, ChatMessage } from '../backend/chat-backend.ts';
import type { PanelHandle, WidgetHost } from '../embed/host-contract.ts';
import type { Chat } from '../state/chat.ts';
import type { UiMessage } from '../state/message-store.ts';
import { runTriggers } from '../state/triggers.ts';
import { Teaser, TEASER_CSS } from '../ui/teaser.tsx';

export interface TriggerWiring {
  host: WidgetHost;
  chat: Chat;
  backend: ChatBackend;
  panel: PanelHandle;
  open: ReadonlySignal<boolean>;
  /** Counts the times the visitor opened the chat themselves. */
  visitorOpened: ReadonlySignal<number>;
}

const SHOWN_KEY = 'trigger-messages';

export async function startTriggers({ host, chat, backend, panel, open, visitorOpened }: TriggerWiring): Promise<() => void> {
  const c = chat.core;
  const triggers = await backend.triggers().catch(() => []);
  // What was shown before a reload, unless that conversation has ended since.
  if (!c.ended.value && !c.local.value.length) c.local.value = c.storage.get<UiMessage[]>(SHOWN_KEY) ?? [];
  const stops: (() => void)[] = [effect(() => (c.local.value.length ? c.storage.set(SHOWN_KEY, c.local.value) : c.storage.remove(SHOWN_KEY)))];
  if (!triggers.length) return () => stops.forEach((s) => s());

  // The teaser lives beside the launcher, outside the panel, in a polite live region that is always there.
  host.adoptStyles(TEASER_CSS);
  const region = document.createElement('div');
  region.setAttribute('aria-live', 'polite');
  host.shadow.append(region);
  let teased: ChatMessage | undefined;
  const paint = () => render(teased && !open.value ? <Teaser message={teased} onReply={() => panel.open()} onDismiss={() => ((teased = undefined), paint())} /> : null, region);
  stops.push(effect(() => void (open.value, paint())), () => region.remove());

  const runner = runTriggers({
    triggers,
    storage: c.storage,
    registered: () => !!c.visitor.value,
    pageUrl: () => location.href,
    elapsedMs: () => performance.now(),
    fire: (t) =>
      void (async () => {
        const agent = t.say.from === 'queue' ? await backend.nextAgent({ ...(c.guest.value.department ? { department: c.guest.value.department } : {}) }).catch(() => undefined) : undefined;
        const name = t.say.from === 'custom' ? t.say.name : agent && !agent.hidden ? agent.name || agent.username : undefined;
        const message: UiMessage = {
          id: `trigger-${t.id}-${Date.now()}`,
          text: t.say.text,
          at: Date.now(),
          from: 'agent',
          // A configured sender is nobody's identity: it has no username, and shows even where agents are hidden.
          author: { username: t.say.from === 'custom' ? '' : (agent?.username ?? ''), ...(name ? { name } : {}) },
          status: 'sent',
          seq: -1,
        };
        c.local.value = [...c.local.value, message];
        if (!c.watching.value) c.unread.value++;
        if (!open.value) {
          teased = message;
          paint();
        }
      })(),
  });
  stops.push(runner.stop);

  // The visitor opening the chat, registering, and single-page navigations.
  // An open the visitor made before this runner started (it starts once the config is in, the click may
  // land first) counts when the chat is still open: the first run of the effect below sees it.
  let opens = open.value ? 0 : visitorOpened.value;
  let wasRegistered = !!c.visitor.value;
  stops.push(
    effect(() => {
      if (visitorOpened.value !== opens) {
        opens = visitorOpened.value;
        runner.opened();
      }
    }),
    effect(() => {
      const now = !!c.visitor.value;
      if (now && !wasRegistered) runner.registered();
      wasRegistered = now;
    }),
  );
  let url = location.href;
  const onNavigate = () =>
    queueMicrotask(() => {
      if (location.href === url) return;
      url = location.href;
      runner.navigated();
    });
  const nav = (window as { navigation?: EventTarget }).navigation;
  window.addEventListener('popstate', onNavigate);
  window.addEventListener('hashchange', onNavigate);
  nav?.addEventListener('navigatesuccess', onNavigate);
  stops.push(() => {
    window.removeEventListener('popstate', onNavigate);
    window.removeEventListener('hashchange', onNavigate);
    nav?.removeEventListener('navigatesuccess', onNavigate);
  });
  return () => stops.forEach((s) => s());
}
