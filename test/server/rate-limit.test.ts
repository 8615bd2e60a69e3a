// @vitest-environment node
/**
 * Rocket.Chat's API rate limiter (contract §0.3–0.4): on by default, per client IP and route, 10 calls a
 * minute unless the route has its own limit (`POST livechat/visitor` and `GET livechat/room` 5/min,
 * `POST livechat/offline.message` 1 per 5 s), 429 with Rocket.Chat's text, `X-RateLimit-*` headers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import { agent, authHeaders, http, startStandin, type Reply, type Req, type Running } from './harness.ts';

const TOO_MANY = /^Error, too many requests\. Please slow down\. You must wait (\d+) seconds before trying this endpoint again\. \[error-too-many-requests\]$/;

let running: Running;
let admin: AgentClient;

beforeAll(async () => {
  running = await startStandin({
    controls: true,
    agents: [
      { username: 'admin', name: 'Admin', password: 'admin-pass', admin: true },
      { username: 'ana', name: 'Ana Agent', password: 'ana-pass' },
    ],
  });
  admin = await agent(running.baseUrl, 'admin', 'admin-pass');
});

afterAll(async () => {
  await running?.close();
});

beforeEach(async () => {
  // Each test starts with fresh windows.
  expect((await http(running.baseUrl, { method: 'POST', route: '/_standin/rate-limit/reset', body: {} })).status).toBe(200);
});

async function times(n: number, req: Req): Promise<Reply[]> {
  const out: Reply[] = [];
  for (let i = 0; i < n; i++) out.push(await http(running.baseUrl, req));
  return out;
}

function expectTooMany(reply: Reply, limit: number, windowSeconds: number): void {
  expect(reply.status).toBe(429);
  expect(reply.body).toEqual({ success: false, error: expect.stringMatching(TOO_MANY) });
  const wait = Number(TOO_MANY.exec((reply.body as { error: string }).error)![1]);
  // The window started with the first call; allow a slow machine a few seconds.
  expect(wait).toBeGreaterThanOrEqual(Math.max(1, windowSeconds - 3));
  expect(wait).toBeLessThanOrEqual(windowSeconds);
  expect(reply.headers['x-ratelimit-limit']).toBe(String(limit));
  expect(reply.headers['x-ratelimit-remaining']).toBe('0');
  const reset = Number(reply.headers['x-ratelimit-reset']);
  expect(reset).toBeGreaterThan(Date.now());
  expect(reset).toBeLessThanOrEqual(Date.now() + windowSeconds * 1000);
}

describe('the default limit', () => {
  it('allows 10 calls a minute with counting-down headers, then answers 429', async () => {
    const replies = await times(11, { route: 'livechat/config' });
    expect(replies.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(replies.slice(0, 10).map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    expect(replies.every((r) => r.headers['x-ratelimit-limit'] === '10')).toBe(true);
    expectTooMany(replies[10]!, 10, 60);
  });

  it('counts failed calls too', async () => {
    const replies = await times(11, { route: 'livechat/config', query: { bogus: '1' } });
    expect(replies.slice(0, 10).every((r) => r.status === 400)).toBe(true);
    expectTooMany(replies[10]!, 10, 60);
  });

  it('keeps a separate window per route and method', async () => {
    await times(10, { route: 'livechat/config' });
    expect((await http(running.baseUrl, { route: 'livechat/config' })).status).toBe(429);
    const other = await http(running.baseUrl, { route: 'livechat/visitor/nobody' });
    expect(other.status).toBe(400);
    expect(other.headers['x-ratelimit-remaining']).toBe('9');
  });

  it('keeps a separate window per client IP', async () => {
    await times(11, { route: 'livechat/config' });
    const elsewhere = await http(running.baseUrl, { route: 'livechat/config', localAddress: '127.0.0.2' });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers['x-ratelimit-remaining']).toBe('9');
  });
});

describe('route-specific limits', () => {
  it('limits POST livechat/visitor to 5 a minute', async () => {
    const replies = await times(6, { method: 'POST', route: 'livechat/visitor', body: { visitor: { token: 'tok-rl' } } });
    expect(replies.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(replies[0]!.headers['x-ratelimit-limit']).toBe('5');
    expectTooMany(replies[5]!, 5, 60);
  });

  it('limits GET livechat/room to 5 a minute', async () => {
    const replies = await times(6, { route: 'livechat/room', query: { token: 'nobody' } });
    expect(replies.slice(0, 5).map((r) => r.body)).toEqual(Array(5).fill({ success: false, error: 'invalid-token' }));
    expectTooMany(replies[5]!, 5, 60);
  });

  it('allows one offline message per 5 seconds', async () => {
    const body = { name: 'Olga', email: 'olga@example.com', message: 'Call me' };
    const replies = await times(2, { method: 'POST', route: 'livechat/offline.message', body });
    expect(replies[0]!.body).toEqual({ message: 'Livechat offline message sent', success: true });
    expectTooMany(replies[1]!, 1, 5);
  });
});

describe('who is limited', () => {
  it('answers 401 to calls without credentials before the limiter counts them', async () => {
    const replies = await times(12, { route: 'me' });
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(401));
  });

  it('limits a logged-in agent', async () => {
    const ana = await agent(running.baseUrl, 'ana', 'ana-pass');
    const replies = await times(11, { route: 'me', headers: authHeaders(ana) });
    expect(replies.slice(0, 10).every((r) => r.status === 200)).toBe(true);
    expectTooMany(replies[10]!, 10, 60);
  });

  it('does not limit an admin, who holds api-bypass-rate-limit', async () => {
    const replies = await times(12, { route: 'me', headers: authHeaders(admin) });
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(replies[0]!.headers['x-ratelimit-limit']).toBeUndefined();
  });
});

describe('switching the limiter off', () => {
  it('stops limiting and sends no X-RateLimit headers', async () => {
    await admin.setSetting('API_Enable_Rate_Limiter', false);
    try {
      const replies = await times(12, { route: 'livechat/config' });
      expect(replies.map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(replies.some((r) => r.headers['x-ratelimit-limit'] !== undefined)).toBe(false);
    } finally {
      await admin.setSetting('API_Enable_Rate_Limiter', true);
    }
  });
});
