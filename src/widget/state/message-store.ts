/**
 * The conversation as the visitor sees it: server messages upserted by id (REST and the stream may both
 * deliver one; edits reuse the id), plus the visitor's own messages that are not acknowledged yet, which
 * stay at the bottom in the order typed until the server stamps them.
 *
 * Kept as a sorted array with binary insertion, so a message arriving in a conversation of thousands
 * costs one copy, not a sort; a batch (a history page) is one change for the signals.
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
  /** Arrival order, to keep ties (same millisecond) and unacknowledged messages stable. */
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

const before = (a: UiMessage, b: UiMessage) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export function createMessageStore(): MessageStore {
  let sent: UiMessage[] = [];
  let pending: UiMessage[] = [];
  const byId = new Map<string, UiMessage>();
  let seq = 0;
  const version = signal(0);
  const changed = () => version.value++;

  const all = computed(() => {
    void version.value;
    return pending.length ? [...sent, ...pending] : sent.slice();
  });
  const outbox = computed(() => {
    void version.value;
    return pending.map((m) => ({ id: m.id, text: m.text, createdAt: m.at }));
  });

  function insertSent(m: UiMessage): void {
    // Nearly always the newest: check the end before searching.
    if (sent.length === 0 || !before(m, sent[sent.length - 1]!)) {
      sent.push(m);
      return;
    }
    let lo = 0;
    let hi = sent.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(sent[mid]!, m)) lo = mid + 1;
      else hi = mid;
    }
    sent.splice(lo, 0, m);
  }

  function removeFrom(list: UiMessage[], id: string): UiMessage[] {
    const i = list.findIndex((m) => m.id === id);
    if (i < 0) return list;
    const copy = list.slice();
    copy.splice(i, 1);
    return copy;
  }

  function replace(prev: UiMessage, next: UiMessage): void {
    byId.set(next.id, next);
    if (prev.status === 'sent') {
      const i = sent.lastIndexOf(prev);
      sent = sent.slice();
      if (i >= 0 && prev.at === next.at) sent[i] = next;
      else {
        if (i >= 0) sent.splice(i, 1);
        insertSent(next);
      }
    } else {
      pending = pending.map((m) => (m === prev ? next : m));
    }
  }

  return {
    all,
    outbox,
    has: (id) => byId.has(id),
    get: (id) => byId.get(id),
    upsert(messages) {
      if (messages.length === 0) return [];
      const fresh: ChatMessage[] = [];
      sent = sent.slice();
      for (const m of messages) {
        const prev = byId.get(m.id);
        const next: UiMessage = { ...m, status: 'sent', seq: prev?.seq ?? seq++ };
        if (!prev) {
          fresh.push(m);
          byId.set(m.id, next);
          insertSent(next);
        } else if (prev.status !== 'sent') {
          // Our own message, acknowledged: it leaves the bottom for its place in server time.
          pending = removeFrom(pending, m.id);
          // Defensive: wherever the unacknowledged copy sits, only one copy may remain.
          if (sent.includes(prev)) sent = removeFrom(sent, m.id);
          byId.set(m.id, next);
          insertSent(next);
        } else {
          replace(prev, next);
        }
      }
      changed();
      return fresh;
    },
    addLocal(entry) {
      if (byId.has(entry.id)) return;
      const m: UiMessage = { id: entry.id, text: entry.text, at: entry.createdAt, from: 'visitor', status: 'sending', seq: seq++ };
      byId.set(m.id, m);
      pending = [...pending, m];
      changed();
    },
    update(id, patch) {
      const prev = byId.get(id);
      if (!prev) return;
      // The server has it (the stream can deliver it before a lost response fails): a late failure or
      // a resend must not pull it back into the outbox.
      if (prev.status === 'sent' && patch.status !== undefined && patch.status !== 'sent') return;
      const merged: UiMessage = { ...prev, ...patch };
      if (patch.error === undefined && 'error' in patch) delete merged.error;
      if (patch.retryAt === undefined && 'retryAt' in patch) delete merged.retryAt;
      replace(prev, merged);
      changed();
    },
    remove(id) {
      const prev = byId.get(id);
      if (!prev) return;
      byId.delete(id);
      if (prev.status === 'sent') sent = removeFrom(sent, id);
      else pending = removeFrom(pending, id);
      changed();
    },
    clear() {
      sent = [];
      pending = [];
      byId.clear();
      changed();
    },
    oldestAt() {
      return sent[0]?.at;
    },
  };
}
