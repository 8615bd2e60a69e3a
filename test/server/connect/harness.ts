/**
 * Harness for the Connect stand-in: the stand-in on an ephemeral loopback port, AWS's own SDK clients
 * pointed at it (dummy credentials, as chatjs does), a raw HTTP helper, and a raw websocket that records
 * every frame as it came over the wire.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectClient, StartChatContactCommand } from '@aws-sdk/client-connect';
import { ConnectParticipantClient, CreateParticipantConnectionCommand } from '@aws-sdk/client-connectparticipant';
import WebSocket from 'ws';
import { createStandin, type Standin, type StandinOptions } from '../../../src/server/app.ts';
import { ConnectAgentClient } from '../../../src/shared/amazon-connect/agent-client.ts';

export const DUMMY = { accessKeyId: 'x', secretAccessKey: 'x' };
export const REGION = 'us-east-1';
export const WsCtor = WebSocket as unknown as new (url: string) => globalThis.WebSocket;

export interface Running {
  standin: Standin;
  server: Server;
  baseUrl: string;
  participant: ConnectParticipantClient;
  connect: ConnectClient;
  agents: ConnectAgentClient;
  instanceId: string;
  flowId: string;
  close(): Promise<void>;
}

export async function startConnect(options: StandinOptions = {}): Promise<Running> {
  const standin = createStandin({ controls: true, ...options });
  const server = createServer((req, res) =>
    standin.handle(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not the stand-in');
    }),
  );
  standin.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = standin.connect!.config;
  return {
    standin,
    server,
    baseUrl,
    participant: new ConnectParticipantClient({ region: REGION, endpoint: baseUrl, credentials: DUMMY, maxAttempts: 1 }),
    connect: new ConnectClient({ region: REGION, endpoint: baseUrl, credentials: DUMMY, maxAttempts: 1 }),
    agents: new ConnectAgentClient(baseUrl, { WebSocket: WsCtor }),
    instanceId: config.instanceId,
    flowId: config.contactFlowId,
    async close() {
      await standin.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Customer {
  ContactId: string;
  ParticipantId: string;
  ParticipantToken: string;
  ConnectionToken: string;
  WebsocketUrl: string;
}

/** StartChatContact through client-connect, then CreateParticipantConnection through client-connectparticipant. */
export async function startCustomer(r: Running, displayName = 'Jane', extra: Partial<ConstructorParameters<typeof StartChatContactCommand>[0]> = {}): Promise<Customer> {
  const started = await r.connect.send(
    new StartChatContactCommand({ InstanceId: r.instanceId, ContactFlowId: r.flowId, ParticipantDetails: { DisplayName: displayName }, ...extra }),
  );
  const conn = await r.participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: started.ParticipantToken!, Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] }));
  return {
    ContactId: started.ContactId!,
    ParticipantId: started.ParticipantId!,
    ParticipantToken: started.ParticipantToken!,
    ConnectionToken: conn.ConnectionCredentials!.ConnectionToken!,
    WebsocketUrl: conn.Websocket!.Url!,
  };
}

export interface RawReply {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export async function raw(baseUrl: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawReply> {
  const res = await fetch(`${baseUrl}${path}`, { method: init.method ?? 'POST', headers: init.headers ?? {}, ...(init.body !== undefined ? { body: init.body } : {}) });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export type Frame = Record<string, unknown>;

/** A websocket that keeps every frame, parsed, in arrival order. */
export class RawSocket {
  readonly frames: Frame[] = [];
  private readonly taken = new Set<number>();
  private wake: (() => void)[] = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      this.frames.push(JSON.parse(String(d)) as Frame);
      this.notify();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.notify();
    });
  }

  /** Opens; rejects with the HTTP status of a refused upgrade. */
  static open(url: string): Promise<RawSocket> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawSocket(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  static async subscribed(url: string): Promise<RawSocket> {
    const s = await RawSocket.open(url);
    s.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
    await s.next((f) => f.topic === 'aws/subscribe');
    return s;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The oldest frame not yet taken that matches, waiting for it if needed. */
  async next(match: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = 0; i < this.frames.length; i++) {
        if (!this.taken.has(i) && match(this.frames[i]!)) {
          this.taken.add(i);
          return this.frames[i]!;
        }
      }
      if (Date.now() > deadline || this.closed) throw new Error(`no matching frame; got ${JSON.stringify(this.frames).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.wake.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The next chat item (the parsed JSON `content` of an `aws/chat` frame) that matches. */
  async item(match: (i: Record<string, unknown>) => boolean = () => true, timeoutMs?: number): Promise<Record<string, unknown>> {
    const f = await this.next((f) => f.topic === 'aws/chat' && match(JSON.parse(String(f.content)) as Record<string, unknown>), timeoutMs);
    return JSON.parse(String(f.content)) as Record<string, unknown>;
  }

  async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('socket did not close');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.wake.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = [];
    for (const fn of w) fn();
  }
}
