/**
 * What survives a reload: the session's signals, one key each (never the whole state), and the outbox
 * of unsent messages. Returns the cleanup.
 */
import { effect, type Signal } from '@preact/signals';
import type { ChatState } from './chat-state.ts';
import type { OutboxEntry } from './message-store.ts';

export function persistSession(s: ChatState): () => void {
  const { storage } = s;
  const persisted: [string, Signal<unknown>][] = [
    ['rid', s.conversationId],
    ['visitor', s.visitor],
    ['guest', s.guest],
    ['ended', s.ended],
    ['unread', s.unread],
    ['draft', s.draft],
  ];
  // Only what differs from the stored value is written. A tab that follows another tab's change
  // (cross-tab.ts) sets these signals from storage, and must not write back what it read: its copy of
  // localStorage can lag the other tab's, and writing the lagging value would erase the newer one (the
  // other tab's new chat, emptied in both).
  const write = (key: string, v: unknown, empty: boolean) => {
    const stored = storage.get(key);
    if (empty) {
      if (stored !== undefined) storage.remove(key);
    } else if (JSON.stringify(v) !== JSON.stringify(stored)) storage.set(key, v);
  };
  const stops = persisted.map(([key, sig]) =>
    effect(() => {
      const v = sig.value;
      write(key, v, v === undefined || v === '' || v === 0);
    }),
  );
  // Restore before the persisting effect first runs, or its first run would erase the saved outbox.
  for (const entry of storage.get<OutboxEntry[]>('outbox') ?? []) s.store.addLocal(entry);
  stops.push(
    effect(() => {
      const box = s.store.outbox.value;
      write('outbox', box, !box.length);
    }),
  );
  return () => stops.forEach((stop) => stop());
}

/**
 * Keys to drop when the site asks that nothing of a finished chat stays on the device (the backend drops
 * its own), or the visitor asks to be forgotten: the session's, and the proactive messages fired and shown
 * (panel/triggers.tsx).
 */
export const SESSION_KEYS = ['rid', 'visitor', 'guest', 'ended', 'unread', 'draft', 'outbox', 'triggered', 'trigger-messages'] as const;
