/**
 * DDP over WebSocket at `/websocket`, the subset Rocket.Chat serves to Livechat visitors and agents
 * (contract §9): connect/connected, ping/pong, stream subscriptions with Rocket.Chat's permission checks,
 * `changed` events in EJSON, `login` by resume token and the `stream-notify-room` method for typing.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  STREAM_LIVECHAT_ROOM,
  STREAM_NOTIFY_ROOM,
  STREAM_ROOM_MESSAGES,
  fromEjson,
  toEjson,
  type DdpError,
  type DdpServerFrame,
} from '../../shared/rocketchat/ddp.ts';
import { randomId } from '../../shared/rocketchat/random-id.ts';
import type { Store } from '../store/store.ts';
import { requestTarget } from '../http/request-target.ts';
import { refuseUpgrade } from '../http/upgrades.ts';
import { parseClientFrame } from './ddp-frames.ts';
import type { Room, User } from '../store/types.ts';

export interface RealtimeOptions {
  /** Silence before the server pings; Rocket.Chat's ddp-streamer uses 30 s. */
  pingAfterMs?: number;
  /** Further silence after the ping before the socket is closed (code 4000). */
  closeAfterMs?: number;
}

interface Subscription {
  id: string;
  stream: string;
  eventName: string;
}

interface Session {
  id: string;
  ws: WebSocket;
  connected: boolean;
  user?: User;
  subs: Map<string, Subscription>;
  lastSeen: number;
  pinged: boolean;
  /** Set by `livechat:setUpConnection`: the visitor this socket speaks for. */
  livechatToken?: string;
}

/** A client that reads nothing while this much piles up for it is cut off, not buffered forever. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

const streamKey = (stream: string, eventName: string) => `${stream}\u0000${eventName}`;

const NOT_ALLOWED: DdpError = { isClientSafe: true, error: 'not-allowed', message: '[not-allowed]', errorType: 'Meteor.Error' };

export class RealtimeServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  private readonly sessions = new Set<Session>();
  /** Who listens to what: `stream + eventName` → sessions (with how many of their subscriptions match). */
  private readonly listeners = new Map<string, Map<Session, number>>();
  private readonly timer: NodeJS.Timeout;
  private refuseUntil = 0;
  private readonly pingAfterMs: number;
  private readonly closeAfterMs: number;

  constructor(
    private readonly store: Store,
    options: RealtimeOptions = {},
  ) {
    this.pingAfterMs = options.pingAfterMs ?? 30_000;
    this.closeAfterMs = options.closeAfterMs ?? 30_000;
    this.wss.on('connection', (ws) => this.onConnection(ws));
    store.on('message', (m) => {
      if (m._hidden) return;
      this.broadcast(STREAM_ROOM_MESSAGES, m.rid, [toEjson(m)]);
    });
    store.on('notifyRoom', (rid, event, args, origin) => this.broadcast(STREAM_NOTIFY_ROOM, `${rid}/${event}`, args, origin));
    store.on('livechatRoom', (rid, event) => this.broadcast(STREAM_LIVECHAT_ROOM, rid, [event]));
    store.on('logout', (userId) => {
      for (const s of this.sessions) if (s.user?._id === userId) s.ws.close(4001, 'logged out');
    });
    this.timer = setInterval(() => {
      try {
        this.heartbeat();
      } catch (e) {
        console.error('[standin] DDP heartbeat failed', e);
      }
    }, Math.min(this.pingAfterMs, this.closeAfterMs, 5_000));
    this.timer.unref();
  }

  /** Takes WebSocket upgrades on `/websocket` (others are left to their listeners: see upgrades.ts). */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        const { path } = requestTarget(req.url);
        if (path !== '/websocket' && path !== '/sockjs/websocket') return;
        socket.on('error', () => socket.destroy());
        if (Date.now() < this.refuseUntil) return refuseUpgrade(socket, 503, 'Service Unavailable');
        this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
      } catch (e) {
        console.error('[standin] WebSocket upgrade failed', e);
        socket.destroy();
      }
    });
  }

  /** The user has a live session signed in (Rocket.Chat's presence counts these connections). */
  isSignedIn(userId: string): boolean {
    for (const s of this.sessions) if (s.user?._id === userId) return true;
    return false;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** How many `stream + eventName` keys anyone listens to (the broadcast index; for tests and the bench). */
  get listenedKeys(): number {
    return this.listeners.size;
  }

  /** Kill every socket without a close handshake, as a network drop or a crashed server would. */
  dropAll(refuseForMs = 0): number {
    this.refuseUntil = Date.now() + refuseForMs;
    const n = this.sessions.size;
    for (const s of this.sessions) s.ws.terminate();
    return n;
  }

  close(): void {
    clearInterval(this.timer);
    for (const s of this.sessions) s.ws.terminate();
    this.wss.close();
  }

  private onConnection(ws: WebSocket): void {
    const session: Session = { id: randomId(), ws, connected: false, subs: new Map(), lastSeen: Date.now(), pinged: false };
    this.sessions.add(session);
    ws.on('close', () => {
      this.sessions.delete(session);
      for (const sub of session.subs.values()) this.unlisten(session, sub);
      session.subs.clear();
      if (session.user) this.store.emit('presence', session.user._id);
      // livechat:setUpConnection's connection.onClose: Livechat.notifyGuestStatusChanged(token, 'offline').
      if (session.livechatToken) for (const room of this.store.openRoomsOf(session.livechatToken)) room.v.status = 'offline';
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data) => {
      session.lastSeen = Date.now();
      session.pinged = false;
      let raw: unknown;
      try {
        raw = fromEjson(JSON.parse(String(data)));
      } catch {
        this.send(session, { msg: 'error', reason: 'Bad request' });
        return;
      }
      // No frame, however malformed, may take the process down: a handler bug costs this socket only.
      try {
        this.onFrame(session, raw);
      } catch (e) {
        console.error('[standin] DDP frame handler failed', e);
        ws.terminate();
      }
    });
    this.send(session, { server_id: '0' });
  }

  private onFrame(s: Session, raw: unknown): void {
    const parsed = parseClientFrame(raw);
    if (!s.connected) {
      if (!parsed.ok && parsed.badConnect) {
        this.send(s, { msg: 'failed', version: '1' });
        s.ws.close();
        return;
      }
      if (!parsed.ok || parsed.frame.msg !== 'connect') {
        s.ws.close(1002, 'connect first');
        return;
      }
      const frame = parsed.frame;
      if (frame.version !== '1' && !(frame.support ?? []).includes('1')) {
        this.send(s, { msg: 'failed', version: '1' });
        s.ws.close();
        return;
      }
      s.connected = true;
      this.send(s, { msg: 'connected', session: s.id });
      return;
    }
    if (!parsed.ok) {
      this.send(s, { msg: 'error', reason: 'Bad request', offendingMessage: raw });
      return;
    }
    const frame = parsed.frame;
    switch (frame.msg) {
      case 'ping':
        this.send(s, frame.id ? { msg: 'pong', id: frame.id } : { msg: 'pong' });
        return;
      case 'pong':
        return;
      case 'sub':
        this.onSub(s, frame.id, frame.name, frame.params);
        return;
      case 'unsub': {
        const sub = s.subs.get(frame.id);
        if (sub) {
          s.subs.delete(frame.id);
          this.unlisten(s, sub);
        }
        this.send(s, { msg: 'nosub', id: frame.id });
        return;
      }
      case 'method':
        this.onMethod(s, frame.id, frame.method, frame.params);
        return;
      case 'connect':
        // Already connected: Meteor ignores a second connect.
        return;
    }
  }

  private onSub(s: Session, id: unknown, name: unknown, params: unknown): void {
    if (typeof id !== 'string' || typeof name !== 'string' || !Array.isArray(params)) {
      this.send(s, { msg: 'error', reason: 'Bad request' });
      return;
    }
    const eventName = params[0];
    const extra = streamArgs(params[1]);
    if (typeof eventName !== 'string' || !this.canRead(s, name, eventName, extra)) {
      this.send(s, { msg: 'nosub', id, error: NOT_ALLOWED });
      return;
    }
    const previous = s.subs.get(id);
    if (previous) this.unlisten(s, previous);
    const sub = { id, stream: name, eventName };
    s.subs.set(id, sub);
    this.listen(s, sub);
    this.send(s, { msg: 'ready', subs: [id] });
  }

  private listen(s: Session, sub: Subscription): void {
    const key = streamKey(sub.stream, sub.eventName);
    let who = this.listeners.get(key);
    if (!who) this.listeners.set(key, (who = new Map()));
    who.set(s, (who.get(s) ?? 0) + 1);
  }

  private unlisten(s: Session, sub: Subscription): void {
    const key = streamKey(sub.stream, sub.eventName);
    const who = this.listeners.get(key);
    const n = who?.get(s);
    if (!who || n === undefined) return;
    if (n > 1) who.set(s, n - 1);
    else who.delete(s);
    if (who.size === 0) this.listeners.delete(key);
  }

  /** Rocket.Chat's stream read rules for the visitor (by token) and for the serving agent (by login). */
  private canRead(s: Session, stream: string, eventName: string, extra: Record<string, unknown>): boolean {
    const rid = stream === STREAM_NOTIFY_ROOM ? eventName.split('/')[0] : eventName;
    const event = stream === STREAM_NOTIFY_ROOM ? eventName.slice((rid ?? '').length + 1) : undefined;
    const room = rid ? this.store.rooms.get(rid) : undefined;
    if (!room) return false;
    if (this.isAgentOf(s.user, room)) return true;
    switch (stream) {
      case STREAM_ROOM_MESSAGES:
        return !!room.open && extra.visitorToken === room.v.token;
      case STREAM_LIVECHAT_ROOM:
        return extra.visitorToken === room.v.token;
      case STREAM_NOTIFY_ROOM:
        return (event === 'user-activity' || event === 'deleteMessage' || event === 'typing') && extra.token === room.v.token;
      default:
        return false;
    }
  }

  private isAgentOf(user: User | undefined, room: Room): boolean {
    return !!user && (room.servedBy?._id === user._id || user.roles.includes('admin'));
  }

  private onMethod(s: Session, id: unknown, method: unknown, params: unknown[]): void {
    if (typeof id !== 'string' || typeof method !== 'string') {
      this.send(s, { msg: 'error', reason: 'Bad request' });
      return;
    }
    const reply = (result?: unknown, error?: DdpError) => {
      this.send(s, error ? { msg: 'result', id, error } : { msg: 'result', id, ...(result === undefined ? {} : { result: toEjson(result) }) });
      this.send(s, { msg: 'updated', methods: [id] });
    };
    if (method === 'login') {
      const resume = (params[0] as { resume?: unknown } | undefined)?.resume;
      const user = typeof resume === 'string' ? [...this.store.users.values()].find((u) => u.authTokens.includes(resume)) : undefined;
      if (!user) {
        const message = "You've been logged out by the server. Please log in again. [403]";
        reply(undefined, { isClientSafe: true, error: 403, reason: "You've been logged out by the server. Please log in again.", message, errorType: 'Meteor.Error' });
        return;
      }
      s.user = user;
      this.store.emit('presence', user._id);
      reply({ id: user._id, token: resume, tokenExpires: new Date(Date.now() + 90 * 86_400_000), type: 'resume' });
      return;
    }
    if (method === 'livechat:setUpConnection') {
      // check(data, { token: String }); Meteor sends a failed check as error 400 "Match failed".
      const data = params[0] as { token?: unknown } | null | undefined;
      const keys = data && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data) : [];
      if (typeof data?.token !== 'string' || keys.length !== 1) {
        reply(undefined, { isClientSafe: true, error: 400, reason: 'Match failed', message: 'Match failed [400]', errorType: 'Meteor.Error' });
        return;
      }
      s.livechatToken ??= data.token;
      reply();
      return;
    }
    if (method === 'stream-notify-room') {
      this.notifyRoom(s, params);
      reply();
      return;
    }
    const message = `Method '${method}' not found [404]`;
    reply(undefined, { isClientSafe: true, error: 404, reason: `Method '${method}' not found`, message, errorType: 'Meteor.Error' });
  }

  /** `["<rid>/user-activity", username, activity[], { token }]`: relayed to the room's other listeners. */
  private notifyRoom(s: Session, params: unknown[]): void {
    const [eventName, ...args] = params;
    if (typeof eventName !== 'string') return;
    const slash = eventName.indexOf('/');
    const rid = eventName.slice(0, slash);
    const event = eventName.slice(slash + 1);
    const room = this.store.rooms.get(rid);
    // Rocket.Chat silently drops events other than user-activity (and webrtc) from visitors.
    if (!room || slash < 0 || event !== 'user-activity') return;
    const last = args[args.length - 1] as { token?: unknown } | undefined;
    const byVisitor = typeof last?.token === 'string' && last.token === room.v.token;
    if (!byVisitor && !this.isAgentOf(s.user, room)) return;
    this.store.emit('notifyRoom', rid, event, args, s);
  }

  /** One lookup by stream and event name, one serialisation, however many listen. */
  private broadcast(stream: string, eventName: string, args: unknown[], except?: unknown): void {
    const key = streamKey(stream, eventName);
    if (!this.listeners.has(key)) return;
    const frame: DdpServerFrame = { msg: 'changed', collection: stream, id: 'id', fields: { eventName, args } };
    const text = JSON.stringify(frame);
    // With a data directory, nobody hears of a change before it is on disk (a crash cannot take it back).
    this.store.afterDurable(() => {
      for (const s of this.listeners.get(key)?.keys() ?? []) if (s !== except) this.sendText(s, text);
    });
  }

  private heartbeat(): void {
    const now = Date.now();
    for (const s of this.sessions) {
      const idle = now - s.lastSeen;
      if (s.pinged && idle > this.pingAfterMs + this.closeAfterMs) s.ws.close(4000, 'TIMEOUT');
      else if (!s.pinged && idle > this.pingAfterMs) {
        s.pinged = true;
        this.send(s, { msg: 'ping' });
      }
    }
  }

  private send(s: Session, frame: DdpServerFrame): void {
    this.sendText(s, JSON.stringify(frame));
  }

  private sendText(s: Session, text: string): void {
    if (s.ws.readyState !== s.ws.OPEN) return;
    if (s.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      s.ws.terminate();
      return;
    }
    s.ws.send(text);
  }
}

function streamArgs(p: unknown): Record<string, unknown> {
  const args = (p as { args?: unknown } | undefined)?.args;
  const first = Array.isArray(args) ? args[0] : undefined;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : {};
}
