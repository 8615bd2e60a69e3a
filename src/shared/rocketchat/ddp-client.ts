/**
 * A minimal DDP client for Rocket.Chat's `/websocket`: connect handshake, heartbeat, subscriptions that
 * survive reconnects, and method calls. Unlike the official client (3 tries, then silence), it reconnects
 * for as long as it is open, with capped exponential backoff and jitter.
 */
import { fromEjson, type DdpError, type DdpServerFrame } from './ddp.ts';

export type DdpState = 'connecting' | 'connected' | 'waiting';

export interface DdpClientOptions {
  url: string;
  WebSocket?: typeof WebSocket;
  /** First retry delay; doubles per failed attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Silence after which the client pings; then the same again before it gives the socket up. */
  heartbeatMs?: number;
  random?: () => number;
}

export interface SubscriptionHandle {
  stop(): void;
}

interface Sub {
  id: string;
  name: string;
  params: unknown[];
  onEvent: (eventName: string, args: unknown[]) => void;
  onError?: (error: DdpError | undefined) => void;
}

type Listener = (state: DdpState, info: { retryInMs?: number; attempt: number; everConnected: boolean }) => void;

export class DdpClient {
  #ws: WebSocket | undefined;
  #state: DdpState = 'waiting';
  #closed = false;
  #attempt = 0;
  #everConnected = false;
  #nextId = 1;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  #lastHeard = 0;
  #pinged = false;
  #subs = new Map<string, Sub>();
  #calls = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  #listeners = new Set<Listener>();
  #WS: typeof WebSocket;
  #baseDelayMs: number;
  #maxDelayMs: number;
  #heartbeatMs: number;
  #random: () => number;

  #options: DdpClientOptions;

  constructor(options: DdpClientOptions) {
    this.#options = options;
    this.#WS = options.WebSocket ?? globalThis.WebSocket;
    this.#baseDelayMs = options.baseDelayMs ?? 1_000;
    this.#maxDelayMs = options.maxDelayMs ?? 30_000;
    this.#heartbeatMs = options.heartbeatMs ?? 25_000;
    this.#random = options.random ?? Math.random;
  }

  get current(): DdpState {
    return this.#state;
  }

  onState(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  open(): void {
    if (this.#closed || this.#ws) return;
    this.#connect();
  }

  /** Retry at once (the network came back, the tab became visible) instead of waiting out the backoff. */
  reconnectNow(): void {
    if (this.#closed || this.#state !== 'waiting') return;
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#heartbeatTimer);
    this.#ws?.close();
    this.#ws = undefined;
    this.#failCalls();
  }

  subscribe(name: string, params: unknown[], onEvent: Sub['onEvent'], onError?: Sub['onError']): SubscriptionHandle {
    const sub: Sub = { id: `s${this.#nextId++}`, name, params, onEvent, ...(onError ? { onError } : {}) };
    this.#subs.set(sub.id, sub);
    if (this.#state === 'connected') this.#send({ msg: 'sub', id: sub.id, name, params });
    return {
      stop: () => {
        if (!this.#subs.delete(sub.id)) return;
        if (this.#state === 'connected') this.#send({ msg: 'unsub', id: sub.id });
      },
    };
  }

  call(method: string, params: unknown[]): Promise<unknown> {
    if (this.#state !== 'connected') return Promise.reject(new Error('not connected'));
    const id = `m${this.#nextId++}`;
    return new Promise((resolve, reject) => {
      this.#calls.set(id, { resolve, reject });
      this.#send({ msg: 'method', id, method, params });
    });
  }

  /** Delay before attempt n (0-based): half fixed, half random, so many widgets don't retry in step. */
  delayFor(attempt: number): number {
    const cap = Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** attempt);
    return Math.round(cap / 2 + (this.#random() * cap) / 2);
  }

  #connect(): void {
    this.#setState('connecting');
    let ws: WebSocket;
    try {
      ws = new this.#WS(this.#options.url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#ws = ws;
    ws.onopen = () => this.#send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
    ws.onmessage = (ev) => this.#onMessage(ev.data);
    ws.onclose = () => {
      if (this.#ws !== ws) return;
      this.#ws = undefined;
      clearInterval(this.#heartbeatTimer);
      this.#failCalls();
      if (!this.#closed) this.#scheduleRetry();
    };
    ws.onerror = () => ws.close();
  }

  #scheduleRetry(): void {
    const retryInMs = this.delayFor(this.#attempt);
    this.#attempt++;
    this.#setState('waiting', retryInMs);
    this.#retryTimer = setTimeout(() => this.#connect(), retryInMs);
  }

  #onMessage(data: unknown): void {
    this.#lastHeard = Date.now();
    this.#pinged = false;
    let frame: DdpServerFrame;
    try {
      frame = fromEjson(JSON.parse(String(data))) as DdpServerFrame;
    } catch {
      return;
    }
    switch (frame.msg) {
      case 'connected':
        this.#attempt = 0;
        this.#everConnected = true;
        this.#startHeartbeat();
        this.#setState('connected');
        for (const s of this.#subs.values()) this.#send({ msg: 'sub', id: s.id, name: s.name, params: s.params });
        return;
      case 'failed':
        this.#ws?.close();
        return;
      case 'ping':
        this.#send(frame.id ? { msg: 'pong', id: frame.id } : { msg: 'pong' });
        return;
      case 'nosub': {
        const sub = this.#subs.get(frame.id);
        if (sub && frame.error) {
          this.#subs.delete(frame.id);
          sub.onError?.(frame.error);
        }
        return;
      }
      case 'changed': {
        const { eventName, args } = frame.fields ?? {};
        if (typeof eventName !== 'string' || !Array.isArray(args)) return;
        for (const s of this.#subs.values()) {
          if (s.name === frame.collection && s.params[0] === eventName) s.onEvent(eventName, args);
        }
        return;
      }
      case 'result': {
        const call = this.#calls.get(frame.id);
        if (!call) return;
        this.#calls.delete(frame.id);
        if (frame.error) call.reject(frame.error);
        else call.resolve(frame.result);
        return;
      }
      default:
        return;
    }
  }

  #startHeartbeat(): void {
    clearInterval(this.#heartbeatTimer);
    this.#lastHeard = Date.now();
    this.#heartbeatTimer = setInterval(() => {
      const silent = Date.now() - this.#lastHeard;
      if (this.#pinged && silent > 2 * this.#heartbeatMs) {
        // A half-open socket (phone switched networks, proxy dropped it) never closes by itself.
        this.#ws?.close();
      } else if (!this.#pinged && silent > this.#heartbeatMs) {
        this.#pinged = true;
        this.#send({ msg: 'ping' });
      }
    }, Math.max(250, this.#heartbeatMs / 4));
  }

  #failCalls(): void {
    for (const c of this.#calls.values()) c.reject(new Error('connection lost'));
    this.#calls.clear();
  }

  #setState(state: DdpState, retryInMs?: number): void {
    this.#state = state;
    const info = { attempt: this.#attempt, everConnected: this.#everConnected, ...(retryInMs !== undefined ? { retryInMs } : {}) };
    for (const l of this.#listeners) l(state, info);
  }

  #send(frame: object): void {
    if (this.#ws && this.#ws.readyState === 1) this.#ws.send(JSON.stringify(frame));
  }
}
