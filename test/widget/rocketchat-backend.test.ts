// @vitest-environment node
/**
 * The Rocket.Chat adapter against a real stand-in over HTTP, and the REST client's diagnosis of failures
 * with an injected fetch (a browser's CORS refusal cannot happen in Node).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { ChatBackend } from '../../src/widget/backend/chat-backend.ts';
import { ChatError } from '../../src/widget/backend/errors.ts';
import { createRocketChatBackend } from '../../src/widget/backend/rocketchat/backend.ts';
import { createRestClient, type ProbeResult } from '../../src/widget/backend/rocketchat/rest-client.ts';
import { startStandin, type Running } from '../server/harness.ts';

let running: Running;
let backend: ChatBackend;
let agent: AgentClient;

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false, Livechat_enable_transcript: true },
    agents: [{ username: 'ana', name: 'Ana', password: 'pw', admin: true }],
  });
  backend = createRocketChatBackend(running.baseUrl);
  agent = new AgentClient(running.baseUrl, { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  await agent.login('ana', 'pw');
});
afterAll(async () => running?.close());

describe('the Rocket.Chat backend', () => {
  it('registers, opens a room with its agent, sends, and reads history oldest first', async () => {
    const config = await backend.loadConfig({});
    expect(config).toMatchObject({ enabled: true, online: true, transcript: true });
    const visitor = await backend.registerVisitor('tok-a', { name: 'Amy', email: 'AMY@example.com' });
    expect(visitor).toMatchObject({ token: 'tok-a', name: 'Amy', email: 'amy@example.com' });
    const room = await backend.openRoom('tok-a');
    expect(room.agent).toEqual({ username: 'ana', name: 'Ana' });
    const sent = await backend.sendMessage({ token: 'tok-a', roomId: room.id, id: 'AAAAAAAAAAAAAAAAA', text: 'Hello' });
    expect(sent).toMatchObject({ id: 'AAAAAAAAAAAAAAAAA', text: 'Hello', from: 'visitor' });
    await agent.send(room.id, 'Hi Amy');
    const history = await backend.loadHistory({ token: 'tok-a', roomId: room.id, limit: 10 });
    expect(history.filter((m) => !m.hidden && m.from !== 'system').map((m) => m.text)).toEqual(['Hello', 'Hi Amy']);
  });

  it('treats a resend of a stored message as sent: the stored copy, no duplicate', async () => {
    await backend.registerVisitor('tok-b', {});
    const room = await backend.openRoom('tok-b');
    const first = await backend.sendMessage({ token: 'tok-b', roomId: room.id, id: 'BBBBBBBBBBBBBBBBB', text: 'once' });
    const again = await backend.sendMessage({ token: 'tok-b', roomId: room.id, id: 'BBBBBBBBBBBBBBBBB', text: 'once' });
    expect(again).toEqual(first);
    const history = await backend.loadHistory({ token: 'tok-b', roomId: room.id, limit: 50 });
    expect(history.filter((m) => m.id === 'BBBBBBBBBBBBBBBBB')).toHaveLength(1);
  });

  it('pages history with `before` exclusively, as Rocket.Chat does', async () => {
    await backend.registerVisitor('tok-c', {});
    const room = await backend.openRoom('tok-c');
    for (let i = 0; i < 12; i++) await backend.sendMessage({ token: 'tok-c', roomId: room.id, id: `C${String(i).padStart(16, '0')}`, text: `m${i}` });
    const newest = await backend.loadHistory({ token: 'tok-c', roomId: room.id, limit: 5 });
    expect(newest.map((m) => m.text)).toEqual(['m7', 'm8', 'm9', 'm10', 'm11']);
    const older = await backend.loadHistory({ token: 'tok-c', roomId: room.id, limit: 5, before: newest[0]!.at });
    expect(older.map((m) => m.text)).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);
  });

  it('reports a closed room as room-closed, and the transcript as requested', async () => {
    await backend.registerVisitor('tok-d', { email: 'dee@example.com' });
    const room = await backend.openRoom('tok-d');
    await backend.closeChat({ token: 'tok-d', roomId: room.id });
    await expect(backend.sendMessage({ token: 'tok-d', roomId: room.id, id: 'DDDDDDDDDDDDDDDDD', text: 'late' })).rejects.toMatchObject({ kind: 'room-closed' });
    await expect(backend.closeChat({ token: 'tok-d', roomId: room.id })).rejects.toMatchObject({ kind: 'room-closed' });
    await expect(backend.requestTranscript({ token: 'tok-d', roomId: room.id, email: 'dee@example.com' })).resolves.toBeUndefined();
    await expect(backend.requestTranscript({ token: 'tok-d', roomId: room.id, email: 'nope' })).rejects.toMatchObject({ kind: 'invalid-email' });
  });

  it('maps an unknown visitor to unauthorized and a foreign room to not-found', async () => {
    await expect(backend.openRoom('nobody')).rejects.toMatchObject({ kind: 'unauthorized' });
    await backend.registerVisitor('tok-e', {});
    await backend.registerVisitor('tok-f', {});
    const room = await backend.openRoom('tok-e');
    await expect(backend.loadHistory({ token: 'tok-f', roomId: room.id, limit: 5 })).rejects.toMatchObject({ kind: 'not-found' });
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
