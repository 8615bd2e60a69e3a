// @vitest-environment node
/**
 * Fuzzing the stand-in: a few thousand malformed requests (seeded, so a failure reproduces), then the
 * server must still answer and the conversation that existed before must be intact. Bounded in count
 * and time; loopback only.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { multipart, PNG_1X1, startStandin, type Running } from './harness.ts';

/** Each route with the method it answers, so most requests get past routing into validation. */
const ROUTES: [string, string][] = [
  ['GET', 'livechat/config'],
  ['POST', 'livechat/visitor'],
  ['GET', 'livechat/visitor/tok-fuzz'],
  ['POST', 'livechat/visitor.status'],
  ['GET', 'livechat/room'],
  ['POST', 'livechat/room.close'],
  ['POST', 'livechat/message'],
  ['GET', 'livechat/message/abc'],
  ['GET', 'livechat/messages.history/RID'],
  ['POST', 'livechat/transcript'],
  ['GET', 'livechat/agent.info/RID/tok-fuzz'],
  ['POST', 'livechat/offline.message'],
  ['POST', 'livechat/page.visited'],
  ['POST', 'livechat/custom.field'],
  ['POST', 'livechat/custom.fields'],
  ['POST', 'login'],
  ['POST', 'chat.sendMessage'],
  ['POST', 'livechat/room.closeByUser'],
  ['POST', 'settings/Livechat_title'],
  ['GET', 'livechat/rooms'],
  ['POST', 'livechat/upload/RID'],
  ['POST', 'livechat/room.transfer'],
  ['POST', 'livechat/visitor/department.transfer'],
  ['GET', 'livechat/transfer.history/RID'],
  ['POST', 'livechat/triggers'],
  ['GET', 'livechat/triggers'],
  ['POST', 'chat.delete'],
  ['POST', 'livechat/room.survey'],
  ['DELETE', 'livechat/visitor/tok-gone'],
];

/** A well-formed upload, then broken one of several ways: the multipart parser must never fall over. */
function junkMultipart(r: () => number): { body: Buffer; contentType: string } {
  const parts = [
    { name: 'file', value: r() < 0.5 ? PNG_1X1 : Buffer.alloc(Math.floor(r() * 5000), 7), filename: r() < 0.2 ? '../../etc/passwd' : 'a.png', type: 'image/png' },
    { name: r() < 0.8 ? 'description' : 'junk', value: 'x'.repeat(Math.floor(r() * 100_000)) },
  ];
  const good = multipart(r() < 0.2 ? [...parts, parts[0]!] : parts);
  const k = r();
  if (k < 0.3) return { ...good, body: good.body.subarray(0, Math.floor(r() * (good.body.length - 10))) };
  if (k < 0.5) return { body: good.body, contentType: 'multipart/form-data; boundary=wrong' };
  if (k < 0.6) return { body: good.body, contentType: 'multipart/form-data' };
  if (k < 0.8) {
    const body = Buffer.from(good.body);
    for (let i = 0; i < 20; i++) body[Math.floor(r() * body.length)] = Math.floor(r() * 256);
    return { body, contentType: good.contentType };
  }
  return { body: Buffer.from('--standinBoundary7MA4YWxkTrZu0gW\r\n'.repeat(Math.floor(r() * 2000))), contentType: good.contentType };
}

/** Mulberry32: small, seedable, good enough to vary inputs. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeCase(r: () => number, rid: string) {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const junkString = () =>
    pick(['', ' ', 'a'.repeat(Math.floor(r() * 20_000)), '\u0000\u0001', '\ud800', '😀'.repeat(50), '<script>x</script>', '"\\', '{', '[]', 'null', '%zz', '../../etc/passwd']);
  const junkValue = (depth = 0): unknown => {
    const k = r();
    if (depth > 3 || k < 0.2) return junkString();
    if (k < 0.3) return Math.floor(r() * 1e9) * (r() < 0.5 ? -1 : 1);
    if (k < 0.4) return pick([true, false, null, 1.5e308, -0]);
    if (k < 0.6) return Array.from({ length: Math.floor(r() * 5) }, () => junkValue(depth + 1));
    const o: Record<string, unknown> = {};
    for (const key of ['token', 'rid', 'msg', '_id', 'visitor', 'email', 'name', 'message', 'pageInfo', 'customFields', '__proto__', 'constructor', junkString().slice(0, 20)]) {
      if (r() < 0.4) o[key] = junkValue(depth + 1);
    }
    return o;
  };
  const [routeMethod, routePath] = pick(ROUTES);
  const route = routePath.replace('RID', r() < 0.5 ? rid : 'nope');
  const path = r() < 0.1 ? `/api/v1/${junkString().slice(0, 200)}` : r() < 0.05 ? `/api/v1/${route}/%E0%A4%A` : `/api/v1/${route}`;
  const query = r() < 0.5 ? `?${pick(['token=', 'token[]=a&token[]=b', 'limit=abc', 'limit=-5', 'end=not-a-date', 'a[b][c]=1', '%%%', `token=${'x'.repeat(5000)}`, 'offset=1e400'])}` : '';
  let body: Buffer | undefined;
  const shape = r();
  if (shape < 0.15) body = Buffer.from('{"token": "abc", "rid": ');
  else if (shape < 0.25) body = Buffer.from('['.repeat(20_000));
  else if (shape < 0.3) body = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x7b]);
  else if (shape < 0.35) body = Buffer.alloc(300_000, 'a'); // over the body limit
  else if (shape < 0.9) body = Buffer.from(JSON.stringify(junkValue()) ?? 'null');
  const method = r() < 0.85 ? routeMethod : pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
  let contentType = pick(['application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', '']);
  const headers: Record<string, string> = {};
  if (routePath.startsWith('livechat/upload') && r() < 0.8) {
    const m = junkMultipart(r);
    body = m.body;
    contentType = m.contentType;
    headers['x-visitor-token'] = pick(['tok-fuzz', 'tok-fuzz', 'tok-fuzz', '', 'nobody']);
  }
  if (contentType) headers['Content-Type'] = contentType;
  if (r() < 0.1) headers['X-User-Id'] = junkString().slice(0, 30).replace(/[^\x20-\x7e]/g, '');
  if (r() < 0.1) headers['X-Auth-Token'] = 'bad';
  if (r() < 0.1) headers.Origin = pick(['https://evil.example', 'null', 'http://site.test']);
  return { method, path: path + query, headers, body };
}

/** Percent-encode a path, sending lone surrogates as the invalid UTF-8 bytes they would be. */
function wirePath(path: string): string {
  return encodeURI(path.replace(/[\ud800-\udfff]/g, '\u0000')).replace(/%00/g, '%ED%A0%80').replace(/%25/g, '%');
}

function send(baseUrl: string, c: ReturnType<typeof makeCase>): Promise<number> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: c.method, path: wirePath(c.path), headers: c.headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    // The server may cut an oversized upload short after answering 413.
    req.on('error', () => resolve(-1));
    req.setTimeout(10_000, () => req.destroy());
    if (c.body) req.write(c.body);
    req.end();
  });
}

let running: Running;
let rid = '';
let before: unknown;

/** The conversation before the fuzz; uploads the fuzz managed to make (a flipped byte inside a file) are new, not lost. */
async function historyOf(): Promise<unknown> {
  const res = await fetch(`${running.baseUrl}/api/v1/livechat/messages.history/${rid}?token=tok-fuzz&limit=1000`);
  const { messages } = (await res.json()) as { messages: { file?: unknown }[] };
  return messages.filter((m) => !m.file);
}

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false },
    agents: [{ username: 'ana', name: 'Ana', password: 'pw', admin: true }],
    bodyLimitBytes: 256 * 1024,
  });
  const post = (path: string, body: unknown) =>
    fetch(`${running.baseUrl}/api/v1/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
  await post('livechat/visitor', { visitor: { token: 'tok-fuzz', name: 'Fuzz' } });
  rid = ((await (await fetch(`${running.baseUrl}/api/v1/livechat/room?token=tok-fuzz`)).json()) as { room: { _id: string } }).room._id;
  for (let i = 0; i < 20; i++) await post('livechat/message', { token: 'tok-fuzz', rid, msg: `kept ${i}` });
  before = await historyOf();
});
afterAll(async () => running?.close());

describe('fuzzing the stand-in', () => {
  it('answers thousands of malformed requests with 4xx (never a crash or a 5xx) and loses nothing', async () => {
    const r = rng(20261121);
    const cases = Array.from({ length: 3000 }, () => makeCase(r, rid));
    const statuses = new Map<number, number>();
    const deadline = Date.now() + 90_000;
    for (let i = 0; i < cases.length && Date.now() < deadline; i += 25) {
      const batch = await Promise.all(cases.slice(i, i + 25).map((c) => send(running.baseUrl, c)));
      for (const s of batch) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(3000);
    const fiveHundreds = [...statuses.entries()].filter(([s]) => s >= 500);
    expect(fiveHundreds).toEqual([]);
    // Only an oversized upload may be cut off (after its 413); every other request got an answer.
    expect(statuses.get(0) ?? 0).toBe(0);
    // Most requests reach validation and are refused there, with Rocket.Chat's 400 bodies.
    expect(statuses.get(400)).toBeGreaterThan(1200);

    const info = await fetch(`${running.baseUrl}/api/info`);
    expect(info.status).toBe(200);
    expect(await historyOf()).toEqual(before);
  }, 120_000);

  it('survives a fuzzed connect frame and fuzzed fields of every DDP message type, before and after connecting', async () => {
    const r = rng(20261201);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const junk = (): unknown => pick<unknown>([5, -1, 1e308, true, false, null, '', '1', 'pre2', [], [1], ['1', 2], [null], {}, { $date: 'x' }, { $date: 1 }, { length: 3 }, { toString: 1 }, 'x'.repeat(1000)]);
    const shapes: Record<string, string[]> = {
      connect: ['version', 'support', 'session'],
      ping: ['id'],
      pong: ['id'],
      sub: ['id', 'name', 'params'],
      unsub: ['id'],
      method: ['id', 'method', 'params'],
    };
    const valid: Record<string, unknown> = { version: '1', support: ['1'], id: 'x1', name: 'stream-room-messages', method: 'login', params: [] };
    const frameOf = () => {
      const msg = r() < 0.9 ? pick(Object.keys(shapes)) : junk();
      const f: Record<string, unknown> = { msg };
      for (const key of (typeof msg === 'string' ? shapes[msg] : undefined) ?? ['id', 'params']) {
        const k = r();
        if (k < 0.5) f[key] = junk();
        else if (k < 0.8) f[key] = valid[key];
      }
      if (r() < 0.2) f.params = [junk(), junk(), junk()];
      return f;
    };
    const sockets = 60;
    for (let i = 0; i < sockets; i++) {
      const ws = new WebSocket(`${running.baseUrl.replace('http', 'ws')}/websocket`);
      await new Promise((res) => ws.once('open', res));
      const closed = new Promise((res) => ws.once('close', res));
      // Half the sockets connect properly first, so the fuzz reaches every handler behind `connect`.
      if (i % 2) ws.send(JSON.stringify({ msg: 'connect', version: '1', support: ['1'] }));
      for (let j = 0; j < 30; j++) ws.send(JSON.stringify(frameOf()));
      ws.close();
      await closed;
    }
    // The exact frame that once killed the process, on a fresh socket.
    const killer = new WebSocket(`${running.baseUrl.replace('http', 'ws')}/websocket`);
    const replies: { msg?: string }[] = [];
    killer.on('message', (d) => replies.push(JSON.parse(String(d)) as { msg?: string }));
    await new Promise((res) => killer.once('open', res));
    killer.send(JSON.stringify({ msg: 'connect', version: '2', support: 5 }));
    await new Promise((res) => killer.once('close', res));
    expect(replies.map((f) => f.msg)).toContain('failed');

    const info = await fetch(`${running.baseUrl}/api/info`);
    expect(info.status).toBe(200);
    expect(await historyOf()).toEqual(before);
  }, 60_000);

  it('answers junk paths and queries under /file-upload, /avatar and /sounds without a 5xx', async () => {
    const r = rng(20261202);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const base = pick(['/file-upload/', '/avatar/', '/sounds/chime.mp3', '/file-upload/x/', '/avatar/@']);
      const tail = pick(['', 'a', '%zz', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(3000), '😀', '<script>', 'a/b/c']);
      const query = pick(['', '?size=-5', '?size=99999999', '?size=abc', '?rc_room_type=l&rc_rid=&rc_token=', '?rc_uid=x&rc_token=y', '?download', '?cacheTime=-1']);
      const method = pick(['GET', 'HEAD', 'POST', 'DELETE']);
      const cookie = r() < 0.2 ? { cookie: pick(['rc_room_type=l; rc_rid=%zz; rc_token=1', '=;=;', 'rc_uid']) } : undefined;
      statuses.push(await send(running.baseUrl, { method, path: base + tail + query, headers: { ...cookie }, body: undefined }));
    }
    expect(statuses.filter((s) => s >= 500 || s <= 0)).toEqual([]);
  });

  it('survives garbage on the WebSocket and keeps serving subscribers', async () => {
    const ws = new WebSocket(`${running.baseUrl.replace('http', 'ws')}/websocket`);
    await new Promise((res) => ws.once('open', res));
    ws.send(JSON.stringify({ msg: 'connect', version: '1', support: ['1'] }));
    for (const junk of ['{', 'null', '[]', '42', '{"msg":1}', '{"msg":"sub"}', '{"msg":"method","id":"1","method":"login","params":[null]}', '{"msg":"sub","id":"s","name":"stream-room-messages","params":[null]}', Buffer.from([0xff, 0x00])]) ws.send(junk);
    ws.send('x'.repeat(300 * 1024)); // over the frame limit: the server closes this socket
    await new Promise((res) => ws.once('close', res));

    // A well-behaved client still works afterwards.
    const ok = new WebSocket(`${running.baseUrl.replace('http', 'ws')}/websocket`);
    const frames: { msg?: string }[] = [];
    ok.on('message', (d) => frames.push(JSON.parse(String(d)) as { msg?: string }));
    await new Promise((res) => ok.once('open', res));
    ok.send(JSON.stringify({ msg: 'connect', version: '1', support: ['1'] }));
    ok.send(JSON.stringify({ msg: 'sub', id: 's1', name: 'stream-room-messages', params: [rid, { useCollection: false, args: [{ token: 'tok-fuzz', visitorToken: 'tok-fuzz' }] }] }));
    await expect.poll(() => frames.map((f) => f.msg)).toEqual(expect.arrayContaining(['connected', 'ready']));
    ok.close();
  });
});
