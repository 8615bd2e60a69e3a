import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/widget/backend/chat-backend.ts';
import { createMessageStore } from '../../src/widget/state/message-store.ts';

const msg = (id: string, at: number, from: ChatMessage['from'] = 'agent'): ChatMessage => ({ id, text: id, at, from });
const ids = (s: ReturnType<typeof createMessageStore>) => s.all.value.map((m) => `${m.id}:${m.status}`);

describe('the message store', () => {
  it('orders server messages by time whatever order they arrive in, and deduplicates by id', () => {
    const s = createMessageStore();
    s.upsert([msg('c', 30), msg('a', 10)]);
    s.upsert([msg('b', 20), msg('a', 10)]);
    s.upsert([msg('d', 40)]);
    expect(ids(s)).toEqual(['a:sent', 'b:sent', 'c:sent', 'd:sent']);
  });

  it('keeps the object of a message read again unchanged (nothing to redraw), and replaces one that changed', () => {
    const s = createMessageStore();
    s.upsert([msg('a', 10), msg('b', 20)]);
    const [a, b] = s.all.value;
    // History read again after a reconnect: equal copies, new objects.
    s.upsert([{ ...msg('a', 10), author: { username: 'ana', name: 'Ana' } }, msg('b', 20)]);
    expect(s.all.value[0]).not.toBe(a);
    expect(s.all.value[0]!.author?.name).toBe('Ana');
    expect(s.all.value[1]).toBe(b);
    s.upsert([{ ...msg('b', 20), text: 'b, edited', editedAt: 25 }]);
    expect(s.all.value[1]).not.toBe(b);
    expect(s.all.value[1]!.text).toBe('b, edited');
  });

  it('a page read again with nothing new leaves the conversation as it was: the same list, nothing to draw', () => {
    const s = createMessageStore();
    s.upsert([msg('a', 10), msg('b', 20)]);
    const list = s.all.value;
    expect(s.upsert([msg('a', 10), msg('b', 20)])).toEqual([]);
    expect(s.all.value).toBe(list);
    s.upsert([msg('c', 30)]);
    expect(s.all.value).not.toBe(list);
    expect(ids(s)).toEqual(['a:sent', 'b:sent', 'c:sent']);
  });

  it('keeps unsent messages at the bottom in typing order, then files each at its server time', () => {
    const s = createMessageStore();
    s.upsert([msg('a', 10)]);
    s.addLocal({ id: 'mine1', text: 'first', createdAt: 5 });
    s.addLocal({ id: 'mine2', text: 'second', createdAt: 6 });
    s.upsert([msg('b', 20)]);
    expect(ids(s)).toEqual(['a:sent', 'b:sent', 'mine1:sending', 'mine2:sending']);
    s.upsert([msg('mine1', 15, 'visitor')]);
    expect(ids(s)).toEqual(['a:sent', 'mine1:sent', 'b:sent', 'mine2:sending']);
    expect(s.outbox.value).toEqual([{ id: 'mine2', text: 'second', createdAt: 6 }]);
  });

  it('a message the stream delivered stays sent when its own request then fails, and never doubles', () => {
    const s = createMessageStore();
    s.addLocal({ id: 'mine', text: 'only once please', createdAt: 5 });
    // The server stored it and the stream echoed it, but the REST answer was lost.
    s.upsert([msg('mine', 10, 'visitor')]);
    s.update('mine', { status: 'failed', retryAt: 123 });
    expect(ids(s)).toEqual(['mine:sent']);
    expect(s.outbox.value).toEqual([]);
    // A resend that happened anyway is answered with the same message: still one copy.
    s.update('mine', { status: 'sending' });
    s.upsert([msg('mine', 10, 'visitor')]);
    expect(ids(s)).toEqual(['mine:sent']);
  });

  it('reports only the messages it did not know', () => {
    const s = createMessageStore();
    expect(s.upsert([msg('a', 1), msg('b', 2)]).map((m) => m.id)).toEqual(['a', 'b']);
    expect(s.upsert([msg('b', 2), msg('c', 3)]).map((m) => m.id)).toEqual(['c']);
  });

  it('applies an edit in place', () => {
    const s = createMessageStore();
    s.upsert([msg('a', 1), msg('b', 2)]);
    s.upsert([{ ...msg('a', 1), text: 'edited', editedAt: 9 }]);
    expect(s.all.value.map((m) => m.text)).toEqual(['edited', 'b']);
  });

  it('inserts thousands of messages quickly and in order', () => {
    const s = createMessageStore();
    for (let i = 0; i < 5000; i++) s.upsert([msg(`m${i}`, i % 2 ? 10_000 - i : i)]);
    const times = s.all.value.map((m) => m.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(s.oldestAt()).toBe(0);
  });
});

describe('messages the server names otherwise (Amazon Connect)', () => {
  it('replaces the queued copy by the stamped one (clientId), keeps one, and takes receipts that came first', () => {
    const store = createMessageStore();
    store.addLocal({ id: 'c1', text: 'hello', createdAt: 5 });
    store.setReceipt('S1', 'delivered');
    store.upsert([{ id: 'S1', clientId: 'c1', text: 'hello', at: 10, from: 'visitor' }]);
    expect(store.all.value.map((m) => [m.id, m.status, m.receipt])).toEqual([['S1', 'sent', 'delivered']]);
    expect(store.outbox.value).toEqual([]);
    // The echo again, and a read receipt: still one message, and the tick moves on (never back).
    store.upsert([{ id: 'S1', clientId: 'c1', text: 'hello', at: 10, from: 'visitor' }]);
    store.setReceipt('S1', 'read');
    store.setReceipt('S1', 'delivered');
    expect(store.all.value.map((m) => [m.id, m.receipt])).toEqual([['S1', 'read']]);
  });

  it('keeps one copy when history brought the stored message before the answer to our resend', () => {
    const store = createMessageStore();
    store.addLocal({ id: 'c2', text: 'lost answer', createdAt: 5 });
    store.upsert([{ id: 'S2', text: 'lost answer', at: 10, from: 'visitor' }]);
    store.upsert([{ id: 'S2', clientId: 'c2', text: 'lost answer', at: 10, from: 'visitor' }]);
    expect(store.all.value.map((m) => [m.id, m.status])).toEqual([['S2', 'sent']]);
  });
});
