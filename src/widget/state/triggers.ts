/**
 * Proactive messages, run as Rocket.Chat's widget runs its triggers: each trigger's condition — the
 * page's address matching a pattern (checked again on every navigation), a time on the site, the
 * visitor opening the chat, the visitor registering — and then its message. Only for visitors who have
 * not registered yet (except "after registration"); a `runOnce` trigger fires once per visitor on this
 * device, the others at most once per page. Loaded only where the site has triggers.
 */
import type { KeyValueStore, Trigger } from '../backend/chat-backend.ts';

export interface TriggerRunnerDeps {
  triggers: readonly Trigger[];
  /** Where the fired ones are remembered (`runOnce`). */
  storage: KeyValueStore;
  /** The visitor is registered (has a record on the server). */
  registered: () => boolean;
  pageUrl: () => string;
  /** Milliseconds the visitor has been on this page (time on site counts from the page's start). */
  elapsedMs: () => number;
  fire: (trigger: Trigger) => void;
}

export const FIRED_KEY = 'triggered';

/** A page-url pattern as Rocket.Chat reads it (a regular expression); one that does not compile never matches. */
export function urlMatches(pattern: string, url: string): boolean {
  try {
    return new RegExp(pattern).test(url);
  } catch {
    return false;
  }
}

export function runTriggers(d: TriggerRunnerDeps) {
  const fired = new Set<string>(d.storage.get<string[]>(FIRED_KEY) ?? []);
  /** Fired (or waiting to) on this page: a trigger is never scheduled twice at once. */
  const busy = new Set<string>();
  const timers: ReturnType<typeof setTimeout>[] = [];

  const eligible = (t: Trigger) => !(t.runOnce && fired.has(t.id)) && !busy.has(t.id) && (t.when.kind === 'registered' || !d.registered());
  const fire = (t: Trigger) => {
    if (!eligible(t)) return;
    busy.add(t.id);
    if (t.runOnce) {
      fired.add(t.id);
      d.storage.set(FIRED_KEY, [...fired]);
    }
    d.fire(t);
  };
  const each = (kind: Trigger['when']['kind'], fn: (t: Trigger) => void) => d.triggers.filter((t) => t.when.kind === kind).forEach(fn);

  const checkUrl = () => each('page-url', (t) => t.when.kind === 'page-url' && urlMatches(t.when.pattern, d.pageUrl()) && fire(t));
  checkUrl();
  each('time-on-site', (t) => {
    if (t.when.kind !== 'time-on-site' || !eligible(t)) return;
    timers.push(setTimeout(() => fire(t), Math.max(0, t.when.seconds * 1000 - d.elapsedMs())));
  });

  return {
    /** The visitor opened the chat themselves. */
    opened: () => each('chat-opened', fire),
    /** The visitor just registered. */
    registered: () => each('registered', fire),
    /** The page's address changed (a single-page app navigated): page-url triggers are checked again. */
    navigated: () => {
      for (const t of d.triggers) if (t.when.kind === 'page-url' && !t.runOnce) busy.delete(t.id);
      checkUrl();
    },
    stop: () => timers.forEach(clearTimeout),
  };
}
