import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DdpClient } from '../../src/shared/rocketchat/ddp-client.ts';
import { FakeSocket, FakeWebSocket, latest } from './fake-socket.ts';

beforeEach(() => {
  FakeSocket.reset();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

function client(random = () => 0.5) {
  return new DdpClient({ url: 'ws://chat.test/websocket', WebSocket: FakeWebSocket, baseDelayMs: 1000, maxDelayMs: 30_000, heartbeatMs: 1000, random });
}

describe('DdpClient', () => {
  it('grows the retry delay exponentially, caps it, and never lets two clients retry in step', () => {
    const c = client(() => 0);
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => c.delayFor(n))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
    const jittered = client(() => 1);
    expect(jittered.delayFor(10)).toBe(30_000);
  });

  it('keeps reconnecting after many failures (no give-up after 3 tries)', () => {
    const c = client();
    c.open();
    for (let i = 0; i < 12; i++) {
      latest().drop();
      vi.advanceTimersByTime(31_000);
    }
    expect(FakeSocket.instances).toHaveLength(13);
    latest().accept();
    expect(c.current).toBe('connected');
  });

  it('re-sends its subscriptions after a reconnect and delivers events again', () => {
    const c = client();
    const events: unknown[] = [];
    c.subscribe('stream-room-messages', ['R1', { useCollection: false, args: [] }], (_e, args) => events.push(args[0]));
    c.open();
    latest().accept();
    expect(latest().frames('sub')).toHaveLength(1);
    latest().drop();
    vi.advanceTimersByTime(1000);
    latest().accept();
    const sub = latest().frames('sub')[0]!;
    expect(sub).toMatchObject({ name: 'stream-room-messages', params: ['R1', { useCollection: false, args: [] }] });
    latest().receive({ msg: 'changed', collection: 'stream-room-messages', id: 'id', fields: { eventName: 'R1', args: [{ _id: 'm', ts: { $date: 5 } }] } });
    expect(events).toEqual([{ _id: 'm', ts: new Date(5) }]);
  });

  it('answers server pings and gives up a silent socket so it can reconnect', () => {
    const c = client();
    c.open();
    const first = latest();
    first.accept();
    first.receive({ msg: 'ping', id: 'p1' });
    expect(first.frames('pong')).toEqual([{ msg: 'pong', id: 'p1' }]);
    vi.advanceTimersByTime(1500);
    expect(first.frames('ping')).toHaveLength(1);
    vi.advanceTimersByTime(1500);
    expect(first.readyState).toBe(3);
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('reconnects at once when asked, instead of waiting out the backoff', () => {
    const c = client();
    c.open();
    latest().drop();
    expect(FakeSocket.instances).toHaveLength(1);
    c.reconnectNow();
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('resolves method results and rejects pending calls when the connection drops', async () => {
    const c = client();
    c.open();
    latest().accept();
    const ok = c.call('login', [{ resume: 't' }]);
    latest().receive({ msg: 'result', id: (latest().frames('method')[0] as { id: string }).id, result: { id: 'u1' } });
    await expect(ok).resolves.toEqual({ id: 'u1' });
    const pending = c.call('stream-notify-room', []);
    latest().drop();
    await expect(pending).rejects.toThrow('connection lost');
  });
});
