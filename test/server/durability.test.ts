// @vitest-environment node
/**
 * A stand-in with a data directory keeps everything across restarts: what a request changed is on disk
 * before its answer, so a `kill -9` in the middle of a burst of sends loses no acknowledged message and
 * duplicates none. The crash test runs the real server process (main.ts) and kills it with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WireMessage } from '../../src/shared/rocketchat/wire.ts';
import { randomId } from '../../src/shared/rocketchat/random-id.ts';
import { authHeaders, agent, client, history, ok, openRoom, registerVisitor, sendMessage, startStandin, RawDdp, isEvent } from './harness.ts';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'standin-data-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const seed = {
  settings: { API_Enable_Rate_Limiter: false, Livechat_enable_transcript: true },
  agents: [{ username: 'ana', name: 'Ana', password: 'pw', admin: true }],
  mailRateLimit: false,
};

/** Everything a visitor or agent could see, as plain JSON, to compare two stand-ins. */
function stateOf(store: Awaited<ReturnType<typeof startStandin>>['standin']['store']): unknown {
  const plain = (m: Map<string, unknown>) => JSON.parse(JSON.stringify([...m.entries()].sort(([a], [b]) => a.localeCompare(b))));
  return {
    visitors: plain(store.visitors),
    rooms: plain(store.rooms),
    users: plain(store.users),
    inquiries: plain(store.inquiries),
    uploads: plain(store.uploads),
    triggers: plain(store.triggers),
    messages: JSON.parse(JSON.stringify([...store.allMessages()])),
    transcripts: JSON.parse(JSON.stringify(store.transcripts)),
    settings: JSON.parse(JSON.stringify(store.settings)),
  };
}

describe('a data directory', () => {
  it('brings back visitors, rooms, messages (with edits and deletions), agents, transcripts and settings', async () => {
    const dir = freshDir();
    const first = await startStandin({ ...seed, dataDir: dir });
    const api = client(first.baseUrl);
    await registerVisitor(api, { token: 'tok-a', name: 'Alice', email: 'alice@example.com' });
    const rid = (await openRoom(api, 'tok-a')).room._id;
    const kept = await sendMessage(api, 'tok-a', rid, 'first');
    const edited = await sendMessage(api, 'tok-a', rid, 'to edit');
    const gone = await sendMessage(api, 'tok-a', rid, 'to delete');
    ok(await api.request({ method: 'PUT', route: `livechat/message/${edited._id}`, body: { token: 'tok-a', rid, msg: 'edited' } }));
    ok(await api.request({ method: 'DELETE', route: `livechat/message/${gone._id}`, body: { token: 'tok-a', rid } }));
    const ana = await agent(first.baseUrl, 'ana', 'pw');
    await ana.send(rid, 'agent reply');
    ok(await api.post('settings/Livechat_title', { value: 'Kept title' }, authHeaders(ana)));
    ok(await api.post('livechat/transcript', { token: 'tok-a', rid, email: 'alice@example.com' }));
    // A second visitor whose chat is over and who is then removed entirely.
    await registerVisitor(api, { token: 'tok-b' });
    const ridB = (await openRoom(api, 'tok-b')).room._id;
    ok(await api.post('livechat/room.close', { token: 'tok-b', rid: ridB }));
    ok(await api.request({ method: 'DELETE', route: 'livechat/visitor/tok-b' }));
    // Bytes survive too (an upload), even when changed outside any request.
    first.standin.store.uploads.set('up-1', { _id: 'up-1', name: 'a.bin', size: 4, type: 'application/octet-stream', rid, visitorToken: 'tok-a', uploadedAt: new Date(), data: Buffer.from([0, 1, 2, 255]) });
    const before = stateOf(first.standin.store);
    ana.disconnect();
    await first.close();

    const second = await startStandin({ ...seed, dataDir: dir });
    try {
      expect(stateOf(second.standin.store)).toEqual(before);
      const api2 = client(second.baseUrl);
      const texts = (await history(api2, 'tok-a', rid)).filter((m) => !m.t).map((m) => m.msg);
      expect(texts).toEqual(['agent reply', 'edited', 'first']);
      expect((await history(api2, 'tok-a', rid)).some((m) => m._id === kept._id)).toBe(true);
      expect((await api2.get('livechat/visitor/tok-b')).status).toBe(400);
      // The agent's login survives, and the store's clock stays ahead: a new message sorts last.
      const ana2 = await agent(second.baseUrl, 'ana', 'pw');
      const after = await ana2.send(rid, 'after restart');
      expect(Date.parse(after.ts)).toBeGreaterThan(Math.max(...(await history(api2, 'tok-a', rid)).slice(1).map((m) => Date.parse(m.ts))));
      ana2.disconnect();
      // Seeds are not applied twice over the data.
      expect([...second.standin.store.users.values()].filter((u) => u.username === 'ana')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('compacts to one line per document when it opens', async () => {
    const dir = freshDir();
    const first = await startStandin({ ...seed, dataDir: dir });
    const api = client(first.baseUrl);
    await registerVisitor(api, { token: 'tok-c' });
    const rid = (await openRoom(api, 'tok-c')).room._id;
    for (let i = 0; i < 30; i++) await sendMessage(api, 'tok-c', rid, `m${i}`);
    await first.close();
    const grown = readFileSync(join(dir, 'store.ndjson'), 'utf8').split('\n').length;
    const second = await startStandin({ ...seed, dataDir: dir });
    await second.close();
    const compacted = readFileSync(join(dir, 'store.ndjson'), 'utf8').split('\n').filter(Boolean);
    expect(compacted.length).toBeLessThan(grown);
    // Exactly one line per room (no history of its edits).
    expect(compacted.filter((l) => l.startsWith('{"p":"rooms"'))).toHaveLength(1);
  });

  it('tells realtime listeners of a message only once it is on disk', async () => {
    // A slow disk: each fdatasync takes 300 ms, and says when it is done.
    const fs = (await import('node:fs')).default;
    const original = fs.fdatasync;
    const synced = new Set<number>();
    let syncs = 0;
    fs.fdatasync = ((fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
      const n = ++syncs;
      setTimeout(() => original(fd, (err) => (synced.add(n), cb(err))), 300);
    }) as typeof fs.fdatasync;
    syncBuiltinESMExports();
    const dir = freshDir();
    const running = await startStandin({ ...seed, dataDir: dir });
    try {
      const api = client(running.baseUrl);
      await registerVisitor(api, { token: 'tok-rt' });
      const rid = (await openRoom(api, 'tok-rt')).room._id;
      const ddp = await RawDdp.open(running.wsUrl);
      await ddp.sub('stream-room-messages', [rid, { useCollection: false, args: [{ token: 'tok-rt', visitorToken: 'tok-rt' }] }]);
      const id = randomId();
      const before = syncs;
      const heard = ddp.next(isEvent('stream-room-messages', rid), 5_000).then(() => synced.has(before + 1));
      await sendMessage(api, 'tok-rt', rid, 'durable first', id);
      expect(await heard).toBe(true);
      expect(readFileSync(join(dir, 'store.ndjson'), 'utf8')).toContain(id);
      ddp.close();
    } finally {
      fs.fdatasync = original;
      syncBuiltinESMExports();
      await running.close();
    }
  });

  it('refuses a second stand-in on a directory in use', async () => {
    const dir = freshDir();
    const lockHolder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      await new Promise((r) => lockHolder.once('spawn', r));
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(dir, 'LOCK'), String(lockHolder.pid));
      await expect(startStandin({ ...seed, dataDir: dir })).rejects.toThrow(/in use by process/);
    } finally {
      lockHolder.kill('SIGKILL');
    }
    // A lock left by a process that is gone (kill -9) does not stand in the way.
    await new Promise((r) => lockHolder.once('exit', r));
    const running = await startStandin({ ...seed, dataDir: dir });
    await running.close();
  });
});

// ---- kill -9 mid-burst ------------------------------------------------------------------------------

interface Server {
  child: ChildProcess;
  baseUrl: string;
}

function startServer(dir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port', '0', '--profile', 'test', '--data-dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += String(d);
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        resolve({ child, baseUrl: m[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += String(d)));
    child.once('exit', (code) => reject(new Error(`the stand-in exited (${code}) before listening:\n${out}`)));
  });
}

async function allMessages(api: ReturnType<typeof client>, token: string, rid: string): Promise<WireMessage[]> {
  const out: WireMessage[] = [];
  let end: string | undefined;
  for (;;) {
    const page = await history(api, token, rid, { limit: '100', ...(end ? { end } : {}) });
    if (!page.length) return out;
    out.push(...page);
    end = page[page.length - 1]!.ts;
  }
}

describe('kill -9 during a burst of sends', () => {
  it('restarts with every acknowledged message exactly once, and every visitor and room', async () => {
    const dir = freshDir();
    let server = await startServer(dir);
    const api = client(server.baseUrl);
    const visitors = Array.from({ length: 12 }, (_, i) => `tok-burst-${i}`);
    const rooms = new Map<string, string>();
    for (const token of visitors) {
      await registerVisitor(api, { token, name: token });
      rooms.set(token, (await openRoom(api, token)).room._id);
    }
    const acked = new Map<string, string>(); // _id → token
    const tried = new Map<string, string>();
    let killed = false;
    const KILL_AFTER = 250;
    // Each visitor sends as fast as the server answers; the process is killed once enough were acknowledged.
    await Promise.all(
      visitors.map(async (token) => {
        for (let i = 0; !killed; i++) {
          const _id = randomId();
          tried.set(_id, token);
          try {
            const reply = await api.post('livechat/message', { token, rid: rooms.get(token), msg: `${token} #${i}`, _id });
            if (reply.status === 200 && !killed) acked.set(_id, token);
          } catch {
            return; // the connection died with the process
          }
          if (acked.size >= KILL_AFTER && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        }
      }),
    );
    await new Promise((r) => (server.child.exitCode !== null || server.child.signalCode ? r(undefined) : server.child.once('exit', r)));
    expect(server.child.signalCode).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);

    server = await startServer(dir);
    try {
      const api2 = client(server.baseUrl);
      const counts = new Map<string, number>();
      for (const token of visitors) {
        // The visitor and the open room are back.
        expect(ok(await api2.get<{ visitor: { token: string } }>(`livechat/visitor/${token}`)).visitor.token).toBe(token);
        expect((await openRoom(api2, token)).room._id).toBe(rooms.get(token));
        for (const m of await allMessages(api2, token, rooms.get(token)!)) if (!m.t) counts.set(m._id, (counts.get(m._id) ?? 0) + 1);
      }
      const lost = [...acked.keys()].filter((id) => counts.get(id) !== 1);
      expect(lost).toEqual([]);
      // Nothing is stored twice, and nothing appears that was never sent.
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect([...counts.keys()].every((id) => tried.has(id))).toBe(true);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 90_000);
});
