/**
 * `npm run bench:load [-- --sizes 50,200,1000 --messages 20 --durable]`: N concurrent visitors against a
 * stand-in in its own process (main.ts, test profile; `--durable` gives it a data directory). Each visitor
 * registers, opens its room, subscribes over DDP and sends `--messages` messages one after another while
 * one agent, subscribed to every room, answers each. Prints per N: messages/s (acknowledged sends, both
 * sides), p50/p95 delivery latency (REST send started → the other side's DDP frame), lost (acknowledged
 * but never delivered), duplicated (delivered twice), and the server's memory (RSS at the end, peak).
 * Bounded: at most `--timeout` seconds per size, then what is missing counts as lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { randomId } from '../src/shared/rocketchat/random-id.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50,200,1000' },
    messages: { type: 'string', default: '20' },
    timeout: { type: 'string', default: '180' },
    durable: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number).filter((n) => n > 0 && n <= 5000);
const perVisitor = Math.min(200, Math.max(1, Number(values.messages)));
const timeoutMs = Math.min(600, Math.max(10, Number(values.timeout))) * 1000;
const now = () => performance.now();
const http = new Agent({ keepAlive: true, maxSockets: 256 });

interface Json {
  [k: string]: unknown;
}

function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/v1/${path}`, { method, agent: http, headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A bare DDP client: connect, subscribe, method calls, and a callback per `changed` frame. */
class Ddp {
  private ws: WebSocket;
  private n = 0;
  private waiting = new Map<string, () => void>();
  onChanged: (fields: { eventName: string; args: unknown[] }) => void = () => undefined;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Json;
      if (f.msg === 'ping') this.ws.send(JSON.stringify({ msg: 'pong' }));
      else if (f.msg === 'changed') this.onChanged(f.fields as { eventName: string; args: unknown[] });
      else if (f.msg === 'connected') this.waiting.get('connect')?.();
      else if (f.msg === 'ready') for (const id of f.subs as string[]) this.waiting.get(id)?.();
      else if (f.msg === 'nosub' || f.msg === 'result') this.waiting.get(f.id as string)?.();
    });
  }

  private wait(id: string): Promise<void> {
    return new Promise((resolve) => this.waiting.set(id, () => (this.waiting.delete(id), resolve())));
  }

  async open(): Promise<void> {
    await new Promise((resolve, reject) => this.ws.once('open', resolve).once('error', reject));
    const connected = this.wait('connect');
    this.ws.send(JSON.stringify({ msg: 'connect', version: '1', support: ['1'] }));
    await connected;
  }

  sub(name: string, params: unknown[]): Promise<void> {
    const id = `s${++this.n}`;
    const ready = this.wait(id);
    this.ws.send(JSON.stringify({ msg: 'sub', id, name, params }));
    return ready;
  }

  method(method: string, params: unknown[]): Promise<void> {
    const id = `m${++this.n}`;
    const done = this.wait(id);
    this.ws.send(JSON.stringify({ msg: 'method', id, method, params }));
    return done;
  }

  close(): void {
    this.ws.terminate();
  }
}

function startServer(dataDir: string | undefined): Promise<{ child: ChildProcess; base: string }> {
  const args = ['--import', 'tsx', 'src/server/main.ts', '--port', '0', '--profile', 'test', ...(dataDir ? ['--data-dir', dataDir] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, base: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`stand-in exited (${code}): ${out}`)));
  });
}

/** The server's resident memory now and at its peak, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

/** CPU time the server process has used, in ms (utime + stime from /proc, Linux). */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

function pct(samples: number[], q: number): number {
  if (!samples.length) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

interface Sent {
  at: number;
  acked: boolean;
  received: number;
}

async function run(n: number) {
  const dir = values.durable ? mkdtempSync(join(tmpdir(), 'bench-load-')) : undefined;
  const { child, base } = await startServer(dir);
  const wsUrl = `${base.replace('http', 'ws')}/websocket`;
  const deadline = Date.now() + timeoutMs;
  try {
    const login = (await call(base, 'POST', 'login', { user: 'agent', password: 'agent-pass' })).body.data as { userId: string; authToken: string };
    const auth = { 'x-user-id': login.userId, 'x-auth-token': login.authToken };
    const agent = new Ddp(wsUrl);
    await agent.open();
    await agent.method('login', [{ resume: login.authToken }]);

    const toAgent = new Map<string, Sent>(); // visitor message _id → timings
    const toVisitor = new Map<string, Sent>(); // agent reply _id → timings
    const replies: { rid: string; msgId: string }[] = [];
    let replyInFlight = 0;
    const answer = (rid: string) => {
      const _id = randomId();
      const sent: Sent = { at: now(), acked: false, received: 0 };
      toVisitor.set(_id, sent);
      replyInFlight++;
      call(base, 'POST', 'chat.sendMessage', { message: { _id, rid, msg: `reply ${_id}` } }, auth)
        .then((r) => (sent.acked = r.status === 200))
        .catch(() => undefined)
        .finally(() => replyInFlight--);
    };
    agent.onChanged = ({ args }) => {
      const m = args[0] as { _id: string; rid: string; t?: string; token?: string } | undefined;
      if (!m || m.t || !m.token) return; // only the visitors' own messages
      const sent = toAgent.get(m._id);
      if (!sent) return;
      if (sent.received++ === 0) {
        latencyToAgent.push(now() - sent.at);
        answer(m.rid);
      }
    };
    const latencyToAgent: number[] = [];
    /** Why a send was not acknowledged (status and reason), to tell a server refusal from a client limit. */
    const refusals = new Map<string, number>();
    const latencyToVisitor: number[] = [];

    // Registration and subscription, 64 at a time; then everyone sends at once.
    const visitors = Array.from({ length: n }, (_, i) => ({ token: `bench-${i}-${randomId(8)}`, rid: '', ddp: undefined as Ddp | undefined }));
    const t0 = now();
    await pool(visitors, 64, async (v) => {
      await call(base, 'POST', 'livechat/visitor', { visitor: { token: v.token, name: v.token } });
      v.rid = ((await call(base, 'GET', `livechat/room?token=${v.token}`)).body.room as { _id: string })._id;
      const ddp = new Ddp(wsUrl);
      await ddp.open();
      ddp.onChanged = ({ args }) => {
        const m = args[0] as { _id: string; token?: string; t?: string } | undefined;
        if (!m || m.t || m.token) return; // the agent's replies
        const sent = toVisitor.get(m._id);
        if (sent && sent.received++ === 0) latencyToVisitor.push(now() - sent.at);
      };
      await ddp.sub('stream-room-messages', [v.rid, { useCollection: false, args: [{ token: v.token, visitorToken: v.token }] }]);
      await agent.sub('stream-room-messages', [v.rid, { useCollection: false, args: [] }]);
      v.ddp = ddp;
    });
    const setupMs = now() - t0;

    const t1 = now();
    const cpu0 = cpuOf(child.pid!);
    await Promise.all(
      visitors.map(async (v) => {
        for (let i = 0; i < perVisitor && Date.now() < deadline; i++) {
          const _id = randomId();
          const sent: Sent = { at: now(), acked: false, received: 0 };
          toAgent.set(_id, sent);
          const r = await call(base, 'POST', 'livechat/message', { token: v.token, rid: v.rid, msg: `m${i} ${_id}`, _id }).catch((e: Error) => ({ status: 0, error: e.message }));
          sent.acked = r.status === 200;
          if (!sent.acked) {
            const why = `${r.status} ${'error' in r ? r.error : JSON.stringify(r.body).slice(0, 80)}`;
            refusals.set(why, (refusals.get(why) ?? 0) + 1);
          }
        }
      }),
    );
    // Wait for the last deliveries and replies (bounded), then count what never came.
    const expected = () => [...toAgent.values()].filter((s) => s.acked && !s.received).length + [...toVisitor.values()].filter((s) => s.acked && !s.received).length;
    let last = -1;
    let quietSince = Date.now();
    while (Date.now() < deadline && (replyInFlight > 0 || expected() > 0)) {
      const progress = latencyToAgent.length + latencyToVisitor.length;
      if (progress !== last) [last, quietSince] = [progress, Date.now()];
      else if (Date.now() - quietSince > 5_000) break; // nothing more is coming: the rest is lost
      await new Promise((r) => setTimeout(r, 50));
    }
    const sendMs = now() - t1;
    const mem = memoryOf(child.pid!);
    const cpuMs = cpuOf(child.pid!) - cpu0;
    const acked = [...toAgent.values(), ...toVisitor.values()].filter((s) => s.acked).length;
    const all = [...toAgent.values(), ...toVisitor.values()];
    for (const v of visitors) v.ddp?.close();
    agent.close();
    return {
      visitors: n,
      messages: acked,
      perSecond: acked / (sendMs / 1000),
      toAgent: { p50: pct(latencyToAgent, 0.5), p95: pct(latencyToAgent, 0.95) },
      toVisitor: { p50: pct(latencyToVisitor, 0.5), p95: pct(latencyToVisitor, 0.95) },
      lost: all.filter((s) => s.acked && s.received === 0).length,
      duplicated: all.filter((s) => s.received > 1).length,
      unanswered: [...toAgent.values()].filter((s) => !s.acked).length + [...toVisitor.values()].filter((s) => !s.acked).length,
      cpuPerMessageMs: cpuMs / acked,
      rssMiB: mem.rss,
      peakMiB: mem.peak,
      refusals: [...refusals].map(([k, n]) => `${n}× ${k}`).join('; '),
      setupS: setupMs / 1000,
      sendS: sendMs / 1000,
    };
  } finally {
    child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
    // Kept-alive sockets to this stand-in are dead with it: the next size must not reuse one (ECONNRESET).
    http.destroy();
  }
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
console.log(`bench:load — ${perVisitor} messages per visitor, one agent answering each${values.durable ? ', data directory (fsync per answer)' : ', in memory'}`);
console.log('visitors | acked msgs | msgs/s | v→a p50/p95 ms | a→v p50/p95 ms | lost | dup | unacked | server CPU ms/msg | server RSS / peak MiB | setup s | send s');
for (const n of sizes) {
  const r = await run(n);
  console.log(
    `${String(r.visitors).padStart(8)} | ${String(r.messages).padStart(10)} | ${f(r.perSecond, 0).padStart(6)} | ${f(r.toAgent.p50)} / ${f(r.toAgent.p95)} | ${f(r.toVisitor.p50)} / ${f(r.toVisitor.p95)} | ${r.lost} | ${r.duplicated} | ${r.unanswered} | ${f(r.cpuPerMessageMs, 2)} | ${f(r.rssMiB, 0)} / ${f(r.peakMiB, 0)} | ${f(r.setupS)} | ${f(r.sendS)}`,
  );
  if (r.refusals) console.log(`         unacknowledged: ${r.refusals}`);
}
http.destroy();
