/**
 * The conversation as the visitor sees it: server messages upserted by id (REST and the stream may both
 * deliver one; edits reuse the id), plus the visitor's own messages that are not acknowledged yet, which
 * stay at the bottom in the order typed until the server stamps them.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatMessage } from '../backend/chat-backend.ts';
import type { ChatError } from '../backend/errors.ts';

export type DeliveryStatus = 'sending' | 'sent' | 'failed';

export interface UiMessage extends ChatMessage {
  status: DeliveryStatus;
  error?: ChatError;
  /** When an automatic resend is planned (ms since epoch). */
  retryAt?: number;
  /** Local order of unacknowledged messages. */
  seq: number;
}

/** What survives a reload of an unsent message: enough to resend it with the same id. */
export interface OutboxEntry {
  id: string;
  text: string;
  createdAt: number;
}

export interface MessageStore {
  readonly all: ReadonlySignal<readonly UiMessage[]>;
  readonly outbox: ReadonlySignal<readonly OutboxEntry[]>;
  has(id: string): boolean;
  get(id: string): UiMessage | undefined;
  /** Server messages; returns those that were not known before. */
  upsert(messages: readonly ChatMessage[]): ChatMessage[];
  addLocal(entry: OutboxEntry): void;
  update(id: string, patch: Partial<Pick<UiMessage, 'status' | 'error' | 'retryAt'>>): void;
  remove(id: string): void;
  clear(): void;
  /** Oldest server message time, for paging backwards. */
  oldestAt(): number | undefined;
}

export function createMessageStore(): MessageStore {
  const byId = signal<ReadonlyMap<string, UiMessage>>(new Map());
  let seq = 0;

  const all = computed(() =>
    [...byId.value.values()].sort((a, b) => {
      const ap = a.status !== 'sent';
      const bp = b.status !== 'sent';
      if (ap !== bp) return ap ? 1 : -1;
      if (ap) return a.seq - b.seq;
      return a.at - b.at || a.seq - b.seq;
    }),
  );
  const outbox = computed(() =>
    all.value.filter((m) => m.status !== 'sent').map((m) => ({ id: m.id, text: m.text, createdAt: m.at })),
  );

  return {
    all,
    outbox,
    has: (id) => byId.value.has(id),
    get: (id) => byId.value.get(id),
    upsert(messages) {
      if (messages.length === 0) return [];
      const next = new Map(byId.value);
      const fresh: ChatMessage[] = [];
      for (const m of messages) {
        const prev = next.get(m.id);
        if (!prev) fresh.push(m);
        next.set(m.id, { ...m, status: 'sent', seq: prev?.seq ?? seq++ });
      }
      byId.value = next;
      return fresh;
    },
    addLocal(entry) {
      if (byId.value.has(entry.id)) return;
      const next = new Map(byId.value);
      next.set(entry.id, { id: entry.id, text: entry.text, at: entry.createdAt, from: 'visitor', status: 'sending', seq: seq++ });
      byId.value = next;
    },
    update(id, patch) {
      const prev = byId.value.get(id);
      if (!prev) return;
      const next = new Map(byId.value);
      const merged: UiMessage = { ...prev, ...patch };
      if (patch.error === undefined && 'error' in patch) delete merged.error;
      if (patch.retryAt === undefined && 'retryAt' in patch) delete merged.retryAt;
      next.set(id, merged);
      byId.value = next;
    },
    remove(id) {
      if (!byId.value.has(id)) return;
      const next = new Map(byId.value);
      next.delete(id);
      byId.value = next;
    },
    clear() {
      byId.value = new Map();
    },
    oldestAt() {
      let oldest: number | undefined;
      for (const m of byId.value.values()) if (m.status === 'sent' && (oldest === undefined || m.at < oldest)) oldest = m.at;
      return oldest;
    },
  };
}
