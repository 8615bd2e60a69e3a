/**
 * One Amazon Connect contact in the console: its transcript, then what arrives over the agent's
 * websocket (upserted by Id), the customer's typing, our replies (optimistic until the service names
 * them), our typing, read receipts for what we saw, accepting a waiting contact and ending the chat.
 */
import { batch, computed, signal } from '@preact/signals';
import type { AgentSession, ContactSummary } from '../../../shared/amazon-connect/agent-client.ts';
import type { TranscriptItem } from '../../../shared/amazon-connect/wire.ts';
import { randomId } from '../../../shared/random-id.ts';
import { actionError, type ActionError } from '../../shared/describe-error.ts';
import type { ConnectConsoleClient } from './connect-desk.ts';
import { fromItem } from './connect-messages.ts';
import { upsertAll, upsertMessage, type ConsoleMessage } from './messages.ts';
import { TypingNotifier } from './typing-notifier.ts';

/** A customer's typing event comes at most every 10 s while they type (chatjs): forget it after that. */
export const CUSTOMER_TYPING_EXPIRES_MS = 12_000;
const TYPING = 'application/vnd.amazonaws.connect.event.typing';

export function createConnectConversation(
  client: ConnectConsoleClient,
  initial: ContactSummary,
  joined: AgentSession | undefined,
  deps: { accept: () => Promise<AgentSession>; onChanged: () => void },
) {
  const contactId = initial.ContactId;
  const contact = signal(initial);
  const messages = signal<ConsoleMessage[]>([]);
  const loading = signal(true);
  const error = signal<ActionError | null>(null);
  const customerTyping = signal<string | null>(null);
  const session = signal<AgentSession | undefined>(joined);
  const endedHere = signal(false);
  const open = computed(() => contact.value.state !== 'ended' && !endedHere.value);
  const waiting = computed(() => open.value && contact.value.state === 'waiting' && !session.value);
  const customerName = computed(() => contact.value.customer?.DisplayName ?? 'Customer');
  let seen = 0;
  let typingExpiry: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let lastRead: string | undefined;

  const take = (items: readonly TranscriptItem[], live: boolean) => {
    const next: ConsoleMessage[] = [];
    for (const i of items) {
      if (live && i.ContentType === TYPING && i.ParticipantRole === 'CUSTOMER') {
        clearTimeout(typingExpiry);
        customerTyping.value = customerName.value;
        typingExpiry = setTimeout(() => (customerTyping.value = null), CUSTOMER_TYPING_EXPIRES_MS);
      }
      const m = fromItem(contactId, i);
      if (!m) continue;
      next.push(m);
      if (m.kind === 'visitor') customerTyping.value = null;
      if (m.systemType === 'connect:ended') endedHere.value = true;
    }
    if (next.length) messages.value = upsertAll(messages.value, next);
    // What the agent sees, they have read: the customer's widget shows it.
    const newest = [...items].reverse().find((i) => i.Type === 'MESSAGE' && i.ParticipantRole === 'CUSTOMER');
    const s = session.value;
    if (s && newest?.Id && newest.Id !== lastRead && open.value) {
      lastRead = newest.Id;
      s.read(newest.Id).catch(() => undefined);
    }
  };

  // The agent session records every item its websocket brought; take the new ones as they come.
  const poll = setInterval(() => {
    const s = session.value;
    if (!s || disposed || s.received.length === seen) return;
    const fresh = s.received.slice(seen);
    seen = s.received.length;
    batch(() => take(fresh, true));
  }, 200);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const s = session.value;
      let items: TranscriptItem[];
      if (s) {
        items = [];
        let token: string | undefined;
        do {
          const page = await s.transcript({ MaxResults: 100, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING', ...(token ? { NextToken: token } : {}) });
          items.unshift(...(page.Transcript ?? []));
          token = page.NextToken || undefined;
        } while (token);
      } else {
        // Not ours (or not yet): read it through the stand-in's controls.
        items = (await client.contact(contactId)).transcript;
      }
      if (!disposed) batch(() => take(items, false));
      error.value = null;
    } catch (e) {
      if (!disposed) error.value = actionError("Couldn't load the conversation", e);
    } finally {
      if (!disposed) loading.value = false;
    }
  }

  const notifier = new TypingNotifier((typing) => {
    if (typing) session.value?.typing().catch(() => undefined);
  });

  async function deliver(id: string, text: string): Promise<void> {
    const s = session.value;
    if (!s) return;
    try {
      const r = await s.send(text, 'text/plain', id);
      if (disposed) return;
      // The service names it: the optimistic copy gives way to its Id (the echo may be here already).
      const mine = messages.value.find((m) => m.id === id);
      messages.value = upsertMessage(
        messages.value.filter((m) => m.id !== id),
        { ...(mine ?? { rid: contactId, kind: 'agent', author: s.displayName, text }), id: r.Id ?? id, ts: new Date(r.AbsoluteTime ?? Date.now()), pending: false } as ConsoleMessage,
      );
      error.value = null;
    } catch (e) {
      if (disposed) return;
      const report = actionError("Couldn't send the message", e);
      const failed = messages.value.find((m) => m.id === id);
      batch(() => {
        if (failed) messages.value = upsertMessage(messages.value, { ...failed, pending: false, error: report.summary });
        error.value = report;
      });
    }
  }

  function send(text: string): void {
    const msg = text.trim();
    if (!msg || !session.value) return;
    notifier.stop();
    const id = randomId();
    messages.value = upsertMessage(messages.value, { id, rid: contactId, kind: 'agent', text: msg, author: session.value.displayName, ts: new Date(), pending: true });
    void deliver(id, msg);
  }

  function retry(id: string): void {
    const m = messages.value.find((x) => x.id === id);
    if (!m?.error) return;
    messages.value = upsertMessage(messages.value, { ...m, pending: true, error: undefined });
    void deliver(id, m.text);
  }

  async function accept(): Promise<void> {
    try {
      const s = await deps.accept();
      if (disposed) return;
      seen = 0;
      session.value = s;
      error.value = null;
      await load();
    } catch (e) {
      error.value = actionError("Couldn't accept the chat", e);
    }
  }

  async function end(): Promise<boolean> {
    notifier.stop();
    try {
      await client.stop(contactId);
      endedHere.value = true;
      error.value = null;
      deps.onChanged();
      return true;
    } catch (e) {
      error.value = actionError("Couldn't end the chat", e);
      return false;
    }
  }

  void load();

  return {
    contactId,
    contact,
    messages,
    loading,
    error,
    customerTyping,
    session,
    open,
    waiting,
    customerName,
    update: (c: ContactSummary) => {
      if (c.ContactId === contactId) contact.value = c;
    },
    typingInput: (text: string) => notifier.input(text),
    send,
    retry,
    accept,
    end,
    dismissError: () => (error.value = null),
    dispose() {
      disposed = true;
      notifier.stop();
      clearInterval(poll);
      clearTimeout(typingExpiry);
    },
  };
}

export type ConnectConversation = ReturnType<typeof createConnectConversation>;
