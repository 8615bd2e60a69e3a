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
  const stops = persisted.map(([key, sig]) =>
    effect(() => {
      const v = sig.value;
      if (v === undefined || v === '' || v === 0) storage.remove(key);
      else storage.set(key, v);
    }),
  );
  // Restore before the persisting effect first runs, or its first run would erase the saved outbox.
  for (const entry of storage.get<OutboxEntry[]>('outbox') ?? []) s.store.addLocal(entry);
  stops.push(
    effect(() => {
      const box = s.store.outbox.value;
      if (box.length) storage.set('outbox', box);
      else storage.remove('outbox');
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
