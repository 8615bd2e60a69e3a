// @vitest-environment node
/**
 * REST CORS as src/server/http/cors.ts means it (contract §0.5): off by default (no header, preflight 405
 * with Rocket.Chat's text), `*`, or a comma list where other origins get 403 "Invalid origin".
 * The settings are switched through the admin settings route, as on a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import { agent, http, startStandin, type Req, type Running } from './harness.ts';

const ALLOW_METHODS = 'GET, POST, PUT, DELETE, HEAD, PATCH';
const ALLOW_HEADERS = 'Origin, X-Requested-With, Content-Type, Accept, X-User-Id, X-Auth-Token, x-visitor-token, Authorization';
const CORS_DISABLED = 'CORS not enabled. Go to "Admin > General > REST Api" to enable it.';

let running: Running;
let admin: AgentClient;

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false },
    agents: [{ username: 'admin', name: 'Admin', password: 'admin-pass', admin: true }],
  });
  admin = await agent(running.baseUrl, 'admin', 'admin-pass');
});

afterAll(async () => {
  await running?.close();
});

const fromOrigin = (origin: string, extra: Partial<Req> = {}): Req => ({ route: 'livechat/config', headers: { origin }, ...extra });
const preflight = (origin: string): Req => ({
  method: 'OPTIONS',
  route: 'livechat/message',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
});

describe('CORS disabled (the default)', () => {
  it('sends no Access-Control-Allow-Origin on a cross-origin request', async () => {
    const reply = await http(running.baseUrl, fromOrigin('https://shop.example'));
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight with 405 and the "CORS not enabled" text', async () => {
    const reply = await http(running.baseUrl, preflight('https://shop.example'));
    expect(reply.status).toBe(405);
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(reply.text).toBe(CORS_DISABLED);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS for any origin', () => {
  beforeAll(async () => {
    await admin.setSetting('API_Enable_CORS', true);
    await admin.setSetting('API_CORS_Origin', '*');
  });

  it('answers a preflight with 200 and the allowed methods and headers', async () => {
    const reply = await http(running.baseUrl, preflight('https://shop.example'));
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(reply.headers['access-control-allow-methods']).toBe(ALLOW_METHODS);
    expect(reply.headers['access-control-allow-headers']).toBe(ALLOW_HEADERS);
  });

  it('allows the actual request, error responses included', async () => {
    const good = await http(running.baseUrl, fromOrigin('https://anything.example'));
    expect(good.status).toBe(200);
    expect(good.headers['access-control-allow-origin']).toBe('*');
    const bad = await http(running.baseUrl, fromOrigin('https://anything.example', { query: { foo: '1' } }));
    expect(bad.status).toBe(400);
    expect(bad.headers['access-control-allow-origin']).toBe('*');
  });

  it('adds nothing to a same-origin request without an Origin header', async () => {
    const reply = await http(running.baseUrl, { route: 'livechat/config' });
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS for a list of origins', () => {
  beforeAll(async () => {
    await admin.setSetting('API_Enable_CORS', true);
    await admin.setSetting('API_CORS_Origin', 'https://shop.example, https://Blog.Example');
  });

  it('echoes an allowed origin and varies on Origin', async () => {
    const reply = await http(running.baseUrl, fromOrigin('https://shop.example'));
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(reply.headers.vary).toBe('Origin');
  });

  it('compares origins without regard to case', async () => {
    const reply = await http(running.baseUrl, preflight('https://blog.example'));
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBe('https://blog.example');
    expect(reply.headers['access-control-allow-methods']).toBe(ALLOW_METHODS);
  });

  it('refuses a preflight from another origin with 403 "Invalid origin"', async () => {
    const reply = await http(running.baseUrl, preflight('https://evil.example'));
    expect({ status: reply.status, text: reply.text, type: reply.headers['content-type'] }).toEqual({
      status: 403,
      text: 'Invalid origin',
      type: 'text/plain',
    });
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses the actual request from another origin with 403 and does not run the route', async () => {
    const reply = await http(running.baseUrl, {
      method: 'POST',
      route: 'livechat/visitor',
      body: { visitor: { token: 'tok-from-evil' } },
      headers: { origin: 'https://evil.example' },
    });
    expect(reply.status).toBe(403);
    expect(reply.text).toBe('Invalid origin');
    const check = await http(running.baseUrl, { route: 'livechat/visitor/tok-from-evil' });
    expect(check.body).toEqual({ success: false, error: '[invalid-token]', errorType: 'invalid-token' });
  });

  it('does not touch requests outside /api', async () => {
    const reply = await http(running.baseUrl, { route: '/index.html', headers: { origin: 'https://evil.example' } });
    expect(reply.status).toBe(404);
    expect(reply.text).toBe('not the stand-in');
  });
});

describe('switching CORS off again', () => {
  it('restores the 405 preflight answer', async () => {
    await admin.setSetting('API_Enable_CORS', false);
    const reply = await http(running.baseUrl, preflight('https://shop.example'));
    expect(reply.status).toBe(405);
    expect(reply.text).toBe(CORS_DISABLED);
  });
});
