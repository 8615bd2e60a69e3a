/**
 * The Connect adapter where timing matters, with a scripted Participant Service (fake fetch) and
 * socket: our echo arriving before SendMessage answers, the ClientToken kept on every retry, an
 * expired ConnectionToken renewed, and markdown refused by a contact that was told it could.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../src/widget/backend/chat-backend.ts';
import { createConnectBackend } from '../../src/widget/backend/amazon-connect/backend.ts';
import { createStorage } from '../../src/widget/state/storage.ts';

class Sock {
  static all: Sock[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    Sock.all.push(this);
    queueMicrotask(() => {
      this.onopen?.();
      this.frame({ topic: 'aws/subscribe', content: { status: 'success', topics: ['aws/chat'] } });
    });
  }
  send() {}
  close() {}
  frame(f: object) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  chat(item: object) {
    this.frame({ topic: 'aws/chat', contentType: 'application/json', content: JSON.stringify(item) });
  }
}

type Handler = (body: Record<string, unknown>, bearer: string | null) => { status?: number; type?: string; body: unknown } | Promise<{ status?: number; type?: string; body: unknown }>;

function service(routes: Record<string, Handler>) {
  const calls: { path: string; body: Record<string, unknown>; bearer: string | null }[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const path = new URL(req.url).pathname;
    const body = JSON.parse((await req.text()) || '{}') as Record<string, unknown>;
    const bearer = req.headers.get('x-amz-bearer');
    calls.push({ path, body, bearer });
    const route = routes[path];
    if (!route) return new Response('{}', { status: 404 });
    const r = await route(body, bearer);
    return new Response(JSON.stringify(r.body), { status: r.status ?? 200, headers: { 'content-type': 'application/json', ...(r.type ? { 'x-amzn-errortype': r.type } : {}) } });
  };
  return { calls, fetch: fetchImpl as typeof fetch };
}

const START = { data: { startChatResult: { ContactId: 'C1', ParticipantId: 'me', ParticipantToken: 'PT' }, featurePermissions: { MESSAGING_MARKDOWN: true } } };
const connection = (token = 'CT1') => ({ body: { Websocket: { Url: 'wss://ws.test/1', ConnectionExpiry: '2099-01-01T00:00:00Z' }, ConnectionCredentials: { ConnectionToken: token, Expiry: '2099-01-01T00:00:00Z' } } });
const echo = (id: string, text: string) => ({ Id: id, Type: 'MESSAGE', ContentType: 'text/markdown', Content: text, ParticipantId: 'me', ParticipantRole: 'CUSTOMER', ContactId: 'C1', InitialContactId: 'C1', AbsoluteTime: '2026-11-21T10:00:00.000Z' });

function adapter(fetchImpl: typeof fetch) {
  return createConnectBackend({
    startChatUrl: 'https://api.test/start-chat',
    endpoint: 'https://participant.test',
    storage: createStorage('order', null),
    http: { fetch: fetchImpl },
    socket: { WebSocket: Sock as unknown as typeof WebSocket },
  });
}

beforeEach(() => (Sock.all = []));
afterEach(() => vi.useRealTimers());

describe('the Connect adapter, in order', () => {
  it('holds our echo that beats the SendMessage answer, so the message shows once', async () => {
    let answer!: () => void;
    const svc = service({
      '/start-chat': () => ({ body: START }),
      '/participant/connection': () => connection(),
      '/participant/message': (b) =>
        new Promise((resolve) => {
          // The server's echo goes out over the websocket before the HTTP answer.
          Sock.all[0]!.chat(echo('S1', String(b.Content)));
          answer = () => resolve({ body: { Id: 'S1', AbsoluteTime: '2026-11-21T10:00:00.000Z' } });
        }),
    });
    const backend = adapter(svc.fetch);
    const { id } = await backend.startChat({ details: {} });
    const events: LiveEvent[] = [];
    const w = backend.watch({ conversation: id }, (e) => events.push(e));
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'connection', state: 'online' }));
    const sending = backend.sendMessage({ conversation: id, id: 'mine-1', text: 'hello' });
    await vi.waitFor(() => expect(answer).toBeTypeOf('function'));
    expect(events.filter((e) => e.type === 'message')).toEqual([]);
    answer();
    expect(await sending).toMatchObject({ id: 'S1', clientId: 'mine-1' });
    // Once answered, a repeat of the echo says whose it is.
    Sock.all[0]!.chat(echo('S1', 'hello'));
    expect(events.filter((e) => e.type === 'message').map((e) => e.type === 'message' && [e.message.id, e.message.clientId])).toEqual([['S1', 'mine-1']]);
    w.close();
  });

  it('shows an echo nobody claimed once no send is waiting', async () => {
    let answer!: () => void;
    const svc = service({
      '/start-chat': () => ({ body: START }),
      '/participant/connection': () => connection(),
      '/participant/message': () =>
        new Promise((resolve) => {
          Sock.all[0]!.chat(echo('OTHER', 'from another device'));
          answer = () => resolve({ body: { Id: 'S2' } });
        }),
    });
    const backend = adapter(svc.fetch);
    const { id } = await backend.startChat({ details: {} });
    const events: LiveEvent[] = [];
    backend.watch({ conversation: id }, (e) => events.push(e));
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'connection', state: 'online' }));
    const sending = backend.sendMessage({ conversation: id, id: 'mine-2', text: 'mine' });
    await vi.waitFor(() => expect(answer).toBeTypeOf('function'));
    answer();
    await sending;
    expect(events.filter((e) => e.type === 'message').map((e) => e.type === 'message' && e.message.id)).toEqual(['OTHER']);
  });

  it('keeps the ClientToken on every retry of a send the service failed', async () => {
    let n = 0;
    const svc = service({
      '/start-chat': () => ({ body: START }),
      '/participant/connection': () => connection(),
      '/participant/message': () => (++n < 3 ? { status: 503, type: 'InternalServerException', body: { message: 'try later' } } : { body: { Id: 'S3' } }),
    });
    const backend = adapter(svc.fetch);
    const { id } = await backend.startChat({ details: {} });
    await backend.sendMessage({ conversation: id, id: 'same-token', text: 'x' });
    const sends = svc.calls.filter((c) => c.path === '/participant/message');
    expect(sends).toHaveLength(3);
    expect(new Set(sends.map((c) => c.body.ClientToken))).toEqual(new Set(['same-token']));
    expect(sends.every((c) => c.bearer === 'CT1')).toBe(true);
  });

  it('renews an expired ConnectionToken with the ParticipantToken and goes on', async () => {
    let connections = 0;
    const svc = service({
      '/start-chat': () => ({ body: START }),
      '/participant/connection': (_b, bearer) => (expect(bearer).toBe('PT'), connection(`CT${++connections}`)),
      '/participant/message': (_b, bearer) => (bearer === 'CT1' ? { status: 403, type: 'AccessDeniedException', body: { message: 'Access denied' } } : { body: { Id: 'S4' } }),
    });
    const backend = adapter(svc.fetch);
    const { id } = await backend.startChat({ details: {} });
    await expect(backend.sendMessage({ conversation: id, id: 'r', text: 'x' })).resolves.toMatchObject({ id: 'S4' });
    expect(connections).toBe(2);
  });

  it('falls back to plain text when the contact refuses markdown after all', async () => {
    const svc = service({
      '/start-chat': () => ({ body: START }),
      '/participant/connection': () => connection(),
      '/participant/message': (b) => (b.ContentType === 'text/markdown' ? { status: 400, type: 'ValidationException', body: { message: 'Unsupported content type' } } : { body: { Id: 'S5' } }),
    });
    const backend = adapter(svc.fetch);
    const { id } = await backend.startChat({ details: {} });
    expect(await backend.sendMessage({ conversation: id, id: 'md', text: '*x*' })).toMatchObject({ id: 'S5', format: 'plain' });
    await backend.sendMessage({ conversation: id, id: 'md2', text: 'y' });
    expect(svc.calls.filter((c) => c.path === '/participant/message').map((c) => c.body.ContentType)).toEqual(['text/markdown', 'text/plain', 'text/plain']);
    expect((await backend.loadConfig({})).features.markdown).toBe(false);
  });

  it('explains a quota the service reached, and keeps nothing half-done', async () => {
    const svc = service({
      '/start-chat': () => ({ body: START }),
      '/participant/connection': () => connection(),
      '/participant/message': () => ({ status: 402, type: 'ServiceQuotaExceededException', body: { message: 'Too many' } }),
    });
    const backend = adapter(svc.fetch);
    const { id } = await backend.startChat({ details: {} });
    await expect(backend.sendMessage({ conversation: id, id: 'q', text: 'x' })).rejects.toMatchObject({ kind: 'quota', transient: false });
  });
});
