/**
 * What a chat server may hear about the visitor's presence on the site: `away` after a stretch
 * with no activity (and `online` on the next), and page visits as the page's URL or title changes —
 * watched through events only; the host page's history and URL are never touched or polled.
 */
import type { ChatBackend } from '../backend/chat-backend.ts';
import type { Chat } from './chat.ts';

export interface PresenceDeps {
  /** True once there is a registered visitor to report about. */
  active: () => boolean;
  setStatus: (status: 'online' | 'away') => Promise<void>;
  idleMs?: number;
}

export function trackIdle({ active, setStatus, idleMs = 5 * 60_000 }: PresenceDeps): () => void {
  let away = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const goAway = () => {
    if (!active() || away) return;
    away = true;
    void setStatus('away').catch(() => undefined);
  };
  const activity = () => {
    clearTimeout(timer);
    timer = setTimeout(goAway, idleMs);
    if (away && active()) {
      away = false;
      void setStatus('online').catch(() => undefined);
    }
  };
  const events = ['pointerdown', 'keydown', 'scroll', 'touchstart'] as const;
  for (const e of events) window.addEventListener(e, activity, { passive: true, capture: true });
  const onVisible = () => document.visibilityState === 'visible' && activity();
  document.addEventListener('visibilitychange', onVisible);
  activity();
  return () => {
    clearTimeout(timer);
    for (const e of events) window.removeEventListener(e, activity, { capture: true });
    document.removeEventListener('visibilitychange', onVisible);
  };
}

export interface PageVisit {
  title: string;
  url: string;
}

const NAVIGATED = 'rcw-navigated';

/**
 * Single-page apps navigate with history.pushState / replaceState, which fire no event. Both are wrapped
 * once per page to fire one (never unwrapped: a router may have wrapped them since); with no listener
 * the wrapper does nothing more than the original. Rocket.Chat's own widget polls the URL instead.
 */
function announceHistory(): void {
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name] as History['pushState'] & { rcw?: true };
    if (original.rcw) continue;
    const wrapped = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      window.dispatchEvent(new Event(NAVIGATED));
    } as History['pushState'] & { rcw?: true };
    wrapped.rcw = true;
    history[name] = wrapped;
  }
}

/** Calls `visit` for the current page and after each navigation (or title change, for 'title'). */
export function trackPageVisits(monitor: () => 'url' | 'title' | 'never', visit: (page: PageVisit) => void): () => void {
  let last = '';
  const check = () => {
    const kind = monitor();
    if (kind === 'never') return;
    const key = kind === 'url' ? location.href : document.title;
    if (key === last) return;
    last = key;
    visit({ title: document.title, url: location.href });
  };
  // A router sets the title after it pushes the URL: read both once its synchronous work is done.
  const onNavigate = () => queueMicrotask(check);
  announceHistory();
  const events = ['popstate', 'hashchange', NAVIGATED];
  for (const e of events) window.addEventListener(e, onNavigate);
  const title = document.querySelector('title');
  const observer = title ? new MutationObserver(onNavigate) : undefined;
  if (title) observer!.observe(title, { childList: true, characterData: true, subtree: true });
  check();
  return () => {
    for (const e of events) window.removeEventListener(e, onNavigate);
    observer?.disconnect();
  };
}

/** What the backend offers of both, for a chat: reported while there is a visitor. */
export function startPresence(chat: Chat, backend: ChatBackend): () => void {
  const active = () => !!chat.visitor.value;
  const features = () => chat.config.value?.features;
  const stopIdle = features()?.visitorStatus ? trackIdle({ active, setStatus: (status) => backend.setVisitorStatus(status) }) : () => undefined;
  const stopVisits = trackPageVisits(
    () => features()?.pageVisits ?? 'never',
    (page) => {
      if (!active()) return;
      const change = features()?.pageVisits === 'title' ? 'title' : 'url';
      const conversation = chat.conversationId.value;
      void backend.pageVisited({ ...(conversation ? { conversation } : {}), ...page, change }).catch(() => undefined);
    },
  );
  return () => {
    stopIdle();
    stopVisits();
  };
}
