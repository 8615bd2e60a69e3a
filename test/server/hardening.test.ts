// @vitest-environment node
/**
 * What used to take the stand-in down or leave sockets hanging: request lines that are not URLs, WebSocket
 * upgrades on other paths, `/_standin/*` reached from another site, a planted page with a header that
 * cannot be written, and errors thrown where no route catches them.
 */
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createStandin } from '../../src/server/app.ts';
import { profile } from '../../src/server/profiles.ts';
import { http, startStandin, type Running } from './harness.ts';

let running: Running;
const port = () => Number(new URL(running.baseUrl).port);

beforeAll(async () => {
  running = await startStandin({ controls: true, settings: { API_Enable_Rate_Limiter: false } });
});
afterAll(async () => running?.close());

/** Sends raw bytes and resolves with whatever came back before the server closed the connection. */
function raw(bytes: string, p = port()): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(p, '127.0.0.1', () => socket.write(bytes));
    let got = '';
    socket.on('data', (d) => (got += String(d)));
    socket.on('close', () => resolve(got));
    socket.on('error', () => resolve(got));
    // The server must close: a socket still open after this is reported, not waited on forever.
    socket.setTimeout(8_000, () => {
      got += ' [timed out]';
      socket.destroy();
    });
  });
}

const upgradeRequest = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;

describe('request lines that are not URLs', () => {
  for (const target of ['//a:99999', '//a:99999/api/v1/livechat/config', '/_standin//x', '/api/v1/%', '*', 'http://[::1', '/api/v1/livechat/config?%%%']) {
    it(`answers ${JSON.stringify(target)} and keeps serving`, async () => {
      const reply = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(reply).toMatch(/^HTTP\/1\.1 (200|4\d\d) /);
      expect((await http(running.baseUrl, { route: '/api/info' })).status).toBe(200);
    });
  }
});

describe('WebSocket upgrades on other paths', () => {
  for (const path of ['/', '/ws', '/api/v1/livechat/config', '/websocket/extra', '/_standin/health', '//a:99999', '//a:99999/websocket', 'http://[::1']) {
    it(`refuses and closes an upgrade on ${path}`, async () => {
      const reply = await raw(upgradeRequest(path));
      expect(reply).toMatch(/^HTTP\/1\.1 404 /);
      expect(reply).not.toContain('timed out');
    });
  }

  it('still upgrades /websocket', async () => {
    const ws = new WebSocket(running.wsUrl);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
  });

  it('leaves an upgrade to another listener on the same server (Vite HMR) and refuses it if nobody answers', async () => {
    const standin = createStandin({});
    const server = createServer((_req, res) => res.end());
    standin.attach(server);
    // A listener that takes `/hmr` (as Vite's does) and one that ignores `/nobody`.
    server.on('upgrade', (req, socket) => {
      if (req.url === '/hmr') socket.end('HTTP/1.1 418 Taken Elsewhere\r\nConnection: close\r\n\r\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const p = (server.address() as AddressInfo).port;
    const upgrade = (path: string) => raw(upgradeRequest(path), p);
    expect(await upgrade('/hmr')).toMatch(/^HTTP\/1\.1 418/);
    // Nobody answers: refused after the grace period instead of hanging forever.
    const unclaimed = await upgrade('/nobody');
    expect(unclaimed).toMatch(/^HTTP\/1\.1 404/);
    expect(unclaimed).not.toContain('timed out');
    await standin.close();
    await new Promise<void>((r) => server.close(() => r()));
  }, 15_000);
});

describe('/_standin/* refuses other sites', () => {
  const post = (route: string, body: string, headers: Record<string, string>) =>
    http<{ success?: boolean; error?: string }>(running.baseUrl, { method: 'POST', route, rawBody: body, headers });

  it('refuses a page planted with text/plain; charset=json (no preflight) from another site', async () => {
    const reply = await post('/_standin/pages', JSON.stringify({ path: '/planted', html: '<p>pwned</p>' }), {
      'content-type': 'text/plain; charset=json',
      origin: 'http://evil.test',
    });
    expect(reply.status).toBe(403);
    expect((await http(running.baseUrl, { route: '/planted' })).status).toBe(404);
  });

  it('refuses a drop of every socket from another site, even with application/json', async () => {
    const reply = await post('/_standin/realtime/drop', '{}', { 'content-type': 'application/json', origin: 'http://evil.test' });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ success: false, error: 'cross-site requests are refused' });
  });

  it('refuses a request the browser marks cross-site, and an opaque origin', async () => {
    expect((await post('/_standin/rate-limit/reset', '{}', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('/_standin/rate-limit/reset', '{}', { 'content-type': 'application/json', origin: 'null' })).status).toBe(403);
  });

  it('refuses a body that is not application/json, whoever sends it', async () => {
    const reply = await post('/_standin/pages', JSON.stringify({ path: '/p', html: 'x' }), { 'content-type': 'text/plain; charset=json' });
    expect(reply.status).toBe(415);
  });

  it('accepts Node callers (no Origin) and pages of its own origin', async () => {
    expect((await post('/_standin/rate-limit/reset', '{}', { 'content-type': 'application/json' })).status).toBe(200);
    const own = `http://127.0.0.1:${port()}`;
    expect((await post('/_standin/rate-limit/reset', '{}', { 'content-type': 'application/json; charset=utf-8', origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it("guards the Connect stand-in's controls the same way", async () => {
    const withConnect = await startStandin({ ...profile('test'), mailRateLimit: false });
    try {
      const base = withConnect.baseUrl;
      expect((await http(base, { route: '/_standin/connect/config', headers: { origin: 'http://evil.test' } })).status).toBe(403);
      const stop = await http(base, { method: 'POST', route: '/_standin/connect/contacts/x/stop', rawBody: '{}', headers: { 'content-type': 'text/plain; charset=json' } });
      expect(stop.status).toBe(415);
      expect((await http(base, { route: '/_standin/connect/config' })).status).toBe(200);
    } finally {
      await withConnect.close();
    }
  });

  it('is absent from the bare profile', async () => {
    const bare = await startStandin(profile('bare'));
    try {
      const reply = await http(bare.baseUrl, { method: 'POST', route: '/_standin/realtime/drop', body: {} });
      expect(reply.status).toBe(404);
      expect(reply.text).toBe('not the stand-in');
    } finally {
      await bare.close();
    }
  });
});

describe('planted pages', () => {
  it('refuses a header value with CR/LF, so serving the page can never fail', async () => {
    const reply = await http(running.baseUrl, {
      method: 'POST',
      route: '/_standin/pages',
      body: { path: '/crlf', html: '<p>x</p>', headers: { 'X-Evil': 'a\r\nSet-Cookie: pwned=1' } },
    });
    expect(reply.status).toBe(400);
    expect((await http(running.baseUrl, { route: '/crlf' })).status).toBe(404);
    expect((await http(running.baseUrl, { route: '/api/info' })).status).toBe(200);
  });

  for (const headers of [{ 'Bad Name': 'x' }, { 'Content-Length': '1' }, { 'X-Num': 5 }, ['x']]) {
    it(`refuses headers ${JSON.stringify(headers)}`, async () => {
      const reply = await http(running.baseUrl, { method: 'POST', route: '/_standin/pages', body: { path: '/h', html: 'x', headers } });
      expect(reply.status).toBe(400);
    });
  }

  for (const path of ['/api/v1/livechat/config', '/_standin/health', '/websocket', 'relative', '/a?b']) {
    it(`may not take the path ${path}`, async () => {
      const reply = await http(running.baseUrl, { method: 'POST', route: '/_standin/pages', body: { path, html: 'shadow' } });
      expect(reply.status).toBe(400);
    });
  }

  it('serves a page with valid headers', async () => {
    await http(running.baseUrl, { method: 'POST', route: '/_standin/pages', body: { path: '/ok', html: '<p>ok</p>', headers: { 'Content-Security-Policy': "default-src 'none'" } } });
    const page = await http(running.baseUrl, { route: '/ok' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe("default-src 'none'");
  });
});

describe('errors no route catches', () => {
  it('become a 500 with Rocket.Chat\'s body, and the server keeps serving', async () => {
    const standin = createStandin({ controls: true });
    // A broken hook stands for any bug behind a control: it must not reach `next` (static files) or crash.
    standin.hooks.mailbox = () => {
      throw new Error('boom');
    };
    const server: Server = createServer((req, res) => standin.handle(req, res, () => res.end('static')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const reply = await http(base, { route: '/_standin/mailbox' });
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual({ success: false, error: 'Internal server error' });
      expect(errors).toHaveLength(1);
      expect((await http(base, { route: '/api/info' })).status).toBe(200);
    } finally {
      console.error = original;
      await standin.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('a route that throws a plain bug answers as Rocket.Chat\'s wrapper does (400 with the message)', async () => {
    const reply = await new Promise<number>((resolve) => {
      const r = request(`${running.baseUrl}/api/v1/livechat/message`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      r.end('{"token":"x","rid":"y","msg":"z"}');
    });
    expect(reply).toBe(400);
  });
});
