/**
 * Fixtures for the Amazon Connect e2e specs. The customer page lives on http://site.test:PORT and the
 * embedded stand-in on 127.0.0.1:PORT (the Participant Service at its root, the reference start-chat
 * backend at /connect-backend/*), so every call the widget makes is cross-origin, as on a real site.
 * The agent is played through the stand-in's agent client: its controls accept the contact, and from
 * there the agent uses the real Participant API and websocket, as CCP would.
 */
import { test as base, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { ConnectAgentClient, type AgentSession } from '../src/shared/amazon-connect/agent-client.ts';
import type { TranscriptItem } from '../src/shared/amazon-connect/wire.ts';
import { control, expect, STANDIN_URL, WidgetPage, type HostPage } from './fixtures.ts';

export { expect, expectSent, mailbox, control, STANDIN_URL, SITE } from './fixtures.ts';

/** The script tag of a site on Amazon Connect. */
export const CONNECT_ATTRS = {
  'data-backend': 'amazon-connect',
  'data-start-chat-url': `${STANDIN_URL}/connect-backend/start-chat`,
  'data-participant-endpoint': STANDIN_URL,
  'data-region': 'us-east-1',
};

export class ConnectWidget extends WidgetPage {
  constructor(page: Page) {
    super(page);
  }

  override async goto(p: HostPage = {}): Promise<void> {
    await super.goto({ ...p, attrs: { ...CONNECT_ATTRS, ...p.attrs } });
  }

  /** The chat's ContactId, once the widget started it (the page API's `roomId`). */
  async contactId(): Promise<string> {
    let id: string | undefined;
    await expect.poll(async () => (id = ((await this.api('getState')) as { roomId?: string }).roomId), { message: 'the widget started a contact' }).toBeTruthy();
    return id!;
  }
}

/** The agent's side: accepts the visitor's contact and then speaks through the Participant API. */
export class ConnectAgent {
  readonly client = new ConnectAgentClient(STANDIN_URL, { WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket });
  private sessions: AgentSession[] = [];

  /** Accept the widget's contact (waiting for the widget to have started it). */
  async join(widget: ConnectWidget, name = 'Ana'): Promise<AgentSession> {
    const id = await widget.contactId();
    await expect.poll(async () => (await this.client.contacts('waiting')).some((c) => c.ContactId === id), { message: 'the contact waits for an agent' }).toBe(true);
    const session = await this.client.accept(id, name);
    this.sessions.push(session);
    return session;
  }

  /** The transcript as the agent reads it, messages only, oldest first: `ROLE: text`. */
  static async lines(session: AgentSession): Promise<string[]> {
    const items: TranscriptItem[] = [];
    let next: string | undefined;
    do {
      const page = await session.transcript({ MaxResults: 100, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING', ...(next ? { NextToken: next } : {}) });
      items.unshift(...(page.Transcript ?? []));
      next = page.NextToken || undefined;
    } while (next);
    return items.filter((i) => i.Type === 'MESSAGE' && (i.ParticipantRole === 'CUSTOMER' || i.ParticipantRole === 'AGENT')).map((i) => `${i.ParticipantRole}: ${i.Content}`);
  }

  /**
   * The agent sends as CCP would through a network fault: the same ClientToken on every try, until
   * the service answers (so a lost answer never makes a second message).
   */
  static async sendSurely(session: AgentSession, text: string): Promise<void> {
    const token = `agent-${Math.random().toString(36).slice(2)}`;
    await expect
      .poll(() => session.send(text, 'text/plain', token).then(() => true, () => false), { message: `the agent's "${text}" is sent`, timeout: 30_000 })
      .toBe(true);
  }

  close(): void {
    for (const s of this.sessions.splice(0)) s.close();
  }
}

/** Server-side faults: the stand-in drops every websocket (a restart with no downtime), or restarts. */
export const dropAllSockets = () => control('restart', { downMs: 0 });
export const restartStandin = (downMs: number) => control('restart', { downMs });

interface Fixtures {
  widget: ConnectWidget;
  agent: ConnectAgent;
}

export const test = base.extend<Fixtures>({
  widget: async ({ page }, use) => {
    await use(new ConnectWidget(page));
  },
  agent: async ({}, use) => {
    const agent = new ConnectAgent();
    await use(agent);
    agent.close();
  },
});
