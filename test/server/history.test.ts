// @vitest-environment node
/**
 * `GET livechat/messages.history/:rid` (contract §4.5, notes §12): newest first, `limit` (default 20),
 * `offset`, and `end` as an exclusive upper bound on `ts`, so a client can page back through a long
 * room by passing the oldest `ts` it has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireMessage } from '../../src/shared/rocketchat/wire.ts';
import { client, history, openRoom, registerVisitor, sendMessage, startStandin, type Client, type Running } from './harness.ts';

let running: Running;
let api: Client;

beforeAll(async () => {
  running = await startStandin({
    // Rooms open without an agent, so the only system message is livechat-started.
    settings: { API_Enable_Rate_Limiter: false, Livechat_accept_chats_with_no_agents: true },
    agents: [{ username: 'ana', name: 'Ana Agent', password: 'ana-pass', available: false }],
  });
  api = client(running.baseUrl);
});

afterAll(async () => {
  await running?.close();
});

/** Sends `count` messages `prefix-0` … with at most `parallel` requests in flight; returns what was stored. */
async function sendMany(token: string, rid: string, prefix: string, count: number, parallel = 1): Promise<WireMessage[]> {
  const out: WireMessage[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await sendMessage(api, token, rid, `${prefix}-${i}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

function isDescendingByTs(messages: WireMessage[]): boolean {
  return messages.every((m, i) => i === 0 || Date.parse(messages[i - 1]!.ts) > Date.parse(m.ts));
}

describe('history of a small room', () => {
  let rid: string;
  let sent: WireMessage[];

  beforeAll(async () => {
    await registerVisitor(api, { token: 'tok-small', name: 'Sam' });
    rid = (await openRoom(api, 'tok-small')).room._id;
    sent = await sendMany('tok-small', rid, 'm', 30);
  });

  it('returns the 20 newest messages, newest first, by default', async () => {
    const page = await history(api, 'tok-small', rid);
    expect(page.map((m) => m.msg)).toEqual(sent.slice(-20).reverse().map((m) => m.msg));
    expect(isDescendingByTs(page)).toBe(true);
  });

  it('honours limit', async () => {
    expect((await history(api, 'tok-small', rid, { limit: '5' })).map((m) => m.msg)).toEqual(['m-29', 'm-28', 'm-27', 'm-26', 'm-25']);
  });

  it('treats limit=0 as the default of 20, as Rocket.Chat\'s `if (limit)` does', async () => {
    expect(await history(api, 'tok-small', rid, { limit: '0' })).toHaveLength(20);
  });

  it('skips offset messages from the newest end', async () => {
    expect((await history(api, 'tok-small', rid, { limit: '3', offset: '2' })).map((m) => m.msg)).toEqual(['m-27', 'm-26', 'm-25']);
  });

  it('returns only messages strictly older than end', async () => {
    const pivot = sent[10]!;
    const page = await history(api, 'tok-small', rid, { end: pivot.ts, limit: '3' });
    expect(page.map((m) => m.msg)).toEqual(['m-9', 'm-8', 'm-7']);
    expect(page.every((m) => Date.parse(m.ts) < Date.parse(pivot.ts))).toBe(true);
  });

  it('reaches the system messages at the start of the room and then runs dry', async () => {
    const oldest = await history(api, 'tok-small', rid, { end: sent[0]!.ts, limit: '50' });
    expect(oldest.map((m) => m.t)).toEqual(['livechat-started']);
    expect(await history(api, 'tok-small', rid, { end: oldest[0]!.ts })).toEqual([]);
  });

  it('lets the room owner read history after the room is closed', async () => {
    await registerVisitor(api, { token: 'tok-closed-history' });
    const closedRid = (await openRoom(api, 'tok-closed-history')).room._id;
    await sendMessage(api, 'tok-closed-history', closedRid, 'before closing');
    expect((await api.post('livechat/room.close', { token: 'tok-closed-history', rid: closedRid })).status).toBe(200);
    const page = await history(api, 'tok-closed-history', closedRid);
    expect(page.map((m) => [m.t, m.msg])).toEqual([
      ['livechat-close', 'Closed by visitor'],
      [undefined, 'before closing'],
      ['livechat-started', ''],
    ]);
  });
});

describe('history of a room with thousands of messages', () => {
  const COUNT = 3000;
  let rid: string;
  let sent: WireMessage[];

  beforeAll(async () => {
    await registerVisitor(api, { token: 'tok-big', name: 'Bea' });
    rid = (await openRoom(api, 'tok-big')).room._id;
    sent = await sendMany('tok-big', rid, 'big', COUNT, 16);
  }, 60_000);

  it('pages back completely with end, with no duplicates or gaps', async () => {
    const seen: WireMessage[] = [];
    let end: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await history(api, 'tok-big', rid, { limit: '100', ...(end ? { end } : {}) });
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(100);
      seen.push(...page);
      end = page[page.length - 1]!.ts;
      pages++;
      if (pages > COUNT) throw new Error('paging does not terminate');
    }
    const ids = seen.map((m) => m._id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(isDescendingByTs(seen)).toBe(true);
    // Everything the visitor sent, plus the livechat-started message.
    const expected = new Set(sent.map((m) => m._id));
    expect(seen.filter((m) => !m.t).map((m) => m._id).sort()).toEqual([...expected].sort());
    expect(seen.filter((m) => m.t).map((m) => m.t)).toEqual(['livechat-started']);
    expect(pages).toBe(Math.ceil((COUNT + 1) / 100));
  });

  it('returns the same pages with offset as with end', async () => {
    const byOffset = await history(api, 'tok-big', rid, { limit: '50', offset: '1000' });
    let end: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await history(api, 'tok-big', rid, { limit: '100', ...(end ? { end } : {}) });
      end = page[page.length - 1]!.ts;
    }
    const byEnd = await history(api, 'tok-big', rid, { limit: '50', end: end! });
    expect(byOffset.map((m) => m._id)).toEqual(byEnd.map((m) => m._id));
  });

  it('never returns more than API_Upper_Count_Limit (100), however large, negative or fractional the limit', async () => {
    for (const limit of ['1000', '100000', '-100000', '0.5', '1e9']) {
      expect(await history(api, 'tok-big', rid, { limit })).toHaveLength(100);
    }
    expect(await history(api, 'tok-big', rid, { limit: '-7' })).toHaveLength(7);
  });

  it('follows API_Upper_Count_Limit when an admin changes it', async () => {
    running.standin.store.settings.API_Upper_Count_Limit = 250;
    try {
      expect(await history(api, 'tok-big', rid, { limit: '100000' })).toHaveLength(250);
    } finally {
      running.standin.store.settings.API_Upper_Count_Limit = 100;
    }
  });
});
