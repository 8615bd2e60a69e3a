/**
 * The chat transport of contract §2 at `ws://127.0.0.1:<port>/connect-transport?X-Amz-Security-Token=…`,
 * the URL CreateParticipantConnection hands out. The URL must be opened within 100 s; a participant may
 * hold 5 open sockets (Amazon Connect feature specifications); API Gateway's limits close a socket after
 * 10 minutes of silence or 2 hours in all. Frames: `aws/subscribe` (only `aws/chat`), `aws/heartbeat`,
 * `aws/ping`, `aws/unsubscribe`; chat items go out as `{content:"<JSON>", contentType, topic:"aws/chat"}`
 * to every subscribed socket of the contact, the sender's own included. Anything else gets API Gateway's
 * `{"message":"Forbidden",…}` frame.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_TOPIC, type TranscriptItem } from '../../../shared/amazon-connect/wire.ts';
import type { ConnectStore } from '../store/connect-store.ts';
import type { Contact } from '../store/types.ts';
import { TRANSPORT_PATH } from '../routes/operation.ts';

export interface TransportOptions {
  /** Open sockets one participant may hold (5). */
  maxSocketsPerParticipant?: number;
  /** Silence after which a socket is closed (API Gateway: 10 min). */
  idleTimeoutMs?: number;
  /** Lifetime of one socket (API Gateway: 2 h). */
  maxLifetimeMs?: number;
  /** After chat.ended the sockets of the contact are closed this much later. */
  closeAfterEndMs?: number;
}

interface Socket {
  ws: WebSocket;
  connectionId: string;
  contactId: string;
  participantId: string;
  subscribed: boolean;
  openedAt: number;
  lastSeen: number;
}

export class ChatTransport {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 128 * 1024 });
  private readonly sockets = new Set<Socket>();
  private readonly timer: NodeJS.Timeout;
  private refuseUntil = 0;
  private readonly max: number;
  private readonly idleMs: number;
  private readonly lifetimeMs: number;
  private readonly closeAfterEndMs: number;

  constructor(
    private readonly store: ConnectStore,
    options: TransportOptions = {},
  ) {
    this.max = options.maxSocketsPerParticipant ?? 5;
    this.idleMs = options.idleTimeoutMs ?? 10 * 60_000;
    this.lifetimeMs = options.maxLifetimeMs ?? 2 * 60 * 60_000;
    this.closeAfterEndMs = options.closeAfterEndMs ?? 2_000;
    store.on('deliver', (contact, item) => this.deliver(contact, item));
    store.on('ended', (contact) => {
      const t = setTimeout(() => {
        for (const s of this.sockets) if (s.contactId === contact.id) s.ws.close(1000, 'Chat ended');
      }, this.closeAfterEndMs);
      t.unref();
    });
    this.timer = setInterval(() => this.sweep(), 1_000);
    this.timer.unref();
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== TRANSPORT_PATH && url.pathname !== `${TRANSPORT_PATH}/`) return;
      const refusal = this.refusal(url.searchParams.get('X-Amz-Security-Token') ?? '');
      if (typeof refusal === 'string') {
        socket.end(`HTTP/1.1 ${refusal}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onOpen(ws, refusal.contactId, refusal.participantId));
    });
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  /** Kill every socket without a close frame, as a network drop would; refuse new ones for a while. */
  dropAll(refuseForMs = 0): number {
    this.refuseUntil = Date.now() + refuseForMs;
    const n = this.sockets.size;
    for (const s of this.sockets) s.ws.terminate();
    return n;
  }

  close(): void {
    clearInterval(this.timer);
    for (const s of this.sockets) s.ws.terminate();
    this.wss.close();
  }

  private refusal(urlToken: string): string | { contactId: string; participantId: string } {
    if (Date.now() < this.refuseUntil) return '503 Service Unavailable';
    const found = this.store.websocketUrl(urlToken);
    if (!found || found.url.expiresAt < Date.now()) return '403 Forbidden';
    if (found.participant.left || found.contact.state === 'ended') return '403 Forbidden';
    const open = [...this.sockets].filter((s) => s.participantId === found.participant.id).length;
    if (open >= this.max) return '429 Too Many Requests';
    return { contactId: found.contact.id, participantId: found.participant.id };
  }

  private onOpen(ws: WebSocket, contactId: string, participantId: string): void {
    const now = Date.now();
    const s: Socket = { ws, connectionId: `${randomBytes(6).toString('base64url')}=`, contactId, participantId, subscribed: false, openedAt: now, lastSeen: now };
    this.sockets.add(s);
    ws.on('close', () => this.sockets.delete(s));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      s.lastSeen = Date.now();
      try {
        this.onFrame(s, isBinary ? undefined : String(data));
      } catch (e) {
        console.error('[connect-standin] transport frame failed', e);
        ws.terminate();
      }
    });
  }

  private onFrame(s: Socket, text: string | undefined): void {
    let frame: unknown;
    try {
      frame = text === undefined ? undefined : JSON.parse(text);
    } catch {
      frame = undefined;
    }
    const f = frame && typeof frame === 'object' && !Array.isArray(frame) ? (frame as Record<string, unknown>) : undefined;
    switch (f?.topic) {
      case WS_TOPIC.heartbeat:
        return this.send(s, { topic: WS_TOPIC.heartbeat });
      case WS_TOPIC.ping:
        return this.send(s, { topic: WS_TOPIC.ping, statusCode: 200, statusContent: 'OK' });
      case WS_TOPIC.subscribe:
      case WS_TOPIC.unsubscribe: {
        const topics = (f.content as { topics?: unknown } | undefined)?.topics;
        if (!Array.isArray(topics) || topics.length === 0 || !topics.every((t) => typeof t === 'string')) return this.forbidden(s);
        const ok = topics.every((t) => t === WS_TOPIC.chat);
        if (ok) s.subscribed = f.topic === WS_TOPIC.subscribe;
        return this.send(s, { topic: f.topic, content: { status: ok ? 'success' : 'failure', topics } });
      }
      default:
        return this.forbidden(s);
    }
  }

  private forbidden(s: Socket): void {
    this.send(s, { message: 'Forbidden', connectionId: s.connectionId, requestId: randomUUID() });
  }

  private deliver(contact: Contact, item: TranscriptItem): void {
    // Over the websocket every item also names the chain's first contact (chatjs routes on it).
    const wire = item.Type === 'MESSAGEMETADATA' ? item : { ...item, InitialContactId: contact.id, ContactId: contact.id };
    const frame = JSON.stringify({ content: JSON.stringify(wire), contentType: 'application/json', topic: WS_TOPIC.chat });
    for (const s of this.sockets) {
      if (s.contactId === contact.id && s.subscribed && s.ws.readyState === s.ws.OPEN) s.ws.send(frame);
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const s of this.sockets) {
      if (now - s.lastSeen > this.idleMs || now - s.openedAt > this.lifetimeMs) s.ws.close(1001, 'Going away');
    }
  }

  private send(s: Socket, frame: object): void {
    if (s.ws.readyState === s.ws.OPEN) s.ws.send(JSON.stringify(frame));
  }
}
