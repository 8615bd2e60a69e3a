/**
 * Test harness for the stand-in: a real HTTP server on an ephemeral loopback port, a raw HTTP client
 * (node:http, so every header, method and body byte is under the test's control) and a raw DDP client
 * that records every frame exactly as it came over the wire (EJSON dates stay `{ $date }`).
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { createStandin, type Standin, type StandinOptions } from '../../src/server/app.ts';
import { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { WireMessage, WireRoom, WireVisitor } from '../../src/shared/rocketchat/wire.ts';


export interface Running {
  standin: Standin;
  server: Server;
  baseUrl: string;
  wsUrl: string;
  close(): Promise<void>;
}

/** Starts `createStandin(options)` on 127.0.0.1:0, the way main.ts mounts it. */
export async function startStandin(options: StandinOptions = {}): Promise<Running> {
  const standin = createStandin(options);
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
  return {
    standin,
    server,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/websocket`,
    async close() {
      await standin.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Req {
  method?: string;
  /** Path after `/api/v1/` (or an absolute path starting with `/`). */
  route: string;
  query?: Record<string, string | string[]> | string;
  /** Serialised as JSON with `Content-Type: application/json`. */
  body?: unknown;
  /** Sent verbatim (with `Content-Type: application/json` unless headers say otherwise). */
  rawBody?: string | Buffer;
  /** Stream the body without a Content-Length. */
  chunked?: boolean;
  headers?: Record<string, string>;
  /** Connect from this loopback address (127.0.0.2 …) to look like another client IP. */
  localAddress?: string;
}

export interface Reply<T = unknown> {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: T;
}

export function urlFor(baseUrl: string, req: Pick<Req, 'route' | 'query'>): string {
  const path = req.route.startsWith('/') ? req.route : `/api/v1/${req.route}`;
  const url = new URL(path, baseUrl);
  if (typeof req.query === 'string') url.search = req.query;
  else {
    for (const [k, v] of Object.entries(req.query ?? {})) {
      for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, one);
    }
  }
  return url.toString();
}

/** One HTTP exchange, no keep-alive. `body` is the parsed JSON, or undefined when the reply is not JSON. */
export function http<T = unknown>(baseUrl: string, req: Req): Promise<Reply<T>> {
  const payload =
    req.rawBody !== undefined ? req.rawBody : req.body !== undefined ? JSON.stringify(req.body) : undefined;
  const headers: Record<string, string> = { connection: 'close', ...(req.headers ?? {}) };
  if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  if (payload !== undefined && !req.chunked) headers['content-length'] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const options = { method: req.method ?? 'GET', headers, ...(req.localAddress ? { localAddress: req.localAddress } : {}) };
    const r = request(urlFor(baseUrl, req), options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: body as T });
      });
      res.on('error', reject);
    });
    r.on('error', reject);
    if (payload !== undefined && req.chunked) {
      // Several writes with no Content-Length: Node sends Transfer-Encoding: chunked.
      const buf = Buffer.from(payload);
      const step = Math.max(1, Math.ceil(buf.length / 8));
      for (let i = 0; i < buf.length; i += step) r.write(buf.subarray(i, i + step));
      r.end();
    } else {
      r.end(payload);
    }
  });
}

/** A client bound to one stand-in: `api.get('livechat/config', { token })`. */
export function client(baseUrl: string) {
  return {
    request: <T = unknown>(req: Req) => http<T>(baseUrl, req),
    get: <T = unknown>(route: string, query?: Req['query'], headers?: Record<string, string>) =>
      http<T>(baseUrl, { method: 'GET', route, ...(query ? { query } : {}), ...(headers ? { headers } : {}) }),
    post: <T = unknown>(route: string, body: unknown, headers?: Record<string, string>) =>
      http<T>(baseUrl, { method: 'POST', route, body, ...(headers ? { headers } : {}) }),
  };
}
export type Client = ReturnType<typeof client>;

/** Fails the test with the whole reply when the request did not succeed. */
export function ok<T>(reply: Reply<T>): T {
  if (reply.status !== 200) throw new Error(`expected 200, got ${reply.status}: ${reply.text}`);
  return reply.body;
}

export async function registerVisitor(api: Client, visitor: Record<string, unknown>): Promise<WireVisitor> {
  return ok(await api.post<{ visitor: WireVisitor }>('livechat/visitor', { visitor })).visitor;
}

export async function openRoom(api: Client, token: string): Promise<{ room: WireRoom; newRoom: boolean }> {
  return ok(await api.get<{ room: WireRoom; newRoom: boolean }>('livechat/room', { token }));
}

export async function sendMessage(api: Client, token: string, rid: string, msg: string, _id?: string): Promise<WireMessage> {
  const body = { token, rid, msg, ...(_id ? { _id } : {}) };
  return ok(await api.post<{ message: WireMessage }>('livechat/message', body)).message;
}

export async function history(
  api: Client,
  token: string,
  rid: string,
  query: Record<string, string> = {},
): Promise<WireMessage[]> {
  return ok(await api.get<{ messages: WireMessage[] }>(`livechat/messages.history/${rid}`, { token, ...query })).messages;
}

/** A logged-in AgentClient (REST over fetch, DDP over `ws`). */
export async function agent(baseUrl: string, username: string, password: string): Promise<AgentClient> {
  const a = new AgentClient(baseUrl, { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  await a.login(username, password);
  return a;
}

export function authHeaders(a: AgentClient): Record<string, string> {
  return { 'X-User-Id': a.userId, 'X-Auth-Token': a.authToken };
}

/** Polls until `probe` returns a value other than undefined. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ---- raw DDP --------------------------------------------------------------------------------------

export type Frame = { msg?: string; [key: string]: unknown };

/** A DDP socket that keeps every frame it receives, in order, as parsed JSON (no EJSON decoding). */
export class RawDdp {
  readonly frames: Frame[] = [];
  private readonly consumed = new Set<number>();
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | undefined;
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.wake();
    });
  }

  /** Opens the socket; with `handshake` (default) also sends `connect` and waits for `connected`. */
  static async open(wsUrl: string, handshake = true): Promise<RawDdp> {
    const ws = new WebSocket(wsUrl);
    const ddp = new RawDdp(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    if (handshake) {
      ddp.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
      await ddp.next((f) => f.msg === 'connected');
    }
    return ddp;
  }

  id(prefix = 'x'): string {
    return `${prefix}${this.nextId++}`;
  }

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The oldest not-yet-taken frame matching `match`, waiting for it if needed; it is then taken. */
  async next(match: (f: Frame) => boolean, timeoutMs = 3000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = 0; i < this.frames.length; i++) {
        if (this.consumed.has(i) || !match(this.frames[i]!)) continue;
        this.consumed.add(i);
        return this.frames[i]!;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) {
        throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Every frame received so far that matches, consumed or not. */
  all(match: (f: Frame) => boolean): Frame[] {
    return this.frames.filter(match);
  }

  async waitClosed(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    return eventually(() => this.closed, timeoutMs);
  }

  /** Subscribes and resolves with the `ready` or `nosub` answer. */
  async sub(name: string, params: unknown[]): Promise<{ id: string; answer: Frame }> {
    const id = this.id('s');
    this.send({ msg: 'sub', id, name, params });
    const answer = await this.next((f) => (f.msg === 'ready' && Array.isArray(f.subs) && f.subs.includes(id)) || (f.msg === 'nosub' && f.id === id));
    return { id, answer };
  }

  /** Calls a method and resolves with its `result` frame. */
  async call(method: string, params: unknown[]): Promise<Frame> {
    const id = this.id('m');
    this.send({ msg: 'method', id, method, params });
    return this.next((f) => f.msg === 'result' && f.id === id);
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }
}

/** `changed` frames of `stream` for `eventName`. */
export function isEvent(stream: string, eventName: string) {
  return (f: Frame) =>
    f.msg === 'changed' && f.collection === stream && (f.fields as { eventName?: string } | undefined)?.eventName === eventName;
}

export function eventArgs(f: Frame): unknown[] {
  return (f.fields as { args: unknown[] }).args;
}

// ---- multipart ------------------------------------------------------------------------------------

export interface Part {
  name: string;
  value: string | Buffer;
  /** Makes the part a file. */
  filename?: string;
  type?: string;
}

/** A `multipart/form-data` body built by hand, so a test controls every byte (and can break them). */
export function multipart(parts: Part[], boundary = 'standinBoundary7MA4YWxkTrZu0gW'): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A 1×1 transparent PNG. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** `POST livechat/upload/:rid` with the visitor token header and a multipart body. */
export function upload<T = unknown>(baseUrl: string, rid: string, token: string | undefined, parts: Part[], headers: Record<string, string> = {}) {
  const { body, contentType } = multipart(parts);
  return http<T>(baseUrl, {
    method: 'POST',
    route: `livechat/upload/${rid}`,
    rawBody: body,
    headers: { 'content-type': contentType, ...(token !== undefined ? { 'x-visitor-token': token } : {}), ...headers },
  });
}
