/**
 * A small typed client of the Participant Service over fetch (Node 18+ and browsers): the bearer header,
 * JSON bodies, and restJson1 errors read as the AWS SDK reads them (the name from `x-amzn-errortype`,
 * else the body's `__type`/`code`; the text from `message`/`Message`). Used by tests, the agent client
 * and the reference start-chat backend; the widget has its own, smaller adapter.
 */
import {
  BEARER_HEADER,
  PARTICIPANT_PATHS,
  type CompleteAttachmentUploadRequest,
  type ConnectionType,
  type CreateParticipantConnectionResponse,
  type GetAttachmentRequest,
  type GetAttachmentResponse,
  type GetTranscriptRequest,
  type GetTranscriptResponse,
  type SendEventRequest,
  type SendEventResponse,
  type SendMessageRequest,
  type SendMessageResponse,
  type StartAttachmentUploadRequest,
  type StartAttachmentUploadResponse,
} from './wire.ts';

export class ParticipantError extends Error {
  constructor(
    /** The error name (`AccessDeniedException`…), or `HTTP <status>` when the answer named none. */
    readonly type: string,
    message: string,
    readonly status: number,
    readonly requestId: string | undefined,
  ) {
    super(message);
    this.name = type;
  }
}

export interface ParticipantClientOptions {
  /** The Participant Service origin (`https://participant.connect.<region>.amazonaws.com`, or a stand-in). */
  endpoint: string;
  fetch?: typeof fetch;
}

export class ParticipantClient {
  private readonly endpoint: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ParticipantClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((...args) => fetch(...args));
  }

  createConnection(
    participantToken: string,
    types: ConnectionType[] = ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
    connectParticipant?: boolean,
  ): Promise<CreateParticipantConnectionResponse> {
    const body = { Type: types, ...(connectParticipant !== undefined ? { ConnectParticipant: connectParticipant } : {}) };
    return this.call(PARTICIPANT_PATHS.createParticipantConnection, participantToken, body);
  }

  sendMessage(connectionToken: string, request: SendMessageRequest): Promise<SendMessageResponse> {
    return this.call(PARTICIPANT_PATHS.sendMessage, connectionToken, { ClientToken: newClientToken(), ...request });
  }

  sendEvent(connectionToken: string, request: SendEventRequest): Promise<SendEventResponse> {
    return this.call(PARTICIPANT_PATHS.sendEvent, connectionToken, { ClientToken: newClientToken(), ...request });
  }

  getTranscript(connectionToken: string, request: GetTranscriptRequest = {}): Promise<GetTranscriptResponse> {
    return this.call(PARTICIPANT_PATHS.getTranscript, connectionToken, request);
  }

  /** Every item of the conversation, oldest first, paging backward with NextToken. */
  async fullTranscript(connectionToken: string): Promise<GetTranscriptResponse['Transcript'] & object> {
    const pages: NonNullable<GetTranscriptResponse['Transcript']>[] = [];
    let nextToken: string | undefined;
    for (let i = 0; i < 1000; i++) {
      const page = await this.getTranscript(connectionToken, {
        MaxResults: 100,
        ScanDirection: 'BACKWARD',
        SortOrder: 'ASCENDING',
        ...(nextToken ? { NextToken: nextToken } : {}),
      });
      pages.unshift(page.Transcript ?? []);
      nextToken = page.NextToken || undefined;
      if (!nextToken) break;
    }
    return pages.flat();
  }

  disconnect(connectionToken: string, clientToken = newClientToken()): Promise<object> {
    return this.call(PARTICIPANT_PATHS.disconnectParticipant, connectionToken, { ClientToken: clientToken });
  }

  startAttachmentUpload(connectionToken: string, request: Omit<StartAttachmentUploadRequest, 'ClientToken'> & { ClientToken?: string }): Promise<StartAttachmentUploadResponse> {
    return this.call(PARTICIPANT_PATHS.startAttachmentUpload, connectionToken, { ClientToken: newClientToken(), ...request });
  }

  completeAttachmentUpload(connectionToken: string, request: Omit<CompleteAttachmentUploadRequest, 'ClientToken'> & { ClientToken?: string }): Promise<object> {
    return this.call(PARTICIPANT_PATHS.completeAttachmentUpload, connectionToken, { ClientToken: newClientToken(), ...request });
  }

  getAttachment(connectionToken: string, request: GetAttachmentRequest): Promise<GetAttachmentResponse> {
    return this.call(PARTICIPANT_PATHS.getAttachment, connectionToken, request);
  }

  private async call<T>(path: string, bearer: string, body: unknown): Promise<T> {
    const res = await this.fetchImpl(`${this.endpoint}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [BEARER_HEADER]: bearer },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = undefined;
    }
    if (res.ok) return (parsed ?? {}) as T;
    throw errorFrom(res.status, res.headers, parsed);
  }
}

export function errorFrom(status: number, headers: Headers, body: unknown): ParticipantError {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const header = headers.get('x-amzn-errortype')?.split(':')[0];
  const fromBody = typeof b.__type === 'string' ? b.__type : typeof b.code === 'string' ? b.code : undefined;
  const type = header || fromBody?.split('#').pop() || `HTTP ${status}`;
  const message = typeof b.message === 'string' ? b.message : typeof b.Message === 'string' ? b.Message : `HTTP ${status}`;
  return new ParticipantError(type, message, status, headers.get('x-amzn-requestid') ?? undefined);
}

/** A UUIDv4 as the SDK makes them. `crypto.randomUUID` exists only in secure contexts (not on http:// pages). */
export function newClientToken(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
