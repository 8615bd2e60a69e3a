/**
 * The console's Amazon Connect side: the stand-in's contacts (polled: CCP would push them), and the one
 * the agent looks at. Accepting a contact makes this page an AGENT participant of it; from there the
 * agent talks through the real Participant API and websocket (src/shared/amazon-connect/agent-client.ts).
 */
import { signal } from '@preact/signals';
import type { AgentSession, ContactSummary } from '../../../shared/amazon-connect/agent-client.ts';
import { actionError, type ActionError } from '../../shared/describe-error.ts';
import { createConnectConversation, type ConnectConversation } from './connect-conversation.ts';

/** The part of `ConnectAgentClient` the console uses. */
export interface ConnectConsoleClient {
  contacts(): Promise<ContactSummary[]>;
  contact(contactId: string): Promise<{ contact: ContactSummary; transcript: import('../../../shared/amazon-connect/wire.ts').TranscriptItem[] }>;
  accept(contactId: string, displayName?: string): Promise<AgentSession>;
  stop(contactId: string): Promise<void>;
}

export const CONTACT_POLL_MS = 3_000;

export function createConnectDesk(client: ConnectConsoleClient, agentName: () => string, options: { pollMs?: number; onSelect?: () => void } = {}) {
  const contacts = signal<ContactSummary[]>([]);
  const loaded = signal(false);
  const error = signal<ActionError | null>(null);
  const selected = signal<ConnectConversation | null>(null);
  /** The contacts this page joined as the agent, kept while the page lives. */
  const sessions = new Map<string, AgentSession>();
  let timer: ReturnType<typeof setInterval> | undefined;

  async function refresh(): Promise<void> {
    try {
      const list = (await client.contacts()).filter((c) => c.state !== 'ended' || sessions.has(c.ContactId));
      contacts.value = list.sort((a, b) => Date.parse(b.lastMessage?.AbsoluteTime ?? b.createdAt) - Date.parse(a.lastMessage?.AbsoluteTime ?? a.createdAt));
      error.value = null;
      const open = selected.value;
      const fresh = open && list.find((c) => c.ContactId === open.contactId);
      if (fresh) open.update(fresh);
    } catch (e) {
      error.value = actionError("Couldn't load the Amazon Connect chats", e);
    } finally {
      loaded.value = true;
    }
  }

  function select(contact: ContactSummary | null): void {
    if (selected.value?.contactId === contact?.ContactId) return;
    selected.value?.dispose();
    selected.value = contact
      ? createConnectConversation(client, contact, sessions.get(contact.ContactId), {
          accept: async () => {
            const s = await client.accept(contact.ContactId, agentName());
            sessions.set(contact.ContactId, s);
            void refresh();
            return s;
          },
          onChanged: () => void refresh(),
        })
      : null;
    if (contact) options.onSelect?.();
  }

  return {
    contacts,
    loaded,
    error,
    selected,
    refresh,
    select,
    /** This page joined it as the agent. */
    isMine: (contactId: string) => sessions.has(contactId),
    start() {
      void refresh();
      timer = setInterval(() => void refresh(), options.pollMs ?? CONTACT_POLL_MS);
    },
    stop() {
      clearInterval(timer);
      selected.value?.dispose();
      selected.value = null;
      for (const s of sessions.values()) s.close();
      sessions.clear();
    },
  };
}

export type ConnectDesk = ReturnType<typeof createConnectDesk>;
