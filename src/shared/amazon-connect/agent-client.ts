/**
 * The agent side of the Connect stand-in, for tests, e2e fixtures and the demo console (Node and browser:
 * fetch + WebSocket). Real agents arrive through CCP/Streams, which the stand-in does not emulate: the
 * stand-in's `/_standin/connect/*` controls list contacts and accept one, which makes the agent an AGENT
 * participant with a ParticipantToken; from there the agent uses the real Participant API and websocket.
 */
import { ChatSocket } from './chat-socket.ts';
import { ParticipantClient } from './participant-client.ts';
import { CONTENT_TYPE, EVENT_TYPE, type GetTranscriptRequest, type TranscriptItem } from './wire.ts';

export type ContactState = 'waiting' | 'connected' | 'ended';

export interface ContactSummary {
  ContactId: string;
  InstanceId: string;
  ContactFlowId: string;
  state: ContactState;
  createdAt: string;
  endedAt?: string;
  customer: { ParticipantId: string; DisplayName: string; left: boolean } | null;
  agent: { ParticipantId: string; DisplayName: string; left: boolean } | null;
  attributes: Record<string, string>;
  lastMessage: { Id?: string; Content: string; DisplayName?: string; ParticipantRole?: string; AbsoluteTime?: string } | null;
}

export interface StandinConnectConfig {
  region: string;
  instanceId: string;
  contactFlowId: string;
  agentName: string;
}

export interface AgentClientOptions {
  fetch?: typeof fetch;
  /** WebSocket constructor; Node 20 has none, so pass the `ws` package's. */
  WebSocket?: new (url: string) => WebSocket;
}

export class ConnectAgentClient {
  readonly participant: ParticipantClient;
  private readonly fetchImpl: typeof fetch;

  constructor(
    /** The stand-in's origin (the Participant Service is at its root). */
    readonly baseUrl: string,
    private readonly options: AgentClientOptions = {},
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((...args) => fetch(...args));
    this.participant = new ParticipantClient({ endpoint: this.baseUrl, fetch: this.fetchImpl });
  }

  config(): Promise<StandinConnectConfig> {
    return this.control('GET', 'config');
  }

  async contacts(state?: ContactState): Promise<ContactSummary[]> {
    return (await this.control<{ contacts: ContactSummary[] }>('GET', `contacts${state ? `?state=${state}` : ''}`)).contacts;
  }

  contact(contactId: string): Promise<{ contact: ContactSummary; transcript: TranscriptItem[] }> {
    return this.control('GET', `contacts/${encodeURIComponent(contactId)}`);
  }

  /** Accepts a waiting contact and joins it: connection, websocket, and the transcript so far. */
  async accept(contactId: string, displayName?: string): Promise<AgentSession> {
    const joined = await this.control<{ ParticipantId: string; ParticipantToken: string; DisplayName: string }>(
      'POST',
      `contacts/${encodeURIComponent(contactId)}/accept`,
      displayName ? { DisplayName: displayName } : {},
    );
    return AgentSession.join(this.participant, contactId, joined, this.options.WebSocket);
  }

  /** Ends a contact as StopContact would. */
  async stop(contactId: string): Promise<void> {
    await this.control('POST', `contacts/${encodeURIComponent(contactId)}/stop`, {});
  }

  /** Kills every chat websocket (a network drop); new ones are refused for `refuseMs`. */
  async dropSockets(refuseMs = 0): Promise<number> {
    return (await this.control<{ dropped: number }>('POST', 'transport/drop', { refuseMs })).dropped;
  }

  private async control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.fetchImpl(`${this.baseUrl}/_standin/connect/${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const parsed: unknown = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`stand-in control ${method} ${path}: HTTP ${res.status} ${JSON.stringify(parsed)}`);
    return parsed as T;
  }
}

/** One agent in one contact: what they received, and the Participant API calls an agent makes. */
export class AgentSession {
  /** Every item that came over the websocket, in arrival order (receipts and typing included). */
  readonly received: TranscriptItem[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly client: ParticipantClient,
    readonly contactId: string,
    readonly participantId: string,
    readonly participantToken: string,
    readonly connectionToken: string,
    readonly displayName: string,
    private readonly socket: ChatSocket,
  ) {
    socket.onItem((item) => {
      this.received.push(item);
      for (const w of this.waiters) w();
    });
  }

  static async join(
    client: ParticipantClient,
    contactId: string,
    joined: { ParticipantId: string; ParticipantToken: string; DisplayName: string },
    Impl?: new (url: string) => WebSocket,
  ): Promise<AgentSession> {
    const conn = await client.createConnection(joined.ParticipantToken, ['WEBSOCKET', 'CONNECTION_CREDENTIALS'], true);
    const url = conn.Websocket?.Url;
    const token = conn.ConnectionCredentials?.ConnectionToken;
    if (!url || !token) throw new Error('CreateParticipantConnection gave no websocket or token');
    const socket = await ChatSocket.open(url, Impl);
    return new AgentSession(client, contactId, joined.ParticipantId, joined.ParticipantToken, token, joined.DisplayName, socket);
  }

  send(content: string, contentType: string = CONTENT_TYPE.plain, clientToken?: string) {
    return this.client.sendMessage(this.connectionToken, { ContentType: contentType, Content: content, ...(clientToken ? { ClientToken: clientToken } : {}) });
  }

  typing() {
    return this.client.sendEvent(this.connectionToken, { ContentType: EVENT_TYPE.typing });
  }

  read(messageId: string) {
    return this.client.sendEvent(this.connectionToken, { ContentType: EVENT_TYPE.read, Content: JSON.stringify({ messageId }) });
  }

  delivered(messageId: string) {
    return this.client.sendEvent(this.connectionToken, { ContentType: EVENT_TYPE.delivered, Content: JSON.stringify({ messageId }) });
  }

  transcript(request: GetTranscriptRequest = { MaxResults: 100, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING' }) {
    return this.client.getTranscript(this.connectionToken, request);
  }

  /** The agent leaves; with the default flows that ends the chat. */
  disconnect() {
    return this.client.disconnect(this.connectionToken);
  }

  /** Resolves with the first received item (past or future) that matches. */
  waitFor(match: (item: TranscriptItem) => boolean, timeoutMs = 5000): Promise<TranscriptItem> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(match);
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no matching item within ${timeoutMs} ms; received ${this.received.map((i) => i.ContentType ?? i.Type).join(', ')}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  /** Resolves with the next message the customer sends. */
  nextCustomerMessage(text?: string, timeoutMs?: number): Promise<TranscriptItem> {
    return this.waitFor((i) => i.Type === 'MESSAGE' && i.ParticipantRole === 'CUSTOMER' && (text === undefined || i.Content === text), timeoutMs);
  }

  close(): void {
    this.socket.close();
  }
}
