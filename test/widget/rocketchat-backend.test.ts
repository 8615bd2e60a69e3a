// @vitest-environment node
/**
 * The Rocket.Chat adapter against a real stand-in over HTTP, and the REST client's diagnosis of failures
 * with an injected fetch (a browser's CORS refusal cannot happen in Node).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { ChatBackend } from '../../src/widget/backend/chat-backend.ts';
import { ChatError } from '../../src/widget/backend/errors.ts';
import { createRocketChatBackend } from '../../src/widget/backend/rocketchat/backend.ts';
import { createRestClient, type ProbeResult } from '../../src/widget/backend/rocketchat/rest-client.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { startStandin, type Running } from '../server/harness.ts';

let running: Running;
let agent: AgentClient;

/** The adapter as one visitor's browser holds it: their token kept in its storage. */
function visitor(token: string): ChatBackend {
  const backend = createRocketChatBackend(running.baseUrl, { storage: createStorage(`rc-${token}`, null) });
  backend.visitorToken!.set(token);
  return backend;
}

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false, Livechat_enable_transcript: true },
    agents: [{ username: 'ana', name: 'Ana', password: 'pw', admin: true }],
  });
  agent = new AgentClient(running.baseUrl, { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  await agent.login('ana', 'pw');
});
afterAll(async () => running?.close());

describe('the Rocket.Chat backend', () => {
  it('registers, opens a room with its agent, sends, and reads history oldest first', async () => {
    const backend = visitor('tok-a');
    const config = await backend.loadConfig({});
    expect(config).toMatchObject({ enabled: true, online: true, features: { emailTranscript: true } });
    const v = await backend.identify({ name: 'Amy', email: 'AMY@example.com' });
    expect(v).toMatchObject({ name: 'Amy', email: 'amy@example.com' });
    expect(backend.visitorToken!.get()).toBe('tok-a');
    const room = await backend.startChat({ details: {} });
    // The agent is told through the room's watch (agentInfo below), not by startChat.
    expect(room.agent).toBeUndefined();
    const sent = await backend.sendMessage({ conversation: room.id, id: 'AAAAAAAAAAAAAAAAA', text: 'Hello' });
    expect(sent).toMatchObject({ id: 'AAAAAAAAAAAAAAAAA', text: 'Hello', from: 'visitor' });
    await agent.send(room.id, 'Hi Amy');
    const history = await backend.loadHistory({ conversation: room.id, limit: 10 });
    expect(history.messages.filter((m) => !m.hidden && m.from !== 'system').map((m) => m.text)).toEqual(['Hello', 'Hi Amy']);
  });

  it("sends the first message without waiting for the agent's name, and tells the agent through the room's watch", async () => {
    // agent.info held until the first message is stored: the message must not queue behind it.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const asked: string[] = [];
    const storage = createStorage('rc-agent-later', null);
    const backend = createRocketChatBackend(running.baseUrl, {
      storage,
      rest: {
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
          asked.push(path);
          if (path.includes('/agent.info/')) await held;
          return fetch(input, init);
        },
      },
      realtime: { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket },
    });
    await backend.identify({ name: 'Lee' });
    const room = await backend.startChat({ details: {} });
    await backend.sendMessage({ conversation: room.id, id: 'LLLLLLLLLLLLLLLLL', text: 'first' });
    expect(asked.filter((p) => /agent\.info|livechat\/message$/.test(p)).map((p) => p.replace(/.*livechat\/(agent\.info|message).*/, '$1'))).toEqual(['agent.info', 'message']);
    // The watch listens for the page's visibility and the network's state (a browser's; Node has neither).
    vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
    vi.stubGlobal('window', new EventTarget());
    const agentInfo = new Promise<unknown>((resolve) => {
      const watch = backend.watch({ conversation: room.id }, (e) => {
        if (e.type !== 'agent') return;
        watch.close();
        resolve(e.agent);
      });
    });
    release();
    try {
      expect(await agentInfo).toEqual({ username: 'ana', name: 'Ana', avatarUrl: `${running.baseUrl}/avatar/ana` });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('makes the visitor a Meteor-style token the first time it identifies them, and keeps it in its storage', async () => {
    const storage = createStorage('rc-new', null);
    const backend = createRocketChatBackend(running.baseUrl, { storage });
    expect(backend.visitorToken!.get()).toBeUndefined();
    await backend.identify({ name: 'New' });
    const token = backend.visitorToken!.get();
    expect(token).toMatch(/^[23456789A-Za-z]{17}$/);
    expect(storage.get('token')).toBe(token);
    // A reload: a new adapter over the same storage is the same visitor, with their open room.
    const room = await backend.startChat({ details: {} });
    const again = createRocketChatBackend(running.baseUrl, { storage });
    expect((await again.loadConfig({})).openConversation?.id).toBe(room.id);
    again.forget('visitor');
    expect(storage.get('token')).toBeUndefined();
    expect((await again.loadConfig({})).openConversation).toBeUndefined();
  });

  it('keeps the credentials in memory only once the device must forget them', async () => {
    const storage = createStorage('rc-forget', null);
    const backend = createRocketChatBackend(running.baseUrl, { storage });
    await backend.identify({});
    const room = await backend.startChat({ details: {} });
    backend.forget('device');
    expect(storage.get('token')).toBeUndefined();
    await expect(backend.sendMessage({ conversation: room.id, id: 'FFFFFFFFFFFFFFFF1', text: 'still works' })).resolves.toMatchObject({ text: 'still works' });
  });

  it('treats a resend of a stored message as sent: the stored copy, no duplicate', async () => {
    const backend = visitor('tok-b');
    await backend.identify({});
    const room = await backend.startChat({ details: {} });
    const first = await backend.sendMessage({ conversation: room.id, id: 'BBBBBBBBBBBBBBBBB', text: 'once' });
    const again = await backend.sendMessage({ conversation: room.id, id: 'BBBBBBBBBBBBBBBBB', text: 'once' });
    expect(again).toEqual(first);
    const history = await backend.loadHistory({ conversation: room.id, limit: 50 });
    expect(history.messages.filter((m) => m.id === 'BBBBBBBBBBBBBBBBB')).toHaveLength(1);
  });

  it('pages history with `before` exclusively, as Rocket.Chat does', async () => {
    const backend = visitor('tok-c');
    await backend.identify({});
    const room = await backend.startChat({ details: {} });
    for (let i = 0; i < 12; i++) await backend.sendMessage({ conversation: room.id, id: `C${String(i).padStart(16, '0')}`, text: `m${i}` });
    const newest = await backend.loadHistory({ conversation: room.id, limit: 5 });
    expect(newest.messages.map((m) => m.text)).toEqual(['m7', 'm8', 'm9', 'm10', 'm11']);
    // The cursor re-reads the boundary millisecond (`end` is exclusive), so nothing sharing it is skipped.
    expect(newest.earlier).toBe(String(newest.messages[0]!.at + 1));
    const older = await backend.loadHistory({ conversation: room.id, limit: 5, cursor: String(newest.messages[0]!.at) });
    expect(older.messages.map((m) => m.text)).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);
  });

  it('reports a closed room as room-closed, and the transcript as requested', async () => {
    const backend = visitor('tok-d');
    await backend.identify({ email: 'dee@example.com' });
    const room = await backend.startChat({ details: {} });
    await backend.closeChat({ conversation: room.id });
    await expect(backend.sendMessage({ conversation: room.id, id: 'DDDDDDDDDDDDDDDDD', text: 'late' })).rejects.toMatchObject({ kind: 'room-closed' });
    await expect(backend.closeChat({ conversation: room.id })).rejects.toMatchObject({ kind: 'room-closed' });
    await expect(backend.requestTranscript({ conversation: room.id, email: 'dee@example.com' })).resolves.toBeUndefined();
    await expect(backend.requestTranscript({ conversation: room.id, email: 'nope' })).rejects.toMatchObject({ kind: 'invalid-email' });
  });

  it('maps an unknown visitor to unauthorized and a foreign room to not-found', async () => {
    await expect(visitor('nobody').startChat({ details: {} })).rejects.toMatchObject({ kind: 'unauthorized' });
    const e = visitor('tok-e');
    const f = visitor('tok-f');
    await e.identify({});
    await f.identify({});
    const room = await e.startChat({ details: {} });
    await expect(f.loadHistory({ conversation: room.id, limit: 5 })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('the REST client tells failures apart', () => {
  const failing = (probe: ProbeResult) =>
    createRestClient('https://chat.test', { fetch: async () => Promise.reject(new TypeError('Failed to fetch')), probe: async () => probe });

  it('calls it CORS only when the server answers opaquely but refuses this origin, and tells the site owner how to fix it', async () => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      await expect(failing('refused')('GET livechat/config', { query: {} })).rejects.toMatchObject({ kind: 'cors' });
    } finally {
      console.error = original;
    }
    expect(String(logged[0])).toMatch(/refused requests .* \(CORS\)\. In Rocket\.Chat: .*Enable CORS/);
  });

  it('calls it a network failure when the server is fine for this origin (a blip) or unreachable', async () => {
    await expect(failing('ok')('GET livechat/config', { query: {} })).rejects.toMatchObject({ kind: 'network' });
    await expect(failing('unreachable')('GET livechat/config', { query: {} })).rejects.toMatchObject({ kind: 'network' });
  });

  it("reads a 429's wait from Rocket.Chat's body", async () => {
    const body = { success: false, error: 'Error, too many requests. Please slow down. You must wait 7 seconds before trying this endpoint again. [error-too-many-requests]' };
    const call = createRestClient('https://chat.test', { fetch: async () => new Response(JSON.stringify(body), { status: 429, headers: { 'Content-Type': 'application/json' } }) });
    const error = await call('POST livechat/message', { body: { token: 't', rid: 'r', msg: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ kind: 'rate-limited', details: { status: 429, retryAfterMs: 7000 } });
  });

  it('sends GET parameters in the query, POST bodies as JSON, and the token never in a header', async () => {
    const seen: Request[] = [];
    const call = createRestClient('https://chat.test/', {
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push(new Request(input, init));
        return new Response('{"messages":[],"success":true}', { headers: { 'Content-Type': 'application/json' } });
      },
    });
    await call('GET livechat/messages.history/:rid', { params: { rid: 'R 1' }, query: { token: 'tok', limit: 5 } });
    await call('POST livechat/room.close', { body: { token: 'tok', rid: 'R1' } });
    expect(seen[0]!.url).toBe('https://chat.test/api/v1/livechat/messages.history/R%201?token=tok&limit=5');
    expect(seen[1]!.url).toBe('https://chat.test/api/v1/livechat/room.close');
    expect(await seen[1]!.json()).toEqual({ token: 'tok', rid: 'R1' });
    for (const r of seen) expect([...r.headers.keys()].filter((h) => /token|auth/i.test(h))).toEqual([]);
  });
});
