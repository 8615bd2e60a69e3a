/**
 * The outgoing side: the visitor's messages queue in a persisted outbox and go one at a time, in order,
 * each with its client id so a resend can never store a copy. A passing failure is retried by itself
 * with backoff; one the visitor must act on waits for their Retry (or Edit).
 */
import { batch } from '@preact/signals';
import { randomId } from '../../shared/random-id.ts';
import { asChatError, type ChatState, type Ended } from './chat-state.ts';

export interface SenderHooks {
  ensureConversation(): Promise<string>;
  sync(): Promise<void>;
  markEnded(by: Ended['by'], transcriptRequested: boolean): void;
  stopTyping(): void;
  /** The server no longer knows the visitor; resolves true when a fresh session took over the outbox. */
  sessionLost(): Promise<boolean>;
}

export function createSender(s: ChatState, hooks: SenderHooks) {
  const { conversationId, ended, draft, config, notice, store, backend, delayFor } = s;
  let flushing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  /** Queue a message; returns false (and keeps the draft) when it cannot be sent as typed. */
  function send(text: string): boolean {
    const body = text.trim();
    if (!body || ended.value) return false;
    const limit = config.value?.limitTextLength;
    if (limit && body.length > limit) return false;
    batch(() => {
      store.addLocal({ id: randomId(), text: body, createdAt: Date.now() });
      draft.value = '';
    });
    hooks.stopTyping();
    void flush();
    return true;
  }

  /** Answer a message's choices (a quick reply, a list picker) with option `index`; the draft stays. */
  function choose(messageId: string, index: number): boolean {
    const option = store.get(messageId)?.choices?.[index];
    if (!option || ended.value) return false;
    store.addLocal({ id: randomId(), text: option.title, createdAt: Date.now(), choice: { to: messageId, index } });
    hooks.stopTyping();
    void flush();
    return true;
  }

  /** Send queued messages one at a time, in order; stop at the first failure so order is kept. */
  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    clearTimeout(timer);
    try {
      for (;;) {
        const next = store.all.value.find((m) => m.status !== 'sent');
        if (!next || ended.value) break;
        if (next.status === 'failed' && !next.error?.transient && next.retryAt === undefined) break;
        store.update(next.id, { status: 'sending', error: undefined, retryAt: undefined });
        try {
          const id = await hooks.ensureConversation();
          if (notice.value?.during === 'start') notice.value = undefined;
          const sent = await backend.sendMessage({ conversation: id, id: next.id, text: next.text, ...(next.choice ? { choice: next.choice } : {}) });
          // The server may name it otherwise: the answer stands for the message we queued.
          store.upsert([sent.id === next.id ? sent : { ...sent, clientId: next.id }]);
          s.emit({ type: 'message-sent', conversationId: id, message: sent });
          attempt = 0;
        } catch (e) {
          const error = asChatError(e);
          if (error.kind === 'room-closed') {
            store.update(next.id, { status: 'failed', error, retryAt: undefined });
            await hooks.sync();
            if (!ended.value) hooks.markEnded('agent', false);
            break;
          }
          if (error.kind === 'unauthorized' && (await hooks.sessionLost())) continue;
          if (!conversationId.value && !error.transient && notice.value?.during !== 'start') notice.value = { error, during: 'start' };
          const delay = error.transient ? delayFor(attempt++, error) : undefined;
          store.update(next.id, { status: 'failed', error, retryAt: delay === undefined ? undefined : Date.now() + delay });
          if (delay !== undefined) timer = setTimeout(() => void flush(), delay);
          break;
        }
      }
    } finally {
      flushing = false;
    }
  }

  /** The visitor's Retry on a failed message (or, without an id, on everything that failed). */
  function retry(id?: string): void {
    const ids = id ? [id] : store.all.value.filter((m) => m.status === 'failed').map((m) => m.id);
    batch(() => ids.forEach((i) => store.update(i, { status: 'sending', error: undefined, retryAt: undefined })));
    attempt = 0;
    notice.value = undefined;
    void flush();
  }

  /** Drop a message that failed for good (for example too long); its text goes back to the draft. */
  function discard(id: string): void {
    const m = store.get(id);
    if (!m || m.status === 'sent') return;
    batch(() => {
      store.remove(id);
      if (!draft.value) draft.value = m.text;
    });
  }

  return {
    send,
    choose,
    flush,
    retry,
    discard,
    /** The network is back: the next failure starts the backoff afresh. */
    resetBackoff: () => (attempt = 0),
    stop: () => clearTimeout(timer),
  };
}
