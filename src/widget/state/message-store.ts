/**
 * The conversation as the visitor sees it: server messages upserted by id (REST and the stream may both
 * deliver one; edits reuse the id), plus the visitor's own messages that are not acknowledged yet, which
 * stay at the bottom in the order typed until the server stamps them (under its own id, when it names
 * them otherwise: `clientId` says which of ours it was).
 *
 * Kept as a sorted array with binary insertion, so a message arriving in a conversation of thousands
 * costs one copy, not a sort; a batch (a history page) is one change for the signals.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatMessage, Receipt } from '../backend/chat-backend.ts';
import type { ChatError } from '../backend/errors.ts';

export type DeliveryStatus = 'sending' | 'sent' | 'failed';

export interface UiMessage extends ChatMessage {
  status: DeliveryStatus;
  error?: ChatError;
  /** When an automatic resend is planned (ms since epoch). */
  retryAt?: number;
  /** Arrival order, to keep ties (same millisecond) and unacknowledged messages stable. */
  seq: number;
  /** Not sent yet: it answers a message's choices. */
  choice?: OutboxEntry['choice'];
}

/** What survives a reload of an unsent message: enough to resend it with the same id. */
export interface OutboxEntry {
  id: string;
  text: string;
  createdAt: number;
  /** An answer to a message's choices. */
  choice?: { to: string; index: number };
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
  /** The other side received or read a message (it may not have arrived here yet); never goes back. */
  setReceipt(id: string, receipt: Receipt): void;
  remove(id: string): void;
  clear(): void;
  /** Oldest server message time, for paging backwards. */
  oldestAt(): number | undefined;
}

const before = (a: UiMessage, b: UiMessage) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
const furthest = (a: Receipt | undefined, b: Receipt | undefined) => (a === 'read' || b === 'read' ? 'read' : (a ?? b));

export function createMessageStore(): MessageStore {
  let sent: UiMessage[] = [];
  let pending: UiMessage[] = [];
  const byId = new Map<string, UiMessage>();
  /** Receipts for messages not (yet) here. */
  const early = new Map<string, Receipt>();
  let seq = 0;
  const version = signal(0);
  const changed = () => version.value++;

  const all = computed(() => {
    void version.value;
    return pending.length ? [...sent, ...pending] : sent.slice();
  });
  const outbox = computed(() => {
    void version.value;
    return pending.map((m) => ({ id: m.id, text: m.text, createdAt: m.at, ...(m.choice ? { choice: m.choice } : {}) }));
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
      // Read again and all known (the gap fill after a connect, each poll): nothing to draw again.
      let same = true;
      for (const m of messages) {
        // Ours, stamped under the server's id: the queued copy gives way (or stands in, if it is all we have).
        const queued = m.clientId !== undefined && m.clientId !== m.id ? byId.get(m.clientId) : undefined;
        if (queued) {
          same = false;
          byId.delete(queued.id);
          if (queued.status === 'sent') sent = removeFrom(sent, queued.id);
          else pending = removeFrom(pending, queued.id);
        }
        const prev = byId.get(m.id) ?? (queued && queued.status !== 'sent' ? queued : undefined);
        const receipt = furthest(furthest(m.receipt, prev?.receipt), early.get(m.id));
        early.delete(m.id);
        const next: UiMessage = { ...m, ...(receipt ? { receipt } : {}), status: 'sent', seq: prev?.seq ?? queued?.seq ?? seq++ };
        if (!prev) {
          same = false;
          fresh.push(m);
          byId.set(m.id, next);
          insertSent(next);
        } else if (prev.status !== 'sent') {
          same = false;
          // Our own message, acknowledged: it leaves the bottom for its place in server time.
          pending = removeFrom(pending, prev.id);
          // Defensive: wherever the unacknowledged copy sits, only one copy may remain.
          if (sent.includes(prev)) sent = removeFrom(sent, m.id);
          byId.set(m.id, next);
          insertSent(next);
        } else {
          // A copy that says less of its files (the stream omits sizes REST gave) keeps what we knew.
          if (next.attachments && prev.attachments)
            next.attachments = next.attachments.map((a) => {
              const size = a.size ?? prev.attachments!.find((p) => p.id === a.id)?.size;
              return size === undefined ? a : { ...a, size };
            });
          // The same message read again (history filling a gap after a connect, a page that overlaps)
          // keeps its object, so the conversation is not drawn again for it (ui/message-item.tsx).
          if (JSON.stringify(next) !== JSON.stringify(prev)) {
            same = false;
            replace(prev, next);
          }
        }
      }
      if (!same) changed();
      return fresh;
    },
    addLocal(entry) {
      if (byId.has(entry.id)) return;
      const m: UiMessage = { id: entry.id, text: entry.text, at: entry.createdAt, from: 'visitor', status: 'sending', seq: seq++, ...(entry.choice ? { choice: entry.choice } : {}) };
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
    setReceipt(id, receipt) {
      const prev = byId.get(id);
      if (!prev || prev.status !== 'sent') {
        early.set(id, furthest(early.get(id), receipt)!);
        return;
      }
      if (furthest(prev.receipt, receipt) === prev.receipt) return;
      replace(prev, { ...prev, receipt });
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
      early.clear();
      changed();
    },
    oldestAt() {
      return sent[0]?.at;
    },
  };
}
