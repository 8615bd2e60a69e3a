import { describe, expect, it } from 'vitest';
import type { ChatMessage, HistoryPage } from '../../src/widget/backend/chat-backend.ts';
import { earlierCursor } from '../../src/widget/backend/rocketchat/backend.ts';
import { pageBackwards, type PageLoader } from '../../src/widget/state/history-pager.ts';

/** A server with Rocket.Chat's semantics: newest `limit` messages with `ts < before`, returned oldest first. */
function server(times: number[]) {
  const all: ChatMessage[] = times.map((at, i) => ({ id: `m${i}`, text: `t${i}`, at, from: 'agent' }));
  let requests = 0;
  const load = async (before: number | undefined, limit: number) => {
    requests++;
    return all.filter((m) => before === undefined || m.at < before).slice(-limit);
  };
  return { all, load, requests: () => requests };
}

/** That server's pages through the Rocket.Chat adapter's cursors (its `loadHistory`, without HTTP). */
function viaCursors(load: (before: number | undefined, limit: number) => Promise<ChatMessage[]>, limit: number): PageLoader {
  return async (cursor): Promise<HistoryPage> => {
    const end = cursor === undefined ? undefined : Number(cursor);
    const messages = await load(end, limit);
    const earlier = earlierCursor(messages, end, limit);
    return { messages, ...(earlier ? { earlier } : {}) };
  };
}

describe('pageBackwards with the Rocket.Chat cursors', () => {
  it('reads a long conversation completely, once each, oldest first', async () => {
    const s = server(Array.from({ length: 2345 }, (_, i) => 1000 + i * 10));
    const r = await pageBackwards(viaCursors(s.load, 100));
    expect(r.complete).toBe(true);
    expect(r.messages.map((m) => m.id)).toEqual(s.all.map((m) => m.id));
    expect(s.requests()).toBeLessThanOrEqual(25);
  });

  it('skips nothing when messages share a millisecond across a page boundary', async () => {
    // Pages of 4; three messages at t=50 straddle the first boundary (fewer than a page can hold).
    const s = server([10, 20, 30, 40, 50, 50, 50, 60, 70]);
    const r = await pageBackwards(viaCursors(s.load, 4));
    // The order among same-millisecond messages is undefined (as on the server); none may be missing.
    expect(r.messages.map((m) => m.id).sort()).toEqual(s.all.map((m) => m.id).sort());
    expect(r.messages.map((m) => m.at)).toEqual(s.all.map((m) => m.at));
    // Paging strictly by `end`, as Rocket.Chat's own widget would, loses them.
    const naive: string[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await s.load(before, 4);
      naive.push(...page.map((m) => m.id));
      if (page.length < 4) break;
      before = page[0]!.at;
    }
    expect(new Set(naive).size).toBeLessThan(s.all.length);
  });

  it('terminates when a whole page shares one millisecond', async () => {
    const s = server([1, 2, 5, 5, 5, 5, 5, 5, 9]);
    const r = await pageBackwards(viaCursors(s.load, 3));
    // Strictly stepping past t=5 may leave some same-ms messages unread; it must not loop forever.
    expect(r.complete).toBe(true);
    expect(r.messages.map((m) => m.id)).toEqual(expect.arrayContaining(['m0', 'm1', 'm8']));
  });

  it('stops early when told to', async () => {
    const s = server(Array.from({ length: 500 }, (_, i) => i));
    const r = await pageBackwards(viaCursors(s.load, 50), { stop: (page) => page.some((m) => m.at < 420) });
    expect(r.complete).toBe(false);
    expect(s.requests()).toBe(2);
  });
});
